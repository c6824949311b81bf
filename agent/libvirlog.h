/*
 * libvirlog.h: the library's log in the agent's debug output
 * ("-D libvir"), for xensnmpd and for the module snmpd loads.
 */

#ifndef XENSNMP_LIBVIRLOG_H
#define XENSNMP_LIBVIRLOG_H

/**
 * xsLibvirLogInit:
 *
 * Routes libvir's log (include/libvir_log.h: every public call with its
 * arguments, every error with the place that reported it) to net-snmp's
 * debug output under the token "libvir", when that token (or ALL) is
 * being debugged.  Otherwise installs nothing, so that the library does
 * not even format its messages.  Call after the -D tokens are known.
 */
void xsLibvirLogInit(void);

/* Removes the route (the module may be unloaded while snmpd runs on). */
void xsLibvirLogShutdown(void);

#endif /* XENSNMP_LIBVIRLOG_H */
