/*
 * uri.c: parsing of connection URIs.
 *
 * Only the form the drivers need: scheme "://" [server] path, where path
 * is absolute ("xen:///", "test:///default", "test:///srv/node.xml").
 * Anything else is refused with the reason, rather than guessed at.
 */

#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "uri.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_URI

/* Longest URI accepted; node file paths are far below PATH_MAX. */
#define VIR_URI_MAX 4096

static char *
virURIDup(const char *s, size_t len)
{
    char *p = malloc(len + 1);

    if (p == NULL) {
        virReportOOMError();
        return NULL;
    }
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void
virURIFree(virURI *uri)
{
    if (uri == NULL)
        return;
    free(uri->scheme);
    free(uri->server);
    free(uri->path);
    free(uri);
}

virURI *
virURIParseBuffer(const char *buf, size_t len)
{
    virURI *uri = NULL;
    char *text = NULL;
    const char *p;
    const char *sep;
    const char *path;
    size_t i;

    /* Work on a terminated copy so that error messages can quote it. */
    if (len > VIR_URI_MAX) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "connection URI is longer than %d bytes", VIR_URI_MAX);
        goto error;
    }
    if (memchr(buf, '\0', len) != NULL) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "connection URI contains a NUL byte");
        goto error;
    }
    if ((text = virURIDup(buf, len)) == NULL)
        goto error;
    for (i = 0; i < len; i++) {
        if (iscntrl((unsigned char)text[i]) || text[i] == ' ') {
            virReportError(VIR_ERR_INVALID_ARG,
                           "connection URI '%s' contains a space or a "
                           "control character",
                           text);
            goto error;
        }
    }

    sep = strstr(text, "://");
    if (sep == NULL || sep == text) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "connection URI '%s' is not of the form "
                       "scheme:///path",
                       text);
        goto error;
    }
    if (!isalpha((unsigned char)text[0])) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "connection URI '%s': scheme must start with a letter",
                       text);
        goto error;
    }
    for (p = text; p < sep; p++) {
        if (!isalnum((unsigned char)*p) && *p != '+' && *p != '-' &&
            *p != '.') {
            virReportError(VIR_ERR_INVALID_ARG,
                           "connection URI '%s': invalid character '%c' in "
                           "scheme",
                           text, *p);
            goto error;
        }
    }
    if (strpbrk(text, "?#") != NULL) {
        virReportError(VIR_ERR_INVALID_ARG,
                       "connection URI '%s': query and fragment parts are "
                       "not supported",
                       text);
        goto error;
    }

    if ((uri = calloc(1, sizeof(*uri))) == NULL) {
        virReportOOMError();
        goto error;
    }
    if ((uri->scheme = virURIDup(text, (size_t)(sep - text))) == NULL)
        goto error;
    for (i = 0; uri->scheme[i] != '\0'; i++)
        uri->scheme[i] = (char)tolower((unsigned char)uri->scheme[i]);

    p = sep + 3;
    path = strchr(p, '/');
    if (path == NULL)
        path = p + strlen(p);
    if (path > p && (uri->server = virURIDup(p, (size_t)(path - p))) == NULL)
        goto error;
    if (*path == '\0')
        path = "/";
    if ((uri->path = virURIDup(path, strlen(path))) == NULL)
        goto error;

    free(text);
    return uri;

error:
    virURIFree(uri);
    free(text);
    return NULL;
}

virURI *
virURIParse(const char *uri)
{
    return virURIParseBuffer(uri, strlen(uri));
}
