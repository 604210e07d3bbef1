#include "render-compare.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "chart-decimate.h"
#include "compat.h"
#include "escape.h"
#include "gnuplot.h"
#include "json-util.h"
#include "plan-error.h"
#include "table.h"
#include "text.h"

/* the chart's width in pixels: gnuplot's canvas, and the columns its curves are thinned to */
#define REPORT_COMPARE_CHART_WIDTH 900u

/* as in `ecsplan cost`: a figure that rests on an unconfirmed price */

static const char report_compare_legend[] =
    "* cheapest. " REPORT_ESTIMATE_MARK " estimate: an unconfirmed price (EBS, CPU credits) or a "
    "task size that Fargate does not offer. EC2 is instance hours plus each instance's EBS "
    "volumes (the cluster's ebs_gb, else a 30 GB gp3 root volume), and for burstable types "
    "(t2, t3, t3a, t4g) the CPU credits above the baseline at the services' cpu_utilization; no "
    "public addresses, on-demand rates";

/* ---- cells ----------------------------------------------------------------------------------- */

/* "$12.34" for sentences */
static char *
report_compare_dollars(gint64 nanos)
{
	GString *out = g_string_new(nanos < 0 ? "-$" : "$");
	report_format_money(nanos < 0 ? -nanos : nanos, out);
	return g_string_free(out, FALSE);
}

/* 0.4825 -> "48.3%" */
static char *
report_compare_percent(double share)
{
	GString *out = g_string_new(NULL);
	report_format_decimal(share * 100.0, 1, out);
	g_string_append_c(out, '%');
	return g_string_free(out, FALSE);
}

static const char *
report_compare_arch(PlanArchitecture architecture)
{
	return architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";
}


/* "5", "1 + 4 Spot", "5 Spot" */
static char *
report_compare_tasks(const PlanCompareEntry *entry, const PlanCompareOption *option)
{
	if (option->kind == PLAN_COMPARE_EC2)
		return g_strdup_printf("%" G_GINT64_FORMAT, entry->tasks);
	if (option->spot_tasks > 0 && option->on_demand_tasks > 0)
		return g_strdup_printf("%" G_GINT64_FORMAT " + %" G_GINT64_FORMAT " Spot",
				       option->on_demand_tasks, option->spot_tasks);
	if (option->spot_tasks > 0)
		return g_strdup_printf("%" G_GINT64_FORMAT " Spot", option->spot_tasks);
	return g_strdup_printf("%" G_GINT64_FORMAT, option->on_demand_tasks);
}

static char *
report_compare_note(const PlanCompareEntry *entry, const PlanCompareOption *option,
		    gboolean cheapest)
{
	g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func(g_free);

	if (cheapest)
		g_ptr_array_add(notes, g_strdup("cheapest"));
	if (option->current)
		g_ptr_array_add(notes, g_strdup("what the model runs"));
	if (!option->priced)
		g_ptr_array_add(notes, g_strdup("no price in the book"));
	/* the EC2 cost's parts, so the total can be checked: instance hours + EBS (+ credits) */
	if (option->kind == PLAN_COMPARE_EC2 && option->priced) {
		g_autoptr(GString) parts = g_string_new("instances ");
		report_format_money(option->costs.instances, parts);
		g_string_append(parts, " + EBS ");
		report_format_money(option->costs.ebs, parts);
		if (option->costs.credits > 0) {
			g_string_append(parts, " + CPU credits ");
			report_format_money(option->costs.credits, parts);
		}
		g_ptr_array_add(notes, g_string_free(g_steal_pointer(&parts), FALSE));
	}
	if (option->kind == PLAN_COMPARE_EC2 && option->purchase == PLAN_COMPARE_SPOT &&
	    option->interruption != NULL)
		g_ptr_array_add(notes, g_strdup_printf("Spot %.0f%% off (Spot Advisor), interrupted "
						       "%s a month: AWS reclaims an instance at "
						       "two minutes' notice",
						       option->spot_savings * 100.0,
						       option->interruption));
	else if (option->kind == PLAN_COMPARE_EC2 && option->purchase == PLAN_COMPARE_SPOT)
		g_ptr_array_add(notes, g_strdup_printf("Spot %.0f%% off (spot_discount, unconfirmed; "
						       "interruption band unknown): AWS reclaims "
						       "an instance at two minutes' notice",
						       option->spot_savings * 100.0));
	if (option->burst == PLAN_COMPARE_UNLIMITED && entry->utilization_known)
		g_ptr_array_add(notes, g_strdup_printf("burstable, baseline %.0f%% a vCPU",
						       option->baseline * 100.0));
	else if (option->burst == PLAN_COMPARE_STANDARD && entry->utilization_known)
		g_ptr_array_add(notes,
				g_strdup_printf("burstable (standard mode), baseline %.0f%% a vCPU",
						option->baseline * 100.0));
	else if (option->burst != PLAN_COMPARE_NOT_BURSTABLE)
		g_ptr_array_add(notes, g_strdup("burstable: CPU credits unknown "
						"(cpu_utilization not set)"));
	g_ptr_array_add(notes, NULL);
	return g_strjoinv(", ", (char **)notes->pdata);
}

static ReportTable *
report_compare_options_table(const PlanCompareEntry *entry)
{
	static const char *const header[] = {
	    "",	    "OPTION",  ">TASKS",   ">INSTANCES", ">PER INSTANCE",
	    ">CPU", ">MEMORY", ">MONTHLY", "NOTE",	 NULL};
	ReportTable *table = report_table_new(header);
	const PlanCompareOption *cheapest = plan_compare_cheapest(entry);

	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		gboolean ec2 = option->kind == PLAN_COMPARE_EC2;
		g_autofree char *tasks = report_compare_tasks(entry, option);
		g_autofree char *instances =
		    ec2 ? g_strdup_printf("%" G_GINT64_FORMAT, option->instances) : g_strdup("-");
		g_autofree char *per_instance =
		    ec2 && option->tasks_per_instance > 0 && option->tasks_per_instance < G_MAXINT64
			? g_strdup_printf("%" G_GINT64_FORMAT " (%s)", option->tasks_per_instance,
					  plan_limit_to_string(option->limit))
			: g_strdup("-");
		g_autofree char *cpu =
		    ec2 ? report_compare_percent(option->cpu_utilisation) : g_strdup("-");
		g_autofree char *memory =
		    ec2 ? report_compare_percent(option->memory_utilisation) : g_strdup("-");
		g_autofree char *money =
		    option->priced ? report_money_cell(option->monthly_cost, option->estimate)
				   : g_strdup("-");
		g_autofree char *note = report_compare_note(entry, option, option == cheapest);
		report_table_add_rowv(table, option == cheapest ? "*" : "", option->label, tasks,
				      instances, per_instance, cpu, memory, money, note, NULL);
	}
	return table;
}

