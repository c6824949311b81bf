/*
 * test_node.c: node files of the test driver (see test_node.h; the format
 * is documented in README.md, "Node files", and shown by
 * conf/testnode.xml).
 *
 * The document is read twice, one child of <node> at a time, and never
 * held whole: the tree of a file of 10,000 domains is more than ten
 * times the size of the definitions it yields.  The first pass reads to
 * the end, so that malformed XML anywhere is reported before anything
 * else, counts the domains and keeps a copy of the other children; walk
 * one then checks that every element is one we know and reads the host
 * elements, wherever they were in the file.  The second pass parses the
 * domains in file order and checks them against the host and against
 * each other.  Uniqueness goes through hash tables and each subtree is
 * walked directly (no XPath), so that a domain costs little beyond
 * libxml2's own parse.
 *
 * Error codes: the form of the document (malformed XML, a number that is
 * not one, an element given twice, anything wrong inside a domain's own
 * XML) is a VIR_ERR_XML_ERROR reported by xml.c or domain_conf.c; a
 * well-formed file describing a host that cannot exist is a
 * VIR_ERR_CONFIG_INVALID reported here.  Both start with "FILE:LINE: ".
 */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "test_node.h"
#include "cpuset.h"
#include "error.h"
#include "hash.h"
#include "mac.h"
#include "number.h"
#include "xml.h"

#define VIR_FROM_THIS VIR_FROM_TEST

/* The most vcpus the simulated host gives a guest: HVM_MAX_VCPUS of
 * Xen's public headers, applied to PV guests too so that a node file
 * never holds a guest that some real Xen host would refuse. */
#define TEST_NODE_MAX_VCPUS 128

/* Ids from DOMID_FIRST_RESERVED (0x7FF0, Xen's public xen.h) up are
 * reserved for DOMID_SELF, DOMID_IO and the like. */
#define TEST_NODE_MAX_DOMID 0x7FEF

/* Upper bound of nodes x sockets x cores x threads: far above any host
 * Xen 4.17 runs on, and the highest cpu a cpuset may name
 * (VIR_CPUSET_MAX_CPUS), so that every cpu of the host can be pinned. */
#define TEST_NODE_MAX_CPUS VIR_CPUSET_MAX_CPUS

/* A simulated delay longer than this would only hang the caller. */
#define TEST_NODE_MAX_DELAY_MS 60000

/* Each part of the hypervisor version, so that the encoded number
 * (major * 1,000,000 + minor * 1,000 + micro) is unambiguous. */
#define TEST_NODE_MAX_VERSION_PART 999

/* The Xen release this project is built and tested against: the version
 * of a node file without <hypervisor version=''>. */
#define TEST_NODE_DEFAULT_VERSION 4017000UL

/* One message per error: "LABEL:LINE: reason". */
#define testNodeReport(p, line, fmt, ...)                              \
    virReportError(VIR_ERR_CONFIG_INVALID, "%s:%ld: " fmt, (p)->label, \
                   (long)(line), __VA_ARGS__)

/* For the elements that take no attribute. */
static const char *const testNodeNoAttributes[] = {NULL};

typedef struct _testNodeParser testNodeParser;

struct _testNodeParser {
    const char *label;   /* the file name, for messages */
    testNodeDef *node;   /* being filled; doms has room for all */
    long *lines;         /* line of the <domain> of node->doms[i] */
    virHashTable *names; /* def->name -> testNodeDomain * */
    virHashTable *uuids; /* def->uuid -> testNodeDomain * */
    virHashTable *ids;   /* &def->id -> testNodeDomain *, active only */
    unsigned long long activeMemory; /* KiB, over the active domains */
    size_t ndomains; /* <domain> elements, counted by the first pass */
};

/* Refuses attributes of @n not named in @allowed (NULL-terminated), so
 * that a misspelt one is not silently ignored. */
static int
testNodeCheckAttributes(testNodeParser *p, const xmlNode *n,
                        const char *const *allowed)
{
    const xmlAttr *attr;
    size_t i;

    for (attr = n->properties; attr != NULL; attr = attr->next) {
        for (i = 0; allowed[i] != NULL; i++) {
            if (attr->ns == NULL &&
                strcmp((const char *)attr->name, allowed[i]) == 0)
                break;
        }
        if (allowed[i] == NULL) {
            testNodeReport(p, virXMLNodeLine(n),
                           "unknown attribute '%s' on <%s>",
                           (const char *)attr->name, (const char *)n->name);
            return -1;
        }
    }
    return 0;
}

/* Refuses child elements of @n not named in @allowed (NULL-terminated). */
static int
testNodeCheckChildren(testNodeParser *p, const xmlNode *n,
                      const char *const *allowed)
{
    const xmlNode *child;
    size_t i;

    for (child = n->children; child != NULL; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        for (i = 0; allowed[i] != NULL; i++) {
            if (virXMLNodeIs(child, allowed[i]))
                break;
        }
        if (allowed[i] == NULL) {
            testNodeReport(p, virXMLNodeLine(child),
                           "unknown element <%s> in <%s>",
                           (const char *)child->name, (const char *)n->name);
            return -1;
        }
    }
    return 0;
}

