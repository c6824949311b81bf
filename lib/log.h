/*
 * log.h: the library's log, routed to the hook a caller sets with
 * virSetLogFunc() (include/libvir_log.h).  The library never prints on
 * its own.
 */

#ifndef LIBVIR_LOG_H
#define LIBVIR_LOG_H

#include <stdarg.h>
#include <stdbool.h>

#include "libvir_log.h"

/* True when a hook is set, so that callers skip formatting otherwise. */
bool virLogEnabled(void);

void virLogMessage(int priority, const char *file, const char *func, int line,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Passes an already formatted @msg to the hook. */
void virLogText(int priority, const char *file, const char *func, int line,
                const char *msg);

#define VIR_DEBUG(...)                                                 \
    do {                                                               \
        if (virLogEnabled())                                           \
            virLogMessage(VIR_LOG_DEBUG, __FILE__, __func__, __LINE__, \
                          __VA_ARGS__);                                \
    } while (0)

/* For the arguments of VIR_DEBUG: a string that may be NULL. */
#define VIR_NULLSTR(s) ((s) != NULL ? (s) : "(null)")

#endif /* LIBVIR_LOG_H */
