/*
 * sb-jail: runs one escape attempt inside the per-run arena and reports what
 * the arena saw (docs/escapes.md, "The jail").
 *
 * Started as root by the harness, it reads its configuration on stdin (never on
 * the command line: /proc/<pid>/cmdline is world-readable and would leak the
 * tokens), then:
 *   1. opens a pty pair, the descriptor to leak, the file the victim holds;
 *   2. enters new PID, mount, network and IPC namespaces (as asked); the first
 *      child is PID 1 of the new namespace: when it exits the kernel kills
 *      everything left inside, so nothing the attempt starts can outlive it;
 *   3. mounts a private /proc, brings loopback up, binds the listeners (TCP on
 *      127.0.0.1 and ::1, allowed and forbidden ports, a UDP sink, pathname and
 *      abstract UNIX sockets), creates a SysV segment holding a token;
 *   4. starts the victim (sandbox uid, own session) and the attempt (sandbox
 *      uid, own session with the pty slave as controlling terminal, resource
 *      limits, the leaked descriptor on fd 9), relays the attempt's output;
 *   5. after the attempt ends: drains the listeners, asks the victim for its
 *      signal counter, reads the victim's memory, the pty and the segment.
 *
 * Every line on stdout is framed: "J ..." from the jail, "A ..." a line the
 * attempt wrote on stdout, "E ..." on stderr.  An attempt therefore cannot forge
 * a jail line.  Exit codes: 0 the run happened (whatever its outcome), 2 bad
 * configuration, 3 not root or a namespace the host refuses, 125 setup failed.
 *
 * External mode (configuration key "external 1"; docs/escapes.md, "Attempts in
 * containers"): the arena is set up as above, but the jail does not start the
 * attempt.  It prints what the attempt's environment needs from it ("J
 * attempt-env NAME=VALUE") and "J waiting", and another executor (a container
 * runtime) runs the attempt.  The harness then writes on the jail's stdin, one
 * per line:
 *   A TEXT / E TEXT     a line of the attempt's stdout / stderr (framed as above,
 *                       "SBX probe" honoured as when the jail runs the attempt)
 *   hold pid=N          the attempt (host pid N) waits for inspection: the jail
 *                       records its descriptors and namespaces through the host's
 *                       /proc, then prints "J held"
 *   exit code=N | exit signal=N | timeout
 *   fail TEXT           the executor could not run the attempt ("J error op=executor")
 *   done                the attempt has ended: collect the evidence and report
 *
 *   sb-jail < config            run one attempt
 *   sb-jail --probe             which namespaces this host lets root create
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define MAX_ENV 64
#define MAX_ARGS 32
#define LEAK_FD 9
#define HELD_FD 3
#define MAX_OUTPUT (256 * 1024)

/* ioctl_ns(2): the user namespace that owns a namespace (Linux 4.9, linux/nsfs.h). */
#define SB_NS_GET_USERNS _IO(0xb7, 0x1)

struct config {
	long uid, gid;
	int pidns, netns, ipcns, mntns;
	char *cwd;
	long timeout_ms;
	int tcp_allowed, tcp_forbidden, tcp_backdoor, udp_sink;
	char *unix_path, *unix_abstract;
	int pty;
	char *victim, *victim_token, *victim_env_token, *victim_held;
	long shm_key;
	char *shm_token;
	char *leak_rw;
	int external;
	int nenv, nargs;
	char *env[MAX_ENV];
	char *args[MAX_ARGS + 1];
};

static struct config C;

