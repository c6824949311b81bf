/*
 * xen_domain_io.c: the Xen driver's block and network statistics
 * (libvir_stats.h).
 *
 * One collection serves every device of every domain: the list of
 * running domains (one libxenctrl call per 256 domains) and the backends'
 * counters (xen_io.h), kept on the connection for XEN_IO_MAX_AGE_NS or
 * until the next listing of the domains, whichever comes first.  A
 * caller that lists the domains and then reads each device of each one,
 * as the agent's refresh does, pays one collection; a caller that polls
 * one device in a loop pays one every half second.  Its cost is counted
 * in xenStats (ioCollections, ioFiles, and the xcCalls of the listing).
 * Looking up an interface by MAC address reads the domain's vifs' "mac"
 * nodes in xenstore (one read each, counted in xsCalls).
 * xenConnectGetAllDomainIOStats always collects anew and hands out the
 * whole collection at once (plus, the first time a domain is seen, the
 * xenstore read of its name).
 *
 * Reads only: nothing here carries out on_* actions or changes a domain.
 */

#include <config.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "xen_priv.h"
#include "xen_domain_read.h"
#include "xen_store.h"
#include "error.h"
#include "iostats.h"
#include "mac.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* Long enough that the reads of one refresh share a collection, short
 * enough that a caller polling a device sees counters move. */
#define XEN_IO_MAX_AGE_NS 500000000ULL

static unsigned long long
xenIONow(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000000000ULL +
           (unsigned long long)ts.tv_nsec;
}

/* Collects every guest's counters now into the connection's snapshot,
 * from a new listing of the running domains that *@all (sorted by id,
 * the caller frees it) and *@n return.  -1 with an error (and the
 * snapshot invalid) when either fails. */
static int
xenIOCollectNow(xenPriv *priv, xenDomInfo **all, size_t *n)
{
    size_t i;

    *all = NULL;
    *n = 0;
    priv->ioValid = false;
    if (xenDomListAll(priv, all, n) < 0)
        return -1;
    priv->stats.ioCollections++;
    if (priv->ops->ioCollect(&priv->io, &priv->stats.ioFiles) < 0)
        return -1;
    if (*n > 0 &&
        (priv->io.doms = calloc(*n, sizeof(*priv->io.doms))) == NULL) {
        virReportOOMError();
        xenIOSnapClear(&priv->io);
        return -1;
    }
    /* xenDomListAll sorts by id, as xenIOSnap wants. */
    for (i = 0; i < *n; i++) {
        priv->io.doms[i].domid = (*all)[i].domid;
        memcpy(priv->io.doms[i].uuid, (*all)[i].uuid, VIR_UUID_BUFLEN);
    }
    priv->io.ndoms = *n;
    priv->ioAt = xenIONow();
    priv->ioValid = true;
    return 0;
}

/* The connection's snapshot, collected again when stale; NULL with an
 * error when it cannot be. */
static const xenIOSnap *
xenIOSnapshot(xenPriv *priv)
{
    xenDomInfo *all = NULL;
    size_t n = 0;
    int rc;

    if (priv->ioValid && xenIONow() - priv->ioAt < XEN_IO_MAX_AGE_NS)
        return &priv->io;
    rc = xenIOCollectNow(priv, &all, &n);
    free(all);
    return rc < 0 ? NULL : &priv->io;
}

static int
xenIODomCmp(const void *a, const void *b)
{
    uint32_t x = ((const xenIODom *)a)->domid;
    uint32_t y = ((const xenIODom *)b)->domid;

    return x < y ? -1 : x > y;
}

/* Whether @dom ran when the snapshot was taken: 1 with *@domid (and
 * dom->id brought up to date), 0 when it did not, -1 on error. */
static int
xenIODomain(virDomainPtr dom, const xenIOSnap **snap, uint32_t *domid)
{
    const xenIODom *d = NULL;
    xenIODom key;
    size_t i;

    if ((*snap = xenIOSnapshot(dom->conn->privateData)) == NULL)
        return -1;
    /* By the handle's id first: a refresh asks for every device of
     * every domain, and a scan by UUID each time would cost as much as
     * the rest of the refresh. */
    if (dom->id >= 0 && (*snap)->ndoms > 0) {
        key.domid = (uint32_t)dom->id;
        d = bsearch(&key, (*snap)->doms, (*snap)->ndoms, sizeof(key),
                    xenIODomCmp);
        if (d != NULL && memcmp(d->uuid, dom->uuid, VIR_UUID_BUFLEN) == 0) {
            *domid = d->domid;
            return 1;
        }
    }
    for (i = 0; i < (*snap)->ndoms; i++) {
        d = &(*snap)->doms[i];
        if (memcmp(d->uuid, dom->uuid, VIR_UUID_BUFLEN) == 0) {
            *domid = d->domid;
            dom->id = (int)d->domid;
            return 1;
        }
    }
    dom->id = -1;
    return 0;
}

static int
xenIORequireRunning(virDomainPtr dom, const xenIOSnap **snap, uint32_t *domid)
{
    int rc = xenIODomain(dom, snap, domid);

    if (rc == 0)
        virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                             "domain '%s' is not running", dom->name);
    return rc == 1 ? 0 : -1;
}

