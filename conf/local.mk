## conf/local.mk: the example configuration, the systemd unit, the snmpd
## drop-in and the man pages, and what keeps installation paths compiled
## into programs and written into files in step with configure.

dist_man_MANS = doc/xensnmpd.conf.5
man_MANS = doc/xensnmpd.8
dist_sysconf_DATA = conf/xensnmpd.conf
# systemdunitdir comes from configure (--with-systemdunitdir).
systemdunit_DATA = conf/xensnmpd.service
EXTRA_DIST += conf/xensnmpd.service.in conf/snmpd.conf.example \
	doc/xensnmpd.8.in
CLEANFILES += conf/xensnmpd.service doc/xensnmpd.8 conf/paths.stamp

# conf/paths.stamp holds the installation paths; it is rewritten only when
# they change (a new configure --prefix, say), so that what depends on it
# is rebuilt then and only then.  GNU make reads its time again after the
# recipe, so an unchanged stamp triggers nothing.
XS_PATHS = prefix=$(prefix) sbindir=$(sbindir) sysconfdir=$(sysconfdir) \
	pkglibdir=$(pkglibdir) mibdir=$(mibdir) systemdunitdir=$(systemdunitdir)
conf/paths.stamp: $(top_builddir)/config.status
	$(AM_V_GEN)$(MKDIR_P) conf && echo '$(XS_PATHS)' >$@.tmp && \
	  if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv -f $@.tmp $@; fi

# The agent and the module compile SYSCONFDIR in (-D in agent/local.mk).
$(agent_xensnmpd_OBJECTS) $(agent_xensnmp_la_OBJECTS): conf/paths.stamp

# Made at build time so that they name the installed paths.
XS_SUBST_PATHS = sed -e 's|@sbindir[@]|$(sbindir)|g' \
	-e 's|@sysconfdir[@]|$(sysconfdir)|g' \
	-e 's|@pkglibdir[@]|$(pkglibdir)|g' \
	-e 's|@mibdir[@]|$(mibdir)|g' \
	-e 's|@systemdunitdir[@]|$(systemdunitdir)|g'
conf/xensnmpd.service: $(srcdir)/conf/xensnmpd.service.in conf/paths.stamp
	$(AM_V_GEN)$(MKDIR_P) conf && \
	  $(XS_SUBST_PATHS) $(srcdir)/conf/xensnmpd.service.in >$@
doc/xensnmpd.8: $(srcdir)/doc/xensnmpd.8.in conf/paths.stamp
	$(AM_V_GEN)$(MKDIR_P) doc && \
	  $(XS_SUBST_PATHS) $(srcdir)/doc/xensnmpd.8.in >$@
