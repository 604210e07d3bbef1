#include "svg-embed.h"

#include <string.h>

#include "plan-error.h"
#include "put.h"
#include "xml-compat.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlParserCtxt, xmlFreeParserCtxt)

#define REPORT_SVG_NS "http://www.w3.org/2000/svg"
#define REPORT_XLINK_NS "http://www.w3.org/1999/xlink"

/* elements that could run code, load something or restyle the page: left out with their
 * content */
static gboolean
report_svg_dropped_element(const char *name)
{
	/* by first letter: every element of a chart is looked up */
	switch (name[0]) {
	case 'a':
		return strcmp(name, "a") == 0 || strcmp(name, "audio") == 0;
	case 'e':
		return strcmp(name, "embed") == 0;
	case 'f':
		return strcmp(name, "foreignObject") == 0;
	case 'i':
		return strcmp(name, "image") == 0 || strcmp(name, "iframe") == 0;
	case 'o':
		return strcmp(name, "object") == 0;
	case 's':
		return strcmp(name, "script") == 0 || strcmp(name, "style") == 0;
	case 'v':
		return strcmp(name, "video") == 0;
	default:
		return FALSE;
	}
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

/* the namespace an attribute is in, as far as the copy cares */
typedef enum {
	REPORT_SVG_NS_NONE,
	REPORT_SVG_NS_XLINK,
	REPORT_SVG_NS_OTHER,
} ReportSvgNs;

/* what an attribute becomes in the page: NULL to leave it out, else its value (@value, or a
 * new string in *@owned). Both copies (the tree and the stream) decide here */
static const char *
report_svg_attribute_value(const char *name, ReportSvgNs ns, const char *value,
			   const char *prefix, char **owned)
{
	*owned = NULL;
	if (g_ascii_strncasecmp(name, "on", 2) == 0)
		return NULL;
	/* xlink:href becomes href (SVG 2); other namespaced attributes are not needed */
	if (ns == REPORT_SVG_NS_OTHER || (ns == REPORT_SVG_NS_XLINK && strcmp(name, "href") != 0))
		return NULL;
	if (strcmp(name, "id") == 0) {
		*owned = g_strconcat(prefix, value, NULL);
	} else if (strcmp(name, "href") == 0) {
		if (value[0] != '#')
			return NULL;
		*owned = g_strconcat("#", prefix, value + 1, NULL);
	} else if (strstr(value, "url(") != NULL) {
		*owned = report_svg_rewrite_urls(value, prefix);
		if (*owned == NULL)
			return NULL;
	}
	return *owned != NULL ? *owned : value;
}

static void
report_svg_attribute(ReportXml *xml, xmlAttr *attribute, const char *prefix)
{
	const char *name = (const char *)attribute->name;
	const char *ns = attribute->ns != NULL ? (const char *)attribute->ns->href : NULL;
	g_autofree char *value = NULL;
	g_autofree char *rewritten = NULL;
	const char *written;
	xmlChar *raw;

	raw = xmlNodeListGetString(attribute->doc, attribute->children, 1);
	value = g_strdup(raw != NULL ? (const char *)raw : "");
	xmlFree(raw);
	written = report_svg_attribute_value(
	    name,
	    ns == NULL			      ? REPORT_SVG_NS_NONE
	    : strcmp(ns, REPORT_XLINK_NS) == 0 ? REPORT_SVG_NS_XLINK
					      : REPORT_SVG_NS_OTHER,
	    value, prefix, &rewritten);
	if (written != NULL)
		report_xml_attr(xml, name, written);
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

/* ---- the stream copy ----------------------------------------------------------------------
 *
 * gnuplot's charts are megabytes of SVG (the comparison of 200 services is 4.7 MB, 40,000
 * elements); parsing them into a tree and writing the tree again element by element took a
 * third of `ecsplan report`'s instructions. The stream copy reads the same documents in one
 * pass and lays the content out exactly as the writer would (the rules of libxml2's
 * xmlTextWriter, indenting two spaces a level, as reports/xml-writer.c drives it), then hands
 * the markup to the writer whole (report_xml_raw). It takes only a plain subset of XML, the one
 * gnuplot writes: ASCII, the five predefined entities, an XML declaration, the xlink namespace
 * on the root. Anything else (a comment, CDATA, a character reference, a DOCTYPE, another
 * namespace, a carriage return, a name it does not know how to read, a mistake) makes it
 * decline before anything is written, and the tree copy above does the work, with libxml2's
 * messages for a document that is not well-formed. On what it takes it writes the same bytes as
 * the tree copy (tests/test-report.c, /reports/report/svg-stream, and the fuzz target
 * tests/fuzz/fuzz-svg.c compare the two). */

/* bytes copied in runs: '1' for printable ASCII other than '&', '<', '>' and the quotes (what
 * the stream copy reads as it is), and for the escape the same with the apostrophe */
static const char report_svg_stream_plain_read[256] =
	"00000000000000000000000000000000"
	"11011100111111111111111111110101"
	"11111111111111111111111111111111"
	"11111111111111111111111111111110"
	"00000000000000000000000000000000"
	"00000000000000000000000000000000"
	"00000000000000000000000000000000"
	"00000000000000000000000000000000";
static const char report_svg_stream_plain_write[256] =
	"00000000000000000000000000000000"
	"11011101111111111111111111110101"
	"11111111111111111111111111111111"
	"11111111111111111111111111111110"
	"00000000000000000000000000000000"
	"00000000000000000000000000000000"
	"00000000000000000000000000000000"
	"00000000000000000000000000000000";

/* what the stream copy leaves to the tree copy: deeper nesting (libxml2 stops at 256), longer
 * runs of text or attribute value, more attributes on one element */
#define REPORT_SVG_STREAM_MAX_DEPTH 200u
#define REPORT_SVG_STREAM_MAX_RUN (1u << 20)
#define REPORT_SVG_STREAM_MAX_ATTRIBUTES 32u

typedef struct {
	const char *name; /* in the input: the qualified name, name_length bytes */
	guint name_length;
	guint colon; /* where the prefix ends in name, or 0 */
	gsize value_at; /* the decoded value in ReportSvgStream.values, NUL-ended */
} ReportSvgStreamAttribute;

typedef struct {
	const char *p;
	const char *end;
	const char *prefix;
	GString *out;	 /* the root's content, as the writer would lay it out */
	GString *values; /* the decoded values of the start tag being read */
	GString *text;	 /* the decoded text being read */
	ReportSvgStreamAttribute attributes[REPORT_SVG_STREAM_MAX_ATTRIBUTES];
	guint n_attributes;
	/* the writer, as libxml2's xmlTextWriter keeps it: open elements (the page's included),
	 * indenting, whether the next end tag is indented, whether a start tag is still open */
	guint depth;
	guint text_depth; /* the element that stopped indentation (report_xml_holds_text), or 0 */
	gboolean indent;
	gboolean doindent;
	gboolean open_tag;
	gboolean xlink; /* the root declares the xlink namespace */
} ReportSvgStream;

static void
report_svg_stream_indent(ReportSvgStream *stream)
{
	for (guint i = 1; i < stream->depth; i++)
		report_put(stream->out, "  ", 2);
}

/* xmlTextWriterStartElement, then report_xml_start's stop of indentation */
static void
report_svg_stream_start(ReportSvgStream *stream, const char *name, gsize length)
{
	if (stream->open_tag) {
		report_put_c(stream->out, '>');
		if (stream->indent)
			report_put_c(stream->out, '\n');
		stream->open_tag = FALSE;
	}
	stream->depth++;
	if (stream->indent)
		report_svg_stream_indent(stream);
	report_put_c(stream->out, '<');
	report_put(stream->out, name, length);
	stream->open_tag = TRUE;
	if (stream->text_depth == 0) {
		char element[16];
		if (length < sizeof element) {
			memcpy(element, name, length);
			element[length] = '\0';
			if (report_xml_holds_text(element)) {
				stream->text_depth = stream->depth;
				stream->indent = FALSE;
				stream->doindent = TRUE;
			}
		}
	}
}

/* xmlTextWriterEndElement (inside <svg> every element ends so, "<x/>" when empty), then
 * report_xml_end's new line after an element that held text */
static void
report_svg_stream_end(ReportSvgStream *stream, const char *name, gsize length)
{
	if (stream->open_tag) {
		report_put(stream->out, "/>", 2);
		if (stream->indent)
			stream->doindent = TRUE;
		stream->open_tag = FALSE;
	} else {
		if (stream->indent && stream->doindent)
			report_svg_stream_indent(stream);
		stream->doindent = TRUE;
		report_put(stream->out, "</", 2);
		report_put(stream->out, name, length);
		report_put_c(stream->out, '>');
	}
	if (stream->indent)
		report_put_c(stream->out, '\n');
	if (stream->text_depth == stream->depth) {
		stream->text_depth = 0;
		stream->indent = TRUE;
		report_put_c(stream->out, '\n');
		stream->doindent = FALSE;
	}
	stream->depth--;
}

/* @value escaped as xmlTextWriter escapes it: xmlEncodeSpecialChars for text,
 * xmlBufAttrSerializeTxtContent for an attribute (which would also write a tab or line feed
 * as a character reference; the stream copy has none in a value). FALSE for what the stream
 * copy does not write (a control character or a byte above 0x7E: an id prefix) */
static gboolean
report_svg_stream_escape(GString *out, const char *value, gboolean attribute)
{
	const char *c = value;

	for (;;) {
		const char *run = c;
		const char *escape;
		/* a run of printable ASCII that needs nothing, copied at once */
		while (report_svg_stream_plain_write[(guchar)*c] == '1')
			c++;
		report_put(out, run, (gsize)(c - run));
		switch (*c) {
		case '\0':
			return TRUE;
		case '<':
			escape = "&lt;";
			break;
		case '>':
			escape = "&gt;";
			break;
		case '&':
			escape = "&amp;";
			break;
		case '"':
			escape = "&quot;";
			break;
		case '\n':
		case '\t':
			if (attribute)
				return FALSE;
			report_put_c(out, *c);
			c++;
			continue;
		default:
			/* a control character or a byte above 0x7E */
			return FALSE;
		}
		report_put_str(out, escape);
		c++;
	}
}

static gboolean
report_svg_stream_attribute(ReportSvgStream *stream, const char *name, const char *value)
{
	report_put_c(stream->out, ' ');
	report_put_str(stream->out, name);
	report_put(stream->out, "=\"", 2);
	if (!report_svg_stream_escape(stream->out, value, TRUE))
		return FALSE;
	report_put_c(stream->out, '"');
	return TRUE;
}

/* xmlTextWriterWriteString: closes an open start tag with ">" alone */
static void
report_svg_stream_text(ReportSvgStream *stream, const char *text)
{
	if (stream->open_tag) {
		report_put_c(stream->out, '>');
		stream->open_tag = FALSE;
	}
	if (stream->indent)
		stream->doindent = FALSE;
	/* the caller checked every byte: report_svg_stream_escape cannot fail here */
	report_svg_stream_escape(stream->out, text, FALSE);
}

static gboolean
report_svg_stream_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static void
report_svg_stream_skip_space(ReportSvgStream *stream)
{
	while (stream->p < stream->end && report_svg_stream_space(*stream->p))
		stream->p++;
}

static gboolean
report_svg_stream_name_start(char c)
{
	return g_ascii_isalpha(c) || c == '_';
}

static gboolean
report_svg_stream_name_char(char c)
{
	return g_ascii_isalnum(c) || c == '_' || c == '-' || c == '.';
}

/* a name, with at most one colon inside it (a prefix) when @colon is not NULL. Returns its
 * length, or 0 */
static guint
report_svg_stream_name(ReportSvgStream *stream, guint *colon)
{
	const char *start = stream->p;
	const char *p = start;

	if (colon != NULL)
		*colon = 0;
	if (p >= stream->end || !report_svg_stream_name_start(*p))
		return 0;
	for (p++; p < stream->end; p++) {
		if (report_svg_stream_name_char(*p))
			continue;
		if (*p != ':' || colon == NULL || *colon != 0 || p + 1 >= stream->end ||
		    !report_svg_stream_name_start(p[1]))
			break;
		*colon = (guint)(p - start);
	}
	if (p - start > 64)
		return 0;
	stream->p = p;
	return (guint)(p - start);
}

/* one of the five predefined entities after '&', appended to @out; FALSE for anything else */
static gboolean
report_svg_stream_entity(ReportSvgStream *stream, GString *out)
{
	static const struct {
		const char *name;
		char c;
	} entities[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
	gsize left = (gsize)(stream->end - stream->p);

	for (guint i = 0; i < G_N_ELEMENTS(entities); i++) {
		gsize length = strlen(entities[i].name);
		if (left >= length && memcmp(stream->p, entities[i].name, length) == 0) {
			report_put_c(out, entities[i].c);
			stream->p += length;
			return TRUE;
		}
	}
	return FALSE;
}

/* text or an attribute value up to @stop (not included), decoded and appended to @out:
 * printable ASCII, the five entities, line feeds and tabs. In text they stay; in an attribute
 * value each becomes a space, as XML reads it (attribute value normalisation, XML 1.0 3.3.3:
 * gnuplot breaks a long path's "d" over lines of tabs). FALSE for anything else (a carriage
 * return, which XML first joins with the line feed after it, is the tree copy's) */
static gboolean
report_svg_stream_run(ReportSvgStream *stream, char stop, GString *out)
{
	const char *start = stream->p;
	const char *p = start;
	const char *end = stream->end;

	for (;;) {
		const char *run = p;
		guchar c;
		/* a run of printable ASCII other than the stop, the quotes, '&', '<' and '>' */
		while (p < end && report_svg_stream_plain_read[(guchar)*p] == '1')
			p++;
		report_put(out, run, (gsize)(p - run));
		if (p - start > (gssize)REPORT_SVG_STREAM_MAX_RUN)
			return FALSE;
		if (p >= end || *p == stop)
			break;
		c = (guchar)*p;
		if (c == '&') {
			stream->p = p + 1;
			if (!report_svg_stream_entity(stream, out))
				return FALSE;
			p = stream->p;
			continue;
		}
		if (c == '<' || c > 0x7E || (c < 0x20 && c != '\n' && c != '\t'))
			return FALSE;
		/* "]]>" is not allowed in text */
		if (c == '>' && p - start >= 2 && p[-1] == ']' && p[-2] == ']')
			return FALSE;
		if (c < 0x20 && stop != '<')
			c = ' ';
		report_put_c(out, (char)c);
		p++;
	}
	stream->p = p;
	return p < end;
}

/* a start tag's attributes after its name, up to ">" or "/>" (read, not included). FALSE when
 * one cannot be read, is there twice, or is a namespace declaration other than the SVG and
 * xlink ones on the root */
static gboolean
report_svg_stream_attributes(ReportSvgStream *stream)
{
	stream->n_attributes = 0;
	g_string_truncate(stream->values, 0);
	for (;;) {
		ReportSvgStreamAttribute *attribute;
		const char *before = stream->p;
		char quote;

		report_svg_stream_skip_space(stream);
		if (stream->p >= stream->end)
			return FALSE;
		if (*stream->p == '>' || *stream->p == '/')
			return TRUE;
		if (stream->p == before ||
		    stream->n_attributes == REPORT_SVG_STREAM_MAX_ATTRIBUTES)
			return FALSE;
		attribute = &stream->attributes[stream->n_attributes];
		attribute->name = stream->p;
		attribute->name_length = report_svg_stream_name(stream, &attribute->colon);
		if (attribute->name_length == 0)
			return FALSE;
		report_svg_stream_skip_space(stream);
		if (stream->p >= stream->end || *stream->p != '=')
			return FALSE;
		stream->p++;
		report_svg_stream_skip_space(stream);
		if (stream->p >= stream->end || (*stream->p != '"' && *stream->p != '\''))
			return FALSE;
		quote = *stream->p++;
		attribute->value_at = stream->values->len;
		if (!report_svg_stream_run(stream, quote, stream->values))
			return FALSE;
		if (stream->p >= stream->end)
			return FALSE;
		stream->p++;
		report_put_c(stream->values, '\0');
		for (guint i = 0; i < stream->n_attributes; i++) {
			const ReportSvgStreamAttribute *other = &stream->attributes[i];
			if (other->name_length == attribute->name_length &&
			    memcmp(other->name, attribute->name, attribute->name_length) == 0)
				return FALSE;
		}
		stream->n_attributes++;
		/* after the name and value: the next must be apart from it */
		if (stream->p < stream->end && !report_svg_stream_space(*stream->p) &&
		    *stream->p != '>' && *stream->p != '/')
			return FALSE;
	}
}

static const char *
report_svg_stream_value(const ReportSvgStream *stream, const ReportSvgStreamAttribute *attribute)
{
	return stream->values->str + attribute->value_at;
}

static gboolean
report_svg_stream_is(const ReportSvgStreamAttribute *attribute, const char *name)
{
	return attribute->name_length == strlen(name) &&
	       memcmp(attribute->name, name, attribute->name_length) == 0;
}

/* the namespace declarations of a start tag: on the root the SVG namespace as the default and
 * xlink under its usual prefix; nowhere else any. FALSE for anything else */
static gboolean
report_svg_stream_namespaces(ReportSvgStream *stream, gboolean root)
{
	for (guint i = 0; i < stream->n_attributes; i++) {
		const ReportSvgStreamAttribute *attribute = &stream->attributes[i];
		const char *value = report_svg_stream_value(stream, attribute);
		gboolean xmlns = attribute->colon == 0 ? report_svg_stream_is(attribute, "xmlns")
						       : attribute->colon == 5 &&
							     memcmp(attribute->name, "xmlns", 5) == 0;
		if (!xmlns)
			continue;
		if (!root)
			return FALSE;
		if (attribute->colon == 0 && strcmp(value, REPORT_SVG_NS) != 0)
			return FALSE;
		if (attribute->colon != 0) {
			if (!report_svg_stream_is(attribute, "xmlns:xlink") ||
			    strcmp(value, REPORT_XLINK_NS) != 0)
				return FALSE;
			stream->xlink = TRUE;
		}
	}
	return TRUE;
}

/* an attribute's local name and namespace; FALSE for a namespace declaration (not an
 * attribute) and for a prefix other than a declared xlink (left to the tree copy) */
static gboolean
report_svg_stream_local(const ReportSvgStream *stream, const ReportSvgStreamAttribute *attribute,
			char *local, gsize size, ReportSvgNs *ns, gboolean *declaration)
{
	const char *name = attribute->name;
	guint length = attribute->name_length;

	*declaration = attribute->colon == 0 ? report_svg_stream_is(attribute, "xmlns")
					     : attribute->colon == 5 && memcmp(name, "xmlns", 5) == 0;
	if (*declaration)
		return TRUE;
	*ns = REPORT_SVG_NS_NONE;
	if (attribute->colon != 0) {
		if (attribute->colon != 5 || memcmp(name, "xlink", 5) != 0 || !stream->xlink)
			return FALSE;
		*ns = REPORT_SVG_NS_XLINK;
		name += 6;
		length -= 6;
	}
	if (length >= size)
		return FALSE;
	memcpy(local, name, length);
	local[length] = '\0';
	return TRUE;
}

/* a start tag's attributes into the stream, as report_svg_attribute writes them */
static gboolean
report_svg_stream_write_attributes(ReportSvgStream *stream)
{
	for (guint i = 0; i < stream->n_attributes; i++) {
		const ReportSvgStreamAttribute *attribute = &stream->attributes[i];
		g_autofree char *owned = NULL;
		const char *written;
		gboolean declaration;
		ReportSvgNs ns;
		char local[72];

		if (!report_svg_stream_local(stream, attribute, local, sizeof local, &ns,
					     &declaration))
			return FALSE;
		if (declaration)
			continue;
		written = report_svg_attribute_value(local, ns,
						     report_svg_stream_value(stream, attribute),
						     stream->prefix, &owned);
		if (written != NULL && !report_svg_stream_attribute(stream, local, written))
			return FALSE;
	}
	return TRUE;
}

/* the XML declaration gnuplot writes, or none: version 1.0, encoding UTF-8 if any,
 * standalone yes or no */
static gboolean
report_svg_stream_declaration(ReportSvgStream *stream)
{
	static const char start[] = "<?xml";
	const char *close;
	gboolean version = FALSE;

	if ((gsize)(stream->end - stream->p) < sizeof start - 1 ||
	    memcmp(stream->p, start, sizeof start - 1) != 0)
		return TRUE;
	stream->p += sizeof start - 1;
	close = g_strstr_len(stream->p, stream->end - stream->p, "?>");
	if (close == NULL)
		return FALSE;
	for (guint k = 0;; k++) {
		const char *before = stream->p;
		const char *name;
		guint length;
		char quote;
		const char *value;
		gsize value_length;

		report_svg_stream_skip_space(stream);
		if (stream->p == close)
			break;
		if (stream->p == before || k == 3)
			return FALSE;
		name = stream->p;
		length = report_svg_stream_name(stream, NULL);
		if (length == 0 || stream->p >= close || *stream->p != '=')
			return FALSE;
		stream->p++;
		if (stream->p >= close || (*stream->p != '"' && *stream->p != '\''))
			return FALSE;
		quote = *stream->p++;
		value = stream->p;
		while (stream->p < close && *stream->p != quote)
			stream->p++;
		if (stream->p >= close)
			return FALSE;
		value_length = (gsize)(stream->p - value);
		stream->p++;
		/* in this order, as XML 1.0 has them */
		if (k == 0 && length == 7 && memcmp(name, "version", 7) == 0 && value_length == 3 &&
		    memcmp(value, "1.0", 3) == 0)
			version = TRUE;
		else if (k > 0 && length == 8 && memcmp(name, "encoding", 8) == 0 &&
			 value_length == 5 && g_ascii_strncasecmp(value, "utf-8", 5) == 0)
			continue;
		else if (k > 0 && length == 10 && memcmp(name, "standalone", 10) == 0 &&
			 ((value_length == 3 && memcmp(value, "yes", 3) == 0) ||
			  (value_length == 2 && memcmp(value, "no", 2) == 0)))
			continue;
		else
			return FALSE;
	}
	stream->p = close + 2;
	return version;
}

/* the root's content, from after its start tag to its end tag, into stream->out */
static gboolean
report_svg_stream_content(ReportSvgStream *stream)
{
	/* the open elements of the SVG (the root first), in the input; which of them hold text
	 * (report_svg_text_element) and which are left out with their content */
	const char *names[REPORT_SVG_STREAM_MAX_DEPTH];
	guint lengths[REPORT_SVG_STREAM_MAX_DEPTH];
	gboolean texts[REPORT_SVG_STREAM_MAX_DEPTH];
	guint open = 1;
	guint dropped = 0; /* the open element that is left out (its depth), or 0 */

	names[0] = "svg";
	lengths[0] = 3;
	texts[0] = FALSE;
	for (;;) {
		const char *name;
		guint length;
		char element[72];

		if (stream->p >= stream->end)
			return FALSE;
		if (*stream->p != '<') {
			/* text: the root's own is not copied, nor blanks outside text elements */
			g_string_truncate(stream->text, 0);
			if (!report_svg_stream_run(stream, '<', stream->text))
				return FALSE;
			if (dropped == 0 && open > 1 &&
			    (texts[open - 1] || !report_svg_blank(stream->text->str)))
				report_svg_stream_text(stream, stream->text->str);
			continue;
		}
		stream->p++;
		if (stream->p < stream->end && *stream->p == '/') {
			stream->p++;
			name = stream->p;
			length = report_svg_stream_name(stream, NULL);
			if (length == 0 || length != lengths[open - 1] ||
			    memcmp(name, names[open - 1], length) != 0)
				return FALSE;
			report_svg_stream_skip_space(stream);
			if (stream->p >= stream->end || *stream->p != '>')
				return FALSE;
			stream->p++;
			open--;
			if (open == 0)
				return TRUE;
			if (dropped == 0)
				report_svg_stream_end(stream, name, length);
			else if (dropped == open + 1)
				dropped = 0;
			continue;
		}
		/* comments, CDATA, processing instructions, declarations: the tree copy's */
		name = stream->p;
		length = report_svg_stream_name(stream, NULL);
		if (length == 0 || length >= sizeof element || open == REPORT_SVG_STREAM_MAX_DEPTH)
			return FALSE;
		memcpy(element, name, length);
		element[length] = '\0';
		if (!report_svg_stream_attributes(stream) ||
		    !report_svg_stream_namespaces(stream, FALSE))
			return FALSE;
		names[open] = name;
		lengths[open] = length;
		texts[open] = texts[open - 1] || report_svg_text_element(element);
		open++;
		if (dropped == 0 && report_svg_dropped_element(element))
			dropped = open;
		if (dropped == 0) {
			report_svg_stream_start(stream, name, length);
			if (!report_svg_stream_write_attributes(stream))
				return FALSE;
		} else {
			/* left out, but read as carefully: the tree copy would refuse what is
			 * wrong in there */
			for (guint i = 0; i < stream->n_attributes; i++) {
				gboolean declaration;
				ReportSvgNs ns;
				char local[72];
				if (!report_svg_stream_local(stream, &stream->attributes[i], local,
							     sizeof local, &ns, &declaration))
					return FALSE;
			}
		}
		if (*stream->p == '/') {
			stream->p++;
			if (stream->p >= stream->end || *stream->p != '>')
				return FALSE;
			stream->p++;
			open--;
			if (dropped == 0)
				report_svg_stream_end(stream, name, length);
			else if (dropped == open + 1)
				dropped = 0;
			continue;
		}
		stream->p++;
	}
}

/* the stream copy of @data at @xml's place: TRUE when written, FALSE (nothing written) when it
 * leaves the document to the tree copy */
static gboolean
report_svg_stream_embed(ReportXml *xml, const char *data, gsize length, const char *prefix,
			const char *css_class)
{
	g_autoptr(GString) out = NULL;
	g_autoptr(GString) root_values = g_string_new(NULL);
	g_autoptr(GString) values = g_string_new(NULL);
	g_autoptr(GString) text = g_string_new(NULL);
	ReportSvgStreamAttribute root[REPORT_SVG_STREAM_MAX_ATTRIBUTES];
	ReportSvgStream stream = {0};
	guint n_root;

	if (!report_xml_indenting(xml))
		return FALSE;
	/* the prefix goes into ids as it is: the writer would escape what the stream copy does
	 * not */
	for (const char *c = prefix; *c != '\0'; c++) {
		if ((guchar)*c < 0x20 || (guchar)*c > 0x7E)
			return FALSE;
	}
	stream.p = data;
	stream.end = data + length;
	stream.prefix = prefix;
	stream.values = root_values;
	stream.text = text;
	if (!report_svg_stream_declaration(&stream))
		return FALSE;
	report_svg_stream_skip_space(&stream);
	if (stream.end - stream.p < 4 || memcmp(stream.p, "<svg", 4) != 0)
		return FALSE;
	stream.p++;
	if (report_svg_stream_name(&stream, NULL) != 3 || !report_svg_stream_attributes(&stream) ||
	    !report_svg_stream_namespaces(&stream, TRUE))
		return FALSE;
	/* the root's attributes stay for the writer (below); every later tag reads into values */
	n_root = stream.n_attributes;
	memcpy(root, stream.attributes, n_root * sizeof root[0]);
	for (guint i = 0; i < n_root; i++) {
		gboolean declaration;
		ReportSvgNs ns;
		char local[72];
		if (!report_svg_stream_local(&stream, &root[i], local, sizeof local, &ns,
					     &declaration))
			return FALSE;
	}
	stream.values = values;
	out = g_string_sized_new(length + length / 4);
	stream.out = out;
	if (*stream.p == '/') {
		stream.p++;
		if (stream.p >= stream.end || *stream.p != '>')
			return FALSE;
		stream.p++;
	} else {
		stream.p++;
		stream.depth = report_xml_depth(xml) + 1;
		stream.indent = TRUE;
		stream.doindent = TRUE;
		stream.open_tag = TRUE;
		if (!report_svg_stream_content(&stream))
			return FALSE;
	}
	/* after the root: white space only (a comment there is the tree copy's) */
	report_svg_stream_skip_space(&stream);
	if (stream.p != stream.end || out->len > G_MAXINT)
		return FALSE;

	/* the writer: the root as report_svg_embed writes it, then its content whole */
	report_xml_start(xml, "svg");
	report_xml_attr(xml, "xmlns", REPORT_SVG_NS);
	report_xml_attr(xml, "class", css_class);
	for (guint i = 0; i < n_root; i++) {
		g_autofree char *owned = NULL;
		const char *written;
		gboolean declaration;
		ReportSvgNs ns;
		char local[72];

		report_svg_stream_local(&stream, &root[i], local, sizeof local, &ns, &declaration);
		if (declaration || (css_class != NULL && strcmp(local, "class") == 0))
			continue;
		written = report_svg_attribute_value(local, ns, root_values->str + root[i].value_at,
						     prefix, &owned);
		if (written != NULL)
			report_xml_attr(xml, local, written);
	}
	/* the writer closes the root's start tag itself: the stream's content opens with that ">" */
	if (out->len > 0)
		report_xml_raw(xml, out->str + 1, out->len - 1, stream.doindent);
	report_xml_end(xml);
	return TRUE;
}

/**
 * report_svg_embed_how:
 * @xml: (transfer none): the page being written
 * @data: (transfer none): the SVG document, @length bytes
 * @how: which copy (the stream copy falls back on the tree copy unless told not to)
 * Returns: TRUE, or FALSE with @error set (nothing written)
 */
gboolean
report_svg_embed_how(ReportXml *xml, const char *data, gsize length, const char *id_prefix,
		     const char *css_class, ReportSvgCopy how, GError **error)
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
	if (how != REPORT_SVG_COPY_TREE &&
	    report_svg_stream_embed(xml, data, length, prefix, css_class))
		return TRUE;
	if (how == REPORT_SVG_COPY_STREAM) {
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "the SVG is not one the stream copy takes");
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
	return report_svg_embed_how(xml, data, length, id_prefix, css_class, REPORT_SVG_COPY_ANY,
				    error);
}
