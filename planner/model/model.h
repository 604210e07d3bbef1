/* ecsplan: the plan model — plain data produced by the loader (and later the Terraform importer)
 * and read by every analysis. nothing here knows where the model came from. */
#pragma once

#include <glib.h>

#include "cidr.h"

G_BEGIN_DECLS

/* each vCPU is 1024 CPU units, in task sizes and on registered instances [S7] */
#define PLAN_CPU_UNITS_PER_VCPU 1024
/* what AWS recommends adding to a task for the Service Connect proxy container [S45] */
#define PLAN_SERVICE_CONNECT_PROXY_CPU 256
#define PLAN_SERVICE_CONNECT_PROXY_MEMORY_MIB 64
/* 1 GB is 1024 MiB in the ECS task-size tables and Fargate's GB-hour [S1] */
#define PLAN_MIB_PER_GB 1024

/* a place in the input: 1-based line and column; 0 when unknown (built-in or computed) */
typedef struct {
	guint line;
	guint column;
} PlanLoc;

/* where an element came from: every element record starts with one */
typedef struct {
	char *path;   /* JSON path in the model, e.g. "vpcs[0].subnets[3]" */
	PlanLoc loc;  /* where the element starts */
	char *source; /* the model's "source" field: a Terraform address, or free text */
} PlanOrigin;

typedef enum {
	PLAN_CIDR_UNSET = 0, /* field absent */
	PLAN_CIDR_OK,        /* parsed, canonical */
	PLAN_CIDR_HOST_BITS, /* parsed; host bits were set, prefix holds the canonical block */
	PLAN_CIDR_INVALID,   /* did not parse: error holds why */
	PLAN_CIDR_AUTO,      /* "auto": ecsplan alloc fills it in */
} PlanCidrState;

/* a CIDR field as written, and what it parsed to */
typedef struct {
	char *text;
	char *error; /* PLAN_CIDR_INVALID: the parser's message */
	char *path;  /* JSON path of the field itself, when the importer recorded one; NULL from
		      * the loader, whose paths are the owner's and the key (rules_field_path) */
	PlanLoc loc;
	PlanPrefix prefix;
	PlanCidrState state;
} PlanCidr;

/* TRUE when the field holds a usable block (OK or HOST_BITS) */
gboolean plan_cidr_usable(const PlanCidr *cidr);

typedef enum {
	PLAN_TIER_PUBLIC,
	PLAN_TIER_PRIVATE,
	PLAN_TIER_ISOLATED,
	PLAN_TIER_COUNT,
} PlanTier;

typedef enum {
	PLAN_LAUNCH_FARGATE,
	PLAN_LAUNCH_EC2,
} PlanLaunchType;

typedef enum {
	PLAN_ARCH_X86_64,
	PLAN_ARCH_ARM64,
} PlanArchitecture;

typedef enum {
	PLAN_NETWORK_AWSVPC,
	PLAN_NETWORK_BRIDGE,
	PLAN_NETWORK_HOST,
} PlanNetworkMode;

/* a service's scheduling strategy [S51]: REPLICA keeps desired_count tasks; DAEMON runs one
 * task on every container instance of its cluster (EC2 only) */
typedef enum {
	PLAN_SCHEDULING_REPLICA,
	PLAN_SCHEDULING_DAEMON,
} PlanSchedulingStrategy;

/* where a task's logs go (the task definition's logConfiguration) */
typedef enum {
	PLAN_LOG_NONE,    /* no log driver, or one that needs nothing from the network */
	PLAN_LOG_AWSLOGS, /* CloudWatch Logs: the logs endpoint, or an internet route [S37] */
} PlanLogDriver;

/* where a task's images come from */
typedef enum {
	PLAN_REGISTRY_ECR,   /* Amazon ECR: ecr.api, ecr.dkr and s3 endpoints can serve the pull */
	PLAN_REGISTRY_OTHER, /* Docker Hub, GHCR, ...: only an internet route reaches it */
} PlanImageRegistry;

typedef enum {
	PLAN_LB_APPLICATION,
	PLAN_LB_NETWORK,
	PLAN_LB_CLASSIC, /* Classic Load Balancer: per hour and per GB processed [S17] */
} PlanLbType;

typedef enum {
	PLAN_LB_INTERNET_FACING,
	PLAN_LB_INTERNAL,
} PlanLbScheme;

