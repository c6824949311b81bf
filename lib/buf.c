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

/* Its one failure, out of memory, is reported as the XML writers always
 * reported it. */
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

    for (p = str; *p != '\0'; p++) {
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
    if (buf->oom) {
        free(buf->data);
        buf->data = NULL;
        virReportOOMError();
        return NULL;
    }
    return buf->data;
}
