# Per-device I/O counters on real Xen: a PV guest with a disk (a loop
# device through blkback) and an interface on bridge xenbr0 writes 1 MiB
# and reads 2 MiB of its disk and pings dom0 10 times (guest-init.sh,
# xensnmp_io=); the library's counters (tests/xeniodom0test) grow by at
# least that much, agree with "xentop -b -i 1", come from one collection
# per round of reads, and the devices go away when the guest is
# destroyed.
# xentest-timeout: 900
. /xensnmp/dom0-tests/lib.sh

[ "$WITH_XEN" = yes ] || setup_failed "this build has no Xen driver"
probe=$abs_builddir/tests/xeniodom0test
[ -x "$probe" ] || setup_failed "$probe is not in the image"
xentop=$(command -v xentop || echo /usr/lib/xen-4.17/bin/xentop)
[ -x "$xentop" ] || setup_failed "xentop is not in the image"

xs_tmpdir
# The bridge, without an address yet: the guest waits for one.  (A run
# before this one, retried, may have left it.)
if ! out=$( { { ip link show xenbr0 >/dev/null 2>&1 || brctl addbr xenbr0; } &&
    ip addr flush dev xenbr0 && ip link set xenbr0 up; } 2>&1); then
    setup_failed "cannot make bridge xenbr0" "$out"
fi
# Not in /etc/xen: the other scripts' defined domains stay as they are.
dd if=/dev/zero of="$XS_TMP/io1.img" bs=1024 count=8192 2>/dev/null
cat >"$XS_TMP/io1.cfg" <<EOF
name = "io1"
uuid = "5e7d0000-0000-4000-8000-000000000010"
type = "pv"
kernel = "/boot/guest/vmlinuz"
ramdisk = "/boot/guest/initrd.gz"
extra = "console=hvc0 rdinit=/init quiet xensnmp_io=10.99.0.2"
memory = 128
maxmem = 128
vcpus = 1
disk = [ "format=raw,vdev=xvda,access=rw,script=block,target=$XS_TMP/io1.img" ]
vif = [ "mac=00:16:3e:5e:10:01,bridge=xenbr0" ]
on_poweroff = "destroy"
on_reboot = "destroy"
on_crash = "destroy"
EOF
console=$XT_CONSOLE_LOGS/guest-io1.log
rm -f "$console"
io_said() {
    grep -q "xensnmp-io-$1" "$console" 2>/dev/null
}
if ! out=$(xl create -q -e "$XS_TMP/io1.cfg" 2>&1); then
    tail -n 10 /var/log/xen/xen-hotplug.log 2>/dev/null | sed 's/^/# hotplug log: /'
    setup_failed "xl create io1 failed" "$out"
fi
if ! xt_wait 400 io_said waiting; then
    tail -n 15 "$console" 2>&1 | sed 's/^/# console: /'
    setup_failed "io1 did not bring up its disk and interface"
fi
domid=$(xl domid io1)

# field LINES KIND NAME N: counter N (1-based, after the name) of device
# NAME in the probe's output.
field() {
    printf '%s\n' "$1" | awk -v k="$2" -v d="$3" -v n="$4" \
        '$1 == k && $2 == d { print $(n + 2) }'
}
# grew DESCRIPTION BEFORE AFTER MIN: a TAP case, AFTER - BEFORE >= MIN.
grew() {
    if [ -n "$2" ] && [ -n "$3" ] && [ $(($3 - $2)) -ge "$4" ]; then
        ok "$1 (+$(($3 - $2)))"
    else
        not_ok "$1" "before '$2', after '$3', want at least +$4"
    fi
}

before=$(xt_retry "$probe" io1) || setup_failed "xeniodom0test io1 failed" "$before"
printf '%s\n' "$before" | sed 's/^/# before: /'
is "$(printf '%s\n' "$before" | awk '$1 == "disk" { print $2 }')" xvda \
    "the guest's disk is listed by the name the guest sees"
is "$(printf '%s\n' "$before" | awk '$1 == "net" { print $2 }')" "vif$domid.0" \
    "its interface is listed by its name in dom0"
is "$(printf '%s\n' "$before" | awk '$1 == "cost" { print $2 }')" 1 \
    "listing and reading every device cost one collection"

# The guest does its I/O now.
ip addr add 10.99.0.1/24 dev xenbr0 || setup_failed "cannot give xenbr0 an address"
if ! xt_wait 300 io_said done; then
    tail -n 15 "$console" 2>&1 | sed 's/^/# console: /'
    setup_failed "io1 did not finish its I/O"
fi
after=$(xt_retry "$probe" io1) || setup_failed "xeniodom0test io1 failed" "$after"
printf '%s\n' "$after" | sed 's/^/# after: /'

# disk: rd_req rd_sect wr_req wr_sect oo_req f_req ds_req
grew "xvda: write requests grew" "$(field "$before" disk xvda 3)" \
    "$(field "$after" disk xvda 3)" 1
