/*
 * benchload.c: how long the test driver takes to load a node file, and to
 * list every domain with ListDomains + LookupByID + GetInfo + GetVcpus
 * (what a monitoring refresh does).  Prints figures; asserts nothing.
 *
 *     benchload /abs/node-1000.xml /abs/node-10000.xml
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libvir.h"

#define MAX_VCPUS 128

static double
nowSeconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One full listing; returns the number of domains seen or -1. */
static int
listAll(virConnectPtr conn, long *vcpusSeen)
{
    virVcpuInfo vcpus[MAX_VCPUS];
    int *ids = NULL;
    int n;
    int ret = -1;
    int i;

    *vcpusSeen = 0;
    if ((n = virConnectNumOfDomains(conn)) < 0)
        return -1;
    if ((ids = calloc((size_t)n + 1, sizeof(*ids))) == NULL)
        return -1;
    if ((n = virConnectListDomains(conn, ids, n)) < 0)
        goto cleanup;
    for (i = 0; i < n; i++) {
        virDomainPtr dom = virDomainLookupByID(conn, ids[i]);
        virDomainInfo info;
        int nv;

        if (dom == NULL)
            goto cleanup;
        if (virDomainGetInfo(dom, &info) < 0 ||
            (nv = virDomainGetVcpus(dom, vcpus, MAX_VCPUS, NULL, 0)) < 0) {
            virDomainFree(dom);
            goto cleanup;
        }
        *vcpusSeen += nv;
        virDomainFree(dom);
    }
    ret = n;

cleanup:
    free(ids);
    return ret;
}

static int
benchFile(const char *path)
{
    char uri[4096];
    virConnectPtr conn;
    double t0, tLoad, tList = 1e9;
    long vcpus = 0;
    int n = 0;
    int defined;
    int round;

    snprintf(uri, sizeof(uri), "test://%s", path);
    t0 = nowSeconds();
    conn = virConnectOpen(uri);
    tLoad = nowSeconds() - t0;
    if (conn == NULL) {
        virErrorPtr err = virGetLastError();
        fprintf(stderr, "benchload: %s\n", err ? err->message : "?");
        return -1;
    }
    /* Best of three listings: the figure is the library's cost, not the
     * scheduler's. */
    for (round = 0; round < 3; round++) {
        double t;

        t0 = nowSeconds();
        n = listAll(conn, &vcpus);
        t = nowSeconds() - t0;
        if (n < 0) {
            virErrorPtr err = virGetLastError();
            fprintf(stderr, "benchload: %s\n", err ? err->message : "?");
            virConnectClose(conn);
            return -1;
        }
        if (t < tList)
            tList = t;
    }
    defined = virConnectNumOfDefinedDomains(conn);
    printf("%-16s load %7.1f ms (%5.2f us/domain)   list %6d active "
           "(+%d defined, %ld vcpus) %7.1f ms (%5.2f us/domain)\n",
           strrchr(path, '/') ? strrchr(path, '/') + 1 : path, tLoad * 1e3,
           tLoad * 1e6 / (n + defined > 0 ? n + defined : 1), n, defined, vcpus,
           tList * 1e3, tList * 1e6 / (n ? n : 1));
    virConnectClose(conn);
    return 0;
}

int
main(int argc, char **argv)
{
    int i;

    if (argc < 2) {
        fprintf(stderr, "usage: %s NODEFILE...\n", argv[0]);
        return EXIT_FAILURE;
    }
    printf("test driver: load a node file; list = ListDomains + LookupByID "
           "+ GetInfo + GetVcpus of every active domain\n");
    for (i = 1; i < argc; i++) {
        if (benchFile(argv[i]) < 0)
            return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}
