#!/bin/sh
# agentbench.sh: what serving XEN-SNMP-MIB costs, through xensnmpd over
# AgentX and through the dlmod module inside snmpd.  Prints figures and
# the issue's targets with "meets"/"MISSES" next to them; it is not a
# test and always exits 0 once the figures are printed (a set-up failure
# exits non-zero).
#
#     agentbench.sh NODEDIR SIZE...
#
# NODEDIR holds node-SIZE.xml (gennode -n SIZE -v 4).  The RSS flatness
# loop makes 1,000 walks at 10,000 domains, where the target applies, and
# 200 at the other sizes; BENCH_WALKS sets the number for every size, and
# BENCH_FULL=1 makes it 1,000 everywhere and adds snmptable of the vcpu
# table.
#
# Placement: every AgentX request wakes xensnmpd, and on a virtual
# machine a wake-up from another CPU can cost several times one from the
# same CPU (the host must bring a halted virtual CPU back).  So the
# one-column walk runs twice: with snmpd and xensnmpd where the scheduler
# puts them, and with both pinned to one CPU, as a dom0 with one vcpu, or
# a unit with CPUAffinity=, runs them; at 1,000 and 10,000 domains the
# whole-MIB walk does too, for the linearity target.  The machine's floor
# is printed for both placements.
#
# Clients: the whole-MIB walks use snmpbulkwalk and snmptable, as users
# do.  net-snmp's snmptable walks the table entry with GetBulk, one
# varbind per repetition, so a walk that asks for every column of the
# domain table per GetBulk (an NMS polling whole rows) is made apart:
# "all columns".  It and the one-column walks, whose throughput through
# the module is compared with AgentX's, use tests/bench/bulkwalk (the
# same GetBulk requests, -Cr50, but no translating or printing):
# snmpbulkwalk's own CPU per varbind would otherwise be what the module
# is measured by.
#
# Counting: xensnmpd's CPU during the walks is the run time the scheduler
# counted for each of its threads (/proc/PID/task/*/schedstat, in ns; its
# threads live as long as it does).  The refresh's CPU is utime+stime of
# /proc/PID/stat, in ticks.  Its AgentX requests are counted from syscr of /proc/PID/io,
# which counts read() and readv() but not recvfrom(): per request,
# net-snmp's subagent makes one recvfrom of the AgentX PDU, then one read
# of each of its two internal callback pipes (checked with strace -c),
# so two counted reads are one request.  During the walks the
# refresh interval is 600 s, so no refresh adds reads or CPU; the refresh
# is measured on its own (xenNodeRefreshDuration) in the flatness loop,
# where the agent refreshes every second.

. "$abs_srcdir/tests/integration/lib.sh"

NODEDIR=$1
shift
MODULE=$abs_builddir/agent/.libs/xensnmp.so
MIBOPTS="-M +$abs_srcdir/mib:$abs_srcdir/tests/mibs -m XEN-SNMP-MIB"
WALKS_SMALL=${BENCH_WALKS:-200}
WALKS_TARGET=${BENCH_WALKS:-1000}
[ -n "${BENCH_FULL:-}" ] && WALKS_SMALL=1000 WALKS_TARGET=1000
NCPU=$(nproc)
HZ=$(getconf CLK_TCK)

# Targets of issue 3, point 11.
MAX_REQ_US=40
MAX_LINEAR=12
MIN_DLMOD_RATIO=8
MAX_REFRESH_MS=50
MAX_RSS_KIB=65536
MAX_RSS_GROWTH_KIB=1024

xs_require_tools
[ -f "$MODULE" ] || setup_failed "$MODULE is not built" "run make"
xs_tmpdir

# verdict OK: "meets" when the shell arithmetic expression OK holds.
verdict() {
    if [ "$(($1))" -ne 0 ]; then echo meets; else echo MISSES; fi
}

now_ns() { date +%s%N; }

