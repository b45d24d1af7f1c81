/* sandbench-attempt
id: AMB-05
name: inherited-cwd
category: inherited-authority
exercises: objects
does: openat(AT_FDCWD, "secret/canary", O_RDONLY) -- relative to the inherited working directory (<ws>, outside the allowed tree)
lesson: >-
  The working directory is an inherited directory handle; relative names resolve from it.
  Landlock judges the file reached, not the spelling; Capsicum forbids AT_FDCWD outright.
evidence: [token:canary]
catalogue: AMB-05
expect:
  none: ESCAPED
  seccomp: ESCAPED
  landlock: BLOCKED
  seccomp+landlock: BLOCKED
  seccomp-naive: BLOCKED
*/
#include <fcntl.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	sbx_open_found("openat", AT_FDCWD, "secret/canary", "canary");
	sbx_done();
}
