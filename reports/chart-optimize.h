/* ecsplan: the frontier of `ecsplan optimize` as a chart, drawn by gnuplot */
#pragma once

#include <glib.h>

#include "model.h"
#include "optimize.h"

G_BEGIN_DECLS

/* A gnuplot script for report_gnuplot_svg(): per service, its frontier as a line of points,
 * monthly cost (x, USD) against unmet demand (y, percent of the requests), ending at the
 * cheapest candidate that meets the service level (a filled point). The SVG has a fixed size
 * (720 × 480 px), the font DejaVu Sans 10 and no timestamp, so the same result gives the same
 * bytes; service names reach gnuplot only as quoted strings with enhanced text off.
 * Returns: (transfer full) */
char *report_chart_optimize_script(const PlanModel *model,
				   const PlanOptResult *result) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