# CPU ticks of process $1 (utime + stime, every thread).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# CPU time of process $1 in ns, the sum over its live threads.
cpu_ns() { awk '{ s += $1 } END { printf "%.0f\n", s }' /proc/"$1"/task/*/schedstat; }

# Counted reads per AgentX request (see "Counting" above).
READS_PER_REQ=2
read_calls() { awk '/^syscr:/ { print $2 }' "/proc/$1/io"; }

status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# fmt FORMAT EXPRESSION: floating-point arithmetic, printed by awk.
fmt() { awk "BEGIN { printf \"$1\", ($2) }"; }

# run_walk LABEL PID COMMAND...: runs the walk REPS times, counts its
# varbinds (output lines, or table rows x W_COLS when set), and sets W_VB,
# W_NS (wall), W_CPU (CPU ns of the process PID) and W_REQS (per walk).
run_walk() {
    label=$1
    pid=$2
    shift 2
    t0=$(cpu_ns "$pid")
    r0=$(read_calls "$pid")
    s0=$(now_ns)
    k=0
    while [ $k -lt "$REPS" ]; do
        "$@" >"$XS_TMP/walk.out" 2>"$XS_TMP/walk.err" ||
            setup_failed "$label failed" "$(tail -n 3 "$XS_TMP/walk.err")"
        k=$((k + 1))
    done
    s1=$(now_ns)
    W_CPU=$(fmt '%f' "($(cpu_ns "$pid") - $t0) / $REPS")
    W_REQS=$(((($(read_calls "$pid") - r0) / READS_PER_REQ + REPS / 2) / REPS))
    W_NS=$(((s1 - s0) / REPS))
    if [ -n "${W_COLS:-}" ]; then
        W_VB=$(($(grep -c '|' "$XS_TMP/walk.out") * W_COLS))
    else
        W_VB=$(wc -l <"$XS_TMP/walk.out")
    fi
    [ "$W_VB" -gt 0 ] || setup_failed "$label returned nothing"
}

# lean_walk LABEL PID OID...: the same figures as run_walk for REPS walks
# by tests/bench/bulkwalk, which only decodes and counts what it receives
# (snmpbulkwalk's own CPU, about 7 us per varbind, would be what a fast
# agent is measured by).  Several OIDs: every column at once per GetBulk.
lean_walk() {
    label=$1
    pid=$2
    shift 2
    t0=$(cpu_ns "$pid")
    r0=$(read_calls "$pid")
    s0=$(now_ns)
    out=$("$BULKWALK" -r "$REPS" -m 50 "$XS_AGENT" "$@" 2>"$XS_TMP/walk.err") ||
        setup_failed "$label failed" "$(tail -n 3 "$XS_TMP/walk.err")"
    W_NS=$((($(now_ns) - s0) / REPS))
    W_CPU=$(fmt '%f' "($(cpu_ns "$pid") - $t0) / $REPS")
    W_REQS=$(((($(read_calls "$pid") - r0) / READS_PER_REQ + REPS / 2) / REPS))
    set -- $out
    W_VB=$(($2 / REPS))
}

# lean_median LABEL PID OID: lean_walk three times; the W_ figures are
# those of the run with the median CPU per request, and W_RUNS lists the
# three (a moment of noise on the host moves one run, not the median).
lean_median() {
    runs=
    k=0
    while [ $k -lt 3 ]; do
        lean_walk "$@"
        us=$(fmt '%.1f' "$W_CPU / 1e3 / ($W_REQS > 0 ? $W_REQS : 1)")
        runs="$runs $us:$W_CPU:$W_NS:$W_REQS:$W_VB"
        k=$((k + 1))
    done
    # shellcheck disable=SC2086 # one word per run
    set -- $(printf '%s\n' $runs | sort -t: -k1,1n)
    W_RUNS="$(echo "$1 $2 $3" | sed 's/:[^ ]*//g' | tr ' ' '/') us"
    IFS=: read -r _ W_CPU W_NS W_REQS W_VB <<EOR
$2
EOR
}

# table_walk PID TABLE NW_COLS: snmptable of TABLE, as users run it
# (GetBulk of 50 repetitions along the table entry).
table_walk() {
    W_COLS=$3
    run_walk "snmptable $2" "$1" snmptable -v2c -c public -t 10 -r 1 \
        $MIBOPTS -Cr 50 -CH -Cf '|' "$XS_AGENT" "XEN-SNMP-MIB::$2"
    W_COLS=
}

