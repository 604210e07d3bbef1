/* ecsplan: the report of `ecsplan simulate` in text and JSON, and its time series (the charts
 * of a simulation: chart-simulate.c) */
#include "render-simulate.h"

#include <cjson/cJSON.h>
#include <math.h>

#include "compat.h"
#include "escape.h"
#include "json-util.h"
#include "plan-error.h"
#include "table.h"

/* events listed per service in text; JSON lists every kept event */
#define REPORT_SIM_TEXT_EVENTS 10

/* ---- shared cells ---------------------------------------------------------------------------- */

/* "2d 06:03:00": days, then the clock from the start */
static char *
sim_time(gint64 seconds)
{
	if (seconds < 0)
		return g_strdup("-");
	return g_strdup_printf("%" G_GINT64_FORMAT "d %02d:%02d:%02d", seconds / 86400,
			       (int)(seconds % 86400 / 3600), (int)(seconds % 3600 / 60),
			       (int)(seconds % 60));
}

static const char *
sim_metric_name(const PlanModel *model, const PlanSimService *service,
		const PlanSimScalingEvent *event)
{
	static const char *const names[] = {"cpu", "memory", "alb_requests"};
	const PlanService *model_service =
	    g_ptr_array_index(model->services, service->service_index);

	if (event->reason == PLAN_SIM_REASON_TARGET_OUT ||
	    event->reason == PLAN_SIM_REASON_TARGET_IN) {
		const PlanTargetTracking *policy =
		    g_ptr_array_index(model_service->autoscaling.target_tracking, event->policy);
		return names[policy->metric];
	}
	if (event->reason == PLAN_SIM_REASON_STEP_OUT || event->reason == PLAN_SIM_REASON_STEP_IN) {
		const PlanStepScaling *policy =
		    g_ptr_array_index(model_service->autoscaling.step_scaling, event->policy);
		return names[policy->metric];
	}
	return NULL;
}

/* "cpu 90.0 (target_tracking[0])", "scheduled[1]", "reservation 200.0" */
static char *
sim_event_why(const PlanModel *model, const PlanSimService *service,
	      const PlanSimScalingEvent *event)
{
	g_autofree char *metric = report_decimal_text(event->metric, 1);

	switch (event->reason) {
	case PLAN_SIM_REASON_TARGET_OUT:
	case PLAN_SIM_REASON_TARGET_IN:
		return g_strdup_printf("%s %s (target_tracking[%d])",
				       sim_metric_name(model, service, event), metric,
				       event->policy);
	case PLAN_SIM_REASON_STEP_OUT:
	case PLAN_SIM_REASON_STEP_IN:
		return g_strdup_printf("%s %s (step_scaling[%d])",
				       sim_metric_name(model, service, event), metric,
				       event->policy);
	case PLAN_SIM_REASON_SCHEDULED:
		return g_strdup_printf("scheduled[%d]", event->policy);
	default:
		return g_strdup_printf("reservation %s%%", metric);
	}
}

/* the names of the subnets that were full, from the event's mask */
static char *
sim_full_subnets(const PlanModel *model, const PlanSimService *service, guint64 mask)
{
	const PlanService *model_service =
	    g_ptr_array_index(model->services, service->service_index);
	const PlanVpc *vpc = model_service->vpc_index >= 0
				 ? g_ptr_array_index(model->vpcs, model_service->vpc_index)
				 : NULL;
	GString *out = g_string_new(NULL);
	guint position = 0;

	/* the mask counts the service's distinct resolved subnets in model order */
	for (guint k = 0; vpc != NULL && k < model_service->subnet_indices->len; k++) {
		gint index = g_array_index(model_service->subnet_indices, gint, k);
		gboolean seen = FALSE;
		if (index < 0)
			continue;
		for (guint j = 0; j < k; j++)
			seen =
			    seen || g_array_index(model_service->subnet_indices, gint, j) == index;
		if (seen)
			continue;
		if (position < 64 && (mask & (G_GUINT64_CONSTANT(1) << position))) {
			const PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, index);
			if (out->len > 0)
				g_string_append(out, ", ");
			g_string_append(out, subnet->name);
		}
		position++;
	}
	return g_string_free(out, FALSE);
}

/* ---- text ----------------------------------------------------------------------------------- */

