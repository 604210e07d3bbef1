/* the Terraform importer's element names: an address made into a model name (docs/terraform.md,
 * "names"), unique within its scope. One floor above import-terraform-expr.c, whose address
 * parser it uses */
#include "import-terraform-private.h"

#include <string.h>

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
	segments = tf_segments_parse(address);
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
tf_unique_name(GHashTable *scope, const char *base)
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
tf_element_name(GHashTable *scope, const PlanTfResource *resource)
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
	return tf_unique_name(scope, base);
}
