#!/bin/sh
# agentxtcp.sh: xensnmpd joins a master whose AgentX socket is
# tcp:127.0.0.1:PORT (net-snmp's syntax, as --help and xensnmpd.conf(5)
# promise), and the MIB answers through it.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml

xs_require_tools
xs_tmpdir
TCP_PORT=$(xs_free_port t) || setup_failed "no free TCP port"
XS_AGENTX_SOCKET=tcp:127.0.0.1:$TCP_PORT
xs_start_snmpd
xs_start_agent "$NODE"

out=$($SNMPGET -Oqv "$XS_NODE_OID.1.0" 2>&1)
case "$out" in
'' | *'No Such'* | *Timeout*) not_ok agentx_tcp_node_scalar_answers "$out" ;;
*) ok agentx_tcp_node_scalar_answers ;;
esac
n=$($SNMPWALK -On "$XS_DOM_OID.2" 2>/dev/null | wc -l)
check agentx_tcp_domain_table_walks [ "$n" -gt 0 ]
# The session really is TCP: one established connection to the port, and
# no unix socket was made.
check agentx_tcp_connection_established \
    sh -c "ss -Htn state established '( dport = :$TCP_PORT )' | grep -q ."
check agentx_tcp_no_unix_socket [ ! -e "$XS_TMP/agentx.sock" ]
xs_stop_agent
is "$XS_AGENT_STATUS" 0 agentx_tcp_sigterm_exits_0
done_testing
