## agent/local.mk: xensnmpd, the AgentX subagent publishing XEN-SNMP-MIB.
##
## agent/libxscore.la holds what needs no net-snmp (configuration,
## snapshots): the unit tests link it alone.  The MIB modules and main.c
## are the SNMP glue.

noinst_LTLIBRARIES += agent/libxscore.la
agent_libxscore_la_SOURCES = \
	agent/agentconf.c agent/agentconf.h \
	agent/snapshot.c agent/snapshot.h

sbin_PROGRAMS = agent/xensnmpd
agent_xensnmpd_SOURCES = \
	agent/main.c \
	agent/xen_mib.h \
	agent/xenNode.c agent/xenNode.h \
	agent/xenDomainTable.c agent/xenDomainTable.h \
	agent/xenVcpuTable.c agent/xenVcpuTable.h \
	agent/refresh.c agent/refresh.h
agent_xensnmpd_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent \
	-DSYSCONFDIR='"$(sysconfdir)"'
agent_xensnmpd_LDADD = agent/libxscore.la lib/libvir.la $(LIBXML_LIBS) \
	$(NETSNMP_AGENT_LIBS)
