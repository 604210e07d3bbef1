/* links between Terraform resources. A known id or ARN in the values links directly. In a
 * plan, most ids are unknown until apply; the configuration section then says which
 * resources an attribute's expression refers to, through module calls (var.x -> the call's
 * argument in the parent module) and module outputs (module.vpc.private_subnets -> the
 * output's expression in the child). Results are memoised per (module instance, reference),
 * which keeps a 20,000-resource plan linear and turns a reference cycle into a problem
 * instead of endless recursion. */
#include "import-terraform-private.h"

#include <string.h>

/* ---- addresses and references ---------------------------------------------------------------- */

void
tf_segment_free(PlanTfSegment *segment)
{
	g_free(segment->name);
	g_free(segment->key);
	g_free(segment);
}

void
tf_key_append_number(GString *out, gint64 number)
{
	char digits[24];
	guint n = 0;
	guint64 magnitude = number < 0 ? -(guint64)number : (guint64)number;

	do {
		digits[n++] = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude > 0);
	if (number < 0)
		g_string_append_c(out, '-');
	while (n > 0)
		g_string_append_c(out, digits[--n]);
}

char *
tf_key_from_number(gint64 number)
{
	GString *out = g_string_sized_new(24);
	tf_key_append_number(out, number);
	return g_string_free(out, FALSE);
}

/* a for_each key as Terraform quotes it in addresses */
void
tf_key_append_string(GString *out, const char *text)
{
	g_string_append_c(out, '"');
	for (const char *c = text; *c != '\0'; c++) {
		switch (*c) {
		case '"':
			g_string_append(out, "\\\"");
			break;
		case '\\':
			g_string_append(out, "\\\\");
			break;
		case '\n':
			g_string_append(out, "\\n");
			break;
		case '\t':
			g_string_append(out, "\\t");
			break;
		case '\r':
			g_string_append(out, "\\r");
			break;
		default:
			if ((guchar)*c < 0x20)
				g_string_append_printf(out, "\\u%04x", (guint)(guchar)*c);
			else
				g_string_append_c(out, *c);
		}
	}
	g_string_append_c(out, '"');
}

char *
tf_key_from_string(const char *text)
{
	GString *out = g_string_new(NULL);
	tf_key_append_string(out, text);
	return g_string_free(out, FALSE);
}

/* reads a quoted key at @text (on the opening quote); returns the position after the closing
 * quote, or NULL. *@out receives the unescaped text */
static const char *
plan_tf_parse_quoted(const char *text, char **out)
{
	GString *value = g_string_new(NULL);
	const char *c = text + 1;

	for (; *c != '\0' && *c != '"'; c++) {
		if (*c != '\\') {
			g_string_append_c(value, *c);
			continue;
		}
		c++;
		switch (*c) {
		case 'n':
			g_string_append_c(value, '\n');
			break;
		case 't':
			g_string_append_c(value, '\t');
			break;
		case 'r':
			g_string_append_c(value, '\r');
			break;
		case 'u': {
			guint64 code = 0;
			char hex[5] = {0};
			if (strlen(c + 1) < 4)
				break;
			memcpy(hex, c + 1, 4);
			if (g_ascii_string_to_unsigned(hex, 16, 0, 0xffff, &code, NULL) &&
			    code != 0 && (code < 0xd800 || code > 0xdfff)) {
				g_string_append_unichar(value, (gunichar)code);
				c += 4;
			}
			break;
		}
		case '\0':
			g_string_free(value, TRUE);
			return NULL;
		default:
			g_string_append_c(value, *c);
		}
	}
	if (*c != '"') {
		g_string_free(value, TRUE);
		return NULL;
	}
	*out = g_string_free(value, FALSE);
	return c + 1;
}

/* reads "[...]" at @text; a number or a quoted string becomes a canonical key, "*" none */
static const char *
plan_tf_parse_key(const char *text, char **key)
{
	const char *c = text + 1;

	if (*c == '"') {
		g_autofree char *raw = NULL;
		c = plan_tf_parse_quoted(c, &raw);
		if (c == NULL || *c != ']')
			return NULL;
		if (*key == NULL)
			*key = tf_key_from_string(raw);
		return c + 1;
	}
	if (*c == '*' && c[1] == ']')
		return c + 2;
	if (g_ascii_isdigit(*c)) {
		const char *start = c;
		g_autofree char *digits = NULL;
		guint64 number = 0;
		while (g_ascii_isdigit(*c))
			c++;
		if (*c != ']')
			return NULL;
		digits = g_strndup(start, (gsize)(c - start));
		if (!g_ascii_string_to_unsigned(digits, 10, 0, G_MAXINT32, &number, NULL))
			return NULL;
		if (*key == NULL)
			*key = tf_key_from_number((gint64)number);
		return c + 1;
	}
	return NULL;
}

