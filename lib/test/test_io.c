/*
 * test_io.c: the simulated I/O of the test driver's guests (see
 * test_io.h).
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "test_io.h"

#define NS_PER_SEC 1000000000ULL

static const char *const testIODiskNames[] = {"rd_req",   "rd_bytes", "wr_req",
                                              "wr_bytes", "oo_req",   "f_req",
                                              "ds_req",   NULL};

static const char *const testIONetNames[] = {
    "rx_bytes",   "rx_packets", "rx_errs", "rx_drop", "tx_bytes",
    "tx_packets", "tx_errs",    "tx_drop", NULL};

const testIOPair testIOPairs[] = {
    /* A block request moves whole 512-byte sectors. */
    {TEST_IO_DISK, TEST_IO_RD_REQ, TEST_IO_RD_BYTES, 512},
    {TEST_IO_DISK, TEST_IO_WR_REQ, TEST_IO_WR_BYTES, 512},
    {TEST_IO_NET, TEST_IO_RX_PACKETS, TEST_IO_RX_BYTES, 1},
    {TEST_IO_NET, TEST_IO_TX_PACKETS, TEST_IO_TX_BYTES, 1},
};

const size_t testIONPairs = sizeof(testIOPairs) / sizeof(testIOPairs[0]);

const char *const *
testIOCounterNames(testIOKind kind)
{
    return kind == TEST_IO_DISK ? testIODiskNames : testIONetNames;
}

const testIOProfile *
testIOProfileFind(const testIOProfile *profiles, size_t n, testIOKind kind,
                  const char *key)
{
    size_t i;

    /* A domain has a handful of devices: a scan beats a hash. */
    for (i = 0; i < n; i++) {
        if (profiles[i].kind == kind && strcmp(profiles[i].key, key) == 0)
            return &profiles[i];
    }
    return NULL;
}

/* floor(@n * @num / @den) for @num, @den <= TEST_IO_MAX_RATE, without
 * overflowing where @n * @num would. */
static unsigned long long
testIOScale(unsigned long long n, unsigned long long num,
            unsigned long long den)
{
    unsigned long long whole = n / den;
    unsigned long long part = n % den;

    /* part * num may pass 2^64; its quotient by den is below 10^10, which
     * a long double holds exactly. */
    return whole * num +
           (unsigned long long)((long double)part * (long double)num /
                                (long double)den);
}

void
testIOCounters(const testIOProfile *p, bool loadedRun, unsigned long long runNs,
               unsigned long long out[TEST_IO_NCOUNTERS])
{
    size_t i;

    memset(out, 0, TEST_IO_NCOUNTERS * sizeof(out[0]));
    if (p == NULL)
        return;
    /* rate <= 10^10: no overflow within the run times the caps of
     * test_io.h allow for. */
    for (i = 0; i < TEST_IO_NCOUNTERS; i++)
        out[i] = testIOScale(runNs, p->rate[i], NS_PER_SEC);
    /* Bytes move with whole requests and packets, so that no reading
     * shows bytes that no request carried. */
    for (i = 0; i < testIONPairs; i++) {
        const testIOPair *pair = &testIOPairs[i];

        if (pair->kind == p->kind && p->rate[pair->count] > 0)
            out[pair->bytes] = testIOScale(
                out[pair->count], p->rate[pair->bytes], p->rate[pair->count]);
    }
    if (loadedRun) {
        for (i = 0; i < TEST_IO_NCOUNTERS; i++)
            out[i] += p->start[i];
    }
}

void
testIOProfilesFree(testIOProfile *profiles, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(profiles[i].key);
    free(profiles);
}
