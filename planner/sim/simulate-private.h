/* ecsplan: the simulator's inner state, shared by simulate.c (setup and results),
 * simulate-loop.c (the step loop, placement), simulate-policy.c (scaling decisions),
 * simulate-schedule.c (times and schedules), simulate-cost.c and simulate-parallel.c (the runs
 * on threads). Tests include it too. */
#pragma once

#include "profile.h"
#include "simulate.h"

G_BEGIN_DECLS

/* progress is reported in units of this many steps of one run (all its services), plus one
 * unit when the run ends: a run of n steps is n / SIM_PROGRESS_STEPS + 1 units */
#define SIM_PROGRESS_STEPS 1024

/* demand values computed per profile call; the loop refills a service's chunk this often */
#define SIM_CHUNK 1024u
/* utilization histogram: 0.0% to 100.0% in steps of 0.1% */
#define SIM_HIST_BINS 1001u
/* "never" for times: far enough below 0 that adding a cooldown cannot wrap */
#define SIM_NEVER (G_MININT64 / 4)
/* placed-task counts above this are not kept per count for the Spot split */
#define SIM_COUNT_HIST_MAX (1u << 20)

/* tasks (or instances) that become ready at the same step in the same AZ */
typedef struct {
	gint64 ready_step;
	guint32 az;
	gint32 count;
} SimBatch;

/* a FIFO of batches with room fixed at setup: ready steps only grow, so the head is always
 * the next to finish; scale-in takes the newest from the tail */
typedef struct {
	SimBatch *items;
	guint capacity;
	guint head;
	guint len;
} SimRing;

/* one scheduled change of min and max, at a step */
typedef struct {
	gint64 step;
	guint action; /* index into autoscaling.scheduled */
	guint set;    /* PlanScheduledField */
	gint64 min;
	gint64 max;
} SimFire;

/* the placement strategies the simulator tells apart (docs/simulation.md, "EC2") */
typedef enum {
	SIM_PLACE_SPREAD_AZ,
	SIM_PLACE_SPREAD_INSTANCE,
	SIM_PLACE_BINPACK_CPU,
	SIM_PLACE_BINPACK_MEMORY,
	SIM_PLACE_RANDOM,
} SimPlacement;
#define SIM_MAX_PLACEMENT 5

typedef enum {
	SIM_INSTANCE_NONE = 0, /* a free slot */
	SIM_INSTANCE_LAUNCHING,
	SIM_INSTANCE_REGISTERED,
} SimInstanceState;

/* one EC2 instance of a cluster: tasks stay on it until they stop */
typedef struct {
	gint64 ready_step; /* launching: when it registers */
	guint64 order;	   /* launch sequence: lower is older */
	double share;	   /* instance shares its tasks take (room: at most 1) */
	double cpu;	   /* fraction of its registered CPU its tasks reserve */
	double memory;	   /* and of its registered memory */
	gint64 tasks;
	guint az;
	guint state; /* SimInstanceState */
} SimInstance;

/* ---- what every run shares, read-only once built ---- */

typedef struct {
	PlanScalingMetric metric;
	double target;
	double low_threshold; /* target × scale_in_threshold_ratio */
	gint64 out_cooldown;
	gint64 in_cooldown;
	gboolean no_scale_in;
} SimTargetPlan;

typedef struct {
	const PlanService *service;
	guint index;
	PlanProfile *profile; /* owned */
	guint64 noise_seed;   /* mixed with the run's seed */
	double capacity_rps;
	double inv_capacity;
	gint64 start_steps; /* placement → counted, in steps */
	gint64 min;
	gint64 max;
	gint64 initial;
	/* addresses: the service's distinct subnets (sim subnet ids) and the AZ slot of each */
	gboolean uses_addresses;
	guint n_subnets;
	guint *subnets;
	guint *subnet_az;
	/* the AZ slots its tasks may go to, in slot order */
	guint n_azs;
	guint *azs;
	/* EC2: the sim cluster, the share of an instance one task takes; -1 for Fargate */
	gint cluster;
	double slot;
	gboolean unplaceable; /* the task fits no instance of the cluster's type */
	guint cluster_pos;    /* its index in the cluster's services */
	double cpu_share;     /* of an instance's registered CPU, per task */
	double memory_share;  /* of its registered memory */
	SimPlacement placement[SIM_MAX_PLACEMENT];
	guint n_placement;
	gboolean binpack; /* scale-in leaves the instance with the most room [S39] */
	/* scaling */
	SimTargetPlan *targets;
	guint n_targets;
	const PlanStepScaling **steps;
	guint n_steps;
	SimFire *fires;
	guint n_fires;
	gboolean has_spot;    /* a FARGATE_SPOT item in its strategy */
	guint count_hist_len; /* 0: Spot split from the mean */
	gint64 count_max;     /* the most tasks it may ever want: max, initial, scheduled */
} SimServicePlan;

