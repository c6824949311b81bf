#!/bin/sh
# daemonfiles.sh: xensnmpd's pidfile and log file.  The pidfile is locked:
# a second instance with the same pidfile exits at once with status 2 and
# leaves the first one's file alone.  Neither file is opened through a
# symbolic link; both get their documented modes (0644, 0640) whatever
# the umask.  SIGHUP applies a new log target and a new pidfile.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml

xs_require_tools
xs_tmpdir

# mode FILE: its permission bits in octal.
mode() {
    stat -c %a "$1"
}

# --- symbolic links are refused at start-up -------------------------------
: >"$XS_TMP/target"
ln -s "$XS_TMP/target" "$XS_TMP/link.log"
# (timeout: an agent that follows the link would run on.)
timeout 10 "$XENSNMPD" -f -u "test://$NODE" -L "file:$XS_TMP/link.log" \
    >"$XS_TMP/err" 2>&1
is "$?" 1 "log_symlink_exits_1"
check "log_symlink_message" grep -q \
    "link.log': is a symbolic link, not followed" "$XS_TMP/err"
ln -s "$XS_TMP/target" "$XS_TMP/link.pid"
timeout 10 "$XENSNMPD" -f -u "test://$NODE" -p "$XS_TMP/link.pid" \
    >"$XS_TMP/err" 2>&1
is "$?" 1 "pidfile_symlink_exits_1"
check "pidfile_symlink_message" grep -q \
    "link.pid': is a symbolic link, not followed" "$XS_TMP/err"
is "$(wc -c <"$XS_TMP/target" | tr -d ' ')" 0 "symlink_target_untouched"

# --- modes whatever the umask ---------------------------------------------
# The agent runs from a configuration file alone, so that a SIGHUP below
# can change its log target and pidfile (options would override them).
conf() {
    printf 'uri test://%s\nagentx-socket %s\npidfile %s\nlog file:%s\n' \
        "$NODE" "$XS_TMP/agentx.sock" "$1" "$2" >"$XS_TMP/xensnmpd.conf"
}
xs_start_snmpd
conf "$XS_TMP/a.pid" "$XS_TMP/xensnmpd.log"
(umask 0 && exec "$XENSNMPD" -f -c "$XS_TMP/xensnmpd.conf") \
    >"$XS_TMP/xensnmpd.out" 2>&1 &
XS_AGENT_PID=$!
xs_wait_oid "$XS_NODE_OID.1.0" 15 || setup_failed "xensnmpd did not register" \
    "$(cat "$XS_TMP/xensnmpd.log" "$XS_TMP/xensnmpd.out" 2>&1 | tail -n 5)"
is "$(mode "$XS_TMP/xensnmpd.log")" 640 "log_file_mode_0640_under_umask_0"
is "$(mode "$XS_TMP/a.pid")" 644 "pidfile_mode_0644_under_umask_0"
is "$(cat "$XS_TMP/a.pid")" "$XS_AGENT_PID" "pidfile_holds_pid"

# --- a second instance with the same pidfile --------------------------------
before=$(date +%s)
timeout 10 "$XENSNMPD" -f -x "$XS_TMP/agentx.sock" -u "test://$NODE" \
    -p "$XS_TMP/a.pid" >"$XS_TMP/err" 2>&1
status=$?
is "$status" 2 "second_instance_same_pidfile_exits_2"
check "second_instance_exits_at_once" [ $(($(date +%s) - before)) -le 2 ]
check "second_instance_names_the_first" grep -q \
    "another xensnmpd (pid $XS_AGENT_PID) is running with pidfile" "$XS_TMP/err"
is "$(cat "$XS_TMP/a.pid" 2>&1)" "$XS_AGENT_PID" \
    "pidfile_still_holds_first_pid"

# --- SIGHUP: a new pidfile and a new log file ---------------------------------
conf "$XS_TMP/b.pid" "$XS_TMP/b.log"
kill -HUP "$XS_AGENT_PID"
n=0
while [ ! -s "$XS_TMP/b.log" ] && [ $n -lt 50 ]; do
    sleep 0.1
    n=$((n + 1))
done
check "sighup_new_log_file_gets_the_lines" grep -q "configuration reloaded" \
    "$XS_TMP/b.log"
is "$(mode "$XS_TMP/b.log" 2>&1)" 640 "sighup_new_log_file_mode_0640"
check "sighup_old_log_file_stops" sh -c \
    "! grep -q 'configuration reloaded' '$XS_TMP/xensnmpd.log'"
is "$(cat "$XS_TMP/b.pid" 2>&1)" "$XS_AGENT_PID" "sighup_new_pidfile_holds_pid"
check "sighup_old_pidfile_removed" [ ! -e "$XS_TMP/a.pid" ]

# A log target that cannot be opened keeps the current one.
conf "$XS_TMP/b.pid" "$XS_TMP/link.log"
kill -HUP "$XS_AGENT_PID"
sleep 1
check "sighup_bad_log_target_keeps_the_old" grep -q \
    "is a symbolic link, not followed; logging stays where it was" \
    "$XS_TMP/b.log"

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "sigterm_exits_0"
check "pidfile_removed_on_exit" [ ! -e "$XS_TMP/b.pid" ]
done_testing
