/*
 * test_driver.h: the simulated hypervisor driver ("test" URIs).
 *
 * test:///default       the built-in demo host (testDefaultNodeXML)
 * test:///abs/path.xml  a host described by that node file
 *
 * Connections to the same URI within one process share one simulated
 * host, as connections to one real hypervisor do; the host is loaded on
 * the first open and dropped when its last connection closes.
 */

#ifndef LIBVIR_TEST_DRIVER_H
#define LIBVIR_TEST_DRIVER_H

#include "driver.h"

#endif /* LIBVIR_TEST_DRIVER_H */