/* a text table without the spaces an empty last cell leaves at the end of a line */
static void
report_compare_render_text(const ReportTable *table, GString *out)
{
	g_autoptr(GString) rendered = g_string_new(NULL);
	g_auto(GStrv) lines = NULL;

	report_table_render_text(table, "  ", rendered);
	lines = g_strsplit(rendered->str, "\n", -1);
	for (guint i = 0; lines[i] != NULL; i++) {
		if (lines[i][0] == '\0' && lines[i + 1] == NULL)
			break;
		g_string_append(out, g_strchomp(lines[i]));
		g_string_append_c(out, '\n');
	}
}

/* ---- sentences ------------------------------------------------------------------------------ */

/* "3 tasks of 256 CPU units / 512 MiB, x86_64, awsvpc, over 2 AZs" */
static char *
report_compare_task_line(const PlanCompareEntry *entry)
{
	GString *out = g_string_new(NULL);

	g_string_append_printf(out,
			       "%" G_GINT64_FORMAT " %s of %" G_GINT64_FORMAT
			       " CPU units / %" G_GINT64_FORMAT " MiB, %s, %s%s, over %u %s",
			       entry->tasks, plan_text_plural(entry->tasks, "task", "tasks"),
			       entry->cpu_units, entry->memory_mib,
			       report_compare_arch(entry->architecture),
			       plan_network_mode_to_string(entry->network_mode),
			       entry->trunking ? " with ENI trunking" : "", entry->n_azs,
			       entry->n_azs == 1 ? "AZ" : "AZs");
	if (entry->fargate_fitted)
		g_string_append_printf(
		    out,
		    "; not a Fargate size, so Fargate is priced at %" G_GINT64_FORMAT
		    "/%" G_GINT64_FORMAT,
		    entry->fargate_cpu_units, entry->fargate_memory_mib);
	return g_string_free(out, FALSE);
}

/* "Cheapest: X at $A a month, $D (P%) less than what the model runs (Y, $B)." */
static char *
report_compare_cheapest_line(const PlanCompareEntry *entry)
{
	const PlanCompareOption *cheapest = plan_compare_cheapest(entry);
	const PlanCompareOption *current = plan_compare_current(entry);
	g_autofree char *cost = NULL;
	PlanNanos saving = 0;
	double share = 0;
	GString *out;

	if (cheapest == NULL)
		return g_strdup("Cheapest: none of the options has a price.");
	cost = report_compare_dollars(cheapest->monthly_cost);
	out = g_string_new(NULL);
	g_string_append_printf(out, "Cheapest: %s at %s a month", cheapest->label, cost);
	if (current == cheapest) {
		g_string_append(out, ", what the model runs already.");
	} else if (plan_compare_saving(entry, &saving, &share)) {
		g_autofree char *saved = report_compare_dollars(saving);
		g_autofree char *now = report_compare_dollars(current->monthly_cost);
		g_string_append_printf(out, ", %s", saved);
		if (current->monthly_cost > 0) {
			g_autofree char *percent = report_compare_percent(share);
			g_string_append_printf(out, " (%s)", percent);
		}
		g_string_append_printf(out, " less than what the model runs (%s, %s).",
				       current->label, now);
	} else {
		g_string_append_c(out, '.');
	}
	if (cheapest->kind == PLAN_COMPARE_FARGATE_SPOT) {
		const PlanCompareOption *steady = plan_compare_cheapest_on_demand(entry);
		if (steady != NULL) {
			g_autofree char *steady_cost = report_compare_dollars(steady->monthly_cost);
			g_string_append_printf(out,
					       " Without Spot (AWS can stop Spot tasks at two "
					       "minutes' notice): %s at %s.",
					       steady->label, steady_cost);
		}
	}
	return g_string_free(out, FALSE);
}

static char *
report_compare_break_even_line(const PlanCompareEntry *entry)
{
	const PlanCompareBreakEven *even = &entry->break_even;
	g_autofree char *ec2 = NULL;
	g_autofree char *fargate = NULL;
	g_autofree char *cpu = NULL;
	g_autofree char *memory = NULL;

	if (even->type == NULL)
		return g_strdup("Break-even: none; no priced instance type of the task's "
				"architecture holds the task.");
	if (!even->found && even->first_cheaper == 0)
		return g_strdup_printf("Break-even: none; EC2 %s costs more than Fargate x86_64 at "
				       "every count from 1 to %" G_GINT64_FORMAT " tasks.",
				       even->type->name, even->range);
	if (!even->found)
		return g_strdup_printf(
		    "Break-even: none up to %" G_GINT64_FORMAT " tasks. EC2 %s dips below Fargate "
		    "x86_64 at %" G_GINT64_FORMAT " %s (full instances), but the next task needs "
		    "a new instance and costs more again.",
		    even->range, even->type->name, even->first_cheaper,
		    plan_text_plural(even->first_cheaper, "task", "tasks"));
	ec2 = report_compare_dollars(even->ec2);
	fargate = report_compare_dollars(even->fargate);
	cpu = report_compare_percent(even->cpu_utilisation);
	memory = report_compare_percent(even->memory_utilisation);
	{
		g_autofree char *hours = report_compare_dollars(even->ec2_costs.instances);
		g_autofree char *ebs = report_compare_dollars(even->ec2_costs.ebs);
		g_autofree char *credit_money = report_compare_dollars(even->ec2_costs.credits);
		g_autofree char *credits =
		    even->ec2_costs.credits > 0
			? g_strdup_printf(" + %s of CPU credits", credit_money)
			: g_strdup("");
		return g_strdup_printf(
		    "Break-even: %" G_GINT64_FORMAT " %s. From there to %" G_GINT64_FORMAT
		    " (the end of the range searched), EC2 %s costs less than Fargate x86_64 at "
		    "every count; at %" G_GINT64_FORMAT ": %" G_GINT64_FORMAT " %s at %s (%s of "
		    "instance hours + %s of EBS%s) against %s a month, the instances' CPU %s and "
		    "memory %s reserved.",
		    even->tasks, plan_text_plural(even->tasks, "task", "tasks"), even->range,
		    even->type->name, even->tasks, even->instances,
		    plan_text_plural(even->instances, "instance", "instances"), ec2, hours, ebs,
		    credits, fargate, cpu, memory);
	}
}

