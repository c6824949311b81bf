/*
 * xen_domain_read.c: listing, lookups and information of Xen domains.
 *
 * The hypervisor (xc_domain_getinfolist) is the truth for what runs: ids,
 * UUIDs, flags, memory held, cpu time, vcpus.  xenstore adds what only
 * the toolstack knows: names (cached until a watch fires, see
 * xen_watch.c; keyed by id and UUID, so a reused id is never served a
 * dead domain's name) and the maximum
 * memory the toolstack set (the hypervisor's limit carries slack).
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xen_domain_read.h"
#include "xen_defined.h"
#include "xen_reap.h"
#include "xen_domcfg.h"
#include "xen_state.h"
#include "xen_store.h"
#include "xen_track.h"
#include "error.h"
#include "number.h"

#define VIR_FROM_THIS VIR_FROM_XEN

static char *
xenDomStoreRead(xenPriv *priv, uint32_t domid, const char *suffix)
{
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%u/%s", domid, suffix);
    return xenStoreRead(priv, path);
}

const char *
xenDomName(xenPriv *priv, const xenDomInfo *info)
{
    xenNameEntry *grown;
    xenNameEntry *e;
    char *name;
    size_t i;

    for (i = 0; i < priv->nnames; i++) {
        e = &priv->names[i];
        if (e->domid == info->domid &&
            memcmp(e->uuid, info->uuid, VIR_UUID_BUFLEN) == 0)
            return e->name;
    }
    if ((name = xenDomStoreRead(priv, info->domid, "name")) == NULL) {
        if (priv->xsh != NULL) {
            virResetLastError();
            virReportError(VIR_ERR_NO_DOMAIN,
                           "domain %u has no name in xenstore (it is being "
                           "built or torn down)",
                           info->domid);
        }
        return NULL;
    }
    grown = realloc(priv->names, (priv->nnames + 1) * sizeof(*grown));
    if (grown == NULL) {
        free(name);
        virReportOOMError();
        return NULL;
    }
    priv->names = grown;
    e = &priv->names[priv->nnames++];
    e->domid = info->domid;
    memcpy(e->uuid, info->uuid, VIR_UUID_BUFLEN);
    e->name = name;
    return name;
}

static int
xenDomFindUUID(xenPriv *priv, const unsigned char *uuid, xenDomInfo *info)
{
    xenDomInfo *all = NULL;
    size_t n = 0;
    size_t i;
    int ret = 0;

    if (xenDomListAll(priv, &all, &n) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (memcmp(all[i].uuid, uuid, VIR_UUID_BUFLEN) == 0) {
            *info = all[i];
            ret = 1;
            break;
        }
    }
    free(all);
    return ret;
}

int
xenDomResolve(virDomainPtr dom, xenDomInfo *info)
{
    xenPriv *priv = dom->conn->privateData;
    int rc;

    xenReapOnRelease(priv);
    if (dom->id >= 0) {
        rc = xenDomGetOne(priv, (uint32_t)dom->id, info);
        if (rc < 0)
            return -1;
        if (rc == 1 && memcmp(info->uuid, dom->uuid, VIR_UUID_BUFLEN) == 0)
            return 1;
    }
    /* Restarted under a new id, or started since the handle was made. */
    if ((rc = xenDomFindUUID(priv, dom->uuid, info)) < 0)
        return -1;
    dom->id = rc == 1 ? (int)info->domid : -1;
    return rc;
}

int
xenDomRequireRunning(virDomainPtr dom, xenDomInfo *info)
{
    int rc = xenDomResolve(dom, info);

    if (rc == 0)
        virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                             "domain '%s' is not running", dom->name);
    return rc == 1 ? 0 : -1;
}

virDomainState
xenDomState(const xenPriv *priv, const xenDomInfo *info)
{
    xenTracked *t = xenTrackFind((xenPriv *)priv, info->domid, info->uuid);

    return xenStateFromFlags(info->flags, t != NULL && t->shutdownRequested);
}

