#!/bin/sh
# screenshots.sh: remakes doc/cacti-graph.png and doc/prometheus-graph.png,
# what README.md's "Monitoring" shows a user gets ("make screenshots", as
# root: Cacti needs it).
#
# One simulated Xen host (snmpd + xensnmpd on the integration host,
# tests/integration/data/node.xml) is polled for POLLS (8) steps of 30 s
# by a fresh Cacti with the shipped package (set up as make check-cacti
# does, with tests/cacti/lib.sh) and, at the same time, by Prometheus
# through snmp_exporter with the shipped module.  Cacti renders its graph
# of the domains' cpu usage itself (lib/rrd.php, as graph_image.php
# does); Prometheus' graph page of the same is captured with headless
# Chromium.  Needs what make check-cacti and make check-prometheus
# install, and chromium.
#
# Environment (make sets the first two): abs_srcdir, abs_builddir;
# POLLS; OUTDIR (doc/ of the source tree).

. "$abs_srcdir/tests/integration/lib.sh"

POLLS=${POLLS:-8}
OUTDIR=${OUTDIR:-$abs_srcdir/doc}
STEP=30
NODE=$abs_srcdir/tests/integration/data/node.xml

T=$(mktemp -d "${TMPDIR:-/tmp}/xensnmp-shots.XXXXXX") || exit 1
XS_TMP=$T/host
mkdir -p "$XS_TMP" || exit 1
SNMP_PERSISTENT_DIR=$T/client
export SNMP_PERSISTENT_DIR

. "$abs_srcdir/tests/cacti/lib.sh"
. "$abs_srcdir/tests/prometheus/lib.sh"
# prometheus/lib.sh reset T: the same directory again.
T=$XS_TMP/..
T=$(cd "$T" && pwd)

finish() {
    cacti_cleanup
    stop_all
}
trap finish EXIT
trap 'exit 1' INT TERM HUP

xs_require_tools
for tool in php mysqld_safe chromium prometheus prometheus-snmp-exporter curl; do
    command -v "$tool" >/dev/null 2>&1 ||
        setup_failed "$tool is missing" "see README.md, Monitoring"
done

xs_start_snmpd
PIDS="$PIDS $XS_SNMPD_PID"
xs_start_agent "$NODE" -r 0.5
PIDS="$PIDS $XS_AGENT_PID"
XS_SNMPD_PID=
XS_AGENT_PID=
HOST=127.0.0.1:$XS_PORT

# --- Prometheus, scraping every 5 s ---------------------------------------

start_server exporter "" prometheus-snmp-exporter \
    --config.file="$abs_srcdir/contrib/prometheus/snmp.yml" \
    --web.listen-address=127.0.0.1:@PORT@
EXPORTER=127.0.0.1:$SERVER_PORT
cat >"$T/prometheus.yml" <<EOC
global:
  scrape_interval: 5s
scrape_configs:
  - job_name: xen
    metrics_path: /snmp
    params:
      module: [xen]
    static_configs:
      - targets: ['$HOST']
    relabel_configs:
      - source_labels: [__address__]
        target_label: __param_target
      - source_labels: [__param_target]
        target_label: instance
      - target_label: __address__
        replacement: $EXPORTER
EOC
start_server prometheus -/ready prometheus \
    --config.file="$T/prometheus.yml" --storage.tsdb.path="$T/data" \
    --web.listen-address=127.0.0.1:@PORT@
PROM=http://127.0.0.1:$SERVER_PORT

# --- Cacti -----------------------------------------------------------------

cacti_start_db
cacti_install
profile=$(cacti_sql "SELECT id FROM data_source_profiles WHERE step = $STEP")
php "$CACTI_CLI/import_package.php" \
    --filename="$abs_srcdir/contrib/cacti/xensnmp.xml.gz" \
    --profile-id="$profile" >"$T/import.log" 2>&1 ||
    setup_failed "import failed" "$(tail -n 5 "$T/import.log")"
php "$CACTI_CLI/add_device.php" --description=dom0 --ip=127.0.0.1 \
    --port="$XS_PORT" --version=2 --community=public --template=0 \
    --avail=snmp >"$T/device.log" 2>&1
host=$(sed -n 's/^Success - new device-id: (\([0-9]*\))$/\1/p' "$T/device.log")
[ -n "$host" ] || setup_failed "add_device failed" "$(cat "$T/device.log")"
CACTI_DEVICE=dom0
q=$(cacti_sql "SELECT id FROM snmp_query WHERE name = 'Xen - Domains'")
t=$(cacti_sql "SELECT id FROM snmp_query_graph
    WHERE snmp_query_id = $q AND name = 'Domain CPU Usage'")
gt=$(cacti_sql "SELECT graph_template_id FROM snmp_query_graph WHERE id = $t")
php "$CACTI_CLI/add_data_query.php" --host-id="$host" --data-query-id="$q" \
    --reindex-method=1 >"$T/query.log" 2>&1
php "$CACTI_CLI/add_graphs.php" --host-id="$host" --graph-type=ds \
    --graph-template-id="$gt" --snmp-query-id="$q" --snmp-query-type-id="$t" \
    --snmp-field=xenDomNameText --snmp-value=web01 >"$T/graphs.log" 2>&1
graph=$(sed -n 's/^Graph Added - Graph\[\([0-9]*\)\].*/\1/p' "$T/graphs.log")
[ -n "$graph" ] || setup_failed "add_graphs failed" "$(cat "$T/graphs.log")"

n=0
while [ $n -lt "$POLLS" ]; do
    cacti_poll
    now=$(date +%s)
    sleep $((STEP - now % STEP + 1))
    n=$((n + 1))
done
cacti_poll

# --- the pictures ----------------------------------------------------------

span=$((STEP * POLLS))
cat >"$T/graph.php" <<'EOP'
<?php
/* graph.php LOCAL_GRAPH_ID OUT SECONDS: Cacti's PNG of a graph. */
include('/usr/share/cacti/site/include/cli_check.php');
include_once($config['library_path'] . '/rrd.php');
$meta = array();
$png = rrdtool_function_graph((int)$argv[1], null, array(
    'output_flag' => RRDTOOL_OUTPUT_STDOUT, 'image_format' => 'png',
    'graph_start' => time() - (int)$argv[3], 'graph_end' => time(),
    'disable_cache' => true), '', $meta, 0);
exit(file_put_contents($argv[2], $png) > 0 ? 0 : 1);
EOP
php "$T/graph.php" "$graph" "$OUTDIR/cacti-graph.png" "$span" ||
    setup_failed "Cacti did not render the graph"

expr='rate(xenDomCpuTime{xenDomName!="Domain-0"}[1m]) / 1e9'
url="$PROM/graph?g0.expr=$(printf '%s' "$expr" | jq -sRr @uri)&g0.tab=0&g0.range_input=$((span / 60 + 1))m"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run \
    --user-data-dir="$T/chromium" --window-size=1200,1000 \
    --virtual-time-budget=15000 --hide-scrollbars \
    --screenshot="$OUTDIR/prometheus-graph.png" "$url" >"$T/chromium.log" 2>&1 ||
    setup_failed "chromium failed" "$(tail -n 5 "$T/chromium.log")"
echo "wrote $OUTDIR/cacti-graph.png and $OUTDIR/prometheus-graph.png"
