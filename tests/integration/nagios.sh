#!/bin/sh
# nagios.sh: what a Nagios or Icinga user checks, through the real
# check_snmp of monitoring-plugins: a domain's state by name (OK while
# running, CRITICAL once paused through snmpset), the host's free memory
# against thresholds (CounterBasedGauge64 travels as Counter64), and the
# same state check written with MIB names.  Asserts both the exit status
# (0 OK, 1 WARNING, 2 CRITICAL) and the text the plugin prints.  The
# README's "Nagios / Icinga" commands are these, in a user's form.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml
CHECK_SNMP=${CHECK_SNMP:-/usr/lib/nagios/plugins/check_snmp}
MIBFILE=$abs_srcdir/mib/XEN-SNMP-MIB.txt
# "web01" as a (non-IMPLIED) string index: its length, then its bytes.
WEB01=.5.119.101.98.48.49
# node.xml: 5368709120 KiB of memory, minus the current memory of the
# active domains (Domain-0 8388608, web01 2097152, db01 16777216 (paused
# domains hold their memory), big64 4398046511, "my test vm" 1048576,
# café-ünïcode 1048576, abcdef...012345 524288); build is shut off.
NODE_MEMORY=5368709120
FREE_MEMORY=940778193

# With MIB names (-m), the MIB is loaded by file name, so that an
# installed copy never shadows the one under test; the IETF modules it
# imports come from the system, or else from the stand-ins in tests/mibs
# (a leading '-' puts them before the default directories, and net-snmp
# keeps the module it finds last).  Numeric checks load no MIB.
MIBDIRS=-$abs_srcdir/tests/mibs
export MIBDIRS

xs_require_tools
[ -x "$CHECK_SNMP" ] || setup_failed "check_snmp is missing ($CHECK_SNMP)" \
    "install it: apt-get install monitoring-plugins-standard"
xs_tmpdir
xs_start_snmpd
xs_start_agent "$NODE" --control yes -r 0.5

# nagios DESCRIPTION STATUS PATTERN CHECK_SNMP-ARGS...: runs check_snmp
# on the private snmpd and asserts its exit status and that its output
# matches the shell PATTERN (two TAP lines).
nagios() {
    desc=$1
    want=$2
    pattern=$3
    shift 3
    out=$("$CHECK_SNMP" -H 127.0.0.1 -p "$XS_PORT" -P 2c -C public \
        -t 3 -e 1 "$@" 2>&1)
    status=$?
    is "$status" "$want" "${desc}_exits_$want"
    # shellcheck disable=SC2254 # PATTERN is a glob on purpose.
    case $out in
    $pattern) ok "${desc}_output" ;;
    *) not_ok "${desc}_output" "got:      '$out'" "expected: '$pattern'" ;;
    esac
}

# set_state VALUE: xenDomAdminState."web01" = VALUE through snmpset.
set_state() {
    $SNMPSET "$XS_DOM_OID.7$WEB01" i "$1" >/dev/null 2>&1
}

STATE_OID=$XS_DOM_OID.6$WEB01
FREE_OID=$XS_NODE_OID.6.0
MEMORY_OID=$XS_NODE_OID.5.0

# 1. A domain's state by name: -c 1:1 is CRITICAL outside running(1).
nagios "check_snmp_operState_running_ok" 0 'SNMP OK - 1 |*' \
    -o "$STATE_OID" -c 1:1
check "snmpset_adminState_paused" set_state 2
check "operState_shows_paused" xs_wait_value "$STATE_OID" 3
nagios "check_snmp_operState_paused_critical" 2 'SNMP CRITICAL - \*3\* |*' \
    -o "$STATE_OID" -c 1:1

# 3. The same check with MIB names, while paused (snmpget prints the
# label, "paused(3)"; check_snmp must still find the number) and once
# running again.
label="'XEN-SNMP-MIB::xenDomOperState.\"web01\"'"
nagios "check_snmp_mib_names_paused_critical" 2 \
    "SNMP CRITICAL - \\*3\\* | $label=3;;1:1*" \
    -m "$MIBFILE" -o 'XEN-SNMP-MIB::xenDomOperState."web01"' -c 1:1

check "snmpset_adminState_running" set_state 1
check "operState_shows_running" xs_wait_value "$STATE_OID" 1
nagios "check_snmp_mib_names_running_ok" 0 'SNMP OK - 1 |*' \
    -m "$MIBFILE" -o 'XEN-SNMP-MIB::xenDomOperState."web01"' -c 1:1
nagios "check_snmp_operState_resumed_ok" 0 'SNMP OK - 1 |*' \
    -o "$STATE_OID" -c 1:1

# 2. Free memory (KiB) against thresholds: "N:" alerts below N.
free=$($SNMPGET -Oqv "$FREE_OID")
is "$free" "$FREE_MEMORY" "freeMemory_equals_node_file"
nagios "check_snmp_freeMemory_generous_ok" 0 "SNMP OK - $FREE_MEMORY |*" \
    -o "$FREE_OID" -w 500000000: -c 100000000:
nagios "check_snmp_freeMemory_below_warning_warning" 1 \
    "SNMP WARNING - \\*$FREE_MEMORY\\* |*" -o "$FREE_OID" -w 1000000000:
label=XEN-SNMP-MIB::xenNodeFreeMemory.0
nagios "check_snmp_mib_names_freeMemory_between_thresholds_warning" 1 \
    "SNMP WARNING - \\*$FREE_MEMORY\\* | $label=$FREE_MEMORY*" \
    -m "$MIBFILE" -o XEN-SNMP-MIB::xenNodeFreeMemory.0 \
    -w 1000000000: -c 100000000:
nagios "check_snmp_freeMemory_below_critical_critical" 2 \
    "SNMP CRITICAL - \\*$FREE_MEMORY\\* |*" \
    -o "$FREE_OID" -w 2000000000: -c 1000000000:

# Above 2^32: total memory must not be truncated to 32 bits.
is "$($SNMPGET -Oqv "$MEMORY_OID")" "$NODE_MEMORY" "memory_equals_node_file"
nagios "check_snmp_memory_above_2p32_ok" 0 "SNMP OK - $NODE_MEMORY |*" \
    -o "$MEMORY_OID" -c 5000000000:
nagios "check_snmp_memory_above_2p32_critical" 2 \
    "SNMP CRITICAL - \\*$NODE_MEMORY\\* |*" -o "$MEMORY_OID" -c 6000000000:

done_testing
