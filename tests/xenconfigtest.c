/*
 * xenconfigtest.c: xl configuration files <-> domain XML (lib/xen/
 * xen_config.c) and domain definitions <-> libxl_domain_config
 * (xen_domcfg.c).  No hypervisor needed: these are pure conversions.
 *
 * Fixtures in tests/xenconfigdata/: NAME.cfg is an xl file, NAME.xml the
 * domain XML it must read as.  VIR_TEST_REGENERATE_OUTPUT=1 rewrites the
 * .xml files from what the code produces (review the diff before
 * committing it).
 */

#include <config.h>

#include <errno.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutils.h"
#include "xen/xen_cfgsyntax.h"
#include "xen/xen_config.h"
#include "xen/xen_domcfg.h"
#include "xen/xen_priv.h"
#include "xen/xen_defined.h"
#include "domain_conf.h"

static xenConfig *
loadConfig(const char *name)
{
    char rel[128];
    char *path;
    char *text;
    xenConfig *cfg = NULL;

    snprintf(rel, sizeof(rel), "xenconfigdata/%s.cfg", name);
    if ((path = virTestDataPath(rel)) == NULL)
        return NULL;
    if ((text = virTestLoadFile(path)) != NULL)
        cfg = xenConfigParse(text, strlen(text), path);
    if (cfg == NULL)
        virTestFail("cannot read '%s': %s", path,
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "unreadable");
    free(text);
    free(path);
    return cfg;
}

static int
compareWithFile(const char *rel, const char *actual)
{
    char *path = virTestDataPath(rel);
    char *expected = NULL;
    const char *regen = getenv("VIR_TEST_REGENERATE_OUTPUT");
    FILE *fp;
    int ret = -1;

    if (path == NULL)
        return -1;
    if (regen != NULL && strcmp(regen, "1") == 0 &&
        (fp = fopen(path, "w")) != NULL) {
        fputs(actual, fp);
        fclose(fp);
    }
    if ((expected = virTestLoadFile(path)) == NULL)
        virTestFail("cannot read '%s'", path);
    else
        ret = virTestExpectStr(rel, actual, expected);
    free(expected);
    free(path);
    return ret;
}

/* NAME.cfg reads as NAME.xml; written back to xl form and read again, it
 * is the same definition; through libxl_domain_config and back too. */
