/* the escapers (reports/escape.c): each against hand-written bytes */
#include "escape.h"
#include "table.h"
#include "text.h"

#include <string.h>

typedef struct {
	const char *text;
	const char *expected;
} EscapeCase;

/* ---- terminal -------------------------------------------------------------------------------- */

static void
test_escape_terminal(void)
{
	static const EscapeCase cases[] = {
	    {"web-api 10.0.0.0/24", "web-api 10.0.0.0/24"},
	    /* OSC: set the window title, ended by BEL */
	    {"\033]0;pwned\007", "\\e]0;pwned\\x07"},
	    /* CSI: clear the screen, cursor home */
	    {"a\033[2J\033[Hb", "a\\e[2J\\e[Hb"},
	    /* a fake line: newline and carriage return in a single-line field */
	    {"svc\nok: 0 errors\rX", "svc\\nok: 0 errors\\rX"},
	    {"tab\there", "tab\\there"},
	    {"del\x7f nul-less \x01", "del\\x7f nul-less \\x01"},
	    /* C1 CSI (U+009B) as UTF-8, and the same byte alone (not UTF-8) */
	    {"c1 \xc2\x9b"
	     "2J",
	     "c1 \\x9b2J"},
	    {"raw \x9b"
	     "2J",
	     "raw \\x9b2J"},
	    /* a truncated sequence, an overlong '/', a surrogate */
	    {"cut \xe2\x82", "cut \\xe2\\x82"},
	    {"overlong \xc0\xaf", "overlong \\xc0\\xaf"},
	    {"surrogate \xed\xa0\x80", "surrogate \\xed\\xa0\\x80"},
	    /* right-to-left override */
	    {"evil\xe2\x80\xae"
	     "gnp.exe",
	     "evil\\u{202E}gnp.exe"},
	    /* text a terminal shows as it is: UTF-8, backslashes */
	    {"× → ü C:\\x", "× → ü C:\\x"},
	    {"", ""},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *escaped = report_escape_terminal_dup(cases[i].text);
		g_assert_cmpstr(escaped, ==, cases[i].expected);
	}
}

static void
test_escape_terminal_multiline(void)
{
	g_autoptr(GString) out = g_string_new(NULL);

	report_escape_terminal(out, "line 1\n\tline 2\r\n\033[2J", REPORT_ESCAPE_MULTILINE);
	g_assert_cmpstr(out->str, ==, "line 1\n\tline 2\\r\n\\e[2J");
}

static void
test_escape_terminal_document(void)
{
	g_autoptr(GString) doc = g_string_new(NULL);

	/* with colour: ecsplan's own styles stay, the name's sequences are shown */
	g_string_append(doc,
			REPORT_ANSI_BOLD "Cost" REPORT_ANSI_RESET " of \033]0;x\007 \033[1;31m\n");
	report_escape_terminal_document(doc, REPORT_FLAG_COLOR);
	g_assert_cmpstr(doc->str, ==, "\033[1mCost\033[0m of \\e]0;x\\x07 \033[1;31m\n");
	/* without colour, no escape sequence at all */
	report_escape_terminal_document(doc, REPORT_FLAG_NONE);
	g_assert_cmpstr(doc->str, ==, "\\e[1mCost\\e[0m of \\e]0;x\\x07 \\e[1;31m\n");
	g_assert_null(memchr(doc->str, 0x1b, doc->len));
	/* a clean document is unchanged */
	g_string_assign(doc, "Subnets\n  a  b\n");
	report_escape_terminal_document(doc, REPORT_FLAG_NONE);
	g_assert_cmpstr(doc->str, ==, "Subnets\n  a  b\n");
	/* a style cut short at the end is not kept */
	g_string_assign(doc, "x\033[1");
	report_escape_terminal_document(doc, REPORT_FLAG_COLOR);
	g_assert_cmpstr(doc->str, ==, "x\\e[1");
}