static void
sim_text_header(const PlanModel *model, const PlanSimResult *result, ReportFlags flags,
		GString *out)
{
	g_autofree char *duration = report_duration_text(result->duration_s);

	g_string_append_printf(out, "%sSimulation%s", report_color(flags, REPORT_ANSI_BOLD),
			       report_color(flags, REPORT_ANSI_RESET));
	if (model->name != NULL) {
		g_string_append(out, " of ");
		report_escape_terminal(out, model->name, REPORT_ESCAPE_NONE);
	}
	g_string_append_printf(out,
			       ": %s in %" G_GINT64_FORMAT
			       " s steps from %s, seed %" G_GUINT64_FORMAT ", %u run%s\n",
			       duration, result->step_s, result->start, result->seed, result->runs,
			       result->runs == 1 ? "" : "s");
	if (result->fail_az != NULL) {
		g_autofree char *at = sim_time(result->fail_at_s);
		g_autofree char *az = report_escape_terminal_dup(result->fail_az);
		g_string_append_printf(out, "AZ failure: %s at %s\n", az, at);
	}
	if (result->runs > 1)
		g_string_append(out,
				"Figures are the first run's; the spread across runs follows.\n");
}

static void
sim_text_services(const PlanSimRun *run, GString *out)
{
	static const char *const header[] = {"SERVICE", "PROFILE",   ">PEAK", ">MEAN", ">TASK-H",
					     ">INST-H", ">UTIL P50", ">P95",  ">MAX",  ">UNMET MIN",
					     ">EVENTS", ">PENDING",  NULL};
	g_autoptr(ReportTable) table = report_table_new(header);

	for (guint s = 0; s < run->services->len; s++) {
		const PlanSimService *service = g_ptr_array_index(run->services, s);
		g_autofree char *peak = g_strdup_printf("%" G_GINT64_FORMAT, service->peak_tasks);
		g_autofree char *mean = report_decimal_text(service->mean_tasks, 2);
		g_autofree char *hours = report_decimal_text(service->task_hours, 1);
		g_autofree char *instance_hours = report_decimal_text(service->instance_hours, 1);
		g_autofree char *p50 = report_decimal_text(service->utilization_p50, 1);
		g_autofree char *p95 = report_decimal_text(service->utilization_p95, 1);
		g_autofree char *max = report_decimal_text(service->utilization_max, 1);
		g_autofree char *unmet = report_decimal_text(service->unmet_minutes, 1);
		g_autofree char *events =
		    g_strdup_printf("%" G_GUINT64_FORMAT, service->n_scaling_events);
		g_autofree char *pending =
		    g_strdup_printf("%" G_GUINT64_FORMAT, service->n_pending_events);
		report_table_add_rowv(table, service->name, service->profile, peak, mean, hours,
				      instance_hours, p50, p95, max, unmet, events, pending, NULL);
	}
	g_string_append(out, "\nServices (tasks placed; utilization in % of running capacity)\n");
	report_table_render_text(table, "  ", out);
}

static void
sim_text_events(const PlanModel *model, const PlanSimRun *run, GString *out)
{
	for (guint s = 0; s < run->services->len; s++) {
		const PlanSimService *service = g_ptr_array_index(run->services, s);
		guint shown = MIN(service->scaling_events->len, REPORT_SIM_TEXT_EVENTS);
		g_autofree char *name = NULL;

		if (service->n_scaling_events == 0)
			continue;
		name = report_escape_terminal_dup(service->name);
		g_string_append_printf(out, "\nScaling events of %s: %" G_GUINT64_FORMAT "%s\n",
				       name, service->n_scaling_events,
				       shown < service->n_scaling_events ? ", the first shown"
									 : "");
		for (guint i = 0; i < shown; i++) {
			const PlanSimScalingEvent *event =
			    &g_array_index(service->scaling_events, PlanSimScalingEvent, i);
			g_autofree char *when = sim_time(event->time_s);
			g_autofree char *why = sim_event_why(model, service, event);
			g_string_append_printf(
			    out, "  %s  %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT "  %s: ",
			    when, event->from, event->to, plan_sim_reason_to_string(event->reason));
			report_escape_terminal(out, why, REPORT_ESCAPE_NONE);
			g_string_append_c(out, '\n');
		}
	}
}

static void
sim_text_pending(const PlanModel *model, const PlanSimRun *run, GString *out)
{
	for (guint s = 0; s < run->services->len; s++) {
		const PlanSimService *service = g_ptr_array_index(run->services, s);
		guint shown = MIN(service->pending_events->len, REPORT_SIM_TEXT_EVENTS);

		if (service->pending_events->len == 0)
			continue;
		g_string_append(out, "\nPending tasks of ");
		report_escape_terminal(out, service->name, REPORT_ESCAPE_NONE);
		g_string_append(out, " (no place to run):\n");
		for (guint i = 0; i < shown; i++) {
			const PlanSimPendingEvent *event =
			    &g_array_index(service->pending_events, PlanSimPendingEvent, i);
			g_autofree char *from = sim_time(event->start_s);
			g_autofree char *to =
			    event->end_s >= 0 ? sim_time(event->end_s) : g_strdup("the end");
			g_autofree char *full =
			    sim_full_subnets(model, service, event->subnets_full);
			g_autofree char *length = event->end_s >= 0
						      ? report_duration_text(event->end_s - event->start_s)
						      : g_strdup("open");
			g_string_append_printf(
			    out, "  %s to %s (%s): up to %" G_GINT64_FORMAT " tasks, %s", from, to,
			    length, event->max_tasks, plan_sim_blocked_to_string(event->blocked));
			if (full[0] != '\0') {
				g_string_append(out, " (full: ");
				report_escape_terminal(out, full, REPORT_ESCAPE_NONE);
				g_string_append_c(out, ')');
			}
			g_string_append_c(out, '\n');
		}
	}
}

