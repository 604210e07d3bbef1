/* reading `terraform show -json` output into an index of resource instances: the cheap
 * detection scan, the values representations (planned_values, values, prior_state) at any module
 * depth, resource_changes (actions, after_unknown), and the lookup tables the mappers use
 * (address, id, name, type, module instance). Only the shapes the importer relies on are
 * checked; unknown keys are ignored, as the format's documentation asks. */
#include "import-terraform-private.h"

#include <math.h>
#include <string.h>

void
tf_vpc_free(PlanTfVpc *vpc)
{
	g_hash_table_unref(vpc->subnet_names);
	g_hash_table_unref(vpc->nat_names);
	g_hash_table_unref(vpc->lb_names);
	g_ptr_array_unref(vpc->subnet_records);
	g_free(vpc);
}

/* ---- the types the importer reads ------------------------------------------------------------ */

/* the types the importer reads; every other managed resource is listed as not modelled */
static const char *const managed_types[] = {
    "aws_vpc",
    "aws_default_vpc",
    "aws_vpc_ipv4_cidr_block_association",
    "aws_vpc_ipv6_cidr_block_association",
    "aws_subnet",
    "aws_default_subnet",
    "aws_internet_gateway",
    "aws_internet_gateway_attachment",
    "aws_eip",
    "aws_nat_gateway",
    "aws_route_table",
    "aws_default_route_table",
    "aws_route",
    "aws_route_table_association",
    "aws_main_route_table_association",
    "aws_vpc_endpoint",
    "aws_vpc_endpoint_route_table_association",
    "aws_vpc_endpoint_subnet_association",
    "aws_lb",
    "aws_alb",
    "aws_elb",
    "aws_lb_listener",
    "aws_alb_listener",
    "aws_lb_listener_rule",
    "aws_alb_listener_rule",
    "aws_lb_target_group",
    "aws_alb_target_group",
    "aws_ecs_cluster",
    "aws_ecs_cluster_capacity_providers",
    "aws_ecs_capacity_provider",
    "aws_ecs_service",
    "aws_ecs_task_definition",
    "aws_ecs_account_setting_default",
    "aws_appautoscaling_target",
    "aws_appautoscaling_policy",
    "aws_appautoscaling_scheduled_action",
    "aws_cloudwatch_metric_alarm",
    "aws_autoscaling_group",
    "aws_launch_template",
    "aws_launch_configuration",
    "aws_db_instance",
    "aws_db_subnet_group",
    "aws_rds_cluster",
    "aws_rds_cluster_instance",
    "aws_instance",
    "aws_cloudwatch_log_group",
    NULL,
};

static const char *const data_types[] = {
    "aws_vpc",
    "aws_subnet",
    "aws_subnets",
    "aws_subnet_ids",
    "aws_internet_gateway",
    "aws_nat_gateway",
    "aws_route_table",
    "aws_lb",
    "aws_alb",
    "aws_lb_listener",
    "aws_alb_listener",
    "aws_lb_target_group",
    "aws_alb_target_group",
    "aws_ecs_cluster",
    "aws_ecs_task_definition",
    NULL,
};

gboolean
tf_type_recognised(const char *type, gboolean data)
{
	const char *const *types = data ? data_types : managed_types;
	for (guint i = 0; types[i] != NULL; i++) {
		if (strcmp(types[i], type) == 0)
			return TRUE;
	}
	return FALSE;
}

/* ---- detection ------------------------------------------------------------------------------- */

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
	    "format_version", "planned_values",	   "values", "prior_state", "resource_changes",
	    "configuration",  "terraform_version",
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

/* ---- the import's records -------------------------------------------------------------------- */

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
tf_add_record(PlanTfImport *import, gpointer record, GDestroyNotify destroy)
{
	PlanTfRecord *entry = g_new(PlanTfRecord, 1);
	entry->record = record;
	entry->destroy = destroy;
	g_ptr_array_add(import->records, entry);
}

/* ---- reading the input ----------------------------------------------------------------------- */

static void
plan_tf_resource_free(PlanTfResource *resource)
{
	g_free(resource);
}

