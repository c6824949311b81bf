#!/bin/sh
# benchclient.sh: tests/bench/bulkwalk, the benchmark's lean client,
# counts exactly the varbinds snmpbulkwalk prints for the same walk: one
# column, every column of the domain table at once, and columns of two
# tables with one repetition per request.  The benchmark's throughput
# figures are only as right as these counts.  Bad arguments are refused.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml
BULKWALK=$abs_builddir/tests/bench/bulkwalk

xs_require_tools
[ -x "$BULKWALK" ] || setup_failed "$BULKWALK is not built" "run make"
xs_tmpdir
xs_start_snmpd
xs_start_agent "$NODE" -r 600

# lines OID...: how many varbinds snmpbulkwalk prints under each OID.
lines() {
    n=0
    for o in "$@"; do
        c=$($SNMPBULKWALK -On -Oq "$o" 2>/dev/null | grep -c "^$o\.")
        n=$((n + c))
    done
    echo "$n"
}

# varbinds OUTPUT: the count bulkwalk printed ("varbinds N requests N").
varbinds() { echo "$1" | awk '$1 == "varbinds" { print $2 }'; }
requests() { echo "$1" | awk '$3 == "requests" { print $4 }'; }

col=$XS_DOM_OID.5
expect=$(lines "$col")
[ "$expect" -gt 1 ] || setup_failed "snmpbulkwalk of $col printed $expect rows"
out=$("$BULKWALK" "$XS_AGENT" "$col" 2>&1)
is "$(varbinds "$out")" "$expect" "one_column_counts_every_row"
out=$("$BULKWALK" -r 3 -m 2 "$XS_AGENT" "$col" 2>&1)
is "$(varbinds "$out")" "$((3 * expect))" "three_walks_count_three_times"

# shellcheck disable=SC2086 # one OID per column
expect_all=$(lines $XS_DOM_COLS)
is "$expect_all" "$(lines "$XS_DOM_OID")" "columns_2_to_23_are_the_whole_table"
# shellcheck disable=SC2086
out=$("$BULKWALK" "$XS_AGENT" $XS_DOM_COLS 2>&1)
is "$(varbinds "$out")" "$expect_all" "all_columns_count_every_varbind"
# Every column per GetBulk: a row's 22 varbinds come in one request, so
# the walk takes fewer requests than the table has rows.
rows=$expect
if [ "$(requests "$out")" -lt "$rows" ]; then
    ok "all_columns_take_fewer_requests_than_rows"
else
    not_ok "all_columns_take_fewer_requests_than_rows" "$out, $rows rows"
fi

# Columns that end at different rows, one repetition per request: each
# column stops at its own end.
out=$("$BULKWALK" -m 1 "$XS_AGENT" "$XS_DOM_OID.21" "$XS_DOM_OID.22" \
    "$XS_VCPU_OID.2" 2>&1)
is "$(varbinds "$out")" \
    "$(lines "$XS_DOM_OID.21" "$XS_DOM_OID.22" "$XS_VCPU_OID.2")" \
    "columns_of_two_tables_end_each_at_its_own_end"

# Bad arguments: usage on stderr, exit 2, nothing sent.
"$BULKWALK" "$XS_AGENT" >/dev/null 2>"$XS_TMP/err"
is "$?" "2" "no_oid_exits_2"
check "no_oid_prints_usage" grep -q "^usage: bulkwalk" "$XS_TMP/err"
"$BULKWALK" -m 0 "$XS_AGENT" "$col" >/dev/null 2>&1
is "$?" "2" "zero_repetitions_exit_2"
"$BULKWALK" "$XS_AGENT" "not-an-oid" >/dev/null 2>"$XS_TMP/err"
is "$?" "1" "text_oid_exits_1"
check "text_oid_is_named" grep -q "'not-an-oid' is not a numeric OID" \
    "$XS_TMP/err"

done_testing
