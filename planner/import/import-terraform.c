/* the Terraform importer: `terraform show -json` output (a plan or a state) becomes a model.
 * This file parses the text, checks the format version, runs the readers
 * (import-terraform-read.c, -config.c) and the mappers (-network.c, -lb.c, -ecs.c, -task.c),
 * sets the region and reports what was not mapped. docs/terraform.md has the rules. */
#include "import-terraform-private.h"

#include <math.h>
#include <string.h>

#include "json-arena.h"
#include "json-util.h"
#include "jsontree.h"
#include "plan-error.h"
#include "text.h"

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
		tf_problem(import, root, NULL,
				"missing 'format_version'; expected the output of 'terraform show "
				"-json' for a saved plan or a state");
		return FALSE;
	}
	if (!cJSON_IsString(format)) {
		tf_problem(import, format, "format_version",
				"expected a version string like \"1.2\", got %s",
				plan_json_type_name(format));
		return FALSE;
	}
	if (!plan_tf_version_major(format->valuestring, &major)) {
		tf_problem(import, format, "format_version",
				"'%s' is not a version like \"1.2\"", format->valuestring);
		return FALSE;
	}
	if (major > 1) {
		tf_problem(import, format, "format_version",
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

/* ---- region ---------------------------------------------------------------------------------- */

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
	region = tf_walk(provider, "expressions.region");
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
		value = tf_walk(cJSON_GetObjectItemCaseSensitive(root, "variables"), path);
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
		g_ptr_array_add(model->notes,
				g_strdup_printf("region %s: given with --region", model->region));
		return;
	}
	if (provider != NULL && provider->valuestring[0] != '\0') {
		model->region = g_strdup(provider->valuestring);
		model->region_loc = tf_loc(import, provider);
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

/* ---- what was not mapped --------------------------------------------------------------------- */

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
		g_ptr_array_add(count->addresses, (gpointer)resource->source);
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
			g_string_append_printf(
			    list, "%s%s", j > 0 ? ", " : "",
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
		    !tf_type_recognised(type->valuestring, data))
			continue;
		origin.loc = tf_loc(import, item);
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
			tf_finding(
			    import, PLAN_SEVERITY_NOTE, "import-replaced", resource,
			    "%s is replaced by this plan (destroyed and created again); "
			    "the model shows the new one",
			    resource->source);
	}
}

/* ---- parsing --------------------------------------------------------------------------------- */


static void
plan_tf_syntax_error(PlanTfImport *import, const char *data, gsize length, gsize offset,
		     const char *what, GError **error)
{
	PlanLoc loc = plan_text_index_loc(import->lines, MIN(offset, length));
	g_autofree char *excerpt = plan_json_excerpt(data, length, offset);

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

/* the line index, made when a message needs it before the parse made one */
static void
plan_tf_need_lines(PlanTfImport *import, const char *data, gsize length)
{
	if (import->lines == NULL)
		import->lines = plan_text_index_new(data, length);
}

static gboolean
plan_tf_check_text(PlanTfImport *import, const char *data, gsize length, GError **error)
{
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
	if (nul != NULL) {
		plan_tf_need_lines(import, data, length);
		loc = plan_text_index_loc(import->lines, (gsize)(nul - data));
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: NUL byte in the file; expected JSON text", import->file,
			    loc.line, loc.column);
		return FALSE;
	}
	while (at < length && (guchar)data[at] <= 32)
		at++;
	if (at == length) {
		plan_tf_need_lines(import, data, length);
		loc = plan_text_index_loc(import->lines, length);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: the file is empty; expected the JSON output of 'terraform "
			    "show -json'",
			    import->file, loc.line, loc.column);
		return FALSE;
	}
	return TRUE;
}

/* Terraform JSON is UTF-8 text. Asked only when the one-pass parser declines: what it accepts
 * is UTF-8 (jsontree.h) */
static gboolean
plan_tf_check_utf8(PlanTfImport *import, const char *data, gsize length, GError **error)
{
	const char *invalid = NULL;
	PlanLoc loc;

	if (plan_text_utf8_validate(data, length, &invalid))
		return TRUE;
	plan_tf_need_lines(import, data, length);
	loc = plan_text_index_loc(import->lines, (gsize)(invalid - data));
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s:%u:%u: invalid UTF-8 (byte 0x%02x); Terraform JSON is UTF-8 text",
		    import->file, loc.line, loc.column, (guchar)*invalid);
	return FALSE;
}



/* the text into a tree in @arena, with every node's position and the line index. Plain JSON
 * takes the one-pass parser (jsontree.h); what it declines goes the old way, the value scan and
 * cJSON, which accept what they always accepted and word every refusal as before */
