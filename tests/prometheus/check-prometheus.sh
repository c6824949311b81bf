#!/bin/sh
# check-prometheus.sh: "make check-prometheus".  Runs prometheus.sh (the
# shipped snmp_exporter module, alert rules and dashboard against the
# real snmp_exporter and Prometheus) through automake's TAP driver, and
# prints "N passed, N failed".  Not part of "make check": it needs Debian
# packages of its own, which it installs with apt-get when run as root:
# those of README.md's apt-get line for Prometheus, and the tools the test
# drives them with.
#
# Environment (make sets the first two and AM_TAP_AWK):
#   abs_srcdir, abs_builddir     the project's source and build trees
#   XENSNMP_PROM_TIMEOUT         seconds the test may run (240)
# Results: tests/prometheus/prometheus.log and .trs in the build tree.

set -u

: "${abs_srcdir:?abs_srcdir must be set (make check-prometheus sets it)}"
: "${abs_builddir:?abs_builddir must be set (make check-prometheus sets it)}"
export abs_srcdir abs_builddir

readme_packages=$(sed -n '/^### Prometheus$/,/^## /s/^apt-get install //p' \
    "$abs_srcdir/README.md" | head -n 1)
[ -n "$readme_packages" ] || {
    echo "check-prometheus: FAIL: no apt-get line in README.md's Prometheus section" >&2
    exit 1
}
missing=
for p in $readme_packages curl jq snmp snmpd iproute2; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
        grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "check-prometheus: FAIL: missing packages:$missing" >&2
        echo "  as root: apt-get install -y --no-install-recommends$missing" >&2
        exit 1
    fi
    echo "check-prometheus: installing$missing"
    # The packages' own services stay stopped (Debian starts them from
    # their postinst where it can): the test runs private instances.
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y --no-install-recommends $missing ||
        { apt-get update && apt-get install -y --no-install-recommends $missing; }; } \
        >"${TMPDIR:-/tmp}/check-prometheus-apt.log" 2>&1 || {
        echo "check-prometheus: FAIL: apt-get install$missing" >&2
        tail -n 20 "${TMPDIR:-/tmp}/check-prometheus-apt.log" >&2
        exit 1
    }
fi

out=$abs_builddir/tests/prometheus
mkdir -p "$out" || exit 1
rm -f "$out/prometheus.log" "$out/prometheus.trs"
t0=$(date +%s)
AM_TAP_AWK=${AM_TAP_AWK:-awk} "${SHELL:-/bin/sh}" \
    "$abs_srcdir/build-aux/tap-driver.sh" \
    --test-name tests/prometheus/prometheus.sh \
    --log-file "$out/prometheus.log" --trs-file "$out/prometheus.trs" \
    --color-tests no --enable-hard-errors yes --expect-failure no -- \
    timeout "${XENSNMP_PROM_TIMEOUT:-240}" \
    "${SHELL:-/bin/sh}" "$abs_srcdir/tests/prometheus/prometheus.sh"

passed=$(grep -c '^:test-result: PASS' "$out/prometheus.trs")
failed=$(grep -cE '^:test-result: (FAIL|ERROR|XPASS)' "$out/prometheus.trs")
echo "check-prometheus: $(($(date +%s) - t0)) s; log: $out/prometheus.log"
echo "$passed passed, $failed failed"
grep -q '^:global-test-result: PASS' "$out/prometheus.trs"
