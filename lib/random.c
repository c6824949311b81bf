/*
 * random.c: random bytes from /dev/urandom (see random.h).
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "random.h"
#include "error.h"

/* Used by the domain XML code (UUIDs, MAC addresses): its errors keep the
 * domain they always had. */
#define VIR_FROM_THIS VIR_FROM_DOM

int
virRandomBytes(unsigned char *buf, size_t len)
{
    size_t done = 0;
    ssize_t got;
    int fd;

    if ((fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC)) < 0) {
        virReportSystemError(errno, "%s", "cannot open /dev/urandom");
        return -1;
    }
    while (done < len) {
        got = read(fd, buf + done, len - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            virReportSystemError(got < 0 ? errno : EIO, "%s",
                                 "cannot read /dev/urandom");
            close(fd);
            return -1;
        }
        done += (size_t)got;
    }
    close(fd);
    return 0;
}
