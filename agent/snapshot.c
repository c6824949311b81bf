/*
 * snapshot.c: one consistent picture of the hypervisor (see snapshot.h).
 *
 * A snapshot of 10,000 domains must take a few tens of milliseconds, so
 * the rows live in one array and everything variable-sized (names, OS
 * types, vcpu rows, affinity maps) in two arenas owned by the snapshot.
 * While the snapshot is being built the arenas grow by realloc, so rows
 * record offsets; the pointers are set once the arenas stop moving.
 *
 * Calls counted in *calls, *failed, libCalls and failedCalls are the ones
 * that reach the hypervisor driver: node info, type and version, the
 * lists, lookups, GetInfo, GetVcpus, GetOSType and the device reads (one
 * call for every domain's devices, or per domain the list and statistics
 * calls where the driver has no such call).  Handle accessors
 * (GetName, GetUUID, Free) only read the handle and are not counted.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "devindex.h"
#include "libvir_stats.h"
#include "snapshot.h"

/* Largest vcpu count a domain can have (the reference's Xen limit and the
 * MIB's xenVcpuNumber range): virDomainGetVcpus fills at most this many
 * entries, so max vcpus is the count it returns. */
#define XS_VCPUS_MAX 4096

/* Largest physical cpu count an affinity map covers (xenVcpuAffinity is
 * at most 512 octets). */
#define XS_CPUS_MAX 4096

/* The snapshot and the arenas behind its pointers.  Callers only see the
 * public part; xsSnapshotFree finds the rest from it. */
typedef struct {
    xsSnapshot pub; /* first: a pointer to it is a pointer to this */
    xsVcpuRow *vcpus;
    unsigned char *bytes;
    xsDevRow *devs; /* the rows' vifRows and vbdRows */
} xsSnapshotImpl;

/* The state of one snapshot being taken. */
typedef struct {
    virConnectPtr conn;
    const xsSnapshot *prev;
    xsSnapshot *snap;
    unsigned long long calls;
    unsigned long long failed;
    uint64_t now;

    size_t ndoms;     /* rows filled */
    size_t domsAlloc; /* rows allocated */

    xsVcpuRow *vcpus; /* vcpu rows of all domains */
    size_t nvcpus;
    size_t vcpusAlloc;

    unsigned char *bytes; /* names, OS types, affinity maps */
    size_t nbytes;
    size_t bytesAlloc;

    /* Offsets into the arenas of each row, parallel to snap->doms. */
    size_t *nameOff;
    size_t *ostypeOff;
    size_t *vcpuOff;
    size_t *mapOff;

    /* Reused by every virDomainGetVcpus call of the snapshot. */
    virVcpuInfo *vinfo;
    unsigned char *cpumaps;
    size_t maplen;

    /* Domains left out of the rows; their names are in the byte arena
     * at skippedOff (parallel), made pointers by xsSkippedFinish. */
    xsSkippedDomain *skipped;
    size_t nskipped;
    size_t skippedAlloc;
    size_t *skippedOff;
    size_t skippedOffAlloc;

    xsDevRow *devs; /* device rows of all domains */
    size_t ndevs;
    size_t devsAlloc;
    /* Offsets into devs of each row's interfaces and disks, parallel to
     * snap->doms (xsTakeReserveDevices). */
    size_t *vifOff;
    size_t *vbdOff;

    /* How the devices of the active domains are read: all at once
     * (virConnectGetAllDomainIOStats, @io sorted by id, @nio records),
     * one domain at a time where the driver has no such call (and for a
     * domain the records miss: it started after they were read), or not
     * at all this time when the one call failed. */
    enum { XS_IO_SINGLE = 0, XS_IO_BULK, XS_IO_NONE } ioMode;
    virDomainIOStatsRecordPtr *io;
    size_t nio;
} xsTake;

static uint64_t
xsNowNs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Records the outcome of one libvir call; returns @ok. */
static bool
xsCount(xsTake *t, bool ok)
{
    t->calls++;
    if (!ok)
        t->failed++;
    return ok;
}

int
xsNameCompare(const char *a, size_t alen, const char *b, size_t blen)
{
    int c;

    if (alen != blen)
        return alen < blen ? -1 : 1;
    /* memcmp compares as unsigned char, as the SNMP index does. */
    c = memcmp(a, b, alen);
    return (c > 0) - (c < 0);
}

int
xsMergeOrder(const char *a, size_t alen, const char *b, size_t blen)
{
    if (a == NULL)
        return 1;
    if (b == NULL)
        return -1;
    return xsNameCompare(a, alen, b, blen);
}

static int
xsRowCompare(const void *a, const void *b)
{
    const xsDomainRow *x = a;
    const xsDomainRow *y = b;

    return xsNameCompare(x->name, x->namelen, y->name, y->namelen);
}

const xsDomainRow *
xsSnapshotFindDomain(const xsSnapshot *snap, const char *name, size_t namelen)
{
    size_t lo = 0;
    size_t hi;

    if (snap == NULL || name == NULL)
        return NULL;
    hi = snap->ndoms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const xsDomainRow *row = &snap->doms[mid];
        int c = xsNameCompare(name, namelen, row->name, row->namelen);

        if (c == 0)
            return row;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

void
xsSnapshotFree(xsSnapshot *snap)
{
    xsSnapshotImpl *impl = (xsSnapshotImpl *)snap;

    if (snap == NULL)
        return;
    free(impl->pub.doms);
    free(impl->pub.skipped);
    free(impl->vcpus);
    free(impl->bytes);
    free(impl->devs);
    free(impl);
}

/* Reserves @len bytes in the byte arena; returns their offset, or
 * (size_t)-1 on OOM. */
static size_t
xsBytesReserve(xsTake *t, size_t len)
{
    size_t off;

    if (t->bytesAlloc - t->nbytes < len) {
        size_t want = t->bytesAlloc * 2;
        unsigned char *p;

        if (want < t->nbytes + len)
            want = t->nbytes + len;
        if ((p = realloc(t->bytes, want)) == NULL)
            return (size_t)-1;
        t->bytes = p;
        t->bytesAlloc = want;
    }
    off = t->nbytes;
    t->nbytes += len;
    return off;
}

/* Copies the NUL-terminated @s (of @len bytes) into the byte arena. */
static size_t
xsBytesString(xsTake *t, const char *s, size_t len)
{
    size_t off = xsBytesReserve(t, len + 1);

    if (off == (size_t)-1)
        return off;
    memcpy(t->bytes + off, s, len);
    t->bytes[off + len] = '\0';
    return off;
}

/* Makes room for @n more elements of @size bytes in the array *@arr of
 * *@alloc elements, @used of them used: doubles it, or more.  -1 on
 * OOM, with the array as it was. */
static int
xsArrayReserve(void **arr, size_t *alloc, size_t used, size_t n, size_t size)
{
    if (*alloc - used < n) {
        size_t want = *alloc * 2;
        void *p;

        if (want < used + n)
            want = used + n;
        if ((p = realloc(*arr, want * size)) == NULL)
            return -1;
        *arr = p;
        *alloc = want;
    }
    return 0;
}

static int
xsVcpusReserve(xsTake *t, size_t n)
{
    void *arr = t->vcpus;
    int rc =
        xsArrayReserve(&arr, &t->vcpusAlloc, t->nvcpus, n, sizeof(xsVcpuRow));

    t->vcpus = arr;
    return rc;
}

static void
xsUUIDFormat(const unsigned char *uuid, char *buf)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;
    size_t j = 0;

    for (i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            buf[j++] = '-';
        buf[j++] = hex[uuid[i] >> 4];
        buf[j++] = hex[uuid[i] & 0xf];
    }
    buf[j] = '\0';
}

