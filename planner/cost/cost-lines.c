/* the cost model's floor: the result object and the helpers every pricing rule uses to append
 * line items and assumptions (cost.c: compute and totals; cost-network.c: the network) */
#include "cost-private.h"

#include <math.h>
#include <string.h>

#include "offer-import.h"

static const char *const plan_cost_category_names[PLAN_COST_N_CATEGORIES] = {
    "fargate", "fargate-spot", "ec2",	   "nat-hours",	      "nat-data",	"lb-hours",
    "lb-lcu",  "public-ipv4",  "cross-az", "internet-egress", "endpoint-hours", "endpoint-data",
    "database", "logs",
};

static const char *const plan_cost_from_names[] = {"model", "default", "option", "rule"};

const char *
plan_cost_category_to_string(PlanCostCategory category)
{
	g_return_val_if_fail((guint)category < PLAN_COST_N_CATEGORIES, NULL);
	return plan_cost_category_names[category];
}

const char *
plan_cost_from_to_string(PlanCostFrom from)
{
	g_return_val_if_fail((guint)from < G_N_ELEMENTS(plan_cost_from_names), NULL);
	return plan_cost_from_names[from];
}

/**
 * plan_cost_multiply:
 *
 * The one rounding step of the cost model: the exact product of a quantity and a unit price in
 * nano-dollars, rounded to the nearest nano-dollar, halves away from zero (llround). A double
 * holds the product exactly up to 2^53 nano-dollars (about $9 million), far above one line.
 */
PlanNanos
plan_cost_multiply(double quantity, PlanNanos unit_nanos)
{
	return (PlanNanos)llround(quantity * (double)unit_nanos);
}

/* ---- the result ------------------------------------------------------------------------------ */

static void
plan_cost_line_clear(gpointer data)
{
	PlanCostLine *line = data;
	g_free(line->resource);
	g_free(line->description);
	g_free(line->price_key);
	g_free(line->az);
	g_free(line->service);
}

static void
plan_cost_total_clear(gpointer data)
{
	PlanCostTotal *total = data;
	g_free(total->key);
}

static void
plan_cost_assumption_clear(gpointer data)
{
	PlanCostAssumption *assumption = data;
	g_free(assumption->name);
	g_free(assumption->why);
}

static GArray *
plan_cost_array_new(gsize element_size, GDestroyNotify clear)
{
	GArray *array = g_array_new(FALSE, TRUE, (guint)element_size);
	g_array_set_clear_func(array, clear);
	return array;
}

PlanCost *
cost_new(void)
{
	PlanCost *cost = g_new0(PlanCost, 1);
	cost->lines = plan_cost_array_new(sizeof(PlanCostLine), plan_cost_line_clear);
	cost->by_category = plan_cost_array_new(sizeof(PlanCostTotal), plan_cost_total_clear);
	cost->by_service = plan_cost_array_new(sizeof(PlanCostTotal), plan_cost_total_clear);
	cost->by_az = plan_cost_array_new(sizeof(PlanCostTotal), plan_cost_total_clear);
	cost->assumptions =
	    plan_cost_array_new(sizeof(PlanCostAssumption), plan_cost_assumption_clear);
	cost->missing = plan_diagnostics_new();
	cost->complete = TRUE;
	return cost;
}

/**
 * plan_cost_free:
 * @cost: (transfer full) (nullable): the result, with its arrays and strings
 */
void
plan_cost_free(PlanCost *cost)
{
	if (cost == NULL)
		return;
	g_free(cost->region);
	g_free(cost->book_as_of);
	g_free(cost->book_origin);
	g_free(cost->figures_oldest);
	g_free(cost->figures_newest);
	g_array_unref(cost->lines);
	g_array_unref(cost->by_category);
	g_array_unref(cost->by_service);
	g_array_unref(cost->by_az);
	g_array_unref(cost->assumptions);
	g_ptr_array_unref(cost->missing);
	g_free(cost);
}

/* ---- building ------------------------------------------------------------------------------- */

