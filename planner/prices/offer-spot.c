/* The EC2 Spot Advisor file (spot-advisor-data.json) read by the offer importer's callbacks
 * (offer-import-private.h): its five interruption bands and each Linux type's saving in the
 * import's region */
#include "offer-import-private.h"

#include <string.h>

#include "pricebook-private.h"

/* the bands as AWS labels them (spot-advisor-data.json "ranges"), by index */
static const char *const spot_band_labels[] = {"<5%", "5-10%", "10-15%", "15-20%", ">20%"};

/* one entry of "ranges": the book knows the five bands, so a file that labels them otherwise
 * is refused rather than misread */
gboolean
book_offer_spot_range_end(OfferParse *parse)
{
	guint64 index = 0;

	if (!g_ascii_string_to_unsigned(parse->range_index, 10, 0,
					G_N_ELEMENTS(spot_band_labels) - 1, &index, NULL) ||
	    strcmp(parse->range_label, spot_band_labels[index]) != 0)
		return book_offer_fail(parse,
				  "Spot Advisor range %s labelled '%s' is not one ecsplan knows "
				  "(<5%%, 5-10%%, 10-15%%, 15-20%%, >20%%)",
				  parse->range_index, parse->range_label);
	return TRUE;
}

/* spot_advisor[REGION]["Linux"][TYPE] = {"s": percent saved, "r": band}: the import's region
 * only (the file covers every region, so the region must be known first) */
gboolean
book_offer_spot_type_end(OfferParse *parse)
{
	const char *region = parse->keys[2];
	const char *type = parse->keys[4];
	PlanNanos percent = 0;
	guint64 band = 0;
	OfferDimension dimension = {0};
	g_autofree char *key = NULL;

	if (strcmp(parse->keys[3], "Linux") != 0)
		return TRUE;
	if (parse->import->region == NULL)
		return book_offer_fail(parse, "the Spot Advisor file covers every region: give "
					 "--region, or an offer file of the region before it");
	if (strcmp(region, parse->import->region) != 0)
		return TRUE;
	if (!book_offer_decimal_valid(parse->spot_savings) ||
	    !book_decimal_to_nanos(parse->spot_savings, strlen(parse->spot_savings), &percent) ||
	    percent < 0 || percent > 100 * PLAN_NANOS_PER_DOLLAR)
		return book_offer_fail(parse, "spot_advisor.%s.Linux.%s: savings '%s' is not a "
					 "percentage from 0 to 100",
				  region, type, parse->spot_savings);
	if (!g_ascii_string_to_unsigned(parse->spot_band, 10, 0,
					G_N_ELEMENTS(spot_band_labels) - 1, &band, NULL))
		return book_offer_fail(parse, "spot_advisor.%s.Linux.%s: interruption band '%s' is not "
					 "0 to 4",
				  region, type, parse->spot_band);
	/* percent / 100 as a ratio, in nanos: exact for any percentage with up to 7 decimals */
	g_snprintf(dimension.usd, sizeof dimension.usd, "%" G_GINT64_FORMAT ".%09" G_GINT64_FORMAT,
		   percent / 100 / PLAN_NANOS_PER_DOLLAR, percent / 100 % PLAN_NANOS_PER_DOLLAR);
	g_snprintf(dimension.rate_code, sizeof dimension.rate_code, "spot_advisor.%s.Linux.%s",
		   region, type);
	key = g_strdup_printf("spot|ec2|%s|savings", type);
	book_offer_add_figure(parse, key, parse->keys[3], &dimension, percent / 100, 0);
	{
		PlanOfferFigure *figure = g_hash_table_lookup(parse->import->figures, key);
		g_free(figure->sku);
		figure->sku = g_strdup_printf("s %s, r %s", parse->spot_savings, parse->spot_band);
		figure->interruption = g_strdup(spot_band_labels[band]);
		g_free(figure->offer_code);
		figure->offer_code = g_strdup("SpotAdvisor");
	}
	return TRUE;
}

