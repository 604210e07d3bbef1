/* ecsplan compare: Fargate x86_64, arm64, Spot and the cheapest EC2 types, per service and for
 * the model, the break-even task count, and a chart through gnuplot */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "analyse.h"
#include "gnuplot.h"
#include "plan-error.h"
#include "raster.h"
#include "render-compare.h"

/* draws the chart into @chart_file. FALSE with @error set when gnuplot fails; TRUE with
 * *@drawn FALSE when gnuplot is not installed (said once on stderr: the report then carries
 * the table of the same points) */
static gboolean
cmd_compare_chart(const PlanModel *model, const PlanCompare *compare, const char *chart_file,
		   ReportFormat format, gboolean quiet, gboolean *drawn, GError **error)
{
	g_autofree char *program = report_gnuplot_find();
	g_autofree char *script = NULL;

	*drawn = FALSE;
	if (program == NULL) {
		if (quiet)
			return TRUE;
		plan_cli_printerr("ecsplan: gnuplot is not installed; the chart '%s' was skipped%s\n",
			chart_file,
			format == REPORT_FORMAT_JSON
			    ? ""
			    : " (its data is in the report's cost tables)");
		return TRUE;
	}
	script = report_compare_chart_script(model, compare);
	if (!plan_cli_write_chart(script, chart_file, error))
		return FALSE;
	*drawn = TRUE;
	return TRUE;
}

/* --term 1y|3y and --payment no|partial|all: the commitments to list. One given alone keeps
 * every value of the other; neither: 0 (plan_compare's default, 1y no upfront and 3y all
 * upfront) */
