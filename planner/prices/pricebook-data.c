/* the price book's tables (keys, units, names) and the small helpers that read only them: the
 * floor under pricebook.c (the object) and pricebook-reader.c (the JSON files) */
#include "pricebook-private.h"

#include <string.h>

/* the keys a book may hold, each with its unit; the file's nesting mirrors the dots */
const PlanPriceKey book_price_keys[PLAN_N_PRICE_KEYS] = {
    {"fargate.x86_64.vcpu_hour", "vCPU-hour"},
    {"fargate.x86_64.gb_hour", "GB-hour"},
    {"fargate.arm64.vcpu_hour", "vCPU-hour"},
    {"fargate.arm64.gb_hour", "GB-hour"},
    {"fargate.spot_discount", "ratio"},
    {"fargate.ephemeral_gb_hour", "GB-hour"},
    {"nat.hour", "hour"},
    {"nat.gb", "GB"},
    {"alb.hour", "hour"},
    {"alb.lcu_hour", "LCU-hour"},
    {"nlb.hour", "hour"},
    {"nlb.lcu_hour", "LCU-hour"},
    {"clb.hour", "hour"},
    {"clb.gb", "GB"},
    {"public_ipv4.hour", "hour"},
    {"inter_az.gb", "GB"},
    {"internet_egress.gb", "GB"},
    {"endpoint.hour_per_az", "hour"},
    {"endpoint.gb", "GB"},
    {"rds.db_t3_micro.hour", "hour"},
    {"rds.db_t3_small.hour", "hour"},
    {"rds.db_t2_small.hour", "hour"},
    {"rds.gp2.gb_month", "GB-month"},
    {"ebs.gp3.gb_month", "GB-month"},
    {"ebs.gp2.gb_month", "GB-month"},
    {"logs.ingest_gb", "GB"},
    {"logs.storage_gb_month", "GB-month"},
};

const char *const book_confidence_names[PLAN_CONFIDENCE_UNCONFIRMED + 1] = {
    "ok", "secondary", "derived", "unconfirmed"};

const char *const book_instance_field_names[PLAN_INSTANCE_N_FIELDS] = {
    "architecture", "vcpu",	      "memory_mib",  "max_enis",
    "ipv4_per_eni", "tasks_no_trunk", "tasks_trunk",
};

const char *const book_rds_engines[5] = {"mysql", "postgres", "mariadb", "aurora-mysql",
					 "aurora-postgresql"};

/* "db_t3_micro": a DB class as a key part (its dots made underscores) */
static gboolean
book_rds_class_valid(const char *name, gsize length)
{
	if (length < 4 || length > 40 || strncmp(name, "db_", 3) != 0)
		return FALSE;
	for (gsize i = 3; i < length; i++) {
		if (!g_ascii_islower(name[i]) && !g_ascii_isdigit(name[i]) && name[i] != '_')
			return FALSE;
	}
	return TRUE;
}

/**
 * book_rds_key_unit:
 * RDS keys: rds.CLASS.hour and rds.CLASS.multi_az_hour (the engine-less default, the MySQL
 * rate), rds.ENGINE.CLASS.hour and rds.ENGINE.CLASS.multi_az_hour, rds.STORAGE.gb_month and
 * rds.STORAGE.multi_az_gb_month (gp2, gp3, io1)
 */
const char *
book_rds_key_unit(const char *key)
{
	static const char *const storage[] = {"gp2", "gp3", "io1"};
	g_auto(GStrv) parts = NULL;
	guint n;
	const char *leaf;

	if (!g_str_has_prefix(key, "rds."))
		return NULL;
	parts = g_strsplit(key, ".", 5);
	n = g_strv_length(parts);
	if (n < 3 || n > 4)
		return NULL;
	leaf = parts[n - 1];
	if (n == 3) {
		for (guint i = 0; i < G_N_ELEMENTS(storage); i++) {
			if (strcmp(parts[1], storage[i]) == 0)
				return strcmp(leaf, "gb_month") == 0 ||
					       strcmp(leaf, "multi_az_gb_month") == 0
					   ? "GB-month"
					   : NULL;
		}
	} else {
		gboolean engine = FALSE;
		for (guint i = 0; i < G_N_ELEMENTS(book_rds_engines) && !engine; i++)
			engine = strcmp(parts[1], book_rds_engines[i]) == 0;
		if (!engine)
			return NULL;
	}
	if (!book_rds_class_valid(parts[n - 2], strlen(parts[n - 2])))
		return NULL;
	return strcmp(leaf, "hour") == 0 || strcmp(leaf, "multi_az_hour") == 0 ? "hour" : NULL;
}

/* ---- small public helpers ----------------------------------------------------------------- */

gboolean
plan_price_is_estimate(const PlanPrice *price)
{
	g_return_val_if_fail(price != NULL, TRUE);
	/* issue 3: line items that rest on unconfirmed figures are estimates. a secondary or
	 * derived figure has a source and a method, and reports show its confidence anyway */
	return !price->present || price->confidence == PLAN_CONFIDENCE_UNCONFIRMED;
}

const char *
plan_confidence_to_string(PlanConfidence confidence)
{
	g_return_val_if_fail((guint)confidence < G_N_ELEMENTS(book_confidence_names),
			     "unconfirmed");
	return book_confidence_names[confidence];
}

const char *
plan_instance_field_name(PlanInstanceField field)
{
	g_return_val_if_fail((guint)field < PLAN_INSTANCE_N_FIELDS, NULL);
	return book_instance_field_names[field];
}

/**
 * plan_price_key_names:
 * Returns: (transfer none): NULL-terminated, static
 */
const char *const *
plan_price_key_names(guint *n_keys)
{
	static const char **names = NULL;

	/* built once from the key table, so the two can never disagree; never freed */
	if (g_once_init_enter(&names)) {
		const char **list = g_new0(const char *, PLAN_N_PRICE_KEYS + 1);
		for (guint i = 0; i < PLAN_N_PRICE_KEYS; i++)
			list[i] = book_price_keys[i].key;
		g_once_init_leave(&names, list);
	}
	if (n_keys != NULL)
		*n_keys = PLAN_N_PRICE_KEYS;
	return names;
}

gint
book_price_key_index(const char *key)
{
	for (guint i = 0; i < PLAN_N_PRICE_KEYS; i++) {
		if (strcmp(book_price_keys[i].key, key) == 0)
			return (gint)i;
	}
	return -1;
}

const char *
plan_price_key_unit(const char *key)
{
	gint index;

	g_return_val_if_fail(key != NULL, NULL);
	index = book_price_key_index(key);
	return index < 0 ? book_rds_key_unit(key) : book_price_keys[index].unit;
}
