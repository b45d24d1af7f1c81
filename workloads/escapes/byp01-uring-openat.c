/* sandbench-attempt
id: BYP-01
name: io-uring-openat
category: filter-bypass
exercises: both
does: >-
  io_uring_setup, then IORING_OP_OPENAT of the canary and IORING_OP_READ of it, submitted
  through io_uring_enter -- no openat(2) or read(2) system call is made
lesson: >-
  seccomp sees system calls, and io_uring operations are not system calls: a denylist of
  open* is blind to an OPENAT submitted through a ring.  The allowlist kills io_uring_setup
  itself; Landlock checks the open in the kernel's open path whatever submitted it.
evidence: [token:canary]
catalogue: BYP-01
host: [sysctl kernel.io_uring_disabled == 0]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
#include <string.h>

#include "sbx.h"
#include "sbx_uring.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	struct sbx_uring u = { .fd = -1 };
	if (SBX_TRY("io_uring_setup", "4 entries", sbx_uring_init(&u, 4)) < 0)
		sbx_done();
	struct io_uring_sqe s;
	memset(&s, 0, sizeof s);
	s.opcode = IORING_OP_OPENAT;
	s.fd = AT_FDCWD;
	s.addr = (unsigned long)sbx_env("SBX_CANARY");
	s.open_flags = O_RDONLY;
	int failed;
	long fd = sbx_uring_run(&u, &s, &failed);
	if (failed) {
		sbx_try_end("io_uring_enter", -1);
		sbx_done();
	}
	if (sbx_uring_step("uring-openat", fd) < 0)
		sbx_done();
	static char buf[200];
	memset(&s, 0, sizeof s);
	s.opcode = IORING_OP_READ;
	s.fd = (int)fd;
	s.addr = (unsigned long)buf;
	s.len = sizeof buf;
	long n = sbx_uring_run(&u, &s, &failed);
	if (!failed && sbx_uring_step("uring-read", n) > 0)
		sbx_found("canary", buf, (size_t)n);
	sbx_done();
}
