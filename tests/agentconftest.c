/*
 * agentconftest.c: xensnmpd's configuration parser (agent/agentconf.c).
 *
 * Each case parses a text over a configuration holding known earlier
 * values and checks the return value, the exact message and every field:
 * the new values after success, the earlier ones untouched after an error.
 */

#include <config.h>

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutils.h"
#include "agentconf.h"

typedef struct {
    const char *uri;
    const char *agentxSocket;
    unsigned int refreshMs;
    bool control;
    bool notifications;
    xsLogTarget log;
    const char *logFile;
    const char *pidfile;
} expectCfg;

typedef struct {
    const char *name;
    const char *text;
    bool fromEarlier; /* parse over the earlier values, not the defaults */
    const char *err;  /* NULL: must succeed */
    expectCfg want;   /* the result, or (on error) the untouched input */
} parseCase;

/* What a configuration holds before a case when fromEarlier is set. */
static const expectCfg earlier = {
    "test:///earlier", "/run/earlier",    2500, true, false, XS_LOG_FILE,
    "/var/log/e.log",  "/run/earlier.pid"};

#define DEFAULTS                                                  \
    {                                                             \
        NULL, NULL, 1000, false, true, XS_LOG_DEFAULT, NULL, NULL \
    }

static int
expectOptStr(const char *what, const char *actual, const char *expected)
{
    if (actual == NULL || expected == NULL) {
        if (actual == expected)
            return 0;
        return virTestFail("%s: got %s%s%s, expected %s%s%s", what,
                           actual ? "'" : "", actual ? actual : "NULL",
                           actual ? "'" : "", expected ? "'" : "",
                           expected ? expected : "NULL", expected ? "'" : "");
    }
    return virTestExpectStr(what, actual, expected);
}

static int
checkCfg(const xsConfig *cfg, const expectCfg *want)
{
    int ret = 0;

    ret |= expectOptStr("uri", cfg->uri, want->uri);
    ret |= expectOptStr("agentxSocket", cfg->agentxSocket, want->agentxSocket);
    ret |= virTestExpectInt("refreshMs", cfg->refreshMs, want->refreshMs);
    ret |= virTestExpectInt("control", cfg->control, want->control);
    ret |= virTestExpectInt("notifications", cfg->notifications,
                            want->notifications);
    ret |= virTestExpectInt("log", cfg->log, want->log);
    ret |= expectOptStr("logFile", cfg->logFile, want->logFile);
    ret |= expectOptStr("pidfile", cfg->pidfile, want->pidfile);
    return ret != 0 ? -1 : 0;
}

static int
setEarlier(xsConfig *cfg)
{
    xsConfigInit(cfg);
    if ((cfg->uri = strdup(earlier.uri)) == NULL ||
        (cfg->agentxSocket = strdup(earlier.agentxSocket)) == NULL ||
        (cfg->logFile = strdup(earlier.logFile)) == NULL ||
        (cfg->pidfile = strdup(earlier.pidfile)) == NULL)
        return -1;
    cfg->refreshMs = earlier.refreshMs;
    cfg->control = earlier.control;
    cfg->notifications = earlier.notifications;
    cfg->log = earlier.log;
    return 0;
}

static int
testParse(const void *data)
{
    const parseCase *c = data;
    xsConfig cfg;
    char err[256] = "unset";
    int rc;
    int ret = -1;

    xsConfigInit(&cfg);
    if (c->fromEarlier && setEarlier(&cfg) < 0) {
        virTestFail("out of memory");
        goto cleanup;
    }
    rc = xsConfigParse(&cfg, c->text, strlen(c->text), "test.conf", err,
                       sizeof(err));
    if (virTestExpectInt("return", rc, c->err != NULL ? -1 : 0) < 0)
        goto cleanup;
    if (virTestExpectStr("message", err, c->err != NULL ? c->err : "") < 0)
        goto cleanup;
    ret = checkCfg(&cfg, &c->want);

cleanup:
    xsConfigClear(&cfg);
    return ret;
}