/* the document escaper reads clean text eight bytes at a time: a byte to escape (or a UTF-8
 * character to keep) at each offset of a word must give what the one-line escaper gives for
 * the same text, line feed and tab kept (DEL, C1 U+0085, an override U+202E, a bad byte, ESC,
 * a control; "×" and "→" stay) */
static void
test_escape_terminal_document_offsets(void)
{
	static const struct {
		const char *inserted;
		const char *shown;
	} cases[] = {
	    {"\x7f", "\\x7f"},	  {"\xc2\x85", "\\x85"},     {"\xe2\x80\xae", "\\u{202E}"},
	    {"\xff", "\\xff"},	  {"\033", "\\e"},	     {"\x01", "\\x01"},
	    {"\xc3\x97", "\xc3\x97"}, {"\xe2\x86\x92", "\xe2\x86\x92"}, {"\n", "\n"},
	    {"\t", "\t"},	  {"~ ", "~ "},
	};
	static const char clean[] = "abcdefghijklmnopqrstuvwx";

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		for (guint at = 0; at <= sizeof clean - 1; at++) {
			g_autoptr(GString) doc = g_string_new_len(clean, at);
			g_autoptr(GString) expected = g_string_new_len(clean, at);
			g_string_append(doc, cases[c].inserted);
			g_string_append(doc, clean + at);
			g_string_append(expected, cases[c].shown);
			g_string_append(expected, clean + at);
			report_escape_terminal_document(doc, REPORT_FLAG_NONE);
			g_assert_cmpstr(doc->str, ==, expected->str);
		}
	}
}

/* ---- CSV ------------------------------------------------------------------------------------- */

