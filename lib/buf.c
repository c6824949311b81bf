/*
 * buf.c: a growing text buffer for the XML writers (see buf.h).
 */

#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"

/* Its failures, out of memory and a value XML cannot carry, are reported
 * as the XML writers always reported them. */
#define VIR_FROM_THIS VIR_FROM_DOM

static bool
virBufGrow(virBuf *buf, size_t more)
{
    size_t want;
    char *tmp;

    if (buf->oom)
        return false;
    if (buf->len + more + 1 <= buf->alloc)
        return true;
    want = buf->alloc > 0 ? buf->alloc : 1024;
    while (want < buf->len + more + 1)
        want *= 2;
    if ((tmp = realloc(buf->data, want)) == NULL) {
        buf->oom = true;
        return false;
    }
    buf->data = tmp;
    buf->alloc = want;
    return true;
}

void
virBufAddLen(virBuf *buf, const char *str, size_t len)
{
    if (!virBufGrow(buf, len))
        return;
    memcpy(buf->data + buf->len, str, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void
virBufAdd(virBuf *buf, const char *str)
{
    virBufAddLen(buf, str, strlen(str));
}

void
virBufPrintf(virBuf *buf, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        buf->oom = true;
        return;
    }
    if (!virBufGrow(buf, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
}

/* Length of the UTF-8 sequence at @p when it encodes a character XML 1.0
 * allows (its Char production: tab, newline, carriage return, U+0020 to
 * U+D7FF, U+E000 to U+FFFD, U+10000 to U+10FFFF), 0 otherwise.  A parser
 * refuses a document with any other byte sequence, so a value holding one
 * cannot be written (libxml2 would say "not proper UTF-8" or "invalid
 * character" on reading it back). */
static size_t
virBufXMLCharLen(const unsigned char *p)
{
    unsigned int c;
    size_t len;
    size_t i;

    if (p[0] < 0x80)
        return p[0] >= 0x20 || p[0] == '\t' || p[0] == '\n' || p[0] == '\r';
    if (p[0] >= 0xc2 && p[0] <= 0xdf) {
        len = 2;
        c = p[0] & 0x1f;
    } else if (p[0] >= 0xe0 && p[0] <= 0xef) {
        len = 3;
        c = p[0] & 0x0f;
    } else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        len = 4;
        c = p[0] & 0x07;
    } else {
        return 0;
    }
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80) /* also stops at the NUL */
            return 0;
        c = (c << 6) | (p[i] & 0x3f);
    }
    /* Overlong forms, surrogates, U+FFFE, U+FFFF and beyond U+10FFFF. */
    if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
        (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff ||
        c > 0x10ffff)
        return 0;
    return len;
}

/* Tab, newline and carriage return
 * become character references in attributes because a parser would turn
 * them into spaces; a carriage return does in text too (end-of-line
 * handling).  '>' is escaped so that "]]>" never appears. */
void
virBufEscape(virBuf *buf, const char *str, bool attr)
{
    const char *start = str;
    const char *p;
    const char *rep;
    size_t n;

    for (p = str; *p != '\0'; p++) {
        if ((n = virBufXMLCharLen((const unsigned char *)p)) == 0) {
            buf->unwritable = true;
            return;
        }
        if (n > 1) {
            p += n - 1;
            continue;
        }
        switch (*p) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '\r':
            rep = "&#13;";
            break;
        case '\'':
            rep = attr ? "&apos;" : NULL;
            break;
        case '"':
            rep = attr ? "&quot;" : NULL;
            break;
        case '\t':
            rep = attr ? "&#9;" : NULL;
            break;
        case '\n':
            rep = attr ? "&#10;" : NULL;
            break;
        default:
            rep = NULL;
            break;
        }
        if (rep == NULL)
            continue;
        virBufAddLen(buf, start, (size_t)(p - start));
        virBufAdd(buf, rep);
        start = p + 1;
    }
    virBufAddLen(buf, start, (size_t)(p - start));
}

void
virBufIndent(virBuf *buf, int level)
{
    static const char spaces[] = "                ";

    virBufAddLen(buf, spaces, (size_t)level * 2);
}

void
virBufElement(virBuf *buf, int level, const char *name, const char *text)
{
    virBufIndent(buf, level);
    virBufPrintf(buf, "<%s>", name);
    virBufEscape(buf, text, false);
    virBufPrintf(buf, "</%s>\n", name);
}

void
virBufAttr(virBuf *buf, const char *name, const char *value)
{
    virBufPrintf(buf, " %s='", name);
    virBufEscape(buf, value, true);
    virBufAdd(buf, "'");
}

char *
virBufFinish(virBuf *buf)
{
    if (buf->data == NULL && virBufGrow(buf, 0))
        buf->data[0] = '\0';
    if (buf->oom || buf->unwritable) {
        free(buf->data);
        buf->data = NULL;
        if (buf->oom)
            virReportOOMError();
        else
            virReportError(VIR_ERR_XML_ERROR, "%s",
                           "a value holds a control character or bytes "
                           "that are not UTF-8, which XML cannot carry");
        return NULL;
    }
    return buf->data;
}
