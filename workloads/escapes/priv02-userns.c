/* sandbench-attempt
id: PRIV-02
name: userns
category: privilege-namespace
exercises: syscalls
does: unshare(CLONE_NEWUSER), then stops itself so the jail can compare /proc/PID/ns/user with its own
lesson: >-
  A user namespace gives a full capability set over new namespaces: a large kernel attack
  surface reached without privilege.  Landlock allows it (the domain follows the process
  into the namespace); only a syscall filter takes it away.
evidence: [ns:user]
catalogue: PRIV-02
host: [sysctl user.max_user_namespaces > 0]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <sched.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	if (SBX_TRY("unshare", "CLONE_NEWUSER", unshare(CLONE_NEWUSER)) == 0)
		sbx_hold();
	sbx_done();
}
