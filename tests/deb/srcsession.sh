#!/bin/sh
# srcsession.sh PART: check-deb's part for README's "From source" path,
# in a clean Debian 12 chroot of its own, as root in a copy of the
# release tree (/xstest/xensnmp).  tests/deb/check-deb.sh writes
# src.cmds there (README's From-source commands, one a line) besides
# what nms.sh says, and runs this script twice:
#   build  the lines before the first "systemctl" one, with the network
#          (./autogen.sh installs the Debian packages the build needs);
#   serve  the rest, in private network and pid namespaces (as
#          session.sh), then what an NMS sees, the installed unit, and
#          the tree built again for another prefix (fromsource.sh).
# Prints TAP; check-deb.sh numbers it again among its own.

. /xstest/nms.sh
cd /xstest/xensnmp || exit 1
cmds=/xstest/src.cmds
first_systemctl=$(grep -n '^systemctl ' "$cmds" | sed -n '1s/:.*//p')
[ -n "$first_systemctl" ] ||
    setup_failed "README's From-source commands start no service"

case ${1:-} in
build)
    run_cmds readme_src "$cmds" 1 $((first_systemctl - 1))
    ;;
serve)
    run_cmds readme_src "$cmds" "$first_systemctl"
    nms_checks
    xs_succeeds "systemd_analyze_verify_installed_unit" systemd-analyze \
        verify --man=no /usr/local/lib/systemd/system/xensnmpd.service
    systemctl stop xensnmpd
    systemctl stop snmpd
    . /xstest/fromsource.sh
    ;;
*) setup_failed "usage: srcsession.sh build|serve" ;;
esac
done_testing
