/* ecsplan: JSON written straight into a GString, byte for byte as cJSON_Print formats the same
 * tree (tab indents, "key":<TAB>value, ", " between array elements, cJSON's string escapes),
 * without building the tree. A renderer that writes a row per subnet makes a million cJSON
 * nodes at 100,000 subnets; writing them directly is several times faster and needs no memory
 * but the output (issue 18). Documents that stay small keep using cJSON trees. */
#pragma once

#include <glib.h>

#include "number.h"

G_BEGIN_DECLS

#define REPORT_JSON_WRITER_MAX_DEPTH 32

typedef struct {
	GString *out;
	guint depth;
	/* per open container: nothing written in it yet */
	gboolean empty[REPORT_JSON_WRITER_MAX_DEPTH];
	/* per open container: an array (elements joined by ", ", no keys) */
	gboolean array[REPORT_JSON_WRITER_MAX_DEPTH];
} ReportJsonWriter;

void report_json_writer_init(ReportJsonWriter *writer, GString *out);
/* @key: the member's name inside an object; NULL inside an array or at the top */
void report_json_writer_begin_object(ReportJsonWriter *writer, const char *key);
void report_json_writer_begin_array(ReportJsonWriter *writer, const char *key);
/* closes the innermost object or array */
void report_json_writer_end(ReportJsonWriter *writer);
/* @value: NULL writes "" (as cJSON prints a string item without text) */
void report_json_writer_string(ReportJsonWriter *writer, const char *key, const char *value);
void report_json_writer_int(ReportJsonWriter *writer, const char *key, gint64 value);
void report_json_writer_null(ReportJsonWriter *writer, const char *key);
void report_json_writer_bool(ReportJsonWriter *writer, const char *key, gboolean value);

/* @text as a JSON string literal with cJSON's escapes, appended to @out */
void report_json_append_string(GString *out, const char *text);
/* @value in decimal, appended to @out (no printf; report_int_text() in number.h) */
void report_json_append_int(GString *out, gint64 value);

G_END_DECLS
