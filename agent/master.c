/*
 * master.c: the AgentX master link, logged once per change (master.h).
 *
 * net-snmp reports the link through two application callbacks: INDEX_START
 * once a session is open (the registrations follow at once, in the same
 * turn of the loop) and INDEX_STOP when it is lost.  A refused
 * registration is only logged, so the daemon's log watcher looks for it.
 * Everything runs on the main thread.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "daemonlog.h"
#include "logprefix.h"
#include "master.h"

/* net-snmp's message for a refused registration; AgentX error 263 is
 * duplicateRegistration (RFC 2741 s6.2.16). */
#define XS_MASTER_REFUSED_LINE "registering pdu failed: 263!"

typedef enum {
    XS_MASTER_NEVER, /* not registered yet since the start */
    XS_MASTER_UP,
    XS_MASTER_DOWN
} xsMasterState;

/* File-local: the process has one master link. */
static struct {
    char *address; /* as configured, or net-snmp's default */
    xsMasterState state;
    bool waitingLogged; /* "cannot reach" said once before the first up */
    bool opened;        /* INDEX_START since the last check */
    bool lost;          /* INDEX_STOP since the last check */
    bool refused;       /* a registration was refused */
} xsMaster;

/* The unix socket path in @address, or NULL for another transport. */
static const char *
xsMasterUnixPath(const char *address)
{
    if (strncmp(address, "unix:", 5) == 0)
        return address + 5;
    if (address[0] == '/')
        return address;
    return NULL;
}

/* Says in @buf why the master cannot be reached, as far as a connect()
 * to its unix socket tells: the reason net-snmp's warning leaves out. */
static void
xsMasterReason(char *buf, size_t buflen)
{
    const char *path = xsMasterUnixPath(xsMaster.address);
    struct sockaddr_un sun;
    int fd = -1;
    int rc;

    if (path == NULL || strlen(path) >= sizeof(sun.sun_path)) {
        snprintf(buf, buflen, "cannot connect to %s", xsMaster.address);
        return;
    }
    memset(&sun, 0, sizeof(sun));
    sun.sun_family = AF_UNIX;
    memcpy(sun.sun_path, path, strlen(path) + 1);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0) {
        snprintf(buf, buflen, "socket: %s", strerror(errno));
        return;
    }
    rc = connect(fd, (struct sockaddr *)&sun, sizeof(sun));
    if (rc == 0)
        snprintf(buf, buflen, "%s accepts connections but did not answer",
                 path);
    else if (errno == ENOENT)
        snprintf(buf, buflen,
                 "no socket at %s (is snmpd running, with \"master agentx\"?)",
                 path);
    else if (errno == EACCES || errno == EPERM)
        snprintf(buf, buflen, "permission denied on %s (see agentXPerms)",
                 path);
    else if (errno == ECONNREFUSED)
        snprintf(buf, buflen, "nothing listens on %s", path);
    else
        snprintf(buf, buflen, "%s: %s", path, strerror(errno));
    close(fd);
}

/* INDEX_START (a session is open) and INDEX_STOP (it is lost). */
static int
xsMasterEvent(int majorID, int minorID, void *serverarg, void *clientarg)
{
    (void)majorID;
    (void)serverarg;
    (void)clientarg;
    xsMaster.opened = minorID == SNMPD_CALLBACK_INDEX_START;
    if (minorID == SNMPD_CALLBACK_INDEX_STOP)
        xsMaster.lost = true;
    return 0;
}

static void
xsMasterWatch(int priority, const char *msg)
{
    if (priority <= LOG_ERR && strncmp(msg, XS_MASTER_REFUSED_LINE,
                                       strlen(XS_MASTER_REFUSED_LINE)) == 0)
        xsMaster.refused = true;
}

int
xsMasterInit(const char *socket)
{
    const char *address = socket != NULL ? socket : NETSNMP_AGENTX_SOCKET;

    if ((xsMaster.address = strdup(address)) == NULL) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "out of memory\n");
        return -1;
    }
    /* The retries stay quiet; xsMasterCheck() says what changed. */
    netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID,
                           NETSNMP_DS_AGENT_NO_CONNECTION_WARNINGS, 1);
    if (snmp_register_callback(SNMP_CALLBACK_APPLICATION,
                               SNMPD_CALLBACK_INDEX_START, xsMasterEvent,
                               NULL) != SNMPERR_SUCCESS ||
        snmp_register_callback(SNMP_CALLBACK_APPLICATION,
                               SNMPD_CALLBACK_INDEX_STOP, xsMasterEvent,
                               NULL) != SNMPERR_SUCCESS) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "cannot follow the AgentX link\n");
        return -1;
    }
    xsDaemonLogSetWatcher(xsMasterWatch);
    return 0;
}

int
xsMasterCheck(bool *up)
{
    char reason[512];

    if (xsMaster.refused) {
        snmp_log(LOG_ERR,
                 XS_LOG_PREFIX "the master agent at %s refused to register "
                               "XEN-SNMP-MIB (AgentX duplicateRegistration): "
                               "another agent already serves XEN-SNMP-MIB on "
                               "that snmpd; stopping\n",
                 xsMaster.address);
        *up = false;
        return -1;
    }
    if (xsMaster.lost) {
        xsMaster.lost = false;
        if (xsMaster.state == XS_MASTER_UP) {
            xsMasterReason(reason, sizeof(reason));
            snmp_log(LOG_WARNING,
                     XS_LOG_PREFIX "lost the master agent at %s: %s; "
                                   "retrying every second\n",
                     xsMaster.address, reason);
            xsMaster.state = XS_MASTER_DOWN;
        }
    }
    if (xsMaster.opened) {
        xsMaster.opened = false;
        if (xsMaster.state == XS_MASTER_NEVER)
            snmp_log(LOG_INFO,
                     XS_LOG_PREFIX "version %s started: XEN-SNMP-MIB "
                                   "registered with the master agent at %s\n",
                     PACKAGE_VERSION, xsMaster.address);
        else
            snmp_log(LOG_NOTICE,
                     XS_LOG_PREFIX "the master agent at %s is back: "
                                   "XEN-SNMP-MIB registered again\n",
                     xsMaster.address);
        xsMaster.state = XS_MASTER_UP;
    } else if (xsMaster.state == XS_MASTER_NEVER && !xsMaster.waitingLogged) {
        xsMasterReason(reason, sizeof(reason));
        snmp_log(LOG_WARNING,
                 XS_LOG_PREFIX "cannot reach the master agent: %s; "
                               "retrying every second, XEN-SNMP-MIB is "
                               "served once it answers\n",
                 reason);
        xsMaster.waitingLogged = true;
    }
    *up = xsMaster.state == XS_MASTER_UP;
    return 0;
}

void
xsMasterShutdown(void)
{
    xsDaemonLogSetWatcher(NULL);
    snmp_unregister_callback(SNMP_CALLBACK_APPLICATION,
                             SNMPD_CALLBACK_INDEX_START, xsMasterEvent, NULL,
                             1);
    snmp_unregister_callback(SNMP_CALLBACK_APPLICATION,
                             SNMPD_CALLBACK_INDEX_STOP, xsMasterEvent, NULL, 1);
    free(xsMaster.address);
    xsMaster.address = NULL;
}