typedef enum {
	PLAN_ENDPOINT_INTERFACE,
	PLAN_ENDPOINT_GATEWAY,
} PlanEndpointType;

typedef enum {
	PLAN_NAT_PUBLIC,
	PLAN_NAT_PRIVATE,
} PlanNatConnectivity;

/* subnet "size" when cidr is "auto" */
typedef enum {
	PLAN_SIZE_UNSET = 0,
	PLAN_SIZE_LENGTH,    /* "/24" */
	PLAN_SIZE_ADDRESSES, /* 500: at least this many usable addresses */
	PLAN_SIZE_AUTO,      /* from the peak addresses its services need */
} PlanSizeKind;

typedef struct {
	PlanOrigin origin;
	char *name;
	PlanCidr cidr;
	PlanCidr ipv6_cidr;
	PlanSizeKind size_kind;
	guint size_length;
	gint64 size_addresses;
	char *az;
	PlanTier tier;
	char *nat_gateway;
	/* set by plan_model_link(): index into the VPC's nat_gateways, -1 when none or unresolved */
	gint nat_index;
	/* one of its VPC's subnet_blocks (plan_vpc_subnet_block): freed with the VPC, not alone */
	gboolean in_block;
} PlanSubnet;

typedef struct {
	PlanOrigin origin;
	char *name;
	char *subnet;
	PlanNatConnectivity connectivity;
	gint subnet_index; /* plan_model_link() */
} PlanNatGateway;

typedef struct {
	PlanOrigin origin;
	char *name;
	char *service; /* "ecr.dkr", "s3", ... */
	PlanEndpointType type;
	GPtrArray *subnets;      /* char* names */
	GArray *subnet_indices;  /* gint, plan_model_link() */
} PlanEndpoint;

/* which PlanLbUsage figures the model gives (PlanLbUsage.set) */
typedef enum {
	PLAN_LB_USAGE_NEW_CONNECTIONS = 1 << 0,
	PLAN_LB_USAGE_ACTIVE_CONNECTIONS = 1 << 1,
	PLAN_LB_USAGE_PROCESSED_GB = 1 << 2,
	PLAN_LB_USAGE_RULE_EVALUATIONS = 1 << 3,
} PlanLbUsageField;

/* traffic assumptions for a load balancer's LCU charge (issue: cost) */
typedef struct {
	gboolean present;
	guint set; /* PlanLbUsageField bits: the figures written in the model; the rest are defaults */
	double new_connections_per_second;
	double active_connections_per_minute;
	double processed_gb_per_month;
	double rule_evaluations_per_second;
} PlanLbUsage;

typedef struct {
	PlanOrigin origin;
	char *name;
	PlanLbType type;
	PlanLbScheme scheme;
	GPtrArray *subnets;     /* char* names */
	GArray *subnet_indices; /* gint */
	PlanLbUsage usage;
} PlanLoadBalancer;

typedef struct {
	PlanOrigin origin;
	char *name;
	PlanCidr cidr;
	GArray *secondary_cidrs; /* PlanCidr */
	PlanCidr ipv6_cidr;
	gboolean internet_gateway;
	GPtrArray *subnets;        /* PlanSubnet */
	GPtrArray *nat_gateways;   /* PlanNatGateway */
	GPtrArray *endpoints;      /* PlanEndpoint */
	GPtrArray *load_balancers; /* PlanLoadBalancer */
	/* PlanSubnet[]: the blocks the loader made the subnets in (plan_vpc_subnet_block), or NULL;
	 * freed after subnets */
	GPtrArray *subnet_blocks;
} PlanVpc;

typedef struct {
	PlanOrigin origin;
	char *vpc_a;
	char *vpc_b;
	gint vpc_a_index;
	gint vpc_b_index;
} PlanPeering;

typedef struct {
	gboolean present;
	gint64 maximum_percent;         /* default 200 */
	gint64 minimum_healthy_percent; /* default 100 */
} PlanDeployment;

/* ---- autoscaling policies and load (issue: simulate; docs/simulation.md) ---- */

/* the metric a scaling policy follows [S27] */
typedef enum {
	PLAN_METRIC_CPU,          /* ECSServiceAverageCPUUtilization, percent */
	PLAN_METRIC_MEMORY,       /* ECSServiceAverageMemoryUtilization, percent */
	PLAN_METRIC_ALB_REQUESTS, /* ALBRequestCountPerTarget, requests per target per minute */
} PlanScalingMetric;

