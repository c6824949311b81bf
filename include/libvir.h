/*
 * libvir.h: public interface of libvir, the hypervisor library of xensnmp.
 *
 * The API is the one of the libvirt reference manual of the Xen era
 * (shared/api/libvir-api-reference.txt): same names, signatures, struct
 * members, enum values and macros, so that a program written against that
 * reference compiles against this header unchanged.  The error API at the
 * end follows the later libvirt style, which the reference leaves out.
 *
 * Units: memory in KiB, cpu time in nanoseconds, versions encoded as
 * major * 1,000,000 + minor * 1,000 + release.
 */

#ifndef LIBVIR_H
#define LIBVIR_H

#include <string.h> /* memcpy, for VIR_COPY_CPUMAP */

#ifdef __cplusplus
extern "C" {
#endif

/**
 * LIBVIR_VERSION_NUMBER:
 *
 * Version of the library as major * 1,000,000 + minor * 1,000 + micro.
 */
#define LIBVIR_VERSION_NUMBER 1000

/* ------------------------------------------------------------------ */
/* Handles                                                             */
/* ------------------------------------------------------------------ */

/**
 * virConnect:
 *
 * Private structure behind a connection to a hypervisor.
 */
typedef struct _virConnect virConnect;

/**
 * virConnectPtr:
 *
 * Handle of a connection to a hypervisor, as returned by virConnectOpen().
 */
typedef virConnect *virConnectPtr;

/**
 * virDomain:
 *
 * Private structure behind a domain handle.
 */
typedef struct _virDomain virDomain;

/**
 * virDomainPtr:
 *
 * Reference-counted handle of one domain.  Every function returning one
 * returns a new reference, released with virDomainFree().
 */
typedef virDomain *virDomainPtr;

/* ------------------------------------------------------------------ */
/* Enumerations                                                        */
/* ------------------------------------------------------------------ */

/**
 * virDomainState:
 *
 * Running state of a domain.
 */
typedef enum {
    VIR_DOMAIN_NOSTATE = 0,  /* no state */
    VIR_DOMAIN_RUNNING = 1,  /* the domain is running */
    VIR_DOMAIN_BLOCKED = 2,  /* the domain is blocked on resource */
    VIR_DOMAIN_PAUSED = 3,   /* the domain is paused by user */
    VIR_DOMAIN_SHUTDOWN = 4, /* the domain is being shut down */
    VIR_DOMAIN_SHUTOFF = 5,  /* the domain is shut off */
    VIR_DOMAIN_CRASHED = 6   /* the domain is crashed */
} virDomainState;

/**
 * virDomainRestart:
 *
 * What to do when a domain stops (on_poweroff, on_reboot, on_crash).
 */
typedef enum {
    VIR_DOMAIN_DESTROY = 1,       /* destroy the domain */
    VIR_DOMAIN_RESTART = 2,       /* restart the domain */
    VIR_DOMAIN_PRESERVE = 3,      /* keep as is, need manual destroy */
    VIR_DOMAIN_RENAME_RESTART = 4 /* restart under a new unique name */
} virDomainRestart;

/**
 * virDeviceMode:
 *
 * Access mode of a virtual device.
 */
typedef enum {
    VIR_DEVICE_DEFAULT = 0, /* default mode */
    VIR_DEVICE_RO = 1,      /* access read-only */
    VIR_DEVICE_RW = 2,      /* access read-write */
    VIR_DEVICE_RW_FORCE = 3 /* forced read-write even if already used */
} virDeviceMode;

/**
 * virDomainCreateFlags:
 *
 * Flags for virDomainCreateLinux(); none is defined yet.
 */
typedef enum { VIR_DOMAIN_NONE = 0 } virDomainCreateFlags;

/**
 * virVcpuState:
 *
 * State of one virtual cpu.
 */
typedef enum {
    VIR_VCPU_OFFLINE = 0, /* the virtual CPU is offline */
    VIR_VCPU_RUNNING = 1, /* the virtual CPU is running */
    VIR_VCPU_BLOCKED = 2  /* the virtual CPU is blocked on resource */
} virVcpuState;

/* ------------------------------------------------------------------ */
/* Information structures (caller-allocated)                           */
/* ------------------------------------------------------------------ */

/**
 * virDomainInfo:
 *
 * Information about one domain, filled by virDomainGetInfo().
 */
typedef struct _virDomainInfo virDomainInfo;

struct _virDomainInfo {
    unsigned char state;        /* the running state, a virDomainState */
    unsigned long maxMem;       /* the maximum memory in KiB allowed */
    unsigned long memory;       /* the memory in KiB used by the domain */
    unsigned short nrVirtCpu;   /* the number of virtual CPUs */
    unsigned long long cpuTime; /* the CPU time used, in nanoseconds */
};

/**
 * virDomainInfoPtr:
 *
 * Pointer to a virDomainInfo.
 */
typedef virDomainInfo *virDomainInfoPtr;

/**
 * virDomainKernel:
 *
 * Kernel of a Linux guest, as the reference describes it.
 */
typedef struct _virDomainKernel virDomainKernel;

struct _virDomainKernel {
    const char *kernel;  /* filename pointing to the kernel image */
    const char *ramdisk; /* an optional init ramdisk */
    const char *root;    /* an optional root block device */
    const char *extra;   /* optional kernel command line parameters */
};

/**
 * virDomainKernelPtr:
 *
 * Pointer to a virDomainKernel.
 */
typedef virDomainKernel *virDomainKernelPtr;

/**
 * virNodeInfo:
 *
 * Hardware information about the host, filled by virNodeGetInfo().
 */
typedef struct _virNodeInfo virNodeInfo;

struct _virNodeInfo {
    char model[32];       /* string indicating the CPU model */
    unsigned long memory; /* memory size in KiB */
    unsigned int cpus;    /* the number of active CPUs */
    unsigned int mhz;     /* expected CPU frequency */
    unsigned int nodes;   /* the number of NUMA cells, 1 for uniform */
    unsigned int sockets; /* number of CPU sockets per node */
    unsigned int cores;   /* number of cores per socket */
    unsigned int threads; /* number of threads per core */
};

/**
 * virNodeInfoPtr:
 *
 * Pointer to a virNodeInfo.
 */
typedef virNodeInfo *virNodeInfoPtr;

/**
 * virVcpuInfo:
 *
 * Information about one virtual cpu, filled by virDomainGetVcpus().
 */
typedef struct _virVcpuInfo virVcpuInfo;

struct _virVcpuInfo {
    unsigned int number;        /* virtual CPU number */
    int state;                  /* value from virVcpuState */
    unsigned long long cpuTime; /* CPU time used, in nanoseconds */
    int cpu;                    /* real CPU number, or -1 if offline */
};

/**
 * virVcpuInfoPtr:
 *
 * Pointer to a virVcpuInfo.
 */
typedef virVcpuInfo *virVcpuInfoPtr;

/* ------------------------------------------------------------------ */
/* Macros                                                              */
/* ------------------------------------------------------------------ */

/**
 * VIR_NODEINFO_MAXCPUS:
 * @nodeinfo: virNodeInfo instance
 *
 * Total number of CPUs supported but not necessarily active in the host.
 */
#define VIR_NODEINFO_MAXCPUS(nodeinfo)                          \
    ((nodeinfo).nodes * (nodeinfo).sockets * (nodeinfo).cores * \
     (nodeinfo).threads)

/**
 * VIR_USE_CPU:
 * @cpumap: pointer to a bit map of real CPUs (IN/OUT)
 * @cpu: the physical CPU number
 *
 * Sets the bit of @cpu in @cpumap (the CPU is usable).
 */
#define VIR_USE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] |= (1 << ((cpu) % 8)))

/**
 * VIR_UNUSE_CPU:
 * @cpumap: pointer to a bit map of real CPUs (IN/OUT)
 * @cpu: the physical CPU number
 *
 * Clears the bit of @cpu in @cpumap (the CPU is not usable).
 */
#define VIR_UNUSE_CPU(cpumap, cpu) ((cpumap)[(cpu) / 8] &= ~(1 << ((cpu) % 8)))

/**
 * VIR_CPU_MAPLEN:
 * @cpu: number of physical CPUs
 *
 * Length in bytes of a cpumap covering @cpu physical CPUs.
 */
#define VIR_CPU_MAPLEN(cpu) (((cpu) + 7) / 8)

/**
 * VIR_CPU_USABLE:
 * @cpumaps: pointer to an array of cpumaps (IN)
 * @maplen: the length in bytes of one cpumap
 * @vcpu: the virtual CPU number
 * @cpu: the physical CPU number
 *
 * Non-zero if @cpu is usable by @vcpu in @cpumaps, 0 otherwise.
 */
#define VIR_CPU_USABLE(cpumaps, maplen, vcpu, cpu) \
    ((cpumaps)[((vcpu) * (maplen)) + ((cpu) / 8)] & (1 << ((cpu) % 8)))

/**
 * VIR_COPY_CPUMAP:
 * @cpumaps: pointer to an array of cpumaps (IN)
 * @maplen: the length in bytes of one cpumap
 * @vcpu: the virtual CPU number
 * @cpumap: pointer to a caller-allocated cpumap of @maplen bytes (OUT)
 *
 * Copies the cpumap of @vcpu out of @cpumaps into @cpumap.
 */
#define VIR_COPY_CPUMAP(cpumaps, maplen, vcpu, cpumap) \
    memcpy(cpumap, &((cpumaps)[(vcpu) * (maplen)]), (maplen))

/**
 * VIR_GET_CPUMAP:
 * @cpumaps: pointer to an array of cpumaps (IN)
 * @maplen: the length in bytes of one cpumap
 * @vcpu: the virtual CPU number
 *
 * Pointer to the cpumap of @vcpu inside @cpumaps.
 */
#define VIR_GET_CPUMAP(cpumaps, maplen, vcpu) (&((cpumaps)[(vcpu) * (maplen)]))

/* ------------------------------------------------------------------ */
/* Library and connections                                             */
/* ------------------------------------------------------------------ */

int virInitialize(void);
int virGetVersion(unsigned long *libVer, const char *type,
                  unsigned long *typeVer);

virConnectPtr virConnectOpen(const char *name);
virConnectPtr virConnectOpenReadOnly(const char *name);
int virConnectClose(virConnectPtr conn);
const char *virConnectGetType(virConnectPtr conn);
int virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer);
int virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info);

