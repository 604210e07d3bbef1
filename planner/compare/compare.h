/* ecsplan: Fargate against EC2 — what each service, and the whole model, would cost a month on
 * Fargate x86_64, Fargate arm64, Fargate Spot and the cheapest EC2 instance types its task fits,
 * and the task count from which EC2 stays cheaper than Fargate. docs/compare.md gives the rules. */
#pragma once

#include <glib.h>

#include "compute.h"
#include "model.h"
#include "pricebook.h"

G_BEGIN_DECLS

/* the cheapest instance types listed per service (and for the model) */
#define PLAN_COMPARE_EC2_TYPES 3
/* the break-even search runs over 1..max(PLAN_COMPARE_RANGE_FACTOR × desired,
 * PLAN_COMPARE_PEAK_FACTOR × the autoscaling max, PLAN_COMPARE_MIN_RANGE) tasks, at most
 * PLAN_COMPARE_MAX_RANGE: the chart's view (twice the max) always lies within it */
#define PLAN_COMPARE_RANGE_FACTOR 10
#define PLAN_COMPARE_PEAK_FACTOR 2
#define PLAN_COMPARE_MIN_RANGE 200
#define PLAN_COMPARE_MAX_RANGE 1000000
/* the shared fleet's break-even (the model's total) packs the fleet at most once per total
 * evaluated (not when EC2 is dearer even with the fewest hosts the tasks could fit in):
 * every total when the range is at most PLAN_COMPARE_MAX_POINTS, else a sample: a sweep of
 * PLAN_COMPARE_FLEET_SWEEP evenly spaced totals, a bisection between each row's last dearer
 * and next swept total, then a walk up from there that goes on PLAN_COMPARE_FLEET_WINDOW
 * counts past each dearer count it meets, at most PLAN_COMPARE_FLEET_WALK counts a row */
#define PLAN_COMPARE_FLEET_SWEEP 64
#define PLAN_COMPARE_FLEET_WINDOW 64
#define PLAN_COMPARE_FLEET_WALK 2000
/* the cost curve keeps every task count up to this many points, then an even sample */
#define PLAN_COMPARE_MAX_POINTS 2000

/* the commitments listed by default: 1 year no upfront and 3 years all upfront */
#define PLAN_COMPARE_COMMIT_BIT(term, upfront) (1u << ((guint)(term) * PLAN_N_UPFRONTS + (guint)(upfront)))
#define PLAN_COMPARE_DEFAULT_COMMITS                                                             \
	(PLAN_COMPARE_COMMIT_BIT(PLAN_TERM_1Y, PLAN_UPFRONT_NO) |                                \
	 PLAN_COMPARE_COMMIT_BIT(PLAN_TERM_3Y, PLAN_UPFRONT_ALL))

/* the kinds of option, in the order ties are broken */
typedef enum {
	PLAN_COMPARE_FARGATE_X86,
	PLAN_COMPARE_FARGATE_ARM,
	PLAN_COMPARE_FARGATE_SPOT, /* the strategy's Spot mix, or every task on Spot */
	PLAN_COMPARE_EC2,
} PlanCompareKind;

/* the ENI trunking EC2 options are priced with (`compare --trunking`, docs/compare.md,
 * "What-ifs") */
typedef enum {
	PLAN_COMPARE_TRUNKING_MODEL, /* each service's cluster's setting (a Fargate service: off) */
	PLAN_COMPARE_TRUNKING_OFF,
	PLAN_COMPARE_TRUNKING_ON,
	PLAN_COMPARE_TRUNKING_BOTH, /* each EC2 type listed with and without it; the break-even
				     * and the Spot and commitment rows use it on */
} PlanCompareTrunking;

/* how an option's capacity is bought */
typedef enum {
	PLAN_COMPARE_ON_DEMAND,
	PLAN_COMPARE_SPOT, /* some or all tasks (Fargate) or instances (EC2) on Spot */
} PlanComparePurchase;

/* what an option's monthly cost is made of, nano-dollars (a plain record); the option's
 * monthly_cost is their sum */
typedef struct {
	PlanNanos fargate;   /* Fargate vCPU, memory and storage above the 20 GB included */
	PlanNanos instances; /* EC2 instance hours */
	PlanNanos ebs;	     /* EC2: every instance's EBS volumes, per GB-month */
	PlanNanos credits;   /* EC2 burstable in unlimited mode: CPU credits above the baseline */
} PlanCompareCosts;

