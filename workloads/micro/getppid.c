/* getppid: the measured call of the seccomp sweep.  No part of the runtime uses it,
 * so where its rule sits in a filter is the sweep's choice alone. */
#include <sys/syscall.h>
#include <unistd.h>

#include "sb_runtime.h"

static void loop(uint64_t n, void *ctx)
{
	(void)ctx;
	/* a0 = 0 explicitly: argument-inspecting sweep rules compare it (a0>=0). */
	for (uint64_t i = 0; i < n; i++)
		syscall(SYS_getppid, 0L);
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "getppid");
	sb_ready();
	return sb_measure(loop, NULL);
}
