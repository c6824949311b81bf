/*
 * apitest.c: the public entry points' own checks (lib/libvir.c).
 *
 * Every function of the API is called with an invalid handle, with each
 * argument it must refuse, on a read-only connection (for those that
 * change state) and on a driver whose slots are all empty.  Each case
 * asserts the return value, the error code and message, that the error
 * was also recorded on the connection, that the call was logged at debug
 * level under the function's own name, and that the host did not change.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "libvir_events.h"
#include "libvir_log.h"
#include "libvir_stats.h"
#include "datatypes.h"
#include "driver.h"

/* Which handles a case runs on. */
typedef enum {
    ON_NULL, /* conn and dom are NULL */
    ON_RW,   /* a read-write connection to test:///default */
    ON_RO,   /* a read-only connection to test:///default */
    ON_NOSUP /* the "nosup" driver: every slot empty */
} handleKind;

typedef struct {
    virConnectPtr conn;
    virDomainPtr dom;
} handles;

/* Each call returns 1 when the function returned its documented failure
 * value (-1, NULL, 0 or (unsigned)-1), 0 otherwise. */
typedef int (*apiCall)(const handles *h);

typedef struct {
    const char *title;
    apiCall call;
    handleKind on;
    int code;
    const char *message; /* exact error message */
} apiCase;

static virConnectPtr rwConn;
static virConnectPtr roConn;
static virConnectPtr nosupConn;
static virDomainPtr rwDom;
static virDomainPtr roDom;
static virDomainPtr nosupDom;

/* ---- the debug log ----------------------------------------------------- */

/* The function names of the debug records since the last reset. */
typedef struct {
    char funcs[8][64];
    size_t count;
} debugLog;

static debugLog debugSeen;

static void
recordDebug(void *userData, int priority, const char *file, const char *func,
            int line, const char *message)
{
    debugLog *log = userData;

    (void)file;
    (void)line;
    (void)message;
    if (priority != VIR_LOG_DEBUG || log->count == 8)
        return;
    snprintf(log->funcs[log->count++], sizeof(log->funcs[0]), "%s", func);
}