/* EC2 burstable performance (t2, t3, t3a, t4g): the CPU an instance earns credits for */
typedef enum {
	PLAN_COMPARE_NOT_BURSTABLE,
	PLAN_COMPARE_UNLIMITED, /* t3, t3a, t4g launch unlimited: surplus credits are billed */
	PLAN_COMPARE_STANDARD,	/* t2 launches standard: above the baseline it is throttled */
} PlanCompareBurst;

/* one way to run the tasks (a plain record; see PlanCompare for ownership) */
typedef struct {
	PlanCompareKind kind;
	PlanComparePurchase purchase;
	char *label; /* "Fargate x86_64", "Fargate arm64", "Fargate Spot mix", "Fargate Spot, all
		      * tasks", "EC2 m5.large" */
	PlanArchitecture architecture;
	const PlanInstanceType *instance_type; /* EC2: borrowed from the book; NULL for Fargate */
	gint64 instances;		       /* EC2: instances at the desired count */
	gint64 tasks_per_instance;	       /* EC2, one service: plan_packing(); 0 otherwise */
	PlanLimit limit;		       /* EC2, one service: what limits that */
	PlanNetworkMode network_mode;	       /* the mode the tasks are packed in (Fargate: awsvpc) */
	gboolean trunking_asked;	       /* EC2: priced as if the cluster turned trunking on */
	gboolean trunking;		       /* EC2: asked and the type supports it (in effect) */
	double cpu_utilisation;		       /* EC2: reserved / registered, 0..1 */
	double memory_utilisation;
	gint64 on_demand_tasks; /* Fargate: tasks at the on-demand rate */
	gint64 spot_tasks;	/* Fargate: tasks at the Spot rate */
	gboolean priced;	/* FALSE: the book lacks a figure the option needs (the instance
				 * type's hour, a Fargate rate) */
	PlanNanos monthly_cost; /* 0 when not priced; the sum of @costs */
	PlanCompareCosts costs;
	PlanCompareBurst burst;	       /* EC2: the type's credit mode */
	double baseline;	       /* EC2 burstable: the baseline share of each vCPU */
	double surplus_vcpu_hours;     /* EC2 burstable: vCPU-hours above the baseline */
	double spot_savings;	       /* EC2 Spot: the share off on-demand instance hours */
	const char *interruption;      /* EC2 Spot: the Spot Advisor's band ("<5%"), borrowed
					* from the book; NULL when unknown */
	/* EC2: what each instance holds before the service's tasks (its cluster's DAEMON tasks
	 * and ECS_RESERVED_MEMORY; docs/compare.md "Daemons"); all 0 when nothing */
	guint n_daemons;
	gint64 daemon_cpu_units;
	gint64 daemon_memory_mib;
	gint64 reserved_memory_mib;
	double daemon_cpu_share; /* of each instance's registered CPU and memory, 0..1 */
	double daemon_memory_share;
	gboolean estimate;	/* rests on an unconfirmed or missing figure, or a fitted size */
	gboolean current;	/* what the model runs today */
} PlanCompareOption;

typedef enum {
	PLAN_COMPARE_POINT_DESIRED = 1 << 0,	/* the service's desired count */
	PLAN_COMPARE_POINT_BREAK_EVEN = 1 << 1, /* the break-even count */
} PlanComparePointFlags;

/* the monthly cost of every option kind at one task count (a plain record) */
typedef struct {
	gint64 tasks;
	PlanNanos fargate_x86;
	PlanNanos fargate_arm;
	PlanNanos fargate_spot;
	PlanNanos ec2; /* on the break-even type */
	gint64 instances;
	guint flags;	/* PlanComparePointFlags */
	guint unpriced; /* 1 << PlanCompareKind of each Fargate figure the book cannot price
			 * (its value is then 0 and means nothing) */
} PlanComparePoint;