/* instance types that fit but could not be ranked */
static char *
report_compare_types_line(const PlanCompare *compare, const PlanCompareEntry *entry)
{
	if (entry->n_fitting_types == 0 && entry->name == NULL)
		return g_strdup("EC2: no instance type in the book holds every service's task "
				"(CPU, memory, ENIs or host ports), or the services mix x86_64 and "
				"arm64.");
	if (entry->n_fitting_types == 0)
		return g_strdup("EC2: no instance type in the book holds the task (CPU, memory, "
				"ENIs or host ports).");
	g_autoptr(GString) text = g_string_new(NULL);
	if (entry->n_unpriced_types > 0)
		g_string_append_printf(text,
				       " %u of the %u instance types that hold the task %s no "
				       "price in %s and %s left out.",
				       entry->n_unpriced_types, entry->n_fitting_types,
				       entry->n_unpriced_types == 1 ? "has" : "have",
				       compare->region,
				       entry->n_unpriced_types == 1 ? "is" : "are");
	if (entry->n_burstable_skipped > 0)
		g_string_append_printf(
		    text,
		    " %u burstable %s (t2, t3, t3a, t4g) %s left out: %s CPU credits depend on how "
		    "much CPU the tasks use, and %s; give services[].cpu_utilization to rank %s.",
		    entry->n_burstable_skipped,
		    entry->n_burstable_skipped == 1 ? "type" : "types",
		    entry->n_burstable_skipped == 1 ? "is" : "are",
		    entry->n_burstable_skipped == 1 ? "its" : "their",
		    entry->name != NULL ? "the service does not say"
					: "not every service says",
		    entry->n_burstable_skipped == 1 ? "it" : "them");
	/* what the unknown CPU use decides, per service */
	if (entry->n_burstable_skipped > 0 && entry->name != NULL && entry->burst_type == NULL)
		g_string_append_printf(text,
				       " None of them would cost less than Fargate x86_64 at %" G_GINT64_FORMAT
				       " %s even if the tasks were idle: instance hours and EBS alone "
				       "cost more.",
				       entry->tasks, plan_text_plural(entry->tasks, "task", "tasks"));
	else if (entry->n_burstable_skipped > 0 && entry->name != NULL &&
		 entry->burst_utilization >= 1.0)
		g_string_append_printf(text,
				       " EC2 %s would cost less than Fargate x86_64 at %" G_GINT64_FORMAT
				       " %s whatever CPU the tasks use.",
				       entry->burst_type->name, entry->tasks,
				       plan_text_plural(entry->tasks, "task", "tasks"));
	else if (entry->n_burstable_skipped > 0 && entry->name != NULL) {
		g_autofree char *share = report_compare_percent(entry->burst_utilization);
		g_string_append_printf(text,
				       " EC2 %s would cost less than Fargate x86_64 at %" G_GINT64_FORMAT
				       " %s while the tasks use less than %s of their CPU.",
				       entry->burst_type->name, entry->tasks,
				       plan_text_plural(entry->tasks, "task", "tasks"), share);
	}
	if (entry->n_throttled_skipped > 0)
		g_string_append_printf(
		    text,
		    " %u standard-mode burstable %s (t2) %s left out: at %.0f%% CPU the tasks need "
		    "more than the baseline, and standard mode throttles instead of billing "
		    "credits.",
		    entry->n_throttled_skipped,
		    entry->n_throttled_skipped == 1 ? "type" : "types",
		    entry->n_throttled_skipped == 1 ? "is" : "are",
		    entry->cpu_utilization * 100.0);
	if (text->len == 0)
		return NULL;
	g_string_prepend(text, "EC2:");
	return g_string_free(g_steal_pointer(&text), FALSE);
}

/* ---- the cost curve ------------------------------------------------------------------------- */

/* evenly spaced rows of the curve, and every marked point */
static gboolean
report_compare_curve_row(const PlanCompareEntry *entry, guint index)
{
	guint n = entry->points->len;
	guint stride = (n + REPORT_COMPARE_CURVE_ROWS - 1) / REPORT_COMPARE_CURVE_ROWS;
	const PlanComparePoint *point = &g_array_index(entry->points, PlanComparePoint, index);

	if (n <= REPORT_COMPARE_CURVE_ROWS || index == 0 || point->flags != 0)
		return TRUE;
	return (index + 1) % stride == 0;
}

static ReportTable *
report_compare_curve_table(const PlanCompareEntry *entry)
{
	const PlanInstanceType *type = entry->break_even.type;
	g_autofree char *ec2_title =
	    g_strdup_printf(">EC2 %s", type != NULL ? type->name : "(none)");
	const char *header[] = {">TASKS",
				">FARGATE X86_64",
				">FARGATE ARM64",
				">FARGATE SPOT",
				ec2_title,
				">INSTANCES",
				"",
				NULL};
	ReportTable *table = report_table_new(header);

	for (guint i = 0; i < entry->points->len; i++) {
		const PlanComparePoint *point = &g_array_index(entry->points, PlanComparePoint, i);
		g_autofree char *tasks = NULL;
		g_autofree char *x86 = NULL;
		g_autofree char *arm = NULL;
		g_autofree char *spot = NULL;
		g_autofree char *ec2 = NULL;
		g_autofree char *instances = NULL;
		const char *mark = "";
		if (!report_compare_curve_row(entry, i))
			continue;
		tasks = g_strdup_printf("%" G_GINT64_FORMAT, point->tasks);
		x86 = report_money_cell(point->fargate_x86, FALSE);
		arm = point->unpriced & (1u << PLAN_COMPARE_FARGATE_ARM)
			  ? g_strdup("-")
			  : report_money_cell(point->fargate_arm, FALSE);
		spot = point->unpriced & (1u << PLAN_COMPARE_FARGATE_SPOT)
			   ? g_strdup("-")
			   : report_money_cell(point->fargate_spot, FALSE);
		ec2 = type != NULL ? report_money_cell(point->ec2, FALSE) : g_strdup("-");
		instances = type != NULL ? g_strdup_printf("%" G_GINT64_FORMAT, point->instances)
					 : g_strdup("-");
		if ((point->flags & PLAN_COMPARE_POINT_DESIRED) &&
		    (point->flags & PLAN_COMPARE_POINT_BREAK_EVEN))
			mark = "desired, break-even";
		else if (point->flags & PLAN_COMPARE_POINT_DESIRED)
			mark = "desired";
		else if (point->flags & PLAN_COMPARE_POINT_BREAK_EVEN)
			mark = "break-even";
		report_table_add_rowv(table, tasks, x86, arm, spot, ec2, instances, mark, NULL);
	}
	return table;
}

static char *
report_compare_curve_heading(const PlanCompareEntry *entry)
{
	return g_strdup_printf("Cost against task count (1 to %" G_GINT64_FORMAT
			       ", the chart's data; --chart FILE.svg draws it)",
			       entry->break_even.range);
}

/* ---- text and markdown ---------------------------------------------------------------------- */

