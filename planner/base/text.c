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
