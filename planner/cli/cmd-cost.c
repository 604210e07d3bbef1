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
	const GOptionEntry entries[] = {
	    {"hours", 0, 0, G_OPTION_ARG_STRING, &hours_text,
	     "Hours in the month (default 730); every hourly charge runs this long", "N"},
	    {"prices", 0, 0, G_OPTION_ARG_FILENAME, &prices,
	     "Lay the figures in FILE over the built-in book (see docs/prices.md)", "FILE"},
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(command, entries, &common, REPORT_COST_FORMATS);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) result = NULL;
	g_autoptr(GString) out = NULL;
	PlanAnalyseOptions options = {.parts = PLAN_ANALYSE_COST};
	ReportFormat format;
	ReportFlags flags;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (hours_text != NULL) {
		if (!plan_cli_parse_hours(hours_text, &options.cost.hours, error))
			return -1;
		options.cost.hours_given = TRUE;
	}
	if (!plan_cli_format(&common, REPORT_COST_FORMATS, REPORT_FORMAT_TEXT, &format, error))
		return -1;
	flags = plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;
	model = plan_cli_load_model(argc > 1 ? argv[1] : NULL, common.example, error);
	if (model == NULL)
		return -1;
	/* names that do not resolve are validate's findings; cost prices what does resolve */
	options.prices_file = prices;
	result = plan_analyse(model, &options, error);
	if (result == NULL)
		return -1;
	out = report_cost(model, result->cost, format, flags, error);
	if (out == NULL)
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	return plan_cli_missing_prices(result->missing_prices, result->cost->region);
}
