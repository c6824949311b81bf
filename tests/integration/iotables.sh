#!/bin/sh
# iotables.sh: xenVifTable and xenVbdTable through snmpd and xensnmpd on
# the built-in host (test:///default, whose web01 and db01 do I/O),
# against what libvir says (tests/integration/virdump): the rows, names
# and counters, the rates a poller computes over an interval, counters
# across an agent restart, and the same tables from the dlmod module.

. "$abs_srcdir/tests/integration/lib.sh"

VIRDUMP=$abs_builddir/tests/integration/virdump
VIF=$XS_MIB_OID.1.5.1
VBD=$XS_MIB_OID.1.6.1
WEB01=5.119.101.98.48.49
DB01=4.100.98.48.49

xs_require_tools
[ -x "$VIRDUMP" ] || setup_failed "$VIRDUMP is not built" "run make check"
xs_tmpdir
xs_start_snmpd
xs_start_agent /default -r 1

"$VIRDUMP" test:///default >"$XS_TMP/lib.txt" ||
    setup_failed "virdump failed" "$(cat "$XS_TMP/lib.txt")"
$SNMPWALK -On -Oq -Ot "$XS_MIB_OID.1.5" >"$XS_TMP/vif.txt" 2>&1
$SNMPWALK -On -Oq -Ot "$XS_MIB_OID.1.6" >"$XS_TMP/vbd.txt" 2>&1

# rows KIND WALKFILE: "DOMINDEX NAME COUNTERS..." of each row, sorted:
# from the walk (the name column joined with the counter columns), and
# from virdump's "io" lines.
rows_walk() {
    awk -v root="$2" '
        { oid = substr($1, length(root) + 2); split(oid, a, ".")
          col = a[1]; key = substr(oid, length(col) + 2)
          v[key, col] = $2; keys[key] = 1 }
        END { for (k in keys) {
                  n = split(k, b, "."); dom = ""
                  for (i = 1; i < n; i++) dom = dom "." b[i]
                  line = dom " " v[k, 2]
                  for (c = first; c <= last; c++) line = line " " v[k, c]
                  gsub(/"/, "", line); print line } }
    ' first="$3" last="$4" "$1" | LC_ALL=C sort
}
rows_lib() {
    awk -v kind="$1" '$1 == "io" && $2 == kind {
        $1 = ""; $2 = ""; sub(/^  /, ""); print }' "$XS_TMP/lib.txt" |
        LC_ALL=C sort
}
rows_walk "$XS_TMP/vif.txt" "$VIF" 3 10 >"$XS_TMP/vif.rows"
rows_walk "$XS_TMP/vbd.txt" "$VBD" 4 10 >"$XS_TMP/vbd.rows"
rows_lib vif >"$XS_TMP/vif.lib"
rows_lib vbd >"$XS_TMP/vbd.lib"

for kind in vif vbd; do
    is "$(wc -l <"$XS_TMP/$kind.rows")" "$(wc -l <"$XS_TMP/$kind.lib")" \
        "${kind}_rows_one_per_libvir_device"
    # Idle devices equal the library exactly; busy ones (web01, db01) have
    # counted at least as much as the library says, as the agent's
    # simulated host was loaded first.
    awk '{ print $1 "/" $2, $0 }' "$XS_TMP/$kind.rows" >"$XS_TMP/j1"
    awk '{ print $1 "/" $2, $0 }' "$XS_TMP/$kind.lib" >"$XS_TMP/j2"
    bad=$(join -j1 "$XS_TMP/j1" "$XS_TMP/j2" 2>&1 |
        awk '{ n = (NF - 1) / 2
               for (i = 4; i <= n + 1; i++) {
                   w = $i; l = $(i + n)
                   busy = ($2 == ".5.119.101.98.48.49" || $2 == ".4.100.98.48.49")
                   if ((!busy && w != l) || w < l) print }
             }')
    is "$bad" "" "${kind}_counters_equal_libvir"
done
is "$(grep -c "^$VBD.3.$DB01.51728 \"vbd-7-51728\"\$" "$XS_TMP/vbd.txt")" 1 \
    "vbd_backend_name_vbd_domid_vdev"
is "$($SNMPGET -Oqv "$VIF.2.$WEB01.0")" '"vif3.0"' "vif_name_dom0_vif3.0"
is "$($SNMPGET -Oqv "$VBD.2.$WEB01.51712")" '"xvda"' "vbd_name_guest_xvda"
is "$($SNMPGET -Oqv "$VBD.4.$WEB01.51713")" \
    "No Such Instance currently exists at this OID" "vbd_missing_device_noSuchInstance"
out=$($SNMPSET "$VBD.4.$WEB01.51712" u 1 2>&1)
case $out in
*notWritable*) ok "vbd_counter_set_notWritable" ;;
*) not_ok "vbd_counter_set_notWritable" "$out" ;;
esac

