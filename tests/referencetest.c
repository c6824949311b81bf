/*
 * referencetest.c: a program written against the reference manual only.
 *
 * It includes nothing of the project but <libvir.h> and uses every
 * function, macro, enum value and struct member of the reference, so that
 * building it (with -std=c99 -pedantic -Werror, see tests/local.mk)
 * proves the header matches the reference, and running it walks one
 * realistic session on test:///default.  Each step prints a TAP line.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libvir.h>

static unsigned int step;
static unsigned int failures;

static void
check(int ok, const char *what)
{
    virErrorPtr err = virGetLastError();

    step++;
    if (ok) {
        printf("ok %u - reference_%s\n", step, what);
        return;
    }
    failures++;
    printf("not ok %u - reference_%s\n", step, what);
    if (err != NULL)
        printf("# error %d: %s\n", err->code, err->message);
}

/* Every enum value of the reference, with the value it documents. */
static int
enumsMatchReference(void)
{
    return VIR_DOMAIN_NOSTATE == 0 && VIR_DOMAIN_RUNNING == 1 &&
           VIR_DOMAIN_BLOCKED == 2 && VIR_DOMAIN_PAUSED == 3 &&
           VIR_DOMAIN_SHUTDOWN == 4 && VIR_DOMAIN_SHUTOFF == 5 &&
           VIR_DOMAIN_CRASHED == 6 && VIR_DOMAIN_DESTROY == 1 &&
           VIR_DOMAIN_RESTART == 2 && VIR_DOMAIN_PRESERVE == 3 &&
           VIR_DOMAIN_RENAME_RESTART == 4 && VIR_DEVICE_DEFAULT == 0 &&
           VIR_DEVICE_RO == 1 && VIR_DEVICE_RW == 2 &&
           VIR_DEVICE_RW_FORCE == 3 && VIR_DOMAIN_NONE == 0 &&
           VIR_VCPU_OFFLINE == 0 && VIR_VCPU_RUNNING == 1 &&
           VIR_VCPU_BLOCKED == 2;
}

static int
typesMatchReference(void)
{
    virDomainKernel kernel;
    virDomainKernelPtr kp = &kernel;
    virDomainRestart restart = VIR_DOMAIN_RESTART;
    virDeviceMode mode = VIR_DEVICE_RW;
    virDomainCreateFlags flags = VIR_DOMAIN_NONE;
    virVcpuState vstate = VIR_VCPU_RUNNING;
    virDomainState dstate = VIR_DOMAIN_RUNNING;

    kp->kernel = "/boot/vmlinuz";
    kp->ramdisk = NULL;
    kp->root = "/dev/xvda1";
    kp->extra = "console=hvc0";
    return kp->kernel != NULL && restart == 2 && mode == 2 && flags == 0 &&
           vstate == 1 && dstate == 1 &&
           sizeof(((virNodeInfo *)0)->model) == 32;
}

static int
cpumapMacrosWork(void)
{
    unsigned char map[VIR_CPU_MAPLEN(12)];
    unsigned char maps[2 * VIR_CPU_MAPLEN(12)];
    unsigned char copy[VIR_CPU_MAPLEN(12)];
    int maplen = VIR_CPU_MAPLEN(12);

    memset(map, 0, sizeof(map));
    VIR_USE_CPU(map, 0);
    VIR_USE_CPU(map, 9);
    VIR_USE_CPU(map, 11);
    VIR_UNUSE_CPU(map, 11);
    memset(maps, 0, sizeof(maps));
    memcpy(VIR_GET_CPUMAP(maps, maplen, 1), map, (size_t)maplen);
    VIR_COPY_CPUMAP(maps, maplen, 1, copy);
    return maplen == 2 && map[0] == 0x01 && map[1] == 0x02 &&
           VIR_CPU_USABLE(maps, maplen, 1, 9) &&
           !VIR_CPU_USABLE(maps, maplen, 1, 11) &&
           !VIR_CPU_USABLE(maps, maplen, 0, 0) &&
           memcmp(copy, map, (size_t)maplen) == 0;
}

/* Waits up to 3 s for @dom to reach @state (shutdown and reboot take a
 * simulated moment). */
static int
waitForState(virDomainPtr dom, int state)
{
    virDomainInfo info;
    int i;

    for (i = 0; i < 300; i++) {
        if (virDomainGetInfo(dom, &info) < 0)
            return 0;
        if (info.state == state)
            return 1;
        usleep(10000);
    }
    return 0;
}

static const char guestXML[] =
    "<domain type='xen'>"
    "<name>reference-guest</name>"
    "<uuid>6a3e2f10-8b7c-4d2e-9f01-23456789abcd</uuid>"
    "<os><type>linux</type><kernel>/boot/vmlinuz</kernel></os>"
    "<memory>262144</memory><currentMemory>131072</currentMemory>"
    "<vcpu current='1'>2</vcpu>"
    "</domain>";

