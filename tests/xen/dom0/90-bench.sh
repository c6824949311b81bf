# Figures, not a timed test: refresh time and calls per refresh of
# xen:/// with the PV test guests running (tests/bench/xenrefresh), and
# how long walks of the agent take in dom0.
. /xensnmp/dom0-tests/lib.sh

[ "$WITH_XEN" = yes ] || setup_failed "this build has no Xen driver"

xenrefresh=$abs_builddir/tests/bench/xenrefresh
[ -x "$xenrefresh" ] || setup_failed "$xenrefresh is not in the image"

xt_guests_boot 120 pv1 pv2 || echo "# $XT_BOOT_ERROR"
echo "# xl list:"
xl list | sed 's/^/#   /'

out=$("$xenrefresh" -n 10 2>&1)
rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
is "$rc" 0 "xenrefresh -n 10 ran"

xs_require_tools
xs_tmpdir
xs_start_snmpd
xt_start_agent -r 1
ms() {
    awk '{ print int($1 * 1000) }' /proc/uptime
}
t0=$(ms)
lines=$($SNMPWALK -Oq "$XS_MIB_OID" 2>/dev/null | wc -l)
t1=$(ms)
echo "# snmpwalk of the MIB: $lines objects in $((t1 - t0)) ms"
t0=$(ms)
i=0
while [ $i -lt 10 ]; do
    $SNMPGET -Oqv "$XS_NODE_OID.14.0" >/dev/null 2>&1
    i=$((i + 1))
done
t1=$(ms)
echo "# snmpget xenNodeActiveDomains: $(((t1 - t0) / 10)) ms each"
echo "# agent health: refresh duration $($SNMPGET -Oqv "$XS_NODE_OID.18.0") (xenNodeRefreshDuration), $($SNMPGET -Oqv "$XS_NODE_OID.21.0") refreshes, $($SNMPGET -Oqv "$XS_NODE_OID.22.0") library calls"
check "snmpwalk of the MIB answered" [ "$lines" -gt 0 ]
xs_stop_agent
done_testing
