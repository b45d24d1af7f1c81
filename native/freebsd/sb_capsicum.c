/*
 * Self-sandboxing on FreeBSD with Capsicum (docs/vm.md, "Capsicum plans").
 *
 * Order, as cap_enter(2) requires: acquire every descriptor the program will need
 * (sb_self_prepare, called from sb_init: the preopens), narrow each with
 * cap_rights_limit(2), cap_ioctls_limit(2) and cap_fcntls_limit(2), and only then
 * enter capability mode (sb_self_sandbox, called from sb_ready).  A plan without
 * "cap-enter" is the baseline: the same descriptors, nothing limited, so that the
 * baseline and the sandboxed run make the same system calls.
 *
 * Written against the FreeBSD manual pages cap_enter(2), cap_rights_limit(2),
 * cap_ioctls_limit(2), cap_fcntls_limit(2) and rights(4); C11, no extensions.
 */
#include <sys/types.h>
#include <sys/capsicum.h>
#include <sys/ioctl.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sb_capsicum.h"
#include "sb_runtime.h"
#include "sb_self.h"

#define SB_MAX_DESC 32
#define SB_MAX_IOCTLS 512
#define SB_PATH_MAX 1024

struct sb_desc {
	int fd;
	int preopen;
	int is_dir;
	char path[SB_PATH_MAX];
	size_t pathlen;
	int accmode;
	int limit_rights;
	cap_rights_t rights;
	int limit_ioctls;
	size_t nioctls;
	cap_ioctl_t *ioctls;
	int limit_fcntls;
	uint32_t fcntls;
};

static struct sb_desc g_desc[SB_MAX_DESC];
static int g_ndesc;
static int g_loaded;
static int g_cap_enter;
static char g_probe[SB_PATH_MAX];
static int g_limited, g_ioctl_limits, g_fcntl_limits;
static int64_t g_prepare_ns, g_limit_ns, g_enter_ns;

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

#define RIGHT(r) { #r, r }
static const struct {
	const char *name;
	uint64_t value;
} rights_table[] = {
	/* Every right the Java side knows (models/.../capsicum/CapRight.java); a test keeps the two lists equal. */
	RIGHT(CAP_READ), RIGHT(CAP_WRITE), RIGHT(CAP_SEEK_TELL), RIGHT(CAP_SEEK), RIGHT(CAP_MMAP),
	RIGHT(CAP_CREATE), RIGHT(CAP_FEXECVE), RIGHT(CAP_FSYNC), RIGHT(CAP_FTRUNCATE), RIGHT(CAP_LOOKUP),
	RIGHT(CAP_FCHDIR), RIGHT(CAP_FCHMOD), RIGHT(CAP_FCHOWN), RIGHT(CAP_FCNTL), RIGHT(CAP_FLOCK),
	RIGHT(CAP_FPATHCONF), RIGHT(CAP_FSTAT), RIGHT(CAP_FSTATAT), RIGHT(CAP_FSTATFS), RIGHT(CAP_FUTIMES),
	RIGHT(CAP_LINKAT_TARGET), RIGHT(CAP_MKDIRAT), RIGHT(CAP_MKFIFOAT), RIGHT(CAP_RENAMEAT_SOURCE),
	RIGHT(CAP_SYMLINKAT), RIGHT(CAP_UNLINKAT), RIGHT(CAP_ACCEPT), RIGHT(CAP_BIND), RIGHT(CAP_CONNECT),
	RIGHT(CAP_GETPEERNAME), RIGHT(CAP_GETSOCKNAME), RIGHT(CAP_GETSOCKOPT), RIGHT(CAP_LISTEN),
	RIGHT(CAP_SETSOCKOPT), RIGHT(CAP_SHUTDOWN), RIGHT(CAP_LINKAT_SOURCE), RIGHT(CAP_RENAMEAT_TARGET),
	RIGHT(CAP_EVENT), RIGHT(CAP_IOCTL), RIGHT(CAP_PDGETPID), RIGHT(CAP_PDKILL), RIGHT(CAP_EXTATTR_GET),
	RIGHT(CAP_ACL_GET),
};

#define IOCTL(c) { #c, (unsigned long)(c) }
static const struct {
	const char *name;
	unsigned long value;
} ioctl_table[] = {
	/* The names models/.../capsicum/Ioctls.java translates Linux commands to (sys/ttycom.h, sys/filio.h). */
	IOCTL(TIOCGETA), IOCTL(TIOCGWINSZ), IOCTL(FIODTYPE), IOCTL(TIOCSTI), IOCTL(FIONREAD), IOCTL(FIONBIO),
	IOCTL(FIOCLEX), IOCTL(FIONCLEX),
};

