#include "xml-writer.h"

#include "plan-error.h"
#include "xml-compat.h"

#include <string.h>

struct _ReportXml {
	xmlBuffer *buffer;
	xmlTextWriter *writer; /* writes into buffer; freed first, which flushes it */
	char *failed;	       /* the first call that returned a negative value, or NULL */
	/* HTML mode (report_xml_new_html): the open elements, innermost last (static strings
	 * or the caller's; only compared while the element is open) */
	GPtrArray *open;
	guint svg_depth;  /* open <svg> elements: inside one, "<x/>" is fine */
	guint text_depth; /* the depth of the element that stopped indentation; 0: none */
};

/* the one place a negative return is looked at: remembered, and turned into a GError later */
static void
report_xml_check(ReportXml *xml, int rc, const char *call, const char *subject)
{
	if (rc >= 0 || xml->failed != NULL)
		return;
	xml->failed = g_strdup_printf("%s '%s'", call, subject != NULL ? subject : "");
}

static gboolean
report_xml_ok(const ReportXml *xml)
{
	return xml->failed == NULL && xml->writer != NULL;
}

ReportXml *
report_xml_new(void)
{
	ReportXml *xml = g_new0(ReportXml, 1);

	xml->buffer = xmlBufferCreate();
	if (xml->buffer != NULL)
		xml->writer = xmlNewTextWriterMemory(xml->buffer, 0);
	if (xml->writer == NULL) {
		xml->failed = g_strdup("xmlNewTextWriterMemory");
		return xml;
	}
	report_xml_check(xml, xmlTextWriterSetIndent(xml->writer, 1), "xmlTextWriterSetIndent",
			 NULL);
	report_xml_check(xml, xmlTextWriterSetIndentString(xml->writer, BAD_CAST "  "),
			 "xmlTextWriterSetIndentString", NULL);
	report_xml_check(xml, xmlTextWriterStartDocument(xml->writer, "1.0", "UTF-8", NULL),
			 "xmlTextWriterStartDocument", NULL);
	return xml;
}

/* HTML elements without content or end tag; only these may be written as "<x/>" */
static gboolean
report_xml_html_void(const char *element)
{
	static const char *const names[] = {"area",   "base",  "br",	"col",	"embed",
					    "hr",     "img",   "input", "link", "meta",
					    "source", "track", "wbr",	NULL};
	return g_strv_contains(names, element);
}

/* elements whose content is text: the writer's indentation would add white space to it */
gboolean
report_xml_holds_text(const char *element)
{
	static const char *const names[] = {
	    "p",      "li",    "td",	     "th",	"h1",	"h2",	   "h3",   "h4",
	    "title",  "style", "figcaption", "caption", "dt",	"dd",	   "code", "span",
	    "strong", "a",     "text",	     "tspan",	"desc", "summary", NULL};
	return g_strv_contains(names, element);
}

ReportXml *
report_xml_new_html(void)
{
	ReportXml *xml = g_new0(ReportXml, 1);

	xml->open = g_ptr_array_new_with_free_func(g_free);
	xml->buffer = xmlBufferCreate();
	if (xml->buffer != NULL)
		xml->writer = xmlNewTextWriterMemory(xml->buffer, 0);
	if (xml->writer == NULL) {
		xml->failed = g_strdup("xmlNewTextWriterMemory");
		return xml;
	}
	report_xml_check(xml, xmlTextWriterSetIndent(xml->writer, 1), "xmlTextWriterSetIndent",
			 NULL);
	report_xml_check(xml, xmlTextWriterSetIndentString(xml->writer, BAD_CAST "  "),
			 "xmlTextWriterSetIndentString", NULL);
	/* no XML declaration: an HTML parser would read it as a bogus comment */
	report_xml_check(xml, xmlTextWriterWriteDTD(xml->writer, BAD_CAST "html", NULL, NULL, NULL),
			 "xmlTextWriterWriteDTD", "html");
	return xml;
}

void
report_xml_free(ReportXml *xml)
{
	if (xml == NULL)
		return;
	g_clear_pointer(&xml->open, g_ptr_array_unref);
	g_clear_pointer(&xml->writer, xmlFreeTextWriter);
	g_clear_pointer(&xml->buffer, xmlBufferFree);
	g_free(xml->failed);
	g_free(xml);
}

/* XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF];
 * valid UTF-8 never holds surrogates */
static gboolean
report_xml_char_ok(gunichar c)
{
	if (c < 0x20)
		return c == 0x9 || c == 0xA || c == 0xD;
	return c != 0xFFFE && c != 0xFFFF;
}

char *
report_xml_clean(const char *text)
{
	g_autofree char *valid = NULL;
	const char *scan = text;
	GString *out;
	gboolean clean = TRUE;

	if (text == NULL)
		return NULL;
	if (!g_utf8_validate(text, -1, NULL)) {
		valid = g_utf8_make_valid(text, -1);
		scan = valid;
		clean = FALSE;
	}
	for (const char *p = scan; clean && *p != '\0'; p = g_utf8_next_char(p)) {
		if (!report_xml_char_ok(g_utf8_get_char(p)))
			clean = FALSE;
	}
	if (clean)
		return NULL;
	out = g_string_sized_new(strlen(scan));
	for (const char *p = scan; *p != '\0'; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		g_string_append_unichar(out, report_xml_char_ok(c) ? c : 0xFFFD);
	}
	return g_string_free(out, FALSE);
}

