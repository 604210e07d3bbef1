/* reading price book files: JSON text -> PlanPriceBook, with every problem located by
 * file:line:column and path. the only file of the engine's price book that sees cJSON. */
#include "pricebook-reader-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "json-util.h"
#include "json-arena.h"
#include "jsonpos.h"
#include "jsontree.h"
#include "plan-error.h"
#include "regions.h"
#include "text.h"

/* root > group > subgroup > figure > value is depth 5; leave room, refuse pathological input */
#define PLAN_PRICE_BOOK_MAX_DEPTH 16u
#define PLAN_EC2_UNIT "hour"

static const char *const plan_architectures[] = {"x86_64", "arm64"};

/* ---- reading -------------------------------------------------------------------------------- */



static void
plan_book_problem_free(PlanBookProblem *problem)
{
	g_free(problem->text);
	g_free(problem);
}

static gint
plan_book_problem_compare(gconstpointer a, gconstpointer b)
{
	const PlanBookProblem *left = *(const PlanBookProblem *const *)a;
	const PlanBookProblem *right = *(const PlanBookProblem *const *)b;
	return left->offset < right->offset ? -1 : left->offset > right->offset ? 1 : 0;
}

static void
plan_book_reader_clear(PlanBookReader *reader)
{
	g_clear_pointer(&reader->lines, plan_text_index_free);
	if (reader->path != NULL)
		g_string_free(g_steal_pointer(&reader->path), TRUE);
	g_clear_pointer(&reader->problems, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PlanBookReader, plan_book_reader_clear)

/* the names one level below @prefix ("" for the top) among the price keys, e.g. "x86_64",
 * "arm64", "spot_discount" and "ephemeral_gb_hour" below "fargate" */
static GPtrArray *
plan_book_key_children(const char *prefix)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	gsize prefix_length = strlen(prefix);

	for (guint i = 0; i < PLAN_N_PRICE_KEYS; i++) {
		const char *key = book_price_keys[i].key;
		const char *rest;
		g_autofree char *child = NULL;
		gboolean seen = FALSE;

		if (prefix_length > 0 &&
		    (strncmp(key, prefix, prefix_length) != 0 || key[prefix_length] != '.'))
			continue;
		rest = key + prefix_length + (prefix_length > 0 ? 1 : 0);
		child = g_strndup(rest, strcspn(rest, "."));
		for (guint j = 0; j < names->len && !seen; j++)
			seen = strcmp(g_ptr_array_index(names, j), child) == 0;
		if (!seen)
			g_ptr_array_add(names, g_steal_pointer(&child));
	}
	return names;
}

/* a group of figures ("fargate", "fargate.x86_64", "nat", ...): each member is a figure when
 * its dotted name is a key, and a further group otherwise */
static void
plan_book_read_group(PlanBookReader *reader, const cJSON *node, const char *prefix)
{
	g_autoptr(GPtrArray) names = plan_book_key_children(prefix);
	g_autofree char *what = g_strdup_printf("'%s'", prefix);

	if (!plan_book_expect_object(reader, node, "an object of prices"))
		return;
	plan_book_check_members(reader, node, (const char *const *)names->pdata, names->len, what);
	for (const cJSON *child = node->child; child != NULL; child = child->next) {
		g_autofree char *key = g_strconcat(prefix, ".", child->string, NULL);
		gint index = book_price_key_index(key);
		gsize mark;
		gboolean known = FALSE;

		for (guint i = 0; i < names->len && !known; i++)
			known = strcmp(g_ptr_array_index(names, i), child->string) == 0;
		if (!known || cJSON_GetObjectItemCaseSensitive(node, child->string) != child)
			continue; /* already reported as unknown or duplicate */
		mark = plan_book_path_push(reader, child->string);
		if (index >= 0)
			plan_book_read_price(reader, child, book_price_keys[index].unit,
					     &reader->book->prices[index]);
		else
			plan_book_read_group(reader, child, key);
		plan_book_path_pop(reader, mark);
	}
}

