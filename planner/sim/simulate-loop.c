/* the simulator's run state, its step loop and the placement of tasks and instances.
 * plan_sim_run_new() sizes every array a run needs; nothing in the loop allocates, so a year
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
plan_sim_run_new(const SimPlan *plan, guint index, gint *progress)
{
	SimRun *run = g_new0(SimRun, 1);
	guint n_slots = plan->n_slots;

	run->plan = plan;
	run->index = index;
	run->seed = plan->options.seed + index;
	run->progress = progress;
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
	for (guint s = 0; s < plan->n_services; s++) {
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
	if (plan->series_stride > 0) {
		guint64 points =
		    (guint64)((plan->n_steps + plan->series_stride - 1) / plan->series_stride);
		run->series = g_new0(PlanSimPoint, MAX(points * plan->n_services, 1));
		run->cluster_series =
		    g_new0(PlanSimClusterPoint, MAX(points * plan->n_clusters, 1));
	}
	return run;
}

void
plan_sim_run_free(SimRun *run)
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
	g_free(run->series);
	g_free(run->cluster_series);
	g_free(run);
}

/* ---- rings ---------------------------------------------------------------------------------- */

static inline SimBatch *
ring_at(SimRing *ring, guint i)
{
	return &ring->items[(ring->head + i) % ring->capacity];
}

/* batches with the same ready step sit together at the tail: join one of the same AZ */
static void
ring_push(SimRing *ring, gint64 ready_step, guint az, gint32 count)
{
	SimBatch *batch;

	for (guint i = ring->len; i > 0; i--) {
		batch = ring_at(ring, i - 1);
		if (batch->ready_step != ready_step)
			break;
		if (batch->az == az) {
			batch->count += count;
			return;
		}
	}
	/* the capacity bounds what two placements a step can leave outstanding */
	g_assert(ring->len < ring->capacity);
	batch = ring_at(ring, ring->len);
	batch->ready_step = ready_step;
	batch->az = az;
	batch->count = count;
	ring->len++;
}

/* ---- subnets -----------------------------------------------------------------------------------
 */

static void
subnet_add(SimRun *run, guint id, gint64 delta)
{
	SimSubnetState *state = &run->subnets[id];
	gint64 capacity = run->plan->subnets[id].capacity;

	state->used += delta;
	if (state->used > state->peak) {
		state->peak = state->used;
		state->peak_step = run->step;
	}
	if (state->used >= capacity && state->full_since < 0) {
		state->full_since = run->step;
	} else if (state->used < capacity && state->full_since >= 0) {
		state->full_steps += run->step - state->full_since;
		state->full_since = -1;
	}
}

static gint64
subnet_free(const SimRun *run, guint id)
{
	const SimSubnetState *state = &run->subnets[id];
	if (state->dead || state->no_egress)
		return 0;
	return run->plan->subnets[id].capacity - state->used;
}

/* ---- tasks -------------------------------------------------------------------------------------
 */

/* the position (in the service's subnets) of the subnet in AZ @az with the most free
 * addresses, -1 when the task needs no address, or -2 when AZ @az has no room */
static gint
task_room(const SimRun *run, const SimServicePlan *service, guint az)
{
	gint best = -2;
	gint64 best_free = 0;

	if (!service->uses_addresses)
		return -1;
	for (guint i = 0; i < service->n_subnets; i++) {
		gint64 free_addresses;
		if (service->subnet_az[i] != az)
			continue;
		free_addresses = subnet_free(run, service->subnets[i]);
		if (free_addresses > best_free) {
			best_free = free_addresses;
			best = (gint)i;
		}
	}
	return best;
}

/* ---- tasks on instances (EC2) ---------------------------------------------------------------- */

static gboolean
instance_fits(const SimInstance *instance, const SimServicePlan *service)
{
	return instance->state == SIM_INSTANCE_REGISTERED &&
	       instance->share + service->slot <= 1.0 + SIM_EPSILON;
}

/* TRUE when instance @a is a better place than @b for service @s's next task: the strategies in
 * order, each breaking the previous one's ties [S39]; @key_a and @key_b are their random draws */
