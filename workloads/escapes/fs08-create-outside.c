/* sandbench-attempt
id: FS-08
name: create-outside
category: filesystem
exercises: objects
does: openat(AT_FDCWD, "<ws>/outside/new", O_CREAT|O_EXCL|O_WRONLY, 0644) and write(2)
lesson: >-
  Creating a file is an openat with O_CREAT: the flag is a register seccomp could check, the
  directory is not.  S1 allows openat with any flags; Landlock needs MAKE_REG beneath the
  directory.
evidence: [file-created:outside/new]
catalogue: FS-07
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
	char p[4096];
	snprintf(p, sizeof p, "%s/new", sbx_env("SBX_OUTSIDE"));
	int fd = (int)SBX_TRY("openat", "outside/new O_CREAT", openat(AT_FDCWD, p, O_CREAT | O_EXCL | O_WRONLY, 0644));
	if (fd >= 0)
		SBX_TRY("write", "outside/new", write(fd, "planted\n", 8));
	sbx_done();
}