/* Reads the required child <@name> of @n, a number from 1 to @max. */
static int
testNodeChildCount(testNodeParser *p, const xmlNode *n, const char *name,
                   unsigned long max, unsigned long *value)
{
    xmlNodePtr child = NULL;
    int rc;

    if ((rc = virXMLChildElement(n, name, p->label, false, &child)) < 0)
        return -1;
    if (rc == 0) {
        testNodeReport(p, virXMLNodeLine(n), "<%s> lacks <%s>",
                       (const char *)n->name, name);
        return -1;
    }
    if (testNodeCheckAttributes(p, child, testNodeNoAttributes) < 0 ||
        virXMLChildULong(n, name, p->label, true, value) < 0)
        return -1;
    if (*value == 0 || *value > max) {
        testNodeReport(p, virXMLNodeLine(child),
                       "<%s> %lu is out of range 1-%lu", name, *value, max);
        return -1;
    }
    return 0;
}

/* "MAJOR.MINOR[.MICRO]", each part 0..999, into @version. */
static int
testNodeParseVersion(const char *str, unsigned long *version)
{
    unsigned long parts[3] = {0, 0, 0};
    const char *s = str;
    size_t n = 0;

    for (;;) {
        unsigned long long v;

        if (n == 3 || virStrToULLongPrefix(s, &s, TEST_NODE_MAX_VERSION_PART,
                                           &v) != VIR_NUMBER_OK)
            return -1;
        parts[n++] = (unsigned long)v;
        if (*s == '\0')
            break;
        if (*s != '.')
            return -1;
        s++;
    }
    if (n < 2)
        return -1;
    *version = parts[0] * 1000000UL + parts[1] * 1000UL + parts[2];
    return 0;
}

static int
testNodeParseHypervisor(testNodeParser *p, const xmlNode *root)
{
    static const char *const allowed[] = {"type", "version", NULL};
    xmlNodePtr n = NULL;
    char *type = NULL;
    char *version = NULL;
    int rc;
    int ret = -1;

    if ((rc = virXMLChildElement(root, "hypervisor", p->label, false, &n)) <= 0)
        return rc;
    if (testNodeCheckAttributes(p, n, allowed) < 0 ||
        virXMLPropString(n, "type", p->label, false, &type) < 0 ||
        virXMLPropString(n, "version", p->label, false, &version) < 0)
        goto cleanup;

    if (type != NULL) {
        if (type[0] == '\0') {
            testNodeReport(p, virXMLNodeLine(n),
                           "<hypervisor> type='%s' is empty", type);
            goto cleanup;
        }
        free(p->node->hvType);
        p->node->hvType = type;
        type = NULL;
    }
    if (version != NULL &&
        testNodeParseVersion(version, &p->node->hvVersion) < 0) {
        testNodeReport(p, virXMLNodeLine(n),
                       "<hypervisor> version='%s' is not MAJOR.MINOR[.MICRO] "
                       "with parts from 0 to %d",
                       version, TEST_NODE_MAX_VERSION_PART);
        goto cleanup;
    }
    ret = 0;

cleanup:
    free(type);
    free(version);
    return ret;
}

static int
testNodeParseModel(testNodeParser *p, const xmlNode *cpu)
{
    virNodeInfo *info = &p->node->info;
    xmlNodePtr n = NULL;
    char *model = NULL;
    size_t len;
    int rc;
    int ret = -1;

    if ((rc = virXMLChildElement(cpu, "model", p->label, false, &n)) < 0)
        return -1;
    if (rc == 0) {
        testNodeReport(p, virXMLNodeLine(cpu), "<cpu> lacks <%s>", "model");
        return -1;
    }
    if (testNodeCheckAttributes(p, n, testNodeNoAttributes) < 0 ||
        virXMLNodeText(n, p->label, &model) < 0)
        return -1;
    len = strlen(model);
    /* It is handed out in virNodeInfo.model: 31 bytes and a NUL. */
    if (len == 0 || len >= sizeof(info->model)) {
        testNodeReport(p, virXMLNodeLine(n),
                       "<model> '%s' is %zu bytes long; it must have 1 to "
                       "%zu to fit in virNodeInfo",
                       model, len, sizeof(info->model) - 1);
        goto cleanup;
    }
    memcpy(info->model, model, len + 1);
    ret = 0;

cleanup:
    free(model);
    return ret;
}

