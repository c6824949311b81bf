/*
 * xen_domcfg.c: domain definitions <-> libxl_domain_config.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "xen_domcfg.h"
#include "cpuset.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

static libxl_action_on_shutdown
xenDomcfgAction(virDomainRestart r)
{
    switch (r) {
    case VIR_DOMAIN_RESTART:
        return LIBXL_ACTION_ON_SHUTDOWN_RESTART;
    case VIR_DOMAIN_PRESERVE:
        return LIBXL_ACTION_ON_SHUTDOWN_PRESERVE;
    case VIR_DOMAIN_RENAME_RESTART:
        return LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME;
    case VIR_DOMAIN_DESTROY:
    default:
        return LIBXL_ACTION_ON_SHUTDOWN_DESTROY;
    }
}

static int
xenDomcfgRestart(libxl_action_on_shutdown a, const char *what,
                 virDomainRestart *out)
{
    switch (a) {
    case LIBXL_ACTION_ON_SHUTDOWN_DESTROY:
        *out = VIR_DOMAIN_DESTROY;
        return 0;
    case LIBXL_ACTION_ON_SHUTDOWN_RESTART:
        *out = VIR_DOMAIN_RESTART;
        return 0;
    case LIBXL_ACTION_ON_SHUTDOWN_RESTART_RENAME:
        *out = VIR_DOMAIN_RENAME_RESTART;
        return 0;
    case LIBXL_ACTION_ON_SHUTDOWN_PRESERVE:
        *out = VIR_DOMAIN_PRESERVE;
        return 0;
    case LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_DESTROY:
    case LIBXL_ACTION_ON_SHUTDOWN_COREDUMP_RESTART:
    case LIBXL_ACTION_ON_SHUTDOWN_SOFT_RESET:
    default:
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "%s action '%s' has no domain XML form", what,
                       libxl_action_on_shutdown_to_string(a));
        return -1;
    }
}

int
xenBitmapAlloc(libxl_bitmap *bm, unsigned int nbits)
{
    /* libxl_bitmap_alloc needs a context; libxl_bitmap_dispose frees
     * this one all the same. */
    bm->size = (nbits + 7) / 8;
    if ((bm->map = calloc(bm->size > 0 ? bm->size : 1, 1)) == NULL) {
        bm->size = 0;
        virReportOOMError();
        return -1;
    }
    return 0;
}

static int
xenDomcfgBitmapFromMap(const unsigned char *map, size_t maplen,
                       libxl_bitmap *bm)
{
    size_t n = maplen < bm->size ? maplen : bm->size;

    memset(bm->map, 0, bm->size);
    memcpy(bm->map, map, n);
    return 0;
}

static int
xenDomcfgVcpus(const virDomainDef *def, libxl_domain_build_info *b)
{
    unsigned int v;
    size_t p = 0;
    /* Enough bytes for every cpu a definition may name. */
    unsigned int nbits = VIR_CPUSET_MAX_CPUS;

    b->max_vcpus = (int)def->maxvcpus;
    if (xenBitmapAlloc(&b->avail_vcpus, def->maxvcpus) < 0)
        return -1;
    for (v = 0; v < def->vcpus; v++)
        libxl_bitmap_set(&b->avail_vcpus, (int)v);
    if (def->npins == 0)
        return 0;
    b->vcpu_hard_affinity = calloc(def->maxvcpus, sizeof(libxl_bitmap));
    if (b->vcpu_hard_affinity == NULL)
        goto oom;
    b->num_vcpu_hard_affinity = (int)def->maxvcpus;
    for (v = 0; v < def->maxvcpus; v++) {
        libxl_bitmap *bm = &b->vcpu_hard_affinity[v];

        libxl_bitmap_init(bm);
        if (xenBitmapAlloc(bm, nbits) < 0)
            return -1;
        if (p < def->npins && def->pins[p].vcpu == v) {
            xenDomcfgBitmapFromMap(def->pins[p].cpumap, def->pins[p].maplen,
                                   bm);
            p++;
        } else {
            libxl_bitmap_set_any(bm);
        }
    }
    return 0;

oom:
    virReportOOMError();
    return -1;
}

int
xenDomcfgDiskFromDef(const virDomainDiskDef *d, libxl_device_disk *disk)
{
    disk->format = LIBXL_DISK_FORMAT_RAW;
    disk->backend = LIBXL_DISK_BACKEND_UNKNOWN;
    disk->readwrite = !d->readonly;
    disk->is_cdrom = d->device == VIR_DOMAIN_DISK_DEVICE_CDROM;
    if (virDomainDupStr(&disk->pdev_path, d->source) < 0 ||
        virDomainDupStr(&disk->vdev, d->target) < 0)
        return -1;
    /* Left to itself, libxl serves an image file through QEMU (qdisk),
     * which a dom0 without a device model lacks; Xen's block script puts
     * the file on a loop device for the kernel's blkback instead. */
    if (d->type == VIR_DOMAIN_DISK_TYPE_FILE &&
        (disk->script = strdup("block")) == NULL) {
        virReportOOMError();
        return -1;
    }
    return 0;
}

