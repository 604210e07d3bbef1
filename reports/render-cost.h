/* ecsplan: a model's monthly cost as `ecsplan cost` shows it */
#pragma once

#include <glib.h>

#include "cost.h"
#include "model.h"
#include "render.h"

G_BEGIN_DECLS

#define REPORT_COST_FORMATS                                                                        \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_TEXT) | REPORT_FORMAT_MASK(REPORT_FORMAT_JSON) |         \
	 REPORT_FORMAT_MASK(REPORT_FORMAT_CSV) | REPORT_FORMAT_MASK(REPORT_FORMAT_MARKDOWN))

/* text and markdown: the line items (quantity × unit price = cost), totals by category,
 * service and AZ, the assumptions and the price book's date; json: every figure, money as
 * exact decimal dollars; csv: one row per line item.
 * Returns: (transfer full) the rendered document, or NULL with @error set */
GString *report_cost(const PlanModel *model, const PlanCost *cost, ReportFormat format,
		     ReportFlags flags, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
