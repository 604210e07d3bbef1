/* ecsplan: unit tests for planner/model/jsontree.c, the loader's one-pass parser: the values,
 * positions and line index it builds (worked out by hand below), and the texts it leaves to
 * cJSON. tests/fuzz/fuzz-jsontree.c compares it with the old path on every seed. */
#include <math.h>
#include <string.h>

#include "diagnostic.h"
#include "json-arena.h"
#include "jsonpos.h"
#include "jsontree.h"
#include "loader.h"
#include "model.h"
#include "plan-error.h"
#include "text.h"

static cJSON *
parse(const char *text, PlanJsonArena *arena, PlanTextIndex **lines)
{
	return plan_json_tree_parse(text, strlen(text), PLAN_MODEL_MAX_DEPTH, arena, lines);
}

static void
test_values(void)
{
	/*          0         1         2         3         4         5
	 *          0123456789012345678901234567890123456789012345678901234567 */
	const char *text = "{\"a\": [1, -0, 2.5e3, \"x\\ny\\\"\", true, false, null], \"b\": {}}";
	g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
	g_autoptr(PlanTextIndex) lines = NULL;
	cJSON *root = parse(text, arena, &lines);
	cJSON *a;
	cJSON *item;
	cJSON *b;

	g_assert_nonnull(root);
	g_assert_nonnull(lines);
	g_assert_cmpint(root->type, ==, cJSON_Object);
	g_assert_cmpint(root->valueint, ==, 0 + 1); /* '{' at offset 0 */
	a = root->child;
	g_assert_cmpstr(a->string, ==, "a");
	g_assert_cmpint(a->type, ==, cJSON_Array);
	g_assert_cmpint(a->valueint, ==, 6 + 1); /* '[' at offset 6 */
	item = a->child;
	g_assert_cmpint(item->type, ==, cJSON_Number);
	g_assert_cmpfloat(item->valuedouble, ==, 1.0);
	g_assert_cmpint(item->valueint, ==, 7 + 1);
	item = item->next; /* -0 at offset 10: negative zero, as strtod reads it */
	g_assert_cmpint(item->valueint, ==, 10 + 1);
	g_assert_cmpfloat(item->valuedouble, ==, 0.0);
	g_assert_true(signbit(item->valuedouble));
	item = item->next; /* 2.5e3 = 2.5 x 1000 at offset 14 */
	g_assert_cmpfloat(item->valuedouble, ==, 2500.0);
	g_assert_cmpint(item->valueint, ==, 14 + 1);
	item = item->next; /* "x\ny\"" at offset 21: 4 bytes after unescaping */
	g_assert_cmpint(item->type, ==, cJSON_String);
	g_assert_cmpstr(item->valuestring, ==, "x\ny\"");
	g_assert_cmpint(item->valueint, ==, 21 + 1);
	item = item->next;
	g_assert_cmpint(item->type, ==, cJSON_True);
	g_assert_cmpint(item->valueint, ==, 31 + 1);
	item = item->next;
	g_assert_cmpint(item->type, ==, cJSON_False);
	g_assert_cmpint(item->valueint, ==, 37 + 1);
	item = item->next;
	g_assert_cmpint(item->type, ==, cJSON_NULL);
	g_assert_cmpint(item->valueint, ==, 44 + 1);
	g_assert_null(item->next);
	/* as cJSON links them: the first child's prev is the last child */
	g_assert_true(a->child->prev == item);
	b = a->next;
	g_assert_cmpstr(b->string, ==, "b");
	g_assert_cmpint(b->type, ==, cJSON_Object);
	g_assert_null(b->child);
	g_assert_cmpint(b->valueint, ==, 56 + 1);
}

