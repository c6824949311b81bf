/*
 * driver.c: the registry of hypervisor drivers.
 *
 * The list is filled once, in virInitialize(), and only read afterwards;
 * it is the library's only global state besides the error slots.
 */

#include <config.h>

#include <strings.h>
#include <pthread.h>

#include "driver.h"
#include "log.h"

#define VIR_DRIVER_MAX 8

static const virDriver *drivers[VIR_DRIVER_MAX];
static size_t ndrivers;
static pthread_mutex_t driverLock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t driverOnce = PTHREAD_ONCE_INIT;
static int driverInitResult;

int
virDriverRegister(const virDriver *driver)
{
    int ret = -1;

    pthread_mutex_lock(&driverLock);
    if (ndrivers < VIR_DRIVER_MAX) {
        drivers[ndrivers++] = driver;
        ret = 0;
    }
    pthread_mutex_unlock(&driverLock);
    if (ret == 0)
        VIR_DEBUG("registered driver '%s'", driver->name);
    return ret;
}

static void
virDriverInitOnce(void)
{
#ifdef WITH_XEN
    if (virDriverRegister(xenGetDriver()) < 0)
        driverInitResult = -1;
#endif
    if (virDriverRegister(testGetDriver()) < 0)
        driverInitResult = -1;
}

int
virDriverInitialize(void)
{
    pthread_once(&driverOnce, virDriverInitOnce);
    return driverInitResult;
}

size_t
virDriverCount(void)
{
    size_t n;

    pthread_mutex_lock(&driverLock);
    n = ndrivers;
    pthread_mutex_unlock(&driverLock);
    return n;
}

const virDriver *
virDriverGet(size_t i)
{
    const virDriver *d = NULL;

    pthread_mutex_lock(&driverLock);
    if (i < ndrivers)
        d = drivers[i];
    pthread_mutex_unlock(&driverLock);
    return d;
}

const virDriver *
virDriverFindByType(const char *type)
{
    size_t i;
    const virDriver *d;

    for (i = 0; (d = virDriverGet(i)) != NULL; i++) {
        if (d->type != NULL && strcasecmp(d->type, type) == 0)
            return d;
    }
    return NULL;
}

const char *
virDriverMissingReason(const char *scheme)
{
#ifndef WITH_XEN
    if (strcasecmp(scheme, "xen") == 0)
        return "this build has no Xen driver (configure did not find "
               "libxenctrl, libxenstore and libxenlight)";
#endif
    (void)scheme;
    return NULL;
}
