#include "render-report.h"

#include <string.h>

#include "chart-cost.h"
#include "chart-optimize.h"
#include "plan-error.h"
#include "render-compare.h"
#include "render-cost.h"
#include "render-diagram.h"
#include "render-simulate.h"
#include "report-doc.h"
#include "text.h"
#include "xml-compat.h"

#define REPORT_REPORT_DIAGRAM_FILE "diagram.svg"
#define REPORT_REPORT_COMPARE_FILE "compare.svg"

/* ---- small formatting helpers ---------------------------------------------------------------- */

/* "70.08 USD (estimate)", "18.40 USD": money in sentences, where a "~" could pair with
 * another into strikethrough in some Markdown renderers */
static char *
report_report_dollars(PlanNanos nanos, gboolean estimate)
{
	GString *out = g_string_new(NULL);

	report_format_money(nanos, out);
	g_string_append(out, estimate ? " USD (estimate)" : " USD");
	return g_string_free(out, FALSE);
}

static char *
report_report_int(gint64 value)
{
	return g_strdup_printf("%" G_GINT64_FORMAT, value);
}

static const char *
report_report_model_name(const PlanModel *model)
{
	return model->name != NULL ? model->name : model->file;
}

/* ---- charts ---------------------------------------------------------------------------------- */

void
report_report_chart_free(ReportReportChart *chart)
{
	if (chart == NULL)
		return;
	g_free(chart->file);
	g_free(chart->caption);
	g_free(chart->script);
	g_clear_pointer(&chart->svg, g_bytes_unref);
	g_free(chart);
}

/* a file name no other file of the folder has: "api-tasks.svg", else "api-tasks-2.svg" */
static char *
report_report_unique_file(GPtrArray *charts, const char *wanted)
{
	static const char *const taken[] = {REPORT_REPORT_DIAGRAM_FILE, NULL};
	g_autofree char *stem = g_strndup(wanted, strlen(wanted) - strlen(".svg"));
	char *file = g_strdup(wanted);

	for (guint n = 2;; n++) {
		gboolean clash = g_strv_contains(taken, file);
		for (guint i = 0; !clash && i < charts->len; i++) {
			const ReportReportChart *chart = g_ptr_array_index(charts, i);
			clash = strcmp(chart->file, file) == 0;
		}
		if (!clash)
			return file;
		g_free(file);
		file = g_strdup_printf("%s-%u.svg", stem, n);
	}
}

static void
report_report_add_chart(GPtrArray *charts, ReportReportChartKind kind, const char *file,
			char *caption, char *script)
{
	ReportReportChart *chart = g_new0(ReportReportChart, 1);

	chart->kind = kind;
	chart->file = report_report_unique_file(charts, file);
	chart->caption = caption;
	chart->script = script;
	g_ptr_array_add(charts, chart);
}

static const char *
report_report_sim_caption(ReportSimChart chart)
{
	switch (chart) {
	case REPORT_SIM_CHART_DEMAND:
		return "demand and the capacity of the running tasks";
	case REPORT_SIM_CHART_TASKS:
		return "desired, running and pending tasks";
	case REPORT_SIM_CHART_UTILIZATION:
	default:
		return "utilization of the running tasks";
	}
}

/**
 * report_report_charts:
 * @input: (transfer none): the report's results
 * Returns: (transfer full) (element-type ReportReportChart): the charts, not drawn
 */
GPtrArray *
report_report_charts(const ReportReportInput *input)
{
	GPtrArray *charts =
	    g_ptr_array_new_with_free_func((GDestroyNotify)report_report_chart_free);

	g_return_val_if_fail(input != NULL && input->model != NULL, charts);
	if (input->cost != NULL)
		report_report_add_chart(
		    charts, REPORT_REPORT_CHART_COST, REPORT_CHART_COST_FILE,
		    g_strdup("Monthly cost by category (USD; ~ marks an estimate)"),
		    report_chart_cost_script(input->model, input->cost));
	if (input->compare != NULL && input->compare->services->len > 0)
		report_report_add_chart(
		    charts, REPORT_REPORT_CHART_COMPARE, REPORT_REPORT_COMPARE_FILE,
		    g_strdup("Monthly cost against task count: Fargate x86_64, arm64 and Spot, and "
			     "EC2 on the cheapest instance type, per service"),
		    report_compare_chart_script(input->model, input->compare));
	if (input->optimization != NULL && input->optimization->services->len > 0)
		report_report_add_chart(charts, REPORT_REPORT_CHART_OPTIMIZE,
					REPORT_OPTIMIZE_CHART_FILE,
					g_strdup(REPORT_OPTIMIZE_CHART_CAPTION),
					report_chart_optimize_script(input->model,
								     input->optimization));
	if (input->simulation != NULL) {
		const PlanSimRun *run = plan_sim_result_first(input->simulation);
		g_auto(GStrv) stems = report_simulate_chart_stems(input->simulation);
		for (guint s = 0; s < run->services->len; s++) {
			const PlanSimService *service = g_ptr_array_index(run->services, s);
			for (guint c = 0; c < REPORT_SIM_N_CHARTS; c++) {
				g_autoptr(GString) script = report_simulate_chart_script(
				    input->model, input->simulation, s, (ReportSimChart)c);
				g_autofree char *file =
				    report_simulate_chart_file(stems[s], (ReportSimChart)c);
				ReportReportChart *chart;
				if (script == NULL)
					continue;
				report_report_add_chart(
				    charts, REPORT_REPORT_CHART_SIMULATION, file,
				    g_strdup_printf("%s: %s", service->name,
						    report_report_sim_caption((ReportSimChart)c)),
				    g_string_free(g_steal_pointer(&script), FALSE));
				chart = g_ptr_array_index(charts, charts->len - 1);
				chart->service = s;
				chart->sim_chart = c;
			}
		}
	}
	return charts;
}

