# lib.sh: helpers for the integration tests, sourced by each test.
#
# A test starts a private snmpd (master agent, AgentX on a socket in a
# temporary directory, UDP on a free loopback port) and xensnmpd on a
# node file, asserts on what the real net-snmp clients print, and stops
# exactly the processes it started.  Output is TAP.  A missing tool is a
# set-up failure ("not ok"), never a skip.

set -u

: "${abs_srcdir:?abs_srcdir must be set (make check sets it)}"
: "${abs_builddir:?abs_builddir must be set (make check sets it)}"
SNMPD=${SNMPD:-/usr/sbin/snmpd}
XENSNMPD=$abs_builddir/agent/xensnmpd
XS_MIB_OID=.1.3.6.1.4.1.8072.9999.9999.42
XS_NODE_OID=$XS_MIB_OID.1.1
XS_DOM_OID=$XS_MIB_OID.1.2.1
XS_VCPU_OID=$XS_MIB_OID.1.3.1
# Every column of the domain table but the index (1): 2 to 23.
XS_DOM_COLS=
xs_c=2
while [ $xs_c -le 23 ]; do
    XS_DOM_COLS="$XS_DOM_COLS $XS_DOM_OID.$xs_c"
    xs_c=$((xs_c + 1))
done
# Notifications: xenNotifications, and snmpTrapOID.0 that names one.
XS_NOTIF_OID=$XS_MIB_OID.0
XS_TRAP_OID=.1.3.6.1.6.3.1.1.4.1.0

# Clients print numbers only: they must not depend on MIB files, nor
# warn about the ones they cannot find.
MIBS=
export MIBS

XS_TMP=
XS_SNMPD_PID=
XS_AGENT_PID=
XS_PORT=

# TAP output: ok, not_ok, check, is, done_testing, setup_failed.
. "$abs_srcdir/tests/tap.sh"

xs_require_tools() {
    for tool in "$SNMPD" snmpget snmpwalk snmptable snmpbulkwalk; do
        command -v "$tool" >/dev/null 2>&1 ||
            setup_failed "$tool is missing" \
                "install it: apt-get install snmpd snmp"
    done
    [ -x "$XENSNMPD" ] || setup_failed "$XENSNMPD is not built" "run make"
}

xs_cleanup() {
    [ -n "${XS_KEEP_TMP:-}" ] && echo "# kept $XS_TMP" >&2
    if [ -n "$XS_AGENT_PID" ]; then
        kill -TERM "$XS_AGENT_PID" 2>/dev/null
        wait "$XS_AGENT_PID" 2>/dev/null
        XS_AGENT_PID=
    fi
    if [ -n "$XS_SNMPD_PID" ]; then
        kill -TERM "$XS_SNMPD_PID" 2>/dev/null
        wait "$XS_SNMPD_PID" 2>/dev/null
        XS_SNMPD_PID=
    fi
    if [ -n "${XS_TRAPD_PID:-}" ]; then
        kill -TERM "$XS_TRAPD_PID" 2>/dev/null
        wait "$XS_TRAPD_PID" 2>/dev/null
        XS_TRAPD_PID=
    fi
    if [ -n "$XS_TMP" ] && [ -z "${XS_KEEP_TMP:-}" ]; then
        rm -rf "$XS_TMP"
    fi
}

xs_tmpdir() {
    XS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/xensnmp-it.XXXXXX") ||
        setup_failed "mktemp -d failed"
    # The clients' persistent files stay in the test's own directory.
    SNMP_PERSISTENT_DIR=$XS_TMP/client
    export SNMP_PERSISTENT_DIR
    trap xs_cleanup EXIT
    trap 'exit 1' INT TERM HUP
}

# xs_free_port [t]: prints a UDP (TCP with "t") port on 127.0.0.1 that
# nothing listens on.
xs_free_port() {
    i=0
    while [ $i -lt 100 ]; do
        port=$(( (($$ + RANDOM + i * 7919) % 30000) + 20000 ))
        if ! ss -Hl"${1:-u}"n "sport = :$port" 2>/dev/null | grep -q .; then
            echo "$port"
            return 0
        fi
        i=$((i + 1))
    done
    return 1
}

# Client commands, once the port is known.
xs_clients() {
    XS_AGENT=127.0.0.1:$XS_PORT
    SNMPGET="snmpget -v2c -c public -t 3 -r 1 $XS_AGENT"
    SNMPWALK="snmpwalk -v2c -c public -t 3 -r 1 $XS_AGENT"
    SNMPBULKWALK="snmpbulkwalk -v2c -c public -t 3 -r 1 $XS_AGENT"
    SNMPTABLE="snmptable -v2c -c public -t 3 -r 1 $XS_AGENT"
    SNMPSET="snmpset -v2c -c private -t 3 -r 1 $XS_AGENT"
}

