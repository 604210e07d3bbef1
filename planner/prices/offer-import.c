/* AWS Price List bulk offer files -> ecsplan price book (offer-import.h). The file is read in
 * 64 KiB chunks through yajl's event parser: a product is classified when its object ends and
 * forgotten unless the book needs it; an on-demand rate is kept only for a product kept. Memory
 * is the wanted SKUs and their figures, whatever the file's size. Products precede terms in
 * AWS's files, and the importer relies on it (a rate before its product is refused). */
#include "offer-import.h"

#include <string.h>
#include <yajl/yajl_parse.h>

#include "compat.h"
#include "plan-error.h"
#include "pricebook-private.h"
#include "regions.h"

#define OFFER_CHUNK (64u * 1024u)
#define OFFER_MAX_DEPTH 12
#define OFFER_KEY_SIZE 128
#define OFFER_VALUE_SIZE 256
/* one SKU's Reserved terms are a few kilobytes (12 terms); a wanted SKU's object is copied to be
 * read, so a file that makes one endless is refused rather than held */
#define OFFER_MAX_SKU_TERMS (8u * 1024u * 1024u)
/* the book's own ceiling on a unit price (pricebook-reader.c) */
#define OFFER_MAX_NANOS (G_GINT64_CONSTANT(1000000) * PLAN_NANOS_PER_DOLLAR)

static const char *const offer_codes[] = {"AmazonEC2", "AmazonECS", "AWSELB", "AmazonVPC",
					  "AWSDataTransfer"};

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
	ATTR_N,
} OfferAttribute;

static const char *const offer_attribute_names[ATTR_N] = {
    "instanceType", "operatingSystem", "tenancy",    "preInstalledSw", "capacitystatus",
    "licenseModel", "marketoption",    "usagetype",  "regionCode",     "group",
    "transferType", "fromRegionCode",  "toLocation", "purchaseOption", "purchaseTerm",
};

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
} OfferDimension;

struct _PlanOfferImport {
	char *region;
	GHashTable *figures; /* key -> PlanOfferFigure* (owned) */
};

/* what one file's parse carries */
typedef struct {
	PlanOfferImport *import;
	const char *name;
	GError *error; /* set when a callback stopped the parse */
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
} OfferParse;

static void
offer_figure_free(PlanOfferFigure *figure)
{
	g_free(figure->price);
	g_free(figure->sku);
	g_free(figure->rate_code);
	g_free(figure->offer_code);
	g_free(figure->version);
	g_free(figure->publication_date);
	g_free(figure->file);
	g_free(figure->interruption);
	g_free(figure);
}

/**
 * plan_offer_import_new:
 * @region: (nullable): the region to import; NULL: the first regional product's
 * Returns: (transfer full): an empty import
 */
PlanOfferImport *
plan_offer_import_new(const char *region)
{
	PlanOfferImport *import = g_new0(PlanOfferImport, 1);

	import->region = g_strdup(region);
	/* keys are owned by their figure (figure->key points into the hash table's key) */
	import->figures = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						(GDestroyNotify)offer_figure_free);
	return import;
}

void
plan_offer_import_free(PlanOfferImport *import)
{
	if (import == NULL)
		return;
	g_free(import->region);
	g_hash_table_unref(import->figures);
	g_free(import);
}

const char *
plan_offer_import_region(const PlanOfferImport *import)
{
	g_return_val_if_fail(import != NULL, NULL);
	return import->region;
}

/* ---- classifying products ----------------------------------------------------------------- */

/* @usage is @suffix, or a billing-code prefix ("USE1-", "EU-", "APS3-") and @suffix: an exact
 * match, so "Fargate-vCPU-Hours:perCPU" does not take the ARM, Windows or Spot lines */
static gboolean
offer_usage_is(const char *usage, const char *suffix)
{
	const char *dash;

	if (strcmp(usage, suffix) == 0)
		return TRUE;
	dash = strchr(usage, '-');
	if (dash == NULL || dash - usage < 2 || dash - usage > 4 || strcmp(dash + 1, suffix) != 0)
		return FALSE;
	for (const char *at = usage; at < dash; at++) {
		if (!g_ascii_isupper(*at) && !g_ascii_isdigit(*at))
			return FALSE;
	}
	return TRUE;
}

static const char *
offer_attr(const OfferProduct *product, OfferAttribute attribute)
{
	return product->attributes[attribute];
}

/* the book key an EC2 product prices, or NULL: on-demand Linux, shared tenancy, no
 * pre-installed software, used capacity, no licence (the filters the reference gives) */
static char *
offer_classify_ec2(const OfferProduct *product)
{
	const char *usage = offer_attr(product, ATTR_USAGE_TYPE);
	const char *market = offer_attr(product, ATTR_MARKET_OPTION);

	if (strcmp(product->family, "Compute Instance") == 0 ||
	    strcmp(product->family, "Compute Instance (bare metal)") == 0) {
		if (strcmp(offer_attr(product, ATTR_OPERATING_SYSTEM), "Linux") != 0 ||
		    strcmp(offer_attr(product, ATTR_TENANCY), "Shared") != 0 ||
		    strcmp(offer_attr(product, ATTR_PRE_INSTALLED_SW), "NA") != 0 ||
		    strcmp(offer_attr(product, ATTR_CAPACITY_STATUS), "Used") != 0 ||
		    strcmp(offer_attr(product, ATTR_LICENSE_MODEL), "No License required") != 0 ||
		    (market[0] != '\0' && strcmp(market, "OnDemand") != 0) ||
		    strstr(usage, "BoxUsage") == NULL ||
		    offer_attr(product, ATTR_INSTANCE_TYPE)[0] == '\0')
			return NULL;
		return g_strconcat("ec2.", offer_attr(product, ATTR_INSTANCE_TYPE), NULL);
	}
	if (strcmp(product->family, "NAT Gateway") == 0) {
		if (offer_usage_is(usage, "NatGateway-Hours"))
			return g_strdup("nat.hour");
		if (offer_usage_is(usage, "NatGateway-Bytes"))
			return g_strdup("nat.gb");
	}
	return NULL;
}

static char *
offer_classify_ecs(const OfferProduct *product)
{
	static const struct {
		const char *usage;
		const char *key;
	} rates[] = {
	    {"Fargate-vCPU-Hours:perCPU", "fargate.x86_64.vcpu_hour"},
	    {"Fargate-GB-Hours", "fargate.x86_64.gb_hour"},
	    {"Fargate-ARM-vCPU-Hours:perCPU", "fargate.arm64.vcpu_hour"},
	    {"Fargate-ARM-GB-Hours", "fargate.arm64.gb_hour"},
	    {"Fargate-EphemeralStorage-GB-Hours", "fargate.ephemeral_gb_hour"},
	};
	const char *usage = offer_attr(product, ATTR_USAGE_TYPE);

	for (guint i = 0; i < G_N_ELEMENTS(rates); i++) {
		if (offer_usage_is(usage, rates[i].usage))
			return g_strdup(rates[i].key);
	}
	return NULL;
}

static char *
offer_classify_elb(const OfferProduct *product)
{
	const char *usage = offer_attr(product, ATTR_USAGE_TYPE);
	const char *prefix;

	if (strcmp(product->family, "Load Balancer-Application") == 0)
		prefix = "alb";
	else if (strcmp(product->family, "Load Balancer-Network") == 0)
		prefix = "nlb";
	else
		return NULL;
	if (offer_usage_is(usage, "LoadBalancerUsage"))
		return g_strconcat(prefix, ".hour", NULL);
	if (offer_usage_is(usage, "LCUUsage"))
		return g_strconcat(prefix, ".lcu_hour", NULL);
	return NULL;
}

