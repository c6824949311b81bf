/*
 * xenfake.c: a Xen host in memory behind the driver's seam (xenfake.h).
 *
 * It keeps the rules the driver relies on: xc_domain_getinfolist returns
 * the domains at or after @first in id order, at most @max; xenstored
 * fires a watch once when it is set, @introduceDomain when a domain is
 * built and @releaseDomain when one dies; libxl builds a domain paused.
 * A guest stopping (xenFakeStop) only sets its flags: when xenstored's
 * @releaseDomain follows is the test's to say (xenFakeFire).
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xenfake.h"
#include "uuid.h"

xenFakeHost xenFake;

/* xenstore, and the watch events waiting to be read. */
static struct {
    char **paths;
    char **values;
    size_t n;
    char **events;
    size_t nevents;
    int pipe[2];
} xenFakeStore = {.pipe = {-1, -1}};

#define XEN_FAKE_HANDLE(type) ((type *)(void *)&xenFake)

/* ---- the host ---------------------------------------------------------- */

static void
xenFakeStoreFree(void)
{
    size_t i;

    for (i = 0; i < xenFakeStore.n; i++) {
        free(xenFakeStore.paths[i]);
        free(xenFakeStore.values[i]);
    }
    for (i = 0; i < xenFakeStore.nevents; i++)
        free(xenFakeStore.events[i]);
    free(xenFakeStore.paths);
    free(xenFakeStore.values);
    free(xenFakeStore.events);
    if (xenFakeStore.pipe[0] >= 0) {
        close(xenFakeStore.pipe[0]);
        close(xenFakeStore.pipe[1]);
    }
    memset(&xenFakeStore, 0, sizeof(xenFakeStore));
    xenFakeStore.pipe[0] = xenFakeStore.pipe[1] = -1;
}

void
xenFakeFree(void)
{
    free(xenFake.doms);
    memset(&xenFake, 0, sizeof(xenFake));
    xenFakeStoreFree();
}

int
xenFakeReset(void)
{
    xenFakeFree();
    if (pipe2(xenFakeStore.pipe, O_CLOEXEC | O_NONBLOCK) < 0)
        return -1;
    xenFake.nextDomid = 1;
    if (xenFakeAdd(0, "Domain-0", "00000000-0000-0000-0000-000000000000",
                   XEN_DOMINF_running) == NULL)
        return -1;
    return 0;
}

xenFakeDom *
xenFakeFind(uint32_t domid)
{
    size_t i;

    for (i = 0; i < xenFake.ndoms; i++) {
        if (xenFake.doms[i].domid == domid)
            return &xenFake.doms[i];
    }
    return NULL;
}

xenFakeDom *
xenFakeAdd(uint32_t domid, const char *name, const char *uuid, uint32_t flags)
{
    xenFakeDom *grown;
    xenFakeDom *d;
    char path[64];
    size_t at = 0;

    if (xenFakeFind(domid) != NULL)
        return NULL;
    grown = realloc(xenFake.doms, (xenFake.ndoms + 1) * sizeof(*grown));
    if (grown == NULL)
        return NULL;
    xenFake.doms = grown;
    while (at < xenFake.ndoms && xenFake.doms[at].domid < domid)
        at++;
    memmove(&xenFake.doms[at + 1], &xenFake.doms[at],
            (xenFake.ndoms - at) * sizeof(*grown));
    xenFake.ndoms++;
    d = &xenFake.doms[at];
    memset(d, 0, sizeof(*d));
    d->domid = domid;
    if (virUUIDParse(uuid, d->uuid) < 0)
        return NULL;
    d->flags = flags;
    d->pages = 32768; /* 128 MiB */
    d->maxPages = 49152 + 256;
    d->cpuTime = 1000000000ULL * (domid + 1);
    d->online = 2;
    d->maxVcpus = 2;
    if (domid >= xenFake.nextDomid)
        xenFake.nextDomid = domid + 1;
    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    if (name != NULL && xenFakeStoreSet(path, name) < 0)
        return NULL;
    snprintf(path, sizeof(path), "/local/domain/%u/memory/static-max", domid);
    if (domid != 0 && xenFakeStoreSet(path, "196608") < 0)
        return NULL;
    return xenFakeFind(domid);
}

