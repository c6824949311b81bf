/*
 * xenstatetest.c: Xen's domain flags and cpumaps in the reference's terms
 * (lib/xen/xen_state.c).  Pure conversions: no hypervisor needed.
 */

#include <config.h>

#include <string.h>

#include <xenctrl.h>

#include "testutils.h"
#include "xen/xen_state.h"

#define REASON(r) ((uint32_t)(r) << XEN_DOMINF_shutdownshift)

typedef struct _stateCase stateCase;

struct _stateCase {
    const char *title;
    uint32_t flags;
    bool shutdownRequested;
    virDomainState expected;
};

static const stateCase stateCases[] = {
    {"xenstate_running_on_cpu_is_running", XEN_DOMINF_running, false,
     VIR_DOMAIN_RUNNING},
    {"xenstate_blocked_is_blocked", XEN_DOMINF_blocked, false,
     VIR_DOMAIN_BLOCKED},
    {"xenstate_runnable_waiting_is_running", 0, false, VIR_DOMAIN_RUNNING},
    {"xenstate_paused_is_paused", XEN_DOMINF_paused | XEN_DOMINF_blocked, false,
     VIR_DOMAIN_PAUSED},
    {"xenstate_paused_wins_over_shutdown_request", XEN_DOMINF_paused, true,
     VIR_DOMAIN_PAUSED},
    {"xenstate_shutdown_requested_is_shutdown", XEN_DOMINF_blocked, true,
     VIR_DOMAIN_SHUTDOWN},
    {"xenstate_shut_down_poweroff_is_shutoff", XEN_DOMINF_shutdown | REASON(0),
     false, VIR_DOMAIN_SHUTOFF},
    {"xenstate_shut_down_reboot_is_shutoff", XEN_DOMINF_shutdown | REASON(1),
     true, VIR_DOMAIN_SHUTOFF},
    {"xenstate_shut_down_suspend_is_shutoff", XEN_DOMINF_shutdown | REASON(2),
     false, VIR_DOMAIN_SHUTOFF},
    {"xenstate_crash_is_crashed", XEN_DOMINF_shutdown | REASON(3), false,
     VIR_DOMAIN_CRASHED},
    {"xenstate_watchdog_is_crashed", XEN_DOMINF_shutdown | REASON(4), false,
     VIR_DOMAIN_CRASHED},
    {"xenstate_dying_is_shutdown", XEN_DOMINF_dying | XEN_DOMINF_shutdown,
     false, VIR_DOMAIN_SHUTDOWN},
    {"xenstate_dying_crashed_is_shutdown",
     XEN_DOMINF_dying | XEN_DOMINF_shutdown | REASON(3), false,
     VIR_DOMAIN_SHUTDOWN},
    {"xenstate_hvm_flag_is_ignored", XEN_DOMINF_hvm_guest | XEN_DOMINF_blocked,
     false, VIR_DOMAIN_BLOCKED},
};

static int
testState(const void *data)
{
    const stateCase *c = data;

    return virTestExpectInt("state",
                            xenStateFromFlags(c->flags, c->shutdownRequested),
                            c->expected);
}

static int
testVcpuStates(const void *data)
{
    (void)data;
    if (virTestExpectInt("offline", xenVcpuStateFromInfo(false, true, false),
                         VIR_VCPU_OFFLINE) < 0 ||
        virTestExpectInt("running", xenVcpuStateFromInfo(true, false, true),
                         VIR_VCPU_RUNNING) < 0 ||
        virTestExpectInt("runnable", xenVcpuStateFromInfo(true, false, false),
                         VIR_VCPU_RUNNING) < 0 ||
        virTestExpectInt("blocked", xenVcpuStateFromInfo(true, true, false),
                         VIR_VCPU_BLOCKED) < 0)
        return -1;
    return 0;
}

typedef struct _cpumapCase cpumapCase;

struct _cpumapCase {
    const char *title;
    unsigned char map[4];
    int maplen;
    unsigned int nrCpus;
    unsigned char expected[4]; /* Xen's map, 4 bytes */
    const char *error;         /* NULL: must succeed */
};

static const cpumapCase cpumapCases[] = {
    {"xencpumap_one_byte_on_12_cpus", {0x05}, 1, 12, {0x05, 0, 0, 0}, NULL},
    {"xencpumap_two_bytes_on_12_cpus",
     {0x01, 0x08},
     2,
     12,
     {0x01, 0x08, 0, 0},
     NULL},
    {"xencpumap_last_cpu_of_32", {0, 0, 0, 0x80}, 4, 32, {0, 0, 0, 0x80}, NULL},
    {"xencpumap_cpu_beyond_host_fails",
     {0x00, 0x10},
     2,
     12,
     {0},
     "cpumap names cpu 12 but the host has 12 cpus"},
    {"xencpumap_longer_than_host_fails",
     {0x01, 0, 0},
     3,
     12,
     {0},
     "cpumap of 3 bytes is longer than the 2 bytes"},
    {"xencpumap_empty_fails", {0}, 1, 12, {0}, "cpumap has no usable cpu"},
};

static int
testCpumapFromVir(const void *data)
{
    const cpumapCase *c = data;
    unsigned char xen[4];
    int rc;

    memset(xen, 0xee, sizeof(xen));
    rc = xenCpumapFromVir(c->map, c->maplen, c->nrCpus, xen, sizeof(xen));
    if (c->error != NULL) {
        if (rc == 0)
            return virTestFail("accepted");
        return virTestExpectError(VIR_ERR_INVALID_ARG, c->error);
    }
    if (rc < 0)
        return virTestFail("refused");
    if (memcmp(xen, c->expected, sizeof(xen)) != 0)
        return virTestFail("got %02x %02x %02x %02x", xen[0], xen[1], xen[2],
                           xen[3]);
    return 0;
}

static int
testCpumapToVir(const void *data)
{
    const unsigned char xen[4] = {0x81, 0x02, 0x40, 0x01};
    unsigned char small[2];
    unsigned char large[6];

    (void)data;
    memset(small, 0xee, sizeof(small));
    memset(large, 0xee, sizeof(large));
    /* Shorter: cpus beyond it are dropped; longer: zero-filled. */
    xenCpumapToVir(xen, sizeof(xen), small, sizeof(small));
    xenCpumapToVir(xen, sizeof(xen), large, sizeof(large));
    if (small[0] != 0x81 || small[1] != 0x02)
        return virTestFail("short map %02x %02x", small[0], small[1]);
    if (memcmp(large, "\x81\x02\x40\x01\x00\x00", 6) != 0)
        return virTestFail("long map not zero-filled");
    return virTestExpectInt("pages to KiB", (long long)xenPagesToKiB(32768),
                            131072);
}

static int
mymain(void)
{
    int ret = 0;
    size_t i;

    for (i = 0; i < sizeof(stateCases) / sizeof(stateCases[0]); i++) {
        if (virTestRun(stateCases[i].title, testState, &stateCases[i]) < 0)
            ret = -1;
    }
    if (virTestRun("xenstate_vcpu_states", testVcpuStates, NULL) < 0)
        ret = -1;
    for (i = 0; i < sizeof(cpumapCases) / sizeof(cpumapCases[0]); i++) {
        if (virTestRun(cpumapCases[i].title, testCpumapFromVir,
                       &cpumapCases[i]) < 0)
            ret = -1;
    }
    if (virTestRun("xencpumap_to_reference_cuts_and_fills", testCpumapToVir,
                   NULL) < 0)
        ret = -1;
    return ret;
}

VIR_TEST_MAIN(mymain)
