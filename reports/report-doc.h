/* ecsplan: a small document of blocks (headings, paragraphs, lists, tables, figures) written
 * once and rendered as Markdown or as one self-contained HTML page, so report.md and
 * report.html cannot say different things */
#pragma once

#include <glib.h>

#include "xml-writer.h"

#include "table.h"

G_BEGIN_DECLS

typedef struct _ReportDoc ReportDoc;

/* @title: the document's title (h1), plain text */
ReportDoc *report_doc_new(const char *title) G_GNUC_WARN_UNUSED_RESULT;
void report_doc_free(ReportDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReportDoc, report_doc_free)

/* Every text is plain text: the renderers escape it (Markdown punctuation; HTML through the
 * writer), so a model's names can never become markup. */

/* a section heading, @level 2 or 3; @id (nullable) is the HTML anchor ([a-z0-9-]) */
void report_doc_heading(ReportDoc *doc, guint level, const char *id, const char *text);
void report_doc_paragraph(ReportDoc *doc, const char *text);
void report_doc_paragraphf(ReportDoc *doc, const char *format, ...) G_GNUC_PRINTF(2, 3);
/* a small print paragraph: legends, sources, what was left out */
void report_doc_note(ReportDoc *doc, const char *text);
/* an item of a bulleted list: consecutive items form one list. @file (nullable) is a file
 * of the report the item names: a link in Markdown, the name in code type in HTML */
void report_doc_item(ReportDoc *doc, const char *file, const char *text);
/* an item of a bulleted list that links to the heading with @id in this document */
void report_doc_link(ReportDoc *doc, const char *id, const char *text);
/* takes @table */
void report_doc_table(ReportDoc *doc, ReportTable *table);
/* a picture: @file in Markdown (an image link, relative), the SVG itself in HTML.
 * @drawn FALSE: not drawn, and @missing says why ("gnuplot is not installed").
 * @svg (nullable; a new reference is taken): the picture, which HTML needs when @drawn */
void report_doc_figure(ReportDoc *doc, const char *file, const char *caption, gboolean drawn,
		       GBytes *svg, const char *missing);
/* writes a picture's <svg> at @xml's current place, with @id_prefix on every id and
 * @css_class on the root (report_diagram_write_svg() has this shape) */
typedef void (*ReportDocDrawFunc)(ReportXml *xml, gconstpointer data, const char *id_prefix,
				  const char *css_class);
/* a picture ecsplan draws itself: @file in Markdown, and in HTML what @draw writes from @data
 * (borrowed; it must outlive the document): not written to SVG text and parsed back */
void report_doc_figure_drawn(ReportDoc *doc, const char *file, const char *caption,
			     ReportDocDrawFunc draw, gconstpointer data);

/* Returns: (transfer full) */
GString *report_doc_markdown(const ReportDoc *doc) G_GNUC_WARN_UNUSED_RESULT;
/* One HTML5 page that is also well-formed XML (XHTML): styles in a <style> element (screen
 * and print), every figure's SVG inline through report_svg_embed(), no script, no link to
 * anything outside the page. Fails when a figure that was drawn has no SVG or its SVG
 * cannot be read. Returns: (transfer full) */
GString *report_doc_html(const ReportDoc *doc, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
