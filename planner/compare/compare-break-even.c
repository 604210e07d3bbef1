/* the break-even per purchase option (docs/compare.md, "Break-even by purchase option"): for
 * on-demand, Spot and each commitment compare lists, the least task count from which EC2 on the
 * break-even type stays cheaper than Fargate bought the same way, over the same range and with
 * the same staircase as the on-demand break-even. EBS and CPU credits stay on-demand on every
 * row (no commitment covers them, and Spot does not discount them), as in the options. One
 * service is searched at every count of its range; the model's shared fleet (every service
 * scaled together) at a sweep of PLAN_COMPARE_FLEET_SWEEP totals and a bisection per row, the
 * fleet packed once per total evaluated. Each row also says how full the instances are at its
 * count and what its answer assumes (CPU use, the Spot saving) and where that flips it. */
#include "compare.h"
#include "compare-private.h"

#include <math.h>
#include <string.h>

#include "cost.h"

/* how one side of a row is priced */
typedef enum {
	ROW_ON_DEMAND,
	ROW_SPOT,
	ROW_RATE, /* a commitment's effective rate */
} RowSide;

typedef struct {
	PlanCompareBreakEvenRow row;
	RowSide fargate_side;
	PlanNanos vcpu_rate; /* ROW_RATE: effective per vCPU-hour and per GB-hour */
	PlanNanos gb_rate;
	RowSide ec2_side;
	PlanNanos ec2_rate;  /* ROW_RATE: effective per instance-hour */
	double spot_savings; /* ROW_SPOT: the share off on-demand instance hours */
	gint64 last_dearer;  /* the last count at which EC2 is not cheaper */
	gint64 next_point;   /* sampled: the sweep point after last_dearer (EC2 cheaper there) */
} RowWork;

typedef PlanCompareRowPoint RowPoint;

static void
row_point_free(gpointer data)
{
	RowPoint *point = data;
	g_free(point->counts);
	g_free(point);
}

typedef struct {
	const PlanCompareContext *context;
	const PlanCompareRowSearch *search;
	GHashTable *cache; /* sampled: gint64 n → RowPoint (every count a row looks at) */
	RowPoint scratch;  /* every count: the one point at hand */
	guint evaluated;   /* counts evaluated: a verdict at each, packed or bounded */
	guint packed;	   /* of those, packed (search->ec2_at) */
} RowEval;

/* @point's EC2 side packed (search->ec2_at), when it holds only the least instances */
static void
row_exact(RowEval *eval, RowPoint *point)
{
	const PlanCompareRowSearch *search = eval->search;

	if (!point->least)
		return;
	point->on_demand = search->ec2_at(eval->context, search->data, point->n,
					  &point->instances, point->counts);

	point->least = FALSE;
	eval->packed++;
}

/* the point at @n: evaluated once (sampled: cached). With search->ec2_least, only the least
 * instances the tasks could fit in, until a row needs more than that to decide (row_verdict) */
static RowPoint *
row_point(RowEval *eval, gint64 n)
{
	const PlanCompareRowSearch *search = eval->search;
	RowPoint *point;

	if (eval->cache != NULL) {
		point = g_hash_table_lookup(eval->cache, &n);
		if (point != NULL)
			return point;
		point = g_new0(RowPoint, 1);
		point->counts = g_new0(gint64, MAX(search->n_tasks, 1u));
		point->n = n;
		g_hash_table_insert(eval->cache, &point->n, point);
	} else {
		point = &eval->scratch;
	}
	point->n = n;
	point->fargate_known = FALSE;
	point->least = search->ec2_least != NULL &&
		       search->ec2_least(eval->context, search->data, n, &point->instances,
					 &point->on_demand, point->counts);
	if (!point->least) {
		point->least = TRUE;
		row_exact(eval, point);
	}
	eval->evaluated++;
	return point;
}

/* Fargate for @n tasks of @task on the row's terms; a commitment covers vCPU and GB hours
 * (each product rounded once, as compare-commit.c prices its rows), storage above 20 GB stays
 * on-demand */