int virConnectListDomains(virConnectPtr conn, int *ids, int maxids);
int virConnectNumOfDomains(virConnectPtr conn);
int virConnectListDefinedDomains(virConnectPtr conn, const char **names,
                                 int maxnames);
int virConnectNumOfDefinedDomains(virConnectPtr conn);

/* ------------------------------------------------------------------ */
/* Domains                                                             */
/* ------------------------------------------------------------------ */

virDomainPtr virDomainCreateLinux(virConnectPtr conn, const char *xmlDesc,
                                  unsigned int flags);
virDomainPtr virDomainLookupByName(virConnectPtr conn, const char *name);
virDomainPtr virDomainLookupByID(virConnectPtr conn, int id);
virDomainPtr virDomainLookupByUUID(virConnectPtr conn,
                                   const unsigned char *uuid);
virDomainPtr virDomainLookupByUUIDString(virConnectPtr conn,
                                         const char *uuidstr);
virDomainPtr virDomainDefineXML(virConnectPtr conn, const char *xml);
int virDomainUndefine(virDomainPtr domain);
int virDomainCreate(virDomainPtr domain);
int virDomainFree(virDomainPtr domain);

int virDomainSuspend(virDomainPtr domain);
int virDomainResume(virDomainPtr domain);
int virDomainShutdown(virDomainPtr domain);
int virDomainReboot(virDomainPtr domain, unsigned int flags);
int virDomainDestroy(virDomainPtr domain);
int virDomainSave(virDomainPtr domain, const char *to);
int virDomainRestore(virConnectPtr conn, const char *from);
int virDomainCoreDump(virDomainPtr domain, const char *to, int flags);

