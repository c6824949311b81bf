/*
 * xml.c: small libxml2 helpers (see xml.h).
 *
 * Nothing here calls a libxml2 function that could print: parsing runs
 * with the thread's libxml2 error handlers swapped for ones that capture
 * (and restored afterwards, so an application's own handlers survive),
 * and the getters read the tree directly instead of going through
 * xmlGetProp() or xmlNodeGetContent(), which would print on OOM and
 * expand entities.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>

#include "xml.h"
#include "error.h"
#include "file.h"
#include "number.h"

#define VIR_FROM_THIS VIR_FROM_XML

/* libxml2 2.12 made the structured handler take a const error. */
#if LIBXML_VERSION >= 21200
typedef const xmlError virXMLErrorArg;
#else
typedef xmlError virXMLErrorArg;
#endif

/* Longest file virXMLParseFile() reads: far above any node file with
 * thousands of domains, far below what would hurt the host. */
#define VIR_XML_FILE_MAX (256UL * 1024 * 1024)

/* The first error libxml2 raised during one parse.  The first one is the
 * cause; later ones are usually its consequences. */
typedef struct _virXMLCapture virXMLCapture;

struct _virXMLCapture {
    bool set;
    bool oom;
    int line;
    char msg[512];
};

long
virXMLNodeLine(const xmlNode *node)
{
    long line;

    while (node != NULL) {
        if (node->type != XML_ATTRIBUTE_NODE) {
            line = xmlGetLineNo(node);
            if (line > 0)
                return line;
        }
        node = node->parent;
    }
    return 0;
}

bool
virXMLNodeIs(const xmlNode *node, const char *name)
{
    return node != NULL && node->type == XML_ELEMENT_NODE && node->ns == NULL &&
           xmlStrEqual(node->name, BAD_CAST name);
}

/* The label virXMLParseString() stored in the document, or "XML". */
static const char *
virXMLDocLabel(const xmlNode *node)
{
    if (node != NULL && node->doc != NULL && node->doc->_private != NULL)
        return node->doc->_private;
    return "XML";
}

/* Writes the location prefix described in xml.h into @buf. */
static void
virXMLFormatLocation(char *buf, size_t buflen, const char *source,
                     const char *label, long line)
{
    if (source != NULL && line > 0)
        snprintf(buf, buflen, "%s:%ld: ", source, line);
    else if (source != NULL)
        snprintf(buf, buflen, "%s: ", source);
    else if (line > 0)
        snprintf(buf, buflen, "%s line %ld: ", label, line);
    else
        snprintf(buf, buflen, "%s: ", label);
}

void
virXMLReportErrorFull(int from, int code, const xmlNode *node,
                      const char *source, const char *file, const char *func,
                      int line, const char *fmt, ...)
{
    char where[VIR_ERROR_MESSAGE_MAX];
    char msg[VIR_ERROR_MESSAGE_MAX];
    va_list ap;

    virXMLFormatLocation(where, sizeof(where), source, virXMLDocLabel(node),
                         virXMLNodeLine(node));
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    virReportErrorFull(from, code, file, func, line, "%s%s", where, msg);
}

/* ---- parsing --------------------------------------------------------- */

static void
virXMLCaptureStructured(void *opaque, virXMLErrorArg *err)
{
    virXMLCapture *cap = opaque;
    size_t len;

    if (err == NULL || err->level < XML_ERR_ERROR || cap->set)
        return;
    cap->set = true;
    cap->oom = err->code == XML_ERR_NO_MEMORY;
    cap->line = err->line;
    snprintf(cap->msg, sizeof(cap->msg), "%s",
             err->message != NULL ? err->message : "unknown XML error");
    /* libxml2 ends its messages with a newline. */
    len = strlen(cap->msg);
    while (len > 0 && (cap->msg[len - 1] == '\n' || cap->msg[len - 1] == ' '))
        cap->msg[--len] = '\0';
}

/* Generic (unstructured) messages are only printed by libxml2 when no
 * structured handler is set; swallowing them keeps that promise even
 * for the few paths that bypass the structured one. */
