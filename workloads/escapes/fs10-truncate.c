/* sandbench-attempt
id: FS-10
name: truncate
category: filesystem
exercises: objects
does: truncate("<ws>/secret/canary", 0)
lesson: >-
  truncate(2) changes a file without opening it.  Landlock could not see it before ABI 3
  (Linux 6.2, LANDLOCK_ACCESS_FS_TRUNCATE): a ruleset that forbade writing still let the
  sandbox empty the file.
evidence: [file-changed:secret/canary]
catalogue: FS-09
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: BLOCKED (abi>=3) else ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	SBX_TRY("truncate", "secret/canary", truncate(sbx_env("SBX_CANARY"), 0));
	sbx_done();
}
