/* ecsplan: compute sizing — Fargate task sizes [S7], capacity provider splits, the memory an EC2
 * instance registers [S15], how many tasks fit one instance, and first-fit-decreasing
 * bin-packing of a cluster's tasks into instances per AZ. docs/compute.md is the prose. */
#include "compute.h"

#include <math.h>
#include <string.h>

#include "compute-private.h"

/* ---- Fargate sizes ---- */

static const gint64 fargate_256_memory[] = {512, 1024, 2048, 0};

/* docs.aws.amazon.com task-cpu-memory-error.html [S7]; the 8 and 16 vCPU rows need Linux
 * platform 1.4.0 */
static const PlanFargateRow fargate_rows[] = {
    {256, 512, 2048, 0, fargate_256_memory}, {512, 1024, 4096, 1024, NULL},
    {1024, 2048, 8192, 1024, NULL},	     {2048, 4096, 16384, 1024, NULL},
    {4096, 8192, 30720, 1024, NULL},	     {8192, 16384, 61440, 4096, NULL},
    {16384, 32768, 122880, 8192, NULL},
};

/**
 * plan_fargate_rows:
 * @n_rows: (out): 7
 *
 * Returns: (transfer none): the Fargate CPU/memory table, by increasing CPU
 */
const PlanFargateRow *
plan_fargate_rows(guint *n_rows)
{
	g_return_val_if_fail(n_rows != NULL, NULL);
	*n_rows = G_N_ELEMENTS(fargate_rows);
	return fargate_rows;
}

static gboolean
row_allows(const PlanFargateRow *row, gint64 memory_mib)
{
	if (row->memory_list != NULL) {
		for (guint i = 0; row->memory_list[i] != 0; i++) {
			if (row->memory_list[i] == memory_mib)
				return TRUE;
		}
		return FALSE;
	}
	return memory_mib >= row->memory_lo && memory_mib <= row->memory_hi &&
	       (memory_mib - row->memory_lo) % row->memory_step == 0;
}

/* the memory values of @row, in increasing order, appended to @sizes as PlanTaskSize */
static void
row_sizes(const PlanFargateRow *row, GArray *sizes)
{
	if (row->memory_list != NULL) {
		for (guint i = 0; row->memory_list[i] != 0; i++) {
			PlanTaskSize size = {row->cpu_units, row->memory_list[i]};
			g_array_append_val(sizes, size);
		}
		return;
	}
	for (gint64 memory = row->memory_lo; memory <= row->memory_hi; memory += row->memory_step) {
		PlanTaskSize size = {row->cpu_units, memory};
		g_array_append_val(sizes, size);
	}
}

gboolean
plan_fargate_size_valid(gint64 cpu_units, gint64 memory_mib)
{
	for (guint i = 0; i < G_N_ELEMENTS(fargate_rows); i++) {
		if (fargate_rows[i].cpu_units == cpu_units)
			return row_allows(&fargate_rows[i], memory_mib);
	}
	return FALSE;
}

/**
 * plan_fargate_fit:
 * @cpu_out: (out) (optional): the size's CPU units
 * @memory_out: (out) (optional): the size's memory, MiB
 *
 * The smallest valid size that holds the request: the row with the least CPU at or above
 * @cpu_units that has a memory value at or above @memory_mib, and its least such value. A
 * request of 0 asks for nothing in that dimension.
 *
 * Returns: FALSE when no Fargate size is that large (the outputs are then left alone)
 */
gboolean
plan_fargate_fit(gint64 cpu_units, gint64 memory_mib, gint64 *cpu_out, gint64 *memory_out)
{
	for (guint i = 0; i < G_N_ELEMENTS(fargate_rows); i++) {
		const PlanFargateRow *row = &fargate_rows[i];
		g_autoptr(GArray) sizes = NULL;
		if (row->cpu_units < cpu_units)
			continue;
		sizes = g_array_new(FALSE, FALSE, sizeof(PlanTaskSize));
		row_sizes(row, sizes);
		for (guint k = 0; k < sizes->len; k++) {
			const PlanTaskSize *size = &g_array_index(sizes, PlanTaskSize, k);
			if (size->memory_mib < memory_mib)
				continue;
			if (cpu_out != NULL)
				*cpu_out = size->cpu_units;
			if (memory_out != NULL)
				*memory_out = size->memory_mib;
			return TRUE;
		}
	}
	return FALSE;
}