void
tf_import_clear(PlanTfImport *import)
{
	g_clear_pointer(&import->lines, plan_text_index_free);
	/* records point at resources: free them first */
	g_clear_pointer(&import->records, g_ptr_array_unref);
	g_clear_pointer(&import->vpcs, g_ptr_array_unref);
	g_clear_pointer(&import->memo, g_hash_table_unref);
	g_clear_pointer(&import->keyed, g_hash_table_unref);
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
	g_clear_pointer(&import->module_addresses, g_hash_table_unref);
	g_clear_pointer(&import->strings, g_string_chunk_free);
	if (import->scratch != NULL)
		g_string_free(g_steal_pointer(&import->scratch), TRUE);
}

static GHashTable *
plan_tf_string_set_new(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

void
tf_import_init(PlanTfImport *import, const char *file, const PlanImportOptions *options)
{
	import->file = file;
	import->options = options;
	import->resources = g_ptr_array_new_with_free_func((GDestroyNotify)plan_tf_resource_free);
	import->by_address = g_hash_table_new(g_str_hash, g_str_equal);
	import->by_type =
	    g_hash_table_new_full(g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
	import->groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					       (GDestroyNotify)g_ptr_array_unref);
	import->by_id = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	import->by_name = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	import->modules = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						(GDestroyNotify)tf_module_config_free);
	import->children = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
						 (GDestroyNotify)g_ptr_array_unref);
	import->instances = plan_tf_string_set_new();
	import->deleted = g_ptr_array_new();
	import->problems = g_ptr_array_new_with_free_func(g_free);
	import->problem_set = plan_tf_string_set_new();
	import->vpc_names = plan_tf_string_set_new();
	import->service_names = plan_tf_string_set_new();
	import->cluster_names = plan_tf_string_set_new();
	import->vpcs = g_ptr_array_new_with_free_func((GDestroyNotify)tf_vpc_free);
	import->records = g_ptr_array_new_with_free_func(plan_tf_record_free);
	import->model = plan_model_new();
	import->strings = g_string_chunk_new(64 * 1024);
	import->module_addresses = g_hash_table_new(g_str_hash, g_str_equal);
	import->scratch = g_string_sized_new(256);
}

/* "<list>[<index>]<suffix>": the JSON path of a list element (or of a member of one), made
 * only when a message needs it */
static char *
plan_tf_path(const char *list, guint index, const char *suffix)
{
	GString *path = g_string_new(list);

	g_string_append_c(path, '[');
	tf_key_append_number(path, index);
	g_string_append_c(path, ']');
	g_string_append(path, suffix);
	return g_string_free(path, FALSE);
}

/* appends "module.NAME[KEY]" for the module call segments of an address */
static void
plan_tf_append_call(GString *out, const PlanTfSegment *call)
{
	if (out->len > 0)
		g_string_append_c(out, '.');
	g_string_append(out, "module.");
	g_string_append(out, call->name);
	if (call->key != NULL) {
		g_string_append_c(out, '[');
		g_string_append(out, call->key);
		g_string_append_c(out, ']');
	}
}

/* the canonical form of a module instance address, or NULL (a problem at <list>[<index>]<suffix>)
 * when it is not one. Each address as written is parsed once: a plan repeats the same few
 * hundred in every resource change. Returns: (transfer none): in the import's strings */
static const char *
plan_tf_module_address(PlanTfImport *import, const cJSON *node, const char *list, guint index,
		       const char *suffix)
{
	g_autoptr(GPtrArray) segments = NULL;
	g_autoptr(GString) out = NULL;
	const char *known;
	char *canonical;

	if (!cJSON_IsString(node)) {
		g_autofree char *path = plan_tf_path(list, index, suffix);
		tf_problem(import, node, path,
				"expected a module address like \"module.vpc\", "
				"got %s",
				plan_json_type_name(node));
		return NULL;
	}
	known = g_hash_table_lookup(import->module_addresses, node->valuestring);
	if (known != NULL)
		return known;
	segments = tf_segments_parse(node->valuestring);
	if (segments == NULL || segments->len == 0 || segments->len % 2 != 0) {
		g_autofree char *path = plan_tf_path(list, index, suffix);
		tf_problem(import, node, path,
				"'%s' is not a module address like \"module.vpc\"",
				node->valuestring);
		return NULL;
	}
	out = g_string_new(NULL);
	for (guint i = 0; i < segments->len; i += 2) {
		PlanTfSegment *keyword = g_ptr_array_index(segments, i);
		if (strcmp(keyword->name, "module") != 0 || keyword->key != NULL) {
			g_autofree char *path = plan_tf_path(list, index, suffix);
			tf_problem(import, node, path,
					"'%s' is not a module address like \"module.vpc\"",
					node->valuestring);
			return NULL;
		}
		plan_tf_append_call(out, g_ptr_array_index(segments, i + 1));
	}
	canonical = g_string_chunk_insert_len(import->strings, out->str, (gssize)out->len);
	/* the key is the parse tree's text, which lives as long as the import */
	g_hash_table_insert(import->module_addresses, node->valuestring, canonical);
	return canonical;
}

