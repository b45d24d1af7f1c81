/*
 * The portable workload runtime (Linux and FreeBSD): option parsing, proof of
 * the sandbox, time-calibrated batches and the line protocol the harness reads
 * (docs/protocol.md).  A workload knows nothing of models, CSV or charts: it
 * acquires what it needs, calls sb_ready(), and hands its loop to sb_measure().
 */
#ifndef SB_RUNTIME_H
#define SB_RUNTIME_H

#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>

/* Runs the measured operation iters times. */
typedef void (*sb_loop_fn)(uint64_t iters, void *ctx);

/* Parses the common options (--batches, --batch-ms, --warmup-ms, --self-plan)
 * and installs the SIGSYS reporter.  name is the workload id. */
void sb_init(int argc, char **argv, const char *name);

/* The value of a workload option "--key value", or def when absent. */
const char *sb_arg(const char *key, const char *def);
long sb_arg_long(const char *key, long def);

/* End of setup: in self mode applies the plan now; then prints the proof of
 * what the kernel reports for this process. */
void sb_ready(void);

/* Calibrates the batch length by time, warms up, runs the batches and prints
 * one line per batch.  Returns the process exit code. */
int sb_measure(sb_loop_fn fn, void *ctx);

/* Reports an operation the workload needed but could not perform, then exits
 * with code 4.  The harness turns this into "denied operation" messages. */
void sb_fail_op(const char *op, const char *detail, int err) __attribute__((noreturn));

/* Opening and stat-ing an existing path.  On Linux these are open(2) and stat(2)
 * themselves.  On FreeBSD they resolve the path through the descriptors a capsicum
 * plan preopened (openat/fstatat beneath them), because capability mode refuses
 * every lookup that does not start at a descriptor (cap_enter(2)); the baseline in
 * the guest preopens the same descriptors, so both make the same system calls. */
#if defined(__FreeBSD__) || defined(SB_FREEBSD_HOSTCHECK)
int sb_open(const char *path, int flags);
int sb_stat(const char *path, struct stat *st);
#else
static inline int sb_open(const char *path, int flags)
{
	return open(path, flags);
}

static inline int sb_stat(const char *path, struct stat *st)
{
	return stat(path, st);
}
#endif

/* Exit codes shared with the harness. */
#define SB_EXIT_OK 0
#define SB_EXIT_USAGE 2
#define SB_EXIT_DENIED 4

/* Keeps the compiler from deleting a loop body. */
#define SB_CLOBBER() __asm__ __volatile__("" ::: "memory")

#endif
