#!/bin/sh
# background.sh: slow lifecycle actions return at once and report in the
# last-action columns and xenControlFailed; a SET whose later varbind the
# domain cannot take changes nothing (decided before commit); a hypervisor
# outage sends xenConnectionLost and xenConnectionRestored while the agent
# keeps answering.

. "$abs_srcdir/tests/integration/lib.sh"

WEB01=.5.119.101.98.48.49
BUILD=.5.98.117.105.108.100
HUGE=.4.104.117.103.101

xs_require_tools
xs_tmpdir

# The integration host, slowed down (create and destroy take 1.5 s), with
# an outage switch, and with a shut-off domain too big for the memory
# left free (2 TiB; big64 holds 4 of the 5 TiB).
NODE=$XS_TMP/node.xml
xs_derive_node "$NODE" "  <delays create='1500' destroy='1500'/>
  <outage file='$XS_TMP/outage'/>" "  <domain type='xen' state='shutoff'>
    <name>huge</name>
    <uuid>11111111-2222-4333-8444-5555555555ff</uuid>
    <os><type>linux</type></os>
    <memory>2147483648</memory>
    <vcpu>2</vcpu>
  </domain>"
grep -q "<outage" "$NODE" && grep -q "<name>huge" "$NODE" ||
    setup_failed "cannot derive the slow node file"

xs_start_snmptrapd
xs_start_snmpd
xs_start_agent "$NODE" --control yes -r 0.5

# wait_trap N: up to 10 s for a notification xenNotifications.N; prints it.
wait_trap() {
    n=0
    while [ $n -lt 100 ]; do
        line=$(grep -F "$XS_TRAP_OID = OID: $XS_NOTIF_OID.$1|" "$XS_TMP/traps.log" |
            tail -n 1)
        if [ -n "$line" ]; then
            printf '%s\n' "$line"
            return 0
        fi
        sleep 0.1
        n=$((n + 1))
    done
    return 1
}

has_trap() {
    wait_trap "$1" >/dev/null
}

ms_now() {
    echo $(($(date +%s%N) / 1000000))
}

# --- a slow start returns at once and runs in the background ------------
t0=$(ms_now)
out=$($SNMPSET "$XS_DOM_OID.7$BUILD" i 1 2>&1)
rc=$?
t1=$(ms_now)
[ $rc -eq 0 ] || echo "# $out"
is "$rc" 0 "background_start_set_succeeds"
check "background_start_set_returns_within_1s" [ $((t1 - t0)) -lt 1000 ]
is "$($SNMPGET -Oqv "$XS_DOM_OID.19$BUILD")" 2 "background_start_lastAction_start"
is "$($SNMPGET -Oqv "$XS_DOM_OID.21$BUILD")" 2 \
    "background_start_status_inProgress_at_once"
is "$($SNMPGET -Oqv "$XS_DOM_OID.6$BUILD")" 5 \
    "background_start_domain_still_shutoff_at_once"
requested=$($SNMPGET -Oqv -Ot "$XS_DOM_OID.20$BUILD")
xs_refused "background_busy_domain_refuses_set" "Reason: inconsistentValue" \
    $SNMPSET "$XS_DOM_OID.7$BUILD" i 5
check "background_start_reaches_running" xs_wait_value "$XS_DOM_OID.6$BUILD" 1
check "background_start_status_succeeded" \
    xs_wait_value "$XS_DOM_OID.21$BUILD" 3
is "$($SNMPGET -Oqv -Ot "$XS_DOM_OID.20$BUILD")" "$requested" \
    "background_start_time_is_when_requested"
check "background_start_sends_started" has_trap 1

# --- a slow destroy likewise -------------------------------------------
t0=$(ms_now)
$SNMPSET "$XS_DOM_OID.7$BUILD" i 5 >/dev/null 2>&1
rc=$?
t1=$(ms_now)
is "$rc" 0 "background_destroy_set_succeeds"
check "background_destroy_set_returns_within_1s" [ $((t1 - t0)) -lt 1000 ]
is "$($SNMPGET -Oqv "$XS_DOM_OID.21$BUILD")" 2 \
    "background_destroy_status_inProgress_at_once"
check "background_destroy_reaches_shutoff" xs_wait_value "$XS_DOM_OID.6$BUILD" 5
check "background_destroy_status_succeeded" \
    xs_wait_value "$XS_DOM_OID.21$BUILD" 3
is "$($SNMPGET -Oqv "$XS_DOM_OID.19$BUILD")" 7 "background_destroy_lastAction"