static void
virXMLIgnoreGeneric(void *opaque, const char *fmt, ...)
{
    (void)opaque;
    (void)fmt;
}

/* Reports what libxml2 complained about first, or that it failed
 * without saying why. */
static void
virXMLReportCapture(const virXMLCapture *cap, const char *source,
                    const char *label)
{
    char where[VIR_ERROR_MESSAGE_MAX];

    if (cap->oom) {
        virReportOOMError();
        return;
    }
    virXMLFormatLocation(where, sizeof(where), source, label, cap->line);
    virReportError(VIR_ERR_XML_ERROR, "%s%s", where,
                   cap->set ? cap->msg : "cannot parse the document");
}

/* The parser options: see the top of xml.h.  XML_PARSE_NOENT,
 * XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR and XML_PARSE_XINCLUDE are left
 * out on purpose; XML_PARSE_BIG_LINES keeps line numbers right past
 * line 65535 of a big node file. */
#define VIR_XML_PARSE_OPTIONS                                    \
    (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | \
     XML_PARSE_BIG_LINES)

/* The thread's libxml2 error handlers, saved while ours capture. */
typedef struct _virXMLHandlers virXMLHandlers;

struct _virXMLHandlers {
    xmlGenericErrorFunc generic;
    void *genericCtx;
    xmlStructuredErrorFunc structured;
    void *structuredCtx;
};

static void
virXMLCaptureBegin(virXMLHandlers *saved, virXMLCapture *cap)
{
    saved->generic = xmlGenericError;
    saved->genericCtx = xmlGenericErrorContext;
    saved->structured = xmlStructuredError;
    saved->structuredCtx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(NULL, virXMLIgnoreGeneric);
    xmlSetStructuredErrorFunc(cap, virXMLCaptureStructured);
}

static void
virXMLCaptureEnd(const virXMLHandlers *saved)
{
    xmlSetStructuredErrorFunc(saved->structuredCtx, saved->structured);
    xmlSetGenericErrorFunc(saved->genericCtx, saved->generic);
}

/* Refuses what libxml2 would not report well: no buffer, an empty one
 * (no document and no error) or one too long for its int length. */
static int
virXMLCheckInput(const char *buf, size_t len, const char *source,
                 const char *label)
{
    char where[VIR_ERROR_MESSAGE_MAX];

    if (buf == NULL) {
        virReportError(VIR_ERR_INVALID_ARG, "no %s given",
                       source != NULL ? source : label);
        return -1;
    }
    if (len == 0) {
        virXMLFormatLocation(where, sizeof(where), source, label, 0);
        virReportError(VIR_ERR_XML_ERROR, "%sthe document is empty", where);
        return -1;
    }
    if (len > INT_MAX) {
        virXMLFormatLocation(where, sizeof(where), source, label, 0);
        virReportError(VIR_ERR_XML_ERROR,
                       "%sdocument of %zu bytes is too "
                       "large",
                       where, len);
        return -1;
    }
    return 0;
}

/* Parses @buf; messages start with "SOURCE:LINE: " when @source is set,
 * else "LABEL line LINE: ". */
static xmlDocPtr
virXMLParseInternal(const char *buf, size_t len, const char *source,
                    const char *label)
{
    virXMLCapture cap = {.set = false};
    virXMLHandlers saved;
    xmlDocPtr doc = NULL;
    char where[VIR_ERROR_MESSAGE_MAX];

    if (label == NULL)
        label = "XML";
    if (virXMLCheckInput(buf, len, source, label) < 0)
        return NULL;

    xmlInitParser();
    virXMLCaptureBegin(&saved, &cap);
    doc = xmlReadMemory(buf, (int)len, NULL, NULL, VIR_XML_PARSE_OPTIONS);
    virXMLCaptureEnd(&saved);

    /* Namespace errors leave a document behind: refuse it all the same. */
    if (cap.set || doc == NULL) {
        virXMLReportCapture(&cap, source, label);
        goto error;
    }
    if (doc->intSubset != NULL || doc->extSubset != NULL) {
        virXMLFormatLocation(where, sizeof(where), source, label, 0);
        virReportError(VIR_ERR_XML_ERROR,
                       "%sDOCTYPE declarations are not allowed", where);
        goto error;
    }
    if (xmlDocGetRootElement(doc) == NULL) {
        virXMLFormatLocation(where, sizeof(where), source, label, 0);
        virReportError(VIR_ERR_XML_ERROR, "%sthe document has no element",
                       where);
        goto error;
    }
    if (source == NULL)
        doc->_private = (void *)label;
    return doc;

error:
    xmlFreeDoc(doc);
    return NULL;
}