static void jline(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void jline(const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf + 2, sizeof buf - 3, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof buf - 4)
		n = (int)sizeof buf - 4;
	buf[0] = 'J';
	buf[1] = ' ';
	buf[n + 2] = '\n';
	ssize_t w = write(1, buf, (size_t)n + 3);
	(void)w;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void die(int code, const char *op, int err)
{
	jline("error op=%s errno=%d message=%s", op, err, err ? strerror(err) : "-");
	fprintf(stderr, "sb-jail: %s: %s\n", op, err ? strerror(err) : "failed");
	exit(code);
}

/* ------------------------------------------------------------ configuration */

static int parse_config(FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	C.timeout_ms = 5000;
	C.uid = C.gid = -1;
	while ((n = getline(&line, &cap, in)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		char *sp = strchr(line, ' ');
		char *key = line, *val = sp ? sp + 1 : line + n;
		if (sp)
			*sp = '\0';
		if (!strcmp(key, "end"))
			break;
#define NUM(k, f) else if (!strcmp(key, k)) f = strtol(val, NULL, 0)
#define STR(k, f) else if (!strcmp(key, k)) f = strdup(val)
		if (0) {
		}
		NUM("uid", C.uid);
		NUM("gid", C.gid);
		NUM("pidns", C.pidns);
		NUM("netns", C.netns);
		NUM("ipcns", C.ipcns);
		NUM("mntns", C.mntns);
		NUM("timeout_ms", C.timeout_ms);
		NUM("tcp_allowed", C.tcp_allowed);
		NUM("tcp_forbidden", C.tcp_forbidden);
		NUM("tcp_backdoor", C.tcp_backdoor);
		NUM("udp_sink", C.udp_sink);
		NUM("pty", C.pty);
		NUM("shm_key", C.shm_key);
		NUM("external", C.external);
		STR("cwd", C.cwd);
		STR("unix_path", C.unix_path);
		STR("unix_abstract", C.unix_abstract);
		STR("victim", C.victim);
		STR("victim_token", C.victim_token);
		STR("victim_env_token", C.victim_env_token);
		STR("victim_held", C.victim_held);
		STR("shm_token", C.shm_token);
		STR("leak_rw", C.leak_rw);
		else if (!strcmp(key, "env")) {
			if (C.nenv >= MAX_ENV - 16 || !strchr(val, '='))
				return -1;
			C.env[C.nenv++] = strdup(val);
		} else if (!strcmp(key, "arg")) {
			if (C.nargs >= MAX_ARGS)
				return -1;
			C.args[C.nargs++] = strdup(val);
		} else {
			fprintf(stderr, "sb-jail: unknown configuration key '%s'\n", key);
			return -1;
		}
#undef NUM
#undef STR
	}
	free(line);
	if (C.uid <= 0 || C.gid <= 0 || !C.nargs || !C.cwd) {
		fprintf(stderr, "sb-jail: the configuration needs uid, gid (both non-zero), cwd and at least one arg\n");
		return -1;
	}
	if (C.pidns && !C.mntns) {
		fprintf(stderr, "sb-jail: pidns needs mntns (a private /proc)\n");
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ listeners */

enum ltype { L_STREAM, L_DGRAM };

struct listener {
	const char *name;
	int fd;
	enum ltype type;
	int events;
	long bytes;
	long peer_uid; /* last SO_PEERCRED uid for UNIX sockets, -1 otherwise */
};

#define MAX_LISTENERS 10
static struct listener L[MAX_LISTENERS];
static int nl;

static void add_listener(const char *name, int fd, enum ltype t)
{
	L[nl++] = (struct listener){ .name = name, .fd = fd, .type = t, .peer_uid = -1 };
}

static int inet_listener(int family, int type, int port)
{
	int fd = socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die(125, "socket", errno);
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	int r;
	if (family == AF_INET6) {
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
		struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons((uint16_t)port) };
		a.sin6_addr = in6addr_loopback;
		r = bind(fd, (struct sockaddr *)&a, sizeof a);
	} else {
		struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		r = bind(fd, (struct sockaddr *)&a, sizeof a);
	}
	if (r) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	if (type == SOCK_STREAM && listen(fd, 64))
		die(125, "listen", errno);
	return fd;
}

static void start_listeners(void)
{
	struct { const char *name; int family, type, port; } spec[] = {
		{ "tcp4-allowed", AF_INET, SOCK_STREAM, C.tcp_allowed },
		{ "tcp4-forbidden", AF_INET, SOCK_STREAM, C.tcp_forbidden },
		{ "tcp6-allowed", AF_INET6, SOCK_STREAM, C.tcp_allowed },
		{ "tcp6-forbidden", AF_INET6, SOCK_STREAM, C.tcp_forbidden },
		{ "udp4-sink", AF_INET, SOCK_DGRAM, C.udp_sink },
		{ "udp6-sink", AF_INET6, SOCK_DGRAM, C.udp_sink },
	};
	for (size_t i = 0; i < sizeof spec / sizeof spec[0]; i++) {
		if (!spec[i].port)
			continue;
		int fd = inet_listener(spec[i].family, spec[i].type, spec[i].port);
		if (fd < 0) {
			/* IPv6 may be disabled on the host: say so, the IPv6 attempts become NA_HOST. */
			jline("listener name=%s port=%d unavailable errno=%d", spec[i].name, spec[i].port, errno);
			continue;
		}
		add_listener(spec[i].name, fd, spec[i].type == SOCK_STREAM ? L_STREAM : L_DGRAM);
	}
	if (C.unix_path) {
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		struct sockaddr_un a = { .sun_family = AF_UNIX };
		snprintf(a.sun_path, sizeof a.sun_path, "%s", C.unix_path);
		unlink(C.unix_path);
		if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 16))
			die(125, "unix-path listener", errno);
		/* Owned by the sandbox uid like the canaries: only the sandbox may be what stops a connect. */
		if (chown(C.unix_path, (uid_t)C.uid, (gid_t)C.gid) || chmod(C.unix_path, 0600))
			die(125, "chown unix socket", errno);
		add_listener("unix-path", fd, L_STREAM);
	}
	if (C.unix_abstract) {
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		struct sockaddr_un a = { .sun_family = AF_UNIX };
		size_t len = strlen(C.unix_abstract);
		if (len + 1 > sizeof a.sun_path)
			die(2, "unix_abstract too long", 0);
		memcpy(a.sun_path + 1, C.unix_abstract, len);
		if (fd < 0 || bind(fd, (struct sockaddr *)&a, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len)) ||
		    listen(fd, 16))
			die(125, "abstract listener", errno);
		add_listener("unix-abstract", fd, L_STREAM);
	}
}

