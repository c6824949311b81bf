# Guests created and destroyed with xl behind the agent's back give their
# lifecycle notifications at once: the agent wakes on the xenstore
# watches (@introduceDomain, @releaseDomain), not only at its refresh
# interval, which is a minute here.
. /xensnmp/dom0-tests/lib.sh

[ "$WITH_XEN" = yes ] || setup_failed "this build has no Xen driver"


xs_require_tools
xs_tmpdir
xs_start_snmptrapd
xs_start_snmpd
xt_start_agent -r 60

# got TYPE NAME: a notification xenNotifications.TYPE about NAME arrived.
got() {
    grep -F "$XS_TRAP_OID = OID: $XS_NOTIF_OID.$1|" "$XS_TMP/traps.log" |
        grep -qF "STRING: \"$2\""
}

# within SECONDS TYPE NAME: prints how long it took (tenths of a second)
# and fails when it did not arrive in time.
within() {
    n=0
    while [ $n -le $(($1 * 10)) ]; do
        if got "$2" "$3"; then
            echo "$n"
            return 0
        fi
        sleep 0.1
        n=$((n + 1))
    done
    echo "$n"
    return 1
}

refreshes() {
    $SNMPGET -Oqv "$XS_NODE_OID.21.0" 2>/dev/null
}

r0=$(refreshes)
xt_guest_create pv1 || setup_failed "xl create pv1 failed"
if t=$(within 2 1 pv1); then
    ok "xenDomainStarted for pv1 (xl create) within 2 s ($t/10 s)"
else
    not_ok "xenDomainStarted for pv1 (xl create) within 2 s" \
        "$(tail -n 3 "$XS_TMP/traps.log")"
fi
check "pv1 is in the domain table with xl list's id" \
    xs_wait_value "$XS_DOM_OID.4$(xt_idx pv1)" "$(xt_field pv1 2)"

xl destroy pv1
if t=$(within 2 2 pv1); then
    ok "xenDomainShutdown for pv1 (xl destroy) within 2 s ($t/10 s)"
else
    not_ok "xenDomainShutdown for pv1 (xl destroy) within 2 s" \
        "$(tail -n 3 "$XS_TMP/traps.log")"
fi
is "$($SNMPGET -Oqv "$XS_DOM_OID.4$(xt_idx pv1)")" -1 \
    "pv1 xenDomId is -1 after xl destroy (a defined row: /etc/xen/pv1.cfg)"
# Woken by the watches, not by a timer: a handful of refreshes, where the
# 60 s interval alone would have given none.
r1=$(refreshes)
check "the changes took a few refreshes ($((r1 - r0)))" \
    [ $((r1 - r0)) -ge 1 -a $((r1 - r0)) -le 20 ]

xt_agent_alive "xensnmpd still running"
xs_stop_agent
is "$XS_AGENT_STATUS" 0 "xensnmpd exits 0 on SIGTERM"
xt_done_testing
