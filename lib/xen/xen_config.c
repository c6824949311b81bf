/*
 * xen_config.c: xl configuration files <-> domain definitions.
 */

#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIBXL_API_VERSION 0x041300
#include <libxl.h>
#include <libxlutil.h>

#include "xen_cfgsyntax.h"
#include "xen_config.h"
#include "xen_domcfg.h"
#include "cpuset.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_XEN

/* xl counts memory in MiB, the domain XML in KiB. */
#define XEN_KIB_PER_MIB 1024UL

typedef struct _xenConfigReader xenConfigReader;

struct _xenConfigReader {
    XLU_Config *cfg;
    const char *source;
    char *report; /* what libxlutil wrote about the file */
    size_t reportlen;
    FILE *reportfp;
};

static void
xenConfigFreeReader(xenConfigReader *r)
{
    if (r->cfg != NULL)
        xlu_cfg_destroy(r->cfg);
    if (r->reportfp != NULL)
        fclose(r->reportfp);
    free(r->report);
}

/* The first line libxlutil reported, without its newline. */
static const char *
xenConfigReport(xenConfigReader *r)
{
    char *nl;

    if (r->reportfp != NULL)
        fflush(r->reportfp);
    if (r->report == NULL || r->report[0] == '\0')
        return "syntax error";
    if ((nl = strchr(r->report, '\n')) != NULL)
        *nl = '\0';
    return r->report;
}

/* A stable value derived from @name, for a UUID or a MAC address the
 * file leaves out (FNV-1a), so that every read gives the same one. */
static void
xenConfigHashName(const char *name, unsigned int salt, unsigned char *out,
                  size_t len)
{
    unsigned long long h = 1469598103934665603ULL ^ salt;
    size_t i;
    const unsigned char *p;

    for (i = 0; i < len; i++) {
        for (p = (const unsigned char *)name; *p != '\0'; p++) {
            h ^= *p;
            h *= 1099511628211ULL;
        }
        h ^= i;
        h *= 1099511628211ULL;
        out[i] = (unsigned char)(h >> 56);
    }
}

/* Reads string key @key into *@dst (left NULL when absent). */
static int
xenConfigGetString(xenConfigReader *r, const char *key, char **dst)
{
    const char *val = NULL;
    int rc = xlu_cfg_get_string(r->cfg, key, &val, 1);

    if (rc == ESRCH)
        return 0;
    if (rc != 0) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s': '%s' must be a string", r->source, key);
        return -1;
    }
    return virDomainDupStr(dst, val);
}

/* Reads positive integer key @key; 0 when absent. */
static int
xenConfigGetCount(xenConfigReader *r, const char *key, unsigned long max,
                  unsigned long *dst)
{
    long val = 0;
    int rc = xlu_cfg_get_long(r->cfg, key, &val, 1);

    *dst = 0;
    if (rc == ESRCH)
        return 0;
    if (rc != 0 || val < 1 || (unsigned long)val > max) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s': '%s' must be a number from 1 to %lu",
                       r->source, key, max);
        return -1;
    }
    *dst = (unsigned long)val;
    return 0;
}

static int
xenConfigParseType(xenConfigReader *r, virDomainDef *def)
{
    char *type = NULL;
    char *builder = NULL;
    const char *ostype = "linux";
    int ret = -1;

    if (xenConfigGetString(r, "type", &type) < 0 ||
        xenConfigGetString(r, "builder", &builder) < 0)
        goto cleanup;
    if (type != NULL) {
        if (strcmp(type, "pvh") == 0) {
            ostype = "xenpvh";
        } else if (strcmp(type, "hvm") == 0) {
            ostype = "hvm";
        } else if (strcmp(type, "pv") != 0) {
            virReportError(VIR_ERR_CONFIG_INVALID,
                           "xl config '%s': type '%s' is not one of pv, pvh, "
                           "hvm",
                           r->source, type);
            goto cleanup;
        }
    } else if (builder != NULL && strcmp(builder, "hvm") == 0) {
        ostype = "hvm";
    }
    ret = virDomainDupStr(&def->ostype, ostype);

cleanup:
    free(type);
    free(builder);
    return ret;
}

