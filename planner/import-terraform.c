/* the Terraform importer: reads `terraform show -json` output (plan or state), checks its
 * shape, indexes every resource instance, then hands over to the network and ECS mappers
 * (import-terraform-network.c, import-terraform-ecs.c). Links between resources go through
 * import-terraform-refs.c. */
#include "import-terraform-private.h"

#include <math.h>
#include <string.h>

#include "json-arena.h"
#include "plan-error.h"

/* ---- detection ------------------------------------------------------------------------- */

static gsize
plan_tf_skip_space(const char *data, gsize length, gsize at)
{
	while (at < length && (guchar)data[at] <= 32)
		at++;
	return at;
}

/* the end of the string that starts at @at (on its opening quote); @length when unclosed */
static gsize
plan_tf_skip_string(const char *data, gsize length, gsize at)
{
	for (at++; at < length; at++) {
		if (data[at] == '\\')
			at++;
		else if (data[at] == '"')
			return at + 1;
	}
	return length;
}

/* past the value that starts at @at: strings and nesting are skipped, nothing is checked */
static gsize
plan_tf_skip_value(const char *data, gsize length, gsize at)
{
	guint depth = 0;

	while (at < length) {
		char c = data[at];
		if (c == '"') {
			at = plan_tf_skip_string(data, length, at);
			if (depth == 0)
				return at;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (depth == 0)
				return at;
			depth--;
			if (depth == 0)
				return at + 1;
		} else if (c == ',' && depth == 0) {
			return at;
		}
		at++;
	}
	return at;
}

static gboolean
plan_tf_key_is(const char *data, gsize start, gsize end, const char *key)
{
	gsize n = strlen(key);
	/* start and end include the quotes */
	return end - start == n + 2 && memcmp(data + start + 1, key, n) == 0;
}

gboolean
plan_import_is_terraform(const char *data, gsize length)
{
	static const char *const terraform_keys[] = {
		"format_version", "planned_values", "values",		 "prior_state",
		"resource_changes", "configuration", "terraform_version",
	};
	gboolean terraform = FALSE;
	gsize at = 0;

	g_return_val_if_fail(data != NULL || length == 0, FALSE);
	if (length >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		at = 3;
	at = plan_tf_skip_space(data, length, at);
	if (at >= length || data[at] != '{')
		return FALSE;
	at++;
	for (;;) {
		gsize key_start;
		gsize key_end;

		at = plan_tf_skip_space(data, length, at);
		if (at >= length || data[at] != '"')
			return terraform;
		key_start = at;
		key_end = plan_tf_skip_string(data, length, at);
		if (plan_tf_key_is(data, key_start, key_end, "ecsplan"))
			return FALSE;
		for (guint i = 0; i < G_N_ELEMENTS(terraform_keys); i++) {
			if (plan_tf_key_is(data, key_start, key_end, terraform_keys[i]))
				terraform = TRUE;
		}
		at = plan_tf_skip_space(data, length, key_end);
		if (at >= length || data[at] != ':')
			return terraform;
		at = plan_tf_skip_value(data, length, plan_tf_skip_space(data, length, at + 1));
		at = plan_tf_skip_space(data, length, at);
		if (at >= length || data[at] != ',')
			return terraform;
		at++;
	}
}

/* ---- problems and findings ------------------------------------------------------------- */

PlanLoc
plan_tf_loc(const PlanTfImport *import, const cJSON *node)
{
	PlanLoc none = {0, 0};
	if (node == NULL || node->valueint <= 0)
		return none;
	return plan_text_index_loc(import->lines, (gsize)node->valueint - 1);
}

const char *
plan_tf_json_type(const cJSON *node)
{
	if (node == NULL)
		return "nothing";
	if (cJSON_IsString(node))
		return "a string";
	if (cJSON_IsNumber(node))
		return "a number";
	if (cJSON_IsBool(node))
		return cJSON_IsTrue(node) ? "true" : "false";
	if (cJSON_IsNull(node))
		return "null";
	if (cJSON_IsArray(node))
		return "an array";
	if (cJSON_IsObject(node))
		return "an object";
	return "an unknown value";
}

/* records a problem that makes the input unusable; the same line is kept once */
void
plan_tf_problem(PlanTfImport *import, const cJSON *node, const char *path, const char *format, ...)
{
	PlanLoc loc = plan_tf_loc(import, node);
	g_autofree char *message = NULL;
	char *line;
	va_list args;

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	line = g_strdup_printf("%s:%u:%u: %s: %s", import->file, loc.line, loc.column,
			       path != NULL && path[0] != '\0' ? path : "(top)", message);
	if (g_hash_table_contains(import->problem_set, line)) {
		g_free(line);
		return;
	}
	g_hash_table_add(import->problem_set, line);
	import->n_problems++;
	if (import->problems->len < PLAN_TF_MAX_PROBLEMS)
		g_ptr_array_add(import->problems, g_strdup(line));
}

PlanDiagnostic *
plan_tf_finding(PlanTfImport *import, PlanSeverity severity, const char *code,
		const PlanTfResource *resource, const char *format, ...)
{
	PlanOrigin place = {0};
	const PlanOrigin *origin = NULL;
	g_autofree char *message = NULL;
	va_list args;

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	if (resource != NULL && resource->origin != NULL) {
		origin = resource->origin;
	} else if (resource != NULL) {
		place.loc = resource->loc;
		place.source = resource->source;
		origin = &place;
	}
	return plan_diagnostics_add(import->model->load_diagnostics, severity, code, origin, NULL,
				    NULL, "%s", message);
}

/* ---- values ---------------------------------------------------------------------------- */

const cJSON *
plan_tf_walk(const cJSON *node, const char *attribute)
{
	const char *at = attribute;

	while (node != NULL && *at != '\0') {
		const char *dot = strchr(at, '.');
		gsize n = dot != NULL ? (gsize)(dot - at) : strlen(at);
		char name[96];

		if (n == 0 || n >= sizeof name)
			return NULL;
		memcpy(name, at, n);
		name[n] = '\0';
		if (g_ascii_isdigit(name[0])) {
			guint64 index = 0;
			if (!g_ascii_string_to_unsigned(name, 10, 0, G_MAXINT, &index, NULL))
				return NULL;
			if (cJSON_IsArray(node))
				node = cJSON_GetArrayItem(node, (int)index);
			else if (!cJSON_IsObject(node) || index != 0)
				return NULL;
		} else {
			node = cJSON_IsObject(node) ? cJSON_GetObjectItemCaseSensitive(node, name)
						    : NULL;
		}
		at += n;
		if (*at == '.')
			at++;
	}
	return node;
}

const cJSON *
plan_tf_value(const PlanTfResource *resource, const char *attribute)
{
	const cJSON *node = plan_tf_walk(resource->values, attribute);
	return node == NULL || cJSON_IsNull(node) ? NULL : node;
}

static gboolean
plan_tf_any_true(const cJSON *node)
{
	if (cJSON_IsTrue(node))
		return TRUE;
	if (cJSON_IsArray(node) || cJSON_IsObject(node)) {
		for (const cJSON *child = node->child; child != NULL; child = child->next) {
			if (plan_tf_any_true(child))
				return TRUE;
		}
	}
	return FALSE;
}

gboolean
plan_tf_unknown(const PlanTfResource *resource, const char *attribute)
{
	if (resource->unknown == NULL)
		return FALSE;
	/* a whole block list unknown (after_unknown "route": true) covers its elements */
	if (cJSON_IsTrue(resource->unknown))
		return TRUE;
	for (const char *dot = strchr(attribute, '.'); dot != NULL; dot = strchr(dot + 1, '.')) {
		g_autofree char *prefix = g_strndup(attribute, (gsize)(dot - attribute));
		if (cJSON_IsTrue(plan_tf_walk(resource->unknown, prefix)))
			return TRUE;
	}
	return plan_tf_any_true(plan_tf_walk(resource->unknown, attribute));
}

static char *
plan_tf_value_path(const PlanTfResource *resource, const char *attribute)
{
	GString *path = g_string_new(resource->path);

	g_string_append(path, ".values");
	for (const char *at = attribute; *at != '\0';) {
		const char *dot = strchr(at, '.');
		gsize n = dot != NULL ? (gsize)(dot - at) : strlen(at);
		if (g_ascii_isdigit(*at))
			g_string_append_printf(path, "[%.*s]", (int)n, at);
		else
			g_string_append_printf(path, ".%.*s", (int)n, at);
		at += n;
		if (*at == '.')
			at++;
	}
	return g_string_free(path, FALSE);
}

static gboolean
plan_tf_expect(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
	       const cJSON *node, gboolean ok, const char *expected)
{
	g_autofree char *path = NULL;

	if (ok)
		return TRUE;
	path = plan_tf_value_path(resource, attribute);
	plan_tf_problem(import, node, path, "expected %s, got %s", expected,
			plan_tf_json_type(node));
	return FALSE;
}

gboolean
plan_tf_string(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
	       const char **out)
{
	const cJSON *node = plan_tf_value(resource, attribute);

	if (node == NULL ||
	    !plan_tf_expect(import, resource, attribute, node, cJSON_IsString(node), "a string"))
		return FALSE;
	*out = node->valuestring;
	return TRUE;
}

gboolean
plan_tf_bool(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
	     gboolean *out)
{
	const cJSON *node = plan_tf_value(resource, attribute);

	if (node == NULL ||
	    !plan_tf_expect(import, resource, attribute, node, cJSON_IsBool(node), "true or false"))
		return FALSE;
	*out = cJSON_IsTrue(node);
	return TRUE;
}

gboolean
plan_tf_number(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
	       double *out)
{
	const cJSON *node = plan_tf_value(resource, attribute);

	if (node == NULL ||
	    !plan_tf_expect(import, resource, attribute, node, cJSON_IsNumber(node), "a number"))
		return FALSE;
	*out = node->valuedouble;
	return TRUE;
}

gboolean
plan_tf_integer(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
		gint64 min, gint64 max, gint64 *out)
{
	double value;

	if (!plan_tf_number(import, resource, attribute, &value))
		return FALSE;
	if (!isfinite(value) || value != floor(value) || value < (double)min ||
	    value > (double)max) {
		plan_tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
				"%s is %g; ecsplan reads a whole number from %" G_GINT64_FORMAT
				" to %" G_GINT64_FORMAT ", so the default is kept",
				attribute, value, min, max);
		return FALSE;
	}
	*out = (gint64)value;
	return TRUE;
}

