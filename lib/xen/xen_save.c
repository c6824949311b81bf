/*
 * xen_save.c: save, restore and core dump of Xen domains.
 *
 * Save files have xl's layout, so that xl restore reads ours and we read
 * xl save's: a 32-byte magic, four native-endian 32-bit words (byte-order
 * mark 0x01020304, mandatory flags, optional flags, optional data length),
 * the optional data (a 32-bit length and the domain's configuration as
 * libxl JSON), then libxl's migration stream, version 2.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xen_domain_ctl.h"
#include "xen_track.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

static const char xenSaveMagic[32] = "Xen saved domain, xl format\n \0 \r";
#define XEN_SAVE_BYTEORDER 0x01020304u
#define XEN_SAVE_FLAG_JSON (1u << 0)
#define XEN_SAVE_FLAG_STREAMV2 (1u << 1)
/* Bounds what a corrupt header can make us allocate. */
#define XEN_SAVE_CONFIG_MAX (16u * 1024 * 1024)

typedef struct _xenSaveHeader xenSaveHeader;

struct _xenSaveHeader {
    char magic[32];
    uint32_t byteorder;
    uint32_t mandatoryFlags;
    uint32_t optionalFlags;
    uint32_t optionalDataLen;
};

static int
xenSaveWriteAll(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    ssize_t n;

    while (len > 0) {
        if ((n = write(fd, p, len)) < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int
xenSaveReadAll(int fd, void *buf, size_t len)
{
    char *p = buf;
    ssize_t n;

    while (len > 0) {
        if ((n = read(fd, p, len)) <= 0) {
            if (n < 0 && errno == EINTR)
                continue;
            if (n == 0)
                errno = EIO; /* short file */
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int
xenSaveWriteHeader(int fd, const char *json)
{
    xenSaveHeader hdr;
    uint32_t jsonlen = (uint32_t)strlen(json) + 1;

    memset(&hdr, 0, sizeof(hdr));
    memcpy(hdr.magic, xenSaveMagic, sizeof(hdr.magic));
    hdr.byteorder = XEN_SAVE_BYTEORDER;
    hdr.mandatoryFlags = XEN_SAVE_FLAG_JSON | XEN_SAVE_FLAG_STREAMV2;
    hdr.optionalDataLen = (uint32_t)sizeof(jsonlen) + jsonlen;
    if (xenSaveWriteAll(fd, &hdr, sizeof(hdr)) < 0 ||
        xenSaveWriteAll(fd, &jsonlen, sizeof(jsonlen)) < 0 ||
        xenSaveWriteAll(fd, json, jsonlen) < 0)
        return -1;
    return 0;
}

int
xenDomainSave(virDomainPtr dom, const char *to)
{
    xenPriv *priv = dom->conn->privateData;
    libxl_domain_config dc;
    xenTracked *t;
    char *json = NULL;
    xenDomInfo x;
    int fd = -1;
    int ret = -1;

    libxl_domain_config_init(&dc);
    if (xenDomRequireRunning(dom, &x) < 0 ||
        xenCheckNotDom0(dom, &x, "saved") < 0)
        goto cleanup;
    xenLogReset(priv);
    if (priv->ops->retrieveConfig(XEN_XL(priv), x.domid, &dc, NULL) != 0 ||
        (json = priv->ops->configToJson(XEN_XL(priv), &dc)) == NULL) {
        xenReportCallError(dom, priv, "reading the configuration");
        goto cleanup;
    }
    if ((fd = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0 ||
        xenSaveWriteHeader(fd, json) < 0) {
        virReportSystemError(errno, "cannot write save file '%s'", to);
        goto cleanup;
    }
    xenLogReset(priv);
    if (priv->ops->domainSuspend(XEN_XL(priv), x.domid, fd) != 0) {
        xenReportCallError(dom, priv, "save");
        goto cleanup;
    }
    /* Saved: the domain is gone from the host, as after xl save. */
    xenLogReset(priv);
    if (priv->ops->domainDestroy(XEN_XL(priv), x.domid, NULL) != 0) {
        xenReportCallError(dom, priv, "destroy after save");
        goto cleanup;
    }
    if ((t = xenTrackFind(priv, x.domid, x.uuid)) != NULL)
        xenTrackRemove(priv, t);
    xenWaitGone(priv, x.domid);
    dom->id = -1;
    ret = 0;

cleanup:
    if (fd >= 0) {
        close(fd);
        if (ret < 0)
            unlink(to);
    }
    free(json);
    libxl_domain_config_dispose(&dc);
    return ret;
}

int
xenSaveReadHeader(xenPriv *priv, int fd, const char *from,
                  libxl_domain_config *dc)
{
    xenSaveHeader hdr;
    uint32_t cfglen = 0;
    char *opt = NULL;
    int ret = -1;

    if (xenSaveReadAll(fd, &hdr, sizeof(hdr)) < 0) {
        virReportSystemError(errno, "cannot read save file '%s'", from);
        return -1;
    }
    if (memcmp(hdr.magic, xenSaveMagic, sizeof(hdr.magic)) != 0 ||
        hdr.byteorder != XEN_SAVE_BYTEORDER) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "'%s' is not a Xen save file of this host's byte "
                       "order",
                       from);
        return -1;
    }
    if ((hdr.mandatoryFlags & ~(XEN_SAVE_FLAG_JSON | XEN_SAVE_FLAG_STREAMV2)) !=
            0 ||
        !(hdr.mandatoryFlags & XEN_SAVE_FLAG_JSON) ||
        !(hdr.mandatoryFlags & XEN_SAVE_FLAG_STREAMV2)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "save file '%s' has flags 0x%x: only libxl JSON "
                       "configurations with stream version 2 (xl 4.6 and "
                       "later) can be restored",
                       from, hdr.mandatoryFlags);
        return -1;
    }
    if (hdr.optionalDataLen < sizeof(cfglen) ||
        hdr.optionalDataLen > XEN_SAVE_CONFIG_MAX) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "save file '%s' has no usable configuration", from);
        return -1;
    }
    if ((opt = calloc(1, hdr.optionalDataLen + 1)) == NULL) {
        virReportOOMError();
        return -1;
    }
    if (xenSaveReadAll(fd, opt, hdr.optionalDataLen) < 0) {
        virReportSystemError(errno, "cannot read save file '%s'", from);
        goto cleanup;
    }
    memcpy(&cfglen, opt, sizeof(cfglen));
    if (cfglen == 0 || cfglen > hdr.optionalDataLen - sizeof(cfglen)) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "save file '%s' has a truncated configuration", from);
        goto cleanup;
    }
    xenLogReset(priv);
    if (priv->ops->configFromJson(XEN_XL(priv), dc, opt + sizeof(cfglen)) !=
        0) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "save file '%s' has a configuration libxl cannot "
                       "read: %s",
                       from, xenLastError(priv, "bad JSON"));
        goto cleanup;
    }
    ret = 0;

