/* sandbench-attempt
id: KAS-01
name: bpf-prog-load
category: kernel-attack-surface
exercises: syscalls
does: bpf(BPF_PROG_LOAD) of a two-instruction socket filter ("return 0"), then holds the descriptor for inspection
lesson: >-
  The BPF verifier and JIT are among the most attacked parts of the kernel.  Landlock does not
  mediate bpf(2); a syscall filter removes it; many hosts already refuse it to unprivileged
  users (kernel.unprivileged_bpf_disabled), which makes this host-dependent.
evidence: ["fd:anon_inode:bpf-prog"]
catalogue: KAS-01
host: [sysctl kernel.unprivileged_bpf_disabled == 0]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <linux/bpf.h>
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	struct bpf_insn prog[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	union bpf_attr a;
	memset(&a, 0, sizeof a);
	a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a.insns = (uint64_t)(uintptr_t)prog;
	a.insn_cnt = 2;
	a.license = (uint64_t)(uintptr_t)"GPL";
	if (SBX_TRY("bpf", "BPF_PROG_LOAD socket filter", syscall(SYS_bpf, BPF_PROG_LOAD, &a, sizeof a)) >= 0)
		sbx_hold();
	sbx_done();
}
