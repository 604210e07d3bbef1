/* the break-even of one service and its cost curve (docs/compare.md, "Break-even"): Fargate
 * x86_64 against the cheapest EC2 type's staircase at every task count of the range, the
 * break-even by purchase option (compare-break-even.c) and the points the chart draws */
#include "compare-private.h"

/* the first EC2 option that has a price: options are sorted, so the cheapest type */
static const PlanInstanceType *
plan_compare_break_even_type(const PlanCompareEntry *entry)
{
	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (option->kind == PLAN_COMPARE_EC2 && option->priced &&
		    option->purchase == PLAN_COMPARE_ON_DEMAND)
			return option->instance_type;
	}
	return NULL;
}

/* Fargate x86_64 (linear in n) against the type's staircase at every n in 1..range: the
 * break-even is the least n from which EC2 is cheaper at every count to the end of the range.
 * A staircase can dip below the line at a full instance and rise above it one task later, so
 * the first count at which EC2 is cheaper is kept apart (first_cheaper) */
static void
plan_compare_break_even(const PlanCompareContext *context, const PlanCompareTask *task)
{
	PlanCompareEntry *entry = task->entry;
	PlanCompareBreakEven *even = &entry->break_even;
	gint64 last_dearer = 0; /* the last n at which EC2 is not cheaper */
	PlanCompareStairs stairs;

	even->range = plan_compare_range(entry->tasks, entry->peak_tasks);
	even->type = plan_compare_break_even_type(entry);
	if (even->type == NULL)
		return;
	stairs = plan_compare_stairs(task, even->type);
	for (gint64 n = 1; n <= even->range; n++) {
		gint64 instances;
		PlanCompareCosts costs;
		PlanNanos ec2 = plan_compare_stairs_cost(context, task, &stairs, n, &instances, &costs);
		PlanNanos fargate =
		    plan_compare_fargate(context, task, PLAN_ARCH_X86_64, n, 0, NULL);
		if (ec2 < fargate) {
			if (even->first_cheaper == 0)
				even->first_cheaper = n;
		} else {
			last_dearer = n;
		}
	}
	if (last_dearer == even->range)
		return;
	even->found = TRUE;
	even->tasks = last_dearer + 1;
	even->instances =
	    plan_instances_for_packing(&stairs.packing, even->tasks, entry->n_azs, NULL);
	{
		double surplus;
		even->ec2_costs = plan_compare_ec2_costs(context, &task->use, even->type,
							 even->instances, even->tasks, &surplus);
		even->ec2 = plan_compare_costs_sum(&even->ec2_costs);
	}
	even->fargate = plan_compare_fargate(context, task, PLAN_ARCH_X86_64, even->tasks, 0, NULL);
	even->cpu_utilisation =
	    plan_compare_share(even->tasks * task->shape.cpu_units, even->instances,
			       plan_instance_registered_cpu(even->type));
	even->memory_utilisation =
	    plan_compare_share(even->tasks * task->shape.memory_mib, even->instances,
			       plan_instance_registered_memory(even->type));
}

/* what compare-break-even.c searches a service with: the break-even's staircase */
typedef struct {
	const PlanCompareTask *task;
	PlanCompareStairs stairs;
} PlanCompareCurveStairs;

/* PlanCompareEc2At for compare-break-even.c: the staircase at @n tasks, all the service's */
static PlanCompareCosts
plan_compare_ec2_at(const PlanCompareContext *context, gconstpointer data, gint64 n,
		    gint64 *instances, gint64 *counts)
{
	const PlanCompareCurveStairs *curve = data;
	PlanCompareCosts costs;

	plan_compare_stairs_cost(context, curve->task, &curve->stairs, n, instances, &costs);
	counts[0] = n;
	return costs;
}

/* the break-even type's EC2 Spot saving (its Spot option's, else the cluster's discount), and
 * whether its on-demand option or the Fargate size is an estimate */
static double
plan_compare_break_even_spot(const PlanCompareTask *task, gboolean *estimate)
{
	const PlanCompareEntry *entry = task->entry;
	double savings = task->use.spot_discount;

	*estimate = entry->fargate_fitted;
	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (option->kind != PLAN_COMPARE_EC2 ||
		    option->instance_type != entry->break_even.type)
			continue;
		if (option->purchase == PLAN_COMPARE_SPOT)
			savings = option->spot_savings;
		else
			*estimate |= option->estimate;
	}
	return savings;
}

