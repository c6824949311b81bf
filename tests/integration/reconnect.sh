#!/bin/sh
# reconnect.sh: when snmpd restarts, xensnmpd registers again by itself
# within a few seconds (AgentX ping every second).

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml

xs_require_tools
xs_tmpdir
xs_start_snmpd
xs_start_agent "$NODE" -D agentx/subagent
check "ping_interval_is_1s" grep -q "ping alarm every 1 seconds" \
    "$XS_TMP/xensnmpd.log"

xs_restart_snmpd
before=$(date +%s)
if xs_wait_oid "$XS_NODE_OID.1.0" 10; then
    after=$(date +%s)
    ok "mib_answers_after_snmpd_restart"
    check "reregistered_within_4s ($((after - before)) s)" \
        [ $((after - before)) -le 4 ]
else
    not_ok "mib_answers_after_snmpd_restart" \
        "$(tail -n 5 "$XS_TMP/xensnmpd.log")"
fi
check "agent_still_running" kill -0 "$XS_AGENT_PID"
is "$($SNMPGET -Oqv "$XS_DOM_OID.6.5.119.101.98.48.49")" 1 \
    "values_served_after_reconnect"

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "sigterm_exits_0"
done_testing
