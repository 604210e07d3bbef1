/* ecsplan: the price book as `ecsplan prices` shows it */
#pragma once

#include <glib.h>

#include "pricebook.h"
#include "render.h"

G_BEGIN_DECLS

#define REPORT_PRICES_FORMATS                                                                      \
	(REPORT_FORMAT_MASK(REPORT_FORMAT_TEXT) | REPORT_FORMAT_MASK(REPORT_FORMAT_JSON) |         \
	 REPORT_FORMAT_MASK(REPORT_FORMAT_CSV) | REPORT_FORMAT_MASK(REPORT_FORMAT_MARKDOWN))

/* what to list; the two views exclude each other */
typedef enum {
	REPORT_PRICES_FIGURES,	 /* the region's figures, the LCU dimensions and the sources */
	REPORT_PRICES_INSTANCES, /* EC2 instance types: specs and the region's hourly price */
} ReportPricesView;

/* text, markdown and csv are for reading; json is the book's own file format (docs/prices.md),
 * so its output can be edited and given back with --prices.
 * Returns: (transfer full) the rendered document, or NULL with @error set */
GString *report_prices(const PlanPriceBook *book, ReportPricesView view, ReportFormat format,
		       ReportFlags flags, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
