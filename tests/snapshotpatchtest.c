/*
 * snapshotpatchtest.c: re-reading the domains a SET touched and patching
 * them into a snapshot (xsSnapshotTakeDomains, xsSnapshotPatch in
 * agent/snapshot.c), through the test driver on tests/agentdata/patch.xml.
 *
 * Each case changes the host through the libvir API after a full
 * snapshot, re-reads the named domains and checks the patched snapshot
 * against a full snapshot taken afterwards: it must be the same picture.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "snapshot.h"

/* Whether two rows read the same in every column a SET can change and
 * in what identifies them. */
static int
expectSameRow(const xsDomainRow *a, const xsDomainRow *b)
{
    size_t v;

    if (virTestExpectStr("name", a->name, b->name) < 0 ||
        virTestExpectStr("uuid", a->uuidText, b->uuidText) < 0 ||
        virTestExpectStr("ostype", a->ostype ? a->ostype : "(none)",
                         b->ostype ? b->ostype : "(none)") < 0 ||
        virTestExpectInt("state", a->state, b->state) < 0 ||
        virTestExpectInt("id", a->id, b->id) < 0 ||
        virTestExpectInt("maxMemKiB", (long long)a->maxMemKiB,
                         (long long)b->maxMemKiB) < 0 ||
        virTestExpectInt("memKiB", (long long)a->memKiB, (long long)b->memKiB) <
            0 ||
        virTestExpectInt("vcpus", a->vcpus, b->vcpus) < 0 ||
        virTestExpectInt("maxVcpus", a->maxVcpus, b->maxVcpus) < 0 ||
        virTestExpectInt("nvcpuRows", (long long)a->nvcpuRows,
                         (long long)b->nvcpuRows) < 0)
        return virTestFail("in row '%s'", b->name);
    for (v = 0; v < a->nvcpuRows; v++) {
        const xsVcpuRow *x = &a->vcpuRows[v], *y = &b->vcpuRows[v];

        if (x->number != y->number || x->maplen != y->maplen ||
            memcmp(x->affinity, y->affinity, x->maplen) != 0)
            return virTestFail("vcpu %zu of '%s' differs", v, b->name);
    }
    return 0;
}

/* The patched snapshot reads as the full one. */
static int
expectSameSnapshot(const xsSnapshot *patched, const xsSnapshot *full)
{
    size_t i;

    if (virTestExpectInt("rows", (long long)patched->ndoms,
                         (long long)full->ndoms) < 0 ||
        virTestExpectInt("active", patched->node.activeDomains,
                         full->node.activeDomains) < 0 ||
        virTestExpectInt("defined", patched->node.definedDomains,
                         full->node.definedDomains) < 0 ||
        virTestExpectInt("free", (long long)patched->node.freeKiB,
                         (long long)full->node.freeKiB) < 0)
        return -1;
    for (i = 0; i < full->ndoms; i++)
        if (expectSameRow(&patched->doms[i], &full->doms[i]) < 0)
            return -1;
    return 0;
}

/* One change to the host and the domains it touches. */
typedef struct _patchCase patchCase;

struct _patchCase {
    const char *names[3];
    size_t n;
    const char *changed; /* the domain changed (NULL: none) */
    int (*change)(virDomainPtr d);
    size_t events; /* lifecycle events from the snapshot before */
};

static int
changeMemoryAndPin(virDomainPtr d)
{
    unsigned char map[1] = {0x01};

    if (virDomainSetMemory(d, 2097152) < 0 || virDomainSetVcpus(d, 3) < 0 ||
        virDomainPinVcpu(d, 0, map, 1) < 0)
        return -1;
    return 0;
}

/* Makes the change of @pc through @conn. */
static int
changeHost(virConnectPtr conn, const patchCase *pc)
{
    virDomainPtr d;
    int rc;

    if (pc->changed == NULL)
        return 0;
    if ((d = virDomainLookupByName(conn, pc->changed)) == NULL)
        return -1;
    rc = pc->change(d);
    virDomainFree(d);
    return rc;
}