static PlanNanos
row_fargate_task(const PlanCompareContext *context, const PlanCompareTask *task,
		 const RowWork *work, gint64 n)
{
	const PlanCompareEntry *entry = task->entry;
	double task_hours = (double)n * context->hours;
	gint64 extra = MAX(task->ephemeral_storage_gb - 20, 0);
	PlanNanos storage = 0;

	if (n <= 0)
		return 0;
	if (work->fargate_side == ROW_ON_DEMAND)
		return plan_compare_fargate(context, task, entry->architecture, n, 0, NULL);
	if (work->fargate_side == ROW_SPOT)
		return plan_compare_fargate(context, task, entry->architecture, 0, n, NULL);
	if (extra > 0) {
		const PlanPrice *price =
		    plan_price_book_get(context->book, "fargate.ephemeral_gb_hour");
		if (price != NULL && price->present)
			storage = plan_cost_multiply(task_hours * (double)extra, price->nanos);
	}
	return plan_cost_multiply(task_hours * (double)entry->fargate_cpu_units / 1024.0,
				  work->vcpu_rate) +
	       plan_cost_multiply(task_hours * (double)entry->fargate_memory_mib / 1024.0,
				  work->gb_rate) +
	       storage;
}

/* Fargate for every searched service's tasks at @point, on the row's terms */
static PlanNanos
row_fargate(const PlanCompareContext *context, const PlanCompareRowSearch *search,
	    const RowWork *work, const RowPoint *point)
{
	PlanNanos sum = 0;

	if (point->fargate_known && work->fargate_side != ROW_RATE)
		return work->fargate_side == ROW_ON_DEMAND ? point->fargate_on_demand
							   : point->fargate_spot;
	for (guint t = 0; t < search->n_tasks; t++)
		sum += row_fargate_task(context, &search->tasks[t], work, point->counts[t]);
	return sum;
}

/* EC2 on the row's terms, from the on-demand costs of @instances instances */
static PlanCompareCosts
row_ec2(const PlanCompareContext *context, const RowWork *work, gint64 instances,
	const PlanCompareCosts *on_demand)
{
	PlanCompareCosts costs = *on_demand;

	if (work->ec2_side == ROW_SPOT)
		costs.instances =
		    (PlanNanos)llround((double)on_demand->instances * (1.0 - work->spot_savings));
	else if (work->ec2_side == ROW_RATE)
		costs.instances =
		    instances > 0 ? plan_cost_multiply((double)instances * context->hours,
						       work->ec2_rate)
				  : 0;
	return costs;
}

/* EC2 strictly cheaper than Fargate at @point, on the row's terms */
static gboolean
row_cheaper(const PlanCompareContext *context, const PlanCompareRowSearch *search,
	    const RowWork *work, const RowPoint *point)
{
	PlanCompareCosts ec2 = row_ec2(context, work, point->instances, &point->on_demand);
	return plan_compare_costs_sum(&ec2) < row_fargate(context, search, work, point);
}

/* row_cheaper() at @point, packed only when the least instances do not decide it: every
 * row's EC2 cost grows with the instances (ec2_least is given only when CPU credits, which
 * shrink as instances are added, are not billed), so EC2 dearer with the least instances is
 * dearer with the packed ones */
static gboolean
row_verdict(RowEval *eval, const RowWork *work, RowPoint *point)
{
	if (point->least) {
		if (!row_cheaper(eval->context, eval->search, work, point))
			return FALSE;
		row_exact(eval, point);
	}
	return row_cheaper(eval->context, eval->search, work, point);
}

static RowWork
row_new(const char *purchase, const char *fargate_purchase, RowSide fargate, RowSide ec2)
{
	RowWork work = {.row = {.purchase = purchase, .fargate_purchase = fargate_purchase},
			.fargate_side = fargate,
			.ec2_side = ec2};
	return work;
}

