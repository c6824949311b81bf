/*
 * mibindex.c: the request OID -> (column, row) locator of the tables (see
 * mibindex.h).  Pure: no net-snmp, no global state.
 *
 * The instances of a table, in OID order, are column by column and, in a
 * column, row by row in index order; the snapshot keeps the domains in
 * index order (length, then octets) and each domain's vcpus and devices
 * by number.
 * Comparing the request's sub-identifiers with a row's index therefore
 * places the request among the rows, and a binary search over the
 * monotone outcome of that comparison finds the row at or after it.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "mibindex.h"

/* How the index of a domain row, { length, octets... }, compares with the
 * rest of a request OID; in this order along the sorted rows. */
enum {
    XS_KEY_LESS = -2,   /* the key sorts before the request ... */
    XS_KEY_PREFIX = -1, /* ... and is a proper prefix of it */
    XS_KEY_EQUAL = 0,
    XS_KEY_GREATER = 1, /* (also when the request is a prefix of it) */
};

static int
xsMibKeyCompare(const xsDomainRow *dom, const xsOid *rest, size_t n)
{
    size_t klen = 1 + dom->namelen;
    size_t m = klen < n ? klen : n;
    size_t i;

    for (i = 0; i < m; i++) {
        xsOid k = i == 0 ? (xsOid)dom->namelen
                         : (xsOid)(unsigned char)dom->name[i - 1];

        if (k != rest[i])
            return k < rest[i] ? XS_KEY_LESS : XS_KEY_GREATER;
    }
    if (n == klen)
        return XS_KEY_EQUAL;
    return n > klen ? XS_KEY_PREFIX : XS_KEY_GREATER;
}

/* The first row whose key compares at least @least with @rest; ndoms
 * when there is none. */
