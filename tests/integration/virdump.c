/*
 * virdump.c: prints what libvir reports for a host, in the format of
 * "snmpwalk -On -Oq -Ot" over XEN-SNMP-MIB, so that the integration tests
 * can compare the agent with the library line by line.
 *
 * The devices of the active domains, whose rows the MIB indexes by a
 * number computed from the name, are printed by name instead, one line
 * each: "io vif|vbd DOMINDEX NAME COUNTER...", the counters in the order
 * of the MIB's columns (-1 for one the hypervisor does not keep).
 *
 * Usage: virdump URI.  Exit status 0, or 1 when the host cannot be read.
 */

#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libvir.h"
#include "libvir_stats.h"

#define ROOT ".1.3.6.1.4.1.8072.9999.9999.42.1"
#define MAX_VCPUS 4096

/* Prints the OID index of a non-IMPLIED string: length, then bytes. */
static void
printIndex(const char *name)
{
    const unsigned char *p = (const unsigned char *)name;

    printf(".%zu", strlen(name));
    for (; *p != '\0'; p++)
        printf(".%u", *p);
}

static void
printHex(const unsigned char *buf, size_t len)
{
    size_t i;

    putchar('"');
    for (i = 0; i < len; i++)
        printf("%02X ", buf[i]);
    putchar('"');
}

/* Prints a text value as snmpwalk -Oq does: quoted when every byte is
 * printable ASCII, as hex octets otherwise (net-snmp, without a display
 * hint, shows anything else as a Hex-STRING). */
static void
printText(const char *text)
{
    const unsigned char *p;

    for (p = (const unsigned char *)text; *p != '\0'; p++) {
        if (*p < 0x20 || *p > 0x7e) {
            printHex((const unsigned char *)text, strlen(text));
            return;
        }
    }
    printf("\"%s\"", text);
}

static void
domLine(const char *name, int col)
{
    printf(ROOT ".2.1.%d", col);
    printIndex(name);
    putchar(' ');
}

/* Prints the "io" lines of the devices of @dom (see above). */
static int
dumpDevices(virDomainPtr dom, const char *name, bool vif)
{
    char **devs = NULL;
    int n, i, ret = -1;

    n = vif ? virDomainListInterfaces(dom, &devs, 0)
            : virDomainListBlockDevices(dom, &devs, 0);
    for (i = 0; i < n; i++) {
        virDomainInterfaceStatsStruct nst;
        virDomainBlockStatsXenStruct bst;

        if (vif ? virDomainInterfaceStats(dom, devs[i], &nst, sizeof(nst))
                : virDomainBlockStatsXen(dom, devs[i], &bst, sizeof(bst)))
            goto cleanup;
        printf("io %s ", vif ? "vif" : "vbd");
        printIndex(name);
        if (vif)
            printf(" %s %lld %lld %lld %lld %lld %lld %lld %lld\n", devs[i],
                   nst.rx_bytes, nst.rx_packets, nst.rx_errs, nst.rx_drop,
                   nst.tx_bytes, nst.tx_packets, nst.tx_errs, nst.tx_drop);
        else
            printf(" %s %lld %lld %lld %lld %lld %lld %lld\n", devs[i],
                   bst.rd_req, bst.rd_sect, bst.wr_req, bst.wr_sect, bst.oo_req,
                   bst.f_req, bst.ds_req);
    }
    ret = n < 0 ? -1 : 0;

cleanup:
    for (i = 0; devs != NULL && devs[i] != NULL; i++)
        free(devs[i]);
    free(devs);
    return ret;
}

static int
adminState(int state)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING:
    case VIR_DOMAIN_BLOCKED:
        return 1;
    case VIR_DOMAIN_PAUSED:
        return 2;
    default:
        return 3;
    }
}

/* The maximum vcpus of a domain without vcpus to list (shut off or
 * crashed): the text of <vcpu> in its XML, whatever its current count. */
static int
xmlMaxVcpus(virDomainPtr dom, unsigned int *max)
{
    char *xml = virDomainGetXMLDesc(dom, 0);
    const char *p = xml != NULL ? strstr(xml, "<vcpu") : NULL;
    int ret = -1;

    if (p != NULL && (p = strchr(p, '>')) != NULL &&
        sscanf(p + 1, "%u", max) == 1)
        ret = 0;
    free(xml);
    return ret;
}

