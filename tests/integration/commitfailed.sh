#!/bin/sh
# commitfailed.sh: a hypervisor that refuses a change no check could
# foresee (the node file's <fault> switch names the call) makes the SET
# answer commitFailed, with the earlier varbinds of the same SET put back
# in reverse order, the failure in the last-action columns and the log;
# through AgentX and through the module snmpd loads (dlmod).

. "$abs_srcdir/tests/integration/lib.sh"

WEB01=.5.119.101.98.48.49

xs_require_tools
xs_tmpdir

NODE=$XS_TMP/node.xml
xs_derive_node "$NODE" "  <fault file='$XS_TMP/fault'/>" ""
grep -q "<fault" "$NODE" || setup_failed "cannot derive the node file"

# check_refusal MODE LOG: one SET of web01's memory target, then its
# admin state (pause), then its vcpus, where the hypervisor refuses the
# vcpus: the first two are undone.
check_refusal() {
    mode=$1
    target=$($SNMPGET -Oqv "$XS_DOM_OID.12$WEB01")
    vcpus=$($SNMPGET -Oqv "$XS_DOM_OID.13$WEB01")
    [ -n "$target" ] && [ -n "$vcpus" ] || setup_failed "cannot read web01"
    printf 'virDomainSetVcpus\n' >"$XS_TMP/fault"
    xs_set_fails "${mode}_refused_change_answers_commitFailed" commitFailed \
        "$XS_DOM_OID.12$WEB01" u 1024 "$XS_DOM_OID.7$WEB01" i 2 \
        "$XS_DOM_OID.13$WEB01" u 3
    is "$($SNMPGET -Oqv "$XS_DOM_OID.12$WEB01")" "$target" \
        "${mode}_earlier_memory_target_undone"
    is "$($SNMPGET -Oqv "$XS_DOM_OID.6$WEB01")" 1 \
        "${mode}_earlier_pause_undone"
    is "$($SNMPGET -Oqv "$XS_DOM_OID.13$WEB01")" "$vcpus" \
        "${mode}_refused_vcpus_unchanged"
    is "$($SNMPGET -Oqv "$XS_DOM_OID.21$WEB01")" 4 \
        "${mode}_last_action_status_failed"
    check "${mode}_last_action_error_says_refused" sh -c \
        "$SNMPGET -Oqv '$XS_DOM_OID.22$WEB01' | grep -q 'refused virDomainSetVcpus'"
    check "${mode}_refusal_logged" grep -q "refused virDomainSetVcpus" "$2"
    rm -f "$XS_TMP/fault"
    xs_set_ok "${mode}_same_set_works_once_the_fault_is_gone" \
        "$XS_DOM_OID.12$WEB01" u 1024 "$XS_DOM_OID.13$WEB01" u 3
    is "$($SNMPGET -Oqv "$XS_DOM_OID.13$WEB01")" 3 "${mode}_vcpus_then_set"
}

xs_start_snmpd
xs_start_agent "$NODE" --control yes -r 0.5
check_refusal agentx "$XS_TMP/xensnmpd.log"
xs_stop_agent
xs_stop_snmpd

printf 'uri test://%s\nrefresh-interval 0.5\ncontrol yes\n' "$NODE" \
    >"$XS_TMP/xensnmpd.conf"
xs_module_env
# $XS_MODULE_ENV is split on purpose: one NAME=VALUE per word.
# shellcheck disable=SC2086
xs_start_snmpd_dlmod "$XS_TMP/xensnmpd.conf" $XS_MODULE_ENV
check "dlmod_answers" xs_wait_oid "$XS_NODE_OID.1.0" 20
check_refusal dlmod "$XS_TMP/snmpd-dlmod.log"

done_testing
