/*
 * fuzz_test_image.c: libFuzzer target for the test driver's save images
 * (lib/test/test_image.c), read by virDomainRestore from any file a
 * caller names.  The input goes through the public reader
 * testImageReadSave, in a file of a private temporary directory.
 *
 * Properties: no input crashes, leaks or is accepted half-read; an image
 * that is accepted, written back by testImageWriteSave, reads back to the
 * same state, vcpu clocks and definition.
 */

#include <config.h>

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "test/test_image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Made once per process, removed at exit. */
static char fuzzDir[] = "/tmp/fuzz_test_image.XXXXXX";
static char fuzzIn[sizeof(fuzzDir) + 8];
static char fuzzOut[sizeof(fuzzDir) + 8];

static void
fuzzCleanupDir(void)
{
    unlink(fuzzIn);
    unlink(fuzzOut);
    rmdir(fuzzDir);
}

static void
fuzzWriteFile(const char *path, const uint8_t *data, size_t size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

    if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size) ||
        close(fd) < 0)
        abort();
}

static void
fuzzImageClear(testImage *img)
{
    virDomainDefFree(img->def);
    memset(img, 0, sizeof(*img));
}

/* @img, written as the image of a domain saved in its state, reads back
 * the same. */
static void
fuzzCheckRewrite(testImage *img)
{
    testDomObj obj;
    testImage again;

    memset(&obj, 0, sizeof(obj));
    memset(&again, 0, sizeof(again));
    obj.name = img->def->name;
    obj.def = img->def;
    obj.id = -1;
    obj.state = img->state;
    obj.vcpuTime = img->vcpuTime;
    /* With "now" at the last fold the clocks are written as they are. */
    obj.since = 0;
    if (testImageWriteSave(fuzzOut, &obj, 0) < 0 ||
        testImageReadSave(fuzzOut, &again) < 0)
        abort();
    if (again.state != img->state || again.nvcpus != img->nvcpus ||
        memcmp(again.vcpuTime, img->vcpuTime,
               img->nvcpus * sizeof(img->vcpuTime[0])) != 0 ||
        !virDomainDefEqual(again.def, img->def))
        abort();
    fuzzImageClear(&again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    testImage img;

    if (fuzzIn[0] == '\0') {
        if (mkdtemp(fuzzDir) == NULL)
            abort();
        snprintf(fuzzIn, sizeof(fuzzIn), "%s/in", fuzzDir);
        snprintf(fuzzOut, sizeof(fuzzOut), "%s/out", fuzzDir);
        atexit(fuzzCleanupDir);
    }
    memset(&img, 0, sizeof(img));
    fuzzWriteFile(fuzzIn, data, size);
    if (testImageReadSave(fuzzIn, &img) < 0) {
        if (img.def != NULL)
            abort();
    } else {
        if (img.def == NULL || img.def->id != -1 ||
            img.nvcpus != img.def->maxvcpus ||
            (img.state != VIR_DOMAIN_RUNNING && img.state != VIR_DOMAIN_PAUSED))
            abort();
        fuzzCheckRewrite(&img);
    }
    fuzzImageClear(&img);
    virResetLastError();
    return 0;
}
