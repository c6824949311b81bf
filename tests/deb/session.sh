#!/bin/sh
# session.sh: check-deb's part inside the clean Debian 12 chroot, run in
# private network and pid namespaces (so the stock snmpd.conf's
# 127.0.0.1:161 and net-snmp-create-v3-user's "is snmpd running" see
# only this system).  tests/deb/check-deb.sh writes into /xstest:
#   install.cmds  README's install commands for the package, one a line
#   examples.def  the definitions README's examples use (V3, X, W)
#   examples.sh   README's numeric example commands, one a line
#   upgrade.deb   the same package with a higher version
#   tests/        the integration tests' lib.sh and tap.sh, as in the tree
# Prints TAP; check-deb.sh numbers it again among its own.

abs_srcdir=/xstest abs_builddir=/xstest
. /xstest/tests/integration/lib.sh
export XS_TEST_URI=test:///default
cd /xstest || exit 1
X=.1.3.6.1.4.1.8072.9999.9999.42.1
W=5.119.101.98.48.49
AUTH='long auth passphrase'
PRIV='long priv passphrase'

get() {
    snmpget -v2c -c public -t 2 -r 1 -Oqv 127.0.0.1 "$@" 2>&1
}
v3set() {
    level=$1
    shift
    case $level in
    authPriv) set -- -l authPriv -x AES -X "$PRIV" "$@" ;;
    *) set -- -l authNoPriv "$@" ;;
    esac
    snmpset -v3 -u xenadmin -a SHA -A "$AUTH" -t 2 -r 0 "$@"
}

# 1. README's install commands, each on its own, in the directory of the
# .deb, as root.
n=0
while IFS= read -r cmd; do
    n=$((n + 1))
    xs_succeeds "readme_install_$n: $cmd" sh -c "$cmd"
done <install.cmds

# 2. What an NMS sees.
waited=0
while [ "$(get $X.1.1.0)" != '"Xen"' ] && [ $waited -lt 100 ]; do
    sleep 0.1
    waited=$((waited + 1))
done
got=$(get $X.1.1.0)
[ "$got" = '"Xen"' ] && ok "public_reads_xenNode" ||
    not_ok "public_reads_xenNode" "$got" "$(tail -n 5 /var/log/xstest/*)"
rows=$(snmpwalk -v2c -c public -On 127.0.0.1 $X.2.1.6 2>&1 | grep -c "^$X.2.1.6\.")
[ "$rows" -gt 1 ] && ok "public_walks_domain_table" ||
    not_ok "public_walks_domain_table" "$rows rows"
xs_succeeds "check_snmp_operState_running_ok" /usr/lib/nagios/plugins/check_snmp \
    -H 127.0.0.1 -P 2c -C public -o $X.2.1.6.$W -c 1:1
case $(tail -n 1 /etc/snmp/snmpd.conf) in
"rwuser xenadmin") ok "create_v3_user_appended_rwuser" ;;
*) not_ok "create_v3_user_appended_rwuser" "$(tail -n 3 /etc/snmp/snmpd.conf)" ;;
esac
if grep -q "Can't identify" /var/log/xstest/snmpd.out; then
    not_ok "snmpd_accepts_the_dropin" "$(grep "Can't identify" /var/log/xstest/snmpd.out)"
else
    ok "snmpd_accepts_the_dropin"
fi
xs_refused "public_set_refused" noAccess \
    snmpset -v2c -c public -t 2 -r 0 127.0.0.1 $X.2.1.7.$W i 2
xs_refused "v3_authNoPriv_set_refused" authorizationError \
    v3set authNoPriv 127.0.0.1 $X.2.1.7.$W i 2
xs_refused "v3_authPriv_set_sysContact_refused" noAccess \
    v3set authPriv 127.0.0.1 .1.3.6.1.2.1.1.4.0 s nms
[ "$(get $X.2.1.6.$W)" = 1 ] && ok "refused_sets_changed_nothing" ||
    not_ok "refused_sets_changed_nothing" "$(get $X.2.1.6.$W)"

# README's numeric examples, each on its own (dom0 is 127.0.0.1 here).
n=0
while IFS= read -r cmd; do
    [ -n "$cmd" ] || continue
    n=$((n + 1))
    xs_succeeds "readme_example_$n: $cmd" sh -c ". ./examples.def; $cmd"
done <examples.sh
n=0
while [ "$(get $X.2.1.6.$W)" != 3 ] && [ $n -lt 100 ]; do
    sleep 0.1
    n=$((n + 1))
done
[ "$(get $X.2.1.6.$W)" = 3 ] && ok "v3_authPriv_set_paused_web01" ||
    not_ok "v3_authPriv_set_paused_web01" "$(get $X.2.1.6.$W)"
/usr/lib/nagios/plugins/check_snmp -H 127.0.0.1 -P 2c -C public \
    -o $X.2.1.6.$W -c 1:1 >/dev/null 2>&1
[ $? = 2 ] && ok "check_snmp_operState_paused_critical" ||
    not_ok "check_snmp_operState_paused_critical"

# 3. The unit, where systemd's own tools can read it.
xs_succeeds "systemd_analyze_verify_unit" \
    systemd-analyze verify --man=no /lib/systemd/system/xensnmpd.service

# 4. Upgrade keeps the edited conffile (README's steps appended "control
# yes" to it).
xs_succeeds "upgrade_installs" dpkg -i /xstest/upgrade.deb </dev/null
grep -qx 'control yes' /etc/xensnmpd.conf && ok "upgrade_keeps_edited_conf" ||
    not_ok "upgrade_keeps_edited_conf" "$(tail -n 3 /etc/xensnmpd.conf)"
left=$(ls /etc/xensnmpd.conf.dpkg-* 2>/dev/null)
[ -z "$left" ] && ok "upgrade_leaves_no_dpkg_files" ||
    not_ok "upgrade_leaves_no_dpkg_files" "$left"

# 5. Purge removes what the package made.
systemctl stop xensnmpd
files=$(dpkg -L xensnmpd | while read -r f; do [ -f "$f" ] && echo "$f"; done)
xs_succeeds "purge" apt-get purge -y xensnmpd
left=
for f in $files /etc/xensnmpd.conf /etc/snmp/snmpd.conf.d/xensnmp.conf; do
    [ -e "$f" ] && left="$left $f"
done
[ -z "$left" ] && ok "purge_removes_everything" ||
    not_ok "purge_removes_everything" "left:$left"
systemctl stop snmpd
done_testing
