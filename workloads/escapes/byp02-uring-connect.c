/* sandbench-attempt
id: BYP-02
name: io-uring-connect
category: filter-bypass
exercises: both
naive-deny: [connect]
does: >-
  socket(AF_INET, SOCK_STREAM), then IORING_OP_CONNECT to 127.0.0.1:forbidden port through
  io_uring -- with connect(2) itself denied by the naive filter
lesson: >-
  The same blindness for the network: a filter that denies connect(2) does not see a connect
  submitted through a ring.  Landlock's TCP rule sits on the connect path both reach.
evidence: [listener:tcp4-forbidden]
catalogue: BYP-01 (IORING_OP_CONNECT)
host: [sysctl kernel.io_uring_disabled == 0]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED (abi>=4) else ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "sbx.h"
#include "sbx_uring.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int sock = (int)SBX_TRY("socket", "AF_INET stream", socket(AF_INET, SOCK_STREAM, 0));
	struct sbx_uring u = { .fd = -1 };
	if (sock < 0 || SBX_TRY("io_uring_setup", "4 entries", sbx_uring_init(&u, 4)) < 0)
		sbx_done();
	static struct sockaddr_in a;
	a.sin_family = AF_INET;
	a.sin_port = htons((unsigned short)sbx_env_long("SBX_TCP_FORBIDDEN"));
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct io_uring_sqe s;
	memset(&s, 0, sizeof s);
	s.opcode = IORING_OP_CONNECT;
	s.fd = sock;
	s.addr = (unsigned long)&a;
	s.off = sizeof a; /* addr2/off carries the address length */
	int failed;
	long r = sbx_uring_run(&u, &s, &failed);
	if (failed)
		sbx_try_end("io_uring_enter", -1);
	else
		sbx_uring_step("uring-connect", r);
	sbx_done();
}