static int
dumpDomain(virDomainPtr dom, int maplen, unsigned long long *activeMem)
{
    const char *name = virDomainGetName(dom);
    unsigned char uuid[16]; /* the reference has no VIR_UUID_BUFLEN */
    char uuidstr[37];
    char vname[1024]; /* xenVcpuName: the name, "/" and the number */
    virDomainInfo info;
    virVcpuInfoPtr vinfo = NULL;
    unsigned char *maps = NULL;
    char *os = NULL;
    int id = -1, n, i, ret = -1;
    unsigned int maxVcpus;
    bool active;

    if (name == NULL || virDomainGetUUID(dom, uuid) < 0 ||
        virDomainGetUUIDString(dom, uuidstr) < 0 ||
        virDomainGetInfo(dom, &info) < 0 ||
        (os = virDomainGetOSType(dom)) == NULL)
        goto cleanup;
    active = info.state != VIR_DOMAIN_SHUTOFF;
    if (active) {
        id = (int)virDomainGetID(dom);
        *activeMem += info.memory;
        if (dumpDevices(dom, name, true) < 0 ||
            dumpDevices(dom, name, false) < 0)
            goto cleanup;
    }
    if ((!active || info.state == VIR_DOMAIN_CRASHED) &&
        xmlMaxVcpus(dom, &maxVcpus) < 0)
        goto cleanup;
    if (active && info.state != VIR_DOMAIN_CRASHED) {
        vinfo = calloc(MAX_VCPUS, sizeof(*vinfo));
        maps = calloc(MAX_VCPUS, (size_t)maplen);
        if (vinfo == NULL || maps == NULL)
            goto cleanup;
        n = virDomainGetVcpus(dom, vinfo, MAX_VCPUS, maps, maplen);
        if (n < 0)
            goto cleanup;
        maxVcpus = (unsigned int)n;
        for (i = 0; i < n; i++) {
            printf(ROOT ".3.1.2");
            printIndex(name);
            printf(".%u %d\n", vinfo[i].number, vinfo[i].state);
            printf(ROOT ".3.1.3");
            printIndex(name);
            printf(".%u %llu\n", vinfo[i].number, vinfo[i].cpuTime);
            printf(ROOT ".3.1.4");
            printIndex(name);
            printf(".%u %d\n", vinfo[i].number, vinfo[i].cpu);
            printf(ROOT ".3.1.5");
            printIndex(name);
            printf(".%u ", vinfo[i].number);
            printHex(maps + (size_t)i * (size_t)maplen, (size_t)maplen);
            putchar('\n');
            printf(ROOT ".3.1.6");
            printIndex(name);
            printf(".%u ", vinfo[i].number);
            if (snprintf(vname, sizeof(vname), "%s/%u", name,
                         vinfo[i].number) >= (int)sizeof(vname))
                goto cleanup;
            printText(vname);
            putchar('\n');
        }
    }

    domLine(name, 2);
    printHex(uuid, sizeof(uuid));
    putchar('\n');
    domLine(name, 3);
    printf("\"%s\"\n", uuidstr);
    domLine(name, 4);
    printf("%d\n", id);
    domLine(name, 5);
    printf("\"%s\"\n", os);
    domLine(name, 6);
    printf("%d\n", info.state);
    domLine(name, 7);
    printf("%d\n", adminState(info.state));
    domLine(name, 8);
    printf("%lu\n", info.maxMem);
    domLine(name, 9);
    printf("%lu\n", info.memory);
    domLine(name, 10);
    printf("%lu\n", info.memory);
    domLine(name, 11);
    printf("%lu\n", info.maxMem / 1024);
    domLine(name, 12);
    printf("%lu\n", info.memory / 1024);
    domLine(name, 13);
    printf("%u\n", (unsigned int)info.nrVirtCpu);
    domLine(name, 14);
    printf("%u\n", maxVcpus);
    domLine(name, 15);
    printf("%llu\n", info.cpuTime);
    /* No control action has been taken. */
    domLine(name, 19);
    printf("1\n");
    domLine(name, 20);
    printf("0\n");
    domLine(name, 21);
    printf("1\n");
    domLine(name, 22);
    printf("\"\"\n");
    domLine(name, 23);
    printText(name);
    putchar('\n');
    ret = 0;

cleanup:
    free(os);
    free(vinfo);
    free(maps);
    return ret;
}