static void
report_report_figure(ReportDoc *doc, const ReportReportInput *input, GPtrArray *charts,
		     ReportReportChartKind kind, gint service, const char *charts_missing)
{
	for (guint i = 0; i < charts->len; i++) {
		const ReportReportChart *chart = g_ptr_array_index(charts, i);
		if (chart->kind != kind || (service >= 0 && chart->service != (guint)service))
			continue;
		if (input->charts_wait != NULL)
			report_doc_figure_pending(doc, chart->file, chart->caption,
						  input->charts_wait, input->charts_wait_data,
						  &chart->drawn, &chart->svg,
						  charts_missing != NULL ? charts_missing
									 : "the chart was not drawn");
		else
			report_doc_figure(doc, chart->file, chart->caption, chart->drawn,
					  chart->svg,
					  charts_missing != NULL ? charts_missing
								 : "the chart was not drawn");
	}
}

/* the Optimization section's chart, placed by report-optimize.c */
typedef struct {
	const ReportReportInput *input;
	GPtrArray *charts;
	const char *charts_missing;
} ReportReportFigureArgs;

static void
report_report_optimize_figure(ReportDoc *doc, gpointer data)
{
	const ReportReportFigureArgs *args = data;
	report_report_figure(doc, args->input, args->charts, REPORT_REPORT_CHART_OPTIMIZE, -1,
			     args->charts_missing);
}

/* ---- sections -------------------------------------------------------------------------------- */

static void
report_report_summary_network(ReportDoc *doc, const PlanSummary *summary)
{
	g_autofree char *text = g_strdup_printf(
	    "Network: %u %s, %u %s in %u %s, %u NAT %s, %u load %s, %u VPC %s.", summary->n_vpcs,
	    plan_text_plural(summary->n_vpcs, "VPC", "VPCs"), summary->n_subnets,
	    plan_text_plural(summary->n_subnets, "subnet", "subnets"), summary->n_azs,
	    plan_text_plural(summary->n_azs, "AZ", "AZs"), summary->n_nat_gateways,
	    plan_text_plural(summary->n_nat_gateways, "gateway", "gateways"),
	    summary->n_load_balancers,
	    plan_text_plural(summary->n_load_balancers, "balancer", "balancers"),
	    summary->n_endpoints, plan_text_plural(summary->n_endpoints, "endpoint", "endpoints"));
	report_doc_item(doc, NULL, text);
}

static void
report_report_summary_compute(ReportDoc *doc, const PlanSummary *summary)
{
	g_autofree char *text = g_strdup_printf(
	    "Compute: %u %s (%" G_GINT64_FORMAT " %s desired; %u on Fargate, %u on EC2), %u EC2 %s.",
	    summary->n_services, plan_text_plural(summary->n_services, "service", "services"),
	    summary->n_tasks, plan_text_plural((double)summary->n_tasks, "task", "tasks"),
	    summary->n_fargate_services, summary->n_services - summary->n_fargate_services,
	    summary->n_clusters, plan_text_plural(summary->n_clusters, "cluster", "clusters"));
	report_doc_item(doc, NULL, text);
}

static char *
report_report_findings_count(const PlanSummary *summary)
{
	guint errors = summary->n_findings[PLAN_SEVERITY_ERROR];
	guint warnings = summary->n_findings[PLAN_SEVERITY_WARNING];
	guint notes = summary->n_findings[PLAN_SEVERITY_NOTE];

	return g_strdup_printf("%u %s, %u %s, %u %s", errors,
			       plan_text_plural(errors, "error", "errors"), warnings,
			       plan_text_plural(warnings, "warning", "warnings"), notes,
			       plan_text_plural(notes, "note", "notes"));
}

