/* ecsplan: small helpers shared by every module that reads JSON with cJSON */
#pragma once

#include <glib.h>
#include <cjson/cJSON.h>

G_BEGIN_DECLS

/* "a string", "a number", "true", "an object", ...: for "expected X, got Y" messages */
const char *plan_json_type_name(const cJSON *node);

/* a short printable excerpt of @data at @offset (at most 16 bytes, up to the end of the line,
 * control bytes as \xNN) for syntax errors. Returns: (transfer full) */
char *plan_json_excerpt(const char *data, gsize length, gsize offset) G_GNUC_WARN_UNUSED_RESULT;

/* cJSON reports a missing object key (a trailing comma before '}', a key in single quotes)
 * one byte past the culprit; returns the culprit's offset, the byte after '{' or ',' */
gsize plan_json_key_error_offset(const char *data, gsize length, gsize offset);

/* cJSON keeps no source positions. zips a pre-order walk of @root with @offsets (guint32
 * value starts in document order, from plan_json_value_offsets) and keeps each offset + 1 in
 * the node's valueint (0: unknown): cJSON fills valueint only as a legacy copy of numbers,
 * which we never read (we read valuedouble), and a side table for a million nodes cost more
 * than the rest of the walk. files are < 2^31 bytes (the loaders' limit) */
void plan_json_map_offsets(cJSON *root, const GArray *offsets);

G_END_DECLS

/* cJSON_Print / cJSON_PrintUnformatted return NULL when an allocation fails or the document
 * passes what cJSON can print (int lengths); these turn that into an error instead of an empty
 * document. */

/* appends @root printed (tab-indented when @formatted) to @out; FALSE with @error set
 * (PLAN_ERROR_NO_SPACE) when cJSON fails, leaving @out as it was */
gboolean plan_json_print_append(GString *out, const cJSON *root, gboolean formatted,
				GError **error);
/* @text as a JSON string literal, quotes included. Returns: (transfer full): the literal, or
 * NULL with @error set when cJSON fails */
char *plan_json_quote(const char *text, GError **error) G_GNUC_WARN_UNUSED_RESULT;
