/*
 * xen_stats.h: call counters of a Xen connection.
 *
 * Every call the driver makes into libxenctrl, libxenstore and libxenlight
 * is counted on its connection, so that tests and benchmarks can check
 * what a refresh costs.  This header needs no Xen header: programs linked
 * with libvir include it from lib/xen/.
 */

#ifndef LIBVIR_XEN_STATS_H
#define LIBVIR_XEN_STATS_H

#include "libvir.h"

typedef struct _xenStats xenStats;

struct _xenStats {
    unsigned long long xcCalls;     /* libxenctrl (hypervisor) calls */
    unsigned long long xsCalls;     /* libxenstore calls */
    unsigned long long xlCalls;     /* libxenlight calls */
    unsigned long long watchEvents; /* xenstore watch events seen */
    /* Device statistics (xen_io.h): collections of every guest's
     * counters, and the files and directories they read. */
    unsigned long long ioCollections;
    unsigned long long ioFiles;
};

/* Copies the counters of @conn into @stats.  Returns 0, or -1 with
 * VIR_ERR_INVALID_ARG when @conn is not a Xen connection. */
int xenConnectGetStats(virConnectPtr conn, xenStats *stats);

#endif /* LIBVIR_XEN_STATS_H */
