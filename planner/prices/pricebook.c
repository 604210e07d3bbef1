/* the price book: dated, sourced figures per region, from the embedded models/prices/ files and
 * optionally a user's file laid over them. the JSON reading is in pricebook-reader.c. */
#include "pricebook-private.h"

#include <stdlib.h>
#include <string.h>

#include "plan-error.h"
#include "plan-resources.h"
#include "regions.h"
#include "input.h"
#include "text.h"

#define PLAN_PRICES_PATH "/org/ecsplan/prices/"
#define PLAN_PRICES_INSTANCES "instances"
#define PLAN_PRICES_DISPLAY_DIR "models/prices/"

/* ---- the book object ---------------------------------------------------------------------- */

PlanPriceBook *
book_new(void)
{
	PlanPriceBook *book = g_new0(PlanPriceBook, 1);

	book->strings = g_string_chunk_new(4096);
	book->instances = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	book->sources = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	for (guint kind = 0; kind < PLAN_N_COMMITS; kind++)
		book->commits[kind] = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	book->spot = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	book->rds = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	book->as_of = "undated";
	book->origin = "built-in";
	return book;
}

/**
 * plan_price_book_free:
 * @book: (transfer full) (nullable): the book; every pointer it handed out dies with it
 */
void
plan_price_book_free(PlanPriceBook *book)
{
	if (book == NULL)
		return;
	g_hash_table_unref(book->instances);
	g_hash_table_unref(book->sources);
	for (guint kind = 0; kind < PLAN_N_COMMITS; kind++)
		g_hash_table_unref(book->commits[kind]);
	g_hash_table_unref(book->spot);
	g_hash_table_unref(book->rds);
	g_string_chunk_free(book->strings);
	g_free(book);
}

const char *
plan_price_book_region(const PlanPriceBook *book)
{
	g_return_val_if_fail(book != NULL, NULL);
	return book->region;
}

const char *
plan_price_book_as_of(const PlanPriceBook *book)
{
	g_return_val_if_fail(book != NULL, NULL);
	return book->as_of;
}

const char *
plan_price_book_origin(const PlanPriceBook *book)
{
	g_return_val_if_fail(book != NULL, NULL);
	return book->origin;
}

/**
 * plan_price_book_get:
 * Returns: (transfer none) (nullable): the figure, owned by @book; NULL for an unknown key or
 * one the book does not hold
 */
const PlanPrice *
plan_price_book_get(const PlanPriceBook *book, const char *key)
{
	gint index;

	g_return_val_if_fail(book != NULL, NULL);
	g_return_val_if_fail(key != NULL, NULL);
	index = book_price_key_index(key);
	if (index < 0) {
		const PlanPrice *price = g_hash_table_lookup(book->rds, key);
		return price != NULL && price->present ? price : NULL;
	}
	if (!book->prices[index].present)
		return NULL;
	return &book->prices[index];
}

