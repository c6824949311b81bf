#!/bin/sh
# setoutage.sh: a SET during a hypervisor outage (the node file's <outage>
# switch) answers notWritable whether or not a refresh has seen the
# outage yet, logs the object, row and value as every refused SET does,
# and the failure to reach the hypervisor is logged once per outage, not
# once per SET.

. "$abs_srcdir/tests/integration/lib.sh"

WEB01=.5.119.101.98.48.49

xs_require_tools
xs_tmpdir
LOG=$XS_TMP/xensnmpd.log
NODE=$XS_TMP/node.xml
xs_derive_node "$NODE" "  <outage file='$XS_TMP/outage'/>" ""

# count PATTERN: lines of the agent's log matching PATTERN.
count() {
    grep -c -e "$1" "$LOG"
}

# --- an outage no refresh has seen (one refresh an hour) ----------------
xs_start_snmpd
xs_start_agent "$NODE" --control yes -r 3600
xs_set_ok "setoutage_pause_opens_the_control_connection" \
    "$XS_DOM_OID.7$WEB01" i 2
: >"$XS_TMP/outage"
xs_set_fails "setoutage_unseen_outage_answers_notWritable" notWritable \
    "$XS_DOM_OID.7$WEB01" i 1
check "setoutage_unseen_outage_logs_the_varbind" grep -q \
    'SET xenDomAdminState."web01" = 1 refused with notWritable' "$LOG"
xs_set_fails "setoutage_unseen_outage_next_set_notWritable" notWritable \
    "$XS_DOM_OID.7$WEB01" i 1
is "$(count 'genErr')" 0 "setoutage_unseen_outage_no_genErr"
xs_stop_agent
rm -f "$XS_TMP/outage"

# --- an outage the refresh has seen --------------------------------------
: >"$LOG"
xs_start_agent "$NODE" --control yes -r 0.5
: >"$XS_TMP/outage"
check "setoutage_refresh_sees_outage" xs_wait_value "$XS_NODE_OID.19.0" 2
for i in 1 2 3; do
    xs_set_fails "setoutage_seen_outage_set_${i}_answers_notWritable" \
        notWritable "$XS_DOM_OID.7$WEB01" i 1
done
is "$(count 'cannot open the control connection')" 1 \
    "setoutage_unreachable_logged_once_per_outage"
rm -f "$XS_TMP/outage"
check "setoutage_refresh_sees_end" xs_wait_value "$XS_NODE_OID.19.0" 1
xs_set_ok "setoutage_set_works_after_the_outage" "$XS_DOM_OID.7$WEB01" i 1
: >"$XS_TMP/outage"
check "setoutage_refresh_sees_second_outage" xs_wait_value "$XS_NODE_OID.19.0" 2
xs_set_fails "setoutage_second_outage_answers_notWritable" notWritable \
    "$XS_DOM_OID.7$WEB01" i 2
is "$(count 'cannot open the control connection')" 2 \
    "setoutage_second_outage_logged_again"
rm -f "$XS_TMP/outage"

done_testing
