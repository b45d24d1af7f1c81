/* sandbench-attempt
id: FS-03
name: abs-via-dirfd
category: filesystem
exercises: both
does: >-
  openat(allowed_fd, "<ws>/secret/canary", O_RDONLY): an absolute path ignores the
  directory descriptor
lesson: >-
  A seccomp rule "dirfd must not be AT_FDCWD" (a Capsicum emulation by filter) is defeated
  by an absolute path, which openat(2) resolves from the root whatever the descriptor.
  Landlock does not care how the path was spelled.
evidence: [token:canary]
catalogue: FS-03
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
		sbx_open_found("openat", dfd, sbx_env("SBX_CANARY"), "canary");
	sbx_done();
}
