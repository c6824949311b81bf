/*
 * mibrequest.c: see mibrequest.h.
 */

#include <config.h>

#include "mibrequest.h"

/* The locator reads net-snmp's OIDs in place: they must be the same
 * type (a different one would also be a pointer type warning below). */
_Static_assert(sizeof(oid) == sizeof(xsOid), "net-snmp oid is not xsOid");

xsMibResult
xsMibRequestLocate(const xsMibIndex *rows,
                   const netsnmp_handler_registration *reginfo, bool getnext,
                   netsnmp_request_info *request, xsMibHit *hit)
{
    netsnmp_variable_list *vb = request->requestvb;
    const oid *root = reginfo->rootoid;
    size_t rootlen = reginfo->rootoid_len;
    const oid *suffix = NULL;
    size_t len = 0;
    oid answer[MAX_OID_LEN];
    xsMibResult r;

    /* The registration is a subtree: a GET or SET names an OID in it; a
     * GETNEXT may also come from before it (it then starts at the first
     * instance). */
    if (netsnmp_oid_is_subtree(root, rootlen, vb->name, vb->name_length) == 0) {
        suffix = vb->name + rootlen;
        len = vb->name_length - rootlen;
    } else if (!getnext ||
               snmp_oid_compare(vb->name, vb->name_length, root, rootlen) > 0) {
        return getnext ? XS_MIB_END : XS_MIB_NO_OBJECT;
    }
    if (!getnext)
        return xsMibIndexLocate(rows, suffix, len, XS_MIB_EXACT, hit);

    if (rootlen + XS_MIB_SUFFIX_MAX > MAX_OID_LEN)
        return XS_MIB_END; /* no table is registered that deep */
    r = xsMibIndexLocate(
        rows, suffix, len,
        request->inclusive ? XS_MIB_NEXT_INCLUSIVE : XS_MIB_NEXT, hit);
    if (r == XS_MIB_FOUND) {
        memcpy(answer, root, rootlen * sizeof(oid));
        len = rootlen + xsMibIndexSuffix(rows, hit, answer + rootlen);
        snmp_set_var_objid(vb, answer, len);
    }
    return r;
}