GPtrArray *
tf_segments_parse(const char *text)
{
	g_autoptr(GPtrArray) segments =
	    g_ptr_array_new_with_free_func((GDestroyNotify)tf_segment_free);
	const char *c = text;

	while (*c != '\0') {
		const char *start = c;
		PlanTfSegment *segment;

		while (g_ascii_isalnum(*c) || *c == '_' || *c == '-')
			c++;
		if (c == start)
			return NULL;
		segment = g_new0(PlanTfSegment, 1);
		segment->name = g_strndup(start, (gsize)(c - start));
		g_ptr_array_add(segments, segment);
		/* only the first index matters: x[0]["a"] refers into x[0] */
		while (*c == '[') {
			c = plan_tf_parse_key(c, &segment->key);
			if (c == NULL)
				return NULL;
		}
		if (*c == '.')
			c++;
		else if (*c != '\0')
			return NULL;
	}
	return g_steal_pointer(&segments);
}

char *
tf_module_config_path(const char *module)
{
	GString *out = g_string_new(NULL);
	gboolean quoted = FALSE;
	guint depth = 0;

	/* drop every [...] part; keys may hold dots and brackets inside quotes */
	for (const char *c = module; *c != '\0'; c++) {
		if (depth > 0) {
			if (quoted && *c == '\\' && c[1] != '\0')
				c++;
			else if (*c == '"')
				quoted = !quoted;
			else if (!quoted && *c == ']')
				depth--;
			continue;
		}
		if (*c == '[')
			depth++;
		else
			g_string_append_c(out, *c);
	}
	return g_string_free(out, FALSE);
}

typedef enum {
	PLAN_TF_REF_RESOURCE,
	PLAN_TF_REF_OUTPUT,
	PLAN_TF_REF_MODULE,
	PLAN_TF_REF_VAR,
	PLAN_TF_REF_EACH,
	PLAN_TF_REF_COUNT,
	PLAN_TF_REF_OTHER,
} PlanTfRefKind;

typedef struct {
	PlanTfRefKind kind;
	char *target; /* resource: "type.name" / "data.type.name"; module: call name; var name */
	char *key;    /* canonical key, or NULL */
	char *output; /* PLAN_TF_REF_OUTPUT */
	const char *text;
	gboolean dropped; /* made redundant by a more precise form of the same reference */
} PlanTfRef;

static void
plan_tf_ref_free(PlanTfRef *ref)
{
	g_free(ref->target);
	g_free(ref->key);
	g_free(ref->output);
	g_free(ref);
}

static PlanTfRef *
plan_tf_ref_parse(const char *text)
{
	g_autoptr(GPtrArray) segments = tf_segments_parse(text);
	PlanTfRef *ref = g_new0(PlanTfRef, 1);
	PlanTfSegment *first;

	ref->text = text;
	ref->kind = PLAN_TF_REF_OTHER;
	if (segments == NULL || segments->len == 0)
		return ref;
	first = g_ptr_array_index(segments, 0);
#define SEGMENT(i) ((PlanTfSegment *)g_ptr_array_index(segments, (i)))
	if (strcmp(first->name, "var") == 0 && segments->len >= 2) {
		ref->kind = PLAN_TF_REF_VAR;
		ref->target = g_strdup(SEGMENT(1)->name);
	} else if (strcmp(first->name, "each") == 0) {
		ref->kind = PLAN_TF_REF_EACH;
	} else if (strcmp(first->name, "count") == 0) {
		ref->kind = PLAN_TF_REF_COUNT;
	} else if (strcmp(first->name, "module") == 0 && segments->len >= 2) {
		ref->kind = segments->len >= 3 ? PLAN_TF_REF_OUTPUT : PLAN_TF_REF_MODULE;
		ref->target = g_strdup(SEGMENT(1)->name);
		ref->key = g_strdup(SEGMENT(1)->key);
		if (segments->len >= 3)
			ref->output = g_strdup(SEGMENT(2)->name);
	} else if (strcmp(first->name, "data") == 0 && segments->len >= 3) {
		ref->kind = PLAN_TF_REF_RESOURCE;
		ref->target = g_strdup_printf("data.%s.%s", SEGMENT(1)->name, SEGMENT(2)->name);
		ref->key = g_strdup(SEGMENT(2)->key);
	} else if (segments->len >= 2 && first->key == NULL && strcmp(first->name, "local") != 0 &&
		   strcmp(first->name, "path") != 0 && strcmp(first->name, "terraform") != 0 &&
		   strcmp(first->name, "self") != 0 && strcmp(first->name, "data") != 0) {
		ref->kind = PLAN_TF_REF_RESOURCE;
		ref->target = g_strdup_printf("%s.%s", first->name, SEGMENT(1)->name);
		ref->key = g_strdup(SEGMENT(1)->key);
	}
#undef SEGMENT
	return ref;
}

/* a reference's class for redundancy: two references of one class say the same thing */
static char *
plan_tf_ref_class(const PlanTfRef *ref)
{
	/* \x1e stands for "absent", which no parsed name or key contains */
	return g_strdup_printf(
	    "%d\x1f%s\x1f%s\x1f%s", (int)ref->kind, ref->target != NULL ? ref->target : "\x1e",
	    ref->key != NULL ? ref->key : "\x1e", ref->output != NULL ? ref->output : "\x1e");
}

