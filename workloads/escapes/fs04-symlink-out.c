/* sandbench-attempt
id: FS-04
name: symlink-out
category: filesystem
exercises: objects
does: >-
  openat(AT_FDCWD, "<ws>/allowed/link", O_RDONLY) where allowed/link is a symlink the
  harness planted, pointing to ../secret/canary; read(2)
lesson: >-
  A name inside the allowed tree can designate an object outside it.  Path-prefix checks on
  the string are fooled; Landlock checks the file the kernel finally resolved.
evidence: [token:canary]
catalogue: beyond the catalogue (symlink planted in the allowed tree)
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
	sbx_open_found("openat", AT_FDCWD, sbx_env("SBX_SYMLINK"), "canary");
	sbx_done();
}
