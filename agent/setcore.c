/*
 * setcore.c: the decision of every SET (see setcore.h).
 *
 * The rules, per object, for a domain in each state (Domain-0 is the
 * domain with id 0; "dying" is crashed or shutting down):
 *
 *   xenDomAdminState  running(1): running/blocked: no-op; paused: resume
 *                     now; shut-off/nostate: start in the background;
 *                     dying: inconsistentValue.
 *                     paused(2): paused: no-op; running/blocked: suspend
 *                     now (Domain-0: inconsistentValue); else
 *                     inconsistentValue.
 *                     shutdown(3): a domain that reads shutdown(3)
 *                     (shut-off, nostate, dying): no-op; Domain-0:
 *                     inconsistentValue; else shut down in the
 *                     background.
 *                     reboot(4): running/blocked: in the background
 *                     (Domain-0: inconsistentValue); else
 *                     inconsistentValue.
 *                     destroyed(5): shut-off/nostate: no-op; Domain-0:
 *                     inconsistentValue; else in the background.
 *   xenDomMaxMemoryMiB, xenDomMemoryTargetMiB, xenDomVcpus,
 *   xenVcpuAffinity   the value the object reads: no-op; a dying domain:
 *                     inconsistentValue; else a change now, checked
 *                     against the domain's limits and the host's (see
 *                     each function below).
 *
 * Before any of that, a domain with a background action queued (by an
 * earlier varbind of the same SET, or still running from an earlier SET)
 * answers inconsistentValue: its state is on its way somewhere else.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "setcore.h"
#include "xen_mib.h"

/* A writable column: its syntax and its range (of the value, or for an
 * OCTET STRING of its length). */
typedef struct _xsSetColumn xsSetColumn;

struct _xsSetColumn {
    xsSetTable table;
    unsigned int column;
    const char *name;
    unsigned char type;
    unsigned long long min;
    unsigned long long max;
};

static const xsSetColumn xsSetColumns[] = {
    {XS_SET_DOMAIN_TABLE, XEN_DOM_ADMIN_STATE, "xenDomAdminState",
     XS_ASN_INTEGER, XEN_ADMIN_RUNNING, XEN_ADMIN_DESTROYED},
    {XS_SET_DOMAIN_TABLE, XEN_DOM_MAX_MEMORY_MIB, "xenDomMaxMemoryMiB",
     XS_ASN_UNSIGNED, 1, 4294967295ULL},
    {XS_SET_DOMAIN_TABLE, XEN_DOM_MEMORY_TARGET_MIB, "xenDomMemoryTargetMiB",
     XS_ASN_UNSIGNED, 1, 4294967295ULL},
    {XS_SET_DOMAIN_TABLE, XEN_DOM_VCPUS, "xenDomVcpus", XS_ASN_UNSIGNED, 1,
     4096},
    {XS_SET_VCPU_TABLE, XEN_VCPU_AFFINITY, "xenVcpuAffinity", XS_ASN_OCTET_STR,
     1, XS_AFFINITY_MAX},
};

/* A domain as the varbinds up to one of them leave it. */
typedef struct _xsSetState xsSetState;

struct _xsSetState {
    xsDomainRow dom; /* shallow: its pointers are the facts' */
    bool queued;     /* this SET queues a background action for it */
    /* Vcpu table: the vcpu's affinity after the varbind. */
    const unsigned char *map;
    size_t maplen;
};

/* One decision under way. */
typedef struct _xsSetRun xsSetRun;

struct _xsSetRun {
    const xsSetFacts *facts;
    const xsSetVarbind *vbs;
    xsSetState *after; /* per varbind decided so far */
    unsigned long long freeKiB;
    const char *why;
};

const char *
xsSetColumnName(xsSetTable table, unsigned int column)
{
    size_t i;

    for (i = 0; i < sizeof(xsSetColumns) / sizeof(xsSetColumns[0]); i++)
        if (xsSetColumns[i].table == table && xsSetColumns[i].column == column)
            return xsSetColumns[i].name;
    return "?";
}

static const xsSetColumn *
xsSetFindColumn(const xsSetVarbind *vb)
{
    size_t i;

    for (i = 0; i < sizeof(xsSetColumns) / sizeof(xsSetColumns[0]); i++)
        if (xsSetColumns[i].table == vb->table &&
            xsSetColumns[i].column == vb->column)
            return &xsSetColumns[i];
    return NULL;
}

static bool
xsSetSameDomain(const xsSetVarbind *a, const xsSetVarbind *b)
{
    return a->name != NULL && b->name != NULL && a->namelen == b->namelen &&
           memcmp(a->name, b->name, a->namelen) == 0;
}

