/* the simulator's results: a run's state becomes a PlanSimRun (percentiles from the
 * utilization histogram, the Spot share from the task-count histogram), and runs combine into
 * spreads across seeds */
#include "simulate-private.h"

#include <math.h>
#include <stdlib.h>

#include "compute.h"

/* ---- results --------------------------------------------------------------------------------- */

static void
sim_service_result_free(gpointer data)
{
	PlanSimService *service = data;
	g_free(service->name);
	g_free(service->profile);
	g_clear_pointer(&service->scaling_events, g_array_unref);
	g_clear_pointer(&service->pending_events, g_array_unref);
	g_free(service);
}

static void
sim_cluster_result_free(gpointer data)
{
	PlanSimCluster *cluster = data;
	g_free(cluster->name);
	g_free(cluster->instance_type);
	g_clear_pointer(&cluster->scaling_events, g_array_unref);
	g_free(cluster);
}

static void
sim_subnet_result_clear(gpointer data)
{
	PlanSimSubnet *subnet = data;
	g_free(subnet->name);
	g_free(subnet->az);
}

void
sim_run_result_free(gpointer data)
{
	PlanSimRun *run = data;
	if (run == NULL)
		return;
	g_ptr_array_unref(run->services);
	g_ptr_array_unref(run->clusters);
	g_array_unref(run->subnets);
	g_clear_pointer(&run->series, g_array_unref);
	g_clear_pointer(&run->cluster_series, g_array_unref);
	g_free(run->cost.missing);
	g_clear_pointer(&run->cost.by_service, g_array_unref);
	g_free(run);
}

/* the utilization (percent) below which @share of the steps fall: nearest rank over the
 * histogram of 0.1% bins */
static double
sim_percentile(const guint32 *hist, guint64 total, double share)
{
	guint64 rank = (guint64)ceil(share * (double)total);
	guint64 seen = 0;

	if (total == 0)
		return 0;
	rank = MAX(rank, 1);
	for (guint b = 0; b < SIM_HIST_BINS; b++) {
		seen += hist[b];
		if (seen >= rank)
			return (double)b / 10.0;
	}
	return 100.0;
}

static PlanSimService *
sim_service_result(const SimRun *run, guint s)
{
	const SimPlan *plan = run->plan;
	const SimServicePlan *service = &plan->services[s];
	const SimServiceState *state = &run->services[s];
	PlanSimService *out = g_new0(PlanSimService, 1);
	double step_hours = (double)plan->options.step_s / 3600.0;
	double step_minutes = (double)plan->options.step_s / 60.0;
	guint64 total = (guint64)plan->n_steps;

	out->service_index = s;
	out->name = g_strdup(service->service->name);
	out->profile = g_strdup(plan_profile_describe(service->profile));
	out->task_capacity_rps = service->capacity_rps;
	out->peak_tasks = state->peak_placed;
	out->peak_desired = state->peak_desired;
	out->mean_tasks = state->placed_steps / (double)plan->n_steps;
	out->task_hours = state->placed_steps * step_hours;
	out->instance_hours = state->instance_steps * step_hours;
	out->utilization_p50 = sim_percentile(state->hist, total, 0.50);
	out->utilization_p95 = sim_percentile(state->hist, total, 0.95);
	out->utilization_max = state->util_max * 100.0;
	out->unmet_minutes = (double)state->unmet_steps * step_minutes;
	out->unmet_requests = state->unmet_requests;
	out->peak_demand = state->peak_demand;
	out->pending_task_minutes = state->waiting_steps * step_minutes;
	out->pending_minutes = (double)state->waiting_any_steps * step_minutes;
	out->demand_requests = state->demand_sum * (double)plan->options.step_s;
	out->n_scaling_events = state->n_events;
	out->scaling_events =
	    g_array_sized_new(FALSE, FALSE, sizeof(PlanSimScalingEvent), state->n_events_kept);
	g_array_append_vals(out->scaling_events, state->events, state->n_events_kept);
	out->n_pending_events = state->n_pending;
	out->pending_events =
	    g_array_sized_new(FALSE, FALSE, sizeof(PlanSimPendingEvent), state->n_pending_kept + 1);
	g_array_append_vals(out->pending_events, state->pending, state->n_pending_kept);
	if (state->pending_open && state->n_pending_kept < plan->max_events)
		g_array_append_val(out->pending_events, state->pending_now);
	out->failure_hit = state->failure_hit;
	out->failure = state->failure;
	out->failure.unmet_minutes = (double)state->unmet_steps_after * step_minutes;

	/* the Spot share: each placed-task count split as ECS would, weighted by its steps */
	if (service->has_spot) {
		double spot_steps = 0;
		if (state->count_hist != NULL) {
			for (guint c = 1; c < service->count_hist_len; c++) {
				gint64 on_demand = 0;
				gint64 spot = 0;
				if (state->count_hist[c] == 0)
					continue;
				plan_service_spot_split(service->service, c, &on_demand, &spot);
				spot_steps += (double)spot * state->count_hist[c];
			}
		} else {
			gint64 mean = (gint64)llround(out->mean_tasks);
			gint64 on_demand = 0;
			gint64 spot = 0;
			plan_service_spot_split(service->service, mean, &on_demand, &spot);
			spot_steps =
			    mean > 0 ? state->placed_steps * (double)spot / (double)mean : 0;
		}
		out->spot_task_hours = spot_steps * step_hours;
	}
	return out;
}

