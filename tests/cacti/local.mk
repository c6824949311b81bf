## tests/cacti/local.mk: contrib/cacti/ (the Cacti package and its
## sources) and "make check-cacti", which proves the package against the
## real Cacti (tests/cacti/cacti.sh).  Not part of "make check": it runs
## as root, installs Debian packages of its own, and starts MariaDB.

CACTI_FILES = \
	contrib/cacti/xensnmp.xml.gz \
	contrib/cacti/build-package.py \
	contrib/cacti/xensnmp_host.xml \
	contrib/cacti/xensnmp_domains.xml \
	contrib/cacti/xensnmp_vcpus.xml \
	contrib/cacti/xensnmp_vifs.xml \
	contrib/cacti/xensnmp_vbds.xml \
	tests/cacti/cacti.sh \
	tests/cacti/lib.sh
EXTRA_DIST += $(CACTI_FILES)

PHONY_TARGETS += check-cacti
check-cacti: agent/xensnmpd
	@abs_srcdir='$(abs_top_srcdir)' abs_builddir='$(abs_top_builddir)' \
	  AM_TAP_AWK='$(AWK)' $(SHELL) $(srcdir)/tests/check-contrib.sh \
	  cacti $${XENSNMP_CACTI_TIMEOUT:-300} \
	  cacti mariadb-server php-intl snmp snmpd iproute2 python3 openssl

clean-local: clean-cacti
clean-cacti:
	-rm -f tests/cacti/cacti.log tests/cacti/cacti.trs
PHONY_TARGETS += clean-cacti

# "make screenshots" (as root) remakes the PNG files README.md's
# "Monitoring" shows: a Cacti graph and Prometheus' graph page of a
# simulated host (doc/screenshots.sh; about 5 minutes).
EXTRA_DIST += doc/screenshots.sh doc/cacti-graph.png doc/prometheus-graph.png
PHONY_TARGETS += screenshots
screenshots: agent/xensnmpd
	@abs_srcdir='$(abs_top_srcdir)' abs_builddir='$(abs_top_builddir)' \
	  $(SHELL) $(srcdir)/doc/screenshots.sh
