/* ecsplan simulate: step a model through a load profile with AWS's scaling rules */
#include "cli.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "analyse.h"
#include "gnuplot.h"
#include "parse.h"
#include "plan-error.h"
#include "raster.h"
#include "render-simulate.h"

typedef struct {
	char *profile;
	PlanCliRunArgs run; /* --duration, --step, --seed, --runs, --threads, --fail-az */
	gboolean allow_outside_files;
	char *timeseries;
	char *charts;
	char *chart_format;
	gboolean quiet;
	gboolean verbose;
} CmdSimulateArgs;

static void
cmd_simulate_args_clear(CmdSimulateArgs *args)
{
	g_clear_pointer(&args->profile, g_free);
	plan_cli_run_args_clear(&args->run);
	g_clear_pointer(&args->timeseries, g_free);
	g_clear_pointer(&args->charts, g_free);
	g_clear_pointer(&args->chart_format, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CmdSimulateArgs, cmd_simulate_args_clear)

/* the time series format from the file's extension */
static gboolean
cmd_simulate_series_format(const char *path, ReportFormat *format, GError **error)
{
	if (g_str_has_suffix(path, ".csv")) {
		*format = REPORT_FORMAT_CSV;
		return TRUE;
	}
	if (g_str_has_suffix(path, ".json")) {
		*format = REPORT_FORMAT_JSON;
		return TRUE;
	}
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
		    "--timeseries '%s': the file must end in .csv or .json", path);
	return FALSE;
}

static gboolean
cmd_simulate_options(const CmdSimulateArgs *args, PlanSimOptions *options, char **fail_az,
		      GError **error)
{
	PlanCliRun run = {0};

	plan_sim_options_init(options);
	run.duration_s = options->duration_s;
	run.step_s = options->step_s;
	run.runs = 1;
	if (!plan_cli_parse_run(&args->run, 100000, &run, error)) {
		g_free(run.fail_az);
		return FALSE;
	}
	options->duration_s = run.duration_s;
	options->step_s = run.step_s;
	options->seed = run.seed;
	options->runs = run.runs;
	options->threads = run.threads;
	options->allow_outside_files = args->allow_outside_files;
	options->profile = args->profile;
	*fail_az = run.fail_az;
	options->fail_az = run.fail_az;
	options->fail_at_s = run.fail_at_s;
	if (args->timeseries != NULL)
		options->series = PLAN_SIM_SERIES_EVERY_STEP;
	else if (args->charts != NULL)
		options->series = PLAN_SIM_SERIES_SAMPLED;
	return TRUE;
}

/* writes every chart into @dir; without gnuplot, says once that they were skipped */
static gboolean
cmd_simulate_charts(const PlanModel *model, const PlanSimResult *result, const char *dir,
		     ReportFormat chart_format, gboolean quiet, GError **error)
{
	g_autofree char *gnuplot = report_gnuplot_find();
	const PlanSimRun *run = plan_sim_result_first(result);
	g_auto(GStrv) stems = report_simulate_chart_stems(result);

	if (gnuplot == NULL) {
		if (!quiet)
			fprintf(stderr, "ecsplan: gnuplot is not installed (Debian package "
					"gnuplot-nox); charts were skipped\n");
		return TRUE;
	}
	if (g_mkdir_with_parents(dir, 0755) != 0) {
		int saved = errno;
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot create the folder '%s': %s",
			    dir, g_strerror(saved));
		return FALSE;
	}
	for (guint s = 0; s < run->services->len; s++) {
		for (guint chart = 0; chart < REPORT_SIM_N_CHARTS; chart++) {
			g_autoptr(GString) script =
			    report_simulate_chart_script(model, result, s, (ReportSimChart)chart);
			g_autofree char *svg_name =
			    report_simulate_chart_file(stems[s], (ReportSimChart)chart);
			/* "NAME.svg" becomes "NAME.png" or "NAME.pdf" */
			g_autofree char *name = g_strdup_printf(
			    "%.*s%s", (int)(strlen(svg_name) - strlen(".svg")), svg_name,
			    report_format_info(chart_format)->extension);
			g_autofree char *path = NULL;
			g_autoptr(GBytes) svg = NULL;
			g_autoptr(GBytes) picture = NULL;
			gsize length = 0;
			const char *data;

			if (script == NULL)
				continue;
			path = g_build_filename(dir, name, NULL);
			svg = report_gnuplot_svg(script->str, REPORT_GNUPLOT_TIMEOUT_MS, error);
			if (svg == NULL) {
				g_prefix_error(error, "chart '%s': ", name);
				return FALSE;
			}
			picture = report_raster_convert(svg, chart_format, error);
			if (picture == NULL) {
				g_prefix_error(error, "chart '%s': ", name);
				return FALSE;
			}
			data = g_bytes_get_data(picture, &length);
			if (!plan_cli_write(path, data, length, error))
				return FALSE;
		}
	}
	return TRUE;
}

