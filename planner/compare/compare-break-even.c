/* the break-even per purchase option (docs/compare.md, "Break-even by purchase option"): for
 * on-demand, Spot and each commitment compare lists, the least task count from which EC2 on the
 * break-even type stays cheaper than Fargate bought the same way, over the same range and with
 * the same staircase as the on-demand break-even. EBS and CPU credits stay on-demand on every
 * row (no commitment covers them, and Spot does not discount them), as in the options. */
#include "compare.h"
#include "compare-private.h"

#include <math.h>

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
} RowWork;

/* Fargate at @n tasks on the row's terms; a commitment covers vCPU and GB hours (each product
 * rounded once, as compare-commit.c prices its rows), storage above 20 GB stays on-demand */
static PlanNanos
row_fargate(const PlanCompareContext *context, const PlanCompareTask *task, const RowWork *work,
	    gint64 n)
{
	const PlanCompareEntry *entry = task->entry;
	double task_hours = (double)n * context->hours;
	gint64 extra = MAX(task->ephemeral_storage_gb - 20, 0);
	PlanNanos storage = 0;

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

static RowWork
row_new(const char *purchase, const char *fargate_purchase, RowSide fargate, RowSide ec2)
{
	RowWork work = {.row = {.purchase = purchase, .fargate_purchase = fargate_purchase},
			.fargate_side = fargate,
			.ec2_side = ec2};
	return work;
}

/* the commitment rows: the kinds in compare's order, each term and payment compare lists */
static void
rows_add_commitments(const PlanCompareContext *context, const PlanCompareTask *task,
		     const PlanInstanceType *type, GArray *rows)
{
	const char *arch = plan_compare_arch_name(task->entry->architecture);
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

/* the costs of a row at @n into row.at_* */
static void
row_settle(const PlanCompareContext *context, const PlanCompareTask *task, RowWork *work,
	   PlanCompareEc2At ec2_at, gconstpointer stairs, gint64 n)
{
	gint64 instances = 0;
	PlanCompareCosts on_demand = ec2_at(context, task, stairs, n, &instances);

	work->row.at_tasks = n;
	work->row.at_instances = instances;
	work->row.ec2_costs = row_ec2(context, work, instances, &on_demand);
	work->row.fargate_costs = (PlanCompareCosts){0};
	work->row.fargate_costs.fargate = row_fargate(context, task, work, n);
}

/**
 * plan_compare_break_even_rows:
 * @context: the comparison
 * @task: the service; its entry's break_even has its type and range
 * @ec2_at: instances and their on-demand costs at a count (compare.c's staircase)
 * @stairs: (transfer none): what @ec2_at counts with (compare.c's, opaque here)
 * @spot_savings: the EC2 Spot saving of the break-even type (its Spot option's)
 * @estimate: the break-even type's on-demand option, or the Fargate size, is an estimate
 *
 * Fills @task's entry's break_evens: on-demand, Spot, then each commitment compare lists.
 * One pass over the counts, every row at once.
 */
void
plan_compare_break_even_rows(const PlanCompareContext *context, const PlanCompareTask *task,
			     PlanCompareEc2At ec2_at, gconstpointer stairs, double spot_savings,
			     gboolean estimate)
{
	PlanCompareEntry *entry = task->entry;
	const PlanInstanceType *type = entry->break_even.type;
	gint64 range = entry->break_even.range;
	g_autoptr(GArray) rows = g_array_new(FALSE, TRUE, sizeof(RowWork));
	RowWork work;

	if (type == NULL)
		return;
	work = row_new("on-demand", "on-demand", ROW_ON_DEMAND, ROW_ON_DEMAND);
	work.row.priced = type->hourly.present &&
			  plan_cost_fargate_priced(context->book, entry->architecture,
						   task->ephemeral_storage_gb, FALSE);
	work.row.missing = work.row.priced ? NULL : "no Fargate rate";
	g_array_append_val(rows, work);
	work = row_new("spot", "spot", ROW_SPOT, ROW_SPOT);
	work.spot_savings = CLAMP(spot_savings, 0.0, 1.0);
	work.row.priced = type->hourly.present &&
			  plan_cost_fargate_priced(context->book, entry->architecture,
						   task->ephemeral_storage_gb, TRUE);
	work.row.missing = work.row.priced ? NULL : "no Fargate Spot discount";
	/* Spot prices float, and the EC2 saving is the Spot Advisor's or a default */
	work.row.estimate = TRUE;
	g_array_append_val(rows, work);
	rows_add_commitments(context, task, type, rows);

	for (gint64 n = 1; n <= range; n++) {
		gint64 instances = 0;
		PlanCompareCosts on_demand = ec2_at(context, task, stairs, n, &instances);
		for (guint r = 0; r < rows->len; r++) {
			RowWork *row = &g_array_index(rows, RowWork, r);
			PlanCompareCosts ec2;
			if (!row->row.priced)
				continue;
			ec2 = row_ec2(context, row, instances, &on_demand);
			if (plan_compare_costs_sum(&ec2) < row_fargate(context, task, row, n)) {
				if (row->row.first_cheaper == 0)
					row->row.first_cheaper = n;
			} else {
				row->last_dearer = n;
			}
		}
	}
	for (guint r = 0; r < rows->len; r++) {
		RowWork *row = &g_array_index(rows, RowWork, r);
		/* what makes the on-demand option an estimate (an unconfirmed EBS figure, the
		 * credit rate, a fitted Fargate size) makes every row one */
		row->row.estimate |= estimate;
		row->row.fargate_estimate |= task->entry->fargate_fitted;
		if (row->row.priced) {
			row->row.found = row->last_dearer < range;
			row->row.tasks = row->row.found ? row->last_dearer + 1 : 0;
			row_settle(context, task, row, ec2_at, stairs,
				   row->row.found ? row->row.tasks : range);
		}
		g_array_append_val(entry->break_evens, row->row);
	}
}
