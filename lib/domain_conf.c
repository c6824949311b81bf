/*
 * domain_conf.c: domain definitions and their XML form (see
 * domain_conf.h for the format).
 *
 * The parser reads the tree that xml.c built, element by element: known
 * elements are checked strictly, unknown ones are ignored, as libvirt
 * does.  The writer builds the text itself, so that its output is
 * deterministic (fixed order, 2-space indentation, single-quoted
 * attributes) and every value is escaped the same way.  Each error is
 * reported once, where it is found, with the line it is on.
 */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "domain_conf.h"
#include "buf.h"
#include "cpuset.h"
#include "error.h"
#include "mac.h"
#include "uuid.h"
#include "xml.h"

#define VIR_FROM_THIS VIR_FROM_DOM

/* Longest domain name, in bytes: what xenstore and xl accept. */
#define VIR_DOMAIN_NAME_MAX 255

/* ---- small helpers --------------------------------------------------- */

int
virDomainDupStr(char **dst, const char *src)
{
    *dst = NULL;
    if (src == NULL)
        return 0;
    if ((*dst = strdup(src)) == NULL) {
        virReportOOMError();
        return -1;
    }
    return 0;
}

static bool
virDomainStrEqual(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* ---- enums ----------------------------------------------------------- */

static const char *const virDomainRestartNames[] = {
    [VIR_DOMAIN_DESTROY] = "destroy",
    [VIR_DOMAIN_RESTART] = "restart",
    [VIR_DOMAIN_PRESERVE] = "preserve",
    [VIR_DOMAIN_RENAME_RESTART] = "rename-restart",
};

const char *
virDomainRestartTypeToString(virDomainRestart r)
{
    if (r < VIR_DOMAIN_DESTROY || r > VIR_DOMAIN_RENAME_RESTART)
        return NULL;
    return virDomainRestartNames[r];
}

int
virDomainRestartTypeFromString(const char *s)
{
    int i;

    if (s == NULL)
        return -1;
    for (i = VIR_DOMAIN_DESTROY; i <= VIR_DOMAIN_RENAME_RESTART; i++) {
        if (strcmp(s, virDomainRestartNames[i]) == 0)
            return i;
    }
    return -1;
}

/* ---- MAC addresses of a definition ---------------------------------- */

static bool
virDomainHasMac(const virDomainDef *def, const unsigned char *mac)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        if (memcmp(def->nets[i].mac, mac, 6) == 0)
            return true;
    }
    return false;
}

/* Gives @mac a random Xen address (virMacGenerateXen) unused in @def. */
static int
virDomainMacGenerate(const virDomainDef *def, unsigned char *mac)
{
    unsigned char cand[VIR_MAC_BUFLEN];
    int tries;

    /* Built apart from @mac, which may be one of @def's own slots. */
    for (tries = 0; tries < 64; tries++) {
        if (virMacGenerateXen(cand) < 0)
            return -1;
        if (!virDomainHasMac(def, cand)) {
            memcpy(mac, cand, sizeof(cand));
            return 0;
        }
    }
    virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                   "cannot generate an unused MAC address");
    return -1;
}

/* ---- freeing --------------------------------------------------------- */

static void
virDomainDiskDefClear(virDomainDiskDef *disk)
{
    free(disk->source);
    free(disk->target);
    memset(disk, 0, sizeof(*disk));
}

static void
virDomainNetDefClear(virDomainNetDef *net)
{
    free(net->bridge);
    free(net->script);
    free(net->ip);
    memset(net, 0, sizeof(*net));
}

void
virDomainDefFree(virDomainDef *def)
{
    size_t i;

    if (def == NULL)
        return;
    free(def->name);
    free(def->ostype);
    free(def->kernel);
    free(def->initrd);
    free(def->cmdline);
    for (i = 0; i < def->npins; i++)
        free(def->pins[i].cpumap);
    free(def->pins);
    for (i = 0; i < def->ndisks; i++)
        virDomainDiskDefClear(&def->disks[i]);
    free(def->disks);
    for (i = 0; i < def->nnets; i++)
        virDomainNetDefClear(&def->nets[i]);
    free(def->nets);
    free(def->consoleTty);
    free(def);
}

/* ---- parsing: devices ------------------------------------------------ */

/* Gets attribute @attr of @node, required and not empty. */
static int
virDomainPropNonEmpty(const xmlNode *node, const char *attr, const char *source,
                      char **value)
{
    if (virXMLPropString(node, attr, source, true, value) < 0)
        return -1;
    if ((*value)[0] == '\0') {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<%s> attribute %s is empty",
                          (const char *)node->name, attr);
        free(*value);
        *value = NULL;
        return -1;
    }
    return 0;
}

/* The target of <disk> @node: all a detach needs. */
static int
virDomainDiskTargetParse(const xmlNode *node, const char *source, char **target)
{
    xmlNodePtr child = NULL;

    if (virXMLChildElement(node, "target", source, true, &child) < 0)
        return -1;
    return virDomainPropNonEmpty(child, "dev", source, target);
}

