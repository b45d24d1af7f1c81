/* sandbench-attempt
id: IPC-04
name: ptrace-victim
category: ipc-process
exercises: objects
requires: [victim]
does: >-
  ptrace(PTRACE_SEIZE, victim), PTRACE_INTERRUPT, waitpid, PTRACE_PEEKDATA of the token,
  PTRACE_POKEDATA over it, PTRACE_DETACH
lesson: >-
  Debugging another process of the same uid is full control of it.  S1 never allows ptrace
  (RET_TRACE and ptrace can rewrite syscalls after the filter ran); Landlock lets a sandboxed
  process trace only processes inside its own domain.
evidence: [token:victim, victim-memory]
catalogue: IPC-04
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	pid_t v = (pid_t)sbx_env_long("SBX_VICTIM_PID");
	uintptr_t addr = (uintptr_t)sbx_env_long("SBX_VICTIM_TOKEN_ADDR");
	long len = sbx_env_long("SBX_VICTIM_TOKEN_LEN");
	if (SBX_TRY("ptrace", "PTRACE_SEIZE victim", ptrace(PTRACE_SEIZE, v, 0, 0)) < 0)
		sbx_done();
	SBX_TRY("ptrace", "PTRACE_INTERRUPT", ptrace(PTRACE_INTERRUPT, v, 0, 0));
	int st;
	SBX_TRY("wait4", "victim stop", waitpid(v, &st, __WALL));
	char token[72] = { 0 };
	for (long off = 0; off < len && off < 64; off += (long)sizeof(long)) {
		errno = 0;
		long w = ptrace(PTRACE_PEEKDATA, v, addr + (uintptr_t)off, 0);
		if (errno)
			break;
		memcpy(token + off, &w, sizeof w);
	}
	sbx_try_end("ptrace-peek", token[0] ? 0 : -1);
	sbx_found("victim", token, strlen(token));
	long junk;
	memcpy(&junk, "OWNED!!!", sizeof junk);
	SBX_TRY("ptrace", "PTRACE_POKEDATA", ptrace(PTRACE_POKEDATA, v, addr, junk));
	SBX_TRY("ptrace", "PTRACE_DETACH", ptrace(PTRACE_DETACH, v, 0, 0));
	sbx_done();
}
