/*
 * xen_defined.c: defined domains, the xl configuration files of the
 * connection's directory.
 */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "xen_defined.h"
#include "xen_domain_read.h"
#include "error.h"
#include "file.h"
#include "log.h"

#define VIR_FROM_THIS VIR_FROM_XEN

#define XEN_CFG_SUFFIX ".cfg"
/* A configuration file larger than this is not one xl wrote or reads. */
#define XEN_CFG_MAX (1024 * 1024)

static char *
xenDefinedPath(const xenPriv *priv, const char *file)
{
    char *path = NULL;

    if (asprintf(&path, "%s/%s", priv->confdir, file) < 0) {
        virReportOOMError();
        return NULL;
    }
    return path;
}

static xenConfig *
xenDefinedLoad(const char *path)
{
    xenConfig *cfg = NULL;
    char *text = NULL;
    size_t len = 0;

    if (virFileReadAll(path, XEN_CFG_MAX, VIR_ERR_CONFIG_INVALID, &text, &len) <
        0)
        return NULL;
    if ((cfg = xenConfigParse(text, len, path)) != NULL &&
        (cfg->path = strdup(path)) == NULL) {
        virReportOOMError();
        xenConfigFree(cfg);
        cfg = NULL;
    }
    free(text);
    return cfg;
}

static bool
xenDefinedIsConfig(const char *file)
{
    size_t len = strlen(file);
    size_t slen = strlen(XEN_CFG_SUFFIX);

    return file[0] != '.' && len > slen &&
           strcmp(file + len - slen, XEN_CFG_SUFFIX) == 0;
}

typedef int (*xenDefinedVisitor)(xenConfig *cfg, void *opaque);

/* Calls @visit for each parsable configuration (it takes ownership) until
 * it returns non-zero, which is then returned; 0 after the last one, -1
 * when the directory cannot be read.  Unparsable files are skipped. */
static int
xenDefinedForEach(xenPriv *priv, xenDefinedVisitor visit, void *opaque)
{
    struct dirent *ent;
    xenConfig *cfg;
    char *path;
    DIR *dir;
    int ret = 0;

    if ((dir = opendir(priv->confdir)) == NULL) {
        if (errno == ENOENT)
            return 0; /* no directory: no defined domains */
        virReportSystemError(errno, "cannot read the xl config directory '%s'",
                             priv->confdir);
        return -1;
    }
    while (ret == 0 && (ent = readdir(dir)) != NULL) {
        if (!xenDefinedIsConfig(ent->d_name))
            continue;
        if ((path = xenDefinedPath(priv, ent->d_name)) == NULL) {
            ret = -1;
            break;
        }
        cfg = xenDefinedLoad(path);
        free(path);
        if (cfg == NULL) {
            VIR_DEBUG("skipping '%s': %s", ent->d_name,
                      virGetLastError() != NULL ? virGetLastError()->message
                                                : "unreadable");
            virResetLastError();
            continue;
        }
        ret = visit(cfg, opaque);
    }
    closedir(dir);
    return ret;
}

typedef struct _xenDefinedMatch xenDefinedMatch;

struct _xenDefinedMatch {
    const char *name;
    const unsigned char *uuid;
    xenConfig *found;
};

static int
xenDefinedMatchOne(xenConfig *cfg, void *opaque)
{
    xenDefinedMatch *m = opaque;

    if ((m->name != NULL && strcmp(cfg->def->name, m->name) == 0) ||
        (m->uuid != NULL &&
         memcmp(cfg->def->uuid, m->uuid, VIR_UUID_BUFLEN) == 0)) {
        m->found = cfg;
        return 1;
    }
    xenConfigFree(cfg);
    return 0;
}

static int
xenDefinedFind(xenPriv *priv, xenDefinedMatch *m, xenConfig **cfg)
{
    int rc = xenDefinedForEach(priv, xenDefinedMatchOne, m);

    if (rc < 0)
        return -1;
    *cfg = m->found;
    return rc;
}

int
xenDefinedFindByName(xenPriv *priv, const char *name, xenConfig **cfg)
{
    xenDefinedMatch m = {.name = name};

    return xenDefinedFind(priv, &m, cfg);
}

