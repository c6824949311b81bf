# Per-device I/O counters on real Xen: a PV guest with a disk (a loop
# device through blkback) and an interface on bridge xenbr0 writes 1 MiB
# and reads 2 MiB of its disk and pings dom0 10 times (guest-init.sh,
# xensnmp_io=); the library's counters (tests/xeniodom0test) and the
# columns of xenVbdTable and xenVifTable (snmpd and xensnmpd on xen:///)
# grow by at least that much and agree with "xentop -b -i 1"; the
# library reads every device in one collection, and the devices and
# their rows go away when the guest is destroyed.
#
# The guest's devices attach only while dom0's kernel still has the
# xenbus watches it set at boot: 99-xenstored, which restarts xenstored,
# runs after this script (see there).
# xentest-timeout: 900
. /xensnmp/dom0-tests/lib.sh

[ "$WITH_XEN" = yes ] || setup_failed "this build has no Xen driver"
probe=$abs_builddir/tests/xeniodom0test
[ -x "$probe" ] || setup_failed "$probe is not in the image"
xentop=$(command -v xentop || echo /usr/lib/xen-4.17/bin/xentop)
[ -x "$xentop" ] || setup_failed "xentop is not in the image"
[ -e "$XT_XENSTORED_RESTARTED" ] &&
    setup_failed "xenstored was restarted in this boot: no guest device can attach" \
        "$(cat "$XT_XENSTORED_RESTARTED")"

xs_require_tools
xs_tmpdir
xs_start_snmpd
xt_start_agent -r 1
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
# io_diagnose: what a failed attach leaves behind, so that the TAP says
# why (libxl's own message names only the device): libxl's hotplug
# scripts' log, what they work with (loop devices, the backends' drivers)
# and the kernel's last words, then "xl -vvv create" again, which shows
# the hotplug script's exit and libxl's wait for it.
io_diagnose() {
    {
        echo "hotplug log:"
        tail -n 30 /var/log/xen/xen-hotplug.log 2>&1
        echo "loop devices:"
        ls -l /dev/loop* 2>&1
        losetup -a 2>&1
        echo "backend drivers and devices:"
        ls /sys/bus/xen-backend/drivers /sys/bus/xen-backend/devices 2>&1
        echo "dmesg:"
        dmesg 2>&1 | tail -n 15
        xl destroy io1 >/dev/null 2>&1
        echo "xl -vvv create:"
        xl -vvv create -e "$XS_TMP/io1.cfg" 2>&1 | tail -n 60
        xl destroy io1 >/dev/null 2>&1
    } | sed 's/^/# /'
}
if ! out=$(xl create -q -e "$XS_TMP/io1.cfg" 2>&1); then
    io_diagnose
    setup_failed "xl create io1 failed" "$out"
fi
if ! xt_wait 400 io_said waiting; then
    tail -n 15 "$console" 2>&1 | sed 's/^/# console: /'
    setup_failed "io1 did not bring up its disk and interface"
fi
domid=$(xl domid io1)
vif=vif$domid.0
VIF=$XS_MIB_OID.1.5.1
VBD=$XS_MIB_OID.1.6.1