unsigned long
xenDomStoreKiB(xenPriv *priv, const xenDomInfo *info, const char *key,
               unsigned long fallback)
{
    char *str = xenDomStoreRead(priv, info->domid, key);
    unsigned long kib = fallback;
    unsigned long v;

    if (str != NULL) {
        /* xenstore's values are written by the toolstack: decimal, no
         * blanks. */
        if (virStrToULong(str, &v) == VIR_NUMBER_OK && v > 0)
            kib = v;
        free(str);
    }
    /* Missing (Domain-0 may have none) or unreachable: the fallback. */
    virResetLastError();
    return kib;
}

unsigned long
xenDomMaxMemory(xenPriv *priv, const xenDomInfo *info)
{
    return xenDomStoreKiB(priv, info, "memory/static-max", info->maxKiB);
}

const char *
xenDomOSType(const xenDomInfo *info)
{
    if (!(info->flags & XEN_DOMINF_hvm_guest))
        return "linux";
    /* A PVH guest has the hypervisor emulate the local APIC alone. */
    if ((info->emulation & ~XEN_X86_EMU_LAPIC) == 0)
        return "xenpvh";
    return "hvm";
}

/* ---- entry points: the running domains -------------------------------- */

int
xenConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    xenPriv *priv = conn->privateData;
    xenDomInfo *all = NULL;
    size_t n = 0;
    size_t i;
    int count = 0;

    /* Without xenstored nothing can be named: the host is not usable
     * until it is back, and the caller should know. */
    if (xenWatchEnsure(priv) < 0)
        return -1;
    xenReapOnRelease(priv);
    /* A new listing starts a new round of reads: the device counters
     * are collected afresh when next asked for. */
    priv->ioValid = false;
    if (xenDomListAll(priv, &all, &n) < 0)
        return -1;
    for (i = 0; i < n && count < maxids; i++)
        ids[count++] = (int)all[i].domid;
    free(all);
    return count;
}

int
xenConnectNumOfDomains(virConnectPtr conn)
{
    xenPriv *priv = conn->privateData;
    xenDomInfo *all = NULL;
    size_t n = 0;

    if (xenDomListAll(priv, &all, &n) < 0)
        return -1;
    free(all);
    return (int)n;
}

virDomainPtr
xenDomainLookupByID(virConnectPtr conn, int id)
{
    xenPriv *priv = conn->privateData;
    xenDomInfo info;
    const char *name;
    int rc;

    xenReapOnRelease(priv);
    if (id < 0 || (rc = xenDomGetOne(priv, (uint32_t)id, &info)) == 0) {
        virReportConnError(conn, VIR_ERR_NO_DOMAIN, "no domain with id %d", id);
        return NULL;
    }
    if (rc < 0 || (name = xenDomName(priv, &info)) == NULL)
        return NULL;
    return virGetDomain(conn, name, info.uuid, id);
}

/* A domain that is not running, from its configuration file. */
static virDomainPtr
xenDomainFromConfig(virConnectPtr conn, xenConfig *cfg)
{
    virDomainPtr dom = virGetDomain(conn, cfg->def->name, cfg->def->uuid, -1);

    xenConfigFree(cfg);
    return dom;
}

virDomainPtr
xenDomainLookupByName(virConnectPtr conn, const char *name)
{
    xenPriv *priv = conn->privateData;
    xenDomInfo *all = NULL;
    virDomainPtr dom = NULL;
    xenConfig *cfg = NULL;
    const char *dname;
    size_t n = 0;
    size_t i;
    int rc;

    xenReapOnRelease(priv);
    if (xenDomListAll(priv, &all, &n) < 0)
        return NULL;
    for (i = 0; i < n; i++) {
        /* A domain without a name yet cannot be the one asked for. */
        if ((dname = xenDomName(priv, &all[i])) == NULL) {
            if (priv->xsh == NULL)
                goto cleanup; /* xenstored is gone: say so */
            virResetLastError();
            continue;
        }
        if (strcmp(dname, name) == 0) {
            dom = virGetDomain(conn, dname, all[i].uuid, (int)all[i].domid);
            goto cleanup;
        }
    }
    if ((rc = xenDefinedFindByName(priv, name, &cfg)) == 1)
        dom = xenDomainFromConfig(conn, cfg);
    else if (rc == 0)
        virReportConnError(conn, VIR_ERR_NO_DOMAIN, "no domain named '%s'",
                           name);

cleanup:
    free(all);
    return dom;
}