int
xenDefinedFindByUUID(xenPriv *priv, const unsigned char *uuid, xenConfig **cfg)
{
    xenDefinedMatch m = {.uuid = uuid};

    return xenDefinedFind(priv, &m, cfg);
}

int
xenDefinedWrite(xenPriv *priv, const xenConfig *cfg)
{
    char *text = NULL;
    char *path = NULL;
    char *tmp = NULL;
    size_t len;
    int fd = -1;
    int ret = -1;

    if ((text = xenConfigFormat(cfg)) == NULL)
        goto cleanup;
    if (cfg->path != NULL)
        path = strdup(cfg->path);
    else if (asprintf(&path, "%s/%s%s", priv->confdir, cfg->def->name,
                      XEN_CFG_SUFFIX) < 0)
        path = NULL;
    if (path == NULL ||
        asprintf(&tmp, "%s/.%s.XXXXXX", priv->confdir, cfg->def->name) < 0) {
        tmp = NULL;
        virReportOOMError();
        goto cleanup;
    }
    len = strlen(text);
    if ((fd = mkstemp(tmp)) < 0) {
        virReportSystemError(errno, "cannot write xl config in '%s'",
                             priv->confdir);
        goto cleanup;
    }
    if (write(fd, text, len) != (ssize_t)len || fchmod(fd, 0644) < 0 ||
        fsync(fd) < 0 || close(fd) < 0) {
        fd = -1;
        virReportSystemError(errno, "cannot write xl config '%s'", tmp);
        unlink(tmp);
        goto cleanup;
    }
    fd = -1;
    if (rename(tmp, path) < 0) {
        virReportSystemError(errno, "cannot install xl config '%s'", path);
        unlink(tmp);
        goto cleanup;
    }
    ret = 0;

cleanup:
    if (fd >= 0) {
        close(fd);
        unlink(tmp);
    }
    free(text);
    free(path);
    free(tmp);
    return ret;
}

/* ---- listing ---------------------------------------------------------- */

typedef struct _xenDefinedList xenDefinedList;

struct _xenDefinedList {
    xenPriv *priv;
    xenDomInfo *running;
    size_t nrunning;
    char **names; /* NULL: only count */
    int max;
    int count;
    bool failed;
};

static int
xenDefinedListOne(xenConfig *cfg, void *opaque)
{
    xenDefinedList *l = opaque;
    size_t i;

    for (i = 0; i < l->nrunning; i++) {
        if (memcmp(l->running[i].uuid, cfg->def->uuid, VIR_UUID_BUFLEN) == 0)
            goto done; /* running: not in the defined list */
    }
    if (l->names != NULL) {
        if (l->count >= l->max)
            goto done;
        if ((l->names[l->count] = strdup(cfg->def->name)) == NULL) {
            virReportOOMError();
            l->failed = true;
            xenConfigFree(cfg);
            return -1;
        }
    }
    l->count++;
done:
    xenConfigFree(cfg);
    return 0;
}