typedef struct {
	PlanTaskSize size;
	double distance;
	gboolean holds; /* at least the request in both dimensions */
} SizeCandidate;

/* the distance between sizes is the sum of |log2(ratio)| per dimension: halving and doubling
 * are as far; a dimension the request leaves at 0 does not count */
static double
size_distance(gint64 want, gint64 have)
{
	if (want <= 0)
		return 0.0;
	return fabs(log2((double)have / (double)want));
}

/* nearest first; at the same distance (within rounding) a size that holds the request first,
 * then less CPU, then less memory: a total order, so the listing is deterministic */
static int
compare_candidates(gconstpointer a, gconstpointer b)
{
	const SizeCandidate *x = a;
	const SizeCandidate *y = b;

	if (fabs(x->distance - y->distance) > 1e-9)
		return x->distance < y->distance ? -1 : 1;
	if (x->holds != y->holds)
		return x->holds ? -1 : 1;
	if (x->size.cpu_units != y->size.cpu_units)
		return x->size.cpu_units < y->size.cpu_units ? -1 : 1;
	return (x->size.memory_mib > y->size.memory_mib) -
	       (x->size.memory_mib < y->size.memory_mib);
}

/**
 * plan_fargate_nearest:
 * @max_sizes: how many to list at most
 *
 * Returns: (transfer full): a GArray of PlanTaskSize, nearest first (see compare_candidates)
 */
GArray *
plan_fargate_nearest(gint64 cpu_units, gint64 memory_mib, guint max_sizes)
{
	g_autoptr(GArray) sizes = g_array_new(FALSE, FALSE, sizeof(PlanTaskSize));
	g_autoptr(GArray) candidates = g_array_new(FALSE, FALSE, sizeof(SizeCandidate));
	GArray *out = g_array_new(FALSE, FALSE, sizeof(PlanTaskSize));

	for (guint i = 0; i < G_N_ELEMENTS(fargate_rows); i++)
		row_sizes(&fargate_rows[i], sizes);
	for (guint i = 0; i < sizes->len; i++) {
		SizeCandidate candidate = {.size = g_array_index(sizes, PlanTaskSize, i)};
		candidate.distance = size_distance(cpu_units, candidate.size.cpu_units) +
				     size_distance(memory_mib, candidate.size.memory_mib);
		candidate.holds = candidate.size.cpu_units >= cpu_units &&
				  candidate.size.memory_mib >= memory_mib;
		g_array_append_val(candidates, candidate);
	}
	g_array_sort(candidates, compare_candidates);
	for (guint i = 0; i < candidates->len && out->len < max_sizes; i++)
		g_array_append_val(out, g_array_index(candidates, SizeCandidate, i).size);
	return out;
}

/* "256/512, 512/1024 or 1024/2048" */
char *
plan_fargate_nearest_text(gint64 cpu_units, gint64 memory_mib, guint max_sizes)
{
	g_autoptr(GArray) sizes = plan_fargate_nearest(cpu_units, memory_mib, max_sizes);
	GString *text = g_string_new(NULL);

	for (guint i = 0; i < sizes->len; i++) {
		const PlanTaskSize *size = &g_array_index(sizes, PlanTaskSize, i);
		if (i > 0)
			g_string_append(text, i + 1 == sizes->len ? " or " : ", ");
		g_string_append_printf(text, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
				       size->cpu_units, size->memory_mib);
	}
	return g_string_free(text, FALSE);
}

/* ---- a service's task ---- */

/**
 * plan_service_container_sums:
 *
 * The containers' CPU units and memory added up. A container's memory is its hard limit
 * ("memory") when set, else its soft limit ("memory_reservation"): the hard limit is what the
 * container can take, the reservation what ECS keeps for it when there is no hard limit.
 * The Service Connect proxy is not among them (plan_service_task_size adds it).
 */