static void
sim_text_failure(const PlanSimResult *result, const PlanSimRun *run, GString *out)
{
	if (result->fail_az == NULL)
		return;
	g_string_append(out, "\nAZ failure of ");
	report_escape_terminal(out, result->fail_az, REPORT_ESCAPE_NONE);
	g_string_append_printf(out, ": %" G_GINT64_FORMAT " NAT gateway%s lost\n", run->nat_lost,
			       run->nat_lost == 1 ? "" : "s");
	for (guint s = 0; s < run->services->len; s++) {
		const PlanSimService *service = g_ptr_array_index(run->services, s);
		g_autofree char *recovery = NULL;
		g_autofree char *unmet = NULL;
		if (!service->failure_hit)
			continue;
		recovery = service->failure.recovery_s >= 0
			       ? report_duration_text(service->failure.recovery_s)
			       : g_strdup("not within the run");
		unmet = report_decimal_text(service->failure.unmet_minutes, 1);
		g_string_append_printf(
		    out,
		    "  %s: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
		    " running tasks lost; recovered after %s; %s minutes of unmet "
		    "demand after the failure\n",
		    service->name, service->failure.tasks_lost, service->failure.running_before,
		    recovery, unmet);
	}
	for (guint c = 0; c < run->clusters->len; c++) {
		const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, c);
		if (cluster->instances_lost > 0)
			g_string_append_printf(out,
					       "  cluster %s: %" G_GINT64_FORMAT
					       " instances lost and replaced where possible\n",
					       cluster->name, cluster->instances_lost);
	}
}

static void
sim_text_clusters(const PlanSimRun *run, GString *out)
{
	static const char *const header[] = {"CLUSTER", "TYPE",	   ">TASKS/INST", ">PEAK",
					     ">MEAN",	">INST-H", ">EVENTS",	  NULL};
	g_autoptr(ReportTable) table = report_table_new(header);

	if (run->clusters->len == 0)
		return;
	for (guint c = 0; c < run->clusters->len; c++) {
		const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, c);
		g_autofree char *per =
		    cluster->tasks_per_instance > 0
			? g_strdup_printf("%" G_GINT64_FORMAT, cluster->tasks_per_instance)
			: g_strdup("-");
		g_autofree char *peak =
		    g_strdup_printf("%" G_GINT64_FORMAT, cluster->peak_instances);
		g_autofree char *mean = report_decimal_text(cluster->mean_instances, 2);
		g_autofree char *hours = report_decimal_text(cluster->instance_hours, 1);
		g_autofree char *events =
		    g_strdup_printf("%" G_GUINT64_FORMAT, cluster->n_scaling_events);
		report_table_add_rowv(table, cluster->name, cluster->instance_type, per, peak, mean,
				      hours, events, NULL);
	}
	g_string_append(out, "\nClusters (capacity provider managed scaling)\n");
	report_table_render_text(table, "  ", out);
	for (guint c = 0; c < run->clusters->len; c++) {
		const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, c);
		guint shown = MIN(cluster->scaling_events->len, REPORT_SIM_TEXT_EVENTS);
		for (guint i = 0; i < shown; i++) {
			const PlanSimScalingEvent *event =
			    &g_array_index(cluster->scaling_events, PlanSimScalingEvent, i);
			g_autofree char *when = sim_time(event->time_s);
			g_autofree char *metric = report_decimal_text(event->metric, 1);
			g_string_append_printf(out,
					       "  %s  %s %" G_GINT64_FORMAT " -> %" G_GINT64_FORMAT
					       " instances  %s: reservation %s%%\n",
					       when, cluster->name, event->from, event->to,
					       plan_sim_reason_to_string(event->reason), metric);
		}
	}
}

