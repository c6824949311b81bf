/*
 * setcoretest.c: the decision of every SET (agent/setcore.c), case by
 * case against the SET table of the design brief, for a domain in every
 * state and both tables.
 *
 * The host: 16 GiB with 512 MiB free, 4 active cpus in 16 slots (so a
 * vcpu's affinity reads 2 octets).  Each domain holds 1024 MiB (its
 * target) of a 2048 MiB maximum and has 2 of 4 vcpus online; those that
 * run have vcpu 0 unpinned (it reads every slot's bit, as Xen reports it)
 * and vcpu 1 pinned to cpus 0 and 1.  "odd" has a maximum that is not a
 * whole MiB and holds all of it; "busy" has a background action running.
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "setcore.h"
#include "xen_mib.h"

#define MIB 1024ULL
#define HOST_KIB (16384 * MIB)
#define FREE_KIB (512 * MIB)
#define MEM_KIB (1024 * MIB)
#define MAX_KIB (2048 * MIB)
#define ODD_KIB (2048 * MIB + 500)

static unsigned char unpinned[2] = {0xff, 0xff};
static unsigned char pinned[2] = {0x03, 0x00};

static xsVcpuRow vcpuRows[4] = {
    {.number = 0, .affinity = unpinned, .maplen = 2},
    {.number = 1, .affinity = pinned, .maplen = 2},
    {.number = 2, .cpu = -1, .affinity = pinned, .maplen = 2},
    {.number = 3, .cpu = -1, .affinity = pinned, .maplen = 2},
};

#define ROW(n, i, s, mem, max, rows, nrows)                                    \
    {                                                                          \
        .name = (char *)(n), .namelen = sizeof(n) - 1, .id = (i),              \
        .state = (s), .maxMemKiB = (max), .memKiB = (mem), .targetKiB = (mem), \
        .vcpus = 2, .maxVcpus = 4, .vcpuRows = (rows), .nvcpuRows = (nrows)    \
    }

static xsDomainRow doms[] = {
    ROW("Domain-0", 0, VIR_DOMAIN_RUNNING, MEM_KIB, MAX_KIB, vcpuRows, 4),
    ROW("running", 1, VIR_DOMAIN_RUNNING, MEM_KIB, MAX_KIB, vcpuRows, 4),
    ROW("blocked", 2, VIR_DOMAIN_BLOCKED, MEM_KIB, MAX_KIB, vcpuRows, 4),
    ROW("paused", 3, VIR_DOMAIN_PAUSED, MEM_KIB, MAX_KIB, vcpuRows, 4),
    ROW("shutoff", -1, VIR_DOMAIN_SHUTOFF, MEM_KIB, MAX_KIB, NULL, 0),
    ROW("crashed", 5, VIR_DOMAIN_CRASHED, MEM_KIB, MAX_KIB, NULL, 0),
    ROW("shutdown", 6, VIR_DOMAIN_SHUTDOWN, MEM_KIB, MAX_KIB, vcpuRows, 4),
    ROW("nostate", -1, VIR_DOMAIN_NOSTATE, MEM_KIB, MAX_KIB, NULL, 0),
    ROW("odd", 8, VIR_DOMAIN_RUNNING, ODD_KIB, ODD_KIB, vcpuRows, 4),
    ROW("busy", 9, VIR_DOMAIN_RUNNING, MEM_KIB, MAX_KIB, vcpuRows, 4),
};

#define NDOMS (sizeof(doms) / sizeof(doms[0]))

/* The states of the cross-product cases: every row but odd and busy. */
#define NSTATES 8

static bool
busyDomain(const char *name, void *opaque)
{
    (void)opaque;
    return strcmp(name, "busy") == 0;
}

static const xsSetFacts hostFacts = {
    .control = true,
    .writable = true,
    .memKiB = HOST_KIB,
    .freeKiB = FREE_KIB,
    .cpus = 4,
    .maxCpus = 16,
    .doms = doms,
    .ndoms = NDOMS,
    .busy = busyDomain,
};

/* ---- one varbind ---------------------------------------------------- */

typedef struct _setCase setCase;

struct _setCase {
    const char *title;
    xsSetTable table;
    unsigned int column;
    const char *dom;
    unsigned int vcpu;
    unsigned char type;
    long integer;
    const char *octets; /* the vcpu table's value */
    size_t len;
    xsSetError error;
    xsSetKind kind;                 /* when no error */
    int action;                     /* when no error */
    unsigned long long apply, undo; /* XS_SET_NOW: values */
    const char *applyMap, *undoMap; /* XS_SET_NOW: maps */
    size_t applyLen, undoLen;
};

#define IN XS_SET_INCONSISTENT_VALUE
#define OK XS_SET_OK
#define NOOP XS_SET_NOOP
#define NOW XS_SET_NOW
#define BG XS_SET_BACKGROUND

#define DOM(t, col, d, type, v, err, kind, act, ap, un)                      \
    {                                                                        \
        t, XS_SET_DOMAIN_TABLE, col, d, 0, type, v, NULL, sizeof(long), err, \
            kind, act, ap, un, NULL, NULL, 0, 0                              \
    }
#define ADMIN(t, d, v, err, kind, act) \
    DOM(t, XEN_DOM_ADMIN_STATE, d, XS_ASN_INTEGER, v, err, kind, act, 0, 0)