static char *
plan_tf_parent_module(const char *module, char **call_name)
{
	g_autoptr(GPtrArray) segments = tf_segments_parse(module);
	g_autoptr(GString) parent = g_string_new(NULL);

	*call_name = NULL;
	if (segments == NULL || segments->len < 2)
		return NULL;
	for (guint i = 0; i + 2 < segments->len; i += 2)
		plan_tf_append_call(parent, g_ptr_array_index(segments, i + 1));
	*call_name =
	    g_strdup(((PlanTfSegment *)g_ptr_array_index(segments, segments->len - 1))->name);
	return g_strdup(parent->str);
}

void
tf_register_id(PlanTfImport *import, const char *id, PlanTfResource *resource)
{
	char *key;

	if (id == NULL || id[0] == '\0')
		return;
	/* by type too: a data "aws_subnet_ids" has its VPC's id as its own */
	key = g_strconcat(resource->type, "\x1f", id, NULL);
	if (g_hash_table_contains(import->by_id, key))
		g_free(key);
	else
		g_hash_table_insert(import->by_id, key, resource);
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
	    "id", "arn", "default_route_table_id", "main_route_table_id", "arn_without_revision",
	};
	const cJSON *values = resource->values;

	if (!cJSON_IsObject(values))
		return;
	for (guint i = 0; i < G_N_ELEMENTS(id_attributes); i++) {
		const cJSON *id = cJSON_GetObjectItemCaseSensitive(values, id_attributes[i]);
		if (cJSON_IsString(id))
			tf_register_id(import, id->valuestring, resource);
	}
	plan_tf_register_name(import, resource->type,
			      cJSON_GetObjectItemCaseSensitive(values, "name"), resource);
	/* an Aurora member names its cluster by identifier (the cluster's id in a state) */
	if (strcmp(resource->type, "aws_rds_cluster") == 0)
		plan_tf_register_name(import, resource->type,
				      cJSON_GetObjectItemCaseSensitive(values, "cluster_identifier"),
				      resource);
	if (strcmp(resource->type, "aws_ecs_task_definition") == 0) {
		const cJSON *family = cJSON_GetObjectItemCaseSensitive(values, "family");
		const cJSON *revision = cJSON_GetObjectItemCaseSensitive(values, "revision");
		plan_tf_register_name(import, resource->type, family, resource);
		if (cJSON_IsString(family) && cJSON_IsNumber(revision)) {
			g_autoptr(cJSON) both = NULL;
			g_autofree char *text =
			    g_strdup_printf("%s:%.0f", family->valuestring, revision->valuedouble);
			both = cJSON_CreateString(text);
			plan_tf_register_name(import, resource->type, both, resource);
		}
	}
}

/* the JSON path of the object being read: "<list>[<index>]", made only for a message */
typedef struct {
	const char *list;
	guint index;
} PlanTfPlace;

static const char *
plan_tf_required_string(PlanTfImport *import, const cJSON *object, const char *key,
			const PlanTfPlace *place)
{
	const cJSON *node = cJSON_GetObjectItemCaseSensitive(object, key);

	if (node == NULL) {
		g_autofree char *path = plan_tf_path(place->list, place->index, "");
		tf_problem(import, object, path, "missing '%s'", key);
		return NULL;
	}
	if (!cJSON_IsString(node) || node->valuestring[0] == '\0') {
		g_autofree char *where = NULL;
		g_autofree char *suffix = g_strconcat(".", key, NULL);
		where = plan_tf_path(place->list, place->index, suffix);
		tf_problem(import, node, where, "expected a non-empty string, got %s",
				cJSON_IsString(node) ? "an empty string" : plan_json_type_name(node));
		return NULL;
	}
	return node->valuestring;
}

