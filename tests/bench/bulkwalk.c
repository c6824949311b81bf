/*
 * bulkwalk.c: a GetBulk walk client that measures the agent, not itself.
 *
 *     bulkwalk [-r WALKS] [-m MAXREP] [-c COMMUNITY] AGENT OID
 *
 * Walks the subtree OID of AGENT (e.g. 127.0.0.1:1161) WALKS times with
 * SNMPv2c GetBulk requests of MAXREP repetitions (default 50, as
 * snmpbulkwalk -Cr50) and prints one line:
 *
 *     varbinds N requests N
 *
 * snmpbulkwalk spends about 7 us of its own CPU per varbind translating
 * and printing it, which caps what a fast agent (the dlmod module inside
 * snmpd) can be seen to serve; this client decodes the responses and
 * counts them, nothing more, so the figure is the agent's throughput.
 * No MIB is loaded: OIDs are numeric.  The caller times it: start-up is
 * a few milliseconds.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

struct walkStats {
    long varbinds;
    long requests;
};

static int
inSubtree(const oid *root, size_t rootLen, const netsnmp_variable_list *vb)
{
    return vb->name_length > rootLen &&
           snmp_oid_compare(root, rootLen, vb->name, rootLen) == 0;
}

/* One walk of the subtree; 0 at its end, -1 on an error (printed). */
static int
walkOnce(netsnmp_session *ss, const oid *root, size_t rootLen, long maxRep,
         struct walkStats *stats)
{
    oid cur[MAX_OID_LEN];
    size_t curLen = rootLen;

    memcpy(cur, root, rootLen * sizeof(oid));
    for (;;) {
        netsnmp_pdu *req = snmp_pdu_create(SNMP_MSG_GETBULK);
        netsnmp_pdu *resp = NULL;
        netsnmp_variable_list *vb;
        int status;
        int more = 1;

        req->non_repeaters = 0;
        req->max_repetitions = maxRep;
        snmp_add_null_var(req, cur, curLen);
        status = snmp_synch_response(ss, req, &resp);
        stats->requests++;
        if (status != STAT_SUCCESS || resp == NULL ||
            resp->errstat != SNMP_ERR_NOERROR) {
            if (status == STAT_SUCCESS && resp != NULL)
                fprintf(stderr, "bulkwalk: error-status %s\n",
                        snmp_errstring((int)resp->errstat));
            else
                snmp_sess_perror("bulkwalk", ss);
            if (resp != NULL)
                snmp_free_pdu(resp);
            return -1;
        }
        for (vb = resp->variables; vb != NULL; vb = vb->next_variable) {
            if (vb->type == SNMP_ENDOFMIBVIEW ||
                !inSubtree(root, rootLen, vb)) {
                more = 0;
                break;
            }
            stats->varbinds++;
            memcpy(cur, vb->name, vb->name_length * sizeof(oid));
            curLen = vb->name_length;
        }
        if (resp->variables == NULL)
            more = 0;
        snmp_free_pdu(resp);
        if (!more)
            return 0;
    }
}

static void
usage(FILE *out)
{
    fprintf(out, "usage: bulkwalk [-r WALKS] [-m MAXREP] [-c COMMUNITY] "
                 "AGENT OID\n");
}

int
main(int argc, char **argv)
{
    netsnmp_session session;
    netsnmp_session *ss = NULL;
    struct walkStats stats = {0, 0};
    const char *community = "public";
    oid root[MAX_OID_LEN];
    size_t rootLen = MAX_OID_LEN;
    long walks = 1;
    long maxRep = 50;
    long i;
    int opt;
    int ret = 1;

    while ((opt = getopt(argc, argv, "r:m:c:h")) != -1) {
        switch (opt) {
        case 'r':
            walks = strtol(optarg, NULL, 10);
            break;
        case 'm':
            maxRep = strtol(optarg, NULL, 10);
            break;
        case 'c':
            community = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (argc - optind != 2 || walks < 1 || maxRep < 1) {
        usage(stderr);
        return 2;
    }

    /* Numeric OIDs only: no MIB is read, so start-up costs nothing. */
    setenv("MIBS", "", 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    init_snmp("bulkwalk");
    if (read_objid(argv[optind + 1], root, &rootLen) == 0) {
        fprintf(stderr, "bulkwalk: '%s' is not a numeric OID\n",
                argv[optind + 1]);
        goto cleanup;
    }

    snmp_sess_init(&session);
    session.version = SNMP_VERSION_2c;
    session.peername = argv[optind];
    session.community = (u_char *)community;
    session.community_len = strlen(community);
    session.timeout = 10 * 1000000L;
    session.retries = 1;
    if ((ss = snmp_open(&session)) == NULL) {
        snmp_sess_perror("bulkwalk: cannot open a session", &session);
        goto cleanup;
    }

    for (i = 0; i < walks; i++)
        if (walkOnce(ss, root, rootLen, maxRep, &stats) < 0)
            goto cleanup;
    printf("varbinds %ld requests %ld\n", stats.varbinds, stats.requests);
    ret = stats.varbinds > 0 ? 0 : 1;
    if (ret != 0)
        fprintf(stderr, "bulkwalk: the subtree is empty\n");

cleanup:
    if (ss != NULL)
        snmp_close(ss);
    snmp_shutdown("bulkwalk");
    return ret;
}
