#include "chart-cost.h"

#include "escape.h"
#include "gnuplot.h"
#include "render-cost.h"
#include "render.h"

#define REPORT_CHART_COST_WIDTH 720
#define REPORT_CHART_COST_BASE 110 /* title, axis and its label */
#define REPORT_CHART_COST_BAR 34   /* px per category */

/* "~70.08": the cost as the cost tables show it */
static char *
report_chart_cost_label(const PlanCostTotal *total)
{
	return report_money_cell(total->cost, total->estimate);
}

/* one row per category with lines, the most expensive on top: index, dollars (exact), name,
 * label. the names are ecsplan's own (report_cost_category_label), never text from the model */
static guint
report_chart_cost_data(const PlanCost *cost, GString *script, PlanNanos *largest)
{
	g_autoptr(GArray) order = report_cost_categories_by_cost(cost);

	*largest = 0;
	g_string_append(script, "$cost << EOD\n");
	for (guint n = 0; n < order->len; n++) {
		guint i = g_array_index(order, guint, n);
		const PlanCostTotal *total = &g_array_index(cost->by_category, PlanCostTotal, i);
		g_autofree char *dollars = report_nanos_to_string(total->cost);
		g_autofree char *label = report_chart_cost_label(total);
		g_string_append_printf(script, "%u %s \"%s\" \"%s\"\n", n, dollars,
				       report_cost_category_label((PlanCostCategory)i), label);
		*largest = MAX(*largest, total->cost);
	}
	g_string_append(script, "EOD\n");
	return order->len;
}

static char *
report_chart_cost_title(const PlanModel *model, const PlanCost *cost)
{
	GString *title = g_string_new("Monthly cost by category");

	if (model->name != NULL)
		g_string_append_printf(title, ": %s", model->name);
	g_string_append(title, " (USD, ");
	report_format_decimal(cost->hours, 4, title);
	g_string_append_printf(title, " hours, prices of %s)", cost->book_as_of);
	return g_string_free(title, FALSE);
}

/**
 * report_chart_cost_script:
 * @model: (transfer none): the model (its name titles the chart)
 * @cost: (transfer none): the result of plan_cost()
 * Returns: (transfer full): the script
 */
char *
report_chart_cost_script(const PlanModel *model, const PlanCost *cost)
{
	GString *script = g_string_new(NULL);
	g_autofree char *title = NULL;
	g_autoptr(GString) data = g_string_new(NULL);
	g_autofree char *range = NULL;
	PlanNanos largest = 0;
	guint n;

	g_return_val_if_fail(model != NULL && cost != NULL, NULL);
	n = report_chart_cost_data(cost, data, &largest);
	/* fixed size, fixed font, no enhanced text: the same cost gives the same bytes */
	g_string_append_printf(script,
			       "set terminal svg size %u,%u fixed noenhanced font 'DejaVu Sans,10' "
			       "background rgb 'white'\n" REPORT_GNUPLOT_SET_OUTPUT,
			       REPORT_CHART_COST_WIDTH,
			       REPORT_CHART_COST_BASE + MAX(n, 2u) * REPORT_CHART_COST_BAR);
	g_string_append(script, data->str);
	title = report_chart_cost_title(model, cost);
	g_string_append(script, "set title ");
	report_escape_gnuplot(script, title);
	g_string_append(script, "\nset xlabel 'USD a month'\nunset key\nset border 3\n"
				"set xtics nomirror\nset ytics nomirror scale 0\nset grid xtics\n"
				"set style fill solid 1.0 noborder\n");
	if (n == 0) {
		g_string_append(script,
				"set label 'no line items to price' at graph 0.5, graph 0.5 "
				"center\nset yrange [0:1]\nset xrange [0:1]\nunset ytics\n"
				"plot NaN notitle\n");
		return g_string_free(script, FALSE);
	}
	/* room right of the longest bar for its label: 20% of the axis */
	range = report_nanos_to_string(MAX(largest, (PlanNanos)1000000000) / 5 * 6);
	g_string_append_printf(script, "set yrange [%u.6:-0.6]\nset xrange [0:%s]\n", n - 1, range);
	g_string_append(script, "plot $cost using ($2/2):1:(0):2:($1-0.32):($1+0.32):ytic(3) "
				"with boxxyerror linecolor rgb '#4263eb', \\\n"
				"     $cost using 2:1:4 with labels left offset character 0.5,0 "
				"textcolor rgb '#212529'\n");
	return g_string_free(script, FALSE);
}
