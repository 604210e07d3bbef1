/* the resolution of references: which resources an expression of the configuration refers
 * to, evaluated in one module instance, through module calls (var.x -> the call's argument in
 * the parent module) and module outputs (module.vpc.private_subnets -> the output's expression
 * in the child). Results are memoised per (module instance, reference), which keeps a
 * 20,000-resource plan linear and turns a reference cycle into a problem instead of endless
 * recursion. Above the expression parser (import-terraform-expr.c) and the configuration
 * (import-terraform-config.c) */
#include "import-terraform-private.h"

#include <string.h>

static char *
plan_tf_where_text(const PlanTfWhere *where)
{
	GString *text = g_string_new(NULL);

	for (guint i = 0; i < G_N_ELEMENTS(where->parts) && where->parts[i] != NULL; i++)
		g_string_append(text, where->parts[i]);
	return g_string_free(text, FALSE);
}

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

void
tf_set_add(PlanTfSet *set, gpointer resource)
{
	if (set->seen == NULL) {
		for (guint i = 0; i < set->out->len; i++) {
			if (g_ptr_array_index(set->out, i) == resource)
				return;
		}
		g_ptr_array_add(set->out, resource);
		if (set->out->len > PLAN_TF_SET_SCAN) {
			set->seen = g_hash_table_new(NULL, NULL);
			for (guint i = 0; i < set->out->len; i++)
				g_hash_table_add(set->seen, g_ptr_array_index(set->out, i));
		}
		return;
	}
	if (g_hash_table_add(set->seen, resource))
		g_ptr_array_add(set->out, resource);
}

void
tf_set_clear(PlanTfSet *set)
{
	g_clear_pointer(&set->seen, g_hash_table_unref);
}

typedef GPtrArray *(*PlanTfResolveFunc)(PlanTfImport *import, const char *module,
					const PlanTfRef *ref, const PlanTfWhere *where);

/* runs @func once per (module, memo key); a second visit while the first is under way is a
 * cycle. Returns: (transfer none) */
static GPtrArray *
plan_tf_memoised(PlanTfImport *import, const char *module, const PlanTfRef *ref,
		 const char *memo_key, const cJSON *node, const PlanTfWhere *where,
		 PlanTfResolveFunc func)
{
	GHashTable *memo = plan_tf_memo(import);
	GString *scratch = import->scratch;
	GPtrArray *result;
	char *key;

	g_string_truncate(scratch, 0);
	g_string_append(scratch, module);
	g_string_append_c(scratch, '\x1f');
	g_string_append(scratch, memo_key);
	result = g_hash_table_lookup(memo, scratch->str);
	if (result == &plan_tf_in_progress) {
		g_autofree char *path = plan_tf_where_text(where);
		tf_problem(import, node, path, "reference cycle: '%s' in %s leads back to itself",
			   ref->text, module[0] != '\0' ? module : "the root module");
		return NULL;
	}
	if (result != NULL)
		return result;
	if (import->depth >= PLAN_TF_MAX_REFERENCE_DEPTH) {
		g_autofree char *path = plan_tf_where_text(where);
		tf_problem(import, node, path, "references nested more than %u levels deep at '%s'",
			   PLAN_TF_MAX_REFERENCE_DEPTH, ref->text);
		return NULL;
	}
	/* the scratch buffer is reused below: the key is copied first */
	key = g_strndup(scratch->str, scratch->len);
	g_hash_table_insert(memo, g_strdup(key), &plan_tf_in_progress);
	import->depth++;
	result = func(import, module, ref, where);
	import->depth--;
	g_hash_table_insert(memo, key, result);
	return result;
}

static GPtrArray *
plan_tf_resolve_output(PlanTfImport *import, const char *module, const PlanTfRef *ref,
		       const PlanTfWhere *where)
{
	PlanTfSet result = {g_ptr_array_new(), NULL};
	g_autofree char *children_key = g_strconcat(module, "\x1f", ref->target, NULL);
	GPtrArray *instances = g_hash_table_lookup(import->children, children_key);
	g_autofree char *wanted = NULL;

	if (ref->key != NULL)
		wanted = g_strconcat(module, module[0] != '\0' ? "." : "", "module.", ref->target,
				     "[", ref->key, "]", NULL);
	for (guint i = 0; instances != NULL && i < instances->len; i++) {
		const char *instance = g_ptr_array_index(instances, i);
		PlanTfModuleConfig *config;
		const cJSON *output;
		PlanTfWhere output_where = {{NULL}};
		g_autoptr(GPtrArray) found = NULL;

		if (wanted != NULL && strcmp(instance, wanted) != 0)
			continue;
		config = tf_module_config(import, instance);
		if (config == NULL || config->outputs == NULL)
			continue;
		output = cJSON_GetObjectItemCaseSensitive(config->outputs, ref->output);
		output_where =
		    (PlanTfWhere){{config->path, ".outputs.", ref->output, ".expression", NULL}};
		found = tf_resolve_expression(
		    import, instance, cJSON_GetObjectItemCaseSensitive(output, "expression"), NULL,
		    &output_where, NULL);
		for (guint j = 0; j < found->len; j++)
			tf_set_add(&result, g_ptr_array_index(found, j));
	}
	tf_set_clear(&result);
	return result.out;
}

