/*
 * cap-sweep: the Capsicum sweep's workload (FreeBSD only; docs/vm.md, "Capsicum sweep").
 * One operation on one descriptor whose rights mask, ioctl list and capability mode
 * are given on the command line, each axis moved alone by the harness:
 *
 *   --op read|ioctl|getpid   read(2) of one byte from /dev/zero, ioctl(FIONREAD) on a pipe,
 *                            or getpid(2) (no descriptor: capability mode's own cost)
 *   --rights LIST|all        cap_rights_limit(2) with these rights (CAP_READ,CAP_FSTAT,...)
 *   --ioctls N|all           cap_ioctls_limit(2) with N commands: N-1 fillers _IO('z', i) that no
 *                            driver implements (sys/ioccom.h), then the measured FIONREAD last
 *   --capmode 0|1            cap_enter(2) before measuring
 *
 * The kernel checks rights with a constant-time mask test (cap_rights_contains) and
 * ioctls with a linear scan of the list (sys/kern/sys_capability.c, cap_ioctl_check):
 * the sweep measures whether those shapes show through a system call.
 */
#include <sys/types.h>
#include <sys/capsicum.h>
#include <sys/ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sb_capsicum.h"
#include "sb_runtime.h"

enum op { OP_READ, OP_IOCTL, OP_GETPID };

struct ctx {
	enum op op;
	int fd;
};

static void loop(uint64_t n, void *p)
{
	struct ctx *c = p;
	char b;
	int avail;
	for (uint64_t i = 0; i < n; i++) {
		switch (c->op) {
		case OP_READ:
			if (read(c->fd, &b, 1) != 1)
				sb_fail_op("read", "/dev/zero", errno);
			break;
		case OP_IOCTL:
			if (ioctl(c->fd, FIONREAD, &avail) < 0)
				sb_fail_op("ioctl", "FIONREAD", errno);
			break;
		case OP_GETPID:
			(void)getpid();
			SB_CLOBBER();
			break;
		}
	}
}

static char *copy(const char *s)
{
	size_t n = strlen(s) + 1;
	char *c = malloc(n);
	if (!c)
		sb_fail_op("malloc", "-", ENOMEM);
	memcpy(c, s, n);
	return c;
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "cap-sweep");
	const char *op = sb_arg("op", "read");
	const char *rights = sb_arg("rights", "all");
	const char *ioctls = sb_arg("ioctls", "all");
	long capmode = sb_arg_long("capmode", 0);
	struct ctx c = { .op = !strcmp(op, "ioctl") ? OP_IOCTL : !strcmp(op, "getpid") ? OP_GETPID : OP_READ, .fd = -1 };
	int nrights = 0, nioctls = 0;

	if (c.op == OP_READ) {
		c.fd = open("/dev/zero", O_RDONLY | O_CLOEXEC);
		if (c.fd < 0)
			sb_fail_op("open", "/dev/zero", errno);
	} else if (c.op == OP_IOCTL) {
		int p[2];
		if (pipe(p) < 0)
			sb_fail_op("pipe", "-", errno);
		c.fd = p[0];
	}
	if (c.fd >= 0 && strcmp(rights, "all")) {
		cap_rights_t r;
		cap_rights_init(&r);
		char *list = copy(rights);
		for (char *save = NULL, *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			uint64_t v;
			if (sb_cap_right(t, &v))
				sb_fail_op("usage", t, EINVAL);
			cap_rights_set(&r, v);
			nrights++;
		}
		free(list);
		if (cap_rights_limit(c.fd, &r) < 0)
			sb_fail_op("cap_rights_limit", rights, errno);
	}
	if (c.fd >= 0 && strcmp(ioctls, "all")) {
		static cap_ioctl_t cmds[256];
		long n = atol(ioctls);
		if (n < 1 || n > 256)
			sb_fail_op("usage", "--ioctls must be all or 1..256", EINVAL);
		for (long i = 0; i < n - 1; i++)
			cmds[nioctls++] = _IO('z', (int)i);
		cmds[nioctls++] = FIONREAD;
		if (cap_ioctls_limit(c.fd, cmds, (size_t)nioctls) < 0)
			sb_fail_op("cap_ioctls_limit", "-", errno);
	}
	if (capmode && cap_enter() < 0)
		sb_fail_op("cap_enter", "-", errno);
	printf("SB1 enforced capsicum-sweep op=%s rights=%d ioctls=%d capmode=%ld message=%s rights, %s ioctls, "
	       "capability mode %s\n", op, nrights, nioctls, capmode, strcmp(rights, "all") ? "limited" : "all",
	       strcmp(ioctls, "all") ? "limited" : "all", capmode ? "on" : "off");
	sb_ready();
	return sb_measure(loop, &c);
}
