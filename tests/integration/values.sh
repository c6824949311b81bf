#!/bin/sh
# values.sh: every object of XEN-SNMP-MIB, read through snmpd and
# xensnmpd, against what libvir reports for the same host
# (tests/integration/virdump), plus the "one refresh per walk" promise.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml
VIRDUMP=$abs_builddir/tests/integration/virdump

xs_require_tools
[ -x "$VIRDUMP" ] || setup_failed "$VIRDUMP is not built" "run make check"
xs_tmpdir
START=$(date +%s)
xs_start_snmpd
# A refresh interval longer than a walk: the walk must cost one refresh.
xs_start_agent "$NODE" -r 5

"$VIRDUMP" "test://$NODE" >"$XS_TMP/lib.txt" ||
    setup_failed "virdump failed" "$(cat "$XS_TMP/lib.txt")"

# net-snmp breaks a Hex-STRING (text that is not all printable ASCII,
# such as a UTF-8 name) after every 16 octets: one_line joins the pieces,
# so that each object is one line, as virdump prints it.
one_line() {
    awk 'NR > 1 && !/^\./ { line = line $0; next }
        NR > 1 { print line } { line = $0 } END { if (NR) print line }'
}

refreshes() {
    $SNMPGET -Oqv "$XS_NODE_OID.21.0"
}

# Waits until a refresh has just happened, so that the walk fits between
# two refreshes unless it costs one itself.
r0=$(refreshes)
n=0
while [ "$(refreshes)" = "$r0" ] && [ $n -lt 60 ]; do
    sleep 0.1
    n=$((n + 1))
done
r0=$(refreshes)
$SNMPWALK -On -Oq -Ot "$XS_MIB_OID" 2>&1 | one_line >"$XS_TMP/walk.txt"
r1=$(refreshes)
check "walk_mib_succeeds" [ -s "$XS_TMP/walk.txt" ]
check "walk_costs_at_most_one_refresh ($r0 -> $r1)" \
    [ $((r1 - r0)) -le 1 ]

# col_lines GROUP COLUMN FILE: the lines of one column.  OID fields (split on
# "."): 13 = group (1 node, 2 domains, 3 vcpus), 14 = node column or
# entry, 15 = table column.
col_lines() {
    awk -v g="$1" -v c="$2" '{
        split($1, a, ".")
        if (a[13] != g) next
        col = (g == 1) ? a[14] : a[15]
        if (col == c) print
    }' "$3" | LC_ALL=C sort
}

compare_column() {
    col_lines "$1" "$2" "$XS_TMP/walk.txt" >"$XS_TMP/got"
    col_lines "$1" "$2" "$XS_TMP/lib.txt" >"$XS_TMP/want"
    if [ -s "$XS_TMP/want" ] && cmp -s "$XS_TMP/got" "$XS_TMP/want"; then
        ok "$3_equals_libvir"
    else
        not_ok "$3_equals_libvir" \
            "$(diff "$XS_TMP/want" "$XS_TMP/got" | head -n 10)"
    fi
}

i=1
for name in HypervisorType HypervisorVersion LibraryVersion CpuModel Memory \
    FreeMemory Cpus MaxCpus Mhz NumaNodes Sockets Cores Threads \
    ActiveDomains DefinedDomains; do
    compare_column 1 $i "xenNode$name"
    i=$((i + 1))
done
for c in "2 UUID" "3 UUIDText" "4 Id" "5 OSType" "6 OperState" \
    "7 AdminState" "8 MaxMemory" "9 Memory" "10 MemoryTarget" \
    "11 MaxMemoryMiB" "12 MemoryTargetMiB" "13 Vcpus" "14 MaxVcpus" \
    "19 LastAction" "20 LastActionTime" "21 LastActionStatus" \
    "22 LastActionError" "23 NameText"; do
    set -- $c
    compare_column 2 "$1" "xenDom$2"
done
compare_column 3 2 xenVcpuState
compare_column 3 4 xenVcpuPhysicalCpu
compare_column 3 5 xenVcpuAffinity
compare_column 3 6 xenVcpuName

# Every row is there: 8 domains, and vcpus only for active ones.
is "$(col_lines 2 6 "$XS_TMP/walk.txt" | wc -l)" 8 "domain_rows_count_8"
is "$(col_lines 3 2 "$XS_TMP/walk.txt" | wc -l)" \
    "$(col_lines 3 2 "$XS_TMP/lib.txt" | wc -l)" "vcpu_rows_match_libvir"