/* which PlanTargetTracking fields the model gives (PlanTargetTracking.set) */
typedef enum {
	PLAN_TT_SCALE_OUT_COOLDOWN = 1 << 0,
	PLAN_TT_SCALE_IN_COOLDOWN = 1 << 1,
	PLAN_TT_DISABLE_SCALE_IN = 1 << 2,
} PlanTargetTrackingField;

/* one target tracking policy; unset cooldowns and disable_scale_in come from the autoscaling
 * block */
typedef struct {
	PlanOrigin origin;
	guint set; /* PlanTargetTrackingField */
	PlanScalingMetric metric;
	double target;
	gint64 scale_out_cooldown; /* seconds */
	gint64 scale_in_cooldown;  /* seconds */
	gboolean disable_scale_in;
} PlanTargetTracking;

typedef enum {
	PLAN_ADJUST_CHANGE,  /* ChangeInCapacity */
	PLAN_ADJUST_PERCENT, /* PercentChangeInCapacity */
	PLAN_ADJUST_EXACT,   /* ExactCapacity */
} PlanAdjustmentType;

typedef enum {
	PLAN_ALARM_ABOVE, /* GreaterThanOrEqualToThreshold */
	PLAN_ALARM_BELOW, /* LessThanOrEqualToThreshold */
} PlanAlarmComparison;

/* which PlanStepAdjustment bounds the model gives */
typedef enum {
	PLAN_STEP_LOWER = 1 << 0,
	PLAN_STEP_UPPER = 1 << 1,
} PlanStepAdjustmentField;

/* one step: metric − threshold in [lower, upper) → adjustment; an unset bound is infinite */
typedef struct {
	PlanOrigin origin;
	guint set; /* PlanStepAdjustmentField */
	double lower;
	double upper;
	gint64 adjustment;
} PlanStepAdjustment;

/* a step scaling policy and the CloudWatch alarm that drives it */
typedef struct {
	PlanOrigin origin;
	char *name;
	PlanScalingMetric metric;
	PlanAlarmComparison comparison;
	double threshold;
	gint64 datapoints; /* consecutive 1-minute datapoints that breach; default 1 */
	PlanAdjustmentType adjustment_type;
	GPtrArray *steps; /* PlanStepAdjustment */
	gint64 min_adjustment_magnitude; /* PercentChangeInCapacity only; 0 = none */
	gint64 cooldown;                 /* seconds, default 300 [S27] */
} PlanStepScaling;

/* which PlanScheduledAction fields the model gives */
typedef enum {
	PLAN_SCHEDULED_MIN = 1 << 0,
	PLAN_SCHEDULED_MAX = 1 << 1,
} PlanScheduledField;

/* a scheduled action: new min and/or max at times [S27] */
typedef struct {
	PlanOrigin origin;
	char *name;
	char *schedule; /* "at(6h)", "at(2024-01-02T08:00:00Z)", "rate(1 day)", "cron(0 8 ? * MON-FRI *)" */
	char *timezone; /* IANA name ("Europe/Berlin") for cron() and dated at(); NULL = UTC */
	/* the action fires only from start_time to end_time (ISO 8601, UTC unless the text has
	 * an offset), as Application Auto Scaling's StartTime and EndTime [S27]; NULL = open */
	char *start_time;
	char *end_time;
	guint set;      /* PlanScheduledField */
	gint64 min;
	gint64 max;
} PlanScheduledAction;

/* which PlanAutoscaling fields the model gives (the writer writes exactly those) */
typedef enum {
	PLAN_AUTOSCALING_SCALE_OUT_COOLDOWN = 1 << 0,
	PLAN_AUTOSCALING_SCALE_IN_COOLDOWN = 1 << 1,
	PLAN_AUTOSCALING_DISABLE_SCALE_IN = 1 << 2,
	PLAN_AUTOSCALING_TARGET_TRACKING = 1 << 3,
	PLAN_AUTOSCALING_STEP_SCALING = 1 << 4,
	PLAN_AUTOSCALING_SCHEDULED = 1 << 5,
} PlanAutoscalingField;

