/*
 * sb-marker: the planted executables.  The harness copies this binary twice,
 * writing a fresh token into SLOT, as the executable outside the allowed tree
 * (root-owned, mode 0711) and as the setuid binary (owned by a second dedicated
 * uid, mode 4711).  Neither copy is readable by the sandbox uid, so the token
 * can only appear in an attempt's output if the copy really ran; the euid it
 * prints shows whether the setuid bit took effect.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The harness replaces the 32 zeros after the prefix with a 32-hex-digit token in each copy. */
static volatile const char SLOT[] = "SBX-MARKER-SLOT-" "00000000000000000000000000000000";

int main(void)
{
	char token[sizeof SLOT];
	for (size_t i = 0; i < sizeof SLOT; i++)
		token[i] = SLOT[i];
	/* The token first, with no system call before it but write: a filter that kills the
	 * program at its next call (getuid) cannot hide that it ran.  Then the token again,
	 * vouching for the uid fields beside it. */
	char buf[256];
	int n = snprintf(buf, sizeof buf, "SBX marker token=%s\n", token + 16);
	ssize_t w = write(1, buf, (size_t)n);
	n = snprintf(buf, sizeof buf, "SBX marker token=%s uid=%ld euid=%ld\n", token + 16, (long)getuid(), (long)geteuid());
	w = write(1, buf, (size_t)n);
	(void)w;
	return 0;
}