static int
testConfigFixture(const void *data)
{
    const char *name = data;
    xenConfig *cfg = loadConfig(name);
    xenConfig *again = NULL;
    virDomainDef *fromLibxl = NULL;
    libxl_domain_config dc;
    char rel[128];
    char *xml = NULL;
    char *text = NULL;
    int ret = -1;

    libxl_domain_config_init(&dc);
    if (cfg == NULL)
        goto cleanup;
    snprintf(rel, sizeof(rel), "xenconfigdata/%s.xml", name);
    if ((xml = virDomainDefFormat(cfg->def, -1)) == NULL ||
        compareWithFile(rel, xml) < 0)
        goto cleanup;
    if ((text = xenConfigFormat(cfg)) == NULL ||
        (again = xenConfigParse(text, strlen(text), "rewritten")) == NULL) {
        virTestFail("the rewritten config does not parse:\n%s",
                    text != NULL ? text : "(none)");
        goto cleanup;
    }
    if (!virDomainDefEqual(cfg->def, again->def) ||
        virTestExpectStr("cpuid", again->cpuid != NULL ? again->cpuid : "",
                         cfg->cpuid != NULL ? cfg->cpuid : "") < 0) {
        virTestFail("xl round trip changed the domain:\n%s", text);
        goto cleanup;
    }
    if (xenDomcfgFromConfig(cfg, &dc) < 0 ||
        (fromLibxl = xenDomcfgToDef(&dc)) == NULL) {
        virTestFail("libxl round trip failed: %s",
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
        goto cleanup;
    }
    /* libxl always has a UUID; the file may have left it out. */
    fromLibxl->uuidSet = cfg->def->uuidSet;
    if (!virDomainDefEqual(cfg->def, fromLibxl)) {
        char *got = virDomainDefFormat(fromLibxl, -1);

        virTestFail("libxl round trip changed the domain:\n%s", got);
        free(got);
        goto cleanup;
    }
    ret = 0;

cleanup:
    libxl_domain_config_dispose(&dc);
    virDomainDefFree(fromLibxl);
    xenConfigFree(again);
    xenConfigFree(cfg);
    free(text);
    free(xml);
    return ret;
}

/* Domain XML -> xl config -> domain XML gives the same definition. */
static int
testXMLRoundTrip(const void *data)
{
    const char *rel = data;
    char *path = virTestDataPath(rel);
    char *xml = path != NULL ? virTestLoadFile(path) : NULL;
    xenConfig cfg = {.def = NULL};
    xenConfig *again = NULL;
    char *text = NULL;
    int ret = -1;

    if (xml == NULL || (cfg.def = virDomainDefParseString(xml)) == NULL) {
        virTestFail("cannot parse '%s'", rel);
        goto cleanup;
    }
    /* What only a running domain has: no place in a configuration. */
    cfg.def->id = -1;
    free(cfg.def->consoleTty);
    cfg.def->consoleTty = NULL;
    if ((text = xenConfigFormat(&cfg)) == NULL ||
        (again = xenConfigParse(text, strlen(text), rel)) == NULL) {
        virTestFail("cannot write or reread '%s' as xl: %s", rel,
                    virGetLastError() != NULL ? virGetLastError()->message
                                              : "no error");
        goto cleanup;
    }
    if (!virDomainDefEqual(cfg.def, again->def)) {
        virTestFail("round trip changed '%s':\n%s", rel, text);
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainDefFree(cfg.def);
    xenConfigFree(again);
    free(text);
    free(xml);
    free(path);
    return ret;
}

typedef struct _badConfigCase badConfigCase;

struct _badConfigCase {
    const char *title;
    const char *text;
    const char *message; /* part of the error it must give */
};

static int
testBadConfig(const void *data)
{
    const badConfigCase *c = data;
    xenConfig *cfg = xenConfigParse(c->text, strlen(c->text), "bad.cfg");

    if (cfg != NULL) {
        xenConfigFree(cfg);
        return virTestFail("'%s' was accepted", c->text);
    }
    return virTestExpectError(VIR_ERR_CONFIG_INVALID, c->message);
}

typedef struct _syntaxCase syntaxCase;

struct _syntaxCase {
    const char *title;
    const char *text;
    const char *error; /* NULL: accepted */
    unsigned int line;
};

/* The grammar check in front of libxlutil: what xl reads is accepted;
 * what would make libxlutil report an error (and leak), or what it
 * accepts only through its numeric escapes, is refused with the line. */
static const syntaxCase syntaxCases[] = {
    {"xlsyntax_check_plain_assignments_accepted",
     "name = \"x\"\nmemory = 128;vcpus = 0x2\n", NULL, 0},
    {"xlsyntax_check_append_assignment_accepted", "a = \"x\"\na += \"y\"\n",
     NULL, 0},
    {"xlsyntax_check_nested_list_accepted", "a = [ [ \"x\", \"y\" ], \"z\" ]",
     NULL, 0},
    {"xlsyntax_check_multiline_list_trailing_comma_accepted",
     "disk = [\n  'a',\n  \"b\" ,\n]\n# done\n", NULL, 0},
    {"xlsyntax_check_empty_list_and_statements_accepted", ";\n;a = []\n\n",
     NULL, 0},
    {"xlsyntax_check_simple_escapes_accepted",
     "a = \"q\\\" \\\\ \\n\\t\"\nb = 'it\\'s'\n", NULL, 0},
    {"xlsyntax_check_upper_case_key_refused", "name = \"x\"\nA = 1\n",
     "do not use", 2},
    {"xlsyntax_check_underscore_key_refused", "_a = 1\n",
     "xl configuration files do not use", 1},
    {"xlsyntax_check_hex_escape_refused", "a = \"\\x41\"\n",
     "escape other than", 1},
    {"xlsyntax_check_octal_escape_refused", "a = \"\\101\"\n",
     "escape other than", 1},
    {"xlsyntax_check_unknown_escape_refused", "a = \"\\q\"\n",
     "escape other than", 1},
    {"xlsyntax_check_unterminated_string_refused", "a = 1\nb = \"x\nc = 2\n",
     "does not end on its line", 2},
    {"xlsyntax_check_two_statements_on_a_line_refused", "a=1 b=2\n",
     "followed by more than a newline", 1},
    {"xlsyntax_check_number_then_key_refused", "a = 9zz\n",
     "followed by more than a newline", 1},
    {"xlsyntax_check_list_leading_comma_refused", "a = [,]\n",
     "a value is missing", 1},
    {"xlsyntax_check_list_double_comma_refused", "a = [1,,2]\n",
     "a value is missing", 1},
    {"xlsyntax_check_list_missing_comma_refused", "a = [\"b\" \"c\"]\n",
     "not followed by ',' or ']'", 1},
    {"xlsyntax_check_value_on_next_line_refused", "a =\n1\n",
     "a value is missing", 1},
    {"xlsyntax_check_missing_value_at_end_refused",
     "a = ", "a value is missing", 1},
    {"xlsyntax_check_unclosed_list_refused", "a = [ 1,\n", "a value is missing",
     2},
    {"xlsyntax_check_comment_without_newline_refused", "a = \"x\" # c",
     "has no newline", 1},
    {"xlsyntax_check_carriage_return_refused", "a = 1\r\n", "do not use", 1},
    /* "+=" adds to the key's last value, of the same kind only. */
    {"xlsyntax_check_append_same_kind_accepted",
     "a = [\"x\"]\nb = 1\na += [\"y\"]\nc += \"new\"\nc += 'more'\n", NULL, 0},
    {"xlsyntax_check_append_after_reassign_accepted",
     "a = \"p\"\na = [1]\na += [2]\n", NULL, 0},
    /* Found by fuzz_xl_config: libxlutil refused what the check passed. */
    {"xlsyntax_check_append_list_to_string_refused",
     "type = \"p\"\ntype += [\"0-1\", \"all\"]\n", "adds a list to a string",
     2},
    {"xlsyntax_check_append_string_to_list_refused",
     "a = []\nb = 1; a += \"x\"\n", "adds a list to a string", 2},
    {"xlsyntax_check_append_list_to_number_refused", "a = 1\na += [1]\n",
     "adds a list to a string", 2},
    /* Found by fuzz_xl_config: libxlutil leaked the list it had built. */
    {"xlsyntax_check_fuzz_leak_list_then_bar_refused",
     "name = \"v\"\nvif = [ \"b\", \"1\"|||| ]\n", "do not use", 2},
};

static int
testSyntax(const void *data)
{
    const syntaxCase *c = data;
    unsigned int line = 0;
    const char *why = xenConfigCheckSyntax(c->text, strlen(c->text), &line);

    if (c->error == NULL) {
        if (why != NULL)
            return virTestFail("refused at line %u: %s", line, why);
        return 0;
    }
    if (why == NULL)
        return virTestFail("'%s' was accepted", c->text);
    if (strstr(why, c->error) == NULL)
        return virTestFail("got '%s', expected '%s'", why, c->error);
    return virTestExpectInt("line", (int)line, (int)c->line);
}

/* Each "+=" reads the text before it again: past 64 of them the text is
 * refused, so the check stays linear in its length. */
static int
testAppendBound(const void *data)
{
    char text[65 * 8 + 1];
    unsigned int line = 0;
    const char *why;
    size_t i;

    (void)data;
    for (i = 0; i < 65; i++)
        memcpy(text + 8 * i, "a += 1\n\n", 8);
    text[65 * 8] = '\0';
    if ((why = xenConfigCheckSyntax(text, 64 * 8, &line)) != NULL)
        return virTestFail("64 '+=' refused: %s", why);
    if ((why = xenConfigCheckSyntax(text, 65 * 8, &line)) == NULL)
        return virTestFail("65 '+=' accepted");
    if (strstr(why, "more than 64") == NULL)
        return virTestFail("got '%s'", why);
    return virTestExpectInt("line", (int)line, 129);
}

/* The 13-byte file that made libxlutil's lexer abort the process: a NUL
 * inside a quoted string.  It is refused before libxlutil sees it. */
static int
testNulByte(const void *data)
{
    static const char text[] = "name = \"a\0b\"\n";
    xenConfig *cfg = xenConfigParse(text, sizeof(text) - 1, "nul.cfg");

    (void)data;
    if (cfg != NULL) {
        xenConfigFree(cfg);
        return virTestFail("a NUL byte was accepted");
    }
    return virTestExpectError(VIR_ERR_CONFIG_INVALID, "contains a NUL byte");
}

/* A vif key given twice keeps its last value (as xl does) and the first
 * one is freed (valgrind checks). */
static int
testVifRepeatedKeys(const void *data)
{
    static const char text[] =
        "name = \"x\"\nvif = [\"bridge=a,bridge=b,script=s,script=t,"
        "ip=1.2.3.4,ip=5.6.7.8\"]\n";
    xenConfig *cfg = xenConfigParse(text, sizeof(text) - 1, "vif.cfg");
    int ret = -1;

    (void)data;
    if (cfg == NULL)
        return virTestFail("not parsed: %s", virGetLastError()->message);
    if (virTestExpectInt("nets", (int)cfg->def->nnets, 1) == 0 &&
        virTestExpectStr("bridge", cfg->def->nets[0].bridge, "b") == 0 &&
        virTestExpectStr("script", cfg->def->nets[0].script, "t") == 0 &&
        virTestExpectStr("ip", cfg->def->nets[0].ip, "5.6.7.8") == 0)
        ret = 0;
    xenConfigFree(cfg);
    return ret;
}

typedef struct _badWriteCase badWriteCase;

struct _badWriteCase {
    const char *title;
    const char *xml;
    const char *message;
};

/* A definition xl cannot hold is refused, and the file it would have
 * replaced stays as it was, with no temporary file left behind. */
static int
testBadWrite(const void *data)
{
    const badWriteCase *c = data;
    char dir[] = "/tmp/xenconfigtest.XXXXXX";
    xenPriv priv;
    xenConfig cfg = {.def = NULL};
    xenConfig good = {.def = NULL};
    char path[128];
    char *before = NULL;
    char *after = NULL;
    struct dirent *ent;
    DIR *d;
    int files = 0;
    int ret = -1;

    memset(&priv, 0, sizeof(priv));
    if (mkdtemp(dir) == NULL)
        return virTestFail("mkdtemp: %s", strerror(errno));
    priv.confdir = dir;
    snprintf(path, sizeof(path), "%s/bad.cfg", dir);
    if ((cfg.def = virDomainDefParseString(c->xml)) == NULL ||
        (good.def = virDomainDefCopy(cfg.def)) == NULL) {
        virTestFail("cannot parse the case's XML");
        goto cleanup;
    }
    /* The good version of the same domain, already on disk. */
    good.def->memory = good.def->maxmem = 65536;
    free(good.def->cmdline);
    good.def->cmdline = NULL;
    if (xenDefinedWrite(&priv, &good) < 0 ||
        (before = virTestLoadFile(path)) == NULL) {
        virTestFail("cannot write the good config");
        goto cleanup;
    }
    if (xenDefinedWrite(&priv, &cfg) == 0) {
        virTestFail("the bad definition was written");
        goto cleanup;
    }
    if (virTestExpectError(VIR_ERR_CONFIG_INVALID, c->message) < 0 ||
        (after = virTestLoadFile(path)) == NULL ||
        virTestExpectStr("file after the refusal", after, before) < 0)
        goto cleanup;
    if ((d = opendir(dir)) != NULL) {
        while ((ent = readdir(d)) != NULL)
            files += ent->d_name[0] != '.' || strlen(ent->d_name) > 2;
        closedir(d);
    }
    ret = virTestExpectInt("files in the directory", files, 1);

cleanup:
    unlink(path);
    rmdir(dir);
    virDomainDefFree(cfg.def);
    virDomainDefFree(good.def);
    free(before);
    free(after);
    return ret;
}

#define DOMXML(extra)                     \
    "<domain type='xen'><name>bad</name>" \
    "<uuid>11111111-2222-4333-8444-555555555555</uuid>" extra "</domain>"

static const badConfigCase badConfigs[] = {
    /* Found by fuzz_xl_config: control characters in a disk spec make
     * libxlutil's disk scanner jam, and it calls exit(). */
    {"xlconfig_parse_disk_control_character_fails_without_exit",
     "name = \"e\"\ndisk = [ \"format=, vdev=ers, o\\at=\\nbr2\" ]\n",
     "disk item 0 has a control character"},
    {"xlconfig_parse_disk_tab_fails",
     "name = \"e\"\ndisk = [ \"format=raw,\\tvdev=xvda, target=/x\" ]\n",
     "disk item 0 has a control character"},
    {"xlconfig_parse_syntax_error_fails", "name = \"x\"\nmemory = = 3\n",
     "bad.cfg:2"},
    {"xlconfig_parse_no_name_fails", "memory = 128\n", "'name' must be set"},
    {"xlconfig_parse_name_slash_fails", "name = \"a/b\"\n", "without '/'"},
    {"xlconfig_parse_bad_uuid_fails", "name = \"x\"\nuuid = \"zz\"\n",
     "uuid 'zz' is not a UUID"},
    {"xlconfig_parse_bad_type_fails", "name = \"x\"\ntype = \"kvm\"\n",
     "type 'kvm' is not one of pv, pvh, hvm"},
    {"xlconfig_parse_memory_above_maxmem_fails",
     "name = \"x\"\nmemory = 256\nmaxmem = 128\n",
     "memory 256 MiB is above maxmem 128 MiB"},
    {"xlconfig_parse_memory_zero_fails", "name = \"x\"\nmemory = 0\n",
     "'memory' must be a number from 1"},
    {"xlconfig_parse_memory_string_fails", "name = \"x\"\nmemory = \"lots\"\n",
     "'memory' must be a number"},
    {"xlconfig_parse_vcpus_above_max_fails",
     "name = \"x\"\nvcpus = 4\nmaxvcpus = 2\n", "vcpus 4 is above maxvcpus 2"},
    {"xlconfig_parse_pin_beyond_vcpus_fails",
     "name = \"x\"\nvcpus = 1\ncpus = [\"0\", \"1\"]\n",
     "'cpus' pins vcpu 1 but the domain has 1"},
    {"xlconfig_parse_coredump_action_fails",
     "name = \"x\"\non_crash = \"coredump-destroy\"\n",
     "on_crash 'coredump-destroy' has no domain XML form"},
    {"xlconfig_parse_bad_mac_fails",
     "name = \"x\"\nvif = [\"mac=00:16:3e:zz:00:01\"]\n",
     "bad MAC address '00:16:3e:zz:00:01'"},
    {"xlconfig_parse_vif_not_key_value_fails",
     "name = \"x\"\nvif = [\"xenbr0\"]\n", "'xenbr0' is not key=value"},
    {"xlconfig_parse_name_list_fails", "name = [\"x\"]\n",
     "'name' must be a string"},
};

/* A cpuid setting libxl refuses is reported when the domain is built. */
static int
testBadCpuid(const void *data)
{
    xenConfig *cfg = xenConfigParse(data, strlen(data), "cpuid.cfg");
    libxl_domain_config dc;
    int ret;

    if (cfg == NULL)
        return virTestFail("the config does not parse");
    libxl_domain_config_init(&dc);
    ret = xenDomcfgFromConfig(cfg, &dc) == 0
              ? virTestFail("a bad cpuid was accepted")
              : virTestExpectError(VIR_ERR_CONFIG_INVALID,
                                   "'nosuchflag=0' is not understood");
    libxl_domain_config_dispose(&dc);
    xenConfigFree(cfg);
    return ret;
}

/* An image file is served by blkback through Xen's block script (a
 * loop device), not by QEMU, which dom0 may not have; a block device is
 * left to libxl, which gives it to blkback as it is. */
static int
testDiskBackend(const void *data)
{
    virDomainDiskDef file = {.type = VIR_DOMAIN_DISK_TYPE_FILE,
                             .source = (char *)"/var/lib/xen/a.img",
                             .target = (char *)"xvda"};
    virDomainDiskDef block = {.type = VIR_DOMAIN_DISK_TYPE_BLOCK,
                              .source = (char *)"/dev/loop3",
                              .target = (char *)"xvdb"};
    libxl_device_disk a;
    libxl_device_disk b;
    int ret = -1;

    (void)data;
    libxl_device_disk_init(&a);
    libxl_device_disk_init(&b);
    if (xenDomcfgDiskFromDef(&file, &a) < 0 ||
        xenDomcfgDiskFromDef(&block, &b) < 0) {
        virTestFail("the disks do not convert");
        goto cleanup;
    }
    if (a.script == NULL || strcmp(a.script, "block") != 0) {
        virTestFail("image file: script '%s', expected 'block'",
                    a.script != NULL ? a.script : "(none)");
        goto cleanup;
    }
    if (b.script != NULL) {
        virTestFail("block device: script '%s', expected none", b.script);
        goto cleanup;
    }
    if (strcmp(a.pdev_path, file.source) != 0 ||
        strcmp(b.pdev_path, block.source) != 0) {
        virTestFail("the source paths changed");
        goto cleanup;
    }
    ret = 0;

cleanup:
    libxl_device_disk_dispose(&a);
    libxl_device_disk_dispose(&b);
    return ret;
}

static const badWriteCase badWrites[] = {
    {"xlconfig_write_memory_not_mib_fails_unchanged",
     DOMXML("<memory>65537</memory>"),
     "memory 65537 KiB is not a whole number of MiB"},
    {"xlconfig_write_quote_in_cmdline_fails_unchanged",
     DOMXML("<os><cmdline>a=\"b\"</cmdline></os><memory>65536</memory>"),
     "cmdline 'a=\"b\"' cannot be written"},
};

static int
mymain(void)
{
    static const char *const fixtures[] = {"pv-full", "pvh", "hvm-minimal"};
    static const char *const xmls[] = {"domainconfdata/full.xml",
                                       "xenconfigdata/pvh-guest.xml"};
    int ret = 0;
    size_t i;
    char title[80];

    for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
        snprintf(title, sizeof(title),
                 "xlconfig_fixture_%s_reads_and_round_trips", fixtures[i]);
        if (virTestRun(title, testConfigFixture, fixtures[i]) < 0)
            ret = -1;
    }
    for (i = 0; i < sizeof(xmls) / sizeof(xmls[0]); i++) {
        snprintf(title, sizeof(title), "xlconfig_xml_round_trip_%zu", i);
        if (virTestRun(title, testXMLRoundTrip, xmls[i]) < 0)
            ret = -1;
    }
    for (i = 0; i < sizeof(badConfigs) / sizeof(badConfigs[0]); i++) {
        if (virTestRun(badConfigs[i].title, testBadConfig, &badConfigs[i]) < 0)
            ret = -1;
    }
    for (i = 0; i < sizeof(syntaxCases) / sizeof(syntaxCases[0]); i++)
        if (virTestRun(syntaxCases[i].title, testSyntax, &syntaxCases[i]) < 0)
            ret = -1;
    if (virTestRun("xlsyntax_check_more_than_64_appends_refused",
                   testAppendBound, NULL) < 0)
        ret = -1;
    if (virTestRun("xlconfig_parse_nul_byte_fails_without_abort", testNulByte,
                   NULL) < 0)
        ret = -1;
    if (virTestRun("xlconfig_parse_vif_repeated_key_keeps_last",
                   testVifRepeatedKeys, NULL) < 0)
        ret = -1;
    if (virTestRun("xlconfig_build_bad_cpuid_fails", testBadCpuid,
                   "name = \"x\"\ncpuid = \"host,nosuchflag=0\"\n") < 0)
        ret = -1;
    if (virTestRun("xlconfig_image_file_disk_uses_block_script",
                   testDiskBackend, NULL) < 0)
        ret = -1;
    for (i = 0; i < sizeof(badWrites) / sizeof(badWrites[0]); i++) {
        if (virTestRun(badWrites[i].title, testBadWrite, &badWrites[i]) < 0)
            ret = -1;
    }
    return ret;
}

VIR_TEST_MAIN(mymain)
