#!/bin/sh
# results.sh LOG DIR: extracts each dom0 script's TAP from the serial log
# (the lines dom0-run-tests.sh prefixes with "xentest:NAME: ") into
# DIR/NAME.log, writes DIR/NAME.trs in the form of automake's TAP driver
# (":test-result: PASS" per case, ":global-test-result:"), and prints
# "N passed, N failed, N skipped".  Exits 1 on any failure: a failed
# case, a script that exited non-zero or never ended, a plan that does
# not match, or no script at all.

set -u

log=$1
dir=$2
rm -rf "$dir"
mkdir -p "$dir"
tr -d '\r' <"$log" >"$dir/serial.log"

passed=0
failed=0
skipped=0
scripts=$(sed -n 's/^xentest-begin:\([A-Za-z0-9_.-]*\)$/\1/p' "$dir/serial.log")
[ -n "$scripts" ] || {
    echo "results.sh: no dom0 test script ran (see $dir/serial.log)" >&2
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
}
for name in $scripts; do
    # A script dom0 ran again (xentest-retry) counts by its last run.
    awk -v p="xentest:$name: " -v r="xentest-retry:$name:" '
        index($0, r) == 1 { n = 0; next }
        index($0, p) == 1 { line[n++] = substr($0, length(p) + 1) }
        END { for (i = 0; i < n; i++) print line[i] }' \
        "$dir/serial.log" >"$dir/$name.log"
    retry=$(sed -n "s/^xentest-retry:$name://p" "$dir/serial.log")
    rc=$(sed -n "s/^xentest-end:$name:\([0-9]*\)$/\1/p" "$dir/serial.log")
    awk -v rc="${rc:-none}" '
        /^ok / && / # SKIP/ { print ":test-result: SKIP"; n++; s++; next }
        /^ok / { print ":test-result: PASS"; n++; p++; next }
        /^not ok / { print ":test-result: FAIL"; n++; f++; next }
        /^1\.\.[0-9]+$/ { plan = substr($0, 4) + 0 }
        END {
            bad = f > 0 || rc != "0" || plan == "" || plan != n
            if (rc != "0")
                print ":test-result: ERROR"
            print ":global-test-result: " (bad ? "FAIL" : "PASS")
            printf "%d %d %d %s %s\n", p, f + (rc != "0"), s, rc, plan > "/dev/stderr"
        }' "$dir/$name.log" >"$dir/$name.trs" 2>"$dir/$name.count"
    read -r p f s rc plan <"$dir/$name.count"
    rm -f "$dir/$name.count"
    secs=$(sed -n "s/^xentest-time:$name:\([0-9]*\)$/\1/p" "$dir/serial.log")
    verdict=PASS
    grep -q '^:global-test-result: FAIL' "$dir/$name.trs" && verdict=FAIL
    echo "$verdict: $name ($p passed, $f failed, $s skipped, exit $rc, plan ${plan:-missing}, ${secs:-?} s)"
    [ -z "$retry" ] ||
        echo "    ran twice: the first run failed after a dom0 program died: $retry"
    if [ $verdict = FAIL ]; then
        grep '^not ok \|^#' "$dir/$name.log" | head -n 20 | sed 's/^/    /'
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    skipped=$((skipped + s))
    if [ $verdict = FAIL ] && [ "$f" = 0 ]; then
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