/* The entry point a case calls: its message starts with the name. */
static int
expectEntryLogged(const char *message)
{
    size_t len = strspn(message, "abcdefghijklmnopqrstuvwxyz"
                                 "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    size_t i;

    for (i = 0; i < debugSeen.count; i++) {
        if (strlen(debugSeen.funcs[i]) == len &&
            strncmp(debugSeen.funcs[i], message, len) == 0)
            return 0;
    }
    return virTestFail("no debug record from %.*s", (int)len, message);
}

/* ---- the nosup driver ------------------------------------------------ */

static virDrvOpenStatus
nosupOpen(virConnectPtr conn, const virURI *uri, bool readonly)
{
    (void)conn;
    (void)readonly;
    return strcmp(uri->scheme, "nosup") == 0 ? VIR_DRV_OPEN_SUCCESS
                                             : VIR_DRV_OPEN_DECLINED;
}

static const virDriver nosupDriver = {
    .name = "nosup",
    .type = "Nosup",
    .typeVersion = 42,
    .connectOpen = nosupOpen,
};

/* ---- calls ------------------------------------------------------------ */

static int
c_close(const handles *h)
{
    return virConnectClose(h->conn) == -1;
}
static int
c_gettype(const handles *h)
{
    return virConnectGetType(h->conn) == NULL;
}
static int
c_getversion(const handles *h)
{
    unsigned long v;
    return virConnectGetVersion(h->conn, &v) == -1;
}
static int
c_getversion_null(const handles *h)
{
    return virConnectGetVersion(h->conn, NULL) == -1;
}
static int
c_nodeinfo(const handles *h)
{
    virNodeInfo info;
    return virNodeGetInfo(h->conn, &info) == -1;
}
static int
c_nodeinfo_null(const handles *h)
{
    return virNodeGetInfo(h->conn, NULL) == -1;
}
static int
c_listdomains(const handles *h)
{
    int ids[4];
    return virConnectListDomains(h->conn, ids, 4) == -1;
}
static int
c_listdomains_neg(const handles *h)
{
    int ids[4];
    return virConnectListDomains(h->conn, ids, -1) == -1;
}
static int
c_listdomains_null(const handles *h)
{
    return virConnectListDomains(h->conn, NULL, 4) == -1;
}
static int
c_numdomains(const handles *h)
{
    return virConnectNumOfDomains(h->conn) == -1;
}
static int
c_listdefined(const handles *h)
{
    const char *names[4];
    return virConnectListDefinedDomains(h->conn, names, 4) == -1;
}
static int
c_listdefined_neg(const handles *h)
{
    const char *names[4];
    return virConnectListDefinedDomains(h->conn, names, -2) == -1;
}
static int
c_listdefined_null(const handles *h)
{
    return virConnectListDefinedDomains(h->conn, NULL, 1) == -1;
}
static int
c_geteventfd(const handles *h)
{
    return virConnectGetEventFd(h->conn) == -1;
}
/* The bulk statistics call leaves *records NULL whenever it fails. */
static int
c_iostats(const handles *h)
{
    virDomainIOStatsRecordPtr *records = (virDomainIOStatsRecordPtr *)&records;
    return virConnectGetAllDomainIOStats(h->conn, &records, 0) == -1 &&
           records == NULL;
}
static int
c_iostats_null(const handles *h)
{
    return virConnectGetAllDomainIOStats(h->conn, NULL, 0) == -1;
}
static int
c_iostats_flags(const handles *h)
{
    virDomainIOStatsRecordPtr *records = (virDomainIOStatsRecordPtr *)&records;
    return virConnectGetAllDomainIOStats(h->conn, &records, 1) == -1 &&
           records == NULL;
}
static int
c_numdefined(const handles *h)
{
    return virConnectNumOfDefinedDomains(h->conn) == -1;
}

static const char newDomXML[] =
    "<domain type='xen'><name>apitest-new</name>"
    "<os><type>linux</type></os><memory>65536</memory>"
    "<vcpu>1</vcpu></domain>";

static int
c_createlinux(const handles *h)
{
    return virDomainCreateLinux(h->conn, newDomXML, 0) == NULL;
}
static int
c_createlinux_null(const handles *h)
{
    return virDomainCreateLinux(h->conn, NULL, 0) == NULL;
}
static int
c_definexml(const handles *h)
{
    return virDomainDefineXML(h->conn, newDomXML) == NULL;
}
static int
c_definexml_null(const handles *h)
{
    return virDomainDefineXML(h->conn, NULL) == NULL;
}
static int
c_byname(const handles *h)
{
    return virDomainLookupByName(h->conn, "web01") == NULL;
}
static int
c_byname_null(const handles *h)
{
    return virDomainLookupByName(h->conn, NULL) == NULL;
}
static int
c_byid(const handles *h)
{
    return virDomainLookupByID(h->conn, 0) == NULL;
}
static int
c_byid_neg(const handles *h)
{
    return virDomainLookupByID(h->conn, -1) == NULL;
}
static int
c_byuuid(const handles *h)
{
    unsigned char uuid[16] = {0};
    return virDomainLookupByUUID(h->conn, uuid) == NULL;
}
static int
c_byuuid_null(const handles *h)
{
    return virDomainLookupByUUID(h->conn, NULL) == NULL;
}
static int
c_byuuidstr(const handles *h)
{
    return virDomainLookupByUUIDString(
               h->conn, "00000000-0000-0000-0000-000000000000") == NULL;
}
static int
c_byuuidstr_null(const handles *h)
{
    return virDomainLookupByUUIDString(h->conn, NULL) == NULL;
}
static int
c_byuuidstr_bad(const handles *h)
{
    return virDomainLookupByUUIDString(h->conn, "not-a-uuid") == NULL;
}
static int
c_restore(const handles *h)
{
    return virDomainRestore(h->conn, "/nonexistent/save") == -1;
}
static int
c_restore_null(const handles *h)
{
    return virDomainRestore(h->conn, NULL) == -1;
}

static int
d_free(const handles *h)
{
    return virDomainFree(h->dom) == -1;
}
static int
d_undefine(const handles *h)
{
    return virDomainUndefine(h->dom) == -1;
}
static int
d_create(const handles *h)
{
    return virDomainCreate(h->dom) == -1;
}
static int
d_suspend(const handles *h)
{
    return virDomainSuspend(h->dom) == -1;
}
static int
d_resume(const handles *h)
{
    return virDomainResume(h->dom) == -1;
}
static int
d_shutdown(const handles *h)
{
    return virDomainShutdown(h->dom) == -1;
}
static int
d_reboot(const handles *h)
{
    return virDomainReboot(h->dom, 0) == -1;
}
static int
d_destroy(const handles *h)
{
    return virDomainDestroy(h->dom) == -1;
}
static int
d_save(const handles *h)
{
    return virDomainSave(h->dom, "/nonexistent/save") == -1;
}
static int
d_save_null(const handles *h)
{
    return virDomainSave(h->dom, NULL) == -1;
}
static int
d_coredump(const handles *h)
{
    return virDomainCoreDump(h->dom, "/nonexistent/core", 0) == -1;
}
static int
d_coredump_null(const handles *h)
{
    return virDomainCoreDump(h->dom, NULL, 0) == -1;
}
static int
d_getname(const handles *h)
{
    return virDomainGetName(h->dom) == NULL;
}
static int
d_getid(const handles *h)
{
    return virDomainGetID(h->dom) == (unsigned int)-1;
}
static int
d_getuuid(const handles *h)
{
    unsigned char uuid[16];
    return virDomainGetUUID(h->dom, uuid) == -1;
}
static int
d_getuuid_null(const handles *h)
{
    return virDomainGetUUID(h->dom, NULL) == -1;
}
static int
d_getuuidstr(const handles *h)
{
    char buf[37];
    return virDomainGetUUIDString(h->dom, buf) == -1;
}
static int
d_getuuidstr_null(const handles *h)
{
    return virDomainGetUUIDString(h->dom, NULL) == -1;
}
static int
d_getostype(const handles *h)
{
    return virDomainGetOSType(h->dom) == NULL;
}
static int
d_getinfo(const handles *h)
{
    virDomainInfo info;
    return virDomainGetInfo(h->dom, &info) == -1;
}
static int
d_getinfo_null(const handles *h)
{
    return virDomainGetInfo(h->dom, NULL) == -1;
}
static int
d_getxml(const handles *h)
{
    return virDomainGetXMLDesc(h->dom, 0) == NULL;
}
static int
d_getmaxmem(const handles *h)
{
    return virDomainGetMaxMemory(h->dom) == 0;
}
static int
d_setmaxmem(const handles *h)
{
    return virDomainSetMaxMemory(h->dom, 1048576) == -1;
}
static int
d_setmaxmem_zero(const handles *h)
{
    return virDomainSetMaxMemory(h->dom, 0) == -1;
}
static int
d_setmem(const handles *h)
{
    return virDomainSetMemory(h->dom, 262144) == -1;
}
static int
d_setmem_zero(const handles *h)
{
    return virDomainSetMemory(h->dom, 0) == -1;
}
static int
d_setvcpus(const handles *h)
{
    return virDomainSetVcpus(h->dom, 1) == -1;
}
static int
d_setvcpus_zero(const handles *h)
{
    return virDomainSetVcpus(h->dom, 0) == -1;
}
static int
d_pin(const handles *h)
{
    unsigned char map[1] = {1};
    return virDomainPinVcpu(h->dom, 0, map, 1) == -1;
}
static int
d_pin_null(const handles *h)
{
    return virDomainPinVcpu(h->dom, 0, NULL, 1) == -1;
}
static int
d_pin_maplen(const handles *h)
{
    unsigned char map[1] = {1};
    return virDomainPinVcpu(h->dom, 0, map, 0) == -1;
}
static int
d_getvcpus(const handles *h)
{
    virVcpuInfo info[2];
    return virDomainGetVcpus(h->dom, info, 2, NULL, 0) == -1;
}
static int
d_getvcpus_null(const handles *h)
{
    return virDomainGetVcpus(h->dom, NULL, 2, NULL, 0) == -1;
}
static int
d_getvcpus_maxinfo(const handles *h)
{
    virVcpuInfo info[2];
    return virDomainGetVcpus(h->dom, info, 0, NULL, 0) == -1;
}
static int
d_getvcpus_maplen(const handles *h)
{
    virVcpuInfo info[2];
    unsigned char maps[8];
    return virDomainGetVcpus(h->dom, info, 2, maps, 0) == -1;
}
static char diskXML[] =
    "<disk type='file' device='disk'><source file='/tmp/x.img'/>"
    "<target dev='xvdz'/></disk>";
static int
d_attach(const handles *h)
{
    return virDomainAttachDevice(h->dom, diskXML) == -1;
}
static int
d_attach_null(const handles *h)
{
    return virDomainAttachDevice(h->dom, NULL) == -1;
}
static int
d_detach(const handles *h)
{
    return virDomainDetachDevice(h->dom, diskXML) == -1;
}
static int
d_detach_null(const handles *h)
{
    return virDomainDetachDevice(h->dom, NULL) == -1;
}

/* The statistics calls: Domain-0 has no devices on test:///default, so
 * only the checks of lib/libvir.c can make these fail as they should. */
static int
d_blockstats(const handles *h)
{
    virDomainBlockStatsStruct st;
    return virDomainBlockStats(h->dom, "xvda", &st, sizeof(st)) == -1;
}
static int
d_blockstats_null_disk(const handles *h)
{
    virDomainBlockStatsStruct st;
    return virDomainBlockStats(h->dom, NULL, &st, sizeof(st)) == -1;
}
static int
d_blockstats_null_stats(const handles *h)
{
    return virDomainBlockStats(h->dom, "xvda", NULL, 8) == -1;
}
static int
d_blockstats_big(const handles *h)
{
    virDomainBlockStatsStruct st[2];
    return virDomainBlockStats(h->dom, "xvda", st, sizeof(st)) == -1;
}
static int
d_blockstatsxen(const handles *h)
{
    virDomainBlockStatsXenStruct st;
    return virDomainBlockStatsXen(h->dom, "xvda", &st, sizeof(st)) == -1;
}
static int
d_blockstatsxen_null_disk(const handles *h)
{
    virDomainBlockStatsXenStruct st;
    return virDomainBlockStatsXen(h->dom, NULL, &st, sizeof(st)) == -1;
}
static int
d_blockstatsxen_null_stats(const handles *h)
{
    return virDomainBlockStatsXen(h->dom, "xvda", NULL, 8) == -1;
}
static int
d_blockstatsxen_big(const handles *h)
{
    virDomainBlockStatsXenStruct st[2];
    return virDomainBlockStatsXen(h->dom, "xvda", st, sizeof(st)) == -1;
}
static int
d_ifstats(const handles *h)
{
    virDomainInterfaceStatsStruct st;
    return virDomainInterfaceStats(h->dom, "vif0.0", &st, sizeof(st)) == -1;
}
static int
d_ifstats_null_device(const handles *h)
{
    virDomainInterfaceStatsStruct st;
    return virDomainInterfaceStats(h->dom, NULL, &st, sizeof(st)) == -1;
}
static int
d_ifstats_null_stats(const handles *h)
{
    return virDomainInterfaceStats(h->dom, "vif0.0", NULL, 8) == -1;
}
static int
d_ifstats_big(const handles *h)
{
    virDomainInterfaceStatsStruct st[2];
    return virDomainInterfaceStats(h->dom, "vif0.0", st, sizeof(st)) == -1;
}
static int
d_listdisks(const handles *h)
{
    char **names = (char **)&names;
    return virDomainListBlockDevices(h->dom, &names, 0) == -1 && names == NULL;
}
static int
d_listdisks_flags(const handles *h)
{
    return virDomainListBlockDevices(h->dom, NULL, 1) == -1;
}
static int
d_listifaces(const handles *h)
{
    char **names = (char **)&names;
    return virDomainListInterfaces(h->dom, &names, 0) == -1 && names == NULL;
}
static int
d_listifaces_flags(const handles *h)
{
    return virDomainListInterfaces(h->dom, NULL, 4) == -1;
}

/* ---- the table --------------------------------------------------------- */

#define INVCONN(t, f, fn)                                              \
    {                                                                  \
        t, f, ON_NULL, VIR_ERR_INVALID_CONN, fn ": invalid connection" \
    }
#define INVDOM(t, f, fn)                                             \
    {                                                                \
        t, f, ON_NULL, VIR_ERR_INVALID_DOMAIN, fn ": invalid domain" \
    }
#define BADARG(t, f, fn, msg)                         \
    {                                                 \
        t, f, ON_RW, VIR_ERR_INVALID_ARG, fn ": " msg \
    }
#define DENIED(t, f, fn)                                 \
    {                                                    \
        t, f, ON_RO, VIR_ERR_OPERATION_DENIED,           \
            fn ": not allowed on a read-only connection" \
    }
#define NOSUP(t, f, fn)                                  \
    {                                                    \
        t, f, ON_NOSUP, VIR_ERR_NO_SUPPORT,              \
            fn " is not supported by the 'nosup' driver" \
    }

static const apiCase cases[] = {
    INVCONN("connect_close_null_conn_fails", c_close, "virConnectClose"),
    INVCONN("connect_gettype_null_conn_fails", c_gettype, "virConnectGetType"),
    INVCONN("connect_getversion_null_conn_fails", c_getversion,
            "virConnectGetVersion"),
    BADARG("connect_getversion_null_hvver_fails", c_getversion_null,
           "virConnectGetVersion", "argument 'hvVer' must not be NULL"),
    NOSUP("connect_getversion_no_slot_unsupported", c_getversion,
          "virConnectGetVersion"),
    INVCONN("node_getinfo_null_conn_fails", c_nodeinfo, "virNodeGetInfo"),
    BADARG("node_getinfo_null_info_fails", c_nodeinfo_null, "virNodeGetInfo",
           "argument 'info' must not be NULL"),
    NOSUP("node_getinfo_no_slot_unsupported", c_nodeinfo, "virNodeGetInfo"),
    INVCONN("connect_listdomains_null_conn_fails", c_listdomains,
            "virConnectListDomains"),
    BADARG("connect_listdomains_negative_maxids_fails", c_listdomains_neg,
           "virConnectListDomains", "argument 'maxids' must not be negative"),
    BADARG("connect_listdomains_null_ids_fails", c_listdomains_null,
           "virConnectListDomains", "argument 'ids' must not be NULL"),
    NOSUP("connect_listdomains_no_slot_unsupported", c_listdomains,
          "virConnectListDomains"),
    INVCONN("connect_numofdomains_null_conn_fails", c_numdomains,
            "virConnectNumOfDomains"),
    NOSUP("connect_numofdomains_no_slot_unsupported", c_numdomains,
          "virConnectNumOfDomains"),
    INVCONN("connect_listdefined_null_conn_fails", c_listdefined,
            "virConnectListDefinedDomains"),
    BADARG("connect_listdefined_negative_maxnames_fails", c_listdefined_neg,
           "virConnectListDefinedDomains",
           "argument 'maxnames' must not be negative"),
    BADARG("connect_listdefined_null_names_fails", c_listdefined_null,
           "virConnectListDefinedDomains", "argument 'names' must not be NULL"),
    NOSUP("connect_listdefined_no_slot_unsupported", c_listdefined,
          "virConnectListDefinedDomains"),
    INVCONN("connect_numofdefined_null_conn_fails", c_numdefined,
            "virConnectNumOfDefinedDomains"),
    NOSUP("connect_numofdefined_no_slot_unsupported", c_numdefined,
          "virConnectNumOfDefinedDomains"),
    INVCONN("connect_geteventfd_null_conn_fails", c_geteventfd,
            "virConnectGetEventFd"),
    NOSUP("connect_geteventfd_no_slot_unsupported", c_geteventfd,
          "virConnectGetEventFd"),
    INVCONN("connect_getalldomainiostats_null_conn_fails", c_iostats,
            "virConnectGetAllDomainIOStats"),
    BADARG("connect_getalldomainiostats_null_records_fails", c_iostats_null,
           "virConnectGetAllDomainIOStats",
           "argument 'records' must not be NULL"),
    BADARG("connect_getalldomainiostats_flags_fails", c_iostats_flags,
           "virConnectGetAllDomainIOStats", "argument 'flags' must be 0"),
    NOSUP("connect_getalldomainiostats_no_slot_unsupported", c_iostats,
          "virConnectGetAllDomainIOStats"),
    /* The simulated host changes only through this library: no events. */
    {"connect_geteventfd_test_driver_unsupported", c_geteventfd, ON_RW,
     VIR_ERR_NO_SUPPORT,
     "virConnectGetEventFd is not supported by the 'test' driver"},

    INVCONN("domain_createlinux_null_conn_fails", c_createlinux,
            "virDomainCreateLinux"),
    BADARG("domain_createlinux_null_xml_fails", c_createlinux_null,
           "virDomainCreateLinux", "argument 'xmlDesc' must not be NULL"),
    DENIED("domain_createlinux_readonly_denied", c_createlinux,
           "virDomainCreateLinux"),
    NOSUP("domain_createlinux_no_slot_unsupported", c_createlinux,
          "virDomainCreateLinux"),
    INVCONN("domain_definexml_null_conn_fails", c_definexml,
            "virDomainDefineXML"),
    BADARG("domain_definexml_null_xml_fails", c_definexml_null,
           "virDomainDefineXML", "argument 'xml' must not be NULL"),
    DENIED("domain_definexml_readonly_denied", c_definexml,
           "virDomainDefineXML"),
    NOSUP("domain_definexml_no_slot_unsupported", c_definexml,
          "virDomainDefineXML"),
    INVCONN("domain_lookupbyname_null_conn_fails", c_byname,
            "virDomainLookupByName"),
    BADARG("domain_lookupbyname_null_name_fails", c_byname_null,
           "virDomainLookupByName", "argument 'name' must not be NULL"),
    NOSUP("domain_lookupbyname_no_slot_unsupported", c_byname,
          "virDomainLookupByName"),
    INVCONN("domain_lookupbyid_null_conn_fails", c_byid, "virDomainLookupByID"),
    BADARG("domain_lookupbyid_negative_id_fails", c_byid_neg,
           "virDomainLookupByID", "argument 'id' must not be negative"),
    NOSUP("domain_lookupbyid_no_slot_unsupported", c_byid,
          "virDomainLookupByID"),
    INVCONN("domain_lookupbyuuid_null_conn_fails", c_byuuid,
            "virDomainLookupByUUID"),
    BADARG("domain_lookupbyuuid_null_uuid_fails", c_byuuid_null,
           "virDomainLookupByUUID", "argument 'uuid' must not be NULL"),
    NOSUP("domain_lookupbyuuid_no_slot_unsupported", c_byuuid,
          "virDomainLookupByUUID"),
    INVCONN("domain_lookupbyuuidstring_null_conn_fails", c_byuuidstr,
            "virDomainLookupByUUIDString"),
    BADARG("domain_lookupbyuuidstring_null_string_fails", c_byuuidstr_null,
           "virDomainLookupByUUIDString",
           "argument 'uuidstr' must not be NULL"),
    BADARG("domain_lookupbyuuidstring_malformed_fails", c_byuuidstr_bad,
           "virDomainLookupByUUIDString", "'not-a-uuid' is not a valid UUID"),
    NOSUP("domain_lookupbyuuidstring_no_slot_unsupported", c_byuuidstr,
          "virDomainLookupByUUIDString"),
    INVCONN("domain_restore_null_conn_fails", c_restore, "virDomainRestore"),
    BADARG("domain_restore_null_path_fails", c_restore_null, "virDomainRestore",
           "argument 'from' must not be NULL"),
    DENIED("domain_restore_readonly_denied", c_restore, "virDomainRestore"),
    NOSUP("domain_restore_no_slot_unsupported", c_restore, "virDomainRestore"),

    INVDOM("domain_free_null_domain_fails", d_free, "virDomainFree"),
    INVDOM("domain_undefine_null_domain_fails", d_undefine,
           "virDomainUndefine"),
    DENIED("domain_undefine_readonly_denied", d_undefine, "virDomainUndefine"),
    NOSUP("domain_undefine_no_slot_unsupported", d_undefine,
          "virDomainUndefine"),
    INVDOM("domain_create_null_domain_fails", d_create, "virDomainCreate"),
    DENIED("domain_create_readonly_denied", d_create, "virDomainCreate"),
    NOSUP("domain_create_no_slot_unsupported", d_create, "virDomainCreate"),
    INVDOM("domain_suspend_null_domain_fails", d_suspend, "virDomainSuspend"),
    DENIED("domain_suspend_readonly_denied", d_suspend, "virDomainSuspend"),
    NOSUP("domain_suspend_no_slot_unsupported", d_suspend, "virDomainSuspend"),
    INVDOM("domain_resume_null_domain_fails", d_resume, "virDomainResume"),
    DENIED("domain_resume_readonly_denied", d_resume, "virDomainResume"),
    NOSUP("domain_resume_no_slot_unsupported", d_resume, "virDomainResume"),
    INVDOM("domain_shutdown_null_domain_fails", d_shutdown,
           "virDomainShutdown"),
    DENIED("domain_shutdown_readonly_denied", d_shutdown, "virDomainShutdown"),
    NOSUP("domain_shutdown_no_slot_unsupported", d_shutdown,
          "virDomainShutdown"),
    INVDOM("domain_reboot_null_domain_fails", d_reboot, "virDomainReboot"),
    DENIED("domain_reboot_readonly_denied", d_reboot, "virDomainReboot"),
    NOSUP("domain_reboot_no_slot_unsupported", d_reboot, "virDomainReboot"),
    INVDOM("domain_destroy_null_domain_fails", d_destroy, "virDomainDestroy"),
    DENIED("domain_destroy_readonly_denied", d_destroy, "virDomainDestroy"),
    NOSUP("domain_destroy_no_slot_unsupported", d_destroy, "virDomainDestroy"),
    INVDOM("domain_save_null_domain_fails", d_save, "virDomainSave"),
    BADARG("domain_save_null_path_fails", d_save_null, "virDomainSave",
           "argument 'to' must not be NULL"),
    DENIED("domain_save_readonly_denied", d_save, "virDomainSave"),
    NOSUP("domain_save_no_slot_unsupported", d_save, "virDomainSave"),
    INVDOM("domain_coredump_null_domain_fails", d_coredump,
           "virDomainCoreDump"),
    BADARG("domain_coredump_null_path_fails", d_coredump_null,
           "virDomainCoreDump", "argument 'to' must not be NULL"),
    DENIED("domain_coredump_readonly_denied", d_coredump, "virDomainCoreDump"),
    NOSUP("domain_coredump_no_slot_unsupported", d_coredump,
          "virDomainCoreDump"),
    INVDOM("domain_getname_null_domain_fails", d_getname, "virDomainGetName"),
    INVDOM("domain_getid_null_domain_fails", d_getid, "virDomainGetID"),
    INVDOM("domain_getuuid_null_domain_fails", d_getuuid, "virDomainGetUUID"),
    BADARG("domain_getuuid_null_buffer_fails", d_getuuid_null,
           "virDomainGetUUID", "argument 'uuid' must not be NULL"),
    INVDOM("domain_getuuidstring_null_domain_fails", d_getuuidstr,
           "virDomainGetUUIDString"),
    BADARG("domain_getuuidstring_null_buffer_fails", d_getuuidstr_null,
           "virDomainGetUUIDString", "argument 'buf' must not be NULL"),
    INVDOM("domain_getostype_null_domain_fails", d_getostype,
           "virDomainGetOSType"),
    NOSUP("domain_getostype_no_slot_unsupported", d_getostype,
          "virDomainGetOSType"),
    INVDOM("domain_getinfo_null_domain_fails", d_getinfo, "virDomainGetInfo"),
    BADARG("domain_getinfo_null_info_fails", d_getinfo_null, "virDomainGetInfo",
           "argument 'info' must not be NULL"),
    NOSUP("domain_getinfo_no_slot_unsupported", d_getinfo, "virDomainGetInfo"),
    INVDOM("domain_getxmldesc_null_domain_fails", d_getxml,
           "virDomainGetXMLDesc"),
    NOSUP("domain_getxmldesc_no_slot_unsupported", d_getxml,
          "virDomainGetXMLDesc"),
    INVDOM("domain_getmaxmemory_null_domain_fails", d_getmaxmem,
           "virDomainGetMaxMemory"),
    NOSUP("domain_getmaxmemory_no_slot_unsupported", d_getmaxmem,
          "virDomainGetMaxMemory"),
    INVDOM("domain_setmaxmemory_null_domain_fails", d_setmaxmem,
           "virDomainSetMaxMemory"),
    BADARG("domain_setmaxmemory_zero_fails", d_setmaxmem_zero,
           "virDomainSetMaxMemory", "argument 'memory' must not be 0"),
    DENIED("domain_setmaxmemory_readonly_denied", d_setmaxmem,
           "virDomainSetMaxMemory"),
    NOSUP("domain_setmaxmemory_no_slot_unsupported", d_setmaxmem,
          "virDomainSetMaxMemory"),
    INVDOM("domain_setmemory_null_domain_fails", d_setmem,
           "virDomainSetMemory"),
    BADARG("domain_setmemory_zero_fails", d_setmem_zero, "virDomainSetMemory",
           "argument 'memory' must not be 0"),
    DENIED("domain_setmemory_readonly_denied", d_setmem, "virDomainSetMemory"),
    NOSUP("domain_setmemory_no_slot_unsupported", d_setmem,
          "virDomainSetMemory"),
    INVDOM("domain_setvcpus_null_domain_fails", d_setvcpus,
           "virDomainSetVcpus"),
    BADARG("domain_setvcpus_zero_fails", d_setvcpus_zero, "virDomainSetVcpus",
           "argument 'nvcpus' must not be 0"),
    DENIED("domain_setvcpus_readonly_denied", d_setvcpus, "virDomainSetVcpus"),
    NOSUP("domain_setvcpus_no_slot_unsupported", d_setvcpus,
          "virDomainSetVcpus"),
    INVDOM("domain_pinvcpu_null_domain_fails", d_pin, "virDomainPinVcpu"),
    BADARG("domain_pinvcpu_null_cpumap_fails", d_pin_null, "virDomainPinVcpu",
           "argument 'cpumap' must not be NULL"),
    BADARG("domain_pinvcpu_zero_maplen_fails", d_pin_maplen, "virDomainPinVcpu",
           "argument 'maplen' must be at least 1"),
    DENIED("domain_pinvcpu_readonly_denied", d_pin, "virDomainPinVcpu"),
    NOSUP("domain_pinvcpu_no_slot_unsupported", d_pin, "virDomainPinVcpu"),
    INVDOM("domain_getvcpus_null_domain_fails", d_getvcpus,
           "virDomainGetVcpus"),
    BADARG("domain_getvcpus_null_info_fails", d_getvcpus_null,
           "virDomainGetVcpus", "argument 'info' must not be NULL"),
    BADARG("domain_getvcpus_zero_maxinfo_fails", d_getvcpus_maxinfo,
           "virDomainGetVcpus", "argument 'maxinfo' must be at least 1"),
    BADARG("domain_getvcpus_cpumaps_zero_maplen_fails", d_getvcpus_maplen,
           "virDomainGetVcpus", "argument 'maplen' must be at least 1"),
    NOSUP("domain_getvcpus_no_slot_unsupported", d_getvcpus,
          "virDomainGetVcpus"),
    INVDOM("domain_attachdevice_null_domain_fails", d_attach,
           "virDomainAttachDevice"),
    BADARG("domain_attachdevice_null_xml_fails", d_attach_null,
           "virDomainAttachDevice", "argument 'xml' must not be NULL"),
    DENIED("domain_attachdevice_readonly_denied", d_attach,
           "virDomainAttachDevice"),
    NOSUP("domain_attachdevice_no_slot_unsupported", d_attach,
          "virDomainAttachDevice"),
    INVDOM("domain_detachdevice_null_domain_fails", d_detach,
           "virDomainDetachDevice"),
    BADARG("domain_detachdevice_null_xml_fails", d_detach_null,
           "virDomainDetachDevice", "argument 'xml' must not be NULL"),
    DENIED("domain_detachdevice_readonly_denied", d_detach,
           "virDomainDetachDevice"),
    NOSUP("domain_detachdevice_no_slot_unsupported", d_detach,
          "virDomainDetachDevice"),
    INVDOM("domain_blockstats_null_domain_fails", d_blockstats,
           "virDomainBlockStats"),
    BADARG("domain_blockstats_null_disk_fails", d_blockstats_null_disk,
           "virDomainBlockStats", "argument 'disk' must not be NULL"),
    BADARG("domain_blockstats_null_stats_fails", d_blockstats_null_stats,
           "virDomainBlockStats", "argument 'stats' must not be NULL"),
    BADARG("domain_blockstats_size_above_struct_fails", d_blockstats_big,
           "virDomainBlockStats",
           "argument 'size' 80 is larger than the library's struct (40 "
           "bytes)"),
    NOSUP("domain_blockstats_no_slot_unsupported", d_blockstats,
          "virDomainBlockStats"),
    INVDOM("domain_blockstatsxen_null_domain_fails", d_blockstatsxen,
           "virDomainBlockStatsXen"),
    BADARG("domain_blockstatsxen_null_disk_fails", d_blockstatsxen_null_disk,
           "virDomainBlockStatsXen", "argument 'disk' must not be NULL"),
    BADARG("domain_blockstatsxen_null_stats_fails", d_blockstatsxen_null_stats,
           "virDomainBlockStatsXen", "argument 'stats' must not be NULL"),
    BADARG("domain_blockstatsxen_size_above_struct_fails", d_blockstatsxen_big,
           "virDomainBlockStatsXen",
           "argument 'size' 112 is larger than the library's struct (56 "
           "bytes)"),
    NOSUP("domain_blockstatsxen_no_slot_unsupported", d_blockstatsxen,
          "virDomainBlockStatsXen"),
    INVDOM("domain_interfacestats_null_domain_fails", d_ifstats,
           "virDomainInterfaceStats"),
    BADARG("domain_interfacestats_null_device_fails", d_ifstats_null_device,
           "virDomainInterfaceStats", "argument 'device' must not be NULL"),
    BADARG("domain_interfacestats_null_stats_fails", d_ifstats_null_stats,
           "virDomainInterfaceStats", "argument 'stats' must not be NULL"),
    BADARG("domain_interfacestats_size_above_struct_fails", d_ifstats_big,
           "virDomainInterfaceStats",
           "argument 'size' 128 is larger than the library's struct (64 "
           "bytes)"),
    NOSUP("domain_interfacestats_no_slot_unsupported", d_ifstats,
          "virDomainInterfaceStats"),
    INVDOM("domain_listblockdevices_null_domain_fails", d_listdisks,
           "virDomainListBlockDevices"),
    BADARG("domain_listblockdevices_flags_fails", d_listdisks_flags,
           "virDomainListBlockDevices", "argument 'flags' must be 0"),
    NOSUP("domain_listblockdevices_no_slot_unsupported", d_listdisks,
          "virDomainListBlockDevices"),
    INVDOM("domain_listinterfaces_null_domain_fails", d_listifaces,
           "virDomainListInterfaces"),
    BADARG("domain_listinterfaces_flags_fails", d_listifaces_flags,
           "virDomainListInterfaces", "argument 'flags' must be 0"),
    NOSUP("domain_listinterfaces_no_slot_unsupported", d_listifaces,
          "virDomainListInterfaces"),
};

/* ---- host fingerprint: proof that a refused call changed nothing ------- */

static void
appendf(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    char *p;

    if (*buf == NULL)
        return;
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        p = realloc(*buf, *cap);
        if (p == NULL) {
            free(*buf);
            *buf = NULL;
            return;
        }
        *buf = p;
    }
    memcpy(*buf + *len, s, n + 1);
    *len += n;
}

