/* sandbench-attempt
id: NET-04
name: tcp-bind-backdoor
category: network
exercises: objects
does: >-
  socket + bind(127.0.0.1:backdoor port) + listen, asks the jail to connect ("SBX probe"),
  then poll + accept
lesson: >-
  Opening a listening port is a backdoor for anyone on the host.  Landlock's BIND_TCP (ABI 4)
  restricts it per port; S1 never allows bind, listen or accept.
evidence: [probe]
catalogue: NET-02
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED (abi>=4) else ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int port = (int)sbx_env_long("SBX_TCP_BACKDOOR");
	int s = (int)SBX_TRY("socket", "AF_INET stream", socket(AF_INET, SOCK_STREAM, 0));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s >= 0 && SBX_TRY("bind", "127.0.0.1:backdoor", bind(s, (struct sockaddr *)&a, sizeof a)) == 0 &&
	    SBX_TRY("listen", "backdoor", listen(s, 1)) == 0) {
		sbx_request_probe(port);
		struct pollfd p = { .fd = s, .events = POLLIN };
		if (poll(&p, 1, 2000) == 1)
			SBX_TRY("accept", "harness probe", accept(s, NULL, NULL));
	}
	sbx_done();
}
