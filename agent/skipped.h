/*
 * skipped.h: the domains a snapshot leaves out of the tables because
 * their names cannot be an index (xsSnapshot.skipped): which of them are
 * new since the previous snapshot, and the line that reports one.
 *
 * Pure functions over snapshots, with no net-snmp, so that the agent can
 * log each such domain once (xenNotify.c) and the tests can check what
 * it would log.
 */

#ifndef XENSNMP_SKIPPED_H
#define XENSNMP_SKIPPED_H

#include <stddef.h>

#include "snapshot.h"

/* Octets of a name that a report shows; a longer name (a Xen name comes
 * from xenstore unchecked) is cut there, and the report says so. */
#define XS_SKIPPED_SHOWN 255

/* Room for any report: every octet shown may take 4 ("\xHH"). */
#define XS_SKIPPED_TEXT_MAX (4 * XS_SKIPPED_SHOWN + 256)

typedef void (*xsSkippedFunc)(void *opaque, const xsSkippedDomain *dom);

/**
 * xsSkippedDiff:
 * @prev: the previous snapshot, or NULL (then every skipped domain is new)
 * @next: the new snapshot
 * @func: called for each new one (may be NULL, to count)
 * @opaque: passed to @func
 *
 * Calls @func, in name order, for each domain that @next leaves out of
 * its rows and @prev did not leave out: one with a name @prev's skipped
 * domains lack, or with that name and another UUID (a domain gone and
 * another one come).  So a domain left out refresh after refresh is new
 * once; one that goes away and comes back is new again.
 * Returns the number of new ones.
 */
size_t xsSkippedDiff(const xsSnapshot *prev, const xsSnapshot *next,
                     xsSkippedFunc func, void *opaque);

/**
 * xsSkippedDescribe:
 * @dom: a domain left out of the rows
 * @buf: receives the report, NUL-terminated, without a newline
 * @len: room in @buf (XS_SKIPPED_TEXT_MAX is always enough)
 *
 * Writes what the agent logs for @dom:
 *   domain "NAME" (UUID) has no row and is not counted in xenNode: its
 *   name is N octets; xenDomName takes 1 to 96
 * Octets of NAME below 0x20, 0x7f, '"' and '\' are written as \xHH; a
 * name longer than XS_SKIPPED_SHOWN octets shows its first
 * XS_SKIPPED_SHOWN followed by "..." inside the quotes, and "(the first
 * 255 shown)" after the length.  Returns 0, or -1 when @buf is too small
 * (it then holds as much as fitted).
 */
int xsSkippedDescribe(const xsSkippedDomain *dom, char *buf, size_t len);

#endif /* XENSNMP_SKIPPED_H */
