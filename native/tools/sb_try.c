/*
 * sb-try: performs exactly one operation and prints what happened, for the
 * enforcement tables (after bubblewrap's try-syscall).  Output, one line:
 *   ok                 the operation succeeded
 *   errno N            it failed with errno N
 *   sigsys NR          the seccomp filter trapped syscall NR (default action trap)
 * Exit code 0, 1 or 4 respectively; 2 for bad usage.
 *
 *   sb-try getpid | open PATH r|w|rw|creat | stat PATH | mkdir PATH | unlink PATH
 *        | connect-tcp PORT | bind-tcp PORT | udp-send PORT | kill PID SIG | exec PATH
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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

static int report(long rc)
{
	if (rc < 0) {
		printf("errno %d\n", errno);
		return 1;
	}
	printf("ok\n");
	return 0;
}

static struct sockaddr_in loopback(const char *port)
{
	struct sockaddr_in a;
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)atoi(port));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSYS, &sa, NULL);
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc < 2)
		goto usage;
	const char *op = argv[1];
	if (!strcmp(op, "getpid"))
		return report(syscall(SYS_getpid));
	if (!strcmp(op, "open") && argc == 4) {
		int flags = !strcmp(argv[3], "r") ? O_RDONLY : !strcmp(argv[3], "w") ? O_WRONLY
			  : !strcmp(argv[3], "rw") ? O_RDWR : O_WRONLY | O_CREAT | O_EXCL;
		return report(open(argv[2], flags | O_CLOEXEC, 0600));
	}
	if (!strcmp(op, "stat") && argc == 3) {
		struct stat st;
		return report(stat(argv[2], &st));
	}
	if (!strcmp(op, "mkdir") && argc == 3)
		return report(mkdir(argv[2], 0700));
	if (!strcmp(op, "unlink") && argc == 3)
		return report(unlink(argv[2]));
	if ((!strcmp(op, "connect-tcp") || !strcmp(op, "bind-tcp")) && argc == 3) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0)
			return report(fd);
		struct sockaddr_in a = loopback(argv[2]);
		return report(op[0] == 'c' ? connect(fd, (struct sockaddr *)&a, sizeof a) : bind(fd, (struct sockaddr *)&a, sizeof a));
	}
	if (!strcmp(op, "udp-send") && argc == 3) {
		int fd = socket(AF_INET, SOCK_DGRAM, 0);
		if (fd < 0)
			return report(fd);
		struct sockaddr_in a = loopback(argv[2]);
		return report(sendto(fd, "x", 1, 0, (struct sockaddr *)&a, sizeof a));
	}
	if (!strcmp(op, "kill") && argc == 4)
		return report(kill(atoi(argv[2]), atoi(argv[3])));
	if (!strcmp(op, "exec") && argc == 3) {
		char *args[] = { argv[2], NULL };
		execv(argv[2], args);
		return report(-1);
	}
usage:
	fprintf(stderr, "usage: sb-try getpid | open PATH r|w|rw|creat | stat PATH | mkdir PATH | unlink PATH |"
			" connect-tcp PORT | bind-tcp PORT | udp-send PORT | kill PID SIG | exec PATH\n");
	return 2;
}
