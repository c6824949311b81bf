/*
 * connection.h: the agent's hypervisor connection settings and the main
 * thread's read-write connection.
 *
 * Holds the connection name (URI) that every worker opens its own
 * connection with, the read-write connection that SETs use on the main
 * thread (opened on first use, dropped when the hypervisor is lost so
 * that the next SET reopens it), the control switch (configuration
 * "control"), and the count of libvir calls the agent made
 * (xenNodeLibraryCalls, xenNodeFailedCalls).
 *
 * Everything here is main-thread only, except xsConnectionUri(), whose
 * result is immutable from xsConnectionInit() to xsConnectionShutdown()
 * and may be read by the workers, which are stopped before the latter.
 */

#ifndef XENSNMP_CONNECTION_H
#define XENSNMP_CONNECTION_H

#include <stdbool.h>
#include <stddef.h>

#include "libvir.h"

/**
 * xsConnectionInit:
 * @uri: hypervisor connection name (NULL: libvir's default)
 * @err, @errlen: receives the reason on failure
 *
 * Records @uri; opens nothing.  Returns 0, or -1 when out of memory.
 */
int xsConnectionInit(const char *uri, char *err, size_t errlen);

/* The name given to xsConnectionInit() (NULL: the default). */
const char *xsConnectionUri(void);

/* Whether SETs are accepted (configuration "control", off by default). */
void xsConnectionSetControl(bool enabled);
bool xsConnectionControlEnabled(void);

/**
 * xsConnectionControl:
 *
 * Returns the read-write connection, opened on first use; NULL, with the
 * reason logged, when it cannot be opened.  Borrowed: valid until
 * xsConnectionDropControl() or xsConnectionShutdown().
 */
virConnectPtr xsConnectionControl(void);

/* Closes the read-write connection (the hypervisor was lost); the next
 * xsConnectionControl() opens a new one. */
void xsConnectionDropControl(void);

/* Adds libvir calls made anywhere in the agent (workers report theirs
 * through their messages) to the totals. */
void xsConnectionCountCalls(unsigned long long calls,
                            unsigned long long failed);
unsigned long long xsConnectionLibCalls(void);
unsigned long long xsConnectionFailedCalls(void);

/**
 * xsConnectionErrorText:
 * @buf, @len: receives "@what: <libvir's last error message>"
 * @what: what failed
 *
 * Formats the calling thread's last libvir error, for a log line or a
 * message to the main thread.
 */
void xsConnectionErrorText(char *buf, size_t len, const char *what);

/* Closes the read-write connection and forgets the URI.  Call after the
 * workers have stopped. */
void xsConnectionShutdown(void);

#endif /* XENSNMP_CONNECTION_H */