/* every searched service's Fargate rate is in the book */
static gboolean
rows_fargate_priced(const PlanCompareContext *context, const PlanCompareRowSearch *search,
		    gboolean spot)
{
	(void)context;
	/* each task's rates say it: plan_cost_fargate_priced() on its architecture and storage */
	for (guint t = 0; t < search->n_tasks; t++)
		if (!plan_compare_fargate_priced(&search->tasks[t],
						 search->tasks[t].entry->architecture, spot))
			return FALSE;
	return search->n_tasks > 0;
}

/* the commitment rows: the kinds in compare's order, each term and payment compare lists */
static void
rows_add_commitments(const PlanCompareContext *context, const PlanCompareRowSearch *search,
		     const PlanInstanceType *type, GArray *rows)
{
	const char *arch = plan_compare_arch_name(search->architecture);
	g_autofree char *vcpu_key = g_strdup_printf("fargate.%s.vcpu_hour", arch);
	g_autofree char *gb_key = g_strdup_printf("fargate.%s.gb_hour", arch);

	for (guint k = 0; k < PLAN_N_COMMITS; k++) {
		for (guint t = 0; t < PLAN_N_TERMS; t++) {
			for (guint u = 0; u < PLAN_N_UPFRONTS; u++) {
				const PlanCommitRate *vcpu;
				const PlanCommitRate *gb;
				const PlanCommitRate *ec2;
				RowWork work;
				if ((context->commits & PLAN_COMPARE_COMMIT_BIT(t, u)) == 0)
					continue;
				vcpu = plan_price_book_commit(context->book, PLAN_COMMIT_COMPUTE_SP,
							      vcpu_key, (PlanTerm)t,
							      (PlanUpfront)u);
				gb = plan_price_book_commit(context->book, PLAN_COMMIT_COMPUTE_SP,
							    gb_key, (PlanTerm)t, (PlanUpfront)u);
				ec2 = plan_price_book_commit(context->book, (PlanCommitKind)k,
							     type->name, (PlanTerm)t,
							     (PlanUpfront)u);
				work = row_new(
				    plan_purchase_name((PlanCommitKind)k, (PlanTerm)t,
						       (PlanUpfront)u),
				    plan_purchase_name(PLAN_COMMIT_COMPUTE_SP, (PlanTerm)t,
						       (PlanUpfront)u),
				    ROW_RATE, ROW_RATE);
				work.row.priced = vcpu != NULL && gb != NULL && ec2 != NULL &&
						  type->hourly.present;
				if (vcpu == NULL || gb == NULL)
					work.row.missing = ec2 == NULL ? "no Fargate or EC2 rate"
								       : "no Fargate rate";
				else if (ec2 == NULL)
					work.row.missing = "no EC2 rate";
				if (work.row.priced) {
					work.vcpu_rate = plan_commit_rate_effective(vcpu);
					work.gb_rate = plan_commit_rate_effective(gb);
					work.ec2_rate = plan_commit_rate_effective(ec2);
					work.row.fargate_estimate =
					    plan_price_is_estimate(&vcpu->hourly) ||
					    plan_price_is_estimate(&gb->hourly);
					work.row.estimate =
					    plan_price_is_estimate(&ec2->hourly) ||
					    (ec2->upfront.present &&
					     plan_price_is_estimate(&ec2->upfront));
				}
				g_array_append_val(rows, work);
			}
		}
	}
}

/* what a row's answer assumes, at its count: the CPU use (and for a burstable type the use at
 * which EC2 at the count turns dearer, or cheaper, than Fargate: with E the EC2 cost without
 * credits and F Fargate's, unlimited mode pays (u × busy_max − earned) × hours × $0.05, so
 * u* = (earned + (F − E) ÷ (hours × $0.05)) ÷ busy_max; standard mode is throttled above its
 * baseline, u* = earned ÷ busy_max), and on the Spot row the EC2 saving s* at which EC2's
 * instance hours × (1 − s) + EBS + credits meet F: s* = 1 − (F − EBS − credits) ÷ on-demand
 * instance hours */
