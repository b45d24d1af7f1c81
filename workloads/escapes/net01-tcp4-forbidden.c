/* sandbench-attempt
id: NET-01
name: tcp4-forbidden
category: network
exercises: objects
does: socket(AF_INET, SOCK_STREAM) and connect(127.0.0.1:forbidden port)
lesson: >-
  The address of connect(2) is behind a pointer: seccomp can allow or forbid connect, not a
  port.  Landlock (ABI 4, Linux 6.7) attaches TCP connect rights to port numbers.
evidence: [listener:tcp4-forbidden]
catalogue: NET-01
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED (abi>=4) else ESCAPED
  seccomp+landlock: BLOCKED (abi>=4) else ESCAPED
  seccomp-naive: ESCAPED
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int s = (int)SBX_TRY("socket", "AF_INET stream", socket(AF_INET, SOCK_STREAM, 0));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)sbx_env_long("SBX_TCP_FORBIDDEN")) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s >= 0)
		SBX_TRY("connect", "127.0.0.1:forbidden", connect(s, (struct sockaddr *)&a, sizeof a));
	sbx_done();
}