/* reads mode, type, name and index; FALSE (with problems) when one is missing or mistyped */
static gboolean
plan_tf_read_identity(PlanTfImport *import, const cJSON *object, const PlanTfPlace *place,
		      PlanTfResource *resource)
{
	const cJSON *mode = cJSON_GetObjectItemCaseSensitive(object, "mode");
	const cJSON *index = cJSON_GetObjectItemCaseSensitive(object, "index");
	gboolean ok = TRUE;

	resource->type = plan_tf_required_string(import, object, "type", place);
	resource->name = plan_tf_required_string(import, object, "name", place);
	ok = resource->type != NULL && resource->name != NULL;
	if (mode != NULL) {
		if (cJSON_IsString(mode) && strcmp(mode->valuestring, "data") == 0) {
			resource->data = TRUE;
		} else if (!cJSON_IsString(mode) || strcmp(mode->valuestring, "managed") != 0) {
			g_autofree char *mode_path = plan_tf_path(place->list, place->index, ".mode");
			tf_problem(
			    import, mode, mode_path, "expected \"managed\" or \"data\", got %s",
			    cJSON_IsString(mode) ? mode->valuestring : plan_json_type_name(mode));
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
			g_autofree char *index_path =
			    plan_tf_path(place->list, place->index, ".index");
			tf_problem(import, index, index_path,
					"expected a count index (a whole number) or a for_each "
					"key (a string), got %s",
					cJSON_IsNumber(index) ? "another number"
							      : plan_json_type_name(index));
			ok = FALSE;
		}
	}
	return ok;
}

/* @resource's canonical address into @out (emptied first) */
static void
plan_tf_canonical_address(GString *out, const char *module, const PlanTfResource *resource)
{
	g_string_truncate(out, 0);
	if (module[0] != '\0') {
		g_string_append(out, module);
		g_string_append_c(out, '.');
	}
	if (resource->data)
		g_string_append(out, "data.");
	g_string_append(out, resource->type);
	g_string_append_c(out, '.');
	g_string_append(out, resource->name);
	if (resource->has_key) {
		g_string_append_c(out, '[');
		if (resource->key_is_string)
			tf_key_append_string(out, resource->key_string);
		else
			tf_key_append_number(out, resource->key_number);
		g_string_append_c(out, ']');
	}
}

static const char *
plan_tf_intern(PlanTfImport *import, const GString *text)
{
	return g_string_chunk_insert_len(import->strings, text->str, (gssize)text->len);
}