static void
plan_book_read_sources(PlanBookReader *reader, const cJSON *node)
{
	static const char *const fields[] = {"title", "as_of"};

	if (!plan_book_expect_object(reader, node,
				     "an object of sources like {\"S2\": {\"title\": ..., "
				     "\"as_of\": ...}}"))
		return;
	for (const cJSON *child = node->child; child != NULL; child = child->next) {
		gsize mark = plan_book_path_push(reader, child->string);
		const cJSON *title;
		const cJSON *as_of;
		PlanSource *source;
		gboolean ok = TRUE;

		if (child->string[0] == '\0' || strpbrk(child->string, " \t\n") != NULL ||
		    strlen(child->string) > 32) {
			plan_book_problem(reader, child,
					  "source key '%s' must be a short word without spaces, "
					  "like \"S2\"",
					  child->string);
			plan_book_path_pop(reader, mark);
			continue;
		}
		if (!plan_book_expect_object(reader, child,
					     "a source like {\"title\": ..., \"as_of\": ...}")) {
			plan_book_path_pop(reader, mark);
			continue;
		}
		ok &= plan_book_check_members(reader, child, fields, G_N_ELEMENTS(fields),
					      "a source");
		ok &= plan_book_require(reader, child, "title", "a source");
		ok &= plan_book_require(reader, child, "as_of", "a source");
		title = cJSON_GetObjectItemCaseSensitive(child, "title");
		as_of = cJSON_GetObjectItemCaseSensitive(child, "as_of");
		if (ok) {
			gsize inner = plan_book_path_push(reader, "title");
			ok &= plan_book_expect_string(reader, title, "a string");
			plan_book_path_pop(reader, inner);
			inner = plan_book_path_push(reader, "as_of");
			ok &= plan_book_expect_string(reader, as_of, "a string");
			plan_book_path_pop(reader, inner);
		}
		if (ok) {
			/* a later file replaces a source it redefines, like any other figure */
			source = g_new0(PlanSource, 1);
			source->title = plan_book_intern(reader->book, title->valuestring);
			source->as_of = plan_book_intern(reader->book, as_of->valuestring);
			g_hash_table_replace(
			    reader->book->sources,
			    (gpointer)plan_book_intern(reader->book, child->string), source);
		}
		plan_book_path_pop(reader, mark);
	}
}

static gboolean
plan_book_read_architecture(PlanBookReader *reader, const cJSON *node, const char **out)
{
	if (!plan_book_expect_string(reader, node, "\"x86_64\" or \"arm64\""))
		return FALSE;
	for (guint i = 0; i < G_N_ELEMENTS(plan_architectures); i++) {
		if (strcmp(node->valuestring, plan_architectures[i]) == 0) {
			*out = plan_architectures[i];
			return TRUE;
		}
	}
	plan_book_problem(reader, node, "expected \"x86_64\" or \"arm64\", got \"%s\"",
			  node->valuestring);
	return FALSE;
}

static gboolean
plan_book_read_count(PlanBookReader *reader, const cJSON *node, gint64 min, gint64 max, gint64 *out)
{
	if (!cJSON_IsNumber(node) || !isfinite(node->valuedouble)) {
		plan_book_problem(reader, node,
				  "expected a whole number from %" G_GINT64_FORMAT
				  " to %" G_GINT64_FORMAT ", got %s",
				  min, max, plan_json_type_name(node));
		return FALSE;
	}
	if (node->valuedouble != floor(node->valuedouble) || node->valuedouble < (double)min ||
	    node->valuedouble > (double)max) {
		plan_book_problem(reader, node,
				  "expected a whole number from %" G_GINT64_FORMAT
				  " to %" G_GINT64_FORMAT ", got %g",
				  min, max, node->valuedouble);
		return FALSE;
	}
	*out = (gint64)node->valuedouble;
	return TRUE;
}

/* one spec value: {"value", "source", "confidence", "note"?} */
static gboolean
plan_book_read_spec(PlanBookReader *reader, const cJSON *node, PlanInstanceField field,
		    PlanInstanceType *type)
{
	static const char *const fields[] = {"value", "source", "confidence", "note"};
	/* generous bounds: they catch units mixed up (GiB for MiB), not future instance sizes */
	static const gint64 limits[PLAN_INSTANCE_N_FIELDS][2] = {
	    {0, 0}, {1, 4096}, {128, 64 * 1024 * 1024}, {1, 1024}, {1, 1024}, {0, 1024}, {0, 4096},
	};
	gint64 *counts[PLAN_INSTANCE_N_FIELDS] = {
	    NULL,
	    &type->vcpu,
	    &type->memory_mib,
	    &type->max_enis,
	    &type->ipv4_per_eni,
	    &type->tasks_no_trunk,
	    &type->tasks_trunk,
	};
	PlanSpecOrigin origin = {0};
	const cJSON *value;
	gboolean ok = TRUE;
	gsize mark;

	if (!plan_book_expect_object(reader, node,
				     "a spec object like {\"value\": 2, \"source\": \"S12\", "
				     "\"confidence\": \"ok\"}"))
		return FALSE;
	ok &= plan_book_check_members(reader, node, fields, G_N_ELEMENTS(fields), "a spec");
	for (guint i = 0; i < 3; i++)
		ok &= plan_book_require(reader, node, fields[i], "a spec");
	if (!ok)
		return FALSE;
	value = cJSON_GetObjectItemCaseSensitive(node, "value");
	mark = plan_book_path_push(reader, "value");
	if (field == PLAN_INSTANCE_FIELD_ARCHITECTURE)
		ok &= plan_book_read_architecture(reader, value, &type->architecture);
	else
		ok &= plan_book_read_count(reader, value, limits[field][0], limits[field][1],
					   counts[field]);
	plan_book_path_pop(reader, mark);
	ok &= plan_book_read_provenance(reader, node, &origin.source, NULL, &origin.confidence,
					&origin.note);
	type->specs[field] = origin;
	return ok;
}

