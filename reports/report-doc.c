#include "report-doc.h"

#include <stdarg.h>
#include <string.h>

#include "escape.h"
#include "plan-error.h"
#include "svg-embed.h"
#include "xml-writer.h"

typedef enum {
	REPORT_BLOCK_HEADING,
	REPORT_BLOCK_PARAGRAPH,
	REPORT_BLOCK_NOTE,
	REPORT_BLOCK_ITEM,
	REPORT_BLOCK_TABLE,
	REPORT_BLOCK_FIGURE,
} ReportBlockKind;

typedef struct {
	ReportBlockKind kind;
	guint level;	    /* heading */
	char *id;	    /* heading */
	char *text;	    /* heading, paragraph, note, item; the figure's caption */
	char *file;	    /* item, figure */
	char *anchor;	    /* item: links to the heading with this id */
	char *missing;	    /* figure not drawn: why */
	gboolean drawn;	    /* figure */
	GBytes *svg;	    /* figure */
	ReportDocDrawFunc draw; /* figure ecsplan draws into the page itself, or NULL */
	gconstpointer draw_data;
	ReportTable *table; /* table */
} ReportBlock;

struct _ReportDoc {
	char *title;
	GPtrArray *blocks; /* ReportBlock */
};

static void
report_block_free(ReportBlock *block)
{
	g_free(block->id);
	g_free(block->text);
	g_free(block->file);
	g_free(block->anchor);
	g_free(block->missing);
	g_clear_pointer(&block->svg, g_bytes_unref);
	g_clear_pointer(&block->table, report_table_free);
	g_free(block);
}

ReportDoc *
report_doc_new(const char *title)
{
	ReportDoc *doc = g_new0(ReportDoc, 1);

	doc->title = g_strdup(title);
	doc->blocks = g_ptr_array_new_with_free_func((GDestroyNotify)report_block_free);
	return doc;
}

void
report_doc_free(ReportDoc *doc)
{
	if (doc == NULL)
		return;
	g_free(doc->title);
	g_ptr_array_unref(doc->blocks);
	g_free(doc);
}

static ReportBlock *
report_doc_add(ReportDoc *doc, ReportBlockKind kind, const char *text)
{
	ReportBlock *block = g_new0(ReportBlock, 1);

	block->kind = kind;
	block->text = g_strdup(text);
	g_ptr_array_add(doc->blocks, block);
	return block;
}

void
report_doc_heading(ReportDoc *doc, guint level, const char *id, const char *text)
{
	ReportBlock *block;

	g_return_if_fail(level == 2 || level == 3);
	block = report_doc_add(doc, REPORT_BLOCK_HEADING, text);
	block->level = level;
	block->id = g_strdup(id);
}

void
report_doc_paragraph(ReportDoc *doc, const char *text)
{
	report_doc_add(doc, REPORT_BLOCK_PARAGRAPH, text);
}

void
report_doc_paragraphf(ReportDoc *doc, const char *format, ...)
{
	g_autofree char *text = NULL;
	va_list args;

	va_start(args, format);
	text = g_strdup_vprintf(format, args);
	va_end(args);
	report_doc_add(doc, REPORT_BLOCK_PARAGRAPH, text);
}

void
report_doc_note(ReportDoc *doc, const char *text)
{
	report_doc_add(doc, REPORT_BLOCK_NOTE, text);
}

void
report_doc_item(ReportDoc *doc, const char *file, const char *text)
{
	ReportBlock *block = report_doc_add(doc, REPORT_BLOCK_ITEM, text);
	block->file = g_strdup(file);
}

void
report_doc_link(ReportDoc *doc, const char *id, const char *text)
{
	ReportBlock *block = report_doc_add(doc, REPORT_BLOCK_ITEM, text);
	block->anchor = g_strdup(id);
}

void
report_doc_table(ReportDoc *doc, ReportTable *table)
{
	ReportBlock *block = report_doc_add(doc, REPORT_BLOCK_TABLE, NULL);
	block->table = table;
}

void
report_doc_figure(ReportDoc *doc, const char *file, const char *caption, gboolean drawn,
		  GBytes *svg, const char *missing)
{
	ReportBlock *block = report_doc_add(doc, REPORT_BLOCK_FIGURE, caption);

	block->file = g_strdup(file);
	block->drawn = drawn;
	block->svg = svg != NULL ? g_bytes_ref(svg) : NULL;
	block->missing = g_strdup(missing);
}

