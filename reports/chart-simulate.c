/* ecsplan: the gnuplot charts of a simulation (demand, tasks, utilization per service): their
 * file names and scripts, drawn by `simulate --chart` and in the report's Simulation section */
#include "render-simulate.h"

#include <math.h>
#include <string.h>

#include "escape.h"
#include "gnuplot.h"
#include "number.h"

/* points per chart: gnuplot draws more, but an SVG of a million points helps nobody */
#define REPORT_SIM_CHART_POINTS 4000

const char *
report_simulate_chart_name(ReportSimChart chart)
{
	static const char *const names[] = {"demand", "tasks", "utilization"};
	g_return_val_if_fail(chart < REPORT_SIM_N_CHARTS, NULL);
	return names[chart];
}

/* @name as [a-z0-9-]: letters lowercased, any run of other bytes one '-', none at either end,
 * at most @max bytes; "service" when nothing is left */
static GString *
report_simulate_chart_clean(const char *name, gsize max)
{
	GString *out = g_string_new(NULL);

	for (const char *p = name; *p != '\0' && out->len < max; p++) {
		if (g_ascii_isalnum(*p))
			g_string_append_c(out, g_ascii_tolower(*p));
		else if (out->len > 0 && out->str[out->len - 1] != '-')
			g_string_append_c(out, '-');
	}
	while (out->len > 0 && out->str[out->len - 1] == '-')
		g_string_truncate(out, out->len - 1);
	if (out->len == 0)
		g_string_assign(out, "service");
	return out;
}

/**
 * report_simulate_chart_stems:
 * @result: the simulation
 *
 * The stem of each service's chart files, in the order of the first run's services: the name
 * cleaned to [a-z0-9-] and cut to REPORT_SIM_CHART_STEM_MAX bytes; a stem already taken by an
 * earlier service gets "-2", "-3", ... so two services never write the same file.
 * Returns: (transfer full): one stem per service, NULL-terminated
 */
char **
report_simulate_chart_stems(const PlanSimResult *result)
{
	const PlanSimRun *run = plan_sim_result_first(result);
	g_autoptr(GHashTable) taken = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GPtrArray *stems = g_ptr_array_new();

	for (guint s = 0; s < run->services->len; s++) {
		const PlanSimService *service = g_ptr_array_index(run->services, s);
		g_autoptr(GString) stem =
		    report_simulate_chart_clean(service->name, REPORT_SIM_CHART_STEM_MAX);
		char *unique = g_strdup(stem->str);

		for (guint n = 2; g_hash_table_contains(taken, unique); n++) {
			g_autofree char *suffix = g_strdup_printf("-%u", n);
			g_autoptr(GString) base = report_simulate_chart_clean(
			    service->name, REPORT_SIM_CHART_STEM_MAX - strlen(suffix));
			g_free(unique);
			unique = g_strconcat(base->str, suffix, NULL);
		}
		g_hash_table_add(taken, g_strdup(unique));
		g_ptr_array_add(stems, unique);
	}
	g_ptr_array_add(stems, NULL);
	return (char **)g_ptr_array_free(stems, FALSE);
}

char *
report_simulate_chart_file(const char *stem, ReportSimChart chart)
{
	return g_strdup_printf("%s-%s.svg", stem, report_simulate_chart_name(chart));
}

static void
chart_header(GString *script, const char *title, const char *ylabel)
{
	g_string_append(
	    script, "set terminal svg size 900,420 noenhanced font 'DejaVu Sans,10' background rgb "
		    "'white'\n" REPORT_GNUPLOT_SET_OUTPUT);
	g_string_append(script, "set title ");
	report_escape_gnuplot(script, title);
	g_string_append(script, "\nset xlabel 'hours from the start'\nset ylabel ");
	report_escape_gnuplot(script, ylabel);
	/* the offset keeps a series that stays at its maximum (one task all week) off the frame */
	/* xfix: the time axis ends where the run does, not at gnuplot's next round tic */
	g_string_append(script, "\nset key top left\nset grid\nset yrange [0:*]\n"
				"set autoscale xfix\nset border 3\nset xtics nomirror\n"
				"set ytics nomirror\nset offsets 0, 0, graph 0.1, 0\n");
}