void
virXMLInitialize(void)
{
    xmlInitParser();
}

xmlDocPtr
virXMLParseString(const char *buf, size_t len, const char *label)
{
    return virXMLParseInternal(buf, len, NULL, label);
}

xmlDocPtr
virXMLParseBuffer(const char *buf, size_t len, const char *source)
{
    return virXMLParseInternal(buf, len, source != NULL ? source : "XML", NULL);
}

int
virXMLReadFile(const char *path, char **buf, size_t *len)
{
    return virFileReadAll(path, VIR_XML_FILE_MAX, VIR_ERR_XML_ERROR, buf, len);
}

xmlDocPtr
virXMLParseFile(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    xmlDocPtr doc = NULL;

    if (virXMLReadFile(path, &buf, &len) == 0)
        doc = virXMLParseInternal(buf, len, path, NULL);
    free(buf);
    return doc;
}

/* ---- reading one child of the root at a time ------------------------ */

struct _virXMLReader {
    xmlTextReaderPtr reader;
    const char *buf; /* the document, the caller's */
    size_t len;
    const char *source; /* as for virXMLParseInternal() */
    const char *label;  /* never NULL */
    virXMLCapture cap;  /* libxml2's first complaint */
    bool failed;        /* reported: every later call fails at once */
    bool doctype;       /* refused at the end, as a whole parse does */
    bool inChild;       /* on a child of the root: skip its subtree */
    xmlDocPtr kept;     /* copy of the root and of the kept children */
};

virXMLReader *
virXMLReaderNew(const char *buf, size_t len, const char *source,
                const char *label)
{
    virXMLReader *r = NULL;
    virXMLHandlers saved;

    if (label == NULL)
        label = "XML";
    if (virXMLCheckInput(buf, len, source, label) < 0)
        return NULL;
    if ((r = calloc(1, sizeof(*r))) == NULL) {
        virReportOOMError();
        return NULL;
    }
    r->buf = buf;
    r->len = len;
    r->source = source;
    r->label = label;

    xmlInitParser();
    virXMLCaptureBegin(&saved, &r->cap);
    r->reader =
        xmlReaderForMemory(buf, (int)len, NULL, NULL, VIR_XML_PARSE_OPTIONS);
    virXMLCaptureEnd(&saved);
    if (r->reader == NULL) {
        r->cap.oom = !r->cap.set;
        virXMLReportCapture(&r->cap, source, label);
        virXMLReaderFree(r);
        return NULL;
    }
    return r;
}

void
virXMLReaderFree(virXMLReader *reader)
{
    if (reader == NULL)
        return;
    xmlFreeTextReader(reader->reader);
    xmlFreeDoc(reader->kept);
    free(reader);
}

/* Reports why the document is refused.  The reader runs libxml2's push
 * parser, which words some errors unlike a whole parse (a truncated
 * document is "Extra content at the end of the document"), so the
 * document is parsed whole again to report what virXMLParseString()
 * would: only a refused document pays for its tree. */
static void
virXMLReaderFail(virXMLReader *r)
{
    xmlDocPtr doc = NULL;

    r->failed = true;
    if (!r->cap.oom) {
        if ((doc = virXMLParseInternal(r->buf, r->len, r->source, r->label)) ==
            NULL)
            return;
        /* Accepted whole: say what the reader found. */
        xmlFreeDoc(doc);
    }
    virXMLReportCapture(&r->cap, r->source, r->label);
}

/* One call of @step on @r's reader, with libxml2's complaints captured
 * and reported.  Returns what @step returns, or -1 once reported. */