static bool
xsIsActive(int state)
{
    return state != VIR_DOMAIN_SHUTOFF && state != VIR_DOMAIN_NOSTATE;
}

/* Vcpus are scheduled (and listed in the vcpu table) in these states. */
static bool
xsHasVcpus(int state)
{
    return state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_BLOCKED ||
           state == VIR_DOMAIN_PAUSED || state == VIR_DOMAIN_SHUTDOWN;
}

/* The <vcpu> element's value in domain XML (the maximum; its "current"
 * attribute is the count online); 0 when there is none. */
static unsigned int
xsXmlMaxVcpus(const char *xml)
{
    const char *p = xml;
    unsigned long v;
    char *end;

    while ((p = strstr(p, "<vcpu")) != NULL) {
        p += 5;
        if (*p == '>' || *p == ' ')
            break;
    }
    if (p == NULL || (p = strchr(p, '>')) == NULL)
        return 0;
    errno = 0;
    v = strtoul(p + 1, &end, 10);
    if (end == p + 1 || *end != '<' || errno != 0 || v > XS_VCPUS_MAX)
        return 0;
    return (unsigned int)v;
}

/* The most vcpus a domain without vcpu rows (shut off, crashed) may have:
 * GetInfo gives the configured count only, so the maximum comes from the
 * XML, read once per domain and configuration (@prev's value is kept while
 * the domain stays without vcpus, with the same UUID and count); the
 * configured count when the XML cannot be read. */
static unsigned int
xsMaxVcpusConfigured(xsTake *t, virDomainPtr dom, const xsDomainRow *row,
                     const xsDomainRow *prev)
{
    char *xml;
    unsigned int max = 0;

    if (prev != NULL && prev->nvcpuRows == 0 && prev->id == row->id &&
        prev->vcpus == row->vcpus && prev->maxVcpus >= row->vcpus)
        return prev->maxVcpus;
    xml = virDomainGetXMLDesc(dom, 0);
    if (xsCount(t, xml != NULL))
        max = xsXmlMaxVcpus(xml);
    free(xml);
    return max >= row->vcpus ? max : row->vcpus;
}

/* Fills the baselines of @row from the row of the same domain in the
 * previous snapshot, matched by name and then checked by UUID (a name
 * reused by a new domain is a new row). */
static void
xsRowBaseline(xsTake *t, xsDomainRow *row, const xsDomainRow **prevRow)
{
    const xsDomainRow *p = NULL;
    bool sameRun;

    *prevRow = NULL;
    if (t->prev != NULL) {
        p = xsSnapshotFindDomain(t->prev, row->name, row->namelen);
        if (p != NULL && memcmp(p->uuid, row->uuid, 16) != 0)
            p = NULL;
    }
    *prevRow = p;

    row->cpuUsage = 0;
    if (row->id < 0) {
        row->startedNs = 0;
        /* A stopped domain's counters restart from 0 when it stops. */
        if (p != NULL && p->id < 0)
            row->discontinuityNs = p->discontinuityNs;
        else
            row->discontinuityNs = t->now;
        return;
    }

    /* Same run: it was active before with the same Xen id.  A reboot
     * keeps the state but hands out a new id and restarts the counters. */
    sameRun = p != NULL && p->id == row->id && p->startedNs != 0;
    if (!sameRun || row->cpuTime < p->cpuTime) {
        row->startedNs = sameRun ? p->startedNs : t->now;
        row->discontinuityNs = t->now;
        return;
    }
    row->startedNs = p->startedNs;
    row->discontinuityNs = p->discontinuityNs;
    if (t->now > t->prev->takenNs) {
        /* ns of cpu per ns of wall time, in hundredths of a percent;
         * computed in floating point because the product can exceed 64
         * bits after weeks of cpu time. */
        double usage = (double)(row->cpuTime - p->cpuTime) /
                       (double)(t->now - t->prev->takenNs) * 10000.0;

        row->cpuUsage =
            usage >= 4294967295.0 ? 4294967295U : (unsigned int)(usage + 0.5);
    }
}

/* ---- devices ---------------------------------------------------------- */

typedef enum { XS_DEV_VIF, XS_DEV_VBD } xsDevKind;

/* The per-row device offsets and a first device arena, for @t's
 * domsAlloc rows of which about @active run (two devices of each kind
 * each, the common case, before the arena grows). */
static int
xsTakeReserveDevices(xsTake *t, size_t active)
{
    t->devsAlloc = active * 4 + 16;
    if ((t->vifOff = malloc(t->domsAlloc * 2 * sizeof(size_t))) == NULL ||
        (t->devs = malloc(t->devsAlloc * sizeof(xsDevRow))) == NULL)
        return -1;
    t->vbdOff = t->vifOff + t->domsAlloc;
    return 0;
}

static int
xsDevsReserve(xsTake *t, size_t n)
{
    void *arr = t->devs;
    int rc = xsArrayReserve(&arr, &t->devsAlloc, t->ndevs, n, sizeof(xsDevRow));

    t->devs = arr;
    return rc;
}

static int
xsDevCompare(const void *a, const void *b)
{
    const xsDevRow *x = a;
    const xsDevRow *y = b;

    return (x->index > y->index) - (x->index < y->index);
}

/* The row of @rows (@n, sorted) with @index; NULL when there is none. */
static const xsDevRow *
xsDevFind(const xsDevRow *rows, size_t n, unsigned int index)
{
    xsDevRow key;

    if (n == 0)
        return NULL;
    key.index = index;
    return bsearch(&key, rows, n, sizeof(*rows), xsDevCompare);
}

/* The XS_VIF_* counters of @st into @c. */
static void
xsVifCounters(const virDomainInterfaceStatsStruct *st, long long *c)
{
    c[XS_VIF_RX_BYTES] = st->rx_bytes;
    c[XS_VIF_RX_PACKETS] = st->rx_packets;
    c[XS_VIF_RX_ERRS] = st->rx_errs;
    c[XS_VIF_RX_DROP] = st->rx_drop;
    c[XS_VIF_TX_BYTES] = st->tx_bytes;
    c[XS_VIF_TX_PACKETS] = st->tx_packets;
    c[XS_VIF_TX_ERRS] = st->tx_errs;
    c[XS_VIF_TX_DROP] = st->tx_drop;
}

/* The XS_VBD_* counters of @st into @c. */
static void
xsVbdCounters(const virDomainBlockStatsXenStruct *st, long long *c)
{
    c[XS_VBD_RD_REQ] = st->rd_req;
    c[XS_VBD_RD_SECT] = st->rd_sect;
    c[XS_VBD_WR_REQ] = st->wr_req;
    c[XS_VBD_WR_SECT] = st->wr_sect;
    c[XS_VBD_OO_REQ] = st->oo_req;
    c[XS_VBD_F_REQ] = st->f_req;
    c[XS_VBD_DS_REQ] = st->ds_req;
}

/* Reads the counters of device @name into @dev.  false when they cannot
 * be read (the device went away since it was listed). */
static bool
xsReadDevCounters(xsTake *t, virDomainPtr dom, xsDevKind kind, const char *name,
                  xsDevRow *dev)
{
    if (kind == XS_DEV_VIF) {
        virDomainInterfaceStatsStruct st;

        if (!xsCount(t,
                     virDomainInterfaceStats(dom, name, &st, sizeof(st)) == 0))
            return false;
        xsVifCounters(&st, dev->counters);
    } else {
        virDomainBlockStatsXenStruct st;

        if (!xsCount(t,
                     virDomainBlockStatsXen(dom, name, &st, sizeof(st)) == 0))
            return false;
        xsVbdCounters(&st, dev->counters);
    }
    return true;
}

