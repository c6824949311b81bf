## tests/bench/local.mk: benchmarks.  They print figures and are never
## part of "make check"; "make bench" runs them.

noinst_PROGRAMS += tests/bench/gennode tests/bench/benchload tests/bench/bulkwalk \
	tests/bench/roundtrip
tests_bench_gennode_SOURCES = tests/bench/gennode.c
tests_bench_benchload_SOURCES = tests/bench/benchload.c
tests_bench_benchload_LDADD = lib/libvir.la $(LIBXML_LIBS)
tests_bench_bulkwalk_SOURCES = tests/bench/bulkwalk.c
tests_bench_bulkwalk_LDADD = $(NETSNMP_LIBS)
tests_bench_roundtrip_SOURCES = tests/bench/roundtrip.c

## What one agent refresh costs, without snmpd: refreshbench URI.
noinst_PROGRAMS += tests/bench/refreshbench
tests_bench_refreshbench_SOURCES = tests/bench/refreshbench.c
tests_bench_refreshbench_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
tests_bench_refreshbench_LDADD = agent/libxscore.la lib/libvir.la $(LIBXML_LIBS)

## What one agent refresh costs on a real Xen host: run inside the dom0
## of "make check-xen" (tests/xen/dom0/85-cost.sh checks the bounds,
## 90-bench.sh prints the figures).
if WITH_XEN
noinst_PROGRAMS += tests/bench/xenrefresh
tests_bench_xenrefresh_SOURCES = tests/bench/xenrefresh.c
tests_bench_xenrefresh_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
tests_bench_xenrefresh_LDADD = agent/libxscore.la lib/libvir.la $(LIBXML_LIBS)
endif

BENCH_SIZES = 1000 10000
## The agent benchmark's sizes (domains x 4 vcpus); BENCH_FULL=1 makes
## its RSS flatness loop 1,000 walks at every size (at 10,000 it always is).
BENCH_AGENT_SIZES = 10 100 1000 10000
PHONY_TARGETS += bench
CLEANFILES += tests/bench/node-*.xml
EXTRA_DIST += tests/bench/agentbench.sh

bench: tests/bench/gennode$(EXEEXT) tests/bench/benchload$(EXEEXT) \
		agent/xensnmpd$(EXEEXT) agent/xensnmp.la tests/bench/bulkwalk$(EXEEXT) \
		tests/bench/roundtrip$(EXEEXT)
	@for n in $(sort $(BENCH_SIZES) $(BENCH_AGENT_SIZES)); do \
	  tests/bench/gennode$(EXEEXT) -n $$n -v 4 \
	    >tests/bench/node-$$n.xml || exit 1; \
	done
	@tests/bench/benchload$(EXEEXT) \
	  $(foreach n,$(BENCH_SIZES),$(abs_builddir)/tests/bench/node-$(n).xml)
	@abs_srcdir=$(abs_top_srcdir) abs_builddir=$(abs_top_builddir) \
	  $(SHELL) $(srcdir)/tests/bench/agentbench.sh \
	  $(abs_builddir)/tests/bench $(BENCH_AGENT_SIZES)

## The soak benchmark: walks, GETs, SETs, hypervisor outages and snmpd
## restarts at once against one xensnmpd for SOAK_SECONDS, then RSS, fds,
## errors and lost notifications, each against its target (it exits
## non-zero when one is missed).  "make soak SOAK_SECONDS=60" for a short run.
SOAK_SECONDS = 300
SOAK_DOMAINS = 300
PHONY_TARGETS += soak
CLEANFILES += tests/bench/node-soak.xml
EXTRA_DIST += tests/bench/soak.sh

soak: tests/bench/gennode$(EXEEXT) agent/xensnmpd$(EXEEXT)
	@tests/bench/gennode$(EXEEXT) -n $(SOAK_DOMAINS) -v 4 \
	  >tests/bench/node-soak.xml
	@SOAK_SECONDS=$(SOAK_SECONDS) abs_srcdir=$(abs_top_srcdir) \
	  abs_builddir=$(abs_top_builddir) \
	  $(SHELL) $(srcdir)/tests/bench/soak.sh \
	  $(abs_builddir)/tests/bench/node-soak.xml
