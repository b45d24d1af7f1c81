/*
 * Applies a launch plan to the calling process.  Shared by the launcher
 * (retrofit mode: apply, then exec the workload) and by workloads that
 * sandbox themselves (self mode: acquire resources, then apply).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sb/landlock_uapi.h"
#include "sb/plan.h"
#include "sb/seccomp_uapi.h"

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int failf(char *err, size_t errlen, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return code;
}

static uint32_t scmp_action(struct sb_action a)
{
	switch (a.kind) {
	case SB_ACT_ALLOW: return SCMP_ACT_ALLOW;
	case SB_ACT_KILL_PROCESS: return SCMP_ACT_KILL_PROCESS;
	case SB_ACT_KILL_THREAD: return SCMP_ACT_KILL_THREAD;
	case SB_ACT_TRAP: return SCMP_ACT_TRAP;
	case SB_ACT_ERRNO: return SCMP_ACT_ERRNO(a.data);
	case SB_ACT_LOG: return SCMP_ACT_LOG;
	}
	return SCMP_ACT_KILL_PROCESS;
}

static const char *action_name(struct sb_action a, char *buf, size_t n)
{
	static const char *names[] = { "allow", "kill-process", "kill-thread", "trap", "errno", "log" };
	if (a.kind == SB_ACT_ERRNO)
		snprintf(buf, n, "errno(%d)", a.data);
	else
		snprintf(buf, n, "%s", names[a.kind]);
	return buf;
}

static enum scmp_compare scmp_op(enum sb_cmp c)
{
	switch (c) {
	case SB_CMP_NE: return SCMP_CMP_NE;
	case SB_CMP_LT: return SCMP_CMP_LT;
	case SB_CMP_LE: return SCMP_CMP_LE;
	case SB_CMP_EQ: return SCMP_CMP_EQ;
	case SB_CMP_GE: return SCMP_CMP_GE;
	case SB_CMP_GT: return SCMP_CMP_GT;
	case SB_CMP_MASKED_EQ: return SCMP_CMP_MASKED_EQ;
	}
	return SCMP_CMP_EQ;
}

/* ---------------------------------------------------------------- seccomp */

struct compiled {
	struct sock_filter *insns;
	unsigned short len;
	scmp_filter_ctx ctx; /* NULL for raw filters */
};

/*
 * The deliberately naive hand-written denylist: compare nr, return the rule's
 * action, otherwise the default.  No arch check and no x32 rejection, which is
 * exactly what makes the int $0x80 and x32 bypasses work against it.
 */
static int build_raw_naive(const struct sb_filter *f, struct compiled *c, FILE *out, int idx, char *err, size_t errlen)
{
	size_t n = 0, cap = 2 + 2 * (size_t)f->nrules;
	struct sock_filter *p = calloc(cap, sizeof *p);
	if (!p)
		return failf(err, errlen, 125, "out of memory");
	p[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SB_SECCOMP_DATA_NR);
	for (int i = 0; i < f->nrules; i++) {
		const struct sb_rule *r = &f->rules[i];
		if (r->nargs)
			return failf(err, errlen, 125, "raw-naive filters take no argument comparisons (%s)", r->name);
		int nr = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, r->name);
		if (nr < 0) {
			if (f->skip_unknown) {
				fprintf(out, "SB1 unknown-syscall filter=%d name=%s\n", idx, r->name);
				continue;
			}
			free(p);
			return failf(err, errlen, 2, "seccomp: libseccomp %u.%u.%u cannot resolve syscall '%s'",
				     seccomp_version()->major, seccomp_version()->minor, seccomp_version()->micro, r->name);
		}
		p[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nr, 0, 1);
		p[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, scmp_action(r->action));
	}
	p[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, scmp_action(f->def));
	c->insns = p;
	c->len = (unsigned short)n;
	c->ctx = NULL;
	return 0;
}

