/* sandbench-attempt
id: AMB-01
name: leaked-fd
category: inherited-authority
exercises: objects
requires: [leak]
does: >-
  scans its descriptors (fcntl F_GETFL, fstat) for an inherited read-write regular file the
  launcher forgot to close, reads it and overwrites it with pwrite(2)
lesson: >-
  A descriptor is a capability, and an inherited one was granted before any sandbox existed:
  Landlock checks at open, seccomp sees only a number.  Capsicum's answer is the same problem
  turned into the design: the launcher must close what it does not mean to give (closefrom).
evidence: [token:leaked, file-changed:secret/leaked]
catalogue: AMB-01
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
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	for (int fd = 3; fd < 256; fd++) {
		int fl = fcntl(fd, F_GETFL);
		struct stat st;
		if (fl < 0 || (fl & O_ACCMODE) != O_RDWR || fstat(fd, &st) || !S_ISREG(st.st_mode))
			continue;
		char what[32];
		snprintf(what, sizeof what, "fd-%d", fd);
		sbx_found_fd(what, fd);
		SBX_TRY("pwrite64", what, pwrite(fd, "overwritten through a leaked descriptor\n", 40, 0));
	}
	sbx_done();
}
