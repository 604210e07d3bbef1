#include "json-util.h"

const char *
plan_json_type_name(const cJSON *node)
{
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
