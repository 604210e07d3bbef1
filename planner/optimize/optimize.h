/* ecsplan: optimize — for each service, the cheapest configuration that meets a service level:
 * a search space of valid candidates (task size, launch type, architecture, instance type,
 * trunking, Spot share, purchase option, scaling target, min and max), each simulated alone
 * under the load profile with several seeds and priced; pruned by a static lower bound, run in
 * parallel, deterministic whatever the thread count or the sharding. docs/optimize.md.
 *
 * the one public header of planner/optimize/ (the SLO parser and the shards have their own
 * files in the folder: slo.h, shard.h) */
#pragma once

#include <glib.h>

#include "model.h"
#include "pricebook.h"

G_BEGIN_DECLS

/* the largest space searched: a bigger one is refused (PLAN_ERROR_USAGE) with its size and the
 * axes to narrow (docs/limits.md) */
#define PLAN_OPT_MAX_CANDIDATES G_GUINT64_CONSTANT(10000000)

/* ---- the service level (slo.h defines it; lane o17b) ----
 *
 * struct PlanSlo {
 *	double max_unmet_pct;        // unmet demand, percent of the requests; < 0: free
 *	double max_pending_minutes;  // minutes in which tasks waited to be placed; < 0: free
 *	double max_p95_util_pct;     // p95 of the utilization, percent; < 0: free
 *	gboolean require_az_survival; // PlanOptMeasures.az_survived must hold (--fail-az)
 *	double max_spot_pct;         // Spot share of the task-hours, percent; < 0: free
 * };
 *
 * plan_slo_met (slo.c) reads only those measures; the engine itself refuses a candidate whose
 * addresses ran out (PlanOptMeasures.address_full_minutes > 0) or whose cost is incomplete, so
 * plan_slo_met need not know about them */
typedef struct PlanSlo PlanSlo;

/* ---- the search space ----
 *
 * each service's axes, in this order (the candidate index runs over them with the last axis
 * fastest, services in model order, so an index names the same candidate on every machine):
 *  1. launch type and size: Fargate x86_64 and arm64, each CPU from the smallest Fargate CPU
 *     that holds the containers (and the Service Connect proxy) up to 4 × it, with the least
 *     memory that holds them ([S7]; at most PLAN_OPT_FARGATE_SIZES per architecture); then,
 *     for a service without public task addresses (awsvpc tasks on EC2 get none), EC2 on
 *     every instance type the book has an hourly price for that is not burstable (its CPU
 *     credits depend on a CPU use the simulation does not model) and holds at least one task
 *     (plan_packing), with trunking off, and on when the type supports it (awsvpc only)
 *  2. Spot share: 0, 50 and 100 % of the tasks (Fargate: the FARGATE_SPOT weight; EC2: the
 *     mixed instances policy's on_demand_percentage 100, 50, 0)
 *  3. purchase option: "on-demand", and with Spot share 0 each Savings Plan (Fargate: Compute
 *     SP; EC2: Compute SP, EC2 Instance SP, Reserved) the book prices for the default terms
 *     (1 year no upfront, 3 years all upfront): the commitment covers the minimum capacity all
 *     month, the rest is on-demand
 *  4. the target tracking value: 50, 60, 70, 80 % (or the model's own, if other; ALB requests
 *     per target: the model's value × 0.5, 0.75, 1, 1.25); a service without target tracking:
 *     its own scaling only
 *  5. min and max tasks: the model's (min, max), (max(1, min / 2), max), (min, 2 × max) */

/* the Fargate CPU sizes per architecture a service's space holds, smallest first */
#define PLAN_OPT_FARGATE_SIZES 3

/* one candidate configuration of one service (a plain record; @instance_type is borrowed from
 * the price book and @purchase is static) */
