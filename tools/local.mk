## tools/local.mk: small programs built on libvir.

noinst_PROGRAMS += tools/virlist
tools_virlist_SOURCES = tools/virlist.c
tools_virlist_LDADD = lib/libvir.la $(LIBXML_LIBS)

EXTRA_DIST += tools/demo.sh
PHONY_TARGETS += demo

# The demo: snmpd + xensnmpd on the demo host (tools/demo.sh), on a free
# loopback port or on DEMO_PORT ("make demo DEMO_PORT=1161").
DEMO_PORT =
demo: agent/xensnmpd$(EXEEXT) tools/virlist$(EXEEXT)
	@abs_srcdir='$(abs_top_srcdir)' abs_builddir='$(abs_top_builddir)' \
	  SNMPD='$(SNMPD)' DEMO_PORT='$(DEMO_PORT)' $(SHELL) $(srcdir)/tools/demo.sh
