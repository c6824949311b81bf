#!/bin/sh
# check-deb.sh: "make check-deb".  Builds the Debian package from the
# release tree with README's own build commands, runs lintian on the .deb
# and the .changes, checks the unit, then installs the package into a
# clean Debian 12 system (mmdebstrap, minbase) with README's own install
# commands, each on its own, and checks what an NMS sees there: the walk,
# check_snmp, the SNMPv3 SETs and the refused writes; then an upgrade
# that keeps the edited /etc/xensnmpd.conf, and a purge that leaves
# nothing.  Then README's other path, from source, in a second clean
# system (a copy of the first made before anything went in): its
# commands, each on its own, in a copy of the release tree, the same
# checks, and the tree built again for another prefix.  Everything it
# made goes at the end.  Output is TAP.
#
# Environment (make sets them): abs_srcdir, abs_builddir, DISTDIR (the
# release tree "make distdir" made), and XENSNMP_DEB_SUITE (bookworm).
# Needs root (chroot, namespaces), network access to Debian's mirror and
# mmdebstrap (apt-get install mmdebstrap).

. "$abs_srcdir/tests/integration/lib.sh"

: "${DISTDIR:?DISTDIR must be set (make check-deb sets it)}"
SUITE=${XENSNMP_DEB_SUITE:-bookworm}
SOURCES=/etc/apt/sources.list.d/debian.sources
README=$abs_srcdir/README.md

[ "$(id -u)" = 0 ] || setup_failed "check-deb needs root" "run it as root"
# The host's tools: installed here when missing (a fresh CI machine has
# none of them), as make check-xen does for its own.
DEB_TOOLS="mmdebstrap lintian dpkg-dev debhelper fakeroot iproute2 systemd"
missing=
for p in $DEB_TOOLS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
        grep -q 'install ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "# check-deb: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y --no-install-recommends $missing ||
        { apt-get update && apt-get install -y --no-install-recommends $missing; }; } \
        >"${TMPDIR:-/tmp}/check-deb-apt.log" 2>&1 ||
        setup_failed "cannot install$missing" \
            "$(tail -n 5 "${TMPDIR:-/tmp}/check-deb-apt.log")"
fi
for tool in mmdebstrap lintian dpkg-buildpackage unshare chroot ip \
    systemd-analyze; do
    command -v "$tool" >/dev/null 2>&1 ||
        setup_failed "$tool is missing" \
            "apt-get install $DEB_TOOLS"
done
[ -f "$SOURCES" ] || SOURCES=/etc/apt/sources.list
# The release tree lives in XS_TMP with the rest, and goes with it.
xs_tmpdir
mv "$DISTDIR" "$XS_TMP/src" || setup_failed "no release tree in $DISTDIR"
# The from-source path starts from the release tree as shipped; the
# package build writes into its own copy.
cp -a "$XS_TMP/src" "$XS_TMP/release"
root=$XS_TMP/root
srcroot=$XS_TMP/srcroot

