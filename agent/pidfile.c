/*
 * pidfile.c: the locked pid file (see pidfile.h).
 *
 * Ownership: @pf owns its descriptor and its copy of the path.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "pidfile.h"

/* Reads the pid the holder wrote, for the message; 0 when unreadable. */
static long
xsPidfileHolder(int fd)
{
    char buf[32];
    ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
    char *end = NULL;
    long pid;

    if (n <= 0)
        return 0;
    buf[n] = '\0';
    errno = 0;
    pid = strtol(buf, &end, 10);
    if (errno != 0 || end == buf || pid <= 0)
        return 0;
    return pid;
}

int
xsPidfileLock(xsPidfile *pf, const char *path, char *err, size_t errlen)
{
    int fd = -1;
    long holder;
    int ret = -1;

    fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) {
        snprintf(err, errlen, "pidfile '%s': %s", path,
                 errno == ELOOP ? "is a symbolic link, not followed"
                                : strerror(errno));
        goto cleanup;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno == EWOULDBLOCK) {
            holder = xsPidfileHolder(fd);
            snprintf(err, errlen,
                     "another xensnmpd (pid %ld) is running with pidfile '%s'",
                     holder, path);
            ret = XS_PIDFILE_BUSY;
        } else {
            snprintf(err, errlen, "pidfile '%s': cannot lock: %s", path,
                     strerror(errno));
        }
        goto cleanup;
    }
    if ((pf->path = strdup(path)) == NULL) {
        snprintf(err, errlen, "out of memory");
        goto cleanup;
    }
    pf->fd = fd;
    fd = -1;
    ret = 0;

cleanup:
    if (fd >= 0)
        close(fd);
    return ret;
}

int
xsPidfileWrite(const xsPidfile *pf, char *err, size_t errlen)
{
    char buf[32];
    int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

    if (n < 0 || (size_t)n >= sizeof(buf) || ftruncate(pf->fd, 0) < 0 ||
        pwrite(pf->fd, buf, (size_t)n, 0) != (ssize_t)n) {
        snprintf(err, errlen, "cannot write pidfile '%s': %s", pf->path,
                 strerror(errno));
        return -1;
    }
    return 0;
}

void
xsPidfileRelease(xsPidfile *pf)
{
    if (pf->fd < 0)
        return;
    /* Removed before the lock is dropped, so that the file never names
     * a process that has gone. */
    unlink(pf->path);
    close(pf->fd);
    free(pf->path);
    pf->fd = -1;
    pf->path = NULL;
}
