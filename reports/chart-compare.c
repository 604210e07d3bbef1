/* ecsplan: the comparison chart, a gnuplot script of one panel per service (Fargate x86_64,
 * arm64 and Spot against the EC2 staircase, desired and max marked); render-compare.c writes
 * the documents. Its declaration is in render-compare.h. */
#include "render-compare.h"

#include <string.h>

#include "chart-decimate.h"
#include "compat.h"
#include "escape.h"
#include "gnuplot.h"
#include "text.h"

/* the chart's width in pixels: gnuplot's canvas, and the columns its curves are thinned to */
#define REPORT_COMPARE_CHART_WIDTH 900u

/* the curve as a datablock: tasks, Fargate x86_64, arm64, Spot, EC2 (dollars, exact); only
 * the points the panel shows (0..@right, REPORT_COMPARE_CHART_WIDTH pixel columns: thousands
 * of task counts beyond the view or inside one pixel were a 1.9 MB script and 8 MB of SVG for
 * 200 services), with the desired count and the break-even always */
static void
report_compare_chart_data(GString *script, guint index, const PlanCompareEntry *entry,
			  gint64 right)
{
	static const guint kinds[] = {PLAN_COMPARE_FARGATE_X86, PLAN_COMPARE_FARGATE_ARM,
				      PLAN_COMPARE_FARGATE_SPOT, PLAN_COMPARE_EC2};
	guint n = entry->points->len;
	g_autofree gint64 *x = g_new(gint64, MAX(n, 1u));
	g_autofree gint64 *values = g_new(gint64, MAX(n, 1u) * G_N_ELEMENTS(kinds));
	g_autofree gboolean *nan = g_new(gboolean, MAX(n, 1u) * G_N_ELEMENTS(kinds));
	g_autofree gboolean *keep = g_new(gboolean, MAX(n, 1u));
	const gint64 *y[G_N_ELEMENTS(kinds)];
	const gboolean *missing[G_N_ELEMENTS(kinds)];
	g_autoptr(GArray) kept = g_array_new(FALSE, FALSE, sizeof(guint));
	ReportChartSeries series = {x, n, y, G_N_ELEMENTS(kinds), missing, keep, 0, right,
				    REPORT_COMPARE_CHART_WIDTH};

	for (guint v = 0; v < G_N_ELEMENTS(kinds); v++) {
		y[v] = values + (gsize)v * n;
		missing[v] = nan + (gsize)v * n;
	}
	for (guint i = 0; i < n; i++) {
		const PlanComparePoint *point = &g_array_index(entry->points, PlanComparePoint, i);
		const gint64 row[] = {point->fargate_x86, point->fargate_arm, point->fargate_spot,
				      point->ec2};
		x[i] = point->tasks;
		keep[i] = point->flags != 0;
		for (guint v = 0; v < G_N_ELEMENTS(kinds); v++) {
			values[(gsize)v * n + i] = row[v];
			/* gnuplot leaves a NaN out of the line: no price is no point */
			nan[(gsize)v * n + i] = (point->unpriced & (1u << kinds[v])) != 0;
		}
	}
	report_chart_decimate(&series, kept);
	g_string_append_printf(script, "$service%u << EOD\n", index);
	for (guint k = 0; k < kept->len; k++) {
		guint i = g_array_index(kept, guint, k);
		report_append_count(script, x[i]);
		for (guint v = 0; v < G_N_ELEMENTS(kinds); v++) {
			g_autofree char *text = report_nanos_to_string(y[v][i]);
			g_string_append_c(script, ' ');
			g_string_append(script, missing[v][i] ? "NaN" : text);
		}
		g_string_append_c(script, '\n');
	}
	g_string_append(script, "EOD\n");
}

/* a break-even is drawn when it lies within this many times the service's own view */
#define REPORT_COMPARE_CHART_WIDEN 10

/* the task counts a panel shows: the service's own range, not the 1..range searched. Twice its
 * autoscaling max (else desired), at least 10, never past the range searched (which reaches
 * twice the max: plan_compare_range); widened past the break-even (1.2 × it, plus one) when
 * that lies within REPORT_COMPARE_CHART_WIDEN times the view, so the crossing is drawn and the
 * service's own counts keep a tenth of the width; farther out the title names it */
static gint64
report_compare_chart_right(const PlanCompareEntry *entry)
{
	const PlanCompareBreakEven *even = &entry->break_even;
	gint64 range = MAX(even->range, 2);
	gint64 right = MAX(10, 2 * MAX(entry->peak_tasks, entry->tasks));

	if (even->found && even->tasks >= right && even->tasks <= REPORT_COMPARE_CHART_WIDEN * right)
		right = even->tasks + even->tasks / 5 + 1;
	return MIN(right, range);
}