static void
row_assumptions(const PlanCompareContext *context, const PlanCompareRowSearch *search,
		RowWork *work, const RowPoint *point, PlanNanos fargate)
{
	PlanCompareBreakEvenRow *row = &work->row;
	const PlanInstanceType *type = search->entry->break_even.type;
	double baseline = 0.0;
	PlanCompareBurst burst = plan_compare_burst(type, &baseline);
	double busy = 0.0;
	double busy_max = 0.0;
	gboolean known = search->n_tasks > 0;

	for (guint t = 0; t < search->n_tasks; t++) {
		const PlanCompareTask *task = &search->tasks[t];
		busy_max += (double)point->counts[t] * (double)task->shape.cpu_units / 1024.0;
		if (task->use.busy_per_task < 0.0)
			known = FALSE;
		else
			busy += (double)point->counts[t] * task->use.busy_per_task;
	}
	row->utilization_known = known;
	row->cpu_utilization = known && busy_max > 0.0 ? busy / busy_max : 0.0;
	row->burstable = burst != PLAN_COMPARE_NOT_BURSTABLE;
	row->utilization_flip = PLAN_COMPARE_FLIP_NONE;
	if (row->burstable && busy_max > 0.0) {
		double earned = (double)point->instances * (double)type->vcpu * baseline;
		PlanNanos ec2 = plan_compare_costs_sum(&row->ec2_costs) - row->ec2_costs.credits;
		double u;
		if (burst == PLAN_COMPARE_STANDARD) {
			row->utilization_flip = PLAN_COMPARE_FLIP_BASELINE;
			row->utilization_flip_at = MIN(earned / busy_max, 1.0);
		} else if (fargate <= ec2) {
			row->utilization_flip = PLAN_COMPARE_FLIP_NEVER;
		} else {
			u = (earned + (double)(fargate - ec2) /
					  ((double)PLAN_COMPARE_CREDIT_NANOS * context->hours)) /
			    busy_max;
			row->utilization_flip = u >= 1.0 ? PLAN_COMPARE_FLIP_ANY : PLAN_COMPARE_FLIP_AT;
			row->utilization_flip_at = MIN(u, 1.0);
		}
	}
	row->spot_flip = PLAN_COMPARE_FLIP_NONE;
	if (work->ec2_side == ROW_SPOT) {
		const PlanSpotAdvice *advice = plan_price_book_ec2_spot(context->book, type->name);
		const PlanPrice *discount = plan_price_book_get(context->book, "fargate.spot_discount");
		gboolean advised =
		    advice != NULL && !advice->region_default && advice->savings.present;
		double rest = (double)(fargate - row->ec2_costs.ebs - row->ec2_costs.credits);
		row->spot_savings = work->spot_savings;
		row->spot_source = advised ? "Spot Advisor" : "spot_discount";
		row->interruption = advised ? advice->interruption : NULL;
		row->fargate_spot_discount = discount != NULL && discount->present
						 ? (double)discount->nanos / (double)PLAN_NANOS_PER_DOLLAR
						 : 0.0;
		if (point->on_demand.instances > 0) {
			double s = 1.0 - rest / (double)point->on_demand.instances;
			row->spot_flip = s <= 0.0   ? PLAN_COMPARE_FLIP_ANY
					 : s >= 1.0 ? PLAN_COMPARE_FLIP_NEVER
						    : PLAN_COMPARE_FLIP_AT;
			row->spot_flip_at = CLAMP(s, 0.0, 1.0);
		}
	}
}

