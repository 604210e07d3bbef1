/* ecsplan: the offer importer's state and the helpers its readers share (offer-import.c: the
 * JSON offer files, get-products output and the stream; offer-rates.c: which products and rates
 * the book takes, below the readers; offer-spot.c: the Spot Advisor file; offer-book.c: the book
 * text). Internal to planner/prices/ */
#pragma once

#include <gio/gio.h>
#include <glib.h>
#include <string.h>

#include "offer-import.h"

G_BEGIN_DECLS

#define OFFER_CHUNK (64u * 1024u)
#define OFFER_MAX_DEPTH 12
#define OFFER_KEY_SIZE 128
#define OFFER_VALUE_SIZE 256
/* one SKU's Reserved terms are a few kilobytes (12 terms); a wanted SKU's object is copied to be
 * read, so a file that makes one endless is refused rather than held */
#define OFFER_MAX_SKU_TERMS (8u * 1024u * 1024u)
/* the book's own ceiling on a unit price (pricebook-reader.c) */
#define OFFER_MAX_NANOS (G_GINT64_CONSTANT(1000000) * PLAN_NANOS_PER_DOLLAR)

extern const char *const book_offer_codes[7];

/* the product attributes the classifier reads */
typedef enum {
	ATTR_INSTANCE_TYPE,
	ATTR_OPERATING_SYSTEM,
	ATTR_TENANCY,
	ATTR_PRE_INSTALLED_SW,
	ATTR_CAPACITY_STATUS,
	ATTR_LICENSE_MODEL,
	ATTR_MARKET_OPTION,
	ATTR_USAGE_TYPE,
	ATTR_REGION_CODE,
	ATTR_GROUP,
	ATTR_TRANSFER_TYPE,
	ATTR_FROM_REGION_CODE,
	ATTR_TO_LOCATION,
	ATTR_PURCHASE_OPTION, /* Savings Plans products */
	ATTR_PURCHASE_TERM,
	ATTR_DATABASE_ENGINE, /* AmazonRDS products */
	ATTR_DEPLOYMENT_OPTION,
	ATTR_VOLUME_TYPE,
	ATTR_LOCATION_TYPE, /* "AWS Region", "AWS Outposts", "AWS Local Zone" */
	ATTR_N,
} OfferAttribute;

extern const char *const book_offer_attribute_names[ATTR_N];

typedef struct {
	char sku[OFFER_KEY_SIZE];
	char family[OFFER_VALUE_SIZE];
	char attributes[ATTR_N][OFFER_VALUE_SIZE];
} OfferProduct;

/* one price dimension being read */
typedef struct {
	char rate_code[OFFER_KEY_SIZE];
	char unit[OFFER_KEY_SIZE];
	char begin_range[OFFER_KEY_SIZE];
	char usd[OFFER_KEY_SIZE];
	gboolean has_usd;
	guint64 line;	    /* a CSV row's line, else 0 */
	const char *column; /* a CSV row: the price's column ("PricePerUnit"), else NULL */
} OfferDimension;

struct _PlanOfferImport {
	char *region;
	GHashTable *figures; /* key -> PlanOfferFigure* (owned) */
};

