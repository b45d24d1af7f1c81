/* sandbench-attempt
id: DEV-04
name: ioctl-control
category: device-ioctl
role: control
exercises: objects
requires: [pty]
does: pipe2 + write + ioctl(FIONREAD); ioctl(0, TCGETS) on the terminal; ioctl(FIOCLEX)
lesson: >-
  Control: the ioctls ordinary programs need (isatty, bytes available, close-on-exec) must
  keep working.  Landlock's IOCTL_DEV governs only device files opened inside the sandbox and
  always allows FIOCLEX, FIONCLEX, FIONBIO, FIOASYNC and a few filesystem commands
  (landlock(7)); a pipe and an inherited terminal are outside it.
evidence: [step:fionread, step:tcgets]
catalogue: DEV-05
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: ESCAPED
  seccomp+landlock: ESCAPED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int p[2], n = 0;
	if (SBX_TRY("pipe2", "", pipe2(p, 0)) == 0) {
		SBX_TRY("write", "3 bytes", write(p[1], "abc", 3));
		if (SBX_TRY("ioctl", "FIONREAD", ioctl(p[0], FIONREAD, &n)) == 0 && n == 3)
			sbx_try_end("fionread", n);
		SBX_TRY("ioctl", "FIOCLEX", ioctl(p[0], FIOCLEX));
	}
	struct termios t;
	if (SBX_TRY("ioctl", "TCGETS fd 0", ioctl(0, TCGETS, &t)) == 0)
		sbx_try_end("tcgets", 0);
	sbx_done();
}