static gboolean
instance_better(const SimRun *run, guint s, guint a, guint b, double key_a, double key_b)
{
	const SimServicePlan *service = &run->plan->services[s];
	const SimClusterPlan *cluster = &run->plan->clusters[service->cluster];
	const SimClusterState *state = &run->clusters[service->cluster];
	const SimInstance *x = &state->instances[a];
	const SimInstance *y = &state->instances[b];
	const gint32 *on = state->on + (gsize)service->cluster_pos * (gsize)cluster->capacity;

	for (guint i = 0; i < service->n_placement; i++) {
		switch (service->placement[i]) {
		case SIM_PLACE_SPREAD_AZ: {
			gint64 tasks_x = run->services[s].placed_az[x->az];
			gint64 tasks_y = run->services[s].placed_az[y->az];
			if (tasks_x != tasks_y)
				return tasks_x < tasks_y;
			break;
		}
		case SIM_PLACE_SPREAD_INSTANCE:
			if (on[a] != on[b])
				return on[a] < on[b];
			break;
		/* binpack: the least room left, that is the most reserved */
		case SIM_PLACE_BINPACK_CPU:
			if (fabs(x->cpu - y->cpu) > SIM_EPSILON)
				return x->cpu > y->cpu;
			break;
		case SIM_PLACE_BINPACK_MEMORY:
			if (fabs(x->memory - y->memory) > SIM_EPSILON)
				return x->memory > y->memory;
			break;
		case SIM_PLACE_RANDOM:
			if (key_a != key_b)
				return key_a < key_b;
			break;
		}
	}
	return a < b; /* ties: the older slot */
}

/* the instance service @s's next task goes to, and in @position its subnet's place (as
 * task_room); -1 when no instance with room is in an AZ where the task has an address */
static gint
instance_pick(SimRun *run, guint s, gint *position)
{
	const SimServicePlan *service = &run->plan->services[s];
	const SimClusterPlan *cluster = &run->plan->clusters[service->cluster];
	SimClusterState *state = &run->clusters[service->cluster];
	gint best = -1;
	double best_key = 0;
	gboolean random = FALSE;

	for (guint i = 0; i < run->plan->n_slots; i++)
		run->az_position[i] = -2;
	for (guint i = 0; i < service->n_azs; i++)
		run->az_position[service->azs[i]] = task_room(run, service, service->azs[i]);
	for (guint i = 0; i < service->n_placement; i++)
		random = random || service->placement[i] == SIM_PLACE_RANDOM;
	for (gint64 i = 0; i < cluster->capacity; i++) {
		const SimInstance *instance = &state->instances[i];
		double key;
		if (!instance_fits(instance, service) || run->az_position[instance->az] == -2)
			continue;
		key = random ? plan_rng_uniform(&state->rng) : 0;
		if (best < 0 || instance_better(run, s, (guint)i, (guint)best, key, best_key)) {
			best = (gint)i;
			best_key = key;
		}
	}
	if (best >= 0)
		*position = run->az_position[state->instances[best].az];
	return best;
}

static void
instance_add_task(SimRun *run, guint s, guint index, gint64 count)
{
	const SimServicePlan *service = &run->plan->services[s];
	const SimClusterPlan *cluster = &run->plan->clusters[service->cluster];
	SimClusterState *state = &run->clusters[service->cluster];
	SimInstance *instance = &state->instances[index];

	instance->share = MAX(0.0, instance->share + service->slot * (double)count);
	instance->cpu = MAX(0.0, instance->cpu + service->cpu_share * (double)count);
	instance->memory = MAX(0.0, instance->memory + service->memory_share * (double)count);
	instance->tasks += count;
	state->on[(gsize)service->cluster_pos * (gsize)cluster->capacity + index] += (gint32)count;
	state->used_az[instance->az] =
	    MAX(0.0, state->used_az[instance->az] + service->slot * (double)count);
}

/* the instance in AZ @az a task of service @s stops on, at scale-in [S39]: with binpack the
 * one left with the most room; spreading over instances, the one with the most of the
 * service's tasks; otherwise one at random. -1 when none holds one */