/* the costs of a row at @n into row.at_*, how full the instances are, what it assumes */
static void
row_settle(RowEval *eval, RowWork *work, gint64 n)
{
	const PlanCompareContext *context = eval->context;
	const PlanCompareRowSearch *search = eval->search;
	const PlanInstanceType *type = search->entry->break_even.type;
	RowPoint *point = row_point(eval, n);
	gint64 cpu = 0;
	gint64 memory = 0;

	/* the figures shown are the packed ones */
	row_exact(eval, point);

	work->row.at_tasks = n;
	work->row.at_instances = point->instances;
	work->row.ec2_costs = row_ec2(context, work, point->instances, &point->on_demand);
	work->row.fargate_costs = (PlanCompareCosts){0};
	work->row.fargate_costs.fargate = row_fargate(context, search, work, point);
	for (guint t = 0; t < search->n_tasks; t++) {
		cpu += point->counts[t] * search->tasks[t].shape.cpu_units;
		memory += point->counts[t] * search->tasks[t].shape.memory_mib;
	}
	work->row.cpu_reserved =
	    plan_compare_share(cpu, point->instances, plan_instance_registered_cpu(type));
	work->row.memory_reserved =
	    plan_compare_share(memory, point->instances, plan_instance_registered_memory(type));
	row_assumptions(context, search, work, point, work->row.fargate_costs.fargate);
}

/* one row's verdict at @point */
static void
row_note(RowEval *eval, RowWork *work, RowPoint *point)
{
	if (row_verdict(eval, work, point)) {
		if (work->row.first_cheaper == 0 || point->n < work->row.first_cheaper)
			work->row.first_cheaper = point->n;
	} else {
		work->last_dearer = MAX(work->last_dearer, point->n);
	}
}

/* every count 1..range, every row at once: exact */
static void
rows_walk(RowEval *eval, GArray *rows, gint64 range)
{
	for (gint64 n = 1; n <= range; n++) {
		RowPoint *point = row_point(eval, n);
		for (guint r = 0; r < rows->len; r++) {
			RowWork *work = &g_array_index(rows, RowWork, r);
			if (work->row.priced)
				row_note(eval, work, point);
		}
	}
}

/* the sample, for a range over PLAN_COMPARE_MAX_POINTS: PLAN_COMPARE_FLEET_SWEEP totals
 * ceil(j × range ÷ sweep); per row a bisection between its last dearer total and the next swept
 * one (cheaper), down to one task; then, because a staircase can be dearer again between the
 * totals evaluated (the fleet's shares repeat every few tasks), a walk up from the crossing
 * that goes on PLAN_COMPARE_FLEET_WINDOW counts past each dearer count it meets, at most
 * PLAN_COMPARE_FLEET_WALK counts. At most sweep + rows × (ceil(log2(range ÷ sweep + 1)) +
 * walk) totals packed; the answer is the count after the last dearer one evaluated */
static void
rows_sample(RowEval *eval, GArray *rows, gint64 range)
{
	gint64 previous = 0;

	for (gint64 j = 1; j <= PLAN_COMPARE_FLEET_SWEEP; j++) {
		gint64 n = (j * range + PLAN_COMPARE_FLEET_SWEEP - 1) / PLAN_COMPARE_FLEET_SWEEP;
		RowPoint *point;
		if (n <= previous)
			continue;
		point = row_point(eval, n);
		for (guint r = 0; r < rows->len; r++) {
			RowWork *work = &g_array_index(rows, RowWork, r);
			if (!work->row.priced)
				continue;
			if (row_verdict(eval, work, point)) {
				if (work->row.first_cheaper == 0)
					work->row.first_cheaper = n;
				if (work->next_point <= work->last_dearer)
					work->next_point = n;
			} else {
				work->last_dearer = n;
			}
		}
		previous = n;
	}
	for (guint r = 0; r < rows->len; r++) {
		RowWork *work = &g_array_index(rows, RowWork, r);
		gint64 lo = work->last_dearer;
		gint64 hi = work->next_point;
		if (!work->row.priced || lo >= range)
			continue;
		/* lo is dearer (or 0), hi cheaper */
		while (hi - lo > 1) {
			gint64 mid = lo + (hi - lo) / 2;
			if (row_verdict(eval, work, row_point(eval, mid))) {
				hi = mid;
				work->row.first_cheaper = MIN(work->row.first_cheaper, mid);
			} else {
				lo = mid;
			}
		}
		for (gint64 n = hi + 1, walked = 0;
		     n <= range && n <= lo + PLAN_COMPARE_FLEET_WINDOW && walked < PLAN_COMPARE_FLEET_WALK;
		     n++, walked++) {
			if (!row_verdict(eval, work, row_point(eval, n)))
				lo = n;
		}
		work->last_dearer = lo;
	}
}