/* The name of a vif in dom0: "vifD.N". */
static void
xenIOVifName(uint32_t domid, uint32_t devid, char *buf, size_t len)
{
    snprintf(buf, len, "vif%u.%u", domid, devid);
}

/* The disk @disk (its target, "xvda") of @dom; NULL with an error. */
static const xenIODev *
xenIOFindDisk(virDomainPtr dom, const char *disk)
{
    const xenIODev *first = NULL;
    const xenIOSnap *snap;
    uint32_t domid;
    char name[32];
    size_t n;
    size_t i;

    if (xenIORequireRunning(dom, &snap, &domid) < 0)
        return NULL;
    n = xenIODomainDevs(snap, domid, XEN_IO_VBD, &first);
    for (i = 0; i < n; i++) {
        xenIODiskName(first[i].devid, name, sizeof(name));
        if (strcmp(name, disk) == 0)
            return &first[i];
    }
    virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                         "domain '%s' has no disk '%s'", dom->name, disk);
    return NULL;
}

/* A value of sectors in bytes; unknown stays unknown. */
static long long
xenIOSectorsToBytes(long long sectors)
{
    if (sectors < 0)
        return -1;
    return sectors > LLONG_MAX / 512 ? LLONG_MAX : sectors * 512;
}

int
xenDomainBlockStats(virDomainPtr dom, const char *disk,
                    virDomainBlockStatsPtr stats)
{
    const xenIODev *d = xenIOFindDisk(dom, disk);

    if (d == NULL)
        return -1;
    /* blkback counts no failed requests: errs stays -1. */
    stats->rd_req = d->c[XEN_IO_RD_REQ];
    stats->rd_bytes = xenIOSectorsToBytes(d->c[XEN_IO_RD_SECT]);
    stats->wr_req = d->c[XEN_IO_WR_REQ];
    stats->wr_bytes = xenIOSectorsToBytes(d->c[XEN_IO_WR_SECT]);
    return 0;
}

/* The counters of the collection's disk @d in the struct of
 * virDomainBlockStatsXen, which holds them in the same order. */
static void
xenIODiskStats(const xenIODev *d, virDomainBlockStatsXenPtr stats)
{
    stats->rd_req = d->c[XEN_IO_RD_REQ];
    stats->rd_sect = d->c[XEN_IO_RD_SECT];
    stats->wr_req = d->c[XEN_IO_WR_REQ];
    stats->wr_sect = d->c[XEN_IO_WR_SECT];
    stats->oo_req = d->c[XEN_IO_OO_REQ];
    stats->f_req = d->c[XEN_IO_F_REQ];
    stats->ds_req = d->c[XEN_IO_DS_REQ];
}

/* The counters of the collection's vif @d, already seen from the guest. */
static void
xenIOVifStats(const xenIODev *d, virDomainInterfaceStatsPtr stats)
{
    stats->rx_bytes = d->c[XEN_IO_RX_BYTES];
    stats->rx_packets = d->c[XEN_IO_RX_PACKETS];
    stats->rx_errs = d->c[XEN_IO_RX_ERRS];
    stats->rx_drop = d->c[XEN_IO_RX_DROP];
    stats->tx_bytes = d->c[XEN_IO_TX_BYTES];
    stats->tx_packets = d->c[XEN_IO_TX_PACKETS];
    stats->tx_errs = d->c[XEN_IO_TX_ERRS];
    stats->tx_drop = d->c[XEN_IO_TX_DROP];
}

int
xenDomainBlockStatsXen(virDomainPtr dom, const char *disk,
                       virDomainBlockStatsXenPtr stats)
{
    const xenIODev *d = xenIOFindDisk(dom, disk);

    if (d == NULL)
        return -1;
    xenIODiskStats(d, stats);
    return 0;
}

/* Whether vif @devid of domain @domid has MAC address @mac, as the
 * toolstack wrote it in the backend's xenstore directory. */
static bool
xenIOVifHasMac(xenPriv *priv, uint32_t domid, uint32_t devid,
               const unsigned char *mac)
{
    unsigned char have[VIR_MAC_BUFLEN];
    char path[96];
    char *str;
    bool same;

    snprintf(path, sizeof(path), "/local/domain/0/backend/vif/%u/%u/mac", domid,
             devid);
    if ((str = xenStoreRead(priv, path)) == NULL) {
        virResetLastError(); /* torn down meanwhile: not this one */
        return false;
    }
    same =
        virMacParse(str, have) == 0 && memcmp(have, mac, VIR_MAC_BUFLEN) == 0;
    free(str);
    return same;
}

