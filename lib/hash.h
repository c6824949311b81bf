/*
 * hash.h: a small hash table for the drivers' indexes (name, UUID, id).
 *
 * Keys are borrowed, not copied: a key must stay valid and unchanged while
 * its entry is in the table (point it into the value it indexes).  The
 * table never frees values.
 */

#ifndef LIBVIR_HASH_H
#define LIBVIR_HASH_H

#include <stddef.h>

typedef struct _virHashTable virHashTable;

/* @keylen: 0 for NUL-terminated string keys, else the key size in bytes.
 * NULL on OOM (error reported). */
virHashTable *virHashNew(size_t keylen);
void virHashFree(virHashTable *table);

/* -1 on OOM (error reported); 1 if @key is already present (nothing
 * added); 0 when added. */
int virHashAdd(virHashTable *table, const void *key, void *value);

void *virHashLookup(const virHashTable *table, const void *key);

/* Removes @key and returns its value, or NULL if absent. */
void *virHashSteal(virHashTable *table, const void *key);

size_t virHashSize(const virHashTable *table);

#endif /* LIBVIR_HASH_H */
