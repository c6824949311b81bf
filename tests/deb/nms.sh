# nms.sh: sourced by check-deb's two sessions inside their clean Debian 12
# chroots (session.sh: the package; srcsession.sh: from source).  It runs
# README's commands, one line at a time, and checks what an NMS sees once
# they have run: the walk with the stock "public" community, check_snmp,
# the refused writes, README's numeric examples and the SNMPv3 SET they
# make.  tests/deb/check-deb.sh writes into /xstest:
#   examples.def  the definitions README's examples use (V3, X, W)
#   examples.sh   README's numeric example commands, one a line
#   tests/        the integration tests' lib.sh and tap.sh, as in the tree

abs_srcdir=/xstest abs_builddir=/xstest
. /xstest/tests/integration/lib.sh
# The simulated host the systemctl stand-in gives xensnmpd for xen:///.
export XS_TEST_URI=test:///default
X=.1.3.6.1.4.1.8072.9999.9999.42.1
W=5.119.101.98.48.49
AUTH='long auth passphrase'
PRIV='long priv passphrase'

# run_cmds NAME FILE [FIRST [LAST]]: lines FIRST to LAST of FILE (all by
# default), each on its own as root in the current directory, a test
# named NAME_<line number>; the output goes to /xstest/NAME_<n>.log.
run_cmds() {
    rc_n=0
    while IFS= read -r cmd; do
        rc_n=$((rc_n + 1))
        [ "$rc_n" -ge "${3:-1}" ] && [ "$rc_n" -le "${4:-$rc_n}" ] || continue
        rc_log=/xstest/${1}_$rc_n.log
        if sh -c "$cmd" </dev/null >"$rc_log" 2>&1; then
            ok "${1}_$rc_n: $cmd"
        else
            not_ok "${1}_$rc_n: $cmd" "$(tail -n 20 "$rc_log")"
        fi
    done <"$2"
}

get() {
    snmpget -v2c -c public -t 2 -r 1 -Oqv 127.0.0.1 "$@" 2>&1
}

v3set() {
    level=$1
    shift
    case $level in
    authPriv) set -- -l authPriv -x AES -X "$PRIV" "$@" ;;
    *) set -- -l authNoPriv "$@" ;;
    esac
    snmpset -v3 -u xenadmin -a SHA -A "$AUTH" -t 2 -r 0 "$@"
}

# wait_for OID VALUE: up to 10 s for the agent to answer VALUE.
wait_for() {
    wf_n=0
    while [ "$(get "$1")" != "$2" ] && [ $wf_n -lt 100 ]; do
        sleep 0.1
        wf_n=$((wf_n + 1))
    done
}

# nms_checks: what an NMS sees once README's commands have run (snmpd
# and xensnmpd started by them, the SNMPv3 user created, control on).
nms_checks() {
    wait_for $X.1.1.0 '"Xen"'
    got=$(get $X.1.1.0)
    [ "$got" = '"Xen"' ] && ok "public_reads_xenNode" ||
        not_ok "public_reads_xenNode" "$got" "$(tail -n 5 /var/log/xstest/*)"
    rows=$(snmpwalk -v2c -c public -On 127.0.0.1 $X.2.1.6 2>&1 |
        grep -c "^$X.2.1.6\.")
    [ "$rows" -gt 1 ] && ok "public_walks_domain_table" ||
        not_ok "public_walks_domain_table" "$rows rows"
    xs_succeeds "check_snmp_operState_running_ok" \
        /usr/lib/nagios/plugins/check_snmp \
        -H 127.0.0.1 -P 2c -C public -o $X.2.1.6.$W -c 1:1
    case $(tail -n 1 /etc/snmp/snmpd.conf) in
    "rwuser xenadmin") ok "create_v3_user_appended_rwuser" ;;
    *) not_ok "create_v3_user_appended_rwuser" \
        "$(tail -n 3 /etc/snmp/snmpd.conf)" ;;
    esac
    if grep -q "Can't identify" /var/log/xstest/snmpd.out; then
        not_ok "snmpd_accepts_the_dropin" \
            "$(grep "Can't identify" /var/log/xstest/snmpd.out)"
    else
        ok "snmpd_accepts_the_dropin"
    fi
    xs_refused "public_set_refused" noAccess \
        snmpset -v2c -c public -t 2 -r 0 127.0.0.1 $X.2.1.7.$W i 2
    xs_refused "v3_authNoPriv_set_refused" authorizationError \
        v3set authNoPriv 127.0.0.1 $X.2.1.7.$W i 2
    xs_refused "v3_authPriv_set_sysContact_refused" noAccess \
        v3set authPriv 127.0.0.1 .1.3.6.1.2.1.1.4.0 s nms
    [ "$(get $X.2.1.6.$W)" = 1 ] && ok "refused_sets_changed_nothing" ||
        not_ok "refused_sets_changed_nothing" "$(get $X.2.1.6.$W)"

    # README's numeric examples, each on its own (dom0 is 127.0.0.1 here).
    ex_n=0
    while IFS= read -r cmd; do
        [ -n "$cmd" ] || continue
        ex_n=$((ex_n + 1))
        xs_succeeds "readme_example_$ex_n: $cmd" \
            sh -c ". /xstest/examples.def; $cmd"
    done </xstest/examples.sh
    wait_for $X.2.1.6.$W 3
    [ "$(get $X.2.1.6.$W)" = 3 ] && ok "v3_authPriv_set_paused_web01" ||
        not_ok "v3_authPriv_set_paused_web01" "$(get $X.2.1.6.$W)"
    /usr/lib/nagios/plugins/check_snmp -H 127.0.0.1 -P 2c -C public \
        -o $X.2.1.6.$W -c 1:1 >/dev/null 2>&1
    [ $? = 2 ] && ok "check_snmp_operState_paused_critical" ||
        not_ok "check_snmp_operState_paused_critical"
}
