/*
 * errortest.c: the error API (virGetLastError, virConnGetLastError,
 * virResetLastError, virConnResetLastError, virSetErrorFunc).
 */

#include <config.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutils.h"

static virConnectPtr conn;

static int
error_lookup_unknown_sets_thread_and_connection(const void *data)
{
    virErrorPtr err;

    (void)data;
    if (virDomainLookupByName(conn, "no-such") != NULL)
        return virTestFail("lookup of 'no-such' succeeded");
    if (virTestExpectError(VIR_ERR_NO_DOMAIN, "'no-such'") < 0)
        return -1;
    err = virGetLastError();
    if (err->conn != conn)
        return virTestFail("thread error does not name the connection");
    if (err->level != VIR_ERR_ERROR)
        return virTestFail("level is %d, not VIR_ERR_ERROR", err->level);
    err = virConnGetLastError(conn);
    if (err == NULL || err->code != VIR_ERR_NO_DOMAIN ||
        strstr(err->message, "'no-such'") == NULL)
        return virTestFail("connection error not recorded");
    return 0;
}

static int
error_reset_clears_thread_not_connection(const void *data)
{
    (void)data;
    virDomainLookupByName(conn, "no-such");
    virResetLastError();
    if (virGetLastError() != NULL)
        return virTestFail("virResetLastError left the error set");
    if (virConnGetLastError(conn) == NULL)
        return virTestFail("virResetLastError cleared the connection's error");
    virConnResetLastError(conn);
    if (virConnGetLastError(conn) != NULL)
        return virTestFail("virConnResetLastError left the error set");
    return 0;
}

static int
error_domain_failure_names_domain_handle(const void *data)
{
    virDomainPtr dom = virDomainLookupByID(conn, 0);
    virErrorPtr err;
    int ret = -1;

    (void)data;
    if (dom == NULL)
        return virTestFail("Domain-0 not found");
    if (virDomainSuspend(dom) == 0) {
        virTestFail("Domain-0 was suspended");
        goto cleanup;
    }
    err = virGetLastError();
    if (err == NULL || err->dom != dom || err->conn != conn) {
        virTestFail("error does not name the domain and connection");
        goto cleanup;
    }
    ret = virTestExpectError(VIR_ERR_OPERATION_INVALID, "Domain-0");

cleanup:
    virDomainFree(dom);
    /* The record must not keep pointing at the freed handle. */
    err = virGetLastError();
    if (ret == 0 && err != NULL && err->dom != NULL)
        ret = virTestFail("error still points at the freed domain");
    return ret;
}

typedef struct {
    int calls;
    int lastCode;
    char lastMessage[256];
} handlerLog;

static void
recordError(void *userData, virErrorPtr error)
{
    handlerLog *log = userData;

    log->calls++;
    log->lastCode = error->code;
    snprintf(log->lastMessage, sizeof(log->lastMessage), "%s", error->message);
}

static int
error_handler_called_once_per_failure(const void *data)
{
    handlerLog log = {0, 0, ""};
    int ret = -1;

    (void)data;
    virSetErrorFunc(&log, recordError);
    if (virDomainLookupByName(conn, "no-such") != NULL)
        goto cleanup;
    if (virTestExpectInt("handler calls", log.calls, 1) < 0 ||
        virTestExpectInt("handler code", log.lastCode, VIR_ERR_NO_DOMAIN) < 0)
        goto cleanup;
    if (strstr(log.lastMessage, "'no-such'") == NULL) {
        virTestFail("handler got '%s'", log.lastMessage);
        goto cleanup;
    }
    /* A successful call reports nothing. */
    if (virConnectNumOfDomains(conn) < 0 ||
        virTestExpectInt("handler calls after success", log.calls, 1) < 0)
        goto cleanup;
    ret = 0;

cleanup:
    virSetErrorFunc(NULL, NULL);
    return ret;
}

static void *
threadFail(void *arg)
{
    int *sawOwn = arg;
    virErrorPtr err;

    virConnectOpen("bogus:///thread");
    err = virGetLastError();
    *sawOwn = err != NULL && err->code == VIR_ERR_NO_CONNECT &&
              strstr(err->message, "bogus:///thread") != NULL;
    return NULL;
}

static int
error_last_error_is_per_thread(const void *data)
{
    pthread_t thread;
    int sawOwn = 0;

    (void)data;
    virDomainLookupByName(conn, "main-thread-missing");
    if (pthread_create(&thread, NULL, threadFail, &sawOwn) != 0)
        return virTestFail("pthread_create failed");
    pthread_join(thread, NULL);
    if (!sawOwn)
        return virTestFail("the thread did not see its own error");
    return virTestExpectError(VIR_ERR_NO_DOMAIN, "'main-thread-missing'");
}

static int
error_conn_getlasterror_null_conn_returns_null(const void *data)
{
    (void)data;
    if (virConnGetLastError(NULL) != NULL)
        return virTestFail("an error was returned for a NULL connection");
    virConnResetLastError(NULL); /* must not crash */
    return 0;
}

static int
mymain(void)
{
    int ret = 0;

    if ((conn = virConnectOpen("test:///default")) == NULL) {
        printf("Bail out! cannot open test:///default\n");
        return -1;
    }
    ret |= virTestRun("error_lookup_unknown_sets_thread_and_connection",
                      error_lookup_unknown_sets_thread_and_connection, NULL);
    ret |= virTestRun("error_reset_clears_thread_not_connection",
                      error_reset_clears_thread_not_connection, NULL);
    ret |= virTestRun("error_domain_failure_names_domain_handle",
                      error_domain_failure_names_domain_handle, NULL);
    ret |= virTestRun("error_handler_called_once_per_failure",
                      error_handler_called_once_per_failure, NULL);
    ret |= virTestRun("error_last_error_is_per_thread",
                      error_last_error_is_per_thread, NULL);
    ret |= virTestRun("error_conn_getlasterror_null_conn_returns_null",
                      error_conn_getlasterror_null_conn_returns_null, NULL);
    virConnectClose(conn);
    return ret;
}

VIR_TEST_MAIN(mymain)
