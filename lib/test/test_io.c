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

void
testIOCounters(const testIOProfile *p, bool loadedRun, unsigned long long runNs,
               unsigned long long out[TEST_IO_NCOUNTERS])
{
    unsigned long long secs = runNs / NS_PER_SEC;
    unsigned long long frac = runNs % NS_PER_SEC;
    size_t i;

    for (i = 0; i < TEST_IO_NCOUNTERS; i++) {
        if (p == NULL) {
            out[i] = 0;
            continue;
        }
        /* rate <= 10^10, frac < 10^9: no overflow in either product
         * within the run times the caps of test_io.h allow for. */
        out[i] = p->rate[i] * secs + p->rate[i] * frac / NS_PER_SEC;
        if (loadedRun)
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
