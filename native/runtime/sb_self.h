/*
 * Self-sandboxing hook: the workload calls this (through sb_ready) after it has
 * acquired its resources.  One implementation per platform: self_linux.c
 * applies a launch plan (seccomp, Landlock); the FreeBSD one enters capability
 * mode.  The runtime itself stays free of mechanism code.
 */
#ifndef SB_SELF_H
#define SB_SELF_H
#include <stddef.h>

/* Called from sb_init in self mode, before the workload acquires anything: a platform
 * whose sandbox is built from descriptors (Capsicum) opens and narrows them here, so
 * that what the workload opens through them inherits the narrowed rights.  Returns 0,
 * or an exit code with a message in err. */
int sb_self_prepare(const char *plan_path, char *err, size_t errlen);

/* Returns 0, or an exit code (3: host lacks a capability) with a message in err. */
int sb_self_sandbox(const char *plan_path, char *err, size_t errlen);

/* Platforms whose proof is not in /proc/self/status print it here. */
void sb_self_proof(void);

#endif
