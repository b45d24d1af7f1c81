/* sandbench-attempt
id: IPC-05
name: vm-readv
category: ipc-process
exercises: objects
requires: [victim]
does: process_vm_readv(victim, token address) -- another process's memory in one call
lesson: >-
  Cross-memory attach needs only ptrace access to the target, which a same-uid process has.
  Landlock applies its ptrace rule (EPERM for a target outside the domain); S1 has no reason
  to allow the call.
evidence: [token:victim]
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
	char buf[64];
	long len = sbx_env_long("SBX_VICTIM_TOKEN_LEN");
	struct iovec l = { buf, (size_t)len }, r = { (void *)(uintptr_t)sbx_env_long("SBX_VICTIM_TOKEN_ADDR"), (size_t)len };
	long n = SBX_TRY("process_vm_readv", "victim token", process_vm_readv((pid_t)sbx_env_long("SBX_VICTIM_PID"), &l, 1, &r, 1, 0));
	if (n > 0)
		sbx_found("victim", buf, (size_t)n);
	sbx_done();
}