static gint
plan_book_compare_keys(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/**
 * plan_price_book_keys:
 * Returns: (transfer container) (element-type utf8): key names owned by @book or static; free
 * the array only. The key table's keys in its order, then the RDS keys outside it, sorted
 */
GPtrArray *
plan_price_book_keys(const PlanPriceBook *book)
{
	GPtrArray *keys = g_ptr_array_new();
	g_autoptr(GPtrArray) rds = g_ptr_array_new();
	GHashTableIter iter;
	gpointer key;
	gpointer value;

	g_return_val_if_fail(book != NULL, keys);
	for (guint i = 0; i < PLAN_N_PRICE_KEYS; i++) {
		if (book->prices[i].present)
			g_ptr_array_add(keys, (gpointer)book_price_keys[i].key);
	}
	g_hash_table_iter_init(&iter, book->rds);
	while (g_hash_table_iter_next(&iter, &key, &value)) {
		if (((const PlanPrice *)value)->present)
			g_ptr_array_add(rds, key);
	}
	g_ptr_array_sort(rds, plan_book_compare_keys);
	g_ptr_array_extend(keys, rds, NULL, NULL);
	return keys;
}

/**
 * plan_price_book_instance:
 * Returns: (transfer none) (nullable): the type's specs and this region's price, or NULL when
 * the book has no specs for @name
 */
const PlanInstanceType *
plan_price_book_instance(const PlanPriceBook *book, const char *name)
{
	g_return_val_if_fail(book != NULL, NULL);
	g_return_val_if_fail(name != NULL, NULL);
	return g_hash_table_lookup(book->instances, name);
}

static gint
book_compare_instances(gconstpointer a, gconstpointer b)
{
	const PlanInstanceType *left = *(const PlanInstanceType *const *)a;
	const PlanInstanceType *right = *(const PlanInstanceType *const *)b;
	return strcmp(left->name, right->name);
}

/**
 * plan_price_book_instances:
 * Returns: (transfer container) (element-type PlanInstanceType): every type with specs, priced
 * here or not (hourly.present says), sorted by name; the elements belong to @book
 */
GPtrArray *
plan_price_book_instances(const PlanPriceBook *book)
{
	GPtrArray *out = g_ptr_array_new();
	GHashTableIter iter;
	gpointer value;

	g_return_val_if_fail(book != NULL, out);
	g_hash_table_iter_init(&iter, book->instances);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_add(out, value);
	g_ptr_array_sort(out, book_compare_instances);
	return out;
}

const char *
plan_price_book_source_title(const PlanPriceBook *book, const char *key)
{
	const PlanSource *source;

	g_return_val_if_fail(book != NULL, NULL);
	g_return_val_if_fail(key != NULL, NULL);
	source = g_hash_table_lookup(book->sources, key);
	return source != NULL ? source->title : NULL;
}

const char *
plan_price_book_source_as_of(const PlanPriceBook *book, const char *key)
{
	const PlanSource *source;

	g_return_val_if_fail(book != NULL, NULL);
	g_return_val_if_fail(key != NULL, NULL);
	source = g_hash_table_lookup(book->sources, key);
	return source != NULL ? source->as_of : NULL;
}

/* "S3b" sorts after "S3" and before "S4", and "S10" after "S9" */
static gint
plan_compare_source_keys(gconstpointer a, gconstpointer b)
{
	const char *left = *(const char *const *)a;
	const char *right = *(const char *const *)b;
	const char *left_digits = left + strcspn(left, "0123456789");
	const char *right_digits = right + strcspn(right, "0123456789");
	guint64 left_number = g_ascii_strtoull(left_digits, NULL, 10);
	guint64 right_number = g_ascii_strtoull(right_digits, NULL, 10);
	gsize left_prefix = (gsize)(left_digits - left);
	gsize right_prefix = (gsize)(right_digits - right);
	int order;

	if (left_prefix != right_prefix || strncmp(left, right, left_prefix) != 0)
		return strcmp(left, right);
	if (left_number != right_number)
		return left_number < right_number ? -1 : 1;
	order = strcmp(left_digits, right_digits);
	return order;
}

/**
 * plan_price_book_sources:
 * Returns: (transfer container) (element-type utf8): the keys, owned by @book
 */
GPtrArray *
plan_price_book_sources(const PlanPriceBook *book)
{
	GPtrArray *out = g_ptr_array_new();
	GHashTableIter iter;
	gpointer key;

	g_return_val_if_fail(book != NULL, out);
	g_hash_table_iter_init(&iter, book->sources);
	while (g_hash_table_iter_next(&iter, &key, NULL))
		g_ptr_array_add(out, key);
	g_ptr_array_sort(out, plan_compare_source_keys);
	return out;
}

/**
 * plan_price_book_lcu:
 * @network: FALSE for the ALB's LCU, TRUE for the NLB's (TCP) NLCU
 * Returns: (transfer none) (nullable): NULL when the book has no such dimensions
 */
const PlanLcuDimensions *
plan_price_book_lcu(const PlanPriceBook *book, gboolean network)
{
	guint index = network ? 1 : 0;

	g_return_val_if_fail(book != NULL, NULL);
	return book->lcu_present[index] ? &book->lcu[index] : NULL;
}

/* ---- loading ------------------------------------------------------------------------------ */

static GBytes *
plan_book_resource(const char *name)
{
	g_autofree char *path = g_strconcat(PLAN_PRICES_PATH, name, ".json", NULL);
	/* asking the generated resource directly also keeps it linked from the static library */
	return g_resource_lookup_data(plan_resources_get_resource(), path,
				      G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}

static gboolean
plan_book_read_resource(PlanPriceBook *book, const char *name, PlanBookDocKind kind, GError **error)
{
	g_autoptr(GBytes) bytes = plan_book_resource(name);
	g_autofree char *display = g_strconcat(PLAN_PRICES_DISPLAY_DIR, name, ".json", NULL);
	gsize length = 0;
	const char *data;

	if (bytes == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "the embedded price book has no '%s'", display);
		return FALSE;
	}
	data = g_bytes_get_data(bytes, &length);
	return book_read_data(book, data, length, display, kind, error);
}

static int
plan_compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/**
 * plan_price_book_regions:
 * Returns: (transfer full): the covered regions, sorted; free with g_strfreev()
 */
GStrv
plan_price_book_regions(void)
{
	g_auto(GStrv) children = g_resource_enumerate_children(
	    plan_resources_get_resource(), PLAN_PRICES_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
	g_autoptr(GStrvBuilder) builder = g_strv_builder_new();
	GStrv names;

	for (guint i = 0; children != NULL && children[i] != NULL; i++) {
		g_autofree char *stem = NULL;
		if (!g_str_has_suffix(children[i], ".json"))
			continue;
		stem = g_strndup(children[i], strlen(children[i]) - strlen(".json"));
		if (strcmp(stem, PLAN_PRICES_INSTANCES) != 0)
			g_strv_builder_add(builder, stem);
	}
	names = g_strv_builder_end(builder);
	qsort(names, g_strv_length(names), sizeof(char *), plan_compare_strings);
	return names;
}

static gboolean
plan_book_region_covered(const char *region)
{
	g_autoptr(GBytes) bytes = plan_book_resource(region);
	return bytes != NULL && strcmp(region, PLAN_PRICES_INSTANCES) != 0;
}

char *
plan_price_instances_cache_path(void)
{
	return g_build_filename(g_get_user_cache_dir(), "ecsplan", "prices",
				PLAN_PRICES_INSTANCES ".json", NULL);
}

gboolean
plan_price_book_read_instances(PlanPriceBook *book, const char *data, gsize length,
			       const char *name, GError **error)
{
	g_return_val_if_fail(book != NULL && data != NULL && name != NULL, FALSE);
	return book_read_data(book, data, length, name, PLAN_BOOK_DOC_INSTANCES, error);
}

/* the instance table `ecsplan prices import` refreshed from describe-instance-types output,
 * over the built-in one: --prices > the cache > built in, as for the figures */
static gboolean
plan_book_read_cached_instances(PlanPriceBook *book, GError **error)
{
	g_autofree char *path = plan_price_instances_cache_path();
	g_autofree char *data = NULL;
	g_autoptr(GError) local_error = NULL;
	gsize length = 0;

	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
		return TRUE;
	if (!g_file_get_contents(path, &data, &length, &local_error)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_IO, "the cached instance table: %s",
			    local_error->message);
		return FALSE;
	}
	if (!book_read_data(book, data, length, path, PLAN_BOOK_DOC_INSTANCES, error)) {
		g_prefix_error(error, "the cached instance table is damaged (import the "
				      "describe-instance-types output again with 'ecsplan prices "
				      "import FILE', or delete it): ");
		return FALSE;
	}
	return TRUE;
}

/* the embedded instance table, read once per process: it is about 1 MiB (1,355 types) and
 * never changes, and a command (or a test) builds several books. the copy lives as long as
 * the process; books point into its strings */
static gpointer
plan_book_read_builtin_instances(gpointer data)
{
	GError **error = data;
	PlanPriceBook *book = book_new();

	if (!plan_book_read_resource(book, PLAN_PRICES_INSTANCES, PLAN_BOOK_DOC_INSTANCES, error))
		g_clear_pointer(&book, plan_price_book_free);
	return book;
}

static gboolean
plan_book_copy_builtin_instances(PlanPriceBook *book, GError **error)
{
	static GOnce once = G_ONCE_INIT;
	g_autoptr(GError) local_error = NULL;
	const PlanPriceBook *table;
	GHashTableIter iter;
	gpointer key, value;

	table = g_once(&once, plan_book_read_builtin_instances, &local_error);
	if (table == NULL) {
		/* the embedded file is ecsplan's own: only a broken build gets here */
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "the embedded instance table does not read%s%s",
			    local_error != NULL ? ": " : "",
			    local_error != NULL ? local_error->message : "");
		return FALSE;
	}
	g_hash_table_iter_init(&iter, table->instances);
	while (g_hash_table_iter_next(&iter, &key, &value))
		g_hash_table_replace(book->instances, key,
				     g_memdup2(value, sizeof(PlanInstanceType)));
	g_hash_table_iter_init(&iter, table->sources);
	while (g_hash_table_iter_next(&iter, &key, &value))
		g_hash_table_replace(book->sources, key, g_memdup2(value, sizeof(PlanSource)));
	book->as_of = table->as_of;
	return TRUE;
}

