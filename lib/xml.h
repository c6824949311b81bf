/*
 * xml.h: small libxml2 helpers shared by the domain XML module and the
 * test driver's node files.
 *
 * Parsing.  Documents are parsed without network access, without loading
 * any external DTD or entity and without substituting entities; a
 * document with a DOCTYPE is refused, so no entity can ever be expanded
 * (no "billion laughs").  libxml2 never prints: its complaints are
 * captured and turned into one VIR_ERR_XML_ERROR with the line number.
 *
 * Locations.  Every message these helpers report starts with where the
 * problem is:
 *   - "SOURCE:LINE: " when the caller passes a non-NULL @source (a file
 *     name, compiler style, so that editors can jump to it);
 *   - "LABEL line LINE: " otherwise, LABEL being the label the document
 *     was parsed with by virXMLParseString() ("domain XML line 3: ..."),
 *     or "XML" for a document parsed some other way.
 * virXMLParseBuffer() and virXMLParseFile() report in the first style,
 * virXMLParseString() in the second.
 * The line is omitted when it is unknown.
 *
 * Getters.  The virXMLChild* and virXMLProp* getters share one contract:
 *   return 1 and store the value when the element or attribute is
 *   present and valid; return 0 and leave *value untouched when it is
 *   absent and @required is false; return -1 with an error reported
 *   (VIR_FROM_XML, VIR_ERR_XML_ERROR or VIR_ERR_NO_MEMORY) when it is
 *   absent but required, present twice, or its value is invalid.
 * Elements are matched by name and must have no namespace; a known
 * element given twice is an error because it is ambiguous.  Text content
 * is taken verbatim (no trimming): only text and CDATA children count,
 * comments are skipped, and a nested element or entity reference is an
 * error.
 *
 * Numbers are unsigned decimal: digits only, no sign, no blanks, no
 * trailing garbage, no overflow.
 */

#ifndef LIBVIR_XML_H
#define LIBVIR_XML_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>

/**
 * virXMLParseString:
 * @buf: the document; need not be NUL-terminated
 * @len: its length in bytes
 * @label: names the document in error messages ("domain XML"); borrowed
 *         for the lifetime of the document (kept in doc->_private, which
 *         callers must leave alone), so pass a string literal or a
 *         string that outlives the document.  NULL means "XML".
 *
 * Parses @buf safely (see the top of this file).
 *
 * Returns the document (free it with xmlFreeDoc()), or NULL with a
 * VIR_ERR_XML_ERROR such as "domain XML line 3: Opening and ending tag
 * mismatch: name line 3 and nme" (libxml2's own reason), or
 * VIR_ERR_NO_MEMORY.
 */
/* Initializes libxml2 once for the process; virInitialize() calls it, so
 * that two threads parsing their first documents at once are safe. */
void virXMLInitialize(void);

xmlDocPtr virXMLParseString(const char *buf, size_t len, const char *label);

/**
 * virXMLParseBuffer:
 * @buf: the document; need not be NUL-terminated
 * @len: its length in bytes
 * @source: names the document compiler style: messages start with
 *          "SOURCE:LINE: " (a file name, or a label such as "node XML")
 *
 * As virXMLParseString(), for a document that has a source name rather
 * than a description.  Returns the document or NULL, as
 * virXMLParseString() does.
 */
xmlDocPtr virXMLParseBuffer(const char *buf, size_t len, const char *source);

/**
 * virXMLParseFile:
 * @path: the file to read
 *
 * Reads @path and parses it like virXMLParseBuffer(buf, len, @path).
 *
 * Returns the document, or NULL with VIR_ERR_SYSTEM_ERROR when the file
 * cannot be read, VIR_ERR_XML_ERROR when it is not acceptable XML.
 */
xmlDocPtr virXMLParseFile(const char *path);

