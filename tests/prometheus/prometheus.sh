#!/bin/sh
# prometheus.sh: contrib/prometheus/ against the real snmp_exporter and
# Prometheus (run by check-prometheus.sh, which installs them; prints TAP).
#
# Three simulated Xen hosts, each a private snmpd + xensnmpd pair on a
# loopback port with its own node file:
#   alpha  the integration host plus a crashed domain "oops"; control on
#          (the test pauses and destroys through it); an SNMPv3 user;
#   beta   tests/prometheus/data/lowmem.xml, about 3 % of memory free;
#   gamma  the integration host with an <outage> switch.
# One snmp_exporter serves all three with the shipped snmp.yml, and one
# Prometheus scrapes them through it every second with the shipped alert
# rules; both are set up by the commands of README.md's "Prometheus"
# section, with /etc/prometheus and the host names replaced by the test's
# own.  Everything listens on 127.0.0.1 only, and the test stops exactly
# the processes it started.

. "$abs_srcdir/tests/integration/lib.sh"

PROM_DIR=$abs_srcdir/contrib/prometheus
README=$abs_srcdir/README.md
# How long a wait for Prometheus to see a change may take, in seconds.
WAIT=${XENSNMP_PROM_WAIT:-40}

. "$abs_srcdir/tests/prometheus/lib.sh"

T=$(mktemp -d "${TMPDIR:-/tmp}/xensnmp-prom.XXXXXX") ||
    setup_failed "mktemp -d failed"
trap stop_all EXIT
trap 'exit 1' INT TERM HUP
SNMP_PERSISTENT_DIR=$T/client
export SNMP_PERSISTENT_DIR

xs_require_tools
for tool in prometheus-snmp-exporter prometheus promtool \
    prometheus-snmp-generator curl jq snmpset; do
    command -v "$tool" >/dev/null 2>&1 ||
        setup_failed "$tool is missing" "run make check-prometheus as root"
done

# --- the hosts -----------------------------------------------------------

# alpha adds a crashed domain and io01 (data/io01.xml), whose disk and
# interface do I/O at the rates of test:///default's web01.
xs_derive_node "$T/alpha.xml" "" "  <domain type='xen' id='30' state='crashed' cputime='4000000000'>
    <name>oops</name>
    <uuid>11111111-2222-4333-8444-5555555555aa</uuid>
    <os><type>linux</type></os>
    <memory>524288</memory>
    <vcpu>1</vcpu>
    <on_crash>preserve</on_crash>
  </domain>
$(cat "$abs_srcdir/tests/prometheus/data/io01.xml")"
xs_derive_node "$T/gamma.xml" "  <outage file='$T/gamma-outage'/>" ""

# alpha's snmpd also has the SNMPv3 user of README's example.
XS_V3_USER=xenmonitor
XS_V3_AUTH=authpass123
XS_V3_PRIV=privpass123
start_host alpha "$T/alpha.xml" --control yes
XS_V3_USER=
start_host beta "$abs_srcdir/tests/prometheus/data/lowmem.xml"
start_host gamma "$T/gamma.xml"
ALPHA=127.0.0.1:$alpha_PORT
BETA=127.0.0.1:$beta_PORT
GAMMA=127.0.0.1:$gamma_PORT

# --- the shipped files -----------------------------------------------------

if contrib_out=$("$PROM_DIR/regenerate.sh" "$T/snmp-regenerated.yml" 2>&1) &&
    cmp -s "$T/snmp-regenerated.yml" "$PROM_DIR/snmp.yml"; then
    ok "snmp_yml_is_what_regenerate_makes"
else
    not_ok "snmp_yml_is_what_regenerate_makes" "$contrib_out" \
        "$(diff "$PROM_DIR/snmp.yml" "$T/snmp-regenerated.yml" 2>&1 | head -n 20)"
fi
xs_succeeds "alert_rules_pass_promtool" \
    promtool check rules "$PROM_DIR/xen-alerts.yml"
xs_succeeds "alert_rules_fire_after_their_for_durations" \
    promtool test rules "$abs_srcdir/tests/prometheus/xen-alerts-test.yml"
xs_succeeds "dashboard_is_json" jq -e '.panels | length > 0' \
    "$PROM_DIR/grafana-dashboard.json"

# --- README's commands -----------------------------------------------------

