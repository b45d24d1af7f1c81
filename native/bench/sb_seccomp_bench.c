/*
 * sb-seccomp-bench: the method of the kernel's own seccomp benchmark
 * (tools/testing/selftests/seccomp/seccomp_benchmark.c, Linux 5.11+), twice.
 *
 *   sb-seccomp-bench --kernel-method [--seconds S]
 *       A faithful port: one process calibrates a sample count by CLOCK_MONOTONIC
 *       (S seconds' worth per phase; the kernel uses 15), times native getpid with
 *       CLOCK_PROCESS_CPUTIME_ID, then installs filters one by one in the same process
 *       and times again: 1 and 2 "bitmap" filters (ld nr; ret ALLOW, which the
 *       constant-action cache skips), a 3rd that loads args[0] (no filter can be
 *       cached any more) and a 4th bitmap one.  Prints one "SB1 kmethod" line with
 *       the five times and the kernel's estimates (entry, per filter).
 *
 *   sb-seccomp-bench --filters LETTERS [runtime options]
 *       The same filters for sandbench's method: installs them (b = ld nr; ret ALLOW,
 *       a = ld args[0]; ret ALLOW), in order, then measures getpid in time-calibrated
 *       batches (sb_runtime), one configuration per process, so the harness can
 *       interleave configurations over rounds and give intervals.
 *
 * Exit codes as for workloads (2 usage, 4 an operation failed).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "sb/seccomp_uapi.h"
#include "sb_runtime.h"

static struct sock_filter bitmap_insns[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SB_SECCOMP_DATA_NR),
	BPF_STMT(BPF_RET | BPF_K, SB_SECCOMP_RET_ALLOW),
};
static struct sock_filter argload_insns[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, SB_SECCOMP_DATA_ARGS),
	BPF_STMT(BPF_RET | BPF_K, SB_SECCOMP_RET_ALLOW),
};

static int install(char kind)
{
	struct sock_fprog prog;
	if (kind == 'b') {
		prog.len = 2;
		prog.filter = bitmap_insns;
	} else {
		prog.len = 2;
		prog.filter = argload_insns;
	}
	/* prctl(PR_SET_SECCOMP), as the kernel's benchmark does. */
	return prctl(PR_SET_SECCOMP, 2 /* SECCOMP_MODE_FILTER, 3.5 */, &prog, 0, 0);
}

static unsigned long long ns_between(const struct timespec *a, const struct timespec *b)
{
	unsigned long long i = (unsigned long long)(b->tv_sec - a->tv_sec) * 1000000000ULL;
	return i + (unsigned long long)(b->tv_nsec - a->tv_nsec);
}

/* seccomp_benchmark.c: timing() */
static double timing(clockid_t clk, unsigned long long samples)
{
	struct timespec start, finish;
	pid_t pid = getpid();
	clock_gettime(clk, &start);
	for (unsigned long long i = 0; i < samples; i++)
		if (syscall(__NR_getpid) != pid)
			sb_fail_op("getpid", "wrong-result", 0);
	clock_gettime(clk, &finish);
	return (double)ns_between(&start, &finish) / (double)samples;
}

/* seccomp_benchmark.c: calibrate(), with the number of seconds as a parameter. */
static unsigned long long calibrate(double seconds)
{
	struct timespec start, finish;
	unsigned long long samples = 0, step = 9973;
	pid_t pid = getpid();
	clock_gettime(CLOCK_MONOTONIC, &start);
	/* The kernel calibrates one second, then scales; a shorter phase calibrates shorter. */
	double cal = seconds < 1.0 ? seconds : 1.0;
	do {
		for (unsigned long long i = 0; i < step; i++)
			if (syscall(__NR_getpid) != pid)
				sb_fail_op("getpid", "wrong-result", 0);
		clock_gettime(CLOCK_MONOTONIC, &finish);
		samples += step;
	} while (ns_between(&start, &finish) < (unsigned long long)(cal * 1e9));
	return (unsigned long long)((double)samples * seconds / cal);
}

static int kernel_method(double seconds)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		sb_fail_op("prctl", "PR_SET_NO_NEW_PRIVS", errno);
	unsigned long long samples = calibrate(seconds);
	double native = timing(CLOCK_PROCESS_CPUTIME_ID, samples);
	if (install('b'))
		sb_fail_op("seccomp", "bitmap-1", errno);
	double bitmap1 = timing(CLOCK_PROCESS_CPUTIME_ID, samples);
	if (install('b'))
		sb_fail_op("seccomp", "bitmap-2", errno);
	double bitmap2 = timing(CLOCK_PROCESS_CPUTIME_ID, samples);
	if (install('a'))
		sb_fail_op("seccomp", "full-3", errno);
	double filter1 = timing(CLOCK_PROCESS_CPUTIME_ID, samples);
	if (install('b'))
		sb_fail_op("seccomp", "full-4", errno);
	double filter2 = timing(CLOCK_PROCESS_CPUTIME_ID, samples);
	/* The kernel's estimates, same formulas (its "Estimated ..." lines). */
	double entry = bitmap1 - native - (bitmap2 - bitmap1);
	double per_filter_last2 = filter2 - filter1;
	double per_filter_quarter = (filter2 - native - entry) / 4;
	printf("SB1 kmethod samples=%llu clock=process_cputime native_ns=%.3f bitmap1_ns=%.3f bitmap2_ns=%.3f "
	       "filter3_ns=%.3f filter4_ns=%.3f entry_ns=%.3f per_filter_last2_ns=%.3f per_filter_quarter_ns=%.3f\n",
	       samples, native, bitmap1, bitmap2, filter1, filter2, entry, per_filter_last2, per_filter_quarter);
	return 0;
}

static void loop(uint64_t n, void *ctx)
{
	(void)ctx;
	for (uint64_t i = 0; i < n; i++)
		syscall(SYS_getpid);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--kernel-method")) {
			double seconds = 1.0;
			for (int j = 1; j + 1 < argc; j++)
				if (!strcmp(argv[j], "--seconds"))
					seconds = atof(argv[j + 1]);
			if (seconds <= 0 || seconds > 60) {
				fprintf(stderr, "sb-seccomp-bench: --seconds must be in (0, 60]\n");
				return SB_EXIT_USAGE;
			}
			setvbuf(stdout, NULL, _IOLBF, 0);
			return kernel_method(seconds);
		}
	sb_init(argc, argv, "seccomp-bench");
	const char *filters = sb_arg("filters", "");
	if (strspn(filters, "ab") != strlen(filters) || strlen(filters) > 16)
		sb_fail_op("usage", "--filters takes up to 16 letters: b (ld nr; ret ALLOW) or a (ld args[0]; ret ALLOW)", 0);
	if (*filters && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		sb_fail_op("prctl", "PR_SET_NO_NEW_PRIVS", errno);
	for (const char *p = filters; *p; p++)
		if (install(*p))
			sb_fail_op("seccomp", p, errno);
	sb_ready();
	return sb_measure(loop, NULL);
}
