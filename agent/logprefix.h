/*
 * logprefix.h: the one prefix of the agent's log lines.
 *
 * The same MIB sources are built twice: into xensnmpd and into the
 * module snmpd loads (dlmod).  Inside snmpd a line must not claim to come
 * from xensnmpd, so each target's build flags name the program
 * (agent/local.mk: -DXS_PROGRAM='"xensnmpd"' or '"xensnmp"') and every
 * snmp_log() call starts its format with XS_LOG_PREFIX.
 */

#ifndef XENSNMP_LOGPREFIX_H
#define XENSNMP_LOGPREFIX_H

#ifndef XS_PROGRAM
#error "XS_PROGRAM must come from the target's CPPFLAGS (agent/local.mk)"
#endif

/* A string literal: concatenate it with the format. */
#define XS_LOG_PREFIX XS_PROGRAM ": "

#endif /* XENSNMP_LOGPREFIX_H */
