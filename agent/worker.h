/*
 * worker.h: the one hand-off between a worker thread and the agent's
 * main loop, and the self-pipe it is built on.
 *
 * net-snmp is single-threaded, so a slow job (a snapshot of thousands of
 * domains, starting a domain) runs in a worker thread that never touches
 * net-snmp.  The worker sends fixed-size messages through a pipe; each
 * write is below PIPE_BUF, hence atomic.  The main loop watches the pipe
 * with register_readfd() and hands each message, in order, to a callback
 * on the main thread.  The main thread wakes the worker through a second
 * pipe, which the worker polls together with a descriptor of its own.
 *
 * Stopping joins the thread first and then delivers whatever is still in
 * the pipe, so that no message (and nothing a message owns) is lost.
 */

#ifndef XENSNMP_WORKER_H
#define XENSNMP_WORKER_H

#include <stdbool.h>
#include <stddef.h>

/* A self-pipe: writing a byte wakes whoever polls the read end.  Both
 * ends are non-blocking and close-on-exec; a full pipe already holds a
 * wake-up, so nothing is lost when a write does not fit. */
typedef struct _xsWakePipe xsWakePipe;

struct _xsWakePipe {
    int fd[2];    /* -1 when closed */
    bool watched; /* registered with the main loop */
};

#define XS_WAKE_PIPE_INIT \
    {                     \
        {-1, -1}, false   \
    }

/* Returns 0, or -1 with errno set. */
int xsWakePipeOpen(xsWakePipe *p);

/* Async-signal-safe: may be called from a signal handler. */
void xsWakePipeSignal(const xsWakePipe *p);

/* Reads every pending byte. */
void xsWakePipeDrain(const xsWakePipe *p);

/* Has the main loop drain the pipe whenever it is readable, so that a
 * signal wakes agent_check_and_process().  Returns 0 or -1. */
int xsWakePipeWatch(xsWakePipe *p);

/* Unwatches and closes; a closed pipe is a no-op. */
void xsWakePipeClose(xsWakePipe *p);

typedef struct _xsWorker xsWorker;

/* The worker thread's body; returns when xsWorkerWait() says stop. */
typedef void (*xsWorkerMain)(xsWorker *w, void *opaque);

/* Called on the main thread with each message the worker sent.  @msg is
 * valid during the call only; what it points to is the callback's. */
typedef void (*xsWorkerDeliver)(const void *msg, void *opaque);

typedef enum {
    XS_WORKER_STOP,    /* xsWorkerStop() was called: return */
    XS_WORKER_WOKEN,   /* xsWorkerWake() was called */
    XS_WORKER_TIMEOUT, /* the timeout passed (or a signal interrupted) */
    XS_WORKER_READY    /* the extra descriptor is readable */
} xsWorkerEvent;

/**
 * xsWorkerStart:
 * @name: what the worker does, for log lines ("refresh")
 * @msgSize: size of every message, 1..PIPE_BUF bytes
 * @run: the thread's body
 * @deliver: receives each message on the main thread
 * @opaque: passed to both
 *
 * Creates the pipes, watches the message pipe and starts the thread.
 * Main thread, after init_snmp() and after any fork.  Returns the
 * worker, or NULL (logged).
 */
xsWorker *xsWorkerStart(const char *name, size_t msgSize, xsWorkerMain run,
                        xsWorkerDeliver deliver, void *opaque);

/**
 * xsWorkerWait:
 * @w: the worker (worker thread only)
 * @timeoutMs: how long to wait; negative: no limit
 * @fd: a descriptor to wait for as well, or -1
 *
 * Returns what ended the wait; XS_WORKER_STOP once a stop is requested,
 * whatever else happened.
 */
xsWorkerEvent xsWorkerWait(xsWorker *w, int timeoutMs, int fd);

/**
 * xsWorkerSend:
 * @w: the worker (worker thread only)
 * @msg: @msgSize bytes
 *
 * Writes @msg atomically; blocks while the pipe is full.  Returns 0, or
 * -1 when it could not be written: the message is then not delivered,
 * and whatever it owns is still the caller's.
 */
int xsWorkerSend(xsWorker *w, const void *msg);

/* Ends the worker's current or next xsWorkerWait() with
 * XS_WORKER_WOKEN.  Any thread; NULL is a no-op. */
void xsWorkerWake(xsWorker *w);

/**
 * xsWorkerStop:
 * @w: the worker, or NULL
 *
 * Main thread.  Makes xsWorkerWait() return XS_WORKER_STOP, joins the
 * thread, delivers the messages still in the pipe, closes the pipes and
 * frees @w.
 */
void xsWorkerStop(xsWorker *w);

/**
 * xsWorkerStopWithin:
 * @w: the worker, or NULL
 * @timeoutMs: how long to wait for the thread
 *
 * As xsWorkerStop(), but waits at most @timeoutMs for the thread to
 * return.  Returns 0 when it did (@w is freed), or -1 when the thread is
 * still busy: it is then detached and keeps @w until the process exits,
 * and its later messages are not delivered.  For stopping the agent.
 */
int xsWorkerStopWithin(xsWorker *w, unsigned int timeoutMs);

#endif /* XENSNMP_WORKER_H */
