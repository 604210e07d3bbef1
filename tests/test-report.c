/* ecsplan report: report.html parses as HTML and as XML, holds the diagram's subnet groups and no
 * script, escapes hostile names; Markdown escaping; SVG embedding; the cost chart; the folder is
 * replaced all at once or not at all */
#include "test-util.h"
#include "chart-cost.h"
#include "compare.h"
#include "cost.h"
#include "diagram-layout.h"
#include "file-set.h"
#include "gnuplot.h"
#include "loader.h"
#include "network.h"
#include "plan-error.h"
#include "pricebook.h"
#include "render-report.h"
#include "render-simulate.h"
#include "render-validate.h"
#include "report-doc.h"
#include "svg-embed.h"
#include "xml-compat.h"
#include "xml-writer.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathContext, xmlXPathFreeContext)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(xmlXPathObject, xmlXPathFreeObject)

#define HOSTILE "<script>alert(1)</script> & \"x\""

static const char *const seeds[] = {
    "seed000-off-to-the-cloud",	 "seed001-vault-fargate",    "seed002-chronous-payments-ec2",
    "seed003-fargate-https-alb", "seed004-cruddur-bootcamp",
};

/* a model run through the engine the way `ecsplan report` runs it (no simulation) */
typedef struct {
	PlanModel *model;
	PlanResult *result;
	ReportDiagram *diagram;
	ReportReportInput input;
	GPtrArray *charts;
} Analysed;