typedef struct {
	const PlanCluster *cluster;
	guint index;
	const PlanInstanceType *type;
	gint64 tasks_per_instance;     /* of its first service */
	gint64 addresses_per_instance; /* 2 with a trunk ENI; + 1 per awsvpc daemon */
	gint64 min;
	gint64 max;
	double target_capacity;
	guint n_subnets;
	guint *subnets;
	guint *subnet_az;
	guint n_azs;
	guint *azs;
	guint n_services;
	guint *services; /* sim service indices */
	gint64 capacity; /* instance slots: its max */
	gboolean protect; /* managed termination protection */
	gint64 min_step;  /* managed scaling: the cluster's, else the simulation block's */
	gint64 max_step;
	gint64 warmup_s;
	gint64 on_demand_base;	     /* mixed instances policy */
	gint64 on_demand_percentage; /* 100: no Spot */
} SimClusterPlan;

typedef struct {
	guint vpc_index;
	guint subnet_index;
	const PlanSubnet *subnet;
	guint az;      /* slot */
	gint64 usable; /* -1: not limited */
	gint64 fixed;
	gint64 capacity; /* usable − fixed: what tasks and instances may take; G_MAXINT32 when
			  * not limited */
	gint nat;	 /* the sim NAT it routes through when it needs one for image pulls */
} SimSubnetPlan;

typedef struct {
	const PlanNatGateway *nat;
	guint vpc_index;
	const char *az;
} SimNatPlan;

typedef struct {
	const PlanModel *model;
	PlanSimOptions options;
	PlanSimulation settings;
	gint64 start_unix;
	gint64 n_steps;
	/* datapoints: a step of < 60 s feeds one datapoint every steps_per_datapoint steps; a
	 * step of ≥ 60 s counts as datapoints_per_step identical datapoints */
	guint steps_per_datapoint;
	guint datapoints_per_step;
	GPtrArray *az_names; /* char*, sorted; slot n_real_azs is "no AZ" */
	guint n_real_azs;
	guint n_slots;
	gint fail_slot;	  /* -1: none */
	gint64 fail_step; /* the step at whose start the AZ fails */
	gint64 instance_launch_steps;
	gint64 series_stride; /* 0: no series */
	guint n_fires;	      /* scheduled-action fires of every service so far */
	guint max_events;
	SimServicePlan *services;
	guint n_services;
	SimClusterPlan *clusters;
	guint n_clusters;
	SimSubnetPlan *subnets;
	guint n_subnets;
	SimNatPlan *nats;
	guint n_nats;
	/* services step one after another through blocks of time (simulate-loop.c,
	 * sim_plan_blocked() says when that gives the same results) */
	gboolean blocked;
	GPtrArray *assumptions;	   /* char* */
	const PlanPriceBook *book; /* nullable: the options' book (borrowed) */
	PlanCost *static_cost;	   /* nullable; borrows from the book */
	char *cost_missing;
} SimPlan;

/* ---- one run's state ---- */

typedef struct {
	gint64 high;
	gint64 low;
	gint64 last_out_s;
	gint64 last_out_capacity;
	gint64 last_in_s;
} SimTargetState;

typedef struct {
	gint64 breaches;
	gint64 cooldown_until_s;
	gint64 cooldown_base; /* desired when the cooldown began */
} SimStepState;

