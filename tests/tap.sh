# tap.sh: TAP output for the shell tests (integration tests, mibtest.sh),
# sourced by each.  A test ends with done_testing, which prints the plan
# and exits non-zero when any case failed, so a failure shows in the exit
# status as well as in the "not ok" lines.

XS_NTESTS=0
XS_FAILED=0

ok() {
    XS_NTESTS=$((XS_NTESTS + 1))
    echo "ok $XS_NTESTS - $1"
}

# not_ok DESCRIPTION [DIAGNOSTIC LINE]...
not_ok() {
    XS_NTESTS=$((XS_NTESTS + 1))
    XS_FAILED=1
    echo "not ok $XS_NTESTS - $1"
    shift
    for line in "$@"; do
        printf '# %s\n' "$line"
    done
}

# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
    desc=$1
    shift
    if "$@"; then
        ok "$desc"
    else
        not_ok "$desc" "failed: $*"
    fi
}

# is GOT EXPECTED DESCRIPTION
is() {
    if [ "$1" = "$2" ]; then
        ok "$3"
    else
        not_ok "$3" "got:      '$1'" "expected: '$2'"
    fi
}

# Prints the plan after the tests ("1..N" last is valid TAP) and exits.
done_testing() {
    echo "1..$XS_NTESTS"
    exit "$XS_FAILED"
}

# Ends the test with a set-up failure.
setup_failed() {
    not_ok "setup: $1" "${2:-}"
    done_testing
}