static gint
instance_to_stop(SimRun *run, guint s, guint az)
{
	const SimServicePlan *service = &run->plan->services[s];
	const SimClusterPlan *cluster = &run->plan->clusters[service->cluster];
	SimClusterState *state = &run->clusters[service->cluster];
	const gint32 *on = state->on + (gsize)service->cluster_pos * (gsize)cluster->capacity;
	gboolean by_instance = FALSE;
	gboolean by_memory = FALSE;
	gboolean binpack_seen = FALSE;
	gint best = -1;
	guint n = 0;

	for (guint i = 0; i < service->n_placement; i++) {
		SimPlacement placement = service->placement[i];
		by_instance = by_instance || placement == SIM_PLACE_SPREAD_INSTANCE;
		if (!binpack_seen && (placement == SIM_PLACE_BINPACK_CPU ||
				      placement == SIM_PLACE_BINPACK_MEMORY)) {
			binpack_seen = TRUE;
			by_memory = placement == SIM_PLACE_BINPACK_MEMORY;
		}
	}
	for (gint64 i = 0; i < cluster->capacity; i++) {
		const SimInstance *instance = &state->instances[i];
		if (on[i] <= 0 || instance->az != az)
			continue;
		n++;
		if (best < 0)
			best = (gint)i;
		else if (service->binpack) {
			double here = by_memory ? instance->memory : instance->cpu;
			double there =
			    by_memory ? state->instances[best].memory : state->instances[best].cpu;
			if (here < there - SIM_EPSILON)
				best = (gint)i;
		} else if (by_instance) {
			if (on[i] > on[best])
				best = (gint)i;
		} else if (plan_rng_uniform(&state->rng) * (double)n < 1.0) {
			/* reservoir sampling: each of the n seen so far is kept with chance 1/n */
			best = (gint)i;
		}
	}
	return best;
}

static void
task_take(SimRun *run, guint s, guint az, gint position, gint instance)
{
	const SimServicePlan *service = &run->plan->services[s];
	SimServiceState *state = &run->services[s];

	state->placed_az[az]++;
	if (position >= 0) {
		state->held[position]++;
		subnet_add(run, service->subnets[position], 1);
	}
	if (instance >= 0)
		instance_add_task(run, s, (guint)instance, 1);
}

/* gives back the addresses @count tasks in AZ @az held */
static void
task_release_addresses(SimRun *run, guint s, guint az, gint64 count)
{
	const SimServicePlan *service = &run->plan->services[s];
	SimServiceState *state = &run->services[s];

	if (!service->uses_addresses)
		return;
	while (count > 0) {
		gint best = -1;
		for (guint i = 0; i < service->n_subnets; i++) {
			if (service->subnet_az[i] == az && state->held[i] > 0 &&
			    (best < 0 || state->held[i] > state->held[best]))
				best = (gint)i;
		}
		if (best < 0)
			return;
		state->held[best]--;
		subnet_add(run, service->subnets[best], -1);
		count--;
	}
}

/* gives back what @count tasks in AZ @az held: addresses, and on EC2 their instances (tasks
 * stop where the placement strategy says) */
static void
task_release(SimRun *run, guint s, guint az, gint64 count)
{
	const SimServicePlan *service = &run->plan->services[s];

	run->services[s].placed_az[az] -= count;
	for (gint64 i = 0; service->cluster >= 0 && i < count; i++) {
		gint instance = instance_to_stop(run, s, az);
		if (instance >= 0)
			instance_add_task(run, s, (guint)instance, -1);
	}
	task_release_addresses(run, s, az, count);
}

gint64
plan_sim_place(SimRun *run, guint s, gint64 count, gint64 ready_step)
{
	const SimServicePlan *service = &run->plan->services[s];
	SimServiceState *state = &run->services[s];
	gint64 placed = 0;

	if (service->unplaceable)
		return 0;
	while (placed < count) {
		gint best = -1;
		gint best_position = -2;
		gint instance = -1;

		if (service->cluster >= 0) {
			/* EC2: the instance the placement strategies pick */
			instance = instance_pick(run, s, &best_position);
			if (instance < 0)
				break;
			best = (gint)run->clusters[service->cluster].instances[instance].az;
		}
		/* ECS spreads a service's tasks over AZs: the AZ with the fewest that has room */
		for (guint i = 0; i < service->n_azs && service->cluster < 0; i++) {
			guint az = service->azs[i];
			gint position = task_room(run, service, az);
			if (position == -2)
				continue;
			if (best < 0 || state->placed_az[az] < state->placed_az[best]) {
				best = (gint)az;
				best_position = position;
			}
		}
		if (best < 0)
			break;
		task_take(run, s, (guint)best, best_position, instance);
		if (ready_step <= run->step) {
			state->running_az[best]++;
			state->running++;
		} else {
			ring_push(&state->starts, ready_step, (guint)best, 1);
			state->starting++;
		}
		placed++;
	}
	state->waiting -= placed;
	return placed;
}

