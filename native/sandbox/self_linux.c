/* Self mode on Linux: the workload applies its own launch plan. */
#include <stdio.h>

#include "sb/plan.h"
#include "sb_self.h"

int sb_self_prepare(const char *plan_path, char *err, size_t errlen)
{
	/* Linux plans are applied whole in sb_self_sandbox; nothing to acquire first. */
	(void)plan_path;
	(void)err;
	(void)errlen;
	return 0;
}

int sb_self_sandbox(const char *plan_path, char *err, size_t errlen)
{
	struct sb_plan plan;
	struct sb_applied applied;
	if (sb_plan_load(plan_path, &plan, err, errlen))
		return 2;
	int rc = sb_apply(&plan, stdout, &applied, err, errlen);
	sb_plan_free(&plan);
	return rc;
}

void sb_self_proof(void)
{
}
