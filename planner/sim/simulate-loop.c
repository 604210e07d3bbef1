/* the simulator's run state, its step loop and the AZ failure (placement: simulate-place.c).
 * sim_run_new() sizes every array a run needs; nothing in the loop allocates, so a year
 * of one-minute steps costs only arithmetic. */
#include "simulate-private.h"

#include <math.h>
#include <string.h>

/* fluid packing: an AZ holds tasks while their instance shares add up to its instances */
#define SIM_EPSILON 1e-9

/* ---- one run's state ----------------------------------------------------------------------- */

static void
sim_ring_init(SimRing *ring, guint capacity)
{
	ring->items = g_new0(SimBatch, capacity);
	ring->capacity = capacity;
}

SimRun *
sim_run_new_range(const SimPlan *plan, guint index, gint *progress, guint first, guint end)
{
	SimRun *run = g_new0(SimRun, 1);
	guint n_slots = plan->n_slots;

	g_return_val_if_fail(first <= end && end <= plan->n_services, NULL);
	run->plan = plan;
	run->index = index;
	run->seed = plan->options.seed + index;
	run->progress = progress;
	run->first_service = first;
	run->end_service = end;
	run->services = g_new0(SimServiceState, MAX(plan->n_services, 1));
	run->clusters = g_new0(SimClusterState, MAX(plan->n_clusters, 1));
	run->subnets = g_new0(SimSubnetState, MAX(plan->n_subnets, 1));
	run->nat_lost_step = g_new(gint64, MAX(plan->n_nats, 1));
	run->az_position = g_new0(gint, MAX(n_slots, 1));
	for (guint i = 0; i < plan->n_nats; i++)
		run->nat_lost_step[i] = -1;
	for (guint i = 0; i < plan->n_subnets; i++) {
		run->subnets[i].full_since = -1;
		run->subnets[i].peak_step = 0;
	}
	for (guint s = first; s < end; s++) {
		const SimServicePlan *service = &plan->services[s];
		SimServiceState *state = &run->services[s];
		/* placements happen twice a step at most (placing waiting tasks, then a scaling
		 * decision), each at most one batch per AZ, and batches live start_steps + 1 */
		guint ring = (guint)(service->start_steps + 2) * 2 * (service->n_azs + 1) + 4;

		state->running_az = g_new0(gint64, n_slots);
		state->placed_az = g_new0(gint64, n_slots);
		state->held = g_new0(gint64, MAX(service->n_subnets, 1));
		sim_ring_init(&state->starts, ring);
		state->targets = g_new0(SimTargetState, MAX(service->n_targets, 1));
		state->steps = g_new0(SimStepState, MAX(service->n_steps, 1));
		state->chunk = g_new0(double, SIM_CHUNK);
		state->hist = g_new0(guint32, SIM_HIST_BINS);
		if (service->count_hist_len > 0)
			state->count_hist = g_new0(guint32, service->count_hist_len);
		/* written before they are read: not zeroed, so pages no event reaches are never
		 * touched */
		state->events = g_new(PlanSimScalingEvent, plan->max_events);
		state->pending = g_new(PlanSimPendingEvent, plan->max_events);
		plan_rng_seed(&state->rng, run->seed * G_GUINT64_CONSTANT(0x9e3779b97f4a7c15) ^
					       (service->noise_seed + 1) *
						   G_GUINT64_CONSTANT(0xc2b2ae3d27d4eb4f));
	}
	for (guint c = 0; c < plan->n_clusters; c++) {
		const SimClusterPlan *cluster = &plan->clusters[c];
		SimClusterState *state = &run->clusters[c];

		state->registered_az = g_new0(gint64, n_slots);
		state->launching_az = g_new0(gint64, n_slots);
		state->used_az = g_new0(double, n_slots);
		state->held = g_new0(gint64, MAX(cluster->n_subnets, 1));
		state->instances = g_new0(SimInstance, (gsize)cluster->capacity);
		state->on = g_new0(gint32, (gsize)cluster->capacity * MAX(cluster->n_services, 1));
		plan_rng_seed(&state->rng, run->seed * G_GUINT64_CONSTANT(0xbf58476d1ce4e5b9) ^
					       (c + 1) * G_GUINT64_CONSTANT(0x94d049bb133111eb));
		state->events = g_new(PlanSimScalingEvent, plan->max_events);
	}
	if (plan->blocked) {
		run->log_capacity = 256;
		run->log = g_new(SimSubnetDelta, run->log_capacity);
	}
	if (plan->series_stride > 0) {
		guint64 points =
		    (guint64)((plan->n_steps + plan->series_stride - 1) / plan->series_stride);
		run->series = g_new0(PlanSimPoint, MAX(points * plan->n_services, 1));
		run->cluster_series =
		    g_new0(PlanSimClusterPoint, MAX(points * plan->n_clusters, 1));
	}
	return run;
}

SimRun *
sim_run_new(const SimPlan *plan, guint index, gint *progress)
{
	return sim_run_new_range(plan, index, progress, 0, plan->n_services);
}