static int
xenConfigParseCmdline(xenConfigReader *r, virDomainDef *def)
{
    char *root = NULL;
    char *extra = NULL;
    int ret = -1;
    int n;

    if (xenConfigGetString(r, "cmdline", &def->cmdline) < 0)
        return -1;
    if (def->cmdline != NULL)
        return 0;
    /* xl joins them as "root=ROOT EXTRA". */
    if (xenConfigGetString(r, "root", &root) < 0 ||
        xenConfigGetString(r, "extra", &extra) < 0)
        goto cleanup;
    if (root == NULL) {
        def->cmdline = extra;
        extra = NULL;
    } else {
        n = asprintf(&def->cmdline, "root=%s%s%s", root,
                     extra != NULL ? " " : "", extra != NULL ? extra : "");
        if (n < 0) {
            def->cmdline = NULL;
            virReportOOMError();
            goto cleanup;
        }
    }
    ret = 0;

cleanup:
    free(root);
    free(extra);
    return ret;
}

static int
xenConfigParseMemory(xenConfigReader *r, virDomainDef *def)
{
    /* Bounded so that MiB -> KiB cannot overflow an unsigned long. */
    unsigned long limit = (unsigned long)-1 / XEN_KIB_PER_MIB;
    unsigned long memory;
    unsigned long maxmem;
    unsigned long vcpus;
    unsigned long maxvcpus;

    if (xenConfigGetCount(r, "memory", limit, &memory) < 0 ||
        xenConfigGetCount(r, "maxmem", limit, &maxmem) < 0 ||
        xenConfigGetCount(r, "vcpus", VIR_DOMAIN_MAX_VCPUS, &vcpus) < 0 ||
        xenConfigGetCount(r, "maxvcpus", VIR_DOMAIN_MAX_VCPUS, &maxvcpus) < 0)
        return -1;
    if (memory == 0)
        memory = 128; /* xl's default */
    if (maxmem == 0)
        maxmem = memory;
    if (vcpus == 0)
        vcpus = 1;
    if (maxvcpus == 0)
        maxvcpus = vcpus;
    if (memory > maxmem) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s': memory %lu MiB is above maxmem %lu "
                       "MiB",
                       r->source, memory, maxmem);
        return -1;
    }
    if (vcpus > maxvcpus) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s': vcpus %lu is above maxvcpus %lu",
                       r->source, vcpus, maxvcpus);
        return -1;
    }
    def->memory = memory * XEN_KIB_PER_MIB;
    def->maxmem = maxmem * XEN_KIB_PER_MIB;
    def->vcpus = (unsigned int)vcpus;
    def->maxvcpus = (unsigned int)maxvcpus;
    return 0;
}

static int
xenConfigAddPin(xenConfigReader *r, virDomainDef *def, unsigned int vcpu,
                const char *cpus)
{
    virDomainVcpuPinDef *pin;

    if (strcmp(cpus, "all") == 0)
        return 0;
    if (vcpu >= def->maxvcpus) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s': 'cpus' pins vcpu %u but the domain "
                       "has %u",
                       r->source, vcpu, def->maxvcpus);
        return -1;
    }
    pin = realloc(def->pins, (def->npins + 1) * sizeof(*pin));
    if (pin == NULL) {
        virReportOOMError();
        return -1;
    }
    def->pins = pin;
    pin = &def->pins[def->npins];
    pin->vcpu = vcpu;
    if (virCpuSetParse(cpus, &pin->cpumap, &pin->maplen) < 0)
        return -1;
    def->npins++;
    return 0;
}

