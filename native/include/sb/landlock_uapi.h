/*
 * Landlock UAPI constants carried by sandbench itself.
 *
 * Why: build hosts ship old headers (Debian 12's <linux/landlock.h> stops at
 * ABI 2, Linux 6.1) while the running kernel may be much newer (ABI 7 on the
 * 6.18 development machines).  Every constant names the ABI and kernel that
 * added it.  Source: include/uapi/linux/landlock.h and
 * Documentation/userspace-api/landlock.rst in torvalds/linux.
 *
 * This file is the single source of the access-right table.  The Java side
 * (org.sandbench.models.landlock.AccessRight) is checked against it by
 * LandlockUapiHeaderTest: edit both together.
 */
#ifndef SB_LANDLOCK_UAPI_H
#define SB_LANDLOCK_UAPI_H

#include <stdint.h>

/* Syscall numbers are the same on every architecture (unified table), Linux 5.13. */
#define SB_NR_landlock_create_ruleset 444
#define SB_NR_landlock_add_rule       445
#define SB_NR_landlock_restrict_self  446

/* landlock_create_ruleset() flags */
#define SB_LANDLOCK_CREATE_RULESET_VERSION (1U << 0) /* ABI 1, 5.13 */
#define SB_LANDLOCK_CREATE_RULESET_ERRATA  (1U << 1) /* ABI 7, 6.15 */

/* Rule types */
#define SB_LANDLOCK_RULE_PATH_BENEATH 1 /* ABI 1, 5.13 */
#define SB_LANDLOCK_RULE_NET_PORT     2 /* ABI 4, 6.7 */

/* landlock_restrict_self() flags */
#define SB_LANDLOCK_RESTRICT_SELF_LOG_SAME_EXEC_OFF  (1U << 0) /* ABI 7, 6.15 */
#define SB_LANDLOCK_RESTRICT_SELF_LOG_NEW_EXEC_ON    (1U << 1) /* ABI 7, 6.15 */
#define SB_LANDLOCK_RESTRICT_SELF_LOG_SUBDOMAINS_OFF (1U << 2) /* ABI 7, 6.15 */

/* Filesystem access rights.  SB_LL_FS(name, bit, abi) */
#define SB_LANDLOCK_FS_RIGHTS(X)            \
	X(EXECUTE,     0, 1)  /* 5.13 */    \
	X(WRITE_FILE,  1, 1)                \
	X(READ_FILE,   2, 1)                \
	X(READ_DIR,    3, 1)                \
	X(REMOVE_DIR,  4, 1)                \
	X(REMOVE_FILE, 5, 1)                \
	X(MAKE_CHAR,   6, 1)                \
	X(MAKE_DIR,    7, 1)                \
	X(MAKE_REG,    8, 1)                \
	X(MAKE_SOCK,   9, 1)                \
	X(MAKE_FIFO,  10, 1)                \
	X(MAKE_BLOCK, 11, 1)                \
	X(MAKE_SYM,   12, 1)                \
	X(REFER,      13, 2)  /* 5.19 */    \
	X(TRUNCATE,   14, 3)  /* 6.2 */     \
	X(IOCTL_DEV,  15, 5)  /* 6.10 */

/* Network access rights (TCP only: UDP is not mediated). */
#define SB_LANDLOCK_NET_RIGHTS(X)           \
	X(BIND_TCP,    0, 4)  /* 6.7 */     \
	X(CONNECT_TCP, 1, 4)  /* 6.7 */

/* Scopes (IPC isolation from processes outside the domain). */
#define SB_LANDLOCK_SCOPES(X)                   \
	X(ABSTRACT_UNIX_SOCKET, 0, 6) /* 6.12 */ \
	X(SIGNAL,               1, 6) /* 6.12 */

/* The newest ABI whose rights this file describes. */
#define SB_LANDLOCK_ABI_KNOWN 7

struct sb_landlock_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net; /* ABI 4 */
	uint64_t scoped;             /* ABI 6 */
};

/* The kernel declares this struct packed. */
struct sb_landlock_path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

struct sb_landlock_net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

/* Size of the ruleset attr the kernel of a given ABI understands:
 * older kernels reject a larger struct with non-zero tail (E2BIG). */
static inline unsigned long sb_landlock_attr_size(int abi)
{
	if (abi >= 6)
		return sizeof(struct sb_landlock_ruleset_attr);
	if (abi >= 4)
		return 2 * sizeof(uint64_t);
	return sizeof(uint64_t);
}

/* All rights of a kind that a given ABI knows. */
#define SB_LL_X_MASK(name, bit, a) if (abi >= (a)) m |= (1ULL << (bit));
#define SB_LL_MASK_FN(fn, table)                \
	static inline uint64_t fn(int abi)      \
	{                                       \
		uint64_t m = 0;                 \
		table(SB_LL_X_MASK)             \
		return m;                       \
	}
SB_LL_MASK_FN(sb_landlock_fs_mask, SB_LANDLOCK_FS_RIGHTS)
SB_LL_MASK_FN(sb_landlock_net_mask, SB_LANDLOCK_NET_RIGHTS)
SB_LL_MASK_FN(sb_landlock_scope_mask, SB_LANDLOCK_SCOPES)

#endif