typedef struct {
	guint service_index;
	PlanLaunchType launch_type;
	PlanArchitecture architecture;
	gint64 cpu_units;	   /* the task size: Fargate bills it; EC2 packs it */
	gint64 memory_mib;
	const char *instance_type; /* EC2: "m6g.large"; NULL for Fargate */
	gboolean trunking;	   /* EC2 awsvpc: ENI trunking on */
	guint spot_pct;		   /* 0, 50 or 100: the share of tasks (or instances) on Spot */
	const char *purchase;	   /* "on-demand" (with a Spot share of 50: the other half),
				    * "spot" (every task), or plan_purchase_name():
				    * "compute-sp-1y-no-upfront" */
	gboolean committed;	   /* purchase is a Savings Plan or Reserved Instance: */
	PlanCommitKind commit;	   /* ... these three say which */
	PlanTerm term;
	PlanUpfront upfront;
	gboolean has_target;	   /* the service has target tracking: @target is its value */
	double target;
	gint64 min;		   /* autoscaling min and max (desired_count without autoscaling) */
	gint64 max;
	PlanNanos lower_bound;	   /* the month at @min tasks, priced statically: no simulation is
				    * cheaper (the pruning bound) */
} PlanOptCandidate;

/* one service's candidates (a plain record) */
typedef struct {
	guint service_index;
	guint64 first;	     /* the global index of its first candidate */
	GArray *candidates;  /* PlanOptCandidate, in axis order */
} PlanOptServiceSpace;

/* the whole space: a plain record that owns its arrays */
typedef struct {
	GPtrArray *services; /* PlanOptServiceSpace, model order (services with a space) */
	guint64 total;	     /* candidates over all services */
} PlanOptSpace;

/* ---- options ---- */

typedef void (*PlanOptProgressFunc)(guint64 done, guint64 total, gpointer user_data);

/* the options of one search (a plain record; everything borrowed) */
typedef struct {
	const PlanPriceBook *book; /* prices every candidate (required) */
	const char *profile;	   /* nullable: a built-in load shape for every service */
	gint64 duration_s;	   /* default 7 days */
	gint64 step_s;		   /* default 60 */
	guint runs;		   /* seeds per candidate, default 3: seed, seed + 1, ... */
	guint64 seed;
	const char *fail_az;	   /* nullable: the AZ that fails (--fail-az) */
	gint64 fail_at_s;
	const char *base_dir;	   /* nullable: relative CSV profiles */
	gboolean allow_outside_files;
	guint threads;		   /* 0: one per processor */
	const PlanSlo *slo;	   /* required */
	const char *service;	   /* nullable: only this service */
	/* evaluate only the candidates whose global index i has i % shard_count == shard_index
	 * (strided, so every shard holds cheap and dear candidates of every service); 0 and 1:
	 * all of them */
	guint shard_index;
	guint shard_count;
	PlanOptProgressFunc progress; /* nullable: called on the calling thread */
	gpointer progress_data;
} PlanOptOptions;

void plan_opt_options_init(PlanOptOptions *options);

/* ---- measures and results ---- */

/* what one candidate did, averaged over the seeds (a plain record) */
typedef struct {
	double unmet_pct;	    /* requests above capacity / all requests × 100 */
	double pending_minutes;	    /* minutes in which at least one task waited to be placed */
	double p95_util_pct;	    /* the p95 of utilization (percent) */
	gboolean az_survived;	    /* every seed recovered from --fail-az within the run (TRUE
				     * without --fail-az) */
	double az_unmet_pct;	    /* requests unmet after the failure / all requests × 100 */
	double spot_pct;	    /* Spot task-hours (EC2: instance-hours) / all × 100 */
	double address_full_minutes; /* minutes a subnet of the service had no free address */
	double task_hours;
	PlanNanos monthly_cost;	    /* the service's compute for 730 hours at the simulated use,
				     * with the purchase option, public IPv4 included */
	gboolean complete;	    /* every figure was priced */
	gboolean estimate;	    /* rests on an unconfirmed figure */
} PlanOptMeasures;

/* one candidate as evaluated (a plain record; what a shard file holds per line) */
typedef struct {
	guint64 index; /* global candidate index */
	gboolean pruned; /* not simulated: its lower bound was above a feasible cost; measures
			  * unset */
	gboolean met;	 /* simulated, priced completely, no subnet full, plan_slo_met */
	PlanOptMeasures measures;
} PlanOptEvaluated;

/* a candidate and its measures (a plain record) */
typedef struct {
	PlanOptCandidate candidate;
	PlanOptMeasures measures;
	gboolean met;
} PlanOptPoint;

