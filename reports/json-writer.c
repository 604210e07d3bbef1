#include "json-writer.h"

#include <string.h>

#include "put.h"

void
report_json_writer_init(ReportJsonWriter *writer, GString *out)
{
	memset(writer, 0, sizeof *writer);
	writer->out = out;
}

/* 1 for the bytes a JSON string cannot hold as they are: '"', '\\', the control characters
 * and the NUL that ends the text (so one test finds the end too) */
static const guint8 report_json_special[256] = {
    [0] = 1,  [1] = 1,  [2] = 1,  [3] = 1,  [4] = 1,  [5] = 1,  [6] = 1,  [7] = 1,
    [8] = 1,  [9] = 1,  [10] = 1, [11] = 1, [12] = 1, [13] = 1, [14] = 1, [15] = 1,
    [16] = 1, [17] = 1, [18] = 1, [19] = 1, [20] = 1, [21] = 1, [22] = 1, [23] = 1,
    [24] = 1, [25] = 1, [26] = 1, [27] = 1, [28] = 1, [29] = 1, [30] = 1, [31] = 1,
    ['"'] = 1, ['\\'] = 1,
};

/* the length of @text when none of its bytes needs an escape, else -1 */
static inline gssize
report_json_plain_length(const char *text)
{
	const char *at = text;

	while (!report_json_special[(guchar)*at])
		at++;
	return *at == '\0' ? at - text : -1;
}

/* @n bytes from @from to @to, without a call for the short copies a row is made of (names,
 * numbers, keys): two overlapping loads and stores cover 4 to 16 bytes */
static inline void
report_json_copy(char *to, const char *from, gsize n)
{
	if (n >= 16) {
		memcpy(to, from, n);
	} else if (n >= 8) {
		guint64 head;
		guint64 tail;
		memcpy(&head, from, 8);
		memcpy(&tail, from + n - 8, 8);
		memcpy(to, &head, 8);
		memcpy(to + n - 8, &tail, 8);
	} else if (n >= 4) {
		guint32 head;
		guint32 tail;
		memcpy(&head, from, 4);
		memcpy(&tail, from + n - 4, 4);
		memcpy(to, &head, 4);
		memcpy(to + n - 4, &tail, 4);
	} else {
		for (gsize i = 0; i < n; i++)
			to[i] = from[i];
	}
}

/* @depth tabs at @to; room for max(depth, 8) bytes */
static inline char *
report_json_tabs(char *to, gsize depth)
{
	if (depth <= 8)
		memcpy(to, "\t\t\t\t\t\t\t\t", 8);
	else
		memset(to, '\t', depth);
	return to + depth;
}

/* what comes before a value: the separator from the previous one, then the key in an object.
 * a million values at 100,000 subnets: the separator, the indent and the key are written with
 * one reservation, not a call per piece (issue 18) */
static void
report_json_writer_lead(ReportJsonWriter *writer, const char *key)
{
	GString *out = writer->out;
	guint depth = writer->depth;
	gboolean first;
	gssize key_length;
	char *write;

	if (depth == 0)
		return;
	first = writer->empty[depth - 1];
	writer->empty[depth - 1] = FALSE;
	if (writer->array[depth - 1]) {
		g_return_if_fail(key == NULL);
		if (!first)
			report_put(out, ", ", 2);
		return;
	}
	g_return_if_fail(key != NULL);
	key_length = report_json_plain_length(key);
	if (G_UNLIKELY(key_length < 0)) {
		if (!first)
			report_put(out, ",\n", 2);
		for (guint i = 0; i < depth; i++)
			report_put_c(out, '\t');
		report_json_append_string(out, key);
		report_put(out, ":\t", 2);
		return;
	}
	/* ",\n", the tabs, the quoted key, ":\t"; the tabs as one 8-byte store when they fit */
	report_reserve(out, 2 + MAX(depth, 8u) + (gsize)key_length + 4);
	write = out->str + out->len;
	if (!first) {
		write[0] = ',';
		write[1] = '\n';
		write += 2;
	}
	if (depth <= 8) {
		memcpy(write, "\t\t\t\t\t\t\t\t", 8);
		write += depth;
	} else {
		memset(write, '\t', depth);
		write += depth;
	}
	*write++ = '"';
	memcpy(write, key, (gsize)key_length);
	write += key_length;
	write[0] = '"';
	write[1] = ':';
	write[2] = '\t';
	write[3] = '\0';
	out->len = (gsize)(write + 3 - out->str);
}

