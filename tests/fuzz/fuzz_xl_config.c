/*
 * fuzz_xl_config.c: libFuzzer target for the xl configuration parser
 * (lib/xen/xen_config.c over libxlutil), the files of /etc/xen that the
 * Xen driver reads at every refresh.
 *
 * Properties: no input aborts, hangs or leaks (LeakSanitizer runs with
 * the target); every text the syntax check accepts, libxlutil reads
 * without an error (the check is a subset of its grammar); and a
 * configuration that parses is written back by xenConfigFormat to a text
 * that parses again to the same name.
 */

#include <config.h>

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxlutil.h>

#include "xen/xen_cfgsyntax.h"
#include "xen/xen_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether libxlutil reads @text (of @size bytes, no NUL) without error. */
static int
fuzzLibxlutilReads(const char *text, size_t size)
{
    FILE *sink = fopen("/dev/null", "w");
    XLU_Config *cfg = xlu_cfg_init(sink, "fuzz.cfg");
    int rc = xlu_cfg_readdata(cfg, text, (int)size);

    xlu_cfg_destroy(cfg);
    fclose(sink);
    return rc == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xenConfig *cfg = NULL;
    xenConfig *again = NULL;
    char *text = NULL;
    unsigned int line;

    if (size > 65536)
        return 0;
    if (memchr(data, '\0', size) == NULL &&
        xenConfigCheckSyntax((const char *)data, size, &line) == NULL &&
        !fuzzLibxlutilReads((const char *)data, size))
        abort();
    cfg = xenConfigParse((const char *)data, size, "fuzz.cfg");

    if (cfg == NULL)
        return 0;
    /* A definition xl cannot hold (a vif value with a comma, say) is
     * refused by the writer: that is not a finding. */
    if ((text = xenConfigFormat(cfg)) != NULL) {
        if ((again = xenConfigParse(text, strlen(text), "again.cfg")) == NULL ||
            strcmp(again->def->name, cfg->def->name) != 0)
            abort();
    }
    xenConfigFree(again);
    free(text);
    xenConfigFree(cfg);
    return 0;
}