static void
sim_text_subnets(const PlanSimRun *run, GString *out)
{
	static const char *const header[] = {"SUBNET", "AZ",	  ">USABLE",   ">FIXED",
					     ">PEAK",  "PEAK AT", ">FULL MIN", NULL};
	g_autoptr(ReportTable) table = report_table_new(header);

	if (run->subnets->len == 0)
		return;
	for (guint i = 0; i < run->subnets->len; i++) {
		const PlanSimSubnet *subnet = &g_array_index(run->subnets, PlanSimSubnet, i);
		g_autofree char *usable = subnet->usable >= 0
					      ? g_strdup_printf("%" G_GINT64_FORMAT, subnet->usable)
					      : g_strdup("-");
		g_autofree char *fixed = g_strdup_printf("%" G_GINT64_FORMAT, subnet->fixed);
		g_autofree char *peak = g_strdup_printf("%" G_GINT64_FORMAT, subnet->peak);
		g_autofree char *when = sim_time(subnet->peak_time_s);
		g_autofree char *full = report_decimal_text(subnet->full_minutes, 1);
		report_table_add_rowv(table, subnet->name, subnet->az, usable, fixed, peak, when,
				      full, NULL);
	}
	g_string_append(out, "\nSubnets (addresses: fixed = load balancers, NAT gateways, "
			     "endpoints; peak adds tasks and instances)\n");
	report_table_render_text(table, "  ", out);
}

static void
sim_text_cost(const PlanSimResult *result, const PlanSimRun *run, GString *out)
{
	const PlanSimCost *cost = &run->cost;
	g_autofree char *hours = report_decimal_text(cost->hours, 2);
	g_autofree char *total = report_money_cell(cost->total, FALSE);
	g_autofree char *steady = NULL;

	if (!cost->present) {
		g_string_append_printf(out, "\nCost: not priced (%s)\n", cost->missing);
		return;
	}
	steady = report_money_cell(cost->static_total, FALSE);
	g_string_append_printf(out,
			       "\nCost (USD, %s h): %s%s%s simulated; %s%s at the steady state "
			       "(ecsplan cost for the same hours)%s\n",
			       hours, cost->complete ? "" : "at least ",
			       cost->estimate ? REPORT_ESTIMATE_MARK : "", total,
			       cost->complete ? "" : "at least ", steady,
			       cost->complete ? "" : "; some figures are unpriced (price-missing)");
	for (guint c = 0; c < PLAN_COST_N_CATEGORIES; c++) {
		g_autofree char *amount = NULL;
		if (cost->by_category[c] == 0)
			continue;
		amount = report_money_cell(cost->by_category[c], FALSE);
		g_string_append_printf(out, "  %-16s %12s\n",
				       plan_cost_category_to_string((PlanCostCategory)c), amount);
	}
	if (result->runs > 1) {
		g_autofree char *p5 = report_decimal_text(result->cost_spread.p5, 2);
		g_autofree char *p50 = report_decimal_text(result->cost_spread.p50, 2);
		g_autofree char *p95 = report_decimal_text(result->cost_spread.p95, 2);
		g_string_append_printf(out, "  across %u runs: p5 %s, p50 %s, p95 %s\n",
				       result->runs, p5, p50, p95);
	}
}

static void
sim_text_spread(const PlanSimResult *result, GString *out)
{
	static const char *const header[] = {"SERVICE", ">TASK-H P5", ">P50", ">P95", ">PEAK P50",
					     ">P95",	">UNMET P50", ">P95", NULL};
	g_autoptr(ReportTable) table = report_table_new(header);

	if (result->spread == NULL)
		return;
	for (guint s = 0; s < result->spread->len; s++) {
		const PlanSimServiceSpread *spread =
		    &g_array_index(result->spread, PlanSimServiceSpread, s);
		g_autofree char *a = report_decimal_text(spread->task_hours.p5, 1);
		g_autofree char *b = report_decimal_text(spread->task_hours.p50, 1);
		g_autofree char *c = report_decimal_text(spread->task_hours.p95, 1);
		g_autofree char *d = report_decimal_text(spread->peak_tasks.p50, 0);
		g_autofree char *e = report_decimal_text(spread->peak_tasks.p95, 0);
		g_autofree char *f = report_decimal_text(spread->unmet_minutes.p50, 1);
		g_autofree char *g = report_decimal_text(spread->unmet_minutes.p95, 1);
		report_table_add_rowv(table, spread->name, a, b, c, d, e, f, g, NULL);
	}
	g_string_append_printf(
	    out, "\nAcross %u runs (seeds %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT ")\n",
	    result->runs, result->seed, result->seed + result->runs - 1);
	report_table_render_text(table, "  ", out);
}

