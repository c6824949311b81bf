/*
 * control.c: carries out SETs as setcore decides them (see control.h).
 *
 * Ownership: a SET's plan belongs to the request's agent data from
 * RESERVE1 until net-snmp frees the request (after FREE); it copies the
 * names and values it needs, since the snapshot may be swapped between
 * AgentX phases.  The action store and the list of touched domains are
 * this file's, main-thread only.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "connection.h"
#include "control.h"
#include "lifecycle.h"
#include "logprefix.h"
#include "refresh.h"
#include "xenNotify.h"
#include "xen_mib.h"

#define XS_CONTROL_DATA "xsControl"

/* One varbind of the SET and the request it came in. */
typedef struct _xsControlItem xsControlItem;

struct _xsControlItem {
    netsnmp_request_info *request;
    xsSetVarbind vb; /* name and string owned here */
};

/* The SET of one PDU, across the tables and the phases. */
typedef struct _xsControlPlan xsControlPlan;

struct _xsControlPlan {
    xsControlItem *items; /* in PDU order once decided */
    size_t n;
    size_t alloc;
    xsSetVarbind *vbs; /* the items' varbinds, as setcore borrows them */
    xsSetPlan plan;
    size_t applied; /* steps ACTION went through */
    bool decided, acted, undone, committed;
};

/* The last control action on a domain (xenDomLastAction*), kept by name
 * across snapshots and reboots, in a container of the table's index. */
typedef struct _xsControlRecord xsControlRecord;

struct _xsControlRecord {
    netsnmp_index index; /* first: the container compares these */
    oid oids[1 + XS_NAME_MAX];
    int action;
    int status;
    uint64_t whenNs;
    char error[256];
};

/* A domain a SET changed, and when it was re-read afterwards: a snapshot
 * the worker began before that may hold its old state. */
typedef struct _xsControlTouched xsControlTouched;

struct _xsControlTouched {
    char name[XS_NAME_MAX + 1];
    uint64_t readNs;
};

static struct {
    netsnmp_container *actions;
    xsControlTouched *touched;
    size_t ntouched;
} xsControl;

/* ---- the last-action store ------------------------------------------ */

/* The domain table's index of @name in @rec's key. */
static void
xsControlKey(xsControlRecord *rec, const char *name, size_t namelen)
{
    size_t j;

    rec->oids[0] = namelen;
    for (j = 0; j < namelen; j++)
        rec->oids[1 + j] = (unsigned char)name[j];
    rec->index.oids = rec->oids;
    rec->index.len = 1 + namelen;
}

bool
xsControlLastAction(const char *name, size_t namelen, xsControlAction *out)
{
    xsControlRecord key;
    const xsControlRecord *rec;

    if (xsControl.actions == NULL || namelen > XS_NAME_MAX)
        return false;
    xsControlKey(&key, name, namelen);
    if ((rec = CONTAINER_FIND(xsControl.actions, &key)) == NULL)
        return false;
    out->action = rec->action;
    out->status = rec->status;
    out->whenNs = rec->whenNs;
    out->error = rec->error;
    return true;
}

/* Records @action on @name with @status (and libvir's @error when it
 * failed).  The outcome of a background action keeps the time it was
 * requested. */
static void
xsControlRecordAction(const char *name, int action, int status,
                      const char *error)
{
    xsControlRecord key, *rec;
    size_t namelen = strlen(name);

    if (xsControl.actions == NULL || namelen > XS_NAME_MAX)
        return;
    xsControlKey(&key, name, namelen);
    if ((rec = CONTAINER_FIND(xsControl.actions, &key)) == NULL) {
        if ((rec = calloc(1, sizeof(*rec))) == NULL)
            return;
        xsControlKey(rec, name, namelen);
        if (CONTAINER_INSERT(xsControl.actions, rec) != 0) {
            free(rec);
            return;
        }
    }
    if (!(rec->status == XEN_ACTION_STATUS_IN_PROGRESS &&
          rec->action == action))
        rec->whenNs = xsClockNowNs();
    rec->action = action;
    rec->status = status;
    snprintf(rec->error, sizeof(rec->error), "%s",
             status == XEN_ACTION_STATUS_FAILED && error != NULL ? error : "");
}

static void
xsControlFreeRecord(void *data, void *context)
{
    (void)context;
    free(data);
}

/* ---- read-your-writes ----------------------------------------------- */

