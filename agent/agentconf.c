/*
 * agentconf.c: xensnmpd's configuration file (see agentconf.h).
 *
 * The parser works on a private copy of the configuration and swaps it in
 * only when the whole text is valid, so that a SIGHUP with a broken file
 * leaves the running agent as it was.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "agentconf.h"

/* A configuration file is a few lines; anything bigger is a mistake
 * (a wrong path), not something to read into memory. */
#define XS_CONFIG_MAX_BYTES (1024 * 1024)

#define XS_REFRESH_MIN_MS 100
#define XS_REFRESH_MAX_MS 3600000

/* Keywords, one bit each, to detect duplicates. */
enum {
    KW_URI = 1 << 0,
    KW_AGENTX = 1 << 1,
    KW_REFRESH = 1 << 2,
    KW_CONTROL = 1 << 3,
    KW_NOTIFICATIONS = 1 << 4,
    KW_LOG = 1 << 5,
    KW_PIDFILE = 1 << 6
};

static void xsConfigError(char *err, size_t errlen, const char *source,
                          size_t line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
xsConfigError(char *err, size_t errlen, const char *source, size_t line,
              const char *fmt, ...)
{
    va_list ap;
    int n;

    if (err == NULL || errlen == 0)
        return;
    /* Line 0 means the file as a whole (it could not be read). */
    if (line > 0)
        n = snprintf(err, errlen, "%s:%zu: ", source, line);
    else
        n = snprintf(err, errlen, "%s: ", source);
    if (n < 0 || (size_t)n >= errlen)
        return; /* truncated: the prefix alone is all that fits */
    va_start(ap, fmt);
    /* A truncated reason is still NUL-terminated by vsnprintf. */
    (void)vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

void
xsConfigInit(xsConfig *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->refreshMs = 1000;
    cfg->control = false;
    cfg->notifications = true;
    cfg->log = XS_LOG_DEFAULT;
}

void
xsConfigClear(xsConfig *cfg)
{
    if (cfg == NULL)
        return;
    free(cfg->uri);
    free(cfg->agentxSocket);
    free(cfg->logFile);
    free(cfg->pidfile);
    xsConfigInit(cfg);
}

static int
xsStrdupOpt(char **dst, const char *src)
{
    *dst = NULL;
    if (src == NULL)
        return 0;
    if ((*dst = strdup(src)) == NULL)
        return -1;
    return 0;
}

int
xsConfigCopy(xsConfig *dst, const xsConfig *src)
{
    xsConfig tmp = *src;

    tmp.uri = tmp.agentxSocket = tmp.logFile = tmp.pidfile = NULL;
    if (xsStrdupOpt(&tmp.uri, src->uri) < 0 ||
        xsStrdupOpt(&tmp.agentxSocket, src->agentxSocket) < 0 ||
        xsStrdupOpt(&tmp.logFile, src->logFile) < 0 ||
        xsStrdupOpt(&tmp.pidfile, src->pidfile) < 0) {
        xsConfigClear(&tmp);
        return -1;
    }
    *dst = tmp;
    return 0;
}

/* Replaces *@dst by a copy of @len bytes at @val. */
static int
xsSetString(char **dst, const char *val, size_t len)
{
    char *s = malloc(len + 1);

    if (s == NULL)
        return -1;
    memcpy(s, val, len);
    s[len] = '\0';
    free(*dst);
    *dst = s;
    return 0;
}

static bool
xsHasSpace(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (s[i] == ' ' || s[i] == '\t')
            return true;
    }
    return false;
}

/* Whether the value contains a byte that has no place in a file name or
 * URI in a configuration file (NUL or another control character). */
static bool
xsHasControl(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] == 0x7f)
            return true;
    }
    return false;
}

/* Seconds with an optional fraction, e.g. "0.5" or "2", to milliseconds.
 * Only digits and one '.' are accepted: strtod alone would also take
 * "inf", "1e3", hex floats and leading blanks. */
static int
xsParseSeconds(const char *val, size_t len, unsigned int *ms)
{
    char buf[32];
    char *end = NULL;
    double secs;
    size_t i;
    size_t dots = 0;
    size_t digits = 0;

    if (len == 0 || len >= sizeof(buf))
        return -1;
    for (i = 0; i < len; i++) {
        if (val[i] == '.')
            dots++;
        else if (val[i] >= '0' && val[i] <= '9')
            digits++;
        else
            return -1;
    }
    if (dots > 1 || digits == 0)
        return -1;
    memcpy(buf, val, len);
    buf[len] = '\0';
    errno = 0;
    secs = strtod(buf, &end);
    if (errno != 0 || end != buf + len)
        return -1;
    /* Rounded to the nearest millisecond; the range check comes first so
     * that the conversion cannot overflow. */
    secs = secs * 1000.0 + 0.5;
    if (!(secs >= XS_REFRESH_MIN_MS && secs < XS_REFRESH_MAX_MS + 1))
        return -1;
    *ms = (unsigned int)secs;
    return 0;
}

