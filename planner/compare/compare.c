/* Fargate against EC2 (docs/compare.md): every service priced as Fargate x86_64, Fargate arm64,
 * Fargate Spot and on the cheapest instance types its task fits, instances counted by packing
 * each AZ on its own; the break-even task count; the model's total, where EC2 services share
 * one fleet per AZ. Money goes through the cost engine's rules (plan_cost_fargate_tasks(),
 * plan_cost_multiply()), so a figure here is the figure `ecsplan cost` would print. */
#include "compare.h"
#include "compare-private.h"

#include <math.h>
#include <string.h>

#include "compute-private.h"
#include "cost.h"
#include "plan-error.h"
#include "text.h"

/* ---- the result ------------------------------------------------------------------------------ */

static void
plan_compare_option_clear(gpointer data)
{
	PlanCompareOption *option = data;
	g_free(option->label);
}

void
plan_compare_commit_clear(gpointer data)
{
	PlanCompareCommitOption *option = data;
	g_free(option->label);
}

static PlanCompareEntry *
plan_compare_entry_new(const char *name)
{
	PlanCompareEntry *entry = g_new0(PlanCompareEntry, 1);
	entry->name = g_strdup(name);
	entry->options = g_array_new(FALSE, TRUE, sizeof(PlanCompareOption));
	g_array_set_clear_func(entry->options, plan_compare_option_clear);
	entry->commitments = g_array_new(FALSE, TRUE, sizeof(PlanCompareCommitOption));
	g_array_set_clear_func(entry->commitments, plan_compare_commit_clear);
	entry->points = g_array_new(FALSE, TRUE, sizeof(PlanComparePoint));
	entry->break_evens = g_array_new(FALSE, TRUE, sizeof(PlanCompareBreakEvenRow));
	return entry;
}

static void
plan_compare_entry_free(gpointer data)
{
	PlanCompareEntry *entry = data;
	if (entry == NULL)
		return;
	g_free(entry->name);
	g_array_unref(entry->options);
	g_array_unref(entry->commitments);
	g_array_unref(entry->points);
	g_array_unref(entry->break_evens);
	g_free(entry);
}

/**
 * plan_compare_free:
 * @compare: (transfer full) (nullable): the result, with its entries
 */
void
plan_compare_free(PlanCompare *compare)
{
	if (compare == NULL)
		return;
	g_free(compare->region);
	g_free(compare->book_as_of);
	g_free(compare->book_origin);
	g_free(compare->figures_oldest);
	g_free(compare->figures_newest);
	g_ptr_array_unref(compare->services);
	plan_compare_entry_free(compare->total);
	g_free(compare);
}

PlanNanos
plan_compare_costs_total(const PlanCompareCosts *costs)
{
	g_return_val_if_fail(costs != NULL, 0);
	return plan_compare_costs_sum(costs);
}

/* Returns: (transfer none) (nullable): the cheapest option: options are sorted, so the first */
const PlanCompareOption *
plan_compare_cheapest(const PlanCompareEntry *entry)
{
	const PlanCompareOption *first;

	g_return_val_if_fail(entry != NULL, NULL);
	if (entry->options->len == 0)
		return NULL;
	first = &g_array_index(entry->options, PlanCompareOption, 0);
	return first->priced ? first : NULL;
}

/* Returns: (transfer none) (nullable): the option the model runs today */
const PlanCompareOption *
plan_compare_current(const PlanCompareEntry *entry)
{
	g_return_val_if_fail(entry != NULL, NULL);
	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (option->current)
			return option;
	}
	return NULL;
}

/* Returns: (transfer none) (nullable): the cheapest priced option without Spot tasks (options
 * are sorted by cost) */
const PlanCompareOption *
plan_compare_cheapest_on_demand(const PlanCompareEntry *entry)
{
	g_return_val_if_fail(entry != NULL, NULL);
	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (option->priced && option->purchase == PLAN_COMPARE_ON_DEMAND)
			return option;
	}
	return NULL;
}

gboolean
plan_compare_saving(const PlanCompareEntry *entry, PlanNanos *saving, double *share)
{
	const PlanCompareOption *cheapest = plan_compare_cheapest(entry);
	const PlanCompareOption *current = plan_compare_current(entry);

	g_return_val_if_fail(saving != NULL && share != NULL, FALSE);
	*saving = 0;
	*share = 0;
	if (cheapest == NULL || current == NULL || current == cheapest || !current->priced)
		return FALSE;
	*saving = current->monthly_cost - cheapest->monthly_cost;
	if (current->monthly_cost > 0)
		*share = (double)*saving / (double)current->monthly_cost;
	return TRUE;
}

/* ---- what every option reads ------------------------------------------------------------------
 */

/**
 * plan_compare_burst:
 * @type: (transfer none): an instance type
 * @baseline: (out): the baseline share of each vCPU, 0 for a type that does not burst
 *
 * Burstable performance: the baseline per vCPU is the instance table's (EC2's credit table
 * [S10t]: t2.micro 10%, t2.xlarge 22.5%, t3.large 30%, ...). A type the table gives no credit
 * figures for (a --prices book without them) falls back to t3's by size [S43]: nano 5%,
 * micro 10%, small and medium 20%, large 30%, xlarge and 2xlarge 40%. t3, t3a and t4g launch
 * in unlimited mode, t2 in standard mode.
 */
static PlanCompareBurst
plan_compare_burst(const PlanInstanceType *type, double *baseline)
{
	static const struct {
		const char *size;
		double share;
	} sizes[] = {{"nano", 0.05},  {"micro", 0.10},	{"small", 0.20},  {"medium", 0.20},
		     {"large", 0.30}, {"xlarge", 0.40}, {"2xlarge", 0.40}};
	const char *dot = strchr(type->name, '.');
	gsize family = dot != NULL ? (gsize)(dot - type->name) : 0;
	PlanCompareBurst burst;

	*baseline = 0.0;
	if (family == 2 && strncmp(type->name, "t2", 2) == 0)
		burst = PLAN_COMPARE_STANDARD;
	else if ((family == 2 && strncmp(type->name, "t3", 2) == 0) ||
		 (family == 3 && (strncmp(type->name, "t3a", 3) == 0 ||
				  strncmp(type->name, "t4g", 3) == 0)))
		burst = PLAN_COMPARE_UNLIMITED;
	else
		return PLAN_COMPARE_NOT_BURSTABLE;
	if (type->credits_origin.source != NULL) {
		*baseline = (double)type->baseline_pct_milli / 100000.0;
		return burst;
	}
	/* a size the table lacks keeps a baseline of 0: all its CPU use counts as surplus */
	for (guint i = 0; i < G_N_ELEMENTS(sizes); i++)
		if (strcmp(dot + 1, sizes[i].size) == 0)
			*baseline = sizes[i].share;
	return burst;
}

