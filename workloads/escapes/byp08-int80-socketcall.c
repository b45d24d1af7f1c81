/* sandbench-attempt
id: BYP-08
name: int80-socketcall
category: filter-bypass
exercises: syscalls
naive-deny: [socket, connect]
does: >-
  int $0x80 socketcall(SYS_SOCKET) and socketcall(SYS_CONNECT) to 127.0.0.1:forbidden port --
  socket and connect are denied by number
lesson: >-
  On i386 every socket operation went through one multiplexer, socketcall (102, which is
  x86-64 getuid): a filter without an arch check that denies x86-64 socket and connect
  compares the wrong numbers.  Landlock's TCP rule applies to the connect either way.
evidence: [listener:tcp4-forbidden]
catalogue: BYP-03 (socketcall)
host: [kconfig CONFIG_IA32_EMULATION]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED (abi>=4) else ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include "sbx.h"
#include "sbx_int80.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	char *low = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
	if (low == MAP_FAILED)
		sbx_na("no memory below 4 GiB (MAP_32BIT)");
	uint32_t *args = (uint32_t *)low; /* socketcall takes a pointer to 32-bit arguments */
	struct sockaddr_in *a = (struct sockaddr_in *)(low + 64);
	args[0] = AF_INET;
	args[1] = SOCK_STREAM;
	args[2] = 0;
	long s = SBX_TRY("int80-socketcall", "SYS_SOCKET", sbx_int80(SBX_I386_SOCKETCALL, SBX_SYS_SOCKET, (long)args, 0));
	if (s < 0)
		sbx_done();
	memset(a, 0, sizeof *a);
	a->sin_family = AF_INET;
	a->sin_port = htons((unsigned short)sbx_env_long("SBX_TCP_FORBIDDEN"));
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	args[0] = (uint32_t)s;
	args[1] = (uint32_t)(uintptr_t)a;
	args[2] = sizeof *a;
	SBX_TRY("int80-socketcall", "SYS_CONNECT forbidden", sbx_int80(SBX_I386_SOCKETCALL, SBX_SYS_CONNECT, (long)args, 0));
	sbx_done();
}