#define MAXMEM(t, d, v, err, kind, ap, un)                           \
    DOM(t, XEN_DOM_MAX_MEMORY_MIB, d, XS_ASN_UNSIGNED, v, err, kind, \
        XEN_ACTION_SET_MAX_MEMORY, ap, un)
#define TARGET(t, d, v, err, kind, ap, un)                              \
    DOM(t, XEN_DOM_MEMORY_TARGET_MIB, d, XS_ASN_UNSIGNED, v, err, kind, \
        XEN_ACTION_SET_MEMORY_TARGET, ap, un)
#define VCPUS(t, d, v, err, kind, ap, un)                   \
    DOM(t, XEN_DOM_VCPUS, d, XS_ASN_UNSIGNED, v, err, kind, \
        XEN_ACTION_SET_VCPUS, ap, un)
/* An affinity map given as a string literal (its length without the
 * terminating NUL). */
#define PIN(t, d, n, map, err, kind, ap, un)                                \
    {                                                                       \
        t, XS_SET_VCPU_TABLE, XEN_VCPU_AFFINITY, d, n, XS_ASN_OCTET_STR, 0, \
            map, sizeof(map) - 1, err, kind, XEN_ACTION_PIN_VCPU, 0, 0, ap, \
            un, sizeof(ap) - 1, sizeof(un) - 1                              \
    }

