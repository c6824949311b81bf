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
	tests/apitest \
	tests/referencetest \
	tests/domainconftest \
	tests/testnodetest \
	tests/testdrivertest

check_PROGRAMS += $(UNIT_TESTS)
TESTS += $(UNIT_TESTS)

tests_hashtest_SOURCES = tests/hashtest.c
tests_hashtest_LDADD = $(TEST_LDADD)
tests_uritest_SOURCES = tests/uritest.c
tests_uritest_LDADD = $(TEST_LDADD)
tests_errortest_SOURCES = tests/errortest.c
tests_errortest_LDADD = $(TEST_LDADD)
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

LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = abs_srcdir='$(abs_top_srcdir)'; abs_builddir='$(abs_top_builddir)'; export abs_srcdir abs_builddir;
if WITH_VALGRIND_TESTS
LOG_COMPILER = $(SHELL) $(top_srcdir)/tests/valgrind-wrapper.sh
endif

EXTRA_DIST += tests/valgrind-wrapper.sh tests/valgrind.supp \
	tests/data tests/domainconfdata tests/testnodedata
