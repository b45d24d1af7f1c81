/* sandbench-attempt
id: IPC-02
name: kill-group
category: ipc-process
exercises: objects
requires: [victim]
does: kill(-victim_pgid, SIGUSR2) -- the victim's whole process group
lesson: >-
  A negative pid addresses a process group: one call reaches every process in it.  The
  Landlock signal scope is checked per target process.
evidence: [victim-signalled]
catalogue: IPC-02
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED (abi>=6) else ESCAPED
  seccomp+landlock: BLOCKED (abi>=6) else ESCAPED
  seccomp-naive: ESCAPED
*/
#include <signal.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	SBX_TRY("kill", "-victim_pgid SIGUSR2", kill(-(pid_t)sbx_env_long("SBX_VICTIM_PGID"), SIGUSR2));
	sbx_done();
}