static PlanSimCluster *
sim_cluster_result(const SimRun *run, guint c)
{
	const SimPlan *plan = run->plan;
	const SimClusterPlan *cluster = &plan->clusters[c];
	const SimClusterState *state = &run->clusters[c];
	PlanSimCluster *out = g_new0(PlanSimCluster, 1);
	double step_hours = (double)plan->options.step_s / 3600.0;

	out->cluster_index = cluster->index;
	out->name = g_strdup(cluster->cluster->name);
	out->instance_type = g_strdup(cluster->cluster->instance_type);
	out->tasks_per_instance =
	    cluster->tasks_per_instance == G_MAXINT64 ? 0 : cluster->tasks_per_instance;
	out->peak_instances = state->peak;
	out->mean_instances = state->instance_steps / (double)plan->n_steps;
	out->instance_hours = state->instance_steps * step_hours;
	out->spot_instance_hours = state->spot_steps * step_hours;
	out->instances_lost = state->lost;
	out->launch_blocked_minutes =
	    (guint64)((double)state->blocked_steps * (double)plan->options.step_s / 60.0);
	out->n_scaling_events = state->n_events;
	out->scaling_events =
	    g_array_sized_new(FALSE, FALSE, sizeof(PlanSimScalingEvent), state->n_events_kept);
	g_array_append_vals(out->scaling_events, state->events, state->n_events_kept);
	return out;
}

PlanSimRun *
sim_run_result(const SimRun *run)
{
	const SimPlan *plan = run->plan;
	PlanSimRun *out = g_new0(PlanSimRun, 1);

	out->seed = run->seed;
	out->services = g_ptr_array_new_with_free_func(sim_service_result_free);
	out->clusters = g_ptr_array_new_with_free_func(sim_cluster_result_free);
	out->subnets = g_array_new(FALSE, TRUE, sizeof(PlanSimSubnet));
	g_array_set_clear_func(out->subnets, sim_subnet_result_clear);
	for (guint s = 0; s < plan->n_services; s++)
		g_ptr_array_add(out->services, sim_service_result(run, s));
	for (guint c = 0; c < plan->n_clusters; c++)
		g_ptr_array_add(out->clusters, sim_cluster_result(run, c));
	for (guint i = 0; i < plan->n_subnets; i++) {
		const SimSubnetPlan *subnet = &plan->subnets[i];
		const SimSubnetState *state = &run->subnets[i];
		gint64 full = state->full_steps;
		PlanSimSubnet item = {
		    .vpc_index = subnet->vpc_index,
		    .subnet_index = subnet->subnet_index,
		    .name = g_strdup(subnet->subnet->name),
		    .az = g_strdup(subnet->subnet->az),
		    .usable = subnet->usable,
		    .fixed = subnet->fixed,
		    .peak = subnet->fixed + state->peak,
		    .peak_time_s = state->peak_step * plan->options.step_s,
		};
		if (state->full_since >= 0)
			full += plan->n_steps - state->full_since;
		item.full_minutes = (double)full * (double)plan->options.step_s / 60.0;
		g_array_append_val(out->subnets, item);
	}
	if (run->series != NULL) {
		out->series =
		    g_array_sized_new(FALSE, FALSE, sizeof(PlanSimPoint), (guint)run->n_series);
		g_array_append_vals(out->series, run->series, (guint)run->n_series);
		out->cluster_series = g_array_sized_new(FALSE, FALSE, sizeof(PlanSimClusterPoint),
							(guint)run->n_cluster_series);
		g_array_append_vals(out->cluster_series, run->cluster_series,
				    (guint)run->n_cluster_series);
	}
	for (guint n = 0; n < plan->n_nats; n++)
		out->nat_lost += run->nat_lost_step[n] >= 0 ? 1 : 0;
	sim_cost_run(plan, run, out);
	return out;
}

