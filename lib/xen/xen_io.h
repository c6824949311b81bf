/*
 * xen_io.h: the block and network counters of every Xen guest, collected
 * in one pass from the files dom0's kernel keeps for its backends.
 *
 * Why not libxenstat (read in Xen's tools/libs/stat/xenstat_linux.c):
 * it keeps no flush or discard counts (blkback's f_req and ds_req); it
 * stores the sectors read over the sectors written, so that xentop's
 * VBD_RSECT is not the disk's; it opens its own libxenctrl and xenstore
 * handles; and for every interface on the host it opens one more sysfs
 * file and searches the domains one by one.  The kernel's own files
 * cost one directory listing, one read of /proc/net/dev and seven
 * small sysfs reads per disk, and need no Xen library at all, which is
 * what lets the unit tests run this module on fixture trees.  Measured
 * on a tree of 1,000 domains with 2 disks and 2 vifs each (2026-12, the
 * shared 2-core build machine, tmpfs): 16,002 files and 80-90 ms a
 * collection, the parse of /proc/net/dev a small part of it.
 *
 * Sources, under a root directory ("" on a real dom0):
 *   sys/bus/xen-backend/devices/vbd-D-N/statistics/{rd_req,rd_sect,
 *     wr_req,wr_sect,oo_req,f_req,ds_req}   blkback, one per disk
 *   sys/bus/xen-backend/devices/vif-D-N/net/IFNAME   netback, one per vif
 *   proc/net/dev                                     every interface
 * D is the domain id, N the device id (a disk's is its virtual device
 * number, 51712 for xvda).  Disks served by QEMU (backend "qdisk") have
 * no blkback directory and are not seen here (libxenstat asks QEMU for
 * theirs).
 */

#ifndef LIBVIR_XEN_IO_H
#define LIBVIR_XEN_IO_H

#include <stddef.h>
#include <stdint.h>

#define XEN_IO_NCOUNTERS 8

typedef enum { XEN_IO_VBD = 0, XEN_IO_VIF = 1 } xenIOKind;

/* Disk counters: virDomainBlockStatsXen's members, in its order. */
enum {
    XEN_IO_RD_REQ,
    XEN_IO_RD_SECT,
    XEN_IO_WR_REQ,
    XEN_IO_WR_SECT,
    XEN_IO_OO_REQ,
    XEN_IO_F_REQ,
    XEN_IO_DS_REQ,
    XEN_IO_VBD_NCOUNTERS
};

/* Interface counters, seen from the guest (virDomainInterfaceStats's
 * members, in its order).  dom0's /proc/net/dev counts the other way
 * round: what vif3.0 receives, the guest sent. */
enum {
    XEN_IO_RX_BYTES,
    XEN_IO_RX_PACKETS,
    XEN_IO_RX_ERRS,
    XEN_IO_RX_DROP,
    XEN_IO_TX_BYTES,
    XEN_IO_TX_PACKETS,
    XEN_IO_TX_ERRS,
    XEN_IO_TX_DROP
};

typedef struct _xenIODev xenIODev;

struct _xenIODev {
    uint32_t domid;
    xenIOKind kind;
    uint32_t devid;
    long long c[XEN_IO_NCOUNTERS]; /* -1: not known */
};

/* A running domain as the snapshot saw it (filled by the driver, which
 * lists the domains in the same pass). */
typedef struct _xenIODom xenIODom;

struct _xenIODom {
    uint32_t domid;
    unsigned char uuid[16];
};

typedef struct _xenIOSnap xenIOSnap;

struct _xenIOSnap {
    xenIODev *devs; /* sorted by domid, kind, devid */
    size_t ndevs;
    xenIODom *doms; /* sorted by domid */
    size_t ndoms;
};

/* Collects every backend device under @root into @snap (emptied first).
 * A host without the backend directory (no backend driver loaded) has
 * no devices.  *@files grows by the files and directories read.
 * Returns 0, or -1 with an error reported (/proc/net/dev unreadable
 * while interfaces exist, out of memory). */
int xenIOCollect(const char *root, xenIOSnap *snap, unsigned long long *files);

void xenIOSnapClear(xenIOSnap *snap);

/* The devices of @kind of domain @domid, in device id order: their
 * count, and *@first the first of them. */
size_t xenIODomainDevs(const xenIOSnap *snap, uint32_t domid, xenIOKind kind,
                       const xenIODev **first);

/* The name the guest sees for disk @devid ("xvda", "xvdb1", "hdc",
 * "sdb"), as libxl encodes them; the number itself when it encodes
 * none.  @buf holds at least 16 bytes. */
void xenIODiskName(uint32_t devid, char *buf, size_t len);

/* Parses one line of /proc/net/dev: 1 with @name (at most @namelen
 * bytes with the NUL) and dom0's 16 counters filled (receive: bytes,
 * packets, errs, drop, fifo, frame, compressed, multicast; transmit:
 * bytes, packets, errs, drop, fifo, colls, carrier, compressed); 0 for
 * the header lines; -1 for a line that is neither. */
int xenIONetDevLine(const char *line, char *name, size_t namelen,
                    unsigned long long counters[16]);

#endif /* LIBVIR_XEN_IO_H */