static int
virDomainDiskDefParse(const xmlNode *node, const char *source,
                      virDomainDiskDef *disk)
{
    xmlNodePtr child = NULL;
    char *str = NULL;
    const char *srcattr;
    int rc;
    int ret = -1;

    disk->type = VIR_DOMAIN_DISK_TYPE_FILE;
    if ((rc = virXMLPropString(node, "type", source, false, &str)) < 0)
        goto cleanup;
    if (rc == 1 && strcmp(str, "block") == 0) {
        disk->type = VIR_DOMAIN_DISK_TYPE_BLOCK;
    } else if (rc == 1 && strcmp(str, "file") != 0) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<disk> type '%s' is not supported, expected "
                          "'file' or 'block'",
                          str);
        goto cleanup;
    }
    free(str);
    str = NULL;

    disk->device = VIR_DOMAIN_DISK_DEVICE_DISK;
    if ((rc = virXMLPropString(node, "device", source, false, &str)) < 0)
        goto cleanup;
    if (rc == 1 && strcmp(str, "cdrom") == 0) {
        disk->device = VIR_DOMAIN_DISK_DEVICE_CDROM;
    } else if (rc == 1 && strcmp(str, "disk") != 0) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<disk> device '%s' is not supported, expected "
                          "'disk' or 'cdrom'",
                          str);
        goto cleanup;
    }

    srcattr = disk->type == VIR_DOMAIN_DISK_TYPE_FILE ? "file" : "dev";
    if (virXMLChildElement(node, "source", source, true, &child) < 0 ||
        virDomainPropNonEmpty(child, srcattr, source, &disk->source) < 0 ||
        virDomainDiskTargetParse(node, source, &disk->target) < 0 ||
        (rc = virXMLChildElement(node, "readonly", source, false, &child)) < 0)
        goto cleanup;
    disk->readonly = rc == 1;
    ret = 0;

cleanup:
    free(str);
    return ret;
}

/* The MAC of <interface> @node: 1 and stored in @mac when given, 0 when
 * absent, -1 on error. */
static int
virDomainNetMacParse(const xmlNode *node, const char *source,
                     unsigned char *mac)
{
    xmlNodePtr child = NULL;
    char *str = NULL;
    int rc;

    if ((rc = virXMLChildElement(node, "mac", source, false, &child)) <= 0)
        return rc;
    if (virXMLPropString(child, "address", source, true, &str) < 0)
        return -1;
    rc = 1;
    if (virMacParse(str, mac) < 0) {
        virXMLReportError(VIR_ERR_XML_ERROR, child, source,
                          "<mac> address '%s' is not a valid MAC address "
                          "(xx:xx:xx:xx:xx:xx)",
                          str);
        rc = -1;
    } else if (mac[0] & 0x01) {
        virXMLReportError(VIR_ERR_XML_ERROR, child, source,
                          "<mac> address '%s' is a multicast address", str);
        rc = -1;
    }
    free(str);
    return rc;
}

/* Parses <interface> @node; *@macSet tells whether it gave a MAC (the
 * caller generates one otherwise, once it knows all MACs in use). */
static int
virDomainNetDefParse(const xmlNode *node, const char *source,
                     virDomainNetDef *net, bool *macSet)
{
    xmlNodePtr child = NULL;
    char *str = NULL;
    unsigned char addr[sizeof(struct in6_addr)];
    int rc;
    int ret = -1;

    if (virXMLPropString(node, "type", source, true, &str) < 0)
        goto cleanup;
    if (strcmp(str, "bridge") == 0) {
        net->type = VIR_DOMAIN_NET_TYPE_BRIDGE;
    } else if (strcmp(str, "ethernet") == 0) {
        net->type = VIR_DOMAIN_NET_TYPE_ETHERNET;
    } else {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<interface> type '%s' is not supported, expected "
                          "'bridge' or 'ethernet'",
                          str);
        goto cleanup;
    }

    if ((rc = virDomainNetMacParse(node, source, net->mac)) < 0)
        goto cleanup;
    *macSet = rc == 1;

    if ((rc = virXMLChildElement(node, "source", source, false, &child)) < 0 ||
        (rc == 1 &&
         virXMLPropString(child, "bridge", source, false, &net->bridge) < 0))
        goto cleanup;
    if ((rc = virXMLChildElement(node, "script", source, false, &child)) < 0 ||
        (rc == 1 &&
         virXMLPropString(child, "path", source, true, &net->script) < 0))
        goto cleanup;
    if ((rc = virXMLChildElement(node, "ip", source, false, &child)) < 0 ||
        (rc == 1 &&
         virXMLPropString(child, "address", source, true, &net->ip) < 0))
        goto cleanup;
    if (net->ip != NULL && inet_pton(AF_INET, net->ip, addr) != 1 &&
        inet_pton(AF_INET6, net->ip, addr) != 1) {
        virXMLReportError(VIR_ERR_XML_ERROR, child, source,
                          "<ip> address '%s' is not an IPv4 or IPv6 address",
                          net->ip);
        goto cleanup;
    }
    ret = 0;

cleanup:
    free(str);
    return ret;
}

static int
virDomainAppendDisk(virDomainDef *def, virDomainDiskDef *disk)
{
    virDomainDiskDef *tmp;

    tmp = realloc(def->disks, (def->ndisks + 1) * sizeof(*tmp));
    if (tmp == NULL) {
        virReportOOMError();
        return -1;
    }
    def->disks = tmp;
    def->disks[def->ndisks++] = *disk;
    memset(disk, 0, sizeof(*disk));
    return 0;
}

static int
virDomainAppendNet(virDomainDef *def, virDomainNetDef *net)
{
    virDomainNetDef *tmp;

    tmp = realloc(def->nets, (def->nnets + 1) * sizeof(*tmp));
    if (tmp == NULL) {
        virReportOOMError();
        return -1;
    }
    def->nets = tmp;
    def->nets[def->nnets++] = *net;
    memset(net, 0, sizeof(*net));
    return 0;
}

