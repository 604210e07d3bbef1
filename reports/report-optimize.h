/* ecsplan: the Optimization section of `ecsplan report --optimize` (docs/report.md): per service
 * the cheapest configuration that meets the service level, the saving against the model as it
 * is, why the next cheaper one fails, the frontier chart and table, the patch */
#pragma once

#include <glib.h>

#include "optimize.h"
#include "render-optimize.h"
#include "report-doc.h"

G_BEGIN_DECLS

/* the chart's file in the report folder */
#define REPORT_OPTIMIZE_CHART_FILE "optimize-frontier.svg"
#define REPORT_OPTIMIZE_CHART_CAPTION                                                              \
	"Per service, monthly cost (USD) against unmet demand (% of the requests) of the "          \
	"candidates no other beats on both; the filled point meets the service level"

/* places the frontier chart (the report's own figure, drawn or pending) */
typedef void (*ReportOptimizeFigureFunc)(ReportDoc *doc, gpointer data);

/* appends the section to @doc. @models: PlanOptPoint per @result->services entry, the service
 * as the model has it (PlanResult.optimization_models); @info: what the search was asked (its
 * book lists the prices behind the figures); @figure places the chart after the summary table.
 * Every name reaches the document as plain text (report-doc escapes it) */
void report_optimize_section(ReportDoc *doc, const PlanModel *model, const PlanOptResult *result,
			     const GArray *models, const ReportOptimizeInfo *info,
			     ReportOptimizeFigureFunc figure, gpointer figure_data);

G_END_DECLS
