/* reading models: JSON text -> PlanModel. This file takes the text: its checks, the parse
 * (streaming the root's long arrays), the order of the problems, the entry points; the schema
 * walk that reads each element is loader-read.c (loader-private.h) */
#include "loader.h"
#include "loader-private.h"

#include <string.h>

#include "compat.h"
#include "json-util.h"
#include "json-arena.h"
#include "diagnostic.h"
#include "jsonpos.h"
#include "jsontree.h"
#include "plan-error.h"
#include "plan-resources.h"
#include "schema-private.h"
#include "input.h"
#include "schedule.h"
#include "text.h"

/* ---- the loader's state ------------------------------------------------------------------ */

static void
plan_loader_clear(PlanLoader *loader)
{
	g_clear_pointer(&loader->lines, plan_text_index_free);
	if (loader->path != NULL)
		g_string_free(g_steal_pointer(&loader->path), TRUE);
	g_clear_pointer(&loader->problems, g_ptr_array_unref);
	g_clear_pointer(&loader->problem_offsets, g_array_unref);
	g_clear_pointer(&loader->warnings, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PlanLoader, plan_loader_clear)

/* a problem's place in the text, and its place in the list for ties */
typedef struct {
	gsize offset;
	guint index;
} PlanLoaderOrder;

static gint
plan_loader_order_compare(gconstpointer a, gconstpointer b)
{
	const PlanLoaderOrder *x = a;
	const PlanLoaderOrder *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* the problems in the order of the file, as reading the whole tree finds them: the streamed
 * elements' came first, the root's (its required fields, the members around the arrays)
 * after. Each part is in the file's order and holds its own first PLAN_LOADER_MAX_PROBLEMS,
 * so the first PLAN_LOADER_MAX_PROBLEMS of the two merged are the file's first */
static void
plan_loader_in_order(PlanLoader *loader)
{
	guint n = loader->problems->len;
	g_autofree PlanLoaderOrder *order = g_new(PlanLoaderOrder, MAX(n, 1));
	g_autofree gpointer *texts = g_new(gpointer, MAX(n, 1));

	for (guint i = 0; i < n; i++) {
		order[i].offset = g_array_index(loader->problem_offsets, gsize, i);
		order[i].index = i;
		texts[i] = g_ptr_array_index(loader->problems, i);
	}
	qsort(order, n, sizeof *order, plan_loader_order_compare);
	for (guint i = 0; i < n; i++)
		loader->problems->pdata[i] = texts[order[i].index];
	if (n > PLAN_LOADER_MAX_PROBLEMS)
		g_ptr_array_set_size(loader->problems, PLAN_LOADER_MAX_PROBLEMS);
}

static gint
plan_loader_warning_compare(gconstpointer a, gconstpointer b)
{
	const PlanDiagnostic *x = *(PlanDiagnostic *const *)a;
	const PlanDiagnostic *y = *(PlanDiagnostic *const *)b;

	if (x->loc.line != y->loc.line)
		return x->loc.line < y->loc.line ? -1 : 1;
	return x->loc.column < y->loc.column ? -1 : x->loc.column > y->loc.column;
}

static gboolean
plan_loader_fail(PlanLoader *loader, GError **error)
{
	if (loader->streamed)
		plan_loader_in_order(loader);
	plan_set_problems_error(error, loader->file, loader->problems, loader->n_problems);
	return FALSE;
}

/* ---- streaming the root's long arrays ------------------------------------------------------ */

/* the root's arrays of objects that are read element by element as they are parsed
 * (plan_json_tree_parse_streamed): those whose elements stand on their own (not in a block) */
typedef struct {
	const PlanField *fields[64];
	const char *keys[65]; /* NULL-terminated */
} PlanLoaderStreamed;

static const PlanLoaderStreamed *
plan_loader_streamed(void)
{
	static PlanLoaderStreamed streamed;
	static gsize done;

	if (g_once_init_enter(&done)) {
		guint n = 0;
		for (guint i = 0; i < schema_model.n_fields && n < 64; i++) {
			const PlanField *field = &schema_model.fields[i];
			if (field->kind == FIELD_ARRAY && field->schema->create_block == NULL) {
				streamed.fields[n] = field;
				streamed.keys[n++] = field->name;
			}
		}
		g_once_init_leave(&done, 1);
	}
	return &streamed;
}

/* one element of a streamed array, read as plan_loader_read_array() reads each of its
 * elements, with the path it would have */
static void
plan_loader_stream_element(const PlanJsonTreeItem *item, gpointer user_data)
{
	PlanLoader *loader = user_data;
	const PlanField *field = plan_loader_streamed()->fields[item->key];
	GPtrArray *out = *(GPtrArray **)((guint8 *)loader->model + field->offset);

	loader->streamed = TRUE;
	/* borrowed for the element's positions: the parser owns it until it returns */
	loader->lines = (PlanTextIndex *)item->lines;
	plan_loader_path_cut(loader, 0);
	plan_loader_path_append(loader, field->name, strlen(field->name));
	plan_loader_read_element(loader, item->element, item->index, field->schema, out, NULL);
	plan_loader_path_cut(loader, 0);
	loader->lines = NULL;
}


static gboolean
plan_loader_syntax_error(const char *file, const PlanTextIndex *lines, const char *data,
			 gsize length, gsize offset, const char *what, GError **error)
{
	PlanLoc loc = plan_text_index_loc(lines, MIN(offset, length));
	g_autofree char *excerpt = plan_json_excerpt(data, length, offset);

	/* cJSON reports running out of input as the last byte: at a trailing space or newline,
	 * say "end of the file" rather than quote the space */
	if (offset >= length || excerpt[0] == '\0' ||
	    (offset + 1 == length && (guchar)data[offset] <= 32))
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: %s at the end of the file (unclosed { or [?)", file,
			    loc.line, loc.column, what);
	else
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: %s near '%s' (check for a missing comma, quote or bracket, "
			    "or a trailing comma)",
			    file, loc.line, loc.column, what, excerpt);
	return FALSE;
}

/* text that is not worth handing to the parser: only white space */
static gboolean
plan_loader_check_blank(const char *file, const char *data, gsize length, GError **error)
{
	g_autoptr(PlanTextIndex) lines = NULL; /* only for a message */
	gsize at = 0;
	PlanLoc loc;

	while (at < length && (guchar)data[at] <= 32)
		at++;
	if (at < length)
		return TRUE;
	lines = plan_text_index_new(data, length);
	loc = plan_text_index_loc(lines, length);
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s:%u:%u: the file holds only white space; expected a JSON object", file,
		    loc.line, loc.column);
	return FALSE;
}

/* names end up in JSON, SVG and XML output, which must be valid UTF-8. Asked only when the
 * one-pass parser declines: what it accepts is UTF-8 (jsontree.h) */
static gboolean
plan_loader_check_utf8(const char *file, const char *data, gsize length, GError **error)
{
	g_autoptr(PlanTextIndex) lines = NULL; /* only for a message */
	const char *invalid = NULL;
	PlanLoc loc;

	if (plan_text_utf8_validate(data, length, &invalid))
		return TRUE;
	lines = plan_text_index_new(data, length);
	loc = plan_text_index_loc(lines, (gsize)(invalid - data));
	g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
		    "%s:%u:%u: invalid UTF-8 (byte 0x%02x); a model must be UTF-8 text", file,
		    loc.line, loc.column, (guchar)*invalid);
	return FALSE;
}

/* the text the one-pass parser declined (jsontree.h): the value scan for the nesting and the
 * positions, then cJSON, which accepts what it always accepted (a byte order mark, surrogate \u
 * escapes, numbers like 01) and words every refusal as before. Returns: (transfer none) the root in
 * *@arena, each node's valueint its offset + 1; or NULL with @error set */
static cJSON *
plan_loader_parse_cjson(const char *data, gsize length, const char *display_name,
			PlanJsonArena **arena, PlanTextIndex **lines, GError **error)
{
	g_autoptr(GArray) offsets = NULL;
	cJSON *root = NULL; /* lives in the arena: never cJSON_Delete it */
	const char *end = NULL;
	gsize error_offset = 0;

	g_clear_pointer(lines, plan_text_index_free);
	offsets = plan_json_scan(data, length, PLAN_MODEL_MAX_DEPTH, &error_offset, lines);
	if (offsets == NULL) {
		PlanLoc loc;
		*lines = plan_text_index_new(data, length);
		loc = plan_text_index_loc(*lines, error_offset);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s:%u:%u: nested more than %u levels deep; a model needs fewer than 10",
			    display_name, loc.line, loc.column, PLAN_MODEL_MAX_DEPTH);
		return NULL;
	}
	*arena = plan_json_arena_push();
	root = cJSON_ParseWithLengthOpts(data, length, &end, FALSE);
	plan_json_arena_pop(*arena);
	if (root == NULL) {
		gsize at = end != NULL && end >= data ? (gsize)(end - data) : 0;
		at = plan_json_key_error_offset(data, length, at);
		plan_loader_syntax_error(display_name, *lines, data, length, at,
					 "not valid JSON", error);
		return NULL;
	}
	/* anything but white space after the value is an error too */
	for (gsize at = (gsize)(end - data); at < length; at++) {
		if ((guchar)data[at] > 32) {
			plan_loader_syntax_error(display_name, *lines, data, length, at,
						 "unexpected text after the JSON value", error);
			return NULL;
		}
	}

	plan_json_map_offsets(root, offsets);
	return root;
}

