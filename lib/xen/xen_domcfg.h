/*
 * xen_domcfg.h: domain definitions <-> libxl_domain_config, the form
 * libxenlight creates domains from and reports running ones in.  Pure
 * conversions (no hypervisor call): unit-tested.
 */

#ifndef LIBVIR_XEN_DOMCFG_H
#define LIBVIR_XEN_DOMCFG_H

#include "xen_config.h"

#define LIBXL_API_VERSION 0x041300
#include <libxl.h>
#include <libxl_utils.h>

/* Fills @out (initialised by the caller with libxl_domain_config_init,
 * disposed by the caller) from @cfg.  -1 with the reason when @cfg holds
 * something libxl refuses (a bad cpuid string). */
int xenDomcfgFromConfig(const xenConfig *cfg, libxl_domain_config *out);

/* Allocates @bm (initialised) for @nbits bits, all clear, without a
 * libxl context.  -1 on OOM (reported). */
int xenBitmapAlloc(libxl_bitmap *bm, unsigned int nbits);

/* One device each way; the libxl structure is initialised by the
 * caller, who disposes of it.  -1 on OOM (reported). */
int xenDomcfgDiskFromDef(const virDomainDiskDef *d, libxl_device_disk *disk);
int xenDomcfgNicFromDef(const virDomainNetDef *n, libxl_device_nic *nic);
/* @disk must have a path and a virtual device. */
int xenDomcfgDiskToDef(const libxl_device_disk *disk, virDomainDiskDef *d);

/* A new definition of what @in describes (id -1; the caller sets it).
 * NULL on error: VIR_ERR_CONFIG_INVALID naming what has no XML form. */
virDomainDef *xenDomcfgToDef(const libxl_domain_config *in);

#endif /* LIBVIR_XEN_DOMCFG_H */