static int
testPatch(const void *data)
{
    const patchCase *pc = data;
    char *uri = virTestNodeURI("agentdata/patch.xml");
    virConnectPtr conn = NULL;
    xsSnapshot *before = NULL, *fresh = NULL, *patched = NULL, *full = NULL;
    unsigned long long calls = 0;
    int ret = -1;

    if (uri == NULL || (conn = virConnectOpen(uri)) == NULL) {
        virTestFail("cannot open %s", uri ? uri : "(null)");
        goto cleanup;
    }
    if ((before = xsSnapshotTake(conn, NULL, NULL, NULL)) == NULL ||
        changeHost(conn, pc) < 0) {
        virTestFail("cannot take or change: %s",
                    virGetLastError() ? virGetLastError()->message : "?");
        goto cleanup;
    }
    if ((fresh = xsSnapshotTakeDomains(conn, before, pc->names, pc->n, &calls,
                                       NULL)) == NULL ||
        (patched = xsSnapshotPatch(before, fresh, pc->names, pc->n)) == NULL ||
        (full = xsSnapshotTake(conn, before, NULL, NULL)) == NULL) {
        virTestFail("cannot re-read or patch");
        goto cleanup;
    }
    /* What changed reaches notifications through the one diff. */
    if (virTestExpectInt("events",
                         (long long)xsSnapshotDiff(before, patched, NULL, NULL),
                         (long long)pc->events) < 0)
        goto cleanup;
    /* The patch borrows nothing: free its sources before reading it. */
    xsSnapshotFree(before);
    before = NULL;
    if (calls == 0 || fresh->ndoms > pc->n) {
        virTestFail("%zu rows read in %llu calls for %zu names", fresh->ndoms,
                    calls, pc->n);
        goto cleanup;
    }
    xsSnapshotFree(fresh);
    fresh = NULL;
    if (expectSameSnapshot(patched, full) < 0)
        goto cleanup;
    if (patched->takenNs == 0 || patched->takenNs > full->takenNs) {
        virTestFail("patched snapshot taken at %llu, full one at %llu",
                    (unsigned long long)patched->takenNs,
                    (unsigned long long)full->takenNs);
        goto cleanup;
    }
    ret = 0;

cleanup:
    xsSnapshotFree(before);
    xsSnapshotFree(fresh);
    xsSnapshotFree(patched);
    xsSnapshotFree(full);
    if (conn != NULL)
        virConnectClose(conn);
    free(uri);
    return ret;
}

/* Domains read alone are only those named that exist, in index order. */
static int
testTakeDomains(const void *data)
{
    static const char *const names[] = {"run2", "nosuch", "off1"};
    char *uri = virTestNodeURI("agentdata/patch.xml");
    virConnectPtr conn = NULL;
    xsSnapshot *snap = NULL;
    int ret = -1;

    (void)data;
    if (uri == NULL || (conn = virConnectOpenReadOnly(uri)) == NULL ||
        (snap = xsSnapshotTakeDomains(conn, NULL, names, 3, NULL, NULL)) ==
            NULL) {
        virTestFail("cannot take");
        goto cleanup;
    }
    if (virTestExpectInt("rows", (long long)snap->ndoms, 2) < 0 ||
        virTestExpectStr("first", snap->doms[0].name, "off1") < 0 ||
        virTestExpectStr("second", snap->doms[1].name, "run2") < 0 ||
        virTestExpectInt("cpus", snap->node.cpus, 4) < 0 ||
        virTestExpectInt("host memory", (long long)snap->node.memKiB,
                         16777216) < 0 ||
        virTestExpectInt("run2 vcpu rows", (long long)snap->doms[1].nvcpuRows,
                         1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    xsSnapshotFree(snap);
    if (conn != NULL)
        virConnectClose(conn);
    free(uri);
    return ret;
}

static const patchCase patchCases[] = {
    {{"run1"}, 1, "run1", virDomainSuspend, 1},
    {{"run1", "run2"}, 2, "run1", changeMemoryAndPin, 0},
    {{"off1"}, 1, "off1", virDomainUndefine, 1},
    {{"run1", "nosuch"}, 2, NULL, NULL, 0},
};

static int
mymain(void)
{
    virTestRun("take_domains_reads_only_the_named_ones", testTakeDomains, NULL);
    virTestRun("patch_after_pause_reads_as_a_full_snapshot_and_one_event",
               testPatch, &patchCases[0]);
    virTestRun("patch_after_memory_vcpus_and_pin_reads_as_a_full_snapshot",
               testPatch, &patchCases[1]);
    virTestRun("patch_of_a_domain_gone_drops_its_row", testPatch,
               &patchCases[2]);
    virTestRun("patch_of_unchanged_and_unknown_names_changes_nothing",
               testPatch, &patchCases[3]);
    return 0;
}

VIR_TEST_MAIN(mymain)
