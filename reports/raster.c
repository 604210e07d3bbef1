#include "raster.h"

#include "dynlib.h"
#include "plan-error.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <librsvg/rsvg.h>

/* the librsvg and cairo functions this file calls, typed by their headers; loaded on the
 * first PNG or PDF (planner/base/dynlib.h), so no other command loads the libraries */
typedef struct {
	__typeof__(rsvg_handle_new_from_data) *rsvg_handle_new_from_data;
	__typeof__(rsvg_handle_set_dpi) *rsvg_handle_set_dpi;
	__typeof__(rsvg_handle_get_intrinsic_size_in_pixels) *rsvg_handle_get_intrinsic_size_in_pixels;
	__typeof__(rsvg_handle_render_document) *rsvg_handle_render_document;
	__typeof__(cairo_create) *cairo_create;
	__typeof__(cairo_destroy) *cairo_destroy;
	__typeof__(cairo_set_source_rgb) *cairo_set_source_rgb;
	__typeof__(cairo_paint) *cairo_paint;
	__typeof__(cairo_show_page) *cairo_show_page;
	__typeof__(cairo_status) *cairo_status;
	__typeof__(cairo_status_to_string) *cairo_status_to_string;
	__typeof__(cairo_image_surface_create) *cairo_image_surface_create;
	__typeof__(cairo_pdf_surface_create_for_stream) *cairo_pdf_surface_create_for_stream;
	__typeof__(cairo_pdf_surface_set_metadata) *cairo_pdf_surface_set_metadata;
	__typeof__(cairo_surface_status) *cairo_surface_status;
	__typeof__(cairo_surface_write_to_png_stream) *cairo_surface_write_to_png_stream;
	__typeof__(cairo_surface_finish) *cairo_surface_finish;
	__typeof__(cairo_surface_destroy) *cairo_surface_destroy;
} RasterApi;

static RasterApi raster_api;

#define RASTER_SYMBOL(name) {#name, (gpointer *)&raster_api.name}

static gpointer
raster_load(gpointer data)
{
	GError **error = data;
	const PlanDynSymbol rsvg[] = {
	    RASTER_SYMBOL(rsvg_handle_new_from_data),
	    RASTER_SYMBOL(rsvg_handle_set_dpi),
	    RASTER_SYMBOL(rsvg_handle_get_intrinsic_size_in_pixels),
	    RASTER_SYMBOL(rsvg_handle_render_document),
	};
	const PlanDynSymbol cairo[] = {
	    RASTER_SYMBOL(cairo_create),
	    RASTER_SYMBOL(cairo_destroy),
	    RASTER_SYMBOL(cairo_set_source_rgb),
	    RASTER_SYMBOL(cairo_paint),
	    RASTER_SYMBOL(cairo_show_page),
	    RASTER_SYMBOL(cairo_status),
	    RASTER_SYMBOL(cairo_status_to_string),
	    RASTER_SYMBOL(cairo_image_surface_create),
	    RASTER_SYMBOL(cairo_pdf_surface_create_for_stream),
	    RASTER_SYMBOL(cairo_pdf_surface_set_metadata),
	    RASTER_SYMBOL(cairo_surface_status),
	    RASTER_SYMBOL(cairo_surface_write_to_png_stream),
	    RASTER_SYMBOL(cairo_surface_finish),
	    RASTER_SYMBOL(cairo_surface_destroy),
	};

	if (!plan_dynlib_load("librsvg-2.so.2", "librsvg2-2", rsvg, G_N_ELEMENTS(rsvg), error) ||
	    !plan_dynlib_load("libcairo.so.2", "libcairo2", cairo, G_N_ELEMENTS(cairo), error))
		return NULL;
	return &raster_api;
}

/* the functions, loaded the first time; NULL with @error set when they cannot be */
static const RasterApi *
raster_functions(GError **error)
{
	static PlanDynlibOnce once = PLAN_DYNLIB_ONCE_INIT;

	return plan_dynlib_once(&once, raster_load, error);
}

static void
raster_surface_destroy(cairo_surface_t *surface)
{
	raster_api.cairo_surface_destroy(surface);
}

static void
raster_cairo_destroy(cairo_t *cairo)
{
	raster_api.cairo_destroy(cairo);
}

/* the largest picture drawn: 32,767 px is cairo's image surface limit, and a 300-subnet model
 * is about 1,600 x 4,800 (docs/diagram.md) */
#define REPORT_RASTER_MAX_PX 32767.0

/* cleanups for the foreign types, used in this file only (librsvg 2.54 and cairo declare none) */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(RsvgHandle, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cairo_surface_t, raster_surface_destroy)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(cairo_t, raster_cairo_destroy)

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
	const RasterApi *api = &raster_api;
	g_autoptr(cairo_t) cairo = api->cairo_create(surface);
	RsvgRectangle viewport = {0, 0, width, height};
	cairo_status_t status;

	api->cairo_set_source_rgb(cairo, 1, 1, 1);
	api->cairo_paint(cairo);
	GError *rsvg_error = NULL;

	if (!api->rsvg_handle_render_document(handle, cairo, &viewport, &rsvg_error)) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot draw the SVG: %s",
			    rsvg_error->message);
		g_error_free(rsvg_error);
		return FALSE;
	}
	api->cairo_show_page(cairo);
	status = api->cairo_status(cairo);
	if (status != CAIRO_STATUS_SUCCESS) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot draw the SVG: %s",
			    api->cairo_status_to_string(status));
		return FALSE;
	}
	return TRUE;
}

GBytes *
report_raster_svg(const char *svg, gsize length, ReportFormat format, GError **error)
{
	const RasterApi *api;
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
	api = raster_functions(error);
	if (api == NULL)
		return NULL;
	/* no base file: an SVG's references to other files resolve to nothing */
	handle = api->rsvg_handle_new_from_data((const guint8 *)svg, length, &rsvg_error);
	if (handle == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot read the SVG: %s",
			    rsvg_error->message);
		g_error_free(rsvg_error);
		return NULL;
	}
	api->rsvg_handle_set_dpi(handle, 96.0);
	if (!api->rsvg_handle_get_intrinsic_size_in_pixels(handle, &width, &height) || width < 1 ||
	    height < 1 || width > REPORT_RASTER_MAX_PX || height > REPORT_RASTER_MAX_PX) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED,
			    "cannot draw the SVG: its size is not between 1 and %.0f px",
			    REPORT_RASTER_MAX_PX);
		return NULL;
	}
	width = (double)(gint64)(width + 0.5);
	height = (double)(gint64)(height + 0.5);

	if (format == REPORT_FORMAT_PNG)
		surface = api->cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)width, (int)height);
	else {
		surface = api->cairo_pdf_surface_create_for_stream(raster_append, bytes, width, height);
		api->cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
					       REPORT_RASTER_PDF_DATE);
		api->cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR,
					       "ecsplan " PLAN_VERSION);
	}
	status = api->cairo_surface_status(surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot draw the SVG: %s",
			    api->cairo_status_to_string(status));
		return NULL;
	}
	if (!raster_draw(handle, surface, width, height, error))
		return NULL;
	if (format == REPORT_FORMAT_PNG)
		status = api->cairo_surface_write_to_png_stream(surface, raster_append, bytes);
	else {
		api->cairo_surface_finish(surface);
		status = api->cairo_surface_status(surface);
	}
	if (status != CAIRO_STATUS_SUCCESS) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "cannot write the %s: %s",
			    report_format_info(format)->name, api->cairo_status_to_string(status));
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
