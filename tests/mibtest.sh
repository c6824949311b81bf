#!/bin/sh
# mibtest.sh: checks mib/XEN-SNMP-MIB.txt against the layout every other
# part of xensnmp is written against (the list of objects below):
# smilint -l 6 must be clean, and net-snmp must resolve every object of
# the layout to its numeric OID and back, with its access and
# enumeration.  Prints TAP for automake's TAP driver and exits non-zero
# when a check fails.
#
# Base modules: the MIB imports SNMPv2-SMI, SNMPv2-TC, SNMPv2-CONF,
# SNMP-FRAMEWORK-MIB and HCNUM-TC, which Debian does not ship (they come
# from snmp-mibs-downloader, which needs the internet).  tests/mibs/ holds
# stand-ins for them, searched only AFTER the system's directories, so a
# machine with the real modules checks the MIB against those:
#   - libsmi: SMIPATH with a leading ':' appends to the configured path,
#     and the first module found wins;
#   - net-snmp: -M with a leading '-' puts our directory before the
#     default list, and the module found LAST wins.  XEN-SNMP-MIB itself is
#     loaded by file name (-m PATH) so that an installed copy never shadows
#     the one under test.

srcdir=${abs_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
mibfile=$srcdir/mib/XEN-SNMP-MIB.txt
standins=$srcdir/tests/mibs
root=1.3.6.1.4.1.8072.9999.9999.42

# smilint -l 6 warnings that are expected: one message per line of the
# here-document (the text after "FILE:LINE: ", quotes as smilint prints
# them), each with the reason it is acceptable in a comment above the
# function.  The list is empty: libsmi 0.4.8 accepts the enumerations that
# start at 0 (nostate(0), offline(0)), which keep the libvir API's
# virDomainState and virVcpuState values, and reports nothing else.
allowed_warnings() {
    cat <<'EOF'
EOF
}

tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/mibtest.XXXXXX") || exit 99
# Keep net-snmp's persistent files out of /var/lib/snmp.
SNMP_PERSISTENT_DIR=$tmpdir/persist
export SNMP_PERSISTENT_DIR
trap 'rm -rf "$tmpdir"' EXIT

. "$srcdir/tests/tap.sh"

# result STATUS NAME [DIAGNOSTIC...]: a case from a command's status.
# (Its variables are prefixed: the shell has no locals, and the loop
# below reads "name".)
result() {
    result_status=$1
    result_name=$2
    shift 2
    if [ "$result_status" -eq 0 ]; then
        ok "$result_name"
    else
        not_ok "$result_name" "$@"
    fi
}

have_smilint=0
have_snmptranslate=0
command -v smilint >/dev/null 2>&1 && have_smilint=1
command -v snmptranslate >/dev/null 2>&1 && have_snmptranslate=1
[ $have_smilint = 1 ] ||
    setup_failed "smilint not found" "apt-get install smitools"
[ $have_snmptranslate = 1 ] ||
    setup_failed "snmptranslate not found" "apt-get install snmp"
[ -r "$mibfile" ] || setup_failed "$mibfile is missing"

translate() {
    snmptranslate -M "-$standins" -m "$mibfile" "$@" 2>>"$tmpdir/stderr"
}

# --- smilint ---------------------------------------------------------------
if [ $have_smilint = 1 ]; then
    SMIPATH=":$standins" smilint -l 6 "$mibfile" >"$tmpdir/lint" 2>&1
    sed 's/^[^:]*:[0-9]*: //' "$tmpdir/lint" >"$tmpdir/lint.msgs"
    allowed_warnings | sed '/^$/d' >"$tmpdir/allowed"
    if [ -s "$tmpdir/allowed" ]; then
        grep -v -x -F -f "$tmpdir/allowed" "$tmpdir/lint.msgs" \
            >"$tmpdir/lint.bad"
    else
        cp "$tmpdir/lint.msgs" "$tmpdir/lint.bad"
    fi
    # smilint exits 0 even on errors: its output is the verdict.
    grep -q . "$tmpdir/lint.bad"
    st=$((1 - $?))
    # One diagnostic argument per smilint line.
    saved_ifs=$IFS
    IFS='
'
    # shellcheck disable=SC2046
    result $st "smilint_level6_clean" $(cat "$tmpdir/lint.bad")
    IFS=$saved_ifs
    SMIPATH=":$standins" smidump -f identifiers "$mibfile" 2>&1 |
        grep -q "xenSnmpMIB *node *$root\$"
    result $? "smilint_loads_module_at_root_$root"
fi

# --- every object of the layout, both ways --------------------------------
# The enumerations of the layout, as net-snmp prints them (without blanks).
dom_states='nostate(0),running(1),blocked(2),paused(3),shutdown(4),'\
'shutoff(5),crashed(6)'
actions='none(1),start(2),resume(3),suspend(4),shutdown(5),reboot(6),'\
'destroy(7),setMaxMemory(8),setMemoryTarget(9),setVcpus(10),pinVcpu(11)'
admin_states='running(1),paused(2),shutdown(3),reboot(4),destroyed(5)'

# name  OID under the root  access (ro rw na nf -: none)  [enumeration]
objects="
xenSnmpMIB - -
xenNotifications 0 -
xenObjects 1 -
xenConformance 2 -
xenNode 1.1 -
xenNodeHypervisorType 1.1.1 ro
xenNodeHypervisorVersion 1.1.2 ro
xenNodeLibraryVersion 1.1.3 ro
xenNodeCpuModel 1.1.4 ro
xenNodeMemory 1.1.5 ro
xenNodeFreeMemory 1.1.6 ro
xenNodeCpus 1.1.7 ro
xenNodeMaxCpus 1.1.8 ro
xenNodeMhz 1.1.9 ro
xenNodeNumaNodes 1.1.10 ro
xenNodeSockets 1.1.11 ro
xenNodeCores 1.1.12 ro
xenNodeThreads 1.1.13 ro
xenNodeActiveDomains 1.1.14 ro
xenNodeDefinedDomains 1.1.15 ro
xenNodeDomainTableLastChange 1.1.16 ro
xenNodeLastRefresh 1.1.17 ro
xenNodeRefreshDuration 1.1.18 ro
xenNodeConnectionState 1.1.19 ro up(1),down(2)
xenNodeFailedCalls 1.1.20 ro
xenNodeRefreshes 1.1.21 ro
xenNodeLibraryCalls 1.1.22 ro
xenNodeControlEnabled 1.1.23 ro true(1),false(2)
xenDomainTable 1.2 na
xenDomainEntry 1.2.1 na
xenDomName 1.2.1.1 na
xenDomUUID 1.2.1.2 ro
xenDomUUIDText 1.2.1.3 ro
xenDomId 1.2.1.4 ro
xenDomOSType 1.2.1.5 ro
xenDomOperState 1.2.1.6 ro $dom_states
xenDomAdminState 1.2.1.7 rw $admin_states
xenDomMaxMemory 1.2.1.8 ro
xenDomMemory 1.2.1.9 ro
xenDomMemoryTarget 1.2.1.10 ro
xenDomMaxMemoryMiB 1.2.1.11 rw
xenDomMemoryTargetMiB 1.2.1.12 rw
xenDomVcpus 1.2.1.13 rw
xenDomMaxVcpus 1.2.1.14 ro
xenDomCpuTime 1.2.1.15 ro
xenDomCpuUsage 1.2.1.16 ro
xenDomUptime 1.2.1.17 ro
xenDomDiscontinuityTime 1.2.1.18 ro
xenDomLastAction 1.2.1.19 ro $actions
xenDomLastActionTime 1.2.1.20 ro
xenDomLastActionStatus 1.2.1.21 ro none(1),inProgress(2),succeeded(3),failed(4)
xenDomLastActionError 1.2.1.22 ro
xenDomNameText 1.2.1.23 ro
xenVcpuTable 1.3 na
xenVcpuEntry 1.3.1 na
xenVcpuNumber 1.3.1.1 na
xenVcpuState 1.3.1.2 ro offline(0),running(1),blocked(2)
xenVcpuCpuTime 1.3.1.3 ro
xenVcpuPhysicalCpu 1.3.1.4 ro
xenVcpuAffinity 1.3.1.5 rw
xenVcpuName 1.3.1.6 ro
xenNotifyDomainName 1.4.1 nf
xenNotifyPreviousState 1.4.2 nf $dom_states
xenNotifyAction 1.4.3 nf $actions
xenNotifyError 1.4.4 nf
xenVifTable 1.5 na
xenVifEntry 1.5.1 na
xenVifIndex 1.5.1.1 na
xenVifName 1.5.1.2 ro
xenVifInOctets 1.5.1.3 ro
xenVifInPackets 1.5.1.4 ro
xenVifInErrors 1.5.1.5 ro
xenVifInDrops 1.5.1.6 ro
xenVifOutOctets 1.5.1.7 ro
xenVifOutPackets 1.5.1.8 ro
xenVifOutErrors 1.5.1.9 ro
xenVifOutDrops 1.5.1.10 ro
xenVifDiscontinuityTime 1.5.1.11 ro
xenVbdTable 1.6 na
xenVbdEntry 1.6.1 na
xenVbdIndex 1.6.1.1 na
xenVbdName 1.6.1.2 ro
xenVbdBackendName 1.6.1.3 ro
xenVbdReadRequests 1.6.1.4 ro
xenVbdReadSectors 1.6.1.5 ro
xenVbdWriteRequests 1.6.1.6 ro
xenVbdWriteSectors 1.6.1.7 ro
xenVbdOutOfRequests 1.6.1.8 ro
xenVbdFlushRequests 1.6.1.9 ro
xenVbdDiscardRequests 1.6.1.10 ro
xenVbdDiscontinuityTime 1.6.1.11 ro
xenDomainStarted 0.1 -
xenDomainShutdown 0.2 -
xenDomainPaused 0.3 -
xenDomainResumed 0.4 -
xenDomainCrashed 0.5 -
xenDomainDefined 0.6 -
xenDomainUndefined 0.7 -
xenControlFailed 0.8 -
xenConnectionLost 0.9 -
xenConnectionRestored 0.10 -
xenGroups 2.1 -
xenCompliances 2.2 -
xenNodeGroup 2.1.1 -
xenDomainMonitorGroup 2.1.2 -
xenVcpuMonitorGroup 2.1.3 -
xenControlGroup 2.1.4 -
xenNotifyObjectsGroup 2.1.5 -
xenNotificationsGroup 2.1.6 -
xenMonitorCompliance 2.2.1 -
xenControlCompliance 2.2.2 -
xenVifGroup 2.1.7 -
xenVbdGroup 2.1.8 -
xenIoCompliance 2.2.3 -
"

if [ $have_snmptranslate = 1 ]; then
    printf '%s\n' "$objects" | sed '/^$/d' >"$tmpdir/objects"
    while read -r name sub access enums; do
        if [ "$sub" = - ]; then oid=.$root; else oid=.$root.$sub; fi

        got=$(translate -On "XEN-SNMP-MIB::$name")
        [ "$got" = "$oid" ]
        result $? "snmptranslate_name_to_oid_$name" "expected $oid, got '$got'"

        got=$(translate "$oid")
        [ "$got" = "XEN-SNMP-MIB::$name" ]
        result $? "snmptranslate_oid_to_name_$name" \
            "expected XEN-SNMP-MIB::$name for $oid, got '$got'"

        [ "$access" = - ] && continue
        case $access in
        ro) want=read-only ;;
        rw) want=read-write ;;
        na) want=not-accessible ;;
        nf) want=accessible-for-notify ;;
        esac
        translate -Td "XEN-SNMP-MIB::$name" >"$tmpdir/td"
        got=$(sed -n 's/^ *MAX-ACCESS[[:space:]]*//p' "$tmpdir/td")
        [ "$got" = "$want" ]
        result $? "snmptranslate_access_${name}_is_$want" "got '$got'"

        [ -n "$enums" ] || continue
        got=$(sed -n 's/^ *SYNTAX[[:space:]]*INTEGER {\(.*\)} *$/\1/p' \
            "$tmpdir/td" | tr -d ' ')
        [ "$got" = "$enums" ]
        result $? "snmptranslate_enumeration_$name" \
            "expected $enums" "got '$got'"
    done <"$tmpdir/objects"

    # The UNITS of the layout.
    # (The I/O tables' counters: octets, packets, requests, sectors.)
    io_units="xenVifInOctets:octets xenVifInPackets:packets
        xenVifInErrors:packets xenVifInDrops:packets xenVifOutOctets:octets
        xenVifOutPackets:packets xenVifOutErrors:packets
        xenVifOutDrops:packets xenVbdReadRequests:requests
        xenVbdReadSectors:512-octet_sectors xenVbdWriteRequests:requests
        xenVbdWriteSectors:512-octet_sectors xenVbdOutOfRequests:events
        xenVbdFlushRequests:requests xenVbdDiscardRequests:requests"
    for pair in xenNodeMemory:KiB xenNodeFreeMemory:KiB xenNodeMhz:MHz \
        xenNodeRefreshDuration:microseconds xenDomMaxMemory:KiB \
        xenDomMemory:KiB xenDomMemoryTarget:KiB xenDomMaxMemoryMiB:MiB \
        xenDomMemoryTargetMiB:MiB xenDomCpuTime:nanoseconds \
        xenDomCpuUsage:hundredths_of_a_percent xenDomUptime:seconds \
        xenVcpuCpuTime:nanoseconds $io_units; do
        name=${pair%%:*}
        want=$(echo "${pair#*:}" | tr _ ' ')
        got=$(translate -Td "XEN-SNMP-MIB::$name" |
            sed -n 's/^ *UNITS[[:space:]]*"\(.*\)"$/\1/p')
        [ "$got" = "$want" ]
        result $? "snmptranslate_units_${name}_is_${pair#*:}" "got '$got'"
    done

    # Scalars have a .0 instance; a domain row is named by the domain name.
    got=$(translate -On 'XEN-SNMP-MIB::xenNodeMemory.0')
    [ "$got" = ".$root.1.1.5.0" ]
    result $? "snmptranslate_scalar_instance_xenNodeMemory.0" "got '$got'"

    want=.$root.1.2.1.6.5.119.101.98.48.49
    got=$(translate -On 'XEN-SNMP-MIB::xenDomOperState."web01"')
    [ "$got" = "$want" ]
    result $? "snmptranslate_domain_row_indexed_by_name" \
        "expected $want, got '$got'"

    got=$(translate "$want")
    [ "$got" = 'XEN-SNMP-MIB::xenDomOperState."web01"' ]
    result $? "snmptranslate_domain_row_oid_to_name" "got '$got'"

    want=.$root.1.3.1.5.5.119.101.98.48.49.3
    got=$(translate -On 'XEN-SNMP-MIB::xenVcpuAffinity."web01".3')
    [ "$got" = "$want" ]
    result $? "snmptranslate_vcpu_row_indexed_by_name_and_number" \
        "expected $want, got '$got'"

    want=.$root.1.6.1.5.5.119.101.98.48.49.51712
    got=$(translate -On 'XEN-SNMP-MIB::xenVbdReadSectors."web01".51712')
    [ "$got" = "$want" ]
    result $? "snmptranslate_vbd_row_indexed_by_name_and_vdev" \
        "expected $want, got '$got'"

    want=.$root.1.5.1.3.5.119.101.98.48.49.0
    got=$(translate -On 'XEN-SNMP-MIB::xenVifInOctets."web01".0')
    [ "$got" = "$want" ]
    result $? "snmptranslate_vif_row_indexed_by_name_and_devid" \
        "expected $want, got '$got'"

    # The tree shows the three parts of the MIB and the conformance groups.
    translate -Tp -IR xenSnmpMIB >"$tmpdir/tree"
    for node in xenNode xenDomainTable xenVcpuTable xenNodeGroup \
        xenDomainMonitorGroup xenVcpuMonitorGroup xenControlGroup \
        xenNotifyObjectsGroup xenNotificationsGroup; do
        grep -q "[-+ ]$node([0-9]*)\$" "$tmpdir/tree"
        result $? "snmptranslate_tree_shows_$node"
    done

    # net-snmp writes "Cannot find module" or "Bad parse" to stderr when the
    # MIB or a module it imports does not load cleanly. Its first run in a
    # new persistent directory also says "Created directory", which is not
    # about the MIB.
    grep -v '^Created directory: ' "$tmpdir/stderr" >"$tmpdir/complaints"
    [ ! -s "$tmpdir/complaints" ]
    result $? "snmptranslate_loads_without_complaint" \
        "$(head -5 "$tmpdir/complaints")"
fi

# --- the root OID in the C sources ----------------------------------------
header=$srcdir/agent/xen_mib.h
got=$(sed -n 's/^#define XEN_MIB_ROOT[[:space:]]*//p' "$header" | tr -d ' ')
[ "$got" = "$(echo "$root" | tr . ,)" ]
result $? "agent_root_oid_matches_mib" \
    "agent/xen_mib.h XEN_MIB_ROOT is '$got', the MIB's is $root"

done_testing
