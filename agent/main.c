/*
 * main.c: xensnmpd, the AgentX subagent that publishes XEN-SNMP-MIB.
 *
 * Reads the configuration (command-line options override the file),
 * takes a first snapshot so that a bad URI fails at once, joins the
 * master agent and runs net-snmp's single-threaded loop until SIGTERM or
 * SIGINT.  SIGHUP re-reads the configuration.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "agentconf.h"
#include "connection.h"
#include "daemonlog.h"
#include "libvirlog.h"
#include "logprefix.h"
#include "master.h"
#include "modules.h"
#include "pidfile.h"
#include "refresh.h"
#include "worker.h"
#include "xenNotify.h"

#define XS_DEFAULT_CONFIG SYSCONFDIR "/xensnmpd.conf"

/* Exit statuses (xensnmpd(8)): 0 after SIGTERM or SIGINT, 1 for any
 * error, 2 when another agent already runs: the pidfile is locked, or
 * the master refused our registration because another agent holds
 * XEN-SNMP-MIB there. */
#define XS_EXIT_ANOTHER_AGENT 2

/* Set by the signal handlers, read by the main loop. */
static volatile sig_atomic_t xsStopRequested;
static volatile sig_atomic_t xsReloadRequested;
/* The handlers also write a byte here, so that a signal arriving just
 * before the loop blocks in select() still wakes it (self-pipe). */
static xsWakePipe xsSignalPipe = XS_WAKE_PIPE_INIT;

typedef struct _xsOptions xsOptions;

struct _xsOptions {
    const char *configPath;
    bool configExplicit;
    bool foreground;
    const char *debugTokens;
    char *overrides; /* "keyword value\n" lines from the command line */
    size_t overridesLen;
};

static void
xsUsage(FILE *out)
{
    fprintf(
        out,
        "Usage: xensnmpd [OPTION]...\n"
        "Publish XEN-SNMP-MIB as an AgentX subagent of the local snmpd.\n"
        "\n"
        "Options (each overrides the configuration file):\n"
        "  -c, --config FILE        configuration file (default %s;\n"
        "                           a missing default file is fine)\n"
        "  -u, --uri URI            hypervisor connection: xen:///,\n"
        "                           test:///default or test:///PATH.xml\n"
        "  -x, --agentx-socket ADDR master's AgentX socket: a unix path,\n"
        "                           unix:PATH or tcp:HOST:PORT\n"
        "  -r, --refresh SECONDS    snapshot interval, 0.1 to 3600\n"
        "      --control yes|no     accept SETs (default no)\n"
        "  -f, --foreground         do not become a daemon\n"
        "  -L, --log TARGET         stderr, syslog or file:PATH (mode 0640,\n"
        "                           never through a symbolic link)\n"
        "  -D, --debug TOKENS       net-snmp debug tokens, comma-separated\n"
        "                           (xenDomainTable, xenVcpuTable,\n"
        "                           xenIoTables, xenNotify, xenRefresh,\n"
        "                           libvir for the library's calls, or ALL)\n"
        "  -p, --pidfile FILE       write the pid to FILE and lock it: a "
        "second\n"
        "                           instance with FILE exits with status 2\n"
        "  -h, --help               show this help and exit\n"
        "  -V, --version            show the version and exit\n"
        "\n"
        "Configuration keywords (one \"keyword value\" per line, # comments):\n"
        "  uri URI                  as --uri (default xen:///)\n"
        "  agentx-socket ADDR       as --agentx-socket (default net-snmp's,\n"
        "                           /var/agentx/master)\n"
        "  refresh-interval SECONDS as --refresh (default 1)\n"
        "  control yes|no           as --control (default no)\n"
        "  notifications yes|no     send notifications (default yes)\n"
        "  log TARGET               as --log (default syslog; stderr with "
        "-f)\n"
        "  pidfile FILE             as --pidfile (default none)\n"
        "\n"
        "Signals: SIGHUP re-reads the configuration (uri and agentx-socket\n"
        "need a restart); SIGTERM and SIGINT stop, waiting at most 5 s for\n"
        "a background control action.\n"
        "Exit status: 0 stopped by a signal, 1 error, 2 another agent runs\n"
        "(pidfile locked, or snmpd refused the registration).\n",
        XS_DEFAULT_CONFIG);
}

