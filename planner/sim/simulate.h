/* ecsplan: the autoscaling simulator — steps a model through time under a load profile with
 * AWS's scaling semantics (target tracking, step and scheduled scaling, capacity provider
 * managed scaling), address and capacity limits, and an optional AZ failure.
 * docs/simulation.md gives every rule and its source. */
#pragma once

#include <glib.h>

#include "cost.h"
#include "model.h"
#include "pricebook.h"

G_BEGIN_DECLS

/* ---- options ---- */

/* what the run keeps per step */
typedef enum {
	PLAN_SIM_SERIES_NONE,
	PLAN_SIM_SERIES_EVERY_STEP, /* --timeseries */
	PLAN_SIM_SERIES_SAMPLED,    /* charts: at most PLAN_SIM_CHART_POINTS per service */
} PlanSimSeries;

#define PLAN_SIM_CHART_POINTS 4000
/* the most steps in one run: 100 years at 60 s steps (docs/limits.md) */
#define PLAN_SIM_MAX_STEPS G_GINT64_CONSTANT(60000000)
/* the most time-series points kept (steps kept × (services + clusters) × runs): some 160 MB */
#define PLAN_SIM_MAX_SERIES_POINTS G_GINT64_CONSTANT(5000000)
/* events kept per service and kind; the rest are counted */
#define PLAN_SIM_DEFAULT_MAX_EVENTS 1000

/* called on the calling thread while runs progress: @done of @total step-units */
typedef void (*PlanSimProgressFunc)(guint64 done, guint64 total, gpointer user_data);

/* workers whose figures PlanSimTimings keeps one by one; the rest are summed in the last */
#define PLAN_SIM_TIMED_THREADS 8

/* where plan_simulate()'s time went, for a reader of a benchmark to see why the runs did or
 * did not scale (bench-simulate prints it). CPU times are each thread's own
 * (CLOCK_THREAD_CPUTIME_ID), so other processes on the machine do not count in them */
typedef struct {
	double wall_s;	    /* plan_simulate() from its start to its end */
	double setup_cpu_s; /* the calling thread before the runs: the plan (profiles, static
			     * cost) */
	double start_cpu_s; /* the calling thread starting the runs (states, threads) */
	double merge_cpu_s; /* the calling thread after the runs: the result and its spreads */
	double runs_wall_s; /* from the start of the runs to the end of the last */
	guint threads;	    /* the workers that ran tasks */
	guint tasks;	    /* the tasks the runs were cut into */
	guint parts;	    /* the parts each run was cut into (1: whole runs) */
	/* each worker, in the order they first took a task: the CPU time of its tasks, how
	 * many, and when (wall, from the start of the runs) it finished its last */
	double thread_cpu_s[PLAN_SIM_TIMED_THREADS];
	guint thread_tasks[PLAN_SIM_TIMED_THREADS];
	double thread_end_s[PLAN_SIM_TIMED_THREADS];
} PlanSimTimings;

/* the options of one simulation (a plain record; strings borrowed) */
typedef struct {
	gint64 duration_s;   /* default 7 days */
	gint64 step_s;	     /* default 60; must divide 60 or be a multiple of 60 */
	guint64 seed;	     /* run r uses seed + r */
	guint runs;	     /* at least 1 */
	guint threads;	     /* 0: one per processor, at most runs */
	const char *profile; /* nullable: a built-in shape name or a CSV file for every service */
	const char *fail_az; /* nullable: the AZ that fails */
	gint64 fail_at_s;
	PlanSimSeries series;
	guint max_events;     /* 0: PLAN_SIM_DEFAULT_MAX_EVENTS */
	const char *base_dir; /* nullable: relative CSV paths in the model are read from here */
	gboolean allow_outside_files; /* a model's load.file may lead out of its folder */
	const PlanPriceBook *book; /* nullable: no prices (plan_analyse passes the model's book) */
	PlanSimProgressFunc progress;
	gpointer progress_data;
	PlanSimTimings *timings; /* nullable: (out caller-allocates) filled in when set */
} PlanSimOptions;

void plan_sim_options_init(PlanSimOptions *options);

/* "7d", "6h", "90m", "60s", "1.5h", "3600" (seconds); units s, m, h, d, w */
gboolean plan_sim_parse_duration(const char *text, gint64 *seconds, GError **error);
/* "us-east-1a@6h": the AZ and the time; (out) @az: (transfer full) */
gboolean plan_sim_parse_fail_az(const char *text, char **az, gint64 *at_s, GError **error);

