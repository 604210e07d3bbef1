/* compare's own types and the helpers its files share: compare.c on top; compare-curve.c and
 * compare-fleet.c below it; compare-options.c, compare-commit.c and compare-break-even.c at the
 * bottom */
#pragma once

#include "compare.h"
#include "compute-private.h"
#include "cost.h"

G_BEGIN_DECLS

/* what compare works out once and asks again for many services (compare-options.c): the
 * Fargate rates by task storage, and how many unpriced types hold a task of a shape */
typedef struct _PlanCompareMemo PlanCompareMemo;

typedef struct {
	const PlanModel *model;
	const PlanPriceBook *book;
	double hours;
	GPtrArray *instance_types; /* every type in the book, by name (borrowed) */
	/* the same by the architecture they run [x86_64, arm64], in the book's order: with an
	 * hourly price in the region, and without (those are only counted) */
	GPtrArray *priced_types[2];
	GPtrArray *unpriced_types[2];
	PlanCompareMemo *memo; /* mutable behind the const context: answers already found */
	/* looked up once: ebs.gp2.gb_month and ebs.gp3.gb_month (NULL when the book lacks one) */
	const PlanPrice *ebs_gp2;
	const PlanPrice *ebs_gp3;
	guint commits; /* PLAN_COMPARE_COMMIT_BIT of each commitment to list */
	/* the what-ifs (PlanCompareOptions) */
	PlanCompareTrunking trunking;
	gboolean network_mode_given;
	PlanNetworkMode network_mode;
} PlanCompareContext;

/* the ECS-optimized Amazon Linux AMI's root volume, 30 GiB gp3 [S43]: what an instance of a
 * service without a cluster would have (plan_cluster_new() sets the same default) */
#define PLAN_COMPARE_DEFAULT_EBS_GB 30
/* EC2 Spot against on-demand without a cluster to say: plan_cluster_new()'s spot_discount,
 * UNCONFIRMED (aws-facts §3c) */
#define PLAN_COMPARE_DEFAULT_SPOT_DISCOUNT 0.65

/* unlimited mode: surplus CPU credits cost $0.05 per vCPU-hour on Linux [S43] (the fact sheet's
 * section 10; not in the price book, so an option that pays credits is an estimate) */
#define PLAN_COMPARE_CREDIT_NANOS 50000000

/* what the EC2 side of one service (or the shared fleet) needs besides the type and count */
typedef struct {
	gint64 ebs_gb;
	PlanStorageType ebs_type;
	double busy_per_task; /* vCPUs a task keeps busy on average; < 0: unknown */
	double spot_discount; /* the cluster's, else plan_cluster_new()'s 0.65 (UNCONFIRMED) */
} PlanCompareUse;

typedef struct {
	const PlanModel *model;
	const PlanService *service;
	PlanCompareEntry *entry;
	/* the service's cluster's DAEMON services (guint, model order) and reserved memory,
	 * listed once: plan_compare_reserve() asks about every type (NULL: no cluster) */
	const GArray *daemons;
	gint64 reserved_memory;
	PlanTaskShape shape;
	gint64 ephemeral_storage_gb;
	PlanCompareUse use;
	/* the Fargate rates by [architecture][on-demand 0, Spot 1], looked up once per service
	 * (plan_compare_task_rates): the curve and the break-even price every task count */
	PlanCostFargateRates fargate[2][2];
} PlanCompareTask;

static inline PlanNanos
plan_compare_costs_sum(const PlanCompareCosts *costs)
{
	return costs->fargate + costs->instances + costs->ebs + costs->credits;
}

static inline const char *
plan_compare_arch_name(PlanArchitecture architecture)
{
	return architecture == PLAN_ARCH_ARM64 ? "arm64" : "x86_64";
}