static void
test_lines(void)
{
	/* line 1 "{\r\n" (offsets 0-2), line 2 "  \"k\": [1,\n" (3-13), line 3 "   2]\n" (14-19),
	 * line 4 "}\n" (20-21), then an empty line 5 at offset 22 */
	const char *text = "{\r\n  \"k\": [1,\n   2]\n}\n";
	g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
	g_autoptr(PlanTextIndex) lines = NULL;
	cJSON *root = parse(text, arena, &lines);
	cJSON *k;
	PlanLoc loc;

	g_assert_nonnull(root);
	k = root->child;
	/* '[' at offset 10: line 2 starts at 3, so column 10 - 3 + 1 = 8 */
	g_assert_cmpint(k->valueint, ==, 10 + 1);
	loc = plan_text_index_loc(lines, 10);
	g_assert_cmpuint(loc.line, ==, 2);
	g_assert_cmpuint(loc.column, ==, 8);
	/* "2" at offset 17: line 3 starts at 14, so column 17 - 14 + 1 = 4 */
	g_assert_cmpint(k->child->next->valueint, ==, 17 + 1);
	loc = plan_text_index_loc(lines, 17);
	g_assert_cmpuint(loc.line, ==, 3);
	g_assert_cmpuint(loc.column, ==, 4);
	/* the end of the text, after the last newline: line 5, column 1 */
	loc = plan_text_index_loc(lines, strlen(text));
	g_assert_cmpuint(loc.line, ==, 5);
	g_assert_cmpuint(loc.column, ==, 1);
}

/* the stepping lookup answers as the binary search does, in any order: 100 lines of "ab\n",
 * so offset o is on line o / 3 + 1 at column o % 3 + 1 */
static void
test_loc_from(void)
{
	g_autoptr(GString) text = g_string_new(NULL);
	g_autoptr(PlanTextIndex) lines = NULL;
	const gsize asked[] = {0, 1, 2, 3, 4, 5, 40, 41, 299, 300, 7, 150, 151, 0, 298};
	guint hint = 0;

	for (guint i = 0; i < 100; i++)
		g_string_append(text, "ab\n");
	lines = plan_text_index_new(text->str, text->len);
	for (guint i = 0; i < G_N_ELEMENTS(asked); i++) {
		PlanLoc a = plan_text_index_loc_from(lines, asked[i], &hint);
		PlanLoc b = plan_text_index_loc(lines, asked[i]);
		g_assert_cmpuint(a.line, ==, b.line);
		g_assert_cmpuint(a.column, ==, b.column);
		g_assert_cmpuint(a.line, ==, asked[i] / 3 + 1);
		g_assert_cmpuint(a.column, ==, asked[i] % 3 + 1);
		g_assert_cmpuint(hint, ==, a.line - 1);
	}
}

/* \u escapes of the Basic Multilingual Plane decode to UTF-8 as cJSON decodes them (Terraform
 * writes <, > and & as \u003c, \u003e, \u0026): "A" 41, "<" 3C, e-acute C3 A9, euro E2 82 AC */
static void
test_unicode_escapes(void)
{
	const char *text = "[\"\\u0041\\u003c\", \"caf\\u00e9\", \"\\u20AC1\"]";
	g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
	g_autoptr(PlanTextIndex) lines = NULL;
	cJSON *root = parse(text, arena, &lines);
	cJSON *theirs = cJSON_Parse(text);
	cJSON *item;
	cJSON *other;

	g_assert_nonnull(root);
	g_assert_nonnull(theirs);
	item = root->child;
	g_assert_cmpstr(item->valuestring, ==, "A<");
	g_assert_cmpstr(item->next->valuestring, ==, "caf\xc3\xa9");
	g_assert_cmpstr(item->next->next->valuestring, ==, "\xe2\x82\xac" "1");
	for (other = theirs->child; item != NULL; item = item->next, other = other->next)
		g_assert_cmpstr(item->valuestring, ==, other->valuestring);
	cJSON_Delete(theirs);
}

