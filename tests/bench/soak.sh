#!/bin/sh
# soak.sh: xensnmpd under everything at once, for a set time, and whether
# it comes out as it went in.  Prints figures, one a line, and a verdict
# per target; exits non-zero when a target is missed (or on a set-up
# failure), so that "make soak" fails loudly.
#
#     soak.sh NODEFILE
#
# NODEFILE is a test-driver host (gennode -n 300 -v 4); the script adds an
# <outage> switch to a copy of it.  One xensnmpd (-r 1, control on,
# -D xenNotify) serves it behind a private snmpd that sends every
# notification to a private snmptrapd.  Three loads run side by side, each
# a background loop until the run ends:
#
#   * walks: snmpbulkwalk of the whole MIB; each must hold every domain row;
#   * GETs: a random domain row's state and memory, and its vcpu 0;
#   * SETs: on SOAK_SET_DOMAINS running guests in turn, suspend, vcpus,
#     memory target, a memory target above the maximum (which must answer
#     inconsistentValue), resume; the state is read back after each
#     suspend and resume, and every change seen is a lifecycle
#     notification the agent owes.
#
# The main shell drives the faults on a cycle of SOAK_PERIOD seconds: a
# hypervisor outage (the node file's <outage> switch), an snmpd restart
# (stopped by pid, started again on the same socket after SOAK_DOWN
# seconds), and an snmpd restart with a whole outage while snmpd is down,
# whose notifications the agent must keep and send when snmpd is back.
# It samples xensnmpd's RSS (/proc/PID/status) and open fds (/proc/PID/fd)
# every few seconds.  The first cycle is the warm-up; SOAK_SECONDS (300)
# of cycles follow it, and the start figures are taken between the two.
#
# What counts as what:
#   * A request that overlapped an snmpd restart (from the stop until the
#     agent is registered again) and timed out or came back incomplete is
#     counted "during a restart", not as an error.  GETs and walks are
#     retried once (-r 1), as the protocol allows; SETs never are (-r 0).
#   * A SET that overlapped an outage may be refused (notWritable: no
#     read-write connection); that is counted apart, not as an error.
#   * SETs wait while snmpd is stopped and for a second before: a
#     notification that snmpd accepted and then died with is snmpd's
#     loss, which no subagent can see, and would make "lost" a lottery.
#   * Everything else that fails is an error: an SNMP error status, a
#     timeout, an answer that is not what the request must get, a line
#     in the agent's log that none of the above explains.
#   * Notifications expected: the lifecycle changes the SETs read back,
#     plus xenConnectionLost and xenConnectionRestored per outage.  Raised:
#     what the agent's log says it raised (xenNotify debug lines, the
#     outage lines).  Received: what snmptrapd wrote.  lost = expected -
#     received; more received than expected, or the changes of a domain
#     arriving in another order than they were made, are errors.
#
# Targets: RSS flat (end - start <= SOAK_RSS_KIB, 1024), fds flat (end ==
# start), errors 0, lost 0.

: "${abs_srcdir:?abs_srcdir must be set (make soak sets it)}"
# shellcheck source=tests/integration/lib.sh
. "$abs_srcdir/tests/integration/lib.sh"

NODE_IN=${1:?usage: soak.sh NODEFILE}
SOAK_SECONDS=${SOAK_SECONDS:-300}
PERIOD=${SOAK_PERIOD:-30}
DOWN=${SOAK_DOWN:-2}
NSET=${SOAK_SET_DOMAINS:-10}
RSS_FLAT_KIB=${SOAK_RSS_KIB:-1024}
# Seconds between two RSS/fd samples.
SAMPLE_EVERY=3
# Generous bounds for a loaded 2-core machine.
WAIT_LONG=60
READOPTS="-v2c -c public -t 5 -r 1"
GETOPTS="$READOPTS -On -Oq"
SETOPTS="-v2c -c private -t 10 -r 0"

