#include "model.h"

#include "diagnostic.h"

gboolean
plan_cidr_usable(const PlanCidr *cidr)
{
	return cidr->state == PLAN_CIDR_OK || cidr->state == PLAN_CIDR_HOST_BITS;
}

void
plan_cidr_clear(PlanCidr *cidr)
{
	g_clear_pointer(&cidr->text, g_free);
	g_clear_pointer(&cidr->error, g_free);
	g_clear_pointer(&cidr->path, g_free);
	cidr->state = PLAN_CIDR_UNSET;
}

static void
plan_cidr_clear_func(gpointer data)
{
	plan_cidr_clear(data);
}

static void
plan_origin_clear(PlanOrigin *origin)
{
	g_clear_pointer(&origin->path, g_free);
	g_clear_pointer(&origin->source, g_free);
}

static GArray *
plan_index_array_new(void)
{
	return g_array_new(FALSE, FALSE, sizeof(gint));
}

PlanSubnet *
plan_subnet_new(void)
{
	PlanSubnet *subnet = g_new0(PlanSubnet, 1);
	subnet->tier = PLAN_TIER_PRIVATE;
	subnet->nat_index = -1;
	return subnet;
}

PlanSubnet *
plan_vpc_subnet_block(PlanVpc *vpc, guint n)
{
	PlanSubnet *block = g_new0(PlanSubnet, MAX(n, 1u));

	for (guint i = 0; i < n; i++) {
		block[i].tier = PLAN_TIER_PRIVATE;
		block[i].nat_index = -1;
		block[i].in_block = TRUE;
	}
	if (vpc->subnet_blocks == NULL)
		vpc->subnet_blocks = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(vpc->subnet_blocks, block);
	return block;
}

void
plan_subnet_free(PlanSubnet *subnet)
{
	if (subnet == NULL)
		return;
	plan_origin_clear(&subnet->origin);
	g_free(subnet->name);
	plan_cidr_clear(&subnet->cidr);
	plan_cidr_clear(&subnet->ipv6_cidr);
	g_free(subnet->az);
	g_free(subnet->nat_gateway);
	if (!subnet->in_block)
		g_free(subnet);
}

PlanNatGateway *
plan_nat_gateway_new(void)
{
	PlanNatGateway *nat = g_new0(PlanNatGateway, 1);
	nat->connectivity = PLAN_NAT_PUBLIC;
	nat->subnet_index = -1;
	return nat;
}

void
plan_nat_gateway_free(PlanNatGateway *nat)
{
	if (nat == NULL)
		return;
	plan_origin_clear(&nat->origin);
	g_free(nat->name);
	g_free(nat->subnet);
	g_free(nat);
}

PlanEndpoint *
plan_endpoint_new(void)
{
	PlanEndpoint *endpoint = g_new0(PlanEndpoint, 1);
	endpoint->type = PLAN_ENDPOINT_INTERFACE;
	endpoint->subnets = g_ptr_array_new_with_free_func(g_free);
	endpoint->subnet_indices = plan_index_array_new();
	return endpoint;
}

void
plan_endpoint_free(PlanEndpoint *endpoint)
{
	if (endpoint == NULL)
		return;
	plan_origin_clear(&endpoint->origin);
	g_free(endpoint->name);
	g_free(endpoint->service);
	g_ptr_array_unref(endpoint->subnets);
	g_array_unref(endpoint->subnet_indices);
	g_free(endpoint);
}

PlanLoadBalancer *
plan_load_balancer_new(void)
{
	PlanLoadBalancer *lb = g_new0(PlanLoadBalancer, 1);
	lb->type = PLAN_LB_APPLICATION;
	lb->scheme = PLAN_LB_INTERNET_FACING;
	lb->subnets = g_ptr_array_new_with_free_func(g_free);
	lb->subnet_indices = plan_index_array_new();
	return lb;
}

void
plan_load_balancer_free(PlanLoadBalancer *lb)
{
	if (lb == NULL)
		return;
	plan_origin_clear(&lb->origin);
	g_free(lb->name);
	g_ptr_array_unref(lb->subnets);
	g_array_unref(lb->subnet_indices);
	g_free(lb);
}