/* cpus = "SET" pins every vcpu; cpus = ["SET0", "SET1"] one each. */
static int
xenConfigParseCpus(xenConfigReader *r, virDomainDef *def)
{
    XLU_ConfigList *list = NULL;
    const char *str = NULL;
    const char *item;
    int count = 0;
    unsigned int v;
    int i;

    if (xlu_cfg_get_list(r->cfg, "cpus", &list, &count, 1) == 0) {
        for (i = 0; i < count; i++) {
            if ((item = xlu_cfg_get_listitem(list, i)) == NULL) {
                virReportError(VIR_ERR_CONFIG_INVALID,
                               "xl config '%s': 'cpus' item %d is not a "
                               "string",
                               r->source, i);
                return -1;
            }
            if (xenConfigAddPin(r, def, (unsigned int)i, item) < 0)
                return -1;
        }
        return 0;
    }
    if (xlu_cfg_get_string(r->cfg, "cpus", &str, 1) != 0)
        return 0;
    for (v = 0; v < def->maxvcpus && strcmp(str, "all") != 0; v++) {
        if (xenConfigAddPin(r, def, v, str) < 0)
            return -1;
    }
    return 0;
}

static int
xenConfigParseAction(xenConfigReader *r, const char *key, virDomainRestart *dst)
{
    char *val = NULL;
    int v;

    if (xenConfigGetString(r, key, &val) < 0)
        return -1;
    if (val == NULL)
        return 0;
    if ((v = virDomainRestartTypeFromString(val)) < 0) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s': %s '%s' has no domain XML form "
                       "(destroy, restart, preserve, rename-restart)",
                       r->source, key, val);
        free(val);
        return -1;
    }
    *dst = (virDomainRestart)v;
    free(val);
    return 0;
}

/* Whether @spec holds a byte below 0x20 or 0x7f: with some of them,
 * libxlutil's disk scanner jams and calls exit(). */
static bool
xenConfigHasControl(const char *spec)
{
    for (; *spec != '\0'; spec++) {
        if ((unsigned char)*spec < 0x20 || *spec == 0x7f)
            return true;
    }
    return false;
}

static int
xenConfigParseDisk(xenConfigReader *r, int index, const char *spec,
                   virDomainDiskDef *d)
{
    libxl_device_disk disk;
    int ret = -1;

    libxl_device_disk_init(&disk);
    if (xenConfigHasControl(spec)) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s': disk item %d has a control character "
                       "(libxlutil's disk parser cannot take one)",
                       r->source, index);
        goto cleanup;
    }
    if (xlu_disk_parse(r->cfg, 1, &spec, &disk) != 0) {
        virReportError(VIR_ERR_CONFIG_INVALID, "xl config '%s': disk '%s': %s",
                       r->source, spec, xenConfigReport(r));
        goto cleanup;
    }
    if (disk.pdev_path == NULL || disk.vdev == NULL) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s': disk '%s' needs a target path and a "
                       "virtual device",
                       r->source, spec);
        goto cleanup;
    }
    if (xenDomcfgDiskToDef(&disk, d) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    libxl_device_disk_dispose(&disk);
    return ret;
}

static int
xenConfigParseMac(const char *str, unsigned char *mac)
{
    unsigned int b[6];
    char tail;
    int i;

    if (sscanf(str, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
               &b[4], &b[5], &tail) != 6)
        return -1;
    for (i = 0; i < 6; i++)
        mac[i] = (unsigned char)b[i];
    return 0;
}

/* Sets a vif key: a key given twice keeps its last value, as xl does. */
static int
xenConfigSetVifKey(char **dst, const char *val)
{
    free(*dst);
    return virDomainDupStr(dst, val);
}

/* One vif spec: comma-separated key=value pairs (xl-network-configuration
 * (5)); the keys without an XML form are ignored. */
