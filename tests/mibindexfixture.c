/*
 * mibindexfixture.c: see mibindexfixture.h.  The expected answers here
 * come from a plain scan of every instance, never from the locator.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "mibindexfixture.h"
#include "xen_mib.h"

static xsVcpuRow vcpusA[] = {{.number = 0}, {.number = 1}};
static xsVcpuRow vcpusZz[] = {{.number = 0}, {.number = 2}, {.number = 7}};
static xsVcpuRow vcpusFf[] = {{.number = 5}};
static xsVcpuRow vcpusLong[] = {{.number = 4294967295U}};
static char longName[XS_NAME_MAX + 1];

/* Block devices (for the device tables' locator: vifs are served the
 * same way), with counters the hypervisor does not keep (-1): their
 * instances do not exist. */
#define ALL0                   \
    {                          \
        0, 0, 0, 0, 0, 0, 0, 0 \
    }
static xsDevRow vbdsA[] = {
    {.index = 51712, .counters = {0, 0, 0, 0, 0, 0, -1, 0}},
    {.index = 51728, .counters = ALL0},
};
static xsDevRow vbdsC[] = {
    {.index = 768, .counters = {5, 5, 5, 5, -1, -1, -1, 0}},
};
static xsDevRow vbdsZz[] = {
    {.index = 0, .counters = {-1, -1, -1, -1, -1, -1, -1, -1}},
    {.index = 2147483647U, .counters = {-1, 1, -1, 1, -1, 1, -1, 0}},
};

#define ROW(n, v)                                                       \
    {                                                                   \
        .name = (char *)(n), .namelen = sizeof(n) - 1, .vcpuRows = (v), \
        .nvcpuRows = sizeof(v) / sizeof((v)[0])                         \
    }

#define VBDS(v) .vbdRows = (v), .nvbdRows = sizeof(v) / sizeof((v)[0])

static xsDomainRow rows[] = {
    {.name = (char *)"a",
     .namelen = 1,
     .vcpuRows = vcpusA,
     .nvcpuRows = 2,
     VBDS(vbdsA)},
    {.name = (char *)"b", .namelen = 1},
    {.name = (char *)"c", .namelen = 1, VBDS(vbdsC)},
    {.name = (char *)"zz",
     .namelen = 2,
     .vcpuRows = vcpusZz,
     .nvcpuRows = 3,
     VBDS(vbdsZz)},
    ROW("\xff\xff", vcpusFf),
    {.name = longName,
     .namelen = XS_NAME_MAX,
     .vcpuRows = vcpusLong,
     .nvcpuRows = 1},
};

static xsSnapshot fixture = {.doms = rows,
                             .ndoms = sizeof(rows) / sizeof(rows[0])};
static xsSnapshot empty;

const xsSnapshot *
mibFixtureSnapshot(void)
{
    memset(longName, 'x', XS_NAME_MAX);
    return &fixture;
}

const xsSnapshot *
mibFixtureEmpty(void)
{
    return &empty;
}

/* xenVbdTable's: a counter column of a counter kept as -1 has none. */
static bool
mibFixtureVbdPresent(const xsMibHit *hit)
{
    return hit->column < XEN_VBD_READ_REQUESTS ||
           hit->column > XEN_VBD_DISCARD_REQUESTS ||
           hit->dev->counters[hit->column - XEN_VBD_READ_REQUESTS] >= 0;
}

int
mibFixtureIndex(xsMibIndex *idx, xsMibTable table, const xsSnapshot *snap)
{
    if (table == XS_MIB_DOMAIN_TABLE)
        return xsMibIndexInit(idx, table, XEN_DOM_MIN_COLUMN,
                              XEN_DOM_MAX_COLUMN, snap);
    if (table == XS_MIB_VBD_TABLE) {
        if (xsMibIndexInit(idx, table, XEN_VBD_MIN_COLUMN, XEN_VBD_MAX_COLUMN,
                           snap) < 0)
            return -1;
        idx->present = mibFixtureVbdPresent;
        return 0;
    }
    return xsMibIndexInit(idx, table, XEN_VCPU_MIN_COLUMN, XEN_VCPU_MAX_COLUMN,
                          snap);
}

int
mibFixtureOidCompare(const xsOid *a, size_t alen, const xsOid *b, size_t blen)
{
    size_t i;

    for (i = 0; i < alen && i < blen; i++) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    }
    return (alen > blen) - (alen < blen);
}

/* Appends the instance { 1, col, index of @dom [, @number] }. */
static void
mibFixtureAdd(mibFixtureOid *o, unsigned int col, const xsDomainRow *dom,
              bool child, xsOid number)
{
    size_t j;

    o->len = 0;
    o->oid[o->len++] = 1;
    o->oid[o->len++] = col;
    o->oid[o->len++] = dom->namelen;
    for (j = 0; j < dom->namelen; j++)
        o->oid[o->len++] = (unsigned char)dom->name[j];
    if (child)
        o->oid[o->len++] = number;
}

mibFixtureOid *
mibFixtureInstances(const xsMibIndex *idx, const xsSnapshot *snap, size_t *n)
{
    size_t rowsPerCol = 0;
    size_t i, k;
    unsigned int col;
    mibFixtureOid *all;

    *n = 0;
    for (i = 0; i < snap->ndoms; i++)
        rowsPerCol += idx->table == XS_MIB_DOMAIN_TABLE ? 1
                      : idx->table == XS_MIB_VCPU_TABLE
                          ? snap->doms[i].nvcpuRows
                          : snap->doms[i].nvifRows + snap->doms[i].nvbdRows;
    all = calloc(rowsPerCol * (idx->maxColumn - idx->minColumn + 1) + 1,
                 sizeof(*all));
    if (all == NULL)
        return NULL;
    for (col = idx->minColumn; col <= idx->maxColumn; col++) {
        for (i = 0; i < snap->ndoms; i++) {
            const xsDomainRow *dom = &snap->doms[i];
            const xsDevRow *devs;
            size_t ndevs;

            if (idx->table == XS_MIB_DOMAIN_TABLE) {
                mibFixtureAdd(&all[(*n)++], col, dom, false, 0);
                continue;
            }
            if (idx->table == XS_MIB_VCPU_TABLE) {
                for (k = 0; k < dom->nvcpuRows; k++)
                    mibFixtureAdd(&all[(*n)++], col, dom, true,
                                  dom->vcpuRows[k].number);
                continue;
            }
            devs = idx->table == XS_MIB_VBD_TABLE ? dom->vbdRows : dom->vifRows;
            ndevs =
                idx->table == XS_MIB_VBD_TABLE ? dom->nvbdRows : dom->nvifRows;
            for (k = 0; k < ndevs; k++) {
                xsMibHit hit = {.column = col, .dom = dom};

                hit.dev = &devs[k];
                if (idx->present == NULL || idx->present(&hit))
                    mibFixtureAdd(&all[(*n)++], col, dom, true, devs[k].index);
            }
        }
    }
    return all;
}

const mibFixtureOid *
mibFixtureExpected(const mibFixtureOid *all, size_t n, const xsOid *req,
                   size_t reqlen, xsMibMode mode)
{
    size_t i;

    for (i = 0; i < n; i++) {
        int c = mibFixtureOidCompare(all[i].oid, all[i].len, req, reqlen);

        if (mode == XS_MIB_EXACT
                ? c == 0
                : c > 0 || (c == 0 && mode == XS_MIB_NEXT_INCLUSIVE))
            return &all[i];
    }
    return NULL;
}