const char *virDomainGetName(virDomainPtr domain);
unsigned int virDomainGetID(virDomainPtr domain);
int virDomainGetUUID(virDomainPtr domain, unsigned char *uuid);
int virDomainGetUUIDString(virDomainPtr domain, char *buf);
char *virDomainGetOSType(virDomainPtr domain);
int virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info);
char *virDomainGetXMLDesc(virDomainPtr domain, int flags);

unsigned long virDomainGetMaxMemory(virDomainPtr domain);
int virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory);
int virDomainSetMemory(virDomainPtr domain, unsigned long memory);

int virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus);
int virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu,
                     unsigned char *cpumap, int maplen);
int virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                      unsigned char *cpumaps, int maplen);

int virDomainAttachDevice(virDomainPtr domain, char *xml);
int virDomainDetachDevice(virDomainPtr domain, char *xml);

/* ------------------------------------------------------------------ */
/* Errors (later libvirt style; not part of the reference)             */
/* ------------------------------------------------------------------ */

/**
 * virErrorLevel:
 *
 * Severity of an error.
 */
typedef enum {
    VIR_ERR_NONE = 0,
    VIR_ERR_WARNING = 1,
    VIR_ERR_ERROR = 2
} virErrorLevel;

/**
 * virErrorDomain:
 *
 * The part of the library an error comes from.
 */