static bool
xsSetIsRunning(int state)
{
    return state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_BLOCKED;
}

static bool
xsSetIsActive(int state)
{
    return state != VIR_DOMAIN_SHUTOFF && state != VIR_DOMAIN_NOSTATE;
}

static bool
xsSetIsDying(int state)
{
    return state == VIR_DOMAIN_CRASHED || state == VIR_DOMAIN_SHUTDOWN;
}

/* What a MiB column reads for @kib (rounded down, at most 2^32-1). */
static unsigned long long
xsSetMiB(unsigned long long kib)
{
    return kib / 1024 > 0xFFFFFFFFULL ? 0xFFFFFFFFULL : kib / 1024;
}

static xsSetError
xsSetRefuse(xsSetRun *run, xsSetError err, const char *why)
{
    run->why = why;
    return err;
}

/* notWritable, wrongType, wrongLength, wrongValue: what the varbind
 * alone decides. */
static xsSetError
xsSetCheckSyntax(xsSetRun *run, const xsSetVarbind *vb)
{
    const xsSetColumn *c = xsSetFindColumn(vb);

    if (c == NULL)
        return xsSetRefuse(run, XS_SET_NOT_WRITABLE, "the object is read-only");
    if (!run->facts->control)
        return xsSetRefuse(run, XS_SET_NOT_WRITABLE, "control is disabled");
    if (!run->facts->writable)
        return xsSetRefuse(run, XS_SET_NOT_WRITABLE,
                           "no read-write hypervisor connection");
    if (vb->type != c->type)
        return xsSetRefuse(run, XS_SET_WRONG_TYPE, "wrong ASN.1 type");
    if (c->type == XS_ASN_OCTET_STR) {
        if (vb->len < c->min || vb->len > c->max || vb->string == NULL)
            return xsSetRefuse(run, XS_SET_WRONG_LENGTH,
                               "the length is outside 1..512 octets");
        return XS_SET_OK;
    }
    if (vb->len != sizeof(long))
        return xsSetRefuse(run, XS_SET_WRONG_LENGTH, "wrong integer length");
    if (vb->integer < 0 || (unsigned long long)vb->integer < c->min ||
        (unsigned long long)vb->integer > c->max)
        return xsSetRefuse(run, XS_SET_WRONG_VALUE,
                           "the value is outside the object's range");
    return XS_SET_OK;
}

/* The domain of varbind @i as the earlier varbinds leave it, in
 * *@before; noCreation when it has no row. */
static xsSetError
xsSetFindDomain(xsSetRun *run, size_t i, xsSetState *before)
{
    const xsSetVarbind *vb = &run->vbs[i];
    const xsSetFacts *f = run->facts;
    size_t j;

    memset(before, 0, sizeof(*before));
    for (j = i; j-- > 0;) {
        if (xsSetSameDomain(&run->vbs[j], vb)) {
            *before = run->after[j];
            before->map = NULL;
            before->maplen = 0;
            return XS_SET_OK;
        }
    }
    for (j = 0; vb->name != NULL && j < f->ndoms; j++) {
        if (f->doms[j].namelen == vb->namelen &&
            memcmp(f->doms[j].name, vb->name, vb->namelen) == 0) {
            before->dom = f->doms[j];
            return XS_SET_OK;
        }
    }
    return xsSetRefuse(run, XS_SET_NO_CREATION, "no such domain");
}

/* The affinity of vcpu @vb->vcpu as the earlier varbinds leave it, in
 * @before->map; noCreation when the domain has no such vcpu. */
static xsSetError
xsSetFindVcpu(xsSetRun *run, size_t i, xsSetState *before)
{
    const xsSetVarbind *vb = &run->vbs[i];
    size_t j;

    for (j = 0; j < before->dom.nvcpuRows; j++)
        if (before->dom.vcpuRows[j].number == vb->vcpu)
            break;
    if (j == before->dom.nvcpuRows)
        return xsSetRefuse(run, XS_SET_NO_CREATION, "no such virtual cpu");
    before->map = before->dom.vcpuRows[j].affinity;
    before->maplen = before->dom.vcpuRows[j].maplen;
    for (j = i; j-- > 0;) {
        if (run->vbs[j].table == XS_SET_VCPU_TABLE &&
            run->vbs[j].vcpu == vb->vcpu && xsSetSameDomain(&run->vbs[j], vb)) {
            before->map = run->after[j].map;
            before->maplen = run->after[j].maplen;
            break;
        }
    }
    return XS_SET_OK;
}

