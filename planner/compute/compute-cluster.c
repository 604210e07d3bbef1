/* ecsplan: cluster sizing — the EC2 services of each cluster, their tasks spread over the
 * cluster's AZs, packed into instances per AZ at desired and at peak. docs/compute.md. */
#include <string.h>

#include "compute-private.h"

static int
compare_names(gconstpointer a, gconstpointer b)
{
	return g_strcmp0(*(const char *const *)a, *(const char *const *)b);
}

/* the distinct AZs of the cluster's subnets, sorted by name (borrowed strings); a subnet
 * without an AZ, or a cluster without subnets, gives one NULL entry */
static GPtrArray *
cluster_az_names(const PlanModel *model, const PlanCluster *cluster)
{
	GPtrArray *names = g_ptr_array_new();
	const PlanVpc *vpc = NULL;

	if (cluster->vpc_index >= 0 && (guint)cluster->vpc_index < model->vpcs->len)
		vpc = g_ptr_array_index(model->vpcs, cluster->vpc_index);
	for (guint i = 0; vpc != NULL && i < cluster->subnet_indices->len; i++) {
		gint index = g_array_index(cluster->subnet_indices, gint, i);
		const PlanSubnet *subnet;
		gboolean seen = FALSE;
		if (index < 0 || (guint)index >= vpc->subnets->len)
			continue;
		subnet = g_ptr_array_index(vpc->subnets, index);
		for (guint k = 0; k < names->len; k++)
			seen = seen || g_strcmp0(g_ptr_array_index(names, k), subnet->az) == 0;
		if (!seen)
			g_ptr_array_add(names, subnet->az);
	}
	if (names->len == 0)
		g_ptr_array_add(names, NULL);
	g_ptr_array_sort(names, compare_names);
	return names;
}

static void
compute_az_clear(gpointer data)
{
	PlanComputeAz *az = data;
	g_clear_pointer(&az->az, g_free);
}

static void
cluster_sizing_free(gpointer data)
{
	PlanClusterSizing *sizing = data;
	if (sizing == NULL)
		return;
	g_clear_pointer(&sizing->services, g_array_unref);
	g_clear_pointer(&sizing->azs, g_array_unref);
	g_clear_pointer(&sizing->unplaceable, g_array_unref);
	g_clear_pointer(&sizing->reserve, plan_instance_reserve_free);
	g_free(sizing);
}

/**
 * compute_service_host_ports:
 * @service: (transfer none): the service
 * @shape: (transfer none): its task shape (plan_service_task_shape())
 *
 * Returns: (transfer full) (nullable): the distinct container ports (gint64) of a task that
 * binds host ports, or NULL when it binds none
 */
GArray *
compute_service_host_ports(const PlanService *service, const PlanTaskShape *shape)
{
	GArray *ports;
	if (!shape->host_port)
		return NULL;
	ports = g_array_new(FALSE, FALSE, sizeof(gint64));
	for (guint i = 0; i < service->containers->len; i++) {
		const PlanContainer *container = g_ptr_array_index(service->containers, i);
		gboolean seen = FALSE;
		if (container->port <= 0)
			continue;
		for (guint k = 0; k < ports->len; k++)
			seen = seen || g_array_index(ports, gint64, k) == container->port;
		if (!seen)
			g_array_append_val(ports, container->port);
	}
	return ports;
}

/**
 * plan_instance_reserve_new:
 * @model: (transfer none): a linked model
 * @cluster_index: the cluster
 * @type: (transfer none) (nullable): its instance type; NULL counts every daemon unchecked
 * @trunking: ENI trunking asked for (used when the type supports it)
 *
 * ECS_RESERVED_MEMORY and the DAEMON services (EC2) of the cluster, one task each per instance,
 * in model order [S51]. A daemon that does not fit what the reserved memory and the daemons
 * before it leave (CPU, memory, an ENI slot, a host port another daemon binds) is listed in
 * @unplaceable and left out: ECS does not place it there.
 *
 * Returns: (transfer full): the reserve; plan_instance_reserve_free()
 */