/* a decimal with at most three places, in thousandths: 81.6 -> 81600 */
static gboolean
plan_book_read_milli(PlanBookReader *reader, const cJSON *node, gint64 max, gint64 *out)
{
	double scaled;

	if (!cJSON_IsNumber(node) || !isfinite(node->valuedouble) || node->valuedouble <= 0 ||
	    node->valuedouble > (double)max) {
		plan_book_problem(reader, node,
				  "expected a number above 0 and at most %" G_GINT64_FORMAT
				  ", with at most 3 decimal places",
				  max);
		return FALSE;
	}
	scaled = node->valuedouble * 1000.0;
	if (fabs(scaled - round(scaled)) > 1e-6) {
		plan_book_problem(reader, node, "expected at most 3 decimal places, got %g",
				  node->valuedouble);
		return FALSE;
	}
	*out = (gint64)round(scaled);
	return TRUE;
}

/* the optional burst figures of a T type: "credits_hour" and "baseline_pct" come together,
 * and the baseline must be credits / vCPUs / 60 minutes (AWS's own definition [S10t]) */
static gboolean
plan_book_read_burst(PlanBookReader *reader, const cJSON *object, PlanInstanceType *type)
{
	static const char *const fields[] = {"value", "source", "confidence", "note"};
	static const char *const names[] = {PLAN_INSTANCE_BURST_CREDITS,
					    PLAN_INSTANCE_BURST_BASELINE};
	static const gint64 max[] = {100000, 100};
	gint64 *values[] = {&type->credits_hour_milli, &type->baseline_pct_milli};
	PlanSpecOrigin *origins[] = {&type->credits_origin, &type->baseline_origin};
	const cJSON *nodes[2];
	gboolean ok = TRUE;

	for (guint i = 0; i < 2; i++)
		nodes[i] = cJSON_GetObjectItemCaseSensitive(object, names[i]);
	if (nodes[0] == NULL && nodes[1] == NULL)
		return TRUE;
	if (nodes[0] == NULL || nodes[1] == NULL) {
		plan_book_problem(reader, object, "'%s' and '%s' come together: give both or neither",
				  names[0], names[1]);
		return FALSE;
	}
	for (guint i = 0; i < 2; i++) {
		gsize mark = plan_book_path_push(reader, names[i]);
		gboolean one = TRUE;

		if (!plan_book_expect_object(reader, nodes[i],
					     "a spec object like {\"value\": 6, \"source\": \"S10t\", "
					     "\"confidence\": \"ok\"}")) {
			plan_book_path_pop(reader, mark);
			ok = FALSE;
			continue;
		}
		one &= plan_book_check_members(reader, nodes[i], fields, G_N_ELEMENTS(fields),
					       "a spec");
		for (guint f = 0; f < 3; f++)
			one &= plan_book_require(reader, nodes[i], fields[f], "a spec");
		if (one) {
			gsize inner = plan_book_path_push(reader, "value");
			one &= plan_book_read_milli(
			    reader, cJSON_GetObjectItemCaseSensitive(nodes[i], "value"), max[i],
			    values[i]);
			plan_book_path_pop(reader, inner);
			one &= plan_book_read_provenance(reader, nodes[i], &origins[i]->source, NULL,
							 &origins[i]->confidence, &origins[i]->note);
		}
		ok &= one;
		plan_book_path_pop(reader, mark);
	}
	/* credits x 100 = baseline% x vCPUs x 60, to the baseline's third decimal place */
	if (ok && type->vcpu > 0 &&
	    llabs(type->credits_hour_milli * 100 - type->baseline_pct_milli * 60 * type->vcpu) >
		60 * type->vcpu) {
		gsize mark = plan_book_path_push(reader, names[1]);
		plan_book_problem(reader, nodes[1],
				  "a baseline of %g%% per vCPU does not match %g credits an hour on "
				  "%" G_GINT64_FORMAT " vCPUs (credits / vCPUs / 60 minutes = %.3g%%)",
				  (double)type->baseline_pct_milli / 1000.0,
				  (double)type->credits_hour_milli / 1000.0, type->vcpu,
				  (double)type->credits_hour_milli / 10.0 / 60.0 / (double)type->vcpu);
		plan_book_path_pop(reader, mark);
		ok = FALSE;
	}
	return ok;
}

