/* sandbench-attempt
id: BYP-04
name: x32-openat
category: filter-bypass
exercises: syscalls
does: syscall(0x40000000 | 257) -- x32 openat -- on the canary
lesson: >-
  x32 system calls share AUDIT_ARCH_X86_64 and differ only by bit 30 of the number: a filter
  that checks the arch but not nr < 0x40000000 misses them.  libseccomp rejects them; kernels
  built without CONFIG_X86_X32_ABI answer ENOSYS to everyone.
evidence: [token:canary]
catalogue: BYP-04
host: [kconfig CONFIG_X86_X32_ABI]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

#define SBX_X32_BIT 0x40000000L

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	long fd = SBX_TRY("x32-openat", "canary", syscall(SBX_X32_BIT | SYS_openat, AT_FDCWD, sbx_env("SBX_CANARY"), O_RDONLY));
	if (fd >= 0)
		sbx_found_fd("canary", (int)fd);
	sbx_done();
}
