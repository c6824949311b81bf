# fromsource.sh: sourced by check-deb.sh before the package is built.  In
# a copy of the release tree ($XS_TMP/src), as a user building from
# source: configure for one prefix and build, configure for another and
# build again, install (DESTDIR).  What is installed must name the second
# prefix everywhere (the agent's compiled-in configuration file, the man
# page, the unit), and the MIB must land where net-snmp looks.

fs=$XS_TMP/fromsource
cp -a "$XS_TMP/src" "$fs"
A=$XS_TMP/prefix-a
B=$XS_TMP/prefix-b
fs_build() {
    (cd "$fs" && ./configure -q --disable-valgrind-tests --prefix="$1" &&
        make -j2) >>"$XS_TMP/fromsource.log" 2>&1
}
if fs_build "$A" && fs_build "$B" &&
    (cd "$fs" && make install DESTDIR="$XS_TMP/inst") \
        >>"$XS_TMP/fromsource.log" 2>&1; then
    ok "from_source_two_prefixes_build_and_install"
else
    not_ok "from_source_two_prefixes_build_and_install" \
        "$(tail -n 15 "$XS_TMP/fromsource.log")"
fi
inst=$XS_TMP/inst
if grep -qaF "$B/etc/xensnmpd.conf" "$inst$B/sbin/xensnmpd" &&
    ! grep -qaF "$A/" "$inst$B/sbin/xensnmpd"; then
    ok "from_source_agent_uses_the_new_prefix"
else
    not_ok "from_source_agent_uses_the_new_prefix" \
        "$(strings "$inst$B/sbin/xensnmpd" 2>&1 | grep xensnmpd.conf)"
fi
if grep -qF "$B/etc/xensnmpd.conf" "$inst$B/share/man/man8/xensnmpd.8" &&
    ! grep -qF '/usr/local' "$inst$B/share/man/man8/xensnmpd.8"; then
    ok "from_source_man_page_names_the_prefix"
else
    not_ok "from_source_man_page_names_the_prefix"
fi
is "$(sed -n 's/^ExecStart=//p' "$inst$B/lib/systemd/system/xensnmpd.service")" \
    "$B/sbin/xensnmpd -f -c $B/etc/xensnmpd.conf" "from_source_unit_names_the_prefix"
mibdir=$(net-snmp-config --default-mibdirs | tr ':' '\n' | grep -v '/\.snmp/' |
    sed -n 1p)
if [ -f "$inst$mibdir/XEN-SNMP-MIB.txt" ]; then
    ok "from_source_mib_where_net_snmp_looks"
else
    not_ok "from_source_mib_where_net_snmp_looks" \
        "$(cd "$inst" && find . -name 'XEN-SNMP-MIB.txt')"
fi
rm -rf "$fs" "$inst"