# Waits up to $2 seconds until OID $1 has a value; returns 1 otherwise.
xs_wait_oid() {
    n=0
    while [ $n -lt $(($2 * 5)) ]; do
        out=$(snmpget -v2c -c public -t 0.3 -r 0 -Oqv "127.0.0.1:$XS_PORT" \
            "$1" 2>/dev/null) &&
            case $out in No\ Such*) ;; *) return 0 ;; esac
        sleep 0.2
        n=$((n + 1))
    done
    return 1
}

# xs_succeeds DESCRIPTION COMMAND...: ok when COMMAND exits 0; its
# output is the diagnostic otherwise.
xs_succeeds() {
    desc=$1
    shift
    if out=$("$@" 2>&1); then
        ok "$desc"
    else
        not_ok "$desc" "$out"
    fi
}

# xs_refused DESCRIPTION ERROR COMMAND...: ok when COMMAND fails and
# prints ERROR (for snmpset, "Reason: inconsistentValue" and the like).
xs_refused() {
    desc=$1
    want=$2
    shift 2
    if out=$("$@" 2>&1); then
        not_ok "$desc" "succeeded: $out"
    else
        case $out in
        *"$want"*) ok "$desc" ;;
        *) not_ok "$desc" "expected $want" "$out" ;;
        esac
    fi
}

# xs_set_ok DESCRIPTION SNMPSET-ARGS...: ok when the SET succeeds.
xs_set_ok() {
    desc=$1
    shift
    xs_succeeds "$desc" $SNMPSET "$@"
}

# xs_set_fails DESCRIPTION ERROR SNMPSET-ARGS...: ok when the SET fails
# with error-status ERROR (inconsistentValue, ...).
xs_set_fails() {
    desc=$1
    want=$2
    shift 2
    xs_refused "$desc" "Reason: $want" $SNMPSET "$@"
}

# xs_wait_value OID VALUE: up to 10 s for the agent to show VALUE at OID
# (as snmpget -Oqv prints it), for changes that reach the agent with the
# next refresh or a background action.
xs_wait_value() {
    n=0
    while [ $n -lt 100 ]; do
        [ "$($SNMPGET -Oqv "$1" 2>/dev/null)" = "$2" ] && return 0
        sleep 0.1
        n=$((n + 1))
    done
    return 1
}

# Starts snmptrapd on a free loopback UDP port (XS_TRAP_PORT), accepting
# community "public"; each notification is one line of numeric
# "OID = TYPE: value" varbinds separated by "|" in $XS_TMP/traps.log.
# Call before xs_start_snmpd, which then adds a trap2sink.
xs_start_snmptrapd() {
    trapd=${SNMPTRAPD:-/usr/sbin/snmptrapd}
    [ -x "$trapd" ] ||
        setup_failed "$trapd not found" "apt-get install snmptrapd"
    XS_TRAP_PORT=$(xs_free_port) || setup_failed "no free UDP port"
    cat >"$XS_TMP/snmptrapd.conf" <<EOC
disableAuthorization yes
EOC
    : >"$XS_TMP/traps.log"
    SNMP_PERSISTENT_DIR=$XS_TMP/trapd-persist "$trapd" -f -n -On -Oe \
        -C -c "$XS_TMP/snmptrapd.conf" -Lf "$XS_TMP/traps.log" \
        -F '%V|%v\n' "udp:127.0.0.1:$XS_TRAP_PORT" \
        >"$XS_TMP/snmptrapd.out" 2>&1 &
    XS_TRAPD_PID=$!
    n=0
    while [ $n -lt 50 ]; do
        ss -Hlun "sport = :$XS_TRAP_PORT" 2>/dev/null | grep -q . && return 0
        sleep 0.1
        n=$((n + 1))
    done
    setup_failed "snmptrapd did not start" \
        "$(tail -n 5 "$XS_TMP/traps.log" 2>&1)"
}

