# xensnmpd on xen:/// with control enabled and a real PV guest: each
# snmpset (pause, resume, memory target and maximum, vcpus, pinning)
# shows in xl afterwards, and in the agent.
. /xensnmp/dom0-tests/lib.sh

[ "$WITH_XEN" = yes ] || setup_failed "this build has no Xen driver"

xs_require_tools
xs_tmpdir
xs_start_snmpd
xt_start_agent --control yes -r 0.5

DOM=$XS_DOM_OID
VCPU=$XS_VCPU_OID

xt_guest_start pv1 || setup_failed "pv1 did not boot" \
    "$(tail -n 5 "$XT_CONSOLE_LOGS/guest-pv1.log" 2>&1)"

P1=$(xt_idx pv1)

not_paused() {
    ! xt_state_has "$1" p
}

# agent_shows OID VALUE [SECONDS]: the agent reaches VALUE (snmpget -Oqv).
agent_shows() {
    xt_wait "${3:-10}" sh -c "[ \"\$($SNMPGET -Oqv '$1' 2>/dev/null)\" = '$2' ]"
}

xs_succeeds "snmpset pv1 xenDomAdminState paused" $SNMPSET "$DOM.7$P1" i 2
check "pv1 shows the p flag in xl list ($(xt_field pv1 5))" xt_state_has pv1 p
check "pv1 xenDomOperState paused" agent_shows "$DOM.6$P1" 3
xs_succeeds "snmpset pv1 xenDomAdminState running" $SNMPSET "$DOM.7$P1" i 1
check "pv1 has no p flag in xl list" xt_wait 5 not_paused pv1

xs_succeeds "snmpset pv1 xenDomMemoryTargetMiB 96" \
    $SNMPSET "$DOM.12$P1" u 96
xt_expect_field 60 pv1 3 96 "pv1 balloons to 96 MiB in xl list"
check "pv1 xenDomMemory reaches 98304 KiB" agent_shows "$DOM.9$P1" 98304 30

xs_succeeds "snmpset pv1 xenDomMaxMemoryMiB 176" $SNMPSET "$DOM.11$P1" u 176
id=$(xt_field pv1 2)
is "$(xt_retry xenstore-read "/local/domain/$id/memory/static-max")" 180224 \
    "pv1 memory/static-max is 176 MiB in xenstore (xl mem-max's record)"
check "pv1 xenDomMaxMemory shows 180224 KiB" agent_shows "$DOM.8$P1" 180224

xs_succeeds "snmpset pv1 xenDomVcpus 1" $SNMPSET "$DOM.13$P1" u 1
xt_expect_field 30 pv1 4 1 "pv1 has 1 vcpu in xl list"
xs_succeeds "snmpset pv1 xenDomVcpus 2" $SNMPSET "$DOM.13$P1" u 2
xt_expect_field 30 pv1 4 2 "pv1 has 2 vcpus again in xl list"

# Pin vcpu 1 of pv1 to cpu 1: a map of the agent's length, first byte 02.
cur=$($SNMPGET -Ox -Oqv "$VCPU.5$P1.1" | tr -d '" ')
map=02$(printf '%s' "$cur" | cut -c3-)
xs_succeeds "snmpset pv1 vcpu 1 xenVcpuAffinity $map" \
    $SNMPSET "$VCPU.5$P1.1" x "$map"
aff=$(xt_retry xl vcpu-list pv1 | awk 'NR > 1 && $3 == 1 { print $7 }')
is "$aff" 1 "xl vcpu-list: pv1 vcpu 1 is pinned to cpu 1"

xt_agent_alive "xensnmpd still running"
xs_stop_agent
is "$XS_AGENT_STATUS" 0 "xensnmpd exits 0 on SIGTERM"
xt_done_testing
