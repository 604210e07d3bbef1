/* The imported figures as a price book in ecsplan's format (offer-import.h,
 * offer-import-private.h): figures sorted by key, each with its source (offer code and
 * version), date, SKU and rate code */
#include "offer-import-private.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "compat.h"
#include "plan-error.h"
#include "pricebook-private.h"

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
	/* a Savings Plans file is known by its shape, whatever its offer code says: its figures
	 * are named by their kind, never by that code (which may be any length) */
	const char *code = strstr(figure->offer_code, "SavingsPlan") != NULL ||
				   g_str_has_prefix(figure->key, "savings_plans|")
			       ? "SavingsPlans"
			       : figure->offer_code;

	if (figure->interruption != NULL)
		return g_strdup("SpotAdvisor");

	for (const char *at = figure->version; *at != '\0' && plain; at++)
		plain = g_ascii_isalnum(*at);
	/* keys are at most 32 characters: "SavingsPlans-VERSION", AWS's versions are 14 digits;
	 * a longer one (a hostile file) is "unversioned" */
	if (strlen(code) + 1 + strlen(figure->version) > 32)
		plain = FALSE;
	return g_strdup_printf("%s-%s", code, plain ? figure->version : "unversioned");
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

gboolean
plan_offer_import_supplies(const char *key)
{
	/* the keys the readers above map rows to (docs/prices.md, "Importing AWS's offer files") */
	static const char *const prefixes[] = {
	    "ec2.",	      "nat.",	     "fargate.x86_64.", "fargate.arm64.",
	    "alb.",	      "nlb.",	     "clb.",		"public_ipv4.",	"endpoint.",
	    "inter_az.",      "internet_egress.", "rds.",		"logs.",
	};

	g_return_val_if_fail(key != NULL, FALSE);
	if (strcmp(key, "fargate.ephemeral_gb_hour") == 0)
		return TRUE;
	for (guint i = 0; i < G_N_ELEMENTS(prefixes); i++) {
		if (g_str_has_prefix(key, prefixes[i]))
			return TRUE;
	}
	return FALSE;
}