big=$(col_lines 3 2 "$XS_TMP/walk.txt" | grep -c '\.5\.98\.105\.103\.54\.52\.')
is "$big" 64 "vcpu_rows_big64_has_64"

# Moving values: cpu time and usage are plausible, and never go back.
ELAPSED=$(($(date +%s) - START + 2))
plausible_cputime() {
    # Paused and shut-off domains do not move: exact.  Running ones are
    # within the elapsed time times their vcpus of libvir's value.
    join -j1 "$XS_TMP/got.15" "$XS_TMP/want.15" |
        awk -v el="$ELAPSED" '{
            d = $2 - $3; if (d < 0) d = -d
            if (d > el * 64 * 1e9) { print "implausible: " $0; bad = 1 }
        } END { exit bad }'
}
col_lines 2 15 "$XS_TMP/walk.txt" >"$XS_TMP/got.15"
col_lines 2 15 "$XS_TMP/lib.txt" >"$XS_TMP/want.15"
check "xenDomCpuTime_plausible" plausible_cputime
for dom in .4.100.98.48.49 .5.98.117.105.108.100; do
    a=$(grep "\.15$dom " "$XS_TMP/got.15" | cut -d' ' -f2)
    b=$(grep "\.15$dom " "$XS_TMP/want.15" | cut -d' ' -f2)
    is "$a" "$b" "xenDomCpuTime_still_domain_equals_libvir ($dom)"
done
usage_ok=$(col_lines 2 16 "$XS_TMP/walk.txt" |
    awk '$2 < 0 || $2 > 640000 { bad = 1 } END { print bad ? "no" : "yes" }')
is "$usage_ok" yes "xenDomCpuUsage_within_64_cpus"
uptime_ok=$(col_lines 2 17 "$XS_TMP/walk.txt" |
    awk -v el="$ELAPSED" '$2 > el { bad = 1 } END { print bad ? "no" : "yes" }')
is "$uptime_ok" yes "xenDomUptime_within_test_time"
is "$($SNMPGET -Oqv "$XS_DOM_OID.17.5.98.117.105.108.100")" 0 \
    "xenDomUptime_shutoff_is_0"
is "$(col_lines 2 18 "$XS_TMP/walk.txt" | wc -l)" 8 \
    "xenDomDiscontinuityTime_every_row"