typedef struct {
	gboolean present;
	gint64 min;
	gint64 max;
	guint set; /* PlanAutoscalingField */
	gint64 scale_out_cooldown; /* seconds, default 300 [S27]: the policies' default */
	gint64 scale_in_cooldown;  /* seconds, default 300 [S27] */
	gboolean disable_scale_in;
	GPtrArray *target_tracking; /* PlanTargetTracking */
	GPtrArray *step_scaling;    /* PlanStepScaling */
	GPtrArray *scheduled;       /* PlanScheduledAction */
} PlanAutoscaling;

typedef enum {
	PLAN_PROFILE_CONSTANT,
	PLAN_PROFILE_DIURNAL,
	PLAN_PROFILE_WEEKLY,
	PLAN_PROFILE_SPIKE,
	PLAN_PROFILE_RAMP,
	PLAN_PROFILE_CSV,
} PlanProfileKind;

/* which PlanLoad fields the model gives */
typedef enum {
	PLAN_LOAD_PROFILE = 1 << 0,
	PLAN_LOAD_RPS = 1 << 1,
	PLAN_LOAD_TROUGH = 1 << 2,
	PLAN_LOAD_PEAK = 1 << 3,
	PLAN_LOAD_PEAK_HOUR = 1 << 4,
	PLAN_LOAD_WEEKEND_FACTOR = 1 << 5,
	PLAN_LOAD_FROM = 1 << 6,
	PLAN_LOAD_TO = 1 << 7,
	PLAN_LOAD_RAMP_HOURS = 1 << 8,
	PLAN_LOAD_NOISE = 1 << 9,
	PLAN_LOAD_SEED = 1 << 10,
	PLAN_LOAD_FILE = 1 << 11,
	PLAN_LOAD_SCALE = 1 << 12,
	PLAN_LOAD_SPIKES = 1 << 13,
} PlanLoadField;

/* a spike on top of any profile: +height requests per second for width_minutes from at_hour,
 * again every every_hours when that is not 0 */
typedef struct {
	PlanOrigin origin;
	double at_hour;
	double height;
	double width_minutes;
	double every_hours;
} PlanLoadSpike;

/* a service's demand in requests per second over time (profile.c reads it) */
typedef struct {
	gboolean present;
	guint set; /* PlanLoadField */
	PlanProfileKind profile;
	double rps;            /* constant: the level; spike: the base */
	double trough;         /* diurnal, weekly */
	double peak;
	double peak_hour;      /* 0 to 24, in the simulation clock (UTC) */
	double weekend_factor; /* weekly: Saturday and Sunday are multiplied by it */
	double from;           /* ramp */
	double to;
	double ramp_hours;     /* ramp: 0 = over the whole run */
	double noise;          /* multiplicative, standard deviation as a fraction */
	gint64 seed;
	char *file;   /* csv: timestamp,value; relative to the model file's folder */
	double scale; /* csv: every value is multiplied by it; default 1 */
	GPtrArray *spikes; /* PlanLoadSpike */
} PlanLoad;

typedef struct {
	PlanOrigin origin;
	char *name;
	gint64 cpu;                /* CPU units; 0 = not set */
	gint64 memory;             /* MiB, hard limit; 0 = not set */
	gint64 memory_reservation; /* MiB, soft limit; 0 = not set */
	gboolean essential;
	gint64 port; /* container port; 0 = none */
} PlanContainer;

/* a commitment the account already has (the model's "pricing" block): compare marks the
 * Savings Plan or Reserved Instance row it names as current (docs/model.md) */
typedef enum {
	PLAN_COMMITMENT_COMPUTE_SP,	/* "compute-sp" */
	PLAN_COMMITMENT_EC2_INSTANCE_SP, /* "ec2-instance-sp" */
	PLAN_COMMITMENT_RESERVED,	/* "reserved" */
} PlanCommitmentType;

typedef struct {
	PlanOrigin origin;
	int type;    /* PlanCommitmentType */
	int term;    /* 0: "1y", 1: "3y" (PlanTerm) */
	int payment; /* 0: "no-upfront", 1: "partial-upfront", 2: "all-upfront" (PlanUpfront) */
} PlanCommitment;

typedef struct {
	gboolean present;
	GPtrArray *commitments; /* PlanCommitment */
} PlanPricing;

typedef struct {
	PlanOrigin origin;
	char *capacity_provider;
	gint64 base;
	gint64 weight;
} PlanStrategyItem;

/* an EC2 service's task placement strategy [S39]: spread (over AZs or instances), binpack (on
 * CPU or memory), random; tried in order, ties go to the next */
