/*
 * testnodetest.c: the node-file parser of the test driver
 * (lib/test/test_node.c).
 *
 * Good files are parsed and their values checked; each bad file must be
 * refused with the right error code and domain, exactly one error report,
 * and a message that holds "FILE:LINE: " and the reason.  The fixtures
 * are in tests/testnodedata/, one case per file, each starting with a
 * comment that says what it shows.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutils.h"
#include "test/test_node.h"

/* Every report goes through the error callback: counting the calls
 * checks that each failure is reported exactly once. */
static unsigned int errorCount;

static void
countError(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
    errorCount++;
}

static int
expectErrorCount(unsigned int expected)
{
    if (errorCount != expected)
        return virTestFail("%u errors were reported, expected %u", errorCount,
                           expected);
    return 0;
}

/* The domain named @name in @node, or NULL. */
static const testNodeDomain *
findDomain(const testNodeDef *node, const char *name)
{
    size_t i;

    for (i = 0; i < node->ndoms; i++) {
        if (node->doms[i].def != NULL &&
            strcmp(node->doms[i].def->name, name) == 0)
            return &node->doms[i];
    }
    return NULL;
}

/* Checks the run-time facts of domain @name. */
static int
expectDomain(const testNodeDef *node, const char *name, int id,
             virDomainState state, bool persistent, unsigned long long cpuTime)
{
    const testNodeDomain *dom = findDomain(node, name);
    int ret = 0;

    if (dom == NULL)
        return virTestFail("no domain named '%s'", name);
    if (virTestExpectInt("id", dom->def->id, id) < 0 ||
        virTestExpectInt("state", dom->state, state) < 0 ||
        virTestExpectInt("persistent", dom->persistent, persistent) < 0 ||
        virTestExpectInt("cpuTime", (long long)dom->cpuTime,
                         (long long)cpuTime) < 0 ||
        virTestExpectInt("uuidSet", dom->def->uuidSet, true) < 0)
        ret = virTestFail("domain '%s' differs", name);
    return ret;
}

/* ---- good files ----------------------------------------------------- */

typedef int (*checkFunc)(const testNodeDef *node);

typedef struct {
    const char *file; /* relative to tests/ */
    checkFunc check;
} goodCase;

static int
checkMinimal(const testNodeDef *node)
{
    if (virTestExpectStr("hvType", node->hvType, "Xen") < 0 ||
        virTestExpectInt("hvVersion", node->hvVersion, 4017000) < 0 ||
        virTestExpectStr("model", node->info.model, "Test CPU") < 0 ||
        virTestExpectInt("mhz", node->info.mhz, 2000) < 0 ||
        virTestExpectInt("nodes", node->info.nodes, 1) < 0 ||
        virTestExpectInt("sockets", node->info.sockets, 2) < 0 ||
        virTestExpectInt("cores", node->info.cores, 4) < 0 ||
        virTestExpectInt("threads", node->info.threads, 2) < 0 ||
        virTestExpectInt("cpus (all by default)", node->info.cpus, 16) < 0 ||
        virTestExpectInt("memory", node->info.memory, 8388608) < 0 ||
        virTestExpectInt("shutdownMs", node->delays.shutdownMs, 200) < 0 ||
        virTestExpectInt("rebootMs", node->delays.rebootMs, 200) < 0 ||
        virTestExpectInt("createMs", node->delays.createMs, 0) < 0 ||
        virTestExpectInt("destroyMs", node->delays.destroyMs, 0) < 0 ||
        virTestExpectInt("saveMs", node->delays.saveMs, 0) < 0 ||
        virTestExpectInt("restoreMs", node->delays.restoreMs, 0) < 0 ||
        virTestExpectInt("ndoms", node->ndoms, 0) < 0)
        return -1;
    return 0;
}

