/* sandbench-attempt
id: KAS-04
name: keyring
category: kernel-attack-surface
exercises: syscalls
does: add_key("user", "sandbench", payload, KEY_SPEC_PROCESS_KEYRING) -- kernel memory the caller fills
lesson: >-
  The key-management calls allocate kernel objects with attacker-chosen sizes and contents,
  a favourite for heap grooming.  Landlock has no say; filters (Docker's profile too) remove them.
evidence: [step:add_key]
catalogue: KAS-04
kernel-note: Evidence is the attempt's report of the key serial add_key returned.
expect:
  none: ESCAPED
  seccomp: KILLED
  landlock: ESCAPED
  seccomp+landlock: KILLED
  seccomp-naive: ESCAPED
*/
#include <linux/keyctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "sbx.h"

int main(int argc, char **argv)
{
	sbx_init(argc, argv);
	sbx_enter();
	SBX_TRY("add_key", "user key", syscall(SYS_add_key, "user", "sandbench", "payload", 7, KEY_SPEC_PROCESS_KEYRING));
	sbx_done();
}