typedef struct {
	gint64 desired;
	gint64 min;
	gint64 max;
	gint64 waiting;	 /* wanted, not placed */
	gint64 starting; /* placed, not yet counted */
	gint64 running;
	gint64 *running_az; /* [n_slots] */
	gint64 *placed_az;  /* [n_slots]: starting + running */
	gint64 *held;	    /* [n_subnets]: addresses held in each of the service's subnets */
	SimRing starts;
	SimTargetState *targets;
	SimStepState *steps;
	guint next_fire;
	double *chunk;
	PlanRng rng;
	/* 1 / running, kept while running stays the same: a division per step was the loop's
	 * slowest instruction */
	gint64 inverse_of;
	double inverse_running;
	/* the datapoint being formed (steps < 60 s) */
	double dp_util;
	double dp_alb;
	guint dp_steps;
	guint dp_valid;
	/* statistics */
	guint32 *hist;
	double util_max;
	double placed_steps;
	gint64 peak_placed;
	gint64 peak_desired;
	double peak_demand;
	gint64 unmet_steps;
	double unmet_requests;
	double waiting_steps;
	gint64 waiting_any_steps; /* steps with at least one task waiting (optimize's measure) */
	double demand_sum;	  /* requests per second, summed over steps (optimize's measure) */
	double instance_steps; /* the service's share of its cluster */
	guint32 *count_hist;   /* placed-task counts, for the Spot split; NULL when not needed */
	/* events */
	PlanSimScalingEvent *events;
	guint n_events_kept;
	guint64 n_events;
	PlanSimPendingEvent *pending;
	guint n_pending_kept;
	guint64 n_pending;
	gboolean pending_open;
	PlanSimPendingEvent pending_now;
	/* the AZ failure */
	gboolean failure_hit;
	PlanSimFailureImpact failure;
	gboolean recovering;
	gint64 unmet_steps_after;
} SimServiceState;

typedef struct {
	gint64 *registered_az; /* [n_slots] */
	gint64 *launching_az;
	double *used_az; /* instances' worth of tasks placed in each AZ */
	SimInstance *instances; /* [capacity] */
	gint32 *on;		/* [n_services × capacity]: each service's tasks per instance */
	guint64 launched_total;
	PlanRng rng; /* random placement and removal */
	gint64 registered;
	gint64 launching;
	gint64 *held; /* [n_subnets]: instance addresses in each cluster subnet */
	gint64 high;
	gint64 low;
	gint64 warm_until_s;
	double last_reservation;
	double instance_steps;
	double spot_steps; /* Spot instances, summed over steps */
	gint64 peak;
	gint64 lost;
	gint64 blocked_steps;
	PlanSimScalingEvent *events;
	guint n_events_kept;
	guint64 n_events;
} SimClusterState;

typedef struct {
	gint64 used; /* tasks and instances */
	gint64 peak;
	gint64 peak_step;
	gboolean dead;	    /* its AZ failed */
	gboolean no_egress; /* its NAT gateway was lost: new tasks cannot pull images */
	gint64 full_since;  /* -1: not full */
	gint64 full_steps;
} SimSubnetState;

/* a change of a subnet's addresses in use, kept while services step through a block of time
 * and applied in step order when the block ends */
typedef struct {
	gint64 step;
	gint64 delta;
	guint subnet;
} SimSubnetDelta;

typedef struct {
	const SimPlan *plan;
	guint index;
	guint64 seed;
	/* the services it steps: all of them, or a part's range (simulate-parallel.c); the
	 * states of the others are left empty */
	guint first_service;
	guint end_service;
	/* a part of a split run: it keeps its subnet changes for the run to replay */
	gboolean part;
	gboolean failed;	 /* the AZ failure has been applied */
	gboolean series_borrowed; /* series is the run's, written at this part's indices */
	SimServiceState *services;
	SimClusterState *clusters;
	SimSubnetState *subnets;
	gint64 *nat_lost_step; /* [n_nats]: -1 while it lives */
	gint *az_position;     /* [n_slots]: scratch for placement */
	gint64 step;	       /* the step being simulated */
	PlanSimPoint *series;
	guint64 n_series;
	PlanSimClusterPoint *cluster_series;
	guint64 n_cluster_series;
	gint *progress; /* atomic: service-steps done, over all runs */
	/* blocked stepping: subnet changes are logged, then replayed in (step, service) order */
	gboolean log_subnets;
	SimSubnetDelta *log;
	guint log_len;
	guint log_capacity;
	/* sim_replay_subnets()'s counting sort: grown to what it replays */
	SimSubnetDelta *log_sorted;
	guint sorted_capacity;
	guint *log_counts;
	guint counts_capacity;
} SimRun;

