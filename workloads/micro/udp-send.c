/* udp-send: sendto() of one byte to a loopback UDP sink the harness opened.
 * Landlock does not mediate UDP; seccomp sees only the registers, never the address. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "sb_runtime.h"

struct ctx {
	int fd;
	struct sockaddr_in to;
};

static void loop(uint64_t n, void *p)
{
	struct ctx *c = p;
	char b = 'x';
	for (uint64_t i = 0; i < n; i++)
		if (sendto(c->fd, &b, 1, 0, (struct sockaddr *)&c->to, sizeof c->to) != 1)
			sb_fail_op("sendto", "udp 127.0.0.1", errno);
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "udp-send");
	long port = sb_arg_long("port", 0);
	if (port <= 0 || port > 65535)
		sb_fail_op("usage", "--port PORT (1-65535) is required", 0);
	struct ctx c;
	memset(&c, 0, sizeof c);
	c.to.sin_family = AF_INET;
	c.to.sin_port = htons((unsigned short)port);
	c.to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	c.fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (c.fd < 0)
		sb_fail_op("socket", "AF_INET SOCK_DGRAM", errno);
	sb_ready();
	return sb_measure(loop, &c);
}
