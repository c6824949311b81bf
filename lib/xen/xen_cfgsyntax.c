/*
 * xen_cfgsyntax.c: the grammar check in front of libxlutil (see
 * xen_cfgsyntax.h).  A tokenizer and a state machine; lists nest without
 * recursion, so a hostile file cannot exhaust the stack.
 */

#include <config.h>

#include <stdbool.h>
#include <string.h>

#include "xen_cfgsyntax.h"

typedef enum {
    XEN_TOK_END,
    XEN_TOK_IDENT,
    XEN_TOK_ATOM,   /* a number or a string */
    XEN_TOK_ASSIGN, /* = or += */
    XEN_TOK_OPEN,
    XEN_TOK_CLOSE,
    XEN_TOK_COMMA,
    XEN_TOK_SEMI,
    XEN_TOK_NEWLINE,
    XEN_TOK_BAD
} xenCfgTok;

typedef struct {
    const char *p;
    const char *end;
    unsigned int line;
    const char *error; /* why the last XEN_TOK_BAD */
} xenCfgLexer;

static bool
xenCfgIsLower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool
xenCfgIsDigit(char c)
{
    return c >= '0' && c <= '9';
}

/* The escapes libxlutil's dequoting handles without numeric parsing. */
static bool
xenCfgSimpleEscape(char c)
{
    return strchr("\"'\\abfnrtv", c) != NULL && c != '\0';
}

static xenCfgTok
xenCfgString(xenCfgLexer *lx)
{
    char quote = *lx->p++;

    while (lx->p < lx->end && *lx->p != quote) {
        if (*lx->p == '\n' || *lx->p == '\0')
            break;
        if (*lx->p == '\\') {
            if (lx->p + 1 >= lx->end || !xenCfgSimpleEscape(lx->p[1])) {
                lx->error = "a quoted string has an escape other than "
                            "\\\" \\' \\\\ \\a \\b \\f \\n \\r \\t \\v";
                return XEN_TOK_BAD;
            }
            lx->p++;
        }
        lx->p++;
    }
    if (lx->p >= lx->end || *lx->p != quote) {
        lx->error = "a quoted string does not end on its line (or holds "
                    "a NUL)";
        return XEN_TOK_BAD;
    }
    lx->p++;
    return XEN_TOK_ATOM;
}

static xenCfgTok
xenCfgNext(xenCfgLexer *lx)
{
    char c;

    while (lx->p < lx->end && (*lx->p == ' ' || *lx->p == '\t'))
        lx->p++;
    if (lx->p >= lx->end)
        return XEN_TOK_END;
    c = *lx->p;
    if (c == '\n') {
        lx->p++;
        lx->line++;
        return XEN_TOK_NEWLINE;
    }
    if (c == '#') {
        const char *nl = memchr(lx->p, '\n', (size_t)(lx->end - lx->p));

        if (nl == NULL) {
            lx->error = "a comment on the last line has no newline";
            return XEN_TOK_BAD;
        }
        lx->p = nl + 1;
        lx->line++;
        return XEN_TOK_NEWLINE;
    }
    if (xenCfgIsLower(c)) {
        while (lx->p < lx->end && (xenCfgIsLower(*lx->p) ||
                                   xenCfgIsDigit(*lx->p) || *lx->p == '_'))
            lx->p++;
        return XEN_TOK_IDENT;
    }
    if (xenCfgIsDigit(c)) {
        while (lx->p < lx->end && (xenCfgIsDigit(*lx->p) || *lx->p == 'x' ||
                                   (*lx->p >= 'a' && *lx->p <= 'f')))
            lx->p++;
        return XEN_TOK_ATOM;
    }
    if (c == '"' || c == '\'')
        return xenCfgString(lx);
    lx->p++;
    switch (c) {
    case '=':
        return XEN_TOK_ASSIGN;
    case '+':
        if (lx->p < lx->end && *lx->p == '=') {
            lx->p++;
            return XEN_TOK_ASSIGN;
        }
        break;
    case '[':
        return XEN_TOK_OPEN;
    case ']':
        return XEN_TOK_CLOSE;
    case ',':
        return XEN_TOK_COMMA;
    case ';':
        return XEN_TOK_SEMI;
    default:
        break;
    }
    lx->error = "a character that xl configuration files do not use";
    return XEN_TOK_BAD;
}

/* Where the key that ends at @end starts (no earlier than @text). */
static const char *
xenCfgKeyStart(const char *text, const char *end)
{
    while (end > text &&
           (xenCfgIsLower(end[-1]) || xenCfgIsDigit(end[-1]) || end[-1] == '_'))
        end--;
    return end;
}

/* "+=" statements a text may hold: finding what each one adds to reads
 * the text before it again, so a bound keeps the check linear. */
#define XEN_CFG_APPENDS_MAX 64

/* The kind of value of the last statement for key @key (@keylen bytes)
 * in @text up to @end, which the check already accepted: 0 none, 1 a
 * number or string, 2 a list. */
