#!/bin/sh
# mkimage.sh ROOT OUTDIR: builds the guests' initrd and dom0's initramfs.
#
#   ROOT     the unpacked Debian packages (fetch.sh's CACHEDIR/root)
#   OUTDIR   gets xen (the uncompressed hypervisor), vmlinuz (dom0's and
#            the guests' kernel), guest-initrd.gz and dom0.cpio
#
# Environment: abs_srcdir, abs_builddir (the project), XEN_PROGRAMS (the
# project's programs and libraries, relative to abs_builddir: make passes
# every program it builds, check programs included).
#
# dom0's image holds busybox, the Xen tools with /etc/xen, the kernel
# modules dom0 needs, the guests, the project's sources under /xensnmp/src
# and its binaries under /xensnmp/build (also reachable at their host
# paths), net-snmp's daemons and clients, and every library ldd names for
# any of them, plus libgcc_s.so.1 (glibc loads it at run time for
# pthread_cancel; without it xl create aborts).

set -eu

root=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
: "${abs_srcdir:?}" "${abs_builddir:?}"

busybox=$(command -v busybox)
kernel=$(ls "$root"/boot/vmlinuz-*-amd64 | head -n 1)
kver=${kernel##*/vmlinuz-}
multiarch=lib/x86_64-linux-gnu

mkdir -p "$out"
zcat "$root/boot/xen-4.17-amd64.gz" >"$out/xen"
cp "$kernel" "$out/vmlinuz"

# skeleton DIR: an empty root with Debian's merged-/usr layout and
# busybox's applets in /bin.
skeleton() {
    rm -rf "$1"
    mkdir -p "$1/usr/bin" "$1/usr/sbin" "$1/usr/lib/x86_64-linux-gnu" \
        "$1/usr/lib64" "$1/proc" "$1/sys" "$1/dev" "$1/tmp" "$1/run" \
        "$1/etc" "$1/root" "$1/var/lib" "$1/var/log"
    for d in bin sbin lib lib64; do
        ln -s "usr/$d" "$1/$d"
    done
    cp "$busybox" "$1/bin/busybox"
    for applet in $("$busybox" --list); do
        [ -e "$1/bin/$applet" ] || ln -s busybox "$1/bin/$applet"
    done
}

# cpio_of DIR: the newc archive of DIR on stdout.
cpio_of() {
    (cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet)
}

# ---- the guests' initrd ------------------------------------------------
groot=$out/guest-root
skeleton "$groot"
install -m 755 "$here/guest-init.sh" "$groot/init"
# The block and network frontends, for the guest that does I/O (its
# init loads them only then).
mkdir -p "$groot/lib/modules/xen"
for m in drivers/block/xen-blkfront drivers/net/xen-netfront; do
    cp "$root/lib/modules/$kver/kernel/$m.ko" "$groot/lib/modules/xen/"
done
# The kernel runs /sbin/poweroff when Xen asks the guest to shut down;
# busybox's applet would only signal init, which is a shell here.
for cmd in poweroff reboot; do
    rm -f "$groot/bin/$cmd"
    for dir in bin sbin; do
        printf '#!/bin/sh\nexec /bin/busybox %s -f\n' "$cmd" >"$groot/$dir/$cmd"
        chmod 755 "$groot/$dir/$cmd"
    done
done
cpio_of "$groot" | gzip -1 >"$out/guest-initrd.gz"

# ---- dom0 ----------------------------------------------------------------
droot=$out/dom0-root
skeleton "$droot"
install -m 755 "$here/dom0-init.sh" "$droot/init"
mkdir -p "$droot/usr/local/bin" "$droot/xensnmp/dom0-tests" \
    "$droot/lib/modules/xen" "$droot/boot/guest" "$droot/etc/xen"
install -m 755 "$here/dom0-run-tests.sh" "$droot/usr/local/bin/xensnmp-run-tests"
cp "$here"/dom0/*.sh "$droot/xensnmp/dom0-tests/"
ln -s ../run "$droot/var/run"
ln -s ../run/lock "$droot/var/lock"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$droot/etc/passwd"
printf 'root:x:0:\n' >"$droot/etc/group"
printf '127.0.0.1 localhost dom0\n' >"$droot/etc/hosts"
printf 'PATH=/usr/local/bin:/usr/lib/xen-4.17/bin:/usr/sbin:/usr/bin:/sbin:/bin\nexport PATH\nPS1="dom0# "\n' \
    >"$droot/etc/profile"

# Xen: the tools, xenstore's clients, xl's configuration and scripts.
mkdir -p "$droot/usr/lib/xen-4.17"
cp -a "$root/usr/lib/xen-4.17/." "$droot/usr/lib/xen-4.17/"
for f in "$root"/usr/bin/xenstore*; do
    [ -L "$f" ] || cp "$f" "$droot/usr/bin/"
done
cp -a "$root/etc/xen/xl.conf" "$root/etc/xen/scripts" "$droot/etc/xen/"
cp "$here"/guests/*.cfg "$droot/etc/xen/"
# The Xen modules, then what guests' disks and interfaces need: the
# block and network backends, loop devices and a bridge (dom0-init.sh
# loads them in this order).
for m in drivers/xen/xen-evtchn drivers/xen/xen-privcmd drivers/xen/xen-gntdev \
    drivers/xen/xen-gntalloc drivers/xen/xenfs/xenfs \
    drivers/block/xen-blkback/xen-blkback drivers/net/xen-netback/xen-netback \
    drivers/block/loop net/llc/llc net/802/stp net/bridge/bridge; do
    cp "$root/lib/modules/$kver/kernel/$m.ko" "$droot/lib/modules/xen/"
done
# libxl's hotplug scripts (/etc/xen/scripts/block, vif-bridge) are bash
# scripts that take locks with flock.
cp /usr/bin/bash /usr/bin/flock "$droot/usr/bin/"
# The guests get the kernel's ELF image, unpacked from the bzImage here:
# libxenguest's xz decompression of the bzImage at "xl create" is slow
# under TCG and was seen to fail ("unable to XZ decompress kernel").
offset=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$kernel" | head -n 1 | cut -d: -f1)
# xz complains about the bytes after its stream: the ELF check decides.
tail -c +$((${offset:-0} + 1)) "$kernel" | xz -dc 2>/dev/null >"$droot/boot/guest/vmlinuz" || :
head -c 4 "$droot/boot/guest/vmlinuz" | grep -q ELF || {
    echo "mkimage.sh: cannot unpack the ELF kernel from $kernel" >&2
    exit 1
}
cp "$out/guest-initrd.gz" "$droot/boot/guest/initrd.gz"

# net-snmp and the tools the integration helpers use.
for p in /usr/sbin/snmpd /usr/sbin/snmptrapd /usr/bin/snmpget \
    /usr/bin/snmpgetnext /usr/bin/snmpwalk /usr/bin/snmpbulkwalk \
    /usr/bin/snmpset /usr/bin/snmptable /usr/bin/snmptranslate /usr/bin/ss; do
    cp "$p" "$droot$p"
done
mkdir -p "$droot/usr/share/snmp"
cp -a /usr/share/snmp/mibs "$droot/usr/share/snmp/"

# The project: sources the tests read, and the binaries built on the host.
# A libtool wrapper script is replaced by the real program in .libs.
# In a build inside the source tree (abs_builddir = abs_srcdir), both are
# one tree in dom0 too, and the harness's own work files (this image, the
# downloaded packages, earlier results) stay out of the copy: the image
# is being written inside the tree copied.
dbuild=/xensnmp/build
[ "$abs_builddir" = "$abs_srcdir" ] && dbuild=/xensnmp/src
mkdir -p "$droot/xensnmp/src" "$droot$dbuild"
tar -C "$abs_srcdir" --exclude=./tests/xen/image --exclude=./tests/xen/cache \
    --exclude=./tests/xen/results --exclude='*.o' --exclude=.libs \
    --exclude=.deps -cf - ./tests ./mib ./conf |
    tar -C "$droot/xensnmp/src" -xf -
for p in ${XEN_PROGRAMS:-}; do
    src=$abs_builddir/$p
    case $p in
    *.la) src=$(dirname "$src")/.libs/$(basename "$p" .la).so ;;
    esac
    if [ -f "$src" ] && ! head -c 4 "$src" | grep -q ELF; then
        src=$(dirname "$src")/.libs/$(basename "$src")
    fi
    [ -f "$src" ] || {
        echo "mkimage.sh: $p is not built in $abs_builddir" >&2
        exit 1
    }
    mkdir -p "$droot$dbuild/$(dirname "$p")"
    cp "$src" "$droot$dbuild/$(dirname "$p")/"
done
cp "$abs_builddir/config.h" "$droot$dbuild/"
with_xen=no
grep -q '^#define WITH_XEN 1' "$abs_builddir/config.h" && with_xen=yes
# The host's absolute paths lead to the same files (test programs have
# their source directory compiled in).  A build tree inside the source
# tree is linked inside /xensnmp/src, which the source path leads to.
# dom0-init.sh makes the links again once its tmpfs mounts are up: they
# would hide a tree under /tmp or /run.
: >"$droot/xensnmp/host-links"
for link in "$abs_srcdir:/xensnmp/src" "$abs_builddir:$dbuild"; do
    at=${link%%:*}
    case $at in
    "$abs_srcdir"/*) at=/xensnmp/src/${at#"$abs_srcdir"/} ;;
    esac
    echo "$at ${link#*:}" >>"$droot/xensnmp/host-links"
    mkdir -p "$droot$(dirname "$at")"
    ln -sfn "${link#*:}" "$droot$at"
done
cat >"$droot/xensnmp/build-info" <<EOI
# Written by tests/xen/mkimage.sh.
abs_srcdir=/xensnmp/src
abs_builddir=$dbuild
SNMPD=/usr/sbin/snmpd
SNMPTRAPD=/usr/sbin/snmptrapd
WITH_XEN=$with_xen
EOI

# Libraries: everything ldd names for any ELF file in the image, at the
# same path, plus libgcc_s.so.1.
libs=$(find "$droot" -type f -perm -u+x -o -type f -name '*.so*' |
    while read -r f; do
        head -c 4 "$f" | grep -q ELF || continue
        ldd "$f" 2>/dev/null | awk '/=> \// { print $3 } /^\t\// { print $1 }'
    done | sort -u)
missing=$(find "$droot" -type f -perm -u+x | while read -r f; do
    head -c 4 "$f" | grep -q ELF || continue
    ldd "$f" 2>/dev/null | grep 'not found' | sed "s|^|${f#$droot}: |"
done)
if [ -n "$missing" ]; then
    echo "mkimage.sh: libraries missing on the host:" >&2
    echo "$missing" >&2
    exit 1
fi
for lib in $libs "/$multiarch/libgcc_s.so.1"; do
    mkdir -p "$droot$(dirname "$lib")"
    cp -L "$lib" "$droot$lib"
done

cpio_of "$droot" >"$out/dom0.cpio"
echo "mkimage.sh: dom0.cpio $(($(stat -c %s "$out/dom0.cpio") / 1048576)) MiB," \
    "guest-initrd.gz $(($(stat -c %s "$out/guest-initrd.gz") / 1024)) KiB"
