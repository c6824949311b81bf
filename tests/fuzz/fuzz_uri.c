/*
 * fuzz_uri.c: libFuzzer target for connection URI parsing.
 *
 * Properties: the parser never crashes, and what it accepts has a
 * lower-case scheme and an absolute path.
 */

#include <config.h>

#include <ctype.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "uri.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    virURI *uri = virURIParseBuffer((const char *)data, size);
    const char *p;

    if (uri == NULL)
        return 0;
    if (uri->scheme[0] == '\0' || uri->path[0] != '/')
        abort();
    for (p = uri->scheme; *p != '\0'; p++) {
        if (isupper((unsigned char)*p))
            abort();
    }
    virURIFree(uri);
    return 0;
}
