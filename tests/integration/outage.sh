#!/bin/sh
# outage.sh: a hypervisor outage (the node file's <outage> switch) changes
# no row.  While it lasts the agent loses every connection, as it would
# when xenstored stops; when it ends, every domain is as it was: a domain
# the agent paused is still paused, a domain without a <uuid> keeps the
# UUID it had, cpu time has not gone back, and no lifecycle notification
# is sent for domains that did not change.

. "$abs_srcdir/tests/integration/lib.sh"

WEB01=.5.119.101.98.48.49

xs_require_tools
xs_tmpdir

# The integration host with an outage switch and one domain without a
# <uuid> (the driver makes one up when it loads the file).
NODE=$XS_TMP/node.xml
xs_derive_node "$NODE" "  <outage file='$XS_TMP/outage'/>" \
    "  <domain type='xen' id='40' cputime='5000000000'>
    <name>nouuid</name>
    <os><type>linux</type></os>
    <memory>262144</memory>
    <vcpu>1</vcpu>
  </domain>"
grep -q "<outage" "$NODE" && grep -q "<name>nouuid" "$NODE" ||
    setup_failed "cannot derive the node file"

xs_start_snmptrapd
xs_start_snmpd
xs_start_agent "$NODE" --control yes -r 0.5

# rows FILE: the domain table's columns that an outage must not change
# (uuid, id, os type, states, memory, vcpus), one "OID = value" a line.
rows() {
    for c in 2 3 4 5 6 7 8 9 10 13 14; do
        $SNMPWALK -On "$XS_DOM_OID.$c" || return 1
    done >"$1"
}

# cputimes FILE: "OID value" per domain.
cputimes() {
    $SNMPWALK -On -Oq "$XS_DOM_OID.15" >"$1"
}

xs_succeeds "outage_setup_pause_web01" $SNMPSET "$XS_DOM_OID.7$WEB01" i 2
check "outage_setup_web01_paused" xs_wait_value "$XS_DOM_OID.6$WEB01" 3
rows "$XS_TMP/before" || setup_failed "cannot walk the domain table"
cputimes "$XS_TMP/cpu-before" || setup_failed "cannot walk cpu times"
check "outage_setup_table_has_nouuid" grep -q '"nouuid"\|110\.111\.117\.117\.105\.100 ' \
    "$XS_TMP/before"
traps_before=$(wc -l <"$XS_TMP/traps.log")

: >"$XS_TMP/outage"
check "outage_connection_state_down" xs_wait_value "$XS_NODE_OID.19.0" 2
rm -f "$XS_TMP/outage"
check "outage_connection_state_up_again" xs_wait_value "$XS_NODE_OID.19.0" 1
# Two refreshes after the connection came back.
sleep 1.2

rows "$XS_TMP/after" || setup_failed "cannot walk the domain table again"
cputimes "$XS_TMP/cpu-after" || setup_failed "cannot walk cpu times again"
if cmp -s "$XS_TMP/before" "$XS_TMP/after"; then
    ok "outage_changes_no_row"
else
    diff "$XS_TMP/before" "$XS_TMP/after" | sed 's/^/# /'
    not_ok "outage_changes_no_row"
fi
is "$($SNMPGET -Oqv "$XS_DOM_OID.6$WEB01")" 3 "outage_paused_domain_still_paused"

# Cpu time of every domain is where it was or further on.
backwards=$(awk 'NR == FNR { t[$1] = $2; next }
    ($1 in t) && $2 + 0 < t[$1] + 0 { print $1 }' \
    "$XS_TMP/cpu-before" "$XS_TMP/cpu-after")
is "$backwards" "" "outage_cpu_time_never_goes_back"

# Only xenConnectionLost (9) and xenConnectionRestored (10) since.
lifecycle=$(tail -n +$((traps_before + 1)) "$XS_TMP/traps.log" |
    grep -F "$XS_TRAP_OID = OID: $XS_NOTIF_OID." |
    grep -v -F -e "$XS_NOTIF_OID.9|" -e "$XS_NOTIF_OID.10|" | head -n 3)
is "$lifecycle" "" "outage_sends_no_lifecycle_notification"

done_testing