guint
plan_tf_block_count(const PlanTfResource *resource, PlanTfImport *import, const char *attribute)
{
	const cJSON *value = plan_tf_value(resource, attribute);
	const cJSON *expression = plan_tf_expression(import, resource, attribute);
	guint count = 0;

	if (cJSON_IsArray(value))
		count = (guint)cJSON_GetArraySize(value);
	else if (cJSON_IsObject(value))
		count = 1;
	if (cJSON_IsArray(expression))
		count = MAX(count, (guint)cJSON_GetArraySize(expression));
	else if (cJSON_IsObject(expression) && count == 0 &&
		 cJSON_GetObjectItemCaseSensitive(expression, "references") == NULL &&
		 cJSON_GetObjectItemCaseSensitive(expression, "constant_value") == NULL)
		count = 1;
	return count;
}

gboolean
plan_tf_is_type(const PlanTfResource *resource, const char *const *types)
{
	for (guint i = 0; types[i] != NULL; i++) {
		if (strcmp(resource->type, types[i]) == 0)
			return TRUE;
	}
	return FALSE;
}

static gint
plan_tf_compare_order(gconstpointer pa, gconstpointer pb)
{
	const PlanTfResource *a = *(PlanTfResource *const *)pa;
	const PlanTfResource *b = *(PlanTfResource *const *)pb;
	return a->order < b->order ? -1 : a->order > b->order;
}

GPtrArray *
plan_tf_of_types(PlanTfImport *import, const char *const *types)
{
	GPtrArray *out = g_ptr_array_new();
	guint n_types = 0;

	for (; types[n_types] != NULL; n_types++) {
		GPtrArray *bucket = g_hash_table_lookup(import->by_type, types[n_types]);
		if (bucket != NULL)
			g_ptr_array_extend(out, bucket, NULL, NULL);
	}
	/* several types interleave in the document: keep its order, it decides names */
	if (n_types > 1)
		g_ptr_array_sort(out, plan_tf_compare_order);
	return out;
}

/* ---- names ----------------------------------------------------------------------------- */

/* lower case letters and digits; anything else becomes one '-' */
static void
plan_tf_name_append(GString *name, const char *text)
{
	if (name->len > 0 && name->str[name->len - 1] != '-')
		g_string_append_c(name, '-');
	for (const char *c = text; *c != '\0'; c++) {
		if (g_ascii_isalnum(*c))
			g_string_append_c(name, g_ascii_tolower(*c));
		else if (name->len > 0 && name->str[name->len - 1] != '-')
			g_string_append_c(name, '-');
	}
}

static char *
plan_tf_key_text(const char *key)
{
	g_autoptr(cJSON) parsed = NULL;

	if (key == NULL || key[0] != '"')
		return g_strdup(key);
	parsed = cJSON_Parse(key);
	return g_strdup(cJSON_IsString(parsed) ? parsed->valuestring : key);
}

char *
plan_import_name_from_address(const char *address)
{
	g_autoptr(GPtrArray) segments = NULL;
	g_autoptr(GString) name = g_string_new(NULL);
	guint i = 0;

	g_return_val_if_fail(address != NULL, NULL);
	segments = plan_tf_segments_parse(address);
	if (segments == NULL)
		segments = g_ptr_array_new();
	/* module.NAME[KEY] pairs, then [data.]TYPE.NAME[KEY] */
	while (i + 1 < segments->len &&
	       strcmp(((PlanTfSegment *)g_ptr_array_index(segments, i))->name, "module") == 0) {
		PlanTfSegment *call = g_ptr_array_index(segments, i + 1);
		g_autofree char *key = plan_tf_key_text(call->key);
		plan_tf_name_append(name, call->name);
		if (key != NULL)
			plan_tf_name_append(name, key);
		i += 2;
	}
	if (i < segments->len &&
	    strcmp(((PlanTfSegment *)g_ptr_array_index(segments, i))->name, "data") == 0)
		i++;
	if (i + 1 < segments->len) {
		PlanTfSegment *type = g_ptr_array_index(segments, i);
		PlanTfSegment *resource = g_ptr_array_index(segments, i + 1);
		g_autofree char *key = plan_tf_key_text(resource->key);
		/* terraform-aws-modules call a module's single resource "this": say what it is,
		 * unless the module path says so already (module.vpc.aws_vpc.this -> vpc) */
		if (strcmp(resource->name, "this") != 0) {
			plan_tf_name_append(name, resource->name);
		} else {
			g_autoptr(GString) word = g_string_new(NULL);
			g_autofree char *padded = g_strdup_printf("-%s-", name->str);
			g_autofree char *needle = NULL;
			plan_tf_name_append(word, g_str_has_prefix(type->name, "aws_") ? type->name + 4
										 : type->name);
			const char *last = strrchr(word->str, '-');
			g_autofree char *last_needle =
				g_strdup_printf("-%s-", last != NULL ? last + 1 : word->str);
			needle = g_strdup_printf("-%s-", word->str);
			/* aws_ecs_service.this in module.ecs.module.service["api"] -> ecs-service-api */
			if (strstr(padded, needle) == NULL && strstr(padded, last_needle) == NULL)
				plan_tf_name_append(name, word->str);
		}
		if (key != NULL)
			plan_tf_name_append(name, key);
	}
	while (name->len > 0 && name->str[name->len - 1] == '-')
		g_string_truncate(name, name->len - 1);
	return g_strdup(name->str);
}