static ssize_t
virDomainFindDisk(const virDomainDef *def, const char *target)
{
    size_t i;

    for (i = 0; i < def->ndisks; i++) {
        if (strcmp(def->disks[i].target, target) == 0)
            return (ssize_t)i;
    }
    return -1;
}

static ssize_t
virDomainFindNet(const virDomainDef *def, const unsigned char *mac)
{
    size_t i;

    for (i = 0; i < def->nnets; i++) {
        if (memcmp(def->nets[i].mac, mac, 6) == 0)
            return (ssize_t)i;
    }
    return -1;
}

static int
virDomainDevicesParse(const xmlNode *devices, const char *source,
                      virDomainDef *def)
{
    xmlNodePtr cur;
    virDomainDiskDef disk;
    virDomainNetDef net;
    bool *macSet = NULL;
    bool *tmp;
    bool console = false;
    char macstr[VIR_MAC_STRING_BUFLEN];
    size_t i;
    int ret = -1;

    memset(&disk, 0, sizeof(disk));
    memset(&net, 0, sizeof(net));
    for (cur = devices->children; cur != NULL; cur = cur->next) {
        if (virXMLNodeIs(cur, "disk")) {
            if (virDomainDiskDefParse(cur, source, &disk) < 0)
                goto cleanup;
            if (virDomainFindDisk(def, disk.target) >= 0) {
                virXMLReportError(VIR_ERR_XML_ERROR, cur, source,
                                  "duplicate disk target '%s'", disk.target);
                goto cleanup;
            }
            if (virDomainAppendDisk(def, &disk) < 0)
                goto cleanup;
        } else if (virXMLNodeIs(cur, "interface")) {
            if ((tmp = realloc(macSet, (def->nnets + 1) * sizeof(*macSet))) ==
                NULL) {
                virReportOOMError();
                goto cleanup;
            }
            macSet = tmp;
            if (virDomainNetDefParse(cur, source, &net, &macSet[def->nnets]) <
                0)
                goto cleanup;
            if (macSet[def->nnets]) {
                for (i = 0; i < def->nnets; i++) {
                    if (macSet[i] && memcmp(def->nets[i].mac, net.mac, 6) == 0)
                        break;
                }
                if (i < def->nnets) {
                    virMacFormat(net.mac, macstr);
                    virXMLReportError(VIR_ERR_XML_ERROR, cur, source,
                                      "duplicate interface MAC address "
                                      "'%s'",
                                      macstr);
                    goto cleanup;
                }
            }
            if (virDomainAppendNet(def, &net) < 0)
                goto cleanup;
        } else if (virXMLNodeIs(cur, "console")) {
            if (console) {
                virXMLReportError(VIR_ERR_XML_ERROR, cur, source, "%s",
                                  "duplicate <console> element in <devices>");
                goto cleanup;
            }
            console = true;
            if (virXMLPropString(cur, "tty", source, false, &def->consoleTty) <
                0)
                goto cleanup;
        }
    }

    /* Generate MACs last, so that none collides with one given later in
     * the document.  Slots without a MAC are all-zero meanwhile, which
     * no generated address can equal. */
    for (i = 0; i < def->nnets; i++) {
        if (!macSet[i] && virDomainMacGenerate(def, def->nets[i].mac) < 0)
            goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainDiskDefClear(&disk);
    virDomainNetDefClear(&net);
    free(macSet);
    return ret;
}

/* ---- parsing: the domain --------------------------------------------- */

static int
virDomainNameParse(const xmlNode *root, const char *source, virDomainDef *def)
{
    xmlNodePtr node = NULL;
    const unsigned char *p;
    size_t len;

    if (virXMLChildElement(root, "name", source, true, &node) < 0 ||
        virXMLNodeText(node, source, &def->name) < 0)
        return -1;
    len = strlen(def->name);
    if (len == 0) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source, "%s",
                          "<name> is empty");
        return -1;
    }
    if (len > VIR_DOMAIN_NAME_MAX) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<name> is %zu bytes long, the limit is %d", len,
                          VIR_DOMAIN_NAME_MAX);
        return -1;
    }
    /* The name becomes a file name (/etc/xen/NAME) and a xenstore value. */
    for (p = (const unsigned char *)def->name; *p != '\0'; p++) {
        if (*p == '/' || *p < 0x20 || *p == 0x7f) {
            virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                              "<name> '%s' must not contain '/' or control "
                              "characters",
                              def->name);
            return -1;
        }
    }
    return 0;
}

static int
virDomainOSParse(const xmlNode *root, const char *source, virDomainDef *def)
{
    xmlNodePtr os = NULL;
    xmlNodePtr type = NULL;
    int rc;

    if ((rc = virXMLChildElement(root, "os", source, false, &os)) < 0)
        return -1;
    if (rc == 1) {
        if ((rc = virXMLChildElement(os, "type", source, false, &type)) < 0 ||
            (rc == 1 && virXMLNodeText(type, source, &def->ostype) < 0) ||
            virXMLChildString(os, "kernel", source, false, &def->kernel) < 0 ||
            virXMLChildString(os, "initrd", source, false, &def->initrd) < 0 ||
            virXMLChildString(os, "cmdline", source, false, &def->cmdline) < 0)
            return -1;
    }
    /* A Xen guest without an OS type is paravirtualised, as with xm. */
    if (def->ostype == NULL)
        return virDomainDupStr(&def->ostype, "linux");
    /* xenpvh: a PVH guest (libvirt's later name for it). */
    if (strcmp(def->ostype, "linux") != 0 && strcmp(def->ostype, "hvm") != 0 &&
        strcmp(def->ostype, "xenpvh") != 0) {
        virXMLReportError(VIR_ERR_XML_ERROR, type, source,
                          "<os> <type> '%s' is not supported, expected "
                          "'linux', 'hvm' or 'xenpvh'",
                          def->ostype);
        return -1;
    }
    return 0;
}

