/*
 * buftest.c: the output buffer of the XML writers (lib/buf.c).
 */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "buf.h"

static int
expectFinish(virBuf *buf, const char *expected)
{
    char *got = virBufFinish(buf);
    int ret;

    if (got == NULL)
        return virTestFail("virBufFinish failed");
    ret = virTestExpectStr("text", got, expected);
    free(got);
    return ret;
}

static int
buf_finish_empty_gives_empty_string(const void *opaque)
{
    virBuf buf = {.data = NULL};

    (void)opaque;
    return expectFinish(&buf, "");
}

static int
buf_add_and_printf_append(const void *opaque)
{
    virBuf buf = {.data = NULL};

    (void)opaque;
    virBufAdd(&buf, "a");
    virBufAddLen(&buf, "bcdef", 2);
    virBufPrintf(&buf, "<%d:%s>", 42, "x");
    return expectFinish(&buf, "abc<42:x>");
}

/* More than the first allocation (1024 bytes): growth keeps every byte. */
static int
buf_grows_past_first_allocation(const void *opaque)
{
    virBuf buf = {.data = NULL};
    char expected[5001];
    int i;

    (void)opaque;
    for (i = 0; i < 5000; i++) {
        virBufAdd(&buf, i % 2 ? "b" : "a");
        expected[i] = i % 2 ? 'b' : 'a';
    }
    expected[5000] = '\0';
    return expectFinish(&buf, expected);
}

static int
buf_escape_text_and_attribute(const void *opaque)
{
    virBuf buf = {.data = NULL};

    (void)opaque;
    virBufEscape(&buf, "a&b<c>'\"\t\n\r", false);
    virBufAdd(&buf, "|");
    virBufEscape(&buf, "a&b<c>'\"\t\n\r", true);
    return expectFinish(&buf, "a&amp;b&lt;c&gt;'\"\t\n&#13;|"
                              "a&amp;b&lt;c&gt;&apos;&quot;&#9;&#10;&#13;");
}

static int
buf_element_and_attribute_are_indented_and_escaped(const void *opaque)
{
    virBuf buf = {.data = NULL};

    (void)opaque;
    virBufElement(&buf, 2, "name", "a<b");
    virBufIndent(&buf, 1);
    virBufAdd(&buf, "<x");
    virBufAttr(&buf, "v", "it's");
    virBufAdd(&buf, "/>");
    return expectFinish(&buf, "    <name>a&lt;b</name>\n  <x v='it&apos;s'/>");
}

/* After a failed allocation every append is a no-op and finishing reports
 * the failure once. */
static int
buf_after_oom_finish_reports_no_memory(const void *opaque)
{
    virBuf buf = {.data = NULL};

    (void)opaque;
    virBufAdd(&buf, "kept");
    buf.oom = true;
    virBufAdd(&buf, "dropped");
    if (virBufFinish(&buf) != NULL)
        return virTestFail("finish succeeded after an allocation failure");
    if (buf.data != NULL)
        return virTestFail("the data was not freed");
    return virTestExpectError(VIR_ERR_NO_MEMORY, NULL);
}

/* Characters of any length are written as they are. */
static int
buf_escape_keeps_utf8_characters(const void *opaque)
{
    virBuf buf = {.data = NULL};

    (void)opaque;
    virBufEscape(&buf, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9d\x84\x9e", true);
    return expectFinish(&buf, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9d\x84\x9e");
}

typedef struct {
    const char *value;
} bufUnwritableCase;

/* A value XML cannot carry (found by fuzz_xenstore: a domain name with a
 * control character made GetXMLDesc write a document that no parser
 * reads) is refused when the text is finished. */
static int
buf_escape_refuses_what_xml_cannot_carry(const void *opaque)
{
    static const bufUnwritableCase bad[] = {
        {"c\x17"
         "af"},               /* control character */
        {"a\x7f\x01"},        /* DEL passes, SOH does not */
        {"caf\xc3"},          /* truncated sequence */
        {"\xc0\xaf"},         /* overlong '/' */
        {"\xed\xa0\x80"},     /* surrogate */
        {"\xef\xbf\xbe"},     /* U+FFFE */
        {"\xf4\x90\x80\x80"}, /* beyond U+10FFFF */
        {"\xff"},
    };
    size_t i;
    char *got;

    (void)opaque;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        virBuf buf = {.data = NULL};

        virBufAdd(&buf, "<name>");
        virBufEscape(&buf, bad[i].value, false);
        if ((got = virBufFinish(&buf)) != NULL) {
            fprintf(stderr, "case %zu written as '%s'\n", i, got);
            free(got);
            return virTestFail("an unwritable value was written");
        }
        if (virTestExpectError(VIR_ERR_XML_ERROR, "XML cannot carry") < 0)
            return -1;
    }
    return 0;
}

static const virTestCase cases[] = {
    VIR_TEST_CASE(buf_finish_empty_gives_empty_string),
    VIR_TEST_CASE(buf_add_and_printf_append),
    VIR_TEST_CASE(buf_grows_past_first_allocation),
    VIR_TEST_CASE(buf_escape_text_and_attribute),
    VIR_TEST_CASE(buf_element_and_attribute_are_indented_and_escaped),
    VIR_TEST_CASE(buf_after_oom_finish_reports_no_memory),
    VIR_TEST_CASE(buf_escape_keeps_utf8_characters),
    VIR_TEST_CASE(buf_escape_refuses_what_xml_cannot_carry),
};

static int
testMainBody(void)
{
    virTestRunCases(cases, sizeof(cases) / sizeof(cases[0]));
    return 0;
}

VIR_TEST_MAIN(testMainBody)
