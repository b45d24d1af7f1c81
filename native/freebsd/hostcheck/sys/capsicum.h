/*
 * NOT FreeBSD's header.  The host-side check (native/mk/vm.mk, target freebsd-check)
 * compiles the FreeBSD-only C with the host compiler under -std=c11 -Wall -Wextra
 * -Werror before it ever reaches a guest.  These are the interfaces as cap_enter(2),
 * cap_getmode(2), cap_rights_limit(2), cap_ioctls_limit(2), cap_fcntls_limit(2),
 * cap_rights_init(3) and rights(4) document them (types and arities), with the
 * values of FreeBSD's sys/capsicum.h (CAPRIGHT(idx, bit)) so that constant
 * expressions type-check.  The real build happens in the guest against its own
 * headers (`cc -std=c11 -Wall -Werror`).
 */
#ifndef SB_HOSTCHECK_CAPSICUM_H
#define SB_HOSTCHECK_CAPSICUM_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct { uint64_t cr_rights[2]; } cap_rights_t;
typedef unsigned long cap_ioctl_t;

#define CAPRIGHT(idx, bit) ((1ULL << (57 + (idx))) | (bit))
#define CAP_READ CAPRIGHT(0, 0x1ULL)
#define CAP_WRITE CAPRIGHT(0, 0x2ULL)
#define CAP_SEEK_TELL CAPRIGHT(0, 0x4ULL)
#define CAP_SEEK (CAP_SEEK_TELL | 0x8ULL)
#define CAP_MMAP CAPRIGHT(0, 0x10ULL)
#define CAP_CREATE CAPRIGHT(0, 0x40ULL)
#define CAP_FEXECVE CAPRIGHT(0, 0x80ULL)
#define CAP_FSYNC CAPRIGHT(0, 0x100ULL)
#define CAP_FTRUNCATE CAPRIGHT(0, 0x200ULL)
#define CAP_LOOKUP CAPRIGHT(0, 0x400ULL)
#define CAP_FCHDIR CAPRIGHT(0, 0x800ULL)
#define CAP_FCHMOD CAPRIGHT(0, 0x2000ULL)
#define CAP_FCHOWN CAPRIGHT(0, 0x4000ULL)
#define CAP_FCNTL CAPRIGHT(0, 0x8000ULL)
#define CAP_FLOCK CAPRIGHT(0, 0x10000ULL)
#define CAP_FPATHCONF CAPRIGHT(0, 0x20000ULL)
#define CAP_FSTAT CAPRIGHT(0, 0x80000ULL)
#define CAP_FSTATAT (CAP_FSTAT | CAP_LOOKUP)
#define CAP_FSTATFS CAPRIGHT(0, 0x100000ULL)
#define CAP_FUTIMES CAPRIGHT(0, 0x200000ULL)
#define CAP_LINKAT_TARGET (CAP_LOOKUP | 0x400000ULL)
#define CAP_MKDIRAT (CAP_LOOKUP | 0x800000ULL)
#define CAP_MKFIFOAT (CAP_LOOKUP | 0x1000000ULL)
#define CAP_RENAMEAT_SOURCE (CAP_LOOKUP | 0x4000000ULL)
#define CAP_SYMLINKAT (CAP_LOOKUP | 0x8000000ULL)
#define CAP_UNLINKAT (CAP_LOOKUP | 0x10000000ULL)
#define CAP_ACCEPT CAPRIGHT(0, 0x20000000ULL)
#define CAP_BIND CAPRIGHT(0, 0x40000000ULL)
#define CAP_CONNECT CAPRIGHT(0, 0x80000000ULL)
#define CAP_GETPEERNAME CAPRIGHT(0, 0x100000000ULL)
#define CAP_GETSOCKNAME CAPRIGHT(0, 0x200000000ULL)
#define CAP_GETSOCKOPT CAPRIGHT(0, 0x400000000ULL)
#define CAP_LISTEN CAPRIGHT(0, 0x800000000ULL)
#define CAP_SETSOCKOPT CAPRIGHT(0, 0x2000000000ULL)
#define CAP_SHUTDOWN CAPRIGHT(0, 0x4000000000ULL)
#define CAP_LINKAT_SOURCE (CAP_LOOKUP | 0x20000000000ULL)
#define CAP_RENAMEAT_TARGET (CAP_LOOKUP | 0x40000000000ULL)
#define CAP_EVENT CAPRIGHT(1, 0x20ULL)
#define CAP_IOCTL CAPRIGHT(1, 0x80ULL)
#define CAP_PDGETPID CAPRIGHT(1, 0x200ULL)
#define CAP_PDKILL CAPRIGHT(1, 0x800ULL)
#define CAP_EXTATTR_GET CAPRIGHT(1, 0x2000ULL)
#define CAP_ACL_GET CAPRIGHT(1, 0x40000ULL)

#define CAP_FCNTL_GETFL (1 << 3)
#define CAP_FCNTL_SETFL (1 << 4)
#define CAP_FCNTL_GETOWN (1 << 5)
#define CAP_FCNTL_SETOWN (1 << 6)

#define CAP_RIGHTS_VERSION 0
#define cap_rights_init(...) __cap_rights_init(CAP_RIGHTS_VERSION, __VA_ARGS__, 0ULL)
cap_rights_t *__cap_rights_init(int version, cap_rights_t *rights, ...);
#define cap_rights_set(...) __cap_rights_set(__VA_ARGS__, 0ULL)
cap_rights_t *__cap_rights_set(cap_rights_t *rights, ...);

int cap_enter(void);
int cap_getmode(u_int *modep);
int cap_rights_limit(int fd, const cap_rights_t *rights);
int cap_ioctls_limit(int fd, const cap_ioctl_t *cmds, size_t ncmds);
int cap_fcntls_limit(int fd, uint32_t fcntlrights);

/* FreeBSD errno.h, sys/ttycom.h and sys/filio.h names the code uses, for the host check only. */
#define ENOTCAPABLE 93
#define ECAPMODE 94
#define TIOCGETA 0x402c7413UL
#define FIODTYPE 0x4004667aUL
#ifndef _IO
#define _IO(g, n) ((unsigned long)(0x20000000UL | ((unsigned long)(g) << 8) | (unsigned long)(n)))
#endif
#endif