static int
virDomainMemoryParse(const xmlNode *root, const char *source, virDomainDef *def)
{
    xmlNodePtr node = NULL;
    int rc;

    if (virXMLChildElement(root, "memory", source, true, &node) < 0 ||
        virXMLChildULong(root, "memory", source, true, &def->maxmem) < 0)
        return -1;
    if (def->maxmem == 0) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source, "%s",
                          "<memory> value '0' is too small: a domain needs "
                          "at least 1 KiB");
        return -1;
    }

    def->memory = def->maxmem;
    if ((rc = virXMLChildElement(root, "currentMemory", source, false, &node)) <
            0 ||
        (rc == 1 && virXMLChildULong(root, "currentMemory", source, true,
                                     &def->memory) < 0))
        return -1;
    if (def->memory == 0) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source, "%s",
                          "<currentMemory> value '0' is too small: a domain "
                          "needs at least 1 KiB");
        return -1;
    }
    if (def->memory > def->maxmem) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<currentMemory> %lu KiB is above <memory> %lu KiB",
                          def->memory, def->maxmem);
        return -1;
    }
    return 0;
}

static int
virDomainVcpuParse(const xmlNode *root, const char *source, virDomainDef *def)
{
    xmlNodePtr node = NULL;
    int rc;

    def->maxvcpus = 1;
    def->vcpus = 1;
    if ((rc = virXMLChildElement(root, "vcpu", source, false, &node)) <= 0)
        return rc;
    if (virXMLChildUInt(root, "vcpu", source, true, &def->maxvcpus) < 0)
        return -1;
    if (def->maxvcpus == 0 || def->maxvcpus > VIR_DOMAIN_MAX_VCPUS) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<vcpu> value '%u' is out of range 1-%d",
                          def->maxvcpus, VIR_DOMAIN_MAX_VCPUS);
        return -1;
    }
    def->vcpus = def->maxvcpus;
    if (virXMLPropUInt(node, "current", source, false, &def->vcpus) < 0)
        return -1;
    if (def->vcpus == 0 || def->vcpus > def->maxvcpus) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<vcpu> attribute current='%u' is out of range "
                          "1-%u",
                          def->vcpus, def->maxvcpus);
        return -1;
    }
    return 0;
}

static int
virDomainPinCompare(const void *a, const void *b)
{
    const virDomainVcpuPinDef *pa = a;
    const virDomainVcpuPinDef *pb = b;

    return pa->vcpu < pb->vcpu ? -1 : pa->vcpu > pb->vcpu;
}

/* Parses one <vcpupin> into the next slot of def->pins (allocated by the
 * caller for every <vcpupin>). */
static int
virDomainPinParse(const xmlNode *node, const char *source, virDomainDef *def)
{
    virDomainVcpuPinDef *pin = &def->pins[def->npins];
    char *cpuset = NULL;
    char why[256];
    size_t i;
    int rc;
    int ret = -1;

    if (virXMLPropUInt(node, "vcpu", source, true, &pin->vcpu) < 0)
        goto cleanup;
    if (pin->vcpu >= def->maxvcpus) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<vcpupin> vcpu='%u' is out of range: the domain "
                          "has %u vcpus",
                          pin->vcpu, def->maxvcpus);
        goto cleanup;
    }
    for (i = 0; i < def->npins; i++) {
        if (def->pins[i].vcpu == pin->vcpu) {
            virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                              "duplicate <vcpupin> for vcpu %u", pin->vcpu);
            goto cleanup;
        }
    }
    if (virXMLPropString(node, "cpuset", source, true, &cpuset) < 0)
        goto cleanup;
    rc = virCpuSetParseQuiet(cpuset, &pin->cpumap, &pin->maplen, why,
                             sizeof(why));
    if (rc == -2) {
        virReportOOMError();
        goto cleanup;
    }
    if (rc < 0) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<vcpupin> cpuset '%s' is invalid: %s", cpuset, why);
        goto cleanup;
    }
    def->npins++;
    ret = 0;

cleanup:
    free(cpuset);
    return ret;
}

static int
virDomainCputuneParse(const xmlNode *root, const char *source,
                      virDomainDef *def)
{
    xmlNodePtr cputune = NULL;
    xmlNodePtr cur;
    size_t n = 0;
    int rc;

    if ((rc = virXMLChildElement(root, "cputune", source, false, &cputune)) <=
        0)
        return rc;
    for (cur = cputune->children; cur != NULL; cur = cur->next) {
        if (virXMLNodeIs(cur, "vcpupin"))
            n++;
    }
    if (n == 0)
        return 0;
    if ((def->pins = calloc(n, sizeof(*def->pins))) == NULL) {
        virReportOOMError();
        return -1;
    }
    for (cur = cputune->children; cur != NULL; cur = cur->next) {
        if (virXMLNodeIs(cur, "vcpupin") &&
            virDomainPinParse(cur, source, def) < 0)
            return -1;
    }
    qsort(def->pins, def->npins, sizeof(*def->pins), virDomainPinCompare);
    return 0;
}