PlanInstanceReserve *
plan_instance_reserve_new(const PlanModel *model, guint cluster_index,
			  const PlanInstanceType *type, gboolean trunking)
{
	PlanInstanceReserve *reserve = g_new0(PlanInstanceReserve, 1);

	g_return_val_if_fail(model != NULL && cluster_index < model->clusters->len, reserve);
	reserve->reserved_memory =
	    ((const PlanCluster *)g_ptr_array_index(model->clusters, cluster_index))
		->reserved_memory_mib;
	reserve->ports = g_array_new(FALSE, FALSE, sizeof(gint64));
	reserve->daemons = g_array_new(FALSE, FALSE, sizeof(guint));
	reserve->unplaceable = g_array_new(FALSE, FALSE, sizeof(PlanUnplaceable));
	for (guint s = 0; s < model->services->len; s++) {
		const PlanService *service = g_ptr_array_index(model->services, s);
		PlanTaskShape shape;
		g_autoptr(GArray) ports = NULL;

		if (!plan_service_is_daemon(service) || service->cluster_index != (gint)cluster_index)
			continue;
		shape = plan_service_task_shape(service);
		ports = compute_service_host_ports(service, &shape);
		if (type != NULL) {
			PlanPacking packing = plan_packing_reserved(type, reserve, &shape, trunking);
			gboolean clash = FALSE;
			for (guint i = 0; ports != NULL && i < ports->len; i++) {
				for (guint k = 0; k < reserve->ports->len; k++)
					clash = clash || g_array_index(reserve->ports, gint64, k) ==
							     g_array_index(ports, gint64, i);
			}
			if (packing.tasks == 0 || clash) {
				PlanUnplaceable unplaceable = {
				    s, packing.tasks == 0 ? packing.limit : PLAN_LIMIT_PORT};
				g_array_append_val(reserve->unplaceable, unplaceable);
				continue;
			}
		}
		reserve->cpu_units += shape.cpu_units;
		reserve->memory_mib += shape.memory_mib;
		if (shape.network_mode == PLAN_NETWORK_AWSVPC)
			reserve->enis++;
		if (ports != NULL)
			g_array_append_vals(reserve->ports, ports->data, ports->len);
		g_array_append_val(reserve->daemons, s);
	}
	return reserve;
}

/* @reserve: (transfer full) (nullable) */
void
plan_instance_reserve_free(PlanInstanceReserve *reserve)
{
	if (reserve == NULL)
		return;
	g_clear_pointer(&reserve->ports, g_array_unref);
	g_clear_pointer(&reserve->daemons, g_array_unref);
	g_clear_pointer(&reserve->unplaceable, g_array_unref);
	g_free(reserve);
}

/**
 * plan_instance_reserve_names:
 *
 * Returns: (transfer full): the placed daemons' names, quoted: "'agent' and 'logs'"; "" when
 * there are none
 */
char *
plan_instance_reserve_names(const PlanModel *model, const PlanInstanceReserve *reserve)
{
	GString *text = g_string_new(NULL);

	g_return_val_if_fail(model != NULL && reserve != NULL, g_string_free(text, FALSE));
	for (guint i = 0; i < reserve->daemons->len; i++) {
		guint s = g_array_index(reserve->daemons, guint, i);
		const PlanService *service = g_ptr_array_index(model->services, s);
		if (i > 0)
			g_string_append(text, i + 1 == reserve->daemons->len ? " and " : ", ");
		g_string_append_printf(text, "'%s'", service->name != NULL ? service->name : "");
	}
	return g_string_free(text, FALSE);
}

/* what the instances of one AZ run: the items of each service placed there */
typedef struct {
	GArray *desired; /* PlanBinItem */
	GArray *peak;
} AzItems;

static void
az_items_clear(gpointer data)
{
	AzItems *items = data;
	g_clear_pointer(&items->desired, g_array_unref);
	g_clear_pointer(&items->peak, g_array_unref);
}

/* packed → instances: ceil(packed × 100 / target_capacity), since managed scaling keeps the
 * cluster at target_capacity percent of what runs [S30] */