PlanVpc *
plan_vpc_new(void)
{
	PlanVpc *vpc = g_new0(PlanVpc, 1);
	vpc->secondary_cidrs = g_array_new(FALSE, TRUE, sizeof(PlanCidr));
	g_array_set_clear_func(vpc->secondary_cidrs, plan_cidr_clear_func);
	vpc->subnets = g_ptr_array_new_with_free_func((GDestroyNotify)plan_subnet_free);
	vpc->nat_gateways = g_ptr_array_new_with_free_func((GDestroyNotify)plan_nat_gateway_free);
	vpc->endpoints = g_ptr_array_new_with_free_func((GDestroyNotify)plan_endpoint_free);
	vpc->load_balancers =
		g_ptr_array_new_with_free_func((GDestroyNotify)plan_load_balancer_free);
	return vpc;
}

void
plan_vpc_free(PlanVpc *vpc)
{
	if (vpc == NULL)
		return;
	plan_origin_clear(&vpc->origin);
	g_free(vpc->name);
	plan_cidr_clear(&vpc->cidr);
	g_array_unref(vpc->secondary_cidrs);
	plan_cidr_clear(&vpc->ipv6_cidr);
	g_ptr_array_unref(vpc->subnets);
	if (vpc->subnet_blocks != NULL)
		g_ptr_array_unref(vpc->subnet_blocks);
	g_ptr_array_unref(vpc->nat_gateways);
	g_ptr_array_unref(vpc->endpoints);
	g_ptr_array_unref(vpc->load_balancers);
	g_free(vpc);
}

PlanPeering *
plan_peering_new(void)
{
	PlanPeering *peering = g_new0(PlanPeering, 1);
	peering->vpc_a_index = -1;
	peering->vpc_b_index = -1;
	return peering;
}

void
plan_peering_free(PlanPeering *peering)
{
	if (peering == NULL)
		return;
	plan_origin_clear(&peering->origin);
	g_free(peering->vpc_a);
	g_free(peering->vpc_b);
	g_free(peering);
}

PlanContainer *
plan_container_new(void)
{
	PlanContainer *container = g_new0(PlanContainer, 1);
	container->essential = TRUE;
	return container;
}

void
plan_container_free(PlanContainer *container)
{
	if (container == NULL)
		return;
	plan_origin_clear(&container->origin);
	g_free(container->name);
	g_free(container);
}

PlanCommitment *
plan_commitment_new(void)
{
	return g_new0(PlanCommitment, 1);
}

void
plan_commitment_free(PlanCommitment *commitment)
{
	if (commitment == NULL)
		return;
	plan_origin_clear(&commitment->origin);
	g_free(commitment);
}

PlanStrategyItem *
plan_strategy_item_new(void)
{
	/* ECS's default weight is 0: an item without one only gets its base */
	return g_new0(PlanStrategyItem, 1);
}

void
plan_strategy_item_free(PlanStrategyItem *item)
{
	if (item == NULL)
		return;
	plan_origin_clear(&item->origin);
	g_free(item->capacity_provider);
	g_free(item);
}

PlanService *
plan_service_new(void)
{
	PlanService *service = g_new0(PlanService, 1);
	service->launch_type = PLAN_LAUNCH_FARGATE;
	service->architecture = PLAN_ARCH_X86_64;
	service->network_mode = PLAN_NETWORK_AWSVPC;
	service->desired_count = 1;
	service->ephemeral_storage_gb = 20;
	service->deployment.maximum_percent = 200;
	service->deployment.minimum_healthy_percent = 100;
	/* target tracking cooldowns default to 300 s for ECS [S27] */
	service->autoscaling.scale_out_cooldown = 300;
	service->autoscaling.scale_in_cooldown = 300;
	service->autoscaling.target_tracking =
		g_ptr_array_new_with_free_func((GDestroyNotify)plan_target_tracking_free);
	service->autoscaling.step_scaling =
		g_ptr_array_new_with_free_func((GDestroyNotify)plan_step_scaling_free);
	service->autoscaling.scheduled =
		g_ptr_array_new_with_free_func((GDestroyNotify)plan_scheduled_action_free);
	service->load.profile = PLAN_PROFILE_CONSTANT;
	service->load.peak_hour = 14;
	service->load.weekend_factor = 0.5;
	service->load.scale = 1;
	service->load.spikes = g_ptr_array_new_with_free_func((GDestroyNotify)plan_load_spike_free);
	service->subnets = g_ptr_array_new_with_free_func(g_free);
	service->secrets = g_ptr_array_new_with_free_func(g_free);
	service->containers = g_ptr_array_new_with_free_func((GDestroyNotify)plan_container_free);
	service->capacity_provider_strategy =
		g_ptr_array_new_with_free_func((GDestroyNotify)plan_strategy_item_free);
	service->placement_strategy =
		g_ptr_array_new_with_free_func((GDestroyNotify)plan_placement_strategy_free);
	service->vpc_index = -1;
	service->lb_index = -1;
	service->cluster_index = -1;
	service->subnet_indices = plan_index_array_new();
	service->extra_load_balancers = g_ptr_array_new_with_free_func(g_free);
	service->extra_lb_indices = plan_index_array_new();
	return service;
}

