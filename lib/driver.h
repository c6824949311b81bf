/*
 * driver.h: the hypervisor driver table.
 *
 * One struct of function pointers per driver, one typedef per entry point.
 * lib/libvir.c validates every argument before calling a slot, so a driver
 * never sees a NULL connection or domain, a NULL output pointer or a
 * negative count.  A NULL slot means "not supported" and is reported once,
 * by lib/libvir.c; drivers do not stub.
 */

#ifndef LIBVIR_DRIVER_H
#define LIBVIR_DRIVER_H

#include <stdbool.h>

#include "libvir.h"
#include "libvir_stats.h"
#include "uri.h"

typedef enum {
    VIR_DRV_OPEN_SUCCESS = 0,
    VIR_DRV_OPEN_DECLINED = 1, /* not my URI: no error set */
    VIR_DRV_OPEN_ERROR = 2     /* my URI, but it failed: error set */
} virDrvOpenStatus;

/* Connection.  @uri is parsed and valid; conn->privateData is the driver's
 * to set on SUCCESS and to free in close. */
typedef virDrvOpenStatus (*virDrvConnectOpen)(virConnectPtr conn,
                                              const virURI *uri, bool readonly);
typedef int (*virDrvConnectClose)(virConnectPtr conn);
typedef const char *(*virDrvConnectGetType)(virConnectPtr conn);
typedef int (*virDrvConnectGetVersion)(virConnectPtr conn,
                                       unsigned long *hvVer);
typedef int (*virDrvNodeGetInfo)(virConnectPtr conn, virNodeInfoPtr info);
typedef int (*virDrvConnectListDomains)(virConnectPtr conn, int *ids,
                                        int maxids);
typedef int (*virDrvConnectNumOfDomains)(virConnectPtr conn);
/* Stores up to @maxnames newly allocated names; the caller frees them. */
typedef int (*virDrvConnectListDefinedDomains)(virConnectPtr conn, char **names,
                                               int maxnames);
typedef int (*virDrvConnectNumOfDefinedDomains)(virConnectPtr conn);
/* Optional (libvir_events.h): an fd readable when domains may have
 * changed behind the caller's back; -1 with an error when unreachable. */
typedef int (*virDrvConnectGetEventFd)(virConnectPtr conn);

/* Lookups return a new reference made with virGetDomain(). */
typedef virDomainPtr (*virDrvDomainCreateLinux)(virConnectPtr conn,
                                                const char *xmlDesc,
                                                unsigned int flags);
typedef virDomainPtr (*virDrvDomainLookupByID)(virConnectPtr conn, int id);
typedef virDomainPtr (*virDrvDomainLookupByUUID)(virConnectPtr conn,
                                                 const unsigned char *uuid);
typedef virDomainPtr (*virDrvDomainLookupByName)(virConnectPtr conn,
                                                 const char *name);
typedef virDomainPtr (*virDrvDomainDefineXML)(virConnectPtr conn,
                                              const char *xml);
typedef int (*virDrvDomainRestore)(virConnectPtr conn, const char *from);

/* Domain operations.  A driver that changes a domain's id (create,
 * destroy, reboot, save) updates dom->id so every holder of the shared
 * handle sees it. */
typedef int (*virDrvDomainSimple)(virDomainPtr dom);
/* Optional: brings dom->id up to date (a domain may have stopped since the
 * handle was made) and returns it, -1 when not running. */
typedef int (*virDrvDomainGetID)(virDomainPtr dom);
typedef int (*virDrvDomainReboot)(virDomainPtr dom, unsigned int flags);
typedef int (*virDrvDomainSave)(virDomainPtr dom, const char *to);
typedef int (*virDrvDomainCoreDump)(virDomainPtr dom, const char *to,
                                    int flags);
typedef char *(*virDrvDomainGetOSType)(virDomainPtr dom);
typedef int (*virDrvDomainGetInfo)(virDomainPtr dom, virDomainInfoPtr info);
typedef char *(*virDrvDomainGetXMLDesc)(virDomainPtr dom, int flags);
typedef unsigned long (*virDrvDomainGetMaxMemory)(virDomainPtr dom);
typedef int (*virDrvDomainSetMemoryValue)(virDomainPtr dom,
                                          unsigned long memory);
typedef int (*virDrvDomainSetVcpus)(virDomainPtr dom, unsigned int nvcpus);
typedef int (*virDrvDomainPinVcpu)(virDomainPtr dom, unsigned int vcpu,
                                   const unsigned char *cpumap, int maplen);
typedef int (*virDrvDomainGetVcpus)(virDomainPtr dom, virVcpuInfoPtr info,
                                    int maxinfo, unsigned char *cpumaps,
                                    int maplen);
