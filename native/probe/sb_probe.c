/*
 * sb-probe: what this kernel offers, as JSON on stdout, for `sandbench doctor`
 * and env.json.  Everything comes from a syscall, never from build headers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "sb/landlock_uapi.h"
#include "sb/seccomp_uapi.h"

static const char *ssb_state(long v)
{
	if (v < 0)
		return "unknown";
	if (v == 0)
		return "not-affected";
	if (v & SB_PR_SPEC_FORCE_DISABLE)
		return "force-mitigated";
	if (v & SB_PR_SPEC_DISABLE)
		return "mitigated";
	if (v & SB_PR_SPEC_ENABLE)
		return "vulnerable";
	if (v & SB_PR_SPEC_DISABLE_NOEXEC)
		return "mitigated-noexec";
	return "unknown";
}

int main(void)
{
	struct utsname u;
	uname(&u);
	printf("{\n  \"kernel_release\": \"%s\",\n  \"machine\": \"%s\",\n", u.release, u.machine);

	int seccomp_mode = prctl(PR_GET_SECCOMP, 0, 0, 0, 0);
	printf("  \"seccomp_prctl\": %s,\n", seccomp_mode >= 0 ? "true" : "false");
	static const struct { const char *name; unsigned int act; } acts[] = {
		{ "kill_process", SB_SECCOMP_RET_KILL_PROCESS }, { "kill_thread", SB_SECCOMP_RET_KILL_THREAD },
		{ "trap", SB_SECCOMP_RET_TRAP }, { "errno", SB_SECCOMP_RET_ERRNO },
		{ "user_notif", SB_SECCOMP_RET_USER_NOTIF }, { "trace", SB_SECCOMP_RET_TRACE },
		{ "log", SB_SECCOMP_RET_LOG }, { "allow", SB_SECCOMP_RET_ALLOW },
	};
	printf("  \"seccomp_actions\": {");
	for (size_t i = 0; i < sizeof acts / sizeof acts[0]; i++) {
		unsigned int a = acts[i].act;
		long r = syscall(SYS_seccomp, SB_SECCOMP_GET_ACTION_AVAIL, 0, &a);
		printf("%s\"%s\": %s", i ? ", " : "", acts[i].name, r == 0 ? "true" : "false");
	}
	printf("},\n");
	/* SPEC_ALLOW is accepted iff the kernel knows it; probe with an invalid program pointer:
	 * EINVAL for an unknown flag, EFAULT once the flag passed validation. */
	long r = syscall(SYS_seccomp, SB_SECCOMP_SET_MODE_FILTER, SB_SECCOMP_FILTER_FLAG_SPEC_ALLOW, NULL);
	printf("  \"seccomp_flag_spec_allow\": %s,\n", (r < 0 && errno == EFAULT) ? "true" : "false");

	long abi = syscall(SB_NR_landlock_create_ruleset, NULL, 0, SB_LANDLOCK_CREATE_RULESET_VERSION);
	int ll_errno = abi < 0 ? errno : 0;
	printf("  \"landlock_abi\": %ld,\n", abi < 0 ? -1L : abi);
	printf("  \"landlock_errno\": %d,\n", ll_errno);
	printf("  \"landlock_unavailable_reason\": \"%s\",\n",
	       abi >= 0 ? "" : ll_errno == EOPNOTSUPP ? "Landlock is built but disabled (add landlock to the lsm= boot parameter)"
	       : ll_errno == ENOSYS ? "this kernel has no Landlock (Linux 5.13+ with CONFIG_SECURITY_LANDLOCK=y)"
	       : strerror(ll_errno));
	long errata = abi >= 7 ? syscall(SB_NR_landlock_create_ruleset, NULL, 0, SB_LANDLOCK_CREATE_RULESET_ERRATA) : -1;
	printf("  \"landlock_errata\": %ld,\n", errata);

	long ssb = prctl(SB_PR_GET_SPECULATION_CTRL, SB_PR_SPEC_STORE_BYPASS, 0, 0, 0);
	printf("  \"ssb_prctl\": %ld,\n  \"ssb_state\": \"%s\",\n", ssb, ssb_state(ssb));
	printf("  \"euid\": %d\n}\n", (int)geteuid());
	return 0;
}