void
report_doc_figure_drawn(ReportDoc *doc, const char *file, const char *caption,
			ReportDocDrawFunc draw, gconstpointer data)
{
	ReportBlock *block = report_doc_add(doc, REPORT_BLOCK_FIGURE, caption);

	g_return_if_fail(draw != NULL);
	block->file = g_strdup(file);
	block->drawn = TRUE;
	block->draw = draw;
	block->draw_data = data;
}

/* ---- Markdown -------------------------------------------------------------------------------- */

static void
report_doc_markdown_block(const ReportBlock *block, const ReportBlock *previous, GString *out)
{
	g_autofree char *text = block->text != NULL ? report_escape_markdown_dup(block->text) : NULL;

	/* a blank line between blocks, none between the items of one list */
	if (!(block->kind == REPORT_BLOCK_ITEM && previous != NULL &&
	      previous->kind == REPORT_BLOCK_ITEM))
		g_string_append_c(out, '\n');
	switch (block->kind) {
	case REPORT_BLOCK_HEADING:
		g_string_append_printf(out, "%s %s\n", block->level == 2 ? "##" : "###", text);
		break;
	case REPORT_BLOCK_PARAGRAPH:
		g_string_append_printf(out, "%s\n", text);
		break;
	case REPORT_BLOCK_NOTE:
		g_string_append_printf(out, "*%s*\n", text);
		break;
	case REPORT_BLOCK_ITEM:
		/* file names are ecsplan's own ([A-Za-z0-9._-]): no escaping needed in a link */
		if (block->file != NULL)
			g_string_append_printf(out, "- [%s](%s): %s\n", block->file, block->file,
					       text);
		/* ids are ecsplan's own ([a-z0-9-]) */
		else if (block->anchor != NULL)
			g_string_append_printf(out, "- [%s](#%s)\n", text, block->anchor);
		else
			g_string_append_printf(out, "- %s\n", text);
		break;
	case REPORT_BLOCK_TABLE:
		report_table_render_markdown(block->table, out);
		break;
	case REPORT_BLOCK_FIGURE:
		if (block->drawn)
			g_string_append_printf(out, "![%s](%s)\n", text, block->file);
		else
			g_string_append_printf(out, "*%s: not drawn (%s).*\n", text,
					       block->missing != NULL ? block->missing
								      : "no picture");
		break;
	}
}

GString *
report_doc_markdown(const ReportDoc *doc)
{
	g_autofree char *title = report_escape_markdown_dup(doc->title);
	GString *out = g_string_new(NULL);

	g_string_append_printf(out, "# %s\n", title);
	for (guint i = 0; i < doc->blocks->len; i++)
		report_doc_markdown_block(g_ptr_array_index(doc->blocks, i),
					  i > 0 ? g_ptr_array_index(doc->blocks, i - 1) : NULL,
					  out);
	return out;
}

/* ---- HTML ------------------------------------------------------------------------------------ */

/* the page's only styles. the writer escapes text, and an HTML parser does not unescape the
 * content of <style>: so no '<', '>', '&' or '"' in here (test-report checks it) */
