/*
 * libvir_events.h: what libvir offers beyond the reference API to a
 * long-running caller (xensnmpd) that keeps a view of the host.
 *
 * Not part of the reference: a program written against the reference
 * never needs this header, and libvir.h stays exactly the reference.
 */

#ifndef LIBVIR_EVENTS_H
#define LIBVIR_EVENTS_H

#include "libvir.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * virConnectGetEventFd:
 * @conn: pointer to the hypervisor connection
 *
 * A file descriptor that becomes readable when the domains of @conn may
 * have changed behind the caller's back (another toolstack created,
 * destroyed or shut one down).  The caller only polls it, never reads
 * it: the next virConnectListDomains() on @conn consumes what is
 * pending.  It belongs to @conn and may change after any call on it (a
 * reconnection), so ask again before each wait.
 *
 * Returns the descriptor, or -1 with VIR_ERR_NO_SUPPORT when the driver
 * has no such events (the caller then polls at its own pace) or another
 * error when the backend cannot be reached now.
 */
int virConnectGetEventFd(virConnectPtr conn);

#ifdef __cplusplus
}
#endif

#endif /* LIBVIR_EVENTS_H */