/* When @dev's counters restarted: the time of the same device in @prev
 * (the domain's row in the previous snapshot) if the domain's counters
 * did not restart since, it has the same name and no counter went
 * backwards; else now. */
static void
xsDevBaseline(const xsTake *t, const xsDomainRow *row, const xsDomainRow *prev,
              xsDevKind kind, xsDevRow *dev)
{
    const xsDevRow *p = NULL;
    size_t i;

    dev->discontinuityNs = t->now;
    if (prev != NULL && prev->discontinuityNs == row->discontinuityNs)
        p = kind == XS_DEV_VIF
                ? xsDevFind(prev->vifRows, prev->nvifRows, dev->index)
                : xsDevFind(prev->vbdRows, prev->nvbdRows, dev->index);
    if (p == NULL || strcmp(p->name, dev->name) != 0)
        return;
    for (i = 0; i < XS_DEV_COUNTERS; i++)
        if (dev->counters[i] >= 0 && p->counters[i] > dev->counters[i])
            return;
    dev->discontinuityNs = p->discontinuityNs;
}

/* The next free device of the arena after the @n already read for the
 * row being read (from @first), named @name, its counters unknown; NULL
 * when the name gives no index or is too long for a row.  The room is
 * reserved. */
static xsDevRow *
xsDevNext(xsTake *t, size_t first, size_t n, xsDevKind kind, const char *name)
{
    xsDevRow *dev = &t->devs[first + n];
    size_t len = strlen(name);
    size_t i;
    bool ok = kind == XS_DEV_VIF ? xsVifNumber(name, &dev->index)
                                 : xsVbdNumber(name, &dev->index);

    if (!ok || len == 0 || len > XS_DEV_NAME_MAX)
        return NULL;
    memcpy(dev->name, name, len + 1);
    for (i = 0; i < XS_DEV_COUNTERS; i++)
        dev->counters[i] = -1;
    return dev;
}

/* Makes the @n devices of @kind read for @row (from @first in the
 * arena; @prev its previous row or NULL) its rows: sorted by index,
 * the first of two with the same index kept, baselines set. */
static void
xsDevFinish(xsTake *t, xsDomainRow *row, const xsDomainRow *prev,
            xsDevKind kind, size_t first, size_t n)
{
    size_t i, c, out;

    /* Listed in configuration order; served in index order. */
    qsort(t->devs + first, n, sizeof(xsDevRow), xsDevCompare);
    for (i = 0, out = 0; i < n; i++) {
        xsDevRow *dev = &t->devs[first + i];

        if (out > 0 && t->devs[first + out - 1].index == dev->index)
            continue;
        /* Anything negative is "not kept"; never let it pass for a
         * count. */
        for (c = 0; c < XS_DEV_COUNTERS; c++)
            if (dev->counters[c] < 0)
                dev->counters[c] = -1;
        xsDevBaseline(t, row, prev, kind, dev);
        t->devs[first + out++] = *dev;
    }
    t->ndevs = first + out;
    if (kind == XS_DEV_VIF) {
        t->vifOff[t->ndoms] = first;
        row->nvifRows = out;
    } else {
        t->vbdOff[t->ndoms] = first;
        row->nvbdRows = out;
    }
}

/* Reads the devices of @kind of the running domain @dom (row @row, @prev
 * its previous row or NULL) into the device arena: one list call, then
 * one statistics call per device.  A device whose name gives no index or
 * is too long is left out, as is one that went away since listed.
 * Returns 0, or -1 on OOM. */
static int
xsReadDevices(xsTake *t, virDomainPtr dom, xsDomainRow *row,
              const xsDomainRow *prev, xsDevKind kind)
{
    char **names = NULL;
    size_t first = t->ndevs;
    size_t i, n = 0;
    int count;
    int ret = -1;

    count = kind == XS_DEV_VIF ? virDomainListInterfaces(dom, &names, 0)
                               : virDomainListBlockDevices(dom, &names, 0);
    if (!xsCount(t, count >= 0)) {
        ret = 0; /* no rows: it stopped, or its devices cannot be read */
        goto cleanup;
    }
    if (xsDevsReserve(t, (size_t)count) < 0)
        goto cleanup;
    for (i = 0; i < (size_t)count; i++) {
        xsDevRow *dev = xsDevNext(t, first, n, kind, names[i]);

        if (dev != NULL && xsReadDevCounters(t, dom, kind, names[i], dev))
            n++;
    }
    xsDevFinish(t, row, prev, kind, first, n);
    ret = 0;

cleanup:
    for (i = 0; names != NULL && names[i] != NULL; i++)
        free(names[i]);
    free(names);
    return ret;
}

/* The devices of @row (@prev its previous row or NULL) from its record
 * @rec of the one call.  Returns 0, or -1 on OOM. */
static int
xsRecordDevices(xsTake *t, const virDomainIOStatsRecord *rec, xsDomainRow *row,
                const xsDomainRow *prev)
{
    size_t first = t->ndevs;
    size_t i, n = 0;
    xsDevRow *dev;

    if (xsDevsReserve(t, rec->nifaces + rec->ndisks) < 0)
        return -1;
    for (i = 0; i < rec->nifaces; i++) {
        if ((dev = xsDevNext(t, first, n, XS_DEV_VIF, rec->ifaces[i].name))) {
            xsVifCounters(&rec->ifaces[i].stats, dev->counters);
            n++;
        }
    }
    xsDevFinish(t, row, prev, XS_DEV_VIF, first, n);
    first = t->ndevs;
    n = 0;
    for (i = 0; i < rec->ndisks; i++) {
        if ((dev = xsDevNext(t, first, n, XS_DEV_VBD, rec->disks[i].name))) {
            xsVbdCounters(&rec->disks[i].stats, dev->counters);
            n++;
        }
    }
    xsDevFinish(t, row, prev, XS_DEV_VBD, first, n);
    return 0;
}

static int
xsRecordCompare(const void *a, const void *b)
{
    int x = (*(const virDomainIOStatsRecord *const *)a)->id;
    int y = (*(const virDomainIOStatsRecord *const *)b)->id;

    return (x > y) - (x < y);
}

/* Reads the devices of every active domain with one call, when the
 * driver has it (see xsTake.ioMode). */
static void
xsReadAllDevices(xsTake *t)
{
    virErrorPtr err;
    size_t i;
    int n = virConnectGetAllDomainIOStats(t->conn, &t->io, 0);

    if (n >= 0) {
        xsCount(t, true);
        t->ioMode = XS_IO_BULK;
        t->nio = (size_t)n;
        /* Promised in id order; keep the promise even if a driver does
         * not. */
        for (i = 1; i < t->nio; i++) {
            if (t->io[i - 1]->id >= t->io[i]->id) {
                qsort(t->io, t->nio, sizeof(*t->io), xsRecordCompare);
                break;
            }
        }
        return;
    }
    /* A driver without the call is asked domain by domain, and such an
     * answer never reached a hypervisor: it is no failed call.  Any
     * other failure (the host's counters unreadable) would fail as many
     * times again one domain at a time: no device rows this time. */
    err = virGetLastError();
    if (err != NULL && err->code == VIR_ERR_NO_SUPPORT)
        return;
    xsCount(t, false);
    t->ioMode = XS_IO_NONE;
}

