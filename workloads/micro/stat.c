/* stat: metadata of a file DEPTH components below the allowed directory.
 * Landlock does not mediate stat (landlock.rst), so its cost should not move. */
#include <errno.h>
#include <stddef.h>
#include <sys/stat.h>

#include "sb_runtime.h"

static void loop(uint64_t n, void *ctx)
{
	const char *path = ctx;
	struct stat st;
	for (uint64_t i = 0; i < n; i++)
		if (sb_stat(path, &st))
			sb_fail_op("stat", path, errno);
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "stat");
	const char *path = sb_arg("path", NULL);
	if (!path)
		sb_fail_op("usage", "--path FILE is required", 0);
	sb_ready();
	return sb_measure(loop, (void *)path);
}
