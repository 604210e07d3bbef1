#include "render-compare.h"
#include "render-compare-private.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "compat.h"
#include "escape.h"
#include "json-util.h"
#include "plan-error.h"
#include "table.h"
#include "text.h"

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


/* "5", "1 + 4 Spot", "5 Spot" */
static char *
report_compare_tasks(const PlanCompareEntry *entry, const PlanCompareOption *option)
{
	char count[PLAN_TEXT_INT_SIZE];

	if (option->spot_tasks > 0 && option->kind != PLAN_COMPARE_EC2 &&
	    option->on_demand_tasks > 0)
		return g_strdup_printf("%" G_GINT64_FORMAT " + %" G_GINT64_FORMAT " Spot",
				       option->on_demand_tasks, option->spot_tasks);
	if (option->spot_tasks > 0 && option->kind != PLAN_COMPARE_EC2)
		return g_strdup_printf("%" G_GINT64_FORMAT " Spot", option->spot_tasks);
	plan_text_int(count,
		      option->kind == PLAN_COMPARE_EC2 ? entry->tasks : option->on_demand_tasks);
	return g_strdup(count);
}

/* an EC2 row's network when a what-if is asked or trunking is: "awsvpc, trunking", "awsvpc,
 * no trunking", "awsvpc, trunking not supported" (asked, but the type lacks it: t2, t3),
 * "bridge"; NULL otherwise (the task line says it: awsvpc without trunking) */
static char *
report_compare_network(const PlanCompare *compare, const PlanCompareOption *option)
{
	const char *mode = plan_network_mode_to_string(option->network_mode);

	if (option->kind != PLAN_COMPARE_EC2 ||
	    (compare->trunking == PLAN_COMPARE_TRUNKING_MODEL && !compare->network_mode_given &&
	     !option->trunking_asked))
		return NULL;
	if (option->network_mode != PLAN_NETWORK_AWSVPC)
		return g_strdup(mode);
	if (option->trunking)
		return g_strdup_printf("%s, trunking", mode);
	return g_strdup_printf("%s, %s", mode,
			       option->trunking_asked ? "trunking not supported" : "no trunking");
}

static char *
report_compare_note(const PlanCompare *compare, const PlanCompareEntry *entry,
		    const PlanCompareOption *option, gboolean cheapest)
{
	g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func(g_free);
	char *network = report_compare_network(compare, option);

	if (cheapest)
		g_ptr_array_add(notes, g_strdup("cheapest"));
	if (option->current)
		g_ptr_array_add(notes, g_strdup("what the model runs"));
	if (!option->priced)
		g_ptr_array_add(notes, g_strdup("no price in the book"));
	if (network != NULL)
		g_ptr_array_add(notes, network);
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
	/* what the cluster's daemons and reserved memory take of each instance */
	if (option->kind == PLAN_COMPARE_EC2 && option->n_daemons > 0) {
		g_autofree char *cpu = report_compare_percent(option->daemon_cpu_share);
		g_autofree char *memory = report_compare_percent(option->daemon_memory_share);
		g_ptr_array_add(notes,
				g_strdup_printf("%u %s %" G_GINT64_FORMAT
						" CPU units / %" G_GINT64_FORMAT
						" MiB of each instance (%s CPU, %s memory)",
						option->n_daemons,
						option->n_daemons == 1 ? "daemon takes"
								       : "daemons take",
						option->daemon_cpu_units, option->daemon_memory_mib,
						cpu, memory));
	}
	if (option->kind == PLAN_COMPARE_EC2 && option->reserved_memory_mib > 0)
		g_ptr_array_add(notes,
				g_strdup_printf("ECS_RESERVED_MEMORY %" G_GINT64_FORMAT " MiB",
						option->reserved_memory_mib));
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
report_compare_options_table(const PlanCompare *compare, const PlanCompareEntry *entry)
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
		char instances[PLAN_TEXT_INT_SIZE] = "-";
		char per_instance[PLAN_TEXT_INT_SIZE + 16] = "-";
		g_autofree char *cpu =
		    ec2 ? report_compare_percent(option->cpu_utilisation) : g_strdup("-");
		g_autofree char *memory =
		    ec2 ? report_compare_percent(option->memory_utilisation) : g_strdup("-");
		char money[REPORT_MONEY_SIZE] = "-";
		g_autofree char *note =
		    report_compare_note(compare, entry, option, option == cheapest);

		if (ec2)
			plan_text_int(instances, option->instances);
		/* "3 (eni)" */
		if (ec2 && option->tasks_per_instance > 0 && option->tasks_per_instance < G_MAXINT64) {
			gsize length = plan_text_int(per_instance, option->tasks_per_instance);
			g_snprintf(per_instance + length, sizeof per_instance - length, " (%s)",
				   plan_limit_to_string(option->limit));
		}
		if (option->priced)
			report_money_text(money, option->monthly_cost, option->estimate);
		report_table_add_rowv(table, option == cheapest ? "*" : "", option->label, tasks,
				      instances, per_instance, cpu, memory, money, note, NULL);
	}
	return table;
}

