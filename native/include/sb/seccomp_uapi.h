/*
 * seccomp UAPI constants carried by sandbench itself, each with the kernel
 * version that added it (include/uapi/linux/seccomp.h, seccomp(2)).
 * The build host's headers may predate some of them.
 */
#ifndef SB_SECCOMP_UAPI_H
#define SB_SECCOMP_UAPI_H

#ifdef __linux__
#include <linux/filter.h>
#include <linux/audit.h>
#include <sys/syscall.h>

#ifndef SYS_seccomp
#define SYS_seccomp 317 /* x86-64, 3.17 */
#endif

/* seccomp(2) operations */
#define SB_SECCOMP_SET_MODE_STRICT  0 /* 3.17 */
#define SB_SECCOMP_SET_MODE_FILTER  1 /* 3.17 */
#define SB_SECCOMP_GET_ACTION_AVAIL 2 /* 4.14 */
#define SB_SECCOMP_GET_NOTIF_SIZES  3 /* 5.0 */

/* SECCOMP_SET_MODE_FILTER flags */
#define SB_SECCOMP_FILTER_FLAG_TSYNC              (1UL << 0) /* 3.17 */
#define SB_SECCOMP_FILTER_FLAG_LOG                (1UL << 1) /* 4.14 */
#define SB_SECCOMP_FILTER_FLAG_SPEC_ALLOW         (1UL << 2) /* 4.17 */
#define SB_SECCOMP_FILTER_FLAG_NEW_LISTENER       (1UL << 3) /* 5.0 */
#define SB_SECCOMP_FILTER_FLAG_TSYNC_ESRCH        (1UL << 4) /* 5.7 */
#define SB_SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5) /* 5.19 */

/* Return actions, highest precedence first */
#define SB_SECCOMP_RET_KILL_PROCESS 0x80000000U /* 4.14 */
#define SB_SECCOMP_RET_KILL_THREAD  0x00000000U /* 3.5 (as RET_KILL) */
#define SB_SECCOMP_RET_TRAP         0x00030000U /* 3.5 */
#define SB_SECCOMP_RET_ERRNO        0x00050000U /* 3.5 */
#define SB_SECCOMP_RET_USER_NOTIF   0x7fc00000U /* 5.0 */
#define SB_SECCOMP_RET_TRACE        0x7ff00000U /* 3.5 */
#define SB_SECCOMP_RET_LOG          0x7ffc0000U /* 4.14 */
#define SB_SECCOMP_RET_ALLOW        0x7fff0000U /* 3.5 */
#define SB_SECCOMP_RET_DATA         0x0000ffffU

/* struct seccomp_data offsets (stable ABI) */
#define SB_SECCOMP_DATA_NR    0
#define SB_SECCOMP_DATA_ARCH  4
#define SB_SECCOMP_DATA_IP    8
#define SB_SECCOMP_DATA_ARGS 16

/* x32 syscalls share AUDIT_ARCH_X86_64 and set this bit in nr. */
#define SB_X32_SYSCALL_BIT 0x40000000U

#ifndef AUDIT_ARCH_X86_64
#define AUDIT_ARCH_X86_64 0xc000003eU
#endif
#ifndef AUDIT_ARCH_I386
#define AUDIT_ARCH_I386 0x40000003U
#endif
#endif /* __linux__ */

/* prctl speculation control, 4.17 (include/uapi/linux/prctl.h) */
#define SB_PR_GET_SPECULATION_CTRL 52
#define SB_PR_SPEC_STORE_BYPASS    0
#define SB_PR_SPEC_PRCTL        (1UL << 0)
#define SB_PR_SPEC_ENABLE       (1UL << 1)
#define SB_PR_SPEC_DISABLE      (1UL << 2)
#define SB_PR_SPEC_FORCE_DISABLE (1UL << 3)
#define SB_PR_SPEC_DISABLE_NOEXEC (1UL << 4)

#endif
