/* atomic-save: one operation is the save of a document the way editors and databases do it:
 *
 *   openat(dir, "doc.tmp", O_WRONLY|O_CREAT|O_TRUNC)  write(BYTES)  close
 *   renameat(dir, "doc.tmp", dir, "doc")              (replaces the previous version)
 *   fstatat(dir, "doc")                               (the size is checked)
 *   openat(dir, "doc", O_RDONLY)  read(BYTES)  close
 *
 * Every path is looked up beneath a directory descriptor opened before the sandbox, as a
 * program written for capability mode works (cap_enter(2)); on Linux the lookups are the
 * same ones Landlock checks (create, remove and make-regular on the directory, write on the
 * file).  Portable C for Linux and FreeBSD. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb_runtime.h"

struct save {
	int dir;
	size_t bytes;
	char *out, *in;
};

static void full_write(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, buf, n);
		if (w < 0)
			sb_fail_op("write", "doc.tmp", errno);
		buf += w;
		n -= (size_t)w;
	}
}

static void full_read(int fd, char *buf, size_t n)
{
	while (n > 0) {
		ssize_t r = read(fd, buf, n);
		if (r < 0)
			sb_fail_op("read", "doc", errno);
		if (r == 0)
			sb_fail_op("read", "doc: shorter than written", EIO);
		buf += r;
		n -= (size_t)r;
	}
}

static void loop(uint64_t n, void *ctx)
{
	struct save *s = ctx;
	for (uint64_t i = 0; i < n; i++) {
		s->out[0] = (char)i; /* a new version each time */
		int fd = openat(s->dir, "doc.tmp", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd < 0)
			sb_fail_op("openat", "doc.tmp (create)", errno);
		full_write(fd, s->out, s->bytes);
		close(fd);
		if (renameat(s->dir, "doc.tmp", s->dir, "doc") != 0)
			sb_fail_op("renameat", "doc.tmp -> doc", errno);
		struct stat st;
		if (fstatat(s->dir, "doc", &st, 0) != 0)
			sb_fail_op("fstatat", "doc", errno);
		if ((size_t)st.st_size != s->bytes)
			sb_fail_op("fstatat", "doc: wrong size", EIO);
		fd = openat(s->dir, "doc", O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			sb_fail_op("openat", "doc (read)", errno);
		full_read(fd, s->in, s->bytes);
		close(fd);
		if (s->in[0] != s->out[0])
			sb_fail_op("read", "doc: not the version just saved", EIO);
	}
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "atomic-save");
	const char *dir = sb_arg("dir", NULL);
	long bytes = sb_arg_long("bytes", 4096);
	if (!dir)
		sb_fail_op("usage", "--dir DIR is required", 0);
	if (bytes < 1 || bytes > (1L << 24))
		sb_fail_op("usage", "--bytes must be 1..16777216", 0);
	struct save s = { .bytes = (size_t)bytes };
	s.dir = sb_open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (s.dir < 0)
		sb_fail_op("open", dir, errno);
	s.out = malloc(s.bytes);
	s.in = malloc(s.bytes);
	if (!s.out || !s.in)
		sb_fail_op("malloc", "buffers", ENOMEM);
	memset(s.out, 'x', s.bytes);
	sb_ready();
	return sb_measure(loop, &s);
}
