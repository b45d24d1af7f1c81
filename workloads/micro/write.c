/* write: one byte to /dev/null per operation on a descriptor opened during setup. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "sb_runtime.h"

static void loop(uint64_t n, void *ctx)
{
	int fd = *(int *)ctx;
	char c = 'x';
	for (uint64_t i = 0; i < n; i++)
		if (write(fd, &c, 1) != 1)
			sb_fail_op("write", "/dev/null", errno);
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "write");
	const char *path = sb_arg("path", "/dev/null");
	int fd = sb_open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		sb_fail_op("open", path, errno);
	sb_ready();
	return sb_measure(loop, &fd);
}