# --- a start the hypervisor refuses: failed, with xenControlFailed ------
out=$($SNMPSET "$XS_DOM_OID.7$HUGE" i 1 2>&1)
rc=$?
[ $rc -eq 0 ] || echo "# $out"
is "$rc" 0 "background_refused_start_set_accepted"
check "background_refused_start_status_failed" \
    xs_wait_value "$XS_DOM_OID.21$HUGE" 4
err=$($SNMPGET -Oqv "$XS_DOM_OID.22$HUGE")
check "background_refused_start_error_says_memory" \
    sh -c "printf '%s' '$err' | grep -q -i memory"
is "$($SNMPGET -Oqv "$XS_DOM_OID.6$HUGE")" 5 \
    "background_refused_start_leaves_shutoff"
trap8=$(wait_trap 8)
check "background_refused_start_sends_controlFailed" [ -n "$trap8" ]
check "background_controlFailed_names_domain" sh -c \
    "printf '%s' '$trap8' | grep -q '42\.1\.4\.1$HUGE = STRING: \"huge\"'"
check "background_controlFailed_has_uuid" sh -c \
    "printf '%s' '$trap8' | grep -q '42\.1\.2\.1\.3$HUGE = STRING: \"11111111-2222-4333-8444-5555555555ff\"'"
check "background_controlFailed_action_start" sh -c \
    "printf '%s' '$trap8' | grep -q '42\.1\.4\.3$HUGE = INTEGER: 2'"
check "background_controlFailed_error_text" sh -c \
    "printf '%s' '$trap8' | grep -q -i '42\.1\.4\.4$HUGE = STRING: \".*memory'"

# --- a later varbind the domain cannot take: nothing changes -----------
# Decided whole before anything changes (inconsistentValue, not a
# commitFailed after the earlier varbinds were made and undone).
vcpus=$($SNMPGET -Oqv "$XS_DOM_OID.13$WEB01")
target=$($SNMPGET -Oqv "$XS_DOM_OID.12$WEB01")
affinity=$($SNMPGET -Oqv "$XS_VCPU_OID.5$WEB01.0")
xs_refused "whole_set_last_varbind_inconsistentValue" \
    "Reason: inconsistentValue" \
    $SNMPSET "$XS_DOM_OID.7$WEB01" i 2 \
    "$XS_DOM_OID.13$WEB01" u 1 \
    "$XS_DOM_OID.12$WEB01" u 1024 \
    "$XS_VCPU_OID.5$WEB01.0" x 01 \
    "$XS_DOM_OID.11$WEB01" u 4294967295
is "$($SNMPGET -Oqv "$XS_DOM_OID.6$WEB01")" 1 "whole_set_still_running"
is "$($SNMPGET -Oqv "$XS_DOM_OID.13$WEB01")" "$vcpus" "whole_set_vcpus_kept"
is "$($SNMPGET -Oqv "$XS_DOM_OID.12$WEB01")" "$target" \
    "whole_set_memory_target_kept"
is "$($SNMPGET -Oqv "$XS_VCPU_OID.5$WEB01.0")" "$affinity" \
    "whole_set_affinity_kept"
check "whole_set_refusal_logged" grep -q \
    'SET xenDomMaxMemoryMiB."web01" = 4294967295 refused with inconsistentValue' \
    "$XS_TMP/xensnmpd.log"

# --- hypervisor outage: lost, still answering, restored -----------------
: >"$XS_TMP/outage"
check "outage_sends_connectionLost" has_trap 9
lost=$(wait_trap 9)
check "outage_connectionLost_carries_connectionState_down" sh -c \
    "printf '%s' '$lost' | grep -q '42\.1\.1\.19\.0 = INTEGER: 2'"
is "$($SNMPGET -Oqv "$XS_NODE_OID.19.0")" 2 "outage_connection_state_down"
is "$($SNMPGET -Oqv "$XS_DOM_OID.6$WEB01")" 1 "outage_last_snapshot_still_served"
rm -f "$XS_TMP/outage"
check "outage_end_sends_connectionRestored" has_trap 10
check "outage_connectionRestored_carries_connectionState_up" sh -c \
    "grep -F '$XS_TRAP_OID = OID: $XS_NOTIF_OID.10|' '$XS_TMP/traps.log' |
        grep -q '42\.1\.1\.19\.0 = INTEGER: 1'"
check "outage_connection_state_up_again" xs_wait_value "$XS_NODE_OID.19.0" 1
is "$(grep -c -F "$XS_TRAP_OID = OID: $XS_NOTIF_OID.9|" "$XS_TMP/traps.log")" 1 \
    "outage_connectionLost_sent_once"

done_testing
