/*
 * xen_device.c: attaching and detaching disks and network interfaces.
 *
 * The device XML is parsed and checked by the shared domain code against
 * what the domain has (libxl's record of a running domain, the
 * configuration file of a stopped one); a running domain then gets the
 * device through libxl, as xl block-attach / network-attach would.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xen_domain_ctl.h"
#include "xen_domcfg.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

static int
xenEditAttach(virDomainPtr dom, virDomainDef *def, const void *arg)
{
    (void)dom;
    return virDomainDefAttachDeviceXML(def, arg);
}

static int
xenEditDetach(virDomainPtr dom, virDomainDef *def, const void *arg)
{
    (void)dom;
    return virDomainDefDetachDeviceXML(def, arg);
}

static int
xenDeviceAddDisk(virDomainPtr dom, xenPriv *priv, uint32_t domid,
                 const virDomainDiskDef *d)
{
    libxl_device_disk disk;
    int ret = -1;

    libxl_device_disk_init(&disk);
    if (xenDomcfgDiskFromDef(d, &disk) < 0)
        goto cleanup;
    xenLogReset(priv);
    if (priv->ops->diskAdd(XEN_XL(priv), domid, &disk, NULL) != 0) {
        xenReportCallError(dom, priv, "attaching a disk");
        /* libxl keeps a device whose backend failed (its hotplug script,
         * say) in the domain's record, where a save would take it along:
         * take it out, keeping the reason above. */
        priv->ops->diskDestroy(XEN_XL(priv), domid, &disk, NULL);
        goto cleanup;
    }
    ret = 0;

cleanup:
    libxl_device_disk_dispose(&disk);
    return ret;
}

static int
xenDeviceAddNic(virDomainPtr dom, xenPriv *priv, uint32_t domid,
                const virDomainNetDef *n)
{
    libxl_device_nic nic;
    int ret = -1;

    libxl_device_nic_init(&nic);
    if (xenDomcfgNicFromDef(n, &nic) < 0)
        goto cleanup;
    xenLogReset(priv);
    if (priv->ops->nicAdd(XEN_XL(priv), domid, &nic, NULL) != 0) {
        xenReportCallError(dom, priv, "attaching an interface");
        priv->ops->nicDestroy(XEN_XL(priv), domid, &nic, NULL);
        goto cleanup;
    }
    ret = 0;

cleanup:
    libxl_device_nic_dispose(&nic);
    return ret;
}

int
xenDomainAttachDevice(virDomainPtr dom, const char *xml)
{
    xenPriv *priv = dom->conn->privateData;
    virDomainDef *def = NULL;
    xenDomInfo x;
    size_t ndisks;
    size_t nnets;
    int ret = -1;
    int rc;

    if ((rc = xenDomResolve(dom, &x)) < 0)
        return -1;
    if (rc == 0)
        return xenDomainEditConfig(dom, xenEditAttach, xml);
    if ((def = xenDomainRunningDef(priv, dom, &x)) == NULL)
        return -1;
    ndisks = def->ndisks;
    nnets = def->nnets;
    if (virDomainDefAttachDeviceXML(def, xml) < 0)
        goto cleanup;
    if (def->ndisks > ndisks)
        ret = xenDeviceAddDisk(dom, priv, x.domid, &def->disks[ndisks]);
    else if (def->nnets > nnets)
        ret = xenDeviceAddNic(dom, priv, x.domid, &def->nets[nnets]);

cleanup:
    virDomainDefFree(def);
    return ret;
}

/* The device of @def that @after (a copy with one device detached) lacks:
 * its index among disks (*@isDisk) or interfaces. */
static size_t
xenDeviceRemoved(const virDomainDef *def, const virDomainDef *after,
                 bool *isDisk)
{
    size_t i;

    *isDisk = after->ndisks < def->ndisks;
    for (i = 0; *isDisk && i < after->ndisks; i++) {
        if (strcmp(def->disks[i].target, after->disks[i].target) != 0)
            return i;
    }
    for (i = 0; !*isDisk && i < after->nnets; i++) {
        if (memcmp(def->nets[i].mac, after->nets[i].mac, 6) != 0)
            return i;
    }
    return i;
}

static int
xenDeviceRemove(virDomainPtr dom, xenPriv *priv, uint32_t domid,
                const virDomainDef *def, size_t idx, bool isDisk)
{
    libxl_device_disk disk;
    libxl_device_nic nic;
    char mac[18];
    const unsigned char *m;
    int rc = -1;

    libxl_device_disk_init(&disk);
    libxl_device_nic_init(&nic);
    xenLogReset(priv);
    if (isDisk) {
        if (priv->ops->vdevToDisk(XEN_XL(priv), domid, def->disks[idx].target,
                                  &disk) == 0)
            rc = priv->ops->diskRemove(XEN_XL(priv), domid, &disk, NULL);
    } else {
        m = def->nets[idx].mac;
        snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1],
                 m[2], m[3], m[4], m[5]);
        if (priv->ops->macToNic(XEN_XL(priv), domid, mac, &nic) == 0)
            rc = priv->ops->nicRemove(XEN_XL(priv), domid, &nic, NULL);
    }
    if (rc != 0)
        xenReportCallError(
            dom, priv, isDisk ? "detaching a disk" : "detaching an interface");
    libxl_device_disk_dispose(&disk);
    libxl_device_nic_dispose(&nic);
    return rc != 0 ? -1 : 0;
}

int
xenDomainDetachDevice(virDomainPtr dom, const char *xml)
{
    xenPriv *priv = dom->conn->privateData;
    virDomainDef *def = NULL;
    virDomainDef *after = NULL;
    xenDomInfo x;
    size_t idx;
    bool isDisk;
    int ret = -1;
    int rc;

    if ((rc = xenDomResolve(dom, &x)) < 0)
        return -1;
    if (rc == 0)
        return xenDomainEditConfig(dom, xenEditDetach, xml);
    if ((def = xenDomainRunningDef(priv, dom, &x)) == NULL ||
        (after = virDomainDefCopy(def)) == NULL ||
        virDomainDefDetachDeviceXML(after, xml) < 0)
        goto cleanup;
    idx = xenDeviceRemoved(def, after, &isDisk);
    ret = xenDeviceRemove(dom, priv, x.domid, def, idx, isDisk);

cleanup:
    virDomainDefFree(after);
    virDomainDefFree(def);
    return ret;
}