void
plan_sim_remove(SimRun *run, guint s, gint64 count)
{
	SimServiceState *state = &run->services[s];
	gint64 from_waiting = MIN(state->waiting, count);
	const SimPlan *plan = run->plan;

	state->waiting -= from_waiting;
	count -= from_waiting;
	while (count > 0 && state->starts.len > 0) {
		SimBatch *newest = ring_at(&state->starts, state->starts.len - 1);
		gint64 take = MIN((gint64)newest->count, count);
		task_release(run, s, newest->az, take);
		newest->count -= (gint32)take;
		state->starting -= take;
		count -= take;
		if (newest->count == 0)
			state->starts.len--;
	}
	while (count > 0 && state->running > 0) {
		guint most = 0;
		for (guint az = 1; az < plan->n_slots; az++) {
			if (state->running_az[az] > state->running_az[most])
				most = az;
		}
		state->running_az[most]--;
		state->running--;
		task_release(run, s, most, 1);
		count--;
	}
}

void
plan_sim_set_desired(SimRun *run, guint s, gint64 desired, PlanSimReason reason, gint policy,
		     double metric, gint64 now_step)
{
	const SimServicePlan *service = &run->plan->services[s];
	SimServiceState *state = &run->services[s];
	gint64 from = state->desired;

	if (desired == from)
		return;
	if (state->n_events_kept < run->plan->max_events) {
		PlanSimScalingEvent *event = &state->events[state->n_events_kept++];
		event->time_s = now_step * run->plan->options.step_s;
		event->from = from;
		event->to = desired;
		event->reason = reason;
		event->policy = policy;
		event->metric = metric;
	}
	state->n_events++;
	state->desired = desired;
	state->peak_desired = MAX(state->peak_desired, desired);
	if (desired > from) {
		state->waiting += desired - from;
		plan_sim_place(run, s, state->waiting, now_step + service->start_steps);
	} else {
		plan_sim_remove(run, s, from - desired);
	}
}

/* why waiting tasks find no place: addresses, instances, or no usable AZ at all */
static PlanSimBlocked
task_blocked(const SimRun *run, const SimServicePlan *service, guint64 *full_mask)
{
	gboolean address_short = FALSE;
	gboolean capacity_short = FALSE;

	*full_mask = 0;
	if (service->unplaceable)
		return PLAN_SIM_BLOCKED_UNPLACEABLE;
	for (guint i = 0; i < service->n_subnets && i < 64; i++) {
		guint id = service->subnets[i];
		if (!run->subnets[id].dead && !run->subnets[id].no_egress &&
		    run->plan->subnets[id].capacity - run->subnets[id].used <= 0)
			*full_mask |= G_GUINT64_CONSTANT(1) << i;
	}
	for (guint i = 0; i < service->n_azs; i++) {
		guint az = service->azs[i];
		gboolean has_address = !service->uses_addresses;
		gboolean has_room = service->cluster < 0;
		for (guint k = 0; k < service->n_subnets && !has_address; k++)
			has_address = service->subnet_az[k] == az &&
				      subnet_free(run, service->subnets[k]) > 0;
		if (!has_room) {
			const SimClusterState *cluster = &run->clusters[service->cluster];
			const SimClusterPlan *cluster_plan = &run->plan->clusters[service->cluster];
			for (gint64 n = 0; n < cluster_plan->capacity && !has_room; n++)
				has_room = cluster->instances[n].az == az &&
					   instance_fits(&cluster->instances[n], service);
		}
		address_short = address_short || (!has_address && has_room);
		capacity_short = capacity_short || (has_address && !has_room);
	}
	if (*full_mask != 0 || address_short)
		return PLAN_SIM_BLOCKED_ADDRESSES;
	if (capacity_short)
		return PLAN_SIM_BLOCKED_CAPACITY;
	return PLAN_SIM_BLOCKED_NO_AZ;
}