int
xenDomainInterfaceStats(virDomainPtr dom, const char *device,
                        virDomainInterfaceStatsPtr stats)
{
    unsigned char mac[VIR_MAC_BUFLEN];
    const xenIODev *first = NULL;
    const xenIODev *d = NULL;
    const xenIOSnap *snap;
    bool byMac = virMacParse(device, mac) == 0;
    uint32_t domid;
    char name[32];
    size_t n;
    size_t i;

    if (xenIORequireRunning(dom, &snap, &domid) < 0)
        return -1;
    n = xenIODomainDevs(snap, domid, XEN_IO_VIF, &first);
    for (i = 0; i < n && d == NULL; i++) {
        xenIOVifName(domid, first[i].devid, name, sizeof(name));
        if (byMac ? xenIOVifHasMac(dom->conn->privateData, domid,
                                   first[i].devid, mac)
                  : strcmp(name, device) == 0)
            d = &first[i];
    }
    if (d == NULL) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG,
                             "domain '%s' has no interface '%s'", dom->name,
                             device);
        return -1;
    }
    xenIOVifStats(d, stats);
    return 0;
}

/* The names of @dom's devices of @kind, in device id order (for disks,
 * xl's order of the configuration's disks), into a new NULL-terminated
 * *@names unless @names is NULL. */
static int
xenIOListDevices(virDomainPtr dom, xenIOKind kind, char ***names)
{
    const xenIODev *first = NULL;
    const xenIOSnap *snap;
    char **list = NULL;
    uint32_t domid;
    char name[32];
    size_t n = 0;
    size_t i;
    int rc;

    if ((rc = xenIODomain(dom, &snap, &domid)) < 0)
        return -1;
    if (rc == 1)
        n = xenIODomainDevs(snap, domid, kind, &first);
    if (names == NULL)
        return (int)n;
    if ((list = calloc(n + 1, sizeof(*list))) == NULL)
        goto oom;
    for (i = 0; i < n; i++) {
        if (kind == XEN_IO_VBD)
            xenIODiskName(first[i].devid, name, sizeof(name));
        else
            xenIOVifName(domid, first[i].devid, name, sizeof(name));
        if ((list[i] = strdup(name)) == NULL)
            goto oom;
    }
    *names = list;
    return (int)n;

oom:
    virReportOOMError();
    for (i = 0; list != NULL && list[i] != NULL; i++)
        free(list[i]);
    free(list);
    return -1;
}

int
xenDomainListBlockDevices(virDomainPtr dom, char ***names)
{
    return xenIOListDevices(dom, XEN_IO_VBD, names);
}

int
xenDomainListInterfaces(virDomainPtr dom, char ***names)
{
    return xenIOListDevices(dom, XEN_IO_VIF, names);
}

/* The record of running domain @info from the collection just made;
 * NULL with an error. */
static virDomainIOStatsRecordPtr
xenIORecord(virConnectPtr conn, const xenDomInfo *info, const char *name)
{
    xenPriv *priv = conn->privateData;
    const xenIODev *disks = NULL;
    const xenIODev *vifs = NULL;
    size_t ndisks = xenIODomainDevs(&priv->io, info->domid, XEN_IO_VBD, &disks);
    size_t nvifs = xenIODomainDevs(&priv->io, info->domid, XEN_IO_VIF, &vifs);
    virDomainIOStatsRecordPtr rec;
    virDomainPtr dom;
    char buf[32];
    size_t i;

    /* Names are at most 31 bytes: room for the longest each. */
    if ((dom = virGetDomain(conn, name, info->uuid, (int)info->domid)) ==
            NULL ||
        (rec = virIOStatsRecordNew(dom, (int)info->domid, ndisks, nvifs,
                                   (ndisks + nvifs) * sizeof(buf))) == NULL)
        return NULL;
    for (i = 0; i < ndisks; i++) {
        xenIODiskName(disks[i].devid, buf, sizeof(buf));
        rec->disks[i].name = virIOStatsRecordName(rec, buf);
        xenIODiskStats(&disks[i], &rec->disks[i].stats);
    }
    for (i = 0; i < nvifs; i++) {
        xenIOVifName(info->domid, vifs[i].devid, buf, sizeof(buf));
        rec->ifaces[i].name = virIOStatsRecordName(rec, buf);
        xenIOVifStats(&vifs[i], &rec->ifaces[i].stats);
    }
    return rec;
}

int
xenConnectGetAllDomainIOStats(virConnectPtr conn,
                              virDomainIOStatsRecordPtr **records)
{
    xenPriv *priv = conn->privateData;
    virDomainIOStatsRecordPtr *list = NULL;
    xenDomInfo *all = NULL;
    const char *name;
    size_t n = 0;
    size_t out = 0;
    size_t i;
    int ret = -1;

    /* Always a new collection: this is the one a refresh makes, and the
     * per-device calls that may follow share it. */
    if (xenIOCollectNow(priv, &all, &n) < 0)
        goto cleanup;
    if ((list = calloc(n + 1, sizeof(*list))) == NULL) {
        virReportOOMError();
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        if ((name = xenDomName(priv, &all[i])) == NULL) {
            virResetLastError(); /* being built: no name, no record yet */
            continue;
        }
        if ((list[out] = xenIORecord(conn, &all[i], name)) == NULL)
            goto cleanup;
        out++;
    }
    *records = list;
    list = NULL;
    ret = (int)out;

cleanup:
    virIOStatsListFree(list);
    free(all);
    return ret;
}
