/*
 * domain_conf.h: domain definitions and their XML form, shared by all
 * drivers.
 *
 * The format is libvirt's domain XML of the reference's era:
 *
 *   <domain type='xen' [id='N']>
 *     <name>web01</name>
 *     <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>
 *     <os>
 *       <type>linux</type>            linux (PV) | hvm | xenpvh (PVH)
 *       <kernel>/boot/vmlinuz</kernel>
 *       <initrd>/boot/initrd.img</initrd>
 *       <cmdline>root=/dev/xvda1 ro</cmdline>
 *     </os>
 *     <memory>1048576</memory>        maximum, KiB
 *     <currentMemory>524288</currentMemory>
 *     <vcpu current='2'>4</vcpu>      maximum, with the online count
 *     <cputune>
 *       <vcpupin vcpu='0' cpuset='0-3,^2'/>
 *     </cputune>
 *     <on_poweroff>destroy</on_poweroff>
 *     <on_reboot>restart</on_reboot>
 *     <on_crash>preserve</on_crash>   destroy|restart|preserve|rename-restart
 *     <devices>
 *       <disk type='file' device='disk'>
 *         <source file='/var/lib/xen/web01.img'/>
 *         <target dev='xvda'/>
 *         <readonly/>
 *       </disk>
 *       <interface type='bridge'>
 *         <mac address='00:16:3e:5d:c7:9e'/>
 *         <source bridge='xenbr0'/>
 *         <script path='vif-bridge'/>
 *         <ip address='192.0.2.10'/>
 *       </interface>
 *       <console tty='/dev/pts/3'/>
 *     </devices>
 *   </domain>
 *
 * What virDomainDefFormat() writes, virDomainDefParseString() reads back
 * to an equal definition.
 *
 * Parsing rules:
 *   - required: <domain type='xen'>, <name> (1..255 bytes, no '/' and no
 *     control character), <memory>;
 *   - defaults: no <os><type>: linux; no <currentMemory>: <memory>; no
 *     <vcpu>: 1; no current='': the maximum; on_poweroff destroy,
 *     on_reboot restart, on_crash restart; an <interface> without <mac>
 *     gets a random 00:16:3e:xx:xx:xx one (xx < 0x80 for the first);
 *   - numbers are unsigned decimal: no sign, no blanks, no garbage, no
 *     overflow; text is taken verbatim;
 *   - unknown elements and attributes are ignored, but a known element
 *     that is given twice or holds a bad value is an error;
 *   - a DOCTYPE is refused, and no entity is ever expanded.
 * Errors are VIR_ERR_XML_ERROR, "domain XML line N: " + what and which
 * value is wrong.
 *
 * Output: fixed element order, 2-space indentation, single-quoted
 * attributes, values escaped; <uuid> only when uuidSet, <vcpu current=''>
 * only when below the maximum, <cputune> and <devices> only when not
 * empty.
 */

#ifndef LIBVIR_DOMAIN_CONF_H
#define LIBVIR_DOMAIN_CONF_H

#include <stdbool.h>
#include <stddef.h>

#include "libvir.h"
#include "datatypes.h"
#include "mac.h"
#include "uuid.h"

/* Most vcpus a domain may have: far above what Xen supports, low enough
 * that no definition can make a driver allocate unbounded memory. */
#define VIR_DOMAIN_MAX_VCPUS 4096

typedef enum {
    VIR_DOMAIN_DISK_TYPE_FILE = 0,
    VIR_DOMAIN_DISK_TYPE_BLOCK = 1
} virDomainDiskType;

typedef enum {
    VIR_DOMAIN_DISK_DEVICE_DISK = 0,
    VIR_DOMAIN_DISK_DEVICE_CDROM = 1
} virDomainDiskDevice;

typedef struct _virDomainDiskDef virDomainDiskDef;

struct _virDomainDiskDef {
    virDomainDiskType type;
    virDomainDiskDevice device;
    char *source; /* file or device path, required */
    char *target; /* guest device name ("xvda"), required, unique */
    bool readonly;
};

typedef enum {
    VIR_DOMAIN_NET_TYPE_BRIDGE = 0,
    VIR_DOMAIN_NET_TYPE_ETHERNET = 1
} virDomainNetType;

typedef struct _virDomainNetDef virDomainNetDef;

