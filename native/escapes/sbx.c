/* The escape-attempt runtime: see sbx.h and docs/escapes.md. */
#if defined(__linux__)
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sbx.h"
#include "sb_self.h"

static const char *g_self_plan;
static int g_entered;

void sbx_line(const char *fmt, ...)
{
	char buf[1024];
	int saved = errno;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n > sizeof buf - 2)
		n = sizeof buf - 2;
	buf[n++] = '\n';
	ssize_t w = write(1, buf, (size_t)n);
	(void)w;
	errno = saved;
}

/* Async-signal-safe: the SIGSYS reporter for filters whose default action is trap. */
static void on_sigsys(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	char buf[64] = "SBX sigsys nr=";
	size_t n = strlen(buf);
	char tmp[16];
	int v = si->si_syscall, k = 0;
	if (v < 0)
		v = 0;
	do {
		tmp[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && k < 15);
	while (k)
		buf[n++] = tmp[--k];
	buf[n++] = '\n';
	ssize_t w = write(1, buf, n);
	(void)w;
	_exit(4);
}

static void status_field(const char *status, const char *key, char *out, size_t outlen)
{
	snprintf(out, outlen, "unknown");
	size_t kl = strlen(key);
	for (const char *p = status; p && *p;) {
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

/* The proof line of docs/protocol.md, from the descriptor the launcher opened before the sandbox. */
static void print_proof(void)
{
#if defined(__linux__)
	const char *fds = getenv("SANDBENCH_STATUS_FD");
	int fd = fds ? atoi(fds) : -1;
	/* No launcher (a container runtime applied the sandbox before exec): the process reads its
	 * own status, as the workloads do in containers.  O_RDONLY|O_CLOEXEC is what runc itself
	 * opens after loading a profile, so every profile that starts a container allows it. */
	if (!fds && getenv("SBX_PROOF_SELF"))
		fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	char status[8192];
	ssize_t n = fd >= 0 ? pread(fd, status, sizeof status - 1, 0) : -1;
	if (n < 0) {
		sbx_line("SB1 proof status=unreadable errno=%d", fd >= 0 ? errno : 0);
		return;
	}
	status[n] = '\0';
	char mode[16], filters[16], nnp[16], ssb[64];
	status_field(status, "Seccomp", mode, sizeof mode);
	status_field(status, "Seccomp_filters", filters, sizeof filters);
	status_field(status, "NoNewPrivs", nnp, sizeof nnp);
	status_field(status, "Speculation_Store_Bypass", ssb, sizeof ssb);
	sbx_line("SB1 proof seccomp_mode=%s seccomp_filters=%s nnp=%s ssb=%s", mode, filters, nnp, ssb);
#else
	sb_self_proof();
#endif
}

const char *sbx_env_opt(const char *name)
{
	const char *v = getenv(name);
	return v && *v ? v : NULL;
}

const char *sbx_env(const char *name)
{
	const char *v = sbx_env_opt(name);
	if (!v) {
		sbx_line("SBX error missing=%s", name);
		fprintf(stderr, "attempt: %s is not set: run attempts through sb-jail (./sandbench escapes)\n", name);
		_exit(2);
	}
	return v;
}

long sbx_env_long(const char *name)
{
	const char *v = sbx_env(name);
	char *end;
	long r = strtol(v, &end, 0);
	if (end == v || *end) {
		sbx_line("SBX error bad=%s", name);
		_exit(2);
	}
	return r;
}

void sbx_init(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	const char *proto = sbx_env("SBX_PROTO");
	if (atoi(proto) != SBX_PROTO_VERSION) {
		sbx_line("SBX error proto=%s expected=%d", proto, SBX_PROTO_VERSION);
		_exit(2);
	}
#if defined(__linux__)
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSYS, &sa, NULL);
#endif
	g_self_plan = sbx_env_opt("SBX_SELF_PLAN");
	sbx_line("SBX start pid=%ld mode=%s", (long)getpid(), g_self_plan ? "self" : "retrofit");
	if (!g_self_plan)
		print_proof();
}

int sbx_self_mode(void)
{
	return g_self_plan != NULL;
}

void sbx_enter(void)
{
	if (g_entered)
		return;
	g_entered = 1;
	if (!g_self_plan)
		return;
#if defined(__linux__)
	/* Open our own status before the sandbox, as the launcher does in retrofit mode. */
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		char b[16];
		snprintf(b, sizeof b, "%d", fd);
		setenv("SANDBENCH_STATUS_FD", b, 1);
	}
#endif
	char err[512];
	fflush(stdout);
	int rc = sb_self_sandbox(g_self_plan, err, sizeof err);
	fflush(stdout);
	if (rc) {
		sbx_line("SBX error op=self-sandbox rc=%d message=%s", rc, err);
		_exit(rc);
	}
	sbx_line("SBX entered");
	print_proof();
}

void sbx_try_begin(const char *op, const char *detail)
{
	sbx_line("SBX try op=%s detail=%s", op, detail && *detail ? detail : "-");
}

long sbx_try_end(const char *op, long rc)
{
	int e = errno;
	if (rc < 0) {
#if defined(__GLIBC__)
		const char *name = strerrorname_np(e);
#else
		const char *name = NULL;
#endif
		sbx_line("SBX step op=%s rc=%ld errno=%d name=%s", op, rc, e, name ? name : "?");
	} else {
		sbx_line("SBX step op=%s rc=%ld", op, rc);
	}
	errno = e;
	return rc;
}

void sbx_found(const char *what, const void *buf, size_t len)
{
	char v[201];
	const unsigned char *b = buf;
	if (len > 200)
		len = 200;
	size_t i;
	for (i = 0; i < len; i++)
		v[i] = b[i] > ' ' && b[i] < 127 ? (char)b[i] : '.';
	v[i] = '\0';
	sbx_line("SBX found what=%s value=%s", what, v);
}

void sbx_found_fd(const char *what, int fd)
{
	char buf[200];
	ssize_t n = pread(fd, buf, sizeof buf, 0);
	if (n < 0 && errno == ESPIPE)
		n = read(fd, buf, sizeof buf);
	if (n > 0)
		sbx_found(what, buf, (size_t)n);
	else
		sbx_line("SBX note read-%s rc=%ld errno=%d", what, (long)n, n < 0 ? errno : 0);
}

int sbx_open_found(const char *op, int dirfd, const char *path, const char *what)
{
	int fd = (int)SBX_TRY(op, path, openat(dirfd, path, O_RDONLY));
	if (fd >= 0)
		sbx_found_fd(what, fd);
	return fd;
}

void sbx_note(const char *fmt, ...)
{
	char buf[800];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	sbx_line("SBX note %s", buf);
}

static volatile sig_atomic_t g_resumed;

static void on_resume(int sig)
{
	(void)sig;
	g_resumed = 1;
}

void sbx_hold(void)
{
#if defined(__linux__)
	if (sbx_env_opt("SBX_HOLD") && !strcmp(sbx_env_opt("SBX_HOLD"), "signal")) {
		/* A container's PID 1 ignores the SIGSTOP it sends itself (a PID namespace's init gets
		 * only the signals it handles, pid_namespaces(7)): wait for the executor's SIGUSR1,
		 * sent once the jail has inspected this process.  rt_sigprocmask, rt_sigaction and
		 * rt_sigsuspend are in every reference allowlist. */
		sigset_t usr1, old;
		sigemptyset(&usr1);
		sigaddset(&usr1, SIGUSR1);
		sigprocmask(SIG_BLOCK, &usr1, &old);
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_resume;
		sigaction(SIGUSR1, &sa, NULL);
		sigdelset(&old, SIGUSR1);
		sbx_line("SBX hold");
		while (!g_resumed)
			sigsuspend(&old);
		sigprocmask(SIG_UNBLOCK, &usr1, NULL);
		sbx_line("SBX held");
		return;
	}
#endif
	sbx_line("SBX hold");
	kill(getpid(), SIGSTOP);
	sbx_line("SBX held");
}

void sbx_request_probe(int port)
{
	sbx_line("SBX probe tcp %d", port);
}

void sbx_na(const char *reason)
{
	sbx_line("SBX na reason=%s", reason);
	_exit(0);
}

void sbx_done(void)
{
	sbx_line("SBX done");
	_exit(0);
}
