/* sandbench-attempt
id: NET-07
name: unix-abstract
category: network
exercises: objects
does: socket(AF_UNIX, SOCK_STREAM) and connect("\0<name>") to the jail's abstract socket
lesson: >-
  Abstract UNIX sockets have no file, so no path rule can cover them: any process in the
  network namespace can connect.  Landlock ABI 6 (Linux 6.12) scopes them: a sandboxed
  process may only reach abstract sockets created inside its own domain.
evidence: [listener:unix-abstract]
catalogue: NET-05
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED (abi>=6) else ESCAPED
  seccomp+landlock: BLOCKED (abi>=6) else ESCAPED
  seccomp-naive: ESCAPED
*/
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	const char *name = sbx_env("SBX_UNIX_ABSTRACT");
	int s = (int)SBX_TRY("socket", "AF_UNIX stream", socket(AF_UNIX, SOCK_STREAM, 0));
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	size_t n = strlen(name);
	if (n + 1 > sizeof a.sun_path)
		sbx_na("abstract name too long");
	memcpy(a.sun_path + 1, name, n);
	if (s >= 0)
		SBX_TRY("connect", "abstract", connect(s, (struct sockaddr *)&a, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + n)));
	sbx_done();
}
