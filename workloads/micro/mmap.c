/* mmap: map and unmap one anonymous page. */
#include <errno.h>
#include <stddef.h>
#include <sys/mman.h>

#include "sb_runtime.h"

static void loop(uint64_t n, void *ctx)
{
	(void)ctx;
	for (uint64_t i = 0; i < n; i++) {
		void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
		if (p == MAP_FAILED)
			sb_fail_op("mmap", "anonymous page", errno);
		munmap(p, 4096);
	}
}

int main(int argc, char **argv)
{
	sb_init(argc, argv, "mmap");
	sb_ready();
	return sb_measure(loop, NULL);
}