static int
virDomainLifecycleParse(const xmlNode *root, const char *source,
                        const char *name, virDomainRestart *value)
{
    xmlNodePtr node = NULL;
    char *str = NULL;
    int v;
    int rc;

    if ((rc = virXMLChildElement(root, name, source, false, &node)) <= 0)
        return rc;
    if (virXMLNodeText(node, source, &str) < 0)
        return -1;
    if ((v = virDomainRestartTypeFromString(str)) < 0) {
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<%s> value '%s' is not one of destroy, restart, "
                          "preserve, rename-restart",
                          name, str);
        free(str);
        return -1;
    }
    *value = (virDomainRestart)v;
    free(str);
    return 0;
}

/* Checks that @root is a <domain type='xen'> and reads its id. */
static int
virDomainRootParse(const xmlNode *root, const char *source, virDomainDef *def)
{
    char *type = NULL;
    unsigned int id = 0;
    int rc;
    int ret = -1;

    if (root->type != XML_ELEMENT_NODE) {
        virXMLReportError(VIR_ERR_XML_ERROR, root, source, "%s",
                          "expected a <domain> element");
        return -1;
    }
    if (!virXMLNodeIs(root, "domain")) {
        if (root->ns != NULL && root->ns->href != NULL)
            virXMLReportError(VIR_ERR_XML_ERROR, root, source,
                              "root element is <%s> in namespace '%s', "
                              "expected <domain> without a namespace",
                              (const char *)root->name,
                              (const char *)root->ns->href);
        else
            virXMLReportError(VIR_ERR_XML_ERROR, root, source,
                              "root element is <%s>, expected <domain>",
                              (const char *)root->name);
        return -1;
    }
    if (virXMLPropString(root, "type", source, true, &type) < 0)
        goto cleanup;
    if (strcmp(type, "xen") != 0) {
        virXMLReportError(VIR_ERR_XML_ERROR, root, source,
                          "<domain> type '%s' is not supported, expected "
                          "'xen'",
                          type);
        goto cleanup;
    }
    def->id = -1;
    if ((rc = virXMLPropUInt(root, "id", source, false, &id)) < 0)
        goto cleanup;
    if (rc == 1 && id > (unsigned int)INT_MAX) {
        virXMLReportError(VIR_ERR_XML_ERROR, root, source,
                          "<domain> attribute id='%u' is too large (the "
                          "maximum is %d)",
                          id, INT_MAX);
        goto cleanup;
    }
    if (rc == 1)
        def->id = (int)id;
    ret = 0;

cleanup:
    free(type);
    return ret;
}

virDomainDef *
virDomainDefParseNode(void *opaque, const char *source)
{
    const xmlNode *root = opaque;
    virDomainDef *def = NULL;
    xmlNodePtr node = NULL;
    char *uuid = NULL;
    int rc;

    if (root == NULL) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "virDomainDefParseNode: no node given");
        return NULL;
    }
    if ((def = calloc(1, sizeof(*def))) == NULL) {
        virReportOOMError();
        return NULL;
    }
    def->onPoweroff = VIR_DOMAIN_DESTROY;
    def->onReboot = VIR_DOMAIN_RESTART;
    def->onCrash = VIR_DOMAIN_RESTART;

    if (virDomainRootParse(root, source, def) < 0 ||
        virDomainNameParse(root, source, def) < 0)
        goto error;

    if ((rc = virXMLChildElement(root, "uuid", source, false, &node)) < 0 ||
        (rc == 1 && virXMLNodeText(node, source, &uuid) < 0))
        goto error;
    if (uuid != NULL) {
        if (virUUIDParse(uuid, def->uuid) < 0) {
            virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                              "<uuid> value '%s' is not a valid UUID", uuid);
            goto error;
        }
        def->uuidSet = true;
    }

    if (virDomainOSParse(root, source, def) < 0 ||
        virDomainMemoryParse(root, source, def) < 0 ||
        virDomainVcpuParse(root, source, def) < 0 ||
        virDomainCputuneParse(root, source, def) < 0 ||
        virDomainLifecycleParse(root, source, "on_poweroff", &def->onPoweroff) <
            0 ||
        virDomainLifecycleParse(root, source, "on_reboot", &def->onReboot) <
            0 ||
        virDomainLifecycleParse(root, source, "on_crash", &def->onCrash) < 0)
        goto error;

    if ((rc = virXMLChildElement(root, "devices", source, false, &node)) < 0 ||
        (rc == 1 && virDomainDevicesParse(node, source, def) < 0))
        goto error;

    free(uuid);
    return def;

error:
    free(uuid);
    virDomainDefFree(def);
    return NULL;
}

virDomainDef *
virDomainDefParseString(const char *xml)
{
    xmlDocPtr doc;
    virDomainDef *def;

    if (xml == NULL) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "no domain XML given");
        return NULL;
    }
    if ((doc = virXMLParseString(xml, strlen(xml), "domain XML")) == NULL)
        return NULL;
    def = virDomainDefParseNode(xmlDocGetRootElement(doc), NULL);
    xmlFreeDoc(doc);
    return def;
}

/* ---- formatting ------------------------------------------------------ */

