# xenstored stops and starts again under a running xensnmpd: the agent
# reports the backend down (xenNodeConnectionState, xenConnectionLost),
# keeps answering, and recovers by itself (xenConnectionRestored, the
# tables follow xl again) without a restart.
#
# It runs last, and the scripts run after it in the same boot get no
# guest disk or interface: dom0's kernel set its xenbus watches (among
# them the one on backend/, by which blkback and netback learn of a new
# guest's devices) with the xenstored this script kills, and Linux sets
# them again only at boot or resume.  The new xenstored has none of them,
# so a device's backend stays in state 1 and "xl create" fails ("unable
# to add disk devices"; no hotplug script runs).  Guests without devices
# still start.  $XT_XENSTORED_RESTARTED says so to the scripts after it.
. /xensnmp/dom0-tests/lib.sh

[ "$WITH_XEN" = yes ] || setup_failed "this build has no Xen driver"

STATE=$XS_NODE_OID.19.0

xs_require_tools
xs_tmpdir
xs_start_snmptrapd
xs_start_snmpd
xt_start_agent -r 1

# notified TYPE: a notification xenNotifications.TYPE arrived.
notified() {
    grep -qF "$XS_TRAP_OID = OID: $XS_NOTIF_OID.$1|" "$XS_TMP/traps.log"
}

agent_shows() {
    [ "$($SNMPGET -Oqv "$1" 2>/dev/null)" = "$2" ]
}

xenstored_running() {
    [ -f /run/xenstored.pid ] && kill -0 "$(cat /run/xenstored.pid)" 2>/dev/null
}

is "$($SNMPGET -Oqv "$STATE")" 1 "xenNodeConnectionState up at start"
memory=$($SNMPGET -Oqv "$XS_NODE_OID.5.0")

xenstored_running || setup_failed "xenstored is not running"
pid=$(cat /run/xenstored.pid)
echo "99-xenstored killed xenstored $pid: dom0's kernel has lost its xenbus watches until dom0 reboots" \
    >"$XT_XENSTORED_RESTARTED"
kill -TERM "$pid"
check "xenstored stopped" xt_wait 10 sh -c "! kill -0 $pid 2>/dev/null"

check "xenNodeConnectionState goes down" xt_wait 15 agent_shows "$STATE" 2
check "xenConnectionLost notification" xt_wait 10 notified 9
descr=$($SNMPGET -Oqv .1.3.6.1.2.1.1.1.0 2>&1)
case $descr in
*Linux*) ok "sysDescr.0 still answers" ;;
*) not_ok "sysDescr.0 still answers" "$descr" ;;
esac
is "$($SNMPGET -Oqv "$XS_NODE_OID.5.0" 2>&1)" "$memory" \
    "xenNodeMemory still answers (the last snapshot)"
check "xenNodeFailedCalls counts the failures" \
    [ "$($SNMPGET -Oqv "$XS_NODE_OID.20.0")" -gt 0 ]
xt_agent_alive "xensnmpd still running with xenstored down"

# Back as dom0-init started it; xen-init-dom0 writes Domain-0's entries
# into the new, empty store.
xenstored --pid-file /run/xenstored.pid ||
    setup_failed "xenstored did not start again"
xen-init-dom0 >"$XS_TMP/init-dom0.out" 2>&1 ||
    not_ok "xen-init-dom0 after the restart" "$(cat "$XS_TMP/init-dom0.out")"
# xenconsoled's xenstore connection died with xenstored: it is started
# again, as dom0-init started it, or no guest console (and no guest
# create) works in this script and the ones after it.
if [ -f /run/xenconsoled.pid ]; then
    kill -TERM "$(cat /run/xenconsoled.pid)" 2>/dev/null
    xt_wait 10 sh -c "! kill -0 $(cat /run/xenconsoled.pid) 2>/dev/null"
fi
rm -f /run/xenconsoled.pid
xenconsoled --pid-file=/run/xenconsoled.pid --log=guest \
    --log-dir=/var/log/xen/console ||
    not_ok "xenconsoled after the restart"

check "xenNodeConnectionState up again" xt_wait 20 agent_shows "$STATE" 1
check "xenConnectionRestored notification" xt_wait 10 notified 10
check "the domain table answers again: Domain-0 has id 0" \
    xt_wait 10 agent_shows "$XS_DOM_OID.4$(xt_idx Domain-0)" 0

# The watches are back too: a guest xl creates shows up at once.
xt_guest_create pv1 || setup_failed "xl create pv1 failed after the restart"
check "pv1 (xl create after the restart) is in the table with xl's id" \
    xt_wait 5 agent_shows "$XS_DOM_OID.4$(xt_idx pv1)" "$(xt_field pv1 2)"
check "xenDomainStarted for pv1" xt_wait 5 sh -c \
    "grep -F '$XS_TRAP_OID = OID: $XS_NOTIF_OID.1|' '$XS_TMP/traps.log' | grep -qF 'STRING: \"pv1\"'"

xt_agent_alive "xensnmpd still running"
check "xensnmpd logged the outage" grep -q "xenstored" "$XS_TMP/xensnmpd.log"
xs_stop_agent
is "$XS_AGENT_STATUS" 0 "xensnmpd exits 0 on SIGTERM"
xt_done_testing
