/* ecsplan: the cost difference between two models as `ecsplan diff` shows it */
#pragma once

#include <glib.h>

#include "cost-diff.h"
#include "model.h"
#include "render.h"

G_BEGIN_DECLS

#define REPORT_COST_DIFF_FORMATS                                                                   \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_TEXT) | REPORT_FORMAT_MASK(REPORT_FORMAT_JSON) |         \
	 REPORT_FORMAT_MASK(REPORT_FORMAT_MARKDOWN))

/* "+$12.34/month (+5.6%)", "-$3.00/month (-1.2%)", "$0.00/month (no change)",
 * "+$9.01/month (from $0.00)": the summary line of every format. (transfer full) */
char *report_cost_diff_summary(const PlanCostDiff *diff) G_GNUC_WARN_UNUSED_RESULT;

/* text and markdown (for a pull request): the summary line, the totals, a table of the lines
 * that changed (added, removed, changed) and how many did not; json: {"total_old",
 * "total_new", "delta", "delta_percent", "line_items": [{"category", "resource", "old", "new",
 * "delta", "item", "change", "estimate"}], ...}, every line, money as exact decimal dollars.
 * @old_model and @new_model name the two sides. Returns: (transfer full), or NULL with @error */
GString *report_cost_diff(const PlanModel *old_model, const PlanModel *new_model,
			  const PlanCostDiff *diff, ReportFormat format, ReportFlags flags,
			  GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
