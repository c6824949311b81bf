/*
 * log.c: debug logging through a hook set by the caller.
 */

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <pthread.h>

#include "log.h"

static pthread_mutex_t logLock = PTHREAD_MUTEX_INITIALIZER;
static virLogFunc logHook;
static void *logOpaque;

void
virLogSetHook(virLogFunc func, void *opaque)
{
    pthread_mutex_lock(&logLock);
    __atomic_store_n(&logHook, func, __ATOMIC_RELAXED);
    logOpaque = opaque;
    pthread_mutex_unlock(&logLock);
}

/* Racy read on purpose: it only decides whether to format a message, and
 * virLogMessage re-reads the hook under the lock. */
int
virLogEnabled(void)
{
    return __atomic_load_n(&logHook, __ATOMIC_RELAXED) != NULL;
}

void
virLogMessage(const char *file, int line, const char *func, const char *fmt,
              ...)
{
    char msg[1024];
    va_list ap;
    virLogFunc hook;
    void *opaque;

    pthread_mutex_lock(&logLock);
    hook = logHook;
    opaque = logOpaque;
    pthread_mutex_unlock(&logLock);
    if (hook == NULL)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    hook(opaque, file, line, func, msg);
}