/* "m5.large", "c7gn.16xlarge", "u-6tb1.metal": lower-case words around at least one dot; the
 * book's reader and the describe-instance-types import hold names to the same rule */
gboolean
book_instance_name_valid(const char *name)
{
	gsize length = strlen(name);

	if (length < 3 || length > 64 || strchr(name, '.') == NULL || name[0] == '.' ||
	    name[length - 1] == '.')
		return FALSE;
	for (const char *p = name; *p != '\0'; p++) {
		if (!g_ascii_islower(*p) && !g_ascii_isdigit(*p) && *p != '.' && *p != '-')
			return FALSE;
	}
	return TRUE;
}

static void
plan_book_read_instances(PlanBookReader *reader, const cJSON *node)
{
	const char *names[PLAN_INSTANCE_N_FIELDS + 2];
	/* a set, not a scan per member: the built-in table has 1,355 types */
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	if (!plan_book_expect_object(reader, node, "an object of instance types"))
		return;
	for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++)
		names[f] = book_instance_field_names[f];
	names[PLAN_INSTANCE_N_FIELDS] = PLAN_INSTANCE_BURST_CREDITS;
	names[PLAN_INSTANCE_N_FIELDS + 1] = PLAN_INSTANCE_BURST_BASELINE;
	for (const cJSON *child = node->child; child != NULL; child = child->next) {
		gsize mark = plan_book_path_push(reader, child->string);
		g_autofree PlanInstanceType *type = g_new0(PlanInstanceType, 1);
		const PlanInstanceType *old;
		gboolean ok = TRUE;

		if (!book_instance_name_valid(child->string)) {
			plan_book_problem(reader, child,
					  "'%s' is not an instance type name like \"m5.large\"",
					  child->string);
			plan_book_path_pop(reader, mark);
			continue;
		}
		if (!g_hash_table_add(seen, child->string)) {
			plan_book_problem(reader, child, "duplicate key '%s'", child->string);
			plan_book_path_pop(reader, mark);
			continue;
		}
		if (!plan_book_expect_object(reader, child, "an instance type object")) {
			plan_book_path_pop(reader, mark);
			continue;
		}
		ok &= plan_book_check_members(reader, child, names, G_N_ELEMENTS(names),
					      "an instance type");
		/* specs come whole: a type with half its specs from elsewhere is too easy to get
		 * wrong, and a user adding a type has all of them at hand */
		for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++)
			ok &= plan_book_require(reader, child, book_instance_field_names[f],
						"an instance type");
		if (!ok) {
			plan_book_path_pop(reader, mark);
			continue;
		}
		for (guint f = 0; f < PLAN_INSTANCE_N_FIELDS; f++) {
			const cJSON *spec =
			    cJSON_GetObjectItemCaseSensitive(child, book_instance_field_names[f]);
			gsize inner = plan_book_path_push(reader, book_instance_field_names[f]);
			ok &= plan_book_read_spec(reader, spec, (PlanInstanceField)f, type);
			plan_book_path_pop(reader, inner);
		}
		if (ok)
			ok &= plan_book_read_burst(reader, child, type);
		if (ok) {
			const char *name = plan_book_intern(reader->book, child->string);
			type->name = name;
			/* the region's price survives a replacement of the specs */
			old = g_hash_table_lookup(reader->book->instances, name);
			if (old != NULL)
				type->hourly = old->hourly;
			g_hash_table_replace(reader->book->instances, (gpointer)name,
					     g_steal_pointer(&type));
		}
		plan_book_path_pop(reader, mark);
	}
}

static void
plan_book_read_ec2(PlanBookReader *reader, const cJSON *node)
{
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	if (!plan_book_expect_object(reader, node, "an object of instance prices"))
		return;
	for (const cJSON *child = node->child; child != NULL; child = child->next) {
		gsize mark = plan_book_path_push(reader, child->string);
		PlanInstanceType *type;

		if (!g_hash_table_add(seen, child->string))
			plan_book_problem(reader, child, "duplicate key '%s'", child->string);
		else if ((type = plan_book_known_instance(reader, child)) != NULL)
			plan_book_read_price(reader, child, PLAN_EC2_UNIT, &type->hourly);
		plan_book_path_pop(reader, mark);
	}
}

/* one RDS figure: into the key table when it lists @key (the built-in classes), else into
 * the book's RDS table */