static char *
offer_classify_vpc(const OfferProduct *product)
{
	const char *usage = offer_attr(product, ATTR_USAGE_TYPE);

	if (offer_usage_is(usage, "PublicIPv4:InUseAddress"))
		return g_strdup("public_ipv4.hour");
	if (offer_usage_is(usage, "VpcEndpoint-Hours"))
		return g_strdup("endpoint.hour_per_az");
	if (offer_usage_is(usage, "VpcEndpoint-Bytes"))
		return g_strdup("endpoint.gb");
	return NULL;
}

static char *
offer_classify_transfer(const OfferProduct *product)
{
	const char *type = offer_attr(product, ATTR_TRANSFER_TYPE);

	if (strcmp(type, "IntraRegion") == 0)
		return g_strdup("inter_az.gb");
	if (strcmp(type, "AWS Outbound") == 0 &&
	    strcmp(offer_attr(product, ATTR_TO_LOCATION), "External") == 0)
		return g_strdup("internet_egress.gb");
	return NULL;
}

/* the region a product is for: regionCode, or fromRegionCode for data transfer */
static const char *
offer_product_region(const OfferProduct *product)
{
	const char *region = offer_attr(product, ATTR_REGION_CODE);
	return region[0] != '\0' ? region : offer_attr(product, ATTR_FROM_REGION_CODE);
}

/* "1yr" / "3yr", "No Upfront" / "Partial Upfront" / "All Upfront" (or without the space, as
 * some Savings Plans files write them) -> the book's option name, or NULL */
static const char *
offer_option_name(const char *lease, const char *option)
{
	PlanTerm term;
	PlanUpfront upfront;

	if (strcmp(lease, "1yr") == 0 || strcmp(lease, "1 yr") == 0)
		term = PLAN_TERM_1Y;
	else if (strcmp(lease, "3yr") == 0 || strcmp(lease, "3 yr") == 0)
		term = PLAN_TERM_3Y;
	else
		return NULL;
	if (strcmp(option, "No Upfront") == 0 || strcmp(option, "NoUpfront") == 0)
		upfront = PLAN_UPFRONT_NO;
	else if (strcmp(option, "Partial Upfront") == 0 || strcmp(option, "PartialUpfront") == 0)
		upfront = PLAN_UPFRONT_PARTIAL;
	else if (strcmp(option, "All Upfront") == 0 || strcmp(option, "AllUpfront") == 0)
		upfront = PLAN_UPFRONT_ALL;
	else
		return NULL;
	return plan_commit_option_name(term, upfront);
}

/* a Savings Plan product: which plan and option its SKU is; plans ecsplan does not price
 * (SageMaker, ...) and odd terms are left out */
static void
offer_sp_product_end(OfferParse *parse)
{
	const OfferProduct *product = &parse->product;
	const char *kind;
	const char *option = NULL;

	if (strcmp(product->family, "ComputeSavingsPlans") == 0)
		kind = "compute";
	else if (strcmp(product->family, "EC2InstanceSavingsPlans") == 0)
		kind = "ec2_instance";
	else
		return;
	option = offer_option_name(offer_attr(product, ATTR_PURCHASE_TERM),
				   offer_attr(product, ATTR_PURCHASE_OPTION));
	if (option == NULL || product->sku[0] == '\0')
		return;
	g_hash_table_replace(parse->sp_plans, g_strdup(product->sku),
			     g_strdup_printf("%s|%s", kind, option));
}

static void
offer_product_end(OfferParse *parse)
{
	const OfferProduct *product = &parse->product;
	const char *region = offer_product_region(product);
	g_autofree char *key = NULL;

	parse->n_products++;
	if (parse->savings_plan) {
		offer_sp_product_end(parse);
		return;
	}
	if (strcmp(parse->offer_code, "AmazonEC2") == 0)
		key = offer_classify_ec2(product);
	else if (strcmp(parse->offer_code, "AmazonECS") == 0)
		key = offer_classify_ecs(product);
	else if (strcmp(parse->offer_code, "AWSELB") == 0)
		key = offer_classify_elb(product);
	else if (strcmp(parse->offer_code, "AmazonVPC") == 0)
		key = offer_classify_vpc(product);
	else if (strcmp(parse->offer_code, "AWSDataTransfer") == 0)
		key = offer_classify_transfer(product);
	/* key on the region code, never on location names or usage-type prefixes */
	if (key == NULL || region[0] == '\0' || product->sku[0] == '\0')
		return;
	if (parse->import->region == NULL)
		parse->import->region = g_strdup(region);
	if (strcmp(region, parse->import->region) != 0)
		return;
	g_hash_table_replace(parse->wanted, g_strdup(product->sku), g_steal_pointer(&key));
}

/* ---- reading rates ------------------------------------------------------------------------ */

static gboolean offer_fail(OfferParse *parse, const char *format, ...) G_GNUC_PRINTF(2, 3);

/* stops the parse with a message about the file; always FALSE (yajl's "stop") */
static gboolean
offer_fail(OfferParse *parse, const char *format, ...)
{
	g_autofree char *message = NULL;
	va_list args;

	if (parse->error != NULL)
		return FALSE;
	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	g_set_error(&parse->error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL, "%s: %s", parse->name,
		    message);
	return FALSE;
}

/* a tiered rate (egress, endpoint data) keeps its first paid tier: the lowest range whose price
 * is above 0 (the 0-priced first rows are free allowances); an untiered one its first rate */
static gboolean
offer_better(const PlanOfferFigure *old, double begin, PlanNanos nanos)
{
	if (old == NULL)
		return TRUE;
	if (old->nanos == 0 && nanos > 0)
		return TRUE;
	return nanos > 0 && begin < old->begin_range;
}

/* the whole text is one JSON number ("0.17", "1.0E-4"): the book writes it back verbatim */
static gboolean
offer_decimal_valid(const char *text)
{
	const char *at = text;

	if (*at == '-')
		at++;
	if (!g_ascii_isdigit(*at))
		return FALSE;
	/* JSON allows no leading zero: "0.5", never "00.5" */
	if (*at == '0' && g_ascii_isdigit(at[1]))
		return FALSE;
	while (g_ascii_isdigit(*at))
		at++;
	if (*at == '.') {
		at++;
		if (!g_ascii_isdigit(*at))
			return FALSE;
		while (g_ascii_isdigit(*at))
			at++;
	}
	if (*at == 'e' || *at == 'E') {
		at++;
		if (*at == '+' || *at == '-')
			at++;
		if (!g_ascii_isdigit(*at))
			return FALSE;
		while (g_ascii_isdigit(*at))
			at++;
	}
	return *at == '\0';
}

static gboolean
offer_is(const OfferParse *parse, guint depth, const char *key)
{
	return parse->depth >= depth && strcmp(parse->keys[depth], key) == 0;
}

/* the price of @dimension checked and in nanos; FALSE (the parse stops) when it does not parse */
static gboolean
offer_dimension_nanos(OfferParse *parse, const OfferDimension *dimension, PlanNanos *nanos)
{
	if (!dimension->has_usd)
		return offer_fail(parse, "rate '%s' has no USD price", dimension->rate_code);
	if (!offer_decimal_valid(dimension->usd) ||
	    !book_decimal_to_nanos(dimension->usd, strlen(dimension->usd), nanos) || *nanos < 0)
		return offer_fail(parse, "rate '%s': price '%s' is not a decimal number of dollars",
				  dimension->rate_code, dimension->usd);
	if (*nanos > OFFER_MAX_NANOS)
		return offer_fail(parse, "rate '%s': price '%s' is over $1,000,000 a unit",
				  dimension->rate_code, dimension->usd);
	return TRUE;
}

/* records @key's figure from @dimension, replacing any before it */
static void
offer_add_figure(OfferParse *parse, const char *key, const OfferDimension *dimension,
		 PlanNanos nanos, double begin)
{
	PlanOfferFigure *figure = g_new0(PlanOfferFigure, 1);
	char *owned_key = g_strdup(key);

	figure->price = g_strdup(dimension->usd);
	figure->nanos = nanos;
	figure->begin_range = begin;
	figure->sku = g_strdup(parse->keys[3]);
	figure->rate_code = g_strdup(dimension->rate_code);
	figure->offer_code = g_strdup(parse->offer_code);
	figure->version = g_strdup(parse->version);
	figure->publication_date = g_strdup(parse->publication_date);
	figure->file = g_filename_display_name(parse->name);
	figure->key = owned_key;
	g_hash_table_replace(parse->import->figures, owned_key, figure);
}

