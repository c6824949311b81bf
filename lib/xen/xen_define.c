/*
 * xen_define.c: the driver's entry points for defined domains: listing
 * them (those not running), defining and undefining one.  The files
 * themselves are xen_defined.c's.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "xen_defined.h"
#include "xen_domain_read.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* ---- listing ---------------------------------------------------------- */

typedef struct _xenDefinedList xenDefinedList;

struct _xenDefinedList {
    xenPriv *priv;
    xenDomInfo *running;
    size_t nrunning;
    char **names; /* NULL: only count */
    int max;
    int count;
    bool failed;
};

static int
xenDefinedListOne(xenConfig *cfg, void *opaque)
{
    xenDefinedList *l = opaque;
    size_t i;

    for (i = 0; i < l->nrunning; i++) {
        if (memcmp(l->running[i].uuid, cfg->def->uuid, VIR_UUID_BUFLEN) == 0)
            goto done; /* running: not in the defined list */
    }
    if (l->names != NULL) {
        if (l->count >= l->max)
            goto done;
        if ((l->names[l->count] = strdup(cfg->def->name)) == NULL) {
            virReportOOMError();
            l->failed = true;
            xenConfigFree(cfg);
            return -1;
        }
    }
    l->count++;
done:
    xenConfigFree(cfg);
    return 0;
}

/* Names in order, as the test driver lists them. */
static int
xenDefinedCompareName(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
xenDefinedCollect(virConnectPtr conn, char **names, int maxnames)
{
    xenDefinedList l = {
        .priv = conn->privateData, .names = names, .max = maxnames};
    int i;

    if (xenDomListAll(l.priv, &l.running, &l.nrunning) < 0)
        return -1;
    if (xenDefinedForEach(l.priv, xenDefinedListOne, &l) < 0 || l.failed) {
        for (i = 0; names != NULL && i < l.count; i++) {
            free(names[i]);
            names[i] = NULL;
        }
        free(l.running);
        return -1;
    }
    free(l.running);
    if (names != NULL)
        qsort(names, (size_t)l.count, sizeof(*names), xenDefinedCompareName);
    return l.count;
}

int
xenConnectListDefinedDomains(virConnectPtr conn, char **names, int maxnames)
{
    return xenDefinedCollect(conn, names, maxnames);
}

int
xenConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return xenDefinedCollect(conn, NULL, 0);
}

/* ---- define and undefine ---------------------------------------------- */

/* Refuses @def when its name or UUID belongs to another domain, running
 * or defined; *@old is the configuration it replaces, if any. */
static int
xenDefinedCheckIdentity(virConnectPtr conn, const virDomainDef *def,
                        xenConfig **old)
{
    xenPriv *priv = conn->privateData;
    xenConfig *byUUID = NULL;
    virDomainPtr running = NULL;
    int ret = -1;

    if (xenDefinedFindByName(priv, def->name, old) < 0 ||
        xenDefinedFindByUUID(priv, def->uuid, &byUUID) < 0)
        goto cleanup;
    if (*old != NULL &&
        memcmp((*old)->def->uuid, def->uuid, VIR_UUID_BUFLEN) != 0) {
        virReportConnError(conn, VIR_ERR_DOM_EXIST,
                           "domain '%s' is already defined with another UUID",
                           def->name);
        goto cleanup;
    }
    if (byUUID != NULL && strcmp(byUUID->def->name, def->name) != 0) {
        virReportConnError(conn, VIR_ERR_DOM_EXIST,
                           "the UUID of '%s' is already used by domain '%s'",
                           def->name, byUUID->def->name);
        goto cleanup;
    }
    running = xenDomainLookupByName(conn, def->name);
    virResetLastError();
    if (running != NULL && running->id >= 0 &&
        memcmp(running->uuid, def->uuid, VIR_UUID_BUFLEN) != 0) {
        virReportConnError(conn, VIR_ERR_DOM_EXIST,
                           "a domain named '%s' with another UUID is running",
                           def->name);
        goto cleanup;
    }
    if (running != NULL)
        virUnrefDomain(running);
    running = xenDomainLookupByUUID(conn, def->uuid);
    virResetLastError();
    if (running != NULL && strcmp(running->name, def->name) != 0) {
        virReportConnError(conn, VIR_ERR_DOM_EXIST,
                           "the UUID of '%s' is already used by domain '%s'",
                           def->name, running->name);
        goto cleanup;
    }
    ret = 0;

cleanup:
    if (running != NULL)
        virUnrefDomain(running);
    xenConfigFree(byUUID);
    return ret;
}

virDomainPtr
xenDomainDefineXML(virConnectPtr conn, const char *xml)
{
    xenPriv *priv = conn->privateData;
    xenConfig *cfg = NULL;
    xenConfig *old = NULL;
    virDomainPtr dom = NULL;

    if ((cfg = calloc(1, sizeof(*cfg))) == NULL) {
        virReportOOMError();
        return NULL;
    }
    if ((cfg->def = virDomainDefParseString(xml)) == NULL)
        goto cleanup;
    if (!cfg->def->uuidSet) {
        if (virUUIDGenerate(cfg->def->uuid) < 0)
            goto cleanup;
        cfg->def->uuidSet = true;
    }
    if (xenDefinedCheckIdentity(conn, cfg->def, &old) < 0)
        goto cleanup;
    if (old != NULL) {
        /* Same file, and what the XML cannot say is kept. */
        cfg->cpuid = old->cpuid;
        cfg->path = old->path;
        old->cpuid = old->path = NULL;
    }
    if (xenDefinedWrite(priv, cfg) < 0)
        goto cleanup;
    dom = virGetDomain(conn, cfg->def->name, cfg->def->uuid, -1);
    if (dom != NULL)
        xenDomainGetID(dom); /* it may be running already */
    virResetLastError();

cleanup:
    xenConfigFree(old);
    xenConfigFree(cfg);
    return dom;
}

int
xenDomainUndefine(virDomainPtr dom)
{
    xenPriv *priv = dom->conn->privateData;
    xenConfig *cfg = NULL;
    int ret = -1;
    int rc;

    if ((rc = xenDefinedFindByUUID(priv, dom->uuid, &cfg)) < 0)
        return -1;
    if (rc == 0) {
        virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                             "domain '%s' has no configuration in '%s' to "
                             "undefine",
                             dom->name, priv->confdir);
        return -1;
    }
    if (unlink(cfg->path) < 0) {
        virReportSystemError(errno, "cannot remove xl config '%s'", cfg->path);
        goto cleanup;
    }
    ret = 0;

cleanup:
    xenConfigFree(cfg);
    return ret;
}