int
xenFakeStoreSet(const char *path, const char *value)
{
    char **paths;
    char **values;
    size_t i;

    for (i = 0; i < xenFakeStore.n; i++) {
        if (strcmp(xenFakeStore.paths[i], path) != 0)
            continue;
        free(xenFakeStore.values[i]);
        if (value != NULL)
            return (xenFakeStore.values[i] = strdup(value)) != NULL ? 0 : -1;
        free(xenFakeStore.paths[i]);
        xenFakeStore.n--;
        xenFakeStore.paths[i] = xenFakeStore.paths[xenFakeStore.n];
        xenFakeStore.values[i] = xenFakeStore.values[xenFakeStore.n];
        return 0;
    }
    if (value == NULL)
        return 0;
    paths = realloc(xenFakeStore.paths, (xenFakeStore.n + 1) * sizeof(char *));
    if (paths == NULL)
        return -1;
    xenFakeStore.paths = paths;
    values =
        realloc(xenFakeStore.values, (xenFakeStore.n + 1) * sizeof(char *));
    if (values == NULL)
        return -1;
    xenFakeStore.values = values;
    if ((paths[xenFakeStore.n] = strdup(path)) == NULL ||
        (values[xenFakeStore.n] = strdup(value)) == NULL) {
        free(paths[xenFakeStore.n]);
        return -1;
    }
    xenFakeStore.n++;
    return 0;
}

void
xenFakeStop(uint32_t domid, unsigned int reason)
{
    xenFakeDom *d = xenFakeFind(domid);

    if (d == NULL)
        return;
    d->flags &= ~(uint32_t)(XEN_DOMINF_running | XEN_DOMINF_blocked);
    d->flags |= XEN_DOMINF_shutdown | (reason << XEN_DOMINF_shutdownshift);
}

int
xenFakeFire(const char *path)
{
    char **grown;

    grown = realloc(xenFakeStore.events,
                    (xenFakeStore.nevents + 1) * sizeof(*grown));
    if (grown == NULL)
        return -1;
    xenFakeStore.events = grown;
    if ((grown[xenFakeStore.nevents] = strdup(path)) == NULL)
        return -1;
    xenFakeStore.nevents++;
    /* One byte per event: the descriptor stays readable while any is
     * waiting. */
    return write(xenFakeStore.pipe[1], "w", 1) == 1 ? 0 : -1;
}

/* Removes domain @domid and its xenstore directory, as its death does. */
static void
xenFakeRemove(uint32_t domid)
{
    xenFakeDom *d = xenFakeFind(domid);
    char prefix[32];
    size_t i = 0;
    int len;

    if (d == NULL)
        return;
    memmove(d, d + 1,
            (size_t)(&xenFake.doms[xenFake.ndoms] - (d + 1)) * sizeof(*d));
    xenFake.ndoms--;
    len = snprintf(prefix, sizeof(prefix), "/local/domain/%u/", domid);
    while (i < xenFakeStore.n) {
        if (strncmp(xenFakeStore.paths[i], prefix, (size_t)len) == 0)
            xenFakeStoreSet(xenFakeStore.paths[i], NULL);
        else
            i++;
    }
    xenFakeFire("@releaseDomain");
}

/* ---- the table ---------------------------------------------------------- */

static const char *
xenFakeHostProblem(void)
{
    return xenFake.hostProblem;
}

static xc_interface *
xenFakeXcOpen(xentoollog_logger *logger)
{
    (void)logger;
    return XEN_FAKE_HANDLE(xc_interface);
}

static int
xenFakeXcClose(xc_interface *xch)
{
    (void)xch;
    return 0;
}

static struct xs_handle *
xenFakeXsOpen(void)
{
    if (xenFake.failXsOpen != 0) {
        errno = xenFake.failXsOpen;
        return NULL;
    }
    return XEN_FAKE_HANDLE(struct xs_handle);
}

static void
xenFakeXsClose(struct xs_handle *xsh)
{
    (void)xsh;
}

static int
xenFakeXlCtxAlloc(libxl_ctx **ctx, xentoollog_logger *logger)
{
    (void)logger;
    *ctx = XEN_FAKE_HANDLE(libxl_ctx);
    return 0;
}

static int
xenFakeXlCtxFree(libxl_ctx *ctx)
{
    (void)ctx;
    return 0;
}

static int
xenFakePhysinfo(xc_interface *xch, xc_physinfo_t *info)
{
    (void)xch;
    memset(info, 0, sizeof(*info));
    info->nr_cpus = 4;
    info->max_cpu_id = 3;
    info->total_pages = 1048576; /* 4 GiB */
    info->free_pages = 524288;
    info->cpu_khz = 2400000;
    info->nr_nodes = 1;
    info->threads_per_core = 1;
    info->cores_per_socket = 4;
    return 0;
}

