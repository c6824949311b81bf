#!/bin/sh
# setfuzz.sh: random SETs (wrong types, lengths, values, columns and
# rows; at least 10,000 varbinds) never crash xensnmpd and leave the test
# host's rules intact.  The requests are pseudo-random but reproducible:
# the generator of awk (of this awk: mawk and gawk differ) with a fixed
# seed, printed in the output.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml
SEED=20261123
# 400 requests of 25 varbinds, then 150 small ones with the right types
# on writable columns of existing rows, which can get past validation.
NRANDOM=400
NVALID=150
PERREQ=25
DOM0=.8.68.111.109.97.105.110.45.48

xs_require_tools
command -v snmpset >/dev/null 2>&1 ||
    setup_failed "snmpset is missing" "install it: apt-get install snmp"
xs_tmpdir
xs_start_snmpd
xs_start_agent "$NODE" --control yes -r 0.5
echo "# seed $SEED"

# One request a line: the varbinds' snmpset arguments, values quoted for
# the shell.  Indexes are the name's length then its bytes (then the vcpu
# number in the vcpu table).
awk -v seed="$SEED" -v nrandom="$NRANDOM" -v nvalid="$NVALID" \
    -v perreq="$PERREQ" -v dom="$XS_DOM_OID" -v vcpu="$XS_VCPU_OID" '
function pick(list,    a, n) {
    n = split(list, a, " ")
    return a[int(rand() * n) + 1]
}
function rnd(n) { return int(rand() * n) }
function rep(s, n,    r) { r = ""; while (n-- > 0) r = r s; return r }
function hexbytes(n,    r) {
    r = ""
    while (n-- > 0) r = r sprintf("%02X", rnd(256))
    return r
}
# A name that no domain has: random printable bytes, 1 to 97 of them.
function randname(    n, r) {
    n = (rand() < 0.2) ? pick("96 97") : rnd(40) + 1
    r = "." n
    while (n-- > 0) r = r "." (rnd(94) + 33)
    return r
}
function row() {
    if (rand() < 0.7)
        return exist[rnd(nexist) + 1]
    if (rand() < 0.5)
        return randname()
    return missing[rnd(nmissing) + 1]
}
function vcpunum() { return pick("0 0 1 1 2 3 7 63 64 4095 4096 4294967295") }
function value(t) {
    if (t == "i")
        return pick("0 -1 1 2 3 4 5 6 9 2147483647 4294967295 " \
            "-2147483648")
    if (t == "u" || t == "t")
        return pick("0 1 2 3 4 8 64 512 1024 4096 4097 2147483647 4294967295")
    if (t == "s")
        return pick("x web01 0300000000000000") \
            (rand() < 0.3 ? rep("x", pick("0 96 97 600")) : "")
    if (t == "x") {
        if (rand() < 0.3)
            return pick("00 01 03 FF 0300000000000000 FFFFFFFFFFFFFFFF")
        if (rand() < 0.3)
            return rep(pick("00 FF 01"), pick("0 512 513 600"))
        return hexbytes(rnd(64))
    }
    if (t == "a")
        return pick("0.0.0.0 127.0.0.1 255.255.255.255")
    if (t == "o")
        return pick(".0.0 .1.3.6.1 " dom ".7.5.119.101.98.48.49")
    return pick("0 1.2.3 255.255.255.255")
}
function randvb(    t, col) {
    t = pick("i u s x a o t d")
    if (rand() < 0.75) {
        if (rand() < 0.6)
            col = pick("7 11 12 13")
        else
            col = pick("0 1 2 3 4 5 6 8 9 10 14 15 16 17 18 19 20 21 22 23 99")
        return dom "." col row() " " t " \047" value(t) "\047"
    }
    col = (rand() < 0.6) ? 5 : pick("0 1 2 3 4 6 99")
    return vcpu "." col row() "." vcpunum() " " t " \047" value(t) "\047"
}
function validvb(    col, r) {
    r = exist[rnd(nexist) + 1]
    if (rand() < 0.2)
        return vcpu ".5" r "." pick("0 1 2 3") " x \047" \
            pick("0100000000000000 0300000000000000 FF " hexbytes(8)) "\047"
    col = pick("7 11 12 13")
    if (col == 7)
        return dom ".7" r " i \047" pick("1 1 2 2 3 4 5") "\047"
    if (col == 13)
        return dom ".13" r " u \047" pick("1 2 3 4 8 64") "\047"
    return dom "." col r " u \047" \
        pick("1 256 512 1024 2048 4096 8192 65536 4294967295") "\047"
}
BEGIN {
    srand(seed)
    nexist = split(".8.68.111.109.97.105.110.45.48 .5.119.101.98.48.49 " \
        ".4.100.98.48.49 .5.98.117.105.108.100 .5.98.105.103.54.52 " \
        ".10.109.121.32.116.101.115.116.32.118.109 " \
        ".15.99.97.102.195.169.45.195.188.110.195.175.99.111.100.101 " \
        ".32.97.98.99.100.101.102.103.104.105.106.107.108.109.110.111" \
        ".112.113.114.115.116.117.118.119.120.121.122.48.49.50.51.52.53", \
        exist, " ")
    # No such row: another name, an empty one, a length that does not
    # match the bytes, a byte above 255, another case.
    nmissing = split(".5.110.111.110.101.120 .0 .5.119.101.98 " \
        ".3.119.101.98.48.49 .2.300.4 .5.87.69.66.48.49", missing, " ")
    for (i = 0; i < nrandom; i++) {
        line = ""
        for (j = 0; j < perreq; j++)
            line = line " " randvb()
        print perreq line
    }
    for (i = 0; i < nvalid; i++) {
        n = rnd(3) + 1
        line = ""
        for (j = 0; j < n; j++)
            line = line " " validvb()
        print n line
    }
}' >"$XS_TMP/requests" || setup_failed "awk failed"