grew "xvda: sectors written grew by the 1 MiB written" \
    "$(field "$before" disk xvda 4)" "$(field "$after" disk xvda 4)" 2048
grew "xvda: read requests grew" "$(field "$before" disk xvda 1)" \
    "$(field "$after" disk xvda 1)" 1
grew "xvda: sectors read grew by the 2 MiB read" \
    "$(field "$before" disk xvda 2)" "$(field "$after" disk xvda 2)" 4096
grew "xvda: the flush of conv=fsync is counted" \
    "$(field "$before" disk xvda 6)" "$(field "$after" disk xvda 6)" 1
# net: rx_bytes rx_packets rx_errs rx_drop tx_bytes tx_packets ...
vif=vif$domid.0
grew "$vif: the guest sent its 10 pings" "$(field "$before" net "$vif" 6)" \
    "$(field "$after" net "$vif" 6)" 10
grew "$vif: ... of 98 bytes each" "$(field "$before" net "$vif" 5)" \
    "$(field "$after" net "$vif" 5)" 980
grew "$vif: the guest received dom0's 10 replies" \
    "$(field "$before" net "$vif" 2)" "$(field "$after" net "$vif" 2)" 10
grew "$vif: ... of 98 bytes each" "$(field "$before" net "$vif" 1)" \
    "$(field "$after" net "$vif" 1)" 980

# xentop between two readings of the library: each of its figures lies
# between them.  xentop shows dom0's side of a vif (NETTX is what the
# guest received), in KiB.  Its VBD_RSECT is not compared: libxenstat
# stores the sectors read over the sectors written.
l1=$(xt_retry "$probe" io1)
top=$(xt_retry "$xentop" -b -i 1)
l2=$(xt_retry "$probe" io1)
printf '%s\n' "$top" | grep -e NAME -e io1 | sed 's/^/# xentop: /'
xentop_col() {
    printf '%s\n' "$top" | awk -v c="$1" '
        $1 == "NAME" { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == "io1" && (c in col) { print $(col[c]); exit }'
}
# between DESCRIPTION VALUE LOW HIGH
between() {
    if [ -n "$2" ] && [ -n "$3" ] && [ -n "$4" ] && [ "$2" -ge "$3" ] &&
        [ "$2" -le "$4" ]; then
        ok "$1"
    else
        not_ok "$1" "xentop '$2', libvir '$3' then '$4'"
    fi
}
between "xentop VBD_RD agrees" "$(xentop_col VBD_RD)" \
    "$(field "$l1" disk xvda 1)" "$(field "$l2" disk xvda 1)"
between "xentop VBD_WR agrees" "$(xentop_col VBD_WR)" \
    "$(field "$l1" disk xvda 3)" "$(field "$l2" disk xvda 3)"
between "xentop VBD_WSECT agrees" "$(xentop_col VBD_WSECT)" \
    "$(field "$l1" disk xvda 4)" "$(field "$l2" disk xvda 4)"
between "xentop VBD_OO agrees" "$(xentop_col VBD_OO)" \
    "$(field "$l1" disk xvda 5)" "$(field "$l2" disk xvda 5)"
echo "# xentop VBD_RSECT $(xentop_col VBD_RSECT), libvir rd_sect $(field "$l2" disk xvda 2)"
kib() {
    [ -n "$1" ] && echo $(($1 / 1024))
}
between "xentop NETTX (KiB) is the guest's rx_bytes" "$(xentop_col 'NETTX(k)')" \
    "$(kib "$(field "$l1" net "$vif" 1)")" "$(kib "$(field "$l2" net "$vif" 1)")"
between "xentop NETRX (KiB) is the guest's tx_bytes" "$(xentop_col 'NETRX(k)')" \
    "$(kib "$(field "$l1" net "$vif" 5)")" "$(kib "$(field "$l2" net "$vif" 5)")"

# Destroyed: the handle the library holds sees its devices go.
"$probe" --until-gone io1 >"$XS_TMP/gone.out" 2>&1 &
gone_pid=$!
xt_wait 60 grep -q '^devices' "$XS_TMP/gone.out"
is "$(sed -n 's/^devices //p' "$XS_TMP/gone.out")" "1 1" \
    "a handle on the running guest sees one disk and one interface"
xl destroy io1 || not_ok "xl destroy io1"
wait "$gone_pid"
is "$?" 0 "after xl destroy its disk and interface are gone ($(tail -n 1 "$XS_TMP/gone.out"))"
if xt_wait 30 test ! -e "/sys/bus/xen-backend/devices/vbd-$domid-51712"; then
    ok "blkback's vbd-$domid-51712 is gone too"
else
    not_ok "blkback's vbd-$domid-51712 is gone too"
fi
ip addr flush dev xenbr0 2>/dev/null
done_testing