# report LABEL KIND [target]: prints the last walk's figures; CPU per
# request only when the walk went through AgentX, and the per-request
# target's verdict with "target" (the one-column walks: one varbind per
# request, the plainest figure of what a request costs).
report() {
    rate=$(fmt '%.0f' "$W_VB / ($W_NS / 1e9)")
    cpu_ms=$(fmt '%.1f' "$W_CPU / 1e6")
    line=$(printf '  %-28s %8d varbinds %8.2f s %9s vb/s' "$1" "$W_VB" \
        "$(fmt '%.2f' "$W_NS / 1e9")" "$rate")
    if [ "$2" = agentx ]; then
        req_us=$(fmt '%.1f' "$W_CPU / 1e3 / ($W_REQS > 0 ? $W_REQS : 1)")
        target=
        [ "${3:-}" = target ] &&
            target=" (target <= $MAX_REQ_US: $(verdict "$(fmt '%d' "$req_us <= $MAX_REQ_US")"))"
        printf '%s  xensnmpd %s ms/walk, %d AgentX requests, %s us/request%s%s\n' \
            "$line" "$cpu_ms" "$W_REQS" "$req_us" \
            "${W_RUNS:+, median of $W_RUNS}" "$target"
    else
        printf '%s  snmpd %s ms/walk\n' "$line" "$cpu_ms"
    fi
}

# col_walk LABEL: the one-column AgentX walk of xensnmpd ($apid), median
# of three runs, reported against the per-request target; leaves req_us
# and the W_ figures of the median run.
col_walk() {
    REPS=$COL_REPS
    lean_median "$1" "$apid" "$COL_OID"
    REPS=$WALK_REPS
    report "$1" agentx target
    W_RUNS=
}

stop_snmpd() {
    kill -TERM "$XS_SNMPD_PID" 2>/dev/null
    wait "$XS_SNMPD_PID" 2>/dev/null
    XS_SNMPD_PID=
}

# start_dlmod NODEFILE: a private snmpd serving the MIB from the module.
start_dlmod() {
    cat >"$XS_TMP/xensnmpd.conf" <<EOC
uri test://$1
refresh-interval 600
EOC
    xs_start_snmpd_dlmod "$XS_TMP/xensnmpd.conf"
    xs_wait_oid "$XS_NODE_OID.1.0" 30 ||
        setup_failed "the module did not register the MIB" \
            "$(tail -n 5 "$XS_TMP/snmpd-dlmod.log" 2>&1)"
}

BULKWALK=$abs_builddir/tests/bench/bulkwalk
[ -x "$BULKWALK" ] || setup_failed "$BULKWALK is not built" "run make"
ROUNDTRIP=$abs_builddir/tests/bench/roundtrip
[ -x "$ROUNDTRIP" ] || setup_failed "$ROUNDTRIP is not built" "run make"
BULK="snmpbulkwalk -v2c -c public -t 10 -r 1 -Cr50 -On -Oq"

# The machine's floor under an AgentX request, measured now: what a bare
# select-read-write round trip between two processes costs the waiting
# one, placed by the scheduler and on one CPU.  It moves with the load of
# the host this machine runs on.
floor_us() {
    out=$("$@" "$ROUNDTRIP" -n 20000) || setup_failed "roundtrip failed"
    set -- $out
    echo "$4"
}
floor_line() {
    printf '  machine floor: a bare round trip between two processes costs %s us of CPU as placed by the scheduler, %s us on one CPU (tests/bench/roundtrip)\n' \
        "$(floor_us)" "$(floor_us taskset -c 0)"
}

# pin CPUS PID...: sets the CPU affinity of every thread of each PID.
pin() {
    cpus=$1
    shift
    for p in "$@"; do
        taskset -apc "$cpus" "$p" >/dev/null ||
            setup_failed "taskset -apc $cpus $p failed"
    done
}

# The worst CPU per AgentX request of the one-column walks, per placement.
REQ_MAX_SCHED=0
REQ_MAX_ONE=0
W_RUNS=
# max_of CURRENT VALUE: prints the larger.
max_of() { fmt '%s' "($2 > $1) ? $2 : $1"; }
COL_OID=$XS_DOM_OID.5 # xenDomOperState

