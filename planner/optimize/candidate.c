/* ecsplan: a candidate as a model the simulator can run: the service alone, with the
 * candidate's size, launch type, capacity, Spot share, scaling target and bounds, over shallow
 * copies of the model's records (nothing is deep-copied: a candidate is built per simulation) */
#include "optimize-private.h"

#include "profile.h"

struct _OptCandidateModel {
	PlanModel model;
	PlanService service;
	PlanCluster cluster;
	PlanTargetTracking target;
	PlanStrategyItem strategy[2];
	PlanLoadSpike spike;
	GPtrArray *services;
	GPtrArray *clusters;
	GPtrArray *targets;
	GPtrArray *strategies;
	GPtrArray *spikes;
	GPtrArray *no_overrides;
};

gboolean
opt_pin_load(const PlanService *service, guint service_index, double base_rps,
	     const char *profile_override, PlanLoad *load, PlanLoadSpike *spike_out)
{
	PlanProfileKind kind;

	*load = service->load;
	if (!load->present) {
		load->present = TRUE;
		load->profile = PLAN_PROFILE_CONSTANT;
		load->set |= PLAN_LOAD_PROFILE;
	}
	/* the figures profile.c derives from the base level (profile_new_common), written out */
	if (!(load->set & PLAN_LOAD_RPS))
		load->rps = base_rps;
	if (!(load->set & PLAN_LOAD_TROUGH))
		load->trough = 0.3 * base_rps;
	if (!(load->set & PLAN_LOAD_PEAK))
		load->peak = 1.5 * base_rps;
	if (!(load->set & PLAN_LOAD_FROM))
		load->from = 0.5 * base_rps;
	if (!(load->set & PLAN_LOAD_TO))
		load->to = 2.0 * base_rps;
	load->set |= PLAN_LOAD_RPS | PLAN_LOAD_TROUGH | PLAN_LOAD_PEAK | PLAN_LOAD_FROM | PLAN_LOAD_TO;
	/* the noise follows the service's index in the model unless the load names a seed */
	if (!(load->set & PLAN_LOAD_SEED)) {
		load->seed = (gint64)service_index;
		load->set |= PLAN_LOAD_SEED;
	}
	kind = load->profile;
	if (profile_override != NULL && !plan_profile_kind_from_string(profile_override, &kind))
		kind = PLAN_PROFILE_CSV;
	/* "spike" without spikes: twice the base at noon of the first day for 30 minutes */
	if (kind == PLAN_PROFILE_SPIKE && load->spikes->len == 0) {
		spike_out->at_hour = 12;
		spike_out->height = 2.0 * base_rps;
		spike_out->width_minutes = 30;
		spike_out->every_hours = 0;
		return TRUE;
	}
	return FALSE;
}

static void
opt_candidate_target(OptCandidateModel *cm, const PlanService *service,
		     const PlanOptCandidate *candidate)
{
	cm->targets = g_ptr_array_new();
	for (guint i = 0; i < service->autoscaling.target_tracking->len; i++)
		g_ptr_array_add(cm->targets,
				g_ptr_array_index(service->autoscaling.target_tracking, i));
	if (candidate->has_target && cm->targets->len > 0) {
		cm->target = *(const PlanTargetTracking *)g_ptr_array_index(cm->targets, 0);
		cm->target.target = candidate->target;
		cm->targets->pdata[0] = &cm->target;
	}
	cm->service.autoscaling.target_tracking = cm->targets;
	if (service->autoscaling.present) {
		cm->service.autoscaling.min = candidate->min;
		cm->service.autoscaling.max = candidate->max;
		cm->service.desired_count = CLAMP(service->desired_count, candidate->min,
						  candidate->max);
	} else {
		cm->service.desired_count = candidate->min;
	}
}

/* Fargate: the Spot share as a FARGATE / FARGATE_SPOT strategy (0: none) */
static void
opt_candidate_strategy(OptCandidateModel *cm, const PlanOptCandidate *candidate)
{
	cm->strategies = g_ptr_array_new();
	if (candidate->launch_type != PLAN_LAUNCH_FARGATE || candidate->spot_pct == 0) {
		cm->service.capacity_provider_strategy = cm->strategies;
		return;
	}
	memset(cm->strategy, 0, sizeof(cm->strategy));
	if (candidate->spot_pct < 100) {
		cm->strategy[0].capacity_provider = (char *)"FARGATE";
		cm->strategy[0].weight = 100 - candidate->spot_pct;
		g_ptr_array_add(cm->strategies, &cm->strategy[0]);
	}
	cm->strategy[1].capacity_provider = (char *)"FARGATE_SPOT";
	cm->strategy[1].weight = candidate->spot_pct;
	g_ptr_array_add(cm->strategies, &cm->strategy[1]);
	cm->service.capacity_provider_strategy = cm->strategies;
}