static gboolean
offer_dimension_end(OfferParse *parse)
{
	OfferDimension *dimension = &parse->dimension;
	const PlanOfferFigure *old;
	PlanNanos nanos = 0;
	double begin = 0.0;

	if (parse->term_key == NULL)
		return TRUE;
	if (offer_is(parse, 2, "Reserved")) {
		/* kept until the term ends and its attributes are known */
		if (g_ascii_strcasecmp(dimension->unit, "Quantity") == 0)
			parse->ri_upfront = *dimension;
		else if (g_ascii_strcasecmp(dimension->unit, "Hrs") == 0)
			parse->ri_hourly = *dimension;
		return TRUE;
	}
	if (!offer_dimension_nanos(parse, dimension, &nanos))
		return FALSE;
	/* an upfront fee is not an hourly rate */
	if (g_ascii_strcasecmp(dimension->unit, "Quantity") == 0)
		return TRUE;
	if (dimension->begin_range[0] != '\0')
		begin = g_ascii_strtod(dimension->begin_range, NULL);
	old = g_hash_table_lookup(parse->import->figures, parse->term_key);
	if (!offer_better(old, begin, nanos))
		return TRUE;
	offer_add_figure(parse, parse->term_key, dimension, nanos, begin);
	return TRUE;
}

/* a Reserved term ends: a standard offering of a wanted instance type becomes
 * "reserved|TYPE|OPTION|hourly" (and "|upfront" when it has a fee); convertible ones and odd
 * terms are left out */
static gboolean
offer_reserved_end(OfferParse *parse)
{
	const char *option = offer_option_name(parse->ri_lease, parse->ri_option);
	const char *type;
	PlanNanos nanos = 0;
	g_autofree char *key = NULL;

	if (!g_str_has_prefix(parse->term_key, "ec2.") || option == NULL ||
	    strcmp(parse->ri_class, "standard") != 0 || parse->ri_hourly.rate_code[0] == '\0')
		return TRUE;
	type = parse->term_key + strlen("ec2.");
	if (!offer_dimension_nanos(parse, &parse->ri_hourly, &nanos))
		return FALSE;
	key = g_strdup_printf("reserved|%s|%s|hourly", type, option);
	offer_add_figure(parse, key, &parse->ri_hourly, nanos, 0);
	if (parse->ri_upfront.rate_code[0] != '\0') {
		if (!offer_dimension_nanos(parse, &parse->ri_upfront, &nanos))
			return FALSE;
		g_free(key);
		key = g_strdup_printf("reserved|%s|%s|upfront", type, option);
		offer_add_figure(parse, key, &parse->ri_upfront, nanos, 0);
	}
	return TRUE;
}

/* ---- the Spot Advisor file --------------------------------------------------------------- */

/* the bands as AWS labels them (spot-advisor-data.json "ranges"), by index */
static const char *const spot_band_labels[] = {"<5%", "5-10%", "10-15%", "15-20%", ">20%"};

/* one entry of "ranges": the book knows the five bands, so a file that labels them otherwise
 * is refused rather than misread */
static gboolean
offer_spot_range_end(OfferParse *parse)
{
	guint64 index = 0;

	if (!g_ascii_string_to_unsigned(parse->range_index, 10, 0,
					G_N_ELEMENTS(spot_band_labels) - 1, &index, NULL) ||
	    strcmp(parse->range_label, spot_band_labels[index]) != 0)
		return offer_fail(parse,
				  "Spot Advisor range %s labelled '%s' is not one ecsplan knows "
				  "(<5%%, 5-10%%, 10-15%%, 15-20%%, >20%%)",
				  parse->range_index, parse->range_label);
	return TRUE;
}

/* spot_advisor[REGION]["Linux"][TYPE] = {"s": percent saved, "r": band}: the import's region
 * only (the file covers every region, so the region must be known first) */
static gboolean
offer_spot_type_end(OfferParse *parse)
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
		return offer_fail(parse, "the Spot Advisor file covers every region: give "
					 "--region, or an offer file of the region before it");
	if (strcmp(region, parse->import->region) != 0)
		return TRUE;
	if (!offer_decimal_valid(parse->spot_savings) ||
	    !book_decimal_to_nanos(parse->spot_savings, strlen(parse->spot_savings), &percent) ||
	    percent < 0 || percent > 100 * PLAN_NANOS_PER_DOLLAR)
		return offer_fail(parse, "spot_advisor.%s.Linux.%s: savings '%s' is not a "
					 "percentage from 0 to 100",
				  region, type, parse->spot_savings);
	if (!g_ascii_string_to_unsigned(parse->spot_band, 10, 0,
					G_N_ELEMENTS(spot_band_labels) - 1, &band, NULL))
		return offer_fail(parse, "spot_advisor.%s.Linux.%s: interruption band '%s' is not "
					 "0 to 4",
				  region, type, parse->spot_band);
	/* percent / 100 as a ratio, in nanos: exact for any percentage with up to 7 decimals */
	g_snprintf(dimension.usd, sizeof dimension.usd, "%" G_GINT64_FORMAT ".%09" G_GINT64_FORMAT,
		   percent / 100 / PLAN_NANOS_PER_DOLLAR, percent / 100 % PLAN_NANOS_PER_DOLLAR);
	g_snprintf(dimension.rate_code, sizeof dimension.rate_code, "spot_advisor.%s.Linux.%s",
		   region, type);
	key = g_strdup_printf("spot|ec2|%s|savings", type);
	offer_add_figure(parse, key, &dimension, percent / 100, 0);
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

/* ---- Savings Plans offer files ------------------------------------------------------------ */

/* one rate of a plan: the EC2 Linux shared-tenancy hour of a type (BoxUsage, RunInstances) or
 * a Fargate Linux vCPU/GB hour becomes savings_plans|KIND|...|OPTION; the rest (Windows,
 * dedicated, Lambda, SageMaker, other regions) is left out */
