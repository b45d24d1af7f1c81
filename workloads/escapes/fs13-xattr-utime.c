/* sandbench-attempt
id: FS-13
name: xattr-utime
category: filesystem
exercises: objects
does: >-
  setxattr("<ws>/secret/canary", "user.sandbench", ...), then utimensat(AT_FDCWD, canary,
  {0, 0}, 0)
lesson: >-
  Extended attributes and timestamps are metadata Landlock leaves alone; xattrs can carry
  data (a covert channel) or security labels, timestamps hide tampering.
evidence: [file-changed:secret/canary]
catalogue: FS-10
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/xattr.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	const char *c = sbx_env("SBX_CANARY");
	SBX_TRY("setxattr", "user.sandbench", setxattr(c, "user.sandbench", "x", 1, 0));
	struct timespec t[2] = { { 0, 0 }, { 0, 0 } };
	SBX_TRY("utimensat", "epoch", utimensat(AT_FDCWD, c, t, 0));
	sbx_done();
}
