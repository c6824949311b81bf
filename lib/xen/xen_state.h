/*
 * xen_state.h: pure conversions between Xen's view of a domain and the
 * reference's (states, cpumaps).  No hypervisor call here, so that the
 * unit tests run on any host.
 */

#ifndef LIBVIR_XEN_STATE_H
#define LIBVIR_XEN_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "libvir.h"

/* Xen's shutdown reasons (xen/sched.h SHUTDOWN_*), as carried in the
 * domain flags above XEN_DOMINF_shutdownshift. */
#define XEN_STATE_REASON_CRASH 3
#define XEN_STATE_REASON_WATCHDOG 4

/* Maps the XEN_DOMINF_* @flags of xc_domain_getinfolist to a
 * virDomainState.  @shutdownRequested: this connection asked the guest to
 * shut down and it has not finished yet (Xen keeps no flag for that).
 *   dying                     -> SHUTDOWN (being torn down)
 *   shut down, crash/watchdog -> CRASHED
 *   shut down, other reason   -> SHUTOFF (stopped, not yet destroyed)
 *   paused                    -> PAUSED
 *   shutdown requested        -> SHUTDOWN
 *   running on a cpu          -> RUNNING
 *   blocked                   -> BLOCKED
 *   none of these (runnable, waiting for a cpu) -> RUNNING */
virDomainState xenStateFromFlags(uint32_t flags, bool shutdownRequested);

/* The vcpu state from xc_vcpu_getinfo's online/blocked/running bits. */
virVcpuState xenVcpuStateFromInfo(bool online, bool blocked, bool running);

/* Converts a reference cpumap (@maplen bytes, bit N = cpu N) into Xen's
 * cpumap of @xenlen bytes (same bit order) for a host with @nrCpus cpus.
 * Refuses (VIR_ERR_INVALID_ARG, with the reason) a map longer than the
 * host's, one naming a cpu the host does not have, and an empty one. */
int xenCpumapFromVir(const unsigned char *cpumap, int maplen,
                     unsigned int nrCpus, unsigned char *xenmap, size_t xenlen);

/* Converts Xen's cpumap of @xenlen bytes into a reference one of @maplen
 * bytes: cpus beyond @maplen * 8 are dropped, missing bytes are zero. */
void xenCpumapToVir(const unsigned char *xenmap, size_t xenlen,
                    unsigned char *cpumap, int maplen);

/* Memory: Xen counts 4 KiB pages (x86), the reference KiB. */
unsigned long xenPagesToKiB(uint64_t pages);

#endif /* LIBVIR_XEN_STATE_H */
