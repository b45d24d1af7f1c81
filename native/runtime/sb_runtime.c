/* Portable workload runtime: see sb_runtime.h and docs/protocol.md. */
#if defined(__linux__)
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sb_runtime.h"
#include "sb_self.h"
#if defined(__linux__)
#include <sys/prctl.h>

#include "sb/seccomp_uapi.h"
#endif

static const char *g_name = "?";
static int g_argc;
static char **g_argv;
static long g_batches = 20;
static double g_batch_ms = 10.0;
static double g_warmup_ms = 50.0;
static const char *g_self_plan;
static int g_status_fd = -1;
static int64_t g_t_main;

static int64_t mono_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int64_t cpu_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts))
		return -1;
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

#if defined(__linux__)
/* Async-signal-safe decimal formatting for the SIGSYS reporter (Linux only, like seccomp). */
static size_t fmt_u(char *buf, unsigned long v)
{
	char tmp[24];
	size_t n = 0, i = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		buf[i++] = tmp[--n];
	return i;
}

static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	char buf[128];
	size_t n = 0;
	const char *a = "SB1 denied source=seccomp syscall=";
	memcpy(buf, a, strlen(a));
	n += strlen(a);
	n += fmt_u(buf + n, (unsigned long)si->si_syscall);
	const char *b = " arch=";
	memcpy(buf + n, b, strlen(b));
	n += strlen(b);
	n += fmt_u(buf + n, (unsigned long)si->si_arch);
	buf[n++] = '\n';
	ssize_t w = write(1, buf, n);
	(void)w;
	_exit(SB_EXIT_DENIED);
}
#endif

static void usage_exit(const char *msg)
{
	fprintf(stderr, "%s: %s\n", g_name, msg);
	printf("SB1 error op=usage detail=- errno=0 message=%s\n", msg);
	fflush(stdout);
	exit(SB_EXIT_USAGE);
}

void sb_init(int argc, char **argv, const char *name)
{
	g_t_main = mono_ns();
	g_name = name;
	g_argc = argc;
	g_argv = argv;
	setvbuf(stdout, NULL, _IOLBF, 0);
	g_batches = sb_arg_long("batches", g_batches);
	g_batch_ms = atof(sb_arg("batch-ms", "10"));
	g_warmup_ms = atof(sb_arg("warmup-ms", "50"));
	g_self_plan = sb_arg("self-plan", NULL);
	if (g_batches < 1 || g_batch_ms <= 0 || g_warmup_ms < 0)
		usage_exit("--batches must be >= 1, --batch-ms > 0, --warmup-ms >= 0");
	const char *fd = getenv("SANDBENCH_STATUS_FD");
	if (fd)
		g_status_fd = atoi(fd);
#if defined(__linux__)
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSYS, &sa, NULL);
#endif
	if (g_self_plan) {
		char err[512];
		int rc = sb_self_prepare(g_self_plan, err, sizeof err);
		if (rc) {
			fprintf(stderr, "%s: self-sandboxing failed: %s\n", g_name, err);
			printf("SB1 error op=self-sandbox detail=prepare errno=0 message=%s\n", err);
			fflush(stdout);
			_exit(rc);
		}
	}
	const char *t0 = getenv("SANDBENCH_T0_NS");
	long long from_launch = t0 ? (long long)(g_t_main - atoll(t0)) : -1;
	printf("SB1 start workload=%s mode=%s pid=%ld launch_to_main_ns=%lld\n", name,
	       g_self_plan ? "self" : "retrofit", (long)getpid(), from_launch);
}

const char *sb_arg(const char *key, const char *def)
{
	size_t n = strlen(key);
	for (int i = 1; i + 1 < g_argc; i++)
		if (g_argv[i][0] == '-' && g_argv[i][1] == '-' && !strncmp(g_argv[i] + 2, key, n) && g_argv[i][2 + n] == '\0')
			return g_argv[i + 1];
	return def;
}

long sb_arg_long(const char *key, long def)
{
	const char *v = sb_arg(key, NULL);
	if (!v)
		return def;
	char *end;
	long r = strtol(v, &end, 0);
	if (*end || end == v) {
		char msg[128];
		snprintf(msg, sizeof msg, "--%s expects a number, got '%s'", key, v);
		usage_exit(msg);
	}
	return r;
}

void sb_fail_op(const char *op, const char *detail, int err)
{
	printf("SB1 error op=%s detail=%s errno=%d message=%s\n", op, detail ? detail : "-", err,
	       err ? strerror(err) : "-");
	fflush(stdout);
	_exit(SB_EXIT_DENIED);
}