void
sim_run_free(SimRun *run)
{
	if (run == NULL)
		return;
	for (guint s = 0; s < run->plan->n_services; s++) {
		SimServiceState *state = &run->services[s];
		g_free(state->running_az);
		g_free(state->placed_az);
		g_free(state->held);
		g_free(state->starts.items);
		g_free(state->targets);
		g_free(state->steps);
		g_free(state->chunk);
		g_free(state->hist);
		g_free(state->count_hist);
		g_free(state->events);
		g_free(state->pending);
	}
	for (guint c = 0; c < run->plan->n_clusters; c++) {
		SimClusterState *state = &run->clusters[c];
		g_free(state->registered_az);
		g_free(state->launching_az);
		g_free(state->used_az);
		g_free(state->held);
		g_free(state->instances);
		g_free(state->on);
		g_free(state->events);
	}
	g_free(run->services);
	g_free(run->clusters);
	g_free(run->subnets);
	g_free(run->nat_lost_step);
	g_free(run->az_position);
	if (!run->series_borrowed)
		g_free(run->series);
	g_free(run->cluster_series);
	g_free(run->log);
	g_free(run->log_sorted);
	g_free(run->log_counts);
	g_free(run);
}

/* ---- the AZ failure ------------------------------------------------------------------------ */

void
sim_fail_az(SimRun *run)
{
	const SimPlan *plan = run->plan;
	guint az = (guint)plan->fail_slot;
	gint64 k = run->step;

	run->failed = TRUE;
	for (guint n = 0; n < plan->n_nats; n++) {
		if (g_strcmp0(plan->nats[n].az, plan->options.fail_az) == 0)
			run->nat_lost_step[n] = k;
	}
	for (guint i = 0; i < plan->n_subnets; i++) {
		const SimSubnetPlan *subnet = &plan->subnets[i];
		if (subnet->az == az && plan->fail_slot < (gint)plan->n_real_azs)
			run->subnets[i].dead = TRUE;
		else if (subnet->nat >= 0 && run->nat_lost_step[subnet->nat] >= 0)
			run->subnets[i].no_egress = TRUE;
	}
	if (plan->fail_slot >= (gint)plan->n_real_azs)
		return; /* the AZ held no simulated task or instance */

	for (guint s = run->first_service; s < run->end_service; s++) {
		const SimServicePlan *service = &plan->services[s];
		SimServiceState *state = &run->services[s];
		gint64 lost = state->placed_az[az];

		state->failure.running_before = state->running;
		for (guint i = 0; i < state->starts.len; i++) {
			SimBatch *batch = sim_ring_at(&state->starts, i);
			if (batch->az == az) {
				state->starting -= batch->count;
				batch->count = 0;
			}
		}
		state->running -= state->running_az[az];
		state->running_az[az] = 0;
		state->placed_az[az] = 0;
		for (guint i = 0; i < service->n_subnets; i++) {
			if (service->subnet_az[i] == az && state->held[i] > 0) {
				sim_subnet_add(run, service->subnets[i], -state->held[i]);
				state->held[i] = 0;
			}
		}
		state->waiting += lost;
		if (lost > 0) {
			state->failure_hit = TRUE;
			state->failure.tasks_lost = lost;
			state->failure.recovery_s = -1;
			state->recovering = TRUE;
		}
	}
	for (guint c = 0; c < plan->n_clusters; c++) {
		const SimClusterPlan *cluster = &plan->clusters[c];
		SimClusterState *state = &run->clusters[c];
		gint64 lost = state->registered_az[az] + state->launching_az[az];

		for (gint64 i = 0; i < cluster->capacity; i++) {
			if (state->instances[i].state == SIM_INSTANCE_NONE ||
			    state->instances[i].az != az)
				continue;
			memset(&state->instances[i], 0, sizeof state->instances[i]);
			for (guint n = 0; n < cluster->n_services; n++)
				state->on[(gsize)n * (gsize)cluster->capacity + (gsize)i] = 0;
		}
		state->registered -= state->registered_az[az];
		state->launching -= state->launching_az[az];
		state->registered_az[az] = 0;
		state->launching_az[az] = 0;
		state->used_az[az] = 0;
		for (guint i = 0; i < cluster->n_subnets; i++) {
			if (cluster->subnet_az[i] == az && state->held[i] > 0) {
				sim_subnet_add(run, cluster->subnets[i], -state->held[i]);
				state->held[i] = 0;
			}
		}
		state->lost += lost;
		/* the Auto Scaling group keeps its desired capacity: it replaces the lost
		 * instances in the AZs that remain */
		if (lost > 0) {
			gint64 from = state->registered + state->launching;
			gint64 launched = sim_launch_instances(
			    run, c, lost, k + plan->instance_launch_steps);
			if (launched > 0)
				sim_cluster_event(run, c, from, from + launched,
						       PLAN_SIM_REASON_CAPACITY_OUT, 0, k);
		}
	}
	/* subnets of the failed AZ no longer count as full */
	for (guint i = 0; i < plan->n_subnets; i++) {
		SimSubnetState *state = &run->subnets[i];
		if (state->dead && state->full_since >= 0) {
			state->full_steps += k - state->full_since;
			state->full_since = -1;
		}
	}
}

