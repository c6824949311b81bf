#!/bin/sh
# /init of the test guests (pv1, pv2, pvh1): the Debian kernel with this
# busybox initrd, no disk, no network.  A guest started with
# xensnmp_io=ADDRESS on its kernel command line (dom0/86-io.sh) has a
# disk and an interface, and does a known amount of I/O (see below).
#
# It does what udev and a real init would do for the tests in dom0:
# brings hot-plugged vcpus online (or "xl vcpu-set" upward shows no
# effect), and announces on the console when userspace is up, which
# xenconsoled logs for dom0's wait helpers.  /sbin/poweroff ends in
# "busybox poweroff -f", so "xl shutdown" completes.

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

# A vcpu Xen makes available appears offline in sysfs until someone
# writes 1 to its "online" file.
(
    while :; do
        for f in /sys/devices/system/cpu/cpu*/online; do
            [ "$(cat "$f" 2>/dev/null)" = 0 ] && echo 1 >"$f" 2>/dev/null
        done
        sleep 1
    done
) &

echo "xensnmp-guest-ready"

# The I/O guest: loads the block and network frontends, gives eth0
# ADDRESS/24, says "xensnmp-io-waiting", and waits until dom0 answers a
# ping at the .1 of that network (dom0 gives its bridge that address
# once it has read the counters before).  Then it writes 1 MiB to xvda
# (2048 sectors, flushed), drops its page cache, reads 2 MiB back from
# the disk (4096 sectors), pings dom0 10 times (98-byte frames) and says
# "xensnmp-io-done".
io=$(sed -n 's/.*xensnmp_io=\([0-9.]*\).*/\1/p' /proc/cmdline)
if [ -n "$io" ]; then
    (
        insmod /lib/modules/xen/xen-blkfront.ko
        insmod /lib/modules/xen/xen-netfront.ko
        n=0
        until [ -b /dev/xvda ] && [ -e /sys/class/net/eth0 ]; do
            n=$((n + 1))
            [ $n -gt 120 ] && { echo "xensnmp-io-failed: no xvda or eth0"; exit 1; }
            sleep 0.5
        done
        ip link set lo up
        ip addr add "$io/24" dev eth0
        ip link set eth0 up
        dom0=${io%.*}.1
        echo "xensnmp-io-waiting"
        until ping -c 1 -W 1 "$dom0" >/dev/null 2>&1; do
            sleep 0.5
        done
        dd if=/dev/zero of=/dev/xvda bs=4096 count=256 conv=fsync 2>/dev/null
        sync
        echo 3 >/proc/sys/vm/drop_caches
        dd if=/dev/xvda of=/dev/null bs=4096 count=512 2>/dev/null
        ping -c 10 "$dom0" >/dev/null 2>&1
        echo "xensnmp-io-done"
    ) &
fi

# A shell on the console for "xl console NAME" while debugging.
while :; do
    setsid cttyhack sh
    sleep 1
done