/* opens a pending event when tasks wait for a place, and closes it when none do */
static void
track_pending(SimRun *run, guint s, gint64 time_s)
{
	SimServiceState *state = &run->services[s];

	if (state->waiting > 0) {
		if (!state->pending_open) {
			state->pending_open = TRUE;
			state->pending_now.start_s = time_s;
			state->pending_now.end_s = -1;
			state->pending_now.max_tasks = state->waiting;
			state->pending_now.blocked = task_blocked(run, &run->plan->services[s],
								  &state->pending_now.subnets_full);
		}
		state->pending_now.max_tasks = MAX(state->pending_now.max_tasks, state->waiting);
	} else if (state->pending_open) {
		state->pending_open = FALSE;
		state->pending_now.end_s = time_s;
		if (state->n_pending_kept < run->plan->max_events)
			state->pending[state->n_pending_kept++] = state->pending_now;
		state->n_pending++;
	}
}

/* ---- instances ------------------------------------------------------------------------------- */

/* the position of the cluster subnet in AZ @az that can take an instance, -1 when instances
 * need no address there, -2 when none can */
static gint
instance_room(const SimRun *run, const SimClusterPlan *cluster, guint az)
{
	gint best = -2;
	gint64 best_free = cluster->addresses_per_instance - 1;

	if (cluster->n_subnets == 0)
		return -1;
	for (guint i = 0; i < cluster->n_subnets; i++) {
		gint64 free_addresses;
		if (cluster->subnet_az[i] != az)
			continue;
		free_addresses = subnet_free(run, cluster->subnets[i]);
		if (free_addresses > best_free) {
			best_free = free_addresses;
			best = (gint)i;
		}
	}
	return best;
}

/* a free instance slot; NULL when all @cluster->capacity are taken */
static SimInstance *
instance_free_slot(const SimClusterPlan *cluster, SimClusterState *state)
{
	for (gint64 i = 0; i < cluster->capacity; i++) {
		if (state->instances[i].state == SIM_INSTANCE_NONE)
			return &state->instances[i];
	}
	return NULL;
}

gint64
plan_sim_launch_instances(SimRun *run, guint c, gint64 count, gint64 ready_step)
{
	const SimPlan *plan = run->plan;
	const SimClusterPlan *cluster = &plan->clusters[c];
	SimClusterState *state = &run->clusters[c];
	gint64 launched = 0;

	while (launched < count) {
		gint best = -1;
		gint best_position = -2;
		SimInstance *slot;

		/* an Auto Scaling group balances its instances over its AZs */
		for (guint i = 0; i < cluster->n_azs; i++) {
			guint az = cluster->azs[i];
			gint position;
			if (plan->fail_slot == (gint)az && run->step >= plan->fail_step)
				continue;
			position = instance_room(run, cluster, az);
			if (position == -2)
				continue;
			if (best < 0 ||
			    state->registered_az[az] + state->launching_az[az] <
				state->registered_az[best] + state->launching_az[best]) {
				best = (gint)az;
				best_position = position;
			}
		}
		if (best < 0)
			break;
		slot = instance_free_slot(cluster, state);
		if (slot == NULL)
			break;
		if (best_position >= 0) {
			state->held[best_position] += cluster->addresses_per_instance;
			subnet_add(run, cluster->subnets[best_position],
				   cluster->addresses_per_instance);
		}
		memset(slot, 0, sizeof *slot);
		slot->az = (guint)best;
		slot->order = state->launched_total++;
		slot->ready_step = ready_step;
		if (ready_step <= run->step) {
			slot->state = SIM_INSTANCE_REGISTERED;
			state->registered_az[best]++;
			state->registered++;
		} else {
			slot->state = SIM_INSTANCE_LAUNCHING;
			state->launching_az[best]++;
			state->launching++;
		}
		launched++;
	}
	return launched;
}

static void
instance_release(SimRun *run, guint c, guint az)
{
	const SimClusterPlan *cluster = &run->plan->clusters[c];
	SimClusterState *state = &run->clusters[c];
	gint best = -1;

	for (guint i = 0; i < cluster->n_subnets; i++) {
		if (cluster->subnet_az[i] == az && state->held[i] > 0 &&
		    (best < 0 || state->held[i] > state->held[best]))
			best = (gint)i;
	}
	if (best < 0)
		return;
	state->held[best] -= cluster->addresses_per_instance;
	subnet_add(run, cluster->subnets[best], -cluster->addresses_per_instance);
}

