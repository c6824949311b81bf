/*
 * xen_node.c: host information of the Xen driver (xc_physinfo,
 * xc_version).
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "xen_priv.h"
#include "xen_state.h"
#include "error.h"
#include "number.h"

#define VIR_FROM_THIS VIR_FROM_XEN

const char *
xenConnectGetType(virConnectPtr conn)
{
    (void)conn;
    return "Xen";
}

int
xenConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    xenPriv *priv = conn->privateData;
    xen_extraversion_t extra = "";
    unsigned long long release = 0;
    const char *end = NULL;
    int ver;

    xenLogReset(priv);
    if ((ver = priv->ops->version(XEN_XC(priv), XENVER_version, NULL)) < 0 ||
        priv->ops->version(XEN_XC(priv), XENVER_extraversion, &extra) < 0) {
        virReportConnError(conn, VIR_ERR_OPERATION_FAILED,
                           "cannot read the Xen version: %s",
                           xenLastError(priv, strerror(errno)));
        return -1;
    }
    /* extraversion is ".3" on a release, ".3-pre" or "-unstable" else. */
    extra[sizeof(extra) - 1] = '\0';
    if (extra[0] != '.' ||
        virStrToULLongPrefix(extra + 1, &end, 999, &release) != VIR_NUMBER_OK)
        release = 0;
    *hvVer = (unsigned long)(ver >> 16) * 1000000UL +
             (unsigned long)(ver & 0xffff) * 1000UL + (unsigned long)release;
    return 0;
}

/* Copies as much of @src as fits; model names are cut, as libvirt does. */
static void
xenNodeCopy(char *dst, size_t len, const char *src)
{
    size_t n = strlen(src);

    if (n >= len)
        n = len - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* dom0 sees the physical cpu's model name; Xen does not report it. */
static void
xenNodeCpuModel(char *model, size_t len)
{
    char line[256];
    char *p;
    char *nl;
    struct utsname un;
    FILE *fp = fopen("/proc/cpuinfo", "r");

    model[0] = '\0';
    while (fp != NULL && fgets(line, sizeof(line), fp) != NULL) {
        if (strncmp(line, "model name", 10) != 0 ||
            (p = strchr(line, ':')) == NULL)
            continue;
        for (p++; *p == ' ' || *p == '\t'; p++)
            ;
        if ((nl = strchr(p, '\n')) != NULL)
            *nl = '\0';
        xenNodeCopy(model, len, p);
        break;
    }
    if (fp != NULL)
        fclose(fp);
    if (model[0] == '\0' && uname(&un) == 0)
        xenNodeCopy(model, len, un.machine);
}

int
xenNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    xenPriv *priv = conn->privateData;
    xc_physinfo_t phys = {0};
    unsigned int perSocket;

    xenLogReset(priv);
    if (priv->ops->physinfo(XEN_XC(priv), &phys) != 0) {
        virReportConnError(conn, VIR_ERR_OPERATION_FAILED,
                           "xc_physinfo failed: %s",
                           xenLastError(priv, strerror(errno)));
        return -1;
    }
    memset(info, 0, sizeof(*info));
    xenNodeCpuModel(info->model, sizeof(info->model));
    info->memory = xenPagesToKiB(phys.total_pages);
    info->cpus = phys.nr_cpus;
    info->mhz = phys.cpu_khz / 1000;
    info->nodes = phys.nr_nodes > 0 ? phys.nr_nodes : 1;
    info->threads = phys.threads_per_core > 0 ? phys.threads_per_core : 1;
    info->cores = phys.cores_per_socket > 0 ? phys.cores_per_socket : 1;
    /* Xen gives no socket count: what the online cpus imply, as libvirt
     * computes it. */
    perSocket = info->nodes * info->cores * info->threads;
    info->sockets = phys.nr_cpus / perSocket > 0 ? phys.nr_cpus / perSocket : 1;
    return 0;
}
