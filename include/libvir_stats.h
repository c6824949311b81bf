/*
 * libvir_stats.h: per-domain block device and network interface
 * statistics, beyond the reference API.
 *
 * virDomainBlockStats() and virDomainInterfaceStats() are the calls
 * libvirt itself added for this (0.3.2), with its structs, member names
 * and conventions: the caller passes sizeof its struct so that the
 * struct may grow, and a counter the hypervisor does not keep reads -1.
 * Xen's block backend counts more than libvirt's struct holds (requests
 * refused for want of ring slots, flushes, discards, and sectors rather
 * than bytes), so virDomainBlockStatsXen() returns those, under the names
 * blkback gives them, in a second struct.  A struct and not libvirt's
 * later typed-parameter call (virDomainBlockStatsFlags): the agent reads
 * every counter of thousands of devices on each refresh, and fixed
 * members cost nothing to find where typed parameters cost a string
 * comparison each and a sub-API to free them; libvirt's typed fields have
 * no name for out-of-request or discard requests either.
 *
 * Devices are named as libvirt names them: a disk by its target, the
 * name the guest sees ("xvda", <target dev=''> in the domain XML); a
 * network interface by the name of its backend in dom0, "vifID.N" (N is
 * the interface's Xen device id, its position among the domain's
 * interfaces unless some were detached), or by its MAC address.
 * virDomainListBlockDevices() and virDomainListInterfaces() give the
 * names a running domain has now, so that a caller need not parse the
 * domain XML.  A domain that is not running has no devices: its disks
 * and interfaces exist on the host only while it runs, and their
 * counters start from 0 each time it starts.
 *
 * virConnectGetAllDomainIOStats() reads all of it, for every active
 * domain, in one call: what a monitor that polls every device of a large
 * host wants.
 *
 * Not part of the reference: a program written against the reference
 * never needs this header, and libvir.h stays exactly the reference.
 */

#ifndef LIBVIR_STATS_H
#define LIBVIR_STATS_H

#include <stddef.h>

#include "libvir.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * virDomainBlockStatsStruct:
 *
 * Block device statistics, as libvirt defines them.  Each counter counts
 * from the start of the domain; -1 when the hypervisor does not keep it
 * (Xen keeps no error count: errs is always -1 there).
 */
typedef struct _virDomainBlockStats virDomainBlockStatsStruct;

struct _virDomainBlockStats {
    long long rd_req;   /* number of read requests */
    long long rd_bytes; /* number of bytes read */
    long long wr_req;   /* number of write requests */
    long long wr_bytes; /* number of bytes written */
    long long errs;     /* number of failed requests */
};

typedef virDomainBlockStatsStruct *virDomainBlockStatsPtr;

/**
 * virDomainBlockStatsXenStruct:
 *
 * What Xen's block backend counts for one virtual block device (the
 * files of /sys/bus/xen-backend/devices/vbd-DOMID-DEVID/statistics/ that
 * xentop shows), from the start of the domain; -1 when not known.
 * Sectors are 512 bytes, whatever the disk's own sector size.
 */
typedef struct _virDomainBlockStatsXen virDomainBlockStatsXenStruct;

struct _virDomainBlockStatsXen {
    long long rd_req;  /* read requests */
    long long rd_sect; /* sectors read */
    long long wr_req;  /* write requests */
    long long wr_sect; /* sectors written */
    long long oo_req;  /* times the backend ran out of request slots:
                        * the guest had to wait, a sign of saturation */
    long long f_req;   /* flush and barrier requests */
    long long ds_req;  /* discard requests */
};

typedef virDomainBlockStatsXenStruct *virDomainBlockStatsXenPtr;