static const setCase stateCases[] = {
    /* xenDomAdminState running(1) */
    ADMIN("admin_running_domain0_is_noop", "Domain-0", 1, OK, NOOP,
          XEN_ACTION_RESUME),
    ADMIN("admin_running_running_is_noop", "running", 1, OK, NOOP,
          XEN_ACTION_RESUME),
    ADMIN("admin_running_blocked_is_noop", "blocked", 1, OK, NOOP,
          XEN_ACTION_RESUME),
    ADMIN("admin_running_paused_resumes_now", "paused", 1, OK, NOW,
          XEN_ACTION_RESUME),
    ADMIN("admin_running_shutoff_starts_in_background", "shutoff", 1, OK, BG,
          XEN_ACTION_START),
    ADMIN("admin_running_crashed_is_inconsistent", "crashed", 1, IN, 0, 0),
    ADMIN("admin_running_shutting_down_is_inconsistent", "shutdown", 1, IN, 0,
          0),
    ADMIN("admin_running_nostate_starts_in_background", "nostate", 1, OK, BG,
          XEN_ACTION_START),
    /* paused(2) */
    ADMIN("admin_paused_domain0_is_inconsistent", "Domain-0", 2, IN, 0, 0),
    ADMIN("admin_paused_running_suspends_now", "running", 2, OK, NOW,
          XEN_ACTION_SUSPEND),
    ADMIN("admin_paused_blocked_suspends_now", "blocked", 2, OK, NOW,
          XEN_ACTION_SUSPEND),
    ADMIN("admin_paused_paused_is_noop", "paused", 2, OK, NOOP,
          XEN_ACTION_SUSPEND),
    ADMIN("admin_paused_shutoff_is_inconsistent", "shutoff", 2, IN, 0, 0),
    ADMIN("admin_paused_crashed_is_inconsistent", "crashed", 2, IN, 0, 0),
    ADMIN("admin_paused_shutting_down_is_inconsistent", "shutdown", 2, IN, 0,
          0),
    ADMIN("admin_paused_nostate_is_inconsistent", "nostate", 2, IN, 0, 0),
    /* shutdown(3) */
    ADMIN("admin_shutdown_domain0_is_inconsistent", "Domain-0", 3, IN, 0, 0),
    ADMIN("admin_shutdown_running_in_background", "running", 3, OK, BG,
          XEN_ACTION_SHUTDOWN),
    ADMIN("admin_shutdown_blocked_in_background", "blocked", 3, OK, BG,
          XEN_ACTION_SHUTDOWN),
    ADMIN("admin_shutdown_paused_in_background", "paused", 3, OK, BG,
          XEN_ACTION_SHUTDOWN),
    ADMIN("admin_shutdown_shutoff_is_noop", "shutoff", 3, OK, NOOP,
          XEN_ACTION_SHUTDOWN),
    ADMIN("admin_shutdown_crashed_reads_shutdown_so_is_noop", "crashed", 3, OK,
          NOOP, XEN_ACTION_SHUTDOWN),
    ADMIN("admin_shutdown_shutting_down_is_noop", "shutdown", 3, OK, NOOP,
          XEN_ACTION_SHUTDOWN),
    ADMIN("admin_shutdown_nostate_is_noop", "nostate", 3, OK, NOOP,
          XEN_ACTION_SHUTDOWN),
    /* reboot(4) */
    ADMIN("admin_reboot_domain0_is_inconsistent", "Domain-0", 4, IN, 0, 0),
    ADMIN("admin_reboot_running_in_background", "running", 4, OK, BG,
          XEN_ACTION_REBOOT),
    ADMIN("admin_reboot_blocked_in_background", "blocked", 4, OK, BG,
          XEN_ACTION_REBOOT),
    ADMIN("admin_reboot_paused_is_inconsistent", "paused", 4, IN, 0, 0),
    ADMIN("admin_reboot_shutoff_is_inconsistent", "shutoff", 4, IN, 0, 0),
    ADMIN("admin_reboot_crashed_is_inconsistent", "crashed", 4, IN, 0, 0),
    ADMIN("admin_reboot_shutting_down_is_inconsistent", "shutdown", 4, IN, 0,
          0),
    ADMIN("admin_reboot_nostate_is_inconsistent", "nostate", 4, IN, 0, 0),
    /* destroyed(5) */
    ADMIN("admin_destroyed_domain0_is_inconsistent", "Domain-0", 5, IN, 0, 0),
    ADMIN("admin_destroyed_running_in_background", "running", 5, OK, BG,
          XEN_ACTION_DESTROY),
    ADMIN("admin_destroyed_blocked_in_background", "blocked", 5, OK, BG,
          XEN_ACTION_DESTROY),
    ADMIN("admin_destroyed_paused_in_background", "paused", 5, OK, BG,
          XEN_ACTION_DESTROY),
    ADMIN("admin_destroyed_shutoff_is_noop", "shutoff", 5, OK, NOOP,
          XEN_ACTION_DESTROY),
    ADMIN("admin_destroyed_crashed_in_background", "crashed", 5, OK, BG,
          XEN_ACTION_DESTROY),
    ADMIN("admin_destroyed_shutting_down_in_background", "shutdown", 5, OK, BG,
          XEN_ACTION_DESTROY),
    ADMIN("admin_destroyed_nostate_is_noop", "nostate", 5, OK, NOOP,
          XEN_ACTION_DESTROY),

    /* xenDomMaxMemoryMiB */
    MAXMEM("maxmemory_same_value_is_noop", "running", 2048, OK, NOOP, 0, 0),
    MAXMEM("maxmemory_read_value_rounded_down_is_noop", "odd", 2048, OK, NOOP,
           0, 0),
    MAXMEM("maxmemory_running_raise_changes_now", "running", 4096, OK, NOW,
           4096 * MIB, MAX_KIB),
    MAXMEM("maxmemory_domain0_raise_changes_now", "Domain-0", 4096, OK, NOW,
           4096 * MIB, MAX_KIB),
    MAXMEM("maxmemory_paused_lower_to_target_changes_now", "paused", 1024, OK,
           NOW, MEM_KIB, MAX_KIB),
    MAXMEM("maxmemory_shutoff_raise_changes_now", "shutoff", 4096, OK, NOW,
           4096 * MIB, MAX_KIB),
    MAXMEM("maxmemory_running_below_target_is_inconsistent", "running", 1023,
           IN, 0, 0, 0),
    MAXMEM("maxmemory_shutoff_below_target_is_inconsistent", "shutoff", 1023,
           IN, 0, 0, 0),
    MAXMEM("maxmemory_above_host_memory_is_inconsistent", "running", 16385, IN,
           0, 0, 0),
    MAXMEM("maxmemory_crashed_change_is_inconsistent", "crashed", 4096, IN, 0,
           0, 0),
    MAXMEM("maxmemory_shutting_down_change_is_inconsistent", "shutdown", 4096,
           IN, 0, 0, 0),
    MAXMEM("maxmemory_crashed_same_value_is_noop", "crashed", 2048, OK, NOOP, 0,
           0),

    /* xenDomMemoryTargetMiB */
    TARGET("target_same_value_is_noop", "running", 1024, OK, NOOP, 0, 0),
    TARGET("target_read_value_is_noop", "odd", 2048, OK, NOOP, 0, 0),
    TARGET("target_running_within_free_changes_now", "running", 1536, OK, NOW,
           1536 * MIB, MEM_KIB),
    TARGET("target_running_lower_changes_now", "running", 512, OK, NOW,
           512 * MIB, MEM_KIB),
    TARGET("target_running_above_host_free_is_inconsistent", "running", 1537,
           IN, 0, 0, 0),
    TARGET("target_blocked_above_host_free_is_inconsistent", "blocked", 2048,
           IN, 0, 0, 0),
    TARGET("target_paused_above_host_free_is_inconsistent", "paused", 2048, IN,
           0, 0, 0),
    TARGET("target_domain0_within_free_changes_now", "Domain-0", 1536, OK, NOW,
           1536 * MIB, MEM_KIB),
    TARGET("target_shutoff_above_host_free_changes_now", "shutoff", 2048, OK,
           NOW, MAX_KIB, MEM_KIB),
    TARGET("target_running_above_maximum_is_inconsistent", "running", 2049, IN,
           0, 0, 0),
    TARGET("target_shutoff_above_maximum_is_inconsistent", "shutoff", 2049, IN,
           0, 0, 0),
    TARGET("target_crashed_change_is_inconsistent", "crashed", 512, IN, 0, 0,
           0),
    TARGET("target_shutting_down_change_is_inconsistent", "shutdown", 512, IN,
           0, 0, 0),
    TARGET("target_nostate_change_changes_now", "nostate", 2048, OK, NOW,
           MAX_KIB, MEM_KIB),

    /* xenDomVcpus */
    VCPUS("vcpus_same_value_is_noop", "running", 2, OK, NOOP, 0, 0),
    VCPUS("vcpus_running_up_to_maximum_changes_now", "running", 4, OK, NOW, 4,
          2),
    VCPUS("vcpus_blocked_down_changes_now", "blocked", 1, OK, NOW, 1, 2),
    VCPUS("vcpus_paused_changes_now", "paused", 3, OK, NOW, 3, 2),
    VCPUS("vcpus_domain0_changes_now", "Domain-0", 3, OK, NOW, 3, 2),
    VCPUS("vcpus_shutoff_changes_now", "shutoff", 3, OK, NOW, 3, 2),
    VCPUS("vcpus_above_maximum_is_inconsistent", "running", 5, IN, 0, 0, 0),
    VCPUS("vcpus_shutoff_above_maximum_is_inconsistent", "shutoff", 5, IN, 0, 0,
          0),
    VCPUS("vcpus_crashed_change_is_inconsistent", "crashed", 3, IN, 0, 0, 0),
    VCPUS("vcpus_shutting_down_change_is_inconsistent", "shutdown", 3, IN, 0, 0,
          0),
    VCPUS("vcpus_crashed_same_value_is_noop", "crashed", 2, OK, NOOP, 0, 0),

    /* xenVcpuAffinity */
    PIN("affinity_read_value_of_unpinned_vcpu_is_noop", "running", 0,
        "\xff\xff", OK, NOOP, "", ""),
    PIN("affinity_read_value_of_pinned_vcpu_is_noop", "running", 1, "\x03\x00",
        OK, NOOP, "", ""),
    PIN("affinity_same_cpus_shorter_map_is_noop", "running", 1, "\x03", OK,
        NOOP, "", ""),
    PIN("affinity_running_pin_changes_now", "running", 1, "\x04", OK, NOW,
        "\x04", "\x03"),
    PIN("affinity_full_length_map_is_cut_to_host_cpus", "running", 1,
        "\x04\x00", OK, NOW, "\x04", "\x03"),
    PIN("affinity_undo_of_unpinned_vcpu_allows_host_cpus", "running", 0, "\x01",
        OK, NOW, "\x01", "\x0f"),
    PIN("affinity_blocked_pin_changes_now", "blocked", 1, "\x08", OK, NOW,
        "\x08", "\x03"),
    PIN("affinity_paused_pin_changes_now", "paused", 1, "\x08", OK, NOW, "\x08",
        "\x03"),
    PIN("affinity_domain0_pin_changes_now", "Domain-0", 1, "\x08", OK, NOW,
        "\x08", "\x03"),
    PIN("affinity_offline_vcpu_pin_changes_now", "running", 3, "\x08", OK, NOW,
        "\x08", "\x03"),
    PIN("affinity_cpu_the_host_lacks_is_inconsistent", "running", 1, "\x10", IN,
        0, "", ""),
    PIN("affinity_cpu_beyond_the_slots_is_inconsistent", "running", 1,
        "\x01\x00\x01", IN, 0, "", ""),
    PIN("affinity_no_cpu_is_inconsistent", "running", 1, "\x00", IN, 0, "", ""),
    PIN("affinity_shutting_down_pin_is_inconsistent", "shutdown", 1, "\x04", IN,
        0, "", ""),
    PIN("affinity_shutting_down_read_value_is_noop", "shutdown", 1, "\x03", OK,
        NOOP, "", ""),
    PIN("affinity_shutoff_has_no_vcpu_rows", "shutoff", 0, "\x01",
        XS_SET_NO_CREATION, 0, "", ""),
    PIN("affinity_crashed_has_no_vcpu_rows", "crashed", 0, "\x01",
        XS_SET_NO_CREATION, 0, "", ""),
    PIN("affinity_nostate_has_no_vcpu_rows", "nostate", 0, "\x01",
        XS_SET_NO_CREATION, 0, "", ""),
    PIN("affinity_vcpu_beyond_maximum_is_no_creation", "running", 4, "\x01",
        XS_SET_NO_CREATION, 0, "", ""),
    PIN("affinity_unknown_domain_is_no_creation", "nosuch", 0, "\x01",
        XS_SET_NO_CREATION, 0, "", ""),
    PIN("affinity_empty_is_wrong_length", "running", 1, "", XS_SET_WRONG_LENGTH,
        0, "", ""),

    /* What the varbind alone decides, and RFC 3416's order among them. */
    ADMIN("admin_zero_is_wrong_value", "running", 0, XS_SET_WRONG_VALUE, 0, 0),
    ADMIN("admin_six_is_wrong_value", "running", 6, XS_SET_WRONG_VALUE, 0, 0),
    ADMIN("admin_negative_is_wrong_value", "running", -1, XS_SET_WRONG_VALUE, 0,
          0),
    ADMIN("admin_unknown_domain_is_no_creation", "nosuch", 1,
          XS_SET_NO_CREATION, 0, 0),
    ADMIN("admin_unknown_domain_wrong_value_first", "nosuch", 9,
          XS_SET_WRONG_VALUE, 0, 0),
    ADMIN("admin_busy_domain_is_inconsistent", "busy", 2, IN, 0, 0),
    ADMIN("admin_busy_domain_even_noop_is_inconsistent", "busy", 1, IN, 0, 0),
    MAXMEM("maxmemory_zero_is_wrong_value", "running", 0, XS_SET_WRONG_VALUE, 0,
           0, 0),
    MAXMEM("maxmemory_largest_unsigned_is_inconsistent", "running", 4294967295L,
           IN, 0, 0, 0),
    TARGET("target_zero_is_wrong_value", "running", 0, XS_SET_WRONG_VALUE, 0, 0,
           0),
    VCPUS("vcpus_zero_is_wrong_value", "running", 0, XS_SET_WRONG_VALUE, 0, 0,
          0),
    VCPUS("vcpus_4097_is_wrong_value", "running", 4097, XS_SET_WRONG_VALUE, 0,
          0, 0),
    VCPUS("vcpus_busy_domain_is_inconsistent", "busy", 3, IN, 0, 0, 0),
    DOM("admin_as_unsigned_is_wrong_type", XEN_DOM_ADMIN_STATE, "running",
        XS_ASN_UNSIGNED, 1, XS_SET_WRONG_TYPE, 0, 0, 0, 0),
    DOM("vcpus_as_integer_is_wrong_type", XEN_DOM_VCPUS, "running",
        XS_ASN_INTEGER, 2, XS_SET_WRONG_TYPE, 0, 0, 0, 0),
    DOM("vcpus_as_string_is_wrong_type", XEN_DOM_VCPUS, "running",
        XS_ASN_OCTET_STR, 2, XS_SET_WRONG_TYPE, 0, 0, 0, 0),
    DOM("oper_state_is_not_writable", XEN_DOM_OPER_STATE, "running",
        XS_ASN_INTEGER, 1, XS_SET_NOT_WRITABLE, 0, 0, 0, 0),
    DOM("memory_kib_is_not_writable", XEN_DOM_MAX_MEMORY, "running",
        XS_ASN_UNSIGNED, 1, XS_SET_NOT_WRITABLE, 0, 0, 0, 0),
    DOM("read_only_column_of_unknown_domain_is_not_writable", XEN_DOM_ID,
        "nosuch", XS_ASN_INTEGER, 1, XS_SET_NOT_WRITABLE, 0, 0, 0, 0),
    {"vcpu_state_is_not_writable", XS_SET_VCPU_TABLE, XEN_VCPU_STATE, "running",
     0, XS_ASN_INTEGER, 1, NULL, sizeof(long), XS_SET_NOT_WRITABLE, 0, 0, 0, 0,
     NULL, NULL, 0, 0},
    {"affinity_as_integer_is_wrong_type", XS_SET_VCPU_TABLE, XEN_VCPU_AFFINITY,
     "running", 0, XS_ASN_INTEGER, 1, NULL, sizeof(long), XS_SET_WRONG_TYPE, 0,
     0, 0, 0, NULL, NULL, 0, 0},
    {"admin_short_integer_is_wrong_length", XS_SET_DOMAIN_TABLE,
     XEN_DOM_ADMIN_STATE, "running", 0, XS_ASN_INTEGER, 1, NULL, 1,
     XS_SET_WRONG_LENGTH, 0, 0, 0, 0, NULL, NULL, 0, 0},
    {"admin_index_not_a_name_is_no_creation", XS_SET_DOMAIN_TABLE,
     XEN_DOM_ADMIN_STATE, NULL, 0, XS_ASN_INTEGER, 1, NULL, sizeof(long),
     XS_SET_NO_CREATION, 0, 0, 0, 0, NULL, NULL, 0, 0},
};