static gboolean
cmd_compare_commits(const char *term, const char *payment, guint *commits, GError **error)
{
	static const char *const terms[PLAN_N_TERMS] = {"1y", "3y"};
	static const char *const payments[PLAN_N_UPFRONTS] = {"no", "partial", "all"};
	guint term_mask = 0;
	guint payment_mask = 0;

	*commits = 0;
	if (term == NULL && payment == NULL)
		return TRUE;
	for (guint t = 0; t < PLAN_N_TERMS; t++)
		if (term == NULL || strcmp(term, terms[t]) == 0)
			term_mask |= 1u << t;
	for (guint u = 0; u < PLAN_N_UPFRONTS; u++)
		if (payment == NULL || strcmp(payment, payments[u]) == 0)
			payment_mask |= 1u << u;
	if (term_mask == 0) {
		g_autofree char *shown = plan_text_excerpt(term, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--term '%s' is not a term; use 1y or 3y", shown);
		return FALSE;
	}
	if (payment_mask == 0) {
		g_autofree char *shown = plan_text_excerpt(payment, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--payment '%s' is not a payment option; use no, partial or all "
			    "(upfront)",
			    shown);
		return FALSE;
	}
	for (guint t = 0; t < PLAN_N_TERMS; t++)
		for (guint u = 0; u < PLAN_N_UPFRONTS; u++)
			if ((term_mask & (1u << t)) != 0 && (payment_mask & (1u << u)) != 0)
				*commits |= PLAN_COMPARE_COMMIT_BIT(t, u);
	return TRUE;
}

/* --trunking on|off|both and --network-mode awsvpc|bridge|host: the what-ifs every EC2 option is
 * priced under; neither: the model's own settings */
static gboolean
cmd_compare_what_ifs(const char *trunking, const char *network_mode, PlanCompareOptions *options,
		     GError **error)
{
	static const char *const trunkings[] = {"off", "on", "both"};
	static const PlanCompareTrunking values[] = {
	    PLAN_COMPARE_TRUNKING_OFF, PLAN_COMPARE_TRUNKING_ON, PLAN_COMPARE_TRUNKING_BOTH};
	static const char *const modes[] = {"awsvpc", "bridge", "host"};
	static const PlanNetworkMode mode_values[] = {PLAN_NETWORK_AWSVPC, PLAN_NETWORK_BRIDGE,
						      PLAN_NETWORK_HOST};
	gboolean found = FALSE;

	options->trunking = PLAN_COMPARE_TRUNKING_MODEL;
	for (guint i = 0; trunking != NULL && i < G_N_ELEMENTS(trunkings); i++) {
		if (strcmp(trunking, trunkings[i]) == 0) {
			options->trunking = values[i];
			found = TRUE;
		}
	}
	if (trunking != NULL && !found) {
		g_autofree char *shown = plan_text_excerpt(trunking, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--trunking '%s' is not a setting; use on, off or both", shown);
		return FALSE;
	}
	options->network_mode_given = FALSE;
	for (guint i = 0; network_mode != NULL && i < G_N_ELEMENTS(modes); i++) {
		if (strcmp(network_mode, modes[i]) == 0) {
			options->network_mode = mode_values[i];
			options->network_mode_given = TRUE;
		}
	}
	if (network_mode != NULL && !options->network_mode_given) {
		g_autofree char *shown = plan_text_excerpt(network_mode, -1);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--network-mode '%s' is not a network mode; use awsvpc, bridge or host",
			    shown);
		return FALSE;
	}
	return TRUE;
}

int
plan_cmd_compare(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	g_autofree char *hours_text = NULL;
	g_autofree char *prices = NULL;
	g_autofree char *service = NULL;
	g_autofree char *chart = NULL;
	g_autofree char *term = NULL;
	g_autofree char *payment = NULL;
	g_autofree char *trunking = NULL;
	g_autofree char *network_mode = NULL;
	gboolean quiet = FALSE;
	gboolean verbose = FALSE;
	const GOptionEntry entries[] = {
	    {"service", 0, 0, G_OPTION_ARG_STRING, &service,
	     "Compare this service only (the total is then that service)", "NAME"},
	    PLAN_CLI_HOURS_ENTRY(&hours_text),
	    PLAN_CLI_PRICES_ENTRY(&prices),
	    {"term", 0, 0, G_OPTION_ARG_STRING, &term,
	     "Savings Plans and Reserved Instances of this term only: 1y or 3y (default: 1y no "
	     "upfront and 3y all upfront)",
	     "1y|3y"},
	    {"payment", 0, 0, G_OPTION_ARG_STRING, &payment,
	     "Savings Plans and Reserved Instances paid this way only: no, partial or all upfront",
	     "no|partial|all"},
	    {"trunking", 0, 0, G_OPTION_ARG_STRING, &trunking,
	     "What if the clusters turned ENI trunking on or off: every EC2 option is priced so; "
	     "both lists each EC2 type with and without it (default: each cluster's setting; "
	     "Fargate has none)",
	     "on|off|both"},
	    {"network-mode", 0, 0, G_OPTION_ARG_STRING, &network_mode,
	     "What if the tasks ran in MODE on EC2: awsvpc, bridge or host (default: each "
	     "service's; Fargate stays awsvpc)",
	     "MODE"},
	    {"chart", 0, 0, G_OPTION_ARG_FILENAME, &chart,
	     "Draw monthly cost against task count into FILE: SVG, or PNG or PDF by its extension "
	     "(needs gnuplot)",
	     "FILE.svg"},
	    PLAN_CLI_QUIET_ENTRY(&quiet,
				 "The comparison only: no progress and no notes on stderr unless the "
				 "command fails"),
	    PLAN_CLI_VERBOSE_ENTRY(&verbose),
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(command, entries, &common, REPORT_COMPARE_FORMATS);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) result = NULL;
	g_autoptr(GString) out = NULL;
	PlanAnalyseOptions options = {.parts = PLAN_ANALYSE_COMPARE};
	ReportCompareOptions report_options = {0};
	gboolean drawn = FALSE;
	ReportFormat format;
	PlanCliVerbosity verbosity;
	g_autoptr(PlanCliProgress) progress = NULL;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (chart != NULL && !plan_cli_check_output(chart, NULL, error))
		return -1;
	if (!plan_cli_parse_hours(hours_text, &options.compare.hours, &options.compare.hours_given, error))
		return -1;
	options.compare.service = service;
	if (!cmd_compare_commits(term, payment, &options.compare.commits, error))
		return -1;
	if (!cmd_compare_what_ifs(trunking, network_mode, &options.compare, error))
		return -1;
	if (!plan_cli_format(&common, REPORT_COMPARE_FORMATS, REPORT_FORMAT_TEXT, &format, error))
		return -1;
	report_options.flags = plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;
	if (!plan_cli_verbosity(quiet, verbose, &verbosity, error))
		return -1;
	/* on a terminal, once the run takes over a second */
	progress = plan_cli_progress_start("comparing", verbosity == PLAN_CLI_VERBOSITY_QUIET);
	/* compare never prints the model's SHA-256: hashing 1.5 MB was 8% of a 1,000-service run */
	model = plan_cli_load_model_unhashed(argc > 1 ? argv[1] : NULL, common.example, error);
	if (model == NULL)
		return -1;
	/* names that do not resolve are validate's findings; compare prices what resolves */
	options.prices_file = prices;
	/* a bar that advances service by service */
	options.compare.progress = plan_cli_progress_update;
	options.compare.progress_data = progress;
	result = plan_analyse(model, &options, error);
	g_clear_pointer(&progress, plan_cli_progress_stop);
	if (result == NULL)
		return -1;
	if (verbosity == PLAN_CLI_VERBOSITY_VERBOSE)
		plan_cli_say_inputs(model, result);
	if (chart != NULL &&
	    !cmd_compare_chart(model, result->compare, chart, format,
			       verbosity == PLAN_CLI_VERBOSITY_QUIET, &drawn, error))
		return -1;
	report_options.curve_table = !drawn;
	report_options.chart = drawn ? chart : NULL;
	out = report_compare(model, result->compare, format, &report_options, error);
	if (out == NULL)
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	return plan_cli_missing_prices(result->missing_prices,
				       plan_price_book_region(result->used));
}
