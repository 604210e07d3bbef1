/* ecsplan: what compute.c, compute-cluster.c, network-compute.c and the tests share */
#pragma once

#include "compute.h"

G_BEGIN_DECLS

/* agent and OS overhead on registered memory, per 10000 of installed: 2.53%, DERIVED from the
 * m4.large example (8192 MiB installed, 7985 registered) [S15]; UNCONFIRMED elsewhere */
#define PLAN_MEMORY_OVERHEAD_PER_10000 253

/* @count copies of one task, and the host ports each copy binds (gint64, or NULL) */
typedef struct {
	PlanTaskShape shape;
	gint64 count;
	const GArray *ports;
} PlanBinItem;

/* the instances of one AZ as first fit fills them */
typedef struct _PlanBins PlanBins;

/* @reserve (nullable): what every instance holds first (plan_instance_reserve_new()) */
PlanBins *compute_bins_new(const PlanInstanceType *type, const PlanInstanceReserve *reserve,
			   gboolean trunking) G_GNUC_WARN_UNUSED_RESULT;
void compute_bins_free(PlanBins *bins);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanBins, compute_bins_free)
gboolean compute_bins_add(PlanBins *bins, const PlanBinItem *item);
gint64 compute_bins_pack(PlanBins *bins, const PlanBinItem *items, guint n_items);
gint64 compute_bins_count(const PlanBins *bins);

/* the distinct container ports a task of @service binds on its host (gint64), or NULL; what
 * PlanBinItem.ports wants */
GArray *compute_service_host_ports(const PlanService *service,
				const PlanTaskShape *shape) G_GNUC_WARN_UNUSED_RESULT;

/* @tasks over @n_azs: tasks / n each, and one more for the (tasks % n) AZs from @start on */
void compute_spread(gint64 tasks, guint n_azs, guint start, gint64 *per_az);


G_END_DECLS
