/* sandbench-attempt
id: DEV-02
name: tiocsti-reopen
category: device-ioctl
exercises: objects
requires: [pty]
does: openat(AT_FDCWD, "/dev/tty", O_RDWR) -- the controlling terminal by name -- then ioctl(TIOCSTI)
lesson: >-
  Reaching the terminal by name is an open, which Landlock denies outside the rules (and
  from ABI 5 it would deny the device ioctl even if the open were allowed).  The inherited
  descriptor (DEV-01) needs no open at all.
evidence: [pty-input]
catalogue: DEV-02
host: [sysctl dev.tty.legacy_tiocsti == 1]
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED
  seccomp+landlock: BLOCKED
  seccomp-naive: BLOCKED
*/
#include <fcntl.h>
#include <sys/ioctl.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int fd = (int)SBX_TRY("openat", "/dev/tty", openat(AT_FDCWD, "/dev/tty", O_RDWR));
	if (fd >= 0)
		for (const char *p = "id # sbx\n"; *p; p++)
			SBX_TRY("ioctl", "TIOCSTI /dev/tty", ioctl(fd, TIOCSTI, p));
	sbx_done();
}
