#!/bin/sh
# /init of the test guests (pv1, pv2, pvh1): the Debian kernel with this
# busybox initrd, no disk, no network.
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

# A shell on the console for "xl console NAME" while debugging.
while :; do
    setsid cttyhack sh
    sleep 1
done