/* The devices of running domain @dom (row @row, @prev its previous row
 * or NULL), as xsTake.ioMode says.  Returns 0, or -1 on OOM. */
static int
xsReadRowDevices(xsTake *t, virDomainPtr dom, xsDomainRow *row,
                 const xsDomainRow *prev)
{
    virDomainIOStatsRecord key;
    const virDomainIOStatsRecord *keyp = &key;
    virDomainIOStatsRecordPtr *found = NULL;
    unsigned char uuid[16];

    if (t->ioMode == XS_IO_NONE)
        return 0;
    if (t->ioMode == XS_IO_BULK && t->nio > 0) {
        key.id = row->id;
        found = bsearch(&keyp, t->io, t->nio, sizeof(*t->io), xsRecordCompare);
    }
    /* The same domain: an id is reused once its domain is gone. */
    if (found != NULL && virDomainGetUUID((*found)->dom, uuid) == 0 &&
        memcmp(uuid, row->uuid, sizeof(uuid)) == 0)
        return xsRecordDevices(t, *found, row, prev);
    if (xsReadDevices(t, dom, row, prev, XS_DEV_VIF) < 0 ||
        xsReadDevices(t, dom, row, prev, XS_DEV_VBD) < 0)
        return -1;
    return 0;
}

/* Lists @dom, read as @info and named @name (@namelen bytes, which no
 * index takes), among the domains left out of the rows.  Returns 0, or
 * -1 on OOM. */
static int
xsSkip(xsTake *t, virDomainPtr dom, const char *name, size_t namelen,
       const virDomainInfo *info)
{
    void *arr = t->skipped;
    void *offs = t->skippedOff;
    xsSkippedDomain *s;
    size_t off;
    int rc = xsArrayReserve(&arr, &t->skippedAlloc, t->nskipped, 1, sizeof(*s));

    t->skipped = arr;
    if (rc < 0 || xsArrayReserve(&offs, &t->skippedOffAlloc, t->nskipped, 1,
                                 sizeof(off)) < 0)
        return -1;
    t->skippedOff = offs;
    if ((off = xsBytesString(t, name, namelen)) == (size_t)-1)
        return -1;
    s = &t->skipped[t->nskipped];
    memset(s, 0, sizeof(*s));
    /* A handle accessor: the UUID came with the lookup. */
    if (virDomainGetUUID(dom, s->uuid) < 0)
        memset(s->uuid, 0, sizeof(s->uuid));
    xsUUIDFormat(s->uuid, s->uuidText);
    s->namelen = namelen;
    s->state = info->state;
    /* Not a row, so not counted (xsNodeCount); but its memory is held
     * all the same. */
    if (xsIsActive(info->state))
        s->memKiB = info->memory;
    t->skippedOff[t->nskipped++] = off;
    return 0;
}

/* Reads the domain behind @dom into the next row.  Returns 0 (also when
 * the domain vanished, or is left out of the rows for its name), or -1 on
 * OOM.  @knownId is the id it was listed by, -1 when listed by name. */
static int
xsReadDomain(xsTake *t, virDomainPtr dom, int knownId)
{
    xsDomainRow *row = &t->snap->doms[t->ndoms];
    const xsDomainRow *prevRow = NULL;
    virDomainInfo info;
    const char *name;
    size_t namelen;
    size_t i;
    int n;

    memset(row, 0, sizeof(*row));
    if (!xsCount(t, virDomainGetInfo(dom, &info) == 0))
        return 0; /* vanished since it was listed */

    if ((name = virDomainGetName(dom)) == NULL)
        return 0;
    namelen = strlen(name);
    if (namelen == 0 || namelen > XS_NAME_MAX)
        return xsSkip(t, dom, name, namelen, &info);
    if (virDomainGetUUID(dom, row->uuid) < 0)
        return 0;
    xsUUIDFormat(row->uuid, row->uuidText);

    /* The name pointer is set at the end; compare against a temporary
     * one for the baseline lookup. */
    row->name = (char *)name;
    row->namelen = namelen;
    row->state = info.state;
    row->id = -1;
    if (xsIsActive(info.state)) {
        /* A domain listed by name may have started since. */
        row->id = knownId;
        if (knownId < 0 &&
            !xsCount(t, (row->id = (int)virDomainGetID(dom)) >= 0))
            return 0;
    }
    row->maxMemKiB = info.maxMem;
    row->memKiB = info.memory;
    /* libvir has no call for the balloon target: the reference's
     * virDomainSetMemory sets it and GetInfo's memory reports it. */
    row->targetKiB = info.memory;
    row->vcpus = info.nrVirtCpu;
    row->cpuTime = info.cpuTime;
    xsRowBaseline(t, row, &prevRow);
    /* Of a domain with vcpu rows, the rows' count replaces this below. */
    if (!xsHasVcpus(info.state))
        row->maxVcpus = xsMaxVcpusConfigured(t, dom, row, prevRow);

    if ((t->nameOff[t->ndoms] = xsBytesString(t, name, namelen)) == (size_t)-1)
        return -1;
    row->name = NULL;

    if (prevRow != NULL && prevRow->ostype != NULL) {
        t->ostypeOff[t->ndoms] =
            xsBytesString(t, prevRow->ostype, strlen(prevRow->ostype));
        if (t->ostypeOff[t->ndoms] == (size_t)-1)
            return -1;
    } else {
        char *os = virDomainGetOSType(dom);

        t->ostypeOff[t->ndoms] = (size_t)-2; /* none */
        if (xsCount(t, os != NULL)) {
            t->ostypeOff[t->ndoms] = xsBytesString(t, os, strlen(os));
            free(os);
            if (t->ostypeOff[t->ndoms] == (size_t)-1)
                return -1;
        }
    }

    t->vcpuOff[t->ndoms] = t->nvcpus;
    t->mapOff[t->ndoms] = 0;
    if (xsHasVcpus(info.state)) {
        n = virDomainGetVcpus(dom, t->vinfo, XS_VCPUS_MAX, t->cpumaps,
                              (int)t->maplen);
        if (xsCount(t, n >= 0)) {
            size_t maps = xsBytesReserve(t, (size_t)n * t->maplen);

            if (maps == (size_t)-1 || xsVcpusReserve(t, (size_t)n) < 0)
                return -1;
            if (n > 0)
                memcpy(t->bytes + maps, t->cpumaps, (size_t)n * t->maplen);
            t->mapOff[t->ndoms] = maps;
            for (i = 0; i < (size_t)n; i++) {
                xsVcpuRow *v = &t->vcpus[t->nvcpus + i];

                v->number = t->vinfo[i].number;
                v->state = t->vinfo[i].state;
                v->cpuTime = t->vinfo[i].cpuTime;
                v->cpu = t->vinfo[i].cpu;
                v->affinity = NULL;
                v->maplen = t->maplen;
            }
            t->nvcpus += (size_t)n;
            row->nvcpuRows = (size_t)n;
            row->maxVcpus = (unsigned int)n;
        }
    }
    /* Devices exist on the host while the domain is active. */
    if (row->id >= 0 && xsReadRowDevices(t, dom, row, prevRow) < 0)
        return -1;
    t->ndoms++;
    return 0;
}

static int
xsVcpuCompare(const void *a, const void *b)
{
    const xsVcpuRow *x = a;
    const xsVcpuRow *y = b;

    return (x->number > y->number) - (x->number < y->number);
}

