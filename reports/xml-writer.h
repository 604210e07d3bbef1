/* ecsplan: markup through libxml2's xmlTextWriter into an xmlBuffer, never through printf.
 * Every string passes through the writer, which escapes it; characters XML cannot hold are
 * replaced first. The first failing writer call is remembered and reported once, as a GError,
 * by report_xml_finish(), so a renderer writes straight through without checking each call. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ReportXml ReportXml;

/* a writer into a new buffer, with the XML declaration written and indentation on */
ReportXml *report_xml_new(void) G_GNUC_WARN_UNUSED_RESULT;
/* an HTML document (report.html): "<!DOCTYPE html>" instead of the XML declaration, and
 * end tags an HTML parser reads the same way an XML parser does: an element that HTML does
 * not know as void gets a full end tag ("<td></td>": an HTML parser reads "<td/>" as a start
 * tag), except inside <svg>, where "<rect/>" is fine. Inside elements that hold text
 * (p, li, td, h1, svg text, ...) indentation stops, so no white space is added to the text */
ReportXml *report_xml_new_html(void) G_GNUC_WARN_UNUSED_RESULT;
void report_xml_free(ReportXml *xml);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(ReportXml, report_xml_free)

void report_xml_start(ReportXml *xml, const char *element);
void report_xml_end(ReportXml *xml);
/* an attribute; nothing is written when @value is NULL */
void report_xml_attr(ReportXml *xml, const char *name, const char *value);
void report_xml_attr_int(ReportXml *xml, const char *name, gint64 value);
/* text content of the open element */
void report_xml_text(ReportXml *xml, const char *text);
/* <element>text</element> */
void report_xml_element(ReportXml *xml, const char *element, const char *text);

/* HTML mode: the elements open now (the writer's depth); 0 for report_xml_new() */
guint report_xml_depth(const ReportXml *xml);
/* HTML mode, no failed call, and indenting (not inside an element that holds text) */
gboolean report_xml_indenting(const ReportXml *xml);
/* whether the HTML writer stops indenting inside @element (p, td, svg text, ...) */
gboolean report_xml_holds_text(const char *element);
/* @markup written as it is, for report_svg_embed() (svg-embed.c), which lays out an SVG's
 * content itself exactly as the writer would, for the element just started: it closes the
 * open start tag with ">" (so @markup starts with the line end the writer would write), and the
 * next end tag is indented only when @indent_next (the writer's state after the last element
 * that @markup ended). The markup must be balanced and well-formed: nothing checks it here */
void report_xml_raw(ReportXml *xml, const char *markup, gsize length, gboolean indent_next);
/* closes every open element and the document. Returns: (transfer full) the document, or NULL
 * with @error set (PLAN_ERROR_FAILED, naming the writer call) when any call failed */
GString *report_xml_finish(ReportXml *xml, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* @text with invalid UTF-8 and the characters XML 1.0 forbids (controls other than tab, line
 * feed and carriage return; U+FFFE, U+FFFF) replaced by U+FFFD. Returns: (transfer full) (nullable)
 * NULL when @text is already clean */
char *report_xml_clean(const char *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
