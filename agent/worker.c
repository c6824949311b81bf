/*
 * worker.c: a worker thread handing fixed-size messages to the main loop
 * through a pipe, and the self-pipe both directions are built on.
 *
 * Ownership: the main thread owns the xsWorker; the thread only reads its
 * constant fields and the stop flag (under the lock).  A message belongs
 * to the pipe from a successful xsWorkerSend() until its delivery.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "logprefix.h"
#include "worker.h"

struct _xsWorker {
    /* Constant while the thread runs. */
    const char *name;
    size_t msgSize;
    xsWorkerMain run;
    xsWorkerDeliver deliver;
    void *opaque;
    int pipefd[2];      /* messages: worker -> main thread */
    xsWakePipe wake;    /* wake-ups: main thread -> worker */
    unsigned char *buf; /* msgSize bytes, main thread only */
    bool watched;
    bool threadStarted;
    pthread_t thread;

    /* Shared, under lock. */
    pthread_mutex_t lock;
    bool stop;
};

/* Sets O_NONBLOCK (when @nonblock) and FD_CLOEXEC on @fd. */
static int
xsFdSetup(int fd, bool nonblock)
{
    if (nonblock && fcntl(fd, F_SETFL, O_NONBLOCK) < 0)
        return -1;
    return fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static void
xsFdClose(int fd[2])
{
    if (fd[0] >= 0)
        close(fd[0]);
    if (fd[1] >= 0)
        close(fd[1]);
    fd[0] = fd[1] = -1;
}

int
xsWakePipeOpen(xsWakePipe *p)
{
    if (pipe(p->fd) < 0) {
        p->fd[0] = p->fd[1] = -1;
        return -1;
    }
    if (xsFdSetup(p->fd[0], true) < 0 || xsFdSetup(p->fd[1], true) < 0) {
        int saved = errno;

        xsFdClose(p->fd);
        errno = saved;
        return -1;
    }
    return 0;
}

void
xsWakePipeSignal(const xsWakePipe *p)
{
    ssize_t n;

    if (p->fd[1] < 0)
        return;
    /* Non-blocking: a full pipe already holds a wake-up. */
    n = write(p->fd[1], "", 1);
    (void)n;
}

void
xsWakePipeDrain(const xsWakePipe *p)
{
    char buf[64];

    if (p->fd[0] < 0)
        return;
    while (read(p->fd[0], buf, sizeof(buf)) > 0)
        ;
}

static void
xsWakePipeReadable(int fd, void *data)
{
    (void)fd;
    xsWakePipeDrain(data);
}

int
xsWakePipeWatch(xsWakePipe *p)
{
    if (register_readfd(p->fd[0], xsWakePipeReadable, p) < 0)
        return -1;
    p->watched = true;
    return 0;
}

void
xsWakePipeClose(xsWakePipe *p)
{
    if (p->watched)
        unregister_readfd(p->fd[0]);
    p->watched = false;
    xsFdClose(p->fd);
}

static bool
xsWorkerStopping(xsWorker *w)
{
    bool stop;

    pthread_mutex_lock(&w->lock);
    stop = w->stop;
    pthread_mutex_unlock(&w->lock);
    return stop;
}

xsWorkerEvent
xsWorkerWait(xsWorker *w, int timeoutMs, int fd)
{
    struct pollfd pfd[2];
    nfds_t nfds = 1;
    int rc;

    if (xsWorkerStopping(w))
        return XS_WORKER_STOP;
    pfd[0].fd = w->wake.fd[0];
    pfd[0].events = POLLIN;
    pfd[0].revents = 0;
    if (fd >= 0) {
        pfd[1].fd = fd;
        pfd[1].events = POLLIN;
        pfd[1].revents = 0;
        nfds = 2;
    }
    rc = poll(pfd, nfds, timeoutMs < 0 ? -1 : timeoutMs);
    if (pfd[0].revents != 0)
        xsWakePipeDrain(&w->wake);
    /* Checked after the poll too: a stop wakes the poll. */
    if (xsWorkerStopping(w))
        return XS_WORKER_STOP;
    if (rc <= 0)
        return XS_WORKER_TIMEOUT;
    if (nfds == 2 && pfd[1].revents != 0)
        return XS_WORKER_READY;
    return XS_WORKER_WOKEN;
}

int
xsWorkerSend(xsWorker *w, const void *msg)
{
    ssize_t n;

    do {
        n = write(w->pipefd[1], msg, w->msgSize);
    } while (n < 0 && errno == EINTR);
    return n == (ssize_t)w->msgSize ? 0 : -1;
}

void
xsWorkerWake(xsWorker *w)
{
    if (w != NULL)
        xsWakePipeSignal(&w->wake);
}

/* Delivers every message waiting in the pipe (non-blocking). */
static void
xsWorkerDrain(xsWorker *w)
{
    ssize_t n;

    for (;;) {
        n = read(w->pipefd[0], w->buf, w->msgSize);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)w->msgSize)
            break;
        w->deliver(w->buf, w->opaque);
    }
}

