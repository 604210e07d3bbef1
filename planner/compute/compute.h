/* ecsplan: compute sizing — Fargate task sizes, capacity provider splits, EC2 bin-packing and
 * cluster sizing per AZ. docs/compute.md explains every rule and its sources. */
#pragma once

#include <glib.h>

#include "model.h"
#include "pricebook.h"

G_BEGIN_DECLS

/* ---- Fargate task sizes [S7] ---- */

/* one row of the Fargate table: a CPU value and the memory it allows, lo..hi in steps of
 * @memory_step; a row with @memory_list set allows exactly the values listed there */
typedef struct {
	gint64 cpu_units;
	gint64 memory_lo;
	gint64 memory_hi;
	gint64 memory_step;
	const gint64 *memory_list; /* 0-terminated, or NULL */
} PlanFargateRow;

/* the seven rows, by increasing CPU */
const PlanFargateRow *plan_fargate_rows(guint *n_rows);

/* a task size: CPU units (1024 = 1 vCPU) and MiB */
typedef struct {
	gint64 cpu_units;
	gint64 memory_mib;
} PlanTaskSize;

/* TRUE when (cpu, memory) is a valid Fargate pair */
gboolean plan_fargate_size_valid(gint64 cpu_units, gint64 memory_mib);
/* up to @max_sizes valid sizes nearest to the request, nearest first (PlanTaskSize); the
 * distance is documented in compute.c. never empty when @max_sizes > 0 */
GArray *plan_fargate_nearest(gint64 cpu_units, gint64 memory_mib,
			     guint max_sizes) G_GNUC_WARN_UNUSED_RESULT;
/* the same as text for messages: "256/512, 512/1024 or 1024/2048" (CPU units/MiB) */
char *plan_fargate_nearest_text(gint64 cpu_units, gint64 memory_mib,
				guint max_sizes) G_GNUC_WARN_UNUSED_RESULT;
/* the smallest valid size (least CPU, then least memory) that holds the request; FALSE when
 * none does (more than 16384 units or 122880 MiB) */
gboolean plan_fargate_fit(gint64 cpu_units, gint64 memory_mib, gint64 *cpu_out, gint64 *memory_out);

/* ---- a service's task ---- */

/* the task's size: the task-level cpu / memory when set, else the sum over its containers
 * (container memory: the hard limit, else the reservation). 0 when neither says anything */
void plan_service_task_size(const PlanService *service, gint64 *cpu_units, gint64 *memory_mib);
/* the containers' sums alone (memory as above) */
void plan_service_container_sums(const PlanService *service, gint64 *cpu_units, gint64 *memory_mib);

/* ---- capacity provider strategy ---- */

/* splits @tasks over the service's capacity_provider_strategy items the way ECS does: bases
 * first, in item order, then the rest by weight (largest remainder, ties to the earlier item).
 * @counts_per_item has one slot per strategy item; nothing is written when the strategy is
 * empty */
void plan_strategy_split(const PlanService *service, gint64 tasks, gint64 *counts_per_item);
/* @tasks as on-demand and Spot: items named "FARGATE_SPOT" are Spot, every other item and a
 * service without a strategy is on-demand */
void plan_service_spot_split(const PlanService *service, gint64 tasks, gint64 *on_demand,
			     gint64 *spot);

/* ---- EC2 packing ---- */

/* what registers with ECS: vcpu × 1024 units, and installed memory less the agent/OS overhead
 * (DERIVED and UNCONFIRMED, see compute.c and docs/compute.md) */
gint64 plan_instance_registered_cpu(const PlanInstanceType *type);
gint64 plan_instance_registered_memory(const PlanInstanceType *type);
/* awsvpc task slots: tasks_trunk when @trunking and the type supports it, else tasks_no_trunk */
gint64 plan_instance_task_enis(const PlanInstanceType *type, gboolean trunking);
/* TRUE when @trunking is asked for and the type supports it */
gboolean plan_instance_trunking(const PlanInstanceType *type, gboolean trunking);

/* the dimension that limits how many tasks fit one instance */
typedef enum {
	PLAN_LIMIT_NONE, /* nothing limits it (a task that asks for nothing) */
	PLAN_LIMIT_CPU,
	PLAN_LIMIT_MEMORY,
	PLAN_LIMIT_ENI,
	PLAN_LIMIT_PORT,
} PlanLimit;

/* "cpu", "memory", "eni", "port", "none" */
const char *plan_limit_to_string(PlanLimit limit);

/* one task as bin-packing sees it */
typedef struct {
	gint64 cpu_units;
	gint64 memory_mib;
	PlanNetworkMode network_mode;
	/* bridge or host mode with a container port: the port is bound on the host, so one task
	 * per instance (bridge: the container port is assumed to map to the same host port) */
	gboolean host_port;
} PlanTaskShape;

/* a task of @service as bin-packing sees it (task size, network mode, host port) */
PlanTaskShape plan_service_task_shape(const PlanService *service);

/* a service whose tasks fit no instance of its cluster's type */
typedef struct {
	guint service_index;
	PlanLimit limit; /* the first dimension that does not fit: cpu, memory, eni or port */
} PlanUnplaceable;

/* what every instance of one cluster holds before any replica task (a plain record that owns
 * its arrays): ECS_RESERVED_MEMORY off the registered memory [S15], and one task of each
 * DAEMON service of the cluster [S51], in model order, each taking its CPU, memory, an ENI
 * slot in awsvpc mode and its host ports in bridge/host mode */