/* what it leaves to cJSON: NULL, no line index, and the loader takes the old path */
static void
test_declines(void)
{
	const char *const texts[] = {
	    "",
	    "   ",
	    "\xef\xbb\xbf{}",	     /* a byte order mark: cJSON skips it */
	    "{\"u\": \"\\ud83d\\ude00\"}", /* a surrogate pair: cJSON joins it */
	    "{\"u\": \"\\udc00\"}",  /* a lone surrogate */
	    "{\"u\": \"\\u0000\"}",  /* U+0000 would end the C string early */
	    "{\"u\": \"\\u12\"}",    /* fewer than four hex digits */
	    "{\"n\": 01}",	     /* cJSON reads 01 as 1; RFC 8259 does not */
	    "{\"n\": 1.}",
	    "{\"n\": -}",
	    "{\"n\": +1}",
	    "{\"t\": \"a\tb\"}",     /* a raw tab in a string */
	    "[1, 2,]",
	    "{\"a\": 1,}",
	    "{\"a\" 1}",
	    "{'a': 1}",
	    "{\"a\": tru}",
	    "{\"a\": 1} x",
	    "{\"a\": 1}{}",
	    "[\"unterminated]",
	    "{\"a\": \"\\x\"}",
	};

	for (guint i = 0; i < G_N_ELEMENTS(texts); i++) {
		g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
		g_autoptr(PlanTextIndex) lines = NULL;
		if (parse(texts[i], arena, &lines) != NULL)
			g_error("accepted %s", texts[i]);
		g_assert_null(lines);
	}
}

/* nesting: 64 levels are read, 65 left to the scan that words the error */
static void
test_depth(void)
{
	g_autoptr(GString) ok = g_string_new(NULL);
	g_autoptr(GString) deep = g_string_new(NULL);
	g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
	g_autoptr(PlanTextIndex) lines = NULL;
	g_autoptr(PlanTextIndex) no_lines = NULL;

	for (guint i = 0; i < PLAN_MODEL_MAX_DEPTH; i++)
		g_string_append_c(ok, '[');
	for (guint i = 0; i < PLAN_MODEL_MAX_DEPTH; i++)
		g_string_append_c(ok, ']');
	g_string_append_printf(deep, "[%s]", ok->str);
	g_assert_nonnull(parse(ok->str, arena, &lines));
	g_assert_null(parse(deep->str, arena, &no_lines));
	g_assert_null(no_lines);
}

