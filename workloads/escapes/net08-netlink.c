/* sandbench-attempt
id: NET-08
name: netlink-recon
category: network
exercises: syscalls
does: >-
  socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE), sendto(RTM_GETLINK dump), recvfrom; reports
  how many interfaces the kernel described
lesson: >-
  Reconnaissance through a socket family the workload never needed: only a filter on
  socket's domain argument (a register) can stop it; Landlock does not mediate netlink.
evidence: [step:netlink-dump]
catalogue: NET-07
kernel-note: >-
  Evidence is the attempt's own count of RTM_NEWLINK messages: nothing outside the process
  changes.  In the jail's network namespace the only interface is lo.
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: ESCAPED
  seccomp+landlock: ESCAPED
  seccomp-naive: ESCAPED
*/
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int s = (int)SBX_TRY("socket", "AF_NETLINK route", socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE));
	if (s < 0)
		sbx_done();
	struct {
		struct nlmsghdr h;
		struct ifinfomsg i;
	} req;
	memset(&req, 0, sizeof req);
	req.h.nlmsg_len = sizeof req;
	req.h.nlmsg_type = RTM_GETLINK;
	req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.h.nlmsg_seq = 1;
	req.i.ifi_family = AF_UNSPEC;
	struct sockaddr_nl k = { .nl_family = AF_NETLINK };
	if (SBX_TRY("sendto", "RTM_GETLINK", sendto(s, &req, sizeof req, 0, (struct sockaddr *)&k, sizeof k)) < 0)
		sbx_done();
	static char buf[65536];
	long links = 0;
	for (int done = 0; !done;) {
		long n = SBX_TRY("recvfrom", "dump", recvfrom(s, buf, sizeof buf, 0, NULL, NULL));
		if (n <= 0)
			break;
		for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
				done = 1;
			else if (h->nlmsg_type == RTM_NEWLINK)
				links++;
		}
	}
	sbx_try_end("netlink-dump", links > 0 ? links : -1);
	sbx_done();
}