static void
fillVarbind(xsSetVarbind *vb, const setCase *c)
{
    memset(vb, 0, sizeof(*vb));
    vb->table = c->table;
    vb->column = c->column;
    vb->name = c->dom;
    vb->namelen = c->dom != NULL ? strlen(c->dom) : 0;
    vb->vcpu = c->vcpu;
    vb->type = c->type;
    vb->len = c->len;
    vb->integer = c->integer;
    vb->string = (const unsigned char *)c->octets;
}

static int
expectMap(const char *what, const xsSetChange *ch, const char *map, size_t len)
{
    if (ch->maplen != len || (len > 0 && memcmp(ch->map, map, len) != 0))
        return virTestFail("%s map of %zu octets (first 0x%02x), expected %zu",
                           what, ch->maplen,
                           ch->maplen > 0 ? (unsigned)ch->map[0] : 0u, len);
    return 0;
}

/* Checks the plan of the one varbind of @c. */
static int
expectStep(const setCase *c, const xsSetPlan *plan)
{
    const xsSetStep *s;

    if (virTestExpectInt("error", plan->error, c->error) < 0)
        return -1;
    if (c->error != XS_SET_OK)
        return plan->why != NULL ? 0 : virTestFail("no reason given");
    if (virTestExpectInt("steps", (long long)plan->nsteps, 1) < 0)
        return -1;
    s = &plan->steps[0];
    if (virTestExpectInt("kind", s->kind, c->kind) < 0 ||
        virTestExpectInt("action", s->action, c->action) < 0)
        return -1;
    if (s->kind != XS_SET_NOW)
        return 0;
    if (c->table == XS_SET_VCPU_TABLE)
        return expectMap("apply", &s->apply, c->applyMap, c->applyLen) < 0 ||
                       expectMap("undo", &s->undo, c->undoMap, c->undoLen) < 0
                   ? -1
                   : 0;
    if (c->column == XEN_DOM_ADMIN_STATE)
        return virTestExpectInt("undo action", s->undo.action,
                                s->apply.action == XEN_ACTION_RESUME
                                    ? XEN_ACTION_SUSPEND
                                    : XEN_ACTION_RESUME);
    if (virTestExpectInt("apply", (long long)s->apply.value,
                         (long long)c->apply) < 0 ||
        virTestExpectInt("undo", (long long)s->undo.value, (long long)c->undo) <
            0)
        return -1;
    return 0;
}

