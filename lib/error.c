/*
 * error.c: error records, per thread and per connection.
 *
 * Each thread has its own last error (thread-local storage, no
 * allocation); each connection keeps a copy of the last error reported
 * about it, so that a caller sharing one thread between connections can
 * still ask "what failed on this one".
 */

#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>

#include "error.h"
#include "datatypes.h"

static __thread virErrorSlot threadError;

static pthread_mutex_t handlerLock = PTHREAD_MUTEX_INITIALIZER;
static virErrorFunc errorHandler;
static void *errorHandlerData;

void
virErrorSlotReset(virErrorSlot *slot)
{
    memset(&slot->err, 0, sizeof(slot->err));
    slot->buf[0] = '\0';
}

static void
virErrorSlotCopy(virErrorSlot *dst, const virErrorSlot *src)
{
    dst->err = src->err;
    memcpy(dst->buf, src->buf, sizeof(dst->buf));
    dst->err.message = dst->buf;
}

static void
virErrorDispatch(virErrorSlot *slot)
{
    virErrorFunc handler;
    void *data;

    pthread_mutex_lock(&handlerLock);
    handler = errorHandler;
    data = errorHandlerData;
    pthread_mutex_unlock(&handlerLock);
    if (handler != NULL)
        handler(data, &slot->err);
}

static void
virErrorRecord(virConnectPtr conn, virDomainPtr dom, int from, int code,
               const char *msg)
{
    virErrorSlot *slot = &threadError;

    if (conn == NULL && dom != NULL && virDomainIsValid(dom))
        conn = dom->conn;
    if (conn != NULL && !virConnectIsValid(conn))
        conn = NULL;

    virErrorSlotReset(slot);
    snprintf(slot->buf, sizeof(slot->buf), "%s", msg);
    slot->err.code = code;
    slot->err.domain = from;
    slot->err.message = slot->buf;
    slot->err.level = VIR_ERR_ERROR;
    slot->err.conn = conn;
    slot->err.dom = dom;

    if (conn != NULL)
        virErrorSlotCopy(&conn->err, slot);

    virErrorDispatch(slot);
}

void
virReportErrorFull(virConnectPtr conn, virDomainPtr dom, int from, int code,
                   const char *file, const char *func, int line,
                   const char *fmt, ...)
{
    char msg[VIR_ERROR_MESSAGE_MAX];
    va_list ap;
    int saved = errno;

    (void)file;
    (void)func;
    (void)line;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    virErrorRecord(conn, dom, from, code, msg);
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

    (void)file;
    (void)func;
    (void)line;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    errtext = strerror_r(errnum, errbuf, sizeof(errbuf));
    len = strlen(msg);
    if (len < sizeof(msg))
        snprintf(msg + len, sizeof(msg) - len, ": %s", errtext);
    virErrorRecord(NULL, NULL, from, VIR_ERR_SYSTEM_ERROR, msg);
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
    if (dom != NULL && dom->conn != NULL && dom->conn->err.err.dom == dom)
        dom->conn->err.err.dom = NULL;
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
 * virConnGetLastError:
 * @conn: a connection
 *
 * The last error reported about @conn, whatever thread reported it.
 *
 * Returns a pointer to it, valid while @conn is open and until the next
 * error on it, or NULL if none (or if @conn is invalid).
 */
virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    if (!virConnectIsValid(conn) || conn->err.err.code == VIR_ERR_OK)
        return NULL;
    return &conn->err.err;
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
 * virConnResetLastError:
 * @conn: a connection
 *
 * Clears the last error kept on @conn.
 */
void
virConnResetLastError(virConnectPtr conn)
{
    if (virConnectIsValid(conn))
        virErrorSlotReset(&conn->err);
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