static int
xsParseBool(const char *val, size_t len, bool *out)
{
    if (len == 3 && memcmp(val, "yes", 3) == 0) {
        *out = true;
        return 0;
    }
    if (len == 2 && memcmp(val, "no", 2) == 0) {
        *out = false;
        return 0;
    }
    return -1;
}

typedef struct {
    const char *source;
    size_t line;
    char *err;
    size_t errlen;
} xsParseCtx;

/* Checks an absolute path value; reports and returns -1 when it is not. */
static int
xsCheckPath(const xsParseCtx *ctx, const char *kw, const char *val, size_t len)
{
    if (val[0] != '/') {
        xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                      "%s: '%.*s' is not an absolute path", kw, (int)len, val);
        return -1;
    }
    if (xsHasControl(val, len)) {
        xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                      "%s: the path contains a control character", kw);
        return -1;
    }
    return 0;
}

/* The master's AgentX address, in net-snmp's own syntax: an absolute
 * unix socket path, "unix:PATH", or "tcp:HOST:PORT" (HOST a name, an IPv4
 * address or a bracketed IPv6 address; PORT 1..65535). */
static int
xsCheckAgentx(const xsParseCtx *ctx, const char *kw, const char *val,
              size_t len)
{
    const char *host;
    const char *colon;
    size_t i;
    unsigned long port = 0;

    if (len > 5 && memcmp(val, "unix:", 5) == 0)
        return xsCheckPath(ctx, kw, val + 5, len - 5);
    if (len < 4 || memcmp(val, "tcp:", 4) != 0)
        return xsCheckPath(ctx, kw, val, len);
    host = val + 4;
    /* The port follows the last colon, so that [::1]:705 works. */
    colon = memrchr(host, ':', len - 4);
    if (colon == NULL || colon == host || colon + 1 == val + len)
        goto bad;
    if (host[0] == '[' && colon[-1] != ']')
        goto bad;
    for (i = 0; colon + 1 + i < val + len; i++) {
        char c = colon[1 + i];

        if (c < '0' || c > '9' || i >= 5)
            goto bad;
        port = port * 10 + (unsigned long)(c - '0');
    }
    if (port == 0 || port > 65535 || xsHasControl(host, (size_t)(colon - host)))
        goto bad;
    return 0;

bad:
    xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                  "%s: '%.*s' is not an absolute path, unix:PATH or "
                  "tcp:HOST:PORT",
                  kw, len > 64 ? 64 : (int)len, val);
    return -1;
}

/* Applies one "keyword value" line to @cfg.  @val is NUL-free and has no
 * leading or trailing blanks; @vlen may be 0. */
static int
xsParseLine(xsConfig *cfg, const xsParseCtx *ctx, unsigned int *seen,
            const char *kw, size_t kwlen, const char *val, size_t vlen)
{
    static const struct {
        const char *name;
        unsigned int bit;
    } keywords[] = {
        {"uri", KW_URI},
        {"agentx-socket", KW_AGENTX},
        {"refresh-interval", KW_REFRESH},
        {"control", KW_CONTROL},
        {"notifications", KW_NOTIFICATIONS},
        {"log", KW_LOG},
        {"pidfile", KW_PIDFILE},
    };
    char name[32];
    unsigned int bit = 0;
    size_t i;

    for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
        if (strlen(keywords[i].name) == kwlen &&
            memcmp(keywords[i].name, kw, kwlen) == 0) {
            bit = keywords[i].bit;
            break;
        }
    }
    if (bit == 0) {
        if (xsHasControl(kw, kwlen))
            xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                          "unknown keyword");
        else
            xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                          "unknown keyword '%.*s'",
                          kwlen > 64 ? 64 : (int)kwlen, kw);
        return -1;
    }
    /* The keyword matched a table entry, so it fits. */
    memcpy(name, kw, kwlen);
    name[kwlen] = '\0';

    if (*seen & bit) {
        xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                      "%s: given twice", name);
        return -1;
    }
    *seen |= bit;
    if (vlen == 0) {
        xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                      "%s: missing value", name);
        return -1;
    }
    if (bit != KW_URI && xsHasSpace(val, vlen)) {
        xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                      "%s: expects one value", name);
        return -1;
    }

    switch (bit) {
    case KW_URI:
        if (xsHasSpace(val, vlen) || xsHasControl(val, vlen)) {
            xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                          "uri: must not contain blanks or control "
                          "characters");
            return -1;
        }
        if (xsSetString(&cfg->uri, val, vlen) < 0)
            goto oom;
        break;
    case KW_AGENTX:
        if (xsCheckAgentx(ctx, name, val, vlen) < 0)
            return -1;
        if (xsSetString(&cfg->agentxSocket, val, vlen) < 0)
            goto oom;
        break;
    case KW_PIDFILE:
        if (xsCheckPath(ctx, name, val, vlen) < 0)
            return -1;
        if (xsSetString(&cfg->pidfile, val, vlen) < 0)
            goto oom;
        break;
    case KW_REFRESH:
        if (xsParseSeconds(val, vlen, &cfg->refreshMs) < 0) {
            xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                          "refresh-interval: '%.*s' is not a number of "
                          "seconds from 0.1 to 3600",
                          vlen > 64 ? 64 : (int)vlen, val);
            return -1;
        }
        break;
    case KW_CONTROL:
    case KW_NOTIFICATIONS:
        if (xsParseBool(val, vlen,
                        bit == KW_CONTROL ? &cfg->control
                                          : &cfg->notifications) < 0) {
            xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                          "%s: expects yes or no", name);
            return -1;
        }
        break;
    case KW_LOG:
        if (vlen == 6 && memcmp(val, "stderr", 6) == 0) {
            cfg->log = XS_LOG_STDERR;
        } else if (vlen == 6 && memcmp(val, "syslog", 6) == 0) {
            cfg->log = XS_LOG_SYSLOG;
        } else if (vlen > 5 && memcmp(val, "file:", 5) == 0) {
            if (xsCheckPath(ctx, name, val + 5, vlen - 5) < 0)
                return -1;
            if (xsSetString(&cfg->logFile, val + 5, vlen - 5) < 0)
                goto oom;
            cfg->log = XS_LOG_FILE;
        } else {
            xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                          "log: expects stderr, syslog or file:PATH");
            return -1;
        }
        if (cfg->log != XS_LOG_FILE) {
            free(cfg->logFile);
            cfg->logFile = NULL;
        }
        break;
    }
    return 0;