/**
 * virXMLReadFile:
 * @path: the file to read
 * @buf: set to a new buffer holding the whole file (caller frees)
 * @len: set to its length in bytes
 *
 * Reads it with virFileReadAll() (file.h), up to the size
 * virXMLParseFile() accepts.
 *
 * Returns 0, or -1 with VIR_ERR_SYSTEM_ERROR when the file cannot be read
 * (the message quotes @path) or VIR_ERR_XML_ERROR when it is not a
 * regular file (a FIFO, a directory) or is larger than
 * virXMLParseFile() accepts.
 */
int virXMLReadFile(const char *path, char **buf, size_t *len)
    __attribute__((warn_unused_result));

/*
 * Reading a large document one child of its root at a time, so that it
 * never is in memory as a whole tree:
 *
 *     reader = virXMLReaderNew(buf, len, path, NULL);
 *     while ((rc = virXMLReaderNext(reader, &node)) > 0)
 *         ... the root first, then each child element in document order;
 *         ... virXMLReaderExpand() to read one whole, virXMLReaderKeep()
 *         ... to keep a copy of it under virXMLReaderKept()
 *     virXMLReaderFree(reader);
 *
 * Parsing is as safe as virXMLParseString()'s and errors are worded as
 * its are, but they are found as the reader goes: a caller that must
 * report malformed XML before anything else reads to the end (rc == 0)
 * before it looks at what it kept.
 */
typedef struct _virXMLReader virXMLReader;

/**
 * virXMLReaderNew:
 * @buf: the document, borrowed until virXMLReaderFree(); need not be
 *       NUL-terminated
 * @len: its length in bytes
 * @source: names the document compiler style, as virXMLParseBuffer()
 *          does; NULL to use @label
 * @label: names it as virXMLParseString() does; NULL means "XML"
 *
 * Returns a reader before the root, or NULL with an error reported.
 */
virXMLReader *virXMLReaderNew(const char *buf, size_t len, const char *source,
                              const char *label);

/**
 * virXMLReaderNext:
 * @reader: the reader
 * @node: set to the root element on the first call, then to each child
 *        element of the root; it holds its attributes and line but no
 *        children until expanded.  Borrowed until the next call, which
 *        frees it (the root lasts until virXMLReaderFree()).
 *
 * Returns 1 with *@node set; 0 at the end of a well-formed document; -1
 * with a VIR_ERR_XML_ERROR reported as virXMLParseString() would (the
 * first complaint of libxml2, a DOCTYPE, no element) or OOM.
 */
int virXMLReaderNext(virXMLReader *reader, xmlNodePtr *node)
    __attribute__((warn_unused_result));

/**
 * virXMLReaderExpand:
 * @reader: a reader on a child of the root
 *
 * Reads the whole subtree of the node virXMLReaderNext() gave.  Returns 0,
 * or -1 with an error reported as virXMLReaderNext() does.
 */
int virXMLReaderExpand(virXMLReader *reader)
    __attribute__((warn_unused_result));

/**
 * virXMLReaderKeep:
 * @reader: a reader on a child of the root
 *
 * Expands the current child and adds a copy of it, line numbers
 * included, to the tree virXMLReaderKept() returns.  Returns 0 or -1 with
 * an error reported.
 */
int virXMLReaderKeep(virXMLReader *reader) __attribute__((warn_unused_result));

/**
 * virXMLReaderKept:
 * @reader: the reader
 *
 * Returns a copy of the root element, with its attributes and the copies
 * virXMLReaderKeep() made, in document order; NULL before the root.  It
 * belongs to @reader.
 */
xmlNodePtr virXMLReaderKept(const virXMLReader *reader);

/**
 * virXMLReaderFree:
 * @reader: the reader, or NULL
 *
 * Frees @reader, its current node and the kept tree.
 */
void virXMLReaderFree(virXMLReader *reader);

/**
 * virXMLNodeLine:
 * @node: any node
 *
 * Returns the line @node starts on (its parent's for an attribute or a
 * node without a line of its own), or 0 when unknown.
 */
long virXMLNodeLine(const xmlNode *node);

/**
 * virXMLNodeIs:
 * @node: any node, or NULL
 * @name: an element name
 *
 * Returns true when @node is an element named @name without a namespace.
 */
bool virXMLNodeIs(const xmlNode *node, const char *name);

