/* ecsplan: libFuzzer target for the two copies of an SVG into report.html
 * (reports/svg-embed.c). Any bytes in, as the SVG: no crash, leak, undefined behaviour or GLib
 * critical. Beyond that:
 * - where the stream copy (one pass over the plain XML gnuplot writes) takes the bytes, the
 *   tree copy (libxml2's parse, the writer element by element) takes them too, and the two
 *   pages are the same bytes;
 * - the default copy (report_svg_embed) gives the tree copy's page, or its error message;
 * - a failure writes nothing: the page is the one without the picture. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "plan-error.h"
#include "svg-embed.h"
#include "xml-writer.h"

FUZZ_DEFINE_INITIALIZE

/* the page: <body><figure>, the SVG (or nothing where the copy fails), a caption. Returns
 * (transfer full) the page; *@ok says whether the copy succeeded */
static GString *
fuzz_page(const char *svg, gsize length, ReportSvgCopy how, gboolean *ok, char **message)
{
	g_autoptr(ReportXml) xml = report_xml_new_html();
	g_autoptr(GError) error = NULL;
	GString *page;

	report_xml_start(xml, "body");
	report_xml_start(xml, "figure");
	*ok = report_svg_embed_how(xml, svg, length, "f1-", "picture", how, &error);
	g_assert(*ok == (error == NULL));
	if (error != NULL) {
		g_assert(error->domain == PLAN_ERROR && error->code == PLAN_ERROR_FAILED);
		g_assert(error->message != NULL && error->message[0] != '\0');
	}
	*message = error != NULL ? g_strdup(error->message) : NULL;
	report_xml_element(xml, "figcaption", "caption");
	report_xml_end(xml);
	page = report_xml_finish(xml, NULL);
	g_assert(page != NULL);
	return page;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *svg = (const char *)data;
	g_autoptr(GString) tree = NULL;
	g_autoptr(GString) stream = NULL;
	g_autoptr(GString) any = NULL;
	g_autoptr(GString) none = NULL;
	g_autofree char *tree_message = NULL;
	g_autofree char *stream_message = NULL;
	g_autofree char *any_message = NULL;
	g_autofree char *none_message = NULL;
	gboolean tree_ok;
	gboolean stream_ok;
	gboolean any_ok;
	gboolean none_ok;

	tree = fuzz_page(svg, size, REPORT_SVG_COPY_TREE, &tree_ok, &tree_message);
	stream = fuzz_page(svg, size, REPORT_SVG_COPY_STREAM, &stream_ok, &stream_message);
	any = fuzz_page(svg, size, REPORT_SVG_COPY_ANY, &any_ok, &any_message);
	if (stream_ok) {
		g_assert(tree_ok);
		g_assert(g_string_equal(stream, tree));
	}
	g_assert(any_ok == tree_ok);
	g_assert(g_string_equal(any, tree));
	g_assert(g_strcmp0(any_message, tree_message) == 0);
	/* a failure wrote nothing: the page without the picture */
	none = fuzz_page("", 0, REPORT_SVG_COPY_STREAM, &none_ok, &none_message);
	g_assert(!none_ok);
	if (!tree_ok)
		g_assert(g_string_equal(tree, none));
	if (!stream_ok)
		g_assert(g_string_equal(stream, none));
	return 0;
}