int
main(int argc, char **argv)
{
    virConnectPtr conn = NULL;
    virNodeInfo node;
    unsigned long hvVer = 0, libVer = 0;
    unsigned long long activeMem = 0;
    int *ids = NULL;
    char **names = NULL;
    int nids = 0, nnames = 0, i, maplen, ret = EXIT_FAILURE;
    const char *type;

    if (argc != 2) {
        fprintf(stderr, "usage: virdump URI\n");
        return EXIT_FAILURE;
    }
    if ((conn = virConnectOpenReadOnly(argv[1])) == NULL ||
        virNodeGetInfo(conn, &node) < 0 ||
        (type = virConnectGetType(conn)) == NULL ||
        virConnectGetVersion(conn, &hvVer) < 0 ||
        virGetVersion(&libVer, NULL, NULL) < 0)
        goto cleanup;
    maplen = VIR_CPU_MAPLEN(VIR_NODEINFO_MAXCPUS(node));

    if ((nids = virConnectNumOfDomains(conn)) < 0 ||
        (ids = calloc((size_t)nids + 1, sizeof(*ids))) == NULL ||
        (nids = virConnectListDomains(conn, ids, nids)) < 0 ||
        (nnames = virConnectNumOfDefinedDomains(conn)) < 0 ||
        (names = calloc((size_t)nnames + 1, sizeof(*names))) == NULL ||
        (nnames = virConnectListDefinedDomains(conn, (const char **)names,
                                               nnames)) < 0)
        goto cleanup;

    for (i = 0; i < nids; i++) {
        virDomainPtr dom = virDomainLookupByID(conn, ids[i]);
        int rc = dom != NULL ? dumpDomain(dom, maplen, &activeMem) : -1;

        virDomainFree(dom);
        if (rc < 0)
            goto cleanup;
    }
    for (i = 0; i < nnames; i++) {
        virDomainPtr dom = virDomainLookupByName(conn, names[i]);
        int rc = dom != NULL ? dumpDomain(dom, maplen, &activeMem) : -1;

        virDomainFree(dom);
        if (rc < 0)
            goto cleanup;
    }

    printf(ROOT ".1.1.0 \"%s\"\n", type);
    printf(ROOT ".1.2.0 \"%lu.%lu.%lu\"\n", hvVer / 1000000,
           hvVer / 1000 % 1000, hvVer % 1000);
    printf(ROOT ".1.3.0 \"%lu.%lu.%lu\"\n", libVer / 1000000,
           libVer / 1000 % 1000, libVer % 1000);
    printf(ROOT ".1.4.0 \"%s\"\n", node.model);
    printf(ROOT ".1.5.0 %lu\n", node.memory);
    printf(ROOT ".1.6.0 %llu\n",
           node.memory > activeMem ? node.memory - activeMem : 0);
    printf(ROOT ".1.7.0 %u\n", node.cpus);
    printf(ROOT ".1.8.0 %u\n", VIR_NODEINFO_MAXCPUS(node));
    printf(ROOT ".1.9.0 %u\n", node.mhz);
    printf(ROOT ".1.10.0 %u\n", node.nodes);
    printf(ROOT ".1.11.0 %u\n", node.sockets);
    printf(ROOT ".1.12.0 %u\n", node.cores);
    printf(ROOT ".1.13.0 %u\n", node.threads);
    printf(ROOT ".1.14.0 %d\n", nids);
    printf(ROOT ".1.15.0 %d\n", nnames);
    ret = EXIT_SUCCESS;

cleanup:
    if (ret != EXIT_SUCCESS) {
        virErrorPtr e = virGetLastError();

        fprintf(stderr, "virdump: %s\n",
                e != NULL && e->message != NULL ? e->message : "failed");
    }
    for (i = 0; names != NULL && i < nnames; i++)
        free(names[i]);
    free(names);
    free(ids);
    if (conn != NULL)
        virConnectClose(conn);
    return ret;
}
