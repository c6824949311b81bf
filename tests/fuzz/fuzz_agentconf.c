/*
 * fuzz_agentconf.c: libFuzzer target for xensnmpd's configuration parser
 * (agent/agentconf.c).
 *
 * Properties: the parser never crashes or overruns the error buffer; an
 * accepted text gives values within their documented ranges, and a
 * rejected one leaves the configuration exactly as it was and explains
 * itself with "SOURCE:LINE: reason".
 */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "agentconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
sameStr(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return strcmp(a, b) == 0;
}

/* An absolute path, unix:PATH or tcp:HOST:PORT (agentconf.c checks the
 * parts; here only their shape). */
static int
agentxAddressValid(const char *addr)
{
    const char *colon = strrchr(addr, ':');

    if (strncmp(addr, "unix:", 5) == 0)
        return addr[5] == '/';
    if (strncmp(addr, "tcp:", 4) == 0)
        return colon > addr + 4 && colon[1] >= '0' && colon[1] <= '9';
    return addr[0] == '/';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    xsConfig cfg;
    xsConfig before;
    char err[128];

    xsConfigInit(&cfg);
    /* Earlier values, so that an error's rollback is observable. */
    if (xsConfigParse(&cfg, "uri test:///x\nlog file:/l\n", 26, "seed", err,
                      sizeof(err)) < 0)
        abort();
    if (xsConfigCopy(&before, &cfg) < 0)
        abort();

    if (xsConfigParse(&cfg, (const char *)data, size, "fuzz", err,
                      sizeof(err)) == 0) {
        if (err[0] != '\0' || cfg.refreshMs < 100 || cfg.refreshMs > 3600000)
            abort();
        if ((cfg.log == XS_LOG_FILE) != (cfg.logFile != NULL))
            abort();
        if (cfg.logFile != NULL && cfg.logFile[0] != '/')
            abort();
        if (cfg.pidfile != NULL && cfg.pidfile[0] != '/')
            abort();
        if (cfg.agentxSocket != NULL && !agentxAddressValid(cfg.agentxSocket))
            abort();
        if (cfg.uri != NULL && (cfg.uri[0] == '\0' || strchr(cfg.uri, ' ')))
            abort();
    } else {
        if (strncmp(err, "fuzz:", 5) != 0 || strlen(err) >= sizeof(err))
            abort();
        if (!sameStr(cfg.uri, before.uri) ||
            !sameStr(cfg.agentxSocket, before.agentxSocket) ||
            !sameStr(cfg.logFile, before.logFile) ||
            !sameStr(cfg.pidfile, before.pidfile) ||
            cfg.refreshMs != before.refreshMs ||
            cfg.control != before.control ||
            cfg.notifications != before.notifications || cfg.log != before.log)
            abort();
    }
    xsConfigClear(&before);
    xsConfigClear(&cfg);
    return 0;
}
