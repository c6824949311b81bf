/*
 * libvirlog.c: libvir's log as net-snmp debug messages (see libvirlog.h).
 *
 * The library calls the hook in whatever thread logs: the refresh and
 * lifecycle workers as well as the main thread.  net-snmp's debug output
 * only reads its token table (set before the workers start) and writes
 * through the log handlers, each of which serialises its own writes (a
 * FILE's lock, or the agent's log file handler), so a worker may call it.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "libvir_log.h"
#include "libvirlog.h"

static const char *
xsLibvirLogLevel(int priority)
{
    switch (priority) {
    case VIR_LOG_ERROR:
        return "error";
    case VIR_LOG_WARN:
        return "warning";
    case VIR_LOG_INFO:
        return "info";
    default:
        return "debug";
    }
}

static void
xsLibvirLogMessage(void *userData, int priority, const char *file,
                   const char *func, int line, const char *message)
{
    (void)userData;
    DEBUGMSGTL(("libvir", "%s: %s:%d %s(): %s\n", xsLibvirLogLevel(priority),
                file, line, func, message));
}

void
xsLibvirLogInit(void)
{
    if (snmp_get_do_debugging() &&
        debug_is_token_registered("libvir") == SNMPERR_SUCCESS)
        virSetLogFunc(NULL, xsLibvirLogMessage);
}

void
xsLibvirLogShutdown(void)
{
    virSetLogFunc(NULL, NULL);
}
