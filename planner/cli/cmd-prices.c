/* ecsplan prices: list the price book for a region, with every figure's source and confidence */
#include "cli.h"

#include "plan-error.h"
#include "pricebook.h"
#include "render-prices.h"
#include "text.h"

/* the book's type named @name, or PLAN_ERROR_USAGE naming the one meant: a typo ("m5.larg"),
 * another case ("M5.Large") or a type the book lacks */
static const PlanInstanceType *
cmd_prices_find_type(const PlanPriceBook *book, const char *name, GError **error)
{
	const PlanInstanceType *type = plan_price_book_instance(book, name);
	g_autoptr(GPtrArray) instances = NULL;
	g_autoptr(GPtrArray) names = NULL;
	const char *suggestion = NULL;

	if (type != NULL)
		return type;
	instances = plan_price_book_instances(book);
	names = g_ptr_array_new();
	for (guint i = 0; i < instances->len; i++) {
		const PlanInstanceType *candidate = g_ptr_array_index(instances, i);
		g_ptr_array_add(names, (gpointer)candidate->name);
		if (suggestion == NULL && g_ascii_strcasecmp(candidate->name, name) == 0)
			suggestion = candidate->name;
	}
	if (suggestion == NULL)
		suggestion = plan_text_suggest(name, (const char *const *)names->pdata, names->len);
	if (suggestion != NULL)
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "unknown --instance-type '%s' in the %s book; did you mean '%s'?", name,
			    plan_price_book_region(book), suggestion);
	else
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "unknown --instance-type '%s': the %s book has %u types; "
			    "'ecsplan prices --instances' lists them",
			    name, plan_price_book_region(book), instances->len);
	return NULL;
}

int
plan_cmd_prices(const PlanCommand *command, int argc, char **argv, GError **error)
{
	g_auto(PlanCliCommon) common = {0};
	g_autofree char *region = NULL;
	g_autofree char *prices = NULL;
	gboolean instances = FALSE;
	g_autofree char *instance_type = NULL;
	const GOptionEntry entries[] = {
	    {"region", 'r', 0, G_OPTION_ARG_STRING, &region,
	     "AWS region (default: the --prices file's region, else " PLAN_PRICE_BOOK_DEFAULT_REGION
	     ")",
	     "REGION"},
	    PLAN_CLI_PRICES_ENTRY(&prices),
	    {"instances", 0, 0, G_OPTION_ARG_NONE, &instances,
	     "List the EC2 instance types (specs and hourly price) instead of the figures", NULL},
	    {"instance-type", 't', 0, G_OPTION_ARG_STRING, &instance_type,
	     "Show one EC2 instance type: each spec with its source, the hourly and monthly price",
	     "TYPE"},
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(command, entries, &common, REPORT_PRICES_FORMATS);
	g_autoptr(PlanPriceBook) book = NULL;
	g_autoptr(GString) out = NULL;
	ReportFormat format;
	ReportFlags flags;

	/* `ecsplan prices import FILE...` has options of its own */
	if (argc > 1 && g_strcmp0(argv[1], "import") == 0)
		return plan_cmd_prices_import(argc - 1, argv + 1, error);
	if (argc > 1 && g_strcmp0(argv[1], "update") == 0)
		return plan_cmd_prices_update(argc - 1, argv + 1, error);
	if (!plan_cli_parse(context, &argc, &argv, 0, error))
		return -1;
	/* a path that cannot be written fails now, before any work (exit 2) */
	if (!plan_cli_check_output(common.output, NULL, error))
		return -1;
	if (common.example != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "'prices' reads no model, so --example does not apply");
		return -1;
	}
	/* two views that exclude each other */
	if (instances && instance_type != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "give --instances (every type) or --instance-type TYPE (one), not both");
		return -1;
	}
	if (!plan_cli_format(&common, REPORT_PRICES_FORMATS, REPORT_FORMAT_TEXT, &format, error))
		return -1;
	flags = plan_cli_flags(&common, error);
	if (error != NULL && *error != NULL)
		return -1;

	/* listing a region the built-in book does not cover says so, rather than an empty list */
	book = prices != NULL ? plan_price_book_load_file(prices, region, error)
			      : plan_price_book_load_builtin(region, error);
	if (book == NULL) {
		/* a region the book cannot serve is a wrong command line, not a failure */
		if (error != NULL && *error != NULL && (*error)->domain == PLAN_ERROR &&
		    (*error)->code == PLAN_ERROR_INVALID_VALUE)
			(*error)->code = PLAN_ERROR_USAGE;
		return -1;
	}
	if (instance_type != NULL) {
		const PlanInstanceType *type = cmd_prices_find_type(book, instance_type, error);
		if (type == NULL)
			return -1;
		out = report_prices_instance(book, type->name, format, flags, error);
	} else {
		out = report_prices(book,
				    instances ? REPORT_PRICES_INSTANCES : REPORT_PRICES_FIGURES,
				    format, flags, error);
	}
	if (out == NULL)
		return -1;
	if (!plan_cli_write(common.output, out->str, out->len, error))
		return -1;
	return 0;
}