static const parseCase parseCases[] = {
    /* ---- accepted ---- */
    {"config_parse_empty_defaults", "", false, NULL, DEFAULTS},
    {"config_parse_comments_blank_defaults", "# only a comment\n\n   \t\n",
     false, NULL, DEFAULTS},
    {"config_parse_uri_set",
     "uri test:///x.xml\n",
     false,
     NULL,
     {"test:///x.xml", NULL, 1000, false, true, XS_LOG_DEFAULT, NULL, NULL}},
    {"config_parse_agentx_socket_set",
     "agentx-socket /var/agentx/master\n",
     false,
     NULL,
     {NULL, "/var/agentx/master", 1000, false, true, XS_LOG_DEFAULT, NULL,
      NULL}},
    {"config_parse_agentx_tcp_ipv4_set",
     "agentx-socket tcp:127.0.0.1:705\n",
     false,
     NULL,
     {NULL, "tcp:127.0.0.1:705", 1000, false, true, XS_LOG_DEFAULT, NULL,
      NULL}},
    {"config_parse_agentx_tcp_name_set",
     "agentx-socket tcp:localhost:65535\n",
     false,
     NULL,
     {NULL, "tcp:localhost:65535", 1000, false, true, XS_LOG_DEFAULT, NULL,
      NULL}},
    {"config_parse_agentx_tcp_ipv6_set",
     "agentx-socket tcp:[::1]:7050\n",
     false,
     NULL,
     {NULL, "tcp:[::1]:7050", 1000, false, true, XS_LOG_DEFAULT, NULL, NULL}},
    {"config_parse_agentx_unix_prefix_set",
     "agentx-socket unix:/var/agentx/master\n",
     false,
     NULL,
     {NULL, "unix:/var/agentx/master", 1000, false, true, XS_LOG_DEFAULT, NULL,
      NULL}},
    {"config_parse_refresh_fraction_ms",
     "refresh-interval 0.5\n",
     false,
     NULL,
     {NULL, NULL, 500, false, true, XS_LOG_DEFAULT, NULL, NULL}},
    {"config_parse_refresh_minimum",
     "refresh-interval 0.1",
     false,
     NULL,
     {NULL, NULL, 100, false, true, XS_LOG_DEFAULT, NULL, NULL}},
    {"config_parse_refresh_maximum",
     "refresh-interval 3600\n",
     false,
     NULL,
     {NULL, NULL, 3600000, false, true, XS_LOG_DEFAULT, NULL, NULL}},
    {"config_parse_refresh_trailing_dot",
     "refresh-interval 2.\n",
     false,
     NULL,
     {NULL, NULL, 2000, false, true, XS_LOG_DEFAULT, NULL, NULL}},
    {"config_parse_control_yes",
     "control yes\n",
     false,
     NULL,
     {NULL, NULL, 1000, true, true, XS_LOG_DEFAULT, NULL, NULL}},
    {"config_parse_notifications_no",
     "notifications no\n",
     false,
     NULL,
     {NULL, NULL, 1000, false, false, XS_LOG_DEFAULT, NULL, NULL}},
    {"config_parse_log_stderr",
     "log stderr\n",
     false,
     NULL,
     {NULL, NULL, 1000, false, true, XS_LOG_STDERR, NULL, NULL}},
    {"config_parse_log_syslog_drops_file",
     "log syslog\n",
     true,
     NULL,
     {"test:///earlier", "/run/earlier", 2500, true, false, XS_LOG_SYSLOG, NULL,
      "/run/earlier.pid"}},
    {"config_parse_log_file_path",
     "log file:/var/log/xensnmpd.log\n",
     false,
     NULL,
     {NULL, NULL, 1000, false, true, XS_LOG_FILE, "/var/log/xensnmpd.log",
      NULL}},
    {"config_parse_pidfile_set",
     "pidfile /run/xensnmpd.pid\n",
     false,
     NULL,
     {NULL, NULL, 1000, false, true, XS_LOG_DEFAULT, NULL,
      "/run/xensnmpd.pid"}},
    {"config_parse_all_keywords_blanks_crlf",
     "  uri   xen:///  # trailing comment\r\n\tcontrol\tyes\n"
     "notifications yes\nrefresh-interval 1.25\nlog stderr\n"
     "agentx-socket /tmp/a\npidfile /tmp/p",
     false,
     NULL,
     {"xen:///", "/tmp/a", 1250, true, true, XS_LOG_STDERR, NULL, "/tmp/p"}},
    {"config_parse_over_earlier_keeps_others",
     "control no\n",
     true,
     NULL,
     {"test:///earlier", "/run/earlier", 2500, false, false, XS_LOG_FILE,
      "/var/log/e.log", "/run/earlier.pid"}},
};