/* Terraform lists a reference in several forms ("aws_vpc.a.id", "aws_vpc.a"; "module.vpc.x",
 * "module.vpc"): keep the most precise one of each. dropped are: a second reference of the same
 * class; the whole resource beside one of its instances; a module beside one of its outputs.
 * hash sets keep it linear: an expression may list tens of thousands of references */
static void
plan_tf_refs_drop_redundant(GPtrArray *refs)
{
	g_autoptr(GHashTable) keyed = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GHashTable) with_output = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);

	for (guint i = 0; i < refs->len; i++) {
		PlanTfRef *ref = g_ptr_array_index(refs, i);
		if (ref->target == NULL)
			continue;
		if (ref->kind == PLAN_TF_REF_RESOURCE && ref->key != NULL)
			g_hash_table_add(keyed, ref->target);
		else if (ref->kind == PLAN_TF_REF_OUTPUT)
			g_hash_table_add(with_output, ref->target);
	}
	for (guint i = 0; i < refs->len; i++) {
		PlanTfRef *ref = g_ptr_array_index(refs, i);
		if (ref->kind == PLAN_TF_REF_RESOURCE && ref->key == NULL &&
		    g_hash_table_contains(keyed, ref->target))
			ref->dropped = TRUE;
		else if (ref->kind == PLAN_TF_REF_MODULE && ref->target != NULL &&
			 g_hash_table_contains(with_output, ref->target))
			ref->dropped = TRUE;
		else if (!g_hash_table_add(seen, plan_tf_ref_class(ref)))
			ref->dropped = TRUE;
	}
}

/* ---- configuration --------------------------------------------------------------------------- */

void
tf_module_config_free(PlanTfModuleConfig *config)
{
	g_free(config->path);
	g_hash_table_unref(config->resources);
	g_free(config);
}

static void
plan_tf_read_module_config(PlanTfImport *import, const cJSON *node, const char *config_path,
			   const char *path)
{
	PlanTfModuleConfig *config;
	const cJSON *resources;
	const cJSON *calls;
	const cJSON *outputs;
	guint index = 0;

	if (!cJSON_IsObject(node)) {
		tf_problem(import, node, path, "expected a module object, got %s",
				plan_json_type_name(node));
		return;
	}
	if (g_hash_table_contains(import->modules, config_path))
		return;
	config = g_new0(PlanTfModuleConfig, 1);
	config->path = g_strdup(path);
	config->resources = g_hash_table_new(g_str_hash, g_str_equal);
	g_hash_table_insert(import->modules, g_strdup(config_path), config);

	resources = cJSON_GetObjectItemCaseSensitive(node, "resources");
	if (resources != NULL && !cJSON_IsArray(resources)) {
		g_autofree char *where = g_strconcat(path, ".resources", NULL);
		tf_problem(import, resources, where, "expected an array of resources, got %s",
				plan_json_type_name(resources));
	}
	for (const cJSON *item = cJSON_IsArray(resources) ? resources->child : NULL; item != NULL;
	     item = item->next, index++) {
		const cJSON *address = cJSON_GetObjectItemCaseSensitive(item, "address");
		if (!cJSON_IsString(address)) {
			g_autofree char *where = g_strdup_printf("%s.resources[%u]", path, index);
			tf_problem(import,
					cJSON_IsObject(item) && address != NULL ? address : item,
					where, "expected a resource with an \"address\" string");
			continue;
		}
		g_hash_table_insert(config->resources, address->valuestring, (gpointer)item);
	}
	outputs = cJSON_GetObjectItemCaseSensitive(node, "outputs");
	config->outputs = cJSON_IsObject(outputs) ? outputs : NULL;
	calls = cJSON_GetObjectItemCaseSensitive(node, "module_calls");
	if (calls != NULL && !cJSON_IsObject(calls)) {
		g_autofree char *where = g_strconcat(path, ".module_calls", NULL);
		tf_problem(import, calls, where, "expected an object of module calls, got %s",
				plan_json_type_name(calls));
		return;
	}
	config->calls = calls;
	for (const cJSON *call = calls != NULL ? calls->child : NULL; call != NULL;
	     call = call->next) {
		g_autofree char *child_path = g_strdup_printf(
		    "%s%smodule.%s", config_path, config_path[0] != '\0' ? "." : "", call->string);
		g_autofree char *where =
		    g_strdup_printf("%s.module_calls.%s.module", path, call->string);
		const cJSON *module = cJSON_GetObjectItemCaseSensitive(call, "module");
		if (module != NULL)
			plan_tf_read_module_config(import, module, child_path, where);
	}
}

void
tf_read_configuration(PlanTfImport *import, const cJSON *configuration)
{
	const cJSON *root_module;

	if (configuration == NULL || cJSON_IsNull(configuration))
		return;
	if (!cJSON_IsObject(configuration)) {
		tf_problem(import, configuration, "configuration",
				"expected an object, got %s", plan_json_type_name(configuration));
		return;
	}
	root_module = cJSON_GetObjectItemCaseSensitive(configuration, "root_module");
	if (root_module != NULL)
		plan_tf_read_module_config(import, root_module, "", "configuration.root_module");
}

static PlanTfModuleConfig *
plan_tf_module_config(PlanTfImport *import, const char *module)
{
	g_autofree char *path = tf_module_config_path(module);
	return g_hash_table_lookup(import->modules, path);
}