static void
analysed_free(Analysed *analysed)
{
	g_clear_pointer(&analysed->charts, g_ptr_array_unref);
	g_clear_pointer(&analysed->diagram, report_diagram_free);
	g_clear_pointer(&analysed->result, plan_result_free);
	g_clear_pointer(&analysed->model, plan_model_free);
	g_free(analysed);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC(Analysed, analysed_free)

static Analysed *
analyse(PlanModel *model)
{
	Analysed *analysed = g_new0(Analysed, 1);
	g_autoptr(GError) error = NULL;

	analysed->model = model;
	analysed->result = plan_analyse(
	    model,
	    &(PlanAnalyseOptions){.parts = PLAN_ANALYSE_VALIDATE | PLAN_ANALYSE_COST |
					   PLAN_ANALYSE_COMPARE},
	    &error);
	g_assert_no_error(error);
	/* as `ecsplan report` lays it out: the findings are listed in their own section */
	analysed->diagram = report_diagram_layout_with(
	    model, analysed->result->diagnostics, analysed->result->validation,
	    analysed->result->compute, &(ReportDiagramOptions){.no_findings_list = TRUE});

	analysed->input.model = model;
	analysed->input.summary = &analysed->result->summary;
	analysed->input.diagnostics = analysed->result->diagnostics;
	analysed->input.validation = analysed->result->validation;
	analysed->input.diagram = analysed->diagram;
	analysed->input.cost = analysed->result->cost;
	analysed->input.compare = analysed->result->compare;
	analysed->input.date = "2026-12-01";
	analysed->charts = report_report_charts(&analysed->input);
	return analysed;
}

static Analysed *
analyse_builtin(const char *name)
{
	g_autoptr(GError) error = NULL;
	PlanModel *model = plan_model_load_builtin(name, &error);
	g_assert_no_error(error);
	return analyse(model);
}

static ReportFileSet *
render_files(Analysed *analysed)
{
	g_autoptr(GError) error = NULL;
	ReportFileSet *files =
	    report_report_files(&analysed->input, analysed->charts, "not drawn in tests", &error);
	g_assert_no_error(error);
	g_assert_nonnull(files);
	return files;
}

static char *
file_text(const ReportFileSet *files, const char *name)
{
	GBytes *data = report_file_set_lookup(files, name);
	gsize length = 0;
	const char *bytes;

	g_assert_nonnull(data);
	bytes = g_bytes_get_data(data, &length);
	return g_strndup(bytes, length);
}

static guint
model_subnets(const PlanModel *model)
{
	guint n = 0;
	for (guint v = 0; v < model->vpcs->len; v++)
		n += ((const PlanVpc *)g_ptr_array_index(model->vpcs, v))->subnets->len;
	return n;
}

static xmlXPathObject *
xpath(xmlDoc *doc, const char *expression, gboolean namespaces)
{
	g_autoptr(xmlXPathContext) context = xmlXPathNewContext(doc);
	if (namespaces) {
		xmlXPathRegisterNs(context, BAD_CAST "h", BAD_CAST "http://www.w3.org/1999/xhtml");
		xmlXPathRegisterNs(context, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
	}
	return xmlXPathEvalExpression(BAD_CAST expression, context);
}

static guint
xpath_count(xmlDoc *doc, const char *expression, gboolean namespaces)
{
	g_autoptr(xmlXPathObject) result = xpath(doc, expression, namespaces);
	g_assert_nonnull(result);
	return result->nodesetval != NULL ? (guint)result->nodesetval->nodeNr : 0;
}

static char *
xpath_string(xmlDoc *doc, const char *expression, gboolean namespaces)
{
	g_autofree char *wrapped = g_strdup_printf("string(%s)", expression);
	g_autoptr(xmlXPathObject) result = xpath(doc, wrapped, namespaces);
	g_assert_nonnull(result);
	return g_strdup((const char *)result->stringval);
}

/* nothing that runs or loads: no script element, no event attribute, no src, and every href
 * points inside the page */
static void
assert_inert(xmlDoc *doc, gboolean namespaces)
{
	g_assert_cmpuint(xpath_count(doc, "//*[local-name()='script']", namespaces), ==, 0);
	g_assert_cmpuint(xpath_count(doc, "//@*[starts-with(local-name(), 'on')]", namespaces), ==,
			 0);
	g_assert_cmpuint(xpath_count(doc, "//@src", namespaces), ==, 0);
	g_assert_cmpuint(xpath_count(doc,
				     "//*[local-name()='link' or local-name()='iframe' or "
				     "local-name()='img' or local-name()='object' or "
				     "local-name()='foreignObject']",
				     namespaces),
			 ==, 0);
	g_assert_cmpuint(
	    xpath_count(doc, "//@*[local-name()='href'][not(starts-with(., '#'))]", namespaces), ==,
	    0);
}

/* ---- report.html ----------------------------------------------------------------------------- */

/* every seed: the page is well-formed XML (XHTML) and reads as HTML, with one subnet group per
 * subnet, inert, with the files listed */
static void
test_report_html_seeds(void)
{
	for (guint i = 0; i < G_N_ELEMENTS(seeds); i++) {
		g_autoptr(Analysed) analysed = analyse_builtin(seeds[i]);
		g_autoptr(ReportFileSet) files = render_files(analysed);
		g_autofree char *html = file_text(files, "report.html");
		g_autoptr(xmlDoc) xml = NULL;
		g_autoptr(xmlDoc) parsed = NULL;
		guint subnets = model_subnets(analysed->model);

		g_test_message("%s", seeds[i]);
		g_assert_true(g_str_has_prefix(html, "<!DOCTYPE html>\n<html"));
		xml = xmlReadMemory(html, (int)strlen(html), "report.html", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
		g_assert_nonnull(xml);
		g_assert_cmpuint(xpath_count(xml, "//s:svg//s:g[@class='subnet']", TRUE), ==,
				 subnets);
		g_assert_cmpuint(xpath_count(xml, "/h:html/h:head/h:style", TRUE), ==, 1);
		assert_inert(xml, TRUE);

		parsed =
		    htmlReadMemory(html, (int)strlen(html), "report.html", "UTF-8",
				   HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		g_assert_nonnull(parsed);
		g_assert_cmpuint(xpath_count(parsed, "//g[@class='subnet']", FALSE), ==, subnets);
		g_assert_cmpuint(xpath_count(parsed, "//h2[@id='findings']", FALSE), ==, 1);
		assert_inert(parsed, FALSE);
		/* the same groups in the page as in diagram.svg */
		{
			g_autofree char *svg = file_text(files, "diagram.svg");
			g_assert_cmpuint(test_count_substring(svg, "<g class=\"subnet\""), ==, subnets);
			g_assert_cmpuint(test_count_substring(html, "<g class=\"subnet\""), ==, subnets);
		}
		/* the folder: no chart was drawn here, so none is listed or written */
		g_assert_nonnull(report_file_set_lookup(files, "report.md"));
		g_assert_nonnull(report_file_set_lookup(files, "cost.json"));
		g_assert_null(report_file_set_lookup(files, REPORT_CHART_COST_FILE));
		g_assert_null(report_file_set_lookup(files, "timeseries.csv"));
	}
}

/* no HTML element is written as <x/> (an HTML parser reads that as a start tag), except the
 * void ones and inside SVG; the styles hold nothing the writer would escape */
static void
test_report_html_serialisation(void)
{
	g_autoptr(Analysed) analysed = analyse_builtin("seed003-fargate-https-alb");
	g_autoptr(ReportFileSet) files = render_files(analysed);
	g_autofree char *html = file_text(files, "report.html");
	const char *style = strstr(html, "<style>");
	const char *style_end = strstr(html, "</style>");
	static const char *const never_empty[] = {"<td/>", "<th/>", "<p/>",	 "<div/>",
						  "<li/>", "<ul/>", "<figure/>", "<h2/>"};

	for (guint i = 0; i < G_N_ELEMENTS(never_empty); i++)
		g_assert_null(strstr(html, never_empty[i]));
	g_assert_nonnull(strstr(html, "<meta charset=\"utf-8\"/>"));
	g_assert_nonnull(style);
	g_assert_nonnull(style_end);
	for (const char *p = style + strlen("<style>"); p < style_end; p++)
		g_assert_true(*p != '&' && *p != '<' && *p != '>' && *p != '"');
	g_assert_nonnull(strstr(html, "@media print"));
	/* text is written without indentation inside it */
	g_assert_nonnull(strstr(html, "<h2 id=\"summary\">Summary</h2>\n"));
}

static const char hostile_model[] =
    "{\"ecsplan\": 1, \"name\": \"<script>alert(1)</script> & \\\"x\\\"\", \"region\": "
    "\"us-east-1\", \"vpcs\": [{\"name\": \"</title><script>x</script>\", \"cidr\": "
    "\"10.0.0.0/16\", \"subnets\": [{\"name\": \"<img src=x onerror=alert(1)>\", \"cidr\": "
    "\"10.0.0.0/24\", \"az\": \"us-east-1a\", \"tier\": \"private\"}, {\"name\": "
    "\"*bold* _x_ [link](http://e.example) | pipe\", \"cidr\": \"10.0.1.0/24\", \"az\": "
    "\"us-east-1b\", \"tier\": \"private\"}]}], \"services\": [{\"name\": \"]]><!--svc\", "
    "\"vpc\": \"</title><script>x</script>\", \"launch_type\": \"FARGATE\", \"cpu\": 256, "
    "\"memory\": 512, \"desired_count\": 2, \"subnets\": [\"<img src=x onerror=alert(1)>\", "
    "\"*bold* _x_ [link](http://e.example) | pipe\"]}]}";

/* names come back from a parser as the same text; none becomes markup in HTML or Markdown */
static void
test_report_hostile(void)
{
	g_autoptr(GError) error = NULL;
	PlanModel *model =
	    plan_model_load_data(hostile_model, strlen(hostile_model), "hostile.json", &error);
	g_autoptr(Analysed) analysed = NULL;
	g_autoptr(ReportFileSet) files = NULL;
	g_autofree char *html = NULL;
	g_autofree char *markdown = NULL;
	g_autofree char *title = NULL;
	g_autofree char *first_subnet = NULL;
	g_autoptr(xmlDoc) xml = NULL;
	g_autoptr(xmlDoc) parsed = NULL;

	g_assert_no_error(error);
	analysed = analyse(model);
	files = render_files(analysed);
	html = file_text(files, "report.html");
	markdown = file_text(files, "report.md");

	g_assert_null(strstr(html, "<script"));
	g_assert_null(strstr(html, "<img"));
	g_assert_null(strstr(html, "<!--svc"));
	xml = xmlReadMemory(html, (int)strlen(html), "report.html", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	g_assert_nonnull(xml);
	title = xpath_string(xml, "/h:html/h:head/h:title", TRUE);
	g_assert_cmpstr(title, ==, "ecsplan report: " HOSTILE);
	first_subnet = xpath_string(xml, "(//s:g[@class='subnet'])[1]/@data-name", TRUE);
	g_assert_cmpstr(first_subnet, ==, "<img src=x onerror=alert(1)>");
	assert_inert(xml, TRUE);
	parsed = htmlReadMemory(html, (int)strlen(html), "report.html", "UTF-8",
				HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	g_assert_nonnull(parsed);
	g_assert_cmpuint(xpath_count(parsed, "//g[@class='subnet']", FALSE), ==, 2);
	assert_inert(parsed, FALSE);

	/* Markdown: the title's punctuation is escaped, so it renders as the name */
	g_assert_true(g_str_has_prefix(
	    markdown, "# ecsplan report: &lt;script\\>alert(1)&lt;/script\\> &amp; \"x\"\n"));
	/* everywhere, tables included: no '<' (it is &lt;) and every '[' is escaped, so no HTML
	 * and no link */
	g_assert_null(strchr(markdown, '<'));
	for (const char *p = markdown; *p != '\0'; p++) {
		if (*p == '[' && g_str_has_prefix(p, "[link]"))
			g_assert_cmpint(p[-1], ==, '\\');
	}
}

/* the same results give the same bytes, file by file */
static void
test_report_deterministic(void)
{
	g_autoptr(Analysed) first = analyse_builtin("seed004-cruddur-bootcamp");
	g_autoptr(Analysed) second = analyse_builtin("seed004-cruddur-bootcamp");
	g_autoptr(ReportFileSet) a = render_files(first);
	g_autoptr(ReportFileSet) b = render_files(second);

	g_assert_cmpuint(report_file_set_n_files(a), ==, report_file_set_n_files(b));
	for (guint i = 0; i < report_file_set_n_files(a); i++) {
		g_assert_cmpstr(report_file_set_name(a, i), ==, report_file_set_name(b, i));
		g_assert_true(
		    g_bytes_equal(report_file_set_data(a, i), report_file_set_data(b, i)));
	}
}

/* report.md names the charts it links; when they were not drawn it says why instead */
static void
test_report_markdown_charts(void)
{
	g_autoptr(Analysed) analysed = analyse_builtin("seed001-vault-fargate");
	g_autoptr(GString) skipped = NULL;
	g_autoptr(GString) drawn = NULL;

	g_assert_cmpuint(analysed->charts->len, ==, 2);
	skipped =
	    report_report_markdown(&analysed->input, analysed->charts, "gnuplot is not installed");
	g_assert_nonnull(strstr(skipped->str, "not drawn (gnuplot is not installed)"));
	g_assert_null(strstr(skipped->str, "](" REPORT_CHART_COST_FILE ")"));
	for (guint i = 0; i < analysed->charts->len; i++)
		((ReportReportChart *)g_ptr_array_index(analysed->charts, i))->drawn = TRUE;
	drawn = report_report_markdown(&analysed->input, analysed->charts, NULL);
	g_assert_nonnull(strstr(drawn->str, "](" REPORT_CHART_COST_FILE ")\n"));
	g_assert_nonnull(strstr(drawn->str, "](compare.svg)\n"));
	g_assert_nonnull(strstr(drawn->str, "- [diagram.svg](diagram.svg): "));
	g_assert_null(strstr(drawn->str, "not drawn"));
}

/* ---- SVG embedding --------------------------------------------------------------------------- */

static char *
embed(const char *svg, const char *prefix, GError **error)
{
	g_autoptr(ReportXml) xml = report_xml_new_html();
	g_autoptr(GString) out = NULL;

	report_xml_start(xml, "body");
	if (!report_svg_embed(xml, svg, strlen(svg), prefix, "picture", error))
		return NULL;
	report_xml_end(xml);
	out = report_xml_finish(xml, error);
	return out != NULL ? g_strdup(out->str) : NULL;
}

static void
test_report_embed(void)
{
	static const char svg[] =
	    "<?xml version='1.0'?><!-- a comment -->\n"
	    "<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' "
	    "viewBox='0 0 10 10' onload='alert(1)' width='10'>\n"
	    "  <script>alert(2)</script><style>@import url(http://e.example/x.css);</style>\n"
	    "  <defs><path id='dot' d='M0 0'/><filter id='box'/></defs>\n"
	    "  <use xlink:href='#dot' x='1'/><use xlink:href='http://e.example/x.svg#a'/>\n"
	    "  <image href='http://e.example/x.png'/><foreignObject><p>x</p></foreignObject>\n"
	    "  <g filter='url(#box)' style='fill: url(http://e.example/p)' onclick='x()'>\n"
	    "    <text> 0 <tspan>&lt;b&gt; &amp;</tspan></text>\n"
	    "  </g>\n"
	    "</svg>\n";
	g_autoptr(GError) error = NULL;
	g_autofree char *html = embed(svg, "c1-", &error);

	g_assert_no_error(error);
	g_assert_nonnull(html);
	g_assert_null(strstr(html, "script"));
	g_assert_null(strstr(html, "alert"));
	g_assert_null(strstr(html, "e.example"));
	g_assert_null(strstr(html, "comment"));
	g_assert_null(strstr(html, "onload"));
	g_assert_null(strstr(html, "onclick"));
	g_assert_null(strstr(html, "<image"));
	g_assert_null(strstr(html, "foreignObject"));
	g_assert_nonnull(strstr(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"picture\" "
				      "viewBox=\"0 0 10 10\" width=\"10\">"));
	g_assert_nonnull(strstr(html, "id=\"c1-dot\""));
	g_assert_nonnull(strstr(html, "<use href=\"#c1-dot\" x=\"1\"/>"));
	g_assert_nonnull(strstr(html, "filter=\"url(#c1-box)\""));
	/* the text as it was, escaped again */
	g_assert_nonnull(strstr(html, "<text> 0 <tspan>&lt;b&gt; &amp;</tspan></text>"));

	/* not SVG, or not well-formed: an error, nothing written */
	g_clear_pointer(&html, g_free);
	html = embed("<html/>", "c2-", &error);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_FAILED);
	g_assert_null(html);
	g_clear_error(&error);
	html = embed("<svg><g></svg>", "c3-", &error);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_FAILED);
	g_assert_null(html);
}

/* @svg embedded by @how inside <body><figure>, twice (the second with another prefix), then a
 * paragraph: the page, or NULL with @error set */
static char *
embed_how(const char *svg, gsize length, ReportSvgCopy how, GError **error)
{
	g_autoptr(ReportXml) xml = report_xml_new_html();
	g_autoptr(GString) out = NULL;

	report_xml_start(xml, "body");
	report_xml_start(xml, "figure");
	if (!report_svg_embed_how(xml, svg, length, "f1-", "picture", how, error))
		return NULL;
	report_xml_element(xml, "figcaption", "one");
	report_xml_end(xml);
	if (!report_svg_embed_how(xml, svg, length, "f2-", NULL, how, error))
		return NULL;
	report_xml_element(xml, "p", "after");
	report_xml_end(xml);
	out = report_xml_finish(xml, error);
	return out != NULL ? g_strdup(out->str) : NULL;
}

/* the stream copy (gnuplot's plain XML in one pass) writes what the tree copy (libxml2's parse,
 * the writer element by element) writes, byte for byte, and leaves everything else to it */
static void
test_report_svg_stream(void)
{
	/* what gnuplot's SVG terminal writes, and the edges of the subset the stream copy reads:
	 * entities in text and values, a '>' and quotes in a value, elements left out with their
	 * content (nested), event and outside references left out, xlink:title left out, blank
	 * and non-blank text outside text elements, text straight under the root (not copied),
	 * a tab and line ends in text, an empty element that holds text, an empty <g> */
	static const char *const taken[] = {
	    "<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
	    "<svg \n width=\"900\" height=\"720\"\n viewBox=\"0 0 900 720\"\n"
	    " xmlns=\"http://www.w3.org/2000/svg\"\n"
	    " xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n>\n\n"
	    "<title>Gnuplot</title>\n<desc>Produced by GNUPLOT 5.4 patchlevel 4 </desc>\n\n"
	    "<g id=\"gnuplot_canvas\">\n\n<rect x=\"0\" y=\"0\" width=\"900\" height=\"720\" "
	    "fill=\"#ffffff\"/>\n<defs>\n\n\t<circle id='gpDot' r='0.5' stroke-width='0.5' "
	    "stroke='currentColor'/>\n\t<use xlink:href='#gpDot' id='gpPt6' fill='currentColor' "
	    "stroke='none' xlink:title='t'/>\n\t<filter id='textbox' x='0'>\n\t  <feFlood "
	    "flood-color='#FFFFFF' result='bgnd'/>\n\t</filter>\n</defs>\n"
	    "<g fill=\"none\" color=\"black\" stroke=\"currentColor\">\n"
	    "\t<g transform=\"translate(450.00,20.08)\" stroke=\"none\" fill=\"black\">\n"
	    "\t\t<text>Fargate or EC2: a &amp; b &lt;c&gt; \"d\" 'e'</text>\n\t</g>\n"
	    "\t<g filter='url(#textbox)' stroke='url(#gpDot) url(  \"#x\")'>\n"
	    "\t\t<text><tspan font-weight=\"bold\">x86_64</tspan> \t and\n more</text>\n"
	    "\t\t<text/>\n\t\t<g/>\n\t</g>\n"
	    "\t<path stroke='rgb(  0, 158, 115)' d='M80.13,651.52 L89.33,651.52 ' "
	    "title='a &gt; b &quot;c&quot; &apos;d&apos;'/>\n"
	    "</g>\n<g>text inside a g</g>\n</g>\n</svg>\n\n",
	    /* left out, with what is inside */
	    "<svg><script>alert(1)<g>x</g></script><g onclick='x()' id='a'><a href='#b'><g/></a>"
	    "<use href='http://e.example/x'/><style/><text>a<foreignObject><p>x</p>"
	    "</foreignObject>b</text></g>root text</svg>",
	    "<svg/>",
	    "<svg width='1'></svg>",
	    "<svg class='mine' width='1'>  <g/>  </svg>",
	    "<svg><g><g><text><tspan>a</tspan><tspan>b</tspan></text><g/></g></g>\n</svg>",
	    /* a value over lines, as gnuplot writes a long path: each tab and line feed a space */
	    "<svg><path d='M1,2 L3,4\n\t\tL5,6' stroke='a\tb'/><g d='\n'/></svg>",
	};
	/* left to the tree copy: a comment, CDATA, a character reference, a DOCTYPE, a processing
	 * instruction, a carriage return (in a value or text), a byte above 0x7E, xml:lang, another
	 * namespace, an unbound prefix, a prefixed element, mistakes (the tree copy refuses
	 * those), text after the root, a declaration it does not read */
	static const char *const declined[] = {
	    "<svg><!-- c --><g/></svg>",
	    "<svg><text><![CDATA[<x>]]></text></svg>",
	    "<svg><text>&#65;</text></svg>",
	    "<!DOCTYPE svg><svg/>",
	    "<svg><?pi x?></svg>",
	    "<svg><g d='a\rb'/></svg>",
	    "<svg><g d='a\r\nb'/></svg>",
	    "<svg><text>a\r\nb</text></svg>",
	    "<svg><text>caf\xc3\xa9</text></svg>",
	    "<svg><g xml:lang='en'/></svg>",
	    "<svg xmlns:x='urn:x'><g x:y='1'/></svg>",
	    "<svg><g x:y='1'/></svg>",
	    "<svg><x:g xmlns:x='urn:x'/></svg>",
	    "<svg xmlns='urn:other'/>",
	    "<svg><g xmlns='http://www.w3.org/2000/svg'/></svg>",
	    "<svg><g></svg>",
	    "<svg><g a='1' a='2'/></svg>",
	    "<svg><g a='1'b='2'/></svg>",
	    "<svg><text>]]></text></svg>",
	    "<svg><text>a & b</text></svg>",
	    "<svg><g a='<'/></svg>",
	    "<svg/><g/>",
	    "<svg/><!-- after -->",
	    "<?xml version='1.1'?><svg/>",
	    "<?xml version='1.0' encoding='latin1'?><svg/>",
	    " <?xml version='1.0'?><svg/>",
	    "<svg",
	    "<svg><g",
	    "<svg><text>a",
	    "<html/>",
	    "",
	};

	for (guint i = 0; i < G_N_ELEMENTS(taken); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree char *tree =
		    embed_how(taken[i], strlen(taken[i]), REPORT_SVG_COPY_TREE, &error);
		g_autofree char *stream = NULL;

		g_assert_no_error(error);
		stream = embed_how(taken[i], strlen(taken[i]), REPORT_SVG_COPY_STREAM, &error);
		g_assert_no_error(error);
		g_assert_cmpstr(stream, ==, tree);
	}
	/* the first, by hand: the writer's layout (two spaces a level, no indentation inside
	 * text, a line end after a text element's end), prefixed ids and references */
	{
		g_autofree char *page = embed_how(taken[0], strlen(taken[0]),
						  REPORT_SVG_COPY_STREAM, NULL);
		g_assert_nonnull(strstr(page, "\n    <svg xmlns=\"http://www.w3.org/2000/svg\" "
					      "class=\"picture\" width=\"900\" height=\"720\" "
					      "viewBox=\"0 0 900 720\">\n      <title>Gnuplot</title>\n"));
		g_assert_nonnull(strstr(page, "\n          <use href=\"#f1-gpDot\" id=\"f1-gpPt6\" "
					      "fill=\"currentColor\" stroke=\"none\"/>\n"));
		g_assert_nonnull(strstr(page, "<text>Fargate or EC2: a &amp; b &lt;c&gt; "
					      "&quot;d&quot; 'e'</text>\n</g>\n"));
		g_assert_nonnull(strstr(page, "filter=\"url(#f2-textbox)\" "
					      "stroke=\"url(#f2-gpDot) url(  &quot;#f2-x&quot;)\""));
		g_assert_nonnull(strstr(page, "title=\"a &gt; b &quot;c&quot; 'd'\"/>"));
		g_assert_nonnull(strstr(page, "<g>text inside a g</g>"));
		g_assert_null(strstr(page, "xlink"));
	}
	/* the value over lines: "M1,2 L3,4" + line feed and two tabs (three spaces) + "L5,6" */
	{
		g_autofree char *page = embed_how(taken[G_N_ELEMENTS(taken) - 1],
						  strlen(taken[G_N_ELEMENTS(taken) - 1]),
						  REPORT_SVG_COPY_STREAM, NULL);
		g_assert_nonnull(strstr(page, "<path d=\"M1,2 L3,4   L5,6\" stroke=\"a b\"/>"));
		g_assert_nonnull(strstr(page, "<g d=\" \"/>"));
	}
	for (guint i = 0; i < G_N_ELEMENTS(declined); i++) {
		g_autoptr(GError) tree_error = NULL;
		g_autoptr(GError) error = NULL;
		g_autofree char *tree = embed_how(declined[i], strlen(declined[i]),
						  REPORT_SVG_COPY_TREE, &tree_error);
		g_autofree char *any = NULL;
		g_autofree char *stream = embed_how(declined[i], strlen(declined[i]),
						    REPORT_SVG_COPY_STREAM, &error);

		if (stream != NULL)
			g_printerr("taken: %s\n", declined[i]);
		g_assert_null(stream);
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_FAILED);
		g_clear_error(&error);
		/* the default copy: the tree copy's page, or its error */
		any = embed_how(declined[i], strlen(declined[i]), REPORT_SVG_COPY_ANY, &error);
		g_assert_cmpstr(any, ==, tree);
		g_assert_true((error == NULL) == (tree_error == NULL));
		if (error != NULL)
			g_assert_cmpstr(error->message, ==, tree_error->message);
	}
}

/* ---- the cost chart ------------------------------------------------------------------------ */

/* the script quotes the model's name and turns enhanced text off; gnuplot draws it the same way
 * twice, and two charts share a page without an id clash */
static void
test_report_cost_chart(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(Analysed) analysed = analyse_builtin("seed003-fargate-https-alb");
	g_autofree char *script = report_chart_cost_script(analysed->model, analysed->result->cost);
	g_autofree char *program = report_gnuplot_find();
	g_autoptr(GBytes) svg = NULL;
	g_autoptr(GBytes) again = NULL;
	g_autoptr(ReportXml) xml = NULL;
	g_autoptr(GString) page = NULL;
	g_autoptr(xmlDoc) doc = NULL;
	const char *data;
	gsize length = 0;

	g_assert_nonnull(strstr(script, "set terminal svg size 720,"));
	g_assert_nonnull(strstr(script, " fixed noenhanced font 'DejaVu Sans,10'"));
	g_assert_nonnull(strstr(script, "set title 'Monthly cost by category: fargate-https-alb"));
	/* readable names, the most expensive on top (row 0): seed 003 pays 70.08 for its NAT
	 * gateways' hours (2 x 730 h x 0.048), then 18.40 for the ALB's (730 h x 0.0252) */
	g_assert_nonnull(strstr(script, "\n0 70.08 \"NAT gateway hours\" \"~70.08\"\n"));
	g_assert_nonnull(strstr(script, "\n1 18.396 \"load balancer hours\" \"18.40\"\n"));
	g_assert_null(strstr(script, "\"nat-hours\""));
	g_assert_null(strstr(script, "EC2 instances"));
	if (program == NULL) {
		g_test_skip("gnuplot is not installed");
		return;
	}
	svg = report_gnuplot_svg(script, REPORT_GNUPLOT_TIMEOUT_MS, &error);
	g_assert_no_error(error);
	again = report_gnuplot_svg(script, REPORT_GNUPLOT_TIMEOUT_MS, &error);
	g_assert_no_error(error);
	g_assert_true(g_bytes_equal(svg, again));
	data = g_bytes_get_data(svg, &length);
	g_assert_nonnull(g_strstr_len(data, (gssize)length, "NAT gateway hours"));

	/* gnuplot's SVG is what the stream copy reads, and it writes the tree copy's bytes */
	{
		g_autofree char *tree = embed_how(data, length, REPORT_SVG_COPY_TREE, &error);
		g_autofree char *stream = embed_how(data, length, REPORT_SVG_COPY_STREAM, &error);
		g_assert_no_error(error);
		g_assert_nonnull(tree);
		g_assert_cmpstr(stream, ==, tree);
	}
	xml = report_xml_new_html();
	report_xml_start(xml, "body");
	g_assert_true(report_svg_embed(xml, data, length, "f1-", NULL, &error));
	g_assert_true(report_svg_embed(xml, data, length, "f2-", NULL, &error));
	g_assert_no_error(error);
	report_xml_end(xml);
	page = report_xml_finish(xml, &error);
	g_assert_no_error(error);
	doc = xmlReadMemory(page->str, (int)page->len, "page.html", NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	g_assert_nonnull(doc);
	/* every id once */
	g_assert_cmpuint(xpath_count(doc, "//*[@id][@id = preceding::*/@id]", FALSE), ==, 0);
	g_assert_cmpuint(xpath_count(doc, "//*[@id]", FALSE), >, 2);
}

/* a cost without line items still gives a chart: a note instead of bars */
static void
test_report_cost_chart_empty(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *program = report_gnuplot_find();
	g_autoptr(GArray) categories = g_array_new(FALSE, TRUE, sizeof(PlanCostTotal));
	g_autofree char *script = NULL;
	PlanModel model = {.name = (char *)"empty"};
	PlanCost cost = {.hours = 730.0,
			 .region = (char *)"us-east-1",
			 .book_as_of = (char *)"2026-01-01",
			 .by_category = categories};

	g_array_set_size(categories, PLAN_COST_N_CATEGORIES);
	script = report_chart_cost_script(&model, &cost);
	g_assert_nonnull(strstr(script, "no line items"));
	if (program != NULL) {
		g_autoptr(GBytes) svg =
		    report_gnuplot_svg(script, REPORT_GNUPLOT_TIMEOUT_MS, &error);
		g_assert_no_error(error);
		g_assert_nonnull(svg);
	}
}

/* a model without services: the report has no comparison and no comparison chart */
static void
test_report_no_services(void)
{
	static const char empty[] = "{\"ecsplan\": 1, \"name\": \"empty\", \"region\": "
				    "\"us-east-1\", \"vpcs\": []}";
	g_autoptr(GError) error = NULL;
	PlanModel *model = plan_model_load_data(empty, strlen(empty), "empty.json", &error);
	g_autoptr(Analysed) analysed = NULL;
	g_autoptr(ReportFileSet) files = NULL;
	g_autofree char *markdown = NULL;

	g_assert_no_error(error);
	analysed = analyse(model);
	g_assert_cmpuint(analysed->charts->len, ==, 1);
	files = render_files(analysed);
	markdown = file_text(files, "report.md");
	g_assert_nonnull(strstr(markdown, "The model has no subnets."));
	g_assert_nonnull(strstr(markdown, "The model has no services to compare."));
	g_assert_nonnull(report_file_set_lookup(files, "report.html"));
}

/* ---- the folder, all at once --------------------------------------------------------------- */

static void
test_report_first_screen(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "..", "models", "examples",
						      "seed002-chronous-payments-ec2.json", NULL);
	g_autofree char *bytes = NULL;
	gsize length = 0;
	g_autofree char *sha256 = NULL;
	g_autofree char *expected = NULL;
	PlanModel *model;
	g_autoptr(Analysed) analysed = NULL;
	g_autoptr(GString) markdown = NULL;
	g_autoptr(ReportFileSet) files = NULL;
	g_autofree char *diagram = NULL;
	g_autofree char *html = NULL;

	g_assert_true(g_file_get_contents(path, &bytes, &length, NULL));
	sha256 = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)bytes, length);
	model = plan_model_load_file(path, &error);
	g_assert_no_error(error);
	analysed = analyse(model);
	markdown = report_report_markdown(&analysed->input, analysed->charts, NULL);
	expected = g_strdup_printf(
	    "Generated by ecsplan %s on 2026-12-01 from the model chronous-payments-ec2 (%s, "
	    "SHA-256 %s) in us-east-2, priced with the us-east-2 price book of 2026-11-22 "
	    "(built-in).",
	    PLAN_VERSION, path, sha256);
	g_assert_nonnull(strstr(markdown->str, expected));
	g_assert_nonnull(strstr(markdown->str, "- [Monthly cost](#monthly-cost)\n"
					       "- [Fargate or EC2](#fargate-or-ec2)\n"));
	g_assert_null(strstr(markdown->str, "(#simulation)"));
	/* seed 002: 65.70 of 118.05 (55.7%) is its two NAT gateways' hours (2 x 730 h x 0.045),
	 * the largest beside the RDS instance (27.12); 118.05 includes the cluster instance's
	 * 30 GB gp3 root volume (30 x 0.08 = 2.40) and leaves out the t2.nano and the Classic
	 * LB's hour, which the us-east-2 book does not price */
	g_assert_nonnull(strstr(markdown->str, "the largest category is NAT gateway hours at "
					       "65.70 USD."));
	/* one t2.nano-sized task: the cheapest on demand is Fargate arm64, Spot is cheaper */
	g_assert_nonnull(strstr(markdown->str,
				"without Spot the cheapest way to run every service is Fargate "
				"arm64 at 7.21 USD (estimate) a month; with Spot"));
	g_assert_nonnull(strstr(markdown->str, "| CATEGORY | KEY | COST | SHARE | LINES |\n"));
	g_assert_nonnull(strstr(markdown->str,
				"| NAT gateway hours | nat-hours | 65.70 | 55.7% | 2 |\n"));
	g_assert_nonnull(strstr(markdown->str, "| UNIT | × | UNIT PRICE | = | COST |"));

	files = render_files(analysed);
	diagram = file_text(files, "diagram.svg");
	html = file_text(files, "report.html");
	g_assert_null(strstr(diagram, "class=\"findings\""));
	g_assert_nonnull(strstr(diagram, "class=\"legend\""));
	/* the message: in the marker's tooltip and in the findings table; not in a panel */
	g_assert_cmpuint(test_count_substring(html, "so each AZ keeps an instance"), ==, 2);
	g_assert_nonnull(strstr(html, "<a href=\"#monthly-cost\">Monthly cost</a>"));
	g_assert_nonnull(strstr(html, "<h2 id=\"monthly-cost\">"));
}

/* the simulator's charts: a title naming the service, units, a time axis that ends with the
 * run, and desired drawn wide under running so both stay visible where they are equal */
static void
test_report_sim_chart(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_builtin("seed003-fargate-https-alb", &error);
	PlanAnalyseOptions options = {.parts = PLAN_ANALYSE_VALIDATE | PLAN_ANALYSE_SIMULATE};
	g_autoptr(PlanResult) result = NULL;
	g_autoptr(GString) tasks = NULL;
	g_autoptr(GString) demand = NULL;
	const char *desired;
	const char *running;

	g_assert_no_error(error);
	plan_sim_options_init(&options.simulate);
	options.simulate.profile = "diurnal";
	options.simulate.duration_s = 86400;
	options.simulate.series = PLAN_SIM_SERIES_SAMPLED;
	result = plan_analyse(model, &options, &error);
	g_assert_no_error(error);
	tasks = report_simulate_chart_script(model, result->simulation, 0, REPORT_SIM_CHART_TASKS);
	demand =
	    report_simulate_chart_script(model, result->simulation, 0, REPORT_SIM_CHART_DEMAND);
	g_assert_nonnull(strstr(tasks->str, "set title 'example-app-api: tasks'\n"));
	g_assert_nonnull(strstr(tasks->str, "set xlabel 'hours from the start'\nset ylabel 'tasks'"));
	g_assert_nonnull(strstr(tasks->str, "set autoscale xfix\n"));
	g_assert_nonnull(strstr(tasks->str, " font 'DejaVu Sans,10' "));
	desired = strstr(tasks->str, "with steps linewidth 5 linecolor rgb '#a5d8ff' title 'desired'");
	running = strstr(tasks->str, "linewidth 1.5 linecolor rgb '#1864ab' title 'running'");
	g_assert_nonnull(desired);
	g_assert_nonnull(running);
	g_assert_true(desired < running); /* drawn first: underneath */
	g_assert_nonnull(strstr(demand->str, "set ylabel 'requests per second'"));
	g_assert_true(strstr(demand->str, "title 'capacity of running tasks'") <
		      strstr(demand->str, "title 'demand'"));
}

/* the pieces report_validate_write() hands over, kept; @fail_at: the piece whose write fails
 * (0: none) */
typedef struct {
	GString *joined;
	guint n_pieces;
	gsize smallest; /* of every piece but the last */
	gsize last;
	gboolean every_piece_ends_a_line;
	guint fail_at;
} ValidatePieces;

static gboolean
validate_piece(gpointer data, const char *bytes, gsize length, GError **error)
{
	ValidatePieces *pieces = data;

	pieces->n_pieces++;
	if (pieces->n_pieces == pieces->fail_at) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "disk full (piece %u)",
			    pieces->n_pieces);
		return FALSE;
	}
	if (pieces->n_pieces > 1)
		pieces->smallest = MIN(pieces->smallest, pieces->last);
	pieces->last = length;
	if (length == 0 || bytes[length - 1] != '\n')
		pieces->every_piece_ends_a_line = FALSE;
	g_string_append_len(pieces->joined, bytes, (gssize)length);
	return TRUE;
}

