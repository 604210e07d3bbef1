/* ecsplan: the cost difference between two priced models — line items matched by what they
 * measure, per line and in total. docs/compare.md ("diff") gives the matching rule. */
#pragma once

#include <glib.h>

#include "cost.h"

G_BEGIN_DECLS

typedef enum {
	PLAN_COST_DIFF_SAME,	/* in both, the same cost */
	PLAN_COST_DIFF_CHANGED, /* in both, another cost */
	PLAN_COST_DIFF_ADDED,	/* only in NEW */
	PLAN_COST_DIFF_REMOVED, /* only in OLD */
} PlanCostDiffChange;

/* "same", "changed", "added", "removed" */
const char *plan_cost_diff_change_to_string(PlanCostDiffChange change);

/* one matched line item (a plain record; see PlanCostDiff for ownership). lines with the same
 * key in one cost are added together */
typedef struct {
	PlanCostCategory category;
	char *resource;	       /* "service/api", "nat/nat-a", "cluster/ecs", "usage" */
	char *item;	       /* what the line measures: its unit, "(storage)" for extra ephemeral
				* storage, and the AZ for a cluster's per-AZ lines: "vCPU-hour",
				* "instance-hour in us-east-1a" */
	char *description_old; /* the arithmetic on each side, or NULL where the line is absent */
	char *description_new;
	PlanNanos old_cost; /* 0 where the line is absent */
	PlanNanos new_cost;
	PlanNanos delta;   /* new − old */
	gboolean estimate; /* either side is an estimate */
	PlanCostDiffChange change;
} PlanCostDiffLine;

/* the result: a plain record that owns its lines and strings */
typedef struct {
	double hours;
	char *region_old;
	char *region_new;
	char *book_as_of_old;
	char *book_as_of_new;
	PlanNanos total_old;
	PlanNanos total_new;
	PlanNanos delta;      /* total_new − total_old */
	gboolean has_percent; /* FALSE when OLD costs nothing */
	double percent;	      /* delta ÷ total_old × 100 */
	gboolean estimate;    /* a line on either side is an estimate */
	GArray *lines;	      /* PlanCostDiffLine: NEW's order, then the removed lines in OLD's */
	guint n_changed;      /* changed + added + removed */
} PlanCostDiff;

/* matches the line items of @old_cost and @new_cost by (category, resource, item) */
PlanCostDiff *plan_cost_diff(const PlanCost *old_cost,
			     const PlanCost *new_cost) G_GNUC_WARN_UNUSED_RESULT;
void plan_cost_diff_free(PlanCostDiff *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanCostDiff, plan_cost_diff_free)

/* the key a line is matched by: its unit, " (storage)" for extra ephemeral storage, and
 * " in AZ" for a cluster's lines (instances are billed per AZ); (transfer full) */
char *plan_cost_line_item(const PlanCostLine *line) G_GNUC_WARN_UNUSED_RESULT;

/* dollars as the user writes them ("10", "12.34", "$5", "-3.5") into exact nano-dollars;
 * PLAN_ERROR_INVALID_VALUE when @text is not such an amount */
gboolean plan_cost_parse_dollars(const char *text, PlanNanos *nanos, GError **error);

G_END_DECLS
