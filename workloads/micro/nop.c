/* nop: the runtime's own loop with no system call; its ns/op is the harness overhead. */
#include <stddef.h>

#include "sb_runtime.h"

static void loop(uint64_t n, void *ctx)
{
	(void)ctx;
	for (uint64_t i = 0; i < n; i++)
		SB_CLOBBER();
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "nop");
	sb_ready();
	return sb_measure(loop, NULL);
}