virDomainPtr
xenDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    xenPriv *priv = conn->privateData;
    char uuidstr[VIR_UUID_STRING_BUFLEN];
    xenConfig *cfg = NULL;
    xenDomInfo info;
    const char *name;
    int rc;

    xenReapOnRelease(priv);
    if ((rc = xenDomFindUUID(priv, uuid, &info)) < 0)
        return NULL;
    if (rc == 1) {
        if ((name = xenDomName(priv, &info)) == NULL)
            return NULL;
        return virGetDomain(conn, name, info.uuid, (int)info.domid);
    }
    if ((rc = xenDefinedFindByUUID(priv, uuid, &cfg)) == 1)
        return xenDomainFromConfig(conn, cfg);
    if (rc == 0) {
        virUUIDFormat(uuid, uuidstr);
        virReportConnError(conn, VIR_ERR_NO_DOMAIN, "no domain with UUID '%s'",
                           uuidstr);
    }
    return NULL;
}

int
xenDomainGetID(virDomainPtr dom)
{
    xenDomInfo info;

    if (xenDomResolve(dom, &info) < 0)
        return -1;
    return dom->id;
}

/* The configuration of @dom, which is not running; an error when it has
 * none (it was destroyed and never defined). */
static xenConfig *
xenDomainConfig(virDomainPtr dom)
{
    xenConfig *cfg = NULL;
    int rc = xenDefinedFindByUUID(dom->conn->privateData, dom->uuid, &cfg);

    if (rc == 0)
        virReportDomainError(dom, VIR_ERR_NO_DOMAIN,
                             "domain '%s' no longer exists", dom->name);
    return rc == 1 ? cfg : NULL;
}

char *
xenDomainGetOSType(virDomainPtr dom)
{
    xenConfig *cfg = NULL;
    xenDomInfo info;
    const char *os;
    char *ret = NULL;
    int rc;

    if ((rc = xenDomResolve(dom, &info)) < 0)
        return NULL;
    if (rc == 1) {
        os = xenDomOSType(&info);
    } else {
        if ((cfg = xenDomainConfig(dom)) == NULL)
            return NULL;
        os = cfg->def->ostype;
    }
    if ((ret = strdup(os)) == NULL)
        virReportOOMError();
    xenConfigFree(cfg);
    return ret;
}

int
xenDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info)
{
    xenPriv *priv = dom->conn->privateData;
    xenConfig *cfg = NULL;
    xenDomInfo x;
    int rc;

    if ((rc = xenDomResolve(dom, &x)) < 0)
        return -1;
    memset(info, 0, sizeof(*info));
    if (rc == 1) {
        info->state = (unsigned char)xenDomState(priv, &x);
        info->maxMem = xenDomMaxMemory(priv, &x);
        info->memory = x.memKiB;
        info->nrVirtCpu = (unsigned short)x.online;
        info->cpuTime = x.cpuTime;
        return 0;
    }
    if ((cfg = xenDomainConfig(dom)) == NULL)
        return -1;
    info->state = VIR_DOMAIN_SHUTOFF;
    info->maxMem = cfg->def->maxmem;
    info->memory = cfg->def->memory;
    info->nrVirtCpu = (unsigned short)cfg->def->vcpus;
    xenConfigFree(cfg);
    return 0;
}

unsigned long
xenDomainGetMaxMemory(virDomainPtr dom)
{
    virDomainInfo info;

    if (xenDomainGetInfo(dom, &info) < 0)
        return 0;
    return info.maxMem;
}

