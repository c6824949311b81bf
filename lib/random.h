/*
 * random.h: random bytes for generated UUIDs and MAC addresses.
 */

#ifndef LIBVIR_RANDOM_H
#define LIBVIR_RANDOM_H

#include <stddef.h>

/* Fills @buf with @len bytes from /dev/urandom.  -1 with
 * VIR_ERR_SYSTEM_ERROR reported when it cannot be read. */
int virRandomBytes(unsigned char *buf, size_t len);

#endif /* LIBVIR_RANDOM_H */