void
plan_service_free(PlanService *service)
{
	if (service == NULL)
		return;
	plan_origin_clear(&service->origin);
	g_free(service->name);
	g_free(service->vpc);
	g_ptr_array_unref(service->subnets);
	g_ptr_array_unref(service->secrets);
	g_free(service->load_balancer);
	g_ptr_array_unref(service->extra_load_balancers);
	g_array_unref(service->extra_lb_indices);
	g_ptr_array_unref(service->containers);
	g_ptr_array_unref(service->capacity_provider_strategy);
	g_ptr_array_unref(service->placement_strategy);
	g_free(service->cluster);
	g_array_unref(service->subnet_indices);
	g_ptr_array_unref(service->autoscaling.target_tracking);
	g_ptr_array_unref(service->autoscaling.step_scaling);
	g_ptr_array_unref(service->autoscaling.scheduled);
	g_free(service->load.file);
	g_ptr_array_unref(service->load.spikes);
	g_free(service);
}

PlanTargetTracking *
plan_target_tracking_new(void)
{
	PlanTargetTracking *policy = g_new0(PlanTargetTracking, 1);
	policy->metric = PLAN_METRIC_CPU;
	policy->scale_out_cooldown = 300;
	policy->scale_in_cooldown = 300;
	return policy;
}

void
plan_target_tracking_free(PlanTargetTracking *policy)
{
	if (policy == NULL)
		return;
	plan_origin_clear(&policy->origin);
	g_free(policy);
}

PlanStepScaling *
plan_step_scaling_new(void)
{
	PlanStepScaling *policy = g_new0(PlanStepScaling, 1);
	policy->metric = PLAN_METRIC_CPU;
	policy->comparison = PLAN_ALARM_ABOVE;
	policy->datapoints = 1;
	policy->adjustment_type = PLAN_ADJUST_CHANGE;
	policy->steps = g_ptr_array_new_with_free_func((GDestroyNotify)plan_step_adjustment_free);
	policy->cooldown = 300; /* [S27] */
	return policy;
}

void
plan_step_scaling_free(PlanStepScaling *policy)
{
	if (policy == NULL)
		return;
	plan_origin_clear(&policy->origin);
	g_free(policy->name);
	g_ptr_array_unref(policy->steps);
	g_free(policy);
}

PlanStepAdjustment *
plan_step_adjustment_new(void)
{
	return g_new0(PlanStepAdjustment, 1);
}

void
plan_step_adjustment_free(PlanStepAdjustment *step)
{
	if (step == NULL)
		return;
	plan_origin_clear(&step->origin);
	g_free(step);
}

PlanInstanceOverride *
plan_instance_override_new(void)
{
	PlanInstanceOverride *item = g_new0(PlanInstanceOverride, 1);
	item->weight = 1;
	return item;
}

void
plan_instance_override_free(PlanInstanceOverride *item)
{
	if (item == NULL)
		return;
	plan_origin_clear(&item->origin);
	g_free(item->instance_type);
	g_free(item);
}

PlanPlacementStrategy *
plan_placement_strategy_new(void)
{
	return g_new0(PlanPlacementStrategy, 1);
}

void
plan_placement_strategy_free(PlanPlacementStrategy *strategy)
{
	if (strategy == NULL)
		return;
	plan_origin_clear(&strategy->origin);
	g_free(strategy->field);
	g_free(strategy);
}

PlanScheduledAction *
plan_scheduled_action_new(void)
{
	return g_new0(PlanScheduledAction, 1);
}