static void
virDomainDiskDefFormat(virBuf *buf, const virDomainDiskDef *disk)
{
    bool file = disk->type == VIR_DOMAIN_DISK_TYPE_FILE;

    virBufIndent(buf, 2);
    virBufPrintf(buf, "<disk type='%s' device='%s'>\n", file ? "file" : "block",
                 disk->device == VIR_DOMAIN_DISK_DEVICE_CDROM ? "cdrom"
                                                              : "disk");
    virBufIndent(buf, 3);
    virBufAdd(buf, "<source");
    virBufAttr(buf, file ? "file" : "dev",
               disk->source != NULL ? disk->source : "");
    virBufAdd(buf, "/>\n");
    virBufIndent(buf, 3);
    virBufAdd(buf, "<target");
    virBufAttr(buf, "dev", disk->target != NULL ? disk->target : "");
    virBufAdd(buf, "/>\n");
    if (disk->readonly) {
        virBufIndent(buf, 3);
        virBufAdd(buf, "<readonly/>\n");
    }
    virBufIndent(buf, 2);
    virBufAdd(buf, "</disk>\n");
}

/* "<ELEM ATTR='value'/>" at level 3, when @value is set. */
static void
virBufEmptyElement(virBuf *buf, const char *elem, const char *attr,
                   const char *value)
{
    if (value == NULL)
        return;
    virBufIndent(buf, 3);
    virBufPrintf(buf, "<%s", elem);
    virBufAttr(buf, attr, value);
    virBufAdd(buf, "/>\n");
}

static void
virDomainNetDefFormat(virBuf *buf, const virDomainNetDef *net)
{
    char mac[VIR_MAC_STRING_BUFLEN];

    virMacFormat(net->mac, mac);
    virBufIndent(buf, 2);
    virBufPrintf(buf, "<interface type='%s'>\n",
                 net->type == VIR_DOMAIN_NET_TYPE_ETHERNET ? "ethernet"
                                                           : "bridge");
    virBufEmptyElement(buf, "mac", "address", mac);
    virBufEmptyElement(buf, "source", "bridge", net->bridge);
    virBufEmptyElement(buf, "script", "path", net->script);
    virBufEmptyElement(buf, "ip", "address", net->ip);
    virBufIndent(buf, 2);
    virBufAdd(buf, "</interface>\n");
}

static void
virDomainLifecycleFormat(virBuf *buf, const char *name, virDomainRestart value)
{
    const char *str = virDomainRestartTypeToString(value);

    virBufElement(buf, 1, name, str != NULL ? str : "destroy");
}

char *
virDomainDefFormat(const virDomainDef *def, int id)
{
    virBuf buf = {.data = NULL};
    char uuid[VIR_UUID_STRING_BUFLEN];
    char *cpuset;
    size_t i;

    if (def == NULL || def->name == NULL) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "virDomainDefFormat: no definition or no name");
        return NULL;
    }

    virBufAdd(&buf, "<domain type='xen'");
    if (id >= 0)
        virBufPrintf(&buf, " id='%d'", id);
    virBufAdd(&buf, ">\n");
    virBufElement(&buf, 1, "name", def->name);
    if (def->uuidSet) {
        virUUIDFormat(def->uuid, uuid);
        virBufElement(&buf, 1, "uuid", uuid);
    }

    virBufAdd(&buf, "  <os>\n");
    virBufElement(&buf, 2, "type", def->ostype != NULL ? def->ostype : "linux");
    if (def->kernel != NULL)
        virBufElement(&buf, 2, "kernel", def->kernel);
    if (def->initrd != NULL)
        virBufElement(&buf, 2, "initrd", def->initrd);
    if (def->cmdline != NULL)
        virBufElement(&buf, 2, "cmdline", def->cmdline);
    virBufAdd(&buf, "  </os>\n");

    virBufPrintf(&buf, "  <memory>%lu</memory>\n", def->maxmem);
    virBufPrintf(&buf, "  <currentMemory>%lu</currentMemory>\n", def->memory);
    if (def->vcpus != def->maxvcpus)
        virBufPrintf(&buf, "  <vcpu current='%u'>%u</vcpu>\n", def->vcpus,
                     def->maxvcpus);
    else
        virBufPrintf(&buf, "  <vcpu>%u</vcpu>\n", def->maxvcpus);

    if (def->npins > 0) {
        virBufAdd(&buf, "  <cputune>\n");
        for (i = 0; i < def->npins; i++) {
            if ((cpuset = virCpuSetFormat(def->pins[i].cpumap,
                                          def->pins[i].maplen)) == NULL) {
                free(buf.data);
                return NULL;
            }
            virBufPrintf(&buf, "    <vcpupin vcpu='%u'", def->pins[i].vcpu);
            virBufAttr(&buf, "cpuset", cpuset);
            virBufAdd(&buf, "/>\n");
            free(cpuset);
        }
        virBufAdd(&buf, "  </cputune>\n");
    }

    virDomainLifecycleFormat(&buf, "on_poweroff", def->onPoweroff);
    virDomainLifecycleFormat(&buf, "on_reboot", def->onReboot);
    virDomainLifecycleFormat(&buf, "on_crash", def->onCrash);

    if (def->ndisks > 0 || def->nnets > 0 || def->consoleTty != NULL) {
        virBufAdd(&buf, "  <devices>\n");
        for (i = 0; i < def->ndisks; i++)
            virDomainDiskDefFormat(&buf, &def->disks[i]);
        for (i = 0; i < def->nnets; i++)
            virDomainNetDefFormat(&buf, &def->nets[i]);
        if (def->consoleTty != NULL) {
            virBufIndent(&buf, 2);
            virBufAdd(&buf, "<console");
            virBufAttr(&buf, "tty", def->consoleTty);
            virBufAdd(&buf, "/>\n");
        }
        virBufAdd(&buf, "  </devices>\n");
    }
    virBufAdd(&buf, "</domain>\n");
    return virBufFinish(&buf);
}

