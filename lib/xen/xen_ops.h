/*
 * xen_ops.h: the Xen driver's seam.  Every call the driver makes into
 * libxenctrl, libxenstore and libxenlight, and its reads of dom0's own
 * files (the host checks at open, the device counters of xen_io.c), go
 * through one const table of functions that the connection holds
 * (priv->ops).  xenDefaultOps calls the real libraries; the unit tests
 * (tests/xendrivertest.c) open a connection on a table of their own, a
 * hypervisor kept in memory, so that the driver's logic runs in make
 * check on any host.  "make syntax-check" holds every other file of
 * lib/xen to this (build-aux/xen-seam.sh): what they may call directly
 * are libxenlight's data-type helpers (_init, _dispose, bitmaps, UUIDs),
 * which touch no hypervisor.
 *
 * The members take the handles the open members returned, as the
 * libraries' own functions do, so that the default table is those
 * functions; a replacement's open members return handles of its own
 * (pointers to its own state), which only its other members look into.
 * Return conventions are the libraries' (xc and libxl: 0 or -1/ERROR_*,
 * errno set by xc; xs: false/NULL with errno).  The driver calls
 * libxenlight synchronously: where a member takes a libxl_asyncop_how,
 * it passes NULL.
 */

#ifndef LIBVIR_XEN_OPS_H
#define LIBVIR_XEN_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include <xenctrl.h>
#include <xenstore.h>
#define LIBXL_API_VERSION 0x041300
#include <libxl.h>
#include <libxl_utils.h>

#include "libvir.h"
#include "xen_io.h"

typedef struct _xenOps xenOps;

struct _xenOps {
    /* ---- the host and the handles ---- */
    /* Why this process cannot manage the local Xen host, or NULL. */
    const char *(*hostProblem)(void);
    xc_interface *(*xcOpen)(xentoollog_logger *logger);
    int (*xcClose)(xc_interface *xch);
    /* xenstored through its socket only: NULL with errno when the daemon
     * does not answer there. */
    struct xs_handle *(*xsOpen)(void);
    void (*xsClose)(struct xs_handle *xsh);
    int (*xlCtxAlloc)(libxl_ctx **ctx, xentoollog_logger *logger);
    int (*xlCtxFree)(libxl_ctx *ctx);

    /* ---- libxenctrl ---- */
    int (*physinfo)(xc_interface *xch, xc_physinfo_t *info);
    int (*version)(xc_interface *xch, int cmd, void *arg);
    int (*domainGetinfolist)(xc_interface *xch, uint32_t first,
                             unsigned int max, xc_domaininfo_t *info);
    int (*vcpuGetinfo)(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                       xc_vcpuinfo_t *info);
    int (*vcpuGetaffinity)(xc_interface *xch, uint32_t domid, int vcpu,
                           xc_cpumap_t hard, xc_cpumap_t soft, uint32_t flags);

    /* ---- libxenstore ---- */
    bool (*xsWatch)(struct xs_handle *xsh, const char *path, const char *token);
    int (*xsFileno)(struct xs_handle *xsh);
    /* One allocation: the caller frees the array alone. */
    char **(*xsCheckWatch)(struct xs_handle *xsh);
    void *(*xsRead)(struct xs_handle *xsh, xs_transaction_t t, const char *path,
                    unsigned int *len);

    /* ---- libxenlight ---- */
    int (*domainCreateNew)(libxl_ctx *ctx, libxl_domain_config *dc,
                           uint32_t *domid);
    int (*domainCreateRestore)(libxl_ctx *ctx, libxl_domain_config *dc,
                               uint32_t *domid, int fd,
                               const libxl_domain_restore_params *params);
    int (*domainPause)(libxl_ctx *ctx, uint32_t domid,
                       const libxl_asyncop_how *ao);
    int (*domainUnpause)(libxl_ctx *ctx, uint32_t domid,
                         const libxl_asyncop_how *ao);
    int (*domainShutdown)(libxl_ctx *ctx, uint32_t domid,
                          const libxl_asyncop_how *ao);
    int (*domainReboot)(libxl_ctx *ctx, uint32_t domid,
                        const libxl_asyncop_how *ao);
    int (*domainDestroy)(libxl_ctx *ctx, uint32_t domid,
                         const libxl_asyncop_how *ao);
    int (*domainSuspend)(libxl_ctx *ctx, uint32_t domid, int fd);
    int (*domainCoreDump)(libxl_ctx *ctx, uint32_t domid, const char *to,
                          const libxl_asyncop_how *ao);
    int (*retrieveConfig)(libxl_ctx *ctx, uint32_t domid,
                          libxl_domain_config *dc, const libxl_asyncop_how *ao);
    char *(*configToJson)(libxl_ctx *ctx, libxl_domain_config *dc);
    int (*configFromJson)(libxl_ctx *ctx, libxl_domain_config *dc,
                          const char *json);
    int (*setMaxmem)(libxl_ctx *ctx, uint32_t domid, uint64_t kib);
    int (*setMemoryTarget)(libxl_ctx *ctx, uint32_t domid, int64_t kib,
                           int relative, int enforce);
    int (*setVcpuonline)(libxl_ctx *ctx, uint32_t domid, libxl_bitmap *map,
                         const libxl_asyncop_how *ao);
    int (*setVcpuaffinity)(libxl_ctx *ctx, uint32_t domid, uint32_t vcpu,
                           const libxl_bitmap *hard, const libxl_bitmap *soft);
    int (*diskAdd)(libxl_ctx *ctx, uint32_t domid, libxl_device_disk *disk,
                   const libxl_asyncop_how *ao);
    int (*diskRemove)(libxl_ctx *ctx, uint32_t domid, libxl_device_disk *disk,
                      const libxl_asyncop_how *ao);
    int (*diskDestroy)(libxl_ctx *ctx, uint32_t domid, libxl_device_disk *disk,
                       const libxl_asyncop_how *ao);
    int (*nicAdd)(libxl_ctx *ctx, uint32_t domid, libxl_device_nic *nic,
                  const libxl_asyncop_how *ao);
    int (*nicRemove)(libxl_ctx *ctx, uint32_t domid, libxl_device_nic *nic,
                     const libxl_asyncop_how *ao);
    int (*nicDestroy)(libxl_ctx *ctx, uint32_t domid, libxl_device_nic *nic,
                      const libxl_asyncop_how *ao);
    int (*vdevToDisk)(libxl_ctx *ctx, uint32_t domid, const char *vdev,
                      libxl_device_disk *disk);
    int (*macToNic)(libxl_ctx *ctx, uint32_t domid, const char *mac,
                    libxl_device_nic *nic);

    /* ---- dom0's files ---- */
    /* xenIOCollect on the host's root (xen_io.h). */
    int (*ioCollect)(xenIOSnap *snap, unsigned long long *files);
};

/* The real libraries and files. */
extern const xenOps xenDefaultOps;

/* A connection to xen:/// through @ops instead of the real libraries,
 * for the unit tests (xen_driver.c): it opens as virConnectOpen would,
 * the host checks included, and is closed with virConnectClose.  NULL
 * with the error open reported. */
virConnectPtr xenConnectOpenWithOps(const xenOps *ops);

#endif /* LIBVIR_XEN_OPS_H */
