/* ecsplan: the escapers. Every string that comes from a user (names, notes, tags, file names,
 * flag values) reaches an output through the escaper of that output's format, and each escaper
 * exists once, here. HTML and SVG go through xmlTextWriter, JSON through cJSON: not here.
 * docs/limits.md ("Escaping") lists what each one does. */
#pragma once

#include <glib.h>

#include "render.h"

G_BEGIN_DECLS

/* ---- terminal text --------------------------------------------------------------------------- */

typedef enum {
	REPORT_ESCAPE_NONE = 0,
	/* a document or a message of several lines: line feeds and tabs pass unchanged */
	REPORT_ESCAPE_MULTILINE = 1 << 0,
} ReportEscapeFlags;

/* Appends @text to @out so that a terminal shows it as text and obeys none of it: ESC as "\e",
 * the other C0 controls, DEL and the C1 controls (U+0080..U+009F) as "\xNN" (line feed "\n",
 * carriage return "\r", tab "\t" unless REPORT_ESCAPE_MULTILINE keeps line feeds and tabs), the
 * bidirectional overrides and isolates (U+202A..U+202E, U+2066..U+2069) as "\u{XXXX}", and
 * each byte that is not part of valid UTF-8 as "\xNN". Everything else, backslashes included,
 * passes unchanged, so ordinary text gives the same bytes. */
void report_escape_terminal(GString *out, const char *text, ReportEscapeFlags flags);
/* whether @n bytes at @text are all printable ASCII (0x20 to 0x7e), which every escaper
 * passes unchanged and which are as wide as they are long; eight bytes at a time */
gboolean report_escape_printable_ascii(const char *text, gsize n);
/* the same for one single-line field. Returns: (transfer full) */
char *report_escape_terminal_dup(const char *text) G_GNUC_WARN_UNUSED_RESULT;
/* Escapes a finished text document in place (REPORT_ESCAPE_MULTILINE): the last line of
 * defence for a text renderer. With REPORT_FLAG_COLOR in @flags, ecsplan's own styles (the
 * REPORT_ANSI_* sequences, nothing else) are kept; every other escape sequence is shown. */
void report_escape_terminal_document(GString *doc, ReportFlags flags);

/* ---- CSV ------------------------------------------------------------------------------------- */

/* Appends @text as one CSV field written by a user (a name, a note, a source): quoted the
 * RFC 4180 way when it holds a comma, a quote or a line break (quotes doubled); a field that
 * starts with '=', '+', '-', '@', a tab or a carriage return is a formula to a spreadsheet, so
 * it is quoted with a ' in front (the OWASP "CSV injection" advice): =1+1 -> "'=1+1". Controls
 * other than tab and line breaks, and bytes that are not UTF-8, are shown as in text ("\e",
 * "\xNN"), since CSV is often printed to a terminal. NULL is an empty field. */
void report_escape_csv(GString *out, const char *text);

/* bit @column of a report_csv_row() mask: that column holds user text */
#define REPORT_CSV_USER(column) (1u << (column))

/* One CSV record (RFC 4180), CRLF line end. Cells whose bit is set in @user_columns go through
 * report_escape_csv(); the others are ecsplan's own (numbers, which may be negative, codes,
 * headers) and are only quoted when they need it. NULL cells are empty. At most 32 columns. */
void report_csv_row(GString *out, const char *const *cells, guint n_cells, guint32 user_columns);

/* ---- Markdown -------------------------------------------------------------------------------- */

typedef enum {
	/* text in a paragraph, a heading, a list item or a link text: it may start a line */
	REPORT_MARKDOWN_INLINE,
	/* a table cell: as inline, but a leading '-' is a minus sign, not a list ("-12.50") */
	REPORT_MARKDOWN_CELL,
} ReportMarkdownContext;

/* Appends @text as Markdown (CommonMark and GitHub's tables) that reads as the same plain text
 * and starts no structure: \ ` * [ ] > | ~ # ! $ { } and a '_' that is not inside a word get a
 * backslash; & and < become &amp; and &lt; (no entity, no HTML, no autolink); line breaks and
 * tabs become spaces; controls are shown as in text ("\e", "\xNN"). In INLINE text a line
 * start cannot begin a list, a heading or a code block: a leading '-', '+' or '=' gets a
 * backslash, "1." becomes "1\.", a leading space becomes "&#32;". '(', ')', '.' and '-'
 * elsewhere stay: without an unescaped ']' or a line start they mean nothing. */
void report_escape_markdown(GString *out, const char *text, ReportMarkdownContext context);
/* the same, for @text in a paragraph. Returns: (transfer full) */
char *report_escape_markdown_dup(const char *text) G_GNUC_WARN_UNUSED_RESULT;
/* Appends @text as a code span: fenced by one backtick more than its longest run of backticks,
 * padded with a space when it starts or ends with a backtick; line breaks become spaces and
 * controls are shown as in text. */
void report_escape_markdown_code(GString *out, const char *text);

/* ---- gnuplot --------------------------------------------------------------------------------- */

/* Appends @text as a gnuplot string literal: in single quotes, where nothing but a doubled
 * quote is special (no backslash escapes, no variable expansion); line breaks, which would
 * end the command, become spaces; controls are shown as in text ("\e", "\xNN"). The script
 * must set its terminal "noenhanced" (every ecsplan chart does), so '_', '^', '@', '&', '~'
 * and braces are drawn as themselves, not as subscripts and superscripts. */
void report_escape_gnuplot(GString *script, const char *text);

G_END_DECLS
