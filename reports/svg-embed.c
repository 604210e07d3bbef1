#include "svg-embed.h"

#include <string.h>

#include "plan-error.h"
#include "xml-compat.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlParserCtxt, xmlFreeParserCtxt)

#define REPORT_SVG_NS "http://www.w3.org/2000/svg"

/* elements that could run code, load something or restyle the page: left out with their
 * content */
static gboolean
report_svg_dropped_element(const char *name)
{
	static const char *const names[] = {"script", "foreignObject", "style",	 "image",
					    "a",      "iframe",	       "object", "embed",
					    "audio",  "video",	       NULL};
	return g_strv_contains(names, name);
}

/* elements whose text is content, white space included */
static gboolean
report_svg_text_element(const char *name)
{
	return strcmp(name, "text") == 0 || strcmp(name, "tspan") == 0 ||
	       strcmp(name, "title") == 0 || strcmp(name, "desc") == 0 ||
	       strcmp(name, "textPath") == 0;
}

static gboolean
report_svg_blank(const char *text)
{
	for (const char *p = text; *p != '\0'; p++) {
		if (!g_ascii_isspace(*p))
			return FALSE;
	}
	return TRUE;
}

/* @value with every "url(#id)" turned into "url(#PREFIXid)"; NULL when a url() points
 * anywhere but inside the document */
static char *
report_svg_rewrite_urls(const char *value, const char *prefix)
{
	GString *out = g_string_new(NULL);
	const char *p = value;
	const char *url;

	while ((url = strstr(p, "url(")) != NULL) {
		const char *target = url + 4;
		while (*target == ' ' || *target == '\'' || *target == '"')
			target++;
		if (*target != '#') {
			g_string_free(out, TRUE);
			return NULL;
		}
		g_string_append_len(out, p, target + 1 - p);
		g_string_append(out, prefix);
		p = target + 1;
	}
	g_string_append(out, p);
	return g_string_free(out, FALSE);
}

static void
report_svg_attribute(ReportXml *xml, xmlAttr *attribute, const char *prefix)
{
	const char *name = (const char *)attribute->name;
	const char *ns = attribute->ns != NULL ? (const char *)attribute->ns->href : NULL;
	g_autofree char *value = NULL;
	g_autofree char *rewritten = NULL;
	xmlChar *raw;

	if (g_ascii_strncasecmp(name, "on", 2) == 0)
		return;
	/* xlink:href becomes href (SVG 2); other namespaced attributes are not needed */
	if (ns != NULL && strcmp(ns, "http://www.w3.org/1999/xlink") != 0)
		return;
	if (ns != NULL && strcmp(name, "href") != 0)
		return;
	raw = xmlNodeListGetString(attribute->doc, attribute->children, 1);
	value = g_strdup(raw != NULL ? (const char *)raw : "");
	xmlFree(raw);

	if (strcmp(name, "id") == 0) {
		rewritten = g_strconcat(prefix, value, NULL);
	} else if (strcmp(name, "href") == 0) {
		if (value[0] != '#')
			return;
		rewritten = g_strconcat("#", prefix, value + 1, NULL);
	} else if (strstr(value, "url(") != NULL) {
		rewritten = report_svg_rewrite_urls(value, prefix);
		if (rewritten == NULL)
			return;
	}
	report_xml_attr(xml, name, rewritten != NULL ? rewritten : value);
}

static void
report_svg_copy(ReportXml *xml, xmlNode *node, const char *prefix, gboolean in_text)
{
	const char *name = (const char *)node->name;
	gboolean text = in_text || report_svg_text_element(name);

	if (report_svg_dropped_element(name))
		return;
	report_xml_start(xml, name);
	for (xmlAttr *attribute = node->properties; attribute != NULL; attribute = attribute->next)
		report_svg_attribute(xml, attribute, prefix);
	for (xmlNode *child = node->children; child != NULL; child = child->next) {
		if (child->type == XML_ELEMENT_NODE) {
			report_svg_copy(xml, child, prefix, text);
		} else if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
			const char *content = (const char *)child->content;
			if (content != NULL && (text || !report_svg_blank(content)))
				report_xml_text(xml, content);
		}
		/* comments, processing instructions and entity references are dropped */
	}
	report_xml_end(xml);
}

/**
 * report_svg_embed:
 * @xml: (transfer none): the page being written
 * @data: (transfer none): the SVG document, @length bytes
 * Returns: TRUE, or FALSE with @error set (nothing written)
 */
gboolean
report_svg_embed(ReportXml *xml, const char *data, gsize length, const char *id_prefix,
		 const char *css_class, GError **error)
{
	g_autoptr(xmlParserCtxt) context = NULL;
	g_autoptr(xmlDoc) doc = NULL;
	xmlNode *root;
	const char *prefix = id_prefix != NULL ? id_prefix : "";

	g_return_val_if_fail(xml != NULL && data != NULL, FALSE);
	if (length > G_MAXINT) {
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_FAILED, "the SVG is too large");
		return FALSE;
	}
	context = xmlNewParserCtxt();
	if (context == NULL) {
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "cannot create an XML parser");
		return FALSE;
	}
	/* no network, no entity substitution, no messages on stderr: a bad SVG is an error */
	doc = xmlCtxtReadMemory(context, data, (int)length, NULL, NULL,
				XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING);
	if (doc == NULL) {
		xmlErrorPtr last = xmlCtxtGetLastError(context);
		g_autofree char *message = last != NULL && last->message != NULL
					       ? g_strstrip(g_strdup(last->message))
					       : g_strdup("not well-formed");
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "the SVG cannot be read: %s",
			    message);
		return FALSE;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "svg") != 0) {
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "the document is not an SVG picture");
		return FALSE;
	}

	report_xml_start(xml, "svg");
	/* the namespace makes the page an XML document too (XHTML); HTML parsers ignore it */
	report_xml_attr(xml, "xmlns", REPORT_SVG_NS);
	report_xml_attr(xml, "class", css_class);
	for (xmlAttr *attribute = root->properties; attribute != NULL;
	     attribute = attribute->next) {
		if (css_class != NULL && strcmp((const char *)attribute->name, "class") == 0)
			continue;
		report_svg_attribute(xml, attribute, prefix);
	}
	for (xmlNode *child = root->children; child != NULL; child = child->next) {
		if (child->type == XML_ELEMENT_NODE)
			report_svg_copy(xml, child, prefix, FALSE);
	}
	report_xml_end(xml);
	return TRUE;
}
