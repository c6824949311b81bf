/*
 * xen_priv.h: the private data of a Xen connection, shared by the files
 * of lib/xen/.  Not for use outside the driver.
 */

#ifndef LIBVIR_XEN_PRIV_H
#define LIBVIR_XEN_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xen_ops.h"
#include "xen_io.h"
#include "xen_stats.h"
#include "xen_config.h"
#include "datatypes.h"

/* Where defined domains live unless LIBVIR_XEN_CONFDIR says otherwise. */
#define XEN_DEFAULT_CONFDIR "/etc/xen"
#define XEN_CONFDIR_ENV "LIBVIR_XEN_CONFDIR"

/* A xentoollog logger that keeps the last error libxl or libxenctrl
 * logged, so that our error messages can carry Xen's reason; the library
 * never prints. */
typedef struct _xenLogger xenLogger;

struct _xenLogger {
    xentoollog_logger vtable; /* first: the libraries see only this */
    char last[512];           /* "" when nothing was logged */
};

typedef struct _xenNameEntry xenNameEntry;

struct _xenNameEntry {
    uint32_t domid;
    unsigned char uuid[VIR_UUID_BUFLEN]; /* with domid: a domid is reused */
    char *name;
};

/* A domain this connection started or asked to stop: it owns what
 * happens when the guest shuts down (xl's monitoring process does that
 * for the domains xl starts). */
typedef struct _xenTracked xenTracked;

struct _xenTracked {
    uint32_t domid;
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool shutdownRequested; /* shows as SHUTDOWN until the guest stops */
    xenConfig *cfg;         /* set when we created it: on_* actions */
};

typedef struct _xenPriv xenPriv;

struct _xenPriv {
    const xenOps *ops; /* every call into Xen goes through it */
    xc_interface *xch;
    struct xs_handle *xsh; /* NULL after xenstored went away */
    libxl_ctx *ctx;
    xenLogger logger;
    char *confdir;       /* defined domains: xl configs, NAME.cfg */
    unsigned int nrCpus; /* host cpus: max_cpu_id + 1 */
    xenStats stats;
    bool watching; /* @introduceDomain/@releaseDomain watches set */
    /* @releaseDomain fired (or xenstore was reconnected) since the on_*
     * actions were last looked at: a domain may have stopped. */
    bool releasePending;

    xenNameEntry *names; /* name cache, flushed by the watches */
    size_t nnames;
    xenTracked *tracked;
    size_t ntracked;

    /* Every guest's device counters (xen_domain_io.c): collected once
     * for all domains, kept for a short while or until the next listing
     * of the domains. */
    xenIOSnap io;
    unsigned long long ioAt; /* CLOCK_MONOTONIC ns of the collection */
    bool ioValid;
};

/* Counted handles: pass XEN_XC(priv) where libxenctrl wants its handle
 * and the call is counted. */
#define XEN_XC(priv) ((priv)->stats.xcCalls++, (priv)->xch)
#define XEN_XS(priv) ((priv)->stats.xsCalls++, (priv)->xsh)
#define XEN_XL(priv) ((priv)->stats.xlCalls++, (priv)->ctx)

/* xen_log.c.  Init fills the logger's vtable before it is handed to
 * the Xen libraries.  Reset clears its last message before a call whose
 * failure we report; xenLastError returns it, or @fallback when nothing
 * was logged. */
void xenLoggerInit(xenLogger *logger);
void xenLogReset(xenPriv *priv);
const char *xenLastError(const xenPriv *priv, const char *fallback);

/* xen_domain_io.c: the driver's device statistics slots. */
int xenDomainBlockStats(virDomainPtr dom, const char *disk,
                        virDomainBlockStatsPtr stats);
int xenDomainBlockStatsXen(virDomainPtr dom, const char *disk,
                           virDomainBlockStatsXenPtr stats);
int xenDomainInterfaceStats(virDomainPtr dom, const char *device,
                            virDomainInterfaceStatsPtr stats);
int xenDomainListBlockDevices(virDomainPtr dom, char ***names);
int xenDomainListInterfaces(virDomainPtr dom, char ***names);
int xenConnectGetAllDomainIOStats(virConnectPtr conn,
                                  virDomainIOStatsRecordPtr **records);

/* xen_node.c */
const char *xenConnectGetType(virConnectPtr conn);
int xenConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int xenNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);

/* xen_watch.c */
int xenWatchStart(xenPriv *priv);
/* A xenstore connection with its watches set (xenStoreEnsure, then the
 * watches again on a new connection); -1 with an error. */
int xenWatchEnsure(xenPriv *priv);
/* Reads pending watch events without blocking: flushes the name cache
 * when a domain came or went, and sets releasePending on @releaseDomain.
 * Only xenReapOnRelease (xen_reap.c) calls it. */
void xenWatchDrain(xenPriv *priv);
void xenNameCacheFlush(xenPriv *priv);
/* The driver's connectGetEventFd: the xenstore watch descriptor. */
int xenConnectGetEventFd(virConnectPtr conn);

#endif /* LIBVIR_XEN_PRIV_H */