static int
testNodeParseCpu(testNodeParser *p, const xmlNode *root)
{
    static const char *const children[] = {
        "model", "mhz", "nodes", "sockets", "cores", "threads", "active", NULL};
    virNodeInfo *info = &p->node->info;
    xmlNodePtr cpu = NULL;
    xmlNodePtr active = NULL;
    unsigned long mhz, nodes, sockets, cores, threads;
    const unsigned long maxcpus = TEST_NODE_MAX_CPUS;
    unsigned long product;
    unsigned long cpus;
    int rc;

    if ((rc = virXMLChildElement(root, "cpu", p->label, false, &cpu)) < 0)
        return -1;
    if (rc == 0) {
        testNodeReport(p, virXMLNodeLine(root), "<node> lacks <%s>", "cpu");
        return -1;
    }
    /* Each factor is capped so that the product cannot overflow. */
    if (testNodeCheckAttributes(p, cpu, testNodeNoAttributes) < 0 ||
        testNodeCheckChildren(p, cpu, children) < 0 ||
        testNodeParseModel(p, cpu) < 0 ||
        testNodeChildCount(p, cpu, "mhz", UINT_MAX, &mhz) < 0 ||
        testNodeChildCount(p, cpu, "nodes", maxcpus, &nodes) < 0 ||
        testNodeChildCount(p, cpu, "sockets", maxcpus, &sockets) < 0 ||
        testNodeChildCount(p, cpu, "cores", maxcpus, &cores) < 0 ||
        testNodeChildCount(p, cpu, "threads", maxcpus, &threads) < 0)
        return -1;

    product = nodes * sockets;
    if (product <= TEST_NODE_MAX_CPUS)
        product *= cores;
    if (product <= TEST_NODE_MAX_CPUS)
        product *= threads;
    if (product > TEST_NODE_MAX_CPUS) {
        testNodeReport(p, virXMLNodeLine(cpu),
                       "nodes %lu x sockets %lu x cores %lu x threads %lu "
                       "is more than %d cpus",
                       nodes, sockets, cores, threads, TEST_NODE_MAX_CPUS);
        return -1;
    }

    cpus = product;
    rc = virXMLChildElement(cpu, "active", p->label, false, &active);
    if (rc < 0 ||
        (rc == 1 &&
         (testNodeCheckAttributes(p, active, testNodeNoAttributes) < 0 ||
          virXMLChildULong(cpu, "active", p->label, true, &cpus) < 0)))
        return -1;
    if (cpus == 0 || cpus > product) {
        testNodeReport(p, virXMLNodeLine(active),
                       "<active> %lu is out of range 1-%lu (nodes x sockets "
                       "x cores x threads)",
                       cpus, product);
        return -1;
    }

    info->mhz = (unsigned int)mhz;
    info->nodes = (unsigned int)nodes;
    info->sockets = (unsigned int)sockets;
    info->cores = (unsigned int)cores;
    info->threads = (unsigned int)threads;
    info->cpus = (unsigned int)cpus;
    return 0;
}

static int
testNodeParseDelays(testNodeParser *p, const xmlNode *root)
{
    static const char *const names[] = {
        "shutdown", "reboot", "create", "destroy", "save", "restore", NULL};
    testNodeDelays *delays = &p->node->delays;
    unsigned int *fields[] = {&delays->shutdownMs, &delays->rebootMs,
                              &delays->createMs,   &delays->destroyMs,
                              &delays->saveMs,     &delays->restoreMs};
    xmlNodePtr n = NULL;
    size_t i;
    int rc;

    if ((rc = virXMLChildElement(root, "delays", p->label, false, &n)) <= 0)
        return rc;
    if (testNodeCheckAttributes(p, n, names) < 0)
        return -1;
    for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
        unsigned int ms = 0;

        if ((rc = virXMLPropUInt(n, names[i], p->label, false, &ms)) < 0)
            return -1;
        if (rc == 0)
            continue;
        if (ms > TEST_NODE_MAX_DELAY_MS) {
            testNodeReport(p, virXMLNodeLine(n),
                           "<delays> %s='%u' is above the maximum of %d ms",
                           names[i], ms, TEST_NODE_MAX_DELAY_MS);
            return -1;
        }
        *fields[i] = ms;
    }
    return 0;
}

/* <outage file='/ABSOLUTE/PATH'/> and <fault file='/ABSOLUTE/PATH'/>:
 * switches a test flips, to make the simulated hypervisor unreachable (as
 * a stopped xenstored would) or refuse the calls the file names.  Stores
 * the path of switch @name in *@file. */
static int
testNodeParseSwitch(testNodeParser *p, const xmlNode *root, const char *name,
                    char **file)
{
    static const char *const allowed[] = {"file", NULL};
    xmlNodePtr n = NULL;
    char *path = NULL;
    int rc;

    if ((rc = virXMLChildElement(root, name, p->label, false, &n)) <= 0)
        return rc;
    if (testNodeCheckAttributes(p, n, allowed) < 0 ||
        virXMLPropString(n, "file", p->label, true, &path) < 0)
        return -1;
    if (path[0] != '/') {
        testNodeReport(p, virXMLNodeLine(n),
                       "<%s> file='%s' is not an absolute path", name, path);
        free(path);
        return -1;
    }
    *file = path;
    return 0;
}

/* Walk one and the host elements, on the copy of <node> the first pass
 * kept: every child but the domains. */