oom:
    xsConfigError(ctx->err, ctx->errlen, ctx->source, ctx->line,
                  "out of memory");
    return -1;
}

static bool
xsIsBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

int
xsConfigParse(xsConfig *cfg, const char *text, size_t len, const char *source,
              char *err, size_t errlen)
{
    xsConfig tmp;
    xsParseCtx ctx = {source != NULL ? source : "(config)", 0, err, errlen};
    unsigned int seen = 0;
    size_t pos = 0;
    int ret = -1;

    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (xsConfigCopy(&tmp, cfg) < 0) {
        xsConfigError(err, errlen, ctx.source, 0, "out of memory");
        return -1;
    }

    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t llen = nl != NULL ? (size_t)(nl - line) : len - pos;
        const char *hash;
        size_t kwlen = 0;
        size_t vstart;

        pos += llen + (nl != NULL ? 1 : 0);
        ctx.line++;

        if (memchr(line, '\0', llen) != NULL) {
            xsConfigError(err, errlen, ctx.source, ctx.line,
                          "NUL byte in line");
            goto cleanup;
        }
        /* '#' starts a comment anywhere: no value needs one. */
        if ((hash = memchr(line, '#', llen)) != NULL)
            llen = (size_t)(hash - line);
        while (llen > 0 && xsIsBlank(line[0])) {
            line++;
            llen--;
        }
        while (llen > 0 && xsIsBlank(line[llen - 1]))
            llen--;
        if (llen == 0)
            continue;

        while (kwlen < llen && !xsIsBlank(line[kwlen]))
            kwlen++;
        vstart = kwlen;
        while (vstart < llen && xsIsBlank(line[vstart]))
            vstart++;
        if (xsParseLine(&tmp, &ctx, &seen, line, kwlen, line + vstart,
                        llen - vstart) < 0)
            goto cleanup;
    }

    xsConfigClear(cfg);
    *cfg = tmp;
    xsConfigInit(&tmp);
    ret = 0;

cleanup:
    xsConfigClear(&tmp);
    return ret;
}

int
xsConfigLoad(xsConfig *cfg, const char *path, char *err, size_t errlen)
{
    char *buf = NULL;
    size_t len = 0;
    struct stat st;
    ssize_t n;
    int fd = -1;
    int ret = -1;

    /* O_NONBLOCK: opening a FIFO must not wait for a writer; a regular
     * file reads the same either way. */
    if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
        xsConfigError(err, errlen, path, 0, "cannot open: %s", strerror(errno));
        goto cleanup;
    }
    if (fstat(fd, &st) < 0) {
        xsConfigError(err, errlen, path, 0, "cannot stat: %s", strerror(errno));
        goto cleanup;
    }
    /* A FIFO or a device could block or never end: only a regular file
     * is a configuration.  A directory keeps the reason read() gives. */
    if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        xsConfigError(err, errlen, path, 0,
                      "not a regular file (a FIFO, socket or device)");
        goto cleanup;
    }
    /* One byte more than allowed, to tell "too big" from "exactly full". */
    if ((buf = malloc(XS_CONFIG_MAX_BYTES + 1)) == NULL) {
        xsConfigError(err, errlen, path, 0, "out of memory");
        goto cleanup;
    }
    while (len < XS_CONFIG_MAX_BYTES + 1) {
        n = read(fd, buf + len, XS_CONFIG_MAX_BYTES + 1 - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            xsConfigError(err, errlen, path, 0, "cannot read: %s",
                          strerror(errno));
            goto cleanup;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (len > XS_CONFIG_MAX_BYTES) {
        xsConfigError(err, errlen, path, 0, "larger than %d bytes",
                      XS_CONFIG_MAX_BYTES);
        goto cleanup;
    }
    ret = xsConfigParse(cfg, buf, len, path, err, errlen);

cleanup:
    if (fd >= 0)
        close(fd);
    free(buf);
    return ret;
}