/* ---- results: plain records ---- */

typedef enum {
	PLAN_SIM_REASON_TARGET_OUT, /* a target tracking policy's AlarmHigh */
	PLAN_SIM_REASON_TARGET_IN,  /* every target tracking policy's AlarmLow */
	PLAN_SIM_REASON_STEP_OUT,
	PLAN_SIM_REASON_STEP_IN,
	PLAN_SIM_REASON_SCHEDULED,    /* a scheduled action moved min or max past desired */
	PLAN_SIM_REASON_CAPACITY_OUT, /* managed scaling: CapacityProviderReservation above target
				       */
	PLAN_SIM_REASON_CAPACITY_IN,
	PLAN_SIM_REASON_FIRST_LAUNCH, /* managed scaling from zero instances */
} PlanSimReason;

/* "target-tracking", "target-tracking-in", "step", ...: the names JSON uses */
const char *plan_sim_reason_to_string(PlanSimReason reason);

typedef struct {
	gint64 time_s; /* when the change was made: the end of the step whose datapoint fired */
	gint64 from;
	gint64 to;
	PlanSimReason reason;
	gint policy;   /* index into the service's target_tracking, step_scaling or scheduled; -1 */
	double metric; /* the datapoint that fired (percent, requests per target, or CPR) */
} PlanSimScalingEvent;

typedef enum {
	PLAN_SIM_BLOCKED_ADDRESSES,   /* no free address in any usable subnet of the service */
	PLAN_SIM_BLOCKED_CAPACITY,    /* no EC2 instance with room */
	PLAN_SIM_BLOCKED_NO_AZ,	      /* no live AZ (after --fail-az), or egress lost */
	PLAN_SIM_BLOCKED_UNPLACEABLE, /* the task fits no instance of the cluster's type */
} PlanSimBlocked;

const char *plan_sim_blocked_to_string(PlanSimBlocked blocked);

/* a stretch of time in which tasks the service wants could not be placed */
typedef struct {
	gint64 start_s;
	gint64 end_s;	  /* -1: still pending when the run ended */
	gint64 max_tasks; /* the most tasks waiting at once */
	PlanSimBlocked blocked;
	guint64 subnets_full; /* bit i: the service's i-th subnet was full when it began */
} PlanSimPendingEvent;

/* what an AZ failure did to a service */
typedef struct {
	gint64 tasks_lost;
	gint64 running_before;
	gint64 recovery_s;    /* from the failure until running is back to running_before (or the
			       * desired count, if lower); -1: not within the run */
	double unmet_minutes; /* after the failure */
	double unmet_requests;
} PlanSimFailureImpact;

typedef struct {
	guint service_index;
	char *name;
	char *profile; /* the profile's description */
	double task_capacity_rps;
	gint64 peak_tasks; /* placed (starting or running) */
	double mean_tasks;
	double task_hours;	/* placed tasks: what Fargate bills */
	double spot_task_hours; /* of task_hours, on FARGATE_SPOT */
	double instance_hours;	/* EC2: this service's share of its cluster's instance-hours */
	gint64 peak_desired;
	double utilization_p50; /* percent: demand / (running × task_capacity_rps), at most 100 */
	double utilization_p95;
	double utilization_max;
	double unmet_minutes;  /* minutes in which demand exceeded running × capacity */
	double unmet_requests; /* requests above capacity, summed */
	double peak_demand;
	guint64 n_scaling_events; /* all of them; scaling_events holds the first max_events */
	GArray *scaling_events;	  /* PlanSimScalingEvent */
	guint64 n_pending_events;
	GArray *pending_events;	     /* PlanSimPendingEvent */
	double pending_task_minutes; /* tasks waiting for a place, summed over minutes */
	double pending_minutes;	     /* minutes in which at least one task waited for a place */
	double demand_requests;	     /* every request of the run (unmet_requests' whole) */
	gboolean failure_hit;
	PlanSimFailureImpact failure;
} PlanSimService;

