/*
 * xen_ops.c: the Xen driver's default table (xen_ops.h): the real
 * libxenctrl, libxenstore and libxenlight, and dom0's own files.  The
 * only file of lib/xen that calls those libraries (make syntax-check).
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "xen_ops.h"

#define XEN_PROC_DIR "/proc/xen"
#define XEN_PROC_CAPS "/proc/xen/capabilities"
#define XEN_PRIVCMD "/dev/xen/privcmd"

/* ---- the host and the handles ----------------------------------------- */

/* Why this process cannot manage the local Xen host, or NULL when the
 * preconditions hold.  Checked before any Xen library is touched: they
 * print to stderr or block when the host is not a dom0. */
static const char *
xenOpsHostProblem(void)
{
    char caps[128] = "";
    struct stat sb;
    ssize_t n;
    int fd;

    if (stat(XEN_PROC_DIR, &sb) < 0)
        return "this host is not running on Xen (no " XEN_PROC_DIR ")";
    if ((fd = open(XEN_PROC_CAPS, O_RDONLY | O_CLOEXEC)) < 0)
        return "xenfs is not mounted (no " XEN_PROC_CAPS
               "): mount -t xenfs xenfs " XEN_PROC_DIR;
    n = read(fd, caps, sizeof(caps) - 1);
    close(fd);
    if (n < 0 || strstr(caps, "control_d") == NULL)
        return "this is not dom0 (" XEN_PROC_CAPS " lacks control_d)";
    if (access(XEN_PRIVCMD, F_OK) < 0)
        return XEN_PRIVCMD " is missing (load the xen-privcmd module)";
    if (access(XEN_PRIVCMD, R_OK | W_OK) < 0)
        return XEN_PRIVCMD " is not accessible: managing Xen needs root";
    return NULL;
}

static xc_interface *
xenOpsXcOpen(xentoollog_logger *logger)
{
    return xc_interface_open(logger, logger, 0);
}

static struct xs_handle *
xenOpsXsOpen(void)
{
    const char *path = xs_daemon_socket();
    struct sockaddr_un addr;
    int saved;
    int fd;

    /* libxenstore ignores XS_OPEN_SOCKETONLY: when xenstored's socket
     * does not answer it opens /dev/xen/xenbus instead, where, with the
     * daemon gone, every request waits for it to come back.  So the
     * socket is tried first, and a daemon that is down stays an error
     * (this driver manages a dom0 running xenstored, not a xenstore
     * stub domain). */
    memset(&addr, 0, sizeof(addr));
    addr.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof(addr.sun_path)) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    memcpy(addr.sun_path, path, strlen(path) + 1);
    if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
        return NULL;
    if (connect(fd, (const struct sockaddr *)&addr, sizeof(addr)) < 0) {
        saved = errno;
        close(fd);
        errno = saved;
        return NULL;
    }
    close(fd);
    return xs_open(0);
}

static int
xenOpsXlCtxAlloc(libxl_ctx **ctx, xentoollog_logger *logger)
{
    return libxl_ctx_alloc(ctx, LIBXL_VERSION, 0, logger);
}

/* ---- libxenlight, synchronously --------------------------------------- */

static int
xenOpsDomainCreateNew(libxl_ctx *ctx, libxl_domain_config *dc, uint32_t *domid)
{
    return libxl_domain_create_new(ctx, dc, domid, NULL, NULL);
}

static int
xenOpsDomainCreateRestore(libxl_ctx *ctx, libxl_domain_config *dc,
                          uint32_t *domid, int fd,
                          const libxl_domain_restore_params *params)
{
    return libxl_domain_create_restore(ctx, dc, domid, fd, -1, params, NULL,
                                       NULL);
}

static int
xenOpsDomainSuspend(libxl_ctx *ctx, uint32_t domid, int fd)
{
    return libxl_domain_suspend(ctx, domid, fd, 0, NULL);
}

/* ---- dom0's files ------------------------------------------------------ */

static int
xenOpsIOCollect(xenIOSnap *snap, unsigned long long *files)
{
    return xenIOCollect("", snap, files);
}

/* ---- the table --------------------------------------------------------- */

const xenOps xenDefaultOps = {
    .hostProblem = xenOpsHostProblem,
    .xcOpen = xenOpsXcOpen,
    .xcClose = xc_interface_close,
    .xsOpen = xenOpsXsOpen,
    .xsClose = xs_close,
    .xlCtxAlloc = xenOpsXlCtxAlloc,
    .xlCtxFree = libxl_ctx_free,

    .physinfo = xc_physinfo,
    .version = xc_version,
    .domainGetinfolist = xc_domain_getinfolist,
    .vcpuGetinfo = xc_vcpu_getinfo,
    .vcpuGetaffinity = xc_vcpu_getaffinity,

    .xsWatch = xs_watch,
    .xsFileno = xs_fileno,
    .xsCheckWatch = xs_check_watch,
    .xsRead = xs_read,

    .domainCreateNew = xenOpsDomainCreateNew,
    .domainCreateRestore = xenOpsDomainCreateRestore,
    .domainPause = libxl_domain_pause,
    .domainUnpause = libxl_domain_unpause,
    .domainShutdown = libxl_domain_shutdown,
    .domainReboot = libxl_domain_reboot,
    .domainDestroy = libxl_domain_destroy,
    .domainSuspend = xenOpsDomainSuspend,
    .domainCoreDump = libxl_domain_core_dump,
    .retrieveConfig = libxl_retrieve_domain_configuration,
    .configToJson = libxl_domain_config_to_json,
    .configFromJson = libxl_domain_config_from_json,
    .setMaxmem = libxl_domain_setmaxmem,
    .setMemoryTarget = libxl_set_memory_target,
    .setVcpuonline = libxl_set_vcpuonline,
    .setVcpuaffinity = libxl_set_vcpuaffinity,
    .diskAdd = libxl_device_disk_add,
    .diskRemove = libxl_device_disk_remove,
    .diskDestroy = libxl_device_disk_destroy,
    .nicAdd = libxl_device_nic_add,
    .nicRemove = libxl_device_nic_remove,
    .nicDestroy = libxl_device_nic_destroy,
    .vdevToDisk = libxl_vdev_to_device_disk,
    .macToNic = libxl_mac_to_device_nic,

    .ioCollect = xenOpsIOCollect,
};
