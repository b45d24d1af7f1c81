/* sandbench-attempt
id: IPC-12
name: sysv-shm
category: ipc-process
exercises: objects
requires: [shm]
does: shmget(key, 0, 0) of the jail's segment (owned by the sandbox uid) and shmat(2); reads the token
lesson: >-
  SysV IPC objects live in a global, key-addressed namespace that no path rule covers and
  Landlock does not scope: only a filter on the calls (or an IPC namespace) keeps them out.
evidence: [token:shm, shm-attached]
catalogue: IPC-08
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <string.h>
#include <sys/shm.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int id = (int)SBX_TRY("shmget", "harness key", shmget((key_t)sbx_env_long("SBX_SHM_KEY"), 0, 0));
	if (id >= 0) {
		sbx_try_begin("shmat", "segment");
		char *p = shmat(id, NULL, SHM_RDONLY);
		sbx_try_end("shmat", p == (void *)-1 ? -1 : 0);
		if (p != (void *)-1)
			sbx_found("shm", p, strnlen(p, 64));
	}
	sbx_done();
}
