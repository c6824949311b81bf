#!/bin/sh
# session.sh: check-deb's part for the package inside its clean Debian 12
# chroot, run in private network and pid namespaces (so the stock
# snmpd.conf's 127.0.0.1:161 and net-snmp-create-v3-user's "is snmpd
# running" see only this system).  Besides what nms.sh says,
# tests/deb/check-deb.sh writes into /xstest:
#   install.cmds  README's install commands for the package, one a line
#   upgrade.deb   the same package with a higher version
# Prints TAP; check-deb.sh numbers it again among its own.

. /xstest/nms.sh
cd /xstest || exit 1

# 1. README's install commands, each on its own, in the directory of the
# .deb, as root.
run_cmds readme_install install.cmds

# 2. What an NMS sees.
nms_checks

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
