#!/bin/sh
# setreadback.sh: SETs through AgentX and through the snmpd module
# (dlmod), for issue 12's defects 2, 3 and 4:
#   2. after a SET's response every reader sees what it changed, on a
#      host of 3,000 domains whose snapshots take long enough to race it;
#   3. a value the agent reads for a writable object is accepted when
#      written back unchanged;
#   4. what can be decided before commit answers inconsistentValue, not
#      commitFailed.

. "$abs_srcdir/tests/integration/lib.sh"

SETNODE=$abs_srcdir/tests/integration/data/setnode.xml
GENNODE=$abs_builddir/tests/bench/gennode
MODULE=$abs_builddir/agent/.libs/xensnmp.so
VM1=.3.118.109.49
VM2=.3.118.109.50
# guest000002 of gennode's host: running, 2 vcpus, 512 MiB maximum.
GUEST=.11.103.117.101.115.116.48.48.48.48.48.50
ROUNDS=${XS_READBACK_ROUNDS:-15}

# Prints the hex of @1 octets: 01 then 00s.
map_of() {
    printf '01'
    i=1
    while [ "$i" -lt "$1" ]; do
        printf '00'
        i=$((i + 1))
    done
}

# The checks of defects 3 and 4 on setnode.xml, through $1 (agentx or
# dlmod).
check_decided() {
    via=$1
    # Defect 3: write back what was read.
    aff=$($SNMPGET -Oqv -Ox "$XS_VCPU_OID.5$VM1.0" | tr -d ' "' | tr 'A-F' 'a-f')
    is "$aff" 0f00 "${via}_affinity_reads_two_octets_for_16_slots"
    xs_set_ok "${via}_affinity_read_value_written_back_succeeds" \
        "$XS_VCPU_OID.5$VM1.0" x "$aff"
    aff=$($SNMPGET -Oqv -Ox "$XS_VCPU_OID.5$VM1.1" | tr -d ' "' | tr 'A-F' 'a-f')
    xs_set_ok "${via}_pinned_affinity_written_back_succeeds" \
        "$XS_VCPU_OID.5$VM1.1" x "$aff"
    max=$($SNMPGET -Oqv "$XS_DOM_OID.11$VM2")
    is "$max" 1024 "${via}_maxMemoryMiB_rounds_down"
    xs_set_ok "${via}_maxMemoryMiB_read_value_written_back_succeeds" \
        "$XS_DOM_OID.11$VM2" u "$max"
    for col in 7 12 13; do
        v=$($SNMPGET -Oqv "$XS_DOM_OID.$col$VM1")
        xs_set_ok "${via}_column_${col}_read_value_written_back_succeeds" \
            "$XS_DOM_OID.$col$VM1" "$([ $col = 7 ] && echo i || echo u)" "$v"
    done
    # Defect 4: decided before commit.
    xs_set_fails "${via}_target_within_max_above_host_free_inconsistentValue" \
        inconsistentValue "$XS_DOM_OID.12$VM1" u 5000
    xs_set_fails "${via}_affinity_cpu_the_host_lacks_inconsistentValue" \
        inconsistentValue "$XS_VCPU_OID.5$VM1.0" x 21
    xs_set_fails "${via}_affinity_512_octets_high_cpu_inconsistentValue" \
        inconsistentValue "$XS_VCPU_OID.5$VM1.0" x "$(map_of 511)80"
    xs_set_ok "${via}_affinity_512_octets_of_host_cpus_pins" \
        "$XS_VCPU_OID.5$VM1.0" x "$(map_of 512)"
    is "$($SNMPGET -Oqv -Ox "$XS_VCPU_OID.5$VM1.0" | tr -d ' "' | tr 'A-F' 'a-f')" 0100 \
        "${via}_affinity_512_octets_reads_back_cpu_0"
    xs_set_fails "${via}_affinity_513_octets_wrongLength" wrongLength \
        "$XS_VCPU_OID.5$VM1.0" x "$(map_of 513)"
    xs_set_ok "${via}_target_within_host_free_succeeds" \
        "$XS_DOM_OID.12$VM1" u 2048
    is "$($SNMPGET -Oqv "$XS_DOM_OID.12$VM1")" 2048 \
        "${via}_target_reads_back_at_once"
    check "${via}_refusals_are_logged_with_value_and_reason" \
        grep -q 'xenVcpuAffinity."vm1".0 = 0x21 refused with inconsistentValue' \
        "$2"
    check "${via}_applied_sets_are_logged_with_the_affinity" \
        grep -q 'xenVcpuAffinity."vm1".0 = 0x01.*affinity 0x01' "$2"
}