void
plan_service_container_sums(const PlanService *service, gint64 *cpu_units, gint64 *memory_mib)
{
	gint64 cpu = 0;
	gint64 memory = 0;

	g_return_if_fail(service != NULL);
	for (guint i = 0; i < service->containers->len; i++) {
		const PlanContainer *container = g_ptr_array_index(service->containers, i);
		cpu += container->cpu;
		memory += container->memory > 0 ? container->memory : container->memory_reservation;
	}
	if (cpu_units != NULL)
		*cpu_units = cpu;
	if (memory_mib != NULL)
		*memory_mib = memory;
}

/**
 * plan_service_task_size:
 *
 * The size of one task, per dimension: the task-level value when the service sets it (what
 * Fargate bills and what EC2 placement reserves), else the containers' sum (see
 * plan_service_container_sums) plus, with Service Connect, what AWS recommends for the proxy
 * container ECS adds to each task: 256 CPU units and 64 MiB [S45]. 0 when neither says
 * anything. (A task-level size must hold the proxy itself: rule service-connect-room.)
 */
void
plan_service_task_size(const PlanService *service, gint64 *cpu_units, gint64 *memory_mib)
{
	gint64 cpu_sum = 0;
	gint64 memory_sum = 0;

	g_return_if_fail(service != NULL);
	plan_service_container_sums(service, &cpu_sum, &memory_sum);
	if (service->service_connect) {
		cpu_sum += PLAN_SERVICE_CONNECT_PROXY_CPU;
		memory_sum += PLAN_SERVICE_CONNECT_PROXY_MEMORY_MIB;
	}
	if (cpu_units != NULL)
		*cpu_units = service->cpu > 0 ? service->cpu : cpu_sum;
	if (memory_mib != NULL)
		*memory_mib = service->memory > 0 ? service->memory : memory_sum;
}

/* ---- capacity provider strategy ---- */

/**
 * plan_strategy_split:
 * @service: (transfer none): the service
 * @tasks: how many tasks to place
 * @counts_per_item: (out caller-allocates) (array): one count per strategy item
 *
 * ECS satisfies every item's base first, then places the rest in the ratio of the weights.
 * Bases are filled in item order (ECS allows one item with a base, rule strategy-base; with
 * several, the earlier ones fill first). The rest, r, is split by the largest remainder
 * method: item i gets floor(r × w_i / W), and the tasks that are left over go one each to the
 * items with the largest remainders (r × w_i mod W), ties to the earlier item. Weights 1 and 3
 * with 8 tasks give 2 and 6; with 5 tasks, 1.25 and 3.75 give 1 and 3 plus the leftover to the
 * second item (remainder 3 > 1): 1 and 4. When every weight is 0 (ECS refuses that), the rest
 * goes to the first item.
 */
void
plan_strategy_split(const PlanService *service, gint64 tasks, gint64 *counts_per_item)
{
	const GPtrArray *items;
	gint64 rest = MAX(tasks, 0);
	gint64 total_weight = 0;
	gint64 left;

	g_return_if_fail(service != NULL);
	items = service->capacity_provider_strategy;
	if (items->len == 0)
		return;
	g_return_if_fail(counts_per_item != NULL);

	for (guint i = 0; i < items->len; i++) {
		const PlanStrategyItem *item = g_ptr_array_index(items, i);
		gint64 base = MIN(MAX(item->base, 0), rest);
		counts_per_item[i] = base;
		rest -= base;
		total_weight += MAX(item->weight, 0);
	}
	if (rest == 0)
		return;
	if (total_weight == 0) {
		counts_per_item[0] += rest;
		return;
	}
	left = rest;
	for (guint i = 0; i < items->len; i++) {
		const PlanStrategyItem *item = g_ptr_array_index(items, i);
		gint64 share = rest * MAX(item->weight, 0) / total_weight;
		counts_per_item[i] += share;
		left -= share;
	}
	/* at most items->len - 1 tasks are left; each pass gives one to the largest remainder */
	{
		g_autofree gboolean *given = g_new0(gboolean, items->len);
		for (; left > 0; left--) {
			gint best = -1;
			gint64 best_remainder = -1;
			for (guint i = 0; i < items->len; i++) {
				const PlanStrategyItem *item = g_ptr_array_index(items, i);
				gint64 remainder = rest * MAX(item->weight, 0) % total_weight;
				if (!given[i] && remainder > best_remainder) {
					best = (gint)i;
					best_remainder = remainder;
				}
			}
			given[best] = TRUE;
			counts_per_item[best]++;
		}
	}
}

