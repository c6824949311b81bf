/*
 * xenDomainControl.h: what a SET of a xenDomainTable column does to the
 * domain, phase by phase (the SNMP glue is in xenDomainTable.c).
 *
 * A multi-varbind SET is all or nothing:
 *   RESERVE2  xenDomainControlCheck refuses what the domain cannot take;
 *   ACTION    xenDomainControlAction makes the reversible changes
 *             (suspend, resume, memory, vcpus) and remembers how to undo
 *             them;
 *   UNDO      xenDomainControlUndo puts them back when a later varbind
 *             failed (the SET answers commitFailed);
 *   COMMIT    xenDomainControlCommit hands the irreversible, possibly
 *             slow ones (start, shutdown, reboot, destroy) to the
 *             background worker: they run only once nothing can fail
 *             any more, and report through xenDomLastAction* and
 *             xenControlFailed.
 */

#ifndef XENSNMP_XENDOMAINCONTROL_H
#define XENSNMP_XENDOMAINCONTROL_H

#include <stddef.h>

#include "libvir.h"
#include "snapshot.h"

typedef struct _xenDomainControlSet xenDomainControlSet;

/* RESERVE1: a copy of what the later phases need, since a new snapshot
 * may be swapped in between them.  NULL when out of memory. */
xenDomainControlSet *xenDomainControlNew(const xsDomainRow *dom,
                                         unsigned int col, long value);
void xenDomainControlFree(void *set);

/* RESERVE2: reads the domain's current state through the control
 * connection and returns an SNMP_ERR_* value. */
int xenDomainControlCheck(xenDomainControlSet *set);

/* ACTION: 0, or -1 when the hypervisor refused (recorded and logged). */
int xenDomainControlAction(xenDomainControlSet *set);

/* UNDO: reverts what xenDomainControlAction changed, if anything. */
void xenDomainControlUndo(xenDomainControlSet *set);

/* COMMIT: queues a deferred action. */
void xenDomainControlCommit(const xenDomainControlSet *set);

/* Whether a background action on domain @name is queued or running: a
 * SET on such a domain answers inconsistentValue. */
bool xenDomainControlBusy(const char *name);

/**
 * xenDomainControlWith:
 * @name: the domain
 * @fn: the libvir call(s) to make on it; returns 0 or -1 as libvir does
 * @opaque: passed to @fn
 * @err, @errlen: receive libvir's message on failure
 *
 * Looks @name up on the main thread's read-write connection and runs @fn
 * on it, counting the library calls in the agent's statistics.  Returns 0
 * or -1.  xenVcpuTable.c pins through it.
 */
typedef int (*xenDomainControlFn)(virDomainPtr d, const void *opaque);
int xenDomainControlWith(const char *name, xenDomainControlFn fn,
                         const void *opaque, char *err, size_t errlen);

void xenDomainControlInit(void);
void xenDomainControlShutdown(void);

#endif /* XENSNMP_XENDOMAINCONTROL_H */