/* a model the parser declines loads as before, and one it reads gives the same positions */
static void
test_loader_paths(void)
{
	const char *plain = "{\"ecsplan\": 1, \"region\": \"us-east-1\",\n"
			    " \"vpcs\": [{\"name\": \"v\", \"cidr\": \"10.0.0.0/16\", \"bogus\": 1}]}";
	const char *escaped = "{\"ecsplan\": 1, \"region\": \"us-east-\\u0031\",\n"
			      " \"vpcs\": [{\"name\": \"v\", \"cidr\": \"10.0.0.0/16\", \"bogus\": 1}]}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) a = plan_model_load_data(plain, strlen(plain), "a.json", &error);
	g_autoptr(PlanModel) b = NULL;
	const PlanDiagnostic *da;
	const PlanDiagnostic *db;

	g_assert_no_error(error);
	b = plan_model_load_data(escaped, strlen(escaped), "b.json", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(b->region, ==, "us-east-1");
	g_assert_cmpuint(a->load_diagnostics->len, ==, 1);
	g_assert_cmpuint(b->load_diagnostics->len, ==, 1);
	da = g_ptr_array_index(a->load_diagnostics, 0);
	db = g_ptr_array_index(b->load_diagnostics, 0);
	/* the unknown field is reported at its value, the 1 on line 2, after ' "vpcs": ' (9
	 * bytes), '[{' (2), '"name": "v", ' (13), '"cidr": "10.0.0.0/16", ' (23) and '"bogus": '
	 * (9): 56 bytes, so column 57, the same in both paths */
	g_assert_cmpstr(da->path, ==, "vpcs[0].bogus");
	g_assert_cmpstr(da->path, ==, db->path);
	g_assert_cmpuint(da->loc.line, ==, 2);
	g_assert_cmpuint(da->loc.column, ==, 57);
	g_assert_cmpuint(da->loc.line, ==, db->loc.line);
	g_assert_cmpuint(da->loc.column, ==, db->loc.column);
}

/* every example model is plain JSON: the one-pass parser reads them all (the fuzz replay
 * checks they come out as cJSON would build them) */
static void
test_examples(void)
{
	g_autofree char *folder =
	    g_test_build_filename(G_TEST_DIST, "..", "models", "examples", NULL);
	g_autoptr(GDir) dir = g_dir_open(folder, 0, NULL);
	const char *name;
	guint n_read = 0;

	g_assert_nonnull(dir);
	while ((name = g_dir_read_name(dir)) != NULL) {
		g_autofree char *path = g_build_filename(folder, name, NULL);
		g_autofree char *data = NULL;
		g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
		g_autoptr(PlanTextIndex) lines = NULL;
		gsize length = 0;

		if (!g_str_has_suffix(name, ".json"))
			continue;
		g_assert_true(g_file_get_contents(path, &data, &length, NULL));
		if (plan_json_tree_parse(data, length, PLAN_MODEL_MAX_DEPTH, arena, &lines) == NULL)
			g_error("%s: declined", name);
		n_read++;
	}
	g_assert_cmpuint(n_read, >=, 5);
}

/* UTF-8 in strings is kept as it is; text that is not UTF-8, or holds a NUL byte (which cJSON
 * would skip as white space), is declined, for the caller's check to word */
static void
test_utf8(void)
{
	static const char good[] = "{\"caf\xc3\xa9\": \"\xe2\x86\x92 \xf0\x9f\x98\x80 \x7f\"}";
	static const struct {
		const char *text;
		gsize length;
	} bad[] = {
	    {"{\"a\": \"\xff\"}", sizeof "{\"a\": \"\xff\"}" - 1},	       /* not a UTF-8 byte */
	    {"{\"a\": \"\xc3\"}", sizeof "{\"a\": \"\xc3\"}" - 1},	       /* cut short by the quote */
	    {"{\"a\": \"\xc0\xaf\"}", sizeof "{\"a\": \"\xc0\xaf\"}" - 1},      /* overlong '/' */
	    {"{\"a\": \"\xed\xa0\x80\"}", sizeof "{\"a\": \"\xed\xa0\x80\"}" - 1},  /* a surrogate */
	    {"{\"a\": \"\xf4\x90\x80\x80\"}", sizeof "{\"a\": \"\xf4\x90\x80\x80\"}" - 1}, /* past U+10FFFF */
	    {"{\"\xff\": 1}", sizeof "{\"\xff\": 1}" - 1},		       /* in a key */
	    {"{\"a\": 1}\xff", sizeof "{\"a\": 1}\xff" - 1},		       /* outside a string */
	    {"{\"a\": \"x\0y\"}", sizeof "{\"a\": \"x\0y\"}" - 1},	       /* a NUL in a string */
	    {"{\"a\":\0 1}", sizeof "{\"a\":\0 1}" - 1},		       /* a NUL where white space goes */
	    {"{}\n\0", sizeof "{}\n\0" - 1},			       /* a NUL after the value */
	};
	g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
	g_autoptr(PlanTextIndex) lines = NULL;
	cJSON *root = parse(good, arena, &lines);

	g_assert_nonnull(root);
	g_assert_cmpstr(root->child->string, ==, "caf\xc3\xa9");
	g_assert_cmpstr(root->child->valuestring, ==, "\xe2\x86\x92 \xf0\x9f\x98\x80 \x7f");
	for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
		g_autoptr(PlanTextIndex) no_lines = NULL;
		if (plan_json_tree_parse(bad[i].text, bad[i].length, PLAN_MODEL_MAX_DEPTH, arena,
					 &no_lines) != NULL)
			g_error("accepted case %u", i);
		/* and the caller's check says why */
		g_assert_false(plan_text_utf8_validate(bad[i].text, bad[i].length, NULL));
		/* nothing else is wrong with it: with those bytes made ASCII ('x' in a string, a
		 * space outside one; the texts have no escapes), it parses */
		{
			g_autofree char *fixed = g_memdup2(bad[i].text, bad[i].length);
			g_autoptr(PlanTextIndex) fixed_lines = NULL;
			gboolean in_string = FALSE;
			for (gsize k = 0; k < bad[i].length; k++) {
				if (fixed[k] == '"')
					in_string = !in_string;
				else if ((guchar)fixed[k] >= 0x80 || fixed[k] == '\0')
					fixed[k] = in_string ? 'x' : ' ';
			}
			if (plan_json_tree_parse(fixed, bad[i].length, PLAN_MODEL_MAX_DEPTH, arena,
						 &fixed_lines) == NULL)
				g_error("case %u declined without its bad bytes", i);
		}
	}
}