static void
report_simulate_text(const PlanModel *model, const PlanSimResult *result, ReportFlags flags,
		     GString *out)
{
	const PlanSimRun *run = plan_sim_result_first(result);

	sim_text_header(model, result, flags, out);
	if (run->services->len == 0) {
		g_string_append(out, "The model has no service to simulate.\n");
		return;
	}
	sim_text_services(run, out);
	sim_text_events(model, run, out);
	sim_text_pending(model, run, out);
	sim_text_failure(result, run, out);
	sim_text_clusters(run, out);
	sim_text_subnets(run, out);
	sim_text_spread(result, out);
	sim_text_cost(result, run, out);
	if (result->assumptions->len > 0) {
		g_string_append(out, "\nAssumptions\n");
		for (guint i = 0; i < result->assumptions->len; i++)
			g_string_append_printf(
			    out, "  - %s\n",
			    (const char *)g_ptr_array_index(result->assumptions, i));
	}
}

/* ---- JSON ------------------------------------------------------------------------------------ */

/* a number with at most @places decimals, as exact text (no "%1.15g" round trip) */
static void
json_add_decimal(cJSON *object, const char *key, double value, guint places)
{
	g_autofree char *text = report_decimal_text(value, places);
	cJSON_AddItemToObject(object, key, cJSON_CreateRaw(text));
}

static cJSON *
json_spread(const PlanSimSpread *spread, guint places)
{
	cJSON *object = cJSON_CreateObject();
	json_add_decimal(object, "p5", spread->p5, places);
	json_add_decimal(object, "p50", spread->p50, places);
	json_add_decimal(object, "p95", spread->p95, places);
	json_add_decimal(object, "mean", spread->mean, places);
	return object;
}

static cJSON *
json_scaling_event(const PlanSimScalingEvent *event)
{
	cJSON *object = cJSON_CreateObject();
	report_json_add_int(object, "time_s", event->time_s);
	report_json_add_int(object, "from", event->from);
	report_json_add_int(object, "to", event->to);
	cJSON_AddStringToObject(object, "reason", plan_sim_reason_to_string(event->reason));
	if (event->policy >= 0)
		report_json_add_int(object, "policy", event->policy);
	if (event->reason != PLAN_SIM_REASON_SCHEDULED)
		json_add_decimal(object, "metric", event->metric, 3);
	return object;
}

static cJSON *
json_service(const PlanModel *model, const PlanSimResult *result, const PlanSimService *service,
	     guint index)
{
	cJSON *object = cJSON_CreateObject();
	cJSON *utilization = cJSON_CreateObject();
	cJSON *events = cJSON_CreateArray();
	cJSON *pending = cJSON_CreateArray();

	/* the keys first, in its order; the rest after */
	cJSON_AddStringToObject(object, "name", service->name);
	report_json_add_int(object, "peak_tasks", service->peak_tasks);
	json_add_decimal(object, "mean_tasks", service->mean_tasks, 3);
	json_add_decimal(object, "task_hours", service->task_hours, 3);
	json_add_decimal(object, "instance_hours", service->instance_hours, 3);
	json_add_decimal(utilization, "p50", service->utilization_p50, 1);
	json_add_decimal(utilization, "p95", service->utilization_p95, 1);
	json_add_decimal(utilization, "max", service->utilization_max, 1);
	cJSON_AddItemToObject(object, "utilization", utilization);
	json_add_decimal(object, "unmet_minutes", service->unmet_minutes, 1);
	for (guint i = 0; i < service->scaling_events->len; i++)
		cJSON_AddItemToArray(events, json_scaling_event(&g_array_index(
						 service->scaling_events, PlanSimScalingEvent, i)));
	cJSON_AddItemToObject(object, "scaling_events", events);
	for (guint i = 0; i < service->pending_events->len; i++) {
		const PlanSimPendingEvent *event =
		    &g_array_index(service->pending_events, PlanSimPendingEvent, i);
		cJSON *item = cJSON_CreateObject();
		g_autofree char *full = sim_full_subnets(model, service, event->subnets_full);
		g_auto(GStrv) names = g_strsplit(full, ", ", -1);
		cJSON *subnets = cJSON_CreateArray();

		report_json_add_int(item, "start_s", event->start_s);
		if (event->end_s >= 0) {
			report_json_add_int(item, "end_s", event->end_s);
			report_json_add_int(item, "duration_s", event->end_s - event->start_s);
		} else {
			cJSON_AddNullToObject(item, "end_s");
			cJSON_AddNullToObject(item, "duration_s");
		}
		report_json_add_int(item, "max_tasks", event->max_tasks);
		cJSON_AddStringToObject(item, "blocked",
					plan_sim_blocked_to_string(event->blocked));
		for (guint k = 0; names[k] != NULL && full[0] != '\0'; k++)
			cJSON_AddItemToArray(subnets, cJSON_CreateString(names[k]));
		cJSON_AddItemToObject(item, "full_subnets", subnets);
		cJSON_AddItemToArray(pending, item);
	}
	cJSON_AddItemToObject(object, "pending_events", pending);

	cJSON_AddStringToObject(object, "profile", service->profile);
	json_add_decimal(object, "task_capacity_rps", service->task_capacity_rps, 3);
	report_json_add_int(object, "peak_desired", service->peak_desired);
	json_add_decimal(object, "peak_demand_rps", service->peak_demand, 3);
	json_add_decimal(object, "spot_task_hours", service->spot_task_hours, 3);
	json_add_decimal(object, "unmet_requests", service->unmet_requests, 0);
	json_add_decimal(object, "pending_task_minutes", service->pending_task_minutes, 1);
	report_json_add_int(object, "scaling_events_total", (gint64)service->n_scaling_events);
	report_json_add_int(object, "pending_events_total", (gint64)service->n_pending_events);
	if (result->fail_az != NULL) {
		cJSON *failure = cJSON_CreateObject();
		report_json_add_int(failure, "tasks_lost", service->failure.tasks_lost);
		report_json_add_int(failure, "running_before", service->failure.running_before);
		if (service->failure_hit && service->failure.recovery_s >= 0)
			report_json_add_int(failure, "recovery_s", service->failure.recovery_s);
		else
			cJSON_AddNullToObject(failure, "recovery_s");
		json_add_decimal(failure, "unmet_minutes", service->failure.unmet_minutes, 1);
		json_add_decimal(failure, "unmet_requests", service->failure.unmet_requests, 0);
		cJSON_AddItemToObject(object, "az_failure", failure);
	}
	if (result->spread != NULL) {
		const PlanSimServiceSpread *spread =
		    &g_array_index(result->spread, PlanSimServiceSpread, index);
		cJSON *runs = cJSON_CreateObject();
		cJSON_AddItemToObject(runs, "task_hours", json_spread(&spread->task_hours, 3));
		cJSON_AddItemToObject(runs, "peak_tasks", json_spread(&spread->peak_tasks, 0));
		cJSON_AddItemToObject(runs, "unmet_minutes",
				      json_spread(&spread->unmet_minutes, 1));
		cJSON_AddItemToObject(runs, "cost", json_spread(&spread->cost, 2));
		cJSON_AddItemToObject(object, "runs", runs);
	}
	return object;
}