static cJSON *
plan_tf_parse(PlanTfImport *import, const char *data, gsize length, PlanJsonArena **arena,
	      GError **error)
{
	g_autoptr(GArray) offsets = NULL;
	cJSON *root;
	const char *end = NULL;
	gsize error_offset = 0;

	if (!plan_tf_check_text(import, data, length, error))
		return NULL;
	*arena = plan_json_arena_new();
	root = plan_json_tree_parse(data, length, PLAN_TF_MAX_DEPTH, *arena, &import->lines);
	if (root != NULL)
		return root;
	g_clear_pointer(arena, plan_json_arena_free);
	if (!plan_tf_check_utf8(import, data, length, error))
		return NULL;
	plan_tf_need_lines(import, data, length);
	offsets = plan_json_value_offsets(data, length, PLAN_TF_MAX_DEPTH, &error_offset);
	if (offsets == NULL) {
		PlanLoc loc = plan_text_index_loc(import->lines, error_offset);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: nested more than %u levels deep", import->file, loc.line,
			    loc.column, PLAN_TF_MAX_DEPTH);
		return NULL;
	}
	*arena = plan_json_arena_push();
	root = cJSON_ParseWithLengthOpts(data, length, &end, FALSE);
	plan_json_arena_pop(*arena);
	if (root == NULL) {
		gsize at = end != NULL && end >= data ? (gsize)(end - data) : 0;
		plan_tf_syntax_error(import, data, length,
				     plan_json_key_error_offset(data, length, at), "not valid JSON",
				     error);
		return NULL;
	}
	for (gsize at = (gsize)(end - data); at < length; at++) {
		if ((guchar)data[at] > 32) {
			plan_tf_syntax_error(import, data, length, at,
					     "unexpected text after the JSON value", error);
			return NULL;
		}
	}
	plan_json_map_offsets(root, offsets);
	return root;
}

static void
plan_tf_fail(PlanTfImport *import, GError **error)
{
	plan_set_problems_error(error, import->file, import->problems, import->n_problems);
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

	tf_import_init(&import, display_name, options);
	if (length == 0) {
		g_set_error(
		    error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s:1:1: the file is empty; expected the JSON output of 'terraform show "
		    "-json'",
		    display_name);
		return NULL;
	}
	root = plan_tf_parse(&import, data, length, &arena, error);
	if (root == NULL)
		return NULL;
	import.root = root;
	if (!cJSON_IsObject(root)) {
		tf_problem(&import, root, NULL,
				"expected a JSON object from 'terraform show -json', got %s",
				plan_json_type_name(root));
		plan_tf_fail(&import, error);
		return NULL;
	}
	if (!plan_tf_read_format(&import, root)) {
		plan_tf_fail(&import, error);
		return NULL;
	}
	tf_read_values(&import, root);
	tf_read_changes(&import, cJSON_GetObjectItemCaseSensitive(root, "resource_changes"));
	tf_read_configuration(&import,
				   cJSON_GetObjectItemCaseSensitive(root, "configuration"));
	tf_sort_groups(&import);
	if (import.n_problems > 0) {
		plan_tf_fail(&import, error);
		return NULL;
	}

	import.model->file = g_strdup(display_name);
	import.model->name = plan_tf_model_name(display_name);
	kind = import.is_state ? "state" : "plan";
	g_ptr_array_add(
	    import.model->notes,
	    g_strdup_printf("imported from a Terraform %s (format_version %s%s%s) by "
			    "'ecsplan import terraform'; each element's source is its "
			    "Terraform address",
			    kind, import.format_version,
			    import.terraform_version != NULL ? ", Terraform " : "",
			    import.terraform_version != NULL ? import.terraform_version : ""));
	tf_map_network(&import);
	tf_map_load_balancers(&import);
	tf_map_ecs(&import);
	tf_map_scaling(&import);
	tf_map_hosts(&import);
	plan_tf_set_region(&import, root);
	plan_tf_report_unmapped(&import);
	plan_tf_report_changes(&import);
	if (import.n_references > PLAN_TF_MAX_REFERENCES) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT,
			    "%s: the configuration's references are too many to follow: more "
			    "than %u in one import (the limit in docs/limits.md); split the plan "
			    "or shorten the expressions that list thousands of references",
			    display_name, PLAN_TF_MAX_REFERENCES);
		return NULL;
	}
	if (import.n_problems > 0) {
		plan_tf_fail(&import, error);
		return NULL;
	}
	for (guint i = 0; findings != NULL && i < import.model->load_diagnostics->len; i++)
		g_ptr_array_add(findings, plan_diagnostic_copy(g_ptr_array_index(
					      import.model->load_diagnostics, i)));
	plan_model_link(import.model);
	return g_steal_pointer(&import.model);
}
