/* ecsplan: the cost model — a model's monthly cost as line items priced from the price book,
 * with totals and the assumptions behind them. docs/cost.md gives every rule and formula. */
#pragma once

#include <glib.h>

#include "compute.h"
#include "diagnostic.h"
#include "model.h"
#include "pricebook.h"

G_BEGIN_DECLS

/* AWS pricing examples and most calculators use 730 hours a month (8,760 / 12) */
#define PLAN_COST_DEFAULT_HOURS 730.0
/* a month is at most 744 hours; a year (8,784 in a leap year) is the most --hours accepts */
#define PLAN_COST_MAX_HOURS 8784.0

/* the line item categories, in the order reports list them */
typedef enum {
	PLAN_COST_FARGATE,
	PLAN_COST_FARGATE_SPOT,
	PLAN_COST_EC2,
	PLAN_COST_NAT_HOURS,
	PLAN_COST_NAT_DATA,
	PLAN_COST_LB_HOURS,
	PLAN_COST_LB_LCU,
	PLAN_COST_PUBLIC_IPV4,
	PLAN_COST_CROSS_AZ,
	PLAN_COST_INTERNET_EGRESS,
	PLAN_COST_ENDPOINT_HOURS,
	PLAN_COST_ENDPOINT_DATA,
	PLAN_COST_DATABASE, /* RDS and Aurora: instance hours and storage */
	PLAN_COST_LOGS,	    /* CloudWatch Logs ingestion and storage, Container Insights */
	PLAN_COST_N_CATEGORIES,
} PlanCostCategory;

/* "fargate", "fargate-spot", "ec2", "nat-hours", ...: the names the JSON and CSV use */
const char *plan_cost_category_to_string(PlanCostCategory category);

/* one line item: quantity × unit price = cost (a plain record; see PlanCost for ownership) */
typedef struct {
	PlanCostCategory category;
	char *resource;	   /* "service/api", "nat/nat-a", "lb/api-lb", "endpoint/ecr.dkr",
			    * "cluster/ecs", "usage"; "kind/vpc/name" when the model has more
			    * than one VPC */
	char *description; /* the arithmetic behind the quantity: "3 tasks × 0.25 vCPU × 730 h" */
	double quantity;
	const char *unit;     /* "vCPU-hour", "GB-hour", "hour", "GB", "LCU-hour", "IP-hour", ... */
	char *price_key;      /* the book's key ("nat.hour"), "ec2.<type>", or for Spot the
			       * derivation "fargate.x86_64.vcpu_hour × (1 − fargate.spot_discount)" */
	PlanPrice unit_price; /* the figure used; nanos is the price per unit. present FALSE when
			       * the book has none */
	PlanNanos cost;	      /* round(quantity × unit_price.nanos), half away from zero; 0 when
			       * unpriced (then it is not a cost, and the total a lower bound) */
	gboolean unpriced;    /* the book has no price and the quantity is not 0: the line's
			       * cost is unknown (a price-missing finding says which figure) */
	gboolean estimate;    /* the price, or a figure the quantity rests on, is not confirmed */
	char *az;	      /* the AZ the resource lives in; NULL when it spans AZs or none */
	char *service;	      /* the service the line belongs to; NULL for shared resources */
} PlanCostLine;

/* one bucket of a breakdown (a plain record) */
typedef struct {
	char *key; /* category name, service name or AZ; NULL: the lines with no service (AZ) */
	PlanNanos cost;
	gboolean estimate; /* at least one of its lines is an estimate */
	guint n_lines;
	guint n_unpriced; /* of those, lines without a price: @cost is then a lower bound */
} PlanCostTotal;

/* where an assumed figure comes from */
typedef enum {
	PLAN_COST_FROM_MODEL,	/* written in the model */
	PLAN_COST_FROM_DEFAULT, /* not in the model: ecsplan's documented default */
	PLAN_COST_FROM_OPTION,	/* given on the command line (--hours) */
	PLAN_COST_FROM_RULE,	/* a billing rule ecsplan applies (free tier, both ends billed) */
} PlanCostFrom;

/* "model", "default", "option", "rule" */
const char *plan_cost_from_to_string(PlanCostFrom from);

/* one figure the cost rests on that is not a price, so a reader can disagree with it */
typedef struct {
	char *name; /* "hours", "usage.nat_gb_per_month", "lb/api.processed_gb_per_month", ... */
	double value;
	const char *unit; /* "hours/month", "GB/month", "tasks", ... */
	PlanCostFrom from;
	char *why;
} PlanCostAssumption;

/* the result of pricing a model: a plain record that owns its arrays and their strings. the
 * PlanPrice records in the lines borrow their strings from the book (or from GLib's interned
 * strings), so the book must outlive the cost */
typedef struct {
	double hours;
	char *region;
	char *book_as_of;     /* the book's own date (its file's top-level "as_of") */
	char *book_origin;
	char *figures_oldest; /* the oldest and newest "as_of" of the figures the lines used
			       * ("2021", "2026-11-20"); NULL when none is dated */
	char *figures_newest;
	guint n_undated;      /* lines priced from a figure dated "undated" */
	PlanNanos total;     /* the sum of the priced lines: the whole cost when @complete, a
			      * lower bound ("at least") when not */
	gboolean estimate;   /* at least one line is an estimate */
	gboolean complete;   /* every line is priced */
	GPtrArray *missing;  /* PlanDiagnostic: one price-missing error per figure the book lacks,
			      * in the order the lines need them */
	GArray *lines;	     /* PlanCostLine, services first, then clusters, VPC resources
			      * (NAT gateways, load balancers, endpoints) and model-wide usage */
	GArray *by_category; /* PlanCostTotal, one per PlanCostCategory, in that order */
	GArray *by_service;  /* PlanCostTotal, model order; then key NULL (shared) if any */
	GArray *by_az;	     /* PlanCostTotal, sorted by AZ; then key NULL (multi-AZ) if any */
	GArray *assumptions; /* PlanCostAssumption, in the order the rules use them */
} PlanCost;

