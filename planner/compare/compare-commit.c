/* Savings Plans and Reserved Instances beside compare's on-demand and Spot options
 * (docs/compare.md): each commitment's rate from the price book, effective hourly = hourly +
 * upfront / term hours, for a service's Fargate tasks, its EC2 instances and the model's total.
 * The rows stay apart from the options: the cheapest option and the break-even compare on-demand
 * and Spot only. */
#include "compare.h"
#include "compare-private.h"

#include <string.h>

#include "cost.h"
#include "text.h"

/* ---- Savings Plans and Reserved Instances ------------------------------------------------- */

static const char *const plan_compare_commit_names[PLAN_N_COMMITS] = {
    "Compute SP", "EC2 Instance SP", "RI"};
static const char *const plan_compare_upfront_names[PLAN_N_UPFRONTS] = {
    "no upfront", "partial upfront", "all upfront"};

static char *
plan_compare_commit_label(const char *what, PlanCommitKind commit, PlanTerm term,
			  PlanUpfront upfront)
{
	return g_strdup_printf("%s, %s %uy %s", what, plan_compare_commit_names[commit],
			       plan_term_years(term), plan_compare_upfront_names[upfront]);
}

/* the model's pricing block names this commitment (compare marks its rows current) */
static gboolean
plan_compare_committed(const PlanModel *model, PlanCommitKind commit, PlanTerm term,
		       PlanUpfront upfront)
{
	for (guint i = 0; i < model->pricing.commitments->len; i++) {
		const PlanCommitment *item = g_ptr_array_index(model->pricing.commitments, i);
		if (item->type == (int)commit && item->term == (int)term &&
		    item->payment == (int)upfront)
			return TRUE;
	}
	return FALSE;
}

static PlanCompareCommitOption *
plan_compare_commit_add(PlanCompareEntry *entry, PlanCompareKind kind, PlanCommitKind commit,
			PlanTerm term, PlanUpfront upfront, char *label)
{
	PlanCompareCommitOption option = {.kind = kind,
					  .commit = commit,
					  .term = term,
					  .upfront = upfront,
					  .purchase = plan_purchase_name(commit, term, upfront),
					  .label = label};
	g_array_append_val(entry->commitments, option);
	return &g_array_index(entry->commitments, PlanCompareCommitOption,
			      entry->commitments->len - 1);
}

/* the rate's part of a monthly cost: @quantity unit-hours at the effective rate, rounded once */
static void
plan_compare_commit_rate(PlanCompareCommitOption *option, const PlanCommitRate *rate)
{
	option->source = rate->hourly.source;
	option->estimate |= plan_price_is_estimate(&rate->hourly) ||
			    (rate->upfront.present && plan_price_is_estimate(&rate->upfront));
}

/* Compute Savings Plans on the service's Fargate tasks, at its architecture: each task-hour
 * costs vCPUs × the plan's vCPU-hour rate + GB × its GB-hour rate (Savings Plan rates are
 * already effective: the book has no upfront for them); storage above 20 GB stays on-demand */
void
plan_compare_fargate_commits(const PlanCompareContext *context, const PlanCompareTask *task)
{
	PlanCompareEntry *entry = task->entry;
	PlanArchitecture architecture = task->service->architecture;
	const char *arch = plan_compare_arch_name(architecture);
	double vcpu = (double)entry->fargate_cpu_units / 1024.0;
	double gb = (double)entry->fargate_memory_mib / 1024.0;
	double task_hours = (double)entry->tasks * context->hours;
	gint64 extra = MAX(task->ephemeral_storage_gb - 20, 0); /* 20 GB are included */
	g_autofree char *vcpu_key = g_strdup_printf("fargate.%s.vcpu_hour", arch);
	g_autofree char *gb_key = g_strdup_printf("fargate.%s.gb_hour", arch);
	g_autofree char *what = g_strdup_printf("Fargate %s", arch);
	gboolean storage_estimate = FALSE;
	gboolean ignored = FALSE;
	PlanNanos on_demand =
	    plan_compare_fargate(context, task, architecture, entry->tasks, 0, &ignored);
	PlanNanos storage = 0;

	if (extra > 0) {
		const PlanPrice *price = plan_price_book_get(context->book, "fargate.ephemeral_gb_hour");
		if (price != NULL && price->present)
			storage = plan_cost_multiply(task_hours * (double)extra, price->nanos);
		storage_estimate = price == NULL || !price->present || plan_price_is_estimate(price);
	}
	for (guint t = 0; t < PLAN_N_TERMS; t++) {
		for (guint u = 0; u < PLAN_N_UPFRONTS; u++) {
			const PlanCommitRate *vcpu_rate;
			const PlanCommitRate *gb_rate;
			PlanCompareCommitOption *option;
			if ((context->commits & PLAN_COMPARE_COMMIT_BIT(t, u)) == 0)
				continue;
			vcpu_rate = plan_price_book_commit(context->book, PLAN_COMMIT_COMPUTE_SP,
							   vcpu_key, (PlanTerm)t, (PlanUpfront)u);
			gb_rate = plan_price_book_commit(context->book, PLAN_COMMIT_COMPUTE_SP,
							 gb_key, (PlanTerm)t, (PlanUpfront)u);
			option = plan_compare_commit_add(
			    entry,
			    architecture == PLAN_ARCH_ARM64 ? PLAN_COMPARE_FARGATE_ARM
							    : PLAN_COMPARE_FARGATE_X86,
			    PLAN_COMMIT_COMPUTE_SP, (PlanTerm)t, (PlanUpfront)u,
			    plan_compare_commit_label(what, PLAN_COMMIT_COMPUTE_SP, (PlanTerm)t,
						      (PlanUpfront)u));
			option->architecture = architecture;
			option->current = plan_compare_committed(context->model, PLAN_COMMIT_COMPUTE_SP,
								 (PlanTerm)t, (PlanUpfront)u);
			option->tasks = entry->tasks;
			option->on_demand_cost = on_demand;
			option->estimate = entry->fargate_fitted || storage_estimate;
			option->priced = vcpu_rate != NULL && gb_rate != NULL;
			if (!option->priced)
				continue;
			plan_compare_commit_rate(option, vcpu_rate);
			plan_compare_commit_rate(option, gb_rate);
			option->hourly = plan_cost_multiply(vcpu, vcpu_rate->hourly.nanos) +
					 plan_cost_multiply(gb, gb_rate->hourly.nanos);
			option->effective =
			    plan_cost_multiply(vcpu, plan_commit_rate_effective(vcpu_rate)) +
			    plan_cost_multiply(gb, plan_commit_rate_effective(gb_rate));
			option->costs.fargate =
			    plan_cost_multiply(task_hours * vcpu,
					       plan_commit_rate_effective(vcpu_rate)) +
			    plan_cost_multiply(task_hours * gb, plan_commit_rate_effective(gb_rate)) +
			    storage;
			option->monthly_cost = plan_compare_costs_sum(&option->costs);
		}
	}
}

