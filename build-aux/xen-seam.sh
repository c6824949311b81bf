#!/bin/sh
# xen-seam.sh: the Xen driver reaches libxenctrl, libxenstore and
# libxenlight only through its table of functions (lib/xen/xen_ops.h), so
# that the unit tests can replace them.  Checked on the compiled objects
# under BUILDDIR (default .): no object of lib/xen but the default
# table's (xen_ops) may call an xc_*, xs_* or libxl_* function, except
# libxenlight's data-type helpers, which touch no hypervisor.
# Prints each call found as OBJECT: SYMBOL and exits 1 if there is any.

cd "${1:-.}" || exit 2

# _init/_dispose of libxl's types, bitmaps over memory the caller owns,
# UUID bytes, enum names, the cpuid string parser.
pure='^libxl_([a-z0-9_]+_(init|init_type|dispose)|bitmap_(set|reset|test|set_any|set_none|is_empty|is_full|count_set)|uuid_[a-z_]+|[a-z0-9_]+_to_string|cpuid_parse_config)$'

objs=$(ls lib/xen/*.o 2>/dev/null | grep -v 'xen_ops\.o$')
if [ -z "$objs" ]; then
    echo "xen-seam: the Xen driver is not built here: nothing to check"
    exit 0
fi
ls lib/xen/*xen_ops.o >/dev/null 2>&1 || {
    echo "xen-seam: lib/xen has objects but no xen_ops.o (the default table)" >&2
    exit 1
}
status=0
for o in $objs; do
    out=$(nm -u "$o" | awk '{print $NF}' | grep -E '^(xc_|xs_|libxl_)' |
          grep -vE "$pure")
    if [ -n "$out" ]; then
        echo "$out" | sed "s|^|$o: calls |" >&2
        status=1
    fi
done
if [ $status != 0 ]; then
    echo "^ lib/xen calls Xen's libraries only through priv->ops (xen_ops.h)" >&2
else
    echo "xen-seam: lib/xen calls Xen's libraries only through xen_ops.c"
fi
exit $status
