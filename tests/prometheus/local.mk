## tests/prometheus/local.mk: contrib/prometheus/ (the snmp_exporter
## module, alert rules and Grafana dashboard) and "make check-prometheus",
## which proves them against the real snmp_exporter and Prometheus
## (tests/prometheus/check-prometheus.sh).  Not part of "make check": it
## installs Debian packages of its own.

PROMETHEUS_FILES = \
	contrib/prometheus/generator.yml \
	contrib/prometheus/snmp.yml \
	contrib/prometheus/regenerate.sh \
	contrib/prometheus/xen-alerts.yml \
	contrib/prometheus/grafana-dashboard.json \
	tests/prometheus/check-prometheus.sh \
	tests/prometheus/prometheus.sh \
	tests/prometheus/lib.sh \
	tests/prometheus/xen-alerts-test.yml \
	tests/prometheus/data/lowmem.xml \
	tests/prometheus/data/io01.xml
EXTRA_DIST += $(PROMETHEUS_FILES)

PHONY_TARGETS += check-prometheus
check-prometheus: agent/xensnmpd
	@abs_srcdir='$(abs_top_srcdir)' abs_builddir='$(abs_top_builddir)' \
	  AM_TAP_AWK='$(AWK)' $(SHELL) $(srcdir)/tests/prometheus/check-prometheus.sh

clean-local: clean-prometheus
clean-prometheus:
	-rm -f tests/prometheus/prometheus.log tests/prometheus/prometheus.trs
PHONY_TARGETS += clean-prometheus
