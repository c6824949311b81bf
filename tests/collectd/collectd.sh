#!/bin/sh
# collectd.sh: contrib/collectd/xensnmp.conf against the real collectd
# (run by "make check-collectd", which installs collectd-core; prints TAP).
#
# A private snmpd + xensnmpd serve the integration host
# (tests/integration/data/node.xml: names with a space and UTF-8 among
# them) plus io01 (tests/prometheus/data/io01.xml), a domain whose
# interface and disk do I/O.  collectd runs in the foreground with a private configuration:
# the csv plugin, and the shipped file with the dom0's address replaced
# by the test's and its interval cut to 1 s.  After a few intervals the
# test checks, against snmpget of the same objects, every value collectd
# wrote, and that each domain and vcpu has its files under its name.
#
# Then README's commands, taken from README.md and run as written, as
# root, on this machine (tests/collectd/lib.sh): the install, the copy to
# /etc/collectd/collectd.conf.d, the user's edit (sed: the Address of the
# <Host> block) and the restart (collectd -t, then collectd in the
# foreground with Debian's /etc/collectd/collectd.conf).  The test checks
# the RRD files that stock configuration writes against snmpget, then
# removes the file, the RRD files and the packages README's commands
# installed.

. "$abs_srcdir/tests/integration/lib.sh"
. "$abs_srcdir/tests/readme-commands.sh"
. "$abs_srcdir/tests/collectd/lib.sh"

CONF=$abs_srcdir/contrib/collectd/xensnmp.conf
COLLECTD=${COLLECTD:-/usr/sbin/collectd}
# How long collectd may take to write every file, in seconds.
WAIT=${XENSNMP_COLLECTD_WAIT:-30}
COLLECTD_PID=

stop_collectd() {
    readme_restore
    if [ -n "$COLLECTD_PID" ]; then
        kill -TERM "$COLLECTD_PID" 2>/dev/null
        wait "$COLLECTD_PID" 2>/dev/null
        COLLECTD_PID=
    fi
    xs_cleanup
}

xs_require_tools
[ -x "$COLLECTD" ] || setup_failed "$COLLECTD is missing" \
    "run make check-collectd as root (apt-get install collectd-core)"
xs_tmpdir
trap stop_collectd EXIT
trap 'exit 1' INT TERM HUP
readme_guard "$XS_TMP/system"
NODE=$XS_TMP/node.xml
xs_derive_node "$NODE" "" "$(cat "$abs_srcdir/tests/prometheus/data/io01.xml")"
xs_start_snmpd
xs_start_agent "$NODE" -r 0.5

# The objects, numeric (lib.sh's clients load no MIB).
DOM=$XS_DOM_OID
VCPU=$XS_VCPU_OID
VIF=$XS_MIB_OID.1.5.1
VBD=$XS_MIB_OID.1.6.1
# io01's rows: interface 0, disk xvda (51712), named by their backends.
IO01=.4.105.111.48.49
VIF0=vif31.0
XVDA=vbd-31-51712

# --- collectd with the shipped file ---------------------------------------

sed -e "s|^\( *Address \)\"dom0\"|\1\"udp:127.0.0.1:$XS_PORT\"|" \
    -e 's|^\( *Interval \)60$|\11|' "$CONF" >"$XS_TMP/xensnmp.conf" ||
    setup_failed "cannot copy $CONF"
check "shipped_conf_has_the_dom0_address_to_replace" \
    grep -q "Address \"udp:127.0.0.1:$XS_PORT\"" "$XS_TMP/xensnmp.conf"
cat >"$XS_TMP/collectd.conf" <<EOC
BaseDir "$XS_TMP"
PIDFile "$XS_TMP/collectd.pid"
PluginDir "/usr/lib/collectd"
TypesDB "/usr/share/collectd/types.db"
Interval 1
LoadPlugin logfile
<Plugin logfile>
  LogLevel info
  File "$XS_TMP/collectd.log"
</Plugin>
LoadPlugin csv
<Plugin csv>
  DataDir "$XS_TMP/csv"
  StoreRates false
</Plugin>
Include "$XS_TMP/xensnmp.conf"
EOC
xs_succeeds "collectd_accepts_the_configuration" \
    "$COLLECTD" -t -C "$XS_TMP/collectd.conf"

# walk_counters WHEN: the moving counters into $XS_TMP/*.WHEN, the
# bounds of what collectd may store (read "before" it starts, "after" it
# wrote).
walk_counters() {
    $SNMPWALK -On -Oq "$DOM.15" >"$XS_TMP/cpu.$1" 2>&1
    $SNMPWALK -On -Oq "$VCPU.3" >"$XS_TMP/vcpu.$1" 2>&1
    for t in VIF VBD; do
        eval "oid=\$$t"
        $SNMPWALK -On -Oq "$oid" >"$XS_TMP/$t.$1" 2>&1
    done
}
walk_counters before

"$COLLECTD" -f -C "$XS_TMP/collectd.conf" >"$XS_TMP/collectd.out" 2>&1 &
COLLECTD_PID=$!
DATA=$XS_TMP/csv/dom0