/* Everything a client can see of the host's domains, as one string. */
static char *
hostFingerprint(virConnectPtr conn)
{
    size_t len = 0;
    size_t cap = 256;
    char *buf = malloc(cap);
    int ids[64];
    const char *names[64];
    int nids = virConnectListDomains(conn, ids, 64);
    int nnames = virConnectListDefinedDomains(conn, names, 64);
    char line[256];
    int i;

    if (buf == NULL || nids < 0 || nnames < 0) {
        free(buf);
        buf = NULL;
        nnames = nnames < 0 ? 0 : nnames;
    } else {
        buf[0] = '\0';
    }
    for (i = 0; buf != NULL && i < nids; i++) {
        virDomainPtr dom = virDomainLookupByID(conn, ids[i]);
        virDomainInfo info;
        char *xml;

        if (dom == NULL || virDomainGetInfo(dom, &info) < 0 ||
            (xml = virDomainGetXMLDesc(dom, 0)) == NULL) {
            virDomainFree(dom);
            free(buf);
            buf = NULL;
            break;
        }
        snprintf(line, sizeof(line), "[%d state=%d mem=%lu max=%lu vcpus=%u]",
                 ids[i], info.state, info.memory, info.maxMem, info.nrVirtCpu);
        appendf(&buf, &len, &cap, line);
        appendf(&buf, &len, &cap, xml);
        free(xml);
        virDomainFree(dom);
    }
    for (i = 0; i < nnames; i++) {
        appendf(&buf, &len, &cap, names[i]);
        free((char *)names[i]);
    }
    return buf;
}

