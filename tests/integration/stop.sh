#!/bin/sh
# stop.sh: SIGTERM stops xensnmpd within a bounded time (xensnmpd(8): 5 s
# for the background action in hand) even when a slow action runs, and
# the log says what was left running.

. "$abs_srcdir/tests/integration/lib.sh"

WEB01=.5.119.101.98.48.49

xs_require_tools
xs_tmpdir

# The integration host with a destroy that takes 30 s.
NODE=$XS_TMP/node.xml
xs_derive_node "$NODE" "  <delays destroy='30000'/>" ""
grep -q "<delays" "$NODE" || setup_failed "cannot derive the slow node file"

xs_start_snmpd
xs_start_agent "$NODE" --control yes -r 0.5

# xenDomAdminState (7) destroyed (5): accepted at once, runs 30 s.
xs_succeeds "slow_destroy_accepted" $SNMPSET "$XS_DOM_OID.7$WEB01" i 5
sleep 0.5
before=$(date +%s)
xs_stop_agent
after=$(date +%s)
check "sigterm_returns_within_7s ($((after - before)) s)" \
    [ $((after - before)) -le 7 ]
is "$XS_AGENT_STATUS" 0 "sigterm_with_slow_action_exits_0"
check "log_names_the_action_left_running" grep -q \
    'destroy of "web01" still running after 5 s' "$XS_TMP/xensnmpd.log"

done_testing