/* Remembers that @names were re-read at @readNs. */
static void
xsControlTouch(const char *const *names, size_t n, uint64_t readNs)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        xsControlTouched *t;

        for (j = 0; j < xsControl.ntouched; j++)
            if (strcmp(xsControl.touched[j].name, names[i]) == 0)
                break;
        if (j == xsControl.ntouched) {
            t = realloc(xsControl.touched, (j + 1) * sizeof(*t));
            if (t == NULL)
                return;
            xsControl.touched = t;
            xsControl.ntouched++;
        }
        t = &xsControl.touched[j];
        snprintf(t->name, sizeof(t->name), "%s", names[i]);
        t->readNs = readNs;
    }
}

/* @base with the domains @names re-read through the control connection;
 * NULL (logged) when they cannot be read.  The caller frees it. */
static xsSnapshot *
xsControlReread(const xsSnapshot *base, const char *const *names, size_t n)
{
    virConnectPtr conn = xsConnectionControl();
    unsigned long long calls = 0, failed = 0;
    xsSnapshot *fresh = NULL, *patched = NULL;

    if (conn == NULL || base == NULL)
        return NULL;
    fresh = xsSnapshotTakeDomains(conn, base, names, n, &calls, &failed);
    xsConnectionCountCalls(calls, failed);
    if (fresh != NULL) {
        patched = xsSnapshotPatch(base, fresh, names, n);
        if (patched != NULL)
            xsControlTouch(names, n, fresh->takenNs);
    }
    if (patched == NULL)
        snmp_log(LOG_ERR,
                 XS_LOG_PREFIX "cannot re-read the domains a SET changed; "
                               "they show at the next refresh\n");
    xsSnapshotFree(fresh);
    return patched;
}

/* Makes the current snapshot show @names as they are now. */
static void
xsControlShow(const char *const *names, size_t n)
{
    xsSnapshot *patched;

    if (n == 0)
        return;
    if ((patched = xsControlReread(xsRefreshCurrent(), names, n)) != NULL)
        xsRefreshReplace(patched);
    else
        xsRefreshKick();
}

/* A snapshot the worker began before the current one was patched: the
 * domains changed since it began are re-read into a copy of it. */
static xsSnapshot *
xsControlFixup(xsSnapshot *arriving)
{
    const char **names = NULL;
    xsSnapshot *patched = NULL;
    size_t i, n = 0, kept = 0;

    if (xsControl.ntouched == 0 ||
        (names = malloc(xsControl.ntouched * sizeof(*names))) == NULL)
        return arriving;
    for (i = 0; i < xsControl.ntouched; i++)
        if (xsControl.touched[i].readNs >= arriving->takenNs)
            names[n++] = xsControl.touched[i].name;
    if (n > 0)
        patched = xsControlReread(arriving, names, n);
    free(names);
    /* Snapshots arrive in the order they began: a change re-read before
     * this one began is in every later one. */
    for (i = 0; i < xsControl.ntouched; i++)
        if (xsControl.touched[i].readNs >= arriving->takenNs)
            xsControl.touched[kept++] = xsControl.touched[i];
    xsControl.ntouched = kept;
    /* @arriving stays the worker's baseline: the refresh frees it. */
    return patched != NULL ? patched : arriving;
}

/* ---- logging --------------------------------------------------------- */

static const char *
xsControlErrorName(xsSetError err)
{
    switch (err) {
    case XS_SET_WRONG_TYPE:
        return "wrongType";
    case XS_SET_WRONG_LENGTH:
        return "wrongLength";
    case XS_SET_WRONG_VALUE:
        return "wrongValue";
    case XS_SET_NO_CREATION:
        return "noCreation";
    case XS_SET_INCONSISTENT_VALUE:
        return "inconsistentValue";
    case XS_SET_RESOURCE_UNAVAILABLE:
        return "resourceUnavailable";
    case XS_SET_COMMIT_FAILED:
        return "commitFailed";
    case XS_SET_NOT_WRITABLE:
        return "notWritable";
    default:
        return "genErr";
    }
}

/* A cpu map as hex octets ("0x0f00"), shortened past 32 octets. */
static void
xsControlFormatMap(char *buf, size_t len, const unsigned char *map,
                   size_t maplen)
{
    size_t i, off = 0;
    int k;

    k = snprintf(buf, len, "0x");
    off = k > 0 ? (size_t)k : 0;
    for (i = 0; i < maplen && i < 32 && off + 3 < len; i++) {
        k = snprintf(buf + off, len - off, "%02x", map[i]);
        off += k > 0 ? (size_t)k : 0;
    }
    if (i < maplen)
        snprintf(buf + off, len - off, "... (%zu octets)", maplen);
}