static gint64
with_target_capacity(gint64 packed, gint64 target_capacity)
{
	if (target_capacity <= 0 || target_capacity >= 100)
		return packed;
	return (packed * 100 + target_capacity - 1) / target_capacity;
}

/* raises the total to @min one instance at a time, each to the AZ with the fewest (the first
 * such): the Auto Scaling group balances its AZs */
static void
top_up_to_min(GArray *azs, gint64 min, gboolean peak)
{
	gint64 total = 0;

	for (guint i = 0; i < azs->len; i++) {
		const PlanComputeAz *az = &g_array_index(azs, PlanComputeAz, i);
		total += peak ? az->instances_peak : az->instances_desired;
	}
	for (; total < min; total++) {
		PlanComputeAz *fewest = NULL;
		for (guint i = 0; i < azs->len; i++) {
			PlanComputeAz *az = &g_array_index(azs, PlanComputeAz, i);
			gint64 have = peak ? az->instances_peak : az->instances_desired;
			gint64 best = fewest == NULL ? G_MAXINT64
				      : peak	     ? fewest->instances_peak
						     : fewest->instances_desired;
			if (have < best)
				fewest = az;
		}
		if (peak)
			fewest->instances_peak++;
		else
			fewest->instances_desired++;
	}
}

static double
share_of(gint64 reserved, gint64 instances, gint64 registered)
{
	if (instances <= 0 || registered <= 0)
		return 0.0;
	return (double)reserved / ((double)instances * (double)registered);
}

/* TRUE when a port of @wanted (nullable) is among @bound */
static gboolean
ports_taken(const GArray *bound, const GArray *wanted)
{
	for (guint i = 0; wanted != NULL && i < wanted->len; i++) {
		for (guint k = 0; k < bound->len; k++) {
			if (g_array_index(bound, gint64, k) == g_array_index(wanted, gint64, i))
				return TRUE;
		}
	}
	return FALSE;
}

/* spreads each service over the AZs and fills @items; the extra tasks of an uneven spread
 * continue round-robin where the previous service's stopped, so they do not all land in the
 * first AZ */
static void
cluster_place_services(const PlanModel *model, PlanClusterSizing *sizing, AzItems *items,
		       GPtrArray *ports_kept)
{
	guint n_azs = sizing->azs->len;
	g_autofree gint64 *desired = g_new0(gint64, n_azs);
	g_autofree gint64 *peak = g_new0(gint64, n_azs);
	guint start_desired = 0;
	guint start_peak = 0;

	for (guint k = 0; k < sizing->services->len; k++) {
		guint s = g_array_index(sizing->services, guint, k);
		const PlanService *service = g_ptr_array_index(model->services, s);
		PlanTaskShape shape = plan_service_task_shape(service);
		gint64 tasks_desired = plan_service_steady_tasks(service);
		gint64 tasks_peak = MAX(plan_service_peak_tasks(service), 0);
		PlanBinItem item = {.shape = shape};
		GArray *ports;

		ports = compute_service_host_ports(service, &shape);
		if (ports != NULL)
			g_ptr_array_add(ports_kept, ports);
		if (sizing->type != NULL) {
			PlanPacking packing = plan_packing_reserved(sizing->type, sizing->reserve,
								    &shape, sizing->trunking);
			if (packing.tasks != 0 && ports_taken(sizing->reserve->ports, ports))
				packing = (PlanPacking){.limit = PLAN_LIMIT_PORT};
			if (packing.tasks == 0) {
				PlanUnplaceable unplaceable = {s, packing.limit};
				g_array_append_val(sizing->unplaceable, unplaceable);
				continue;
			}
		}
		item.ports = ports;
		compute_spread(tasks_desired, n_azs, start_desired, desired);
		compute_spread(tasks_peak, n_azs, start_peak, peak);
		start_desired = (start_desired + (guint)(tasks_desired % n_azs)) % n_azs;
		start_peak = (start_peak + (guint)(tasks_peak % n_azs)) % n_azs;
		for (guint a = 0; a < n_azs; a++) {
			PlanComputeAz *az = &g_array_index(sizing->azs, PlanComputeAz, a);
			az->tasks_desired += desired[a];
			az->tasks_peak += peak[a];
			item.count = desired[a];
			g_array_append_val(items[a].desired, item);
			item.count = peak[a];
			g_array_append_val(items[a].peak, item);
		}
		sizing->cpu_reserved_desired += tasks_desired * shape.cpu_units;
		sizing->cpu_reserved_peak += tasks_peak * shape.cpu_units;
		sizing->memory_reserved_desired += tasks_desired * shape.memory_mib;
		sizing->memory_reserved_peak += tasks_peak * shape.memory_mib;
	}
}

