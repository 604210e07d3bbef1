/* what every view of `ecsplan prices` walks in the book: its instance types (all, or the one
 * --instance-type names), its purchase-option figures in the order the book file lists them,
 * and the sources a view cites. The floor below the reading views (render-prices.c) and the
 * book's own JSON format (render-prices-json.c) */
#include "render-prices-private.h"

#include <string.h>

/* the book's instance types sorted by name, or only the one named @only (a type of @book).
 * Returns: (transfer container): the elements belong to @book */
GPtrArray *
report_prices_instances(const PlanPriceBook *book, const char *only)
{
	GPtrArray *instances = plan_price_book_instances(book);

	if (only != NULL) {
		const PlanInstanceType *type = plan_price_book_instance(book, only);
		g_ptr_array_set_size(instances, 0);
		if (type != NULL)
			g_ptr_array_add(instances, (gpointer)type);
	}
	return instances;
}

gint64
report_prices_spec_count(const PlanInstanceType *type, PlanInstanceField field)
{
	switch (field) {
	case PLAN_INSTANCE_FIELD_VCPU:
		return type->vcpu;
	case PLAN_INSTANCE_FIELD_MEMORY_MIB:
		return type->memory_mib;
	case PLAN_INSTANCE_FIELD_MAX_ENIS:
		return type->max_enis;
	case PLAN_INSTANCE_FIELD_IPV4_PER_ENI:
		return type->ipv4_per_eni;
	case PLAN_INSTANCE_FIELD_TASKS_NO_TRUNK:
		return type->tasks_no_trunk;
	case PLAN_INSTANCE_FIELD_TASKS_TRUNK:
		return type->tasks_trunk;
	case PLAN_INSTANCE_FIELD_ARCHITECTURE:
	default:
		return 0;
	}
}

static void
report_use_sources(GHashTable *used, const char *source)
{
	g_auto(GStrv) keys = NULL;

	if (source == NULL)
		return;
	keys = g_strsplit(source, " ", -1);
	for (guint i = 0; keys[i] != NULL; i++) {
		if (keys[i][0] != '\0')
			g_hash_table_add(used, g_strdup(keys[i]));
	}
}

/* the book's source keys, in its order, that @used holds */
GPtrArray *
report_prices_cited_sources(const PlanPriceBook *book, GHashTable *used)
{
	g_autoptr(GPtrArray) all = plan_price_book_sources(book);
	GPtrArray *out = g_ptr_array_new();

	for (guint i = 0; i < all->len; i++) {
		if (g_hash_table_contains(used, g_ptr_array_index(all, i)))
			g_ptr_array_add(out, g_ptr_array_index(all, i));
	}
	return out;
}

static void
report_each_commit(const PlanPriceBook *book, PlanCommitKind kind, ReportOptionFunc each,
		   gpointer data)
{
	g_autoptr(GPtrArray) subjects = plan_price_book_commit_subjects(book, kind);

	for (guint i = 0; i < subjects->len; i++) {
		const char *subject = g_ptr_array_index(subjects, i);
		g_auto(GStrv) parts = NULL;
		const char *path[6] = {NULL};
		guint n = 0;

		if (kind == PLAN_COMMIT_RESERVED) {
			path[n++] = "reserved";
		} else {
			path[n++] = "savings_plans";
			path[n++] = kind == PLAN_COMMIT_COMPUTE_SP ? "compute" : "ec2_instance";
		}
		if (g_str_has_prefix(subject, "fargate.")) {
			/* "fargate.x86_64.vcpu_hour" -> fargate, x86_64, vcpu_hour */
			parts = g_strsplit(subject, ".", 3);
			for (guint p = 0; parts[p] != NULL; p++)
				path[n++] = parts[p];
		} else {
			if (kind == PLAN_COMMIT_COMPUTE_SP)
				path[n++] = "ec2";
			path[n++] = subject;
		}
		for (guint t = 0; t < PLAN_N_TERMS; t++) {
			for (guint u = 0; u < PLAN_N_UPFRONTS; u++) {
				const PlanCommitRate *rate =
				    plan_price_book_commit(book, kind, subject, t, u);
				const char *option = plan_commit_option_name(t, u);

				if (rate == NULL)
					continue;
				if (kind != PLAN_COMMIT_RESERVED) {
					each(path, option, &rate->hourly, NULL, data);
					continue;
				}
				path[n] = option;
				each(path, "hourly", &rate->hourly, NULL, data);
				if (rate->upfront.present)
					each(path, "upfront", &rate->upfront, NULL, data);
				path[n] = NULL;
			}
		}
	}
}

void
report_prices_each_option(const PlanPriceBook *book, ReportOptionFunc each, gpointer data)
{
	g_autoptr(GPtrArray) spot_types = plan_price_book_spot_types(book);
	/* the default is what a type without figures of its own gets; no type is named "" */
	const PlanSpotAdvice *fallback = plan_price_book_ec2_spot(book, "");

	for (guint kind = 0; kind < PLAN_N_COMMITS; kind++)
		report_each_commit(book, kind, each, data);
	if (fallback != NULL && fallback->region_default) {
		const char *path[] = {"spot", "ec2_default", NULL};
		each(path, "savings", &fallback->savings, fallback, data);
	}
	for (guint i = 0; i < spot_types->len; i++) {
		const char *type = g_ptr_array_index(spot_types, i);
		const char *path[] = {"spot", "ec2", type, NULL};
		const PlanSpotAdvice *advice = plan_price_book_ec2_spot(book, type);
		each(path, "savings", &advice->savings, advice, data);
	}
}

static void
report_option_source(const char *const *path, const char *name, const PlanPrice *price,
		     const PlanSpotAdvice *spot, gpointer data)
{
	report_use_sources(data, price->source);
}

static void
report_option_sources(const PlanPriceBook *book, GHashTable *used)
{
	report_prices_each_option(book, report_option_source, used);
}

/* the sources the view cites; @with_ec2: the figures view also carries the EC2 prices (json) */
GHashTable *
report_prices_figure_sources(const PlanPriceBook *book, ReportPricesView view, gboolean with_ec2,
			     const char *only)
{
	GHashTable *used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	g_autoptr(GPtrArray) keys = plan_price_book_keys(book);
	g_autoptr(GPtrArray) instances = report_prices_instances(book, only);

	if (view == REPORT_PRICES_FIGURES) {
		for (guint i = 0; i < keys->len; i++)
			report_use_sources(
			    used, plan_price_book_get(book, g_ptr_array_index(keys, i))->source);
		for (guint n = 0; n < 2; n++) {
			const PlanLcuDimensions *lcu = plan_price_book_lcu(book, n == 1);
			if (lcu != NULL)
				report_use_sources(used, lcu->source);
		}
		report_option_sources(book, used);
	}
	for (guint i = 0; i < instances->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(instances, i);
		if (type->hourly.present && (with_ec2 || view == REPORT_PRICES_INSTANCES))
			report_use_sources(used, type->hourly.source);
		if (view == REPORT_PRICES_INSTANCES) {
			for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++)
				report_use_sources(used, type->specs[f].source);
			if (type->credits_hour_milli > 0) {
				report_use_sources(used, type->credits_origin.source);
				report_use_sources(used, type->baseline_origin.source);
			}
		}
	}
	return used;
}