/* simulate.c */
void sim_plan_free(SimPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SimPlan, sim_plan_free)
SimPlan *sim_plan_new(const PlanModel *model, const PlanSimOptions *options, GError **error);

/* simulate-loop.c: a run's state; services [@first, @end) get theirs (a part of a run), the
 * others none */
SimRun *sim_run_new_range(const SimPlan *plan, guint index, gint *progress, guint first,
			  guint end);
/* a whole run */
SimRun *sim_run_new(const SimPlan *plan, guint index, gint *progress);
void sim_run_free(SimRun *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SimRun, sim_run_free)
PlanSimRun *sim_run_result(const SimRun *run);
/* simulate-result.c */
void sim_run_result_free(gpointer data);
/* fills @result->spread (and cost_spread) from its runs */
void sim_result_spreads(PlanSimResult *result, guint n_services);
void sim_spread_clear(gpointer data);

/* simulate-loop.c */
void sim_run_init(SimRun *run);
void sim_run_steps(SimRun *run);
/* a plan that steps in blocks: steps @from to @to − 1 of the run's services, applying the AZ
 * failure when it falls at the start of one of them (unless the run has had it). A part
 * keeps its subnet changes in its log (sim_replay_subnets), a whole run applies them */
void sim_run_blocks(SimRun *run, gint64 from, gint64 to);
/* the AZ failure at the start of step run->step, for the run's services */
void sim_fail_az(SimRun *run);
/* applies the subnet changes the @n_parts parts of @run logged for steps @first to @end − 1,
 * in the order one run stepping every service through each step makes them: by step, then by
 * part (parts are in service order), then as each logged them; empties the parts' logs */
void sim_replay_subnets(SimRun *run, SimRun *const *parts, guint n_parts, gint64 first,
			gint64 end);

/* simulate-parallel.c: the runs on a thread pool, into @results (by run index); @timings
 * (nullable) gets the runs' part of the figures */
void sim_run_all(const SimPlan *plan, PlanSimRun **results, PlanSimTimings *timings);
/* the calling thread's CPU time, in seconds */
double sim_thread_cpu_s(void);

/* simulate-place.c: placement of tasks and instances, the floor under the loop */
/* batch @i of @ring, from its head */
static inline SimBatch *
sim_ring_at(SimRing *ring, guint i)
{
	return &ring->items[(ring->head + i) % ring->capacity];
}
/* adds @delta addresses in use to subnet @id */
void sim_subnet_add(SimRun *run, guint id, gint64 delta);
/* opens a pending event when tasks wait for a place, and closes it when none do */
void sim_track_pending(SimRun *run, guint s, gint64 time_s);
/* places up to @count waiting tasks; they count from @ready_step (at once when it is not
 * after the current step). Returns: how many were placed */
gint64 sim_place(SimRun *run, guint s, gint64 count, gint64 ready_step);
/* removes @count tasks: waiting first, then the newest starting, then running from the AZ
 * that has the most (ECS keeps AZs balanced) */
void sim_remove(SimRun *run, guint s, gint64 count);
/* launches up to @count instances, each in the live AZ with the fewest that has an address;
 * returns how many were launched */
gint64 sim_launch_instances(SimRun *run, guint c, gint64 count, gint64 ready_step);
/* of @instances, how many a mixed instances policy makes Spot: above on_demand_base,
 * (100 − on_demand_percentage)% of them, the on-demand share rounded up */
gint64 sim_spot_instances(const SimClusterPlan *cluster, gint64 instances);
/* terminates up to @count instances: with managed termination protection only instances that
 * run no task, else the oldest of the AZ with the most (their tasks wait to be placed again);
 * returns how many */