/**
 * plan_service_spot_split:
 * @on_demand: (out) (optional): tasks on regular capacity
 * @spot: (out) (optional): tasks on FARGATE_SPOT
 *
 * Items whose capacity provider is "FARGATE_SPOT" count as Spot, every other item as
 * on-demand. A service without a strategy (launch type FARGATE or EC2) is all on-demand.
 */
void
plan_service_spot_split(const PlanService *service, gint64 tasks, gint64 *on_demand, gint64 *spot)
{
	const GPtrArray *items;
	gint64 spot_tasks = 0;

	g_return_if_fail(service != NULL);
	items = service->capacity_provider_strategy;
	tasks = MAX(tasks, 0);
	if (items->len > 0) {
		g_autofree gint64 *counts = g_new0(gint64, items->len);
		plan_strategy_split(service, tasks, counts);
		for (guint i = 0; i < items->len; i++) {
			const PlanStrategyItem *item = g_ptr_array_index(items, i);
			if (g_strcmp0(item->capacity_provider, "FARGATE_SPOT") == 0)
				spot_tasks += counts[i];
		}
	}
	if (on_demand != NULL)
		*on_demand = tasks - spot_tasks;
	if (spot != NULL)
		*spot = spot_tasks;
}

/* ---- one instance ---- */

gint64
plan_instance_registered_cpu(const PlanInstanceType *type)
{
	g_return_val_if_fail(type != NULL, 0);
	return type->vcpu * PLAN_CPU_UNITS_PER_VCPU;
}

/**
 * plan_instance_registered_memory:
 *
 * Installed memory less the agent and OS overhead: floor(installed × 253 / 10000) MiB, i.e.
 * 2.53% rounded down. DERIVED from the one documented case, an m4.large with 8192 MiB that
 * registers 7985 MiB (207 MiB less) on the ECS-optimised Amazon Linux AMI [S15]; the formula
 * gives 8192 × 253 / 10000 = 207.26 → 207 → 7985 exactly. UNCONFIRMED for every other type:
 * the real overhead varies by type and AMI, and ECS_RESERVED_MEMORY (assumed 0) subtracts more.
 */
gint64
plan_instance_registered_memory(const PlanInstanceType *type)
{
	g_return_val_if_fail(type != NULL, 0);
	return type->memory_mib - type->memory_mib * PLAN_MEMORY_OVERHEAD_PER_10000 / 10000;
}

gboolean
plan_instance_trunking(const PlanInstanceType *type, gboolean trunking)
{
	g_return_val_if_fail(type != NULL, FALSE);
	return trunking && type->tasks_trunk > 0;
}

/* awsvpc tasks per instance [S9]: max ENIs − 1 without trunking, the trunk limit with it */
gint64
plan_instance_task_enis(const PlanInstanceType *type, gboolean trunking)
{
	g_return_val_if_fail(type != NULL, 0);
	return plan_instance_trunking(type, trunking) ? type->tasks_trunk : type->tasks_no_trunk;
}

const char *
plan_limit_to_string(PlanLimit limit)
{
	switch (limit) {
	case PLAN_LIMIT_CPU:
		return "cpu";
	case PLAN_LIMIT_MEMORY:
		return "memory";
	case PLAN_LIMIT_ENI:
		return "eni";
	case PLAN_LIMIT_PORT:
		return "port";
	case PLAN_LIMIT_NONE:
	default:
		return "none";
	}
}

