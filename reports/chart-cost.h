/* ecsplan: the monthly cost by category as a bar chart, drawn by gnuplot */
#pragma once

#include <glib.h>

#include "cost.h"
#include "model.h"

G_BEGIN_DECLS

/* the chart's file in a report folder */
#define REPORT_CHART_COST_FILE "cost-by-category.svg"

/* A gnuplot script for report_gnuplot_svg(): one horizontal bar per category that has line
 * items, in PlanCostCategory order from the top, each labelled with its cost ("~" marks an
 * estimate). The SVG has a fixed size (720 px wide, 34 px per bar), the font DejaVu Sans 10
 * and no timestamp, so the same cost gives the same bytes. The model's name reaches gnuplot
 * only as a quoted string, and enhanced text is off, so no name is read as markup.
 * Returns: (transfer full) */
char *report_chart_cost_script(const PlanModel *model,
			       const PlanCost *cost) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