static void
test_escape_csv(void)
{
	static const EscapeCase cases[] = {
	    {"web-api", "web-api"},
	    {"a,b", "\"a,b\""},
	    {"say \"hi\"", "\"say \"\"hi\"\"\""},
	    {"two\r\nlines", "\"two\r\nlines\""},
	    /* formulas (OWASP): a ' in front, inside quotes */
	    {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
	    {"=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""},
	    {"+1", "\"'+1\""},
	    {"-1", "\"'-1\""},
	    {"@SUM(A1:A9)", "\"'@SUM(A1:A9)\""},
	    {"\tstarts with a tab", "\"'\tstarts with a tab\""},
	    {"\rstarts with CR", "\"'\rstarts with CR\""},
	    /* only the first character makes a formula */
	    {"a=b+c", "a=b+c"},
	    /* controls other than tab and line breaks are shown */
	    {"x\033]0;t\007", "x\\e]0;t\\x07"},
	    {"", ""},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GString) out = g_string_new(NULL);
		report_escape_csv(out, cases[i].text);
		g_assert_cmpstr(out->str, ==, cases[i].expected);
	}
}

static void
test_escape_csv_row(void)
{
	g_autoptr(GString) out = g_string_new(NULL);
	const char *const cells[] = {"-12.5", "=1+1", NULL, "a,b", "-x"};

	/* column 0 and 3 are ecsplan's own: a negative number stays a number */
	report_csv_row(out, cells, G_N_ELEMENTS(cells),
		       REPORT_CSV_USER(1) | REPORT_CSV_USER(2) | REPORT_CSV_USER(4));
	g_assert_cmpstr(out->str, ==, "-12.5,\"'=1+1\",,\"a,b\",\"'-x\"\r\n");
}

/* ---- Markdown -------------------------------------------------------------------------------- */

static void
test_escape_markdown(void)
{
	static const EscapeCase cases[] = {
	    {"plain-name 10.0.0.0/24 (v2)", "plain-name 10.0.0.0/24 (v2)"},
	    {"x86_64 desired_count", "x86_64 desired_count"},
	    {"_lead and trail_", "\\_lead and trail\\_"},
	    {"*bold* `code`", "\\*bold\\* \\`code\\`"},
	    {"[a](http://x) ![i](y)", "\\[a\\](http://x) \\!\\[i\\](y)"},
	    /* entities and HTML cannot form */
	    {"<b>&amp; | ~x~ $1 #2", "&lt;b\\>&amp;amp; \\| \\~x\\~ \\$1 \\#2"},
	    {"<http://x>", "&lt;http://x\\>"},
	    {"back\\slash", "back\\\\slash"},
	    /* a newline cannot start a heading, a list or a table row */
	    {"a\n# b", "a \\# b"},
	    {"a\n- b\n| c |", "a - b \\| c \\|"},
	    {"a|b", "a\\|b"},
	    /* nor can the start of the text */
	    {"# heading", "\\# heading"},
	    {"- item", "\\- item"},
	    {"+ item", "\\+ item"},
	    {"===", "\\==="},
	    {"12. item", "12\\. item"},
	    {"3) item", "3\\) item"},
	    {"    code", "&#32;&#32;&#32;&#32;code"},
	    {"> quote", "\\> quote"},
	    {"1.5 vCPU", "1.5 vCPU"},
	    {"tab\there", "tab here"},
	    {"esc\033[2J", "esc\\e\\[2J"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *escaped = report_escape_markdown_dup(cases[i].text);
		g_assert_cmpstr(escaped, ==, cases[i].expected);
	}
}

static void
test_escape_markdown_cell(void)
{
	static const EscapeCase cases[] = {
	    /* a minus sign in a cell is not a list */
	    {"-12.50", "-12.50"},
	    {"a|b", "a\\|b"},
	    {"a\n# b", "a \\# b"},
	    {"1. x", "1. x"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GString) out = g_string_new(NULL);
		report_escape_markdown(out, cases[i].text, REPORT_MARKDOWN_CELL);
		g_assert_cmpstr(out->str, ==, cases[i].expected);
	}
}

static void
test_escape_markdown_code(void)
{
	static const EscapeCase cases[] = {
	    {"main.json", "`main.json`"},
	    {"a`b", "``a`b``"},
	    {"``x", "``` ``x ```"},
	    {"a\nb\033", "`a b\\e`"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GString) out = g_string_new(NULL);
		report_escape_markdown_code(out, cases[i].text);
		g_assert_cmpstr(out->str, ==, cases[i].expected);
	}
}

/* ---- gnuplot --------------------------------------------------------------------------------- */

static void
test_escape_gnuplot(void)
{
	static const EscapeCase cases[] = {
	    /* noenhanced terminals draw '_' and '^' as they are: no escaping inside the quotes */
	    {"a_b", "'a_b'"},
	    {"x^2 @{}", "'x^2 @{}'"},
	    {"it's\na <title>", "'it''s a <title>'"},
	    /* double quotes, backslashes and $ mean nothing in single quotes */
	    {"\"q\" \\n $x `cmd`", "'\"q\" \\n $x `cmd`'"},
	    /* a line break would end the command: "'\nsystem 'rm'" stays one string */
	    {"'\nsystem 'rm -rf x'", "''' system ''rm -rf x'''"},
	    {"esc\033]0;t\007", "'esc\\e]0;t\\x07'"},
	    {"", "''"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GString) out = g_string_new(NULL);
		report_escape_gnuplot(out, cases[i].text);
		g_assert_cmpstr(out->str, ==, cases[i].expected);
	}
}

/* ---- text tables (reports/table.c): widths in characters, cells escaped ----------------------- */

static void
test_escape_table_text(void)
{
	static const char *const header[] = {"NAME", ">PEAK", "NOTE", NULL};
	g_autoptr(ReportTable) table = report_table_new(header);
	g_autoptr(GString) out = g_string_new(NULL);

	/* "ceil(3 × 2)" is 11 characters in 12 bytes; "a\033b" shows as "a\eb", 4 characters */
	report_table_add_rowv(table, "web", "11", "ceil(3 × 2)", NULL);
	report_table_add_rowv(table, "a\033b", "7", NULL);
	report_table_add_rowv(table, "longer-name", "1234", "x", NULL);
	g_assert_cmpuint(report_table_n_rows(table), ==, 3);
	g_assert_cmpstr(report_table_cell(table, 1, 0), ==, "a\033b");
	g_assert_cmpstr(report_table_cell(table, 1, 2), ==, "");
	report_table_render_text(table, "  ", out);
	g_assert_cmpstr(out->str, ==,
			"  NAME         PEAK  NOTE\n"
			"  web            11  ceil(3 × 2)\n"
			"  a\\eb            7  \n"
			"  longer-name  1234  x\n");
}

static const char *const table_rows[][3] = {
    {"web", "11", "ceil(3 × 2)"},
    {"a\033b", "7", NULL},
    {"longer-name", "1234", "x"},
};

static guint
table_row(gpointer data, guint index, const char **cells)
{
	guint *calls = data;

	(*calls)++;
	for (guint c = 0; c < 3; c++)
		cells[c] = table_rows[index][c];
	/* the numbers are printable ASCII: said so, they are not scanned */
	return 1u << 1;
}

static void
table_flush(GString *out, gpointer data)
{
	GString *joined = data;

	g_string_append_len(joined, out->str, (gssize)out->len);
	g_string_truncate(out, 0);
}

/* the same table with rows made on demand (validate's subnets, issue 18): the same bytes as a
 * ReportTable holding them, each row asked for twice (measured, then drawn); and a table of
 * 2,500 rows flushed every 1,024 rows is the same bytes as drawn whole */
static void
test_escape_table_rows(void)
{
	static const char *const header[] = {"NAME", ">PEAK", "NOTE", NULL};
	g_autoptr(GString) out = g_string_new(NULL);
	g_autoptr(GString) whole = g_string_new(NULL);
	g_autoptr(GString) joined = g_string_new(NULL);
	g_autoptr(ReportTable) big = report_table_new(header);
	guint calls = 0;

	report_table_render_text_rows(header, 3, table_row, NULL, &calls, "  ", out, NULL, NULL);
	g_assert_cmpstr(out->str, ==,
			"  NAME         PEAK  NOTE\n"
			"  web            11  ceil(3 × 2)\n"
			"  a\\eb            7  \n"
			"  longer-name  1234  x\n");
	g_assert_cmpuint(calls, ==, 6);

	for (guint i = 0; i < 2500; i++) {
		g_autofree char *name = g_strdup_printf("row-%u", i * 7);
		g_autofree char *peak = g_strdup_printf("%u", i * i);
		report_table_add_rowv(big, name, peak, i % 100 == 0 ? "\033[1m" : "", NULL);
	}
	report_table_render_text(big, " ", whole);
	g_string_truncate(out, 0);
	report_table_render_text_flushed(big, " ", out, table_flush, joined);
	g_string_append_len(joined, out->str, (gssize)out->len);
	g_assert_cmpstr(joined->str, ==, whole->str);
	/* the last row written is the widest number: 2499 * 2499 = 6,245,001 */
	g_assert_nonnull(strstr(whole->str, " row-17493  6245001  \n"));
}

/* the rule of report_escape_terminal() as the header states it, a character at a time: the
 * reference the word-at-a-time escaper is held to */
static void
reference_terminal(GString *out, const char *text, gsize n, gboolean multiline)
{
	for (gsize i = 0; i < n;) {
		guchar byte = (guchar)text[i];
		gunichar c;
		gsize length = 1;
		if (byte >= 0x20 && byte < 0x7f) {
			g_string_append_c(out, (char)byte);
			i++;
			continue;
		}
		c = byte;
		if (byte >= 0x80) {
			c = g_utf8_get_char_validated(text + i, (gssize)(n - i));
			if (c == (gunichar)-1 || c == (gunichar)-2) {
				g_string_append_printf(out, "\\x%02x", byte);
				i++;
				continue;
			}
			length = (gsize)g_unichar_to_utf8(c, NULL);
		}
		if (multiline && (c == '\n' || c == '\t'))
			g_string_append_c(out, (char)c);
		else if (c == 0x1b)
			g_string_append(out, "\\e");
		else if (c == '\n')
			g_string_append(out, "\\n");
		else if (c == '\r')
			g_string_append(out, "\\r");
		else if (c == '\t')
			g_string_append(out, "\\t");
		else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
			g_string_append_printf(out, "\\x%02x", (guint)c);
		else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))
			g_string_append_printf(out, "\\u{%04X}", (guint)c);
		else
			g_string_append_len(out, text + i, (gssize)length);
		i += length;
	}
}

