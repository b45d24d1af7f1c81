/*
 * Self-sandboxing hook: the workload calls this (through sb_ready) after it has
 * acquired its resources.  One implementation per platform: self_linux.c
 * applies a launch plan (seccomp, Landlock); the FreeBSD one enters capability
 * mode.  The runtime itself stays free of mechanism code.
 */
#ifndef SB_SELF_H
#define SB_SELF_H
#include <stddef.h>

/* Returns 0, or an exit code (3: host lacks a capability) with a message in err. */
int sb_self_sandbox(const char *plan_path, char *err, size_t errlen);

/* Platforms whose proof is not in /proc/self/status print it here. */
void sb_self_proof(void);

#endif
