/*
 * hashtest.c: the drivers' hash table (lib/hash.c).
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "hash.h"

#define NKEYS 5000

static int
hash_add_lookup_steal_many_consistent(const void *data)
{
    virHashTable *table = virHashNew(0);
    char(*keys)[16] = calloc(NKEYS, sizeof(*keys));
    int ret = -1;
    size_t i;

    (void)data;
    if (table == NULL || keys == NULL)
        goto cleanup;
    for (i = 0; i < NKEYS; i++) {
        snprintf(keys[i], sizeof(keys[i]), "dom%zu", i);
        if (virHashAdd(table, keys[i], keys[i]) != 0) {
            virTestFail("adding '%s' failed", keys[i]);
            goto cleanup;
        }
    }
    if (virTestExpectInt("size", (long long)virHashSize(table), NKEYS) < 0)
        goto cleanup;
    /* Remove every third key, then check that all others are still found
     * (backward-shift deletion must not break probe chains). */
    for (i = 0; i < NKEYS; i += 3) {
        if (virHashSteal(table, keys[i]) != keys[i]) {
            virTestFail("steal of '%s' did not return its value", keys[i]);
            goto cleanup;
        }
    }
    for (i = 0; i < NKEYS; i++) {
        void *want = (i % 3 == 0) ? NULL : keys[i];

        if (virHashLookup(table, keys[i]) != want) {
            virTestFail("lookup of '%s' wrong after removals", keys[i]);
            goto cleanup;
        }
    }
    if (virTestExpectInt("size after removals", (long long)virHashSize(table),
                         NKEYS - (NKEYS + 2) / 3) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virHashFree(table);
    free(keys);
    return ret;
}

static int
hash_add_duplicate_key_refused(const void *data)
{
    virHashTable *table = virHashNew(0);
    char a[] = "web01";
    char b[] = "web01";
    int ret = -1;

    (void)data;
    if (table == NULL)
        return -1;
    if (virTestExpectInt("first add", virHashAdd(table, a, a), 0) < 0 ||
        virTestExpectInt("second add", virHashAdd(table, b, b), 1) < 0)
        goto cleanup;
    if (virHashLookup(table, "web01") != a) {
        virTestFail("the first value was replaced");
        goto cleanup;
    }
    ret = 0;

cleanup:
    virHashFree(table);
    return ret;
}

static int
hash_binary_keys_compare_all_bytes(const void *data)
{
    virHashTable *table = virHashNew(sizeof(int));
    int ids[64];
    int missing = 1000;
    int ret = -1;
    int i;

    (void)data;
    if (table == NULL)
        return -1;
    for (i = 0; i < 64; i++) {
        ids[i] = i * 256; /* keys differing only in the second byte */
        if (virHashAdd(table, &ids[i], &ids[i]) != 0)
            goto cleanup;
    }
    for (i = 0; i < 64; i++) {
        int key = i * 256;

        if (virHashLookup(table, &key) != &ids[i]) {
            virTestFail("id %d not found", key);
            goto cleanup;
        }
    }
    if (virHashLookup(table, &missing) != NULL) {
        virTestFail("id %d found but never added", missing);
        goto cleanup;
    }
    if (virHashSteal(table, &missing) != NULL) {
        virTestFail("steal of an absent key returned a value");
        goto cleanup;
    }
    ret = 0;

cleanup:
    virHashFree(table);
    return ret;
}

static int
mymain(void)
{
    int ret = 0;

    ret |= virTestRun("hash_add_lookup_steal_many_consistent",
                      hash_add_lookup_steal_many_consistent, NULL);
    ret |= virTestRun("hash_add_duplicate_key_refused",
                      hash_add_duplicate_key_refused, NULL);
    ret |= virTestRun("hash_binary_keys_compare_all_bytes",
                      hash_binary_keys_compare_all_bytes, NULL);
    return ret;
}

VIR_TEST_MAIN(mymain)
