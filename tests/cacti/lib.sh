# lib.sh: helpers of tests/cacti/cacti.sh, sourced after
# tests/integration/lib.sh: Debian's Cacti 1.2.24 set up from scratch on
# its MariaDB, driven only by its own CLI scripts, and stopped again.
#
# Debian's maintainer scripts start no service here (policy-rc.d, no
# systemd), so the cacti package is installed but its database is not
# configured: cacti_install does what its dbconfig step would, on a
# MariaDB server this test starts (and cacti_stop_db stops).  It owns
# the database "cacti": it refuses to run while another MariaDB server
# runs, or when that database holds a device it did not make.

CACTI_SITE=/usr/share/cacti/site
CACTI_CLI=/usr/share/cacti/cli
CACTI_CONFIG=/etc/cacti/debian.php
CACTI_DEVICE=xensnmp-test
MYSQLD_PID=

# cacti_setting NAME: a value of $CACTI_CONFIG ($database_password ...).
cacti_setting() {
    sed -n "s/^\$$1 *= *'\(.*\)';.*/\1/p" "$CACTI_CONFIG"
}

cacti_sql() {
    mysql -N -B cacti -e "$1"
}

cacti_start_db() {
    mysqladmin ping >/dev/null 2>&1 &&
        setup_failed "a MariaDB server runs already" \
            "check-cacti starts and stops its own: stop that one first"
    mysqld_safe >"$T/mysqld_safe.log" 2>&1 &
    MYSQLD_PID=$!
    n=0
    while ! mysqladmin ping >/dev/null 2>&1; do
        [ $n -lt 300 ] && kill -0 "$MYSQLD_PID" 2>/dev/null ||
            setup_failed "MariaDB did not start" "$(tail -n 5 "$T/mysqld_safe.log")"
        sleep 0.1
        n=$((n + 1))
    done
}

cacti_stop_db() {
    [ -n "$MYSQLD_PID" ] || return 0
    mysqladmin shutdown >/dev/null 2>&1 || kill -TERM "$MYSQLD_PID" 2>/dev/null
    wait "$MYSQLD_PID" 2>/dev/null
    MYSQLD_PID=
}

# A fresh Cacti: the database "cacti" made anew as Debian's dbconfig
# would (user and password of $CACTI_CONFIG), Cacti's schema and its
# installer, and the sample automation network disabled before any
# poller run (it would scan 192.168.1.0/24).
cacti_install() {
    others=$(mysql -N -B -e "SELECT description FROM cacti.host
        WHERE description != '$CACTI_DEVICE'" 2>/dev/null)
    [ -z "$others" ] || setup_failed "the database cacti has devices" \
        "check-cacti recreates that database; it holds: $others"
    pw=$(cacti_setting database_password)
    user=$(cacti_setting database_username)
    [ -n "$pw" ] && [ -n "$user" ] ||
        setup_failed "no database credentials in $CACTI_CONFIG"
    mysql -e "DROP DATABASE IF EXISTS cacti;
        CREATE DATABASE cacti CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
        CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$pw';
        ALTER USER '$user'@'localhost' IDENTIFIED BY '$pw';
        GRANT ALL ON cacti.* TO '$user'@'localhost';
        GRANT SELECT ON mysql.time_zone_name TO '$user'@'localhost';" \
        >"$T/install.log" 2>&1 ||
        setup_failed "cannot create the database" "$(tail -n 5 "$T/install.log")"
    mysql_tzinfo_to_sql /usr/share/zoneinfo 2>/dev/null | mysql mysql &&
        mysql cacti </usr/share/doc/cacti/cacti.sql &&
        php "$CACTI_CLI/install_cacti.php" --accept-eula --install \
            >>"$T/install.log" 2>&1 ||
        setup_failed "Cacti's installer failed" "$(tail -n 5 "$T/install.log")"
    cacti_sql "UPDATE automation_networks SET enabled = ''" ||
        setup_failed "cannot disable the automation networks"
}

# cacti_poll: one run of Cacti's poller, as its cron job runs it (with
# --debug, which prints rrdtool's errors into $T/poller.log).
cacti_poll() {
    (cd "$CACTI_SITE" && su -s /bin/sh www-data -c "php poller.php --force --debug") \
        >>"$T/poller.log" 2>&1
}

# cacti_errors FILE: its error lines but those of PHP 8.2's deprecation
# notices about Cacti's own code, which Cacti reports as errors too.
cacti_errors() {
    grep -E 'ERROR|FATAL' "$1" 2>/dev/null |
        grep -v -e 'PHP DEPRECATED' -e 'PHP ERROR Backtrace'
}

# What the test leaves in Cacti's own directories: its RRD files and the
# data query files the package wrote (the database goes with the next
# run's cacti_install, or now).
cacti_cleanup() {
    if [ -z "${XS_KEEP_TMP:-}" ]; then
        rm -f "$CACTI_SITE/rra/${CACTI_DEVICE}_"*.rrd \
            "$CACTI_SITE/resource/snmp_queries/xensnmp_"*.xml
        [ -n "$MYSQLD_PID" ] && mysql -e "DROP DATABASE IF EXISTS cacti" 2>/dev/null
    fi
    cacti_stop_db
}
