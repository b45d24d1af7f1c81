/* sandbench-attempt
id: PRIV-01
name: setuid-exec
category: privilege-namespace
exercises: objects
does: >-
  execve("<ws>/tools/suid-id"), a harness-planted program owned by a second dedicated uid,
  mode 4711, in a directory the policy lets the workload execute from
lesson: >-
  A setuid program is a privilege the filesystem hands to anyone who can run it.  Both
  sandboxes require no_new_privs, under which exec ignores setuid bits and file
  capabilities: the program runs, as the sandbox uid.
evidence: [suid]
catalogue: PRIV-01
kernel-note: >-
  Under S1 the program does run (retrofit keeps execve allowed), prints its token, then dies
  at getuid(2), which S1 lacks: KILLED, with no privilege gained.  Under Landlock and the
  naive filter it reports euid = the sandbox uid: BLOCKED with no errno, by no_new_privs.
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: BLOCKED
expect-self:
  seccomp: KILLED
  seccomp+landlock: KILLED
*/
#include <unistd.h>

#include "sbx.h"

extern char **environ;

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	const char *p = sbx_env("SBX_SUID");
	char *args[] = { (char *)p, NULL };
	SBX_TRY("execve", "tools/suid-id", execve(p, args, environ));
	sbx_done();
}
