#!/bin/sh
# dlmod.sh: XEN-SNMP-MIB served by the module snmpd loads with dlmod
# (agent/.libs/xensnmp.so) answers like xensnmpd over AgentX for the same
# node file, and snmpd still stops cleanly on SIGTERM.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml
MODULE=$abs_builddir/agent/.libs/xensnmp.so

# Drops the objects that move between two walks: the node's timestamps
# and counters (.16 .17 .18 .20 .21 .22), the domains' cpu time, usage,
# uptime, discontinuity and last action time (.15 .16 .17 .18 .20) and
# the vcpus' cpu time (.3).
xs_stable() {
    grep -v -E "^$XS_NODE_OID\.(16|17|18|20|21|22)\.0 |^$XS_DOM_OID\.(15|16|17|18|20)\.|^$XS_VCPU_OID\.3\." "$1"
}

xs_require_tools
[ -f "$MODULE" ] || setup_failed "$MODULE is not built" "run make"
xs_tmpdir

# The reference: snmpd as AgentX master plus xensnmpd.
xs_start_snmpd
xs_start_agent "$NODE" -r 5
$SNMPWALK -On -Oq "$XS_MIB_OID" >"$XS_TMP/agentx.txt" 2>&1
xs_stop_agent
xs_stop_snmpd

# The module: a private snmpd with no AgentX at all.
xs_start_module "$NODE"

check "dlmod_node_answers" xs_wait_oid "$XS_NODE_OID.1.0" 10
is "$($SNMPGET -Oqv "$XS_NODE_OID.19.0" 2>&1)" "1" \
    "dlmod_node_connection_up"
$SNMPWALK -On -Oq "$XS_MIB_OID" >"$XS_TMP/dlmod.txt" 2>&1
check "dlmod_walk_has_domain_rows" grep -q "^$XS_DOM_OID\." "$XS_TMP/dlmod.txt"
xs_stable "$XS_TMP/agentx.txt" >"$XS_TMP/agentx.stable"
xs_stable "$XS_TMP/dlmod.txt" >"$XS_TMP/dlmod.stable"
if cmp -s "$XS_TMP/agentx.stable" "$XS_TMP/dlmod.stable"; then
    ok "dlmod_walk_matches_agentx ($(wc -l <"$XS_TMP/dlmod.stable") objects)"
else
    not_ok "dlmod_walk_matches_agentx" \
        "$(diff "$XS_TMP/agentx.stable" "$XS_TMP/dlmod.stable" | head -n 10)"
fi

kill -TERM "$XS_SNMPD_PID"
wait "$XS_SNMPD_PID"
status=$?
XS_SNMPD_PID=
is "$status" "0" "dlmod_snmpd_stops_cleanly_on_sigterm"
check "dlmod_no_sanitizer_report" sh -c \
    "! grep -E 'Sanitizer|runtime error' '$XS_TMP/snmpd-dlmod.stderr'"
check "dlmod_log_has_no_error" sh -c \
    "! grep -i -E 'xensnmp.*(error|cannot)|dlmod.*fail' '$XS_TMP/snmpd-dlmod.log'"

done_testing