static void
report_report_summary_cost(ReportDoc *doc, const ReportReportInput *input)
{
	const PlanCost *cost = input->cost;
	const PlanCostTotal *largest = NULL;
	g_autofree char *total = NULL;
	g_autofree char *hours = NULL;
	g_autofree char *text = NULL;

	if (cost == NULL) {
		text = g_strdup_printf("Monthly cost: not priced (%s).", input->cost_missing);
		report_doc_item(doc, NULL, text);
		return;
	}
	guint largest_index = 0;

	for (guint i = 0; i < cost->by_category->len; i++) {
		const PlanCostTotal *category = &g_array_index(cost->by_category, PlanCostTotal, i);
		if (category->n_lines > 0 && (largest == NULL || category->cost > largest->cost)) {
			largest = category;
			largest_index = i;
		}
	}
	total = report_report_dollars(cost->total, cost->estimate);
	hours = report_decimal_text(cost->hours, 4);
	if (largest != NULL && largest->cost > 0) {
		g_autofree char *part = report_report_dollars(largest->cost, largest->estimate);
		text = g_strdup_printf("Monthly cost: %s for %s hours; the largest category is %s "
				       "at %s.",
				       total, hours,
				       report_cost_category_label((PlanCostCategory)largest_index),
				       part);
	} else {
		text = g_strdup_printf("Monthly cost: %s for %s hours.", total, hours);
	}
	report_doc_item(doc, NULL, text);
}

static void
report_report_summary_compare(ReportDoc *doc, const PlanCompare *compare)
{
	const PlanCompareOption *cheapest;
	const PlanCompareOption *on_demand;
	const PlanCompareOption *current;
	g_autoptr(GString) line = NULL;
	g_autofree char *money = NULL;

	if (compare == NULL || compare->services->len == 0)
		return;
	cheapest = plan_compare_cheapest(compare->total);
	on_demand = plan_compare_cheapest_on_demand(compare->total);
	current = plan_compare_current(compare->total);
	if (cheapest == NULL || !cheapest->priced)
		return;
	money = report_report_dollars(cheapest->monthly_cost, cheapest->estimate);
	line = g_string_new("Fargate or EC2: ");
	/* Spot can be taken back at two minutes' notice: the cheapest option that keeps every
	 * task on demand comes first, the Spot one beside it */
	if (on_demand != NULL && on_demand != cheapest) {
		g_autofree char *steady =
		    report_report_dollars(on_demand->monthly_cost, on_demand->estimate);
		g_string_append_printf(line,
				       "without Spot the cheapest way to run every service is %s "
				       "at %s a month; with Spot (tasks AWS may stop at two "
				       "minutes' notice) %s at %s",
				       on_demand->label, steady, cheapest->label, money);
	} else {
		g_string_append_printf(line, "the cheapest way to run every service is %s at %s a "
					     "month",
				       cheapest->label, money);
	}
	if (current == cheapest || (current != NULL && current == on_demand))
		g_string_append_printf(line, "; the model runs %s already", current->label);
	else if (current != NULL && current->priced) {
		g_autofree char *now =
		    report_report_dollars(current->monthly_cost, current->estimate);
		g_string_append_printf(line, "; as modelled (%s) they cost %s", current->label,
				       now);
	}
	g_string_append_c(line, '.');
	report_doc_item(doc, NULL, line->str);
}

static void
report_report_summary_simulation(ReportDoc *doc, const ReportReportInput *input)
{
	const PlanSimResult *result = input->simulation;
	const PlanSimRun *run;
	gint64 peak = 0;
	double unmet = 0;
	g_autofree char *duration = NULL;
	GString *text;

	if (result == NULL)
		return;
	run = plan_sim_result_first(result);
	for (guint s = 0; s < run->services->len; s++) {
		const PlanSimService *service = g_ptr_array_index(run->services, s);
		peak += service->peak_tasks;
		unmet += service->unmet_minutes;
	}
	duration = report_duration_text(result->duration_s);
	text = g_string_new(NULL);
	g_string_append_printf(
	    text,
	    "Simulation (profile %s, %s): the services' peaks add up to %" G_GINT64_FORMAT " %s; ",
	    input->profile, duration, peak, plan_text_plural(peak, "task", "tasks"));
	report_format_decimal(unmet, 1, text);
	g_string_append(text, " minutes with demand above capacity");
	if (run->cost.present) {
		g_autofree char *simulated =
		    report_report_dollars(run->cost.total, run->cost.estimate);
		g_autofree char *steady = report_report_dollars(run->cost.static_total, FALSE);
		g_string_append_printf(text,
				       "; %s for the time simulated, against %s at the "
				       "modelled counts",
				       simulated, steady);
	}
	g_string_append_c(text, '.');
	report_doc_item(doc, NULL, text->str);
	g_string_free(text, TRUE);
}

static void
report_report_summary(ReportDoc *doc, const ReportReportInput *input)
{
	g_autofree char *findings = report_report_findings_count(input->summary);
	g_autofree char *line = NULL;

	report_doc_heading(doc, 2, "summary", "Summary");
	report_report_summary_network(doc, input->summary);
	report_report_summary_compute(doc, input->summary);
	line = g_strdup_printf("Findings: %s.", findings);
	report_doc_item(doc, NULL, line);
	report_report_summary_cost(doc, input);
	report_report_summary_compare(doc, input->compare);
	report_report_summary_simulation(doc, input);
}

