/*
 * fuzz_domain_xml.c: libFuzzer target for the domain XML parser and
 * writer (lib/domain_conf.c).
 *
 * Properties: the parser never crashes or leaks, whatever the input; and
 * what it accepts survives a round trip: format -> parse gives an equal
 * definition, which formats to the same text again.  A deep copy is
 * equal too.  Any broken property abort()s so that libFuzzer keeps the
 * input.
 */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain_conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *xml = NULL;
    virDomainDef *def = NULL;
    virDomainDef *again = NULL;
    virDomainDef *copy = NULL;
    char *out = NULL;
    char *out2 = NULL;

    /* The parser takes a C string: an embedded NUL ends the document. */
    if ((xml = malloc(size + 1)) == NULL)
        return 0;
    memcpy(xml, data, size);
    xml[size] = '\0';

    if ((def = virDomainDefParseString(xml)) == NULL)
        goto cleanup;
    if ((out = virDomainDefFormat(def, def->id)) == NULL)
        abort();
    if ((again = virDomainDefParseString(out)) == NULL)
        abort();
    if (!virDomainDefEqual(def, again) || !virDomainDefEqual(again, def))
        abort();
    if ((out2 = virDomainDefFormat(again, again->id)) == NULL ||
        strcmp(out, out2) != 0)
        abort();
    if ((copy = virDomainDefCopy(def)) == NULL || !virDomainDefEqual(def, copy))
        abort();

cleanup:
    virDomainDefFree(def);
    virDomainDefFree(again);
    virDomainDefFree(copy);
    free(out);
    free(out2);
    free(xml);
    return 0;
}