static int
testNodeParseHost(testNodeParser *p, const xmlNode *root)
{
    static const char *const children[] = {
        "hypervisor", "cpu", "memory", "delays", "outage", "fault", NULL};
    xmlNodePtr memory = NULL;
    int rc;

    if (testNodeCheckAttributes(p, root, testNodeNoAttributes) < 0 ||
        testNodeCheckChildren(p, root, children) < 0 ||
        testNodeParseHypervisor(p, root) < 0 || testNodeParseCpu(p, root) < 0 ||
        testNodeParseDelays(p, root) < 0 ||
        testNodeParseSwitch(p, root, "outage", &p->node->outageFile) < 0 ||
        testNodeParseSwitch(p, root, "fault", &p->node->faultFile) < 0)
        return -1;

    if ((rc = virXMLChildElement(root, "memory", p->label, false, &memory)) < 0)
        return -1;
    if (rc == 0) {
        testNodeReport(p, virXMLNodeLine(root), "<node> lacks <%s>", "memory");
        return -1;
    }
    if (testNodeCheckAttributes(p, memory, testNodeNoAttributes) < 0 ||
        virXMLChildULong(root, "memory", p->label, true,
                         &p->node->info.memory) < 0)
        return -1;
    if (p->node->info.memory == 0) {
        testNodeReport(p, virXMLNodeLine(memory),
                       "<memory> of the host is %s KiB", "0");
        return -1;
    }
    return 0;
}

static const struct {
    const char *name;
    virDomainState state;
} testNodeStates[] = {
    {"running", VIR_DOMAIN_RUNNING}, {"blocked", VIR_DOMAIN_BLOCKED},
    {"paused", VIR_DOMAIN_PAUSED},   {"shutoff", VIR_DOMAIN_SHUTOFF},
    {"crashed", VIR_DOMAIN_CRASHED},
};

#define TEST_NODE_NSTATES (sizeof(testNodeStates) / sizeof(testNodeStates[0]))

static const char *
testNodeStateName(virDomainState state)
{
    size_t i;

    for (i = 0; i < TEST_NODE_NSTATES; i++) {
        if (testNodeStates[i].state == state)
            return testNodeStates[i].name;
    }
    return "nostate";
}

/* The attributes the node file adds to <domain>: the run-time facts that
 * a definition does not carry. */
typedef struct _testNodeDomainAttrs testNodeDomainAttrs;

struct _testNodeDomainAttrs {
    char *state;
    char *persistent;
    char *cputime;
};

static void
testNodeDomainAttrsClear(testNodeDomainAttrs *attrs)
{
    free(attrs->state);
    free(attrs->persistent);
    free(attrs->cputime);
}

/* domain_conf reads id as an unsigned number and would call "-1" not a
 * number; a negative id is a mistake worth naming, so look first. */
static int
testNodeCheckNegativeId(testNodeParser *p, const xmlNode *n)
{
    char *id = NULL;
    char *name = NULL;
    int ret = -1;

    if (virXMLPropString(n, "id", p->label, false, &id) < 0)
        return -1;
    if (id == NULL || id[0] != '-') {
        ret = 0;
        goto cleanup;
    }
    /* Only for the message: domain_conf has not read the name yet. */
    if (virXMLChildString(n, "name", p->label, false, &name) < 0)
        goto cleanup;
    testNodeReport(p, virXMLNodeLine(n),
                   "domain '%s': id '%s' is negative; leave the id out for a "
                   "shut-off domain",
                   name != NULL ? name : "", id);

cleanup:
    free(name);
    free(id);
    return ret;
}

/* Sets dom->state, dom->persistent and dom->cpuTime from the attributes
 * and checks that they agree with each other and with the id. */
