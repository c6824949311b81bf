/*
 * mibindexfixture.h: a snapshot with every shape of row the tables'
 * locator must place a request among, and the tables' instances listed
 * straight from it, for tests/mibindextest.c and tests/fuzz/fuzz_mibindex.c.
 *
 * The rows, in index order: "a" (vcpus 0 and 1), "b" and "c" (shut off:
 * no vcpus), "zz" (vcpus 0, 2 and 7), "\xff\xff" (vcpu 5), then a name of
 * XS_NAME_MAX octets 'x' (vcpu 4294967295, the largest number).  Block
 * devices: "a" 51712 and 51728, "c" 768, "zz" 0 (no counter kept: only
 * its names) and 2147483647 (every other counter kept); the instances of
 * counters kept as -1 do not exist.
 */

#ifndef XENSNMP_MIBINDEXFIXTURE_H
#define XENSNMP_MIBINDEXFIXTURE_H

#include <stddef.h>

#include "mibindex.h"

/* The fixture's snapshot: static, built on first use. */
const xsSnapshot *mibFixtureSnapshot(void);

/* A snapshot without domains. */
const xsSnapshot *mibFixtureEmpty(void);

/* Fills @idx (zeroed) for @table over @snap with the MIB's columns.
 * Returns 0 or -1. */
int mibFixtureIndex(xsMibIndex *idx, xsMibTable table, const xsSnapshot *snap);

/* Compares two OIDs as SNMP orders them (lexicographically, a prefix
 * first).  Returns <0, 0 or >0. */
int mibFixtureOidCompare(const xsOid *a, size_t alen, const xsOid *b,
                         size_t blen);

/* Every instance suffix of @idx's table in OID order, listed column by
 * column and row by row from the snapshot itself; *@n receives the
 * count.  Caller frees the array.  NULL when memory ran out. */
typedef struct {
    xsOid oid[XS_MIB_SUFFIX_MAX];
    size_t len;
} mibFixtureOid;

mibFixtureOid *mibFixtureInstances(const xsMibIndex *idx,
                                   const xsSnapshot *snap, size_t *n);

/* The instance the locator must answer for @req in @mode, found by a
 * scan of @all (the expected answer, by definition); NULL for none. */
const mibFixtureOid *mibFixtureExpected(const mibFixtureOid *all, size_t n,
                                        const xsOid *req, size_t reqlen,
                                        xsMibMode mode);

#endif /* XENSNMP_MIBINDEXFIXTURE_H */