/* a string is scanned eight bytes at a time: an escape, a UTF-8 character, a quote that ends
 * it or a raw control byte at every place of a 20-byte string, in the first, a middle and the
 * last word and in the tail, is found where it is */
static void
test_string_words(void)
{
	static const char *const inserts[] = {"\\n", "\xc3\xa9", "\\\"", "\\u0041", "\x01"};
	static const char *const decoded[] = {"\n", "\xc3\xa9", "\"", "A", NULL};

	for (guint place = 0; place <= 20; place++) {
		for (guint k = 0; k < G_N_ELEMENTS(inserts); k++) {
			g_autoptr(GString) text = g_string_new("{\"k\": \"");
			g_autoptr(GString) want = g_string_new(NULL);
			g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
			g_autoptr(PlanTextIndex) lines = NULL;
			cJSON *root;
			for (guint i = 0; i < 20; i++) {
				if (i == place) {
					g_string_append(text, inserts[k]);
					if (decoded[k] != NULL)
						g_string_append(want, decoded[k]);
				}
				g_string_append_c(text, (char)('a' + i));
				g_string_append_c(want, (char)('a' + i));
			}
			if (place == 20) {
				g_string_append(text, inserts[k]);
				if (decoded[k] != NULL)
					g_string_append(want, decoded[k]);
			}
			g_string_append(text, "\"}");
			root = plan_json_tree_parse(text->str, text->len, PLAN_MODEL_MAX_DEPTH, arena,
						    &lines);
			if (decoded[k] == NULL) {
				/* a raw control byte: declined, wherever it is */
				g_assert_null(root);
				continue;
			}
			g_assert_nonnull(root);
			g_assert_cmpstr(root->child->valuestring, ==, want->str);
		}
	}
}

/* what a sink saw: one line per element, and the elements' addresses */
typedef struct {
	GString *seen;
	gconstpointer first_element;
	guint same_place; /* elements at the first one's address: the arena's memory reused */
} StreamSeen;

static void
stream_sink(const PlanJsonTreeItem *item, gpointer user_data)
{
	StreamSeen *seen = user_data;
	const cJSON *element = item->element;
	PlanLoc loc = plan_text_index_loc(item->lines, (gsize)element->valueint - 1);

	if (seen->first_element == NULL)
		seen->first_element = element;
	else if (element == seen->first_element)
		seen->same_place++;
	g_string_append_printf(seen->seen, "%u[%u] at %u:%u type %d", item->key, item->index,
			       loc.line, loc.column, element->type);
	if (cJSON_IsObject(element))
		g_string_append_printf(seen->seen, " %s=%g", element->child->string,
				       element->child->valuedouble);
	g_string_append_c(seen->seen, '\n');
}

/* the first "v" and "w" of the root go to the sink element by element and stay in the tree as
 * empty arrays, with their positions; a second "v", a "v" inside an element and a "w" that is
 * not an array are kept whole */