/* EC2 on-demand for @instances instances all month: one line's rounding, as `cost` does */
static PlanNanos
plan_compare_ec2_cost(const PlanCompareContext *context, const PlanInstanceType *type,
		      gint64 instances)
{
	if (!type->hourly.present || instances <= 0)
		return 0;
	return plan_cost_multiply((double)instances * context->hours, type->hourly.nanos);
}

static const PlanPrice *
plan_compare_ebs_price(const PlanCompareContext *context, PlanStorageType type)
{
	if (type == PLAN_STORAGE_GP2)
		return context->ebs_gp2;
	return type == PLAN_STORAGE_GP3 ? context->ebs_gp3 : NULL;
}

/* the whole EC2 cost of @instances instances of @type running @tasks tasks: instance hours,
 * EBS (instances × GB × hours / 730 GB-months, as `cost` prices a volume) and, for an
 * unlimited burstable type, the vCPU-hours the tasks use above the fleet's baseline at
 * $0.05 (busy vCPUs − instances × vCPUs × baseline, × hours). @surplus: those vCPU-hours */
/* what the EC2 staircase of one service needs at every task count, worked out once: the
 * type's packing (plan_packing()) and credit mode */
typedef struct {
	const PlanInstanceType *type;
	PlanPacking packing;
	PlanCompareBurst burst;
	double baseline;
} PlanCompareStairs;

static PlanCompareCosts
plan_compare_ec2_costs_with(const PlanCompareContext *context, const PlanCompareUse *use,
			    const PlanInstanceType *type, PlanCompareBurst burst, double baseline,
			    gint64 instances, gint64 tasks, double *surplus)
{
	PlanCompareCosts costs = {0};
	const PlanPrice *ebs = plan_compare_ebs_price(context, use->ebs_type);

	*surplus = 0.0;
	costs.instances = plan_compare_ec2_cost(context, type, instances);
	if (ebs != NULL && use->ebs_gb > 0 && instances > 0)
		costs.ebs = plan_cost_multiply((double)instances * (double)use->ebs_gb *
						   context->hours / PLAN_COST_DEFAULT_HOURS,
					       ebs->nanos);
	if (burst != PLAN_COMPARE_NOT_BURSTABLE && use->busy_per_task >= 0.0 && instances > 0) {
		double busy = (double)tasks * use->busy_per_task;
		double earned = (double)instances * (double)type->vcpu * baseline;
		*surplus = MAX(busy - earned, 0.0) * context->hours;
		if (burst == PLAN_COMPARE_UNLIMITED)
			costs.credits = plan_cost_multiply(*surplus, PLAN_COMPARE_CREDIT_NANOS);
	}
	return costs;
}

static PlanCompareCosts
plan_compare_ec2_costs(const PlanCompareContext *context, const PlanCompareUse *use,
		       const PlanInstanceType *type, gint64 instances, gint64 tasks,
		       double *surplus)
{
	double baseline = 0.0;
	PlanCompareBurst burst = plan_compare_burst(type, &baseline);

	return plan_compare_ec2_costs_with(context, use, type, burst, baseline, instances, tasks,
					   surplus);
}

static PlanCompareStairs
plan_compare_stairs(const PlanCompareTask *task, const PlanInstanceType *type)
{
	PlanCompareStairs stairs = {.type = type};

	stairs.packing = plan_packing(type, &task->shape, task->entry->trunking);
	stairs.burst = plan_compare_burst(type, &stairs.baseline);
	return stairs;
}

/* the instances and the EC2 cost of @n tasks on @stairs' type */
static PlanNanos
plan_compare_stairs_cost(const PlanCompareContext *context, const PlanCompareTask *task,
			 const PlanCompareStairs *stairs, gint64 n, gint64 *instances,
			 PlanCompareCosts *costs)
{
	double surplus;

	*instances = plan_instances_for_packing(&stairs->packing, n, task->entry->n_azs, NULL);
	*costs = plan_compare_ec2_costs_with(context, &task->use, stairs->type, stairs->burst,
					     stairs->baseline, *instances, n, &surplus);
	return plan_compare_costs_sum(costs);
}

static double
plan_compare_share(gint64 reserved, gint64 instances, gint64 registered)
{
	if (instances <= 0 || registered <= 0)
		return 0.0;
	return (double)reserved / ((double)instances * (double)registered);
}

/* the type runs tasks built for @architecture */
static gboolean
plan_compare_type_runs(const PlanInstanceType *type, PlanArchitecture architecture)
{
	return g_strcmp0(type->architecture, plan_compare_arch_name(architecture)) == 0;
}

/* the cluster of an EC2 service, or NULL */
static const PlanCluster *
plan_compare_cluster(const PlanModel *model, const PlanService *service)
{
	if (service->cluster_index < 0 || (guint)service->cluster_index >= model->clusters->len)
		return NULL;
	return g_ptr_array_index(model->clusters, service->cluster_index);
}

static int
plan_compare_strcmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* the AZs the service's tasks spread over, as keys "VPC/AZ" (a subnet without an AZ counts on
 * its own), sorted: the service's subnets, or for an EC2 service that names none (bridge and
 * host mode) its cluster's. At least one key, so a service without subnets still packs */
static GPtrArray *
plan_compare_service_azs(const PlanModel *model, const PlanService *service)
{
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
	const GArray *indices = service->subnet_indices;
	gint vpc_index = service->vpc_index;
	const PlanCluster *cluster = plan_compare_cluster(model, service);
	const PlanVpc *vpc = NULL;

	if ((indices == NULL || indices->len == 0) && cluster != NULL) {
		indices = cluster->subnet_indices;
		vpc_index = cluster->vpc_index;
	}
	if (vpc_index >= 0 && (guint)vpc_index < model->vpcs->len)
		vpc = g_ptr_array_index(model->vpcs, vpc_index);
	for (guint i = 0; vpc != NULL && indices != NULL && i < indices->len; i++) {
		gint index = g_array_index(indices, gint, i);
		const PlanSubnet *subnet;
		g_autofree char *key = NULL;
		if (index < 0 || (guint)index >= vpc->subnets->len)
			continue;
		subnet = g_ptr_array_index(vpc->subnets, index);
		key = subnet->az != NULL
			  ? g_strdup_printf("%s/%s", vpc->name, subnet->az)
			  : g_strdup_printf("%s/(subnet %s)", vpc->name, subnet->name);
		if (!g_ptr_array_find_with_equal_func(keys, key, g_str_equal, NULL))
			g_ptr_array_add(keys, g_steal_pointer(&key));
	}
	if (keys->len == 0)
		g_ptr_array_add(keys, g_strdup("(no subnet)"));
	g_ptr_array_sort(keys, plan_compare_strcmp);
	return keys;
}

