## tests/collectd/local.mk: contrib/collectd/ (collectd's snmp plugin
## configuration) and "make check-collectd", which proves it against the
## real collectd (tests/collectd/collectd.sh).  Not part of "make check":
## it installs Debian packages of its own.  tests/check-contrib.sh, the
## runner every check-POLLER target shares, is distributed from here.

COLLECTD_FILES = \
	contrib/collectd/xensnmp.conf \
	tests/collectd/collectd.sh \
	tests/collectd/lib.sh \
	tests/check-contrib.sh \
	tests/readme-commands.sh
EXTRA_DIST += $(COLLECTD_FILES)

PHONY_TARGETS += check-collectd
check-collectd: agent/xensnmpd
	@abs_srcdir='$(abs_top_srcdir)' abs_builddir='$(abs_top_builddir)' \
	  AM_TAP_AWK='$(AWK)' $(SHELL) $(srcdir)/tests/check-contrib.sh \
	  collectd $${XENSNMP_COLLECTD_TIMEOUT:-300} \
	  collectd-core rrdtool snmp snmpd iproute2

clean-local: clean-collectd
clean-collectd:
	-rm -f tests/collectd/collectd.log tests/collectd/collectd.trs
PHONY_TARGETS += clean-collectd
