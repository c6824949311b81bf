/*
 * daemonlog.h: where xensnmpd's log goes (stderr, syslog or a file), and
 * a look at every line net-snmp logs.
 *
 * A log file is opened here, not by net-snmp's fopen(): without following
 * a symbolic link and created with mode 0640 whatever the umask.  Every
 * line also reaches the watcher, which is how the agent learns what
 * net-snmp only logs (the master refusing a registration).
 */

#ifndef XENSNMP_DAEMONLOG_H
#define XENSNMP_DAEMONLOG_H

#include <stdbool.h>
#include <stddef.h>

#include "agentconf.h"

/* Receives each logged line (LOG_* priority, text with its newline). */
typedef void (*xsDaemonLogWatcher)(int priority, const char *msg);

/**
 * xsDaemonLogSetup:
 * @target: the configured target
 * @file: the file when @target is XS_LOG_FILE
 * @foreground: what XS_LOG_DEFAULT means: stderr, else syslog
 * @err, @errlen: receives the reason on failure
 *
 * Sends the log to @target from now on.  On failure (a file that cannot
 * be opened) the log stays where it was.  Returns 0 or -1.
 */
int xsDaemonLogSetup(xsLogTarget target, const char *file, bool foreground,
                     char *err, size_t errlen);

/* At most one; NULL removes it. */
void xsDaemonLogSetWatcher(xsDaemonLogWatcher fn);

/* Closes the log file, if any; net-snmp's own handlers stay. */
void xsDaemonLogClose(void);

#endif /* XENSNMP_DAEMONLOG_H */
