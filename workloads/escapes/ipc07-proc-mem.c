/* sandbench-attempt
id: IPC-07
name: proc-mem
category: ipc-process
exercises: objects
requires: [victim]
does: openat("/proc/<victim>/mem", O_RDONLY) and pread(2) at the token address
lesson: >-
  procfs turns other processes into files: /proc/PID/mem is their memory.  S1 allows openat
  and pread, so it cannot tell this from reading a data file; Landlock denies it (the path is
  outside the rules, and procfs applies the ptrace check).
evidence: [token:victim]
catalogue: IPC-06
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED
  seccomp+landlock: BLOCKED
  seccomp-naive: BLOCKED
*/
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	char p[64], buf[64];
	snprintf(p, sizeof p, "/proc/%ld/mem", sbx_env_long("SBX_VICTIM_PID"));
	int fd = (int)SBX_TRY("openat", "/proc/victim/mem", openat(AT_FDCWD, p, O_RDONLY));
	long len = sbx_env_long("SBX_VICTIM_TOKEN_LEN");
	if (fd >= 0) {
		long n = SBX_TRY("pread64", "token", pread(fd, buf, (size_t)len, (off_t)sbx_env_long("SBX_VICTIM_TOKEN_ADDR")));
		if (n > 0)
			sbx_found("victim", buf, (size_t)n);
	}
	sbx_done();
}
