/* ecsplan report: the diagram, findings, subnets, cost, Fargate or EC2 and (with a profile) a
 * simulation, as a folder with report.md, one self-contained report.html, the SVGs, cost.json
 * and timeseries.csv. Everything is rendered in memory first and the folder replaced only when
 * all of it succeeded (report_file_set_write_dir), so a failure leaves the last report as it
 * was. docs/report.md describes the folder. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "analyse.h"
#include "diagram-layout.h"
#include "gnuplot.h"
#include "parse.h"
#include "plan-error.h"
#include "render-report.h"
#include "slo.h"

#define PLAN_REPORT_DEFAULT_DIR "ecsplan-report"

typedef struct {
	char *output;
	char *example;
	char *format;
	char *profile;
	char *prices;
	char *hours;
	char *date;
	gboolean optimize;  /* --optimize given */
	char *slo;	    /* its =SLO, or NULL for PLAN_SLO_DEFAULT */
	char *runs;	    /* with --optimize */
	char *duration;
	char *seed;
	gboolean quiet;
	gboolean verbose;
} CmdReportArgs;

static void
cmd_report_args_clear(CmdReportArgs *args)
{
	g_clear_pointer(&args->output, g_free);
	g_clear_pointer(&args->example, g_free);
	g_clear_pointer(&args->format, g_free);
	g_clear_pointer(&args->profile, g_free);
	g_clear_pointer(&args->prices, g_free);
	g_clear_pointer(&args->hours, g_free);
	g_clear_pointer(&args->date, g_free);
	g_clear_pointer(&args->slo, g_free);
	g_clear_pointer(&args->runs, g_free);
	g_clear_pointer(&args->duration, g_free);
	g_clear_pointer(&args->seed, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CmdReportArgs, cmd_report_args_clear)

/* everything the report is made of; the input record borrows from here */
typedef struct {
	PlanResult *analysis;
	ReportDiagram *diagram;
	char *cost_missing;
	PlanSlo *slo;		      /* --optimize */
	ReportOptimizeInfo opt_info;  /* --optimize: borrows from the args and the analysis */
} CmdReportResults;

static void
cmd_report_results_clear(CmdReportResults *results)
{
	g_clear_pointer(&results->cost_missing, g_free);
	g_clear_pointer(&results->diagram, report_diagram_free);
	g_clear_pointer(&results->analysis, plan_result_free);
	g_clear_pointer(&results->slo, plan_slo_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CmdReportResults, cmd_report_results_clear)

/* --optimize[=SLO]: the option's callback (GOption passes no record to a main-group callback,
 * so the arguments being parsed are reached through this; one parse at a time) */
static CmdReportArgs *cmd_report_parsing;

static gboolean
cmd_report_optimize_arg(const char *name, const char *value, gpointer data, GError **error)
{
	(void)name;
	(void)data;
	(void)error;
	cmd_report_parsing->optimize = TRUE;
	g_free(cmd_report_parsing->slo);
	cmd_report_parsing->slo = value != NULL && value[0] != '\0' ? g_strdup(value) : NULL;
	return TRUE;
}

/* the search's options: the service level, the report's --profile, --runs, --duration, --seed
 * (optimize's defaults otherwise: 3 seeds from 0, 7 days, 60 s steps) */
static gboolean
cmd_report_optimize_options(const CmdReportArgs *args, const char *base_dir,
			    CmdReportResults *results, PlanAnalyseOptions *options, GError **error)
{
	PlanOptOptions *opt = &options->optimize;
	PlanCliRunArgs typed = {.duration = args->duration, .seed = args->seed, .runs = args->runs};
	PlanCliRun run = {0};

	plan_opt_options_init(opt);
	results->slo = plan_slo_parse(args->slo != NULL ? args->slo : PLAN_SLO_DEFAULT, error);
	if (results->slo == NULL)
		return FALSE;
	run.duration_s = opt->duration_s;
	run.step_s = opt->step_s;
	run.runs = 3;
	if (!plan_cli_parse_run(&typed, 1000, &run, error))
		return FALSE;
	opt->duration_s = run.duration_s;
	opt->runs = run.runs;
	opt->seed = run.seed;
	opt->profile = args->profile;
	opt->base_dir = base_dir;
	opt->slo = results->slo;
	options->parts |= PLAN_ANALYSE_OPTIMIZE;
	results->opt_info.slo = args->slo != NULL ? args->slo : PLAN_SLO_DEFAULT;
	results->opt_info.profile = args->profile;
	results->opt_info.duration_s = opt->duration_s;
	results->opt_info.step_s = opt->step_s;
	results->opt_info.runs = opt->runs;
	results->opt_info.seed = opt->seed;
	return TRUE;
}

/* one analysis: validation always; cost and compare when there is a book (--prices FILE, else
 * the built-in book of the model's region: without either the report is still written, without
 * cost, and says why); a simulation with --profile */
static gboolean
cmd_report_analyse(PlanModel *model, const CmdReportArgs *args, const char *model_path,
		    PlanCliProgress *progress, CmdReportResults *results, GError **error)
{
	g_autofree char *base_dir = model_path != NULL ? g_path_get_dirname(model_path) : NULL;
	PlanAnalyseOptions options = {
	    .parts = PLAN_ANALYSE_VALIDATE | PLAN_ANALYSE_COST | PLAN_ANALYSE_COMPARE,
	    .prices_file = args->prices,
	    .prices_optional = TRUE,
	};

	if (!plan_cli_parse_hours(args->hours, &options.cost.hours, &options.cost.hours_given,
				  error))
		return FALSE;
	/* the comparison's month is the cost's (set only when --hours is given) */
	if (options.cost.hours_given)
		options.compare.hours = options.cost.hours;
	if (args->profile != NULL) {
		options.parts |= PLAN_ANALYSE_SIMULATE;
		plan_sim_options_init(&options.simulate);
		options.simulate.profile = args->profile;
		options.simulate.series = PLAN_SIM_SERIES_EVERY_STEP; /* timeseries.csv */
		options.simulate.base_dir = base_dir;
		/* the simulation is the long part: the bar follows its runs */
		options.simulate.progress = progress != NULL ? plan_cli_progress_update : NULL;
		options.simulate.progress_data = progress;
	}
	if (args->optimize && !cmd_report_optimize_options(args, base_dir, results, &options, error))
		return FALSE;
	results->analysis = plan_analyse(model, &options, error);
	if (results->analysis == NULL)
		return FALSE;
	if (results->analysis->used == NULL)
		results->cost_missing =
		    g_strdup_printf("the built-in price book has no region '%s'; give one with "
				    "--prices FILE",
				    model->region != NULL ? model->region : "");
	/* the findings as `validate` lists them, numbered as `diagram` marks them */
	if (results->analysis->optimization != NULL)
		results->opt_info.book = results->analysis->used;
	results->diagram = report_diagram_layout_with(
	    model, results->analysis->diagnostics, results->analysis->validation,
	    results->analysis->compute, &(ReportDiagramOptions){.no_findings_list = TRUE});
	return TRUE;
}

/* ---- charts: every gnuplot at once, each on a thread of its own ------------------------------ */

typedef struct {
	ReportReportChart *chart;
	GError *error;
} PlanReportDraw;

static void
cmd_report_draw_one(gpointer data, gpointer user_data)
{
	PlanReportDraw *draw = data;

	draw->chart->svg =
	    report_gnuplot_svg(draw->chart->script, REPORT_GNUPLOT_TIMEOUT_MS, &draw->error);
	draw->chart->drawn = draw->chart->svg != NULL;
}

/* the charts being drawn: gnuplot starts before the rest of the report is rendered and is
 * joined when report.html reaches the first chart (or at the end), so its 0.1-0.3 s per chart
 * run beside the diagram, the tables and report.html's first part instead of before them */
typedef struct {
	GPtrArray *charts; /* borrowed */
	PlanReportDraw *draws;
	GThreadPool *pool; /* NULL once joined */
	GError *error;	   /* the first chart that failed, in report order */
} CmdReportDrawing;

/* waits for every chart (ReportDocWaitFunc); again, returns the same answer at once */
static gboolean
cmd_report_draw_wait(gpointer data, GError **error)
{
	CmdReportDrawing *drawing = data;

	if (drawing->pool != NULL) {
		g_thread_pool_free(g_steal_pointer(&drawing->pool), FALSE, TRUE);
		for (guint i = 0; i < drawing->charts->len; i++) {
			if (drawing->draws[i].error != NULL && drawing->error == NULL)
				g_propagate_prefixed_error(&drawing->error,
							   g_steal_pointer(&drawing->draws[i].error),
							   "cannot draw '%s': ",
							   drawing->draws[i].chart->file);
			g_clear_error(&drawing->draws[i].error);
		}
	}
	if (drawing->error != NULL) {
		if (error != NULL)
			*error = g_error_copy(drawing->error);
		return FALSE;
	}
	return TRUE;
}

static void
cmd_report_drawing_free(CmdReportDrawing *drawing)
{
	if (drawing == NULL)
		return;
	cmd_report_draw_wait(drawing, NULL);
	g_clear_error(&drawing->error);
	g_free(drawing->draws);
	g_free(drawing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CmdReportDrawing, cmd_report_drawing_free)

/* starts drawing @charts (borrowed: they must outlive the drawing), as many gnuplots at once
 * as there are processors. Returns: (transfer full), or NULL with @error set */
static CmdReportDrawing *
cmd_report_draw_start(GPtrArray *charts, GError **error)
{
	g_autoptr(CmdReportDrawing) drawing = g_new0(CmdReportDrawing, 1);
	g_autoptr(GError) pool_error = NULL;

	drawing->charts = charts;
	drawing->draws = g_new0(PlanReportDraw, MAX(charts->len, 1u));
	if (charts->len == 0)
		return g_steal_pointer(&drawing);
	drawing->pool = g_thread_pool_new(cmd_report_draw_one, NULL,
					  (gint)MIN(charts->len, MAX(g_get_num_processors(), 2u)),
					  FALSE, &pool_error);
	if (drawing->pool == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot start threads: %s",
			    pool_error->message);
		return NULL;
	}
	for (guint i = 0; i < charts->len; i++) {
		drawing->draws[i].chart = g_ptr_array_index(charts, i);
		g_thread_pool_push(drawing->pool, &drawing->draws[i], NULL);
	}
	return g_steal_pointer(&drawing);
}

/* the day the report says it was made: --date (YYYY-MM-DD, a real day), else
 * $SOURCE_DATE_EPOCH (reproducible-builds.org), else today in UTC.
 * Returns: (transfer full) "2026-12-01", or NULL with @error set (exit 2) */
static char *
cmd_report_date(const char *given, GError **error)
{
	const char *epoch = g_getenv("SOURCE_DATE_EPOCH");
	g_autoptr(GDateTime) day = NULL;

	if (given != NULL) {
		g_autofree char *midnight = g_strconcat(given, "T00:00:00Z", NULL);
		day = strlen(given) == 10 ? g_date_time_new_from_iso8601(midnight, NULL) : NULL;
		if (day == NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "invalid --date '%s'; use YYYY-MM-DD, e.g. 2026-12-01", given);
			return NULL;
		}
	} else if (epoch != NULL && epoch[0] != '\0') {
		guint64 seconds = 0;
		if (!g_ascii_string_to_unsigned(epoch, 10, 0, G_MAXINT64, &seconds, NULL) ||
		    (day = g_date_time_new_from_unix_utc((gint64)seconds)) == NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
				    "invalid SOURCE_DATE_EPOCH '%s'; use seconds since 1970", epoch);
			return NULL;
		}
	} else {
		day = g_date_time_new_now_utc();
	}
	return g_date_time_format(day, "%Y-%m-%d");
}