static const char report_doc_css[] =
    "body { margin: 0 auto; max-width: 1180px; padding: 24px; "
    "font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 14px; "
    "line-height: 1.45; color: #212529; background: #ffffff; }\n"
    "h1 { font-size: 24px; margin: 0 0 8px; }\n"
    "h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; "
    "border-bottom: 1px solid #dee2e6; }\n"
    "h3 { font-size: 15px; margin: 20px 0 6px; }\n"
    "p { margin: 6px 0; }\n"
    "p.note { color: #495057; font-size: 12px; }\n"
    "ul { margin: 6px 0; padding-left: 22px; }\n"
    "code { font-family: 'DejaVu Sans Mono', monospace; font-size: 12px; }\n"
    "div.table { overflow-x: auto; margin: 8px 0 14px; }\n"
    "table { border-collapse: collapse; font-size: 12.5px; }\n"
    "th, td { border: 1px solid #dee2e6; padding: 3px 8px; text-align: left; "
    "vertical-align: top; }\n"
    "th { background: #f1f3f5; font-weight: bold; }\n"
    "tbody tr:nth-child(even) td { background: #f8f9fa; }\n"
    "th.num, td.num { text-align: right; white-space: nowrap; "
    "font-variant-numeric: tabular-nums; }\n"
    "td.word { white-space: nowrap; }\n"
    "td.severity-error { color: #c92a2a; font-weight: bold; white-space: nowrap; }\n"
    "td.severity-warning { color: #b35c00; font-weight: bold; white-space: nowrap; }\n"
    "td.severity-note { color: #1971c2; white-space: nowrap; }\n"
    "figure { margin: 12px 0 20px; }\n"
    "figure svg { display: block; max-width: 100%; height: auto; }\n"
    "figcaption { font-size: 12px; color: #495057; margin-top: 4px; }\n"
    "@media print {\n"
    "  @page { size: A4; margin: 14mm; }\n"
    "  body { max-width: none; padding: 0; font-size: 10pt; }\n"
    "  h2, h3 { break-after: avoid; page-break-after: avoid; }\n"
    "  figure, tr { break-inside: avoid; page-break-inside: avoid; }\n"
    "  div.table { overflow: visible; }\n"
    "  table { font-size: 8pt; }\n"
    "  tbody tr:nth-child(even) td { background: none; }\n"
    "}\n";

/* a name or number short enough to keep on one line: a browser would break "tier-single-az"
 * at its hyphens */
static gboolean
report_doc_word(const char *cell)
{
	gsize length = strlen(cell);

	if (length == 0 || length > 32)
		return FALSE;
	for (const char *p = cell; *p != '\0'; p++) {
		if (g_ascii_isspace(*p))
			return FALSE;
	}
	return TRUE;
}

/* numbers align right, severities are coloured, short names do not wrap */
static const char *
report_doc_cell_class(const ReportTable *table, guint column, const char *cell)
{
	if (report_table_right(table, column))
		return "num";
	if (g_strcmp0(report_table_header(table, column), "SEVERITY") == 0) {
		if (g_strcmp0(cell, "error") == 0)
			return "severity-error";
		if (g_strcmp0(cell, "warning") == 0)
			return "severity-warning";
		if (g_strcmp0(cell, "note") == 0)
			return "severity-note";
	}
	return report_doc_word(cell) ? "word" : NULL;
}

static void
report_doc_html_table(ReportXml *xml, const ReportTable *table)
{
	guint n_columns = report_table_n_columns(table);

	report_xml_start(xml, "div");
	report_xml_attr(xml, "class", "table");
	report_xml_start(xml, "table");
	report_xml_start(xml, "thead");
	report_xml_start(xml, "tr");
	for (guint c = 0; c < n_columns; c++) {
		report_xml_start(xml, "th");
		report_xml_attr(xml, "class", report_table_right(table, c) ? "num" : NULL);
		report_xml_text(xml, report_table_header(table, c));
		report_xml_end(xml);
	}
	report_xml_end(xml);
	report_xml_end(xml);
	report_xml_start(xml, "tbody");
	for (guint r = 0; r < report_table_n_rows(table); r++) {
		report_xml_start(xml, "tr");
		for (guint c = 0; c < n_columns; c++) {
			const char *cell = report_table_cell(table, r, c);
			report_xml_start(xml, "td");
			report_xml_attr(xml, "class", report_doc_cell_class(table, c, cell));
			report_xml_text(xml, cell);
			report_xml_end(xml);
		}
		report_xml_end(xml);
	}
	report_xml_end(xml);
	report_xml_end(xml);
	report_xml_end(xml);
}

