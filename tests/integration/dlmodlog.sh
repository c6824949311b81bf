#!/bin/sh
# dlmodlog.sh: the module loaded into snmpd (dlmod) logs as "xensnmp:",
# never as "xensnmpd:", the daemon it is not; xensnmpd logs as
# "xensnmpd:".  A hypervisor outage (the node file's <outage> switch)
# makes both log the shared refresh code's lines.

. "$abs_srcdir/tests/integration/lib.sh"

xs_require_tools
xs_tmpdir

NODE=$XS_TMP/node.xml
xs_derive_node "$NODE" "  <outage file='$XS_TMP/outage'/>" ""

# outage_cycle LOG: starts and ends an outage, and waits until LOG says
# the connection was lost and restored.
outage_cycle() {
    : >"$XS_TMP/outage"
    xs_wait_value "$XS_NODE_OID.19.0" 2 || return 1
    rm -f "$XS_TMP/outage"
    xs_wait_value "$XS_NODE_OID.19.0" 1 || return 1
    grep -q "connection restored" "$1"
}

xs_module_env
printf 'uri test://%s\nrefresh-interval 0.2\n' "$NODE" >"$XS_TMP/xensnmpd.conf"
# $XS_MODULE_ENV is split on purpose: one NAME=VALUE per word.
# shellcheck disable=SC2086
xs_start_snmpd_dlmod "$XS_TMP/xensnmpd.conf" $XS_MODULE_ENV
check "dlmod_outage_seen" outage_cycle "$XS_TMP/snmpd-dlmod.log"
check "dlmod_lines_say_xensnmp" grep -q "^xensnmp: " "$XS_TMP/snmpd-dlmod.log"
check "dlmod_no_line_says_xensnmpd" sh -c \
    "! grep 'xensnmpd' '$XS_TMP/snmpd-dlmod.log'"
xs_stop_snmpd

xs_start_snmpd
xs_start_agent "$NODE" -r 0.2
check "agent_outage_seen" outage_cycle "$XS_TMP/xensnmpd.log"
check "agent_lines_say_xensnmpd" grep -q "^xensnmpd: .*connection restored" \
    "$XS_TMP/xensnmpd.log"
check "agent_no_line_says_xensnmp_alone" sh -c \
    "! grep '^xensnmp: ' '$XS_TMP/xensnmpd.log'"
xs_stop_agent

done_testing