/* ---- copy and compare ------------------------------------------------ */

virDomainDef *
virDomainDefCopy(const virDomainDef *def)
{
    virDomainDef *copy = NULL;

    if (def == NULL) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "virDomainDefCopy: no definition");
        return NULL;
    }
    if ((copy = calloc(1, sizeof(*copy))) == NULL)
        goto oom;
    /* Scalars first; every pointer is then replaced by a copy of its own
     * (or NULL) before anything can fail, so one free undoes it all. */
    *copy = *def;
    copy->name = copy->ostype = copy->kernel = NULL;
    copy->initrd = copy->cmdline = copy->consoleTty = NULL;
    copy->pins = NULL;
    copy->npins = 0;
    copy->disks = NULL;
    copy->ndisks = 0;
    copy->nets = NULL;
    copy->nnets = 0;

    if (virDomainDupStr(&copy->name, def->name) < 0 ||
        virDomainDupStr(&copy->ostype, def->ostype) < 0 ||
        virDomainDupStr(&copy->kernel, def->kernel) < 0 ||
        virDomainDupStr(&copy->initrd, def->initrd) < 0 ||
        virDomainDupStr(&copy->cmdline, def->cmdline) < 0 ||
        virDomainDupStr(&copy->consoleTty, def->consoleTty) < 0)
        goto error;

    if (def->npins > 0) {
        if ((copy->pins = calloc(def->npins, sizeof(*copy->pins))) == NULL)
            goto oom;
        for (; copy->npins < def->npins; copy->npins++) {
            const virDomainVcpuPinDef *src = &def->pins[copy->npins];
            virDomainVcpuPinDef *dst = &copy->pins[copy->npins];

            dst->vcpu = src->vcpu;
            dst->maplen = src->maplen;
            if (src->maplen > 0) {
                if ((dst->cpumap = malloc(src->maplen)) == NULL)
                    goto oom;
                memcpy(dst->cpumap, src->cpumap, src->maplen);
            }
        }
    }

    if (def->ndisks > 0) {
        if ((copy->disks = calloc(def->ndisks, sizeof(*copy->disks))) == NULL)
            goto oom;
        for (; copy->ndisks < def->ndisks; copy->ndisks++) {
            const virDomainDiskDef *src = &def->disks[copy->ndisks];
            virDomainDiskDef *dst = &copy->disks[copy->ndisks];

            dst->type = src->type;
            dst->device = src->device;
            dst->readonly = src->readonly;
            if (virDomainDupStr(&dst->source, src->source) < 0 ||
                virDomainDupStr(&dst->target, src->target) < 0) {
                copy->ndisks++;
                goto error;
            }
        }
    }

    if (def->nnets > 0) {
        if ((copy->nets = calloc(def->nnets, sizeof(*copy->nets))) == NULL)
            goto oom;
        for (; copy->nnets < def->nnets; copy->nnets++) {
            const virDomainNetDef *src = &def->nets[copy->nnets];
            virDomainNetDef *dst = &copy->nets[copy->nnets];

            dst->type = src->type;
            memcpy(dst->mac, src->mac, sizeof(dst->mac));
            if (virDomainDupStr(&dst->bridge, src->bridge) < 0 ||
                virDomainDupStr(&dst->script, src->script) < 0 ||
                virDomainDupStr(&dst->ip, src->ip) < 0) {
                copy->nnets++;
                goto error;
            }
        }
    }
    return copy;

oom:
    virReportOOMError();
error:
    virDomainDefFree(copy);
    return NULL;
}

static bool
virDomainDiskDefEqual(const virDomainDiskDef *a, const virDomainDiskDef *b)
{
    return a->type == b->type && a->device == b->device &&
           a->readonly == b->readonly &&
           virDomainStrEqual(a->source, b->source) &&
           virDomainStrEqual(a->target, b->target);
}

static bool
virDomainNetDefEqual(const virDomainNetDef *a, const virDomainNetDef *b)
{
    return a->type == b->type && memcmp(a->mac, b->mac, sizeof(a->mac)) == 0 &&
           virDomainStrEqual(a->bridge, b->bridge) &&
           virDomainStrEqual(a->script, b->script) &&
           virDomainStrEqual(a->ip, b->ip);
}