static void
report_report_draw_diagram(ReportXml *xml, gconstpointer data, const char *id_prefix,
			   const char *css_class)
{
	report_diagram_write_svg(xml, data, id_prefix, css_class);
}

/* the diagram goes into report.html straight from its layout: its 4 MB of SVG at 3,000
 * subnets used to be written, then parsed back and copied (report_svg_embed) */
static void
report_report_diagram(ReportDoc *doc, const ReportDiagram *diagram)
{
	report_doc_heading(doc, 2, "architecture", "Architecture");
	report_doc_figure_drawn(doc, REPORT_REPORT_DIAGRAM_FILE,
				"The architecture: region, VPCs, one column per AZ and one row per "
				"tier; subnets with their peak address use; gateways, load "
				"balancers, services and clusters over the AZs they span; numbered "
				"markers are the findings",
				report_report_draw_diagram, diagram);
}

static void
report_report_findings(ReportDoc *doc, const ReportReportInput *input)
{
	static const char *const header[] = {">#", "SEVERITY", "CODE", "WHERE", "MESSAGE", NULL};
	ReportTable *table;

	report_doc_heading(doc, 2, "findings", "Findings");
	if (input->diagnostics->len == 0) {
		report_doc_paragraph(doc, "ecsplan validate finds nothing to report.");
		return;
	}
	report_doc_paragraph(doc, "What ecsplan validate finds, numbered as the markers in the "
				  "diagram; docs/rules.md explains each code.");
	table = report_table_new(header);
	for (guint i = 0; i < input->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(input->diagnostics, i);
		g_autofree char *number = g_strdup_printf("%u", i + 1);
		g_autofree char *where = NULL;
		if (diagnostic->loc.line > 0)
			where = g_strdup_printf("%s (line %u)",
						diagnostic->path != NULL ? diagnostic->path : "",
						diagnostic->loc.line);
		else
			where = g_strdup(diagnostic->path != NULL ? diagnostic->path : "");
		report_table_add_rowv(table, number, plan_severity_to_string(diagnostic->severity),
				      diagnostic->code, where, diagnostic->message, NULL);
	}
	report_doc_table(doc, table);
}

static void
report_report_subnets(ReportDoc *doc, const ReportReportInput *input)
{
	static const char *const header[] = {"VPC",	"SUBNET", "CIDR",  "AZ",   "TIER", ">TOTAL",
					     ">USABLE", ">PEAK",  ">FREE", ">USE", NULL};
	const PlanModel *model = input->model;
	ReportTable *table;

	report_doc_heading(doc, 2, "subnets", "Subnets");
	if (input->validation->subnets->len == 0) {
		report_doc_paragraph(doc, "The model has no subnets.");
		return;
	}
	table = report_table_new(header);
	for (guint i = 0; i < input->validation->subnets->len; i++) {
		const PlanSubnetUse *use =
		    &g_array_index(input->validation->subnets, PlanSubnetUse, i);
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, use->vpc_index);
		const PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, use->subnet_index);
		gboolean sized = plan_cidr_usable(&subnet->cidr);
		g_autofree char *total = sized ? report_report_int(use->total) : g_strdup("-");
		g_autofree char *usable = sized ? report_report_int(use->usable) : g_strdup("-");
		g_autofree char *peak = report_report_int(use->peak);
		g_autofree char *free_ips =
		    sized ? report_report_int(use->usable - use->peak) : g_strdup("-");
		g_autofree char *share = NULL;
		if (sized && use->usable > 0) {
			GString *text = g_string_new(NULL);
			report_format_decimal(100.0 * (double)use->peak / (double)use->usable, 1,
					      text);
			g_string_append_c(text, '%');
			share = g_string_free(text, FALSE);
		}
		report_table_add_rowv(table, vpc->name, subnet->name,
				      subnet->cidr.text != NULL ? subnet->cidr.text : "-",
				      subnet->az != NULL ? subnet->az : "-",
				      plan_tier_to_string(subnet->tier), total, usable, peak,
				      free_ips, share != NULL ? share : "-", NULL);
	}
	report_doc_table(doc, table);
	report_doc_note(doc, "Usable is the block less the 5 addresses AWS reserves. Peak counts "
			     "the tasks at the deployment maximum, the EC2 instances, load "
			     "balancers, NAT gateways and endpoints in the subnet; 'ecsplan "
			     "validate' shows the arithmetic.");
}

/* the categories by name, the most expensive first, with their key (the line items' CATEGORY)
 * and share of the total */
static ReportTable *
report_report_cost_categories(const PlanCost *cost)
{
	static const char *const header[] = {"CATEGORY", "KEY", ">COST", ">SHARE", ">LINES", NULL};
	g_autoptr(GArray) order = report_cost_categories_by_cost(cost);
	ReportTable *table = report_table_new(header);

	for (guint n = 0; n < order->len; n++) {
		guint i = g_array_index(order, guint, n);
		const PlanCostTotal *total = &g_array_index(cost->by_category, PlanCostTotal, i);
		g_autofree char *money = report_money_cell(total->cost, total->estimate);
		g_autofree char *lines = g_strdup_printf("%u", total->n_lines);
		GString *share = g_string_new(NULL);
		if (cost->total > 0)
			report_format_decimal(100.0 * (double)total->cost / (double)cost->total, 1,
					      share);
		else
			g_string_append_c(share, '0');
		g_string_append_c(share, '%');
		report_table_add_rowv(table, report_cost_category_label((PlanCostCategory)i),
				      plan_cost_category_to_string((PlanCostCategory)i), money,
				      share->str, lines, NULL);
		g_string_free(share, TRUE);
	}
	return table;
}