/* ENI trunking: only when the service's cluster turns it on (the type must support it too,
 * which plan_packing() checks); a Fargate service has no cluster, so no trunking */
static gboolean
plan_compare_service_trunking(const PlanModel *model, const PlanService *service)
{
	const PlanCluster *cluster = plan_compare_cluster(model, service);
	return cluster != NULL && cluster->trunking;
}

static gboolean
plan_compare_has_spot_items(const PlanService *service)
{
	for (guint i = 0; i < service->capacity_provider_strategy->len; i++) {
		const PlanStrategyItem *item =
		    g_ptr_array_index(service->capacity_provider_strategy, i);
		if (g_strcmp0(item->capacity_provider, "FARGATE_SPOT") == 0)
			return TRUE;
	}
	return FALSE;
}

/* ---- one service -------------------------------------------------------------------------- */

/* the service's EC2 needs: its cluster's volumes (else the AMI's default root volume) and the
 * vCPUs a task keeps busy: cpu_utilization × the task's CPU units ÷ 1024 */
static PlanCompareUse
plan_compare_service_use(const PlanModel *model, const PlanService *service,
			 const PlanTaskShape *shape)
{
	const PlanCluster *cluster = plan_compare_cluster(model, service);
	PlanCompareUse use = {PLAN_COMPARE_DEFAULT_EBS_GB, PLAN_STORAGE_GP3, -1.0,
			      PLAN_COMPARE_DEFAULT_SPOT_DISCOUNT};

	if (cluster != NULL) {
		use.ebs_gb = cluster->ebs_gb;
		use.ebs_type = cluster->ebs_type;
		use.spot_discount = cluster->spot_discount;
	}
	if (service->set & PLAN_SERVICE_CPU_UTILIZATION)
		use.busy_per_task = service->cpu_utilization * (double)shape->cpu_units / 1024.0;
	return use;
}

/* the Spot option at @tasks, at the service's architecture (as `cost` prices a Spot share): the
 * strategy's split when it has FARGATE_SPOT items, else every task on Spot */
static PlanNanos
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

static PlanCompareOption *
plan_compare_add(PlanCompareEntry *entry, PlanCompareKind kind, char *label)
{
	PlanCompareOption option = {.kind = kind, .label = label, .priced = TRUE};
	g_array_append_val(entry->options, option);
	return &g_array_index(entry->options, PlanCompareOption, entry->options->len - 1);
}

static void
plan_compare_fargate_options(const PlanCompareContext *context, const PlanCompareTask *task)
{
	PlanCompareEntry *entry = task->entry;
	const PlanService *service = task->service;
	gboolean on_fargate = service->launch_type == PLAN_LAUNCH_FARGATE;
	PlanCompareOption *option;

	for (guint a = 0; a < 2; a++) {
		PlanArchitecture architecture = a == 0 ? PLAN_ARCH_X86_64 : PLAN_ARCH_ARM64;
		option = plan_compare_add(
		    entry, a == 0 ? PLAN_COMPARE_FARGATE_X86 : PLAN_COMPARE_FARGATE_ARM,
		    g_strdup_printf("Fargate %s", plan_compare_arch_name(architecture)));
		option->architecture = architecture;
		option->on_demand_tasks = entry->tasks;
		option->estimate = entry->fargate_fitted;
		option->monthly_cost = plan_compare_fargate(context, task, architecture,
							    entry->tasks, 0, &option->estimate);
		option->costs.fargate = option->monthly_cost;
		option->priced = plan_compare_fargate_priced(task, architecture, FALSE);
		option->current =
		    on_fargate && !entry->spot_mix && service->architecture == architecture;
	}
	option = plan_compare_add(
	    entry, PLAN_COMPARE_FARGATE_SPOT,
	    g_strdup(entry->spot_mix ? "Fargate Spot mix" : "Fargate Spot, all tasks"));
	option->estimate = entry->fargate_fitted;
	option->monthly_cost =
	    plan_compare_spot(context, task, entry->tasks, &option->on_demand_tasks,
			      &option->spot_tasks, &option->architecture, &option->estimate);
	option->costs.fargate = option->monthly_cost;
	option->purchase = option->spot_tasks > 0 ? PLAN_COMPARE_SPOT : PLAN_COMPARE_ON_DEMAND;
	option->priced = plan_compare_fargate_priced(task, option->architecture, TRUE);
	option->current = on_fargate && entry->spot_mix;
}

/* an EC2 candidate before the cheapest are chosen */
typedef struct {
	const PlanInstanceType *type;
	PlanPacking packing;
	gint64 instances;
	PlanNanos cost; /* the sum of @costs */
	PlanCompareCosts costs;
	double surplus; /* burstable: vCPU-hours above the baseline */
} PlanCompareCandidate;

/* an option's EC2 fields from a candidate (the caller sets the utilisation) */
static void
plan_compare_fill_ec2(const PlanCompareContext *context, PlanCompareOption *option,
		      const PlanCompareCandidate *candidate, const PlanCompareUse *use)
{
	const PlanInstanceType *type = candidate->type;
	const PlanPrice *ebs = plan_compare_ebs_price(context, use->ebs_type);

	option->instance_type = type;
	option->instances = candidate->instances;
	option->priced = type->hourly.present;
	option->costs = candidate->costs;
	option->monthly_cost = candidate->cost;
	option->burst = plan_compare_burst(type, &option->baseline);
	option->surplus_vcpu_hours = candidate->surplus;
	/* an EBS figure the book lacks, or an unconfirmed one, and the credit rate (not in the
	 * book) make the whole an estimate */
	option->estimate = !type->hourly.present || plan_price_is_estimate(&type->hourly) ||
			   (use->ebs_gb > 0 && (ebs == NULL || plan_price_is_estimate(ebs))) ||
			   candidate->costs.credits > 0;
}