echo "# XEN-SNMP-MIB agent benchmark: domains x 4 vcpus, snmpbulkwalk -Cr50"
echo "# flatness loop: $WALKS_SMALL walks, $WALKS_TARGET at 10000 domains; walk CPU from schedstat (ns), refresh CPU from /proc ticks of $((1000 / HZ)) ms"
echo "# $NCPU CPUs; the one-column AgentX walk also runs with snmpd and xensnmpd on CPU 0"
for size in "$@"; do
    node=$NODEDIR/node-$size.xml
    [ -f "$node" ] || setup_failed "$node is missing" "run gennode"
    echo
    echo "== $size domains, $((size * 4)) vcpus"
    # Enough repetitions for a second or so of walking: a client's
    # start-up and the host's moments of noise would dominate a short walk.
    WALK_REPS=$((1000 / size))
    [ $WALK_REPS -ge 1 ] || WALK_REPS=1
    COL_REPS=$((20000 / size))
    [ $COL_REPS -le 200 ] || COL_REPS=200
    REPS=$WALK_REPS

    # Walks through AgentX, with no refresh during them.
    xs_start_snmpd
    XS_AGENT_WAIT=60 xs_start_agent "$node" -r 600
    apid=$XS_AGENT_PID
    run_walk "whole MIB (AgentX)" "$apid" $BULK "$XS_AGENT" "$XS_MIB_OID"
    report "whole MIB, AgentX" agentx
    eval "whole_cpu_$size=$W_CPU whole_reqs_$size=$W_REQS"
    table_walk "$apid" xenDomainTable 21
    report "snmptable domains, AgentX" agentx
    # shellcheck disable=SC2086 # one OID per column
    lean_walk "all columns (AgentX)" "$apid" $XS_DOM_COLS
    report "all columns, AgentX (lean)" agentx
    # The vcpu table's snmptable adds half a minute at 10,000 domains.
    if [ -n "${BENCH_FULL:-}" ]; then
        table_walk "$apid" xenVcpuTable 4
        report "snmptable vcpus, AgentX" agentx
    fi
    col_walk "one column, AgentX (lean)"
    REQ_MAX_SCHED=$(max_of "$REQ_MAX_SCHED" "$req_us")
    col_rate=$(fmt '%f' "$W_VB / ($W_NS / 1e9)")
    if [ "$NCPU" -gt 1 ]; then
        pin 0 "$apid" "$XS_SNMPD_PID"
        col_walk "one column, AgentX, one CPU"
        REQ_MAX_ONE=$(max_of "$REQ_MAX_ONE" "$req_us")
        # The linearity pair again on one CPU, where a request's cost
        # moves less with the host's load.
        if [ "$size" -eq 1000 ] || [ "$size" -eq 10000 ]; then
            run_walk "whole MIB (AgentX, one CPU)" "$apid" $BULK "$XS_AGENT" "$XS_MIB_OID"
            report "whole MIB, AgentX, one CPU" agentx
            eval "whole_one_$size=$W_CPU"
        fi
        pin "0-$((NCPU - 1))" "$apid" "$XS_SNMPD_PID"
    fi
    floor_line
    printf '  xensnmpd RSS after the walks: VmRSS %d KiB, VmHWM %d KiB\n' \
        "$(status_kib "$apid" VmRSS)" "$(status_kib "$apid" VmHWM)"
    xs_stop_agent
    stop_snmpd

    # RSS over repeated walks while the agent refreshes every second
    # (measured after a warm-up of 5 refreshes); the
    # agent's own figure gives the refresh time.
    xs_start_snmpd
    XS_AGENT_WAIT=60 xs_start_agent "$node" -r 1
    apid=$XS_AGENT_PID
    WALKS=$WALKS_SMALL
    [ "$size" -eq 10000 ] && WALKS=$WALKS_TARGET
    # Warm-up: RSS settles once a few snapshots were swapped in (two are
    # alive during a swap).
    # The refresh time is sampled then too, with no request to compete
    # with (xenNodeRefreshDuration): the first two refreshes after start
    # fault in fresh memory (the start-up trim gave it back, and glibc
    # serves large blocks with mmap until its threshold adapts), so the
    # steady figure is the maximum of refreshes 4 to 6, and the first ones
    # are printed apart.
    k=0
    last=1
    idle_max=0
    warm_max=0
    idle_t0=$(cpu_ticks "$apid")
    while [ "$last" -lt 6 ] && [ $k -lt 120 ]; do
        sleep 0.25
        k=$((k + 1))
        cur=$($SNMPGET -Oqv "$XS_NODE_OID.21.0" 2>/dev/null) || continue
        [ "$cur" -gt "$last" ] || continue
        last=$cur
        us=$($SNMPGET -Oqv "$XS_NODE_OID.18.0" 2>/dev/null) || continue
        if [ "$last" -le 3 ]; then
            [ "$us" -gt "$warm_max" ] && warm_max=$us
        else
            [ "$us" -gt "$idle_max" ] && idle_max=$us
        fi
    done
    # The whole CPU cost of a refresh: the worker's snapshot plus the
    # main thread's swap (tables reloaded), with no requests to serve.
    idle_cpu=$(fmt '%.1f' "($(cpu_ticks "$apid") - $idle_t0) * 1000 / $HZ / ($last > 1 ? $last - 1 : 1)")
    # No tick at all over the warm-up: print the bound.
    [ "$idle_cpu" != 0.0 ] || idle_cpu="< $(fmt '%.1f' "1000 / $HZ / ($last > 1 ? $last - 1 : 1)")"
    rss0=$(status_kib "$apid" VmRSS)
    rss_max=$rss0
    i=0
    refresh_max=0
    refresh_sum=0
    refresh_n=0
    while [ $i -lt "$WALKS" ]; do
        # The node group and the first 400 vcpu rows (all columns).
        $BULK "$XS_AGENT" "$XS_NODE_OID" >/dev/null 2>&1 ||
            setup_failed "flatness walk $i failed"
        snmpbulkget -v2c -c public -t 10 -r 1 -Cn0 -Cr100 "$XS_AGENT" \
            "$XS_VCPU_OID.2" "$XS_VCPU_OID.3" "$XS_VCPU_OID.4" \
            "$XS_VCPU_OID.5" >/dev/null 2>&1 ||
            setup_failed "flatness bulk get $i failed"
        i=$((i + 1))
        if [ $((i % 20)) -eq 0 ]; then
            us=$($SNMPGET -Oqv "$XS_NODE_OID.18.0" 2>/dev/null)
            refresh_n=$((refresh_n + 1))
            refresh_sum=$((refresh_sum + us))
            [ "$us" -gt "$refresh_max" ] && refresh_max=$us
            rss=$(status_kib "$apid" VmRSS)
            [ "$rss" -gt "$rss_max" ] && rss_max=$rss
        fi
    done
    rss1=$(status_kib "$apid" VmRSS)
    hwm=$(status_kib "$apid" VmHWM)
    refreshes=$($SNMPGET -Oqv "$XS_NODE_OID.21.0" 2>/dev/null)
    printf '  refresh (xenNodeRefreshDuration): first refreshes after start max %s ms; idle max %s ms (xensnmpd CPU %s ms per refresh, swap included); during the walks mean %s ms, max %s ms (%d samples, %s refreshes)\n' \
        "$(fmt '%.2f' "$warm_max / 1000")" \
        "$(fmt '%.2f' "$idle_max / 1000")" "$idle_cpu" \
        "$(fmt '%.2f' "$refresh_sum / ($refresh_n > 0 ? $refresh_n : 1) / 1000")" \
        "$(fmt '%.2f' "$refresh_max / 1000")" "$refresh_n" "$refreshes"
    printf '  RSS over %d walks: VmRSS %d -> %d KiB (%+d KiB, max %d KiB), VmHWM %d KiB (start-up included)\n' \
        "$WALKS" "$rss0" "$rss1" "$((rss1 - rss0))" "$rss_max" "$hwm"
    if [ "$size" -eq 10000 ]; then
        printf '  target: refresh of 10,000 domains <= %d ms: idle %s ms, %s; during the walks %s ms, %s\n' \
            "$MAX_REFRESH_MS" "$(fmt '%.2f' "$idle_max / 1000")" \
            "$(verdict "$idle_max <= $MAX_REFRESH_MS * 1000")" \
            "$(fmt '%.2f' "$refresh_max / 1000")" \
            "$(verdict "$refresh_max <= $MAX_REFRESH_MS * 1000")"
        # The peak since start-up counts: loading the node file included.
        printf '  target: RSS at 10,000 domains <= %d MiB: VmRSS max %d KiB while serving, VmHWM %d KiB since start-up, %s\n' \
            $((MAX_RSS_KIB / 1024)) "$rss_max" "$hwm" \
            "$(verdict "$rss_max <= $MAX_RSS_KIB && $hwm <= $MAX_RSS_KIB")"
        printf '  target: RSS flat over %d walks (growth <= %d KiB): %+d KiB, %s\n' \
            "$WALKS" "$MAX_RSS_GROWTH_KIB" "$((rss1 - rss0))" \
            "$(verdict "$rss1 - $rss0 <= $MAX_RSS_GROWTH_KIB")"
    fi
    xs_stop_agent
    stop_snmpd

    # The same walks served by the module inside snmpd.
    start_dlmod "$node"
    run_walk "whole MIB (dlmod)" "$XS_SNMPD_PID" $BULK "$XS_AGENT" "$XS_MIB_OID"
    report "whole MIB, dlmod" dlmod
    table_walk "$XS_SNMPD_PID" xenDomainTable 21
    report "snmptable domains, dlmod" dlmod
    # shellcheck disable=SC2086 # one OID per column
    lean_walk "all columns (dlmod)" "$XS_SNMPD_PID" $XS_DOM_COLS
    report "all columns, dlmod (lean)" dlmod
    REPS=$COL_REPS
    lean_walk "one column (dlmod)" "$XS_SNMPD_PID" "$COL_OID"
    REPS=$WALK_REPS
    report "one column, dlmod (lean)" dlmod
    dl_rate=$(fmt '%f' "$W_VB / ($W_NS / 1e9)")
    ratio=$(fmt '%.1f' "$dl_rate / $col_rate")
    printf '  target: dlmod one-column throughput >= %dx AgentX: %sx, %s\n' \
        "$MIN_DLMOD_RATIO" "$ratio" \
        "$(verdict "$(fmt '%d' "$ratio >= $MIN_DLMOD_RATIO")")"
    stop_snmpd