/* one service's answer (a plain record) */
typedef struct {
	guint service_index;
	char *name;
	guint64 n_candidates;
	guint64 n_simulated;
	guint64 n_pruned;
	gboolean found;	       /* some candidate meets the service level */
	PlanOptPoint best;     /* the cheapest that meets it (ties: the lower index) */
	gboolean has_next;     /* a cheaper candidate was simulated */
	PlanOptPoint next;     /* the dearest candidate cheaper than @best (without @best: the
				* one that comes closest), and why it fails: */
	char *next_why;
	/* PlanOptPoint, cost ascending, unmet strictly falling: the candidates no other beats on
	 * both cost and unmet %, up to @best (dearer ones are pruned, so the frontier stops
	 * there), and @best last (also when a cheaper failing one had as little unmet demand) */
	GArray *frontier;
} PlanOptServiceResult;

/* the answer: a plain record that owns its parts; instance-type names are borrowed from the
 * book, which must outlive it */
typedef struct {
	GPtrArray *services; /* PlanOptServiceResult, model order */
	guint64 n_candidates;
	guint64 n_simulated;
	guint64 n_pruned;
	PlanNanos total_cost; /* the best candidates' costs, summed (services with one) */
	gboolean estimate;    /* one of them rests on an unconfirmed figure */
	/* the edited model's validation: error and warning findings, and the original's */
	guint edited_errors;
	guint edited_warnings;
	guint model_errors;
	guint model_warnings;
	char *patch;	      /* RFC 6902 JSON patch onto the model file */
	char *model_text;     /* the model with the patch applied, as the writer prints it */
} PlanOptResult;

/* ---- the steps (plan_optimize runs all three; shards run the first two, merge the last) ---- */

/* the space of a linked @model (options->service: one service). fails with PLAN_ERROR_USAGE for
 * a space over PLAN_OPT_MAX_CANDIDATES (the message gives its size and how to narrow it), or an
 * empty one (the message says why). Returns: (transfer full) */
PlanOptSpace *plan_opt_space_new(const PlanModel *model, const PlanOptOptions *options,
				 GError **error) G_GNUC_WARN_UNUSED_RESULT;
void plan_opt_space_free(PlanOptSpace *space);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanOptSpace, plan_opt_space_free)

/* the candidate with global @index, or NULL past the end */
const PlanOptCandidate *plan_opt_space_get(const PlanOptSpace *space, guint64 index);

/* a stable 64-bit hash (FNV-1a) of the model's bytes as the writer prints them and of every
 * candidate of @space: two shards agree on the work only when their hashes do */
guint64 plan_opt_space_hash(const PlanModel *model, const PlanOptSpace *space);

/* simulates the candidates of the shard (options->shard_index / shard_count), cheapest lower
 * bound first, skipping those whose bound exceeds the cheapest feasible cost found in the
 * shard; one record per candidate of the shard, in index order.
 * Returns: (transfer full) (element-type PlanOptEvaluated) */
GArray *plan_opt_evaluate(const PlanModel *model, const PlanOptSpace *space,
			  const PlanOptOptions *options, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* the answer from evaluated records (from one run, or several shards' together, in any order;
 * an index twice is an error): the same bytes whatever the sharding */
PlanOptResult *plan_opt_reduce(const PlanModel *model, const PlanOptSpace *space,
			       const PlanOptOptions *options, const PlanOptEvaluated *records,
			       gsize n_records, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* space, evaluate and reduce on one machine. Returns: (transfer full) */
PlanOptResult *plan_optimize(const PlanModel *model, const PlanOptOptions *options,
			     GError **error) G_GNUC_WARN_UNUSED_RESULT;
void plan_opt_result_free(PlanOptResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanOptResult, plan_opt_result_free)

/* implemented in slo.c (lane o17b): TRUE when @measures meet @slo; else FALSE and @why (nullable,
 * transfer full) says which term fails and by how much: "unmet 0.42% > 0.1%" */
gboolean plan_slo_met(const PlanSlo *slo, const PlanOptMeasures *measures, char **why);

G_END_DECLS
