/*
 * hash.c: open-addressing hash table with linear probing.
 *
 * Deletion uses backward-shift, so there are no tombstones and lookups
 * stay short however many domains come and go.  The table doubles when
 * three quarters full.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_NONE

typedef struct _virHashEntry virHashEntry;

struct _virHashEntry {
    const void *key; /* NULL: empty slot */
    void *value;
    uint64_t hash;
};

struct _virHashTable {
    size_t keylen;
    size_t size;   /* entries in use */
    size_t nslots; /* power of two */
    virHashEntry *slots;
};

/* FNV-1a, 64 bit: short keys, no adversary (names come from the host). */
static uint64_t
virHashCompute(const virHashTable *table, const void *key)
{
    const unsigned char *p = key;
    uint64_t h = 14695981039346656037ULL;
    size_t i;

    if (table->keylen == 0) {
        for (; *p != '\0'; p++) {
            h ^= *p;
            h *= 1099511628211ULL;
        }
    } else {
        for (i = 0; i < table->keylen; i++) {
            h ^= p[i];
            h *= 1099511628211ULL;
        }
    }
    return h;
}

static int
virHashKeyEqual(const virHashTable *table, const void *a, const void *b)
{
    if (table->keylen == 0)
        return strcmp(a, b) == 0;
    return memcmp(a, b, table->keylen) == 0;
}

virHashTable *
virHashNew(size_t keylen)
{
    virHashTable *table = calloc(1, sizeof(*table));

    if (table == NULL)
        goto error;
    table->keylen = keylen;
    table->nslots = 16;
    table->slots = calloc(table->nslots, sizeof(*table->slots));
    if (table->slots == NULL)
        goto error;
    return table;

error:
    free(table);
    virReportOOMError();
    return NULL;
}

void
virHashFree(virHashTable *table)
{
    if (table == NULL)
        return;
    free(table->slots);
    free(table);
}

/* Index of @key's slot, or of the empty slot where it would go. */
static size_t
virHashFind(const virHashTable *table, const void *key, uint64_t hash)
{
    size_t mask = table->nslots - 1;
    size_t i = (size_t)hash & mask;

    while (table->slots[i].key != NULL) {
        if (table->slots[i].hash == hash &&
            virHashKeyEqual(table, table->slots[i].key, key))
            break;
        i = (i + 1) & mask;
    }
    return i;
}

static int
virHashGrow(virHashTable *table)
{
    virHashEntry *old = table->slots;
    size_t oldn = table->nslots;
    virHashEntry *slots;
    size_t i;

    slots = calloc(oldn * 2, sizeof(*slots));
    if (slots == NULL) {
        virReportOOMError();
        return -1;
    }
    table->slots = slots;
    table->nslots = oldn * 2;
    for (i = 0; i < oldn; i++) {
        if (old[i].key != NULL)
            table->slots[virHashFind(table, old[i].key, old[i].hash)] = old[i];
    }
    free(old);
    return 0;
}

int
virHashAdd(virHashTable *table, const void *key, void *value)
{
    uint64_t hash;
    size_t i;

    if ((table->size + 1) * 4 > table->nslots * 3 && virHashGrow(table) < 0)
        return -1;
    hash = virHashCompute(table, key);
    i = virHashFind(table, key, hash);
    if (table->slots[i].key != NULL)
        return 1;
    table->slots[i].key = key;
    table->slots[i].value = value;
    table->slots[i].hash = hash;
    table->size++;
    return 0;
}

void *
virHashLookup(const virHashTable *table, const void *key)
{
    size_t i = virHashFind(table, key, virHashCompute(table, key));

    return table->slots[i].key != NULL ? table->slots[i].value : NULL;
}

void *
virHashSteal(virHashTable *table, const void *key)
{
    size_t mask = table->nslots - 1;
    size_t i = virHashFind(table, key, virHashCompute(table, key));
    size_t j;
    void *value;

    if (table->slots[i].key == NULL)
        return NULL;
    value = table->slots[i].value;
    table->size--;

    /* Backward-shift: move later entries of the probe run into the hole
     * when their home slot is not between the hole and themselves. */
    j = i;
    for (;;) {
        size_t home;

        table->slots[i].key = NULL;
        do {
            j = (j + 1) & mask;
            if (table->slots[j].key == NULL)
                return value;
            home = (size_t)table->slots[j].hash & mask;
        } while (i <= j ? (i < home && home <= j) : (i < home || home <= j));
        table->slots[i] = table->slots[j];
        i = j;
    }
}

size_t
virHashSize(const virHashTable *table)
{
    return table->size;
}
