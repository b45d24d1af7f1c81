/* sandbench-attempt
id: FS-11
name: open-trunc
category: filesystem
exercises: both
does: openat(AT_FDCWD, "<ws>/secret/canary", O_RDONLY|O_TRUNC)
lesson: >-
  The same damage through a flag of an allowed call: S1 forbids truncate(2) but allows openat
  with any flags, and O_TRUNC empties the file even with O_RDONLY.  Landlock checks TRUNCATE
  (ABI 3) and READ_FILE on the object.
evidence: [file-changed:secret/canary]
catalogue: FS-09 (O_TRUNC)
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
	SBX_TRY("openat", "canary O_RDONLY|O_TRUNC", openat(AT_FDCWD, sbx_env("SBX_CANARY"), O_RDONLY | O_TRUNC));
	sbx_done();
}