static int
testNodeDomainRuntime(testNodeParser *p, testNodeDomain *dom, const xmlNode *n,
                      const testNodeDomainAttrs *attrs)
{
    const virDomainDef *def = dom->def;
    long line = virXMLNodeLine(n);
    unsigned long long cputime = 0;
    size_t i;

    if (def->id > TEST_NODE_MAX_DOMID) {
        testNodeReport(p, line,
                       "domain '%s': id %d is above %d, the highest Xen "
                       "gives a domain",
                       def->name, def->id, TEST_NODE_MAX_DOMID);
        return -1;
    }

    if (attrs->state == NULL) {
        dom->state = def->id >= 0 ? VIR_DOMAIN_RUNNING : VIR_DOMAIN_SHUTOFF;
    } else {
        if (strcmp(attrs->state, "shutdown") == 0) {
            /* Shutting down lasts a moment: the driver simulates it from
             * a running domain, it cannot load one half-way through. */
            testNodeReport(p, line,
                           "domain '%s': state '%s' is transient and cannot "
                           "be loaded; use 'running' or 'shutoff'",
                           def->name, attrs->state);
            return -1;
        }
        for (i = 0; i < TEST_NODE_NSTATES; i++) {
            if (strcmp(attrs->state, testNodeStates[i].name) == 0)
                break;
        }
        if (i == TEST_NODE_NSTATES) {
            testNodeReport(p, line,
                           "domain '%s': unknown state '%s' (expected "
                           "running, blocked, paused, shutoff or crashed)",
                           def->name, attrs->state);
            return -1;
        }
        dom->state = testNodeStates[i].state;
    }
    if (dom->state == VIR_DOMAIN_SHUTOFF && def->id >= 0) {
        testNodeReport(p, line,
                       "domain '%s': state 'shutoff' contradicts id %d; a "
                       "shut-off domain has no id",
                       def->name, def->id);
        return -1;
    }
    if (dom->state != VIR_DOMAIN_SHUTOFF && def->id < 0) {
        testNodeReport(p, line,
                       "domain '%s': state '%s' needs an id; only a shut-off "
                       "domain has none",
                       def->name, testNodeStateName(dom->state));
        return -1;
    }

    dom->persistent = true;
    if (attrs->persistent != NULL) {
        if (strcmp(attrs->persistent, "no") == 0) {
            dom->persistent = false;
        } else if (strcmp(attrs->persistent, "yes") != 0) {
            testNodeReport(p, line,
                           "domain '%s': persistent='%s' is neither 'yes' "
                           "nor 'no'",
                           def->name, attrs->persistent);
            return -1;
        }
    }
    if (!dom->persistent && dom->state == VIR_DOMAIN_SHUTOFF) {
        /* A transient domain exists only while it runs. */
        testNodeReport(p, line,
                       "domain '%s': a shut-off domain must be persistent, "
                       "not persistent='%s'",
                       def->name, attrs->persistent);
        return -1;
    }

    if (attrs->cputime != NULL) {
        /* Not virXMLPropULong: nanoseconds need 64 bits even where
         * unsigned long has 32. */
        if (virStrToULLong(attrs->cputime, ULLONG_MAX, &cputime) !=
            VIR_NUMBER_OK) {
            virXMLReportError(VIR_ERR_XML_ERROR, n, p->label,
                              "<domain> attribute cputime='%s' is not an "
                              "unsigned decimal number of nanoseconds",
                              attrs->cputime);
            return -1;
        }
        if (cputime != 0 && dom->state == VIR_DOMAIN_SHUTOFF) {
            testNodeReport(p, line,
                           "domain '%s': cputime='%s' on a shut-off domain; "
                           "it has used no cpu time",
                           def->name, attrs->cputime);
            return -1;
        }
    }
    dom->cpuTime = cputime;
    return 0;
}

/* Xen's control domain: id 0, running, never undefined; there is one. */
static int
testNodeCheckDomain0(testNodeParser *p, const testNodeDomain *dom, long line)
{
    const virDomainDef *def = dom->def;
    bool named = strcmp(def->name, "Domain-0") == 0;

    if (def->id == 0 && !named) {
        testNodeReport(p, line, "domain '%s': id 0 belongs to Domain-0",
                       def->name);
        return -1;
    }
    if (!named)
        return 0;
    if (def->id < 0) {
        testNodeReport(p, line,
                       "domain '%s': Domain-0 always runs, with id 0; it "
                       "cannot be shut off",
                       def->name);
        return -1;
    }
    if (def->id != 0) {
        testNodeReport(p, line, "domain '%s': Domain-0 must have id 0, not %d",
                       def->name, def->id);
        return -1;
    }
    if (dom->state != VIR_DOMAIN_RUNNING) {
        testNodeReport(p, line, "domain '%s': Domain-0 must be running, not %s",
                       def->name, testNodeStateName(dom->state));
        return -1;
    }
    if (!dom->persistent) {
        testNodeReport(p, line, "domain '%s': Domain-0 must be persistent",
                       def->name);
        return -1;
    }
    return 0;
}

/* Adds @dom to the name, uuid and id indexes, refusing duplicates.  The
 * index values point into node->doms, which never moves. */
static int
testNodeIndexDomain(testNodeParser *p, testNodeDomain *dom, long line)
{
    virDomainDef *def = dom->def;
    const testNodeDomain *other;
    int rc;

    if ((rc = virHashAdd(p->names, def->name, dom)) < 0)
        return -1;
    if (rc > 0) {
        other = virHashLookup(p->names, def->name);
        testNodeReport(p, line,
                       "domain '%s': the name is already used on line %ld",
                       def->name, p->lines[other - p->node->doms]);
        return -1;
    }

    /* Domains without a uuid get one after the walk, so that a generated
     * uuid cannot take one written further down the file. */
    if (def->uuidSet) {
        if ((rc = virHashAdd(p->uuids, def->uuid, dom)) < 0)
            return -1;
        if (rc > 0) {
            char uuidstr[VIR_UUID_STRING_BUFLEN];

            other = virHashLookup(p->uuids, def->uuid);
            virUUIDFormat(def->uuid, uuidstr);
            testNodeReport(p, line,
                           "domain '%s': uuid %s is already used by domain "
                           "'%s' on line %ld",
                           def->name, uuidstr, other->def->name,
                           p->lines[other - p->node->doms]);
            return -1;
        }
    }

    if (def->id >= 0) {
        if ((rc = virHashAdd(p->ids, &def->id, dom)) < 0)
            return -1;
        if (rc > 0) {
            other = virHashLookup(p->ids, &def->id);
            testNodeReport(p, line,
                           "domain '%s': id %d is already used by domain "
                           "'%s' on line %ld",
                           def->name, def->id, other->def->name,
                           p->lines[other - p->node->doms]);
            return -1;
        }
    }
    return 0;
}

