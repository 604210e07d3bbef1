/* ecsplan: optimize's internals shared by its files (space.c, rates.c, candidate.c,
 * evaluate.c, reduce.c, patch.c). names carry the opt_ prefix */
#pragma once

#include "compute.h"
#include "optimize.h"

G_BEGIN_DECLS

/* candidates evaluated together before the best is updated: fixed, so which candidates are
 * pruned does not depend on the thread count */
#define OPT_BATCH 32

/* what a service needs from any candidate: the task it must hold, the load it must serve */
typedef struct {
	gint64 need_cpu;     /* units the containers (and the Service Connect proxy) ask for */
	gint64 need_memory;  /* MiB */
	gint64 model_cpu;    /* the model's task CPU: task_capacity_rps is for this size */
	double capacity_rps; /* the model's requests per second per task */
	double base_rps;     /* the level the simulator derives figures from (sim_base_rps) */
	guint n_azs;	     /* AZs of the service's subnets */
	/* an EC2 service's cluster daemons, which a Fargate candidate runs as a sidecar in
	 * every task (as compare prices them, docs/compare.md "Daemons"): their CPU and memory */
	gint64 sidecar_cpu;
	gint64 sidecar_memory;
} OptServiceNeeds;

void opt_service_needs(const PlanModel *model, const PlanService *service, OptServiceNeeds *out);

/* hourly rates of one candidate, nano-dollars per task-hour (Fargate) or instance-hour (EC2) */
typedef struct {
	PlanNanos on_demand;
	PlanNanos spot;	     /* on-demand when the candidate has no Spot */
	PlanNanos committed; /* the commitment's effective rate; on-demand when none */
	PlanNanos extra;     /* never discounted: public IPv4, Fargate storage above 20 GB, EBS */
	gboolean complete;   /* every figure was in the book */
	gboolean estimate;
	gint64 tasks_per_instance; /* EC2 */
} OptRates;

void opt_rates(const PlanModel *model, const PlanPriceBook *book, const PlanOptCandidate *candidate,
	       OptRates *out);
/* the capacity a commitment covers all month: tasks (Fargate) or instances (EC2) */
gint64 opt_committed_units(const PlanOptCandidate *candidate, const OptRates *rates);
PlanNanos opt_lower_bound(const PlanOptCandidate *candidate, const OptRates *rates,
			  const PlanOptOptions *options);
/* the demand of one service, the same for all its candidates (the load is pinned): every
 * request of each run, their mean and largest */
typedef struct {
	gboolean known;
	double mean_requests;
	double max_requests;
	double hours; /* the run's length */
} OptDemand;

/* simulates the service's first candidate once to read its demand (deterministic: the same in
 * every shard and in the merge). FALSE with @error set when the simulation fails */
gboolean opt_service_demand(const PlanModel *model, const PlanOptSpace *space,
			    const PlanOptOptions *options, const PlanOptServiceSpace *item,
			    OptDemand *out, GError **error);
/* the cheapest month a candidate that meets the service level's unmet bound can have: the
 * requests it must serve need task-hours at its capacity; 0 when the level leaves unmet
 * demand free or the demand is unknown. never above the cost of a candidate that meets it */
PlanNanos opt_demand_bound(const PlanModel *model, const PlanOptCandidate *candidate,
			   const OptRates *rates, const OptDemand *demand, const PlanSlo *slo);
/* the larger of the candidate's lower bound and its demand bound */
PlanNanos opt_met_bound(const PlanModel *model, const PlanPriceBook *book,
			const PlanOptCandidate *candidate, const OptDemand *demand,
			const PlanSlo *slo);

/* the task shape on EC2 (awsvpc for a service that was on Fargate) */
PlanTaskShape opt_ec2_shape(const PlanService *service, gint64 cpu_units, gint64 memory_mib);

/* a one-service model for @candidate: shallow copies over @model's records (owns only what it
 * changed); free with opt_candidate_model_free */
typedef struct _OptCandidateModel OptCandidateModel;
OptCandidateModel *opt_candidate_model_new(const PlanModel *model, const PlanPriceBook *book,
					   const PlanOptCandidate *candidate, const char *profile);
const PlanModel *opt_candidate_model_get(const OptCandidateModel *cm);
void opt_candidate_model_free(OptCandidateModel *cm);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(OptCandidateModel, opt_candidate_model_free)

/* the load the model gives @service, with every figure the simulator would derive from its
 * task count written out, so a candidate with other counts serves the same demand. @load is
 * filled over a copy of service->load; @spike_out holds the default spike of a "spike" profile
 * without spikes (then load->spikes must be replaced by an array holding it) */
gboolean opt_pin_load(const PlanService *service, guint service_index, double base_rps,
		      const char *profile_override, PlanLoad *load, PlanLoadSpike *spike_out);

/* the requests per second one task of @cpu_units serves */
double opt_candidate_capacity(const OptServiceNeeds *needs, gint64 cpu_units);

/* a cluster name for a service moved to EC2: "<service>-ec2", made unique */
char *opt_cluster_name(const PlanModel *model, const char *service_name);
/* the cluster max that lets @candidate's tasks run: enough instances for twice its max tasks */
gint64 opt_cluster_max(const PlanOptCandidate *candidate, const OptRates *rates, guint n_azs);
/* TRUE when @service is the only service on its cluster */
gboolean opt_cluster_dedicated(const PlanModel *model, const PlanService *service);

/* the edited model and its patch (patch.c). Returns FALSE with @error set */
gboolean opt_apply(const PlanModel *model, const PlanOptOptions *options, PlanOptResult *result,
		   GError **error);

/* the daemons and ECS_RESERVED_MEMORY every instance of @service's own cluster holds before
 * its tasks, on @type with @trunking (plan_packing_reserved()); NULL for a service without a
 * cluster (a Fargate service priced on EC2 gets a fresh cluster, which runs no daemon) */
static inline PlanInstanceReserve *
opt_cluster_reserve(const PlanModel *model, const PlanService *service,
		    const PlanInstanceType *type, gboolean trunking)
{
	if (service->launch_type != PLAN_LAUNCH_EC2 || service->cluster_index < 0)
		return NULL;
	return plan_instance_reserve_new(model, (guint)service->cluster_index, type, trunking);
}

G_END_DECLS