/* Sets @step to a change now, @action to @value, undone by @undoAction
 * to @undoValue. */
static void
xsSetChangeNow(xsSetStep *step, int action, unsigned long long value,
               int undoAction, unsigned long long undoValue)
{
    step->kind = XS_SET_NOW;
    step->apply.action = action;
    step->apply.value = value;
    step->undo.action = undoAction;
    step->undo.value = undoValue;
}

static xsSetError
xsSetAdminState(xsSetRun *run, const xsSetVarbind *vb, xsSetState *st,
                xsSetStep *step)
{
    int state = st->dom.state;
    bool dom0 = st->dom.id == 0;

    step->kind = XS_SET_BACKGROUND;
    switch (vb->integer) {
    case XEN_ADMIN_RUNNING:
        step->action = XEN_ACTION_RESUME;
        if (xsSetIsRunning(state)) {
            step->kind = XS_SET_NOOP;
        } else if (state == VIR_DOMAIN_PAUSED) {
            xsSetChangeNow(step, XEN_ACTION_RESUME, 0, XEN_ACTION_SUSPEND, 0);
            st->dom.state = VIR_DOMAIN_RUNNING;
        } else if (!xsSetIsActive(state)) {
            step->action = XEN_ACTION_START;
        } else {
            return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                               "a crashed or shutting-down domain cannot run");
        }
        break;
    case XEN_ADMIN_PAUSED:
        step->action = XEN_ACTION_SUSPEND;
        if (state == VIR_DOMAIN_PAUSED) {
            step->kind = XS_SET_NOOP;
        } else if (dom0) {
            return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                               "Domain-0 cannot be paused");
        } else if (xsSetIsRunning(state)) {
            xsSetChangeNow(step, XEN_ACTION_SUSPEND, 0, XEN_ACTION_RESUME, 0);
            st->dom.state = VIR_DOMAIN_PAUSED;
        } else {
            return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                               "only a running domain can be paused");
        }
        break;
    case XEN_ADMIN_SHUTDOWN:
        step->action = XEN_ACTION_SHUTDOWN;
        if (!xsSetIsRunning(state) && state != VIR_DOMAIN_PAUSED)
            step->kind = XS_SET_NOOP;
        else if (dom0)
            return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                               "Domain-0 cannot be shut down");
        break;
    case XEN_ADMIN_REBOOT:
        step->action = XEN_ACTION_REBOOT;
        if (dom0)
            return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                               "Domain-0 cannot be rebooted");
        if (!xsSetIsRunning(state))
            return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                               "only a running domain can be rebooted");
        break;
    default: /* destroyed: the range was checked */
        step->action = XEN_ACTION_DESTROY;
        if (!xsSetIsActive(state))
            step->kind = XS_SET_NOOP;
        else if (dom0)
            return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                               "Domain-0 cannot be destroyed");
        break;
    }
    if (step->kind == XS_SET_BACKGROUND)
        st->queued = true;
    return XS_SET_OK;
}

/* xenDomMaxMemoryMiB: not below the memory target (Xen's and the test
 * driver's rule), not above the host's memory. */
static xsSetError
xsSetMaxMemory(xsSetRun *run, const xsSetVarbind *vb, xsSetState *st,
               xsSetStep *step)
{
    unsigned long long kib = (unsigned long long)vb->integer * 1024ULL;

    if (kib < st->dom.targetKiB)
        return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                           "below the domain's memory target");
    if (kib > run->facts->memKiB)
        return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                           "above the host's memory");
    xsSetChangeNow(step, XEN_ACTION_SET_MAX_MEMORY, kib,
                   XEN_ACTION_SET_MAX_MEMORY, st->dom.maxMemKiB);
    st->dom.maxMemKiB = kib;
    return XS_SET_OK;
}

/* xenDomMemoryTargetMiB: not above the domain's maximum; for an active
 * domain, not above what the host has free plus what the domain holds.
 * A lowered target frees memory only as the guest's balloon gives it
 * back, so only a raised one is taken from the host's free memory. */
static xsSetError
xsSetMemoryTarget(xsSetRun *run, const xsSetVarbind *vb, xsSetState *st,
                  xsSetStep *step)
{
    unsigned long long kib = (unsigned long long)vb->integer * 1024ULL;
    bool active = xsSetIsActive(st->dom.state);

    if (kib > st->dom.maxMemKiB)
        return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                           "above the domain's maximum memory");
    if (active && kib > st->dom.memKiB && kib - st->dom.memKiB > run->freeKiB)
        return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                           "more memory than the host has free");
    xsSetChangeNow(step, XEN_ACTION_SET_MEMORY_TARGET, kib,
                   XEN_ACTION_SET_MEMORY_TARGET, st->dom.targetKiB);
    if (active && kib > st->dom.memKiB) {
        run->freeKiB -= kib - st->dom.memKiB;
        st->dom.memKiB = kib;
    }
    st->dom.targetKiB = kib;
    return XS_SET_OK;
}