static int
xenConfigParseVif(xenConfigReader *r, const char *spec, unsigned int index,
                  const char *name, virDomainNetDef *net)
{
    char *copy = NULL;
    char *save = NULL;
    char *tok;
    char *val;
    bool haveMac = false;
    int ret = -1;

    if ((copy = strdup(spec)) == NULL) {
        virReportOOMError();
        return -1;
    }
    for (tok = strtok_r(copy, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ')
            tok++;
        if (*tok == '\0')
            continue;
        if ((val = strchr(tok, '=')) == NULL) {
            virReportError(VIR_ERR_CONFIG_INVALID,
                           "xl config '%s': vif '%s': '%s' is not key=value",
                           r->source, spec, tok);
            goto cleanup;
        }
        *val++ = '\0';
        if (strcmp(tok, "mac") == 0) {
            if (xenConfigParseMac(val, net->mac) < 0) {
                virReportError(VIR_ERR_CONFIG_INVALID,
                               "xl config '%s': vif '%s': bad MAC address "
                               "'%s'",
                               r->source, spec, val);
                goto cleanup;
            }
            haveMac = true;
        } else if ((strcmp(tok, "bridge") == 0 &&
                    xenConfigSetVifKey(&net->bridge, val) < 0) ||
                   (strcmp(tok, "script") == 0 &&
                    xenConfigSetVifKey(&net->script, val) < 0) ||
                   (strcmp(tok, "ip") == 0 &&
                    xenConfigSetVifKey(&net->ip, val) < 0)) {
            goto cleanup;
        }
    }
    net->type = net->bridge != NULL ? VIR_DOMAIN_NET_TYPE_BRIDGE
                                    : VIR_DOMAIN_NET_TYPE_ETHERNET;
    if (!haveMac) {
        /* xl would pick a random one at each start; keep one per name. */
        net->mac[0] = 0x00;
        net->mac[1] = 0x16;
        net->mac[2] = 0x3e;
        xenConfigHashName(name, index + 1, net->mac + 3, 3);
        net->mac[3] &= 0x7f;
    }
    ret = 0;

cleanup:
    free(copy);
    return ret;
}

static int
xenConfigParseDevices(xenConfigReader *r, virDomainDef *def)
{
    XLU_ConfigList *list = NULL;
    const char *item;
    int count = 0;
    int i;

    if (xlu_cfg_get_list(r->cfg, "disk", &list, &count, 1) == 0 && count > 0) {
        if ((def->disks = calloc((size_t)count, sizeof(*def->disks))) == NULL) {
            virReportOOMError();
            return -1;
        }
        for (i = 0; i < count; i++) {
            if ((item = xlu_cfg_get_listitem(list, i)) == NULL ||
                xenConfigParseDisk(r, i, item, &def->disks[i]) < 0) {
                if (item == NULL)
                    virReportError(VIR_ERR_CONFIG_INVALID,
                                   "xl config '%s': disk item %d is not a "
                                   "string",
                                   r->source, i);
                def->ndisks = (size_t)i + 1;
                return -1;
            }
            def->ndisks = (size_t)i + 1;
        }
    }
    if (xlu_cfg_get_list(r->cfg, "vif", &list, &count, 1) == 0 && count > 0) {
        if ((def->nets = calloc((size_t)count, sizeof(*def->nets))) == NULL) {
            virReportOOMError();
            return -1;
        }
        for (i = 0; i < count; i++) {
            def->nnets = (size_t)i + 1;
            if ((item = xlu_cfg_get_listitem(list, i)) == NULL) {
                virReportError(VIR_ERR_CONFIG_INVALID,
                               "xl config '%s': vif item %d is not a string",
                               r->source, i);
                return -1;
            }
            if (xenConfigParseVif(r, item, (unsigned int)i, def->name,
                                  &def->nets[i]) < 0)
                return -1;
        }
    }
    return 0;
}

static int
xenConfigParseIdentity(xenConfigReader *r, virDomainDef *def)
{
    char *uuid = NULL;
    int ret = -1;

    if (xenConfigGetString(r, "name", &def->name) < 0)
        goto cleanup;
    if (def->name == NULL || def->name[0] == '\0' || strlen(def->name) > 255 ||
        strchr(def->name, '/') != NULL) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s': 'name' must be set, 1 to 255 bytes "
                       "without '/'",
                       r->source);
        goto cleanup;
    }
    if (xenConfigGetString(r, "uuid", &uuid) < 0)
        goto cleanup;
    if (uuid != NULL) {
        if (virUUIDParse(uuid, def->uuid) < 0) {
            virReportError(VIR_ERR_CONFIG_INVALID,
                           "xl config '%s': uuid '%s' is not a UUID", r->source,
                           uuid);
            goto cleanup;
        }
        def->uuidSet = true;
    } else {
        /* Stable across reads, so lookups by UUID keep working. */
        xenConfigHashName(def->name, 0, def->uuid, VIR_UUID_BUFLEN);
        def->uuid[6] = (unsigned char)((def->uuid[6] & 0x0f) | 0x80);
        def->uuid[8] = (unsigned char)((def->uuid[8] & 0x3f) | 0x80);
    }
    ret = 0;

