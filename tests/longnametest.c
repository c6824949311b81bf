/*
 * longnametest.c: domains whose names cannot be a xenDomName index (1 to
 * 96 octets) in snapshots (agent/snapshot.c) and in what the agent logs
 * about them (agent/skipped.c), through the test driver on
 * tests/agentdata/longnames.xml: names of 96, 97 and 255 octets.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "skipped.h"
#include "snapshot.h"
#include "testutils.h"

#define A88                                                                \
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" \
    "aaaaaaaaaaaaaaaaaaaa"
#define B89                                                                \
    "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" \
    "bbbbbbbbbbbbbbbbbbbbb"
#define C82                                                                \
    "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" \
    "cccccccccccccc"
#define NAME96 "long-96-" A88
#define NAME97 "long-97-" B89
#define NAME255 "long-255-" C82 C82 C82
#define UUID97 "22222222-3333-4444-8555-000000000097"
#define UUID255 "22222222-3333-4444-8555-000000000255"

static virConnectPtr conn;
static xsSnapshot *snap;

/* The rows are Domain-0, the 96-octet name and 'off', in index order
 * (length first); the 96-octet one carries its vcpus and devices. */
static int
testRows(const void *data)
{
    static const char *const names[] = {"off", "Domain-0", NAME96};
    const xsDomainRow *row;
    size_t i;

    (void)data;
    if (virTestExpectInt("strlen 96", (long long)strlen(NAME96), 96) < 0 ||
        virTestExpectInt("ndoms", (long long)snap->ndoms, 3) < 0)
        return -1;
    for (i = 0; i < snap->ndoms; i++) {
        if (virTestExpectStr("name", snap->doms[i].name, names[i]) < 0)
            return -1;
    }
    row = xsSnapshotFindDomain(snap, NAME96, strlen(NAME96));
    if (row == NULL)
        return virTestFail("the 96-octet name has no row");
    if (virTestExpectInt("id", row->id, 1) < 0 ||
        virTestExpectInt("nvcpuRows", (long long)row->nvcpuRows, 2) < 0 ||
        virTestExpectInt("nvifRows", (long long)row->nvifRows, 1) < 0 ||
        virTestExpectInt("nvbdRows", (long long)row->nvbdRows, 1) < 0)
        return -1;
    if (xsSnapshotFindDomain(snap, NAME97, strlen(NAME97)) != NULL ||
        xsSnapshotFindDomain(snap, NAME255, strlen(NAME255)) != NULL)
        return virTestFail("a name longer than 96 octets has a row");
    return 0;
}

/* The vcpu and I/O tables are made of the rows' vcpus and devices: only
 * Domain-0's two vcpus and the 96-octet domain's vcpus, disk and
 * interface are there. */
static int
testNoVcpuOrDeviceRows(const void *data)
{
    size_t vcpus = 0, devs = 0;
    size_t i;

    (void)data;
    for (i = 0; i < snap->ndoms; i++) {
        vcpus += snap->doms[i].nvcpuRows;
        devs += snap->doms[i].nvifRows + snap->doms[i].nvbdRows;
    }
    if (virTestExpectInt("vcpu rows", (long long)vcpus, 4) < 0 ||
        virTestExpectInt("device rows", (long long)devs, 2) < 0)
        return -1;
    return 0;
}

/* Each count scalar counts rows only; free memory is the host's, so the
 * long-named domains' memory is held (longnames.xml's figures). */
static int
testNodeCounts(const void *data)
{
    (void)data;
    if (virTestExpectInt("activeDomains", snap->node.activeDomains, 2) < 0 ||
        virTestExpectInt("definedDomains", snap->node.definedDomains, 1) < 0 ||
        virTestExpectInt("rows", (long long)snap->ndoms,
                         (long long)snap->node.activeDomains +
                             snap->node.definedDomains) < 0 ||
        virTestExpectInt("freeKiB", (long long)snap->node.freeKiB, 56623104) <
            0)
        return -1;
    return 0;
}

/* The two long-named domains are listed, in index order, with what the
 * log line and free memory need. */