/* a new book holding the embedded instance specs and, when the region is covered, its figures */
static PlanPriceBook *
plan_book_new_for_region(const char *region, gboolean covered, GError **error)
{
	g_autoptr(PlanPriceBook) book = book_new();

	book->region = plan_book_intern(book, region);
	if (!plan_book_copy_builtin_instances(book, error))
		return NULL;
	if (!plan_book_read_cached_instances(book, error))
		return NULL;
	if (covered && !plan_book_read_resource(book, region, PLAN_BOOK_DOC_PRICES, error))
		return NULL;
	/* the specs' compile date says nothing about prices the book does not have */
	if (!covered)
		book->as_of = "undated";
	return g_steal_pointer(&book);
}

static gboolean
plan_book_check_region(const char *region, GError **error)
{
	const char *suggestion;

	if (plan_region_lookup(region) != NULL)
		return TRUE;
	suggestion = plan_region_suggest(region);
	if (suggestion != NULL)
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE,
			    "unknown region '%s'; did you mean '%s'?", region, suggestion);
	else
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE, "unknown region '%s'",
			    region);
	return FALSE;
}

/**
 * plan_price_book_load_builtin:
 * @region: (nullable): an AWS region; NULL for PLAN_PRICE_BOOK_DEFAULT_REGION
 * Returns: (transfer full): the embedded book, or NULL with @error set
 * (PLAN_ERROR_INVALID_VALUE when the book does not cover @region)
 */
