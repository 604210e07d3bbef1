/* the whole model (docs/compare.md, "The whole model"): the services' Fargate options added up,
 * and every EC2 service's tasks on one fleet shared per AZ, packed onto each type that runs
 * them all */
#include "compare-private.h"

#include <string.h>

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
 * uneven spread's extra task rotating from service to service, as cluster sizing does. The
 * services are read once (plan_compare_fleet_build); the AZs' items are refilled for each set
 * of task counts (plan_compare_fleet_fill: the desired counts, or the model scaled) */
typedef struct {
	GArray *azs;	     /* PlanCompareAz, first-seen order */
	GPtrArray *ports;    /* the host-port arrays the items point at */
	GArray *services;    /* const PlanService *, the services with tasks */
	GArray *indices;     /* guint: each of @services' place in the services compared */
	GArray *shapes;	     /* PlanTaskShape of each of @services */
	GArray *distinct;    /* the same without repeats, first-seen order: what fits checks */
	GArray *items;	     /* PlanBinItem of each of @services (count 0) */
	GArray *desired;     /* gint64: each of @services' steady task count */
	GArray *uses;	     /* PlanCompareUse of each of @services */
	GPtrArray *az_index; /* each of @services' AZs: a GArray of guint indices into @azs */
	GHashTable *az_by_key; /* an AZ's key (borrowed from @azs) -> its index + 1 */
	GArray *clusters;    /* guint: the distinct clusters of the EC2 services among them */
	GPtrArray *reserves; /* PlanInstanceReserve of each of @clusters, unchecked (no type) */
	gboolean trunking;   /* every service's cluster turns trunking on, or the what-if's */
	gboolean awsvpc;     /* some service's tasks are awsvpc on EC2 */
	PlanNetworkMode network_mode; /* the what-if's, else the first service's */
	gboolean mixed_arch; /* tasks of both architectures: no one type runs them all */
	PlanArchitecture architecture;
	gint64 cpu_reserved;	/* units, at the counts filled */
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
	g_clear_pointer(&fleet->indices, g_array_unref);
	g_clear_pointer(&fleet->shapes, g_array_unref);
	g_clear_pointer(&fleet->distinct, g_array_unref);
	g_clear_pointer(&fleet->items, g_array_unref);
	g_clear_pointer(&fleet->desired, g_array_unref);
	g_clear_pointer(&fleet->uses, g_array_unref);
	g_clear_pointer(&fleet->az_index, g_ptr_array_unref);
	g_clear_pointer(&fleet->az_by_key, g_hash_table_unref);
	g_clear_pointer(&fleet->clusters, g_array_unref);
	g_clear_pointer(&fleet->reserves, g_ptr_array_unref);
}

/* what every instance of the shared fleet holds first: the daemons of every cluster whose
 * services it runs, added up, and the largest reserved memory among those clusters (the
 * fleet stands for those clusters merged, so each of their daemons runs on each instance).
 * Returns: (transfer full) (nullable): NULL when they reserve nothing */