/* Turns the arena offsets into pointers, now that the arenas are final. */
static void
xsFixPointers(xsTake *t)
{
    size_t i;
    size_t v;

    for (i = 0; i < t->ndoms; i++) {
        xsDomainRow *row = &t->snap->doms[i];

        row->name = (char *)t->bytes + t->nameOff[i];
        row->ostype = t->ostypeOff[i] == (size_t)-2
                          ? NULL
                          : (char *)t->bytes + t->ostypeOff[i];
        row->vifRows = row->nvifRows > 0 ? t->devs + t->vifOff[i] : NULL;
        row->vbdRows = row->nvbdRows > 0 ? t->devs + t->vbdOff[i] : NULL;
        if (row->nvcpuRows == 0) {
            row->vcpuRows = NULL;
            continue;
        }
        row->vcpuRows = t->vcpus + t->vcpuOff[i];
        for (v = 0; v < row->nvcpuRows; v++)
            row->vcpuRows[v].affinity = t->bytes + t->mapOff[i] + v * t->maplen;
        /* The reference lists vcpus in order; keep the promise even if a
         * driver does not. */
        for (v = 1; v < row->nvcpuRows; v++) {
            if (row->vcpuRows[v - 1].number >= row->vcpuRows[v].number) {
                qsort(row->vcpuRows, row->nvcpuRows, sizeof(xsVcpuRow),
                      xsVcpuCompare);
                break;
            }
        }
    }
}

/* Removes rows whose name appears twice: a domain started or stopped
 * between the two lists is seen both by id and by name.  The rows are
 * sorted; the active one is kept because it was read last. */
static void
xsDedupe(xsTake *t)
{
    xsSnapshot *snap = t->snap;
    size_t in;
    size_t out = 0;

    for (in = 0; in < snap->ndoms; in++) {
        xsDomainRow *row = &snap->doms[in];

        if (out == 0 || xsRowCompare(&snap->doms[out - 1], row) != 0) {
            if (out != in)
                snap->doms[out] = *row;
            out++;
            continue;
        }
        if (row->id >= 0)
            snap->doms[out - 1] = *row;
    }
    snap->ndoms = out;
}

static int
xsSkippedCompare(const void *a, const void *b)
{
    const xsSkippedDomain *x = a;
    const xsSkippedDomain *y = b;

    return xsNameCompare(x->name, x->namelen, y->name, y->namelen);
}

/* Hands the domains left out of the rows to the snapshot, sorted by name
 * and each once: like a row, a domain that started or stopped between
 * the two lists is seen twice, and the active sighting (read last) is
 * kept.  The byte arena must be final. */
static void
xsSkippedFinish(xsTake *t)
{
    size_t in;
    size_t out = 0;

    for (in = 0; in < t->nskipped; in++)
        t->skipped[in].name = (char *)t->bytes + t->skippedOff[in];
    if (t->nskipped > 1)
        qsort(t->skipped, t->nskipped, sizeof(*t->skipped), xsSkippedCompare);
    for (in = 0; in < t->nskipped; in++) {
        const xsSkippedDomain *s = &t->skipped[in];

        if (out == 0 || xsSkippedCompare(&t->skipped[out - 1], s) != 0) {
            if (out != in)
                t->skipped[out] = *s;
            out++;
        } else if (xsIsActive(s->state)) {
            t->skipped[out - 1] = *s;
        }
    }
    t->snap->skipped = t->skipped;
    t->snap->nskipped = out;
    t->skipped = NULL;
}

/* The node's counts are those of the final rows (XEN-SNMP-MIB: each count
 * scalar equals the rows it counts); free memory also subtracts what the
 * active domains left out of the rows hold. */
static void
xsNodeCount(xsTake *t)
{
    xsSnapshot *snap = t->snap;
    unsigned long long held = 0;
    size_t i;

    for (i = 0; i < snap->nskipped; i++)
        held += snap->skipped[i].memKiB;

    snap->node.activeDomains = 0;
    snap->node.definedDomains = 0;
    for (i = 0; i < snap->ndoms; i++) {
        if (snap->doms[i].id >= 0) {
            snap->node.activeDomains++;
            held += snap->doms[i].memKiB;
        } else {
            snap->node.definedDomains++;
        }
    }
    snap->node.freeKiB =
        snap->node.memKiB > held ? snap->node.memKiB - held : 0;
}

/* Lists the running domains' ids into a new array.  -1 on failure (error
 * set by libvir, or OOM reported here as ENOMEM-like failure). */
static int
xsListIds(xsTake *t, int **ids)
{
    int num;
    int n;
    int *p = NULL;

    *ids = NULL;
    if (!xsCount(t, (num = virConnectNumOfDomains(t->conn)) >= 0))
        return -1;
    /* Retried with more room when domains start between the two calls. */
    for (;;) {
        int room = num + 16;

        if ((p = realloc(*ids, (size_t)room * sizeof(*p))) == NULL)
            return -1;
        *ids = p;
        if (!xsCount(t, (n = virConnectListDomains(t->conn, *ids, room)) >= 0))
            return -1;
        if (n < room)
            return n;
        num = room * 2;
    }
}

static void
xsFreeNames(char **names, int n)
{
    int i;

    for (i = 0; i < n; i++)
        free(names[i]);
}

static int
xsListNames(xsTake *t, char ***names)
{
    int num;
    int n;
    char **p = NULL;

    *names = NULL;
    if (!xsCount(t, (num = virConnectNumOfDefinedDomains(t->conn)) >= 0))
        return -1;
    for (;;) {
        int room = num + 16;

        if ((p = realloc(*names, (size_t)room * sizeof(*p))) == NULL)
            return -1;
        *names = p;
        n = virConnectListDefinedDomains(t->conn, (const char **)*names, room);
        if (!xsCount(t, n >= 0))
            return -1;
        if (n < room)
            return n;
        xsFreeNames(*names, n);
        num = room * 2;
    }
}

static void
xsVersionString(char *buf, size_t len, unsigned long v)
{
    int n = snprintf(buf, len, "%lu.%lu.%lu", v / 1000000, (v / 1000) % 1000,
                     v % 1000);

    if (n < 0 || (size_t)n >= len)
        buf[0] = '\0';
}

static int
xsReadNode(xsTake *t)
{
    xsNodeInfo *node = &t->snap->node;
    virNodeInfo info;
    const char *type;
    unsigned long ver;

    if (!xsCount(t, virNodeGetInfo(t->conn, &info) == 0))
        return -1;
    /* model[32] need not be terminated. */
    memcpy(node->cpuModel, info.model, sizeof(node->cpuModel) - 1);
    node->cpuModel[sizeof(node->cpuModel) - 1] = '\0';
    node->memKiB = info.memory;
    node->cpus = info.cpus;
    node->maxCpus = VIR_NODEINFO_MAXCPUS(info);
    node->mhz = info.mhz;
    node->nodes = info.nodes;
    node->sockets = info.sockets;
    node->cores = info.cores;
    node->threads = info.threads;

    type = virConnectGetType(t->conn);
    if (xsCount(t, type != NULL))
        (void)snprintf(node->hvType, sizeof(node->hvType), "%s", type);
    if (xsCount(t, virConnectGetVersion(t->conn, &ver) == 0))
        xsVersionString(node->hvVersion, sizeof(node->hvVersion), ver);
    if (xsCount(t, virGetVersion(&ver, NULL, NULL) == 0))
        xsVersionString(node->libVersion, sizeof(node->libVersion), ver);
    return 0;
}

/* Starts a take through @conn: the snapshot it fills (*@impl, the
 * caller's) and the host read.  Returns 0, or -1 when memory ran out or
 * the host could not be read. */
