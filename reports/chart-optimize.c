#include "chart-optimize.h"

#include "escape.h"
#include "gnuplot.h"
#include "render.h"

/* one data block per service: dollars (exact), unmet percent, 1 when it meets the level */
static guint
report_chart_optimize_data(const PlanOptResult *result, GString *script)
{
	guint n = 0;

	for (guint i = 0; i < result->services->len; i++) {
		const PlanOptServiceResult *s = g_ptr_array_index(result->services, i);
		if (s->frontier->len == 0)
			continue;
		g_string_append_printf(script, "$s%u << EOD\n", i);
		for (guint j = 0; j < s->frontier->len; j++) {
			const PlanOptPoint *point = &g_array_index(s->frontier, PlanOptPoint, j);
			g_autofree char *dollars = report_nanos_to_string(point->measures.monthly_cost);
			char unmet[G_ASCII_DTOSTR_BUF_SIZE];
			g_ascii_formatd(unmet, sizeof(unmet), "%.6f", point->measures.unmet_pct);
			g_string_append_printf(script, "%s %s %d\n", dollars, unmet, point->met ? 1 : 0);
		}
		g_string_append(script, "EOD\n");
		n++;
	}
	return n;
}

/**
 * report_chart_optimize_script:
 * @model: (transfer none): the model (its name titles the chart)
 * @result: (transfer none): the result of plan_optimize()
 * Returns: (transfer full): the script
 */
char *
report_chart_optimize_script(const PlanModel *model, const PlanOptResult *result)
{
	GString *script = g_string_new(NULL);
	g_autoptr(GString) title = g_string_new("Cost against unmet demand");
	guint n;
	gboolean first = TRUE;

	g_return_val_if_fail(model != NULL && result != NULL, NULL);
	/* fixed size, fixed font, no enhanced text: the same result gives the same bytes */
	g_string_append(script, "set terminal svg size 720,480 fixed noenhanced font 'DejaVu "
				"Sans,10' background rgb 'white'\n" REPORT_GNUPLOT_SET_OUTPUT);
	n = report_chart_optimize_data(result, script);
	if (model->name != NULL)
		g_string_append_printf(title, ": %s", model->name);
	g_string_append(script, "set title ");
	report_escape_gnuplot(script, title->str);
	g_string_append(script,
			"\nset xlabel 'USD a month'\nset ylabel 'unmet demand (% of requests)'\n"
			"set border 3\nset xtics nomirror\nset ytics nomirror\nset grid\n"
			"set key outside right top\nset yrange [0:*]\n");
	if (n == 0) {
		g_string_append(script, "set label 'no candidate was simulated' at graph 0.5, graph "
					"0.5 center\nset xrange [0:1]\nunset key\nplot NaN notitle\n");
		return g_string_free(script, FALSE);
	}
	g_string_append(script, "plot ");
	for (guint i = 0; i < result->services->len; i++) {
		const PlanOptServiceResult *s = g_ptr_array_index(result->services, i);
		if (s->frontier->len == 0)
			continue;
		if (!first)
			g_string_append(script, ", \\\n     ");
		first = FALSE;
		/* the line, then the point that meets the level filled, in the line's colour */
		g_string_append_printf(script, "$s%u using 1:2 with linespoints pointtype 6 "
					       "linecolor %u title ",
				       i, i + 1);
		report_escape_gnuplot(script, s->name);
		g_string_append_printf(script, ", $s%u using 1:($3 > 0 ? $2 : NaN) with points "
					       "pointtype 7 linecolor %u notitle",
				       i, i + 1);
	}
	g_string_append_c(script, '\n');
	return g_string_free(script, FALSE);
}