typedef struct {
	gint64 reserved_memory; /* MiB, the cluster's reserved_memory_mib */
	gint64 cpu_units;	/* the placed daemons' tasks added up */
	gint64 memory_mib;
	gint64 enis;	      /* awsvpc daemons: one ENI slot (and one address) each */
	GArray *ports;	      /* gint64: host ports the daemons bind (empty when none) */
	GArray *daemons;      /* guint: service indices of the daemons every instance runs */
	GArray *unplaceable;  /* PlanUnplaceable: daemons that do not fit what the others leave */
} PlanInstanceReserve;

/* the reserve of cluster @cluster_index on @type (nullable: without a type every daemon is
 * counted and none checked); NULL-safe free */
PlanInstanceReserve *plan_instance_reserve_new(const PlanModel *model, guint cluster_index,
					       const PlanInstanceType *type,
					       gboolean trunking) G_GNUC_WARN_UNUSED_RESULT;
void plan_instance_reserve_free(PlanInstanceReserve *reserve);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanInstanceReserve, plan_instance_reserve_free)
/* "agent, logs" : the daemons' names, quoted, for messages ("" when none) */
char *plan_instance_reserve_names(const PlanModel *model,
				  const PlanInstanceReserve *reserve) G_GNUC_WARN_UNUSED_RESULT;

/* how many copies of one task fit one instance, and what limits it (a plain record) */
typedef struct {
	gint64 registered_cpu;	  /* units */
	gint64 registered_memory; /* MiB, less the reserve's ECS_RESERVED_MEMORY */
	gint64 room_cpu;	  /* what the daemons leave of the registered figures */
	gint64 room_memory;
	gint64 by_cpu; /* G_MAXINT64 when the dimension does not limit */
	gint64 by_memory;
	gint64 by_eni;
	gint64 by_port;
	gint64 tasks; /* the least of the four; 0 when the task does not fit */
	PlanLimit limit;
} PlanPacking;

PlanPacking plan_packing(const PlanInstanceType *type, const PlanTaskShape *shape,
			 gboolean trunking);
/* plan_packing() on what @reserve (nullable: none) leaves of each instance: registered memory
 * less ECS_RESERVED_MEMORY, then the daemons' CPU, memory, ENI slots and host ports */
PlanPacking plan_packing_reserved(const PlanInstanceType *type, const PlanInstanceReserve *reserve,
				  const PlanTaskShape *shape, gboolean trunking);

/* a hypothetical: @tasks copies of @shape spread evenly over @n_azs AZs (at least 1), packed
 * per AZ. @per_az (nullable) receives n_azs counts. Returns the instances needed, or -1 when
 * the task fits no instance of the type */
gint64 plan_instances_needed(const PlanInstanceType *type, const PlanTaskShape *shape,
			     gboolean trunking, gint64 tasks, guint n_azs, gint64 *per_az);
/* plan_instances_needed() on a packing worked out already (plan_packing() of the same type,
 * shape and trunking): for callers that ask about many task counts */
gint64 plan_instances_for_packing(const PlanPacking *packing, gint64 tasks, guint n_azs,
				  gint64 *per_az);

/* ---- cluster sizing ---- */

/* one AZ of a cluster (a plain record) */
typedef struct {
	char *az; /* the AZ name; NULL for subnets without one or a cluster without subnets */
	gint64 tasks_desired;
	gint64 tasks_peak;
	gint64 packed_desired; /* instances bin-packing needs */
	gint64 packed_peak;
	gint64 instances_desired; /* after target_capacity and the cluster's min */
	gint64 instances_peak;
} PlanComputeAz;

/* one cluster (a plain record; the type is borrowed from the price book) */
typedef struct {
	guint cluster_index;
	const PlanInstanceType *type; /* NULL: the book has no such instance type */
	gboolean trunking;	      /* asked for and supported by the type */
	GArray *services;	      /* guint: indices of the EC2 services placed on it */
	GArray *azs;		      /* PlanComputeAz, AZs sorted by name */
	GArray *unplaceable;	      /* PlanUnplaceable: replica services, then daemons */
	PlanInstanceReserve *reserve; /* reserved memory and the daemons on every instance */
	gint64 packed_desired;	      /* sum over AZs of bin-packing alone */
	gint64 packed_peak;
	gint64 instances_desired; /* what runs: packed, / target_capacity, at least min */
	gint64 instances_peak;
	gint64 cpu_reserved_desired; /* units the placed tasks reserve, daemons included */
	gint64 cpu_reserved_peak;
	gint64 memory_reserved_desired; /* MiB */
	gint64 memory_reserved_peak;
	double cpu_utilisation_desired; /* reserved / (instances × registered), 0..1; 0 when none */
	double cpu_utilisation_peak;
	double memory_utilisation_desired;
	double memory_utilisation_peak;
	gboolean over_max; /* instances_peak > cluster max */
} PlanClusterSizing;

/* the compute result: a plain record that owns its arrays */
typedef struct {
	GPtrArray *clusters; /* PlanClusterSizing, in model order */
} PlanCompute;

PlanCompute *plan_compute(const PlanModel *model,
			  const PlanPriceBook *book) G_GNUC_WARN_UNUSED_RESULT;
void plan_compute_free(PlanCompute *compute);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanCompute, plan_compute_free)

/* the sizing of cluster @cluster_index, or NULL */
const PlanClusterSizing *plan_compute_cluster(const PlanCompute *compute, guint cluster_index);

G_END_DECLS
