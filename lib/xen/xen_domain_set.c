/*
 * xen_domain_set.c: memory, vcpus and pinning of Xen domains.
 *
 * A running domain is changed through libxenlight, which also updates the
 * toolstack's records (xenstore memory/static-max and target, the vcpu
 * availability), so xl mem-max, mem-set and vcpu-set would have done the
 * same.  A domain that is not running has its configuration file changed.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xen_domain_ctl.h"
#include "xen_defined.h"
#include "xen_domcfg.h"
#include "xen_state.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

int
xenDomainEditConfig(virDomainPtr dom, xenConfigEdit edit, const void *arg)
{
    xenPriv *priv = dom->conn->privateData;
    xenConfig *cfg = NULL;
    int ret = -1;
    int rc;

    if ((rc = xenDefinedFindByUUID(priv, dom->uuid, &cfg)) <= 0) {
        if (rc == 0)
            virReportDomainError(dom, VIR_ERR_NO_DOMAIN,
                                 "domain '%s' no longer exists", dom->name);
        return -1;
    }
    if (edit(dom, cfg->def, arg) < 0 || xenDefinedWrite(priv, cfg) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    xenConfigFree(cfg);
    return ret;
}

static int
xenEditMaxMemory(virDomainPtr dom, virDomainDef *def, const void *arg)
{
    unsigned long memory = *(const unsigned long *)arg;

    if (memory < def->memory) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "maximum memory %lu KiB is below the current "
                             "memory %lu KiB of domain '%s'",
                             memory, def->memory, dom->name);
        return -1;
    }
    def->maxmem = memory;
    return 0;
}

static int
xenEditMemory(virDomainPtr dom, virDomainDef *def, const void *arg)
{
    unsigned long memory = *(const unsigned long *)arg;

    if (memory > def->maxmem) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "memory %lu KiB is above the maximum %lu KiB of "
                             "domain '%s'",
                             memory, def->maxmem, dom->name);
        return -1;
    }
    def->memory = memory;
    return 0;
}

static int
xenEditVcpus(virDomainPtr dom, virDomainDef *def, const void *arg)
{
    unsigned int nvcpus = *(const unsigned int *)arg;

    if (nvcpus < 1 || nvcpus > def->maxvcpus) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "vcpu count %u is out of range for domain '%s': "
                             "1 to its maximum %u",
                             nvcpus, dom->name, def->maxvcpus);
        return -1;
    }
    def->vcpus = nvcpus;
    return 0;
}

int
xenDomainSetMaxMemory(virDomainPtr dom, unsigned long memory)
{
    xenPriv *priv = dom->conn->privateData;
    unsigned long target;
    xenDomInfo x;
    int rc;

    if ((rc = xenDomResolve(dom, &x)) < 0)
        return -1;
    if (rc == 0)
        return xenDomainEditConfig(dom, xenEditMaxMemory, &memory);
    /* libxl refuses a maximum below the balloon target, without saying
     * which numbers were involved: say it first. */
    target = xenDomStoreKiB(priv, &x, "memory/target", x.memKiB);
    if (memory < target) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "maximum memory %lu KiB is below the current "
                             "memory %lu KiB of domain '%s'",
                             memory, target, dom->name);
        return -1;
    }
    xenLogReset(priv);
    if (priv->ops->setMaxmem(XEN_XL(priv), x.domid, memory) != 0) {
        xenReportCallError(dom, priv, "setting the maximum memory");
        return -1;
    }
    return 0;
}

int
xenDomainSetMemory(virDomainPtr dom, unsigned long memory)
{
    xenPriv *priv = dom->conn->privateData;
    unsigned long maxmem;
    xenDomInfo x;
    int rc;

    if ((rc = xenDomResolve(dom, &x)) < 0)
        return -1;
    if (rc == 0)
        return xenDomainEditConfig(dom, xenEditMemory, &memory);
    maxmem = xenDomMaxMemory(priv, &x);
    if (memory > maxmem) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "memory %lu KiB is above the maximum %lu KiB of "
                             "domain '%s'",
                             memory, maxmem, dom->name);
        return -1;
    }
    xenLogReset(priv);
    /* enforce=1: the hypervisor's limit follows, as xl mem-set does. */
    if (priv->ops->setMemoryTarget(XEN_XL(priv), x.domid, (int64_t)memory, 0,
                                   1) != 0) {
        xenReportCallError(dom, priv, "setting the memory target");
        return -1;
    }
    return 0;
}

