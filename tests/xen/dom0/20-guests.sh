# Two PV guests and a PVH guest boot, and xl list shows them.
. /xensnmp/dom0-tests/lib.sh

# One after the other: three guests booting at once under TCG on a busy
# host take minutes (and a PVH guest was seen to triple-fault then).
guests="pv1 pv2 pvh1"
start=$(date +%s)
for g in $guests; do
    out=$(xt_guest_create "$g" 2>&1)
    is "$?" 0 "xl create /etc/xen/$g.cfg succeeds${out:+: $out}"
    if xt_wait 180 xt_guest_ready "$g"; then
        ok "$g reaches userspace at +$(($(date +%s) - start)) s (its console says so)"
    else
        not_ok "$g reaches userspace (its console says so)" \
            "xl list: $(xl list "$g" 2>&1 | tail -n 1)" \
            "console: $(tail -n 3 "$XT_CONSOLE_LOGS/guest-$g.log" 2>&1)"
    fi
done
for g in $guests; do
    state=$(xt_field "$g" 5)
    case $state in
    # r: on a cpu; b: blocked; neither: runnable, waiting for a cpu.
    [r-][b-]----) ok "xl list: $g is running ($state)" ;;
    *) not_ok "xl list: $g is running" "state: '$state'" ;;
    esac
    is "$(xt_field "$g" 3)/$(xt_field "$g" 4)" 128/2 \
        "xl list: $g has 128 MiB and 2 vcpus"
done
is "$(xl list | awk 'NR > 1' | wc -l)" 4 "xl list: Domain-0 and 3 guests"
for g in $guests; do
    want=pv
    [ "$g" = pvh1 ] && want=pvh
    type=$(xl list -l "$g" | sed -n 's/^ *"type": "\(pvh*\)",*$/\1/p' | head -n 1)
    is "$type" "$want" "xl list -l: $g is a $want guest"
done
done_testing
