/*
 * error.c: error records.
 *
 * Each thread has its own last error (thread-local storage, no
 * allocation); each connection keeps a copy of the last error reported
 * about it, so that a caller sharing one thread between connections can
 * still ask "what failed on this one".  That copy lives in the
 * connection (datatypes.h), which passes its slot in: this file never
 * looks inside a handle.
 */

#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>

#include "error.h"
#include "log.h"

static __thread virErrorSlot threadError;

static pthread_mutex_t handlerLock = PTHREAD_MUTEX_INITIALIZER;
static virErrorFunc errorHandler;
static void *errorHandlerData;

void
virErrorSlotReset(virErrorSlot *slot)
{
    memset(slot, 0, offsetof(virErrorSlot, buf));
    slot->buf[0] = '\0';
}

/* The one place a connection's copy of an error is written. */
static void
virErrorKeep(virErrorSlot *keep, const virErrorSlot *src)
{
    if (keep == NULL)
        return;
    *keep = *src;
    keep->err.message = keep->buf;
}

static void
virErrorDispatch(virErrorSlot *slot)
{
    virErrorFunc handler;
    void *data;

    virLogText(VIR_LOG_ERROR, slot->file, slot->func, slot->line, slot->buf);
    pthread_mutex_lock(&handlerLock);
    handler = errorHandler;
    data = errorHandlerData;
    pthread_mutex_unlock(&handlerLock);
    if (handler != NULL)
        handler(data, &slot->err);
}

void
virErrorRecord(virErrorSlot *keep, virConnectPtr conn, virDomainPtr dom,
               int from, int code, const char *file, const char *func, int line,
               const char *msg)
{
    virErrorSlot *slot = &threadError;

    virErrorSlotReset(slot);
    snprintf(slot->buf, sizeof(slot->buf), "%s", msg);
    slot->err.code = code;
    slot->err.domain = from;
    slot->err.message = slot->buf;
    slot->err.level = VIR_ERR_ERROR;
    slot->err.conn = conn;
    slot->err.dom = dom;
    slot->file = file;
    slot->func = func;
    slot->line = line;
    virErrorKeep(keep, slot);
    virErrorDispatch(slot);
}

int
virErrorAttach(virErrorSlot *keep, virConnectPtr conn, virDomainPtr dom)
{
    virErrorSlot *slot = &threadError;

    if (slot->err.code == VIR_ERR_OK)
        return -1;
    if (conn != NULL)
        slot->err.conn = conn;
    if (dom != NULL)
        slot->err.dom = dom;
    virErrorKeep(keep, slot);
    return 0;
}

void
virReportErrorFull(int from, int code, const char *file, const char *func,
                   int line, const char *fmt, ...)
{
    char msg[VIR_ERROR_MESSAGE_MAX];
    va_list ap;
    int saved = errno;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    virErrorRecord(NULL, NULL, NULL, from, code, file, func, line, msg);
    errno = saved;
}

void
virReportSystemErrorFull(int from, int errnum, const char *file,
                         const char *func, int line, const char *fmt, ...)
{
    char msg[VIR_ERROR_MESSAGE_MAX];
    char errbuf[256];
    const char *errtext;
    size_t len;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    errtext = strerror_r(errnum, errbuf, sizeof(errbuf));
    len = strlen(msg);
    if (len < sizeof(msg))
        snprintf(msg + len, sizeof(msg) - len, ": %s", errtext);
    virErrorRecord(NULL, NULL, NULL, from, VIR_ERR_SYSTEM_ERROR, file, func,
                   line, msg);
    errno = errnum;
}

void
virErrorForgetHandles(virConnectPtr conn, virDomainPtr dom)
{
    virErrorSlot *slot = &threadError;

    if (conn != NULL && slot->err.conn == conn)
        slot->err.conn = NULL;
    if (dom != NULL && slot->err.dom == dom)
        slot->err.dom = NULL;
}

const virErrorSlot *
virErrorThreadSlot(virErrorPtr err)
{
    return err == &threadError.err ? &threadError : NULL;
}

int
virErrorSlotOrigin(const virErrorSlot *slot, const char **file,
                   const char **func, int *line)
{
    if (slot == NULL || slot->err.code == VIR_ERR_OK || slot->file == NULL)
        return -1;
    if (file != NULL)
        *file = slot->file;
    if (func != NULL)
        *func = slot->func;
    if (line != NULL)
        *line = slot->line;
    return 0;
}

int
virErrorIsSet(void)
{
    return threadError.err.code != VIR_ERR_OK;
}

/**
 * virGetLastError:
 *
 * The last error reported on the calling thread.
 *
 * Returns a pointer to it, valid until the next library call on this
 * thread, or NULL when the last call succeeded.
 */
virErrorPtr
virGetLastError(void)
{
    if (threadError.err.code == VIR_ERR_OK)
        return NULL;
    return &threadError.err;
}

/**
 * virResetLastError:
 *
 * Clears the calling thread's last error.  Every public function does
 * this on entry.
 */
void
virResetLastError(void)
{
    virErrorSlotReset(&threadError);
}

/**
 * virSetErrorFunc:
 * @userData: passed back to @handler
 * @handler: called for every error reported, in the reporting thread; NULL
 *           to stop
 *
 * Sets the process-wide error callback.
 */
void
virSetErrorFunc(void *userData, virErrorFunc handler)
{
    pthread_mutex_lock(&handlerLock);
    errorHandler = handler;
    errorHandlerData = userData;
    pthread_mutex_unlock(&handlerLock);
}