static gboolean
offer_sp_rate_end(OfferParse *parse)
{
	static const struct {
		const char *usage;
		const char *subject;
	} fargate[] = {
	    {"Fargate-vCPU-Hours:perCPU", "fargate|x86_64|vcpu_hour"},
	    {"Fargate-GB-Hours", "fargate|x86_64|gb_hour"},
	    {"Fargate-ARM-vCPU-Hours:perCPU", "fargate|arm64|vcpu_hour"},
	    {"Fargate-ARM-GB-Hours", "fargate|arm64|gb_hour"},
	};
	const char *plan = g_hash_table_lookup(parse->sp_plans, parse->sp_plan_sku);
	const char *usage = parse->sp_rate.usage;
	const char *box;
	g_autofree char *kind = NULL;
	const char *option;
	g_autofree char *key = NULL;
	PlanNanos nanos = 0;

	if (plan == NULL || parse->sp_rate.region[0] == '\0')
		return TRUE;
	option = strchr(plan, '|') + 1;
	kind = g_strndup(plan, (gsize)(option - 1 - plan));
	if (strcmp(parse->sp_rate.service, "AmazonEC2") == 0) {
		/* "BoxUsage:c6i.xlarge" or "APS3-BoxUsage:c6i.xlarge", Linux ("RunInstances") */
		box = strstr(usage, "BoxUsage:");
		if (box == NULL || (box != usage && !offer_usage_is(usage, box)) ||
		    strcmp(parse->sp_rate.operation, "RunInstances") != 0 ||
		    box[strlen("BoxUsage:")] == '\0')
			return TRUE;
		key = strcmp(kind, "compute") == 0
			  ? g_strdup_printf("savings_plans|compute|ec2|%s|%s",
					    box + strlen("BoxUsage:"), option)
			  : g_strdup_printf("savings_plans|ec2_instance|%s|%s",
					    box + strlen("BoxUsage:"), option);
	} else if (strcmp(parse->sp_rate.service, "AmazonECS") == 0 &&
		   strcmp(kind, "compute") == 0) {
		for (guint i = 0; i < G_N_ELEMENTS(fargate) && key == NULL; i++) {
			if (offer_usage_is(usage, fargate[i].usage))
				key = g_strdup_printf("savings_plans|compute|%s|%s",
						      fargate[i].subject, option);
		}
		if (key == NULL)
			return TRUE;
	} else {
		return TRUE;
	}
	/* key on the region code, as for the offer files */
	if (parse->import->region == NULL)
		parse->import->region = g_strdup(parse->sp_rate.region);
	if (strcmp(parse->sp_rate.region, parse->import->region) != 0)
		return TRUE;
	if (parse->sp_rate.currency[0] != '\0' && strcmp(parse->sp_rate.currency, "USD") != 0)
		return offer_fail(parse, "rate '%s' is in %s, not USD", parse->sp_rate.rate.rate_code,
				  parse->sp_rate.currency);
	if (!offer_dimension_nanos(parse, &parse->sp_rate.rate, &nanos))
		return FALSE;
	offer_add_figure(parse, key, &parse->sp_rate.rate, nanos, 0);
	{
		PlanOfferFigure *figure = g_hash_table_lookup(parse->import->figures, key);
		g_free(figure->sku);
		figure->sku = g_strdup_printf("%s (discounted SKU %s)", parse->sp_plan_sku,
					      parse->sp_rate.sku);
		g_free(figure->offer_code);
		figure->offer_code =
		    g_strdup(parse->sp_service[0] != '\0' ? parse->sp_service : "SavingsPlans");
	}
	return TRUE;
}

/* ---- yajl callbacks ----------------------------------------------------------------------- */

