/* the points a chart draws (reports/chart-decimate.c): every extreme, the first and last point
 * of each pixel column, the flagged points, and nothing outside the view but the two points a
 * line enters and leaves it from */
#include "chart-decimate.h"

static gboolean
kept_has(GArray *kept, guint index)
{
	for (guint k = 0; k < kept->len; k++)
		if (g_array_index(kept, guint, k) == index)
			return TRUE;
	return FALSE;
}

/* fewer points in the view than columns: the view is kept whole, plus the first point right
 * of it; the 90 points further right are dropped */
static void
test_chart_view(void)
{
	gint64 x[100];
	gint64 line[100];
	const gint64 *y[] = {line};
	g_autoptr(GArray) kept = g_array_new(FALSE, FALSE, sizeof(guint));
	ReportChartSeries series = {x, 100, y, 1, NULL, NULL, 0, 9, 900};

	for (guint i = 0; i < 100; i++) {
		x[i] = i + 1; /* tasks 1..100 */
		line[i] = 3 * x[i];
	}
	report_chart_decimate(&series, kept);
	/* tasks 1..9 are in the view [0:9] (indices 0..8), task 10 (index 9) leaves it */
	g_assert_cmpuint(kept->len, ==, 10);
	for (guint k = 0; k < kept->len; k++)
		g_assert_cmpuint(g_array_index(kept, guint, k), ==, k);
	/* a view that starts at 50: index 48 (task 49) enters it, 49..99 are in it */
	series.x_min = 50;
	series.x_max = 100;
	report_chart_decimate(&series, kept);
	g_assert_cmpuint(kept->len, ==, 52);
	g_assert_cmpuint(g_array_index(kept, guint, 0), ==, 48);
	g_assert_cmpuint(g_array_index(kept, guint, 51), ==, 99);
}

/* 100,000 task counts over 100 columns: 1,000 points a column. A line (Fargate), a staircase
 * of 7 tasks an instance (EC2 at $50 an instance), a sawtooth whose extremes fall inside the
 * columns, a series with a missing stretch, and two flagged points */
static void
test_chart_columns(void)
{
	const guint n = 100000;
	g_autofree gint64 *x = g_new(gint64, n);
	g_autofree gint64 *line = g_new(gint64, n);
	g_autofree gint64 *stairs = g_new(gint64, n);
	g_autofree gint64 *saw = g_new(gint64, n);
	g_autofree gboolean *gap = g_new0(gboolean, n);
	g_autofree gboolean *keep = g_new0(gboolean, n);
	const gint64 *y[] = {line, stairs, saw};
	const gboolean *missing[] = {NULL, NULL, gap};
	g_autoptr(GArray) kept = g_array_new(FALSE, FALSE, sizeof(guint));
	ReportChartSeries series = {x, n, y, 3, missing, keep, 0, 100000, 100};

	for (guint i = 0; i < n; i++) {
		x[i] = i + 1;
		line[i] = 41 * x[i];
		stairs[i] = 50 * ((x[i] + 6) / 7);
		/* |x mod 600 − 300|: troughs (0) at x ≡ 300 and peaks (300) at x ≡ 0 mod 600 */
		saw[i] = ABS(x[i] % 600 - 300);
		gap[i] = x[i] > 20000 && x[i] <= 30000;
	}
	keep[54320] = TRUE; /* the break-even */
	keep[777] = TRUE;   /* the desired count */
	report_chart_decimate(&series, kept);

	/* at most first, last and two extremes per series in each column, plus the flags */
	g_assert_cmpuint(kept->len, <=, 100 * (2 + 2 * 3) + 2);
	g_assert_cmpuint(kept->len, >=, 200);
	/* ascending, no repeats */
	for (guint k = 1; k < kept->len; k++)
		g_assert_cmpuint(g_array_index(kept, guint, k - 1), <, g_array_index(kept, guint, k));
	/* the whole curve's first and last points, and the flagged ones */
	g_assert_true(kept_has(kept, 0));
	g_assert_true(kept_has(kept, n - 1));
	g_assert_true(kept_has(kept, 54320));
	g_assert_true(kept_has(kept, 777));
	/* each column [1000c, 1000c + 999] (x = index + 1; column = floor(x × 100 / 100,000),
	 * so column c holds x = 1000c .. 1000c + 999, indices 1000c − 1 .. 1000c + 998) keeps its
	 * first and last point */
	for (guint c = 1; c < 100; c++) {
		g_assert_true(kept_has(kept, 1000 * c - 1));
		g_assert_true(kept_has(kept, 1000 * c - 2));
	}
	/* the sawtooth's extremes inside a column are kept: in column 1 (x 1000..1999) the
	 * peaks are x = 1200 and 1800 (300; the first of equals, index 1199, is kept) and the
	 * trough x = 1500 (0, index 1499); neither is the column's first or last point */
	g_assert_cmpint(saw[1199], ==, 300);
	g_assert_true(kept_has(kept, 1199));
	g_assert_cmpint(saw[1499], ==, 0);
	g_assert_true(kept_has(kept, 1499));
	/* the staircase's jumps between columns are drawn exactly: the last point of one column
	 * and the first of the next are neighbours in the data */
	g_assert_true(kept_has(kept, 998) && kept_has(kept, 999));
	/* the missing stretch (x 20,001..30,000) gives the sawtooth no extreme there: column 25
	 * (x 25,000..25,999) keeps only its first and last point and the line's and the
	 * staircase's extremes, which are those same points or their neighbours */
	{
		guint in_column = 0;
		for (guint k = 0; k < kept->len; k++) {
			guint i = g_array_index(kept, guint, k);
			if (x[i] >= 25000 && x[i] <= 25999)
				in_column++;
		}
		/* first (25,000), last (25,999) = the line's min and max; the staircase's least is
		 * 25,000 too and its greatest the first of the top step: 25,999 is on step 3715
		 * (x 25,999..26,005), so the greatest is 25,999 itself */
		g_assert_cmpuint(in_column, ==, 2);
	}
}

/* an empty curve and a view of one point */
static void
test_chart_edges(void)
{
	gint64 x[] = {5, 6, 7};
	gint64 line[] = {1, 2, 3};
	const gint64 *y[] = {line};
	g_autoptr(GArray) kept = g_array_new(FALSE, FALSE, sizeof(guint));
	ReportChartSeries series = {x, 0, y, 1, NULL, NULL, 0, 10, 900};

	g_array_set_size(kept, 3);
	report_chart_decimate(&series, kept);
	g_assert_cmpuint(kept->len, ==, 0);
	/* the view is [6:6]: the point left of it, the one in it and the one right of it */
	series.n = 3;
	series.x_min = 6;
	series.x_max = 6;
	report_chart_decimate(&series, kept);
	g_assert_cmpuint(kept->len, ==, 3);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/reports/chart/view", test_chart_view);
	g_test_add_func("/reports/chart/columns", test_chart_columns);
	g_test_add_func("/reports/chart/edges", test_chart_edges);
	return g_test_run();
}
