/* sandbench-attempt
id: BYP-03
name: int80-open
category: filter-bypass
exercises: syscalls
does: >-
  int $0x80 with eax=5 (i386 open) on the canary path (in MAP_32BIT memory), then int $0x80
  eax=3 (i386 read) -- the 32-bit system-call gate of a 64-bit process
lesson: >-
  A seccomp filter compares numbers, and numbers mean different calls on different
  architectures: i386 open is 5, which is x86-64 fstat.  A filter that does not check
  seccomp_data.arch lets i386 open through.  libseccomp's filters check the arch (S1 kills);
  Landlock's hooks do not care which gate the open came through.
evidence: [token:canary]
catalogue: BYP-03
host: [kconfig CONFIG_IA32_EMULATION]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>

#include "sbx.h"
#include "sbx_int80.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	char *low = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED)
		sbx_na("no memory below 4 GiB (MAP_32BIT)");
	strncpy(low, sbx_env("SBX_CANARY"), 4095);
	long fd = SBX_TRY("int80-open", "i386 open(5) canary", sbx_int80(SBX_I386_OPEN, (long)low, O_RDONLY, 0));
	if (fd >= 0) {
		long n = SBX_TRY("int80-read", "i386 read(3)", sbx_int80(SBX_I386_READ, fd, (long)(low + 4096), 200));
		if (n > 0)
			sbx_found("canary", low + 4096, (size_t)n);
	}
	sbx_done();
}
