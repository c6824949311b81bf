#!/bin/sh
# snmpv3.sh: SETs through an SNMPv3 authPriv user (SHA/AES) reach
# xensnmpd; the same user without privacy, or with a wrong passphrase,
# is refused by snmpd and changes nothing.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml
WEB01=.5.119.101.98.48.49

XS_V3_USER=xsadmin
XS_V3_AUTH=xs-auth-passphrase
XS_V3_PRIV=xs-priv-passphrase

xs_require_tools
command -v snmpset >/dev/null 2>&1 ||
    setup_failed "snmpset is missing" "install it: apt-get install snmp"
xs_tmpdir
xs_start_snmpd
xs_start_agent "$NODE" --control yes -r 0.5

V3="-v3 -u $XS_V3_USER -a SHA -A $XS_V3_AUTH -t 3 -r 1"
V3SET="snmpset $V3 -l authPriv -x AES -X $XS_V3_PRIV $XS_AGENT"
V3GET="snmpget $V3 -l authPriv -x AES -X $XS_V3_PRIV $XS_AGENT"
V3SET_NOPRIV="snmpset $V3 -l authNoPriv $XS_AGENT"
V3SET_BADAUTH="snmpset -v3 -u $XS_V3_USER -a SHA -A wrong-passphrase -t 3 -r 0
    -l authPriv -x AES -X $XS_V3_PRIV $XS_AGENT"
# snmpd cannot decrypt this one: it drops it, and the client times out.
V3SET_BADPRIV="snmpset -v3 -u $XS_V3_USER -a SHA -A $XS_V3_AUTH -t 1 -r 0
    -l authPriv -x AES -X wrong-passphrase $XS_AGENT"

# set_ok DESCRIPTION SNMPSET-ARGS...: through the authPriv user.
set_ok() {
    desc=$1
    shift
    xs_succeeds "$desc" $V3SET "$@"
}

is "$($V3GET -Oqv "$XS_DOM_OID.6$WEB01" 2>&1)" 1 "v3_authPriv_get_reads_running"

set_ok "v3_authPriv_set_adminState_paused" "$XS_DOM_OID.7$WEB01" i 2
check "v3_authPriv_suspend_shows_paused" xs_wait_value "$XS_DOM_OID.6$WEB01" 3
set_ok "v3_authPriv_set_adminState_running" "$XS_DOM_OID.7$WEB01" i 1
check "v3_authPriv_resume_shows_running" xs_wait_value "$XS_DOM_OID.6$WEB01" 1
set_ok "v3_authPriv_set_vcpus_3" "$XS_DOM_OID.13$WEB01" u 3
check "v3_authPriv_vcpus_shows_3" xs_wait_value "$XS_DOM_OID.13$WEB01" 3

# Refusals: snmpd answers without asking xensnmpd, and nothing moves.
sets_before=$(grep -c ' SET ' "$XS_TMP/xensnmpd.log")
xs_refused "v3_authNoPriv_set_refused_authorizationError" authorizationError \
    $V3SET_NOPRIV "$XS_DOM_OID.7$WEB01" i 2
xs_refused "v3_wrong_auth_passphrase_set_refused" "Authentication failure" \
    $V3SET_BADAUTH "$XS_DOM_OID.7$WEB01" i 2
xs_refused "v3_wrong_priv_passphrase_set_refused" Timeout \
    $V3SET_BADPRIV "$XS_DOM_OID.13$WEB01" u 1
check "v3_wrong_priv_passphrase_dropped_by_snmpd" \
    grep -q 'error parsing ScopedPDU' "$XS_TMP/snmpd.log"
sleep 1
is "$($SNMPGET -Oqv "$XS_DOM_OID.6$WEB01")" 1 "v3_refused_sets_state_unchanged"
is "$($SNMPGET -Oqv "$XS_DOM_OID.13$WEB01")" 3 "v3_refused_sets_vcpus_unchanged"
is "$(grep -c ' SET ' "$XS_TMP/xensnmpd.log")" "$sets_before" \
    "v3_refused_sets_never_reach_the_agent"

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "sigterm_exits_0"
done_testing
