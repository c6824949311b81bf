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
#   xt_guests_boot SECONDS NAME... xl create each (a failed create once
#                                  more), then wait up to SECONDS for each
#                                  to be up (one that dies while booting
#                                  once more); 1 when one is not, with what
#                                  went wrong in $XT_BOOT_ERROR (one line)
#                                  and a failed guest's console printed
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
#   xt_guest_dead NAME             gone, or shut down or crashed
#   xt_state_has NAME FLAG         true when the State column of "xl list
#                                  NAME" has FLAG (p, s, c ...)
#   xt_destroy_guests              xl destroy every domain but Domain-0
#   skip DESCRIPTION REASON        a TAP "ok N - DESCRIPTION # SKIP REASON"
#                                  (counted as skipped, not passed)
#   xt_start_agent [OPTION]...     xs_start_agent on xen:/// instead of a
#                                  node file (after xs_start_snmpd)
#   xt_idx NAME                    the index of NAME's rows in the domain
#                                  table (".3.112.118.49" for pv1)
#   xt_retry COMMAND...            COMMAND's output, run up to three
#                                  times until it succeeds, each failure
#                                  said in a comment on stderr: programs
#                                  in dom0 now and then die of SIGSEGV or
#                                  an ld.so assertion on a loaded host
#   $XT_XENSTORED_RESTARTED        exists (saying why) once a script has
#                                  restarted xenstored in this boot: from
#                                  then on no guest disk or interface
#                                  attaches (99-xenstored.sh says why)
#   xt_done_testing                done_testing, after the tail of
#                                  xensnmpd's log when a case failed
#   xt_agent_alive DESCRIPTION     a TAP case: xensnmpd still runs (its
#                                  log is the diagnostic otherwise)
#   xt_rows COLUMN-OID [OPTION]... snmpwalk of one column of the domain
#                                  or vcpu table, a line per row: "NAME
#                                  VALUE" or "NAME VCPU VALUE" (the index
#                                  decoded; strings keep their quotes)

. /xensnmp/build-info
export abs_srcdir abs_builddir SNMPD SNMPTRAPD WITH_XEN
. "$abs_srcdir/tests/integration/lib.sh"

XT_CONSOLE_LOGS=/var/log/xen/console
XT_XENSTORED_RESTARTED=/run/xensnmp-xenstored-restarted

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

xt_state_has() {
    case $(xt_field "$1" 5) in
    *"$2"*) return 0 ;;
    esac
    return 1
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

# Gone, or stopped (shut down or crashed): a guest xl created with -e
# has no xl process to carry out its on_crash or on_reboot, so one that
# died stays in xl list flagged "s" or "c".
xt_guest_dead() {
    xt_guest_gone "$1" && return 0
    case $(xt_field "$1" 5) in
    ???s* | ????c*) return 0 ;;
    esac
    return 1
}

# Ready, or dead while booting.
xt_guest_settled() {
    xt_guest_ready "$1" || xt_guest_dead "$1"
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
        xl destroy "$1" 2>/dev/null
    done
}

# Created one at a time, then booted side by side.  xl create itself was
# seen to crash now and then on a loaded host: then once more, after
# destroying what it left.
xt_guests_boot() {
    xt_secs=$1
    shift
    XT_BOOT_ERROR=
    for xt_g in "$@"; do
        xt_guest_create "$xt_g" && continue
        echo "# xl create $xt_g failed: once more"
        xl destroy "$xt_g" 2>/dev/null
        xt_guest_create "$xt_g" ||
            XT_BOOT_ERROR="$XT_BOOT_ERROR${XT_BOOT_ERROR:+; }xl create $xt_g failed twice"
    done
    for xt_g in "$@"; do
        xt_wait "$xt_secs" xt_guest_settled "$xt_g"
        xt_guest_ready "$xt_g" && continue
        if xt_guest_dead "$xt_g"; then
            echo "# $xt_g died while booting: once more; its console:"
            tail -n 5 "$XT_CONSOLE_LOGS/guest-$xt_g.log" 2>&1 | sed 's/^/#   /'
            xl destroy "$xt_g" 2>/dev/null
            xt_guest_create "$xt_g" &&
                xt_wait "$xt_secs" xt_guest_ready "$xt_g" && continue
        fi
        XT_BOOT_ERROR="$XT_BOOT_ERROR${XT_BOOT_ERROR:+; }$xt_g did not boot"
        echo "# $xt_g did not boot; its console:"
        tail -n 5 "$XT_CONSOLE_LOGS/guest-$xt_g.log" 2>&1 | sed 's/^/#   /'
    done
    [ -z "$XT_BOOT_ERROR" ]
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

xt_start_agent() {
    "$XENSNMPD" -f -x "$XS_TMP/agentx.sock" -u xen:/// \
        -L "file:$XS_TMP/xensnmpd.log" "$@" >"$XS_TMP/xensnmpd.out" 2>&1 &
    XS_AGENT_PID=$!
    xs_wait_oid "$XS_NODE_OID.1.0" 30 ||
        setup_failed "xensnmpd did not register on xen:///" \
            "$(cat "$XS_TMP/xensnmpd.log" "$XS_TMP/xensnmpd.out" 2>&1 | tail -n 5)"
}

xt_idx() {
    printf '%s' "$1" | od -An -tu1 |
        awk -v n="${#1}" '{ for (i = 1; i <= NF; i++) s = s "." $i }
            END { print "." n s }'
}

xt_rows() {
    xt_col=$1
    shift
    $SNMPWALK -On -Oq -Ot -Oe "$@" "$xt_col" 2>/dev/null |
        awk -v p="$xt_col." 'index($1, p) == 1 {
            n = split(substr($1, length(p) + 1), o, ".")
            name = ""
            for (i = 2; i <= o[1] + 1; i++)
                name = name sprintf("%c", o[i])
            rest = ""
            for (; i <= n; i++)
                rest = rest " " o[i]
            val = $0
            sub(/^[^ ]+ */, "", val)
            print name rest " " val
        }'
}

# xt_agent_alive DESCRIPTION: a TAP case, xensnmpd still runs; when it
# does not, its last words (log and stderr) are the diagnostic.
xt_agent_alive() {
    if kill -0 "$XS_AGENT_PID" 2>/dev/null; then
        ok "$1"
    else
        not_ok "$1" "$(tail -n 30 "$XS_TMP/xensnmpd.log" "$XS_TMP/xensnmpd.out" 2>&1)"
    fi
}

xt_done_testing() {
    if [ "$XS_FAILED" != 0 ] && [ -n "$XS_TMP" ]; then
        tail -n 20 "$XS_TMP/xensnmpd.log" "$XS_TMP/xensnmpd.out" 2>&1 |
            sed 's/^/# /'
    fi
    done_testing
}

xt_retry() {
    xt_n=1
    until xt_out=$("$@" 2>&1); do
        echo "# run $xt_n of '$*' failed: $(printf '%s' "$xt_out" | tail -n 1)" >&2
        [ $xt_n -ge 3 ] && return 1
        xt_n=$((xt_n + 1))
    done
    printf '%s\n' "$xt_out"
}
