/* open-close: open a file in the allowed directory read-only and close it.
 * The path walk is what Landlock adds to: every component is checked. */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "sb_runtime.h"

static void loop(uint64_t n, void *ctx)
{
	const char *path = ctx;
	for (uint64_t i = 0; i < n; i++) {
		int fd = sb_open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			sb_fail_op("openat", path, errno);
		close(fd);
	}
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "open-close");
	const char *path = sb_arg("path", NULL);
	if (!path)
		sb_fail_op("usage", "--path FILE is required", 0);
	sb_ready();
	return sb_measure(loop, (void *)path);
}
