/* sandbench-attempt
id: KAS-07
name: rare-syscall-sweep
category: kernel-attack-surface
exercises: syscalls
does: >-
  calls rarely needed system calls (most of those Docker's profile blocks) with harmless
  arguments and counts those that reached kernel code (any result but ENOSYS)
lesson: >-
  Every system call a process can make is attack surface, whether or not it succeeds: an
  EPERM from deep inside a call has already run its argument parsing.  Landlock removes none
  of them; an allowlist removes all but what the workload needs.
evidence: ["reached:sweep-"]
catalogue: KAS-07
kernel-note: >-
  Under a kill-process filter the sweep dies at its first call (KILLED); the count is the
  attempt's own.  Every call is made with arguments that fail harmlessly or only query.
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/kcmp.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	pid_t me = getpid();
	/* Each call fails harmlessly for an unprivileged caller, or only queries. */
	SBX_TRY("sweep-kcmp", "self files", syscall(SYS_kcmp, me, me, KCMP_FILE, 0, 0));
	SBX_TRY("sweep-kexec_load", "null", syscall(SYS_kexec_load, 0, 0, NULL, 0));
	SBX_TRY("sweep-init_module", "null", syscall(SYS_init_module, NULL, 0, ""));
	SBX_TRY("sweep-delete_module", "absent", syscall(SYS_delete_module, "sandbench_none", 0));
	SBX_TRY("sweep-acct", "off", syscall(SYS_acct, NULL));
	SBX_TRY("sweep-swapoff", "absent", syscall(SYS_swapoff, "/nonexistent"));
	SBX_TRY("sweep-mount", "null", syscall(SYS_mount, NULL, NULL, NULL, 0, NULL));
	SBX_TRY("sweep-umount2", "absent", syscall(SYS_umount2, "/nonexistent", 0));
	SBX_TRY("sweep-setns", "bad fd", syscall(SYS_setns, -1, 0));
	SBX_TRY("sweep-open_by_handle_at", "bad fd", syscall(SYS_open_by_handle_at, -1, NULL, 0));
	SBX_TRY("sweep-fanotify_init", "0", syscall(SYS_fanotify_init, 0, 0));
	SBX_TRY("sweep-personality", "query", syscall(SYS_personality, 0xffffffffUL));
	SBX_TRY("sweep-get_mempolicy", "query", syscall(SYS_get_mempolicy, NULL, NULL, 0, NULL, 0));
	SBX_TRY("sweep-keyctl", "session id", syscall(SYS_keyctl, 0 /* KEYCTL_GET_KEYRING_ID */, -3, 0));
	SBX_TRY("sweep-lookup_dcookie", "removed in 6.8", syscall(212, 0, NULL, 0));
	sbx_done();
}