/* Appends "keyword value\n" to the override text. */
static int
xsOptionsAdd(xsOptions *opts, const char *keyword, const char *value)
{
    size_t need = strlen(keyword) + 1 + strlen(value) + 2;
    char *buf;
    int n;

    if (strchr(value, '\n') != NULL) {
        fprintf(stderr, "xensnmpd: --%s: value contains a newline\n", keyword);
        return -1;
    }
    buf = realloc(opts->overrides, opts->overridesLen + need);
    if (buf == NULL) {
        fprintf(stderr, "xensnmpd: out of memory\n");
        return -1;
    }
    opts->overrides = buf;
    n = snprintf(buf + opts->overridesLen, need, "%s %s\n", keyword, value);
    if (n < 0 || (size_t)n >= need)
        return -1;
    opts->overridesLen += (size_t)n;
    return 0;
}

/* Returns 0 to run, 1 after --help/--version, -1 on a usage error. */
static int
xsParseOptions(int argc, char **argv, xsOptions *opts)
{
    enum { OPT_CONTROL = 256 };
    static const struct option longopts[] = {
        {"config", required_argument, NULL, 'c'},
        {"uri", required_argument, NULL, 'u'},
        {"agentx-socket", required_argument, NULL, 'x'},
        {"refresh", required_argument, NULL, 'r'},
        {"foreground", no_argument, NULL, 'f'},
        {"log", required_argument, NULL, 'L'},
        {"debug", required_argument, NULL, 'D'},
        {"pidfile", required_argument, NULL, 'p'},
        {"control", required_argument, NULL, OPT_CONTROL},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c;

    opts->configPath = XS_DEFAULT_CONFIG;
    while ((c = getopt_long(argc, argv, "c:u:x:r:fL:D:p:hV", longopts, NULL)) !=
           -1) {
        int rc = 0;

        switch (c) {
        case 'c':
            opts->configPath = optarg;
            opts->configExplicit = true;
            break;
        case 'u':
            rc = xsOptionsAdd(opts, "uri", optarg);
            break;
        case 'x':
            rc = xsOptionsAdd(opts, "agentx-socket", optarg);
            break;
        case 'r':
            rc = xsOptionsAdd(opts, "refresh-interval", optarg);
            break;
        case 'f':
            opts->foreground = true;
            break;
        case 'L':
            rc = xsOptionsAdd(opts, "log", optarg);
            break;
        case 'D':
            opts->debugTokens = optarg;
            break;
        case 'p':
            rc = xsOptionsAdd(opts, "pidfile", optarg);
            break;
        case OPT_CONTROL:
            rc = xsOptionsAdd(opts, "control", optarg);
            break;
        case 'h':
            xsUsage(stdout);
            return 1;
        case 'V':
            printf("xensnmpd (%s) %s\n", PACKAGE_NAME, PACKAGE_VERSION);
            return 1;
        default:
            fprintf(stderr, "Try 'xensnmpd --help' for more information.\n");
            return -1;
        }
        if (rc < 0)
            return -1;
    }
    if (optind < argc) {
        fprintf(stderr, "xensnmpd: unexpected argument '%s'\n", argv[optind]);
        return -1;
    }
    return 0;
}

/* Builds the configuration: defaults, then the file, then the command
 * line.  Returns 0, or -1 with the reason in @err. */
static int
xsLoadConfig(const xsOptions *opts, xsConfig *cfg, char *err, size_t errlen)
{
    xsConfigInit(cfg);
    if (opts->configExplicit || access(opts->configPath, F_OK) == 0) {
        if (xsConfigLoad(cfg, opts->configPath, err, errlen) < 0)
            return -1;
    }
    if (opts->overridesLen > 0 &&
        xsConfigParse(cfg, opts->overrides, opts->overridesLen, "command line",
                      err, errlen) < 0)
        return -1;
    return 0;
}

static void
xsSignal(int sig)
{
    int saved = errno;

    if (sig == SIGHUP)
        xsReloadRequested = 1;
    else
        xsStopRequested = 1;
    xsWakePipeSignal(&xsSignalPipe);
    errno = saved;
}

static int
xsSetupSignals(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = xsSignal;
    sigemptyset(&sa.sa_mask);
    /* No SA_RESTART: the signal must interrupt the loop's select(). */
    if (sigaction(SIGTERM, &sa, NULL) < 0 || sigaction(SIGINT, &sa, NULL) < 0 ||
        sigaction(SIGHUP, &sa, NULL) < 0)
        return -1;
    sa.sa_handler = SIG_IGN;
    return sigaction(SIGPIPE, &sa, NULL);
}

static bool
xsStrEqual(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* SIGHUP, for the pidfile: takes the new one before letting the old one
 * go, so that a failure keeps the old.  Returns 0 or -1 (logged). */
static int
xsReloadPidfile(xsPidfile *pidfile, const char *path)
{
    xsPidfile next = XS_PIDFILE_INIT;
    char err[512];

    if (xsStrEqual(path, pidfile->path))
        return 0;
    if (path != NULL && (xsPidfileLock(&next, path, err, sizeof(err)) < 0 ||
                         xsPidfileWrite(&next, err, sizeof(err)) < 0)) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "%s; keeping the pidfile %s\n", err,
                 pidfile->path != NULL ? pidfile->path : "(none)");
        xsPidfileRelease(&next);
        return -1;
    }
    xsPidfileRelease(pidfile);
    *pidfile = next;
    return 0;
}