/**
 * virXMLReportErrorFull:
 * @from: the virErrorDomain of the reporting file
 * @code: a virErrorNumber, usually VIR_ERR_XML_ERROR
 * @node: the node the message is about (gives the line); may be NULL
 * @source: see "Locations" above; may be NULL
 * @file, @func, @line: where in libvir the error was detected
 * @fmt: printf format of the message, after the location prefix
 *
 * Reports one error whose message starts with the location of @node.
 * Use it through virXMLReportError(), which passes VIR_FROM_THIS.
 */
void virXMLReportErrorFull(int from, int code, const xmlNode *node,
                           const char *source, const char *file,
                           const char *func, int line, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

#define virXMLReportError(code, node, source, ...)                     \
    virXMLReportErrorFull(VIR_FROM_THIS, code, node, source, __FILE__, \
                          __func__, __LINE__, __VA_ARGS__)

/**
 * virXMLNodeText:
 * @node: an element
 * @source: see "Locations" above
 * @value: set to a new string (caller frees); "" for an empty element
 *
 * Returns 0, or -1 with an error reported (nested element, entity
 * reference, OOM).
 */
int virXMLNodeText(const xmlNode *node, const char *source, char **value)
    __attribute__((warn_unused_result));

/**
 * virXMLChildElement:
 * @node: the parent element
 * @name: the child element's name
 * @source: see "Locations" above
 * @required: whether absence is an error ("missing <name> element in
 *            <parent>")
 * @child: set to the child element (borrowed from the document)
 *
 * Finds the only child element named @name.  Returns as described under
 * "Getters" above.
 */
int virXMLChildElement(const xmlNode *node, const char *name,
                       const char *source, bool required, xmlNodePtr *child)
    __attribute__((warn_unused_result));

/**
 * virXMLChildString:
 * @node: the parent element
 * @name: the child element's name
 * @source: see "Locations" above
 * @required: whether absence is an error
 * @value: set to the text of the child element, a new string (caller
 *         frees); "" when the element is empty
 *
 * Returns as described under "Getters" above.
 */
int virXMLChildString(const xmlNode *node, const char *name, const char *source,
                      bool required, char **value)
    __attribute__((warn_unused_result));

/**
 * virXMLChildULong:
 * @node: the parent element
 * @name: the child element's name
 * @source: see "Locations" above
 * @required: whether absence is an error
 * @value: set to the number the child element holds
 *
 * Errors name the element and the value ("<memory> value 'abc' is not an
 * unsigned decimal number").  Returns as described under "Getters" above.
 */
int virXMLChildULong(const xmlNode *node, const char *name, const char *source,
                     bool required, unsigned long *value)
    __attribute__((warn_unused_result));

/**
 * virXMLChildUInt:
 *
 * As virXMLChildULong(), for an unsigned int.
 */
int virXMLChildUInt(const xmlNode *node, const char *name, const char *source,
                    bool required, unsigned int *value)
    __attribute__((warn_unused_result));

/**
 * virXMLPropString:
 * @node: the element
 * @name: the attribute's name (no namespace)
 * @source: see "Locations" above
 * @required: whether absence is an error ("missing attribute 'name' on
 *            <element>")
 * @value: set to the attribute's value, a new string (caller frees)
 *
 * Returns as described under "Getters" above.
 */
int virXMLPropString(const xmlNode *node, const char *name, const char *source,
                     bool required, char **value)
    __attribute__((warn_unused_result));

/**
 * virXMLPropULong:
 *
 * As virXMLPropString(), for an unsigned decimal number; errors read
 * "<vcpu> attribute current='x' is not an unsigned decimal number".
 */
int virXMLPropULong(const xmlNode *node, const char *name, const char *source,
                    bool required, unsigned long *value)
    __attribute__((warn_unused_result));

/**
 * virXMLPropUInt:
 *
 * As virXMLPropULong(), for an unsigned int.
 */
int virXMLPropUInt(const xmlNode *node, const char *name, const char *source,
                   bool required, unsigned int *value)
    __attribute__((warn_unused_result));

#endif /* LIBVIR_XML_H */