char *
plan_tf_unique_name(GHashTable *scope, const char *base)
{
	char *name = g_strdup(base);

	for (guint n = 2; g_hash_table_contains(scope, name); n++) {
		g_free(name);
		name = g_strdup_printf("%s-%u", base, n);
	}
	g_hash_table_add(scope, g_strdup(name));
	return name;
}

char *
plan_tf_element_name(GHashTable *scope, const PlanTfResource *resource)
{
	g_autofree char *base = plan_import_name_from_address(resource->address);

	if (base[0] == '\0') {
		/* "aws_vpc.this" at the root: name it after its type */
		g_autoptr(GString) fallback = g_string_new(NULL);
		plan_tf_name_append(fallback, g_str_has_prefix(resource->type, "aws_")
						      ? resource->type + 4
						      : resource->type);
		g_free(base);
		base = g_strdup(fallback->len > 0 ? fallback->str : "resource");
	}
	return plan_tf_unique_name(scope, base);
}

void
plan_tf_set_origin(PlanOrigin *origin, PlanTfResource *resource, char *path)
{
	g_free(origin->path);
	origin->path = path;
	if (resource != NULL) {
		origin->loc = resource->loc;
		g_free(origin->source);
		origin->source = g_strdup(resource->source);
		resource->origin = origin;
	}
}

void
plan_tf_cidr_set(PlanCidr *cidr, const char *text, PlanFamily family, const char *path,
		 PlanLoc loc)
{
	PlanPrefixParseFlags flags = PLAN_PREFIX_PARSE_NONE;
	g_autoptr(GError) error = NULL;

	plan_cidr_clear(cidr);
	cidr->text = g_strdup(text);
	cidr->path = g_strdup(path);
	cidr->loc = loc;
	if (family == PLAN_FAMILY_IPV4 && g_strcmp0(text, "auto") == 0) {
		cidr->state = PLAN_CIDR_AUTO;
		return;
	}
	/* as in the loader: a block that does not parse is a finding of validate */
	if (!plan_prefix_parse(text, family, &cidr->prefix, &flags, &error)) {
		cidr->state = PLAN_CIDR_INVALID;
		cidr->error = g_strdup(error->message);
		return;
	}
	cidr->state = (flags & PLAN_PREFIX_PARSE_HOST_BITS) ? PLAN_CIDR_HOST_BITS : PLAN_CIDR_OK;
}

typedef struct {
	gpointer record;
	GDestroyNotify destroy;
} PlanTfRecord;

static void
plan_tf_record_free(gpointer data)
{
	PlanTfRecord *record = data;
	record->destroy(record->record);
	g_free(record);
}

void
plan_tf_add_record(PlanTfImport *import, gpointer record, GDestroyNotify destroy)
{
	PlanTfRecord *entry = g_new(PlanTfRecord, 1);
	entry->record = record;
	entry->destroy = destroy;
	g_ptr_array_add(import->records, entry);
}

/* ---- reading the input ----------------------------------------------------------------- */

static void
plan_tf_resource_free(PlanTfResource *resource)
{
	g_free(resource->address);
	g_free(resource->source);
	g_free(resource->module);
	g_free(resource->config);
	g_free(resource->path);
	g_free(resource);
}

static void
plan_tf_import_clear(PlanTfImport *import)
{
	g_clear_pointer(&import->lines, plan_text_index_free);
	/* records point at resources: free them first */
	g_clear_pointer(&import->records, g_ptr_array_unref);
	g_clear_pointer(&import->vpcs, g_ptr_array_unref);
	g_clear_pointer(&import->memo, g_hash_table_unref);
	g_clear_pointer(&import->children, g_hash_table_unref);
	g_clear_pointer(&import->instances, g_hash_table_unref);
	g_clear_pointer(&import->modules, g_hash_table_unref);
	g_clear_pointer(&import->by_name, g_hash_table_unref);
	g_clear_pointer(&import->by_id, g_hash_table_unref);
	g_clear_pointer(&import->groups, g_hash_table_unref);
	g_clear_pointer(&import->by_address, g_hash_table_unref);
	g_clear_pointer(&import->by_type, g_hash_table_unref);
	g_clear_pointer(&import->resources, g_ptr_array_unref);
	g_clear_pointer(&import->deleted, g_ptr_array_unref);
	g_clear_pointer(&import->problems, g_ptr_array_unref);
	g_clear_pointer(&import->problem_set, g_hash_table_unref);
	g_clear_pointer(&import->vpc_names, g_hash_table_unref);
	g_clear_pointer(&import->service_names, g_hash_table_unref);
	g_clear_pointer(&import->cluster_names, g_hash_table_unref);
	g_clear_pointer(&import->model, plan_model_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PlanTfImport, plan_tf_import_clear)

static GHashTable *
plan_tf_string_set_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

static void
plan_tf_import_init(PlanTfImport *import, const char *file, const PlanImportOptions *options)
{
	import->file = file;
	import->options = options;
	import->resources = g_ptr_array_new_with_free_func((GDestroyNotify)plan_tf_resource_free);
	import->by_address = g_hash_table_new(g_str_hash, g_str_equal);
	import->by_type =
		g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
	import->groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					       (GDestroyNotify)g_ptr_array_unref);
	import->by_id = g_hash_table_new(g_str_hash, g_str_equal);
	import->by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	import->modules = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						(GDestroyNotify)plan_tf_module_config_free);
	import->children = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						 (GDestroyNotify)g_ptr_array_unref);
	import->instances = plan_tf_string_set_new();
	import->deleted = g_ptr_array_new();
	import->problems = g_ptr_array_new_with_free_func(g_free);
	import->problem_set = plan_tf_string_set_new();
	import->vpc_names = plan_tf_string_set_new();
	import->service_names = plan_tf_string_set_new();
	import->cluster_names = plan_tf_string_set_new();
	import->vpcs = g_ptr_array_new_with_free_func((GDestroyNotify)plan_tf_vpc_free);
	import->records = g_ptr_array_new_with_free_func(plan_tf_record_free);
	import->model = plan_model_new();
}

/* the canonical form of a module instance address, or NULL (a problem) when it is not one */
static char *
plan_tf_module_address(PlanTfImport *import, const cJSON *node, const char *path)
{
	g_autoptr(GPtrArray) segments = NULL;
	g_autoptr(GString) out = g_string_new(NULL);

	if (!cJSON_IsString(node)) {
		plan_tf_problem(import, node, path, "expected a module address like \"module.vpc\", "
				"got %s", plan_tf_json_type(node));
		return NULL;
	}
	segments = plan_tf_segments_parse(node->valuestring);
	if (segments == NULL || segments->len == 0 || segments->len % 2 != 0) {
		plan_tf_problem(import, node, path, "'%s' is not a module address like \"module.vpc\"",
				node->valuestring);
		return NULL;
	}
	for (guint i = 0; i < segments->len; i += 2) {
		PlanTfSegment *keyword = g_ptr_array_index(segments, i);
		PlanTfSegment *call = g_ptr_array_index(segments, i + 1);
		if (strcmp(keyword->name, "module") != 0 || keyword->key != NULL) {
			plan_tf_problem(import, node, path,
					"'%s' is not a module address like \"module.vpc\"",
					node->valuestring);
			return NULL;
		}
		g_string_append_printf(out, "%smodule.%s", i > 0 ? "." : "", call->name);
		if (call->key != NULL)
			g_string_append_printf(out, "[%s]", call->key);
	}
	return g_strdup(out->str);
}

static char *
plan_tf_parent_module(const char *module, char **call_name)
{
	g_autoptr(GPtrArray) segments = plan_tf_segments_parse(module);
	g_autoptr(GString) parent = g_string_new(NULL);

	*call_name = NULL;
	if (segments == NULL || segments->len < 2)
		return NULL;
	for (guint i = 0; i + 2 < segments->len; i += 2) {
		PlanTfSegment *call = g_ptr_array_index(segments, i + 1);
		g_string_append_printf(parent, "%smodule.%s", i > 0 ? "." : "", call->name);
		if (call->key != NULL)
			g_string_append_printf(parent, "[%s]", call->key);
	}
	*call_name =
		g_strdup(((PlanTfSegment *)g_ptr_array_index(segments, segments->len - 1))->name);
	return g_strdup(parent->str);
}

