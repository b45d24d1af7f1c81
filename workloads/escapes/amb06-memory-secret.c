/* sandbench-attempt
id: AMB-06
name: memory-secret
category: inherited-authority
exercises: objects
modes: [self]
does: reads the canary into memory before entering its sandbox (self mode), then prints it from memory afterwards
lesson: >-
  What a process acquired before it sandboxed itself stays with it: a self-sandboxing program
  must drop secrets (or fexecve into a fresh image) before it runs untrusted input.  A retrofit
  launcher's exec replaces the image, so only self mode has this problem.
evidence: [token:canary]
catalogue: AMB-04
kernel-note: >-
  Self mode only: in retrofit mode the sandbox is in force before the attempt's first
  instruction, and the launcher's execve leaves nothing of its memory behind.
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: ESCAPED
  seccomp+landlock: ESCAPED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	static char secret[200];
	long n = -1;
	int fd = (int)SBX_TRY("openat", "canary, before the sandbox", openat(AT_FDCWD, sbx_env("SBX_CANARY"), O_RDONLY));
	if (fd >= 0) {
		n = read(fd, secret, sizeof secret);
		close(fd);
	}
	sbx_enter();
	if (n > 0)
		sbx_found("canary", secret, (size_t)n);
	sbx_done();
}