static const cJSON *
plan_tf_resource_config_node(PlanTfImport *import, const PlanTfResource *resource)
{
	PlanTfModuleConfig *config = plan_tf_module_config(import, resource->module);
	return config != NULL ? g_hash_table_lookup(config->resources, resource->config) : NULL;
}

const cJSON *
tf_resource_config(PlanTfImport *import, const PlanTfResource *resource)
{
	return cJSON_GetObjectItemCaseSensitive(plan_tf_resource_config_node(import, resource),
						"expressions");
}

const cJSON *
tf_expression(PlanTfImport *import, const PlanTfResource *resource, const char *attribute)
{
	return tf_walk(tf_resource_config(import, resource), attribute);
}

/* ---- resolution ------------------------------------------------------------------------------ */

/* what an expression's references say about the instance that evaluates it */
typedef enum {
	PLAN_TF_HINT_COUNT = 1 << 0, /* count.index: element(list, count.index) */
	PLAN_TF_HINT_EACH = 1 << 1,  /* each.key / each.value */
} PlanTfHint;

/* marks a memo entry whose resolution is under way: meeting it again is a cycle */
static GPtrArray plan_tf_in_progress;

static void
plan_tf_memo_value_free(gpointer data)
{
	if (data != &plan_tf_in_progress)
		g_ptr_array_unref(data);
}

static GHashTable *
plan_tf_memo(PlanTfImport *import)
{
	if (import->memo == NULL)
		import->memo =
		    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, plan_tf_memo_value_free);
	return import->memo;
}

static void
plan_tf_add_unique(GPtrArray *out, GHashTable *seen, gpointer resource)
{
	if (g_hash_table_add(seen, resource))
		g_ptr_array_add(out, resource);
}

static GPtrArray *plan_tf_resolve_expression(PlanTfImport *import, const char *module,
					     const cJSON *expression, const cJSON *for_each,
					     const char *path, guint *hints);

typedef GPtrArray *(*PlanTfResolveFunc)(PlanTfImport *import, const char *module,
					const PlanTfRef *ref, const char *path);

/* runs @func once per (module, memo key); a second visit while the first is under way is a
 * cycle. Returns: (transfer none) */
static GPtrArray *
plan_tf_memoised(PlanTfImport *import, const char *module, const PlanTfRef *ref,
		 const char *memo_key, const cJSON *node, const char *path, PlanTfResolveFunc func)
{
	GHashTable *memo = plan_tf_memo(import);
	g_autofree char *key = g_strconcat(module, "\x1f", memo_key, NULL);
	GPtrArray *result = g_hash_table_lookup(memo, key);

	if (result == &plan_tf_in_progress) {
		tf_problem(import, node, path,
				"reference cycle: '%s' in %s leads back to itself", ref->text,
				module[0] != '\0' ? module : "the root module");
		return NULL;
	}
	if (result != NULL)
		return result;
	if (import->depth >= PLAN_TF_MAX_REFERENCE_DEPTH) {
		tf_problem(import, node, path,
				"references nested more than %u levels deep at '%s'",
				PLAN_TF_MAX_REFERENCE_DEPTH, ref->text);
		return NULL;
	}
	g_hash_table_insert(memo, g_strdup(key), &plan_tf_in_progress);
	import->depth++;
	result = func(import, module, ref, path);
	import->depth--;
	g_hash_table_insert(memo, g_steal_pointer(&key), result);
	return result;
}

static GPtrArray *
plan_tf_resolve_output(PlanTfImport *import, const char *module, const PlanTfRef *ref,
		       const char *path)
{
	GPtrArray *result = g_ptr_array_new();
	g_autoptr(GHashTable) seen = g_hash_table_new(NULL, NULL);
	g_autofree char *children_key = g_strconcat(module, "\x1f", ref->target, NULL);
	GPtrArray *instances = g_hash_table_lookup(import->children, children_key);
	g_autofree char *wanted = NULL;

	if (ref->key != NULL)
		wanted = g_strdup_printf("%s%smodule.%s[%s]", module, module[0] != '\0' ? "." : "",
					 ref->target, ref->key);
	for (guint i = 0; instances != NULL && i < instances->len; i++) {
		const char *instance = g_ptr_array_index(instances, i);
		PlanTfModuleConfig *config;
		const cJSON *output;
		g_autofree char *where = NULL;
		g_autoptr(GPtrArray) found = NULL;

		if (wanted != NULL && strcmp(instance, wanted) != 0)
			continue;
		config = plan_tf_module_config(import, instance);
		if (config == NULL || config->outputs == NULL)
			continue;
		output = cJSON_GetObjectItemCaseSensitive(config->outputs, ref->output);
		where = g_strdup_printf("%s.outputs.%s.expression", config->path, ref->output);
		found = plan_tf_resolve_expression(
		    import, instance, cJSON_GetObjectItemCaseSensitive(output, "expression"), NULL,
		    where, NULL);
		for (guint j = 0; j < found->len; j++)
			plan_tf_add_unique(result, seen, g_ptr_array_index(found, j));
	}
	return result;
}

