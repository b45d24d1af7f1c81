/* sandbench-attempt
id: FS-15
name: readdir-secret
category: filesystem
exercises: objects
does: openat(AT_FDCWD, "<ws>/secret", O_RDONLY|O_DIRECTORY) and getdents64(2); reports the names
lesson: >-
  Listing a directory reveals names, and names can be secrets (the harness plants a file whose
  name is a token).  Landlock's READ_DIR covers it; seccomp sees getdents64 on a descriptor.
evidence: [token:dirent]
catalogue: beyond the catalogue (directory listing)
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED
  seccomp+landlock: BLOCKED
  seccomp-naive: BLOCKED
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int fd = (int)SBX_TRY("openat", "secret dir", openat(AT_FDCWD, sbx_env("SBX_SECRET"), O_RDONLY | O_DIRECTORY));
	if (fd >= 0) {
		char buf[4096];
		long n = SBX_TRY("getdents64", "secret", getdents64(fd, buf, sizeof buf));
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			sbx_found("dirent", d->d_name, strlen(d->d_name));
			off += d->d_reclen;
		}
	}
	sbx_done();
}
