/* sandbench-attempt
id: IPC-09
name: proc-fd-reopen
category: ipc-process
exercises: objects
requires: [victim]
does: openat("/proc/<victim>/fd/3", O_RDONLY) -- reopens a file through another process's descriptor
lesson: >-
  /proc/PID/fd/N are magic links: opening one reopens the victim's file whatever its path and
  permissions on the way.  Landlock treats the link as procfs (outside the rules) and applies
  the ptrace check.
evidence: [token:held]
catalogue: IPC-06
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED
  seccomp+landlock: BLOCKED
  seccomp-naive: BLOCKED
*/
#include <fcntl.h>
#include <stdio.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	char p[64];
	snprintf(p, sizeof p, "/proc/%ld/fd/%ld", sbx_env_long("SBX_VICTIM_PID"), sbx_env_long("SBX_VICTIM_HELD_FD"));
	sbx_open_found("openat", AT_FDCWD, p, "held");
	sbx_done();
}
