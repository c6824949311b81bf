/*
 * fuzz_mibindex.c: libFuzzer target for the tables' request locator
 * (agent/mibindex.c), over the fixture of tests/mibindexfixture.h.
 *
 * Input: one byte choosing the table (bits 0-1: domain, vcpu, vif -
 * empty in the fixture - and vbd, with instances that do not exist) and
 * the mode (the rest, modulo 3: exact, next, next-inclusive), then the
 * request OID: a byte
 * below 0xF0 is a sub-identifier; 0xF0 and above starts a 4-byte
 * big-endian one, so that every value up to 2^32-1 is reachable.
 *
 * Properties: the locator never crashes, a GETNEXT answer is greater than
 * the request (or equal, inclusive) and no instance lies between the two,
 * and an exact answer is the request itself: the answer is always the
 * one a scan of every instance gives.
 */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "../mibindexfixture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQ_MAX 128 /* MAX_OID_LEN: no request is longer */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static xsMibIndex idx[4];
    static mibFixtureOid *all[4];
    static size_t nall[4];
    xsOid req[REQ_MAX], got[XS_MIB_SUFFIX_MAX];
    size_t len = 0, gotlen, i = 1;
    const mibFixtureOid *expect;
    xsMibTable table;
    xsMibMode mode;
    xsMibHit hit;
    xsMibResult r;

    if (size == 0)
        return 0;
    table = (xsMibTable)(data[0] & 3);
    mode = (xsMibMode)((data[0] >> 2) % 3);
    if (all[table] == NULL &&
        (mibFixtureIndex(&idx[table], table, mibFixtureSnapshot()) < 0 ||
         (all[table] = mibFixtureInstances(&idx[table], mibFixtureSnapshot(),
                                           &nall[table])) == NULL))
        abort();
    while (i < size && len < REQ_MAX) {
        if (data[i] < 0xF0) {
            req[len++] = data[i++];
        } else if (i + 4 < size) {
            req[len++] = (xsOid)data[i + 1] << 24 | (xsOid)data[i + 2] << 16 |
                         (xsOid)data[i + 3] << 8 | data[i + 4];
            i += 5;
        } else {
            break;
        }
    }

    r = xsMibIndexLocate(&idx[table], req, len, mode, &hit);
    expect = mibFixtureExpected(all[table], nall[table], req, len, mode);
    if ((r == XS_MIB_FOUND) != (expect != NULL))
        abort();
    if (r != XS_MIB_FOUND)
        return 0;
    gotlen = xsMibIndexSuffix(&idx[table], &hit, got);
    if (mibFixtureOidCompare(got, gotlen, expect->oid, expect->len) != 0)
        abort();
    return 0;
}