/* Compute and EC2 Instance Savings Plans and standard Reserved Instances on the instances of an
 * on-demand EC2 option: instance hours at the effective rate (hourly + upfront / term hours),
 * EBS and CPU credits as on-demand */
void
plan_compare_ec2_commits(const PlanCompareContext *context, PlanCompareEntry *entry,
			 const PlanCompareOption *on_demand)
{
	const PlanInstanceType *type = on_demand->instance_type;
	g_autofree char *what = g_strdup_printf("EC2 %s", type->name);

	for (guint k = 0; k < PLAN_N_COMMITS; k++) {
		for (guint t = 0; t < PLAN_N_TERMS; t++) {
			for (guint u = 0; u < PLAN_N_UPFRONTS; u++) {
				const PlanCommitRate *rate;
				PlanCompareCommitOption *option;
				if ((context->commits & PLAN_COMPARE_COMMIT_BIT(t, u)) == 0)
					continue;
				rate = plan_price_book_commit(context->book, (PlanCommitKind)k,
							      type->name, (PlanTerm)t,
							      (PlanUpfront)u);
				option = plan_compare_commit_add(
				    entry, PLAN_COMPARE_EC2, (PlanCommitKind)k, (PlanTerm)t,
				    (PlanUpfront)u,
				    plan_compare_commit_label(what, (PlanCommitKind)k, (PlanTerm)t,
							      (PlanUpfront)u));
				option->architecture = on_demand->architecture;
				option->current = plan_compare_committed(
				    context->model, (PlanCommitKind)k, (PlanTerm)t, (PlanUpfront)u);
				option->instance_type = type;
				option->instances = on_demand->instances;
				option->tasks = entry->tasks;
				option->on_demand_cost = on_demand->monthly_cost;
				option->estimate = on_demand->estimate;
				option->priced = rate != NULL && on_demand->priced;
				if (!option->priced)
					continue;
				plan_compare_commit_rate(option, rate);
				option->hourly = rate->hourly.nanos;
				option->upfront_cost = rate->upfront.present ? rate->upfront.nanos : 0;
				option->effective = plan_commit_rate_effective(rate);
				option->costs = on_demand->costs;
				option->costs.instances = plan_cost_multiply(
				    (double)on_demand->instances * context->hours, option->effective);
				option->monthly_cost = plan_compare_costs_sum(&option->costs);
			}
		}
	}
}

/* the services' Fargate commitments added up, option by option (each service at its own
 * architecture) */
void
plan_compare_total_fargate_commits(PlanCompareEntry *total, const GPtrArray *entries)
{
	const PlanCompareEntry *first = entries->len > 0 ? g_ptr_array_index(entries, 0) : NULL;

	if (first == NULL)
		return;
	for (guint c = 0; c < first->commitments->len; c++) {
		const PlanCompareCommitOption *model =
		    &g_array_index(first->commitments, PlanCompareCommitOption, c);
		PlanCompareCommitOption *sum;
		if (model->kind == PLAN_COMPARE_EC2)
			continue;
		sum = plan_compare_commit_add(
		    total, PLAN_COMPARE_FARGATE_X86, model->commit, model->term, model->upfront,
		    plan_compare_commit_label("Fargate", model->commit, model->term,
					      model->upfront));
		sum->priced = TRUE;
		for (guint e = 0; e < entries->len; e++) {
			const PlanCompareEntry *entry = g_ptr_array_index(entries, e);
			for (guint i = 0; i < entry->commitments->len; i++) {
				const PlanCompareCommitOption *option =
				    &g_array_index(entry->commitments, PlanCompareCommitOption, i);
				if (option->kind == PLAN_COMPARE_EC2 ||
				    option->purchase != model->purchase)
					continue;
				sum->tasks += option->tasks;
				sum->priced &= option->priced;
				sum->estimate |= option->estimate;
				sum->current |= option->current;
				sum->on_demand_cost += option->on_demand_cost;
				sum->costs.fargate += option->costs.fargate;
				sum->monthly_cost += option->monthly_cost;
				if (sum->source == NULL)
					sum->source = option->source;
			}
		}
		if (!sum->priced) {
			sum->monthly_cost = 0;
			sum->costs.fargate = 0;
		}
	}
}
