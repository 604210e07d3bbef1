/* the direct JSON writer (reports/json-writer.c): hand-written bytes, and the same bytes as
 * cJSON_Print gives for the same tree, since validate's documents must not change (issue 18) */
#include "json-writer.h"

#include <cjson/cJSON.h>
#include <string.h>

/* every byte that cJSON escapes, and UTF-8 and DEL that it copies as they are */
static const char hostile[] = "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f caf\xc3\xa9";

static void
test_json_writer_bytes(void)
{
	g_autoptr(GString) out = g_string_new(NULL);
	ReportJsonWriter json;

	report_json_writer_init(&json, out);
	report_json_writer_begin_object(&json, NULL);
	report_json_writer_begin_array(&json, "empty");
	report_json_writer_end(&json);
	report_json_writer_begin_object(&json, "none");
	report_json_writer_end(&json);
	report_json_writer_begin_array(&json, "rows");
	report_json_writer_begin_object(&json, NULL);
	report_json_writer_int(&json, "n", -42);
	report_json_writer_null(&json, "gone");
	report_json_writer_end(&json);
	report_json_writer_int(&json, NULL, 0);
	report_json_writer_bool(&json, NULL, TRUE);
	report_json_writer_end(&json);
	report_json_writer_string(&json, "s", hostile);
	report_json_writer_string(&json, "nil", NULL);
	report_json_writer_end(&json);
	g_assert_cmpstr(out->str, ==,
			"{\n"
			"\t\"empty\":\t[],\n"
			"\t\"none\":\t{\n"
			"\t},\n"
			"\t\"rows\":\t[{\n"
			"\t\t\t\"n\":\t-42,\n"
			"\t\t\t\"gone\":\tnull\n"
			"\t\t}, 0, true],\n"
			"\t\"s\":\t\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f caf\xc3\xa9\",\n"
			"\t\"nil\":\t\"\"\n"
			"}");
	g_assert_cmpuint(out->len, ==, strlen(out->str));
}

static void
test_json_writer_ints(void)
{
	static const struct {
		gint64 value;
		const char *text;
	} cases[] = {
	    {0, "0"},
	    {7, "7"},
	    {-1, "-1"},
	    {65536, "65536"},
	    {G_MAXINT64, "9223372036854775807"},
	    {G_MININT64, "-9223372036854775808"},
	};
	for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GString) out = g_string_new("x");
		report_json_append_int(out, cases[i].value);
		g_assert_cmpstr(out->str + 1, ==, cases[i].text);
	}
}

/* a validate-shaped document written both ways, with enough rows to grow the buffer many
 * times: the bytes must be the same */
static void
test_json_writer_as_cjson(void)
{
	g_autoptr(GString) out = g_string_new(NULL);
	ReportJsonWriter json;
	cJSON *root = cJSON_CreateObject();
	cJSON *rows = cJSON_AddArrayToObject(root, "subnets");
	char *printed;

	report_json_writer_init(&json, out);
	report_json_writer_begin_object(&json, NULL);
	report_json_writer_begin_array(&json, "subnets");
	for (int i = 0; i < 5000; i++) {
		g_autofree char *name = g_strdup_printf("subnet-%d%s", i, i % 7 == 0 ? hostile : "");
		cJSON *row = cJSON_CreateObject();
		cJSON *related;
		report_json_writer_begin_object(&json, NULL);
		report_json_writer_string(&json, "name", name);
		cJSON_AddStringToObject(row, "name", name);
		related = cJSON_AddArrayToObject(row, "related");
		report_json_writer_begin_array(&json, "related");
		for (int j = 0; j < i % 3; j++) {
			report_json_writer_string(&json, NULL, name);
			cJSON_AddItemToArray(related, cJSON_CreateString(name));
		}
		report_json_writer_end(&json);
		report_json_writer_int(&json, "total", i * 16 - 5);
		cJSON_AddNumberToObject(row, "total", i * 16 - 5);
		if (i % 5 == 0) {
			report_json_writer_null(&json, "free");
			cJSON_AddNullToObject(row, "free");
		}
		report_json_writer_end(&json);
		cJSON_AddItemToArray(rows, row);
	}
	report_json_writer_end(&json);
	report_json_writer_string(&json, "model", "m.json");
	cJSON_AddStringToObject(root, "model", "m.json");
	report_json_writer_end(&json);
	printed = cJSON_Print(root);
	g_assert_cmpuint(out->len, ==, strlen(printed));
	g_assert_true(memcmp(out->str, printed, out->len) == 0);
	cJSON_free(printed);
	cJSON_Delete(root);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/reports/json-writer/bytes", test_json_writer_bytes);
	g_test_add_func("/reports/json-writer/ints", test_json_writer_ints);
	g_test_add_func("/reports/json-writer/as-cjson", test_json_writer_as_cjson);
	return g_test_run();
}