gint64 sim_terminate_instances(SimRun *run, guint c, gint64 count);
/* sets the desired count at the start of @now_step and records the event */
void sim_set_desired(SimRun *run, guint s, gint64 desired, PlanSimReason reason, gint policy,
			  double metric, gint64 now_step);
void sim_cluster_event(SimRun *run, guint c, gint64 from, gint64 to, PlanSimReason reason,
			    double metric, gint64 now_step);

/* simulate-policy.c: decisions as data; the loop (simulate-loop.c) applies them */

/* a service's new desired count (capacity -1: no change), and which policy asked for it */
typedef struct {
	gint64 capacity;
	PlanSimReason reason;
	gint policy;
	double metric;
} SimDecision;

/* a cluster's managed scaling: instances to launch or to terminate (at most one is set) */
typedef struct {
	gint64 launch;
	gint64 terminate;
	PlanSimReason reason;
	double reservation; /* the CapacityProviderReservation the decision rests on */
} SimClusterDecision;

/* one datapoint (or @datapoints identical ones) of the service's metrics, complete at the start
 * of @now_step: @util is CPU (and memory) as a fraction, @alb requests per target per minute;
 * @valid FALSE when no task ran (missing data: no scaling) */
SimDecision sim_evaluate_service(SimRun *run, guint s, double util, double alb,
				      gboolean valid, guint datapoints, gint64 now_step);

/* the value a policy's metric takes */
static inline double
sim_metric_value(PlanScalingMetric metric, double util, double alb)
{
	/* the simulator has no memory model: memory follows the load like CPU (docs) */
	return metric == PLAN_METRIC_ALB_REQUESTS ? alb : util * 100.0;
}

/* the first half of sim_evaluate_service(), for a valid datapoint: moves every policy's alarm
 * counts. Returns TRUE when some alarm has enough datapoints to act on, and only then has
 * sim_decide_service() (the second half) anything to decide. Inline: the step loop calls it
 * every step, and it decides nothing in most of them */
static inline gboolean
sim_service_datapoint(const PlanSimulation *settings, const SimServicePlan *service,
		      SimServiceState *state, double util, double alb, guint datapoints)
{
	gboolean alarm = FALSE;

	for (guint i = 0; i < service->n_targets; i++) {
		const SimTargetPlan *policy = &service->targets[i];
		SimTargetState *policy_state = &state->targets[i];
		double metric = sim_metric_value(policy->metric, util, alb);

		policy_state->high = metric > policy->target ? policy_state->high + datapoints : 0;
		policy_state->low =
		    metric < policy->low_threshold ? policy_state->low + datapoints : 0;
		alarm = alarm || policy_state->high >= settings->alarm_high_datapoints ||
			policy_state->low >= settings->alarm_low_datapoints;
	}
	for (guint i = 0; i < service->n_steps; i++) {
		const PlanStepScaling *policy = service->steps[i];
		SimStepState *policy_state = &state->steps[i];
		double metric = sim_metric_value(policy->metric, util, alb);
		gboolean breach = policy->comparison == PLAN_ALARM_ABOVE
				      ? metric >= policy->threshold
				      : metric <= policy->threshold;

		policy_state->breaches = breach ? policy_state->breaches + datapoints : 0;
		alarm = alarm || policy_state->breaches >= policy->datapoints;
	}
	return alarm;
}
/* the decision once sim_service_datapoint() has moved the counts */
SimDecision sim_decide_service(SimRun *run, guint s, double util, double alb, gint64 now_step);
SimClusterDecision sim_evaluate_cluster(SimRun *run, guint c, guint datapoints,
					     gint64 now_step);
gint64 sim_step_adjust(const PlanStepScaling *policy, gint64 current, double metric,
			    gboolean *found);

/* simulate-schedule.c */
gboolean sim_parse_start(const char *text, gint64 *unix_time, GError **error);

/* simulate-cost.c */
void sim_cost_run(const SimPlan *plan, const SimRun *run, PlanSimRun *result);

G_END_DECLS
