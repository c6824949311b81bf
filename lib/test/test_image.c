/*
 * test_image.c: save and core files of the test driver (see test_image.h).
 */

#include <config.h>

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_image.h"
#include "error.h"
#include "file.h"
#include "number.h"

#define VIR_FROM_THIS VIR_FROM_TEST

#define TEST_SAVE_MAGIC "LibvirTestSave"
#define TEST_DUMP_MAGIC "LibvirTestCoreDump"

/* A saved image is a few KiB of text; anything much bigger is not ours. */
#define TEST_SAVE_MAX_BYTES (16 * 1024 * 1024)

static const char *
testStateName(virDomainState state)
{
    switch (state) {
    case VIR_DOMAIN_RUNNING:
        return "running";
    case VIR_DOMAIN_BLOCKED:
        return "blocked";
    case VIR_DOMAIN_PAUSED:
        return "paused";
    case VIR_DOMAIN_SHUTDOWN:
        return "shutdown";
    case VIR_DOMAIN_CRASHED:
        return "crashed";
    case VIR_DOMAIN_SHUTOFF:
        return "shutoff";
    case VIR_DOMAIN_NOSTATE:
    default:
        return "nostate";
    }
}

static int
testImageWrite(const char *path, const char *magic, const char *state,
               const testDomObj *obj, unsigned long long now)
{
    char *xml = NULL;
    char *tmp = NULL;
    size_t len = strlen(path) + sizeof(".XXXXXX");
    FILE *fp = NULL;
    int fd = -1;
    unsigned int v;
    int ret = -1;

    if ((xml = virDomainDefFormat(obj->def, obj->id)) == NULL)
        goto cleanup;
    if ((tmp = malloc(len)) == NULL) {
        virReportOOMError();
        goto cleanup;
    }
    snprintf(tmp, len, "%s.XXXXXX", path);
    if ((fd = mkstemp(tmp)) < 0) {
        free(tmp);
        tmp = NULL;
        goto syserr;
    }
    if ((fp = fdopen(fd, "w")) == NULL)
        goto syserr;
    fd = -1;
    fprintf(fp, "%s\nstate %s\ncputime", magic, state);
    for (v = 0; v < obj->def->maxvcpus; v++)
        fprintf(fp, " %llu", testDomVcpuTime(obj, v, now));
    fprintf(fp, "\n%s", xml);
    if (ferror(fp)) {
        errno = EIO;
        goto syserr;
    }
    if (fclose(fp) != 0) {
        fp = NULL;
        goto syserr;
    }
    fp = NULL;
    if (rename(tmp, path) < 0)
        goto syserr;
    ret = 0;
    goto cleanup;

syserr:
    virReportSystemError(errno, "cannot write '%s'", path);
cleanup:
    if (fp != NULL)
        fclose(fp);
    if (fd >= 0)
        close(fd);
    if (ret < 0 && tmp != NULL)
        unlink(tmp);
    free(tmp);
    free(xml);
    return ret;
}

int
testImageWriteSave(const char *path, const testDomObj *obj,
                   unsigned long long now)
{
    /* A blocked guest resumes running; only a pause is kept. */
    const char *state = obj->state == VIR_DOMAIN_PAUSED ? "paused" : "running";

    return testImageWrite(path, TEST_SAVE_MAGIC, state, obj, now);
}

int
testImageWriteCore(const char *path, const testDomObj *obj,
                   unsigned long long now)
{
    return testImageWrite(path, TEST_DUMP_MAGIC, testStateName(obj->state), obj,
                          now);
}

/* Parses the header lines of @buf into @img; returns the XML part, or NULL
 * when @buf is not an image. */
static const char *
testImageParseHeader(const char *buf, testImage *img)
{
    const char *p = buf;
    unsigned long long t;

    if (strncmp(p, TEST_SAVE_MAGIC "\n", strlen(TEST_SAVE_MAGIC) + 1) != 0)
        return NULL;
    p += strlen(TEST_SAVE_MAGIC) + 1;
    if (strncmp(p, "state running\n", 14) == 0)
        img->state = VIR_DOMAIN_RUNNING;
    else if (strncmp(p, "state paused\n", 13) == 0)
        img->state = VIR_DOMAIN_PAUSED;
    else
        return NULL;
    p = strchr(p, '\n') + 1;
    if (strncmp(p, "cputime", 7) != 0)
        return NULL;
    p += 7;
    while (*p == ' ') {
        p++;
        if (img->nvcpus == TEST_MAX_VCPUS ||
            virStrToULLongPrefix(p, &p, ULLONG_MAX, &t) != VIR_NUMBER_OK)
            return NULL;
        img->vcpuTime[img->nvcpus++] = t;
    }
    if (*p != '\n')
        return NULL;
    return p + 1;
}

int
testImageReadSave(const char *path, testImage *img)
{
    char *buf = NULL;
    size_t len;
    const char *xml;
    int ret = -1;

    /* The reader refuses a FIFO or a directory as it refuses a file too
     * large to be an image. */
    if (virFileReadAll(path, TEST_SAVE_MAX_BYTES, VIR_ERR_OPERATION_FAILED,
                       &buf, &len) < 0)
        return -1;
    if ((xml = testImageParseHeader(buf, img)) == NULL)
        goto notimage;
    if ((img->def = virDomainDefParseString(xml)) == NULL)
        goto cleanup;
    if (!img->def->uuidSet || img->def->maxvcpus != img->nvcpus)
        goto notimage;
    img->def->id = -1;
    ret = 0;
    goto cleanup;

notimage:
    virReportError(VIR_ERR_OPERATION_FAILED, "'%s' is not a saved domain image",
                   path);
cleanup:
    if (ret < 0) {
        virDomainDefFree(img->def);
        img->def = NULL;
    }
    free(buf);
    return ret;
}