static void
report_json_writer_open(ReportJsonWriter *writer, const char *key, gboolean array)
{
	report_json_writer_lead(writer, key);
	g_return_if_fail(writer->depth < REPORT_JSON_WRITER_MAX_DEPTH);
	report_put(writer->out, array ? "[" : "{\n", array ? 1 : 2);
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
		report_put_c(out, ']');
		return;
	}
	if (!writer->empty[depth])
		report_put_c(out, '\n');
	for (guint i = 0; i < depth; i++)
		report_put_c(out, '\t');
	report_put_c(out, '}');
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
	report_put(writer->out, "null", 4);
}

void
report_json_writer_bool(ReportJsonWriter *writer, const char *key, gboolean value)
{
	report_json_writer_lead(writer, key);
	if (value)
		report_put(writer->out, "true", 4);
	else
		report_put(writer->out, "false", 5);
}

/* a member's value as report_json_writer_object() copies it: its bytes and how many */
typedef struct {
	const char *bytes;
	gsize length;
	char digits[PLAN_TEXT_INT_SIZE];
} ReportJsonValue;

static void
report_json_writer_member(ReportJsonWriter *writer, const ReportJsonMember *member)
{
	switch (member->kind) {
	case REPORT_JSON_STRING:
		report_json_writer_string(writer, member->key, member->string);
		break;
	case REPORT_JSON_INT:
		report_json_writer_int(writer, member->key, member->number);
		break;
	case REPORT_JSON_NULL:
	default:
		report_json_writer_null(writer, member->key);
		break;
	}
}

/* the members' keys and values measured into @key_lengths and @values; returns the bytes they
 * take, or -1 when a key or a string needs an escape */
static gssize
report_json_object_measure(const ReportJsonMember *members, guint n_members, gsize *key_lengths,
			   ReportJsonValue *values)
{
	gsize size = 0;

	for (guint i = 0; i < n_members; i++) {
		const ReportJsonMember *member = &members[i];
		gssize key_length = member->key_length > 0 ? (gssize)member->key_length
							  : report_json_plain_length(member->key);
		ReportJsonValue *value = &values[i];

		if (key_length < 0)
			return -1;
		key_lengths[i] = (gsize)key_length;
		switch (member->kind) {
		case REPORT_JSON_STRING: {
			const char *text = member->string != NULL ? member->string : "";
			gssize length = report_json_plain_length(text);
			if (length < 0)
				return -1;
			value->bytes = text;
			value->length = (gsize)length;
			break;
		}
		case REPORT_JSON_INT:
			value->length = plan_text_int(value->digits, member->number);
			value->bytes = value->digits;
			break;
		case REPORT_JSON_NULL:
		default:
			value->bytes = "null";
			value->length = 4;
			break;
		}
		size += key_lengths[i] + value->length + 2;
	}
	return (gssize)size;
}

