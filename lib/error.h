/*
 * error.h: error reporting inside the library.
 *
 * Report exactly once, where the failure is detected:
 *     virReportError(VIR_ERR_NO_DOMAIN, "no domain named '%s'", name);
 * Each .c file defines VIR_FROM_THIS (a virErrorDomain) before using it.
 * The record goes to the calling thread's last error, with the file,
 * function and line that reported it, and to the log at VIR_LOG_ERROR.
 * Errors about a connection or a domain (virReportConnError) are
 * declared in datatypes.h, which knows the handles.
 *
 * This file knows nothing of the handles beyond their public pointer
 * types: the connection's copy of its last error is a virErrorSlot that
 * the caller passes in.
 */

#ifndef LIBVIR_ERROR_H
#define LIBVIR_ERROR_H

#include "libvir.h"

#define VIR_ERROR_MESSAGE_MAX 1024

/* An error record with its own message storage, so that reporting an
 * error (even "out of memory") never allocates, and the place in the
 * library that reported it (static strings; NULL when none). */
typedef struct _virErrorSlot virErrorSlot;

struct _virErrorSlot {
    virError err;
    const char *file;
    const char *func;
    int line;
    char buf[VIR_ERROR_MESSAGE_MAX]; /* last: a reset skips it */
};

void virErrorSlotReset(virErrorSlot *slot);

/* Records @msg as the calling thread's last error about @conn and @dom
 * (both may be NULL; the caller has checked them), keeps a copy in @keep
 * (the connection's slot) unless NULL, logs it and calls the error
 * handler. */
void virErrorRecord(virErrorSlot *keep, virConnectPtr conn, virDomainPtr dom,
                    int from, int code, const char *file, const char *func,
                    int line, const char *msg);

/* After a failed call: ties the thread's last error to @conn and @dom
 * (when not NULL) and keeps a copy in @keep.  Returns -1 when no error
 * is set, 0 otherwise. */
int virErrorAttach(virErrorSlot *keep, virConnectPtr conn, virDomainPtr dom);

void virReportErrorFull(int from, int code, const char *file, const char *func,
                        int line, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Error without a handle: goes to the thread's last error only. */
#define virReportError(code, ...)                                         \
    virReportErrorFull(VIR_FROM_THIS, code, __FILE__, __func__, __LINE__, \
                       __VA_ARGS__)

#define virReportOOMError() \
    virReportError(VIR_ERR_NO_MEMORY, "%s", "out of memory")

/* errno-based: appends ": strerror(errnum)" to the message. */
void virReportSystemErrorFull(int from, int errnum, const char *file,
                              const char *func, int line, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
#define virReportSystemError(errnum, ...)                               \
    virReportSystemErrorFull(VIR_FROM_THIS, errnum, __FILE__, __func__, \
                             __LINE__, __VA_ARGS__)

/* Called when a handle dies, so that the thread's last error does not
 * keep pointing at it. */
void virErrorForgetHandles(virConnectPtr conn, virDomainPtr dom);

/* True when the calling thread's last error is set. */
int virErrorIsSet(void);

/* The slot behind @err when @err is the calling thread's last error,
 * else NULL. */
const virErrorSlot *virErrorThreadSlot(virErrorPtr err);

/* The origin of @slot's error: 0, or -1 when none was recorded. */
int virErrorSlotOrigin(const virErrorSlot *slot, const char **file,
                       const char **func, int *line);

#endif /* LIBVIR_ERROR_H */
