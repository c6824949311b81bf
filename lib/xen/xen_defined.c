/*
 * xen_defined.c: defined domains, the xl configuration files of the
 * connection's directory: finding, reading and writing them.  The driver
 * entry points built on them are in xen_define.c; this file calls nothing
 * that looks at running domains.
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

int
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
