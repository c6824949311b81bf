/*
 * daemonlog.c: xensnmpd's log target (see daemonlog.h).
 *
 * net-snmp hands every line to its "callback" log handler, which calls
 * the SNMP_CALLBACK_LOGGING callbacks; ours writes the line to the log
 * file when there is one and shows it to the watcher.  stderr and syslog
 * stay net-snmp's own handlers.  All of it runs on the main thread: the
 * worker threads never log.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "daemonlog.h"

/* File-local: the process has one log. */
static struct {
    int fd; /* the log file, or -1 */
    xsDaemonLogWatcher watcher;
    bool registered; /* our logging callback */
} xsDaemonLog = {
    .fd = -1,
};

static void
xsDaemonLogWrite(const char *msg)
{
    size_t len = strlen(msg);
    ssize_t n;

    while (len > 0) {
        n = write(xsDaemonLog.fd, msg, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return; /* nowhere left to say so */
        msg += n;
        len -= (size_t)n;
    }
}

static int
xsDaemonLogLine(int majorID, int minorID, void *serverarg, void *clientarg)
{
    const struct snmp_log_message *m = serverarg;

    (void)majorID;
    (void)minorID;
    (void)clientarg;
    if (m == NULL || m->msg == NULL)
        return 0;
    if (xsDaemonLog.fd >= 0)
        xsDaemonLogWrite(m->msg);
    if (xsDaemonLog.watcher != NULL)
        xsDaemonLog.watcher(m->priority, m->msg);
    return 0;
}

int
xsDaemonLogSetup(xsLogTarget target, const char *file, bool foreground,
                 char *err, size_t errlen)
{
    int fd = -1;

    if (target == XS_LOG_FILE) {
        fd = open(file,
                  O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
                      O_NOCTTY,
                  0640);
        if (fd < 0) {
            snprintf(err, errlen, "log file '%s': %s", file,
                     errno == ELOOP ? "is a symbolic link, not followed"
                                    : strerror(errno));
            return -1;
        }
    }
    if (!xsDaemonLog.registered) {
        if (snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING,
                                   xsDaemonLogLine, NULL) != SNMPERR_SUCCESS) {
            snprintf(err, errlen, "cannot follow net-snmp's log");
            if (fd >= 0)
                close(fd);
            return -1;
        }
        xsDaemonLog.registered = true;
    }
    snmp_disable_log();
    xsDaemonLogClose();
    xsDaemonLog.fd = fd;
    if (target == XS_LOG_STDERR || (target == XS_LOG_DEFAULT && foreground))
        snmp_enable_stderrlog();
    else if (target != XS_LOG_FILE)
        snmp_enable_syslog_ident("xensnmpd", LOG_DAEMON);
    snmp_enable_calllog();
    return 0;
}

void
xsDaemonLogSetWatcher(xsDaemonLogWatcher fn)
{
    xsDaemonLog.watcher = fn;
}

void
xsDaemonLogClose(void)
{
    if (xsDaemonLog.fd >= 0)
        close(xsDaemonLog.fd);
    xsDaemonLog.fd = -1;
}