# readme_block HEADING N: the Nth ```sh block under the README heading
# HEADING, continuation lines joined: one command a line.
readme_block() {
    awk -v h="$1" -v n="$2" '
        !code && $0 == h { sec = 1; k = 0; next }
        !code && /^#/ { sec = 0 }
        /^```/ { if (code) { code = 0; next } if (sec) { k++; code = 1; next } }
        code && sec && k == n { print }
    ' "$README" | sed -e ':a' -e '/\\$/N; s/\\\n//; ta'
}

# 1. The package, built as README says, in the release tree.
build_cmds=$(readme_block '#### The Debian package' 1)
[ -n "$build_cmds" ] || setup_failed "README has no package build commands"
n=0
printf '%s\n' "$build_cmds" >"$XS_TMP/build.cmds"
while IFS= read -r cmd; do
    n=$((n + 1))
    if (cd "$XS_TMP/src" && sh -c "$cmd") >"$XS_TMP/build-$n.log" 2>&1; then
        ok "readme_build_$n: $cmd"
    else
        not_ok "readme_build_$n: $cmd" "$(tail -n 15 "$XS_TMP/build-$n.log")"
    fi
done <"$XS_TMP/build.cmds"
deb=$(ls "$XS_TMP"/xensnmpd_*.deb 2>/dev/null | head -n 1)
changes=$(ls "$XS_TMP"/xensnmp_*.changes 2>/dev/null | head -n 1)
[ -n "$deb" ] && [ -n "$changes" ] ||
    setup_failed "the build made no xensnmpd .deb and .changes"

# 2. lintian: no error, no warning (overrides carry their reason).
if out=$(lintian --fail-on error,warning "$changes" 2>&1); then
    ok "lintian_clean"
else
    not_ok "lintian_clean" "$out"
fi

# 3. The unit, as packaged.
mkdir "$XS_TMP/deb"
dpkg-deb -x "$deb" "$XS_TMP/deb"
unit=$XS_TMP/deb/lib/systemd/system/xensnmpd.service
for want in '^Restart=on-failure$' '^After=.*snmpd\.service' \
    '^ConditionPathExists=/proc/xen/capabilities$'; do
    if grep -q "$want" "$unit"; then
        ok "unit_has $want"
    else
        not_ok "unit_has $want" "$(cat "$unit")"
    fi
done
# Skipped, not failed, here: this machine is no Xen dom0.
if grep -qw control_d /proc/xen/capabilities 2>/dev/null; then
    ok "unit_skipped_off_dom0 # SKIP this machine is a Xen dom0"
else
    cond=$(sed -n 's/^ExecCondition=//p' "$unit")
    # shellcheck disable=SC2086 # the unit's words
    $cond 2>/dev/null
    st=$?
    if [ $st -ge 1 ] && [ $st -le 254 ] &&
        ! systemd-analyze condition $(grep '^Condition' "$unit") \
            >/dev/null 2>&1; then
        ok "unit_skipped_off_dom0"
    else
        not_ok "unit_skipped_off_dom0" "ExecCondition exit $st"
    fi
fi

# 4. A clean Debian 12, with the NMS's tools and systemd's (not run).
# The package, snmpd and snmp come with README's apt-get line below; they
# are only downloaded now, while the network is there.
if ! mmdebstrap --variant=minbase --skip=cleanup/apt/lists \
    --include=snmp,monitoring-plugins-standard,procps,systemd \
    "$SUITE" "$root" "$SOURCES" >"$XS_TMP/mmdebstrap.log" 2>&1; then
    setup_failed "mmdebstrap failed" "$(tail -n 10 "$XS_TMP/mmdebstrap.log")"
fi
ok "clean_debian_chroot"
mkdir "$root/xstest"
cp /etc/resolv.conf "$root/etc/resolv.conf"
echo '127.0.0.1 dom0' >>"$root/etc/hosts"
# Maintainer scripts start no service in a chroot (Debian's own way to
# say so); the systemctl stand-in starts them as their units say.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 0755 "$root/usr/sbin/policy-rc.d"
install -m 0755 "$abs_srcdir/tests/deb/systemctl" "$root/usr/local/sbin/systemctl"
# The integration tests' helpers where lib.sh looks for its own (the
# sessions' abs_srcdir is /xstest).
mkdir -p "$root/xstest/tests/integration"
for f in nms.sh session.sh srcsession.sh fromsource.sh; do
    cp "$abs_srcdir/tests/deb/$f" "$root/xstest/"
done
cp "$abs_srcdir/tests/integration/lib.sh" "$root/xstest/tests/integration/"
cp "$abs_srcdir/tests/tap.sh" "$root/xstest/tests/"
# The definitions README's examples use, then the numeric commands.
readme_block '### Example commands' 1 | grep '^V3()' >"$root/xstest/examples.def"
readme_block '### Example commands' 2 >"$XS_TMP/examples"
grep '^X=' "$XS_TMP/examples" >>"$root/xstest/examples.def"
grep -v '^X=' "$XS_TMP/examples" >"$root/xstest/examples.sh"
# The from-source system: this one as it is now, with README's commands
# for that path and the release tree.
cp -a "$root" "$srcroot" || setup_failed "cannot copy the clean chroot"
readme_block '#### From source' 1 >"$srcroot/xstest/src.cmds"
[ -s "$srcroot/xstest/src.cmds" ] ||
    setup_failed "README has no From-source commands"
mv "$XS_TMP/release" "$srcroot/xstest/xensnmp"
# The package's.
cp "$deb" "$root/xstest/"
readme_block '#### The Debian package' 2 >"$root/xstest/install.cmds"
[ -s "$root/xstest/install.cmds" ] ||
    setup_failed "README has no package install commands"
# The upgrade: the same package with a higher version.
dpkg-deb -R "$deb" "$XS_TMP/up"
sed -i 's/^Version: .*/&+up1/' "$XS_TMP/up/DEBIAN/control"
dpkg-deb -b "$XS_TMP/up" "$root/xstest/upgrade.deb" >/dev/null ||
    setup_failed "cannot repack the package for the upgrade"
# A root login's environment in the chroot, none of this test's (the
# harness exports SNMP_PERSISTENT_DIR and MIBS for its own clients).
CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
CHROOT_ENV="env -i HOME=/root LANG=C.UTF-8 PATH=$CHROOT_PATH"
if ! unshare -m sh -c "mount -t proc proc '$root/proc' &&
    $CHROOT_ENV chroot '$root' sh -c 'cd /xstest && apt-get install -y --download-only \
        \$(sed -n \"s/^apt-get install //p\" install.cmds)'" \
    >"$XS_TMP/download.log" 2>&1; then
    setup_failed "downloading the packages failed" "$(tail -n 10 "$XS_TMP/download.log")"
fi

# relay NAME LOG: a chroot session's TAP among this test's own; a session
# that stopped before its plan is a failure.
relay() {
    while IFS= read -r line; do
        case $line in
        ok\ *) ok "${line#ok * - }" ;;
        not\ ok\ *) not_ok "${line#not ok * - }" ;;
        \#*) echo "$line" ;;
        esac
    done <"$2"
    grep -q '^1\.\.' "$2" ||
        not_ok "${1}_ran_to_the_end" "$(tail -n 20 "$2")"
}

# offline CHROOT SCRIPT ARG...: SCRIPT in CHROOT without the network and
# with its own pids: the stock snmpd.conf's 127.0.0.1:161 is that
# system's own, and net-snmp-create-v3-user's "is snmpd running" sees it
# alone.
offline() {
    off_root=$1
    shift
    unshare --net --pid --fork --mount --mount-proc="$off_root/proc" \
        sh -c "ip link set lo up && exec $CHROOT_ENV chroot '$off_root' sh $*"
}

# 5. README's install commands and the NMS's view.
offline "$root" /xstest/session.sh >"$XS_TMP/session.log" 2>&1
relay session "$XS_TMP/session.log"

# 6. From source: README's build line with the network (autogen.sh
# installs what the build needs), the rest as the package's were run.
unshare -m sh -c "mount -t proc proc '$srcroot/proc' &&
    exec $CHROOT_ENV chroot '$srcroot' sh /xstest/srcsession.sh build" \
    >"$XS_TMP/srcbuild.log" 2>&1
relay srcbuild "$XS_TMP/srcbuild.log"
offline "$srcroot" /xstest/srcsession.sh serve >"$XS_TMP/srcserve.log" 2>&1
relay srcserve "$XS_TMP/srcserve.log"

# Nothing may stay mounted in the chroots before they go with XS_TMP.
if [ -n "$(findmnt -rn -o TARGET | grep -F "$XS_TMP/")" ]; then
    XS_KEEP_TMP=1
    not_ok "chroot_unmounted" "$(findmnt -rn -o TARGET | grep -F "$XS_TMP/")"
fi
done_testing
