/* sandbench-attempt
id: FS-12
name: chmod
category: filesystem
exercises: objects
does: fchmodat(AT_FDCWD, "<ws>/secret/canary", 0666, 0)
lesson: >-
  Landlock does not mediate metadata: chmod, chown, utime and xattrs are outside its access
  rights (landlock.h).  The canary belongs to the sandbox uid, so DAC allows it too: only a
  filter on the call itself stops it.
evidence: [file-changed:secret/canary]
catalogue: FS-10
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <fcntl.h>
#include <sys/stat.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	SBX_TRY("fchmodat", "canary 0666", fchmodat(AT_FDCWD, sbx_env("SBX_CANARY"), 0666, 0));
	sbx_done();
}
