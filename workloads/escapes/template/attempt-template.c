/* sandbench-attempt
# Copy this file into a directory of your own, rename it (e.g. usr01-my-attempt.c), edit the
# metadata and main(), then:  sudo ./sandbench escapes --attempts-dir DIR
# Everything between the first line and the end of this comment is YAML (docs/escapes.md).
id: USR-01                  # letters, dash, two digits, optional letter; unique among all attempts
name: my-attempt            # lower-case words joined by dashes
category: filesystem        # filesystem network ipc-process privilege-namespace device-ioctl
                            # kernel-attack-surface filter-bypass inherited-authority
exercises: objects          # objects | syscalls | both: which the attempt is about
does: >-
  openat(AT_FDCWD, "<ws>/secret/canary", O_RDONLY) and read(2)
lesson: >-
  What a reader should learn from the row of the matrix.
evidence: [token:canary]    # what the harness checks; any hit means the attempt got through
                            # (token:NAME, file-changed:PATH, file-created:PATH, file-gone:PATH,
                            # listener:NAME, probe, victim-signalled, victim-memory, pty-input,
                            # shm-attached, fd:TEXT, ns:NAME, suid, stat:PATH, step:OP, reached:PREFIX)
# confined-when: [step:stage2]   # evidence that the payload ran but stayed confined (CONFINED)
# requires: [pidns]              # pidns netns pty victim shm leak
# host: ["sysctl kernel.unprivileged_bpf_disabled == 0", "kconfig CONFIG_X86_X32_ABI"]
# naive-deny: [rename]           # calls the naive filter (seccomp-naive) also denies for this attempt
# policy: my-policy.yaml         # instead of models/reference/typical.yaml (S1 + LL-n)
# modes: [retrofit, self]
# role: control                  # must succeed everywhere (detects over-blocking)
# timeout-ms: 5000
# kernel-note: where the kernel disagrees with what you expected, and why
expect:                     # per model; "BLOCKED (abi>=4) else ESCAPED" for ABI-dependent rows
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED
  seccomp+landlock: BLOCKED
  seccomp-naive: BLOCKED
# expect-self: {seccomp: KILLED}  # overrides in self mode
*/
#include <fcntl.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv); /* checks SBX_PROTO, reports the seccomp state */
	/* Self mode: anything done here happens before the sandbox. */
	sbx_enter();
	/* Targets come from the environment (docs/escapes.md, "Protocol"): SBX_CANARY, SBX_ALLOWED,
	 * SBX_VICTIM_PID, SBX_TCP_FORBIDDEN, SBX_TTY_FD, ...  Wrap each operation in SBX_TRY so the
	 * harness can name the errno, or the call a filter killed. */
	int fd = (int)SBX_TRY("openat", "canary", openat(AT_FDCWD, sbx_env("SBX_CANARY"), O_RDONLY));
	if (fd >= 0)
		sbx_found_fd("canary", fd); /* what you obtained: the harness compares it with its token */
	sbx_done();
}
