/*
 * fuzz_cpumap.c: libFuzzer target for the cpumap bytes of
 * virDomainPinVcpu, the bytes a SET on xenVcpuAffinity hands over.
 *
 * Input: byte 0 picks the vcpu, byte 1 the cpumap length given to
 * virDomainGetVcpus and the Xen host's cpu count, the rest is the map.
 *
 * Properties:
 * - the test driver (through the public API, on test:///default) accepts
 *   exactly the maps that name at least one cpu and only cpus the host
 *   has, in no more bytes than cover them; an accepted map is what
 *   virDomainGetVcpus then reports for that vcpu, at any map length;
 * - with the Xen driver built, its conversion (lib/xen/xen_state.c)
 *   accepts the same maps for a host of as many cpus, for any host size
 *   follows the same rule, and converts an accepted map back unchanged.
 */

#include <config.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libvir.h"
#ifdef WITH_XEN
#include "xen/xen_state.h"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Longest map tried: 32 bytes cover 256 cpus, more than any host here. */
#define FUZZ_MAP_MAX 64

static virConnectPtr fuzzConn;
static virDomainPtr fuzzDom;
static virNodeInfo fuzzNode;
static virDomainInfo fuzzDomInfo;

/* The rule both drivers keep: 1 to (ncpus + 7) / 8 bytes, at least one
 * cpu, none beyond the host's. */
static bool
fuzzMapValid(const unsigned char *map, size_t len, unsigned int ncpus)
{
    bool any = false;
    size_t cpu;

    if (len < 1 || len > (ncpus + 7) / 8)
        return false;
    for (cpu = 0; cpu < len * 8; cpu++) {
        if (!VIR_CPU_USABLE(map, len, 0, cpu))
            continue;
        if (cpu >= ncpus)
            return false;
        any = true;
    }
    return any;
}

static void
fuzzOpen(void)
{
    if ((fuzzConn = virConnectOpen("test:///default")) == NULL ||
        virNodeGetInfo(fuzzConn, &fuzzNode) < 0 ||
        (fuzzDom = virDomainLookupByName(fuzzConn, "db01")) == NULL ||
        virDomainGetInfo(fuzzDom, &fuzzDomInfo) < 0)
        abort();
}

/* What virDomainGetVcpus reports for @vcpu in maps of @maplen bytes is
 * @map (of @len bytes) cut to that length. */
static void
fuzzCheckReported(unsigned int vcpu, const unsigned char *map, size_t len,
                  int maplen)
{
    virVcpuInfo *info = NULL;
    unsigned char *maps = NULL;
    unsigned char *got;
    int n = (int)fuzzDomInfo.nrVirtCpu;
    int cpu;

    if ((info = calloc((size_t)n, sizeof(*info))) == NULL ||
        (maps = calloc((size_t)n, (size_t)maplen)) == NULL)
        abort();
    if (virDomainGetVcpus(fuzzDom, info, n, maps, maplen) != n)
        abort();
    got = VIR_GET_CPUMAP(maps, maplen, vcpu);
    for (cpu = 0; cpu < maplen * 8; cpu++) {
        bool want = (size_t)cpu < len * 8 && VIR_CPU_USABLE(map, len, 0, cpu);

        if (want != (bool)VIR_CPU_USABLE(got, maplen, 0, cpu))
            abort();
    }
    free(maps);
    free(info);
}

#ifdef WITH_XEN
/* xenCpumapFromVir on a host of @ncpus follows the rule and round-trips. */
static bool
fuzzXenConverts(const unsigned char *map, size_t len, unsigned int ncpus)
{
    unsigned char xenmap[FUZZ_MAP_MAX];
    unsigned char back[FUZZ_MAP_MAX];
    size_t xenlen = (ncpus + 7) / 8;
    bool ok = xenCpumapFromVir(map, (int)len, ncpus, xenmap, xenlen) == 0;

    if (ok != fuzzMapValid(map, len, ncpus))
        abort();
    if (ok) {
        xenCpumapToVir(xenmap, xenlen, back, (int)len);
        if (memcmp(back, map, len) != 0)
            abort();
    }
    virResetLastError();
    return ok;
}
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char map[FUZZ_MAP_MAX];
    unsigned int vcpu;
    int maplen;
    size_t len;
    bool ok;

    if (fuzzConn == NULL)
        fuzzOpen();
    if (size < 3 || size - 2 > FUZZ_MAP_MAX)
        return 0;
    vcpu = data[0] % fuzzDomInfo.nrVirtCpu;
    maplen = 1 + data[1] % FUZZ_MAP_MAX;
    len = size - 2;
    memcpy(map, data + 2, len);

    ok = virDomainPinVcpu(fuzzDom, vcpu, map, (int)len) == 0;
    if (ok != fuzzMapValid(map, len, fuzzNode.cpus))
        abort();
    virResetLastError();
    if (ok)
        fuzzCheckReported(vcpu, map, len, maplen);
#ifdef WITH_XEN
    if (fuzzXenConverts(map, len, fuzzNode.cpus) != ok)
        abort();
    fuzzXenConverts(map, len, 1 + data[1]);
#endif
    return 0;
}