int sb_cap_right(const char *name, uint64_t *out)
{
	for (size_t i = 0; i < sizeof rights_table / sizeof rights_table[0]; i++)
		if (!strcmp(rights_table[i].name, name)) {
			*out = rights_table[i].value;
			return 0;
		}
	return -1;
}

int sb_cap_ioctl(const char *name, unsigned long *out)
{
	for (size_t i = 0; i < sizeof ioctl_table / sizeof ioctl_table[0]; i++)
		if (!strcmp(ioctl_table[i].name, name)) {
			*out = ioctl_table[i].value;
			return 0;
		}
	char *end;
	errno = 0;
	unsigned long v = strtoul(name, &end, 0);
	if (errno || end == name || *end)
		return -1;
	*out = v;
	return 0;
}

static int fail(char *err, size_t errlen, int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return rc;
}

/* "key=value" at the start of tok: the value, or NULL. */
static const char *value_of(const char *tok, const char *key)
{
	size_t n = strlen(key);
	return !strncmp(tok, key, n) && tok[n] == '=' ? tok + n + 1 : NULL;
}

static int parse_rights(char *list, struct sb_desc *d, char *err, size_t errlen)
{
	if (!strcmp(list, "all"))
		return 0;
	d->limit_rights = 1;
	cap_rights_init(&d->rights);
	for (char *save = NULL, *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		uint64_t r;
		if (sb_cap_right(t, &r))
			return fail(err, errlen, 3, "right %s is unknown to this build (rights(4))", t);
		cap_rights_set(&d->rights, r);
	}
	return 0;
}

static int parse_ioctls(char *list, struct sb_desc *d, char *err, size_t errlen)
{
	if (!strcmp(list, "all"))
		return 0;
	d->limit_ioctls = 1;
	if (!strcmp(list, "none"))
		return 0;
	d->ioctls = calloc(SB_MAX_IOCTLS, sizeof *d->ioctls);
	if (!d->ioctls)
		return fail(err, errlen, 2, "out of memory");
	for (char *save = NULL, *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		unsigned long v;
		if (d->nioctls == SB_MAX_IOCTLS)
			return fail(err, errlen, 2, "more than %d ioctls on one descriptor", SB_MAX_IOCTLS);
		if (sb_cap_ioctl(t, &v))
			return fail(err, errlen, 3, "ioctl %s is unknown to this build", t);
		d->ioctls[d->nioctls++] = v;
	}
	return 0;
}

static int parse_fcntls(char *list, struct sb_desc *d, char *err, size_t errlen)
{
	if (!strcmp(list, "all"))
		return 0;
	d->limit_fcntls = 1;
	d->fcntls = 0;
	if (!strcmp(list, "none"))
		return 0;
	for (char *save = NULL, *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (!strcmp(t, "GETFL"))
			d->fcntls |= CAP_FCNTL_GETFL;
		else if (!strcmp(t, "SETFL"))
			d->fcntls |= CAP_FCNTL_SETFL;
		else if (!strcmp(t, "GETOWN"))
			d->fcntls |= CAP_FCNTL_GETOWN;
		else if (!strcmp(t, "SETOWN"))
			d->fcntls |= CAP_FCNTL_SETOWN;
		else
			return fail(err, errlen, 2, "unknown fcntl right %s (GETFL SETFL GETOWN SETOWN)", t);
	}
	return 0;
}

/* access=read,write -> the open(2) mode for a preopened regular file. */
static int accmode_of(const char *list)
{
	int r = strstr(list, "read") != NULL, w = strstr(list, "write") != NULL;
	return r && w ? O_RDWR : w ? O_WRONLY : O_RDONLY;
}

