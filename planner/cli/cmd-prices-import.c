/* ecsplan prices import FILE...: AWS Price List offer files -> a price book for --prices */
#include "cli.h"

#include <string.h>

#include "offer-import.h"
#include "plan-error.h"
#include "regions.h"
#include "text.h"

static const PlanCommand plan_prices_import_command = {
    "prices import",
    "FILE...",
    "Read AWS Price List offer files (" PLAN_OFFER_CODES ") into a price book",
    "  ecsplan prices import tests/prices/AmazonEC2-ap-south-1.json "
    "tests/prices/AmazonECS-ap-south-1.json -o ap-south-1.json\n"
    "  (then 'ecsplan cost --prices ap-south-1.json MODEL' for a model in ap-south-1)",
    "0 success, 1 the book cannot be written, 2 an unreadable offer file or usage error",
    NULL,
};

/**
 * plan_cmd_prices_import:
 *
 * Streams each file, keeps the on-demand rates the book needs for one region, writes the book
 * (docs/prices.md, "Importing AWS's offer files") and checks that it reads back.
 */
int
plan_cmd_prices_import(int argc, char **argv, GError **error)
{
	g_autofree char *region = NULL;
	g_autofree char *output = NULL;
	const GOptionEntry entries[] = {
	    {"region", 'r', 0, G_OPTION_ARG_STRING, &region,
	     "Import this region's figures (default: the region of the first product read)",
	     "REGION"},
	    {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
	     "Write the book to FILE (atomically; missing folders are created) instead of "
	     "standard output",
	     "FILE"},
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(&plan_prices_import_command, entries, NULL, 0);
	g_autoptr(PlanOfferImport) import = NULL;
	g_autoptr(PlanPriceBook) specs = NULL;
	g_autoptr(PlanPriceBook) check = NULL;
	g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func(g_free);
	g_autofree char *text = NULL;
	g_autoptr(GError) local_error = NULL;

	if (!plan_cli_parse(context, &argc, &argv, G_MAXUINT, error))
		return -1;
	if (argc < 2) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "prices import needs at least one offer file; see '%s --help'",
			    g_get_prgname());
		return -1;
	}
	if (region != NULL && plan_region_lookup(region) == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "unknown --region '%s'", region);
		return -1;
	}
	if (!plan_cli_check_output(output, NULL, error))
		return -1;
	import = plan_offer_import_new(region);
	for (int i = 1; i < argc; i++) {
		if (!plan_offer_import_file(import, argv[i], error))
			return -1;
	}
	if (plan_offer_import_region(import) != NULL &&
	    plan_region_lookup(plan_offer_import_region(import)) == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "the offer files are for region '%s', which ecsplan does not know",
			    plan_offer_import_region(import));
		return -1;
	}
	/* instance specs do not depend on the region: the built-in ones decide which types */
	specs = plan_price_book_load_builtin_specs(plan_offer_import_region(import), error);
	if (specs == NULL)
		return -1;
	text = plan_offer_import_to_book(import, specs, skipped, error);
	if (text == NULL)
		return -1;
	/* the book must read back, or it is ecsplan's bug, not the user's file */
	check = plan_price_book_load_data(text, strlen(text), "imported book", NULL, &local_error);
	if (check == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "the imported book does not read back: %s", local_error->message);
		return -1;
	}
	{
		g_autofree char *with_newline = g_strconcat(text, "\n", NULL);
		if (!plan_cli_write(output, with_newline, strlen(with_newline), error))
			return -1;
	}
	{
		g_autoptr(GPtrArray) figures = plan_offer_import_figures(import);
		plan_cli_printerr("ecsplan: imported %u %s for %s\n", figures->len - skipped->len,
				  figures->len - skipped->len == 1 ? "figure" : "figures",
				  plan_offer_import_region(import));
	}
	if (skipped->len > 0) {
		/* one entry per figure left out (an on-demand rate, RI terms, ...): name each
		 * type once */
		g_autoptr(GPtrArray) types = g_ptr_array_new();
		g_autofree char *names = NULL;
		for (guint i = 0; i < skipped->len; i++) {
			if (!g_ptr_array_find_with_equal_func(types, g_ptr_array_index(skipped, i),
							      g_str_equal, NULL))
				g_ptr_array_add(types, g_ptr_array_index(skipped, i));
		}
		names = plan_text_join_quoted((const char *const *)types->pdata, types->len, 10);
		plan_cli_printerr("ecsplan: %u instance %s left out: no specs in the book "
				  "(models/prices/instances.json): %s\n",
				  types->len, types->len == 1 ? "type" : "types", names);
	}
	return 0;
}