/* random texts, mostly printable with controls, DEL, UTF-8 (good, cut short, overlong, C1,
 * bidi overrides) and stray bytes at random places: the same bytes as the reference, one line
 * and multi-line, and printable_ascii() true exactly when nothing was escaped or decoded */
static void
test_escape_terminal_random(void)
{
	static const char *const pieces[] = {
	    "\x1b", "\n", "\r", "\t", "\x01", "\x7f", "\xc3\xa9", "\xc3", "\xe2\x80\xae",
	    "\xc2\x85", "\xc0\xaf", "\xff", "\xe2\x86\x92", "\xf0\x9f\x98\x80", "\xed\xa0\x80",
	    "\\",
	};

	for (guint round = 0; round < 2000; round++) {
		g_autoptr(GString) text = g_string_new(NULL);
		guint n = (guint)g_test_rand_int_range(0, 40);
		for (guint i = 0; i < n; i++) {
			if (g_test_rand_int_range(0, 4) == 0)
				g_string_append(text, pieces[g_test_rand_int_range(0, G_N_ELEMENTS(pieces))]);
			else
				g_string_append_c(text, (char)g_test_rand_int_range(0x20, 0x7f));
		}
		for (guint multiline = 0; multiline < 2; multiline++) {
			g_autoptr(GString) got = g_string_new(NULL);
			g_autoptr(GString) want = g_string_new(NULL);
			g_autoptr(GString) doc = g_string_new_len(text->str, (gssize)text->len);
			/* report_escape_terminal() stops at a NUL; the pieces have none */
			report_escape_terminal(got, text->str,
					       multiline ? REPORT_ESCAPE_MULTILINE : REPORT_ESCAPE_NONE);
			reference_terminal(want, text->str, text->len, multiline);
			g_assert_cmpstr(got->str, ==, want->str);
			if (multiline) {
				report_escape_terminal_document(doc, 0);
				g_assert_cmpstr(doc->str, ==, want->str);
			}
		}
		{
			gboolean plain = TRUE;
			for (gsize i = 0; i < text->len; i++)
				plain = plain && (guchar)text->str[i] >= 0x20 && (guchar)text->str[i] < 0x7f;
			g_assert_cmpint(report_escape_printable_ascii(text->str, text->len), ==, plain);
		}
	}
}