cleanup:
    free(uuid);
    return ret;
}

xenConfig *
xenConfigParse(const char *text, size_t len, const char *source)
{
    xenConfigReader r = {.source = source};
    xenConfig *cfg = NULL;
    virDomainDef *def;
    const char *why;
    unsigned int line;

    if (len > (size_t)1 << 20) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s' is larger than 1 MiB", source);
        return NULL;
    }
    /* libxlutil's lexer asserts (aborting the process) on a NUL inside a
     * quoted string; no text file holds one. */
    if (memchr(text, '\0', len) != NULL) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "xl config '%s' contains a NUL byte: not a text file",
                       source);
        return NULL;
    }
    if ((why = xenConfigCheckSyntax(text, len, &line)) != NULL) {
        virReportError(VIR_ERR_CONFIG_INVALID, "xl config '%s': %s:%u: %s",
                       source, source, line, why);
        return NULL;
    }
    if ((cfg = calloc(1, sizeof(*cfg))) == NULL ||
        (cfg->def = calloc(1, sizeof(*cfg->def))) == NULL ||
        (r.reportfp = open_memstream(&r.report, &r.reportlen)) == NULL ||
        (r.cfg = xlu_cfg_init(r.reportfp, source)) == NULL) {
        virReportOOMError();
        goto error;
    }
    def = cfg->def;
    def->id = -1;
    def->onPoweroff = VIR_DOMAIN_DESTROY;
    def->onReboot = VIR_DOMAIN_RESTART;
    def->onCrash = VIR_DOMAIN_DESTROY; /* xl's default, unlike libvirt's */
    if (xlu_cfg_readdata(r.cfg, text, (int)len) != 0) {
        virReportError(VIR_ERR_CONFIG_INVALID, "xl config '%s': %s", source,
                       xenConfigReport(&r));
        goto error;
    }
    if (xenConfigParseIdentity(&r, def) < 0 ||
        xenConfigParseType(&r, def) < 0 ||
        xenConfigGetString(&r, "kernel", &def->kernel) < 0 ||
        xenConfigGetString(&r, "ramdisk", &def->initrd) < 0 ||
        xenConfigParseCmdline(&r, def) < 0 ||
        xenConfigParseMemory(&r, def) < 0 || xenConfigParseCpus(&r, def) < 0 ||
        xenConfigParseAction(&r, "on_poweroff", &def->onPoweroff) < 0 ||
        xenConfigParseAction(&r, "on_reboot", &def->onReboot) < 0 ||
        xenConfigParseAction(&r, "on_crash", &def->onCrash) < 0 ||
        xenConfigParseDevices(&r, def) < 0 ||
        xenConfigGetString(&r, "cpuid", &cfg->cpuid) < 0)
        goto error;
    xenConfigFreeReader(&r);
    return cfg;

error:
    xenConfigFreeReader(&r);
    xenConfigFree(cfg);
    return NULL;
}

/* ---- writing -------------------------------------------------------- */

/* A string as xl reads it back: double-quoted, so no '"', '\' or control
 * characters inside. */
static int
xenConfigCheckString(const char *key, const char *val)
{
    const unsigned char *p;

    for (p = (const unsigned char *)val; *p != '\0'; p++) {
        if (*p == '"' || *p == '\\' || *p < 0x20) {
            virReportError(VIR_ERR_CONFIG_INVALID,
                           "%s '%s' cannot be written to an xl config (it "
                           "holds a quote, a backslash or a control "
                           "character)",
                           key, val);
            return -1;
        }
    }
    return 0;
}