void
plan_tf_register_id(PlanTfImport *import, const char *id, PlanTfResource *resource)
{
	if (id != NULL && id[0] != '\0' && !g_hash_table_contains(import->by_id, id))
		g_hash_table_insert(import->by_id, (gpointer)id, resource);
}

static void
plan_tf_register_name(PlanTfImport *import, const char *type, const cJSON *name,
		      PlanTfResource *resource)
{
	char *key;

	if (!cJSON_IsString(name) || name->valuestring[0] == '\0')
		return;
	key = g_strconcat(type, "\x1f", name->valuestring, NULL);
	if (g_hash_table_contains(import->by_name, key))
		g_free(key);
	else
		g_hash_table_insert(import->by_name, key, resource);
}

/* known ids and names by which other resources may point at @resource */
static void
plan_tf_register_keys(PlanTfImport *import, PlanTfResource *resource)
{
	static const char *const id_attributes[] = {
		"id", "arn", "default_route_table_id", "main_route_table_id",
		"arn_without_revision",
	};
	const cJSON *values = resource->values;

	if (!cJSON_IsObject(values))
		return;
	for (guint i = 0; i < G_N_ELEMENTS(id_attributes); i++) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(values, id_attributes[i]);
		if (cJSON_IsString(id))
			plan_tf_register_id(import, id->valuestring, resource);
	}
	plan_tf_register_name(import, resource->type,
			      cJSON_GetObjectItemCaseSensitive(values, "name"), resource);
	if (strcmp(resource->type, "aws_ecs_task_definition") == 0) {
		const cJSON *family = cJSON_GetObjectItemCaseSensitive(values, "family");
		const cJSON *revision = cJSON_GetObjectItemCaseSensitive(values, "revision");
		plan_tf_register_name(import, resource->type, family, resource);
		if (cJSON_IsString(family) && cJSON_IsNumber(revision)) {
			g_autoptr(cJSON) both = NULL;
			g_autofree char *text = g_strdup_printf("%s:%.0f", family->valuestring,
								revision->valuedouble);
			both = cJSON_CreateString(text);
			plan_tf_register_name(import, resource->type, both, resource);
		}
	}
}

static const char *
plan_tf_required_string(PlanTfImport *import, const cJSON *object, const char *key,
			const char *path)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);
	g_autofree char *where = g_strdup_printf("%s.%s", path, key);

	if (node == NULL) {
		plan_tf_problem(import, object, path, "missing '%s'", key);
		return NULL;
	}
	if (!cJSON_IsString(node) || node->valuestring[0] == '\0') {
		plan_tf_problem(import, node, where, "expected a non-empty string, got %s",
				cJSON_IsString(node) ? "an empty string" : plan_tf_json_type(node));
		return NULL;
	}
	return node->valuestring;
}

/* reads mode, type, name and index; FALSE (with problems) when one is missing or mistyped */
static gboolean
plan_tf_read_identity(PlanTfImport *import, const cJSON *object, const char *path,
		      PlanTfResource *resource)
{
	const cJSON *mode = cJSON_GetObjectItemCaseSensitive(object, "mode");
	const cJSON *index = cJSON_GetObjectItemCaseSensitive(object, "index");
	g_autofree char *mode_path = g_strconcat(path, ".mode", NULL);
	g_autofree char *index_path = g_strconcat(path, ".index", NULL);
	gboolean ok = TRUE;

	resource->type = plan_tf_required_string(import, object, "type", path);
	resource->name = plan_tf_required_string(import, object, "name", path);
	ok = resource->type != NULL && resource->name != NULL;
	if (mode != NULL) {
		if (cJSON_IsString(mode) && strcmp(mode->valuestring, "data") == 0) {
			resource->data = TRUE;
		} else if (!cJSON_IsString(mode) || strcmp(mode->valuestring, "managed") != 0) {
			plan_tf_problem(import, mode, mode_path,
					"expected \"managed\" or \"data\", got %s",
					cJSON_IsString(mode) ? mode->valuestring
							     : plan_tf_json_type(mode));
			ok = FALSE;
		}
	}
	if (index != NULL && !cJSON_IsNull(index)) {
		resource->has_key = TRUE;
		if (cJSON_IsString(index)) {
			resource->key_is_string = TRUE;
			resource->key_string = index->valuestring;
		} else if (cJSON_IsNumber(index) && isfinite(index->valuedouble) &&
			   index->valuedouble == floor(index->valuedouble) &&
			   index->valuedouble >= 0 && index->valuedouble < 1e9) {
			resource->key_number = (gint64)index->valuedouble;
		} else {
			plan_tf_problem(import, index, index_path,
					"expected a count index (a whole number) or a for_each "
					"key (a string), got %s",
					cJSON_IsNumber(index) ? "another number"
							      : plan_tf_json_type(index));
			ok = FALSE;
		}
	}
	return ok;
}

static char *
plan_tf_canonical_address(const char *module, gboolean data, const char *type, const char *name,
			  const char *key)
{
	return g_strdup_printf("%s%s%s%s.%s%s%s%s", module, module[0] != '\0' ? "." : "",
			       data ? "data." : "", type, name, key != NULL ? "[" : "",
			       key != NULL ? key : "", key != NULL ? "]" : "");
}

static char *
plan_tf_resource_key(const PlanTfResource *resource)
{
	if (!resource->has_key)
		return NULL;
	return resource->key_is_string ? plan_tf_key_from_string(resource->key_string)
				       : plan_tf_key_from_number(resource->key_number);
}

static void
plan_tf_read_resource(PlanTfImport *import, const cJSON *object, const char *module,
		      const char *path, gboolean prior)
{
	PlanTfResource *resource;
	const cJSON *values;
	g_autofree char *key = NULL;
	g_autofree char *group = NULL;
	GPtrArray *members;
	const char *address;

	if (!cJSON_IsObject(object)) {
		plan_tf_problem(import, object, path, "expected a resource object, got %s",
				plan_tf_json_type(object));
		return;
	}
	resource = g_new0(PlanTfResource, 1);
	address = plan_tf_required_string(import, object, "address", path);
	if (!plan_tf_read_identity(import, object, path, resource) || address == NULL) {
		g_free(resource);
		return;
	}
	/* prior_state adds what the plan read and did not repeat: data sources */
	if (prior && !resource->data) {
		g_free(resource);
		return;
	}
	values = cJSON_GetObjectItemCaseSensitive(object, "values");
	if (values != NULL && !cJSON_IsNull(values) && !cJSON_IsObject(values)) {
		g_autofree char *values_path = g_strconcat(path, ".values", NULL);
		plan_tf_problem(import, values, values_path, "expected an object, got %s",
				plan_tf_json_type(values));
		g_free(resource);
		return;
	}
	key = plan_tf_resource_key(resource);
	resource->module = g_strdup(module);
	resource->address =
		plan_tf_canonical_address(module, resource->data, resource->type, resource->name, key);
	if (g_hash_table_contains(import->by_address, resource->address)) {
		if (!prior)
			plan_tf_problem(import, object, path, "duplicate resource address '%s'",
					address);
		plan_tf_resource_free(resource);
		return;
	}
	resource->source = g_strdup(address);
	resource->config = g_strdup_printf("%s%s.%s", resource->data ? "data." : "",
					   resource->type, resource->name);
	resource->node = object;
	resource->values = cJSON_IsObject(values) ? values : NULL;
	resource->path = g_strdup(path);
	resource->loc = plan_tf_loc(import, object);
	resource->recognised = plan_tf_type_recognised(resource->type, resource->data);
	resource->order = import->resources->len;
	g_ptr_array_add(import->resources, resource);
	members = g_hash_table_lookup(import->by_type, resource->type);
	if (members == NULL) {
		members = g_ptr_array_new();
		g_hash_table_insert(import->by_type, (gpointer)resource->type, members);
	}
	g_ptr_array_add(members, resource);
	g_hash_table_insert(import->by_address, resource->address, resource);
	group = g_strconcat(module, "\x1f", resource->config, NULL);
	members = g_hash_table_lookup(import->groups, group);
	if (members == NULL) {
		members = g_ptr_array_new();
		g_hash_table_insert(import->groups, g_steal_pointer(&group), members);
	}
	g_ptr_array_add(members, resource);
	plan_tf_register_keys(import, resource);
}

