/* sandbench-attempt
id: FS-07
name: rename-plant
category: filesystem
exercises: objects
does: renameat(AT_FDCWD, "<ws>/allowed/file", AT_FDCWD, "<ws>/outside/planted")
lesson: >-
  The reverse direction: planting data the sandbox wrote into a place outside it, where
  another program will pick it up.  Landlock denies creating a name outside the rules.
evidence: [file-created:outside/planted]
catalogue: FS-06 (reverse)
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
	snprintf(dst, sizeof dst, "%s/planted", sbx_env("SBX_OUTSIDE"));
	SBX_TRY("renameat", "allowed/file -> outside/planted", renameat(AT_FDCWD, sbx_env("SBX_ALLOWED_FILE"), AT_FDCWD, dst));
	sbx_done();
}