/* validate's text and json written out in pieces as they are made (issue 18): the same bytes
 * as the whole document, in pieces of at least 64 KiB that each end a line in text (so the
 * terminal escaper sees whole lines: names with an escape byte and UTF-8 come out as in the
 * whole document), and a write that fails stops the rest and is the error */
static void
test_validate_pieces(void)
{
	g_autoptr(GString) text = g_string_new("{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": "
					       "[{\"name\": \"v\", \"cidr\": \"10.0.0.0/8\", "
					       "\"subnets\": [");
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) result = NULL;
	g_autoptr(GError) error = NULL;
	PlanAnalyseOptions options = {.parts = PLAN_ANALYSE_VALIDATE};
	const ReportFormat formats[] = {REPORT_FORMAT_TEXT, REPORT_FORMAT_JSON};
	/* 3,000 subnets: a text row is about 80 bytes, so the table alone is over 3 pieces */
	const guint n_subnets = 3000;

	for (guint i = 0; i < n_subnets; i++)
		g_string_append_printf(text,
				       "%s{\"name\": \"s\\u001b[31m\u00e9-%u\", \"cidr\": "
				       "\"10.%u.%u.0/24\", \"az\": \"us-east-1%c\", \"tier\": "
				       "\"private\"}",
				       i > 0 ? ", " : "", i, i / 256, i % 256, "abc"[i % 3]);
	g_string_append(text, "]}]}");
	model = plan_model_load_data(text->str, text->len, "pieces.json", &error);
	g_assert_no_error(error);
	result = plan_analyse(model, &options, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(result->validation->subnets->len, ==, n_subnets);

	for (guint f = 0; f < G_N_ELEMENTS(formats); f++) {
		g_autoptr(GString) whole = report_validate(model, result->diagnostics,
							   result->validation, formats[f],
							   REPORT_FLAG_NONE, &error);
		ValidatePieces pieces = {g_string_new(NULL), 0, G_MAXSIZE, 0, TRUE, 0};
		ValidatePieces failing = {g_string_new(NULL), 0, G_MAXSIZE, 0, TRUE, 2};

		g_assert_no_error(error);
		g_assert_true(report_validate_write(model, result->diagnostics, result->validation,
						    formats[f], REPORT_FLAG_NONE, validate_piece,
						    &pieces, &error));
		g_assert_no_error(error);
		g_assert_cmpuint(pieces.joined->len, ==, whole->len);
		g_assert_cmpstr(pieces.joined->str, ==, whole->str);
		/* the document is over 200 KiB: at least three pieces, none but the last small */
		g_assert_cmpuint(whole->len, >, 200 * 1024);
		g_assert_cmpuint(pieces.n_pieces, >=, 3);
		g_assert_cmpuint(pieces.smallest, >=, 64 * 1024);
		if (formats[f] == REPORT_FORMAT_TEXT) {
			g_assert_true(pieces.every_piece_ends_a_line);
			/* the escape byte was shown, é kept: the escaper ran on every piece */
			g_assert_null(strchr(pieces.joined->str, '\033'));
			g_assert_nonnull(strstr(pieces.joined->str, "s\\e[31m\u00e9-2999 "));
		}

		g_assert_false(report_validate_write(model, result->diagnostics,
						     result->validation, formats[f],
						     REPORT_FLAG_NONE, validate_piece, &failing,
						     &error));
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_FAILED);
		g_assert_cmpstr(error->message, ==, "disk full (piece 2)");
		g_clear_error(&error);
		/* nothing was handed over after the failure */
		g_assert_cmpuint(failing.n_pieces, ==, 2);
		g_string_free(pieces.joined, TRUE);
		g_string_free(failing.joined, TRUE);
	}
}

