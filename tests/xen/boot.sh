#!/bin/sh
# boot.sh IMAGEDIR MODE [LOG]: boots Xen and dom0 from mkimage.sh's
# IMAGEDIR under qemu-system-x86_64 (TCG; no KVM needed).
#
#   MODE test   serial console to LOG; waits for dom0's sentinel or for
#               QEMU to exit, at most XENSNMP_XEN_TIMEOUT seconds (3600:
#               60-conformance alone takes half an hour on a busy host);
#               on a timeout it says so, shows the log's last lines, kills
#               QEMU (by its pid) and exits 1.
#   MODE shell  serial console on this terminal: dom0 gives a shell.
#               Ctrl-a x quits QEMU; Ctrl-a Ctrl-a sends Ctrl-a to Xen
#               (three of them switch Xen's console between Xen and dom0).

set -u

image=$1
mode=$2
log=${3:-}
timeout=${XENSNMP_XEN_TIMEOUT:-3600}
qemu=${QEMU:-qemu-system-x86_64}

# smap=0: with "-cpu max" dom0 otherwise dies at boot (#PF in
# create_bounce_frame).  dom0 has one vcpu, pinned to cpu 0: the guests
# get the other cpu to themselves, and dom0's own address spaces never
# need a flush on another emulated cpu.
xen_opts="console=com1 com1=115200,8n1 dom0_mem=1024M,max:1024M
dom0_max_vcpus=1 dom0_vcpus_pin bootscrub=0 noreboot smap=0"
dom0_opts="console=hvc0 earlyprintk=xen rdinit=/init quiet loglevel=3
xensnmp.mode=$mode"
# XENSNMP_XEN_TESTS="NAME NAME": only these dom0 scripts (joined with
# "+": a comma would split QEMU's list of multiboot modules).
[ -n "${XENSNMP_XEN_TESTS:-}" ] && dom0_opts="$dom0_opts xensnmp.tests=$(echo $XENSNMP_XEN_TESTS | tr " " +)"

# The CPU: x86-64's baseline and AMD's SVM with nested paging (for PVH
# guests), not "-cpu max": with the SSE4/AVX instructions that brings
# into glibc's string functions, programs in dom0 now and then died of
# heap corruption or segfaults (bash, xl, busybox), which the baseline
# never showed in the same runs, and the runs were a third slower.
set -- -machine pc -accel tcg,thread=multi \
    -cpu "${XENSNMP_QEMU_CPU:-qemu64,+svm,+npt}" -smp 2 -m 3072 \
    -display none -no-reboot -nic none \
    -kernel "$image/xen" -append "$(echo $xen_opts)" \
    -initrd "$image/vmlinuz $(echo $dom0_opts),$image/dom0.cpio"

if [ "$mode" = shell ]; then
    exec "$qemu" "$@" -serial mon:stdio
fi

: >"$log"
"$qemu" "$@" -monitor none -serial "file:$log" &
pid=$!
start=$(date +%s)
status=0
while kill -0 "$pid" 2>/dev/null; do
    if grep -q '^XENSNMP-DOM0-DONE' "$log"; then
        # dom0 powers off next: give it a moment to end QEMU itself.
        n=0
        while kill -0 "$pid" 2>/dev/null && [ $n -lt 30 ]; do
            sleep 1
            n=$((n + 1))
        done
        break
    fi
    if [ $(($(date +%s) - start)) -ge "$timeout" ]; then
        echo "boot.sh: TIMEOUT: no result from dom0 after $timeout s" \
            "(XENSNMP_XEN_TIMEOUT); last lines of $log:" >&2
        tail -n 30 "$log" | tr -d '\r' >&2
        status=1
        break
    fi
    sleep 1
done
if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null
    sleep 1
    kill -KILL "$pid" 2>/dev/null
fi
wait "$pid" 2>/dev/null
if [ $status = 0 ] && ! grep -q '^XENSNMP-DOM0-DONE' "$log"; then
    echo "boot.sh: QEMU ended before dom0 finished; last lines of $log:" >&2
    tail -n 30 "$log" | tr -d '\r' >&2
    status=1
fi
echo "boot.sh: $(($(date +%s) - start)) s in QEMU"
exit $status