/* What the host can give: vcpus, memory, cpus to pin to. */
static int
testNodeCheckResources(testNodeParser *p, const testNodeDomain *dom, long line)
{
    const virDomainDef *def = dom->def;
    const virNodeInfo *info = &p->node->info;
    size_t i;

    if (def->maxvcpus > TEST_NODE_MAX_VCPUS) {
        testNodeReport(p, line,
                       "domain '%s': %u vcpus are more than the %d a Xen "
                       "guest may have",
                       def->name, def->maxvcpus, TEST_NODE_MAX_VCPUS);
        return -1;
    }
    if (def->maxmem > info->memory) {
        testNodeReport(p, line,
                       "domain '%s': maximum memory %lu KiB is above the "
                       "host's %lu KiB",
                       def->name, def->maxmem, info->memory);
        return -1;
    }

    for (i = 0; i < def->npins; i++) {
        const virDomainVcpuPinDef *pin = &def->pins[i];
        size_t cpu;

        /* domain_conf refuses an empty cpuset, so only the range is
         * left to check. */
        for (cpu = (size_t)info->cpus; cpu < pin->maplen * 8; cpu++) {
            if (pin->cpumap[cpu / 8] & (1U << (cpu % 8))) {
                testNodeReport(p, line,
                               "domain '%s': vcpu %u is pinned to cpu %zu, "
                               "but the host has %u active cpus (0-%u)",
                               def->name, pin->vcpu, cpu, info->cpus,
                               info->cpus - 1);
                return -1;
            }
        }
    }

    if (dom->state != VIR_DOMAIN_SHUTOFF) {
        p->activeMemory += def->memory;
        if (p->activeMemory > info->memory) {
            testNodeReport(p, line,
                           "domain '%s': its %lu KiB bring the memory of the "
                           "running domains to %llu KiB, above the host's "
                           "%lu KiB",
                           def->name, def->memory, p->activeMemory,
                           info->memory);
            return -1;
        }
    }
    return 0;
}

/* ---- device workloads (test_io.h) ----------------------------------- */

/* Reads the counters of <stats> or <rates> @n into @values, refusing
 * bytes that no number of requests or packets can carry. */
static int
testNodeParseIOCounters(testNodeParser *p, const xmlNode *n, testIOKind kind,
                        const char *what, unsigned long long max,
                        unsigned long long *values)
{
    const char *const *names = testIOCounterNames(kind);
    char *str = NULL;
    size_t i;
    int rc;

    if (testNodeCheckAttributes(p, n, names) < 0)
        return -1;
    for (i = 0; names[i] != NULL; i++) {
        if ((rc = virXMLPropString(n, names[i], p->label, false, &str)) < 0)
            return -1;
        if (rc == 0)
            continue;
        rc = virStrToULLong(str, max, &values[i]);
        if (rc != VIR_NUMBER_OK) {
            testNodeReport(p, virXMLNodeLine(n),
                           "%s <%s> %s='%s' is not a whole number from 0 to "
                           "%llu",
                           what, (const char *)n->name, names[i], str, max);
            free(str);
            return -1;
        }
        free(str);
        str = NULL;
    }
    for (i = 0; i < testIONPairs; i++) {
        const testIOPair *pair = &testIOPairs[i];
        unsigned long long count = values[pair->count];
        unsigned long long bytes = values[pair->bytes];
        unsigned long long min = pair->min;

        if (pair->kind != kind ||
            ((count == 0) == (bytes == 0) && bytes / min >= count))
            continue;
        testNodeReport(p, virXMLNodeLine(n),
                       "%s <%s> %s='%llu' cannot be carried by %s='%llu': "
                       "each carries at least %llu bytes and needs one",
                       what, (const char *)n->name, names[pair->bytes], bytes,
                       names[pair->count], count, min);
        return -1;
    }
    return 0;
}

/* Reads the workload of one <disk> or <interface> @n, whose device in
 * the definition has @key, into a new profile of @dom. */
