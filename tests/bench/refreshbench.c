/*
 * refreshbench.c: what one agent refresh costs on any libvir host,
 * without snmpd.
 *
 * Takes snapshots exactly as xensnmpd's refresh worker does
 * (xsSnapshotTake, each with the previous one as its baseline) and
 * prints the refresh time the agent would publish as
 * xenNodeRefreshDuration (minimum, median and maximum over the
 * refreshes after the first, which also reads every OS type), the CPU
 * time a refresh took (median: on a loaded machine the wall time
 * counts the time others ran too), the libvir calls of a steady refresh
 * and the rows it gave.  Prints figures; asserts nothing.
 *
 *     refreshbench [-n REFRESHES] URI
 *     refreshbench -n 20 test:///abs/node-10000.xml
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libvir.h"
#include "snapshot.h"

static int
rbCompare(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;

    return (x > y) - (x < y);
}

static double
rbCpuMs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The device rows of @snap. */
static size_t
rbDevices(const xsSnapshot *snap)
{
    size_t n = 0;
    size_t i;

    for (i = 0; i < snap->ndoms; i++)
        n += snap->doms[i].nvifRows + snap->doms[i].nvbdRows;
    return n;
}

int
main(int argc, char **argv)
{
    virConnectPtr conn = NULL;
    xsSnapshot *prev = NULL;
    xsSnapshot *snap = NULL;
    double *ms = NULL;
    double *cpu = NULL;
    const char *uri = NULL;
    unsigned long long calls = 0;
    long n = 20;
    int ret = EXIT_FAILURE;
    long k;
    int i;

    for (i = 1; i < argc; i++) {
        char *end = NULL;

        if (strcmp(argv[i], "-n") == 0 && i + 1 < argc) {
            n = strtol(argv[++i], &end, 10);
            if (*end != '\0' || n < 2 || n > 100000) {
                fprintf(stderr, "refreshbench: -n takes 2 to 100000\n");
                return EXIT_FAILURE;
            }
        } else if (uri == NULL && argv[i][0] != '-') {
            uri = argv[i];
        } else {
            uri = NULL;
            break;
        }
    }
    if (uri == NULL) {
        fprintf(stderr, "usage: refreshbench [-n REFRESHES] URI\n");
        return EXIT_FAILURE;
    }
    if ((ms = calloc((size_t)n, sizeof(*ms))) == NULL ||
        (cpu = calloc((size_t)n, sizeof(*cpu))) == NULL)
        goto cleanup;
    if ((conn = virConnectOpenReadOnly(uri)) == NULL) {
        fprintf(stderr, "refreshbench: cannot open '%s'\n", uri);
        goto cleanup;
    }
    for (k = 0; k < n; k++) {
        double c0 = rbCpuMs();

        if ((snap = xsSnapshotTake(conn, prev, NULL, NULL)) == NULL) {
            fprintf(stderr, "refreshbench: refresh %ld failed\n", k + 1);
            goto cleanup;
        }
        ms[k] = (double)snap->durationNs / 1e6;
        cpu[k] = rbCpuMs() - c0;
        calls = snap->libCalls;
        xsSnapshotFree(prev);
        prev = snap;
        snap = NULL;
    }
    /* The first refresh reads every OS type: not the steady cost. */
    qsort(ms + 1, (size_t)n - 1, sizeof(*ms), rbCompare);
    qsort(cpu + 1, (size_t)n - 1, sizeof(*cpu), rbCompare);
    printf("%s: %zu domains, %zu device rows; first refresh %.2f ms, then "
           "min %.2f median %.2f max %.2f ms over %ld (CPU median %.2f ms, "
           "min %.2f); %llu libvir calls a refresh\n",
           uri, prev->ndoms, rbDevices(prev), ms[0], ms[1], ms[1 + (n - 1) / 2],
           ms[n - 1], n - 1, cpu[1 + (n - 1) / 2], cpu[1], calls);
    ret = EXIT_SUCCESS;

cleanup:
    xsSnapshotFree(prev);
    free(ms);
    free(cpu);
    if (conn != NULL)
        virConnectClose(conn);
    return ret;
}
