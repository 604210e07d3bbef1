/* `ecsplan prices --format json`: the book in its own file format (docs/prices.md), the figures
 * with their sources, so that the output can be edited and given back with --prices */
#include "render-prices-private.h"

#include <string.h>

#include "compat.h"
#include "json-util.h"

static cJSON *
report_price_json(const PlanPrice *price)
{
	cJSON *object = cJSON_CreateObject();

	cJSON_AddNumberToObject(object, "value", price->value);
	cJSON_AddStringToObject(object, "unit", price->unit);
	cJSON_AddStringToObject(object, "source", price->source);
	cJSON_AddStringToObject(object, "as_of", price->as_of);
	cJSON_AddStringToObject(object, "confidence", plan_confidence_to_string(price->confidence));
	if (price->note != NULL)
		cJSON_AddStringToObject(object, "note", price->note);
	return object;
}

/* the object at @path (members, NULL-terminated) below @root, made on the way */
static cJSON *
report_json_group(cJSON *root, const char *const *path)
{
	cJSON *node = root;

	for (guint i = 0; path[i] != NULL; i++) {
		cJSON *child = cJSON_GetObjectItemCaseSensitive(node, path[i]);
		if (child == NULL)
			child = cJSON_AddObjectToObject(node, path[i]);
		node = child;
	}
	return node;
}

static void
report_json_head(const PlanPriceBook *book, GHashTable *used, cJSON *root)
{
	g_autoptr(GPtrArray) cited = report_prices_cited_sources(book, used);
	cJSON *sources;

	cJSON_AddNumberToObject(root, "ecsplan_prices", 1);
	cJSON_AddStringToObject(root, "region", plan_price_book_region(book));
	cJSON_AddStringToObject(root, "currency", "USD");
	cJSON_AddStringToObject(root, "as_of", plan_price_book_as_of(book));
	sources = cJSON_AddObjectToObject(root, "sources");
	for (guint i = 0; i < cited->len; i++) {
		const char *key = g_ptr_array_index(cited, i);
		cJSON *source = cJSON_AddObjectToObject(sources, key);
		cJSON_AddStringToObject(source, "title", plan_price_book_source_title(book, key));
		cJSON_AddStringToObject(source, "as_of", plan_price_book_source_as_of(book, key));
	}
}

static void
report_json_lcu(const PlanPriceBook *book, cJSON *root)
{
	static const char *const names[] = {"alb", "nlb"};
	cJSON *object = NULL;

	for (guint n = 0; n < 2; n++) {
		const PlanLcuDimensions *lcu = plan_price_book_lcu(book, n == 1);
		cJSON *dimensions;
		if (lcu == NULL)
			continue;
		if (object == NULL)
			object = cJSON_AddObjectToObject(root, "lcu");
		dimensions = cJSON_AddObjectToObject(object, names[n]);
		cJSON_AddNumberToObject(dimensions, "new_connections_per_second",
					lcu->new_connections_per_second);
		cJSON_AddNumberToObject(dimensions, "active_connections_per_minute",
					lcu->active_connections_per_minute);
		cJSON_AddNumberToObject(dimensions, "processed_gb_per_hour",
					lcu->processed_gb_per_hour);
		cJSON_AddNumberToObject(dimensions, "rule_evaluations_per_second",
					lcu->rule_evaluations_per_second);
		cJSON_AddStringToObject(dimensions, "source", lcu->source);
		cJSON_AddStringToObject(dimensions, "as_of", lcu->as_of);
		cJSON_AddStringToObject(dimensions, "confidence",
					plan_confidence_to_string(lcu->confidence));
		if (lcu->note != NULL)
			cJSON_AddStringToObject(dimensions, "note", lcu->note);
	}
}

static void
report_json_ec2(GPtrArray *instances, cJSON *root)
{
	cJSON *ec2 = cJSON_AddObjectToObject(root, "ec2");

	for (guint i = 0; i < instances->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(instances, i);
		if (type->hourly.present)
			cJSON_AddItemToObject(ec2, type->name, report_price_json(&type->hourly));
	}
}