done

# CPU per AgentX request, the worst size of the one-column walks.
echo
printf 'target: xensnmpd CPU per AgentX request <= %d us (one-column walks, median of 3 runs, worst size): placed by the scheduler %s us, %s' \
    "$MAX_REQ_US" "$REQ_MAX_SCHED" \
    "$(verdict "$(fmt '%d' "$REQ_MAX_SCHED <= $MAX_REQ_US")")"
if [ "$NCPU" -gt 1 ]; then
    printf '; snmpd and xensnmpd on one CPU %s us, %s' "$REQ_MAX_ONE" \
        "$(verdict "$(fmt '%d' "$REQ_MAX_ONE <= $MAX_REQ_US")")"
fi
echo

# Linearity: the whole-MIB walk's xensnmpd CPU, 10,000 against 1,000,
# per placement; the AgentX requests the walks took say how much of it is
# the walk's length.
# ratio_line LABEL CPU_10000 CPU_1000
ratio_line() {
    ratio=$(fmt '%.1f' "$2 / ($3 > 0 ? $3 : 1)")
    printf '%s %sx, %s' "$1" "$ratio" \
        "$(verdict "$(fmt '%d' "$ratio <= $MAX_LINEAR")")"
}
if [ -n "${whole_cpu_1000:-}" ] && [ -n "${whole_cpu_10000:-}" ]; then
    printf 'target: whole-MIB walk at 10,000 domains <= %dx the 1,000 walk (xensnmpd CPU): %s' \
        "$MAX_LINEAR" \
        "$(ratio_line "placed by the scheduler" "$whole_cpu_10000" "$whole_cpu_1000")"
    if [ -n "${whole_one_1000:-}" ] && [ -n "${whole_one_10000:-}" ]; then
        printf '; %s' \
            "$(ratio_line "snmpd and xensnmpd on one CPU" "$whole_one_10000" "$whole_one_1000")"
    fi
    printf '; AgentX requests %sx\n' \
        "$(fmt '%.2f' "$whole_reqs_10000 / ($whole_reqs_1000 > 0 ? $whole_reqs_1000 : 1)")"
fi
exit 0
