## tests/local.mk: unit tests.  Every program prints TAP; automake's TAP
## driver counts the cases.  With valgrind enabled (the default) each runs
## under tests/valgrind-wrapper.sh and any leak or error fails it.

noinst_LTLIBRARIES += tests/libtestutils.la
tests_libtestutils_la_SOURCES = tests/testutils.c tests/testutils.h
tests_libtestutils_la_CPPFLAGS = $(AM_CPPFLAGS) -DABS_SRCDIR='"$(abs_top_srcdir)"'

TEST_LDADD = tests/libtestutils.la lib/libvir.la $(LIBXML_LIBS)

UNIT_TESTS = \
	tests/hashtest \
	tests/uritest \
	tests/errortest \
	tests/logtest \
	tests/numbertest \
	tests/filetest \
	tests/buftest \
	tests/uuidtest \
	tests/cpusettest \
	tests/mactest \
	tests/apitest \
	tests/referencetest \
	tests/domainconftest \
	tests/testnodetest \
	tests/testdrivertest \
	tests/iostatstest \
	tests/iostatsalltest \
	tests/conformancetest

check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_hashtest_SOURCES = tests/hashtest.c
tests_hashtest_LDADD = $(TEST_LDADD)
tests_uritest_SOURCES = tests/uritest.c
tests_uritest_LDADD = $(TEST_LDADD)
tests_errortest_SOURCES = tests/errortest.c
tests_errortest_LDADD = $(TEST_LDADD)
tests_logtest_SOURCES = tests/logtest.c
tests_logtest_LDADD = $(TEST_LDADD)
tests_numbertest_SOURCES = tests/numbertest.c
tests_numbertest_LDADD = $(TEST_LDADD)
tests_filetest_SOURCES = tests/filetest.c
tests_filetest_LDADD = $(TEST_LDADD)
tests_buftest_SOURCES = tests/buftest.c
tests_buftest_LDADD = $(TEST_LDADD)
tests_uuidtest_SOURCES = tests/uuidtest.c
tests_uuidtest_LDADD = $(TEST_LDADD)
tests_cpusettest_SOURCES = tests/cpusettest.c
tests_cpusettest_LDADD = $(TEST_LDADD)
tests_mactest_SOURCES = tests/mactest.c
tests_mactest_LDADD = $(TEST_LDADD)
tests_apitest_SOURCES = tests/apitest.c
tests_apitest_LDADD = $(TEST_LDADD)
# Built strictly: the reference's program must compile without a warning.
tests_referencetest_SOURCES = tests/referencetest.c
tests_referencetest_CFLAGS = $(AM_CFLAGS) -std=c99 -pedantic -Werror
tests_referencetest_LDADD = lib/libvir.la $(LIBXML_LIBS)
tests_domainconftest_SOURCES = tests/domainconftest.c
tests_domainconftest_LDADD = $(TEST_LDADD)
tests_testnodetest_SOURCES = tests/testnodetest.c
tests_testnodetest_LDADD = $(TEST_LDADD)
tests_testdrivertest_SOURCES = tests/testdrivertest.c
tests_testdrivertest_LDADD = $(TEST_LDADD)
tests_iostatstest_SOURCES = tests/iostatstest.c
tests_iostatstest_LDADD = $(TEST_LDADD)
tests_iostatsalltest_SOURCES = tests/iostatsalltest.c
tests_iostatsalltest_LDADD = $(TEST_LDADD)
# The driver-independent suite: the test driver here, xen:/// in tests/xen.
tests_conformancetest_SOURCES = tests/conformancetest.c
tests_conformancetest_LDADD = $(TEST_LDADD)

# The Xen driver's pure parts and its refusal to open off a dom0: built
# with the driver, run on any host.
if WITH_XEN
XEN_UNIT_TESTS = tests/xenstatetest tests/xenconfigtest tests/xenopentest \
	tests/xeniotest tests/xendrivertest
check_PROGRAMS += $(XEN_UNIT_TESTS)
TESTS += $(XEN_UNIT_TESTS)
tests_xenstatetest_SOURCES = tests/xenstatetest.c
tests_xenstatetest_CFLAGS = $(AM_CFLAGS) $(XEN_CFLAGS)
tests_xenstatetest_LDADD = $(TEST_LDADD)
tests_xenconfigtest_SOURCES = tests/xenconfigtest.c
tests_xenconfigtest_CFLAGS = $(AM_CFLAGS) $(XEN_CFLAGS)
tests_xenconfigtest_LDADD = $(TEST_LDADD)
tests_xeniotest_SOURCES = tests/xeniotest.c
tests_xeniotest_LDADD = $(TEST_LDADD)
tests_xenopentest_SOURCES = tests/xenopentest.c
tests_xenopentest_LDADD = $(TEST_LDADD)
# The driver on a host kept in memory behind its seam (lib/xen/xen_ops.h).
tests_xendrivertest_SOURCES = tests/xendrivertest.c tests/xenfake.c \
	tests/xenfake.h
tests_xendrivertest_CFLAGS = $(AM_CFLAGS) $(XEN_CFLAGS)
tests_xendrivertest_LDADD = $(TEST_LDADD) $(XEN_LIBS)
# Built for make check-xen only (tests/xen/dom0/86-io.sh): it reads a
# running guest's devices.
check_PROGRAMS += tests/xeniodom0test
tests_xeniodom0test_SOURCES = tests/xeniodom0test.c
tests_xeniodom0test_LDADD = $(TEST_LDADD)
endif
EXTRA_DIST += tests/xenconfigdata/pv-full.cfg tests/xenconfigdata/pv-full.xml \
	tests/xenconfigdata/pvh.cfg tests/xenconfigdata/pvh.xml \
	tests/xenconfigdata/hvm-minimal.cfg tests/xenconfigdata/hvm-minimal.xml \
	tests/xenconfigdata/pvh-guest.xml tests/xenstatsdata

LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = abs_srcdir='$(abs_top_srcdir)'; abs_builddir='$(abs_top_builddir)'; export abs_srcdir abs_builddir;
if WITH_VALGRIND_TESTS
LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/valgrind-wrapper.sh
endif

EXTRA_DIST += tests/valgrind-wrapper.sh tests/valgrind.supp \
	tests/data tests/domainconfdata tests/testnodedata \
	tests/conformancedata/node.xml

# Agent core (agent/libxscore.la): configuration, snapshots, SET decisions.
AGENT_TESTS = tests/agentconftest tests/snapshottest tests/setcoretest \
	tests/snapshotpatchtest tests/iosnapshottest tests/longnametest
check_PROGRAMS += $(AGENT_TESTS)
TESTS += $(AGENT_TESTS)
AGENT_TEST_LDADD = tests/libtestutils.la agent/libxscore.la lib/libvir.la \
	$(LIBXML_LIBS)
tests_agentconftest_SOURCES = tests/agentconftest.c
tests_agentconftest_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
tests_agentconftest_LDADD = $(AGENT_TEST_LDADD)
tests_snapshottest_SOURCES = tests/snapshottest.c
tests_snapshottest_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
tests_snapshottest_LDADD = $(AGENT_TEST_LDADD)
tests_setcoretest_SOURCES = tests/setcoretest.c
tests_setcoretest_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
tests_setcoretest_LDADD = $(AGENT_TEST_LDADD)
tests_snapshotpatchtest_SOURCES = tests/snapshotpatchtest.c
tests_snapshotpatchtest_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
tests_snapshotpatchtest_LDADD = $(AGENT_TEST_LDADD)
tests_iosnapshottest_SOURCES = tests/iosnapshottest.c
tests_iosnapshottest_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
tests_iosnapshottest_LDADD = $(AGENT_TEST_LDADD)
tests_longnametest_SOURCES = tests/longnametest.c
tests_longnametest_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
tests_longnametest_LDADD = $(AGENT_TEST_LDADD)
EXTRA_DIST += tests/agentdata
## How make check-xen counts dom0's results (tests/xen/results.sh).
TESTS += tests/xenresultstest.sh
EXTRA_DIST += tests/xenresultstest.sh
## The MIB: smilint and snmptranslate (tests/mibtest.sh).
TESTS += tests/mibtest.sh
EXTRA_DIST += tests/mibtest.sh tests/mibs tests/tap.sh

## Integration tests: a private snmpd master and xensnmpd on a test node
## file, driven by the real net-snmp clients (tests/integration/).  They
## are shell scripts: run by the shell, not the valgrind wrapper (one of
## them runs xensnmpd under valgrind itself).
check_PROGRAMS += tests/integration/virdump
tests_integration_virdump_SOURCES = tests/integration/virdump.c
tests_integration_virdump_LDADD = lib/libvir.la $(LIBXML_LIBS)

INTEGRATION_TESTS = \
	tests/integration/values.sh \
	tests/integration/iotables.sh \
	tests/integration/dlmod.sh \
	tests/integration/dlmodlog.sh \
	tests/integration/stop.sh \
	tests/integration/masterlink.sh \
	tests/integration/daemonfiles.sh \
	tests/integration/agentxtcp.sh \
	tests/integration/benchclient.sh \
	tests/integration/options.sh \
	tests/integration/reconnect.sh \
	tests/integration/control.sh \
	tests/integration/notify.sh \
	tests/integration/background.sh \
	tests/integration/outage.sh \
	tests/integration/commitfailed.sh \
	tests/integration/nagios.sh \
	tests/integration/snmpv3.sh \
	tests/integration/setfuzz.sh \
	tests/integration/setreadback.sh \
	tests/integration/setoutage.sh \
	tests/integration/valgrind.sh \
	tests/integration/demo.sh \
	tests/integration/longnames.sh

TESTS += $(INTEGRATION_TESTS)
TEST_EXTENSIONS = .sh
SH_LOG_DRIVER = $(LOG_DRIVER)
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT += SNMPD='$(SNMPD)'; VALGRIND='$(VALGRIND)'; \
	export SNMPD VALGRIND;
if WITH_SANITIZERS
AM_TESTS_ENVIRONMENT += XENSNMP_SANITIZERS=yes; XENSNMP_ASAN_RUNTIME='$(ASAN_RUNTIME)'; \
	export XENSNMP_SANITIZERS XENSNMP_ASAN_RUNTIME;
endif
# Files, not the directory: a VPATH build has its own tests/integration/
# (objects, logs) that would be copied instead.
EXTRA_DIST += $(INTEGRATION_TESTS) tests/integration/lib.sh \
	tests/integration/data/node.xml tests/integration/data/setnode.xml
# The tables' request locator (agent/mibindex.c) over a fixture snapshot.
check_PROGRAMS += tests/mibindextest
TESTS += tests/mibindextest
tests_mibindextest_SOURCES = tests/mibindextest.c tests/mibindexfixture.c \
	tests/mibindexfixture.h
tests_mibindextest_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/agent
tests_mibindextest_LDADD = $(AGENT_TEST_LDADD)
# GETNEXT moves forward for any OID, through AgentX and dlmod, with the
# net-snmp clients and pysnmp (tests/integration/getnextclient.py).
TESTS += tests/integration/getnext.sh
EXTRA_DIST += tests/integration/getnext.sh tests/integration/getnextclient.py
