/*
 * datatypes.c: connection and domain handles, and their reference counts.
 *
 * A connection holds one reference for its opener and one per live domain
 * handle, so it is torn down (driver close included) only when the last
 * of them goes.  Domain handles are shared per connection and keyed by
 * UUID: looking up the same domain twice gives the same object with two
 * references, and a driver that changes the domain's id updates every
 * holder at once.  A connection is used by one thread at a time, so the
 * counts need no lock.
 */

#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datatypes.h"
#include "hash.h"
#include "log.h"

#define VIR_FROM_THIS VIR_FROM_NONE

struct _virDomainCache {
    virHashTable *byUUID; /* uuid -> virDomainPtr, keys inside the handle */
};

bool
virConnectIsValid(virConnectPtr conn)
{
    return conn != NULL && conn->magic == VIR_CONNECT_MAGIC;
}

bool
virDomainIsValid(virDomainPtr dom)
{
    return dom != NULL && dom->magic == VIR_DOMAIN_MAGIC &&
           virConnectIsValid(dom->conn);
}

virConnectPtr
virNewConnect(void)
{
    virConnectPtr conn = calloc(1, sizeof(*conn));

    if (conn == NULL)
        goto error;
    conn->domains = calloc(1, sizeof(*conn->domains));
    if (conn->domains == NULL)
        goto error;
    conn->domains->byUUID = virHashNew(VIR_UUID_BUFLEN);
    if (conn->domains->byUUID == NULL)
        goto cleanup;
    conn->magic = VIR_CONNECT_MAGIC;
    conn->refs = 1;
    virErrorSlotReset(&conn->err);
    return conn;

error:
    virReportOOMError();
cleanup:
    if (conn != NULL)
        free(conn->domains);
    free(conn);
    return NULL;
}

void
virUnrefConnect(virConnectPtr conn)
{
    if (conn == NULL || --conn->refs > 0)
        return;
    VIR_DEBUG("closing connection %p to '%s'", (void *)conn,
              conn->uri ? conn->uri : "");
    if (conn->driver != NULL && conn->driver->connectClose != NULL)
        conn->driver->connectClose(conn);
    virErrorForgetHandles(conn, NULL);
    virHashFree(conn->domains->byUUID);
    free(conn->domains);
    free(conn->uri);
    conn->magic = 0;
    free(conn);
}

virDomainPtr
virGetDomain(virConnectPtr conn, const char *name, const unsigned char *uuid,
             int id)
{
    virDomainPtr dom = virHashLookup(conn->domains->byUUID, uuid);

    if (dom != NULL && strcmp(dom->name, name) == 0) {
        dom->refs++;
        dom->id = id;
        return dom;
    }
    /* A handle whose domain was replaced by another of the same UUID and a
     * different name keeps living, out of the cache. */
    if (dom != NULL)
        virHashSteal(conn->domains->byUUID, uuid);

    dom = calloc(1, sizeof(*dom));
    if (dom == NULL || (dom->name = strdup(name)) == NULL)
        goto oom;
    memcpy(dom->uuid, uuid, VIR_UUID_BUFLEN);
    if (virHashAdd(conn->domains->byUUID, dom->uuid, dom) < 0)
        goto cleanup;
    dom->magic = VIR_DOMAIN_MAGIC;
    dom->refs = 1;
    dom->id = id;
    dom->conn = conn;
    conn->refs++;
    return dom;

oom:
    virReportOOMError();
cleanup:
    if (dom != NULL)
        free(dom->name);
    free(dom);
    return NULL;
}

void
virUnrefDomain(virDomainPtr dom)
{
    virConnectPtr conn;

    if (dom == NULL || --dom->refs > 0)
        return;
    conn = dom->conn;
    if (virHashLookup(conn->domains->byUUID, dom->uuid) == dom)
        virHashSteal(conn->domains->byUUID, dom->uuid);
    virErrorForgetHandles(NULL, dom);
    if (conn->err.err.dom == dom)
        conn->err.err.dom = NULL;
    dom->magic = 0;
    free(dom->name);
    free(dom);
    virUnrefConnect(conn);
}

void
virReportHandleErrorFull(virConnectPtr conn, virDomainPtr dom, int from,
                         int code, const char *file, const char *func, int line,
                         const char *fmt, ...)
{
    char msg[VIR_ERROR_MESSAGE_MAX];
    va_list ap;
    int saved = errno;

    if (conn == NULL && virDomainIsValid(dom))
        conn = dom->conn;
    if (!virConnectIsValid(conn))
        conn = NULL;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    virErrorRecord(conn != NULL ? &conn->err : NULL, conn, dom, from, code,
                   file, func, line, msg);
    errno = saved;
}

int
virConnectKeepError(virConnectPtr conn, virDomainPtr dom)
{
    if (!virConnectIsValid(conn))
        return virErrorAttach(NULL, NULL, dom);
    return virErrorAttach(&conn->err, conn, dom);
}