static int
xenFakeVersion(xc_interface *xch, int cmd, void *arg)
{
    (void)xch;
    if (cmd == XENVER_version)
        return (4 << 16) | 17;
    if (cmd == XENVER_extraversion) {
        snprintf(arg, sizeof(xen_extraversion_t), ".2");
        return 0;
    }
    errno = EINVAL;
    return -1;
}

static int
xenFakeGetinfolist(xc_interface *xch, uint32_t first, unsigned int max,
                   xc_domaininfo_t *info)
{
    const xenFakeDom *d;
    unsigned int got = 0;
    size_t i;

    (void)xch;
    if (xenFake.getinfolistCalls < 8)
        xenFake.getinfolistFirst[xenFake.getinfolistCalls] = first;
    xenFake.getinfolistCalls++;
    if (xenFake.failGetinfolist != 0) {
        errno = xenFake.failGetinfolist;
        return -1;
    }
    for (i = 0; i < xenFake.ndoms && got < max; i++) {
        d = &xenFake.doms[i];
        if (d->domid < first)
            continue;
        memset(&info[got], 0, sizeof(info[got]));
        info[got].domain = (domid_t)d->domid;
        info[got].flags = d->flags;
        info[got].tot_pages = d->pages;
        info[got].max_pages = d->maxPages;
        info[got].cpu_time = d->cpuTime;
        info[got].nr_online_vcpus = d->online;
        info[got].max_vcpu_id = d->maxVcpus - 1;
        memcpy(info[got].handle, d->uuid, sizeof(d->uuid));
        got++;
    }
    return (int)got;
}

static int
xenFakeVcpuGetinfo(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                   xc_vcpuinfo_t *info)
{
    const xenFakeDom *d = xenFakeFind(domid);

    (void)xch;
    if (d == NULL || vcpu >= d->maxVcpus) {
        errno = ESRCH;
        return -1;
    }
    memset(info, 0, sizeof(*info));
    info->online = vcpu < d->online;
    info->running = info->online;
    info->cpu_time = 1000000ULL * (vcpu + 1);
    info->cpu = vcpu % 4;
    return 0;
}

static int
xenFakeVcpuGetaffinity(xc_interface *xch, uint32_t domid, int vcpu,
                       xc_cpumap_t hard, xc_cpumap_t soft, uint32_t flags)
{
    (void)xch, (void)domid, (void)vcpu, (void)soft, (void)flags;
    hard[0] = 0x0f; /* the host's 4 cpus */
    return 0;
}

static bool
xenFakeXsWatch(struct xs_handle *xsh, const char *path, const char *token)
{
    (void)xsh, (void)token;
    /* xenstored fires every watch once when it is set. */
    return xenFakeFire(path) == 0;
}

static int
xenFakeXsFileno(struct xs_handle *xsh)
{
    (void)xsh;
    return xenFakeStore.pipe[0];
}

static char **
xenFakeXsCheckWatch(struct xs_handle *xsh)
{
    char **ev;
    char *path;
    char c;
    size_t len;

    (void)xsh;
    if (xenFakeStore.nevents == 0) {
        errno = EAGAIN;
        return NULL;
    }
    path = xenFakeStore.events[0];
    len = strlen(path) + 1;
    /* libxenstore's layout: the vector and its strings in one block. */
    if ((ev = malloc(2 * sizeof(char *) + len + 1)) == NULL)
        return NULL;
    ev[XS_WATCH_PATH] = (char *)(ev + 2);
    memcpy(ev[XS_WATCH_PATH], path, len);
    ev[XS_WATCH_TOKEN] = ev[XS_WATCH_PATH] + len;
    ev[XS_WATCH_TOKEN][0] = '\0';
    free(path);
    xenFakeStore.nevents--;
    memmove(xenFakeStore.events, xenFakeStore.events + 1,
            xenFakeStore.nevents * sizeof(char *));
    if (read(xenFakeStore.pipe[0], &c, 1) != 1)
        c = 0;
    return ev;
}