static int
checkFull(const testNodeDef *node)
{
    const testNodeDomain *run;
    const testNodeDomain *frozen;
    const testNodeDomain *dead;
    const char *first;
    const char *last;
    static const unsigned char uuid1[VIR_UUID_BUFLEN] = {
        0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x33, 0x33,
        0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55};

    if (virTestExpectStr("hvType", node->hvType, "XenTest") < 0 ||
        virTestExpectInt("hvVersion", node->hvVersion, 4016002) < 0 ||
        virTestExpectStr("model", node->info.model,
                         "Intel(R) Xeon(R) Gold 6338N") < 0 ||
        virTestExpectInt("mhz", node->info.mhz, 2200) < 0 ||
        virTestExpectInt("nodes", node->info.nodes, 2) < 0 ||
        virTestExpectInt("cpus (active)", node->info.cpus, 12) < 0 ||
        virTestExpectInt("memory", node->info.memory, 16777216) < 0 ||
        virTestExpectInt("shutdownMs", node->delays.shutdownMs, 50) < 0 ||
        virTestExpectInt("rebootMs", node->delays.rebootMs, 60) < 0 ||
        virTestExpectInt("createMs", node->delays.createMs, 1) < 0 ||
        virTestExpectInt("destroyMs", node->delays.destroyMs, 2) < 0 ||
        virTestExpectInt("saveMs", node->delays.saveMs, 3) < 0 ||
        virTestExpectInt("restoreMs", node->delays.restoreMs, 4) < 0 ||
        virTestExpectStr("outageFile", node->outageFile,
                         "/run/xensnmp-test/outage") < 0 ||
        virTestExpectInt("ndoms", node->ndoms, 8) < 0)
        return -1;

    if (expectDomain(node, "Domain-0", 0, VIR_DOMAIN_RUNNING, true,
                     5000000000ULL) < 0 ||
        expectDomain(node, "run", 3, VIR_DOMAIN_RUNNING, true,
                     123456789012ULL) < 0 ||
        expectDomain(node, "idle", 5, VIR_DOMAIN_BLOCKED, true, 0) < 0 ||
        expectDomain(node, "frozen", 6, VIR_DOMAIN_PAUSED, true, 42) < 0 ||
        expectDomain(node, "dead", 9, VIR_DOMAIN_CRASHED, true, 0) < 0 ||
        expectDomain(node, "temp", 11, VIR_DOMAIN_RUNNING, false, 0) < 0 ||
        expectDomain(node, "off", -1, VIR_DOMAIN_SHUTOFF, true, 0) < 0 ||
        expectDomain(node, "off2", -1, VIR_DOMAIN_SHUTOFF, true, 0) < 0)
        return -1;

    /* File order is kept. */
    first = node->doms[0].def->name;
    last = node->doms[node->ndoms - 1].def->name;
    if (virTestExpectStr("first domain", first, "Domain-0") < 0 ||
        virTestExpectStr("last domain", last, "off2") < 0)
        return -1;

    run = findDomain(node, "run");
    if (memcmp(run->def->uuid, uuid1, VIR_UUID_BUFLEN) != 0)
        return virTestFail("domain 'run' lost the uuid of its file");
    if (virTestExpectInt("run memory", run->def->memory, 1048576) < 0 ||
        virTestExpectInt("run maxmem", run->def->maxmem, 2097152) < 0 ||
        virTestExpectInt("run npins", run->def->npins, 1) < 0)
        return -1;

    /* Domains without <uuid> get distinct generated ones. */
    frozen = findDomain(node, "frozen");
    dead = findDomain(node, "dead");
    if (memcmp(frozen->def->uuid, dead->def->uuid, VIR_UUID_BUFLEN) == 0)
        return virTestFail("two generated uuids are equal");
    return 0;
}

static int
checkShutoffMemory(const testNodeDef *node)
{
    if (virTestExpectInt("ndoms", node->ndoms, 2) < 0)
        return -1;
    return expectDomain(node, "off", -1, VIR_DOMAIN_SHUTOFF, true, 0);
}

/* The host elements come after the domains, yet are all read, and the
 * pinned domain was checked against the cpus given after it. */
static int
checkHostAfterDomains(const testNodeDef *node)
{
    const testNodeDomain *web01;

    if (virTestExpectStr("hvType", node->hvType, "XenTest") < 0 ||
        virTestExpectInt("hvVersion", node->hvVersion, 4018000) < 0 ||
        virTestExpectInt("cpus", node->info.cpus, 4) < 0 ||
        virTestExpectInt("memory", node->info.memory, 8388608) < 0 ||
        virTestExpectInt("shutdownMs", node->delays.shutdownMs, 10) < 0 ||
        virTestExpectStr("outageFile", node->outageFile,
                         "/run/xensnmp-test/outage") < 0 ||
        virTestExpectInt("ndoms", node->ndoms, 2) < 0 ||
        expectDomain(node, "Domain-0", 0, VIR_DOMAIN_RUNNING, true, 0) < 0 ||
        expectDomain(node, "web01", 2, VIR_DOMAIN_RUNNING, true, 0) < 0)
        return -1;
    web01 = findDomain(node, "web01");
    return virTestExpectInt("web01 npins", web01->def->npins, 1);
}

/* conf/testnode.xml, the commented example, must stay loadable. */
static int
checkExample(const testNodeDef *node)
{
    if (node->ndoms < 3)
        return virTestFail("the example has only %zu domains", node->ndoms);
    if (findDomain(node, "Domain-0") == NULL)
        return virTestFail("%s", "the example has no Domain-0");
    return 0;
}

/* The workloads of io-profiles.xml, keyed as the driver looks them up. */
static int
checkIOProfiles(const testNodeDef *node)
{
    const testNodeDomain *dom = findDomain(node, "web01");
    const testIOProfile *disk;
    const testIOProfile *net;

    if (dom == NULL)
        return virTestFail("%s", "no domain web01");
    disk = testIOProfileFind(dom->io, dom->nio, TEST_IO_DISK, "xvda");
    net =
        testIOProfileFind(dom->io, dom->nio, TEST_IO_NET, "00:16:3e:00:00:01");
    if (virTestExpectInt("profiles", (long long)dom->nio, 2) < 0 ||
        disk == NULL || net == NULL)
        return virTestFail("%s", "the profiles of xvda and the interface");
    if (testIOProfileFind(dom->io, dom->nio, TEST_IO_DISK, "xvdb") != NULL)
        return virTestFail("%s", "xvdb has no workload but got a profile");
    if (virTestExpectInt("rd_req", (long long)disk->start[TEST_IO_RD_REQ], 10) <
            0 ||
        virTestExpectInt("wr_bytes", (long long)disk->start[TEST_IO_WR_BYTES],
                         8192) < 0 ||
        virTestExpectInt("ds_req", (long long)disk->start[TEST_IO_DS_REQ], 4) <
            0 ||
        virTestExpectInt("rd_bytes rate",
                         (long long)disk->rate[TEST_IO_RD_BYTES], 409600) < 0 ||
        virTestExpectInt("wr_req rate", (long long)disk->rate[TEST_IO_WR_REQ],
                         0) < 0 ||
        virTestExpectInt("tx_errs rate", (long long)net->rate[TEST_IO_TX_ERRS],
                         2) < 0 ||
        virTestExpectInt("rx_bytes start",
                         (long long)net->start[TEST_IO_RX_BYTES], 0) < 0)
        return -1;
    return 0;
}

