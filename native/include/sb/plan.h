/*
 * A launch plan: the compiled, mechanism-level form of a sandbench policy.
 *
 * The Java harness compiles a workload's abstract policy into this plain-text
 * form (see docs/plan-format.md); the launcher (retrofit mode) or the workload
 * itself (self mode) parses it and applies it with sb_apply().  Keeping the
 * kernel-facing step this thin means everything interesting is decided, and
 * tested, without privileges on the Java side.
 */
#ifndef SB_PLAN_H
#define SB_PLAN_H

#include <stdint.h>
#include <stdio.h>

#define SB_MAX_FILTERS 16
#define SB_MAX_ARGS 6

enum sb_act { SB_ACT_ALLOW, SB_ACT_KILL_PROCESS, SB_ACT_KILL_THREAD, SB_ACT_TRAP, SB_ACT_ERRNO, SB_ACT_LOG };

struct sb_action {
	enum sb_act kind;
	int data; /* errno for SB_ACT_ERRNO */
};

enum sb_cmp { SB_CMP_NE, SB_CMP_LT, SB_CMP_LE, SB_CMP_EQ, SB_CMP_GE, SB_CMP_GT, SB_CMP_MASKED_EQ };

struct sb_argcmp {
	int arg;
	enum sb_cmp op;
	uint64_t mask; /* SB_CMP_MASKED_EQ only */
	uint64_t value;
};

/* seccomp_syscall_priority(3): a hint to libseccomp's layout, higher is tested earlier. */
struct sb_priority {
	char name[64];
	int priority; /* 0..255 */
};

struct sb_rule {
	struct sb_action action;
	char name[64];
	int nargs;
	struct sb_argcmp args[SB_MAX_ARGS];
};

enum sb_filter_kind {
	SB_FILTER_LIBSECCOMP, /* built by libseccomp: arch check, x32 rejection */
	SB_FILTER_RAW_NAIVE   /* hand-built denylist, no arch check: reproduces the bypass classics */
};

struct sb_filter {
	enum sb_filter_kind kind;
	struct sb_action def;
	struct sb_action badarch;
	int optimize;   /* libseccomp SCMP_FLTATR_CTL_OPTIMIZE: 1 linear, 2 binary tree */
	int spec_allow; /* SECCOMP_FILTER_FLAG_SPEC_ALLOW */
	int log;        /* SECCOMP_FILTER_FLAG_LOG */
	int tsync;      /* SECCOMP_FILTER_FLAG_TSYNC */
	int add_x86;    /* also accept i386 syscalls, with their own rules */
	int skip_unknown; /* names libseccomp cannot resolve are reported and skipped */
	int nrules;
	int cap;
	struct sb_rule *rules;
	int npriorities;
	struct sb_priority *priorities;
};

struct sb_ll_path {
	uint64_t access;
	char *path;
};

struct sb_ll_port {
	uint64_t access;
	uint64_t port;
};

enum sb_ll_compat { SB_LL_BEST_EFFORT, SB_LL_HARD_REQUIREMENT };

struct sb_plan {
	int nnp;
	int landlock;
	enum sb_ll_compat ll_compat;
	int ll_abi;       /* ABI the ruleset was compiled for */
	int ll_layers;    /* landlock_restrict_self calls with the ruleset: stacked domains (1..16) */
	uint64_t ll_fs, ll_net, ll_scoped;
	int ll_npaths, ll_nports;
	struct sb_ll_path *ll_paths;
	struct sb_ll_port *ll_ports;
	char *ll_probe;   /* a path the ruleset must deny: proof that it is on */
	int nfilters;
	struct sb_filter filters[SB_MAX_FILTERS];
};

/* Parses a plan file.  On error returns -1 and writes a message naming the line into err. */
int sb_plan_load(const char *path, struct sb_plan *plan, char *err, size_t errlen);
void sb_plan_free(struct sb_plan *plan);

/* Stage timings and what was really enforced, filled by sb_apply(). */
struct sb_applied {
	int ll_kernel_abi;     /* -1: Landlock unavailable */
	uint64_t ll_fs, ll_net, ll_scoped;             /* handled after best-effort masking */
	uint64_t ll_fs_dropped, ll_net_dropped, ll_scoped_dropped;
	int ll_rules_path, ll_rules_port;
	int ll_layers;         /* domains stacked from the ruleset */
	int ll_probe_errno;    /* errno of the probe open, 0 if it succeeded */
	int seccomp_filters;
	int seccomp_rules;
	int seccomp_unknown;   /* names skipped because libseccomp could not resolve them */
	int bpf_insns[SB_MAX_FILTERS];
	int64_t ns_ll_build, ns_ll_restrict, ns_seccomp_compile, ns_seccomp_load;
};

/*
 * Applies the plan to the calling process: no_new_privs, then Landlock (before
 * seccomp, whose filter may not allow the Landlock syscalls), then each
 * seccomp filter in order.  Writes protocol lines ("SB1 enforced ...",
 * "SB1 setup ...") to out.  Returns 0, or an exit code with a message in err:
 * 3 when the host lacks a required capability, 125 otherwise.
 */
int sb_apply(const struct sb_plan *plan, FILE *out, struct sb_applied *applied, char *err, size_t errlen);

/* Writes each filter's libseccomp PFC (or a note for raw filters) to fd. */
int sb_export_pfc(const struct sb_plan *plan, int fd, char *err, size_t errlen);
/* Writes filter i's BPF program to prefix-<i>.bpf. */
int sb_export_bpf(const struct sb_plan *plan, const char *prefix, char *err, size_t errlen);

#endif