void
report_xml_start(ReportXml *xml, const char *element)
{
	if (!report_xml_ok(xml))
		return;
	report_xml_check(xml, xmlTextWriterStartElement(xml->writer, BAD_CAST element),
			 "xmlTextWriterStartElement", element);
	if (xml->open == NULL)
		return;
	g_ptr_array_add(xml->open, g_strdup(element));
	if (g_strcmp0(element, "svg") == 0)
		xml->svg_depth++;
	if (xml->text_depth == 0 && report_xml_holds_text(element)) {
		xml->text_depth = xml->open->len;
		report_xml_check(xml, xmlTextWriterSetIndent(xml->writer, 0),
				 "xmlTextWriterSetIndent", element);
	}
}

void
report_xml_end(ReportXml *xml)
{
	g_autofree char *element = NULL;
	gboolean full;

	if (!report_xml_ok(xml))
		return;
	if (xml->open == NULL || xml->open->len == 0) {
		report_xml_check(xml, xmlTextWriterEndElement(xml->writer),
				 "xmlTextWriterEndElement", NULL);
		return;
	}
	element = g_ptr_array_steal_index(xml->open, xml->open->len - 1);
	full = xml->svg_depth == 0 && !report_xml_html_void(element);
	if (g_strcmp0(element, "svg") == 0)
		xml->svg_depth--;
	if (full)
		report_xml_check(xml, xmlTextWriterFullEndElement(xml->writer),
				 "xmlTextWriterFullEndElement", element);
	else
		report_xml_check(xml, xmlTextWriterEndElement(xml->writer),
				 "xmlTextWriterEndElement", element);
	if (xml->text_depth == xml->open->len + 1) {
		/* the text element is closed: indent again. the writer does not end the line
		 * after an element closed without indentation, so do it here */
		xml->text_depth = 0;
		report_xml_check(xml, xmlTextWriterSetIndent(xml->writer, 1),
				 "xmlTextWriterSetIndent", element);
		report_xml_check(xml, xmlTextWriterWriteRaw(xml->writer, BAD_CAST "\n"),
				 "xmlTextWriterWriteRaw", element);
	}
}

void
report_xml_attr(ReportXml *xml, const char *name, const char *value)
{
	g_autofree char *clean = NULL;

	if (!report_xml_ok(xml) || value == NULL)
		return;
	clean = report_xml_clean(value);
	report_xml_check(xml,
			 xmlTextWriterWriteAttribute(xml->writer, BAD_CAST name,
						     BAD_CAST(clean != NULL ? clean : value)),
			 "xmlTextWriterWriteAttribute", name);
}

void
report_xml_attr_int(ReportXml *xml, const char *name, gint64 value)
{
	char text[24];

	g_snprintf(text, sizeof text, "%" G_GINT64_FORMAT, value);
	report_xml_attr(xml, name, text);
}

void
report_xml_text(ReportXml *xml, const char *text)
{
	g_autofree char *clean = NULL;

	if (!report_xml_ok(xml) || text == NULL)
		return;
	clean = report_xml_clean(text);
	report_xml_check(
	    xml, xmlTextWriterWriteString(xml->writer, BAD_CAST(clean != NULL ? clean : text)),
	    "xmlTextWriterWriteString", NULL);
}

void
report_xml_element(ReportXml *xml, const char *element, const char *text)
{
	report_xml_start(xml, element);
	report_xml_text(xml, text);
	report_xml_end(xml);
}

guint
report_xml_depth(const ReportXml *xml)
{
	g_return_val_if_fail(xml != NULL, 0);
	return xml->open != NULL ? xml->open->len : 0;
}

gboolean
report_xml_indenting(const ReportXml *xml)
{
	g_return_val_if_fail(xml != NULL, FALSE);
	return report_xml_ok(xml) && xml->open != NULL && xml->text_depth == 0;
}

void
report_xml_raw(ReportXml *xml, const char *markup, gsize length, gboolean indent_next)
{
	g_return_if_fail(xml != NULL && markup != NULL);
	if (!report_xml_ok(xml))
		return;
	if (length > G_MAXINT) {
		report_xml_check(xml, -1, "xmlTextWriterWriteRawLen", "(too long)");
		return;
	}
	/* closes an open start tag with ">" and clears the writer's "indent the next end tag" */
	report_xml_check(xml, xmlTextWriterWriteRawLen(xml->writer, BAD_CAST markup, (int)length),
			 "xmlTextWriterWriteRawLen", NULL);
	/* ... which xmlTextWriterSetIndent sets again (what an element's end leaves behind) */
	if (indent_next)
		report_xml_check(xml, xmlTextWriterSetIndent(xml->writer, 1),
				 "xmlTextWriterSetIndent", NULL);
}

GString *
report_xml_finish(ReportXml *xml, GError **error)
{
	g_return_val_if_fail(xml != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	/* HTML mode closes what is open itself, with the end tags HTML needs */
	while (report_xml_ok(xml) && xml->open != NULL && xml->open->len > 0)
		report_xml_end(xml);
	if (report_xml_ok(xml))
		report_xml_check(xml, xmlTextWriterEndDocument(xml->writer),
				 "xmlTextWriterEndDocument", NULL);
	if (report_xml_ok(xml))
		report_xml_check(xml, xmlTextWriterFlush(xml->writer), "xmlTextWriterFlush", NULL);
	if (xml->failed != NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot write markup: %s failed",
			    xml->failed);
		return NULL;
	}
	return g_string_new_len((const char *)xmlBufferContent(xml->buffer),
				xmlBufferLength(xml->buffer));
}
