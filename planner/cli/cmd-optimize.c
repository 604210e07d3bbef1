/* ecsplan optimize: the cheapest configuration per service that meets a service level */
#include "cli.h"

#include <stdio.h>

#include "analyse.h"
#include "chart-optimize.h"
#include "cmd-optimize-shard.h"
#include "gnuplot.h"
#include "optimize.h"
#include "parse.h"
#include "plan-error.h"
#include "raster.h"
#include "render-optimize.h"
#include "slo.h"

/* the service level when --slo is not given */
#define CMD_OPTIMIZE_DEFAULT_SLO PLAN_SLO_DEFAULT

typedef struct {
	char *profile;
	PlanCliRunArgs run; /* --duration, --step, --seed, --runs, --threads, --fail-az */
	char *slo;
	char *service;
	char *prices;
	char *patch;
	char *output_model;
	char *chart;
	gboolean allow_outside_files;
	gboolean quiet;
	gboolean verbose;
} CmdOptimizeArgs;

static void
cmd_optimize_args_clear(CmdOptimizeArgs *args)
{
	g_clear_pointer(&args->profile, g_free);
	plan_cli_run_args_clear(&args->run);
	g_clear_pointer(&args->slo, g_free);
	g_clear_pointer(&args->service, g_free);
	g_clear_pointer(&args->prices, g_free);
	g_clear_pointer(&args->patch, g_free);
	g_clear_pointer(&args->output_model, g_free);
	g_clear_pointer(&args->chart, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(CmdOptimizeArgs, cmd_optimize_args_clear)

static gboolean
cmd_optimize_options(const CmdOptimizeArgs *args, PlanOptOptions *options, char **fail_az,
		     GError **error)
{
	PlanCliRun run = {0};

	plan_opt_options_init(options);
	run.duration_s = options->duration_s;
	run.step_s = options->step_s;
	run.runs = 3;
	if (!plan_cli_parse_run(&args->run, 1000, &run, error)) {
		g_free(run.fail_az);
		return FALSE;
	}
	options->duration_s = run.duration_s;
	options->step_s = run.step_s;
	options->seed = run.seed;
	options->runs = run.runs;
	options->threads = run.threads;
	options->profile = args->profile;
	options->service = args->service;
	options->allow_outside_files = args->allow_outside_files;
	*fail_az = run.fail_az;
	options->fail_az = run.fail_az;
	options->fail_at_s = run.fail_at_s;
	return TRUE;
}

/* what pruning saved, on stderr: the figure depends on the sharding, so stdout leaves it out */
static void
cmd_optimize_say_search(const PlanOptResult *result)
{
	double saved = result->n_candidates > 0
			   ? 100.0 * (double)result->n_pruned / (double)result->n_candidates
			   : 0;
	plan_cli_printerr("ecsplan: optimize: %" G_GUINT64_FORMAT " candidates, %" G_GUINT64_FORMAT
			  " simulated, %" G_GUINT64_FORMAT
			  " pruned by the lower bound (%.1f%% of brute force saved)\n",
			  result->n_candidates, result->n_simulated, result->n_pruned, saved);
}

/* 1 when a service has no candidate that meets the level (said on stderr), else 0 */
static int
cmd_optimize_unmet(const PlanOptResult *result)
{
	int status = 0;

	for (guint i = 0; i < result->services->len; i++) {
		const PlanOptServiceResult *s = g_ptr_array_index(result->services, i);
		if (s->found)
			continue;
		plan_cli_printerr("ecsplan: no candidate of service '%s' meets the service level\n",
				  s->name);
		status = 1;
	}
	return status;
}

/* draws the frontier into @chart_file (SVG, or PNG or PDF by its extension); without gnuplot
 * says so once and skips it (the text and JSON carry the same points) */
static gboolean
cmd_optimize_chart(const PlanModel *model, const PlanOptResult *result, const char *chart_file,
		   gboolean quiet, GError **error)
{
	g_autofree char *program = report_gnuplot_find();
	g_autofree char *script = NULL;

	if (program == NULL) {
		if (!quiet)
			plan_cli_printerr("ecsplan: gnuplot is not installed; the chart '%s' was "
					  "skipped (its points are the frontier tables)\n",
					  chart_file);
		return TRUE;
	}
	script = report_chart_optimize_script(model, result);
	return plan_cli_write_chart(script, chart_file, error);
}

int
plan_cmd_optimize(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	g_auto(CmdOptimizeArgs) args = {0};
	g_auto(CmdOptimizeShardArgs) shard_args = {0};
	const GOptionEntry entries[] = {
	    {"slo", 0, 0, G_OPTION_ARG_STRING, &args.slo,
	     "The service level to meet (default " CMD_OPTIMIZE_DEFAULT_SLO
	     "), e.g. unmet<=0.1%,pending<=30m,p95util<=80%,az-loss,spot<=50%",
	     "EXPR"},
	    {"profile", 0, 0, G_OPTION_ARG_STRING, &args.profile,
	     "Load for every service: constant, diurnal, weekly, spike, ramp, or a CSV file",
	     "NAME|FILE"},
	    {"duration", 0, 0, G_OPTION_ARG_STRING, &args.run.duration,
	     "How long each candidate is simulated (default 7d)", "TIME"},
	    {"step", 0, 0, G_OPTION_ARG_STRING, &args.run.step, "Step length (default 60s)", "TIME"},
	    {"runs", 0, 0, G_OPTION_ARG_STRING, &args.run.runs,
	     "Seeds per candidate (default 3); the measures are their mean", "N"},
	    {"seed", 0, 0, G_OPTION_ARG_STRING, &args.run.seed, "The first seed (default 0)", "N"},
	    {"fail-az", 0, 0, G_OPTION_ARG_STRING, &args.run.fail_az,
	     "Lose an AZ at TIME in every run, e.g. us-east-1a@6h (the az-loss term reads it)",
	     "AZ@TIME"},
	    {"threads", 0, 0, G_OPTION_ARG_STRING, &args.run.threads,
	     "Threads (default 0: one per processor); the answer is the same for any count", "N"},
	    {"service", 0, 0, G_OPTION_ARG_STRING, &args.service, "Optimize this service only",
	     "NAME"},
	    PLAN_CLI_PRICES_ENTRY(&args.prices),
	    {"patch", 0, 0, G_OPTION_ARG_FILENAME, &args.patch,
	     "Write the model change as an RFC 6902 JSON patch to FILE", "FILE"},
	    {"output-model", 0, 0, G_OPTION_ARG_FILENAME, &args.output_model,
	     "Write the model with the change applied to FILE", "FILE"},
	    {"chart", 0, 0, G_OPTION_ARG_FILENAME, &args.chart,
	     "Draw each service's frontier, cost against unmet demand, into FILE: SVG, or PNG or "
	     "PDF by its extension (needs gnuplot)",
	     "FILE.svg"},
	    {"allow-outside-files", 0, 0, G_OPTION_ARG_NONE, &args.allow_outside_files,
	     "Let the model's load.file name a file outside the model's folder", NULL},
	    PLAN_CLI_QUIET_ENTRY(&args.quiet, "The answer only: no progress bar and no search "
					      "figures on stderr unless the command fails"),
	    PLAN_CLI_VERBOSE_ENTRY(&args.verbose),
	    CMD_OPTIMIZE_SHARD_ENTRIES(&shard_args), /* --shard, --shards, --merge (o17b) */
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(command, entries, &common, REPORT_OPTIMIZE_FORMATS);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) analysis = NULL;
	g_autoptr(PlanSlo) slo = NULL;
	g_autoptr(PlanOptResult) result = NULL;
	g_autoptr(GString) out = NULL;
	g_autofree char *fail_az = NULL;
	g_autofree char *base_dir = NULL;
	PlanAnalyseOptions analyse = {0};
	PlanOptOptions options;
	ReportOptimizeInfo info = {0};
	ReportFormat format;
	ReportFlags flags;
	PlanCliVerbosity verbosity;
	g_autoptr(PlanCliProgress) progress = NULL;
	CmdOptimizeMode mode = CMD_OPTIMIZE_ONE;
	guint shard_index = 0;
	guint shard_count = 1;
	g_autofree char *shard_source = NULL;

	if (!plan_cli_parse(context, &argc, &argv, CMD_OPTIMIZE_MAX_ARGS, error))
		return -1;
	/* ---- sharding (cmd-optimize-shard.c, docs/optimize.md "Shards and merge") ---- */
	if (!cmd_optimize_shard_mode(&shard_args, argc, argv, common.example != NULL, &mode,
				     &shard_index, &shard_count, &shard_source, error))
		return -1;
	if (mode == CMD_OPTIMIZE_SHARD &&
	    (args.patch != NULL || args.output_model != NULL || args.chart != NULL ||
	     common.format != NULL)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "a shard writes its shard file only; give --patch, --output-model, "
			    "--chart and --format to the --merge");
		return -1;
	}
	/* ---- end of sharding ---- */
	/* paths that cannot be written fail now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (args.patch != NULL && !plan_cli_check_output(args.patch, NULL, error))
		return -1;
	if (args.output_model != NULL && !plan_cli_check_output(args.output_model, NULL, error))
		return -1;
	if (args.chart != NULL && !plan_cli_check_output(args.chart, NULL, error))
		return -1;
	if (!plan_cli_format(&common, REPORT_OPTIMIZE_FORMATS, REPORT_FORMAT_TEXT, &format, error))
		return -1;
	flags = plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;
	if (!plan_cli_verbosity(args.quiet, args.verbose, &verbosity, error))
		return -1;
	if (!plan_cli_check_profile(args.profile, error))
		return -1;
	slo = plan_slo_parse(args.slo != NULL ? args.slo : CMD_OPTIMIZE_DEFAULT_SLO, error);
	if (slo == NULL)
		return -1;
	if (!cmd_optimize_options(&args, &options, &fail_az, error))
		return -1;
	model = plan_cli_load_model(argc > 1 && common.example == NULL ? argv[1] : NULL,
				    common.example, error);
	if (model == NULL)
		return -1;
	/* the book, chosen as every command chooses it */
	analyse.prices_file = args.prices;
	analysis = plan_analyse(model, &analyse, error);
	if (analysis == NULL)
		return -1;
	if (analysis->used == NULL) {
		g_propagate_error(error, g_error_copy(analysis->book_error));
		return -1;
	}
	if (argc > 1 && common.example == NULL && g_strcmp0(argv[1], "-") != 0)
		base_dir = g_path_get_dirname(argv[1]);
	options.base_dir = base_dir;
	options.book = analysis->used;
	options.slo = slo;
	/* on a terminal, once the search takes over a second */
	progress = plan_cli_progress_start("optimizing", verbosity == PLAN_CLI_VERBOSITY_QUIET);
	options.progress = progress != NULL ? plan_cli_progress_update : NULL;
	options.progress_data = progress;
	/* ---- sharding: one shard written, or the shards merged, or the whole search ---- */
	if (mode == CMD_OPTIMIZE_SHARD) {
		g_auto(CmdOptimizeShard) shard = {0};
		gboolean ok;

		options.shard_index = shard_index;
		options.shard_count = shard_count;
		ok = cmd_optimize_shard_run(model, slo, &options, &shard, error);
		g_clear_pointer(&progress, plan_cli_progress_stop);
		if (!ok || !cmd_optimize_shard_finish(&shard, shard_source, common.output,
						      verbosity == PLAN_CLI_VERBOSITY_QUIET, error))
			return -1;
		return 0;
	}
	if (mode == CMD_OPTIMIZE_MERGE) {
		int first = common.example != NULL ? 1 : 2;
		result = cmd_optimize_merge_run(model, slo, &options,
						(const char *const *)argv + first,
						(guint)(argc - first), error);
	} else {
		result = plan_optimize(model, &options, error);
	}
	/* ---- end of sharding ---- */
	g_clear_pointer(&progress, plan_cli_progress_stop);
	if (result == NULL)
		return -1;
	if (verbosity == PLAN_CLI_VERBOSITY_VERBOSE)
		plan_cli_say_inputs(model, analysis);
	if (verbosity != PLAN_CLI_VERBOSITY_QUIET)
		cmd_optimize_say_search(result);

	info.slo = args.slo != NULL ? args.slo : CMD_OPTIMIZE_DEFAULT_SLO;
	info.profile = args.profile;
	info.duration_s = options.duration_s;
	info.step_s = options.step_s;
	info.runs = options.runs;
	info.seed = options.seed;
	info.fail_az = args.run.fail_az;
	info.book = options.book;
	out = report_optimize(model, result, &info, format, flags, error);
	if (out == NULL)
		return -1;
	if (args.patch != NULL &&
	    !plan_cli_write(args.patch, result->patch, strlen(result->patch), error))
		return -1;
	if (args.output_model != NULL &&
	    !plan_cli_write(args.output_model, result->model_text, strlen(result->model_text),
			    error))
		return -1;
	if (args.chart != NULL &&
	    !cmd_optimize_chart(model, result, args.chart, verbosity == PLAN_CLI_VERBOSITY_QUIET,
				error))
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	return cmd_optimize_unmet(result);
}
