/*
 * libvir.c: the public entry points of libvir.
 *
 * Every function is the same checklist: reset the thread's error,
 * validate handles and arguments, refuse state changes on a read-only
 * connection, call the driver's slot (or report "not supported" when it is
 * NULL), and on failure make sure the error is recorded on the connection
 * too.  Each one first logs its call and arguments at debug level
 * (VIR_DEBUG, include/libvir_log.h).  No driver knowledge lives here: drivers are found by URI scheme in
 * the registry of lib/driver.c.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libvir.h"
#include "libvir_events.h"
#include "libvir_log.h"
#include "libvir_stats.h"
#include "datatypes.h"
#include "domain_conf.h"
#include "driver.h"
#include "error.h"
#include "iostats.h"
#include "log.h"
#include "uri.h"
#include "xml.h"

#define VIR_FROM_THIS VIR_FROM_API

/* The connection name used when the caller passes NULL. */
#define VIR_DEFAULT_URI "xen:///"

/* ---- the checklist's steps ------------------------------------------ */

/* Reports "FUNC: MSG" from the argument checks of this file. */
static void
virReportAPIError(virConnectPtr conn, virDomainPtr dom, int code,
                  const char *func, const char *msg)
{
    virReportHandleErrorFull(conn, dom, VIR_FROM_API, code, __FILE__, func,
                             __LINE__, "%s: %s", func, msg);
}

static bool
virCheckConnect(virConnectPtr conn, const char *func)
{
    if (virConnectIsValid(conn))
        return true;
    virReportAPIError(NULL, NULL, VIR_ERR_INVALID_CONN, func,
                      "invalid connection");
    return false;
}

static bool
virCheckDomain(virDomainPtr dom, const char *func)
{
    if (virDomainIsValid(dom))
        return true;
    virReportAPIError(NULL, NULL, VIR_ERR_INVALID_DOMAIN, func,
                      "invalid domain");
    return false;
}

/* Reports @msg ("argument 'x' must not be NULL") unless @ok. */
static bool
virCheckArg(bool ok, virConnectPtr conn, const char *func, const char *msg)
{
    if (ok)
        return true;
    virReportAPIError(conn, NULL, VIR_ERR_INVALID_ARG, func, msg);
    return false;
}

static bool
virCheckWritable(virConnectPtr conn, const char *func)
{
    if (!conn->readonly)
        return true;
    virReportAPIError(conn, NULL, VIR_ERR_OPERATION_DENIED, func,
                      "not allowed on a read-only connection");
    return false;
}

static bool
virCheckSlot(const void *slot, virConnectPtr conn, const char *func)
{
    if (slot != NULL)
        return true;
    virReportHandleErrorFull(
        conn, NULL, VIR_FROM_API, VIR_ERR_NO_SUPPORT, __FILE__, func, __LINE__,
        "%s is not supported by the '%s' driver", func, conn->driver->name);
    return false;
}

/* After a failed call: tie the thread's error to the handles it concerns
 * and keep a copy on the connection.  A driver that failed without saying
 * why is a bug, reported as such rather than hidden. */
static void
virDispatchError(virConnectPtr conn, virDomainPtr dom, const char *func)
{
    if (virConnectKeepError(conn, dom) == 0)
        return;
    virReportHandleErrorFull(conn, dom, VIR_FROM_API, VIR_ERR_INTERNAL_ERROR,
                             __FILE__, func, __LINE__,
                             "%s failed without reporting why", func);
}

/* The three steps shared by every domain function that changes state. */
static bool
virDomainCheckWrite(virDomainPtr dom, const void *driverSlot, const char *func)
{
    virResetLastError();
    return virCheckDomain(dom, func) && virCheckWritable(dom->conn, func) &&
           virCheckSlot(driverSlot, dom->conn, func);
}

static bool
virDomainCheckRead(virDomainPtr dom, const void *driverSlot, const char *func)
{
    virResetLastError();
    return virCheckDomain(dom, func) &&
           virCheckSlot(driverSlot, dom->conn, func);
}

static bool
virConnectCheckRead(virConnectPtr conn, const void *driverSlot,
                    const char *func)
{
    virResetLastError();
    return virCheckConnect(conn, func) && virCheckSlot(driverSlot, conn, func);
}

/* The driver slot, for the checks above, without evaluating it on a NULL
 * handle. */
#define DOM_SLOT(dom, slot) \
    (virDomainIsValid(dom) ? (const void *)(dom)->conn->driver->slot : NULL)
#define CONN_SLOT(conn, slot) \
    (virConnectIsValid(conn) ? (const void *)(conn)->driver->slot : NULL)

/* The debug line of a domain function: the handle, the domain's name
 * when the handle is valid, then the other arguments. */
