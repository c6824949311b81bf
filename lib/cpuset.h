/*
 * cpuset.h: cpuset strings ("0-3,^2,8") and the cpu maps they stand for.
 *
 * A map is in the reference's byte order: bit N of byte N / 8 is cpu N.
 */

#ifndef LIBVIR_CPUSET_H
#define LIBVIR_CPUSET_H

#include <stdbool.h>
#include <stddef.h>

/* Highest cpu number + 1 that a cpuset may name: far above what Xen
 * supports, low enough that no definition can make a driver allocate
 * unbounded memory. */
#define VIR_CPUSET_MAX_CPUS 4096

/* Comma-separated cpus "N", ranges "N-M" and exclusions "^N" or "^N-M"
 * (which apply to the whole set, wherever they are written); blanks
 * around items are allowed.  Makes a new map (caller frees) sized for the
 * highest cpu selected, and refuses an empty set and cpus >=
 * VIR_CPUSET_MAX_CPUS (VIR_ERR_XML_ERROR, "cpuset '0-9999': cpu 9999 is
 * above the limit of 4095"). */
int virCpuSetParse(const char *str, unsigned char **map, size_t *maplen);

/* As virCpuSetParse() without reporting, so that the caller can say
 * where the cpuset was: on error writes the reason into @why ("range 3-1
 * is reversed") and returns -1, or -2 when out of memory. */
int virCpuSetParseQuiet(const char *str, unsigned char **map, size_t *maplen,
                        char *why, size_t whylen);

/* The canonical form ("0-1,3,8"; "" for an empty map), a new string. */
char *virCpuSetFormat(const unsigned char *map, size_t maplen);

/* Equal when the same cpus are set; trailing zero bytes do not count. */
bool virCpuMapEqual(const unsigned char *a, size_t alen, const unsigned char *b,
                    size_t blen);

#endif /* LIBVIR_CPUSET_H */
