/* Which products and rates of AWS's offer files the book takes (offer-import-private.h): the
 * product classifiers (key on regionCode, exact usage-type suffixes, the EC2 trap rows left
 * out), the on-demand and Reserved rates of the products kept, Savings Plans rates, and the
 * figures they become. Below every reader of the offer files */
#include "offer-import-private.h"

#include <string.h>

#include "plan-error.h"
#include "pricebook-private.h"

const char *const book_offer_codes[7] = {"AmazonEC2", "AmazonECS",	   "AWSELB",
					 "AmazonVPC", "AWSDataTransfer", "AmazonRDS",
					 "AmazonCloudWatch"};

const char *const book_offer_attribute_names[ATTR_N] = {
    "instanceType", "operatingSystem", "tenancy",    "preInstalledSw", "capacitystatus",
    "licenseModel", "marketoption",    "usagetype",  "regionCode",     "group",
    "transferType", "fromRegionCode",  "toLocation", "purchaseOption", "purchaseTerm",
    "databaseEngine", "deploymentOption", "volumeType", "locationType",
};

void
book_offer_figure_free(PlanOfferFigure *figure)
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

/* AWSELB: the balancer hour and capacity units of ALB ("Load Balancer-Application") and NLB
 * ("Load Balancer-Network"), the hour and data processed of the Classic Load Balancer (family
 * "Load Balancer", group "ELB:Balancing"), as infracost's lb.go/elb.go select them. Only rows
 * of an AWS Region: Outposts and Local Zone rows share the region code; Local Zone, trust-store
 * ("CAN1-TS-LoadBalancerUsage") and reserved-capacity usage types fail the exact suffix match;
 * Gateway Load Balancer rows are another family */
