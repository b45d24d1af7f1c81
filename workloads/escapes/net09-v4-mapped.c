/* sandbench-attempt
id: NET-09
name: v4-mapped
category: network
exercises: objects
does: socket(AF_INET6, SOCK_STREAM) and connect([::ffff:127.0.0.1]:forbidden port)
lesson: >-
  An IPv4 address in IPv6 clothing reaches the IPv4 listener: filters or firewalls keyed on the
  address family are confused; Landlock keys on the port of the TCP connect.
evidence: [listener:tcp4-forbidden]
catalogue: beyond the catalogue (IPv4-mapped IPv6 address)
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
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &a.sin6_addr);
	if (s >= 0)
		SBX_TRY("connect", "[::ffff:127.0.0.1]:forbidden", connect(s, (struct sockaddr *)&a, sizeof a));
	sbx_done();
}