static int
xsTakeBegin(xsTake *t, virConnectPtr conn, const xsSnapshot *prev,
            xsSnapshotImpl **impl)
{
    memset(t, 0, sizeof(*t));
    t->conn = conn;
    t->prev = prev;
    t->now = xsNowNs();
    if ((*impl = calloc(1, sizeof(**impl))) == NULL)
        return -1;
    t->snap = &(*impl)->pub;
    t->snap->takenNs = t->now;
    return xsReadNode(t);
}

/* The room of @t for @n rows, @nactive of them active, with the node
 * already read; -1 when memory ran out.  The arenas grow as needed: this
 * only sizes them well for the usual case. */
static int
xsTakeReserve(xsTake *t, size_t n, size_t nactive)
{
    /* Affinity maps cover every cpu the host can have, not only the
     * active ones, so that a pin survives cpu hotplug. */
    size_t ncpus = t->snap->node.maxCpus;

    if (ncpus < t->snap->node.cpus)
        ncpus = t->snap->node.cpus;
    if (ncpus == 0)
        ncpus = 1;
    if (ncpus > XS_CPUS_MAX)
        ncpus = XS_CPUS_MAX;
    t->maplen = VIR_CPU_MAPLEN(ncpus);
    t->domsAlloc = n > 0 ? n : 1;
    t->vcpusAlloc = nactive * 4 + 16;
    t->bytesAlloc = n * (24 + 4 * t->maplen) + 256;
    if ((t->snap->doms = calloc(t->domsAlloc, sizeof(xsDomainRow))) == NULL ||
        (t->nameOff = malloc(t->domsAlloc * 4 * sizeof(size_t))) == NULL ||
        (t->vcpus = malloc(t->vcpusAlloc * sizeof(xsVcpuRow))) == NULL ||
        (t->bytes = malloc(t->bytesAlloc)) == NULL ||
        (t->vinfo = malloc(XS_VCPUS_MAX * sizeof(virVcpuInfo))) == NULL ||
        (t->cpumaps = malloc(XS_VCPUS_MAX * t->maplen)) == NULL)
        return -1;
    t->ostypeOff = t->nameOff + t->domsAlloc;
    t->vcpuOff = t->ostypeOff + t->domsAlloc;
    t->mapOff = t->vcpuOff + t->domsAlloc;
    return xsTakeReserveDevices(t, nactive);
}

/* Reads the @n domains named in @names; one that no longer exists is
 * left out.  Returns 0, or -1 when the snapshot cannot go on. */
