/* the simulator's scaling decisions: target tracking and step scaling on a service (Application
 * Auto Scaling [S27][S28][S28b][S29a]) and capacity provider managed scaling on a cluster
 * [S30][S29b]. Each function sees one datapoint; docs/simulation.md states every rule. */
#include "simulate-private.h"

#include <math.h>

#define SIM_EPSILON 1e-9


/* PercentChangeInCapacity rounding [S27]: above 1 down, between 0 and 1 to 1, the same
 * mirrored for decreases; then MinAdjustmentMagnitude */
static gint64
percent_delta(gint64 current, gint64 percent, gint64 min_magnitude)
{
	double raw = (double)current * (double)percent / 100.0;
	gint64 delta;

	if (raw > 1)
		delta = (gint64)floor(raw);
	else if (raw > 0)
		delta = 1;
	else if (raw < -1)
		delta = (gint64)ceil(raw);
	else if (raw < 0)
		delta = -1;
	else
		delta = 0;
	if (min_magnitude > 0 && delta != 0 && ABS(delta) < min_magnitude)
		delta = delta > 0 ? min_magnitude : -min_magnitude;
	return delta;
}

/**
 * sim_step_adjust:
 * @policy: (transfer none): the step scaling policy
 * @current: the capacity the adjustment applies to
 * @metric: the breaching datapoint
 * @found: (out): whether a step covers metric − threshold
 *
 * The capacity a step scaling policy asks for. Step bounds are relative to the threshold; an
 * unset bound is infinite. Above the threshold a step holds [lower, upper); below it
 * (lower, upper], as AWS defines them [S27].
 */
gint64
sim_step_adjust(const PlanStepScaling *policy, gint64 current, double metric, gboolean *found)
{
	double difference = metric - policy->threshold;

	*found = FALSE;
	for (guint i = 0; i < policy->steps->len; i++) {
		const PlanStepAdjustment *step = g_ptr_array_index(policy->steps, i);
		double lower = (step->set & PLAN_STEP_LOWER) ? step->lower : -INFINITY;
		double upper = (step->set & PLAN_STEP_UPPER) ? step->upper : INFINITY;
		gboolean inside = policy->comparison == PLAN_ALARM_ABOVE
				      ? difference >= lower && difference < upper
				      : difference > lower && difference <= upper;
		if (!inside)
			continue;
		*found = TRUE;
		switch (policy->adjustment_type) {
		case PLAN_ADJUST_EXACT:
			return step->adjustment;
		case PLAN_ADJUST_PERCENT:
			return current + percent_delta(current, step->adjustment,
						       policy->min_adjustment_magnitude);
		case PLAN_ADJUST_CHANGE:
		default:
			return current + step->adjustment;
		}
	}
	return current;
}

/* the best proposal of one direction, and who made it */
typedef struct {
	gint64 capacity; /* -1: none */
	PlanSimReason reason;
	gint policy;
	double metric;
} SimProposal;

static void
propose(SimProposal *proposal, gint64 capacity, PlanSimReason reason, gint policy, double metric)
{
	/* several policies: the one that asks for the most capacity wins, in either direction */
	if (capacity > proposal->capacity) {
		proposal->capacity = capacity;
		proposal->reason = reason;
		proposal->policy = policy;
		proposal->metric = metric;
	}
}

SimDecision
sim_evaluate_service(SimRun *run, guint s, double util, double alb, gboolean valid,
			  guint datapoints, gint64 now_step)
{
	SimDecision none = {-1, 0, -1, 0};

	/* missing data is not low load: no task ran, so no alarm moves [S28] */
	if (!valid)
		return none;
	if (!sim_service_datapoint(&run->plan->settings, &run->plan->services[s],
				   &run->services[s], util, alb, datapoints))
		return none;
	return sim_decide_service(run, s, util, alb, now_step);
}

