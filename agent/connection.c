/*
 * connection.c: the connection name, the main thread's read-write
 * connection, the control switch and the library-call totals.
 *
 * Ownership: this file owns the URI copy and the read-write connection;
 * callers borrow both.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "connection.h"
#include "logprefix.h"

/* The agent has one hypervisor, so this state is file-local. */
static struct {
    char *uri;
    bool control;
    virConnectPtr controlConn;
    /* Opening it failed and was logged: an outage is told once, not at
     * every SET that meets it (refresh.c tells when it ends). */
    bool openFailed;
    unsigned long long libCalls;
    unsigned long long failedCalls;
} xsConnection;

int
xsConnectionInit(const char *uri, char *err, size_t errlen)
{
    free(xsConnection.uri);
    xsConnection.uri = NULL;
    if (uri != NULL && (xsConnection.uri = strdup(uri)) == NULL) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

const char *
xsConnectionUri(void)
{
    return xsConnection.uri;
}

void
xsConnectionSetControl(bool enabled)
{
    xsConnection.control = enabled;
}

bool
xsConnectionControlEnabled(void)
{
    return xsConnection.control;
}

void
xsConnectionErrorText(char *buf, size_t len, const char *what)
{
    virErrorPtr e = virGetLastError();

    snprintf(buf, len, "%s: %s", what,
             e != NULL && e->message != NULL ? e->message : "unknown error");
}

virConnectPtr
xsConnectionControl(void)
{
    char err[256];

    if (xsConnection.controlConn != NULL)
        return xsConnection.controlConn;
    xsConnection.libCalls++;
    xsConnection.controlConn = virConnectOpen(xsConnection.uri);
    if (xsConnection.controlConn == NULL) {
        xsConnection.failedCalls++;
        if (!xsConnection.openFailed) {
            xsConnectionErrorText(err, sizeof(err),
                                  "cannot open the control connection");
            snmp_log(LOG_ERR, XS_LOG_PREFIX "%s\n", err);
        }
        xsConnection.openFailed = true;
        return NULL;
    }
    xsConnection.openFailed = false;
    return xsConnection.controlConn;
}

void
xsConnectionDropControl(void)
{
    if (xsConnection.controlConn != NULL)
        virConnectClose(xsConnection.controlConn);
    xsConnection.controlConn = NULL;
}

void
xsConnectionCountCalls(unsigned long long calls, unsigned long long failed)
{
    xsConnection.libCalls += calls;
    xsConnection.failedCalls += failed;
}

unsigned long long
xsConnectionLibCalls(void)
{
    return xsConnection.libCalls;
}

unsigned long long
xsConnectionFailedCalls(void)
{
    return xsConnection.failedCalls;
}

void
xsConnectionShutdown(void)
{
    xsConnectionDropControl();
    free(xsConnection.uri);
    xsConnection.uri = NULL;
    xsConnection.control = false;
}