/* cells of more than eight bytes with a byte to escape at every place: each is found,
 * whichever eight-byte word it falls in, and a table drawn from rows on demand is the same as
 * one that holds them */
static const char *const tricky_cells[] = {
    "abcdefgh",       "abcdefgh\001",   "abcdefg\037h", "\177bcdefghijklmnop", "abcdefghijklmno\177",
    "abcdefgh caf\xc3\xa9", "~~~~~~~~~~~~~~~~", " !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~",
};

static guint
tricky_row(gpointer data, guint index, const char **cells)
{
	cells[0] = tricky_cells[index];
	cells[1] = "x";
	return 0;
}

/* the width a number is measured at is the length it is written at, at every digit count */
static void
test_escape_int_width(void)
{
	gint64 value = 1;
	const gint64 edges[] = {0, 9, -9, 10, -10, G_MAXINT64, G_MININT64, G_MININT64 + 1};

	for (guint i = 0; i < G_N_ELEMENTS(edges); i++) {
		char text[PLAN_TEXT_INT_SIZE];
		g_assert_cmpuint(plan_text_int_width(edges[i]), ==, plan_text_int(text, edges[i]));
	}
	for (guint digits = 1; digits <= 18; digits++, value *= 10) {
		const gint64 values[] = {value, value - 1, -value, -(value - 1), value * 9};
		for (guint i = 0; i < G_N_ELEMENTS(values); i++) {
			char text[PLAN_TEXT_INT_SIZE];
			g_assert_cmpuint(plan_text_int_width(values[i]), ==,
					 plan_text_int(text, values[i]));
		}
	}
	g_assert_cmpuint(plan_text_int_width(G_MININT64), ==, 20); /* -9223372036854775808 */
}

