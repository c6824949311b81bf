#!/bin/sh
# demo.sh: "make demo" (tools/demo.sh) shows both tables, pauses web01
# through snmpset, and stops every process it started.

. "$abs_srcdir/tests/integration/lib.sh"

out=$(XENSNMP_DEMO_SECONDS=0 $SHELL "$abs_srcdir/tools/demo.sh" 2>&1)
status=$?
is "$status" 0 "demo_exits_cleanly_when_timed"
for want in 'SNMP table: XEN-SNMP-MIB::xenDomainTable' \
    'SNMP table: XEN-SNMP-MIB::xenVcpuTable' \
    'Domain-0' \
    'xenDomAdminState."web01" = INTEGER: paused(2)' \
    'xenDomOperState."web01" = INTEGER: paused(3)' \
    'xenDomLastActionStatus."web01" = INTEGER: succeeded(3)'; do
    case $out in
    *"$want"*) ok "demo_prints: $want" ;;
    *) not_ok "demo_prints: $want" "$(printf '%s\n' "$out" | tail -n 20)" ;;
    esac
done
# The demo's temporary directory names its snmpd; none may be left.
tmp=$(printf '%s\n' "$out" | sed -n 's|^ *AgentX: *\(.*\)/agentx.sock$|\1|p')
if [ -n "$tmp" ] && ! pgrep -f "$tmp/snmpd.conf" >/dev/null &&
    ! pgrep -f "$tmp/agentx.sock" >/dev/null && [ ! -e "$tmp" ]; then
    ok "demo_stops_what_it_started"
else
    not_ok "demo_stops_what_it_started" "temporary dir: '$tmp'"
fi
done_testing