static int
testNodeParseIODevice(testNodeParser *p, testNodeDomain *dom, const xmlNode *n,
                      testIOKind kind, const char *key)
{
    xmlNodePtr stats = NULL;
    xmlNodePtr rates = NULL;
    testIOProfile *profiles;
    testIOProfile *prof;
    char what[300];
    int rcStats;
    int rcRates;

    if ((rcStats = virXMLChildElement(n, "stats", p->label, false, &stats)) <
            0 ||
        (rcRates = virXMLChildElement(n, "rates", p->label, false, &rates)) < 0)
        return -1;
    if (rcStats == 0 && rcRates == 0)
        return 0;
    snprintf(what, sizeof(what), "domain '%s': %s '%s'", dom->def->name,
             kind == TEST_IO_DISK ? "disk" : "interface", key);
    if (rcStats == 1 && dom->state == VIR_DOMAIN_SHUTOFF) {
        testNodeReport(p, virXMLNodeLine(stats),
                       "%s: <stats> on a shut-off domain; its devices have "
                       "counted nothing",
                       what);
        return -1;
    }
    profiles = realloc(dom->io, (dom->nio + 1) * sizeof(*profiles));
    if (profiles == NULL) {
        virReportOOMError();
        return -1;
    }
    dom->io = profiles;
    prof = &dom->io[dom->nio];
    memset(prof, 0, sizeof(*prof));
    prof->kind = kind;
    if ((prof->key = strdup(key)) == NULL) {
        virReportOOMError();
        return -1;
    }
    dom->nio++;
    if ((rcStats == 1 &&
         testNodeParseIOCounters(p, stats, kind, what, TEST_IO_MAX_START,
                                 prof->start) < 0) ||
        (rcRates == 1 &&
         testNodeParseIOCounters(p, rates, kind, what, TEST_IO_MAX_RATE,
                                 prof->rate) < 0))
        return -1;
    return 0;
}

/* The workloads of the devices of the domain @n: <stats> (the counters
 * at load time) and <rates> (their growth per second of run) inside a
 * <disk> or an <interface>.  domain_conf.c parsed the devices in
 * document order, which pairs each element with its definition. */
