/* sandbench-attempt
id: IPC-01
name: kill-victim
category: ipc-process
exercises: objects
requires: [victim]
does: kill(victim_pid, SIGUSR1) -- a process the harness started under the same uid
lesson: >-
  Same uid means same authority: any process of the user can be signalled.  seccomp allows
  kill for raise(3) and cannot see whose pid it is; Landlock ABI 6 (Linux 6.12) scopes signals
  to the sandbox's own domain.
evidence: [victim-signalled]
catalogue: IPC-01
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
	SBX_TRY("kill", "victim SIGUSR1", kill((pid_t)sbx_env_long("SBX_VICTIM_PID"), SIGUSR1));
	sbx_done();
}