static void
offer_copy(char *out, gsize size, const unsigned char *text, size_t length)
{
	gsize n = MIN((gsize)length, size - 1);

	/* cut on a character boundary: yajl checked the UTF-8, and the book reads it again */
	while (n > 0 && n < (gsize)length && (text[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, text, n);
	out[n] = '\0';
}

static gboolean
offer_check_code(OfferParse *parse)
{
	/* a Savings Plans file may name its plan type as its offer code */
	if (strstr(parse->offer_code, "SavingsPlan") != NULL) {
		parse->savings_plan = TRUE;
		return TRUE;
	}
	for (guint i = 0; i < G_N_ELEMENTS(offer_codes); i++) {
		if (strcmp(parse->offer_code, offer_codes[i]) == 0)
			return TRUE;
	}
	return offer_fail(parse, "offer code '%s' is not one ecsplan imports (%s)",
			  parse->offer_code, PLAN_OFFER_CODES);
}

/* every scalar: strings and numbers both arrive as text */
static int
offer_scalar(void *data, const unsigned char *text, size_t length)
{
	OfferParse *parse = data;
	guint depth = parse->depth;

	if (parse->savings_plan && offer_is(parse, 1, "terms") && offer_is(parse, 2, "savingsPlan")) {
		const char *key = parse->keys[depth];
		if (depth == 4 && strcmp(key, "sku") == 0)
			offer_copy(parse->sp_plan_sku, sizeof parse->sp_plan_sku, text, length);
		else if (depth == 6 && offer_is(parse, 4, "rates")) {
			static const struct {
				const char *name;
				gsize offset;
				gsize size;
			} fields[] = {
#define SP_FIELD(name, member)                                                                  \
	{name, G_STRUCT_OFFSET(OfferParse, sp_rate.member), sizeof(((OfferParse *)0)->sp_rate.member)}
			    SP_FIELD("discountedSku", sku),
			    SP_FIELD("discountedUsageType", usage),
			    SP_FIELD("discountedOperation", operation),
			    SP_FIELD("discountedServiceCode", service),
			    SP_FIELD("discountedRegionCode", region),
			    SP_FIELD("discountedInstanceType", instance),
			    SP_FIELD("rateCode", rate.rate_code),
			    SP_FIELD("unit", rate.unit),
#undef SP_FIELD
			};
			for (guint i = 0; i < G_N_ELEMENTS(fields); i++) {
				if (strcmp(key, fields[i].name) == 0)
					offer_copy((char *)parse + fields[i].offset, fields[i].size,
						   text, length);
			}
		} else if (depth == 7 && offer_is(parse, 6, "discountedRate")) {
			if (strcmp(key, "price") == 0) {
				offer_copy(parse->sp_rate.rate.usd, sizeof parse->sp_rate.rate.usd,
					   text, length);
				parse->sp_rate.rate.has_usd = TRUE;
			} else if (strcmp(key, "currency") == 0) {
				offer_copy(parse->sp_rate.currency, sizeof parse->sp_rate.currency,
					   text, length);
			}
		}
		return TRUE;
	}
	if (parse->savings_plan && depth == 3 && offer_is(parse, 1, "products") &&
	    strcmp(parse->keys[3], "serviceCode") == 0 && parse->sp_service[0] == '\0')
		offer_copy(parse->sp_service, sizeof parse->sp_service, text, length);
	if (parse->spot_advisor && depth == 3 && offer_is(parse, 1, "ranges")) {
		if (strcmp(parse->keys[3], "index") == 0)
			offer_copy(parse->range_index, sizeof parse->range_index, text, length);
		else if (strcmp(parse->keys[3], "label") == 0)
			offer_copy(parse->range_label, sizeof parse->range_label, text, length);
		return TRUE;
	}
	if (parse->spot_advisor && depth == 5 && offer_is(parse, 1, "spot_advisor")) {
		if (strcmp(parse->keys[5], "s") == 0)
			offer_copy(parse->spot_savings, sizeof parse->spot_savings, text, length);
		else if (strcmp(parse->keys[5], "r") == 0)
			offer_copy(parse->spot_band, sizeof parse->spot_band, text, length);
		return TRUE;
	}
	if (depth == 1) {
		const char *key = parse->keys[1];
		if (strcmp(key, "offerCode") == 0) {
			offer_copy(parse->offer_code, sizeof parse->offer_code, text, length);
			return offer_check_code(parse);
		}
		if (strcmp(key, "version") == 0)
			offer_copy(parse->version, sizeof parse->version, text, length);
		else if (strcmp(key, "publicationDate") == 0)
			offer_copy(parse->publication_date, sizeof parse->publication_date, text,
				   length);
		else if (strcmp(key, "formatVersion") == 0)
			parse->format_version = TRUE;
		return TRUE;
	}
	if (offer_is(parse, 1, "products")) {
		if (depth == 3 && strcmp(parse->keys[3], "sku") == 0)
			offer_copy(parse->product.sku, sizeof parse->product.sku, text, length);
		else if (depth == 3 && strcmp(parse->keys[3], "productFamily") == 0)
			offer_copy(parse->product.family, sizeof parse->product.family, text,
				   length);
		else if (depth == 4 && strcmp(parse->keys[3], "attributes") == 0) {
			for (guint a = 0; a < ATTR_N; a++) {
				if (strcmp(parse->keys[4], offer_attribute_names[a]) == 0)
					offer_copy(parse->product.attributes[a], OFFER_VALUE_SIZE,
						   text, length);
			}
		}
		return TRUE;
	}
	if (parse->term_key != NULL && depth == 6 && offer_is(parse, 5, "termAttributes") &&
	    offer_is(parse, 2, "Reserved")) {
		const char *key = parse->keys[6];
		if (strcmp(key, "LeaseContractLength") == 0)
			offer_copy(parse->ri_lease, sizeof parse->ri_lease, text, length);
		else if (strcmp(key, "OfferingClass") == 0)
			offer_copy(parse->ri_class, sizeof parse->ri_class, text, length);
		else if (strcmp(key, "PurchaseOption") == 0)
			offer_copy(parse->ri_option, sizeof parse->ri_option, text, length);
		return TRUE;
	}
	if (parse->term_key != NULL && depth == 7) {
		OfferDimension *dimension = &parse->dimension;
		const char *key = parse->keys[7];
		if (strcmp(key, "rateCode") == 0)
			offer_copy(dimension->rate_code, sizeof dimension->rate_code, text, length);
		else if (strcmp(key, "unit") == 0)
			offer_copy(dimension->unit, sizeof dimension->unit, text, length);
		else if (strcmp(key, "beginRange") == 0)
			offer_copy(dimension->begin_range, sizeof dimension->begin_range, text,
				   length);
	} else if (parse->term_key != NULL && depth == 8 &&
		   strcmp(parse->keys[7], "pricePerUnit") == 0 &&
		   strcmp(parse->keys[8], "USD") == 0) {
		offer_copy(parse->dimension.usd, sizeof parse->dimension.usd, text, length);
		parse->dimension.has_usd = TRUE;
	}
	return TRUE;
}

static int
offer_null(void *data)
{
	(void)data;
	return TRUE;
}

static int
offer_boolean(void *data, int value)
{
	(void)data;
	(void)value;
	return TRUE;
}

static int
offer_start_map(void *data)
{
	OfferParse *parse = data;

	if (parse->depth >= OFFER_MAX_DEPTH)
		return offer_fail(parse, "nested deeper than an AWS offer file (%u levels)",
				  OFFER_MAX_DEPTH);
	/* the Spot Advisor file: known by its members, never by its name */
	if (parse->depth == 1 && parse->offer_code[0] == '\0' &&
	    (strcmp(parse->keys[1], "spot_advisor") == 0 || strcmp(parse->keys[1], "ranges") == 0 ||
	     strcmp(parse->keys[1], "instance_types") == 0))
		parse->spot_advisor = TRUE;
	if (parse->depth == 1 && strcmp(parse->keys[1], "products") == 0 &&
	    (parse->offer_code[0] == '\0' || !parse->format_version))
		return offer_fail(parse, "not an AWS Price List offer file: no \"formatVersion\" "
					 "and \"offerCode\" before \"products\"");
	if (parse->depth == 1 && strcmp(parse->keys[1], "terms") == 0 &&
	    parse->offer_code[0] == '\0' && !parse->savings_plan)
		return offer_fail(parse, "not an AWS Price List offer file: no \"offerCode\" "
					 "before \"terms\"");
	/* other term types than on-demand and Reserved are nothing the book uses: once the
	 * on-demand terms are read, the rest is only checked for its shape (offer_skip_rest) */
	if (parse->depth == 2 && offer_is(parse, 1, "terms") && parse->on_demand_read &&
	    strcmp(parse->keys[2], "OnDemand") != 0) {
		/* the Reserved terms are most of the bytes: only the wanted SKUs' objects are
		 * handed to yajl (offer_skip_feed), the rest is scanned */
		parse->reserved_scan = strcmp(parse->keys[2], "Reserved") == 0;
		parse->skipping = TRUE;
		return FALSE;
	}
	parse->depth++;
	parse->keys[parse->depth][0] = '\0';
	if (parse->depth == 3 && offer_is(parse, 1, "products"))
		memset(&parse->product, 0, sizeof parse->product);
	if (parse->savings_plan && offer_is(parse, 1, "terms") && offer_is(parse, 2, "savingsPlan")) {
		if (parse->depth == 4)
			parse->sp_plan_sku[0] = '\0';
		else if (parse->depth == 6 && offer_is(parse, 4, "rates"))
			memset(&parse->sp_rate, 0, sizeof parse->sp_rate);
	}
	if (parse->spot_advisor && parse->depth == 5 && offer_is(parse, 1, "spot_advisor"))
		parse->spot_savings[0] = parse->spot_band[0] = '\0';
	if (parse->spot_advisor && parse->depth == 3 && offer_is(parse, 1, "ranges"))
		parse->range_index[0] = parse->range_label[0] = '\0';
	/* the terms of one SKU: read them only for a SKU the book needs */
	if (parse->depth == 4 && offer_is(parse, 1, "terms") && offer_is(parse, 2, "OnDemand"))
		parse->term_key = g_hash_table_lookup(parse->wanted, parse->keys[3]);
	/* a Reserved term: only instance types have them that the book keeps */
	if (parse->depth == 5 && offer_is(parse, 1, "terms") && offer_is(parse, 2, "Reserved")) {
		const char *key = g_hash_table_lookup(parse->wanted, parse->keys[3]);
		parse->term_key = key != NULL && g_str_has_prefix(key, "ec2.") ? key : NULL;
		memset(&parse->ri_hourly, 0, sizeof parse->ri_hourly);
		memset(&parse->ri_upfront, 0, sizeof parse->ri_upfront);
		parse->ri_lease[0] = parse->ri_class[0] = parse->ri_option[0] = '\0';
	}
	if (parse->depth == 7 && parse->term_key != NULL)
		memset(&parse->dimension, 0, sizeof parse->dimension);
	return TRUE;
}

static int
offer_map_key(void *data, const unsigned char *key, size_t length)
{
	OfferParse *parse = data;

	offer_copy(parse->keys[parse->depth], OFFER_KEY_SIZE, key, length);
	return TRUE;
}

static int
offer_end_map(void *data)
{
	OfferParse *parse = data;
	gboolean ok = TRUE;

	if (parse->depth == 3 && offer_is(parse, 1, "products"))
		offer_product_end(parse);
	else if (parse->depth == 7 && parse->term_key != NULL &&
		 offer_is(parse, 5, "priceDimensions"))
		ok = offer_dimension_end(parse);
	if (parse->savings_plan && parse->depth == 6 && offer_is(parse, 1, "terms") &&
	    offer_is(parse, 2, "savingsPlan") && offer_is(parse, 4, "rates"))
		ok = offer_sp_rate_end(parse);
	if (parse->spot_advisor && parse->depth == 5 && offer_is(parse, 1, "spot_advisor"))
		ok = offer_spot_type_end(parse);
	else if (parse->spot_advisor && parse->depth == 3 && offer_is(parse, 1, "ranges"))
		ok = offer_spot_range_end(parse);
	if (parse->depth == 5 && parse->term_key != NULL && offer_is(parse, 1, "terms") &&
	    offer_is(parse, 2, "Reserved"))
		ok = offer_reserved_end(parse);
	if (parse->depth == 4 && offer_is(parse, 1, "terms"))
		parse->term_key = NULL;
	if (parse->depth == 3 && offer_is(parse, 1, "terms") && offer_is(parse, 2, "OnDemand"))
		parse->on_demand_read = TRUE;
	if (parse->depth > 0)
		parse->depth--;
	if (parse->depth == 0)
		parse->top_closed = TRUE;
	return ok;
}

static int
offer_start_array(void *data)
{
	OfferParse *parse = data;

	/* no array holds anything the importer reads (appliesTo is one): count it as a level */
	if (parse->depth == 0)
		return offer_fail(parse, "not an AWS Price List offer file: the top level is an "
					 "array, not an object");
	if (parse->depth >= OFFER_MAX_DEPTH)
		return offer_fail(parse, "nested deeper than an AWS offer file (%u levels)",
				  OFFER_MAX_DEPTH);
	if (parse->depth == 1 && parse->offer_code[0] == '\0' &&
	    strcmp(parse->keys[1], "ranges") == 0)
		parse->spot_advisor = TRUE;
	/* a Savings Plans offer file: its products are an array, not an object of SKUs */
	if (parse->depth == 1 && strcmp(parse->keys[1], "products") == 0)
		parse->savings_plan = TRUE;
	parse->depth++;
	parse->keys[parse->depth][0] = '\0';
	return TRUE;
}

static int
offer_end_array(void *data)
{
	OfferParse *parse = data;
	if (parse->depth > 0)
		parse->depth--;
	return TRUE;
}

static int
offer_string(void *data, const unsigned char *text, size_t length)
{
	return offer_scalar(data, text, length);
}

static int
offer_number(void *data, const char *text, size_t length)
{
	return offer_scalar(data, (const unsigned char *)text, length);
}

static const yajl_callbacks offer_callbacks = {
    offer_null,	     offer_boolean,   NULL,	     NULL,	    offer_number,
    offer_string,    offer_start_map, offer_map_key, offer_end_map, offer_start_array,
    offer_end_array,
};

/* ---- the stream --------------------------------------------------------------------------- */

static void
offer_parse_clear(OfferParse *parse)
{
	g_clear_pointer(&parse->wanted, g_hash_table_unref);
	g_clear_pointer(&parse->sp_plans, g_hash_table_unref);
	g_clear_error(&parse->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(OfferParse, offer_parse_clear)

typedef yajl_handle OfferHandle;
static void
offer_handle_free(OfferHandle handle)
{
	yajl_free(handle);
}
G_DEFINE_AUTO_CLEANUP_FREE_FUNC(OfferHandle, offer_handle_free, NULL)

static gboolean
offer_check_header(const OfferParse *parse, GError **error)
{
	if (parse->spot_advisor)
		return TRUE;
	if (parse->savings_plan && parse->version[0] != '\0')
		return TRUE;
	if (!parse->format_version || parse->offer_code[0] == '\0') {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s: not an AWS Price List offer file: no \"formatVersion\" and "
			    "\"offerCode\"",
			    parse->name);
		return FALSE;
	}
	return TRUE;
}

/* yajl's own message, with where it stopped */
static gboolean
offer_syntax_error(OfferParse *parse, yajl_handle handle, const unsigned char *chunk, gsize n,
		   guint64 offset, GError **error)
{
	unsigned char *text = yajl_get_error(handle, 0, chunk, n);
	g_autofree char *message = g_strchomp(g_strdup((const char *)text));

	yajl_free_error(handle, text);
	if (parse->top_closed && strstr(message, "trailing garbage") != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s: not an AWS Price List offer file: text after the end of the JSON "
			    "after %" G_GUINT64_FORMAT " bytes",
			    parse->name, offset + yajl_get_bytes_consumed(handle));
		return FALSE;
	}
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s: not an AWS Price List offer file: JSON stops making sense near byte "
		    "%" G_GUINT64_FORMAT " (%s)",
		    parse->name, offset + yajl_get_bytes_consumed(handle), message);
	return FALSE;
}

/* the brace scanner that replaces yajl for the skipped rest: strings (with escapes) are
 * stepped over, braces and brackets counted; @depth is how many containers are open. Inside
 * terms.Reserved (depth 3) each member's key is a SKU: the object of a wanted one is copied and
 * read by yajl (offer_reserved_sku), the others are only stepped over */
typedef struct {
	guint64 depth;
	gboolean in_string;
	gboolean escaped;
	gboolean closed; /* depth reached 0: only whitespace may follow */
	OfferParse *parse;	/* non-NULL: the skipped value is terms.Reserved */
	gboolean in_key;	/* the string being read is a SKU key of terms.Reserved */
	GString *key;
	GString *object;	/* the wanted SKU's object being copied, or NULL */
	GError *error;		/* a wanted SKU's object did not read */
} OfferSkip;

static gboolean offer_reserved_sku(OfferParse *parse, const char *sku, const GString *object,
				   GError **error);

/* the bytes the scanner must look at outside strings */
static const guint8 offer_skip_special[256] = {
    ['"'] = 1, ['{'] = 1, ['}'] = 1, ['['] = 1, [']'] = 1,
};

/* FALSE when the bytes cannot end the document (text after its end, a close without an open),
 * or a wanted SKU's terms do not read (@skip->error set) */
static gboolean
offer_skip_feed(OfferSkip *skip, const unsigned char *bytes, gsize n)
{
	for (gsize i = 0; i < n; i++) {
		unsigned char c = bytes[i];
		if (skip->in_string) {
			const unsigned char *quote;
			const unsigned char *backslash;
			gsize start = i;
			if (skip->escaped) {
				skip->escaped = FALSE;
				if (skip->object != NULL)
					g_string_append_c(skip->object, (char)c);
				else if (skip->in_key)
					g_string_append_c(skip->key, (char)c);
				continue;
			}
			/* the common case: a run of plain characters up to the closing quote */
			quote = memchr(bytes + i, '"', n - i);
			backslash = memchr(bytes + i, '\\',
					   quote != NULL ? (gsize)(quote - (bytes + i)) : n - i);
			if (backslash != NULL) {
				i = (gsize)(backslash - bytes);
				skip->escaped = TRUE;
			} else if (quote != NULL) {
				i = (gsize)(quote - bytes);
				skip->in_string = FALSE;
			} else {
				i = n - 1;
			}
			/* the run, with its closing quote or backslash */
			if (skip->object != NULL)
				g_string_append_len(skip->object, (const char *)bytes + start,
						    (gssize)(i - start + 1));
			else if (skip->in_key)
				g_string_append_len(skip->key, (const char *)bytes + start,
						    (gssize)(i - start + (skip->in_string ? 1 : 0)));
			if (!skip->in_string)
				skip->in_key = FALSE;
			continue;
		}
		if (!skip->closed && !offer_skip_special[c]) {
			/* whitespace, commas, colons, numbers, literals: step over the run */
			gsize start = i;
			while (i + 1 < n && !offer_skip_special[bytes[i + 1]])
				i++;
			if (skip->object != NULL)
				g_string_append_len(skip->object, (const char *)bytes + start,
						    (gssize)(i - start + 1));
			continue;
		}
		if (skip->object != NULL) {
			g_string_append_c(skip->object, (char)c);
			if (skip->object->len > OFFER_MAX_SKU_TERMS) {
				g_set_error(&skip->error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
					    "%s: not an AWS Price List offer file: the Reserved "
					    "terms of SKU '%s' are over %u MiB",
					    skip->parse->name, skip->key->str,
					    OFFER_MAX_SKU_TERMS / (1024u * 1024u));
				return FALSE;
			}
		}
		if (skip->closed) {
			if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
				return FALSE;
		} else if (c == '"') {
			skip->in_string = TRUE;
			if (skip->parse != NULL && skip->depth == 3) {
				skip->in_key = TRUE;
				g_string_truncate(skip->key, 0);
			}
		} else if (c == '{' || c == '[') {
			skip->depth++;
			if (skip->parse != NULL && skip->depth == 4 && c == '{' &&
			    skip->object == NULL) {
				const char *key =
				    g_hash_table_lookup(skip->parse->wanted, skip->key->str);
				if (key != NULL && g_str_has_prefix(key, "ec2."))
					skip->object = g_string_new("{");
			}
		} else if (c == '}' || c == ']') {
			if (--skip->depth == 0)
				skip->closed = TRUE;
			if (skip->depth == 3 && skip->object != NULL) {
				gboolean ok = offer_reserved_sku(skip->parse, skip->key->str,
								 skip->object, &skip->error);
				g_string_free(g_steal_pointer(&skip->object), TRUE);
				if (!ok)
					return FALSE;
			}
			/* past terms.Reserved: nothing more is read */
			if (skip->depth < 3)
				skip->parse = NULL;
		}
	}
	return TRUE;
}

/* one wanted SKU's Reserved terms ({"SKU.TERM": {...}, ...}), read by yajl with the same
 * callbacks as if the whole file had been: the path above it is terms.Reserved.SKU */
static gboolean
offer_reserved_sku(OfferParse *parse, const char *sku, const GString *object, GError **error)
{
	g_auto(OfferHandle) handle = yajl_alloc(&offer_callbacks, NULL, parse);
	yajl_status status;

	parse->depth = 3;
	g_strlcpy(parse->keys[1], "terms", OFFER_KEY_SIZE);
	g_strlcpy(parse->keys[2], "Reserved", OFFER_KEY_SIZE);
	g_strlcpy(parse->keys[3], sku, OFFER_KEY_SIZE);
	status = yajl_parse(handle, (const unsigned char *)object->str, object->len);
	if (status == yajl_status_ok)
		status = yajl_complete_parse(handle);
	if (status == yajl_status_client_canceled) {
		g_propagate_error(error, g_steal_pointer(&parse->error));
		return FALSE;
	}
	if (status != yajl_status_ok) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s: not an AWS Price List offer file: the Reserved terms of SKU '%s' "
			    "do not make sense as JSON",
			    parse->name, sku);
		return FALSE;
	}
	return TRUE;
}

