/* ecsplan: the report folder of `ecsplan report` — report.md, report.html, the diagram, the
 * charts, cost.json and the time series — rendered in memory from finished results */
#pragma once

#include <glib.h>

#include "analyse.h"
#include "diagram-layout.h"
#include "file-set.h"
#include "render.h"
#include "report-doc.h"
#include "report-optimize.h"

G_BEGIN_DECLS

#define REPORT_REPORT_FORMATS REPORT_FORMAT_MASK(REPORT_FORMAT_MARKDOWN)

/* what the report is made of (a plain record; everything borrowed) */
typedef struct {
	const PlanModel *model;		  /* linked and validated */
	const PlanSummary *summary;	  /* the counts plan_analyse worked out */
	GPtrArray *diagnostics;		  /* the findings as `validate` lists them, sorted: the
					   * diagram's markers are their numbers */
	const PlanValidation *validation; /* the per-subnet address use */
	const ReportDiagram *diagram;	  /* the layout `ecsplan diagram` draws */
	const PlanCost *cost;		  /* nullable: no price book for the region */
	const char *cost_missing;	  /* why there is no cost */
	const PlanCompare *compare;	  /* nullable: Fargate against EC2 */
	const PlanSimResult *simulation;  /* nullable: no --profile; kept every step */
	const char *profile;		  /* the --profile given (a shape or a CSV file) */
	/* nullable: no --optimize; then the Optimization section and its chart are left out */
	const PlanOptResult *optimization;
	const GArray *optimization_models; /* PlanOptPoint: the services as the model has them */
	const ReportOptimizeInfo *optimize_info;
	const char *date;		  /* nullable: the day the report says it was made
					   * (YYYY-MM-DD); --date, for reproducible output */
	/* nullable: the charts are being drawn while the report is rendered (gnuplot started
	 * first); report.html calls this when it reaches the first chart, and every chart's
	 * drawn and svg are read only after it returned TRUE */
	ReportDocWaitFunc charts_wait;
	gpointer charts_wait_data;
} ReportReportInput;

typedef enum {
	REPORT_REPORT_CHART_COST,	/* cost by category (chart-cost.h) */
	REPORT_REPORT_CHART_COMPARE,	/* Fargate against EC2 by task count (render-compare.h) */
	REPORT_REPORT_CHART_SIMULATION, /* one of a service's simulator charts (render-simulate.h)
					 */
	REPORT_REPORT_CHART_OPTIMIZE,	/* the frontiers of --optimize (chart-optimize.h) */
} ReportReportChartKind;

/* a chart of the report: the script to draw it, and then the picture (a plain record) */
typedef struct {
	ReportReportChartKind kind;
	guint service;	 /* SIMULATION: the service's index in the run */
	guint sim_chart; /* SIMULATION: a ReportSimChart */
	char *file;	 /* its file in the folder: "cost-by-category.svg", "compare.svg", ... */
	char *caption;
	char *script;	/* for report_gnuplot_svg() */
	gboolean drawn; /* the caller drew it (report.md then links @file) */
	GBytes *svg;	/* the picture; report.html needs it for every chart drawn */
} ReportReportChart;

void report_report_chart_free(ReportReportChart *chart);

/* the charts @input has data for, each with its gnuplot script, not drawn yet. File names
 * are unique and never one of the report's other files.
 * Returns: (transfer full) (element-type ReportReportChart) */
GPtrArray *report_report_charts(const ReportReportInput *input) G_GNUC_WARN_UNUSED_RESULT;

/* @charts: (element-type ReportReportChart) from report_report_charts(), drawn or not.
 * @charts_missing (nullable): why the charts that were not drawn were not (said where each
 * would have been) */

/* report.md alone. Returns: (transfer full) */
GString *report_report_markdown(const ReportReportInput *input, GPtrArray *charts,
				const char *charts_missing) G_GNUC_WARN_UNUSED_RESULT;

/* every file of the folder: report.md, report.html, diagram.svg, the charts that were drawn,
 * cost.json (with a cost) and timeseries.csv (with a simulation).
 * Returns: (transfer full), or NULL with @error set when a part cannot be rendered */
ReportFileSet *report_report_files(const ReportReportInput *input, GPtrArray *charts,
				   const char *charts_missing,
				   GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