/* the call that made module instance @module, in its parent's configuration */
static const cJSON *
plan_tf_module_call(PlanTfImport *import, const char *module, char **parent, char **call_path)
{
	g_autoptr(GPtrArray) segments = tf_segments_parse(module);
	g_autoptr(GString) up = g_string_new(NULL);
	PlanTfModuleConfig *config;
	const char *call_name;

	*parent = NULL;
	if (segments == NULL || segments->len < 2 || segments->len % 2 != 0)
		return NULL;
	for (guint i = 0; i + 2 < segments->len; i += 2) {
		PlanTfSegment *call = g_ptr_array_index(segments, i + 1);
		g_string_append_printf(up, "%smodule.%s", i > 0 ? "." : "", call->name);
		if (call->key != NULL)
			g_string_append_printf(up, "[%s]", call->key);
	}
	call_name = ((PlanTfSegment *)g_ptr_array_index(segments, segments->len - 1))->name;
	config = plan_tf_module_config(import, up->str);
	if (config == NULL || config->calls == NULL)
		return NULL;
	*parent = g_strdup(up->str);
	*call_path = g_strdup_printf("%s.module_calls.%s", config->path, call_name);
	return cJSON_GetObjectItemCaseSensitive(config->calls, call_name);
}

static GPtrArray *
plan_tf_resolve_var(PlanTfImport *import, const char *module, const PlanTfRef *ref,
		    const char *path)
{
	g_autofree char *parent = NULL;
	g_autofree char *call_path = NULL;
	g_autofree char *where = NULL;
	const cJSON *call = plan_tf_module_call(import, module, &parent, &call_path);
	const cJSON *expression;

	if (call == NULL)
		return g_ptr_array_new();
	expression =
	    tf_walk(cJSON_GetObjectItemCaseSensitive(call, "expressions"), ref->target);
	where = g_strdup_printf("%s.expressions.%s", call_path, ref->target);
	/* each.value in the call's arguments stands for its for_each, evaluated in the parent */
	return plan_tf_resolve_expression(
	    import, parent, expression,
	    cJSON_GetObjectItemCaseSensitive(call, "for_each_expression"), where, NULL);
}

/* everything a module instance receives from its call: for attributes set where the
 * configuration shows no expression (dynamic blocks) */
static GPtrArray *
plan_tf_resolve_inputs(PlanTfImport *import, const char *module, const PlanTfRef *ref,
		       const char *path)
{
	GPtrArray *result = g_ptr_array_new();
	g_autoptr(GHashTable) seen = g_hash_table_new(NULL, NULL);
	g_autofree char *parent = NULL;
	g_autofree char *call_path = NULL;
	const cJSON *call = plan_tf_module_call(import, module, &parent, &call_path);
	const cJSON *expressions = cJSON_GetObjectItemCaseSensitive(call, "expressions");

	for (const cJSON *item = cJSON_IsObject(expressions) ? expressions->child : NULL;
	     item != NULL; item = item->next) {
		g_autofree char *where =
		    g_strdup_printf("%s.expressions.%s", call_path, item->string);
		g_autoptr(GPtrArray) found = plan_tf_resolve_expression(
		    import, parent, item,
		    cJSON_GetObjectItemCaseSensitive(call, "for_each_expression"), where, NULL);
		for (guint j = 0; j < found->len; j++)
			plan_tf_add_unique(result, seen, g_ptr_array_index(found, j));
	}
	return result;
}

/* the instances of every group by key: a keyed reference is one lookup, not a scan of its
 * group (64k references into a group of 64k instances were 4 billion comparisons) */
static GHashTable *
plan_tf_keyed(PlanTfImport *import)
{
	GHashTableIter iter;
	gpointer group_key;
	gpointer members;

	if (import->keyed != NULL)
		return import->keyed;
	import->keyed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      (GDestroyNotify)g_ptr_array_unref);
	g_hash_table_iter_init(&iter, import->groups);
	while (g_hash_table_iter_next(&iter, &group_key, &members)) {
		const GPtrArray *group = members;
		for (guint i = 0; i < group->len; i++) {
			PlanTfResource *resource = g_ptr_array_index(group, i);
			g_autofree char *key = NULL;
			char *instance_key;
			GPtrArray *same;
			if (!resource->has_key)
				continue;
			key = resource->key_is_string
				  ? tf_key_from_string(resource->key_string)
				  : tf_key_from_number(resource->key_number);
			instance_key = g_strconcat(group_key, "\x1f", key, NULL);
			same = g_hash_table_lookup(import->keyed, instance_key);
			if (same == NULL) {
				same = g_ptr_array_new();
				g_hash_table_insert(import->keyed, instance_key, same);
			} else {
				g_free(instance_key);
			}
			g_ptr_array_add(same, resource);
		}
	}
	return import->keyed;
}

static void
plan_tf_add_resources(PlanTfImport *import, const char *module, const PlanTfRef *ref,
		      GPtrArray *out, GHashTable *seen)
{
	g_autofree char *group_key = g_strconcat(module, "\x1f", ref->target, NULL);
	GPtrArray *group;

	if (ref->key != NULL) {
		g_autofree char *instance_key = g_strconcat(group_key, "\x1f", ref->key, NULL);
		group = g_hash_table_lookup(plan_tf_keyed(import), instance_key);
	} else {
		group = g_hash_table_lookup(import->groups, group_key);
	}
	for (guint i = 0; group != NULL && i < group->len; i++)
		plan_tf_add_unique(out, seen, g_ptr_array_index(group, i));
}