static int
testOne(const void *data)
{
    const setCase *c = data;
    xsSetVarbind vb;
    xsSetPlan plan;
    int ret;

    fillVarbind(&vb, c);
    if (xsSetDecide(&hostFacts, &vb, 1, &plan) < 0)
        return virTestFail("out of memory");
    ret = expectStep(c, &plan);
    xsSetPlanClear(&plan);
    return ret;
}

/* ---- maps of the longest length ------------------------------------- */

/* A map of @len octets allowing cpu 0 and, when @high is set, the top
 * cpu of its last octet. */
typedef struct _longMapCase longMapCase;

struct _longMapCase {
    const char *title;
    size_t len;
    bool high;
    xsSetError error;
};

static const longMapCase longMapCases[] = {
    {"affinity_512_octets_of_host_cpus_is_cut_and_pinned", XS_AFFINITY_MAX,
     false, XS_SET_OK},
    {"affinity_512_octets_with_a_high_cpu_is_inconsistent", XS_AFFINITY_MAX,
     true, XS_SET_INCONSISTENT_VALUE},
    {"affinity_513_octets_is_wrong_length", XS_AFFINITY_MAX + 1, false,
     XS_SET_WRONG_LENGTH},
};

static int
testLongMap(const void *data)
{
    const longMapCase *lc = data;
    unsigned char map[XS_AFFINITY_MAX + 1];
    setCase c = PIN("", "running", 1, "", XS_SET_OK, NOW, "\x01", "\x03");
    xsSetVarbind vb;
    xsSetPlan plan;
    int ret;

    memset(map, 0, sizeof(map));
    map[0] = 0x01;
    if (lc->high)
        map[lc->len - 1] = 0x80;
    fillVarbind(&vb, &c);
    vb.string = map;
    vb.len = lc->len;
    c.error = lc->error;
    if (xsSetDecide(&hostFacts, &vb, 1, &plan) < 0)
        return virTestFail("out of memory");
    ret = expectStep(&c, &plan);
    xsSetPlanClear(&plan);
    return ret;
}

