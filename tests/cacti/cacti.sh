#!/bin/sh
# cacti.sh: contrib/cacti/ against the real Cacti (Debian 12's cacti
# 1.2.24; run as root by "make check-cacti", which installs it; prints TAP).
#
# A fresh Cacti on its MariaDB (tests/cacti/lib.sh) imports the shipped
# package with its own import_package.php, gets a device pointing at a
# private snmpd + xensnmpd serving the integration host
# (tests/integration/data/node.xml: names with a space and UTF-8 among
# them) plus io01 (tests/prometheus/data/io01.xml), whose interface and
# disk do I/O, its data queries and every graph they offer (add_data_query.php,
# add_graphs.php), and runs its poller for a few 30 s steps.  The test
# then checks that every domain, vcpu, interface and disk got its
# graphs, under its name,
# and that the RRD files hold what the agent served (rrdtool fetch and
# rrdtool info against snmpget).

. "$abs_srcdir/tests/integration/lib.sh"
. "$abs_srcdir/tests/readme-commands.sh"

PACKAGE=$abs_srcdir/contrib/cacti/xensnmp.xml.gz
BUILD=$abs_srcdir/contrib/cacti/build-package.py
# The RRD step of the test's data sources: Cacti's stock "30 Second
# Collection" profile, so that three poller runs fill a few steps.
STEP=30

T=$(mktemp -d "${TMPDIR:-/tmp}/xensnmp-cacti.XXXXXX") ||
    setup_failed "mktemp -d failed"
XS_TMP=$T/host
mkdir -p "$XS_TMP" || setup_failed "mkdir $XS_TMP"
SNMP_PERSISTENT_DIR=$T/client
export SNMP_PERSISTENT_DIR

. "$abs_srcdir/tests/cacti/lib.sh"

stop_all() {
    cacti_cleanup
    # xs_cleanup stops snmpd and xensnmpd and removes $XS_TMP.
    xs_cleanup
    if [ -n "${XS_KEEP_TMP:-}" ]; then
        echo "# kept $T" >&2
    else
        rm -rf "$T"
    fi
}
trap stop_all EXIT
trap 'exit 1' INT TERM HUP

xs_require_tools
[ "$(id -u)" = 0 ] || setup_failed "check-cacti runs as root" \
    "it starts MariaDB and runs Cacti's poller as www-data"
for tool in php mysqld_safe mysqladmin mysql rrdtool python3 openssl; do
    command -v "$tool" >/dev/null 2>&1 ||
        setup_failed "$tool is missing" "run make check-cacti as root"
done
[ -f "$CACTI_CONFIG" ] || setup_failed "$CACTI_CONFIG is missing" \
    "run make check-cacti as root (apt-get install cacti)"

# --- the shipped package ---------------------------------------------------

xs_succeeds "shipped_package_is_what_build_package_makes" \
    python3 "$BUILD" --check "$PACKAGE"
xs_succeeds "build_package_makes_a_package" \
    python3 "$BUILD" "$T/rebuilt.xml.gz"

# --- Cacti ----------------------------------------------------------------------

cacti_start_db
cacti_install
ok "cacti_installs_on_a_fresh_database"
NODE=$T/node.xml
xs_derive_node "$NODE" "" "$(cat "$abs_srcdir/tests/prometheus/data/io01.xml")"
xs_start_snmpd
xs_start_agent "$NODE" -r 0.5

