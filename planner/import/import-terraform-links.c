/* links between Terraform resources. A known id or ARN in the values links directly. In a
 * plan, most ids are unknown until apply; the configuration's references then say which
 * resources an attribute points at (import-terraform-resolve.c), and count.index or each.key
 * picks one among several. Unresolved links become import-unresolved findings */
#include "import-terraform-private.h"

#include <string.h>

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
			PlanTfSet *out)
{
	const cJSON *ids = tf_value(resource, "ids");

	for (const cJSON *id = cJSON_IsArray(ids) ? ids->child : NULL; id != NULL; id = id->next) {
		PlanTfResource *target =
		    cJSON_IsString(id) ? plan_tf_lookup_known(import, id->valuestring, types, 0)
				       : NULL;
		if (target != NULL)
			tf_set_add(out, target);
	}
}

/* the first three references of @expression and how many more: for a message */
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
	PlanTfSet set = {g_ptr_array_new(), NULL};
	GPtrArray *out = set.out;
	/* the values the plan knows that name nothing in it: the first, and whether more */
	const char *missing = NULL;
	guint n_missing = 0;
	const PlanTfExpression *parsed = tf_expression_refs(import, expression);
	/* the expression lists references (its text is made only for a message) */
	gboolean referenced = parsed != NULL && parsed->n_strings > 0;
	gboolean quiet = (flags & PLAN_TF_LINK_QUIET) != 0;
	gboolean inferred = FALSE;
	guint hints = 0;

	/* known ids (or names) first */
	if (cJSON_IsString(value) && value->valuestring[0] != '\0') {
		PlanTfResource *target =
		    plan_tf_lookup_known(import, value->valuestring, types, flags);
		if (target != NULL)
			tf_set_add(&set, target);
		else if (n_missing++ == 0)
			missing = value->valuestring;
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
				tf_set_add(&set, target);
			else if (n_missing++ == 0)
				missing = item->valuestring;
		}
	} else if (value != NULL && !cJSON_IsString(value)) {
		g_autofree char *from_path = tf_resource_path(from);
		g_autofree char *path = g_strdup_printf("%s.values.%s", from_path, what);
		tf_problem(import, value, path, "expected %s, got %s",
			   (flags & PLAN_TF_LINK_MANY) ? "a list of strings" : "a string",
			   plan_json_type_name(value));
	}

	/* then what the configuration refers to, for values known only after apply */
	if (unknown || (value == NULL && referenced)) {
		const cJSON *for_each = cJSON_GetObjectItemCaseSensitive(
		    tf_resource_config_node(import, from), "for_each_expression");
		PlanTfWhere where = {{from->source, " (", what, ")", NULL}};
		g_autoptr(GPtrArray) found = NULL;

		if (expression == NULL && unknown && from->module[0] != '\0') {
			/* set in a dynamic block: all the configuration shows is what the module
			 * receives from its call */
			GPtrArray *inputs = tf_module_inputs(import, from->module, what, &where);
			found = g_ptr_array_new();
			for (guint i = 0; inputs != NULL && i < inputs->len; i++)
				g_ptr_array_add(found, g_ptr_array_index(inputs, i));
			inferred = TRUE;
		} else {
			found = tf_resolve_expression(import, from->module, expression, for_each,
						      &where, &hints);
		}
		for (guint i = 0; i < found->len; i++) {
			PlanTfResource *target = g_ptr_array_index(found, i);
			if (plan_tf_wants_type(types, target->type))
				tf_set_add(&set, target);
			else if (strcmp(target->type, "aws_subnets") == 0 ||
				 strcmp(target->type, "aws_subnet_ids") == 0)
				plan_tf_expand_id_lists(import, target, types, &set);
		}
	}

	if (!(flags & PLAN_TF_LINK_MANY) && out->len > 1) {
		PlanTfResource *picked = inferred ? NULL : plan_tf_pick(from, out, hints);
		if (picked == NULL) {
			if (!quiet)
				tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", from,
					   "%s of %s could be any of %u resources (%s, %s, ...); "
					   "none is used",
					   what, from->source, out->len,
					   ((PlanTfResource *)g_ptr_array_index(out, 0))->source,
					   ((PlanTfResource *)g_ptr_array_index(out, 1))->source);
			g_ptr_array_set_size(out, 0);
			*status = PLAN_TF_LINK_UNRESOLVED;
			tf_set_clear(&set);
			return out;
		}
		g_ptr_array_set_size(out, 0);
		g_ptr_array_add(out, picked);
	}

	if (inferred && out->len > 0 && !quiet)
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-inferred", from,
			   "%s of %s is set where the plan's configuration shows no expression "
			   "(a dynamic block); taken from what %s receives: %u %s",
			   what, from->source, from->module, out->len, types[0]);
	tf_set_clear(&set);
	if (out->len > 0 && n_missing == 0) {
		*status = PLAN_TF_LINK_FOUND;
		return out;
	}
	/* unknown, but the configuration does not set it: a value the provider computes */
	if (out->len == 0 && n_missing == 0 && !referenced &&
	    (!unknown || (expression == NULL && tf_resource_config(import, from) != NULL))) {
		*status = PLAN_TF_LINK_NONE;
		return out;
	}
	*status = out->len > 0 ? PLAN_TF_LINK_FOUND : PLAN_TF_LINK_UNRESOLVED;
	if (quiet)
		return out;
	if (n_missing > 0) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", from,
			   "%s of %s refers to '%s'%s, which %s not in the plan as %s", what,
			   from->source, missing, n_missing > 1 ? " and others" : "",
			   n_missing > 1 ? "are" : "is", types[0]);
	} else if (referenced) {
		g_autofree char *references = plan_tf_references_text(expression);
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", from,
			   "%s of %s is known only after apply, and its references (%s) lead to "
			   "no %s in the plan",
			   what, from->source, references, types[0]);
	} else {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", from,
			   "%s of %s is known only after apply, and the plan's configuration does "
			   "not describe %s",
			   what, from->source, from->source);
	}
	return out;
}

GPtrArray *
tf_link(PlanTfImport *import, PlanTfResource *from, const char *attribute, const char *const *types,
	PlanTfLinkFlags flags, PlanTfLinkStatus *status)
{
	return tf_link_nodes(import, from, attribute, tf_value(from, attribute),
			     tf_unknown(from, attribute), tf_expression(import, from, attribute),
			     types, flags, status);
}

PlanTfResource *
tf_link_one(PlanTfImport *import, PlanTfResource *from, const char *attribute,
	    const char *const *types, PlanTfLinkFlags flags)
{
	PlanTfLinkStatus status;
	g_autoptr(GPtrArray) found = tf_link(import, from, attribute, types, flags, &status);
	return found->len > 0 ? g_ptr_array_index(found, 0) : NULL;
}
