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

/* Fargate on-demand for @n tasks at @architecture: the cost engine's rule (the Spot part of
 * plan_compare_fargate() is 0 tasks, which adds nothing) */
static inline PlanNanos
plan_compare_curve_fargate(const PlanCompareContext *context, const PlanCompareTask *task,
			   guint arch, guint spot, gint64 n)
{
	return plan_cost_fargate_rates_cost(&task->fargate[arch][spot],
					    task->entry->fargate_cpu_units,
					    task->entry->fargate_memory_mib, n, context->hours, NULL);
}

/* one point of the chart's data: every Fargate option at @n (x86_64 given) and the staircase
 * (@ec2, @instances: 0 without a break-even type); its flags are set once the break-even is
 * known */
static PlanComparePoint
plan_compare_point(const PlanCompareContext *context, const PlanCompareTask *task, gint64 n,
		   PlanNanos fargate_x86, PlanNanos ec2, gint64 instances)
{
	PlanComparePoint point = {.tasks = n, .fargate_x86 = fargate_x86, .ec2 = ec2,
				  .instances = instances};
	gint64 on_demand;
	gint64 spot;
	PlanArchitecture architecture;

	point.fargate_arm = plan_compare_curve_fargate(context, task, 1, 0, n);
	point.fargate_spot =
	    plan_compare_spot(context, task, n, &on_demand, &spot, &architecture, NULL);
	if (!plan_compare_fargate_priced(task, PLAN_ARCH_ARM64, FALSE))
		point.unpriced |= 1u << PLAN_COMPARE_FARGATE_ARM;
	if (!plan_compare_fargate_priced(task, architecture, TRUE))
		point.unpriced |= 1u << PLAN_COMPARE_FARGATE_SPOT;
	return point;
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

/* the break-even's figures at its count (the least n from which EC2 is cheaper at every count
 * to the end of the range), from the walk's last dearer count */
static void
plan_compare_break_even_at(const PlanCompareContext *context, const PlanCompareTask *task,
			   const PlanCompareStairs *stairs, gint64 last_dearer)
{
	PlanCompareEntry *entry = task->entry;
	PlanCompareBreakEven *even = &entry->break_even;
	double surplus;

	if (last_dearer == even->range)
		return;
	even->found = TRUE;
	even->tasks = last_dearer + 1;
	even->instances =
	    plan_instances_for_packing(&stairs->packing, even->tasks, entry->n_azs, NULL);
	even->ec2_costs = plan_compare_ec2_costs(context, &task->use, even->type, even->instances,
						 even->tasks, &surplus);
	even->ec2 = plan_compare_costs_sum(&even->ec2_costs);
	even->fargate = plan_compare_fargate(context, task, PLAN_ARCH_X86_64, even->tasks, 0, NULL);
	even->cpu_utilisation =
	    plan_compare_share(even->tasks * task->shape.cpu_units, even->instances,
			       plan_instance_registered_cpu(even->type));
	even->memory_utilisation =
	    plan_compare_share(even->tasks * task->shape.memory_mib, even->instances,
			       plan_instance_registered_memory(even->type));
}

/* the point at the break-even, among the chart's data when the curve is a sample (over
 * PLAN_COMPARE_MAX_POINTS counts) that does not hold it */
static void
plan_compare_curve_mark(const PlanCompareContext *context, const PlanCompareTask *task,
			const PlanCompareStairs *stairs)
{
	PlanCompareEntry *entry = task->entry;
	gint64 n = entry->break_even.tasks;
	guint at = 0;
	gint64 instances = 0;
	PlanCompareCosts costs = {0};
	PlanNanos ec2;
	PlanComparePoint point;

	if (!entry->break_even.found)
		return;
	/* the points are in count order */
	for (guint lo = 0, hi = entry->points->len; lo < hi;) {
		guint mid = lo + (hi - lo) / 2;
		if (g_array_index(entry->points, PlanComparePoint, mid).tasks < n)
			lo = at = mid + 1;
		else
			hi = mid;
	}
	if (at < entry->points->len && g_array_index(entry->points, PlanComparePoint, at).tasks == n)
		return;
	ec2 = plan_compare_stairs_cost(context, task, stairs, n, &instances, &costs);
	point = plan_compare_point(context, task, n,
				   plan_compare_curve_fargate(context, task, 0, 0, n), ec2, instances);
	g_array_insert_val(entry->points, at, point);
}

/**
 * plan_compare_service_curve:
 * @context: the comparison
 * @task: a service whose options are priced and sorted
 *
 * One walk over the task counts 1..range, each count priced once for all three uses:
 * - the break-even: Fargate x86_64 (linear in n) against the cheapest EC2 type's staircase;
 *   the least n from which EC2 is cheaper at every count to the end of the range. A staircase
 *   can dip below the line at a full instance and rise above it one task later, so the first
 *   count at which EC2 is cheaper is kept apart (first_cheaper);
 * - the break-even by purchase option (compare-break-even.c), told every count;
 * - the curve: every count up to PLAN_COMPARE_MAX_POINTS, else an even sample (ceil(i ×
 *   range / max)); the desired count and the break-even are points either way.
 * The staircase's EC2 costs change only with the instance count, unless CPU credits follow
 * the task count (a burstable type with the CPU use given): priced again only then.
 */
void
plan_compare_service_curve(const PlanCompareContext *context, const PlanCompareTask *task)
{
	PlanCompareEntry *entry = task->entry;
	PlanCompareBreakEven *even = &entry->break_even;
	guint arch = entry->architecture == PLAN_ARCH_ARM64 ? 1 : 0;
	PlanCompareCurveStairs curve = {task, {0}};
	PlanCompareRows *rows = NULL;
	PlanCompareRowSearch search = {0};
	gboolean credits_follow = FALSE;
	gint64 last_dearer = 0; /* the last n at which EC2 is not cheaper */
	gint64 instances = -1;
	PlanCompareCosts costs = {0};
	PlanNanos ec2 = 0;
	gint64 sample = 1; /* the next sample's index (range over PLAN_COMPARE_MAX_POINTS) */
	gint64 range;

	/* the break-even and the curve are against Fargate x86_64: without its price there is
	 * nothing to measure against, and a curve at $0 would be a silent zero */
	if (!plan_compare_fargate_priced(task, PLAN_ARCH_X86_64, FALSE))
		return;
	range = even->range = plan_compare_range(entry->tasks, entry->peak_tasks);
	even->type = plan_compare_break_even_type(entry);
	if (even->type != NULL) {
		gboolean estimate = FALSE;
		/* after the type is chosen */
		double savings = plan_compare_break_even_spot(task, &estimate);
		curve.stairs = plan_compare_stairs(task, even->type);
		credits_follow =
		    curve.stairs.burst != PLAN_COMPARE_NOT_BURSTABLE && task->use.busy_per_task >= 0.0;
		search = (PlanCompareRowSearch){.entry = entry,
						.tasks = task,
						.n_tasks = 1,
						.architecture = entry->architecture,
						.ec2_at = plan_compare_ec2_at,
						.data = &curve,
						.spot_savings = savings,
						.estimate = estimate,
						.fargate_estimate = entry->fargate_fitted};
		rows = plan_compare_rows_new(context, &search);
	}
	g_array_set_size(entry->points, 0);
	for (gint64 n = 1; n <= range; n++) {
		PlanNanos fargate = plan_compare_curve_fargate(context, task, 0, 0, n);
		gboolean point = range <= PLAN_COMPARE_MAX_POINTS || n == entry->tasks;

		if (range > PLAN_COMPARE_MAX_POINTS &&
		    n == (sample * range + PLAN_COMPARE_MAX_POINTS - 1) / PLAN_COMPARE_MAX_POINTS) {
			point = TRUE;
			sample++;
		}
		if (even->type != NULL) {
			gint64 count = n;
			gint64 now = plan_instances_for_packing(&curve.stairs.packing, n,
								entry->n_azs, NULL);
			if (now != instances || credits_follow) {
				instances = now;
				costs = plan_compare_stairs_costs(context, task, &curve.stairs,
								  instances, n);
				ec2 = plan_compare_costs_sum(&costs);
			}
			if (ec2 < fargate) {
				if (even->first_cheaper == 0)
					even->first_cheaper = n;
			} else {
				last_dearer = n;
			}
			if (rows != NULL) {
				PlanCompareRowPoint at = {
				    .n = n,
				    .instances = instances,
				    .on_demand = costs,
				    .counts = &count,
				    .fargate_known = TRUE,
				    .fargate_on_demand =
					arch == 0 ? fargate
						  : plan_compare_curve_fargate(context, task, 1, 0, n),
				    .fargate_spot = plan_compare_curve_fargate(context, task, arch, 1, n)};
				plan_compare_rows_note(rows, &at);
			}
		}
		if (point) {
			PlanComparePoint p = plan_compare_point(context, task, n, fargate,
								even->type != NULL ? ec2 : 0,
								even->type != NULL ? instances : 0);
			g_array_append_val(entry->points, p);
		}
	}
	if (even->type != NULL) {
		plan_compare_break_even_at(context, task, &curve.stairs, last_dearer);
		if (range > PLAN_COMPARE_MAX_POINTS)
			plan_compare_curve_mark(context, task, &curve.stairs);
	}
	for (guint i = 0; i < entry->points->len; i++) {
		PlanComparePoint *p = &g_array_index(entry->points, PlanComparePoint, i);
		p->flags = plan_compare_point_flags(entry, p->tasks);
	}
	if (rows != NULL)
		plan_compare_rows_finish(rows);
}
