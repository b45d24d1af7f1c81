/*
 * The i386 system-call gate from 64-bit code: int $0x80 takes i386 numbers and 32-bit
 * arguments (ebx, ecx, edx), so pointers must lie below 4 GiB (map them with MAP_32BIT).
 * Needs CONFIG_IA32_EMULATION.  A seccomp filter sees AUDIT_ARCH_I386 for these calls; a
 * filter that does not check the architecture compares i386 numbers against x86-64 ones.
 * Numbers: arch/x86/entry/syscalls/syscall_32.tbl.
 */
#ifndef SBX_INT80_H
#define SBX_INT80_H

#include <errno.h>

#define SBX_I386_READ 3
#define SBX_I386_OPEN 5
#define SBX_I386_SOCKETCALL 102
#define SBX_SYS_SOCKET 1  /* socketcall(2) sub-calls, linux/net.h */
#define SBX_SYS_CONNECT 3

/* Returns the result, or -1 with errno. */
static inline long sbx_int80(long nr, long a, long b, long c)
{
	long ret;
	__asm__ volatile("int $0x80"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c)
			 : "memory", "r8", "r9", "r10", "r11");
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

#endif