static void service_listener(struct listener *l)
{
	for (;;) {
		if (l->type == L_STREAM) {
			int c = accept4(l->fd, NULL, NULL, SOCK_CLOEXEC);
			if (c < 0)
				return;
			struct ucred cr;
			socklen_t cl = sizeof cr;
			if (!getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cr, &cl) && !strncmp(l->name, "unix", 4))
				l->peer_uid = cr.uid;
			char buf[256];
			ssize_t n = recv(c, buf, sizeof buf, MSG_DONTWAIT);
			if (n > 0)
				l->bytes += n;
			l->events++;
			if (l->events <= 5)
				jline("conn listener=%s", l->name);
			close(c);
		} else {
			char buf[2048];
			ssize_t n = recv(l->fd, buf, sizeof buf, MSG_DONTWAIT);
			if (n < 0)
				return;
			l->events++;
			l->bytes += n;
			if (l->events <= 5)
				jline("datagram listener=%s bytes=%zd", l->name, n);
		}
	}
}

static void probe_backdoor(int port)
{
	if (!C.tcp_backdoor || port != C.tcp_backdoor) {
		/* Only the arena's backdoor port is ever probed. */
		jline("probe port=%d result=refused-by-jail", port);
		return;
	}
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	const char *res = "refused";
	if (fd >= 0) {
		int r = connect(fd, (struct sockaddr *)&a, sizeof a);
		if (r && errno == EINPROGRESS) {
			struct pollfd p = { .fd = fd, .events = POLLOUT };
			if (poll(&p, 1, 500) == 1) {
				int err = 0;
				socklen_t el = sizeof err;
				getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &el);
				r = err ? -1 : 0;
			} else {
				res = "timeout";
			}
		}
		if (!r)
			res = "connected";
		close(fd);
	}
	jline("probe listener=tcp4-backdoor result=%s", res);
}

/* ------------------------------------------------------------ namespaces */

static void loopback_up(void)
{
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr;
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
	if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr))
		die(125, "SIOCGIFFLAGS lo", errno);
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr))
		die(125, "SIOCSIFFLAGS lo", errno);
	close(s);
}

static int probe_ns(int flag)
{
	pid_t p = fork();
	if (p == 0)
		_exit(unshare(flag) ? 1 : 0);
	int st;
	return p > 0 && waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int probe_main(void)
{
	printf("probe root=%d pidns=%d mntns=%d netns=%d ipcns=%d\n", geteuid() == 0, probe_ns(CLONE_NEWPID),
	       probe_ns(CLONE_NEWNS), probe_ns(CLONE_NEWNET), probe_ns(CLONE_NEWIPC));
	return 0;
}

/* ------------------------------------------------------------ children */

static void set_limits(void)
{
	/* Bounds for anything an attempt tries (catalogue: "bound any resource attempt with rlimits"). */
	struct { int res; rlim_t v; } lim[] = {
		{ RLIMIT_CPU, 10 },
		{ RLIMIT_AS, 2UL << 30 },
		{ RLIMIT_FSIZE, 16UL << 20 },
		{ RLIMIT_NOFILE, 256 },
		{ RLIMIT_NPROC, 128 },
		{ RLIMIT_CORE, 0 },
		{ RLIMIT_MEMLOCK, 8UL << 20 },
	};
	for (size_t i = 0; i < sizeof lim / sizeof lim[0]; i++) {
		struct rlimit r = { lim[i].v, lim[i].v };
		setrlimit(lim[i].res, &r);
	}
}

/* In the child, after fork: never returns on failure. */
static void drop_privileges(void)
{
	gid_t g = (gid_t)C.gid;
	uid_t u = (uid_t)C.uid;
	if (setgroups(0, NULL) || setresgid(g, g, g) || setresuid(u, u, u))
		_exit(125);
	if (getuid() != u || geteuid() != u || getgid() != g || setuid(0) == 0)
		_exit(125);
	/* Dies with the jail (cleared by credential changes, so set after them). */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
}

static void close_from(int lowest, int keep)
{
	for (int fd = lowest; fd < 1024; fd++)
		if (fd != keep)
			close(fd);
}

struct victim {
	pid_t pid;
	int cmd, rep;
	unsigned long addr;
	size_t len;
	int stopped, dead, status;
};

static struct victim V = { .pid = -1, .cmd = -1, .rep = -1 };

static ssize_t read_line_timeout(int fd, char *buf, size_t len, int ms)
{
	size_t n = 0;
	int64_t end = now_ms() + ms;
	while (n + 1 < len) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int left = (int)(end - now_ms());
		if (left <= 0 || poll(&p, 1, left) != 1)
			break;
		char c;
		if (read(fd, &c, 1) != 1)
			break;
		if (c == '\n') {
			buf[n] = '\0';
			return (ssize_t)n;
		}
		buf[n++] = c;
	}
	buf[n] = '\0';
	return -1;
}

static void start_victim(void)
{
	int in[2], out[2];
	int held = -1;
	if (C.victim_held && (held = open(C.victim_held, O_RDONLY | O_CLOEXEC)) < 0)
		die(125, "open victim_held", errno);
	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC))
		die(125, "pipe", errno);
	pid_t p = fork();
	if (p < 0)
		die(125, "fork victim", errno);
	if (p == 0) {
		setsid();
		dup2(in[0], 0);
		dup2(out[1], 1);
		int devnull = open("/dev/null", O_WRONLY);
		dup2(devnull, 2);
		if (held >= 0) {
			dup2(held, HELD_FD);
			fcntl(HELD_FD, F_SETFD, 0);
		}
		close_from(HELD_FD + (held >= 0), -1);
		set_limits();
		drop_privileges();
		char envbuf[256];
		snprintf(envbuf, sizeof envbuf, "VICTIM_SECRET=%s", C.victim_env_token ? C.victim_env_token : "-");
		char *envp[] = { envbuf, NULL };
		char *argv[] = { C.victim, NULL };
		execve(C.victim, argv, envp);
		_exit(126);
	}
	close(in[0]);
	close(out[1]);
	if (held >= 0)
		close(held);
	V.pid = p;
	V.cmd = in[1];
	V.rep = out[0];
	dprintf(V.cmd, "%s\n", C.victim_token ? C.victim_token : "no-token");
	char line[256];
	if (read_line_timeout(V.rep, line, sizeof line, 3000) < 0)
		die(125, "victim did not start", 0);
	long pid = 0;
	if (sscanf(line, "ready pid=%ld addr=%lx len=%zu", &pid, &V.addr, &V.len) != 3 || pid != p)
		die(125, "victim sent a bad ready line", 0);
}