/**
 * virDomainInterfaceStatsStruct:
 *
 * Network interface statistics, as libvirt defines them, seen from the
 * guest: rx is what the guest received.  -1 when not known.  On Xen the
 * counters come from the interface's backend in dom0 (vif3.0), whose
 * receive is the guest's transmit: the driver swaps them, as libvirt's
 * own drivers do for every interface whose host side is not the guest's
 * view (bridged and routed interfaces).  xentop does not: its NETTX is
 * what dom0 sent to the guest, the guest's rx_bytes here.
 */
typedef struct _virDomainInterfaceStats virDomainInterfaceStatsStruct;

struct _virDomainInterfaceStats {
    long long rx_bytes;
    long long rx_packets;
    long long rx_errs;
    long long rx_drop;
    long long tx_bytes;
    long long tx_packets;
    long long tx_errs;
    long long tx_drop;
};

typedef virDomainInterfaceStatsStruct *virDomainInterfaceStatsPtr;

/**
 * virDomainBlockStats:
 * @dom: pointer to a running domain
 * @disk: the disk's target ("xvda")
 * @stats: the counters (OUT)
 * @size: sizeof(*@stats) as the caller was compiled, at most
 *        sizeof(virDomainBlockStatsStruct): only that many bytes are
 *        written
 *
 * Reads the statistics of one block device of a running domain.
 *
 * Returns 0, or -1 in case of error (VIR_ERR_OPERATION_INVALID when the
 * domain is not running, VIR_ERR_INVALID_ARG when it has no such disk).
 */
int virDomainBlockStats(virDomainPtr dom, const char *disk,
                        virDomainBlockStatsPtr stats, size_t size);

/**
 * virDomainBlockStatsXen:
 * @dom: pointer to a running domain
 * @disk: the disk's target ("xvda")
 * @stats: the counters (OUT)
 * @size: sizeof(*@stats), at most sizeof(virDomainBlockStatsXenStruct)
 *
 * Reads what Xen's block backend counts for one disk of a running
 * domain, as virDomainBlockStats() does libvirt's counters.
 *
 * Returns 0, or -1 in case of error.
 */
int virDomainBlockStatsXen(virDomainPtr dom, const char *disk,
                           virDomainBlockStatsXenPtr stats, size_t size);

/**
 * virDomainInterfaceStats:
 * @dom: pointer to a running domain
 * @device: the interface's name in dom0 ("vif3.0") or its MAC address
 *          ("00:16:3e:5d:c7:9e")
 * @stats: the counters (OUT)
 * @size: sizeof(*@stats), at most sizeof(virDomainInterfaceStatsStruct)
 *
 * Reads the statistics of one network interface of a running domain.
 *
 * Returns 0, or -1 in case of error (VIR_ERR_OPERATION_INVALID when the
 * domain is not running, VIR_ERR_INVALID_ARG when it has no such
 * interface).
 */
int virDomainInterfaceStats(virDomainPtr dom, const char *device,
                            virDomainInterfaceStatsPtr stats, size_t size);

/**
 * virDomainListBlockDevices:
 * @dom: pointer to a domain
 * @disks: where to store a new array of the disks' targets, in the order
 *         of the domain XML, or NULL to count them only (OUT)
 * @flags: 0 (no flag is defined yet)
 *
 * Lists the block devices a domain has on the host now: none when it is
 * not running.  The caller frees each string and the array, which holds
 * one more element, NULL, after the last name.
 *
 * Returns the number of disks, or -1 in case of error.
 */
int virDomainListBlockDevices(virDomainPtr dom, char ***disks,
                              unsigned int flags);

/**
 * virDomainListInterfaces:
 * @dom: pointer to a domain
 * @ifaces: where to store a new array of the interfaces' dom0 names
 *          ("vif3.0"), in the order of their device ids, or NULL to count
 *          them only (OUT)
 * @flags: 0 (no flag is defined yet)
 *
 * Lists the network interfaces a domain has on the host now, as
 * virDomainListBlockDevices() does its disks.
 *
 * Returns the number of interfaces, or -1 in case of error.
 */
int virDomainListInterfaces(virDomainPtr dom, char ***ifaces,
                            unsigned int flags);