typedef enum {
	PLAN_PLACEMENT_SPREAD,
	PLAN_PLACEMENT_BINPACK,
	PLAN_PLACEMENT_RANDOM,
} PlanPlacementType;

typedef struct {
	PlanOrigin origin;
	PlanPlacementType type;
	/* spread: "attribute:ecs.availability-zone", "instanceId" or "host"; binpack: "cpu" or
	 * "memory"; random: NULL */
	char *field;
} PlanPlacementStrategy;

/* which optional PlanService figures the model gives */
typedef enum {
	PLAN_SERVICE_CPU_UTILIZATION = 1 << 0,
} PlanServiceField;

typedef struct {
	PlanOrigin origin;
	char *name;
	char *vpc;
	PlanLaunchType launch_type;
	gint64 cpu;    /* task CPU units (1024 = 1 vCPU); 0 = not set */
	gint64 memory; /* task memory, MiB; 0 = not set */
	PlanArchitecture architecture;
	gint64 desired_count;
	GPtrArray *subnets; /* char* */
	gboolean assign_public_ip;
	char *load_balancer;
	/* further load balancers the tasks register with (a service's second and later
	 * load_balancer blocks: another target group, another balancer); char* names */
	GPtrArray *extra_load_balancers;
	PlanDeployment deployment;
	PlanAutoscaling autoscaling;
	GPtrArray *containers;                 /* PlanContainer */
	GPtrArray *capacity_provider_strategy; /* PlanStrategyItem */
	char *cluster;
	PlanNetworkMode network_mode;
	gint64 ephemeral_storage_gb; /* default 20 */
	PlanLoad load;
	double task_capacity_rps; /* requests per second one task serves at 100% CPU; 0 = not set */
	guint set;		  /* PlanServiceField: the optional figures the model gives */
	/* the share of its reserved CPU a task uses on average, 0..1 (set: PLAN_SERVICE_CPU_
	 * UTILIZATION); compare prices burstable instances' CPU credits from it */
	double cpu_utilization;
	/* behind a load balancer: seconds from RUNNING to healthy, the target group's
	 * healthy_threshold × interval [S25b]; 0 = the simulation block's lb_healthy_s */
	gint64 lb_healthy_s;
	gint64 health_check_grace_period_s; /* healthCheckGracePeriodSeconds, default 0 [S33] */
	/* EC2: PlanPlacementStrategy, in order; empty = spread over AZs, ECS's default for a
	 * service [S39] */
	GPtrArray *placement_strategy;
	/* runtime needs: what the task reaches at start, besides its image */
	PlanLogDriver log_driver;
	PlanImageRegistry image_registry;
	GPtrArray *secrets; /* char*: "secretsmanager", "ssm": the services its secrets come from */
	/* Service Connect: ECS adds its proxy (Envoy) to every task; its share is counted in the
	 * task's containers (PLAN_SERVICE_CONNECT_PROXY_*) */
	gboolean service_connect;
	/* REPLICA (default) or DAEMON: one task on every instance of the cluster, before any
	 * replica task; desired_count and autoscaling do not apply (docs/model.md) */
	PlanSchedulingStrategy scheduling_strategy;
	/* plan_model_link() */
	gint vpc_index;
	GArray *subnet_indices; /* gint, into the VPC's subnets */
	gint lb_index;          /* into the VPC's load_balancers */
	GArray *extra_lb_indices; /* gint, into the VPC's load_balancers */
	gint cluster_index;
} PlanService;

/* one instance type of a mixed instances policy's overrides, with its weighted capacity */
typedef struct {
	PlanOrigin origin;
	char *instance_type;
	gint64 weight; /* weighted_capacity; 1 unless given */
} PlanInstanceOverride;

/* an EBS volume type (instances and clusters) or an RDS storage type */
typedef enum {
	PLAN_STORAGE_GP2,
	PLAN_STORAGE_GP3,
	PLAN_STORAGE_IO1,
	PLAN_STORAGE_AURORA, /* Aurora's cluster volume, billed per GB-month and per I/O */
} PlanStorageType;

/* which PlanCluster managed-scaling settings the model gives (the rest come from the model's
 * simulation block) */
typedef enum {
	PLAN_CLUSTER_MIN_STEP = 1 << 0,
	PLAN_CLUSTER_MAX_STEP = 1 << 1,
	PLAN_CLUSTER_WARMUP = 1 << 2,
} PlanClusterField;

