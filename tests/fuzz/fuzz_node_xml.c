/*
 * fuzz_node_xml.c: libFuzzer target for the test driver's node-file
 * parser (lib/test/test_node.c).
 *
 * Properties: the parser never crashes or leaks, whatever the input; a
 * refusal always leaves an error; and a host it accepts keeps the rules
 * the parser promises the driver (ids and states agree, the running
 * domains fit in the host's memory, pins name active cpus, Domain-0 is
 * id 0).  Any broken property abort()s so that libFuzzer keeps the input.
 */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test/test_node.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
checkDomain(const testNodeDef *node, const testNodeDomain *dom)
{
    const virDomainDef *def = dom->def;
    size_t i;
    size_t cpu;

    if (def == NULL || def->name == NULL || !def->uuidSet)
        abort();
    if ((dom->state == VIR_DOMAIN_SHUTOFF) != (def->id < 0))
        abort();
    if (dom->state == VIR_DOMAIN_SHUTOFF &&
        (!dom->persistent || dom->cpuTime != 0))
        abort();
    if (dom->state == VIR_DOMAIN_SHUTDOWN || dom->state == VIR_DOMAIN_NOSTATE)
        abort();
    if ((def->id == 0) != (strcmp(def->name, "Domain-0") == 0))
        abort();
    if (def->maxmem > node->info.memory || def->memory > def->maxmem ||
        def->vcpus > def->maxvcpus)
        abort();
    for (i = 0; i < def->npins; i++) {
        for (cpu = node->info.cpus; cpu < def->pins[i].maplen * 8; cpu++) {
            if (def->pins[i].cpumap[cpu / 8] & (1U << (cpu % 8)))
                abort();
        }
    }
}

static void
checkNode(const testNodeDef *node)
{
    unsigned long long active = 0;
    size_t i;

    if (node->hvType == NULL || node->hvType[0] == '\0')
        abort();
    if (memchr(node->info.model, '\0', sizeof(node->info.model)) == NULL)
        abort();
    if (node->info.cpus == 0 || node->info.memory == 0 ||
        node->info.cpus > (unsigned long long)node->info.nodes *
                              node->info.sockets * node->info.cores *
                              node->info.threads)
        abort();
    for (i = 0; i < node->ndoms; i++) {
        checkDomain(node, &node->doms[i]);
        if (node->doms[i].state != VIR_DOMAIN_SHUTOFF)
            active += node->doms[i].def->memory;
    }
    if (active > node->info.memory)
        abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    testNodeDef *node;

    virResetLastError();
    node = testNodeParseBuffer((const char *)data, size, "fuzz");
    if (node == NULL) {
        if (virGetLastError() == NULL)
            abort();
        return 0;
    }
    if (virGetLastError() != NULL)
        abort();
    checkNode(node);
    testNodeDefFree(node);
    return 0;
}