static char *
report_compare_title(const PlanModel *model, const PlanCompare *compare)
{
	GString *title = g_string_new("Fargate or EC2");
	g_autofree char *hours = NULL;
	GString *number = g_string_new(NULL);

	report_format_decimal(compare->hours, 4, number);
	hours = g_string_free(number, FALSE);
	if (model->name != NULL)
		g_string_append_printf(title, " for %s", model->name);
	/* the dates of the figures used, oldest to newest, never the book's own (issue 11) */
	g_string_append_printf(title, " in %s (USD a month of %s hours; prices of ", compare->region,
			       hours);
	if (compare->figures_oldest == NULL)
		g_string_append(title, compare->n_undated > 0 ? "undated figures" : "no figures");
	else if (strcmp(compare->figures_oldest, compare->figures_newest) == 0)
		g_string_append(title, compare->figures_oldest);
	else
		g_string_append_printf(title, "%s to %s", compare->figures_oldest,
				       compare->figures_newest);
	if (compare->figures_oldest != NULL && compare->n_undated > 0)
		g_string_append_printf(title, " (%u %s undated)", compare->n_undated,
				       compare->n_undated == 1 ? "figure" : "figures");
	g_string_append_printf(title, ", %s)", compare->book_origin);
	return g_string_free(title, FALSE);
}

static char *
report_compare_total_heading(const PlanCompare *compare)
{
	return g_strdup_printf("All %u services together (%" G_GINT64_FORMAT
			       " tasks; EC2: one fleet of the type, shared per AZ)",
			       compare->services->len, compare->total->tasks);
}

/* @text (names, labels, sentences that hold them) through the escaper of the format */
static void
report_compare_put(GString *out, const char *text, gboolean markdown)
{
	if (markdown)
		report_escape_markdown(out, text, REPORT_MARKDOWN_INLINE);
	else
		report_escape_terminal(out, text, REPORT_ESCAPE_NONE);
}

/* one block of sentences, each on its own line, as text or markdown paragraphs */
static void
report_compare_sentences(GString *out, const char *const *lines, guint n_lines, gboolean markdown)
{
	for (guint i = 0; i < n_lines; i++) {
		if (lines[i] == NULL)
			continue;
		g_string_append(out, markdown ? "\n" : "  ");
		report_compare_put(out, lines[i], markdown);
		g_string_append_c(out, '\n');
	}
}

/* the Savings Plans and Reserved Instances table: effective hourly = hourly + upfront / term
 * hours, per task-hour (Fargate) or instance-hour (EC2), and the month at that rate */
static ReportTable *
report_compare_commit_table(const PlanCompareEntry *entry)
{
	static const char *const header[] = {"OPTION",	    ">TASKS",	 ">INSTANCES", ">HOURLY",
					     ">UPFRONT",    ">EFFECTIVE", ">MONTHLY",	">ON-DEMAND",
					     "NOTE",	    NULL};
	ReportTable *table = report_table_new(header);

	for (guint i = 0; i < entry->commitments->len; i++) {
		const PlanCompareCommitOption *option =
		    &g_array_index(entry->commitments, PlanCompareCommitOption, i);
		gboolean ec2 = option->kind == PLAN_COMPARE_EC2;
		const char *unit = ec2 ? "/instance-h" : "/task-h";
		g_autofree char *tasks = g_strdup_printf("%" G_GINT64_FORMAT, option->tasks);
		g_autofree char *instances =
		    ec2 ? g_strdup_printf("%" G_GINT64_FORMAT, option->instances) : g_strdup("-");
		g_autofree char *hourly_text = report_nanos_to_string(option->hourly);
		g_autofree char *upfront_text = report_nanos_to_string(option->upfront_cost);
		g_autofree char *effective_text = report_nanos_to_string(option->effective);
		g_autofree char *hourly = NULL;
		g_autofree char *upfront = NULL;
		g_autofree char *effective = NULL;
		g_autofree char *money = NULL;
		g_autofree char *on_demand = report_money_cell(option->on_demand_cost, FALSE);
		g_autoptr(GString) note = g_string_new(NULL);

		if (option->priced) {
			hourly = g_strdup_printf("$%s%s", hourly_text, unit);
			upfront = option->upfront_cost > 0 ? g_strdup_printf("$%s", upfront_text)
							   : g_strdup("-");
			effective = g_strdup_printf("%s$%s%s", option->estimate ? "~" : "",
						    effective_text, unit);
			money = report_money_cell(option->monthly_cost, option->estimate);
			g_string_append_printf(note, "%s, source %s", option->purchase,
					       option->source != NULL ? option->source : "-");
		} else {
			hourly = g_strdup("-");
			upfront = g_strdup("-");
			effective = g_strdup("-");
			money = g_strdup("-");
			g_string_append_printf(note, "%s: price missing (no such rate in the book)",
					       option->purchase);
		}
		if (option->current)
			g_string_append(note, ", what the account commits");
		report_table_add_rowv(table, option->label, tasks, instances, hourly, upfront,
				      effective, money, on_demand, note->str, NULL);
	}
	return table;
}

static void
report_compare_commit_block(GString *out, const PlanCompareEntry *entry, gboolean markdown)
{
	g_autoptr(ReportTable) table = NULL;
	static const char heading[] =
	    "Savings Plans and Reserved Instances (effective = hourly + upfront / term hours; "
	    "Compute SP covers Fargate and EC2, EC2 Instance SP and RI only EC2)";

	if (entry->commitments->len == 0)
		return;
	table = report_compare_commit_table(entry);
	if (markdown) {
		g_string_append_printf(out, "\n%s:\n\n", heading);
		report_table_render_markdown(table, out);
	} else {
		g_string_append_printf(out, "  %s:\n", heading);
		report_compare_render_text(table, out);
		g_string_append_c(out, '\n');
	}
}

/* "106 tasks", "never in 1..200 (cheaper at 4 only)", "never in 1..200", "price missing (...)" */
static char *
report_compare_row_break_even(const PlanCompareEntry *entry, const PlanCompareBreakEvenRow *row)
{
	if (!row->priced)
		return g_strdup_printf("price missing (%s)", row->missing != NULL ? row->missing
										   : "no rate");
	if (row->found)
		return g_strdup_printf("%" G_GINT64_FORMAT " %s", row->tasks,
				       plan_text_plural(row->tasks, "task", "tasks"));
	if (row->first_cheaper > 0)
		return g_strdup_printf("never in 1..%" G_GINT64_FORMAT " (cheaper at %" G_GINT64_FORMAT
				       " only, then dearer again)",
				       entry->break_even.range, row->first_cheaper);
	return g_strdup_printf("never in 1..%" G_GINT64_FORMAT, entry->break_even.range);
}