static guint
row_hash(gconstpointer key)
{
	return g_int64_hash(key);
}

struct _PlanCompareRows {
	RowEval eval;
	GArray *rows; /* RowWork */
	gint64 *scratch;
};

/**
 * plan_compare_rows_new:
 * @context: the comparison
 * @search: the services, the EC2 side (its entry's break_even has the type and the range);
 *   borrowed until plan_compare_rows_finish()
 *
 * The rows of a break-even search (on-demand, Spot, then each commitment compare lists), to be
 * told counts by plan_compare_rows_note() (or searched by plan_compare_break_even_rows()).
 *
 * Returns: (transfer full) (nullable): NULL when the entry has no break-even type or range
 */
PlanCompareRows *
plan_compare_rows_new(const PlanCompareContext *context, const PlanCompareRowSearch *search)
{
	PlanCompareEntry *entry = search->entry;
	const PlanInstanceType *type = entry->break_even.type;
	gint64 range = entry->break_even.range;
	PlanCompareRows *rows;
	RowWork work;

	if (type == NULL || range <= 0)
		return NULL;
	rows = g_new0(PlanCompareRows, 1);
	rows->rows = g_array_new(FALSE, TRUE, sizeof(RowWork));
	rows->scratch = g_new0(gint64, MAX(search->n_tasks, 1u));
	rows->eval = (RowEval){context, search, NULL, {0}, 0, 0};
	rows->eval.scratch.counts = rows->scratch;
	work = row_new("on-demand", "on-demand", ROW_ON_DEMAND, ROW_ON_DEMAND);
	work.row.priced = type->hourly.present && rows_fargate_priced(context, search, FALSE);
	work.row.missing = work.row.priced ? NULL : "no Fargate rate";
	g_array_append_val(rows->rows, work);
	work = row_new("spot", "spot", ROW_SPOT, ROW_SPOT);
	work.spot_savings = CLAMP(search->spot_savings, 0.0, 1.0);
	work.row.priced = type->hourly.present && rows_fargate_priced(context, search, TRUE);
	work.row.missing = work.row.priced ? NULL : "no Fargate Spot discount";
	/* Spot prices float, and the EC2 saving is the Spot Advisor's or a default */
	work.row.estimate = TRUE;
	g_array_append_val(rows->rows, work);
	rows_add_commitments(context, search, type, rows->rows);
	return rows;
}

/* every priced row's verdict at @point (a count of an exact search, in any order) */
void
plan_compare_rows_note(PlanCompareRows *rows, const PlanCompareRowPoint *point)
{
	g_return_if_fail(!point->least);
	for (guint r = 0; r < rows->rows->len; r++) {
		RowWork *work = &g_array_index(rows->rows, RowWork, r);
		if (work->row.priced)
			row_note(&rows->eval, work, (RowPoint *)point);
	}
}

/* each row settled at its count, appended to the entry's break_evens; @rows freed */
void
plan_compare_rows_finish(PlanCompareRows *rows)
{
	const PlanCompareRowSearch *search = rows->eval.search;
	PlanCompareEntry *entry = search->entry;
	gint64 range = entry->break_even.range;
	/* the totals the search looked at and packed (settling a row again at its count is no new
	 * one) */
	guint evaluated = rows->eval.evaluated;
	guint packed = rows->eval.packed;

	for (guint r = 0; r < rows->rows->len; r++) {
		RowWork *row = &g_array_index(rows->rows, RowWork, r);
		/* what makes the on-demand option an estimate (an unconfirmed EBS figure, the
		 * credit rate, a fitted Fargate size) makes every row one */
		row->row.estimate |= search->estimate;
		row->row.fargate_estimate |= search->fargate_estimate;
		if (row->row.priced) {
			row->row.found = row->last_dearer < range;
			row->row.tasks = row->row.found ? row->last_dearer + 1 : 0;
			row_settle(&rows->eval, row, row->row.found ? row->row.tasks : range);
		}
	}
	for (guint r = 0; r < rows->rows->len; r++) {
		RowWork *row = &g_array_index(rows->rows, RowWork, r);
		row->row.points_evaluated = search->sampled ? evaluated : 0;
		row->row.points_packed = search->sampled ? packed : 0;
		g_array_append_val(entry->break_evens, row->row);
	}
	if (rows->eval.cache != NULL)
		g_hash_table_destroy(rows->eval.cache);
	g_array_unref(rows->rows);
	g_free(rows->scratch);
	g_free(rows);
}