/* a text table without the spaces an empty last cell leaves at the end of a line (nor any
 * other trailing white space, as g_strchomp() strips it): rendered after @out's end, then
 * each line moved down over the blanks the line before it lost */
static void
report_compare_render_text(const ReportTable *table, GString *out)
{
	gsize start = out->len;
	gsize write = start;
	const char *end;

	report_table_render_text(table, "  ", out);
	end = out->str + out->len;
	for (const char *line = out->str + start; line < end;) {
		const char *newline = memchr(line, '\n', (gsize)(end - line));
		const char *stop = newline != NULL ? newline : end;
		const char *last = stop;
		while (last > line && g_ascii_isspace(last[-1]))
			last--;
		memmove(out->str + write, line, (gsize)(last - line));
		write += (gsize)(last - line);
		if (newline == NULL) {
			/* a last line without its newline (a table always ends with one) */
			g_string_truncate(out, write);
			g_string_append_c(out, '\n');
			return;
		}
		out->str[write++] = '\n';
		line = newline + 1;
	}
	g_string_truncate(out, write);
}

/* ---- sentences ------------------------------------------------------------------------------ */

/* "3 tasks of 256 CPU units / 512 MiB, x86_64, awsvpc, over 2 AZs"; under a what-if the
 * network is EC2's ("bridge on EC2 (what-if)", "awsvpc with and without ENI trunking") */