SimDecision
sim_decide_service(SimRun *run, guint s, double util, double alb, gint64 now_step)
{
	SimDecision none = {-1, 0, -1, 0};
	const SimPlan *plan = run->plan;
	const SimServicePlan *service = &plan->services[s];
	SimServiceState *state = &run->services[s];
	gint64 time_s = now_step * plan->options.step_s;
	gint64 desired = state->desired;
	gint64 running = state->running;
	SimProposal out = {-1, 0, -1, 0};
	SimProposal in = {-1, 0, -1, 0};
	SimProposal step_in = {-1, 0, -1, 0};
	gboolean any_in_enabled = FALSE;
	gboolean all_in = TRUE;
	gint64 target;

	for (guint i = 0; i < service->n_targets; i++) {
		const SimTargetPlan *policy = &service->targets[i];
		SimTargetState *policy_state = &state->targets[i];
		double metric = sim_metric_value(policy->metric, util, alb);
		gint64 wanted;

		/* the common case, between the two thresholds: nothing to decide */
		if (policy_state->high < plan->settings.alarm_high_datapoints &&
		    policy_state->low < plan->settings.alarm_low_datapoints) {
			all_in = all_in && policy->no_scale_in;
			any_in_enabled = any_in_enabled || !policy->no_scale_in;
			continue;
		}
		/* proportional: the capacity that would bring the metric to the target; rounded
		 * up either way, which is the conservative side for scale-in [S28] */
		wanted = (gint64)ceil((double)running * metric / policy->target - SIM_EPSILON);
		if (policy_state->high >= plan->settings.alarm_high_datapoints &&
		    wanted > desired) {
			/* in its scale-out cooldown a policy only scales out further than it did */
			gboolean cooling = time_s < policy_state->last_out_s + policy->out_cooldown;
			if (!cooling || wanted > policy_state->last_out_capacity)
				propose(&out, wanted, PLAN_SIM_REASON_TARGET_OUT, (gint)i, metric);
		}
		if (policy->no_scale_in)
			continue;
		any_in_enabled = TRUE;
		if (policy_state->low >= plan->settings.alarm_low_datapoints && wanted < desired &&
		    time_s >= policy_state->last_in_s + policy->in_cooldown)
			propose(&in, wanted, PLAN_SIM_REASON_TARGET_IN, (gint)i, metric);
		else
			all_in = FALSE;
	}

	for (guint i = 0; i < service->n_steps; i++) {
		const PlanStepScaling *policy = service->steps[i];
		SimStepState *policy_state = &state->steps[i];
		double metric = sim_metric_value(policy->metric, util, alb);
		gboolean cooling = time_s < policy_state->cooldown_until_s;
		gboolean found = FALSE;
		gint64 wanted;

		if (policy_state->breaches < policy->datapoints)
			continue;
		/* in its cooldown, the capacity the last scale-out added counts as there: the
		 * adjustment applies to the capacity before it [S27] */
		wanted = sim_step_adjust(
		    policy, cooling ? policy_state->cooldown_base : desired, metric, &found);
		if (!found)
			continue;
		if (wanted > desired)
			propose(&out, wanted, PLAN_SIM_REASON_STEP_OUT, (gint)i, metric);
		else if (wanted < desired && !cooling)
			propose(&step_in, wanted, PLAN_SIM_REASON_STEP_IN, (gint)i, metric);
	}

	if (out.capacity > desired) {
		target = CLAMP(out.capacity, state->min, state->max);
		if (target <= desired)
			return none;
		if (out.reason == PLAN_SIM_REASON_TARGET_OUT) {
			state->targets[out.policy].last_out_s = time_s;
			state->targets[out.policy].last_out_capacity = target;
		} else {
			state->steps[out.policy].cooldown_until_s =
			    time_s + service->steps[out.policy]->cooldown;
			state->steps[out.policy].cooldown_base = desired;
		}
		/* a scale-out ends every scale-in cooldown [S27] */
		for (guint i = 0; i < service->n_targets; i++)
			state->targets[i].last_in_s = SIM_NEVER;
		return (SimDecision){target, out.reason, out.policy, out.metric};
	}

	/* scale in only when every target tracking policy that may scale in agrees [S28b] */
	if (!any_in_enabled || !all_in)
		in.capacity = -1;
	if (step_in.capacity >= 0 && (!any_in_enabled || all_in))
		propose(&in, step_in.capacity, step_in.reason, step_in.policy, step_in.metric);
	if (in.capacity < 0)
		return none;
	target = CLAMP(in.capacity, state->min, state->max);
	if (target >= desired)
		return none;
	if (in.reason == PLAN_SIM_REASON_TARGET_IN) {
		for (guint i = 0; i < service->n_targets; i++) {
			if (!service->targets[i].no_scale_in)
				state->targets[i].last_in_s = time_s;
		}
	} else {
		state->steps[in.policy].cooldown_until_s =
		    time_s + service->steps[in.policy]->cooldown;
		state->steps[in.policy].cooldown_base = desired;
	}
	return (SimDecision){target, in.reason, in.policy, in.metric};
}

