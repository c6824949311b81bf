# pause/unpause, vcpu-set, mem-set and shutdown on a PV and a PVH guest,
# each checked in "xl list".
. /xensnmp/dom0-tests/lib.sh

paused() {
    case $(xt_field "$1" 5) in
    ??p*) return 0 ;;
    esac
    return 1
}

not_paused() {
    xl domid "$1" >/dev/null 2>&1 && ! paused "$1"
}

for g in pv1 pvh1; do
    out=$(xt_guest_start "$g" 2>&1) || setup_failed "$g did not boot" \
        "$out" "$(tail -n 5 "$XT_CONSOLE_LOGS/guest-$g.log" 2>&1)"

    xl pause "$g"
    check "$g: xl pause shows the p flag ($(xt_field "$g" 5))" paused "$g"
    xl unpause "$g"
    check "$g: xl unpause clears it ($(xt_field "$g" 5))" not_paused "$g"

    xl vcpu-set "$g" 1
    xt_expect_field 30 "$g" 4 1 "$g: xl vcpu-set 1 leaves 1 vcpu"
    xl vcpu-set "$g" 2
    xt_expect_field 30 "$g" 4 2 "$g: xl vcpu-set 2 brings the second back"

    xl mem-set "$g" 96m
    xt_expect_field 60 "$g" 3 96 "$g: xl mem-set 96m shrinks it to 96 MiB"
    xl mem-set "$g" 160m
    xt_expect_field 60 "$g" 3 160 "$g: xl mem-set 160m grows it to 160 MiB"

    start=$(date +%s)
    out=$(timeout 60 xl shutdown -w "$g" 2>&1)
    rc=$?
    [ $rc -eq 0 ] || printf '%s\n' "$out" | sed 's/^/# /'
    is "$rc" 0 "$g: xl shutdown -w returns 0 ($(($(date +%s) - start)) s)"
    # Created with "xl create -e", no xl process reaps the guest: it stays
    # listed as shut down ("s" in the state column) until destroyed.
    check "$g: shut down in xl list" \
        sh -c "xl list '$g' | awk 'NR == 2 { exit !(\$5 ~ /s/) }'"
    xl destroy "$g"
    check "$g: gone from xl list after xl destroy" xt_wait 30 xt_guest_gone "$g"
done
done_testing
