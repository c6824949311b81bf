#!/bin/sh
# control.sh: SETs with "control yes": lifecycle, memory, vcpus and
# pinning through snmpset, and the error-status of each refused case.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml
WEB01=.5.119.101.98.48.49
BUILD=.5.98.117.105.108.100
DOM0=.8.68.111.109.97.105.110.45.48
NONE=.5.110.111.110.101.120

xs_require_tools
xs_tmpdir
xs_start_snmpd
xs_start_agent "$NODE" --control yes -r 0.5

is "$($SNMPGET -Oqv "$XS_NODE_OID.23.0")" 1 "xenNodeControlEnabled_true"

xs_set_ok "set_adminState_paused_suspends" "$XS_DOM_OID.7$WEB01" i 2
check "set_adminState_paused_shows_paused" xs_wait_value "$XS_DOM_OID.6$WEB01" 3
xs_set_ok "set_adminState_paused_again_is_noop" "$XS_DOM_OID.7$WEB01" i 2
xs_set_ok "set_adminState_running_resumes" "$XS_DOM_OID.7$WEB01" i 1
check "set_adminState_running_shows_running" \
    xs_wait_value "$XS_DOM_OID.6$WEB01" 1

xs_set_fails "set_adminState_out_of_range_wrongValue" wrongValue \
    "$XS_DOM_OID.7$WEB01" i 9
xs_set_fails "set_adminState_wrong_type_wrongType" wrongType \
    "$XS_DOM_OID.7$WEB01" u 2
xs_set_fails "set_adminState_suspend_domain0_inconsistentValue" \
    inconsistentValue "$XS_DOM_OID.7$DOM0" i 2
xs_set_fails "set_adminState_suspend_shutoff_inconsistentValue" \
    inconsistentValue "$XS_DOM_OID.7$BUILD" i 2
xs_set_fails "set_missing_row_noCreation" noCreation "$XS_DOM_OID.7$NONE" i 1
xs_set_fails "set_readonly_column_notWritable" notWritable \
    "$XS_DOM_OID.4$WEB01" i 1
xs_set_fails "set_memoryTarget_above_max_inconsistentValue" inconsistentValue \
    "$XS_DOM_OID.12$WEB01" u 8192
xs_set_fails "set_vcpus_above_max_inconsistentValue" inconsistentValue \
    "$XS_DOM_OID.13$WEB01" u 5
xs_set_fails "set_vcpus_zero_wrongValue" wrongValue "$XS_DOM_OID.13$WEB01" u 0

# A multi-varbind SET is checked whole: nothing changes.
xs_set_fails "set_two_varbinds_one_bad_refused" inconsistentValue \
    "$XS_DOM_OID.7$WEB01" i 2 "$XS_DOM_OID.7$DOM0" i 2
sleep 1
is "$($SNMPGET -Oqv "$XS_DOM_OID.6$WEB01")" 1 \
    "set_two_varbinds_one_bad_changes_nothing"

xs_set_ok "set_memoryTarget_1024" "$XS_DOM_OID.12$WEB01" u 1024
check "set_memoryTarget_shows_1048576_kib" \
    xs_wait_value "$XS_DOM_OID.9$WEB01" 1048576
xs_set_ok "set_vcpus_3" "$XS_DOM_OID.13$WEB01" u 3
check "set_vcpus_shows_3" xs_wait_value "$XS_DOM_OID.13$WEB01" 3

xs_set_ok "set_affinity_pins" "$XS_VCPU_OID.5$WEB01.0" x 0300000000000000
check "set_affinity_reads_back" xs_wait_value "$XS_VCPU_OID.5$WEB01.0" \
    '"03 00 00 00 00 00 00 00 "'
xs_set_fails "set_affinity_no_cpu_inconsistentValue" inconsistentValue \
    "$XS_VCPU_OID.5$WEB01.0" x 0000000000000000

xs_set_ok "set_adminState_running_starts_shutoff" "$XS_DOM_OID.7$BUILD" i 1
check "set_start_shows_running" xs_wait_value "$XS_DOM_OID.6$BUILD" 1
xs_set_ok "set_adminState_destroyed_destroys" "$XS_DOM_OID.7$BUILD" i 5
check "set_destroy_shows_shutoff" xs_wait_value "$XS_DOM_OID.6$BUILD" 5

# Above the host's memory: decided before anything changes
# (inconsistentValue, not commitFailed), and not a last action.
xs_set_fails "set_maxMemory_above_host_inconsistentValue" inconsistentValue \
    "$XS_DOM_OID.11$WEB01" u 4294967295
is "$($SNMPGET -Oqv "$XS_DOM_OID.19$WEB01")" 11 \
    "lastAction_unchanged_by_a_refused_set"
is "$($SNMPGET -Oqv "$XS_DOM_OID.21$WEB01")" 3 \
    "lastActionStatus_unchanged_by_a_refused_set"
xs_set_ok "set_pin_again" "$XS_VCPU_OID.5$WEB01.0" x 0300000000000000

# The last action is kept per domain: what, its status, its error.
is "$($SNMPGET -Oqv "$XS_DOM_OID.19$BUILD")" 7 "lastAction_destroy"
is "$($SNMPGET -Oqv "$XS_DOM_OID.21$BUILD")" 3 "lastActionStatus_succeeded"
is "$($SNMPGET -Oqv "$XS_DOM_OID.22$BUILD")" '""' "lastActionError_empty"
check "lastActionTime_set" [ "$($SNMPGET -Oqv -Ot "$XS_DOM_OID.20$BUILD")" -gt 0 ]
is "$($SNMPGET -Oqv "$XS_DOM_OID.19$WEB01")" 11 "lastAction_pinVcpu"
is "$($SNMPGET -Oqv "$XS_DOM_OID.19$DOM0")" 1 "lastAction_none_without_set"

check "sets_are_logged" grep -q 'SET xenDomAdminState."web01" = 2' \
    "$XS_TMP/xensnmpd.log"

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "sigterm_exits_0"
done_testing
