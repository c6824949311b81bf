#!/bin/sh
# masterlink.sh: xensnmpd and its AgentX master.  Without snmpd it says
# once why it cannot connect, retries quietly, and says "started" only
# once registered; it logs losing snmpd and getting it back once each;
# notifications raised meanwhile arrive, in order, once snmpd is back;
# and a second xensnmpd on the same snmpd, refused by the master, exits
# with status 2 saying that another agent serves XEN-SNMP-MIB.

. "$abs_srcdir/tests/integration/lib.sh"

xs_require_tools
xs_tmpdir

NODE=$XS_TMP/node.xml
xs_derive_node "$NODE" "  <outage file='$XS_TMP/outage'/>" ""
LOG=$XS_TMP/xensnmpd.log
SOCK=$XS_TMP/agentx.sock

# count PATTERN: lines of the agent's log matching PATTERN.
count() {
    grep -c -e "$1" "$LOG"
}

# wait_log PATTERN: up to 10 s for PATTERN in the agent's log.
wait_log() {
    n=0
    while [ $n -lt 100 ]; do
        grep -q -e "$1" "$LOG" && return 0
        sleep 0.1
        n=$((n + 1))
    done
    return 1
}

# --- no snmpd yet -----------------------------------------------------
"$XENSNMPD" -f -x "$SOCK" -u "test://$NODE" -r 0.2 -L "file:$LOG" \
    >"$XS_TMP/xensnmpd.out" 2>&1 &
XS_AGENT_PID=$!
check "no_master_logged" wait_log "cannot reach the master agent"
sleep 3
is "$(count 'cannot reach the master agent: no socket at '"$SOCK")" 1 \
    "no_master_logged_once_with_reason"
is "$(count 'Failed to connect')" 0 "no_master_no_warning_every_second"
is "$(count 'started')" 0 "no_master_not_started"

xs_start_snmptrapd
xs_start_snmpd
check "registers_when_master_appears" xs_wait_oid "$XS_NODE_OID.1.0" 10
is "$(count 'started: XEN-SNMP-MIB registered with the master agent at')" 1 \
    "started_logged_once_registered"

# --- snmpd goes away while a hypervisor outage starts and ends ----------
xs_stop_snmpd
check "loss_of_master_logged" wait_log "lost the master agent at $SOCK: "
: >"$XS_TMP/outage"
check "outage_seen_while_master_away" wait_log "serving the last snapshot"
rm -f "$XS_TMP/outage"
check "outage_end_seen_while_master_away" wait_log "connection restored"
sleep 2
is "$(count 'lost the master agent')" 1 "loss_logged_once"
is "$(count 'Failed to connect')" 0 "master_away_no_warning_every_second"

xs_restart_snmpd
check "registers_again" xs_wait_oid "$XS_NODE_OID.1.0" 10
check "return_logged" wait_log "is back: XEN-SNMP-MIB registered again"
is "$(count 'is back')" 1 "return_logged_once"

# xenConnectionLost (9) then xenConnectionRestored (10), in that order.
n=0
while [ $n -lt 50 ]; do
    got=$(grep -F "$XS_TRAP_OID = OID: $XS_NOTIF_OID." "$XS_TMP/traps.log" |
        sed -n "s/.*$XS_TRAP_OID = OID: $XS_NOTIF_OID\.\([0-9]*\)|.*/\1/p" |
        tr '\n' ' ')
    [ "$got" = "9 10 " ] && break
    sleep 0.2
    n=$((n + 1))
done
is "$got" "9 10 " "notifications_raised_while_away_arrive_in_order"
check "held_notifications_logged" wait_log "sent 2 notifications raised"
# An SNMPv1-convertible notification: no "v1 traps can't carry Counter64".
is "$(count 'send_trap')" 0 "notifications_log_no_conversion_error"

# --- a second agent on the same snmpd ---------------------------------
before=$(date +%s)
"$XENSNMPD" -f -x "$SOCK" -u "test://$NODE" -L "file:$XS_TMP/second.log" \
    >"$XS_TMP/second.out" 2>&1 &
second=$!
n=0
while kill -0 "$second" 2>/dev/null && [ $n -lt 100 ]; do
    sleep 0.1
    n=$((n + 1))
done
if kill -0 "$second" 2>/dev/null; then
    kill -TERM "$second"
    not_ok "second_agent_exits" "still running after 10 s"
else
    ok "second_agent_exits ($(($(date +%s) - before)) s)"
fi
wait "$second"
is "$?" 2 "second_agent_exit_status_2"
check "second_agent_says_another_serves_the_mib" grep -q \
    "another agent already serves XEN-SNMP-MIB on that snmpd" \
    "$XS_TMP/second.log"
check "second_agent_never_said_started" sh -c \
    "! grep -q started '$XS_TMP/second.log'"
check "first_agent_still_serves" xs_wait_oid "$XS_NODE_OID.1.0" 2

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "sigterm_exits_0"
done_testing
