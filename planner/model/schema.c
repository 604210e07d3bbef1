#include "schema-private.h"

#include "loader.h"

#define OFF(type, member) G_STRUCT_OFFSET(type, member)
#define FIELDS(array) array, G_N_ELEMENTS(array)
#define COUNT_RANGE 0, PLAN_MODEL_MAX_COUNT

static const char *const commitment_type_values[] = {"compute-sp", "ec2-instance-sp",
							"reserved", NULL};
static const char *const commitment_term_values[] = {"1y", "3y", NULL};
static const char *const commitment_payment_values[] = {"no-upfront", "partial-upfront",
							"all-upfront", NULL};
static const char *const tier_values[] = {"public", "private", "isolated", NULL};
static const char *const launch_values[] = {"FARGATE", "EC2", NULL};
static const char *const arch_values[] = {"x86_64", "arm64", NULL};
static const char *const network_values[] = {"awsvpc", "bridge", "host", NULL};
static const char *const scheduling_values[] = {"REPLICA", "DAEMON", NULL};
static const char *const lb_type_values[] = {"application", "network", "classic", NULL};
static const char *const engine_values[] = {"mysql", "postgres", "mariadb", "aurora-mysql",
					    "aurora-postgresql", NULL};
static const char *const storage_values[] = {"gp2", "gp3", "io1", "aurora", NULL};
static const char *const lb_scheme_values[] = {"internet-facing", "internal", NULL};
static const char *const endpoint_values[] = {"interface", "gateway", NULL};
static const char *const nat_values[] = {"public", "private", NULL};
static const char *const metric_values[] = {"cpu", "memory", "alb_requests", NULL};
static const char *const comparison_values[] = {"above", "below", NULL};
static const char *const adjustment_values[] = {"ChangeInCapacity", "PercentChangeInCapacity",
						"ExactCapacity", NULL};
static const char *const placement_values[] = {"spread", "binpack", "random", NULL};
static const char *const log_driver_values[] = {"none", "awslogs", NULL};
static const char *const registry_values[] = {"ecr", "other", NULL};
static const char *const profile_values[] = {"constant", "diurnal", "weekly", "spike",
					     "ramp",     "csv",     NULL};

/* the typed wrappers the schemas need for create/destroy */
static gpointer subnet_create(void) { return plan_subnet_new(); }
static gpointer subnet_create_block(gpointer vpc, guint n) { return plan_vpc_subnet_block(vpc, n); }
static gpointer nat_create(void) { return plan_nat_gateway_new(); }
static gpointer endpoint_create(void) { return plan_endpoint_new(); }
static gpointer lb_create(void) { return plan_load_balancer_new(); }
static gpointer vpc_create(void) { return plan_vpc_new(); }
static gpointer service_create(void) { return plan_service_new(); }
static gpointer container_create(void) { return plan_container_new(); }
static gpointer strategy_create(void) { return plan_strategy_item_new(); }
static gpointer commitment_create(void) { return plan_commitment_new(); }
static gpointer cluster_create(void) { return plan_cluster_new(); }
static gpointer target_tracking_create(void) { return plan_target_tracking_new(); }
static gpointer step_scaling_create(void) { return plan_step_scaling_new(); }
static gpointer step_adjustment_create(void) { return plan_step_adjustment_new(); }
static gpointer scheduled_create(void) { return plan_scheduled_action_new(); }
static gpointer spike_create(void) { return plan_load_spike_new(); }
static gpointer placement_create(void) { return plan_placement_strategy_new(); }
static gpointer override_create(void) { return plan_instance_override_new(); }
static gpointer database_create(void) { return plan_database_new(); }
static gpointer instance_create(void) { return plan_instance_new(); }

/* simulator figures: seconds up to a day, traffic up to a billion */
#define SECONDS_RANGE 0, 86400
#define TRAFFIC_RANGE 0, 1000000000

static const PlanField subnet_fields[] = {
	{"name", FIELD_STRING, OFF(PlanSubnet, name), FIELD_REQUIRED},
	{"cidr", FIELD_CIDR, OFF(PlanSubnet, cidr), FIELD_REQUIRED | FIELD_CIDR_AUTO | FIELD_IPV4},
	{"size", FIELD_SIZE, 0, 0},
	{"az", FIELD_STRING, OFF(PlanSubnet, az), FIELD_REQUIRED},
	{"tier", FIELD_ENUM, OFF(PlanSubnet, tier), FIELD_REQUIRED, 0, 0, tier_values},
	{"nat_gateway", FIELD_STRING, OFF(PlanSubnet, nat_gateway), 0},
	{"ipv6_cidr", FIELD_CIDR, OFF(PlanSubnet, ipv6_cidr), FIELD_IPV6},
	{"source", FIELD_STRING, OFF(PlanSubnet, origin.source), 0},
};
static const PlanSchema subnet_schema = {"subnet", subnet_create,
					 (GDestroyNotify)plan_subnet_free, 0,
					 FIELDS(subnet_fields), subnet_create_block,
					 sizeof(PlanSubnet)};

