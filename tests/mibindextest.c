/*
 * mibindextest.c: the tables' request locator (agent/mibindex.c).
 *
 * OIDs are written relative to the table, as dotted numbers; "N*K" stands
 * for K sub-identifiers N (the XS_NAME_MAX-octet name is "120*96").  The
 * rows are tests/mibindexfixture.h's.  Each case names the instance the
 * locator must answer; the property cases then check many generated OIDs
 * against a plain scan of every instance.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mibindexfixture.h"
#include "testutils.h"

#define DOM XS_MIB_DOMAIN_TABLE
#define VCPU XS_MIB_VCPU_TABLE
#define VBD XS_MIB_VBD_TABLE
#define EXACT XS_MIB_EXACT
#define NEXT XS_MIB_NEXT
#define INCL XS_MIB_NEXT_INCLUSIVE

typedef struct {
    xsMibTable table;
    bool empty; /* over a snapshot without domains */
    xsMibMode mode;
    const char *req;
    xsMibResult result;
    const char *answer; /* the instance, when found */
} mibCase;

/* Parses @s into @oid (room for @max); returns the length or -1. */
static int
parseOid(const char *s, xsOid *oid, size_t max)
{
    size_t n = 0;

    while (*s != '\0') {
        char *end;
        unsigned long long v, times = 1;

        errno = 0;
        v = strtoull(s, &end, 10);
        if (end == s || errno != 0 || v > 4294967295ULL)
            return -1;
        s = end;
        if (*s == '*') {
            times = strtoull(s + 1, &end, 10);
            if (end == s + 1)
                return -1;
            s = end;
        }
        while (times-- > 0) {
            if (n == max)
                return -1;
            oid[n++] = (xsOid)v;
        }
        if (*s == '.')
            s++;
        else if (*s != '\0')
            return -1;
    }
    return (int)n;
}

static void
formatOid(const xsOid *oid, size_t len, char *buf, size_t size)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; i < len && used < size; i++) {
        int w =
            snprintf(buf + used, size - used, "%s%lu", i ? "." : "", oid[i]);

        if (w < 0)
            return;
        used += (size_t)w;
    }
}

static const char *const resultNames[] = {"found", "noSuchObject",
                                          "noSuchInstance", "end"};

static int
testLocate(const void *data)
{
    const mibCase *c = data;
    xsMibIndex idx = {0};
    xsMibHit hit;
    xsOid req[200], want[XS_MIB_SUFFIX_MAX], got[XS_MIB_SUFFIX_MAX];
    int reqlen, wantlen = 0;
    size_t gotlen;
    xsMibResult r;
    char a[1024], b[1024];
    int ret = -1;

    if ((reqlen = parseOid(c->req, req, 200)) < 0 ||
        (c->answer != NULL &&
         (wantlen = parseOid(c->answer, want, XS_MIB_SUFFIX_MAX)) < 0))
        return virTestFail("bad case OID");
    if (mibFixtureIndex(&idx, c->table,
                        c->empty ? mibFixtureEmpty() : mibFixtureSnapshot()) <
        0)
        return virTestFail("out of memory");
    r = xsMibIndexLocate(&idx, req, (size_t)reqlen, c->mode, &hit);
    if (r != c->result) {
        virTestFail("result %s, expected %s", resultNames[r],
                    resultNames[c->result]);
        goto cleanup;
    }
    if (r == XS_MIB_FOUND) {
        gotlen = xsMibIndexSuffix(&idx, &hit, got);
        if (mibFixtureOidCompare(got, gotlen, want, (size_t)wantlen) != 0) {
            formatOid(got, gotlen, a, sizeof(a));
            formatOid(want, (size_t)wantlen, b, sizeof(b));
            virTestFail("answer %s, expected %s", a, b);
            goto cleanup;
        }
    } else if (hit.dom != NULL || hit.vcpu != NULL) {
        /* A SET of a row that does not exist must not reach another. */
        virTestFail("no instance, but the hit names domain '%s'",
                    hit.dom != NULL ? hit.dom->name : "(vcpu only)");
        goto cleanup;
    }
    ret = 0;

cleanup:
    xsMibIndexClear(&idx);
    return ret;
}

