/* the pieces every compare option is built from (docs/compare.md): the result's entries, an
 * instance type's EC2 costs (hours, EBS, CPU credits) and staircase, what a service asks of EC2
 * (its AZs, trunking, volumes, CPU use), and the order options are listed in */
#include "compare-private.h"

#include <math.h>
#include <string.h>

/* ---- what compare works out once ------------------------------------------------------------ */

/* a task shape with the trunking asked and the architecture: what decides whether an empty
 * instance of a type holds the task */
typedef struct {
	gint64 cpu_units;
	gint64 memory_mib;
	gint network_mode;
	gint host_port;
	gint trunking;
	gint architecture;
} PlanCompareFitKey;

struct _PlanCompareMemo {
	GHashTable *fits;  /* PlanCompareFitKey → guint (unpriced types that hold it) */
	GHashTable *rates; /* gint64 task storage GB → PlanCostFargateRates[2][2] */
};

static guint
plan_compare_fit_hash(gconstpointer data)
{
	const PlanCompareFitKey *key = data;
	guint64 h = (guint64)key->cpu_units * 1000003u ^ (guint64)key->memory_mib;
	h = h * 31u + (guint)key->network_mode;
	h = h * 31u + (guint)key->host_port;
	h = h * 31u + (guint)key->trunking;
	h = h * 31u + (guint)key->architecture;
	return (guint)(h ^ (h >> 32));
}

static gboolean
plan_compare_fit_equal(gconstpointer a, gconstpointer b)
{
	const PlanCompareFitKey *x = a;
	const PlanCompareFitKey *y = b;
	return x->cpu_units == y->cpu_units && x->memory_mib == y->memory_mib &&
	       x->network_mode == y->network_mode && x->host_port == y->host_port &&
	       x->trunking == y->trunking && x->architecture == y->architecture;
}

PlanCompareMemo *
plan_compare_memo_new(void)
{
	PlanCompareMemo *memo = g_new0(PlanCompareMemo, 1);
	memo->fits = g_hash_table_new_full(plan_compare_fit_hash, plan_compare_fit_equal, g_free, NULL);
	memo->rates = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
	return memo;
}

void
plan_compare_memo_free(PlanCompareMemo *memo)
{
	if (memo == NULL)
		return;
	g_hash_table_unref(memo->fits);
	g_hash_table_unref(memo->rates);
	g_free(memo);
}

/* the book's types by architecture and price, each list in the book's order */
void
plan_compare_context_types(PlanCompareContext *context)
{
	for (guint a = 0; a < 2; a++) {
		context->priced_types[a] = g_ptr_array_new();
		context->unpriced_types[a] = g_ptr_array_new();
	}
	for (guint i = 0; i < context->instance_types->len; i++) {
		PlanInstanceType *type = g_ptr_array_index(context->instance_types, i);
		for (guint a = 0; a < 2; a++) {
			if (!plan_compare_type_runs(type, a == 1 ? PLAN_ARCH_ARM64 : PLAN_ARCH_X86_64))
				continue;
			g_ptr_array_add(type->hourly.present ? context->priced_types[a]
							     : context->unpriced_types[a],
					type);
		}
	}
	context->memo = plan_compare_memo_new();
}

void
plan_compare_context_clear(PlanCompareContext *context)
{
	for (guint a = 0; a < 2; a++) {
		g_clear_pointer(&context->priced_types[a], g_ptr_array_unref);
		g_clear_pointer(&context->unpriced_types[a], g_ptr_array_unref);
	}
	g_clear_pointer(&context->memo, plan_compare_memo_free);
}

