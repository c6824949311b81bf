/*
 * mibindex.h: finds the row and column a request OID names in the domain
 * or the vcpu table, straight from the snapshot, without net-snmp.
 *
 * net-snmp's table helper parses a request's index into a value before
 * any lookup, and gives up on what it cannot parse (a string index whose
 * length sub-identifier exceeds 128, say): a GETNEXT then restarts at the
 * first row of the column, behind the request.  Here the request's
 * sub-identifiers are compared with the rows' index OIDs directly, so any
 * OID at all has a well-defined next instance, found by binary search.
 *
 * OIDs are given relative to the table (xenDomainTable, xenVcpuTable):
 * an instance is { 1, column, index... }, with the index of a domain row
 * { length, name octets... } (a non-IMPLIED DisplayString) and of a vcpu
 * or device row the same followed by the vcpu or device number.
 */

#ifndef XENSNMP_MIBINDEX_H
#define XENSNMP_MIBINDEX_H

#include <stdbool.h>
#include <stddef.h>

#include "snapshot.h"

/* A sub-identifier, as net-snmp stores it (its "oid" type). */
typedef unsigned long xsOid;

/* Longest instance suffix: entry, column, length, name, vcpu or device
 * number. */
#define XS_MIB_SUFFIX_MAX (3 + XS_NAME_MAX + 1)

/* The domain table, and the tables of a domain's rows of one kind,
 * indexed by the domain and a number: vcpus, network interfaces (the
 * Xen device id), block devices (the virtual device number). */
typedef enum {
    XS_MIB_DOMAIN_TABLE,
    XS_MIB_VCPU_TABLE,
    XS_MIB_VIF_TABLE,
    XS_MIB_VBD_TABLE
} xsMibTable;

typedef enum {
    XS_MIB_EXACT,          /* GET and SET: the instance named */
    XS_MIB_NEXT,           /* GETNEXT: the first instance after it */
    XS_MIB_NEXT_INCLUSIVE, /* GETNEXT retried from a subtree's start
                            * (net-snmp's "inclusive"): at or after */
} xsMibMode;

typedef enum {
    XS_MIB_FOUND,       /* @hit names an instance */
    XS_MIB_NO_OBJECT,   /* exact: not under a column of the table */
    XS_MIB_NO_INSTANCE, /* exact: a column, but no such row */
    XS_MIB_END,         /* next: nothing after the request in the table */
} xsMibResult;

/* The rows one table serves, in index order: for the domain table every
 * domain of the snapshot, for the others the domains that have rows of
 * the table's kind (so that the next row is never more than one step
 * away). */
typedef struct _xsMibIndex xsMibIndex;

typedef struct _xsMibHit xsMibHit;

/* Whether the instance @hit names exists (a device counter the
 * hypervisor does not keep has none); instances it refuses are skipped
 * by GETNEXT and answer noSuchInstance to GET. */
typedef bool (*xsMibPresentFunc)(const xsMibHit *hit);

struct _xsMibIndex {
    xsMibTable table;
    unsigned int minColumn; /* accessible columns */
    unsigned int maxColumn;
    const xsDomainRow **doms; /* borrowed rows of one snapshot */
    size_t ndoms;
    /* NULL: every instance of every row exists.  Set by the caller after
     * xsMibIndexInit, which keeps it. */
    xsMibPresentFunc present;
};

struct _xsMibHit {
    unsigned int column;
    const xsDomainRow *dom;
    const xsVcpuRow *vcpu; /* vcpu table only */
    const xsDevRow *dev;   /* interface and block device tables only */
};

/**
 * xsMibIndexInit:
 * @idx: the index to fill
 * @table: which table
 * @minColumn, @maxColumn: its accessible columns
 * @snap: the snapshot (may be NULL: no rows); must outlive the index's use
 *
 * Builds the row list of @table over @snap, replacing what @idx held
 * (zero-initialise it the first time).  O(rows).  Returns 0, or -1 when
 * memory ran out (then @idx is left as it was).
 */
int xsMibIndexInit(xsMibIndex *idx, xsMibTable table, unsigned int minColumn,
                   unsigned int maxColumn, const xsSnapshot *snap);

/* Frees what xsMibIndexInit allocated and empties @idx. */
void xsMibIndexClear(xsMibIndex *idx);

/**
 * xsMibIndexLocate:
 * @idx: the table's rows
 * @suffix, @len: the request OID after the table's OID; for a GETNEXT
 *   whose OID sorts before the table, pass an empty suffix
 * @mode: exact, next or next-inclusive
 * @hit: receives the instance when the result is XS_MIB_FOUND
 *
 * O(log rows + name length).  Every sub-identifier (0 .. 2^32-1) and every
 * length is valid input.  Returns what the request names or leads to.
 */
xsMibResult xsMibIndexLocate(const xsMibIndex *idx, const xsOid *suffix,
                             size_t len, xsMibMode mode, xsMibHit *hit);

/**
 * xsMibIndexSuffix:
 * @idx: the table @hit came from
 * @hit: an instance found by xsMibIndexLocate
 * @out: receives its OID after the table's OID (XS_MIB_SUFFIX_MAX room)
 *
 * Returns the number of sub-identifiers written.
 */
size_t xsMibIndexSuffix(const xsMibIndex *idx, const xsMibHit *hit, xsOid *out);

#endif /* XENSNMP_MIBINDEX_H */
