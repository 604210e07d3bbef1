/* ecsplan: the points of a line chart a reader can see — a curve of thousands of points thinned
 * to the chart's pixel columns before gnuplot draws it (issue 18) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* one chart's data as the decimation reads it (a plain record; everything borrowed) */
typedef struct {
	const gint64 *x;	/* @n ascending x values (a task count, a step) */
	guint n;
	const gint64 *const *y; /* @n_series arrays of @n values each */
	guint n_series;
	/* nullable: @n_series × @n flags, TRUE where y[s][i] is no point (gnuplot's NaN);
	 * such a value is never a column's minimum or maximum */
	const gboolean *const *missing;
	const gboolean *keep; /* nullable: @n flags, TRUE for points kept whatever the column
			       * (the desired count, the break-even) */
	gint64 x_min;	      /* the view, as the chart's xrange */
	gint64 x_max;
	guint columns; /* the pixel columns the view spans (at least the plot's width) */
} ReportChartSeries;

/* The indices of the points worth drawing, ascending, in @kept (guint; cleared first):
 * - points left of x_min are dropped, except the last one (a line enters the view from it);
 *   points right of x_max likewise, except the first one;
 * - inside the view, x is cut into @columns equal columns, and each column keeps its first
 *   and last point and, per series, the point of its least and of its greatest value (the
 *   first of equals): what a line or a staircase drawn through the kept points looks like
 *   differs from the whole curve by less than a pixel, and every extreme, jump and crossing
 *   is still drawn where it is;
 * - every point flagged in @keep.
 * When the view holds no more points than columns, every point in it is kept: the chart is
 * the same. Linear in @n × @n_series; memory for one column's candidates */
void report_chart_decimate(const ReportChartSeries *series, GArray *kept);

G_END_DECLS