static const PlanField nat_fields[] = {
	{"name", FIELD_STRING, OFF(PlanNatGateway, name), FIELD_REQUIRED},
	{"subnet", FIELD_STRING, OFF(PlanNatGateway, subnet), FIELD_REQUIRED},
	{"connectivity", FIELD_ENUM, OFF(PlanNatGateway, connectivity), 0, 0, 0, nat_values},
	{"source", FIELD_STRING, OFF(PlanNatGateway, origin.source), 0},
};
static const PlanSchema nat_schema = {"nat gateway", nat_create,
				      (GDestroyNotify)plan_nat_gateway_free, 0,
				      FIELDS(nat_fields)};

static const PlanField endpoint_fields[] = {
	{"name", FIELD_STRING, OFF(PlanEndpoint, name), 0},
	{"service", FIELD_STRING, OFF(PlanEndpoint, service), FIELD_REQUIRED},
	{"type", FIELD_ENUM, OFF(PlanEndpoint, type), 0, 0, 0, endpoint_values},
	{"subnets", FIELD_STRINGS, OFF(PlanEndpoint, subnets), 0},
	{"source", FIELD_STRING, OFF(PlanEndpoint, origin.source), 0},
};
static const PlanSchema endpoint_schema = {"endpoint", endpoint_create,
					   (GDestroyNotify)plan_endpoint_free, 0,
					   FIELDS(endpoint_fields)};

#define LB_USAGE_SET(bit) NULL, NULL, OFF(PlanLoadBalancer, usage.set), (bit)
static const PlanField lb_usage_fields[] = {
	{"new_connections_per_second", FIELD_NUMBER,
	 OFF(PlanLoadBalancer, usage.new_connections_per_second), 0, 0, 1000000000,
	 LB_USAGE_SET(PLAN_LB_USAGE_NEW_CONNECTIONS)},
	{"active_connections_per_minute", FIELD_NUMBER,
	 OFF(PlanLoadBalancer, usage.active_connections_per_minute), 0, 0, 1000000000,
	 LB_USAGE_SET(PLAN_LB_USAGE_ACTIVE_CONNECTIONS)},
	{"processed_gb_per_month", FIELD_NUMBER,
	 OFF(PlanLoadBalancer, usage.processed_gb_per_month), 0, 0, 1000000000,
	 LB_USAGE_SET(PLAN_LB_USAGE_PROCESSED_GB)},
	{"rule_evaluations_per_second", FIELD_NUMBER,
	 OFF(PlanLoadBalancer, usage.rule_evaluations_per_second), 0, 0, 1000000000,
	 LB_USAGE_SET(PLAN_LB_USAGE_RULE_EVALUATIONS)},
};
static const PlanSchema lb_usage_schema = {"load balancer usage", NULL, NULL,
					   OFF(PlanLoadBalancer, usage.present),
					   FIELDS(lb_usage_fields)};

static const PlanField lb_fields[] = {
	{"name", FIELD_STRING, OFF(PlanLoadBalancer, name), FIELD_REQUIRED},
	{"type", FIELD_ENUM, OFF(PlanLoadBalancer, type), 0, 0, 0, lb_type_values},
	{"scheme", FIELD_ENUM, OFF(PlanLoadBalancer, scheme), 0, 0, 0, lb_scheme_values},
	{"subnets", FIELD_STRINGS, OFF(PlanLoadBalancer, subnets), FIELD_REQUIRED},
	{"usage", FIELD_OBJECT, 0, 0, 0, 0, NULL, &lb_usage_schema},
	{"source", FIELD_STRING, OFF(PlanLoadBalancer, origin.source), 0},
};
static const PlanSchema lb_schema = {"load balancer", lb_create,
				     (GDestroyNotify)plan_load_balancer_free, 0,
				     FIELDS(lb_fields)};

static const PlanField vpc_fields[] = {
	{"name", FIELD_STRING, OFF(PlanVpc, name), FIELD_REQUIRED},
	{"cidr", FIELD_CIDR, OFF(PlanVpc, cidr), FIELD_REQUIRED | FIELD_IPV4},
	{"secondary_cidrs", FIELD_CIDR_LIST, OFF(PlanVpc, secondary_cidrs), FIELD_IPV4},
	{"ipv6_cidr", FIELD_CIDR, OFF(PlanVpc, ipv6_cidr), FIELD_IPV6},
	{"internet_gateway", FIELD_BOOL, OFF(PlanVpc, internet_gateway), 0},
	{"subnets", FIELD_ARRAY, OFF(PlanVpc, subnets), 0, 0, 0, NULL, &subnet_schema},
	{"nat_gateways", FIELD_ARRAY, OFF(PlanVpc, nat_gateways), 0, 0, 0, NULL, &nat_schema},
	{"endpoints", FIELD_ARRAY, OFF(PlanVpc, endpoints), 0, 0, 0, NULL, &endpoint_schema},
	{"load_balancers", FIELD_ARRAY, OFF(PlanVpc, load_balancers), 0, 0, 0, NULL, &lb_schema},
	{"source", FIELD_STRING, OFF(PlanVpc, origin.source), 0},
};
static const PlanSchema vpc_schema = {"vpc", vpc_create, (GDestroyNotify)plan_vpc_free, 0,
				      FIELDS(vpc_fields)};

