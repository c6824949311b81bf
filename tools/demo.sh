#!/bin/sh
# demo.sh: "make demo".  Starts a private snmpd on a loopback port and
# xensnmpd on the built-in demo host (test:///default) with control
# enabled, shows the domain and vcpu tables as snmptable prints them,
# pauses a guest with snmpset, and stays up until Ctrl-C so that you can
# try your own commands; then stops everything it started.
#
# DEMO_PORT=N ("make demo DEMO_PORT=1161") puts snmpd on that UDP port of
# 127.0.0.1 instead of a free one.  XENSNMP_DEMO_SECONDS=N stops it after
# N seconds instead of at Ctrl-C (for tests).  It uses the integration
# tests' harness (tests/integration/lib.sh).

. "$abs_srcdir/tests/integration/lib.sh"

if [ -n "${DEMO_PORT:-}" ]; then
    case $DEMO_PORT in
    *[!0-9]* | 0*) setup_failed "DEMO_PORT=$DEMO_PORT is not a port number" ;;
    esac
    [ "$DEMO_PORT" -le 65535 ] ||
        setup_failed "DEMO_PORT=$DEMO_PORT is not a port number"
    ss -Hlun "sport = :$DEMO_PORT" 2>/dev/null | grep -q . &&
        setup_failed "UDP port $DEMO_PORT is in use" "choose another DEMO_PORT"
    # The harness asks this for its port.
    xs_free_port() { echo "$DEMO_PORT"; }
fi

xs_require_tools
xs_tmpdir
# Ctrl-C is how the demo ends: a clean stop, not an error (the EXIT trap
# stops snmpd and xensnmpd and removes the temporary files).
trap 'echo; echo "=== stopped"; exit 0' INT
xs_start_snmpd
xs_start_agent /default --control yes

# Names from the MIB: the system's base MIBs first, the offline stand-ins
# of tests/mibs only where the system has none.
MIBOPTS="-M -$abs_srcdir/tests/mibs -m $abs_srcdir/mib/XEN-SNMP-MIB.txt"
SHOW="snmptable -v2c -c public $MIBOPTS -Ci -Cb -Cw 120 127.0.0.1:$XS_PORT"
GET="snmpget -v2c -c public $MIBOPTS 127.0.0.1:$XS_PORT"
SET="snmpset -v2c -c private $MIBOPTS 127.0.0.1:$XS_PORT"

cat <<EOT
=== xensnmpd on test:///default, behind a private snmpd
    snmpd:    udp:127.0.0.1:$XS_PORT (communities: public read, private write)
    AgentX:   $XS_TMP/agentx.sock
    logs:     $XS_TMP/snmpd.log, $XS_TMP/xensnmpd.log

EOT
echo "\$ snmptable ... XEN-SNMP-MIB::xenDomainTable"
$SHOW XEN-SNMP-MIB::xenDomainTable
echo
echo "\$ snmptable ... XEN-SNMP-MIB::xenVcpuTable"
$SHOW XEN-SNMP-MIB::xenVcpuTable
echo
echo "=== pausing web01 with snmpset"
echo "\$ snmpget ... 'XEN-SNMP-MIB::xenDomOperState.\"web01\"'"
$GET 'XEN-SNMP-MIB::xenDomOperState."web01"'
echo "\$ snmpset ... 'XEN-SNMP-MIB::xenDomAdminState.\"web01\"' i paused"
$SET 'XEN-SNMP-MIB::xenDomAdminState."web01"' i paused
echo "\$ snmpget ... 'XEN-SNMP-MIB::xenDomOperState.\"web01\"' (after)"
$GET 'XEN-SNMP-MIB::xenDomOperState."web01"' \
    'XEN-SNMP-MIB::xenDomLastAction."web01"' \
    'XEN-SNMP-MIB::xenDomLastActionStatus."web01"'

cat <<EOT

=== try your own, e.g.
    snmpwalk -v2c -c public $MIBOPTS 127.0.0.1:$XS_PORT XEN-SNMP-MIB::xenNode
    snmpset -v2c -c private $MIBOPTS 127.0.0.1:$XS_PORT 'XEN-SNMP-MIB::xenDomAdminState."web01"' i running
EOT

if [ -n "${XENSNMP_DEMO_SECONDS:-}" ]; then
    sleep "$XENSNMP_DEMO_SECONDS"
    echo "=== stopping after $XENSNMP_DEMO_SECONDS s"
    exit 0
fi
echo "=== running; Ctrl-C stops snmpd and xensnmpd"
while kill -0 "$XS_AGENT_PID" 2>/dev/null; do
    sleep 1
done
echo "xensnmpd stopped by itself: see $XS_TMP/xensnmpd.log" >&2
XS_KEEP_TMP=1
exit 1
