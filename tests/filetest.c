/*
 * filetest.c: the whole-file reader (lib/file.c).
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutils.h"
#include "file.h"

#define VIR_FROM_THIS VIR_FROM_TEST

static char dir[] = "/tmp/filetest-XXXXXX";

/* @name inside the scratch directory, written with @len bytes of @fill
 * unless @len is -1. */
static char *
scratchFile(const char *name, long len, char fill)
{
    char *path = malloc(sizeof(dir) + strlen(name) + 1);
    FILE *fp;
    long i;

    if (path == NULL)
        return NULL;
    snprintf(path, sizeof(dir) + strlen(name) + 1, "%s/%s", dir, name);
    if (len < 0)
        return path;
    if ((fp = fopen(path, "w")) == NULL) {
        free(path);
        return NULL;
    }
    for (i = 0; i < len; i++)
        fputc(fill, fp);
    fclose(fp);
    return path;
}

typedef struct {
    const char *title;
    long size;     /* bytes written */
    size_t maxlen; /* the reader's limit */
} readCase;

static const readCase readCases[] = {
    {"file_read_empty_file_gives_empty_string", 0, 16},
    {"file_read_small_file_whole", 5, 16},
    {"file_read_file_of_exactly_the_limit_succeeds", 16, 16},
    {"file_read_large_file_whole", 300000, 1000000},
};

static int
testReadBody(const void *opaque)
{
    const readCase *tc = opaque;
    char *path = scratchFile("read", tc->size, 'x');
    char *buf = NULL;
    size_t len = 12345;
    long i;
    int ret = -1;

    if (path == NULL)
        return virTestFail("cannot write the file");
    if (virFileReadAll(path, tc->maxlen, VIR_ERR_CONFIG_INVALID, &buf, &len) <
        0) {
        virTestFail("read failed: %s", virGetLastError()->message);
        goto cleanup;
    }
    if (virTestExpectInt("length", (long long)len, tc->size) < 0)
        goto cleanup;
    for (i = 0; i < tc->size; i++) {
        if (buf[i] != 'x') {
            virTestFail("byte %ld is wrong", i);
            goto cleanup;
        }
    }
    if (buf[len] != '\0') {
        virTestFail("the buffer is not NUL-terminated");
        goto cleanup;
    }
    ret = 0;

cleanup:
    unlink(path);
    free(path);
    free(buf);
    return ret;
}

/* Each refusal leaves the output alone and names the file. */
static int
expectRefused(const char *path, size_t maxlen, int code, const char *reason)
{
    char *buf = NULL;
    size_t len = 0;
    virErrorPtr err;

    if (virFileReadAll(path, maxlen, VIR_ERR_CONFIG_INVALID, &buf, &len) == 0) {
        free(buf);
        return virTestFail("'%s' was read", path);
    }
    if (buf != NULL)
        return virTestFail("the output was set on failure");
    if (virTestExpectError(code, reason) < 0)
        return -1;
    err = virGetLastError();
    if (strstr(err->message, path) == NULL)
        return virTestFail("message '%s' does not name '%s'", err->message,
                           path);
    return virTestExpectInt("error domain", err->domain, VIR_FROM_TEST);
}

static int
file_read_above_limit_refused(const void *opaque)
{
    char *path = scratchFile("big", 17, 'x');
    int ret;

    (void)opaque;
    if (path == NULL)
        return virTestFail("cannot write the file");
    ret = expectRefused(path, 16, VIR_ERR_CONFIG_INVALID,
                        ": file is larger than 16 bytes");
    unlink(path);
    free(path);
    return ret;
}

/* Opening a FIFO for reading waits for a writer unless the reader takes
 * care: the alarm turns such a hang into a failure. */
static int
file_read_fifo_refused_at_once(const void *opaque)
{
    char *path = scratchFile("fifo", -1, 0);
    int ret = -1;

    (void)opaque;
    if (path == NULL)
        return virTestFail("out of memory");
    if (mkfifo(path, 0600) < 0) {
        virTestFail("mkfifo: %s", strerror(errno));
        goto cleanup;
    }
    alarm(20);
    ret = expectRefused(path, 16, VIR_ERR_CONFIG_INVALID,
                        ": a FIFO, not a regular file");
    alarm(0);

cleanup:
    unlink(path);
    free(path);
    return ret;
}

static int
file_read_directory_refused(const void *opaque)
{
    (void)opaque;
    return expectRefused(dir, 16, VIR_ERR_CONFIG_INVALID,
                         ": a directory, not a regular file");
}

static int
file_read_device_refused(const void *opaque)
{
    (void)opaque;
    return expectRefused("/dev/null", 16, VIR_ERR_CONFIG_INVALID,
                         ": a character device, not a regular file");
}

static int
file_read_missing_is_system_error(const void *opaque)
{
    char *path = scratchFile("missing", -1, 0);
    int ret;

    (void)opaque;
    if (path == NULL)
        return virTestFail("out of memory");
    ret = expectRefused(path, 16, VIR_ERR_SYSTEM_ERROR,
                        "No such file or directory");
    free(path);
    return ret;
}

static int
file_read_null_path_is_invalid_arg(const void *opaque)
{
    char *buf = NULL;
    size_t len = 0;

    (void)opaque;
    if (virFileReadAll(NULL, 16, VIR_ERR_CONFIG_INVALID, &buf, &len) == 0)
        return virTestFail("NULL was read");
    return virTestExpectError(VIR_ERR_INVALID_ARG, "no file name");
}

static const virTestCase cases[] = {
    VIR_TEST_CASE(file_read_above_limit_refused),
    VIR_TEST_CASE(file_read_fifo_refused_at_once),
    VIR_TEST_CASE(file_read_directory_refused),
    VIR_TEST_CASE(file_read_device_refused),
    VIR_TEST_CASE(file_read_missing_is_system_error),
    VIR_TEST_CASE(file_read_null_path_is_invalid_arg),
};

static int
testMainBody(void)
{
    if (mkdtemp(dir) == NULL) {
        printf("Bail out! mkdtemp: %s\n", strerror(errno));
        return -1;
    }
    VIR_TEST_RUN_TABLE(readCases, testReadBody);
    virTestRunCases(cases, sizeof(cases) / sizeof(cases[0]));
    rmdir(dir);
    return 0;
}

VIR_TEST_MAIN(testMainBody)