void
plan_scheduled_action_free(PlanScheduledAction *action)
{
	if (action == NULL)
		return;
	plan_origin_clear(&action->origin);
	g_free(action->name);
	g_free(action->schedule);
	g_free(action->timezone);
	g_free(action->start_time);
	g_free(action->end_time);
	g_free(action);
}

PlanLoadSpike *
plan_load_spike_new(void)
{
	return g_new0(PlanLoadSpike, 1);
}

void
plan_load_spike_free(PlanLoadSpike *spike)
{
	if (spike == NULL)
		return;
	plan_origin_clear(&spike->origin);
	g_free(spike);
}

PlanCluster *
plan_cluster_new(void)
{
	PlanCluster *cluster = g_new0(PlanCluster, 1);
	cluster->target_capacity = 100;
	cluster->managed_termination_protection = TRUE;
	cluster->on_demand_percentage = 100;
	cluster->spot_discount = 0.65;
	cluster->ebs_gb = 30;
	cluster->ebs_type = PLAN_STORAGE_GP3;
	cluster->instance_overrides =
		g_ptr_array_new_with_free_func((GDestroyNotify)plan_instance_override_free);
	cluster->subnets = g_ptr_array_new_with_free_func(g_free);
	cluster->vpc_index = -1;
	cluster->subnet_indices = plan_index_array_new();
	return cluster;
}

void
plan_cluster_free(PlanCluster *cluster)
{
	if (cluster == NULL)
		return;
	plan_origin_clear(&cluster->origin);
	g_free(cluster->name);
	g_free(cluster->vpc);
	g_free(cluster->instance_type);
	g_ptr_array_unref(cluster->subnets);
	g_array_unref(cluster->subnet_indices);
	g_ptr_array_unref(cluster->instance_overrides);
	g_free(cluster);
}

PlanDatabase *
plan_database_new(void)
{
	PlanDatabase *database = g_new0(PlanDatabase, 1);
	database->instances = 1;
	database->storage_gb = 20;
	database->subnets = g_ptr_array_new_with_free_func(g_free);
	database->vpc_index = -1;
	database->subnet_indices = plan_index_array_new();
	return database;
}

void
plan_database_free(PlanDatabase *database)
{
	if (database == NULL)
		return;
	plan_origin_clear(&database->origin);
	g_free(database->name);
	g_free(database->vpc);
	g_free(database->instance_class);
	g_ptr_array_unref(database->subnets);
	g_array_unref(database->subnet_indices);
	g_free(database);
}

gboolean
plan_database_is_aurora(const PlanDatabase *database)
{
	g_return_val_if_fail(database != NULL, FALSE);
	return database->engine == PLAN_DB_AURORA_MYSQL ||
	       database->engine == PLAN_DB_AURORA_POSTGRESQL;
}

gint64
plan_database_addresses(const PlanDatabase *database)
{
	g_return_val_if_fail(database != NULL, 0);
	if (plan_database_is_aurora(database))
		return MAX(database->instances, 1);
	return database->multi_az ? 2 : 1;
}

PlanInstance *
plan_instance_new(void)
{
	PlanInstance *instance = g_new0(PlanInstance, 1);
	instance->ebs_gb = 8;
	instance->ebs_type = PLAN_STORAGE_GP3;
	instance->vpc_index = -1;
	instance->subnet_index = -1;
	return instance;
}

void
plan_instance_free(PlanInstance *instance)
{
	if (instance == NULL)
		return;
	plan_origin_clear(&instance->origin);
	g_free(instance->name);
	g_free(instance->vpc);
	g_free(instance->instance_type);
	g_free(instance->subnet);
	g_free(instance);
}

