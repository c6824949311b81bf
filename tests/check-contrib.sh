#!/bin/sh
# check-contrib.sh NAME TIMEOUT PACKAGE...: runs tests/NAME/NAME.sh, the
# test of one contrib/ configuration against the real poller, through
# automake's TAP driver, and prints "N passed, N failed".  The targets
# make check-prometheus, check-collectd and check-cacti call it; none is
# part of "make check", since each needs Debian packages of its own.
# Run as root, it installs the PACKAGEs that are missing with apt-get
# (their services stay stopped where Debian's policy-rc.d says so: the
# tests start private instances); otherwise it names them and fails.
# The test may run TIMEOUT seconds.
#
# Environment (make sets the first two and AM_TAP_AWK):
#   abs_srcdir, abs_builddir     the project's source and build trees
# Results: tests/NAME/NAME.log and .trs in the build tree.

set -u

: "${abs_srcdir:?abs_srcdir must be set (make check-NAME sets it)}"
: "${abs_builddir:?abs_builddir must be set (make check-NAME sets it)}"
export abs_srcdir abs_builddir
name=$1
timeout=$2
shift 2

missing=
for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
        grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "check-$name: FAIL: missing packages:$missing" >&2
        echo "  as root: apt-get install -y --no-install-recommends$missing" >&2
        exit 1
    fi
    echo "check-$name: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    log=${TMPDIR:-/tmp}/check-$name-apt.log
    # $missing is split on purpose: one package per word.
    # shellcheck disable=SC2086
    { apt-get install -y --no-install-recommends $missing ||
        { apt-get update && apt-get install -y --no-install-recommends $missing; }; } \
        >"$log" 2>&1 || {
        echo "check-$name: FAIL: apt-get install$missing" >&2
        tail -n 20 "$log" >&2
        exit 1
    }
fi

out=$abs_builddir/tests/$name
mkdir -p "$out" || exit 1
rm -f "$out/$name.log" "$out/$name.trs"
t0=$(date +%s)
AM_TAP_AWK=${AM_TAP_AWK:-awk} "${SHELL:-/bin/sh}" \
    "$abs_srcdir/build-aux/tap-driver.sh" \
    --test-name "tests/$name/$name.sh" \
    --log-file "$out/$name.log" --trs-file "$out/$name.trs" \
    --color-tests no --enable-hard-errors yes --expect-failure no -- \
    timeout "$timeout" "${SHELL:-/bin/sh}" "$abs_srcdir/tests/$name/$name.sh"

passed=$(grep -c '^:test-result: PASS' "$out/$name.trs")
failed=$(grep -cE '^:test-result: (FAIL|ERROR|XPASS)' "$out/$name.trs")
echo "check-$name: $(($(date +%s) - t0)) s; log: $out/$name.log"
echo "$passed passed, $failed failed"
grep -q '^:global-test-result: PASS' "$out/$name.trs"