guint
plan_compare_unpriced_fits(const PlanCompareContext *context, PlanArchitecture architecture,
			   const PlanTaskShape *shape, gboolean trunking)
{
	guint arch = architecture == PLAN_ARCH_ARM64 ? 1 : 0;
	PlanCompareFitKey key = {shape->cpu_units, shape->memory_mib, (gint)shape->network_mode,
				 shape->host_port ? 1 : 0,  trunking ? 1 : 0,
				 (gint)arch};
	gpointer found;
	guint fits = 0;

	if (g_hash_table_lookup_extended(context->memo->fits, &key, NULL, &found))
		return GPOINTER_TO_UINT(found);
	for (guint i = 0; i < context->unpriced_types[arch]->len; i++)
		if (plan_packing(g_ptr_array_index(context->unpriced_types[arch], i), shape, trunking)
			.tasks > 0)
			fits++;
	g_hash_table_insert(context->memo->fits, g_memdup2(&key, sizeof(key)), GUINT_TO_POINTER(fits));
	return fits;
}

void
plan_compare_task_rates(const PlanCompareContext *context, PlanCompareTask *task)
{
	PlanCostFargateRates *rates =
	    g_hash_table_lookup(context->memo->rates, &task->ephemeral_storage_gb);

	if (rates == NULL) {
		gint64 *key = g_new(gint64, 1);
		*key = task->ephemeral_storage_gb;
		rates = g_new0(PlanCostFargateRates, 4);
		for (guint arch = 0; arch < 2; arch++)
			for (guint spot = 0; spot < 2; spot++)
				plan_cost_fargate_rates(context->book,
							arch == 1 ? PLAN_ARCH_ARM64 : PLAN_ARCH_X86_64,
							task->ephemeral_storage_gb, spot == 1,
							&rates[arch * 2 + spot]);
		g_hash_table_insert(context->memo->rates, key, rates);
	}
	memcpy(task->fargate, rates, sizeof(task->fargate));
}

/* ---- the result's entries --------------------------------------------------------------------- */

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

PlanCompareEntry *
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

void
plan_compare_entry_free(gpointer data)
{
	PlanCompareEntry *entry = data;
	if (entry == NULL)
		return;
	g_free(entry->name);
	g_free(entry->daemon_names);
	g_array_unref(entry->options);
	g_array_unref(entry->commitments);
	g_array_unref(entry->points);
	g_array_unref(entry->break_evens);
	g_free(entry);
}

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
PlanCompareBurst
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

const PlanPrice *
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

PlanCompareCosts
plan_compare_ec2_costs(const PlanCompareContext *context, const PlanCompareUse *use,
		       const PlanInstanceType *type, gint64 instances, gint64 tasks,
		       double *surplus)
{
	double baseline = 0.0;
	PlanCompareBurst burst = plan_compare_burst(type, &baseline);

	return plan_compare_ec2_costs_with(context, use, type, burst, baseline, instances, tasks,
					   surplus);
}

/**
 * plan_compare_reserve:
 * @task: (transfer none): the service
 * @type: (transfer none): an instance type
 *
 * Returns: (transfer full) (nullable): what the service's cluster puts on every instance of
 * @type before its tasks (its DAEMON services, ECS_RESERVED_MEMORY); NULL when the service has
 * no cluster or the cluster reserves nothing
 */
PlanInstanceReserve *
plan_compare_reserve(const PlanCompareTask *task, const PlanInstanceType *type,
		     gboolean trunking)
{
	if (!task->entry->reserve || task->daemons == NULL)
		return NULL;
	return plan_instance_reserve_for(task->model, task->daemons, task->reserved_memory, type,
					 trunking);
}

/* @reserve (nullable) summed into @candidate */
void
plan_compare_candidate_reserve(PlanCompareCandidate *candidate, const PlanInstanceReserve *reserve)
{
	if (reserve == NULL)
		return;
	candidate->n_daemons = reserve->daemons->len;
	candidate->daemon_cpu = reserve->cpu_units;
	candidate->daemon_memory = reserve->memory_mib;
	candidate->reserved_memory = reserve->reserved_memory;
}

