/*
 * iostats.h: the records of virConnectGetAllDomainIOStats()
 * (libvir_stats.h), built by the drivers and freed here.
 *
 * A record is one allocation: the public struct, its disks, its
 * interfaces and their names, so that a host of thousands of domains
 * costs one allocation per domain and virDomainIOStatsRecordListFree()
 * needs to know nothing of the driver that built it.
 */

#ifndef LIBVIR_IOSTATS_H
#define LIBVIR_IOSTATS_H

#include <stddef.h>

#include "libvir.h"
#include "libvir_stats.h"

/* A new record for @dom, whose reference (the caller's) it takes over
 * even when it fails, with @id, @ndisks disks and @nifaces interfaces,
 * each unnamed and every counter -1, and room for @namebytes bytes of
 * names, each name's NUL included.  NULL with the error reported. */
virDomainIOStatsRecordPtr virIOStatsRecordNew(virDomainPtr dom, int id,
                                              size_t ndisks, size_t nifaces,
                                              size_t namebytes);

/* Copies @name into the room of @rec and returns the copy, or NULL when
 * the room left is too small (a bug of the caller's sizing). */
const char *virIOStatsRecordName(virDomainIOStatsRecordPtr rec,
                                 const char *name);

/* Frees each record of the NULL-terminated @records (releasing its
 * domain reference), then the array.  NULL is a no-op. */
void virIOStatsListFree(virDomainIOStatsRecordPtr *records);

#endif /* LIBVIR_IOSTATS_H */