#define VIR_DOMAIN_DEBUG(dom, fmt, ...)            \
    VIR_DEBUG("domain=%p (%s)" fmt, (void *)(dom), \
              virDomainIsValid(dom) ? (dom)->name : "invalid", ##__VA_ARGS__)

/* The debug line of a lookup by raw UUID, shown as text. */
#define VIR_UUID_DEBUG(conn, uuid)                               \
    do {                                                         \
        char uuidstr_[VIR_UUID_STRING_BUFLEN] = "(null)";        \
                                                                 \
        if (virLogEnabled() && (uuid) != NULL)                   \
            virUUIDFormat(uuid, uuidstr_);                       \
        VIR_DEBUG("conn=%p, uuid=%s", (void *)(conn), uuidstr_); \
    } while (0)

/* ---- library -------------------------------------------------------- */

/**
 * virInitialize:
 *
 * Initializes the library: registers the built-in drivers.  Called by
 * virConnectOpen() itself; calling it first is only needed to avoid a race
 * between threads that open their first connections at the same time.
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virInitialize(void)
{
    VIR_DEBUG("%s", "(no arguments)");
    virXMLInitialize();
    if (virDriverInitialize() < 0) {
        virReportError(VIR_ERR_INTERNAL_ERROR, "%s",
                       "cannot register the hypervisor drivers");
        return -1;
    }
    return 0;
}

/**
 * virGetVersion:
 * @libVer: return value for the library version (OUT)
 * @type: the hypervisor type of interest ("Xen", "Test"), NULL for "Xen"
 * @typeVer: return value for the version of that hypervisor's driver
 *           (OUT), may be NULL
 *
 * Provides the library's version and the version of the hypervisor type
 * this build supports.  When @type is unknown or not built in, @typeVer is
 * set to 0 and an error is returned.
 *
 * Returns -1 in case of failure, 0 otherwise; versions are
 * major * 1,000,000 + minor * 1,000 + release.
 */
int
virGetVersion(unsigned long *libVer, const char *type, unsigned long *typeVer)
{
    const virDriver *driver;

    VIR_DEBUG("libVer=%p, type=%s, typeVer=%p", (void *)libVer,
              VIR_NULLSTR(type), (void *)typeVer);
    virResetLastError();
    if (!virCheckArg(libVer != NULL, NULL, __func__,
                     "argument 'libVer' must not be NULL"))
        return -1;
    if (virInitialize() < 0)
        return -1;
    *libVer = LIBVIR_VERSION_NUMBER;
    if (typeVer == NULL)
        return 0;
    if (type == NULL)
        type = "Xen";
    driver = virDriverFindByType(type);
    if (driver == NULL) {
        *typeVer = 0;
        virReportError(VIR_ERR_NO_SUPPORT,
                       "hypervisor type '%s' is not supported by this build",
                       type);
        return -1;
    }
    *typeVer = driver->typeVersion;
    return 0;
}

/* ---- connections ---------------------------------------------------- */

static virConnectPtr
virConnectOpenInternal(const char *name, bool readonly)
{
    virConnectPtr conn = NULL;
    virURI *uri = NULL;
    const char *reason;
    const virDriver *driver;
    size_t i;

    virResetLastError();
    if (virInitialize() < 0)
        return NULL;
    if (name == NULL)
        name = VIR_DEFAULT_URI;
    if ((uri = virURIParse(name)) == NULL)
        return NULL;
    if ((conn = virNewConnect()) == NULL)
        goto error;
    conn->readonly = readonly;
    if ((conn->uri = strdup(name)) == NULL) {
        virReportOOMError();
        goto error;
    }

    for (i = 0; (driver = virDriverGet(i)) != NULL; i++) {
        virDrvOpenStatus status = driver->connectOpen(conn, uri, readonly);

        if (status == VIR_DRV_OPEN_SUCCESS) {
            conn->driver = driver;
            break;
        }
        if (status == VIR_DRV_OPEN_ERROR)
            goto error;
    }
    if (conn->driver == NULL) {
        reason = virDriverMissingReason(uri->scheme);
        if (reason != NULL)
            virReportErrorFull(VIR_FROM_URI, VIR_ERR_NO_CONNECT, __FILE__,
                               __func__, __LINE__, "cannot open '%s': %s", name,
                               reason);
        else
            virReportErrorFull(
                VIR_FROM_URI, VIR_ERR_NO_CONNECT, __FILE__, __func__, __LINE__,
                "no driver accepts the connection URI '%s'", name);
        goto error;
    }
    VIR_DEBUG("opened '%s' with driver '%s'%s", name, conn->driver->name,
              readonly ? " (read-only)" : "");
    virURIFree(uri);
    return conn;

error:
    virURIFree(uri);
    virUnrefConnect(conn);
    return NULL;
}

/**
 * virConnectOpen:
 * @name: the connection URI: NULL or "xen:///" for the local Xen
 *        hypervisor, "test:///default" for the built-in demo host,
 *        "test:///ABSOLUTE/PATH.xml" for a host described by a node file
 *
 * Opens a connection to a hypervisor.
 *
 * Returns a pointer to the connection or NULL in case of error (an
 * unparsable URI, no driver for it, or a driver that failed to open it).
 */
virConnectPtr
virConnectOpen(const char *name)
{
    VIR_DEBUG("name=%s", VIR_NULLSTR(name));
    return virConnectOpenInternal(name, false);
}

/**
 * virConnectOpenReadOnly:
 * @name: the connection URI, as for virConnectOpen()
 *
 * Opens a restricted connection: every function that would change the
 * state of the host or of a domain fails on it with
 * VIR_ERR_OPERATION_DENIED.
 *
 * Returns a pointer to the connection or NULL in case of error.
 */
virConnectPtr
virConnectOpenReadOnly(const char *name)
{
    VIR_DEBUG("name=%s", VIR_NULLSTR(name));
    return virConnectOpenInternal(name, true);
}

/**
 * virConnectClose:
 * @conn: pointer to the hypervisor connection
 *
 * Closes the connection.  Domain handles still held keep it alive until
 * they are freed; the driver lets go of the hypervisor with the last one.
 *
 * Returns 0 in case of success or -1 in case of error.
 */
int
virConnectClose(virConnectPtr conn)
{
    VIR_DEBUG("conn=%p", (void *)conn);
    virResetLastError();
    if (!virCheckConnect(conn, __func__))
        return -1;
    virUnrefConnect(conn);
    return 0;
}

/**
 * virConnectGetType:
 * @conn: pointer to the hypervisor connection
 *
 * Gets the name of the hypervisor software used ("Xen").
 *
 * Returns NULL in case of error, a static string otherwise (valid as long
 * as the connection).
 */
const char *
virConnectGetType(virConnectPtr conn)
{
    const char *ret;

    VIR_DEBUG("conn=%p", (void *)conn);
    virResetLastError();
    if (!virCheckConnect(conn, __func__))
        return NULL;
    if (conn->driver->connectGetType == NULL)
        return conn->driver->type;
    if ((ret = conn->driver->connectGetType(conn)) == NULL)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virConnectGetVersion:
 * @conn: pointer to the hypervisor connection
 * @hvVer: return value for the version of the running hypervisor (OUT)
 *
 * Gets the version of the running hypervisor.
 *
 * Returns -1 in case of error, 0 otherwise.  If the version cannot be
 * extracted, returns 0 and sets @hvVer to 0; otherwise @hvVer is
 * major * 1,000,000 + minor * 1,000 + release.
 */
int
virConnectGetVersion(virConnectPtr conn, unsigned long *hvVer)
{
    const void *slot = CONN_SLOT(conn, connectGetVersion);
    int ret;

    VIR_DEBUG("conn=%p, hvVer=%p", (void *)conn, (void *)hvVer);
    if (!virConnectCheckRead(conn, slot, __func__) ||
        !virCheckArg(hvVer != NULL, conn, __func__,
                     "argument 'hvVer' must not be NULL"))
        return -1;
    if ((ret = conn->driver->connectGetVersion(conn, hvVer)) < 0)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virNodeGetInfo:
 * @conn: pointer to the hypervisor connection
 * @info: pointer to a virNodeInfo structure allocated by the caller (OUT)
 *
 * Extracts hardware information about the host.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virNodeGetInfo(virConnectPtr conn, virNodeInfoPtr info)
{
    const void *slot = CONN_SLOT(conn, nodeGetInfo);
    int ret;

    VIR_DEBUG("conn=%p, info=%p", (void *)conn, (void *)info);
    if (!virConnectCheckRead(conn, slot, __func__) ||
        !virCheckArg(info != NULL, conn, __func__,
                     "argument 'info' must not be NULL"))
        return -1;
    if ((ret = conn->driver->nodeGetInfo(conn, info)) < 0)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virConnectListDomains:
 * @conn: pointer to the hypervisor connection
 * @ids: array to collect the ids of the active domains (OUT)
 * @maxids: size of @ids
 *
 * Collects the ids of the active domains, in ascending order.
 *
 * Returns the number of ids stored (at most @maxids) or -1 in case of
 * error.
 */
int
virConnectListDomains(virConnectPtr conn, int *ids, int maxids)
{
    const void *slot = CONN_SLOT(conn, connectListDomains);
    int ret;

    VIR_DEBUG("conn=%p, ids=%p, maxids=%d", (void *)conn, (void *)ids, maxids);
    if (!virConnectCheckRead(conn, slot, __func__) ||
        !virCheckArg(maxids >= 0, conn, __func__,
                     "argument 'maxids' must not be negative") ||
        !virCheckArg(ids != NULL || maxids == 0, conn, __func__,
                     "argument 'ids' must not be NULL"))
        return -1;
    if ((ret = conn->driver->connectListDomains(conn, ids, maxids)) < 0)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virConnectNumOfDomains:
 * @conn: pointer to the hypervisor connection
 *
 * Provides the number of active domains.
 *
 * Returns the number of domains found or -1 in case of error.
 */
int
virConnectNumOfDomains(virConnectPtr conn)
{
    const void *slot = CONN_SLOT(conn, connectNumOfDomains);
    int ret;

    VIR_DEBUG("conn=%p", (void *)conn);
    if (!virConnectCheckRead(conn, slot, __func__))
        return -1;
    if ((ret = conn->driver->connectNumOfDomains(conn)) < 0)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virConnectListDefinedDomains:
 * @conn: pointer to the hypervisor connection
 * @names: array to store the names of the defined (inactive) domains (OUT)
 * @maxnames: size of @names
 *
 * Lists the domains that are defined but not running, sorted by name.
 * Each name stored is a newly allocated string that the caller must
 * free() (cast away the const).
 *
 * Returns the number of names stored (at most @maxnames) or -1 in case of
 * error.
 */
int
virConnectListDefinedDomains(virConnectPtr conn, const char **names,
                             int maxnames)
{
    const void *slot = CONN_SLOT(conn, connectListDefinedDomains);
    int ret;

    VIR_DEBUG("conn=%p, names=%p, maxnames=%d", (void *)conn, (void *)names,
              maxnames);
    if (!virConnectCheckRead(conn, slot, __func__) ||
        !virCheckArg(maxnames >= 0, conn, __func__,
                     "argument 'maxnames' must not be negative") ||
        !virCheckArg(names != NULL || maxnames == 0, conn, __func__,
                     "argument 'names' must not be NULL"))
        return -1;
    ret =
        conn->driver->connectListDefinedDomains(conn, (char **)names, maxnames);
    if (ret < 0)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virConnectNumOfDefinedDomains:
 * @conn: pointer to the hypervisor connection
 *
 * Provides the number of domains that are defined but not running.
 *
 * Returns the number of domains found or -1 in case of error.
 */
int
virConnectNumOfDefinedDomains(virConnectPtr conn)
{
    const void *slot = CONN_SLOT(conn, connectNumOfDefinedDomains);
    int ret;

    VIR_DEBUG("conn=%p", (void *)conn);
    if (!virConnectCheckRead(conn, slot, __func__))
        return -1;
    if ((ret = conn->driver->connectNumOfDefinedDomains(conn)) < 0)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virConnectGetEventFd:
 * @conn: pointer to the hypervisor connection
 *
 * See libvir_events.h: an extension beyond the reference API.
 *
 * Returns a file descriptor to poll, or -1 in case of error
 * (VIR_ERR_NO_SUPPORT when the driver has no change events).
 */
int
virConnectGetEventFd(virConnectPtr conn)
{
    const void *slot = CONN_SLOT(conn, connectGetEventFd);
    int ret;

    VIR_DEBUG("conn=%p", (void *)conn);
    if (!virConnectCheckRead(conn, slot, __func__))
        return -1;
    if ((ret = conn->driver->connectGetEventFd(conn)) < 0)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/* ---- creating and finding domains ----------------------------------- */

/**
 * virDomainCreateLinux:
 * @conn: pointer to the hypervisor connection
 * @xmlDesc: an XML description of the domain, as virDomainGetXMLDesc()
 *           writes it
 * @flags: 0 (no flag is defined yet)
 *
 * Launches a new transient guest domain: it exists while it runs.
 *
 * Returns a new domain object or NULL in case of failure (bad XML, name
 * or UUID taken, not enough free memory).
 */
virDomainPtr
virDomainCreateLinux(virConnectPtr conn, const char *xmlDesc,
                     unsigned int flags)
{
    const void *slot = CONN_SLOT(conn, domainCreateLinux);
    virDomainPtr ret;

    VIR_DEBUG("conn=%p, xmlDesc=%s, flags=0x%x", (void *)conn,
              VIR_NULLSTR(xmlDesc), flags);
    virResetLastError();
    if (!virCheckConnect(conn, __func__) || !virCheckWritable(conn, __func__) ||
        !virCheckSlot(slot, conn, __func__) ||
        !virCheckArg(xmlDesc != NULL, conn, __func__,
                     "argument 'xmlDesc' must not be NULL"))
        return NULL;
    if ((ret = conn->driver->domainCreateLinux(conn, xmlDesc, flags)) == NULL)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virDomainLookupByName:
 * @conn: pointer to the hypervisor connection
 * @name: name of the domain
 *
 * Finds a domain, running or only defined, by its name.
 *
 * Returns a new domain object or NULL in case of failure
 * (VIR_ERR_NO_DOMAIN when there is none of that name).
 */
virDomainPtr
virDomainLookupByName(virConnectPtr conn, const char *name)
{
    const void *slot = CONN_SLOT(conn, domainLookupByName);
    virDomainPtr ret;

    VIR_DEBUG("conn=%p, name=%s", (void *)conn, VIR_NULLSTR(name));
    if (!virConnectCheckRead(conn, slot, __func__) ||
        !virCheckArg(name != NULL, conn, __func__,
                     "argument 'name' must not be NULL"))
        return NULL;
    if ((ret = conn->driver->domainLookupByName(conn, name)) == NULL)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virDomainLookupByID:
 * @conn: pointer to the hypervisor connection
 * @id: the domain's hypervisor id
 *
 * Finds a running domain by its id.
 *
 * Returns a new domain object or NULL in case of failure.
 */
virDomainPtr
virDomainLookupByID(virConnectPtr conn, int id)
{
    const void *slot = CONN_SLOT(conn, domainLookupByID);
    virDomainPtr ret;

    VIR_DEBUG("conn=%p, id=%d", (void *)conn, id);
    if (!virConnectCheckRead(conn, slot, __func__) ||
        !virCheckArg(id >= 0, conn, __func__,
                     "argument 'id' must not be negative"))
        return NULL;
    if ((ret = conn->driver->domainLookupByID(conn, id)) == NULL)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virDomainLookupByUUID:
 * @conn: pointer to the hypervisor connection
 * @uuid: the raw UUID of the domain (16 bytes)
 *
 * Finds a domain, running or only defined, by its UUID.
 *
 * Returns a new domain object or NULL in case of failure.
 */
virDomainPtr
virDomainLookupByUUID(virConnectPtr conn, const unsigned char *uuid)
{
    const void *slot = CONN_SLOT(conn, domainLookupByUUID);
    virDomainPtr ret;

    VIR_UUID_DEBUG(conn, uuid);
    if (!virConnectCheckRead(conn, slot, __func__) ||
        !virCheckArg(uuid != NULL, conn, __func__,
                     "argument 'uuid' must not be NULL"))
        return NULL;
    if ((ret = conn->driver->domainLookupByUUID(conn, uuid)) == NULL)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virDomainLookupByUUIDString:
 * @conn: pointer to the hypervisor connection
 * @uuidstr: the UUID of the domain as text
 *           ("4dea22b3-1d52-d8f3-2516-782e98ab3fa0")
 *
 * Finds a domain, running or only defined, by its UUID.
 *
 * Returns a new domain object or NULL in case of failure
 * (VIR_ERR_INVALID_ARG when @uuidstr is not a UUID).
 */
virDomainPtr
virDomainLookupByUUIDString(virConnectPtr conn, const char *uuidstr)
{
    const void *slot = CONN_SLOT(conn, domainLookupByUUID);
    unsigned char uuid[VIR_UUID_BUFLEN];
    virDomainPtr ret;

    VIR_DEBUG("conn=%p, uuidstr=%s", (void *)conn, VIR_NULLSTR(uuidstr));
    if (!virConnectCheckRead(conn, slot, __func__) ||
        !virCheckArg(uuidstr != NULL, conn, __func__,
                     "argument 'uuidstr' must not be NULL"))
        return NULL;
    if (virUUIDParse(uuidstr, uuid) < 0) {
        virReportHandleErrorFull(
            conn, NULL, VIR_FROM_API, VIR_ERR_INVALID_ARG, __FILE__, __func__,
            __LINE__, "%s: '%s' is not a valid UUID", __func__, uuidstr);
        return NULL;
    }
    if ((ret = conn->driver->domainLookupByUUID(conn, uuid)) == NULL)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virDomainDefineXML:
 * @conn: pointer to the hypervisor connection
 * @xml: the XML description of the domain, in UTF-8
 *
 * Defines a domain (makes it persistent) without starting it.  Defining
 * an existing domain again with the same name and UUID updates its
 * definition.
 *
 * Returns NULL in case of error, a new domain object otherwise.
 */
virDomainPtr
virDomainDefineXML(virConnectPtr conn, const char *xml)
{
    const void *slot = CONN_SLOT(conn, domainDefineXML);
    virDomainPtr ret;

    VIR_DEBUG("conn=%p, xml=%s", (void *)conn, VIR_NULLSTR(xml));
    virResetLastError();
    if (!virCheckConnect(conn, __func__) || !virCheckWritable(conn, __func__) ||
        !virCheckSlot(slot, conn, __func__) ||
        !virCheckArg(xml != NULL, conn, __func__,
                     "argument 'xml' must not be NULL"))
        return NULL;
    if ((ret = conn->driver->domainDefineXML(conn, xml)) == NULL)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virDomainRestore:
 * @conn: pointer to the hypervisor connection
 * @from: path of a file written by virDomainSave()
 *
 * Restores a domain saved by virDomainSave(); it runs again with a new
 * id.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainRestore(virConnectPtr conn, const char *from)
{
    const void *slot = CONN_SLOT(conn, domainRestore);
    int ret;

    VIR_DEBUG("conn=%p, from=%s", (void *)conn, VIR_NULLSTR(from));
    virResetLastError();
    if (!virCheckConnect(conn, __func__) || !virCheckWritable(conn, __func__) ||
        !virCheckSlot(slot, conn, __func__) ||
        !virCheckArg(from != NULL, conn, __func__,
                     "argument 'from' must not be NULL"))
        return -1;
    if ((ret = conn->driver->domainRestore(conn, from)) < 0)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virDomainFree:
 * @domain: a domain object
 *
 * Releases the caller's reference to the domain object.  The domain
 * itself is not affected.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainFree(virDomainPtr domain)
{
    VIR_DOMAIN_DEBUG(domain, "");
    virResetLastError();
    if (!virCheckDomain(domain, __func__))
        return -1;
    virUnrefDomain(domain);
    return 0;
}

/* ---- domain lifecycle ----------------------------------------------- */

/* The body shared by the simple state-changing calls. */
static int
virDomainCallSimple(virDomainPtr domain, virDrvDomainSimple fn,
                    const char *func)
{
    int ret;

    if (!virDomainCheckWrite(domain, (const void *)fn, func))
        return -1;
    if ((ret = fn(domain)) < 0)
        virDispatchError(domain->conn, domain, func);
    return ret;
}

#define DOM_FN(dom, slot) \
    (virDomainIsValid(dom) ? (dom)->conn->driver->slot : NULL)

/**
 * virDomainUndefine:
 * @domain: pointer to a defined domain
 *
 * Removes the domain's definition.  A running domain keeps running, as a
 * transient domain that disappears when it stops.
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virDomainUndefine(virDomainPtr domain)
{
    VIR_DOMAIN_DEBUG(domain, "");
    return virDomainCallSimple(domain, DOM_FN(domain, domainUndefine),
                               __func__);
}

/**
 * virDomainCreate:
 * @domain: pointer to a defined, shut-off domain
 *
 * Launches a defined domain; it gets a fresh id.
 *
 * Returns 0 in case of success, -1 in case of error.
 */
int
virDomainCreate(virDomainPtr domain)
{
    VIR_DOMAIN_DEBUG(domain, "");
    return virDomainCallSimple(domain, DOM_FN(domain, domainCreate), __func__);
}

/**
 * virDomainSuspend:
 * @domain: a domain object
 *
 * Suspends a running domain: it gets no more CPU time but keeps its
 * memory.  Resume it with virDomainResume().
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSuspend(virDomainPtr domain)
{
    VIR_DOMAIN_DEBUG(domain, "");
    return virDomainCallSimple(domain, DOM_FN(domain, domainSuspend), __func__);
}

/**
 * virDomainResume:
 * @domain: a domain object
 *
 * Resumes a domain suspended by virDomainSuspend().
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainResume(virDomainPtr domain)
{
    VIR_DOMAIN_DEBUG(domain, "");
    return virDomainCallSimple(domain, DOM_FN(domain, domainResume), __func__);
}

/**
 * virDomainShutdown:
 * @domain: a domain object
 *
 * Asks the domain's OS to shut down.  The call returns at once; the
 * domain is in state VIR_DOMAIN_SHUTDOWN until it is shut off.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainShutdown(virDomainPtr domain)
{
    VIR_DOMAIN_DEBUG(domain, "");
    return virDomainCallSimple(domain, DOM_FN(domain, domainShutdown),
                               __func__);
}

/**
 * virDomainReboot:
 * @domain: a domain object
 * @flags: 0 (no flag is defined yet)
 *
 * Asks the domain's OS to reboot.  The domain keeps its name and UUID but
 * comes back with a new id.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainReboot(virDomainPtr domain, unsigned int flags)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", flags=0x%x", flags);
    if (!virDomainCheckWrite(domain, DOM_SLOT(domain, domainReboot), __func__))
        return -1;
    if ((ret = domain->conn->driver->domainReboot(domain, flags)) < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/**
 * virDomainDestroy:
 * @domain: a domain object
 *
 * Stops the domain at once and gives its resources back to the host.  As
 * the reference specifies, on success the caller's reference to @domain
 * is released: do not use or free @domain afterwards.  On failure the
 * reference is kept.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainDestroy(virDomainPtr domain)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, "");
    if (!virDomainCheckWrite(domain, DOM_SLOT(domain, domainDestroy), __func__))
        return -1;
    if ((ret = domain->conn->driver->domainDestroy(domain)) < 0) {
        virDispatchError(domain->conn, domain, __func__);
        return ret;
    }
    virUnrefDomain(domain);
    return ret;
}

/**
 * virDomainSave:
 * @domain: a domain object
 * @to: path for the output file
 *
 * Suspends the domain and saves its memory to a file; the domain then
 * stops running.  virDomainRestore() brings it back.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSave(virDomainPtr domain, const char *to)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", to=%s", VIR_NULLSTR(to));
    if (!virDomainCheckWrite(domain, DOM_SLOT(domain, domainSave), __func__) ||
        !virCheckArg(to != NULL, domain->conn, __func__,
                     "argument 'to' must not be NULL"))
        return -1;
    if ((ret = domain->conn->driver->domainSave(domain, to)) < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/**
 * virDomainCoreDump:
 * @domain: a domain object
 * @to: path for the core file
 * @flags: 0 (no flag is defined yet)
 *
 * Dumps the core of a running domain to a file for analysis; the domain
 * keeps running.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainCoreDump(virDomainPtr domain, const char *to, int flags)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", to=%s, flags=0x%x", VIR_NULLSTR(to),
                     (unsigned int)flags);
    if (!virDomainCheckWrite(domain, DOM_SLOT(domain, domainCoreDump),
                             __func__) ||
        !virCheckArg(to != NULL, domain->conn, __func__,
                     "argument 'to' must not be NULL"))
        return -1;
    if ((ret = domain->conn->driver->domainCoreDump(domain, to, flags)) < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/* ---- domain information --------------------------------------------- */

/**
 * virDomainGetName:
 * @domain: a domain object
 *
 * Gets the public name of the domain.
 *
 * Returns a pointer to the name or NULL in case of error; the string
 * belongs to @domain and lives as long as it.
 */
const char *
virDomainGetName(virDomainPtr domain)
{
    VIR_DOMAIN_DEBUG(domain, "");
    virResetLastError();
    if (!virCheckDomain(domain, __func__))
        return NULL;
    return domain->name;
}

/**
 * virDomainGetID:
 * @domain: a domain object
 *
 * Gets the hypervisor id of the domain.
 *
 * Returns the id, or (unsigned int)-1 when the domain is not running or in
 * case of error.
 */
unsigned int
virDomainGetID(virDomainPtr domain)
{
    int id;

    VIR_DOMAIN_DEBUG(domain, "");
    virResetLastError();
    if (!virCheckDomain(domain, __func__))
        return (unsigned int)-1;
    if (domain->conn->driver->domainGetID == NULL)
        return (unsigned int)domain->id;
    id = domain->conn->driver->domainGetID(domain);
    if (id < 0 && virErrorIsSet())
        virDispatchError(domain->conn, domain, __func__);
    return (unsigned int)id;
}

/**
 * virDomainGetUUID:
 * @domain: a domain object
 * @uuid: pointer to a 16-byte array (OUT)
 *
 * Gets the raw UUID of the domain.
 *
 * Returns -1 in case of error, 0 in case of success.
 */
int
virDomainGetUUID(virDomainPtr domain, unsigned char *uuid)
{
    VIR_DOMAIN_DEBUG(domain, ", uuid=%p", (void *)uuid);
    virResetLastError();
    if (!virCheckDomain(domain, __func__) ||
        !virCheckArg(uuid != NULL, domain->conn, __func__,
                     "argument 'uuid' must not be NULL"))
        return -1;
    memcpy(uuid, domain->uuid, VIR_UUID_BUFLEN);
    return 0;
}

/**
 * virDomainGetUUIDString:
 * @domain: a domain object
 * @buf: pointer to a 37-byte array (OUT)
 *
 * Gets the UUID of the domain as text (RFC 4122 form, lower case).
 *
 * Returns -1 in case of error, 0 in case of success.
 */
int
virDomainGetUUIDString(virDomainPtr domain, char *buf)
{
    VIR_DOMAIN_DEBUG(domain, ", buf=%p", (void *)buf);
    virResetLastError();
    if (!virCheckDomain(domain, __func__) ||
        !virCheckArg(buf != NULL, domain->conn, __func__,
                     "argument 'buf' must not be NULL"))
        return -1;
    virUUIDFormat(domain->uuid, buf);
    return 0;
}

/**
 * virDomainGetOSType:
 * @domain: a domain object
 *
 * Gets the type of the domain's operating system ("linux" for a
 * paravirtualized guest, "hvm" for a fully virtualized one).
 *
 * Returns a new string or NULL in case of error; the caller frees it.
 */
char *
virDomainGetOSType(virDomainPtr domain)
{
    char *ret;

    VIR_DOMAIN_DEBUG(domain, "");
    if (!virDomainCheckRead(domain, DOM_SLOT(domain, domainGetOSType),
                            __func__))
        return NULL;
    if ((ret = domain->conn->driver->domainGetOSType(domain)) == NULL)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/**
 * virDomainGetInfo:
 * @domain: a domain object
 * @info: pointer to a virDomainInfo structure allocated by the caller
 *        (OUT)
 *
 * Extracts the state, memory, vcpu count and cpu time of the domain.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainGetInfo(virDomainPtr domain, virDomainInfoPtr info)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", info=%p", (void *)info);
    if (!virDomainCheckRead(domain, DOM_SLOT(domain, domainGetInfo),
                            __func__) ||
        !virCheckArg(info != NULL, domain->conn, __func__,
                     "argument 'info' must not be NULL"))
        return -1;
    if ((ret = domain->conn->driver->domainGetInfo(domain, info)) < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/**
 * virDomainGetXMLDesc:
 * @domain: a domain object
 * @flags: 0 (no flag is defined yet)
 *
 * Provides an XML description of the domain, which virDomainDefineXML()
 * and virDomainCreateLinux() accept back.
 *
 * Returns a new UTF-8 string (the caller frees it) or NULL in case of
 * error.
 */
char *
virDomainGetXMLDesc(virDomainPtr domain, int flags)
{
    char *ret;

    VIR_DOMAIN_DEBUG(domain, ", flags=0x%x", (unsigned int)flags);
    if (!virDomainCheckRead(domain, DOM_SLOT(domain, domainGetXMLDesc),
                            __func__))
        return NULL;
    if ((ret = domain->conn->driver->domainGetXMLDesc(domain, flags)) == NULL)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/* ---- memory --------------------------------------------------------- */

/**
 * virDomainGetMaxMemory:
 * @domain: a domain object
 *
 * Retrieves the maximum memory the domain may use.  The reference's form
 * with a NULL domain (meaning Domain-0) cannot name a connection; use
 * virDomainLookupByID(conn, 0) instead.
 *
 * Returns the memory size in KiB or 0 in case of error.
 */
unsigned long
virDomainGetMaxMemory(virDomainPtr domain)
{
    unsigned long ret;

    VIR_DOMAIN_DEBUG(domain, "");
    if (!virDomainCheckRead(domain, DOM_SLOT(domain, domainGetMaxMemory),
                            __func__))
        return 0;
    if ((ret = domain->conn->driver->domainGetMaxMemory(domain)) == 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/**
 * virDomainSetMaxMemory:
 * @domain: a domain object
 * @memory: the new maximum, in KiB (not below the current memory)
 *
 * Changes the maximum memory the domain may use.
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSetMaxMemory(virDomainPtr domain, unsigned long memory)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", memory=%lu", memory);
    if (!virDomainCheckWrite(domain, DOM_SLOT(domain, domainSetMaxMemory),
                             __func__) ||
        !virCheckArg(memory > 0, domain->conn, __func__,
                     "argument 'memory' must not be 0"))
        return -1;
    if ((ret = domain->conn->driver->domainSetMaxMemory(domain, memory)) < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/**
 * virDomainSetMemory:
 * @domain: a domain object
 * @memory: the new target, in KiB (not above the maximum)
 *
 * Changes the memory target of the domain (ballooning).
 *
 * Returns 0 in case of success and -1 in case of failure.
 */
int
virDomainSetMemory(virDomainPtr domain, unsigned long memory)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", memory=%lu", memory);
    if (!virDomainCheckWrite(domain, DOM_SLOT(domain, domainSetMemory),
                             __func__) ||
        !virCheckArg(memory > 0, domain->conn, __func__,
                     "argument 'memory' must not be 0"))
        return -1;
    if ((ret = domain->conn->driver->domainSetMemory(domain, memory)) < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/* ---- virtual cpus --------------------------------------------------- */

/**
 * virDomainSetVcpus:
 * @domain: a domain object
 * @nvcpus: the new number of online virtual CPUs, 1 to the domain's
 *          maximum
 *
 * Changes the number of online virtual CPUs of the domain.
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainSetVcpus(virDomainPtr domain, unsigned int nvcpus)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", nvcpus=%u", nvcpus);
    if (!virDomainCheckWrite(domain, DOM_SLOT(domain, domainSetVcpus),
                             __func__) ||
        !virCheckArg(nvcpus > 0, domain->conn, __func__,
                     "argument 'nvcpus' must not be 0"))
        return -1;
    if ((ret = domain->conn->driver->domainSetVcpus(domain, nvcpus)) < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/**
 * virDomainPinVcpu:
 * @domain: a domain object
 * @vcpu: virtual CPU number
 * @cpumap: bit map of the physical CPUs @vcpu may run on (IN): bytes in
 *          little-endian order (CPU0-7, 8-15...), lowest CPU number in
 *          the least significant bit
 * @maplen: number of bytes in @cpumap, 1 up to the host's map size;
 *          missing bytes count as zero
 *
 * Changes the physical CPUs a virtual CPU may run on.
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainPinVcpu(virDomainPtr domain, unsigned int vcpu, unsigned char *cpumap,
                 int maplen)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", vcpu=%u, cpumap=%p, maplen=%d", vcpu,
                     (void *)cpumap, maplen);
    if (!virDomainCheckWrite(domain, DOM_SLOT(domain, domainPinVcpu),
                             __func__) ||
        !virCheckArg(cpumap != NULL, domain->conn, __func__,
                     "argument 'cpumap' must not be NULL") ||
        !virCheckArg(maplen >= 1, domain->conn, __func__,
                     "argument 'maplen' must be at least 1"))
        return -1;
    ret = domain->conn->driver->domainPinVcpu(domain, vcpu, cpumap, maplen);
    if (ret < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/**
 * virDomainGetVcpus:
 * @domain: a domain object
 * @info: array of @maxinfo virVcpuInfo structures (OUT)
 * @maxinfo: number of structures in @info, at least 1
 * @cpumaps: NULL, or @maxinfo * @maplen bytes that receive each vcpu's
 *           cpumap in the format of virDomainPinVcpu() (OUT)
 * @maplen: bytes in one cpumap (at least 1 when @cpumaps is given)
 *
 * Extracts information about the virtual CPUs of a running domain.
 *
 * Returns the number of entries filled, or -1 in case of failure.
 */
int
virDomainGetVcpus(virDomainPtr domain, virVcpuInfoPtr info, int maxinfo,
                  unsigned char *cpumaps, int maplen)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", info=%p, maxinfo=%d, cpumaps=%p, maplen=%d",
                     (void *)info, maxinfo, (void *)cpumaps, maplen);
    if (!virDomainCheckRead(domain, DOM_SLOT(domain, domainGetVcpus),
                            __func__) ||
        !virCheckArg(info != NULL, domain->conn, __func__,
                     "argument 'info' must not be NULL") ||
        !virCheckArg(maxinfo >= 1, domain->conn, __func__,
                     "argument 'maxinfo' must be at least 1") ||
        !virCheckArg(cpumaps == NULL || maplen >= 1, domain->conn, __func__,
                     "argument 'maplen' must be at least 1"))
        return -1;
    ret = domain->conn->driver->domainGetVcpus(domain, info, maxinfo, cpumaps,
                                               maplen);
    if (ret < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/* ---- devices -------------------------------------------------------- */

/**
 * virDomainAttachDevice:
 * @domain: pointer to domain object
 * @xml: XML description of one device (<disk> or <interface>)
 *
 * Attaches a virtual device to the domain; it appears in the domain's XML.
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainAttachDevice(virDomainPtr domain, char *xml)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", xml=%s", VIR_NULLSTR(xml));
    if (!virDomainCheckWrite(domain, DOM_SLOT(domain, domainAttachDevice),
                             __func__) ||
        !virCheckArg(xml != NULL, domain->conn, __func__,
                     "argument 'xml' must not be NULL"))
        return -1;
    if ((ret = domain->conn->driver->domainAttachDevice(domain, xml)) < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/**
 * virDomainDetachDevice:
 * @domain: pointer to domain object
 * @xml: XML description of the device to remove (a <disk> is matched by
 *       its target, an <interface> by its MAC address)
 *
 * Detaches a virtual device from the domain.
 *
 * Returns 0 in case of success, -1 in case of failure.
 */
int
virDomainDetachDevice(virDomainPtr domain, char *xml)
{
    int ret;

    VIR_DOMAIN_DEBUG(domain, ", xml=%s", VIR_NULLSTR(xml));
    if (!virDomainCheckWrite(domain, DOM_SLOT(domain, domainDetachDevice),
                             __func__) ||
        !virCheckArg(xml != NULL, domain->conn, __func__,
                     "argument 'xml' must not be NULL"))
        return -1;
    if ((ret = domain->conn->driver->domainDetachDevice(domain, xml)) < 0)
        virDispatchError(domain->conn, domain, __func__);
    return ret;
}

/* ---- device statistics (libvir_stats.h) ----------------------------- */

typedef enum {
    VIR_STATS_BLOCK,
    VIR_STATS_BLOCK_XEN,
    VIR_STATS_INTERFACE
} virStatsKind;

/* The body of the three statistics calls: checks, then the driver's
 * slot for @kind on a whole struct preset to "unknown", of which the
 * caller gets its @size bytes. */
static int
virDomainStatsCall(virDomainPtr dom, virStatsKind kind, const char *device,
                   void *stats, size_t size, const char *func)
{
    union {
        virDomainBlockStatsStruct block;
        virDomainBlockStatsXenStruct xen;
        virDomainInterfaceStatsStruct iface;
    } full;
    const virDriver *drv = virDomainIsValid(dom) ? dom->conn->driver : NULL;
    const void *slot = NULL;
    size_t fullSize = sizeof(full.iface);
    const char *what = "device";
    int ret = -1;

    if (kind != VIR_STATS_INTERFACE) {
        what = "disk";
        fullSize =
            kind == VIR_STATS_BLOCK ? sizeof(full.block) : sizeof(full.xen);
    }
    if (drv != NULL) {
        slot = kind == VIR_STATS_BLOCK ? (const void *)drv->domainBlockStats
               : kind == VIR_STATS_BLOCK_XEN
                   ? (const void *)drv->domainBlockStatsXen
                   : (const void *)drv->domainInterfaceStats;
    }
    if (!virDomainCheckRead(dom, slot, func))
        return -1;
    if (device == NULL) {
        virReportHandleErrorFull(
            dom->conn, NULL, VIR_FROM_API, VIR_ERR_INVALID_ARG, __FILE__, func,
            __LINE__, "%s: argument '%s' must not be NULL", func, what);
        return -1;
    }
    if (!virCheckArg(stats != NULL, dom->conn, func,
                     "argument 'stats' must not be NULL"))
        return -1;
    if (size > fullSize) {
        virReportHandleErrorFull(
            dom->conn, NULL, VIR_FROM_API, VIR_ERR_INVALID_ARG, __FILE__, func,
            __LINE__,
            "%s: argument 'size' %zu is larger than the library's struct "
            "(%zu bytes)",
            func, size, fullSize);
        return -1;
    }
    /* Every member is a long long, and all bits set is -1 in one: "not
     * known" until the driver says otherwise. */
    memset(&full, 0xff, sizeof(full));
    switch (kind) {
    case VIR_STATS_BLOCK:
        ret = drv->domainBlockStats(dom, device, &full.block);
        break;
    case VIR_STATS_BLOCK_XEN:
        ret = drv->domainBlockStatsXen(dom, device, &full.xen);
        break;
    case VIR_STATS_INTERFACE:
        ret = drv->domainInterfaceStats(dom, device, &full.iface);
        break;
    }
    if (ret < 0) {
        virDispatchError(dom->conn, dom, func);
        return ret;
    }
    memcpy(stats, &full, size);
    return ret;
}

/**
 * virDomainBlockStats:
 * @dom: pointer to a running domain
 * @disk: the disk's target ("xvda")
 * @stats: the counters (OUT)
 * @size: sizeof(*@stats), at most sizeof(virDomainBlockStatsStruct)
 *
 * See libvir_stats.h: an extension beyond the reference API.
 *
 * Returns 0, or -1 in case of error.
 */
int
virDomainBlockStats(virDomainPtr dom, const char *disk,
                    virDomainBlockStatsPtr stats, size_t size)
{
    VIR_DOMAIN_DEBUG(dom, ", disk=%s, stats=%p, size=%zu", VIR_NULLSTR(disk),
                     (void *)stats, size);
    return virDomainStatsCall(dom, VIR_STATS_BLOCK, disk, stats, size,
                              __func__);
}

/**
 * virDomainBlockStatsXen:
 * @dom: pointer to a running domain
 * @disk: the disk's target ("xvda")
 * @stats: the counters (OUT)
 * @size: sizeof(*@stats), at most sizeof(virDomainBlockStatsXenStruct)
 *
 * See libvir_stats.h: an extension beyond the reference API.
 *
 * Returns 0, or -1 in case of error.
 */
int
virDomainBlockStatsXen(virDomainPtr dom, const char *disk,
                       virDomainBlockStatsXenPtr stats, size_t size)
{
    VIR_DOMAIN_DEBUG(dom, ", disk=%s, stats=%p, size=%zu", VIR_NULLSTR(disk),
                     (void *)stats, size);
    return virDomainStatsCall(dom, VIR_STATS_BLOCK_XEN, disk, stats, size,
                              __func__);
}

/**
 * virDomainInterfaceStats:
 * @dom: pointer to a running domain
 * @device: the interface's name in dom0 ("vif3.0") or its MAC address
 * @stats: the counters (OUT)
 * @size: sizeof(*@stats), at most sizeof(virDomainInterfaceStatsStruct)
 *
 * See libvir_stats.h: an extension beyond the reference API.
 *
 * Returns 0, or -1 in case of error.
 */
int
virDomainInterfaceStats(virDomainPtr dom, const char *device,
                        virDomainInterfaceStatsPtr stats, size_t size)
{
    VIR_DOMAIN_DEBUG(dom, ", device=%s, stats=%p, size=%zu",
                     VIR_NULLSTR(device), (void *)stats, size);
    return virDomainStatsCall(dom, VIR_STATS_INTERFACE, device, stats, size,
                              __func__);
}

/* The body shared by the two device lists. */
static int
virDomainListDevices(virDomainPtr dom, virDrvDomainListDevices fn,
                     char ***names, unsigned int flags, const char *func)
{
    int ret;

    if (names != NULL)
        *names = NULL;
    if (!virDomainCheckRead(dom, (const void *)fn, func) ||
        !virCheckArg(flags == 0, dom->conn, func, "argument 'flags' must be 0"))
        return -1;
    if ((ret = fn(dom, names)) < 0)
        virDispatchError(dom->conn, dom, func);
    return ret;
}

/**
 * virDomainListBlockDevices:
 * @dom: pointer to a domain
 * @disks: where to store a new NULL-terminated array of the disks'
 *         targets, or NULL (OUT)
 * @flags: 0 (no flag is defined yet)
 *
 * See libvir_stats.h: an extension beyond the reference API.
 *
 * Returns the number of disks, or -1 in case of error.
 */
int
virDomainListBlockDevices(virDomainPtr dom, char ***disks, unsigned int flags)
{
    VIR_DOMAIN_DEBUG(dom, ", disks=%p, flags=0x%x", (void *)disks, flags);
    return virDomainListDevices(dom, DOM_FN(dom, domainListBlockDevices), disks,
                                flags, __func__);
}

/**
 * virDomainListInterfaces:
 * @dom: pointer to a domain
 * @ifaces: where to store a new NULL-terminated array of the interfaces'
 *          dom0 names, or NULL (OUT)
 * @flags: 0 (no flag is defined yet)
 *
 * See libvir_stats.h: an extension beyond the reference API.
 *
 * Returns the number of interfaces, or -1 in case of error.
 */
int
virDomainListInterfaces(virDomainPtr dom, char ***ifaces, unsigned int flags)
{
    VIR_DOMAIN_DEBUG(dom, ", ifaces=%p, flags=0x%x", (void *)ifaces, flags);
    return virDomainListDevices(dom, DOM_FN(dom, domainListInterfaces), ifaces,
                                flags, __func__);
}

/**
 * virConnectGetAllDomainIOStats:
 * @conn: pointer to the hypervisor connection
 * @records: where to store a new NULL-terminated array of records (OUT)
 * @flags: 0 (no flag is defined yet)
 *
 * See libvir_stats.h: an extension beyond the reference API.
 *
 * Returns the number of records, or -1 in case of error.
 */
int
virConnectGetAllDomainIOStats(virConnectPtr conn,
                              virDomainIOStatsRecordPtr **records,
                              unsigned int flags)
{
    const void *slot = CONN_SLOT(conn, connectGetAllDomainIOStats);
    int ret;

    VIR_DEBUG("conn=%p, records=%p, flags=0x%x", (void *)conn, (void *)records,
              flags);
    if (records != NULL)
        *records = NULL;
    if (!virConnectCheckRead(conn, slot, __func__) ||
        !virCheckArg(records != NULL, conn, __func__,
                     "argument 'records' must not be NULL") ||
        !virCheckArg(flags == 0, conn, __func__, "argument 'flags' must be 0"))
        return -1;
    if ((ret = conn->driver->connectGetAllDomainIOStats(conn, records)) < 0)
        virDispatchError(conn, NULL, __func__);
    return ret;
}

/**
 * virDomainIOStatsRecordListFree:
 * @records: an array from virConnectGetAllDomainIOStats(), or NULL
 *
 * See libvir_stats.h: an extension beyond the reference API.
 */
void
virDomainIOStatsRecordListFree(virDomainIOStatsRecordPtr *records)
{
    VIR_DEBUG("records=%p", (void *)records);
    virIOStatsListFree(records);
}

/* ---- errors about a connection, and where errors come from ---------- */

/**
 * virConnGetLastError:
 * @conn: a connection
 *
 * The last error reported about @conn, whatever thread reported it.
 * Does not reset the calling thread's last error.
 *
 * Returns a pointer to it, valid while @conn is open and until the next
 * error on it, or NULL if none (or if @conn is invalid).
 */
virErrorPtr
virConnGetLastError(virConnectPtr conn)
{
    VIR_DEBUG("conn=%p", (void *)conn);
    if (!virConnectIsValid(conn) || conn->err.err.code == VIR_ERR_OK)
        return NULL;
    return &conn->err.err;
}

/**
 * virConnResetLastError:
 * @conn: a connection
 *
 * Clears the last error kept on @conn.
 */
void
virConnResetLastError(virConnectPtr conn)
{
    VIR_DEBUG("conn=%p", (void *)conn);
    if (virConnectIsValid(conn))
        virErrorSlotReset(&conn->err);
}

/**
 * virErrorGetOrigin:
 * @err: an error as virGetLastError() or virConnGetLastError() returned it
 * @file: where to store the library source file that reported it (OUT)
 * @func: where to store the function (OUT)
 * @line: where to store the line (OUT)
 *
 * See libvir_log.h: an extension beyond the reference API.
 *
 * Returns 0, or -1 when @err is not such a record.
 */
int
virErrorGetOrigin(virErrorPtr err, const char **file, const char **func,
                  int *line)
{
    const virErrorSlot *slot;

    VIR_DEBUG("err=%p", (void *)err);
    if (err == NULL)
        return -1;
    slot = virErrorThreadSlot(err);
    if (slot == NULL && virConnectIsValid(err->conn) &&
        err == &err->conn->err.err)
        slot = &err->conn->err;
    return virErrorSlotOrigin(slot, file, func, line);
}
