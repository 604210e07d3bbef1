/* ecsplan: the price cache and `ecsplan prices update` (docs/prices.md, "The cache"). Books
 * imported from AWS's offer files are kept per region in the user's cache folder
 * ($XDG_CACHE_HOME/ecsplan/prices/REGION.json), where plan_price_book_choose() finds them:
 * --prices > cache > built-in. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* AWS's public, credential-free Price List endpoint */
#define PLAN_PRICE_ENDPOINT "https://pricing.us-east-1.amazonaws.com"
/* the Savings Plans offer (Compute and EC2 Instance Savings Plans share its files), fetched from
 * PLAN_PRICE_ENDPOINT/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/REGION/index.json */
#define PLAN_SAVINGS_PLAN_OFFER "AWSComputeSavingsPlan"
/* the EC2 Spot Advisor file, one for every region: --offer SpotAdvisor, spot-advisor-data.json
 * in a --from folder, ENDPOINT/spot-advisor-data.json with --endpoint */
#define PLAN_SPOT_ADVISOR "SpotAdvisor"
#define PLAN_SPOT_ADVISOR_URL "https://spot-bid-advisor.s3.amazonaws.com/spot-advisor-data.json"

typedef struct {
	const char *from_dir; /* nullable: read DIR/<Offer>-<region>.json instead of fetching */
	const char *endpoint; /* nullable: PLAN_PRICE_ENDPOINT */
	const char *const *offers; /* nullable: every offer code ecsplan imports, the Savings Plans
				    * offer and the Spot Advisor file */
	guint timeout_s;	   /* a transfer that stalls this long fails; 0: 30 s */
} PlanPriceUpdateOptions;

/* fetches (or reads from @options->from_dir) the offer files of @region, imports them, and
 * replaces the region's cache file atomically; on any failure the old file stays as it was.
 * @summary (nullable) receives a line about what was imported (transfer full).
 * PLAN_ERROR_IO for a transfer that fails (HTTP status, timeout, no connection),
 * PLAN_ERROR_INVALID_MODEL for a file that is not an offer file */
gboolean plan_price_update(const char *region, const PlanPriceUpdateOptions *options,
			   char **summary, GError **error);

G_END_DECLS