/* where EC2 on the cheapest type stops costing more than Fargate x86_64 (a plain record) */
typedef struct {
	const PlanInstanceType *type; /* the cheapest priced type at the desired count; NULL when
				       * none fits (then nothing below is set) */
	gint64 range;		      /* task counts searched: 1..range */
	gboolean found;		      /* EC2 is cheaper from @tasks to @range, every count */
	gint64 tasks;
	gint64 instances; /* at @tasks */
	PlanNanos fargate;
	PlanNanos ec2;
	double cpu_utilisation; /* reserved / registered at @tasks, 0..1 */
	double memory_utilisation;
	gint64 first_cheaper; /* the least count at which EC2 is cheaper at all; 0: none */
	PlanCompareCosts ec2_costs; /* @ec2's parts, at @tasks */
} PlanCompareBreakEven;

/* how an assumption moves a break-even row's answer at its count (at_tasks) */
typedef enum {
	PLAN_COMPARE_FLIP_NONE,	 /* the answer does not rest on it (not burstable; not Spot) */
	PLAN_COMPARE_FLIP_AT,	 /* the answer flips at the row's figure */
	PLAN_COMPARE_FLIP_ANY,	 /* EC2 is cheaper at the count whatever the figure */
	PLAN_COMPARE_FLIP_NEVER, /* EC2 is dearer at the count whatever the figure */
	PLAN_COMPARE_FLIP_BASELINE, /* a standard-mode type (t2): throttled above the figure */
} PlanCompareFlip;

/* the break-even of one purchase option (a plain record; docs/compare.md, "Break-even by
 * purchase option"): EC2 on the break-even type against Fargate at the service's architecture
 * bought the same way: on-demand, Spot (every task; every instance), a Compute Savings Plan.
 * EC2 Instance Savings Plans and Reserved Instances have no Fargate form: Fargate is then
 * priced with the Compute Savings Plan of the same term and payment, the closest it can get */
typedef struct {
	const char *purchase;	      /* plan_purchase_name(), "on-demand" or "spot" (static) */
	const char *fargate_purchase; /* what the Fargate side is priced with (static) */
	gboolean priced;	      /* both sides have their rates in the book */
	const char *missing;	      /* when not priced: which side lacks a rate (static) */
	gboolean found;		      /* EC2 is cheaper from @tasks to the range's end */
	gint64 tasks;
	gint64 first_cheaper; /* the least count at which EC2 is cheaper at all; 0: none */
	gboolean estimate;	   /* an EC2 figure is an estimate (a rate, EBS, credits, Spot) */
	gboolean fargate_estimate; /* a Fargate figure is (a commitment rate, a fitted size) */
	/* the costs at @at_tasks: the break-even when found, else the range's last count */
	gint64 at_tasks;
	gint64 at_instances;
	PlanCompareCosts fargate_costs; /* .fargate only */
	PlanCompareCosts ec2_costs;	/* instances, ebs, credits */
	/* how full the instances are at @at_tasks: reserved ÷ (instances × registered) */
	double cpu_reserved;
	double memory_reserved;
	/* what the answer assumes (docs/compare.md, "What a row assumes"). CPU use: the tasks'
	 * average (the service's cpu_utilization; the fleet's, weighted by reserved CPU) and,
	 * for a burstable break-even type, the use at which EC2 at @at_tasks turns dearer (found)
	 * or cheaper (not found) than Fargate */
	gboolean burstable;
	gboolean utilization_known;
	double cpu_utilization;
	PlanCompareFlip utilization_flip;
	double utilization_flip_at;
	/* the Spot row: the EC2 Spot saving assumed, where it comes from ("Spot Advisor" or
	 * "spot_discount"), the Spot Advisor's interruption band (NULL: unknown), Fargate
	 * Spot's discount, and the EC2 saving at which the answer at @at_tasks flips */
	double spot_savings;
	const char *spot_source;
	const char *interruption;
	double fargate_spot_discount;
	PlanCompareFlip spot_flip;
	double spot_flip_at;
	/* the model's total: how many totals were evaluated (the range's every count, or a
	 * sample: PLAN_COMPARE_FLEET_SWEEP); 0 for a service (every count of the range) */
	guint points_evaluated;
	/* of those, how many were packed: the others were decided by the least instances their
	 * tasks could fit in (EC2 dearer even then; docs/compare.md, "The whole model") */
	guint points_packed;
} PlanCompareBreakEvenRow;