static int
sim_compare_doubles(gconstpointer a, gconstpointer b)
{
	double x = *(const double *)a;
	double y = *(const double *)b;
	return x < y ? -1 : (x > y ? 1 : 0);
}

/* nearest-rank percentiles and the mean of @values (sorted in place) */
static PlanSimSpread
sim_spread(double *values, guint n)
{
	PlanSimSpread spread = {0};
	double sum = 0;

	if (n == 0)
		return spread;
	qsort(values, n, sizeof(double), sim_compare_doubles);
	for (guint i = 0; i < n; i++)
		sum += values[i];
	spread.mean = sum / n;
	spread.p5 = values[MAX((guint)ceil(0.05 * n), 1) - 1];
	spread.p50 = values[MAX((guint)ceil(0.50 * n), 1) - 1];
	spread.p95 = values[MAX((guint)ceil(0.95 * n), 1) - 1];
	return spread;
}

void
sim_result_spreads(PlanSimResult *result, guint n_services)
{
	guint runs = result->run_results->len;
	g_autofree double *values = g_new0(double, MAX(runs, 1));

	result->spread = g_array_new(FALSE, TRUE, sizeof(PlanSimServiceSpread));
	for (guint s = 0; s < n_services; s++) {
		PlanSimServiceSpread spread = {0};
		const PlanSimRun *first = g_ptr_array_index(result->run_results, 0);
		spread.name =
		    g_strdup(((PlanSimService *)g_ptr_array_index(first->services, s))->name);
		for (guint field = 0; field < 4; field++) {
			for (guint r = 0; r < runs; r++) {
				const PlanSimRun *run = g_ptr_array_index(result->run_results, r);
				const PlanSimService *service = g_ptr_array_index(run->services, s);
				switch (field) {
				case 0:
					values[r] = service->task_hours;
					break;
				case 1:
					values[r] = (double)service->peak_tasks;
					break;
				case 2:
					values[r] = service->unmet_minutes;
					break;
				default:
					values[r] =
					    run->cost.present && run->cost.by_service != NULL
						? (double)g_array_index(run->cost.by_service,
									PlanNanos, s) /
						      PLAN_NANOS_PER_DOLLAR
						: 0;
					break;
				}
			}
			PlanSimSpread value = sim_spread(values, runs);
			if (field == 0)
				spread.task_hours = value;
			else if (field == 1)
				spread.peak_tasks = value;
			else if (field == 2)
				spread.unmet_minutes = value;
			else
				spread.cost = value;
		}
		g_array_append_val(result->spread, spread);
	}
	for (guint r = 0; r < runs; r++) {
		const PlanSimRun *run = g_ptr_array_index(result->run_results, r);
		values[r] = run->cost.present ? (double)run->cost.total / PLAN_NANOS_PER_DOLLAR : 0;
	}
	result->cost_spread = sim_spread(values, runs);
}

void
sim_spread_clear(gpointer data)
{
	PlanSimServiceSpread *spread = data;
	g_free(spread->name);
}

void
plan_sim_result_free(PlanSimResult *result)
{
	if (result == NULL)
		return;
	g_free(result->fail_az);
	g_free(result->start);
	g_clear_pointer(&result->assumptions, g_ptr_array_unref);
	g_clear_pointer(&result->run_results, g_ptr_array_unref);
	g_clear_pointer(&result->spread, g_array_unref);
	g_free(result);
}

const PlanSimRun *
plan_sim_result_first(const PlanSimResult *result)
{
	g_return_val_if_fail(result != NULL && result->run_results->len > 0, NULL);
	return g_ptr_array_index(result->run_results, 0);
}