xs_start_snmpd() {
    attempt=0
    while [ $attempt -lt 3 ]; do
        XS_PORT=$(xs_free_port) || setup_failed "no free UDP port"
        cat >"$XS_TMP/snmpd.conf" <<EOC
agentaddress udp:127.0.0.1:$XS_PORT
master agentx
agentXSocket ${XS_AGENTX_SOCKET:-$XS_TMP/agentx.sock}
agentXTimeout 5
rocommunity public 127.0.0.1
rwcommunity private 127.0.0.1
EOC
        # agentXTimeout: the agent may run under valgrind or ASan on a busy
        # machine, where snmpd's default of 1 s fails SETs at random.
        # background.sh checks that a SET still returns within 1 s.
        # Notifications go to xs_start_snmptrapd's port when it ran first.
        if [ -n "${XS_TRAP_PORT:-}" ]; then
            echo "trap2sink 127.0.0.1:$XS_TRAP_PORT public" \
                >>"$XS_TMP/snmpd.conf"
        fi
        # An SNMPv3 user when XS_V3_USER is set (SHA/AES, passphrases of
        # at least 8 characters in XS_V3_AUTH and XS_V3_PRIV).
        if [ -n "${XS_V3_USER:-}" ]; then
            cat >>"$XS_TMP/snmpd.conf" <<EOC
createUser $XS_V3_USER SHA "$XS_V3_AUTH" AES "$XS_V3_PRIV"
rwuser $XS_V3_USER priv
EOC
        fi
        # Persistent state stays in the temporary directory.
        SNMP_PERSISTENT_DIR=$XS_TMP/persist "$SNMPD" -f -Lf "$XS_TMP/snmpd.log" \
            -C -c "$XS_TMP/snmpd.conf" -p "$XS_TMP/snmpd.pid" \
            >/dev/null 2>&1 &
        XS_SNMPD_PID=$!
        xs_clients
        if xs_wait_oid .1.3.6.1.2.1.1.3.0 10; then
            return 0
        fi
        kill -TERM "$XS_SNMPD_PID" 2>/dev/null
        wait "$XS_SNMPD_PID" 2>/dev/null
        XS_SNMPD_PID=
        attempt=$((attempt + 1))
    done
    setup_failed "snmpd did not answer" "$(tail -n 5 "$XS_TMP/snmpd.log" 2>&1)"
}

# xs_start_snmpd_dlmod CONF [NAME=VALUE]...: starts a private snmpd with
# no AgentX that loads the MIB module (agent/.libs/xensnmp.so) configured
# by the xensnmpd.conf CONF, with the variables given added to its
# environment; its stderr goes to $XS_TMP/snmpd-dlmod.stderr.
xs_start_snmpd_dlmod() {
    dlconf=$1
    shift
    attempt=0
    while [ $attempt -lt 3 ]; do
        XS_PORT=$(xs_free_port) || setup_failed "no free UDP port"
        cat >"$XS_TMP/snmpd-dlmod.conf" <<EOC
agentaddress udp:127.0.0.1:$XS_PORT
rocommunity public 127.0.0.1
rwcommunity private 127.0.0.1
dlmod xensnmp $abs_builddir/agent/.libs/xensnmp.so
EOC
        env "$@" XENSNMP_CONF="$dlconf" SNMP_PERSISTENT_DIR="$XS_TMP/persist" \
            "$SNMPD" -f -Lf "$XS_TMP/snmpd-dlmod.log" -C \
            -c "$XS_TMP/snmpd-dlmod.conf" -p "$XS_TMP/snmpd-dlmod.pid" \
            >/dev/null 2>"$XS_TMP/snmpd-dlmod.stderr" &
        XS_SNMPD_PID=$!
        xs_clients
        xs_wait_oid .1.3.6.1.2.1.1.3.0 10 && return 0
        kill -TERM "$XS_SNMPD_PID" 2>/dev/null
        wait "$XS_SNMPD_PID" 2>/dev/null
        XS_SNMPD_PID=
        attempt=$((attempt + 1))
    done
    setup_failed "snmpd with the module did not answer" \
        "$(tail -n 5 "$XS_TMP/snmpd-dlmod.log" 2>&1)"
}

# Stops the snmpd that xs_start_snmpd or xs_start_snmpd_dlmod started.
xs_stop_snmpd() {
    kill -TERM "$XS_SNMPD_PID" 2>/dev/null
    wait "$XS_SNMPD_PID" 2>/dev/null
    XS_SNMPD_PID=
}

