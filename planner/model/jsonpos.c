#include "jsonpos.h"
#include "jsonpos-private.h"

#include <string.h>

PlanTextIndex *
plan_text_index_new(const char *text, gsize length)
{
	PlanTextIndex *index = plan_text_index_alloc();
	const char *at = text;
	const char *end = text + length;

	/* memchr, not a byte loop: this runs over every byte of every model */
	while (at < end && (at = memchr(at, '\n', (gsize)(end - at))) != NULL) {
		at++;
		plan_text_index_add(index, (gsize)(at - text));
	}
	return index;
}

void
plan_text_index_free(PlanTextIndex *index)
{
	if (index == NULL)
		return;
	g_free(index->starts);
	g_free(index);
}

PlanLoc
plan_text_index_loc(const PlanTextIndex *index, gsize offset)
{
	const gsize *starts = index->starts;
	guint lo = 0;
	guint hi = index->n_starts;
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

/* what a byte is to the scanner: one table lookup per byte instead of a chain of tests */
enum {
	SCAN_LITERAL = 0, /* true, false, null, or a byte the parser rejects */
	SCAN_SPACE,	  /* cJSON skips every byte up to and including space; so must we */
	SCAN_NEWLINE,
	SCAN_SEPARATOR, /* , : */
	SCAN_OPEN,	/* { [ */
	SCAN_CLOSE,	/* } ] */
	SCAN_STRING,	/* " */
	SCAN_NUMBER,	/* - 0-9 */
};

typedef struct {
	guint8 kind[256];
	guint8 in_number[256]; /* what cJSON takes into a number: 0-9 + - . e E */
	guint8 in_string[256]; /* 0 at the bytes a string scan stops at: " \\ and newline */
	guint8 in_literal[256];
	guint8 skip[256]; /* white space but a newline, and the separators */
} PlanJsonClasses;

static gpointer
plan_json_classes_init(gpointer data)
{
	PlanJsonClasses *classes = data;

	for (guint c = 0; c < 256; c++) {
		guint8 kind = SCAN_LITERAL;
		if (c == '\n')
			kind = SCAN_NEWLINE;
		else if (c <= 32)
			kind = SCAN_SPACE;
		else if (c == ',' || c == ':')
			kind = SCAN_SEPARATOR;
		else if (c == '{' || c == '[')
			kind = SCAN_OPEN;
		else if (c == '}' || c == ']')
			kind = SCAN_CLOSE;
		else if (c == '"')
			kind = SCAN_STRING;
		else if (c == '-' || g_ascii_isdigit(c))
			kind = SCAN_NUMBER;
		classes->kind[c] = kind;
		classes->in_number[c] = g_ascii_isdigit(c) || c == '+' || c == '-' || c == '.' ||
					c == 'e' || c == 'E';
		classes->in_string[c] = c != '"' && c != '\\' && c != '\n';
		classes->in_literal[c] = g_ascii_isalpha(c);
		classes->skip[c] = kind == SCAN_SPACE || kind == SCAN_SEPARATOR;
	}
	return classes;
}

static const PlanJsonClasses *
plan_json_classes(void)
{
	static PlanJsonClasses classes;
	static GOnce once = G_ONCE_INIT;

	return g_once(&once, plan_json_classes_init, &classes);
}

/* the offsets being gathered: written in place, room doubled as GArray does */
typedef struct {
	GArray *array; /* guint32; its len is the room, @n the values */
	guint n;
} PlanJsonOffsets;

static inline void
plan_json_push(PlanJsonOffsets *offsets, gsize offset)
{
	if (G_UNLIKELY(offsets->n == offsets->array->len)) {
		if (offsets->n > G_MAXUINT / 2)
			g_error("%s: more than %u values", G_STRLOC, G_MAXUINT / 2);
		g_array_set_size(offsets->array, offsets->n * 2);
	}
	g_array_index(offsets->array, guint32, offsets->n++) = (guint32)offset;
}

/**
 * plan_json_scan:
 * @lines: (out) (optional) (transfer full): the text's line index, built in the same pass
 *   (only when the scan succeeds)
 *
 * plan_json_value_offsets(), and the line starts on the way: one pass over the text for both.
 */
GArray *
plan_json_scan(const char *text, gsize length, guint max_depth, gsize *error_offset,
	       PlanTextIndex **lines)
{
	const PlanJsonClasses *classes = plan_json_classes();
	g_autoptr(GArray) array = g_array_new(FALSE, FALSE, sizeof(guint32));
	PlanJsonOffsets offsets = {array, 0};
	g_autoptr(PlanTextIndex) index = plan_text_index_alloc();
	guint depth = 0;
	gsize i = 0;

	g_array_set_size(array, 1024);
	/* cJSON skips a UTF-8 byte order mark at the very start; it is not a value */
	if (length >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < length) {
		switch (classes->kind[(guchar)text[i]]) {
		case SCAN_NEWLINE:
			plan_text_index_add(index, i + 1);
			/* then the indent after it */
			G_GNUC_FALLTHROUGH;
		case SCAN_SPACE:
		case SCAN_SEPARATOR:
			/* the run of them at once, not a trip round the switch per byte: most of a
			 * pretty-printed file is indentation */
			i++;
			while (i < length && classes->skip[(guchar)text[i]])
				i++;
			break;
		case SCAN_OPEN:
			plan_json_push(&offsets, i);
			if (++depth > max_depth) {
				*error_offset = i;
				return NULL;
			}
			i++;
			break;
		case SCAN_CLOSE:
			if (depth > 0)
				depth--;
			i++;
			break;
		case SCAN_STRING: {
			gsize start = i;
			gsize next;
			/* to the closing quote; an escape takes the next byte with it, and a raw
			 * newline (which the parser rejects, but only later) still starts a line */
			for (i++; i < length; i++) {
				while (i < length && classes->in_string[(guchar)text[i]])
					i++;
				if (i >= length)
					break;
				if (text[i] == '"') {
					i++;
					break;
				}
				if (text[i] == '\\' && ++i >= length)
					break;
				if (text[i] == '\n')
					plan_text_index_add(index, i + 1);
			}
			i = MIN(i, length);
			/* a string followed by ':' is an object key, not a value */
			next = i;
			while (next < length && (guchar)text[next] <= 32)
				next++;
			if (next >= length || text[next] != ':')
				plan_json_push(&offsets, start);
			break;
		}
		case SCAN_NUMBER:
			plan_json_push(&offsets, i);
			while (i < length && classes->in_number[(guchar)text[i]])
				i++;
			break;
		default: {
			/* true, false, null (or garbage the parser rejects: step over it) */
			gsize start = i;
			plan_json_push(&offsets, i);
			while (i < length && classes->in_literal[(guchar)text[i]])
				i++;
			if (i == start)
				i++;
			break;
		}
		}
	}
	g_array_set_size(array, offsets.n);
	if (lines != NULL)
		*lines = g_steal_pointer(&index);
	return g_steal_pointer(&array);
}

GArray *
plan_json_value_offsets(const char *text, gsize length, guint max_depth, gsize *error_offset)
{
	return plan_json_scan(text, length, max_depth, error_offset, NULL);
}
