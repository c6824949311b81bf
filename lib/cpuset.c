/*
 * cpuset.c: cpuset strings and the cpu maps they stand for (see
 * cpuset.h).
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpuset.h"
#include "buf.h"
#include "error.h"

/* cpusets are written in domain XML and xl files; their errors are the
 * XML code's. */
#define VIR_FROM_THIS VIR_FROM_DOM

static bool
virCpuSetIsBlank(char c)
{
    return c == ' ' || c == '\t';
}

/* Reads one cpu number at *@p.  On error writes why into @why. */
static int
virCpuSetParseNumber(const char **p, unsigned int *cpu, char *why,
                     size_t whylen)
{
    const char *start = *p;
    unsigned long v = 0;

    if (**p < '0' || **p > '9') {
        if (**p == '\0')
            snprintf(why, whylen, "expected a cpu number at the end");
        else
            snprintf(why, whylen, "expected a cpu number at '%s'", *p);
        return -1;
    }
    /* Saturate instead of overflowing; anything this big is refused. */
    for (; **p >= '0' && **p <= '9'; (*p)++) {
        if (v < VIR_CPUSET_MAX_CPUS)
            v = v * 10 + (unsigned long)(**p - '0');
    }
    if (v >= VIR_CPUSET_MAX_CPUS) {
        snprintf(why, whylen, "cpu %.*s is above the limit of %d",
                 (int)(*p - start), start, VIR_CPUSET_MAX_CPUS - 1);
        return -1;
    }
    *cpu = (unsigned int)v;
    return 0;
}

int
virCpuSetParseQuiet(const char *str, unsigned char **map, size_t *maplen,
                    char *why, size_t whylen)
{
    unsigned char incl[VIR_CPUSET_MAX_CPUS / 8] = {0};
    unsigned char excl[VIR_CPUSET_MAX_CPUS / 8] = {0};
    const char *p = str;
    unsigned int first;
    unsigned int last;
    unsigned int cpu;
    int highest = -1;
    bool exclude;
    size_t i;

    for (;;) {
        while (virCpuSetIsBlank(*p))
            p++;
        exclude = *p == '^';
        if (exclude)
            p++;
        if (virCpuSetParseNumber(&p, &first, why, whylen) < 0)
            return -1;
        last = first;
        if (*p == '-') {
            p++;
            if (virCpuSetParseNumber(&p, &last, why, whylen) < 0)
                return -1;
            if (last < first) {
                snprintf(why, whylen, "range %u-%u is reversed", first, last);
                return -1;
            }
        }
        for (cpu = first; cpu <= last; cpu++)
            VIR_USE_CPU(exclude ? excl : incl, cpu);
        while (virCpuSetIsBlank(*p))
            p++;
        if (*p == '\0')
            break;
        if (*p != ',') {
            snprintf(why, whylen, "unexpected '%s'", p);
            return -1;
        }
        p++;
    }

    /* Exclusions apply to the whole set, wherever they are written. */
    for (i = 0; i < sizeof(incl); i++)
        incl[i] &= (unsigned char)~excl[i];
    for (cpu = 0; cpu < VIR_CPUSET_MAX_CPUS; cpu++) {
        if (incl[cpu / 8] & (1 << (cpu % 8)))
            highest = (int)cpu;
    }
    if (highest < 0) {
        snprintf(why, whylen, "it selects no cpu");
        return -1;
    }
    *maplen = VIR_CPU_MAPLEN((size_t)highest + 1);
    if ((*map = malloc(*maplen)) == NULL) {
        snprintf(why, whylen, "out of memory");
        return -2;
    }
    memcpy(*map, incl, *maplen);
    return 0;
}

int
virCpuSetParse(const char *str, unsigned char **map, size_t *maplen)
{
    char why[256];
    int rc;

    if (str == NULL || map == NULL || maplen == NULL) {
        virReportError(VIR_ERR_INVALID_ARG, "%s",
                       "virCpuSetParse: NULL argument");
        return -1;
    }
    rc = virCpuSetParseQuiet(str, map, maplen, why, sizeof(why));
    if (rc == -2)
        virReportOOMError();
    else if (rc < 0)
        virReportError(VIR_ERR_XML_ERROR, "cpuset '%s': %s", str, why);
    return rc < 0 ? -1 : 0;
}

char *
virCpuSetFormat(const unsigned char *map, size_t maplen)
{
    virBuf buf = {.data = NULL};
    size_t ncpus = maplen * 8;
    size_t cpu = 0;
    size_t end;
    bool first = true;

    if (map == NULL && maplen > 0) {
        virReportError(VIR_ERR_INVALID_ARG, "%s", "virCpuSetFormat: NULL map");
        return NULL;
    }
    while (cpu < ncpus) {
        if (!(map[cpu / 8] & (1 << (cpu % 8)))) {
            cpu++;
            continue;
        }
        for (end = cpu;
             end + 1 < ncpus && (map[(end + 1) / 8] & (1 << ((end + 1) % 8)));
             end++)
            ;
        virBufPrintf(&buf, "%s%zu", first ? "" : ",", cpu);
        if (end > cpu)
            virBufPrintf(&buf, "-%zu", end);
        first = false;
        cpu = end + 1;
    }
    return virBufFinish(&buf);
}

bool
virCpuMapEqual(const unsigned char *a, size_t alen, const unsigned char *b,
               size_t blen)
{
    size_t i;
    size_t n = alen > blen ? alen : blen;

    for (i = 0; i < n; i++) {
        unsigned char x = i < alen ? a[i] : 0;
        unsigned char y = i < blen ? b[i] : 0;

        if (x != y)
            return false;
    }
    return true;
}