/* cheapest first; on equal cost the lower hourly price, then the name */
static gint
plan_compare_candidate_order(gconstpointer a, gconstpointer b)
{
	const PlanCompareCandidate *x = a;
	const PlanCompareCandidate *y = b;
	if (x->cost != y->cost)
		return x->cost < y->cost ? -1 : 1;
	if (x->type->hourly.nanos != y->type->hourly.nanos)
		return x->type->hourly.nanos < y->type->hourly.nanos ? -1 : 1;
	return strcmp(x->type->name, y->type->name);
}

static void
plan_compare_add_ec2(const PlanCompareContext *context, const PlanCompareTask *task,
		     const PlanCompareCandidate *candidate, gboolean current)
{
	PlanCompareEntry *entry = task->entry;
	const PlanInstanceType *type = candidate->type;
	PlanCompareOption *option =
	    plan_compare_add(entry, PLAN_COMPARE_EC2, g_strdup_printf("EC2 %s", type->name));

	option->architecture =
	    g_strcmp0(type->architecture, "arm64") == 0 ? PLAN_ARCH_ARM64 : PLAN_ARCH_X86_64;
	plan_compare_fill_ec2(context, option, candidate, &task->use);
	option->tasks_per_instance = candidate->packing.tasks;
	option->limit = candidate->packing.limit;
	option->cpu_utilisation =
	    plan_compare_share(entry->tasks * task->shape.cpu_units, candidate->instances,
			       candidate->packing.registered_cpu);
	option->memory_utilisation =
	    plan_compare_share(entry->tasks * task->shape.memory_mib, candidate->instances,
			       candidate->packing.registered_memory);
	option->current = current;
}

/* the cheapest EC2 option again with every instance on Spot: instance hours at (1 −
 * savings) of on-demand: the book's Spot Advisor savings for the type, else @discount (the
 * cluster's spot_discount, default 0.65, UNCONFIRMED: aws-facts §3c), EBS and credits as
 * on-demand. Always an estimate; Spot instances can be reclaimed at
 * two minutes' notice */
static void
plan_compare_add_ec2_spot(const PlanCompareContext *context, PlanCompareEntry *entry,
			  const PlanCompareOption *on_demand, double discount)
{
	PlanCompareOption copy = *on_demand;
	const PlanSpotAdvice *advice =
	    plan_price_book_ec2_spot(context->book, on_demand->instance_type->name);

	/* the Spot Advisor's figures for the type when the book has them (issue 11) */
	copy.interruption = NULL;
	if (advice != NULL && !advice->region_default && advice->savings.present) {
		discount = (double)advice->savings.nanos / (double)PLAN_NANOS_PER_DOLLAR;
		copy.interruption = advice->interruption;
	}
	copy.spot_savings = CLAMP(discount, 0.0, 1.0);

	copy.label = g_strdup_printf("EC2 %s Spot", on_demand->instance_type->name);
	copy.purchase = PLAN_COMPARE_SPOT;
	copy.current = FALSE;
	copy.estimate = TRUE;
	copy.costs.instances = (PlanNanos)llround((double)on_demand->costs.instances *
						  (1.0 - CLAMP(discount, 0.0, 1.0)));
	copy.monthly_cost = plan_compare_costs_sum(&copy.costs);
	g_array_append_val(entry->options, copy);
}

/* a burstable type is ranked only when its cost is known: the tasks' CPU use is given (else
 * counted in @unknown), and in standard mode the use stays within the baseline (else throttled
 * work, counted in @throttled) */
static gboolean
plan_compare_burst_usable(const PlanInstanceType *type, const PlanCompareUse *use,
			  double surplus, guint *unknown, guint *throttled)
{
	double baseline;
	PlanCompareBurst burst = plan_compare_burst(type, &baseline);

	if (burst == PLAN_COMPARE_NOT_BURSTABLE)
		return TRUE;
	if (use->busy_per_task < 0.0) {
		(*unknown)++;
		return FALSE;
	}
	if (burst == PLAN_COMPARE_STANDARD && surplus > 0.0) {
		(*throttled)++;
		return FALSE;
	}
	return TRUE;
}

/* a burstable type left out because the tasks' CPU use is unknown: up to which
 * cpu_utilization u it would still cost less than Fargate x86_64 at the desired count. With
 * C = instance hours + EBS and F the Fargate cost, unlimited mode pays (u × busy_max − earned)
 * × hours × $0.05 above the baseline, so u* = (earned + (F − C) ÷ (hours × $0.05)) ÷
 * busy_max; standard mode is throttled above the baseline, so u* = earned ÷ busy_max. Kept in
 * the entry: the type with the highest u* (the first of equals) */
static void
plan_compare_burst_sensitivity(const PlanCompareContext *context, const PlanCompareTask *task,
			       const PlanCompareCandidate *candidate)
{
	PlanCompareEntry *entry = task->entry;
	double baseline;
	PlanCompareBurst burst = plan_compare_burst(candidate->type, &baseline);
	PlanNanos fargate =
	    plan_compare_fargate(context, task, PLAN_ARCH_X86_64, entry->tasks, 0, NULL);
	double busy_max = (double)entry->tasks * (double)task->shape.cpu_units / 1024.0;
	double earned = (double)candidate->instances * (double)candidate->type->vcpu * baseline;
	double u;

	if (task->use.busy_per_task >= 0.0 || busy_max <= 0.0 || candidate->cost >= fargate)
		return;
	if (burst == PLAN_COMPARE_UNLIMITED)
		u = (earned + (double)(fargate - candidate->cost) /
				  ((double)PLAN_COMPARE_CREDIT_NANOS * context->hours)) /
		    busy_max;
	else
		u = earned / busy_max;
	u = MIN(u, 1.0);
	if (entry->burst_type == NULL || u > entry->burst_utilization) {
		entry->burst_type = candidate->type;
		entry->burst_utilization = u;
	}
}

/* the type the service's cluster runs, when it is an EC2 service and the book knows it */
static const PlanInstanceType *
plan_compare_current_type(const PlanCompareContext *context, const PlanService *service)
{
	const PlanCluster *cluster = plan_compare_cluster(context->model, service);

	if (service->launch_type != PLAN_LAUNCH_EC2 || cluster == NULL ||
	    cluster->instance_type == NULL)
		return NULL;
	return plan_price_book_instance(context->book, cluster->instance_type);
}

