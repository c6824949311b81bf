# lib.sh: helpers for the test scripts that run inside dom0
# (tests/xen/dom0/NN-name.sh), sourced by each of them.
#
# It reads /xensnmp/build-info (written when the image is built: where the
# project's sources and binaries are in dom0, whether the Xen driver was
# built) and sources the integration tests' lib.sh, so that dom0 scripts
# print TAP with the same helpers (ok, not_ok, is, check, setup_failed,
# done_testing) and can start a private snmpd, snmptrapd and xensnmpd
# (xs_tmpdir, xs_start_snmpd, xs_start_agent ...) as the host's tests do.
#
# Guests: /etc/xen/pv1.cfg, pv2.cfg (PV) and pvh1.cfg (PVH), each
# memory=128, maxmem=192, vcpus=2, maxvcpus=2, no disk or network.  The
# run-tests driver destroys every guest after each script.
#
#   xt_guest_start NAME [SECONDS]  xl create NAME and wait (default 180 s)
#                                  until its userspace is up; a guest that
#                                  dies while booting is created once more;
#                                  1 on failure
#   xt_guest_create NAME           xl create only (with -e: xl's
#                                  monitoring child was seen to abort with
#                                  "corrupted double-linked list" and fail
#                                  the create; nothing here needs it)
#   xt_guest_ready NAME            true once the guest's init has announced
#                                  itself on its console
#   xt_field NAME COLUMN           a column of "xl list NAME": 2 id, 3 mem
#                                  (MiB), 4 vcpus, 5 state, 6 time
#   xt_info KEY                    a value of "xl info" (xen_major ...)
#   xt_wait SECONDS COMMAND...     retries COMMAND every 0.5 s until it
#                                  succeeds; 1 after SECONDS
#   xt_field_is NAME COLUMN VALUE  true when the column has that value
#   xt_expect_field SECONDS NAME COLUMN VALUE DESCRIPTION
#                                  a TAP case: the column reaches VALUE
#                                  within SECONDS
#   xt_guest_gone NAME             true when xl knows no domain NAME
#   xt_destroy_guests              xl destroy every domain but Domain-0
#   skip DESCRIPTION REASON        a TAP "ok N - DESCRIPTION # SKIP REASON"
#                                  (counted as skipped, not passed)

. /xensnmp/build-info
export abs_srcdir abs_builddir SNMPD SNMPTRAPD WITH_XEN
. "$abs_srcdir/tests/integration/lib.sh"

XT_CONSOLE_LOGS=/var/log/xen/console

skip() {
    XS_NTESTS=$((XS_NTESTS + 1))
    echo "ok $XS_NTESTS - $1 # SKIP $2"
}

xt_wait() {
    xt_end=$(($(date +%s) + $1))
    shift
    until "$@"; do
        [ "$(date +%s)" -ge "$xt_end" ] && return 1
        sleep 0.5
    done
    return 0
}

xt_field() {
    xl list "$1" 2>/dev/null | awk -v c="$2" 'NR == 2 { print $c }'
}

xt_field_is() {
    [ "$(xt_field "$1" "$2")" = "$3" ]
}

xt_expect_field() {
    if xt_wait "$1" xt_field_is "$2" "$3" "$4"; then
        ok "$5"
    else
        not_ok "$5" "xl list $2: column $3 is '$(xt_field "$2" "$3")', want '$4'"
    fi
}

xt_info() {
    xl info | sed -n "s/^$1 *: //p"
}

xt_guest_create() {
    rm -f "$XT_CONSOLE_LOGS/guest-$1.log"
    xl create -q -e "/etc/xen/$1.cfg"
}

xt_guest_ready() {
    grep -q xensnmp-guest-ready "$XT_CONSOLE_LOGS/guest-$1.log" 2>/dev/null
}

# Ready, or gone: a guest that crashed while booting (on_crash=destroy).
xt_guest_settled() {
    xt_guest_ready "$1" || xt_guest_gone "$1"
}

# A PVH guest was seen to crash early in its boot under QEMU's emulated
# CPU (one boot in a few dozen): that is the emulator, not what is under
# test, so a guest that dies before its userspace is up gets one more try,
# said in the TAP stream.  A second crash fails.
xt_guest_start() {
    xt_try=1
    while :; do
        xt_guest_create "$1" || return 1
        xt_wait "${2:-180}" xt_guest_settled "$1" || return 1
        xt_guest_ready "$1" && return 0
        echo "# $1 died while booting (try $xt_try); its console:"
        sed 's/^/#   /' "$XT_CONSOLE_LOGS/guest-$1.log" 2>/dev/null | tail -n 20
        echo "# xl dmesg:"
        xl dmesg 2>/dev/null | tail -n 10 | sed 's/^/#   /'
        [ $xt_try -lt 2 ] || return 1
        xt_try=$((xt_try + 1))
    done
}

xt_guest_gone() {
    ! xl domid "$1" >/dev/null 2>&1
}

xt_destroy_guests() {
    for xt_name in $(xl list | awk 'NR > 1 && $2 != 0 { print $1 }'); do
        xl destroy "$xt_name" || echo "# xl destroy $xt_name failed"
    done
    rm -f "$XT_CONSOLE_LOGS"/guest-*.log
}