static int
api_case(const void *data)
{
    const apiCase *c = data;
    handles h = {NULL, NULL};
    char *before = NULL;
    char *after = NULL;
    virErrorPtr connErr;
    int ret = -1;

    switch (c->on) {
    case ON_NULL:
        break;
    case ON_RW:
        h.conn = rwConn;
        h.dom = rwDom;
        break;
    case ON_RO:
        h.conn = roConn;
        h.dom = roDom;
        break;
    case ON_NOSUP:
        h.conn = nosupConn;
        h.dom = nosupDom;
        break;
    }
    if ((before = hostFingerprint(rwConn)) == NULL) {
        virTestFail("cannot read the host before the call");
        goto cleanup;
    }
    virConnResetLastError(h.conn);
    virResetLastError();
    debugSeen.count = 0;
    virSetLogFunc(&debugSeen, recordDebug);
    if (!c->call(&h)) {
        virSetLogFunc(NULL, NULL);
        virTestFail("the call did not return its failure value");
        goto cleanup;
    }
    virSetLogFunc(NULL, NULL);
    if (expectEntryLogged(c->message) < 0)
        goto cleanup;
    if (virTestExpectError(c->code, NULL) < 0 ||
        virTestExpectStr("message", virGetLastError()->message, c->message) < 0)
        goto cleanup;
    if (h.conn != NULL) {
        connErr = virConnGetLastError(h.conn);
        if (connErr == NULL || connErr->code != c->code) {
            virTestFail("the error was not recorded on the connection");
            goto cleanup;
        }
    }
    if ((after = hostFingerprint(rwConn)) == NULL ||
        strcmp(before, after) != 0) {
        virTestFail("the host changed although the call failed");
        goto cleanup;
    }
    ret = 0;

cleanup:
    free(before);
    free(after);
    return ret;
}