static PlanCompareCandidate
plan_compare_candidate(const PlanCompareContext *context, const PlanCompareTask *task,
		       const PlanInstanceType *type)
{
	PlanCompareCandidate candidate = {.type = type};

	candidate.packing = plan_packing(type, &task->shape, task->entry->trunking);
	if (candidate.packing.tasks == 0)
		return candidate;
	candidate.instances = plan_instances_for_packing(&candidate.packing, task->entry->tasks,
							 task->entry->n_azs, NULL);
	candidate.costs = plan_compare_ec2_costs(context, &task->use, type, candidate.instances,
						 task->entry->tasks, &candidate.surplus);
	candidate.cost = plan_compare_costs_sum(&candidate.costs);
	return candidate;
}

static void
plan_compare_ec2_options(const PlanCompareContext *context, const PlanCompareTask *task)
{
	PlanCompareEntry *entry = task->entry;
	const PlanInstanceType *current = plan_compare_current_type(context, task->service);
	g_autoptr(GArray) candidates = g_array_new(FALSE, FALSE, sizeof(PlanCompareCandidate));
	gboolean current_listed = FALSE;

	for (guint i = 0; i < context->instance_types->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(context->instance_types, i);
		PlanCompareCandidate candidate;
		if (!plan_compare_type_runs(type, entry->architecture))
			continue;
		candidate = plan_compare_candidate(context, task, type);
		if (candidate.packing.tasks == 0)
			continue;
		entry->n_fitting_types++;
		if (!type->hourly.present) {
			entry->n_unpriced_types++;
			continue;
		}
		if (!plan_compare_burst_usable(type, &task->use, candidate.surplus,
					       &entry->n_burstable_skipped,
					       &entry->n_throttled_skipped)) {
			plan_compare_burst_sensitivity(context, task, &candidate);
			continue;
		}
		g_array_append_val(candidates, candidate);
	}
	g_array_sort(candidates, plan_compare_candidate_order);
	for (guint i = 0; i < MIN(candidates->len, PLAN_COMPARE_EC2_TYPES); i++) {
		const PlanCompareCandidate *candidate =
		    &g_array_index(candidates, PlanCompareCandidate, i);
		plan_compare_add_ec2(context, task, candidate, candidate->type == current);
		current_listed |= candidate->type == current;
		if (i == 0) {
			plan_compare_ec2_commits(context, entry,
						 &g_array_index(entry->options, PlanCompareOption,
								entry->options->len - 1));
			plan_compare_add_ec2_spot(
			    context, entry,
			    &g_array_index(entry->options, PlanCompareOption,
					   entry->options->len - 1),
			    task->use.spot_discount);
		}
	}
	/* what the model runs is worth a line even when it is not among the cheapest (or has no
	 * price here): it is what the other options are measured against */
	if (current != NULL && !current_listed) {
		PlanCompareCandidate candidate = plan_compare_candidate(context, task, current);
		if (candidate.packing.tasks > 0)
			plan_compare_add_ec2(context, task, &candidate, TRUE);
	}
}

/* priced first, then by cost, then kind (Fargate x86_64, arm64, Spot, EC2), hourly price, name */
static gint
plan_compare_option_order(gconstpointer a, gconstpointer b)
{
	const PlanCompareOption *x = a;
	const PlanCompareOption *y = b;
	if (x->priced != y->priced)
		return x->priced ? -1 : 1;
	if (x->monthly_cost != y->monthly_cost)
		return x->monthly_cost < y->monthly_cost ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->instance_type != NULL && y->instance_type != NULL) {
		if (x->instance_type->hourly.nanos != y->instance_type->hourly.nanos)
			return x->instance_type->hourly.nanos < y->instance_type->hourly.nanos ? -1
											       : 1;
		return strcmp(x->instance_type->name, y->instance_type->name);
	}
	return 0;
}

/* ---- break-even and the curve ------------------------------------------------------------- */

static gint64
plan_compare_range(gint64 desired)
{
	gint64 range = PLAN_COMPARE_MIN_RANGE;
	if (desired > PLAN_COMPARE_MAX_RANGE / PLAN_COMPARE_RANGE_FACTOR)
		return PLAN_COMPARE_MAX_RANGE;
	return MAX(range, desired * PLAN_COMPARE_RANGE_FACTOR);
}

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

	even->range = plan_compare_range(entry->tasks);
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
	even->instances = plan_instances_needed(even->type, &task->shape, entry->trunking,
						even->tasks, entry->n_azs, NULL);
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

/* PlanCompareEc2At for compare-break-even.c: the break-even's staircase at @n tasks (@stairs:
 * a PlanCompareStairs) */
