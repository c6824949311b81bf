# Loopback is up in dom0 and a private snmpd answers on 127.0.0.1; the
# project's xensnmpd registers with it over AgentX.
. /xensnmp/dom0-tests/lib.sh

check "lo is up" sh -c 'ip link show lo | grep -q "state UNKNOWN\|,UP"'
check "lo has 127.0.0.1" sh -c 'ip addr show lo | grep -q "inet 127.0.0.1/8"'

xs_require_tools
xs_tmpdir
xs_start_snmpd
descr=$($SNMPGET -Oqv .1.3.6.1.2.1.1.1.0 2>&1)
case $descr in
*Linux*dom0*) ok "snmpget 127.0.0.1 sysDescr.0 names dom0 ($descr)" ;;
*) not_ok "snmpget 127.0.0.1 sysDescr.0 names dom0" "$descr" ;;
esac

# The agent itself on the test driver: it starts and answers in dom0.
xs_start_agent "$abs_srcdir/tests/integration/data/node.xml"
ok "xensnmpd registers with snmpd over AgentX in dom0"
type=$($SNMPGET -Oqv "$XS_NODE_OID.1.0" 2>&1)
is "$type" '"Xen"' "snmpget xenNodeHypervisorType.0 through snmpd"
done_testing