static xsSetError
xsSetVcpus(xsSetRun *run, const xsSetVarbind *vb, xsSetState *st,
           xsSetStep *step)
{
    unsigned long n = (unsigned long)vb->integer;

    if (n > st->dom.maxVcpus)
        return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                           "above the domain's maximum vcpus");
    xsSetChangeNow(step, XEN_ACTION_SET_VCPUS, n, XEN_ACTION_SET_VCPUS,
                   st->dom.vcpus);
    st->dom.vcpus = (unsigned int)n;
    return XS_SET_OK;
}

static bool
xsSetMapBit(const unsigned char *map, size_t len, size_t cpu)
{
    return cpu / 8 < len && (map[cpu / 8] >> (cpu % 8)) & 1;
}

/* Whether two maps allow the same cpus (missing octets count as 0). */
static bool
xsSetSameMap(const unsigned char *a, size_t alen, const unsigned char *b,
             size_t blen)
{
    size_t i;

    for (i = 0; i < alen || i < blen; i++)
        if ((i < alen ? a[i] : 0) != (i < blen ? b[i] : 0))
            return false;
    return true;
}

/* A copy of @map cut to the octets of the host's @cpus, without the bits
 * of cpus it does not have, into @c (its length 0 when it allows no cpu:
 * the caller decides).  -1 when out of memory. */
static int
xsSetHostMap(xsSetChange *c, const unsigned char *map, size_t len,
             unsigned int cpus)
{
    size_t n = VIR_CPU_MAPLEN(cpus);
    size_t cpu;
    bool any = false;

    if (n == 0)
        n = 1;
    if ((c->map = calloc(n, 1)) == NULL)
        return -1;
    c->maplen = n;
    for (cpu = 0; cpu < cpus; cpu++) {
        if (xsSetMapBit(map, len, cpu)) {
            c->map[cpu / 8] |= (unsigned char)(1U << (cpu % 8));
            any = true;
        }
    }
    if (!any)
        c->maplen = 0;
    return 0;
}

/* xenVcpuAffinity: octets beyond the host's cpus must be 0 and one
 * existing cpu must be allowed; the map given to the hypervisor covers
 * the host's cpus and no more (a map as long as xenNodeMaxCpus, as read,
 * is longer than a host with fewer active cpus takes). */
static xsSetError
xsSetAffinity(xsSetRun *run, const xsSetVarbind *vb, xsSetState *st,
              xsSetStep *step)
{
    unsigned int cpus = run->facts->cpus;
    size_t cpu;

    for (cpu = cpus; cpu < vb->len * 8; cpu++)
        if (xsSetMapBit(vb->string, vb->len, cpu))
            return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                               "the map allows a cpu the host does not have");
    step->kind = XS_SET_NOW;
    step->apply.action = step->undo.action = XEN_ACTION_PIN_VCPU;
    if (xsSetHostMap(&step->apply, vb->string, vb->len, cpus) < 0 ||
        xsSetHostMap(&step->undo, st->map, st->maplen, cpus) < 0)
        return xsSetRefuse(run, XS_SET_RESOURCE_UNAVAILABLE, "out of memory");
    if (step->apply.maplen == 0)
        return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                           "the map allows no cpu");
    /* A vcpu allowed no existing cpu before (a map read from another
     * host, say) gets that map back, as it was. */
    if (step->undo.maplen == 0 && st->maplen > 0) {
        free(step->undo.map);
        if ((step->undo.map = malloc(st->maplen)) == NULL)
            return xsSetRefuse(run, XS_SET_RESOURCE_UNAVAILABLE,
                               "out of memory");
        memcpy(step->undo.map, st->map, st->maplen);
        step->undo.maplen = st->maplen;
    }
    st->map = step->apply.map;
    st->maplen = step->apply.maplen;
    return XS_SET_OK;
}

/* The xenDomLastAction of a write to a column other than the admin
 * state. */
static int
xsSetChangeAction(const xsSetVarbind *vb)
{
    if (vb->table == XS_SET_VCPU_TABLE)
        return XEN_ACTION_PIN_VCPU;
    switch (vb->column) {
    case XEN_DOM_MAX_MEMORY_MIB:
        return XEN_ACTION_SET_MAX_MEMORY;
    case XEN_DOM_MEMORY_TARGET_MIB:
        return XEN_ACTION_SET_MEMORY_TARGET;
    default:
        return XEN_ACTION_SET_VCPUS;
    }
}