/* the summary counts distinct AZ names: more of them than the renderer's few compared before
 * the set (8), repeated in and out of order, 30 subnets in 10 AZs */
static void
test_report_summary_azs(void)
{
	static const char *const azs[] = {"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d",
					   "us-east-1e", "us-east-1f", "zone-g",     "zone-h",
					   "zone-i",     "zone-j"};
	g_autoptr(GString) text =
	    g_string_new("{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"v\", "
			 "\"cidr\": \"10.0.0.0/16\", \"subnets\": [");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanResult) result = NULL;

	for (guint i = 0; i < 30; i++)
		g_string_append_printf(text,
				       "%s{\"name\": \"s%u\", \"cidr\": \"10.0.%u.0/24\", \"az\": \"%s\", "
				       "\"tier\": \"private\"}",
				       i > 0 ? ", " : "", i, i, azs[(i * 7) % G_N_ELEMENTS(azs)]);
	g_string_append(text, "]}]}");
	model = plan_model_load_data(text->str, text->len, "azs.json", &error);
	g_assert_no_error(error);
	result = plan_analyse(model, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(result->summary.n_subnets, ==, 30);
	g_assert_cmpuint(result->summary.n_azs, ==, 10);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/reports/report/html/seeds", test_report_html_seeds);
	g_test_add_func("/reports/report/html/serialisation", test_report_html_serialisation);
	g_test_add_func("/reports/report/html/hostile", test_report_hostile);
	g_test_add_func("/reports/report/deterministic", test_report_deterministic);
	g_test_add_func("/reports/report/summary-azs", test_report_summary_azs);
	g_test_add_func("/reports/report/markdown/charts", test_report_markdown_charts);
	g_test_add_func("/reports/report/embed", test_report_embed);
	g_test_add_func("/reports/report/svg-stream", test_report_svg_stream);
	g_test_add_func("/reports/report/chart/cost", test_report_cost_chart);
	g_test_add_func("/reports/report/first-screen", test_report_first_screen);
	g_test_add_func("/reports/report/chart/simulation", test_report_sim_chart);
	g_test_add_func("/reports/report/chart/empty", test_report_cost_chart_empty);
	g_test_add_func("/reports/report/no-services", test_report_no_services);
	g_test_add_func("/reports/validate/pieces", test_validate_pieces);
	return g_test_run();
}