profile=$(cacti_sql "SELECT id FROM data_source_profiles WHERE step = $STEP")
[ -n "$profile" ] || setup_failed "Cacti has no $STEP s data source profile"
# README's import command, as written, from the source tree (its path is
# relative).  Without --profile-id it gives the data sources Cacti's
# default profile: the test makes that the 30 s one.
cacti_sql "UPDATE data_source_profiles
    SET \`default\` = IF(id = $profile, 'on', '')" ||
    setup_failed "cannot make profile $profile the default"
readme_commands Cacti >"$T/readme.sh"
is "$(grep -c '^php /usr/share/cacti/cli/import_package.php ' "$T/readme.sh")" \
    1 "readme_shows_the_import_command"
(cd "$abs_srcdir" && sh -e "$T/readme.sh") >"$T/import.log" 2>&1
imported=$(grep -c '^\[success\].*\[new\]' "$T/import.log")
# 5 CDEFs, 10 data templates, 10 graph templates, 5 data queries.
is "$imported" 30 "import_package_imports_every_template"
is "$(grep -c '\[written\]$' "$T/import.log")" 5 \
    "import_package_writes_the_five_data_query_files"

php "$CACTI_CLI/add_device.php" --description="$CACTI_DEVICE" \
    --ip=127.0.0.1 --port="$XS_PORT" --version=2 --community=public \
    --template=0 --avail=snmp >"$T/device.log" 2>&1
host=$(sed -n 's/^Success - new device-id: (\([0-9]*\))$/\1/p' "$T/device.log")
check "add_device_adds_the_test_host" [ -n "$host" ]

query_id() {
    cacti_sql "SELECT id FROM snmp_query WHERE name = '$1'"
}
Q_HOST=$(query_id "Xen - Host")
Q_DOMS=$(query_id "Xen - Domains")
Q_VCPUS=$(query_id "Xen - Vcpus")
Q_VIFS=$(query_id "Xen - Interfaces")
Q_VBDS=$(query_id "Xen - Disks")
for q in "host $Q_HOST" "domains $Q_DOMS" "vcpus $Q_VCPUS" \
    "interfaces $Q_VIFS" "disks $Q_VBDS"; do
    set -- $q
    xs_succeeds "add_data_query_adds_the_${1}_query" \
        php "$CACTI_CLI/add_data_query.php" \
        --host-id="$host" --data-query-id="$2" --reindex-method=1
done

# Every graph each data query offers, for every row (each row's name
# field matches ".").
for spec in "$Q_HOST xenNodeHypervisorType" "$Q_DOMS xenDomNameText" \
    "$Q_VCPUS xenVcpuName" "$Q_VIFS xenVifName" "$Q_VBDS xenVbdBackendName"; do
    set -- $spec
    for t in $(cacti_sql "SELECT id FROM snmp_query_graph WHERE snmp_query_id = $1"); do
        gt=$(cacti_sql "SELECT graph_template_id FROM snmp_query_graph WHERE id = $t")
        php "$CACTI_CLI/add_graphs.php" --host-id="$host" --graph-type=ds \
            --graph-template-id="$gt" --snmp-query-id="$1" \
            --snmp-query-type-id="$t" --snmp-field="$2" \
            --snmp-value-regex=. >>"$T/graphs.log" 2>&1 ||
            not_ok "add_graphs_adds_graph_type_$t" "$(tail -n 3 "$T/graphs.log")"
    done
done

# --- every row has its graphs, by name ----------------------------------------

xs_domains "$T/domains"
is "$(wc -l <"$T/domains")" 9 "agent_serves_nine_domains"

graphs_of() {
    cacti_sql "SELECT COUNT(*) FROM graph_local
        WHERE host_id = $host AND snmp_query_id = $1 AND snmp_index = '$2'"
}
while read -r idx name; do
    is "$(graphs_of "$Q_DOMS" "$idx")" 4 "domain_${name}_has_four_graphs"
    titles=$(cacti_sql "SELECT COUNT(*) FROM graph_templates_graph g
        JOIN graph_local l ON l.id = g.local_graph_id
        WHERE l.host_id = $host AND l.snmp_index = '$idx'
        AND g.title_cache LIKE '$CACTI_DEVICE - Xen domain $name - %'")
    is "$titles" 4 "domain_${name}_graph_titles_name_it"
done <"$T/domains"
vcpus=$($SNMPWALK -On -Oq "$XS_VCPU_OID.6" | grep -c "^$XS_VCPU_OID\.6\.")
is "$(cacti_sql "SELECT COUNT(*) FROM graph_local
    WHERE host_id = $host AND snmp_query_id = $Q_VCPUS")" "$vcpus" \
    "every_vcpu_has_a_graph ($vcpus)"
is "$(cacti_sql "SELECT title_cache FROM graph_templates_graph g
    JOIN graph_local l ON l.id = g.local_graph_id
    WHERE l.host_id = $host AND l.snmp_index = '5.119.101.98.48.49.1'")" \
    "$CACTI_DEVICE - Xen vcpu web01/1 - Vcpu CPU Time" "vcpu_graph_title_names_it"
is "$(graphs_of "$Q_HOST" 0)" 2 "host_has_memory_and_domain_graphs"

# Interfaces and disks: every row the agent serves has its graphs, each
# titled by the device's backend name.  io01 (Xen id 31) has interface
# 0 and xvda (51712).
IO01=4.105.111.48.49
rows_of() {
    $SNMPWALK -On -Oq "$1" | grep -c "^$1\."
}
is "$(cacti_sql "SELECT COUNT(*) FROM graph_local
    WHERE host_id = $host AND snmp_query_id = $Q_VIFS")" \
    "$(rows_of "$XS_MIB_OID.1.5.1.2")" "every_interface_has_a_graph"
is "$(cacti_sql "SELECT COUNT(*) FROM graph_local
    WHERE host_id = $host AND snmp_query_id = $Q_VBDS")" \
    "$(($(rows_of "$XS_MIB_OID.1.6.1.3") * 2))" "every_disk_has_two_graphs"
title_of() {
    cacti_sql "SELECT g.title_cache FROM graph_templates_graph g
        JOIN graph_local l ON l.id = g.local_graph_id
        WHERE l.host_id = $host AND l.snmp_query_id = $1
        AND l.snmp_index = '$2' ORDER BY g.title_cache"
}
is "$(title_of "$Q_VIFS" "$IO01.0")" \
    "$CACTI_DEVICE - Xen interface vif31.0 - Interface Traffic" \
    "interface_graph_indexed_by_domain_and_device_titled_by_backend"
is "$(title_of "$Q_VBDS" "$IO01.51712" | tr '\n' '|')" \
    "$CACTI_DEVICE - Xen disk vbd-31-51712 - Disk Requests|$CACTI_DEVICE - Xen disk vbd-31-51712 - Disk Throughput|" \
    "disk_graphs_indexed_by_domain_and_device_titled_by_backend"

# --- the poller ---------------------------------------------------------------

# Lower bounds of the counters, then three poller runs a step apart, each
# just after a step boundary, then upper bounds.
$SNMPWALK -On -Oq "$XS_DOM_OID.15" >"$T/cpu.before" 2>&1
$SNMPWALK -On -Oq "$XS_MIB_OID.1.5" >"$T/vif.before" 2>&1
$SNMPWALK -On -Oq "$XS_MIB_OID.1.6" >"$T/vbd.before" 2>&1
log_lines=$(wc -l </var/log/cacti/cacti.log 2>/dev/null || echo 0)
poll_after_boundary() {
    now=$(date +%s)
    sleep $((STEP - now % STEP + 1))
    cacti_poll
}
cacti_poll
poll_after_boundary
poll_after_boundary
$SNMPWALK -On -Oq "$XS_DOM_OID.15" >"$T/cpu.after" 2>&1
$SNMPWALK -On -Oq "$XS_MIB_OID.1.5" >"$T/vif.after" 2>&1
$SNMPWALK -On -Oq "$XS_MIB_OID.1.6" >"$T/vbd.after" 2>&1
# The poller prints rrdtool's complaints ("ERROR: unknown DS name")
# rather than log them; Cacti's log has its own, from the poller runs on.
is "$(cacti_errors "$T/poller.log" | head -n 3)" "" "poller_prints_no_error"
tail -n +$((log_lines + 1)) /var/log/cacti/cacti.log >"$T/cacti.log" 2>/dev/null
is "$(cacti_errors "$T/cacti.log" | head -n 3)" "" "poller_logs_no_error"

# rrd_of TEMPLATE QUERY INDEX: the RRD file of that data template's data
# source for the row.
rrd_of() {
    cacti_sql "SELECT REPLACE(d.data_source_path, '<path_rra>', '$CACTI_SITE/rra')
        FROM data_template_data d
        JOIN data_local l ON l.id = d.local_data_id
        JOIN data_template t ON t.id = l.data_template_id
        WHERE l.host_id = $host AND t.name = '$1' AND l.snmp_query_id = $2
        AND l.snmp_index = '$3'"
}

# fetched FILE DS: the last known value of DS that rrdtool fetch gives
# (AVERAGE at the step's resolution), as an integer.
fetched() {
    rrdtool fetch "$1" AVERAGE -r "$STEP" -s "-$((STEP * 10))" 2>&1 |
        awk -v ds="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == ds) c = i + 1; next }
            NF > 1 && $c !~ /nan/ { v = $c }
            END { if (v != "") printf "%.0f\n", v }'
}

# rrd_is DESC FILE DS OID: fetched value of DS equals snmpget of OID.
rrd_is() {
    is "$(fetched "$2" "$3")" "$($SNMPGET -Oqv "$4")" "$1"
}

# last_within DESC FILE DS OID WALK: the last value Cacti fed DS of the
# RRD FILE lies between OID's values in $T/WALK.before and .after.
last_within() {
    last=$(rrdtool info "$2" 2>&1 |
        sed -n "s/^ds\\[$3\\]\\.last_ds = \"\\(.*\\)\"\$/\\1/p")
    lo=$(awk -v k="$4" '$1 == k { print $2 }' "$T/$5.before")
    hi=$(awk -v k="$4" '$1 == k { print $2 }' "$T/$5.after")
    if [ -n "$last" ] && [ -n "$lo" ] &&
        awk -v v="$last" -v lo="$lo" -v hi="$hi" 'BEGIN { exit !(v >= lo && v <= hi) }'; then
        ok "$1"
    else
        not_ok "$1" "rrd: '$last', snmpget before: '$lo', after: '$hi'"
    fi
}

host_mem=$(rrd_of "Xen - Host Memory" "$Q_HOST" 0)
host_doms=$(rrd_of "Xen - Host Domains" "$Q_HOST" 0)
rrd_is "rrd_host_memory_equals_snmpget" "$host_mem" memory "$XS_NODE_OID.5.0"
rrd_is "rrd_host_free_memory_equals_snmpget" "$host_mem" memory_free "$XS_NODE_OID.6.0"
rrd_is "rrd_host_active_domains_equal_snmpget" "$host_doms" domains_active "$XS_NODE_OID.14.0"
rrd_is "rrd_host_defined_domains_equal_snmpget" "$host_doms" domains_defined "$XS_NODE_OID.15.0"

while read -r idx name; do
    mem=$(rrd_of "Xen - Domain Memory" "$Q_DOMS" "$idx")
    rrd_is "rrd_domain_${name}_memory_equals_snmpget" "$mem" memory "$XS_DOM_OID.9.$idx"
    rrd_is "rrd_domain_${name}_target_equals_snmpget" "$mem" memory_target "$XS_DOM_OID.10.$idx"
    rrd_is "rrd_domain_${name}_max_equals_snmpget" "$mem" memory_max "$XS_DOM_OID.8.$idx"
    rrd_is "rrd_domain_${name}_vcpus_equal_snmpget" \
        "$(rrd_of "Xen - Domain Vcpus" "$Q_DOMS" "$idx")" vcpus "$XS_DOM_OID.13.$idx"
    # Cpu usage moves with the refreshes: a known value, within 64 cpus.
    usage=$(fetched "$(rrd_of "Xen - Domain CPU Usage" "$Q_DOMS" "$idx")" cpu_usage)
    check "rrd_domain_${name}_cpu_usage_known ($usage)" \
        test -n "$usage" -a "${usage:-0}" -ge 0 -a "${usage:-0}" -le 640000
    # The counter: the last value Cacti fed the RRD lies between the
    # agent's before and after the poller runs.
    last_within "rrd_domain_${name}_cpu_time_within_snmpget" \
        "$(rrd_of "Xen - Domain CPU Time" "$Q_DOMS" "$idx")" cpu_time \
        "$XS_DOM_OID.15.$idx" cpu
done <"$T/domains"

# A running domain's cpu time rate is plotted: a value, not unknown.
rate=$(fetched "$(rrd_of "Xen - Domain CPU Time" "$Q_DOMS" 5.119.101.98.48.49)" cpu_time)
check "rrd_domain_web01_cpu_time_rate_known ($rate ns/s)" [ "${rate:-0}" -gt 0 ]

# io01's interface and disk: each counter Cacti fed its RRD, against the
# walks, and the rates it plots at the node file's: 61440 octets a
# second in, 14 read requests and 448 sectors read.
vif=$(rrd_of "Xen - Interface Traffic" "$Q_VIFS" "$IO01.0")
reqs=$(rrd_of "Xen - Disk Requests" "$Q_VBDS" "$IO01.51712")
secs=$(rrd_of "Xen - Disk Sectors" "$Q_VBDS" "$IO01.51712")
for c in "$vif traffic_in 5.1.3.$IO01.0 vif" "$vif traffic_out 5.1.7.$IO01.0 vif" \
    "$reqs reads 6.1.4.$IO01.51712 vbd" "$reqs writes 6.1.6.$IO01.51712 vbd" \
    "$secs read_sectors 6.1.5.$IO01.51712 vbd" \
    "$secs write_sectors 6.1.7.$IO01.51712 vbd"; do
    set -- $c
    last_within "rrd_io01_$2_within_snmpget" "$1" "$2" "$XS_MIB_OID.1.$3" "$4"
done
for c in "$vif traffic_in 61440" "$reqs reads 14" "$secs read_sectors 448"; do
    set -- $c
    rate=$(fetched "$1" "$2")
    check "rrd_io01_$2_rate_as_node_file ($rate, $3 expected)" \
        [ "${rate:-0}" -ge $(($3 * 9 / 10)) -a "${rate:-0}" -le $(($3 * 11 / 10)) ]
done

done_testing