static void
plan_book_read_rds_price(PlanBookReader *reader, const cJSON *node, const char *key)
{
	gint index = book_price_key_index(key);
	const char *unit = plan_price_key_unit(key);
	PlanPrice *price;

	if (index >= 0) {
		plan_book_read_price(reader, node, unit, &reader->book->prices[index]);
		return;
	}
	price = g_hash_table_lookup(reader->book->rds, key);
	if (price == NULL) {
		price = g_new0(PlanPrice, 1);
		g_hash_table_insert(reader->book->rds, (gpointer)plan_book_intern(reader->book, key),
				    price);
	}
	plan_book_read_price(reader, node, unit, price);
}

/* the figures of one DB class or storage type: @leaves are the members it may have */
static void
plan_book_read_rds_leaves(PlanBookReader *reader, const cJSON *node, const char *prefix,
			  const char *const *leaves, guint n_leaves)
{
	g_autofree char *what = g_strdup_printf("'%s'", prefix);

	if (!plan_book_expect_object(reader, node, "an object of prices"))
		return;
	plan_book_check_members(reader, node, leaves, n_leaves, what);
	for (guint i = 0; i < n_leaves; i++) {
		const cJSON *leaf = cJSON_GetObjectItemCaseSensitive(node, leaves[i]);
		g_autofree char *key = g_strconcat(prefix, ".", leaves[i], NULL);
		gsize mark;
		if (leaf == NULL)
			continue;
		mark = plan_book_path_push(reader, leaves[i]);
		plan_book_read_rds_price(reader, leaf, key);
		plan_book_path_pop(reader, mark);
	}
}

/* "rds": DB classes (db_t3_micro: the engine-less default), storage types (gp2, gp3, io1) and
 * engines (postgres: its own classes), docs/prices.md "RDS figures" */
static void
plan_book_read_rds(PlanBookReader *reader, const cJSON *node, gboolean in_engine,
		   const char *prefix)
{
	static const char *const hours[] = {"hour", "multi_az_hour"};
	static const char *const storage[] = {"gb_month", "multi_az_gb_month"};
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	if (!plan_book_expect_object(reader, node, "an object of RDS prices"))
		return;
	for (const cJSON *child = node->child; child != NULL; child = child->next) {
		gsize mark = plan_book_path_push(reader, child->string);
		g_autofree char *key = g_strconcat(prefix, ".", child->string, NULL);
		g_autofree char *probe_hour = g_strconcat(key, ".hour", NULL);
		g_autofree char *probe_gb = g_strconcat(key, ".gb_month", NULL);
		gboolean engine = FALSE;

		for (guint i = 0; i < G_N_ELEMENTS(book_rds_engines) && !in_engine; i++)
			engine |= strcmp(child->string, book_rds_engines[i]) == 0;
		if (!g_hash_table_add(seen, child->string))
			plan_book_problem(reader, child, "duplicate key '%s'", child->string);
		else if (engine)
			plan_book_read_rds(reader, child, TRUE, key);
		else if (book_rds_key_unit(probe_hour) != NULL)
			plan_book_read_rds_leaves(reader, child, key, hours, G_N_ELEMENTS(hours));
		else if (!in_engine && book_rds_key_unit(probe_gb) != NULL)
			plan_book_read_rds_leaves(reader, child, key, storage, G_N_ELEMENTS(storage));
		else
			plan_book_problem(reader, child,
					  in_engine ? "'%s' is not a DB class (db_ and the class "
						      "with its dots as underscores: db_m5_large)"
						    : "'%s' is not a DB class (db_m5_large), a "
						      "storage type (gp2, gp3, io1) or an engine "
						      "(mysql, postgres, mariadb, aurora-mysql, "
						      "aurora-postgresql)",
					  child->string);
		plan_book_path_pop(reader, mark);
	}
}

static gboolean
plan_book_read_dimension(PlanBookReader *reader, const cJSON *node, double *out)
{
	if (!cJSON_IsNumber(node) || !isfinite(node->valuedouble) || node->valuedouble < 0 ||
	    node->valuedouble > 1e9) {
		plan_book_problem(reader, node, "expected a number of 0 or more, got %s",
				  cJSON_IsNumber(node) ? "a negative or huge number"
						       : plan_json_type_name(node));
		return FALSE;
	}
	*out = node->valuedouble;
	return TRUE;
}