/* "wrote ecsplan-report/: report.md, report.html, ..." */
static void
cmd_report_print_written(const char *dir, const ReportFileSet *files)
{
	GString *line = g_string_new(NULL);

	g_string_append_printf(line, "wrote %s%s:", dir, g_str_has_suffix(dir, "/") ? "" : "/");
	for (guint i = 0; i < report_file_set_n_files(files); i++)
		g_string_append_printf(line, "%s %s", i > 0 ? "," : "",
				       report_file_set_name(files, i));
	g_string_append_c(line, '\n');
	plan_cli_print("%s", line->str);
	g_string_free(line, TRUE);
}

/* the folder above the report: when it exists, @dir must be ours to replace (an earlier
 * report) or new; when it does not, it is created at the end (`mkdir -p`, as for -o FILE), so
 * the nearest folder above it must be one ecsplan may write in */
static gboolean
cmd_report_check_dir(const char *dir, GError **error)
{
	g_autofree char *parent = g_path_get_dirname(dir);

	if (dir[0] != '\0' && g_file_test(parent, G_FILE_TEST_EXISTS) &&
	    !g_file_test(parent, G_FILE_TEST_IS_DIR)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "cannot write '%s': '%s' is a file, not a folder", dir, parent);
		return FALSE;
	}
	if (dir[0] != '\0' && !g_file_test(parent, G_FILE_TEST_EXISTS) &&
	    !g_file_test(parent, G_FILE_TEST_IS_SYMLINK))
		return plan_cli_check_output_dir(parent, error);
	return report_file_set_check_dir(dir, error);
}

