/* sandbench-attempt
id: FS-14
name: stat-probe
category: filesystem
exercises: objects
does: newfstatat(AT_FDCWD, "<ws>/secret/canary", &st, 0); reports st_ino and st_size
lesson: >-
  Existence, size, inode and times of files outside the policy leak through stat, which
  Landlock does not mediate and S1 allows: nothing here stops this oracle.
evidence: [stat:secret/canary]
catalogue: FS-11
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: ESCAPED
  seccomp+landlock: ESCAPED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	struct stat st;
	if (SBX_TRY("newfstatat", "secret/canary", fstatat(AT_FDCWD, sbx_env("SBX_CANARY"), &st, 0)) == 0) {
		char v[64];
		int n = snprintf(v, sizeof v, "%llu:%lld", (unsigned long long)st.st_ino, (long long)st.st_size);
		sbx_found("stat", v, (size_t)n);
	}
	sbx_done();
}