/* reads the rest of @stream after yajl stopped at the start of a skipped term type: @rest is
 * what was left of the chunk. The document must close (terms, then the top level) */
static gboolean
offer_skip_rest(OfferParse *parse, GInputStream *stream, const unsigned char *rest, gsize n,
		unsigned char *chunk, guint64 offset, GError **error)
{
	/* open: the top level, "terms" and the skipped value, whose '{' yajl has consumed */
	OfferSkip skip = {.depth = 3};
	gboolean ok;

	if (parse->reserved_scan) {
		skip.parse = parse;
		skip.key = g_string_new(NULL);
	}
	ok = offer_skip_feed(&skip, rest, n);

	offset += n;
	while (ok) {
		g_autoptr(GError) read_error = NULL;
		gssize got = g_input_stream_read(stream, chunk, OFFER_CHUNK, NULL, &read_error);
		if (got < 0) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read '%s': %s",
				    parse->name, read_error->message);
			return FALSE;
		}
		if (got == 0)
			break;
		ok = offer_skip_feed(&skip, chunk, (gsize)got);
		offset += (guint64)got;
	}
	if (skip.key != NULL)
		g_string_free(skip.key, TRUE);
	if (skip.object != NULL)
		g_string_free(skip.object, TRUE);
	if (skip.error != NULL) {
		g_propagate_error(error, skip.error);
		return FALSE;
	}
	if (!ok || !skip.closed) {
		g_set_error(
		    error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s: not an AWS Price List offer file: %s after %" G_GUINT64_FORMAT " bytes",
		    parse->name,
		    ok ? "the JSON ends early (truncated?)" : "text after the end of the JSON",
		    offset);
		return FALSE;
	}
	return TRUE;
}