int
xenDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                  unsigned char *cpumaps, int maplen)
{
    xenPriv *priv = dom->conn->privateData;
    unsigned char *xenmap = NULL;
    size_t xenlen = (priv->nrCpus + 7) / 8;
    xc_vcpuinfo_t v;
    xenDomInfo x;
    unsigned int i;
    unsigned int n;
    int ret = -1;

    if (xenDomRequireRunning(dom, &x) < 0)
        return -1;
    n = x.maxvcpus < (unsigned int)maxinfo ? x.maxvcpus : (unsigned int)maxinfo;
    if (cpumaps != NULL && (xenmap = calloc(1, xenlen)) == NULL) {
        virReportOOMError();
        return -1;
    }
    for (i = 0; i < n; i++) {
        xenLogReset(priv);
        if (priv->ops->vcpuGetinfo(XEN_XC(priv), x.domid, i, &v) != 0 ||
            (cpumaps != NULL &&
             priv->ops->vcpuGetaffinity(XEN_XC(priv), x.domid, (int)i, xenmap,
                                        NULL, XEN_VCPUAFFINITY_HARD) != 0)) {
            virReportDomainError(dom, VIR_ERR_OPERATION_FAILED,
                                 "cannot read vcpu %u of domain '%s': %s", i,
                                 dom->name,
                                 xenLastError(priv, strerror(errno)));
            goto cleanup;
        }
        info[i].number = i;
        info[i].state = xenVcpuStateFromInfo(v.online, v.blocked, v.running);
        info[i].cpuTime = v.cpu_time;
        info[i].cpu = v.online ? (int)v.cpu : -1;
        if (cpumaps != NULL)
            xenCpumapToVir(xenmap, xenlen, VIR_GET_CPUMAP(cpumaps, maplen, i),
                           maplen);
    }
    ret = (int)n;

cleanup:
    free(xenmap);
    return ret;
}

/* What the hypervisor alone tells of a running domain, for those libxl
 * keeps no configuration of (Domain-0). */
static virDomainDef *
xenDomainLiveDef(xenPriv *priv, virDomainPtr dom, const xenDomInfo *x)
{
    virDomainDef *def = calloc(1, sizeof(*def));

    if (def == NULL) {
        virReportOOMError();
        return NULL;
    }
    def->uuidSet = true;
    memcpy(def->uuid, x->uuid, VIR_UUID_BUFLEN);
    def->maxmem = xenDomMaxMemory(priv, x);
    def->memory = x->memKiB < def->maxmem ? x->memKiB : def->maxmem;
    def->maxvcpus = x->maxvcpus > 0 ? x->maxvcpus : 1;
    def->vcpus = x->online > 0 ? x->online : 1;
    def->onPoweroff = VIR_DOMAIN_DESTROY;
    def->onReboot = VIR_DOMAIN_RESTART;
    def->onCrash = VIR_DOMAIN_RESTART;
    if ((def->name = strdup(dom->name)) == NULL ||
        (def->ostype = strdup(xenDomOSType(x))) == NULL) {
        virReportOOMError();
        virDomainDefFree(def);
        return NULL;
    }
    return def;
}

virDomainDef *
xenDomainRunningDef(xenPriv *priv, virDomainPtr dom, const xenDomInfo *x)
{
    libxl_domain_config dc;
    virDomainDef *def = NULL;

    libxl_domain_config_init(&dc);
    xenLogReset(priv);
    if (x->domid != 0 &&
        priv->ops->retrieveConfig(XEN_XL(priv), x->domid, &dc, NULL) == 0) {
        /* libxl brings memory target and maximum up to date from
         * xenstore; the vcpus online come from the hypervisor. */
        def = xenDomcfgToDef(&dc);
        if (def != NULL && x->online > 0 && x->online <= def->maxvcpus)
            def->vcpus = x->online;
    } else {
        def = xenDomainLiveDef(priv, dom, x);
    }
    libxl_domain_config_dispose(&dc);
    return def;
}

char *
xenDomainGetXMLDesc(virDomainPtr dom, int flags)
{
    xenPriv *priv = dom->conn->privateData;
    xenConfig *cfg = NULL;
    virDomainDef *def = NULL;
    xenDomInfo x;
    char *xml = NULL;
    int rc;

    if (flags != 0) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG, "unsupported flags 0x%x",
                             (unsigned int)flags);
        return NULL;
    }
    if ((rc = xenDomResolve(dom, &x)) < 0)
        return NULL;
    if (rc == 1) {
        if ((def = xenDomainRunningDef(priv, dom, &x)) == NULL)
            return NULL;
        xml = virDomainDefFormat(def, (int)x.domid);
        virDomainDefFree(def);
    } else {
        if ((cfg = xenDomainConfig(dom)) == NULL)
            return NULL;
        xml = virDomainDefFormat(cfg->def, -1);
        xenConfigFree(cfg);
    }
    return xml;
}