static int
testSkippedList(const void *data)
{
    static const struct {
        const char *name;
        size_t namelen;
        const char *uuid;
        int state;
        unsigned long long memKiB;
    } want[] = {
        {NAME97, 97, UUID97, VIR_DOMAIN_RUNNING, 2097152},
        {NAME255, 255, UUID255, VIR_DOMAIN_PAUSED, 3145728},
    };
    size_t i;

    (void)data;
    if (virTestExpectInt("nskipped", (long long)snap->nskipped, 2) < 0)
        return -1;
    for (i = 0; i < 2; i++) {
        const xsSkippedDomain *s = &snap->skipped[i];

        if (virTestExpectStr("name", s->name, want[i].name) < 0 ||
            virTestExpectInt("namelen", (long long)s->namelen,
                             (long long)want[i].namelen) < 0 ||
            virTestExpectStr("uuid", s->uuidText, want[i].uuid) < 0 ||
            virTestExpectInt("state", s->state, want[i].state) < 0 ||
            virTestExpectInt("memKiB", (long long)s->memKiB,
                             (long long)want[i].memKiB) < 0)
            return -1;
    }
    return 0;
}

static void
collect(void *opaque, const xsSkippedDomain *dom)
{
    const xsSkippedDomain **last = opaque;

    *last = dom;
}

/* Expects xsSkippedDiff(@prev, @next) to find @want new domains, the
 * last of them named @last (when not NULL). */
static int
expectNew(const char *what, const xsSnapshot *prev, const xsSnapshot *next,
          size_t want, const char *last)
{
    const xsSkippedDomain *seen = NULL;
    size_t n = xsSkippedDiff(prev, next, collect, &seen);

    if (virTestExpectInt(what, (long long)n, (long long)want) < 0)
        return -1;
    if (last != NULL && (seen == NULL || strcmp(seen->name, last) != 0))
        return virTestFail("%s: the last new one is not '%.20s...'", what,
                           last);
    return 0;
}

/* New once: the first snapshot has both; a second one, and the states
 * copy the agent keeps, have none new; one that went away and came back,
 * or whose name now has another UUID, is new again. */
