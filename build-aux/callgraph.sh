#!/bin/sh
# callgraph.sh: finds source files that call each other.
#
# Usage: build-aux/callgraph.sh [-v] [-s SRCDIR] BUILDDIR DIR...
#
# Reads the objects compiled from the C files of each DIR (relative to
# BUILDDIR, searched recursively) with nm: the external symbols each one
# defines and the ones it uses.  A file "uses" another when it refers to a
# symbol (function or variable) that the other defines; that gives a
# file-level graph.  Every strongly connected group of two or more files
# is a circle: for each, the files and the symbols that tie each pair are
# printed, and the exit status is 1.  -v prints the whole graph as well.
#
# An object whose source is gone (SRCDIR/DIR/FILE.c, SRCDIR defaulting
# to BUILDDIR) is left over from an older tree and skipped.
#
# Files compiled twice (a program and a module share a source) count
# once: automake names such objects TARGET-FILE.o, and the part before
# the first '-' is dropped.  Symbols defined outside DIRs (libc, libxml2,
# other directories) are not edges.
#
# Why objects rather than the sources: what the compiler emitted is what
# links, macros and static inline helpers included; a textual scan would
# have to guess.  The price is a build before the check.

verbose=false
srcdir=
while :; do
    case "$1" in
    -v) verbose=true; shift ;;
    -s) srcdir=$2; shift 2 ;;
    *) break ;;
    esac
done
if [ $# -lt 2 ]; then
    echo "usage: $0 [-v] [-s SRCDIR] BUILDDIR DIR..." >&2
    exit 2
fi
srcdir=$(cd "${srcdir:-$1}" && pwd) || exit 2
cd "$1" || exit 2
shift

objs=$(for d in "$@"; do
    find "$d" -name '*.o' -not -path '*/.libs/*'
done | sort)
if [ -z "$objs" ]; then
    echo "callgraph: no objects under $* (build first)" >&2
    exit 2
fi

# One line per symbol: "D FILE SYMBOL" (defined) or "U FILE SYMBOL".
for o in $objs; do
    dir=${o%/*}
    base=${o##*/}
    base=${base%.o}
    case "$base" in
    *-*) base=${base#*-} ;;
    esac
    [ -f "$srcdir/$dir/$base.c" ] || continue
    nm -P "$o" | awk -v f="$dir/$base.c" '
        $2 == "U" { print "U", f, $1; next }
        $2 ~ /^[TDBRVWCGS]$/ { print "D", f, $1 }'
done | sort -u | awk -v verbose="$verbose" '
    $1 == "D" { def[$3] = $2; next }
    { use[++n] = $2 " " $3 }
    END {
        for (i = 1; i <= n; i++) {
            split(use[i], u, " ")
            if (!(u[2] in def) || def[u[2]] == u[1])
                continue
            e = u[1] SUBSEP def[u[2]]
            if (!(e in via)) {
                via[e] = u[2]
                out[u[1]] = out[u[1]] " " def[u[2]]
            } else if (length(via[e]) < 60)
                via[e] = via[e] ", " u[2]
            files[u[1]] = 1
            files[def[u[2]]] = 1
        }
        if (verbose == "true")
            for (e in via) {
                split(e, p, SUBSEP)
                printf "%s -> %s: %s\n", p[1], p[2], via[e]
            }
        # Tarjan: strongly connected components, iteratively.
        idx = 0
        for (f in files) {
            if (f in index_)
                continue
            sp = 0
            cs[++sp] = f; ci[sp] = 0
            while (sp > 0) {
                v = cs[sp]
                if (ci[sp] == 0) {
                    index_[v] = low[v] = ++idx
                    st[++top] = v; on[v] = 1
                }
                k = ++ci[sp]
                m = split(out[v], nb, " ")
                if (k <= m) {
                    w = nb[k]
                    if (!(w in index_)) {
                        cs[++sp] = w; ci[sp] = 0
                    } else if (on[w] && index_[w] < low[v])
                        low[v] = index_[w]
                    continue
                }
                if (low[v] == index_[v]) {
                    comp = ""; size = 0
                    do {
                        w = st[top--]; on[w] = 0
                        comp = comp " " w; size++
                    } while (w != v)
                    if (size > 1)
                        report(comp)
                }
                sp--
                if (sp > 0 && low[v] < low[cs[sp]])
                    low[cs[sp]] = low[v]
            }
        }
        exit found ? 1 : 0
    }
    function report(comp,    m, c, i, j, a, b) {
        found = 1
        m = split(comp, c, " ")
        printf "callgraph: circle of %d files:%s\n", m, comp
        for (i = 1; i <= m; i++)
            for (j = 1; j <= m; j++) {
                a = c[i]; b = c[j]
                if ((a SUBSEP b) in via)
                    printf "    %s -> %s: %s\n", a, b, via[a SUBSEP b]
            }
    }'