/* "xenVcpuAffinity.\"web01\".1 = 0x0f" for the log. */
static void
xsControlFormatVarbind(char *buf, size_t len, const xsSetVarbind *vb)
{
    char value[128], row[XS_NAME_MAX + 32];

    if (vb->type == XS_ASN_OCTET_STR && vb->string != NULL)
        xsControlFormatMap(value, sizeof(value), vb->string, vb->len);
    else if (vb->type == XS_ASN_OCTET_STR)
        snprintf(value, sizeof(value), "\"\"");
    else
        snprintf(value, sizeof(value), "%ld", vb->integer);
    if (vb->name == NULL)
        snprintf(row, sizeof(row), "(not a domain name)");
    else if (vb->table == XS_SET_VCPU_TABLE)
        snprintf(row, sizeof(row), "\"%s\".%u", vb->name, vb->vcpu);
    else
        snprintf(row, sizeof(row), "\"%s\"", vb->name);
    snprintf(buf, len, "%s.%s = %s", xsSetColumnName(vb->table, vb->column),
             row, value);
}

/* What the change @c made, for the log ("target 1048576 KiB"). */
static void
xsControlFormatChange(char *buf, size_t len, const xsSetChange *c)
{
    switch (c->action) {
    case XEN_ACTION_RESUME:
        snprintf(buf, len, "resumed");
        break;
    case XEN_ACTION_SUSPEND:
        snprintf(buf, len, "paused");
        break;
    case XEN_ACTION_SET_MAX_MEMORY:
        snprintf(buf, len, "maximum memory %llu KiB", c->value);
        break;
    case XEN_ACTION_SET_MEMORY_TARGET:
        snprintf(buf, len, "memory target %llu KiB", c->value);
        break;
    case XEN_ACTION_SET_VCPUS:
        snprintf(buf, len, "%llu vcpus online", c->value);
        break;
    default:
        snprintf(buf, len, "affinity ");
        xsControlFormatMap(buf + strlen(buf), len - strlen(buf), c->map,
                           c->maplen);
        break;
    }
}

/* ---- the phases ------------------------------------------------------- */

static void
xsControlPlanFree(void *data)
{
    xsControlPlan *p = data;
    size_t i;

    if (p == NULL)
        return;
    xsSetPlanClear(&p->plan);
    for (i = 0; i < p->n; i++) {
        free((char *)p->items[i].vb.name);
        free((unsigned char *)p->items[i].vb.string);
    }
    free(p->items);
    free(p->vbs);
    free(p);
}

/* RESERVE1: adds @request to the plan.  -1 when out of memory. */
static int
xsControlAdd(xsControlPlan *p, netsnmp_request_info *request,
             const xsSetVarbind *where)
{
    const netsnmp_variable_list *v = request->requestvb;
    xsControlItem *it;

    if (p->n == p->alloc) {
        size_t want = p->alloc > 0 ? p->alloc * 2 : 8;

        if ((it = realloc(p->items, want * sizeof(*it))) == NULL)
            return -1;
        p->items = it;
        p->alloc = want;
    }
    it = &p->items[p->n];
    memset(it, 0, sizeof(*it));
    it->request = request;
    it->vb = *where;
    it->vb.name = NULL;
    it->vb.string = NULL;
    it->vb.type = v->type;
    it->vb.len = v->val_len;
    if (v->type != ASN_OCTET_STR && v->val.integer != NULL &&
        v->val_len == sizeof(long))
        it->vb.integer = *v->val.integer;
    if (where->name != NULL &&
        (it->vb.name = strndup(where->name, where->namelen)) == NULL)
        return -1;
    if (v->type == ASN_OCTET_STR && v->val.string != NULL) {
        unsigned char *copy = malloc(v->val_len + 1);

        if (copy == NULL) {
            free((char *)it->vb.name);
            return -1;
        }
        memcpy(copy, v->val.string, v->val_len);
        it->vb.string = copy;
    }
    p->n++;
    return 0;
}

static int
xsControlPduOrder(const void *a, const void *b)
{
    const xsControlItem *x = a, *y = b;

    return (x->request->index > y->request->index) -
           (x->request->index < y->request->index);
}