# snmpget -Oqv of OID, with the quotes of a string removed.
get() {
    $SNMPGET -Oqv "$1" | sed 's/^"\(.*\)"$/\1/'
}

xs_domains "$XS_TMP/domains"
is "$(wc -l <"$XS_TMP/domains")" 9 "every_domain_has_a_readable_name"

# last FILE [FIELD]: the last value (the FIELDth, 2 by default, where
# 1 is the time) collectd stored in FILE under DATA: the last line of a
# csv file of today, or rrdtool's last update of an RRD file.
STORE=csv
last() {
    if [ "$STORE" = csv ]; then
        tail -n 1 "$DATA/$1"-"$(date +%Y-%m-%d)" 2>/dev/null |
            cut -d, -f"${2:-2}"
    else
        rrdtool lastupdate "$DATA/$1.rrd" 2>/dev/null |
            awk -v f="${2:-2}" 'END { print $f }'
    fi
}
lines() {
    wc -l <"$DATA/$1"-"$(date +%Y-%m-%d)" 2>/dev/null || echo 0
}

# Waits until the last file of every domain has three values (a header
# and three intervals).
all_written() {
    while read -r idx name; do
        [ "$(lines "snmp-$name/uptime")" -ge 4 ] || return 1
    done <"$XS_TMP/domains"
    [ "$(lines snmp-xen_node/memory-total)" -ge 4 ] &&
        [ "$(lines "snmp/if_octets-$VIF0")" -ge 4 ] &&
        [ "$(lines "snmp/disk_octets-$XVDA")" -ge 4 ]
}
n=0
while ! all_written && [ $n -lt $((WAIT * 2)) ] &&
    kill -0 "$COLLECTD_PID" 2>/dev/null; do
    sleep 0.5
    n=$((n + 1))
done
check "collectd_writes_three_intervals_of_every_domain" all_written
walk_counters after
kill -TERM "$COLLECTD_PID" 2>/dev/null
wait "$COLLECTD_PID" 2>/dev/null
COLLECTD_PID=

# --- the host, every domain under its name, io01's devices ---------------------

# The checks of what collectd stored, csv or RRD (STORE, DATA), against
# snmpget and the walks; P prefixes their names.
node_is() {
    want=$(awk -v v="$(get "$XS_NODE_OID.$2.0")" -v s="$3" \
        'BEGIN { printf "%.0f", v * s }')
    got=$(awk -v v="$(last "snmp-xen_node/$1")" 'BEGIN { printf "%.0f", v }')
    is "$got" "$want" "${P}node_$1_equals_snmpget"
}
check_node() {
    node_is memory-total 5 1024
    node_is memory-free 6 1024
    node_is count-cpus 7 1
    node_is count-active_domains 14 1
    node_is count-defined_domains 15 1
    node_is gauge-connection_state 19 1
    node_is derive-failed_calls 20 1
}

# in_bounds NAME FILE OID BEFORE AFTER [FIELD [SCALE]]: the last value
# (FIELD, 2 by default) of FILE lies between SCALE (1 by default) times
# the values of OID in the walks BEFORE and AFTER collectd ran.
in_bounds() {
    lo=$(awk -v k="$3" -v s="${7:-1}" '$1 == k { printf "%.0f", $2 * s }' "$4")
    hi=$(awk -v k="$3" -v s="${7:-1}" '$1 == k { printf "%.0f", $2 * s }' "$5")
    v=$(last "$2" "${6:-2}")
    if [ -n "$v" ] && [ -n "$lo" ] && awk -v v="$v" -v lo="$lo" -v hi="$hi" \
        'BEGIN { exit !(v + 0 >= lo + 0 && v + 0 <= hi + 0) }'; then
        ok "$P$1"
    else
        not_ok "$P$1" "collectd: '$v', snmpget before: '$lo', after: '$hi'"
    fi
}

check_domains() {
    while read -r idx name; do
        check "${P}domain_${name}_has_its_directory" [ -d "$DATA/snmp-$name" ]
        in_bounds "domain_${name}_cpu_time_within_snmpget" \
            "snmp-$name/virt_cpu_total" "$DOM.15.$idx" \
            "$XS_TMP/cpu.before" "$XS_TMP/cpu.after"
        for f in "memory-current 9 1024" "memory-target 10 1024" \
            "memory-max 8 1024" "count-vcpus 13 1" "gauge-oper_state 6 1"; do
            set -- $f
            want=$(awk -v v="$(get "$DOM.$2.$idx")" -v s="$3" \
                'BEGIN { printf "%.0f", v * s }')
            got=$(awk -v v="$(last "snmp-$name/$1")" \
                'BEGIN { printf "%.0f", v }')
            is "$got" "$want" "${P}domain_${name}_$1_equals_snmpget"
        done
        check "${P}domain_${name}_cpu_usage_written" \
            [ -n "$(last "snmp-$name/gauge-cpu_usage")" ]
    done <"$XS_TMP/domains"
}