static const PlanField deployment_fields[] = {
	{"maximum_percent", FIELD_INT, OFF(PlanService, deployment.maximum_percent), 0, 100, 1000},
	{"minimum_healthy_percent", FIELD_INT, OFF(PlanService, deployment.minimum_healthy_percent),
	 0, 0, 100},
};
static const PlanSchema deployment_schema = {"deployment", NULL, NULL,
					     OFF(PlanService, deployment.present),
					     FIELDS(deployment_fields)};

#define TT_SET(bit) NULL, NULL, OFF(PlanTargetTracking, set), (bit)
static const PlanField target_tracking_fields[] = {
	{"metric", FIELD_ENUM, OFF(PlanTargetTracking, metric), 0, 0, 0, metric_values},
	{"target", FIELD_NUMBER, OFF(PlanTargetTracking, target), FIELD_REQUIRED, TRAFFIC_RANGE},
	{"scale_out_cooldown", FIELD_INT, OFF(PlanTargetTracking, scale_out_cooldown), 0,
	 SECONDS_RANGE, TT_SET(PLAN_TT_SCALE_OUT_COOLDOWN)},
	{"scale_in_cooldown", FIELD_INT, OFF(PlanTargetTracking, scale_in_cooldown), 0,
	 SECONDS_RANGE, TT_SET(PLAN_TT_SCALE_IN_COOLDOWN)},
	{"disable_scale_in", FIELD_BOOL, OFF(PlanTargetTracking, disable_scale_in), 0, 0, 0,
	 TT_SET(PLAN_TT_DISABLE_SCALE_IN)},
};
static const PlanSchema target_tracking_schema = {"target tracking policy",
						  target_tracking_create,
						  (GDestroyNotify)plan_target_tracking_free, 0,
						  FIELDS(target_tracking_fields)};

#define STEP_SET(bit) NULL, NULL, OFF(PlanStepAdjustment, set), (bit)
static const PlanField step_adjustment_fields[] = {
	{"lower", FIELD_NUMBER, OFF(PlanStepAdjustment, lower), 0, -1000000000, 1000000000,
	 STEP_SET(PLAN_STEP_LOWER)},
	{"upper", FIELD_NUMBER, OFF(PlanStepAdjustment, upper), 0, -1000000000, 1000000000,
	 STEP_SET(PLAN_STEP_UPPER)},
	{"adjustment", FIELD_INT, OFF(PlanStepAdjustment, adjustment), FIELD_REQUIRED,
	 -PLAN_MODEL_MAX_COUNT, PLAN_MODEL_MAX_COUNT},
};
static const PlanSchema step_adjustment_schema = {"step adjustment", step_adjustment_create,
						  (GDestroyNotify)plan_step_adjustment_free, 0,
						  FIELDS(step_adjustment_fields)};

static const PlanField step_scaling_fields[] = {
	{"name", FIELD_STRING, OFF(PlanStepScaling, name), 0},
	{"metric", FIELD_ENUM, OFF(PlanStepScaling, metric), 0, 0, 0, metric_values},
	{"comparison", FIELD_ENUM, OFF(PlanStepScaling, comparison), 0, 0, 0, comparison_values},
	{"threshold", FIELD_NUMBER, OFF(PlanStepScaling, threshold), FIELD_REQUIRED, TRAFFIC_RANGE},
	{"datapoints", FIELD_INT, OFF(PlanStepScaling, datapoints), 0, 1, 1440},
	{"adjustment_type", FIELD_ENUM, OFF(PlanStepScaling, adjustment_type), 0, 0, 0,
	 adjustment_values},
	{"steps", FIELD_ARRAY, OFF(PlanStepScaling, steps), FIELD_REQUIRED, 0, 0, NULL,
	 &step_adjustment_schema},
	{"min_adjustment_magnitude", FIELD_INT, OFF(PlanStepScaling, min_adjustment_magnitude), 0,
	 COUNT_RANGE},
	{"cooldown", FIELD_INT, OFF(PlanStepScaling, cooldown), 0, SECONDS_RANGE},
};
static const PlanSchema step_scaling_schema = {"step scaling policy", step_scaling_create,
					       (GDestroyNotify)plan_step_scaling_free, 0,
					       FIELDS(step_scaling_fields)};

#define SCHEDULED_SET(bit) NULL, NULL, OFF(PlanScheduledAction, set), (bit)
static const PlanField scheduled_fields[] = {
	{"name", FIELD_STRING, OFF(PlanScheduledAction, name), 0},
	{"schedule", FIELD_STRING, OFF(PlanScheduledAction, schedule),
	 FIELD_REQUIRED | FIELD_SCHEDULE},
	{"timezone", FIELD_STRING, OFF(PlanScheduledAction, timezone), 0},
	{"start_time", FIELD_STRING, OFF(PlanScheduledAction, start_time), FIELD_TIME},
	{"end_time", FIELD_STRING, OFF(PlanScheduledAction, end_time), FIELD_TIME},
	{"min", FIELD_INT, OFF(PlanScheduledAction, min), 0, COUNT_RANGE,
	 SCHEDULED_SET(PLAN_SCHEDULED_MIN)},
	{"max", FIELD_INT, OFF(PlanScheduledAction, max), 0, COUNT_RANGE,
	 SCHEDULED_SET(PLAN_SCHEDULED_MAX)},
};
static const PlanSchema scheduled_schema = {"scheduled action", scheduled_create,
					    (GDestroyNotify)plan_scheduled_action_free, 0,
					    FIELDS(scheduled_fields)};

