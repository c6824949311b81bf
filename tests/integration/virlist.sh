#!/bin/sh
# virlist.sh: tools/virlist names the host by its canonical URI, whichever
# way the node file's path was written after "test://" (README's own
# example is test://$PWD/conf/testnode.xml; test:///$PWD/... has a slash
# more).

. "$abs_srcdir/tests/integration/lib.sh"

VIRLIST=$abs_builddir/tools/virlist
NODE=$abs_srcdir/conf/testnode.xml
[ -x "$VIRLIST" ] || setup_failed "$VIRLIST is not built" "run make"

for uri in "test://$NODE" "test:///$NODE" "test:////$NODE"; do
    is "$("$VIRLIST" "$uri" | sed -n '1s/: .*//p')" "Host test://$NODE" \
        "virlist_names_$uri"
done
is "$("$VIRLIST" test:///default | sed -n '1s/: .*//p')" \
    "Host test:///default" "virlist_names_test:///default"
done_testing
