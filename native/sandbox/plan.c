/* Parser for the launch-plan text format (docs/plan-format.md). */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb/plan.h"

static void fail(char *err, size_t errlen, int line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errlen, "plan line %d: ", line);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < errlen)
		vsnprintf(err + n, errlen - n, fmt, ap);
	va_end(ap);
}

static char *next_tok(char **s)
{
	char *p = *s;
	while (*p && isspace((unsigned char)*p))
		p++;
	if (!*p)
		return NULL;
	char *start = p;
	while (*p && !isspace((unsigned char)*p))
		p++;
	if (*p)
		*p++ = '\0';
	*s = p;
	return start;
}

static char *rest_of_line(char **s)
{
	char *p = *s;
	while (*p && isspace((unsigned char)*p))
		p++;
	size_t n = strlen(p);
	while (n > 0 && isspace((unsigned char)p[n - 1]))
		p[--n] = '\0';
	return n ? p : NULL;
}

static int parse_u64(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		return -1;
	*out = v;
	return 0;
}

static int parse_action(const char *s, struct sb_action *a)
{
	a->data = 0;
	if (!strcmp(s, "allow")) a->kind = SB_ACT_ALLOW;
	else if (!strcmp(s, "kill-process")) a->kind = SB_ACT_KILL_PROCESS;
	else if (!strcmp(s, "kill-thread")) a->kind = SB_ACT_KILL_THREAD;
	else if (!strcmp(s, "trap")) a->kind = SB_ACT_TRAP;
	else if (!strcmp(s, "log")) a->kind = SB_ACT_LOG;
	else if (!strncmp(s, "errno(", 6)) {
		char *end;
		long v = strtol(s + 6, &end, 10);
		if (end == s + 6 || strcmp(end, ")") || v < 0 || v > 4095)
			return -1;
		a->kind = SB_ACT_ERRNO;
		a->data = (int)v;
	} else
		return -1;
	return 0;
}

/* aN==V aN!=V aN<V aN<=V aN>V aN>=V aN&M==V */
static int parse_argcmp(const char *s, struct sb_argcmp *c)
{
	if (s[0] != 'a' || s[1] < '0' || s[1] > '5')
		return -1;
	c->arg = s[1] - '0';
	c->mask = ~0ULL;
	const char *p = s + 2;
	char buf[64];
	if (*p == '&') {
		const char *eq = strstr(p, "==");
		if (!eq || (size_t)(eq - p - 1) >= sizeof buf)
			return -1;
		memcpy(buf, p + 1, eq - p - 1);
		buf[eq - p - 1] = '\0';
		if (parse_u64(buf, &c->mask))
			return -1;
		c->op = SB_CMP_MASKED_EQ;
		return parse_u64(eq + 2, &c->value);
	}
	static const struct { const char *tok; enum sb_cmp op; } ops[] = {
		{ "==", SB_CMP_EQ }, { "!=", SB_CMP_NE }, { "<=", SB_CMP_LE },
		{ ">=", SB_CMP_GE }, { "<", SB_CMP_LT }, { ">", SB_CMP_GT },
	};
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		size_t n = strlen(ops[i].tok);
		if (!strncmp(p, ops[i].tok, n)) {
			c->op = ops[i].op;
			return parse_u64(p + n, &c->value);
		}
	}
	return -1;
}

static int parse_filter_opts(char *rest, struct sb_filter *f, int line, char *err, size_t errlen)
{
	char *tok;
	f->kind = SB_FILTER_LIBSECCOMP;
	f->def.kind = SB_ACT_KILL_PROCESS;
	f->badarch.kind = SB_ACT_KILL_PROCESS;
	f->optimize = 1;
	while ((tok = next_tok(&rest))) {
		char *eq = strchr(tok, '=');
		if (!eq) {
			fail(err, errlen, line, "expected key=value, got '%s'", tok);
			return -1;
		}
		*eq = '\0';
		const char *k = tok, *v = eq + 1;
		int bad = 0;
		if (!strcmp(k, "default")) bad = parse_action(v, &f->def);
		else if (!strcmp(k, "badarch")) bad = parse_action(v, &f->badarch);
		else if (!strcmp(k, "optimize")) { f->optimize = atoi(v); bad = f->optimize < 1 || f->optimize > 2; }
		else if (!strcmp(k, "kind")) {
			if (!strcmp(v, "libseccomp")) f->kind = SB_FILTER_LIBSECCOMP;
			else if (!strcmp(v, "raw-naive")) f->kind = SB_FILTER_RAW_NAIVE;
			else bad = 1;
		} else if (!strcmp(k, "spec_allow")) f->spec_allow = atoi(v);
		else if (!strcmp(k, "log")) f->log = atoi(v);
		else if (!strcmp(k, "tsync")) f->tsync = atoi(v);
		else if (!strcmp(k, "x86")) f->add_x86 = atoi(v);
		else if (!strcmp(k, "unknown")) {
			if (!strcmp(v, "skip")) f->skip_unknown = 1;
			else if (!strcmp(v, "fail")) f->skip_unknown = 0;
			else bad = 1;
		} else {
			fail(err, errlen, line, "unknown seccomp-filter option '%s'", k);
			return -1;
		}
		if (bad) {
			fail(err, errlen, line, "bad value '%s' for seccomp-filter option '%s'", v, k);
			return -1;
		}
	}
	return 0;
}

