# The hypervisor and dom0 as xl and xenstore see them.
. /xensnmp/dom0-tests/lib.sh

info=$(xl info 2>&1) || setup_failed "xl info fails" "$info"
is "$(xt_info xen_major).$(xt_info xen_minor)" 4.17 \
    "xl info: the hypervisor is Xen 4.17"
is "$(xt_info nr_cpus)" 2 "xl info: 2 physical cpus (qemu -smp 2)"
total=$(xt_info total_memory)
check "xl info: total_memory is about 3 GiB ($total MiB)" \
    test "${total:-0}" -ge 2900 -a "${total:-0}" -le 3072
is "$(xt_field Domain-0 2)" 0 "xl list: Domain-0 has id 0"
mem=$(xt_field Domain-0 3)
check "xl list: Domain-0 has about 1024 MiB ($mem)" \
    test "${mem:-0}" -ge 1000 -a "${mem:-0}" -le 1024
is "$(xenstore-read /local/domain/0/name 2>&1)" Domain-0 \
    "xenstore: domain 0 is named Domain-0"
check "/proc/xen/capabilities says control_d" \
    grep -q control_d /proc/xen/capabilities
done_testing