static void
plan_tf_add_child(PlanTfImport *import, const char *instance)
{
	g_autofree char *call = NULL;
	g_autofree char *parent = plan_tf_parent_module(instance, &call);
	g_autofree char *key = NULL;
	GPtrArray *instances;

	if (parent == NULL || !g_hash_table_add(import->instances, g_strdup(instance)))
		return;
	key = g_strconcat(parent, "\x1f", call, NULL);
	instances = g_hash_table_lookup(import->children, key);
	if (instances == NULL) {
		instances = g_ptr_array_new_with_free_func(g_free);
		g_hash_table_insert(import->children, g_steal_pointer(&key), instances);
	}
	g_ptr_array_add(instances, g_strdup(instance));
}

/* walks a module of a values representation and its child modules */
static void
plan_tf_read_module(PlanTfImport *import, const cJSON *module, const char *instance,
		    const char *path, gboolean prior)
{
	const cJSON *resources;
	const cJSON *children;
	guint index = 0;

	if (!cJSON_IsObject(module)) {
		plan_tf_problem(import, module, path, "expected a module object, got %s",
				plan_tf_json_type(module));
		return;
	}
	resources = cJSON_GetObjectItemCaseSensitive(module, "resources");
	if (resources != NULL && !cJSON_IsArray(resources)) {
		g_autofree char *where = g_strconcat(path, ".resources", NULL);
		plan_tf_problem(import, resources, where, "expected an array of resources, got %s",
				plan_tf_json_type(resources));
	} else if (resources != NULL) {
		for (const cJSON *item = resources->child; item != NULL; item = item->next) {
			g_autofree char *where = g_strdup_printf("%s.resources[%u]", path, index++);
			plan_tf_read_resource(import, item, instance, where, prior);
		}
	}
	children = cJSON_GetObjectItemCaseSensitive(module, "child_modules");
	if (children != NULL && !cJSON_IsArray(children)) {
		g_autofree char *where = g_strconcat(path, ".child_modules", NULL);
		plan_tf_problem(import, children, where, "expected an array of modules, got %s",
				plan_tf_json_type(children));
		return;
	}
	index = 0;
	for (const cJSON *child = children != NULL ? children->child : NULL; child != NULL;
	     child = child->next) {
		g_autofree char *where = g_strdup_printf("%s.child_modules[%u]", path, index++);
		g_autofree char *address_path = g_strconcat(where, ".address", NULL);
		g_autofree char *address = NULL;

		if (!cJSON_IsObject(child)) {
			plan_tf_problem(import, child, where, "expected a module object, got %s",
					plan_tf_json_type(child));
			continue;
		}
		address = plan_tf_module_address(
			import, cJSON_GetObjectItemCaseSensitive(child, "address"), address_path);
		if (address == NULL)
			continue;
		plan_tf_add_child(import, address);
		plan_tf_read_module(import, child, address, where, prior);
	}
}

static guint
plan_tf_actions(PlanTfImport *import, const cJSON *actions, const char *path)
{
	static const struct {
		const char *name;
		PlanTfChange change;
	} names[] = {
		{"create", PLAN_TF_CHANGE_CREATE}, {"delete", PLAN_TF_CHANGE_DELETE},
		{"update", PLAN_TF_CHANGE_UPDATE}, {"read", PLAN_TF_CHANGE_READ},
		{"no-op", PLAN_TF_CHANGE_NOOP},
	};
	guint change = 0;

	if (!cJSON_IsArray(actions)) {
		plan_tf_problem(import, actions, path, "expected an array of actions, got %s",
				plan_tf_json_type(actions));
		return 0;
	}
	for (const cJSON *item = actions->child; item != NULL; item = item->next) {
		if (!cJSON_IsString(item)) {
			plan_tf_problem(import, item, path, "expected an action string, got %s",
					plan_tf_json_type(item));
			continue;
		}
		/* unknown actions are ignored: newer Terraform may add some */
		for (guint i = 0; i < G_N_ELEMENTS(names); i++) {
			if (strcmp(item->valuestring, names[i].name) == 0)
				change |= names[i].change;
		}
	}
	return change;
}

static void
plan_tf_read_changes(PlanTfImport *import, const cJSON *changes)
{
	guint index = 0;

	if (changes == NULL)
		return;
	if (!cJSON_IsArray(changes)) {
		plan_tf_problem(import, changes, "resource_changes",
				"expected an array of resource changes, got %s",
				plan_tf_json_type(changes));
		return;
	}
	for (const cJSON *item = changes->child; item != NULL; item = item->next, index++) {
		g_autofree char *path = g_strdup_printf("resource_changes[%u]", index);
		g_autofree char *module_path = g_strconcat(path, ".module_address", NULL);
		g_autofree char *actions_path = g_strconcat(path, ".change.actions", NULL);
		g_autofree char *module = NULL;
		g_autofree char *key = NULL;
		g_autofree char *address = NULL;
		PlanTfResource identity = {0};
		PlanTfResource *resource;
		const cJSON *change;
		const cJSON *module_node;
		guint actions;

		if (!cJSON_IsObject(item)) {
			plan_tf_problem(import, item, path, "expected a resource change object, got %s",
					plan_tf_json_type(item));
			continue;
		}
		/* a deposed object is an old copy on its way out: the current one is listed too */
		if (cJSON_GetObjectItemCaseSensitive(item, "deposed") != NULL)
			continue;
		if (!plan_tf_read_identity(import, item, path, &identity))
			continue;
		module_node = cJSON_GetObjectItemCaseSensitive(item, "module_address");
		module = module_node != NULL ? plan_tf_module_address(import, module_node, module_path)
					     : g_strdup("");
		if (module == NULL)
			continue;
		change = cJSON_GetObjectItemCaseSensitive(item, "change");
		if (!cJSON_IsObject(change)) {
			g_autofree char *change_path = g_strconcat(path, ".change", NULL);
			plan_tf_problem(import, change != NULL ? change : item,
					change != NULL ? change_path : path,
					change != NULL ? "expected a change object, got %s"
						       : "missing 'change'%s",
					change != NULL ? plan_tf_json_type(change) : "");
			continue;
		}
		actions = plan_tf_actions(
			import, cJSON_GetObjectItemCaseSensitive(change, "actions"), actions_path);
		key = plan_tf_resource_key(&identity);
		address = plan_tf_canonical_address(module, identity.data, identity.type,
						    identity.name, key);
		resource = g_hash_table_lookup(import->by_address, address);
		if (resource != NULL) {
			const cJSON *unknown =
				cJSON_GetObjectItemCaseSensitive(change, "after_unknown");
			resource->change = actions;
			resource->unknown =
				cJSON_IsObject(unknown) || cJSON_IsTrue(unknown) ? unknown : NULL;
		} else if ((actions & PLAN_TF_CHANGE_DELETE) && !(actions & PLAN_TF_CHANGE_CREATE)) {
			g_ptr_array_add(import->deleted, (gpointer)item);
		}
	}
}

/* count instances in index order, for_each instances in key order: element() and each.key
 * pick from them */
static gint
plan_tf_compare_instances(gconstpointer pa, gconstpointer pb)
{
	const PlanTfResource *a = *(PlanTfResource *const *)pa;
	const PlanTfResource *b = *(PlanTfResource *const *)pb;

	if (a->has_key != b->has_key)
		return a->has_key ? 1 : -1;
	if (a->key_is_string != b->key_is_string)
		return a->key_is_string ? 1 : -1;
	if (a->key_is_string)
		return strcmp(a->key_string, b->key_string);
	return a->key_number < b->key_number ? -1 : a->key_number > b->key_number;
}