/* a T type's credits per hour and baseline per vCPU, so that the file reads back whole */
static void
report_json_burst(const PlanInstanceType *type, cJSON *specs)
{
	const char *names[] = {"credits_hour", "baseline_pct"};
	const gint64 values[] = {type->credits_hour_milli, type->baseline_pct_milli};
	const PlanSpecOrigin *origins[] = {&type->credits_origin, &type->baseline_origin};

	if (type->credits_hour_milli == 0)
		return;
	for (guint i = 0; i < 2; i++) {
		cJSON *spec = cJSON_AddObjectToObject(specs, names[i]);
		cJSON_AddNumberToObject(spec, "value", (double)values[i] / 1000.0);
		cJSON_AddStringToObject(spec, "source", origins[i]->source);
		cJSON_AddStringToObject(spec, "confidence",
					plan_confidence_to_string(origins[i]->confidence));
		if (origins[i]->note != NULL)
			cJSON_AddStringToObject(spec, "note", origins[i]->note);
	}
}

/* one purchase-option figure at its place in the book file; a Spot type also gets its band */
static void
report_json_option(const char *const *path, const char *name, const PlanPrice *price,
		   const PlanSpotAdvice *spot, gpointer data)
{
	cJSON *node = report_json_group(data, path);

	cJSON_AddItemToObject(node, name, report_price_json(price));
	if (spot != NULL && spot->interruption != NULL)
		cJSON_AddStringToObject(node, "interruption", spot->interruption);
}

static void
report_json_instances(GPtrArray *instances, cJSON *root)
{
	cJSON *object = cJSON_AddObjectToObject(root, "instances");

	for (guint i = 0; i < instances->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(instances, i);
		cJSON *specs = cJSON_AddObjectToObject(object, type->name);

		for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++) {
			const PlanSpecOrigin *origin = &type->specs[f];
			cJSON *spec = cJSON_AddObjectToObject(specs, plan_instance_field_name(f));
			if (f == PLAN_INSTANCE_FIELD_ARCHITECTURE)
				cJSON_AddStringToObject(spec, "value", type->architecture);
			else
				cJSON_AddNumberToObject(spec, "value",
							(double)report_prices_spec_count(type, f));
			cJSON_AddStringToObject(spec, "source", origin->source);
			cJSON_AddStringToObject(spec, "confidence",
						plan_confidence_to_string(origin->confidence));
			if (origin->note != NULL)
				cJSON_AddStringToObject(spec, "note", origin->note);
		}
		report_json_burst(type, specs);
	}
}

gboolean
report_prices_json(const PlanPriceBook *book, ReportPricesView view, const char *only, GString *out,
		   GError **error)
{
	g_autoptr(cJSON) root = cJSON_CreateObject();
	/* the json of the figures is the whole book, EC2 prices included */
	g_autoptr(GHashTable) used = report_prices_figure_sources(book, view, TRUE, only);
	g_autoptr(GPtrArray) instances = report_prices_instances(book, only);

	report_json_head(book, used, root);
	if (view == REPORT_PRICES_INSTANCES) {
		/* specs and prices together: a partial book that --prices reads back */
		report_json_instances(instances, root);
		report_json_ec2(instances, root);
	} else {
		g_autoptr(GPtrArray) keys = plan_price_book_keys(book);
		report_json_lcu(book, root);
		for (guint i = 0; i < keys->len; i++) {
			const char *key = g_ptr_array_index(keys, i);
			/* "fargate.x86_64.vcpu_hour": the members, then the figure's name */
			g_auto(GStrv) group = g_strsplit(key, ".", -1);
			guint n = g_strv_length(group);
			g_autofree char *name = group[n - 1];

			group[n - 1] = NULL;
			cJSON_AddItemToObject(report_json_group(root, (const char *const *)group),
					      name,
					      report_price_json(plan_price_book_get(book, key)));
			/* the EC2 prices sit after the Fargate group, as in the shipped files */
			if (strcmp(key, "fargate.ephemeral_gb_hour") == 0)
				report_json_ec2(instances, root);
		}
		if (cJSON_GetObjectItemCaseSensitive(root, "ec2") == NULL)
			report_json_ec2(instances, root);
		report_prices_each_option(book, report_json_option, root);
	}
	if (!plan_json_print_append(out, root, TRUE, error))
		return FALSE;
	g_string_append_c(out, '\n');
	return TRUE;
}