static int build_ctx(const struct sb_filter *f, scmp_filter_ctx *out_ctx, FILE *out, int idx, int *nrules,
		     int *nunknown, char *err, size_t errlen)
{
	scmp_filter_ctx ctx = seccomp_init(scmp_action(f->def));
	if (!ctx)
		return failf(err, errlen, 125, "seccomp_init failed");
	int rc;
	/* We set no_new_privs ourselves, and load the exported program ourselves. */
	if ((rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_NNP, 0)) ||
	    (rc = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, scmp_action(f->badarch))) ||
	    (rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, f->optimize))) {
		seccomp_release(ctx);
		return failf(err, errlen, 125, "seccomp_attr_set: %s", strerror(-rc));
	}
	if (f->add_x86 && (rc = seccomp_arch_add(ctx, SCMP_ARCH_X86)) && rc != -EEXIST) {
		seccomp_release(ctx);
		return failf(err, errlen, 125, "seccomp_arch_add(x86): %s", strerror(-rc));
	}
	for (int i = 0; i < f->nrules; i++) {
		const struct sb_rule *r = &f->rules[i];
		int nr = seccomp_syscall_resolve_name(r->name);
		if (nr == __NR_SCMP_ERROR) {
			if (f->skip_unknown) {
				fprintf(out, "SB1 unknown-syscall filter=%d name=%s\n", idx, r->name);
				(*nunknown)++;
				continue;
			}
			seccomp_release(ctx);
			const struct scmp_version *v = seccomp_version();
			return failf(err, errlen, 2, "seccomp: libseccomp %u.%u.%u cannot resolve syscall '%s'",
				     v->major, v->minor, v->micro, r->name);
		}
		struct scmp_arg_cmp cmp[SB_MAX_ARGS];
		for (int a = 0; a < r->nargs; a++) {
			cmp[a].arg = (unsigned)r->args[a].arg;
			cmp[a].op = scmp_op(r->args[a].op);
			if (r->args[a].op == SB_CMP_MASKED_EQ) {
				cmp[a].datum_a = r->args[a].mask;
				cmp[a].datum_b = r->args[a].value;
			} else {
				cmp[a].datum_a = r->args[a].value;
				cmp[a].datum_b = 0;
			}
		}
		rc = seccomp_rule_add_array(ctx, scmp_action(r->action), nr, (unsigned)r->nargs, cmp);
		if (rc) {
			seccomp_release(ctx);
			return failf(err, errlen, 125, "seccomp_rule_add(%s): %s", r->name, strerror(-rc));
		}
		(*nrules)++;
	}
	for (int i = 0; i < f->npriorities; i++) {
		int nr = seccomp_syscall_resolve_name(f->priorities[i].name);
		if (nr == __NR_SCMP_ERROR) {
			seccomp_release(ctx);
			return failf(err, errlen, 2, "seccomp-priority: libseccomp cannot resolve syscall '%s'",
				     f->priorities[i].name);
		}
		rc = seccomp_syscall_priority(ctx, nr, (uint8_t)f->priorities[i].priority);
		if (rc) {
			seccomp_release(ctx);
			return failf(err, errlen, 125, "seccomp_syscall_priority(%s): %s", f->priorities[i].name,
				     strerror(-rc));
		}
	}
	*out_ctx = ctx;
	return 0;
}

static int export_to_memory(scmp_filter_ctx ctx, struct compiled *c, char *err, size_t errlen)
{
	/* libseccomp 2.5 exports only to a descriptor (seccomp_export_bpf_mem is 2.6). */
	int fd = memfd_create("sandbench-bpf", MFD_CLOEXEC);
	if (fd < 0)
		return failf(err, errlen, 125, "memfd_create: %s", strerror(errno));
	int rc = seccomp_export_bpf(ctx, fd);
	if (rc) {
		close(fd);
		return failf(err, errlen, 125, "seccomp_export_bpf: %s", strerror(-rc));
	}
	off_t size = lseek(fd, 0, SEEK_END);
	if (size <= 0 || size % sizeof(struct sock_filter) || size / sizeof(struct sock_filter) > BPF_MAXINSNS) {
		close(fd);
		return failf(err, errlen, 125, "exported BPF has an invalid size (%lld bytes)", (long long)size);
	}
	c->insns = malloc((size_t)size);
	if (!c->insns || pread(fd, c->insns, (size_t)size, 0) != size) {
		close(fd);
		return failf(err, errlen, 125, "reading exported BPF: %s", strerror(errno));
	}
	close(fd);
	c->len = (unsigned short)(size / sizeof(struct sock_filter));
	return 0;
}

static int compile_filter(const struct sb_filter *f, struct compiled *c, FILE *out, int idx, int *nrules,
			  int *nunknown, char *err, size_t errlen)
{
	if (f->kind == SB_FILTER_RAW_NAIVE) {
		*nrules += f->nrules;
		return build_raw_naive(f, c, out, idx, err, errlen);
	}
	int rc = build_ctx(f, &c->ctx, out, idx, nrules, nunknown, err, errlen);
	if (rc)
		return rc;
	rc = export_to_memory(c->ctx, c, err, errlen);
	seccomp_release(c->ctx);
	c->ctx = NULL;
	return rc;
}