static cJSON *
json_cost(const PlanModel *model, const PlanSimResult *result, const PlanSimRun *run)
{
	const PlanSimCost *cost = &run->cost;
	cJSON *object;
	cJSON *categories;
	cJSON *services;

	if (!cost->present)
		return cJSON_CreateNull();
	object = cJSON_CreateObject();
	categories = cJSON_CreateObject();
	services = cJSON_CreateArray();
	cJSON_AddStringToObject(object, "currency", "USD");
	json_add_decimal(object, "hours", cost->hours, 4);
	report_json_add_money(object, "total", cost->total);
	report_json_add_money(object, "static_total", cost->static_total);
	cJSON_AddBoolToObject(object, "estimate", cost->estimate);
	cJSON_AddBoolToObject(object, "complete", cost->complete);
	for (guint c = 0; c < PLAN_COST_N_CATEGORIES; c++)
		report_json_add_money(categories, plan_cost_category_to_string((PlanCostCategory)c),
			       cost->by_category[c]);
	cJSON_AddItemToObject(object, "by_category", categories);
	for (guint s = 0; s < cost->by_service->len; s++) {
		const PlanService *service = g_ptr_array_index(model->services, s);
		cJSON *item = cJSON_CreateObject();
		cJSON_AddStringToObject(item, "name", service->name);
		report_json_add_money(item, "total", g_array_index(cost->by_service, PlanNanos, s));
		cJSON_AddItemToArray(services, item);
	}
	cJSON_AddItemToObject(object, "by_service", services);
	if (result->runs > 1)
		cJSON_AddItemToObject(object, "runs", json_spread(&result->cost_spread, 2));
	return object;
}