struct _virDomainNetDef {
    virDomainNetType type;
    unsigned char
        mac[VIR_MAC_BUFLEN]; /* required on output; generated when absent */
    char *bridge;            /* <source bridge=''>, may be NULL */
    char *script;            /* may be NULL */
    char *ip;                /* may be NULL */
};

typedef struct _virDomainVcpuPinDef virDomainVcpuPinDef;

struct _virDomainVcpuPinDef {
    unsigned int vcpu;
    unsigned char *cpumap; /* reference byte order, bit N = cpu N */
    size_t maplen;         /* bytes; up to the highest cpu set (maps
                             * that differ only in trailing zero bytes
                             * compare equal) */
};

typedef struct _virDomainDef virDomainDef;

struct _virDomainDef {
    int id;     /* -1 when absent */
    char *name; /* required, 1..255 bytes, UTF-8 */
    unsigned char uuid[VIR_UUID_BUFLEN];
    bool uuidSet; /* false: caller should generate one */

    char *ostype;  /* "linux" (PV), "hvm" or "xenpvh" (PVH) */
    char *kernel;  /* may be NULL */
    char *initrd;  /* may be NULL */
    char *cmdline; /* may be NULL */

    unsigned long maxmem;  /* KiB, > 0 */
    unsigned long memory;  /* KiB, 0 < memory <= maxmem */
    unsigned int maxvcpus; /* >= 1 */
    unsigned int vcpus;    /* 1 <= vcpus <= maxvcpus */

    virDomainVcpuPinDef *pins; /* sorted by vcpu, vcpu < maxvcpus */
    size_t npins;

    virDomainRestart onPoweroff; /* default VIR_DOMAIN_DESTROY */
    virDomainRestart onReboot;   /* default VIR_DOMAIN_RESTART */
    virDomainRestart onCrash;    /* default VIR_DOMAIN_RESTART */

    virDomainDiskDef *disks;
    size_t ndisks;
    virDomainNetDef *nets;
    size_t nnets;
    char *consoleTty; /* may be NULL */
};

/* Parses one <domain> document.  NULL on error, with a VIR_ERR_XML_ERROR
 * whose message says what is wrong and on which line ("domain XML line 3:
 * <memory> value 'abc' is not an unsigned decimal number"), or
 * VIR_ERR_NO_MEMORY. */
virDomainDef *virDomainDefParseString(const char *xml);

/* Parses a <domain> element of an already parsed document (the test
 * driver's node files embed them).  @node is an xmlNodePtr, passed as
 * void * so that this header does not need libxml2's.  Error messages
 * start with "@source:LINE: " (the node file's name) when @source is not
 * NULL. */
virDomainDef *virDomainDefParseNode(void *node, const char *source);

/* Returns the XML of @def as a new string (caller frees); @id is written
 * as the id attribute when >= 0.  NULL on OOM, or with VIR_ERR_XML_ERROR
 * when a value holds what XML cannot carry (a name read from xenstore, say,
 * with a control character in it). */
char *virDomainDefFormat(const virDomainDef *def, int id);

void virDomainDefFree(virDomainDef *def);

/* Deep copy.  NULL on OOM (error reported). */
virDomainDef *virDomainDefCopy(const virDomainDef *def);

/* True when @a and @b describe the same domain (all fields, id and
 * device order included; cpumaps compare by the cpus they hold). */
bool virDomainDefEqual(const virDomainDef *a, const virDomainDef *b);

/* Device hotplug on a definition.  @xml holds exactly one <disk> or
 * <interface> element (anything else: VIR_ERR_XML_ERROR, "device XML line
 * N: ...").  Attach refuses a disk target or a MAC already in use
 * (VIR_ERR_OPERATION_INVALID) and gives an interface without <mac> a new
 * one; detach matches a disk by target and an interface by MAC (the rest
 * of the element is not looked at) and reports VIR_ERR_NO_DEVICE when
 * nothing matches.  Both return 0, or -1 with @def unchanged. */
int virDomainDefAttachDeviceXML(virDomainDef *def, const char *xml);
int virDomainDefDetachDeviceXML(virDomainDef *def, const char *xml);

/* Copies @src (NULL stays NULL) into *@dst.  -1 on OOM (reported). */
int virDomainDupStr(char **dst, const char *src);

/* String forms of virDomainRestart; NULL / -1 when unknown. */
const char *virDomainRestartTypeToString(virDomainRestart r);
int virDomainRestartTypeFromString(const char *s);

#endif /* LIBVIR_DOMAIN_CONF_H */
