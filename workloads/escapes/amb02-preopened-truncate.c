/* sandbench-attempt
id: AMB-02
name: preopened-truncate
category: inherited-authority
exercises: objects
requires: [leak]
does: finds the inherited read-write descriptor and ftruncate(fd, 0)s it -- more than read and write
lesson: >-
  An open descriptor carries every right its open mode implies: Landlock's TRUNCATE is checked
  at open, so an inherited descriptor can be truncated.  Capsicum's per-descriptor rights
  (cap_rights_limit READ|WRITE|SEEK) are the mechanism that can take ftruncate away.
evidence: [file-changed:secret/leaked]
catalogue: AMB-02
kernel-note: >-
  The catalogue expects E under S1; S1 as written lacks ftruncate, so the filter kills the
  call: the descriptor's rights survive, the call does not.
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
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
		SBX_TRY("ftruncate", "leaked fd", ftruncate(fd, 0));
	}
	sbx_done();
}
