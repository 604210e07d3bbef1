#include "text.h"

#include <string.h>

guint
plan_text_distance(const char *a, const char *b, guint limit)
{
	gsize la = strlen(a);
	gsize lb = strlen(b);
	g_autofree guint *row = NULL;

	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	/* names are short; one row of the classic dynamic programme is enough */
	row = g_new(guint, lb + 1);
	for (gsize j = 0; j <= lb; j++)
		row[j] = (guint)j;
	for (gsize i = 1; i <= la; i++) {
		guint diagonal = row[0];
		guint best = row[0] = (guint)i;
		for (gsize j = 1; j <= lb; j++) {
			guint above = row[j];
			guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
			guint value = MIN(MIN(above + 1, row[j - 1] + 1), diagonal + cost);
			row[j] = value;
			diagonal = above;
			best = MIN(best, value);
		}
		if (best > limit)
			return limit + 1;
	}
	return row[lb];
}

const char *
plan_text_suggest(const char *word, const char *const *candidates, guint n_candidates)
{
	gsize len = strlen(word);
	guint limit = len <= 4 ? 1 : MAX(2, (guint)(len / 3));
	const char *best = NULL;
	guint best_distance = limit + 1;

	for (guint i = 0; i < n_candidates; i++) {
		guint distance = plan_text_distance(word, candidates[i], limit);
		if (distance < best_distance) {
			best_distance = distance;
			best = candidates[i];
		}
	}
	return best;
}

char *
plan_text_join_quoted(const char *const *items, guint n_items, guint max)
{
	GString *out = g_string_new(NULL);
	guint shown = MIN(n_items, max);

	for (guint i = 0; i < shown; i++) {
		if (i > 0)
			g_string_append(out, i + 1 == shown && shown == n_items ? " and " : ", ");
		g_string_append_printf(out, "'%s'", items[i]);
	}
	if (shown < n_items)
		g_string_append_printf(out, ", ... (%u in all)", n_items);
	return g_string_free(out, FALSE);
}

const char *
plan_text_plural(double count, const char *one, const char *many)
{
	return count == 1.0 ? one : many;
}

/* the length of the UTF-8 sequence @lead starts, or 0 when no sequence starts with it */
static guint
plan_text_utf8_sequence_length(guchar lead)
{
	if (lead >= 0xc2 && lead <= 0xdf)
		return 2;
	if (lead >= 0xe0 && lead <= 0xef)
		return 3;
	if (lead >= 0xf0 && lead <= 0xf4)
		return 4;
	return 0;
}

guint
plan_text_utf8_char(const char *text, gsize length)
{
	guchar c;
	guint n;

	if (length == 0)
		return 0;
	c = (guchar)text[0];
	if (c < 0x80)
		return c != 0 ? 1 : 0;
	n = plan_text_utf8_sequence_length(c);
	if (n == 0 || n > length || !g_utf8_validate_len(text, n, NULL))
		return 0;
	return n;
}

gboolean
plan_text_utf8_validate(const char *text, gsize length, const char **end)
{
	const guint64 high = G_GUINT64_CONSTANT(0x8080808080808080);
	const guint64 ones = G_GUINT64_CONSTANT(0x0101010101010101);
	gsize i = 0;

	while (i < length) {
		guchar c;
		guint n;

		/* a word without a byte >= 0x80 and without a NUL (the usual bit trick for a zero
		 * byte) is valid as it stands */
		while (i + 8 <= length) {
			guint64 word;
			memcpy(&word, text + i, sizeof word);
			if (((word | ((word - ones) & ~word)) & high) != 0)
				break;
			i += 8;
		}
		if (i >= length)
			break;
		c = (guchar)text[i];
		if (c != 0 && c < 0x80) {
			i++;
			continue;
		}
		/* one sequence at a time; at the first doubt, GLib's answer for the rest, which
		 * is the answer for the whole: everything before @i is valid and ends a character */
		n = plan_text_utf8_sequence_length(c);
		if (n == 0 || i + n > length || !g_utf8_validate_len(text + i, n, NULL))
			return g_utf8_validate_len(text + i, length - i, end);
		i += n;
	}
	if (end != NULL)
		*end = text + length;
	return TRUE;
}

guint
plan_text_int_width(gint64 value)
{
	guint64 magnitude = value < 0 ? 0u - (guint64)value : (guint64)value;
	guint64 power = 10;
	guint digits = 1;

	/* 10^19 is the last power below 2^64; a magnitude that reaches it has 20 digits */
	while (digits < 20 && magnitude >= power) {
		digits++;
		if (digits < 20)
			power *= 10;
	}
	return digits + (value < 0 ? 1 : 0);
}

gsize
plan_text_int(char text[PLAN_TEXT_INT_SIZE], gint64 value)
{
	/* the magnitude as unsigned, so G_MININT64 has one too */
	guint64 magnitude = value < 0 ? 0u - (guint64)value : (guint64)value;
	guint width = plan_text_int_width(value);
	char *at = text + width;

	/* straight into @text from its last digit: no copy, no call (a JSON document of 100,000
	 * subnets writes 400,000 numbers, a text table as many) */
	*at = '\0';
	do {
		*--at = (char)('0' + magnitude % 10);
		magnitude /= 10;
	} while (magnitude > 0);
	if (value < 0)
		*--at = '-';
	return width;
}
