/* the Terraform importer's view of the plan's configuration section: each module's resources,
 * outputs and calls, read once (all instances of a module call share them), and a resource's
 * expressions found through its module. Above the expression parser
 * (import-terraform-expr.c), whose module paths it uses */
#include "import-terraform-private.h"

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
			tf_problem(import, cJSON_IsObject(item) && address != NULL ? address : item,
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
		tf_problem(import, configuration, "configuration", "expected an object, got %s",
			   plan_json_type_name(configuration));
		return;
	}
	root_module = cJSON_GetObjectItemCaseSensitive(configuration, "root_module");
	if (root_module != NULL)
		plan_tf_read_module_config(import, root_module, "", "configuration.root_module");
}

PlanTfModuleConfig *
tf_module_config(PlanTfImport *import, const char *module)
{
	g_autofree char *path = tf_module_config_path(module);
	return g_hash_table_lookup(import->modules, path);
}

/* the resource's object in its module's configuration, found once per resource (the
 * configuration is read before any mapper asks) */
const cJSON *
tf_resource_config_node(PlanTfImport *import, const PlanTfResource *resource)
{
	PlanTfResource *cache = (PlanTfResource *)resource;
	PlanTfModuleConfig *config;

	if (resource->config_known)
		return resource->config_node;
	config = tf_module_config(import, resource->module);
	cache->config_node =
	    config != NULL ? g_hash_table_lookup(config->resources, resource->config) : NULL;
	cache->config_known = TRUE;
	return resource->config_node;
}

const cJSON *
tf_resource_config(PlanTfImport *import, const PlanTfResource *resource)
{
	return cJSON_GetObjectItemCaseSensitive(tf_resource_config_node(import, resource),
						"expressions");
}

const cJSON *
tf_expression(PlanTfImport *import, const PlanTfResource *resource, const char *attribute)
{
	return tf_walk(tf_resource_config(import, resource), attribute);
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