static int
xenConfigPutString(FILE *fp, const char *key, const char *val)
{
    if (val == NULL)
        return 0;
    if (xenConfigCheckString(key, val) < 0)
        return -1;
    fprintf(fp, "%s = \"%s\"\n", key, val);
    return 0;
}

static int
xenConfigCheckMiB(const char *what, unsigned long kib)
{
    if (kib % XEN_KIB_PER_MIB == 0)
        return 0;
    virReportError(VIR_ERR_CONFIG_INVALID,
                   "%s %lu KiB is not a whole number of MiB, which is all an "
                   "xl config can hold",
                   what, kib);
    return -1;
}

static int
xenConfigPutCpus(FILE *fp, const virDomainDef *def)
{
    char *set = NULL;
    bool uniform = def->npins == def->maxvcpus;
    unsigned int v;
    size_t i;
    size_t next = 0;
    int ret = -1;

    if (def->npins == 0)
        return 0;
    for (i = 0; uniform && i < def->npins; i++) {
        uniform = def->pins[i].vcpu == i &&
                  def->pins[i].maplen == def->pins[0].maplen &&
                  memcmp(def->pins[i].cpumap, def->pins[0].cpumap,
                         def->pins[0].maplen) == 0;
    }
    if (uniform) {
        if ((set = virCpuSetFormat(def->pins[0].cpumap, def->pins[0].maplen)) ==
            NULL)
            goto oom;
        fprintf(fp, "cpus = \"%s\"\n", set);
        free(set);
        return 0;
    }
    fputs("cpus = [", fp);
    for (v = 0; next < def->npins; v++) {
        if (def->pins[next].vcpu != v) {
            fprintf(fp, "%s\"all\"", v > 0 ? ", " : "");
            continue;
        }
        if ((set = virCpuSetFormat(def->pins[next].cpumap,
                                   def->pins[next].maplen)) == NULL)
            goto oom;
        fprintf(fp, "%s\"%s\"", v > 0 ? ", " : "", set);
        free(set);
        next++;
    }
    fputs("]\n", fp);
    ret = 0;
    return ret;

oom:
    virReportOOMError();
    return -1;
}

static int
xenConfigPutDisks(FILE *fp, const virDomainDef *def)
{
    size_t i;

    if (def->ndisks == 0)
        return 0;
    fputs("disk = [\n", fp);
    for (i = 0; i < def->ndisks; i++) {
        const virDomainDiskDef *d = &def->disks[i];

        /* target= must come last: it takes the rest of the spec. */
        if (xenConfigCheckString("disk target", d->target) < 0 ||
            xenConfigCheckString("disk source", d->source) < 0)
            return -1;
        if (strchr(d->target, ',') != NULL || strchr(d->target, '=') != NULL) {
            virReportError(VIR_ERR_CONFIG_INVALID,
                           "disk target '%s' cannot be written to an xl "
                           "config",
                           d->target);
            return -1;
        }
        fprintf(fp, "    \"format=raw, vdev=%s, access=%s%s, target=%s\",\n",
                d->target, d->readonly ? "ro" : "rw",
                d->device == VIR_DOMAIN_DISK_DEVICE_CDROM ? ", devtype=cdrom"
                                                          : "",
                d->source);
    }
    fputs("]\n", fp);
    return 0;
}

static int
xenConfigCheckVifValue(const char *key, const char *val)
{
    if (val == NULL)
        return 0;
    if (xenConfigCheckString(key, val) < 0)
        return -1;
    if (strchr(val, ',') != NULL || strchr(val, '=') != NULL) {
        virReportError(VIR_ERR_CONFIG_INVALID,
                       "interface %s '%s' cannot be written to an xl config "
                       "(it holds ',' or '=')",
                       key, val);
        return -1;
    }
    return 0;
}