typedef struct {
	double hours;	      /* hours in the month; 0 means PLAN_COST_DEFAULT_HOURS */
	gboolean hours_given; /* the user chose @hours (reported as "option", not "default") */
	/* TRUE: the usage figures given per month (GB of NAT, endpoint, CLB, cross-AZ and
	 * internet traffic, and the egress tiers and free allowance) count @hours / 730 of a
	 * month: the cost of a run shorter than a month (the simulator's). FALSE: a whole
	 * month's usage whatever @hours is (--hours) */
	gboolean prorate_usage;
	const PlanCompute *compute; /* nullable: the clusters sized with the same book (plan_analyse
				     * passes its own); NULL: plan_cost sizes them */
	/* TRUE: only @missing is filled, as plan_cost() would fill it (the same findings in the
	 * same order); the lines, totals and assumptions stay empty. plan_analyse() asks for
	 * this when it needs the price-missing findings of a command that shows no cost */
	gboolean findings_only;
} PlanCostOptions;

PlanCost *plan_cost(const PlanModel *model, const PlanPriceBook *book,
		    const PlanCostOptions *options, GError **error) G_GNUC_WARN_UNUSED_RESULT;
void plan_cost_free(PlanCost *cost);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanCost, plan_cost_free)

/* FALSE with PLAN_ERROR_INVALID_OPTION when @hours is not in 0 < hours <= PLAN_COST_MAX_HOURS
 * or @book is for another region than the model's */
gboolean plan_cost_check(const PlanModel *model, const PlanPriceBook *book, double hours,
			 GError **error);

/* the finding code of a figure the book lacks */
#define PLAN_COST_PRICE_MISSING "price-missing"

/* round(@quantity × @unit_nanos), half away from zero; the rule every line item follows */
PlanNanos plan_cost_multiply(double quantity, PlanNanos unit_nanos);
/* the effective hourly rate the model's pricing block bills @subject's hours at ("fargate.
 * x86_64.vcpu_hour", "m5.large"), as `cost` does: the purchase name, or NULL (on-demand);
 * @unrated: a commitment would cover it but the book lacks its rate (cost-commit.c) */
const char *plan_cost_commit_price(const PlanModel *model, const PlanPriceBook *book,
				   const char *subject, PlanPrice *committed, gboolean *unrated);

/* the CPU units / MiB Fargate bills for a task of @service: its own size when that is a valid
 * Fargate pair, else the smallest valid size that holds it; TRUE when it had to be fitted */
gboolean plan_cost_fargate_task_size(const PlanService *service, gint64 *cpu_units,
				     gint64 *memory_mib);
/* a month of @tasks Fargate tasks of one size, on-demand or at the Spot rate: the sum of the
 * vCPU, GB and extra-storage lines plan_cost() would write, each rounded once. @estimate
 * (nullable) is set TRUE when a figure is missing or unconfirmed (never cleared); a missing
 * figure adds nothing: check plan_cost_fargate_priced() before calling the sum a cost */
PlanNanos plan_cost_fargate_tasks(const PlanPriceBook *book, PlanArchitecture architecture,
				  gint64 cpu_units, gint64 memory_mib, gint64 ephemeral_storage_gb,
				  gint64 tasks, gboolean spot, double hours, gboolean *estimate);

/* TRUE when the book holds every figure plan_cost_fargate_tasks() needs for these terms */
gboolean plan_cost_fargate_priced(const PlanPriceBook *book, PlanArchitecture architecture,
				  gint64 ephemeral_storage_gb, gboolean spot);

/* the figures plan_cost_fargate_tasks() needs for one architecture, purchase and task storage,
 * looked up (and for Spot derived) once, to price many task counts on the same terms: a
 * comparison's curve prices thousands (a plain record, filled by plan_cost_fargate_rates) */
typedef struct {
	PlanNanos unit[2];	    /* per vCPU-hour and per GB-hour; for Spot the derived rate */
	gboolean unit_present[2];   /* the book has the figure (else it adds nothing) */
	gint64 extra_storage_gb;    /* per task above the included 20 GB */
	PlanNanos storage;	    /* per GB-hour of that storage */
	gboolean storage_present;
	gboolean uncertain; /* a figure is missing, unconfirmed or (Spot) undiscounted */
	gboolean priced;    /* plan_cost_fargate_priced() on the same terms */
} PlanCostFargateRates;

void plan_cost_fargate_rates(const PlanPriceBook *book, PlanArchitecture architecture,
			     gint64 ephemeral_storage_gb, gboolean spot,
			     PlanCostFargateRates *rates);
/* plan_cost_fargate_tasks() on rates looked up already: the same nano-dollars */
PlanNanos plan_cost_fargate_rates_cost(const PlanCostFargateRates *rates, gint64 cpu_units,
				       gint64 memory_mib, gint64 tasks, double hours,
				       gboolean *estimate);

G_END_DECLS