static PlanClusterSizing *
cluster_size(const PlanModel *model, const PlanPriceBook *book, guint c)
{
	const PlanCluster *cluster = g_ptr_array_index(model->clusters, c);
	PlanClusterSizing *sizing = g_new0(PlanClusterSizing, 1);
	g_autoptr(GPtrArray) az_names = cluster_az_names(model, cluster);
	g_autoptr(GPtrArray) ports_kept =
	    g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
	g_autoptr(GArray) items = NULL;
	gint64 registered_cpu = 0;
	gint64 registered_memory = 0;

	sizing->cluster_index = c;
	if (book != NULL && cluster->instance_type != NULL)
		sizing->type = plan_price_book_instance(book, cluster->instance_type);
	sizing->trunking =
	    sizing->type != NULL && plan_instance_trunking(sizing->type, cluster->trunking);
	sizing->reserve = plan_instance_reserve_new(model, c, sizing->type, cluster->trunking);
	sizing->services = g_array_new(FALSE, FALSE, sizeof(guint));
	sizing->unplaceable = g_array_new(FALSE, FALSE, sizeof(PlanUnplaceable));
	sizing->azs = g_array_new(FALSE, TRUE, sizeof(PlanComputeAz));
	g_array_set_clear_func(sizing->azs, compute_az_clear);
	items = g_array_new(FALSE, TRUE, sizeof(AzItems));
	g_array_set_clear_func(items, az_items_clear);
	for (guint a = 0; a < az_names->len; a++) {
		PlanComputeAz az = {.az = g_strdup(g_ptr_array_index(az_names, a))};
		AzItems az_items = {g_array_new(FALSE, FALSE, sizeof(PlanBinItem)),
				    g_array_new(FALSE, FALSE, sizeof(PlanBinItem))};
		g_array_append_val(sizing->azs, az);
		g_array_append_val(items, az_items);
	}
	for (guint s = 0; s < model->services->len; s++) {
		const PlanService *service = g_ptr_array_index(model->services, s);
		if (service->launch_type == PLAN_LAUNCH_EC2 && service->cluster_index == (gint)c &&
		    !plan_service_is_daemon(service))
			g_array_append_val(sizing->services, s);
	}

	cluster_place_services(model, sizing, &g_array_index(items, AzItems, 0), ports_kept);
	for (guint a = 0; a < sizing->azs->len; a++) {
		PlanComputeAz *az = &g_array_index(sizing->azs, PlanComputeAz, a);
		const AzItems *az_items = &g_array_index(items, AzItems, a);
		if (sizing->type != NULL) {
			g_autoptr(PlanBins) desired =
			    compute_bins_new(sizing->type, sizing->reserve, sizing->trunking);
			g_autoptr(PlanBins) peak =
			    compute_bins_new(sizing->type, sizing->reserve, sizing->trunking);
			az->packed_desired = compute_bins_pack(
			    desired, (const PlanBinItem *)(gpointer)az_items->desired->data,
			    az_items->desired->len);
			az->packed_peak = compute_bins_pack(
			    peak, (const PlanBinItem *)(gpointer)az_items->peak->data,
			    az_items->peak->len);
		}
		az->instances_desired =
		    with_target_capacity(az->packed_desired, cluster->target_capacity);
		az->instances_peak =
		    with_target_capacity(az->packed_peak, cluster->target_capacity);
		sizing->packed_desired += az->packed_desired;
		sizing->packed_peak += az->packed_peak;
	}
	top_up_to_min(sizing->azs, cluster->min, FALSE);
	top_up_to_min(sizing->azs, cluster->min, TRUE);
	for (guint a = 0; a < sizing->azs->len; a++) {
		const PlanComputeAz *az = &g_array_index(sizing->azs, PlanComputeAz, a);
		sizing->instances_desired += az->instances_desired;
		sizing->instances_peak += az->instances_peak;
	}
	sizing->over_max = sizing->instances_peak > cluster->max;
	g_array_append_vals(sizing->unplaceable, sizing->reserve->unplaceable->data,
			    sizing->reserve->unplaceable->len);
	/* every instance runs the daemons: their reservation counts with the replica tasks' */
	sizing->cpu_reserved_desired += sizing->instances_desired * sizing->reserve->cpu_units;
	sizing->cpu_reserved_peak += sizing->instances_peak * sizing->reserve->cpu_units;
	sizing->memory_reserved_desired += sizing->instances_desired * sizing->reserve->memory_mib;
	sizing->memory_reserved_peak += sizing->instances_peak * sizing->reserve->memory_mib;
	if (sizing->type != NULL) {
		registered_cpu = plan_instance_registered_cpu(sizing->type);
		registered_memory = MAX(plan_instance_registered_memory(sizing->type) -
					    sizing->reserve->reserved_memory,
					0);
	}
	sizing->cpu_utilisation_desired =
	    share_of(sizing->cpu_reserved_desired, sizing->instances_desired, registered_cpu);
	sizing->cpu_utilisation_peak =
	    share_of(sizing->cpu_reserved_peak, sizing->instances_peak, registered_cpu);
	sizing->memory_utilisation_desired =
	    share_of(sizing->memory_reserved_desired, sizing->instances_desired, registered_memory);
	sizing->memory_utilisation_peak =
	    share_of(sizing->memory_reserved_peak, sizing->instances_peak, registered_memory);
	return sizing;
}