/* host ports only matter outside awsvpc: there each task has its own ENI and address */
static gboolean
service_binds_host_port(const PlanService *service)
{
	if (service->launch_type == PLAN_LAUNCH_FARGATE ||
	    service->network_mode == PLAN_NETWORK_AWSVPC)
		return FALSE;
	for (guint i = 0; i < service->containers->len; i++) {
		const PlanContainer *container = g_ptr_array_index(service->containers, i);
		if (container->port > 0)
			return TRUE;
	}
	return FALSE;
}

PlanTaskShape
plan_service_task_shape(const PlanService *service)
{
	PlanTaskShape shape = {0};

	g_return_val_if_fail(service != NULL, shape);
	plan_service_task_size(service, &shape.cpu_units, &shape.memory_mib);
	shape.network_mode = service->launch_type == PLAN_LAUNCH_FARGATE ? PLAN_NETWORK_AWSVPC
									 : service->network_mode;
	shape.host_port = service_binds_host_port(service);
	return shape;
}

static gint64
fit_count(gint64 room, gint64 need)
{
	if (need <= 0)
		return G_MAXINT64;
	return room > 0 ? room / need : 0;
}

static gboolean
ports_clash(const GArray *bound, const GArray *wanted)
{
	for (guint i = 0; bound != NULL && wanted != NULL && i < wanted->len; i++) {
		for (guint k = 0; k < bound->len; k++) {
			if (g_array_index(bound, gint64, k) == g_array_index(wanted, gint64, i))
				return TRUE;
		}
	}
	return FALSE;
}

/**
 * plan_packing:
 * @type: (transfer none): the instance type
 * @shape: (transfer none): the task
 * @trunking: whether the cluster asks for ENI trunking (used when the type supports it)
 *
 * plan_packing_reserved() of an instance that holds nothing else.
 */
PlanPacking
plan_packing(const PlanInstanceType *type, const PlanTaskShape *shape, gboolean trunking)
{
	return plan_packing_reserved(type, NULL, shape, trunking);
}

/**
 * plan_packing_reserved:
 * @type: (transfer none): the instance type
 * @reserve: (transfer none) (nullable): what every instance holds first
 * @shape: (transfer none): the task (its host ports are not known here: a task that binds one
 *   fits once; plan_compute() and compute_bins_*() also refuse a port a daemon binds)
 * @trunking: whether the cluster asks for ENI trunking (used when the type supports it)
 *
 * How many copies of the task fit one instance beside the daemons: the least of CPU (room /
 * task units), memory (registered MiB less ECS_RESERVED_MEMORY and the daemons / task MiB),
 * ENIs (awsvpc only: the type's task slots less the awsvpc daemons) and host ports (1 when the
 * task binds one). The limit named is the first of cpu, memory, eni, port that reaches the
 * least. m5.large beside a 256/512 daemon: 2048 − 256 = 1792 units, 7985 − 512 = 7473 MiB, so
 * 512/1024 tasks fit 3 (cpu), not 4.
 */