gint64
sim_spot_instances(const SimClusterPlan *cluster, gint64 instances)
{
	gint64 above = MAX(instances - cluster->on_demand_base, 0);
	/* on-demand above the base rounds up, in favour of on-demand (UNCONFIRMED) */
	gint64 on_demand_above = (above * cluster->on_demand_percentage + 99) / 100;

	return above - on_demand_above;
}

/* ---- the loop -------------------------------------------------------------------------------- */

void
sim_run_init(SimRun *run)
{
	const SimPlan *plan = run->plan;

	run->step = 0;
	for (guint s = run->first_service; s < run->end_service; s++) {
		const SimServicePlan *service = &plan->services[s];
		SimServiceState *state = &run->services[s];
		state->desired = service->initial;
		state->min = service->min;
		state->max = service->max;
		state->peak_desired = service->initial;
		state->waiting = service->initial;
		for (guint i = 0; i < service->n_targets; i++) {
			state->targets[i].last_out_s = SIM_NEVER;
			state->targets[i].last_in_s = SIM_NEVER;
		}
		for (guint i = 0; i < service->n_steps; i++)
			state->steps[i].cooldown_until_s = SIM_NEVER;
	}
	/* the run starts in a steady state: enough instances for the initial tasks at the
	 * cluster's target capacity (and its minimum), registered already */
	for (guint c = 0; c < plan->n_clusters; c++) {
		const SimClusterPlan *cluster = &plan->clusters[c];
		double need = 0;
		gboolean any = FALSE;
		gint64 instances;

		for (guint k = 0; k < cluster->n_services; k++) {
			const SimServicePlan *service = &plan->services[cluster->services[k]];
			need += (double)service->initial * service->slot;
			any = any || service->initial > 0;
		}
		instances = (gint64)ceil(need * 100.0 / cluster->target_capacity - SIM_EPSILON);
		if (any)
			instances = MAX(instances, 1);
		instances = CLAMP(MAX(instances, cluster->min), 0, cluster->max);
		sim_launch_instances(run, c, instances, 0);
		run->clusters[c].warm_until_s = SIM_NEVER;
	}
	for (guint s = run->first_service; s < run->end_service; s++)
		sim_place(run, s, run->services[s].waiting, 0);
}

/* scheduled actions due at the start of step @k */
static void
apply_fires(SimRun *run, guint s, gint64 k)
{
	const SimServicePlan *service = &run->plan->services[s];
	SimServiceState *state = &run->services[s];

	while (state->next_fire < service->n_fires && service->fires[state->next_fire].step <= k) {
		const SimFire *fire = &service->fires[state->next_fire++];
		gint64 desired;
		if (fire->set & PLAN_SCHEDULED_MIN)
			state->min = fire->min;
		if (fire->set & PLAN_SCHEDULED_MAX)
			state->max = fire->max;
		/* AWS refuses min above max; the simulator keeps the new min */
		if (state->min > state->max)
			state->max = state->min;
		desired = CLAMP(state->desired, state->min, state->max);
		sim_set_desired(run, s, desired, PLAN_SIM_REASON_SCHEDULED, (gint)fire->action,
				     0, k);
	}
}

static void
finish_starts(SimServiceState *state, gint64 k)
{
	while (state->starts.len > 0) {
		SimBatch *oldest = sim_ring_at(&state->starts, 0);
		if (oldest->ready_step > k)
			break;
		state->running_az[oldest->az] += oldest->count;
		state->running += oldest->count;
		state->starting -= oldest->count;
		state->starts.head = (state->starts.head + 1) % state->starts.capacity;
		state->starts.len--;
	}
}

static void
finish_launches(const SimClusterPlan *cluster, SimClusterState *state, gint64 k)
{
	for (gint64 i = 0; i < cluster->capacity && state->launching > 0; i++) {
		SimInstance *instance = &state->instances[i];
		if (instance->state != SIM_INSTANCE_LAUNCHING || instance->ready_step > k)
			continue;
		instance->state = SIM_INSTANCE_REGISTERED;
		state->launching_az[instance->az]--;
		state->launching--;
		state->registered_az[instance->az]++;
		state->registered++;
	}
}

/* a policy's decision on a service, applied at the start of @now_step */
static void
apply_service_decision(SimRun *run, guint s, SimDecision decision, gint64 now_step)
{
	if (decision.capacity >= 0)
		sim_set_desired(run, s, decision.capacity, decision.reason, decision.policy,
				     decision.metric, now_step);
}

/* managed scaling's decision on a cluster: launch (new instances are ready after the launch
 * delay, and the next scale-out waits for their warm-up) or terminate idle instances */