void
report_json_writer_object(ReportJsonWriter *writer, const char *key,
			  const ReportJsonMember *members, guint n_members)
{
	ReportJsonValue values[16];
	gsize key_lengths[16];
	gssize measured;
	gsize depth;
	GString *out;
	char *write;

	g_return_if_fail(n_members > 0 && n_members <= G_N_ELEMENTS(values));
	measured = report_json_object_measure(members, n_members, key_lengths, values);
	if (measured < 0) {
		/* a key or a string with bytes to escape: one member at a time */
		report_json_writer_begin_object(writer, key);
		for (guint i = 0; i < n_members; i++)
			report_json_writer_member(writer, &members[i]);
		report_json_writer_end(writer);
		return;
	}
	/* the object's own lead and "{\n", then its members one level deeper */
	report_json_writer_lead(writer, key);
	depth = writer->depth + 1;
	g_return_if_fail(depth <= REPORT_JSON_WRITER_MAX_DEPTH);
	out = writer->out;
	/* per member ",\n", the indent (the tabs are stored eight at a time), the key's quotes
	 * and ":\t" (the string's quotes are in measured); "{\n" before, "\n", the indent and
	 * "}" after, and the NUL */
	report_reserve(out, (gsize)measured + n_members * (2 + MAX(depth, 8u) + 4) + 2 + 1 +
				MAX(depth, 8u) + 2);
	write = out->str + out->len;
	write[0] = '{';
	write[1] = '\n';
	write += 2;
	for (guint i = 0; i < n_members; i++) {
		const ReportJsonValue *value = &values[i];
		if (i > 0) {
			write[0] = ',';
			write[1] = '\n';
			write += 2;
		}
		write = report_json_tabs(write, depth);
		*write++ = '"';
		report_json_copy(write, members[i].key, key_lengths[i]);
		write += key_lengths[i];
		write[0] = '"';
		write[1] = ':';
		write[2] = '\t';
		write += 3;
		if (members[i].kind == REPORT_JSON_STRING)
			*write++ = '"';
		report_json_copy(write, value->bytes, value->length);
		write += value->length;
		if (members[i].kind == REPORT_JSON_STRING)
			*write++ = '"';
	}
	*write++ = '\n';
	write = report_json_tabs(write, depth - 1);
	*write++ = '}';
	*write = '\0';
	out->len = (gsize)(write - out->str);
}

/* cJSON's print_string_ptr: '"' and '\\' and the control characters are escaped (the short
 * forms where JSON has them, else \u00XX in lower-case hex); every other byte, UTF-8 included,
 * is copied as it is. A table lookup per byte finds the runs to copy whole */
void
report_json_append_string(GString *out, const char *text)
{
	static const char hex[] = "0123456789abcdef";
	const char *run = text;
	const char *at = text;

	while (!report_json_special[(guchar)*at])
		at++;
	if (*at == '\0') {
		/* nothing to escape, nearly every string: room once, then the quotes and bytes */
		gsize n = (gsize)(at - text);
		char *write;
		report_reserve(out, n + 2);
		write = out->str + out->len;
		write[0] = '"';
		memcpy(write + 1, text, n);
		write[n + 1] = '"';
		write[n + 2] = '\0';
		out->len += n + 2;
		return;
	}
	at = text;
	report_put_c(out, '"');
	for (;;) {
		guchar c;
		while (!report_json_special[(guchar)*at])
			at++;
		c = (guchar)*at;
		if (at > run)
			report_put(out, run, at - run);
		if (c == '\0')
			break;
		at++;
		run = at;
		switch (c) {
		case '"':
			report_put(out, "\\\"", 2);
			break;
		case '\\':
			report_put(out, "\\\\", 2);
			break;
		case '\b':
			report_put(out, "\\b", 2);
			break;
		case '\f':
			report_put(out, "\\f", 2);
			break;
		case '\n':
			report_put(out, "\\n", 2);
			break;
		case '\r':
			report_put(out, "\\r", 2);
			break;
		case '\t':
			report_put(out, "\\t", 2);
			break;
		default: {
			char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			report_put(out, escape, sizeof escape);
			break;
		}
		}
	}
	report_put_c(out, '"');
}

/* the digits go straight into the output, last first, once their count is known */
void
report_json_append_int(GString *out, gint64 value)
{
	/* the magnitude as unsigned, so G_MININT64 has one too */
	guint64 magnitude = value < 0 ? 0u - (guint64)value : (guint64)value;
	guint64 rest = magnitude;
	gsize n = value < 0 ? 2 : 1;
	char *write;

	while (rest >= 10) {
		rest /= 10;
		n++;
	}
	report_reserve(out, n);
	write = out->str + out->len;
	out->len += n;
	write[n] = '\0';
	do {
		write[--n] = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude > 0);
	if (value < 0)
		write[0] = '-';
}
