#!/bin/sh
# xensnmp-run-tests [NAME]...: runs the dom0 test scripts
# (/xensnmp/dom0-tests/NAME.sh, all of them by default) one after the
# other, each under a time limit, and prints their TAP on the console with
# a prefix the host extracts:
#
#   xentest-begin:NAME
#   xentest:NAME: <one line of the script's output>
#   xentest-retry:NAME:<why>           (then the script's lines again)
#   xentest-time:NAME:<seconds it took>
#   xentest-end:NAME:<exit status>
#   XENSNMP-DOM0-DONE                  (after the last script)
#
# Between scripts every guest is destroyed, so each script starts from a
# host with Domain-0 alone.  A script runs for at most
# XENSNMP_DOM0_SCRIPT_TIMEOUT seconds (300), or for as long as a line
# "# xentest-timeout: SECONDS" in it asks.
#
# Under TCG on a loaded host, dom0 programs now and then die of memory
# corruption that no test caused (segfaults and heap aborts of xl,
# busybox, hotplug scripts).  A script that fails while dom0's kernel log
# or the script's own output shows such a death runs once more, after a
# xentest-retry line that says which; the host counts the last run.

tests=/xensnmp/dom0-tests
limit=${XENSNMP_DOM0_SCRIPT_TIMEOUT:-300}

. "$tests/lib.sh"

if [ $# = 0 ]; then
    set -- $(cd "$tests" && ls [0-9]*.sh | sed 's/\.sh$//')
fi

# The kernel's lines about user programs killed by a fault.
fault_lines() {
    dmesg | grep -E 'segfault at|traps: |general protection|invalid opcode'
}

# run_script NAME: runs it, its output on the console and in
# /tmp/xentest-out.NAME, its exit status in /tmp/xentest-rc.NAME.
run_script() {
    own=$(sed -n 's/^# xentest-timeout: *\([0-9][0-9]*\)$/\1/p' "$tests/$1.sh")
    : >"/tmp/xentest-out.$1"
    {
        (cd /tmp && timeout -s KILL "${own:-$limit}" sh "$tests/$1.sh" 2>&1)
        echo $? >"/tmp/xentest-rc.$1"
    } | while IFS= read -r line; do
        # Line by line: sed would hold its output in a buffer until the
        # script ends, and a hung script would show nothing.
        printf 'xentest:%s: %s\n' "$1" "$line"
        printf '%s\n' "$line" >>"/tmp/xentest-out.$1"
    done
}

# emulation_fault NAME FAULTS-BEFORE: prints what died while NAME ran
# (and fails when nothing did).
emulation_fault() {
    new=$(fault_lines | tail -n "+$(($2 + 1))" | head -n 1)
    [ -z "$new" ] && new=$(grep -m 1 -E 'Segmentation fault|malloc\(\)|free\(\)|corrupted|stack smashing' \
        "/tmp/xentest-out.$1")
    [ -n "$new" ] && printf '%s\n' "$new" | tr -d '\r' | cut -c 1-160
}

for name in "$@"; do
    echo "xentest-begin:$name"
    start=$(date +%s)
    faults=$(fault_lines | wc -l)
    run_script "$name"
    if [ "$(cat "/tmp/xentest-rc.$name")" != 0 ] &&
        why=$(emulation_fault "$name" "$faults"); then
        echo "xentest-retry:$name:$why"
        xt_destroy_guests
        run_script "$name"
    fi
    echo "xentest-time:$name:$(($(date +%s) - start))"
    echo "xentest-end:$name:$(cat "/tmp/xentest-rc.$name")"
    xt_destroy_guests
done
echo "XENSNMP-DOM0-DONE"