/* SIGHUP: re-reads the file; on error keeps the running configuration.
 * A log target or pidfile that cannot be taken keeps the old one, and
 * the rest of the new configuration still applies. */
static void
xsReload(const xsOptions *opts, xsConfig *cfg, xsPidfile *pidfile)
{
    char err[512];
    xsConfig next;

    if (xsLoadConfig(opts, &next, err, sizeof(err)) < 0) {
        snmp_log(LOG_ERR,
                 XS_LOG_PREFIX "reload failed, keeping the old configuration: "
                               "%s\n",
                 err);
        xsConfigClear(&next);
        return;
    }
    if (!xsStrEqual(next.uri, cfg->uri) ||
        !xsStrEqual(next.agentxSocket, cfg->agentxSocket))
        snmp_log(LOG_WARNING,
                 XS_LOG_PREFIX "uri and agentx-socket changes "
                               "take effect at the next restart\n");
    if ((next.log != cfg->log || !xsStrEqual(next.logFile, cfg->logFile)) &&
        xsDaemonLogSetup(next.log, next.logFile, opts->foreground, err,
                         sizeof(err)) < 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "%s; logging stays where it was\n",
                 err);
        next.log = cfg->log;
        free(next.logFile);
        next.logFile = NULL;
        if (cfg->logFile != NULL &&
            (next.logFile = strdup(cfg->logFile)) == NULL)
            next.log = XS_LOG_DEFAULT;
    }
    if (xsReloadPidfile(pidfile, next.pidfile) < 0) {
        free(next.pidfile);
        next.pidfile = NULL;
        if (pidfile->path != NULL)
            next.pidfile = strdup(pidfile->path);
    }
    xsRefreshSetInterval(next.refreshMs);
    xsConnectionSetControl(next.control);
    xenNotifySetEnabled(next.notifications);
    snmp_log(LOG_NOTICE, XS_LOG_PREFIX "configuration reloaded\n");
    xsConfigClear(cfg);
    *cfg = next;
    /* Keep the connection settings the agent actually runs with. */
}

