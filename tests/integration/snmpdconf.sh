#!/bin/sh
# snmpdconf.sh: conf/snmpd.conf.example as a drop-in for Debian's stock
# snmpd.conf, with nothing else edited.  A private snmpd runs Debian's
# own configuration (copied, its address and includeDir pointed at a
# temporary directory) with the drop-in in that directory, and the
# documented SNMPv3 step runs Debian's own net-snmp-create-v3-user (its
# two file paths pointed at the same directory), including the
# "rwuser xenadmin" line it appends.  Asserts: the stock "public" reads
# the MIB and writes nothing; no v2c community writes; the authPriv
# user writes the control objects and nothing else; authNoPriv and
# noAuthNoPriv requests write nothing; snmpd logs no complaint about
# the drop-in.

. "$abs_srcdir/tests/integration/lib.sh"

DROPIN=$abs_srcdir/conf/snmpd.conf.example
CREATE_USER=${XS_CREATE_V3_USER:-/usr/bin/net-snmp-create-v3-user}
WEB01=.5.119.101.98.48.49
SYSCONTACT=.1.3.6.1.2.1.1.4.0
ADMIN_OID=$XS_DOM_OID.7$WEB01
VCPUS_OID=$XS_DOM_OID.13$WEB01
# xenDomMemoryKiB: in the monitoring view, not in the control view.
MEMORY_OID=$XS_DOM_OID.10$WEB01
AUTH='xs auth passphrase'
PRIV='xs priv passphrase'

xs_require_tools
[ -x "$CREATE_USER" ] || setup_failed "$CREATE_USER is missing" \
    "install it: apt-get install snmpd"
xs_tmpdir

# Debian's snmpd.conf as the package ships it: /etc/snmp/snmpd.conf when
# dpkg says it is unedited, else the copy in a cached snmpd package.
stock_conf() {
    want=$(dpkg-query -W -f='${Conffiles}\n' snmpd 2>/dev/null |
        awk '$1 == "/etc/snmp/snmpd.conf" { print $2 }')
    if [ -n "$want" ] &&
        [ "$(md5sum </etc/snmp/snmpd.conf | cut -d' ' -f1)" = "$want" ]; then
        cat /etc/snmp/snmpd.conf
        return
    fi
    for deb in /var/cache/apt/archives/snmpd_*.deb; do
        [ -f "$deb" ] || continue
        dpkg-deb --fsys-tarfile "$deb" | tar -xOf - ./etc/snmp/snmpd.conf
        return
    done
    return 1
}

mkdir -p "$XS_TMP/etc/snmpd.conf.d" "$XS_TMP/lib"
stock_conf >"$XS_TMP/stock.conf" ||
    setup_failed "no unedited Debian snmpd.conf" \
        "/etc/snmp/snmpd.conf differs from the snmpd package's and no snmpd .deb is cached"
grep -qx 'includeDir /etc/snmp/snmpd.conf.d' "$XS_TMP/stock.conf" ||
    setup_failed "the stock snmpd.conf has no includeDir /etc/snmp/snmpd.conf.d"
cp "$DROPIN" "$XS_TMP/etc/snmpd.conf.d/xensnmp.conf"

# The documented step, with snmpd stopped: Debian's tool, its paths moved
# into the test's directory.  Its "is snmpd running" check goes: other
# tests' snmpds may run now.
sed -e "s|^outdir=\"/var/lib/snmp\"|outdir=\"$XS_TMP/lib\"|" \
    -e "s|^outfile=\"/etc/snmp/snmpd.conf\"|outfile=\"$XS_TMP/etc/snmpd.conf\"|" \
    -e 's|^if /bin/pidof -q snmpd .*|if false; then|' \
    "$CREATE_USER" >"$XS_TMP/create-v3-user"
[ "$(grep -c "$XS_TMP" "$XS_TMP/create-v3-user")" = 2 ] ||
    setup_failed "net-snmp-create-v3-user no longer has the expected paths"

attempt=0
while :; do
    XS_PORT=$(xs_free_port) || setup_failed "no free UDP port"
    sed -e "s|^agentaddress .*|agentaddress udp:127.0.0.1:$XS_PORT|" \
        -e "s|^includeDir /etc/snmp/snmpd.conf.d|includeDir $XS_TMP/etc/snmpd.conf.d|" \
        "$XS_TMP/stock.conf" >"$XS_TMP/etc/snmpd.conf"
    # The AgentX socket moves into the test's directory; read after the
    # drop-in (the directory is read in name order).
    echo "agentXSocket $XS_TMP/agentx.sock" \
        >"$XS_TMP/etc/snmpd.conf.d/zz-test.conf"
    rm -f "$XS_TMP/lib/snmpd.conf"
    sh "$XS_TMP/create-v3-user" -a SHA -A "$AUTH" -x AES -X "$PRIV" \
        xenadmin >"$XS_TMP/create-v3-user.out" 2>&1 ||
        setup_failed "net-snmp-create-v3-user failed" \
            "$(cat "$XS_TMP/create-v3-user.out")"
    # snmpd as Debian's unit starts it, but in the foreground with a
    # private log; SNMPCONFPATH holds what /etc/snmp and /var/lib/snmp
    # hold on the host.
    SNMPCONFPATH=$XS_TMP/etc:$XS_TMP/lib SNMP_PERSISTENT_DIR=$XS_TMP/lib \
        "$SNMPD" -f -Lf "$XS_TMP/snmpd.log" -I -smux,mteTrigger,mteTriggerConf \
        -p "$XS_TMP/snmpd.pid" >/dev/null 2>&1 &
    XS_SNMPD_PID=$!
    xs_clients
    xs_wait_oid .1.3.6.1.2.1.1.3.0 10 && break
    kill -TERM "$XS_SNMPD_PID" 2>/dev/null
    wait "$XS_SNMPD_PID" 2>/dev/null
    XS_SNMPD_PID=
    attempt=$((attempt + 1))
    [ $attempt -lt 3 ] ||
        setup_failed "snmpd did not answer" "$(tail -n 5 "$XS_TMP/snmpd.log")"
