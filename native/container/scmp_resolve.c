/*
 * sb-scmp-resolve: how this host's libseccomp resolves syscall names, which is how a
 * container runtime resolves the names of a seccomp profile (runc skips a name its
 * libseccomp cannot resolve).  Read by models/.../oci/SyscallResolver.java.
 *
 *   sb-scmp-resolve [--all] [NAME...]
 *
 * Output, sorted by name, one line each:
 *   # libseccomp X.Y.Z
 *   NAME X86_64 X86     the number on each architecture, or '-' where libseccomp knows the
 *                       name but it has no number there (an i386-only or other-arch call)
 *   NAME unknown        libseccomp cannot resolve the name at all
 * --all first lists every name that has an x86-64 or i386 number.
 */
#define _GNU_SOURCE
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Syscall numbers are below 1024 on both architectures (x86-64 reached 463 in Linux 6.18). */
#define SB_MAX_NR 1024

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void print(const char *name)
{
	int a = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86_64, name);
	int b = seccomp_syscall_resolve_name_arch(SCMP_ARCH_X86, name);
	if (a == __NR_SCMP_ERROR && b == __NR_SCMP_ERROR) {
		printf("%s unknown\n", name);
		return;
	}
	char x[16] = "-", y[16] = "-";
	if (a >= 0)
		snprintf(x, sizeof x, "%d", a);
	if (b >= 0)
		snprintf(y, sizeof y, "%d", b);
	printf("%s %s %s\n", name, x, y);
}

int main(int argc, char **argv)
{
	char **names = calloc((size_t)(2 * SB_MAX_NR + argc), sizeof *names);
	if (!names)
		return 1;
	size_t n = 0;
	int i = 1;
	if (i < argc && !strcmp(argv[i], "--all")) {
		i++;
		const uint32_t arches[] = { SCMP_ARCH_X86_64, SCMP_ARCH_X86 };
		for (size_t k = 0; k < 2; k++)
			for (int nr = 0; nr < SB_MAX_NR; nr++) {
				char *s = seccomp_syscall_resolve_num_arch(arches[k], nr);
				if (s)
					names[n++] = s;
			}
	}
	for (; i < argc; i++) {
		if (argv[i][0] == '-') {
			fprintf(stderr, "usage: sb-scmp-resolve [--all] [NAME...]\n");
			return 2;
		}
		names[n++] = strdup(argv[i]);
	}
	qsort(names, n, sizeof *names, cmp);
	const struct scmp_version *v = seccomp_version();
	printf("# libseccomp %u.%u.%u\n", v->major, v->minor, v->micro);
	for (size_t k = 0; k < n; k++)
		if (k == 0 || strcmp(names[k], names[k - 1]))
			print(names[k]);
	for (size_t k = 0; k < n; k++)
		free(names[k]);
	free(names);
	return 0;
}