typedef struct {
	PlanOrigin origin;
	char *name;
	char *vpc;
	char *instance_type;
	gint64 min;
	gint64 max;
	GPtrArray *subnets; /* char* */
	gboolean trunking;
	gint64 target_capacity; /* percent, default 100 */
	gboolean public_ip;
	/* the capacity provider's managed termination protection: scale-in ends only instances
	 * that run no task [S30]; default TRUE (AWS's API default is off; see docs/model.md) */
	gboolean managed_termination_protection;
	/* the capacity provider's managed scaling [S30]; unset: the simulation block's */
	guint set; /* PlanClusterField */
	gint64 minimum_scaling_step_size;
	gint64 maximum_scaling_step_size;
	gint64 instance_warmup_s;
	/* a mixed instances policy's distribution: the first on_demand_base instances are
	 * on-demand, then on_demand_percentage of those above; the rest are Spot, billed at
	 * (1 − spot_discount) of the on-demand price */
	gint64 on_demand_base;	     /* default 0 */
	gint64 on_demand_percentage; /* default 100: no Spot */
	double spot_discount;	     /* default 0.65, UNCONFIRMED (aws-facts §3c) */
	GPtrArray *instance_overrides; /* PlanInstanceOverride: every type the group may launch */
	/* each instance's EBS volumes: default the ECS-optimized AMI's 30 GiB gp3 root volume
	 * [S43]; compare and cost price them per GB-month */
	gint64 ebs_gb;
	PlanStorageType ebs_type;
	/* ECS_RESERVED_MEMORY: MiB the agent keeps back from what each instance registers [S15];
	 * default 0 (UNCONFIRMED, aws-facts §3c) */
	gint64 reserved_memory_mib;
	gint vpc_index;
	GArray *subnet_indices;
} PlanCluster;

/* ---- databases and standalone hosts (issue 13; docs/model.md) ---- */

typedef enum {
	PLAN_DB_MYSQL,
	PLAN_DB_POSTGRES,
	PLAN_DB_MARIADB,
	PLAN_DB_AURORA_MYSQL,
	PLAN_DB_AURORA_POSTGRESQL,
} PlanDbEngine;

/* an RDS DB instance, or an Aurora cluster of @instances instances */
typedef struct {
	PlanOrigin origin;
	char *name;
	char *vpc;
	PlanDbEngine engine;
	char *instance_class; /* "db.t3.micro" */
	gboolean multi_az;    /* a standby in a second AZ (RDS); Aurora: see instances */
	gint64 instances;     /* Aurora cluster instances (writer + readers); RDS: 1 */
	PlanStorageType storage_type;
	gint64 storage_gb;
	GPtrArray *subnets; /* char*: the DB subnet group */
	/* plan_model_link() */
	gint vpc_index;
	GArray *subnet_indices;
} PlanDatabase;

/* a standalone EC2 host: a bastion, a NAT instance, a build box */
typedef struct {
	PlanOrigin origin;
	char *name;
	char *vpc;
	char *instance_type;
	char *subnet;
	gboolean public_ip;
	gint64 ebs_gb; /* root volume, gp3 unless ebs_type says */
	PlanStorageType ebs_type;
	/* plan_model_link() */
	gint vpc_index;
	gint subnet_index;
} PlanInstance;

/* which PlanUsage figures the model gives (PlanUsage.set) */
typedef enum {
	PLAN_USAGE_NAT_GB = 1 << 0,
	PLAN_USAGE_CROSS_AZ_GB = 1 << 1,
	PLAN_USAGE_INTERNET_EGRESS_GB = 1 << 2,
	PLAN_USAGE_ENDPOINT_GB = 1 << 3,
	PLAN_USAGE_LOGS_INGESTED_GB = 1 << 4,
	PLAN_USAGE_LOGS_STORED_GB = 1 << 5,
	PLAN_USAGE_CONTAINER_INSIGHTS_GB = 1 << 6,
} PlanUsageField;

/* traffic assumptions for the whole model (issue: cost) */
typedef struct {
	gboolean present;
	guint set; /* PlanUsageField bits: the figures written in the model; the rest are defaults */
	double nat_gb_per_month;
	double cross_az_gb_per_month;
	double internet_egress_gb_per_month;
	double endpoint_gb_per_month; /* processed by the interface endpoints, over all of them */
	/* CloudWatch Logs: what the tasks' awslogs driver sends a month, and what the log groups
	 * hold (retention decides it) */
	double logs_ingested_gb_per_month;
	double logs_stored_gb;
	/* Container Insights: its performance log events, GB a month, ingested as logs */
	double container_insights_gb_per_month;
} PlanUsage;

