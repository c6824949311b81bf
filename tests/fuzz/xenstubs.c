/*
 * xenstubs.c: stand-ins for libxenctrl and libxenstore (see xenstubs.h).
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xenstubs.h"

/* Handles that are never dereferenced: only their addresses are used. */
static char stubXc;
static char stubXs;

static char *stubValue;
static size_t stubLen;
static unsigned long stubReads;

xc_interface *
xc_interface_open(xentoollog_logger *logger, xentoollog_logger *dombuild,
                  unsigned int flags)
{
    (void)logger;
    (void)dombuild;
    (void)flags;
    return (xc_interface *)&stubXc;
}

int
xc_interface_close(xc_interface *xch)
{
    (void)xch;
    return 0;
}

struct xs_handle *
xs_open(unsigned long flags)
{
    (void)flags;
    return (struct xs_handle *)&stubXs;
}

struct xs_handle *
xs_daemon_open(void)
{
    return (struct xs_handle *)&stubXs;
}

void
xs_close(struct xs_handle *xsh)
{
    (void)xsh;
}

void
xs_daemon_close(struct xs_handle *xsh)
{
    (void)xsh;
}

/* As libxenstore does: a new buffer, NUL-terminated past @len bytes. */
void *
xs_read(struct xs_handle *xsh, xs_transaction_t t, const char *path,
        unsigned int *len)
{
    char *copy;

    (void)xsh;
    (void)t;
    (void)path;
    stubReads++;
    if (stubValue == NULL) {
        errno = ENOENT;
        return NULL;
    }
    if ((copy = malloc(stubLen + 1)) == NULL)
        return NULL;
    memcpy(copy, stubValue, stubLen);
    copy[stubLen] = '\0';
    if (len != NULL)
        *len = (unsigned int)stubLen;
    return copy;
}

void
xenStubSetValue(const void *value, size_t len)
{
    free(stubValue);
    if ((stubValue = malloc(len + 1)) == NULL)
        abort();
    memcpy(stubValue, value, len);
    stubLen = len;
}

unsigned long
xenStubReads(void)
{
    return stubReads;
}

xenPriv *
xenStubPriv(void)
{
    static xenPriv *priv;

    if (priv != NULL)
        return priv;
    if ((priv = calloc(1, sizeof(*priv))) == NULL)
        abort();
    /* The real libraries' table: its calls land on the stand-ins above. */
    priv->ops = &xenDefaultOps;
    xenLoggerInit(&priv->logger);
    priv->xch = xc_interface_open(NULL, NULL, 0);
    priv->xsh = xs_open(0);
    if (libxl_ctx_alloc(&priv->ctx, LIBXL_VERSION, 0, &priv->logger.vtable) !=
        0)
        abort();
    return priv;
}