void plan_compare_commit_clear(gpointer data);
/* @on_demand tasks of the service on Fargate at the on-demand rate and @spot at the Spot rate,
 * through the cost engine (inline: compare.c and compare-commit.c both price with it, and a
 * file may not call back into the one that calls it) */
static inline PlanNanos
plan_compare_fargate(const PlanCompareContext *context, const PlanCompareTask *task,
		     PlanArchitecture architecture, gint64 on_demand, gint64 spot,
		     gboolean *estimate)
{
	const PlanCompareEntry *entry = task->entry;
	guint arch = architecture == PLAN_ARCH_ARM64 ? 1 : 0;
	return plan_cost_fargate_rates_cost(&task->fargate[arch][0], entry->fargate_cpu_units,
					    entry->fargate_memory_mib, on_demand, context->hours,
					    estimate) +
	       plan_cost_fargate_rates_cost(&task->fargate[arch][1], entry->fargate_cpu_units,
					    entry->fargate_memory_mib, spot, context->hours,
					    estimate);
}

/* fills @task's Fargate rates from the book, for the task's storage (compare-options.c:
 * looked up once per storage size) */
void plan_compare_task_rates(const PlanCompareContext *context, PlanCompareTask *task);

/* plan_cost_fargate_priced() for @task's storage, from the rates looked up once */
static inline gboolean
plan_compare_fargate_priced(const PlanCompareTask *task, PlanArchitecture architecture,
			    gboolean spot)
{
	return task->fargate[architecture == PLAN_ARCH_ARM64 ? 1 : 0][spot ? 1 : 0].priced;
}

/* what the EC2 staircase of one service needs at every task count, worked out once: the
 * type's packing (plan_packing()) and credit mode */
typedef struct {
	const PlanInstanceType *type;
	PlanPacking packing;
	PlanCompareBurst burst;
	double baseline;
} PlanCompareStairs;

/* an EC2 candidate before the cheapest are chosen */
typedef struct {
	const PlanInstanceType *type;
	PlanPacking packing;
	gint64 instances;
	/* what the cluster's reserve puts on each instance of the type (0 when nothing) */
	guint n_daemons;
	gint64 daemon_cpu;
	gint64 daemon_memory;
	gint64 reserved_memory;
	PlanNanos cost; /* the sum of @costs */
	PlanCompareCosts costs;
	double surplus;		      /* burstable: vCPU-hours above the baseline */
	PlanNetworkMode network_mode; /* the mode its tasks were packed in */
	gboolean trunking;	      /* the trunking asked */
} PlanCompareCandidate;

/* the Spot option at @tasks, at the service's architecture (as `cost` prices a Spot share): the
 * strategy's split when it has FARGATE_SPOT items, else every task on Spot */
static inline PlanNanos
plan_compare_spot(const PlanCompareContext *context, const PlanCompareTask *task, gint64 tasks,
		  gint64 *on_demand, gint64 *spot, PlanArchitecture *architecture,
		  gboolean *estimate)
{
	*on_demand = 0;
	*spot = tasks;
	*architecture = task->service->architecture;
	if (task->entry->spot_mix)
		plan_service_spot_split(task->service, tasks, on_demand, spot);
	return plan_compare_fargate(context, task, *architecture, *on_demand, *spot, estimate);
}

/* compare-options.c */
PlanCompareMemo *plan_compare_memo_new(void);
void plan_compare_memo_free(PlanCompareMemo *memo);
/* the context's types split by architecture and price (priced_types, unpriced_types) */
void plan_compare_context_types(PlanCompareContext *context);
void plan_compare_context_clear(PlanCompareContext *context);
/* how many of the book's types without a price, running @architecture, hold one task of
 * @shape on an instance that reserves nothing, with @trunking asked (counted once a shape) */
guint plan_compare_unpriced_fits(const PlanCompareContext *context, PlanArchitecture architecture,
				 const PlanTaskShape *shape, gboolean trunking);
