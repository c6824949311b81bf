/*
 * virlist.c: prints a host's node information and domain table through
 * libvir, in the layout of "xl list".  It is what "make demo" runs until
 * the SNMP agent exists, and a quick way to look at a node file:
 *
 *     tools/virlist test:///default
 *     tools/virlist test:///srv/xen/node.xml
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libvir.h"

/* xl's six state flags: running, blocked, paused, shutdown, crashed,
 * dying. */
static const char *
stateFlags(unsigned char state)
{
    switch ((virDomainState)state) {
    case VIR_DOMAIN_RUNNING:
        return "r-----";
    case VIR_DOMAIN_BLOCKED:
        return "-b----";
    case VIR_DOMAIN_PAUSED:
        return "--p---";
    case VIR_DOMAIN_SHUTDOWN:
        return "---s--";
    case VIR_DOMAIN_CRASHED:
        return "----c-";
    case VIR_DOMAIN_SHUTOFF:
        return "(off)";
    case VIR_DOMAIN_NOSTATE:
        break;
    }
    return "------";
}

/* Prints URI in its one canonical form.  "test:///$PWD/node.xml" is how
 * a shell user writes a node file's URI, and it names the same host as
 * "test:///abs/node.xml": the extra slashes before the path go. */
static void
printUri(const char *uri)
{
    const char *sep = strstr(uri, ":///");
    const char *path;

    if (sep == NULL) {
        fputs(uri, stdout);
        return;
    }
    path = sep + 3; /* the slash that starts the path */
    while (path[1] == '/')
        path++;
    printf("%.*s://%s", (int)(sep - uri), uri, path);
}

static int
printNode(virConnectPtr conn, const char *uri)
{
    virNodeInfo node;
    unsigned long hvVer = 0;
    const char *type = virConnectGetType(conn);

    if (virNodeGetInfo(conn, &node) < 0 ||
        virConnectGetVersion(conn, &hvVer) < 0 || type == NULL)
        return -1;
    fputs("Host ", stdout);
    printUri(uri);
    printf(": %s %lu.%lu.%lu\n", type, hvVer / 1000000, (hvVer / 1000) % 1000,
           hvVer % 1000);
    printf("  cpu      %s, %u MHz\n", node.model, node.mhz);
    printf("  cpus     %u active of %u (%u nodes x %u sockets x %u cores x "
           "%u threads)\n",
           node.cpus, VIR_NODEINFO_MAXCPUS(node), node.nodes, node.sockets,
           node.cores, node.threads);
    printf("  memory   %lu KiB\n\n", node.memory);
    return 0;
}

static int
printDomain(virDomainPtr dom)
{
    virDomainInfo info;
    unsigned int id = virDomainGetID(dom);
    char idText[16] = "-";

    if (virDomainGetInfo(dom, &info) < 0)
        return -1;
    if (id != (unsigned int)-1)
        snprintf(idText, sizeof(idText), "%u", id);
    printf("%-32s %5s %8lu %5u %6s %10.1f\n", virDomainGetName(dom), idText,
           info.memory / 1024, info.nrVirtCpu, stateFlags(info.state),
           (double)info.cpuTime / 1e9);
    return 0;
}

static int
printDomains(virConnectPtr conn)
{
    int *ids = NULL;
    const char **names = NULL;
    int nids;
    int nnames = 0;
    int ret = -1;
    int i;

    if ((nids = virConnectNumOfDomains(conn)) < 0 ||
        (nnames = virConnectNumOfDefinedDomains(conn)) < 0)
        return -1;
    ids = calloc((size_t)nids + 1, sizeof(*ids));
    names = calloc((size_t)nnames + 1, sizeof(*names));
    if (ids == NULL || names == NULL)
        goto cleanup;
    nids = virConnectListDomains(conn, ids, nids);
    nnames = virConnectListDefinedDomains(conn, names, nnames);
    if (nids < 0 || nnames < 0)
        goto cleanup;

    printf("%-32s %5s %8s %5s %6s %10s\n", "Name", "ID", "Mem", "VCPUs",
           "State", "Time(s)");
    for (i = 0; i < nids; i++) {
        virDomainPtr dom = virDomainLookupByID(conn, ids[i]);
        int rc = dom != NULL ? printDomain(dom) : -1;

        if (dom != NULL)
            virDomainFree(dom);
        if (rc < 0)
            goto cleanup;
    }
    for (i = 0; i < nnames; i++) {
        virDomainPtr dom = virDomainLookupByName(conn, names[i]);
        int rc = dom != NULL ? printDomain(dom) : -1;

        if (dom != NULL)
            virDomainFree(dom);
        if (rc < 0)
            goto cleanup;
    }
    ret = 0;

cleanup:
    for (i = 0; i < nnames; i++)
        free((char *)names[i]);
    free(names);
    free(ids);
    return ret;
}

int
main(int argc, char **argv)
{
    const char *uri = "test:///default";
    virConnectPtr conn = NULL;
    virErrorPtr err;
    int ret = EXIT_FAILURE;

    if (argc > 2 || (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
                                   strcmp(argv[1], "-h") == 0))) {
        fprintf(stderr, "usage: %s [URI]   (default: test:///default)\n",
                argv[0]);
        return argc > 2 ? EXIT_FAILURE : EXIT_SUCCESS;
    }
    if (argc == 2)
        uri = argv[1];

    if ((conn = virConnectOpenReadOnly(uri)) == NULL)
        goto error;
    if (printNode(conn, uri) < 0 || printDomains(conn) < 0)
        goto error;
    ret = EXIT_SUCCESS;
    goto cleanup;

error:
    err = virGetLastError();
    fprintf(stderr, "virlist: %s\n", err ? err->message : "unknown error");
cleanup:
    if (conn != NULL)
        virConnectClose(conn);
    return ret;
}
