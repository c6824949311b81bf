/*
 * test_node.h: node files of the test driver, the simulated Xen host.
 *
 * A node file describes a host and its domains (running or only defined).
 * The parser checks everything a real hypervisor would refuse, so that the
 * driver can trust what it gets; every error names the file, the line
 * and the reason ("/srv/node.xml:42: domain 'web01': max memory 999999999 KiB
 * is above the host's memory 134086656 KiB").  The format is documented
 * in README.md and shown by conf/testnode.xml.
 */

#ifndef LIBVIR_TEST_NODE_H
#define LIBVIR_TEST_NODE_H

#include <stdbool.h>
#include <stddef.h>

#include "libvir.h"
#include "domain_conf.h"
#include "test_io.h"

typedef struct _testNodeDomain testNodeDomain;

struct _testNodeDomain {
    virDomainDef *def;          /* def->id is the Xen id, -1 when shut off */
    virDomainState state;       /* RUNNING, BLOCKED, PAUSED, SHUTOFF, CRASHED */
    bool persistent;            /* false: exists only while running */
    unsigned long long cpuTime; /* ns already used at load time */
    testIOProfile *io;          /* <stats>/<rates> of its devices */
    size_t nio;
};

/* Simulated durations, in milliseconds.  shutdown/reboot: how long a
 * domain stays in VIR_DOMAIN_SHUTDOWN before it is shut off (rebooted);
 * the calls themselves return at once.  The others make the call itself
 * take that long, as a slow hypervisor would. */
typedef struct _testNodeDelays testNodeDelays;

struct _testNodeDelays {
    unsigned int shutdownMs; /* default 200 */
    unsigned int rebootMs;   /* default 200 */
    unsigned int createMs;   /* default 0 */
    unsigned int destroyMs;  /* default 0 */
    unsigned int saveMs;     /* default 0 */
    unsigned int restoreMs;  /* default 0 */
};

typedef struct _testNodeDef testNodeDef;

struct _testNodeDef {
    char *hvType;            /* virConnectGetType(), default "Xen" */
    unsigned long hvVersion; /* major*1e6 + minor*1e3 + micro */
    virNodeInfo info;        /* info.cpus = active cpus */
    testNodeDelays delays;
    char *outageFile;     /* <outage file=...>: unreachable while it exists */
    char *faultFile;      /* <fault file=...>: the calls it names fail */
    testNodeDomain *doms; /* in file order */
    size_t ndoms;
};

/* Parses the node file at @path.  NULL on error (VIR_ERR_XML_ERROR for
 * malformed XML, VIR_ERR_CONFIG_INVALID for an inconsistent host,
 * VIR_ERR_SYSTEM_ERROR when the file cannot be read). */
testNodeDef *testNodeParseFile(const char *path);

/* Parses @len bytes of node XML; @label names it in error messages. */
testNodeDef *testNodeParseBuffer(const char *buf, size_t len,
                                 const char *label);

void testNodeDefFree(testNodeDef *node);

/* The built-in host of test:///default, as node XML (test_default.c). */
extern const char testDefaultNodeXML[];

#endif /* LIBVIR_TEST_NODE_H */
