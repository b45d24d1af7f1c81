/* pipe: write one byte into a pipe and read it back (two system calls per operation). */
#include <errno.h>
#include <unistd.h>

#include "sb_runtime.h"

static void loop(uint64_t n, void *ctx)
{
	int *fds = ctx;
	char c = 'x';
	for (uint64_t i = 0; i < n; i++) {
		if (write(fds[1], &c, 1) != 1)
			sb_fail_op("write", "pipe", errno);
		if (read(fds[0], &c, 1) != 1)
			sb_fail_op("read", "pipe", errno);
	}
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "pipe");
	int fds[2];
	if (pipe(fds))
		sb_fail_op("pipe", "-", errno);
	sb_ready();
	return sb_measure(loop, fds);
}
