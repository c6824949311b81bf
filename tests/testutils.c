/*
 * testutils.c: the unit-test harness (see testutils.h).
 */

#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutils.h"

static unsigned int testCount;
static unsigned int testFailed;

int
virTestRun(const char *title, virTestBody body, const void *data)
{
    int ret;

    testCount++;
    virResetLastError();
    ret = body(data);
    if (ret < 0)
        testFailed++;
    printf("%s %u - %s\n", ret < 0 ? "not ok" : "ok", testCount, title);
    fflush(stdout);
    return ret < 0 ? -1 : 0;
}

int
virTestRunCases(const virTestCase *cases, size_t n)
{
    size_t i;
    int ret = 0;

    for (i = 0; i < n; i++)
        ret |= virTestRun(cases[i].title, cases[i].body, NULL);
    return ret;
}

int
virTestMain(int argc, char **argv, int (*func)(void))
{
    (void)argc;
    (void)argv;
    if (virInitialize() < 0) {
        printf("Bail out! virInitialize failed\n");
        return EXIT_FAILURE;
    }
    func();
    printf("1..%u\n", testCount);
    if (testCount == 0) {
        printf("# no test ran\n");
        return EXIT_FAILURE;
    }
    return testFailed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int
virTestFailAt(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    printf("# %s:%d: ", file, line);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    return -1;
}

int
virTestExpectIntAt(const char *file, int line, const char *what,
                   long long actual, long long expected)
{
    if (actual == expected)
        return 0;
    return virTestFailAt(file, line, "%s: got %lld, expected %lld", what,
                         actual, expected);
}

int
virTestExpectStrAt(const char *file, int line, const char *what,
                   const char *actual, const char *expected)
{
    if (actual == NULL && expected == NULL)
        return 0;
    if (actual != NULL && expected != NULL && strcmp(actual, expected) == 0)
        return 0;
    return virTestFailAt(file, line, "%s: got '%s', expected '%s'", what,
                         actual ? actual : "(null)",
                         expected ? expected : "(null)");
}

int
virTestExpectErrorAt(const char *file, int line, int code, const char *substr)
{
    virErrorPtr err = virGetLastError();

    if (err == NULL)
        return virTestFailAt(
            file, line, "expected error code %d, but no error is set", code);
    if (err->code != code)
        return virTestFailAt(file, line,
                             "expected error code %d, got %d ('%s')", code,
                             err->code, err->message ? err->message : "(null)");
    if (err->message == NULL || err->message[0] == '\0')
        return virTestFailAt(file, line, "error %d has an empty message", code);
    if (substr != NULL && strstr(err->message, substr) == NULL)
        return virTestFailAt(file, line,
                             "error message '%s' does not contain '%s'",
                             err->message, substr);
    return 0;
}

int
virTestExpectNoErrorAt(const char *file, int line)
{
    virErrorPtr err = virGetLastError();

    if (err == NULL)
        return 0;
    return virTestFailAt(file, line, "unexpected error %d: %s", err->code,
                         err->message ? err->message : "(null)");
}

char *
virTestDataPath(const char *rel)
{
    const char *srcdir = getenv("abs_srcdir");
    size_t len;
    char *path;

    if (srcdir == NULL)
        srcdir = ABS_SRCDIR;
    len = strlen(srcdir) + strlen("/tests/") + strlen(rel) + 1;
    path = malloc(len);
    if (path == NULL)
        return NULL;
    snprintf(path, len, "%s/tests/%s", srcdir, rel);
    return path;
}

char *
virTestNodeURI(const char *rel)
{
    char *path = virTestDataPath(rel);
    char *uri = NULL;
    size_t len;

    if (path == NULL)
        return NULL;
    len = strlen("test://") + strlen(path) + 1;
    uri = malloc(len);
    if (uri != NULL)
        snprintf(uri, len, "test://%s", path);
    free(path);
    return uri;
}

void
virTestFreeStrings(char **strings)
{
    size_t i;

    for (i = 0; strings != NULL && strings[i] != NULL; i++)
        free(strings[i]);
    free(strings);
}

char *
virTestLoadFile(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *buf = NULL;
    long size;

    if (fp == NULL)
        return NULL;
    if (fseek(fp, 0, SEEK_END) < 0 || (size = ftell(fp)) < 0 ||
        fseek(fp, 0, SEEK_SET) < 0)
        goto cleanup;
    buf = malloc((size_t)size + 1);
    if (buf == NULL)
        goto cleanup;
    if (fread(buf, 1, (size_t)size, fp) != (size_t)size) {
        free(buf);
        buf = NULL;
        goto cleanup;
    }
    buf[size] = '\0';

cleanup:
    fclose(fp);
    return buf;
}

void
virTestSleepMs(unsigned int ms)
{
    struct timespec ts;

    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

unsigned long long
virTestMonotonicMs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (unsigned long long)ts.tv_sec * 1000ULL +
           (unsigned long long)ts.tv_nsec / 1000000ULL;
}
