#!/bin/sh
# longnames.sh: domains whose names do not fit xenDomName (1 to 96
# octets), through snmpd and xensnmpd on tests/agentdata/longnames.xml
# (names of 96, 97 and 255 octets): the 96-octet domain has its rows in
# every table, the others have none, the node's domain counts equal the
# rows, and the agent's log names each long-named domain exactly once
# however many refreshes see it.

. "$abs_srcdir/tests/integration/lib.sh"

NODE=$abs_srcdir/tests/agentdata/longnames.xml

# pad CHAR N: N times CHAR.
pad() {
    printf "%$2s" "" | tr ' ' "$1"
}
N96=long-96-$(pad a 88)
N97=long-97-$(pad b 89)
N255=long-255-$(pad c 246)
REFRESHES=$XS_NODE_OID.21.0

xs_require_tools
xs_tmpdir
xs_start_snmpd
xs_start_agent "$NODE" -r 0.2

# lengths TABLE: the name lengths (first index sub-identifier) of the rows
# of table TABLE (2 domains, 3 vcpus, 5 interfaces, 6 disks), sorted.
lengths() {
    $SNMPWALK -On -Oq "$XS_MIB_OID.1.$1" 2>&1 |
        awk -v p="$XS_MIB_OID.1.$1.1." 'index($1, p) == 1 {
            split(substr($1, length(p) + 1), a, "."); print a[2] }' |
        sort -un | tr '\n' ' '
}

xs_domains "$XS_TMP/rows"
is "$(cut -d' ' -f2- "$XS_TMP/rows" | LC_ALL=C sort | tr '\n' ' ')" \
    "Domain-0 $N96 off " "domain_rows_only_names_of_1_to_96_octets"
is "$(lengths 2)" "3 8 96 " "domain_table_no_row_for_97_or_255_octets"
is "$(lengths 3)" "8 96 " "vcpu_table_no_row_for_97_or_255_octets"
is "$(lengths 5)" "96 " "vif_table_no_row_for_97_or_255_octets"
is "$(lengths 6)" "96 " "vbd_table_no_row_for_97_or_255_octets"
# index NAME: the table index of NAME (its length, then its octets).
index() {
    printf '%s' "$1" | od -An -v -tu1 | tr -s ' \n' '..' |
        sed "s/^\./${#1}./; s/\.\$//"
}
is "$($SNMPGET -Oqv "$XS_DOM_OID.4.$(index "$N97")")" \
    "No Such Instance currently exists at this OID" \
    "domain_97_octets_noSuchInstance"
is "$($SNMPGET -Oqv "$XS_DOM_OID.4.$(index "$N96")")" 1 \
    "domain_96_octets_has_its_id"

# The node's domain counts are the rows', by xenDomId.
ids=$($SNMPWALK -On -Oqv "$XS_DOM_OID.4" 2>&1)
active=$(printf '%s\n' "$ids" | grep -cv '^-1$')
defined=$(printf '%s\n' "$ids" | grep -c '^-1$')
is "$active $defined" "2 1" "rows_two_active_one_defined"
is "$($SNMPGET -Oqv "$XS_NODE_OID.14.0")" "$active" \
    "node_active_domains_equals_active_rows"
is "$($SNMPGET -Oqv "$XS_NODE_OID.15.0")" "$defined" \
    "node_defined_domains_equals_defined_rows"
# Free memory is the host's: the long-named domains hold theirs too.
is "$($SNMPGET -Oqv "$XS_NODE_OID.6.0")" 56623104 \
    "node_free_memory_counts_what_long_named_domains_hold"

# Five more refreshes (0.2 s apart) see the same long-named domains.
first=$($SNMPGET -Oqv "$REFRESHES")
n=0
while [ $n -lt 150 ]; do
    now=$($SNMPGET -Oqv "$REFRESHES")
    [ $((now - first)) -ge 5 ] && break
    sleep 0.1
    n=$((n + 1))
done
check "five_more_refreshes" [ $((now - first)) -ge 5 ]

log=$XS_TMP/xensnmpd.log
for d in "97 $N97 22222222-3333-4444-8555-000000000097" \
    "255 $N255 22222222-3333-4444-8555-000000000255"; do
    set -- $d
    line="domain \"$2\" ($3) has no row and is not counted in xenNode: its name is $1 octets; xenDomName takes 1 to 96"
    is "$(grep -cF "$2" "$log")" 1 "log_names_the_${1}_octet_domain_once"
    is "$(grep -cF "$line" "$log")" 1 "log_line_of_the_${1}_octet_domain"
done
is "$(grep -cF "$N96" "$log")" 0 "log_silent_about_the_96_octet_domain"

xs_stop_agent
is "$XS_AGENT_STATUS" 0 "agent_stops_cleanly"
done_testing
