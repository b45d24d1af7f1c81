/* sandbench-attempt
id: FS-09
name: unlink-outside
category: filesystem
exercises: objects
does: unlinkat(AT_FDCWD, "<ws>/secret/tomb", 0)
lesson: >-
  Destroying is as much an escape as reading.  Landlock's REMOVE_FILE is denied outside the
  rules; seccomp can only forbid unlinkat everywhere, including in the work directory.
evidence: [file-gone:secret/tomb]
catalogue: FS-08
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	SBX_TRY("unlinkat", "secret/tomb", unlinkat(AT_FDCWD, sbx_env("SBX_TOMB"), 0));
	sbx_done();
}