static void
apply_cluster_decision(SimRun *run, guint c, SimClusterDecision decision, gint64 now_step)
{
	const SimPlan *plan = run->plan;
	SimClusterState *state = &run->clusters[c];
	gint64 instances = state->registered + state->launching;

	if (decision.launch > 0) {
		gint64 launched = sim_launch_instances(run, c, decision.launch,
							    now_step + plan->instance_launch_steps);
		if (launched < decision.launch)
			state->blocked_steps++;
		if (launched == 0)
			return;
		sim_cluster_event(run, c, instances, instances + launched, decision.reason,
				       decision.reservation, now_step);
		state->warm_until_s =
		    now_step * plan->options.step_s + plan->clusters[c].warmup_s;
	} else if (decision.terminate > 0) {
		gint64 removed = sim_terminate_instances(run, c, decision.terminate);
		if (removed > 0)
			sim_cluster_event(run, c, instances, instances - removed,
					       decision.reason, decision.reservation, now_step);
	}
}

/* one service through step @k: the hot path. A figure summed here per step is summed in
 * step_quiet() too (blocked/same-figures in tests/test-simulate.c compares the two ways) */
static void
step_service(SimRun *run, guint s, gint64 k)
{
	const SimPlan *plan = run->plan;
	const SimServicePlan *service = &plan->services[s];
	SimServiceState *state = &run->services[s];
	guint slot = (guint)(k & (SIM_CHUNK - 1));
	gint64 placed;
	gint64 running;
	double demand;
	double capacity;
	double util;
	double alb = 0;
	gboolean valid;

	if (state->next_fire < service->n_fires && service->fires[state->next_fire].step <= k)
		apply_fires(run, s, k);
	if (state->starts.len > 0)
		finish_starts(state, k);
	if (state->waiting > 0)
		sim_place(run, s, state->waiting, k + service->start_steps);
	if (state->waiting > 0 || state->pending_open) {
		sim_track_pending(run, s, k * plan->options.step_s);
		state->waiting_steps += (double)state->waiting;
		if (state->waiting > 0)
			state->waiting_any_steps++;
	}

	if (slot == 0)
		plan_profile_fill(service->profile, k, (guint)MIN(SIM_CHUNK, plan->n_steps - k),
				  &state->rng, state->chunk);
	demand = state->chunk[slot];
	running = state->running;
	placed = running + state->starting;
	capacity = (double)running * service->capacity_rps;
	valid = running > 0;
	if (valid) {
		if (state->inverse_of != running) {
			state->inverse_of = running;
			state->inverse_running = 1.0 / (double)running;
		}
		util = demand * service->inv_capacity * state->inverse_running;
		alb = demand * 60.0 * state->inverse_running;
		if (util > 1.0)
			util = 1.0;
	} else {
		util = demand > 0 ? 1.0 : 0.0;
	}

	state->placed_steps += (double)placed;
	if (placed > state->peak_placed)
		state->peak_placed = placed;
	if (demand > state->peak_demand)
		state->peak_demand = demand;
	state->demand_sum += demand;
	state->hist[(guint)(util * 1000.0 + 1e-6)]++;
	if (util > state->util_max)
		state->util_max = util;
	if (demand > capacity) {
		state->unmet_steps++;
		state->unmet_requests += (demand - capacity) * (double)plan->options.step_s;
		if (state->failure_hit) {
			state->unmet_steps_after++;
			state->failure.unmet_requests +=
			    (demand - capacity) * (double)plan->options.step_s;
		}
	}
	if (state->count_hist != NULL && (guint64)placed < service->count_hist_len)
		state->count_hist[placed]++;
	if (state->recovering && running >= MIN(state->failure.running_before, state->desired)) {
		state->recovering = FALSE;
		state->failure.recovery_s =
		    k * plan->options.step_s - plan->fail_step * plan->options.step_s;
	}
	if (plan->series_stride > 0 && k % plan->series_stride == 0) {
		/* the points of a step sit in service order, whichever way the services step */
		PlanSimPoint *point =
		    &run->series[(guint64)(k / plan->series_stride) * plan->n_services + s];
		run->n_series++;
		point->time_s = k * plan->options.step_s;
		point->service = s;
		point->desired = (gint32)state->desired;
		point->running = (gint32)running;
		point->pending = (gint32)(state->desired - running);
		point->demand = (float)demand;
		point->utilization = (float)(util * 100.0);
	}

	/* a datapoint is complete at the end of its minute: decisions act from the next step */
	if (plan->steps_per_datapoint == 1) {
		/* missing data is not low load: no task ran, so no alarm moves [S28] */
		if (valid && sim_service_datapoint(&plan->settings, service, state, util, alb,
						   plan->datapoints_per_step))
			apply_service_decision(run, s, sim_decide_service(run, s, util, alb, k + 1),
					       k + 1);
	} else {
		state->dp_util += util;
		state->dp_alb += alb;
		state->dp_valid += valid ? 1 : 0;
		if (++state->dp_steps == plan->steps_per_datapoint) {
			double n = (double)state->dp_steps;
			if (service->n_targets > 0 || service->n_steps > 0)
				apply_service_decision(
				    run, s,
				    sim_evaluate_service(run, s, state->dp_util / n,
							      state->dp_alb / n,
							      state->dp_valid == state->dp_steps,
							      1, k + 1),
				    k + 1);
			state->dp_util = state->dp_alb = 0;
			state->dp_steps = state->dp_valid = 0;
		}
	}
	if (state->waiting > 0 || state->pending_open)
		sim_track_pending(run, s, (k + 1) * plan->options.step_s);
}

