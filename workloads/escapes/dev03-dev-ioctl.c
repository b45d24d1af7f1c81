/* sandbench-attempt
id: DEV-03
name: device-ioctl
category: device-ioctl
exercises: objects
does: >-
  openat("/dev/random", O_RDONLY) -- a device the policy lets the workload read -- then
  ioctl(RNDGETENTCNT), a command of the random driver
lesson: >-
  Allowing a device's reads used to allow every ioctl its driver implements, a large surface.
  Landlock ABI 5 (Linux 6.10) adds IOCTL_DEV: device ioctls need their own right.  S1 allows
  every ioctl on every descriptor.
evidence: [step:ioctl-driver]
catalogue: DEV-04
kernel-note: >-
  The catalogue suggests TUN or KVM; RNDGETENTCNT needs no privilege, so the baseline reaches
  the driver and the comparison measures only the sandbox.  Evidence is the attempt's report
  that the ioctl returned 0 (the driver answered).
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED (abi>=5) else ESCAPED
  seccomp+landlock: BLOCKED (abi>=5) else ESCAPED
  seccomp-naive: BLOCKED
*/
#include <fcntl.h>
#include <linux/random.h>
#include <sys/ioctl.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int fd = (int)SBX_TRY("openat", "/dev/random", openat(AT_FDCWD, sbx_env("SBX_DEVICE"), O_RDONLY));
	int count = 0;
	if (fd >= 0)
		SBX_TRY("ioctl-driver", "RNDGETENTCNT", ioctl(fd, RNDGETENTCNT, &count));
	sbx_done();
}
