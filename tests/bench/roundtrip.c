/*
 * roundtrip.c: what one request-response round trip between two
 * processes costs on this machine, the floor under any AgentX request.
 *
 *     roundtrip [-n ROUNDS]
 *
 * A parent and a child exchange one byte over a Unix stream socket
 * ROUNDS times (default 20000); the child waits in select() before each
 * read, as an AgentX subagent waits for its master.  Prints one line:
 *
 *     rounds N cpu_us_per_round X
 *
 * where X is the child's CPU (user + system) per round.  An AgentX
 * request costs the subagent this wake-up plus net-snmp's own system
 * calls and the work of answering; on a virtual machine whose host is
 * busy the wake-up alone can cost several times what it costs on a quiet
 * one, so the agent benchmark prints this beside its own figure.
 */

#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int
childLoop(int fd, long rounds)
{
    char byte;
    fd_set rfds;
    long i;

    for (i = 0; i < rounds; i++) {
        FD_ZERO(&rfds);
        FD_SET(fd, &rfds);
        if (select(fd + 1, &rfds, NULL, NULL, NULL) < 0 ||
            read(fd, &byte, 1) != 1 || write(fd, &byte, 1) != 1)
            return EXIT_FAILURE;
    }
    return EXIT_SUCCESS;
}

int
main(int argc, char **argv)
{
    struct rusage ru;
    long rounds = 20000;
    char byte = 'x';
    double us;
    pid_t pid;
    int status;
    int sv[2];
    long i;
    int opt;

    while ((opt = getopt(argc, argv, "n:")) != -1) {
        if (opt != 'n' || (rounds = strtol(optarg, NULL, 10)) <= 0) {
            fprintf(stderr, "usage: roundtrip [-n ROUNDS]\n");
            return EXIT_FAILURE;
        }
    }
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
        fprintf(stderr, "roundtrip: socketpair: %s\n", strerror(errno));
        return EXIT_FAILURE;
    }
    if ((pid = fork()) < 0) {
        fprintf(stderr, "roundtrip: fork: %s\n", strerror(errno));
        return EXIT_FAILURE;
    }
    if (pid == 0) {
        close(sv[0]);
        _exit(childLoop(sv[1], rounds));
    }
    close(sv[1]);
    for (i = 0; i < rounds; i++) {
        if (write(sv[0], &byte, 1) != 1 || read(sv[0], &byte, 1) != 1)
            break;
    }
    close(sv[0]);
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
        WEXITSTATUS(status) != 0 || i < rounds) {
        fprintf(stderr, "roundtrip: the exchange broke off after %ld rounds\n",
                i);
        return EXIT_FAILURE;
    }
    if (getrusage(RUSAGE_CHILDREN, &ru) < 0) {
        fprintf(stderr, "roundtrip: getrusage: %s\n", strerror(errno));
        return EXIT_FAILURE;
    }
    us = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
         (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
    printf("rounds %ld cpu_us_per_round %.1f\n", rounds, us / (double)rounds);
    return EXIT_SUCCESS;
}
