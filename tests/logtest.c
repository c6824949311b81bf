/*
 * logtest.c: the library's diagnostics beyond the reference
 * (include/libvir_log.h): the log hook, the calls and errors it receives,
 * and where each error record says it was reported.
 */

#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"
#include "libvir_log.h"

#define LOG_MAX 64

typedef struct {
    int priority;
    char file[128];
    char func[64];
    int line;
    char message[256];
} logRecord;

typedef struct {
    logRecord records[LOG_MAX];
    size_t count;
    size_t dropped;
} logCapture;

static logCapture captured;
static virConnectPtr conn;

static void
captureLog(void *userData, int priority, const char *file, const char *func,
           int line, const char *message)
{
    logCapture *cap = userData;
    logRecord *r;

    if (cap->count == LOG_MAX) {
        cap->dropped++;
        return;
    }
    r = &cap->records[cap->count++];
    r->priority = priority;
    snprintf(r->file, sizeof(r->file), "%s", file != NULL ? file : "");
    snprintf(r->func, sizeof(r->func), "%s", func != NULL ? func : "");
    r->line = line;
    snprintf(r->message, sizeof(r->message), "%s", message);
}

static void
captureStart(void)
{
    memset(&captured, 0, sizeof(captured));
    virSetLogFunc(&captured, captureLog);
}

static void
captureStop(void)
{
    virSetLogFunc(NULL, NULL);
}