/* ---- every state, what the varbind alone decides --------------------- */

/* One writable object with a value of the wrong type, of the wrong
 * length, and out of range (none for the map: only its length). */
typedef struct _syntaxCase syntaxCase;

struct _syntaxCase {
    const char *object;
    xsSetTable table;
    unsigned int column;
    unsigned char type, wrongType;
    long badValue; /* 0 when none */
};

static const syntaxCase syntaxCases[] = {
    {"admin", XS_SET_DOMAIN_TABLE, XEN_DOM_ADMIN_STATE, XS_ASN_INTEGER,
     XS_ASN_OCTET_STR, 7},
    {"maxmemory", XS_SET_DOMAIN_TABLE, XEN_DOM_MAX_MEMORY_MIB, XS_ASN_UNSIGNED,
     XS_ASN_INTEGER, 0},
    {"target", XS_SET_DOMAIN_TABLE, XEN_DOM_MEMORY_TARGET_MIB, XS_ASN_UNSIGNED,
     XS_ASN_INTEGER, 0},
    {"vcpus", XS_SET_DOMAIN_TABLE, XEN_DOM_VCPUS, XS_ASN_UNSIGNED,
     XS_ASN_OCTET_STR, 5000},
    {"affinity", XS_SET_VCPU_TABLE, XEN_VCPU_AFFINITY, XS_ASN_OCTET_STR,
     XS_ASN_UNSIGNED, 0},
};

typedef struct _syntaxRun syntaxRun;

struct _syntaxRun {
    const syntaxCase *sc;
    const xsDomainRow *dom;
    const xsSetFacts *facts;
    int flaw; /* 0 wrong type, 1 wrong length, 2 wrong value, 3 none */
    xsSetError error;
};

static int
testSyntax(const void *data)
{
    const syntaxRun *r = data;
    unsigned char map[XS_AFFINITY_MAX + 1] = {0x01};
    xsSetVarbind vb = {.table = r->sc->table,
                       .column = r->sc->column,
                       .name = r->dom->name,
                       .namelen = r->dom->namelen,
                       .vcpu = 1,
                       .type = r->sc->type,
                       .len = sizeof(long),
                       .integer = r->sc->badValue,
                       .string = map};
    xsSetPlan plan;
    int ret;

    if (r->sc->type == XS_ASN_OCTET_STR)
        vb.len = r->flaw == 1 ? sizeof(map) : 1;
    else if (r->flaw == 1)
        vb.len = 1;
    if (r->flaw == 0)
        vb.type = r->sc->wrongType;
    if (xsSetDecide(r->facts, &vb, 1, &plan) < 0)
        return virTestFail("out of memory");
    ret = virTestExpectInt("error", plan.error, r->error);
    xsSetPlanClear(&plan);
    return ret;
}

/* For every object and every state: wrongType, wrongLength, wrongValue;
 * and notWritable before all of them with control off or a read-only
 * connection. */
static void
runSyntaxCases(void)
{
    static const char *flaws[] = {"wrong_type", "wrong_length", "wrong_value"};
    static const xsSetError errors[] = {XS_SET_WRONG_TYPE, XS_SET_WRONG_LENGTH,
                                        XS_SET_WRONG_VALUE};
    xsSetFacts off = hostFacts, readOnly = hostFacts;
    size_t i, d;
    int flaw;
    char title[128];

    off.control = false;
    readOnly.writable = false;
    for (i = 0; i < sizeof(syntaxCases) / sizeof(syntaxCases[0]); i++) {
        for (d = 0; d < NSTATES; d++) {
            syntaxRun r = {&syntaxCases[i], &doms[d], &hostFacts, 0, 0};

            for (flaw = 0; flaw < 3; flaw++) {
                if (flaw == 2 && syntaxCases[i].type == XS_ASN_OCTET_STR)
                    continue;
                r.flaw = flaw;
                r.error = errors[flaw];
                snprintf(title, sizeof(title), "%s_%s_is_%s",
                         syntaxCases[i].object, doms[d].name, flaws[flaw]);
                virTestRun(title, testSyntax, &r);
            }
            r.flaw = 0;
            r.error = XS_SET_NOT_WRITABLE;
            r.facts = &off;
            snprintf(title, sizeof(title),
                     "%s_%s_control_off_is_not_writable_before_wrong_type",
                     syntaxCases[i].object, doms[d].name);
            virTestRun(title, testSyntax, &r);
            r.facts = &readOnly;
            snprintf(title, sizeof(title),
                     "%s_%s_read_only_connection_is_not_writable",
                     syntaxCases[i].object, doms[d].name);
            virTestRun(title, testSyntax, &r);
        }
    }
}