/* @value with at most @places decimals, trailing zeros dropped: "0.25", "730", "1.3699" */
char *
cost_number(double value, guint places)
{
	char buffer[G_ASCII_DTOSTR_BUF_SIZE + 16];
	char format[8];
	gsize length;

	g_snprintf(format, sizeof format, "%%.%uf", places);
	g_ascii_formatd(buffer, sizeof buffer, format, value);
	length = strlen(buffer);
	if (strchr(buffer, '.') != NULL) {
		while (length > 0 && buffer[length - 1] == '0')
			buffer[--length] = '\0';
		if (length > 0 && buffer[length - 1] == '.')
			buffer[--length] = '\0';
	}
	if (strcmp(buffer, "-0") == 0)
		return g_strdup("0");
	return g_strdup(buffer);
}

/* "service/api", or "nat/vpc-a/nat-1" when names are only unique per VPC and there are several */
char *
cost_resource(const PlanCostContext *context, const char *kind, const PlanVpc *vpc,
		   const char *name)
{
	/* a findings-only cost keeps no line, so no line's name: 10,000 services' names were
	 * 1% of validating a large model */
	if (!context->describe)
		return NULL;
	if (vpc != NULL && context->multi_vpc)
		return g_strdup_printf("%s/%s/%s", kind, vpc->name, name);
	return g_strdup_printf("%s/%s", kind, name);
}

void
cost_set_origin(PlanCostContext *context, const PlanOrigin *origin, const char *field,
		     const char *kind, const char *name)
{
	context->origin = origin;
	context->origin_field = field;
	context->origin_kind = kind;
	context->origin_name = name;
}

char *
cost_text(const PlanCostContext *context, const char *format, ...)
{
	va_list args;
	char *text;

	if (!context->describe)
		return NULL;
	va_start(args, format);
	text = g_strdup_vprintf(format, args);
	va_end(args);
	return text;
}

/* one price-missing error per key: the first element that needs it is where it points, the
 * others are related */
static void
plan_cost_missing(PlanCostContext *context, const char *price_key)
{
	GPtrArray *missing = context->cost->missing;
	const char *region = plan_price_book_region(context->book);
	g_autofree char *where = NULL;
	g_autofree char *hint = NULL;
	PlanDiagnostic *seen;
	PlanDiagnostic *diagnostic;

	seen = g_hash_table_lookup(context->missing_keys, price_key);
	if (seen != NULL) {
		/* another element needs the same figure: name it once. A set of the pairs named
		 * so far, not a scan of the finding's list: 100,000 services short of one figure
		 * would be 5 billion comparisons */
		if (context->origin != NULL && context->origin->path != NULL) {
			char *path = g_strconcat(
			    context->origin->path,
			    context->origin_field != NULL ? context->origin_field : "", NULL);
			char *named = g_strconcat(price_key, "\n", path, NULL);
			if (g_strcmp0(seen->path, path) != 0 &&
			    g_hash_table_add(context->missing_named, named))
				plan_diagnostic_add_related(seen, path);
			else if (g_strcmp0(seen->path, path) == 0)
				g_free(named);
			g_free(path);
		}
		return;
	}
	where = context->origin_kind != NULL
		    ? g_strdup_printf(" (%s '%s')", context->origin_kind,
				      context->origin_name != NULL ? context->origin_name : "")
		    : g_strdup(" (the model's usage figures)");
	/* name the command that supplies the figure: AWS's offer files carry most keys */
	hint = plan_offer_import_supplies(price_key)
		   ? g_strdup_printf("supply it with 'ecsplan prices update --region %s' (AWS's "
				     "current offer files) or 'ecsplan prices import FILE' (offer "
				     "files you have), or give it with --prices FILE (docs/prices.md)",
				     region != NULL ? region : "REGION")
		   : g_strdup("AWS's offer files do not carry it: give it with --prices FILE "
			      "(docs/prices.md)");
	diagnostic = plan_diagnostics_add(
	    missing, PLAN_SEVERITY_ERROR, PLAN_COST_PRICE_MISSING, context->origin,
	    context->origin != NULL ? context->origin_field : ".usage", NULL,
	    "no price for '%s' in region '%s'%s: its cost line is unpriced and the total is only a "
	    "lower bound; %s",
	    price_key, region != NULL ? region : "?", where, hint);
	g_hash_table_insert(context->missing_keys, g_strdup(price_key), diagnostic);
}