PlanCompareEntry *plan_compare_entry_new(const char *name);
void plan_compare_entry_free(gpointer data);
PlanCompareBurst plan_compare_burst(const PlanInstanceType *type, double *baseline);
const PlanPrice *plan_compare_ebs_price(const PlanCompareContext *context, PlanStorageType type);
PlanCompareCosts plan_compare_ec2_costs(const PlanCompareContext *context,
					const PlanCompareUse *use, const PlanInstanceType *type,
					gint64 instances, gint64 tasks, double *surplus);
PlanCompareStairs plan_compare_stairs(const PlanCompareTask *task, const PlanInstanceType *type);
/* plan_compare_reserve() is NULL for every type: no cluster, or one that reserves nothing */
static inline gboolean
plan_compare_reserved_nothing(const PlanCompareTask *task)
{
	return !task->entry->reserve || task->daemons == NULL;
}
PlanInstanceReserve *plan_compare_reserve(const PlanCompareTask *task, const PlanInstanceType *type,
					  gboolean trunking) G_GNUC_WARN_UNUSED_RESULT;
void plan_compare_candidate_reserve(PlanCompareCandidate *candidate,
				    const PlanInstanceReserve *reserve);
PlanNanos plan_compare_stairs_cost(const PlanCompareContext *context, const PlanCompareTask *task,
				   const PlanCompareStairs *stairs, gint64 n, gint64 *instances,
				   PlanCompareCosts *costs);
PlanCompareCosts plan_compare_stairs_costs(const PlanCompareContext *context,
					   const PlanCompareTask *task,
					   const PlanCompareStairs *stairs, gint64 instances, gint64 n);
double plan_compare_share(gint64 reserved, gint64 instances, gint64 registered);
gboolean plan_compare_type_runs(const PlanInstanceType *type, PlanArchitecture architecture);
const PlanCluster *plan_compare_cluster(const PlanModel *model, const PlanService *service);
GPtrArray *plan_compare_service_azs(const PlanModel *model, const PlanService *service);
gboolean plan_compare_service_trunking(const PlanModel *model, const PlanService *service);
gboolean plan_compare_trunking_asked(const PlanCompareContext *context, const PlanService *service);
PlanTaskShape plan_compare_task_shape(const PlanCompareContext *context, const PlanService *service);
gboolean plan_compare_trunking_pairs(const PlanCompareContext *context, const PlanInstanceType *type,
				     gboolean awsvpc);
char *plan_compare_ec2_label(const PlanCompareContext *context, const PlanInstanceType *type,
			     PlanNetworkMode network_mode, gboolean trunking, gboolean spot);
gboolean plan_compare_has_spot_items(const PlanService *service);
PlanCompareUse plan_compare_service_use(const PlanModel *model, const PlanService *service,
					const PlanTaskShape *shape);
PlanCompareOption *plan_compare_add(PlanCompareEntry *entry, PlanCompareKind kind, char *label);
void plan_compare_fill_ec2(const PlanCompareContext *context, PlanCompareOption *option,
			   const PlanCompareCandidate *candidate, const PlanCompareUse *use);
gint plan_compare_candidate_order(gconstpointer a, gconstpointer b);
void plan_compare_add_ec2_spot(const PlanCompareContext *context, PlanCompareEntry *entry,
			       const PlanCompareOption *on_demand, double discount);
gboolean plan_compare_burst_usable(const PlanInstanceType *type, const PlanCompareUse *use,
				   double surplus, guint *unknown, guint *throttled);
gint plan_compare_option_order(gconstpointer a, gconstpointer b);

/* compare-curve.c */
void plan_compare_service_curve(const PlanCompareContext *context, const PlanCompareTask *task);
/* compare-fleet.c: the model's total */
PlanCompareEntry *plan_compare_total(const PlanCompareContext *context, const GPtrArray *services,
				     const GPtrArray *entries);