sleep 1.2
$SNMPWALK -On -Oq -Ot "$XS_DOM_OID.15" >"$XS_TMP/walk2.txt"
$SNMPWALK -On -Oq -Ot "$XS_VCPU_OID.3" >>"$XS_TMP/walk2.txt"
mono=$(cat "$XS_TMP/walk.txt" "$XS_TMP/walk2.txt" | awk '
    { split($1, a, "."); col = a[15] }
    (a[13] == 2 && col == 15) || (a[13] == 3 && col == 3) {
        if ($1 in seen && $2 < seen[$1]) bad = 1
        seen[$1] = $2
    } END { print bad ? "no" : "yes" }')
is "$mono" yes "cputime_counters_never_decrease"

# Agent health scalars.
is "$(col_lines 1 19 "$XS_TMP/walk.txt" | cut -d' ' -f2)" 1 \
    "xenNodeConnectionState_up"
is "$(col_lines 1 20 "$XS_TMP/walk.txt" | cut -d' ' -f2)" 0 \
    "xenNodeFailedCalls_0"
is "$(col_lines 1 23 "$XS_TMP/walk.txt" | cut -d' ' -f2)" 2 \
    "xenNodeControlEnabled_false_by_default"
calls=$(col_lines 1 22 "$XS_TMP/walk.txt" | cut -d' ' -f2)
check "xenNodeLibraryCalls_positive ($calls)" [ "${calls:-0}" -gt 0 ]
for c in 16 17 18; do
    v=$(col_lines 1 $c "$XS_TMP/walk.txt" | cut -d' ' -f2)
    check "xenNode_column_${c}_is_a_number ($v)" \
        [ "$(printf '%s' "$v" | tr -d 0-9)" = "" -a -n "$v" ]
done

# Index encoding: names with a space, UTF-8 and 32 bytes.
is "$($SNMPGET -Oqv "$XS_DOM_OID.4.10.109.121.32.116.101.115.116.32.118.109")" \
    8 "get_name_with_space"
is "$($SNMPGET -Oqv "$XS_DOM_OID.4.15.99.97.102.195.169.45.195.188.110.195.175.99.111.100.101")" \
    9 "get_name_utf8"
is "$($SNMPGET -Oqv "$XS_DOM_OID.4.32.97.98.99.100.101.102.103.104.105.106.107.108.109.110.111.112.113.114.115.116.117.118.119.120.121.122.48.49.50.51.52.53")" \
    10 "get_name_32_bytes"
is "$($SNMPGET -Oqv "$XS_DOM_OID.6.5.110.111.110.101.120")" \
    "No Such Instance currently exists at this OID" "get_missing_row_noSuchInstance"
# web01 runs 2 of its 4 vcpus: the other two are offline rows.
is "$($SNMPGET -Oqv "$XS_VCPU_OID.2.5.119.101.98.48.49.2")" 0 \
    "get_vcpu_offline_state_offline"
is "$($SNMPGET -Oqv "$XS_VCPU_OID.4.5.119.101.98.48.49.2")" -1 \
    "get_vcpu_offline_physical_cpu_minus_1"
is "$($SNMPGET -Oqv "$XS_VCPU_OID.2.5.119.101.98.48.49.4")" \
    "No Such Instance currently exists at this OID" \
    "get_vcpu_beyond_max_noSuchInstance"

# Control is off by default: every writable object answers notWritable.
for oid in "$XS_DOM_OID.7.5.119.101.98.48.49 i 2" \
    "$XS_DOM_OID.11.5.119.101.98.48.49 u 1024" \
    "$XS_DOM_OID.12.5.119.101.98.48.49 u 1024" \
    "$XS_DOM_OID.13.5.119.101.98.48.49 u 1" \
    "$XS_VCPU_OID.5.5.119.101.98.48.49.0 x 01"; do
    set -- $oid
    out=$($SNMPSET "$@" 2>&1)
    case $out in
    *notWritable*) ok "set_control_off_notWritable ($1)" ;;
    *) not_ok "set_control_off_notWritable ($1)" "$out" ;;
    esac
done

# A bulk walk sees the same objects as a walk.
$SNMPBULKWALK -On -Oq -Ot -Cr25 "$XS_MIB_OID" 2>&1 | one_line >"$XS_TMP/bulk.txt"
is "$(cut -d' ' -f1 "$XS_TMP/bulk.txt" | md5sum)" \
    "$(cut -d' ' -f1 "$XS_TMP/walk.txt" | md5sum)" "bulkwalk_same_objects_as_walk"

# With the MIB: names resolve and snmptable prints the rows.
if [ -f "$abs_srcdir/mib/XEN-SNMP-MIB.txt" ]; then
    # Only this module and its imports: the stand-in base modules of
    # tests/mibs, NET-SNMP-MIB from net-snmp.
    MIBOPTS="-M +$abs_srcdir/mib:$abs_srcdir/tests/mibs -m XEN-SNMP-MIB"
    is "$($SNMPGET $MIBOPTS -Oqv 'XEN-SNMP-MIB::xenDomOperState."web01"' 2>&1)" \
        running "get_by_name_xenDomOperState_web01"
    # (net-snmp 5.9.3 parses bytes above 127 in a quoted index as
    # negative sub-identifiers, so the UTF-8 name is checked numerically
    # above.)
    is "$($SNMPGET $MIBOPTS -Oqv 'XEN-SNMP-MIB::xenDomId."my test vm"' 2>&1)" \
        8 "get_by_name_index_with_space"
    rows=$($SNMPTABLE $MIBOPTS -Cf '|' -CH XEN-SNMP-MIB::xenDomainTable 2>&1 |
        grep -c '|')
    is "$rows" 8 "snmptable_xenDomainTable_8_rows"
    rows=$($SNMPTABLE $MIBOPTS -Cf '|' -CH XEN-SNMP-MIB::xenVcpuTable 2>&1 |
        grep -c '|')
    is "$rows" "$(col_lines 3 2 "$XS_TMP/lib.txt" | wc -l)" \
        "snmptable_xenVcpuTable_all_rows"
else
    not_ok "setup: mib/XEN-SNMP-MIB.txt is missing"
fi

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "sigterm_exits_0"
done_testing