xs_require_tools
[ -f "$NODE_IN" ] || setup_failed "$NODE_IN is missing" "run gennode"
xs_tmpdir
LOOP_PIDS=
soak_cleanup() {
    for p in $LOOP_PIDS; do
        kill -TERM "$p" 2>/dev/null
    done
    xs_cleanup
}
trap soak_cleanup EXIT
OUTAGE=$XS_TMP/outage
LOG=$XS_TMP/xensnmpd.log
ERRORS=$XS_TMP/errors
: >"$ERRORS"

now() { date +%s; }

# --- generations: which fault a request overlapped ---------------------
# A generation file counts the edges of one kind of fault: odd while it
# lasts, even between.  A request that read N before it started
# overlapped the fault when N is odd or the count moved meanwhile.

gen_read() { cat "$XS_TMP/$1.gen"; }

gen_bump() {
    echo $(($(gen_read "$1") + 1)) >"$XS_TMP/$1.gen.new" &&
        mv "$XS_TMP/$1.gen.new" "$XS_TMP/$1.gen"
}

# spans KIND BEFORE: whether a request that read BEFORE overlapped KIND.
spans() {
    [ $(($2 % 2)) -eq 1 ] || [ "$(gen_read "$1")" != "$2" ]
}

# --- errors --------------------------------------------------------------

# error KIND TEXT: records an error (KIND: snmp, timeout, answer or log).
error() {
    echo "$1 $2" >>"$ERRORS"
}

# failure_kind FILE: the kind of a failed request from its client output.
failure_kind() {
    if grep -q '^Timeout' "$1"; then
        echo timeout
    elif grep -q 'Reason: ' "$1"; then
        echo snmp
    else
        echo answer
    fi
}

# summary_line FILE: a client's output on one line, for the error list.
summary_line() {
    tr '\n' ' ' <"$1" | cut -c1-240
}

running() { [ ! -e "$XS_TMP/stop" ]; }

# --- the loads -------------------------------------------------------------

# walk_loop: snmpbulkwalk of the whole MIB until the run ends; a walk is
# right when it holds one xenDomOperState per domain and says nothing on
# stderr.
walk_loop() {
    walks=0
    restart=0
    out=$XS_TMP/walk.out
    while running; do
        r=$(gen_read restart)
        rc=0
        # shellcheck disable=SC2086 # options are words
        snmpbulkwalk $GETOPTS -Cr50 "$XS_AGENT" "$XS_MIB_OID" \
            >"$out" 2>"$out.err" || rc=$?
        walks=$((walks + 1))
        rows=$(awk -v p="$XS_DOM_OID.6." 'index($1, p) == 1' "$out" | wc -l)
        [ "$rc" -eq 0 ] && [ "$rows" -eq "$NDOM" ] && [ ! -s "$out.err" ] &&
            continue
        if spans restart "$r"; then
            restart=$((restart + 1))
        elif [ "$rc" -ne 0 ]; then
            error "$(failure_kind "$out.err")" \
                "walk $walks: $(summary_line "$out.err")"
        else
            error answer "walk $walks: $rows domain rows of $NDOM: $(summary_line "$out.err")"
        fi
    done
    echo "walks $walks walks_restart $restart" >"$XS_TMP/count.walk"
}

# get_loop: GETs of random rows (read from $XS_TMP/picks) until the run
# ends; each answer must hold three values.
get_loop() {
    gets=0
    restart=0
    out=$XS_TMP/get.out
    while running && read -r idx; do
        r=$(gen_read restart)
        rc=0
        # shellcheck disable=SC2086 # options are words
        snmpget $GETOPTS "$XS_AGENT" "$XS_DOM_OID.6.$idx" \
            "$XS_DOM_OID.9.$idx" "$XS_VCPU_OID.2.$idx.0" >"$out" 2>&1 || rc=$?
        gets=$((gets + 1))
        [ "$rc" -eq 0 ] && [ "$(grep -c -v 'No Such' "$out")" -eq 3 ] &&
            continue
        if spans restart "$r"; then
            restart=$((restart + 1))
        elif [ "$rc" -ne 0 ]; then
            error "$(failure_kind "$out")" "GET $idx: $(summary_line "$out")"
        else
            error answer "GET $idx: $(summary_line "$out")"
        fi
    done <"$XS_TMP/picks"
    echo "gets $gets gets_restart $restart" >"$XS_TMP/count.get"
}