PlanPacking
plan_packing_reserved(const PlanInstanceType *type, const PlanInstanceReserve *reserve,
		      const PlanTaskShape *shape, gboolean trunking)
{
	PlanPacking packing = {0};
	gint64 by[4];
	gint64 daemon_enis = 0;

	g_return_val_if_fail(type != NULL && shape != NULL, packing);
	packing.registered_cpu = plan_instance_registered_cpu(type);
	packing.registered_memory = plan_instance_registered_memory(type);
	packing.room_cpu = packing.registered_cpu;
	packing.room_memory = packing.registered_memory;
	if (reserve != NULL) {
		packing.registered_memory = MAX(packing.registered_memory - reserve->reserved_memory, 0);
		packing.room_cpu = packing.registered_cpu - reserve->cpu_units;
		packing.room_memory = packing.registered_memory - reserve->memory_mib;
		daemon_enis = reserve->enis;
	}
	packing.by_cpu = fit_count(packing.room_cpu, shape->cpu_units);
	packing.by_memory = fit_count(packing.room_memory, shape->memory_mib);
	packing.by_eni = shape->network_mode == PLAN_NETWORK_AWSVPC
			     ? MAX(plan_instance_task_enis(type, trunking) - daemon_enis, 0)
			     : G_MAXINT64;
	packing.by_port = shape->host_port ? 1 : G_MAXINT64;
	/* a dimension the task does not ask for still needs room: nothing fits an instance the
	 * daemons or the reserved memory already overfill */
	if (packing.room_cpu < 0 || packing.room_memory < 0) {
		if (packing.room_cpu < 0)
			packing.by_cpu = 0;
		else
			packing.by_memory = 0;
	}
	by[0] = packing.by_cpu;
	by[1] = packing.by_memory;
	by[2] = packing.by_eni;
	by[3] = packing.by_port;
	packing.tasks = G_MAXINT64;
	packing.limit = PLAN_LIMIT_NONE;
	for (guint i = 0; i < G_N_ELEMENTS(by); i++) {
		if (by[i] < packing.tasks) {
			packing.tasks = by[i];
			packing.limit = (PlanLimit)(PLAN_LIMIT_CPU + i);
		}
	}
	return packing;
}

/* ---- bin-packing ---- */

/* consecutive instances that hold the same tasks; first fit only ever fills bins in order, so
 * identical neighbours stay together and a million tasks need a handful of groups */
typedef struct {
	gint64 count;
	gint64 cpu;    /* units reserved per instance */
	gint64 memory; /* MiB */
	gint64 enis;   /* awsvpc slots taken */
	GArray *ports; /* gint64 host ports bound, or NULL */
} BinGroup;

struct _PlanBins {
	gint64 registered_cpu; /* what the reserve leaves: registered less the daemons */
	gint64 registered_memory;
	gint64 eni_slots;
	const GArray *reserved_ports; /* the daemons' host ports (borrowed), or NULL */
	GArray *groups;		      /* BinGroup, in bin order */
};

static void
bin_group_clear(gpointer data)
{
	BinGroup *group = data;
	g_clear_pointer(&group->ports, g_array_unref);
}

/* @reserve (transfer none) (nullable): borrowed for the life of the bins */
PlanBins *
compute_bins_new(const PlanInstanceType *type, const PlanInstanceReserve *reserve,
		 gboolean trunking)
{
	PlanBins *bins = g_new0(PlanBins, 1);
	bins->registered_cpu = plan_instance_registered_cpu(type);
	bins->registered_memory = plan_instance_registered_memory(type);
	bins->eni_slots = MAX(plan_instance_task_enis(type, trunking), 0);
	if (reserve != NULL) {
		bins->registered_cpu -= reserve->cpu_units;
		bins->registered_memory -= reserve->reserved_memory + reserve->memory_mib;
		bins->eni_slots = MAX(bins->eni_slots - reserve->enis, 0);
		bins->reserved_ports = reserve->ports;
	}
	bins->groups = g_array_new(FALSE, TRUE, sizeof(BinGroup));
	g_array_set_clear_func(bins->groups, bin_group_clear);
	return bins;
}

void
compute_bins_free(PlanBins *bins)
{
	if (bins == NULL)
		return;
	g_array_unref(bins->groups);
	g_free(bins);
}

gint64
compute_bins_count(const PlanBins *bins)
{
	gint64 count = 0;
	for (guint i = 0; i < bins->groups->len; i++)
		count += g_array_index(bins->groups, BinGroup, i).count;
	return count;
}

