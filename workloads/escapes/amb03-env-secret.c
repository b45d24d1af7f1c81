/* sandbench-attempt
id: AMB-03
name: env-secret
category: inherited-authority
exercises: objects
does: getenv("CANARY_TOKEN") -- a secret the launcher left in the environment (no system call at all)
lesson: >-
  The environment is inherited across exec and read without any system call: no syscall filter
  or object policy can see it.  Only the launcher can help, by passing a clean environment.
evidence: [token:env]
catalogue: AMB-03
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: ESCAPED
  seccomp+landlock: ESCAPED
  seccomp-naive: ESCAPED
*/
#include <stdlib.h>
#include <string.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	const char *v = getenv(sbx_env("SBX_SECRET_ENV"));
	if (v)
		sbx_found("env", v, strlen(v));
	sbx_done();
}