# quiesce_point: where the SET loop waits while the main shell restarts
# snmpd ($XS_TMP/quiesce), saying that it waits ($XS_TMP/quiesced).
quiesce_point() {
    [ -e "$XS_TMP/quiesce" ] || return 0
    : >"$XS_TMP/quiesced"
    while [ -e "$XS_TMP/quiesce" ]; do
        sleep 0.2
    done
    rm -f "$XS_TMP/quiesced"
}

# set_one IDX COLUMN TYPE VALUE WANT: one snmpset of COLUMN of row IDX,
# which must succeed (WANT "ok") or fail with error-status WANT.  Sets
# SET_OK when it succeeded.
set_one() {
    quiesce_point
    r=$(gen_read restart)
    o=$(gen_read outage)
    out=$XS_TMP/set.out
    rc=0
    # shellcheck disable=SC2086 # options are words
    snmpset $SETOPTS "$XS_AGENT" "$XS_DOM_OID.$2.$1" "$3" "$4" \
        >"$out" 2>&1 || rc=$?
    sets=$((sets + 1))
    SET_OK=$((rc == 0))
    if [ "$rc" -eq 0 ] && [ "$5" = ok ]; then
        return 0
    elif [ "$rc" -ne 0 ] && grep -q "Reason: $5 " "$out"; then
        sets_refused=$((sets_refused + 1))
    elif [ "$rc" -ne 0 ] && spans restart "$r"; then
        sets_restart=$((sets_restart + 1))
    elif [ "$rc" -ne 0 ] && spans outage "$o" && grep -q 'Reason: ' "$out"; then
        sets_outage=$((sets_outage + 1))
    elif [ "$rc" -ne 0 ]; then
        error "$(failure_kind "$out")" "SET $2.$1 = $4: $(summary_line "$out")"
    else
        error answer "SET $2.$1 = $4 succeeded, $5 expected"
    fi
}

# readback IDX WANT: reads xenDomOperState of row IDX (retrying while
# snmpd restarts); a change from the state last seen is a lifecycle
# notification owed ("IDX TYPE" appended to $XS_TMP/changes); after a
# successful SET the state must be WANT.
readback() {
    k=0
    while :; do
        r=$(gen_read restart)
        # shellcheck disable=SC2086 # options are words
        st=$(snmpget $READOPTS -Oqv "$XS_AGENT" "$XS_DOM_OID.6.$1" 2>&1) &&
            case $st in [0-9]*) break ;; esac
        k=$((k + 1))
        if ! spans restart "$r" || [ $k -ge $WAIT_LONG ]; then
            error "$(echo "$st" | grep -q '^Timeout' && echo timeout || echo answer)" \
                "read-back of $1: $st"
            return 0
        fi
        sleep 1
    done
    last=$(awk -v i="$1" '$1 == i { s = $2 } END { print s }' "$XS_TMP/state")
    if [ "$st" != "$last" ]; then
        # xenDomainPaused (3) into paused (3), xenDomainResumed (4) out of it.
        if [ "$st" -eq 3 ]; then type=3; else type=4; fi
        echo "$1 $type" >>"$XS_TMP/changes"
        echo "$1 $st" >>"$XS_TMP/state"
    fi
    [ "$SET_OK" -eq 0 ] || [ "$st" -eq "$2" ] ||
        error answer "state of $1 is $st after a SET to $2"
}

