#!/bin/sh
# getnext.sh: GETNEXT always moves forward (RFC 3416 s4.2.2), whatever
# the request OID: any sub-identifier (0 .. 2^32-1), any length, any
# column (0, the index column, past the last), OIDs that stop at the
# table, the entry or a column, in both tables, through AgentX and through
# the dlmod module, with net-snmp's clients and with pysnmp.
#
# net-snmp's table helper used to restart a GETNEXT at the first row of
# the column when a string index's length sub-identifier was above 128:
# "getnext xenDomOperState.200" answered xenDomOperState."db01".

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/integration/data/node.xml
MODULE=$abs_builddir/agent/.libs/xensnmp.so
CLIENT=$abs_srcdir/tests/integration/getnextclient.py
PYTHON=/usr/bin/python3
DOM_TABLE=$XS_MIB_OID.1.2
VCPU_TABLE=$XS_MIB_OID.1.3

# $1 repeated $2 times, dot-separated.
repeat() {
    r=$1
    i=1
    while [ "$i" -lt "$2" ]; do
        r="$r.$1"
        i=$((i + 1))
    done
    echo "$r"
}

# hostile TABLE LASTCOLUMN: request OIDs around and inside TABLE.
hostile() {
    t=$1
    for s in "" .0 .1 .1.0 .1.1 .1.1.200 .2 .4294967295 .0.4294967295; do
        echo "$t$s"
    done
    c=0
    while [ $c -le $(($2 + 1)) ]; do
        e=$t.1.$c
        for s in "" .0 .1.256 .3 .96 .128 .129 .200 .4294967295 .5.255 \
            .5.119.101.98.48.49 .5.119.101.98.48.49.4294967295 \
            .4.100.98.48.49.0 .8.68.111.109.97.105.110.45.48.4294967295 \
            ".110.$(repeat 65 110)" ".97.$(repeat 255 97)"; do
            echo "$e$s"
        done
        c=$((c + 1))
    done
}

# Sends the OIDs of file $1 with snmpgetnext, 16 to a request, and checks
# that each answer is greater than its request.
getnext_moves_forward() {
    : >"$XS_TMP/answers"
    split -l 16 "$1" "$XS_TMP/batch."
    for b in "$XS_TMP"/batch.*; do
        # The OIDs are split into arguments on purpose.
        # shellcheck disable=SC2046
        snmpgetnext -v2c -c public -t 3 -r 1 -On -Oq "$XS_AGENT" \
            $(cat "$b") 2>&1 | grep '^\.' | cut -d' ' -f1 \
            >>"$XS_TMP/answers"
    done
    rm -f "$XS_TMP"/batch.*
    [ "$(wc -l <"$XS_TMP/answers")" -eq "$(wc -l <"$1")" ] || {
        echo "$(wc -l <"$XS_TMP/answers") answers to $(wc -l <"$1") requests"
        return 1
    }
    paste -d' ' "$1" "$XS_TMP/answers" | awk '
        # OIDs compare sub-identifier by sub-identifier, a prefix first.
        function less(a, b,    x, y, n, m, i) {
            n = split(substr(a, 2), x, ".")
            m = split(substr(b, 2), y, ".")
            for (i = 1; i <= n && i <= m; i++)
                if (x[i] + 0 != y[i] + 0)
                    return x[i] + 0 < y[i] + 0
            return n < m
        }
        !less($1, $2) { print "getnext " $1 " gave " $2; bad = 1 }
        END { exit bad }'
}

# The checks, against whatever serves the MIB on $XS_PORT; $1 names it.
check_getnext() {
    xs_succeeds "getnext_$1_domain_table_moves_forward_for_any_oid" \
        getnext_moves_forward "$XS_TMP/dom.oids"
    xs_succeeds "getnext_$1_vcpu_table_moves_forward_for_any_oid" \
        getnext_moves_forward "$XS_TMP/vcpu.oids"
    is "$(snmpgetnext -v2c -c public -t 3 -r 1 -On -Oq "$XS_AGENT" \
        "$XS_DOM_OID.6.200" | cut -d' ' -f1)" \
        "$XS_DOM_OID.7.4.100.98.48.49" \
        "getnext_$1_oper_state_length_200_is_next_column_first_row"
    $SNMPBULKWALK -On -Oq "$DOM_TABLE" >"$XS_TMP/dom.walk" 2>&1
    $SNMPBULKWALK -On -Oq "$VCPU_TABLE" >"$XS_TMP/vcpu.walk" 2>&1
    # node.xml: 8 domains x 22 columns; 4+4+8+64+1+2+1 vcpus (the
    # offline ones too) x 5 columns.
    is "$(grep -c "^$DOM_TABLE\." "$XS_TMP/dom.walk")" 176 \
        "getnext_$1_bulkwalk_domain_table_has_every_row"
    is "$(grep -c "^$VCPU_TABLE\." "$XS_TMP/vcpu.walk")" 420 \
        "getnext_$1_bulkwalk_vcpu_table_has_every_row"
    xs_succeeds "getnext_$1_pysnmp_domain_table_moves_forward" \
        "$PYTHON" "$CLIENT" "$XS_PORT" "$DOM_TABLE" "$XS_TMP/dom.oids"
    xs_succeeds "getnext_$1_pysnmp_vcpu_table_moves_forward" \
        "$PYTHON" "$CLIENT" "$XS_PORT" "$VCPU_TABLE" "$XS_TMP/vcpu.oids"
}

xs_require_tools
command -v snmpgetnext >/dev/null 2>&1 ||
    setup_failed "snmpgetnext is missing" "apt-get install snmp"
"$PYTHON" -c 'import pysnmp.hlapi' 2>/dev/null ||
    setup_failed "pysnmp is missing" "apt-get install python3-pysnmp4"
[ -f "$MODULE" ] || setup_failed "$MODULE is not built" "run make"
xs_tmpdir
hostile "$DOM_TABLE" 23 >"$XS_TMP/dom.oids"
hostile "$VCPU_TABLE" 6 >"$XS_TMP/vcpu.oids"

xs_start_snmpd
xs_start_agent "$NODE" -r 5
check_getnext agentx
xs_stop_agent
xs_stop_snmpd

xs_start_module "$NODE"
xs_wait_oid "$XS_NODE_OID.1.0" 10 || setup_failed "the module did not load" \
    "$(tail -n 5 "$XS_TMP/snmpd-dlmod.log" 2>&1)"
check_getnext dlmod

done_testing