static cJSON *
json_clusters(const PlanSimRun *run)
{
	cJSON *array = cJSON_CreateArray();
	for (guint c = 0; c < run->clusters->len; c++) {
		const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, c);
		cJSON *object = cJSON_CreateObject();
		cJSON *events = cJSON_CreateArray();
		cJSON_AddStringToObject(object, "name", cluster->name);
		cJSON_AddStringToObject(object, "instance_type", cluster->instance_type);
		report_json_add_int(object, "tasks_per_instance", cluster->tasks_per_instance);
		report_json_add_int(object, "peak_instances", cluster->peak_instances);
		json_add_decimal(object, "mean_instances", cluster->mean_instances, 3);
		json_add_decimal(object, "instance_hours", cluster->instance_hours, 3);
		/* only for a mixed instances policy, so plain clusters print as before */
		if (cluster->spot_instance_hours > 0)
			json_add_decimal(object, "spot_instance_hours",
					 cluster->spot_instance_hours, 3);
		report_json_add_int(object, "instances_lost", cluster->instances_lost);
		report_json_add_int(object, "launch_blocked_minutes",
				    (gint64)cluster->launch_blocked_minutes);
		for (guint i = 0; i < cluster->scaling_events->len; i++)
			cJSON_AddItemToArray(
			    events, json_scaling_event(&g_array_index(cluster->scaling_events,
								      PlanSimScalingEvent, i)));
		cJSON_AddItemToObject(object, "scaling_events", events);
		report_json_add_int(object, "scaling_events_total",
				    (gint64)cluster->n_scaling_events);
		cJSON_AddItemToArray(array, object);
	}
	return array;
}

static cJSON *
json_subnets(const PlanModel *model, const PlanSimRun *run)
{
	cJSON *array = cJSON_CreateArray();
	for (guint i = 0; i < run->subnets->len; i++) {
		const PlanSimSubnet *subnet = &g_array_index(run->subnets, PlanSimSubnet, i);
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, subnet->vpc_index);
		cJSON *object = cJSON_CreateObject();
		cJSON_AddStringToObject(object, "vpc", vpc->name);
		cJSON_AddStringToObject(object, "name", subnet->name);
		cJSON_AddStringToObject(object, "az", subnet->az);
		if (subnet->usable >= 0)
			report_json_add_int(object, "usable", subnet->usable);
		else
			cJSON_AddNullToObject(object, "usable");
		report_json_add_int(object, "fixed", subnet->fixed);
		report_json_add_int(object, "peak_addresses", subnet->peak);
		report_json_add_int(object, "peak_time_s", subnet->peak_time_s);
		json_add_decimal(object, "full_minutes", subnet->full_minutes, 1);
		cJSON_AddItemToArray(array, object);
	}
	return array;
}

static GString *
report_simulate_json(const PlanModel *model, const PlanSimResult *result, GError **error)
{
	const PlanSimRun *run = plan_sim_result_first(result);
	g_autoptr(cJSON) root = cJSON_CreateObject();
	cJSON *services = cJSON_CreateArray();
	cJSON *simulation = cJSON_CreateObject();
	cJSON *assumptions = cJSON_CreateArray();
	g_autoptr(GString) out = NULL;

	for (guint s = 0; s < run->services->len; s++)
		cJSON_AddItemToArray(
		    services, json_service(model, result, g_ptr_array_index(run->services, s), s));
	cJSON_AddItemToObject(root, "services", services);
	cJSON_AddItemToObject(root, "cost", json_cost(model, result, run));

	report_json_add_int(simulation, "duration_s", result->duration_s);
	report_json_add_int(simulation, "step_s", result->step_s);
	report_json_add_int(simulation, "seed", (gint64)result->seed);
	report_json_add_int(simulation, "runs", result->runs);
	cJSON_AddStringToObject(simulation, "start", result->start);
	if (result->fail_az != NULL) {
		cJSON *failure = cJSON_CreateObject();
		cJSON_AddStringToObject(failure, "az", result->fail_az);
		report_json_add_int(failure, "time_s", result->fail_at_s);
		report_json_add_int(failure, "nat_gateways_lost", run->nat_lost);
		cJSON_AddItemToObject(simulation, "fail_az", failure);
	} else {
		cJSON_AddNullToObject(simulation, "fail_az");
	}
	cJSON_AddItemToObject(root, "simulation", simulation);
	cJSON_AddItemToObject(root, "clusters", json_clusters(run));
	cJSON_AddItemToObject(root, "subnets", json_subnets(model, run));
	for (guint i = 0; i < result->assumptions->len; i++)
		cJSON_AddItemToArray(assumptions,
				     cJSON_CreateString(g_ptr_array_index(result->assumptions, i)));
	cJSON_AddItemToObject(root, "assumptions", assumptions);

	out = g_string_new(NULL);
	if (!plan_json_print_append(out, root, TRUE, error))
		return NULL;
	g_string_append_c(out, '\n');
	return g_steal_pointer(&out);
}