PlanModel *
plan_model_load_data(const char *data, gsize length, const char *display_name, GError **error)
{
	return plan_model_load_data_with_flags(data, length, display_name, PLAN_MODEL_LOAD_DEFAULT,
					       error);
}

PlanModel *
plan_model_load_data_with_flags(const char *data, gsize length, const char *display_name,
				PlanModelLoadFlags flags, GError **error)
{
	g_auto(PlanLoader) loader = {0};
	g_autoptr(PlanJsonArena) arena = NULL;
	cJSON *root = NULL; /* lives in the arena: never cJSON_Delete it */
	g_autoptr(PlanModel) model = NULL;
	PlanJsonTreeStream stream = {NULL, plan_loader_stream_element, NULL};

	g_return_val_if_fail(data != NULL || length == 0, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	loader.file = display_name;
	if (length > PLAN_MODEL_MAX_BYTES) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    "%s: file is %" G_GSIZE_FORMAT " bytes; models are limited to %u MiB",
			    display_name, length, PLAN_MODEL_MAX_BYTES / (1024u * 1024u));
		return NULL;
	}
	/* the line index comes with the scan below; the problems found before it make their own */
	if (length == 0 || memchr(data, '\0', length) != NULL) {
		gsize at = length == 0 ? 0 : (gsize)((const char *)memchr(data, '\0', length) - data);
		PlanLoc loc;
		loader.lines = plan_text_index_new(data, length);
		loc = plan_text_index_loc(loader.lines, at);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL,
			    length == 0 ? "%s:%u:%u: the file is empty; expected a JSON object"
					: "%s:%u:%u: NUL byte in the file; expected JSON text",
			    display_name, loc.line, loc.column);
		return NULL;
	}
	if (!plan_loader_check_blank(display_name, data, length, error))
		return NULL;
	loader.have_offsets = TRUE;
	loader.path = g_string_new(NULL);
	loader.problems = g_ptr_array_new_with_free_func(g_free);
	loader.problem_offsets = g_array_new(FALSE, FALSE, sizeof(gsize));
	loader.warnings = plan_diagnostics_new();
	model = plan_model_new();
	loader.model = model;
	/* plain JSON, the common case: the tree, its positions and the line index in one pass,
	 * the root's long arrays read element by element as they are parsed */
	arena = plan_json_arena_new();
	stream.keys = plan_loader_streamed()->keys;
	stream.user_data = &loader;
	root = plan_json_tree_parse_streamed(data, length, PLAN_MODEL_MAX_DEPTH, arena, &stream,
					     &loader.lines);
	if (root == NULL) {
		/* what the elements streamed before the parser declined made is dropped */
		if (loader.streamed) {
			g_clear_pointer(&model, plan_model_free);
			model = plan_model_new();
			loader.model = model;
			g_ptr_array_set_size(loader.problems, 0);
			g_array_set_size(loader.problem_offsets, 0);
			g_ptr_array_set_size(loader.warnings, 0);
			loader.n_problems = 0;
			loader.streamed = FALSE;
		}
		/* anything else is cJSON's to accept or refuse, with the messages it always had,
		 * once it is UTF-8 */
		g_clear_pointer(&arena, plan_json_arena_free);
		if (!plan_loader_check_utf8(display_name, data, length, error))
			return NULL;
		root = plan_loader_parse_cjson(data, length, display_name, &arena, &loader.lines,
					       error);
		if (root == NULL)
			return NULL;
	}
	loader.root_problems = loader.problems->len;

	if (!cJSON_IsObject(root)) {
		plan_loader_problem(&loader, root, "expected a JSON object with \"ecsplan\": 1, got %s",
				    plan_json_type_name(root));
		plan_loader_fail(&loader, error);
		return NULL;
	}
	model->version = 0;
	model->file = g_strdup(display_name);
	if (!(flags & PLAN_MODEL_LOAD_NO_CHECKSUM))
		model->sha256 =
			g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, length);
	plan_loader_read_object(&loader, root, &schema_model, model);
	model->region_loc = plan_loader_loc(&loader, cJSON_GetObjectItemCaseSensitive(root, "region"));
	if (loader.n_problems > 0) {
		plan_loader_fail(&loader, error);
		return NULL;
	}
	/* the unknown-field warnings in the order of the file, as without streaming (a stable
	 * sort: those at one place keep their order) */
	if (loader.streamed)
		g_ptr_array_sort(loader.warnings, plan_loader_warning_compare);
	g_ptr_array_extend_and_steal(model->load_diagnostics, g_steal_pointer(&loader.warnings));
	plan_model_link(model);
	return g_steal_pointer(&model);
}