static bool
xsControlBusy(const char *name, void *opaque)
{
    (void)opaque;
    return xsLifecycleBusy(name);
}

/* The distinct domain names of the plan's items (borrowed), in @names
 * (room for p->n); returns how many. */
static size_t
xsControlNames(const xsControlPlan *p, const char **names, bool nowOnly)
{
    size_t i, j, n = 0;

    for (i = 0; i < p->n; i++) {
        const char *name = p->items[i].vb.name;

        if (name == NULL || (nowOnly && (i >= p->applied ||
                                         p->plan.steps[i].kind != XS_SET_NOW)))
            continue;
        for (j = 0; j < n && strcmp(names[j], name) != 0; j++)
            ;
        if (j == n)
            names[n++] = name;
    }
    return n;
}

/* Logs the refusal of the SET by its failing varbind. */
static void
xsControlLogRefusal(const xsControlPlan *p)
{
    char what[XS_NAME_MAX + 256];

    xsControlFormatVarbind(what, sizeof(what), &p->vbs[p->plan.failed]);
    snmp_log(LOG_NOTICE, XS_LOG_PREFIX "SET %s refused with %s: %s\n", what,
             xsControlErrorName(p->plan.error),
             p->plan.why != NULL ? p->plan.why : "?");
}

/* RESERVE2: reads the named domains and decides the whole SET. */
static void
xsControlDecide(xsControlPlan *p, netsnmp_agent_request_info *reqinfo)
{
    xsSetFacts facts = {.busy = xsControlBusy};
    const xsSnapshot *cur = xsRefreshCurrent();
    xsSnapshot *fresh = NULL, *patched = NULL;
    unsigned long long calls = 0, failed = 0;
    const char **names = NULL;
    virConnectPtr conn;
    size_t i, n = 0;

    p->decided = true;
    qsort(p->items, p->n, sizeof(*p->items), xsControlPduOrder);
    if ((p->vbs = calloc(p->n, sizeof(*p->vbs))) == NULL ||
        (names = calloc(p->n, sizeof(*names))) == NULL)
        goto oom;
    for (i = 0; i < p->n; i++)
        p->vbs[i] = p->items[i].vb;
    facts.control = xsConnectionControlEnabled();
    /* Control off decides on the varbinds alone (notWritable), and so
     * does a hypervisor that cannot be read: whether the connection fails
     * to open or fails on an open connection (before a refresh has seen
     * the outage), the SET gets the same answer and the same log line. */
    if (facts.control && (conn = xsConnectionControl()) != NULL) {
        n = xsControlNames(p, names, false);
        fresh = xsSnapshotTakeDomains(conn, cur, names, n, &calls, &failed);
        xsConnectionCountCalls(calls, failed);
        if (fresh == NULL)
            xsConnectionDropControl();
    }
    if (fresh != NULL) {
        facts.writable = true;
        facts.memKiB = fresh->node.memKiB;
        facts.cpus = fresh->node.cpus;
        facts.maxCpus = fresh->node.maxCpus;
        facts.doms = fresh->doms;
        facts.ndoms = fresh->ndoms;
        /* The host's free memory is the last refresh's, corrected by
         * what the named domains hold now. */
        facts.freeKiB = fresh->node.freeKiB;
        if (cur != NULL &&
            (patched = xsSnapshotPatch(cur, fresh, names, n)) != NULL)
            facts.freeKiB = patched->node.freeKiB;
    }
    if (xsSetDecide(&facts, p->vbs, p->n, &p->plan) < 0 && p->n > 0)
        goto oom;
    if (p->plan.error != XS_SET_OK) {
        xsControlLogRefusal(p);
        netsnmp_set_request_error(reqinfo, p->items[p->plan.failed].request,
                                  (int)p->plan.error);
    }
    goto cleanup;

oom:
    snmp_log(LOG_ERR, XS_LOG_PREFIX "SET refused with resourceUnavailable: out "
                                    "of memory\n");
    if (p->n > 0)
        netsnmp_set_request_error(reqinfo, p->items[0].request,
                                  SNMP_ERR_RESOURCEUNAVAILABLE);
cleanup:
    free(names);
    xsSnapshotFree(fresh);
    xsSnapshotFree(patched);
}

/* Makes the change @c on the domain of @vb.  0, or -1 with libvir's
 * reason in @err. */
