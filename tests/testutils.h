/*
 * testutils.h: the unit-test harness.
 *
 * Each test program runs its cases through virTestRun() and prints TAP
 * ("ok 3 - domain_suspend_paused_fails"), which automake's TAP driver
 * counts.  Case bodies return 0 on success and -1 on failure, after
 * printing a "# " diagnostic with virTestFail() or one of the virTestExpect
 * helpers.  Test mains return a status; they never call exit().
 */

#ifndef XENSNMP_TESTUTILS_H
#define XENSNMP_TESTUTILS_H

#include <stdbool.h>
#include <stddef.h>

#include "libvir.h"

typedef int (*virTestBody)(const void *data);

/* Runs one case, resetting the thread's last error first, and prints its
 * TAP line.  Returns 0 when the case passed, -1 otherwise. */
int virTestRun(const char *title, virTestBody body, const void *data);

/* Runs @func (which calls virTestRun for each case), prints the plan and
 * returns EXIT_SUCCESS when every case passed. */
int virTestMain(int argc, char **argv, int (*func)(void));

#define VIR_TEST_MAIN(func)                   \
    int main(int argc, char **argv)           \
    {                                         \
        return virTestMain(argc, argv, func); \
    }

/* Runs every element of the array @table (whose elements have a "title"
 * member) through @body, each element as the case's data. */
#define VIR_TEST_RUN_TABLE(table, body)                             \
    do {                                                            \
        size_t i_;                                                  \
        for (i_ = 0; i_ < sizeof(table) / sizeof((table)[0]); i_++) \
            virTestRun((table)[i_].title, body, &(table)[i_]);      \
    } while (0)

/* A case that needs no data, named after its body. */
typedef struct {
    const char *title;
    virTestBody body;
} virTestCase;

#define VIR_TEST_CASE(fn)        \
    {                            \
        .title = #fn, .body = fn \
    }

/* Runs the @n cases of @cases.  Returns 0 when all passed, else -1. */
int virTestRunCases(const virTestCase *cases, size_t n);

/* Prints "# file:line: message" and returns -1. */
int virTestFailAt(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define virTestFail(...) virTestFailAt(__FILE__, __LINE__, __VA_ARGS__)

/* Each returns 0 when the expectation holds, else prints why and returns
 * -1.  @what names the checked value in the diagnostic. */
int virTestExpectIntAt(const char *file, int line, const char *what,
                       long long actual, long long expected);
int virTestExpectStrAt(const char *file, int line, const char *what,
                       const char *actual, const char *expected);
/* The calling thread's last error has @code and its message contains
 * @substr (when not NULL). */
int virTestExpectErrorAt(const char *file, int line, int code,
                         const char *substr);
/* No error is set on the calling thread. */
int virTestExpectNoErrorAt(const char *file, int line);

#define virTestExpectInt(what, actual, expected) \
    virTestExpectIntAt(__FILE__, __LINE__, what, actual, expected)
#define virTestExpectStr(what, actual, expected) \
    virTestExpectStrAt(__FILE__, __LINE__, what, actual, expected)
#define virTestExpectError(code, substr) \
    virTestExpectErrorAt(__FILE__, __LINE__, code, substr)
#define virTestExpectNoError() virTestExpectNoErrorAt(__FILE__, __LINE__)

/* Absolute path of @rel inside the source tree's tests/ directory (works
 * in VPATH builds and distcheck).  Caller frees. */
char *virTestDataPath(const char *rel);

/* "test://" + virTestDataPath(@rel).  Caller frees. */
char *virTestNodeURI(const char *rel);

/* Frees each string of the NULL-terminated @strings (as the device list
 * calls return them), then the array.  NULL is a no-op. */
void virTestFreeStrings(char **strings);

/* Reads a whole file into a new NUL-terminated string.  NULL on error. */
char *virTestLoadFile(const char *path);

/* Sleeps @ms milliseconds, through signals. */
void virTestSleepMs(unsigned int ms);

/* CLOCK_MONOTONIC in milliseconds: what the simulated host's clock
 * counts. */
unsigned long long virTestMonotonicMs(void);

#endif /* XENSNMP_TESTUTILS_H */