static void
plan_book_read_lcu_one(PlanBookReader *reader, const cJSON *node, guint index)
{
	static const char *const fields[] = {
	    "new_connections_per_second",
	    "active_connections_per_minute",
	    "processed_gb_per_hour",
	    "rule_evaluations_per_second",
	    "source",
	    "as_of",
	    "confidence",
	    "note",
	};
	PlanLcuDimensions lcu = {0};
	double *dimensions[] = {
	    &lcu.new_connections_per_second,
	    &lcu.active_connections_per_minute,
	    &lcu.processed_gb_per_hour,
	    &lcu.rule_evaluations_per_second,
	};
	gboolean ok = TRUE;

	if (!plan_book_expect_object(reader, node, "an object of LCU dimensions"))
		return;
	ok &= plan_book_check_members(reader, node, fields, G_N_ELEMENTS(fields), "LCU dimensions");
	for (guint i = 0; i < 7; i++)
		ok &= plan_book_require(reader, node, fields[i], "LCU dimensions");
	if (!ok)
		return;
	for (guint i = 0; i < G_N_ELEMENTS(dimensions); i++) {
		gsize mark;
		const cJSON *member = plan_book_enter(reader, node, fields[i], &mark);
		ok &= plan_book_read_dimension(reader, member, dimensions[i]);
		plan_book_leave(reader, mark);
	}
	ok &= plan_book_read_provenance(reader, node, &lcu.source, &lcu.as_of, &lcu.confidence,
					&lcu.note);
	/* a balancer is billed on its largest dimension: one that is never positive would make
	 * every LCU count zero */
	if (ok && lcu.new_connections_per_second <= 0 && lcu.active_connections_per_minute <= 0 &&
	    lcu.processed_gb_per_hour <= 0) {
		plan_book_problem(reader, node,
				  "LCU dimensions need at least one positive connection or "
				  "byte dimension");
		ok = FALSE;
	}
	if (ok) {
		reader->book->lcu[index] = lcu;
		reader->book->lcu_present[index] = TRUE;
	}
}

static void
plan_book_read_lcu(PlanBookReader *reader, const cJSON *node)
{
	static const char *const fields[] = {"alb", "nlb"};

	if (!plan_book_expect_object(reader, node, "an object with \"alb\" and \"nlb\""))
		return;
	plan_book_check_members(reader, node, fields, G_N_ELEMENTS(fields), "'lcu'");
	for (guint i = 0; i < G_N_ELEMENTS(fields); i++) {
		const cJSON *child = cJSON_GetObjectItemCaseSensitive(node, fields[i]);
		gsize mark;
		if (child == NULL)
			continue;
		mark = plan_book_path_push(reader, fields[i]);
		plan_book_read_lcu_one(reader, child, i);
		plan_book_path_pop(reader, mark);
	}
}

static gboolean
plan_book_read_version(PlanBookReader *reader, const cJSON *node, const char *name)
{
	if (!cJSON_IsNumber(node) || node->valuedouble != 1) {
		plan_book_problem(reader, node, "expected \"%s\": 1, got %s", name,
				  cJSON_IsNumber(node) ? "another version"
						       : plan_json_type_name(node));
		return FALSE;
	}
	return TRUE;
}

static void
plan_book_read_region(PlanBookReader *reader, const cJSON *node)
{
	const char *suggestion;

	if (!plan_book_expect_string(reader, node, "a region name like \"eu-west-1\""))
		return;
	if (plan_region_lookup(node->valuestring) == NULL) {
		suggestion = plan_region_suggest(node->valuestring);
		if (suggestion != NULL)
			plan_book_problem(reader, node, "unknown region '%s'; did you mean '%s'?",
					  node->valuestring, suggestion);
		else
			plan_book_problem(reader, node, "unknown region '%s'", node->valuestring);
		return;
	}
	if (reader->book->region != NULL && strcmp(reader->book->region, node->valuestring) != 0)
		plan_book_problem(reader, node, "the file holds prices for '%s', not '%s'",
				  node->valuestring, reader->book->region);
}

/* the document's members in the order that lets later ones refer to earlier ones: sources
 * before anything citing them, instance specs before their prices */