static ReportTable *
report_compare_rows_table(const PlanCompareEntry *entry)
{
	static const char *const header[] = {"PURCHASE", "FARGATE AS", "BREAK-EVEN", ">AT TASKS",
					     ">INSTANCES", ">FARGATE", ">EC2", "EC2 PARTS", NULL};
	ReportTable *table = report_table_new(header);

	for (guint i = 0; i < entry->break_evens->len; i++) {
		const PlanCompareBreakEvenRow *row =
		    &g_array_index(entry->break_evens, PlanCompareBreakEvenRow, i);
		g_autofree char *even = report_compare_row_break_even(entry, row);
		g_autofree char *at = NULL;
		g_autofree char *instances = NULL;
		g_autofree char *fargate = NULL;
		g_autofree char *ec2 = NULL;
		g_autofree char *parts = NULL;

		if (row->priced) {
			g_autofree char *hours = report_compare_dollars(row->ec2_costs.instances);
			g_autofree char *ebs = report_compare_dollars(row->ec2_costs.ebs);
			g_autofree char *credits = report_compare_dollars(row->ec2_costs.credits);
			at = g_strdup_printf("%" G_GINT64_FORMAT, row->at_tasks);
			instances = g_strdup_printf("%" G_GINT64_FORMAT, row->at_instances);
			fargate = report_money_cell(row->fargate_costs.fargate, row->fargate_estimate);
			ec2 = report_money_cell(plan_compare_costs_total(&row->ec2_costs),
						row->estimate);
			parts = row->ec2_costs.credits > 0
				    ? g_strdup_printf("%s + EBS %s + credits %s", hours, ebs, credits)
				    : g_strdup_printf("%s + EBS %s", hours, ebs);
		}
		report_table_add_rowv(table, row->purchase, row->fargate_purchase, even,
				      at != NULL ? at : "-", instances != NULL ? instances : "-",
				      fargate != NULL ? fargate : "-", ec2 != NULL ? ec2 : "-",
				      parts != NULL ? parts : "-", NULL);
	}
	return table;
}

static void
report_compare_rows_block(GString *out, const PlanCompareEntry *entry, gboolean markdown)
{
	g_autoptr(ReportTable) table = NULL;
	g_autofree char *heading = NULL;

	if (entry->break_evens->len == 0 || entry->break_even.type == NULL)
		return;
	heading = g_strdup_printf(
	    "Break-even by purchase option (EC2 %s against Fargate %s bought the same way; EC2 "
	    "Instance SP and RI against Fargate's Compute SP of the same term; costs at the "
	    "break-even, else at %" G_GINT64_FORMAT " tasks)",
	    entry->break_even.type->name, report_compare_arch(entry->architecture),
	    entry->break_even.range);
	table = report_compare_rows_table(entry);
	if (markdown) {
		g_string_append_printf(out, "\n%s:\n\n", heading);
		report_table_render_markdown(table, out);
	} else {
		g_string_append_printf(out, "  %s:\n", heading);
		report_compare_render_text(table, out);
	}
}

static void
report_compare_section(GString *out, const PlanCompare *compare, const PlanCompareEntry *entry,
		       const ReportCompareOptions *options, gboolean markdown)
{
	ReportFlags flags = markdown ? REPORT_FLAG_NONE : options->flags;
	g_autofree char *task_line = report_compare_task_line(entry);
	g_autofree char *cheapest = report_compare_cheapest_line(entry);
	g_autofree char *break_even = report_compare_break_even_line(entry);
	g_autofree char *types = report_compare_types_line(compare, entry);
	g_autoptr(ReportTable) table = report_compare_options_table(entry);
	const char *lines[] = {cheapest, break_even, types};

	if (markdown) {
		g_string_append(out, "\n### Service ");
		report_compare_put(out, entry->name, TRUE);
		g_string_append(out, "\n\n");
		report_compare_put(out, task_line, TRUE);
		g_string_append(out, ".\n\n");
		report_table_render_markdown(table, out);
	} else {
		g_string_append_printf(out, "\n%sService ", report_color(flags, REPORT_ANSI_BOLD));
		report_compare_put(out, entry->name, FALSE);
		g_string_append_printf(out, "%s: %s\n", report_color(flags, REPORT_ANSI_RESET),
				       task_line);
		report_compare_render_text(table, out);
		g_string_append_c(out, '\n');
	}
	report_compare_commit_block(out, entry, markdown);
	report_compare_sentences(out, lines, G_N_ELEMENTS(lines), markdown);
	report_compare_rows_block(out, entry, markdown);
	/* no curve without a Fargate x86_64 price to draw it against */
	if (options->curve_table && entry->points->len > 0) {
		g_autofree char *heading = report_compare_curve_heading(entry);
		g_autoptr(ReportTable) curve = report_compare_curve_table(entry);
		if (markdown) {
			g_string_append_printf(out, "\n#### %s\n\n", heading);
			report_table_render_markdown(curve, out);
		} else {
			g_string_append_printf(out, "\n  %s\n", heading);
			report_compare_render_text(curve, out);
		}
	}
}

static void
report_compare_total_section(GString *out, const PlanCompare *compare,
			     const ReportCompareOptions *options, gboolean markdown)
{
	const PlanCompareEntry *total = compare->total;
	g_autofree char *heading = report_compare_total_heading(compare);
	g_autofree char *cheapest = report_compare_cheapest_line(total);
	g_autofree char *types = report_compare_types_line(compare, total);
	g_autoptr(ReportTable) table = report_compare_options_table(total);
	const char *lines[] = {cheapest, types,
			       "Break-even: per service only; the services scale on their own."};

	if (markdown) {
		g_string_append_printf(out, "\n### %s\n\n", heading);
		report_table_render_markdown(table, out);
	} else {
		g_string_append_printf(out, "\n%s%s%s\n",
				       report_color(options->flags, REPORT_ANSI_BOLD), heading,
				       report_color(options->flags, REPORT_ANSI_RESET));
		report_compare_render_text(table, out);
		g_string_append_c(out, '\n');
	}
	report_compare_commit_block(out, total, markdown);
	report_compare_sentences(out, lines, G_N_ELEMENTS(lines), markdown);
}

static void
report_compare_document(GString *out, const PlanModel *model, const PlanCompare *compare,
			const ReportCompareOptions *options, gboolean markdown)
{
	g_autofree char *title = report_compare_title(model, compare);

	g_string_append(out, markdown ? "## " : report_color(options->flags, REPORT_ANSI_BOLD));
	report_compare_put(out, title, markdown);
	g_string_append_printf(out, "%s\n",
			       markdown ? "" : report_color(options->flags, REPORT_ANSI_RESET));
	if (compare->services->len == 0)
		g_string_append(out, markdown ? "\nThe model has no services.\n"
					      : "\n  The model has no services.\n");
	for (guint s = 0; s < compare->services->len; s++)
		report_compare_section(out, compare, g_ptr_array_index(compare->services, s),
				       options, markdown);
	/* one service is its own total */
	if (compare->services->len > 1)
		report_compare_total_section(out, compare, options, markdown);
	if (options->chart != NULL) {
		g_string_append(out, markdown ? "\nChart: " : "\n  Chart: ");
		if (markdown)
			report_escape_markdown_code(out, options->chart);
		else
			report_escape_terminal(out, options->chart, REPORT_ESCAPE_NONE);
		g_string_append(out, markdown ? ".\n" : "\n");
	}
	/* a line that starts with "* " would be a Markdown list item */
	g_string_append_printf(out, markdown ? "\n\\%s.\n" : "\n  %s\n", report_compare_legend);
}

