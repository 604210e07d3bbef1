/* ecsplan: an SVG document copied into a page being written (report.html), through the writer */
#pragma once

#include <glib.h>

#include "xml-writer.h"

G_BEGIN_DECLS

/* Parses @data (an SVG document: the diagram, or a chart gnuplot drew) and writes its <svg>
 * element at the writer's current place, element by element, so every name and text is
 * escaped again by the writer and the page stays well-formed whatever the SVG held. On the way:
 * - what could run or load something is left out: <script>, <foreignObject>, <style>,
 *   <image>, <a>, <iframe>, event attributes (on*), and any href or url() that does not point
 *   inside the document;
 * - every id, and every "#id" and "url(#id)" that refers to one, gets @id_prefix, so several
 *   charts (gnuplot names its markers the same in each) can share one page;
 * - comments, processing instructions and the white space between elements are dropped;
 *   text inside <text>, <tspan>, <title> and <desc> is kept as it is.
 * @css_class (nullable) is added to the <svg> as class. The parser never reads the network
 * and substitutes no entities. Fails with PLAN_ERROR_FAILED when @data is not well-formed
 * XML or its root is not <svg>; nothing is written then. */
gboolean report_svg_embed(ReportXml *xml, const char *data, gsize length, const char *id_prefix,
			  const char *css_class, GError **error);


/* which copy report_svg_embed_how() makes. ANY (report_svg_embed): the stream copy, which reads
 * the plain XML gnuplot writes in one pass and writes its content as the writer would, else the
 * tree copy (libxml2 parses the document, the writer writes it again element by element); the
 * two give the same bytes. TREE and STREAM are for the tests: STREAM fails (nothing written)
 * where the stream copy would leave the document to the tree copy */
typedef enum {
	REPORT_SVG_COPY_ANY,
	REPORT_SVG_COPY_TREE,
	REPORT_SVG_COPY_STREAM,
} ReportSvgCopy;

gboolean report_svg_embed_how(ReportXml *xml, const char *data, gsize length,
			      const char *id_prefix, const char *css_class, ReportSvgCopy how,
			      GError **error);

G_END_DECLS