static char diskXML[] = "<disk type='file' device='disk'>"
                        "<source file='/var/lib/xen/ref.img'/>"
                        "<target dev='xvdb'/></disk>";

static void
domainSession(virConnectPtr conn, const char *dir)
{
    virDomainPtr dom;
    virDomainPtr same;
    virDomainInfo info;
    virVcpuInfo vcpus[2];
    virNodeInfo node;
    unsigned char uuid[16];
    char uuidstr[37];
    char path[512];
    unsigned char *cpumaps;
    unsigned char pin[1];
    char *xml = NULL;
    char *os;
    unsigned int oldId;
    int maplen;
    int n;

    check(virNodeGetInfo(conn, &node) == 0 && node.cpus > 0 &&
              node.memory > 0 && node.mhz > 0 && node.nodes >= 1 &&
              node.sockets >= 1 && node.cores >= 1 && node.threads >= 1 &&
              (unsigned int)VIR_NODEINFO_MAXCPUS(node) >= node.cpus &&
              node.model[0] != '\0',
          "node_getinfo");
    maplen = VIR_CPU_MAPLEN(node.cpus);

    dom = virDomainDefineXML(conn, guestXML);
    check(dom != NULL, "domain_definexml");
    if (dom == NULL)
        return;
    check(strcmp(virDomainGetName(dom), "reference-guest") == 0,
          "domain_getname");
    check(virDomainGetID(dom) == (unsigned int)-1, "domain_getid_shutoff");
    check(virDomainGetUUID(dom, uuid) == 0 && uuid[0] == 0x6a,
          "domain_getuuid");
    check(virDomainGetUUIDString(dom, uuidstr) == 0 &&
              strcmp(uuidstr, "6a3e2f10-8b7c-4d2e-9f01-23456789abcd") == 0,
          "domain_getuuidstring");
    same = virDomainLookupByUUID(conn, uuid);
    check(same != NULL && virDomainFree(same) == 0, "domain_lookupbyuuid");
    same = virDomainLookupByUUIDString(conn, uuidstr);
    check(same != NULL && virDomainFree(same) == 0,
          "domain_lookupbyuuidstring");
    check(virConnectNumOfDefinedDomains(conn) >= 1, "connect_numofdefined");
    {
        const char *names[64];
        int i;
        int found = 0;

        n = virConnectListDefinedDomains(conn, names, 64);
        for (i = 0; i < n; i++) {
            if (strcmp(names[i], "reference-guest") == 0)
                found = 1;
            free((char *)names[i]);
        }
        check(n >= 1 && found, "connect_listdefined");
    }

    check(virDomainCreate(dom) == 0 && virDomainGetID(dom) > 0,
          "domain_create");
    same = virDomainLookupByID(conn, (int)virDomainGetID(dom));
    check(same == dom && virDomainFree(same) == 0, "domain_lookupbyid");
    check(virDomainGetInfo(dom, &info) == 0 &&
              info.state == VIR_DOMAIN_RUNNING && info.maxMem == 262144 &&
              info.memory == 131072 && info.nrVirtCpu == 1,
          "domain_getinfo");
    os = virDomainGetOSType(dom);
    check(os != NULL && strcmp(os, "linux") == 0, "domain_getostype");
    free(os);
    check(virDomainGetMaxMemory(dom) == 262144, "domain_getmaxmemory");
    check(virDomainSetMaxMemory(dom, 524288) == 0 &&
              virDomainGetMaxMemory(dom) == 524288,
          "domain_setmaxmemory");
    check(virDomainSetMemory(dom, 196608) == 0 &&
              virDomainGetInfo(dom, &info) == 0 && info.memory == 196608,
          "domain_setmemory");
    check(virDomainSetVcpus(dom, 2) == 0 && virDomainGetInfo(dom, &info) == 0 &&
              info.nrVirtCpu == 2,
          "domain_setvcpus");
    memset(pin, 0, sizeof(pin));
    VIR_USE_CPU(pin, 1);
    check(virDomainPinVcpu(dom, 1, pin, 1) == 0, "domain_pinvcpu");
    cpumaps = calloc(2, (size_t)maplen);
    n = cpumaps ? virDomainGetVcpus(dom, vcpus, 2, cpumaps, maplen) : -1;
    check(n == 2 && vcpus[1].number == 1 && vcpus[1].cpu == 1 &&
              vcpus[0].state == VIR_VCPU_RUNNING &&
              VIR_CPU_USABLE(cpumaps, maplen, 1, 1) &&
              !VIR_CPU_USABLE(cpumaps, maplen, 1, 0),
          "domain_getvcpus");
    free(cpumaps);
    check(virDomainAttachDevice(dom, diskXML) == 0 &&
              (xml = virDomainGetXMLDesc(dom, 0)) != NULL &&
              strstr(xml, "xvdb") != NULL,
          "domain_attachdevice");
    free(xml);
    xml = NULL;
    check(virDomainDetachDevice(dom, diskXML) == 0 &&
              (xml = virDomainGetXMLDesc(dom, 0)) != NULL &&
              strstr(xml, "xvdb") == NULL,
          "domain_detachdevice");
    free(xml);

    check(virDomainSuspend(dom) == 0 && virDomainGetInfo(dom, &info) == 0 &&
              info.state == VIR_DOMAIN_PAUSED,
          "domain_suspend");
    check(virDomainResume(dom) == 0 && virDomainGetInfo(dom, &info) == 0 &&
              info.state == VIR_DOMAIN_RUNNING,
          "domain_resume");
    snprintf(path, sizeof(path), "%s/core", dir);
    check(virDomainCoreDump(dom, path, 0) == 0 && access(path, F_OK) == 0,
          "domain_coredump");
    unlink(path);
    snprintf(path, sizeof(path), "%s/save", dir);
    check(virDomainSave(dom, path) == 0 && virDomainGetInfo(dom, &info) == 0 &&
              info.state == VIR_DOMAIN_SHUTOFF,
          "domain_save");
    check(virDomainRestore(conn, path) == 0 &&
              virDomainGetInfo(dom, &info) == 0 &&
              info.state == VIR_DOMAIN_RUNNING,
          "domain_restore");
    unlink(path);
    oldId = virDomainGetID(dom);
    check(virDomainReboot(dom, 0) == 0 &&
              waitForState(dom, VIR_DOMAIN_RUNNING) &&
              virDomainGetID(dom) != oldId,
          "domain_reboot_fresh_id");
    check(virDomainShutdown(dom) == 0 && virDomainGetInfo(dom, &info) == 0 &&
              (info.state == VIR_DOMAIN_SHUTDOWN ||
               info.state == VIR_DOMAIN_SHUTOFF),
          "domain_shutdown");
    check(waitForState(dom, VIR_DOMAIN_SHUTOFF), "domain_shutdown_completes");
    check(virDomainCreate(dom) == 0, "domain_create_again");
    same = virDomainLookupByName(conn, "reference-guest");
    /* Destroy releases the reference it was given (the reference says
     * the structure is freed). */
    check(same != NULL && virDomainDestroy(same) == 0, "domain_destroy");
    check(virDomainGetInfo(dom, &info) == 0 && info.state == VIR_DOMAIN_SHUTOFF,
          "domain_destroy_shuts_off");
    check(virDomainUndefine(dom) == 0, "domain_undefine");
    check(virDomainFree(dom) == 0, "domain_free");

    dom = virDomainCreateLinux(conn, guestXML, VIR_DOMAIN_NONE);
    check(dom != NULL && virDomainGetID(dom) != (unsigned int)-1,
          "domain_createlinux");
    if (dom != NULL)
        check(virDomainDestroy(dom) == 0, "domain_destroy_transient");
}