/* the resources an expression refers to, evaluated in module instance @module.
 * Returns: (transfer container) */
static GPtrArray *
plan_tf_resolve_expression(PlanTfImport *import, const char *module, const cJSON *expression,
			   const cJSON *for_each, const char *path, guint *hints)
{
	GPtrArray *out = g_ptr_array_new();
	g_autoptr(GHashTable) seen = g_hash_table_new(NULL, NULL);
	g_autoptr(GPtrArray) refs =
	    g_ptr_array_new_with_free_func((GDestroyNotify)plan_tf_ref_free);
	const cJSON *references = cJSON_GetObjectItemCaseSensitive(expression, "references");

	if (!cJSON_IsObject(expression) || !cJSON_IsArray(references))
		return out;
	for (const cJSON *item = references->child; item != NULL; item = item->next) {
		if (!cJSON_IsString(item))
			continue;
		/* over the budget, nothing more is followed and the import fails at its end */
		if (import->n_references > PLAN_TF_MAX_REFERENCES)
			return out;
		import->n_references++;
		g_ptr_array_add(refs, plan_tf_ref_parse(item->valuestring));
	}
	plan_tf_refs_drop_redundant(refs);
	for (guint i = 0; i < refs->len; i++) {
		PlanTfRef *ref = g_ptr_array_index(refs, i);
		GPtrArray *found = NULL;
		g_autoptr(GPtrArray) owned = NULL;
		g_autofree char *memo_key = NULL;

		if (ref->dropped)
			continue;
		switch (ref->kind) {
		case PLAN_TF_REF_RESOURCE:
			plan_tf_add_resources(import, module, ref, out, seen);
			break;
		case PLAN_TF_REF_OUTPUT:
			memo_key = g_strdup_printf("o:%s[%s].%s", ref->target,
						   ref->key != NULL ? ref->key : "", ref->output);
			found = plan_tf_memoised(import, module, ref, memo_key, expression, path,
						 plan_tf_resolve_output);
			break;
		case PLAN_TF_REF_VAR:
			if (module[0] == '\0')
				break; /* root variables hold known values, not resources */
			memo_key = g_strdup_printf("v:%s", ref->target);
			found = plan_tf_memoised(import, module, ref, memo_key, expression, path,
						 plan_tf_resolve_var);
			break;
		case PLAN_TF_REF_EACH:
			if (hints != NULL)
				*hints |= PLAN_TF_HINT_EACH;
			if (for_each != NULL) {
				import->depth++;
				if (import->depth < PLAN_TF_MAX_REFERENCE_DEPTH)
					owned = plan_tf_resolve_expression(import, module, for_each,
									   NULL, path, NULL);
				import->depth--;
				found = owned;
			}
			break;
		case PLAN_TF_REF_COUNT:
			if (hints != NULL)
				*hints |= PLAN_TF_HINT_COUNT;
			break;
		case PLAN_TF_REF_MODULE:
		case PLAN_TF_REF_OTHER:
		default:
			break;
		}
		for (guint j = 0; found != NULL && j < found->len; j++)
			plan_tf_add_unique(out, seen, g_ptr_array_index(found, j));
	}
	return out;
}

/* ---- links ----------------------------------------------------------------------------------- */

static gboolean
plan_tf_wants_type(const char *const *types, const char *type)
{
	for (guint i = 0; types[i] != NULL; i++) {
		if (strcmp(types[i], type) == 0)
			return TRUE;
	}
	return FALSE;
}

PlanTfResource *
tf_lookup_id(PlanTfImport *import, const char *id, const char *const *types)
{
	for (guint i = 0; types[i] != NULL; i++) {
		g_autofree char *key = g_strconcat(types[i], "\x1f", id, NULL);
		PlanTfResource *resource = g_hash_table_lookup(import->by_id, key);
		if (resource != NULL)
			return resource;
	}
	return NULL;
}

static PlanTfResource *
plan_tf_lookup_known(PlanTfImport *import, const char *text, const char *const *types,
		     PlanTfLinkFlags flags)
{
	PlanTfResource *resource = tf_lookup_id(import, text, types);

	if (resource != NULL)
		return resource;
	if (flags & PLAN_TF_LINK_BY_NAME) {
		for (guint i = 0; types[i] != NULL; i++) {
			g_autofree char *key = g_strconcat(types[i], "\x1f", text, NULL);
			resource = g_hash_table_lookup(import->by_name, key);
			if (resource != NULL)
				return resource;
		}
	}
	return NULL;
}

