/*
 * xen_io.c: the block and network counters of every Xen guest, from
 * blkback's and netback's files in dom0 (see xen_io.h).
 */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xen_io.h"
#include "error.h"
#include "file.h"
#include "log.h"
#include "number.h"

#define VIR_FROM_THIS VIR_FROM_XEN

#define XEN_IO_BACKENDS "/sys/bus/xen-backend/devices"
#define XEN_IO_NETDEV "/proc/net/dev"
/* About 200 bytes a line: room for some 300,000 interfaces. */
#define XEN_IO_NETDEV_MAX (64U << 20)
/* Linux's IFNAMSIZ is 16; a longer name is not an interface. */
#define XEN_IO_IFNAME_MAX 32

/* blkback's statistics files, in the order of the disk counters. */
static const char *const xenIOVbdFiles[XEN_IO_VBD_NCOUNTERS] = {
    "rd_req", "rd_sect", "wr_req", "wr_sect", "oo_req", "f_req", "ds_req"};

/* One interface of /proc/net/dev. */
typedef struct {
    char name[XEN_IO_IFNAME_MAX];
    unsigned long long c[16];
} xenIONetLine;

/* ---- pure parsing ------------------------------------------------------ */

int
xenIONetDevLine(const char *line, char *name, size_t namelen,
                unsigned long long counters[16])
{
    const char *colon = strchr(line, ':');
    const char *start = line;
    const char *p;
    size_t len;
    int i;

    /* "Inter-|   Receive ..." and " face |bytes ...": no colon. */
    if (colon == NULL)
        return strchr(line, '|') != NULL ? 0 : -1;
    while (*start == ' ')
        start++;
    /* The kernel refuses ':' and blanks in interface names, so the first
     * colon ends the name (which may run into the first number). */
    len = (size_t)(colon - start);
    if (len == 0 || len >= namelen || memchr(start, ' ', len) != NULL)
        return -1;
    p = colon + 1;
    for (i = 0; i < 16; i++) {
        while (*p == ' ')
            p++;
        if (virStrToULLongPrefix(p, &p, ULLONG_MAX, &counters[i]) !=
            VIR_NUMBER_OK)
            return -1;
        if (*p != ' ' && *p != '\n' && *p != '\0')
            return -1;
    }
    while (*p == ' ')
        p++;
    if (*p != '\n' && *p != '\0')
        return -1;
    memcpy(name, start, len);
    name[len] = '\0';
    return 1;
}

/* Writes the letters of disk number @disk as Linux names disks: a..z,
 * aa..zz, aaa... */
static void
xenIODiskLetters(unsigned long disk, char *buf, size_t len)
{
    char rev[8];
    size_t n = 0;
    size_t i;

    disk++;
    while (disk > 0 && n < sizeof(rev)) {
        disk--;
        rev[n++] = (char)('a' + disk % 26);
        disk /= 26;
    }
    for (i = 0; i < n && i + 1 < len; i++)
        buf[i] = rev[n - 1 - i];
    buf[i] = '\0';
}

void
xenIODiskName(uint32_t devid, char *buf, size_t len)
{
    unsigned long major = (devid >> 8) & 0xfffff;
    unsigned long minor = devid & 0xff;
    unsigned long disk;
    unsigned long part;
    const char *prefix;
    char letters[8];

    /* libxl's encodings (docs/misc/vbd-interface): xvd disks from 16 on
     * set bit 28 and keep the disk in bits 8-27; otherwise the number is
     * a Linux major and minor. */
    if (devid & (1U << 28)) {
        prefix = "xvd";
        disk = major;
        part = minor;
    } else if (devid >> 16 != 0) {
        goto number;
    } else if (major == 202 || major == 8) {
        prefix = major == 202 ? "xvd" : "sd";
        disk = minor >> 4;
        part = minor & 15;
    } else if (major == 3 || major == 22) {
        prefix = "hd";
        disk = (major == 22 ? 2 : 0) + (minor >> 6);
        part = minor & 63;
    } else {
        goto number;
    }
    xenIODiskLetters(disk, letters, sizeof(letters));
    if (part == 0)
        snprintf(buf, len, "%s%s", prefix, letters);
    else
        snprintf(buf, len, "%s%s%lu", prefix, letters, part);
    return;

number:
    snprintf(buf, len, "%u", (unsigned int)devid);
}

/* "vbd-D-N" or "vif-D-N": 1 with the kind and ids, else 0. */
static int
xenIOBackendName(const char *name, xenIOKind *kind, uint32_t *domid,
                 uint32_t *devid)
{
    unsigned long long d;
    unsigned long long n;
    const char *p;

    if (strncmp(name, "vbd-", 4) == 0)
        *kind = XEN_IO_VBD;
    else if (strncmp(name, "vif-", 4) == 0)
        *kind = XEN_IO_VIF;
    else
        return 0;
    if (virStrToULLongPrefix(name + 4, &p, UINT32_MAX, &d) != VIR_NUMBER_OK ||
        *p != '-' ||
        virStrToULLongPrefix(p + 1, &p, UINT32_MAX, &n) != VIR_NUMBER_OK ||
        *p != '\0')
        return 0;
    *domid = (uint32_t)d;
    *devid = (uint32_t)n;
    return 1;
}