static int
testNodeParseIO(testNodeParser *p, testNodeDomain *dom, const xmlNode *n)
{
    const virDomainDef *def = dom->def;
    xmlNodePtr devices = NULL;
    const xmlNode *child;
    size_t ndisks = 0;
    size_t nnets = 0;
    char mac[VIR_MAC_STRING_BUFLEN];
    int rc;

    if ((rc = virXMLChildElement(n, "devices", p->label, false, &devices)) <= 0)
        return rc;
    for (child = devices->children; child != NULL; child = child->next) {
        if (child->type != XML_ELEMENT_NODE)
            continue;
        rc = 0;
        if (virXMLNodeIs(child, "disk") && ndisks < def->ndisks) {
            rc = testNodeParseIODevice(p, dom, child, TEST_IO_DISK,
                                       def->disks[ndisks++].target);
        } else if (virXMLNodeIs(child, "interface") && nnets < def->nnets) {
            virMacFormat(def->nets[nnets++].mac, mac);
            rc = testNodeParseIODevice(p, dom, child, TEST_IO_NET, mac);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int
testNodeParseDomain(testNodeParser *p, xmlNode *n)
{
    static const char *const allowed[] = {"type",       "id",      "state",
                                          "persistent", "cputime", NULL};
    testNodeDomain *dom = &p->node->doms[p->node->ndoms];
    testNodeDomainAttrs attrs = {NULL, NULL, NULL};
    long line = virXMLNodeLine(n);
    const char *src = p->label;
    int ret = -1;

    if (testNodeCheckAttributes(p, n, allowed) < 0 ||
        testNodeCheckNegativeId(p, n) < 0)
        return -1;
    /* Errors in the domain's own XML are domain_conf's to report, with
     * the same "FILE:LINE: " prefix. */
    if ((dom->def = virDomainDefParseNode(n, p->label)) == NULL)
        return -1;
    p->lines[p->node->ndoms] = line;
    p->node->ndoms++;

    if (virXMLPropString(n, "state", src, false, &attrs.state) < 0 ||
        virXMLPropString(n, "persistent", src, false, &attrs.persistent) < 0 ||
        virXMLPropString(n, "cputime", src, false, &attrs.cputime) < 0 ||
        testNodeDomainRuntime(p, dom, n, &attrs) < 0 ||
        testNodeParseIO(p, dom, n) < 0 ||
        testNodeCheckDomain0(p, dom, line) < 0 ||
        testNodeIndexDomain(p, dom, line) < 0 ||
        testNodeCheckResources(p, dom, line) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    testNodeDomainAttrsClear(&attrs);
    return ret;
}

/* Gives a random uuid to every domain that has none, avoiding those in
 * use. */
static int
testNodeGenerateUUIDs(testNodeParser *p)
{
    size_t i;

    for (i = 0; i < p->node->ndoms; i++) {
        testNodeDomain *dom = &p->node->doms[i];
        int rc;

        if (dom->def->uuidSet)
            continue;
        do {
            if (virUUIDGenerate(dom->def->uuid) < 0 ||
                (rc = virHashAdd(p->uuids, dom->def->uuid, dom)) < 0)
                return -1;
        } while (rc > 0);
        dom->def->uuidSet = true;
    }
    return 0;
}

/* The second pass: the domains, in file order, each freed by the reader
 * once parsed. */
static int
testNodeParseDomains(testNodeParser *p, const char *buf, size_t len,
                     const char *source, const char *label)
{
    virXMLReader *reader = NULL;
    xmlNode *n = NULL;
    int rc;
    int ret = -1;

    if (p->ndomains == 0)
        return 0;
    if ((p->node->doms = calloc(p->ndomains, sizeof(*p->node->doms))) == NULL ||
        (p->lines = calloc(p->ndomains, sizeof(*p->lines))) == NULL) {
        virReportOOMError();
        return -1;
    }
    if ((p->names = virHashNew(0)) == NULL ||
        (p->uuids = virHashNew(VIR_UUID_BUFLEN)) == NULL ||
        (p->ids = virHashNew(sizeof(int))) == NULL ||
        (reader = virXMLReaderNew(buf, len, source, label)) == NULL)
        goto cleanup;

    /* The root is <node>, so only its children can be <domain>. */
    while ((rc = virXMLReaderNext(reader, &n)) > 0) {
        if (!virXMLNodeIs(n, "domain"))
            continue;
        /* The same bytes as the first pass: the same count. */
        if (p->node->ndoms == p->ndomains) {
            virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                           "more domains than the first pass counted");
            goto cleanup;
        }
        if (virXMLReaderExpand(reader) < 0 || testNodeParseDomain(p, n) < 0)
            goto cleanup;
    }
    if (rc < 0)
        goto cleanup;
    ret = testNodeGenerateUUIDs(p);

cleanup:
    virXMLReaderFree(reader);
    return ret;
}

/* The first pass: reads the whole document, counts the domains and keeps
 * the other children of the root.  Returns the reader, which owns the
 * kept tree, or NULL with an error reported. */
static virXMLReader *
testNodeReadHost(testNodeParser *p, const char *buf, size_t len,
                 const char *source, const char *label)
{
    virXMLReader *reader = NULL;
    xmlNode *n = NULL;
    bool root = true;
    int rc;

    if ((reader = virXMLReaderNew(buf, len, source, label)) == NULL)
        return NULL;
    while ((rc = virXMLReaderNext(reader, &n)) > 0) {
        if (root)
            root = false;
        else if (virXMLNodeIs(n, "domain"))
            p->ndomains++;
        else if (virXMLReaderKeep(reader) < 0)
            break;
    }
    if (rc != 0) {
        virXMLReaderFree(reader);
        return NULL;
    }
    return reader;
}

/* Parses the node XML @buf; parse errors name it as @source
 * ("PATH:LINE: ") or, when @source is NULL, as @label ("LABEL line
 * LINE: "); the checks of this file use whichever is set. */
static testNodeDef *
testNodeParse(const char *buf, size_t len, const char *source,
              const char *label)
{
    testNodeParser p;
    virXMLReader *reader = NULL;
    const xmlNode *root;
    testNodeDef *ret = NULL;

    memset(&p, 0, sizeof(p));
    p.label = source != NULL ? source : label;

    if ((reader = testNodeReadHost(&p, buf, len, source, label)) == NULL)
        goto cleanup;
    root = virXMLReaderKept(reader);
    if (!virXMLNodeIs(root, "node")) {
        testNodeReport(&p, virXMLNodeLine(root),
                       "the root element is <%s>, not <node>",
                       (const char *)root->name);
        goto cleanup;
    }
    if ((p.node = calloc(1, sizeof(*p.node))) == NULL ||
        (p.node->hvType = strdup("Xen")) == NULL) {
        virReportOOMError();
        goto cleanup;
    }
    p.node->hvVersion = TEST_NODE_DEFAULT_VERSION;
    p.node->delays.shutdownMs = 200;
    p.node->delays.rebootMs = 200;

    if (testNodeParseHost(&p, root) < 0)
        goto cleanup;
    /* The host is copied out: its tree can go before the domains come. */
    virXMLReaderFree(reader);
    reader = NULL;
    if (testNodeParseDomains(&p, buf, len, source, label) < 0)
        goto cleanup;

    ret = p.node;
    p.node = NULL;

cleanup:
    virXMLReaderFree(reader);
    testNodeDefFree(p.node);
    free(p.lines);
    virHashFree(p.names);
    virHashFree(p.uuids);
    virHashFree(p.ids);
    return ret;
}

testNodeDef *
testNodeParseBuffer(const char *buf, size_t len, const char *label)
{
    if (label == NULL)
        label = "node XML";
    return testNodeParse(buf, len, NULL, label);
}

testNodeDef *
testNodeParseFile(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    testNodeDef *node;

    /* virXMLReadFile reports an unreadable file (VIR_ERR_SYSTEM_ERROR,
     * with the path and errno's text).  The bytes are held, a tenth of
     * what their tree would take, so that both passes read the same. */
    if (virXMLReadFile(path, &buf, &len) < 0)
        return NULL;
    node = testNodeParse(buf, len, path, NULL);
    free(buf);
    return node;
}

void
testNodeDefFree(testNodeDef *node)
{
    size_t i;

    if (node == NULL)
        return;
    /* The driver may have taken some definitions and left NULL. */
    for (i = 0; i < node->ndoms; i++) {
        virDomainDefFree(node->doms[i].def);
        testIOProfilesFree(node->doms[i].io, node->doms[i].nio);
    }
    free(node->doms);
    free(node->hvType);
    free(node->outageFile);
    free(node->faultFile);
    free(node);
}
