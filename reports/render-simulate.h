/* ecsplan: the report, time series and chart scripts of `ecsplan simulate` */
#pragma once

#include <glib.h>

#include "render.h"
#include "simulate.h"

G_BEGIN_DECLS

#define REPORT_SIMULATE_FORMATS                                                                    \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_TEXT) | REPORT_FORMAT_MASK(REPORT_FORMAT_JSON))
#define REPORT_SIMULATE_SERIES_FORMATS                                                             \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_CSV) | REPORT_FORMAT_MASK(REPORT_FORMAT_JSON))

/* formats: text, json. Returns: (transfer full) */
GString *report_simulate(const PlanModel *model, const PlanSimResult *result, ReportFormat format,
			 ReportFlags flags, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* the first run's time series: csv (time_s,service,demand,desired,running,pending,utilization)
 * or json. Fails when the run kept no series. Returns: (transfer full) */
GString *report_simulate_series(const PlanSimResult *result, ReportFormat format,
				GError **error) G_GNUC_WARN_UNUSED_RESULT;

typedef enum {
	REPORT_SIM_CHART_DEMAND,      /* demand and the capacity of the running tasks */
	REPORT_SIM_CHART_TASKS,	      /* desired, running and pending tasks; instances on EC2 */
	REPORT_SIM_CHART_UTILIZATION, /* utilization and the target */
	REPORT_SIM_N_CHARTS,
} ReportSimChart;

/* "demand", "tasks", "utilization": the file is SERVICE-NAME.svg */
const char *report_simulate_chart_name(ReportSimChart chart);
/* the longest stem of a chart file name: "STEM-utilization.svg" stays far under NAME_MAX */
#define REPORT_SIM_CHART_STEM_MAX 64
/* one stem per service of the first run: the name as [a-z0-9-], cut to
 * REPORT_SIM_CHART_STEM_MAX, made unique with -2, -3, ... in service order */
char **report_simulate_chart_stems(const PlanSimResult *result) G_GNUC_WARN_UNUSED_RESULT;
/* "STEM-CHART.svg", @stem from report_simulate_chart_stems() */
char *report_simulate_chart_file(const char *stem, ReportSimChart chart) G_GNUC_WARN_UNUSED_RESULT;
/* the gnuplot script (SVG on standard output, data inline) of @chart for service @index of the
 * first run. Returns: (transfer full), or NULL when the run kept no series */
GString *report_simulate_chart_script(const PlanModel *model, const PlanSimResult *result,
				      guint index, ReportSimChart chart) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