/* ---- json ------------------------------------------------------------------------------------ */

static void
report_json_add_string_or_null(cJSON *object, const char *key, const char *value)
{
	if (value != NULL)
		cJSON_AddStringToObject(object, key, value);
	else
		cJSON_AddNullToObject(object, key);
}

static void
report_json_add_ratio(cJSON *object, const char *key, double value)
{
	GString *text = g_string_new(NULL);
	report_format_decimal(value, 4, text);
	cJSON_AddItemToObject(object, key, cJSON_CreateRaw(text->str));
	g_string_free(text, TRUE);
}

static cJSON *
report_compare_json_options(const PlanCompareEntry *entry)
{
	cJSON *array = cJSON_CreateArray();

	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		gboolean ec2 = option->kind == PLAN_COMPARE_EC2;
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "label", option->label);
		cJSON_AddStringToObject(item, "launch_type", ec2 ? "EC2" : "FARGATE");
		cJSON_AddStringToObject(item, "architecture",
					report_compare_arch(option->architecture));
		cJSON_AddStringToObject(item, "purchase",
					option->purchase == PLAN_COMPARE_SPOT ? "spot" : "on-demand");
		report_json_add_string_or_null(item, "instance_type",
					       ec2 ? option->instance_type->name : NULL);
		if (ec2) {
			report_json_add_int(item, "instances", option->instances);
			cJSON_AddNullToObject(item, "on_demand_tasks");
			cJSON_AddNullToObject(item, "spot_tasks");
		} else {
			cJSON_AddNullToObject(item, "instances");
			report_json_add_int(item, "on_demand_tasks", option->on_demand_tasks);
			report_json_add_int(item, "spot_tasks", option->spot_tasks);
		}
		if (option->priced) {
			cJSON *costs = cJSON_CreateObject();
			report_json_add_money(item, "monthly_cost", option->monthly_cost);
			report_json_add_money(costs, "fargate", option->costs.fargate);
			report_json_add_money(costs, "instances", option->costs.instances);
			report_json_add_money(costs, "ebs", option->costs.ebs);
			report_json_add_money(costs, "cpu_credits", option->costs.credits);
			cJSON_AddItemToObject(item, "costs", costs);
		} else {
			cJSON_AddNullToObject(item, "monthly_cost");
			cJSON_AddNullToObject(item, "costs");
		}
		if (ec2 && option->purchase == PLAN_COMPARE_SPOT)
			report_json_add_string_or_null(item, "interruption", option->interruption);
		cJSON_AddBoolToObject(item, "estimate", option->estimate);
		cJSON_AddBoolToObject(item, "current", option->current);
		if (option->burst != PLAN_COMPARE_NOT_BURSTABLE) {
			cJSON *burst = cJSON_CreateObject();
			cJSON_AddStringToObject(burst, "mode",
						option->burst == PLAN_COMPARE_UNLIMITED
						    ? "unlimited"
						    : "standard");
			report_json_add_ratio(burst, "baseline", option->baseline);
			if (entry->utilization_known)
				report_json_add_ratio(burst, "surplus_vcpu_hours",
						      option->surplus_vcpu_hours);
			else
				cJSON_AddNullToObject(burst, "surplus_vcpu_hours");
			cJSON_AddItemToObject(item, "burstable", burst);
		} else {
			cJSON_AddNullToObject(item, "burstable");
		}
		cJSON_AddItemToArray(array, item);
	}
	for (guint i = 0; i < entry->commitments->len; i++) {
		const PlanCompareCommitOption *option =
		    &g_array_index(entry->commitments, PlanCompareCommitOption, i);
		gboolean ec2 = option->kind == PLAN_COMPARE_EC2;
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "label", option->label);
		cJSON_AddStringToObject(item, "launch_type", ec2 ? "EC2" : "FARGATE");
		cJSON_AddStringToObject(item, "architecture",
					report_compare_arch(option->architecture));
		cJSON_AddStringToObject(item, "purchase", option->purchase);
		report_json_add_string_or_null(item, "instance_type",
					       ec2 ? option->instance_type->name : NULL);
		if (ec2) {
			report_json_add_int(item, "instances", option->instances);
			cJSON_AddNullToObject(item, "on_demand_tasks");
		} else {
			cJSON_AddNullToObject(item, "instances");
			report_json_add_int(item, "on_demand_tasks", option->tasks);
		}
		report_json_add_int(item, "spot_tasks", 0);
		if (option->priced) {
			cJSON *costs = cJSON_CreateObject();
			cJSON *commitment = cJSON_CreateObject();
			report_json_add_money(item, "monthly_cost", option->monthly_cost);
			report_json_add_money(costs, "fargate", option->costs.fargate);
			report_json_add_money(costs, "instances", option->costs.instances);
			report_json_add_money(costs, "ebs", option->costs.ebs);
			report_json_add_money(costs, "cpu_credits", option->costs.credits);
			cJSON_AddItemToObject(item, "costs", costs);
			cJSON_AddStringToObject(commitment, "unit",
						ec2 ? "instance-hour" : "task-hour");
			report_json_add_money(commitment, "hourly", option->hourly);
			report_json_add_money(commitment, "upfront", option->upfront_cost);
			report_json_add_int(commitment, "term_hours",
					    PLAN_HOURS_PER_YEAR * plan_term_years(option->term));
			report_json_add_money(commitment, "effective_hourly", option->effective);
			report_json_add_string_or_null(commitment, "source", option->source);
			cJSON_AddItemToObject(item, "commitment", commitment);
		} else {
			cJSON_AddNullToObject(item, "monthly_cost");
			cJSON_AddNullToObject(item, "costs");
			cJSON_AddNullToObject(item, "commitment");
		}
		report_json_add_money(item, "on_demand_cost", option->on_demand_cost);
		cJSON_AddBoolToObject(item, "estimate", option->estimate);
		cJSON_AddBoolToObject(item, "current", option->current);
		cJSON_AddNullToObject(item, "burstable");
		cJSON_AddItemToArray(array, item);
	}
	return array;
}

static void
report_compare_json_labels(cJSON *object, const PlanCompareEntry *entry)
{
	const PlanCompareOption *cheapest = plan_compare_cheapest(entry);
	const PlanCompareOption *current = plan_compare_current(entry);
	report_json_add_string_or_null(object, "cheapest",
				       cheapest != NULL ? cheapest->label : NULL);
	report_json_add_string_or_null(object, "current", current != NULL ? current->label : NULL);
}

