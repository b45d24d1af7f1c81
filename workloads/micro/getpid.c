/* getpid: the cheapest real system call; what every filter adds is visible here. */
#include <sys/syscall.h>
#include <unistd.h>

#include "sb_runtime.h"

static void loop(uint64_t n, void *ctx)
{
	(void)ctx;
	/* syscall(2) directly: some libcs cached getpid(). */
	for (uint64_t i = 0; i < n; i++)
		syscall(SYS_getpid);
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "getpid");
	sb_ready();
	return sb_measure(loop, NULL);
}