static void
plan_compare_point(const PlanCompareContext *context, const PlanCompareTask *task,
		   const PlanCompareStairs *stairs, gint64 n, guint flags)
{
	PlanCompareEntry *entry = task->entry;
	const PlanInstanceType *type = entry->break_even.type;
	PlanComparePoint point = {.tasks = n, .flags = flags};
	gint64 on_demand;
	gint64 spot;
	PlanArchitecture architecture;

	point.fargate_x86 = plan_compare_fargate(context, task, PLAN_ARCH_X86_64, n, 0, NULL);
	point.fargate_arm = plan_compare_fargate(context, task, PLAN_ARCH_ARM64, n, 0, NULL);
	point.fargate_spot =
	    plan_compare_spot(context, task, n, &on_demand, &spot, &architecture, NULL);
	if (!plan_compare_fargate_priced(task, PLAN_ARCH_ARM64, FALSE))
		point.unpriced |= 1u << PLAN_COMPARE_FARGATE_ARM;
	if (!plan_compare_fargate_priced(task, architecture, TRUE))
		point.unpriced |= 1u << PLAN_COMPARE_FARGATE_SPOT;
	if (type != NULL) {
		PlanCompareCosts costs;
		point.ec2 = plan_compare_stairs_cost(context, task, stairs, n, &point.instances,
						     &costs);
	}
	g_array_append_val(entry->points, point);
}

static guint
plan_compare_point_flags(const PlanCompareEntry *entry, gint64 n)
{
	guint flags = 0;
	if (n == entry->tasks)
		flags |= PLAN_COMPARE_POINT_DESIRED;
	if (entry->break_even.found && n == entry->break_even.tasks)
		flags |= PLAN_COMPARE_POINT_BREAK_EVEN;
	return flags;
}

/* every count up to PLAN_COMPARE_MAX_POINTS, else an even sample (ceil(i × range / max)); the
 * desired count and the break-even are points either way */
static void
plan_compare_curve(const PlanCompareContext *context, const PlanCompareTask *task)
{
	const PlanCompareEntry *entry = task->entry;
	gint64 range = entry->break_even.range;
	gint64 marks[2] = {entry->tasks, entry->break_even.found ? entry->break_even.tasks : 0};
	gint64 previous = 0;
	PlanCompareStairs stairs = {0};

	if (entry->break_even.type != NULL)
		stairs = plan_compare_stairs(task, entry->break_even.type);
	if (marks[0] > marks[1]) {
		gint64 swap = marks[0];
		marks[0] = marks[1];
		marks[1] = swap;
	}
	for (gint64 i = 1; i <= MIN(range, PLAN_COMPARE_MAX_POINTS); i++) {
		gint64 n =
		    range <= PLAN_COMPARE_MAX_POINTS
			? i
			: (i * range + PLAN_COMPARE_MAX_POINTS - 1) / PLAN_COMPARE_MAX_POINTS;
		for (guint m = 0; m < G_N_ELEMENTS(marks); m++) {
			if (marks[m] > previous && marks[m] < n) {
				plan_compare_point(context, task, &stairs, marks[m],
						   plan_compare_point_flags(entry, marks[m]));
				previous = marks[m];
			}
		}
		plan_compare_point(context, task, &stairs, n, plan_compare_point_flags(entry, n));
		previous = n;
	}
}

/* the break-even, its rows by purchase option and the curve of @task, whose options are
 * priced and sorted */
void
plan_compare_service_curve(const PlanCompareContext *context, const PlanCompareTask *task)
{
	PlanCompareEntry *entry = task->entry;

	/* the break-even and the curve are against Fargate x86_64: without its price there is
	 * nothing to measure against, and a curve at $0 would be a silent zero */
	if (plan_compare_fargate_priced(task, PLAN_ARCH_X86_64, FALSE)) {
		gboolean estimate = FALSE;
		double savings;
		plan_compare_break_even(context, task);
		/* after the break-even: it chooses the type */
		savings = plan_compare_break_even_spot(task, &estimate);
		if (entry->break_even.type != NULL) {
			PlanCompareCurveStairs curve = {
			    task, plan_compare_stairs(task, entry->break_even.type)};
			PlanCompareRowSearch search = {.entry = entry,
						       .tasks = task,
						       .n_tasks = 1,
						       .architecture = entry->architecture,
						       .ec2_at = plan_compare_ec2_at,
						       .data = &curve,
						       .spot_savings = savings,
						       .estimate = estimate,
						       .fargate_estimate = entry->fargate_fitted};
			plan_compare_break_even_rows(context, &search);
		}
		plan_compare_curve(context, task);
	}
}