/* how many more copies of @item fit one bin of @group */
static gint64
group_room(const PlanBins *bins, const BinGroup *group, const PlanBinItem *item)
{
	gint64 room;

	if (bins->registered_cpu < 0 || bins->registered_memory < 0)
		return 0;
	room = fit_count(bins->registered_cpu - group->cpu, item->shape.cpu_units);
	room =
	    MIN(room, fit_count(bins->registered_memory - group->memory, item->shape.memory_mib));
	if (item->shape.network_mode == PLAN_NETWORK_AWSVPC)
		room = MIN(room, fit_count(bins->eni_slots - group->enis, 1));
	if (item->ports != NULL && item->ports->len > 0) {
		if (ports_clash(group->ports, item->ports) ||
		    ports_clash(bins->reserved_ports, item->ports))
			return 0;
		room = MIN(room, 1);
	}
	return room;
}

static GArray *
ports_copy(const GArray *ports)
{
	GArray *copy;
	if (ports == NULL)
		return NULL;
	copy = g_array_sized_new(FALSE, FALSE, sizeof(gint64), ports->len);
	g_array_append_vals(copy, ports->data, ports->len);
	return copy;
}

/* @group with @tasks more copies of @item in each bin */
static BinGroup
group_added(const BinGroup *group, const PlanBinItem *item, gint64 count, gint64 tasks)
{
	BinGroup out = {.count = count};
	out.cpu = group->cpu + tasks * item->shape.cpu_units;
	out.memory = group->memory + tasks * item->shape.memory_mib;
	out.enis = group->enis + (item->shape.network_mode == PLAN_NETWORK_AWSVPC ? tasks : 0);
	out.ports = ports_copy(group->ports);
	if (tasks > 0 && item->ports != NULL && item->ports->len > 0) {
		if (out.ports == NULL)
			out.ports = g_array_new(FALSE, FALSE, sizeof(gint64));
		g_array_append_vals(out.ports, item->ports->data, item->ports->len);
	}
	return out;
}

/**
 * compute_bins_add:
 * @bins: (transfer none): the instances of one AZ so far
 * @item: (transfer none): @item->count copies of one task
 *
 * First fit for identical items: walk the instances in order and fill each as far as it takes
 * copies, then open new instances. Equivalent to placing the copies one at a time.
 *
 * Returns: FALSE when the task does not fit an empty instance (nothing is placed)
 */
gboolean
compute_bins_add(PlanBins *bins, const PlanBinItem *item)
{
	BinGroup empty = {0};
	gint64 rest = item->count;
	gint64 per_bin = group_room(bins, &empty, item);

	if (per_bin == 0)
		return FALSE;
	for (guint i = 0; i < bins->groups->len && rest > 0; i++) {
		BinGroup *group = &g_array_index(bins->groups, BinGroup, i);
		gint64 room = group_room(bins, group, item);
		gint64 full;
		BinGroup parts[3];
		guint n_parts = 0;

		if (room == 0)
			continue;
		full = MIN(rest / room, group->count);
		if (full == group->count) {
			BinGroup filled = group_added(group, item, group->count, room);
			bin_group_clear(group);
			*group = filled;
			rest -= room * full;
			continue;
		}
		/* the group splits: `full` bins take room copies, one takes the rest, the others
		 * none */
		if (full > 0)
			parts[n_parts++] = group_added(group, item, full, room);
		parts[n_parts++] = group_added(group, item, 1, rest - full * room);
		if (group->count - full - 1 > 0)
			parts[n_parts++] = group_added(group, item, group->count - full - 1, 0);
		g_array_remove_index(bins->groups, i);
		g_array_insert_vals(bins->groups, i, parts, n_parts);
		rest = 0;
	}
	if (rest > 0) {
		gint64 full = rest / per_bin;
		if (full > 0) {
			BinGroup group = group_added(&empty, item, full, per_bin);
			g_array_append_val(bins->groups, group);
		}
		if (rest % per_bin > 0) {
			BinGroup group = group_added(&empty, item, 1, rest % per_bin);
			g_array_append_val(bins->groups, group);
		}
	}
	return TRUE;
}

/* larger tasks first (first-fit decreasing): by the largest share of an instance any one
 * dimension takes, then host-port tasks, then model order */
