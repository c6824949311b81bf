/*
 * file.c: the one whole-file reader of the library (see file.h).
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"
#include "error.h"

/* Errors are reported from the caller's error domain, which it passes
 * as @from (virFileReadAll() passes VIR_FROM_THIS). */
#define REPORT(from, code, ...) \
    virReportErrorFull(from, code, __FILE__, __func__, __LINE__, __VA_ARGS__)
#define REPORT_ERRNO(from, errnum, ...)                                  \
    virReportSystemErrorFull(from, errnum, __FILE__, __func__, __LINE__, \
                             __VA_ARGS__)

/* What @mode is, for the message that refuses it. */
static const char *
virFileTypeName(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    return "a special file";
}

/* Reads @fd to its end.  st_size is only a hint: the file may grow or
 * shrink while it is read, so the loop stops at EOF, not at the size. */
static int
virFileReadFd(int from, int fd, const char *path, size_t hint, size_t maxlen,
              int code, char **buf, size_t *len)
{
    size_t alloc = (hint < maxlen ? hint : maxlen) + 1;
    size_t size = 0;
    char *data = NULL;
    char *tmp;
    ssize_t got;

    if ((data = malloc(alloc)) == NULL)
        goto oom;
    for (;;) {
        if (size == alloc) {
            /* One byte past @maxlen is enough to know it is too long. */
            if (size > maxlen) {
                REPORT(from, code, "%s: file is larger than %zu bytes", path,
                       maxlen);
                goto error;
            }
            alloc = alloc > maxlen / 2 ? maxlen + 1 : alloc * 2;
            if ((tmp = realloc(data, alloc)) == NULL)
                goto oom;
            data = tmp;
        }
        got = read(fd, data + size, alloc - size);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            REPORT_ERRNO(from, errno, "cannot read '%s'", path);
            goto error;
        }
        if (got == 0)
            break;
        size += (size_t)got;
    }
    if (size > maxlen) {
        REPORT(from, code, "%s: file is larger than %zu bytes", path, maxlen);
        goto error;
    }
    /* The loop leaves room: it stops at EOF only with size < alloc. */
    data[size] = '\0';
    *buf = data;
    *len = size;
    return 0;

oom:
    REPORT(from, VIR_ERR_NO_MEMORY, "%s", "out of memory");
error:
    free(data);
    return -1;
}

int
virFileReadAllFull(int from, const char *path, size_t maxlen, int code,
                   char **buf, size_t *len)
{
    struct stat sb;
    int fd;
    int ret = -1;

    if (path == NULL) {
        REPORT(from, VIR_ERR_INVALID_ARG, "%s", "no file name given");
        return -1;
    }
    /* O_NONBLOCK: opening a FIFO would otherwise wait for a writer. */
    if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
        REPORT_ERRNO(from, errno, "cannot open '%s'", path);
        return -1;
    }
    if (fstat(fd, &sb) < 0) {
        REPORT_ERRNO(from, errno, "cannot stat '%s'", path);
        goto cleanup;
    }
    if (!S_ISREG(sb.st_mode)) {
        REPORT(from, code, "%s: %s, not a regular file", path,
               virFileTypeName(sb.st_mode));
        goto cleanup;
    }
    ret = virFileReadFd(from, fd, path, (size_t)sb.st_size, maxlen, code, buf,
                        len);

cleanup:
    close(fd);
    return ret;
}
