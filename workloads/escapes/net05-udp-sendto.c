/* sandbench-attempt
id: NET-05
name: udp-sendto
category: network
exercises: objects
does: socket(AF_INET, SOCK_DGRAM) and sendto(127.0.0.1:UDP sink) of one datagram
lesson: >-
  Landlock's network rules cover TCP only: a DNS-style datagram to any port leaves every model
  here that allows sendto.  Exfiltration over UDP needs a filter on socket types or a network
  namespace.
evidence: [listener:udp4-sink]
catalogue: NET-03
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
	int s = (int)SBX_TRY("socket", "AF_INET dgram", socket(AF_INET, SOCK_DGRAM, 0));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)sbx_env_long("SBX_UDP_SINK")) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s >= 0)
		SBX_TRY("sendto", "127.0.0.1:udp-sink", sendto(s, "exfil", 5, 0, (struct sockaddr *)&a, sizeof a));
	sbx_done();
}
