/* ecsplan: AWS Price List bulk offer files (JSON) -> a price book in ecsplan's format
 * (docs/prices.md, "Importing AWS's offer files"). Files are streamed through yajl and never
 * held whole: only the products the book needs, and their on-demand rates, are kept. */
#pragma once

#include <gio/gio.h>
#include <glib.h>

#include "pricebook.h"

G_BEGIN_DECLS

/* the offer codes ecsplan imports, and what it takes from each */
#define PLAN_OFFER_CODES                                                                        \
	"AmazonEC2, AmazonECS, AWSELB, AmazonVPC, AWSDataTransfer, AmazonRDS, AmazonCloudWatch"

/* one imported figure and its provenance (a plain record; strings owned by the import) */
typedef struct {
	const char *key;	/* "ec2.c6i.xlarge", "fargate.x86_64.vcpu_hour", "nat.hour"; a
				 * purchase option's members joined by '|' (instance types hold
				 * dots): "reserved|m6i.large|1y_all_upfront|upfront",
				 * "savings_plans|compute|fargate|x86_64|vcpu_hour|1y_no_upfront",
				 * "spot|ec2|m5.large|savings" */
	char *price;		/* the USD price as the file writes it ("0.1700000000") */
	PlanNanos nanos;	/* the same, exactly */
	char *sku;		/* "8D49XP354UEYTHGM" */
	char *rate_code;	/* "8D49XP354UEYTHGM.JRTCKXETXF.6YS6EN2CT7" */
	char *offer_code;	/* "AmazonEC2" */
	char *version;		/* the offer version, "20230322145651" */
	char *publication_date; /* "2023-03-22T14:56:51Z" */
	char *file;		/* the file it came from, as named on the command line */
	double begin_range;	/* the tier it starts at (0 for untiered rates) */
	char *interruption;	/* EC2 Spot: the Spot Advisor's band ("<5%"), else NULL */
} PlanOfferFigure;

/* TRUE when the offer files `prices import` and `prices update` read carry the book key @key
 * ("ec2.m6i.large", "nat.hour"; not "fargate.spot_discount"): what a price-missing finding
 * tells the user to run */
gboolean plan_offer_import_supplies(const char *key);

typedef struct _PlanOfferImport PlanOfferImport;

/* an import for @region (nullable: the region of the first regional product read) */
PlanOfferImport *plan_offer_import_new(const char *region) G_GNUC_WARN_UNUSED_RESULT;
void plan_offer_import_free(PlanOfferImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanOfferImport, plan_offer_import_free)

/* streams one offer file from @stream; @name is used in messages. PLAN_ERROR_INVALID_MODEL
 * for a file that is not JSON, is truncated, is not an AWS offer file, has an offer code
 * ecsplan does not import, or a price that does not parse (exit 2) */
gboolean plan_offer_import_stream(PlanOfferImport *import, GInputStream *stream, const char *name,
				  GError **error);
gboolean plan_offer_import_file(PlanOfferImport *import, const char *filename, GError **error);

/* the region the figures are for, or NULL before any regional product was read */
const char *plan_offer_import_region(const PlanOfferImport *import);
/* the figures, sorted by key. Returns: (transfer container) (element-type PlanOfferFigure) */
GPtrArray *plan_offer_import_figures(const PlanOfferImport *import) G_GNUC_WARN_UNUSED_RESULT;

/* the book text: every figure whose key the book knows (ec2.<type> only for types @specs has),
 * with the SKU, rate code, offer version and publication date in each figure's note.
 * @skipped (nullable) receives the instance types left out for want of specs (char*, owned).
 * PLAN_ERROR_INVALID_MODEL when nothing was imported */
char *plan_offer_import_to_book(const PlanOfferImport *import, const PlanPriceBook *specs,
				GPtrArray *skipped, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
