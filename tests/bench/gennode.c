/*
 * gennode.c: writes a test-driver node file with N domains to stdout, for
 * the benchmarks.
 *
 *     gennode -n 10000 [-v VCPUS] [-c CPUS] > node.xml
 *
 * The host is sized to hold every domain: 4 of every 5 guests run (one in
 * ten of those paused), the rest are only defined.
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
    unsigned long i;
    int opt;

    while ((opt = getopt(argc, argv, "n:v:c:")) != -1) {
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
               "    <devices>\n"
               "      <disk type='file' device='disk'><source "
               "file='/var/lib/xen/guest%06lu.img'/><target dev='xvda'/>"
               "</disk>\n"
               "    </devices>\n"
               "  </domain>\n",
               state, i, i, i, guestKiB * 2, guestKiB, vcpus, i);
    }
    printf("</node>\n");
    return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;

usage:
    fprintf(stderr, "usage: %s -n DOMAINS [-v VCPUS] [-c CPUS]\n", argv[0]);
    return EXIT_FAILURE;
}
