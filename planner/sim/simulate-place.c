/* the simulator's placement: tasks into subnets' addresses and, on EC2, onto instances by the
 * service's placement strategy; instances launched into and terminated from AZs; the scaling
 * events they record. simulate-loop.c (the step loop and the AZ failure) stands on these. */
#include "simulate-private.h"

#include <math.h>
#include <string.h>

/* fluid packing: an AZ holds tasks while their instance shares add up to its instances */
#define SIM_EPSILON 1e-9

/* ---- rings ---------------------------------------------------------------------------------- */

/* batches with the same ready step sit together at the tail: join one of the same AZ */
static void
ring_push(SimRing *ring, gint64 ready_step, guint az, gint32 count)
{
	SimBatch *batch;

	for (guint i = ring->len; i > 0; i--) {
		batch = sim_ring_at(ring, i - 1);
		if (batch->ready_step != ready_step)
			break;
		if (batch->az == az) {
			batch->count += count;
			return;
		}
	}
	/* the capacity bounds what two placements a step can leave outstanding */
	g_assert(ring->len < ring->capacity);
	batch = sim_ring_at(ring, ring->len);
	batch->ready_step = ready_step;
	batch->az = az;
	batch->count = count;
	ring->len++;
}

/* ---- subnets -----------------------------------------------------------------------------------
 */

void
sim_subnet_add(SimRun *run, guint id, gint64 delta)
{
	SimSubnetState *state = &run->subnets[id];
	gint64 capacity = run->plan->subnets[id].capacity;

	if (run->log_subnets) {
		/* stepping a block of time (simulate-loop.c): applied in step order at its end */
		if (run->log_len == run->log_capacity) {
			run->log_capacity = MAX(2 * run->log_capacity, 256);
			run->log = g_renew(SimSubnetDelta, run->log, run->log_capacity);
		}
		run->log[run->log_len++] = (SimSubnetDelta){run->step, delta, id};
		return;
	}
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
		sim_subnet_add(run, service->subnets[position], 1);
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
		sim_subnet_add(run, service->subnets[best], -1);
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
sim_place(SimRun *run, guint s, gint64 count, gint64 ready_step)
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
sim_remove(SimRun *run, guint s, gint64 count)
{
	SimServiceState *state = &run->services[s];
	gint64 from_waiting = MIN(state->waiting, count);
	const SimPlan *plan = run->plan;

	state->waiting -= from_waiting;
	count -= from_waiting;
	while (count > 0 && state->starts.len > 0) {
		SimBatch *newest = sim_ring_at(&state->starts, state->starts.len - 1);
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
sim_set_desired(SimRun *run, guint s, gint64 desired, PlanSimReason reason, gint policy,
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
		sim_place(run, s, state->waiting, now_step + service->start_steps);
	} else {
		sim_remove(run, s, from - desired);
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
void
sim_track_pending(SimRun *run, guint s, gint64 time_s)
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
sim_launch_instances(SimRun *run, guint c, gint64 count, gint64 ready_step)
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
			sim_subnet_add(run, cluster->subnets[best_position],
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
	sim_subnet_add(run, cluster->subnets[best], -cluster->addresses_per_instance);
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
			SimBatch *batch = sim_ring_at(&service->starts, i);
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
sim_terminate_instances(SimRun *run, guint c, gint64 count)
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
sim_cluster_event(SimRun *run, guint c, gint64 from, gint64 to, PlanSimReason reason,
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