int
main(void)
{
    virConnectPtr conn;
    unsigned long libVer = 0;
    unsigned long typeVer = 0;
    unsigned long hvVer = 0;
    char dir[] = "/tmp/referencetest-XXXXXX";
    const char *type;
    int ids[64];
    int n;

    check(virInitialize() == 0, "initialize");
    check(enumsMatchReference(), "enum_values");
    check(typesMatchReference(), "types");
    check(cpumapMacrosWork(), "cpumap_macros");
    check(virGetVersion(&libVer, "Test", &typeVer) == 0 &&
              libVer == LIBVIR_VERSION_NUMBER,
          "getversion");

    conn = virConnectOpen("test:///default");
    check(conn != NULL, "connect_open");
    if (conn == NULL || mkdtemp(dir) == NULL) {
        printf("Bail out! cannot open test:///default\n");
        return EXIT_FAILURE;
    }
    type = virConnectGetType(conn);
    check(type != NULL && strcmp(type, "Xen") == 0, "connect_gettype");
    check(virConnectGetVersion(conn, &hvVer) == 0 && hvVer > 4000000,
          "connect_getversion");
    n = virConnectListDomains(conn, ids, 64);
    check(n > 0 && n == virConnectNumOfDomains(conn) && ids[0] == 0,
          "connect_listdomains");
    domainSession(conn, dir);
    rmdir(dir);
    check(virConnectClose(conn) == 0, "connect_close");

    conn = virConnectOpenReadOnly("test:///default");
    check(conn != NULL && virConnectClose(conn) == 0, "connect_openreadonly");

    printf("1..%u\n", step);
    return failures == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