static int
virXMLReaderStep(virXMLReader *r, int (*step)(xmlTextReaderPtr))
{
    virXMLHandlers saved;
    int rc;

    if (r->failed)
        return -1;
    virXMLCaptureBegin(&saved, &r->cap);
    rc = step(r->reader);
    virXMLCaptureEnd(&saved);
    /* Namespace errors let the reader go on: refuse them all the same. */
    if (rc < 0 || r->cap.set) {
        virXMLReaderFail(r);
        return -1;
    }
    return rc;
}

/* The end of the document: what a whole parse would refuse now that the
 * document is known to be well-formed. */
static int
virXMLReaderEnd(virXMLReader *r)
{
    char where[VIR_ERROR_MESSAGE_MAX];
    const char *why = NULL;

    if (r->doctype)
        why = "DOCTYPE declarations are not allowed";
    else if (r->kept == NULL)
        why = "the document has no element";
    if (why == NULL)
        return 0;
    virXMLFormatLocation(where, sizeof(where), r->source, r->label, 0);
    virReportError(VIR_ERR_XML_ERROR, "%s%s", where, why);
    r->failed = true;
    return -1;
}

/* Starts the kept tree with a copy of the root @node (attributes, no
 * children). */
static int
virXMLReaderKeepRoot(virXMLReader *r, xmlNodePtr node)
{
    xmlNodePtr root = NULL;

    if ((r->kept = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
        (root = xmlDocCopyNode(node, r->kept, 2)) == NULL) {
        virReportOOMError();
        r->failed = true;
        return -1;
    }
    xmlDocSetRootElement(r->kept, root);
    if (r->source == NULL)
        r->kept->_private = (void *)r->label;
    return 0;
}

int
virXMLReaderNext(virXMLReader *reader, xmlNodePtr *node)
{
    int rc;

    /* Next skips the rest of the current child, expanded or not; the
     * reader frees it on the way. */
    rc = virXMLReaderStep(reader, reader->inChild ? xmlTextReaderNext
                                                  : xmlTextReaderRead);
    for (; rc > 0; rc = virXMLReaderStep(reader, xmlTextReaderRead)) {
        int type = xmlTextReaderNodeType(reader->reader);
        int depth = xmlTextReaderDepth(reader->reader);

        if (type == XML_READER_TYPE_DOCUMENT_TYPE)
            reader->doctype = true;
        if (type != XML_READER_TYPE_ELEMENT || depth > 1)
            continue;
        *node = xmlTextReaderCurrentNode(reader->reader);
        if (depth == 0 && virXMLReaderKeepRoot(reader, *node) < 0)
            return -1;
        reader->inChild = depth == 1;
        return 1;
    }
    if (rc == 0)
        return virXMLReaderEnd(reader);
    return -1;
}

static int
virXMLReaderExpandStep(xmlTextReaderPtr reader)
{
    return xmlTextReaderExpand(reader) != NULL ? 1 : -1;
}

int
virXMLReaderExpand(virXMLReader *reader)
{
    if (!reader->inChild) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "virXMLReaderExpand: not on a child of the root");
        return -1;
    }
    return virXMLReaderStep(reader, virXMLReaderExpandStep) < 0 ? -1 : 0;
}

/* xmlDocCopyNode() copies the line of an element but not that of a text
 * node, which is where XML_PARSE_BIG_LINES keeps lines past 65535. */
static void
virXMLCopyLines(const xmlNode *from, xmlNode *to)
{
    const xmlNode *fc;
    xmlNode *tc;

    to->line = from->line;
    if (from->type == XML_TEXT_NODE)
        to->psvi = from->psvi;
    if (from->type != XML_ELEMENT_NODE)
        return;
    for (fc = from->children, tc = to->children; fc != NULL && tc != NULL;
         fc = fc->next, tc = tc->next)
        virXMLCopyLines(fc, tc);
}

