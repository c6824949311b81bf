/*
 * uri.h: parsing of connection URIs ("scheme://[host]/path").
 */

#ifndef LIBVIR_URI_H
#define LIBVIR_URI_H

#include <stddef.h>

typedef struct _virURI virURI;

struct _virURI {
    char *scheme; /* lower-case, never NULL */
    char *server; /* host part, NULL when empty */
    char *path;   /* starts with '/', never NULL ("/" at least) */
};

/* Parses @uri of the form scheme://[server]/path.  Returns a new virURI
 * or NULL with a VIR_ERR_INVALID_ARG error naming @uri and the reason. */
virURI *virURIParse(const char *uri);

/* Parses the first @len bytes of @buf (which need not be terminated);
 * used by the fuzzer and by virURIParse. */
virURI *virURIParseBuffer(const char *buf, size_t len);

void virURIFree(virURI *uri);

#endif /* LIBVIR_URI_H */
