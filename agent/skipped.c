/*
 * skipped.c: the domains left out of the tables for their names (see
 * skipped.h).
 */

#include <config.h>

#include <stdio.h>
#include <string.h>

#include "skipped.h"

size_t
xsSkippedDiff(const xsSnapshot *prev, const xsSnapshot *next,
              xsSkippedFunc func, void *opaque)
{
    size_t np = prev != NULL ? prev->nskipped : 0;
    size_t nn = next != NULL ? next->nskipped : 0;
    size_t i = 0;
    size_t j;
    size_t n = 0;

    /* Both lists are sorted by name: one merge pass. */
    for (j = 0; j < nn; j++) {
        const xsSkippedDomain *q = &next->skipped[j];
        int c = 1;

        while (i < np && (c = xsNameCompare(prev->skipped[i].name,
                                            prev->skipped[i].namelen, q->name,
                                            q->namelen)) < 0)
            i++;
        if (i < np && c == 0 &&
            memcmp(prev->skipped[i].uuid, q->uuid, sizeof(q->uuid)) == 0)
            continue;
        if (func != NULL)
            func(opaque, q);
        n++;
    }
    return n;
}

/* Writes the first XS_SKIPPED_SHOWN octets of @name (@namelen) into
 * @out, which has room for 4 * XS_SKIPPED_SHOWN + 1: the report is a
 * log line, so a control octet must not end or forge one, and a quote
 * or backslash must not blur where the name ends. */
static void
xsSkippedShow(const char *name, size_t namelen, char *out)
{
    static const char hex[] = "0123456789abcdef";
    size_t n = namelen < XS_SKIPPED_SHOWN ? namelen : XS_SKIPPED_SHOWN;
    size_t i;
    size_t o = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)name[i];

        if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 0xf];
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
}

int
xsSkippedDescribe(const xsSkippedDomain *dom, char *buf, size_t len)
{
    char shown[4 * XS_SKIPPED_SHOWN + 1];
    char cut[32] = "";
    int n;

    xsSkippedShow(dom->name, dom->namelen, shown);
    if (dom->namelen > XS_SKIPPED_SHOWN) {
        n = snprintf(cut, sizeof(cut), " (the first %d shown)",
                     XS_SKIPPED_SHOWN);
        if (n < 0 || (size_t)n >= sizeof(cut))
            return -1;
    }
    n = snprintf(buf, len,
                 "domain \"%s%s\" (%s) has no row and is not counted in "
                 "xenNode: its name is %zu octets%s; xenDomName takes 1 "
                 "to %d",
                 shown, cut[0] != '\0' ? "..." : "", dom->uuidText,
                 dom->namelen, cut, XS_NAME_MAX);
    return n < 0 || (size_t)n >= len ? -1 : 0;
}