static int parse_desc_line(char *line, int preopen, struct sb_desc *d, char *err, size_t errlen)
{
	memset(d, 0, sizeof *d);
	d->fd = -1;
	d->preopen = preopen;
	char *path = strstr(line, " path=");
	if (preopen) {
		if (!path)
			return fail(err, errlen, 2, "preopen without path=");
		*path = '\0';
		path += strlen(" path=");
		size_t n = strlen(path);
		while (n && (path[n - 1] == '\n' || path[n - 1] == ' '))
			path[--n] = '\0';
		if (n == 0 || n >= SB_PATH_MAX || path[0] != '/')
			return fail(err, errlen, 2, "preopen path must be absolute and shorter than %d", SB_PATH_MAX);
		memcpy(d->path, path, n + 1);
		d->pathlen = n;
	}
	char *save = NULL;
	char *t = strtok_r(line, " \n", &save); /* "fd" or "preopen" */
	if (!preopen) {
		t = strtok_r(NULL, " \n", &save);
		if (!t)
			return fail(err, errlen, 2, "fd without a number");
		d->fd = atoi(t);
	}
	int rc;
	while ((t = strtok_r(NULL, " \n", &save))) {
		const char *v;
		char buf[8192];
		if ((v = value_of(t, "access"))) {
			d->accmode = accmode_of(v);
			continue;
		}
		if (strlen(t) >= sizeof buf)
			return fail(err, errlen, 2, "field too long");
		if ((v = value_of(t, "rights"))) {
			snprintf(buf, sizeof buf, "%s", v);
			if ((rc = parse_rights(buf, d, err, errlen)))
				return rc;
		} else if ((v = value_of(t, "ioctls"))) {
			snprintf(buf, sizeof buf, "%s", v);
			if ((rc = parse_ioctls(buf, d, err, errlen)))
				return rc;
		} else if ((v = value_of(t, "fcntls"))) {
			snprintf(buf, sizeof buf, "%s", v);
			if ((rc = parse_fcntls(buf, d, err, errlen)))
				return rc;
		} else {
			return fail(err, errlen, 2, "unknown field %s", t);
		}
	}
	return 0;
}

static int limit(struct sb_desc *d, char *err, size_t errlen)
{
	if (d->limit_rights && cap_rights_limit(d->fd, &d->rights) < 0)
		return fail(err, errlen, 3, "cap_rights_limit(%d): %s", d->fd, strerror(errno));
	if (d->limit_ioctls && cap_ioctls_limit(d->fd, d->ioctls, d->nioctls) < 0)
		return fail(err, errlen, 3, "cap_ioctls_limit(%d, %zu commands): %s", d->fd, d->nioctls, strerror(errno));
	if (d->limit_fcntls && cap_fcntls_limit(d->fd, d->fcntls) < 0)
		return fail(err, errlen, 3, "cap_fcntls_limit(%d): %s", d->fd, strerror(errno));
	if (d->limit_rights || d->limit_ioctls || d->limit_fcntls)
		g_limited++;
	g_ioctl_limits += d->limit_ioctls;
	g_fcntl_limits += d->limit_fcntls;
	return 0;
}

/* Opens a preopen: a directory for lookups beneath it, or the file itself. */
static int acquire(struct sb_desc *d, char *err, size_t errlen)
{
	struct stat st;
	if (stat(d->path, &st) < 0)
		return fail(err, errlen, 4, "preopen %s: %s", d->path, strerror(errno));
	d->is_dir = S_ISDIR(st.st_mode);
	d->fd = open(d->path, d->is_dir ? O_RDONLY | O_DIRECTORY | O_CLOEXEC : d->accmode | O_CLOEXEC);
	if (d->fd < 0)
		return fail(err, errlen, 4, "preopen %s: %s", d->path, strerror(errno));
	return 0;
}

int sb_self_prepare(const char *plan_path, char *err, size_t errlen)
{
	int64_t t0 = now_ns();
	FILE *f = fopen(plan_path, "r");
	if (!f)
		return fail(err, errlen, 2, "cannot open plan %s: %s", plan_path, strerror(errno));
	char line[16384];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		if (lineno == 1) {
			if (strncmp(line, "sandbench-capsicum 1", 20)) {
				rc = fail(err, errlen, 2, "%s is not a capsicum plan (first line must be 'sandbench-capsicum 1')",
					  plan_path);
				break;
			}
			continue;
		}
		if (line[0] == '#' || line[0] == '\n')
			continue;
		int is_fd = !strncmp(line, "fd ", 3), is_pre = !strncmp(line, "preopen ", 8);
		if (is_fd || is_pre) {
			if (g_ndesc == SB_MAX_DESC) {
				rc = fail(err, errlen, 2, "more than %d descriptors", SB_MAX_DESC);
				break;
			}
			struct sb_desc *d = &g_desc[g_ndesc];
			char msg[400];
			if ((rc = parse_desc_line(line, is_pre, d, msg, sizeof msg))) {
				fail(err, errlen, rc, "plan line %d: %s", lineno, msg);
				break;
			}
			g_ndesc++;
		} else if (!strncmp(line, "probe ", 6)) {
			snprintf(g_probe, sizeof g_probe, "%s", line + 6);
			g_probe[strcspn(g_probe, "\n")] = '\0';
		} else if (!strncmp(line, "cap-enter", 9)) {
			g_cap_enter = 1;
		} else {
			rc = fail(err, errlen, 2, "plan line %d: unknown directive: %.60s", lineno, line);
			break;
		}
	}
	fclose(f);
	if (rc)
		return rc;
	/* Descriptors first: open every preopen and narrow it right away, so that a descriptor
	 * the workload derives from it (sb_open before sb_ready) inherits the narrowed rights. */
	for (int i = 0; i < g_ndesc; i++) {
		if (!g_desc[i].preopen)
			continue;
		if ((rc = acquire(&g_desc[i], err, errlen)))
			return rc;
	}
	g_prepare_ns = now_ns() - t0;
	int64_t t1 = now_ns();
	for (int i = 0; i < g_ndesc; i++)
		if (g_desc[i].preopen && (rc = limit(&g_desc[i], err, errlen)))
			return rc;
	g_limit_ns = now_ns() - t1;
	g_loaded = 1;
	return 0;
}

