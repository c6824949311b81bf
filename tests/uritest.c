/*
 * uritest.c: connection URI parsing (lib/uri.c).
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "uri.h"

typedef struct {
    const char *title;
    const char *uri;
    const char *scheme; /* NULL: parsing must fail */
    const char *server;
    const char *path;
    const char *error; /* substring of the error when it fails */
} uriCase;

static const uriCase cases[] = {
    {"uri_parse_xen_default_accepted", "xen:///", "xen", NULL, "/", NULL},
    {"uri_parse_test_default_accepted", "test:///default", "test", NULL,
     "/default", NULL},
    {"uri_parse_absolute_path_accepted", "test:///srv/xen/node.xml", "test",
     NULL, "/srv/xen/node.xml", NULL},
    {"uri_parse_server_kept", "test://host.example/x", "test", "host.example",
     "/x", NULL},
    {"uri_parse_no_path_means_root", "xen://", "xen", NULL, "/", NULL},
    {"uri_parse_scheme_lowercased", "XEN:///", "xen", NULL, "/", NULL},
    {"uri_parse_empty_fails", "", NULL, NULL, NULL,
     "is not of the form scheme:///path"},
    {"uri_parse_no_separator_fails", "default", NULL, NULL, NULL,
     "connection URI 'default' is not of the form"},
    {"uri_parse_scheme_digit_first_fails", "1xen:///", NULL, NULL, NULL,
     "scheme must start with a letter"},
    {"uri_parse_scheme_bad_char_fails", "x_y:///", NULL, NULL, NULL,
     "invalid character '_' in scheme"},
    {"uri_parse_query_fails", "test:///default?x=1", NULL, NULL, NULL,
     "query and fragment parts are not supported"},
    {"uri_parse_space_fails", "test:///my node.xml", NULL, NULL, NULL,
     "contains a space or a control character"},
};

static int
uri_case(const void *data)
{
    const uriCase *c = data;
    virURI *uri = virURIParse(c->uri);
    int ret = -1;

    if (c->scheme == NULL) {
        if (uri != NULL) {
            virTestFail("'%s' was accepted", c->uri);
            goto cleanup;
        }
        ret = virTestExpectError(VIR_ERR_INVALID_ARG, c->error);
        goto cleanup;
    }
    if (uri == NULL) {
        virTestFail("'%s' was refused", c->uri);
        goto cleanup;
    }
    if (virTestExpectStr("scheme", uri->scheme, c->scheme) < 0 ||
        virTestExpectStr("server", uri->server, c->server) < 0 ||
        virTestExpectStr("path", uri->path, c->path) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virURIFree(uri);
    return ret;
}

static int
uri_parse_embedded_nul_fails(const void *data)
{
    static const char buf[] = "test:///a\0b";
    virURI *uri = virURIParseBuffer(buf, sizeof(buf) - 1);

    (void)data;
    if (uri != NULL) {
        virURIFree(uri);
        return virTestFail("a URI with a NUL byte was accepted");
    }
    return virTestExpectError(VIR_ERR_INVALID_ARG, "NUL byte");
}

static int
uri_parse_overlong_fails(const void *data)
{
    size_t len = 5000;
    char *buf = malloc(len + 1);
    virURI *uri;
    int ret;

    (void)data;
    if (buf == NULL)
        return -1;
    memcpy(buf, "test:///", 8);
    memset(buf + 8, 'a', len - 8);
    buf[len] = '\0';
    uri = virURIParse(buf);
    free(buf);
    if (uri != NULL) {
        virURIFree(uri);
        return virTestFail("a 5000-byte URI was accepted");
    }
    ret = virTestExpectError(VIR_ERR_INVALID_ARG, "longer than 4096 bytes");
    return ret;
}

static int
mymain(void)
{
    int ret = 0;
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
        ret |= virTestRun(cases[i].title, uri_case, &cases[i]);
    ret |= virTestRun("uri_parse_embedded_nul_fails",
                      uri_parse_embedded_nul_fails, NULL);
    ret |=
        virTestRun("uri_parse_overlong_fails", uri_parse_overlong_fails, NULL);
    return ret;
}

VIR_TEST_MAIN(mymain)