int
main(int argc, char **argv)
{
    xsOptions opts;
    xsConfig cfg;
    char err[512];
    bool snmpStarted = false;
    bool masterStarted = false;
    bool masterUp = false;
    xsPidfile pidfile = XS_PIDFILE_INIT;
    int ret = EXIT_FAILURE;
    int rc;

    memset(&opts, 0, sizeof(opts));
    xsConfigInit(&cfg);
    rc = xsParseOptions(argc, argv, &opts);
    if (rc != 0) {
        ret = rc > 0 ? EXIT_SUCCESS : EXIT_FAILURE;
        goto cleanup;
    }
    if (xsLoadConfig(&opts, &cfg, err, sizeof(err)) < 0) {
        fprintf(stderr, "xensnmpd: %s\n", err);
        goto cleanup;
    }

    /* Before the first library call, so that "-D libvir" shows it. */
    if (opts.debugTokens != NULL) {
        debug_register_tokens(opts.debugTokens);
        snmp_set_do_debugging(1);
    }
    xsLibvirLogInit();
    if (virInitialize() < 0) {
        fprintf(stderr, "xensnmpd: cannot initialize libvir\n");
        goto cleanup;
    }
    /* Before anything forks or logs elsewhere, so that a bad URI is on
     * the terminal with exit status 1. */
    if (xsConnectionInit(cfg.uri, err, sizeof(err)) < 0 ||
        xsRefreshInit(cfg.refreshMs, err, sizeof(err)) < 0) {
        fprintf(stderr, "xensnmpd: %s\n", err);
        goto cleanup;
    }

    /* The pidfile's lock, before forking: a second instance says so on
     * the terminal, with its own exit status. */
    if (cfg.pidfile != NULL &&
        (rc = xsPidfileLock(&pidfile, cfg.pidfile, err, sizeof(err))) < 0) {
        fprintf(stderr, "xensnmpd: %s\n", err);
        if (rc == XS_PIDFILE_BUSY)
            ret = XS_EXIT_ANOTHER_AGENT;
        goto cleanup;
    }
    if (xsDaemonLogSetup(cfg.log, cfg.logFile, opts.foreground, err,
                         sizeof(err)) < 0) {
        fprintf(stderr, "xensnmpd: %s\n", err);
        goto cleanup;
    }
    if (!opts.foreground && netsnmp_daemonize(1, 0) != 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "cannot become a daemon\n");
        goto cleanup;
    }
    if (pidfile.fd >= 0 && xsPidfileWrite(&pidfile, err, sizeof(err)) < 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "%s\n", err);
        goto cleanup;
    }
    if (xsSetupSignals() < 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "sigaction: %s\n", strerror(errno));
        goto cleanup;
    }

    netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
    if (cfg.agentxSocket != NULL)
        netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID,
                              NETSNMP_DS_AGENT_X_SOCKET, cfg.agentxSocket);
    /* Our configuration is xensnmpd.conf in our own format: net-snmp
     * must not read (and complain about) it, nor keep persistent state. */
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DISABLE_PERSISTENT_LOAD, 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DISABLE_PERSISTENT_SAVE, 1);

    /* A subagent needs no MIB files: loading net-snmp's defaults only
     * fills the log with warnings.  An explicit MIBS still wins. */
    setenv("MIBS", "", 0);

    init_agent("xensnmpd");
    /* Ping the master every second (after init_agent(), which sets
     * net-snmp's default of 15 s), so that the subagent notices a
     * restarted snmpd and registers again within about two seconds. */
    netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID,
                       NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL, 1);
    if (xsModulesInit(&cfg) < 0 || xsMasterInit(cfg.agentxSocket) < 0)
        goto cleanup;
    masterStarted = true;
    /* Until registered, notifications wait (xenNotify keeps them). */
    xenNotifySetMasterUp(false);
    init_snmp("xensnmpd");
    snmpStarted = true;

    if (xsRefreshStart() < 0)
        goto cleanup;
    if (xsWakePipeOpen(&xsSignalPipe) < 0 ||
        xsWakePipeWatch(&xsSignalPipe) < 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "cannot set up the signal pipe\n");
        goto cleanup;
    }

    /* "started" comes from xsMasterCheck(), once registered. */
    while (!xsStopRequested) {
        if (xsMasterCheck(&masterUp) < 0) {
            ret = XS_EXIT_ANOTHER_AGENT;
            goto cleanup;
        }
        xenNotifySetMasterUp(masterUp);
        if (xsReloadRequested) {
            xsReloadRequested = 0;
            xsReload(&opts, &cfg, &pidfile);
        }
        agent_check_and_process(1);
    }
    snmp_log(LOG_INFO, XS_LOG_PREFIX "stopping\n");
    ret = EXIT_SUCCESS;

cleanup:
    /* Refused, the modules stay registered locally: unregistering them
     * would send AgentX Unregister PDUs, and net-snmp's master removes a
     * registration by OID whatever session asks, i.e. the other agent's.
     * Closing the session (snmp_shutdown) removes only our own. */
    if (snmpStarted && ret != XS_EXIT_ANOTHER_AGENT)
        xsModulesShutdown();
    xsRefreshShutdown();
    xsConnectionShutdown();
    xsLibvirLogShutdown();
    xsWakePipeClose(&xsSignalPipe);
    if (snmpStarted)
        snmp_shutdown("xensnmpd");
    if (snmpStarted && ret != XS_EXIT_ANOTHER_AGENT)
        shutdown_agent();
    if (masterStarted)
        xsMasterShutdown();
    xsDaemonLogClose();
    xsPidfileRelease(&pidfile);
    xsConfigClear(&cfg);
    free(opts.overrides);
    return ret;
}