static unsigned long filter_flags(const struct sb_filter *f)
{
	unsigned long flags = 0;
	if (f->spec_allow)
		flags |= SB_SECCOMP_FILTER_FLAG_SPEC_ALLOW;
	if (f->log)
		flags |= SB_SECCOMP_FILTER_FLAG_LOG;
	if (f->tsync)
		flags |= SB_SECCOMP_FILTER_FLAG_TSYNC;
	return flags;
}

/* --------------------------------------------------------------- landlock */

static const char *ll_compat_name(enum sb_ll_compat c)
{
	return c == SB_LL_HARD_REQUIREMENT ? "hard" : "best-effort";
}

/* Rights that make sense on a non-directory (landlock.rst: "file access rights"). */
#define SB_LL_FILE_RIGHTS ((1ULL << 0) | (1ULL << 1) | (1ULL << 2) | (1ULL << 14) | (1ULL << 15))

static int apply_landlock(const struct sb_plan *plan, FILE *out, struct sb_applied *ap, char *err, size_t errlen)
{
	int64_t t0 = now_ns();
	long abi = syscall(SB_NR_landlock_create_ruleset, NULL, 0, SB_LANDLOCK_CREATE_RULESET_VERSION);
	if (abi < 0) {
		int e = errno;
		ap->ll_kernel_abi = -1;
		fprintf(out, "SB1 enforced landlock kernel_abi=none compiled_abi=%d compat=%s reason=%s\n", plan->ll_abi,
			ll_compat_name(plan->ll_compat), e == EOPNOTSUPP ? "disabled-at-boot" : "not-built");
		if (plan->ll_compat == SB_LL_HARD_REQUIREMENT)
			return failf(err, errlen, 3,
				     "Landlock is unavailable on this kernel (%s): it needs Linux 5.13+ with "
				     "CONFIG_SECURITY_LANDLOCK=y and 'landlock' in the lsm= boot parameter",
				     strerror(e));
		return 0;
	}
	ap->ll_kernel_abi = (int)abi;
	ap->ll_fs = plan->ll_fs & sb_landlock_fs_mask((int)abi);
	ap->ll_net = plan->ll_net & sb_landlock_net_mask((int)abi);
	ap->ll_scoped = plan->ll_scoped & sb_landlock_scope_mask((int)abi);
	ap->ll_fs_dropped = plan->ll_fs & ~ap->ll_fs;
	ap->ll_net_dropped = plan->ll_net & ~ap->ll_net;
	ap->ll_scoped_dropped = plan->ll_scoped & ~ap->ll_scoped;
	if (plan->ll_compat == SB_LL_HARD_REQUIREMENT &&
	    (ap->ll_fs_dropped || ap->ll_net_dropped || ap->ll_scoped_dropped))
		return failf(err, errlen, 3,
			     "this kernel has Landlock ABI %ld; the ruleset was compiled for ABI %d and needs rights it "
			     "lacks (fs 0x%" PRIx64 ", net 0x%" PRIx64 ", scoped 0x%" PRIx64
			     "): rerun with --landlock-compat best-effort, or with --landlock-abi %ld",
			     abi, plan->ll_abi, ap->ll_fs_dropped, ap->ll_net_dropped, ap->ll_scoped_dropped, abi);

	struct sb_landlock_ruleset_attr attr = {
		.handled_access_fs = ap->ll_fs,
		.handled_access_net = ap->ll_net,
		.scoped = ap->ll_scoped,
	};
	int rfd = (int)syscall(SB_NR_landlock_create_ruleset, &attr, sb_landlock_attr_size((int)abi), 0);
	if (rfd < 0)
		return failf(err, errlen, 125, "landlock_create_ruleset: %s", strerror(errno));
	for (int i = 0; i < plan->ll_npaths; i++) {
		const struct sb_ll_path *p = &plan->ll_paths[i];
		int fd = open(p->path, O_PATH | O_CLOEXEC);
		if (fd < 0) {
			int e = errno;
			close(rfd);
			return failf(err, errlen, 125, "landlock rule for %s: %s", p->path, strerror(e));
		}
		struct stat st;
		uint64_t allowed = p->access & ap->ll_fs;
		if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))
			allowed &= SB_LL_FILE_RIGHTS;
		if (!allowed) { /* every right of this rule was dropped: nothing to add */
			close(fd);
			continue;
		}
		struct sb_landlock_path_beneath_attr pb = { .allowed_access = allowed, .parent_fd = fd };
		if (syscall(SB_NR_landlock_add_rule, rfd, SB_LANDLOCK_RULE_PATH_BENEATH, &pb, 0)) {
			int e = errno;
			close(fd);
			close(rfd);
			return failf(err, errlen, 125, "landlock_add_rule(%s, 0x%" PRIx64 "): %s", p->path, allowed,
				     strerror(e));
		}
		close(fd);
		ap->ll_rules_path++;
	}
	for (int i = 0; i < plan->ll_nports; i++) {
		const struct sb_ll_port *p = &plan->ll_ports[i];
		uint64_t allowed = p->access & ap->ll_net;
		if (!allowed)
			continue;
		struct sb_landlock_net_port_attr np = { .allowed_access = allowed, .port = p->port };
		if (syscall(SB_NR_landlock_add_rule, rfd, SB_LANDLOCK_RULE_NET_PORT, &np, 0)) {
			int e = errno;
			close(rfd);
			return failf(err, errlen, 125, "landlock_add_rule(port %" PRIu64 "): %s", p->port, strerror(e));
		}
		ap->ll_rules_port++;
	}
	int64_t t1 = now_ns();
	/* Each call stacks one more domain made of the same ruleset (landlock.rst, "Layers"). */
	int layers = plan->ll_layers > 0 ? plan->ll_layers : 1;
	for (int l = 0; l < layers; l++) {
		if (syscall(SB_NR_landlock_restrict_self, rfd, 0)) {
			int e = errno;
			close(rfd);
			return failf(err, errlen, 125, "landlock_restrict_self (layer %d of %d): %s%s", l + 1, layers,
				     strerror(e),
				     e == EPERM ? " (no_new_privs is not set and the caller lacks CAP_SYS_ADMIN)"
				     : e == E2BIG ? " (more than 16 stacked Landlock domains)" : "");
		}
		ap->ll_layers++;
	}
	int64_t t2 = now_ns();
	close(rfd);
	ap->ns_ll_build = t1 - t0;
	ap->ns_ll_restrict = t2 - t1;
	fprintf(out,
		"SB1 enforced landlock kernel_abi=%ld compiled_abi=%d compat=%s fs=0x%" PRIx64 " net=0x%" PRIx64
		" scoped=0x%" PRIx64 " dropped_fs=0x%" PRIx64 " dropped_net=0x%" PRIx64 " dropped_scoped=0x%" PRIx64
		" rules_path=%d rules_port=%d layers=%d\n",
		abi, plan->ll_abi, ll_compat_name(plan->ll_compat), ap->ll_fs, ap->ll_net, ap->ll_scoped,
		ap->ll_fs_dropped, ap->ll_net_dropped, ap->ll_scoped_dropped, ap->ll_rules_path, ap->ll_rules_port,
		ap->ll_layers);

	if (plan->ll_probe) {
		/* Proof that the domain is on: a path outside every rule must be denied. */
		int fd = open(plan->ll_probe, O_RDONLY | O_CLOEXEC);
		ap->ll_probe_errno = fd < 0 ? errno : 0;
		if (fd >= 0)
			close(fd);
		fprintf(out, "SB1 proof landlock_probe=%s errno=%d\n",
			ap->ll_probe_errno == EACCES ? "denied" : (fd >= 0 ? "allowed" : "error"), ap->ll_probe_errno);
	}
	return 0;
}