/* the call that made module instance @module, in its parent's configuration (@parent_config);
 * its node's string is the call's name */
static const cJSON *
plan_tf_module_call(PlanTfImport *import, const char *module, char **parent,
		    PlanTfModuleConfig **parent_config)
{
	g_autoptr(GPtrArray) segments = tf_segments_parse(module);
	g_autoptr(GString) up = g_string_new(NULL);
	PlanTfModuleConfig *config;
	const char *call_name;
	const cJSON *call;

	*parent = NULL;
	if (segments == NULL || segments->len < 2 || segments->len % 2 != 0)
		return NULL;
	for (guint i = 0; i + 2 < segments->len; i += 2) {
		PlanTfSegment *segment = g_ptr_array_index(segments, i + 1);
		if (up->len > 0)
			g_string_append_c(up, '.');
		g_string_append(up, "module.");
		g_string_append(up, segment->name);
		if (segment->key != NULL) {
			g_string_append_c(up, '[');
			g_string_append(up, segment->key);
			g_string_append_c(up, ']');
		}
	}
	call_name = ((PlanTfSegment *)g_ptr_array_index(segments, segments->len - 1))->name;
	config = tf_module_config(import, up->str);
	if (config == NULL || config->calls == NULL)
		return NULL;
	call = cJSON_GetObjectItemCaseSensitive(config->calls, call_name);
	if (call == NULL)
		return NULL;
	*parent = g_strdup(up->str);
	*parent_config = config;
	return call;
}

static GPtrArray *
plan_tf_resolve_var(PlanTfImport *import, const char *module, const PlanTfRef *ref,
		    const PlanTfWhere *where)
{
	g_autofree char *parent = NULL;
	PlanTfModuleConfig *parent_config = NULL;
	const cJSON *call = plan_tf_module_call(import, module, &parent, &parent_config);
	const cJSON *expression;
	PlanTfWhere var_where = {{NULL}};

	if (call == NULL)
		return g_ptr_array_new();
	expression = tf_walk(cJSON_GetObjectItemCaseSensitive(call, "expressions"), ref->target);
	var_where = (PlanTfWhere){{parent_config->path, ".module_calls.", call->string,
				   ".expressions.", ref->target, NULL}};
	/* each.value in the call's arguments stands for its for_each, evaluated in the parent */
	return tf_resolve_expression(import, parent, expression,
				     cJSON_GetObjectItemCaseSensitive(call, "for_each_expression"),
				     &var_where, NULL);
}

/* everything a module instance receives from its call: for attributes set where the
 * configuration shows no expression (dynamic blocks) */
static GPtrArray *
plan_tf_resolve_inputs(PlanTfImport *import, const char *module, const PlanTfRef *ref,
		       const PlanTfWhere *where)
{
	PlanTfSet result = {g_ptr_array_new(), NULL};
	g_autofree char *parent = NULL;
	PlanTfModuleConfig *parent_config = NULL;
	const cJSON *call = plan_tf_module_call(import, module, &parent, &parent_config);
	const cJSON *expressions = cJSON_GetObjectItemCaseSensitive(call, "expressions");

	for (const cJSON *item = cJSON_IsObject(expressions) ? expressions->child : NULL;
	     item != NULL; item = item->next) {
		PlanTfWhere input_where = {{parent_config->path, ".module_calls.", call->string,
					    ".expressions.", item->string, NULL}};
		g_autoptr(GPtrArray) found = tf_resolve_expression(
		    import, parent, item,
		    cJSON_GetObjectItemCaseSensitive(call, "for_each_expression"), &input_where,
		    NULL);
		for (guint j = 0; j < found->len; j++)
			tf_set_add(&result, g_ptr_array_index(found, j));
	}
	tf_set_clear(&result);
	return result.out;
}

GPtrArray *
tf_module_inputs(PlanTfImport *import, const char *module, const char *what,
		 const PlanTfWhere *where)
{
	PlanTfRef ref = {.kind = PLAN_TF_REF_OTHER, .text = what};

	return plan_tf_memoised(import, module, &ref, "i", NULL, where, plan_tf_resolve_inputs);
}

