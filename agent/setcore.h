/*
 * setcore.h: the decision of every SET, without net-snmp and without a
 * hypervisor call.
 *
 * The caller (control.c) gathers the varbinds of one SET PDU from both
 * writable tables, reads the named domains just now, and asks
 * xsSetDecide what the SET amounts to:
 *
 *   - which varbind fails, with which error-status: the first one in PDU
 *     order that fails, each checked in the order of RFC 3416 4.2.5
 *     (notWritable, wrongType, wrongLength, wrongValue, noCreation,
 *     inconsistentValue) against the state the EARLIER varbinds of the
 *     same SET leave (raising the maximum memory and then the target in
 *     one SET works);
 *   - otherwise, for each varbind in PDU order, whether it is a no-op,
 *     a reversible change made now (at ACTION) with the change that
 *     undoes it, or an irreversible action queued at COMMIT.
 *
 * Changes are applied in PDU order and undone in the exact reverse
 * order, so that each undo finds the state its change was made from.
 * Everything decidable before commit is decided here; commitFailed is
 * left for a hypervisor that refuses at commit time.
 */

#ifndef XENSNMP_SETCORE_H
#define XENSNMP_SETCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "snapshot.h"

/* The ASN.1 tags of the writable objects' syntaxes (X.690; Unsigned32 is
 * [APPLICATION 2] IMPLICIT, RFC 2578). */
#define XS_ASN_INTEGER 0x02
#define XS_ASN_OCTET_STR 0x04
#define XS_ASN_UNSIGNED 0x42

/* xenVcpuAffinity is OCTET STRING (SIZE (1..512)). */
#define XS_AFFINITY_MAX 512

/* The error-status values a SET can answer (RFC 3416 section 3). */
typedef enum {
    XS_SET_OK = 0,
    XS_SET_GEN_ERR = 5,
    XS_SET_WRONG_TYPE = 7,
    XS_SET_WRONG_LENGTH = 8,
    XS_SET_WRONG_VALUE = 10,
    XS_SET_NO_CREATION = 11,
    XS_SET_INCONSISTENT_VALUE = 12,
    XS_SET_RESOURCE_UNAVAILABLE = 13,
    XS_SET_COMMIT_FAILED = 14,
    XS_SET_NOT_WRITABLE = 17
} xsSetError;

typedef enum {
    XS_SET_DOMAIN_TABLE = 1, /* xenDomainTable, columns XEN_DOM_* */
    XS_SET_VCPU_TABLE = 2    /* xenVcpuTable, columns XEN_VCPU_* */
} xsSetTable;

typedef struct _xsSetVarbind xsSetVarbind;

struct _xsSetVarbind {
    xsSetTable table;
    unsigned int column;
    /* The row's index: the domain name (NULL when the index is not one)
     * and, in the vcpu table, the vcpu number. */
    const char *name;
    size_t namelen;
    unsigned int vcpu;
    /* The value as the PDU carries it: its ASN.1 tag and length in
     * bytes (an integer is held in a long, as net-snmp holds it), and
     * the integer or the octets. */
    unsigned char type;
    size_t len;
    long integer;
    const unsigned char *string;
};

/* What the caller knows about the host and the named domains, read at
 * the time of the decision (not from a possibly older snapshot). */
typedef struct _xsSetFacts xsSetFacts;

struct _xsSetFacts {
    bool control;               /* "control yes" */
    bool writable;              /* a read-write hypervisor connection is open */
    unsigned long long memKiB;  /* host memory */
    unsigned long long freeKiB; /* host memory no domain holds */
    unsigned int cpus;          /* active physical cpus */
    unsigned int maxCpus;       /* physical cpu slots */
    /* The domains named by the varbinds as read just now, in any order;
     * a name not among them has no row. */
    const xsDomainRow *doms;
    size_t ndoms;
    /* Whether a background action on domain @name is queued or running
     * (NULL: none is). */
    bool (*busy)(const char *name, void *opaque);
    void *opaque;
};

typedef enum {
    XS_SET_NOOP = 1,      /* the object already has the value */
    XS_SET_NOW = 2,       /* a reversible change, made at ACTION */
    XS_SET_BACKGROUND = 3 /* an irreversible action, queued at COMMIT */
} xsSetKind;

/* One call to make on the domain: an XEN_ACTION_* (RESUME, SUSPEND,
 * SET_MAX_MEMORY, SET_MEMORY_TARGET, SET_VCPUS, PIN_VCPU) with its
 * value (KiB, a vcpu count) or cpu map. */
typedef struct _xsSetChange xsSetChange;

struct _xsSetChange {
    int action;
    unsigned long long value;
    unsigned char *map; /* owned by the plan */
    size_t maplen;
};

typedef struct _xsSetStep xsSetStep;

struct _xsSetStep {
    const xsSetVarbind *vb; /* the varbind, borrowed from the caller */
    xsSetKind kind;
    /* The xenDomLastAction value the varbind amounts to. */
    int action;
    xsSetChange apply; /* XS_SET_NOW: the change */
    xsSetChange undo;  /* XS_SET_NOW: the change that reverts it */
};

typedef struct _xsSetPlan xsSetPlan;

struct _xsSetPlan {
    xsSetError error; /* XS_SET_OK, or the SET's error-status */
    size_t failed;    /* the failing varbind's index, when error */
    const char *why;  /* why it fails, for the log (static text) */
    xsSetStep *steps; /* one per varbind in PDU order; NULL on error */
    size_t nsteps;
};

/**
 * xsSetDecide:
 * @facts: the host and the named domains, read just now
 * @vbs: the SET's varbinds, in PDU order
 * @n: how many
 * @plan: receives the decision (clear it with xsSetPlanClear)
 *
 * Decides the SET as a whole (see the top of this file).  Pure: it calls
 * nothing but @facts->busy.  The plan borrows @vbs.  Returns 0, or -1
 * when memory ran out (@plan->error is then resourceUnavailable).
 */
int xsSetDecide(const xsSetFacts *facts, const xsSetVarbind *vbs, size_t n,
                xsSetPlan *plan);

/* Frees what xsSetDecide allocated; the plan can be decided again. */
void xsSetPlanClear(xsSetPlan *plan);

/* The MIB name of a writable @column of @table ("?" for any other). */
const char *xsSetColumnName(xsSetTable table, unsigned int column);

#endif /* XENSNMP_SETCORE_H */