/* M of CapacityProviderReservation [S30]: the instances that run at least one task, plus the
 * instances the waiting tasks need. Tasks never move, so after a peak M falls only as
 * instances empty out */
static gint64
cluster_needed(const SimRun *run, guint c)
{
	const SimPlan *plan = run->plan;
	const SimClusterPlan *cluster = &plan->clusters[c];
	const SimClusterState *state = &run->clusters[c];
	gint64 busy = 0;
	double slots = 0;
	gboolean any_task = FALSE;

	for (gint64 i = 0; i < cluster->capacity; i++)
		busy += state->instances[i].tasks > 0 ? 1 : 0;
	for (guint i = 0; i < cluster->n_services; i++) {
		const SimServicePlan *service = &plan->services[cluster->services[i]];
		const SimServiceState *service_state = &run->services[cluster->services[i]];
		/* tasks that fit no instance are ignored, as ECS does [S30] */
		if (service->unplaceable)
			continue;
		slots += (double)service_state->waiting * service->slot;
		any_task = any_task || service_state->waiting > 0 || service_state->running > 0 ||
			   service_state->starting > 0;
	}
	return MAX(busy + (gint64)ceil(slots - SIM_EPSILON), any_task ? 1 : 0);
}

SimClusterDecision
sim_evaluate_cluster(SimRun *run, guint c, guint datapoints, gint64 now_step)
{
	SimClusterDecision decision = {0, 0, 0, 0};
	const SimPlan *plan = run->plan;
	const PlanSimulation *settings = &plan->settings;
	const SimClusterPlan *cluster = &plan->clusters[c];
	SimClusterState *state = &run->clusters[c];
	gint64 time_s = now_step * plan->options.step_s;
	gint64 instances = state->registered + state->launching;
	gint64 needed = cluster_needed(run, c);
	double target = cluster->target_capacity;
	double reservation;

	/* CPR = M / N × 100 [S30]; 200 with no instance and tasks to place (UNCONFIRMED) */
	if (instances > 0)
		reservation = (double)needed * 100.0 / (double)instances;
	else
		reservation = needed > 0 ? 200.0 : 100.0;
	state->last_reservation = reservation;
	state->high = reservation > target ? state->high + datapoints : 0;
	state->low = reservation < target ? state->low + datapoints : 0;

	decision.reservation = reservation;
	if (state->high >= settings->capacity_alarm_high_datapoints) {
		gint64 add;

		/* a new scale-out waits for the last one's instances to warm up [S30] */
		if (time_s < state->warm_until_s)
			return decision;
		if (instances == 0) {
			add = settings->first_launch_instances;
			decision.reason = PLAN_SIM_REASON_FIRST_LAUNCH;
		} else {
			add =
			    (gint64)ceil((double)needed * 100.0 / target - SIM_EPSILON) - instances;
			decision.reason = PLAN_SIM_REASON_CAPACITY_OUT;
		}
		add = CLAMP(add, cluster->min_step, MAX(cluster->max_step, cluster->min_step));
		add = MIN(add, cluster->max - instances);
		if (add > 0)
			decision.launch = add;
		return decision;
	}
	if (state->low >= settings->capacity_alarm_low_datapoints) {
		gint64 keep =
		    MAX(cluster->min, (gint64)ceil((double)needed * 100.0 / target - SIM_EPSILON));
		if (keep < instances) {
			decision.terminate = instances - keep;
			decision.reason = PLAN_SIM_REASON_CAPACITY_IN;
		}
		/* the alarm needs fifteen new datapoints before it scales in again */
		state->low = 0;
	}
	return decision;
}