static void
xsWorkerReadable(int fd, void *data)
{
    (void)fd;
    xsWorkerDrain(data);
}

static void *
xsWorkerThread(void *data)
{
    xsWorker *w = data;

    w->run(w, w->opaque);
    return NULL;
}

xsWorker *
xsWorkerStart(const char *name, size_t msgSize, xsWorkerMain run,
              xsWorkerDeliver deliver, void *opaque)
{
    xsWorker *w = NULL;
    int rc;

    if (msgSize == 0 || msgSize > PIPE_BUF) {
        snmp_log(LOG_ERR,
                 XS_LOG_PREFIX "%s worker: messages of %zu bytes "
                               "cannot be written atomically\n",
                 name, msgSize);
        return NULL;
    }
    if ((w = calloc(1, sizeof(*w))) == NULL) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "out of memory for the %s worker\n",
                 name);
        return NULL;
    }
    pthread_mutex_init(&w->lock, NULL);
    w->name = name;
    w->msgSize = msgSize;
    w->run = run;
    w->deliver = deliver;
    w->opaque = opaque;
    w->pipefd[0] = w->pipefd[1] = -1;
    w->wake.fd[0] = w->wake.fd[1] = -1;
    if ((w->buf = malloc(msgSize)) == NULL) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "out of memory for the %s worker\n",
                 name);
        goto error;
    }

    /* The write end blocks: a worker ahead of the main loop waits. */
    if (pipe(w->pipefd) < 0) {
        w->pipefd[0] = w->pipefd[1] = -1;
        snmp_log(LOG_ERR, XS_LOG_PREFIX "%s worker: pipe: %s\n", name,
                 strerror(errno));
        goto error;
    }
    if (xsFdSetup(w->pipefd[0], true) < 0 ||
        xsFdSetup(w->pipefd[1], false) < 0 || xsWakePipeOpen(&w->wake) < 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "%s worker: %s\n", name,
                 strerror(errno));
        goto error;
    }
    if (register_readfd(w->pipefd[0], xsWorkerReadable, w) < 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "cannot watch the %s pipe\n", name);
        goto error;
    }
    w->watched = true;
    rc = pthread_create(&w->thread, NULL, xsWorkerThread, w);
    if (rc != 0) {
        snmp_log(LOG_ERR, XS_LOG_PREFIX "cannot start the %s thread: %s\n",
                 name, strerror(rc));
        goto error;
    }
    w->threadStarted = true;
    return w;

error:
    xsWorkerStop(w);
    return NULL;
}

static void
xsWorkerRequestStop(xsWorker *w)
{
    pthread_mutex_lock(&w->lock);
    w->stop = true;
    pthread_mutex_unlock(&w->lock);
    xsWakePipeSignal(&w->wake);
}

/* After the thread ended: delivers what is left and frees @w. */
static void
xsWorkerFree(xsWorker *w)
{
    if (w->watched)
        unregister_readfd(w->pipefd[0]);
    /* After the join nothing writes any more: deliver what is left. */
    if (w->pipefd[0] >= 0)
        xsWorkerDrain(w);
    xsFdClose(w->pipefd);
    xsWakePipeClose(&w->wake);
    pthread_mutex_destroy(&w->lock);
    free(w->buf);
    free(w);
}

void
xsWorkerStop(xsWorker *w)
{
    if (w == NULL)
        return;
    if (w->threadStarted) {
        xsWorkerRequestStop(w);
        pthread_join(w->thread, NULL);
    }
    xsWorkerFree(w);
}

int
xsWorkerStopWithin(xsWorker *w, unsigned int timeoutMs)
{
    struct timespec deadline;
    int rc;

    if (w == NULL)
        return 0;
    if (w->threadStarted) {
        xsWorkerRequestStop(w);
        /* pthread_timedjoin_np() takes a CLOCK_REALTIME deadline. */
        clock_gettime(CLOCK_REALTIME, &deadline);
        deadline.tv_sec += timeoutMs / 1000;
        deadline.tv_nsec += (long)(timeoutMs % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
        rc = pthread_timedjoin_np(w->thread, NULL, &deadline);
        if (rc != 0) {
            /* Still in a hypervisor call: the thread keeps @w (its pipes
             * and buffers) until the process exits; only the main loop
             * stops watching it. */
            if (w->watched)
                unregister_readfd(w->pipefd[0]);
            w->watched = false;
            pthread_detach(w->thread);
            return -1;
        }
    }
    xsWorkerFree(w);
    return 0;
}