/**
 * virDomainIOStatsDisk:
 *
 * One block device in a virDomainIOStatsRecord: its name as
 * virDomainListBlockDevices() gives it and its counters as
 * virDomainBlockStatsXen() reads them (-1: not known).  libvirt's
 * virDomainBlockStatsStruct follows from them: rd_bytes is rd_sect * 512,
 * wr_bytes wr_sect * 512, and errs is not kept.
 */
typedef struct _virDomainIOStatsDisk virDomainIOStatsDisk;

struct _virDomainIOStatsDisk {
    const char *name; /* "xvda"; owned by the record */
    virDomainBlockStatsXenStruct stats;
};

/**
 * virDomainIOStatsInterface:
 *
 * One network interface in a virDomainIOStatsRecord: its dom0 name as
 * virDomainListInterfaces() gives it and its counters as
 * virDomainInterfaceStats() reads them, seen from the guest (-1: not
 * known).
 */
typedef struct _virDomainIOStatsInterface virDomainIOStatsInterface;

struct _virDomainIOStatsInterface {
    const char *name; /* "vif3.0"; owned by the record */
    virDomainInterfaceStatsStruct stats;
};

/**
 * virDomainIOStatsRecord:
 *
 * The devices of one active domain and their counters, all read at the
 * same moment, from virConnectGetAllDomainIOStats().  Everything it
 * points to belongs to the record and lives until
 * virDomainIOStatsRecordListFree() frees the list it is in: @dom is a
 * reference the record holds (take another with virDomainLookupByUUID()
 * to keep the domain longer), the names and arrays are the record's.
 */
typedef struct _virDomainIOStatsRecord virDomainIOStatsRecord;

struct _virDomainIOStatsRecord {
    virDomainPtr dom; /* the domain */
    int id;           /* its hypervisor id when the counters were read */
    /* The devices, in the order the list calls give them. */
    virDomainIOStatsDisk *disks;
    size_t ndisks;
    virDomainIOStatsInterface *ifaces;
    size_t nifaces;
};

typedef virDomainIOStatsRecord *virDomainIOStatsRecordPtr;

/**
 * virConnectGetAllDomainIOStats:
 * @conn: pointer to the hypervisor connection
 * @records: where to store a new NULL-terminated array of records, one
 *           per active domain, in ascending order of id (OUT)
 * @flags: 0 (no flag is defined yet)
 *
 * Reads the block devices and network interfaces of every active domain
 * (any state but shut off: running, blocked, paused, shutting down,
 * crashed) and their counters in one call: what
 * virDomainListBlockDevices(), virDomainListInterfaces(),
 * virDomainBlockStatsXen() and virDomainInterfaceStats() would give for
 * each, at a cost that does not grow with the number of calls (libvirt
 * later added virConnectGetAllDomainStats for the same reason).  A domain
 * without devices has a record with none.  Free the array with
 * virDomainIOStatsRecordListFree(), never with free().
 *
 * A later version that counts more will do so under a flag, in members
 * added at the end of virDomainIOStatsRecord: the structs of the devices
 * keep their size, so that the arrays above stay indexable.
 *
 * Returns the number of records, or -1 in case of error (*@records is
 * then NULL; VIR_ERR_NO_SUPPORT when the driver has no such call: read
 * the domains one by one instead).
 */
int virConnectGetAllDomainIOStats(virConnectPtr conn,
                                  virDomainIOStatsRecordPtr **records,
                                  unsigned int flags);

/**
 * virDomainIOStatsRecordListFree:
 * @records: an array from virConnectGetAllDomainIOStats(), or NULL
 *
 * Frees the records, what they point to and the array, and releases the
 * records' domain references.
 */
void virDomainIOStatsRecordListFree(virDomainIOStatsRecordPtr *records);

#ifdef __cplusplus
}
#endif

#endif /* LIBVIR_STATS_H */