/* EC2: the service's own cluster with the candidate's type, or a new one over its subnets */
static void
opt_candidate_cluster(OptCandidateModel *cm, const PlanModel *model, const PlanPriceBook *book,
		      const PlanService *service, const PlanOptCandidate *candidate)
{
	OptRates rates;
	OptServiceNeeds needs;
	const PlanSpotAdvice *advice;

	cm->clusters = g_ptr_array_new();
	for (guint c = 0; c < model->clusters->len; c++)
		g_ptr_array_add(cm->clusters, g_ptr_array_index(model->clusters, c));
	if (candidate->launch_type != PLAN_LAUNCH_EC2) {
		cm->model.clusters = cm->clusters;
		return;
	}
	advice = plan_price_book_ec2_spot(book, candidate->instance_type);
	opt_rates(model, book, candidate, &rates);
	opt_service_needs(model, service, &needs);
	if (service->cluster_index >= 0) {
		cm->cluster = *(const PlanCluster *)g_ptr_array_index(model->clusters,
								      service->cluster_index);
		cm->service.cluster_index = service->cluster_index;
		cm->clusters->pdata[service->cluster_index] = &cm->cluster;
	} else {
		/* the defaults plan_cluster_new() sets, over borrowed arrays */
		PlanCluster *fresh = plan_cluster_new();
		cm->cluster = *fresh;
		plan_cluster_free(fresh);
		/* every pointer of the copy is replaced below */
		memset(&cm->cluster.origin, 0, sizeof(cm->cluster.origin));
		cm->cluster.name = service->name;
		cm->cluster.vpc = service->vpc;
		cm->cluster.vpc_index = service->vpc_index;
		cm->cluster.subnets = service->subnets;
		cm->cluster.subnet_indices = service->subnet_indices;
		cm->cluster.min = 0;
		cm->service.cluster_index = (gint)cm->clusters->len;
		g_ptr_array_add(cm->clusters, &cm->cluster);
	}
	cm->no_overrides = g_ptr_array_new();
	cm->cluster.instance_overrides = cm->no_overrides;
	cm->cluster.instance_type = (char *)candidate->instance_type;
	cm->cluster.trunking = candidate->trunking;
	cm->cluster.max = MAX(cm->cluster.max, opt_cluster_max(candidate, &rates, needs.n_azs));
	cm->cluster.on_demand_base = 0;
	cm->cluster.on_demand_percentage = 100 - (gint64)candidate->spot_pct;
	if (advice != NULL)
		cm->cluster.spot_discount = advice->savings.value;
	cm->model.clusters = cm->clusters;
}

OptCandidateModel *
opt_candidate_model_new(const PlanModel *model, const PlanPriceBook *book,
			const PlanOptCandidate *candidate, const char *profile)
{
	const PlanService *service = g_ptr_array_index(model->services, candidate->service_index);
	OptCandidateModel *cm = g_new0(OptCandidateModel, 1);
	OptServiceNeeds needs;

	opt_service_needs(model, service, &needs);
	cm->model = *model;
	cm->service = *service;
	cm->service.launch_type = candidate->launch_type;
	cm->service.architecture = candidate->architecture;
	cm->service.cpu = candidate->cpu_units;
	cm->service.memory = candidate->memory_mib;
	/* on Fargate the daemons' sidecar takes its share of the task's CPU */
	cm->service.task_capacity_rps = opt_candidate_capacity(
	    &needs, candidate->launch_type == PLAN_LAUNCH_FARGATE
			? candidate->cpu_units - needs.sidecar_cpu
			: candidate->cpu_units);
	if (candidate->launch_type == PLAN_LAUNCH_EC2) {
		cm->service.network_mode = service->launch_type == PLAN_LAUNCH_FARGATE
					       ? PLAN_NETWORK_AWSVPC
					       : service->network_mode;
		cm->service.assign_public_ip = FALSE;
	} else {
		cm->service.network_mode = PLAN_NETWORK_AWSVPC;
		cm->service.cluster_index = -1;
	}
	opt_candidate_target(cm, service, candidate);
	opt_candidate_strategy(cm, candidate);
	opt_candidate_cluster(cm, model, book, service, candidate);
	cm->spikes = g_ptr_array_new();
	if (opt_pin_load(service, candidate->service_index, needs.base_rps, profile,
			 &cm->service.load, &cm->spike)) {
		g_ptr_array_add(cm->spikes, &cm->spike);
		cm->service.load.spikes = cm->spikes;
	}
	cm->services = g_ptr_array_new();
	g_ptr_array_add(cm->services, &cm->service);
	/* on its own cluster the candidate's instances run the cluster's daemons too (after the
	 * service: the evaluation reads service 0) */
	for (guint s = 0; candidate->launch_type == PLAN_LAUNCH_EC2 && service->cluster_index >= 0 &&
			  s < model->services->len;
	     s++) {
		const PlanService *other = g_ptr_array_index(model->services, s);
		if (plan_service_is_daemon(other) && other->cluster_index == service->cluster_index)
			g_ptr_array_add(cm->services, (gpointer)other);
	}
	cm->model.services = cm->services;
	return cm;
}

const PlanModel *
opt_candidate_model_get(const OptCandidateModel *cm)
{
	return &cm->model;
}

void
opt_candidate_model_free(OptCandidateModel *cm)
{
	if (cm == NULL)
		return;
	g_clear_pointer(&cm->services, g_ptr_array_unref);
	g_clear_pointer(&cm->clusters, g_ptr_array_unref);
	g_clear_pointer(&cm->targets, g_ptr_array_unref);
	g_clear_pointer(&cm->strategies, g_ptr_array_unref);
	g_clear_pointer(&cm->spikes, g_ptr_array_unref);
	g_clear_pointer(&cm->no_overrides, g_ptr_array_unref);
	g_free(cm);
}
