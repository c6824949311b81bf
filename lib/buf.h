/*
 * buf.h: a growing text buffer, and the pieces of XML text written
 * through it (escaped values, indented elements, attributes).
 *
 * Appends after an allocation failure are no-ops, so that a writer
 * appends without checking each step; virBufFinish() reports the failure
 * once.  Start from an all-zero virBuf.
 */

#ifndef LIBVIR_BUF_H
#define LIBVIR_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct _virBuf virBuf;

struct _virBuf {
    char *data; /* NUL-terminated once anything was added */
    size_t len;
    size_t alloc;
    bool oom;
    bool unwritable; /* an escaped value held what XML cannot carry */
};

void virBufAddLen(virBuf *buf, const char *str, size_t len);
void virBufAdd(virBuf *buf, const char *str);
void virBufPrintf(virBuf *buf, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends @str escaped for element text (@attr false) or for a value
 * between single quotes (@attr true).  A value with a byte sequence that
 * is not a character of XML 1.0 (a control character other than tab,
 * newline and carriage return; bytes that are not UTF-8) is not written,
 * and makes virBufFinish() fail. */
void virBufEscape(virBuf *buf, const char *str, bool attr);

/* @level times two spaces; @level is at most 8. */
void virBufIndent(virBuf *buf, int level);

/* "<name>text</name>\n" at @level, the text escaped. */
void virBufElement(virBuf *buf, int level, const char *name, const char *text);

/* " name='value'", the value escaped. */
void virBufAttr(virBuf *buf, const char *name, const char *value);

/* Returns the text ("" when nothing was added), which the caller frees,
 * or NULL with VIR_ERR_NO_MEMORY reported when an append failed, or with
 * VIR_ERR_XML_ERROR when a value could not be written. */
char *virBufFinish(virBuf *buf) __attribute__((warn_unused_result));

#endif /* LIBVIR_BUF_H */