static void
test_stream(void)
{
	/*  line 1: offsets 0-1 "{\n"; line 2 from offset 2 */
	const char *text = "{\n"
			   " \"a\": 1, \"v\": [{\"x\": 1}, 2,\n"
			   " {\"x\": 3, \"v\": [4]}], \"w\": [], \"v\": [5], \"u\": {\"w\": [6]}}";
	static const char *const keys[] = {"v", "w", NULL};
	StreamSeen seen = {g_string_new(NULL), NULL, 0};
	PlanJsonTreeStream stream = {keys, stream_sink, &seen};
	g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
	g_autoptr(PlanTextIndex) lines = NULL;
	cJSON *root = plan_json_tree_parse_streamed(text, strlen(text), PLAN_MODEL_MAX_DEPTH,
						    arena, &stream, &lines);
	cJSON *v;

	g_assert_nonnull(root);
	/* line 2 is ' "a": 1, "v": [{"x": 1}, 2,': the '{' of element 0 at column 16 (offset
	 * 17), the 2 at column 26; line 3 ' {"x": 3, ...' has element 2 at column 2 */
	g_assert_cmpstr(seen.seen->str, ==,
			"0[0] at 2:16 type 64 x=1\n"
			"0[1] at 2:26 type 8\n"
			"0[2] at 3:2 type 64 x=3\n");
	/* each element was parsed into the memory of the one before */
	g_assert_cmpuint(seen.same_place, ==, 2);
	v = cJSON_GetObjectItemCaseSensitive(root, "v");
	g_assert_true(cJSON_IsArray(v));
	g_assert_null(v->child);
	g_assert_cmpint(v->valueint, ==, 16 + 1); /* its '[' at offset 16 */
	/* "w" came as an empty array: nothing to hand over, and streamed */
	g_assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "w")));
	/* the second "v" is whole, as is the "w" inside "u" */
	g_assert_cmpfloat(v->next->next->child->valuedouble, ==, 5.0);
	g_assert_cmpfloat(
	    cJSON_GetObjectItemCaseSensitive(root, "u")->child->child->valuedouble, ==, 6.0);
	g_string_free(seen.seen, TRUE);
}

/* a text the parser declines after streaming some elements: NULL, the sink having seen them */
static void
test_stream_declines(void)
{
	const char *text = "{\"v\": [{\"x\": 1}, {\"x\": 2}, {\"x\": \"\\ud83d\\ude00\"}]}";
	static const char *const keys[] = {"v", NULL};
	StreamSeen seen = {g_string_new(NULL), NULL, 0};
	PlanJsonTreeStream stream = {keys, stream_sink, &seen};
	g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
	g_autoptr(PlanTextIndex) lines = NULL;

	g_assert_null(plan_json_tree_parse_streamed(text, strlen(text), PLAN_MODEL_MAX_DEPTH,
						    arena, &stream, &lines));
	g_assert_null(lines);
	g_assert_cmpstr(seen.seen->str, ==, "0[0] at 1:8 type 64 x=1\n0[1] at 1:18 type 64 x=2\n");
	g_string_free(seen.seen, TRUE);
}

/* the loader reads "vpcs" and "services" element by element as they are parsed, yet lists the
 * problems in the order of the file, as it did reading the whole tree: the root's missing
 * "region" (at the root's '{') and its bad "ecsplan" before the elements' problems, the bad
 * "name" after "vpcs" after them; and the first 100 of them all, the rest counted */
static void
test_loader_stream_order(void)
{
	g_autoptr(GString) text = g_string_new("{\"ecsplan\": 2,\n\"vpcs\": [");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;
	g_auto(GStrv) lines = NULL;

	/* 120 VPCs with a cidr that is a number: a problem each, on lines 3 to 122 */
	for (guint i = 0; i < 120; i++)
		g_string_append_printf(text, "%s\n{\"name\": \"v%u\", \"cidr\": %u}", i > 0 ? "," : "", i,
				       i);
	g_string_append(text, "],\n\"name\": 5, \"services\": [{\"name\": 6}]}");
	model = plan_model_load_data(text->str, text->len, "m.json", &error);
	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	lines = g_strsplit(error->message, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 101);
	g_assert_cmpstr(lines[0], ==, "m.json:1:1: (top): missing required field 'region' in model");
	g_assert_cmpstr(lines[1], ==,
			"m.json:1:13: ecsplan: model version 2 is not supported; this ecsplan reads "
			"version 1");
	/* '{"name": "v0", "cidr": ' is 23 bytes: the 0 at column 24 of line 3; with "v97",
	 * column 25 of line 100 */
	g_assert_cmpstr(lines[2], ==,
			"m.json:3:24: vpcs[0].cidr: expected a string like \"10.0.1.0/24\", got a "
			"number");
	g_assert_cmpstr(lines[99], ==,
			"m.json:100:25: vpcs[97].cidr: expected a string like \"10.0.1.0/24\", got "
			"a number");
	/* 2 + 120 + the model's name and the service's, both numbers: 124 */
	g_assert_cmpstr(lines[100], ==, "m.json: ... and 24 more problems");
	g_assert_cmpuint(plan_error_n_problems(error), ==, 124);
}