static int
xsReadNamed(xsTake *t, const char *const *names, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        virDomainPtr dom = virDomainLookupByName(t->conn, names[i]);
        int rc;

        if (!xsCount(t, dom != NULL))
            continue; /* undefined since it was listed */
        rc = xsReadDomain(t, dom, -1);
        virDomainFree(dom);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* Ends a take whose rows are all read: sorts them, hands the arenas to
 * @impl and returns its snapshot, which is the caller's from now on. */
static xsSnapshot *
xsTakeFinish(xsTake *t, xsSnapshotImpl *impl)
{
    t->snap->ndoms = t->ndoms;
    xsFixPointers(t);
    qsort(t->snap->doms, t->snap->ndoms, sizeof(xsDomainRow), xsRowCompare);
    xsDedupe(t);
    xsSkippedFinish(t);
    xsNodeCount(t);
    impl->vcpus = t->vcpus;
    impl->bytes = t->bytes;
    impl->devs = t->devs;
    t->vcpus = NULL;
    t->bytes = NULL;
    t->devs = NULL;
    t->snap->libCalls = t->calls;
    t->snap->failedCalls = t->failed;
    t->snap->durationNs = xsNowNs() - t->now;
    return t->snap;
}

/* Frees what a take still holds (all of it after a failure, the work
 * buffers after xsTakeFinish) and adds its calls to the caller's totals
 * (each may be NULL). */
static void
xsTakeClear(xsTake *t, xsSnapshotImpl *impl, unsigned long long *calls,
            unsigned long long *failed)
{
    if (calls != NULL)
        *calls += t->calls;
    if (failed != NULL)
        *failed += t->failed;
    free(t->nameOff);
    free(t->vinfo);
    free(t->cpumaps);
    free(t->vcpus);
    free(t->bytes);
    free(t->devs);
    free(t->vifOff);
    free(t->skipped);
    free(t->skippedOff);
    virDomainIOStatsRecordListFree(t->io);
    xsSnapshotFree(impl != NULL ? &impl->pub : NULL);
}

static xsSnapshot *
xsSnapshotTakeOnce(virConnectPtr conn, const xsSnapshot *prev,
                   unsigned long long *calls, unsigned long long *failed)
{
    xsTake t;
    xsSnapshotImpl *impl = NULL;
    xsSnapshot *ret = NULL;
    int *ids = NULL;
    char **names = NULL;
    int nids = 0;
    int nnames = 0;
    int i;

    if (xsTakeBegin(&t, conn, prev, &impl) < 0)
        goto cleanup;
    if ((nids = xsListIds(&t, &ids)) < 0) {
        nids = 0;
        goto cleanup;
    }
    if ((nnames = xsListNames(&t, &names)) < 0) {
        nnames = 0;
        goto cleanup;
    }
    if (xsTakeReserve(&t, (size_t)nids + (size_t)nnames, (size_t)nids) < 0)
        goto cleanup;
    /* After the lists, so that the records cover the domains listed. */
    if (nids > 0)
        xsReadAllDevices(&t);

    for (i = 0; i < nids; i++) {
        virDomainPtr dom = virDomainLookupByID(conn, ids[i]);
        int rc;

        if (!xsCount(&t, dom != NULL))
            continue; /* stopped since it was listed */
        rc = xsReadDomain(&t, dom, ids[i]);
        virDomainFree(dom);
        if (rc < 0)
            goto cleanup;
    }
    if (xsReadNamed(&t, (const char *const *)names, (size_t)nnames) < 0)
        goto cleanup;
    ret = xsTakeFinish(&t, impl);
    impl = NULL;

cleanup:
    if (names != NULL)
        xsFreeNames(names, nnames);
    free(names);
    free(ids);
    xsTakeClear(&t, impl, calls, failed);
    return ret;
}

/* Whether a domain of @prev has no row in @next (both sorted by name). */
static bool
xsSnapshotLostRow(const xsSnapshot *prev, const xsSnapshot *next)
{
    size_t i, j = 0;

    for (i = 0; i < prev->ndoms; i++) {
        const xsDomainRow *p = &prev->doms[i];
        int c = 1;

        while (j < next->ndoms &&
               (c = xsNameCompare(next->doms[j].name, next->doms[j].namelen,
                                  p->name, p->namelen)) < 0)
            j++;
        if (j == next->ndoms || c != 0)
            return true;
    }
    return false;
}

xsSnapshot *
xsSnapshotTake(virConnectPtr conn, const xsSnapshot *prev,
               unsigned long long *calls, unsigned long long *failed)
{
    xsSnapshot *snap = xsSnapshotTakeOnce(conn, prev, calls, failed);
    xsSnapshot *again;

    /* The running and the defined domains are two lists read one after
     * the other: a domain that starts or stops between them is in
     * neither.  A row that went missing is therefore checked by a second
     * snapshot; a domain really gone is missing from both.  Rows rarely
     * go, so this seldom costs anything. */
    if (snap == NULL || prev == NULL || !xsSnapshotLostRow(prev, snap))
        return snap;
    if ((again = xsSnapshotTakeOnce(conn, prev, calls, failed)) == NULL)
        return snap;
    again->libCalls += snap->libCalls;
    again->failedCalls += snap->failedCalls;
    again->durationNs = xsNowNs() - snap->takenNs;
    xsSnapshotFree(snap);
    return again;
}

/* ---- lifecycle events ------------------------------------------------ */

/*
 * The state transitions that give events (previous -> next):
 *
 *   shutoff/nostate/none -> running/blocked   STARTED
 *   shutoff/nostate/none -> paused            STARTED, PAUSED
 *                                             (restored in the paused state)
 *   shutoff/nostate/none -> shutdown          STARTED
 *   running/blocked/shutdown -> paused        PAUSED
 *   paused -> running/blocked                 RESUMED
 *   crashed -> running/blocked                STARTED (restarted on crash)
 *   any other -> crashed                      CRASHED
 *   active -> shutoff/nostate                 SHUTDOWN
 *   active -> none (row gone)                 SHUTDOWN, UNDEFINED
 *   none -> any (new row)                     DEFINED first
 *   any -> none (row gone)                    UNDEFINED last
 *
 * "none" means no row; "active" means any state but shutoff and nostate.
 * running <-> blocked and anything -> shutdown (the guest is shutting
 * down) give nothing; a reboot keeps the state and gives nothing (the
 * row's discontinuity time tells it).
 */

static size_t
xsEmit(xsEventFunc func, void *opaque, xsEventType type, const xsDomainRow *row,
       int prevState, int newState)
{
    if (func != NULL)
        func(opaque, type, row, prevState, newState);
    return 1;
}

/* Events for a row of @prev that is gone: SHUTDOWN (to shutoff) if it
 * was active, then UNDEFINED (to no state). */
static size_t
xsDiffGone(const xsDomainRow *row, xsEventFunc func, void *opaque)
{
    size_t n = 0;

    if (xsIsActive(row->state))
        n += xsEmit(func, opaque, XS_EVENT_SHUTDOWN, row, row->state,
                    VIR_DOMAIN_SHUTOFF);
    n += xsEmit(func, opaque, XS_EVENT_UNDEFINED, row, row->state,
                VIR_DOMAIN_NOSTATE);
    return n;
}

static bool
xsRuns(int state)
{
    return state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_BLOCKED;
}

size_t
xsStateTransitionEvents(int ps, int ns, xsEventType *events, size_t max)
{
    xsEventType ev[2];
    size_t n = 0;
    size_t i;

    if (ns == ps)
        n = 0;
    else if (ns == VIR_DOMAIN_CRASHED)
        ev[n++] = XS_EVENT_CRASHED;
    else if (!xsIsActive(ns)) {
        if (xsIsActive(ps))
            ev[n++] = XS_EVENT_SHUTDOWN;
    } else if (!xsIsActive(ps)) {
        ev[n++] = XS_EVENT_STARTED;
        if (ns == VIR_DOMAIN_PAUSED)
            ev[n++] = XS_EVENT_PAUSED;
    } else if (ns == VIR_DOMAIN_PAUSED)
        ev[n++] = XS_EVENT_PAUSED;
    else if (ps == VIR_DOMAIN_PAUSED && xsRuns(ns))
        ev[n++] = XS_EVENT_RESUMED;
    else if (ps == VIR_DOMAIN_CRASHED && xsRuns(ns))
        ev[n++] = XS_EVENT_STARTED;

    for (i = 0; i < n && i < max; i++)
        events[i] = ev[i];
    return n;
}

/* Events for one row present in @next whose previous state is @ps
 * (VIR_DOMAIN_NOSTATE for a new row, which was not running). */
static size_t
xsDiffState(const xsDomainRow *row, int ps, xsEventFunc func, void *opaque)
{
    xsEventType ev[XS_TRANSITION_EVENTS_MAX];
    size_t n =
        xsStateTransitionEvents(ps, row->state, ev, XS_TRANSITION_EVENTS_MAX);
    size_t i;

    for (i = 0; i < n; i++)
        xsEmit(func, opaque, ev[i], row, ps, row->state);
    return n;
}

size_t
xsSnapshotDiff(const xsSnapshot *prev, const xsSnapshot *next, xsEventFunc func,
               void *opaque)
{
    size_t i = 0;
    size_t j = 0;
    size_t np = prev != NULL ? prev->ndoms : 0;
    size_t nn = next != NULL ? next->ndoms : 0;
    size_t n = 0;

    /* Both arrays are sorted by name: one merge pass. */
    while (i < np || j < nn) {
        const xsDomainRow *p = i < np ? &prev->doms[i] : NULL;
        const xsDomainRow *q = j < nn ? &next->doms[j] : NULL;
        int c = xsMergeOrder(p ? p->name : NULL, p ? p->namelen : 0,
                             q ? q->name : NULL, q ? q->namelen : 0);

        if (c == 0 && memcmp(p->uuid, q->uuid, 16) != 0) {
            /* The name now belongs to another domain: the old one went
             * away and a new one came. */
            n += xsDiffGone(p, func, opaque);
            n += xsEmit(func, opaque, XS_EVENT_DEFINED, q, VIR_DOMAIN_NOSTATE,
                        q->state);
            n += xsDiffState(q, VIR_DOMAIN_NOSTATE, func, opaque);
            i++;
            j++;
        } else if (c == 0) {
            n += xsDiffState(q, p->state, func, opaque);
            i++;
            j++;
        } else if (c < 0) {
            n += xsDiffGone(p, func, opaque);
            i++;
        } else {
            n += xsEmit(func, opaque, XS_EVENT_DEFINED, q, VIR_DOMAIN_NOSTATE,
                        q->state);
            n += xsDiffState(q, VIR_DOMAIN_NOSTATE, func, opaque);
            j++;
        }
    }
    return n;
}

/* The bytes the names of @snap's skipped domains take, NULs included
 * (0 for NULL). */
static size_t
xsSkippedBytes(const xsSnapshot *snap)
{
    size_t total = 0;
    size_t i;

    for (i = 0; snap != NULL && i < snap->nskipped; i++)
        total += snap->skipped[i].namelen + 1;
    return total;
}

/* Copies the skipped domains of @src (may be NULL) to @dst, which owns
 * the new array; their names go to @bytes at *@nb (advanced), which has
 * room for xsSkippedBytes(@src).  Returns 0, or -1 on OOM. */
static int
xsSkippedCopy(xsSnapshot *dst, const xsSnapshot *src, unsigned char *bytes,
              size_t *nb)
{
    size_t i;

    if (src == NULL || src->nskipped == 0)
        return 0;
    if ((dst->skipped = malloc(src->nskipped * sizeof(*dst->skipped))) == NULL)
        return -1;
    for (i = 0; i < src->nskipped; i++) {
        const xsSkippedDomain *from = &src->skipped[i];

        dst->skipped[i] = *from;
        dst->skipped[i].name =
            memcpy(bytes + *nb, from->name, from->namelen + 1);
        *nb += from->namelen + 1;
    }
    dst->nskipped = src->nskipped;
    return 0;
}

xsSnapshot *
xsSnapshotStates(const xsSnapshot *snap)
{
    xsSnapshotImpl *impl = NULL;
    size_t n = snap != NULL ? snap->ndoms : 0;
    size_t total = 1;
    size_t off = 0;
    size_t i;

    for (i = 0; i < n; i++)
        total += snap->doms[i].namelen + 1;
    total += xsSkippedBytes(snap);
    if ((impl = calloc(1, sizeof(*impl))) == NULL ||
        (impl->bytes = malloc(total)) == NULL ||
        (n > 0 && (impl->pub.doms = calloc(n, sizeof(xsDomainRow))) == NULL))
        goto error;
    for (i = 0; i < n; i++) {
        const xsDomainRow *src = &snap->doms[i];
        xsDomainRow *dst = &impl->pub.doms[i];

        dst->name = (char *)impl->bytes + off;
        memcpy(dst->name, src->name, src->namelen);
        dst->name[src->namelen] = '\0';
        off += src->namelen + 1;
        dst->namelen = src->namelen;
        memcpy(dst->uuid, src->uuid, sizeof(dst->uuid));
        memcpy(dst->uuidText, src->uuidText, sizeof(dst->uuidText));
        dst->id = src->id;
        dst->state = src->state;
    }
    if (xsSkippedCopy(&impl->pub, snap, impl->bytes, &off) < 0)
        goto error;
    impl->pub.ndoms = n;
    impl->pub.takenNs = snap != NULL ? snap->takenNs : 0;
    return &impl->pub;

error:
    xsSnapshotFree(impl != NULL ? &impl->pub : NULL);
    return NULL;
}

/* ---- read-your-writes ------------------------------------------------ */

xsSnapshot *
xsSnapshotTakeDomains(virConnectPtr conn, const xsSnapshot *prev,
                      const char *const *names, size_t n,
                      unsigned long long *calls, unsigned long long *failed)
{
    xsTake t;
    xsSnapshotImpl *impl = NULL;
    xsSnapshot *ret = NULL;

    if (xsTakeBegin(&t, conn, prev, &impl) < 0 || xsTakeReserve(&t, n, n) < 0 ||
        xsReadNamed(&t, names, n) < 0)
        goto cleanup;
    ret = xsTakeFinish(&t, impl);
    impl = NULL;

cleanup:
    xsTakeClear(&t, impl, calls, failed);
    return ret;
}

static bool
xsNamed(const char *const *names, size_t n, const xsDomainRow *row)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strlen(names[i]) == row->namelen &&
            memcmp(names[i], row->name, row->namelen) == 0)
            return true;
    return false;
}

