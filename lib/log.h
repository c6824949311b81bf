/*
 * log.h: debug logging through a hook set by the caller.  The library
 * never prints on its own.
 */

#ifndef LIBVIR_LOG_H
#define LIBVIR_LOG_H

typedef void (*virLogFunc)(void *opaque, const char *file, int line,
                           const char *func, const char *msg);

/* Sets the hook (NULL disables debug logging, the default). */
void virLogSetHook(virLogFunc func, void *opaque);

void virLogMessage(const char *file, int line, const char *func,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

int virLogEnabled(void);

#define VIR_DEBUG(...)                                                \
    do {                                                              \
        if (virLogEnabled())                                          \
            virLogMessage(__FILE__, __LINE__, __func__, __VA_ARGS__); \
    } while (0)

#endif /* LIBVIR_LOG_H */