PlanModel *
plan_model_load_file(const char *filename, GError **error)
{
	g_autofree char *data = NULL;
	gsize length = 0;

	g_return_val_if_fail(filename != NULL, NULL);
	if (!plan_input_read(filename, &plan_input_model, &data, &length, error))
		return NULL;
	return plan_model_load_data(data, length, filename, error);
}

#define PLAN_EXAMPLES_PATH "/org/ecsplan/examples/"

PlanModel *
plan_model_load_builtin(const char *name, GError **error)
{
	g_autofree char *path = NULL;
	g_autofree char *display = NULL;
	g_autoptr(GBytes) bytes = NULL;
	gsize length = 0;
	const char *data;

	if (name == NULL)
		name = PLAN_MODEL_BUILTIN;
	path = g_strconcat(PLAN_EXAMPLES_PATH, name, ".json", NULL);
	/* asking the generated resource directly also keeps it linked from the static library */
	bytes = g_resource_lookup_data(plan_resources_get_resource(), path,
				       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
	if (bytes == NULL) {
		g_auto(GStrv) names = plan_model_builtin_names();
		g_autofree char *known = plan_text_join_quoted((const char *const *)names,
							       g_strv_length(names), 20);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "no built-in example '%s'; the examples are %s", name, known);
		return NULL;
	}
	display = g_strconcat("models/examples/", name, ".json", NULL);
	data = g_bytes_get_data(bytes, &length);
	return plan_model_load_data(data, length, display, error);
}

static int
plan_compare_strings(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

GStrv
plan_model_builtin_names(void)
{
	g_auto(GStrv) children = g_resource_enumerate_children(
		plan_resources_get_resource(), PLAN_EXAMPLES_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE,
		NULL);
	g_autoptr(GStrvBuilder) builder = g_strv_builder_new();
	GStrv names;

	for (guint i = 0; children != NULL && children[i] != NULL; i++) {
		if (g_str_has_suffix(children[i], ".json")) {
			g_autofree char *stem =
				g_strndup(children[i], strlen(children[i]) - strlen(".json"));
			g_strv_builder_add(builder, stem);
		}
	}
	names = g_strv_builder_end(builder);
	qsort(names, g_strv_length(names), sizeof(char *), plan_compare_strings);
	return names;
}
