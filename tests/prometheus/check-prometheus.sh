#!/bin/sh
# check-prometheus.sh: "make check-prometheus".  Runs prometheus.sh (the
# shipped snmp_exporter module, alert rules and dashboard against the
# real snmp_exporter and Prometheus) with tests/check-contrib.sh, which
# installs, when run as root, the packages of README.md's apt-get line
# for Prometheus and the tools the test drives them with.
#
# Environment: abs_srcdir, abs_builddir (make sets them);
# XENSNMP_PROM_TIMEOUT, seconds the test may run (240).

set -u

: "${abs_srcdir:?abs_srcdir must be set (make check-prometheus sets it)}"
readme_packages=$(sed -n '/^### Prometheus$/,/^## /s/^apt-get install //p' \
    "$abs_srcdir/README.md" | head -n 1)
[ -n "$readme_packages" ] || {
    echo "check-prometheus: FAIL: no apt-get line in README.md's Prometheus section" >&2
    exit 1
}
# $readme_packages is split on purpose: one package per word.
# shellcheck disable=SC2086
exec "${SHELL:-/bin/sh}" "$abs_srcdir/tests/check-contrib.sh" prometheus \
    "${XENSNMP_PROM_TIMEOUT:-240}" $readme_packages curl jq snmp snmpd iproute2