ETC=$T/etc
mkdir -p "$ETC" || setup_failed "mkdir $ETC"
readme_block sh 1 >"$T/readme.sh"
[ -s "$T/readme.sh" ] || setup_failed "README.md has no Prometheus commands"
EPORT=
readme_curl=
while IFS= read -r line; do
    case $line in
    "apt-get install "*)
        missing=
        for p in ${line#apt-get install }; do
            dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
                grep -q 'install ok installed' || missing="$missing $p"
        done
        is "$missing" "" "readme_packages_installed"
        ;;
    "cp "*)
        cmd=$(printf '%s\n' "$line" | sed "s|/etc/prometheus|$ETC|g")
        xs_succeeds "readme_cp_runs" sh -c "cd '$abs_srcdir' && $cmd"
        ;;
    "systemctl restart prometheus-snmp-exporter")
        # Debian's unit runs the exporter on /etc/prometheus/snmp.yml,
        # port 9116; here the test's copy on a free port.
        start_server exporter "" prometheus-snmp-exporter \
            --config.file="$ETC/snmp.yml" \
            --web.listen-address=127.0.0.1:@PORT@
        EPORT=$SERVER_PORT
        EPID=$SERVER_PID
        ok "readme_exporter_starts_on_the_module"
        ;;
    "curl "*)
        readme_curl=$line
        ;;
    *)
        not_ok "readme_command_known" "the test does not know: $line"
        ;;
    esac
done <"$T/readme.sh"
[ -n "$EPORT" ] || setup_failed "README.md does not start the exporter"
EXPORTER=127.0.0.1:$EPORT

if [ -n "$readme_curl" ]; then
    cmd=$(printf '%s\n' "$readme_curl" |
        sed -e "s|localhost:9116|$EXPORTER|" -e "s|target=dom0|target=$ALPHA|")
    is "$(sh -c "$cmd")" \
        "$(printf '%s\n' 'xenNodeConnectionState{xenNodeConnectionState="down"} 0' \
            'xenNodeConnectionState{xenNodeConnectionState="up"} 1')" \
        "readme_curl_shows_connection_up"
else
    not_ok "readme_curl_shows_connection_up" "README.md has no curl command"
fi

# The SNMPv3 keys README gives, in a module xen_v3 appended to the
# exporter's file: the same module over alpha's SNMPv3 user.
{
    echo
    awk '/^xen:$/ { print "xen_v3:"; next }
        /^  version: 2$/ { next }
        /^  auth:$/ { skip = 1; next }
        skip && /^    / { next }
        { skip = 0; print }' "$PROM_DIR/snmp.yml"
    readme_block yaml 2 | sed -e "s/'auth passphrase'/$XS_V3_AUTH/" \
        -e "s/'priv passphrase'/$XS_V3_PRIV/"
} >>"$ETC/snmp.yml"
v3_connection_up() {
    curl -sf "http://$EXPORTER/snmp?module=xen_v3&target=$ALPHA" |
        grep -x 'xenNodeConnectionState{xenNodeConnectionState="up"} 1'
}
kill -HUP "$EPID" || setup_failed "cannot signal the exporter"
wait_is "readme_snmpv3_auth_scrapes" \
    'xenNodeConnectionState{xenNodeConnectionState="up"} 1' v3_connection_up

# Prometheus with README's rule_files and scrape job: the targets are
# the three hosts, the exporter the test's, the rules the copy README's
# cp made, with every "for" cut to 1 s so that alerts fire in seconds.
sed -i 's/^\( *for:\).*/\1 1s/' "$ETC/xen-alerts.yml"
{
    cat <<EOC
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
EOC
    readme_block yaml 1 | sed \
        -e "s|/etc/prometheus|$ETC|" \
        -e "s|targets: \[.*\]\( *#.*\)*|targets: [$ALPHA, $BETA, $GAMMA]|" \
        -e "s|localhost:9116|$EXPORTER|"
} >"$T/prometheus.yml"
xs_succeeds "readme_prometheus_config_passes_promtool" \
    promtool check config "$T/prometheus.yml"

start_server prometheus -/ready prometheus \
    --config.file="$T/prometheus.yml" --storage.tsdb.path="$T/data" \
    --web.listen-address=127.0.0.1:@PORT@
PROM=http://127.0.0.1:$SERVER_PORT

# --- what Prometheus sees --------------------------------------------------

wait_is "prometheus_scrapes_all_three_hosts" \
    "$(printf '%s 1\n' "$ALPHA" "$BETA" "$GAMMA" | LC_ALL=C sort)" \
    sorted_query 'up{job="xen"}' "$BY_INSTANCE"