static void
report_report_cost(ReportDoc *doc, const ReportReportInput *input, GPtrArray *charts,
		   const char *charts_missing)
{
	static const ReportCostTable tables[] = {REPORT_COST_TABLE_BY_SERVICE,
						 REPORT_COST_TABLE_LINES,
						 REPORT_COST_TABLE_ASSUMPTIONS};
	const PlanCost *cost = input->cost;
	g_autofree char *total = NULL;
	g_autofree char *hours = NULL;

	report_doc_heading(doc, 2, "monthly-cost", "Monthly cost");
	if (cost == NULL) {
		report_doc_paragraphf(doc, "Not priced: %s.", input->cost_missing);
		return;
	}
	total = report_report_dollars(cost->total, cost->estimate);
	hours = report_decimal_text(cost->hours, 4);
	report_doc_paragraphf(doc,
			      "%s a month in %s for %s hours, priced with the price book of %s "
			      "(%s). The same figures are in cost.json.",
			      total, cost->region, hours, cost->book_as_of, cost->book_origin);
	report_report_figure(doc, input, charts, REPORT_REPORT_CHART_COST, -1, charts_missing);
	report_doc_heading(doc, 3, NULL, report_cost_table_heading(REPORT_COST_TABLE_BY_CATEGORY));
	report_doc_table(doc, report_report_cost_categories(cost));
	for (guint i = 0; i < G_N_ELEMENTS(tables); i++) {
		report_doc_heading(doc, 3, NULL, report_cost_table_heading(tables[i]));
		report_doc_table(doc, report_cost_table(cost, tables[i]));
	}
	report_doc_note(doc, report_cost_legend());
}

/* "12 tasks (EC2 m5.large)", "not within 200 tasks", "-" */
static char *
report_report_break_even(const PlanCompareEntry *entry)
{
	const PlanCompareBreakEven *even = &entry->break_even;

	if (even->type == NULL)
		return g_strdup("-");
	if (even->found)
		return g_strdup_printf("%" G_GINT64_FORMAT " %s (EC2 %s)", even->tasks,
				       plan_text_plural(even->tasks, "task", "tasks"),
				       even->type->name);
	return g_strdup_printf("not within %" G_GINT64_FORMAT " tasks", even->range);
}

static void
report_report_compare_row(ReportTable *table, const char *name, const PlanCompareEntry *entry,
			  gboolean break_even)
{
	const PlanCompareOption *current = plan_compare_current(entry);
	const PlanCompareOption *cheapest = plan_compare_cheapest(entry);
	g_autofree char *tasks = report_report_int(entry->tasks);
	g_autofree char *now = current != NULL && current->priced
				   ? report_money_cell(current->monthly_cost, current->estimate)
				   : g_strdup("-");
	g_autofree char *best =
	    cheapest != NULL && cheapest->priced
		? report_money_cell(cheapest->monthly_cost, cheapest->estimate)
		: g_strdup("-");
	g_autofree char *even = break_even ? report_report_break_even(entry) : g_strdup("");

	report_table_add_rowv(table, name, tasks, current != NULL ? current->label : "-", now,
			      cheapest != NULL ? cheapest->label : "-", best, even, NULL);
}

static void
report_report_compare(ReportDoc *doc, const ReportReportInput *input, GPtrArray *charts,
		      const char *charts_missing)
{
	static const char *const header[] = {"SERVICE",	 ">TASKS",   "AS MODELLED",	 ">MONTHLY",
					     "CHEAPEST", ">MONTHLY", "EC2 CHEAPER FROM", NULL};
	const PlanCompare *compare = input->compare;
	ReportTable *table;

	if (compare == NULL)
		return;
	report_doc_heading(doc, 2, "fargate-or-ec2", "Fargate or EC2");
	if (compare->services->len == 0) {
		report_doc_paragraph(doc, "The model has no services to compare.");
		return;
	}
	report_doc_paragraph(doc,
			     "What each service would cost a month at its desired count on "
			     "Fargate (x86_64, arm64, Spot) and on the cheapest EC2 instance "
			     "types its task fits, and the task count from which EC2 stays "
			     "cheaper than Fargate x86_64. 'ecsplan compare' lists every option.");
	report_report_figure(doc, input, charts, REPORT_REPORT_CHART_COMPARE, -1, charts_missing);
	table = report_table_new(header);
	for (guint i = 0; i < compare->services->len; i++) {
		const PlanCompareEntry *entry = g_ptr_array_index(compare->services, i);
		report_report_compare_row(table, entry->name, entry, TRUE);
	}
	report_report_compare_row(table, "all services", compare->total, FALSE);
	report_doc_table(doc, table);
	report_doc_note(doc, "~ estimate: an unconfirmed price or a task size Fargate does not "
			     "offer. EC2 counts instance hours and EBS volumes (no public "
			     "addresses); burstable types need the services' cpu_utilization.");
}

