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
#include "xen_domlist.h"
#include "xen_store.h"
#include "error.h"
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

/* The connection's snapshot, collected again when stale; NULL with an
 * error when it cannot be. */
static const xenIOSnap *
xenIOSnapshot(xenPriv *priv)
{
    unsigned long long now = xenIONow();
    xenDomInfo *all = NULL;
    size_t n = 0;
    size_t i;

    if (priv->ioValid && now - priv->ioAt < XEN_IO_MAX_AGE_NS)
        return &priv->io;
    priv->ioValid = false;
    if (xenDomListAll(priv, &all, &n) < 0)
        return NULL;
    priv->stats.ioCollections++;
    if (priv->ops->ioCollect(&priv->io, &priv->stats.ioFiles) < 0)
        goto cleanup;
    if (n > 0 && (priv->io.doms = calloc(n, sizeof(*priv->io.doms))) == NULL) {
        virReportOOMError();
        xenIOSnapClear(&priv->io);
        goto cleanup;
    }
    /* xenDomListAll sorts by id, as xenIOSnap wants. */
    for (i = 0; i < n; i++) {
        priv->io.doms[i].domid = all[i].domid;
        memcpy(priv->io.doms[i].uuid, all[i].uuid, VIR_UUID_BUFLEN);
    }
    priv->io.ndoms = n;
    priv->ioAt = now;
    priv->ioValid = true;

cleanup:
    free(all);
    return priv->ioValid ? &priv->io : NULL;
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

int
xenDomainBlockStatsXen(virDomainPtr dom, const char *disk,
                       virDomainBlockStatsXenPtr stats)
{
    const xenIODev *d = xenIOFindDisk(dom, disk);

    if (d == NULL)
        return -1;
    stats->rd_req = d->c[XEN_IO_RD_REQ];
    stats->rd_sect = d->c[XEN_IO_RD_SECT];
    stats->wr_req = d->c[XEN_IO_WR_REQ];
    stats->wr_sect = d->c[XEN_IO_WR_SECT];
    stats->oo_req = d->c[XEN_IO_OO_REQ];
    stats->f_req = d->c[XEN_IO_F_REQ];
    stats->ds_req = d->c[XEN_IO_DS_REQ];
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
        snprintf(name, sizeof(name), "vif%u.%u", domid, first[i].devid);
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
    stats->rx_bytes = d->c[XEN_IO_RX_BYTES];
    stats->rx_packets = d->c[XEN_IO_RX_PACKETS];
    stats->rx_errs = d->c[XEN_IO_RX_ERRS];
    stats->rx_drop = d->c[XEN_IO_RX_DROP];
    stats->tx_bytes = d->c[XEN_IO_TX_BYTES];
    stats->tx_packets = d->c[XEN_IO_TX_PACKETS];
    stats->tx_errs = d->c[XEN_IO_TX_ERRS];
    stats->tx_drop = d->c[XEN_IO_TX_DROP];
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
            snprintf(name, sizeof(name), "vif%u.%u", domid, first[i].devid);
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