/* Moves @row out of (@sign < 0) or into (@sign > 0) the domain counts
 * of @node, as xsNodeCount counts them; returns the memory it holds as
 * an active domain. */
static unsigned long long
xsPatchCount(xsNodeInfo *node, int sign, const xsDomainRow *row)
{
    bool active = row->id >= 0;
    unsigned int *count = active ? &node->activeDomains : &node->definedDomains;

    *count = sign > 0 ? *count + 1 : *count - 1;
    return active ? row->memKiB : 0;
}

/* Copies @row into @dst, its name, OS type and affinity maps into @bytes
 * at *@nb, its vcpu rows into @vcpus at *@nv and its device rows into
 * @devs at *@nd (all advanced).  With NULL arenas it only counts. */
static void
xsRowCopy(xsDomainRow *dst, const xsDomainRow *row, unsigned char *bytes,
          size_t *nb, xsVcpuRow *vcpus, size_t *nv, xsDevRow *devs, size_t *nd)
{
    size_t oslen = row->ostype != NULL ? strlen(row->ostype) + 1 : 0;
    size_t v;

    if (bytes != NULL) {
        *dst = *row;
        dst->name = memcpy(bytes + *nb, row->name, row->namelen + 1);
        dst->ostype = oslen > 0 ? memcpy(bytes + *nb + row->namelen + 1,
                                         row->ostype, oslen)
                                : NULL;
        dst->vcpuRows = row->nvcpuRows > 0 ? vcpus + *nv : NULL;
        dst->vifRows = row->nvifRows > 0 ? devs + *nd : NULL;
        dst->vbdRows = row->nvbdRows > 0 ? devs + *nd + row->nvifRows : NULL;
        if (row->nvifRows > 0)
            memcpy(dst->vifRows, row->vifRows,
                   row->nvifRows * sizeof(xsDevRow));
        if (row->nvbdRows > 0)
            memcpy(dst->vbdRows, row->vbdRows,
                   row->nvbdRows * sizeof(xsDevRow));
    }
    *nd += row->nvifRows + row->nvbdRows;
    *nb += row->namelen + 1 + oslen;
    for (v = 0; v < row->nvcpuRows; v++) {
        const xsVcpuRow *src = &row->vcpuRows[v];

        if (bytes != NULL) {
            vcpus[*nv + v] = *src;
            vcpus[*nv + v].affinity =
                memcpy(bytes + *nb, src->affinity, src->maplen);
        }
        *nb += src->maplen;
    }
    *nv += row->nvcpuRows;
}

xsSnapshot *
xsSnapshotPatch(const xsSnapshot *base, const xsSnapshot *fresh,
                const char *const *names, size_t n)
{
    const xsDomainRow **rows = NULL;
    xsSnapshotImpl *impl = NULL;
    xsSnapshot *snap;
    unsigned long long outMem = 0, inMem = 0;
    xsNodeInfo node = base->node;
    size_t i = 0, j = 0, k, nrows = 0, nb = 0, nv = 0, nd = 0;

    rows = malloc((base->ndoms + fresh->ndoms + 1) * sizeof(*rows));
    if (rows == NULL)
        goto error;
    /* Both are sorted by name: one merge pass. */
    while (i < base->ndoms || j < fresh->ndoms) {
        const xsDomainRow *p = i < base->ndoms ? &base->doms[i] : NULL;
        const xsDomainRow *q = j < fresh->ndoms ? &fresh->doms[j] : NULL;
        int c = xsMergeOrder(p ? p->name : NULL, p ? p->namelen : 0,
                             q ? q->name : NULL, q ? q->namelen : 0);

        if (c <= 0) {
            i++;
            if (c < 0 && !xsNamed(names, n, p)) {
                rows[nrows++] = p;
                continue;
            }
            outMem += xsPatchCount(&node, -1, p);
            if (c < 0)
                continue; /* named and gone */
        }
        j++;
        rows[nrows++] = q;
        inMem += xsPatchCount(&node, 1, q);
    }
    for (k = 0; k < nrows; k++)
        xsRowCopy(NULL, rows[k], NULL, &nb, NULL, &nv, NULL, &nd);
    nb += xsSkippedBytes(base);
    if ((impl = calloc(1, sizeof(*impl))) == NULL ||
        (impl->pub.doms = calloc(nrows + 1, sizeof(xsDomainRow))) == NULL ||
        (impl->vcpus = malloc((nv + 1) * sizeof(xsVcpuRow))) == NULL ||
        (impl->bytes = malloc(nb + 1)) == NULL ||
        (impl->devs = malloc((nd + 1) * sizeof(xsDevRow))) == NULL)
        goto error;
    snap = &impl->pub;
    nb = nv = nd = 0;
    for (k = 0; k < nrows; k++)
        xsRowCopy(&snap->doms[k], rows[k], impl->bytes, &nb, impl->vcpus, &nv,
                  impl->devs, &nd);
    snap->ndoms = nrows;
    if (xsSkippedCopy(snap, base, impl->bytes, &nb) < 0)
        goto error;
    /* The memory the replaced rows held is free again, the memory of
     * the rows put in their place is not. */
    node.freeKiB += outMem;
    node.freeKiB = node.freeKiB > inMem ? node.freeKiB - inMem : 0;
    snap->node = node;
    snap->takenNs = fresh->takenNs;
    snap->durationNs = base->durationNs;
    snap->libCalls = fresh->libCalls;
    snap->failedCalls = fresh->failedCalls;
    free(rows);
    return snap;

error:
    free(rows);
    xsSnapshotFree(impl ? &impl->pub : NULL);
    return NULL;
}
