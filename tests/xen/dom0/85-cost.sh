# What a refresh costs on real Xen with guests running: a bounded number
# of hypervisor, xenstore and libxl calls, the same every time, and none
# for reading: many snmpwalks within one refresh interval make no
# library call at all.
. /xensnmp/dom0-tests/lib.sh

[ "$WITH_XEN" = yes ] || setup_failed "this build has no Xen driver"

xenrefresh=$abs_builddir/tests/bench/xenrefresh
[ -x "$xenrefresh" ] || setup_failed "$xenrefresh is not in the image"

xt_guests_boot 180 pv1 pv2 || setup_failed "$XT_BOOT_ERROR"

out=$("$xenrefresh" -n 5 --check 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
is "$rc" 0 "xenrefresh --check: refresh cost bounded, steady, nothing for reads"

xs_require_tools
xs_tmpdir
xs_start_snmpd
# An interval far longer than the walks (which take tens of seconds
# under QEMU): only a change could refresh, and none happens.
xt_start_agent -r 3600
# Setting the watches fires each once: let that refresh (and its
# follow-up a second later) pass before counting.
sleep 3
node() {
    $SNMPGET -Oqv "$XS_NODE_OID.$1.0" 2>/dev/null
}
r0=$(node 21)
c0=$(node 22)
i=0
while [ $i -lt 10 ]; do
    walk_err=$($SNMPWALK -Oq "$XS_MIB_OID" 2>&1 >/dev/null) || break
    i=$((i + 1))
done
is "$i" 10 "10 snmpwalks of the whole MIB"
# Why a walk failed (a timeout, an error status ...), and the agent's log.
[ "$i" = 10 ] || printf '%s\n' "walk $((i + 1)): $walk_err" \
    "$(tail -n 5 "$XS_TMP/snmpd.log" 2>&1)" | sed 's/^/# /'
is "$(node 21) $(node 22)" "$r0 $c0" \
    "xenNodeRefreshes and xenNodeLibraryCalls unchanged by 10 walks"

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "xensnmpd exits 0 on SIGTERM"
xt_done_testing