# set_loop: rounds of SETs over the domains of $XS_TMP/setdoms.
set_loop() {
    sets=0
    sets_refused=0
    sets_restart=0
    sets_outage=0
    round=0
    while running; do
        # vcpus 2 and 4, memory target 256 and 384 MiB, turn about.
        vcpus=$((2 + 2 * (round % 2)))
        mib=$((256 + 128 * (round % 2)))
        while running && read -r idx; do
            set_one "$idx" 7 i 2 ok
            readback "$idx" 3
            set_one "$idx" 13 u "$vcpus" ok
            set_one "$idx" 12 u "$mib" ok
            set_one "$idx" 12 u 1024 inconsistentValue
            set_one "$idx" 7 i 1 ok
            readback "$idx" 1
        done <"$XS_TMP/setdoms"
        round=$((round + 1))
    done
    echo "sets $sets sets_refused $sets_refused sets_restart $sets_restart sets_outage $sets_outage" \
        >"$XS_TMP/count.set"
}

# --- the faults --------------------------------------------------------------

# log_count PATTERN: lines of the agent's log matching PATTERN.
log_count() {
    grep -c -e "$1" "$LOG"
}

# wait_log PATTERN N WHAT: up to WAIT_LONG s for N lines matching PATTERN
# in the agent's log; records an error saying WHAT did not happen.
wait_log() {
    k=0
    while [ "$(log_count "$1")" -lt "$2" ]; do
        k=$((k + 1))
        if [ $k -ge $((WAIT_LONG * 5)) ]; then
            error answer "$3 within $WAIT_LONG s"
            return 1
        fi
        sleep 0.2
    done
}

LOST_LINE='serving the last snapshot$'
BACK_LINE='hypervisor connection restored$'

# outage: a hypervisor outage that lasts until the agent has seen it and
# 2 s more, then ends; waits for the agent to see the end.
outage() {
    gen_bump outage
    n=$(log_count "$BACK_LINE")
    : >"$OUTAGE"
    wait_log "$LOST_LINE" $((n + 1)) "the agent did not see outage $((outages + 1))"
    sleep 2
    rm -f "$OUTAGE"
    wait_log "$BACK_LINE" $((n + 1)) "the agent did not see outage $((outages + 1)) end"
    gen_bump outage
    outages=$((outages + 1))
}

# restart_master [outage]: stops snmpd by its pid and starts it again on
# the same socket DOWN s later (with a whole outage while it is down, when
# asked); the restart lasts until the agent is registered again.
restart_master() {
    : >"$XS_TMP/quiesce"
    k=0
    while [ ! -e "$XS_TMP/quiesced" ] && kill -0 "$SET_PID" 2>/dev/null &&
        [ $k -lt $((WAIT_LONG * 5)) ]; do
        sleep 0.2
        k=$((k + 1))
    done
    # The last SET's notification reaches snmpd before it stops.
    sleep 1
    gen_bump restart
    xs_stop_snmpd
    if [ "${1:-}" = outage ]; then
        outage
        outages_away=$((outages_away + 1))
    fi
    sleep "$DOWN"
    xs_rerun_snmpd
    xs_wait_oid "$XS_NODE_OID.1.0" $WAIT_LONG ||
        error answer "the agent did not register again within $WAIT_LONG s of restart $((restarts + 1))"
    gen_bump restart
    rm -f "$XS_TMP/quiesce"
    restarts=$((restarts + 1))
}

# --- samples -------------------------------------------------------------

status_kib() { awk -v k="$1:" '$1 == k { print $2 }' "/proc/$XS_AGENT_PID/status"; }
fd_count() { find "/proc/$XS_AGENT_PID/fd" -mindepth 1 -maxdepth 1 | wc -l; }

# sample: xensnmpd's RSS and fds now (RSS, FDS), and the maxima so far.
sample() {
    RSS=$(status_kib VmRSS)
    FDS=$(fd_count)
    [ "$RSS" -gt "$RSS_MAX" ] && RSS_MAX=$RSS
    [ "$FDS" -gt "$FDS_MAX" ] && FDS_MAX=$FDS
    echo "$(now) $RSS $FDS" >>"$XS_TMP/samples"
}

# pause_until T: sleeps until the epoch second T, sampling on the way.
pause_until() {
    while [ "$(now)" -lt "$1" ]; do
        sleep 1
        pauses=$((pauses + 1))
        [ $((pauses % SAMPLE_EVERY)) -eq 0 ] && sample
    done
}