/* Whether the object already reads the varbind's value in @st (a value
 * the agent returned, written back unchanged: a successful no-op). */
static bool
xsSetReadsAs(const xsSetVarbind *vb, const xsSetState *st)
{
    unsigned long long v = (unsigned long long)vb->integer;

    if (vb->table == XS_SET_VCPU_TABLE)
        return xsSetSameMap(vb->string, vb->len, st->map, st->maplen);
    switch (vb->column) {
    case XEN_DOM_MAX_MEMORY_MIB:
        return v == xsSetMiB(st->dom.maxMemKiB);
    case XEN_DOM_MEMORY_TARGET_MIB:
        return v == xsSetMiB(st->dom.targetKiB);
    default:
        return v == st->dom.vcpus;
    }
}

/* Decides varbind @i into @step. */
static xsSetError
xsSetDecideOne(xsSetRun *run, size_t i, xsSetStep *step)
{
    const xsSetVarbind *vb = &run->vbs[i];
    xsSetState *st = &run->after[i];
    xsSetError err;

    step->vb = vb;
    if ((err = xsSetCheckSyntax(run, vb)) != XS_SET_OK ||
        (err = xsSetFindDomain(run, i, st)) != XS_SET_OK)
        return err;
    if (vb->table == XS_SET_VCPU_TABLE &&
        (err = xsSetFindVcpu(run, i, st)) != XS_SET_OK)
        return err;
    if (st->queued || (run->facts->busy != NULL &&
                       run->facts->busy(st->dom.name, run->facts->opaque)))
        return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                           "a background action on the domain is under way");
    if (vb->table == XS_SET_DOMAIN_TABLE && vb->column == XEN_DOM_ADMIN_STATE)
        return xsSetAdminState(run, vb, st, step);
    step->action = xsSetChangeAction(vb);
    if (xsSetReadsAs(vb, st)) {
        step->kind = XS_SET_NOOP;
        return XS_SET_OK;
    }
    if (xsSetIsDying(st->dom.state))
        return xsSetRefuse(run, XS_SET_INCONSISTENT_VALUE,
                           "a crashed or shutting-down domain takes no "
                           "changes");
    if (vb->table == XS_SET_VCPU_TABLE)
        return xsSetAffinity(run, vb, st, step);
    switch (vb->column) {
    case XEN_DOM_MAX_MEMORY_MIB:
        return xsSetMaxMemory(run, vb, st, step);
    case XEN_DOM_MEMORY_TARGET_MIB:
        return xsSetMemoryTarget(run, vb, st, step);
    default: /* XEN_DOM_VCPUS: the column was checked */
        return xsSetVcpus(run, vb, st, step);
    }
}

static void
xsSetStepsFree(xsSetStep *steps, size_t n)
{
    size_t i;

    for (i = 0; steps != NULL && i < n; i++) {
        free(steps[i].apply.map);
        free(steps[i].undo.map);
    }
    free(steps);
}

int
xsSetDecide(const xsSetFacts *facts, const xsSetVarbind *vbs, size_t n,
            xsSetPlan *plan)
{
    xsSetRun run = {.facts = facts, .vbs = vbs, .freeKiB = facts->freeKiB};
    xsSetStep *steps = NULL;
    xsSetError err = XS_SET_OK;
    size_t i;
    int ret = -1;

    memset(plan, 0, sizeof(*plan));
    if (n > 0 && ((steps = calloc(n, sizeof(*steps))) == NULL ||
                  (run.after = calloc(n, sizeof(*run.after))) == NULL)) {
        plan->error = XS_SET_RESOURCE_UNAVAILABLE;
        plan->why = "out of memory";
        goto cleanup;
    }
    for (i = 0; i < n && err == XS_SET_OK; i++)
        err = xsSetDecideOne(&run, i, &steps[i]);
    ret = err == XS_SET_RESOURCE_UNAVAILABLE ? -1 : 0;
    if (err != XS_SET_OK) {
        plan->error = err;
        plan->failed = i - 1;
        plan->why = run.why;
        goto cleanup;
    }
    plan->steps = steps;
    plan->nsteps = n;
    steps = NULL;

cleanup:
    xsSetStepsFree(steps, n);
    free(run.after);
    return ret;
}

void
xsSetPlanClear(xsSetPlan *plan)
{
    xsSetStepsFree(plan->steps, plan->nsteps);
    memset(plan, 0, sizeof(*plan));
}