# Sets XS_MODULE_ENV to the NAME=VALUE words (for xs_start_snmpd_dlmod)
# that the module needs in the sanitizer build: there the module is
# instrumented and snmpd is not, so snmpd runs with the shared ASan runtime
# preloaded, and LeakSanitizer ignores what snmpd's own MIB modules leave
# allocated at exit.  Empty otherwise.
xs_module_env() {
    XS_MODULE_ENV=
    [ -n "${XENSNMP_SANITIZERS:-}" ] || return 0
    [ -f "${XENSNMP_ASAN_RUNTIME:-}" ] ||
        setup_failed "the shared ASan runtime is missing" \
            "'${XENSNMP_ASAN_RUNTIME:-}' (configure finds it)"
    echo 'leak:libnetsnmpmibs.so' >"$XS_TMP/lsan.supp"
    XS_MODULE_ENV="LD_PRELOAD=$XENSNMP_ASAN_RUNTIME"
    XS_MODULE_ENV="$XS_MODULE_ENV LSAN_OPTIONS=suppressions=$XS_TMP/lsan.supp:print_suppressions=0"
}

# xs_start_module NODEFILE: starts snmpd with the module serving NODEFILE
# (refresh interval 5 s), as xs_start_snmpd_dlmod does.
xs_start_module() {
    xs_module_env
    cat >"$XS_TMP/xensnmpd.conf" <<EOC
uri test://$1
refresh-interval 5
EOC
    # $XS_MODULE_ENV is split on purpose: one NAME=VALUE per word.
    # shellcheck disable=SC2086
    xs_start_snmpd_dlmod "$XS_TMP/xensnmpd.conf" $XS_MODULE_ENV
}

# Stops snmpd and starts it again on the same port and AgentX socket.
xs_restart_snmpd() {
    xs_stop_snmpd
    xs_rerun_snmpd
}

# Starts the snmpd of xs_start_snmpd again, once xs_stop_snmpd stopped
# it, on the same port and AgentX socket; does not wait for it.
xs_rerun_snmpd() {
    SNMP_PERSISTENT_DIR=$XS_TMP/persist "$SNMPD" -f -Lf "$XS_TMP/snmpd.log" \
        -C -c "$XS_TMP/snmpd.conf" -p "$XS_TMP/snmpd.pid" \
        >/dev/null 2>&1 &
    XS_SNMPD_PID=$!
}

# xs_derive_node OUT HEAD DOMAINS: writes to OUT the integration host
# (tests/integration/data/node.xml) with the XML lines HEAD after its
# <memory> and DOMAINS before </node>.
xs_derive_node() {
    XS_HEAD=$2 XS_DOMS=$3 awk '
        /^  <memory>[0-9]+<\/memory>$/ && !done {
            print; print ENVIRON["XS_HEAD"]; done = 1; next
        }
        /^<\/node>$/ { print ENVIRON["XS_DOMS"] }
        { print }' "$abs_srcdir/tests/integration/data/node.xml" >"$1" ||
        setup_failed "cannot write $1"
}

# xs_start_agent NODEFILE [XENSNMPD OPTION]...: starts xensnmpd (under
# $XS_AGENT_WRAPPER, e.g. valgrind, when set) and waits for the MIB.
# Both xs_start_snmpd and this use $XS_AGENTX_SOCKET as the AgentX
# address when set (a unix socket in $XS_TMP otherwise).
xs_start_agent() {
    nodefile=$1
    shift
    ${XS_AGENT_WRAPPER:-} "$XENSNMPD" -f \
        -x "${XS_AGENTX_SOCKET:-$XS_TMP/agentx.sock}" \
        -u "test://$nodefile" -L "file:$XS_TMP/xensnmpd.log" "$@" \
        >"$XS_TMP/xensnmpd.out" 2>&1 &
    XS_AGENT_PID=$!
    xs_wait_oid "$XS_NODE_OID.1.0" "${XS_AGENT_WAIT:-15}" ||
        setup_failed "xensnmpd did not register" \
            "$(cat "$XS_TMP/xensnmpd.log" "$XS_TMP/xensnmpd.out" 2>&1 | tail -n 5)"
}

# Stops xensnmpd with SIGTERM; its exit status goes to XS_AGENT_STATUS.
xs_stop_agent() {
    kill -TERM "$XS_AGENT_PID" 2>/dev/null
    wait "$XS_AGENT_PID"
    XS_AGENT_STATUS=$?
    XS_AGENT_PID=
}

# xs_domains OUT: writes to OUT one "INDEX NAME" line per row of
# xenDomainTable: the row's index without the leading dot
# (5.119.101.98.48.49) and the name it encodes (web01), UTF-8 as it is.
xs_domains() {
    $SNMPWALK -On -Oq "$XS_DOM_OID.23" 2>&1 |
        LC_ALL=C awk -v p="$XS_DOM_OID.23." 'index($1, p) == 1 {
            idx = substr($1, length(p) + 1)
            n = split(idx, o, ".")
            name = ""
            for (i = 2; i <= n; i++) name = name sprintf("%c", o[i])
            print idx " " name
        }' >"$1"
}
