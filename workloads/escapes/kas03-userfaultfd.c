/* sandbench-attempt
id: KAS-03
name: userfaultfd
category: kernel-attack-surface
exercises: syscalls
does: userfaultfd(O_CLOEXEC | UFFD_USER_MODE_ONLY), then holds the descriptor
lesson: >-
  userfaultfd lets a process stall the kernel in the middle of a copy from user memory: the
  classic way to widen a race window.  vm.unprivileged_userfaultfd=0 still allows the
  user-mode-only variant (Linux 5.11), which cannot stall kernel-mode faults.
evidence: ["fd:anon_inode:[userfaultfd]"]
catalogue: KAS-03
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

#ifndef UFFD_USER_MODE_ONLY
#define UFFD_USER_MODE_ONLY 1 /* Linux 5.11 */
#endif

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	if (SBX_TRY("userfaultfd", "UFFD_USER_MODE_ONLY", syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY)) >= 0)
		sbx_hold();
	sbx_done();
}