/* Names in order, as the test driver lists them. */
static int
xenDefinedCompareName(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
xenDefinedCollect(virConnectPtr conn, char **names, int maxnames)
{
    xenDefinedList l = {
        .priv = conn->privateData, .names = names, .max = maxnames};
    int i;

    if (xenDomListAll(l.priv, &l.running, &l.nrunning) < 0)
        return -1;
    if (xenDefinedForEach(l.priv, xenDefinedListOne, &l) < 0 || l.failed) {
        for (i = 0; names != NULL && i < l.count; i++) {
            free(names[i]);
            names[i] = NULL;
        }
        free(l.running);
        return -1;
    }
    free(l.running);
    if (names != NULL)
        qsort(names, (size_t)l.count, sizeof(*names), xenDefinedCompareName);
    return l.count;
}

int
xenConnectListDefinedDomains(virConnectPtr conn, char **names, int maxnames)
{
    return xenDefinedCollect(conn, names, maxnames);
}

int
xenConnectNumOfDefinedDomains(virConnectPtr conn)
{
    return xenDefinedCollect(conn, NULL, 0);
}

/* ---- define and undefine ---------------------------------------------- */

/* Refuses @def when its name or UUID belongs to another domain, running
 * or defined; *@old is the configuration it replaces, if any. */
static int
xenDefinedCheckIdentity(virConnectPtr conn, const virDomainDef *def,
                        xenConfig **old)
{
    xenPriv *priv = conn->privateData;
    xenConfig *byUUID = NULL;
    virDomainPtr running = NULL;
    int ret = -1;

    if (xenDefinedFindByName(priv, def->name, old) < 0 ||
        xenDefinedFindByUUID(priv, def->uuid, &byUUID) < 0)
        goto cleanup;
    if (*old != NULL &&
        memcmp((*old)->def->uuid, def->uuid, VIR_UUID_BUFLEN) != 0) {
        virReportConnError(conn, VIR_ERR_DOM_EXIST,
                           "domain '%s' is already defined with another UUID",
                           def->name);
        goto cleanup;
    }
    if (byUUID != NULL && strcmp(byUUID->def->name, def->name) != 0) {
        virReportConnError(conn, VIR_ERR_DOM_EXIST,
                           "the UUID of '%s' is already used by domain '%s'",
                           def->name, byUUID->def->name);
        goto cleanup;
    }
    running = xenDomainLookupByName(conn, def->name);
    virResetLastError();
    if (running != NULL && running->id >= 0 &&
        memcmp(running->uuid, def->uuid, VIR_UUID_BUFLEN) != 0) {
        virReportConnError(conn, VIR_ERR_DOM_EXIST,
                           "a domain named '%s' with another UUID is running",
                           def->name);
        goto cleanup;
    }
    if (running != NULL)
        virUnrefDomain(running);
    running = xenDomainLookupByUUID(conn, def->uuid);
    virResetLastError();
    if (running != NULL && strcmp(running->name, def->name) != 0) {
        virReportConnError(conn, VIR_ERR_DOM_EXIST,
                           "the UUID of '%s' is already used by domain '%s'",
                           def->name, running->name);
        goto cleanup;
    }
    ret = 0;

cleanup:
    if (running != NULL)
        virUnrefDomain(running);
    xenConfigFree(byUUID);
    return ret;
}

virDomainPtr
xenDomainDefineXML(virConnectPtr conn, const char *xml)
{
    xenPriv *priv = conn->privateData;
    xenConfig *cfg = NULL;
    xenConfig *old = NULL;
    virDomainPtr dom = NULL;

    if ((cfg = calloc(1, sizeof(*cfg))) == NULL) {
        virReportOOMError();
        return NULL;
    }
    if ((cfg->def = virDomainDefParseString(xml)) == NULL)
        goto cleanup;
    if (!cfg->def->uuidSet) {
        if (virUUIDGenerate(cfg->def->uuid) < 0)
            goto cleanup;
        cfg->def->uuidSet = true;
    }
    if (xenDefinedCheckIdentity(conn, cfg->def, &old) < 0)
        goto cleanup;
    if (old != NULL) {
        /* Same file, and what the XML cannot say is kept. */
        cfg->cpuid = old->cpuid;
        cfg->path = old->path;
        old->cpuid = old->path = NULL;
    }
    if (xenDefinedWrite(priv, cfg) < 0)
        goto cleanup;
    dom = virGetDomain(conn, cfg->def->name, cfg->def->uuid, -1);
    if (dom != NULL)
        xenDomainGetID(dom); /* it may be running already */
    virResetLastError();

cleanup:
    xenConfigFree(old);
    xenConfigFree(cfg);
    return dom;
}

int
xenDomainUndefine(virDomainPtr dom)
{
    xenPriv *priv = dom->conn->privateData;
    xenConfig *cfg = NULL;
    int ret = -1;
    int rc;

    if ((rc = xenDefinedFindByUUID(priv, dom->uuid, &cfg)) < 0)
        return -1;
    if (rc == 0) {
        virReportDomainError(dom, VIR_ERR_OPERATION_INVALID,
                             "domain '%s' has no configuration in '%s' to "
                             "undefine",
                             dom->name, priv->confdir);
        return -1;
    }
    if (unlink(cfg->path) < 0) {
        virReportSystemError(errno, "cannot remove xl config '%s'", cfg->path);
        goto cleanup;
    }
    ret = 0;

cleanup:
    xenConfigFree(cfg);
    return ret;
}