static int
testGoodFile(const void *opaque)
{
    const goodCase *tc = opaque;
    char *path = virTestDataPath(tc->file);
    testNodeDef *node = NULL;
    int ret = -1;

    if (path == NULL)
        return virTestFail("%s", "out of memory");
    errorCount = 0;
    if ((node = testNodeParseFile(path)) == NULL) {
        virErrorPtr err = virGetLastError();

        virTestFail("%s was refused: %s", path,
                    err != NULL ? err->message : "(no error set)");
        goto cleanup;
    }
    if (virTestExpectNoError() < 0 || expectErrorCount(0) < 0 ||
        tc->check(node) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    testNodeDefFree(node);
    free(path);
    return ret;
}

/* ---- bad files ------------------------------------------------------ */

typedef struct {
    const char *file;   /* in testnodedata/, or an absolute path */
    int code;           /* virErrorNumber */
    int from;           /* virErrorDomain */
    long line;          /* in the message as "FILE:LINE: "; 0: "FILE: " */
    const char *reason; /* a part of the message after the location */
} badCase;

static int
testBadFile(const void *opaque)
{
    const badCase *tc = opaque;
    char *path = NULL;
    char where[4096];
    testNodeDef *node = NULL;
    virErrorPtr err;
    int ret = -1;

    if (tc->file[0] == '/') {
        path = strdup(tc->file);
    } else {
        char rel[256];

        snprintf(rel, sizeof(rel), "testnodedata/%s", tc->file);
        path = virTestDataPath(rel);
    }
    if (path == NULL)
        return virTestFail("%s", "out of memory");
    if (tc->line > 0)
        snprintf(where, sizeof(where), "%s:%ld: ", path, tc->line);
    else
        snprintf(where, sizeof(where), "%s: ", path);

    errorCount = 0;
    if ((node = testNodeParseFile(path)) != NULL) {
        virTestFail("%s was accepted", path);
        goto cleanup;
    }
    if (virTestExpectError(tc->code, tc->reason) < 0 || expectErrorCount(1) < 0)
        goto cleanup;
    err = virGetLastError();
    if (virTestExpectInt("error domain", err->domain, tc->from) < 0)
        goto cleanup;
    /* A file that cannot be read is named in quotes, before errno's
     * text; otherwise the location comes first, so that editors can
     * jump to it. */
    if (tc->code == VIR_ERR_SYSTEM_ERROR) {
        snprintf(where, sizeof(where), "'%s'", path);
        if (strstr(err->message, where) == NULL) {
            virTestFail("message '%s' does not name %s", err->message, where);
            goto cleanup;
        }
    } else if (strncmp(err->message, where, strlen(where)) != 0) {
        virTestFail("message '%s' does not start with '%s'", err->message,
                    where);
        goto cleanup;
    }
    ret = 0;

cleanup:
    testNodeDefFree(node);
    free(path);
    return ret;
}

/* A FIFO given as a node file is refused at once, by name: opening it
 * must not wait for a writer (issue 13).  The alarm turns a hang into a
 * failure. */
static int
testFifoFile(const void *opaque)
{
    char dir[] = "/tmp/testnodetest-XXXXXX";
    char path[sizeof(dir) + 16];
    badCase tc = {path, VIR_ERR_XML_ERROR, VIR_FROM_XML, 0,
                  "a FIFO, not a regular file"};
    int ret = -1;

    (void)opaque;
    if (mkdtemp(dir) == NULL)
        return virTestFail("mkdtemp: %s", strerror(errno));
    snprintf(path, sizeof(path), "%s/node.xml", dir);
    if (mkfifo(path, 0600) < 0) {
        virTestFail("mkfifo: %s", strerror(errno));
        goto cleanup;
    }
    alarm(20);
    ret = testBadFile(&tc);
    alarm(0);

cleanup:
    unlink(path);
    rmdir(dir);
    return ret;
}

/* ---- the built-in host ---------------------------------------------- */

static int
testDefaultHost(const void *opaque)
{
    testNodeDef *node;
    const testNodeDomain *db01;
    size_t i;
    int ret = -1;

    (void)opaque;
    errorCount = 0;
    node = testNodeParseBuffer(testDefaultNodeXML, strlen(testDefaultNodeXML),
                               "test:///default");
    if (node == NULL) {
        virErrorPtr err = virGetLastError();

        return virTestFail("the default host was refused: %s",
                           err != NULL ? err->message : "(no error set)");
    }
    if (expectErrorCount(0) < 0 ||
        virTestExpectStr("hvType", node->hvType, "Xen") < 0 ||
        virTestExpectInt("hvVersion", node->hvVersion, 4017003) < 0 ||
        virTestExpectInt("cpus", node->info.cpus, 32) < 0 ||
        virTestExpectInt("maxcpus", VIR_NODEINFO_MAXCPUS(node->info), 32) < 0 ||
        virTestExpectInt("nodes", node->info.nodes, 2) < 0 ||
        virTestExpectInt("ndoms", node->ndoms, 8) < 0 ||
        expectDomain(node, "Domain-0", 0, VIR_DOMAIN_RUNNING, true,
                     1187346512203914ULL) < 0 ||
        expectDomain(node, "web02", 4, VIR_DOMAIN_BLOCKED, true,
                     61207455021377ULL) < 0 ||
        expectDomain(node, "mail", 9, VIR_DOMAIN_PAUSED, true,
                     18305224967731ULL) < 0 ||
        expectDomain(node, "backup", 12, VIR_DOMAIN_CRASHED, true,
                     7731904556120ULL) < 0 ||
        expectDomain(node, "scratch", 15, VIR_DOMAIN_RUNNING, false,
                     412839051227ULL) < 0 ||
        expectDomain(node, "build", -1, VIR_DOMAIN_SHUTOFF, true, 0) < 0)
        goto cleanup;
    if (node->info.model[0] == '\0' || strlen(node->info.model) > 31) {
        virTestFail("model '%s' does not fit virNodeInfo", node->info.model);
        goto cleanup;
    }

    db01 = findDomain(node, "db01");
    if (db01 == NULL ||
        virTestExpectInt("db01 npins", db01->def->npins, 8) < 0 ||
        virTestExpectInt("db01 vcpus", db01->def->vcpus, 8) < 0)
        goto cleanup;
    /* Pinned to node 1: cpus 16-31, nothing below. */
    for (i = 0; i < db01->def->npins; i++) {
        const virDomainVcpuPinDef *pin = &db01->def->pins[i];

        if (pin->maplen < 4 || pin->cpumap[0] != 0 || pin->cpumap[1] != 0 ||
            pin->cpumap[2] != 0xff || pin->cpumap[3] != 0xff) {
            virTestFail("db01 vcpu %u is not pinned to cpus 16-31", pin->vcpu);
            goto cleanup;
        }
    }
    ret = 0;

cleanup:
    testNodeDefFree(node);
    return ret;
}

/* ---- buffers -------------------------------------------------------- */

#define HOST_HEAD                                                      \
    "<node>\n"                                                         \
    "  <cpu><model>M</model><mhz>1000</mhz><nodes>1</nodes>"           \
    "<sockets>1</sockets><cores>2</cores><threads>1</threads></cpu>\n" \
    "  <memory>4194304</memory>\n"

typedef struct {
    const char *name;
    const char *version;
    long expected; /* -1: refused */
} versionCase;

static int
testVersion(const void *opaque)
{
    const versionCase *tc = opaque;
    char buf[512];
    testNodeDef *node;
    int ret = -1;

    snprintf(buf, sizeof(buf),
             "<node>\n  <hypervisor version='%s'/>\n"
             "  <cpu><model>M</model><mhz>1000</mhz><nodes>1</nodes>"
             "<sockets>1</sockets><cores>2</cores><threads>1</threads></cpu>\n"
             "  <memory>4194304</memory>\n</node>\n",
             tc->version);
    node = testNodeParseBuffer(buf, strlen(buf), "version.xml");
    if (tc->expected < 0) {
        if (node != NULL) {
            virTestFail("version '%s' was accepted", tc->version);
            goto cleanup;
        }
        if (virTestExpectError(VIR_ERR_CONFIG_INVALID,
                               "version.xml:2: <hypervisor> version=") < 0)
            goto cleanup;
    } else {
        if (node == NULL) {
            virTestFail("version '%s' was refused", tc->version);
            goto cleanup;
        }
        if (virTestExpectInt("hvVersion", node->hvVersion, tc->expected) < 0)
            goto cleanup;
    }
    ret = 0;

cleanup:
    testNodeDefFree(node);
    return ret;
}

/* Only @len bytes are read: what follows in memory is not part of it. */
static int
testBufferLength(const void *opaque)
{
    static const char buf[] = HOST_HEAD "</node>\ngarbage that is not XML";
    size_t len = strlen(HOST_HEAD "</node>\n");
    testNodeDef *node;

    (void)opaque;
    if ((node = testNodeParseBuffer(buf, len, "len")) == NULL)
        return virTestFail("%s", "a buffer was read past its length");
    testNodeDefFree(node);
    return 0;
}

static int
testBufferMalformed(const void *opaque)
{
    static const char buf[] = HOST_HEAD "<domain>\n</node>\n";
    testNodeDef *node;

    (void)opaque;
    errorCount = 0;
    if ((node = testNodeParseBuffer(buf, strlen(buf), "fuzz")) != NULL) {
        testNodeDefFree(node);
        return virTestFail("%s", "a malformed buffer was accepted");
    }
    if (virTestExpectError(VIR_ERR_XML_ERROR, "fuzz") < 0 ||
        virTestExpectError(VIR_ERR_XML_ERROR, "mismatch") < 0 ||
        expectErrorCount(1) < 0)
        return -1;
    return 0;
}

/* Many domains without uuids, half of them running: every name, id and
 * generated uuid is unique and nothing is taken for a duplicate. */
static int
testManyDomains(const void *opaque)
{
    const size_t count = 2000;
    /* A domain takes under 100 bytes: twice that leaves room to spare. */
    size_t cap = count * 200 + 1024;
    char *buf = malloc(cap);
    size_t len = 0;
    testNodeDef *node = NULL;
    const virDomainDef *lastRunning;
    const virDomainDef *lastOff;
    size_t i;
    size_t j;
    int ret = -1;

    (void)opaque;
    if (buf == NULL)
        return virTestFail("%s", "out of memory");
    len += (size_t)snprintf(buf + len, cap - len, "%s",
                            "<node>\n  <cpu><model>M</model><mhz>1000</mhz>"
                            "<nodes>1</nodes><sockets>1</sockets>"
                            "<cores>8</cores><threads>2</threads></cpu>\n"
                            "  <memory>1073741824</memory>\n");
    for (i = 0; i < count; i++) {
        if (i % 2 == 0)
            len += (size_t)snprintf(buf + len, cap - len,
                                    "  <domain type='xen' id='%zu'>", i + 1);
        else
            len += (size_t)snprintf(buf + len, cap - len, "%s",
                                    "  <domain type='xen'>");
        len += (size_t)snprintf(buf + len, cap - len,
                                "<name>guest%zu</name>"
                                "<memory>262144</memory></domain>\n",
                                i);
    }
    len += (size_t)snprintf(buf + len, cap - len, "%s", "</node>\n");

    if ((node = testNodeParseBuffer(buf, len, "many.xml")) == NULL) {
        virErrorPtr err = virGetLastError();

        virTestFail("refused: %s", err != NULL ? err->message : "(none)");
        goto cleanup;
    }
    if (virTestExpectInt("ndoms", node->ndoms, count) < 0)
        goto cleanup;
    /* Even domains run with id index + 1, odd ones are shut off. */
    lastRunning = node->doms[count - 2].def;
    lastOff = node->doms[count - 1].def;
    if (virTestExpectInt("last id", lastRunning->id, count - 1) < 0 ||
        virTestExpectInt("shut-off id", lastOff->id, -1) < 0)
        goto cleanup;
    /* A sample against all: the parser itself checked every pair. */
    for (i = 0; i < count; i += 97) {
        for (j = 0; j < count; j++) {
            if (i != j &&
                memcmp(node->doms[i].def->uuid, node->doms[j].def->uuid,
                       VIR_UUID_BUFLEN) == 0) {
                virTestFail("domains %zu and %zu share a uuid", i, j);
                goto cleanup;
            }
        }
    }
    ret = 0;

cleanup:
    testNodeDefFree(node);
    free(buf);
    return ret;
}

/* Past line 65535, libxml2 keeps lines apart (XML_PARSE_BIG_LINES): a
 * domain read on its own, or a host element kept while the domains are
 * skipped, must still be named by its line. */
typedef struct {
    const char *host;   /* lines after <cpu>, before the first domain */
    const char *tail;   /* on line 70005, after blank lines */
    const char *reason; /* a part of the message, after "big.xml:70005: " */
} bigLineCase;

static int
testBigLines(const void *opaque)
{
    const bigLineCase *tc = opaque;
    const long tailLine = 70005;
    size_t cap = (size_t)tailLine + 1024;
    char *buf = malloc(cap);
    char where[64];
    size_t len = 0;
    size_t lines = 0;
    size_t i;
    testNodeDef *node = NULL;
    int ret = -1;

    if (buf == NULL)
        return virTestFail("%s", "out of memory");
    len += (size_t)snprintf(buf + len, cap - len,
                            "<node>\n  <cpu><model>M</model><mhz>1000</mhz>"
                            "<nodes>1</nodes><sockets>1</sockets>"
                            "<cores>2</cores><threads>1</threads></cpu>\n"
                            "%s  <domain type='xen' id='1'><name>a</name>"
                            "<memory>1</memory></domain>\n",
                            tc->host);
    for (i = 0; i < len; i++)
        lines += buf[i] == '\n';
    memset(buf + len, '\n', (size_t)tailLine - 1 - lines);
    len += (size_t)tailLine - 1 - lines;
    len += (size_t)snprintf(buf + len, cap - len, "%s\n</node>\n", tc->tail);

    errorCount = 0;
    if ((node = testNodeParseBuffer(buf, len, "big.xml")) != NULL) {
        virTestFail("%s", "the buffer was accepted");
        goto cleanup;
    }
    snprintf(where, sizeof(where), "big.xml:%ld: ", tailLine);
    if (virTestExpectError(VIR_ERR_CONFIG_INVALID, where) < 0 ||
        virTestExpectError(VIR_ERR_CONFIG_INVALID, tc->reason) < 0 ||
        expectErrorCount(1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    testNodeDefFree(node);
    free(buf);
    return ret;
}

static int
testFreeNull(const void *opaque)
{
    (void)opaque;
    testNodeDefFree(NULL);
    return 0;
}

/* ---- the tables ----------------------------------------------------- */

static int
mymain(void)
{
    static const goodCase minimal = {"testnodedata/minimal.xml", checkMinimal};
    static const goodCase full = {"testnodedata/full.xml", checkFull};
    static const goodCase shutoffMemory = {
        "testnodedata/shutoff-memory-not-counted.xml", checkShutoffMemory};
    static const goodCase example = {"../conf/testnode.xml", checkExample};
    static const goodCase ioProfiles = {"testnodedata/io-profiles.xml",
                                        checkIOProfiles};
    static const goodCase hostAfterDomains = {
        "testnodedata/host-after-domains.xml", checkHostAfterDomains};
    static const bigLineCase bigDomain = {
        "  <memory>4194304</memory>\n",
        "  <domain type='xen'><name>a</name><memory>1</memory></domain>",
        "domain 'a': the name is already used on line 4"};
    static const bigLineCase bigHost = {"", "  <memory>0</memory>",
                                        "<memory> of the host is 0 KiB"};
    static const versionCase versions[] = {
        {"nodefile_load_version_three_parts_succeeds", "4.17.3", 4017003},
        {"nodefile_load_version_two_parts_succeeds", "4.17", 4017000},
        {"nodefile_load_version_major_zero_succeeds", "0.1.0", 1000},
        {"nodefile_load_version_largest_succeeds", "999.999.999", 999999999},
        {"nodefile_load_version_part_above_999_fails", "4.1000.0", -1},
        {"nodefile_load_version_one_part_fails", "4", -1},
        {"nodefile_load_version_four_parts_fails", "4.17.3.1", -1},
        {"nodefile_load_version_empty_part_fails", "4..3", -1},
        {"nodefile_load_version_sign_fails", "+4.17", -1},
        {"nodefile_load_version_trailing_blank_fails", "4.17 ", -1},
        {"nodefile_load_version_empty_fails", "", -1},
    };
    int ret = 0;
    size_t i;

#define DO_TEST_GOOD(name, tc)                         \
    do {                                               \
        if (virTestRun(name, testGoodFile, &(tc)) < 0) \
            ret = -1;                                  \
    } while (0)

#define DO_TEST_BAD(name, file, code, from, line, reason)           \
    do {                                                            \
        static const badCase tc = {file, code, from, line, reason}; \
        if (virTestRun(name, testBadFile, &tc) < 0)                 \
            ret = -1;                                               \
    } while (0)

#define DO_TEST(name, body)                   \
    do {                                      \
        if (virTestRun(name, body, NULL) < 0) \
            ret = -1;                         \
    } while (0)

    virSetErrorFunc(NULL, countError);

    DO_TEST_GOOD("nodefile_load_minimal_applies_defaults", minimal);
    DO_TEST_GOOD("nodefile_load_full_keeps_every_value", full);
    DO_TEST_GOOD("nodefile_load_shutoff_memory_not_counted", shutoffMemory);
    DO_TEST_GOOD("nodefile_load_device_workloads_keeps_them", ioProfiles);
    DO_TEST_BAD("nodefile_load_io_counter_not_number_fails",
                "io-not-number.xml", VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 19,
                "domain 'web01': disk 'xvda' <rates> rd_req='-1' is not a "
                "whole number from 0 to 10000000000");
    DO_TEST_BAD("nodefile_load_io_rate_above_cap_fails", "io-rate-too-high.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 17,
                "<rates> rx_bytes='10000000001' is not a whole number from 0 "
                "to 10000000000");
    DO_TEST_BAD("nodefile_load_io_bytes_below_one_sector_per_request_fails",
                "io-bytes-without-requests.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 19,
                "<stats> wr_bytes='2000' cannot be carried by wr_req='4': "
                "each carries at least 512 bytes and needs one");
    DO_TEST_BAD("nodefile_load_io_packets_without_bytes_fails",
                "io-packets-without-bytes.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 17,
                "tx_bytes='0' cannot be carried by tx_packets='10'");
    DO_TEST_BAD("nodefile_load_io_stats_on_shutoff_domain_fails",
                "io-stats-shutoff.xml", VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST,
                20,
                "domain 'build': disk 'xvda': <stats> on a shut-off domain");
    DO_TEST_BAD("nodefile_load_io_counter_of_other_kind_fails",
                "io-unknown-counter.xml", VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST,
                19, "unknown attribute 'rx_bytes' on <stats>");
    DO_TEST_GOOD("nodefile_load_conf_example_succeeds", example);
    DO_TEST_GOOD("nodefile_load_host_after_domains_succeeds", hostAfterDomains);
    DO_TEST("nodefile_load_default_host_succeeds", testDefaultHost);
    DO_TEST("nodefile_load_2000_domains_all_unique", testManyDomains);
    DO_TEST("nodefile_parse_buffer_stops_at_length", testBufferLength);
    DO_TEST("nodefile_parse_buffer_malformed_names_label", testBufferMalformed);
    DO_TEST("nodefile_free_null_is_noop", testFreeNull);
    if (virTestRun("nodefile_parse_domain_past_line_65535_names_its_line",
                   testBigLines, &bigDomain) < 0)
        ret = -1;
    if (virTestRun("nodefile_parse_host_past_line_65535_names_its_line",
                   testBigLines, &bigHost) < 0)
        ret = -1;

    for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
        if (virTestRun(versions[i].name, testVersion, &versions[i]) < 0)
            ret = -1;
    }

    /* Files that cannot be read. */
    DO_TEST_BAD("nodefile_load_missing_file_fails",
                "testnodedata/no-such-file.xml", VIR_ERR_SYSTEM_ERROR,
                VIR_FROM_XML, 0, "No such file or directory");
    DO_TEST_BAD("nodefile_load_directory_fails", "", VIR_ERR_XML_ERROR,
                VIR_FROM_XML, 0, "a directory, not a regular file");
    DO_TEST("nodefile_load_fifo_fails_at_once_naming_it", testFifoFile);

    /* XML that is not acceptable. */
    DO_TEST_BAD("nodefile_load_malformed_fails", "malformed.xml",
                VIR_ERR_XML_ERROR, VIR_FROM_XML, 5,
                "Opening and ending tag mismatch");
    DO_TEST_BAD("nodefile_load_malformed_after_bad_domain_fails",
                "malformed-after-bad-domain.xml", VIR_ERR_XML_ERROR,
                VIR_FROM_XML, 22, "Opening and ending tag mismatch");
    DO_TEST_BAD("nodefile_load_truncated_fails", "truncated.xml",
                VIR_ERR_XML_ERROR, VIR_FROM_XML, 19,
                "Premature end of data in tag domain line 17");
    DO_TEST_BAD("nodefile_load_doctype_fails", "doctype.xml", VIR_ERR_XML_ERROR,
                VIR_FROM_XML, 0, "DOCTYPE declarations are not allowed");
    DO_TEST_BAD("nodefile_load_memory_not_number_fails",
                "memory-not-number.xml", VIR_ERR_XML_ERROR, VIR_FROM_XML, 11,
                "<memory> value '8G' is not an unsigned decimal number");
    DO_TEST_BAD("nodefile_load_memory_twice_fails", "memory-twice.xml",
                VIR_ERR_XML_ERROR, VIR_FROM_XML, 12,
                "duplicate <memory> element in <node>");
    DO_TEST_BAD("nodefile_load_cputime_not_number_fails",
                "domain-cputime-not-number.xml", VIR_ERR_XML_ERROR,
                VIR_FROM_TEST, 12,
                "cputime='1.5s' is not an unsigned decimal number");
    DO_TEST_BAD("nodefile_load_domain_memory_above_max_fails",
                "domain-memory-above-max.xml", VIR_ERR_XML_ERROR, VIR_FROM_DOM,
                20,
                "<currentMemory> 2097152 KiB is above <memory> 1048576 KiB");

    /* The host. */
    DO_TEST_BAD("nodefile_load_root_not_node_fails", "root-not-node.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 2,
                "the root element is <host>, not <node>");
    DO_TEST_BAD("nodefile_load_unknown_element_fails", "unknown-element.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 12,
                "unknown element <disk> in <node>");
    DO_TEST_BAD("nodefile_load_missing_cpu_fails", "missing-cpu.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 2, "<node> lacks <cpu>");
    DO_TEST_BAD("nodefile_load_missing_memory_fails", "missing-memory.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 2,
                "<node> lacks <memory>");
    DO_TEST_BAD("nodefile_load_cpu_missing_threads_fails",
                "cpu-missing-threads.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 3, "<cpu> lacks <threads>");
    DO_TEST_BAD("nodefile_load_cpu_zero_cores_fails", "cpu-zero-cores.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 8,
                "<cores> 0 is out of range 1-4096");
    DO_TEST_BAD("nodefile_load_cpu_model_too_long_fails",
                "cpu-model-too-long.xml", VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST,
                4, "is 45 bytes long; it must have 1 to 31");
    DO_TEST_BAD("nodefile_load_cpu_active_above_total_fails",
                "cpu-active-above-total.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 10, "<active> 5 is out of range 1-4");
    DO_TEST_BAD("nodefile_load_cpu_too_many_fails", "cpu-too-many.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 3,
                "is more than 4096 cpus");
    DO_TEST_BAD("nodefile_load_memory_zero_fails", "memory-zero.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 11,
                "<memory> of the host is 0 KiB");
    DO_TEST_BAD("nodefile_load_memory_unit_attribute_fails",
                "memory-unit-attribute.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 11, "unknown attribute 'unit' on <memory>");
    DO_TEST_BAD("nodefile_load_hypervisor_bad_version_fails",
                "hypervisor-bad-version.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 3,
                "version='4.17-rc1' is not MAJOR.MINOR[.MICRO]");
    DO_TEST_BAD("nodefile_load_delays_too_long_fails", "delays-too-long.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 12,
                "shutdown='60001' is above the maximum of 60000 ms");
    DO_TEST_BAD("nodefile_load_delays_unknown_attribute_fails",
                "delays-unknown-attribute.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12, "unknown attribute 'suspend' on <delays>");
    DO_TEST_BAD("nodefile_load_outage_relative_path_fails",
                "outage-relative-path.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12,
                "<outage> file='outage.flag' is not an absolute path");
    DO_TEST_BAD("nodefile_load_fault_relative_path_fails",
                "fault-relative-path.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12,
                "<fault> file='refuse.list' is not an absolute path");
    DO_TEST_BAD("nodefile_load_outage_without_file_fails",
                "outage-missing-file.xml", VIR_ERR_XML_ERROR, VIR_FROM_XML, 12,
                "missing attribute 'file' on <outage>");

    /* The domains. */
    DO_TEST_BAD("nodefile_load_duplicate_name_fails",
                "domain-duplicate-name.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 17,
                "domain 'web01': the name is already used on line 12");
    DO_TEST_BAD("nodefile_load_duplicate_uuid_fails",
                "domain-duplicate-uuid.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 18,
                "domain 'web02': uuid 11111111-2222-3333-4444-555555555555 "
                "is already used by domain 'web01' on line 12");
    DO_TEST_BAD("nodefile_load_third_domain_duplicate_uuid_fails",
                "domain-third-duplicate-uuid.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 23,
                "domain 'web03': uuid 11111111-2222-3333-4444-555555555555 "
                "is already used by domain 'web01' on line 12");
    DO_TEST_BAD("nodefile_load_duplicate_id_fails", "domain-duplicate-id.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 17,
                "domain 'web02': id 4 is already used by domain 'web01' on "
                "line 12");
    DO_TEST_BAD("nodefile_load_negative_id_fails", "domain-negative-id.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 12,
                "domain 'web01': id '-1' is negative");
    DO_TEST_BAD("nodefile_load_reserved_id_fails", "domain-id-reserved.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 12,
                "domain 'web01': id 32752 is above 32751");
    DO_TEST_BAD("nodefile_load_shutoff_with_id_fails",
                "domain-shutoff-with-id.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12,
                "domain 'web01': state 'shutoff' contradicts id 3");
    DO_TEST_BAD("nodefile_load_running_without_id_fails",
                "domain-running-without-id.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12,
                "domain 'web01': state 'running' needs an id");
    DO_TEST_BAD("nodefile_load_state_shutdown_fails",
                "domain-state-shutdown.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12,
                "domain 'web01': state 'shutdown' is transient");
    DO_TEST_BAD("nodefile_load_state_unknown_fails", "domain-state-unknown.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 12,
                "domain 'web01': unknown state 'stopped'");
    DO_TEST_BAD("nodefile_load_persistent_unknown_fails",
                "domain-persistent-unknown.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12,
                "domain 'web01': persistent='true' is neither 'yes' nor 'no'");
    DO_TEST_BAD("nodefile_load_shutoff_transient_fails",
                "domain-shutoff-transient.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12,
                "domain 'web01': a shut-off domain must be persistent");
    DO_TEST_BAD("nodefile_load_shutoff_cputime_fails",
                "domain-shutoff-cputime.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12,
                "domain 'web01': cputime='1000' on a shut-off domain");
    DO_TEST_BAD("nodefile_load_domain_unknown_attribute_fails",
                "domain-unknown-attribute.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12, "unknown attribute 'persitent' on <domain>");
    DO_TEST_BAD("nodefile_load_id0_not_domain0_fails", "domain0-wrong-name.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 12,
                "domain 'dom0': id 0 belongs to Domain-0");
    DO_TEST_BAD("nodefile_load_domain0_wrong_id_fails", "domain0-wrong-id.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 12,
                "domain 'Domain-0': Domain-0 must have id 0, not 5");
    DO_TEST_BAD("nodefile_load_domain0_shutoff_fails", "domain0-shutoff.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 12,
                "domain 'Domain-0': Domain-0 always runs, with id 0");
    DO_TEST_BAD("nodefile_load_domain0_paused_fails", "domain0-paused.xml",
                VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST, 12,
                "domain 'Domain-0': Domain-0 must be running, not paused");
    DO_TEST_BAD("nodefile_load_domain0_transient_fails",
                "domain0-transient.xml", VIR_ERR_CONFIG_INVALID, VIR_FROM_TEST,
                12, "domain 'Domain-0': Domain-0 must be persistent");
    DO_TEST_BAD("nodefile_load_maxmem_above_host_fails",
                "domain-maxmem-above-host.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 17,
                "domain 'big': maximum memory 16777216 KiB is above the "
                "host's 8388608 KiB");
    DO_TEST_BAD("nodefile_load_maxmem_above_later_host_fails",
                "host-after-domains-maxmem.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 8,
                "domain 'big': maximum memory 16777216 KiB is above the "
                "host's 8388608 KiB");
    DO_TEST_BAD("nodefile_load_active_memory_above_host_fails",
                "domain-active-memory-above-host.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 22,
                "domain 'db02': its 4194304 KiB bring the memory of the "
                "running domains to 10485760 KiB, above the host's "
                "8388608 KiB");
    DO_TEST_BAD("nodefile_load_pin_above_cpus_fails",
                "domain-pin-above-cpus.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12,
                "domain 'web01': vcpu 1 is pinned to cpu 4, but the host has "
                "4 active cpus (0-3)");
    DO_TEST_BAD("nodefile_load_pin_inactive_cpu_fails",
                "domain-pin-inactive-cpu.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 13,
                "domain 'web01': vcpu 0 is pinned to cpu 3, but the host has "
                "2 active cpus (0-1)");
    DO_TEST_BAD("nodefile_load_vcpus_above_limit_fails",
                "domain-vcpus-above-limit.xml", VIR_ERR_CONFIG_INVALID,
                VIR_FROM_TEST, 12,
                "domain 'web01': 129 vcpus are more than the 128");

    virSetErrorFunc(NULL, NULL);
    return ret;
}

VIR_TEST_MAIN(mymain)
