#!/bin/sh
# xenresultstest.sh: how "make check-xen" counts what dom0 sent over the
# serial console (tests/xen/results.sh), on made-up consoles: CI trusts
# its "N passed, N failed", so a failure must never read as a pass, and a
# script dom0 ran twice counts by its second run only.  Prints TAP.

. "$abs_srcdir/tests/integration/lib.sh"

results=$abs_srcdir/tests/xen/results.sh
xs_tmpdir

# count NAME: results.sh on the console $XS_TMP/NAME.log; its last line
# in $total, its exit status in $rc.
count() {
    sh "$results" "$XS_TMP/$1.log" "$XS_TMP/$1.out" >"$XS_TMP/$1.sum" 2>&1
    rc=$?
    total=$(tail -n 1 "$XS_TMP/$1.sum")
}

cat >"$XS_TMP/pass.log" <<'LOG'
Xen and dom0 boot messages
xentest-begin:10-a
xentest:10-a: ok 1 - one
xentest:10-a: ok 2 - two # SKIP no guest
xentest:10-a: 1..2
xentest-time:10-a:3
xentest-end:10-a:0
XENSNMP-DOM0-DONE
LOG
count pass
is "$total" "1 passed, 0 failed, 1 skipped" "a passing script"
is "$rc" 0 "a passing script: exit status 0"
is "$(grep -c ':test-result: PASS' "$XS_TMP/pass.out/10-a.trs")" 1 \
    "a passing script: its .trs has the passed case for CI"

cat >"$XS_TMP/fail.log" <<'LOG'
xentest-begin:10-a
xentest:10-a: ok 1 - one
xentest:10-a: not ok 2 - two
xentest:10-a: 1..2
xentest-time:10-a:3
xentest-end:10-a:1
LOG
count fail
# The case and the script's non-zero exit, as automake's driver counts.
is "$total" "1 passed, 2 failed, 0 skipped" "a failed case"
is "$rc" 1 "a failed case: exit status 1"

cat >"$XS_TMP/hung.log" <<'LOG'
xentest-begin:10-a
xentest:10-a: ok 1 - one
LOG
count hung
is "$total" "1 passed, 1 failed, 0 skipped" \
    "a script that never ended is a failure"

cat >"$XS_TMP/crash.log" <<'LOG'
xentest-begin:10-a
xentest:10-a: ok 1 - one
xentest:10-a: ok 2 - two
xentest:10-a: 1..3
xentest-time:10-a:3
xentest-end:10-a:0
LOG
count crash
is "$total" "2 passed, 1 failed, 0 skipped" \
    "fewer cases than the plan is a failure"

cat >"$XS_TMP/retry.log" <<'LOG'
xentest-begin:10-a
xentest:10-a: ok 1 - one
xentest:10-a: not ok 2 - two
xentest:10-a: 1..2
xentest-retry:10-a:[ 12.5] xl[321]: segfault at 8 ip 00007f sp 00007f error 4
xentest:10-a: ok 1 - one
xentest:10-a: ok 2 - two
xentest:10-a: 1..2
xentest-time:10-a:9
xentest-end:10-a:0
xentest-begin:20-b
xentest:20-b: not ok 1 - three
xentest:20-b: 1..1
xentest-retry:20-b:Segmentation fault
xentest:20-b: not ok 1 - three
xentest:20-b: 1..1
xentest-time:20-b:4
xentest-end:20-b:1
LOG
count retry
is "$total" "2 passed, 2 failed, 0 skipped" \
    "scripts run twice count by their second run"
check "a retry is said in the summary, with what died" \
    grep -q "10-a.*ran twice\|ran twice.*segfault at 8" "$XS_TMP/retry.sum"
is "$(cat "$XS_TMP/retry.out/10-a.log")" "ok 1 - one
ok 2 - two
1..2" "the retried script's log holds its second run"
check "the whole console is kept, both runs included" \
    grep -q "not ok 2 - two" "$XS_TMP/retry.out/serial.log"

printf 'Xen panicked before dom0\n' >"$XS_TMP/none.log"
count none
is "$total" "0 passed, 1 failed, 0 skipped" \
    "no script at all is a failure"
is "$rc" 1 "no script at all: exit status 1"

done_testing
