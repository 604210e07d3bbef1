/* ecsplan: the architecture diagram as SVG — draws a ReportDiagram, decides nothing */
#pragma once

#include <glib.h>

#include "diagram-layout.h"
#include "render.h"

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

G_END_DECLS
