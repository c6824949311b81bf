# The PVH guest pvh1 in xensnmpd's tables on xen:///, as xl shows it
# (70-agent.sh does the PV guests).  pvh1 sometimes crashes while booting
# under TCG: a failure, said as such.
. /xensnmp/dom0-tests/lib.sh

[ "$WITH_XEN" = yes ] || setup_failed "this build has no Xen driver"

xs_require_tools
xs_tmpdir
xs_start_snmpd
xt_start_agent -r 0.5

P=$(xt_idx pvh1)
agent_shows() {
    [ "$($SNMPGET -Oqv "$1" 2>/dev/null)" = "$2" ]
}

xt_guest_create pvh1 || setup_failed "xl create pvh1 failed"
if xt_wait 180 xt_guest_ready pvh1; then
    ok "pvh1 (PVH) booted"
else
    not_ok "pvh1 (PVH) booted" "state in xl list: '$(xt_field pvh1 5)'" \
        "$(tail -n 5 "$XT_CONSOLE_LOGS/guest-pvh1.log" 2>&1)"
fi
id=$(xt_field pvh1 2)
check "pvh1 xenDomId is xl list's id ($id)" xt_wait 10 agent_shows "$XS_DOM_OID.4$P" "$id"
is "$($SNMPGET -Oqv "$XS_DOM_OID.5$P")" '"xenpvh"' "pvh1 xenDomOSType is xenpvh"
is "$($SNMPGET -Oqv "$XS_DOM_OID.13$P")" "$(xt_field pvh1 4)" \
    "pvh1 xenDomVcpus is xl list's VCPUs"
is "$(($($SNMPGET -Oqv "$XS_DOM_OID.9$P") / 1024))" "$(xt_field pvh1 3)" \
    "pvh1 xenDomMemory (KiB) is xl list's Mem (MiB)"
is "$($SNMPGET -Oqv "$XS_DOM_OID.3$P")" \
    '"5e7d0000-0000-4000-8000-000000000003"' \
    "pvh1 xenDomUUIDText is the uuid of pvh1.cfg"

xt_agent_alive "xensnmpd still running"
xs_stop_agent
is "$XS_AGENT_STATUS" 0 "xensnmpd exits 0 on SIGTERM"
xt_done_testing