static int
xenConfigPutVifs(FILE *fp, const virDomainDef *def)
{
    size_t i;

    if (def->nnets == 0)
        return 0;
    fputs("vif = [\n", fp);
    for (i = 0; i < def->nnets; i++) {
        const virDomainNetDef *n = &def->nets[i];

        if (xenConfigCheckVifValue("bridge", n->bridge) < 0 ||
            xenConfigCheckVifValue("script", n->script) < 0 ||
            xenConfigCheckVifValue("ip", n->ip) < 0)
            return -1;
        fprintf(fp, "    \"mac=%02x:%02x:%02x:%02x:%02x:%02x", n->mac[0],
                n->mac[1], n->mac[2], n->mac[3], n->mac[4], n->mac[5]);
        if (n->bridge != NULL)
            fprintf(fp, ",bridge=%s", n->bridge);
        if (n->script != NULL)
            fprintf(fp, ",script=%s", n->script);
        if (n->ip != NULL)
            fprintf(fp, ",ip=%s", n->ip);
        fputs("\",\n", fp);
    }
    fputs("]\n", fp);
    return 0;
}

static const char *
xenConfigTypeName(const char *ostype)
{
    if (strcmp(ostype, "hvm") == 0)
        return "hvm";
    if (strcmp(ostype, "xenpvh") == 0)
        return "pvh";
    return "pv";
}

static int
xenConfigPutAll(FILE *fp, const xenConfig *cfg)
{
    const virDomainDef *def = cfg->def;
    char uuid[VIR_UUID_STRING_BUFLEN];

    if (xenConfigCheckMiB("memory", def->memory) < 0 ||
        xenConfigCheckMiB("maximum memory", def->maxmem) < 0)
        return -1;
    fputs("# Written by libvir (xensnmp); xl reads it as it is.\n", fp);
    if (xenConfigPutString(fp, "name", def->name) < 0)
        return -1;
    if (def->uuidSet) {
        virUUIDFormat(def->uuid, uuid);
        fprintf(fp, "uuid = \"%s\"\n", uuid);
    }
    fprintf(fp, "type = \"%s\"\n",
            xenConfigTypeName(def->ostype != NULL ? def->ostype : "linux"));
    if (xenConfigPutString(fp, "kernel", def->kernel) < 0 ||
        xenConfigPutString(fp, "ramdisk", def->initrd) < 0 ||
        xenConfigPutString(fp, "cmdline", def->cmdline) < 0)
        return -1;
    fprintf(fp, "memory = %lu\nmaxmem = %lu\nvcpus = %u\nmaxvcpus = %u\n",
            def->memory / XEN_KIB_PER_MIB, def->maxmem / XEN_KIB_PER_MIB,
            def->vcpus, def->maxvcpus);
    if (xenConfigPutCpus(fp, def) < 0)
        return -1;
    fprintf(fp, "on_poweroff = \"%s\"\non_reboot = \"%s\"\non_crash = \"%s\"\n",
            virDomainRestartTypeToString(def->onPoweroff),
            virDomainRestartTypeToString(def->onReboot),
            virDomainRestartTypeToString(def->onCrash));
    if (xenConfigPutString(fp, "cpuid", cfg->cpuid) < 0 ||
        xenConfigPutDisks(fp, def) < 0 || xenConfigPutVifs(fp, def) < 0)
        return -1;
    return 0;
}

char *
xenConfigFormat(const xenConfig *cfg)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    int rc;

    if (fp == NULL) {
        virReportOOMError();
        return NULL;
    }
    rc = xenConfigPutAll(fp, cfg);
    if (fclose(fp) != 0 && rc == 0) {
        virReportOOMError();
        rc = -1;
    }
    if (rc < 0) {
        free(text);
        return NULL;
    }
    return text;
}

void
xenConfigFree(xenConfig *cfg)
{
    if (cfg == NULL)
        return;
    virDomainDefFree(cfg->def);
    free(cfg->cpuid);
    free(cfg->path);
    free(cfg);
}