#if defined(__linux__)
/* Copies the value of "Key:\t value" from a /proc/self/status image, spaces as '_' (Linux only). */
static void status_field(const char *status, const char *key, char *out, size_t outlen)
{
	snprintf(out, outlen, "unknown");
	const char *p = status;
	size_t kl = strlen(key);
	while (p && *p) {
		if (!strncmp(p, key, kl) && p[kl] == ':') {
			p += kl + 1;
			while (*p == ' ' || *p == '\t')
				p++;
			size_t i = 0;
			while (*p && *p != '\n' && i + 1 < outlen)
				out[i++] = *p == ' ' ? '_' : *p, p++;
			out[i] = '\0';
			return;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
}

#endif

static void print_proof(void)
{
#if defined(__linux__)
	char status[8192];
	ssize_t n = -1;
	if (g_status_fd >= 0)
		n = pread(g_status_fd, status, sizeof status - 1, 0);
	if (n < 0) {
		printf("SB1 proof status=unreadable errno=%d\n", errno);
		return;
	}
	status[n] = '\0';
	char mode[16], filters[16], nnp[16], ssb[64];
	status_field(status, "Seccomp", mode, sizeof mode);
	status_field(status, "Seccomp_filters", filters, sizeof filters);
	status_field(status, "NoNewPrivs", nnp, sizeof nnp);
	status_field(status, "Speculation_Store_Bypass", ssb, sizeof ssb);
	/* The speculative-store-bypass state as the kernel reports it to this very process
	 * (prior-art.md, trap 1): installing a filter without SPEC_ALLOW may have forced the
	 * mitigation on.  The _runtime syscall group allows exactly this prctl. */
	long spec = prctl(SB_PR_GET_SPECULATION_CTRL, SB_PR_SPEC_STORE_BYPASS, 0, 0, 0);
	char ssb_prctl[32];
	if (spec < 0)
		snprintf(ssb_prctl, sizeof ssb_prctl, "error-%d", errno);
	else
		snprintf(ssb_prctl, sizeof ssb_prctl, "0x%lx", spec);
	printf("SB1 proof seccomp_mode=%s seccomp_filters=%s nnp=%s ssb=%s ssb_prctl=%s\n", mode, filters, nnp, ssb,
	       ssb_prctl);
#else
	sb_self_proof();
#endif
}

void sb_ready(void)
{
#if defined(__linux__)
	/* Open our own status before any sandbox is applied in this process. */
	if (g_status_fd < 0)
		g_status_fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
#endif
	if (g_self_plan) {
		char err[512];
		int rc = sb_self_sandbox(g_self_plan, err, sizeof err);
		if (rc) {
			fprintf(stderr, "%s: self-sandboxing failed: %s\n", g_name, err);
			printf("SB1 error op=self-sandbox detail=- errno=0 message=%s\n", err);
			fflush(stdout);
			_exit(rc);
		}
	}
	print_proof();
	printf("SB1 ready setup_ns=%lld\n", (long long)(mono_ns() - g_t_main));
}

int sb_measure(sb_loop_fn fn, void *ctx)
{
	const int64_t target = (int64_t)(g_batch_ms * 1e6);
	uint64_t iters = 1;
	int64_t dt = 0;
	/* Calibrate by time: double until a batch takes a quarter of the target, then scale. */
	for (;;) {
		int64_t t0 = mono_ns();
		fn(iters, ctx);
		dt = mono_ns() - t0;
		if (dt >= target / 4 || iters >= (1ULL << 40))
			break;
		iters *= 2;
	}
	if (dt > 0)
		iters = (uint64_t)((double)iters * (double)target / (double)dt);
	if (iters < 1)
		iters = 1;
	printf("SB1 calib iters=%" PRIu64 " target_ns=%" PRId64 "\n", iters, target);

	int64_t warm_end = mono_ns() + (int64_t)(g_warmup_ms * 1e6);
	while (mono_ns() < warm_end)
		fn(iters, ctx);

	for (long b = 0; b < g_batches; b++) {
		int64_t c0 = cpu_ns();
		int64_t t0 = mono_ns();
		fn(iters, ctx);
		int64_t t1 = mono_ns();
		int64_t c1 = cpu_ns();
		/* cpu_ns: the thread's own CPU time over the batch.  Well below ns means the batch was
		 * descheduled part of the time (another process had the CPU); the harness counts such
		 * batches as disturbed.  ns stays the measure (CLOCK_MONOTONIC, prior-art.md trap 3). */
		printf("SB1 batch i=%ld iters=%" PRIu64 " ns=%" PRId64 " cpu_ns=%" PRId64 "\n", b, iters, t1 - t0,
		       c0 < 0 || c1 < 0 ? (int64_t)-1 : c1 - c0);
	}
	printf("SB1 end batches=%ld\n", g_batches);
	fflush(stdout);
	return SB_EXIT_OK;
}