# Every metric of the module (an EnumAsInfo one as NAME_info) has series.
names=$(curl -sf "$PROM/api/v1/label/__name__/values" | jq -r '.data[]')
missing=
for m in $(awk '/^  - name: / { if (n != "") print n; n = $3 }
    /^    type: EnumAsInfo$/ { n = n "_info" }
    END { if (n != "") print n }' "$PROM_DIR/snmp.yml"); do
    printf '%s\n' "$names" | grep -qx "$m" || missing="$missing $m"
done
is "$missing" "" "module_every_metric_has_series"
# The module's metrics: every readable object of xenNode and of the four
# table entries in the MIB.
is "$(awk '/^  - name: / { print $3 }' "$PROM_DIR/snmp.yml" | LC_ALL=C sort)" \
    "$(awk '/^[a-zA-Z0-9]+ +OBJECT-TYPE$/ { name = $1 }
        /MAX-ACCESS/ { access = $2 }
        /^ *::= \{ (xenNode|xenDomainEntry|xenVcpuEntry|xenVifEntry|xenVbdEntry) [0-9]+ \}$/ &&
            access != "not-accessible" { print name }' \
        "$abs_srcdir/mib/XEN-SNMP-MIB.txt" | LC_ALL=C sort)" \
    "module_every_node_scalar_and_column"

# Types: the memory gauges are gauges although they travel as Counter64.
types=$(for m in xenDomCpuTime xenVcpuCpuTime xenNodeRefreshes \
    xenNodeFreeMemory xenDomMemory xenDomCpuUsage xenVifInOctets \
    xenVbdReadSectors; do
    curl -sf "$PROM/api/v1/metadata?metric=$m" |
        jq -r --arg m "$m" '"\($m) \(.data[$m][0].type)"'
done)
is "$types" "xenDomCpuTime counter
xenVcpuCpuTime counter
xenNodeRefreshes counter
xenNodeFreeMemory gauge
xenDomMemory gauge
xenDomCpuUsage gauge
xenVifInOctets counter
xenVbdReadSectors counter" "module_counters_and_gauges"

# Domain names come from the index, as the node file writes them.
is "$(sorted_query "xenDomId{instance=\"$ALPHA\"}" '.data.result[].metric.xenDomName')" \
    "$(sed -n 's|^ *<name>\(.*\)</name>$|\1|p' "$alpha_NODE" | LC_ALL=C sort)" \
    "labels_domain_names_from_index"
is "$(sorted_query "xenVcpuCpuTime{instance=\"$ALPHA\",xenDomName=\"web01\"}" \
    '.data.result[].metric.xenVcpuNumber' | tr '\n' ' ')" "0 1 2 3 " \
    "labels_vcpu_numbers_from_index"
# Devices: domain and device number from the index, the device's name
# from the readable name column of its row (the generator's lookup).
is "$(pq "xenVifOutOctets{instance=\"$ALPHA\",xenDomName=\"io01\"}" \
    '.data.result[].metric | "\(.xenVifIndex) \(.xenVifName)"')" "0 vif31.0" \
    "labels_vif_index_and_name"
is "$(pq "xenVbdWriteSectors{instance=\"$ALPHA\",xenDomName=\"io01\"}" \
    '.data.result[].metric | "\(.xenVbdIndex) \(.xenVbdName)"')" "51712 xvda" \
    "labels_vbd_index_and_name"

# Rows per host: what each node file holds.
expected_counts=$(for h in alpha beta gamma; do
    eval "port=\$${h}_PORT node=\$${h}_NODE"
    echo "127.0.0.1:$port $(grep -c '<domain ' "$node")"
done | LC_ALL=C sort)
is "$(sorted_query 'count by (instance) (xenDomId)' "$BY_INSTANCE")" \
    "$expected_counts" "domain_count_per_host_as_node_file"
is "$(sorted_query 'xenNodeActiveDomains + xenNodeDefinedDomains' "$BY_INSTANCE")" \
    "$expected_counts" "node_active_plus_defined_as_node_file"

# Cpu time moves for every domain the node files start running.
RUNNING='xenDomOperState{xenDomOperState="running"} == 1'
running_counts=$(for h in alpha beta gamma; do
    eval "port=\$${h}_PORT node=\$${h}_NODE"
    echo "127.0.0.1:$port $(grep -c "state='running'" "$node")"
done | LC_ALL=C sort)
is "$(sorted_query "count by (instance) ($RUNNING)" "$BY_INSTANCE")" \
    "$running_counts" "state_running_domains_per_host_as_node_file"
wait_is "rate_cpu_time_positive_for_every_running_domain" "$running_counts" \
    sorted_query "count by (instance) (rate(xenDomCpuTime[5s]) > 0
        and on (instance, xenDomName) $RUNNING)" "$BY_INSTANCE"
