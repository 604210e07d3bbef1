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

/* the hours of the month `prices --instance-type` prices a type for (AWS's 8,760 / 12, as cost's
 * default) */
#define REPORT_PRICES_MONTH_HOURS 730

/* one EC2 instance type of @book (`ecsplan prices --instance-type TYPE`): text and markdown list
 * each spec with its own confidence and source, the hourly price and the month it makes at
 * REPORT_PRICES_MONTH_HOURS; csv and json are the --instances view of that one type (json: a
 * partial book that --prices reads back). @name must be a type of the book.
 * Returns: (transfer full) the rendered document, or NULL with @error set */
GString *report_prices_instance(const PlanPriceBook *book, const char *name, ReportFormat format,
				ReportFlags flags, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
