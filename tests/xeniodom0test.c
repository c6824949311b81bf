/*
 * xeniodom0test.c: prints what libvir reads of one domain's devices, for
 * tests/xen/dom0/86-io.sh to compare with what the guest did and with
 * xentop.  Not run by make check: it needs a running Xen guest.
 *
 *     xeniodom0test NAME
 *     xeniodom0test --until-gone NAME
 *
 * One line per device, the counters in libvir_stats.h's order:
 *     disk TARGET rd_req rd_sect wr_req wr_sect oo_req f_req ds_req
 *     net VIFNAME rx_bytes rx_packets rx_errs rx_drop tx_bytes ...
 * then "cost COLLECTIONS FILES" (xenConnectGetStats).  A domain that is
 * not running prints no device.  With --until-gone it prints "devices
 * DISKS INTERFACES" for the domain as found, then keeps the handle and
 * polls every half second until the domain has no device left (it was
 * destroyed meanwhile), printing "gone", for at most a minute.  Exit
 * status 0, or 1 with the error on stderr.
 */

#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutils.h"
#include "libvir.h"
#include "libvir_stats.h"
#include "xen/xen_stats.h"

static int
printDevices(virDomainPtr dom)
{
    virDomainBlockStatsXenStruct b;
    virDomainInterfaceStatsStruct n;
    char **disks = NULL;
    char **ifaces = NULL;
    int nd;
    int ni;
    int i;
    int ret = -1;

    if ((nd = virDomainListBlockDevices(dom, &disks, 0)) < 0 ||
        (ni = virDomainListInterfaces(dom, &ifaces, 0)) < 0)
        goto cleanup;
    for (i = 0; i < nd; i++) {
        if (virDomainBlockStatsXen(dom, disks[i], &b, sizeof(b)) < 0)
            goto cleanup;
        printf("disk %s %lld %lld %lld %lld %lld %lld %lld\n", disks[i],
               b.rd_req, b.rd_sect, b.wr_req, b.wr_sect, b.oo_req, b.f_req,
               b.ds_req);
    }
    for (i = 0; i < ni; i++) {
        if (virDomainInterfaceStats(dom, ifaces[i], &n, sizeof(n)) < 0)
            goto cleanup;
        printf("net %s %lld %lld %lld %lld %lld %lld %lld %lld\n", ifaces[i],
               n.rx_bytes, n.rx_packets, n.rx_errs, n.rx_drop, n.tx_bytes,
               n.tx_packets, n.tx_errs, n.tx_drop);
    }
    ret = 0;

cleanup:
    virTestFreeStrings(disks);
    virTestFreeStrings(ifaces);
    return ret;
}

static int
untilGone(virConnectPtr conn, virDomainPtr dom)
{
    const struct timespec half = {0, 500000000L};
    int ids[1];
    int nd;
    int ni;
    int i;

    for (i = 0; i < 120; i++) {
        /* A listing starts a new collection, as a refresh's does. */
        if (virConnectListDomains(conn, ids, 1) < 0 ||
            (nd = virDomainListBlockDevices(dom, NULL, 0)) < 0 ||
            (ni = virDomainListInterfaces(dom, NULL, 0)) < 0)
            return -1;
        if (i == 0) {
            printf("devices %d %d\n", nd, ni);
            fflush(stdout);
        }
        if (nd == 0 && ni == 0) {
            printf("gone\n");
            return 0;
        }
        nanosleep(&half, NULL);
    }
    fprintf(stderr, "the domain still has devices after a minute\n");
    return -1;
}

int
main(int argc, char **argv)
{
    virConnectPtr conn = NULL;
    virDomainPtr dom = NULL;
    virErrorPtr err;
    xenStats stats;
    bool gone = argc == 3 && strcmp(argv[1], "--until-gone") == 0;
    int ret = 1;

    if (argc != 2 && !gone) {
        fprintf(stderr, "usage: %s [--until-gone] DOMAIN\n", argv[0]);
        return 1;
    }
    if ((conn = virConnectOpenReadOnly("xen:///")) == NULL ||
        (dom = virDomainLookupByName(conn, argv[argc - 1])) == NULL)
        goto cleanup;
    if (gone) {
        if (untilGone(conn, dom) < 0)
            goto cleanup;
    } else {
        if (printDevices(dom) < 0 || xenConnectGetStats(conn, &stats) < 0)
            goto cleanup;
        printf("cost %llu %llu\n", stats.ioCollections, stats.ioFiles);
    }
    ret = 0;

cleanup:
    if (ret != 0 && (err = virGetLastError()) != NULL)
        fprintf(stderr, "%s: %s\n", argv[0], err->message);
    if (dom != NULL)
        virDomainFree(dom);
    if (conn != NULL)
        virConnectClose(conn);
    return ret;
}
