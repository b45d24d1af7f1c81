/* sandbench-attempt
id: PRIV-03
name: userns-bind-mount
category: privilege-namespace
exercises: objects
does: >-
  unshare(CLONE_NEWUSER|CLONE_NEWNS), mount("<ws>/secret/canary", "<ws>/allowed/file",
  MS_BIND), then openat + read of allowed/file
lesson: >-
  With the capabilities of a new user namespace, a bind mount would make the secret appear
  under an allowed name.  Landlock forbids a sandboxed process to change its mount topology
  (mount, pivot_root: EPERM), so rules on paths cannot be rearranged away.
evidence: [token:canary]
catalogue: PRIV-03
host: [sysctl user.max_user_namespaces > 0]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: BLOCKED
kernel-note: >-
  Under the naive filter the mount succeeds but the final openat is denied (EPERM): BLOCKED by
  the denylist, not by anything about mounts.
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	const char *target = sbx_env("SBX_ALLOWED_FILE");
	if (SBX_TRY("unshare", "CLONE_NEWUSER|CLONE_NEWNS", unshare(CLONE_NEWUSER | CLONE_NEWNS)) == 0 &&
	    SBX_TRY("mount", "bind secret/canary over allowed/file", mount(sbx_env("SBX_CANARY"), target, NULL, MS_BIND, NULL)) == 0)
		sbx_open_found("openat", AT_FDCWD, target, "canary");
	sbx_done();
}