/**
 * plan_offer_import_stream:
 * @import: (transfer none): the import to add to
 * @stream: (transfer none): the offer file's bytes
 * @name: the file as the user named it (messages, provenance)
 * Returns: TRUE, or FALSE with @error set (PLAN_ERROR_INVALID_MODEL, or PLAN_ERROR_IO)
 */
gboolean
plan_offer_import_stream(PlanOfferImport *import, GInputStream *stream, const char *name,
			 GError **error)
{
	g_auto(OfferParse) parse = {0};
	g_auto(OfferHandle) handle = NULL;
	g_autofree unsigned char *chunk = g_malloc(OFFER_CHUNK);
	guint64 offset = 0;
	yajl_status status;

	g_return_val_if_fail(import != NULL && stream != NULL && name != NULL, FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	parse.import = import;
	parse.name = name;
	parse.wanted = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	parse.sp_plans = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	handle = yajl_alloc(&offer_callbacks, NULL, &parse);
	for (;;) {
		g_autoptr(GError) read_error = NULL;
		gssize n = g_input_stream_read(stream, chunk, OFFER_CHUNK, NULL, &read_error);
		if (n < 0) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read '%s': %s", name,
				    read_error->message);
			return FALSE;
		}
		if (n == 0)
			break;
		status = yajl_parse(handle, chunk, (size_t)n);
		if (status == yajl_status_client_canceled && parse.skipping) {
			gsize used = yajl_get_bytes_consumed(handle);
			if (!offer_skip_rest(&parse, stream, chunk + used, (gsize)n - used, chunk,
					     offset + used, error))
				return FALSE;
			return offer_check_header(&parse, error);
		}
		if (status == yajl_status_client_canceled) {
			g_propagate_error(error, g_steal_pointer(&parse.error));
			return FALSE;
		}
		if (status != yajl_status_ok)
			return offer_syntax_error(&parse, handle, chunk, (gsize)n, offset, error);
		offset += (guint64)n;
	}
	status = yajl_complete_parse(handle);
	if (status == yajl_status_client_canceled) {
		g_propagate_error(error, g_steal_pointer(&parse.error));
		return FALSE;
	}
	if (status != yajl_status_ok || offset == 0) {
		g_set_error(
		    error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s: not an AWS Price List offer file: %s after %" G_GUINT64_FORMAT " bytes",
		    name, offset == 0 ? "empty" : "the JSON ends early (truncated?)", offset);
		return FALSE;
	}
	return offer_check_header(&parse, error);
}

gboolean
plan_offer_import_file(PlanOfferImport *import, const char *filename, GError **error)
{
	g_autoptr(GFile) file = g_file_new_for_commandline_arg(filename);
	g_autoptr(GError) open_error = NULL;
	g_autoptr(GFileInputStream) stream = g_file_read(file, NULL, &open_error);

	if (stream == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "cannot read '%s': %s", filename,
			    open_error->message);
		return FALSE;
	}
	return plan_offer_import_stream(import, G_INPUT_STREAM(stream), filename, error);
}

static gint
offer_compare_figures(gconstpointer a, gconstpointer b)
{
	const PlanOfferFigure *left = *(const PlanOfferFigure *const *)a;
	const PlanOfferFigure *right = *(const PlanOfferFigure *const *)b;
	return strcmp(left->key, right->key);
}

GPtrArray *
plan_offer_import_figures(const PlanOfferImport *import)
{
	GPtrArray *figures = g_ptr_array_new();
	GHashTableIter iter;
	gpointer value;

	g_return_val_if_fail(import != NULL, figures);
	g_hash_table_iter_init(&iter, import->figures);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_add(figures, value);
	g_ptr_array_sort(figures, offer_compare_figures);
	return figures;
}

/* ---- the book ----------------------------------------------------------------------------- */

/* "2023-03-22T14:56:51Z" -> "2023-03-22" (the book's date form); "undated" for anything that
 * does not start with a real date */
static char *
offer_date(const char *publication_date)
{
	guint64 year;
	guint64 month;
	guint64 day;

	if (strlen(publication_date) < 10 || publication_date[4] != '-' ||
	    publication_date[7] != '-')
		return g_strdup("undated");
	for (guint i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && !g_ascii_isdigit(publication_date[i]))
			return g_strdup("undated");
	}
	year = g_ascii_strtoull(publication_date, NULL, 10);
	month = g_ascii_strtoull(publication_date + 5, NULL, 10);
	day = g_ascii_strtoull(publication_date + 8, NULL, 10);
	if (year < 2000 || year > 2100 || month < 1 || month > 12 ||
	    !g_date_valid_dmy((GDateDay)day, (GDateMonth)month, (GDateYear)year))
		return g_strdup("undated");
	return g_strndup(publication_date, 10);
}

/* a source key is one word of letters, digits and dashes (the book splits sources on spaces) */
static char *
offer_source_key(const PlanOfferFigure *figure)
{
	gboolean plain = figure->version[0] != '\0';

	if (figure->interruption != NULL)
		return g_strdup("SpotAdvisor");

	for (const char *at = figure->version; *at != '\0' && plain; at++)
		plain = g_ascii_isalnum(*at);
	/* keys are at most 32 characters: a Savings Plans file is "SavingsPlans-VERSION" */
	return g_strdup_printf("%s-%s",
			       strstr(figure->offer_code, "SavingsPlan") != NULL ? "SavingsPlans"
										 : figure->offer_code,
			       plain ? figure->version : "unversioned");
}

/* the object at dotted @path under @root, made as needed; returns the parent of the last part
 * and sets @leaf to it */
