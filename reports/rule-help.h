/* ecsplan: the help of each rule, as docs/rules.md words it (generated at build time by
 * tools/gen-rule-help.py into rule-help.c), for formats that carry it: SARIF */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
	const char *code;     /* "subnet-overlap" */
	const char *severity; /* its usual severity: "error", "warning" or "note" */
	const char *summary;  /* what it checks, one paragraph */
	const char *help;     /* Markdown: "**Fires when:** ...\n\n**Why:** ...\n\n**Fix:** ..." */
} ReportRuleHelp;

/* sorted by code */
extern const ReportRuleHelp report_rule_help[];
extern const unsigned report_rule_help_count;

/* the help of @code, or NULL (the import-* notes of docs/terraform.md have none) */
const ReportRuleHelp *report_rule_help_lookup(const char *code);

G_END_DECLS
