/* ecsplan reports: appending bytes to a GString without a call per piece. g_string_append_len
 * goes through g_string_insert_len, which was a third of writing a large validate document
 * (issue 18); these reserve room (doubling, as GString does) and copy. Header-only: the
 * renderers of large documents (the JSON writer, text tables) inline them */
#pragma once

#include <glib.h>
#include <string.h>

/* room for @n more bytes without a reallocation */
static inline void
report_reserve(GString *out, gsize n)
{
	if (out->len + n >= out->allocated_len) {
		gsize len = out->len;
		g_string_set_size(out, len + n);
		out->len = len;
		out->str[len] = '\0';
	}
}

static inline void
report_put(GString *out, const char *bytes, gsize n)
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
report_put_c(GString *out, char c)
{
	report_put(out, &c, 1);
}

/* a NUL-terminated string */
static inline void
report_put_str(GString *out, const char *text)
{
	report_put(out, text, strlen(text));
}
