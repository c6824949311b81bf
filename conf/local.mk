## conf/local.mk: the example configuration, the systemd unit and the
## man pages.

dist_man_MANS = doc/xensnmpd.8 doc/xensnmpd.conf.5
dist_sysconf_DATA = conf/xensnmpd.conf
systemdunitdir = $(prefix)/lib/systemd/system
systemdunit_DATA = conf/xensnmpd.service
EXTRA_DIST += conf/xensnmpd.service.in conf/snmpd.conf.example
CLEANFILES += conf/xensnmpd.service

# Made at build time so that the unit names the installed paths.
conf/xensnmpd.service: $(srcdir)/conf/xensnmpd.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) conf && \
	  sed -e 's|@sbindir[@]|$(sbindir)|g' \
	      -e 's|@sysconfdir[@]|$(sysconfdir)|g' \
	      $(srcdir)/conf/xensnmpd.service.in >$@