static void
report_report_sim_services(ReportDoc *doc, const PlanSimRun *run)
{
	static const char *const header[] = {"SERVICE",		  "PROFILE",	 ">PEAK TASKS",
					     ">MEAN TASKS",	  ">TASK-HOURS", ">UTIL P50 %",
					     ">UTIL P95 %",	  ">UNMET MIN",	 ">SCALING",
					     ">PENDING TASK-MIN", NULL};
	ReportTable *table = report_table_new(header);

	for (guint s = 0; s < run->services->len; s++) {
		const PlanSimService *service = g_ptr_array_index(run->services, s);
		g_autofree char *peak = report_report_int(service->peak_tasks);
		g_autofree char *mean = report_decimal_text(service->mean_tasks, 2);
		g_autofree char *hours = report_decimal_text(service->task_hours, 1);
		g_autofree char *p50 = report_decimal_text(service->utilization_p50, 1);
		g_autofree char *p95 = report_decimal_text(service->utilization_p95, 1);
		g_autofree char *unmet = report_decimal_text(service->unmet_minutes, 1);
		g_autofree char *events =
		    g_strdup_printf("%" G_GUINT64_FORMAT, service->n_scaling_events);
		g_autofree char *pending = report_decimal_text(service->pending_task_minutes, 1);
		report_table_add_rowv(table, service->name, service->profile, peak, mean, hours,
				      p50, p95, unmet, events, pending, NULL);
	}
	report_doc_table(doc, table);
}

static void
report_report_sim_clusters(ReportDoc *doc, const PlanSimRun *run)
{
	static const char *const header[] = {"CLUSTER", "INSTANCE TYPE",   ">PEAK INSTANCES",
					     ">MEAN",	">INSTANCE-HOURS", NULL};
	ReportTable *table;

	if (run->clusters->len == 0)
		return;
	table = report_table_new(header);
	for (guint c = 0; c < run->clusters->len; c++) {
		const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, c);
		g_autofree char *peak = report_report_int(cluster->peak_instances);
		g_autofree char *mean = report_decimal_text(cluster->mean_instances, 2);
		g_autofree char *hours = report_decimal_text(cluster->instance_hours, 1);
		report_table_add_rowv(table, cluster->name,
				      cluster->instance_type != NULL ? cluster->instance_type : "-",
				      peak, mean, hours, NULL);
	}
	report_doc_heading(doc, 3, NULL, "EC2 clusters");
	report_doc_table(doc, table);
}

static void
report_report_sim_subnets(ReportDoc *doc, const PlanSimRun *run)
{
	static const char *const header[] = {"SUBNET", "AZ",	    ">USABLE", ">FIXED",
					     ">PEAK",  ">FULL MIN", NULL};
	ReportTable *table;

	if (run->subnets->len == 0)
		return;
	table = report_table_new(header);
	for (guint i = 0; i < run->subnets->len; i++) {
		const PlanSimSubnet *subnet = &g_array_index(run->subnets, PlanSimSubnet, i);
		g_autofree char *usable =
		    subnet->usable >= 0 ? report_report_int(subnet->usable) : g_strdup("-");
		g_autofree char *fixed = report_report_int(subnet->fixed);
		g_autofree char *peak = report_report_int(subnet->peak);
		g_autofree char *full = report_decimal_text(subnet->full_minutes, 1);
		report_table_add_rowv(table, subnet->name, subnet->az != NULL ? subnet->az : "-",
				      usable, fixed, peak, full, NULL);
	}
	report_doc_heading(doc, 3, NULL, "Subnet addresses");
	report_doc_table(doc, table);
}

