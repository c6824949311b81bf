/*
 * xen_state.c: state mapping and cpumap conversion for the Xen driver.
 */

#include <config.h>

#include <string.h>

#include <xenctrl.h>

#include "xen_state.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

virDomainState
xenStateFromFlags(uint32_t flags, bool shutdownRequested)
{
    unsigned int reason;

    if (flags & XEN_DOMINF_dying)
        return VIR_DOMAIN_SHUTDOWN;
    if (flags & XEN_DOMINF_shutdown) {
        reason = (flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
        if (reason == XEN_STATE_REASON_CRASH ||
            reason == XEN_STATE_REASON_WATCHDOG)
            return VIR_DOMAIN_CRASHED;
        return VIR_DOMAIN_SHUTOFF;
    }
    if (flags & XEN_DOMINF_paused)
        return VIR_DOMAIN_PAUSED;
    if (shutdownRequested)
        return VIR_DOMAIN_SHUTDOWN;
    if (flags & XEN_DOMINF_running)
        return VIR_DOMAIN_RUNNING;
    if (flags & XEN_DOMINF_blocked)
        return VIR_DOMAIN_BLOCKED;
    /* Runnable but waiting for a physical cpu: xl shows "-", libvirt
     * calls it running. */
    return VIR_DOMAIN_RUNNING;
}

virVcpuState
xenVcpuStateFromInfo(bool online, bool blocked, bool running)
{
    if (!online)
        return VIR_VCPU_OFFLINE;
    if (blocked && !running)
        return VIR_VCPU_BLOCKED;
    return VIR_VCPU_RUNNING;
}

int
xenCpumapFromVir(const unsigned char *cpumap, int maplen, unsigned int nrCpus,
                 unsigned char *xenmap, size_t xenlen)
{
    unsigned int hostlen = (nrCpus + 7) / 8;
    unsigned int cpu;
    bool any = false;

    if (maplen < 1 || (unsigned int)maplen > hostlen) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "cpumap of %d bytes is longer than the %u bytes that "
                       "cover the host's %u cpus",
                       maplen, hostlen, nrCpus);
        return -1;
    }
    if (xenlen < hostlen) {
        virReportError(VIR_ERR_INTERNAL_ERROR,
                       "Xen cpumap of %zu bytes cannot hold %u cpus", xenlen,
                       nrCpus);
        return -1;
    }
    memset(xenmap, 0, xenlen);
    for (cpu = 0; cpu < (unsigned int)maplen * 8; cpu++) {
        if (!((cpumap[cpu / 8] >> (cpu % 8)) & 1))
            continue;
        if (cpu >= nrCpus) {
            virReportError(VIR_ERR_INVALID_ARG,
                           "cpumap names cpu %u but the host has %u cpus", cpu,
                           nrCpus);
            return -1;
        }
        xenmap[cpu / 8] |= (unsigned char)(1u << (cpu % 8));
        any = true;
    }
    if (!any) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "cpumap has no usable cpu");
        return -1;
    }
    return 0;
}

void
xenCpumapToVir(const unsigned char *xenmap, size_t xenlen,
               unsigned char *cpumap, int maplen)
{
    size_t n = xenlen < (size_t)maplen ? xenlen : (size_t)maplen;

    memset(cpumap, 0, (size_t)maplen);
    memcpy(cpumap, xenmap, n);
}

unsigned long
xenPagesToKiB(uint64_t pages)
{
    return (unsigned long)(pages * (XC_PAGE_SIZE / 1024));
}
