## tests/fuzz/local.mk: libFuzzer targets, built with clang by "make fuzz"
## and run for a bounded time by "make fuzz-run" (FUZZ_SECONDS each,
## default 60).  They compile the library's sources themselves, so that
## the parsers are instrumented for coverage.

FUZZ_TARGETS = \
	tests/fuzz/fuzz_agentconf \
	tests/fuzz/fuzz_domain_xml \
	tests/fuzz/fuzz_node_xml \
	tests/fuzz/fuzz_uri \
	tests/fuzz/fuzz_mibindex \
	tests/fuzz/fuzz_device_xml \
	tests/fuzz/fuzz_test_image \
	tests/fuzz/fuzz_cpumap
# The Xen driver's parsers, when it is built.
if WITH_XEN
FUZZ_TARGETS += tests/fuzz/fuzz_xl_config tests/fuzz/fuzz_xen_save \
	tests/fuzz/fuzz_xenstore
endif
FUZZ_SECONDS = 60
# The dictionaries: tests/fuzz/NAME.dict goes with fuzz_NAME.
FUZZ_DICTS = tests/fuzz/xl_config.dict tests/fuzz/device_xml.dict \
	tests/fuzz/xen_save.dict
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_LIB_SRCS = $(addprefix $(srcdir)/,$(filter %.c,$(lib_libvir_la_SOURCES)))
# The agent's parsers need no libvir; each agent target names its own.
FUZZ_AGENT_SRCS = $(srcdir)/agent/agentconf.c

EXTRA_DIST += $(FUZZ_TARGETS:=.c) tests/fuzz/fuzz_xl_config.c \
	tests/fuzz/fuzz_xen_save.c tests/fuzz/fuzz_xenstore.c \
	tests/fuzz/xenstubs.c tests/fuzz/xenstubs.h \
	tests/fuzz/corpus $(FUZZ_DICTS)
CLEANFILES += $(FUZZ_TARGETS)
PHONY_TARGETS += fuzz fuzz-run

# fuzz_agentconf also compiles agent/agentconf.c; the agent directory is
# on every target's include path, which the others do not use.
tests/fuzz/fuzz_agentconf: FUZZ_EXTRA_SRCS = $(FUZZ_AGENT_SRCS)
tests/fuzz/fuzz_agentconf: $(FUZZ_AGENT_SRCS)

# fuzz_mibindex drives the tables' request locator with any OID over the
# unit test's fixture snapshot, and checks every answer against a scan.
FUZZ_MIBINDEX_SRCS = $(srcdir)/agent/mibindex.c $(srcdir)/tests/mibindexfixture.c
tests/fuzz/fuzz_mibindex: FUZZ_EXTRA_SRCS = $(FUZZ_MIBINDEX_SRCS)
tests/fuzz/fuzz_mibindex: $(FUZZ_MIBINDEX_SRCS)

# The Xen targets run without a hypervisor: xenstubs.c stands in for the
# few libxenctrl and libxenstore calls they reach.
FUZZ_XENSTUBS_SRCS = $(srcdir)/tests/fuzz/xenstubs.c
tests/fuzz/fuzz_xen_save tests/fuzz/fuzz_xenstore: \
	FUZZ_EXTRA_SRCS = $(FUZZ_XENSTUBS_SRCS)
tests/fuzz/fuzz_xen_save tests/fuzz/fuzz_xenstore: $(FUZZ_XENSTUBS_SRCS)

$(FUZZ_TARGETS): %: $(srcdir)/%.c $(FUZZ_LIB_SRCS)
	@if test -z "$(FUZZ_CC)"; then \
	  echo "make fuzz needs clang (apt-get install clang)" >&2; exit 1; fi
	@$(MKDIR_P) tests/fuzz
	$(AM_V_CC)$(FUZZ_CC) $(FUZZ_FLAGS) -I$(top_builddir) \
	  -I$(top_srcdir)/include -I$(top_srcdir)/lib -I$(top_srcdir)/agent \
	  $(LIBXML_CFLAGS) $(XEN_CFLAGS) -o $@ $(srcdir)/$@.c \
	  $(FUZZ_EXTRA_SRCS) $(FUZZ_LIB_SRCS) $(LIBXML_LIBS) $(XEN_LIBS) \
	  -lpthread