static cJSON *
report_compare_json_break_even(const PlanCompareBreakEven *even)
{
	cJSON *object;

	if (even->type == NULL)
		return cJSON_CreateNull();
	object = cJSON_CreateObject();
	cJSON_AddStringToObject(object, "instance_type", even->type->name);
	report_json_add_int(object, "range", even->range);
	if (even->first_cheaper > 0)
		report_json_add_int(object, "first_cheaper_tasks", even->first_cheaper);
	else
		cJSON_AddNullToObject(object, "first_cheaper_tasks");
	if (!even->found) {
		cJSON_AddNullToObject(object, "instances");
		cJSON_AddNullToObject(object, "fargate_cost");
		cJSON_AddNullToObject(object, "ec2_cost");
		cJSON_AddNullToObject(object, "ec2_instances_cost");
		cJSON_AddNullToObject(object, "ec2_ebs_cost");
		cJSON_AddNullToObject(object, "ec2_cpu_credits_cost");
		cJSON_AddNullToObject(object, "cpu_utilisation");
		cJSON_AddNullToObject(object, "memory_utilisation");
		return object;
	}
	report_json_add_int(object, "instances", even->instances);
	report_json_add_money(object, "fargate_cost", even->fargate);
	report_json_add_money(object, "ec2_cost", even->ec2);
	report_json_add_money(object, "ec2_instances_cost", even->ec2_costs.instances);
	report_json_add_money(object, "ec2_ebs_cost", even->ec2_costs.ebs);
	report_json_add_money(object, "ec2_cpu_credits_cost", even->ec2_costs.credits);
	report_json_add_ratio(object, "cpu_utilisation", even->cpu_utilisation);
	report_json_add_ratio(object, "memory_utilisation", even->memory_utilisation);
	return object;
}

static cJSON *
report_compare_json_costs(const PlanCompareCosts *costs)
{
	cJSON *object = cJSON_CreateObject();
	report_json_add_money(object, "fargate", costs->fargate);
	report_json_add_money(object, "instances", costs->instances);
	report_json_add_money(object, "ebs", costs->ebs);
	report_json_add_money(object, "cpu_credits", costs->credits);
	return object;
}

/* one object per purchase option: its break-even and every cost component at it (or at the
 * range's end when there is none) */
static cJSON *
report_compare_json_rows(const PlanCompareEntry *entry)
{
	cJSON *array = cJSON_CreateArray();

	for (guint i = 0; i < entry->break_evens->len; i++) {
		const PlanCompareBreakEvenRow *row =
		    &g_array_index(entry->break_evens, PlanCompareBreakEvenRow, i);
		cJSON *object = cJSON_CreateObject();
		cJSON *at;
		cJSON_AddStringToObject(object, "purchase", row->purchase);
		cJSON_AddStringToObject(object, "fargate_purchase", row->fargate_purchase);
		cJSON_AddStringToObject(object, "instance_type", entry->break_even.type->name);
		report_json_add_int(object, "range", entry->break_even.range);
		cJSON_AddBoolToObject(object, "priced", row->priced);
		report_json_add_string_or_null(object, "missing", row->missing);
		if (row->found)
			report_json_add_int(object, "break_even_tasks", row->tasks);
		else
			cJSON_AddNullToObject(object, "break_even_tasks");
		if (row->first_cheaper > 0)
			report_json_add_int(object, "first_cheaper_tasks", row->first_cheaper);
		else
			cJSON_AddNullToObject(object, "first_cheaper_tasks");
		cJSON_AddBoolToObject(object, "estimate", row->estimate);
		cJSON_AddBoolToObject(object, "fargate_estimate", row->fargate_estimate);
		if (!row->priced) {
			cJSON_AddNullToObject(object, "at");
			cJSON_AddItemToArray(array, object);
			continue;
		}
		at = cJSON_CreateObject();
		report_json_add_int(at, "tasks", row->at_tasks);
		report_json_add_int(at, "instances", row->at_instances);
		report_json_add_money(at, "fargate_cost", row->fargate_costs.fargate);
		report_json_add_money(at, "ec2_cost", plan_compare_costs_total(&row->ec2_costs));
		cJSON_AddItemToObject(at, "fargate_costs",
				      report_compare_json_costs(&row->fargate_costs));
		cJSON_AddItemToObject(at, "ec2_costs", report_compare_json_costs(&row->ec2_costs));
		cJSON_AddItemToObject(object, "at", at);
		cJSON_AddItemToArray(array, object);
	}
	return array;
}

static cJSON *
report_compare_json_service(const PlanCompareEntry *entry)
{
	cJSON *object = cJSON_CreateObject();
	cJSON *task = cJSON_CreateObject();

	cJSON_AddStringToObject(object, "name", entry->name);
	report_json_add_int(object, "tasks", entry->tasks);
	report_json_add_int(object, "peak_tasks", entry->peak_tasks);
	report_json_add_int(object, "ebs_gb", entry->ebs_gb);
	if (entry->utilization_known)
		report_json_add_ratio(object, "cpu_utilization", entry->cpu_utilization);
	else
		cJSON_AddNullToObject(object, "cpu_utilization");
	report_json_add_int(task, "cpu", entry->cpu_units);
	report_json_add_int(task, "memory", entry->memory_mib);
	report_json_add_int(task, "fargate_cpu", entry->fargate_cpu_units);
	report_json_add_int(task, "fargate_memory", entry->fargate_memory_mib);
	cJSON_AddStringToObject(task, "architecture", report_compare_arch(entry->architecture));
	cJSON_AddStringToObject(task, "network_mode",
				plan_network_mode_to_string(entry->network_mode));
	cJSON_AddBoolToObject(task, "trunking", entry->trunking);
	cJSON_AddItemToObject(object, "task", task);
	report_json_add_int(object, "azs", entry->n_azs);
	cJSON_AddItemToObject(object, "options", report_compare_json_options(entry));
	report_compare_json_labels(object, entry);
	if (entry->break_even.found)
		report_json_add_int(object, "break_even_tasks", entry->break_even.tasks);
	else
		cJSON_AddNullToObject(object, "break_even_tasks");
	cJSON_AddItemToObject(object, "break_even",
			      report_compare_json_break_even(&entry->break_even));
	cJSON_AddItemToObject(object, "break_even_by_purchase", report_compare_json_rows(entry));
	report_json_add_int(object, "instance_types_fitting", entry->n_fitting_types);
	report_json_add_int(object, "instance_types_unpriced", entry->n_unpriced_types);
	report_json_add_int(object, "instance_types_burstable_left_out",
			    entry->n_burstable_skipped);
	report_json_add_int(object, "instance_types_throttled_left_out",
			    entry->n_throttled_skipped);
	if (entry->burst_type != NULL) {
		cJSON *burst = cJSON_CreateObject();
		cJSON_AddStringToObject(burst, "instance_type", entry->burst_type->name);
		report_json_add_ratio(burst, "cpu_utilization_below", entry->burst_utilization);
		cJSON_AddItemToObject(object, "burstable_cheaper", burst);
	} else {
		cJSON_AddNullToObject(object, "burstable_cheaper");
	}
	return object;
}