int sb_self_sandbox(const char *plan_path, char *err, size_t errlen)
{
	int rc;
	if (!g_loaded && (rc = sb_self_prepare(plan_path, err, errlen)))
		return rc;
	int64_t t0 = now_ns();
	for (int i = 0; i < g_ndesc; i++)
		if (!g_desc[i].preopen && (rc = limit(&g_desc[i], err, errlen)))
			return rc;
	g_limit_ns += now_ns() - t0;
	int64_t t1 = now_ns();
	if (g_cap_enter && cap_enter() < 0)
		return fail(err, errlen, 3, "cap_enter: %s", strerror(errno));
	g_enter_ns = g_cap_enter ? now_ns() - t1 : -1;
	printf("SB1 setup capsicum_preopen_ns=%" PRId64 " capsicum_limit_ns=%" PRId64 " cap_enter_ns=%" PRId64 "\n",
	       g_prepare_ns, g_limit_ns, g_enter_ns);
	int npre = 0;
	for (int i = 0; i < g_ndesc; i++)
		npre += g_desc[i].preopen;
	printf("SB1 enforced capsicum limited=%d preopens=%d ioctl_limits=%d fcntl_limits=%d cap_enter=%d "
	       "message=%s%d descriptors limited (%d with an ioctl list, %d with fcntl limits), %d preopened\n",
	       g_limited, npre, g_ioctl_limits, g_fcntl_limits, g_cap_enter,
	       g_cap_enter ? "capability mode; " : "no capability mode; ", g_limited, g_ioctl_limits, g_fcntl_limits,
	       npre);
	return 0;
}

void sb_self_proof(void)
{
	u_int mode = 0;
	if (cap_getmode(&mode) < 0)
		mode = 0;
	if (!g_probe[0]) {
		printf("SB1 proof capsicum cap_mode=%u\n", mode);
		return;
	}
	int fd = open(g_probe, O_RDONLY | O_CLOEXEC);
	int e = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	printf("SB1 proof capsicum cap_mode=%u probe=%s probe_errno=%d\n", mode,
	       fd >= 0 ? "allowed" : e == ECAPMODE ? "denied" : "error", e);
}

/* The preopen whose path is a prefix of path at a component boundary; *rel gets the rest ("." for itself). */
static const struct sb_desc *resolve(const char *path, const char **rel)
{
	const struct sb_desc *best = NULL;
	for (int i = 0; i < g_ndesc; i++) {
		const struct sb_desc *d = &g_desc[i];
		if (!d->preopen || d->fd < 0 || strncmp(path, d->path, d->pathlen))
			continue;
		char c = path[d->pathlen];
		if (c != '\0' && !(c == '/' && d->is_dir))
			continue;
		if (!best || d->pathlen > best->pathlen)
			best = d;
	}
	if (best) {
		const char *r = path + best->pathlen;
		while (*r == '/')
			r++;
		*rel = *r ? r : ".";
	}
	return best;
}

int sb_open(const char *path, int flags)
{
	const char *rel;
	const struct sb_desc *d = resolve(path, &rel);
	if (d && d->is_dir)
		return openat(d->fd, rel, flags);
	if (d && (flags & O_ACCMODE) == d->accmode)
		return dup(d->fd);
	return open(path, flags);
}

int sb_stat(const char *path, struct stat *st)
{
	const char *rel;
	const struct sb_desc *d = resolve(path, &rel);
	if (d && d->is_dir)
		return fstatat(d->fd, rel, st, 0);
	if (d)
		return fstat(d->fd, st);
	return stat(path, st);
}
