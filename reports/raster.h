/* ecsplan: SVG to PNG or PDF through librsvg and cairo — the same picture, other bytes */
#pragma once

#include <glib.h>

#include "render.h"

G_BEGIN_DECLS

/* the formats report_raster_svg() writes */
#define REPORT_RASTER_FORMATS                                                                  \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_PNG) | REPORT_FORMAT_MASK(REPORT_FORMAT_PDF))

/* Draws the SVG document @svg (@length bytes, borrowed; its width and height in px, as ecsplan
 * and gnuplot write them) with librsvg onto a cairo surface of the same size, 1 SVG px to
 * 1 PNG pixel or 1 PDF point, on a white background, and returns the PNG or PDF file.
 * The PDF's creation date is fixed (cairo would otherwise write the clock), so the same SVG
 * gives the same bytes. librsvg is given no base file, so an SVG cannot pull in other files.
 * Fails with PLAN_ERROR_FAILED when librsvg cannot read the SVG or cairo cannot draw it, and
 * PLAN_ERROR_USAGE for a format other than png or pdf.
 * Returns: (transfer full) the file's bytes, or NULL with @error set */
GBytes *report_raster_svg(const char *svg, gsize length, ReportFormat format, GError **error)
	G_GNUC_WARN_UNUSED_RESULT;

/* a chart's SVG (@svg, borrowed) as @format: @svg itself (a new reference) for svg, else
 * report_raster_svg. Returns: (transfer full) the bytes, or NULL with @error set */
GBytes *report_raster_convert(GBytes *svg, ReportFormat format, GError **error)
	G_GNUC_WARN_UNUSED_RESULT;

/* the format a chart file name asks for by its extension: ".png" and ".pdf" (any case), else
 * SVG */
ReportFormat report_raster_format_for_path(const char *path);

G_END_DECLS
