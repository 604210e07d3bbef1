/* ecsplan: the architecture diagram as SVG — draws a ReportDiagram, decides nothing */
#pragma once

#include <glib.h>

#include "diagram-layout.h"
#include "render.h"
#include "xml-writer.h"

G_BEGIN_DECLS

#define REPORT_DIAGRAM_FORMATS                                                                 \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_SVG) | REPORT_FORMAT_MASK(REPORT_FORMAT_PNG) |         \
	 REPORT_FORMAT_MASK(REPORT_FORMAT_PDF))

/* the fonts named on the <svg>: ones every browser and rsvg have */
#define REPORT_DIAGRAM_FONTS "DejaVu Sans, Arial, Helvetica, sans-serif"

/* formats: svg, png, pdf. Draws @diagram (borrowed) through xmlTextWriter: every name is escaped
 * text or attribute value, numbers are whole px, and the same layout gives the same bytes. PNG
 * and PDF are that SVG drawn by librsvg (report_raster_svg), 1 px to 1 pixel or point.
 * Returns: (transfer full) the document (binary for png and pdf: use ->len), or NULL with
 * @error set */
GString *report_diagram(const ReportDiagram *diagram, ReportFormat format,
			GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* the same <svg> written at @xml's current place (report.html), as report_svg_embed() would
 * copy report_diagram()'s document there, without writing and parsing it first: every id and
 * url(#id) gets @id_prefix (nullable), and @css_class (nullable) is the root's class */
void report_diagram_write_svg(ReportXml *xml, const ReportDiagram *diagram,
			      const char *id_prefix, const char *css_class);

G_END_DECLS
