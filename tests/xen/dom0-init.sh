#!/bin/sh
# /init of the dom0 initramfs: brings up the Xen userland the way a
# distribution's boot would, then either runs the tests
# (xensnmp.mode=test on the kernel command line) or gives a shell on the
# console (xensnmp.mode=shell), and powers off, which ends QEMU.

PATH=/usr/local/bin:/usr/lib/xen-4.17/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PATH

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
# What udev would link: the block hotplug script's lock (locking.sh)
# stats /dev/stdin, and without it waits for its lock until libxl kills
# it ("Unable to add vbd").
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/0 /dev/stdin
ln -s /proc/self/fd/1 /dev/stdout
ln -s /proc/self/fd/2 /dev/stderr
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
# The build's host paths (mkimage.sh), which a mount above may hide.
while read -r at target; do
    [ -e "$at" ] || { mkdir -p "${at%/*}" && ln -sfn "$target" "$at"; }
done </xensnmp/host-links
# /var/run and /var/lock are symlinks into /run in the image: libxl's
# lock files and "xl console" need them.
mkdir -p /run/lock /run/xen /run/xenstored /var/log/xen/console \
    /var/lib/xen /var/lib/xenstored

for m in xen-evtchn xen-privcmd xen-gntdev xen-gntalloc xenfs xen-blkback \
    xen-netback loop llc stp bridge; do
    insmod "/lib/modules/xen/$m.ko" || echo "dom0-init: insmod $m failed"
done
mount -t xenfs xenfs /proc/xen || echo "dom0-init: cannot mount xenfs"

hostname dom0
ip link set lo up

xenstored --pid-file /run/xenstored.pid || echo "dom0-init: xenstored failed"
xen-init-dom0 >/dev/null || echo "dom0-init: xen-init-dom0 failed"
xenconsoled --pid-file=/run/xenconsoled.pid --log=guest \
    --log-dir=/var/log/xen/console || echo "dom0-init: xenconsoled failed"

mode=test
tests=
for arg in $(cat /proc/cmdline); do
    case $arg in
    xensnmp.mode=*) mode=${arg#xensnmp.mode=} ;;
    xensnmp.tests=*) tests=$(echo "${arg#xensnmp.tests=}" | tr + ' ') ;;
    esac
done

if [ "$mode" = shell ]; then
    cat <<EOT

xensnmp dom0 shell.  Tests: /xensnmp/dom0-tests (helpers in lib.sh there);
run them all with "xensnmp-run-tests", one with "xensnmp-run-tests NAME".
Guests: xl create /etc/xen/pv1.cfg (pv2, pvh1).  "exit" powers off.

EOT
    cd /root
    setsid cttyhack sh -l
else
    xensnmp-run-tests $tests
fi
sync
poweroff -f
