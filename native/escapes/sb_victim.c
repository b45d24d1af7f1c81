/*
 * sb-victim: a process the jail starts for the IPC attempts to aim at.  It runs
 * under the sandbox uid, in its own process group, outside every sandbox, and
 * holds three things an attempt may try to steal or disturb: a token in memory
 * (process_vm_readv, ptrace, /proc/<pid>/mem), a secret in its environment
 * (/proc/<pid>/environ), and a descriptor on fd 3 (/proc/<pid>/fd/3, pidfd_getfd).
 * It counts the signals it receives.  The jail, not the attempt, asks it for
 * its counters, and reads its memory itself to see whether the token changed.
 *
 *   fd 0: the token (first line), then commands ("report")
 *   fd 1: "ready pid=P addr=0xA len=N", then one answer per command
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static volatile sig_atomic_t g_count;
static volatile sig_atomic_t g_last;
static volatile uint64_t g_mask;
/* The token lives here, at an address the attempt is told (SBX_VICTIM_TOKEN_ADDR). */
static char g_token[64] __attribute__((aligned(64)));

static void on_signal(int sig)
{
	g_count++;
	g_last = sig;
	g_mask |= 1ULL << (sig & 63);
}

static ssize_t read_line(char *buf, size_t len)
{
	size_t n = 0;
	while (n + 1 < len) {
		char c;
		ssize_t r = read(0, &c, 1);
		if (r <= 0)
			return n ? (ssize_t)n : -1;
		if (c == '\n')
			break;
		buf[n++] = c;
	}
	buf[n] = '\0';
	return (ssize_t)n;
}

int main(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;
	sigfillset(&sa.sa_mask);
	for (int s = 1; s < 32; s++) {
		/* SIGCONT is how the jail resumes a victim an attempt stopped; SIGCHLD is noise. */
		if (s == SIGKILL || s == SIGSTOP || s == SIGCONT || s == SIGCHLD)
			continue;
		sigaction(s, &sa, NULL);
	}
	if (read_line(g_token, sizeof g_token) <= 0)
		return 1;
	char buf[160];
	int n = snprintf(buf, sizeof buf, "ready pid=%ld addr=%p len=%zu\n", (long)getpid(), (void *)g_token,
			 strlen(g_token));
	if (write(1, buf, (size_t)n) != n)
		return 1;
	char cmd[64];
	while (read_line(cmd, sizeof cmd) >= 0) {
		if (strcmp(cmd, "report"))
			continue;
		n = snprintf(buf, sizeof buf, "report signals=%d last=%d mask=0x%llx\n", (int)g_count, (int)g_last,
			     (unsigned long long)g_mask);
		if (write(1, buf, (size_t)n) != n)
			return 1;
	}
	return 0;
}
