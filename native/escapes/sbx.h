/*
 * The escape-attempt runtime (docs/escapes.md, "Writing an attempt").
 *
 * An attempt is one static program that plays a compromised process inside a
 * sandbox.  It learns where the arena's targets are from SBX_* environment
 * variables set by the harness's jail (sb-jail), performs its operations
 * through SBX_TRY so that every step is reported, and prints what it obtained
 * with sbx_found().  It never decides whether it escaped: the harness judges
 * from evidence it checks itself (tokens it planted, files, victim counters,
 * listener logs, the pty), and uses these lines only to name the errno or the
 * system call that was stopped.
 *
 * Lines written on stdout (one write(2) each, so a kill never tears a line):
 *   SBX try op=OP detail=D                 about to perform OP
 *   SBX step op=OP rc=N [errno=E name=ENAME]  what OP returned
 *   SBX found what=W value=V               data the attempt obtained (tokens...)
 *   SBX hold                               stopped itself so the jail can inspect its descriptors and namespaces
 *   SBX probe tcp PORT                     asks the jail to connect to PORT (a backdoor it listens on)
 *   SBX note TEXT                          free text, kept in the transcript
 *   SBX na reason=R                        the attempt does not exist on this platform or mode
 *   SBX done                               finished normally
 *   SB1 proof ...                          seccomp state from the launcher's status descriptor
 *                                          (with SBX_PROOF_SELF and no launcher: from /proc/self/status)
 */
#ifndef SBX_H
#define SBX_H

#include <stddef.h>
#include <sys/types.h>

/* Protocol version: SBX_PROTO in the environment must match. */
#define SBX_PROTO_VERSION 1

/* Installs the SIGSYS reporter, checks SBX_PROTO, prints the seccomp proof. */
void sbx_init(int argc, char **argv);

/* Self mode (SBX_SELF_PLAN set): the attempt applies its own plan here, after
 * whatever it did before; retrofit mode (the launcher applied it): nothing. */
void sbx_enter(void);

/* 1 when the attempt runs in self mode. */
int sbx_self_mode(void);

/* An SBX_* variable; exits with "SBX error missing=NAME" when absent. */
const char *sbx_env(const char *name);
/* The same, or NULL. */
const char *sbx_env_opt(const char *name);
long sbx_env_long(const char *name);

/* Step reporting.  SBX_TRY prints the "try" line before the call (so a kill
 * names the call) and the "step" line after it; it evaluates to the call's
 * return value with errno preserved. */
void sbx_try_begin(const char *op, const char *detail);
long sbx_try_end(const char *op, long rc);
#define SBX_TRY(op, detail, expr) (sbx_try_begin((op), (detail)), sbx_try_end((op), (long)(expr)))

/* Reports data obtained (printable bytes; others as '.'), at most 200 bytes. */
void sbx_found(const char *what, const void *buf, size_t len);
/* Reads up to 200 bytes from fd (pread at offset 0 when seekable) and reports them. */
void sbx_found_fd(const char *what, int fd);
/* openat(dirfd, path, O_RDONLY) as a step named op, then reports up to 200 bytes as what.
 * Returns the descriptor (left open) or -1. */
int sbx_open_found(const char *op, int dirfd, const char *path, const char *what);
void sbx_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Stops itself (SIGSTOP) so the jail can snapshot /proc/<pid>/fd and ns, then continues.
 * With SBX_HOLD=signal (a container's PID 1, which cannot stop itself) it waits for SIGUSR1
 * from the executor instead. */
void sbx_hold(void);
/* Asks the jail to connect to a TCP port on loopback, then returns. */
void sbx_request_probe(int port);

void sbx_na(const char *reason) __attribute__((noreturn));
void sbx_done(void) __attribute__((noreturn));

/* Writes a whole line (adds the newline). */
void sbx_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