/* the policy fields carry set bits, so a model without them is written back as it was */
#define AUTOSCALING_SET(bit) OFF(PlanService, autoscaling.set), (bit)
static const PlanField autoscaling_fields[] = {
	{"min", FIELD_INT, OFF(PlanService, autoscaling.min), FIELD_REQUIRED, COUNT_RANGE},
	{"max", FIELD_INT, OFF(PlanService, autoscaling.max), FIELD_REQUIRED, COUNT_RANGE},
	{"scale_out_cooldown", FIELD_INT, OFF(PlanService, autoscaling.scale_out_cooldown), 0,
	 SECONDS_RANGE, NULL, NULL, AUTOSCALING_SET(PLAN_AUTOSCALING_SCALE_OUT_COOLDOWN)},
	{"scale_in_cooldown", FIELD_INT, OFF(PlanService, autoscaling.scale_in_cooldown), 0,
	 SECONDS_RANGE, NULL, NULL, AUTOSCALING_SET(PLAN_AUTOSCALING_SCALE_IN_COOLDOWN)},
	{"disable_scale_in", FIELD_BOOL, OFF(PlanService, autoscaling.disable_scale_in), 0, 0, 0,
	 NULL, NULL, AUTOSCALING_SET(PLAN_AUTOSCALING_DISABLE_SCALE_IN)},
	{"target_tracking", FIELD_ARRAY, OFF(PlanService, autoscaling.target_tracking), 0, 0, 0,
	 NULL, &target_tracking_schema, AUTOSCALING_SET(PLAN_AUTOSCALING_TARGET_TRACKING)},
	{"step_scaling", FIELD_ARRAY, OFF(PlanService, autoscaling.step_scaling), 0, 0, 0, NULL,
	 &step_scaling_schema, AUTOSCALING_SET(PLAN_AUTOSCALING_STEP_SCALING)},
	{"scheduled", FIELD_ARRAY, OFF(PlanService, autoscaling.scheduled), 0, 0, 0, NULL,
	 &scheduled_schema, AUTOSCALING_SET(PLAN_AUTOSCALING_SCHEDULED)},
};
static const PlanSchema autoscaling_schema = {"autoscaling", NULL, NULL,
					      OFF(PlanService, autoscaling.present),
					      FIELDS(autoscaling_fields)};

static const PlanField spike_fields[] = {
	{"at_hour", FIELD_NUMBER, OFF(PlanLoadSpike, at_hour), FIELD_REQUIRED, 0, 1000000},
	{"height", FIELD_NUMBER, OFF(PlanLoadSpike, height), FIELD_REQUIRED, TRAFFIC_RANGE},
	{"width_minutes", FIELD_NUMBER, OFF(PlanLoadSpike, width_minutes), FIELD_REQUIRED, 0,
	 1000000},
	{"every_hours", FIELD_NUMBER, OFF(PlanLoadSpike, every_hours), 0, 0, 1000000},
};
static const PlanSchema spike_schema = {"load spike", spike_create,
					(GDestroyNotify)plan_load_spike_free, 0,
					FIELDS(spike_fields)};

#define LOAD_SET(bit) OFF(PlanService, load.set), (bit)
static const PlanField load_fields[] = {
	{"profile", FIELD_ENUM, OFF(PlanService, load.profile), 0, 0, 0, profile_values, NULL,
	 LOAD_SET(PLAN_LOAD_PROFILE)},
	{"rps", FIELD_NUMBER, OFF(PlanService, load.rps), 0, TRAFFIC_RANGE, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_RPS)},
	{"trough", FIELD_NUMBER, OFF(PlanService, load.trough), 0, TRAFFIC_RANGE, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_TROUGH)},
	{"peak", FIELD_NUMBER, OFF(PlanService, load.peak), 0, TRAFFIC_RANGE, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_PEAK)},
	{"peak_hour", FIELD_NUMBER, OFF(PlanService, load.peak_hour), 0, 0, 24, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_PEAK_HOUR)},
	{"weekend_factor", FIELD_NUMBER, OFF(PlanService, load.weekend_factor), 0, 0, 1000, NULL,
	 NULL, LOAD_SET(PLAN_LOAD_WEEKEND_FACTOR)},
	{"from", FIELD_NUMBER, OFF(PlanService, load.from), 0, TRAFFIC_RANGE, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_FROM)},
	{"to", FIELD_NUMBER, OFF(PlanService, load.to), 0, TRAFFIC_RANGE, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_TO)},
	{"ramp_hours", FIELD_NUMBER, OFF(PlanService, load.ramp_hours), 0, 0, 1000000, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_RAMP_HOURS)},
	{"noise", FIELD_NUMBER, OFF(PlanService, load.noise), 0, 0, 10, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_NOISE)},
	{"seed", FIELD_INT, OFF(PlanService, load.seed), 0, 0, G_MAXINT32, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_SEED)},
	{"file", FIELD_STRING, OFF(PlanService, load.file), 0, 0, 0, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_FILE)},
	{"scale", FIELD_NUMBER, OFF(PlanService, load.scale), 0, TRAFFIC_RANGE, NULL, NULL,
	 LOAD_SET(PLAN_LOAD_SCALE)},
	{"spikes", FIELD_ARRAY, OFF(PlanService, load.spikes), 0, 0, 0, NULL, &spike_schema,
	 LOAD_SET(PLAN_LOAD_SPIKES)},
};
static const PlanSchema load_schema = {"load", NULL, NULL, OFF(PlanService, load.present),
				       FIELDS(load_fields)};