/**
 * cost_add_line:
 * @resource: (transfer full): the resource name
 * @description: (transfer full): the arithmetic behind the quantity
 * @price: (nullable): the figure; NULL when the book has none (cost 0, an estimate)
 * Returns: (transfer none): the new line, valid until the next line is added
 */
PlanCostLine *
cost_add_line(PlanCostContext *context, PlanCostCategory category, char *resource,
		   const char *service, const char *az, double quantity, const char *unit,
		   const char *price_key, const PlanPrice *price, char *description)
{
	PlanCostLine line = {0};
	GArray *lines = context->cost->lines;

	if (!context->describe) {
		/* the findings only: the same test as below, nothing kept */
		g_free(resource);
		g_free(description);
		if ((price == NULL || !price->present) && quantity != 0.0) {
			context->cost->complete = FALSE;
			plan_cost_missing(context, price_key);
		}
		memset(&context->scratch, 0, sizeof context->scratch);
		return &context->scratch;
	}

	line.category = category;
	line.resource = resource;
	line.quantity = quantity;
	line.unit = unit;
	line.price_key = g_strdup(price_key);
	line.az = g_strdup(az);
	line.service = g_strdup(service);
	if (price != NULL && price->present) {
		line.unit_price = *price;
		line.cost = plan_cost_multiply(quantity, price->nanos);
		line.estimate = plan_price_is_estimate(price);
		line.description = description;
	} else {
		line.unit_price.unit = unit;
		line.unit_price.confidence = PLAN_CONFIDENCE_UNCONFIRMED;
		line.unit_price.as_of = "undated";
		line.unit_price.note = "not in the price book";
		if (quantity == 0.0) {
			/* nothing used costs nothing, whatever the price: exact, not unpriced */
			line.description = description;
		} else {
			/* the line stays, so the gap is visible; its cost is unknown, never $0 */
			/* unknown, which is not the same as unconfirmed: no estimate mark */
			line.unpriced = TRUE;
			context->cost->complete = FALSE;
			line.description =
			    g_strdup_printf("%s; unpriced: the %s price book has no '%s'",
					    description, plan_price_book_region(context->book),
					    price_key);
			g_free(description);
			plan_cost_missing(context, price_key);
		}
	}
	g_array_append_val(lines, line);
	return &g_array_index(lines, PlanCostLine, lines->len - 1);
}

/* @why: (transfer full) */
void
cost_assume(PlanCostContext *context, const char *name, double value, const char *unit,
		 PlanCostFrom from, char *why)
{
	PlanCostAssumption assumption;

	if (!context->describe) {
		g_free(why);
		return;
	}
	assumption = (PlanCostAssumption){
	    .name = g_strdup(name),
	    .value = value,
	    .unit = unit,
	    .from = from,
	    .why = why,
	};
	g_array_append_val(context->cost->assumptions, assumption);
}

/* the distinct AZs of @subnet_indices (into @vpc's subnets), in first-seen order */
guint
cost_count_azs(const PlanVpc *vpc, const GArray *subnet_indices)
{
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	if (vpc == NULL)
		return 0;
	for (guint i = 0; i < subnet_indices->len; i++) {
		gint index = g_array_index(subnet_indices, gint, i);
		const PlanSubnet *subnet;
		if (index < 0 || (guint)index >= vpc->subnets->len)
			continue;
		subnet = g_ptr_array_index(vpc->subnets, index);
		/* a subnet without an AZ still runs somewhere: count it on its own */
		g_hash_table_add(seen, subnet->az != NULL ? subnet->az : subnet->name);
	}
	return g_hash_table_size(seen);
}

/* the book's rule for what is an estimate (plan_price_is_estimate), for figures that are not
 * PlanPrice records: the LCU dimensions, the spot discount */
gboolean
cost_confidence_is_estimate(PlanConfidence confidence)
{
	PlanPrice figure = {.present = TRUE, .confidence = confidence};
	return plan_price_is_estimate(&figure);
}

const PlanPrice *
cost_price(const PlanCostContext *context, const char *key)
{
	return plan_price_book_get(context->book, key);
}

/* ---- totals ------------------------------------------------------------------------------------
 */

