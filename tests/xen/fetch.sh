#!/bin/sh
# fetch.sh CACHEDIR: downloads Debian's Xen 4.17 hypervisor, its tools and a
# Linux kernel with "apt-get download" into CACHEDIR and unpacks them with
# "dpkg-deb -x" into CACHEDIR/root.  Nothing is installed on the host.
#
# The Xen packages are fetched at the version of the host's libxen-dev, so
# that the libraries ldd finds on the host are the ones the tools were
# built against.  A .deb already in the cache is reused (no network).

set -eu

cache=$1
mkdir -p "$cache"
cd "$cache"

xen_version=$(dpkg-query -W -f='${Version}' libxen-dev 2>/dev/null) || {
    echo "fetch.sh: libxen-dev is not installed on the host" >&2
    exit 1
}

# download SPEC: apt-get download, after one "apt-get update" (as root)
# when the package lists do not know SPEC yet, as on a fresh machine.
updated=no
download() {
    apt-get download "$1" && return 0
    [ "$updated" = no ] && [ "$(id -u)" = 0 ] || return 1
    updated=yes
    echo "fetch.sh: apt-get update, then once more"
    apt-get update >/dev/null && apt-get download "$1"
}

# fetch PACKAGE [VERSION]: makes sure one .deb of PACKAGE is in the cache.
fetch() {
    pkg=$1
    want=${2:-}
    if [ -n "$want" ]; then
        # dpkg-deb file names spell an epoch's ":" as "%3a".
        file="${pkg}_$(echo "$want" | sed 's/:/%3a/')_amd64.deb"
        [ -f "$file" ] && return 0
        download "$pkg=$want" || {
            echo "fetch.sh: apt-get download $pkg=$want failed" >&2
            exit 1
        }
    else
        set -- "${pkg}"_*_amd64.deb
        [ -f "$1" ] && return 0
        download "$pkg" || {
            echo "fetch.sh: apt-get download $pkg failed" >&2
            exit 1
        }
    fi
}

for pkg in xen-hypervisor-4.17-amd64 xen-utils-4.17 xen-utils-common \
    xenstore-utils; do
    fetch "$pkg" "$xen_version"
done

# The kernel: the one a cached package holds, else the one
# linux-image-amd64 depends on now.
set -- linux-image-*-amd64_*_amd64.deb
if [ ! -f "$1" ]; then
    kernel_package() {
        apt-cache depends linux-image-amd64 2>/dev/null |
            sed -n 's/^ *Depends: \(linux-image-[0-9].*-amd64\)$/\1/p' | head -n 1
    }
    kpkg=$(kernel_package)
    if [ -z "$kpkg" ] && [ "$updated" = no ] && [ "$(id -u)" = 0 ]; then
        updated=yes
        apt-get update >/dev/null && kpkg=$(kernel_package)
    fi
    [ -n "$kpkg" ] || {
        echo "fetch.sh: cannot resolve linux-image-amd64 (run apt-get update)" >&2
        exit 1
    }
    fetch "$kpkg"
fi

# Unpack once per set of packages: the stamp names the .debs unpacked.
debs=$(ls xen-hypervisor-4.17-amd64_"$(echo "$xen_version" | sed 's/:/%3a/')"_amd64.deb \
    xen-utils-4.17_*_amd64.deb xen-utils-common_*_amd64.deb \
    xenstore-utils_*_amd64.deb linux-image-*-amd64_*_amd64.deb)
if [ "$(cat root.stamp 2>/dev/null)" != "$debs" ]; then
    rm -rf root root.stamp
    mkdir root
    for deb in $debs; do
        echo "fetch.sh: unpacking $deb"
        dpkg-deb -x "$deb" root
    done
    echo "$debs" >root.stamp
fi