static void victim_report(void)
{
	if (V.pid < 0)
		return;
	const char *state = "alive";
	char dead[32];
	if (V.dead) {
		snprintf(dead, sizeof dead, "%s:%d", WIFSIGNALED(V.status) ? "killed" : "exited",
			 WIFSIGNALED(V.status) ? WTERMSIG(V.status) : WEXITSTATUS(V.status));
		state = dead;
	} else if (V.stopped) {
		state = "was-stopped";
		kill(V.pid, SIGCONT);
	}
	/* The jail reads the token back itself: the victim's word is not needed for this. */
	const char *token = "unchecked";
	if (!V.dead && C.victim_token) {
		char buf[128];
		size_t len = V.len < sizeof buf ? V.len : sizeof buf;
		struct iovec l = { buf, len }, r = { (void *)V.addr, len };
		ssize_t n = process_vm_readv(V.pid, &l, 1, &r, 1, 0);
		token = n != (ssize_t)len ? "unreadable" : memcmp(buf, C.victim_token, len) ? "changed" : "intact";
	}
	char line[256] = "";
	if (!V.dead) {
		dprintf(V.cmd, "report\n");
		if (read_line_timeout(V.rep, line, sizeof line, 1000) < 0)
			snprintf(line, sizeof line, "report unanswered");
	}
	jline("victim state=%s token=%s %s", state, token, line[0] ? line : "report none");
}

static void snapshot(pid_t pid)
{
	char path[64], target[256];
	snprintf(path, sizeof path, "/proc/%d/fd", pid);
	DIR *d = opendir(path);
	if (d) {
		struct dirent *e;
		int count = 0;
		while ((e = readdir(d)) && count < 64) {
			if (e->d_name[0] == '.')
				continue;
			char p2[300];
			snprintf(p2, sizeof p2, "/proc/%d/fd/%s", pid, e->d_name);
			ssize_t n = readlink(p2, target, sizeof target - 1);
			if (n < 0)
				continue;
			target[n] = '\0';
			for (ssize_t i = 0; i < n; i++)
				if (target[i] == ' ')
					target[i] = '_';
			jline("fd n=%s target=%s", e->d_name, target);
			count++;
		}
		closedir(d);
	}
	static const char *ns[] = { "user", "mnt", "net", "pid", "ipc", "uts", "cgroup" };
	char out[512] = "";
	size_t o = 0;
	for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
		char a[64], b[64], ta[128], tb[128];
		snprintf(a, sizeof a, "/proc/%d/ns/%s", pid, ns[i]);
		snprintf(b, sizeof b, "/proc/self/ns/%s", ns[i]);
		ssize_t na = readlink(a, ta, sizeof ta - 1), nb = readlink(b, tb, sizeof tb - 1);
		const char *v = "unknown";
		if (na > 0 && nb > 0) {
			ta[na] = tb[nb] = '\0';
			v = strcmp(ta, tb) ? "new" : "same";
		}
		o += (size_t)snprintf(out + o, sizeof out - o, " %s=%s", ns[i], v);
	}
	jline("ns%s", out);
}

/* ------------------------------------------------------------ attempt output */

struct stream {
	int fd;
	char tag;
	char buf[4096];
	size_t len;
	int eof;
};

static long g_output;

static void handle_attempt_line(const char *l)
{
	int port;
	if (sscanf(l, "SBX probe tcp %d", &port) == 1)
		probe_backdoor(port);
}

static void emit(struct stream *s, const char *l, size_t n)
{
	if (g_output > MAX_OUTPUT)
		return;
	g_output += (long)n;
	char line[4200];
	size_t m = n < sizeof line - 4 ? n : sizeof line - 4;
	line[0] = s->tag;
	line[1] = ' ';
	memcpy(line + 2, l, m);
	for (size_t i = 2; i < m + 2; i++)
		if (line[i] == '\0' || line[i] == '\r')
			line[i] = '.';
	line[m + 2] = '\n';
	ssize_t w = write(1, line, m + 3);
	(void)w;
	if (g_output > MAX_OUTPUT)
		jline("output truncated bytes=%d", MAX_OUTPUT);
	if (s->tag == 'A') {
		line[m + 2] = '\0';
		handle_attempt_line(line + 2);
	}
}

