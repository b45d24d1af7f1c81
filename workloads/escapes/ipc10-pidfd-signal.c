/* sandbench-attempt
id: IPC-10
name: pidfd-signal
category: ipc-process
exercises: both
requires: [victim]
does: pidfd_open(victim, 0) and pidfd_send_signal(pidfd, SIGUSR1)
lesson: >-
  A second road to the same signal: a filter that restricts kill's arguments must also know
  pidfd_send_signal.  Landlock's signal scope sits on the permission check both reach.
evidence: [victim-signalled]
catalogue: beyond the catalogue (pidfd)
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED (abi>=6) else ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int pfd = (int)SBX_TRY("pidfd_open", "victim", syscall(SYS_pidfd_open, (pid_t)sbx_env_long("SBX_VICTIM_PID"), 0));
	if (pfd >= 0)
		SBX_TRY("pidfd_send_signal", "SIGUSR1", syscall(SYS_pidfd_send_signal, pfd, SIGUSR1, NULL, 0));
	sbx_done();
}
