/*
 * xenstubs.h: a Xen connection for the fuzz targets, on a host without
 * Xen.  xenstubs.c defines the few libxenctrl and libxenstore entry points
 * that a libxenlight context and a xenstore read need; being in the
 * executable, they take the place of the shared libraries' own for every
 * caller, libxenlight included.  Nothing else of Xen may be called.
 */

#ifndef XENSNMP_FUZZ_XENSTUBS_H
#define XENSNMP_FUZZ_XENSTUBS_H

#include <stddef.h>

#include "xen/xen_priv.h"

/* A connection's private data with a working libxenlight context (for
 * its JSON parser) and a xenstore that answers every read with the value
 * last set.  Made once; aborts when it cannot be. */
xenPriv *xenStubPriv(void);

/* The value of every xenstore node from now on: @len bytes of @value. */
void xenStubSetValue(const void *value, size_t len);

/* Reads served since the process started. */
unsigned long xenStubReads(void);

#endif /* XENSNMP_FUZZ_XENSTUBS_H */
