/* sandbench-attempt
id: IPC-03
name: kill-all
category: ipc-process
exercises: objects
requires: [pidns, victim]
does: kill(-1, SIGUSR1) -- every process the caller may signal; only ever inside the jail's PID namespace
lesson: >-
  kill(-1) signals everything the uid can reach.  Under a Landlock signal scope it returns 0
  although nothing outside the domain was signalled: the kernel reports success when any
  target was merely refused, which is why the harness judges from the victim, not the return value.
evidence: [victim-signalled]
catalogue: IPC-02 (kill(-1), in a PID namespace only)
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED (abi>=6) else ESCAPED
  seccomp+landlock: BLOCKED (abi>=6) else ESCAPED
  seccomp-naive: ESCAPED
*/
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	/* Safety (SPEC): never kill(-1) outside a PID namespace.  The harness only runs this attempt
	 * when the jail created one; the check below is the second lock. */
	const char *ns = sbx_env_opt("SBX_PIDNS");
	if (!ns || strcmp(ns, "1"))
		sbx_na("no PID namespace: kill(-1) is never issued outside one");
	SBX_TRY("kill", "-1 SIGUSR1", kill(-1, SIGUSR1));
	sbx_done();
}
