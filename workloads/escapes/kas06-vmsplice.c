/* sandbench-attempt
id: KAS-06
name: vmsplice
category: kernel-attack-surface
exercises: syscalls
does: pipe2(2), then vmsplice(pipe write end, user page, SPLICE_F_GIFT) -- user pages into the pipe
lesson: >-
  splice and vmsplice move page references rather than bytes: the machinery behind Dirty Pipe
  (CVE-2022-0847) and earlier vmsplice bugs.  Typical allowlists forget they exist.
evidence: [step:vmsplice]
catalogue: KAS-06
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include "sbx.h"

static char page[4096] __attribute__((aligned(4096))) = "sandbench";

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	int p[2];
	if (SBX_TRY("pipe2", "", pipe2(p, 0)) == 0) {
		struct iovec v = { page, sizeof page };
		SBX_TRY("vmsplice", "one page", vmsplice(p[1], &v, 1, SPLICE_F_GIFT));
	}
	sbx_done();
}