/* a Savings Plan or Reserved Instance on the on-demand capacity of one option (a plain record;
 * docs/compare.md, "Commitments"): Compute Savings Plans on Fargate (the service's
 * architecture) and on the cheapest EC2 type, EC2 Instance Savings Plans and standard Reserved
 * Instances on that type. effective hourly = hourly + upfront / term hours */
typedef struct {
	PlanCompareKind kind; /* PLAN_COMPARE_FARGATE_X86, _ARM or PLAN_COMPARE_EC2 */
	PlanCommitKind commit;
	PlanTerm term;
	PlanUpfront upfront;
	const char *purchase; /* plan_purchase_name(): "compute-sp-1y-no-upfront" (static) */
	char *label;	      /* "Fargate x86_64, Compute SP 1y no upfront" */
	PlanArchitecture architecture;
	const PlanInstanceType *instance_type; /* EC2: borrowed from the book; NULL for Fargate */
	gint64 instances;		       /* EC2 */
	gint64 tasks;
	gboolean priced;	/* FALSE: the book has no such rate (never read as $0) */
	PlanNanos hourly;	/* the rate's hourly part: per task-hour (Fargate: vCPUs × the
				 * vCPU-hour rate + GB × the GB-hour rate) or per instance-hour */
	PlanNanos upfront_cost; /* Reserved Instances: paid once per instance; else 0 */
	PlanNanos effective;	/* hourly + upfront / term hours, same unit */
	PlanNanos monthly_cost; /* 0 when not priced; the sum of @costs */
	PlanCompareCosts costs; /* Fargate storage above 20 GB, EBS and CPU credits stay
				 * on-demand: commitments do not cover them */
	PlanNanos on_demand_cost; /* the same capacity on-demand */
	const char *source;	  /* the rate's source keys, borrowed from the book; or NULL */
	gboolean estimate;
	gboolean current; /* the model's pricing block says the account has it */
} PlanCompareCommitOption;

/* one service, or the whole model (a plain record) */
typedef struct {
	char *name;	  /* the service; NULL for the model's total */
	gint64 tasks;	  /* desired_count (the total: the sum) */
	gint64 cpu_units; /* the task as it asks (0 for the total) */
	gint64 memory_mib;
	gint64 fargate_cpu_units; /* as Fargate bills it */
	gint64 fargate_memory_mib;
	gboolean fargate_fitted; /* its own size is not a Fargate size */
	/* its cluster's DAEMON services, which Fargate runs as a sidecar in every task (AWS's
	 * advice for daemons on Fargate [S54]): their names ("'agent' and 'logs'"; NULL when
	 * none) and the CPU and memory they add to the task before it is fitted */
	char *daemon_names;
	guint n_daemons;
	gint64 sidecar_cpu_units;
	gint64 sidecar_memory_mib;
	gboolean reserve;	 /* its cluster has daemons or reserved memory */
	PlanArchitecture architecture;
	PlanNetworkMode network_mode;	 /* on EC2: awsvpc for a Fargate service */
	gboolean trunking;		 /* its cluster turns ENI trunking on */
	guint n_azs;			 /* the AZs its tasks spread over (the total: 0) */
	gboolean spot_mix;		 /* the strategy has FARGATE_SPOT items */
	guint n_fitting_types;		 /* instance types of the architecture the task fits */
	guint n_unpriced_types;		 /* of those, without a price in this region */
	guint n_burstable_skipped;	 /* burstable types left out: CPU use unknown */
	guint n_throttled_skipped;	 /* standard-mode types left out: CPU use above baseline */
	/* with the tasks' CPU use unknown: the burstable type that stays cheaper than Fargate
	 * x86_64 at the desired count up to the highest cpu_utilization, and that utilization
	 * (1: at any use); NULL when none is cheaper even with idle tasks */
	const PlanInstanceType *burst_type;
	double burst_utilization;
	gint64 peak_tasks;		 /* the autoscaling max (else tasks) */
	gint64 ebs_gb;			 /* EC2: EBS GB per instance (its cluster's, else 30) */
	PlanStorageType ebs_type;
	gboolean utilization_known;	 /* every task's cpu_utilization is given */
	double cpu_utilization;		 /* the service's (the total: reserved-CPU weighted) */
	GArray *options;		 /* PlanCompareOption, cheapest first; unpriced last */
	GArray *commitments;		 /* PlanCompareCommitOption: Fargate, then EC2 */
	/* the total: the shared fleet's on-demand row (against Fargate at the services'
	 * architecture, every service scaled together: plan_compare_apportion()) */
	PlanCompareBreakEven break_even;
	GArray *break_evens;		 /* PlanCompareBreakEvenRow, one per purchase option
					  * (on-demand, Spot, then the commitments listed), on
					  * break_even.type over 1..break_even.range; empty when
					  * there is no break-even type */
	GArray *points;			 /* PlanComparePoint by task count; empty for the total */
} PlanCompareEntry;

