# xensnmpd on xen:/// starts a defined guest (an xl file in /etc/xen that
# does not run) and shuts guests down, each checked with xl: one it
# started, which the library then destroys as its on_poweroff says, and
# one xl started.
. /xensnmp/dom0-tests/lib.sh

[ "$WITH_XEN" = yes ] || setup_failed "this build has no Xen driver"

xs_require_tools
xs_tmpdir
xs_start_snmpd
xt_start_agent --control yes -r 0.5

DOM=$XS_DOM_OID
P1=$(xt_idx pv1)
P2=$(xt_idx pv2)

agent_shows() {
    [ "$($SNMPGET -Oqv "$1" 2>/dev/null)" = "$2" ]
}

xt_guest_create pv1 || setup_failed "xl create pv1 failed"

is "$($SNMPGET -Oqv "$DOM.4$P2")" -1 "pv2 (defined, not running) has id -1"
is "$($SNMPGET -Oqv "$DOM.6$P2")" 5 "pv2 xenDomOperState shutoff"
rm -f "$XT_CONSOLE_LOGS/guest-pv2.log"
xs_succeeds "snmpset pv2 xenDomAdminState running starts it" \
    $SNMPSET "$DOM.7$P2" i 1
check "pv2 runs in xl list" xt_wait 90 sh -c 'xl domid pv2 >/dev/null 2>&1'
xt_agent_alive "xensnmpd runs on while pv2 starts"
check "pv2 xenDomId is the id xl list shows" \
    xt_wait 20 agent_shows "$DOM.4$P2" "$(xt_field pv2 2)"
check "pv2 xenDomLastActionStatus succeeded" \
    xt_wait 20 agent_shows "$DOM.21$P2" 3

check "pv1 boots (xl create)" xt_wait 180 xt_guest_ready pv1
check "pv2 boots (started by the agent)" xt_wait 180 xt_guest_ready pv2

# Started by the library: on_poweroff=destroy is carried out by it, as
# xl's monitoring process would for a guest xl started.
xs_succeeds "snmpset pv2 xenDomAdminState shutdown" $SNMPSET "$DOM.7$P2" i 3
check "pv2 is gone from xl list after its shutdown" \
    xt_wait 90 xt_guest_gone pv2
check "pv2 xenDomId is -1 again" xt_wait 10 agent_shows "$DOM.4$P2" -1

# Created with xl create -e, no xl process reaps pv1: xl shows it shut
# down ("s") until it is destroyed, and so does the agent.
xs_succeeds "snmpset pv1 xenDomAdminState shutdown" $SNMPSET "$DOM.7$P1" i 3
check "pv1 shows shut down in xl list" xt_wait 90 xt_state_has pv1 s
check "pv1 xenDomOperState shutoff or shutdown" xt_wait 10 sh -c \
    "[ \"\$($SNMPGET -Oqv '$DOM.6$P1')\" -ge 4 ]"

xt_agent_alive "xensnmpd still running"
xs_stop_agent
is "$XS_AGENT_STATUS" 0 "xensnmpd exits 0 on SIGTERM"
xt_done_testing
