#!/bin/sh
# regenerate.sh [OUTPUT]: makes snmp.yml, the snmp_exporter module "xen",
# from generator.yml and mib/XEN-SNMP-MIB.txt with Debian's
# prometheus-snmp-generator (apt-get install prometheus-snmp-exporter).
# OUTPUT defaults to contrib/prometheus/snmp.yml beside this script;
# make check-prometheus writes a copy elsewhere and compares the two, so
# the shipped file is always what this script makes.
#
# The generator reads every MIB in its MIBDIRS through net-snmp's parser.
# The directories, in this order and no others, so that the output does
# not depend on which MIBs the machine happens to have:
#   tests/mibs           the project's stand-ins for the IETF base modules
#                        XEN-SNMP-MIB imports (Debian ships none without
#                        snmp-mibs-downloader);
#   /usr/share/snmp/mibs net-snmp's own modules (NET-SNMP-MIB, where the
#                        MIB's provisional root hangs), from libsnmp-base;
#                        NETSNMP_MIBDIR overrides it;
#   mib                  XEN-SNMP-MIB itself.

set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${1:-$here/snmp.yml}
generator=${SNMP_GENERATOR:-prometheus-snmp-generator}
netsnmp_mibdir=${NETSNMP_MIBDIR:-/usr/share/snmp/mibs}

command -v "$generator" >/dev/null 2>&1 || {
    echo "regenerate.sh: $generator not found" \
        "(apt-get install prometheus-snmp-exporter)" >&2
    exit 1
}
case $out in
/*) ;;
*) out=$(pwd)/$out ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/xensnmp-gen.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# 0.21 reads generator.yml from the current directory only.
cp "$here/generator.yml" "$tmp/generator.yml" || exit 1
MIBDIRS=$top/tests/mibs:$netsnmp_mibdir:$top/mib
export MIBDIRS
cd "$tmp" || exit 1

# The generator counts every line net-snmp prints while parsing as an
# error, the "MIB search path:" banner included, so its own
# --fail-on-parse-errors always fails: anything besides the banner is a
# real parse error here.
"$generator" parse_errors >parse.out 2>parse.log || {
    cat parse.log >&2
    exit 1
}
if grep -v '^MIB search path: ' parse.out | grep -q .; then
    echo "regenerate.sh: net-snmp could not parse the MIBs in $MIBDIRS:" >&2
    grep -v '^MIB search path: ' parse.out | head -n 20 >&2
    exit 1
fi

"$generator" generate -o "$tmp/snmp.yml" >gen.log 2>&1 || {
    cat gen.log >&2
    exit 1
}
cp "$tmp/snmp.yml" "$out" || exit 1
echo "regenerate.sh: wrote $out" \
    "($(grep -c '^  - name: ' "$out") metrics)"
