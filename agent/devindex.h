/*
 * devindex.h: the index of a domain's device row in the I/O tables,
 * computed from the device's name alone, so that it is the same for a
 * device whenever and by whichever agent it is read.
 *
 * Pure: no libvir, no net-snmp.
 */

#ifndef XENSNMP_DEVINDEX_H
#define XENSNMP_DEVINDEX_H

#include <stdbool.h>

/* Largest index of a device row (XEN-SNMP-MIB: xenVbdIndex and
 * xenVifIndex are Unsigned32 (0..2147483647)). */
#define XS_DEV_INDEX_MAX 2147483647U

/**
 * xsVbdNumber:
 * @name: a disk's name as the guest sees it ("xvda", "hdc", "sdb1",
 *        "d3p2", or a number)
 * @number: receives its Xen virtual device number
 *
 * Computes the number Xen's block frontend and backend know the disk by
 * (docs/misc/vbd-interface.txt in Xen's tree; the Vdev of 'xl
 * block-list'): xvd disks and partitions up to 15 as 202 << 8 | disk << 4
 * | partition, larger ones as 1 << 28 | disk << 8 | partition (disk below
 * 2^20, partition up to 255); sd as 8 << 8 | disk << 4 | partition (both
 * up to 15); hd as 3 << 8 (hda, hdb) or 22 << 8 (hdc, hdd) | (disk % 2)
 * << 6 | partition (up to 63); dDpP as xvd; a plain number as itself.
 *
 * Returns true, or false for a name outside the scheme (Xen refuses such
 * a disk).
 */
bool xsVbdNumber(const char *name, unsigned int *number);

/**
 * xsVifNumber:
 * @name: a network interface's name in dom0, "vifID.N"
 * @number: receives N, the interface's Xen device id
 *
 * Returns true, or false for a name of another form.
 */
bool xsVifNumber(const char *name, unsigned int *number);

#endif /* XENSNMP_DEVINDEX_H */
