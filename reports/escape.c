#include "escape.h"

#include <string.h>

#include "put.h"

/* ---- what every escaper shares: reading UTF-8 and showing controls ----------------------------
 */

/* The character at @p (before @end): its code point and its length in bytes. A byte that does
 * not start valid UTF-8 (a stray continuation byte, a truncated or overlong sequence, a
 * surrogate) is returned alone as REPORT_ESCAPE_BAD, to be shown as "\xNN". */
#define REPORT_ESCAPE_BAD ((gunichar)-1)

static gunichar
report_escape_next(const char *p, const char *end, gsize *length)
{
	gunichar c;

	if ((guchar)*p < 0x80) {
		*length = 1;
		return (guchar)*p;
	}
	c = g_utf8_get_char_validated(p, end - p);
	if (c == (gunichar)-1 || c == (gunichar)-2) {
		*length = 1;
		return REPORT_ESCAPE_BAD;
	}
	*length = (gsize)g_unichar_to_utf8(c, NULL);
	return c;
}

/* a character no terminal should be handed as it is */
static gboolean
report_escape_is_control(gunichar c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* appends the visible form of control @c, or of the bad byte @byte */
static void
report_escape_show(GString *out, gunichar c, guchar byte)
{
	switch (c) {
	case REPORT_ESCAPE_BAD:
		g_string_append_printf(out, "\\x%02x", byte);
		break;
	case 0x1b:
		g_string_append(out, "\\e");
		break;
	case '\n':
		g_string_append(out, "\\n");
		break;
	case '\r':
		g_string_append(out, "\\r");
		break;
	case '\t':
		g_string_append(out, "\\t");
		break;
	default:
		if (c < 0x100)
			g_string_append_printf(out, "\\x%02x", (guint)c);
		else
			g_string_append_printf(out, "\\u{%04X}", (guint)c);
		break;
	}
}

/* ---- terminal text --------------------------------------------------------------------------- */

/* a high bit in each byte of @word (eight bytes of text, the first in memory lowest) that is
 * below 0x20, 0x7f, or from 0x80 on: zero when all eight are printable ASCII. The lowest flag is
 * exact (a borrow or carry only runs up from a byte that is flagged) */
static inline guint64
report_escape_word_flags(const char *text)
{
	const guint64 ones = G_GUINT64_CONSTANT(0x0101010101010101);
	const guint64 highs = G_GUINT64_CONSTANT(0x8080808080808080);
	guint64 word;

	memcpy(&word, text, 8);
	word = GUINT64_FROM_LE(word);
	return ((word - ones * 0x20) | (word + ones) | word) & highs;
}

gboolean
report_escape_printable_ascii(const char *text, gsize n)
{
	gsize i = 0;

	for (; n - i >= 8; i += 8) {
		if (report_escape_word_flags(text + i) != 0)
			return FALSE;
	}
	for (; i < n; i++) {
		if ((guchar)text[i] < 0x20 || (guchar)text[i] >= 0x7f)
			return FALSE;
	}
	return TRUE;
}

/* the length of the start of @text that needs no escape: printable ASCII, UTF-8 characters
 * that are not controls, and with REPORT_ESCAPE_MULTILINE line feeds and tabs; up to the first
 * byte that needs a look (an escape, a control, a byte that is not UTF-8). Eight bytes at a
 * time while they are printable ASCII: a validate document is 12 MB at 100,000 subnets, and its
 * "×" and "→" used to send all of it through the escaper byte by byte (issue 18) */
static gsize
report_escape_clean_prefix(const char *text, gsize n, ReportEscapeFlags flags)
{
	gsize i = 0;

	while (i < n) {
		guchar byte;
		gsize length;
		gunichar c;

		if (n - i >= 8) {
			guint64 found = report_escape_word_flags(text + i);
			if (found == 0) {
				i += 8;
				continue;
			}
			i += (gsize)__builtin_ctzll(found) / 8;
		}
		byte = (guchar)text[i];
		if ((byte >= 0x20 && byte < 0x7f) ||
		    ((flags & REPORT_ESCAPE_MULTILINE) && (byte == '\n' || byte == '\t'))) {
			i++;
			continue;
		}
		if (byte < 0x80)
			return i;
		c = report_escape_next(text + i, text + n, &length);
		if (c == REPORT_ESCAPE_BAD || report_escape_is_control(c))
			return i;
		i += length;
	}
	return n;
}

static void
report_escape_terminal_len(GString *out, const char *text, gsize n, ReportEscapeFlags flags)
{
	const char *end = text + n;

	for (const char *p = text; p < end;) {
		/* what needs no escape is copied at once (line breaks and tabs too in a multi-line
		 * document, so its lines run together); then one character that does */
		gsize clean = report_escape_clean_prefix(p, (gsize)(end - p), flags);
		gsize length;
		gunichar c;

		if (clean > 0) {
			report_put(out, p, clean);
			p += clean;
			continue;
		}
		c = report_escape_next(p, end, &length);
		report_escape_show(out, c, (guchar)*p);
		p += length;
	}
}

void
report_escape_terminal(GString *out, const char *text, ReportEscapeFlags flags)
{
	g_return_if_fail(out != NULL);
	if (text != NULL)
		report_escape_terminal_len(out, text, strlen(text), flags);
}

/**
 * report_escape_terminal_dup:
 * @text: (nullable): one line of text from a user
 * Returns: (transfer full): @text escaped for a terminal ("" for NULL)
 */
char *
report_escape_terminal_dup(const char *text)
{
	GString *out = g_string_new(NULL);
	report_escape_terminal(out, text, REPORT_ESCAPE_NONE);
	return g_string_free(out, FALSE);
}

/* ecsplan's own styles, the only escape sequences a coloured document may keep */
static const char *const report_escape_styles[] = {
    REPORT_ANSI_RED, REPORT_ANSI_YELLOW, REPORT_ANSI_CYAN, REPORT_ANSI_BOLD, REPORT_ANSI_RESET,
};

void
report_escape_terminal_document(GString *doc, ReportFlags flags)
{
	g_autoptr(GString) out = NULL;
	gsize start;

	g_return_if_fail(doc != NULL);
	/* a document that needs no escape (the usual case without colour) is left as it is; one
	 * that does is copied as it is up to the first byte that needs a look, which is where the
	 * escaping starts (the copy of a clean part is the same bytes) */
	start = report_escape_clean_prefix(doc->str, doc->len, REPORT_ESCAPE_MULTILINE);
	if (start == doc->len)
		return;
	out = g_string_sized_new(doc->len + 16);
	g_string_append_len(out, doc->str, (gssize)start);
	while (start < doc->len) {
		const char *esc = memchr(doc->str + start, 0x1b, doc->len - start);
		gsize stop = esc != NULL ? (gsize)(esc - doc->str) : doc->len;
		gboolean kept = FALSE;

		report_escape_terminal_len(out, doc->str + start, stop - start,
					   REPORT_ESCAPE_MULTILINE);
		if (esc == NULL)
			break;
		if (flags & REPORT_FLAG_COLOR) {
			for (guint s = 0; s < G_N_ELEMENTS(report_escape_styles) && !kept; s++) {
				gsize n = strlen(report_escape_styles[s]);
				if (doc->len - stop >= n &&
				    memcmp(esc, report_escape_styles[s], n) == 0) {
					g_string_append_len(out, esc, (gssize)n);
					start = stop + n;
					kept = TRUE;
				}
			}
		}
		if (!kept) {
			g_string_append(out, "\\e");
			start = stop + 1;
		}
	}
	g_string_truncate(doc, 0);
	g_string_append_len(doc, out->str, (gssize)out->len);
}

/* ---- CSV ------------------------------------------------------------------------------------- */

/* RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. @prefix (a
 * single quote, or NUL) goes first inside the quotes */
static void
report_csv_quoted(GString *out, const char *text, gsize n, char prefix)
{
	if (prefix == '\0' && memchr(text, ',', n) == NULL && memchr(text, '"', n) == NULL &&
	    memchr(text, '\r', n) == NULL && memchr(text, '\n', n) == NULL) {
		g_string_append_len(out, text, (gssize)n);
		return;
	}
	g_string_append_c(out, '"');
	if (prefix != '\0')
		g_string_append_c(out, prefix);
	for (gsize i = 0; i < n; i++) {
		if (text[i] == '"')
			g_string_append_c(out, '"');
		g_string_append_c(out, text[i]);
	}
	g_string_append_c(out, '"');
}

void
report_escape_csv(GString *out, const char *text)
{
	g_autoptr(GString) shown = NULL;
	const char *end;
	gboolean formula;

	g_return_if_fail(out != NULL);
	if (text == NULL)
		return;
	end = text + strlen(text);
	shown = g_string_sized_new((gsize)(end - text));
	for (const char *p = text; p < end;) {
		gsize length;
		gunichar c = report_escape_next(p, end, &length);
		if ((c == REPORT_ESCAPE_BAD || report_escape_is_control(c)) && c != '\t' &&
		    c != '\r' && c != '\n')
			report_escape_show(shown, c, (guchar)*p);
		else
			g_string_append_len(shown, p, (gssize)length);
		p += length;
	}
	formula = strchr("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
	report_csv_quoted(out, shown->str, shown->len, formula ? '\'' : '\0');
}

void
report_csv_row(GString *out, const char *const *cells, guint n_cells, guint32 user_columns)
{
	g_return_if_fail(out != NULL && n_cells <= 32);
	for (guint i = 0; i < n_cells; i++) {
		if (i > 0)
			g_string_append_c(out, ',');
		if (cells[i] == NULL)
			continue;
		if (user_columns & REPORT_CSV_USER(i))
			report_escape_csv(out, cells[i]);
		else
			report_csv_quoted(out, cells[i], strlen(cells[i]), '\0');
	}
	g_string_append(out, "\r\n");
}

/* ---- Markdown -------------------------------------------------------------------------------- */

/* a character with a meaning anywhere in a line: emphasis, code, links, HTML, block quotes,
 * tables, strikethrough, headings' closing sequence, images, math, attribute braces */
static const char report_markdown_special[] = "\\`*[]>|~#!${}";

void
report_escape_markdown(GString *out, const char *text, ReportMarkdownContext context)
{
	const char *end;
	const char *p;

	g_return_if_fail(out != NULL);
	if (text == NULL)
		return;
	end = text + strlen(text);
	p = text;
	if (context == REPORT_MARKDOWN_INLINE) {
		const char *digits = p;
		/* what would start a block at a line start: a code block (indentation), a list
		 * item, a setext underline, an ordered list item ("1." or "1)") */
		while (*p == ' ') {
			g_string_append(out, "&#32;");
			p++;
		}
		if (*p == '-' || *p == '+' || *p == '=') {
			g_string_append_c(out, '\\');
			g_string_append_c(out, *p++);
		}
		digits = p;
		while (g_ascii_isdigit(*p))
			p++;
		/* "1." starts a list only before a blank or the end: "1.5 vCPU" does not */
		if (p > digits && (*p == '.' || *p == ')') && strchr(" \t\r\n", p[1]) != NULL) {
			g_string_append_len(out, digits, p - digits);
			g_string_append_c(out, '\\');
			g_string_append_c(out, *p++);
		} else {
			p = digits;
		}
	}
	for (; p < end;) {
		gsize length;
		gunichar c = report_escape_next(p, end, &length);
		if (c == '\n' || c == '\r' || c == '\t') {
			g_string_append_c(out, ' ');
		} else if (c == REPORT_ESCAPE_BAD || report_escape_is_control(c)) {
			report_escape_show(out, c, (guchar)*p);
		} else if (c == '&') {
			g_string_append(out, "&amp;");
		} else if (c == '<') {
			g_string_append(out, "&lt;");
		} else if (c == '_') {
			/* an underscore inside a word never starts emphasis: "x86_64" stays
			 * readable */
			if (!(p > text && g_ascii_isalnum(p[-1]) && g_ascii_isalnum(p[1])))
				g_string_append_c(out, '\\');
			g_string_append_c(out, '_');
		} else {
			if (c < 0x80 && strchr(report_markdown_special, (int)c) != NULL)
				g_string_append_c(out, '\\');
			g_string_append_len(out, p, (gssize)length);
		}
		p += length;
	}
}

/**
 * report_escape_markdown_dup:
 * @text: (nullable): plain text
 * Returns: (transfer full): @text as inline Markdown ("" for NULL)
 */
char *
report_escape_markdown_dup(const char *text)
{
	GString *out = g_string_new(NULL);
	report_escape_markdown(out, text, REPORT_MARKDOWN_INLINE);
	return g_string_free(out, FALSE);
}

void
report_escape_markdown_code(GString *out, const char *text)
{
	guint longest = 0;
	guint run = 0;
	const char *end;
	gboolean pad;

	g_return_if_fail(out != NULL && text != NULL);
	end = text + strlen(text);
	for (const char *p = text; p < end; p++) {
		run = *p == '`' ? run + 1 : 0;
		longest = MAX(longest, run);
	}
	pad = text[0] == '`' || (end > text && end[-1] == '`');
	for (guint i = 0; i <= longest; i++)
		g_string_append_c(out, '`');
	if (pad)
		g_string_append_c(out, ' ');
	for (const char *p = text; p < end;) {
		gsize length;
		gunichar c = report_escape_next(p, end, &length);
		if (c == '\n' || c == '\r' || c == '\t')
			g_string_append_c(out, ' ');
		else if (c == REPORT_ESCAPE_BAD || report_escape_is_control(c))
			report_escape_show(out, c, (guchar)*p);
		else
			g_string_append_len(out, p, (gssize)length);
		p += length;
	}
	if (pad)
		g_string_append_c(out, ' ');
	for (guint i = 0; i <= longest; i++)
		g_string_append_c(out, '`');
}

/* ---- gnuplot --------------------------------------------------------------------------------- */

void
report_escape_gnuplot(GString *script, const char *text)
{
	const char *end;

	g_return_if_fail(script != NULL && text != NULL);
	end = text + strlen(text);
	g_string_append_c(script, '\'');
	for (const char *p = text; p < end;) {
		gsize length;
		gunichar c = report_escape_next(p, end, &length);
		if (c == '\'')
			g_string_append(script, "''");
		else if (c == '\n' || c == '\r')
			g_string_append_c(script, ' ');
		else if (c == REPORT_ESCAPE_BAD || report_escape_is_control(c))
			report_escape_show(script, c, (guchar)*p);
		else
			g_string_append_len(script, p, (gssize)length);
		p += length;
	}
	g_string_append_c(script, '\'');
}