static PlanCompareCosts
plan_compare_ec2_at(const PlanCompareContext *context, const PlanCompareTask *task,
		    gconstpointer stairs, gint64 n, gint64 *instances)
{
	PlanCompareCosts costs;

	plan_compare_stairs_cost(context, task, stairs, n, instances, &costs);
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

static PlanCompareEntry *
plan_compare_service(const PlanCompareContext *context, const PlanService *service)
{
	PlanCompareTask task = {.service = service};
	PlanCompareEntry *entry = plan_compare_entry_new(service->name);
	g_autoptr(GPtrArray) azs = plan_compare_service_azs(context->model, service);

	task.entry = entry;
	task.shape = plan_service_task_shape(service);
	task.ephemeral_storage_gb = service->ephemeral_storage_gb;
	task.use = plan_compare_service_use(context->model, service, &task.shape);
	plan_compare_task_rates(context, &task);
	entry->tasks = plan_service_steady_tasks(service);
	entry->peak_tasks = MAX(plan_service_peak_tasks(service), entry->tasks);
	entry->ebs_gb = task.use.ebs_gb;
	entry->ebs_type = task.use.ebs_type;
	entry->utilization_known = (service->set & PLAN_SERVICE_CPU_UTILIZATION) != 0;
	entry->cpu_utilization = entry->utilization_known ? service->cpu_utilization : 0.0;
	entry->cpu_units = task.shape.cpu_units;
	entry->memory_mib = task.shape.memory_mib;
	entry->fargate_fitted = plan_cost_fargate_task_size(service, &entry->fargate_cpu_units,
							    &entry->fargate_memory_mib);
	entry->architecture = service->architecture;
	entry->network_mode = task.shape.network_mode;
	entry->trunking = plan_compare_service_trunking(context->model, service);
	entry->n_azs = azs->len;
	entry->spot_mix = plan_compare_has_spot_items(service);

	plan_compare_fargate_options(context, &task);
	plan_compare_fargate_commits(context, &task);
	plan_compare_ec2_options(context, &task);
	g_array_sort(entry->options, plan_compare_option_order);
	/* the break-even and the curve are against Fargate x86_64: without its price there is
	 * nothing to measure against, and a curve at $0 would be a silent zero */
	if (plan_compare_fargate_priced(&task, PLAN_ARCH_X86_64, FALSE)) {
		gboolean estimate = FALSE;
		double savings;
		plan_compare_break_even(context, &task);
		/* after the break-even: it chooses the type */
		savings = plan_compare_break_even_spot(&task, &estimate);
		if (entry->break_even.type != NULL) {
			PlanCompareStairs stairs = plan_compare_stairs(&task, entry->break_even.type);
			plan_compare_break_even_rows(context, &task, plan_compare_ec2_at, &stairs,
						     savings, estimate);
		}
		plan_compare_curve(context, &task);
	}
	return entry;
}

/* ---- the whole model ---------------------------------------------------------------------- */

/* the services' tasks in one AZ, for one shared fleet */
typedef struct {
	char *key;
	GArray *items; /* PlanBinItem */
} PlanCompareAz;

static void
plan_compare_az_clear(gpointer data)
{
	PlanCompareAz *az = data;
	g_free(az->key);
	g_array_unref(az->items);
}

/* what a shared fleet packs: each service spread over its own AZs, the AZ that takes an
 * uneven spread's extra task rotating from service to service, as cluster sizing does */
typedef struct {
	GArray *azs;	     /* PlanCompareAz, first-seen order */
	GPtrArray *ports;    /* the host-port arrays the items point at */
	GArray *services;    /* const PlanService *, the services with tasks */
	GArray *shapes;	     /* PlanTaskShape of each of @services */
	gboolean trunking;   /* every service's cluster turns trunking on */
	gboolean mixed_arch; /* tasks of both architectures: no one type runs them all */
	PlanArchitecture architecture;
	gint64 cpu_reserved;	/* units */
	gint64 memory_reserved; /* MiB */
	gint64 tasks;
	double busy;	    /* vCPUs the tasks keep busy; < 0: some service's use is unknown */
	PlanCompareUse use; /* the first service's cluster volumes; busy_per_task = busy / tasks */
} PlanCompareFleet;

static void
plan_compare_fleet_clear(PlanCompareFleet *fleet)
{
	g_clear_pointer(&fleet->azs, g_array_unref);
	g_clear_pointer(&fleet->ports, g_ptr_array_unref);
	g_clear_pointer(&fleet->services, g_array_unref);
	g_clear_pointer(&fleet->shapes, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PlanCompareFleet, plan_compare_fleet_clear)

static PlanCompareAz *
plan_compare_fleet_az(PlanCompareFleet *fleet, const char *key)
{
	PlanCompareAz az;

	for (guint i = 0; i < fleet->azs->len; i++) {
		PlanCompareAz *have = &g_array_index(fleet->azs, PlanCompareAz, i);
		if (strcmp(have->key, key) == 0)
			return have;
	}
	az.key = g_strdup(key);
	az.items = g_array_new(FALSE, FALSE, sizeof(PlanBinItem));
	g_array_append_val(fleet->azs, az);
	return &g_array_index(fleet->azs, PlanCompareAz, fleet->azs->len - 1);
}

static void
plan_compare_fleet_build(const PlanCompareContext *context, const GPtrArray *services,
			 PlanCompareFleet *fleet)
{
	guint rotation = 0;
	gboolean first = TRUE;

	fleet->azs = g_array_new(FALSE, TRUE, sizeof(PlanCompareAz));
	g_array_set_clear_func(fleet->azs, plan_compare_az_clear);
	fleet->ports = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
	fleet->services = g_array_new(FALSE, FALSE, sizeof(const PlanService *));
	fleet->shapes = g_array_new(FALSE, FALSE, sizeof(PlanTaskShape));
	fleet->trunking = TRUE;
	fleet->use = (PlanCompareUse){PLAN_COMPARE_DEFAULT_EBS_GB, PLAN_STORAGE_GP3, -1.0,
				      PLAN_COMPARE_DEFAULT_SPOT_DISCOUNT};
	for (guint s = 0; s < services->len; s++) {
		const PlanService *service = g_ptr_array_index(services, s);
		g_autoptr(GPtrArray) azs = plan_compare_service_azs(context->model, service);
		g_autofree gint64 *per_az = g_new0(gint64, azs->len);
		PlanBinItem item = {.shape = plan_service_task_shape(service)};
		gint64 tasks = plan_service_steady_tasks(service);
		PlanCompareUse use = plan_compare_service_use(context->model, service, &item.shape);
		GArray *ports;

		if (tasks == 0)
			continue;
		if (first) {
			fleet->use = use;
			fleet->busy = 0.0;
		}
		if (use.busy_per_task < 0.0 || fleet->busy < 0.0)
			fleet->busy = -1.0;
		else
			fleet->busy += (double)tasks * use.busy_per_task;
		fleet->tasks += tasks;
		g_array_append_val(fleet->services, service);
		g_array_append_val(fleet->shapes, item.shape);
		fleet->trunking &= plan_compare_service_trunking(context->model, service);
		if (first)
			fleet->architecture = service->architecture;
		fleet->mixed_arch |= service->architecture != fleet->architecture;
		first = FALSE;
		ports = compute_service_host_ports(service, &item.shape);
		if (ports != NULL)
			g_ptr_array_add(fleet->ports, ports);
		item.ports = ports;
		compute_spread(tasks, azs->len, rotation % azs->len, per_az);
		rotation += (guint)(tasks % azs->len);
		for (guint a = 0; a < azs->len; a++) {
			if (per_az[a] == 0)
				continue;
			item.count = per_az[a];
			g_array_append_val(
			    plan_compare_fleet_az(fleet, g_ptr_array_index(azs, a))->items, item);
		}
		fleet->cpu_reserved += tasks * item.shape.cpu_units;
		fleet->memory_reserved += tasks * item.shape.memory_mib;
	}
	if (fleet->services->len == 0)
		fleet->trunking = FALSE;
	/* one figure per task on average, so plan_compare_ec2_costs() sees the fleet's sum */
	fleet->use.busy_per_task =
	    fleet->busy < 0.0 || fleet->tasks == 0 ? -1.0 : fleet->busy / (double)fleet->tasks;
}

/* TRUE when one instance of @type holds a task of every service */
static gboolean
plan_compare_fleet_fits(const PlanCompareFleet *fleet, const PlanInstanceType *type)
{
	if (fleet->services->len == 0 || fleet->mixed_arch ||
	    !plan_compare_type_runs(type, fleet->architecture))
		return FALSE;
	for (guint s = 0; s < fleet->shapes->len; s++) {
		const PlanTaskShape *shape = &g_array_index(fleet->shapes, PlanTaskShape, s);
		if (plan_packing(type, shape, fleet->trunking).tasks == 0)
			return FALSE;
	}
	return TRUE;
}

static gint64
plan_compare_fleet_instances(const PlanCompareFleet *fleet, const PlanInstanceType *type)
{
	gint64 instances = 0;

	for (guint a = 0; a < fleet->azs->len; a++) {
		const PlanCompareAz *az = &g_array_index(fleet->azs, PlanCompareAz, a);
		g_autoptr(PlanBins) bins = compute_bins_new(type, fleet->trunking);
		instances += compute_bins_pack(bins, (const PlanBinItem *)(gpointer)az->items->data,
					    az->items->len);
	}
	return instances;
}

/* the services' Fargate options added up, kind by kind */
static void
plan_compare_total_fargate(PlanCompareEntry *total, const GPtrArray *entries)
{
	static const char *const labels[] = {"Fargate x86_64", "Fargate arm64", "Fargate Spot"};

	for (guint kind = PLAN_COMPARE_FARGATE_X86; kind <= PLAN_COMPARE_FARGATE_SPOT; kind++) {
		PlanCompareOption *sum =
		    plan_compare_add(total, (PlanCompareKind)kind, g_strdup(labels[kind]));
		sum->architecture =
		    kind == PLAN_COMPARE_FARGATE_ARM ? PLAN_ARCH_ARM64 : PLAN_ARCH_X86_64;
		for (guint e = 0; e < entries->len; e++) {
			const PlanCompareEntry *entry = g_ptr_array_index(entries, e);
			for (guint i = 0; i < entry->options->len; i++) {
				const PlanCompareOption *option =
				    &g_array_index(entry->options, PlanCompareOption, i);
				if (option->kind != (PlanCompareKind)kind)
					continue;
				sum->monthly_cost += option->monthly_cost;
				sum->costs.fargate += option->costs.fargate;
				if (option->purchase == PLAN_COMPARE_SPOT)
					sum->purchase = PLAN_COMPARE_SPOT;
				sum->priced &= option->priced;
				sum->on_demand_tasks += option->on_demand_tasks;
				sum->spot_tasks += option->spot_tasks;
				sum->estimate |= option->estimate;
			}
		}
	}
}

/* every service with tasks on one shared fleet per AZ, for each type that runs them all */
static void
plan_compare_total_ec2(const PlanCompareContext *context, PlanCompareEntry *total,
		       const GPtrArray *services)
{
	g_auto(PlanCompareFleet) fleet = {0};
	g_autoptr(GArray) candidates = g_array_new(FALSE, FALSE, sizeof(PlanCompareCandidate));

	plan_compare_fleet_build(context, services, &fleet);
	total->trunking = fleet.trunking;
	total->architecture = fleet.architecture;
	for (guint i = 0; i < context->instance_types->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(context->instance_types, i);
		PlanCompareCandidate candidate = {.type = type};
		if (!plan_compare_fleet_fits(&fleet, type))
			continue;
		total->n_fitting_types++;
		if (!type->hourly.present) {
			total->n_unpriced_types++;
			continue;
		}
		candidate.instances = plan_compare_fleet_instances(&fleet, type);
		candidate.costs = plan_compare_ec2_costs(context, &fleet.use, type,
							 candidate.instances, fleet.tasks,
							 &candidate.surplus);
		candidate.cost = plan_compare_costs_sum(&candidate.costs);
		if (!plan_compare_burst_usable(type, &fleet.use, candidate.surplus,
					       &total->n_burstable_skipped,
					       &total->n_throttled_skipped))
			continue;
		g_array_append_val(candidates, candidate);
	}
	g_array_sort(candidates, plan_compare_candidate_order);
	for (guint i = 0; i < MIN(candidates->len, PLAN_COMPARE_EC2_TYPES); i++) {
		const PlanCompareCandidate *candidate =
		    &g_array_index(candidates, PlanCompareCandidate, i);
		PlanCompareOption *option = plan_compare_add(
		    total, PLAN_COMPARE_EC2, g_strdup_printf("EC2 %s", candidate->type->name));
		option->architecture = fleet.architecture;
		plan_compare_fill_ec2(context, option, candidate, &fleet.use);
		option->cpu_utilisation =
		    plan_compare_share(fleet.cpu_reserved, candidate->instances,
				       plan_instance_registered_cpu(candidate->type));
		option->memory_utilisation =
		    plan_compare_share(fleet.memory_reserved, candidate->instances,
				       plan_instance_registered_memory(candidate->type));
		if (i == 0) {
			plan_compare_ec2_commits(context, total, option);
			plan_compare_add_ec2_spot(context, total, option,
						  fleet.use.spot_discount);
		}
	}
	total->ebs_gb = fleet.use.ebs_gb;
	total->ebs_type = fleet.use.ebs_type;
	total->utilization_known = fleet.use.busy_per_task >= 0.0;
	total->cpu_utilization =
	    total->utilization_known && fleet.cpu_reserved > 0
		? fleet.busy * 1024.0 / (double)fleet.cpu_reserved
		: 0.0;
}

static PlanCompareEntry *
plan_compare_total(const PlanCompareContext *context, const GPtrArray *services,
		   const GPtrArray *entries)
{
	PlanCompareEntry *total = plan_compare_entry_new(NULL);

	for (guint e = 0; e < entries->len; e++) {
		const PlanCompareEntry *entry = g_ptr_array_index(entries, e);
		total->tasks += entry->tasks;
		total->peak_tasks += entry->peak_tasks;
	}
	plan_compare_total_fargate(total, entries);
	plan_compare_total_fargate_commits(total, entries);
	plan_compare_total_ec2(context, total, services);
	g_array_sort(total->options, plan_compare_option_order);
	return total;
}

/* ---- entry point -------------------------------------------------------------------------- */

/* the services to compare: all, or the one named (PLAN_ERROR_INVALID_OPTION when unknown) */
static GPtrArray *
plan_compare_select(const PlanModel *model, const char *name, GError **error)
{
	g_autoptr(GPtrArray) selected = g_ptr_array_new();
	g_autoptr(GPtrArray) names = g_ptr_array_new();
	const char *suggestion;

	for (guint s = 0; s < model->services->len; s++) {
		const PlanService *service = g_ptr_array_index(model->services, s);
		if (name == NULL || g_strcmp0(service->name, name) == 0)
			g_ptr_array_add(selected, (gpointer)service);
		if (service->name != NULL)
			g_ptr_array_add(names, service->name);
	}
	if (name == NULL || selected->len > 0)
		return g_steal_pointer(&selected);
	suggestion =
	    plan_text_suggest(name, (const char *const *)(gpointer)names->pdata, names->len);
	if (suggestion != NULL)
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION,
			    "no service '%s' in the model; did you mean '%s'?", name, suggestion);
	else {
		g_autofree char *list = plan_text_join_quoted(
		    (const char *const *)(gpointer)names->pdata, names->len, 8);
		g_set_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION,
			    "no service '%s' in the model; it has %s", name,
			    names->len > 0 ? list : "none");
	}
	return NULL;
}

