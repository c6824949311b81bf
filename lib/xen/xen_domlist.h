/*
 * xen_domlist.h: the running domains as the hypervisor reports them.
 */

#ifndef LIBVIR_XEN_DOMLIST_H
#define LIBVIR_XEN_DOMLIST_H

#include "xen_priv.h"

/* One running domain as the hypervisor reports it. */
typedef struct _xenDomInfo xenDomInfo;

struct _xenDomInfo {
    uint32_t domid;
    unsigned char uuid[VIR_UUID_BUFLEN];
    uint32_t flags;       /* XEN_DOMINF_* */
    uint32_t emulation;   /* x86 emulation flags: tell PVH from HVM */
    unsigned long memKiB; /* pages the domain holds */
    unsigned long maxKiB; /* the hypervisor's limit (toolstack adds slack) */
    unsigned long long cpuTime;
    unsigned int online;   /* vcpus online */
    unsigned int maxvcpus; /* max_vcpu_id + 1 */
};

/* Every running domain, sorted by id (a new array, caller frees). */
int xenDomListAll(xenPriv *priv, xenDomInfo **infos, size_t *n);

/* Domain @domid: 1 and @info filled, 0 when it does not exist, -1 on
 * error. */
int xenDomGetOne(xenPriv *priv, uint32_t domid, xenDomInfo *info);

#endif /* LIBVIR_XEN_DOMLIST_H */