/* A small deterministic generator (xorshift), so that a failure repeats. */
static unsigned long long
nextRandom(unsigned long long *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* A sub-identifier that is often on an edge: around the columns, the
 * name lengths and octets, the vcpu numbers, or the largest value. */
static xsOid
randomSubid(unsigned long long *state)
{
    static const xsOid edges[] = {
        0,           1,   2,   3,   5,   6,   7,   8,   21,
        22,          23,  24,  96,  97,  98,  99,  120, 121,
        122,         127, 128, 129, 200, 254, 255, 256, 4294967294UL,
        4294967295UL};
    unsigned long long r = nextRandom(state);

    if (r % 4 == 0)
        return (xsOid)(nextRandom(state) & 0xFFFFFFFFULL);
    return edges[(r >> 8) % (sizeof(edges) / sizeof(edges[0]))];
}

typedef struct {
    xsMibTable table;
    xsMibMode mode;
} propertyCase;

/* For many OIDs: the locator's answer is the first instance after the
 * request (at it, when inclusive; exactly it, for EXACT): so it is
 * greater than the request and no instance lies between the two. */
static int
testProperty(const void *data)
{
    const propertyCase *p = data;
    const xsSnapshot *snap = mibFixtureSnapshot();
    xsMibIndex idx = {0};
    mibFixtureOid *all = NULL;
    size_t nall, round;
    unsigned long long state = 0x9E3779B97F4A7C15ULL + p->table * 7 + p->mode;
    int ret = -1;

    if (mibFixtureIndex(&idx, p->table, snap) < 0 ||
        (all = mibFixtureInstances(&idx, snap, &nall)) == NULL) {
        virTestFail("out of memory");
        goto cleanup;
    }
    for (round = 1; round < nall; round++) {
        if (mibFixtureOidCompare(all[round - 1].oid, all[round - 1].len,
                                 all[round].oid, all[round].len) >= 0) {
            virTestFail("the fixture's instances are not in order at %zu",
                        round);
            goto cleanup;
        }
    }
    for (round = 0; round < 20000; round++) {
        xsOid req[XS_MIB_SUFFIX_MAX + 4];
        size_t len = 0, want;
        const mibFixtureOid *expect;
        xsOid got[XS_MIB_SUFFIX_MAX];
        size_t gotlen = 0;
        xsMibHit hit;
        xsMibResult r;
        char a[1024], b[1024];

        /* Half of them start as an instance and are then changed. */
        if (round % 2 == 0) {
            const mibFixtureOid *base = &all[nextRandom(&state) % nall];

            len = base->len;
            memcpy(req, base->oid, len * sizeof(xsOid));
            if (nextRandom(&state) % 3 != 0)
                len -= nextRandom(&state) % (len + 1);
            if (nextRandom(&state) % 2 == 0 && len > 0)
                req[nextRandom(&state) % len] = randomSubid(&state);
        }
        want = len + nextRandom(&state) % 4;
        while (len < want)
            req[len++] = randomSubid(&state);
        if (nextRandom(&state) % 2 == 0 && len > 0)
            req[0] = 1;

        expect = mibFixtureExpected(all, nall, req, len, p->mode);
        r = xsMibIndexLocate(&idx, req, len, p->mode, &hit);
        if (r == XS_MIB_FOUND)
            gotlen = xsMibIndexSuffix(&idx, &hit, got);
        if ((r == XS_MIB_FOUND) != (expect != NULL) ||
            (expect != NULL && mibFixtureOidCompare(got, gotlen, expect->oid,
                                                    expect->len) != 0)) {
            formatOid(req, len, a, sizeof(a));
            if (expect != NULL)
                formatOid(expect->oid, expect->len, b, sizeof(b));
            else
                snprintf(b, sizeof(b), "none");
            virTestFail("request %s: result %s, expected %s", a, resultNames[r],
                        b);
            goto cleanup;
        }
    }
    ret = 0;

cleanup:
    free(all);
    xsMibIndexClear(&idx);
    return ret;
}

static const mibCase cases[] = {
#define LONG "96.120*96"
    /* GETNEXT in the domain table: where a walk starts. */
    {DOM, false, NEXT, "", XS_MIB_FOUND, "1.2.1.97"},
    {DOM, false, NEXT, "0", XS_MIB_FOUND, "1.2.1.97"},
    {DOM, false, NEXT, "0.4294967295", XS_MIB_FOUND, "1.2.1.97"},
    {DOM, false, NEXT, "1", XS_MIB_FOUND, "1.2.1.97"},
    {DOM, false, NEXT, "1.0", XS_MIB_FOUND, "1.2.1.97"},
    {DOM, false, NEXT, "1.1", XS_MIB_FOUND, "1.2.1.97"},
    {DOM, false, NEXT, "1.1.200.1", XS_MIB_FOUND, "1.2.1.97"},
    {DOM, false, NEXT, "1.6", XS_MIB_FOUND, "1.6.1.97"},
    /* A length no name has moves on, never back. */
    {DOM, false, NEXT, "1.6.0", XS_MIB_FOUND, "1.6.1.97"},
    {DOM, false, NEXT, "1.6.3", XS_MIB_FOUND, "1.6." LONG},
    {DOM, false, NEXT, "1.6.128", XS_MIB_FOUND, "1.7.1.97"},
    {DOM, false, NEXT, "1.6.129", XS_MIB_FOUND, "1.7.1.97"},
    {DOM, false, NEXT, "1.6.200", XS_MIB_FOUND, "1.7.1.97"},
    {DOM, false, NEXT, "1.6.200.1.2.3", XS_MIB_FOUND, "1.7.1.97"},
    {DOM, false, NEXT, "1.6.4294967295", XS_MIB_FOUND, "1.7.1.97"},
    /* Between, at and inside rows. */
    {DOM, false, NEXT, "1.6.1", XS_MIB_FOUND, "1.6.1.97"},
    {DOM, false, NEXT, "1.6.1.96", XS_MIB_FOUND, "1.6.1.97"},
    {DOM, false, NEXT, "1.6.1.97", XS_MIB_FOUND, "1.6.1.98"},
    {DOM, false, NEXT, "1.6.1.97.0", XS_MIB_FOUND, "1.6.1.98"},
    {DOM, false, NEXT, "1.6.1.256", XS_MIB_FOUND, "1.6.2.122.122"},
    {DOM, false, NEXT, "1.6.2.122", XS_MIB_FOUND, "1.6.2.122.122"},
    {DOM, false, NEXT, "1.6.2.122.122", XS_MIB_FOUND, "1.6.2.255.255"},
    {DOM, false, NEXT, "1.6.2.255.255", XS_MIB_FOUND, "1.6." LONG},
    {DOM, false, NEXT, "1.6.2.256", XS_MIB_FOUND, "1.6." LONG},
    /* Past a column's last row: the next column's first. */
    {DOM, false, NEXT, "1.6." LONG, XS_MIB_FOUND, "1.7.1.97"},
    {DOM, false, NEXT, "1.6.96.121", XS_MIB_FOUND, "1.7.1.97"},
    {DOM, false, NEXT, "1.21.97", XS_MIB_FOUND, "1.22.1.97"},
    {DOM, false, NEXT, "1.22." LONG, XS_MIB_FOUND, "1.23.1.97"},
    /* Past the table. */
    {DOM, false, NEXT, "1.23." LONG, XS_MIB_END, NULL},
    {DOM, false, NEXT, "1.23.97", XS_MIB_END, NULL},
    {DOM, false, NEXT, "1.24", XS_MIB_END, NULL},
    {DOM, false, NEXT, "1.4294967295.1.97", XS_MIB_END, NULL},
    {DOM, false, NEXT, "2", XS_MIB_END, NULL},
    {DOM, false, NEXT, "4294967295.1.2", XS_MIB_END, NULL},
    {DOM, true, NEXT, "", XS_MIB_END, NULL},
    {DOM, true, NEXT, "1.6.1.97", XS_MIB_END, NULL},
    /* Inclusive: the request itself when it is an instance. */
    {DOM, false, INCL, "1.6.1.98", XS_MIB_FOUND, "1.6.1.98"},
    {DOM, false, INCL, "1.6.1.98.0", XS_MIB_FOUND, "1.6.1.99"},
    {DOM, false, INCL, "1.23." LONG, XS_MIB_FOUND, "1.23." LONG},
    {DOM, false, INCL, "", XS_MIB_FOUND, "1.2.1.97"},
    {DOM, false, INCL, "1.6", XS_MIB_FOUND, "1.6.1.97"},
    /* GET and SET: exactly the instance, or why not. */
    {DOM, false, EXACT, "1.6.2.122.122", XS_MIB_FOUND, "1.6.2.122.122"},
    {DOM, false, EXACT, "1.2.1.97", XS_MIB_FOUND, "1.2.1.97"},
    {DOM, false, EXACT, "1.23." LONG, XS_MIB_FOUND, "1.23." LONG},
    {DOM, false, EXACT, "1.6.1.100", XS_MIB_NO_INSTANCE, NULL},
    {DOM, false, EXACT, "1.6.1.97.0", XS_MIB_NO_INSTANCE, NULL},
    {DOM, false, EXACT, "1.6.1", XS_MIB_NO_INSTANCE, NULL},
    {DOM, false, EXACT, "1.6", XS_MIB_NO_INSTANCE, NULL},
    {DOM, false, EXACT, "1.6.200", XS_MIB_NO_INSTANCE, NULL},
    {DOM, false, EXACT, "1.6.4294967295", XS_MIB_NO_INSTANCE, NULL},
    {DOM, false, EXACT, "1.6.2.122.378", XS_MIB_NO_INSTANCE, NULL},
    {DOM, true, EXACT, "1.6.1.97", XS_MIB_NO_INSTANCE, NULL},
    {DOM, false, EXACT, "1.1.1.97", XS_MIB_NO_OBJECT, NULL},
    {DOM, false, EXACT, "1.0.1.97", XS_MIB_NO_OBJECT, NULL},
    {DOM, false, EXACT, "1.24.1.97", XS_MIB_NO_OBJECT, NULL},
    {DOM, false, EXACT, "2.6.1.97", XS_MIB_NO_OBJECT, NULL},
    {DOM, false, EXACT, "1", XS_MIB_NO_OBJECT, NULL},
    {DOM, false, EXACT, "", XS_MIB_NO_OBJECT, NULL},

    /* GETNEXT in the vcpu table: domains without vcpus have no rows. */
    {VCPU, false, NEXT, "", XS_MIB_FOUND, "1.2.1.97.0"},
    {VCPU, false, NEXT, "1.1.1.97.0", XS_MIB_FOUND, "1.2.1.97.0"},
    {VCPU, false, NEXT, "1.2.1.97.0", XS_MIB_FOUND, "1.2.1.97.1"},
    {VCPU, false, NEXT, "1.2.1.97.1", XS_MIB_FOUND, "1.2.2.122.122.0"},
    {VCPU, false, NEXT, "1.2.1.97.4294967295", XS_MIB_FOUND, "1.2.2.122.122.0"},
    {VCPU, false, NEXT, "1.2.1.98", XS_MIB_FOUND, "1.2.2.122.122.0"},
    {VCPU, false, NEXT, "1.2.1.98.0", XS_MIB_FOUND, "1.2.2.122.122.0"},
    {VCPU, false, NEXT, "1.2.2.122.122", XS_MIB_FOUND, "1.2.2.122.122.0"},
    {VCPU, false, NEXT, "1.2.2.122.122.0", XS_MIB_FOUND, "1.2.2.122.122.2"},
    {VCPU, false, NEXT, "1.2.2.122.122.0.9", XS_MIB_FOUND, "1.2.2.122.122.2"},
    {VCPU, false, NEXT, "1.2.2.122.122.1", XS_MIB_FOUND, "1.2.2.122.122.2"},
    {VCPU, false, NEXT, "1.2.2.122.122.3", XS_MIB_FOUND, "1.2.2.122.122.7"},
    {VCPU, false, NEXT, "1.2.2.122.122.7", XS_MIB_FOUND, "1.2.2.255.255.5"},
    {VCPU, false, NEXT, "1.2.2.255.255.5", XS_MIB_FOUND,
     "1.2." LONG ".4294967295"},
    {VCPU, false, NEXT, "1.2.5.255", XS_MIB_FOUND, "1.2." LONG ".4294967295"},
    {VCPU, false, NEXT, "1.2.129", XS_MIB_FOUND, "1.3.1.97.0"},
    {VCPU, false, NEXT, "1.2." LONG ".4294967295", XS_MIB_FOUND, "1.3.1.97.0"},
    {VCPU, false, NEXT, "1.5." LONG ".4294967295", XS_MIB_FOUND, "1.6.1.97.0"},
    {VCPU, false, NEXT, "1.6." LONG, XS_MIB_FOUND, "1.6." LONG ".4294967295"},
    {VCPU, false, NEXT, "1.6." LONG ".4294967295", XS_MIB_END, NULL},
    {VCPU, false, NEXT, "1.7", XS_MIB_END, NULL},
    {VCPU, true, NEXT, "1.2", XS_MIB_END, NULL},
    {VCPU, false, INCL, "1.2.2.122.122.2", XS_MIB_FOUND, "1.2.2.122.122.2"},
    {VCPU, false, INCL, "1.2.2.122.122.2.0", XS_MIB_FOUND, "1.2.2.122.122.7"},
    {VCPU, false, EXACT, "1.3.2.122.122.7", XS_MIB_FOUND, "1.3.2.122.122.7"},
    {VCPU, false, EXACT, "1.6." LONG ".4294967295", XS_MIB_FOUND,
     "1.6." LONG ".4294967295"},
    {VCPU, false, EXACT, "1.3.2.122.122.8", XS_MIB_NO_INSTANCE, NULL},
    {VCPU, false, EXACT, "1.3.2.122.122", XS_MIB_NO_INSTANCE, NULL},
    {VCPU, false, EXACT, "1.3.2.122.122.7.0", XS_MIB_NO_INSTANCE, NULL},
    {VCPU, false, EXACT, "1.3.1.98.0", XS_MIB_NO_INSTANCE, NULL},
    {VCPU, false, EXACT, "1.1.1.97.0", XS_MIB_NO_OBJECT, NULL},
    {VCPU, false, EXACT, "1.7.1.97.0", XS_MIB_NO_OBJECT, NULL},
    /* Device rows: by domain, then by device number; the instances of
     * counters not kept (-1) are skipped, a whole row's if need be. */
    {VBD, false, NEXT, "", XS_MIB_FOUND, "1.2.1.97.51712"},
    {VBD, false, EXACT, "1.4.1.97.51712", XS_MIB_FOUND, "1.4.1.97.51712"},
    {VBD, false, EXACT, "1.10.1.97.51712", XS_MIB_NO_INSTANCE, NULL},
    {VBD, false, NEXT, "1.10.1.97", XS_MIB_FOUND, "1.10.1.97.51728"},
    {VBD, false, NEXT, "1.8.1.97.51728", XS_MIB_FOUND, "1.9.1.97.51712"},
    {VBD, false, NEXT, "1.9.2.122.122", XS_MIB_FOUND,
     "1.9.2.122.122.2147483647"},
    {VBD, false, NEXT, "1.10.1.97.51728", XS_MIB_FOUND, "1.11.1.97.51712"},
    {VBD, false, EXACT, "1.4.2.122.122.0", XS_MIB_NO_INSTANCE, NULL},
    {VBD, false, EXACT, "1.2.2.122.122.0", XS_MIB_FOUND, "1.2.2.122.122.0"},
    {VBD, false, NEXT, "1.11.2.122.122.2147483647", XS_MIB_END, NULL},
    {VBD, true, NEXT, "", XS_MIB_END, NULL},
#undef LONG
};

static int
mymain(void)
{
    static const char *const tables[] = {"domain", "vcpu", "vif", "vbd"};
    static const char *const modes[] = {"get", "getnext", "getnext_inclusive"};
    static const propertyCase props[] = {
        {DOM, EXACT}, {DOM, NEXT},  {DOM, INCL}, {VCPU, EXACT}, {VCPU, NEXT},
        {VCPU, INCL}, {VBD, EXACT}, {VBD, NEXT}, {VBD, INCL},
    };
    int ret = 0;
    size_t i;
    char title[512];

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const mibCase *c = &cases[i];

        snprintf(title, sizeof(title), "mibindex_%s_%s%s_of_%.60s%s_is_%.60s",
                 tables[c->table], modes[c->mode], c->empty ? "_empty" : "",
                 c->req[0] != '\0' ? c->req : "table",
                 strlen(c->req) > 60 ? "..." : "",
                 c->answer != NULL ? c->answer : resultNames[c->result]);
        if (virTestRun(title, testLocate, c) < 0)
            ret = -1;
    }
    for (i = 0; i < sizeof(props) / sizeof(props[0]); i++) {
        snprintf(title, sizeof(title),
                 "mibindex_%s_%s_of_any_oid_is_the_first_instance_%s_it",
                 tables[props[i].table], modes[props[i].mode],
                 props[i].mode == EXACT ? "equal_to" : "after");
        if (virTestRun(title, testProperty, &props[i]) < 0)
            ret = -1;
    }
    return ret;
}

VIR_TEST_MAIN(mymain)
