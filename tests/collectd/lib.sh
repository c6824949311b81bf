# lib.sh: the part of tests/collectd/collectd.sh that runs README's
# collectd commands on this machine, as a user would, and undoes them.
# Sourced after tests/integration/lib.sh and tests/readme-commands.sh.
#
# README's steps change the system (a package, a file under /etc, RRD
# files under /var/lib), so readme_guard refuses to run over anything a
# user made there and notes what was installed; readme_restore puts the
# machine back, also when the test ends early (it is in the EXIT trap).

SYS_CONF=/etc/collectd/collectd.conf
DROPIN=/etc/collectd/collectd.conf.d/xensnmp.conf
RRD=/var/lib/collectd/rrd
# The collectd README's restart started, and the directory of the notes
# readme_restore needs (set by readme_guard).
SYS_PID=
SYS=

installed_packages() {
    dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' |
        awk '$1 == "ii" { print $2 }' | LC_ALL=C sort
}

rrd_entries() {
    ls -A "$RRD" 2>/dev/null | LC_ALL=C sort
}

# readme_guard DIR: refuses to touch a machine where README's steps would
# overwrite what is there; notes in DIR what readme_restore must undo.
readme_guard() {
    [ "$(id -u)" = 0 ] || setup_failed "check-collectd runs as root" \
        "it runs README's commands: apt-get install, cp to /etc/collectd"
    pgrep -x collectd >/dev/null &&
        setup_failed "a collectd runs already" "stop it first"
    [ -e "$DROPIN" ] && setup_failed "$DROPIN exists" "a user's: move it first"
    [ -e "$RRD/dom0" ] &&
        setup_failed "$RRD/dom0 exists" "a user's: move it first"
    SYS=$1
    mkdir -p "$SYS" || setup_failed "mkdir $SYS"
    rrd_entries >"$SYS/rrd"
    [ -d "$RRD" ] || : >"$SYS/no-rrd"
    # A pid file left by a collectd not running now is not the install's.
    [ -e /run/collectd.pid ] && : >"$SYS/stale-pid"
    installed_packages >"$SYS/packages"
    apt-mark showmanual | LC_ALL=C sort >"$SYS/manual"
}

# The packages installed since readme_guard.
new_packages() {
    installed_packages | LC_ALL=C comm -13 "$SYS/packages" -
}

# readme_restore: stops README's collectd, removes the file it copied and
# the RRD files collectd made, purges the packages installed since
# readme_guard.  Safe to call twice.
readme_restore() {
    [ -n "$SYS" ] && [ -f "$SYS/packages" ] && [ ! -f "$SYS/restored" ] ||
        return 0
    : >"$SYS/restored"
    if [ -n "$SYS_PID" ]; then
        kill -TERM "$SYS_PID" 2>/dev/null
        wait "$SYS_PID" 2>/dev/null
        SYS_PID=
    fi
    rm -f "$DROPIN"
    [ -n "${XS_KEEP_TMP:-}" ] && cp -r "$RRD/dom0" "$SYS/" 2>/dev/null
    rrd_entries | LC_ALL=C comm -13 "$SYS/rrd" - | while IFS= read -r d; do
        rm -rf "${RRD:?}/$d"
    done
    [ -f "$SYS/no-rrd" ] && rmdir "$RRD" 2>/dev/null
    # A package the install names becomes "manually installed".
    new=$(apt-mark showmanual | LC_ALL=C sort | LC_ALL=C comm -13 \
        "$SYS/manual" - | LC_ALL=C comm -12 "$SYS/packages" -)
    # shellcheck disable=SC2086
    [ -n "$new" ] && apt-mark auto $new >"$SYS/mark.log" 2>&1
    new=$(new_packages)
    if [ -n "$new" ]; then
        # One package per word.
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get purge -y $new \
            </dev/null >"$SYS/purge.log" 2>&1
    fi
}

# readme_step LINE: runs one line of README's collectd commands: the
# install and the copy as written, from the source tree (the user's "y"
# to apt-get's question on its input); the user's edit
# as sed setting the test's address; the restart as collectd.service
# does it (its condition, collectd -t, then collectd), in the foreground,
# not daemonized.
readme_step() {
    case $1 in
    "apt-get install "* | "cp "*)
        xs_succeeds "readme_runs: $1" env DEBIAN_FRONTEND=noninteractive \
            sh -c "cd \"\$abs_srcdir\" && echo y | $1"
        ;;
    "editor $DROPIN")
        check "readme_copied_the_file_the_editor_opens" [ -f "$DROPIN" ]
        sed -i "s|^\( *Address \)\"dom0\"|\1\"udp:127.0.0.1:$XS_PORT\"|" \
            "$DROPIN"
        check "readme_edit_sets_the_address" \
            grep -q "Address \"udp:127.0.0.1:$XS_PORT\"" "$DROPIN"
        ;;
    "systemctl restart collectd")
        # Where no policy-rc.d keeps services stopped, the install started
        # collectd (or collectdmon) with this pid file: the restart stops
        # it first.
        if [ -s /run/collectd.pid ] && [ ! -f "$SYS/stale-pid" ]; then
            pid=$(cat /run/collectd.pid)
            kill -TERM "$pid" 2>/dev/null
            n=0
            while kill -0 "$pid" 2>/dev/null && [ $n -lt 50 ]; do
                sleep 0.2
                n=$((n + 1))
            done
        fi
        # collectd.service's ConditionPathExists: without it, no start.
        check "readme_install_brings_$SYS_CONF" [ -f "$SYS_CONF" ]
        xs_succeeds "readme_config_passes_collectd_-t" \
            "$COLLECTD" -t -C "$SYS_CONF"
        "$COLLECTD" -f -C "$SYS_CONF" </dev/null >"$SYS/collectd.out" 2>&1 &
        SYS_PID=$!
        ;;
    *)
        not_ok "readme_step_known" "the test cannot run: $1"
        ;;
    esac
}