typedef struct {
	guint cluster_index;
	char *name;
	char *instance_type;
	gint64 tasks_per_instance; /* of its first service; 0 when unknown */
	gint64 peak_instances;
	double mean_instances;
	double instance_hours;
	double spot_instance_hours; /* of instance_hours, Spot under a mixed instances policy */
	gint64 instances_lost;
	guint64 n_scaling_events;
	GArray *scaling_events;		/* PlanSimScalingEvent (CAPACITY_*, FIRST_LAUNCH) */
	guint64 launch_blocked_minutes; /* minutes in which no AZ had an address for an instance */
} PlanSimCluster;

typedef struct {
	guint vpc_index;
	guint subnet_index;
	char *name;
	char *az;
	gint64 usable; /* -1: the subnet has no usable IPv4 block (not limited) */
	gint64 fixed;  /* load balancers, NAT gateways and endpoints */
	gint64 peak;   /* fixed + the most tasks and instances at once */
	gint64 peak_time_s;
	double full_minutes; /* minutes with no free address */
} PlanSimSubnet;

/* one row of the time series (services) */
typedef struct {
	gint64 time_s;
	guint service; /* index into PlanSimRun.services */
	gint32 desired;
	gint32 running;
	gint32 pending; /* desired − running: starting or waiting for a place */
	float demand;
	float utilization; /* percent */
} PlanSimPoint;

/* one row of the time series (clusters) */
typedef struct {
	gint64 time_s;
	guint cluster;
	gint32 instances; /* in the Auto Scaling group: launching or registered */
	gint32 registered;
	float reservation; /* CapacityProviderReservation, percent */
} PlanSimClusterPoint;

/* the simulated cost of one run, priced with cost.h's rules and the same price book */
typedef struct {
	gboolean present;
	char *missing;		/* why there is no cost (no book for the region), or NULL */
	double hours;		/* the run's length in hours */
	PlanNanos static_total; /* `ecsplan cost` for the same hours */
	PlanNanos total;	/* the same lines with the simulated quantities */
	PlanNanos by_category[PLAN_COST_N_CATEGORIES];
	GArray *by_service; /* PlanNanos, one per service: compute (and public IPv4) */
	gboolean estimate;
	gboolean complete; /* every figure was priced; FALSE: the totals are lower bounds (the
			    * price-missing findings name the figures) */
} PlanSimCost;

typedef struct {
	guint64 seed;
	GPtrArray *services; /* PlanSimService, model order */
	GPtrArray *clusters; /* PlanSimCluster, model order (clusters some EC2 service uses) */
	GArray *subnets;     /* PlanSimSubnet: every subnet a simulated service or cluster uses */
	GArray *series;	     /* PlanSimPoint, time then service; NULL without series */
	GArray *cluster_series; /* PlanSimClusterPoint; NULL without series */
	gint64 nat_lost;	/* NAT gateways lost to the AZ failure */
	PlanSimCost cost;
} PlanSimRun;

/* a percentile summary across runs */
typedef struct {
	double p5;
	double p50;
	double p95;
	double mean;
} PlanSimSpread;

typedef struct {
	char *name;
	PlanSimSpread task_hours;
	PlanSimSpread peak_tasks;
	PlanSimSpread unmet_minutes;
	PlanSimSpread cost; /* dollars */
} PlanSimServiceSpread;

typedef struct {
	gint64 duration_s;
	gint64 step_s;
	guint64 seed;
	guint runs;
	char *fail_az;
	gint64 fail_at_s;
	char *start;		   /* the clock at time 0 */
	GPtrArray *assumptions;	   /* char*: defaults the run had to pick, in model order */
	GPtrArray *run_results;	   /* PlanSimRun, by run index */
	GArray *spread;		   /* PlanSimServiceSpread, when runs > 1 */
	PlanSimSpread cost_spread; /* total cost in dollars across runs (runs > 1 and cost) */
} PlanSimResult;

/* Simulates a linked @model. Fails with PLAN_ERROR_INVALID_MODEL
 * when a policy, schedule or profile cannot be used (the message names the field), with
 * PLAN_ERROR_IO when a profile file cannot be read, and PLAN_ERROR_USAGE for bad options.
 * Returns: (transfer full) */
PlanSimResult *plan_simulate(const PlanModel *model, const PlanSimOptions *options,
			     GError **error) G_GNUC_WARN_UNUSED_RESULT;
void plan_sim_result_free(PlanSimResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanSimResult, plan_sim_result_free)

/* the run the detailed report shows: the first */
const PlanSimRun *plan_sim_result_first(const PlanSimResult *result);

G_END_DECLS
