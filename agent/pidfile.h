/*
 * pidfile.h: xensnmpd's pid file, held with a lock for as long as the
 * process runs.
 *
 * The lock (flock on a descriptor kept open) is what says that an agent
 * runs: a second xensnmpd given the same file finds it locked and stops
 * at once, instead of overwriting the first one's pid and deleting the
 * file when it exits.  The file is opened without following a symbolic
 * link and created with mode 0644, whatever the umask.
 */

#ifndef XENSNMP_PIDFILE_H
#define XENSNMP_PIDFILE_H

#include <stddef.h>

typedef struct _xsPidfile xsPidfile;

struct _xsPidfile {
    int fd;     /* -1 when none is held */
    char *path; /* as given */
};

#define XS_PIDFILE_INIT \
    {                   \
        -1, NULL        \
    }

/* What xsPidfileLock() returns when another process holds the lock. */
#define XS_PIDFILE_BUSY (-2)

/**
 * xsPidfileLock:
 * @pf: an unheld pid file (XS_PIDFILE_INIT)
 * @path: the file
 * @err, @errlen: receives the reason on failure
 *
 * Opens and locks @path; the lock survives fork().  Returns 0,
 * XS_PIDFILE_BUSY when another process holds it (@err names its pid), or
 * -1.
 */
int xsPidfileLock(xsPidfile *pf, const char *path, char *err, size_t errlen);

/* Writes this process's pid into the held file.  0, or -1 with @err. */
int xsPidfileWrite(const xsPidfile *pf, char *err, size_t errlen);

/* Removes the file, then drops the lock; an unheld @pf is a no-op. */
void xsPidfileRelease(xsPidfile *pf);

#endif /* XENSNMP_PIDFILE_H */