GString *
report_simulate_chart_script(const PlanModel *model, const PlanSimResult *result, guint index,
			     ReportSimChart chart)
{
	const PlanSimRun *run;
	const PlanSimService *service;
	const PlanService *model_service;
	const PlanSimCluster *cluster = NULL;
	GString *script;
	guint n_points = 0;
	guint stride;
	guint seen = 0;
	g_autofree char *title = NULL;

	g_return_val_if_fail(model != NULL && result != NULL, NULL);
	run = plan_sim_result_first(result);
	if (run->series == NULL || index >= run->services->len)
		return NULL;
	service = g_ptr_array_index(run->services, index);
	model_service = g_ptr_array_index(model->services, service->service_index);
	for (guint i = 0; i < run->series->len; i++)
		n_points += g_array_index(run->series, PlanSimPoint, i).service == index ? 1 : 0;
	stride = MAX(1, (n_points + REPORT_SIM_CHART_POINTS - 1) / REPORT_SIM_CHART_POINTS);
	if (chart == REPORT_SIM_CHART_TASKS && model_service->launch_type == PLAN_LAUNCH_EC2) {
		for (guint c = 0; c < run->clusters->len; c++) {
			const PlanSimCluster *candidate = g_ptr_array_index(run->clusters, c);
			if ((gint)candidate->cluster_index == model_service->cluster_index)
				cluster = candidate;
		}
	}

	script = g_string_new(NULL);
	switch (chart) {
	case REPORT_SIM_CHART_DEMAND:
		title = g_strdup_printf("%s: demand and the capacity of its running tasks",
					service->name);
		chart_header(script, title, "requests per second");
		break;
	case REPORT_SIM_CHART_TASKS:
		title = g_strdup_printf("%s: tasks%s", service->name,
					cluster != NULL ? " and instances" : "");
		chart_header(script, title, "tasks");
		if (cluster != NULL)
			g_string_append(script, "set y2label 'instances'\nset y2tics\n"
						"set y2range [0:*]\n");
		break;
	default:
		title = g_strdup_printf("%s: utilization of the running tasks", service->name);
		chart_header(script, title, "percent");
		g_string_append(script, "set yrange [0:105]\n");
		break;
	}

	g_string_append(script, "$data << EOD\n");
	for (guint i = 0; i < run->series->len; i++) {
		const PlanSimPoint *point = &g_array_index(run->series, PlanSimPoint, i);
		if (point->service != index || seen++ % stride != 0)
			continue;
		report_format_decimal((double)point->time_s / 3600.0, 4, script);
		g_string_append_c(script, ' ');
		switch (chart) {
		case REPORT_SIM_CHART_DEMAND:
			report_format_decimal(point->demand, 3, script);
			g_string_append_c(script, ' ');
			report_format_decimal((double)point->running * service->task_capacity_rps,
					      3, script);
			break;
		case REPORT_SIM_CHART_TASKS:
			g_string_append_printf(script, "%d %d %d", point->desired, point->running,
					       point->pending);
			break;
		default:
			report_format_decimal(point->utilization, 2, script);
			break;
		}
		g_string_append_c(script, '\n');
	}
	g_string_append(script, "EOD\n");
	if (cluster != NULL) {
		guint c_seen = 0;
		g_string_append(script, "$instances << EOD\n");
		for (guint i = 0; i < run->cluster_series->len; i++) {
			const PlanSimClusterPoint *point =
			    &g_array_index(run->cluster_series, PlanSimClusterPoint, i);
			if (g_ptr_array_index(run->clusters, point->cluster) != cluster ||
			    c_seen++ % stride != 0)
				continue;
			report_format_decimal((double)point->time_s / 3600.0, 4, script);
			g_string_append_printf(script, " %d\n", point->instances);
		}
		g_string_append(script, "EOD\n");
	}

	switch (chart) {
	case REPORT_SIM_CHART_DEMAND:
		g_string_append(
		    script, "plot $data using 1:3 with steps linewidth 5 linecolor rgb '#b2f2bb' "
			    "title 'capacity of running tasks', "
			    "$data using 1:2 with lines linewidth 1.5 linecolor rgb '#1864ab' "
			    "title 'demand'\n");
		break;
	case REPORT_SIM_CHART_TASKS:
		/* desired is drawn wide and light under running, which mostly equals it, so both
		 * stay visible; pending is dashed along the bottom */
		g_string_append(script,
				"plot $data using 1:2 with steps linewidth 5 linecolor rgb "
				"'#a5d8ff' title 'desired', "
				"$data using 1:3 with steps linewidth 1.5 linecolor rgb "
				"'#1864ab' title 'running', "
				"$data using 1:4 with steps dashtype 2 linecolor rgb '#d9480f' "
				"title 'pending'");
		if (cluster != NULL)
			g_string_append(script, ", $instances using 1:2 axes x1y2 with steps "
						"linecolor rgb '#8d5524' title 'instances'");
		g_string_append_c(script, '\n');
		break;
	default: {
		const PlanTargetTracking *policy =
		    model_service->autoscaling.target_tracking->len > 0
			? g_ptr_array_index(model_service->autoscaling.target_tracking, 0)
			: NULL;
		g_string_append(script,
				"plot $data using 1:2 with lines linewidth 1.5 linecolor rgb "
				"'#1864ab' title 'utilization'");
		if (policy != NULL && policy->metric != PLAN_METRIC_ALB_REQUESTS) {
			g_string_append(script, ", ");
			report_format_decimal(policy->target, 2, script);
			g_string_append(script, " with lines dashtype 2 linecolor rgb '#a61e4d' "
						"title 'target'");
		}
		g_string_append_c(script, '\n');
		break;
	}
	}
	return script;
}
