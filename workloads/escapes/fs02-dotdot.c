/* sandbench-attempt
id: FS-02
name: dotdot
category: filesystem
exercises: objects
does: >-
  openat(AT_FDCWD, "<ws>/allowed", O_RDONLY|O_DIRECTORY), then
  openat(allowed_fd, "../secret/canary", O_RDONLY) and read(2)
lesson: >-
  A descriptor to an allowed directory is not a capability to what lies beside it: ".."
  walks out of the tree.  Landlock checks the object finally reached (a file outside every
  rule); seccomp sees only a descriptor number and a pointer.
evidence: [token:canary]
catalogue: FS-02
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED
  seccomp+landlock: BLOCKED
  seccomp-naive: BLOCKED
*/
#include <fcntl.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int dfd = (int)SBX_TRY("openat", "allowed dir", openat(AT_FDCWD, sbx_env("SBX_ALLOWED"), O_RDONLY | O_DIRECTORY));
	if (dfd >= 0)
		sbx_open_found("openat", dfd, "../secret/canary", "canary");
	sbx_done();
}