static const PlanField container_fields[] = {
	{"name", FIELD_STRING, OFF(PlanContainer, name), FIELD_REQUIRED},
	{"cpu", FIELD_INT, OFF(PlanContainer, cpu), 0, 0, 196608},
	{"memory", FIELD_INT, OFF(PlanContainer, memory), 0, 0, 4194304},
	{"memory_reservation", FIELD_INT, OFF(PlanContainer, memory_reservation), 0, 0, 4194304},
	{"essential", FIELD_BOOL, OFF(PlanContainer, essential), 0},
	{"port", FIELD_INT, OFF(PlanContainer, port), 0, 0, 65535},
	{"source", FIELD_STRING, OFF(PlanContainer, origin.source), 0},
};
static const PlanSchema container_schema = {"container", container_create,
					    (GDestroyNotify)plan_container_free, 0,
					    FIELDS(container_fields)};

static const PlanField strategy_fields[] = {
	{"capacity_provider", FIELD_STRING, OFF(PlanStrategyItem, capacity_provider),
	 FIELD_REQUIRED},
	{"base", FIELD_INT, OFF(PlanStrategyItem, base), 0, 0, 100000},
	{"weight", FIELD_INT, OFF(PlanStrategyItem, weight), 0, 0, 1000},
};
static const PlanSchema strategy_schema = {"capacity provider strategy item", strategy_create,
					   (GDestroyNotify)plan_strategy_item_free, 0,
					   FIELDS(strategy_fields)};

static const PlanField placement_fields[] = {
	{"type", FIELD_ENUM, OFF(PlanPlacementStrategy, type), FIELD_REQUIRED, 0, 0,
	 placement_values},
	{"field", FIELD_STRING, OFF(PlanPlacementStrategy, field), 0},
};
static const PlanSchema placement_schema = {"placement strategy", placement_create,
					    (GDestroyNotify)plan_placement_strategy_free, 0,
					    FIELDS(placement_fields)};

static const PlanField service_fields[] = {
	{"name", FIELD_STRING, OFF(PlanService, name), FIELD_REQUIRED},
	{"vpc", FIELD_STRING, OFF(PlanService, vpc), 0},
	{"launch_type", FIELD_ENUM, OFF(PlanService, launch_type), 0, 0, 0, launch_values},
	{"cpu", FIELD_INT, OFF(PlanService, cpu), 0, 0, 196608},
	{"memory", FIELD_INT, OFF(PlanService, memory), 0, 0, 4194304},
	{"architecture", FIELD_ENUM, OFF(PlanService, architecture), 0, 0, 0, arch_values},
	{"desired_count", FIELD_INT, OFF(PlanService, desired_count), 0, COUNT_RANGE},
	{"subnets", FIELD_STRINGS, OFF(PlanService, subnets), 0},
	{"assign_public_ip", FIELD_BOOL, OFF(PlanService, assign_public_ip), 0},
	{"load_balancer", FIELD_STRING, OFF(PlanService, load_balancer), 0},
	{"extra_load_balancers", FIELD_STRINGS, OFF(PlanService, extra_load_balancers), 0},
	{"deployment", FIELD_OBJECT, 0, 0, 0, 0, NULL, &deployment_schema},
	{"autoscaling", FIELD_OBJECT, 0, 0, 0, 0, NULL, &autoscaling_schema},
	{"containers", FIELD_ARRAY, OFF(PlanService, containers), 0, 0, 0, NULL,
	 &container_schema},
	{"capacity_provider_strategy", FIELD_ARRAY, OFF(PlanService, capacity_provider_strategy),
	 0, 0, 0, NULL, &strategy_schema},
	{"placement_strategy", FIELD_ARRAY, OFF(PlanService, placement_strategy), 0, 0, 0, NULL,
	 &placement_schema},
	{"lb_healthy_s", FIELD_INT, OFF(PlanService, lb_healthy_s), 0, 0, 86400},
	{"health_check_grace_period_s", FIELD_INT, OFF(PlanService, health_check_grace_period_s), 0,
	 0, 2147483647},
	{"cluster", FIELD_STRING, OFF(PlanService, cluster), 0},
	{"network_mode", FIELD_ENUM, OFF(PlanService, network_mode), 0, 0, 0, network_values},
	{"scheduling_strategy", FIELD_ENUM, OFF(PlanService, scheduling_strategy), 0, 0, 0,
	 scheduling_values},
	{"ephemeral_storage_gb", FIELD_INT, OFF(PlanService, ephemeral_storage_gb), 0, 20, 200},
	{"load", FIELD_OBJECT, 0, 0, 0, 0, NULL, &load_schema},
	{"task_capacity_rps", FIELD_NUMBER, OFF(PlanService, task_capacity_rps), 0, TRAFFIC_RANGE},
	{"cpu_utilization", FIELD_NUMBER, OFF(PlanService, cpu_utilization), 0, 0, 1, NULL, NULL,
	 OFF(PlanService, set), PLAN_SERVICE_CPU_UTILIZATION},
	{"log_driver", FIELD_ENUM, OFF(PlanService, log_driver), 0, 0, 0, log_driver_values},
	{"image_registry", FIELD_ENUM, OFF(PlanService, image_registry), 0, 0, 0, registry_values},
	{"secrets", FIELD_STRINGS, OFF(PlanService, secrets), 0},
	{"service_connect", FIELD_BOOL, OFF(PlanService, service_connect), 0},
	{"source", FIELD_STRING, OFF(PlanService, origin.source), 0},
};
static const PlanSchema service_schema = {"service", service_create,
					  (GDestroyNotify)plan_service_free, 0,
					  FIELDS(service_fields)};

