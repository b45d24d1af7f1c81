/* sandbench-attempt
id: KAS-02
name: perf-event-open
category: kernel-attack-surface
exercises: syscalls
does: perf_event_open(software cpu-clock, this process, exclude_kernel, exclude_hv), then holds the descriptor
lesson: >-
  perf events are a rich interface (and a side channel) that perf_event_paranoid=2 still
  opens to a process measuring itself.  Not an object Landlock knows; only a filter removes it.
evidence: ["fd:anon_inode:[perf_event]"]
catalogue: KAS-02
host: [sysctl kernel.perf_event_paranoid <= 2]
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <linux/perf_event.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	struct perf_event_attr a;
	memset(&a, 0, sizeof a);
	a.size = sizeof a;
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_CPU_CLOCK;
	a.exclude_kernel = 1;
	a.exclude_hv = 1;
	if (SBX_TRY("perf_event_open", "self, user only", syscall(SYS_perf_event_open, &a, 0, -1, -1, 0)) >= 0)
		sbx_hold();
	sbx_done();
}
