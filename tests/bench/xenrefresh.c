/*
 * xenrefresh.c: what one agent refresh costs on the local Xen host.
 *
 * Takes snapshots of xen:/// exactly as xensnmpd's refresh worker does
 * (xsSnapshotTake, each with the previous one as its baseline) and prints,
 * per refresh, the domains and vcpus seen, the time taken and the calls
 * made into libxenctrl, libxenstore and libxenlight (xenConnectGetStats).
 *
 *     xenrefresh [-n REFRESHES] [--check]
 *
 * With --check it also asserts, as a test run in dom0 (tests/xen/dom0/
 * 85-cost.sh), that the cost is bounded: after the first refresh (which
 * reads every name once) each one costs the same while nothing changes,
 * no more than XR_CALLS_BASE + XR_CALLS_PER_DOMAIN per domain +
 * XR_CALLS_PER_VCPU per vcpu, and reading a snapshot, however often,
 * costs nothing.  Exit status 0, or 1 with the reason on stderr.
 */

#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libvir.h"
#include "snapshot.h"
#include "xen/xen_stats.h"

/* Generous linear bounds: the point is that nothing grows with the
 * number of reads or refreshes, and nothing is quadratic. */
#define XR_CALLS_BASE 16ULL
#define XR_CALLS_PER_DOMAIN 8ULL
#define XR_CALLS_PER_VCPU 4ULL

/* Reads of each snapshot in --check, as many SNMP walks would. */
#define XR_READS 1000

typedef struct _xrCost xrCost;

struct _xrCost {
    size_t doms;
    size_t vcpus;
    double ms;
    unsigned long long xc;
    unsigned long long xs;
    unsigned long long xl;
    unsigned long long events;
};

static unsigned long long
xrTotal(const xrCost *c)
{
    return c->xc + c->xs + c->xl;
}

static void
xrDiff(const xenStats *a, const xenStats *b, xrCost *c)
{
    c->xc = b->xcCalls - a->xcCalls;
    c->xs = b->xsCalls - a->xsCalls;
    c->xl = b->xlCalls - a->xlCalls;
    c->events = b->watchEvents - a->watchEvents;
}

/* Looks every row up by name @times times; returns the rows found. */
static size_t
xrRead(const xsSnapshot *snap, unsigned int times)
{
    size_t found = 0;
    unsigned int t;
    size_t i;

    for (t = 0; t < times; t++)
        for (i = 0; i < snap->ndoms; i++)
            if (xsSnapshotFindDomain(snap, snap->doms[i].name,
                                     snap->doms[i].namelen) != NULL)
                found++;
    return found;
}

static int
xrCheck(const xrCost *cost, int n)
{
    int k;

    for (k = 0; k < n; k++) {
        unsigned long long bound = XR_CALLS_BASE +
                                   XR_CALLS_PER_DOMAIN * cost[k].doms +
                                   XR_CALLS_PER_VCPU * cost[k].vcpus;

        if (xrTotal(&cost[k]) > bound) {
            fprintf(stderr,
                    "xenrefresh: refresh %d made %llu calls, more than "
                    "%llu for %zu domains and %zu vcpus\n",
                    k + 1, xrTotal(&cost[k]), bound, cost[k].doms,
                    cost[k].vcpus);
            return -1;
        }
        /* Steady state: what the second refresh cost, every later one
         * costs again, unless domains or vcpus came or went. */
        if (k >= 2 && cost[k].events == 0 && cost[k].doms == cost[1].doms &&
            cost[k].vcpus == cost[1].vcpus && cost[1].events == 0 &&
            xrTotal(&cost[k]) != xrTotal(&cost[1])) {
            fprintf(stderr,
                    "xenrefresh: refresh %d made %llu calls, refresh 2 "
                    "made %llu, with the same domains\n",
                    k + 1, xrTotal(&cost[k]), xrTotal(&cost[1]));
            return -1;
        }
    }
    return 0;
}

int
main(int argc, char **argv)
{
    virConnectPtr conn = NULL;
    xsSnapshot *prev = NULL;
    xsSnapshot *snap = NULL;
    xrCost *cost = NULL;
    bool check = false;
    int n = 5;
    int ret = EXIT_FAILURE;
    int i;
    int k;

    for (i = 1; i < argc; i++) {
        char *end = NULL;

        if (strcmp(argv[i], "--check") == 0) {
            check = true;
        } else if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            n = (int)strtol(argv[++i], &end, 10);
            if (*end != '\0' || n < 3 || n > 1000) {
                fprintf(stderr, "xenrefresh: -n takes 3 to 1000\n");
                return EXIT_FAILURE;
            }
        } else {
            fprintf(stderr, "usage: xenrefresh [-n REFRESHES] [--check]\n");
            return EXIT_FAILURE;
        }
    }
    if ((cost = calloc((size_t)n, sizeof(*cost))) == NULL)
        goto cleanup;
    if ((conn = virConnectOpenReadOnly("xen:///")) == NULL) {
        fprintf(stderr, "xenrefresh: %s\n", virGetLastError()->message);
        goto cleanup;
    }
    for (k = 0; k < n; k++) {
        xenStats s0;
        xenStats s1;
        xenStats s2;

        if (xenConnectGetStats(conn, &s0) < 0)
            goto cleanup;
        snap = xsSnapshotTake(conn, prev, NULL, NULL);
        if (snap == NULL) {
            virErrorPtr e = virGetLastError();

            fprintf(stderr, "xenrefresh: refresh %d failed: %s\n", k + 1,
                    e != NULL ? e->message : "out of memory");
            goto cleanup;
        }
        if (xenConnectGetStats(conn, &s1) < 0)
            goto cleanup;
        xrDiff(&s0, &s1, &cost[k]);
        cost[k].doms = snap->ndoms;
        for (i = 0; i < (int)snap->ndoms; i++)
            cost[k].vcpus += snap->doms[i].nvcpuRows;
        cost[k].ms = (double)snap->durationNs / 1e6;
        printf("refresh %d: %zu domains, %zu vcpus, %.2f ms, calls: %llu "
               "hypervisor, %llu xenstore, %llu libxl (%llu watch events)\n",
               k + 1, cost[k].doms, cost[k].vcpus, cost[k].ms, cost[k].xc,
               cost[k].xs, cost[k].xl, cost[k].events);
        if (check) {
            size_t found = xrRead(snap, XR_READS);

            if (xenConnectGetStats(conn, &s2) < 0)
                goto cleanup;
            if (found != (size_t)XR_READS * snap->ndoms ||
                s2.xcCalls != s1.xcCalls || s2.xsCalls != s1.xsCalls ||
                s2.xlCalls != s1.xlCalls) {
                fprintf(stderr,
                        "xenrefresh: %d reads of snapshot %d found %zu rows "
                        "and made calls\n",
                        XR_READS, k + 1, found);
                goto cleanup;
            }
        }
        xsSnapshotFree(prev);
        prev = snap;
        snap = NULL;
    }
    if (check) {
        if (xrCheck(cost, n) < 0)
            goto cleanup;
        printf("bounded: at most %llu + %llu/domain + %llu/vcpu calls per "
               "refresh, the same each time, none for %d reads\n",
               XR_CALLS_BASE, XR_CALLS_PER_DOMAIN, XR_CALLS_PER_VCPU, XR_READS);
    }
    ret = EXIT_SUCCESS;

cleanup:
    xsSnapshotFree(snap);
    xsSnapshotFree(prev);
    if (conn != NULL)
        virConnectClose(conn);
    free(cost);
    return ret;
}