static void
plan_tf_read_resource(PlanTfImport *import, const cJSON *object, const char *module,
		      const PlanTfPlace *place, gboolean prior)
{
	GString *scratch = import->scratch;
	PlanTfResource *resource;
	const cJSON *values;
	GPtrArray *members;
	const char *address;

	if (!cJSON_IsObject(object)) {
		g_autofree char *path = plan_tf_path(place->list, place->index, "");
		tf_problem(import, object, path, "expected a resource object, got %s",
				plan_json_type_name(object));
		return;
	}
	resource = g_new0(PlanTfResource, 1);
	address = plan_tf_required_string(import, object, "address", place);
	if (!plan_tf_read_identity(import, object, place, resource) || address == NULL) {
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
		g_autofree char *values_path = plan_tf_path(place->list, place->index, ".values");
		tf_problem(import, values, values_path, "expected an object, got %s",
				plan_json_type_name(values));
		g_free(resource);
		return;
	}
	plan_tf_canonical_address(scratch, module, resource);
	if (g_hash_table_contains(import->by_address, scratch->str)) {
		if (!prior) {
			g_autofree char *path = plan_tf_path(place->list, place->index, "");
			tf_problem(import, object, path, "duplicate resource address '%s'",
					address);
		}
		plan_tf_resource_free(resource);
		return;
	}
	resource->address = plan_tf_intern(import, scratch);
	resource->module = module;
	resource->source = address; /* the parse tree lives as long as the import */
	g_string_truncate(scratch, 0);
	if (resource->data)
		g_string_append(scratch, "data.");
	g_string_append(scratch, resource->type);
	g_string_append_c(scratch, '.');
	g_string_append(scratch, resource->name);
	resource->config = plan_tf_intern(import, scratch);
	resource->node = object;
	resource->values = cJSON_IsObject(values) ? values : NULL;
	resource->list = place->list;
	resource->index = place->index;
	resource->loc = tf_loc(import, object);
	resource->recognised = tf_type_recognised(resource->type, resource->data);
	resource->order = import->resources->len;
	g_ptr_array_add(import->resources, resource);
	members = g_hash_table_lookup(import->by_type, resource->type);
	if (members == NULL) {
		members = g_ptr_array_new();
		g_hash_table_insert(import->by_type, (gpointer)resource->type, members);
	}
	g_ptr_array_add(members, resource);
	g_hash_table_insert(import->by_address, (gpointer)resource->address, resource);
	g_string_truncate(scratch, 0);
	g_string_append(scratch, module);
	g_string_append_c(scratch, '\x1f');
	g_string_append(scratch, resource->config);
	members = g_hash_table_lookup(import->groups, scratch->str);
	if (members == NULL) {
		members = g_ptr_array_new();
		g_hash_table_insert(import->groups, g_strndup(scratch->str, scratch->len),
				    members);
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

/* walks a module of a values representation and its child modules; @instance lives in the
 * import's strings (or is static) */
static void
plan_tf_read_module(PlanTfImport *import, const cJSON *module, const char *instance,
		    const char *path, gboolean prior)
{
	const cJSON *resources;
	const cJSON *children;
	PlanTfPlace place = {NULL, 0};

	if (!cJSON_IsObject(module)) {
		tf_problem(import, module, path, "expected a module object, got %s",
				plan_json_type_name(module));
		return;
	}
	resources = cJSON_GetObjectItemCaseSensitive(module, "resources");
	if (resources != NULL && !cJSON_IsArray(resources)) {
		g_autofree char *where = g_strconcat(path, ".resources", NULL);
		tf_problem(import, resources, where, "expected an array of resources, got %s",
				plan_json_type_name(resources));
	} else if (resources != NULL) {
		/* every resource keeps the list's path for its messages */
		g_autofree char *list = g_strconcat(path, ".resources", NULL);
		place.list = g_string_chunk_insert(import->strings, list);
		for (const cJSON *item = resources->child; item != NULL; item = item->next) {
			plan_tf_read_resource(import, item, instance, &place, prior);
			place.index++;
		}
	}
	children = cJSON_GetObjectItemCaseSensitive(module, "child_modules");
	if (children != NULL && !cJSON_IsArray(children)) {
		g_autofree char *where = g_strconcat(path, ".child_modules", NULL);
		tf_problem(import, children, where, "expected an array of modules, got %s",
				plan_json_type_name(children));
		return;
	}
	place.list = NULL;
	place.index = 0;
	for (const cJSON *child = children != NULL ? children->child : NULL; child != NULL;
	     child = child->next, place.index++) {
		g_autofree char *where = NULL;
		const char *address;

		if (place.list == NULL) {
			g_autofree char *list = g_strconcat(path, ".child_modules", NULL);
			place.list = g_string_chunk_insert(import->strings, list);
		}
		where = plan_tf_path(place.list, place.index, "");
		if (!cJSON_IsObject(child)) {
			tf_problem(import, child, where, "expected a module object, got %s",
					plan_json_type_name(child));
			continue;
		}
		address = plan_tf_module_address(import,
						 cJSON_GetObjectItemCaseSensitive(child, "address"),
						 place.list, place.index, ".address");
		if (address == NULL)
			continue;
		plan_tf_add_child(import, address);
		plan_tf_read_module(import, child, address, where, prior);
	}
}

static guint
plan_tf_actions(PlanTfImport *import, const cJSON *actions, const PlanTfPlace *place)
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
		g_autofree char *path = plan_tf_path(place->list, place->index, ".change.actions");
		tf_problem(import, actions, path, "expected an array of actions, got %s",
				plan_json_type_name(actions));
		return 0;
	}
	for (const cJSON *item = actions->child; item != NULL; item = item->next) {
		if (!cJSON_IsString(item)) {
			g_autofree char *path =
			    plan_tf_path(place->list, place->index, ".change.actions");
			tf_problem(import, item, path, "expected an action string, got %s",
					plan_json_type_name(item));
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

void
tf_read_changes(PlanTfImport *import, const cJSON *changes)
{
	PlanTfPlace place = {"resource_changes", 0};

	if (changes == NULL)
		return;
	if (!cJSON_IsArray(changes)) {
		tf_problem(import, changes, "resource_changes",
				"expected an array of resource changes, got %s",
				plan_json_type_name(changes));
		return;
	}
	for (const cJSON *item = changes->child; item != NULL; item = item->next, place.index++) {
		PlanTfResource identity = {0};
		PlanTfResource *resource;
		const cJSON *change;
		const cJSON *module_node;
		const char *module;
		guint actions;

		if (!cJSON_IsObject(item)) {
			g_autofree char *path = plan_tf_path(place.list, place.index, "");
			tf_problem(import, item, path,
					"expected a resource change object, got %s",
					plan_json_type_name(item));
			continue;
		}
		/* a deposed object is an old copy on its way out: the current one is listed too */
		if (cJSON_GetObjectItemCaseSensitive(item, "deposed") != NULL)
			continue;
		if (!plan_tf_read_identity(import, item, &place, &identity))
			continue;
		module_node = cJSON_GetObjectItemCaseSensitive(item, "module_address");
		module = module_node != NULL ? plan_tf_module_address(import, module_node, place.list,
								      place.index, ".module_address")
					     : "";
		if (module == NULL)
			continue;
		change = cJSON_GetObjectItemCaseSensitive(item, "change");
		if (!cJSON_IsObject(change)) {
			g_autofree char *path = plan_tf_path(place.list, place.index, "");
			g_autofree char *change_path =
			    plan_tf_path(place.list, place.index, ".change");
			tf_problem(import, change != NULL ? change : item,
					change != NULL ? change_path : path,
					change != NULL ? "expected a change object, got %s"
						       : "missing 'change'%s",
					change != NULL ? plan_json_type_name(change) : "");
			continue;
		}
		actions = plan_tf_actions(
		    import, cJSON_GetObjectItemCaseSensitive(change, "actions"), &place);
		plan_tf_canonical_address(import->scratch, module, &identity);
		resource = g_hash_table_lookup(import->by_address, import->scratch->str);
		if (resource != NULL) {
			const cJSON *unknown =
			    cJSON_GetObjectItemCaseSensitive(change, "after_unknown");
			resource->change = actions;
			resource->unknown =
			    cJSON_IsObject(unknown) || cJSON_IsTrue(unknown) ? unknown : NULL;
		} else if ((actions & PLAN_TF_CHANGE_DELETE) &&
			   !(actions & PLAN_TF_CHANGE_CREATE)) {
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

void
tf_sort_groups(PlanTfImport *import)
{
	GHashTableIter iter;
	gpointer value;

	g_hash_table_iter_init(&iter, import->groups);
	while (g_hash_table_iter_next(&iter, NULL, &value))
		g_ptr_array_sort(value, plan_tf_compare_instances);
}

static const cJSON *
plan_tf_root_module(PlanTfImport *import, const cJSON *values, const char *path)
{
	const cJSON *root_module;
	g_autofree char *where = g_strconcat(path, ".root_module", NULL);

	if (values == NULL || cJSON_IsNull(values))
		return NULL;
	if (!cJSON_IsObject(values)) {
		tf_problem(import, values, path, "expected an object, got %s",
				plan_json_type_name(values));
		return NULL;
	}
	root_module = cJSON_GetObjectItemCaseSensitive(values, "root_module");
	if (root_module != NULL && !cJSON_IsObject(root_module)) {
		tf_problem(import, root_module, where, "expected a module object, got %s",
				plan_json_type_name(root_module));
		return NULL;
	}
	return root_module;
}

void
tf_read_values(PlanTfImport *import, const cJSON *root)
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
			plan_tf_read_module(import, module, "", "planned_values.root_module",
					    FALSE);
	} else if (values != NULL) {
		module = plan_tf_root_module(import, values, "values");
		if (module != NULL)
			plan_tf_read_module(import, module, "", "values.root_module", FALSE);
	}
	if (prior != NULL && !cJSON_IsNull(prior)) {
		if (!cJSON_IsObject(prior)) {
			tf_problem(import, prior, "prior_state", "expected an object, got %s",
					plan_json_type_name(prior));
			return;
		}
		module =
		    plan_tf_root_module(import, cJSON_GetObjectItemCaseSensitive(prior, "values"),
					"prior_state.values");
		if (module != NULL)
			plan_tf_read_module(import, module, "", "prior_state.values.root_module",
					    TRUE);
	}
}
