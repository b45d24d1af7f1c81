/*
 * sb-udp-sink: holds a loopback UDP port bound, then becomes the trial's command.
 *
 *   sb-udp-sink PORT -- COMMAND [ARG...]
 *
 * It is the harness's udp-sink service (a bound socket that is never drained) where the
 * harness cannot open one itself: inside a guest.  The socket is bound to 127.0.0.1:PORT
 * without close-on-exec and COMMAND replaces this process (execv, no fork), so the port
 * stays bound exactly as long as the trial runs, nothing reads it (a full receive queue
 * drops datagrams and sendto(2) still succeeds, as on the host), and nothing of this
 * program runs beside the workload.  The workload inherits one extra descriptor.
 *
 * Failures are protocol lines (docs/protocol.md) with exit 125, as the launcher's setup.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fail(const char *detail, int err, const char *message)
{
	printf("SB1 error op=udp-sink detail=%s errno=%d message=%s\n", detail, err, message);
	fflush(stdout);
	return 125;
}

int main(int argc, char **argv)
{
	if (argc < 4 || strcmp(argv[2], "--") != 0)
		return fail("usage", 0, "sb-udp-sink PORT -- COMMAND [ARG...]");
	char *end;
	long port = strtol(argv[1], &end, 10);
	if (*end != '\0' || port < 1 || port > 65535)
		return fail("usage", 0, "PORT must be 1-65535");
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	if (s < 0)
		return fail("socket", errno, strerror(errno));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&a, sizeof a) != 0)
		return fail("bind", errno, strerror(errno));
	execv(argv[3], argv + 3);
	return fail("exec", errno, strerror(errno));
}