# mib_io: xensnmpd's figures for io1's disk and interface in the probe's
# format ("disk NAME rd_req ...", "net NAME rx_bytes ..."), the
# columns in the MIB's order, after "refreshes N" (xenNodeRefreshes):
# one GET, so one snapshot.  A missing instance reads "No".
mib_io() {
    mi_idx=$(xt_idx io1)
    mi_oids="$XS_NODE_OID.21.0"
    for mi_c in 2 4 5 6 7 8 9 10; do
        mi_oids="$mi_oids $VBD.$mi_c$mi_idx.51712"
    done
    for mi_c in 2 3 4 5 6 7 8 9 10; do
        mi_oids="$mi_oids $VIF.$mi_c$mi_idx.0"
    done
    mi_vals=$($SNMPGET -Oqv $mi_oids 2>&1) || {
        printf '%s\n' "$mi_vals"
        return 1
    }
    printf '%s\n' "$mi_vals" | awk '{ gsub(/"/, "") }
        NR == 1 { print "refreshes", $1 }
        NR == 2 { line = "disk" }
        NR == 10 { print line; line = "net" }
        NR >= 2 { line = line " " $1 }
        END { print line }'
}
# mib_fresh: mib_io from a snapshot the agent began after this call did:
# two refreshes later (one may have been under way).
mib_fresh() {
    mf_from=$(mib_io | awk '$1 == "refreshes" { print $2 }')
    case $mf_from in
    '' | *[!0-9]*)
        mib_io
        return 1
        ;;
    esac
    mf_end=$(($(date +%s) + 60))
    while mf_out=$(mib_io); do
        mf_n=$(printf '%s\n' "$mf_out" | awk '$1 == "refreshes" { print $2 }')
        [ "${mf_n:-0}" -ge $((mf_from + 2)) ] 2>/dev/null && break
        [ "$(date +%s)" -ge "$mf_end" ] && break
        sleep 0.5
    done
    printf '%s\n' "$mf_out"
}
# mib_rows: io1's rows in xenVbdTable and xenVifTable (a walk of each
# name column).
mib_rows() {
    { xt_rows "$VBD.2" && xt_rows "$VIF.2"; } | grep '^io1 '
}

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
# names WHO LINES: TAP cases, the devices are listed by their names.
names() {
    is "$(printf '%s\n' "$2" | awk '$1 == "disk" { print $2 }')" xvda \
        "$1: the guest's disk is listed by the name the guest sees"
    is "$(printf '%s\n' "$2" | awk '$1 == "net" { print $2 }')" "$vif" \
        "$1: its interface is listed by its name in dom0"
}
# grew_by_io WHO BEFORE AFTER: TAP cases, the counters of WHO (the
# library or the MIB) grew by at least the guest's I/O.
grew_by_io() {
    # disk: rd_req rd_sect wr_req wr_sect oo_req f_req ds_req
    grew "$1: xvda write requests grew" "$(field "$2" disk xvda 3)" \
        "$(field "$3" disk xvda 3)" 1
    grew "$1: xvda sectors written grew by the 1 MiB written" \
        "$(field "$2" disk xvda 4)" "$(field "$3" disk xvda 4)" 2048
    grew "$1: xvda read requests grew" "$(field "$2" disk xvda 1)" \
        "$(field "$3" disk xvda 1)" 1
    grew "$1: xvda sectors read grew by the 2 MiB read" \
        "$(field "$2" disk xvda 2)" "$(field "$3" disk xvda 2)" 4096
    grew "$1: xvda's flush of conv=fsync is counted" \
        "$(field "$2" disk xvda 6)" "$(field "$3" disk xvda 6)" 1
    # net: rx_bytes rx_packets rx_errs rx_drop tx_bytes tx_packets ...
    grew "$1: $vif: the guest sent its 10 pings" \
        "$(field "$2" net "$vif" 6)" "$(field "$3" net "$vif" 6)" 10
    grew "$1: $vif: ... of 98 bytes each" "$(field "$2" net "$vif" 5)" \
        "$(field "$3" net "$vif" 5)" 980
    grew "$1: $vif: the guest received dom0's 10 replies" \
        "$(field "$2" net "$vif" 2)" "$(field "$3" net "$vif" 2)" 10
    grew "$1: $vif: ... of 98 bytes each" "$(field "$2" net "$vif" 1)" \
        "$(field "$3" net "$vif" 1)" 980
}

before=$(xt_retry "$probe" io1) || setup_failed "xeniodom0test io1 failed" "$before"
printf '%s\n' "$before" | sed 's/^/# before: /'
names libvir "$before"
is "$(printf '%s\n' "$before" | awk '$1 == "cost" { print $2 }')" 1 \
    "libvir: listing and reading every device cost one collection"
