/* sandbench-attempt
id: PRIV-04
name: userns-chroot
category: privilege-namespace
exercises: objects
does: unshare(CLONE_NEWUSER), chroot("<ws>/secret"), openat(AT_FDCWD, "/canary") and read(2)
lesson: >-
  chroot changes how names resolve, not what the objects are.  Landlock allows chroot but
  still checks the real hierarchy of the file reached; a policy keyed on path strings would
  now see "/canary".
evidence: [token:canary]
catalogue: PRIV-03 (chroot)
host: [sysctl user.max_user_namespaces > 0]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: BLOCKED
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	if (SBX_TRY("unshare", "CLONE_NEWUSER", unshare(CLONE_NEWUSER)) == 0 &&
	    SBX_TRY("chroot", "secret", chroot(sbx_env("SBX_SECRET"))) == 0)
		sbx_open_found("openat", AT_FDCWD, "/canary", "canary");
	sbx_done();
}
