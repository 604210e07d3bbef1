/* ecsplan prices update [--region R...] [--from DIR]: AWS's current offer files -> the cache */
#include "cli.h"

#include "offer-import.h"
#include "plan-error.h"
#include "price-update.h"
#include "regions.h"

static const PlanCommand plan_prices_update_command = {
    "prices update",
    "",
    "Fetch AWS's current offer files for the regions asked and cache a price book for each",
    "  ecsplan prices update --region ap-south-1 --region eu-west-1   # online: fetches from AWS\n"
    "  ecsplan prices update --region ap-south-1 --from tests/prices --offer AmazonEC2 --offer "
    "AmazonECS   # air-gapped: offer files copied by hand",
    "0 every region cached, 1 an imported book does not read back, 2 a transfer, an offer file "
    "or the cache failed (that region's cached book is unchanged) or usage error",
    NULL,
};

/**
 * plan_cmd_prices_update:
 *
 * Each region in turn; the first failure stops the command (exit 2) and leaves that region's
 * cached book, and every later one, as they were.
 */
int
plan_cmd_prices_update(int argc, char **argv, GError **error)
{
	g_auto(GStrv) regions = NULL;
	g_auto(GStrv) offers = NULL;
	g_autofree char *from = NULL;
	g_autofree char *endpoint = NULL;
	gint timeout_s = 0;
	const GOptionEntry entries[] = {
	    {"region", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &regions,
	     "A region to update (repeat for several; default " PLAN_PRICE_BOOK_DEFAULT_REGION ")",
	     "REGION"},
	    {"from", 0, 0, G_OPTION_ARG_FILENAME, &from,
	     "Read OFFER-REGION.json files (and spot-advisor-data.json) copied by hand into DIR "
	     "instead of fetching",
	     "DIR"},
	    {"offer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &offers,
	     "Only this offer (repeat; default: " PLAN_OFFER_CODES ", " PLAN_SAVINGS_PLAN_OFFER
	     ", " PLAN_SPOT_ADVISOR ")",
	     "CODE"},
	    {"endpoint", 0, 0, G_OPTION_ARG_STRING, &endpoint,
	     "The Price List endpoint (default " PLAN_PRICE_ENDPOINT ")", "URL"},
	    {"timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s,
	     "Give up on a transfer that stalls this many seconds (default 30)", "SECONDS"},
	    {NULL},
	};
	g_autoptr(GOptionContext) context =
	    plan_cli_context_new(&plan_prices_update_command, entries, NULL, 0);
	const char *const default_regions[] = {PLAN_PRICE_BOOK_DEFAULT_REGION, NULL};
	const char *const *asked;
	PlanPriceUpdateOptions options = {0};

	if (!plan_cli_parse(context, &argc, &argv, 0, error))
		return -1;
	if (timeout_s < 0 || timeout_s > 3600) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "--timeout '%d' out of range: 1 to 3600 seconds", timeout_s);
		return -1;
	}
	asked = regions != NULL ? (const char *const *)regions : default_regions;
	for (guint i = 0; asked[i] != NULL; i++) {
		if (plan_region_lookup(asked[i]) == NULL) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "unknown --region '%s'",
				    asked[i]);
			return -1;
		}
	}
	options.from_dir = from;
	options.endpoint = endpoint;
	options.offers = (const char *const *)offers;
	options.timeout_s = (guint)timeout_s;
	for (guint i = 0; asked[i] != NULL; i++) {
		g_autofree char *summary = NULL;
		if (!plan_price_update(asked[i], &options, &summary, error)) {
			/* a failed transfer is the input's fault, like an unreadable file: exit 2
			 */
			if ((*error)->domain == PLAN_ERROR && (*error)->code == PLAN_ERROR_IO)
				g_prefix_error(error,
					       "the cached book of '%s' is unchanged: ", asked[i]);
			return -1;
		}
		plan_cli_printerr("ecsplan: %s\n", summary);
	}
	return 0;
}
