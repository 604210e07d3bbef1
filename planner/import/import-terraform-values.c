/* what the parts of the Terraform importer share: problems (unusable input) and findings,
 * typed access to a resource's values (and whether after_unknown marks them), element names
 * made from addresses, and the records the mappers keep for the length of one import */
#include "import-terraform-private.h"

#include <math.h>
#include <string.h>

/* ---- problems and findings ------------------------------------------------------------------- */

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

/* ---- values ---------------------------------------------------------------------------------- */

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

/* ---- names ----------------------------------------------------------------------------------- */

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
			plan_tf_name_append(word, g_str_has_prefix(type->name, "aws_")
						      ? type->name + 4
						      : type->name);
			const char *last = strrchr(word->str, '-');
			g_autofree char *last_needle =
			    g_strdup_printf("-%s-", last != NULL ? last + 1 : word->str);
			needle = g_strdup_printf("-%s-", word->str);
			/* aws_ecs_service.this in module.ecs.module.service["api"] ->
			 * ecs-service-api */
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
	/* the next suffix to try for @base is kept under "\x1f" base (names never hold \x1f),
	 * so 20,000 resources with one name do not probe 1 + 2 + ... suffixes */
	g_autofree char *counter = g_strconcat("\x1f", base, NULL);
	guint n = MAX(GPOINTER_TO_UINT(g_hash_table_lookup(scope, counter)), 2);
	char *name = g_strdup(base);

	if (g_hash_table_contains(scope, name)) {
		do {
			g_free(name);
			name = g_strdup_printf("%s-%u", base, n++);
		} while (g_hash_table_contains(scope, name));
		g_hash_table_insert(scope, g_steal_pointer(&counter), GUINT_TO_POINTER(n));
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
plan_tf_cidr_set(PlanCidr *cidr, const char *text, PlanFamily family, const char *path, PlanLoc loc)
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
