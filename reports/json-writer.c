#include "json-writer.h"

#include <string.h>

/* g_string_append_len through g_string_insert_len was a third of the writer's time: appends
 * here reserve room (doubling, as GString does) and copy */
static inline void
report_json_put(GString *out, const char *bytes, gsize n)
{
	if (G_UNLIKELY(out->len + n >= out->allocated_len)) {
		gsize len = out->len;
		g_string_set_size(out, len + n);
		out->len = len;
	}
	memcpy(out->str + out->len, bytes, n);
	out->len += n;
	out->str[out->len] = '\0';
}

static inline void
report_json_put_c(GString *out, char c)
{
	report_json_put(out, &c, 1);
}

void
report_json_writer_init(ReportJsonWriter *writer, GString *out)
{
	memset(writer, 0, sizeof *writer);
	writer->out = out;
}

static void
report_json_writer_tabs(GString *out, guint n)
{
	static const char tabs[] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
	while (n > 0) {
		guint chunk = MIN(n, (guint)(sizeof tabs - 1));
		report_json_put(out, tabs, chunk);
		n -= chunk;
	}
}

/* what comes before a value: the separator from the previous one, then the key in an object */
static void
report_json_writer_lead(ReportJsonWriter *writer, const char *key)
{
	GString *out = writer->out;
	guint depth = writer->depth;

	if (depth == 0)
		return;
	if (writer->array[depth - 1]) {
		g_return_if_fail(key == NULL);
		if (!writer->empty[depth - 1])
			report_json_put(out, ", ", 2);
	} else {
		g_return_if_fail(key != NULL);
		if (!writer->empty[depth - 1])
			report_json_put(out, ",\n", 2);
		report_json_writer_tabs(out, depth);
		report_json_append_string(out, key);
		report_json_put(out, ":\t", 2);
	}
	writer->empty[depth - 1] = FALSE;
}

static void
report_json_writer_open(ReportJsonWriter *writer, const char *key, gboolean array)
{
	report_json_writer_lead(writer, key);
	g_return_if_fail(writer->depth < REPORT_JSON_WRITER_MAX_DEPTH);
	report_json_put(writer->out, array ? "[" : "{\n", array ? 1 : 2);
	writer->empty[writer->depth] = TRUE;
	writer->array[writer->depth] = array;
	writer->depth++;
}

void
report_json_writer_begin_object(ReportJsonWriter *writer, const char *key)
{
	report_json_writer_open(writer, key, FALSE);
}

void
report_json_writer_begin_array(ReportJsonWriter *writer, const char *key)
{
	report_json_writer_open(writer, key, TRUE);
}

void
report_json_writer_end(ReportJsonWriter *writer)
{
	GString *out = writer->out;
	guint depth;

	g_return_if_fail(writer->depth > 0);
	depth = --writer->depth;
	if (writer->array[depth]) {
		report_json_put_c(out, ']');
		return;
	}
	if (!writer->empty[depth])
		report_json_put_c(out, '\n');
	report_json_writer_tabs(out, depth);
	report_json_put_c(out, '}');
}

void
report_json_writer_string(ReportJsonWriter *writer, const char *key, const char *value)
{
	report_json_writer_lead(writer, key);
	report_json_append_string(writer->out, value != NULL ? value : "");
}

void
report_json_writer_int(ReportJsonWriter *writer, const char *key, gint64 value)
{
	report_json_writer_lead(writer, key);
	report_json_append_int(writer->out, value);
}

void
report_json_writer_null(ReportJsonWriter *writer, const char *key)
{
	report_json_writer_lead(writer, key);
	report_json_put(writer->out, "null", 4);
}

void
report_json_writer_bool(ReportJsonWriter *writer, const char *key, gboolean value)
{
	report_json_writer_lead(writer, key);
	if (value)
		report_json_put(writer->out, "true", 4);
	else
		report_json_put(writer->out, "false", 5);
}

/* cJSON's print_string_ptr: '"' and '\\' and the control characters are escaped (the short
 * forms where JSON has them, else \u00XX in lower-case hex); every other byte, UTF-8 included,
 * is copied as it is */
void
report_json_append_string(GString *out, const char *text)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = text;
	const char *at = text;

	report_json_put_c(out, '"');
	for (;; at++) {
		guchar c = (guchar)*at;
		if (c >= 32 && c != '"' && c != '\\')
			continue;
		if (at > run)
			report_json_put(out, run, at - run);
		if (c == '\0')
			break;
		run = at + 1;
		switch (c) {
		case '"':
			report_json_put(out, "\\\"", 2);
			break;
		case '\\':
			report_json_put(out, "\\\\", 2);
			break;
		case '\b':
			report_json_put(out, "\\b", 2);
			break;
		case '\f':
			report_json_put(out, "\\f", 2);
			break;
		case '\n':
			report_json_put(out, "\\n", 2);
			break;
		case '\r':
			report_json_put(out, "\\r", 2);
			break;
		case '\t':
			report_json_put(out, "\\t", 2);
			break;
		default: {
			char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			report_json_put(out, escape, sizeof escape);
			break;
		}
		}
	}
	report_json_put_c(out, '"');
}

void
report_json_append_int(GString *out, gint64 value)
{
	char text[REPORT_INT_TEXT_SIZE];
	gsize length = report_int_text(text, value);

	report_json_put(out, text, length);
}
