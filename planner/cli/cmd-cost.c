/* ecsplan cost: a model's monthly cost as line items, totals and assumptions */
#include "cli.h"

#include "analyse.h"
#include "render-cost.h"

int
plan_cmd_cost(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	g_autofree char *hours_text = NULL;
	g_autofree char *prices = NULL;
	g_autofree char *fail_on_text = NULL;
	gboolean quiet = FALSE;
	gboolean verbose = FALSE;
	const GOptionEntry entries[] = {
	    PLAN_CLI_HOURS_ENTRY(&hours_text),
	    PLAN_CLI_PRICES_ENTRY(&prices),
	    {"fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_text,
	     "Exit 1 when the model has a finding at least this severe: error, warning, note or "
	     "none (default: the cost alone decides, exit 0)",
	     "SEVERITY"},
	    PLAN_CLI_QUIET_ENTRY(&quiet, "The cost only: nothing on stderr unless the command fails"),
	    PLAN_CLI_VERBOSE_ENTRY(&verbose),
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(command, entries, &common, REPORT_COST_FORMATS);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) result = NULL;
	g_autoptr(GString) out = NULL;
	/* the findings too: stderr says when the model has errors, and --fail-on can fail on them
	 */
	PlanAnalyseOptions options = {.parts = PLAN_ANALYSE_VALIDATE | PLAN_ANALYSE_COST};
	PlanCliFailOn fail_on = PLAN_CLI_FAIL_ON_NONE;
	ReportFormat format;
	ReportFlags flags;
	PlanCliVerbosity verbosity;
	g_autoptr(PlanCliProgress) progress = NULL;
	int status;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (!plan_cli_parse_hours(hours_text, &options.cost.hours, &options.cost.hours_given, error))
		return -1;
	if (fail_on_text != NULL && !plan_cli_fail_on_parse(fail_on_text, &fail_on, error))
		return -1;
	if (!plan_cli_format(&common, REPORT_COST_FORMATS, REPORT_FORMAT_TEXT, &format, error))
		return -1;
	flags = plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;
	if (!plan_cli_verbosity(quiet, verbose, &verbosity, error))
		return -1;
	progress = plan_cli_progress_start("pricing", verbosity == PLAN_CLI_VERBOSITY_QUIET);
	model = plan_cli_load_model(argc > 1 ? argv[1] : NULL, common.example, error);
	if (model == NULL)
		return -1;
	/* names that do not resolve are validate's findings; cost prices what does resolve */
	options.prices_file = prices;
	result = plan_analyse(model, &options, error);
	g_clear_pointer(&progress, plan_cli_progress_stop);
	if (result == NULL)
		return -1;
	if (verbosity == PLAN_CLI_VERBOSITY_VERBOSE)
		plan_cli_say_inputs(model, result);
	out = report_cost(model, result->cost, format, flags, error);
	if (out == NULL)
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	status = plan_cli_fail_status(result->diagnostics, fail_on);
	/* --quiet: the errors are a note unless they fail the command (--fail-on) */
	if (verbosity != PLAN_CLI_VERBOSITY_QUIET || status != 0)
		plan_cli_say_findings(model->file, result->diagnostics);
	/* a figure the book lacks makes the total a lower bound: never a silent exit 0 */
	if (plan_cli_missing_prices(result->missing_prices, result->cost->region) != 0)
		status = 1;
	return status;
}
