# tools/virlist on xen:/// lists what xl list shows, when the Xen driver
# is built; without it, it must fail and say why.
. /xensnmp/dom0-tests/lib.sh

virlist=$abs_builddir/tools/virlist
[ -x "$virlist" ] || setup_failed "$virlist is not in the image"

if [ "$WITH_XEN" != yes ]; then
    out=$("$virlist" xen:/// 2>&1)
    rc=$?
    check "virlist xen:/// without the Xen driver fails" test "$rc" != 0
    case $out in
    *"no Xen driver"*) ok "virlist xen:/// says the build has no Xen driver" ;;
    *) not_ok "virlist xen:/// says the build has no Xen driver" "$out" ;;
    esac
    skip "virlist xen:/// lists the domains xl list shows" \
        "this build has no Xen driver"
    done_testing
fi

xt_guest_start pv1 || setup_failed "pv1 did not boot"
out=$("$virlist" xen:/// 2>&1)
is "$?" 0 "virlist xen:/// succeeds${out:+}"
printf '%s\n' "$out" | sed 's/^/# /'
# Running domains have an id; defined ones (the xl files in /etc/xen
# that do not run) are listed with "-", which xl list does not show.
names_virlist=$(printf '%s\n' "$out" |
    awk '/^Name/ { t = 1; next } t && NF && $2 != "-" { print $1 }' |
    sort | tr '\n' ' ')
names_xl=$(xl list | awk 'NR > 1 { print $1 }' | sort | tr '\n' ' ')
is "$names_virlist" "$names_xl" "virlist xen:/// lists the running domains xl list shows"
defined=$(printf '%s\n' "$out" |
    awk '/^Name/ { t = 1; next } t && NF && $2 == "-" { print $1 }' |
    sort | tr '\n' ' ')
is "$defined" "pv2 pvh1 " "virlist xen:/// lists the xl files of pv2 and pvh1 as defined"
for g in Domain-0 pv1; do
    is "$(printf '%s\n' "$out" | awk -v n="$g" '$1 == n { print $2 }')" \
        "$(xt_field "$g" 2)" "virlist xen:///: $g has the id xl list shows"
done
done_testing