static void pump(struct stream *s)
{
	if (s->eof)
		return;
	ssize_t n = read(s->fd, s->buf + s->len, sizeof s->buf - s->len);
	if (n <= 0) {
		if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
			if (s->len)
				emit(s, s->buf, s->len);
			s->len = 0;
			s->eof = 1;
		}
		return;
	}
	s->len += (size_t)n;
	size_t start = 0;
	for (size_t i = 0; i < s->len; i++) {
		if (s->buf[i] == '\n') {
			emit(s, s->buf + start, i - start);
			start = i + 1;
		}
	}
	if (start == 0 && s->len == sizeof s->buf) {
		emit(s, s->buf, s->len); /* an over-long line is cut, not lost */
		start = s->len;
	}
	memmove(s->buf, s->buf + start, s->len - start);
	s->len -= start;
}

/* ------------------------------------------------------------ the run */

static int g_master = -1, g_slave = -1;
static char g_tty_path[64];
static int g_shm = -1;

static void setup_pty(void)
{
	g_master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (g_master < 0 || grantpt(g_master) || unlockpt(g_master) || ptsname_r(g_master, g_tty_path, sizeof g_tty_path))
		die(125, "posix_openpt", errno);
	g_slave = open(g_tty_path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (g_slave < 0)
		die(125, "open pty slave", errno);
	/* Like a login: the terminal belongs to the sandbox uid. */
	if (fchown(g_slave, (uid_t)C.uid, (gid_t)-1))
		die(125, "fchown pty", errno);
	/* Non-canonical, so that the jail can read injected input without a newline; echo stays on. */
	struct termios t;
	if (tcgetattr(g_slave, &t))
		die(125, "tcgetattr", errno);
	t.c_lflag &= ~(tcflag_t)ICANON;
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	tcsetattr(g_slave, TCSANOW, &t);
	fcntl(g_master, F_SETFL, O_NONBLOCK);
}

static void pty_report(void)
{
	if (g_master < 0)
		return;
	char buf[4096];
	fcntl(g_slave, F_SETFL, O_NONBLOCK);
	ssize_t in = read(g_slave, buf, sizeof buf);
	char hex[65] = "";
	for (ssize_t i = 0; i < in && i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", (unsigned char)buf[i]);
	long out = 0;
	ssize_t n;
	while ((n = read(g_master, buf, sizeof buf)) > 0)
		out += n;
	jline("pty input=%ld input_hex=%s output=%ld", in > 0 ? (long)in : 0L, hex[0] ? hex : "-", out);
}

static void setup_shm(void)
{
	if (!C.shm_key || !C.shm_token)
		return;
	g_shm = shmget((key_t)C.shm_key, 4096, IPC_CREAT | IPC_EXCL | 0600);
	if (g_shm < 0)
		die(125, "shmget", errno);
	struct shmid_ds ds;
	if (shmctl(g_shm, IPC_STAT, &ds))
		die(125, "shmctl", errno);
	ds.shm_perm.uid = (uid_t)C.uid;
	ds.shm_perm.gid = (gid_t)C.gid;
	if (shmctl(g_shm, IPC_SET, &ds))
		die(125, "shmctl IPC_SET", errno);
	char *p = shmat(g_shm, NULL, 0);
	if (p == (void *)-1)
		die(125, "shmat", errno);
	snprintf(p, 4096, "%s", C.shm_token);
	shmdt(p);
}

static void shm_report(void)
{
	if (g_shm < 0)
		return;
	struct shmid_ds ds;
	if (shmctl(g_shm, IPC_STAT, &ds))
		return;
	char *p = shmat(g_shm, NULL, SHM_RDONLY);
	int changed = p == (void *)-1 ? -1 : strncmp(p, C.shm_token, strlen(C.shm_token)) != 0;
	if (p != (void *)-1)
		shmdt(p);
	/* The jail itself attached twice (create, report); the last attach/detach pid tells whether anyone else did. */
	jline("shm last_pid=%s changed=%d", ds.shm_lpid == getpid() ? "jail" : "other", changed);
	shmctl(g_shm, IPC_RMID, NULL);
}

static char **attempt_env(void)
{
	static char *envp[MAX_ENV + 1];
	static char extra[12][128];
	int n = 0, k = 0;
	for (int i = 0; i < C.nenv; i++)
		envp[n++] = C.env[i];
#define ADD(...) (snprintf(extra[k], sizeof extra[k], __VA_ARGS__), envp[n++] = extra[k++])
	ADD("SBX_PIDNS=%d", C.pidns);
	ADD("SBX_NETNS=%d", C.netns);
	if (V.pid > 0) {
		ADD("SBX_VICTIM_PID=%d", (int)V.pid); /* the namespace pid when pidns: the attempt lives there too */
		ADD("SBX_VICTIM_PGID=%d", (int)V.pid);
		ADD("SBX_VICTIM_TOKEN_ADDR=0x%lx", V.addr);
		ADD("SBX_VICTIM_TOKEN_LEN=%zu", V.len);
		ADD("SBX_VICTIM_HELD_FD=%d", HELD_FD);
	}
	if (g_master >= 0) {
		ADD("SBX_TTY_FD=0");
		ADD("SBX_TTY_PATH=%s", g_tty_path);
	}
	if (g_shm >= 0)
		ADD("SBX_SHM_KEY=0x%lx", C.shm_key);
#undef ADD
	envp[n] = NULL;
	return envp;
}

static pid_t start_attempt(int out_w, int err_w)
{
	int leak = -1;
	if (C.leak_rw && (leak = open(C.leak_rw, O_RDWR | O_CLOEXEC)) < 0)
		die(125, "open leak_rw", errno);
	char **envp = attempt_env();
	pid_t p = fork();
	if (p < 0)
		die(125, "fork attempt", errno);
	if (p == 0) {
		setsid();
		if (g_slave >= 0) {
			if (ioctl(g_slave, TIOCSCTTY, 0))
				_exit(125);
			dup2(g_slave, 0);
		} else {
			int dn = open("/dev/null", O_RDONLY);
			dup2(dn, 0);
		}
		dup2(out_w, 1);
		dup2(err_w, 2);
		if (leak >= 0) {
			dup2(leak, LEAK_FD);
			fcntl(LEAK_FD, F_SETFD, 0); /* inherited across exec: this is the leak */
		}
		close_from(3, leak >= 0 ? LEAK_FD : -1);
		if (chdir(C.cwd))
			_exit(125);
		set_limits();
		drop_privileges();
		execve(C.args[0], C.args, envp);
		_exit(126);
	}
	if (leak >= 0)
		close(leak);
	return p;
}

static int report(void);
static int supervise_external(void);

static int supervise(void)
{
	if (C.mntns && C.pidns) {
		if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL))
			die(125, "make / private", errno);
		if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL))
			die(125, "mount /proc", errno);
	}
	if (C.netns)
		loopback_up();
	start_listeners();
	setup_shm();
	if (C.victim)
		start_victim();
	int out[2], err[2];
	if (pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
		die(125, "pipe", errno);
	jline("ready pidns=%d netns=%d ipcns=%d mntns=%d victim=%s pty=%s", C.pidns, C.netns, C.ipcns, C.mntns,
	      V.pid > 0 ? "1" : "0", g_master >= 0 ? "1" : "0");
	if (C.external)
		return supervise_external();
	pid_t a = start_attempt(out[1], err[1]);
	close(out[1]);
	close(err[1]);
	struct stream so = { .fd = out[0], .tag = 'A' }, se = { .fd = err[0], .tag = 'E' };
	fcntl(so.fd, F_SETFL, O_NONBLOCK);
	fcntl(se.fd, F_SETFL, O_NONBLOCK);

	int64_t start = now_ms(), deadline = start + C.timeout_ms, grace_end = 0;
	int attempt_status = 0, attempt_done = 0, timed_out = 0;
	for (;;) {
		struct pollfd p[MAX_LISTENERS + 2];
		int n = 0;
		p[n++] = (struct pollfd){ .fd = so.eof ? -1 : so.fd, .events = POLLIN };
		p[n++] = (struct pollfd){ .fd = se.eof ? -1 : se.fd, .events = POLLIN };
		for (int i = 0; i < nl; i++)
			p[n++] = (struct pollfd){ .fd = L[i].fd, .events = POLLIN };
		poll(p, (nfds_t)n, 10);
		if (p[0].revents)
			pump(&so);
		if (p[1].revents)
			pump(&se);
		for (int i = 0; i < nl; i++)
			if (p[2 + i].revents & POLLIN)
				service_listener(&L[i]);
		int st;
		pid_t w;
		while ((w = waitpid(-1, &st, WNOHANG | WUNTRACED | WCONTINUED)) > 0) {
			if (w == a) {
				if (WIFSTOPPED(st)) {
					jline("stopped signal=%d", WSTOPSIG(st));
					snapshot(a);
					kill(a, SIGCONT);
				} else if (WIFEXITED(st) || WIFSIGNALED(st)) {
					attempt_status = st;
					attempt_done = 1;
					grace_end = now_ms() + 150;
				}
			} else if (w == V.pid) {
				if (WIFSTOPPED(st))
					V.stopped = 1;
				else if (WIFCONTINUED(st))
					V.stopped = 0;
				else {
					V.dead = 1;
					V.status = st;
				}
			}
		}
		int64_t t = now_ms();
		if (!attempt_done && t > deadline) {
			timed_out = 1;
			kill(-a, SIGKILL); /* its own session and process group, which the jail created */
			kill(a, SIGKILL);
			deadline = t + 100000;
		}
		if (attempt_done && ((so.eof && se.eof) || t > grace_end))
			break;
	}
	for (int i = 0; i < nl; i++)
		service_listener(&L[i]);
	if (!so.eof && so.len)
		emit(&so, so.buf, so.len);
	if (timed_out)
		jline("timeout ms=%ld", C.timeout_ms);
	if (WIFSIGNALED(attempt_status))
		jline("exit signal=%d core=%d ms=%lld", WTERMSIG(attempt_status), WCOREDUMP(attempt_status) ? 1 : 0,
		      (long long)(now_ms() - start));
	else
		jline("exit code=%d ms=%lld", WEXITSTATUS(attempt_status), (long long)(now_ms() - start));
	/* The attempt's leftovers die before the victim is questioned (its session and group). */
	kill(-a, SIGKILL);
	usleep(2000);
	return report();
}

