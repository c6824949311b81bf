#!/bin/sh
# demo.sh: "make demo" (tools/demo.sh) shows both tables, pauses web01
# through snmpset, and stops every process it started: after its time,
# and at Ctrl-C (SIGINT to make's process group) without make reporting
# an error.  "make demo DEMO_PORT=N" serves on port N.

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

# DEMO_PORT, and Ctrl-C, through make as a user runs it.  The demo runs
# in its own session (its process group gets the SIGINT, as a terminal's
# would), with SIGINT's default action restored: a shell's background
# job starts with it ignored.
port=$(xs_free_port)
log=$(mktemp "${TMPDIR:-/tmp}/xensnmp-demo.XXXXXX")
env -u MAKEFLAGS -u MFLAGS setsid perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' \
    make -s -C "$abs_builddir" demo DEMO_PORT="$port" >"$log" 2>&1 &
demo_pid=$!
n=0
while [ $n -lt 300 ] && ! grep -q '^=== running' "$log"; do
    sleep 0.1
    n=$((n + 1))
done
case $(cat "$log") in
*"snmpd:    udp:127.0.0.1:$port "*) ok "demo_port_chosen_by_DEMO_PORT" ;;
*) not_ok "demo_port_chosen_by_DEMO_PORT" "$(tail -n 20 "$log")" ;;
esac
is "$(snmpget -v2c -c public -t 2 -r 1 -Oqv "127.0.0.1:$port" \
    "$XS_NODE_OID.1.0" 2>&1)" '"Xen"' "demo_answers_on_DEMO_PORT"
kill -INT -- "-$demo_pid"
wait "$demo_pid"
case $(cat "$log") in
*"make: ***"* | *"stopped by itself"*)
    not_ok "demo_ctrl_c_ends_cleanly" "$(tail -n 5 "$log")" ;;
*"=== stopped"*) ok "demo_ctrl_c_ends_cleanly" ;;
*) not_ok "demo_ctrl_c_ends_cleanly" "$(tail -n 5 "$log")" ;;
esac
if ss -Hlun "sport = :$port" 2>/dev/null | grep -q .; then
    not_ok "demo_ctrl_c_stops_snmpd"
else
    ok "demo_ctrl_c_stops_snmpd"
fi
rm -f "$log"
done_testing
