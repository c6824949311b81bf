/*
 * xen_log.c: the xentoollog logger the driver gives libxenctrl and
 * libxenlight: their messages go to the library's debug log, and their
 * last error is kept for our own messages (see xen_priv.h).
 */

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "xen_priv.h"
#include "log.h"

/* The format comes from the Xen libraries through xentoollog's callback;
 * the attribute tells the compiler so (clang's -Wformat-nonliteral). */
static void __attribute__((format(printf, 5, 0)))
xenLoggerMessage(xentoollog_logger *lg, xentoollog_level level, int errnoval,
                 const char *context, const char *format, va_list al)
{
    xenLogger *logger = (xenLogger *)lg;
    char msg[sizeof(logger->last)];
    int n;

    n = vsnprintf(msg, sizeof(msg), format, al);
    if (n < 0)
        return;
    VIR_DEBUG("%s: %s", context != NULL ? context : "xen", msg);
    if (level < XTL_ERROR)
        return;
    if (errnoval >= 0)
        snprintf(logger->last, sizeof(logger->last), "%.400s: %.100s", msg,
                 strerror(errnoval));
    else
        snprintf(logger->last, sizeof(logger->last), "%s", msg);
}

static void
xenLoggerDestroy(xentoollog_logger *lg)
{
    (void)lg; /* embedded in xenPriv, freed with it */
}

void
xenLogReset(xenPriv *priv)
{
    priv->logger.last[0] = '\0';
}

const char *
xenLastError(const xenPriv *priv, const char *fallback)
{
    return priv->logger.last[0] != '\0' ? priv->logger.last : fallback;
}

void
xenLoggerInit(xenLogger *logger)
{
    logger->vtable.vmessage = xenLoggerMessage;
    logger->vtable.destroy = xenLoggerDestroy;
    logger->last[0] = '\0';
}