/* which PlanSimulation fields the model gives */
typedef enum {
	PLAN_SIM_START_LATENCY = 1 << 0,
	PLAN_SIM_LB_HEALTHY = 1 << 1,
	PLAN_SIM_INSTANCE_LAUNCH = 1 << 2,
	PLAN_SIM_INSTANCE_WARMUP = 1 << 3,
	PLAN_SIM_ALARM_HIGH = 1 << 4,
	PLAN_SIM_ALARM_LOW = 1 << 5,
	PLAN_SIM_SCALE_IN_RATIO = 1 << 6,
	PLAN_SIM_CAPACITY_ALARM_HIGH = 1 << 7,
	PLAN_SIM_CAPACITY_ALARM_LOW = 1 << 8,
	PLAN_SIM_MIN_STEP = 1 << 9,
	PLAN_SIM_MAX_STEP = 1 << 10,
	PLAN_SIM_FIRST_LAUNCH = 1 << 11,
	PLAN_SIM_TASK_CAPACITY = 1 << 12,
	PLAN_SIM_START = 1 << 13,
} PlanSimulationField;

/* simulator settings (docs/simulation.md gives each default and its source) */
typedef struct {
	gboolean present;
	guint set; /* PlanSimulationField */
	gint64 start_latency_s;         /* placed → RUNNING; 60, UNCONFIRMED */
	gint64 lb_healthy_s;            /* RUNNING → healthy behind a load balancer; 150 [S34] */
	gint64 instance_launch_s;       /* EC2 launch → registered; 180, UNCONFIRMED */
	gint64 instance_warmup_s;       /* capacity provider instanceWarmupPeriod; 300 [S30] */
	gint64 alarm_high_datapoints;   /* target tracking AlarmHigh; 3 [S29a] */
	gint64 alarm_low_datapoints;    /* target tracking AlarmLow; 15 [S29a] */
	double scale_in_threshold_ratio; /* AlarmLow threshold / target; 0.9, UNCONFIRMED */
	gint64 capacity_alarm_high_datapoints; /* managed scaling AlarmHigh; 1 [S29b] */
	gint64 capacity_alarm_low_datapoints;  /* managed scaling AlarmLow; 15 [S29b] */
	gint64 minimum_scaling_step_size;      /* 1 [S30] */
	gint64 maximum_scaling_step_size;      /* 10000 [S30] */
	gint64 first_launch_instances;         /* from zero instances; 2 [S30] */
	double task_capacity_rps; /* for services that do not say; 100, UNCONFIRMED */
	char *start;              /* the clock at time 0, ISO 8601 UTC; "2024-01-01T00:00:00Z" */
} PlanSimulation;

typedef struct {
	char *file; /* the name diagnostics print: the path given, or "<built-in:...>" */
	char *sha256; /* of the bytes the model was read from (64 hex digits), or NULL when it
		       * was built otherwise (a Terraform import); the report prints it */
	gint64 version;
	char *name;
	char *region;
	PlanLoc region_loc; /* where "region" is written, for az-unknown */
	GPtrArray *notes;    /* char* */
	GPtrArray *vpcs;     /* PlanVpc */
	GPtrArray *peerings; /* PlanPeering */
	GPtrArray *services; /* PlanService */
	GPtrArray *clusters; /* PlanCluster */
	GPtrArray *databases; /* PlanDatabase */
	GPtrArray *instances; /* PlanInstance */
	PlanUsage usage;
	PlanSimulation simulation;
	PlanPricing pricing;
	GPtrArray *load_diagnostics; /* PlanDiagnostic: warnings raised while reading (field-unknown) */
	/* set by plan_model_link(), which the loader and the importer call: ref-unknown and
	 * name-duplicate findings. An analysis refuses a model that is not linked */
	GPtrArray *link_diagnostics; /* PlanDiagnostic */
	gboolean linked;
} PlanModel;

PlanModel *plan_model_new(void) G_GNUC_WARN_UNUSED_RESULT;
void plan_model_free(PlanModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanModel, plan_model_free)