static gboolean
report_doc_html_figure(ReportXml *xml, const ReportBlock *block, guint index, GError **error)
{
	g_autofree char *prefix = g_strdup_printf("f%u-", index);
	const char *data;
	gsize length = 0;

	if (block->draw != NULL) {
		report_xml_start(xml, "figure");
		report_xml_attr(xml, "data-file", block->file);
		block->draw(xml, block->draw_data, prefix, "picture");
		report_xml_element(xml, "figcaption", block->text);
		report_xml_end(xml);
		return TRUE;
	}
	if (!block->drawn || block->svg == NULL) {
		g_autofree char *text =
		    g_strdup_printf("%s: not drawn (%s).", block->text,
				    block->missing != NULL ? block->missing : "no picture");
		if (block->drawn) {
			g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "the picture '%s' is missing", block->file);
			return FALSE;
		}
		report_xml_start(xml, "p");
		report_xml_attr(xml, "class", "note");
		report_xml_text(xml, text);
		report_xml_end(xml);
		return TRUE;
	}
	report_xml_start(xml, "figure");
	report_xml_attr(xml, "data-file", block->file);
	data = g_bytes_get_data(block->svg, &length);
	if (!report_svg_embed(xml, data, length, prefix, "picture", error)) {
		g_prefix_error(error, "'%s': ", block->file);
		return FALSE;
	}
	report_xml_element(xml, "figcaption", block->text);
	report_xml_end(xml);
	return TRUE;
}

static gboolean
report_doc_html_block(ReportXml *xml, const ReportDoc *doc, guint index, guint *n_figures,
		      GError **error)
{
	const ReportBlock *block = g_ptr_array_index(doc->blocks, index);
	const ReportBlock *next =
	    index + 1 < doc->blocks->len ? g_ptr_array_index(doc->blocks, index + 1) : NULL;
	const ReportBlock *previous = index > 0 ? g_ptr_array_index(doc->blocks, index - 1) : NULL;

	switch (block->kind) {
	case REPORT_BLOCK_HEADING:
		report_xml_start(xml, block->level == 2 ? "h2" : "h3");
		report_xml_attr(xml, "id", block->id);
		report_xml_text(xml, block->text);
		report_xml_end(xml);
		break;
	case REPORT_BLOCK_PARAGRAPH:
	case REPORT_BLOCK_NOTE:
		report_xml_start(xml, "p");
		report_xml_attr(xml, "class", block->kind == REPORT_BLOCK_NOTE ? "note" : NULL);
		report_xml_text(xml, block->text);
		report_xml_end(xml);
		break;
	case REPORT_BLOCK_ITEM:
		if (previous == NULL || previous->kind != REPORT_BLOCK_ITEM)
			report_xml_start(xml, "ul");
		report_xml_start(xml, "li");
		if (block->file != NULL) {
			report_xml_element(xml, "code", block->file);
			report_xml_text(xml, ": ");
		}
		if (block->anchor != NULL) {
			g_autofree char *href = g_strconcat("#", block->anchor, NULL);
			report_xml_start(xml, "a");
			report_xml_attr(xml, "href", href);
			report_xml_text(xml, block->text);
			report_xml_end(xml);
		} else {
			report_xml_text(xml, block->text);
		}
		report_xml_end(xml);
		if (next == NULL || next->kind != REPORT_BLOCK_ITEM)
			report_xml_end(xml);
		break;
	case REPORT_BLOCK_TABLE:
		report_doc_html_table(xml, block->table);
		break;
	case REPORT_BLOCK_FIGURE:
		return report_doc_html_figure(xml, block, ++*n_figures, error);
	}
	return TRUE;
}

GString *
report_doc_html(const ReportDoc *doc, GError **error)
{
	g_autoptr(ReportXml) xml = report_xml_new_html();
	guint n_figures = 0;

	g_return_val_if_fail(doc != NULL, NULL);
	report_xml_start(xml, "html");
	report_xml_attr(xml, "xmlns", "http://www.w3.org/1999/xhtml");
	report_xml_attr(xml, "lang", "en");
	report_xml_start(xml, "head");
	report_xml_start(xml, "meta");
	report_xml_attr(xml, "charset", "utf-8");
	report_xml_end(xml);
	report_xml_start(xml, "meta");
	report_xml_attr(xml, "name", "viewport");
	report_xml_attr(xml, "content", "width=device-width, initial-scale=1");
	report_xml_end(xml);
	report_xml_element(xml, "title", doc->title);
	report_xml_element(xml, "style", report_doc_css);
	report_xml_end(xml);
	report_xml_start(xml, "body");
	report_xml_start(xml, "main");
	report_xml_element(xml, "h1", doc->title);
	for (guint i = 0; i < doc->blocks->len; i++) {
		if (!report_doc_html_block(xml, doc, i, &n_figures, error))
			return NULL;
	}
	report_xml_end(xml);
	report_xml_end(xml);
	report_xml_end(xml);
	return report_xml_finish(xml, error);
}