/* the result: a plain record that owns its entries. instance types are borrowed from the
 * book, which must outlive it */
typedef struct {
	double hours;
	char *region;
	char *book_as_of;
	char *book_origin;
	/* the oldest and newest "as_of" of the figures the comparison used (the Fargate rates
	 * and the hour of each EC2 type it shows), NULL when none was dated; how many were
	 * "undated" (issue 11: a header shows these, not the book's date) */
	char *figures_oldest;
	char *figures_newest;
	guint n_undated;
	GPtrArray *services;	 /* PlanCompareEntry, model order */
	PlanCompareEntry *total; /* the services together */
	/* the what-ifs the EC2 options were priced under (PlanCompareOptions) */
	PlanCompareTrunking trunking;
	gboolean network_mode_given;
	PlanNetworkMode network_mode;
} PlanCompare;

typedef struct {
	double hours;	      /* 0 (and not given): PLAN_COST_DEFAULT_HOURS */
	gboolean hours_given; /* the user chose @hours, even 0 (then refused) */
	const char *service;  /* only this service; NULL: every service */
	/* the commitments to list, bit 1 << (term × PLAN_N_UPFRONTS + upfront) per option;
	 * 0: 1 year no upfront and 3 years all upfront (PLAN_COMPARE_DEFAULT_COMMITS) */
	guint commits;
	/* nullable: called on the calling thread after each service, @done of @total services
	 * (a terminal's progress line; the same signature as PlanSimProgressFunc) */
	void (*progress)(guint64 done, guint64 total, gpointer user_data);
	gpointer progress_data;
	/* what-ifs for every EC2 option (per service and the shared fleet); Fargate stays awsvpc
	 * without trunking, the only way it runs. @trunking: the cluster's ENI trunking (default:
	 * the model's); @network_mode when @network_mode_given: the tasks' mode on EC2 (default:
	 * each service's; a Fargate service's is awsvpc) */
	PlanCompareTrunking trunking;
	gboolean network_mode_given;
	PlanNetworkMode network_mode;
} PlanCompareOptions;

PlanCompare *plan_compare(const PlanModel *model, const PlanPriceBook *book,
			  const PlanCompareOptions *options,
			  GError **error) G_GNUC_WARN_UNUSED_RESULT;
void plan_compare_free(PlanCompare *compare);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanCompare, plan_compare_free)

/* the model's total scaled to @total tasks, the mix kept: each service's share of @total in
 * proportion to its desired count (@desired, @n of them), by largest remainder: floor(total ×
 * desired ÷ Σ desired) each, then one more for the services with the largest remainders
 * (the earlier service on a tie), so the shares add up to @total and each is within one task
 * of its exact share; at @total = Σ desired every service gets its desired count. @out: @n
 * counts */
void plan_compare_apportion(const gint64 *desired, guint n, gint64 total, gint64 *out);

/* the sum of an option's or a row's cost components, nano-dollars */
PlanNanos plan_compare_costs_total(const PlanCompareCosts *costs);
/* the first option (the cheapest), or NULL when there is none */
const PlanCompareOption *plan_compare_cheapest(const PlanCompareEntry *entry);
/* the option the model runs today, or NULL */
const PlanCompareOption *plan_compare_current(const PlanCompareEntry *entry);
/* the cheapest priced option that runs no task on Spot, or NULL */
const PlanCompareOption *plan_compare_cheapest_on_demand(const PlanCompareEntry *entry);
/* what the cheapest option saves a month against the one the model runs (@saving, nano-dollars)
 * and that as a share of today's cost (@share; 0 when today's cost is 0). FALSE when either has
 * no price or the model runs the cheapest already */
gboolean plan_compare_saving(const PlanCompareEntry *entry, PlanNanos *saving, double *share);

G_END_DECLS