bool
virDomainDefEqual(const virDomainDef *a, const virDomainDef *b)
{
    size_t i;

    if (a == NULL || b == NULL)
        return a == b;
    if (a->id != b->id || a->uuidSet != b->uuidSet ||
        (a->uuidSet && memcmp(a->uuid, b->uuid, VIR_UUID_BUFLEN) != 0) ||
        !virDomainStrEqual(a->name, b->name) ||
        !virDomainStrEqual(a->ostype, b->ostype) ||
        !virDomainStrEqual(a->kernel, b->kernel) ||
        !virDomainStrEqual(a->initrd, b->initrd) ||
        !virDomainStrEqual(a->cmdline, b->cmdline) || a->maxmem != b->maxmem ||
        a->memory != b->memory || a->maxvcpus != b->maxvcpus ||
        a->vcpus != b->vcpus || a->onPoweroff != b->onPoweroff ||
        a->onReboot != b->onReboot || a->onCrash != b->onCrash ||
        !virDomainStrEqual(a->consoleTty, b->consoleTty) ||
        a->npins != b->npins || a->ndisks != b->ndisks || a->nnets != b->nnets)
        return false;
    for (i = 0; i < a->npins; i++) {
        if (a->pins[i].vcpu != b->pins[i].vcpu ||
            !virCpuMapEqual(a->pins[i].cpumap, a->pins[i].maplen,
                            b->pins[i].cpumap, b->pins[i].maplen))
            return false;
    }
    for (i = 0; i < a->ndisks; i++) {
        if (!virDomainDiskDefEqual(&a->disks[i], &b->disks[i]))
            return false;
    }
    for (i = 0; i < a->nnets; i++) {
        if (!virDomainNetDefEqual(&a->nets[i], &b->nets[i]))
            return false;
    }
    return true;
}

/* ---- device hotplug -------------------------------------------------- */

/* Parses @xml, which must hold one device element; *@doc owns it. */
static xmlNodePtr
virDomainDeviceParse(const char *xml, xmlDocPtr *doc)
{
    xmlNodePtr root;

    if (xml == NULL) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "no device XML given");
        return NULL;
    }
    if ((*doc = virXMLParseString(xml, strlen(xml), "device XML")) == NULL)
        return NULL;
    root = xmlDocGetRootElement(*doc);
    if (!virXMLNodeIs(root, "disk") && !virXMLNodeIs(root, "interface")) {
        virXMLReportError(VIR_ERR_XML_ERROR, root, NULL,
                          "<%s> is not a device that can be attached or "
                          "detached, expected <disk> or <interface>",
                          (const char *)root->name);
        return NULL;
    }
    return root;
}

int
virDomainDefAttachDeviceXML(virDomainDef *def, const char *xml)
{
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    virDomainDiskDef disk;
    virDomainNetDef net;
    bool macSet = false;
    char mac[VIR_MAC_STRING_BUFLEN];
    int ret = -1;

    memset(&disk, 0, sizeof(disk));
    memset(&net, 0, sizeof(net));
    if (def == NULL) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "virDomainDefAttachDeviceXML: no definition");
        return -1;
    }
    if ((root = virDomainDeviceParse(xml, &doc)) == NULL)
        goto cleanup;

    if (virXMLNodeIs(root, "disk")) {
        if (virDomainDiskDefParse(root, NULL, &disk) < 0)
            goto cleanup;
        if (virDomainFindDisk(def, disk.target) >= 0) {
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "disk target '%s' is already in use", disk.target);
            goto cleanup;
        }
        ret = virDomainAppendDisk(def, &disk);
    } else {
        if (virDomainNetDefParse(root, NULL, &net, &macSet) < 0)
            goto cleanup;
        if (macSet && virDomainFindNet(def, net.mac) >= 0) {
            virMacFormat(net.mac, mac);
            virReportError(VIR_ERR_OPERATION_INVALID,
                           "MAC address '%s' is already in use", mac);
            goto cleanup;
        }
        if (!macSet && virDomainMacGenerate(def, net.mac) < 0)
            goto cleanup;
        ret = virDomainAppendNet(def, &net);
    }

cleanup:
    virDomainDiskDefClear(&disk);
    virDomainNetDefClear(&net);
    xmlFreeDoc(doc);
    return ret;
}

int
virDomainDefDetachDeviceXML(virDomainDef *def, const char *xml)
{
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    char *target = NULL;
    unsigned char mac[6];
    char macstr[VIR_MAC_STRING_BUFLEN];
    ssize_t idx;
    int rc;
    int ret = -1;

    if (def == NULL) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "virDomainDefDetachDeviceXML: no definition");
        return -1;
    }
    if ((root = virDomainDeviceParse(xml, &doc)) == NULL)
        goto cleanup;

    if (virXMLNodeIs(root, "disk")) {
        if (virDomainDiskTargetParse(root, NULL, &target) < 0)
            goto cleanup;
        if ((idx = virDomainFindDisk(def, target)) < 0) {
            virReportError(VIR_ERR_NO_DEVICE, "no disk with target '%s'",
                           target);
            goto cleanup;
        }
        virDomainDiskDefClear(&def->disks[idx]);
        memmove(&def->disks[idx], &def->disks[idx + 1],
                (def->ndisks - (size_t)idx - 1) * sizeof(*def->disks));
        def->ndisks--;
    } else {
        if ((rc = virDomainNetMacParse(root, NULL, mac)) < 0)
            goto cleanup;
        if (rc == 0) {
            virXMLReportError(VIR_ERR_XML_ERROR, root, NULL, "%s",
                              "<interface> to detach has no <mac address>");
            goto cleanup;
        }
        if ((idx = virDomainFindNet(def, mac)) < 0) {
            virMacFormat(mac, macstr);
            virReportError(VIR_ERR_NO_DEVICE,
                           "no interface with MAC address '%s'", macstr);
            goto cleanup;
        }
        virDomainNetDefClear(&def->nets[idx]);
        memmove(&def->nets[idx], &def->nets[idx + 1],
                (def->nnets - (size_t)idx - 1) * sizeof(*def->nets));
        def->nnets--;
    }
    ret = 0;

cleanup:
    free(target);
    xmlFreeDoc(doc);
    return ret;
}