is "$(pq "rate(xenDomCpuTime{instance=\"$ALPHA\",xenDomName=\"db01\"}[5s])" \
    '.data.result[].value[1]')" 0 "rate_cpu_time_zero_for_paused_domain"
wait_is "rate_vcpu_cpu_time_positive" "2" \
    pq "count(rate(xenVcpuCpuTime{instance=\"$ALPHA\",xenDomName=\"web01\"}[5s]) > 0)" \
    '.data.result[].value[1]'
# Interface and disk counters move while io01 does I/O, at the node
# file's rates: the disk reads 229376 octets, 448 sectors, a second
# (within 20 %: the agent refreshes every 0.5 s, Prometheus scrapes
# every second).
IO01="instance=\"$ALPHA\",xenDomName=\"io01\""
wait_is "rate_vif_octets_positive_for_io_domain" "2" \
    pq "count(rate(xenVifInOctets{$IO01}[5s]) > 0)
        + count(rate(xenVifOutOctets{$IO01}[5s]) > 0)" \
    '.data.result[].value[1]'
wait_is "rate_vbd_read_sectors_as_node_file" "1" \
    pq "count(rate(xenVbdReadSectors{$IO01}[10s]) > 358 < 538)" \
    '.data.result[].value[1]'

# --- alerts ----------------------------------------------------------------

wait_is "alert_domain_crashed_fires_for_crashed_domain" "$ALPHA oops" \
    firing XenDomainCrashed
wait_is "alert_free_memory_low_fires_for_full_host" "$BETA" \
    firing XenHostFreeMemoryLow
is "$(firing XenHypervisorConnectionDown)" "" \
    "alert_connection_down_quiet_while_connected"

# --- the dashboard ---------------------------------------------------------

# Each query with Grafana's variables given values, then: it evaluates
# without error to at least one series, and every metric it names is one
# Prometheus has (a name is a "xen..." word outside braces and outside
# by/on/without/ignoring lists, where only label names are).
jq -r '(.. | objects | select(has("expr")) | .expr),
    (.templating.list[] | select(.type == "query") | .query.query // .query
     | capture("^label_values\\((?<e>.*), *[A-Za-z_]+\\)$").e)' \
    "$PROM_DIR/grafana-dashboard.json" >"$T/dashboard.exprs"
nexprs=0
bad=
while IFS= read -r expr; do
    nexprs=$((nexprs + 1))
    q=$(printf '%s\n' "$expr" | sed -e 's/\$__rate_interval/5s/g' \
        -e 's/\$instance/.*/g' -e 's/\$domain/.*/g')
    n=$(pq "$q" '.data.result | length' 2>/dev/null)
    [ "${n:-0}" -gt 0 ] 2>/dev/null || bad="$bad
no series: $expr"
    for m in $(printf '%s\n' "$q" | sed -e 's/{[^}]*}//g' \
        -e 's/\(by\|on\|without\|ignoring\) *([^)]*)//g' |
        grep -o 'xen[A-Za-z0-9_]*'); do
        printf '%s\n' "$names" | grep -qx "$m" || bad="$bad
unknown metric $m: $expr"
    done
done <"$T/dashboard.exprs"
[ $nexprs -gt 10 ] || bad="$bad
only $nexprs queries found"
is "$bad" "" "dashboard_every_query_uses_scraped_metrics"

# --- changes made on the hosts ---------------------------------------------

xs_clients_for() {
    XS_PORT=$1
    xs_clients
}
xs_clients_for "$alpha_PORT"
WEB01=.5.119.101.98.48.49
OOPS=.4.111.111.112.115
xs_succeeds "pause_web01_with_snmpset" $SNMPSET "$XS_DOM_OID.7$WEB01" i 2
wait_is "pause_state_paused_in_prometheus" "paused" \
    pq "xenDomOperState{instance=\"$ALPHA\",xenDomName=\"web01\"} == 1" \
    '.data.result[].metric.xenDomOperState'
wait_is "pause_last_action_suspend_in_prometheus" "suspend" \
    pq "xenDomLastAction_info{instance=\"$ALPHA\",xenDomName=\"web01\"}" \
    '.data.result[].metric.xenDomLastAction'

xs_succeeds "crash_destroy_crashed_domain_with_snmpset" \
    $SNMPSET "$XS_DOM_OID.7$OOPS" i 5
wait_is "crash_alert_clears_once_destroyed" "" firing XenDomainCrashed

: >"$T/gamma-outage"
wait_is "alert_connection_down_fires_during_outage" "$GAMMA" \
    firing XenHypervisorConnectionDown
rm -f "$T/gamma-outage"
wait_is "alert_connection_down_clears_after_outage" "" \
    firing XenHypervisorConnectionDown

done_testing