/* service @s through steps @k to at most @end − 1 while only its demand moves: no task
 * waiting or becoming ready, no pending stretch open, no recovery to watch (quiet_until()).
 * step_service()'s arithmetic in the same order, with the state in locals: running and placed
 * stay as they are until a policy changes the desired count, so their sums add up once.
 * @one_target: the service has one target tracking policy and no step scaling, whose alarm
 * counts then live in locals too (a constant: the compiler makes a copy for each case).
 * Returns the step it stopped before: @end, or the step after one whose policy decided */
static G_ALWAYS_INLINE inline gint64
step_quiet_body(SimRun *run, guint s, gint64 k, gint64 end, gboolean one_target)
{
	const SimPlan *plan = run->plan;
	const SimServicePlan *service = &plan->services[s];
	SimServiceState *state = &run->services[s];
	const double *chunk = state->chunk;
	guint32 *hist = state->hist;
	gint64 running = state->running;
	gint64 placed = running + state->starting;
	double capacity = (double)running * service->capacity_rps;
	double inv_capacity = service->inv_capacity;
	double step_s = (double)plan->options.step_s;
	gboolean valid = running > 0;
	gboolean policies = valid && (service->n_targets > 0 || service->n_steps > 0);
	gboolean failure_hit = state->failure_hit;
	guint datapoints = plan->datapoints_per_step;
	double inverse = 0;
	double peak_demand = state->peak_demand;
	double demand_sum = state->demand_sum;
	double util_max = state->util_max;
	double unmet_requests = state->unmet_requests;
	gint64 unmet_steps = state->unmet_steps;
	SimDecision decision = {-1, 0, -1, 0};
	gint64 first = k;
	gint64 n;
	/* one_target: the policy and its counts */
	SimTargetState *counts = state->targets;
	double target = one_target ? service->targets[0].target : 0;
	double low_threshold = one_target ? service->targets[0].low_threshold : 0;
	gboolean by_requests =
	    one_target && service->targets[0].metric == PLAN_METRIC_ALB_REQUESTS;
	gint64 high_datapoints = plan->settings.alarm_high_datapoints;
	gint64 low_datapoints = plan->settings.alarm_low_datapoints;
	gint64 high = one_target ? counts->high : 0;
	gint64 low = one_target ? counts->low : 0;

	if (valid) {
		if (state->inverse_of != running) {
			state->inverse_of = running;
			state->inverse_running = 1.0 / (double)running;
		}
		inverse = state->inverse_running;
	}
	for (; k < end; k++) {
		double demand = chunk[k & (SIM_CHUNK - 1)];
		double util;
		double alb = 0;
		gboolean alarm;

		if (valid) {
			util = demand * inv_capacity * inverse;
			alb = demand * 60.0 * inverse;
			if (util > 1.0)
				util = 1.0;
		} else {
			util = demand > 0 ? 1.0 : 0.0;
		}
		if (demand > peak_demand)
			peak_demand = demand;
		demand_sum += demand;
		hist[(guint)(util * 1000.0 + 1e-6)]++;
		if (util > util_max)
			util_max = util;
		if (demand > capacity) {
			unmet_steps++;
			unmet_requests += (demand - capacity) * step_s;
			if (failure_hit) {
				state->unmet_steps_after++;
				state->failure.unmet_requests += (demand - capacity) * step_s;
			}
		}
		if (!policies)
			continue;
		if (one_target) {
			/* sim_service_datapoint() for its one policy */
			double metric = by_requests ? alb : util * 100.0;
			high = metric > target ? high + datapoints : 0;
			low = metric < low_threshold ? low + datapoints : 0;
			alarm = high >= high_datapoints || low >= low_datapoints;
			if (alarm) {
				counts->high = high;
				counts->low = low;
			}
		} else {
			alarm = sim_service_datapoint(&plan->settings, service, state, util, alb,
						      datapoints);
		}
		/* an alarm that decides nothing (a cooldown, the desired count already there)
		 * leaves the stretch quiet */
		if (alarm) {
			run->step = k;
			decision = sim_decide_service(run, s, util, alb, k + 1);
			if (decision.capacity >= 0) {
				k++;
				break;
			}
		}
	}
	if (one_target) {
		counts->high = high;
		counts->low = low;
	}
	n = k - first;
	/* sums of whole numbers below 2^53: one addition of n × placed is exact, as the n
	 * additions were */
	state->placed_steps += (double)(placed * n);
	if (placed > state->peak_placed)
		state->peak_placed = placed;
	state->peak_demand = peak_demand;
	state->demand_sum = demand_sum;
	state->util_max = util_max;
	state->unmet_requests = unmet_requests;
	state->unmet_steps = unmet_steps;
	if (state->count_hist != NULL && (guint64)placed < service->count_hist_len)
		state->count_hist[placed] += (guint32)n;
	if (decision.capacity >= 0) {
		/* the rest of step k − 1, as step_service() ends it */
		run->step = k - 1;
		apply_service_decision(run, s, decision, k);
		if (state->waiting > 0 || state->pending_open)
			sim_track_pending(run, s, k * plan->options.step_s);
	}
	return k;
}