static gboolean
report_compare_json(const PlanCompare *compare, GString *out, GError **error)
{
	g_autoptr(cJSON) root = cJSON_CreateObject();
	cJSON *book = cJSON_CreateObject();
	cJSON *services = cJSON_CreateArray();
	cJSON *total = cJSON_CreateObject();
	GString *hours = g_string_new(NULL);

	cJSON_AddStringToObject(root, "currency", "USD");
	report_format_decimal(compare->hours, 9, hours);
	cJSON_AddItemToObject(root, "hours", cJSON_CreateRaw(hours->str));
	g_string_free(hours, TRUE);
	cJSON_AddStringToObject(root, "region", compare->region);
	cJSON_AddStringToObject(book, "as_of", compare->book_as_of);
	if (compare->figures_oldest != NULL) {
		cJSON_AddStringToObject(book, "figures_oldest", compare->figures_oldest);
		cJSON_AddStringToObject(book, "figures_newest", compare->figures_newest);
	} else {
		cJSON_AddNullToObject(book, "figures_oldest");
		cJSON_AddNullToObject(book, "figures_newest");
	}
	cJSON_AddNumberToObject(book, "figures_undated", compare->n_undated);
	cJSON_AddStringToObject(book, "origin", compare->book_origin);
	cJSON_AddItemToObject(root, "price_book", book);
	for (guint s = 0; s < compare->services->len; s++)
		cJSON_AddItemToArray(
		    services, report_compare_json_service(g_ptr_array_index(compare->services, s)));
	cJSON_AddItemToObject(root, "services", services);
	report_json_add_int(total, "tasks", compare->total->tasks);
	cJSON_AddItemToObject(total, "options", report_compare_json_options(compare->total));
	report_compare_json_labels(total, compare->total);
	cJSON_AddNullToObject(total, "break_even_tasks");
	report_json_add_int(total, "instance_types_fitting", compare->total->n_fitting_types);
	report_json_add_int(total, "instance_types_unpriced", compare->total->n_unpriced_types);
	cJSON_AddItemToObject(root, "total", total);
	if (!plan_json_print_append(out, root, TRUE, error))
		return FALSE;
	g_string_append_c(out, '\n');
	return TRUE;
}

/**
 * report_compare:
 * @model: (transfer none): the model compared (its name heads the text)
 * @compare: (transfer none): the result of plan_compare()
 * @options: (nullable): colour, the curve table, the chart's file name
 * Returns: (transfer full): the document, or NULL with @error set (a format compare cannot give)
 */
GString *
report_compare(const PlanModel *model, const PlanCompare *compare, ReportFormat format,
	       const ReportCompareOptions *options, GError **error)
{
	g_autoptr(GString) out = g_string_new(NULL);
	ReportCompareOptions defaults = {REPORT_FLAG_NONE, TRUE, NULL};

	g_return_val_if_fail(model != NULL, NULL);
	g_return_val_if_fail(compare != NULL, NULL);
	if (options == NULL)
		options = &defaults;
	switch (format) {
	case REPORT_FORMAT_TEXT:
		report_compare_document(out, model, compare, options, FALSE);
		/* names were escaped where they were written; this catches any other */
		report_escape_terminal_document(out, options->flags);
		break;
	case REPORT_FORMAT_MARKDOWN:
		report_compare_document(out, model, compare, options, TRUE);
		break;
	case REPORT_FORMAT_JSON:
		if (!report_compare_json(compare, out, error))
			return NULL;
		break;
	default:
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE, "compare cannot be shown as '%s'",
			    report_format_info(format)->name);
		return NULL;
	}
	return g_steal_pointer(&out);
}

/* ---- the chart ------------------------------------------------------------------------------ */

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

/* the model's service @name, or NULL */
static const PlanService *
report_compare_model_service(const PlanModel *model, const char *name)
{
	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		if (g_strcmp0(service->name, name) == 0)
			return service;
	}
	return NULL;
}

/* the task counts a panel shows: the service's own range, not the 1..range searched. Up to
 * twice its autoscaling max (else desired), at least 10, at most the range; widened to the
 * break-even when that is within twice as far again, so the crossing stays in view */
static gint64
report_compare_chart_right(const PlanCompareEntry *entry, gint64 max_tasks)
{
	const PlanCompareBreakEven *even = &entry->break_even;
	gint64 range = MAX(even->range, 2);
	gint64 right = MAX(10, 2 * MAX(max_tasks, entry->tasks));

	if (even->found && even->tasks > right && even->tasks <= 2 * right)
		right = even->tasks + even->tasks / 5 + 1;
	return MIN(right, range);
}

static void
report_compare_chart_panel(GString *script, guint index, const PlanCompareEntry *entry,
			   const PlanService *service)
{
	const PlanCompareBreakEven *even = &entry->break_even;
	const PlanCompareOption *spot = NULL;
	g_autoptr(GString) title = g_string_new(NULL);
	gint64 max_tasks = service != NULL ? plan_service_peak_tasks(service) : entry->tasks;
	gint64 right = report_compare_chart_right(entry, max_tasks);

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
	if (even->found && even->tasks > 1 && even->tasks <= right)
		g_string_append_printf(script,
				       "set arrow from %" G_GINT64_FORMAT
				       ", graph 0 to %" G_GINT64_FORMAT
				       ", graph 1 nohead dashtype 2 linecolor rgb '#888888'\n",
				       even->tasks, even->tasks);
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
			       "background rgb 'white'\nset output\n",
			       REPORT_COMPARE_CHART_WIDTH, MAX(n, 1u) * 360u);
	for (guint s = 0; s < n; s++) {
		const PlanCompareEntry *entry = g_ptr_array_index(compare->services, s);
		const PlanService *service = report_compare_model_service(model, entry->name);
		gint64 max_tasks = service != NULL ? plan_service_peak_tasks(service) : entry->tasks;
		report_compare_chart_data(script, s, entry,
					  report_compare_chart_right(entry, max_tasks));
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
		report_compare_chart_panel(script, s, entry,
					   report_compare_model_service(model, entry->name));
	}
	if (n == 0)
		g_string_append(script, "plot [0:1] 0 notitle\n");
	g_string_append(script, "unset multiplot\n");
	return g_string_free(script, FALSE);
}