PlanCompareStairs
plan_compare_stairs(const PlanCompareTask *task, const PlanInstanceType *type)
{
	PlanCompareStairs stairs = {.type = type};
	g_autoptr(PlanInstanceReserve) reserve =
	    plan_compare_reserve(task, type, task->entry->trunking);

	stairs.packing = plan_packing_reserved(type, reserve, &task->shape, task->entry->trunking);
	stairs.burst = plan_compare_burst(type, &stairs.baseline);
	return stairs;
}

/* the instances and the EC2 cost of @n tasks on @stairs' type */
PlanNanos
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

/* the EC2 cost of @instances instances of @stairs' type running @n tasks (what
 * plan_compare_stairs_cost() prices once it has the instances) */
PlanCompareCosts
plan_compare_stairs_costs(const PlanCompareContext *context, const PlanCompareTask *task,
			  const PlanCompareStairs *stairs, gint64 instances, gint64 n)
{
	double surplus;

	return plan_compare_ec2_costs_with(context, &task->use, stairs->type, stairs->burst,
					   stairs->baseline, instances, n, &surplus);
}

double
plan_compare_share(gint64 reserved, gint64 instances, gint64 registered)
{
	if (instances <= 0 || registered <= 0)
		return 0.0;
	return (double)reserved / ((double)instances * (double)registered);
}

/* the type runs tasks built for @architecture */
gboolean
plan_compare_type_runs(const PlanInstanceType *type, PlanArchitecture architecture)
{
	return g_strcmp0(type->architecture, plan_compare_arch_name(architecture)) == 0;
}

/* the cluster of an EC2 service, or NULL */
const PlanCluster *
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
GPtrArray *
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
gboolean
plan_compare_service_trunking(const PlanModel *model, const PlanService *service)
{
	const PlanCluster *cluster = plan_compare_cluster(model, service);
	return cluster != NULL && cluster->trunking;
}

/* the trunking a service's EC2 options are priced with: the model's (its cluster's), or the
 * what-if's; with both, on (the break-even's and the Spot and commitment rows'; the rows
 * without it are added beside) */
gboolean
plan_compare_trunking_asked(const PlanCompareContext *context, const PlanService *service)
{
	switch (context->trunking) {
	case PLAN_COMPARE_TRUNKING_OFF:
		return FALSE;
	case PLAN_COMPARE_TRUNKING_ON:
	case PLAN_COMPARE_TRUNKING_BOTH:
		return TRUE;
	case PLAN_COMPARE_TRUNKING_MODEL:
	default:
		return plan_compare_service_trunking(context->model, service);
	}
}

/* a task of @service as EC2 would pack it: plan_service_task_shape(), or under the
 * --network-mode what-if that mode, with the host-port rule plan_service_task_shape() applies
 * (outside awsvpc a container port is bound on the host: one task per instance) */
PlanTaskShape
plan_compare_task_shape(const PlanCompareContext *context, const PlanService *service)
{
	PlanTaskShape shape = plan_service_task_shape(service);

	if (!context->network_mode_given)
		return shape;
	shape.network_mode = context->network_mode;
	shape.host_port = FALSE;
	for (guint i = 0; shape.network_mode != PLAN_NETWORK_AWSVPC && i < service->containers->len;
	     i++) {
		const PlanContainer *container = g_ptr_array_index(service->containers, i);
		shape.host_port |= container->port > 0;
	}
	return shape;
}

/* --trunking both lists @type twice, with and without trunking: only when the type supports
 * it and (@awsvpc) tasks are awsvpc (in bridge and host mode ENIs do not limit the count) */
gboolean
plan_compare_trunking_pairs(const PlanCompareContext *context, const PlanInstanceType *type,
			    gboolean awsvpc)
{
	return context->trunking == PLAN_COMPARE_TRUNKING_BOTH && type->tasks_trunk > 0 && awsvpc;
}

/* "EC2 m6i.large", "EC2 m6i.large Spot"; under a what-if the row's settings follow, so rows
 * of one type tell apart and the row of what the model runs (at its own settings) stands out:
 * ", bridge" (--network-mode), ", trunking" or ", no trunking" (--trunking; @trunking: in
 * effect) */