PlanModel *
plan_model_new(void)
{
	PlanModel *model = g_new0(PlanModel, 1);
	model->version = 1;
	model->notes = g_ptr_array_new_with_free_func(g_free);
	model->vpcs = g_ptr_array_new_with_free_func((GDestroyNotify)plan_vpc_free);
	model->peerings = g_ptr_array_new_with_free_func((GDestroyNotify)plan_peering_free);
	model->services = g_ptr_array_new_with_free_func((GDestroyNotify)plan_service_free);
	model->clusters = g_ptr_array_new_with_free_func((GDestroyNotify)plan_cluster_free);
	model->databases = g_ptr_array_new_with_free_func((GDestroyNotify)plan_database_free);
	model->instances = g_ptr_array_new_with_free_func((GDestroyNotify)plan_instance_free);
	model->pricing.commitments =
	    g_ptr_array_new_with_free_func((GDestroyNotify)plan_commitment_free);
	model->load_diagnostics = plan_diagnostics_new();
	model->link_diagnostics = plan_diagnostics_new();
	/* simulator defaults: docs/simulation.md gives the source of each */
	model->simulation.start_latency_s = 60;
	model->simulation.lb_healthy_s = 150;
	model->simulation.instance_launch_s = 180;
	model->simulation.instance_warmup_s = 300;
	model->simulation.alarm_high_datapoints = 3;
	model->simulation.alarm_low_datapoints = 15;
	model->simulation.scale_in_threshold_ratio = 0.9;
	model->simulation.capacity_alarm_high_datapoints = 1;
	model->simulation.capacity_alarm_low_datapoints = 15;
	model->simulation.minimum_scaling_step_size = 1;
	model->simulation.maximum_scaling_step_size = 10000;
	model->simulation.first_launch_instances = 2;
	model->simulation.task_capacity_rps = 100;
	model->simulation.start = g_strdup("2024-01-01T00:00:00Z");
	return model;
}

void
plan_model_free(PlanModel *model)
{
	if (model == NULL)
		return;
	g_free(model->file);
	g_free(model->sha256);
	g_free(model->name);
	g_free(model->region);
	g_ptr_array_unref(model->notes);
	g_ptr_array_unref(model->vpcs);
	g_ptr_array_unref(model->peerings);
	g_ptr_array_unref(model->services);
	g_ptr_array_unref(model->clusters);
	g_ptr_array_unref(model->databases);
	g_ptr_array_unref(model->instances);
	g_ptr_array_unref(model->pricing.commitments);
	g_ptr_array_unref(model->load_diagnostics);
	g_ptr_array_unref(model->link_diagnostics);
	g_free(model->simulation.start);
	g_free(model);
}

const char *
plan_tier_to_string(PlanTier tier)
{
	switch (tier) {
	case PLAN_TIER_PUBLIC:
		return "public";
	case PLAN_TIER_PRIVATE:
		return "private";
	case PLAN_TIER_ISOLATED:
		return "isolated";
	default:
		return "unknown";
	}
}

const char *
plan_launch_type_to_string(PlanLaunchType launch_type)
{
	return launch_type == PLAN_LAUNCH_EC2 ? "EC2" : "FARGATE";
}

const char *
plan_network_mode_to_string(PlanNetworkMode mode)
{
	switch (mode) {
	case PLAN_NETWORK_BRIDGE:
		return "bridge";
	case PLAN_NETWORK_HOST:
		return "host";
	case PLAN_NETWORK_AWSVPC:
	default:
		return "awsvpc";
	}
}

gboolean
plan_service_is_daemon(const PlanService *service)
{
	return service->scheduling_strategy == PLAN_SCHEDULING_DAEMON &&
	       service->launch_type == PLAN_LAUNCH_EC2;
}

gint64
plan_service_peak_tasks(const PlanService *service)
{
	if (plan_service_is_daemon(service))
		return 0;
	if (service->autoscaling.present && service->autoscaling.max > service->desired_count)
		return service->autoscaling.max;
	return service->desired_count;
}

gint64
plan_service_steady_tasks(const PlanService *service)
{
	gint64 tasks = MAX(service->desired_count, 0);
	if (plan_service_is_daemon(service))
		return 0;
	if (service->autoscaling.present && service->autoscaling.min > tasks)
		return service->autoscaling.min;
	return tasks;
}

gint64
plan_service_maximum_percent(const PlanService *service)
{
	return service->deployment.maximum_percent;
}

gint64
plan_service_deployment_peak(const PlanService *service)
{
	gint64 tasks = MAX(plan_service_peak_tasks(service), 0);
	gint64 percent = MAX(plan_service_maximum_percent(service), 0);
	gint64 product;

	if (tasks != 0 && percent > G_MAXINT64 / tasks)
		product = G_MAXINT64;
	else
		product = tasks * percent;
	return product / 100 + (product % 100 != 0 ? 1 : 0);
}
