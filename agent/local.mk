## agent/local.mk: xensnmpd, the AgentX subagent publishing XEN-SNMP-MIB.
##
## agent/libxscore.la holds what needs no net-snmp (configuration,
## snapshots, the decision of SETs): the unit tests link it alone.  The
## MIB modules and main.c are the SNMP glue.

## The agent sees only the public headers in include/ (and its own):
## never -I lib, so that an agent file including a lib/ header does not
## compile (syntax-check says so too).
XENSNMP_AGENT_CPPFLAGS = -I$(top_srcdir)/include -I$(top_srcdir)/agent

noinst_LTLIBRARIES += agent/libxscore.la
agent_libxscore_la_CPPFLAGS = $(XENSNMP_AGENT_CPPFLAGS)
agent_libxscore_la_SOURCES = \
	agent/agentconf.c agent/agentconf.h \
	agent/snapshot.c agent/snapshot.h \
	agent/skipped.c agent/skipped.h \
	agent/devindex.c agent/devindex.h \
	agent/mibindex.c agent/mibindex.h \
	agent/setcore.c agent/setcore.h

## The MIB modules and the refresh worker, shared by the daemon and the
## snmpd module.
XENSNMP_MIB_SOURCES = \
	agent/libvirlog.c agent/libvirlog.h \
	agent/clock.c agent/clock.h \
	agent/connection.c agent/connection.h \
	agent/modules.c agent/modules.h \
	agent/xen_mib.h agent/logprefix.h \
	agent/mibrequest.c agent/mibrequest.h \
	agent/xenNode.c agent/xenNode.h \
	agent/xenDomainTable.c agent/xenDomainTable.h \
	agent/control.c agent/control.h \
	agent/lifecycle.c agent/lifecycle.h \
	agent/xenVcpuTable.c agent/xenVcpuTable.h \
	agent/xenIoTables.c agent/xenIoTables.h \
	agent/xenNotify.c agent/xenNotify.h \
	agent/refresh.c agent/refresh.h \
	agent/worker.c agent/worker.h

sbin_PROGRAMS = agent/xensnmpd
agent_xensnmpd_SOURCES = agent/main.c \
	agent/daemonlog.c agent/daemonlog.h \
	agent/master.c agent/master.h \
	agent/pidfile.c agent/pidfile.h \
	$(XENSNMP_MIB_SOURCES)
## XS_PROGRAM names the target in log lines (agent/logprefix.h).
agent_xensnmpd_CPPFLAGS = $(XENSNMP_AGENT_CPPFLAGS) \
	-DSYSCONFDIR='"$(sysconfdir)"' -DXS_PROGRAM='"xensnmpd"'
agent_xensnmpd_LDADD = agent/libxscore.la lib/libvir.la $(LIBXML_LIBS) \
	$(NETSNMP_AGENT_LIBS)

## The same MIB modules as a module snmpd loads ("dlmod xensnmp
## $(pkglibdir)/xensnmp.so").  snmpd itself provides net-snmp, so it is
## not linked here; libvir and libxscore are linked in statically (as PIC:
## configure enables shared libraries for this module, while every
## convenience library stays noinst and the programs stay static).
pkglib_LTLIBRARIES = agent/xensnmp.la
agent_xensnmp_la_SOURCES = agent/dlmod.c $(XENSNMP_MIB_SOURCES)
agent_xensnmp_la_CPPFLAGS = $(XENSNMP_AGENT_CPPFLAGS) \
	-DSYSCONFDIR='"$(sysconfdir)"' -DXS_PROGRAM='"xensnmp"'
agent_xensnmp_la_LDFLAGS = $(AM_LDFLAGS) -module -avoid-version -shared
agent_xensnmp_la_LIBADD = agent/libxscore.la lib/libvir.la $(LIBXML_LIBS) \
	-lpthread