char *
plan_compare_ec2_label(const PlanCompareContext *context, const PlanInstanceType *type,
		       PlanNetworkMode network_mode, gboolean trunking, gboolean spot)
{
	GString *label = g_string_new(NULL);

	g_string_append_printf(label, "EC2 %s%s", type->name, spot ? " Spot" : "");
	if (context->network_mode_given)
		g_string_append_printf(label, ", %s", plan_network_mode_to_string(network_mode));
	/* ENIs do not limit bridge and host tasks: trunking changes nothing there */
	if (context->trunking != PLAN_COMPARE_TRUNKING_MODEL && network_mode == PLAN_NETWORK_AWSVPC)
		g_string_append(label, trunking ? ", trunking" : ", no trunking");
	return g_string_free(label, FALSE);
}

gboolean
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

/* the service's EC2 needs: its cluster's volumes (else the AMI's default root volume) and the
 * vCPUs a task keeps busy: cpu_utilization × the task's CPU units ÷ 1024 */
PlanCompareUse
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

PlanCompareOption *
plan_compare_add(PlanCompareEntry *entry, PlanCompareKind kind, char *label)
{
	PlanCompareOption option = {.kind = kind, .label = label, .priced = TRUE};
	g_array_append_val(entry->options, option);
	return &g_array_index(entry->options, PlanCompareOption, entry->options->len - 1);
}

/* an option's EC2 fields from a candidate (the caller sets the utilisation) */
void
plan_compare_fill_ec2(const PlanCompareContext *context, PlanCompareOption *option,
		      const PlanCompareCandidate *candidate, const PlanCompareUse *use)
{
	const PlanInstanceType *type = candidate->type;
	const PlanPrice *ebs = plan_compare_ebs_price(context, use->ebs_type);

	option->instance_type = type;
	option->instances = candidate->instances;
	option->network_mode = candidate->network_mode;
	option->trunking_asked = candidate->trunking;
	/* in effect: asked, and the type supports it (t2 and t3 do not [S9]) */
	option->trunking = plan_instance_trunking(type, candidate->trunking);
	option->priced = type->hourly.present;
	option->costs = candidate->costs;
	option->monthly_cost = candidate->cost;
	option->burst = plan_compare_burst(type, &option->baseline);
	option->surplus_vcpu_hours = candidate->surplus;
	option->n_daemons = candidate->n_daemons;
	option->daemon_cpu_units = candidate->daemon_cpu;
	option->daemon_memory_mib = candidate->daemon_memory;
	option->reserved_memory_mib = candidate->reserved_memory;
	option->daemon_cpu_share = plan_compare_share(candidate->daemon_cpu, 1,
						      plan_instance_registered_cpu(type));
	option->daemon_memory_share =
	    plan_compare_share(candidate->daemon_memory, 1,
			       plan_instance_registered_memory(type) - candidate->reserved_memory);
	/* an EBS figure the book lacks, or an unconfirmed one, and the credit rate (not in the
	 * book) make the whole an estimate */
	option->estimate = !type->hourly.present || plan_price_is_estimate(&type->hourly) ||
			   (use->ebs_gb > 0 && (ebs == NULL || plan_price_is_estimate(ebs))) ||
			   candidate->costs.credits > 0;
}

/* cheapest first; on equal cost the lower hourly price, then the name */
gint
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

/* the cheapest EC2 option again with every instance on Spot: instance hours at (1 −
 * savings) of on-demand: the book's Spot Advisor savings for the type, else @discount (the
 * cluster's spot_discount, default 0.65, UNCONFIRMED: aws-facts §3c), EBS and credits as
 * on-demand. Always an estimate; Spot instances can be reclaimed at
 * two minutes' notice */
void
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

	copy.label = plan_compare_ec2_label(context, on_demand->instance_type,
					    on_demand->network_mode, on_demand->trunking, TRUE);
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
gboolean
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

/* priced first, then by cost, then kind (Fargate x86_64, arm64, Spot, EC2), hourly price, name */
gint
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
