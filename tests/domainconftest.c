/*
 * domainconftest.c: the domain XML module (lib/domain_conf.c) and the
 * libxml2 helpers under it (lib/xml.c).
 *
 * Fixtures in tests/domainconfdata/: NAME.xml is an input, NAME.out.xml
 * what virDomainDefFormat() must write for it, byte for byte.
 */

#include <config.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "testutils.h"
#include "domain_conf.h"
#include "xml.h"

/* The domain most attach, detach and equality cases start from. */
static const char baseXML[] = "<domain type='xen'>\n"
                              "  <name>base</name>\n"
                              "  <memory>1024</memory>\n"
                              "  <devices>\n"
                              "    <disk type='file'>\n"
                              "      <source file='/img/a'/>\n"
                              "      <target dev='xvda'/>\n"
                              "    </disk>\n"
                              "    <interface type='bridge'>\n"
                              "      <mac address='00:16:3e:00:00:01'/>\n"
                              "    </interface>\n"
                              "  </devices>\n"
                              "</domain>\n";

/* Loads tests/domainconfdata/@name.  Caller frees. */
static char *
testLoadFixture(const char *name)
{
    char rel[256];
    char *path;
    char *data;

    snprintf(rel, sizeof(rel), "domainconfdata/%s", name);
    if ((path = virTestDataPath(rel)) == NULL)
        return NULL;
    data = virTestLoadFile(path);
    if (data == NULL)
        virTestFail("cannot read fixture %s", path);
    free(path);
    return data;
}

static virDomainDef *
testParseFixture(const char *name)
{
    char *xml = testLoadFixture(name);
    virDomainDef *def;

    if (xml == NULL)
        return NULL;
    def = virDomainDefParseString(xml);
    if (def == NULL)
        virTestFail("%s does not parse: %s", name,
                    virGetLastError() ? virGetLastError()->message : "?");
    free(xml);
    return def;
}

/* ---- round trips ----------------------------------------------------- */

typedef struct {
    const char *title;
    const char *input;    /* fixture parsed */
    const char *expected; /* fixture the output must equal */
} testRoundTrip;

static const testRoundTrip roundTrips[] = {
    {"domainxml_roundtrip_full_matches_fixture", "full.xml", "full.out.xml"},
    {"domainxml_roundtrip_minimal_writes_defaults", "minimal.xml",
     "minimal.out.xml"},
    {"domainxml_roundtrip_hvm_block_disk_matches_fixture", "hvm.xml",
     "hvm.out.xml"},
    {"domainxml_roundtrip_escaping_and_utf8_match_fixture", "escape.xml",
     "escape.out.xml"},
    {"domainxml_roundtrip_formatted_output_is_a_fixpoint", "full.out.xml",
     "full.out.xml"},
};

/* parse(input) formats to exactly the expected file, and parsing that
 * output gives an equal definition that formats the same again. */