done
xs_start_agent "$abs_srcdir/tests/integration/data/node.xml" --control yes \
    -r 0.5

is "$(tail -n 1 "$XS_TMP/etc/snmpd.conf")" "rwuser xenadmin" \
    "create_v3_user_appended_rwuser_after_includeDir"
if grep -q "Can't identify" "$XS_TMP/snmpd.log"; then
    not_ok "snmpd_accepts_dropin_agentXPerms" \
        "$(grep "Can't identify" "$XS_TMP/snmpd.log")"
else
    ok "snmpd_accepts_dropin_agentXPerms"
fi
# Not a line of any file snmpd reads grants a v2c community writes.
if cat "$XS_TMP/etc/snmpd.conf" "$XS_TMP/etc/snmpd.conf.d/"*.conf |
    grep -Eq '^[[:space:]]*(rwcommunity6?|com2sec)[[:space:]]'; then
    not_ok "no_v2c_write_community_configured"
else
    ok "no_v2c_write_community_configured"
fi

# v2c "public": reads the MIB (walk and check_snmp), writes nothing.
is "$($SNMPGET -Oqv "$XS_NODE_OID.1.0")" '"Xen"' "public_reads_xenNode"
rows=$($SNMPWALK -Oqn "$XS_DOM_OID.6" 2>&1 | grep -c "^$XS_DOM_OID.6\.")
[ "$rows" -gt 1 ] && ok "public_walks_domain_table" ||
    not_ok "public_walks_domain_table" "$rows rows"
CHECK_SNMP=${CHECK_SNMP:-/usr/lib/nagios/plugins/check_snmp}
if [ -x "$CHECK_SNMP" ]; then
    xs_succeeds "check_snmp_public_operState_ok" "$CHECK_SNMP" \
        -H 127.0.0.1 -p "$XS_PORT" -P 2c -C public -t 3 -e 1 \
        -o "$XS_DOM_OID.6$WEB01" -c 1:1
else
    not_ok "check_snmp_public_operState_ok" "$CHECK_SNMP is missing"
fi
xs_refused "public_set_control_refused" noAccess \
    snmpset -v2c -c public -t 2 -r 0 "$XS_AGENT" "$ADMIN_OID" i 2
xs_refused "public_set_sysContact_refused" noAccess \
    snmpset -v2c -c public -t 2 -r 0 "$XS_AGENT" "$SYSCONTACT" s nms
xs_refused "private_set_refused" Timeout \
    snmpset -v2c -c private -t 2 -r 0 "$XS_AGENT" "$ADMIN_OID" i 2

# v3 LEVEL COMMAND ARGS...: COMMAND (snmpget, snmpset) as xenadmin.
v3() {
    v3_level=$1
    v3_cmd=$2
    shift 2
    case $v3_level in
    authPriv) snmp_sec="-l authPriv -a SHA -x AES" ;;
    authNoPriv) snmp_sec="-l authNoPriv -a SHA" ;;
    *) snmp_sec="-l noAuthNoPriv" ;;
    esac
    # shellcheck disable=SC2086 # snmp_sec is a word list.
    "$v3_cmd" -v3 -u xenadmin $snmp_sec -A "$AUTH" -X "$PRIV" -t 3 -r 0 \
        "$XS_AGENT" "$@"
}
v3set() {
    v3set_level=$1
    shift
    v3 "$v3set_level" snmpset "$@"
}

is "$(v3 authPriv snmpget -Oqv "$XS_DOM_OID.6$WEB01" 2>&1)" 1 \
    "v3_authPriv_reads_the_MIB"
xs_succeeds "v3_authPriv_sets_adminState" v3set authPriv "$ADMIN_OID" i 2
check "v3_authPriv_suspend_shows_paused" \
    xs_wait_value "$XS_DOM_OID.6$WEB01" 3
xs_succeeds "v3_authPriv_sets_vcpus" v3set authPriv "$VCPUS_OID" u 3
check "v3_authPriv_vcpus_shows_3" xs_wait_value "$VCPUS_OID" 3
xs_refused "v3_authPriv_set_readonly_column_refused" noAccess \
    v3set authPriv "$MEMORY_OID" u 1024
xs_refused "v3_authPriv_set_sysContact_refused" noAccess \
    v3set authPriv "$SYSCONTACT" s nms
xs_refused "v3_authNoPriv_set_control_refused" authorizationError \
    v3set authNoPriv "$ADMIN_OID" i 1
xs_refused "v3_authNoPriv_set_sysContact_refused" authorizationError \
    v3set authNoPriv "$SYSCONTACT" s nms
xs_refused "v3_noAuthNoPriv_set_control_refused" authorizationError \
    v3set noAuthNoPriv "$ADMIN_OID" i 1
is "$($SNMPGET -Oqv "$XS_DOM_OID.6$WEB01")" 3 "refused_sets_left_web01_paused"
is "$($SNMPGET -Oqv "$VCPUS_OID")" 3 "refused_sets_left_vcpus_at_3"
case $($SNMPGET -Oqv "$SYSCONTACT") in
*nms*) not_ok "refused_sets_left_sysContact" ;;
*) ok "refused_sets_left_sysContact" ;;
esac

xs_stop_agent
done_testing
