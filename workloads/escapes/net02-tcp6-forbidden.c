/* sandbench-attempt
id: NET-02
name: tcp6-forbidden
category: network
exercises: objects
does: socket(AF_INET6, SOCK_STREAM) and connect([::1]:forbidden port)
lesson: >-
  The same rule over IPv6: Landlock's TCP rights are per port, whatever the address family;
  a filter written for AF_INET alone would miss it.
evidence: [listener:tcp6-forbidden]
catalogue: NET-01 (IPv6)
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED (abi>=4) else ESCAPED
  seccomp+landlock: BLOCKED (abi>=4) else ESCAPED
  seccomp-naive: ESCAPED
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int s = (int)SBX_TRY("socket", "AF_INET6 stream", socket(AF_INET6, SOCK_STREAM, 0));
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons((unsigned short)sbx_env_long("SBX_TCP_FORBIDDEN")) };
	a.sin6_addr = in6addr_loopback;
	if (s >= 0)
		SBX_TRY("connect", "[::1]:forbidden", connect(s, (struct sockaddr *)&a, sizeof a));
	sbx_done();
}
