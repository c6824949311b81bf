/*
 * fuzz_xenstore.c: libFuzzer target for what the Xen driver takes from
 * xenstore values (lib/xen/xen_domain_read.c): a domain's name, and the
 * KiB counts under memory/ (static-max, target).  Any process of dom0
 * with write access to a guest's nodes, or the guest itself for some,
 * chooses those bytes.  xenstubs.c answers every read with the input.
 *
 * Properties:
 * - a KiB count is taken exactly when the value is decimal digits alone
 *   for a number from 1 to ULONG_MAX, else the caller's fallback;
 * - a name is the value up to its first NUL, read once and then served
 *   from the cache until a watch flushes it; and the name, as a domain's,
 *   is written as well-formed XML that carries it unchanged, or refused
 *   by the writer (never written as XML that cannot be read).
 */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "domain_conf.h"
#include "error.h"
#include "xen/xen_domain_read.h"
#include "xenstubs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_FALLBACK_KIB 4242UL

/* Whether @text is the decimal form of a count from 1 to ULONG_MAX. */
static bool
fuzzIsKiB(const char *text, unsigned long *value)
{
    const char *p;
    char *end = NULL;
    unsigned long long v;

    if (*text == '\0')
        return false;
    for (p = text; *p != '\0'; p++) {
        if (*p < '0' || *p > '9')
            return false;
    }
    errno = 0;
    v = strtoull(text, &end, 10);
    if (errno != 0 || v == 0 || v > ULONG_MAX)
        return false;
    *value = (unsigned long)v;
    return true;
}

static void
fuzzCheckKiB(xenPriv *priv, const xenDomInfo *info, const char *text)
{
    unsigned long want = FUZZ_FALLBACK_KIB;
    unsigned long got;

    fuzzIsKiB(text, &want);
    got = xenDomStoreKiB(priv, info, "memory/static-max", FUZZ_FALLBACK_KIB);
    if (got != want)
        abort();
}

/* The <name> element of the XML document @xml, or NULL when @xml is not
 * well-formed or has none (caller frees with xmlFree). */
static xmlChar *
fuzzXMLName(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "fuzz.xml", NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR |
                                      XML_PARSE_NOWARNING);
    xmlNodePtr cur;
    xmlChar *text = NULL;

    if (doc == NULL)
        return NULL;
    for (cur = xmlDocGetRootElement(doc)->children; cur != NULL;
         cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE &&
            xmlStrEqual(cur->name, BAD_CAST "name")) {
            text = xmlNodeGetContent(cur);
            break;
        }
    }
    xmlFreeDoc(doc);
    return text;
}

/* @name as the name of a domain is written as well-formed XML that
 * carries it unchanged, or refused by the writer.  (Whether the domain
 * parser then accepts the name is its own rule: no '/', no control
 * character, at most VIR_DOMAIN_NAME_MAX bytes.) */
static void
fuzzCheckNameXML(const char *name)
{
    virDomainDef *def = NULL;
    xmlChar *again = NULL;
    char *xml = NULL;

    if ((def = calloc(1, sizeof(*def))) == NULL ||
        (def->name = strdup(name)) == NULL ||
        (def->ostype = strdup("linux")) == NULL)
        abort();
    def->memory = def->maxmem = 1024;
    def->vcpus = def->maxvcpus = 1;
    if ((xml = virDomainDefFormat(def, 0)) != NULL) {
        if ((again = fuzzXMLName(xml)) == NULL ||
            strcmp((const char *)again, name) != 0)
            abort();
    }
    xmlFree(again);
    virDomainDefFree(def);
    free(xml);
}

static void
fuzzCheckName(xenPriv *priv, const xenDomInfo *info, const char *text)
{
    unsigned long reads = xenStubReads();
    const char *name = xenDomName(priv, info);

    if (name == NULL || strcmp(name, text) != 0 || xenStubReads() != reads + 1)
        abort();
    if (xenDomName(priv, info) != name || xenStubReads() != reads + 1)
        abort();
    xenNameCacheFlush(priv);
    if (*text != '\0')
        fuzzCheckNameXML(text);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xenPriv *priv = xenStubPriv();
    xenDomInfo info;
    char *text;

    /* xenstored refuses values over 4 KiB (XENSTORE_PAYLOAD_MAX). */
    if (size > 4096)
        return 0;
    if ((text = malloc(size + 1)) == NULL)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    memset(&info, 0, sizeof(info));
    info.domid = 7;
    info.maxKiB = FUZZ_FALLBACK_KIB;
    xenStubSetValue(data, size);

    fuzzCheckKiB(priv, &info, text);
    fuzzCheckName(priv, &info, text);
    virResetLastError();
    free(text);
    return 0;
}