typedef enum {
    VIR_FROM_NONE = 0,
    VIR_FROM_XEN = 1,  /* the Xen driver */
    VIR_FROM_DOM = 2,  /* the domain XML parser and writer */
    VIR_FROM_TEST = 3, /* the test driver and its node files */
    VIR_FROM_XML = 4,  /* libxml2 itself */
    VIR_FROM_URI = 5,  /* connection URI parsing and driver choice */
    VIR_FROM_API = 6   /* argument checks of the public API */
} virErrorDomain;

/**
 * virErrorNumber:
 *
 * What went wrong.  Values are stable: they may be stored or compared.
 */
typedef enum {
    VIR_ERR_OK = 0,
    VIR_ERR_INTERNAL_ERROR = 1,    /* a bug or an unexpected system state */
    VIR_ERR_NO_MEMORY = 2,         /* an allocation failed */
    VIR_ERR_NO_SUPPORT = 3,        /* the driver does not implement it */
    VIR_ERR_NO_CONNECT = 4,        /* no driver for this URI */
    VIR_ERR_INVALID_CONN = 5,      /* NULL or invalid connection */
    VIR_ERR_INVALID_DOMAIN = 6,    /* NULL or invalid domain */
    VIR_ERR_INVALID_ARG = 7,       /* an argument is out of its range */
    VIR_ERR_OPERATION_DENIED = 8,  /* refused on a read-only connection */
    VIR_ERR_OPERATION_INVALID = 9, /* not possible in the domain's state */
    VIR_ERR_OPERATION_FAILED = 10, /* the hypervisor refused */
    VIR_ERR_NO_DOMAIN = 11,        /* no such domain */
    VIR_ERR_DOM_EXIST = 12,        /* the name or UUID is taken */
    VIR_ERR_XML_ERROR = 13,        /* malformed or invalid XML */
    VIR_ERR_CONFIG_INVALID = 14,   /* a node file is inconsistent */
    VIR_ERR_SYSTEM_ERROR = 15,     /* a system call failed (errno) */
    VIR_ERR_NO_RESOURCES = 16,     /* not enough free host memory */
    VIR_ERR_NO_DEVICE = 17         /* no such device on the domain */
} virErrorNumber;

/**
 * virError:
 *
 * One error record.  @conn and @dom are borrowed: they identify the
 * handles the error concerns and are cleared when those handles go away.
 */
typedef struct _virError virError;

struct _virError {
    int code;            /* a virErrorNumber */
    int domain;          /* a virErrorDomain */
    char *message;       /* human-readable text, never NULL when set */
    virErrorLevel level; /* severity */
    virConnectPtr conn;  /* the connection, if any (borrowed) */
    virDomainPtr dom;    /* the domain, if any (borrowed) */
};

/**
 * virErrorPtr:
 *
 * Pointer to a virError.
 */
typedef virError *virErrorPtr;

/**
 * virErrorFunc:
 * @userData: the pointer given to virSetErrorFunc()
 * @error: the error just reported (valid during the call only)
 *
 * Callback called for every error the library reports.
 */
typedef void (*virErrorFunc)(void *userData, virErrorPtr error);

virErrorPtr virGetLastError(void);
virErrorPtr virConnGetLastError(virConnectPtr conn);
void virResetLastError(void);
void virConnResetLastError(virConnectPtr conn);
void virSetErrorFunc(void *userData, virErrorFunc handler);

#ifdef __cplusplus
}
#endif

#endif /* LIBVIR_H */
