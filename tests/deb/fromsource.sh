# fromsource.sh: sourced by srcsession.sh in the release tree that README's
# From-source commands built and installed for the default prefix
# (/usr/local), as a user who then wants another prefix: configure for
# it, build again, install (DESTDIR).  What is installed must name the
# new prefix everywhere and the old one nowhere (the agent's compiled-in
# configuration file, the man page, the unit), and the MIB must land
# where net-snmp looks.

A=/usr/local
B=/xstest/prefix-b
inst=/xstest/inst
log=/xstest/fromsource.log
mibdir=$(net-snmp-config --default-mibdirs | tr ':' '\n' | grep -v '/\.snmp/' |
    sed -n 1p)
# README's own "make install", with the default prefix.
if [ -f "$mibdir/XEN-SNMP-MIB.txt" ]; then
    ok "from_source_default_prefix_mib_where_net_snmp_looks"
else
    not_ok "from_source_default_prefix_mib_where_net_snmp_looks" \
        "$(find / -xdev -name 'XEN-SNMP-MIB.txt')"
fi
if [ -x "$A/sbin/xensnmpd" ] &&
    (./configure -q --disable-valgrind-tests --prefix="$B" && make -j2 &&
        make install DESTDIR="$inst") >>"$log" 2>&1; then
    ok "from_source_two_prefixes_build_and_install"
else
    not_ok "from_source_two_prefixes_build_and_install" \
        "$(ls -l "$A/sbin/xensnmpd" 2>&1)" "$(tail -n 15 "$log")"
fi
if grep -qaF "$B/etc/xensnmpd.conf" "$inst$B/sbin/xensnmpd" &&
    ! grep -qaF "$A/" "$inst$B/sbin/xensnmpd"; then
    ok "from_source_agent_uses_the_new_prefix"
else
    not_ok "from_source_agent_uses_the_new_prefix" \
        "$(strings "$inst$B/sbin/xensnmpd" 2>&1 | grep -e xensnmpd.conf -e "$A/")"
fi
if grep -qF "$B/etc/xensnmpd.conf" "$inst$B/share/man/man8/xensnmpd.8" &&
    ! grep -qF "$A/" "$inst$B/share/man/man8/xensnmpd.8"; then
    ok "from_source_man_page_names_the_prefix"
else
    not_ok "from_source_man_page_names_the_prefix" \
        "$(grep -e "$A/" -e "$B/" "$inst$B/share/man/man8/xensnmpd.8")"
fi
is "$(sed -n 's/^ExecStart=//p' "$inst$B/lib/systemd/system/xensnmpd.service")" \
    "$B/sbin/xensnmpd -f -c $B/etc/xensnmpd.conf" "from_source_unit_names_the_prefix"
if [ -f "$inst$mibdir/XEN-SNMP-MIB.txt" ]; then
    ok "from_source_mib_where_net_snmp_looks"
else
    not_ok "from_source_mib_where_net_snmp_looks" \
        "$(cd "$inst" && find . -name 'XEN-SNMP-MIB.txt')"
fi
