/* sandbench-attempt
id: AMB-04
name: proc-self-environ
category: inherited-authority
exercises: objects
does: openat("/proc/self/environ") and read(2)
lesson: >-
  Blocking the file is not removing the secret: Landlock denies /proc/self/environ (procfs is
  outside the rules) and the naive filter denies the open, yet the same bytes are in the
  process's memory (AMB-03).
evidence: [token:env]
catalogue: AMB-03
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED
  seccomp+landlock: BLOCKED
  seccomp-naive: BLOCKED
*/
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	const char *name = sbx_env("SBX_SECRET_ENV");
	int fd = (int)SBX_TRY("openat", "/proc/self/environ", openat(AT_FDCWD, "/proc/self/environ", O_RDONLY));
	static char buf[65536];
	long n = fd >= 0 ? SBX_TRY("read", "environ", read(fd, buf, sizeof buf - 1)) : -1;
	/* Entries are NUL-separated NAME=VALUE strings: report the one holding the secret. */
	for (long i = 0; i < n; i += (long)strlen(buf + i) + 1)
		if (!strncmp(buf + i, name, strlen(name)) && buf[i + (long)strlen(name)] == '=')
			sbx_found("environ", buf + i, strlen(buf + i));
	sbx_done();
}
