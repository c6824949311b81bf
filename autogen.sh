#!/bin/sh
# autogen.sh: set up a fresh checkout of xensnmp on Debian 12.
#
# Installs the Debian packages the build and the tests need (when run as
# root; otherwise prints the exact apt-get line and stops), regenerates the
# build system with autoreconf and runs ./configure with the arguments
# given here.  Set XENSNMP_NO_APT=1 to skip the package check.

set -e

srcdir=$(dirname "$0")
cd "$srcdir"

# Build: autotools, a C compiler, pkg-config, libxml2.
# Tests: valgrind (make check), clang with its sanitizer and libFuzzer
# runtimes (sanitizer build, make fuzz).
# Agent: net-snmp's agent library; its tests drive the real snmpd,
# snmptrapd, net-snmp clients, check_snmp and smilint.
# Xen driver (optional, detected by configure): libxen-dev.
PACKAGES="autoconf automake libtool pkg-config make gcc libc6-dev
libxml2-dev valgrind clang libclang-rt-dev clang-format libxen-dev
libsnmp-dev snmpd snmp snmptrapd smitools monitoring-plugins-standard
python3-pysnmp4"

missing=
if [ "${XENSNMP_NO_APT:-0}" != 1 ] && command -v dpkg-query >/dev/null 2>&1; then
    for p in $PACKAGES; do
        status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
        case "$status" in
            *"install ok installed"*) ;;
            *) missing="$missing $p" ;;
        esac
    done
fi

if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
        echo "autogen.sh: installing missing Debian packages:$missing"
        export DEBIAN_FRONTEND=noninteractive
        if ! apt-get install -y --no-install-recommends $missing; then
            apt-get update
            apt-get install -y --no-install-recommends $missing
        fi
    else
        echo "autogen.sh: these Debian packages are missing:$missing" >&2
        echo "Install them as root with:" >&2
        echo "  apt-get install -y --no-install-recommends$missing" >&2
        exit 1
    fi
fi

# configure.ac keeps its macros in m4/ (AC_CONFIG_MACRO_DIR): libtoolize
# fills it, but aclocal, which runs first, warns while it does not exist.
mkdir -p m4
autoreconf -fi

if [ -z "$NOCONFIGURE" ]; then
    ./configure "$@"
fi
