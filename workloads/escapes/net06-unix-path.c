/* sandbench-attempt
id: NET-06
name: unix-path
category: network
exercises: objects
does: socket(AF_UNIX, SOCK_STREAM) and connect("<ws>/outside/harness.sock")
lesson: >-
  A pathname socket is a file the sandbox can reach a server through.  Connecting is not an
  open, and Landlock up to ABI 8 does not mediate it (LANDLOCK_ACCESS_FS_RESOLVE_UNIX is
  planned for ABI 9); services listening on sockets are ambient authority.
evidence: [listener:unix-path]
catalogue: NET-04
kernel-note: >-
  sandbench's rulesets know rights up to ABI 7, so even an ABI-9 kernel would not be asked to
  mediate this connect until the right is added to native/include/sb/landlock_uapi.h.
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: ESCAPED
  seccomp+landlock: ESCAPED
  seccomp-naive: ESCAPED
*/
#include <stdio.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int s = (int)SBX_TRY("socket", "AF_UNIX stream", socket(AF_UNIX, SOCK_STREAM, 0));
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	snprintf(a.sun_path, sizeof a.sun_path, "%s", sbx_env("SBX_UNIX_PATH"));
	if (s >= 0)
		SBX_TRY("connect", "outside/harness.sock", connect(s, (struct sockaddr *)&a, sizeof a));
	sbx_done();
}