/* ---- opening ---------------------------------------------------------- */

typedef struct {
    const char *title;
    const char *uri;
    int code;
    const char *message;
} openCase;

static const openCase openCases[] = {
    {"connect_open_unknown_scheme_fails", "bogus:///x", VIR_ERR_NO_CONNECT,
     "no driver accepts the connection URI 'bogus:///x'"},
    {"connect_open_malformed_uri_fails", "default", VIR_ERR_INVALID_ARG,
     "connection URI 'default' is not of the form scheme:///path"},
#ifndef WITH_XEN
    {"connect_open_xen_without_driver_fails", "xen:///", VIR_ERR_NO_CONNECT,
     "cannot open 'xen:///': this build has no Xen driver"},
    {"connect_open_null_means_xen", NULL, VIR_ERR_NO_CONNECT,
     "cannot open 'xen:///': this build has no Xen driver"},
#endif
};

static int
open_case(const void *data)
{
    const openCase *c = data;
    virConnectPtr conn = virConnectOpen(c->uri);

    if (conn != NULL) {
        virConnectClose(conn);
        return virTestFail("'%s' was opened", c->uri ? c->uri : "(null)");
    }
    return virTestExpectError(c->code, c->message);
}

static int
connect_open_readonly_flags_connection(const void *data)
{
    (void)data;
    if (roConn == NULL || !roConn->readonly || rwConn->readonly)
        return virTestFail("read-only flag not kept on the connection");
    return 0;
}

