/* ecsplan cost: a model's monthly cost as line items, totals and assumptions */
#include "cli.h"

#include "cost.h"
#include "diagnostic.h"
#include "plan-error.h"
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
	g_autoptr(PlanPriceBook) book = NULL;
	g_autoptr(PlanCost) cost = NULL;
	g_autoptr(GPtrArray) link_diagnostics =
	    g_ptr_array_new_with_free_func((GDestroyNotify)plan_diagnostic_free);
	g_autoptr(GString) out = NULL;
	PlanCostOptions options = {0};
	ReportFormat format;
	ReportFlags flags;

	if (!plan_cli_parse(context, &argc, &argv, 1, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (hours_text != NULL) {
		if (!plan_cli_parse_hours(hours_text, &options.hours, error))
			return -1;
		options.hours_given = TRUE;
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
	plan_model_link(model, link_diagnostics);
	book = plan_cli_load_prices(model->region, prices, error);
	if (book == NULL)
		return -1;

	cost = plan_cost(model, book, &options, error);
	if (cost == NULL) {
		/* the book matches the model's region, so what the engine refuses is --hours */
		if (error != NULL && *error != NULL && (*error)->domain == PLAN_ERROR &&
		    (*error)->code == PLAN_ERROR_INVALID_VALUE)
			(*error)->code = PLAN_ERROR_USAGE;
		return -1;
	}
	out = report_cost(model, cost, format, flags, error);
	if (out == NULL)
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	return 0;
}