/**
 * plan_compare_break_even_rows:
 * @context: the comparison
 * @search: the services, the EC2 side (its entry's break_even has the type and the range)
 *
 * Fills the entry's break_evens: on-demand, Spot, then each commitment compare lists, each
 * count of the range evaluated (or, @search->sampled over PLAN_COMPARE_MAX_POINTS, a sample).
 */
void
plan_compare_break_even_rows(const PlanCompareContext *context,
			     const PlanCompareRowSearch *search)
{
	gint64 range = search->entry->break_even.range;
	PlanCompareRows *rows = plan_compare_rows_new(context, search);

	if (rows == NULL)
		return;
	if (search->sampled && range > PLAN_COMPARE_MAX_POINTS) {
		rows->eval.cache =
		    g_hash_table_new_full(row_hash, g_int64_equal, NULL, row_point_free);
		rows_sample(&rows->eval, rows->rows, range);
	} else {
		rows_walk(&rows->eval, rows->rows, range);
	}
	plan_compare_rows_finish(rows);
}

/* 1..max(10 × desired, 2 × the autoscaling max, 200), at most 1,000,000 */
gint64
plan_compare_range(gint64 desired, gint64 peak)
{
	gint64 range = PLAN_COMPARE_MIN_RANGE;

	if (desired > PLAN_COMPARE_MAX_RANGE / PLAN_COMPARE_RANGE_FACTOR ||
	    peak > PLAN_COMPARE_MAX_RANGE / PLAN_COMPARE_PEAK_FACTOR)
		return PLAN_COMPARE_MAX_RANGE;
	range = MAX(range, desired * PLAN_COMPARE_RANGE_FACTOR);
	return MAX(range, peak * PLAN_COMPARE_PEAK_FACTOR);
}

static gint
row_remainder_order(gconstpointer a, gconstpointer b, gpointer data)
{
	const gint64 *remainder = data;
	guint x = *(const guint *)a;
	guint y = *(const guint *)b;
	if (remainder[x] != remainder[y])
		return remainder[x] > remainder[y] ? -1 : 1;
	return (x > y) - (x < y);
}

/* the model's total scaled to @total tasks, the mix kept (compare.h) */
void
plan_compare_apportion(const gint64 *desired, guint n, gint64 total, gint64 *out)
{
	gint64 sum = 0;
	gint64 given = 0;
	g_autofree guint *order = NULL;
	g_autofree gint64 *remainder = NULL;

	g_return_if_fail(n == 0 || (desired != NULL && out != NULL));
	for (guint i = 0; i < n; i++)
		sum += MAX(desired[i], 0);
	if (sum == 0 || total <= 0) {
		for (guint i = 0; i < n; i++)
			out[i] = 0;
		return;
	}
	order = g_new(guint, n);
	remainder = g_new(gint64, n);
	for (guint i = 0; i < n; i++) {
		/* total ≤ PLAN_COMPARE_MAX_RANGE and a desired count ≤ PLAN_MODEL_MAX_COUNT: no overflow */
		gint64 product = total * MAX(desired[i], 0);
		out[i] = product / sum;
		remainder[i] = product % sum;
		given += out[i];
		order[i] = i;
	}
	/* the largest remainders first, the earlier service on a tie: an insertion sort is
	 * quadratic, so sort the indices */
	g_qsort_with_data(order, (gint)n, sizeof(guint), row_remainder_order, remainder);
	for (guint k = 0; k < n && given < total; k++, given++)
		out[order[k]]++;
}
