/*
 * agentconf.h: xensnmpd's configuration (conf/xensnmpd.conf, documented in
 * xensnmpd.conf(5)), parsed without net-snmp so that it can be tested and
 * fuzzed on its own.
 *
 * Format: one "keyword value" per line; '#' starts a comment; blank lines
 * are ignored.  Keywords:
 *   uri URI                  hypervisor connection (default xen:///)
 *   agentx-socket PATH       master's AgentX socket (default: net-snmp's,
 *                            /var/agentx/master)
 *   refresh-interval SECS    snapshot interval, 0.1 .. 3600 (default 1)
 *   control yes|no           accept SETs (default no)
 *   notifications yes|no     send notifications (default yes)
 *   log stderr|syslog|file:PATH   (default syslog; stderr in foreground)
 *   pidfile PATH             (default none)
 * An unknown keyword, a missing or malformed value, or a keyword given
 * twice is an error naming the file and line.
 */

#ifndef XENSNMP_AGENTCONF_H
#define XENSNMP_AGENTCONF_H

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    XS_LOG_DEFAULT = 0, /* syslog, or stderr when in the foreground */
    XS_LOG_STDERR,
    XS_LOG_SYSLOG,
    XS_LOG_FILE
} xsLogTarget;

typedef struct _xsConfig xsConfig;

struct _xsConfig {
    char *uri;              /* NULL: libvir's default */
    char *agentxSocket;     /* NULL: net-snmp's default */
    unsigned int refreshMs; /* 100 .. 3600000, default 1000 */
    bool control;           /* default false */
    bool notifications;     /* default true */
    xsLogTarget log;
    char *logFile; /* when log == XS_LOG_FILE */
    char *pidfile; /* may be NULL */
};

/* Sets the defaults. */
void xsConfigInit(xsConfig *cfg);

/* Parses @len bytes of @text (named @source in messages) over @cfg, which
 * holds defaults or earlier values.  Returns 0, or -1 with a message
 * "SOURCE:LINE: reason" in @err (of @errlen bytes); on error @cfg is left
 * unchanged. */
int xsConfigParse(xsConfig *cfg, const char *text, size_t len,
                  const char *source, char *err, size_t errlen);

/* Reads and parses the file at @path the same way; a file that cannot be
 * read is an error naming it and the reason. */
int xsConfigLoad(xsConfig *cfg, const char *path, char *err, size_t errlen);

/* Deep copy, for reloads that may fail.  -1 on OOM. */
int xsConfigCopy(xsConfig *dst, const xsConfig *src);

void xsConfigClear(xsConfig *cfg);

#endif /* XENSNMP_AGENTCONF_H */