static void
plan_tf_sort_groups(PlanTfImport *import)
{
	GHashTableIter iter;
	gpointer value;

	g_hash_table_iter_init(&iter, import->groups);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_sort(value, plan_tf_compare_instances);
}

/* "1.2" -> 1; FALSE when it is not a version */
static gboolean
plan_tf_version_major(const char *text, guint64 *major)
{
	g_auto(GStrv) parts = g_strsplit(text, ".", -1);
	guint n = g_strv_length(parts);

	if (n < 2 || n > 3)
		return FALSE;
	for (guint i = 0; i < n; i++) {
		guint64 number;
		if (parts[i][0] == '\0' ||
		    !g_ascii_string_to_unsigned(parts[i], 10, 0, 9999, &number, NULL))
			return FALSE;
		if (i == 0)
			*major = number;
	}
	return TRUE;
}

static gboolean
plan_tf_read_format(PlanTfImport *import, const cJSON *root)
{
	const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "format_version");
	const cJSON *terraform = cJSON_GetObjectItemCaseSensitive(root, "terraform_version");
	guint64 major = 0;

	if (format == NULL) {
		plan_tf_problem(import, root, NULL,
				"missing 'format_version'; expected the output of 'terraform show "
				"-json' for a saved plan or a state");
		return FALSE;
	}
	if (!cJSON_IsString(format)) {
		plan_tf_problem(import, format, "format_version",
				"expected a version string like \"1.2\", got %s",
				plan_tf_json_type(format));
		return FALSE;
	}
	if (!plan_tf_version_major(format->valuestring, &major)) {
		plan_tf_problem(import, format, "format_version",
				"'%s' is not a version like \"1.2\"", format->valuestring);
		return FALSE;
	}
	if (major > 1) {
		plan_tf_problem(import, format, "format_version",
				"format version %s is not supported; ecsplan reads versions 0.x "
				"and 1.x",
				format->valuestring);
		return FALSE;
	}
	import->format_version = format->valuestring;
	if (cJSON_IsString(terraform))
		import->terraform_version = terraform->valuestring;
	return TRUE;
}

static const cJSON *
plan_tf_root_module(PlanTfImport *import, const cJSON *values, const char *path)
{
	const cJSON *root_module;
	g_autofree char *where = g_strconcat(path, ".root_module", NULL);

	if (values == NULL || cJSON_IsNull(values))
		return NULL;
	if (!cJSON_IsObject(values)) {
		plan_tf_problem(import, values, path, "expected an object, got %s",
				plan_tf_json_type(values));
		return NULL;
	}
	root_module = cJSON_GetObjectItemCaseSensitive(values, "root_module");
	if (root_module != NULL && !cJSON_IsObject(root_module)) {
		plan_tf_problem(import, root_module, where, "expected a module object, got %s",
				plan_tf_json_type(root_module));
		return NULL;
	}
	return root_module;
}

static void
plan_tf_read_values(PlanTfImport *import, const cJSON *root)
{
	const cJSON *planned = cJSON_GetObjectItemCaseSensitive(root, "planned_values");
	const cJSON *values = cJSON_GetObjectItemCaseSensitive(root, "values");
	const cJSON *prior = cJSON_GetObjectItemCaseSensitive(root, "prior_state");
	const cJSON *module;

	/* a plan has planned_values; a state has values */
	import->is_state = planned == NULL && values != NULL;
	if (planned != NULL) {
		module = plan_tf_root_module(import, planned, "planned_values");
		if (module != NULL)
			plan_tf_read_module(import, module, "", "planned_values.root_module", FALSE);
	} else if (values != NULL) {
		module = plan_tf_root_module(import, values, "values");
		if (module != NULL)
			plan_tf_read_module(import, module, "", "values.root_module", FALSE);
	}
	if (prior != NULL && !cJSON_IsNull(prior)) {
		if (!cJSON_IsObject(prior)) {
			plan_tf_problem(import, prior, "prior_state", "expected an object, got %s",
					plan_tf_json_type(prior));
			return;
		}
		module = plan_tf_root_module(
			import, cJSON_GetObjectItemCaseSensitive(prior, "values"), "prior_state.values");
		if (module != NULL)
			plan_tf_read_module(import, module, "", "prior_state.values.root_module",
					    TRUE);
	}
}

/* ---- region ---------------------------------------------------------------------------- */

static const cJSON *
plan_tf_provider_region(PlanTfImport *import, const cJSON *root)
{
	const cJSON *configuration = cJSON_GetObjectItemCaseSensitive(root, "configuration");
	const cJSON *providers = cJSON_GetObjectItemCaseSensitive(configuration, "provider_config");
	const cJSON *provider = NULL;
	const cJSON *region;
	const cJSON *references;

	if (!cJSON_IsObject(providers))
		return NULL;
	/* the default aws provider of the root module, else the first aws provider */
	provider = cJSON_GetObjectItemCaseSensitive(providers, "aws");
	for (const cJSON *item = providers->child; provider == NULL && item != NULL;
	     item = item->next) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(item, "name");
		if (cJSON_IsString(name) && strcmp(name->valuestring, "aws") == 0)
			provider = item;
	}
	region = plan_tf_walk(provider, "expressions.region");
	if (!cJSON_IsObject(region))
		return NULL;
	if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(region, "constant_value")))
		return cJSON_GetObjectItemCaseSensitive(region, "constant_value");
	/* region = var.aws_region: the root module's variables carry the value */
	references = cJSON_GetObjectItemCaseSensitive(region, "references");
	for (const cJSON *item = cJSON_IsArray(references) ? references->child : NULL; item != NULL;
	     item = item->next) {
		const cJSON *value;
		g_autofree char *path = NULL;
		if (!cJSON_IsString(item) || !g_str_has_prefix(item->valuestring, "var."))
			continue;
		path = g_strdup_printf("%s.value", item->valuestring + 4);
		value = plan_tf_walk(cJSON_GetObjectItemCaseSensitive(root, "variables"), path);
		if (cJSON_IsString(value))
			return value;
	}
	return NULL;
}

/* "us-east-1a" -> "us-east-1": the region of the first subnet's AZ that names one */
static char *
plan_tf_region_from_azs(PlanTfImport *import)
{
	for (guint i = 0; i < import->model->vpcs->len; i++) {
		PlanVpc *vpc = g_ptr_array_index(import->model->vpcs, i);
		for (guint j = 0; j < vpc->subnets->len; j++) {
			PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, j);
			gsize n = subnet->az != NULL ? strlen(subnet->az) : 0;
			if (n > 4 && g_ascii_isdigit(subnet->az[n - 2]) &&
			    g_ascii_isalpha(subnet->az[n - 1]))
				return g_strndup(subnet->az, n - 1);
		}
	}
	return NULL;
}

static void
plan_tf_set_region(PlanTfImport *import, const cJSON *root)
{
	PlanModel *model = import->model;
	const cJSON *provider = plan_tf_provider_region(import, root);
	g_autofree char *from_azs = NULL;

	if (import->options != NULL && import->options->region != NULL) {
		model->region = g_strdup(import->options->region);
		g_ptr_array_add(model->notes, g_strdup_printf("region %s: given with --region",
							      model->region));
		return;
	}
	if (provider != NULL && provider->valuestring[0] != '\0') {
		model->region = g_strdup(provider->valuestring);
		model->region_loc = plan_tf_loc(import, provider);
		g_ptr_array_add(model->notes,
				g_strdup_printf("region %s: from the aws provider configuration",
						model->region));
		return;
	}
	from_azs = plan_tf_region_from_azs(import);
	if (from_azs != NULL) {
		model->region = g_steal_pointer(&from_azs);
		g_ptr_array_add(model->notes,
				g_strdup_printf("region %s: from the subnets' availability zones "
						"(the provider configuration does not name it)",
						model->region));
		return;
	}
	model->region = g_strdup("unknown");
	plan_diagnostics_add(model->load_diagnostics, PLAN_SEVERITY_WARNING, "import-unresolved",
			     NULL, NULL, NULL,
			     "the plan names no region (no aws provider region, no subnet AZ); "
			     "give one with 'ecsplan import terraform --region'");
}