static void
report_report_simulation(ReportDoc *doc, const ReportReportInput *input, GPtrArray *charts,
			 const char *charts_missing)
{
	const PlanSimResult *result = input->simulation;
	const PlanSimRun *run;
	g_autofree char *duration = NULL;
	g_autofree char *step = NULL;

	if (result == NULL)
		return;
	run = plan_sim_result_first(result);
	duration = report_duration_text(result->duration_s);
	step = report_duration_text(result->step_s);
	report_doc_heading(doc, 2, "simulation", "Simulation");
	report_doc_paragraphf(doc,
			      "Every service under the load profile %s for %s in %s steps from %s "
			      "(seed %" G_GUINT64_FORMAT "), with AWS's scaling rules; "
			      "timeseries.csv holds every step. 'ecsplan simulate' runs more.",
			      input->profile, duration, step, result->start, result->seed);
	report_doc_heading(doc, 3, NULL, "Services");
	report_report_sim_services(doc, run);
	report_report_sim_clusters(doc, run);
	report_report_sim_subnets(doc, run);
	report_doc_heading(doc, 3, NULL, "Cost of the time simulated");
	if (run->cost.present) {
		g_autofree char *simulated =
		    report_report_dollars(run->cost.total, run->cost.estimate);
		g_autofree char *steady = report_report_dollars(run->cost.static_total, FALSE);
		g_autofree char *hours = report_decimal_text(run->cost.hours, 2);
		report_doc_paragraphf(
		    doc,
		    "%s for %s hours with the simulated task and instance counts, "
		    "against %s at the modelled counts ('ecsplan cost --hours %s').",
		    simulated, hours, steady, hours);
	} else {
		report_doc_paragraphf(doc, "Not priced: %s.",
				      run->cost.missing != NULL ? run->cost.missing
								: "no price book");
	}
	for (guint i = 0; i < result->assumptions->len; i++) {
		if (i == 0)
			report_doc_paragraph(doc, "Defaults the simulation had to choose:");
		report_doc_item(doc, NULL, g_ptr_array_index(result->assumptions, i));
	}
	for (guint s = 0; s < run->services->len; s++) {
		const PlanSimService *service = g_ptr_array_index(run->services, s);
		g_autofree char *heading = g_strdup_printf("Service %s", service->name);
		report_doc_heading(doc, 3, NULL, heading);
		report_report_figure(doc, input, charts, REPORT_REPORT_CHART_SIMULATION, (gint)s,
				     charts_missing);
	}
}

static void
report_report_files_section(ReportDoc *doc, const ReportReportInput *input, GPtrArray *charts)
{
	report_doc_heading(doc, 2, "files", "Files");
	report_doc_item(doc, "report.md", "this report in Markdown, the pictures linked");
	report_doc_item(doc, "report.html", "this report as one page, the pictures inline");
	report_doc_item(doc, REPORT_REPORT_DIAGRAM_FILE, "the architecture diagram");
	/* charts still being drawn are listed: each is drawn in the end, or the report fails */
	for (guint i = 0; i < charts->len; i++) {
		const ReportReportChart *chart = g_ptr_array_index(charts, i);
		if (chart->drawn || input->charts_wait != NULL)
			report_doc_item(doc, chart->file, chart->caption);
	}
	if (input->cost != NULL)
		report_doc_item(doc, "cost.json",
				"the monthly cost as 'ecsplan cost --format json' "
				"writes it");
	if (input->simulation != NULL)
		report_doc_item(doc, "timeseries.csv",
				"every step of the simulation: demand, desired, running and "
				"pending tasks, utilization");
}

/* what was planned, from which file, with which prices, by which ecsplan, when: the line a
 * reader checks before trusting the rest */
static void
report_report_provenance(ReportDoc *doc, const ReportReportInput *input)
{
	const PlanModel *model = input->model;
	g_autoptr(GString) text = g_string_new(NULL);

	g_string_append_printf(text, "Generated by ecsplan %s", PLAN_VERSION);
	if (input->date != NULL)
		g_string_append_printf(text, " on %s", input->date);
	g_string_append_printf(text, " from the model %s (%s", report_report_model_name(model),
			       model->file);
	if (model->sha256 != NULL)
		g_string_append_printf(text, ", SHA-256 %s", model->sha256);
	g_string_append_printf(text, ") in %s", model->region != NULL ? model->region : "no region");
	if (input->cost != NULL)
		g_string_append_printf(text, ", priced with the %s price book of %s (%s)",
				       input->cost->region, input->cost->book_as_of,
				       input->cost->book_origin);
	else
		g_string_append(text, ", not priced");
	g_string_append(text, ". ecsplan plans offline: nothing was read from AWS.");
	report_doc_paragraph(doc, text->str);
}

/* the sections below, linked by the anchors GitHub and GitLab make of their headings (which
 * are also the HTML ids) */
static void
report_report_contents(ReportDoc *doc, const ReportReportInput *input)
{
	report_doc_paragraph(doc, "Contents:");
	report_doc_link(doc, "summary", "Summary");
	report_doc_link(doc, "architecture", "Architecture");
	report_doc_link(doc, "findings", "Findings");
	report_doc_link(doc, "subnets", "Subnets");
	report_doc_link(doc, "monthly-cost", "Monthly cost");
	if (input->compare != NULL)
		report_doc_link(doc, "fargate-or-ec2", "Fargate or EC2");
	if (input->simulation != NULL)
		report_doc_link(doc, "simulation", "Simulation");
	if (input->optimization != NULL)
		report_doc_link(doc, "optimization", "Optimization");
	report_doc_link(doc, "files", "Files");
}