typedef int (*virDrvDomainDevice)(virDomainPtr dom, const char *xml);

/* Optional (libvir_stats.h).  @stats is the library's own, whole struct,
 * every member preset to -1: a driver leaves what it does not know.
 * The list slots store a new NULL-terminated array in *@names unless
 * @names is NULL, and return the count. */
typedef int (*virDrvDomainBlockStats)(virDomainPtr dom, const char *disk,
                                      virDomainBlockStatsPtr stats);
typedef int (*virDrvDomainBlockStatsXen)(virDomainPtr dom, const char *disk,
                                         virDomainBlockStatsXenPtr stats);
typedef int (*virDrvDomainInterfaceStats)(virDomainPtr dom, const char *device,
                                          virDomainInterfaceStatsPtr stats);
typedef int (*virDrvDomainListDevices)(virDomainPtr dom, char ***names);
/* Optional (libvir_stats.h): stores a new NULL-terminated array of
 * records built with lib/iostats.h in *@records and returns their count;
 * on failure leaves *@records NULL. */
typedef int (*virDrvConnectGetAllDomainIOStats)(
    virConnectPtr conn, virDomainIOStatsRecordPtr **records);

typedef struct _virDriver virDriver;

struct _virDriver {
    const char *name;          /* URI scheme, e.g. "test" */
    const char *type;          /* virConnectGetType(), e.g. "Test" */
    unsigned long typeVersion; /* virGetVersion() @typeVer */

    virDrvConnectOpen connectOpen;
    virDrvConnectClose connectClose;
    virDrvConnectGetType connectGetType;
    virDrvConnectGetVersion connectGetVersion;
    virDrvNodeGetInfo nodeGetInfo;
    virDrvConnectListDomains connectListDomains;
    virDrvConnectNumOfDomains connectNumOfDomains;
    virDrvConnectListDefinedDomains connectListDefinedDomains;
    virDrvConnectNumOfDefinedDomains connectNumOfDefinedDomains;
    virDrvConnectGetEventFd connectGetEventFd;

    virDrvDomainCreateLinux domainCreateLinux;
    virDrvDomainLookupByID domainLookupByID;
    virDrvDomainLookupByUUID domainLookupByUUID;
    virDrvDomainLookupByName domainLookupByName;
    virDrvDomainDefineXML domainDefineXML;
    virDrvDomainSimple domainUndefine;
    virDrvDomainSimple domainCreate;
    virDrvDomainSimple domainSuspend;
    virDrvDomainSimple domainResume;
    virDrvDomainSimple domainShutdown;
    virDrvDomainReboot domainReboot;
    virDrvDomainSimple domainDestroy;
    virDrvDomainSave domainSave;
    virDrvDomainRestore domainRestore;
    virDrvDomainCoreDump domainCoreDump;
    virDrvDomainGetID domainGetID;
    virDrvDomainGetOSType domainGetOSType;
    virDrvDomainGetInfo domainGetInfo;
    virDrvDomainGetXMLDesc domainGetXMLDesc;
    virDrvDomainGetMaxMemory domainGetMaxMemory;
    virDrvDomainSetMemoryValue domainSetMaxMemory;
    virDrvDomainSetMemoryValue domainSetMemory;
    virDrvDomainSetVcpus domainSetVcpus;
    virDrvDomainPinVcpu domainPinVcpu;
    virDrvDomainGetVcpus domainGetVcpus;
    virDrvDomainDevice domainAttachDevice;
    virDrvDomainDevice domainDetachDevice;

    virDrvDomainBlockStats domainBlockStats;
    virDrvDomainBlockStatsXen domainBlockStatsXen;
    virDrvDomainInterfaceStats domainInterfaceStats;
    virDrvDomainListDevices domainListBlockDevices;
    virDrvDomainListDevices domainListInterfaces;
    virDrvConnectGetAllDomainIOStats connectGetAllDomainIOStats;
};

/* Each driver exports exactly one of these; lib/driver.c lists them. */
const virDriver *testGetDriver(void);
#ifdef WITH_XEN
const virDriver *xenGetDriver(void);
#endif

/* The driver registry (lib/driver.c).  virDriverInitialize registers the
 * built-in drivers once; virDriverRegister adds one more (the unit tests
 * use it for a driver with empty slots).  -1 when the table is full. */
int virDriverInitialize(void);
int virDriverRegister(const virDriver *driver);
size_t virDriverCount(void);
const virDriver *virDriverGet(size_t i);
/* The registered driver whose type is @type (case-insensitive), or NULL. */
const virDriver *virDriverFindByType(const char *type);
/* Why no registered driver handles @scheme when one exists but was not
 * built, else NULL. */
const char *virDriverMissingReason(const char *scheme);

#endif /* LIBVIR_DRIVER_H */
