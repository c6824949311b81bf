#!/usr/bin/python3
"""getnextclient.py: GETNEXT through pysnmp, a client this project did not
write, against an agent on 127.0.0.1.

Usage: getnextclient.py PORT ROOT REQUESTS-FILE

Walks ROOT with GETNEXT and with GETBULK (each answer must be greater than
its request, and both walks must agree), then sends one GETNEXT for each
OID of REQUESTS-FILE (one dotted OID a line) and checks that the answer is
greater than the request and is the first walked OID after it (none
skipped), or lies past ROOT when the walk has nothing after the request.
Prints one line per failure and exits 1 if there was any.
"""

import sys

from pysnmp.hlapi import (CommunityData, ContextData, ObjectIdentity,
                          ObjectType, SnmpEngine, UdpTransportTarget,
                          bulkCmd, nextCmd)


def parse(text):
    return tuple(int(x) for x in text.strip().strip(".").split(".") if x)


def show(oid):
    return "." + ".".join(str(x) for x in oid)


def main():
    port, root, requests = int(sys.argv[1]), parse(sys.argv[2]), sys.argv[3]
    engine = SnmpEngine()
    auth = CommunityData("public", mpModel=1)
    target = UdpTransportTarget(("127.0.0.1", port), timeout=3, retries=1)
    failures = []

    def getnext(oid):
        """One GETNEXT; returns the answer's OID, or None past the MIB."""
        error, status, _, binds = next(nextCmd(
            engine, auth, target, ContextData(),
            ObjectType(ObjectIdentity(oid)), lookupMib=False,
            lexicographicMode=True, maxRows=1))
        if error or status:
            raise RuntimeError("%s: %s" % (show(oid), error or
                                           status.prettyPrint()))
        if not binds or binds[0][1].__class__.__name__ == "EndOfMibView":
            return None
        return tuple(binds[0][0])

    # The walk, one GETNEXT at a time, checked step by step.
    walk = []
    oid = root
    while True:
        answer = getnext(oid)
        if answer is None or answer[:len(root)] != root:
            break
        if answer <= oid:
            failures.append("walk: %s after %s" % (show(answer), show(oid)))
            break
        walk.append(answer)
        oid = answer
    if not walk:
        failures.append("walk of %s is empty" % show(root))

    bulk = []
    for error, status, _, binds in bulkCmd(
            engine, auth, target, ContextData(), 0, 25,
            ObjectType(ObjectIdentity(root)), lookupMib=False,
            lexicographicMode=False, ignoreNonIncreasingOid=True):
        if error or status:
            failures.append("bulkwalk: %s" % (error or status.prettyPrint()))
            break
        bulk.extend(tuple(b[0]) for b in binds)
    if bulk != walk:
        failures.append("bulkwalk gave %d OIDs, the walk %d (or other ones)"
                        % (len(bulk), len(walk)))
    for a, b in zip(bulk, bulk[1:]):
        if b <= a:
            failures.append("bulkwalk: %s after %s" % (show(b), show(a)))
            break

    with open(requests) as f:
        reqs = [parse(line) for line in f if line.strip()]
    for req in reqs:
        answer = getnext(req)
        expect = next((o for o in walk if o > req), None)
        if answer is None or answer <= req:
            failures.append("getnext %s gave %s" %
                            (show(req), answer and show(answer)))
        elif expect is not None and answer != expect:
            failures.append("getnext %s gave %s, skipping %s" %
                            (show(req), show(answer), show(expect)))
        elif expect is None and answer[:len(root)] == root:
            failures.append("getnext %s gave %s, not in the walk" %
                            (show(req), show(answer)))

    for line in failures:
        print(line)
    print("%d walked, %d requests, %d failures" %
          (len(walk), len(reqs), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
