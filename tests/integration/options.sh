#!/bin/sh
# options.sh: xensnmpd's command line and configuration file: help,
# version, errors that stop it with status 1, the pidfile, and SIGHUP
# reloads (a bad file keeps the running configuration).

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml

xs_require_tools
xs_tmpdir

out=$("$XENSNMPD" --help 2>&1)
check "help_exits_0" [ $? -eq 0 ]
for word in --config --uri --agentx-socket --refresh --control --foreground \
    --log --debug --pidfile --version refresh-interval agentx-socket \
    notifications pidfile; do
    case $out in
    *"$word"*) ok "help_documents $word" ;;
    *) not_ok "help_documents $word" ;;
    esac
done
out=$("$XENSNMPD" --version 2>&1)
check "version_exits_0" [ $? -eq 0 ]

"$XENSNMPD" -f -u "test://$XS_TMP/missing.xml" >"$XS_TMP/err" 2>&1
is "$?" 1 "bad_uri_exits_1"
check "bad_uri_message_names_file" grep -q "missing.xml" "$XS_TMP/err"

"$XENSNMPD" -f -c "$XS_TMP/none.conf" -u "test://$NODE" >"$XS_TMP/err" 2>&1
is "$?" 1 "missing_explicit_config_exits_1"
check "missing_config_message_names_file" grep -q "none.conf" "$XS_TMP/err"

printf 'uri test://%s\nbogus yes\n' "$NODE" >"$XS_TMP/bad.conf"
"$XENSNMPD" -f -c "$XS_TMP/bad.conf" >"$XS_TMP/err" 2>&1
is "$?" 1 "bad_config_exits_1"
check "bad_config_message_names_line" grep -q "bad.conf:2" "$XS_TMP/err"

"$XENSNMPD" -f --control maybe -u "test://$NODE" >"$XS_TMP/err" 2>&1
is "$?" 1 "bad_option_value_exits_1"

# A running agent configured by file; the command line overrides it.
xs_start_snmpd
printf 'uri test:///nonexistent.xml\ncontrol no\n' >"$XS_TMP/xensnmpd.conf"
xs_start_agent "$NODE" -c "$XS_TMP/xensnmpd.conf" -p "$XS_TMP/xensnmpd.pid"
ok "command_line_uri_overrides_file"
is "$(cat "$XS_TMP/xensnmpd.pid" 2>&1)" "$XS_AGENT_PID" "pidfile_holds_pid"
is "$($SNMPGET -Oqv "$XS_NODE_OID.23.0")" 2 "control_no_reads_false"

# SIGHUP with a broken file: logged, old configuration kept.
printf 'control perhaps\n' >"$XS_TMP/xensnmpd.conf"
kill -HUP "$XS_AGENT_PID"
sleep 1.5
check "sighup_bad_config_keeps_running" kill -0 "$XS_AGENT_PID"
check "sighup_bad_config_logged" grep -q "reload failed" "$XS_TMP/xensnmpd.log"
is "$($SNMPGET -Oqv "$XS_NODE_OID.23.0")" 2 "sighup_bad_config_keeps_control"

# SIGHUP with a good file: applied.
printf 'control yes\n' >"$XS_TMP/xensnmpd.conf"
kill -HUP "$XS_AGENT_PID"
sleep 1.5
is "$($SNMPGET -Oqv "$XS_NODE_OID.23.0")" 1 "sighup_applies_control_yes"

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "sigterm_exits_0"
check "pidfile_removed_at_exit" [ ! -e "$XS_TMP/xensnmpd.pid" ]

# -D libvir: the library's own log, each call with its arguments and
# where in the library it comes from; without it, none of that.
: >"$XS_TMP/xensnmpd.log"
xs_start_agent "$NODE" -D libvir -r 0.2
sleep 1 # refreshes, in the worker thread, after the log file is set up
check "debug_libvir_logs_library_calls" grep -q \
    "libvir: debug: [^ ]*lib/libvir.c:[0-9]* virNodeGetInfo(): conn=" \
    "$XS_TMP/xensnmpd.log"
xs_stop_agent
: >"$XS_TMP/xensnmpd.log"
xs_start_agent "$NODE"
xs_stop_agent
check "no_debug_no_library_log" sh -c \
    "! grep -q 'virNodeGetInfo' '$XS_TMP/xensnmpd.log'"
done_testing