int
xenDomainSetVcpus(virDomainPtr dom, unsigned int nvcpus)
{
    xenPriv *priv = dom->conn->privateData;
    libxl_bitmap bm;
    xenDomInfo x;
    unsigned int v;
    int ret = -1;
    int rc;

    if ((rc = xenDomResolve(dom, &x)) < 0)
        return -1;
    if (rc == 0)
        return xenDomainEditConfig(dom, xenEditVcpus, &nvcpus);
    if (nvcpus < 1 || nvcpus > x.maxvcpus) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "vcpu count %u is out of range for domain '%s': "
                             "1 to its maximum %u",
                             nvcpus, dom->name, x.maxvcpus);
        return -1;
    }
    libxl_bitmap_init(&bm);
    if (xenBitmapAlloc(&bm, x.maxvcpus) < 0)
        return -1;
    for (v = 0; v < nvcpus; v++)
        libxl_bitmap_set(&bm, (int)v);
    xenLogReset(priv);
    if (priv->ops->setVcpuonline(XEN_XL(priv), x.domid, &bm, NULL) != 0) {
        xenReportCallError(dom, priv, "setting the vcpu count");
        goto cleanup;
    }
    ret = 0;

cleanup:
    libxl_bitmap_dispose(&bm);
    return ret;
}

typedef struct _xenPinArg xenPinArg;

struct _xenPinArg {
    unsigned int vcpu;
    const unsigned char *map;
    size_t maplen;
};

static int
xenEditPin(virDomainPtr dom, virDomainDef *def, const void *arg)
{
    const xenPinArg *p = arg;
    virDomainVcpuPinDef *pins;
    size_t i;

    if (p->vcpu >= def->maxvcpus) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "vcpu %u is out of range for domain '%s', which "
                             "has %u vcpus",
                             p->vcpu, dom->name, def->maxvcpus);
        return -1;
    }
    for (i = 0; i < def->npins && def->pins[i].vcpu < p->vcpu; i++)
        ;
    if (i == def->npins || def->pins[i].vcpu != p->vcpu) {
        pins = realloc(def->pins, (def->npins + 1) * sizeof(*pins));
        if (pins == NULL)
            goto oom;
        def->pins = pins;
        memmove(&pins[i + 1], &pins[i], (def->npins - i) * sizeof(*pins));
        def->npins++;
        pins[i].vcpu = p->vcpu;
        pins[i].cpumap = NULL;
    }
    free(def->pins[i].cpumap);
    if ((def->pins[i].cpumap = malloc(p->maplen)) == NULL) {
        def->pins[i].maplen = 0;
        goto oom;
    }
    memcpy(def->pins[i].cpumap, p->map, p->maplen);
    def->pins[i].maplen = p->maplen;
    return 0;

oom:
    virReportOOMError();
    return -1;
}

int
xenDomainPinVcpu(virDomainPtr dom, unsigned int vcpu,
                 const unsigned char *cpumap, int maplen)
{
    xenPriv *priv = dom->conn->privateData;
    size_t xenlen = (priv->nrCpus + 7) / 8;
    libxl_bitmap bm;
    xenPinArg arg;
    xenDomInfo x;
    int ret = -1;
    int rc;

    libxl_bitmap_init(&bm);
    if (xenBitmapAlloc(&bm, priv->nrCpus) < 0)
        return -1;
    /* Checked against the host before anything else. */
    if (xenCpumapFromVir(cpumap, maplen, priv->nrCpus, bm.map, bm.size) < 0 ||
        (rc = xenDomResolve(dom, &x)) < 0)
        goto cleanup;
    if (rc == 0) {
        arg.vcpu = vcpu;
        arg.map = bm.map;
        arg.maplen = xenlen;
        ret = xenDomainEditConfig(dom, xenEditPin, &arg);
        goto cleanup;
    }
    if (vcpu >= x.maxvcpus) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "vcpu %u is out of range for domain '%s', which "
                             "has %u vcpus",
                             vcpu, dom->name, x.maxvcpus);
        goto cleanup;
    }
    xenLogReset(priv);
    if (priv->ops->setVcpuaffinity(XEN_XL(priv), x.domid, vcpu, &bm, NULL) !=
        0) {
        xenReportCallError(dom, priv, "pinning a vcpu");
        goto cleanup;
    }
    ret = 0;

cleanup:
    libxl_bitmap_dispose(&bm);
    return ret;
}
