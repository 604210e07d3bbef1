#include "chart-decimate.h"

/* the column of a point inside the view: floor((x − min) × columns / (max − min)), the right
 * edge in the last column */
static guint
report_chart_column(const ReportChartSeries *series, gint64 x)
{
	gint64 span = series->x_max - series->x_min;
	double at;

	if (span <= 0)
		return 0;
	at = (double)(x - series->x_min) * (double)series->columns / (double)span;
	return (guint)MIN(at, (double)(series->columns - 1));
}

static gboolean
report_chart_missing(const ReportChartSeries *series, guint s, guint i)
{
	return series->missing != NULL && series->missing[s] != NULL && series->missing[s][i];
}

/* marks, in @mark, the first, last, least and greatest points of the column [first, last] */
static void
report_chart_column_extremes(const ReportChartSeries *series, guint first, guint last,
			     gboolean *mark)
{
	mark[first] = TRUE;
	mark[last] = TRUE;
	for (guint s = 0; s < series->n_series; s++) {
		const gint64 *y = series->y[s];
		gint least = -1;
		gint greatest = -1;
		for (guint i = first; i <= last; i++) {
			if (report_chart_missing(series, s, i))
				continue;
			if (least < 0 || y[i] < y[least])
				least = (gint)i;
			if (greatest < 0 || y[i] > y[greatest])
				greatest = (gint)i;
		}
		if (least >= 0)
			mark[least] = TRUE;
		if (greatest >= 0)
			mark[greatest] = TRUE;
	}
}

/**
 * report_chart_decimate:
 * @series: (transfer none): the chart's data and view
 * @kept: (element-type guint): receives the indices to draw
 */
void
report_chart_decimate(const ReportChartSeries *series, GArray *kept)
{
	g_autofree gboolean *mark = NULL;
	guint i = 0;

	g_return_if_fail(series != NULL && kept != NULL);
	g_return_if_fail(g_array_get_element_size(kept) == sizeof(guint));
	g_array_set_size(kept, 0);
	if (series->n == 0)
		return;
	mark = g_new0(gboolean, series->n);
	/* left of the view: the last point only */
	while (i < series->n && series->x[i] < series->x_min)
		i++;
	if (i > 0)
		mark[i - 1] = TRUE;
	/* the view, column by column */
	while (i < series->n && series->x[i] <= series->x_max) {
		guint column = report_chart_column(series, series->x[i]);
		guint last = i;
		while (last + 1 < series->n && series->x[last + 1] <= series->x_max &&
		       report_chart_column(series, series->x[last + 1]) == column)
			last++;
		report_chart_column_extremes(series, i, last, mark);
		i = last + 1;
	}
	/* right of the view: the first point only */
	if (i < series->n)
		mark[i] = TRUE;
	for (i = 0; i < series->n; i++) {
		if (mark[i] || (series->keep != NULL && series->keep[i]))
			g_array_append_val(kept, i);
	}
}