static int
testDiffOnce(const void *data)
{
    xsSnapshot *again = NULL;
    xsSnapshot *copy = NULL;
    int ret = -1;

    (void)data;
    if ((again = xsSnapshotTake(conn, snap, NULL, NULL)) == NULL ||
        (copy = xsSnapshotStates(snap)) == NULL) {
        virTestFail("cannot take or copy a snapshot");
        goto cleanup;
    }
    if (expectNew("first", NULL, snap, 2, NAME255) < 0 ||
        expectNew("again", snap, again, 0, NULL) < 0 ||
        expectNew("states copy", copy, again, 0, NULL) < 0 ||
        virTestExpectInt("copy nskipped", (long long)copy->nskipped, 2) < 0 ||
        virTestExpectStr("copy name", copy->skipped[1].name, NAME255) < 0)
        goto cleanup;
    /* The 255-octet one gone from the picture, then back. */
    copy->nskipped = 1;
    if (expectNew("gone", again, copy, 0, NULL) < 0 ||
        expectNew("back", copy, again, 1, NAME255) < 0)
        goto cleanup;
    copy->nskipped = 2;
    copy->skipped[0].uuid[15] ^= 1;
    if (expectNew("other uuid", copy, again, 1, NAME97) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    xsSnapshotFree(again);
    xsSnapshotFree(copy);
    return ret;
}

/* A SET's patched snapshot keeps the domains left out (a SET only names
 * rows), so it logs nothing new. */
static int
testPatchKeeps(const void *data)
{
    const char *const names[] = {"off"};
    xsSnapshot *fresh = NULL;
    xsSnapshot *patched = NULL;
    int ret = -1;

    (void)data;
    if ((fresh = xsSnapshotTakeDomains(conn, snap, names, 1, NULL, NULL)) ==
            NULL ||
        (patched = xsSnapshotPatch(snap, fresh, names, 1)) == NULL) {
        virTestFail("cannot take or patch");
        goto cleanup;
    }
    if (virTestExpectInt("fresh nskipped", (long long)fresh->nskipped, 0) < 0 ||
        virTestExpectInt("nskipped", (long long)patched->nskipped, 2) < 0 ||
        virTestExpectStr("name", patched->skipped[0].name, NAME97) < 0 ||
        virTestExpectStr("name", patched->skipped[1].name, NAME255) < 0 ||
        expectNew("new", snap, patched, 0, NULL) < 0 ||
        virTestExpectInt("freeKiB", (long long)patched->node.freeKiB,
                         56623104) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    xsSnapshotFree(fresh);
    xsSnapshotFree(patched);
    return ret;
}

typedef struct {
    const char *title;
    const char *name; /* NULL: a name of 300 'x' */
    size_t namelen;
    const char *uuid;
    const char *want;
} describeCase;

static const describeCase describeCases[] = {
    {"skipped_describe_97_octets", NAME97, 97, UUID97,
     "domain \"" NAME97 "\" (" UUID97 ") has no row and is not counted in "
     "xenNode: its name is 97 octets; xenDomName takes 1 to 96"},
    {"skipped_describe_255_octets_whole", NAME255, 255, UUID255,
     "domain \"" NAME255 "\" (" UUID255 ") has no row and is not counted "
     "in xenNode: its name is 255 octets; xenDomName takes 1 to 96"},
    {"skipped_describe_empty_name", "", 0, UUID97,
     "domain \"\" (" UUID97 ") has no row and is not counted in xenNode: "
     "its name is 0 octets; xenDomName takes 1 to 96"},
    {"skipped_describe_control_quote_backslash_escaped", "a\nb\"c\\d\x7f", 8,
     UUID97,
     "domain \"a\\x0ab\\x22c\\x5cd\\x7f\" (" UUID97 ") has no row and is "
     "not counted in xenNode: its name is 8 octets; xenDomName takes 1 to "
     "96"},
    {"skipped_describe_longer_than_255_cut", NULL, 300, UUID255, NULL},
};

static int
testDescribe(const void *data)
{
    const describeCase *c = data;
    char name[301];
    char want[XS_SKIPPED_TEXT_MAX];
    char text[XS_SKIPPED_TEXT_MAX];
    char small[64];
    xsSkippedDomain dom;

    memset(&dom, 0, sizeof(dom));
    dom.namelen = c->namelen;
    (void)snprintf(dom.uuidText, sizeof(dom.uuidText), "%s", c->uuid);
    if (c->name != NULL) {
        dom.name = (char *)c->name;
        (void)snprintf(want, sizeof(want), "%s", c->want);
    } else {
        memset(name, 'x', 300);
        name[300] = '\0';
        dom.name = name;
        (void)snprintf(want, sizeof(want),
                       "domain \"%.255s...\" (%s) has no row and is not "
                       "counted in xenNode: its name is 300 octets (the "
                       "first 255 shown); xenDomName takes 1 to 96",
                       name, c->uuid);
    }
    if (virTestExpectInt("rc", xsSkippedDescribe(&dom, text, sizeof(text)), 0) <
            0 ||
        virTestExpectStr("text", text, want) < 0 ||
        virTestExpectInt("too small",
                         xsSkippedDescribe(&dom, small, sizeof(small)), -1) < 0)
        return -1;
    return 0;
}

/* Opens longnames.xml and takes the snapshot the other cases read. */
static int
testSetUp(const void *data)
{
    char *uri = virTestNodeURI("agentdata/longnames.xml");
    int ret = -1;

    (void)data;
    if (uri == NULL)
        return virTestFail("out of memory");
    if ((conn = virConnectOpenReadOnly(uri)) == NULL)
        virTestFail("cannot open %s", uri);
    else if ((snap = xsSnapshotTake(conn, NULL, NULL, NULL)) == NULL)
        virTestFail("cannot take a snapshot of %s", uri);
    else
        ret = 0;
    free(uri);
    return ret;
}

static int
mymain(void)
{
    static const virTestCase cases[] = {
        {"longname_rows_only_names_of_1_to_96_octets", testRows},
        {"longname_no_vcpu_or_device_rows", testNoVcpuOrDeviceRows},
        {"longname_node_counts_equal_rows", testNodeCounts},
        {"longname_skipped_lists_97_and_255", testSkippedList},
        {"longname_skipped_diff_new_once", testDiffOnce},
        {"longname_patch_keeps_skipped", testPatchKeeps},
    };

    /* A failed set-up is a failed case; the others then cannot run. */
    if (virTestRun("longname_setup_snapshot", testSetUp, NULL) == 0)
        virTestRunCases(cases, sizeof(cases) / sizeof(cases[0]));
    VIR_TEST_RUN_TABLE(describeCases, testDescribe);
    xsSnapshotFree(snap);
    if (conn != NULL)
        virConnectClose(conn);
    return 0;
}

VIR_TEST_MAIN(mymain)
