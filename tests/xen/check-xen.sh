#!/bin/sh
# check-xen.sh [--shell | --image]: "make check-xen", "make xen-shell"
# and "make xen-image".
#
# Boots Debian's Xen 4.17 with a Debian dom0 under QEMU and runs the test
# scripts of tests/xen/dom0/ inside dom0 (or, with --shell, gives a dom0
# shell on this terminal; with --image, stops once the images are built,
# in tests/xen/image).  See tests/xen/README.
#
# Environment (make sets the first three):
#   abs_srcdir, abs_builddir   the project's source and build trees
#   XEN_PROGRAMS               the built programs to put into dom0
#   XENSNMP_XEN_CACHE          where the .debs go (default
#                              $abs_builddir/tests/xen/cache)
#   XENSNMP_XEN_TIMEOUT        seconds QEMU may run in test mode (3600)

set -u

: "${abs_srcdir:?abs_srcdir must be set (make check-xen sets it)}"
: "${abs_builddir:?abs_builddir must be set (make check-xen sets it)}"
export abs_srcdir abs_builddir

mode=test
case ${1:-} in
--shell) mode=shell ;;
--image) mode=image ;;
'') ;;
*)
    echo "usage: $0 [--shell | --image]" >&2
    exit 2
    ;;
esac

here=$abs_srcdir/tests/xen
work=$abs_builddir/tests/xen
cache=${XENSNMP_XEN_CACHE:-$work/cache}
t0=$(date +%s)

elapsed() {
    echo "$(($(date +%s) - t0)) s"
}

# Host packages: the emulator, busybox for the initramfs, cpio, xz (the
# guest kernel is unpacked), and what
# the image copies from the host (net-snmp, ss, the Xen libraries).
packages="qemu-system-x86 busybox-static cpio libxen-dev snmpd snmptrapd
snmp iproute2 xz-utils"
missing=
for p in $packages; do
    case $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) in
    *"install ok installed"*) ;;
    *) missing="$missing $p" ;;
    esac
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "check-xen: installing host packages:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y --no-install-recommends $missing >/dev/null ||
            { apt-get update >/dev/null &&
                apt-get install -y --no-install-recommends $missing >/dev/null; } || {
            echo "check-xen: FAIL: could not install$missing" >&2
            exit 1
        }
    else
        echo "check-xen: FAIL: these host packages are missing:$missing" >&2
        echo "Install them as root with:" >&2
        echo "  apt-get install -y --no-install-recommends$missing" >&2
        exit 1
    fi
fi

# One run per build tree: a second would share the image, the serial log
# and the results, and starve the first of cpu.
mkdir -p "$work" || exit 1
exec 9>"$work/.lock"
if ! flock -n 9; then
    echo "check-xen: FAIL: another make check-xen or xen-shell is running in $work" >&2
    exit 1
fi

echo "check-xen: fetching Xen and kernel packages into $cache"
sh "$here/fetch.sh" "$cache" || {
    echo "check-xen: FAIL: could not fetch the Debian packages" >&2
    exit 1
}
echo "check-xen: building the images ($(elapsed))"
sh "$here/mkimage.sh" "$cache/root" "$work/image" || {
    echo "check-xen: FAIL: could not build the images" >&2
    exit 1
}

if [ $mode = image ]; then
    echo "check-xen: images built in $work/image ($(elapsed))"
    exit 0
fi
if [ $mode = shell ]; then
    echo "check-xen: booting Xen; dom0 shell on this terminal (Ctrl-a x quits)"
    exec sh "$here/boot.sh" "$work/image" shell
fi

echo "check-xen: booting Xen under QEMU ($(elapsed))"
sh "$here/boot.sh" "$work/image" test "$work/serial.log"
boot=$?
sh "$here/results.sh" "$work/serial.log" "$work/results"
status=$?
[ $boot = 0 ] || status=1
echo "check-xen: $(elapsed) in all; results in $work/results"
exit $status
