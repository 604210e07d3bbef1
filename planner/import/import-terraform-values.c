/* what the parts of the Terraform importer share: problems (unusable input) and findings,
 * typed access to a resource's values (and whether after_unknown marks them), element names
 * made from addresses, and the records the mappers keep for the length of one import */
#include "import-terraform-private.h"

#include <math.h>
#include <string.h>

/* ---- problems and findings ------------------------------------------------------------------- */

PlanLoc
tf_loc(const PlanTfImport *import, const cJSON *node)
{
	PlanLoc none = {0, 0};
	if (node == NULL || node->valueint <= 0)
		return none;
	return plan_text_index_loc(import->lines, (gsize)node->valueint - 1);
}

char *
tf_resource_path(const PlanTfResource *resource)
{
	/* only for a message: printf is fine here */
	return g_strdup_printf("%s[%u]", resource->list, resource->index);
}

/* records a problem that makes the input unusable; the same line is kept once */
void
tf_problem(PlanTfImport *import, const cJSON *node, const char *path, const char *format, ...)
{
	PlanLoc loc = tf_loc(import, node);
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
tf_finding(PlanTfImport *import, PlanSeverity severity, const char *code,
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
		place.source = (char *)resource->source; /* copied by plan_diagnostics_add */
		origin = &place;
	}
	return plan_diagnostics_add(import->model->load_diagnostics, severity, code, origin, NULL,
				    NULL, "%s", message);
}

/* ---- values ---------------------------------------------------------------------------------- */

const cJSON *
tf_walk(const cJSON *node, const char *attribute)
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
tf_value(const PlanTfResource *resource, const char *attribute)
{
	const cJSON *node = tf_walk(resource->values, attribute);
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
tf_unknown(const PlanTfResource *resource, const char *attribute)
{
	if (resource->unknown == NULL)
		return FALSE;
	/* a whole block list unknown (after_unknown "route": true) covers its elements */
	if (cJSON_IsTrue(resource->unknown))
		return TRUE;
	for (const char *dot = strchr(attribute, '.'); dot != NULL; dot = strchr(dot + 1, '.')) {
		g_autofree char *prefix = g_strndup(attribute, (gsize)(dot - attribute));
		if (cJSON_IsTrue(tf_walk(resource->unknown, prefix)))
			return TRUE;
	}
	return plan_tf_any_true(tf_walk(resource->unknown, attribute));
}

static char *
plan_tf_value_path(const PlanTfResource *resource, const char *attribute)
{
	g_autofree char *resource_path = tf_resource_path(resource);
	GString *path = g_string_new(resource_path);

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
	tf_problem(import, node, path, "expected %s, got %s", expected,
			plan_json_type_name(node));
	return FALSE;
}

gboolean
tf_string(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
	       const char **out)
{
	const cJSON *node = tf_value(resource, attribute);

	if (node == NULL ||
	    !plan_tf_expect(import, resource, attribute, node, cJSON_IsString(node), "a string"))
		return FALSE;
	*out = node->valuestring;
	return TRUE;
}

gboolean
tf_bool(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
	     gboolean *out)
{
	const cJSON *node = tf_value(resource, attribute);

	if (node == NULL ||
	    !plan_tf_expect(import, resource, attribute, node, cJSON_IsBool(node), "true or false"))
		return FALSE;
	*out = cJSON_IsTrue(node);
	return TRUE;
}

gboolean
tf_number(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
	       double *out)
{
	const cJSON *node = tf_value(resource, attribute);

	if (node == NULL ||
	    !plan_tf_expect(import, resource, attribute, node, cJSON_IsNumber(node), "a number"))
		return FALSE;
	*out = node->valuedouble;
	return TRUE;
}

gboolean
tf_integer(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
		gint64 min, gint64 max, gint64 *out)
{
	double value;

	if (!tf_number(import, resource, attribute, &value))
		return FALSE;
	if (!isfinite(value) || value != floor(value) || value < (double)min ||
	    value > (double)max) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
				"%s is %g; ecsplan reads a whole number from %" G_GINT64_FORMAT
				" to %" G_GINT64_FORMAT ", so the default is kept",
				attribute, value, min, max);
		return FALSE;
	}
	*out = (gint64)value;
	return TRUE;
}

gboolean
tf_is_type(const PlanTfResource *resource, const char *const *types)
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
tf_of_types(PlanTfImport *import, const char *const *types)
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

void
tf_set_origin(PlanOrigin *origin, PlanTfResource *resource, char *path)
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
tf_cidr_set(PlanCidr *cidr, const char *text, PlanFamily family, const char *path, PlanLoc loc)
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

void
tf_each_type(PlanTfImport *import, const char *type, PlanTfEachFunc func)
{
	const char *const types[] = {type, NULL};
	g_autoptr(GPtrArray) resources = tf_of_types(import, types);

	for (guint i = 0; i < resources->len; i++)
		func(import, g_ptr_array_index(resources, i));
}
