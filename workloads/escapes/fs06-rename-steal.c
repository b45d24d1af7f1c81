/* sandbench-attempt
id: FS-06
name: rename-steal
category: filesystem
exercises: objects
does: renameat(AT_FDCWD, "<ws>/secret/canary", AT_FDCWD, "<ws>/allowed/stolen")
lesson: >-
  Moving a file across the boundary of the allowed tree would both remove the secret from its
  place and make it readable.  Landlock needs REMOVE on the source, MAKE on the destination and,
  from ABI 2, REFER on both sides (EXDEV otherwise); seccomp can only forbid rename itself.
evidence: [file-gone:secret/canary, file-created:allowed/stolen]
catalogue: FS-06
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
#include <stdio.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	char dst[4096];
	snprintf(dst, sizeof dst, "%s/stolen", sbx_env("SBX_ALLOWED"));
	SBX_TRY("renameat", "canary -> allowed/stolen", renameat(AT_FDCWD, sbx_env("SBX_CANARY"), AT_FDCWD, dst));
	sbx_done();
}
