/* ecsplan: Fargate against EC2 as `ecsplan compare` shows it, and its chart as a gnuplot script */
#pragma once

#include <glib.h>

#include "compare.h"
#include "model.h"
#include "render.h"

G_BEGIN_DECLS

#define REPORT_COMPARE_FORMATS                                                                     \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_TEXT) | REPORT_FORMAT_MASK(REPORT_FORMAT_JSON) |         \
	 REPORT_FORMAT_MASK(REPORT_FORMAT_MARKDOWN))

/* text and markdown: at most this many evenly spaced rows of the cost curve (plus the desired
 * count and the break-even) */
#define REPORT_COMPARE_CURVE_ROWS 10

/* what text and markdown add around the options */
typedef struct {
	ReportFlags flags;
	gboolean curve_table; /* the cost-curve table (the chart's data), when no chart is drawn */
	const char *chart;    /* the chart file written, to name it; NULL when none */
} ReportCompareOptions;

/* text and markdown: per service, the options cheapest first (cheapest and current marked),
 * the break-even sentence and utilisation, and the curve table; then the model's total.
 * json: {"currency", "hours", "region", "price_book", "services": [{"name", ..., "options":
 * [{"label", "launch_type", "architecture", "instance_type", "instances", "monthly_cost"}],
 * "break_even_tasks", ...}], "total": {...}}, money as exact decimal dollars.
 * Returns: (transfer full) the document, or NULL with @error set */
GString *report_compare(const PlanModel *model, const PlanCompare *compare, ReportFormat format,
			const ReportCompareOptions *options,
			GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* a gnuplot script (terminal svg, output to standard output, data in inline datablocks) that
 * draws one panel per service: monthly cost against task count, Fargate as lines and EC2 on
 * the break-even type as a staircase, the break-even marked. For report_gnuplot_svg().
 * Returns: (transfer full) */
char *report_compare_chart_script(const PlanModel *model,
				  const PlanCompare *compare) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
