/* sandbench-attempt
id: FS-05
name: hardlink
category: filesystem
exercises: objects
does: >-
  linkat(AT_FDCWD, "<ws>/secret/canary", AT_FDCWD, "<ws>/allowed/stolen", 0), then
  openat + read of allowed/stolen
lesson: >-
  A hard link gives the secret a second name inside the allowed tree.  Landlock refuses to
  link a file into a directory where it would gain rights (EXDEV from ABI 2, REFER); seccomp
  can only forbid linkat altogether, which S1 does.
evidence: [file-created:allowed/stolen, token:canary]
catalogue: FS-05
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	char dst[4096];
	snprintf(dst, sizeof dst, "%s/stolen", sbx_env("SBX_ALLOWED"));
	if (SBX_TRY("linkat", "canary -> allowed/stolen", linkat(AT_FDCWD, sbx_env("SBX_CANARY"), AT_FDCWD, dst, 0)) == 0)
		sbx_open_found("openat", AT_FDCWD, dst, "stolen");
	sbx_done();
}