GString *
report_simulate(const PlanModel *model, const PlanSimResult *result, ReportFormat format,
		ReportFlags flags, GError **error)
{
	g_autoptr(GString) out = NULL;

	g_return_val_if_fail(model != NULL && result != NULL, NULL);
	switch (format) {
	case REPORT_FORMAT_TEXT:
		out = g_string_new(NULL);
		report_simulate_text(model, result, flags, out);
		/* names were escaped where they were written; this catches any other */
		report_escape_terminal_document(out, flags);
		break;
	case REPORT_FORMAT_JSON:
		out = report_simulate_json(model, result, error);
		if (out == NULL)
			return NULL;
		break;
	default:
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "simulate cannot write format '%s'", report_format_info(format)->name);
		return NULL;
	}
	return g_steal_pointer(&out);
}

/* ---- the time series ------------------------------------------------------------------------- */

static void
series_number(GString *out, double value, guint places)
{
	report_format_decimal(value, places, out);
}

/* one row's numbers after "time_s,service," in CSV, or inside a JSON array */
static void
series_values(GString *out, const PlanSimPoint *point)
{
	series_number(out, point->demand, 3);
	g_string_append_printf(out, ",%d,%d,%d,", point->desired, point->running, point->pending);
	series_number(out, point->utilization, 2);
}

GString *
report_simulate_series(const PlanSimResult *result, ReportFormat format, GError **error)
{
	const PlanSimRun *run;
	g_autoptr(GString) out = NULL;
	g_autoptr(GPtrArray) quoted = NULL;

	g_return_val_if_fail(result != NULL, NULL);
	run = plan_sim_result_first(result);
	if (run->series == NULL) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_FAILED, "the run kept no time series");
		return NULL;
	}
	out = g_string_sized_new(64 + (gsize)run->series->len * 48);
	if (format == REPORT_FORMAT_CSV) {
		/* the name is the only text cell: escaped once per service, not once per row */
		g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
		for (guint s = 0; s < run->services->len; s++) {
			const PlanSimService *service = g_ptr_array_index(run->services, s);
			GString *name = g_string_new(NULL);
			report_escape_csv(name, service->name);
			g_ptr_array_add(names, g_string_free(name, FALSE));
		}
		g_string_append(out,
				"time_s,service,demand,desired,running,pending,utilization\r\n");
		for (guint i = 0; i < run->series->len; i++) {
			const PlanSimPoint *point = &g_array_index(run->series, PlanSimPoint, i);
			g_string_append_printf(out, "%" G_GINT64_FORMAT ",%s,", point->time_s,
					       (const char *)g_ptr_array_index(names, point->service));
			series_values(out, point);
			g_string_append(out, "\r\n");
		}
		return g_steal_pointer(&out);
	}
	if (format != REPORT_FORMAT_JSON) {
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_USAGE,
			    "the time series is written as csv or json, not '%s'",
			    report_format_info(format)->name);
		return NULL;
	}
	/* a series can hold millions of rows: the arrays of numbers are written directly, and
	 * only the strings go through cJSON, for their escaping */
	quoted = g_ptr_array_new_with_free_func(g_free);
	for (guint s = 0; s < run->services->len; s++) {
		const PlanSimService *service = g_ptr_array_index(run->services, s);
		char *text = plan_json_quote(service->name, error);
		if (text == NULL)
			return NULL;
		g_ptr_array_add(quoted, text);
	}
	g_string_append_printf(out,
			       "{\n\t\"step_s\": %" G_GINT64_FORMAT ",\n\t\"columns\": "
			       "[\"time_s\", \"service\", \"demand\", \"desired\", "
			       "\"running\", \"pending\", \"utilization\"],\n\t\"rows\": [",
			       result->step_s);
	for (guint i = 0; i < run->series->len; i++) {
		const PlanSimPoint *point = &g_array_index(run->series, PlanSimPoint, i);
		g_string_append_printf(out, "%s\n\t\t[%" G_GINT64_FORMAT ", %s, ", i > 0 ? "," : "",
				       point->time_s,
				       (const char *)g_ptr_array_index(quoted, point->service));
		series_values(out, point);
		g_string_append_c(out, ']');
	}
	g_string_append(out, "\n\t],\n\t\"clusters\": [");
	for (guint i = 0; i < run->cluster_series->len; i++) {
		const PlanSimClusterPoint *point =
		    &g_array_index(run->cluster_series, PlanSimClusterPoint, i);
		const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, point->cluster);
		g_autofree char *text = plan_json_quote(cluster->name, error);
		if (text == NULL)
			return NULL;
		g_string_append_printf(out, "%s\n\t\t[%" G_GINT64_FORMAT ", %s, %d, %d, ",
				       i > 0 ? "," : "", point->time_s, text, point->instances,
				       point->registered);
		series_number(out, point->reservation, 1);
		g_string_append_c(out, ']');
	}
	g_string_append(out, "\n\t]\n}\n");
	return g_steal_pointer(&out);
}
