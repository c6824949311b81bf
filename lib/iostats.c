/*
 * iostats.c: the records of virConnectGetAllDomainIOStats() (see
 * iostats.h).
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "iostats.h"
#include "datatypes.h"
#include "error.h"

#define VIR_FROM_THIS VIR_FROM_NONE

/* The record and the cursor into its names.  Callers see the public
 * part; the devices and the names follow in the same allocation. */
typedef struct {
    virDomainIOStatsRecord pub; /* first: a pointer to it is one to this */
    char *names;
    size_t nameUsed;
    size_t nameRoom;
} virIOStatsRecordImpl;

/* What every member of the arrays that follow the record is aligned to. */
typedef union {
    long long ll;
    void *p;
    double d;
} virIOStatsAlign;

static size_t
virIOStatsAlignUp(size_t n)
{
    size_t a = sizeof(virIOStatsAlign);

    return (n + a - 1) / a * a;
}

virDomainIOStatsRecordPtr
virIOStatsRecordNew(virDomainPtr dom, int id, size_t ndisks, size_t nifaces,
                    size_t namebytes)
{
    size_t diskOff = virIOStatsAlignUp(sizeof(virIOStatsRecordImpl));
    size_t ifaceOff =
        virIOStatsAlignUp(diskOff + ndisks * sizeof(virDomainIOStatsDisk));
    size_t nameOff = ifaceOff + nifaces * sizeof(virDomainIOStatsInterface);
    virIOStatsRecordImpl *impl;
    char *base;
    size_t i;

    /* A domain has a handful of devices: these sums cannot wrap before
     * the allocation fails. */
    if ((base = calloc(1, nameOff + namebytes)) == NULL) {
        virReportOOMError();
        virUnrefDomain(dom);
        return NULL;
    }
    impl = (virIOStatsRecordImpl *)base;
    impl->pub.dom = dom;
    impl->pub.id = id;
    impl->pub.disks =
        ndisks > 0 ? (virDomainIOStatsDisk *)(base + diskOff) : NULL;
    impl->pub.ndisks = ndisks;
    impl->pub.ifaces =
        nifaces > 0 ? (virDomainIOStatsInterface *)(base + ifaceOff) : NULL;
    impl->pub.nifaces = nifaces;
    impl->names = base + nameOff;
    impl->nameRoom = namebytes;
    /* Every counter is a long long, and all bits set is -1 in one: "not
     * known" until the driver says otherwise. */
    for (i = 0; i < ndisks; i++)
        memset(&impl->pub.disks[i].stats, 0xff,
               sizeof(impl->pub.disks[i].stats));
    for (i = 0; i < nifaces; i++)
        memset(&impl->pub.ifaces[i].stats, 0xff,
               sizeof(impl->pub.ifaces[i].stats));
    return &impl->pub;
}

const char *
virIOStatsRecordName(virDomainIOStatsRecordPtr rec, const char *name)
{
    virIOStatsRecordImpl *impl = (virIOStatsRecordImpl *)rec;
    size_t len = strlen(name) + 1;
    char *copy;

    if (impl->nameRoom - impl->nameUsed < len)
        return NULL;
    copy = memcpy(impl->names + impl->nameUsed, name, len);
    impl->nameUsed += len;
    return copy;
}

void
virIOStatsListFree(virDomainIOStatsRecordPtr *records)
{
    size_t i;

    if (records == NULL)
        return;
    for (i = 0; records[i] != NULL; i++) {
        virUnrefDomain(records[i]->dom);
        free(records[i]);
    }
    free(records);
}