static double
item_share(const PlanBins *bins, const PlanBinItem *item)
{
	double share = 0.0;
	if (bins->registered_cpu > 0)
		share = MAX(share, (double)item->shape.cpu_units / (double)bins->registered_cpu);
	if (bins->registered_memory > 0)
		share =
		    MAX(share, (double)item->shape.memory_mib / (double)bins->registered_memory);
	if (item->shape.network_mode == PLAN_NETWORK_AWSVPC && bins->eni_slots > 0)
		share = MAX(share, 1.0 / (double)bins->eni_slots);
	return share;
}

typedef struct {
	const PlanBinItem *item;
	double share;
	guint order;
} SortedItem;

static int
compare_sorted_items(gconstpointer a, gconstpointer b)
{
	const SortedItem *x = a;
	const SortedItem *y = b;
	if (x->share != y->share)
		return x->share > y->share ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/**
 * compute_bins_pack:
 * @bins: (transfer none): empty instances of one AZ
 * @items: (array length=n_items): the tasks of that AZ, one entry per service
 *
 * First-fit decreasing. Items that do not fit an empty instance are skipped (the caller
 * reports them).
 *
 * Returns: how many instances the AZ needs
 */
gint64
compute_bins_pack(PlanBins *bins, const PlanBinItem *items, guint n_items)
{
	g_autofree SortedItem *sorted = g_new0(SortedItem, MAX(n_items, 1));

	for (guint i = 0; i < n_items; i++)
		sorted[i] = (SortedItem){&items[i], item_share(bins, &items[i]), i};
	qsort(sorted, n_items, sizeof(SortedItem), compare_sorted_items);
	for (guint i = 0; i < n_items; i++) {
		if (sorted[i].item->count > 0)
			(void)compute_bins_add(bins, sorted[i].item);
	}
	return compute_bins_count(bins);
}

/* @tasks spread evenly over @n_azs, the first AZs (from @start, wrapping) taking one more */
void
compute_spread(gint64 tasks, guint n_azs, guint start, gint64 *per_az)
{
	for (guint i = 0; i < n_azs; i++) {
		guint offset = (i + n_azs - start % n_azs) % n_azs;
		per_az[i] = tasks / n_azs + ((gint64)offset < tasks % n_azs ? 1 : 0);
	}
}

/**
 * plan_instances_needed:
 * @type: (transfer none): the instance type
 * @shape: (transfer none): one task
 * @trunking: whether ENI trunking is on (used when the type supports it)
 * @tasks: how many tasks
 * @n_azs: over how many AZs ECS spreads them (0 counts as 1)
 * @per_az: (out caller-allocates) (array length=n_azs) (optional): instances per AZ
 *
 * A hypothetical for cost comparisons: the tasks spread evenly over the AZs (the first AZs
 * take the extra ones), each AZ packed on its own, so 3 tasks over 3 AZs need 3 instances
 * whatever their size.
 *
 * Returns: the instances needed, or -1 when the task fits no instance of the type
 */
gint64
plan_instances_needed(const PlanInstanceType *type, const PlanTaskShape *shape, gboolean trunking,
		      gint64 tasks, guint n_azs, gint64 *per_az)
{
	PlanPacking packing;

	g_return_val_if_fail(type != NULL && shape != NULL, -1);
	packing = plan_packing(type, shape, trunking);
	return plan_instances_for_packing(&packing, tasks, n_azs, per_az);
}

gint64
plan_instances_for_packing(const PlanPacking *packing, gint64 tasks, guint n_azs,
			   gint64 *per_az)
{
	gint64 total = 0;

	g_return_val_if_fail(packing != NULL, -1);
	if (packing->tasks == 0)
		return -1;
	if (n_azs == 0)
		n_azs = 1;
	for (guint i = 0; i < n_azs; i++) {
		gint64 share = MAX(tasks, 0) / n_azs + ((gint64)i < MAX(tasks, 0) % n_azs ? 1 : 0);
		gint64 instances = packing->tasks == G_MAXINT64
				       ? (share > 0 ? 1 : 0)
				       : (share + packing->tasks - 1) / packing->tasks;
		if (per_az != NULL)
			per_az[i] = instances;
		total += instances;
	}
	return total;
}