static ReportDoc *
report_report_doc(const ReportReportInput *input, GPtrArray *charts, const char *charts_missing)
{
	const PlanModel *model = input->model;
	g_autofree char *title =
	    g_strdup_printf("ecsplan report: %s", report_report_model_name(model));
	ReportDoc *doc = report_doc_new(title);

	report_report_provenance(doc, input);
	report_report_contents(doc, input);
	report_report_summary(doc, input);
	report_report_diagram(doc, input->diagram);
	report_report_findings(doc, input);
	report_report_subnets(doc, input);
	report_report_cost(doc, input, charts, charts_missing);
	report_report_compare(doc, input, charts, charts_missing);
	report_report_simulation(doc, input, charts, charts_missing);
	if (input->optimization != NULL) {
		ReportReportFigureArgs figure = {input, charts, charts_missing};
		report_optimize_section(doc, input->model, input->optimization,
					input->optimization_models, input->optimize_info,
					report_report_optimize_figure, &figure);
	}
	report_report_files_section(doc, input, charts);
	return doc;
}

/* ---- the documents --------------------------------------------------------------------------- */

/**
 * report_report_markdown:
 * @input: (transfer none): the results
 * @charts: (transfer none) (element-type ReportReportChart): the charts
 * Returns: (transfer full): report.md
 */
GString *
report_report_markdown(const ReportReportInput *input, GPtrArray *charts,
		       const char *charts_missing)
{
	g_autoptr(ReportDoc) doc = NULL;

	g_return_val_if_fail(input != NULL && charts != NULL, NULL);
	doc = report_report_doc(input, charts, charts_missing);
	return report_doc_markdown(doc);
}

/* diagram.svg, written on a thread of its own while report.html is rendered (issue 18: the
 * 3,000-subnet diagram is 4 MB of SVG, a fifth of the report's instructions, and report.html
 * writes the same layout again at its own depth); both only read the layout */
typedef struct {
	const ReportDiagram *diagram;
	GString *svg;
	GError *error;
} ReportReportDiagramJob;

static gpointer
report_report_diagram_job(gpointer data)
{
	ReportReportDiagramJob *job = data;

	job->svg = report_diagram(job->diagram, REPORT_FORMAT_SVG, &job->error);
	return NULL;
}

/**
 * report_report_files:
 * @input: (transfer none): the results
 * @charts: (transfer none) (element-type ReportReportChart): the charts, drawn or not
 * Returns: (transfer full): the folder's files, or NULL with @error set
 */
ReportFileSet *
report_report_files(const ReportReportInput *input, GPtrArray *charts, const char *charts_missing,
		    GError **error)
{
	g_autoptr(ReportFileSet) files = report_file_set_new();
	g_autoptr(GBytes) diagram = NULL;
	g_autoptr(ReportDoc) doc = NULL;
	g_autoptr(GString) html = NULL;
	g_autoptr(GError) html_error = NULL;
	ReportReportDiagramJob job = {input != NULL ? input->diagram : NULL, NULL, NULL};
	GThread *thread;

	g_return_val_if_fail(input != NULL && charts != NULL, NULL);
	/* libxml2 sets up its globals once, before two threads write with it */
	xmlInitParser();
	thread = g_thread_try_new("ecsplan-diagram", report_report_diagram_job, &job, NULL);
	if (thread == NULL)
		report_report_diagram_job(&job);
	doc = report_report_doc(input, charts, charts_missing);
	html = report_doc_html(doc, &html_error);
	if (thread != NULL)
		g_thread_join(thread);
	if (job.svg == NULL) {
		g_propagate_error(error, job.error);
		return NULL;
	}
	diagram = g_string_free_to_bytes(job.svg);
	if (html == NULL) {
		g_autoptr(GError) drawing = NULL;
		/* a chart that could not be drawn is said as such, not as a page that failed */
		if (input->charts_wait != NULL &&
		    !input->charts_wait(input->charts_wait_data, &drawing)) {
			g_propagate_error(error, g_steal_pointer(&drawing));
			return NULL;
		}
		g_propagate_error(error, g_steal_pointer(&html_error));
		g_prefix_error(error, "cannot write report.html: ");
		return NULL;
	}
	/* every chart is drawn by now (the page waited for the first); said again for a page
	 * that shows none of them */
	if (input->charts_wait != NULL && !input->charts_wait(input->charts_wait_data, error))
		return NULL;
	report_file_set_add_string(files, "report.md", report_doc_markdown(doc));
	report_file_set_add_string(files, "report.html", g_steal_pointer(&html));
	report_file_set_add(files, REPORT_REPORT_DIAGRAM_FILE, diagram);
	for (guint i = 0; i < charts->len; i++) {
		const ReportReportChart *chart = g_ptr_array_index(charts, i);
		if (chart->drawn && chart->svg != NULL)
			report_file_set_add(files, chart->file, chart->svg);
	}
	if (input->cost != NULL) {
		GString *json = report_cost(input->model, input->cost, REPORT_FORMAT_JSON,
					    REPORT_FLAG_NONE, error);
		if (json == NULL)
			return NULL;
		report_file_set_add_string(files, "cost.json", json);
	}
	if (input->simulation != NULL) {
		GString *csv = report_simulate_series(input->simulation, REPORT_FORMAT_CSV, error);
		if (csv == NULL)
			return NULL;
		report_file_set_add_string(files, "timeseries.csv", csv);
	}
	return g_steal_pointer(&files);
}
