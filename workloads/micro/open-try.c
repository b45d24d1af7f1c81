/* open-try: openat(2) read-only of a path the sandbox may refuse.  A refusal with the
 * expected errno (--errno, default EACCES) counts as the operation; a success is closed.
 * The Landlock sweep times allowed and denied opens with it.  Before measuring it
 * reports what the first open did, so the harness can check the row measured what
 * its label says. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sb_runtime.h"

struct ctx {
	const char *path;
	int expected;
};

static void loop(uint64_t n, void *p)
{
	const struct ctx *c = p;
	for (uint64_t i = 0; i < n; i++) {
		int fd = open(c->path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			close(fd);
		else if (errno != c->expected)
			sb_fail_op("openat", c->path, errno);
	}
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "open-try");
	struct ctx c = { sb_arg("path", NULL), (int)sb_arg_long("errno", EACCES) };
	if (!c.path)
		sb_fail_op("usage", "--path FILE is required", 0);
	sb_ready();
	int fd = open(c.path, O_RDONLY | O_CLOEXEC);
	int e = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	else if (e != c.expected)
		sb_fail_op("openat", c.path, e);
	printf("SB1 note open_outcome=%s errno=%d\n", fd >= 0 ? "allowed" : "denied", e);
	return sb_measure(loop, &c);
}
