/* sandbench-attempt
id: KAS-05
name: io-uring-setup
category: kernel-attack-surface
exercises: syscalls
does: io_uring_setup(4, &params), then holds the ring descriptor
lesson: >-
  io_uring is a second system-call interface with a long CVE record; Docker, ChromeOS and
  Android deny it.  Landlock leaves the ring alone (its operations are still checked by the
  LSM hooks they reach).
evidence: ["fd:anon_inode:[io_uring]"]
catalogue: KAS-05
host: [sysctl kernel.io_uring_disabled == 0]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <linux/io_uring.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	struct io_uring_params p;
	memset(&p, 0, sizeof p);
	if (SBX_TRY("io_uring_setup", "4 entries", syscall(__NR_io_uring_setup, 4, &p)) >= 0)
		sbx_hold();
	sbx_done();
}
