/*
 * fuzz_device_xml.c: libFuzzer target for the device XML of
 * virDomainAttachDevice and virDomainDetachDevice (lib/domain_conf.c:
 * virDomainDefAttachDeviceXML, virDomainDefDetachDeviceXML), which both
 * drivers hand the caller's text to.
 *
 * Properties, on a definition that already holds a disk and an interface:
 * - a refused attach or detach leaves the definition as it was;
 * - an accepted attach adds exactly one device, the definition still
 *   formats to XML that parses back equal, and detaching that device
 *   (by the same text, or by the MAC it was given) restores the
 *   definition;
 * - an accepted detach removes exactly one device.
 * A broken property abort()s so that libFuzzer keeps the input.
 */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain_conf.h"
#include "error.h"
#include "mac.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char baseXML[] =
    "<domain type='xen'><name>fuzz</name>"
    "<uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>"
    "<memory>262144</memory><vcpu>1</vcpu>"
    "<os><type>linux</type></os><devices>"
    "<disk type='file' device='disk'><source file='/img/a'/>"
    "<target dev='xvda'/></disk>"
    "<interface type='bridge'><mac address='00:16:3e:00:00:01'/>"
    "<source bridge='xenbr0'/></interface>"
    "</devices></domain>";

static size_t
fuzzDevices(const virDomainDef *def)
{
    return def->ndisks + def->nnets;
}

/* The definition formats to XML that parses back to an equal one. */
static void
fuzzCheckRoundTrip(const virDomainDef *def)
{
    char *xml = virDomainDefFormat(def, -1);
    virDomainDef *again = NULL;

    if (xml == NULL || (again = virDomainDefParseString(xml)) == NULL ||
        !virDomainDefEqual(def, again))
        abort();
    virDomainDefFree(again);
    free(xml);
}

/* Detaches what @xml attached to @def; an interface given without a MAC
 * got a new one, which only the definition knows. */
static int
fuzzDetachAttached(virDomainDef *def, const char *xml, size_t nnetsBefore)
{
    char mac[VIR_MAC_STRING_BUFLEN];
    char byMac[128];

    if (virDomainDefDetachDeviceXML(def, xml) == 0)
        return 0;
    if (def->nnets != nnetsBefore + 1)
        return -1;
    virMacFormat(def->nets[def->nnets - 1].mac, mac);
    snprintf(byMac, sizeof(byMac), "<interface><mac address='%s'/></interface>",
             mac);
    return virDomainDefDetachDeviceXML(def, byMac);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    virDomainDef *def = NULL;
    virDomainDef *orig = NULL;
    char *xml = NULL;
    size_t nnets;

    if ((xml = malloc(size + 1)) == NULL)
        return 0;
    memcpy(xml, data, size);
    xml[size] = '\0';
    if ((def = virDomainDefParseString(baseXML)) == NULL ||
        (orig = virDomainDefCopy(def)) == NULL)
        abort();
    nnets = def->nnets;

    if (virDomainDefAttachDeviceXML(def, xml) < 0) {
        if (!virDomainDefEqual(def, orig))
            abort();
    } else {
        if (fuzzDevices(def) != fuzzDevices(orig) + 1)
            abort();
        fuzzCheckRoundTrip(def);
        if (fuzzDetachAttached(def, xml, nnets) < 0 ||
            !virDomainDefEqual(def, orig))
            abort();
    }

    if (virDomainDefDetachDeviceXML(def, xml) < 0) {
        if (!virDomainDefEqual(def, orig))
            abort();
    } else {
        if (fuzzDevices(def) + 1 != fuzzDevices(orig))
            abort();
        fuzzCheckRoundTrip(def);
    }
    virResetLastError();

    virDomainDefFree(orig);
    virDomainDefFree(def);
    free(xml);
    return 0;
}