/* stops every task on instance @index (it is being terminated): they wait to be placed again,
 * as ECS reschedules a service's tasks that stop */
static void
instance_evict(SimRun *run, guint c, guint index)
{
	const SimClusterPlan *cluster = &run->plan->clusters[c];
	SimClusterState *state = &run->clusters[c];
	guint az = state->instances[index].az;

	for (guint k = 0; k < cluster->n_services; k++) {
		guint s = cluster->services[k];
		SimServiceState *service = &run->services[s];
		gint32 *on = &state->on[(gsize)k * (gsize)cluster->capacity + index];
		gint64 count = *on;
		gint64 from_running = MIN(count, service->running_az[az]);

		if (count <= 0)
			continue;
		instance_add_task(run, s, index, -count);
		service->running_az[az] -= from_running;
		service->running -= from_running;
		/* the rest were starting there: the newest batches of the AZ */
		for (guint i = service->starts.len; i-- > 0 && from_running < count;) {
			SimBatch *batch = ring_at(&service->starts, i);
			gint64 take;
			if (batch->az != az)
				continue;
			take = MIN((gint64)batch->count, count - from_running);
			batch->count -= (gint32)take;
			service->starting -= take;
			from_running += take;
		}
		service->placed_az[az] -= count;
		task_release_addresses(run, s, az, count);
		service->waiting += count;
	}
}

gint64
plan_sim_terminate_instances(SimRun *run, guint c, gint64 count)
{
	const SimClusterPlan *cluster = &run->plan->clusters[c];
	SimClusterState *state = &run->clusters[c];
	gint64 done = 0;

	/* the Auto Scaling group takes from the AZ with the most instances; with managed
	 * termination protection only an instance that runs no task may go [S30], without it the
	 * oldest goes, tasks and all (its default termination policy, UNCONFIRMED: the oldest
	 * stands for "closest to the next billing hour") */
	while (done < count) {
		gint best = -1;
		for (gint64 i = 0; i < cluster->capacity; i++) {
			const SimInstance *instance = &state->instances[i];
			const SimInstance *chosen;
			gint64 here;
			gint64 there;
			if (instance->state != SIM_INSTANCE_REGISTERED ||
			    (cluster->protect && instance->tasks > 0))
				continue;
			if (best < 0) {
				best = (gint)i;
				continue;
			}
			chosen = &state->instances[best];
			here = state->registered_az[instance->az] + state->launching_az[instance->az];
			there = state->registered_az[chosen->az] + state->launching_az[chosen->az];
			if (here > there || (here == there && instance->order < chosen->order))
				best = (gint)i;
		}
		if (best < 0)
			break;
		if (state->instances[best].tasks > 0)
			instance_evict(run, c, (guint)best);
		state->registered_az[state->instances[best].az]--;
		state->registered--;
		instance_release(run, c, state->instances[best].az);
		memset(&state->instances[best], 0, sizeof state->instances[best]);
		done++;
	}
	return done;
}

void
plan_sim_cluster_event(SimRun *run, guint c, gint64 from, gint64 to, PlanSimReason reason,
		       double metric, gint64 now_step)
{
	SimClusterState *state = &run->clusters[c];

	if (state->n_events_kept < run->plan->max_events) {
		PlanSimScalingEvent *event = &state->events[state->n_events_kept++];
		event->time_s = now_step * run->plan->options.step_s;
		event->from = from;
		event->to = to;
		event->reason = reason;
		event->policy = -1;
		event->metric = metric;
	}
	state->n_events++;
}

/* ---- the AZ failure ------------------------------------------------------------------------ */

