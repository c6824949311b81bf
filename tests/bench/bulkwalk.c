/*
 * bulkwalk.c: a GetBulk walk client that measures the agent, not itself.
 *
 *     bulkwalk [-r WALKS] [-m MAXREP] [-c COMMUNITY] AGENT OID...
 *
 * Walks the subtree OID of AGENT (e.g. 127.0.0.1:1161) WALKS times with
 * SNMPv2c GetBulk requests of MAXREP repetitions (default 50, as
 * snmpbulkwalk -Cr50).  Given several OIDs (the columns of a table), each
 * GetBulk asks for the next instance of every column not yet finished, as
 * an NMS that polls whole rows does (snmptable itself walks the table
 * entry one varbind per repetition, or with -CB asks every column of one
 * row per GetNext).  Prints one line:
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

/* Columns a walk can follow at once: more than any table of the MIB. */
#define BW_MAX_COLUMNS 64

struct walkStats {
    long varbinds;
    long requests;
};

/* One column being walked: its subtree and the last instance seen. */
struct walkColumn {
    oid root[MAX_OID_LEN];
    size_t rootLen;
    oid cur[MAX_OID_LEN];
    size_t curLen;
    int done;
};

static int
inSubtree(const oid *root, size_t rootLen, const netsnmp_variable_list *vb)
{
    return vb->name_length > rootLen &&
           snmp_oid_compare(root, rootLen, vb->name, rootLen) == 0;
}

/* One walk of the columns (one, for a subtree); 0 at its end, -1 on an
 * error (printed). */
static int
walkOnce(netsnmp_session *ss, struct walkColumn *cols, size_t ncols,
         long maxRep, struct walkStats *stats)
{
    size_t active[BW_MAX_COLUMNS];
    size_t i;

    for (i = 0; i < ncols; i++) {
        memcpy(cols[i].cur, cols[i].root, cols[i].rootLen * sizeof(oid));
        cols[i].curLen = cols[i].rootLen;
        cols[i].done = 0;
    }
    for (;;) {
        netsnmp_pdu *req;
        netsnmp_pdu *resp = NULL;
        netsnmp_variable_list *vb;
        size_t nactive = 0;
        size_t k;
        int status;
        int progress = 0;

        for (i = 0; i < ncols; i++)
            if (!cols[i].done)
                active[nactive++] = i;
        if (nactive == 0)
            return 0;
        req = snmp_pdu_create(SNMP_MSG_GETBULK);
        req->non_repeaters = 0;
        req->max_repetitions = maxRep;
        for (k = 0; k < nactive; k++)
            snmp_add_null_var(req, cols[active[k]].cur, cols[active[k]].curLen);
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
        /* Varbinds come repetition by repetition, one per requested
         * column in request order; the agent may send fewer repetitions
         * than asked (message size). */
        for (vb = resp->variables, k = 0; vb != NULL;
             vb = vb->next_variable, k++) {
            struct walkColumn *col = &cols[active[k % nactive]];

            if (col->done)
                continue;
            if (vb->type == SNMP_ENDOFMIBVIEW ||
                !inSubtree(col->root, col->rootLen, vb)) {
                col->done = 1;
                continue;
            }
            stats->varbinds++;
            progress = 1;
            memcpy(col->cur, vb->name, vb->name_length * sizeof(oid));
            col->curLen = vb->name_length;
        }
        snmp_free_pdu(resp);
        /* An empty answer would otherwise ask the same again forever. */
        if (!progress)
            for (k = 0; k < nactive; k++)
                cols[active[k]].done = 1;
    }
}

static void
usage(FILE *out)
{
    fprintf(out, "usage: bulkwalk [-r WALKS] [-m MAXREP] [-c COMMUNITY] "
                 "AGENT OID...\n");
}

int
main(int argc, char **argv)
{
    netsnmp_session session;
    netsnmp_session *ss = NULL;
    struct walkStats stats = {0, 0};
    const char *community = "public";
    struct walkColumn *cols = NULL;
    size_t ncols;
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
    if (argc - optind < 2 || argc - optind - 1 > BW_MAX_COLUMNS || walks < 1 ||
        maxRep < 1) {
        usage(stderr);
        return 2;
    }
    ncols = (size_t)(argc - optind - 1);

    /* Numeric OIDs only: no MIB is read, so start-up costs nothing. */
    setenv("MIBS", "", 1);
    netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID,
                           NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
    init_snmp("bulkwalk");
    if ((cols = calloc(ncols, sizeof(*cols))) == NULL) {
        fprintf(stderr, "bulkwalk: out of memory\n");
        goto cleanup;
    }
    for (i = 0; i < (long)ncols; i++) {
        cols[i].rootLen = MAX_OID_LEN;
        if (read_objid(argv[optind + 1 + i], cols[i].root, &cols[i].rootLen) ==
            0) {
            fprintf(stderr, "bulkwalk: '%s' is not a numeric OID\n",
                    argv[optind + 1 + i]);
            goto cleanup;
        }
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
        if (walkOnce(ss, cols, ncols, maxRep, &stats) < 0)
            goto cleanup;
    printf("varbinds %ld requests %ld\n", stats.varbinds, stats.requests);
    ret = stats.varbinds > 0 ? 0 : 1;
    if (ret != 0)
        fprintf(stderr, "bulkwalk: the subtree is empty\n");

cleanup:
    free(cols);
    if (ss != NULL)
        snmp_close(ss);
    snmp_shutdown("bulkwalk");
    return ret;
}