static void
report_compare_chart_panel(GString *script, guint index, const PlanCompareEntry *entry)
{
	const PlanCompareBreakEven *even = &entry->break_even;
	const PlanCompareOption *spot = NULL;
	g_autoptr(GString) title = g_string_new(NULL);
	gint64 max_tasks = MAX(entry->peak_tasks, entry->tasks);
	gint64 right = report_compare_chart_right(entry);

	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (option->kind == PLAN_COMPARE_FARGATE_SPOT)
			spot = option;
	}
	g_string_printf(title, "%s: monthly cost against task count", entry->name);
	if (even->found)
		g_string_append_printf(title, " (break-even: %" G_GINT64_FORMAT " %s%s)",
				       even->tasks, plan_text_plural(even->tasks, "task", "tasks"),
				       even->tasks > right ? ", right of this view" : "");
	g_string_append(script, "set title ");
	report_escape_gnuplot(script, title->str);
	g_string_append_printf(script,
			       "\nset xrange [0:%" G_GINT64_FORMAT "]\nunset arrow\nunset label\n",
			       right);
	/* the counts the service runs at: desired (solid) and its autoscaling max (dashed) */
	g_string_append_printf(script,
			       "set arrow from %" G_GINT64_FORMAT ", graph 0 to %" G_GINT64_FORMAT
			       ", graph 1 nohead linewidth 1.5 linecolor rgb '#a61e4d'\n"
			       "set label 'desired %" G_GINT64_FORMAT "' at %" G_GINT64_FORMAT
			       ", graph 0.97 offset character 0.5,0 textcolor rgb '#a61e4d'\n",
			       entry->tasks, entry->tasks, entry->tasks, entry->tasks);
	if (max_tasks > entry->tasks)
		g_string_append_printf(script,
				       "set arrow from %" G_GINT64_FORMAT
				       ", graph 0 to %" G_GINT64_FORMAT
				       ", graph 1 nohead dashtype 3 linecolor rgb '#a61e4d'\n"
				       "set label 'max %" G_GINT64_FORMAT "' at %" G_GINT64_FORMAT
				       ", graph 0.90 offset character 0.5,0 textcolor rgb "
				       "'#a61e4d'\n",
				       max_tasks, max_tasks, max_tasks, max_tasks);
	/* the break-even: a dashed line and its own label, lower than the desired and max
	 * labels, so it reads even where it falls on the desired count's line */
	if (even->found && even->tasks <= right)
		g_string_append_printf(script,
				       "set arrow from %" G_GINT64_FORMAT
				       ", graph 0 to %" G_GINT64_FORMAT
				       ", graph 1 nohead dashtype 2 linecolor rgb '#888888'\n"
				       "set label 'break-even %" G_GINT64_FORMAT "' at %" G_GINT64_FORMAT
				       ", graph 0.83 offset character 0.5,0 textcolor rgb '#555555'\n",
				       even->tasks, even->tasks, even->tasks, even->tasks);
	/* no line hides another: each series has its own colour and dash, and they are drawn
	 * widest first, so where two coincide (arm64 on x86_64 in a book that prices them
	 * alike, the staircase on a line at a full instance) the narrower dashed one shows on
	 * top of the wider solid one. x86_64 solid 3, arm64 dashed 2, Spot dotted 2, EC2's
	 * staircase dash-dot 1.5 */
	g_string_append_printf(
	    script,
	    "plot $service%u using 1:2 with lines linewidth 3 dashtype 1 linecolor rgb '#1864ab' "
	    "title 'Fargate x86_64', \\\n     $service%u using 1:3 with lines linewidth 2 "
	    "dashtype 2 linecolor rgb '#2b8a3e' title 'Fargate arm64', \\\n     $service%u "
	    "using 1:4 with lines linewidth 2 dashtype 3 linecolor rgb '#e67700' title ",
	    index, index, index);
	report_escape_gnuplot(script, spot != NULL ? spot->label : "Fargate Spot");
	if (even->type != NULL) {
		g_autofree char *ec2 = g_strdup_printf("EC2 %s", even->type->name);
		g_string_append_printf(script,
				       ", \\\n     $service%u using 1:5 with steps linewidth 1.5 "
				       "dashtype 4 linecolor rgb '#5f3dc4' title ",
				       index);
		report_escape_gnuplot(script, ec2);
	}
	g_string_append_c(script, '\n');
}

/**
 * report_compare_chart_script:
 * @model: (transfer none): the model (its name titles the chart)
 * @compare: (transfer none): the result of plan_compare()
 *
 * One panel per service, stacked: Fargate x86_64, arm64 and Spot as lines, EC2 on the
 * break-even type as a staircase ("with steps": the cost holds until the next point), the
 * break-even as a dashed line. Deterministic: the same result gives the same script.
 *
 * Returns: (transfer full): the script
 */
char *
report_compare_chart_script(const PlanModel *model, const PlanCompare *compare)
{
	GString *script = g_string_new(NULL);
	guint n = compare->services->len;

	g_return_val_if_fail(model != NULL && compare != NULL, NULL);
	/* noenhanced: "x86_64" is a name, not x86 with a subscript */
	g_string_append_printf(script,
			       "set terminal svg size %u,%u noenhanced font 'sans,11' "
			       "background rgb 'white'\n" REPORT_GNUPLOT_SET_OUTPUT,
			       REPORT_COMPARE_CHART_WIDTH, MAX(n, 1u) * 360u);
	for (guint s = 0; s < n; s++) {
		const PlanCompareEntry *entry = g_ptr_array_index(compare->services, s);
		report_compare_chart_data(script, s, entry, report_compare_chart_right(entry));
	}
	g_string_append(script, "set xlabel 'tasks'\nset ylabel 'USD a month'\nset grid\n"
				"set key outside below horizontal\nset format y '%.0f'\n");
	g_string_append_printf(script, "set multiplot layout %u,1", MAX(n, 1u));
	if (model->name != NULL) {
		g_autofree char *title =
		    g_strdup_printf("Fargate or EC2: %s (%s)", model->name, compare->region);
		g_string_append(script, " title ");
		report_escape_gnuplot(script, title);
	}
	g_string_append_c(script, '\n');
	for (guint s = 0; s < n; s++)
	{
		const PlanCompareEntry *entry = g_ptr_array_index(compare->services, s);
		report_compare_chart_panel(script, s, entry);
	}
	if (n == 0)
		g_string_append(script, "plot [0:1] 0 notitle\n");
	g_string_append(script, "unset multiplot\n");
	return g_string_free(script, FALSE);
}
