/* sandbench-attempt
id: IPC-08
name: proc-environ
category: ipc-process
exercises: objects
requires: [victim]
does: openat("/proc/<victim>/environ") and read(2) -- the victim's environment holds a secret
lesson: >-
  Secrets in another process's environment are a file read away for the same uid.
evidence: [token:victim-env]
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
	snprintf(p, sizeof p, "/proc/%ld/environ", sbx_env_long("SBX_VICTIM_PID"));
	sbx_open_found("openat", AT_FDCWD, p, "victim-environ");
	sbx_done();
}
