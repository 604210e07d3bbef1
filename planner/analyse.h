/* ecsplan: the engine's entry point. One call analyses a linked model: it picks the price book,
 * sizes the compute once, validates, and on request prices, compares and simulates; the
 * diagnostics come back merged and sorted once. Commands render what they need from the result;
 * tests call the same function. */
#pragma once

#include <glib.h>

#include "compare.h"
#include "compute.h"
#include "cost.h"
#include "diagnostic.h"
#include "model.h"
#include "network.h"
#include "optimize.h"
#include "pricebook.h"
#include "simulate.h"

G_BEGIN_DECLS

/* what an analysis does beyond choosing the book and sizing the compute */
typedef enum {
	PLAN_ANALYSE_VALIDATE = 1 << 0, /* the rules, per-subnet use, merged diagnostics */
	PLAN_ANALYSE_COST = 1 << 1,	/* line items; fails without a book */
	PLAN_ANALYSE_COMPARE = 1 << 2,	/* Fargate against EC2; fails without a book */
	PLAN_ANALYSE_SIMULATE = 1 << 3, /* autoscaling runs, with the options in simulate */
	/* the cheapest configuration per service that meets optimize.slo (required), and each
	 * service as the model has it simulated and priced the same way (the saving's
	 * baseline); fails without a book unless prices_optional */
	PLAN_ANALYSE_OPTIMIZE = 1 << 4,
} PlanAnalyseParts;

typedef struct {
	PlanAnalyseParts parts;
	/* the price book: @book (borrowed) when set, else @prices_file laid over the built-in
	 * book, else the built-in book of the model's region (plan_price_book_choose) */
	const PlanPriceBook *book;
	const char *prices_file;
	/* TRUE: without a book, cost and compare are skipped (NULL; book_error says why) instead
	 * of failing the analysis (a report is still worth writing) */
	gboolean prices_optional;
	PlanCostOptions cost;	    /* its compute is filled in */
	PlanCompareOptions compare;
	PlanSimOptions simulate;    /* its book is filled in */
	PlanOptOptions optimize;    /* its book is filled in */
} PlanAnalyseOptions;

/* counts a summary line needs, worked out once */
typedef struct {
	guint n_vpcs;
	guint n_subnets;
	guint n_azs; /* distinct AZ names across the VPCs' subnets */
	guint n_nat_gateways;
	guint n_load_balancers;
	guint n_endpoints;
	guint n_services;
	guint n_fargate_services; /* the rest run on EC2 */
	guint n_clusters;
	gint64 n_tasks; /* desired tasks of every replica service (not the daemons) */
	guint n_findings[PLAN_SEVERITY_ERROR + 1]; /* by PlanSeverity, over the diagnostics */
} PlanSummary;

/* the result: a plain record that owns what it holds; a part not asked for is NULL */
typedef struct {
	PlanPriceBook *book;	    /* nullable: the region has no book and none was given */
	const PlanPriceBook *used;  /* the book the analyses used: @book, or the options' one */
	GError *book_error;	    /* why there is no book, when there is none */
	PlanCompute *compute;	    /* nullable: no book */
	PlanValidation *validation; /* PLAN_ANALYSE_VALIDATE */
	/* PLAN_ANALYSE_VALIDATE: the loader's warnings and the validation's findings, sorted;
	 * the elements are borrowed from the model and the validation */
	GPtrArray *diagnostics;
	PlanSummary summary;
	PlanCost *cost;
	/* price-missing errors: the figures the book lacks for what the model runs, worked out
	 * from the cost (the part, or a default one) whatever the parts; never NULL */
	GPtrArray *missing_prices;
	PlanCompare *compare;
	PlanSimResult *simulation;
	PlanOptResult *optimization; /* PLAN_ANALYSE_OPTIMIZE */
	/* PLAN_ANALYSE_OPTIMIZE: PlanOptPoint per optimization->services entry, the same order:
	 * the service as the model has it (plan_opt_model_point) */
	GArray *optimization_models;
} PlanResult;

PlanResult *plan_analyse(const PlanModel *model, const PlanAnalyseOptions *options,
			 GError **error) G_GNUC_WARN_UNUSED_RESULT;
void plan_result_free(PlanResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanResult, plan_result_free)

G_END_DECLS