static void
plan_book_read_document(PlanBookReader *reader, const cJSON *root, PlanBookDocKind kind)
{
	static const char *const price_fields[] = {
	    "ecsplan_prices", "region",	  "currency",	     "as_of",	 "sources", "lcu",
	    "instances",      "ec2",	  "fargate",	     "nat",	 "alb",	    "nlb",
	    "public_ipv4",    "inter_az", "internet_egress", "endpoint", "clb",     "rds",
	    "ebs",	      "logs",	  "savings_plans",   "reserved", "spot",
	};
	static const char *const instance_fields[] = {"ecsplan_instances", "as_of", "sources",
						      "instances"};
	const char *const *fields = kind == PLAN_BOOK_DOC_PRICES ? price_fields : instance_fields;
	guint n_fields = kind == PLAN_BOOK_DOC_PRICES ? G_N_ELEMENTS(price_fields)
						      : G_N_ELEMENTS(instance_fields);
	const char *version = fields[0];
	g_autoptr(GPtrArray) groups = NULL;
	const cJSON *member;
	const char *as_of = NULL;
	gsize mark;

	if (!cJSON_IsObject(root)) {
		plan_book_problem(reader, root, "expected a JSON object with \"%s\": 1, got %s",
				  version, plan_json_type_name(root));
		return;
	}
	plan_book_check_members(reader, root, fields, n_fields, "a price book");
	if (!plan_book_require(reader, root, version, "a price book"))
		return;
	member = plan_book_enter(reader, root, version, &mark);
	if (!plan_book_read_version(reader, member, version)) {
		plan_book_leave(reader, mark);
		return;
	}
	plan_book_leave(reader, mark);

	if ((member = cJSON_GetObjectItemCaseSensitive(root, "region")) != NULL) {
		mark = plan_book_path_push(reader, "region");
		plan_book_read_region(reader, member);
		plan_book_path_pop(reader, mark);
	}
	if ((member = cJSON_GetObjectItemCaseSensitive(root, "currency")) != NULL) {
		mark = plan_book_path_push(reader, "currency");
		if (plan_book_expect_string(reader, member, "\"USD\"") &&
		    strcmp(member->valuestring, "USD") != 0)
			plan_book_problem(reader, member,
					  "expected \"USD\", got \"%s\"; ecsplan prices in US "
					  "dollars only",
					  member->valuestring);
		plan_book_path_pop(reader, mark);
	}
	if (cJSON_GetObjectItemCaseSensitive(root, "as_of") != NULL) {
		member = plan_book_enter(reader, root, "as_of", &mark);
		if (plan_book_read_date(reader, member, &as_of))
			reader->book->as_of = as_of;
		plan_book_leave(reader, mark);
	}
	if ((member = cJSON_GetObjectItemCaseSensitive(root, "sources")) != NULL) {
		mark = plan_book_path_push(reader, "sources");
		plan_book_read_sources(reader, member);
		plan_book_path_pop(reader, mark);
	}
	if ((member = cJSON_GetObjectItemCaseSensitive(root, "instances")) != NULL) {
		mark = plan_book_path_push(reader, "instances");
		plan_book_read_instances(reader, member);
		plan_book_path_pop(reader, mark);
	}
	if (kind != PLAN_BOOK_DOC_PRICES)
		return;
	if ((member = cJSON_GetObjectItemCaseSensitive(root, "lcu")) != NULL) {
		mark = plan_book_path_push(reader, "lcu");
		plan_book_read_lcu(reader, member);
		plan_book_path_pop(reader, mark);
	}
	if ((member = cJSON_GetObjectItemCaseSensitive(root, "ec2")) != NULL) {
		mark = plan_book_path_push(reader, "ec2");
		plan_book_read_ec2(reader, member);
		plan_book_path_pop(reader, mark);
	}
	/* after "instances": the purchase options name instance types */
	if ((member = cJSON_GetObjectItemCaseSensitive(root, "savings_plans")) != NULL) {
		mark = plan_book_path_push(reader, "savings_plans");
		plan_book_read_savings_plans(reader, member);
		plan_book_path_pop(reader, mark);
	}
	if ((member = cJSON_GetObjectItemCaseSensitive(root, "reserved")) != NULL) {
		mark = plan_book_path_push(reader, "reserved");
		plan_book_read_reserved(reader, member);
		plan_book_path_pop(reader, mark);
	}
	if ((member = cJSON_GetObjectItemCaseSensitive(root, "spot")) != NULL) {
		mark = plan_book_path_push(reader, "spot");
		plan_book_read_spot(reader, member);
		plan_book_path_pop(reader, mark);
	}
	groups = plan_book_key_children("");
	for (const cJSON *child = root->child; child != NULL; child = child->next) {
		gboolean group = FALSE;
		for (guint i = 0; i < groups->len && !group; i++)
			group = strcmp(g_ptr_array_index(groups, i), child->string) == 0;
		if (!group || cJSON_GetObjectItemCaseSensitive(root, child->string) != child)
			continue;
		mark = plan_book_path_push(reader, child->string);
		if (strcmp(child->string, "rds") == 0)
			plan_book_read_rds(reader, child, FALSE, "rds");
		else
			plan_book_read_group(reader, child, child->string);
		plan_book_path_pop(reader, mark);
	}
}

static gboolean
plan_book_syntax_error(const char *file, const PlanTextIndex *lines, gsize length, gsize offset,
		       const char *what, GError **error)
{
	PlanLoc loc = plan_text_index_loc(lines, MIN(offset, length));
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s:%u:%u: (top): %s (check for a missing comma, quote or bracket, or a "
		    "trailing comma)",
		    file, loc.line, loc.column, what);
	return FALSE;
}