/* ---- what was not mapped ----------------------------------------------------------------- */

typedef struct {
	const char *type;
	guint count;
	GPtrArray *addresses; /* const char* */
} PlanTfTypeCount;

static void
plan_tf_type_count_free(PlanTfTypeCount *count)
{
	g_ptr_array_unref(count->addresses);
	g_free(count);
}

static gint
plan_tf_compare_type_counts(gconstpointer pa, gconstpointer pb)
{
	const PlanTfTypeCount *a = *(PlanTfTypeCount *const *)pa;
	const PlanTfTypeCount *b = *(PlanTfTypeCount *const *)pb;
	return strcmp(a->type, b->type);
}

/* resources per type, sorted by type; @recognised picks which half */
static GPtrArray *
plan_tf_count_types(PlanTfImport *import, gboolean recognised, gboolean data)
{
	g_autoptr(GHashTable) by_type = g_hash_table_new(g_str_hash, g_str_equal);
	GPtrArray *counts = g_ptr_array_new_with_free_func((GDestroyNotify)plan_tf_type_count_free);

	for (guint i = 0; i < import->resources->len; i++) {
		PlanTfResource *resource = g_ptr_array_index(import->resources, i);
		PlanTfTypeCount *count;
		if (resource->recognised != recognised || resource->data != data)
			continue;
		count = g_hash_table_lookup(by_type, resource->type);
		if (count == NULL) {
			count = g_new0(PlanTfTypeCount, 1);
			count->type = resource->type;
			count->addresses = g_ptr_array_new();
			g_hash_table_insert(by_type, (gpointer)resource->type, count);
			g_ptr_array_add(counts, count);
		}
		count->count++;
		g_ptr_array_add(count->addresses, resource->source);
	}
	g_ptr_array_sort(counts, plan_tf_compare_type_counts);
	return counts;
}

static void
plan_tf_append_counts(GString *out, GPtrArray *counts)
{
	for (guint i = 0; i < counts->len; i++) {
		PlanTfTypeCount *count = g_ptr_array_index(counts, i);
		g_string_append_printf(out, "%s%s %u", i > 0 ? ", " : "", count->type,
				       count->count);
	}
}

static void
plan_tf_report_unmapped(PlanTfImport *import)
{
	g_autoptr(GPtrArray) mapped = plan_tf_count_types(import, TRUE, FALSE);
	g_autoptr(GPtrArray) read = plan_tf_count_types(import, TRUE, TRUE);
	g_autoptr(GPtrArray) other = plan_tf_count_types(import, FALSE, FALSE);
	g_autoptr(GString) summary = g_string_new(NULL);
	guint n_mapped = 0;

	for (guint i = 0; i < mapped->len; i++)
		n_mapped += ((PlanTfTypeCount *)g_ptr_array_index(mapped, i))->count;
	g_string_append_printf(summary, "imported %u resource%s from Terraform", n_mapped,
			       n_mapped == 1 ? "" : "s");
	if (mapped->len > 0) {
		g_string_append(summary, ": ");
		plan_tf_append_counts(summary, mapped);
	}
	if (read->len > 0) {
		g_string_append(summary, "; data sources read: ");
		plan_tf_append_counts(summary, read);
	}
	if (other->len > 0) {
		g_string_append(summary, "; not modelled: ");
		plan_tf_append_counts(summary, other);
	}
	plan_diagnostics_add(import->model->load_diagnostics, PLAN_SEVERITY_NOTE, "import-mapped",
			     NULL, NULL, NULL, "%s", summary->str);

	for (guint i = 0; i < other->len; i++) {
		PlanTfTypeCount *count = g_ptr_array_index(other, i);
		g_autoptr(GString) list = g_string_new(NULL);
		for (guint j = 0; j < count->addresses->len && j < 3; j++)
			g_string_append_printf(list, "%s%s", j > 0 ? ", " : "",
					       (const char *)g_ptr_array_index(count->addresses, j));
		if (count->addresses->len > 3)
			g_string_append_printf(list, " and %u more", count->addresses->len - 3);
		plan_diagnostics_add(import->model->load_diagnostics, PLAN_SEVERITY_NOTE,
				     "import-not-modelled", NULL, NULL, NULL,
				     "%s is not modelled: %u resource%s (%s)", count->type,
				     count->count, count->count == 1 ? "" : "s", list->str);
	}
}

/* resources the plan deletes are not in planned_values; those ecsplan would have mapped are
 * named, so a reviewer sees what leaves the environment */
static void
plan_tf_report_changes(PlanTfImport *import)
{
	for (guint i = 0; i < import->deleted->len; i++) {
		const cJSON *item = g_ptr_array_index(import->deleted, i);
		const cJSON *type = cJSON_GetObjectItemCaseSensitive(item, "type");
		const cJSON *address = cJSON_GetObjectItemCaseSensitive(item, "address");
		const cJSON *mode = cJSON_GetObjectItemCaseSensitive(item, "mode");
		gboolean data = cJSON_IsString(mode) && strcmp(mode->valuestring, "data") == 0;
		PlanOrigin origin = {0};

		if (!cJSON_IsString(type) || !cJSON_IsString(address) ||
		    !plan_tf_type_recognised(type->valuestring, data))
			continue;
		origin.loc = plan_tf_loc(import, item);
		origin.source = address->valuestring;
		plan_diagnostics_add(import->model->load_diagnostics, PLAN_SEVERITY_NOTE,
				     "import-deleted", &origin, NULL, NULL,
				     "%s is deleted by this plan and left out of the model",
				     address->valuestring);
	}
	for (guint i = 0; i < import->resources->len; i++) {
		PlanTfResource *resource = g_ptr_array_index(import->resources, i);
		if (resource->recognised && (resource->change & PLAN_TF_CHANGE_DELETE) &&
		    (resource->change & PLAN_TF_CHANGE_CREATE))
			plan_tf_finding(import, PLAN_SEVERITY_NOTE, "import-replaced", resource,
					"%s is replaced by this plan (destroyed and created again); "
					"the model shows the new one",
					resource->source);
	}
}

/* ---- parsing ----------------------------------------------------------------------------- */

static char *
plan_tf_excerpt(const char *data, gsize length, gsize offset)
{
	GString *out = g_string_new(NULL);
	for (gsize i = offset; i < length && out->len < 16; i++) {
		guchar c = (guchar)data[i];
		if (c == '\n' || c == '\r')
			break;
		if (g_ascii_isprint(c))
			g_string_append_c(out, (char)c);
		else
			g_string_append_printf(out, "\\x%02x", c);
	}
	return g_string_free(out, FALSE);
}

static void
plan_tf_syntax_error(PlanTfImport *import, const char *data, gsize length, gsize offset,
		     const char *what, GError **error)
{
	PlanLoc loc = plan_text_index_loc(import->lines, MIN(offset, length));
	g_autofree char *excerpt = plan_tf_excerpt(data, length, offset);

	if (offset >= length || excerpt[0] == '\0' ||
	    (offset + 1 == length && (guchar)data[offset] <= 32))
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: %s at the end of the file (unclosed { or [?)", import->file,
			    loc.line, loc.column, what);
	else
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: %s near '%s' (check for a missing comma, quote or bracket, "
			    "or a trailing comma)",
			    import->file, loc.line, loc.column, what, excerpt);
}

static gboolean
plan_tf_check_text(PlanTfImport *import, const char *data, gsize length, GError **error)
{
	const char *invalid = NULL;
	const char *nul = length > 0 ? memchr(data, '\0', length) : NULL;
	gsize at = 0;
	PlanLoc loc;

	if (length > PLAN_TF_MAX_BYTES) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s: file is %" G_GSIZE_FORMAT " bytes; Terraform JSON is limited to "
			    "%u MiB",
			    import->file, length, PLAN_TF_MAX_BYTES / (1024u * 1024u));
		return FALSE;
	}
	import->lines = plan_text_index_new(data, length);
	if (nul != NULL) {
		loc = plan_text_index_loc(import->lines, (gsize)(nul - data));
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: NUL byte in the file; expected JSON text", import->file,
			    loc.line, loc.column);
		return FALSE;
	}
	while (at < length && (guchar)data[at] <= 32)
		at++;
	if (at == length) {
		loc = plan_text_index_loc(import->lines, length);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: the file is empty; expected the JSON output of 'terraform "
			    "show -json'",
			    import->file, loc.line, loc.column);
		return FALSE;
	}
	if (!g_utf8_validate_len(data, length, &invalid)) {
		loc = plan_text_index_loc(import->lines, (gsize)(invalid - data));
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: invalid UTF-8 (byte 0x%02x); Terraform JSON is UTF-8 text",
			    import->file, loc.line, loc.column, (guchar)*invalid);
		return FALSE;
	}
	return TRUE;
}