mib_before=$(mib_fresh)
printf '%s\n' "$mib_before" | sed 's/^/# MIB before: /'
names MIB "$mib_before"

# The guest does its I/O now.
ip addr add 10.99.0.1/24 dev xenbr0 || setup_failed "cannot give xenbr0 an address"
if ! xt_wait 300 io_said done; then
    tail -n 15 "$console" 2>&1 | sed 's/^/# console: /'
    setup_failed "io1 did not finish its I/O"
fi
after=$(xt_retry "$probe" io1) || setup_failed "xeniodom0test io1 failed" "$after"
printf '%s\n' "$after" | sed 's/^/# after: /'
grew_by_io libvir "$before" "$after"
mib_after=$(mib_fresh)
printf '%s\n' "$mib_after" | sed 's/^/# MIB after: /'
grew_by_io MIB "$mib_before" "$mib_after"

# xentop between two readings of the library and two of the MIB: each
# of its figures lies between them.  xentop shows dom0's side of a vif
# (NETTX is what the guest received), in KiB.  Its VBD_RSECT is not
# compared: libxenstat stores the sectors read over the sectors written.
l1=$(xt_retry "$probe" io1)
m1=$(mib_io)
top=$(xt_retry "$xentop" -b -i 1)
l2=$(xt_retry "$probe" io1)
m2=$(mib_fresh)
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
        not_ok "$1" "xentop '$2', readings '$3' then '$4'"
    fi
}
kib() {
    [ -n "$1" ] && echo $(($1 / 1024))
}
# agrees WHO FIRST SECOND: TAP cases, xentop's figures lie between the
# two readings of WHO.
agrees() {
    between "$1: xentop VBD_RD agrees" "$(xentop_col VBD_RD)" \
        "$(field "$2" disk xvda 1)" "$(field "$3" disk xvda 1)"
    between "$1: xentop VBD_WR agrees" "$(xentop_col VBD_WR)" \
        "$(field "$2" disk xvda 3)" "$(field "$3" disk xvda 3)"
    between "$1: xentop VBD_WSECT agrees" "$(xentop_col VBD_WSECT)" \
        "$(field "$2" disk xvda 4)" "$(field "$3" disk xvda 4)"
    between "$1: xentop VBD_OO agrees" "$(xentop_col VBD_OO)" \
        "$(field "$2" disk xvda 5)" "$(field "$3" disk xvda 5)"
    echo "# xentop VBD_RSECT $(xentop_col VBD_RSECT), $1 rd_sect $(field "$3" disk xvda 2)"
    between "$1: xentop NETTX (KiB) is the guest's rx_bytes" \
        "$(xentop_col 'NETTX(k)')" "$(kib "$(field "$2" net "$vif" 1)")" \
        "$(kib "$(field "$3" net "$vif" 1)")"
    between "$1: xentop NETRX (KiB) is the guest's tx_bytes" \
        "$(xentop_col 'NETRX(k)')" "$(kib "$(field "$2" net "$vif" 5)")" \
        "$(kib "$(field "$3" net "$vif" 5)")"
}
agrees libvir "$l1" "$l2"
agrees MIB "$m1" "$m2"

# Destroyed: the handle the library holds sees its devices go, and so
# do the MIB's rows.
is "$(mib_rows | wc -l)" 2 "the MIB has a row for the disk and one for the interface"
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
# (Gone from an agent that still answers.)
mib_rows_gone() {
    case $($SNMPGET -Oqv "$XS_NODE_OID.21.0" 2>/dev/null) in
    '' | *[!0-9]*) return 1 ;;
    esac
    ! mib_rows >/dev/null
}
if xt_wait 30 mib_rows_gone; then
    ok "io1's rows left xenVbdTable and xenVifTable"
else
    not_ok "io1's rows left xenVbdTable and xenVifTable" "$(mib_rows)"
fi
xt_agent_alive "xensnmpd still running"
ip addr flush dev xenbr0 2>/dev/null
xt_done_testing