/* ---- several varbinds ------------------------------------------------ */

typedef struct _multiCase multiCase;

struct _multiCase {
    const char *title;
    setCase vbs[4];
    size_t n;
    xsSetError error;
    size_t failed; /* when error */
};

#define NOTHING 0, 0, 0, 0

static const multiCase multiCases[] = {
    {"multi_raise_maximum_then_target_in_one_set",
     {MAXMEM("", "shutoff", 4096, OK, NOW, 4096 * MIB, MAX_KIB),
      TARGET("", "shutoff", 3072, OK, NOW, 3072 * MIB, MEM_KIB)},
     2,
     OK,
     0},
    {"multi_target_before_raising_maximum_is_inconsistent",
     {TARGET("", "shutoff", 3072, IN, 0, 0, 0),
      MAXMEM("", "shutoff", 4096, OK, NOW, 4096 * MIB, MAX_KIB)},
     2,
     IN,
     0},
    {"multi_lower_target_then_maximum_to_it",
     {TARGET("", "running", 512, OK, NOW, 512 * MIB, MEM_KIB),
      MAXMEM("", "running", 512, OK, NOW, 512 * MIB, MAX_KIB)},
     2,
     OK,
     0},
    {"multi_first_failing_varbind_in_pdu_order_wins",
     {VCPUS("", "running", 3, OK, NOW, 3, 2),
      ADMIN("", "running", 9, XS_SET_WRONG_VALUE, 0, 0),
      TARGET("", "running", 4096, IN, 0, 0, 0)},
     3,
     XS_SET_WRONG_VALUE,
     1},
    {"multi_inconsistent_before_a_later_wrong_type",
     {VCPUS("", "running", 9, IN, 0, 0, 0),
      DOM("", XEN_DOM_VCPUS, "running", XS_ASN_INTEGER, 2, XS_SET_WRONG_TYPE, 0,
          0, 0, 0)},
     2,
     IN,
     0},
    {"multi_two_targets_share_the_host_free_memory",
     {TARGET("", "running", 1400, OK, NOW, 1400 * MIB, MEM_KIB),
      TARGET("", "paused", 1400, IN, 0, 0, 0)},
     2,
     IN,
     1},
    {"multi_lowered_target_frees_no_memory_at_once",
     {TARGET("", "running", 512, OK, NOW, 512 * MIB, MEM_KIB),
      TARGET("", "paused", 1600, IN, 0, 0, 0)},
     2,
     IN,
     1},
    {"multi_vcpus_checked_against_earlier_change",
     {VCPUS("", "running", 3, OK, NOW, 3, 2),
      VCPUS("", "running", 3, OK, NOOP, 0, 0),
      VCPUS("", "running", 1, OK, NOW, 1, 3)},
     3,
     OK,
     0},
    {"multi_pause_then_resume_undoes_in_reverse",
     {ADMIN("", "running", 2, OK, NOW, XEN_ACTION_SUSPEND),
      ADMIN("", "running", 1, OK, NOW, XEN_ACTION_RESUME)},
     2,
     OK,
     0},
    {"multi_pause_then_shutdown_queues_it",
     {ADMIN("", "running", 2, OK, NOW, XEN_ACTION_SUSPEND),
      ADMIN("", "running", 3, OK, BG, XEN_ACTION_SHUTDOWN)},
     2,
     OK,
     0},
    {"multi_change_after_queued_action_is_inconsistent",
     {ADMIN("", "running", 3, OK, BG, XEN_ACTION_SHUTDOWN),
      VCPUS("", "running", 3, IN, 0, 0, 0)},
     2,
     IN,
     1},
    {"multi_queued_action_leaves_other_domains_free",
     {ADMIN("", "running", 5, OK, BG, XEN_ACTION_DESTROY),
      VCPUS("", "blocked", 3, OK, NOW, 3, 2)},
     2,
     OK,
     0},
    {"multi_two_pins_of_one_vcpu_undo_to_the_first",
     {PIN("", "running", 1, "\x04", OK, NOW, "\x04", "\x03"),
      PIN("", "running", 1, "\x08", OK, NOW, "\x08", "\x04"),
      PIN("", "running", 1, "\x08", OK, NOOP, "", "")},
     3,
     OK,
     0},
    {"multi_pins_of_two_vcpus_are_apart",
     {PIN("", "running", 1, "\x04", OK, NOW, "\x04", "\x03"),
      PIN("", "running", 2, "\x03", OK, NOOP, "", "")},
     2,
     OK,
     0},
    {"multi_both_tables_in_one_set",
     {ADMIN("", "running", 2, OK, NOW, XEN_ACTION_SUSPEND),
      PIN("", "running", 1, "\x04", OK, NOW, "\x04", "\x03"),
      VCPUS("", "running", 4, OK, NOW, 4, 2)},
     3,
     OK,
     0},
    {"multi_pin_after_queued_action_is_inconsistent",
     {ADMIN("", "running", 4, OK, BG, XEN_ACTION_REBOOT),
      PIN("", "running", 1, "\x04", IN, 0, "", "")},
     2,
     IN,
     1},
};

