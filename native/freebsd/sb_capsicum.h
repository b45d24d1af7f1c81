/*
 * Capsicum on FreeBSD: the self-sandboxing hook (sb_self.h) applies a capsicum
 * plan (docs/vm.md, "Capsicum plans"), and the runtime's path calls (sb_open,
 * sb_stat in sb_runtime.h) resolve absolute paths through the descriptors the
 * plan preopened, since capability mode refuses every path lookup that does not
 * start at a descriptor (cap_enter(2)).
 */
#ifndef SB_CAPSICUM_H
#define SB_CAPSICUM_H

#include <stdint.h>

/* The value of a right by its sys/capsicum.h name ("CAP_READ"); -1 if unknown. */
int sb_cap_right(const char *name, uint64_t *out);

/* The value of an ioctl command by name ("FIONREAD") or number ("0x4004667f"); -1 if unknown. */
int sb_cap_ioctl(const char *name, unsigned long *out);

/* FreeBSD's errno values for Capsicum denials (sys/sys/errno.h); the harness maps both to BLOCKED. */
#define SB_ENOTCAPABLE 93
#define SB_ECAPMODE 94

#endif
