/* sandbench-attempt
id: BYP-07
name: alt-execveat
category: filter-bypass
exercises: syscalls
naive-deny: [execve]
does: execveat(AT_FDCWD, "<ws>/bin/marker", argv, envp, 0) -- execve is denied
lesson: >-
  execveat (Linux 3.19) is execve with a directory descriptor; denying one and not the other
  leaves exec open.  S1 never allows execveat (only the launcher's execve); Landlock's EXECUTE
  right covers both.
evidence: [token:marker]
catalogue: BYP-05
modes: [self]
kernel-note: >-
  Self mode only: in retrofit mode a filter that denies execve also stops the launcher's own
  exec of the attempt (sb-launch: execve EPERM), so the row cannot exist there.
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

extern char **environ;

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	const char *m = sbx_env("SBX_MARKER");
	char *args[] = { (char *)m, NULL };
	SBX_TRY("execveat", "bin/marker", syscall(SYS_execveat, AT_FDCWD, m, args, environ, 0));
	sbx_done();
}
