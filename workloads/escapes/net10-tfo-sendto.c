/* sandbench-attempt
id: NET-10
name: tcp-fastopen-sendto
category: network
exercises: both
does: >-
  socket(AF_INET, SOCK_STREAM), then sendto(buf, MSG_FASTOPEN, 127.0.0.1:forbidden port)
  without connect(2)
lesson: >-
  TCP Fast Open connects inside sendto(2): the kernel calls __inet_stream_connect from
  tcp_sendmsg_fastopen, not through connect(2).  A rule on connect is only as good as every
  path that reaches a connection; landlock-lsm/linux#41 reported this one as unmediated.
evidence: [listener:tcp4-forbidden]
catalogue: beyond the catalogue (landlock-lsm/linux#41, open since 2024-10)
host: [sysctl net.ipv4.tcp_fastopen >= 1]
kernel-note: >-
  Observed on Linux 6.18 (ABI 7): the fast-open connect to the forbidden port fails with
  EACCES and the listener logs nothing, so the gap reported in landlock-lsm/linux#41 does not
  reproduce here; which change closed it was not established.  The attempt stays as a
  regression check.
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

#ifndef MSG_FASTOPEN
#define MSG_FASTOPEN 0x20000000 /* Linux 3.7 */
#endif

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int s = (int)SBX_TRY("socket", "AF_INET stream", socket(AF_INET, SOCK_STREAM, 0));
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)sbx_env_long("SBX_TCP_FORBIDDEN")) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (s >= 0)
		SBX_TRY("sendto", "MSG_FASTOPEN 127.0.0.1:forbidden", sendto(s, "tfo", 3, MSG_FASTOPEN, (struct sockaddr *)&a, sizeof a));
	sbx_done();
}