/* element constructors set every default (used by the loader, the importer and tests) */
PlanVpc *plan_vpc_new(void);
PlanSubnet *plan_subnet_new(void);
/* @n subnets, each as plan_subnet_new() makes it, in one block that @vpc owns (the loader: a
 * VPC's subnets side by side, not one malloc each between their strings, so the rules' passes
 * over 100,000 subnets read memory in order; issue 18). They go into @vpc's subnets like any
 * other; plan_subnet_free() clears one, and the block is freed with @vpc */
PlanSubnet *plan_vpc_subnet_block(PlanVpc *vpc, guint n);
PlanNatGateway *plan_nat_gateway_new(void);
PlanEndpoint *plan_endpoint_new(void);
PlanLoadBalancer *plan_load_balancer_new(void);
PlanPeering *plan_peering_new(void);
PlanService *plan_service_new(void);
PlanCommitment *plan_commitment_new(void);
void plan_commitment_free(PlanCommitment *commitment);
PlanContainer *plan_container_new(void);
PlanStrategyItem *plan_strategy_item_new(void);
PlanCluster *plan_cluster_new(void);
PlanTargetTracking *plan_target_tracking_new(void);
PlanStepScaling *plan_step_scaling_new(void);
PlanStepAdjustment *plan_step_adjustment_new(void);
PlanScheduledAction *plan_scheduled_action_new(void);
PlanLoadSpike *plan_load_spike_new(void);
PlanPlacementStrategy *plan_placement_strategy_new(void);
PlanInstanceOverride *plan_instance_override_new(void);
void plan_instance_override_free(PlanInstanceOverride *item);
void plan_placement_strategy_free(PlanPlacementStrategy *strategy);
PlanDatabase *plan_database_new(void);
PlanInstance *plan_instance_new(void);
void plan_vpc_free(PlanVpc *vpc);
void plan_subnet_free(PlanSubnet *subnet);
void plan_nat_gateway_free(PlanNatGateway *nat);
void plan_endpoint_free(PlanEndpoint *endpoint);
void plan_load_balancer_free(PlanLoadBalancer *lb);
void plan_peering_free(PlanPeering *peering);
void plan_service_free(PlanService *service);
void plan_container_free(PlanContainer *container);
void plan_strategy_item_free(PlanStrategyItem *item);
void plan_cluster_free(PlanCluster *cluster);
void plan_target_tracking_free(PlanTargetTracking *policy);
void plan_step_scaling_free(PlanStepScaling *policy);
void plan_step_adjustment_free(PlanStepAdjustment *step);
void plan_scheduled_action_free(PlanScheduledAction *action);
void plan_load_spike_free(PlanLoadSpike *spike);
void plan_database_free(PlanDatabase *database);
void plan_instance_free(PlanInstance *instance);
/* TRUE for the Aurora engines */
gboolean plan_database_is_aurora(const PlanDatabase *database);
/* the addresses a database takes in its subnet group: one per instance, and a standby's for
 * Multi-AZ RDS */
gint64 plan_database_addresses(const PlanDatabase *database);
void plan_cidr_clear(PlanCidr *cidr);

const char *plan_tier_to_string(PlanTier tier);
const char *plan_launch_type_to_string(PlanLaunchType launch_type);
const char *plan_network_mode_to_string(PlanNetworkMode mode);

/* TRUE for a DAEMON service on EC2: its tasks are one per instance of its cluster, not
 * desired_count (a DAEMON service on Fargate is an error finding and is counted as a
 * replica service) */
gboolean plan_service_is_daemon(const PlanService *service);

/* the tasks a service runs in its steady state (0 for a DAEMON service: its tasks are one
 * per instance, plan_compute() counts them with the instances): desired_count, raised to the autoscaling
 * minimum when that is higher (Application Auto Scaling keeps the count within min..max; the
 * Terraform pattern desired_count = 1 with ignore_changes runs min tasks) */
gint64 plan_service_steady_tasks(const PlanService *service);
/* the service's peak task count: autoscaling max when present, else desired_count; 0 for a
 * DAEMON service */
gint64 plan_service_peak_tasks(const PlanService *service);
/* maximum_percent, 200 unless set */
gint64 plan_service_maximum_percent(const PlanService *service);
/* the tasks a service runs at its worst: peak tasks × maximum_percent during a deployment
 * (old and new tasks run together), rounded up; capped at G_MAXINT64. The address rules and the
 * diagram both count this */
gint64 plan_service_deployment_peak(const PlanService *service);

G_END_DECLS