/* the instances of every group by key: a keyed reference is one lookup, not a scan of its
 * group (64k references into a group of 64k instances were 4 billion comparisons) */
static GHashTable *
plan_tf_keyed(PlanTfImport *import)
{
	g_autoptr(GString) instance_key = NULL;
	GHashTableIter iter;
	gpointer group_key;
	gpointer members;

	if (import->keyed != NULL)
		return import->keyed;
	import->keyed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      (GDestroyNotify)g_ptr_array_unref);
	instance_key = g_string_new(NULL);
	g_hash_table_iter_init(&iter, import->groups);
	while (g_hash_table_iter_next(&iter, &group_key, &members)) {
		const GPtrArray *group = members;
		for (guint i = 0; i < group->len; i++) {
			PlanTfResource *resource = g_ptr_array_index(group, i);
			GPtrArray *same;
			if (!resource->has_key)
				continue;
			g_string_assign(instance_key, group_key);
			g_string_append_c(instance_key, '\x1f');
			if (resource->key_is_string)
				tf_key_append_string(instance_key, resource->key_string);
			else
				tf_key_append_number(instance_key, resource->key_number);
			same = g_hash_table_lookup(import->keyed, instance_key->str);
			if (same == NULL) {
				same = g_ptr_array_new();
				g_hash_table_insert(import->keyed,
						    g_strndup(instance_key->str, instance_key->len),
						    same);
			}
			g_ptr_array_add(same, resource);
		}
	}
	return import->keyed;
}

static void
plan_tf_add_resources(PlanTfImport *import, const char *module, const PlanTfRef *ref,
		      PlanTfSet *out)
{
	GHashTable *keyed = ref->key != NULL ? plan_tf_keyed(import) : NULL;
	GString *scratch = import->scratch;
	GPtrArray *group;

	g_string_truncate(scratch, 0);
	g_string_append(scratch, module);
	g_string_append_c(scratch, '\x1f');
	g_string_append(scratch, ref->target);
	if (ref->key != NULL) {
		g_string_append_c(scratch, '\x1f');
		g_string_append(scratch, ref->key);
		group = g_hash_table_lookup(keyed, scratch->str);
	} else {
		group = g_hash_table_lookup(import->groups, scratch->str);
	}
	for (guint i = 0; group != NULL && i < group->len; i++)
		tf_set_add(out, g_ptr_array_index(group, i));
}

/* the resources an expression refers to, evaluated in module instance @module.
 * Returns: (transfer container) */
GPtrArray *
tf_resolve_expression(PlanTfImport *import, const char *module, const cJSON *expression,
		      const cJSON *for_each, const PlanTfWhere *where, guint *hints)
{
	PlanTfSet out = {g_ptr_array_new(), NULL};
	const PlanTfExpression *parsed = tf_expression_refs(import, expression);

	if (parsed == NULL)
		return out.out;
	/* over the budget, nothing more is followed and the import fails at its end */
	if (import->n_references + parsed->n_strings > PLAN_TF_MAX_REFERENCES + 1u) {
		import->n_references = MAX(import->n_references, PLAN_TF_MAX_REFERENCES + 1u);
		return out.out;
	}
	import->n_references += parsed->n_strings;
	for (guint i = 0; i < parsed->refs->len; i++) {
		const PlanTfRef *ref = g_ptr_array_index(parsed->refs, i);
		GPtrArray *found = NULL;
		g_autoptr(GPtrArray) owned = NULL;

		switch (ref->kind) {
		case PLAN_TF_REF_RESOURCE:
			plan_tf_add_resources(import, module, ref, &out);
			break;
		case PLAN_TF_REF_OUTPUT:
			found = plan_tf_memoised(import, module, ref, ref->memo_key, expression,
						 where, plan_tf_resolve_output);
			break;
		case PLAN_TF_REF_VAR:
			if (module[0] == '\0')
				break; /* root variables hold known values, not resources */
			found = plan_tf_memoised(import, module, ref, ref->memo_key, expression,
						 where, plan_tf_resolve_var);
			break;
		case PLAN_TF_REF_EACH:
			if (hints != NULL)
				*hints |= PLAN_TF_HINT_EACH;
			if (for_each != NULL) {
				import->depth++;
				if (import->depth < PLAN_TF_MAX_REFERENCE_DEPTH)
					owned = tf_resolve_expression(import, module, for_each,
								      NULL, where, NULL);
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
			tf_set_add(&out, g_ptr_array_index(found, j));
	}
	tf_set_clear(&out);
	return out.out;
}