fuzz: $(FUZZ_TARGETS)

# Each target starts from a copy of its seed corpus in a temporary
# directory and must run FUZZ_SECONDS without a finding.
fuzz-run: fuzz
	@status=0; \
	for t in $(FUZZ_TARGETS); do \
	  name=$${t#tests/fuzz/fuzz_}; \
	  work=$$(mktemp -d) || exit 1; \
	  cp $(srcdir)/tests/fuzz/corpus/$$name/* $$work/ 2>/dev/null; \
	  dict=; test -f $(srcdir)/tests/fuzz/$$name.dict && \
	    dict=-dict=$(srcdir)/tests/fuzz/$$name.dict; \
	  if ./$$t $$dict -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	      -rss_limit_mb=2048 -print_final_stats=1 $$work \
	      >$$t.log 2>&1; then \
	    echo "PASS: $$t ($(FUZZ_SECONDS) s, $$(grep -o 'stat::number_of_executed_units: *[0-9]*' $$t.log | grep -o '[0-9]*$$') runs)"; \
	  else \
	    echo "FAIL: $$t (see $$t.log)"; tail -40 $$t.log; status=1; \
	  fi; \
	  rm -rf $$work; \
	done; exit $$status

# "make fuzz-long": each target for FUZZ_LONG_RUNS executions or
# FUZZ_LONG_SECONDS, whichever comes first, one at a time, on a
# corpus kept in FUZZ_CORPUS_DIR/NAME across runs (seeded from the tree's
# corpus), so that every run goes on where the last one stopped.  Prints
# per target its executions, coverage (cov: edges, ft: features) and
# findings; the crash, leak or timeout inputs stay in FUZZ_CORPUS_DIR.
FUZZ_LONG_SECONDS = 1800
FUZZ_LONG_RUNS = 10000000
FUZZ_CORPUS_DIR = $(abs_top_builddir)/tests/fuzz/work
PHONY_TARGETS += fuzz-long
fuzz-long: fuzz
	@status=0; \
	for t in $(FUZZ_TARGETS); do \
	  name=$${t#tests/fuzz/fuzz_}; \
	  corpus=$(FUZZ_CORPUS_DIR)/$$name; \
	  $(MKDIR_P) $$corpus $(FUZZ_CORPUS_DIR)/findings || exit 1; \
	  cp -n $(srcdir)/tests/fuzz/corpus/$$name/* $$corpus/ 2>/dev/null; \
	  dict=; test -f $(srcdir)/tests/fuzz/$$name.dict && \
	    dict=-dict=$(srcdir)/tests/fuzz/$$name.dict; \
	  log=$(FUZZ_CORPUS_DIR)/$$name.log; \
	  start=$$(date +%s); \
	  ./$$t $$dict -max_total_time=$(FUZZ_LONG_SECONDS) \
	    -runs=$(FUZZ_LONG_RUNS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_CORPUS_DIR)/findings/$$name- $$corpus \
	    >$$log 2>&1; \
	  rc=$$?; \
	  runs=$$(grep -o 'stat::number_of_executed_units: *[0-9]*' $$log | \
	    grep -o '[0-9]*$$'); \
	  cov=$$(grep -o 'cov: [0-9]* ft: [0-9]*' $$log | tail -1); \
	  found=$$(ls $(FUZZ_CORPUS_DIR)/findings 2>/dev/null | \
	    grep -c "^$$name-"); \
	  echo "$$name: $${runs:-0} runs in $$(($$(date +%s) - start)) s," \
	    "$${cov:-no coverage}, $$found findings" \
	    "(corpus $$(ls $$corpus | wc -l) inputs, log $$log)"; \
	  test $$rc -eq 0 || { tail -40 $$log; status=1; }; \
	done; exit $$status
