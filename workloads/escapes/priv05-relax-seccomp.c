/* sandbench-attempt
id: PRIV-05
name: relax-seccomp
category: privilege-namespace
exercises: syscalls
role: attack
does: >-
  prctl(PR_SET_NO_NEW_PRIVS, 1), seccomp(SECCOMP_SET_MODE_FILTER) of an allow-everything
  filter, then openat + read of the canary
lesson: >-
  A sandbox that could be loosened from inside would be no sandbox: seccomp filters stack
  and the strictest answer wins, so the new allow-all filter changes nothing (the naive
  filter still denies openat).  S1 does not even allow prctl.
evidence: [token:canary]
catalogue: PRIV-04
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: BLOCKED
*/
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	struct sock_filter allow[] = { BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW) };
	struct sock_fprog prog = { 1, allow };
	SBX_TRY("prctl", "PR_SET_NO_NEW_PRIVS", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	SBX_TRY("seccomp", "allow-all filter", syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog));
	sbx_open_found("openat", AT_FDCWD, sbx_env("SBX_CANARY"), "canary");
	sbx_done();
}