static char *
report_compare_task_line(const PlanCompare *compare, const PlanCompareEntry *entry)
{
	GString *out = g_string_new(NULL);
	gboolean awsvpc = entry->network_mode == PLAN_NETWORK_AWSVPC;
	const char *trunking = compare->trunking != PLAN_COMPARE_TRUNKING_BOTH
				   ? (entry->trunking ? " with ENI trunking" : "")
			       : awsvpc ? " with and without ENI trunking"
					: "";

	g_string_append_printf(out,
			       "%" G_GINT64_FORMAT " %s of %" G_GINT64_FORMAT
			       " CPU units / %" G_GINT64_FORMAT " MiB, %s, %s%s%s, over %u %s",
			       entry->tasks, plan_text_plural(entry->tasks, "task", "tasks"),
			       entry->cpu_units, entry->memory_mib,
			       report_compare_arch(entry->architecture),
			       plan_network_mode_to_string(entry->network_mode), trunking,
			       compare->network_mode_given ||
				       compare->trunking != PLAN_COMPARE_TRUNKING_MODEL
				   ? " on EC2 (what-if)"
				   : "",
			       entry->n_azs, entry->n_azs == 1 ? "AZ" : "AZs");
	if (entry->n_daemons > 0)
		g_string_append_printf(
		    out,
		    "; Fargate has no daemons, so the daemon%s %s of its cluster run%s as a sidecar "
		    "in every Fargate task (AWS's advice for daemons on Fargate): + %" G_GINT64_FORMAT
		    " CPU units / %" G_GINT64_FORMAT " MiB, Fargate priced at %" G_GINT64_FORMAT
		    "/%" G_GINT64_FORMAT,
		    entry->n_daemons > 1 ? "s" : "", entry->daemon_names,
		    entry->n_daemons > 1 ? "" : "s", entry->sidecar_cpu_units,
		    entry->sidecar_memory_mib, entry->fargate_cpu_units, entry->fargate_memory_mib);
	else if (entry->fargate_fitted)
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

/* the end of a found break-even's sentence: "at 80: 27 instances at $1892.16 ($1852.56 of
 * instance hours + $39.60 of EBS[ + $x of CPU credits]) against $1928.15 a month, the
 * instances' CPU 61.2% and memory 30.6% reserved." */
static char *
report_compare_even_at(const PlanCompareBreakEven *even)
{
	g_autofree char *ec2 = report_compare_dollars(even->ec2);
	g_autofree char *fargate = report_compare_dollars(even->fargate);
	g_autofree char *hours = report_compare_dollars(even->ec2_costs.instances);
	g_autofree char *ebs = report_compare_dollars(even->ec2_costs.ebs);
	g_autofree char *credit_money = report_compare_dollars(even->ec2_costs.credits);
	g_autofree char *cpu = report_compare_percent(even->cpu_utilisation);
	g_autofree char *memory = report_compare_percent(even->memory_utilisation);
	g_autofree char *credits = even->ec2_costs.credits > 0
				       ? g_strdup_printf(" + %s of CPU credits", credit_money)
				       : g_strdup("");

	return g_strdup_printf("at %" G_GINT64_FORMAT ": %" G_GINT64_FORMAT " %s at %s (%s of "
			       "instance hours + %s of EBS%s) against %s a month, the instances' "
			       "CPU %s and memory %s reserved.",
			       even->tasks, even->instances,
			       plan_text_plural(even->instances, "instance", "instances"), ec2,
			       hours, ebs, credits, fargate, cpu, memory);
}

static char *
report_compare_break_even_line(const PlanCompareEntry *entry)
{
	const PlanCompareBreakEven *even = &entry->break_even;

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
	{
		g_autofree char *at = report_compare_even_at(even);
		return g_strdup_printf(
		    "Break-even: %" G_GINT64_FORMAT " %s. From there to %" G_GINT64_FORMAT
		    " (the end of the range searched), EC2 %s costs less than Fargate x86_64 at "
		    "every count; %s",
		    even->tasks, plan_text_plural(even->tasks, "task", "tasks"), even->range,
		    even->type->name, at);
	}
}

/* "api 27, worker 13": each service's share of @tasks in all (plan_compare_apportion), the
 * first REPORT_COMPARE_SHARES_SHOWN services with tasks */
#define REPORT_COMPARE_SHARES_SHOWN 6
static char *
report_compare_shares(const PlanCompare *compare, gint64 tasks)
{
	guint n = compare->services->len;
	g_autofree gint64 *desired = g_new0(gint64, MAX(n, 1u));
	g_autofree gint64 *shares = g_new0(gint64, MAX(n, 1u));
	GString *out = g_string_new(NULL);
	guint shown = 0;
	guint more = 0;

	for (guint s = 0; s < n; s++)
		desired[s] = ((const PlanCompareEntry *)g_ptr_array_index(compare->services, s))->tasks;
	plan_compare_apportion(desired, n, tasks, shares);
	for (guint s = 0; s < n; s++) {
		const PlanCompareEntry *entry = g_ptr_array_index(compare->services, s);
		if (desired[s] == 0)
			continue;
		if (shown == REPORT_COMPARE_SHARES_SHOWN) {
			more++;
			continue;
		}
		g_string_append_printf(out, "%s%s %" G_GINT64_FORMAT, shown > 0 ? ", " : "",
				       entry->name, shares[s]);
		shown++;
	}
	if (more > 0)
		g_string_append_printf(out, " and %u more", more);
	return g_string_free(out, FALSE);
}

/* the shared fleet's break-even: every service scaled together, the model's mix kept */
static char *
report_compare_total_break_even_line(const PlanCompare *compare)
{
	const PlanCompareEntry *total = compare->total;
	const PlanCompareBreakEven *even = &total->break_even;
	const PlanCompareBreakEvenRow *row;
	g_autofree char *method = NULL;

	if (even->type == NULL || total->break_evens->len == 0)
		return g_strdup("Break-even: none; no priced instance type holds every service's "
				"task.");
	row = &g_array_index(total->break_evens, PlanCompareBreakEvenRow, 0);
	if (!row->priced)
		return g_strdup("Break-even: none; the book lacks a Fargate rate a service needs.");
	if ((gint64)row->points_evaluated >= even->range)
		method = g_strdup_printf("every service scaled together, each one's share of the "
					 "total in proportion to its desired count; every total "
					 "from 1 to %" G_GINT64_FORMAT " evaluated",
					 even->range);
	else
		method = g_strdup_printf(
		    "every service scaled together, each one's share of the total in proportion to "
		    "its desired count; %u of the %" G_GINT64_FORMAT " totals evaluated: a sweep of "
		    "%u, a bisection and a walk past the last dearer one",
		    row->points_evaluated, even->range, (guint)PLAN_COMPARE_FLEET_SWEEP);
	if (!even->found)
		return g_strdup_printf("Break-even: none up to %" G_GINT64_FORMAT
				       " tasks; the shared fleet on EC2 %s costs more than Fargate "
				       "%s at the end of the range (%s).",
				       even->range, even->type->name,
				       report_compare_arch(total->architecture), method);
	{
		g_autofree char *shares = report_compare_shares(compare, even->tasks);
		g_autofree char *at = report_compare_even_at(even);
		return g_strdup_printf(
		    "Break-even: %" G_GINT64_FORMAT " %s in all (%s). From there to %" G_GINT64_FORMAT
		    " the shared fleet on EC2 %s costs less than Fargate %s at every total evaluated "
		    "(%s); %s",
		    even->tasks, plan_text_plural(even->tasks, "task", "tasks"), shares, even->range,
		    even->type->name, report_compare_arch(total->architecture), method, at);
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
		/* the cells in buffers here: a chart's data is thousands of rows */
		char tasks[PLAN_TEXT_INT_SIZE];
		char x86[REPORT_MONEY_SIZE];
		char arm[REPORT_MONEY_SIZE] = "-";
		char spot[REPORT_MONEY_SIZE] = "-";
		char ec2[REPORT_MONEY_SIZE] = "-";
		char instances[PLAN_TEXT_INT_SIZE] = "-";
		const char *mark = "";
		if (!report_compare_curve_row(entry, i))
			continue;
		plan_text_int(tasks, point->tasks);
		report_money_text(x86, point->fargate_x86, FALSE);
		if (!(point->unpriced & (1u << PLAN_COMPARE_FARGATE_ARM)))
			report_money_text(arm, point->fargate_arm, FALSE);
		if (!(point->unpriced & (1u << PLAN_COMPARE_FARGATE_SPOT)))
			report_money_text(spot, point->fargate_spot, FALSE);
		if (type != NULL) {
			report_money_text(ec2, point->ec2, FALSE);
			plan_text_int(instances, point->instances);
		}
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
		char tasks[PLAN_TEXT_INT_SIZE];
		char instances[PLAN_TEXT_INT_SIZE] = "-";
		g_autofree char *hourly_text = report_nanos_to_string(option->hourly);
		g_autofree char *upfront_text = report_nanos_to_string(option->upfront_cost);
		g_autofree char *effective_text = report_nanos_to_string(option->effective);
		g_autofree char *hourly = NULL;
		g_autofree char *upfront = NULL;
		g_autofree char *effective = NULL;
		g_autofree char *money = NULL;
		char on_demand[REPORT_MONEY_SIZE];
		g_autoptr(GString) note = g_string_new(NULL);

		plan_text_int(tasks, option->tasks);
		if (ec2)
			plan_text_int(instances, option->instances);
		report_money_text(on_demand, option->on_demand_cost, FALSE);
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
					     ">INSTANCES", ">FARGATE", ">EC2", "EC2 PARTS", ">CPU",
					     ">MEMORY", "ASSUMES", NULL};
	ReportTable *table = report_table_new(header);

	for (guint i = 0; i < entry->break_evens->len; i++) {
		const PlanCompareBreakEvenRow *row =
		    &g_array_index(entry->break_evens, PlanCompareBreakEvenRow, i);
		g_autofree char *even = report_compare_row_break_even(entry, row);
		char at[PLAN_TEXT_INT_SIZE] = "-";
		char instances[PLAN_TEXT_INT_SIZE] = "-";
		char fargate[REPORT_MONEY_SIZE] = "-";
		char ec2[REPORT_MONEY_SIZE] = "-";
		g_autofree char *parts = NULL;
		g_autofree char *cpu = NULL;
		g_autofree char *memory = NULL;
		g_autofree char *assumes = NULL;

		if (row->priced) {
			cpu = report_compare_percent(row->cpu_reserved);
			memory = report_compare_percent(row->memory_reserved);
			assumes = report_compare_row_assumes(entry, row);
			g_autofree char *hours = report_compare_dollars(row->ec2_costs.instances);
			g_autofree char *ebs = report_compare_dollars(row->ec2_costs.ebs);
			g_autofree char *credits = report_compare_dollars(row->ec2_costs.credits);
			plan_text_int(at, row->at_tasks);
			plan_text_int(instances, row->at_instances);
			report_money_text(fargate, row->fargate_costs.fargate, row->fargate_estimate);
			report_money_text(ec2, plan_compare_costs_total(&row->ec2_costs),
					  row->estimate);
			parts = row->ec2_costs.credits > 0
				    ? g_strdup_printf("%s + EBS %s + credits %s", hours, ebs, credits)
				    : g_strdup_printf("%s + EBS %s", hours, ebs);
		}
		report_table_add_rowv(table, row->purchase, row->fargate_purchase, even, at,
				      instances, fargate, ec2, parts != NULL ? parts : "-", cpu != NULL ? cpu : "-",
				      memory != NULL ? memory : "-", assumes != NULL ? assumes : "-",
				      NULL);
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
	    "Break-even by purchase option (%s%s against Fargate %s bought the same way; EC2 "
	    "Instance SP and RI against Fargate's Compute SP of the same term; costs at the "
	    "break-even, else at %" G_GINT64_FORMAT " tasks; CPU and MEMORY reserved there%s)",
	    entry->name == NULL ? "the shared fleet on EC2 " : "EC2 ", entry->break_even.type->name,
	    report_compare_arch(entry->architecture), entry->break_even.range,
	    entry->name == NULL ? "; every service scaled together, the mix kept" : "");
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
	g_autofree char *task_line = report_compare_task_line(compare, entry);
	g_autofree char *cheapest = report_compare_cheapest_line(entry);
	g_autofree char *break_even = report_compare_break_even_line(entry);
	g_autofree char *types = report_compare_types_line(compare, entry);
	g_autoptr(ReportTable) table = report_compare_options_table(compare, entry);
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
	g_autoptr(ReportTable) table = report_compare_options_table(compare, total);
	g_autofree char *break_even = report_compare_total_break_even_line(compare);
	const char *lines[] = {cheapest, break_even, types};

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
	report_compare_rows_block(out, total, markdown);
}

/* the what-ifs asked, in one sentence under the title; nothing without one */
static void
report_compare_what_if(GString *out, const PlanCompare *compare, gboolean markdown)
{
	static const char *const trunkings[] = {
	    NULL, "ENI trunking off", "ENI trunking on",
	    "ENI trunking on and off (each EC2 type twice; the break-even, Spot and commitment rows "
	    "with it on)"};
	g_autoptr(GString) text = g_string_new(NULL);

	if (compare->trunking == PLAN_COMPARE_TRUNKING_MODEL && !compare->network_mode_given)
		return;
	g_string_append(text, "What if: every EC2 option priced with ");
	if (compare->network_mode_given)
		g_string_append_printf(text, "the tasks in %s mode%s",
				       plan_network_mode_to_string(compare->network_mode),
				       compare->network_mode == PLAN_NETWORK_AWSVPC
					   ? ""
					   : " (no ENI limit; a container port bound on the "
					     "host: one task per instance)");
	if (compare->network_mode_given && compare->trunking != PLAN_COMPARE_TRUNKING_MODEL)
		g_string_append(text, " and ");
	if (compare->trunking != PLAN_COMPARE_TRUNKING_MODEL)
		g_string_append_printf(text, "the clusters' %s", trunkings[compare->trunking]);
	g_string_append(text, "; Fargate stays awsvpc without trunking, the only way it runs.");
	if (markdown) {
		g_string_append(out, "\n");
		report_compare_put(out, text->str, TRUE);
		g_string_append(out, "\n");
	} else {
		g_string_append(out, "\n  ");
		report_compare_put(out, text->str, FALSE);
		g_string_append(out, "\n");
	}
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
	report_compare_what_if(out, compare, markdown);
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