static void
plan_cost_add_to(PlanCostTotal *total, const PlanCostLine *line)
{
	total->cost += line->cost;
	total->estimate |= line->estimate;
	total->n_lines++;
	total->n_unpriced += line->unpriced ? 1 : 0;
}

static gint
plan_cost_compare_az(gconstpointer a, gconstpointer b)
{
	const PlanCostTotal *left = a;
	const PlanCostTotal *right = b;
	/* the bucket of lines without an AZ goes last */
	if (left->key == NULL || right->key == NULL)
		return (left->key == NULL) - (right->key == NULL);
	return strcmp(left->key, right->key);
}

/* the bucket for @key (NULL: the catch-all) in @totals, added when missing */
static PlanCostTotal *
plan_cost_bucket(GArray *totals, GHashTable *index, const char *key)
{
	const char *lookup = key != NULL ? key : "";
	gpointer found;
	PlanCostTotal total = {0};

	if (g_hash_table_lookup_extended(index, lookup, NULL, &found))
		return &g_array_index(totals, PlanCostTotal, GPOINTER_TO_UINT(found));
	total.key = g_strdup(key);
	g_array_append_val(totals, total);
	g_hash_table_insert(index, g_strdup(lookup), GUINT_TO_POINTER(totals->len - 1));
	return &g_array_index(totals, PlanCostTotal, totals->len - 1);
}

/* widens the cost's date range by the figure @line used: each figure has its own date, and a
 * header shows the oldest and newest behind the lines, not the date a file was written.
 * Dates are ISO prefixes ("2021", "2026-03", "2026-03-28"), so text order is date order */
static void
plan_cost_date(PlanCost *cost, const PlanCostLine *line)
{
	const char *as_of = line->unit_price.as_of;

	if (!line->unit_price.present || as_of == NULL)
		return;
	if (strcmp(as_of, "undated") == 0) {
		cost->n_undated++;
		return;
	}
	if (cost->figures_oldest == NULL || strcmp(as_of, cost->figures_oldest) < 0) {
		g_free(cost->figures_oldest);
		cost->figures_oldest = g_strdup(as_of);
	}
	if (cost->figures_newest == NULL || strcmp(as_of, cost->figures_newest) > 0) {
		g_free(cost->figures_newest);
		cost->figures_newest = g_strdup(as_of);
	}
}

void
cost_totals(PlanCost *cost, const PlanModel *model)
{
	g_autoptr(GHashTable) services =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GHashTable) azs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GArray) by_service =
	    plan_cost_array_new(sizeof(PlanCostTotal), plan_cost_total_clear);
	PlanCostTotal shared = {0};

	for (guint c = 0; c < PLAN_COST_N_CATEGORIES; c++) {
		PlanCostTotal total = {.key = g_strdup(plan_cost_category_names[c])};
		g_array_append_val(cost->by_category, total);
	}
	for (guint i = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		plan_cost_date(cost, line);
		cost->total += line->cost;
		cost->estimate |= line->estimate;
		plan_cost_add_to(&g_array_index(cost->by_category, PlanCostTotal, line->category),
				 line);
		if (line->service != NULL)
			plan_cost_add_to(plan_cost_bucket(by_service, services, line->service),
					 line);
		else
			plan_cost_add_to(&shared, line);
		plan_cost_add_to(plan_cost_bucket(cost->by_az, azs, line->az), line);
	}
	/* services in model order (a name the model repeats is listed once), then the shared */
	for (guint s = 0; s < model->services->len; s++) {
		const PlanService *service = g_ptr_array_index(model->services, s);
		g_autofree char *taken = NULL;
		gpointer found;
		PlanCostTotal copy;
		if (service->name == NULL ||
		    !g_hash_table_steal_extended(services, service->name, (gpointer *)&taken,
						 &found))
			continue;
		copy = g_array_index(by_service, PlanCostTotal, GPOINTER_TO_UINT(found));
		copy.key = g_strdup(copy.key);
		g_array_append_val(cost->by_service, copy);
	}
	if (shared.n_lines > 0)
		g_array_append_val(cost->by_service, shared);
	g_array_sort(cost->by_az, plan_cost_compare_az);
}