/* data "aws_subnets" and "aws_subnet_ids" stand for the subnets whose ids they list */
static void
plan_tf_expand_id_lists(PlanTfImport *import, PlanTfResource *resource, const char *const *types,
			GPtrArray *out, GHashTable *seen)
{
	const cJSON *ids = tf_value(resource, "ids");

	for (const cJSON *id = cJSON_IsArray(ids) ? ids->child : NULL; id != NULL; id = id->next) {
		PlanTfResource *target =
		    cJSON_IsString(id) ? plan_tf_lookup_known(import, id->valuestring, types, 0)
				       : NULL;
		if (target != NULL)
			plan_tf_add_unique(out, seen, target);
	}
}

static char *
plan_tf_references_text(const cJSON *expression)
{
	const cJSON *references = cJSON_GetObjectItemCaseSensitive(expression, "references");
	GString *out = g_string_new(NULL);
	guint n = 0;

	for (const cJSON *item = cJSON_IsArray(references) ? references->child : NULL; item != NULL;
	     item = item->next) {
		if (!cJSON_IsString(item))
			continue;
		if (n < 3)
			g_string_append_printf(out, "%s%s", n > 0 ? ", " : "", item->valuestring);
		n++;
	}
	if (n > 3)
		g_string_append_printf(out, " and %u more", n - 3);
	return g_string_free(out, FALSE);
}

/* for a single target among several: the one count.index or each.key picks */
static PlanTfResource *
plan_tf_pick(PlanTfResource *from, GPtrArray *candidates, guint hints)
{
	if ((hints & PLAN_TF_HINT_COUNT) && from->has_key && !from->key_is_string)
		/* element(list, count.index) wraps around */
		return g_ptr_array_index(candidates, (guint)(from->key_number % candidates->len));
	if (hints & PLAN_TF_HINT_EACH) {
		g_autoptr(GPtrArray) segments = tf_segments_parse(from->module);
		g_autofree char *module_key = NULL;
		const char *key = from->has_key && from->key_is_string ? from->key_string : NULL;
		PlanTfResource *match = NULL;
		guint n_match = 0;

		if (key == NULL && segments != NULL && segments->len >= 2) {
			PlanTfSegment *call = g_ptr_array_index(segments, segments->len - 1);
			g_autoptr(cJSON) parsed = call->key != NULL ? cJSON_Parse(call->key) : NULL;
			if (cJSON_IsString(parsed))
				key = module_key = g_strdup(parsed->valuestring);
		}
		for (guint i = 0; key != NULL && i < candidates->len; i++) {
			PlanTfResource *candidate = g_ptr_array_index(candidates, i);
			if (candidate->has_key && candidate->key_is_string &&
			    strcmp(candidate->key_string, key) == 0) {
				match = candidate;
				n_match++;
			}
		}
		if (n_match == 1)
			return match;
	}
	return NULL;
}

