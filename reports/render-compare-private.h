/* ecsplan: what render-compare.c (the text and Markdown documents) and render-compare-json.c
 * (the JSON document) share; not a public header */
#pragma once

#include <glib.h>

#include "compare.h"

G_BEGIN_DECLS

/* "arm64" or "x86_64", as every compare document names an architecture */
static inline const char *
report_compare_arch(PlanArchitecture architecture)
{
	return architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";
}

/* what a priced break-even row's answer assumes, one line (render-compare-assumes.c) */
char *report_compare_row_assumes(const PlanCompareEntry *entry,
				 const PlanCompareBreakEvenRow *row) G_GNUC_WARN_UNUSED_RESULT;

/* the JSON document of a comparison into @out (render-compare-json.c) */
gboolean report_compare_json(const PlanCompare *compare, GString *out, GError **error);

G_END_DECLS
