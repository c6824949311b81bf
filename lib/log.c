/*
 * log.c: the library's log, routed to the hook a caller sets.
 */

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <pthread.h>

#include "log.h"

static pthread_mutex_t logLock = PTHREAD_MUTEX_INITIALIZER;
static virLogFunc logHook;
static void *logUserData;

/**
 * virSetLogFunc:
 * @userData: passed back to @handler
 * @handler: called for every log message; NULL to stop
 *
 * See include/libvir_log.h.
 */
void
virSetLogFunc(void *userData, virLogFunc handler)
{
    pthread_mutex_lock(&logLock);
    __atomic_store_n(&logHook, handler, __ATOMIC_RELAXED);
    logUserData = userData;
    pthread_mutex_unlock(&logLock);
}

/* Racy read on purpose: it only decides whether to format a message, and
 * virLogText re-reads the hook under the lock. */
bool
virLogEnabled(void)
{
    return __atomic_load_n(&logHook, __ATOMIC_RELAXED) != NULL;
}

void
virLogText(int priority, const char *file, const char *func, int line,
           const char *msg)
{
    virLogFunc hook;
    void *userData;

    pthread_mutex_lock(&logLock);
    hook = logHook;
    userData = logUserData;
    pthread_mutex_unlock(&logLock);
    if (hook != NULL)
        hook(userData, priority, file, func, line, msg);
}

void
virLogMessage(int priority, const char *file, const char *func, int line,
              const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    if (!virLogEnabled())
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    virLogText(priority, file, func, line, msg);
}