/* Errors: all parsed over the earlier values, which must survive. */
#define EARLIER                                                            \
    {                                                                      \
        "test:///earlier", "/run/earlier", 2500, true, false, XS_LOG_FILE, \
            "/var/log/e.log", "/run/earlier.pid"                           \
    }
static const parseCase errorCases[] = {
    {"config_parse_unknown_keyword_fails", "bogus 1\n", true,
     "test.conf:1: unknown keyword 'bogus'", EARLIER},
    {"config_parse_missing_value_line4_fails", "# c\n\ncontrol yes\nuri\n",
     true, "test.conf:4: uri: missing value", EARLIER},
    {"config_parse_uri_blank_fails", "uri a b\n", true,
     "test.conf:1: uri: must not contain blanks or control characters",
     EARLIER},
    {"config_parse_uri_twice_fails", "uri x\nuri y\n", true,
     "test.conf:2: uri: given twice", EARLIER},
    {"config_parse_control_twice_fails", "control yes\ncontrol no\n", true,
     "test.conf:2: control: given twice", EARLIER},
    {"config_parse_control_true_fails", "control true\n", true,
     "test.conf:1: control: expects yes or no", EARLIER},
    {"config_parse_control_uppercase_fails", "control YES\n", true,
     "test.conf:1: control: expects yes or no", EARLIER},
    {"config_parse_notifications_on_fails", "notifications on\n", true,
     "test.conf:1: notifications: expects yes or no", EARLIER},
    {"config_parse_two_values_fails", "control yes no\n", true,
     "test.conf:1: control: expects one value", EARLIER},
    {"config_parse_refresh_below_min_fails", "refresh-interval 0.09\n", true,
     "test.conf:1: refresh-interval: '0.09' is not a number of seconds "
     "from 0.1 to 3600",
     EARLIER},
    {"config_parse_refresh_above_max_fails", "refresh-interval 3600.001\n",
     true,
     "test.conf:1: refresh-interval: '3600.001' is not a number of seconds "
     "from 0.1 to 3600",
     EARLIER},
    {"config_parse_refresh_exponent_fails", "refresh-interval 1e3\n", true,
     "test.conf:1: refresh-interval: '1e3' is not a number of seconds "
     "from 0.1 to 3600",
     EARLIER},
    {"config_parse_refresh_negative_fails", "refresh-interval -1\n", true,
     "test.conf:1: refresh-interval: '-1' is not a number of seconds "
     "from 0.1 to 3600",
     EARLIER},
    {"config_parse_refresh_dot_only_fails", "refresh-interval .\n", true,
     "test.conf:1: refresh-interval: '.' is not a number of seconds "
     "from 0.1 to 3600",
     EARLIER},
    {"config_parse_refresh_two_dots_fails", "refresh-interval 1.2.3\n", true,
     "test.conf:1: refresh-interval: '1.2.3' is not a number of seconds "
     "from 0.1 to 3600",
     EARLIER},
    {"config_parse_agentx_relative_fails", "agentx-socket var/agentx\n", true,
     "test.conf:1: agentx-socket: 'var/agentx' is not an absolute path",
     EARLIER},
    {"config_parse_agentx_tcp_without_port_fails",
     "agentx-socket tcp:127.0.0.1\n", true,
     "test.conf:1: agentx-socket: 'tcp:127.0.0.1' is not an absolute path, "
     "unix:PATH "
     "or tcp:HOST:PORT",
     EARLIER},
    {"config_parse_agentx_tcp_without_host_fails", "agentx-socket tcp::705\n",
     true,
     "test.conf:1: agentx-socket: 'tcp::705' is not an absolute path, "
     "unix:PATH "
     "or tcp:HOST:PORT",
     EARLIER},
    {"config_parse_agentx_tcp_port_0_fails", "agentx-socket tcp:localhost:0\n",
     true,
     "test.conf:1: agentx-socket: 'tcp:localhost:0' is not an absolute path, "
     "unix:PATH "
     "or tcp:HOST:PORT",
     EARLIER},
    {"config_parse_agentx_tcp_port_65536_fails",
     "agentx-socket tcp:localhost:65536\n", true,
     "test.conf:1: agentx-socket: 'tcp:localhost:65536' is not an absolute "
     "path, unix:PATH "
     "or tcp:HOST:PORT",
     EARLIER},
    {"config_parse_agentx_tcp_port_not_number_fails",
     "agentx-socket tcp:localhost:70a\n", true,
     "test.conf:1: agentx-socket: 'tcp:localhost:70a' is not an absolute path, "
     "unix:PATH "
     "or tcp:HOST:PORT",
     EARLIER},
    {"config_parse_agentx_tcp_ipv6_unbracketed_fails",
     "agentx-socket tcp:[::1:705\n", true,
     "test.conf:1: agentx-socket: 'tcp:[::1:705' is not an absolute path, "
     "unix:PATH "
     "or tcp:HOST:PORT",
     EARLIER},
    {"config_parse_agentx_unix_relative_fails",
     "agentx-socket unix:var/agentx\n", true,
     "test.conf:1: agentx-socket: 'var/agentx' is not an absolute path",
     EARLIER},
    {"config_parse_pidfile_relative_fails", "pidfile run.pid\n", true,
     "test.conf:1: pidfile: 'run.pid' is not an absolute path", EARLIER},
    {"config_parse_log_file_relative_fails", "log file:rel.log\n", true,
     "test.conf:1: log: 'rel.log' is not an absolute path", EARLIER},
    {"config_parse_log_file_empty_fails", "log file:\n", true,
     "test.conf:1: log: expects stderr, syslog or file:PATH", EARLIER},
    {"config_parse_log_unknown_fails", "log console\n", true,
     "test.conf:1: log: expects stderr, syslog or file:PATH", EARLIER},
    /* A valid first line must not leak into the configuration when a
     * later one fails. */
    {"config_parse_late_error_rolls_back",
     "uri test:///new\nrefresh-interval 5\nlog stderr\nfoo\n", true,
     "test.conf:4: unknown keyword 'foo'", EARLIER},
};