/* what quiet_scan() carries from one step to the next */
typedef struct {
	double peak_demand;
	double demand_sum;
	double util_max;
	gint64 high;
	gint64 low;
} SimQuietSums;

/* the loop of step_quiet_one(): demands[0 .. n − 1] through the figures and the policy's
 * alarm counts, until the end or a step whose alarm has enough datapoints. No call in it,
 * so everything stays in registers. Returns that step's index, or @n */
static G_ALWAYS_INLINE inline gint64
quiet_scan(const double *demands, gint64 n, guint32 *hist, double inv_capacity, double inverse,
	   double capacity, double target, double low_threshold, gint64 datapoints,
	   gint64 high_datapoints, gint64 low_datapoints, gboolean by_requests,
	   SimQuietSums *sums, SimServiceState *state, double step_s)
{
	double peak_demand = sums->peak_demand;
	double demand_sum = sums->demand_sum;
	double util_max = sums->util_max;
	gint64 high = sums->high;
	gint64 low = sums->low;
	gint64 i;

	for (i = 0; i < n; i++) {
		double demand = demands[i];
		double util = demand * inv_capacity * inverse;
		double metric;

		util = util > 1.0 ? 1.0 : util;
		peak_demand = demand > peak_demand ? demand : peak_demand;
		demand_sum += demand;
		/* the bin of step_service(): util is in [0, 1], so a 64-bit conversion gives the
		 * same index and the address needs no extension */
		hist[(gint64)(util * 1000.0 + 1e-6)]++;
		util_max = util > util_max ? util : util_max;
		if (G_UNLIKELY(demand > capacity)) {
			state->unmet_steps++;
			state->unmet_requests += (demand - capacity) * step_s;
		}
		metric = by_requests ? demand * 60.0 * inverse : util * 100.0;
		high = metric > target ? high + datapoints : 0;
		low = metric < low_threshold ? low + datapoints : 0;
		if (G_UNLIKELY(high >= high_datapoints || low >= low_datapoints))
			break;
	}
	sums->peak_demand = peak_demand;
	sums->demand_sum = demand_sum;
	sums->util_max = util_max;
	sums->high = high;
	sums->low = low;
	return i;
}

/* step_quiet_body() for the common case, cut to what it needs: tasks run (the metric is
 * valid), one target tracking policy and no step scaling, the AZ failure not yet hit. The
 * same arithmetic in the same order; the requests per target are worked out only when the
 * policy reads them (@by_requests, a constant) or an alarm has to decide. A stretch never
 * crosses a chunk of demand (quiet_until()), so the chunk is read from one index on */
static G_ALWAYS_INLINE inline gint64
step_quiet_one(SimRun *run, guint s, gint64 k, gint64 end, gboolean by_requests)
{
	const SimPlan *plan = run->plan;
	const SimServicePlan *service = &plan->services[s];
	SimServiceState *state = &run->services[s];
	const double *demands = state->chunk + (k & (SIM_CHUNK - 1));
	gint64 running = state->running;
	gint64 placed = running + state->starting;
	double capacity = (double)running * service->capacity_rps;
	double inverse;
	SimTargetState *counts = state->targets;
	SimQuietSums sums = {state->peak_demand, state->demand_sum, state->util_max, counts->high,
			     counts->low};
	SimDecision decision = {-1, 0, -1, 0};
	gint64 n = end - k;
	gint64 i = 0;

	g_assert((k & (SIM_CHUNK - 1)) + n <= SIM_CHUNK);
	if (state->inverse_of != running) {
		state->inverse_of = running;
		state->inverse_running = 1.0 / (double)running;
	}
	inverse = state->inverse_running;
	while (i < n) {
		double demand;
		double util;

		i += quiet_scan(demands + i, n - i, state->hist, service->inv_capacity, inverse,
				capacity, service->targets[0].target,
				service->targets[0].low_threshold, plan->datapoints_per_step,
				plan->settings.alarm_high_datapoints,
				plan->settings.alarm_low_datapoints, by_requests, &sums, state,
				(double)plan->options.step_s);
		if (i == n)
			break;
		/* an alarm at step k + i: the values quiet_scan() had, worked out again */
		demand = demands[i];
		util = demand * service->inv_capacity * inverse;
		util = util > 1.0 ? 1.0 : util;
		counts->high = sums.high;
		counts->low = sums.low;
		run->step = k + i;
		decision =
		    sim_decide_service(run, s, util, demand * 60.0 * inverse, k + i + 1);
		i++;
		/* an alarm that decides nothing (a cooldown, the desired count already there)
		 * leaves the stretch quiet */
		if (decision.capacity >= 0)
			break;
	}
	counts->high = sums.high;
	counts->low = sums.low;
	/* sums of whole numbers below 2^53: one addition of n × placed is exact, as the n
	 * additions were */
	state->placed_steps += (double)(placed * i);
	if (placed > state->peak_placed)
		state->peak_placed = placed;
	state->peak_demand = sums.peak_demand;
	state->demand_sum = sums.demand_sum;
	state->util_max = sums.util_max;
	if (state->count_hist != NULL && (guint64)placed < service->count_hist_len)
		state->count_hist[placed] += (guint32)i;
	k += i;
	if (decision.capacity >= 0) {
		/* the rest of step k − 1, as step_service() ends it */
		run->step = k - 1;
		apply_service_decision(run, s, decision, k);
		if (state->waiting > 0 || state->pending_open)
			sim_track_pending(run, s, k * plan->options.step_s);
	}
	return k;
}