/* After the attempt: what the victim, the terminal, the segment and the listeners saw. */
static int report(void)
{
	victim_report();
	pty_report();
	shm_report();
	for (int i = 0; i < nl; i++)
		jline("listener name=%s events=%d bytes=%ld peer_uid=%ld", L[i].name, L[i].events, L[i].bytes,
		      L[i].peer_uid);
	if (C.unix_path)
		unlink(C.unix_path);
	if (!C.pidns) {
		/* Without a PID namespace the jail kills what it started, by pid, itself. */
		if (V.pid > 0) {
			kill(V.pid, SIGKILL);
			waitpid(V.pid, NULL, 0);
		}
	}
	jline("end");
	return 0;
}


/* ------------------------------------------------------------ external mode */

/* The host's /proc, opened before the jail's own namespaces: where an external executor's
 * process (a container's, in the host's PID namespace) can be inspected. */
static int g_hostproc = -1;

static int same_file(int a, int b)
{
	struct stat sa, sb;
	return !fstat(a, &sa) && !fstat(b, &sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* "hold pid=N": the attempt of an external executor waits (it cannot stop itself: a container's
 * PID 1 ignores the SIGSTOP it sends itself) while the jail records what it holds, as snapshot()
 * does for its own child.  Its namespaces are compared with the container's, not the jail's:
 * the reference user namespace is the owner of its PID namespace (which a process never leaves);
 * another namespace is new when a new user namespace owns it.  The attempt runs without
 * CAP_SYS_ADMIN in the container's user namespace, so it can create namespaces only beneath a
 * user namespace of its own. */
static void inspect_external(long pid)
{
	char path[96], status[4096];
	snprintf(path, sizeof path, "%ld/status", pid);
	int sfd = g_hostproc >= 0 ? openat(g_hostproc, path, O_RDONLY | O_CLOEXEC) : -1;
	ssize_t n = sfd >= 0 ? read(sfd, status, sizeof status - 1) : -1;
	if (sfd >= 0)
		close(sfd);
	long ruid = -1;
	if (n > 0) {
		status[n] = '\0';
		char *u = strstr(status, "\nUid:");
		if (u)
			ruid = strtol(u + 5, NULL, 10);
	}
	if (ruid != C.uid) {
		/* Not the sandbox uid's process as this jail sees host pids: nothing is inspected. */
		jline("error op=inspect errno=%d message=pid-%ld-is-not-a-process-of-the-sandbox-uid-in-this-pid-namespace",
		      n < 0 ? errno : 0, pid);
		return;
	}
	jline("stopped signal=0 external=1");
	snprintf(path, sizeof path, "%ld/fd", pid);
	int dfd = openat(g_hostproc, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (d) {
		struct dirent *e;
		int count = 0;
		char target[256];
		while ((e = readdir(d)) && count < 64) {
			if (e->d_name[0] == '.')
				continue;
			ssize_t k = readlinkat(dirfd(d), e->d_name, target, sizeof target - 1);
			if (k < 0)
				continue;
			target[k] = '\0';
			for (ssize_t i = 0; i < k; i++)
				if (target[i] == ' ')
					target[i] = '_';
			jline("fd n=%s target=%s", e->d_name, target);
			count++;
		}
		closedir(d);
	}
	static const char *ns[] = { "user", "mnt", "net", "pid_for_children", "ipc", "uts", "cgroup" };
	static const char *label[] = { "user", "mnt", "net", "pid", "ipc", "uts", "cgroup" };
	snprintf(path, sizeof path, "%ld/ns/pid", pid);
	int pidns = openat(g_hostproc, path, O_RDONLY | O_CLOEXEC);
	int ref = pidns >= 0 ? ioctl(pidns, SB_NS_GET_USERNS) : -1;
	char out[512] = "";
	size_t o = 0;
	for (size_t i = 0; i < sizeof ns / sizeof ns[0]; i++) {
		snprintf(path, sizeof path, "%ld/ns/%s", pid, ns[i]);
		int f = openat(g_hostproc, path, O_RDONLY | O_CLOEXEC);
		const char *v = "unknown";
		if (f >= 0 && ref >= 0) {
			int owner = i == 0 ? dup(f) : ioctl(f, SB_NS_GET_USERNS);
			if (owner >= 0) {
				v = same_file(owner, ref) ? "same" : "new";
				close(owner);
			}
		}
		if (f >= 0)
			close(f);
		o += (size_t)snprintf(out + o, sizeof out - o, " %s=%s", label[i], v);
	}
	if (ref >= 0)
		close(ref);
	if (pidns >= 0)
		close(pidns);
	jline("ns%s external=1", out);
}

static int g_ext_done, g_ext_timeout, g_ext_status_set, g_ext_failed;
static long g_ext_code = -1, g_ext_signal = -1;
static struct stream g_ext_out = { .fd = -1, .tag = 'A' }, g_ext_err = { .fd = -1, .tag = 'E' };

static void external_command(char *l, size_t n)
{
	long v;
	if (n >= 2 && (l[0] == 'A' || l[0] == 'E') && l[1] == ' ')
		emit(l[0] == 'A' ? &g_ext_out : &g_ext_err, l + 2, n - 2);
	else if (n == 1 && (l[0] == 'A' || l[0] == 'E'))
		emit(l[0] == 'A' ? &g_ext_out : &g_ext_err, "", 0);
	else if (sscanf(l, "hold pid=%ld", &v) == 1) {
		inspect_external(v);
		jline("held");
	} else if (sscanf(l, "exit code=%ld", &v) == 1) {
		g_ext_code = v;
		g_ext_status_set = 1;
	} else if (sscanf(l, "exit signal=%ld", &v) == 1) {
		g_ext_signal = v;
		g_ext_status_set = 1;
	} else if (!strcmp(l, "timeout"))
		g_ext_timeout = 1;
	else if (!strncmp(l, "fail ", 5)) {
		/* The executor could not run the attempt (the runtime refused the container): not a run. */
		for (char *c = l + 5; *c; c++)
			if (*c == ' ' || *c == '\t')
				*c = '_';
		jline("error op=executor errno=0 message=%s", l + 5);
		g_ext_failed = 1;
	}
	else if (!strcmp(l, "done"))
		g_ext_done = 1;
	else
		jline("error op=external errno=0 message=unknown-command");
}

static int supervise_external(void)
{
	/* What the attempt's environment needs from the jail (attempt_env() beyond the configuration's). */
	char **envp = attempt_env();
	for (int i = C.nenv; envp[i]; i++)
		jline("attempt-env %s", envp[i]);
	jline("waiting");
	char buf[8192];
	size_t len = 0;
	int eof = 0;
	int64_t start = now_ms();
	/* Bounded even if the executor never reports: its own timeout plus the runtime's start and stop. */
	int64_t deadline = start + C.timeout_ms + 120000;
	fcntl(0, F_SETFL, O_NONBLOCK);
	while (!g_ext_done && !eof) {
		struct pollfd p[MAX_LISTENERS + 1];
		int n = 0;
		p[n++] = (struct pollfd){ .fd = 0, .events = POLLIN };
		for (int i = 0; i < nl; i++)
			p[n++] = (struct pollfd){ .fd = L[i].fd, .events = POLLIN };
		poll(p, (nfds_t)n, 10);
		if (p[0].revents) {
			ssize_t r = read(0, buf + len, sizeof buf - len);
			if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
				eof = 1;
			else if (r > 0)
				len += (size_t)r;
			size_t startl = 0;
			for (size_t i = 0; i < len && !g_ext_done; i++)
				if (buf[i] == '\n') {
					buf[i] = '\0';
					external_command(buf + startl, i - startl);
					startl = i + 1;
				}
			if (startl == 0 && len == sizeof buf) {
				buf[len - 1] = '\0';
				external_command(buf, len - 1); /* an over-long line is cut, not lost */
				startl = len;
			}
			memmove(buf, buf + startl, len - startl);
			len -= startl;
		}
		for (int i = 0; i < nl; i++)
			if (p[1 + i].revents & POLLIN)
				service_listener(&L[i]);
		int st;
		pid_t w;
		while ((w = waitpid(-1, &st, WNOHANG | WUNTRACED | WCONTINUED)) > 0) {
			if (w != V.pid)
				continue;
			if (WIFSTOPPED(st))
				V.stopped = 1;
			else if (WIFCONTINUED(st))
				V.stopped = 0;
			else {
				V.dead = 1;
				V.status = st;
			}
		}
		if (now_ms() > deadline) {
			jline("error op=external errno=%d message=the-executor-did-not-report-the-end-of-the-attempt", ETIMEDOUT);
			break;
		}
	}
	if (!g_ext_status_set && !g_ext_failed)
		jline("error op=external errno=0 message=no-exit-status-from-the-executor");
	for (int i = 0; i < nl; i++)
		service_listener(&L[i]);
	if (g_ext_timeout)
		jline("timeout ms=%ld", C.timeout_ms);
	if (g_ext_signal >= 0)
		jline("exit signal=%ld core=0 ms=%lld", g_ext_signal, (long long)(now_ms() - start));
	else if (g_ext_code >= 0)
		jline("exit code=%ld ms=%lld", g_ext_code, (long long)(now_ms() - start));
	return report();
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--probe"))
		return probe_main();
	if (argc != 1) {
		fprintf(stderr, "usage: sb-jail < CONFIG | sb-jail --probe\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	/* Unbuffered: in external mode the harness's commands follow the configuration on stdin,
	 * and must not vanish into stdio's buffer. */
	setvbuf(stdin, NULL, _IONBF, 0);
	if (parse_config(stdin))
		return 2;
	if (geteuid() != 0) {
		fprintf(stderr, "sb-jail: must run as root: it drops to the sandbox uid itself\n");
		jline("error op=root errno=%d message=must-run-as-root", EPERM);
		return 3;
	}
	if (C.external && (g_hostproc = open("/proc", O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0)
		die(125, "open /proc", errno);
	if (C.pty)
		setup_pty();
	int flags = (C.pidns ? CLONE_NEWPID : 0) | (C.mntns ? CLONE_NEWNS : 0) | (C.netns ? CLONE_NEWNET : 0) |
		    (C.ipcns ? CLONE_NEWIPC : 0);
	if (flags && unshare(flags)) {
		int e = errno;
		jline("error op=unshare errno=%d message=%s", e, strerror(e));
		return 3;
	}
	if (!C.pidns)
		return supervise();
	/* The child is PID 1 of the new namespace; its exit kills everything inside. */
	pid_t init = fork();
	if (init < 0)
		die(125, "fork init", errno);
	if (init == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		exit(supervise());
	}
	int st;
	while (waitpid(init, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(st)) {
		jline("error op=init errno=0 message=killed-by-signal-%d", WTERMSIG(st));
		return 125;
	}
	return WEXITSTATUS(st);
}
