/*
 * xen_domlist.c: the running domains as the hypervisor reports them
 * (xc_domain_getinfolist), the truth for ids, UUIDs, flags, memory held,
 * cpu time and vcpus.  Below everything else of the driver that looks at
 * domains: it calls nothing of the driver's but the logger.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xen_domlist.h"
#include "xen_state.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* Domains fetched per xc_domain_getinfolist call. */
#define XEN_LIST_CHUNK 256

static void
xenDomFromXc(const xc_domaininfo_t *x, xenDomInfo *out)
{
    memset(out, 0, sizeof(*out));
    out->domid = x->domain;
    memcpy(out->uuid, x->handle, VIR_UUID_BUFLEN);
    out->flags = x->flags;
    out->emulation = x->arch_config.emulation_flags;
    out->memKiB = xenPagesToKiB(x->tot_pages);
    out->maxKiB = xenPagesToKiB(x->max_pages);
    out->cpuTime = x->cpu_time;
    out->online = x->nr_online_vcpus;
    out->maxvcpus =
        x->max_vcpu_id == XEN_INVALID_MAX_VCPU_ID ? 0 : x->max_vcpu_id + 1;
}

int
xenDomListAll(xenPriv *priv, xenDomInfo **infos, size_t *n)
{
    xc_domaininfo_t *chunk = NULL;
    xenDomInfo *all = NULL;
    xenDomInfo *grown;
    size_t count = 0;
    uint32_t first = 0;
    int got;
    int i;
    int ret = -1;

    if ((chunk = calloc(XEN_LIST_CHUNK, sizeof(*chunk))) == NULL) {
        virReportOOMError();
        goto cleanup;
    }
    do {
        xenLogReset(priv);
        got = priv->ops->domainGetinfolist(XEN_XC(priv), first, XEN_LIST_CHUNK,
                                           chunk);
        if (got < 0) {
            virReportError(VIR_ERR_OPERATION_FAILED,
                           "cannot list the domains: %s",
                           xenLastError(priv, strerror(errno)));
            goto cleanup;
        }
        if (got == 0)
            break;
        grown = realloc(all, (count + (size_t)got) * sizeof(*all));
        if (grown == NULL) {
            virReportOOMError();
            goto cleanup;
        }
        all = grown;
        for (i = 0; i < got; i++)
            xenDomFromXc(&chunk[i], &all[count++]);
        first = (uint32_t)chunk[got - 1].domain + 1;
    } while (got == XEN_LIST_CHUNK);
    *infos = all;
    *n = count;
    all = NULL;
    ret = 0;

cleanup:
    free(all);
    free(chunk);
    return ret;
}

int
xenDomGetOne(xenPriv *priv, uint32_t domid, xenDomInfo *info)
{
    xc_domaininfo_t x;
    int got;

    xenLogReset(priv);
    got = priv->ops->domainGetinfolist(XEN_XC(priv), domid, 1, &x);
    if (got < 0) {
        virReportError(VIR_ERR_OPERATION_FAILED, "cannot read domain %u: %s",
                       domid, xenLastError(priv, strerror(errno)));
        return -1;
    }
    /* The call returns the first domain at or after @domid. */
    if (got == 0 || x.domain != domid)
        return 0;
    xenDomFromXc(&x, info);
    return 1;
}

/* Reads /local/domain/N/SUFFIX (a new string); NULL with an error. */