/* one figure the comparison used, into the dates its header shows */
static void
plan_compare_note_date(PlanCompare *compare, GHashTable *seen, const PlanPrice *price)
{
	if (price == NULL || !price->present || !g_hash_table_add(seen, (gpointer)price))
		return;
	if (price->as_of == NULL || strcmp(price->as_of, "undated") == 0) {
		compare->n_undated++;
		return;
	}
	/* "2021" < "2026-03" < "2026-03-28": dates of any precision order as text */
	if (compare->figures_oldest == NULL || strcmp(price->as_of, compare->figures_oldest) < 0) {
		g_free(compare->figures_oldest);
		compare->figures_oldest = g_strdup(price->as_of);
	}
	if (compare->figures_newest == NULL || strcmp(price->as_of, compare->figures_newest) > 0) {
		g_free(compare->figures_newest);
		compare->figures_newest = g_strdup(price->as_of);
	}
}

static void
plan_compare_note_entry(PlanCompare *compare, GHashTable *seen, const PlanCompareEntry *entry)
{
	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (option->kind == PLAN_COMPARE_EC2 && option->instance_type != NULL)
			plan_compare_note_date(compare, seen, &option->instance_type->hourly);
	}
}

/* the dates of the figures used: every Fargate rate an option is priced with (on-demand and
 * Spot, both architectures, ephemeral storage when a task has more than the 20 GB included)
 * and the hour of every EC2 type shown */
