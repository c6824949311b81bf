#!/bin/sh
# syntax-check.sh: the house rules of ../shared/style.md that a script can
# check.  Run from the top of the source tree ("make syntax-check").
# Prints each violation as FILE:LINE: rule, and exits 1 if there is any.

cd "${1:-.}" || exit 2
status=0

# The sources, not the copies make check-xen puts in its dom0 image (an
# in-tree build keeps it under tests/xen/image) nor anything it downloads.
c_files=$(find lib agent tests tools include \
    \( -path tests/xen/image -o -path tests/xen/cache \) -prune -o \
    -name '*.[ch]' -print 2>/dev/null | sort)

fail() {
    echo "$1" >&2
    status=1
}

# Unsafe string functions (curl CODE_STYLE, collectd coding_style).
out=$(grep -nE '\<(strcpy|strcat|sprintf|vsprintf|strncpy|atoi|atol|gets)[[:space:]]*\(' $c_files)
[ -n "$out" ] && fail "$out
^ banned function: use snprintf, a bounded copy or strtol with checks"

# config.h first in every .c, never in a header.
for f in $c_files; do
    case "$f" in
    *.c)
        first=$(grep -m1 -n '^#include' "$f")
        case "$first" in
        *'<config.h>'*) ;;
        '') ;;
        *) fail "$f: the first #include must be <config.h>" ;;
        esac
        ;;
    *.h)
        if grep -n '#include <config.h>' "$f" >/dev/null; then
            fail "$f: headers must not include config.h"
        fi
        ;;
    esac
done

# Layering: the drivers never include each other; the agent sees only the
# public header.
out=$(grep -nE '#include "(xen|xen/)' lib/test/*.[ch] 2>/dev/null)
[ -n "$out" ] && fail "$out
^ lib/test must not include the Xen driver"
out=$(grep -nE '#include "(test|test/)' lib/xen/*.[ch] 2>/dev/null)
[ -n "$out" ] && fail "$out
^ lib/xen must not include the test driver"
if [ -d agent ]; then
    out=$(grep -nE '#include "' agent/*.[ch] 2>/dev/null |
          grep -vE '"(libvir\.h|[a-zA-Z_]+\.h)"' )
    [ -n "$out" ] && fail "$out
^ agent/ includes only libvir.h and its own headers"
    # Every header under lib/ is internal: the agent reaches the library
    # through include/ only (the build gives it no -I lib either).
    for h in $(find lib -name '*.h' -exec basename {} \; | sort -u); do
        [ -e "include/$h" ] && continue
        out=$(grep -nF "#include \"$h\"" agent/*.[ch] 2>/dev/null)
        [ -n "$out" ] && fail "$out
^ agent/ must not include lib/ headers ($h): use include/"
    done
fi

# The -D tokens that --help and xensnmpd(8) list are exactly those the
# agent's code traces with.
if [ -f agent/main.c ]; then
    used=$(grep -hoE 'DEBUGMSGTL?\(\("[A-Za-z:]+"' agent/*.c |
           sed 's/.*"\(.*\)"/\1/' | sort -u | tr '\n' ' ')
    listed=$(sed -n '/--debug TOKENS/,/or ALL)/p' agent/main.c |
             grep -oE '\<(x[A-Za-z:]+|libvir)\>' | sort -u | tr '\n' ' ')
    [ "$used" = "$listed" ] || fail "agent/main.c: --help lists -D tokens '$listed', the code uses '$used'"
    for t in $used; do
        grep -q "^\.BR\? $t\>" doc/xensnmpd.8.in ||
            fail "doc/xensnmpd.8.in: -D token $t is not listed"
    done
fi

# No tabs in C sources.
out=$(grep -nP '\t' $c_files)
[ -n "$out" ] && fail "$out
^ tab in a C source: indent with spaces"

# No TODO without an issue number, no commented-out code markers.
out=$(grep -nwE 'TODO|FIXME|XXX' $c_files | grep -vE '(TODO|FIXME)\(#?[0-9]+\)')
[ -n "$out" ] && fail "$out
^ TODO/FIXME without an issue number"

# Formatting, when clang-format is present (it is on the CI machine).
if command -v clang-format >/dev/null 2>&1; then
    out=$(clang-format --dry-run -Werror $c_files 2>&1 | grep -E '^[^ ].*: (error|warning):' | head -20)
    [ -n "$out" ] && fail "$out
^ not formatted: run clang-format -i on these files"
else
    fail "clang-format not found: apt-get install clang-format"
fi

[ $status = 0 ] && echo "syntax-check: OK"
exit $status