static const PlanField override_fields[] = {
	{"instance_type", FIELD_STRING, OFF(PlanInstanceOverride, instance_type), FIELD_REQUIRED},
	{"weight", FIELD_INT, OFF(PlanInstanceOverride, weight), 0, 1, 999},
};
static const PlanSchema override_schema = {"instance override", override_create,
					   (GDestroyNotify)plan_instance_override_free, 0,
					   FIELDS(override_fields)};

static const PlanField cluster_fields[] = {
	{"name", FIELD_STRING, OFF(PlanCluster, name), FIELD_REQUIRED},
	{"vpc", FIELD_STRING, OFF(PlanCluster, vpc), 0},
	{"instance_type", FIELD_STRING, OFF(PlanCluster, instance_type), FIELD_REQUIRED},
	{"min", FIELD_INT, OFF(PlanCluster, min), 0, COUNT_RANGE},
	{"max", FIELD_INT, OFF(PlanCluster, max), FIELD_REQUIRED, COUNT_RANGE},
	{"subnets", FIELD_STRINGS, OFF(PlanCluster, subnets), 0},
	{"trunking", FIELD_BOOL, OFF(PlanCluster, trunking), 0},
	{"target_capacity", FIELD_INT, OFF(PlanCluster, target_capacity), 0, 1, 100},
	{"public_ip", FIELD_BOOL, OFF(PlanCluster, public_ip), 0},
	{"managed_termination_protection", FIELD_BOOL,
	 OFF(PlanCluster, managed_termination_protection), 0},
	{"minimum_scaling_step_size", FIELD_INT, OFF(PlanCluster, minimum_scaling_step_size), 0, 1,
	 10000, NULL, NULL, OFF(PlanCluster, set), PLAN_CLUSTER_MIN_STEP},
	{"maximum_scaling_step_size", FIELD_INT, OFF(PlanCluster, maximum_scaling_step_size), 0, 1,
	 10000, NULL, NULL, OFF(PlanCluster, set), PLAN_CLUSTER_MAX_STEP},
	{"instance_warmup_s", FIELD_INT, OFF(PlanCluster, instance_warmup_s), 0, 0, 10000, NULL,
	 NULL, OFF(PlanCluster, set), PLAN_CLUSTER_WARMUP},
	{"on_demand_base", FIELD_INT, OFF(PlanCluster, on_demand_base), 0, COUNT_RANGE},
	{"on_demand_percentage", FIELD_INT, OFF(PlanCluster, on_demand_percentage), 0, 0, 100},
	{"spot_discount", FIELD_NUMBER, OFF(PlanCluster, spot_discount), 0, 0, 1},
	{"instance_overrides", FIELD_ARRAY, OFF(PlanCluster, instance_overrides), 0, 0, 0, NULL,
	 &override_schema},
	{"ebs_gb", FIELD_INT, OFF(PlanCluster, ebs_gb), 0, 0, 65536},
	{"ebs_type", FIELD_ENUM, OFF(PlanCluster, ebs_type), 0, 0, 0, storage_values},
	{"reserved_memory_mib", FIELD_INT, OFF(PlanCluster, reserved_memory_mib), 0, 0, 4194304},
	{"source", FIELD_STRING, OFF(PlanCluster, origin.source), 0},
};
static const PlanSchema cluster_schema = {"cluster", cluster_create,
					  (GDestroyNotify)plan_cluster_free, 0,
					  FIELDS(cluster_fields)};