static char *
offer_classify_elb(const OfferProduct *product)
{
	const char *usage = offer_attr(product, ATTR_USAGE_TYPE);
	const char *prefix;

	if (strcmp(offer_attr(product, ATTR_LOCATION_TYPE), "AWS Region") != 0)
		return NULL;
	if (strcmp(product->family, "Load Balancer-Application") == 0)
		prefix = "alb";
	else if (strcmp(product->family, "Load Balancer-Network") == 0)
		prefix = "nlb";
	else if (strcmp(product->family, "Load Balancer") == 0) {
		if (offer_usage_is(usage, "LoadBalancerUsage"))
			return g_strdup("clb.hour");
		if (offer_usage_is(usage, "DataProcessing-Bytes"))
			return g_strdup("clb.gb");
		return NULL;
	} else
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

/* "db.m5.large" -> "db_m5_large", or NULL for a class that is not "db." and lowercase letters,
 * digits and dots (the book's key part) */
static char *
offer_rds_class(const char *instance_type)
{
	gsize length = strlen(instance_type);

	if (!g_str_has_prefix(instance_type, "db.") || length < 4 || length > 40)
		return NULL;
	for (gsize i = 3; i < length; i++) {
		if (!g_ascii_islower(instance_type[i]) && !g_ascii_isdigit(instance_type[i]) &&
		    instance_type[i] != '.')
			return NULL;
	}
	return g_strdelimit(g_strdup(instance_type), ".", '_');
}

/* AmazonRDS: the on-demand hour of a DB class per engine (open-source engines and Aurora, no
 * licence), single-AZ and Multi-AZ; storage per GB-month of gp2, gp3 and io1, single-AZ and
 * Multi-AZ (docs/prices.md, "RDS figures") */
static char *
offer_classify_rds(const OfferProduct *product)
{
	static const struct {
		const char *aws;
		const char *book;
	} engines[] = {
	    {"MySQL", "mysql"},
	    {"PostgreSQL", "postgres"},
	    {"MariaDB", "mariadb"},
	    {"Aurora MySQL", "aurora-mysql"},
	    {"Aurora PostgreSQL", "aurora-postgresql"},
	};
	static const struct {
		const char *aws;
		const char *book;
	} volumes[] = {
	    {"General Purpose", "gp2"},
	    {"General Purpose-GP3", "gp3"},
	    {"Provisioned IOPS", "io1"},
	};
	const char *engine = offer_attr(product, ATTR_DATABASE_ENGINE);
	const char *deployment = offer_attr(product, ATTR_DEPLOYMENT_OPTION);
	const char *usage = offer_attr(product, ATTR_USAGE_TYPE);
	const char *multi;

	/* "Multi-AZ (readable standbys)" is a cluster of three: not what the model's multi_az is */
	if (strcmp(deployment, "Single-AZ") == 0)
		multi = "";
	else if (strcmp(deployment, "Multi-AZ") == 0)
		multi = "multi_az_";
	else
		return NULL;
	if (strcmp(product->family, "Database Instance") == 0) {
		g_autofree char *class = offer_rds_class(offer_attr(product, ATTR_INSTANCE_TYPE));
		/* InstanceUsage:db.x / Multi-AZUsage:db.x; not InstanceUsageIOOptimized (Aurora
		 * I/O-Optimized), and no licence-included engines */
		if (class == NULL || (strstr(usage, "InstanceUsage:") == NULL &&
				      strstr(usage, "Multi-AZUsage:") == NULL))
			return NULL;
		for (guint i = 0; i < G_N_ELEMENTS(engines); i++) {
			if (strcmp(engine, engines[i].aws) == 0)
				return g_strdup_printf("rds.%s.%s.%shour", engines[i].book, class,
						       multi);
		}
		return NULL;
	}
	if (strcmp(product->family, "Database Storage") == 0) {
		/* the open-source engines bill storage alike; "Any" is how most files say it */
		if (strcmp(engine, "Any") != 0 && strcmp(engine, "MySQL") != 0 &&
		    strcmp(engine, "PostgreSQL") != 0 && strcmp(engine, "MariaDB") != 0)
			return NULL;
		for (guint i = 0; i < G_N_ELEMENTS(volumes); i++) {
			if (strcmp(offer_attr(product, ATTR_VOLUME_TYPE), volumes[i].aws) == 0)
				return g_strdup_printf("rds.%s.%sgb_month", volumes[i].book, multi);
		}
	}
	return NULL;
}

/* AmazonCloudWatch: Logs ingestion in the standard class (DataProcessing-Bytes; not the
 * Infrequent Access class or vended logs) and log storage (TimedStorage-ByteHrs) */
static char *
offer_classify_cloudwatch(const OfferProduct *product)
{
	const char *usage = offer_attr(product, ATTR_USAGE_TYPE);

	if (offer_usage_is(usage, "DataProcessing-Bytes"))
		return g_strdup("logs.ingest_gb");
	if (offer_usage_is(usage, "TimedStorage-ByteHrs"))
		return g_strdup("logs.storage_gb_month");
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

void
book_offer_product_end(OfferParse *parse)
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
	else if (strcmp(parse->offer_code, "AmazonRDS") == 0)
		key = offer_classify_rds(product);
	else if (strcmp(parse->offer_code, "AmazonCloudWatch") == 0)
		key = offer_classify_cloudwatch(product);
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

/* stops the parse with a message about the file; always FALSE (yajl's "stop") */
gboolean
book_offer_fail(OfferParse *parse, const char *format, ...)
{
	g_autofree char *message = NULL;
	va_list args;

	if (parse->error != NULL)
		return FALSE;
	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	if (parse->line > 0)
		g_set_error(&parse->error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%" G_GUINT64_FORMAT ": %s", parse->name, parse->line, message);
	else
		g_set_error(&parse->error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL, "%s: %s",
			    parse->name, message);
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
gboolean
book_offer_decimal_valid(const char *text)
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

/* the price of @dimension checked and in nanos; FALSE (the parse stops) when it does not parse */
static gboolean
offer_dimension_nanos(OfferParse *parse, const OfferDimension *dimension, PlanNanos *nanos)
{
	/* a CSV row: the message names its line and the price's column */
	g_autofree char *column =
	    dimension->column != NULL ? g_strdup_printf("column '%s': ", dimension->column)
				      : g_strdup("");

	if (dimension->line > 0)
		parse->line = dimension->line;
	if (!dimension->has_usd)
		return book_offer_fail(parse, "%srate '%s' has no USD price", column,
				       dimension->rate_code);
	if (!book_offer_decimal_valid(dimension->usd) ||
	    !book_decimal_to_nanos(dimension->usd, strlen(dimension->usd), nanos) || *nanos < 0)
		return book_offer_fail(parse,
				       "%srate '%s': price '%s' is not a decimal number of dollars",
				       column, dimension->rate_code, dimension->usd);
	if (*nanos > OFFER_MAX_NANOS)
		return book_offer_fail(parse, "%srate '%s': price '%s' is over $1,000,000 a unit",
				       column, dimension->rate_code, dimension->usd);
	return TRUE;
}

/* records @key's figure from @dimension, replacing any before it */
void
book_offer_add_figure(OfferParse *parse, const char *key, const char *sku,
		      const OfferDimension *dimension, PlanNanos nanos, double begin)
{
	PlanOfferFigure *figure = g_new0(PlanOfferFigure, 1);
	char *owned_key = g_strdup(key);

	figure->price = g_strdup(dimension->usd);
	figure->nanos = nanos;
	figure->begin_range = begin;
	figure->sku = g_strdup(sku);
	figure->rate_code = g_strdup(dimension->rate_code);
	figure->offer_code = g_strdup(parse->offer_code);
	figure->version = g_strdup(parse->version);
	figure->publication_date = g_strdup(parse->publication_date);
	figure->file = g_filename_display_name(parse->file);
	figure->key = owned_key;
	g_hash_table_replace(parse->import->figures, owned_key, figure);
}

/* an on-demand rate of the wanted SKU @sku (its book key parse->term_key) */
gboolean
book_offer_on_demand_rate(OfferParse *parse, const char *sku, const OfferDimension *dimension)
{
	const PlanOfferFigure *old;
	PlanNanos nanos = 0;
	double begin = 0.0;

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
	book_offer_add_figure(parse, parse->term_key, sku, dimension, nanos, begin);
	return TRUE;
}

/* a price dimension of the JSON file ends: terms.OnDemand.SKU.TERM.priceDimensions.RATE or the
 * same under terms.Reserved */
gboolean
book_offer_dimension_end(OfferParse *parse)
{
	OfferDimension *dimension = &parse->dimension;

	if (parse->term_key == NULL)
		return TRUE;
	if (book_offer_is(parse, 2, "Reserved")) {
		/* kept until the term ends and its attributes are known */
		book_offer_reserved_dimension(parse, dimension);
		return TRUE;
	}
	return book_offer_on_demand_rate(parse, parse->keys[3], dimension);
}

/* a dimension of a Reserved term being read: the hourly rate or the upfront fee */
void
book_offer_reserved_dimension(OfferParse *parse, const OfferDimension *dimension)
{
	if (g_ascii_strcasecmp(dimension->unit, "Quantity") == 0)
		parse->ri_upfront = *dimension;
	else if (g_ascii_strcasecmp(dimension->unit, "Hrs") == 0)
		parse->ri_hourly = *dimension;
}

/* a Reserved term ends: a standard offering of a wanted instance type becomes
 * "reserved|TYPE|OPTION|hourly" (and "|upfront" when it has a fee); convertible ones and odd
 * terms are left out */
gboolean
book_offer_reserved_end(OfferParse *parse, const char *sku)
{
	const char *option = offer_option_name(parse->ri_lease, parse->ri_option);
	const char *type;
	PlanNanos nanos = 0;
	g_autofree char *key = NULL;

	if (!g_str_has_prefix(parse->term_key, "ec2.") || option == NULL ||
	    strcmp(parse->ri_class, "standard") != 0 || parse->ri_hourly.rate_code[0] == '\0')
		return TRUE;
	/* a partial or all upfront term without its fee is odd (the book requires the fee) */
	if (!g_str_has_suffix(option, "_no_upfront") && parse->ri_upfront.rate_code[0] == '\0')
		return TRUE;
	type = parse->term_key + strlen("ec2.");
	if (!offer_dimension_nanos(parse, &parse->ri_hourly, &nanos))
		return FALSE;
	key = g_strdup_printf("reserved|%s|%s|hourly", type, option);
	book_offer_add_figure(parse, key, sku, &parse->ri_hourly, nanos, 0);
	if (parse->ri_upfront.rate_code[0] != '\0') {
		if (!offer_dimension_nanos(parse, &parse->ri_upfront, &nanos))
			return FALSE;
		g_free(key);
		key = g_strdup_printf("reserved|%s|%s|upfront", type, option);
		book_offer_add_figure(parse, key, sku, &parse->ri_upfront, nanos, 0);
	}
	return TRUE;
}

/* ---- Savings Plans offer files ------------------------------------------------------------ */

/* one rate of a plan: the EC2 Linux shared-tenancy hour of a type (BoxUsage, RunInstances) or
 * a Fargate Linux vCPU/GB hour becomes savings_plans|KIND|...|OPTION; the rest (Windows,
 * dedicated, Lambda, SageMaker, other regions) is left out */
gboolean
book_offer_sp_rate_end(OfferParse *parse)
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
		return book_offer_fail(parse, "rate '%s' is in %s, not USD", parse->sp_rate.rate.rate_code,
				  parse->sp_rate.currency);
	if (!offer_dimension_nanos(parse, &parse->sp_rate.rate, &nanos))
		return FALSE;
	book_offer_add_figure(parse, key, parse->sp_plan_sku, &parse->sp_rate.rate, nanos, 0);
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

void
book_offer_copy(char *out, gsize size, const unsigned char *text, size_t length)
{
	gsize n = MIN((gsize)length, size - 1);

	/* cut on a character boundary: yajl checked the UTF-8, and the book reads it again */
	while (n > 0 && n < (gsize)length && (text[n] & 0xC0) == 0x80)
		n--;
	memcpy(out, text, n);
	out[n] = '\0';
}

gboolean
book_offer_check_code(OfferParse *parse)
{
	/* a Savings Plans file may name its plan type as its offer code */
	if (strstr(parse->offer_code, "SavingsPlan") != NULL) {
		parse->savings_plan = TRUE;
		return TRUE;
	}
	for (guint i = 0; i < G_N_ELEMENTS(book_offer_codes); i++) {
		if (strcmp(parse->offer_code, book_offer_codes[i]) == 0)
			return TRUE;
	}
	return book_offer_fail(parse, "offer code '%s' is not one ecsplan imports (%s)",
			  parse->offer_code, PLAN_OFFER_CODES);
}