static int
testMulti(const void *data)
{
    const multiCase *m = data;
    xsSetVarbind vbs[4];
    xsSetPlan plan;
    size_t i;
    int ret = -1;

    for (i = 0; i < m->n; i++)
        fillVarbind(&vbs[i], &m->vbs[i]);
    if (xsSetDecide(&hostFacts, vbs, m->n, &plan) < 0)
        return virTestFail("out of memory");
    if (virTestExpectInt("error", plan.error, m->error) < 0)
        goto cleanup;
    if (m->error != XS_SET_OK) {
        ret = virTestExpectInt("failed", (long long)plan.failed,
                               (long long)m->failed);
        goto cleanup;
    }
    for (i = 0; i < m->n; i++) {
        xsSetPlan one = plan;

        /* Each step, in PDU order, is what its case line says. */
        if (plan.steps[i].vb != &vbs[i]) {
            virTestFail("step %zu is not varbind %zu", i, i);
            goto cleanup;
        }
        one.steps = &plan.steps[i];
        one.nsteps = 1;
        if (expectStep(&m->vbs[i], &one) < 0) {
            virTestFail("in step %zu", i);
            goto cleanup;
        }
    }
    ret = 0;

cleanup:
    xsSetPlanClear(&plan);
    return ret;
}

/* Applying the plan of a maximum raise and a target raise to a model
 * domain and undoing it from the last step back keeps each step within
 * the domain's limits (target <= maximum) and ends where it started;
 * undoing from the first step would not. */
static int
testUndoReverse(const void *data)
{
    const multiCase *m = &multiCases[0];
    xsSetVarbind vbs[2];
    xsSetPlan plan;
    unsigned long long max = MAX_KIB, target = MEM_KIB;
    size_t i;
    int ret = -1;

    (void)data;
    for (i = 0; i < 2; i++)
        fillVarbind(&vbs[i], &m->vbs[i]);
    if (xsSetDecide(&hostFacts, vbs, 2, &plan) < 0 || plan.error != OK)
        return virTestFail("the SET is refused");
    for (i = 0; i < plan.nsteps; i++) {
        const xsSetChange *c = &plan.steps[i].apply;

        *(c->action == XEN_ACTION_SET_MAX_MEMORY ? &max : &target) = c->value;
        if (target > max) {
            virTestFail("applying step %zu breaks target <= maximum", i);
            goto cleanup;
        }
    }
    for (i = plan.nsteps; i-- > 0;) {
        const xsSetChange *c = &plan.steps[i].undo;

        *(c->action == XEN_ACTION_SET_MAX_MEMORY ? &max : &target) = c->value;
        if (target > max) {
            virTestFail("undoing step %zu breaks target <= maximum", i);
            goto cleanup;
        }
    }
    if (virTestExpectInt("max", (long long)max, (long long)MAX_KIB) < 0 ||
        virTestExpectInt("target", (long long)target, (long long)MEM_KIB) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    xsSetPlanClear(&plan);
    return ret;
}

static int
testColumnNames(const void *data)
{
    (void)data;
    if (virTestExpectStr(
            "admin", xsSetColumnName(XS_SET_DOMAIN_TABLE, XEN_DOM_ADMIN_STATE),
            "xenDomAdminState") < 0 ||
        virTestExpectStr("affinity",
                         xsSetColumnName(XS_SET_VCPU_TABLE, XEN_VCPU_AFFINITY),
                         "xenVcpuAffinity") < 0 ||
        virTestExpectStr(
            "oper state",
            xsSetColumnName(XS_SET_DOMAIN_TABLE, XEN_DOM_OPER_STATE), "?") < 0)
        return -1;
    return 0;
}

static int
testEmpty(const void *data)
{
    xsSetPlan plan;

    (void)data;
    if (xsSetDecide(&hostFacts, NULL, 0, &plan) < 0)
        return virTestFail("failed");
    if (virTestExpectInt("error", plan.error, OK) < 0 ||
        virTestExpectInt("steps", (long long)plan.nsteps, 0) < 0)
        return -1;
    xsSetPlanClear(&plan);
    return 0;
}

static int
mymain(void)
{
    size_t i;

    for (i = 0; i < sizeof(stateCases) / sizeof(stateCases[0]); i++)
        virTestRun(stateCases[i].title, testOne, &stateCases[i]);
    for (i = 0; i < sizeof(longMapCases) / sizeof(longMapCases[0]); i++)
        virTestRun(longMapCases[i].title, testLongMap, &longMapCases[i]);
    runSyntaxCases();
    for (i = 0; i < sizeof(multiCases) / sizeof(multiCases[0]); i++)
        virTestRun(multiCases[i].title, testMulti, &multiCases[i]);
    virTestRun("multi_undo_in_reverse_keeps_each_step_valid", testUndoReverse,
               NULL);
    virTestRun("column_names_for_the_log", testColumnNames, NULL);
    virTestRun("empty_set_decides_nothing", testEmpty, NULL);
    return 0;
}

VIR_TEST_MAIN(mymain)