int
virXMLReaderKeep(virXMLReader *reader)
{
    xmlNodePtr root = virXMLReaderKept(reader);
    xmlNodePtr node;
    xmlNodePtr after;
    xmlNodePtr copy = NULL;
    xmlNodePtr text = NULL;

    if (virXMLReaderExpand(reader) < 0)
        return -1;
    node = xmlTextReaderCurrentNode(reader->reader);
    /* Past line 65535, libxml2 takes the line of an element from its
     * first child or, when it has none, from the text that follows it;
     * expanding reads on until the element has a successor, so that
     * text is there to keep too. */
    after = node->next;
    if (after != NULL && after->type != XML_TEXT_NODE)
        after = NULL;
    if ((copy = xmlDocCopyNode(node, reader->kept, 1)) == NULL ||
        (after != NULL &&
         (text = xmlDocCopyNode(after, reader->kept, 1)) == NULL)) {
        xmlFreeNode(copy);
        virReportOOMError();
        reader->failed = true;
        return -1;
    }
    virXMLCopyLines(node, copy);
    xmlAddChild(root, copy);
    if (text != NULL) {
        virXMLCopyLines(after, text);
        xmlAddChild(root, text);
    }
    return 0;
}

xmlNodePtr
virXMLReaderKept(const virXMLReader *reader)
{
    return reader->kept != NULL ? xmlDocGetRootElement(reader->kept) : NULL;
}

/* ---- getters --------------------------------------------------------- */

/* Appends @add to the growing string *@buf of length *@len. */
static int
virXMLAppend(char **buf, size_t *len, const xmlChar *add)
{
    size_t addlen = add != NULL ? strlen((const char *)add) : 0;
    char *tmp;

    if ((tmp = realloc(*buf, *len + addlen + 1)) == NULL) {
        virReportOOMError();
        return -1;
    }
    memcpy(tmp + *len, add != NULL ? (const char *)add : "", addlen);
    *len += addlen;
    tmp[*len] = '\0';
    *buf = tmp;
    return 0;
}

/* Concatenates the text and CDATA nodes of the list @first; @owner is the
 * element or attribute they belong to, for messages. */
static int
virXMLListText(const xmlNode *first, const xmlNode *owner, const char *source,
               char **value)
{
    const xmlNode *cur;
    char *buf = NULL;
    size_t len = 0;

    if (virXMLAppend(&buf, &len, NULL) < 0)
        return -1;
    for (cur = first; cur != NULL; cur = cur->next) {
        switch (cur->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
            if (virXMLAppend(&buf, &len, cur->content) < 0)
                goto error;
            break;
        case XML_COMMENT_NODE:
        case XML_PI_NODE:
            break;
        case XML_ELEMENT_NODE:
            virXMLReportError(VIR_ERR_XML_ERROR, cur, source,
                              "<%s> must hold text only, found <%s>",
                              (const char *)owner->name,
                              (const char *)cur->name);
            goto error;
        case XML_ENTITY_REF_NODE:
            virXMLReportError(VIR_ERR_XML_ERROR, owner, source,
                              "entity reference '&%s;' in <%s> is not "
                              "allowed",
                              (const char *)cur->name,
                              (const char *)owner->name);
            goto error;
        default:
            virXMLReportError(VIR_ERR_XML_ERROR, owner, source,
                              "<%s> holds an unexpected node (type %d)",
                              (const char *)owner->name, (int)cur->type);
            goto error;
        }
    }
    *value = buf;
    return 0;

error:
    free(buf);
    return -1;
}

int
virXMLNodeText(const xmlNode *node, const char *source, char **value)
{
    return virXMLListText(node->children, node, source, value);
}

int
virXMLChildElement(const xmlNode *node, const char *name, const char *source,
                   bool required, xmlNodePtr *child)
{
    xmlNodePtr cur;
    xmlNodePtr found = NULL;

    for (cur = node->children; cur != NULL; cur = cur->next) {
        if (!virXMLNodeIs(cur, name))
            continue;
        if (found != NULL) {
            virXMLReportError(VIR_ERR_XML_ERROR, cur, source,
                              "duplicate <%s> element in <%s>", name,
                              (const char *)node->name);
            return -1;
        }
        found = cur;
    }
    if (found == NULL) {
        if (!required)
            return 0;
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "missing <%s> element in <%s>", name,
                          (const char *)node->name);
        return -1;
    }
    *child = found;
    return 1;
}

