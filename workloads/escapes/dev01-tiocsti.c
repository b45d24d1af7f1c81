/* sandbench-attempt
id: DEV-01
name: tiocsti-inherited
category: device-ioctl
exercises: objects
requires: [pty]
does: ioctl(0, TIOCSTI, &c) for each byte of a command, on the inherited controlling terminal
lesson: >-
  An inherited terminal is ambient authority: TIOCSTI pushes bytes into its input queue, and
  the shell that reads it next runs them (CVE-2017-5226, bubblewrap).  Landlock fixes ioctl
  rights when a file is opened, so a descriptor inherited from outside keeps them; S1 allows
  every ioctl.  The fixes are launcher-side: setsid, no tty, or dev.tty.legacy_tiocsti=0.
evidence: [pty-input]
catalogue: DEV-01
host: [sysctl dev.tty.legacy_tiocsti == 1]
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: ESCAPED
  seccomp+landlock: ESCAPED
  seccomp-naive: ESCAPED
*/
#include <string.h>
#include <sys/ioctl.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	const char *cmd = "id # sbx\n";
	long ok = 0;
	for (const char *p = cmd; *p; p++)
		ok = SBX_TRY("ioctl", "TIOCSTI fd 0", ioctl(0, TIOCSTI, p));
	(void)ok;
	sbx_done();
}
