#include "jsonpos.h"

#include <string.h>

struct _PlanTextIndex {
	GArray *line_starts; /* gsize: offset of the first byte of each line */
};

PlanTextIndex *
plan_text_index_new(const char *text, gsize length)
{
	PlanTextIndex *index = g_new0(PlanTextIndex, 1);
	gsize zero = 0;

	const char *at = text;
	const char *end = text + length;

	index->line_starts = g_array_new(FALSE, FALSE, sizeof(gsize));
	g_array_append_val(index->line_starts, zero);
	/* memchr, not a byte loop: this runs over every byte of every model */
	while (at < end && (at = memchr(at, '\n', (gsize)(end - at))) != NULL) {
		gsize next = (gsize)(++at - text);
		g_array_append_val(index->line_starts, next);
	}
	return index;
}

void
plan_text_index_free(PlanTextIndex *index)
{
	if (index == NULL)
		return;
	g_array_unref(index->line_starts);
	g_free(index);
}

PlanLoc
plan_text_index_loc(const PlanTextIndex *index, gsize offset)
{
	const gsize *starts = (const gsize *)(gpointer)index->line_starts->data;
	guint lo = 0;
	guint hi = index->line_starts->len;
	PlanLoc loc;

	/* the last line start <= offset */
	while (hi - lo > 1) {
		guint mid = lo + (hi - lo) / 2;
		if (starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	loc.line = lo + 1;
	loc.column = (guint)(offset - starts[lo]) + 1;
	return loc;
}

static gboolean
plan_json_is_space(guchar c)
{
	/* cJSON skips every byte up to and including space; so must we, to stay in step */
	return c <= 32;
}

static gboolean
plan_json_is_number_char(guchar c)
{
	return g_ascii_isdigit(c) || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
}

/* offset just past the string that starts (with its quote) at @i */
static gsize
plan_json_skip_string(const char *text, gsize length, gsize i)
{
	for (i++; i < length; i++) {
		if (text[i] == '\\')
			i++;
		else if (text[i] == '"')
			return i + 1;
	}
	return length;
}

static void
plan_json_push(GArray *offsets, gsize offset)
{
	guint32 value = (guint32)offset;
	g_array_append_val(offsets, value);
}

GArray *
plan_json_value_offsets(const char *text, gsize length, guint max_depth, gsize *error_offset)
{
	g_autoptr(GArray) offsets = g_array_new(FALSE, FALSE, sizeof(guint32));
	guint depth = 0;
	gsize i = 0;

	/* cJSON skips a UTF-8 byte order mark at the very start; it is not a value */
	if (length >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < length) {
		guchar c = (guchar)text[i];
		if (plan_json_is_space(c) || c == ',' || c == ':') {
			i++;
		} else if (c == '{' || c == '[') {
			plan_json_push(offsets, i);
			if (++depth > max_depth) {
				*error_offset = i;
				return NULL;
			}
			i++;
		} else if (c == '}' || c == ']') {
			if (depth > 0)
				depth--;
			i++;
		} else if (c == '"') {
			gsize end = plan_json_skip_string(text, length, i);
			gsize next = end;
			while (next < length && plan_json_is_space((guchar)text[next]))
				next++;
			/* a string followed by ':' is an object key, not a value */
			if (next >= length || text[next] != ':')
				plan_json_push(offsets, i);
			i = end;
		} else if (c == '-' || g_ascii_isdigit(c)) {
			plan_json_push(offsets, i);
			while (i < length && plan_json_is_number_char((guchar)text[i]))
				i++;
		} else {
			/* true, false, null (or garbage the parser rejects: step over it) */
			gsize start = i;
			plan_json_push(offsets, i);
			while (i < length && g_ascii_isalpha(text[i]))
				i++;
			if (i == start)
				i++;
		}
	}
	return g_steal_pointer(&offsets);
}
