/*
 * iostatsalltest.c: virConnectGetAllDomainIOStats (libvir_stats.h) on the
 * test driver's built-in host, held to the per-domain calls it replaces:
 * one record per domain virConnectListDomains lists, in its order, with
 * the devices the list calls give and counters the single statistics
 * calls read just before and just after it bracket.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "libvir_stats.h"

static virConnectPtr conn;

/* The @n names of @got against those the list call gave. */
static int
expectNames(const char *what, const char *dom, char **want, int nwant,
            const char *const *got, size_t n)
{
    size_t i;

    if ((size_t)nwant != n)
        return virTestFail("%s: %zu %s, the list call gives %d", dom, n, what,
                           nwant);
    for (i = 0; i < n; i++) {
        if (strcmp(want[i], got[i]) != 0)
            return virTestFail("%s: %s %zu is '%s', the list call says '%s'",
                               dom, what, i, got[i], want[i]);
    }
    return 0;
}

/* Whether every counter of @mid lies between @lo and @hi (@n of each,
 * long longs); -1 must be -1 in all three. */
static int
expectBetween(const char *dom, const char *dev, const long long *lo,
              const long long *mid, const long long *hi, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (lo[i] < 0 && mid[i] == -1 && hi[i] < 0)
            continue;
        if (mid[i] < lo[i] || mid[i] > hi[i])
            return virTestFail("%s %s counter %zu: %lld, single reads %lld "
                               "and %lld around it",
                               dom, dev, i, mid[i], lo[i], hi[i]);
    }
    return 0;
}

