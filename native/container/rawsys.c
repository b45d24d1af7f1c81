/*
 * sb-rawsys: one raw system call by number, for the container agreement tables
 * (after bubblewrap's try-syscall and sb-try): what a filter does to calls no libc
 * wrapper makes, such as those above the highest number a profile names, which runc
 * answers with ENOSYS (runc libcontainer/seccomp/patchbpf).
 *
 *   sb-rawsys NR [ARG...]      up to six arguments, decimal or 0x hex, may be negative
 *
 * Output, one line: "ok", "errno N", or "sigsys NR" (default action trap); exit 0, 1, 4.
 * Only for calls whose arguments make them harmless (null pointers, zero flags).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	char buf[64];
	int n = snprintf(buf, sizeof buf, "sigsys %d\n", si->si_syscall);
	if (write(1, buf, (size_t)n) < 0)
		_exit(5);
	_exit(4);
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 8) {
		fprintf(stderr, "usage: sb-rawsys NR [ARG...] (at most six arguments)\n");
		return 2;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSYS, &sa, NULL);
	setvbuf(stdout, NULL, _IONBF, 0);
	long a[6] = { 0 };
	for (int i = 2; i < argc; i++)
		a[i - 2] = strtol(argv[i], NULL, 0);
	long nr = strtol(argv[1], NULL, 0);
	errno = 0;
	long rc = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	if (rc < 0) {
		printf("errno %d\n", errno);
		return 1;
	}
	printf("ok\n");
	return 0;
}