/* ------------------------------------------------------------------ apply */

int sb_apply(const struct sb_plan *plan, FILE *out, struct sb_applied *ap, char *err, size_t errlen)
{
	memset(ap, 0, sizeof *ap);
	ap->ll_kernel_abi = -2; /* not requested */
	int rc;
	if (plan->nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return failf(err, errlen, 125, "prctl(PR_SET_NO_NEW_PRIVS): %s", strerror(errno));
	if (plan->landlock && (rc = apply_landlock(plan, out, ap, err, errlen))) {
		fflush(out);
		return rc;
	}

	struct compiled c[SB_MAX_FILTERS] = { 0 };
	int64_t t0 = now_ns();
	for (int i = 0; i < plan->nfilters; i++) {
		int nrules = 0;
		rc = compile_filter(&plan->filters[i], &c[i], out, i, &nrules, &ap->seccomp_unknown, err, errlen);
		if (rc) {
			for (int j = 0; j < i; j++)
				free(c[j].insns);
			fflush(out);
			return rc;
		}
		ap->seccomp_rules += nrules;
		ap->bpf_insns[i] = c[i].len;
	}
	int64_t t1 = now_ns();
	/* Only seccomp(2) runs between loads: earlier filters must allow it (the compiler sees to that). */
	for (int i = 0; i < plan->nfilters; i++) {
		struct sock_fprog prog = { .len = c[i].len, .filter = c[i].insns };
		if (syscall(SYS_seccomp, SB_SECCOMP_SET_MODE_FILTER, filter_flags(&plan->filters[i]), &prog)) {
			int e = errno;
			for (int j = 0; j < plan->nfilters; j++)
				free(c[j].insns);
			return failf(err, errlen, e == EINVAL ? 3 : 125, "seccomp(SET_MODE_FILTER) of filter %d: %s%s", i,
				     strerror(e), e == EACCES ? " (no_new_privs is not set)" : "");
		}
	}
	int64_t t2 = now_ns();
	ap->seccomp_filters = plan->nfilters;
	ap->ns_seccomp_compile = t1 - t0;
	ap->ns_seccomp_load = t2 - t1;
	for (int i = 0; i < plan->nfilters; i++) {
		const struct sb_filter *f = &plan->filters[i];
		char b1[32], b2[32];
		fprintf(out,
			"SB1 enforced seccomp filter=%d kind=%s rules=%d insns=%d default=%s badarch=%s optimize=%d "
			"spec_allow=%d x86=%d\n",
			i, f->kind == SB_FILTER_RAW_NAIVE ? "raw-naive" : "libseccomp", f->nrules, c[i].len,
			action_name(f->def, b1, sizeof b1), f->kind == SB_FILTER_RAW_NAIVE ? "none" : action_name(f->badarch, b2, sizeof b2),
			f->optimize, f->spec_allow, f->add_x86);
		free(c[i].insns);
	}
	fprintf(out, "SB1 setup landlock_build_ns=%" PRId64 " landlock_restrict_ns=%" PRId64
		" seccomp_compile_ns=%" PRId64 " seccomp_load_ns=%" PRId64 "\n",
		ap->ns_ll_build, ap->ns_ll_restrict, ap->ns_seccomp_compile, ap->ns_seccomp_load);
	fflush(out);
	return 0;
}

/* ---------------------------------------------------------------- exports */

int sb_export_pfc(const struct sb_plan *plan, int fd, char *err, size_t errlen)
{
	FILE *devnull = fopen("/dev/null", "w");
	for (int i = 0; i < plan->nfilters; i++) {
		const struct sb_filter *f = &plan->filters[i];
		dprintf(fd, "# ---- filter %d of %d (%s) ----\n", i + 1, plan->nfilters,
			f->kind == SB_FILTER_RAW_NAIVE ? "hand-built raw BPF, no arch check" : "libseccomp");
		if (f->kind == SB_FILTER_RAW_NAIVE) {
			dprintf(fd, "# libseccomp cannot express this filter; see the BPF disassembly\n");
			continue;
		}
		scmp_filter_ctx ctx;
		int nrules = 0, nunknown = 0;
		int rc = build_ctx(f, &ctx, devnull ? devnull : stderr, i, &nrules, &nunknown, err, errlen);
		if (rc) {
			if (devnull)
				fclose(devnull);
			return rc;
		}
		rc = seccomp_export_pfc(ctx, fd);
		seccomp_release(ctx);
		if (rc) {
			if (devnull)
				fclose(devnull);
			return failf(err, errlen, 125, "seccomp_export_pfc: %s", strerror(-rc));
		}
	}
	if (devnull)
		fclose(devnull);
	return 0;
}

int sb_export_bpf(const struct sb_plan *plan, const char *prefix, char *err, size_t errlen)
{
	FILE *devnull = fopen("/dev/null", "w");
	for (int i = 0; i < plan->nfilters; i++) {
		struct compiled c = { 0 };
		int nrules = 0, nunknown = 0;
		int rc = compile_filter(&plan->filters[i], &c, devnull ? devnull : stderr, i, &nrules, &nunknown, err, errlen);
		if (rc) {
			if (devnull)
				fclose(devnull);
			return rc;
		}
		char path[4096];
		snprintf(path, sizeof path, "%s-%d.bpf", prefix, i);
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		size_t bytes = c.len * sizeof(struct sock_filter);
		if (fd < 0 || write(fd, c.insns, bytes) != (ssize_t)bytes) {
			int e = errno;
			if (fd >= 0)
				close(fd);
			free(c.insns);
			if (devnull)
				fclose(devnull);
			return failf(err, errlen, 125, "writing %s: %s", path, strerror(e));
		}
		close(fd);
		free(c.insns);
	}
	if (devnull)
		fclose(devnull);
	return 0;
}
