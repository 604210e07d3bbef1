#include "raster.h"

#include "plan-error.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>

/* the largest picture drawn: 32,767 px is cairo's image surface limit, and a 300-subnet model
 * is about 1,600 x 4,800 (docs/diagram.md) */
#define REPORT_RASTER_MAX_PX 32767.0

/* cleanups for the foreign types, used in this file only (librsvg 2.54 and cairo declare none) */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RsvgHandle, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cairo_surface_t, cairo_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cairo_t, cairo_destroy)

/* the PDF's fixed creation date: the date cairo writes is otherwise the clock's */
#define REPORT_RASTER_PDF_DATE "2000-01-01T00:00:00Z"

static cairo_status_t
raster_append(void *closure, const unsigned char *data, unsigned int length)
{
	g_byte_array_append(closure, data, length);
	return CAIRO_STATUS_SUCCESS;
}

ReportFormat
report_raster_format_for_path(const char *path)
{
	g_autofree char *lower = NULL;

	if (path == NULL)
		return REPORT_FORMAT_SVG;
	lower = g_ascii_strdown(path, -1);
	if (g_str_has_suffix(lower, ".png"))
		return REPORT_FORMAT_PNG;
	if (g_str_has_suffix(lower, ".pdf"))
		return REPORT_FORMAT_PDF;
	return REPORT_FORMAT_SVG;
}

/* draws @handle on @cairo at @width x @height, over white */
static gboolean
raster_draw(RsvgHandle *handle, cairo_surface_t *surface, double width, double height,
	    GError **error)
{
	g_autoptr(cairo_t) cairo = cairo_create(surface);
	RsvgRectangle viewport = {0, 0, width, height};
	cairo_status_t status;

	cairo_set_source_rgb(cairo, 1, 1, 1);
	cairo_paint(cairo);
	GError *rsvg_error = NULL;

	if (!rsvg_handle_render_document(handle, cairo, &viewport, &rsvg_error)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot draw the SVG: %s",
			    rsvg_error->message);
		g_error_free(rsvg_error);
		return FALSE;
	}
	cairo_show_page(cairo);
	status = cairo_status(cairo);
	if (status != CAIRO_STATUS_SUCCESS) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot draw the SVG: %s",
			    cairo_status_to_string(status));
		return FALSE;
	}
	return TRUE;
}

GBytes *
report_raster_svg(const char *svg, gsize length, ReportFormat format, GError **error)
{
	g_autoptr(RsvgHandle) handle = NULL;
	g_autoptr(cairo_surface_t) surface = NULL;
	g_autoptr(GByteArray) bytes = g_byte_array_new();
	GError *rsvg_error = NULL;
	double width = 0, height = 0;
	cairo_status_t status;

	g_return_val_if_fail(svg != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	if (format != REPORT_FORMAT_PNG && format != REPORT_FORMAT_PDF) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "cannot draw an SVG as '%s'",
			    report_format_info(format)->name);
		return NULL;
	}
	/* no base file: an SVG's references to other files resolve to nothing */
	handle = rsvg_handle_new_from_data((const guint8 *)svg, length, &rsvg_error);
	if (handle == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot read the SVG: %s",
			    rsvg_error->message);
		g_error_free(rsvg_error);
		return NULL;
	}
	rsvg_handle_set_dpi(handle, 96.0);
	if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) || width < 1 ||
	    height < 1 || width > REPORT_RASTER_MAX_PX || height > REPORT_RASTER_MAX_PX) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "cannot draw the SVG: its size is not between 1 and %.0f px",
			    REPORT_RASTER_MAX_PX);
		return NULL;
	}
	width = (double)(gint64)(width + 0.5);
	height = (double)(gint64)(height + 0.5);

	if (format == REPORT_FORMAT_PNG)
		surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)width, (int)height);
	else {
		surface = cairo_pdf_surface_create_for_stream(raster_append, bytes, width, height);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
					       REPORT_RASTER_PDF_DATE);
		cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
					       "ecsplan " PLAN_VERSION);
	}
	status = cairo_surface_status(surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot draw the SVG: %s",
			    cairo_status_to_string(status));
		return NULL;
	}
	if (!raster_draw(handle, surface, width, height, error))
		return NULL;
	if (format == REPORT_FORMAT_PNG)
		status = cairo_surface_write_to_png_stream(surface, raster_append, bytes);
	else {
		cairo_surface_finish(surface);
		status = cairo_surface_status(surface);
	}
	if (status != CAIRO_STATUS_SUCCESS) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot write the %s: %s",
			    report_format_info(format)->name, cairo_status_to_string(status));
		return NULL;
	}
	return g_byte_array_free_to_bytes(g_steal_pointer(&bytes));
}

GBytes *
report_raster_convert(GBytes *svg, ReportFormat format, GError **error)
{
	gconstpointer data;
	gsize length;

	g_return_val_if_fail(svg != NULL, NULL);
	if (format == REPORT_FORMAT_SVG)
		return g_bytes_ref(svg);
	data = g_bytes_get_data(svg, &length);
	return report_raster_svg(data, length, format, error);
}