static int
xsControlCall(const xsSetVarbind *vb, const xsSetChange *c, char *err,
              size_t errlen)
{
    virConnectPtr conn = xsConnectionControl();
    virDomainPtr d = NULL;
    virErrorPtr e;
    int rc = -1;

    if (conn == NULL) {
        snprintf(err, errlen, "no hypervisor connection");
        return -1;
    }
    if ((d = virDomainLookupByName(conn, vb->name)) != NULL) {
        switch (c->action) {
        case XEN_ACTION_RESUME:
            rc = virDomainResume(d);
            break;
        case XEN_ACTION_SUSPEND:
            rc = virDomainSuspend(d);
            break;
        case XEN_ACTION_SET_MAX_MEMORY:
            rc = virDomainSetMaxMemory(d, (unsigned long)c->value);
            break;
        case XEN_ACTION_SET_MEMORY_TARGET:
            rc = virDomainSetMemory(d, (unsigned long)c->value);
            break;
        case XEN_ACTION_SET_VCPUS:
            rc = virDomainSetVcpus(d, (unsigned int)c->value);
            break;
        default:
            rc = virDomainPinVcpu(d, vb->vcpu, c->map, (int)c->maplen);
            break;
        }
    }
    xsConnectionCountCalls(d != NULL ? 2 : 1, rc < 0 ? 1 : 0);
    if (rc < 0) {
        e = virGetLastError();
        snprintf(err, errlen, "%s",
                 e != NULL && e->message != NULL ? e->message
                                                 : "unknown error");
    }
    if (d != NULL)
        virDomainFree(d);
    return rc < 0 ? -1 : 0;
}

/* Makes every reader see the domains the applied steps changed.  Done
 * at the end of ACTION and of UNDO rather than at COMMIT: over AgentX
 * the master may answer the manager before it sends CleanupSet (COMMIT),
 * and the next request must already see the change. */
static void
xsControlShowChanged(const xsControlPlan *p)
{
    const char **names = calloc(p->n + 1, sizeof(*names));

    if (names != NULL)
        xsControlShow(names, xsControlNames(p, names, true));
    free(names);
}

/* ACTION: the reversible changes, in PDU order, until one fails. */
static void
xsControlAct(xsControlPlan *p, netsnmp_agent_request_info *reqinfo)
{
    char what[XS_NAME_MAX + 256], change[160], err[256];
    size_t i;

    p->acted = true;
    for (i = 0; i < p->plan.nsteps; i++) {
        const xsSetStep *s = &p->plan.steps[i];

        if (s->kind != XS_SET_NOW) {
            p->applied = i + 1;
            continue;
        }
        xsControlFormatVarbind(what, sizeof(what), s->vb);
        if (xsControlCall(s->vb, &s->apply, err, sizeof(err)) < 0) {
            snmp_log(LOG_ERR,
                     XS_LOG_PREFIX "SET %s refused with commitFailed: the "
                                   "hypervisor refused: %s\n",
                     what, err);
            xsControlRecordAction(s->vb->name, s->action,
                                  XEN_ACTION_STATUS_FAILED, err);
            netsnmp_set_request_error(reqinfo, p->items[i].request,
                                      SNMP_ERR_COMMITFAILED);
            return;
        }
        p->applied = i + 1;
        xsControlFormatChange(change, sizeof(change), &s->apply);
        snmp_log(LOG_NOTICE, XS_LOG_PREFIX "SET %s: %s\n", what, change);
    }
    xsControlShowChanged(p);
}

/* UNDO: reverts what ACTION changed, last change first. */
static void
xsControlUndo(xsControlPlan *p)
{
    char what[XS_NAME_MAX + 256], change[160], err[256];
    size_t i;

    p->undone = true;
    for (i = p->applied; i-- > 0;) {
        const xsSetStep *s = &p->plan.steps[i];

        if (s->kind != XS_SET_NOW)
            continue;
        xsControlFormatVarbind(what, sizeof(what), s->vb);
        xsControlFormatChange(change, sizeof(change), &s->undo);
        if (xsControlCall(s->vb, &s->undo, err, sizeof(err)) < 0)
            snmp_log(LOG_ERR,
                     XS_LOG_PREFIX "cannot undo SET %s (back to %s) after a "
                                   "later varbind failed: %s\n",
                     what, change, err);
        else
            snmp_log(LOG_NOTICE,
                     XS_LOG_PREFIX "undid SET %s (back to %s; a later varbind "
                                   "failed)\n",
                     what, change);
    }
    xsControlShowChanged(p);
}

/* COMMIT: records every varbind's action, queues the background ones and
 * shows what changed. */