static void
fail_az(SimRun *run)
{
	const SimPlan *plan = run->plan;
	guint az = (guint)plan->fail_slot;
	gint64 k = run->step;

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

	for (guint s = 0; s < plan->n_services; s++) {
		const SimServicePlan *service = &plan->services[s];
		SimServiceState *state = &run->services[s];
		gint64 lost = state->placed_az[az];

		state->failure.running_before = state->running;
		for (guint i = 0; i < state->starts.len; i++) {
			SimBatch *batch = ring_at(&state->starts, i);
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
				subnet_add(run, service->subnets[i], -state->held[i]);
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
				subnet_add(run, cluster->subnets[i], -state->held[i]);
				state->held[i] = 0;
			}
		}
		state->lost += lost;
		/* the Auto Scaling group keeps its desired capacity: it replaces the lost
		 * instances in the AZs that remain */
		if (lost > 0) {
			gint64 from = state->registered + state->launching;
			gint64 launched = plan_sim_launch_instances(
			    run, c, lost, k + plan->instance_launch_steps);
			if (launched > 0)
				plan_sim_cluster_event(run, c, from, from + launched,
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
plan_sim_spot_instances(const SimClusterPlan *cluster, gint64 instances)
{
	gint64 above = MAX(instances - cluster->on_demand_base, 0);
	/* on-demand above the base rounds up, in favour of on-demand (UNCONFIRMED) */
	gint64 on_demand_above = (above * cluster->on_demand_percentage + 99) / 100;

	return above - on_demand_above;
}

/* ---- the loop -------------------------------------------------------------------------------- */

void
plan_sim_run_init(SimRun *run)
{
	const SimPlan *plan = run->plan;

	run->step = 0;
	for (guint s = 0; s < plan->n_services; s++) {
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
		plan_sim_launch_instances(run, c, instances, 0);
		run->clusters[c].warm_until_s = SIM_NEVER;
	}
	for (guint s = 0; s < plan->n_services; s++)
		plan_sim_place(run, s, run->services[s].waiting, 0);
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
		plan_sim_set_desired(run, s, desired, PLAN_SIM_REASON_SCHEDULED, (gint)fire->action,
				     0, k);
	}
}

static void
finish_starts(SimServiceState *state, gint64 k)
{
	while (state->starts.len > 0) {
		SimBatch *oldest = ring_at(&state->starts, 0);
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
		plan_sim_set_desired(run, s, decision.capacity, decision.reason, decision.policy,
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
		gint64 launched = plan_sim_launch_instances(run, c, decision.launch,
							    now_step + plan->instance_launch_steps);
		if (launched < decision.launch)
			state->blocked_steps++;
		if (launched == 0)
			return;
		plan_sim_cluster_event(run, c, instances, instances + launched, decision.reason,
				       decision.reservation, now_step);
		state->warm_until_s =
		    now_step * plan->options.step_s + plan->clusters[c].warmup_s;
	} else if (decision.terminate > 0) {
		gint64 removed = plan_sim_terminate_instances(run, c, decision.terminate);
		if (removed > 0)
			plan_sim_cluster_event(run, c, instances, instances - removed,
					       decision.reason, decision.reservation, now_step);
	}
}

/* one service through step @k: the hot path */
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
		plan_sim_place(run, s, state->waiting, k + service->start_steps);
	if (state->waiting > 0 || state->pending_open) {
		track_pending(run, s, k * plan->options.step_s);
		state->waiting_steps += (double)state->waiting;
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
	state->running_steps += (double)running;
	if (placed > state->peak_placed)
		state->peak_placed = placed;
	if (demand > state->peak_demand)
		state->peak_demand = demand;
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
		PlanSimPoint *point = &run->series[run->n_series++];
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
		if (service->n_targets > 0 || service->n_steps > 0)
			apply_service_decision(run, s,
					       plan_sim_evaluate_service(run, s, util, alb, valid,
									 plan->datapoints_per_step,
									 k + 1),
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
				    plan_sim_evaluate_service(run, s, state->dp_util / n,
							      state->dp_alb / n,
							      state->dp_valid == state->dp_steps,
							      1, k + 1),
				    k + 1);
			state->dp_util = state->dp_alb = 0;
			state->dp_steps = state->dp_valid = 0;
		}
	}
	if (state->waiting > 0 || state->pending_open)
		track_pending(run, s, (k + 1) * plan->options.step_s);
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
	state->spot_steps += (double)plan_sim_spot_instances(cluster, instances);
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
		    run, c, plan_sim_evaluate_cluster(run, c, plan->datapoints_per_step, k + 1),
		    k + 1);
	if (state->registered + state->launching < cluster->min)
		plan_sim_launch_instances(run, c,
					  cluster->min - state->registered - state->launching,
					  k + 1 + plan->instance_launch_steps);
}

void
plan_sim_run_steps(SimRun *run)
{
	const SimPlan *plan = run->plan;

	for (gint64 k = 0; k < plan->n_steps; k++) {
		run->step = k;
		if (plan->fail_slot >= 0 && k == plan->fail_step)
			fail_az(run);
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
