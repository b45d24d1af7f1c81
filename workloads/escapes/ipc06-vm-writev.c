/* sandbench-attempt
id: IPC-06
name: vm-writev
category: ipc-process
exercises: objects
requires: [victim]
does: process_vm_writev(victim, token address) -- overwrites the victim's token
lesson: >-
  Writing another process's memory is code injection one step later.  The jail reads the
  victim's memory itself afterwards, so the attempt cannot claim a write that did not land.
evidence: [victim-memory]
catalogue: IPC-05
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/uio.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	char junk[8] = "OWNED!!";
	struct iovec l = { junk, sizeof junk }, r = { (void *)(uintptr_t)sbx_env_long("SBX_VICTIM_TOKEN_ADDR"), sizeof junk };
	SBX_TRY("process_vm_writev", "victim token", process_vm_writev((pid_t)sbx_env_long("SBX_VICTIM_PID"), &l, 1, &r, 1, 0));
	sbx_done();
}