static int
testParseNul(const void *data)
{
    static const char text[] = "uri x\ncontrol \0yes\n";
    xsConfig cfg;
    char err[128] = "";
    int ret = -1;

    (void)data;
    xsConfigInit(&cfg);
    if (virTestExpectInt("return",
                         xsConfigParse(&cfg, text, sizeof(text) - 1, "nul", err,
                                       sizeof(err)),
                         -1) < 0 ||
        virTestExpectStr("message", err, "nul:2: NUL byte in line") < 0)
        goto cleanup;
    ret = expectOptStr("uri", cfg.uri, NULL);

cleanup:
    xsConfigClear(&cfg);
    return ret;
}

/* A short error buffer is filled, terminated and not overrun. */
static int
testParseShortErr(const void *data)
{
    xsConfig cfg;
    char err[16];

    (void)data;
    memset(err, 'x', sizeof(err));
    xsConfigInit(&cfg);
    if (virTestExpectInt(
            "return", xsConfigParse(&cfg, "bogus\n", 6, "test.conf", err, 10),
            -1) < 0)
        return -1;
    if (virTestExpectStr("message", err, "test.conf") < 0 ||
        virTestExpectInt("byte after", err[10], 'x') < 0)
        return -1;
    return 0;
}

static int
testCopy(const void *data)
{
    xsConfig src;
    xsConfig dst;
    int ret = -1;

    (void)data;
    xsConfigInit(&dst);
    if (setEarlier(&src) < 0 ||
        virTestExpectInt("return", xsConfigCopy(&dst, &src), 0) < 0)
        goto cleanup;
    if (dst.uri == src.uri || dst.pidfile == src.pidfile) {
        virTestFail("the copy shares strings with its source");
        goto cleanup;
    }
    xsConfigClear(&src);
    ret = checkCfg(&dst, &earlier);

cleanup:
    xsConfigClear(&src);
    xsConfigClear(&dst);
    return ret;
}

typedef struct {
    const char *file; /* in tests/agentdata/ */
    const char *err;  /* suffix after the path, NULL for success */
    expectCfg want;
} loadCase;