static int
xenCfgPriorKind(const char *text, const char *end, const char *key,
                size_t keylen)
{
    xenCfgLexer lx = {.p = text, .end = end, .line = 1};
    const char *name = NULL;
    size_t namelen = 0;
    size_t depth = 0;
    bool atStatement = true;
    bool wantValue = false;
    int kind = 0;
    xenCfgTok tok;

    while ((tok = xenCfgNext(&lx)) != XEN_TOK_END && tok != XEN_TOK_BAD) {
        if (atStatement && tok == XEN_TOK_IDENT) {
            name = xenCfgKeyStart(text, lx.p);
            namelen = (size_t)(lx.p - name);
            atStatement = false;
        } else if (tok == XEN_TOK_ASSIGN) {
            wantValue = true;
        } else if (wantValue) {
            wantValue = false;
            if (namelen == keylen && memcmp(name, key, keylen) == 0)
                kind = tok == XEN_TOK_OPEN ? 2 : 1;
        }
        if (tok == XEN_TOK_OPEN)
            depth++;
        else if (tok == XEN_TOK_CLOSE)
            depth--;
        else if (depth == 0 && (tok == XEN_TOK_NEWLINE || tok == XEN_TOK_SEMI))
            atStatement = true;
    }
    return kind;
}

/* What the parser expects next. */
typedef enum {
    XEN_EXPECT_STATEMENT, /* a key, or an empty statement */
    XEN_EXPECT_ASSIGN,    /* = or += after the key */
    XEN_EXPECT_VALUE,     /* the value of a key */
    XEN_EXPECT_ITEM,      /* after '[' or ',': an item, ']' or a newline */
    XEN_EXPECT_AFTER      /* after a value */
} xenCfgExpect;

const char *
xenConfigCheckSyntax(const char *text, size_t len, unsigned int *line)
{
    xenCfgLexer lx = {.p = text, .end = text + len, .line = 1};
    xenCfgExpect expect = XEN_EXPECT_STATEMENT;
    size_t depth = 0;        /* open lists */
    const char *stmt = text; /* where the statement in hand starts */
    const char *key = NULL;  /* its key, keylen bytes */
    size_t keylen = 0;
    bool append = false; /* its operator is += */
    size_t appends = 0;

    for (;;) {
        unsigned int at = lx.line;
        const char *before = lx.p;
        xenCfgTok tok = xenCfgNext(&lx);
        int kind;

        *line = at;
        if (tok == XEN_TOK_BAD)
            return lx.error;
        switch (expect) {
        case XEN_EXPECT_STATEMENT:
            if (tok == XEN_TOK_END)
                return NULL;
            if (tok == XEN_TOK_IDENT) {
                stmt = before;
                key = xenCfgKeyStart(before, lx.p);
                keylen = (size_t)(lx.p - key);
                expect = XEN_EXPECT_ASSIGN;
            } else if (tok != XEN_TOK_NEWLINE && tok != XEN_TOK_SEMI)
                return "a statement does not start with a key";
            break;
        case XEN_EXPECT_ASSIGN:
            if (tok != XEN_TOK_ASSIGN)
                return "a key is not followed by '=' or '+='";
            append = lx.p[-1] == '=' && lx.p - 2 >= text && lx.p[-2] == '+';
            if (append && ++appends > XEN_CFG_APPENDS_MAX)
                return "more than 64 '+=' statements";
            expect = XEN_EXPECT_VALUE;
            break;
        case XEN_EXPECT_VALUE:
        case XEN_EXPECT_ITEM:
            /* libxlutil refuses to add a list to a string or a string to
             * a list. */
            if (expect == XEN_EXPECT_VALUE && append &&
                (tok == XEN_TOK_ATOM || tok == XEN_TOK_OPEN) &&
                (kind = xenCfgPriorKind(text, stmt, key, keylen)) != 0 &&
                kind != (tok == XEN_TOK_OPEN ? 2 : 1))
                return "'+=' adds a list to a string or a string to a list";
            if (tok == XEN_TOK_ATOM) {
                expect = XEN_EXPECT_AFTER;
            } else if (tok == XEN_TOK_OPEN) {
                depth++;
                expect = XEN_EXPECT_ITEM;
            } else if (expect != XEN_EXPECT_VALUE && tok == XEN_TOK_NEWLINE) {
                /* newlines are allowed inside lists */
            } else if (expect != XEN_EXPECT_VALUE && tok == XEN_TOK_CLOSE) {
                depth--;
                expect = XEN_EXPECT_AFTER;
            } else {
                return "a value is missing";
            }
            break;
        case XEN_EXPECT_AFTER:
            if (depth == 0) {
                if (tok == XEN_TOK_END)
                    return NULL;
                if (tok != XEN_TOK_NEWLINE && tok != XEN_TOK_SEMI)
                    return "a value is followed by more than a newline or ';'";
                expect = XEN_EXPECT_STATEMENT;
            } else if (tok == XEN_TOK_COMMA) {
                expect = XEN_EXPECT_ITEM;
            } else if (tok == XEN_TOK_CLOSE) {
                depth--;
            } else if (tok != XEN_TOK_NEWLINE) {
                return "a list item is not followed by ',' or ']'";
            }
            break;
        }
    }
}