int
plan_cmd_simulate(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	g_auto(CmdSimulateArgs) args = {0};
	const GOptionEntry entries[] = {
	    {"profile", 0, 0, G_OPTION_ARG_STRING, &args.profile,
	     "Load for every service: constant, diurnal, weekly, spike, ramp, or a CSV file "
	     "(timestamp,value)",
	     "NAME|FILE"},
	    {"duration", 0, 0, G_OPTION_ARG_STRING, &args.run.duration,
	     "How long to simulate (default 7d; units s, m, h, d, w)", "TIME"},
	    {"step", 0, 0, G_OPTION_ARG_STRING, &args.run.step,
	     "Step length (default 60s); divides a minute or is whole minutes", "TIME"},
	    {"seed", 0, 0, G_OPTION_ARG_STRING, &args.run.seed,
	     "Seed of the load noise (default 0); run r uses SEED + r", "N"},
	    {"runs", 0, 0, G_OPTION_ARG_STRING, &args.run.runs,
	     "Runs with successive seeds, in parallel; reports percentiles across them", "N"},
	    {"threads", 0, 0, G_OPTION_ARG_STRING, &args.run.threads,
	     "Threads for --runs (default 0: one per processor)", "N"},
	    {"allow-outside-files", 0, 0, G_OPTION_ARG_NONE, &args.allow_outside_files,
	     "Let the model's load.file name a file outside the model's folder", NULL},
	    {"fail-az", 0, 0, G_OPTION_ARG_STRING, &args.run.fail_az,
	     "Lose an AZ's tasks, instances and NAT gateways at TIME, e.g. us-east-1a@6h",
	     "AZ@TIME"},
	    {"timeseries", 0, 0, G_OPTION_ARG_FILENAME, &args.timeseries,
	     "Write every step of the first run to FILE (.csv or .json)", "FILE"},
	    {"charts", 0, 0, G_OPTION_ARG_FILENAME, &args.charts,
	     "Write SVG charts (demand, tasks, utilization) per service into DIR (gnuplot)", "DIR"},
	    {"chart-format", 0, 0, G_OPTION_ARG_STRING, &args.chart_format,
	     "Format of the --charts files: svg (default), png or pdf", "FMT"},
	    PLAN_CLI_QUIET_ENTRY(&args.quiet, "The results only: no progress bar and no notes on "
					      "stderr unless the command fails"),
	    PLAN_CLI_VERBOSE_ENTRY(&args.verbose),
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(command, entries, &common, REPORT_SIMULATE_FORMATS);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) analysis = NULL;
	const PlanSimResult *result;
	g_autoptr(GString) out = NULL;
	g_autofree char *fail_az = NULL;
	PlanAnalyseOptions analyse = {.parts = PLAN_ANALYSE_SIMULATE};
	PlanSimOptions *options = &analyse.simulate;
	ReportFormat format;
	ReportFormat series_format = REPORT_FORMAT_CSV;
	ReportFormat chart_format = REPORT_FORMAT_SVG;
	ReportFlags flags;
	PlanCliVerbosity verbosity;
	g_autoptr(PlanCliProgress) progress = NULL;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (args.timeseries != NULL && !plan_cli_check_output(args.timeseries, NULL, error))
		return -1;
	if (args.charts != NULL && !plan_cli_check_output_dir(args.charts, error))
		return -1;
	if (!plan_cli_format(&common, REPORT_SIMULATE_FORMATS, REPORT_FORMAT_TEXT, &format, error))
		return -1;
	if (args.chart_format != NULL &&
	    !report_format_parse(args.chart_format,
				 REPORT_FORMAT_MASK(REPORT_FORMAT_SVG) | REPORT_RASTER_FORMATS,
				 &chart_format, error))
		return -1;
	flags = plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;
	if (!plan_cli_verbosity(args.quiet, args.verbose, &verbosity, error))
		return -1;
	if (!plan_cli_check_profile(args.profile, error))
		return -1;
	if (!cmd_simulate_options(&args, options, &fail_az, error))
		return -1;
	if (args.timeseries != NULL &&
	    !cmd_simulate_series_format(args.timeseries, &series_format, error))
		return -1;
	/* on a terminal, once the run takes over a second */
	progress = plan_cli_progress_start("simulating", verbosity == PLAN_CLI_VERBOSITY_QUIET);
	model = plan_cli_load_model(argc > 1 ? argv[1] : NULL, common.example, error);
	if (model == NULL)
		return -1;

	/* the runs report blocks of steps: the bar advances */
	options->progress = progress != NULL ? plan_cli_progress_update : NULL;
	options->progress_data = progress;
	analysis = plan_analyse(model, &analyse, error);
	g_clear_pointer(&progress, plan_cli_progress_stop);
	if (analysis == NULL)
		return -1;
	if (verbosity == PLAN_CLI_VERBOSITY_VERBOSE)
		plan_cli_say_inputs(model, analysis);
	result = analysis->simulation;

	out = report_simulate(model, result, format, flags, error);
	if (out == NULL)
		return -1;
	if (args.timeseries != NULL) {
		g_autoptr(GString) series = report_simulate_series(result, series_format, error);
		if (series == NULL ||
		    !plan_cli_write(args.timeseries, series->str, series->len, error))
			return -1;
	}
	if (args.charts != NULL &&
	    !cmd_simulate_charts(model, result, args.charts, chart_format,
				 verbosity == PLAN_CLI_VERBOSITY_QUIET, error))
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	return plan_cli_missing_prices(analysis->missing_prices,
				       plan_price_book_region(analysis->used));
}
