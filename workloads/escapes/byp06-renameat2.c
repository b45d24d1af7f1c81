/* sandbench-attempt
id: BYP-06
name: alt-renameat2
category: filter-bypass
exercises: syscalls
naive-deny: [rename, renameat]
does: renameat2(AT_FDCWD, canary, AT_FDCWD, "<ws>/allowed/stolen", 0) -- rename and renameat are denied
lesson: >-
  renameat2 (Linux 3.15) does what rename and renameat do; a denylist written before it, or
  by someone who did not know it, lets it through.
evidence: [file-gone:secret/canary, file-created:allowed/stolen]
catalogue: BYP-05
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	char dst[4096];
	snprintf(dst, sizeof dst, "%s/stolen", sbx_env("SBX_ALLOWED"));
	SBX_TRY("renameat2", "canary -> allowed/stolen", syscall(SYS_renameat2, AT_FDCWD, sbx_env("SBX_CANARY"), AT_FDCWD, dst, 0));
	sbx_done();
}
