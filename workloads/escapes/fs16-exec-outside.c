/* sandbench-attempt
id: FS-16
name: exec-outside
category: filesystem
exercises: both
does: execve("<ws>/bin/marker") -- a harness-planted program outside the allowed tree, mode 0711
lesson: >-
  Running a program is an object access (Landlock EXECUTE).  A seccomp filter applied by a
  launcher before exec (retrofit) must allow execve to start the workload at all, so it still
  allows it afterwards; a program that filters itself after start-up can forbid it.
evidence: [token:marker]
catalogue: FS-13
kernel-note: >-
  The catalogue expects K for seccomp: true of a filter installed after entry (self mode).
  In retrofit mode the launcher's filter must allow execve (models/data/seccomp-groups.yaml,
  _retrofit), so the marker runs: it prints its token, then dies at getuid, which S1 lacks.
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED
  seccomp+landlock: BLOCKED
  seccomp-naive: ESCAPED
expect-self:
  seccomp: KILLED
  seccomp+landlock: KILLED
*/
#include <unistd.h>

#include "sbx.h"

extern char **environ;

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	const char *m = sbx_env("SBX_MARKER");
	char *args[] = { (char *)m, NULL };
	SBX_TRY("execve", "bin/marker", execve(m, args, environ));
	sbx_done();
}
