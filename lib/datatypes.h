/*
 * datatypes.h: the private structures behind virConnectPtr and
 * virDomainPtr, their reference counts and the handle checks.
 */

#ifndef LIBVIR_DATATYPES_H
#define LIBVIR_DATATYPES_H

#include <stdbool.h>
#include <stddef.h>

#include "libvir.h"
#include "driver.h"
#include "error.h"
#include "uuid.h"

#define VIR_CONNECT_MAGIC 0x4C565243u /* "LVRC" */
#define VIR_DOMAIN_MAGIC 0x4C565244u  /* "LVRD" */

typedef struct _virDomainCache virDomainCache;

struct _virConnect {
    unsigned int magic;
    unsigned int refs; /* one for the opener, one per domain handle */
    const virDriver *driver;
    void *privateData; /* owned by the driver */
    bool readonly;
    char *uri;               /* the name the connection was opened with */
    virErrorSlot err;        /* last error on this connection */
    virDomainCache *domains; /* live handles, so lookups share them */
};

struct _virDomain {
    unsigned int magic;
    unsigned int refs;
    virConnectPtr conn; /* holds a reference on the connection */
    char *name;         /* immutable for the handle's lifetime */
    unsigned char uuid[VIR_UUID_BUFLEN];
    int id; /* -1 when not running; kept current by the
                                 * driver on every state change */
};

bool virConnectIsValid(virConnectPtr conn);
bool virDomainIsValid(virDomainPtr dom);

/* Returns a new reference to the handle of domain @uuid on @conn, creating
 * it if no live handle exists, and sets its id to @id.  NULL on OOM (error
 * reported). */
virDomainPtr virGetDomain(virConnectPtr conn, const char *name,
                          const unsigned char *uuid, int id);

/* Drops one reference; frees on the last. */
void virUnrefDomain(virDomainPtr dom);
void virUnrefConnect(virConnectPtr conn);

virConnectPtr virNewConnect(void);

/* Reports an error about @conn or @dom (either may be NULL or invalid;
 * a valid @dom names its connection): the thread's last error and the
 * connection's copy. */
void virReportHandleErrorFull(virConnectPtr conn, virDomainPtr dom, int from,
                              int code, const char *file, const char *func,
                              int line, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));

#define virReportConnError(conn, code, ...)                             \
    virReportHandleErrorFull(conn, NULL, VIR_FROM_THIS, code, __FILE__, \
                             __func__, __LINE__, __VA_ARGS__)
#define virReportDomainError(dom, code, ...)                           \
    virReportHandleErrorFull(NULL, dom, VIR_FROM_THIS, code, __FILE__, \
                             __func__, __LINE__, __VA_ARGS__)

/* After a failed call on @conn (and @dom): ties the thread's last error
 * to them and keeps a copy on @conn.  Returns -1 when no error is set. */
int virConnectKeepError(virConnectPtr conn, virDomainPtr dom);

#endif /* LIBVIR_DATATYPES_H */