/* what one file's parse carries */
typedef struct {
	PlanOfferImport *import;
	const char *name;
	const char *file; /* the file as the user named it (provenance); @name in messages */
	GError *error;	  /* set when a callback stopped the parse */
	guint64 line;	  /* a CSV file: the line being read (messages say file:line), else 0 */
	guint depth;
	char keys[OFFER_MAX_DEPTH + 1][OFFER_KEY_SIZE];
	char offer_code[OFFER_KEY_SIZE];
	char version[OFFER_KEY_SIZE];
	char publication_date[OFFER_KEY_SIZE];
	gboolean format_version;
	OfferProduct product;
	OfferDimension dimension;
	const char *term_key; /* the wanted key of the SKU whose terms are being read, or NULL */
	GHashTable *wanted;   /* sku -> book key (both owned) */
	guint64 n_products;
	gboolean on_demand_read; /* terms.OnDemand has ended */
	/* a Reserved term of a wanted instance type being read: its two dimensions and the
	 * attributes that say what it is, decided when the term ends (they may come in any order) */
	OfferDimension ri_hourly;
	OfferDimension ri_upfront;
	char ri_lease[OFFER_KEY_SIZE];
	char ri_class[OFFER_KEY_SIZE];
	char ri_option[OFFER_KEY_SIZE];
	gboolean skipping;	 /* the parse stopped to skip the rest (offer_skip_rest) */
	gboolean top_closed;	 /* the top-level object has ended */
	gboolean reserved_scan;	 /* the skipped value is terms.Reserved: wanted SKUs are read */
	/* the Spot Advisor file (spot-advisor-data.json): no offer code, its own members */
	gboolean spot_advisor;
	char spot_savings[OFFER_KEY_SIZE]; /* "s" of the type being read: percent saved */
	char spot_band[OFFER_KEY_SIZE];	   /* "r": index into "ranges" */
	char range_index[OFFER_KEY_SIZE];
	char range_label[OFFER_KEY_SIZE];
	/* a Savings Plans offer file (products and terms.savingsPlan are arrays) */
	gboolean savings_plan;
	GHashTable *sp_plans;	  /* plan sku -> "compute|1y_no_upfront" (both owned) */
	char sp_service[OFFER_KEY_SIZE]; /* the first plan product's serviceCode: provenance */
	char sp_plan_sku[OFFER_KEY_SIZE];
	struct {
		char sku[OFFER_KEY_SIZE];
		char usage[OFFER_VALUE_SIZE];
		char operation[OFFER_KEY_SIZE];
		char service[OFFER_KEY_SIZE];
		char region[OFFER_KEY_SIZE];
		char instance[OFFER_KEY_SIZE];
		OfferDimension rate; /* rate_code, unit and the price as usd */
		char currency[OFFER_KEY_SIZE];
	} sp_rate;
	/* `aws pricing get-products` output: {"FormatVersion": "aws_v1", "PriceList": [strings]};
	 * each string is one SKU's product and terms, read as an offer file of one product */
	gboolean get_products;
	gboolean price_list;	/* "PriceList" was read */
	guint64 price_list_n; /* its entries so far */
} OfferParse;

static inline gboolean
book_offer_is(const OfferParse *parse, guint depth, const char *key)
{
	return parse->depth >= depth && strcmp(parse->keys[depth], key) == 0;
}

/* offer-rates.c */
void book_offer_figure_free(PlanOfferFigure *figure);
void book_offer_copy(char *out, gsize size, const unsigned char *text, size_t length);
gboolean book_offer_fail(OfferParse *parse, const char *format, ...) G_GNUC_PRINTF(2, 3);
gboolean book_offer_check_code(OfferParse *parse);
gboolean book_offer_decimal_valid(const char *text);
void book_offer_add_figure(OfferParse *parse, const char *key, const char *sku,
			   const OfferDimension *dimension, PlanNanos nanos, double begin);
void book_offer_product_end(OfferParse *parse);
gboolean book_offer_on_demand_rate(OfferParse *parse, const char *sku,
				   const OfferDimension *dimension);
gboolean book_offer_dimension_end(OfferParse *parse);
void book_offer_reserved_dimension(OfferParse *parse, const OfferDimension *dimension);
gboolean book_offer_reserved_end(OfferParse *parse, const char *sku);
gboolean book_offer_sp_rate_end(OfferParse *parse);

/* offer-csv.c */
gboolean book_offer_csv_is(const guint8 *bytes, gsize n);
gboolean book_offer_csv_stream(OfferParse *parse, GInputStream *stream, const guint8 *first,
			       gsize n_first, GError **error);

/* offer-spot.c */
gboolean book_offer_spot_range_end(OfferParse *parse);
gboolean book_offer_spot_type_end(OfferParse *parse);

G_END_DECLS
