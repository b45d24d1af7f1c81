/*
 * sb-launch: applies a launch plan to itself, then execs the workload
 * (retrofit mode).  Also exports a plan's filters for inspection.
 *
 *   sb-launch --plan FILE [--status-fd] [--cpu N] -- PROGRAM [ARGS...]
 *   sb-launch --plan FILE --export-pfc
 *   sb-launch --plan FILE --export-bpf PREFIX
 *   sb-launch --syscalls            (name and number of every x86-64 syscall libseccomp knows)
 *
 * Exit codes: 2 bad plan, 3 host lacks a capability, 125 setup failed,
 * 126 exec failed; otherwise the workload's own.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sb/plan.h"

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: sb-launch --plan FILE [--status-fd] [--cpu N] -- PROGRAM [ARGS...]\n"
		"       sb-launch --plan FILE --export-pfc | --export-bpf PREFIX\n"
		"       sb-launch --syscalls\n");
	return 2;
}

static int list_syscalls(void)
{
	const struct scmp_version *v = seccomp_version();
	printf("# libseccomp %u.%u.%u, arch x86_64\n", v->major, v->minor, v->micro);
	for (int nr = 0; nr < 1024; nr++) {
		char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_X86_64, nr);
		if (name) {
			printf("%s %d\n", name, nr);
			free(name);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int64_t t0 = now_ns();
	const char *plan_path = NULL, *bpf_prefix = NULL;
	int export_pfc = 0, status_fd = 0, cpu = -1, i;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--plan") && i + 1 < argc)
			plan_path = argv[++i];
		else if (!strcmp(argv[i], "--export-pfc"))
			export_pfc = 1;
		else if (!strcmp(argv[i], "--export-bpf") && i + 1 < argc)
			bpf_prefix = argv[++i];
		else if (!strcmp(argv[i], "--status-fd"))
			status_fd = 1;
		else if (!strcmp(argv[i], "--cpu") && i + 1 < argc)
			cpu = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--syscalls"))
			return list_syscalls();
		else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else
			return usage();
	}
	if (!plan_path)
		return usage();

	char err[1024];
	struct sb_plan plan;
	if (sb_plan_load(plan_path, &plan, err, sizeof err)) {
		fprintf(stderr, "sb-launch: %s\n", err);
		return 2;
	}
	if (export_pfc || bpf_prefix) {
		int rc = export_pfc ? sb_export_pfc(&plan, 1, err, sizeof err) : sb_export_bpf(&plan, bpf_prefix, err, sizeof err);
		if (rc)
			fprintf(stderr, "sb-launch: %s\n", err);
		sb_plan_free(&plan);
		return rc;
	}
	if (i >= argc)
		return usage();

	if (cpu >= 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(cpu, &set);
		if (sched_setaffinity(0, sizeof set, &set))
			printf("SB1 note pin_cpu=%d failed errno=%d\n", cpu, errno);
		else
			printf("SB1 note pin_cpu=%d\n", cpu);
	}
	/* Opened before the sandbox, inherited across exec: lets the workload read its own
	 * seccomp state without the policy having to allow opening /proc. */
	if (status_fd) {
		int fd = open("/proc/self/status", O_RDONLY);
		if (fd >= 0) {
			char buf[16];
			snprintf(buf, sizeof buf, "%d", fd);
			setenv("SANDBENCH_STATUS_FD", buf, 1);
		}
	}
	char t0s[32];
	snprintf(t0s, sizeof t0s, "%" PRId64, t0);
	setenv("SANDBENCH_T0_NS", t0s, 1);

	struct sb_applied applied;
	int rc = sb_apply(&plan, stdout, &applied, err, sizeof err);
	sb_plan_free(&plan);
	if (rc) {
		printf("SB1 error op=apply-plan detail=- errno=0 message=%s\n", err);
		fflush(stdout);
		fprintf(stderr, "sb-launch: %s\n", err);
		return rc;
	}
	printf("SB1 exec launcher_ns=%" PRId64 "\n", now_ns() - t0);
	fflush(stdout);
	execv(argv[i], argv + i);
	int e = errno;
	printf("SB1 error op=execve detail=%s errno=%d message=%s\n", argv[i], e, strerror(e));
	fflush(stdout);
	fprintf(stderr, "sb-launch: execve %s: %s\n", argv[i], strerror(e));
	return 126;
}
