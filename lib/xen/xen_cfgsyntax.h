/*
 * xen_cfgsyntax.h: checks an xl configuration text against the grammar
 * that libxlutil parses, before libxlutil sees it.
 *
 * libxlutil aborts the process on some malformed quoted strings (its
 * dequoting asserts) and leaks the values it had built when it recovers
 * from a syntax error.  The Xen driver reads every file of the
 * configuration directory at every refresh, so it hands libxlutil only
 * texts this checker accepts: a strict subset of the language xl reads
 * (xl.cfg(5)), in which libxlutil meets no error at all.
 *
 * Accepted: statements "key = value" or "key += value", separated by
 * newlines or ';'; keys [a-z][_0-9a-z]*; values a number
 * ([0-9][0-9a-fx]*), a string in double or single quotes on one line
 * whose only escapes are \" \' \\ \a \b \f \n \r \t \v, or a list
 * [v, v, ...] of values (nested, with newlines allowed inside and an
 * optional trailing comma); blanks and tabs; '#' comments that end with
 * a newline.  Refused besides what libxlutil refuses: numeric escapes
 * (\x41, \101), a comment on a last line without its newline, any
 * other byte (a carriage return, a NUL), and more than 64 "+="
 * statements.  Refused as libxlutil refuses it: "+=" of a list to a key
 * whose last value is a number or string, or of those to a list.
 */

#ifndef XENSNMP_XEN_CFGSYNTAX_H
#define XENSNMP_XEN_CFGSYNTAX_H

#include <stddef.h>

/**
 * xenConfigCheckSyntax:
 * @text: the configuration text (need not be NUL-terminated)
 * @len: its length
 * @line: receives the 1-based line of the first fault
 *
 * Returns NULL when @text is within the accepted grammar, else a static
 * string saying what is wrong at *@line.  Pure; linear in @len; the
 * nesting of lists is bounded by the length only (no recursion).
 */
const char *xenConfigCheckSyntax(const char *text, size_t len,
                                 unsigned int *line);

#endif /* XENSNMP_XEN_CFGSYNTAX_H */