static G_NO_INLINE gint64
step_quiet_by_requests(SimRun *run, guint s, gint64 k, gint64 end)
{
	return step_quiet_one(run, s, k, end, TRUE);
}

static G_NO_INLINE gint64
step_quiet_by_utilization(SimRun *run, guint s, gint64 k, gint64 end)
{
	return step_quiet_one(run, s, k, end, FALSE);
}

static gint64
step_quiet(SimRun *run, guint s, gint64 k, gint64 end)
{
	const SimServicePlan *service = &run->plan->services[s];
	const SimServiceState *state = &run->services[s];

	if (service->n_targets == 1 && service->n_steps == 0 && state->running > 0 &&
	    !state->failure_hit) {
		if (service->targets[0].metric == PLAN_METRIC_ALB_REQUESTS)
			return step_quiet_by_requests(run, s, k, end);
		return step_quiet_by_utilization(run, s, k, end);
	}
	if (service->n_targets == 1 && service->n_steps == 0)
		return step_quiet_body(run, s, k, end, TRUE);
	return step_quiet_body(run, s, k, end, FALSE);
}

/* the step before which a quiet stretch of service @s from step @k must end (at most @end),
 * or @k when step @k itself needs step_service(): a chunk of demand to fill, a scheduled action
 * due, a series point, tasks waiting, a datapoint that spans steps. Tasks that become ready at
 * @k start counting here, as step_service() would have them (after the scheduled actions,
 * of which none is due, and before placing waiting tasks, of which there are none) */
static gint64
quiet_until(SimRun *run, guint s, gint64 k, gint64 end)
{
	const SimPlan *plan = run->plan;
	const SimServicePlan *service = &plan->services[s];
	SimServiceState *state = &run->services[s];

	if ((k & (SIM_CHUNK - 1)) == 0 || plan->steps_per_datapoint != 1 || state->waiting > 0 ||
	    state->pending_open || state->recovering)
		return k;
	if (state->next_fire < service->n_fires) {
		if (service->fires[state->next_fire].step <= k)
			return k;
		end = MIN(end, service->fires[state->next_fire].step);
	}
	if (plan->series_stride > 0 && k % plan->series_stride == 0)
		return k;
	if (state->starts.len > 0)
		finish_starts(state, k);
	/* tasks still starting: quiet until the oldest batch is ready (placed stays the same) */
	if (state->starts.len > 0)
		end = MIN(end, sim_ring_at(&state->starts, 0)->ready_step);
	if (plan->series_stride > 0)
		end = MIN(end, (k / plan->series_stride + 1) * plan->series_stride);
	return MAX(end, k);
}

static void
step_cluster(SimRun *run, guint c, gint64 k)
{
	const SimPlan *plan = run->plan;
	const SimClusterPlan *cluster = &plan->clusters[c];
	SimClusterState *state = &run->clusters[c];
	gint64 instances = state->registered + state->launching;
	double used = 0;

	state->instance_steps += (double)instances;
	state->spot_steps += (double)sim_spot_instances(cluster, instances);
	if (instances > state->peak)
		state->peak = instances;
	for (guint az = 0; az < plan->n_slots; az++)
		used += state->used_az[az];
	/* each service's share of the instances: the room its tasks take */
	for (guint i = 0; i < cluster->n_services; i++) {
		guint s = cluster->services[i];
		const SimServiceState *service = &run->services[s];
		double share = used > SIM_EPSILON ? (double)(service->running + service->starting) *
							plan->services[s].slot / used
						  : 1.0 / (double)cluster->n_services;
		run->services[s].instance_steps += (double)instances * share;
	}
	if (plan->series_stride > 0 && k % plan->series_stride == 0) {
		PlanSimClusterPoint *point = &run->cluster_series[run->n_cluster_series++];
		point->time_s = k * plan->options.step_s;
		point->cluster = c;
		point->instances = (gint32)instances;
		point->registered = (gint32)state->registered;
		point->reservation = (float)state->last_reservation;
	}
	if ((guint64)(k + 1) % plan->steps_per_datapoint == 0)
		apply_cluster_decision(
		    run, c, sim_evaluate_cluster(run, c, plan->datapoints_per_step, k + 1),
		    k + 1);
	if (state->registered + state->launching < cluster->min)
		sim_launch_instances(run, c,
					  cluster->min - state->registered - state->launching,
					  k + 1 + plan->instance_launch_steps);
}