static void *
xenFakeXsRead(struct xs_handle *xsh, xs_transaction_t t, const char *path,
              unsigned int *len)
{
    char *val;
    size_t i;

    (void)xsh, (void)t;
    if (xenFake.failRead != 0) {
        errno = xenFake.failRead;
        return NULL;
    }
    for (i = 0; i < xenFakeStore.n; i++) {
        if (strcmp(xenFakeStore.paths[i], path) != 0)
            continue;
        if ((val = strdup(xenFakeStore.values[i])) != NULL && len != NULL)
            *len = (unsigned int)strlen(val);
        return val;
    }
    errno = ENOENT;
    return NULL;
}

static int
xenFakeCreateNew(libxl_ctx *ctx, libxl_domain_config *dc, uint32_t *domid)
{
    char uuid[VIR_UUID_STRING_BUFLEN];
    xenFakeDom *d;

    (void)ctx;
    virUUIDFormat(libxl_uuid_bytearray(&dc->c_info.uuid), uuid);
    *domid = xenFake.nextDomid;
    /* libxl builds the domain paused. */
    if ((d = xenFakeAdd(*domid, dc->c_info.name, uuid, XEN_DOMINF_paused)) ==
        NULL)
        return ERROR_FAIL;
    d->pages = dc->b_info.target_memkb / 4;
    d->maxVcpus = (uint32_t)dc->b_info.max_vcpus;
    xenFake.creates++;
    return xenFakeFire("@introduceDomain") == 0 ? 0 : ERROR_FAIL;
}

static int
xenFakeUnpause(libxl_ctx *ctx, uint32_t domid, const libxl_asyncop_how *ao)
{
    xenFakeDom *d = xenFakeFind(domid);

    (void)ctx, (void)ao;
    if (d == NULL)
        return ERROR_INVAL;
    d->flags = (d->flags & ~(uint32_t)XEN_DOMINF_paused) | XEN_DOMINF_running;
    return 0;
}

static int
xenFakeShutdown(libxl_ctx *ctx, uint32_t domid, const libxl_asyncop_how *ao)
{
    (void)ctx, (void)ao;
    if (xenFakeFind(domid) == NULL)
        return ERROR_INVAL;
    xenFake.shutdowns++; /* the guest acts on it when the test says */
    return 0;
}

static int
xenFakeDestroy(libxl_ctx *ctx, uint32_t domid, const libxl_asyncop_how *ao)
{
    (void)ctx, (void)ao;
    if (xenFakeFind(domid) == NULL)
        return ERROR_INVAL;
    xenFake.destroys++;
    xenFakeRemove(domid);
    return 0;
}

static int
xenFakeRetrieveConfig(libxl_ctx *ctx, uint32_t domid, libxl_domain_config *dc,
                      const libxl_asyncop_how *ao)
{
    /* libxl keeps no configuration of the domains this host holds: the
     * driver falls back to what the hypervisor tells. */
    (void)ctx, (void)domid, (void)dc, (void)ao;
    return ERROR_FAIL;
}

static int
xenFakeIOCollect(xenIOSnap *snap, unsigned long long *files)
{
    return xenIOCollect(xenFake.ioRoot != NULL ? xenFake.ioRoot
                                               : "/nonexistent-xenfake",
                        snap, files);
}

/* What the tests do not reach is NULL: a call there crashes the test,
 * which then fails. */
const xenOps xenFakeOps = {
    .hostProblem = xenFakeHostProblem,
    .xcOpen = xenFakeXcOpen,
    .xcClose = xenFakeXcClose,
    .xsOpen = xenFakeXsOpen,
    .xsClose = xenFakeXsClose,
    .xlCtxAlloc = xenFakeXlCtxAlloc,
    .xlCtxFree = xenFakeXlCtxFree,
    .physinfo = xenFakePhysinfo,
    .version = xenFakeVersion,
    .domainGetinfolist = xenFakeGetinfolist,
    .vcpuGetinfo = xenFakeVcpuGetinfo,
    .vcpuGetaffinity = xenFakeVcpuGetaffinity,
    .xsWatch = xenFakeXsWatch,
    .xsFileno = xenFakeXsFileno,
    .xsCheckWatch = xenFakeXsCheckWatch,
    .xsRead = xenFakeXsRead,
    .domainCreateNew = xenFakeCreateNew,
    .domainUnpause = xenFakeUnpause,
    .domainShutdown = xenFakeShutdown,
    .domainReboot = xenFakeShutdown,
    .domainDestroy = xenFakeDestroy,
    .retrieveConfig = xenFakeRetrieveConfig,
    .ioCollect = xenFakeIOCollect,
};
