/* ecsplan diff OLD NEW: what a change to a model does to its monthly cost, line by line */
#include "cli.h"

#include "analyse.h"
#include "cost-diff.h"
#include "plan-error.h"
#include "render-cost-diff.h"

/* one side: the model, priced with its own region's book (or --prices) */
static PlanResult *
cmd_diff_price(const char *path, const char *prices, const PlanCostOptions *options,
		PlanModel **model_out, GError **error)
{
	g_autoptr(PlanModel) model = plan_cli_load_model(path, NULL, error);
	PlanAnalyseOptions analyse = {
	    .parts = PLAN_ANALYSE_COST, .prices_file = prices, .cost = *options};
	PlanResult *result;

	if (model == NULL)
		return NULL;
	/* names that do not resolve are validate's findings; diff prices what resolves */
	result = plan_analyse(model, &analyse, error);
	if (result != NULL)
		*model_out = g_steal_pointer(&model);
	return result;
}

int
plan_cmd_diff(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	g_autofree char *hours_text = NULL;
	g_autofree char *prices = NULL;
	g_autofree char *fail_above_text = NULL;
	const GOptionEntry entries[] = {
	    PLAN_CLI_HOURS_ENTRY(&hours_text),
	    {"prices", 0, 0, G_OPTION_ARG_FILENAME, &prices,
	     "Lay the figures in FILE over the built-in book of each side (see docs/prices.md)",
	     "FILE"},
	    {"fail-above", 0, 0, G_OPTION_ARG_STRING, &fail_above_text,
	     "Exit 1 when the monthly cost rises by more than AMOUNT dollars", "AMOUNT"},
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(command, entries, &common, REPORT_COST_DIFF_FORMATS);
	g_autoptr(PlanModel) old_model = NULL;
	g_autoptr(PlanModel) new_model = NULL;
	g_autoptr(PlanResult) old_result = NULL;
	g_autoptr(PlanResult) new_result = NULL;
	g_autoptr(PlanCliProgress) progress = NULL;
	g_autoptr(PlanCostDiff) diff = NULL;
	g_autoptr(GString) out = NULL;
	PlanCostOptions options = {0};
	PlanNanos fail_above = 0;
	ReportFormat format;
	ReportFlags flags;

	if (!plan_cli_parse(context, &argc, &argv, 2, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (common.example != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "diff compares two model files; --example does not apply");
		return -1;
	}
	if (argc != 3) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "diff needs two models, OLD and NEW; see '%s --help'", g_get_prgname());
		return -1;
	}
	if (!plan_cli_parse_hours(hours_text, &options.hours, &options.hours_given, error))
		return -1;
	if (fail_above_text != NULL &&
	    !plan_cost_parse_dollars(fail_above_text, &fail_above, error)) {
		g_prefix_error(error, "--fail-above: ");
		(*error)->code = PLAN_ERROR_USAGE;
		return -1;
	}
	if (!plan_cli_format(&common, REPORT_COST_DIFF_FORMATS, REPORT_FORMAT_TEXT, &format, error))
		return -1;
	flags = plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;

	/* two models priced: a line on a terminal once it takes over a second */
	progress = plan_cli_progress_start("pricing", FALSE);
	old_result = cmd_diff_price(argv[1], prices, &options, &old_model, error);
	if (old_result == NULL)
		return -1;
	new_result = cmd_diff_price(argv[2], prices, &options, &new_model, error);
	if (new_result == NULL)
		return -1;
	g_clear_pointer(&progress, plan_cli_progress_stop);
	diff = plan_cost_diff(old_result->cost, new_result->cost);
	out = report_cost_diff(old_model, new_model, diff, format, flags, error);
	if (out == NULL)
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	if (fail_above_text != NULL && diff->delta > fail_above) {
		g_autofree char *summary = report_cost_diff_summary(diff);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "the monthly cost changes by %s, more than --fail-above %s", summary,
			    fail_above_text);
		return -1;
	}
	/* either side unpriced makes the delta a guess */
	if (plan_cli_missing_prices(old_result->missing_prices, old_result->cost->region) != 0)
		return 1;
	return plan_cli_missing_prices(new_result->missing_prices, new_result->cost->region);
}