static void
tricky_widths(gpointer data, guint index, guint *widths)
{
	guint *scale = data;

	widths[0] = report_table_text_width(tricky_cells[index]) * *scale;
	widths[1] = 1 * *scale;
}

static void
test_escape_table_printable(void)
{
	static const char *const header[] = {"CELL", "X", NULL};
	g_autoptr(GString) rows = g_string_new(NULL);
	g_autoptr(GString) kept = g_string_new(NULL);
	g_autoptr(ReportTable) table = report_table_new(header);

	for (guint i = 0; i < G_N_ELEMENTS(tricky_cells); i++)
		report_table_add_rowv(table, tricky_cells[i], "x", NULL);
	report_table_render_text(table, "", kept);
	report_table_render_text_rows(header, G_N_ELEMENTS(tricky_cells), tricky_row, NULL, NULL,
				      "", rows, NULL, NULL);
	g_assert_cmpstr(rows->str, ==, kept->str);
	/* measured by a width function instead of by making each row: the same bytes */
	{
		g_autoptr(GString) measured = g_string_new(NULL);
		g_autoptr(GString) wrong = g_string_new(NULL);
		guint right_scale = 1;
		guint wrong_scale = 0;
		report_table_render_text_rows(header, G_N_ELEMENTS(tricky_cells), tricky_row,
					      tricky_widths, &right_scale, "", measured, NULL, NULL);
		g_assert_cmpstr(measured->str, ==, kept->str);
		/* widths of 0, too small for every cell: misaligned, every byte still there */
		report_table_render_text_rows(header, G_N_ELEMENTS(tricky_cells), tricky_row,
					      tricky_widths, &wrong_scale, "", wrong, NULL, NULL);
		g_assert_nonnull(strstr(wrong->str, "\nabcdefghijklmno\\x7f  x\n"));
	}
	/* no control byte reaches the terminal; the ones in the cells show as escapes */
	for (const char *p = rows->str; *p != '\0'; p++)
		g_assert_true((guchar)*p >= 0x20 || *p == '\n');
	g_assert_null(strchr(rows->str, '\177'));
	g_assert_nonnull(strstr(rows->str, "abcdefgh\\x01"));
	g_assert_nonnull(strstr(rows->str, "abcdefghijklmno\\x7f"));
	/* a cell that is not all ASCII goes through the escaper, in both tables alike */
	g_assert_nonnull(strstr(rows->str, "\nabcdefgh caf"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/reports/escape/terminal", test_escape_terminal);
	g_test_add_func("/reports/escape/terminal-multiline", test_escape_terminal_multiline);
	g_test_add_func("/reports/escape/terminal-document", test_escape_terminal_document);
	g_test_add_func("/reports/escape/terminal-document-offsets",
			test_escape_terminal_document_offsets);
	g_test_add_func("/reports/escape/table-printable", test_escape_table_printable);
	g_test_add_func("/reports/escape/int-width", test_escape_int_width);
	g_test_add_func("/reports/escape/terminal-random", test_escape_terminal_random);
	g_test_add_func("/reports/escape/csv", test_escape_csv);
	g_test_add_func("/reports/escape/csv-row", test_escape_csv_row);
	g_test_add_func("/reports/escape/markdown", test_escape_markdown);
	g_test_add_func("/reports/escape/markdown-cell", test_escape_markdown_cell);
	g_test_add_func("/reports/escape/markdown-code", test_escape_markdown_code);
	g_test_add_func("/reports/escape/gnuplot", test_escape_gnuplot);
	g_test_add_func("/reports/escape/table-text", test_escape_table_text);
	g_test_add_func("/reports/escape/table-rows", test_escape_table_rows);
	return g_test_run();
}