static PlanInstanceReserve *
plan_compare_fleet_reserve(const PlanCompareContext *context, const PlanCompareFleet *fleet,
			   const PlanInstanceType *type, gboolean trunking)
{
	PlanInstanceReserve *merged = NULL;

	for (guint i = 0; i < fleet->reserves->len; i++) {
		const PlanInstanceReserve *all = g_ptr_array_index(fleet->reserves, i);
		g_autoptr(PlanInstanceReserve) reserve = plan_instance_reserve_for(
		    context->model, all->daemons, all->reserved_memory, type, trunking);
		if (reserve->daemons->len == 0 && reserve->reserved_memory == 0)
			continue;
		if (merged == NULL) {
			merged = g_steal_pointer(&reserve);
			continue;
		}
		merged->cpu_units += reserve->cpu_units;
		merged->memory_mib += reserve->memory_mib;
		merged->enis += reserve->enis;
		merged->reserved_memory = MAX(merged->reserved_memory, reserve->reserved_memory);
		g_array_append_vals(merged->ports, reserve->ports->data, reserve->ports->len);
		g_array_append_vals(merged->daemons, reserve->daemons->data, reserve->daemons->len);
	}
	return merged;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC(PlanCompareFleet, plan_compare_fleet_clear)

static PlanCompareAz *
plan_compare_fleet_az(PlanCompareFleet *fleet, const char *key)
{
	PlanCompareAz az;
	guint have = GPOINTER_TO_UINT(g_hash_table_lookup(fleet->az_by_key, key));

	if (have > 0)
		return &g_array_index(fleet->azs, PlanCompareAz, have - 1);
	az.key = g_strdup(key);
	az.items = g_array_new(FALSE, FALSE, sizeof(PlanBinItem));
	g_array_append_val(fleet->azs, az);
	g_hash_table_insert(fleet->az_by_key, az.key, GUINT_TO_POINTER(fleet->azs->len));
	return &g_array_index(fleet->azs, PlanCompareAz, fleet->azs->len - 1);
}

/* @service's AZs as indices into the fleet's, found by key once when the fleet is built (the
 * fill runs once per total the break-even search evaluates: a key compare there was most of a
 * 1,000-service comparison) */
static GArray *
plan_compare_fleet_az_indices(const PlanCompareContext *context, PlanCompareFleet *fleet,
			      const PlanService *service)
{
	g_autoptr(GPtrArray) keys = plan_compare_service_azs(context->model, service);
	GArray *indices = g_array_sized_new(FALSE, FALSE, sizeof(guint), keys->len);

	for (guint a = 0; a < keys->len; a++) {
		PlanCompareAz *az = plan_compare_fleet_az(fleet, g_ptr_array_index(keys, a));
		guint index = (guint)(az - &g_array_index(fleet->azs, PlanCompareAz, 0));
		g_array_append_val(indices, index);
	}
	return indices;
}

/* the AZs' items, the reserved CPU and memory and the busy vCPUs for @counts tasks of each
 * of the fleet's services (one per service, in order) */
static void
plan_compare_fleet_fill(PlanCompareFleet *fleet, const gint64 *counts)
{
	guint rotation = 0;
	gboolean known = TRUE;

	for (guint a = 0; a < fleet->azs->len; a++)
		g_array_set_size(g_array_index(fleet->azs, PlanCompareAz, a).items, 0);
	fleet->tasks = 0;
	fleet->cpu_reserved = 0;
	fleet->memory_reserved = 0;
	fleet->busy = 0.0;
	for (guint s = 0; s < fleet->services->len; s++) {
		const GArray *azs = g_ptr_array_index(fleet->az_index, s);
		const PlanCompareUse *use = &g_array_index(fleet->uses, PlanCompareUse, s);
		PlanBinItem item = g_array_index(fleet->items, PlanBinItem, s);
		gint64 tasks = counts[s];
		g_autofree gint64 *per_az = NULL;

		if (use->busy_per_task < 0.0)
			known = FALSE;
		else
			fleet->busy += (double)tasks * use->busy_per_task;
		fleet->tasks += tasks;
		fleet->cpu_reserved += tasks * item.shape.cpu_units;
		fleet->memory_reserved += tasks * item.shape.memory_mib;
		if (tasks == 0)
			continue;
		per_az = g_new0(gint64, azs->len);
		compute_spread(tasks, azs->len, rotation % azs->len, per_az);
		rotation += (guint)(tasks % azs->len);
		for (guint a = 0; a < azs->len; a++) {
			if (per_az[a] == 0)
				continue;
			item.count = per_az[a];
			g_array_append_val(g_array_index(fleet->azs, PlanCompareAz,
							 g_array_index(azs, guint, a))
					       .items,
					   item);
		}
	}
	if (!known)
		fleet->busy = -1.0;
	/* one figure per task on average, so plan_compare_ec2_costs() sees the fleet's sum */
	fleet->use.busy_per_task =
	    fleet->busy < 0.0 || fleet->tasks == 0 ? -1.0 : fleet->busy / (double)fleet->tasks;
}

static guint
plan_compare_shape_hash(gconstpointer data)
{
	const PlanTaskShape *shape = data;
	guint64 h = (guint64)shape->cpu_units * 1000003u ^ (guint64)shape->memory_mib;
	h = h * 31u + (guint)shape->network_mode * 2u + (shape->host_port ? 1u : 0u);
	return (guint)(h ^ (h >> 32));
}

static gboolean
plan_compare_shape_equal(gconstpointer a, gconstpointer b)
{
	const PlanTaskShape *x = a;
	const PlanTaskShape *y = b;
	return x->cpu_units == y->cpu_units && x->memory_mib == y->memory_mib &&
	       x->network_mode == y->network_mode && !x->host_port == !y->host_port;
}

static void
plan_compare_fleet_build(const PlanCompareContext *context, const GPtrArray *services,
			 PlanCompareFleet *fleet)
{
	gboolean first = TRUE;
	g_autoptr(GHashTable) seen_shapes = NULL;

	fleet->azs = g_array_new(FALSE, TRUE, sizeof(PlanCompareAz));
	g_array_set_clear_func(fleet->azs, plan_compare_az_clear);
	fleet->ports = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
	fleet->services = g_array_new(FALSE, FALSE, sizeof(const PlanService *));
	fleet->indices = g_array_new(FALSE, FALSE, sizeof(guint));
	fleet->shapes = g_array_new(FALSE, FALSE, sizeof(PlanTaskShape));
	fleet->distinct = g_array_new(FALSE, FALSE, sizeof(PlanTaskShape));
	seen_shapes = g_hash_table_new_full(plan_compare_shape_hash, plan_compare_shape_equal,
					    g_free, NULL);
	fleet->items = g_array_new(FALSE, FALSE, sizeof(PlanBinItem));
	fleet->desired = g_array_new(FALSE, FALSE, sizeof(gint64));
	fleet->uses = g_array_new(FALSE, FALSE, sizeof(PlanCompareUse));
	fleet->az_index = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
	fleet->az_by_key = g_hash_table_new(g_str_hash, g_str_equal);
	fleet->clusters = g_array_new(FALSE, FALSE, sizeof(guint));
	fleet->reserves = g_ptr_array_new_with_free_func((GDestroyNotify)plan_instance_reserve_free);
	fleet->trunking = TRUE;
	fleet->use = (PlanCompareUse){PLAN_COMPARE_DEFAULT_EBS_GB, PLAN_STORAGE_GP3, -1.0,
				      PLAN_COMPARE_DEFAULT_SPOT_DISCOUNT};
	for (guint s = 0; s < services->len; s++) {
		const PlanService *service = g_ptr_array_index(services, s);
		PlanBinItem item = {.shape = plan_compare_task_shape(context, service)};
		gint64 tasks = plan_service_steady_tasks(service);
		PlanCompareUse use;

		if (tasks == 0)
			continue;
		use = plan_compare_service_use(context->model, service, &item.shape);
		if (first) {
			fleet->use = use;
			fleet->architecture = service->architecture;
			fleet->network_mode = item.shape.network_mode;
		}
		first = FALSE;
		if (service->launch_type == PLAN_LAUNCH_EC2 && service->cluster_index >= 0) {
			guint c = (guint)service->cluster_index;
			gboolean seen = FALSE;
			for (guint k = 0; k < fleet->clusters->len; k++)
				seen = seen || g_array_index(fleet->clusters, guint, k) == c;
			if (!seen) {
				g_array_append_val(fleet->clusters, c);
				g_ptr_array_add(fleet->reserves,
						plan_instance_reserve_new(context->model, c, NULL,
									  FALSE));
			}
		}
		g_array_append_val(fleet->services, service);
		g_array_append_val(fleet->indices, s);
		g_array_append_val(fleet->shapes, item.shape);
		if (g_hash_table_add(seen_shapes, g_memdup2(&item.shape, sizeof(item.shape))))
			g_array_append_val(fleet->distinct, item.shape);
		g_array_append_val(fleet->desired, tasks);
		g_array_append_val(fleet->uses, use);
		g_ptr_array_add(fleet->az_index, plan_compare_fleet_az_indices(context, fleet, service));
		fleet->trunking &= plan_compare_service_trunking(context->model, service);
		fleet->awsvpc |= item.shape.network_mode == PLAN_NETWORK_AWSVPC;
		fleet->mixed_arch |= service->architecture != fleet->architecture;
		{
			GArray *ports = compute_service_host_ports(service, &item.shape);
			if (ports != NULL)
				g_ptr_array_add(fleet->ports, ports);
			item.ports = ports;
		}
		g_array_append_val(fleet->items, item);
	}
	if (context->trunking != PLAN_COMPARE_TRUNKING_MODEL)
		fleet->trunking = context->trunking != PLAN_COMPARE_TRUNKING_OFF;
	if (fleet->services->len == 0)
		fleet->trunking = FALSE;
	plan_compare_fleet_fill(fleet, (const gint64 *)(gpointer)fleet->desired->data);
}

/* TRUE when one instance of @type holds a task of every service beside @reserve (nullable),
 * @trunking asked, and no service binds a host port a daemon binds */
static gboolean
plan_compare_fleet_fits(const PlanCompareFleet *fleet, const PlanInstanceType *type,
			const PlanInstanceReserve *reserve, gboolean trunking)
{
	if (fleet->services->len == 0 || fleet->mixed_arch ||
	    !plan_compare_type_runs(type, fleet->architecture))
		return FALSE;
	for (guint s = 0; s < fleet->distinct->len; s++) {
		const PlanTaskShape *shape = &g_array_index(fleet->distinct, PlanTaskShape, s);
		if (plan_packing_reserved(type, reserve, shape, trunking).tasks == 0)
			return FALSE;
	}
	for (guint p = 0; reserve != NULL && p < fleet->ports->len; p++) {
		const GArray *ports = g_ptr_array_index(fleet->ports, p);
		for (guint i = 0; i < ports->len; i++)
			for (guint k = 0; k < reserve->ports->len; k++)
				if (g_array_index(ports, gint64, i) ==
				    g_array_index(reserve->ports, gint64, k))
					return FALSE;
	}
	return TRUE;
}

static gint64
plan_compare_fleet_instances(const PlanCompareFleet *fleet, const PlanInstanceType *type,
			     const PlanInstanceReserve *reserve, gboolean trunking)
{
	gint64 instances = 0;

	for (guint a = 0; a < fleet->azs->len; a++) {
		const PlanCompareAz *az = &g_array_index(fleet->azs, PlanCompareAz, a);
		g_autoptr(PlanBins) bins = compute_bins_new(type, reserve, trunking);
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

/* what compare-break-even.c searches the total with: the fleet and its cheapest type */
typedef struct {
	PlanCompareFleet *fleet;
	const PlanInstanceType *type;
	const PlanInstanceReserve *reserve; /* the daemons and reserved memory on each host */
	/* what one instance offers the tasks beside the reserve (as compute_bins_new() counts
	 * it): CPU units, MiB, awsvpc ENI slots; and whether the EC2 cost only grows with the
	 * instances (no CPU credits: plan_compare_fleet_least() may bound it) */
	gint64 room_cpu;
	gint64 room_memory;
	gint64 room_enis;
	gboolean monotonic;
} PlanCompareFleetAt;

/* PlanCompareEc2At for the total: @n tasks shared out as the model's mix
 * (plan_compare_apportion), the fleet packed on the type, its on-demand costs */
static PlanCompareCosts
plan_compare_fleet_at(const PlanCompareContext *context, gconstpointer data, gint64 n,
		      gint64 *instances, gint64 *counts)
{
	const PlanCompareFleetAt *at = data;
	PlanCompareFleet *fleet = at->fleet;
	double surplus;

	plan_compare_apportion((const gint64 *)(gpointer)fleet->desired->data, fleet->desired->len,
			       n, counts);
	plan_compare_fleet_fill(fleet, counts);
	*instances = plan_compare_fleet_instances(fleet, at->type, at->reserve, fleet->trunking);
	return plan_compare_ec2_costs(context, &fleet->use, at->type, *instances, fleet->tasks,
				      &surplus);
}

/* PlanCompareEc2Least for the total: @n tasks shared out as plan_compare_fleet_at() shares
 * them, and the fewest instances that could hold them: however first fit packs the AZs, no
 * instance takes more CPU units, MiB or awsvpc tasks than it offers, so the instances are at
 * least ⌈need ÷ room⌉ in each of the three (host ports and the split into AZs only add
 * instances). FALSE for a burstable type (its credits shrink as instances are added) or a
 * room the tasks need that an instance lacks */
static gboolean
plan_compare_fleet_least(const PlanCompareContext *context, gconstpointer data, gint64 n,
			 gint64 *instances, PlanCompareCosts *costs, gint64 *counts)
{
	const PlanCompareFleetAt *at = data;
	const PlanCompareFleet *fleet = at->fleet;
	gint64 cpu = 0;
	gint64 memory = 0;
	gint64 enis = 0;
	gint64 tasks = 0;
	gint64 least = 0;
	double surplus;

	if (!at->monotonic)
		return FALSE;
	plan_compare_apportion((const gint64 *)(gpointer)fleet->desired->data, fleet->desired->len,
			       n, counts);
	for (guint s = 0; s < fleet->shapes->len; s++) {
		const PlanTaskShape *shape = &g_array_index(fleet->shapes, PlanTaskShape, s);
		cpu += counts[s] * shape->cpu_units;
		memory += counts[s] * shape->memory_mib;
		enis += shape->network_mode == PLAN_NETWORK_AWSVPC ? counts[s] : 0;
		tasks += counts[s];
	}
	if ((cpu > 0 && at->room_cpu <= 0) || (memory > 0 && at->room_memory <= 0) ||
	    (enis > 0 && at->room_enis <= 0))
		return FALSE;
	if (cpu > 0)
		least = MAX(least, (cpu + at->room_cpu - 1) / at->room_cpu);
	if (memory > 0)
		least = MAX(least, (memory + at->room_memory - 1) / at->room_memory);
	if (enis > 0)
		least = MAX(least, (enis + at->room_enis - 1) / at->room_enis);
	*instances = least;
	*costs = plan_compare_ec2_costs(context, &fleet->use, at->type, least, tasks, &surplus);
	return TRUE;
}

/* the total's break-even by purchase option: every service scaled together (the mix kept),
 * the shared fleet on @type against the services' Fargate bought the same way; the on-demand
 * row is also the total's break_even */
static void
plan_compare_total_break_even(const PlanCompareContext *context, PlanCompareEntry *total,
			      PlanCompareFleet *fleet, const GPtrArray *entries,
			      const PlanInstanceType *type, double spot_savings, gboolean estimate)
{
	guint n = fleet->services->len;
	g_autofree PlanCompareTask *tasks = g_new0(PlanCompareTask, MAX(n, 1u));
	g_autoptr(PlanInstanceReserve) reserve =
	    plan_compare_fleet_reserve(context, fleet, type, fleet->trunking);
	PlanCompareFleetAt at = {fleet, type, reserve};
	double baseline;
	PlanCompareRowSearch search = {.entry = total,
				       .tasks = tasks,
				       .n_tasks = n,
				       .architecture = fleet->architecture,
				       .ec2_at = plan_compare_fleet_at,
				       .ec2_least = plan_compare_fleet_least,
				       .data = &at,
				       .spot_savings = spot_savings,
				       .estimate = estimate,
				       .sampled = TRUE};
	PlanCompareBreakEven *even = &total->break_even;
	const PlanCompareBreakEvenRow *row;

	/* as compute_bins_new() counts an instance's room */
	at.room_cpu = plan_instance_registered_cpu(type);
	at.room_memory = plan_instance_registered_memory(type);
	at.room_enis = MAX(plan_instance_task_enis(type, fleet->trunking), 0);
	if (reserve != NULL) {
		at.room_cpu -= reserve->cpu_units;
		at.room_memory -= reserve->reserved_memory + reserve->memory_mib;
		at.room_enis = MAX(at.room_enis - reserve->enis, 0);
	}
	at.monotonic = plan_compare_burst(type, &baseline) == PLAN_COMPARE_NOT_BURSTABLE;
	for (guint s = 0; s < n; s++) {
		PlanCompareTask *task = &tasks[s];
		task->service = g_array_index(fleet->services, const PlanService *, s);
		task->entry = g_ptr_array_index(entries, g_array_index(fleet->indices, guint, s));
		task->shape = g_array_index(fleet->shapes, PlanTaskShape, s);
		task->ephemeral_storage_gb = task->service->ephemeral_storage_gb;
		task->use = g_array_index(fleet->uses, PlanCompareUse, s);
		plan_compare_task_rates(context, task);
		search.fargate_estimate |= task->entry->fargate_fitted;
	}
	even->type = type;
	even->range = plan_compare_range(total->tasks, total->peak_tasks);
	plan_compare_break_even_rows(context, &search);
	/* the fleet as the model runs it again */
	plan_compare_fleet_fill(fleet, (const gint64 *)(gpointer)fleet->desired->data);
	if (total->break_evens->len == 0)
		return;
	row = &g_array_index(total->break_evens, PlanCompareBreakEvenRow, 0);
	if (!row->priced || !row->found) {
		even->first_cheaper = row->first_cheaper;
		return;
	}
	even->found = TRUE;
	even->tasks = row->tasks;
	even->first_cheaper = row->first_cheaper;
	even->instances = row->at_instances;
	even->fargate = row->fargate_costs.fargate;
	even->ec2_costs = row->ec2_costs;
	even->ec2 = plan_compare_costs_sum(&row->ec2_costs);
	even->cpu_utilisation = row->cpu_reserved;
	even->memory_utilisation = row->memory_reserved;
}

/* the fleet on @type with @trunking asked; FALSE when a service's task does not fit it */
static gboolean
plan_compare_fleet_candidate(const PlanCompareContext *context, const PlanCompareFleet *fleet,
			     const PlanInstanceType *type, gboolean trunking,
			     PlanCompareCandidate *candidate)
{
	g_autoptr(PlanInstanceReserve) reserve =
	    plan_compare_fleet_reserve(context, fleet, type, trunking);

	*candidate = (PlanCompareCandidate){.type = type,
					    .network_mode = fleet->network_mode,
					    .trunking = trunking};
	if (!plan_compare_fleet_fits(fleet, type, reserve, trunking))
		return FALSE;
	plan_compare_candidate_reserve(candidate, reserve);
	candidate->instances = plan_compare_fleet_instances(fleet, type, reserve, trunking);
	candidate->costs = plan_compare_ec2_costs(context, &fleet->use, type, candidate->instances,
						  fleet->tasks, &candidate->surplus);
	candidate->cost = plan_compare_costs_sum(&candidate->costs);
	return TRUE;
}

static PlanCompareOption *
plan_compare_total_add(const PlanCompareContext *context, PlanCompareEntry *total,
		       const PlanCompareFleet *fleet, const PlanCompareCandidate *candidate)
{
	const PlanInstanceType *type = candidate->type;
	PlanCompareOption *option = plan_compare_add(
	    total, PLAN_COMPARE_EC2,
	    plan_compare_ec2_label(context, type, candidate->network_mode,
				   plan_instance_trunking(type, candidate->trunking), FALSE));

	option->architecture = fleet->architecture;
	plan_compare_fill_ec2(context, option, candidate, &fleet->use);
	option->cpu_utilisation = plan_compare_share(fleet->cpu_reserved, candidate->instances,
						     plan_instance_registered_cpu(type));
	option->memory_utilisation = plan_compare_share(
	    fleet->memory_reserved, candidate->instances, plan_instance_registered_memory(type));
	return option;
}

/* every service with tasks on one shared fleet per AZ, for each type that runs them all (with
 * --trunking both, each listed type beside itself without trunking) */
static void
plan_compare_total_ec2(const PlanCompareContext *context, PlanCompareEntry *total,
		       const GPtrArray *services, const GPtrArray *entries)
{
	double spot_savings = PLAN_COMPARE_DEFAULT_SPOT_DISCOUNT;
	gboolean estimate = FALSE;
	g_auto(PlanCompareFleet) fleet = {0};
	g_autoptr(GArray) candidates = g_array_new(FALSE, FALSE, sizeof(PlanCompareCandidate));

	plan_compare_fleet_build(context, services, &fleet);
	total->trunking = fleet.trunking;
	total->architecture = fleet.architecture;
	total->network_mode = fleet.network_mode;
	for (guint i = 0; i < context->instance_types->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(context->instance_types, i);
		PlanCompareCandidate candidate;
		g_autoptr(PlanInstanceReserve) reserve =
		    plan_compare_fleet_reserve(context, &fleet, type, fleet.trunking);
		if (!plan_compare_fleet_fits(&fleet, type, reserve, fleet.trunking))
			continue;
		total->n_fitting_types++;
		if (!type->hourly.present) {
			total->n_unpriced_types++;
			continue;
		}
		/* packed only for a priced type: most of the table has no price in a region */
		plan_compare_fleet_candidate(context, &fleet, type, fleet.trunking, &candidate);
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
		PlanCompareOption *option = plan_compare_total_add(context, total, &fleet, candidate);
		PlanCompareCandidate off;
		if (i == 0) {
			estimate = option->estimate;
			plan_compare_ec2_commits(context, total, option);
			plan_compare_add_ec2_spot(context, total, option,
						  fleet.use.spot_discount);
			/* the Spot option is the last one added */
			spot_savings = g_array_index(total->options, PlanCompareOption,
						     total->options->len - 1)
					   .spot_savings;
		}
		if (plan_compare_trunking_pairs(context, candidate->type, fleet.awsvpc) &&
		    plan_compare_fleet_candidate(context, &fleet, candidate->type, FALSE, &off))
			plan_compare_total_add(context, total, &fleet, &off);
	}
	total->ebs_gb = fleet.use.ebs_gb;
	total->ebs_type = fleet.use.ebs_type;
	total->utilization_known = fleet.use.busy_per_task >= 0.0;
	total->cpu_utilization =
	    total->utilization_known && fleet.cpu_reserved > 0
		? fleet.busy * 1024.0 / (double)fleet.cpu_reserved
		: 0.0;
	if (candidates->len > 0)
		plan_compare_total_break_even(
		    context, total, &fleet, entries,
		    g_array_index(candidates, PlanCompareCandidate, 0).type, spot_savings,
		    estimate);
}

PlanCompareEntry *
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
	plan_compare_total_ec2(context, total, services, entries);
	g_array_sort(total->options, plan_compare_option_order);
	return total;
}