GPtrArray *
tf_link_nodes(PlanTfImport *import, PlanTfResource *from, const char *what, const cJSON *value,
		   gboolean unknown, const cJSON *expression, const char *const *types,
		   PlanTfLinkFlags flags, PlanTfLinkStatus *status)
{
	GPtrArray *out = g_ptr_array_new();
	g_autoptr(GHashTable) seen = g_hash_table_new(NULL, NULL);
	g_autoptr(GPtrArray) missing = g_ptr_array_new();
	g_autofree char *references = plan_tf_references_text(expression);
	gboolean quiet = (flags & PLAN_TF_LINK_QUIET) != 0;
	gboolean inferred = FALSE;
	guint hints = 0;

	/* known ids (or names) first */
	if (cJSON_IsString(value) && value->valuestring[0] != '\0') {
		PlanTfResource *target =
		    plan_tf_lookup_known(import, value->valuestring, types, flags);
		if (target != NULL)
			plan_tf_add_unique(out, seen, target);
		else
			g_ptr_array_add(missing, value->valuestring);
	} else if (cJSON_IsArray(value) && !(flags & PLAN_TF_LINK_MANY)) {
		g_autofree char *from_path = tf_resource_path(from);
		g_autofree char *path = g_strdup_printf("%s.values.%s", from_path, what);
		tf_problem(import, value, path, "expected a string, got an array");
	} else if (cJSON_IsArray(value)) {
		for (const cJSON *item = value->child; item != NULL; item = item->next) {
			PlanTfResource *target;
			if (cJSON_IsNull(item)) {
				unknown = TRUE;
				continue;
			}
			if (!cJSON_IsString(item)) {
				g_autofree char *from_path = tf_resource_path(from);
				g_autofree char *path =
				    g_strdup_printf("%s.values.%s", from_path, what);
				tf_problem(import, item, path,
						"expected a list of strings, got %s in it",
						plan_json_type_name(item));
				continue;
			}
			target = plan_tf_lookup_known(import, item->valuestring, types, flags);
			if (target != NULL)
				plan_tf_add_unique(out, seen, target);
			else
				g_ptr_array_add(missing, item->valuestring);
		}
	} else if (value != NULL && !cJSON_IsString(value)) {
		g_autofree char *from_path = tf_resource_path(from);
		g_autofree char *path = g_strdup_printf("%s.values.%s", from_path, what);
		tf_problem(import, value, path, "expected %s, got %s",
				(flags & PLAN_TF_LINK_MANY) ? "a list of strings" : "a string",
				plan_json_type_name(value));
	}

	/* then what the configuration refers to, for values known only after apply */
	if (unknown || (value == NULL && references[0] != '\0')) {
		const cJSON *for_each = cJSON_GetObjectItemCaseSensitive(
		    plan_tf_resource_config_node(import, from), "for_each_expression");
		g_autofree char *path = g_strdup_printf("%s (%s)", from->source, what);
		g_autoptr(GPtrArray) found = NULL;

		if (expression == NULL && unknown && from->module[0] != '\0') {
			/* set in a dynamic block: all the configuration shows is what the module
			 * receives from its call */
			PlanTfRef ref = {.kind = PLAN_TF_REF_OTHER, .text = what};
			GPtrArray *inputs = plan_tf_memoised(import, from->module, &ref, "i", NULL,
							     path, plan_tf_resolve_inputs);
			found = g_ptr_array_new();
			for (guint i = 0; inputs != NULL && i < inputs->len; i++)
				g_ptr_array_add(found, g_ptr_array_index(inputs, i));
			inferred = TRUE;
		} else {
			found = plan_tf_resolve_expression(import, from->module, expression,
							   for_each, path, &hints);
		}
		for (guint i = 0; i < found->len; i++) {
			PlanTfResource *target = g_ptr_array_index(found, i);
			if (plan_tf_wants_type(types, target->type))
				plan_tf_add_unique(out, seen, target);
			else if (strcmp(target->type, "aws_subnets") == 0 ||
				 strcmp(target->type, "aws_subnet_ids") == 0)
				plan_tf_expand_id_lists(import, target, types, out, seen);
		}
	}

	if (!(flags & PLAN_TF_LINK_MANY) && out->len > 1) {
		PlanTfResource *picked = inferred ? NULL : plan_tf_pick(from, out, hints);
		if (picked == NULL) {
			if (!quiet)
				tf_finding(
				    import, PLAN_SEVERITY_WARNING, "import-unresolved", from,
				    "%s of %s could be any of %u resources (%s, %s, ...); "
				    "none is used",
				    what, from->source, out->len,
				    ((PlanTfResource *)g_ptr_array_index(out, 0))->source,
				    ((PlanTfResource *)g_ptr_array_index(out, 1))->source);
			g_ptr_array_set_size(out, 0);
			*status = PLAN_TF_LINK_UNRESOLVED;
			return out;
		}
		g_ptr_array_set_size(out, 0);
		g_ptr_array_add(out, picked);
	}

	if (inferred && out->len > 0 && !quiet)
		tf_finding(
		    import, PLAN_SEVERITY_NOTE, "import-inferred", from,
		    "%s of %s is set where the plan's configuration shows no expression "
		    "(a dynamic block); taken from what %s receives: %u %s",
		    what, from->source, from->module, out->len, types[0]);
	if (out->len > 0 && missing->len == 0) {
		*status = PLAN_TF_LINK_FOUND;
		return out;
	}
	/* unknown, but the configuration does not set it: a value the provider computes */
	if (out->len == 0 && missing->len == 0 && references[0] == '\0' &&
	    (!unknown || (expression == NULL && tf_resource_config(import, from) != NULL))) {
		*status = PLAN_TF_LINK_NONE;
		return out;
	}
	*status = out->len > 0 ? PLAN_TF_LINK_FOUND : PLAN_TF_LINK_UNRESOLVED;
	if (quiet)
		return out;
	if (missing->len > 0) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", from,
				"%s of %s refers to '%s'%s, which %s not in the plan as %s", what,
				from->source, (const char *)g_ptr_array_index(missing, 0),
				missing->len > 1 ? " and others" : "",
				missing->len > 1 ? "are" : "is", types[0]);
	} else if (references[0] != '\0') {
		tf_finding(
		    import, PLAN_SEVERITY_WARNING, "import-unresolved", from,
		    "%s of %s is known only after apply, and its references (%s) lead to "
		    "no %s in the plan",
		    what, from->source, references, types[0]);
	} else {
		tf_finding(
		    import, PLAN_SEVERITY_WARNING, "import-unresolved", from,
		    "%s of %s is known only after apply, and the plan's configuration does "
		    "not describe %s",
		    what, from->source, from->source);
	}
	return out;
}

GPtrArray *
tf_link(PlanTfImport *import, PlanTfResource *from, const char *attribute,
	     const char *const *types, PlanTfLinkFlags flags, PlanTfLinkStatus *status)
{
	return tf_link_nodes(import, from, attribute, tf_value(from, attribute),
				  tf_unknown(from, attribute),
				  tf_expression(import, from, attribute), types, flags,
				  status);
}

PlanTfResource *
tf_link_one(PlanTfImport *import, PlanTfResource *from, const char *attribute,
		 const char *const *types, PlanTfLinkFlags flags)
{
	PlanTfLinkStatus status;
	g_autoptr(GPtrArray) found = tf_link(import, from, attribute, types, flags, &status);
	return found->len > 0 ? g_ptr_array_index(found, 0) : NULL;
}

guint
tf_block_count(const PlanTfResource *resource, PlanTfImport *import, const char *attribute)
{
	const cJSON *value = tf_value(resource, attribute);
	const cJSON *expression = tf_expression(import, resource, attribute);
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
