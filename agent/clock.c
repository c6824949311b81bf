/*
 * clock.c: CLOCK_MONOTONIC and its conversion to sysUpTime hundredths.
 */

#include <config.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>

#include <stdbool.h>
#include <time.h>

#include "clock.h"

uint64_t
xsClockNowNs(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

unsigned long
xsClockTicks(uint64_t monoNs)
{
    /* CLOCK_MONOTONIC when sysUpTime was 0, fixed at the first call: a
     * TimeStamp must read the same every time, which computing "uptime
     * minus age" afresh on each read would not (the two clocks round
     * differently). */
    static uint64_t originNs;
    static bool haveOrigin;

    if (!haveOrigin) {
        uint64_t now = xsClockNowNs();
        uint64_t up = (uint64_t)netsnmp_get_agent_uptime() * 10000000ULL;

        originNs = up < now ? now - up : 0;
        haveOrigin = true;
    }
    if (monoNs == 0 || monoNs < originNs)
        return 0;
    return (unsigned long)((monoNs - originNs) / 10000000ULL);
}
