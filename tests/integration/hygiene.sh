#!/bin/sh
# hygiene.sh: the build system's own hygiene.  autogen.sh (autoreconf) on
# a fresh copy of the sources prints no warning; every file the build
# makes (programs, modules, generated files, fuzz targets, the logs of
# make check, bench and fuzz) is ignored by git, so that "git status"
# after a build shows only what a developer changed.

. "$abs_srcdir/tests/integration/lib.sh"

xs_tmpdir

# A fresh copy: the sources without anything autoreconf or a build made.
tar -C "$abs_srcdir" --exclude=./m4 --exclude=./autom4te.cache \
    --exclude=./_ci --exclude=./tests/xen/cache --exclude=./tests/xen/image \
    --exclude=.git --exclude='*.o' --exclude=.libs --exclude=.deps \
    -cf - . | tar -C "$XS_TMP" -xf - ||
    setup_failed "cannot copy the sources"
rm -f "$XS_TMP/configure" "$XS_TMP/aclocal.m4"
if out=$(cd "$XS_TMP" && NOCONFIGURE=1 XENSNMP_NO_APT=1 sh ./autogen.sh 2>&1); then
    ok "autogen_runs"
else
    not_ok "autogen_runs" "$out"
fi
warnings=$(printf '%s\n' "$out" | grep -i 'warning')
is "$warnings" "" "autogen_prints_no_warning"

# Build outputs, as make names them (XS_BUILD_OUTPUTS, from Makefile.am),
# and what make check, bench and fuzz write beside them.
if [ -d "$abs_srcdir/.git" ] || [ -f "$abs_srcdir/.git" ]; then
    for f in ${XS_BUILD_OUTPUTS:-} tests/test-suite.log tests/apitest.log \
        tests/apitest.trs tests/bench/node-1000.xml \
        tests/fuzz/fuzz_uri.log crash-0123 tests/xen/image/xen \
        tests/xen/cache/x.deb xensnmp-0.1.0.tar.gz debian/files \
        debian/xensnmpd/usr/sbin/xensnmpd debian/.debhelper/x \
        debian/debhelper-build-stamp debian/xensnmpd.substvars; do
        if git -C "$abs_srcdir" check-ignore -q --no-index "$f"; then
            ok "git_ignores_$f"
        else
            not_ok "git_ignores_$f"
        fi
    done
else
    ok "git_ignores_build_outputs # SKIP not a git checkout"
fi
done_testing