static cJSON *
offer_book_parent(cJSON *root, const char *key, const char **leaf)
{
	const char *dot = strrchr(key, '.');
	g_autofree char *groups = g_strndup(key, (gsize)(dot - key));
	g_auto(GStrv) parts = g_strsplit(groups, ".", -1);
	cJSON *node = root;

	for (guint i = 0; parts[i] != NULL; i++) {
		cJSON *child = cJSON_GetObjectItemCaseSensitive(node, parts[i]);
		if (child == NULL) {
			child = cJSON_CreateObject();
			cJSON_AddItemToObject(node, parts[i], child);
		}
		node = child;
	}
	*leaf = dot + 1;
	return node;
}

/* the instance type a purchase-option key names, or NULL for a Fargate one:
 * reserved|TYPE|..., savings_plans|compute|ec2|TYPE|..., savings_plans|ec2_instance|TYPE|...,
 * spot|ec2|TYPE|savings */
static const char *
offer_option_instance(char **parts)
{
	guint n = g_strv_length(parts);

	if (n >= 2 && strcmp(parts[0], "reserved") == 0)
		return parts[1];
	if (n >= 3 && strcmp(parts[0], "spot") == 0)
		return parts[2];
	if (n >= 3 && strcmp(parts[0], "savings_plans") == 0 &&
	    strcmp(parts[1], "ec2_instance") == 0)
		return parts[2];
	if (n >= 4 && strcmp(parts[0], "savings_plans") == 0 && strcmp(parts[2], "ec2") == 0)
		return parts[3];
	return NULL;
}

/* the unit the book states for a purchase-option key (docs/prices.md, "Purchase options") */
static const char *
offer_option_unit(char **parts)
{
	guint n = g_strv_length(parts);

	if (strcmp(parts[0], "spot") == 0)
		return "ratio";
	if (strcmp(parts[0], "reserved") == 0)
		return strcmp(parts[n - 1], "upfront") == 0 ? "instance" : "hour";
	if (n >= 5 && strcmp(parts[2], "fargate") == 0)
		return strcmp(parts[4], "vcpu_hour") == 0 ? "vCPU-hour" : "GB-hour";
	return "hour";
}

/**
 * plan_offer_import_to_book:
 * Returns: (transfer full): the JSON text of a price book (docs/prices.md), or NULL with
 * @error set
 */
char *
plan_offer_import_to_book(const PlanOfferImport *import, const PlanPriceBook *specs,
			  GPtrArray *skipped, GError **error)
{
	g_autoptr(GPtrArray) figures = plan_offer_import_figures(import);
	g_autoptr(cJSON) root = cJSON_CreateObject();
	cJSON *sources = cJSON_CreateObject();
	cJSON *ec2 = NULL;
	g_autofree char *newest = NULL;
	guint n_written = 0;

	g_return_val_if_fail(import != NULL && specs != NULL, NULL);
	cJSON_AddNumberToObject(root, "ecsplan_prices", 1);
	cJSON_AddStringToObject(root, "region", import->region != NULL ? import->region : "");
	cJSON_AddStringToObject(root, "currency", "USD");
	cJSON_AddItemToObject(root, "sources", sources);
	for (guint i = 0; i < figures->len; i++) {
		const PlanOfferFigure *figure = g_ptr_array_index(figures, i);
		g_autofree char *source = offer_source_key(figure);
		g_autofree char *date = offer_date(figure->publication_date);
		cJSON *item;
		cJSON *parent;
		const char *leaf;
		const char *unit;
		const char *instance = NULL;

		g_auto(GStrv) parts = NULL;

		if (strchr(figure->key, '|') != NULL) {
			/* a purchase option: "reserved|m6i.large|1y_all_upfront|upfront", ... */
			parts = g_strsplit(figure->key, "|", -1);
			instance = offer_option_instance(parts);
			unit = offer_option_unit(parts);
			if (instance != NULL && plan_price_book_instance(specs, instance) == NULL) {
				if (skipped != NULL)
					g_ptr_array_add(skipped, g_strdup(instance));
				continue;
			}
		} else if (g_str_has_prefix(figure->key, "ec2.")) {
			instance = figure->key + strlen("ec2.");
			if (plan_price_book_instance(specs, instance) == NULL) {
				if (skipped != NULL)
					g_ptr_array_add(skipped, g_strdup(instance));
				continue;
			}
			unit = "hour";
		} else {
			unit = plan_price_key_unit(figure->key);
			if (unit == NULL)
				continue;
		}
		if (cJSON_GetObjectItemCaseSensitive(sources, source) == NULL) {
			cJSON *entry = cJSON_CreateObject();
			g_autofree char *title =
			    figure->interruption != NULL
				? g_strdup_printf("AWS EC2 Spot Advisor data "
						  "(spot-advisor-data.json; the file carries no "
						  "date) (%s)",
						  figure->file)
				: g_strdup_printf(strstr(figure->offer_code, "SavingsPlan") != NULL
						      ? "AWS Price List Savings Plans offer file "
							"(%s), version %s, published %s (%s)"
						      : "AWS Price List bulk offer file %s, version "
							"%s, published %s (%s)",
						  figure->offer_code, figure->version,
						  figure->publication_date, figure->file);
			cJSON_AddStringToObject(entry, "title", title);
			cJSON_AddStringToObject(entry, "as_of", date);
			cJSON_AddItemToObject(sources, source, entry);
		}
		/* "undated" (the Spot Advisor file) never makes the book's date */
		if (strcmp(date, "undated") != 0 && (newest == NULL || strcmp(date, newest) > 0)) {
			g_free(newest);
			newest = g_strdup(date);
		}
		item = cJSON_CreateObject();
		/* the file's own decimal text: the book reads it into nanos exactly */
		cJSON_AddItemToObject(item, "value", cJSON_CreateRaw(figure->price));
		cJSON_AddStringToObject(item, "unit", unit);
		cJSON_AddStringToObject(item, "source", source);
		cJSON_AddStringToObject(item, "as_of", date);
		cJSON_AddStringToObject(item, "confidence", "ok");
		{
			g_autofree char *note =
			    figure->interruption != NULL
				? g_strdup_printf("Spot Advisor %s: %s (savings percent, "
						  "interruption band %s a month), Linux; Spot "
						  "prices float, this is the file's saving",
						  figure->rate_code, figure->sku,
						  figure->interruption)
				: g_strdup_printf("SKU %s, rate code %s, %s offer version %s "
						  "published %s",
						  figure->sku, figure->rate_code, figure->offer_code,
						  figure->version, figure->publication_date);
			cJSON_AddStringToObject(item, "note", note);
		}
		if (parts != NULL) {
			cJSON *node = root;
			guint n = g_strv_length(parts);
			for (guint p = 0; p + 1 < n; p++) {
				cJSON *child = cJSON_GetObjectItemCaseSensitive(node, parts[p]);
				if (child == NULL) {
					child = cJSON_CreateObject();
					cJSON_AddItemToObject(node, parts[p], child);
				}
				node = child;
			}
			cJSON_AddItemToObject(node, parts[n - 1], item);
			if (figure->interruption != NULL)
				cJSON_AddStringToObject(node, "interruption", figure->interruption);
		} else if (instance != NULL) {
			if (ec2 == NULL) {
				ec2 = cJSON_CreateObject();
				cJSON_AddItemToObject(root, "ec2", ec2);
			}
			cJSON_AddItemToObject(ec2, instance, item);
		} else {
			parent = offer_book_parent(root, figure->key, &leaf);
			cJSON_AddItemToObject(parent, leaf, item);
		}
		n_written++;
	}
	if (n_written == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "the offer files hold no figure ecsplan uses%s%s",
			    import->region != NULL ? " for region " : "",
			    import->region != NULL ? import->region : "");
		return NULL;
	}
	cJSON_AddStringToObject(root, "as_of", newest != NULL ? newest : "undated");
	return cJSON_Print(root);
}
