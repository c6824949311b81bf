#!/bin/sh
# valgrind.sh: xensnmpd under valgrind through a start, walks of every
# table, refreshes and a SIGTERM: no error, no leak, exit status 0.  In a
# sanitizer build (XENSNMP_SANITIZERS=yes) the binary checks itself with
# ASan+UBSan instead, as valgrind cannot run it: same steps, and any
# finding makes it exit non-zero.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml
VALGRIND=${VALGRIND:-valgrind}

xs_require_tools
xs_tmpdir
xs_start_snmpd

if [ "${XENSNMP_SANITIZERS:-no}" = yes ]; then
    ASAN_OPTIONS="detect_leaks=1:exitcode=99:log_path=$XS_TMP/valgrind.log"
    UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$XS_TMP/valgrind.log"
    export ASAN_OPTIONS UBSAN_OPTIONS
    XS_AGENT_WRAPPER=
else
    command -v "$VALGRIND" >/dev/null 2>&1 ||
        setup_failed "valgrind is missing" "install it: apt-get install valgrind"
    XS_AGENT_WRAPPER="$VALGRIND --leak-check=full --show-leak-kinds=all \
--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
--suppressions=$abs_srcdir/tests/valgrind.supp --log-file=$XS_TMP/valgrind.log"
fi
XS_AGENT_WAIT=60
# A short interval, so that several snapshots are swapped in and freed.
xs_start_agent "$NODE" -r 0.2 --control yes

$SNMPWALK -On -Oq "$XS_MIB_OID" >"$XS_TMP/walk.txt" 2>&1
check "walk_under_valgrind_succeeds" grep -q "^$XS_VCPU_OID\.5\." \
    "$XS_TMP/walk.txt"
$SNMPBULKWALK -On -Oq "$XS_MIB_OID" >"$XS_TMP/bulk.txt" 2>&1
is "$(wc -l <"$XS_TMP/bulk.txt")" "$(wc -l <"$XS_TMP/walk.txt")" \
    "bulkwalk_under_valgrind_same_count"
# SETs, accepted and refused, in every phase.
WEB01=.5.119.101.98.48.49
BUILD=.5.98.117.105.108.100
xs_succeeds "set_suspend_under_valgrind" $SNMPSET "$XS_DOM_OID.7$WEB01" i 2
xs_succeeds "set_pin_under_valgrind" \
    $SNMPSET "$XS_VCPU_OID.5$WEB01.0" x 0300000000000000
xs_refused "set_refused_under_valgrind" inconsistentValue \
    $SNMPSET "$XS_DOM_OID.7$WEB01" i 1 \
    "$XS_DOM_OID.7.8.68.111.109.97.105.110.45.48" i 2
xs_refused "set_missing_row_under_valgrind" noCreation \
    $SNMPSET "$XS_DOM_OID.7.5.110.111.110.101.120" i 1
# A background start and destroy, and a SET refused as a whole.
xs_succeeds "set_background_start_under_valgrind" \
    $SNMPSET "$XS_DOM_OID.7$BUILD" i 1
xs_wait_value "$XS_DOM_OID.21$BUILD" 3
xs_succeeds "set_background_destroy_under_valgrind" \
    $SNMPSET "$XS_DOM_OID.7$BUILD" i 5
xs_refused "set_whole_refused_under_valgrind" inconsistentValue \
    $SNMPSET "$XS_DOM_OID.13$WEB01" u 1 "$XS_DOM_OID.11$WEB01" u 4294967295
xs_succeeds "set_two_tables_under_valgrind" \
    $SNMPSET "$XS_DOM_OID.13$WEB01" u 1 "$XS_VCPU_OID.5$WEB01.0" x 01
sleep 1
r=$($SNMPGET -Oqv "$XS_NODE_OID.21.0")
check "refreshes_happen_under_valgrind ($r)" [ "${r:-0}" -ge 2 ]

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "sigterm_exit_status_0_no_valgrind_error"
if [ "$XS_AGENT_STATUS" != 0 ]; then
    cat "$XS_TMP"/valgrind.log* 2>/dev/null | sed -n 's/^/# /p' | tail -n 60
fi
done_testing
