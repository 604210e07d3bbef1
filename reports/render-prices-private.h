/* ecsplan: what the views of `ecsplan prices` share: the reading views (render-prices.c: text,
 * markdown, csv), the book's own JSON format (render-prices-json.c) and what both walk in the
 * book (render-prices-book.c); not a public header */
#pragma once

#include <glib.h>

#include "pricebook.h"
#include "render-prices.h"

G_BEGIN_DECLS

/* the book's instance types sorted by name, or only the one named @only (a type of @book).
 * Returns: (transfer container): the elements belong to @book */
GPtrArray *report_prices_instances(const PlanPriceBook *book,
				   const char *only) G_GNUC_WARN_UNUSED_RESULT;

/* the count a spec field holds (vCPUs, MiB, ENIs, ...); 0 for the architecture, which is text */
gint64 report_prices_spec_count(const PlanInstanceType *type, PlanInstanceField field);

/* the book's source keys, in its order, that @used holds.
 * Returns: (transfer container): the keys belong to @book */
GPtrArray *report_prices_cited_sources(const PlanPriceBook *book,
				       GHashTable *used) G_GNUC_WARN_UNUSED_RESULT;

/* the source keys @view cites (a set of char*), of every figure or only of the instance type
 * @only; @with_ec2: the figures view also carries the EC2 prices (json).
 * Returns: (transfer full) */
GHashTable *report_prices_figure_sources(const PlanPriceBook *book, ReportPricesView view,
					 gboolean with_ec2,
					 const char *only) G_GNUC_WARN_UNUSED_RESULT;

/* calls @each on every purchase-option figure of @book (Savings Plans, Reserved Instances, EC2
 * Spot) in the order the book file lists them, with the members that lead to it (@path, NULL
 * terminated: instance type names hold dots, so a dotted path would not do) and, for EC2 Spot,
 * the advice it belongs to */
typedef void (*ReportOptionFunc)(const char *const *path, const char *name, const PlanPrice *price,
				 const PlanSpotAdvice *spot, gpointer data);

void report_prices_each_option(const PlanPriceBook *book, ReportOptionFunc each, gpointer data);

/* the book (all of it, the instances view, or the one type @only) in its own JSON format into
 * @out (render-prices-json.c); FALSE with @error set when it cannot be printed */
gboolean report_prices_json(const PlanPriceBook *book, ReportPricesView view, const char *only,
			    GString *out, GError **error);

G_END_DECLS