/**
 * plan_price_cache_path:
 * Returns: (transfer full): $XDG_CACHE_HOME/ecsplan/prices/@region.json (it may not exist)
 */
char *
plan_price_cache_path(const char *region)
{
	g_autofree char *name = NULL;

	g_return_val_if_fail(region != NULL, NULL);
	name = g_strconcat(region, ".json", NULL);
	return g_build_filename(g_get_user_cache_dir(), "ecsplan", "prices", name, NULL);
}

/**
 * plan_price_book_load_builtin_specs:
 * Returns: (transfer full): the built-in book of @region (NULL: the default), or for a known
 * region without built-in figures the instance specs alone; NULL for an unknown region
 */
PlanPriceBook *
plan_price_book_load_builtin_specs(const char *region, GError **error)
{
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	if (region == NULL)
		region = PLAN_PRICE_BOOK_DEFAULT_REGION;
	if (!plan_book_check_region(region, error))
		return NULL;
	/* specs do not depend on the region: a region without built-in figures still packs its
	 * clusters, and every figure it lacks is a price-missing finding, never a silent $0 */
	return plan_book_new_for_region(region, plan_book_region_covered(region), error);
}

PlanPriceBook *
plan_price_book_choose(const char *region, const char *file, GError **error)
{
	g_autofree char *cached = NULL;

	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	if (file != NULL)
		return plan_price_book_load_file(file, region, error);
	if (region == NULL)
		region = PLAN_PRICE_BOOK_DEFAULT_REGION;
	if (!plan_book_check_region(region, error))
		return NULL;
	/* --prices > the cache `ecsplan prices update` fills > the built-in book */
	cached = plan_price_cache_path(region);
	if (g_file_test(cached, G_FILE_TEST_IS_REGULAR)) {
		PlanPriceBook *book = plan_price_book_load_file(cached, region, error);
		if (book == NULL)
			g_prefix_error(error, "the cached price book is damaged (run 'ecsplan "
					      "prices update --region %s' again, or delete it): ",
				       region);
		return book;
	}
	return plan_price_book_load_builtin_specs(region, error);
}