int
xenDomcfgNicFromDef(const virDomainNetDef *n, libxl_device_nic *nic)
{
    memcpy(nic->mac, n->mac, sizeof(nic->mac));
    if (virDomainDupStr(&nic->bridge, n->bridge) < 0 ||
        virDomainDupStr(&nic->script, n->script) < 0 ||
        virDomainDupStr(&nic->ip, n->ip) < 0)
        return -1;
    return 0;
}

int
xenDomcfgDiskToDef(const libxl_device_disk *disk, virDomainDiskDef *d)
{
    d->type = strncmp(disk->pdev_path, "/dev/", 5) == 0
                  ? VIR_DOMAIN_DISK_TYPE_BLOCK
                  : VIR_DOMAIN_DISK_TYPE_FILE;
    d->device = disk->is_cdrom ? VIR_DOMAIN_DISK_DEVICE_CDROM
                               : VIR_DOMAIN_DISK_DEVICE_DISK;
    d->readonly = !disk->readwrite;
    if (virDomainDupStr(&d->source, disk->pdev_path) < 0 ||
        virDomainDupStr(&d->target, disk->vdev) < 0)
        return -1;
    return 0;
}

static int
xenDomcfgDevices(const virDomainDef *def, libxl_domain_config *out)
{
    size_t i;

    if (def->ndisks > 0 &&
        (out->disks = calloc(def->ndisks, sizeof(*out->disks))) == NULL)
        goto oom;
    for (i = 0; i < def->ndisks; i++) {
        libxl_device_disk_init(&out->disks[i]);
        out->num_disks = (int)i + 1;
        if (xenDomcfgDiskFromDef(&def->disks[i], &out->disks[i]) < 0)
            return -1;
    }
    if (def->nnets > 0 &&
        (out->nics = calloc(def->nnets, sizeof(*out->nics))) == NULL)
        goto oom;
    for (i = 0; i < def->nnets; i++) {
        libxl_device_nic_init(&out->nics[i]);
        out->num_nics = (int)i + 1;
        if (xenDomcfgNicFromDef(&def->nets[i], &out->nics[i]) < 0)
            return -1;
    }
    return 0;

oom:
    virReportOOMError();
    return -1;
}

/* cpuid = "host,NAME=VALUE,...": libxl parses one NAME=VALUE at a time;
 * "host", the base policy, is what it starts from anyway. */
static int
xenDomcfgCpuid(const char *cpuid, libxl_domain_build_info *b)
{
    char *copy = strdup(cpuid);
    char *save = NULL;
    char *item;
    int ret = -1;

    if (copy == NULL) {
        virReportOOMError();
        return -1;
    }
    for (item = strtok_r(copy, ",", &save); item != NULL;
         item = strtok_r(NULL, ",", &save)) {
        if (strcmp(item, "host") == 0)
            continue;
        if (libxl_cpuid_parse_config(&b->cpuid, item) != 0) {
            virReportError(VIR_ERR_CONFIG_INVALID,
                           "cpuid '%s': '%s' is not understood by libxenlight",
                           cpuid, item);
            goto cleanup;
        }
    }
    ret = 0;

cleanup:
    free(copy);
    return ret;
}

int
xenDomcfgFromConfig(const xenConfig *cfg, libxl_domain_config *out)
{
    const virDomainDef *def = cfg->def;
    libxl_domain_build_info *b = &out->b_info;
    libxl_domain_type type = LIBXL_DOMAIN_TYPE_PV;

    if (def->ostype != NULL && strcmp(def->ostype, "hvm") == 0)
        type = LIBXL_DOMAIN_TYPE_HVM;
    else if (def->ostype != NULL && strcmp(def->ostype, "xenpvh") == 0)
        type = LIBXL_DOMAIN_TYPE_PVH;
    out->c_info.type = type;
    libxl_domain_build_info_init_type(b, type);
    memcpy(libxl_uuid_bytearray(&out->c_info.uuid), def->uuid, VIR_UUID_BUFLEN);
    if (virDomainDupStr(&out->c_info.name, def->name) < 0 ||
        virDomainDupStr(&b->kernel, def->kernel) < 0 ||
        virDomainDupStr(&b->ramdisk, def->initrd) < 0 ||
        virDomainDupStr(&b->cmdline, def->cmdline) < 0)
        return -1;
    b->max_memkb = def->maxmem;
    b->target_memkb = def->memory;
    if (xenDomcfgVcpus(def, b) < 0)
        return -1;
    if (cfg->cpuid != NULL && xenDomcfgCpuid(cfg->cpuid, b) < 0)
        return -1;
    out->on_poweroff = xenDomcfgAction(def->onPoweroff);
    out->on_reboot = xenDomcfgAction(def->onReboot);
    out->on_crash = xenDomcfgAction(def->onCrash);
    return xenDomcfgDevices(def, out);
}

/* ---- libxl -> definition ---------------------------------------------- */

