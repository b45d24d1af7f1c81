/*
 * A minimal io_uring for the escape attempts (io_uring_setup(2), io_uring_enter(2)): one
 * submission at a time, raw system calls, no liburing.  Kernel interface:
 * include/uapi/linux/io_uring.h (Linux 5.1; OPENAT 5.6, CONNECT 5.5, READ 5.6).
 */
#ifndef SBX_URING_H
#define SBX_URING_H

#include <errno.h>
#include <linux/io_uring.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

struct sbx_uring {
	int fd;
	unsigned *sq_tail, *sq_mask, *sq_array;
	unsigned *cq_head, *cq_tail, *cq_mask;
	struct io_uring_sqe *sqes;
	struct io_uring_cqe *cqes;
};

/* Returns the ring descriptor, or -1 with errno. */
static inline int sbx_uring_init(struct sbx_uring *u, unsigned entries)
{
	struct io_uring_params p;
	memset(&p, 0, sizeof p);
	u->fd = (int)syscall(__NR_io_uring_setup, entries, &p);
	if (u->fd < 0)
		return -1;
	size_t sqsz = p.sq_off.array + p.sq_entries * sizeof(unsigned);
	size_t cqsz = p.cq_off.cqes + p.cq_entries * sizeof(struct io_uring_cqe);
	if (p.features & IORING_FEAT_SINGLE_MMAP)
		sqsz = cqsz = sqsz > cqsz ? sqsz : cqsz;
	char *sq = mmap(NULL, sqsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd, IORING_OFF_SQ_RING);
	if (sq == MAP_FAILED)
		return -1;
	char *cq = (p.features & IORING_FEAT_SINGLE_MMAP) ? sq
		   : mmap(NULL, cqsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, u->fd, IORING_OFF_CQ_RING);
	if (cq == MAP_FAILED)
		return -1;
	u->sqes = mmap(NULL, p.sq_entries * sizeof(struct io_uring_sqe), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE,
		       u->fd, IORING_OFF_SQES);
	if (u->sqes == MAP_FAILED)
		return -1;
	u->sq_tail = (unsigned *)(sq + p.sq_off.tail);
	u->sq_mask = (unsigned *)(sq + p.sq_off.ring_mask);
	u->sq_array = (unsigned *)(sq + p.sq_off.array);
	u->cq_head = (unsigned *)(cq + p.cq_off.head);
	u->cq_tail = (unsigned *)(cq + p.cq_off.tail);
	u->cq_mask = (unsigned *)(cq + p.cq_off.ring_mask);
	u->cqes = (struct io_uring_cqe *)(cq + p.cq_off.cqes);
	return u->fd;
}

/* Submits one SQE and waits for its completion.  Returns the CQE's res (a negative errno on
 * failure, as the kernel reports it), or -1 with errno set if io_uring_enter itself failed. */
static inline long sbx_uring_run(struct sbx_uring *u, const struct io_uring_sqe *sqe, int *enter_failed)
{
	unsigned tail = *u->sq_tail, idx = tail & *u->sq_mask;
	u->sqes[idx] = *sqe;
	u->sq_array[idx] = idx;
	__atomic_store_n(u->sq_tail, tail + 1, __ATOMIC_RELEASE);
	*enter_failed = 0;
	if (syscall(__NR_io_uring_enter, u->fd, 1, 1, IORING_ENTER_GETEVENTS, NULL, 0) < 0) {
		*enter_failed = 1;
		return -1;
	}
	unsigned head = __atomic_load_n(u->cq_head, __ATOMIC_ACQUIRE);
	if (head == __atomic_load_n(u->cq_tail, __ATOMIC_ACQUIRE)) {
		*enter_failed = 1;
		errno = EAGAIN;
		return -1;
	}
	long res = u->cqes[head & *u->cq_mask].res;
	__atomic_store_n(u->cq_head, head + 1, __ATOMIC_RELEASE);
	return res;
}

/* Reports a CQE result as a step: negative results become rc -1 with that errno. */
static inline long sbx_uring_step(const char *op, long res)
{
	if (res < 0) {
		errno = (int)-res;
		return sbx_try_end(op, -1);
	}
	return sbx_try_end(op, res);
}

#endif