/* ---- collection ---------------------------------------------------------- */

/* A sysfs attribute holding one decimal counter; -1 when it is missing
 * or holds something else.  openat on the statistics directory: seven
 * per disk, without a path walk or an allocation each. */
static long long
xenIOReadAttr(int dirfd, const char *name, unsigned long long *files)
{
    unsigned long long v;
    const char *end;
    char buf[32];
    ssize_t n;
    int fd;

    (*files)++;
    if ((fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC)) < 0)
        return -1;
    n = read(fd, buf, sizeof(buf) - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = '\0';
    if (virStrToULLongPrefix(buf, &end, LLONG_MAX, &v) != VIR_NUMBER_OK ||
        (*end != '\n' && *end != '\0'))
        return -1;
    return (long long)v;
}

static void
xenIOReadVbd(const char *dir, xenIODev *dev, unsigned long long *files)
{
    char path[PATH_MAX];
    int dirfd;
    int i;

    if (snprintf(path, sizeof(path), "%s/vbd-%u-%u/statistics", dir, dev->domid,
                 dev->devid) >= (int)sizeof(path))
        return; /* a root too long to hold it: unknown */
    (*files)++;
    if ((dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
        return; /* being torn down: its counters stay unknown */
    for (i = 0; i < XEN_IO_VBD_NCOUNTERS; i++)
        dev->c[i] = xenIOReadAttr(dirfd, xenIOVbdFiles[i], files);
    close(dirfd);
}

static int
xenIONetLineCmp(const void *a, const void *b)
{
    return strcmp(((const xenIONetLine *)a)->name,
                  ((const xenIONetLine *)b)->name);
}

static const xenIONetLine *
xenIONetFind(const xenIONetLine *lines, size_t n, const char *name)
{
    xenIONetLine key;

    if (strlen(name) >= sizeof(key.name))
        return NULL;
    memcpy(key.name, name, strlen(name) + 1);
    return bsearch(&key, lines, n, sizeof(*lines), xenIONetLineCmp);
}

/* The interfaces of /proc/net/dev under @root, sorted by name. */
static int
xenIOReadNetDev(const char *root, xenIONetLine **out, size_t *nout,
                unsigned long long *files)
{
    char path[PATH_MAX];
    xenIONetLine *lines = NULL;
    xenIONetLine *grown;
    size_t alloc = 0;
    size_t n = 0;
    char *text = NULL;
    char *line;
    char *next;
    size_t len;
    int ret = -1;

    snprintf(path, sizeof(path), "%s%s", root, XEN_IO_NETDEV);
    (*files)++;
    if (virFileReadAll(path, XEN_IO_NETDEV_MAX, VIR_ERR_INTERNAL_ERROR, &text,
                       &len) < 0)
        return -1;
    for (line = text; *line != '\0'; line = next) {
        if ((next = strchr(line, '\n')) != NULL)
            *next++ = '\0';
        else
            next = line + strlen(line);
        if (n == alloc) {
            alloc = alloc == 0 ? 16 : alloc * 2;
            if ((grown = realloc(lines, alloc * sizeof(*lines))) == NULL) {
                virReportOOMError();
                goto cleanup;
            }
            lines = grown;
        }
        if (xenIONetDevLine(line, lines[n].name, sizeof(lines[n].name),
                            lines[n].c) == 1)
            n++;
        else if (strchr(line, '|') == NULL)
            VIR_DEBUG("%s: skipping a line it should not have: '%s'", path,
                      line);
    }
    if (n > 0)
        qsort(lines, n, sizeof(*lines), xenIONetLineCmp);
    *out = lines;
    *nout = n;
    lines = NULL;
    ret = 0;

cleanup:
    free(lines);
    free(text);
    return ret;
}

/* The counters of vif @dev: its interface is vifD.N unless the vif
 * script renamed it (xl's vifname=), which its sysfs directory tells. */
static void
xenIOReadVif(const char *dir, const xenIONetLine *lines, size_t nlines,
             xenIODev *dev, unsigned long long *files)
{
    const xenIONetLine *l;
    struct dirent *ent;
    char name[XEN_IO_IFNAME_MAX];
    char path[PATH_MAX];
    DIR *d;
    int i;

    snprintf(name, sizeof(name), "vif%u.%u", dev->domid, dev->devid);
    if ((l = xenIONetFind(lines, nlines, name)) == NULL) {
        if (snprintf(path, sizeof(path), "%s/vif-%u-%u/net", dir, dev->domid,
                     dev->devid) >= (int)sizeof(path))
            return;
        (*files)++;
        if ((d = opendir(path)) == NULL)
            return;
        while (l == NULL && (ent = readdir(d)) != NULL) {
            if (ent->d_name[0] != '.')
                l = xenIONetFind(lines, nlines, ent->d_name);
        }
        closedir(d);
        if (l == NULL)
            return; /* not connected yet, or gone: unknown */
    }
    /* dom0 receives what the guest sends.  The kernel's counters are
     * 64 bits, libvirt's structs' long long 63: one that reached 2^63
     * stays at the largest value the struct holds rather than wrap. */
    for (i = 0; i < 4; i++) {
        dev->c[XEN_IO_RX_BYTES + i] =
            (long long)(l->c[8 + i] > LLONG_MAX ? LLONG_MAX : l->c[8 + i]);
        dev->c[XEN_IO_TX_BYTES + i] =
            (long long)(l->c[i] > LLONG_MAX ? LLONG_MAX : l->c[i]);
    }
}

static int
xenIODevCmp(const void *a, const void *b)
{
    const xenIODev *x = a;
    const xenIODev *y = b;

    if (x->domid != y->domid)
        return x->domid < y->domid ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->devid != y->devid)
        return x->devid < y->devid ? -1 : 1;
    return 0;
}

/* The backend devices listed under @dir, counters unknown. */
static int
xenIOListBackends(const char *dir, xenIOSnap *snap, size_t *nvifs,
                  unsigned long long *files)
{
    struct dirent *ent;
    xenIODev *grown;
    size_t alloc = 0;
    xenIODev dev;
    DIR *d;
    int ret = -1;

    (*files)++;
    if ((d = opendir(dir)) == NULL) {
        if (errno == ENOENT)
            return 0; /* no backend driver on this host */
        virReportSystemError(errno, "cannot list '%s'", dir);
        return -1;
    }
    while ((ent = readdir(d)) != NULL) {
        memset(&dev, 0, sizeof(dev));
        if (!xenIOBackendName(ent->d_name, &dev.kind, &dev.domid, &dev.devid))
            continue;
        memset(dev.c, 0xff, sizeof(dev.c)); /* -1 each */
        if (snap->ndevs == alloc) {
            alloc = alloc == 0 ? 16 : alloc * 2;
            if ((grown = realloc(snap->devs, alloc * sizeof(*grown))) == NULL) {
                virReportOOMError();
                goto cleanup;
            }
            snap->devs = grown;
        }
        snap->devs[snap->ndevs++] = dev;
        if (dev.kind == XEN_IO_VIF)
            (*nvifs)++;
    }
    ret = 0;

cleanup:
    closedir(d);
    return ret;
}

int
xenIOCollect(const char *root, xenIOSnap *snap, unsigned long long *files)
{
    xenIONetLine *lines = NULL;
    size_t nlines = 0;
    size_t nvifs = 0;
    char dir[PATH_MAX];
    size_t i;
    int ret = -1;

    xenIOSnapClear(snap);
    snprintf(dir, sizeof(dir), "%s%s", root, XEN_IO_BACKENDS);
    if (xenIOListBackends(dir, snap, &nvifs, files) < 0)
        goto cleanup;
    if (nvifs > 0 && xenIOReadNetDev(root, &lines, &nlines, files) < 0)
        goto cleanup;
    for (i = 0; i < snap->ndevs; i++) {
        if (snap->devs[i].kind == XEN_IO_VBD)
            xenIOReadVbd(dir, &snap->devs[i], files);
        else
            xenIOReadVif(dir, lines, nlines, &snap->devs[i], files);
    }
    if (snap->ndevs > 0)
        qsort(snap->devs, snap->ndevs, sizeof(*snap->devs), xenIODevCmp);
    ret = 0;

cleanup:
    free(lines);
    if (ret < 0)
        xenIOSnapClear(snap);
    return ret;
}

void
xenIOSnapClear(xenIOSnap *snap)
{
    free(snap->devs);
    free(snap->doms);
    memset(snap, 0, sizeof(*snap));
}

size_t
xenIODomainDevs(const xenIOSnap *snap, uint32_t domid, xenIOKind kind,
                const xenIODev **first)
{
    size_t lo = 0;
    size_t hi = snap->ndevs;
    size_t mid;
    size_t n = 0;

    /* The first device at or after (domid, kind). */
    while (lo < hi) {
        mid = lo + (hi - lo) / 2;
        if (snap->devs[mid].domid < domid ||
            (snap->devs[mid].domid == domid && snap->devs[mid].kind < kind))
            lo = mid + 1;
        else
            hi = mid;
    }
    *first = snap->devs != NULL ? &snap->devs[lo] : NULL;
    while (lo + n < snap->ndevs && snap->devs[lo + n].domid == domid &&
           snap->devs[lo + n].kind == kind)
        n++;
    return n;
}