static const PlanField database_fields[] = {
	{"name", FIELD_STRING, OFF(PlanDatabase, name), FIELD_REQUIRED},
	{"vpc", FIELD_STRING, OFF(PlanDatabase, vpc), 0},
	{"engine", FIELD_ENUM, OFF(PlanDatabase, engine), FIELD_REQUIRED, 0, 0, engine_values},
	{"instance_class", FIELD_STRING, OFF(PlanDatabase, instance_class), FIELD_REQUIRED},
	{"multi_az", FIELD_BOOL, OFF(PlanDatabase, multi_az), 0},
	{"instances", FIELD_INT, OFF(PlanDatabase, instances), 0, 1, 16},
	{"storage_type", FIELD_ENUM, OFF(PlanDatabase, storage_type), 0, 0, 0, storage_values},
	{"storage_gb", FIELD_INT, OFF(PlanDatabase, storage_gb), 0, 0, 131072},
	{"subnets", FIELD_STRINGS, OFF(PlanDatabase, subnets), FIELD_REQUIRED},
	{"source", FIELD_STRING, OFF(PlanDatabase, origin.source), 0},
};
static const PlanSchema database_schema = {"database", database_create,
					   (GDestroyNotify)plan_database_free, 0,
					   FIELDS(database_fields)};

static const PlanField instance_fields[] = {
	{"name", FIELD_STRING, OFF(PlanInstance, name), FIELD_REQUIRED},
	{"vpc", FIELD_STRING, OFF(PlanInstance, vpc), 0},
	{"instance_type", FIELD_STRING, OFF(PlanInstance, instance_type), FIELD_REQUIRED},
	{"subnet", FIELD_STRING, OFF(PlanInstance, subnet), FIELD_REQUIRED},
	{"public_ip", FIELD_BOOL, OFF(PlanInstance, public_ip), 0},
	{"ebs_gb", FIELD_INT, OFF(PlanInstance, ebs_gb), 0, 0, 65536},
	{"ebs_type", FIELD_ENUM, OFF(PlanInstance, ebs_type), 0, 0, 0, storage_values},
	{"source", FIELD_STRING, OFF(PlanInstance, origin.source), 0},
};
static const PlanSchema instance_schema = {"instance", instance_create,
					   (GDestroyNotify)plan_instance_free, 0,
					   FIELDS(instance_fields)};

#define USAGE_SET(bit) NULL, NULL, OFF(PlanModel, usage.set), (bit)
static const PlanField usage_fields[] = {
	{"nat_gb_per_month", FIELD_NUMBER, OFF(PlanModel, usage.nat_gb_per_month), 0, 0,
	 1000000000, USAGE_SET(PLAN_USAGE_NAT_GB)},
	{"cross_az_gb_per_month", FIELD_NUMBER, OFF(PlanModel, usage.cross_az_gb_per_month), 0, 0,
	 1000000000, USAGE_SET(PLAN_USAGE_CROSS_AZ_GB)},
	{"internet_egress_gb_per_month", FIELD_NUMBER,
	 OFF(PlanModel, usage.internet_egress_gb_per_month), 0, 0, 1000000000,
	 USAGE_SET(PLAN_USAGE_INTERNET_EGRESS_GB)},
	{"endpoint_gb_per_month", FIELD_NUMBER, OFF(PlanModel, usage.endpoint_gb_per_month), 0, 0,
	 1000000000, USAGE_SET(PLAN_USAGE_ENDPOINT_GB)},
	{"logs_ingested_gb_per_month", FIELD_NUMBER,
	 OFF(PlanModel, usage.logs_ingested_gb_per_month), 0, 0, 1000000000,
	 USAGE_SET(PLAN_USAGE_LOGS_INGESTED_GB)},
	{"logs_stored_gb", FIELD_NUMBER, OFF(PlanModel, usage.logs_stored_gb), 0, 0, 1000000000,
	 USAGE_SET(PLAN_USAGE_LOGS_STORED_GB)},
	{"container_insights_gb_per_month", FIELD_NUMBER,
	 OFF(PlanModel, usage.container_insights_gb_per_month), 0, 0, 1000000000,
	 USAGE_SET(PLAN_USAGE_CONTAINER_INSIGHTS_GB)},
};
static const PlanSchema usage_schema = {"usage", NULL, NULL, OFF(PlanModel, usage.present),
					FIELDS(usage_fields)};