static int
xenDomcfgPinsToDef(const libxl_domain_build_info *b, virDomainDef *def)
{
    int v;
    int cpu;
    int nbits;
    bool all;

    if (b->num_vcpu_hard_affinity <= 0)
        return 0;
    def->pins = calloc((size_t)b->num_vcpu_hard_affinity, sizeof(*def->pins));
    if (def->pins == NULL)
        goto oom;
    for (v = 0; v < b->num_vcpu_hard_affinity && v < (int)def->maxvcpus; v++) {
        const libxl_bitmap *bm = &b->vcpu_hard_affinity[v];
        virDomainVcpuPinDef *pin = &def->pins[def->npins];

        nbits = (int)bm->size * 8;
        if (nbits > VIR_CPUSET_MAX_CPUS)
            nbits = VIR_CPUSET_MAX_CPUS;
        all = true;
        for (cpu = 0; cpu < nbits && all; cpu++)
            all = libxl_bitmap_test(bm, cpu);
        if (all || libxl_bitmap_is_empty(bm))
            continue; /* unpinned */
        pin->vcpu = (unsigned int)v;
        pin->maplen = (size_t)(nbits + 7) / 8;
        if ((pin->cpumap = calloc(1, pin->maplen)) == NULL)
            goto oom;
        memcpy(pin->cpumap, bm->map, pin->maplen);
        def->npins++;
    }
    return 0;

oom:
    virReportOOMError();
    return -1;
}

static int
xenDomcfgDevicesToDef(const libxl_domain_config *in, virDomainDef *def)
{
    int i;

    if (in->num_disks > 0 && (def->disks = calloc((size_t)in->num_disks,
                                                  sizeof(*def->disks))) == NULL)
        goto oom;
    for (i = 0; i < in->num_disks; i++) {
        const libxl_device_disk *d = &in->disks[i];

        if (d->pdev_path == NULL || d->vdev == NULL)
            continue; /* an empty cdrom drive */
        if (xenDomcfgDiskToDef(d, &def->disks[def->ndisks++]) < 0)
            return -1;
    }
    if (in->num_nics > 0 &&
        (def->nets = calloc((size_t)in->num_nics, sizeof(*def->nets))) == NULL)
        goto oom;
    for (i = 0; i < in->num_nics; i++) {
        const libxl_device_nic *n = &in->nics[i];
        virDomainNetDef *nd = &def->nets[i];

        def->nnets++;
        memcpy(nd->mac, n->mac, sizeof(nd->mac));
        nd->type = n->bridge != NULL ? VIR_DOMAIN_NET_TYPE_BRIDGE
                                     : VIR_DOMAIN_NET_TYPE_ETHERNET;
        if (virDomainDupStr(&nd->bridge, n->bridge) < 0 ||
            virDomainDupStr(&nd->script, n->script) < 0 ||
            virDomainDupStr(&nd->ip, n->ip) < 0)
            return -1;
    }
    return 0;

oom:
    virReportOOMError();
    return -1;
}

virDomainDef *
xenDomcfgToDef(const libxl_domain_config *in)
{
    const libxl_domain_build_info *b = &in->b_info;
    virDomainDef *def = calloc(1, sizeof(*def));
    const char *ostype = "linux";
    int online;

    if (def == NULL) {
        virReportOOMError();
        return NULL;
    }
    def->id = -1;
    if (in->c_info.type == LIBXL_DOMAIN_TYPE_HVM)
        ostype = "hvm";
    else if (in->c_info.type == LIBXL_DOMAIN_TYPE_PVH)
        ostype = "xenpvh";
    memcpy(def->uuid, libxl_uuid_bytearray_const(&in->c_info.uuid),
           VIR_UUID_BUFLEN);
    def->uuidSet = true;
    def->maxmem = (unsigned long)b->max_memkb;
    def->memory = (unsigned long)b->target_memkb;
    if (def->memory > def->maxmem)
        def->maxmem = def->memory;
    def->maxvcpus = b->max_vcpus > 0 ? (unsigned int)b->max_vcpus : 1;
    online = libxl_bitmap_count_set(&b->avail_vcpus);
    def->vcpus = online > 0 && (unsigned int)online <= def->maxvcpus
                     ? (unsigned int)online
                     : def->maxvcpus;
    if (virDomainDupStr(&def->name, in->c_info.name) < 0 ||
        virDomainDupStr(&def->ostype, ostype) < 0 ||
        virDomainDupStr(&def->kernel, b->kernel) < 0 ||
        virDomainDupStr(&def->initrd, b->ramdisk) < 0 ||
        virDomainDupStr(&def->cmdline, b->cmdline) < 0 ||
        xenDomcfgRestart(in->on_poweroff, "on_poweroff", &def->onPoweroff) <
            0 ||
        xenDomcfgRestart(in->on_reboot, "on_reboot", &def->onReboot) < 0 ||
        xenDomcfgRestart(in->on_crash, "on_crash", &def->onCrash) < 0 ||
        xenDomcfgPinsToDef(b, def) < 0 || xenDomcfgDevicesToDef(in, def) < 0)
        goto error;
    return def;

error:
    virDomainDefFree(def);
    return NULL;
}
