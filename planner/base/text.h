/* ecsplan: small text helpers shared by the loader and the analyses */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Levenshtein distance, capped: returns limit + 1 as soon as the distance exceeds limit */
guint plan_text_distance(const char *a, const char *b, guint limit);

/* the candidate closest to @word, or NULL when none is close enough to be a likely typo
 * (distance at most 1 for short words, about a third of the length for longer ones) */
/* @one when @count is exactly 1, else @many: "1 task", "0 tasks", "2.5 tasks" */
const char *plan_text_plural(double count, const char *one, const char *many);
const char *plan_text_suggest(const char *word, const char *const *candidates, guint n_candidates);

/* "a, b and c" from a list, each quoted with single quotes; at most @max items then ", ..." */
char *plan_text_join_quoted(const char *const *items, guint n_items, guint max)
	G_GNUC_WARN_UNUSED_RESULT;

/* g_utf8_validate_len(), with the same answer and the same *@end, eight ASCII bytes at a
 * time: models, plans and price files are nearly all ASCII, and the byte-by-byte check was a
 * tenth of reading one (issue 18) */
gboolean plan_text_utf8_validate(const char *text, gsize length, const char **end);
/* the length of the character of valid UTF-8 at @text (1 to 4 bytes, not past @length), or 0
 * when none starts there: a NUL, a stray or cut-short sequence, an overlong form, a surrogate,
 * a code point past U+10FFFF; what plan_text_utf8_validate() accepts, a character at a time */
guint plan_text_utf8_char(const char *text, gsize length);

/* @value in decimal, NUL-terminated, in @text; returns its length. No printf and no locale:
 * the renderers' integers (JSON, tables, money) and the rules' arithmetic text go through it */
#define PLAN_TEXT_INT_SIZE 24
gsize plan_text_int(char text[PLAN_TEXT_INT_SIZE], gint64 value);
/* the length plan_text_int() gives @value, without writing it */
guint plan_text_int_width(gint64 value);

G_END_DECLS
