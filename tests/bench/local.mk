## tests/bench/local.mk: benchmarks.  They print figures and are never
## part of "make check"; "make bench" runs them.

noinst_PROGRAMS += tests/bench/gennode tests/bench/benchload
tests_bench_gennode_SOURCES = tests/bench/gennode.c
tests_bench_benchload_SOURCES = tests/bench/benchload.c
tests_bench_benchload_LDADD = lib/libvir.la $(LIBXML_LIBS)

BENCH_SIZES = 1000 10000
PHONY_TARGETS += bench
CLEANFILES += tests/bench/node-*.xml

bench: tests/bench/gennode$(EXEEXT) tests/bench/benchload$(EXEEXT)
	@for n in $(BENCH_SIZES); do \
	  tests/bench/gennode$(EXEEXT) -n $$n -v 4 \
	    >tests/bench/node-$$n.xml || exit 1; \
	done
	@tests/bench/benchload$(EXEEXT) \
	  $(foreach n,$(BENCH_SIZES),$(abs_builddir)/tests/bench/node-$(n).xml)