# Defect 2 on gennode's host: a GET right after each SET's response.
check_read_your_writes() {
    via=$1
    stale=
    k=0
    while [ $k -lt "$ROUNDS" ]; do
        for step in "7 i 2 6 3" "7 i 1 6 1" "12 u 384 12 384" \
            "12 u 256 12 256" "13 u 1 13 1" "13 u 2 13 2"; do
            # shellcheck disable=SC2086
            set -- $step
            out=$($SNMPSET "$XS_DOM_OID.$1$GUEST" "$2" "$3" 2>&1) || {
                stale="$stale set $1=$3 failed: $out;"
                continue
            }
            got=$($SNMPGET -Oqv "$XS_DOM_OID.$4$GUEST")
            [ "$got" = "$5" ] || stale="$stale col $4 read $got not $5;"
        done
        for map in 02 01; do
            $SNMPSET "$XS_VCPU_OID.5$GUEST.0" x "$map" >/dev/null 2>&1 ||
                stale="$stale pin $map failed;"
            got=$($SNMPGET -Oqv -Ox "$XS_VCPU_OID.5$GUEST.0" | tr -d ' "' | tr 'A-F' 'a-f')
            case $got in "$map"*) ;; *) stale="$stale map $got not $map;" ;; esac
        done
        k=$((k + 1))
    done
    is "$stale" "" "${via}_every_get_after_a_set_sees_the_new_value"
}

xs_require_tools
[ -x "$GENNODE" ] || setup_failed "$GENNODE is not built" "run make"
[ -f "$MODULE" ] || setup_failed "$MODULE is not built" "run make"
xs_tmpdir
"$GENNODE" -n 3000 -v 2 -c 16 >"$XS_TMP/big.xml" ||
    setup_failed "gennode failed"

# Through AgentX.
xs_start_snmpd
xs_start_agent "$SETNODE" --control yes -r 0.2
check_decided agentx "$XS_TMP/xensnmpd.log"
xs_stop_agent
xs_start_agent "$XS_TMP/big.xml" --control yes -r 0.1
check_read_your_writes agentx
xs_stop_agent
kill -TERM "$XS_SNMPD_PID" 2>/dev/null
wait "$XS_SNMPD_PID" 2>/dev/null
XS_SNMPD_PID=

# Through the module snmpd loads.
xs_module_env
for node in setnode big; do
    file=$SETNODE
    [ $node = big ] && file=$XS_TMP/big.xml
    printf 'uri test://%s\nrefresh-interval 0.1\ncontrol yes\n' "$file" \
        >"$XS_TMP/xensnmpd.conf"
    # $XS_MODULE_ENV (the sanitizer build's runtime for snmpd) is split on
    # purpose: one NAME=VALUE per word.
    # shellcheck disable=SC2086
    xs_start_snmpd_dlmod "$XS_TMP/xensnmpd.conf" $XS_MODULE_ENV
    check "dlmod_${node}_answers" xs_wait_oid "$XS_NODE_OID.1.0" 20
    if [ $node = setnode ]; then
        check_decided dlmod "$XS_TMP/snmpd-dlmod.log"
    else
        check_read_your_writes dlmod
    fi
    kill -TERM "$XS_SNMPD_PID" 2>/dev/null
    wait "$XS_SNMPD_PID" 2>/dev/null
    XS_SNMPD_PID=
done
done_testing
