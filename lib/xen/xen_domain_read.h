/*
 * xen_domain_read.h: what the Xen driver reads about domains.
 *
 * Costs, counted in the connection's xenStats: listing or counting the
 * running domains is one xc_domain_getinfolist per 256 domains; a lookup
 * by id is one libxenctrl call, plus one xenstore read the first time a
 * domain's name is needed (names are cached until a watch fires); info
 * is one libxenctrl call and one xenstore read (the toolstack's maximum
 * memory); vcpus are one libxenctrl call, plus two per vcpu.
 */

#ifndef LIBVIR_XEN_DOMAIN_READ_H
#define LIBVIR_XEN_DOMAIN_READ_H

#include "xen_domlist.h"

/* The xenstore name of @info's domain (borrowed from the cache), or NULL
 * with VIR_ERR_NO_DOMAIN while the domain has none (being built). */
const char *xenDomName(xenPriv *priv, const xenDomInfo *info);

/* Where the domain of handle @dom is now: 1 running (@info filled,
 * dom->id updated), 0 not running (dom->id set to -1), -1 on error. */
int xenDomResolve(virDomainPtr dom, xenDomInfo *info);

/* Like xenDomResolve, but a domain that is not running is an error
 * (VIR_ERR_OPERATION_INVALID, "domain 'NAME' is not running"). */
int xenDomRequireRunning(virDomainPtr dom, xenDomInfo *info);

virDomainState xenDomState(const xenPriv *priv, const xenDomInfo *info);

/* A KiB count the toolstack keeps under /local/domain/N/@key, or
 * @fallback when it is missing or unreadable. */
unsigned long xenDomStoreKiB(xenPriv *priv, const xenDomInfo *info,
                             const char *key, unsigned long fallback);

/* The toolstack's maximum memory (xenstore memory/static-max), KiB. */
unsigned long xenDomMaxMemory(xenPriv *priv, const xenDomInfo *info);

/* What libxl knows of running domain @x as a definition, or what the
 * hypervisor alone tells for those it keeps none of (Domain-0). */
virDomainDef *xenDomainRunningDef(xenPriv *priv, virDomainPtr dom,
                                  const xenDomInfo *x);

/* "linux", "xenpvh" or "hvm". */
const char *xenDomOSType(const xenDomInfo *info);

int xenConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int xenConnectNumOfDomains(virConnectPtr conn);
virDomainPtr xenDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr xenDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr xenDomainLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
int xenDomainGetID(virDomainPtr dom);
char *xenDomainGetOSType(virDomainPtr dom);
int xenDomainGetInfo(virDomainPtr dom, virDomainInfoPtr info);
unsigned long xenDomainGetMaxMemory(virDomainPtr dom);
int xenDomainGetVcpus(virDomainPtr dom, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);
char *xenDomainGetXMLDesc(virDomainPtr dom, int flags);

#endif /* LIBVIR_XEN_DOMAIN_READ_H */
