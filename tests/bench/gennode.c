/*
 * gennode.c: writes a test-driver node file with N domains to stdout, for
 * the benchmarks.
 *
 *     gennode -n 10000 [-v VCPUS] [-c CPUS] [-d DEVICES] > node.xml
 *
 * The host is sized to hold every domain: 4 of every 5 guests run (one in
 * ten of those paused), the rest are only defined.  Each guest has one
 * idle disk, or with -d, DEVICES disks (xvda, xvdb, ...) and DEVICES
 * network interfaces, all doing I/O (<stats> and <rates>) in the guests
 * that run.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int
parseCount(const char *s, unsigned long max, unsigned long *out)
{
    char *end = NULL;
    unsigned long v;

    errno = 0;
    v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v == 0 || v > max)
        return -1;
    *out = v;
    return 0;
}

int
main(int argc, char **argv)
{
    unsigned long ndoms = 0;
    unsigned long vcpus = 2;
    unsigned long cpus = 64;
    unsigned long guestKiB = 262144;
    unsigned long devices = 0;
    unsigned long i, k;
    int opt;

    while ((opt = getopt(argc, argv, "n:v:c:d:")) != -1) {
        switch (opt) {
        case 'n':
            if (parseCount(optarg, 1000000, &ndoms) < 0)
                goto usage;
            break;
        case 'v':
            if (parseCount(optarg, 128, &vcpus) < 0)
                goto usage;
            break;
        case 'c':
            if (parseCount(optarg, 4096, &cpus) < 0)
                goto usage;
            break;
        case 'd':
            if (parseCount(optarg, 26, &devices) < 0)
                goto usage;
            break;
        default:
            goto usage;
        }
    }
    if (ndoms == 0 || optind != argc)
        goto usage;

    printf("<node>\n"
           "  <hypervisor type='Xen' version='4.17.3'/>\n"
           "  <cpu>\n"
           "    <model>Benchmark CPU</model>\n"
           "    <mhz>2400</mhz>\n"
           "    <nodes>1</nodes>\n"
           "    <sockets>1</sockets>\n"
           "    <cores>%lu</cores>\n"
           "    <threads>1</threads>\n"
           "  </cpu>\n"
           "  <memory>%lu</memory>\n",
           cpus, (ndoms + 2) * guestKiB * 2);
    printf("  <domain type='xen' id='0'>\n"
           "    <name>Domain-0</name>\n"
           "    <uuid>00000000-0000-0000-0000-000000000000</uuid>\n"
           "    <os><type>linux</type></os>\n"
           "    <memory>%lu</memory>\n"
           "    <vcpu>%lu</vcpu>\n"
           "  </domain>\n",
           guestKiB * 2, vcpus);
    for (i = 1; i <= ndoms; i++) {
        int running = i % 5 != 0;
        const char *state = !running      ? "shutoff"
                            : i % 10 == 1 ? "paused"
                                          : "running";

        printf("  <domain type='xen'");
        if (running)
            printf(" id='%lu'", i);
        printf(" state='%s'>\n"
               "    <name>guest%06lu</name>\n"
               "    <uuid>%08lx-0000-4000-8000-%012lx</uuid>\n"
               "    <os><type>linux</type><kernel>/boot/vmlinuz</kernel>"
               "</os>\n"
               "    <memory>%lu</memory>\n"
               "    <currentMemory>%lu</currentMemory>\n"
               "    <vcpu>%lu</vcpu>\n"
               "    <devices>\n",
               state, i, i, i, guestKiB * 2, guestKiB, vcpus);
        if (devices == 0)
            printf("      <disk type='file' device='disk'><source "
                   "file='/var/lib/xen/guest%06lu.img'/><target dev='xvda'/>"
                   "</disk>\n",
                   i);
        for (k = 0; k < devices; k++) {
            printf("      <disk type='file' device='disk'><source "
                   "file='/var/lib/xen/guest%06lu-%lu.img'/>"
                   "<target dev='xvd%c'/>",
                   i, k, (int)('a' + k));
            if (running)
                printf("<stats rd_req='%lu' rd_bytes='%lu'/>"
                       "<rates rd_req='10' rd_bytes='40960' wr_req='5'"
                       " wr_bytes='20480'/>",
                       i * 100, i * 409600);
            printf("</disk>\n");
        }
        for (k = 0; k < devices; k++) {
            printf("      <interface type='bridge'><mac "
                   "address='00:16:3e:%02lx:%02lx:%02lx'/>"
                   "<source bridge='xenbr0'/>",
                   (i >> 8) & 0xff, i & 0xff, k);
            if (running)
                printf("<stats rx_bytes='%lu' rx_packets='%lu'/>"
                       "<rates rx_bytes='15000' rx_packets='10'"
                       " tx_bytes='3000' tx_packets='5'/>",
                       i * 1500, i);
            printf("</interface>\n");
        }
        printf("    </devices>\n"
               "  </domain>\n");
    }
    printf("</node>\n");
    return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;

usage:
    fprintf(stderr, "usage: %s -n DOMAINS [-v VCPUS] [-c CPUS] [-d DEVICES]\n",
            argv[0]);
    return EXIT_FAILURE;
}