# cycle END: one cycle of faults, cut short at END.
cycle() {
    t0=$(now)
    third=$((PERIOD / 3))
    outage
    pause_until "$(min "$((t0 + third))" "$1")"
    [ "$(now)" -lt "$1" ] || return 0
    restart_master
    pause_until "$(min "$((t0 + 2 * third))" "$1")"
    [ "$(now)" -lt "$1" ] || return 0
    restart_master outage
    pause_until "$(min "$((t0 + PERIOD))" "$1")"
}

min() { if [ "$1" -lt "$2" ]; then echo "$1"; else echo "$2"; fi; }

# --- notifications ------------------------------------------------------

# traps: "TYPE IDX" for each xenNotifications notification snmptrapd
# received, in order (IDX empty for those about no domain).
traps() {
    awk -F'|' -v trap="$XS_TRAP_OID = OID: $XS_NOTIF_OID." \
        -v name="$XS_MIB_OID.1.4.1." '
        {
            type = ""; idx = ""
            for (i = 1; i <= NF; i++) {
                if (index($i, trap) == 1)
                    type = substr($i, length(trap) + 1)
                else if (index($i, name) == 1) {
                    idx = substr($i, length(name) + 1); sub(/ .*/, "", idx)
                }
            }
            if (type != "") print type " " idx
        }' "$XS_TMP/traps.log"
}

# expected_count: the notifications owed (lifecycle changes read back
# and two per outage).
expected_count() {
    echo $(($(wc -l <"$XS_TMP/changes") + 2 * outages))
}

# settle: up to WAIT_LONG s for snmptrapd to have what is owed, then 2 s
# for anything more to show.
settle() {
    k=0
    while [ "$(traps | wc -l)" -lt "$(expected_count)" ] &&
        [ $k -lt $((WAIT_LONG * 5)) ]; do
        sleep 0.2
        k=$((k + 1))
    done
    sleep 2
}

# order_mismatches: domains whose lifecycle notifications did not arrive
# as the changes were read back (compared when nothing was lost).
order_mismatches() {
    traps | awk '$1 == 3 || $1 == 4 { print $2 " " $1 }' >"$XS_TMP/got"
    awk 'NR == FNR { want[$1] = want[$1] " " $2; next }
        { got[$1] = got[$1] " " $2 }
        END {
            for (d in want) if (want[d] != got[d]) n++
            for (d in got) if (!(d in want)) n++
            print n + 0
        }' "$XS_TMP/changes" "$XS_TMP/got"
}

# Lines of the agent's log that a soak explains; any other is an error.
EXPLAINED='AgentX subagent connected$
^xensnmpd: version .* started: XEN-SNMP-MIB registered
^xensnmpd: SET [^ ]* = [0-9]*: 
^xensnmpd: SET xenDomMemoryTargetMiB\.[^ ]* = 1024 refused with inconsistentValue: above the domain.s maximum memory$
^xensnmpd: SET [^ ]* = [0-9]* refused with notWritable: no read-write hypervisor connection$
^xensnmpd: cannot read the hypervisor: .* unreachable: .*; serving the last snapshot$
^xensnmpd: cannot open the control connection: .* unreachable: 
^xensnmpd: hypervisor connection restored$
^xensnmpd: lost the master agent at .*; retrying every second$
^xensnmpd: the master agent at .* is back: XEN-SNMP-MIB registered again$
^xensnmpd: sent [0-9]* notifications raised while the master agent was away$
^xenNotify: event 
AgentX master disconnected us, reconnecting in [0-9]*$'

# unexplained_log: the agent's log lines that EXPLAINED does not cover.
unexplained_log() {
    echo "$EXPLAINED" >"$XS_TMP/explained"
    grep -v -f "$XS_TMP/explained" "$LOG"
}

# --- set-up ----------------------------------------------------------------

