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

/* an object written in one piece is the object written a member at a time: plain rows, rows
 * with a string or a key to escape (the member-at-a-time path), NULL strings, nulls and
 * negative numbers, at the top, inside an array and inside an object */
static void
test_json_writer_object(void)
{
	g_autoptr(GString) one = g_string_new(NULL);
	g_autoptr(GString) each = g_string_new(NULL);
	ReportJsonWriter a;
	ReportJsonWriter b;

	report_json_writer_init(&a, one);
	report_json_writer_init(&b, each);
	for (int round = 0; round < 2; round++) {
		ReportJsonWriter *json = round == 0 ? &a : &b;
		report_json_writer_begin_object(json, NULL);
		report_json_writer_begin_array(json, "rows");
		for (int i = 0; i < 40; i++) {
			g_autofree char *name =
			    g_strdup_printf("row-%d%s", i, i % 9 == 4 ? hostile : "");
			const ReportJsonMember row[] = {
			    {REPORT_JSON_KEY("name"), REPORT_JSON_STRING, name, 0},
			    /* a key measured (and escaped) by the writer */
			    {i % 13 == 6 ? "k\"ey" : "key", 0, REPORT_JSON_STRING,
			     i % 5 == 0 ? NULL : "v", 0},
			    {REPORT_JSON_KEY("n"), i % 3 == 0 ? REPORT_JSON_NULL : REPORT_JSON_INT,
			     NULL, 1 - i * 1000},
			    {REPORT_JSON_KEY("arithmetic"), REPORT_JSON_STRING,
			     "api: ceil(3 × 200 / 100) = 6 → 6", 0},
			};
			if (round == 0) {
				report_json_writer_object(json, NULL, row, G_N_ELEMENTS(row));
				continue;
			}
			report_json_writer_begin_object(json, NULL);
			for (guint m = 0; m < G_N_ELEMENTS(row); m++) {
				if (row[m].kind == REPORT_JSON_STRING)
					report_json_writer_string(json, row[m].key, row[m].string);
				else if (row[m].kind == REPORT_JSON_INT)
					report_json_writer_int(json, row[m].key, row[m].number);
				else
					report_json_writer_null(json, row[m].key);
			}
			report_json_writer_end(json);
		}
		report_json_writer_end(json);
		if (round == 0) {
			const ReportJsonMember summary[] = {
			    {REPORT_JSON_KEY("errors"), REPORT_JSON_INT, NULL, 3}};
			report_json_writer_object(json, "summary", summary, 1);
		} else {
			report_json_writer_begin_object(json, "summary");
			report_json_writer_int(json, "errors", 3);
			report_json_writer_end(json);
		}
		report_json_writer_end(json);
	}
	g_assert_cmpstr(one->str, ==, each->str);
	g_assert_cmpuint(one->len, ==, strlen(one->str));
	/* a fixed piece of it, so a change on both paths shows too */
	g_assert_nonnull(strstr(one->str, "\t\"rows\":\t[{\n\t\t\t\"name\":\t\"row-0\",\n"
					  "\t\t\t\"key\":\t\"\",\n\t\t\t\"n\":\tnull,\n"));
	g_assert_nonnull(strstr(one->str, "\t\"summary\":\t{\n\t\t\"errors\":\t3\n\t}\n}"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/reports/json-writer/bytes", test_json_writer_bytes);
	g_test_add_func("/reports/json-writer/ints", test_json_writer_ints);
	g_test_add_func("/reports/json-writer/as-cjson", test_json_writer_as_cjson);
	g_test_add_func("/reports/json-writer/object", test_json_writer_object);
	return g_test_run();
}
