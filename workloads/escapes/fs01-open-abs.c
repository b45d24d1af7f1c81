/* sandbench-attempt
id: FS-01
name: open-abs
category: filesystem
exercises: objects
does: openat(AT_FDCWD, "<ws>/secret/canary", O_RDONLY), then read(2)
lesson: >-
  seccomp sees the number of openat and its registers, never the path behind the
  pointer: it cannot tell the canary from an allowed file.  Landlock attaches the
  policy to the file hierarchy and denies the open.
evidence: [token:canary]
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED
  seccomp+landlock: BLOCKED
  seccomp-naive: BLOCKED
*/
#include <fcntl.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int fd = (int)SBX_TRY("openat", "canary", openat(AT_FDCWD, sbx_env("SBX_CANARY"), O_RDONLY));
	if (fd >= 0)
		sbx_found_fd("canary", fd);
	sbx_done();
}
