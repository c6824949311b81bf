#!/bin/sh
# xensnmp-run-tests [NAME]...: runs the dom0 test scripts
# (/xensnmp/dom0-tests/NAME.sh, all of them by default) one after the
# other, each under a time limit, and prints their TAP on the console with
# a prefix the host extracts:
#
#   xentest-begin:NAME
#   xentest:NAME: <one line of the script's output>
#   xentest-time:NAME:<seconds it took>
#   xentest-end:NAME:<exit status>
#   XENSNMP-DOM0-DONE                  (after the last script)
#
# Between scripts every guest is destroyed, so each script starts from a
# host with Domain-0 alone.  A script runs for at most
# XENSNMP_DOM0_SCRIPT_TIMEOUT seconds (300), or for as long as a line
# "# xentest-timeout: SECONDS" in it asks.

tests=/xensnmp/dom0-tests
limit=${XENSNMP_DOM0_SCRIPT_TIMEOUT:-300}

. "$tests/lib.sh"

if [ $# = 0 ]; then
    set -- $(cd "$tests" && ls [0-9]*.sh | sed 's/\.sh$//')
fi

for name in "$@"; do
    echo "xentest-begin:$name"
    start=$(date +%s)
    own=$(sed -n 's/^# xentest-timeout: *\([0-9][0-9]*\)$/\1/p' "$tests/$name.sh")
    {
        (cd /tmp && timeout -s KILL "${own:-$limit}" sh "$tests/$name.sh" 2>&1)
        echo $? >"/tmp/xentest-rc.$name"
    } | while IFS= read -r line; do
        # Line by line: sed would hold its output in a buffer until the
        # script ends, and a hung script would show nothing.
        printf 'xentest:%s: %s\n' "$name" "$line"
    done
    echo "xentest-time:$name:$(($(date +%s) - start))"
    echo "xentest-end:$name:$(cat "/tmp/xentest-rc.$name")"
    xt_destroy_guests
done
echo "XENSNMP-DOM0-DONE"