static int
testRoundTripBody(const void *opaque)
{
    const testRoundTrip *tc = opaque;
    virDomainDef *def = NULL;
    virDomainDef *again = NULL;
    char *expected = NULL;
    char *out = NULL;
    char *out2 = NULL;
    int ret = -1;

    if ((def = testParseFixture(tc->input)) == NULL ||
        (expected = testLoadFixture(tc->expected)) == NULL)
        goto cleanup;
    if ((out = virDomainDefFormat(def, def->id)) == NULL) {
        virTestFail("format failed");
        goto cleanup;
    }
    if (virTestExpectStr("formatted XML", out, expected) < 0)
        goto cleanup;
    if ((again = virDomainDefParseString(out)) == NULL) {
        virTestFail("output does not parse back: %s",
                    virGetLastError()->message);
        goto cleanup;
    }
    if (!virDomainDefEqual(def, again)) {
        virTestFail("parse(format(def)) differs from def");
        goto cleanup;
    }
    if ((out2 = virDomainDefFormat(again, again->id)) == NULL ||
        virTestExpectStr("second format", out2, out) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainDefFree(def);
    virDomainDefFree(again);
    free(expected);
    free(out);
    free(out2);
    return ret;
}

/* ---- fields and defaults --------------------------------------------- */

static int
testExpectMap(const char *what, const virDomainVcpuPinDef *pin,
              const unsigned char *map, size_t maplen)
{
    if (pin->maplen != maplen || memcmp(pin->cpumap, map, maplen) != 0)
        return virTestFail("%s: cpumap of vcpu %u differs (maplen %zu)", what,
                           pin->vcpu, pin->maplen);
    return 0;
}

static int
testParseFullFields(const void *opaque)
{
    static const unsigned char uuid[VIR_UUID_BUFLEN] = {
        0x4d, 0xea, 0x22, 0xb3, 0x1d, 0x52, 0xd8, 0xf3,
        0x25, 0x16, 0x78, 0x2e, 0x98, 0xab, 0x3f, 0xa0};
    static const unsigned char mac0[6] = {0x00, 0x16, 0x3e, 0x5d, 0xc7, 0x9e};
    static const unsigned char mac1[6] = {0x00, 0x16, 0x3e, 0x00, 0x00, 0x02};
    static const unsigned char map0[] = {0x0b};
    static const unsigned char map3[] = {0x00, 0x01};
    virDomainDef *def = testParseFixture("full.xml");
    int ret = -1;

    (void)opaque;
    if (def == NULL)
        return -1;
    if (virTestExpectInt("id", def->id, 12) < 0 ||
        virTestExpectStr("name", def->name, "web01") < 0 ||
        virTestExpectInt("uuidSet", def->uuidSet, true) < 0 ||
        virTestExpectInt("uuid", memcmp(def->uuid, uuid, 16), 0) < 0 ||
        virTestExpectStr("ostype", def->ostype, "linux") < 0 ||
        virTestExpectStr("kernel", def->kernel, "/boot/vmlinuz-6.1") < 0 ||
        virTestExpectStr("initrd", def->initrd, "/boot/initrd.img-6.1") < 0 ||
        virTestExpectStr("cmdline", def->cmdline,
                         "root=/dev/xvda1 ro console=hvc0") < 0 ||
        virTestExpectInt("maxmem", def->maxmem, 1048576) < 0 ||
        virTestExpectInt("memory", def->memory, 524288) < 0 ||
        virTestExpectInt("maxvcpus", def->maxvcpus, 4) < 0 ||
        virTestExpectInt("vcpus", def->vcpus, 2) < 0 ||
        virTestExpectInt("npins", def->npins, 2) < 0 ||
        virTestExpectInt("pins[0].vcpu (sorted)", def->pins[0].vcpu, 0) < 0 ||
        testExpectMap("pins[0]", &def->pins[0], map0, sizeof(map0)) < 0 ||
        virTestExpectInt("pins[1].vcpu", def->pins[1].vcpu, 3) < 0 ||
        testExpectMap("pins[1]", &def->pins[1], map3, sizeof(map3)) < 0 ||
        virTestExpectInt("onPoweroff", def->onPoweroff, VIR_DOMAIN_DESTROY) <
            0 ||
        virTestExpectInt("onReboot", def->onReboot, VIR_DOMAIN_RENAME_RESTART) <
            0 ||
        virTestExpectInt("onCrash", def->onCrash, VIR_DOMAIN_PRESERVE) < 0)
        goto cleanup;

    if (virTestExpectInt("ndisks", def->ndisks, 2) < 0 ||
        virTestExpectInt("disks[0].type", def->disks[0].type,
                         VIR_DOMAIN_DISK_TYPE_FILE) < 0 ||
        virTestExpectInt("disks[0].device", def->disks[0].device,
                         VIR_DOMAIN_DISK_DEVICE_DISK) < 0 ||
        virTestExpectStr("disks[0].source", def->disks[0].source,
                         "/var/lib/xen/web01.img") < 0 ||
        virTestExpectStr("disks[0].target", def->disks[0].target, "xvda") < 0 ||
        virTestExpectInt("disks[0].readonly", def->disks[0].readonly, false) <
            0 ||
        virTestExpectInt("disks[1].type", def->disks[1].type,
                         VIR_DOMAIN_DISK_TYPE_BLOCK) < 0 ||
        virTestExpectInt("disks[1].device", def->disks[1].device,
                         VIR_DOMAIN_DISK_DEVICE_CDROM) < 0 ||
        virTestExpectStr("disks[1].source", def->disks[1].source, "/dev/sr0") <
            0 ||
        virTestExpectStr("disks[1].target", def->disks[1].target, "xvdc") < 0 ||
        virTestExpectInt("disks[1].readonly", def->disks[1].readonly, true) < 0)
        goto cleanup;

    if (virTestExpectInt("nnets", def->nnets, 2) < 0 ||
        virTestExpectInt("nets[0].type", def->nets[0].type,
                         VIR_DOMAIN_NET_TYPE_BRIDGE) < 0 ||
        virTestExpectInt("nets[0].mac", memcmp(def->nets[0].mac, mac0, 6), 0) <
            0 ||
        virTestExpectStr("nets[0].bridge", def->nets[0].bridge, "xenbr0") < 0 ||
        virTestExpectStr("nets[0].script", def->nets[0].script, "vif-bridge") <
            0 ||
        virTestExpectStr("nets[0].ip", def->nets[0].ip, "192.0.2.10") < 0 ||
        virTestExpectInt("nets[1].type", def->nets[1].type,
                         VIR_DOMAIN_NET_TYPE_ETHERNET) < 0 ||
        virTestExpectInt("nets[1].mac", memcmp(def->nets[1].mac, mac1, 6), 0) <
            0 ||
        virTestExpectStr("nets[1].bridge", def->nets[1].bridge, NULL) < 0 ||
        virTestExpectStr("nets[1].script", def->nets[1].script, NULL) < 0 ||
        virTestExpectStr("nets[1].ip", def->nets[1].ip, "2001:db8::10") < 0 ||
        virTestExpectStr("consoleTty", def->consoleTty, "/dev/pts/3") < 0)
        goto cleanup;
    ret = virTestExpectNoError();

cleanup:
    virDomainDefFree(def);
    return ret;
}

static int
testParseMinimalDefaults(const void *opaque)
{
    virDomainDef *def = testParseFixture("minimal.xml");
    int ret = -1;

    (void)opaque;
    if (def == NULL)
        return -1;
    if (virTestExpectInt("id", def->id, -1) < 0 ||
        virTestExpectInt("uuidSet", def->uuidSet, false) < 0 ||
        virTestExpectStr("ostype", def->ostype, "linux") < 0 ||
        virTestExpectStr("kernel", def->kernel, NULL) < 0 ||
        virTestExpectStr("initrd", def->initrd, NULL) < 0 ||
        virTestExpectStr("cmdline", def->cmdline, NULL) < 0 ||
        virTestExpectInt("maxmem", def->maxmem, 65536) < 0 ||
        virTestExpectInt("memory (= maxmem)", def->memory, 65536) < 0 ||
        virTestExpectInt("maxvcpus", def->maxvcpus, 1) < 0 ||
        virTestExpectInt("vcpus", def->vcpus, 1) < 0 ||
        virTestExpectInt("npins", def->npins, 0) < 0 ||
        virTestExpectInt("onPoweroff", def->onPoweroff, VIR_DOMAIN_DESTROY) <
            0 ||
        virTestExpectInt("onReboot", def->onReboot, VIR_DOMAIN_RESTART) < 0 ||
        virTestExpectInt("onCrash", def->onCrash, VIR_DOMAIN_RESTART) < 0 ||
        virTestExpectInt("ndisks", def->ndisks, 0) < 0 ||
        virTestExpectInt("nnets", def->nnets, 0) < 0 ||
        virTestExpectStr("consoleTty", def->consoleTty, NULL) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainDefFree(def);
    return ret;
}

static int
testParseVcpuCurrentDefault(const void *opaque)
{
    virDomainDef *def;
    int ret;

    (void)opaque;
    def = virDomainDefParseString("<domain type='xen'><name>v</name>"
                                  "<memory>1</memory><vcpu>6</vcpu>"
                                  "</domain>");
    if (def == NULL)
        return virTestFail("parse failed: %s", virGetLastError()->message);
    ret = virTestExpectInt("maxvcpus", def->maxvcpus, 6);
    if (ret == 0)
        ret = virTestExpectInt("vcpus (= max)", def->vcpus, 6);
    virDomainDefFree(def);
    return ret;
}

static int
testParseEscapedText(const void *opaque)
{
    virDomainDef *def = testParseFixture("escape.xml");
    int ret = -1;

    (void)opaque;
    if (def == NULL)
        return -1;
    if (virTestExpectStr("name", def->name,
                         "Q&A <dev> 'team' \"ops\" caf\xc3\xa9 "
                         "\xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x9a\x80") < 0 ||
        virTestExpectStr("cmdline", def->cmdline, "a=\"b & c\" <x> tail\r") <
            0 ||
        virTestExpectStr("disk source", def->disks[0].source,
                         "/srv/it's \"here\" & <there>\ttab\nnl.img") < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virDomainDefFree(def);
    return ret;
}

/* 32 interfaces without <mac>: each gets a distinct address in Xen's
 * range 00:16:3e:00:00:00-00:16:3e:7f:ff:ff (a rule broken for one
 * address in two would pass this with odds of 2^-32), shown on output. */
#define TEST_NMACS 32

static int
testParseGeneratedMac(const void *opaque)
{
    char xml[2048];
    size_t len;
    virDomainDef *def = NULL;
    char *out = NULL;
    char mac[64];
    size_t i;
    size_t j;
    int ret = -1;

    (void)opaque;
    len = (size_t)snprintf(xml, sizeof(xml), "%s",
                           "<domain type='xen'><name>m</name>"
                           "<memory>1</memory><devices>");
    for (i = 0; i < TEST_NMACS; i++)
        len += (size_t)snprintf(xml + len, sizeof(xml) - len, "%s",
                                "<interface type='bridge'/>");
    snprintf(xml + len, sizeof(xml) - len, "%s", "</devices></domain>");

    if ((def = virDomainDefParseString(xml)) == NULL)
        return virTestFail("parse failed: %s", virGetLastError()->message);
    if (virTestExpectInt("nnets", def->nnets, TEST_NMACS) < 0)
        goto cleanup;
    for (i = 0; i < def->nnets; i++) {
        const unsigned char *m = def->nets[i].mac;

        if (m[0] != 0x00 || m[1] != 0x16 || m[2] != 0x3e || m[3] >= 0x80) {
            virTestFail("MAC %zu is not 00:16:3e:[00-7f]:xx:xx", i);
            goto cleanup;
        }
        for (j = 0; j < i; j++) {
            if (memcmp(def->nets[j].mac, m, 6) == 0) {
                virTestFail("interfaces %zu and %zu got the same MAC", j, i);
                goto cleanup;
            }
        }
    }
    if ((out = virDomainDefFormat(def, -1)) == NULL)
        goto cleanup;
    snprintf(mac, sizeof(mac), "<mac address='00:16:3e:%02x:%02x:%02x'/>",
             def->nets[0].mac[3], def->nets[0].mac[4], def->nets[0].mac[5]);
    if (strstr(out, mac) == NULL) {
        virTestFail("output lacks %s:\n%s", mac, out);
        goto cleanup;
    }
    ret = 0;

cleanup:
    free(out);
    virDomainDefFree(def);
    return ret;
}

static int
testFormatIdArgument(const void *opaque)
{
    virDomainDef *def = testParseFixture("minimal.xml");
    char *with = NULL;
    char *without = NULL;
    int ret = -1;

    (void)opaque;
    if (def == NULL)
        return -1;
    if ((with = virDomainDefFormat(def, 7)) == NULL ||
        (without = virDomainDefFormat(def, -1)) == NULL)
        goto cleanup;
    if (strncmp(with, "<domain type='xen' id='7'>\n", 27) != 0 ||
        strncmp(without, "<domain type='xen'>\n", 20) != 0) {
        virTestFail("unexpected first lines:\n%s\n%s", with, without);
        goto cleanup;
    }
    ret = 0;

cleanup:
    free(with);
    free(without);
    virDomainDefFree(def);
    return ret;
}

/* A name of @len bytes ("nnn...") parses, or fails as too long. */
static int
testParseNameLength(const void *opaque)
{
    size_t len = *(const size_t *)opaque;
    char name[300];
    char xml[512];
    virDomainDef *def;
    int ret = -1;

    memset(name, 'n', len);
    name[len] = '\0';
    snprintf(xml, sizeof(xml),
             "<domain type='xen'><name>%s</name><memory>1</memory></domain>",
             name);
    def = virDomainDefParseString(xml);
    if (len <= 255) {
        if (def == NULL)
            virTestFail("parse failed: %s", virGetLastError()->message);
        else
            ret = virTestExpectInt("name length", strlen(def->name), len);
    } else if (def != NULL) {
        virTestFail("a %zu-byte name was accepted", len);
    } else {
        ret = virTestExpectError(VIR_ERR_XML_ERROR,
                                 "domain XML line 1: <name> is 256 bytes "
                                 "long, the limit is 255");
    }
    virDomainDefFree(def);
    return ret;
}

/* virDomainDefParseNode on a node file's <domain> names the file. */
static int
testParseNodeSource(const void *opaque)
{
    static const char node[] = "<node>\n"
                               "  <domain type='xen'>\n"
                               "    <name>n</name>\n"
                               "    <memory>12x</memory>\n"
                               "  </domain>\n"
                               "</node>\n";
    const char *source = opaque;
    xmlDocPtr doc;
    xmlNodePtr dom;
    virDomainDef *def;
    int ret;

    if ((doc = virXMLParseBuffer(node, strlen(node), "node XML")) == NULL)
        return virTestFail("node XML does not parse");
    dom = xmlDocGetRootElement(doc)->children;
    while (dom != NULL && dom->type != XML_ELEMENT_NODE)
        dom = dom->next;
    def = virDomainDefParseNode(dom, source);
    if (def != NULL) {
        virDomainDefFree(def);
        xmlFreeDoc(doc);
        return virTestFail("bad <memory> was accepted");
    }
    if (source != NULL)
        ret = virTestExpectError(VIR_ERR_XML_ERROR,
                                 "/srv/node.xml:4: <memory> value '12x' is "
                                 "not an unsigned decimal number");
    else
        ret = virTestExpectError(VIR_ERR_XML_ERROR,
                                 "XML line 4: <memory> value '12x'");
    xmlFreeDoc(doc);
    return ret;
}

/* ---- parse errors ---------------------------------------------------- */

typedef struct {
    const char *title;
    const char *xml;
    int code;
    const char *substr; /* must appear in the message */
} testParseError;

#define DOM(body) "<domain type='xen'><name>d</name>" body "</domain>"
#define DOMMEM(body) DOM("<memory>1024</memory>" body)
#define DEVS(body) DOMMEM("<devices>" body "</devices>")
#define DISK(attrs, body) DEVS("<disk" attrs ">" body "</disk>")
#define IFACE(body) DEVS("<interface type='bridge'>" body "</interface>")
#define PIN(attrs) \
    DOMMEM("<vcpu>2</vcpu><cputune><vcpupin" attrs "/></cputune>")

static const testParseError parseErrors[] = {
    /* the document */
    {"domainxml_parse_malformed_xml_fails_with_line",
     "<domain type='xen'>\n  <name>d</name>\n  <memory>1</memry>\n"
     "</domain>\n",
     VIR_ERR_XML_ERROR,
     "domain XML line 3: Opening and ending tag "
     "mismatch: memory"},
    {"domainxml_parse_empty_string_fails", "", VIR_ERR_XML_ERROR,
     "domain XML: the document is empty"},
    {"domainxml_parse_blank_document_fails", "\n  \n", VIR_ERR_XML_ERROR,
     "domain XML line 3: "},
    {"domainxml_parse_two_root_elements_fails", DOMMEM("") "\n<domain/>",
     VIR_ERR_XML_ERROR,
     "domain XML line 2: Extra content at the end of the document"},
    {"domainxml_parse_undefined_namespace_prefix_fails", DOMMEM("<x:foo/>"),
     VIR_ERR_XML_ERROR, "Namespace prefix x on foo is not defined"},
    {"domainxml_parse_doctype_fails",
     "<!DOCTYPE domain [<!ENTITY big \"xxxxxxxx\">]>\n" DOMMEM(""),
     VIR_ERR_XML_ERROR,
     "domain XML: DOCTYPE declarations are not "
     "allowed"},
    {"domainxml_parse_root_not_domain_fails", "<node type='xen'/>",
     VIR_ERR_XML_ERROR,
     "domain XML line 1: root element is <node>, expected <domain>"},
    {"domainxml_parse_root_in_namespace_fails",
     "<domain xmlns='urn:x' type='xen'/>", VIR_ERR_XML_ERROR,
     "root element is <domain> in namespace 'urn:x'"},
    {"domainxml_parse_type_missing_fails",
     "<domain><name>d</name><memory>1</memory></domain>", VIR_ERR_XML_ERROR,
     "domain XML line 1: missing attribute 'type' on <domain>"},
    {"domainxml_parse_type_not_xen_fails",
     "<domain type='kvm'><name>d</name><memory>1</memory></domain>",
     VIR_ERR_XML_ERROR,
     "domain XML line 1: <domain> type 'kvm' is not supported, expected "
     "'xen'"},
    {"domainxml_parse_id_not_a_number_fails",
     "<domain type='xen' id='-1'><name>d</name><memory>1</memory>"
     "</domain>",
     VIR_ERR_XML_ERROR,
     "<domain> attribute id='-1' is not an unsigned decimal number"},
    {"domainxml_parse_id_above_int_max_fails",
     "<domain type='xen' id='2147483648'><name>d</name>"
     "<memory>1</memory></domain>",
     VIR_ERR_XML_ERROR, "<domain> attribute id='2147483648' is too large"},

    /* name and uuid */
    {"domainxml_parse_name_missing_fails",
     "<domain type='xen'>\n<memory>1</memory></domain>", VIR_ERR_XML_ERROR,
     "domain XML line 1: missing <name> element in <domain>"},
    {"domainxml_parse_name_empty_fails",
     "<domain type='xen'><name></name><memory>1</memory></domain>",
     VIR_ERR_XML_ERROR, "domain XML line 1: <name> is empty"},
    {"domainxml_parse_name_duplicate_fails",
     "<domain type='xen'><name>a</name>\n<name>b</name>"
     "<memory>1</memory></domain>",
     VIR_ERR_XML_ERROR,
     "domain XML line 2: duplicate <name> element in <domain>"},
    {"domainxml_parse_name_with_slash_fails",
     "<domain type='xen'><name>a/b</name><memory>1</memory></domain>",
     VIR_ERR_XML_ERROR, "<name> 'a/b' must not contain '/'"},
    {"domainxml_parse_name_with_newline_fails",
     "<domain type='xen'><name>a&#10;b</name><memory>1</memory></domain>",
     VIR_ERR_XML_ERROR, "control characters"},
    {"domainxml_parse_name_with_child_element_fails",
     "<domain type='xen'><name>a<b/></name><memory>1</memory></domain>",
     VIR_ERR_XML_ERROR, "<name> must hold text only, found <b>"},
    {"domainxml_parse_uuid_not_hex_fails",
     DOMMEM("<uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fzz</uuid>"),
     VIR_ERR_XML_ERROR,
     "<uuid> value "
     "'4dea22b3-1d52-d8f3-2516-782e98ab3fzz' is not a valid UUID"},
    {"domainxml_parse_uuid_too_short_fails", DOMMEM("<uuid>4dea22b3</uuid>"),
     VIR_ERR_XML_ERROR, "<uuid> value '4dea22b3' is not a valid UUID"},

    /* os */
    {"domainxml_parse_os_type_unknown_fails",
     DOMMEM("<os>\n<type>windows</type></os>"), VIR_ERR_XML_ERROR,
     "domain XML line 2: <os> <type> 'windows' is not supported, "
     "expected 'linux', 'hvm' or 'xenpvh'"},
    {"domainxml_parse_os_type_empty_fails", DOMMEM("<os><type></type></os>"),
     VIR_ERR_XML_ERROR, "<os> <type> '' is not supported"},

    /* memory */
    {"domainxml_parse_memory_missing_fails", DOM(""), VIR_ERR_XML_ERROR,
     "missing <memory> element in <domain>"},
    {"domainxml_parse_memory_zero_fails", DOM("<memory>0</memory>"),
     VIR_ERR_XML_ERROR, "<memory> value '0' is too small"},
    {"domainxml_parse_memory_not_a_number_fails",
     DOM("\n\n<memory>abc</memory>"), VIR_ERR_XML_ERROR,
     "domain XML line 3: <memory> value 'abc' is not an unsigned decimal "
     "number"},
    {"domainxml_parse_memory_negative_fails", DOM("<memory>-1</memory>"),
     VIR_ERR_XML_ERROR,
     "<memory> value '-1' is not an unsigned decimal number"},
    {"domainxml_parse_memory_plus_sign_fails", DOM("<memory>+1</memory>"),
     VIR_ERR_XML_ERROR, "<memory> value '+1' is not"},
    {"domainxml_parse_memory_trailing_garbage_fails",
     DOM("<memory>1024k</memory>"), VIR_ERR_XML_ERROR,
     "<memory> value '1024k' is not"},
    {"domainxml_parse_memory_leading_blank_fails",
     DOM("<memory> 1024</memory>"), VIR_ERR_XML_ERROR,
     "<memory> value ' 1024' is not"},
    {"domainxml_parse_memory_hex_fails", DOM("<memory>0x400</memory>"),
     VIR_ERR_XML_ERROR, "<memory> value '0x400' is not"},
    {"domainxml_parse_memory_overflow_fails",
     DOM("<memory>18446744073709551616</memory>"), VIR_ERR_XML_ERROR,
     "<memory> value '18446744073709551616' is too large"},
    {"domainxml_parse_memory_entity_reference_fails",
     DOM("<memory>1&amp;2</memory>"), VIR_ERR_XML_ERROR,
     "<memory> value '1&2' is not"},
    {"domainxml_parse_currentmemory_above_memory_fails",
     DOM("<memory>1024</memory>\n<currentMemory>2048</currentMemory>"),
     VIR_ERR_XML_ERROR,
     "domain XML line 2: <currentMemory> 2048 KiB is above <memory> "
     "1024 KiB"},
    {"domainxml_parse_currentmemory_zero_fails",
     DOMMEM("<currentMemory>0</currentMemory>"), VIR_ERR_XML_ERROR,
     "<currentMemory> value '0' is too small"},
    {"domainxml_parse_currentmemory_not_a_number_fails",
     DOMMEM("<currentMemory>lots</currentMemory>"), VIR_ERR_XML_ERROR,
     "<currentMemory> value 'lots' is not"},

    /* vcpus and pinning */
    {"domainxml_parse_vcpu_zero_fails", DOMMEM("<vcpu>0</vcpu>"),
     VIR_ERR_XML_ERROR, "<vcpu> value '0' is out of range 1-4096"},
    {"domainxml_parse_vcpu_above_limit_fails", DOMMEM("<vcpu>4097</vcpu>"),
     VIR_ERR_XML_ERROR, "<vcpu> value '4097' is out of range 1-4096"},
    {"domainxml_parse_vcpu_above_uint_fails", DOMMEM("<vcpu>4294967296</vcpu>"),
     VIR_ERR_XML_ERROR, "<vcpu> value '4294967296' is too large"},
    {"domainxml_parse_vcpu_current_above_max_fails",
     DOMMEM("<vcpu current='5'>4</vcpu>"), VIR_ERR_XML_ERROR,
     "<vcpu> attribute current='5' is out of range 1-4"},
    {"domainxml_parse_vcpu_current_zero_fails",
     DOMMEM("<vcpu current='0'>4</vcpu>"), VIR_ERR_XML_ERROR,
     "<vcpu> attribute current='0' is out of range 1-4"},
    {"domainxml_parse_vcpu_current_not_a_number_fails",
     DOMMEM("<vcpu current='two'>4</vcpu>"), VIR_ERR_XML_ERROR,
     "<vcpu> attribute current='two' is not an unsigned decimal number"},
    {"domainxml_parse_vcpupin_vcpu_not_below_max_fails",
     PIN(" vcpu='2' cpuset='0'"), VIR_ERR_XML_ERROR,
     "<vcpupin> vcpu='2' is out of range: the domain has 2 vcpus"},
    {"domainxml_parse_vcpupin_vcpu_missing_fails", PIN(" cpuset='0'"),
     VIR_ERR_XML_ERROR, "missing attribute 'vcpu' on <vcpupin>"},
    {"domainxml_parse_vcpupin_cpuset_missing_fails", PIN(" vcpu='0'"),
     VIR_ERR_XML_ERROR, "missing attribute 'cpuset' on <vcpupin>"},
    {"domainxml_parse_vcpupin_duplicate_vcpu_fails",
     DOMMEM("<vcpu>2</vcpu><cputune><vcpupin vcpu='0' cpuset='0'/>"
            "<vcpupin vcpu='0' cpuset='1'/></cputune>"),
     VIR_ERR_XML_ERROR, "duplicate <vcpupin> for vcpu 0"},
    {"domainxml_parse_vcpupin_cpuset_open_range_fails",
     PIN(" vcpu='0' cpuset='0-'"), VIR_ERR_XML_ERROR,
     "<vcpupin> cpuset '0-' is invalid: expected a cpu number at the end"},
    {"domainxml_parse_vcpupin_cpuset_garbage_fails",
     PIN(" vcpu='0' cpuset='1;2'"), VIR_ERR_XML_ERROR,
     "<vcpupin> cpuset '1;2' is invalid: unexpected ';2'"},
    {"domainxml_parse_vcpupin_cpuset_above_limit_fails",
     PIN(" vcpu='0' cpuset='4096'"), VIR_ERR_XML_ERROR,
     "cpu 4096 is above the limit of 4095"},
    {"domainxml_parse_vcpupin_cpuset_selecting_nothing_fails",
     PIN(" vcpu='0' cpuset='0-3,^0-3'"), VIR_ERR_XML_ERROR,
     "<vcpupin> cpuset '0-3,^0-3' is invalid: it selects no cpu"},

    /* lifecycle */
    {"domainxml_parse_on_poweroff_unknown_fails",
     DOMMEM("<on_poweroff>explode</on_poweroff>"), VIR_ERR_XML_ERROR,
     "<on_poweroff> value 'explode' is not one of destroy, restart, "
     "preserve, rename-restart"},
    {"domainxml_parse_on_reboot_unknown_fails",
     DOMMEM("<on_reboot>Restart</on_reboot>"), VIR_ERR_XML_ERROR,
     "<on_reboot> value 'Restart' is not one of"},
    {"domainxml_parse_on_crash_unknown_fails",
     DOMMEM("<on_crash>coredump-destroy</on_crash>"), VIR_ERR_XML_ERROR,
     "<on_crash> value 'coredump-destroy' is not one of"},

    /* disks */
    {"domainxml_parse_disk_without_target_fails",
     DISK(" type='file'", "<source file='/a'/>"), VIR_ERR_XML_ERROR,
     "missing <target> element in <disk>"},
    {"domainxml_parse_disk_without_source_fails",
     DISK(" type='file'", "<target dev='xvda'/>"), VIR_ERR_XML_ERROR,
     "missing <source> element in <disk>"},
    {"domainxml_parse_disk_source_without_file_fails",
     DISK(" type='file'", "<source dev='/a'/><target dev='xvda'/>"),
     VIR_ERR_XML_ERROR, "missing attribute 'file' on <source>"},
    {"domainxml_parse_disk_block_source_without_dev_fails",
     DISK(" type='block'", "<source file='/a'/><target dev='xvda'/>"),
     VIR_ERR_XML_ERROR, "missing attribute 'dev' on <source>"},
    {"domainxml_parse_disk_empty_source_fails",
     DISK("", "<source file=''/><target dev='xvda'/>"), VIR_ERR_XML_ERROR,
     "<source> attribute file is empty"},
    {"domainxml_parse_disk_empty_target_fails",
     DISK("", "<source file='/a'/><target dev=''/>"), VIR_ERR_XML_ERROR,
     "<target> attribute dev is empty"},
    {"domainxml_parse_disk_type_unknown_fails",
     DISK(" type='network'", "<source file='/a'/><target dev='xvda'/>"),
     VIR_ERR_XML_ERROR, "<disk> type 'network' is not supported"},
    {"domainxml_parse_disk_device_unknown_fails",
     DISK(" device='floppy'", "<source file='/a'/><target dev='fda'/>"),
     VIR_ERR_XML_ERROR, "<disk> device 'floppy' is not supported"},
    {"domainxml_parse_disk_duplicate_target_fails",
     DEVS("<disk><source file='/a'/><target dev='xvda'/></disk>\n"
          "<disk><source file='/b'/><target dev='xvda'/></disk>"),
     VIR_ERR_XML_ERROR, "domain XML line 2: duplicate disk target 'xvda'"},

    /* interfaces and console */
    {"domainxml_parse_interface_bad_mac_fails",
     IFACE("<mac address='00:16:3e:zz:00:01'/>"), VIR_ERR_XML_ERROR,
     "<mac> address '00:16:3e:zz:00:01' is not a valid MAC address"},
    {"domainxml_parse_interface_short_mac_fails",
     IFACE("<mac address='00:16:3e:00:01'/>"), VIR_ERR_XML_ERROR,
     "<mac> address '00:16:3e:00:01' is not a valid MAC address"},
    {"domainxml_parse_interface_mac_with_dashes_fails",
     IFACE("<mac address='00-16-3e-00-00-01'/>"), VIR_ERR_XML_ERROR,
     "is not a valid MAC address"},
    {"domainxml_parse_interface_multicast_mac_fails",
     IFACE("<mac address='01:00:5e:00:00:01'/>"), VIR_ERR_XML_ERROR,
     "<mac> address '01:00:5e:00:00:01' is a multicast address"},
    {"domainxml_parse_interface_mac_without_address_fails", IFACE("<mac/>"),
     VIR_ERR_XML_ERROR, "missing attribute 'address' on <mac>"},
    {"domainxml_parse_interface_duplicate_mac_fails",
     DEVS("<interface type='bridge'><mac address='00:16:3e:00:00:01'/>"
          "</interface><interface type='bridge'>"
          "<mac address='00:16:3E:00:00:01'/></interface>"),
     VIR_ERR_XML_ERROR, "duplicate interface MAC address '00:16:3e:00:00:01'"},
    {"domainxml_parse_interface_type_missing_fails", DEVS("<interface/>"),
     VIR_ERR_XML_ERROR, "missing attribute 'type' on <interface>"},
    {"domainxml_parse_interface_type_unknown_fails",
     DEVS("<interface type='network'/>"), VIR_ERR_XML_ERROR,
     "<interface> type 'network' is not supported"},
    {"domainxml_parse_interface_bad_ip_fails",
     IFACE("<ip address='192.0.2.300'/>"), VIR_ERR_XML_ERROR,
     "<ip> address '192.0.2.300' is not an IPv4 or IPv6 address"},
    {"domainxml_parse_interface_script_without_path_fails", IFACE("<script/>"),
     VIR_ERR_XML_ERROR, "missing attribute 'path' on <script>"},
    {"domainxml_parse_console_duplicate_fails",
     DEVS("<console tty='/dev/pts/1'/><console tty='/dev/pts/2'/>"),
     VIR_ERR_XML_ERROR, "duplicate <console> element in <devices>"},
    {"domainxml_parse_devices_duplicate_fails",
     DOMMEM("<devices/>\n<devices/>"), VIR_ERR_XML_ERROR,
     "domain XML line 2: duplicate <devices> element in <domain>"},
};

static int
testParseErrorBody(const void *opaque)
{
    const testParseError *tc = opaque;
    virDomainDef *def = virDomainDefParseString(tc->xml);

    if (def != NULL) {
        virDomainDefFree(def);
        return virTestFail("parse succeeded on invalid XML");
    }
    return virTestExpectError(tc->code, tc->substr);
}

static int
testParseNullFails(const void *opaque)
{
    (void)opaque;
    if (virDomainDefParseString(NULL) != NULL ||
        virDomainDefParseNode(NULL, NULL) != NULL)
        return virTestFail("NULL input was accepted");
    return virTestExpectError(VIR_ERR_INVALID_ARG, NULL);
}

/* ---- copy and equality ----------------------------------------------- */

static int
testCopyIsEqualAndDeep(const void *opaque)
{
    virDomainDef *def = testParseFixture("full.xml");
    virDomainDef *copy = NULL;
    int ret = -1;

    (void)opaque;
    if (def == NULL)
        return -1;
    if ((copy = virDomainDefCopy(def)) == NULL) {
        virTestFail("copy failed");
        goto cleanup;
    }
    if (!virDomainDefEqual(def, copy) || !virDomainDefEqual(copy, def)) {
        virTestFail("copy is not equal to the original");
        goto cleanup;
    }
    if (copy->name == def->name || copy->pins == def->pins ||
        copy->pins[0].cpumap == def->pins[0].cpumap ||
        copy->disks == def->disks ||
        copy->disks[0].source == def->disks[0].source ||
        copy->nets == def->nets ||
        copy->nets[0].bridge == def->nets[0].bridge ||
        copy->consoleTty == def->consoleTty) {
        virTestFail("copy shares memory with the original");
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainDefFree(def);
    virDomainDefFree(copy);
    return ret;
}

/* One field of a definition that a case changes. */
typedef enum {
    MUT_ID,
    MUT_NAME,
    MUT_UUID,
    MUT_UUID_SET,
    MUT_OSTYPE,
    MUT_KERNEL,
    MUT_KERNEL_NULL,
    MUT_INITRD,
    MUT_CMDLINE,
    MUT_MAXMEM,
    MUT_MEMORY,
    MUT_MAXVCPUS,
    MUT_VCPUS,
    MUT_PIN_VCPU,
    MUT_PIN_MAP,
    MUT_PIN_COUNT,
    MUT_POWEROFF,
    MUT_REBOOT,
    MUT_CRASH,
    MUT_DISK_TYPE,
    MUT_DISK_DEVICE,
    MUT_DISK_SOURCE,
    MUT_DISK_TARGET,
    MUT_DISK_READONLY,
    MUT_DISK_COUNT,
    MUT_NET_TYPE,
    MUT_NET_MAC,
    MUT_NET_BRIDGE,
    MUT_NET_SCRIPT,
    MUT_NET_IP,
    MUT_NET_COUNT,
    MUT_CONSOLE
} testMutation;

/* Changes one field of @d, a copy of full.xml's definition, keeping it
 * free of leaks. */
static void
testMutate(virDomainDef *d, testMutation m)
{
    switch (m) {
    case MUT_ID:
        d->id = 13;
        break;
    case MUT_NAME:
        d->name[0] = 'W';
        break;
    case MUT_UUID:
        d->uuid[15] ^= 1;
        break;
    case MUT_UUID_SET:
        d->uuidSet = false;
        break;
    case MUT_OSTYPE:
        d->ostype[0] = 'L';
        break;
    case MUT_KERNEL:
        d->kernel[1] = 'X';
        break;
    case MUT_KERNEL_NULL:
        free(d->kernel);
        d->kernel = NULL;
        break;
    case MUT_INITRD:
        d->initrd[1] = 'X';
        break;
    case MUT_CMDLINE:
        d->cmdline[0] = 'R';
        break;
    case MUT_MAXMEM:
        d->maxmem++;
        break;
    case MUT_MEMORY:
        d->memory--;
        break;
    case MUT_MAXVCPUS:
        d->maxvcpus++;
        break;
    case MUT_VCPUS:
        d->vcpus--;
        break;
    case MUT_PIN_VCPU:
        d->pins[1].vcpu = 2;
        break;
    case MUT_PIN_MAP:
        d->pins[0].cpumap[0] ^= 0x10;
        break;
    case MUT_PIN_COUNT:
        free(d->pins[--d->npins].cpumap);
        break;
    case MUT_POWEROFF:
        d->onPoweroff = VIR_DOMAIN_RESTART;
        break;
    case MUT_REBOOT:
        d->onReboot = VIR_DOMAIN_RESTART;
        break;
    case MUT_CRASH:
        d->onCrash = VIR_DOMAIN_DESTROY;
        break;
    case MUT_DISK_TYPE:
        d->disks[0].type = VIR_DOMAIN_DISK_TYPE_BLOCK;
        break;
    case MUT_DISK_DEVICE:
        d->disks[0].device = VIR_DOMAIN_DISK_DEVICE_CDROM;
        break;
    case MUT_DISK_SOURCE:
        d->disks[0].source[1] = 'X';
        break;
    case MUT_DISK_TARGET:
        d->disks[0].target[3] = 'z';
        break;
    case MUT_DISK_READONLY:
        d->disks[0].readonly = true;
        break;
    case MUT_DISK_COUNT:
        d->ndisks--;
        free(d->disks[d->ndisks].source);
        free(d->disks[d->ndisks].target);
        break;
    case MUT_NET_TYPE:
        d->nets[0].type = VIR_DOMAIN_NET_TYPE_ETHERNET;
        break;
    case MUT_NET_MAC:
        d->nets[0].mac[5] ^= 1;
        break;
    case MUT_NET_BRIDGE:
        d->nets[0].bridge[0] = 'X';
        break;
    case MUT_NET_SCRIPT:
        d->nets[0].script[0] = 'X';
        break;
    case MUT_NET_IP:
        d->nets[0].ip[0] = '8';
        break;
    case MUT_NET_COUNT:
        d->nnets--;
        free(d->nets[d->nnets].bridge);
        free(d->nets[d->nnets].script);
        free(d->nets[d->nnets].ip);
        break;
    case MUT_CONSOLE:
        d->consoleTty[9] = '4';
        break;
    }
}

typedef struct {
    const char *title;
    testMutation mutation;
} testEqualCase;

static const testEqualCase equalCases[] = {
    {"domainxml_equal_id_change_differs", MUT_ID},
    {"domainxml_equal_name_change_differs", MUT_NAME},
    {"domainxml_equal_uuid_change_differs", MUT_UUID},
    {"domainxml_equal_uuid_unset_differs", MUT_UUID_SET},
    {"domainxml_equal_ostype_change_differs", MUT_OSTYPE},
    {"domainxml_equal_kernel_change_differs", MUT_KERNEL},
    {"domainxml_equal_kernel_removed_differs", MUT_KERNEL_NULL},
    {"domainxml_equal_initrd_change_differs", MUT_INITRD},
    {"domainxml_equal_cmdline_change_differs", MUT_CMDLINE},
    {"domainxml_equal_maxmem_change_differs", MUT_MAXMEM},
    {"domainxml_equal_memory_change_differs", MUT_MEMORY},
    {"domainxml_equal_maxvcpus_change_differs", MUT_MAXVCPUS},
    {"domainxml_equal_vcpus_change_differs", MUT_VCPUS},
    {"domainxml_equal_pin_vcpu_change_differs", MUT_PIN_VCPU},
    {"domainxml_equal_pin_map_change_differs", MUT_PIN_MAP},
    {"domainxml_equal_pin_removed_differs", MUT_PIN_COUNT},
    {"domainxml_equal_on_poweroff_change_differs", MUT_POWEROFF},
    {"domainxml_equal_on_reboot_change_differs", MUT_REBOOT},
    {"domainxml_equal_on_crash_change_differs", MUT_CRASH},
    {"domainxml_equal_disk_type_change_differs", MUT_DISK_TYPE},
    {"domainxml_equal_disk_device_change_differs", MUT_DISK_DEVICE},
    {"domainxml_equal_disk_source_change_differs", MUT_DISK_SOURCE},
    {"domainxml_equal_disk_target_change_differs", MUT_DISK_TARGET},
    {"domainxml_equal_disk_readonly_change_differs", MUT_DISK_READONLY},
    {"domainxml_equal_disk_removed_differs", MUT_DISK_COUNT},
    {"domainxml_equal_net_type_change_differs", MUT_NET_TYPE},
    {"domainxml_equal_net_mac_change_differs", MUT_NET_MAC},
    {"domainxml_equal_net_bridge_change_differs", MUT_NET_BRIDGE},
    {"domainxml_equal_net_script_change_differs", MUT_NET_SCRIPT},
    {"domainxml_equal_net_ip_change_differs", MUT_NET_IP},
    {"domainxml_equal_net_removed_differs", MUT_NET_COUNT},
    {"domainxml_equal_console_change_differs", MUT_CONSOLE},
};

static int
testEqualBody(const void *opaque)
{
    const testEqualCase *tc = opaque;
    virDomainDef *def = testParseFixture("full.xml");
    virDomainDef *copy = NULL;
    int ret = -1;

    if (def == NULL)
        return -1;
    if ((copy = virDomainDefCopy(def)) == NULL)
        goto cleanup;
    if (!virDomainDefEqual(def, copy)) {
        virTestFail("copy differs before the change");
        goto cleanup;
    }
    testMutate(copy, tc->mutation);
    if (virDomainDefEqual(def, copy) || virDomainDefEqual(copy, def)) {
        virTestFail("the change went unnoticed");
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainDefFree(def);
    virDomainDefFree(copy);
    return ret;
}

/* A cpumap with trailing zero bytes selects the same cpus. */
static int
testEqualIgnoresTrailingZeroBytes(const void *opaque)
{
    virDomainDef *def = testParseFixture("full.xml");
    virDomainDef *copy = NULL;
    unsigned char *map;
    int ret = -1;

    (void)opaque;
    if (def == NULL || (copy = virDomainDefCopy(def)) == NULL)
        goto cleanup;
    if ((map = calloc(4, 1)) == NULL)
        goto cleanup;
    map[0] = copy->pins[0].cpumap[0];
    free(copy->pins[0].cpumap);
    copy->pins[0].cpumap = map;
    copy->pins[0].maplen = 4;
    if (!virDomainDefEqual(def, copy) || !virDomainDefEqual(copy, def)) {
        virTestFail("maps differing only in trailing zeros compare unequal");
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainDefFree(def);
    virDomainDefFree(copy);
    return ret;
}

/* ---- device hotplug -------------------------------------------------- */

typedef struct {
    const char *title;
    bool attach;
    const char *xml;
    int ret;
    int code;           /* when ret < 0 */
    const char *substr; /* when ret < 0 */
    size_t ndisks;      /* afterwards */
    size_t nnets;
    const char *present; /* must be in the formatted result, or NULL */
    const char *absent;  /* must not be, or NULL */
} testDeviceCase;

static const testDeviceCase deviceCases[] = {
    {"device_attach_disk_appends", true,
     "<disk type='block' device='cdrom'><source dev='/dev/sr0'/>"
     "<target dev='xvdb'/><readonly/></disk>",
     0, 0, NULL, 2, 1,
     "    <disk type='block' device='cdrom'>\n"
     "      <source dev='/dev/sr0'/>\n"
     "      <target dev='xvdb'/>\n"
     "      <readonly/>\n"
     "    </disk>\n",
     NULL},
    {"device_attach_disk_duplicate_target_fails", true,
     "<disk><source file='/img/b'/><target dev='xvda'/></disk>", -1,
     VIR_ERR_OPERATION_INVALID, "disk target 'xvda' is already in use", 1, 1,
     NULL, "/img/b"},
    {"device_attach_disk_without_source_fails", true,
     "<disk>\n<target dev='xvdb'/></disk>", -1, VIR_ERR_XML_ERROR,
     "device XML line 1: missing <source> element in <disk>", 1, 1, NULL,
     "xvdb"},
    {"device_attach_interface_appends", true,
     "<interface type='bridge'><mac address='00:16:3e:00:00:02'/>"
     "<source bridge='xenbr1'/></interface>",
     0, 0, NULL, 1, 2,
     "    <interface type='bridge'>\n"
     "      <mac address='00:16:3e:00:00:02'/>\n"
     "      <source bridge='xenbr1'/>\n"
     "    </interface>\n",
     NULL},
    {"device_attach_interface_without_mac_generates_one", true,
     "<interface type='ethernet'/>", 0, 0, NULL, 1, 2,
     "<interface type='ethernet'>\n      <mac address='00:16:3e:", NULL},
    {"device_attach_interface_duplicate_mac_fails", true,
     "<interface type='ethernet'><mac address='00:16:3E:00:00:01'/>"
     "</interface>",
     -1, VIR_ERR_OPERATION_INVALID,
     "MAC address '00:16:3e:00:00:01' is already in use", 1, 1, NULL,
     "ethernet"},
    {"device_attach_interface_bad_mac_fails", true,
     "<interface type='bridge'><mac address='zz'/></interface>", -1,
     VIR_ERR_XML_ERROR,
     "device XML line 1: <mac> address 'zz' is not a valid MAC address", 1, 1,
     NULL, NULL},
    {"device_attach_two_devices_fails", true,
     "<disk><source file='/b'/><target dev='xvdb'/></disk>\n"
     "<disk><source file='/c'/><target dev='xvdc'/></disk>",
     -1, VIR_ERR_XML_ERROR,
     "device XML line 2: Extra content at the end of the document", 1, 1, NULL,
     "xvdb"},
    {"device_attach_devices_wrapper_fails", true,
     "<devices><disk><source file='/b'/><target dev='xvdb'/></disk>"
     "</devices>",
     -1, VIR_ERR_XML_ERROR,
     "<devices> is not a device that can be attached or detached", 1, 1, NULL,
     "xvdb"},
    {"device_attach_unknown_element_fails", true, "<console tty='/dev/pts/9'/>",
     -1, VIR_ERR_XML_ERROR,
     "device XML line 1: <console> is not a device that can be attached "
     "or detached, expected <disk> or <interface>",
     1, 1, NULL, "pts/9"},
    {"device_attach_malformed_fails", true, "<disk>", -1, VIR_ERR_XML_ERROR,
     "device XML line 1: ", 1, 1, NULL, NULL},
    {"device_detach_disk_removes", false, "<disk><target dev='xvda'/></disk>",
     0, 0, NULL, 0, 1, NULL, "<disk"},
    {"device_detach_disk_unknown_target_fails", false,
     "<disk type='file'><source file='/img/a'/><target dev='xvdz'/></disk>", -1,
     VIR_ERR_NO_DEVICE, "no disk with target 'xvdz'", 1, 1, "xvda", NULL},
    {"device_detach_disk_without_target_fails", false,
     "<disk><source file='/img/a'/></disk>", -1, VIR_ERR_XML_ERROR,
     "missing <target> element in <disk>", 1, 1, "xvda", NULL},
    {"device_detach_interface_removes", false,
     "<interface type='bridge'><mac address='00:16:3E:00:00:01'/>"
     "</interface>",
     0, 0, NULL, 1, 0, NULL, "<interface"},
    {"device_detach_interface_unknown_mac_fails", false,
     "<interface type='bridge'><mac address='00:16:3e:00:00:09'/>"
     "</interface>",
     -1, VIR_ERR_NO_DEVICE, "no interface with MAC address '00:16:3e:00:00:09'",
     1, 1, "00:16:3e:00:00:01", NULL},
    {"device_detach_interface_without_mac_fails", false,
     "<interface type='bridge'/>", -1, VIR_ERR_XML_ERROR,
     "device XML line 1: <interface> to detach has no <mac address>", 1, 1,
     "00:16:3e:00:00:01", NULL},
    {"device_detach_unknown_element_fails", false, "<graphics type='vnc'/>", -1,
     VIR_ERR_XML_ERROR, "<graphics> is not a device", 1, 1, NULL, NULL},
};

static int
testDeviceBody(const void *opaque)
{
    const testDeviceCase *tc = opaque;
    virDomainDef *def = virDomainDefParseString(baseXML);
    char *out = NULL;
    int rc;
    int ret = -1;

    if (def == NULL)
        return virTestFail("base XML does not parse");
    if (tc->attach)
        rc = virDomainDefAttachDeviceXML(def, tc->xml);
    else
        rc = virDomainDefDetachDeviceXML(def, tc->xml);
    if (virTestExpectInt("return value", rc, tc->ret) < 0)
        goto cleanup;
    if (tc->ret < 0 && virTestExpectError(tc->code, tc->substr) < 0)
        goto cleanup;
    if (tc->ret == 0 && virTestExpectNoError() < 0)
        goto cleanup;
    if (virTestExpectInt("ndisks", def->ndisks, tc->ndisks) < 0 ||
        virTestExpectInt("nnets", def->nnets, tc->nnets) < 0)
        goto cleanup;
    if ((out = virDomainDefFormat(def, -1)) == NULL)
        goto cleanup;
    if (tc->present != NULL && strstr(out, tc->present) == NULL) {
        virTestFail("result lacks '%s':\n%s", tc->present, out);
        goto cleanup;
    }
    if (tc->absent != NULL && strstr(out, tc->absent) != NULL) {
        virTestFail("result has '%s':\n%s", tc->absent, out);
        goto cleanup;
    }
    ret = 0;

cleanup:
    free(out);
    virDomainDefFree(def);
    return ret;
}

/* ---- enums ----------------------------------------------------------- */

static int
testRestartStrings(const void *opaque)
{
    static const char *const names[] = {NULL, "destroy", "restart", "preserve",
                                        "rename-restart"};
    int i;

    (void)opaque;
    for (i = VIR_DOMAIN_DESTROY; i <= VIR_DOMAIN_RENAME_RESTART; i++) {
        if (virTestExpectStr("to string", virDomainRestartTypeToString(i),
                             names[i]) < 0 ||
            virTestExpectInt("from string",
                             virDomainRestartTypeFromString(names[i]), i) < 0)
            return -1;
    }
    if (virTestExpectStr("0", virDomainRestartTypeToString(0), NULL) < 0 ||
        virTestExpectStr("5", virDomainRestartTypeToString(5), NULL) < 0 ||
        virTestExpectInt("'Destroy'", virDomainRestartTypeFromString("Destroy"),
                         -1) < 0 ||
        virTestExpectInt("NULL", virDomainRestartTypeFromString(NULL), -1) < 0)
        return -1;
    return 0;
}

/* ---- xml.c ----------------------------------------------------------- */

/* Parsing bad documents leaves stderr untouched: libxml2 must not print. */
static int
testParsePrintsNothing(const void *opaque)
{
    static const char *const bad[] = {
        "<domain",
        "<a></b>",
        "<x:y/>",
        "\xff\xfe<a/>",
        "<!DOCTYPE a SYSTEM 'http://example.invalid/a.dtd'><a/>",
    };
    char path[] = "/tmp/domainconftest-stderr-XXXXXX";
    struct stat sb;
    int saved = -1;
    int fd;
    size_t i;
    int ret = -1;

    (void)opaque;
    if ((fd = mkstemp(path)) < 0)
        return virTestFail("mkstemp failed");
    fflush(stderr);
    if ((saved = dup(STDERR_FILENO)) < 0 || dup2(fd, STDERR_FILENO) < 0) {
        virTestFail("cannot redirect stderr");
        goto cleanup;
    }
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        xmlDocPtr doc = virXMLParseString(bad[i], strlen(bad[i]), NULL);

        if (doc != NULL) {
            xmlFreeDoc(doc);
            dup2(saved, STDERR_FILENO);
            virTestFail("bad document %zu was accepted", i);
            goto cleanup;
        }
    }
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    if (fstat(fd, &sb) < 0 || sb.st_size != 0) {
        virTestFail("libxml2 printed %lld bytes", (long long)sb.st_size);
        goto cleanup;
    }
    ret = 0;

cleanup:
    if (saved >= 0)
        close(saved);
    close(fd);
    unlink(path);
    return ret;
}

static int
testParseBufferUsesSourceStyle(const void *opaque)
{
    static const char doc[] = "<a>\n<b>\n</a>";
    xmlDocPtr xml;

    (void)opaque;
    if ((xml = virXMLParseBuffer(doc, strlen(doc), "/srv/n.xml")) != NULL) {
        xmlFreeDoc(xml);
        return virTestFail("malformed document accepted");
    }
    return virTestExpectError(VIR_ERR_XML_ERROR,
                              "/srv/n.xml:3: Opening and ending tag "
                              "mismatch: b line 2 and a");
}

static int
testParseFileMissingFails(const void *opaque)
{
    xmlDocPtr xml;

    (void)opaque;
    if ((xml = virXMLParseFile("/nonexistent/node.xml")) != NULL) {
        xmlFreeDoc(xml);
        return virTestFail("missing file parsed");
    }
    return virTestExpectError(VIR_ERR_SYSTEM_ERROR,
                              "cannot open '/nonexistent/node.xml'");
}

static int
testParseFileReadsFixture(const void *opaque)
{
    char *path = virTestDataPath("domainconfdata/full.xml");
    xmlDocPtr xml = NULL;
    xmlNodePtr name = NULL;
    char *text = NULL;
    int ret = -1;

    (void)opaque;
    if (path == NULL || (xml = virXMLParseFile(path)) == NULL) {
        virTestFail("cannot parse fixture");
        goto cleanup;
    }
    if (virXMLChildElement(xmlDocGetRootElement(xml), "name", NULL, true,
                           &name) != 1 ||
        virXMLNodeText(name, NULL, &text) < 0) {
        virTestFail("no <name>");
        goto cleanup;
    }
    if (virTestExpectStr("name", text, "web01") < 0 ||
        virTestExpectInt("line of <name>", virXMLNodeLine(name), 7) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    free(text);
    xmlFreeDoc(xml);
    free(path);
    return ret;
}

/* ---- main ------------------------------------------------------------ */

static int
testMainBody(void)
{
    static const size_t len255 = 255;
    static const size_t len256 = 256;

    VIR_TEST_RUN_TABLE(roundTrips, testRoundTripBody);

    virTestRun("domainxml_parse_full_reads_every_field", testParseFullFields,
               NULL);
    virTestRun("domainxml_parse_minimal_applies_defaults",
               testParseMinimalDefaults, NULL);
    virTestRun("domainxml_parse_vcpu_without_current_uses_maximum",
               testParseVcpuCurrentDefault, NULL);
    virTestRun("domainxml_parse_escaped_text_keeps_specials_and_utf8",
               testParseEscapedText, NULL);
    virTestRun("domainxml_parse_interface_without_mac_generates_xen_mac",
               testParseGeneratedMac, NULL);
    virTestRun("domainxml_format_id_argument_sets_id_attribute",
               testFormatIdArgument, NULL);
    virTestRun("domainxml_parse_name_255_bytes_succeeds", testParseNameLength,
               &len255);
    virTestRun("domainxml_parse_name_256_bytes_fails", testParseNameLength,
               &len256);
    virTestRun("domainxml_parsenode_with_source_prefixes_file_and_line",
               testParseNodeSource, "/srv/node.xml");
    virTestRun("domainxml_parsenode_without_source_uses_document_label",
               testParseNodeSource, NULL);
    virTestRun("domainxml_parse_null_fails", testParseNullFails, NULL);

    VIR_TEST_RUN_TABLE(parseErrors, testParseErrorBody);

    virTestRun("domainxml_copy_is_equal_and_deep", testCopyIsEqualAndDeep,
               NULL);
    VIR_TEST_RUN_TABLE(equalCases, testEqualBody);
    virTestRun("domainxml_equal_ignores_trailing_zero_map_bytes",
               testEqualIgnoresTrailingZeroBytes, NULL);

    VIR_TEST_RUN_TABLE(deviceCases, testDeviceBody);

    virTestRun("restart_strings_map_both_ways", testRestartStrings, NULL);

    virTestRun("xml_parse_bad_documents_print_nothing", testParsePrintsNothing,
               NULL);
    virTestRun("xml_parsebuffer_malformed_reports_source_and_line",
               testParseBufferUsesSourceStyle, NULL);
    virTestRun("xml_parsefile_missing_file_fails", testParseFileMissingFails,
               NULL);
    virTestRun("xml_parsefile_reads_elements_and_lines",
               testParseFileReadsFixture, NULL);
    return 0;
}

VIR_TEST_MAIN(testMainBody)