static int
domain_lookup_twice_shares_handle(const void *data)
{
    virDomainPtr a = virDomainLookupByName(rwConn, "Domain-0");
    virDomainPtr b = virDomainLookupByID(rwConn, 0);
    int ret = -1;

    (void)data;
    if (a == NULL || b == NULL) {
        virTestFail("Domain-0 not found");
        goto cleanup;
    }
    if (a != b) {
        virTestFail("two lookups of Domain-0 gave two handles");
        goto cleanup;
    }
    if (virTestExpectInt("refs", a->refs, 2 + (rwDom == a)) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainFree(a);
    virDomainFree(b);
    return ret;
}

static int
connect_close_with_live_domain_defers(const void *data)
{
    virConnectPtr conn = virConnectOpen("test:///default");
    virDomainPtr dom;
    virDomainInfo info;
    int ret = -1;

    (void)data;
    if (conn == NULL)
        return virTestFail("cannot open test:///default");
    dom = virDomainLookupByID(conn, 0);
    if (dom == NULL || virConnectClose(conn) < 0) {
        virTestFail("lookup or close failed");
        goto cleanup;
    }
    /* The handle keeps the connection alive: calls on it still work. */
    if (virTestExpectInt("getinfo after close", virDomainGetInfo(dom, &info),
                         0) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    if (dom != NULL)
        virDomainFree(dom);
    return ret;
}

static int
get_version_reports_library_and_types(const void *data)
{
    unsigned long lib = 0;
    unsigned long typeVer = 1;

    (void)data;
    if (virTestExpectInt("ret", virGetVersion(&lib, "Test", &typeVer), 0) < 0 ||
        virTestExpectInt("libVer", (long long)lib, LIBVIR_VERSION_NUMBER) < 0 ||
        virTestExpectInt("typeVer", (long long)typeVer, LIBVIR_VERSION_NUMBER) <
            0)
        return -1;
    if (virTestExpectInt("ret no type", virGetVersion(&lib, NULL, NULL), 0) < 0)
        return -1;
    typeVer = 1;
    if (virTestExpectInt("ret unknown", virGetVersion(&lib, "Bochs", &typeVer),
                         -1) < 0 ||
        virTestExpectInt("typeVer unknown", (long long)typeVer, 0) < 0 ||
        virTestExpectError(VIR_ERR_NO_SUPPORT,
                           "hypervisor type 'Bochs' is not supported") < 0)
        return -1;
    if (virTestExpectInt("ret null libVer", virGetVersion(NULL, NULL, NULL),
                         -1) < 0 ||
        virTestExpectError(VIR_ERR_INVALID_ARG,
                           "virGetVersion: argument 'libVer' must not be "
                           "NULL") < 0)
        return -1;
    return 0;
}

static int
connect_gettype_no_slot_uses_driver_type(const void *data)
{
    (void)data;
    return virTestExpectStr("type", virConnectGetType(nosupConn), "Nosup");
}

static int
api_success_clears_previous_error(const void *data)
{
    (void)data;
    virDomainLookupByName(rwConn, "no-such-domain");
    if (virGetLastError() == NULL)
        return virTestFail("lookup of an unknown name set no error");
    if (virConnectNumOfDomains(rwConn) < 0)
        return virTestFail("NumOfDomains failed");
    return virTestExpectNoError();
}

static int
mymain(void)
{
    unsigned char uuid[16] = {0xde, 0xad};
    int ret = 0;
    size_t i;

    if (virDriverRegister(&nosupDriver) < 0 ||
        (rwConn = virConnectOpen("test:///default")) == NULL ||
        (roConn = virConnectOpenReadOnly("test:///default")) == NULL ||
        (nosupConn = virConnectOpen("nosup:///")) == NULL ||
        (rwDom = virDomainLookupByName(rwConn, "Domain-0")) == NULL ||
        (roDom = virDomainLookupByName(roConn, "Domain-0")) == NULL ||
        (nosupDom = virGetDomain(nosupConn, "ghost", uuid, 7)) == NULL) {
        virErrorPtr err = virGetLastError();

        printf("Bail out! set-up failed: %s\n",
               err ? err->message : "no error");
        ret = -1;
        goto cleanup;
    }

    for (i = 0; i < sizeof(openCases) / sizeof(openCases[0]); i++)
        ret |= virTestRun(openCases[i].title, open_case, &openCases[i]);
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ret |= virTestRun(cases[i].title, api_case, &cases[i]);
    ret |= virTestRun("connect_open_readonly_flags_connection",
                      connect_open_readonly_flags_connection, NULL);
    ret |= virTestRun("domain_lookup_twice_shares_handle",
                      domain_lookup_twice_shares_handle, NULL);
    ret |= virTestRun("connect_close_with_live_domain_defers",
                      connect_close_with_live_domain_defers, NULL);
    ret |= virTestRun("get_version_reports_library_and_types",
                      get_version_reports_library_and_types, NULL);
    ret |= virTestRun("connect_gettype_no_slot_uses_driver_type",
                      connect_gettype_no_slot_uses_driver_type, NULL);
    ret |= virTestRun("api_success_clears_previous_error",
                      api_success_clears_previous_error, NULL);

cleanup:
    if (nosupDom)
        virDomainFree(nosupDom);
    if (roDom)
        virDomainFree(roDom);
    if (rwDom)
        virDomainFree(rwDom);
    if (nosupConn)
        virConnectClose(nosupConn);
    if (roConn)
        virConnectClose(roConn);
    if (rwConn)
        virConnectClose(rwConn);
    return ret;
}

VIR_TEST_MAIN(mymain)