/**
 * plan_compute:
 * @model: (transfer none): a model that plan_model_link() has resolved
 * @book: (transfer none) (nullable): the price book for the instance specs; without one, no
 *   cluster has a type and nothing is packed (instances = the cluster's min)
 *
 * Sizes every cluster: its EC2 services' tasks spread evenly over the AZs of its subnets and
 * packed first-fit decreasing into instances per AZ, at desired and at peak
 * (plan_service_peak_tasks); instances = packed / target_capacity, at least the cluster's min.
 * Tasks that fit no instance are left out and listed in @unplaceable.
 *
 * Returns: (transfer full): one PlanClusterSizing per cluster, in model order
 */
PlanCompute *
plan_compute(const PlanModel *model, const PlanPriceBook *book)
{
	g_autoptr(PlanCompute) compute = NULL;

	g_return_val_if_fail(model != NULL, NULL);
	/* an unlinked model prices what happens to resolve: refuse it (plan_model_link) */
	g_return_val_if_fail(model->linked, NULL);

	compute = g_new0(PlanCompute, 1);
	compute->clusters = g_ptr_array_new_with_free_func(cluster_sizing_free);
	for (guint c = 0; c < model->clusters->len; c++)
		g_ptr_array_add(compute->clusters, cluster_size(model, book, c));
	return g_steal_pointer(&compute);
}

/**
 * plan_compute_free:
 * @compute: (transfer full) (nullable): what plan_compute() returned
 */
void
plan_compute_free(PlanCompute *compute)
{
	if (compute == NULL)
		return;
	g_clear_pointer(&compute->clusters, g_ptr_array_unref);
	g_free(compute);
}

/* Returns: (transfer none) (nullable): the sizing of one cluster */
const PlanClusterSizing *
plan_compute_cluster(const PlanCompute *compute, guint cluster_index)
{
	g_return_val_if_fail(compute != NULL, NULL);
	if (cluster_index >= compute->clusters->len)
		return NULL;
	return g_ptr_array_index(compute->clusters, cluster_index);
}