gboolean
plan_price_book_has_figures(const PlanPriceBook *book)
{
	GHashTableIter iter;
	gpointer value;

	g_return_val_if_fail(book != NULL, FALSE);
	for (guint i = 0; i < PLAN_N_PRICE_KEYS; i++) {
		if (book->prices[i].present)
			return TRUE;
	}
	g_hash_table_iter_init(&iter, book->rds);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		if (((const PlanPrice *)value)->present)
			return TRUE;
	}
	g_hash_table_iter_init(&iter, book->instances);
	while (g_hash_table_iter_next(&iter, NULL, &value)) {
		if (((const PlanInstanceType *)value)->hourly.present)
			return TRUE;
	}
	return FALSE;
}

PlanPriceBook *
plan_price_book_load_builtin(const char *region, GError **error)
{
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	if (region == NULL)
		region = PLAN_PRICE_BOOK_DEFAULT_REGION;
	if (!plan_book_check_region(region, error))
		return NULL;
	if (!plan_book_region_covered(region)) {
		g_auto(GStrv) regions = plan_price_book_regions();
		g_autofree char *known =
		    plan_text_join_quoted((const char *const *)regions, g_strv_length(regions), 20);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE,
			    "no built-in prices for region '%s'; the book covers %s (give your own "
			    "with --prices FILE)",
			    region, known);
		return NULL;
	}
	return plan_book_new_for_region(region, TRUE, error);
}

/**
 * plan_price_book_load_data:
 * @data: (array length=length): the file's bytes (borrowed)
 * @display_name: the name used in messages, and the book's origin
 * @region: (nullable): the region asked for; NULL for the file's own, or the default
 * Returns: (transfer full): the embedded book for the region with the file's figures laid over
 * it; for a region the embedded book does not cover, only the file's figures
 */
PlanPriceBook *
plan_price_book_load_data(const char *data, gsize length, const char *display_name,
			  const char *region, GError **error)
{
	g_autoptr(PlanPriceBook) book = NULL;
	g_autofree char *file_region = NULL;
	const char *effective;

	g_return_val_if_fail(data != NULL || length == 0, NULL);
	g_return_val_if_fail(display_name != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	if (region != NULL && !plan_book_check_region(region, error))
		return NULL;
	/* an unknown "region" in the file, or one that is not @region, is reported with its line
	 * when the file is read */
	file_region = book_peek_region(data, length);
	if (region != NULL)
		effective = region;
	else if (file_region != NULL && plan_region_lookup(file_region) != NULL)
		effective = file_region;
	else
		effective = PLAN_PRICE_BOOK_DEFAULT_REGION;
	book = plan_book_new_for_region(effective, plan_book_region_covered(effective), error);
	if (book == NULL)
		return NULL;
	if (!book_read_data(book, data, length, display_name, PLAN_BOOK_DOC_PRICES, error))
		return NULL;
	book->origin = plan_book_intern(book, display_name);
	return g_steal_pointer(&book);
}

/**
 * plan_price_book_load_file:
 * @filename: a price book file (docs/prices.md)
 * @region: (nullable): see plan_price_book_load_data()
 * Returns: (transfer full): the book, or NULL with @error set
 */
PlanPriceBook *
plan_price_book_load_file(const char *filename, const char *region, GError **error)
{
	g_autofree char *data = NULL;
	gsize length = 0;

	g_return_val_if_fail(filename != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);
	if (!plan_input_read(filename, &plan_input_prices, &data, &length, error))
		return NULL;
	return plan_price_book_load_data(data, length, filename, region, error);
}