# FILE FIELD COLUMN SCALE: each value collectd wrote, against the walks.
check_devices() {
    for f in "if_octets-$VIF0 2 VIF.3 1" "if_octets-$VIF0 3 VIF.7 1" \
        "if_packets-$VIF0 2 VIF.4 1" "if_packets-$VIF0 3 VIF.8 1" \
        "if_errors-$VIF0 2 VIF.5 1" "if_errors-$VIF0 3 VIF.9 1" \
        "if_dropped-$VIF0 2 VIF.6 1" "if_dropped-$VIF0 3 VIF.10 1" \
        "disk_ops-$XVDA 2 VBD.4 1" "disk_ops-$XVDA 3 VBD.6 1" \
        "disk_octets-$XVDA 2 VBD.5 1" "disk_octets-$XVDA 3 VBD.7 1" \
        "derive-oo_requests-$XVDA 2 VBD.8 1"; do
        set -- $f
        table=${3%%.*}
        eval "oid=\$$table.${3#*.}"
        case $table in
        VIF) row=$IO01.0 ;;
        *) row=$IO01.51712 ;;
        esac
        in_bounds "device_$1_field_$2_within_snmpget" "snmp/$1" "$oid$row" \
            "$XS_TMP/$table.before" "$XS_TMP/$table.after" "$2" "$4"
    done
}

P=
check_node
check_domains
check_devices

# --- every vcpu of web01 and build, as NAME/N ----------------------------------

# collectd turns the "/" of xenVcpuName into "_" in file names.
for v in "web01 .5.119.101.98.48.49 4" "build .5.98.117.105.108.100 0"; do
    set -- $v
    rows=$(grep -c "^$VCPU\.3$2\." "$XS_TMP/vcpu.after")
    files=$(ls "$DATA/snmp" 2>/dev/null | grep -c "^virt_vcpu-$1_[0-9]*-")
    is "$files" "$rows" "vcpus_of_$1_have_a_file_each ($3 expected)"
done
for i in 0 1; do
    in_bounds "vcpu_web01/${i}_cpu_time_within_snmpget" \
        "snmp/virt_vcpu-web01_$i" "$VCPU.3.5.119.101.98.48.49.$i" \
        "$XS_TMP/vcpu.before" "$XS_TMP/vcpu.after"
done

# --- io01's interface and disk, named by their backends ------------------------

# The counters moved while collectd ran: what it wrote is no constant.
for f in "if_octets-$VIF0" "disk_octets-$XVDA"; do
    first=$(sed -n 2p "$DATA/snmp/$f-$(date +%Y-%m-%d)" 2>/dev/null | cut -d, -f2)
    now=$(last "snmp/$f")
    if [ -n "$first" ] && [ "$now" != "$first" ]; then
        ok "device_${f}_grows"
    else
        not_ok "device_${f}_grows" "first: '$first', last: '$now'"
    fi
done
is "$(ls "$DATA/snmp" | grep -c -e '^if_octets-' -e '^disk_octets-')" 2 \
    "devices_every_row_has_a_file"

# No raw index as a name anywhere: every file is named by a readable name.
raw=$(find "$DATA" -name '*.5.119.101*' -o -name '*[0-9].[0-9]*.[0-9]*' | head -n 3)
is "$raw" "" "no_file_named_by_a_raw_index"
errors=$(grep -i 'error' "$XS_TMP/collectd.log" | head -n 5)
is "$errors" "" "collectd_logs_no_error"

# --- README's commands, as written, on this machine --------------------------

readme_commands collectd >"$SYS/readme.sh"
check "readme_shows_the_collectd_commands" [ -s "$SYS/readme.sh" ]
walk_counters before
while IFS= read -r line; do
    readme_step "$line"
done <"$SYS/readme.sh"
check "readme_restart_started_collectd" [ -n "$SYS_PID" ]

# What Debian's collectd.conf stores: RRD files, one directory per
# <Host> block.  Ready once the files of the host, every domain and the
# devices hold a value and no new file appeared for a second.
STORE=rrd
DATA=$RRD/dom0
has_value() {
    case $(last "$1") in
    [0-9]*) return 0 ;;
    esac
    return 1
}
rrd_written() {
    while read -r idx name; do
        has_value "snmp-$name/uptime" || return 1
    done <"$XS_TMP/domains"
    has_value snmp-xen_node/memory-total &&
        has_value "snmp/if_octets-$VIF0" && has_value "snmp/disk_octets-$XVDA"
}
rrd_count() {
    find "$DATA" -name '*.rrd' 2>/dev/null | wc -l
}
n=0
while [ -n "$SYS_PID" ] && kill -0 "$SYS_PID" 2>/dev/null &&
    ! rrd_written && [ $n -lt $((WAIT * 2)) ]; do
    sleep 0.5
    n=$((n + 1))
done
was=-1
while [ "$(rrd_count)" != "$was" ]; do
    was=$(rrd_count)
    sleep 1
done
check "readme_collectd_writes_every_domain" rrd_written
walk_counters after

P=readme_
check_node
check_domains
check_devices

readme_restore
check "readme_restore_removes_the_copied_file" [ ! -e "$DROPIN" ]
check "readme_restore_removes_the_rrd_files" [ ! -e "$DATA" ]
is "$(new_packages | tr '\n' ' ')" "" "readme_restore_purges_what_it_installed"

done_testing