/* a model the one-pass parser declines after it streamed some VPCs (a surrogate pair in the
 * third) loads through cJSON from the start: each problem once, nothing kept from before */
static void
test_loader_stream_declines(void)
{
	const char *text = "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [\n"
			   "{\"name\": \"a\", \"cidr\": 1},\n"
			   "{\"name\": \"b\", \"cidr\": \"10.1.0.0/16\"},\n"
			   "{\"name\": \"\\ud83d\\ude00\", \"cidr\": \"10.2.0.0/16\"}]}";
	const char *good = "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [\n"
			   "{\"name\": \"a\", \"cidr\": \"10.0.0.0/16\", \"x\": 1},\n"
			   "{\"name\": \"\\ud83d\\ude00\", \"cidr\": \"10.2.0.0/16\"}]}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_data(text, strlen(text), "m.json", &error);
	const PlanVpc *vpc;

	g_assert_null(model);
	g_assert_cmpstr(error->message, ==,
			"m.json:2:23: vpcs[0].cidr: expected a string like \"10.0.1.0/24\", got a "
			"number");
	g_clear_error(&error);
	model = plan_model_load_data(good, strlen(good), "m.json", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(model->vpcs->len, ==, 2);
	g_assert_cmpuint(model->load_diagnostics->len, ==, 1);
	vpc = g_ptr_array_index(model->vpcs, 1);
	g_assert_cmpstr(vpc->name, ==, "\xf0\x9f\x98\x80"); /* U+1F600 in UTF-8 */
}

/* a rewind gives back the chunks taken since the mark: the next take returns the same memory */
static void
test_arena_rewind(void)
{
	g_autoptr(PlanJsonArena) arena = plan_json_arena_new();
	PlanJsonArenaMark mark;
	gpointer first;
	gpointer big;

	first = plan_json_arena_take(arena, 16);
	plan_json_arena_mark(arena, &mark);
	/* past the first chunk (64 KiB): a chunk of its own, then another for the next take */
	big = plan_json_arena_take(arena, 1024 * 1024);
	memset(big, 1, 1024 * 1024);
	g_assert_true(plan_json_arena_take(arena, 8) != (guint8 *)first + 16);
	plan_json_arena_rewind(arena, &mark);
	g_assert_true(plan_json_arena_take(arena, 8) == (guint8 *)first + 16);
	g_assert_true(plan_json_arena_take(arena, 1024 * 1024) == big);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/jsontree/values", test_values);
	g_test_add_func("/jsontree/lines", test_lines);
	g_test_add_func("/jsontree/declines", test_declines);
	g_test_add_func("/jsontree/utf8", test_utf8);
	g_test_add_func("/jsontree/string-words", test_string_words);
	g_test_add_func("/jsontree/unicode-escapes", test_unicode_escapes);
	g_test_add_func("/jsontree/loc-from", test_loc_from);
	g_test_add_func("/jsontree/depth", test_depth);
	g_test_add_func("/jsontree/loader-paths", test_loader_paths);
	g_test_add_func("/jsontree/examples", test_examples);
	g_test_add_func("/jsontree/stream", test_stream);
	g_test_add_func("/jsontree/stream-declines", test_stream_declines);
	g_test_add_func("/jsontree/arena-rewind", test_arena_rewind);
	g_test_add_func("/jsontree/loader-stream-order", test_loader_stream_order);
	g_test_add_func("/jsontree/loader-stream-declines", test_loader_stream_declines);
	return g_test_run();
}
