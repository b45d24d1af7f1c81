/* read: one byte from /dev/zero per operation on a descriptor opened during setup. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "sb_runtime.h"

static void loop(uint64_t n, void *ctx)
{
	int fd = *(int *)ctx;
	char c;
	for (uint64_t i = 0; i < n; i++)
		if (read(fd, &c, 1) != 1)
			sb_fail_op("read", "/dev/zero", errno);
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "read");
	const char *path = sb_arg("path", "/dev/zero");
	int fd = sb_open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		sb_fail_op("open", path, errno);
	sb_ready();
	return sb_measure(loop, &fd);
}