#define SIM_SET(bit) NULL, NULL, OFF(PlanModel, simulation.set), (bit)
static const PlanField simulation_fields[] = {
	{"start_latency_s", FIELD_INT, OFF(PlanModel, simulation.start_latency_s), 0,
	 SECONDS_RANGE, SIM_SET(PLAN_SIM_START_LATENCY)},
	{"lb_healthy_s", FIELD_INT, OFF(PlanModel, simulation.lb_healthy_s), 0, SECONDS_RANGE,
	 SIM_SET(PLAN_SIM_LB_HEALTHY)},
	{"instance_launch_s", FIELD_INT, OFF(PlanModel, simulation.instance_launch_s), 0,
	 SECONDS_RANGE, SIM_SET(PLAN_SIM_INSTANCE_LAUNCH)},
	{"instance_warmup_s", FIELD_INT, OFF(PlanModel, simulation.instance_warmup_s), 0, 0,
	 10000, SIM_SET(PLAN_SIM_INSTANCE_WARMUP)},
	{"alarm_high_datapoints", FIELD_INT, OFF(PlanModel, simulation.alarm_high_datapoints), 0,
	 1, 1440, SIM_SET(PLAN_SIM_ALARM_HIGH)},
	{"alarm_low_datapoints", FIELD_INT, OFF(PlanModel, simulation.alarm_low_datapoints), 0, 1,
	 1440, SIM_SET(PLAN_SIM_ALARM_LOW)},
	{"scale_in_threshold_ratio", FIELD_NUMBER,
	 OFF(PlanModel, simulation.scale_in_threshold_ratio), 0, 0, 1,
	 SIM_SET(PLAN_SIM_SCALE_IN_RATIO)},
	{"capacity_alarm_high_datapoints", FIELD_INT,
	 OFF(PlanModel, simulation.capacity_alarm_high_datapoints), 0, 1, 1440,
	 SIM_SET(PLAN_SIM_CAPACITY_ALARM_HIGH)},
	{"capacity_alarm_low_datapoints", FIELD_INT,
	 OFF(PlanModel, simulation.capacity_alarm_low_datapoints), 0, 1, 1440,
	 SIM_SET(PLAN_SIM_CAPACITY_ALARM_LOW)},
	{"minimum_scaling_step_size", FIELD_INT,
	 OFF(PlanModel, simulation.minimum_scaling_step_size), 0, 1, 10000,
	 SIM_SET(PLAN_SIM_MIN_STEP)},
	{"maximum_scaling_step_size", FIELD_INT,
	 OFF(PlanModel, simulation.maximum_scaling_step_size), 0, 1, 10000,
	 SIM_SET(PLAN_SIM_MAX_STEP)},
	{"first_launch_instances", FIELD_INT, OFF(PlanModel, simulation.first_launch_instances), 0,
	 1, 10000, SIM_SET(PLAN_SIM_FIRST_LAUNCH)},
	{"task_capacity_rps", FIELD_NUMBER, OFF(PlanModel, simulation.task_capacity_rps), 0,
	 TRAFFIC_RANGE, SIM_SET(PLAN_SIM_TASK_CAPACITY)},
	{"start", FIELD_STRING, OFF(PlanModel, simulation.start), 0, 0, 0, SIM_SET(PLAN_SIM_START)},
};
static const PlanSchema simulation_schema = {"simulation", NULL, NULL,
					     OFF(PlanModel, simulation.present),
					     FIELDS(simulation_fields)};

static const PlanField commitment_fields[] = {
	{"type", FIELD_ENUM, OFF(PlanCommitment, type), FIELD_REQUIRED, 0, 0,
	 commitment_type_values},
	{"term", FIELD_ENUM, OFF(PlanCommitment, term), FIELD_REQUIRED, 0, 0,
	 commitment_term_values},
	{"payment", FIELD_ENUM, OFF(PlanCommitment, payment), FIELD_REQUIRED, 0, 0,
	 commitment_payment_values},
};
static const PlanSchema commitment_schema = {"commitment", commitment_create,
					     (GDestroyNotify)plan_commitment_free, 0,
					     FIELDS(commitment_fields)};

static const PlanField pricing_fields[] = {
	{"commitments", FIELD_ARRAY, OFF(PlanModel, pricing.commitments), 0, 0, 0, NULL,
	 &commitment_schema},
};
static const PlanSchema pricing_schema = {"pricing", NULL, NULL, OFF(PlanModel, pricing.present),
					  FIELDS(pricing_fields)};

static const PlanField model_fields[] = {
	{"ecsplan", FIELD_VERSION, OFF(PlanModel, version), FIELD_REQUIRED},
	{"name", FIELD_STRING, OFF(PlanModel, name), 0},
	{"region", FIELD_STRING, OFF(PlanModel, region), FIELD_REQUIRED},
	{"notes", FIELD_NOTES, OFF(PlanModel, notes), 0},
	{"vpcs", FIELD_ARRAY, OFF(PlanModel, vpcs), FIELD_REQUIRED, 0, 0, NULL, &vpc_schema},
	{"peerings", FIELD_PEERINGS, OFF(PlanModel, peerings), 0},
	{"clusters", FIELD_ARRAY, OFF(PlanModel, clusters), 0, 0, 0, NULL, &cluster_schema},
	{"services", FIELD_ARRAY, OFF(PlanModel, services), 0, 0, 0, NULL, &service_schema},
	{"databases", FIELD_ARRAY, OFF(PlanModel, databases), 0, 0, 0, NULL, &database_schema},
	{"instances", FIELD_ARRAY, OFF(PlanModel, instances), 0, 0, 0, NULL, &instance_schema},
	{"usage", FIELD_OBJECT, 0, 0, 0, 0, NULL, &usage_schema},
	{"simulation", FIELD_OBJECT, 0, 0, 0, 0, NULL, &simulation_schema},
	{"pricing", FIELD_OBJECT, 0, 0, 0, 0, NULL, &pricing_schema},
};
const PlanSchema schema_model = {"model", NULL, NULL, 0, FIELDS(model_fields)};

