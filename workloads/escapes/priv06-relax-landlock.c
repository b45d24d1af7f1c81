/* sandbench-attempt
id: PRIV-06
name: relax-landlock
category: privilege-namespace
exercises: objects
does: >-
  prctl(PR_SET_NO_NEW_PRIVS, 1), landlock_create_ruleset(READ_FILE), landlock_add_rule("/",
  READ_FILE), landlock_restrict_self, then openat + read of the canary
lesson: >-
  Landlock layers only ever add restrictions: a new ruleset granting "/" is intersected with
  the one in force, so the canary stays out of reach.  Unsandboxed, the same calls succeed
  and grant what was already allowed.
evidence: [token:canary]
catalogue: PRIV-04
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED
  seccomp+landlock: KILLED
  seccomp-naive: BLOCKED
*/
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sb/landlock_uapi.h"
#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	const uint64_t read_file = 1ULL << 2; /* LANDLOCK_ACCESS_FS_READ_FILE, ABI 1 */
	struct sb_landlock_ruleset_attr attr = { .handled_access_fs = read_file };
	SBX_TRY("prctl", "PR_SET_NO_NEW_PRIVS", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	int rfd = (int)SBX_TRY("landlock_create_ruleset", "READ_FILE", syscall(SB_NR_landlock_create_ruleset, &attr, sizeof(uint64_t), 0));
	if (rfd >= 0) {
		int root = (int)SBX_TRY("openat", "/ O_PATH", openat(AT_FDCWD, "/", O_PATH));
		struct sb_landlock_path_beneath_attr pb = { .allowed_access = read_file, .parent_fd = root };
		SBX_TRY("landlock_add_rule", "/ READ_FILE", syscall(SB_NR_landlock_add_rule, rfd, SB_LANDLOCK_RULE_PATH_BENEATH, &pb, 0));
		SBX_TRY("landlock_restrict_self", "new layer", syscall(SB_NR_landlock_restrict_self, rfd, 0));
	}
	sbx_open_found("openat", AT_FDCWD, sbx_env("SBX_CANARY"), "canary");
	sbx_done();
}