static void
xsControlCommit(xsControlPlan *p)
{
    char what[XS_NAME_MAX + 256];
    size_t i;

    p->committed = true;
    for (i = 0; i < p->plan.nsteps; i++) {
        const xsSetStep *s = &p->plan.steps[i];
        const char *name = s->vb->name;

        if (s->kind != XS_SET_BACKGROUND) {
            if (s->kind == XS_SET_NOOP) {
                xsControlFormatVarbind(what, sizeof(what), s->vb);
                snmp_log(LOG_NOTICE,
                         XS_LOG_PREFIX "SET %s: nothing to do, it already is\n",
                         what);
            }
            xsControlRecordAction(name, s->action, XEN_ACTION_STATUS_SUCCEEDED,
                                  NULL);
            continue;
        }
        xsControlFormatVarbind(what, sizeof(what), s->vb);
        snmp_log(LOG_NOTICE, XS_LOG_PREFIX "SET %s: queued\n", what);
        if (xsLifecycleSubmit(name, s->action) < 0) {
            const char *err = "the agent could not queue the action";

            xsControlRecordAction(name, s->action, XEN_ACTION_STATUS_FAILED,
                                  err);
            xenNotifyControlFailed(name, s->action, err);
            continue;
        }
        xsControlRecordAction(name, s->action, XEN_ACTION_STATUS_IN_PROGRESS,
                              NULL);
    }
}

void
xsControlRequest(netsnmp_agent_request_info *reqinfo,
                 netsnmp_request_info *request, const xsSetVarbind *where)
{
    xsControlPlan *p = netsnmp_agent_get_list_data(reqinfo, XS_CONTROL_DATA);

    switch (reqinfo->mode) {
    case MODE_SET_RESERVE1:
        if (p == NULL) {
            if ((p = calloc(1, sizeof(*p))) == NULL) {
                netsnmp_set_request_error(reqinfo, request,
                                          SNMP_ERR_RESOURCEUNAVAILABLE);
                return;
            }
            netsnmp_agent_add_list_data(
                reqinfo, netsnmp_create_data_list(XS_CONTROL_DATA, p,
                                                  xsControlPlanFree));
        }
        if (xsControlAdd(p, request, where) < 0)
            netsnmp_set_request_error(reqinfo, request,
                                      SNMP_ERR_RESOURCEUNAVAILABLE);
        break;
    case MODE_SET_RESERVE2:
        if (p != NULL && !p->decided)
            xsControlDecide(p, reqinfo);
        break;
    case MODE_SET_ACTION:
        if (p != NULL && p->plan.steps != NULL && !p->acted)
            xsControlAct(p, reqinfo);
        break;
    case MODE_SET_UNDO:
        if (p != NULL && p->plan.steps != NULL && !p->undone)
            xsControlUndo(p);
        break;
    case MODE_SET_COMMIT:
        if (p != NULL && p->plan.steps != NULL && !p->committed)
            xsControlCommit(p);
        break;
    default: /* FREE: the agent data's free function releases the plan */
        break;
    }
}

/* ---- background actions ------------------------------------------- */

/* The background worker finished an action. */
static void
xsControlDone(const xsLifecycleResult *res)
{
    const char *names[1] = {res->name};

    xsControlRecordAction(res->name, res->action,
                          res->ok ? XEN_ACTION_STATUS_SUCCEEDED
                                  : XEN_ACTION_STATUS_FAILED,
                          res->error);
    if (!res->ok)
        xenNotifyControlFailed(res->name, res->action, res->error);
    xsControlShow(names, 1);
}

void
xsControlInit(void)
{
    xsControl.actions = netsnmp_container_find("xsControlActions:binary_array");
    if (xsControl.actions == NULL)
        snmp_log(LOG_ERR, XS_LOG_PREFIX "no container for the last actions\n");
    xsLifecycleSetCallback(xsControlDone);
    xsRefreshSetFixup(xsControlFixup);
}

void
xsControlShutdown(void)
{
    /* First: the worker's last result updates the action records. */
    xsLifecycleShutdown();
    xsRefreshSetFixup(NULL);
    if (xsControl.actions != NULL) {
        CONTAINER_CLEAR(xsControl.actions, xsControlFreeRecord, NULL);
        CONTAINER_FREE(xsControl.actions);
    }
    free(xsControl.touched);
    memset(&xsControl, 0, sizeof(xsControl));
}