int
virXMLChildString(const xmlNode *node, const char *name, const char *source,
                  bool required, char **value)
{
    xmlNodePtr child = NULL;
    int rc;

    if ((rc = virXMLChildElement(node, name, source, required, &child)) <= 0)
        return rc;
    if (virXMLNodeText(child, source, value) < 0)
        return -1;
    return 1;
}

/* Converts @str, the value of <@elem> (or of its attribute @attr when
 * not NULL), reporting a precise error against @node. */
static int
virXMLConvertULong(const xmlNode *node, const char *source, const char *elem,
                   const char *attr, const char *str, unsigned long max,
                   unsigned long *value)
{
    unsigned long n = 0;
    int rc = virStrToULong(str, &n);

    if (rc == VIR_NUMBER_OK && n <= max) {
        *value = n;
        return 0;
    }
    if (rc == VIR_NUMBER_INVALID && attr != NULL)
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<%s> attribute %s='%s' is not an unsigned "
                          "decimal number",
                          elem, attr, str);
    else if (rc == VIR_NUMBER_INVALID)
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<%s> value '%s' is not an unsigned decimal "
                          "number",
                          elem, str);
    else if (attr != NULL)
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<%s> attribute %s='%s' is too large (the "
                          "maximum is %lu)",
                          elem, attr, str, max);
    else
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "<%s> value '%s' is too large (the maximum is "
                          "%lu)",
                          elem, str, max);
    return -1;
}

static int
virXMLChildNumber(const xmlNode *node, const char *name, const char *source,
                  bool required, unsigned long max, unsigned long *value)
{
    xmlNodePtr child = NULL;
    char *str = NULL;
    int rc;

    if ((rc = virXMLChildElement(node, name, source, required, &child)) <= 0)
        return rc;
    if (virXMLNodeText(child, source, &str) < 0)
        return -1;
    rc = virXMLConvertULong(child, source, name, NULL, str, max, value);
    free(str);
    return rc < 0 ? -1 : 1;
}

int
virXMLChildULong(const xmlNode *node, const char *name, const char *source,
                 bool required, unsigned long *value)
{
    return virXMLChildNumber(node, name, source, required, ULONG_MAX, value);
}

int
virXMLChildUInt(const xmlNode *node, const char *name, const char *source,
                bool required, unsigned int *value)
{
    unsigned long n = 0;
    int rc = virXMLChildNumber(node, name, source, required, UINT_MAX, &n);

    if (rc == 1)
        *value = (unsigned int)n;
    return rc;
}

int
virXMLPropString(const xmlNode *node, const char *name, const char *source,
                 bool required, char **value)
{
    const xmlAttr *attr;

    for (attr = node->properties; attr != NULL; attr = attr->next) {
        if (attr->ns == NULL && xmlStrEqual(attr->name, BAD_CAST name))
            break;
    }
    if (attr == NULL) {
        if (!required)
            return 0;
        virXMLReportError(VIR_ERR_XML_ERROR, node, source,
                          "missing attribute '%s' on <%s>", name,
                          (const char *)node->name);
        return -1;
    }
    if (virXMLListText(attr->children, node, source, value) < 0)
        return -1;
    return 1;
}

static int
virXMLPropNumber(const xmlNode *node, const char *name, const char *source,
                 bool required, unsigned long max, unsigned long *value)
{
    char *str = NULL;
    int rc;

    if ((rc = virXMLPropString(node, name, source, required, &str)) <= 0)
        return rc;
    rc = virXMLConvertULong(node, source, (const char *)node->name, name, str,
                            max, value);
    free(str);
    return rc < 0 ? -1 : 1;
}

int
virXMLPropULong(const xmlNode *node, const char *name, const char *source,
                bool required, unsigned long *value)
{
    return virXMLPropNumber(node, name, source, required, ULONG_MAX, value);
}

int
virXMLPropUInt(const xmlNode *node, const char *name, const char *source,
               bool required, unsigned int *value)
{
    unsigned long n = 0;
    int rc = virXMLPropNumber(node, name, source, required, UINT_MAX, &n);

    if (rc == 1)
        *value = (unsigned int)n;
    return rc;
}