# Sends every request; counts the varbinds of those snmpd answered.
FUZZSET="snmpset -v2c -c private -r 0 -t 2 $XS_AGENT"
sent=0
answered=0
timeouts=0
unsent=0
START=$(date +%s)
while read -r n args; do
    out=$(eval "$FUZZSET $args" 2>&1)
    case $out in
    *"Error in packet"* | *" = "*)
        sent=$((sent + n))
        answered=$((answered + 1))
        reason=${out#*Reason: }
        [ "$reason" = "$out" ] && reason=noError
        echo "${reason%%[!A-Za-z]*}" >>"$XS_TMP/reasons"
        ;;
    *Timeout*)
        sent=$((sent + n))
        timeouts=$((timeouts + 1))
        printf '%s %s\n' "$n" "$args" >>"$XS_TMP/timeouts"
        ;;
    *)
        unsent=$((unsent + 1))
        printf '%s\n%s\n' "$args" "$out" >>"$XS_TMP/unsent"
        ;;
    esac
done <"$XS_TMP/requests"
echo "# $sent varbinds sent in $answered answered and $timeouts timed out" \
    "requests, $unsent not sent, in $(($(date +%s) - START)) s"

LC_ALL=C sort "$XS_TMP/reasons" | uniq -c | sed 's/^ */# error-status: /'
check "fuzz_sent_at_least_10000_varbinds ($sent)" [ "$sent" -ge 10000 ]
is "$unsent" 0 "fuzz_every_request_parsed_by_snmpset"
if [ "$timeouts" -eq 0 ]; then
    ok "fuzz_every_request_answered"
else
    not_ok "fuzz_every_request_answered" "$timeouts timed out, first:" \
        "$(head -n 1 "$XS_TMP/timeouts" | cut -c 1-400)"
fi
check "fuzz_agent_still_alive" kill -0 "$XS_AGENT_PID"
check "fuzz_agent_still_answers_get" xs_wait_oid "$XS_NODE_OID.1.0" 5

# The host's rules, once the agent's snapshot has caught up.
sleep 1
$SNMPWALK -On -Oq "$XS_MIB_OID.1" >"$XS_TMP/walk.txt" 2>&1
check "fuzz_walk_after_succeeds" grep -q "^$XS_DOM_OID.6$DOM0 " \
    "$XS_TMP/walk.txt"

# rules: one line per broken rule.  OID fields (split on "."): 13 = group,
# 14 = node column, 15 = domain column, 16.. = index.
awk -v node="$XS_NODE_OID" -v dom="$XS_DOM_OID" '
index($1, node ".5.0") == 1 && length($1) == length(node ".5.0") { total = $2 }
index($1, node ".6.0") == 1 && length($1) == length(node ".6.0") { free = $2 }
index($1, dom ".") == 1 {
    rest = substr($1, length(dom) + 2)
    col = substr(rest, 1, index(rest, ".") - 1)
    idx = substr(rest, index(rest, "."))
    v[col, idx] = $2
    rows[idx] = 1
}
END {
    if (total == "" || free == "")
        print "no xenNodeMemory or xenNodeFreeMemory"
    n = 0
    for (r in rows) {
        n++
        if (!(v[9, r] > 0 && v[9, r] <= v[8, r]))
            print r ": memory " v[9, r] " not in (0, max " v[8, r] "]"
        if (!(v[13, r] <= v[14, r]))
            print r ": vcpus " v[13, r] " above max " v[14, r]
        if (v[6, r] != 5)
            used += v[9, r]
    }
    if (n != 8)
        print n " domain rows instead of 8"
    if (free + used != total)
        printf "free %.0f + used %.0f != memory %.0f\n", free, used, total
}' "$XS_TMP/walk.txt" >"$XS_TMP/broken"
if [ -s "$XS_TMP/walk.txt" ] && [ ! -s "$XS_TMP/broken" ]; then
    ok "fuzz_host_rules_hold"
else
    not_ok "fuzz_host_rules_hold" "$(head -n 10 "$XS_TMP/broken")"
fi
is "$($SNMPGET -Oqv "$XS_DOM_OID.6$DOM0")" 1 "fuzz_domain0_still_running"
is "$($SNMPGET -Oqv "$XS_DOM_OID.4$DOM0")" 0 "fuzz_domain0_still_id_0"

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "sigterm_exits_0"
done_testing
