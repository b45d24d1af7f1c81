/* sandbench-attempt
id: IPC-11
name: pidfd-getfd
category: ipc-process
exercises: objects
requires: [victim]
does: pidfd_open(victim), pidfd_getfd(pidfd, 3, 0) -- copies the victim's descriptor -- then read(2)
lesson: >-
  Descriptors are capabilities, and pidfd_getfd steals them from another process of the same
  uid (PTRACE_MODE_ATTACH).  Landlock's ptrace rule refuses a target outside the domain.
evidence: [token:held]
catalogue: beyond the catalogue (pidfd_getfd)
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int pfd = (int)SBX_TRY("pidfd_open", "victim", syscall(SYS_pidfd_open, (pid_t)sbx_env_long("SBX_VICTIM_PID"), 0));
	if (pfd >= 0) {
		int fd = (int)SBX_TRY("pidfd_getfd", "victim fd 3", syscall(SYS_pidfd_getfd, pfd, (int)sbx_env_long("SBX_VICTIM_HELD_FD"), 0));
		if (fd >= 0)
			sbx_found_fd("held", fd);
	}
	sbx_done();
}
