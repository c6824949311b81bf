/*
 * libvir_log.h: the library's diagnostics, beyond the reference API.
 *
 * libvir never prints.  A caller that wants to see what the library does
 * (xensnmpd's -D output) installs one callback; every public call, every
 * error reported and the drivers' debug messages then reach it with the
 * place in the library's source they come from.  Not part of the
 * reference: a program written against the reference never needs this
 * header, and libvir.h stays exactly the reference.
 */

#ifndef LIBVIR_LOG_H_PUBLIC
#define LIBVIR_LOG_H_PUBLIC

#include "libvir.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * virLogPriority:
 *
 * How much a message matters.  Each public call is logged at
 * VIR_LOG_DEBUG with its arguments; each error reported is logged at
 * VIR_LOG_ERROR, once, where the library detected it.
 */
typedef enum {
    VIR_LOG_DEBUG = 1,
    VIR_LOG_INFO = 2,
    VIR_LOG_WARN = 3,
    VIR_LOG_ERROR = 4
} virLogPriority;

/**
 * virLogFunc:
 * @userData: the pointer given to virSetLogFunc()
 * @priority: a virLogPriority
 * @file: the library source file the message comes from ("lib/libvir.c")
 * @func: the function in it
 * @line: the line in @file
 * @message: the text, one line without a trailing newline
 *
 * Receives the library's log messages, in the thread that logs them
 * (several threads may call it at once).  The strings are valid only
 * during the call.  It must not call back into the library.
 */
typedef void (*virLogFunc)(void *userData, int priority, const char *file,
                           const char *func, int line, const char *message);

/**
 * virSetLogFunc:
 * @userData: passed back to @handler
 * @handler: called for every log message; NULL (the default) to stop
 *
 * Routes the library's log to @handler, process-wide.  Without one the
 * library does not even format its messages.
 */
void virSetLogFunc(void *userData, virLogFunc handler);

/**
 * virErrorGetOrigin:
 * @err: an error as virGetLastError() or virConnGetLastError() returned
 *       it, or as an error handler received it
 * @file: where to store the library source file that reported it (OUT)
 * @func: where to store the function (OUT)
 * @line: where to store the line (OUT)
 *
 * Tells where in the library @err was reported: the facts the public
 * virError record has no field for.  The strings are static.
 *
 * Returns 0, or -1 when @err is NULL or is not one of the records above
 * (a copy, or a record already cleared).
 */
int virErrorGetOrigin(virErrorPtr err, const char **file, const char **func,
                      int *line);

#ifdef __cplusplus
}
#endif

#endif /* LIBVIR_LOG_H_PUBLIC */