NODE=$XS_TMP/node.xml
sed "s|^  <memory>[0-9]*</memory>\$|&\\
  <outage file='$OUTAGE'/>|" "$NODE_IN" >"$NODE"
grep -q "<outage file=" "$NODE" ||
    setup_failed "cannot add an <outage> switch to $NODE_IN"
echo 0 >"$XS_TMP/restart.gen"
echo 0 >"$XS_TMP/outage.gen"
: >"$XS_TMP/changes"
: >"$XS_TMP/samples"

xs_start_snmptrapd
xs_start_snmpd
XS_AGENT_WAIT=$WAIT_LONG xs_start_agent "$NODE" --control yes -r 1 -D xenNotify

# Every row's index; the SET domains are running guests (gennode pauses
# guests 1, 11, ... and leaves every fifth shut off).
xs_domains "$XS_TMP/domains"
NDOM=$(wc -l <"$XS_TMP/domains")
[ "$NDOM" -eq "$(grep -c '<domain' "$NODE")" ] ||
    setup_failed "the domain table has $NDOM rows, the node file $(grep -c '<domain' "$NODE") domains"
awk '$2 ~ /^guest[0-9]+$/ {
        i = substr($2, 6) + 0
        if (i % 5 != 0 && i % 10 != 1) print $1
    }' "$XS_TMP/domains" | head -n "$NSET" >"$XS_TMP/setdoms"
[ "$(wc -l <"$XS_TMP/setdoms")" -eq "$NSET" ] ||
    setup_failed "fewer than $NSET running guests in $NODE_IN"
while read -r idx; do
    st=$($SNMPGET -Oqv "$XS_DOM_OID.6.$idx") ||
        setup_failed "cannot read the state of $idx"
    echo "$idx $st"
done <"$XS_TMP/setdoms" >"$XS_TMP/state"
# Random rows among those with a vcpu 0 (running or paused), more than
# any run can use.
$SNMPWALK -On -Oq "$XS_VCPU_OID.2" | awk -v p="$XS_VCPU_OID.2." '
    index($1, p) == 1 && $1 ~ /\.0$/ {
        idx = substr($1, length(p) + 1); sub(/\.0$/, "", idx); print idx
    }' >"$XS_TMP/live"
[ -s "$XS_TMP/live" ] || setup_failed "no vcpu rows"
awk 'NR == FNR { row[n++] = $1; next } END {
        srand(); for (i = 0; i < 1000000; i++) print row[int(rand() * n)]
    }' "$XS_TMP/live" /dev/null >"$XS_TMP/picks"

walk_loop &
LOOP_PIDS=$!
get_loop &
LOOP_PIDS="$LOOP_PIDS $!"
set_loop &
SET_PID=$!
LOOP_PIDS="$LOOP_PIDS $SET_PID"

outages=0
outages_away=0
restarts=0
pauses=0
RSS_MAX=0
FDS_MAX=0

echo "# soak: $NDOM domains (node file $(basename "$NODE_IN")), xensnmpd -r 1, SETs on $NSET domains"
echo "# loads at once: snmpbulkwalk of the whole MIB, GETs of random rows, SETs; faults every $PERIOD s: an outage, an snmpd restart ($DOWN s down), an snmpd restart with an outage while snmpd is down"
echo "# warm-up: one cycle; then $SOAK_SECONDS s; RSS and fds sampled every $SAMPLE_EVERY s"

# --- the run ---------------------------------------------------------------

cycle "$(($(now) + PERIOD))"
sample
RSS0=$RSS
FDS0=$FDS
RSS_MAX=$RSS
FDS_MAX=$FDS
END=$(($(now) + SOAK_SECONDS))
while [ "$(now)" -lt "$END" ]; do
    cycle "$END"
done
: >"$XS_TMP/stop"
for p in $LOOP_PIDS; do
    wait "$p"
done
LOOP_PIDS=
settle
kill -0 "$XS_AGENT_PID" 2>/dev/null || error answer "xensnmpd is gone"
sample

# --- figures -----------------------------------------------------------------

kinds() { grep -c "^$1 " "$ERRORS"; }

