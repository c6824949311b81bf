/*
 * clock.h: the agent's two clocks: CLOCK_MONOTONIC in nanoseconds, for
 * every interval and age the agent measures, and its conversion to the
 * sysUpTime hundredths that TimeStamp objects carry.
 *
 * Depends on no other agent file, so that every module can use it.
 */

#ifndef XENSNMP_CLOCK_H
#define XENSNMP_CLOCK_H

#include <stdint.h>

/**
 * xsClockNowNs:
 *
 * Returns CLOCK_MONOTONIC now, in ns.
 */
uint64_t xsClockNowNs(void);

/**
 * xsClockTicks:
 * @monoNs: a time read with xsClockNowNs()
 *
 * Returns @monoNs as sysUpTime hundredths (a TimeStamp); 0 for 0 or for
 * anything before the agent started.  Main thread only: the first call
 * fixes the origin from net-snmp's agent uptime.
 */
unsigned long xsClockTicks(uint64_t monoNs);

#endif /* XENSNMP_CLOCK_H */