static int
iostatsall_one_record_per_active_domain_in_id_order(const void *data)
{
    virDomainIOStatsRecordPtr *records = NULL;
    int ids[64];
    int nids = virConnectListDomains(conn, ids, 64);
    int n = virConnectGetAllDomainIOStats(conn, &records, 0);
    int ret = -1;
    int i;

    (void)data;
    if (n < 0 || records == NULL)
        return virTestFail("virConnectGetAllDomainIOStats failed");
    if (virTestExpectInt("records", n, nids) < 0 ||
        virTestExpectInt("records of test:///default", n, 7) < 0)
        goto cleanup;
    if (records[n] != NULL) {
        virTestFail("the array is not NULL-terminated");
        goto cleanup;
    }
    for (i = 0; i < n; i++) {
        virDomainPtr dom = virDomainLookupByID(conn, ids[i]);
        const char *name = dom != NULL ? virDomainGetName(dom) : "(none)";
        int same = virTestExpectInt("id", records[i]->id, ids[i]) == 0 &&
                   virTestExpectStr("name", virDomainGetName(records[i]->dom),
                                    name) == 0;

        virDomainFree(dom);
        if (!same)
            goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainIOStatsRecordListFree(records);
    return ret;
}

/* One domain's record against what the list calls give. */
static int
checkRecord(const virDomainIOStatsRecord *rec)
{
    const char *name = virDomainGetName(rec->dom);
    char **disks = NULL;
    char **ifaces = NULL;
    const char *got[16];
    int nd = virDomainListBlockDevices(rec->dom, &disks, 0);
    int ni = virDomainListInterfaces(rec->dom, &ifaces, 0);
    size_t i;
    int ret = -1;

    if (nd < 0 || ni < 0 || rec->ndisks > 16 || rec->nifaces > 16) {
        virTestFail("%s: cannot list its devices", name);
        goto cleanup;
    }
    for (i = 0; i < rec->ndisks; i++)
        got[i] = rec->disks[i].name;
    if (expectNames("disks", name, disks, nd, got, rec->ndisks) < 0)
        goto cleanup;
    for (i = 0; i < rec->nifaces; i++)
        got[i] = rec->ifaces[i].name;
    if (expectNames("interfaces", name, ifaces, ni, got, rec->nifaces) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virTestFreeStrings(disks);
    virTestFreeStrings(ifaces);
    return ret;
}

static int
iostatsall_devices_are_those_the_list_calls_give(const void *data)
{
    virDomainIOStatsRecordPtr *records = NULL;
    int n = virConnectGetAllDomainIOStats(conn, &records, 0);
    size_t devices = 0;
    int ret = -1;
    int i;

    (void)data;
    if (n < 0)
        return virTestFail("virConnectGetAllDomainIOStats failed");
    for (i = 0; i < n; i++) {
        if (checkRecord(records[i]) < 0)
            goto cleanup;
        devices += records[i]->ndisks + records[i]->nifaces;
    }
    /* web01: 1 + 1, db01: 2 + 2, the others fewer but some. */
    if (devices < 6) {
        virTestFail("only %zu devices on test:///default", devices);
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainIOStatsRecordListFree(records);
    return ret;
}

/* The single reads of every device of @rec into @disks and @ifaces. */
static int
readSingles(const virDomainIOStatsRecord *rec,
            virDomainBlockStatsXenStruct *disks,
            virDomainInterfaceStatsStruct *ifaces)
{
    size_t i;

    for (i = 0; i < rec->ndisks; i++) {
        if (virDomainBlockStatsXen(rec->dom, rec->disks[i].name, &disks[i],
                                   sizeof(disks[i])) < 0)
            return virTestFail("cannot read %s", rec->disks[i].name);
    }
    for (i = 0; i < rec->nifaces; i++) {
        if (virDomainInterfaceStats(rec->dom, rec->ifaces[i].name, &ifaces[i],
                                    sizeof(ifaces[i])) < 0)
            return virTestFail("cannot read %s", rec->ifaces[i].name);
    }
    return 0;
}

#define NLL(s) (sizeof(s) / sizeof(long long))

static int
iostatsall_counters_between_single_reads(const void *data)
{
    virDomainIOStatsRecordPtr *first = NULL;
    virDomainIOStatsRecordPtr *records = NULL;
    virDomainBlockStatsXenStruct dlo[16], dhi[16];
    virDomainInterfaceStatsStruct ilo[16], ihi[16];
    const char *name;
    int ret = -1;
    size_t i;
    int n;
    int k;

    (void)data;
    /* The first call names the devices to read singly around the second;
     * the host is the same between the two. */
    if ((n = virConnectGetAllDomainIOStats(conn, &first, 0)) < 0)
        return virTestFail("virConnectGetAllDomainIOStats failed");
    for (k = 0; k < n; k++) {
        const virDomainIOStatsRecord *f = first[k];

        name = virDomainGetName(f->dom);
        if (f->ndisks > 16 || f->nifaces > 16 || readSingles(f, dlo, ilo) < 0)
            goto cleanup;
        virTestSleepMs(2);
        if (virConnectGetAllDomainIOStats(conn, &records, 0) != n) {
            virTestFail("the second call has other records");
            goto cleanup;
        }
        virTestSleepMs(2);
        if (readSingles(f, dhi, ihi) < 0)
            goto cleanup;
        for (i = 0; i < f->ndisks; i++) {
            if (expectBetween(name, f->disks[i].name,
                              (const long long *)&dlo[i],
                              (const long long *)&records[k]->disks[i].stats,
                              (const long long *)&dhi[i], NLL(dlo[i])) < 0)
                goto cleanup;
        }
        for (i = 0; i < f->nifaces; i++) {
            if (expectBetween(name, f->ifaces[i].name,
                              (const long long *)&ilo[i],
                              (const long long *)&records[k]->ifaces[i].stats,
                              (const long long *)&ihi[i], NLL(ilo[i])) < 0)
                goto cleanup;
        }
        virDomainIOStatsRecordListFree(records);
        records = NULL;
    }
    ret = 0;

cleanup:
    virDomainIOStatsRecordListFree(records);
    virDomainIOStatsRecordListFree(first);
    return ret;
}

/* The records hold their own references: a handle the caller looked up
 * lives on after the list is freed, and freeing NULL does nothing. */
static int
iostatsall_free_releases_only_the_records(const void *data)
{
    virDomainIOStatsRecordPtr *records = NULL;
    virDomainPtr dom = virDomainLookupByName(conn, "web01");
    virDomainInfo info;
    int ret = -1;

    (void)data;
    virDomainIOStatsRecordListFree(NULL);
    if (dom == NULL || virConnectGetAllDomainIOStats(conn, &records, 0) < 0) {
        virTestFail("cannot read test:///default");
        goto cleanup;
    }
    virDomainIOStatsRecordListFree(records);
    if (virDomainGetInfo(dom, &info) < 0 ||
        virTestExpectStr("name", virDomainGetName(dom), "web01") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(dom);
    return ret;
}

/* A domain that stops has no record; started again it has one, with
 * its new id in its interfaces' names.  (Last: it changes the host.) */
static int
iostatsall_stopped_domain_has_no_record(const void *data)
{
    virConnectPtr rw = virConnectOpen("test:///default");
    virDomainIOStatsRecordPtr *records = NULL;
    virDomainPtr dom = NULL;
    char want[32];
    int ret = -1;
    int found = 0;
    int n;
    int i;

    (void)data;
    if (rw == NULL || (dom = virDomainLookupByName(rw, "web01")) == NULL ||
        virDomainDestroy(dom) < 0) {
        virTestFail("cannot stop web01");
        goto cleanup;
    }
    dom = NULL; /* destroy released it */
    if ((n = virConnectGetAllDomainIOStats(conn, &records, 0)) < 0)
        goto cleanup;
    for (i = 0; i < n; i++)
        found += strcmp(virDomainGetName(records[i]->dom), "web01") == 0;
    virDomainIOStatsRecordListFree(records);
    records = NULL;
    if (virTestExpectInt("records of the stopped web01", found, 0) < 0)
        goto cleanup;
    if ((dom = virDomainLookupByName(rw, "web01")) == NULL ||
        virDomainCreate(dom) < 0 ||
        (n = virConnectGetAllDomainIOStats(conn, &records, 0)) < 0) {
        virTestFail("cannot start web01 again");
        goto cleanup;
    }
    snprintf(want, sizeof(want), "vif%u.0", virDomainGetID(dom));
    for (i = 0; i < n; i++) {
        if (strcmp(virDomainGetName(records[i]->dom), "web01") != 0)
            continue;
        found++;
        if (records[i]->nifaces != 1 ||
            virTestExpectStr("interface", records[i]->ifaces[0].name, want) < 0)
            goto cleanup;
    }
    if (virTestExpectInt("records of the restarted web01", found, 1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainIOStatsRecordListFree(records);
    virDomainFree(dom);
    if (rw != NULL)
        virConnectClose(rw);
    return ret;
}

static const virTestCase cases[] = {
    VIR_TEST_CASE(iostatsall_one_record_per_active_domain_in_id_order),
    VIR_TEST_CASE(iostatsall_devices_are_those_the_list_calls_give),
    VIR_TEST_CASE(iostatsall_counters_between_single_reads),
    VIR_TEST_CASE(iostatsall_free_releases_only_the_records),
    VIR_TEST_CASE(iostatsall_stopped_domain_has_no_record),
};

static int
mymain(void)
{
    int ret;

    /* Read-only: the call changes nothing. */
    if ((conn = virConnectOpenReadOnly("test:///default")) == NULL) {
        printf("Bail out! cannot open test:///default\n");
        return -1;
    }
    ret = virTestRunCases(cases, sizeof(cases) / sizeof(cases[0]));
    virConnectClose(conn);
    return ret;
}

VIR_TEST_MAIN(mymain)
