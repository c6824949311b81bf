/*
 * error.h: error reporting inside the library.
 *
 * Report exactly once, where the failure is detected:
 *     virReportError(VIR_ERR_NO_DOMAIN, "no domain named '%s'", name);
 * Each .c file defines VIR_FROM_THIS (a virErrorDomain) before using it.
 * The record goes to the calling thread's last error and, when a
 * connection is known, to that connection's last error too.
 */

#ifndef LIBVIR_ERROR_H
#define LIBVIR_ERROR_H

#include "libvir.h"

#define VIR_ERROR_MESSAGE_MAX 1024

/* An error record with its own message storage, so that reporting an
 * error (even "out of memory") never allocates. */
typedef struct _virErrorSlot virErrorSlot;

struct _virErrorSlot {
    virError err;
    char buf[VIR_ERROR_MESSAGE_MAX];
};

void virErrorSlotReset(virErrorSlot *slot);

void virReportErrorFull(virConnectPtr conn, virDomainPtr dom, int from,
                        int code, const char *file, const char *func, int line,
                        const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

/* Error without a handle: goes to the thread's last error only. */
#define virReportError(code, ...)                                           \
    virReportErrorFull(NULL, NULL, VIR_FROM_THIS, code, __FILE__, __func__, \
                       __LINE__, __VA_ARGS__)

/* Error about a connection or domain: also recorded on the connection. */
#define virReportConnError(conn, code, ...)                                 \
    virReportErrorFull(conn, NULL, VIR_FROM_THIS, code, __FILE__, __func__, \
                       __LINE__, __VA_ARGS__)
#define virReportDomainError(dom, code, ...)                               \
    virReportErrorFull(NULL, dom, VIR_FROM_THIS, code, __FILE__, __func__, \
                       __LINE__, __VA_ARGS__)

#define virReportOOMError() \
    virReportError(VIR_ERR_NO_MEMORY, "%s", "out of memory")

/* errno-based: appends ": strerror(errnum)" to the message. */
void virReportSystemErrorFull(int from, int errnum, const char *file,
                              const char *func, int line, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
#define virReportSystemError(errnum, ...)                               \
    virReportSystemErrorFull(VIR_FROM_THIS, errnum, __FILE__, __func__, \
                             __LINE__, __VA_ARGS__)

/* Called when a handle dies, so no error record keeps pointing at it. */
void virErrorForgetHandles(virConnectPtr conn, virDomainPtr dom);

/* True when the calling thread's last error is set. */
int virErrorIsSet(void);

#endif /* LIBVIR_ERROR_H */
