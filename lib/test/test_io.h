/*
 * test_io.h: the simulated I/O of the test driver's guests.
 *
 * A node file may give each disk and network interface of a domain a
 * workload (a profile): the counters it shows when the file is loaded
 * and how fast each grows per second while the domain runs.  A counter
 * is a pure function of the domain's run time, as cpu time is: it does
 * not move while the domain is paused or crashed, and it starts again
 * from 0 when the domain starts again (the counters of the file belong
 * to the run that was going on when it was loaded).  A device without a
 * profile does no I/O.  The format is documented in README.md, "Node
 * files".
 */

#ifndef LIBVIR_TEST_IO_H
#define LIBVIR_TEST_IO_H

#include <stdbool.h>
#include <stddef.h>

/* Most counters of one device (an interface has 8, a disk 7). */
#define TEST_IO_NCOUNTERS 8

/* Highest counter a node file may start from, and highest rate per
 * second: together they keep every counter below 2^63 (the long long of
 * libvirt's structs) for more than 25 years of run time. */
#define TEST_IO_MAX_START 1000000000000000000ULL
#define TEST_IO_MAX_RATE 10000000000ULL

typedef enum { TEST_IO_DISK = 0, TEST_IO_NET = 1 } testIOKind;

/* Disk counters: blkback's names, in virDomainBlockStatsXen's order but
 * with bytes, not sectors (sectors are bytes / 512). */
enum {
    TEST_IO_RD_REQ,
    TEST_IO_RD_BYTES,
    TEST_IO_WR_REQ,
    TEST_IO_WR_BYTES,
    TEST_IO_OO_REQ,
    TEST_IO_F_REQ,
    TEST_IO_DS_REQ
};

/* Interface counters, seen from the guest, in
 * virDomainInterfaceStats's order. */
enum {
    TEST_IO_RX_BYTES,
    TEST_IO_RX_PACKETS,
    TEST_IO_RX_ERRS,
    TEST_IO_RX_DROP,
    TEST_IO_TX_BYTES,
    TEST_IO_TX_PACKETS,
    TEST_IO_TX_ERRS,
    TEST_IO_TX_DROP
};

typedef struct _testIOProfile testIOProfile;

struct _testIOProfile {
    testIOKind kind;
    char *key; /* the disk's target, or the interface's MAC in lower case */
    unsigned long long start[TEST_IO_NCOUNTERS]; /* at load time */
    unsigned long long rate[TEST_IO_NCOUNTERS];  /* per second of run */
};

/* A pair of counters where each request or packet (@count) carries at
 * least @min bytes (@bytes): neither grows without the other, and the
 * bytes grow by whole requests or packets. */
typedef struct _testIOPair testIOPair;

struct _testIOPair {
    testIOKind kind;
    int count;
    int bytes;
    unsigned long long min;
};

extern const testIOPair testIOPairs[];
extern const size_t testIONPairs;

/* The counters of @kind, in index order, NULL-terminated: their names
 * in node files. */
const char *const *testIOCounterNames(testIOKind kind);

/* The profile of the device @key of @kind among @n, or NULL. */
const testIOProfile *testIOProfileFind(const testIOProfile *profiles, size_t n,
                                       testIOKind kind, const char *key);

/* The counters of a device with profile @p (NULL: no I/O) after @runNs
 * of run time; the profile's starting counters count only when
 * @loadedRun (the run the node file described). */
void testIOCounters(const testIOProfile *p, bool loadedRun,
                    unsigned long long runNs,
                    unsigned long long out[TEST_IO_NCOUNTERS]);

void testIOProfilesFree(testIOProfile *profiles, size_t n);

#endif /* LIBVIR_TEST_IO_H */
