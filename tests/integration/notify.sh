#!/bin/sh
# notify.sh: lifecycle notifications reach a trap receiver once each, in
# order, for 200 control SETs, a destroy and a start.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml
WEB01=.5.119.101.98.48.49

xs_require_tools
xs_tmpdir
xs_start_snmptrapd
xs_start_snmpd
xs_start_agent "$NODE" --control yes -r 0.5

UUID=$($SNMPGET -Oqv "$XS_DOM_OID.3$WEB01" | tr -d '"')

# Lifecycle notifications (xenNotifications 1..7) seen so far, one line
# each: "NAME|UUID|PREV|NEW|TYPE", TYPE the last sub-identifier.
lifecycle() {
    grep -F "$XS_TRAP_OID = OID: $XS_NOTIF_OID." "$XS_TMP/traps.log" |
        awk -F'|' -v notif="$XS_NOTIF_OID." '{
            type = ""; name = ""; uuid = ""; prev = ""; cur = ""
            for (i = 1; i <= NF; i++) {
                split($i, kv, " = ")
                val = $i; sub(/^[^=]*= [A-Za-z0-9 -]*: /, "", val)
                if (kv[1] ~ /\.1\.3\.6\.1\.6\.3\.1\.1\.4\.1\.0$/) {
                    type = val; sub(/.*\./, "", type)
                } else if (kv[1] ~ /\.42\.1\.4\.1\./) {
                    name = kv[1] "|" val
                } else if (kv[1] ~ /\.42\.1\.2\.1\.3\./) {
                    uuid = val
                } else if (kv[1] ~ /\.42\.1\.4\.2\./) {
                    prev = val
                } else if (kv[1] ~ /\.42\.1\.2\.1\.6\./) {
                    cur = val
                }
            }
            gsub(/"/, "", name); gsub(/"/, "", uuid)
            if (type >= 1 && type <= 7)
                print name "|" uuid "|" prev "|" cur "|" type
        }'
}

# wait_count N: up to 20 s for N lifecycle notifications.
wait_count() {
    n=0
    while [ $n -lt 200 ]; do
        [ "$(lifecycle | wc -l)" -ge "$1" ] && return 0
        sleep 0.1
        n=$((n + 1))
    done
    return 1
}

# 100 x suspend then resume, each its own snmpset.
# set_state VALUE: xenDomAdminState."web01"; a failure's output goes to
# $XS_TMP/set-errors.
# Sent once (-r 0), with time to spare: a retransmission of a SET that was
# slow to answer on a busy machine would be a second request, whose
# outcome no longer says what the first did.
set_state() {
    snmpset -v2c -c private -t 10 -r 0 "$XS_AGENT" "$XS_DOM_OID.7$WEB01" \
        i "$1" >"$XS_TMP/set.out" 2>&1 ||
        { cat "$XS_TMP/set.out" >>"$XS_TMP/set-errors"; return 1; }
}
failed=0
i=0
while [ $i -lt 100 ]; do
    set_state 2 || failed=$((failed + 1))
    set_state 1 || failed=$((failed + 1))
    i=$((i + 1))
done
is "$failed" 0 "notify_200_sets_all_succeed"
[ -s "$XS_TMP/set-errors" ] && sed 's/^/# /' "$XS_TMP/set-errors" | head -n 5

wait_count 200
sleep 1.5 # a refresh or two: nothing may be reported twice
lifecycle >"$XS_TMP/got"
is "$(wc -l <"$XS_TMP/got" | tr -d ' ')" 200 "notify_200_sets_give_200_notifications"

# Expected, in order: paused (3, running -> paused) and resumed (4,
# paused -> running), each with the name instance, name and UUID text.
NAMEOID=.1.3.6.1.4.1.8072.9999.9999.42.1.4.1$WEB01
awk -v n="$NAMEOID" -v u="$UUID" 'BEGIN {
    for (i = 0; i < 100; i++) {
        print n "|web01|" u "|1|3|3"
        print n "|web01|" u "|3|1|4"
    }
}' >"$XS_TMP/want"
if cmp -s "$XS_TMP/got" "$XS_TMP/want"; then
    ok "notify_200_sets_in_order_with_name_uuid_states"
else
    not_ok "notify_200_sets_in_order_with_name_uuid_states" \
        "$(diff "$XS_TMP/want" "$XS_TMP/got" | head -n 10)"
fi

# Destroy, then start.
$SNMPSET "$XS_DOM_OID.7$WEB01" i 5 >/dev/null 2>&1
check "notify_destroy_arrives" wait_count 201
is "$(lifecycle | sed -n 201p | cut -d'|' -f3-6)" "$UUID|1|5|2" \
    "notify_destroy_gives_shutdown_running_to_shutoff"
$SNMPSET "$XS_DOM_OID.7$WEB01" i 1 >/dev/null 2>&1
check "notify_start_arrives" wait_count 202
is "$(lifecycle | sed -n 202p | cut -d'|' -f3-6)" "$UUID|5|1|1" \
    "notify_start_gives_started_shutoff_to_running"
sleep 1.5
is "$(lifecycle | wc -l | tr -d ' ')" 202 "notify_nothing_reported_twice"

done_testing
