#include "json-util.h"

#include "plan-error.h"

const char *
plan_json_type_name(const cJSON *node)
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

char *
plan_json_excerpt(const char *data, gsize length, gsize offset)
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

gsize
plan_json_key_error_offset(const char *data, gsize length, gsize offset)
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

static void
plan_json_map_node(cJSON *node, const GArray *offsets, guint *next)
{
	for (; node != NULL; node = node->next) {
		node->valueint = 0;
		if (*next < offsets->len)
			node->valueint = (int)g_array_index(offsets, guint32, *next) + 1;
		(*next)++;
		if (node->child != NULL)
			plan_json_map_node(node->child, offsets, next);
	}
}

void
plan_json_map_offsets(cJSON *root, const GArray *offsets)
{
	guint next = 0;

	plan_json_map_node(root, offsets, &next);
}

/**
 * plan_json_print_append:
 * @out: (transfer none): where the document goes
 * @root: (transfer none): the tree to print
 * @formatted: tab-indented (cJSON_Print) rather than on one line (cJSON_PrintUnformatted)
 * @error: set when cJSON cannot print the tree
 *
 * Returns: TRUE, or FALSE with @error set and @out unchanged
 */
gboolean
plan_json_print_append(GString *out, const cJSON *root, gboolean formatted, GError **error)
{
	char *printed;

	g_return_val_if_fail(out != NULL, FALSE);
	g_return_val_if_fail(root != NULL, FALSE);
	g_return_val_if_fail(error == NULL || *error == NULL, FALSE);

	printed = formatted ? cJSON_Print(root) : cJSON_PrintUnformatted(root);
	if (printed == NULL) {
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_NO_SPACE,
				    "cannot print the json document: out of memory, or larger "
				    "than cJSON can print (2 GiB)");
		return FALSE;
	}
	g_string_append(out, printed);
	cJSON_free(printed);
	return TRUE;
}

/**
 * plan_json_quote:
 * @text: (transfer none): UTF-8 text
 * @error: set when cJSON cannot print it
 *
 * Returns: (transfer full): @text as a JSON string literal, or NULL with @error set
 */
char *
plan_json_quote(const char *text, GError **error)
{
	g_autoptr(GString) out = g_string_new(NULL);
	cJSON *string;
	gboolean ok;

	g_return_val_if_fail(text != NULL, NULL);
	string = cJSON_CreateString(text);
	if (string == NULL) {
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_NO_SPACE,
				    "cannot quote a json string: out of memory");
		return NULL;
	}
	ok = plan_json_print_append(out, string, FALSE, error);
	cJSON_Delete(string);
	if (!ok)
		return NULL;
	return g_string_free(g_steal_pointer(&out), FALSE);
}
