/* sandbench-attempt
id: FS-17
name: memfd-exec
category: filesystem
exercises: objects
does: >-
  memfd_create(2), copy of its own image into it, execveat(memfd, "", ..., AT_EMPTY_PATH);
  the new image (stage 2) then tries openat + read of the canary
lesson: >-
  Fileless execution: a memfd is on no user-visible filesystem, so Landlock's EXECUTE right
  does not apply and the exec succeeds.  It is not an escape from the sandbox: the new image
  keeps the domain (and the seccomp filters), so stage 2 still cannot read the canary.
evidence: [token:canary]
confined-when: [step:stage2]
catalogue: FS-14
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: CONFINED
  seccomp+landlock: KILLED
  seccomp-naive: BLOCKED
expect-self:
  seccomp-naive: CONFINED
kernel-note: >-
  Under the naive filter the copy needs an open, which it denies in retrofit mode (BLOCKED);
  in self mode the copy is made before the filter exists, and the exec'd image is CONFINED.
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

extern char **environ;

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "--stage2")) {
		sbx_try_end("stage2", 0); /* the copied image runs */
		sbx_open_found("openat", AT_FDCWD, sbx_env("SBX_CANARY"), "canary");
		sbx_done();
	}
	/* Self mode acquires the copy before entering the sandbox, as a real program would. */
	int mfd = (int)SBX_TRY("memfd_create", "image", memfd_create("sbx-image", 0));
	if (mfd >= 0) {
		int src = (int)SBX_TRY("openat", "/proc/self/exe", openat(AT_FDCWD, "/proc/self/exe", O_RDONLY));
		char buf[65536];
		ssize_t n;
		while (src >= 0 && (n = read(src, buf, sizeof buf)) > 0)
			if (write(mfd, buf, (size_t)n) != n)
				break;
	}
	sbx_enter();
	if (mfd >= 0) {
		char *args[] = { argv[0], "--stage2", NULL };
		SBX_TRY("execveat", "memfd AT_EMPTY_PATH", syscall(SYS_execveat, mfd, "", args, environ, AT_EMPTY_PATH));
	}
	sbx_done();
}