void
sim_replay_subnets(SimRun *run, SimRun *const *parts, guint n_parts, gint64 first, gint64 end)
{
	guint span = (guint)(end - first);
	guint total = 0;
	guint *counts;
	SimSubnetDelta *sorted;

	for (guint p = 0; p < n_parts; p++)
		total += parts[p]->log_len;
	if (total == 0)
		return;
	if (run->counts_capacity < span + 1) {
		run->counts_capacity = span + 1;
		g_free(run->log_counts);
		run->log_counts = g_new(guint, run->counts_capacity);
	}
	if (run->sorted_capacity < total) {
		run->sorted_capacity = MAX(total, 2 * run->sorted_capacity);
		g_free(run->log_sorted);
		run->log_sorted = g_new(SimSubnetDelta, run->sorted_capacity);
	}
	counts = run->log_counts;
	sorted = run->log_sorted;
	/* a stable counting sort by step of the parts' logs one after another: each part logged
	 * its services one after another, each in step order */
	memset(counts, 0, (span + 1) * sizeof *counts);
	for (guint p = 0; p < n_parts; p++) {
		for (guint i = 0; i < parts[p]->log_len; i++)
			counts[parts[p]->log[i].step - first + 1]++;
	}
	for (guint i = 1; i <= span; i++)
		counts[i] += counts[i - 1];
	for (guint p = 0; p < n_parts; p++) {
		for (guint i = 0; i < parts[p]->log_len; i++)
			sorted[counts[parts[p]->log[i].step - first]++] = parts[p]->log[i];
		parts[p]->log_len = 0;
	}
	for (guint i = 0; i < total; i++) {
		run->step = sorted[i].step;
		sim_subnet_add(run, sorted[i].subnet, sorted[i].delta);
	}
}

/* sim_plan_blocked()'s way: each service through a block of up to SIM_CHUNK steps (its
 * state, demand chunk and histogram stay in the core's cache), then the next service. Blocks
 * end where a chunk of demand ends and where the AZ fails, so the failure still finds every
 * service at the start of its step. The subnet changes are logged, and a whole run replays
 * them in step order at the end of each block (a part leaves them to its run) */
void
sim_run_blocks(SimRun *run, gint64 from, gint64 to)
{
	const SimPlan *plan = run->plan;
	gint64 k = from;

	while (k < to) {
		gint64 end = MIN(to, (k | (gint64)(SIM_CHUNK - 1)) + 1);

		if (plan->fail_slot >= 0 && k == plan->fail_step && !run->failed) {
			run->step = k;
			sim_fail_az(run);
		}
		if (plan->fail_slot >= 0 && plan->fail_step > k && plan->fail_step < end)
			end = plan->fail_step;
		run->log_subnets = TRUE;
		for (guint s = run->first_service; s < run->end_service; s++) {
			gint64 j = k;
			while (j < end) {
				gint64 until = quiet_until(run, s, j, end);
				if (until > j) {
					j = step_quiet(run, s, j, until);
					continue;
				}
				run->step = j;
				step_service(run, s, j);
				j++;
			}
		}
		if (!run->part) {
			run->log_subnets = FALSE;
			sim_replay_subnets(run, &run, 1, k, end);
		}
		/* one unit per SIM_PROGRESS_STEPS steps done, as the step loop counts them */
		if (run->progress != NULL) {
			gint units = (gint)(end / SIM_PROGRESS_STEPS - k / SIM_PROGRESS_STEPS);
			if (units > 0)
				g_atomic_int_add(run->progress, units);
		}
		k = end;
	}
	run->step = to;
}

void
sim_run_steps(SimRun *run)
{
	const SimPlan *plan = run->plan;

	g_return_if_fail(!run->part);
	if (plan->blocked) {
		sim_run_blocks(run, 0, plan->n_steps);
		return;
	}
	for (gint64 k = 0; k < plan->n_steps; k++) {
		run->step = k;
		if (plan->fail_slot >= 0 && k == plan->fail_step)
			sim_fail_az(run);
		for (guint c = 0; c < plan->n_clusters; c++) {
			if (run->clusters[c].launching > 0)
				finish_launches(&plan->clusters[c], &run->clusters[c], k);
		}
		for (guint s = 0; s < plan->n_services; s++)
			step_service(run, s, k);
		for (guint c = 0; c < plan->n_clusters; c++)
			step_cluster(run, c, k);
		if (run->progress != NULL && (k + 1) % SIM_PROGRESS_STEPS == 0)
			g_atomic_int_inc(run->progress);
	}
	run->step = plan->n_steps;
}