static void
plan_compare_dates(PlanCompare *compare, const PlanPriceBook *book, GPtrArray *services)
{
	static const char *const fargate[] = {
	    "fargate.x86_64.vcpu_hour", "fargate.x86_64.gb_hour", "fargate.arm64.vcpu_hour",
	    "fargate.arm64.gb_hour",    "fargate.spot_discount",
	};
	g_autoptr(GHashTable) seen = g_hash_table_new(g_direct_hash, g_direct_equal);

	for (guint i = 0; i < G_N_ELEMENTS(fargate); i++)
		plan_compare_note_date(compare, seen, plan_price_book_get(book, fargate[i]));
	for (guint s = 0; s < services->len; s++) {
		const PlanService *service = g_ptr_array_index(services, s);
		if (service->ephemeral_storage_gb > 20)
			plan_compare_note_date(compare, seen,
					       plan_price_book_get(book, "fargate.ephemeral_gb_hour"));
	}
	for (guint s = 0; s < compare->services->len; s++)
		plan_compare_note_entry(compare, seen, g_ptr_array_index(compare->services, s));
	plan_compare_note_entry(compare, seen, compare->total);
}

/**
 * plan_compare:
 * @model: (transfer none): a model that plan_model_link() has resolved
 * @book: (transfer none): prices and instance specs for the model's region; it must outlive
 *   the result
 * @options: (nullable): hours in the month (default 730), one service only
 * @error: PLAN_ERROR_INVALID_OPTION for hours out of range, a book for another region, or a
 *   service the model does not have
 *
 * Prices each service at its desired count as Fargate x86_64, Fargate arm64 and Fargate Spot
 * (the strategy's mix, or every task), and on the PLAN_COMPARE_EC2_TYPES cheapest instance
 * types of its architecture that hold its task, instances counted by packing each AZ on its
 * own (plus the type its cluster runs, for an EC2 service); finds the break-even task count
 * against Fargate x86_64 and the cost curve around it; and adds the services up, EC2 as one
 * fleet shared per AZ.
 *
 * Returns: (transfer full): the comparison, or NULL with @error set
 */
PlanCompare *
plan_compare(const PlanModel *model, const PlanPriceBook *book, const PlanCompareOptions *options,
	     GError **error)
{
	g_autoptr(PlanCompare) compare = NULL;
	g_autoptr(GPtrArray) services = NULL;
	g_autoptr(GPtrArray) instance_types = NULL;
	PlanCompareContext context = {0};
	double hours = PLAN_COST_DEFAULT_HOURS;

	g_return_val_if_fail(model != NULL, NULL);
	/* an unlinked model prices what happens to resolve: refuse it (plan_model_link) */
	g_return_val_if_fail(model->linked, NULL);
	g_return_val_if_fail(book != NULL, NULL);
	g_return_val_if_fail(error == NULL || *error == NULL, NULL);

	if (options != NULL && (options->hours_given || options->hours != 0.0))
		hours = options->hours;
	if (!plan_cost_check(model, book, hours, error))
		return NULL;
	services = plan_compare_select(model, options != NULL ? options->service : NULL, error);
	if (services == NULL)
		return NULL;

	instance_types = plan_price_book_instances(book);
	context.model = model;
	context.book = book;
	context.hours = hours;
	context.instance_types = instance_types;
	context.ebs_gp2 = plan_price_book_get(book, "ebs.gp2.gb_month");
	context.ebs_gp3 = plan_price_book_get(book, "ebs.gp3.gb_month");
	context.commits = options != NULL && options->commits != 0 ? options->commits
							  : PLAN_COMPARE_DEFAULT_COMMITS;

	compare = g_new0(PlanCompare, 1);
	compare->hours = hours;
	compare->region = g_strdup(plan_price_book_region(book));
	compare->book_as_of = g_strdup(plan_price_book_as_of(book));
	compare->book_origin = g_strdup(plan_price_book_origin(book));
	compare->services = g_ptr_array_new_with_free_func(plan_compare_entry_free);
	for (guint s = 0; s < services->len; s++) {
		g_ptr_array_add(compare->services,
				plan_compare_service(&context, g_ptr_array_index(services, s)));
		if (options != NULL && options->progress != NULL)
			options->progress(s + 1, services->len, options->progress_data);
	}
	compare->total = plan_compare_total(&context, services, compare->services);
	plan_compare_dates(compare, book, services);
	return g_steal_pointer(&compare);
}
