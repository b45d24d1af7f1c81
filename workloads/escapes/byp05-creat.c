/* sandbench-attempt
id: BYP-05
name: alt-creat
category: filter-bypass
exercises: syscalls
does: creat("<ws>/secret/canary", 0644) -- open(O_CREAT|O_WRONLY|O_TRUNC) under another number
lesson: >-
  A denylist must name every road to the same object: open, openat and openat2 are denied,
  creat (x86-64 number 85) is forgotten and truncates the canary.  An allowlist does not
  forget (S1 never allowed creat); Landlock checks the object whatever call reached it.
evidence: [file-changed:secret/canary]
catalogue: BYP-05
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	long fd = SBX_TRY("creat", "secret/canary", syscall(SYS_creat, sbx_env("SBX_CANARY"), 0644));
	if (fd >= 0)
		SBX_TRY("write", "canary", write((int)fd, "overwritten\n", 12));
	sbx_done();
}
