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

/* one member of report_json_writer_object(): a string (NULL writes ""), an integer or null */
typedef enum {
	REPORT_JSON_STRING,
	REPORT_JSON_INT,
	REPORT_JSON_NULL,
} ReportJsonKind;

typedef struct {
	const char *key;
	/* 0: measured and escaped as needed; else the key's length, and the key is written as it
	 * is (REPORT_JSON_KEY: for keys in the program's text, which need no escape) */
	gsize key_length;
	ReportJsonKind kind;
	const char *string;
	gint64 number;
} ReportJsonMember;

/* a key written in the program, with its length: "vpc" -> "vpc", 3 */
#define REPORT_JSON_KEY(key) key, sizeof(key) - 1

/* an object of @n_members scalar members, the same bytes as begin_object, a call per member
 * and end, written with one reservation when no key or string needs an escape (a validate
 * document's subnet row: issue 18) */
void report_json_writer_object(ReportJsonWriter *writer, const char *key,
			       const ReportJsonMember *members, guint n_members);

/* @text as a JSON string literal with cJSON's escapes, appended to @out */
void report_json_append_string(GString *out, const char *text);
/* @value in decimal, appended to @out (no printf; plan_text_int() in number.h) */
void report_json_append_int(GString *out, gint64 value);

G_END_DECLS
