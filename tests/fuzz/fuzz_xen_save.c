/*
 * fuzz_xen_save.c: libFuzzer target for the header of Xen save files and
 * the libxl JSON configuration it carries (lib/xen/xen_save.c), read by
 * virDomainRestore from any file a caller names, including files of xl
 * save.  libxenlight's JSON parser runs for real, on a context that
 * xenstubs.c makes without a hypervisor.
 *
 * Properties: no input crashes, leaks or makes the reader allocate more
 * than the header's bound; a file that is accepted leaves the descriptor
 * just past its configuration, where the stream starts; and its
 * configuration, written back by xenSaveWriteHeader, reads back to the
 * same JSON.
 */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "error.h"
#include "xen/xen_domain_ctl.h"
#include "xenstubs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* magic[32], then four 32-bit words; the last is the optional data's
 * length. */
#define FUZZ_HEADER_BYTES 48
#define FUZZ_OPTLEN_OFFSET 44

/* A descriptor holding @size bytes of @data, at offset 0. */
static int
fuzzMemFile(const void *data, size_t size)
{
    int fd = memfd_create("xen_save", MFD_CLOEXEC);

    if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size) ||
        lseek(fd, 0, SEEK_SET) != 0)
        abort();
    return fd;
}

/* Configuration @json, written as a save file header, reads back the
 * same. */
static void
fuzzCheckRewrite(xenPriv *priv, const char *json)
{
    libxl_domain_config dc;
    char *again = NULL;
    int fd = fuzzMemFile(NULL, 0);

    libxl_domain_config_init(&dc);
    if (xenSaveWriteHeader(fd, json) < 0 || lseek(fd, 0, SEEK_SET) != 0 ||
        xenSaveReadHeader(priv, fd, "rewritten", &dc) < 0 ||
        (again = libxl_domain_config_to_json(priv->ctx, &dc)) == NULL ||
        strcmp(json, again) != 0)
        abort();
    free(again);
    libxl_domain_config_dispose(&dc);
    close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xenPriv *priv = xenStubPriv();
    libxl_domain_config dc;
    uint32_t optlen;
    char *json = NULL;
    int fd;

    /* The reader bounds the configuration at 16 MiB; larger inputs only
     * slow the fuzzer down. */
    if (size > 1024 * 1024)
        return 0;
    fd = fuzzMemFile(data, size);
    libxl_domain_config_init(&dc);
    if (xenSaveReadHeader(priv, fd, "fuzz", &dc) == 0) {
        memcpy(&optlen, data + FUZZ_OPTLEN_OFFSET, sizeof(optlen));
        if (lseek(fd, 0, SEEK_CUR) != (off_t)FUZZ_HEADER_BYTES + optlen)
            abort();
        if ((json = libxl_domain_config_to_json(priv->ctx, &dc)) == NULL)
            abort();
        fuzzCheckRewrite(priv, json);
    }
    virResetLastError();
    free(json);
    libxl_domain_config_dispose(&dc);
    close(fd);
    return 0;
}