/* creates the folders above @dir, writes the report into it, and removes the folders again
 * when writing fails */
static gboolean
cmd_report_write(const ReportFileSet *files, const char *dir, GError **error)
{
	g_autofree char *created = NULL;

	if (!plan_cli_make_parents(dir, &created, error))
		return FALSE;
	if (report_file_set_write_dir(files, dir, error))
		return TRUE;
	plan_cli_remove_created(dir, created);
	return FALSE;
}

/* the exit status, and on stderr why when it is 1; the model's errors are a note unless they
 * fail the command (--quiet leaves notes out) */
static int
cmd_report_status(const PlanModel *model, const CmdReportResults *results, PlanCliFailOn fail_on,
		  gboolean quiet)
{
	const PlanResult *analysis = results->analysis;
	int status = plan_cli_fail_status(analysis->diagnostics, fail_on);

	if (!quiet || status != 0)
		plan_cli_say_findings(model->file, analysis->diagnostics);
	return MAX(status, plan_cli_missing_prices(analysis->missing_prices,
						   analysis->used != NULL
						       ? plan_price_book_region(analysis->used)
						       : NULL));
}

int
plan_cmd_report(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(CmdReportArgs) args = {0};
	g_autofree char *fail_on_text = NULL;
	PlanCliFailOn fail_on = PLAN_CLI_FAIL_ON_ERROR;
	const GOptionEntry entries[] = {
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output,
	     "Write the report into DIR (default ./ecsplan-report/; missing folders are created), "
	     "replacing an earlier report there only once every file is ready",
	     "DIR"},
	    {"example", 0, 0, G_OPTION_ARG_STRING, &args.example,
	     "Use a built-in example model instead of MODEL", "NAME"},
	    {"profile", 0, 0, G_OPTION_ARG_STRING, &args.profile,
	     "Add a 7-day simulation under this load: constant, diurnal, weekly, spike, ramp, or "
	     "a CSV file (timestamp,value)",
	     "NAME|FILE"},
	    PLAN_CLI_PRICES_ENTRY(&args.prices),
	    {"hours", 0, 0, G_OPTION_ARG_STRING, &args.hours,
	     "Hours in the month (default 730) for the cost and the comparison", "N"},
	    {"date", 0, 0, G_OPTION_ARG_STRING, &args.date,
	     "The day the report says it was made (default today, UTC; or $SOURCE_DATE_EPOCH), "
	     "for reproducible output",
	     "YYYY-MM-DD"},
	    {"optimize", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK,
	     (gpointer)cmd_report_optimize_arg,
	     "Add an Optimization section: per service the cheapest configuration that meets "
	     "the service level SLO (default " PLAN_SLO_DEFAULT "; as optimize --slo), the "
	     "saving against the model, the frontier chart and the patch (the search takes time)",
	     "SLO"},
	    {"runs", 0, 0, G_OPTION_ARG_STRING, &args.runs,
	     "With --optimize: seeds per candidate (default 3)", "N"},
	    {"duration", 0, 0, G_OPTION_ARG_STRING, &args.duration,
	     "With --optimize: how long each candidate is simulated (default 7d)", "TIME"},
	    {"seed", 0, 0, G_OPTION_ARG_STRING, &args.seed,
	     "With --optimize: the first seed (default 0)", "N"},
	    {"fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_text,
	     "Exit 1 (the report is still written) when a finding is at least this severe: "
	     "error (default), warning, note or none",
	     "SEVERITY"},
	    {"format", 'f', 0, G_OPTION_ARG_STRING, &args.format,
	     "Print report.md to standard output and write nothing (md); it links the charts "
	     "as the folder would hold them, without running gnuplot",
	     "md"},
	    PLAN_CLI_QUIET_ENTRY(&args.quiet,
				 "Write the report and print nothing (no file list, progress or notes) "
				 "unless the command fails"),
	    PLAN_CLI_VERBOSE_ENTRY(&args.verbose),
	    {NULL},
	};
	g_autoptr(GOptionContext) context = plan_cli_context_new(command, entries, NULL, 0);
	g_autoptr(PlanModel) model = NULL;
	g_auto(CmdReportResults) results = {0};
	g_autoptr(GPtrArray) charts = NULL;
	/* after @charts: freed (joined) before them */
	g_autoptr(CmdReportDrawing) drawing = NULL;
	g_autoptr(ReportFileSet) files = NULL;
	const char *model_path;
	const char *dir;
	const char *charts_missing = NULL;
	g_autofree char *date = NULL;
	ReportReportInput input = {0};
	ReportFormat format = REPORT_FORMAT_HTML;
	g_autoptr(PlanCliProgress) progress = NULL;
	PlanCliVerbosity verbosity;
	gboolean quiet;
	int status;

	/* GOption gives an optional value the next argument when it does not start with '-', so
	 * `--optimize MODEL` would read MODEL as the level: a bare --optimize takes none (the
	 * level is given only as --optimize=SLO) */
	for (int i = 1; i < argc && g_strcmp0(argv[i], "--") != 0; i++)
		if (g_strcmp0(argv[i], "--optimize") == 0)
			argv[i] = (char *)"--optimize=";
	cmd_report_parsing = &args;
	if (!plan_cli_parse(context, &argc, &argv, 1, error)) {
		cmd_report_parsing = NULL;
		return -1;
	}
	cmd_report_parsing = NULL;
	if (!args.optimize && (args.runs != NULL || args.duration != NULL || args.seed != NULL)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--runs, --duration and --seed set the search of --optimize; give "
			    "--optimize too");
		return -1;
	}
	if (fail_on_text != NULL && !plan_cli_fail_on_parse(fail_on_text, &fail_on, error))
		return -1;
	if (args.format != NULL &&
	    !report_format_parse(args.format, REPORT_REPORT_FORMATS, &format, error))
		return -1;
	if (args.format != NULL && args.output != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--format md prints report.md to standard output; it does not take -o");
		return -1;
	}
	date = cmd_report_date(args.date, error);
	if (date == NULL)
		return -1;
	dir = args.output != NULL ? args.output : PLAN_REPORT_DEFAULT_DIR;
	/* a folder that is not ours to replace fails now, before any work (exit 2);
	 * `report -o reports/2026/api` creates reports/2026 at the end, as `mkdir -p` would */
	if (args.format == NULL && !cmd_report_check_dir(dir, error))
		return -1;
	if (!plan_cli_check_profile(args.profile, error))
		return -1;
	if (!plan_cli_verbosity(args.quiet, args.verbose, &verbosity, error))
		return -1;
	quiet = verbosity == PLAN_CLI_VERBOSITY_QUIET;
	/* reading, analysis and charts: a line on a terminal once it takes over a second */
	progress = plan_cli_progress_start("writing the report", quiet);
	model_path = argc > 1 ? argv[1] : NULL;
	model = plan_cli_load_model(model_path, args.example, error);
	if (model == NULL)
		return -1;
	if (!cmd_report_analyse(model, &args, model_path, progress, &results, error))
		return -1;
	/* without a book the search cannot price a candidate: the report is still written */
	if (args.optimize && results.analysis->optimization == NULL && !quiet)
		fprintf(stderr, "ecsplan: %s; the report has no Optimization section\n",
			results.cost_missing != NULL ? results.cost_missing : "no price book");
	if (verbosity == PLAN_CLI_VERBOSITY_VERBOSE) {
		g_clear_pointer(&progress, plan_cli_progress_stop);
		plan_cli_say_inputs(model, results.analysis);
	}

	input.model = model;
	input.summary = &results.analysis->summary;
	input.diagnostics = results.analysis->diagnostics;
	input.validation = results.analysis->validation;
	input.diagram = results.diagram;
	input.cost = results.analysis->cost;
	input.cost_missing = results.cost_missing;
	input.compare = results.analysis->compare;
	input.simulation = results.analysis->simulation;
	input.profile = args.profile;
	input.optimization = results.analysis->optimization;
	input.optimization_models = results.analysis->optimization_models;
	input.optimize_info = &results.opt_info;
	input.date = date;
	charts = report_report_charts(&input);

	if (format == REPORT_FORMAT_MARKDOWN) {
		g_autoptr(GString) markdown = NULL;
		for (guint i = 0; i < charts->len; i++)
			((ReportReportChart *)g_ptr_array_index(charts, i))->drawn = TRUE;
		markdown = report_report_markdown(&input, charts, NULL);
		g_clear_pointer(&progress, plan_cli_progress_stop);
		if (!plan_cli_write(NULL, markdown->str, markdown->len, error))
			return -1;
		return cmd_report_status(model, &results, fail_on, quiet);
	}

	if (charts->len > 0) {
		g_autofree char *gnuplot = report_gnuplot_find();
		if (gnuplot == NULL) {
			charts_missing = "gnuplot is not installed";
			g_clear_pointer(&progress, plan_cli_progress_stop);
			if (!quiet)
				fprintf(stderr, "ecsplan: gnuplot is not installed (Debian package "
						"gnuplot-nox); the report has no charts\n");
		} else {
			drawing = cmd_report_draw_start(charts, error);
			if (drawing == NULL)
				return -1;
			input.charts_wait = cmd_report_draw_wait;
			input.charts_wait_data = drawing;
		}
	}
	files = report_report_files(&input, charts, charts_missing, error);
	if (files == NULL)
		return -1;
	if (!cmd_report_write(files, dir, error))
		return -1;
	g_clear_pointer(&progress, plan_cli_progress_stop);
	if (!quiet)
		cmd_report_print_written(dir, files);
	status = cmd_report_status(model, &results, fail_on, quiet);
	return status;
}
