/* ecsplan: the plan model — plain data produced by the loader (and later the Terraform importer)
 * and read by every analysis. nothing here knows where the model came from. */
#pragma once

#include <glib.h>

#include "cidr.h"

G_BEGIN_DECLS

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
	char *path;  /* JSON path of the field itself */
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

typedef enum {
	PLAN_LB_APPLICATION,
	PLAN_LB_NETWORK,
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

typedef struct {
	gboolean present;
	gint64 min;
	gint64 max;
} PlanAutoscaling;

typedef struct {
	PlanOrigin origin;
	char *name;
	gint64 cpu;                /* CPU units; 0 = not set */
	gint64 memory;             /* MiB, hard limit; 0 = not set */
	gint64 memory_reservation; /* MiB, soft limit; 0 = not set */
	gboolean essential;
	gint64 port; /* container port; 0 = none */
} PlanContainer;

typedef struct {
	PlanOrigin origin;
	char *capacity_provider;
	gint64 base;
	gint64 weight;
} PlanStrategyItem;

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
	PlanDeployment deployment;
	PlanAutoscaling autoscaling;
	GPtrArray *containers;                 /* PlanContainer */
	GPtrArray *capacity_provider_strategy; /* PlanStrategyItem */
	char *cluster;
	PlanNetworkMode network_mode;
	gint64 ephemeral_storage_gb; /* default 20 */
	/* plan_model_link() */
	gint vpc_index;
	GArray *subnet_indices; /* gint, into the VPC's subnets */
	gint lb_index;          /* into the VPC's load_balancers */
	gint cluster_index;
} PlanService;

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
	gint vpc_index;
	GArray *subnet_indices;
} PlanCluster;

/* which PlanUsage figures the model gives (PlanUsage.set) */
typedef enum {
	PLAN_USAGE_NAT_GB = 1 << 0,
	PLAN_USAGE_CROSS_AZ_GB = 1 << 1,
	PLAN_USAGE_INTERNET_EGRESS_GB = 1 << 2,
	PLAN_USAGE_ENDPOINT_GB = 1 << 3,
} PlanUsageField;

/* traffic assumptions for the whole model (issue: cost) */
typedef struct {
	gboolean present;
	guint set; /* PlanUsageField bits: the figures written in the model; the rest are defaults */
	double nat_gb_per_month;
	double cross_az_gb_per_month;
	double internet_egress_gb_per_month;
	double endpoint_gb_per_month; /* processed by the interface endpoints, over all of them */
} PlanUsage;

typedef struct {
	char *file; /* the name diagnostics print: the path given, or "<built-in:...>" */
	gint64 version;
	char *name;
	char *region;
	PlanLoc region_loc; /* where "region" is written, for az-unknown */
	GPtrArray *notes;    /* char* */
	GPtrArray *vpcs;     /* PlanVpc */
	GPtrArray *peerings; /* PlanPeering */
	GPtrArray *services; /* PlanService */
	GPtrArray *clusters; /* PlanCluster */
	PlanUsage usage;
	GPtrArray *load_diagnostics; /* PlanDiagnostic: warnings raised while reading (field-unknown) */
} PlanModel;

PlanModel *plan_model_new(void) G_GNUC_WARN_UNUSED_RESULT;
void plan_model_free(PlanModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanModel, plan_model_free)

/* element constructors set every default (used by the loader, the importer and tests) */
PlanVpc *plan_vpc_new(void);
PlanSubnet *plan_subnet_new(void);
PlanNatGateway *plan_nat_gateway_new(void);
PlanEndpoint *plan_endpoint_new(void);
PlanLoadBalancer *plan_load_balancer_new(void);
PlanPeering *plan_peering_new(void);
PlanService *plan_service_new(void);
PlanContainer *plan_container_new(void);
PlanStrategyItem *plan_strategy_item_new(void);
PlanCluster *plan_cluster_new(void);
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
void plan_cidr_clear(PlanCidr *cidr);

const char *plan_tier_to_string(PlanTier tier);
const char *plan_launch_type_to_string(PlanLaunchType launch_type);

/* the service's peak task count: autoscaling max when present, else desired_count */
gint64 plan_service_peak_tasks(const PlanService *service);
/* maximum_percent, 200 unless set */
gint64 plan_service_maximum_percent(const PlanService *service);

G_END_DECLS
