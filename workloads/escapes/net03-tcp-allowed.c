/* sandbench-attempt
id: NET-03
name: tcp-allowed
category: network
role: control
exercises: objects
does: socket(AF_INET, SOCK_STREAM) and connect(127.0.0.1:allowed port)
lesson: >-
  Control: the workload's own connection must work under every model; a model that stops it
  over-blocks.
evidence: [listener:tcp4-allowed]
catalogue: NET-01 (control)
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: ESCAPED
  seccomp+landlock: ESCAPED
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
	int s = (int)SBX_TRY("socket", "AF_INET stream", socket(AF_INET, SOCK_STREAM, 0));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)sbx_env_long("SBX_TCP_ALLOWED")) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s >= 0)
		SBX_TRY("connect", "127.0.0.1:allowed", connect(s, (struct sockaddr *)&a, sizeof a));
	sbx_done();
}
