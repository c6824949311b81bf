# The driver-independent conformance suite (tests/conformancetest.c),
# which make check runs on the test driver, run on real Xen: with
# xen:/// and with the NULL name (the library's default, Xen on a Xen
# host).  Each case of the suite is one TAP case here.
#
# Three guests booted one after the other and two runs of the suite take
# long under TCG on a busy host:
# xentest-timeout: 3000
. /xensnmp/dom0-tests/lib.sh

suite=$abs_builddir/tests/conformancetest
[ -x "$suite" ] || setup_failed "$suite is not in the image"
[ "$WITH_XEN" = yes ] || setup_failed "this build has no Xen driver" \
    "configure found no Xen libraries: the suite needs xen:///"

# The suite's host: pv1, pv2 and pvh1 running, their configs in /etc/xen.
# pvh1 first: a PVH guest boots slowest under TCG, the more so when other
# guests already take the cpus.
for g in pvh1 pv1 pv2; do
    if ! out=$(xt_guest_start "$g" 400 2>&1); then
        printf '# %s\n' "$out" "xl list: $(xl list "$g" 2>&1 | tail -n 1)" \
            "console: $(tail -n 5 "$XT_CONSOLE_LOGS/guest-$g.log" 2>&1)"
        xl dmesg | tail -n 10 | sed 's/^/# /'
        setup_failed "$g did not boot"
    fi
done
# Interfaces are attached to a bridge, disks go through loop devices.
# (A run before this one, retried, may have left the bridge.)
if ! out=$( { { ip link show xenbr0 >/dev/null 2>&1 || brctl addbr xenbr0; } &&
    ip link set xenbr0 up; } 2>&1); then
    setup_failed "cannot make bridge xenbr0" "$out"
fi

# run_suite LABEL URI: runs the suite and turns each of its TAP lines
# into a case of this script, prefixed with LABEL; its diagnostics
# follow.  The suite must also end normally with its plan, so that a
# crash half-way counts as a failure, not as fewer cases.
run_suite() {
    label=$1
    out=$XS_TMP/$label.tap
    start=$(date +%s)
    XENSNMP_CONFORMANCE_URI=$2 XENSNMP_CONFORMANCE_WAIT=300 "$suite" >"$out" 2>&1
    rc=$?
    ran=0
    while IFS= read -r line; do
        case $line in
        "ok "*)
            ran=$((ran + 1))
            ok "$label: ${line#ok * - }"
            ;;
        "not ok "*)
            ran=$((ran + 1))
            not_ok "$label: ${line#not ok * - }"
            ;;
        "1.."*) plan=${line#1..} ;;
        *) printf '# %s\n' "$line" ;;
        esac
    done <"$out"
    # What libxl's hotplug scripts said, for the device cases.
    if [ -s /var/log/xen/xen-hotplug.log ]; then
        echo "# /var/log/xen/xen-hotplug.log:"
        tail -n 15 /var/log/xen/xen-hotplug.log | sed 's/^/#   /'
        : >/var/log/xen/xen-hotplug.log
    fi
    if [ "$rc" -le 1 ] && [ "${plan:-}" = "$ran" ] && [ "$ran" -gt 0 ]; then
        ok "$label: the suite ran its $ran cases to the end ($(($(date +%s) - start)) s)"
    else
        not_ok "$label: the suite ran its cases to the end" \
            "exit status $rc (over 128: killed by signal $((rc - 128)))," \
            "plan '${plan:-none}', $ran cases reported"
    fi
    plan=
}

xs_tmpdir
run_suite xen "xen:///"
# When a disk would not attach: what xl and the block script say about
# the same kind of disk.
if grep -q '^not ok .*attach_detach_disk' "$XS_TMP/xen.tap"; then
    dd if=/dev/zero of="$XS_TMP/diag.img" bs=1024 count=1024 2>/dev/null
    xl -vvv block-attach pv1 \
        "format=raw,vdev=xvdc,access=rw,script=block,target=$XS_TMP/diag.img" \
        2>&1 | grep -v xencall | tail -n 40 | sed 's/^/# xl block-attach: /'
    sed 's/^/# hotplug log: /' /var/log/xen/xen-hotplug.log 2>/dev/null | tail -n 20
    xl block-detach pv1 xvdc >/dev/null 2>&1
fi
run_suite default NULL
done_testing