static bool
endsWith(const char *s, const char *suffix)
{
    size_t n = strlen(s);
    size_t m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The first record of @priority from @func, or NULL. */
static const logRecord *
findRecord(int priority, const char *func)
{
    size_t i;

    for (i = 0; i < captured.count; i++) {
        if (captured.records[i].priority == priority &&
            strcmp(captured.records[i].func, func) == 0)
            return &captured.records[i];
    }
    return NULL;
}

static size_t
countRecords(int priority)
{
    size_t i;
    size_t n = 0;

    for (i = 0; i < captured.count; i++)
        n += captured.records[i].priority == priority;
    return n;
}

static int
log_public_call_logs_its_arguments_at_debug(const void *data)
{
    virDomainPtr dom = NULL;
    const logRecord *r;
    int ret = -1;

    (void)data;
    captureStart();
    dom = virDomainLookupByName(conn, "Domain-0");
    virDomainSetMemory(dom, 123456);
    captureStop();
    if (dom == NULL)
        return virTestFail("Domain-0 not found");
    r = findRecord(VIR_LOG_DEBUG, "virDomainLookupByName");
    if (r == NULL) {
        virTestFail("no debug record of virDomainLookupByName");
        goto cleanup;
    }
    if (!endsWith(r->file, "libvir.c") || r->line <= 0 ||
        strstr(r->message, "name=Domain-0") == NULL) {
        virTestFail("record %s:%d '%s'", r->file, r->line, r->message);
        goto cleanup;
    }
    r = findRecord(VIR_LOG_DEBUG, "virDomainSetMemory");
    if (r == NULL || strstr(r->message, "(Domain-0)") == NULL ||
        strstr(r->message, "memory=123456") == NULL) {
        virTestFail("virDomainSetMemory logged '%s'",
                    r != NULL ? r->message : "nothing");
        goto cleanup;
    }
    ret = 0;

cleanup:
    virDomainFree(dom);
    return ret;
}

/* The entry points that take no handle; tests/apitest.c checks the
 * others, case by case. */
static int
log_entry_points_without_handle_log_their_call(const void *data)
{
    static const char *const funcs[] = {
        "virInitialize",       "virGetVersion",
        "virConnectOpen",      "virConnectOpenReadOnly",
        "virConnGetLastError", "virConnResetLastError",
        "virErrorGetOrigin",
    };
    virConnectPtr c1;
    virConnectPtr c2;
    unsigned long lib;
    size_t i;

    (void)data;
    captureStart();
    virInitialize();
    virGetVersion(&lib, "Test", NULL);
    c1 = virConnectOpen("test:///default");
    c2 = virConnectOpenReadOnly("test:///default");
    virConnGetLastError(c1);
    virConnResetLastError(c1);
    virErrorGetOrigin(NULL, NULL, NULL, NULL);
    captureStop();
    virConnectClose(c1);
    virConnectClose(c2);
    for (i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++) {
        if (findRecord(VIR_LOG_DEBUG, funcs[i]) == NULL)
            return virTestFail("no debug record from %s", funcs[i]);
    }
    if (findRecord(VIR_LOG_DEBUG, "virGetVersion") == NULL ||
        strstr(findRecord(VIR_LOG_DEBUG, "virGetVersion")->message,
               "type=Test") == NULL)
        return virTestFail("virGetVersion did not log its type");
    return 0;
}

static int
log_error_logged_once_where_reported(const void *data)
{
    const logRecord *r;
    size_t i;

    (void)data;
    captureStart();
    virDomainLookupByName(conn, "no-such");
    captureStop();
    if (virTestExpectInt("error records",
                         (long long)countRecords(VIR_LOG_ERROR), 1) < 0)
        return -1;
    for (i = 0, r = NULL; i < captured.count; i++) {
        if (captured.records[i].priority == VIR_LOG_ERROR)
            r = &captured.records[i];
    }
    /* The driver found the domain missing: the record names the driver's
     * code, not the public wrapper that passed the failure on. */
    if (!endsWith(r->file, "test_driver.c") || r->line <= 0 ||
        strstr(r->message, "'no-such'") == NULL) {
        return virTestFail("error record %s:%s:%d '%s'", r->file, r->func,
                           r->line, r->message);
    }
    return 0;
}

static int
log_unset_hook_receives_nothing(const void *data)
{
    (void)data;
    captureStart();
    captureStop();
    virDomainLookupByName(conn, "no-such");
    virConnectNumOfDomains(conn);
    return virTestExpectInt("records", (long long)captured.count, 0);
}

/* Checks that @err says it came from a file ending in @suffix, from a
 * function and a line. */
static int
expectOrigin(const char *what, virErrorPtr err, const char *suffix)
{
    const char *file = NULL;
    const char *func = NULL;
    int line = 0;

    if (virErrorGetOrigin(err, &file, &func, &line) < 0)
        return virTestFail("%s: no origin", what);
    if (file == NULL || !endsWith(file, suffix) || func == NULL ||
        func[0] == '\0' || line <= 0)
        return virTestFail("%s: origin %s:%s:%d, expected a line of *%s", what,
                           file ? file : "(null)", func ? func : "(null)", line,
                           suffix);
    return 0;
}

static int
error_origin_of_thread_and_connection_error(const void *data)
{
    (void)data;
    virConnResetLastError(conn);
    if (virDomainLookupByName(conn, "no-such") != NULL)
        return virTestFail("'no-such' found");
    if (expectOrigin("thread error", virGetLastError(), "test_driver.c") < 0 ||
        expectOrigin("connection error", virConnGetLastError(conn),
                     "test_driver.c") < 0)
        return -1;
    return 0;
}

/* An error reported without a handle (the XML parser's) reaches the
 * connection when the public wrapper passes it on: the copy keeps where
 * it came from. */
static int
error_origin_kept_when_passed_to_connection(const void *data)
{
    virDomainPtr dom;

    (void)data;
    virConnResetLastError(conn);
    if ((dom = virDomainDefineXML(conn, "<domain type='xen'>")) != NULL) {
        virDomainFree(dom);
        return virTestFail("bad XML was accepted");
    }
    if (virTestExpectError(VIR_ERR_XML_ERROR, NULL) < 0 ||
        expectOrigin("connection error", virConnGetLastError(conn), "xml.c") <
            0)
        return -1;
    if (virConnGetLastError(conn)->conn != conn)
        return virTestFail("the connection's error does not name it");
    return 0;
}

static int
error_origin_refused_for_copy_and_null(const void *data)
{
    virError copy;
    const char *file = NULL;

    (void)data;
    virDomainLookupByName(conn, "no-such");
    copy = *virGetLastError();
    if (virErrorGetOrigin(&copy, &file, NULL, NULL) == 0)
        return virTestFail("a copy of an error has an origin ('%s')", file);
    if (virErrorGetOrigin(NULL, &file, NULL, NULL) == 0)
        return virTestFail("NULL has an origin");
    virResetLastError();
    if (virErrorGetOrigin(&copy, NULL, NULL, NULL) == 0)
        return virTestFail("a cleared error has an origin");
    return 0;
}

static const virTestCase cases[] = {
    VIR_TEST_CASE(log_public_call_logs_its_arguments_at_debug),
    VIR_TEST_CASE(log_entry_points_without_handle_log_their_call),
    VIR_TEST_CASE(log_error_logged_once_where_reported),
    VIR_TEST_CASE(log_unset_hook_receives_nothing),
    VIR_TEST_CASE(error_origin_of_thread_and_connection_error),
    VIR_TEST_CASE(error_origin_kept_when_passed_to_connection),
    VIR_TEST_CASE(error_origin_refused_for_copy_and_null),
};

static int
mymain(void)
{
    int ret = 0;
    if ((conn = virConnectOpen("test:///default")) == NULL) {
        printf("Bail out! cannot open test:///default\n");
        return -1;
    }
    ret = virTestRunCases(cases, sizeof(cases) / sizeof(cases[0]));
    virConnectClose(conn);
    return ret;
}

VIR_TEST_MAIN(mymain)