cleanup:
    free(opt);
    return ret;
}

int
xenDomainRestore(virConnectPtr conn, const char *from)
{
    xenPriv *priv = conn->privateData;
    libxl_domain_restore_params params;
    libxl_domain_config dc;
    uint32_t domid = INVALID_DOMID;
    int fd;
    int ret = -1;

    libxl_domain_config_init(&dc);
    libxl_domain_restore_params_init(&params);
    params.stream_version = 2;
    if ((fd = open(from, O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "cannot open save file '%s'", from);
        goto cleanup;
    }
    if (xenSaveReadHeader(priv, fd, from, &dc) < 0)
        goto cleanup;
    xenLogReset(priv);
    if (priv->ops->domainCreateRestore(XEN_XL(priv), &dc, &domid, fd,
                                       &params) != 0 ||
        priv->ops->domainUnpause(XEN_XL(priv), domid, NULL) != 0) {
        virReportConnError(conn, VIR_ERR_OPERATION_FAILED,
                           "cannot restore '%s': %s", from,
                           xenLastError(priv, "libxenlight gave no reason"));
        if (domid != (uint32_t)INVALID_DOMID)
            priv->ops->domainDestroy(XEN_XL(priv), domid, NULL);
        goto cleanup;
    }
    ret = 0;

cleanup:
    if (fd >= 0)
        close(fd);
    libxl_domain_restore_params_dispose(&params);
    libxl_domain_config_dispose(&dc);
    return ret;
}

int
xenDomainCoreDump(virDomainPtr dom, const char *to, int flags)
{
    xenPriv *priv = dom->conn->privateData;
    xenDomInfo x;

    if (flags != 0) {
        virReportDomainError(dom, VIR_ERR_INVALID_ARG, "unsupported flags 0x%x",
                             (unsigned int)flags);
        return -1;
    }
    if (xenDomRequireRunning(dom, &x) < 0)
        return -1;
    xenLogReset(priv);
    if (priv->ops->domainCoreDump(XEN_XL(priv), x.domid, to, NULL) != 0) {
        xenReportCallError(dom, priv, "core dump");
        return -1;
    }
    return 0;
}
