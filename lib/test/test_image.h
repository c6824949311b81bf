/*
 * test_image.h: the files the test driver writes for virDomainSave and
 * virDomainCoreDump, and reads back for virDomainRestore.
 *
 * Both are text: a magic line ("LibvirTestSave" or "LibvirTestCoreDump"),
 * "state NAME", "cputime" followed by the cpu time of each vcpu in ns, and
 * the domain's XML.  A simulated guest has no memory to dump; what makes a
 * restore faithful is its definition, its state and its clocks.
 */

#ifndef LIBVIR_TEST_IMAGE_H
#define LIBVIR_TEST_IMAGE_H

#include "libvir.h"
#include "domain_conf.h"
#include "test_domain.h"

/* A saved domain, as read back. */
typedef struct _testImage testImage;

struct _testImage {
    virDomainState state; /* RUNNING or PAUSED */
    unsigned long long vcpuTime[TEST_MAX_VCPUS];
    unsigned int nvcpus; /* entries of @vcpuTime: def->maxvcpus */
    virDomainDef *def;   /* owned; id -1 */
};

/* Write the image of the active domain @obj as of @now to @path, through
 * a temporary file renamed into place, so that a failed write never
 * leaves half an image.  -1 on error (reported). */
int testImageWriteSave(const char *path, const testDomObj *obj,
                       unsigned long long now);
int testImageWriteCore(const char *path, const testDomObj *obj,
                       unsigned long long now);

/* Reads the saved image at @path into @img (zeroed by the caller).  -1 on
 * error (reported: VIR_ERR_OPERATION_FAILED when it is not an image). */
int testImageReadSave(const char *path, testImage *img);

#endif /* LIBVIR_TEST_IMAGE_H */