static int
testLoad(const void *data)
{
    const loadCase *c = data;
    char *path = NULL;
    char expected[512];
    char err[512] = "";
    xsConfig cfg;
    int ret = -1;

    xsConfigInit(&cfg);
    if (setEarlier(&cfg) < 0 || (path = virTestDataPath(c->file)) == NULL) {
        virTestFail("out of memory");
        goto cleanup;
    }
    if (virTestExpectInt("return", xsConfigLoad(&cfg, path, err, sizeof(err)),
                         c->err != NULL ? -1 : 0) < 0)
        goto cleanup;
    if (c->err != NULL)
        snprintf(expected, sizeof(expected), "%s%s", path, c->err);
    else
        expected[0] = '\0';
    if (virTestExpectStr("message", err, expected) < 0)
        goto cleanup;
    ret = checkCfg(&cfg, &c->want);

cleanup:
    free(path);
    xsConfigClear(&cfg);
    return ret;
}

static const loadCase loadCases[] = {
    {"agentdata/xensnmpd.conf",
     NULL,
     {"test:///var/lib/xensnmp/node.xml", "/var/agentx/master", 1500, true,
      false, XS_LOG_FILE, "/var/log/xensnmpd.log", "/run/xensnmpd.pid"}},
    {"agentdata/bad-line7.conf",
     ":7: refresh-interval: '0' is not a number of seconds from 0.1 to 3600",
     EARLIER},
    {"agentdata/no-such-file.conf", ": cannot open: No such file or directory",
     EARLIER},
    {"agentdata", ": cannot read: Is a directory", EARLIER},
};

/* A FIFO as the configuration must be refused at once, not waited on
 * (the alarm fails a read that hangs). */
static int
testLoadFifo(const void *data)
{
    char dir[] = "/tmp/agentconftest.XXXXXX";
    char path[64];
    char expected[128];
    char err[512] = "";
    xsConfig cfg;
    int ret = -1;

    (void)data;
    xsConfigInit(&cfg);
    if (mkdtemp(dir) == NULL) {
        virTestFail("mkdtemp: %s", strerror(errno));
        return -1;
    }
    snprintf(path, sizeof(path), "%s/fifo.conf", dir);
    if (mkfifo(path, 0600) < 0) {
        virTestFail("mkfifo: %s", strerror(errno));
        goto cleanup;
    }
    alarm(10);
    if (virTestExpectInt("return", xsConfigLoad(&cfg, path, err, sizeof(err)),
                         -1) < 0)
        goto cleanup;
    snprintf(expected, sizeof(expected),
             "%s: not a regular file (a FIFO, socket or device)", path);
    ret = virTestExpectStr("message", err, expected);

cleanup:
    alarm(0);
    unlink(path);
    rmdir(dir);
    xsConfigClear(&cfg);
    return ret;
}

static int
mymain(void)
{
    char title[96];
    size_t i;
    int ret = 0;

    for (i = 0; i < sizeof(parseCases) / sizeof(parseCases[0]); i++) {
        if (virTestRun(parseCases[i].name, testParse, &parseCases[i]) < 0)
            ret = -1;
    }
    for (i = 0; i < sizeof(errorCases) / sizeof(errorCases[0]); i++) {
        if (virTestRun(errorCases[i].name, testParse, &errorCases[i]) < 0)
            ret = -1;
    }
    if (virTestRun("config_parse_nul_byte_fails", testParseNul, NULL) < 0)
        ret = -1;
    if (virTestRun("config_parse_short_error_buffer_truncates",
                   testParseShortErr, NULL) < 0)
        ret = -1;
    if (virTestRun("config_copy_deep", testCopy, NULL) < 0)
        ret = -1;
    for (i = 0; i < sizeof(loadCases) / sizeof(loadCases[0]); i++) {
        snprintf(title, sizeof(title), "config_load_%s",
                 strrchr(loadCases[i].file, '/') != NULL
                     ? strrchr(loadCases[i].file, '/') + 1
                     : loadCases[i].file);
        if (virTestRun(title, testLoad, &loadCases[i]) < 0)
            ret = -1;
    }
    if (virTestRun("config_load_fifo_refused", testLoadFifo, NULL) < 0)
        ret = -1;
    return ret;
}

VIR_TEST_MAIN(mymain)