# Rates over an interval, as a poller computes them: the counter's
# change over the change of xenNodeLastRefresh (when the snapshot it
# reads was taken), and over the change of sysUpTime.
sample() {
    $SNMPGET -Oqvt .1.3.6.1.2.1.1.3.0 "$XS_NODE_OID.17.0" \
        "$VIF.3.$WEB01.0" "$VBD.5.$DB01.51728" | tr '\n' ' '
}
s1=$(sample)
sleep 4
s2=$(sample)
rate_within() { # RATE WANT PERCENT
    awk -v r="$1" -v w="$2" -v p="$3" 'BEGIN {
        d = r - w; if (d < 0) d = -d; exit !(d <= w * p / 100) }'
}
set -- $s1 $s2
r=$(awk -v a="$3" -v b="$7" -v t0="$2" -v t1="$6" \
    'BEGIN { printf "%d", (b - a) / ((t1 - t0) / 100) }')
check "vif_in_octets_rate_over_refresh_times_is_61440 ($r)" \
    rate_within "$r" 61440 3
r=$(awk -v a="$4" -v b="$8" -v t0="$2" -v t1="$6" \
    'BEGIN { printf "%d", (b - a) / ((t1 - t0) / 100) }')
check "vbd_read_sectors_rate_over_refresh_times_is_13440 ($r)" \
    rate_within "$r" 13440 3
r=$(awk -v a="$3" -v b="$7" -v t0="$1" -v t1="$5" \
    'BEGIN { printf "%d", (b - a) / ((t1 - t0) / 100) }')
check "vif_in_octets_rate_over_sysuptime_near_61440 ($r)" \
    rate_within "$r" 61440 30

# check_snmp --rate (README's Nagios example): the plugin keeps the last
# value in its state directory and divides by its own poll interval.
CHECK_SNMP=/usr/lib/nagios/plugins/check_snmp
[ -x "$CHECK_SNMP" ] || setup_failed "$CHECK_SNMP is missing" \
    "apt-get install monitoring-plugins-standard"
MP_STATE_DIRECTORY=$XS_TMP/nagios-state
export MP_STATE_DIRECTORY
mkdir -p "$MP_STATE_DIRECTORY"
check_rate() {
    "$CHECK_SNMP" -H 127.0.0.1 -p "$XS_PORT" -P 2c -C public --rate \
        -o "$VBD.5.$DB01.51728" -w 20000 -c 100000
}
check_rate >/dev/null
sleep 4
out=$(check_rate)
r=$(printf '%s' "$out" | sed -n 's/^SNMP RATE OK - \([0-9]*\) .*/\1/p')
check "check_snmp_rate_of_vbd_read_sectors_near_13440 ($out)" \
    rate_within "${r:-0}" 13440 30

# With the MIB: snmptable prints one row per device.
MIBOPTS="-M +$abs_srcdir/mib:$abs_srcdir/tests/mibs -m XEN-SNMP-MIB"
rows=$($SNMPTABLE $MIBOPTS -Cf '|' -CH XEN-SNMP-MIB::xenVbdTable 2>&1 |
    grep -c '|')
is "$rows" "$(wc -l <"$XS_TMP/vbd.lib")" "snmptable_xenVbdTable_rows"
is "$($SNMPGET $MIBOPTS -Oqv 'XEN-SNMP-MIB::xenVifName."db01".1' 2>&1)" \
    vif7.1 "get_by_name_xenVifName_db01_1"

# An agent restart: the same rows under the same indexes, and no counter
# goes back unless its row's discontinuity time moved.
$SNMPWALK -On -Oq -Ot "$XS_MIB_OID.1.5" >"$XS_TMP/before.txt"
$SNMPWALK -On -Oq -Ot "$XS_MIB_OID.1.6" >>"$XS_TMP/before.txt"
xs_stop_agent
xs_start_agent /default -r 1
$SNMPWALK -On -Oq -Ot "$XS_MIB_OID.1.5" >"$XS_TMP/after.txt"
$SNMPWALK -On -Oq -Ot "$XS_MIB_OID.1.6" >>"$XS_TMP/after.txt"
names() { grep "^$XS_MIB_OID\.1\.[56]\.1\.2\." "$1"; }
is "$(names "$XS_TMP/after.txt" | md5sum)" \
    "$(names "$XS_TMP/before.txt" | md5sum)" "restart_same_rows_and_names"
back=$(cat "$XS_TMP/before.txt" "$XS_TMP/after.txt" | awk -v root="$XS_MIB_OID.1" '
    { oid = substr($1, length(root) + 2); split(oid, a, ".")
      col = a[3]; key = a[1] "." substr(oid, length(a[1] a[2] a[3]) + 4)
      if (col == 11) { if (key in disc) moved[key] = (disc[key] != $2); disc[key] = $2; next }
      if (col == 2 || col == 3 && a[1] == 6) next
      if ($1 in seen && $2 < seen[$1]) back[$1] = key
      seen[$1] = $2 }
    END { for (o in back) if (!moved[back[o]]) print o }')
is "$back" "" "restart_counters_back_only_with_new_discontinuity"
xs_stop_agent

# The module inside snmpd serves the same tables.
xs_stop_snmpd
xs_start_module /default
is "$($SNMPWALK -On -Oq "$VBD.2" | wc -l)" "$(wc -l <"$XS_TMP/vbd.lib")" \
    "dlmod_vbd_rows"
is "$($SNMPGET -Oqv "$VIF.2.$DB01.1")" '"vif7.1"' "dlmod_vif_name"

done_testing