static size_t
xsMibLowerBound(const xsMibIndex *idx, const xsOid *rest, size_t n, int least)
{
    size_t lo = 0;
    size_t hi = idx->ndoms;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (xsMibKeyCompare(idx->doms[mid], rest, n) < least)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* How many rows of the table @dom has (a vcpu or device table). */
static size_t
xsMibChildCount(const xsMibIndex *idx, const xsDomainRow *dom)
{
    switch (idx->table) {
    case XS_MIB_VCPU_TABLE:
        return dom->nvcpuRows;
    case XS_MIB_VIF_TABLE:
        return dom->nvifRows;
    case XS_MIB_VBD_TABLE:
        return dom->nvbdRows;
    default:
        return 0;
    }
}

/* The last index sub-identifier of row @i of @dom. */
static xsOid
xsMibChildNumber(const xsMibIndex *idx, const xsDomainRow *dom, size_t i)
{
    switch (idx->table) {
    case XS_MIB_VCPU_TABLE:
        return dom->vcpuRows[i].number;
    case XS_MIB_VIF_TABLE:
        return dom->vifRows[i].index;
    case XS_MIB_VBD_TABLE:
        return dom->vbdRows[i].index;
    default:
        return 0;
    }
}

/* Makes @hit name row @i of @dom. */
static void
xsMibChildHit(const xsMibIndex *idx, const xsDomainRow *dom, size_t i,
              xsMibHit *hit)
{
    hit->dom = dom;
    if (idx->table == XS_MIB_VCPU_TABLE)
        hit->vcpu = &dom->vcpuRows[i];
    else if (idx->table == XS_MIB_VIF_TABLE)
        hit->dev = &dom->vifRows[i];
    else if (idx->table == XS_MIB_VBD_TABLE)
        hit->dev = &dom->vbdRows[i];
}

/* The position of the first row of @dom numbered above @number (or at
 * it, with @orEqual); the row count when there is none. */
static size_t
xsMibChildAfter(const xsMibIndex *idx, const xsDomainRow *dom, xsOid number,
                bool orEqual)
{
    size_t lo = 0;
    size_t hi = xsMibChildCount(idx, dom);

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        xsOid v = xsMibChildNumber(idx, dom, mid);

        if (v < number || (v == number && !orEqual))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The last index sub-identifier of the row @hit names. */
static xsOid
xsMibHitNumber(const xsMibIndex *idx, const xsMibHit *hit)
{
    if (idx->table == XS_MIB_VCPU_TABLE)
        return hit->vcpu->number;
    return hit->dev->index;
}

/* The first row of the table. */
static bool
xsMibRowFirst(const xsMibIndex *idx, xsMibHit *hit)
{
    if (idx->ndoms == 0)
        return false;
    hit->dom = idx->doms[0];
    if (idx->table != XS_MIB_DOMAIN_TABLE)
        xsMibChildHit(idx, hit->dom, 0, hit);
    return true;
}

/* The first row whose index is after @rest (or equal, with @orEqual). */
static bool
xsMibRowAfter(const xsMibIndex *idx, const xsOid *rest, size_t n, bool orEqual,
              xsMibHit *hit)
{
    size_t i;
    const xsDomainRow *dom;

    if (idx->table == XS_MIB_DOMAIN_TABLE) {
        i = xsMibLowerBound(idx, rest, n,
                            orEqual ? XS_KEY_EQUAL : XS_KEY_GREATER);
        if (i == idx->ndoms)
            return false;
        hit->dom = idx->doms[i];
        return true;
    }
    i = xsMibLowerBound(idx, rest, n, XS_KEY_PREFIX);
    if (i == idx->ndoms)
        return false;
    dom = idx->doms[i];
    if (xsMibKeyCompare(dom, rest, n) == XS_KEY_PREFIX) {
        /* The request is inside this domain's rows: { key, t0, ... }.
         * A row { key, v } is after it when v > t0, or at it when v == t0
         * and nothing follows t0. */
        size_t klen = 1 + dom->namelen;
        size_t pos =
            xsMibChildAfter(idx, dom, rest[klen], orEqual && n == klen + 1);

        if (pos < xsMibChildCount(idx, dom)) {
            xsMibChildHit(idx, dom, pos, hit);
            return true;
        }
        /* Every domain here has rows: the next one's first is next. */
        if (++i == idx->ndoms)
            return false;
        dom = idx->doms[i];
    }
    xsMibChildHit(idx, dom, 0, hit);
    return true;
}

/* The row whose index is exactly @rest: the first at or after it, if it
 * is not after it. */
static bool
xsMibRowExact(const xsMibIndex *idx, const xsOid *rest, size_t n, xsMibHit *hit)
{
    int c;

    if (!xsMibRowAfter(idx, rest, n, true, hit))
        return false;
    c = xsMibKeyCompare(hit->dom, rest, n);
    if (idx->table == XS_MIB_DOMAIN_TABLE)
        return c == XS_KEY_EQUAL;
    /* The key, then exactly one sub-identifier: the row's number. */
    return c == XS_KEY_PREFIX && n == 2 + hit->dom->namelen &&
           xsMibHitNumber(idx, hit) == rest[n - 1];
}

static xsMibResult
xsMibLocateOnce(const xsMibIndex *idx, const xsOid *suffix, size_t len,
                xsMibMode mode, xsMibHit *hit)
{
    xsOid col;

    memset(hit, 0, sizeof(*hit));
    if (mode == XS_MIB_EXACT) {
        if (len < 2 || suffix[0] != 1 || suffix[1] < idx->minColumn ||
            suffix[1] > idx->maxColumn)
            return XS_MIB_NO_OBJECT;
        hit->column = (unsigned int)suffix[1];
        if (xsMibRowExact(idx, suffix + 2, len - 2, hit))
            return XS_MIB_FOUND;
        /* The search left the next row in @hit: a SET must not see it. */
        hit->dom = NULL;
        hit->vcpu = NULL;
        hit->dev = NULL;
        return XS_MIB_NO_INSTANCE;
    }

    /* Before the entry, at it, or before the first column: the first
     * instance; after the entry or the last column: none. */
    if (len >= 1 && suffix[0] > 1)
        return XS_MIB_END;
    if (len < 2 || suffix[0] < 1 || suffix[1] < idx->minColumn) {
        hit->column = idx->minColumn;
        return xsMibRowFirst(idx, hit) ? XS_MIB_FOUND : XS_MIB_END;
    }
    if (suffix[1] > idx->maxColumn)
        return XS_MIB_END;

    col = suffix[1];
    hit->column = (unsigned int)col;
    if (xsMibRowAfter(idx, suffix + 2, len - 2, mode == XS_MIB_NEXT_INCLUSIVE,
                      hit))
        return XS_MIB_FOUND;
    /* Past the column's last row: the next column's first. */
    if (col >= idx->maxColumn)
        return XS_MIB_END;
    hit->column = (unsigned int)col + 1;
    return xsMibRowFirst(idx, hit) ? XS_MIB_FOUND : XS_MIB_END;
}

size_t
xsMibIndexSuffix(const xsMibIndex *idx, const xsMibHit *hit, xsOid *out)
{
    size_t n = 0;
    size_t j;

    out[n++] = 1;
    out[n++] = hit->column;
    out[n++] = hit->dom->namelen;
    for (j = 0; j < hit->dom->namelen; j++)
        out[n++] = (unsigned char)hit->dom->name[j];
    if (idx->table != XS_MIB_DOMAIN_TABLE)
        out[n++] = xsMibHitNumber(idx, hit);
    return n;
}

xsMibResult
xsMibIndexLocate(const xsMibIndex *idx, const xsOid *suffix, size_t len,
                 xsMibMode mode, xsMibHit *hit)
{
    xsMibResult r = xsMibLocateOnce(idx, suffix, len, mode, hit);
    xsOid next[XS_MIB_SUFFIX_MAX];

    if (r != XS_MIB_FOUND || idx->present == NULL || idx->present(hit))
        return r;
    if (mode == XS_MIB_EXACT) {
        hit->dom = NULL;
        hit->vcpu = NULL;
        hit->dev = NULL;
        return XS_MIB_NO_INSTANCE;
    }
    /* Past every instance that does not exist: at most the rest of the
     * column per request, and a walk crosses each once. */
    do {
        len = xsMibIndexSuffix(idx, hit, next);
        r = xsMibLocateOnce(idx, next, len, XS_MIB_NEXT, hit);
    } while (r == XS_MIB_FOUND && !idx->present(hit));
    return r;
}

int
xsMibIndexInit(xsMibIndex *idx, xsMibTable table, unsigned int minColumn,
               unsigned int maxColumn, const xsSnapshot *snap)
{
    const xsDomainRow **doms = NULL;
    size_t i, n = 0;

    if (snap != NULL && snap->ndoms > 0 &&
        (doms = malloc(snap->ndoms * sizeof(*doms))) == NULL)
        return -1;
    idx->table = table;
    for (i = 0; snap != NULL && i < snap->ndoms; i++) {
        if (table != XS_MIB_DOMAIN_TABLE &&
            xsMibChildCount(idx, &snap->doms[i]) == 0)
            continue;
        doms[n++] = &snap->doms[i];
    }
    free(idx->doms);
    idx->minColumn = minColumn;
    idx->maxColumn = maxColumn;
    idx->doms = doms;
    idx->ndoms = n;
    return 0;
}

void
xsMibIndexClear(xsMibIndex *idx)
{
    free(idx->doms);
    memset(idx, 0, sizeof(*idx));
}