/* cJSON reports a missing object key one byte past the culprit (see the loader) */
static gsize
plan_tf_key_error_offset(const char *data, gsize length, gsize offset)
{
	gsize before;

	if (offset == 0 || offset - 1 >= length || (guchar)data[offset - 1] <= 32)
		return offset;
	before = offset - 1;
	while (before > 0 && (guchar)data[before - 1] <= 32)
		before--;
	if (before > 0 && (data[before - 1] == '{' || data[before - 1] == ','))
		return offset - 1;
	return offset;
}

/* every node's valueint holds its offset + 1, as in the loader */
static void
plan_tf_map_offsets(cJSON *node, const GArray *offsets, guint *next)
{
	for (; node != NULL; node = node->next) {
		node->valueint = 0;
		if (*next < offsets->len)
			node->valueint = (int)g_array_index(offsets, guint32, *next) + 1;
		(*next)++;
		if (node->child != NULL)
			plan_tf_map_offsets(node->child, offsets, next);
	}
}

static cJSON *
plan_tf_parse(PlanTfImport *import, const char *data, gsize length, GError **error)
{
	g_autoptr(GArray) offsets = NULL;
	cJSON *root;
	const char *end = NULL;
	gsize error_offset = 0;
	guint next = 0;

	if (!plan_tf_check_text(import, data, length, error))
		return NULL;
	offsets = plan_json_value_offsets(data, length, PLAN_TF_MAX_DEPTH, &error_offset);
	if (offsets == NULL) {
		PlanLoc loc = plan_text_index_loc(import->lines, error_offset);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: nested more than %u levels deep", import->file, loc.line,
			    loc.column, PLAN_TF_MAX_DEPTH);
		return NULL;
	}
	root = cJSON_ParseWithLengthOpts(data, length, &end, FALSE);
	if (root == NULL) {
		gsize at = end != NULL && end >= data ? (gsize)(end - data) : 0;
		plan_tf_syntax_error(import, data, length, plan_tf_key_error_offset(data, length, at),
				     "not valid JSON", error);
		return NULL;
	}
	for (gsize at = (gsize)(end - data); at < length; at++) {
		if ((guchar)data[at] > 32) {
			plan_tf_syntax_error(import, data, length, at,
					     "unexpected text after the JSON value", error);
			return NULL;
		}
	}
	plan_tf_map_offsets(root, offsets, &next);
	return root;
}

static void
plan_tf_fail(PlanTfImport *import, GError **error)
{
	g_autoptr(GString) text = g_string_new(NULL);

	for (guint i = 0; i < import->problems->len; i++) {
		if (i > 0)
			g_string_append_c(text, '\n');
		g_string_append(text, g_ptr_array_index(import->problems, i));
	}
	if (import->n_problems > import->problems->len)
		g_string_append_printf(text, "\n%s: ... and %u more problems", import->file,
				       import->n_problems - import->problems->len);
	g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL, text->str);
}

static char *
plan_tf_model_name(const char *display_name)
{
	g_autofree char *base = g_path_get_basename(display_name);
	char *dot = strrchr(base, '.');

	if (dot != NULL && dot != base)
		*dot = '\0';
	return g_strdup(base);
}

static PlanDiagnostic *
plan_tf_diagnostic_copy(const PlanDiagnostic *diagnostic)
{
	PlanDiagnostic *copy = g_new0(PlanDiagnostic, 1);

	copy->severity = diagnostic->severity;
	copy->code = diagnostic->code;
	copy->path = g_strdup(diagnostic->path);
	copy->loc = diagnostic->loc;
	copy->source = g_strdup(diagnostic->source);
	copy->message = g_strdup(diagnostic->message);
	for (guint i = 0; diagnostic->related != NULL && i < diagnostic->related->len; i++)
		plan_diagnostic_add_related(copy, g_ptr_array_index(diagnostic->related, i));
	return copy;
}

/**
 * plan_import_terraform:
 * @data: (transfer none): the text of `terraform show -json` output
 * @display_name: (transfer none): the name problems and findings print
 * @options: (transfer none) (nullable): overrides
 * @findings: (transfer none) (nullable): a diagnostics list that receives a copy of each
 *   finding
 *
 * Returns: (transfer full): the model, or NULL with @error set
 */
PlanModel *
plan_import_terraform(const char *data, gsize length, const char *display_name,
		      const PlanImportOptions *options, GPtrArray *findings, GError **error)
{
	g_auto(PlanTfImport) import = {0};
	g_autoptr(PlanJsonArena) arena = NULL;
	cJSON *root; /* lives in the arena */
	const char *kind;

	g_return_val_if_fail(data != NULL || length == 0, NULL);
	g_return_val_if_fail(display_name != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	plan_tf_import_init(&import, display_name, options);
	if (length == 0) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:1:1: the file is empty; expected the JSON output of 'terraform show "
			    "-json'",
			    display_name);
		return NULL;
	}
	arena = plan_json_arena_push();
	root = plan_tf_parse(&import, data, length, error);
	plan_json_arena_pop(arena);
	if (root == NULL)
		return NULL;
	import.root = root;
	if (!cJSON_IsObject(root)) {
		plan_tf_problem(&import, root, NULL,
				"expected a JSON object from 'terraform show -json', got %s",
				plan_tf_json_type(root));
		plan_tf_fail(&import, error);
		return NULL;
	}
	if (!plan_tf_read_format(&import, root)) {
		plan_tf_fail(&import, error);
		return NULL;
	}
	plan_tf_read_values(&import, root);
	plan_tf_read_changes(&import, cJSON_GetObjectItemCaseSensitive(root, "resource_changes"));
	plan_tf_read_configuration(&import, cJSON_GetObjectItemCaseSensitive(root, "configuration"));
	plan_tf_sort_groups(&import);
	if (import.n_problems > 0) {
		plan_tf_fail(&import, error);
		return NULL;
	}

	import.model->file = g_strdup(display_name);
	import.model->name = plan_tf_model_name(display_name);
	kind = import.is_state ? "state" : "plan";
	g_ptr_array_add(import.model->notes,
			g_strdup_printf("imported from a Terraform %s (format_version %s%s%s) by "
					"'ecsplan import terraform'; each element's source is its "
					"Terraform address",
					kind, import.format_version,
					import.terraform_version != NULL ? ", Terraform " : "",
					import.terraform_version != NULL ? import.terraform_version
									 : ""));
	plan_tf_map_network(&import);
	plan_tf_map_ecs(&import);
	plan_tf_set_region(&import, root);
	plan_tf_report_unmapped(&import);
	plan_tf_report_changes(&import);
	if (import.n_problems > 0) {
		plan_tf_fail(&import, error);
		return NULL;
	}
	for (guint i = 0; findings != NULL && i < import.model->load_diagnostics->len; i++)
		g_ptr_array_add(findings, plan_tf_diagnostic_copy(g_ptr_array_index(
						  import.model->load_diagnostics, i)));
	return g_steal_pointer(&import.model);
}
