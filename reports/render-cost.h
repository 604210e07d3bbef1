/* ecsplan: a model's monthly cost as `ecsplan cost` shows it */
#pragma once

#include <glib.h>

#include "cost.h"
#include "model.h"
#include "render.h"
#include "table.h"

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

/* the tables text and markdown print, for documents that lay them out themselves (the report) */
typedef enum {
	REPORT_COST_TABLE_LINES,       /* quantity × unit price = cost, and the total */
	REPORT_COST_TABLE_BY_CATEGORY, /* categories with line items */
	REPORT_COST_TABLE_BY_SERVICE,
	REPORT_COST_TABLE_BY_AZ,
	REPORT_COST_TABLE_ASSUMPTIONS,
	REPORT_COST_N_TABLES,
} ReportCostTable;

/* Returns: (transfer full) the table, as `ecsplan cost` prints it */
ReportTable *report_cost_table(const PlanCost *cost, ReportCostTable which)
	G_GNUC_WARN_UNUSED_RESULT;
/* a category as a reader names it: "NAT gateway hours" for nat-hours (the key stays in JSON,
 * CSV and the cost tables, where scripts read it). Returns: (transfer none) */
const char *report_cost_category_label(PlanCostCategory category);

/* the categories that have line items, the most expensive first (equal costs in the tables'
 * order). Returns: (transfer full) (element-type guint) PlanCostCategory values */
GArray *report_cost_categories_by_cost(const PlanCost *cost) G_GNUC_WARN_UNUSED_RESULT;

/* its heading, and the sentence that explains the "~" mark. Returns: (transfer none) */
const char *report_cost_table_heading(ReportCostTable which);
const char *report_cost_legend(void);

G_END_DECLS