/* compare-break-even.c: the EC2 side of a break-even search at @n tasks in all: the instances
 * of the break-even type, their on-demand costs (hours, EBS, credits), and each searched
 * service's share of the @n tasks into @counts (passed down as a function, so the lower file
 * never calls the upper one: compare-curve.c's staircase, compare-fleet.c's shared fleet) */
typedef PlanCompareCosts (*PlanCompareEc2At)(const PlanCompareContext *context,
					     gconstpointer data, gint64 n, gint64 *instances,
					     gint64 *counts);

/* a lower bound of PlanCompareEc2At: the fewest instances the tasks of @n in all could fit in
 * (what they need of CPU, memory and ENI slots ÷ what one instance offers) and their on-demand
 * costs, every EC2 cost growing with the instances; FALSE when there is no such bound (CPU
 * credits, which shrink as instances are added): then the search packs */
typedef gboolean (*PlanCompareEc2Least)(const PlanCompareContext *context, gconstpointer data,
					gint64 n, gint64 *instances, PlanCompareCosts *costs,
					gint64 *counts);

/* what plan_compare_break_even_rows() searches */
typedef struct {
	PlanCompareEntry *entry; /* the rows go to its break_evens; its break_even has the
				  * type and the range */
	const PlanCompareTask *tasks; /* the services counted: one for a service, the fleet's
				       * for the total (their entries price Fargate) */
	guint n_tasks;
	PlanArchitecture architecture; /* Fargate's side (and the commitment keys) */
	PlanCompareEc2At ec2_at;
	/* nullable: decides a count without packing when EC2 is dearer even with the least
	 * instances (the shared fleet's search) */
	PlanCompareEc2Least ec2_least;
	gconstpointer data;	/* what @ec2_at counts with (opaque here) */
	double spot_savings;	/* the break-even type's EC2 Spot saving (its Spot option's) */
	gboolean estimate;	/* the type's on-demand option is an estimate */
	gboolean fargate_estimate; /* a Fargate size is fitted */
	gboolean sampled; /* the total: count the totals evaluated, and over
			   * PLAN_COMPARE_MAX_POINTS sample them (compare.h) */
} PlanCompareRowSearch;

/* one count evaluated: the EC2 side's instances and on-demand costs, each searched service's
 * tasks, and (when @fargate_known) the searched services' Fargate at the search's
 * architecture on-demand and every task on Spot, which the caller worked out already */
typedef struct {
	gint64 n;
	gint64 instances;
	PlanCompareCosts on_demand;
	gint64 *counts; /* n_tasks */
	gboolean least; /* @instances and @on_demand are the least the tasks could need, not
			 * packed (PlanCompareEc2Least) */
	gboolean fargate_known;
	PlanNanos fargate_on_demand;
	PlanNanos fargate_spot;
} PlanCompareRowPoint;

/* the rows of one search, told counts one by one: a service's walk (compare-curve.c) prices
 * each count once for the break-even, the rows and the curve */
typedef struct _PlanCompareRows PlanCompareRows;
PlanCompareRows *plan_compare_rows_new(const PlanCompareContext *context,
				       const PlanCompareRowSearch *search);
void plan_compare_rows_note(PlanCompareRows *rows, const PlanCompareRowPoint *point);
void plan_compare_rows_finish(PlanCompareRows *rows);

/* the break-even search range for @desired tasks and an autoscaling max of @peak */
gint64 plan_compare_range(gint64 desired, gint64 peak);
void plan_compare_break_even_rows(const PlanCompareContext *context,
				  const PlanCompareRowSearch *search);

/* compare-commit.c */
void plan_compare_fargate_commits(const PlanCompareContext *context, const PlanCompareTask *task);
void plan_compare_ec2_commits(const PlanCompareContext *context, PlanCompareEntry *entry,
			      const PlanCompareOption *on_demand);
void plan_compare_total_fargate_commits(PlanCompareEntry *total, const GPtrArray *entries);

G_END_DECLS
