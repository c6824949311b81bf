# lib.sh: helpers of tests/prometheus/prometheus.sh, sourced after
# tests/integration/lib.sh (whose ok/not_ok/is, port and snmpd helpers
# they use).  Every process they start goes into PIDS, which stop_all
# ends; T is the test's temporary directory.

PIDS=
T=

stop_all() {
    # A host being started when the test ended is not in PIDS yet:
    # xs_cleanup stops its snmpd and xensnmpd.
    xs_cleanup
    for pid in $PIDS; do
        kill -TERM "$pid" 2>/dev/null
    done
    for pid in $PIDS; do
        wait "$pid" 2>/dev/null
    done
    PIDS=
    if [ -n "$T" ]; then
        if [ -n "${XS_KEEP_TMP:-}" ]; then
            echo "# kept $T" >&2
        else
            rm -rf "$T"
        fi
    fi
}

# Prints a port that nothing listens on, TCP or UDP.  (xs_free_port
# looks at UDP only, and under dash, which has no RANDOM, offers the same
# port again until something listens on it over UDP.)
tcp_free_port() {
    for port in $(shuf -i 30000-59999 -n 50); do
        ss -Htuln "sport = :$port" 2>/dev/null | grep -q . || {
            echo "$port"
            return 0
        }
    done
    return 1
}

# launch LOG PORT COMMAND...: runs COMMAND in the background, with @PORT@
# in its arguments replaced by PORT and its output in LOG; sets
# SERVER_PID.
launch() {
    llog=$1
    lport=$2
    shift 2
    for arg in "$@"; do
        shift
        set -- "$@" "$(printf '%s\n' "$arg" | sed "s/@PORT@/$lport/g")"
    done
    "$@" >"$llog" 2>&1 &
    SERVER_PID=$!
}

# start_server NAME URLPATH COMMAND...: launches COMMAND on a free TCP
# port, with its output in $T/NAME.log, and waits up to 10 s for
# http://127.0.0.1:PORT/URLPATH to answer; three tries, each on another
# port.  Sets SERVER_PORT and SERVER_PID.
start_server() {
    sname=$1
    spath=$2
    shift 2
    tries=0
    while [ $tries -lt 3 ]; do
        SERVER_PORT=$(tcp_free_port) || setup_failed "no free TCP port"
        launch "$T/$sname.log" "$SERVER_PORT" "$@"
        n=0
        while [ $n -lt 100 ] && kill -0 "$SERVER_PID" 2>/dev/null; do
            if curl -sf "http://127.0.0.1:$SERVER_PORT/$spath" >/dev/null; then
                PIDS="$PIDS $SERVER_PID"
                return 0
            fi
            sleep 0.1
            n=$((n + 1))
        done
        kill -TERM "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
        tries=$((tries + 1))
    done
    setup_failed "$sname did not start" "$(tail -n 5 "$T/$sname.log")"
}

# start_host NAME NODEFILE [XENSNMPD OPTION]...: snmpd + xensnmpd in
# $T/NAME; sets NAME_PORT and NAME_NODE.
start_host() {
    name=$1
    node=$2
    shift 2
    XS_TMP=$T/$name
    mkdir -p "$XS_TMP" || setup_failed "mkdir $XS_TMP"
    xs_start_snmpd
    PIDS="$PIDS $XS_SNMPD_PID"
    xs_start_agent "$node" -r 0.5 "$@"
    PIDS="$PIDS $XS_AGENT_PID"
    XS_SNMPD_PID=
    XS_AGENT_PID=
    eval "${name}_PORT=$XS_PORT ${name}_NODE=\$node"
}

# readme_block LANG N: the Nth fenced LANG block of README's Prometheus
# section.
readme_block() {
    awk -v fence="\`\`\`$1" -v n="$2" '
        /^### Prometheus$/ { insec = 1; next }
        insec && /^##/ { exit }
        insec && $0 == fence && ++k == n { inb = 1; next }
        inb && /^```$/ { exit }
        inb { print }' "$README"
}

# pq EXPR JQ: evaluates EXPR now and filters the answer with JQ.
pq() {
    curl -sf --get --data-urlencode "query=$1" "$PROM/api/v1/query" |
        jq -r "$2"
}

# Instance and value of each series, sorted ("INSTANCE VALUE" lines).
BY_INSTANCE='.data.result[] | "\(.metric.instance) \(.value[1])"'

# firing ALERTNAME: "INSTANCE [DOMAIN]" of each firing alert of that name.
firing() {
    curl -sf "$PROM/api/v1/alerts" | jq -r --arg a "$1" '
        .data.alerts[] | select(.labels.alertname == $a and .state == "firing")
        | "\(.labels.instance) \(.labels.xenDomName // "")"' |
        sed 's/ $//' | LC_ALL=C sort
}

# wait_is DESC EXPECTED COMMAND...: ok once COMMAND prints EXPECTED,
# within WAIT seconds.
wait_is() {
    desc=$1
    want=$2
    shift 2
    n=0
    while :; do
        got=$("$@" 2>&1)
        [ "$got" = "$want" ] && break
        if [ $n -ge $((WAIT * 2)) ]; then
            not_ok "$desc" "got:      '$got'" "expected: '$want'"
            return 1
        fi
        sleep 0.5
        n=$((n + 1))
    done
    ok "$desc"
}

# sorted_query EXPR JQ: pq with its lines sorted.
sorted_query() {
    pq "$1" "$2" | LC_ALL=C sort
}

