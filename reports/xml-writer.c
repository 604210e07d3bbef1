#include "xml-writer.h"

#include "plan-error.h"
#include "xml-compat.h"

#include <string.h>

struct _ReportXml {
	xmlBuffer *buffer;
	xmlTextWriter *writer; /* writes into buffer; freed first, which flushes it */
	char *failed;	       /* the first call that returned a negative value, or NULL */
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

void
report_xml_free(ReportXml *xml)
{
	if (xml == NULL)
		return;
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
}

void
report_xml_end(ReportXml *xml)
{
	if (!report_xml_ok(xml))
		return;
	report_xml_check(xml, xmlTextWriterEndElement(xml->writer), "xmlTextWriterEndElement",
			 NULL);
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

GString *
report_xml_finish(ReportXml *xml, GError **error)
{
	g_return_val_if_fail(xml != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

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