# count NAME: a loop's figure.
count() {
    cat "$XS_TMP"/count.* | tr ' ' '\n' | awk -v k="$1" 'p { print; exit } { p = ($0 == k) }'
}

expected=$(expected_count)
changes=$(wc -l <"$XS_TMP/changes")
raised_life=$(log_count '^xenNotify: event ')
raised_conn=$(($(log_count "$LOST_LINE") + $(log_count "$BACK_LINE")))
received=$(traps | wc -l)
lost=$((expected > received ? expected - received : 0))
if [ "$received" -gt "$expected" ]; then
    error answer "$((received - expected)) notifications more than expected"
fi
if [ "$raised_life" -ne "$changes" ]; then
    error answer "the agent raised $raised_life lifecycle notifications for $changes changes"
fi
if [ "$lost" -eq 0 ] && [ "$(order_mismatches)" -ne 0 ]; then
    error answer "$(order_mismatches) domains' notifications arrived out of order"
fi
# A complaint about the hypervisor is logged once per outage, not once
# per request that meets it.
CONTROL_LINE='cannot open the control connection: '
if [ "$(log_count "$CONTROL_LINE")" -gt "$outages" ]; then
    error log "$(log_count "$CONTROL_LINE") lines '$CONTROL_LINE' for $outages outages"
fi
unexplained_log >"$XS_TMP/unexplained"
sed 's/^/log /' "$XS_TMP/unexplained" >>"$ERRORS"
nlog=$(kinds log)

nerr=$(wc -l <"$ERRORS")
rss_grow=$((RSS - RSS0))

echo "xensnmpd RSS at start: $RSS0 KiB"
echo "xensnmpd RSS at end: $RSS KiB"
echo "xensnmpd RSS max: $RSS_MAX KiB"
echo "xensnmpd fds at start: $FDS0"
echo "xensnmpd fds at end: $FDS"
echo "xensnmpd fds max: $FDS_MAX"
echo "walks: $(count walks)"
echo "GETs: $(count gets)"
echo "SETs: $(count sets)"
echo "SETs refused as expected (inconsistentValue): $(count sets_refused)"
echo "SETs refused during an outage (not errors): $(count sets_outage)"
echo "timeouts or incomplete answers during an snmpd restart (not errors): walks $(count walks_restart), GETs $(count gets_restart), SETs $(count sets_restart)"
echo "outages: $outages ($outages_away while snmpd was down)"
echo "snmpd restarts: $restarts"
echo "errors: $nerr (SNMP errors $(kinds snmp), timeouts $(kinds timeout), unexpected answers $(kinds answer), log lines unexplained or repeated $nlog)"
echo "notifications expected: $expected ($changes lifecycle changes read back, $((2 * outages)) for $outages outages)"
echo "notifications raised (agent's log): $((raised_life + raised_conn)) ($raised_life lifecycle, $raised_conn connection)"
echo "notifications received (snmptrapd): $received"
echo "notifications lost: $lost"
head -n 10 "$ERRORS" | sed 's/^/# error: /'
[ "$nerr" -le 10 ] || echo "# ... $((nerr - 10)) more errors"

yes_no() { if [ "$1" -ne 0 ]; then echo yes; else echo no; fi; }
rss_ok=$((rss_grow <= RSS_FLAT_KIB))
fds_ok=$((FDS == FDS0))
printf 'verdict: RSS flat: %s (%+d KiB; flat is at most +%d KiB after the warm-up)\n' \
    "$(yes_no $rss_ok)" "$rss_grow" "$RSS_FLAT_KIB"
printf 'verdict: fds flat: %s (%+d)\n' "$(yes_no $fds_ok)" "$((FDS - FDS0))"
echo "verdict: errors 0: $(yes_no $((nerr == 0)))"
echo "verdict: lost 0: $(yes_no $((lost == 0)))"
[ "$rss_ok" -eq 1 ] && [ "$fds_ok" -eq 1 ] && [ "$nerr" -eq 0 ] && [ "$lost" -eq 0 ]