/* parses @data and reads it into @book, replacing what it defines; on failure @book may be
 * half-updated and must be dropped */
gboolean
book_read_data(PlanPriceBook *book, const char *data, gsize length, const char *file,
		    PlanBookDocKind kind, GError **error)
{
	g_auto(PlanBookReader) reader = {0};
	g_autoptr(cJSON) root = NULL;
	g_autoptr(PlanJsonArena) arena = NULL;
	g_autoptr(PlanTextIndex) tree_lines = NULL;
	cJSON *tree = NULL; /* root, or a tree in the arena */
	g_autoptr(GArray) offsets = NULL;
	g_autoptr(GPtrArray) lines = NULL;
	const char *end = NULL;
	const char *invalid = NULL;
	gsize error_offset = 0;

	if (length > PLAN_PRICE_BOOK_MAX_BYTES) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s: (top): file is %" G_GSIZE_FORMAT
			    " bytes; a price book is at most %u MiB",
			    file, length, PLAN_PRICE_BOOK_MAX_BYTES / (1024u * 1024u));
		return FALSE;
	}
	reader.lines = plan_text_index_new(data, length);
	if (length == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:1:1: (top): expected a JSON object, got an empty file", file);
		return FALSE;
	}
	/* plain JSON in one pass, positions and all (jsontree.h); cJSON for anything else: the
	 * instance table is read in every process that prices EC2, and this halves it (issue 18) */
	arena = plan_json_arena_new();
	tree = plan_json_tree_parse(data, length, PLAN_PRICE_BOOK_MAX_DEPTH, arena, &tree_lines);
	if (tree != NULL) {
		g_clear_pointer(&reader.lines, plan_text_index_free);
		reader.lines = g_steal_pointer(&tree_lines);
	} else {
		/* what the parser accepts is UTF-8 without a NUL; the rest is asked here, with
		 * g_utf8_validate_len's answer (which stops at a NUL byte too) */
		if (!plan_text_utf8_validate(data, length, &invalid)) {
			PlanLoc loc = plan_text_index_loc(reader.lines, (gsize)(invalid - data));
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
				    "%s:%u:%u: (top): expected JSON text in UTF-8, got byte 0x%02x",
				    file, loc.line, loc.column, (guchar)*invalid);
			return FALSE;
		}
		offsets = plan_json_value_offsets(data, length, PLAN_PRICE_BOOK_MAX_DEPTH,
						  &error_offset);
		if (offsets == NULL)
			return plan_book_syntax_error(file, reader.lines, length, error_offset,
						      "nested too deeply for a price book", error);
		root = cJSON_ParseWithLengthOpts(data, length, &end, FALSE);
		if (root == NULL)
			return plan_book_syntax_error(
			    file, reader.lines, length,
			    end != NULL && end >= data ? (gsize)(end - data) : 0,
			    "expected a JSON object, got text that is not valid JSON", error);
		for (gsize at = (gsize)(end - data); at < length; at++) {
			if ((guchar)data[at] > 32)
				return plan_book_syntax_error(file, reader.lines, length, at,
							      "unexpected text after the JSON value",
							      error);
		}
		plan_json_map_offsets(root, offsets);
		tree = root;
	}

	reader.book = book;
	reader.file = file;
	reader.data = data;
	reader.length = length;
	reader.have_offsets = TRUE;
	reader.path = g_string_new(NULL);
	reader.problems = g_ptr_array_new_with_free_func((GDestroyNotify)plan_book_problem_free);
	plan_book_read_document(&reader, tree, kind);
	if (reader.n_problems == 0)
		return TRUE;

	/* g_ptr_array_sort is stable: problems at one place keep the order they were found in */
	g_ptr_array_sort(reader.problems, plan_book_problem_compare);
	lines = g_ptr_array_sized_new(reader.problems->len);
	for (guint i = 0; i < reader.problems->len; i++) {
		const PlanBookProblem *problem = g_ptr_array_index(reader.problems, i);
		g_ptr_array_add(lines, problem->text);
	}
	plan_set_problems_error(error, file, lines, reader.n_problems);
	return FALSE;
}

/* the "region" a user's file names, if it names one as a string; problems with it are reported
 * when the file is read */
char *
book_peek_region(const char *data, gsize length)
{
	g_autoptr(cJSON) root = length <= PLAN_PRICE_BOOK_MAX_BYTES
				    ? cJSON_ParseWithLengthOpts(data, length, NULL, FALSE)
				    : NULL;
	const cJSON *region =
	    cJSON_IsObject(root) ? cJSON_GetObjectItemCaseSensitive(root, "region") : NULL;
	return cJSON_IsString(region) && region->valuestring != NULL ? g_strdup(region->valuestring)
								     : NULL;
}