int sb_plan_load(const char *path, struct sb_plan *plan, char *err, size_t errlen)
{
	memset(plan, 0, sizeof *plan);
	FILE *f = fopen(path, "r");
	if (!f) {
		snprintf(err, errlen, "cannot open plan %s: %s", path, strerror(errno));
		return -1;
	}
	char *buf = NULL;
	size_t cap = 0;
	int line = 0, header = 0, rc = -1;
	struct sb_filter *cur = NULL;
	while (getline(&buf, &cap, f) >= 0) {
		line++;
		char *s = buf;
		char *kw = next_tok(&s);
		if (!kw || kw[0] == '#')
			continue;
		if (!header) {
			char *ver = next_tok(&s);
			if (strcmp(kw, "sandbench-plan") || !ver || strcmp(ver, "1")) {
				fail(err, errlen, line, "not a sandbench plan (expected 'sandbench-plan 1')");
				goto out;
			}
			header = 1;
			continue;
		}
		if (!strcmp(kw, "nnp")) {
			plan->nnp = 1;
		} else if (!strcmp(kw, "landlock")) {
			char *tok;
			plan->landlock = 1;
			while ((tok = next_tok(&s))) {
				uint64_t v;
				char *eq = strchr(tok, '=');
				if (!eq) { fail(err, errlen, line, "expected key=value, got '%s'", tok); goto out; }
				*eq++ = '\0';
				if (!strcmp(tok, "compat")) {
					if (!strcmp(eq, "best-effort")) plan->ll_compat = SB_LL_BEST_EFFORT;
					else if (!strcmp(eq, "hard")) plan->ll_compat = SB_LL_HARD_REQUIREMENT;
					else { fail(err, errlen, line, "compat must be best-effort or hard"); goto out; }
					continue;
				}
				if (parse_u64(eq, &v)) { fail(err, errlen, line, "bad number '%s'", eq); goto out; }
				if (!strcmp(tok, "abi")) plan->ll_abi = (int)v;
				else if (!strcmp(tok, "layers")) {
					/* LANDLOCK_MAX_NUM_LAYERS is 16 (security/landlock/limits.h, 5.13) */
					if (v < 1 || v > 16) { fail(err, errlen, line, "layers must be 1..16"); goto out; }
					plan->ll_layers = (int)v;
				}
				else if (!strcmp(tok, "fs")) plan->ll_fs = v;
				else if (!strcmp(tok, "net")) plan->ll_net = v;
				else if (!strcmp(tok, "scoped")) plan->ll_scoped = v;
				else { fail(err, errlen, line, "unknown landlock option '%s'", tok); goto out; }
			}
		} else if (!strcmp(kw, "landlock-path")) {
			char *acc = next_tok(&s), *p = rest_of_line(&s);
			uint64_t a;
			if (!acc || !p || parse_u64(acc, &a)) { fail(err, errlen, line, "expected 'landlock-path ACCESS PATH'"); goto out; }
			plan->ll_paths = realloc(plan->ll_paths, (plan->ll_npaths + 1) * sizeof *plan->ll_paths);
			plan->ll_paths[plan->ll_npaths].access = a;
			plan->ll_paths[plan->ll_npaths].path = strdup(p);
			plan->ll_npaths++;
		} else if (!strcmp(kw, "landlock-port")) {
			char *acc = next_tok(&s), *port = next_tok(&s);
			uint64_t a, pt;
			if (!acc || !port || parse_u64(acc, &a) || parse_u64(port, &pt) || pt > 65535) {
				fail(err, errlen, line, "expected 'landlock-port ACCESS PORT'");
				goto out;
			}
			plan->ll_ports = realloc(plan->ll_ports, (plan->ll_nports + 1) * sizeof *plan->ll_ports);
			plan->ll_ports[plan->ll_nports].access = a;
			plan->ll_ports[plan->ll_nports].port = pt;
			plan->ll_nports++;
		} else if (!strcmp(kw, "landlock-probe")) {
			char *p = rest_of_line(&s);
			if (!p) { fail(err, errlen, line, "expected 'landlock-probe PATH'"); goto out; }
			free(plan->ll_probe);
			plan->ll_probe = strdup(p);
		} else if (!strcmp(kw, "seccomp-filter")) {
			if (cur) { fail(err, errlen, line, "seccomp-filter inside another filter (missing seccomp-end)"); goto out; }
			if (plan->nfilters == SB_MAX_FILTERS) { fail(err, errlen, line, "more than %d stacked filters", SB_MAX_FILTERS); goto out; }
			cur = &plan->filters[plan->nfilters++];
			if (parse_filter_opts(s, cur, line, err, errlen))
				goto out;
		} else if (!strcmp(kw, "seccomp-rule")) {
			if (!cur) { fail(err, errlen, line, "seccomp-rule outside seccomp-filter"); goto out; }
			char *act = next_tok(&s), *name = next_tok(&s), *tok;
			if (!act || !name) { fail(err, errlen, line, "expected 'seccomp-rule ACTION SYSCALL [ARGCMP...]'"); goto out; }
			if (cur->nrules == cur->cap) {
				cur->cap = cur->cap ? 2 * cur->cap : 64;
				cur->rules = realloc(cur->rules, cur->cap * sizeof *cur->rules);
			}
			struct sb_rule *r = &cur->rules[cur->nrules];
			memset(r, 0, sizeof *r);
			if (parse_action(act, &r->action)) { fail(err, errlen, line, "unknown action '%s'", act); goto out; }
			if (strlen(name) >= sizeof r->name) { fail(err, errlen, line, "syscall name too long"); goto out; }
			strcpy(r->name, name);
			while ((tok = next_tok(&s))) {
				if (r->nargs == SB_MAX_ARGS || parse_argcmp(tok, &r->args[r->nargs])) {
					fail(err, errlen, line, "bad argument comparison '%s' (forms: a1==5 a0>=0 a2&0xff==1)", tok);
					goto out;
				}
				r->nargs++;
			}
			cur->nrules++;
		} else if (!strcmp(kw, "seccomp-priority")) {
			if (!cur) { fail(err, errlen, line, "seccomp-priority outside seccomp-filter"); goto out; }
			char *name = next_tok(&s), *pri = next_tok(&s);
			uint64_t v;
			if (!name || !pri || parse_u64(pri, &v) || v > 255 || strlen(name) >= sizeof cur->priorities[0].name) {
				fail(err, errlen, line, "expected 'seccomp-priority SYSCALL 0..255'");
				goto out;
			}
			cur->priorities = realloc(cur->priorities, (cur->npriorities + 1) * sizeof *cur->priorities);
			strcpy(cur->priorities[cur->npriorities].name, name);
			cur->priorities[cur->npriorities].priority = (int)v;
			cur->npriorities++;
		} else if (!strcmp(kw, "seccomp-end")) {
			if (!cur) { fail(err, errlen, line, "seccomp-end without seccomp-filter"); goto out; }
			cur = NULL;
		} else {
			fail(err, errlen, line, "unknown directive '%s'", kw);
			goto out;
		}
	}
	if (plan->landlock && plan->ll_layers == 0)
		plan->ll_layers = 1;
	if (!header) {
		snprintf(err, errlen, "plan %s is empty", path);
		goto out;
	}
	if (cur) {
		fail(err, errlen, line, "seccomp-filter not closed by seccomp-end");
		goto out;
	}
	rc = 0;
out:
	free(buf);
	fclose(f);
	if (rc)
		sb_plan_free(plan);
	return rc;
}

void sb_plan_free(struct sb_plan *plan)
{
	for (int i = 0; i < plan->ll_npaths; i++)
		free(plan->ll_paths[i].path);
	free(plan->ll_paths);
	free(plan->ll_ports);
	free(plan->ll_probe);
	for (int i = 0; i < plan->nfilters; i++) {
		free(plan->filters[i].rules);
		free(plan->filters[i].priorities);
	}
	memset(plan, 0, sizeof *plan);
}
