/* ecsplan: what the network rule files share (network.c and the network-*.c rule files).
 * private to them: nothing else includes it. */
#pragma once

#include "compute.h"
#include "network.h"
#include "regions.h"

G_BEGIN_DECLS

/* room for the longest prefix text, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" (43 bytes) */
#define PLAN_PREFIX_TEXT_SIZE 64

/* a grouped overlap finding ("4000 subnets share 10.0.1.0/24: 'a', 'b', 'c' and 3997 more")
 * names this many elements; the count is always exact (docs/rules.md, "grouped findings") */
#define PLAN_OVERLAP_LISTED 3

/* AWS VPC and subnet block sizes [S23] */
#define PLAN_IPV4_SHORTEST_LENGTH 16
#define PLAN_IPV4_LONGEST_LENGTH 28
#define PLAN_IPV6_VPC_LENGTH 56
#define PLAN_IPV6_SUBNET_LENGTH 64
/* an ALB subnet must be a /27 or larger [S25] */
#define PLAN_ALB_LONGEST_LENGTH 27
/* an NLB node takes one address in each of its subnets */
#define PLAN_NLB_ADDRESSES_PER_SUBNET 1
/* an awsvpc configuration lists at most 16 subnets [S36] */
#define PLAN_AWSVPC_MAX_SUBNETS 16u
/* the money notes price a month as 730 hours, as AWS pricing examples do (cost.h uses the same) */
#define PLAN_HOURS_PER_MONTH 730.0

struct _PlanRuleContext {
	const PlanModel *model;
	const GArray *uses;	  /* PlanSubnetUse in model order (borrowed) */
	guint *use_offsets;	  /* per VPC, plus one: index of its first subnet in uses */
	const PlanRegion *region; /* NULL when the model's region is unknown */
	/* (vpc index << 1 | is_ipv6) -> GArray of PlanPrefix: the VPC's free space, filled lazily
	 * the first time a message wants to suggest a free block in it */
	GHashTable *free_space;
	/* suggestion key -> char* block text ("" when none fits): each VPC-block and subnet
	 * suggestion is worked out once, however many findings ask for it */
	GHashTable *suggestions;
	const GArray *vpc_blocks; /* PlanPrefix: every usable VPC block (borrowed) */
	const PlanPriceBook *book;   /* instance specs; NULL when the region has no book */
	const PlanCompute *compute;  /* cluster sizing; NULL when there is no book */
};

/* one CIDR field of a VPC or subnet, and how messages name it */
typedef struct {
	const PlanOrigin *owner;
	const char *kind; /* "vpc" or "subnet" */
	const char *name;
	const PlanCidr *cidr;
	const char *field;   /* "cidr", "secondary cidr", "ipv6 cidr" */
	const char *key;     /* the JSON key: "cidr", "secondary_cidrs", "ipv6_cidr" */
	gint position;	     /* index in secondary_cidrs, -1 otherwise */
	const char *example; /* a well-formed value for this field */
} PlanCidrField;

/* small helpers, inline so each rule file keeps them private */

static inline const char *
label(const char *name)
{
	return name != NULL ? name : "(unnamed)";
}

/* counts are below 1e6 (the loader enforces it), so products stay far from the limit; the caps
 * only keep hostile input from wrapping */
static inline gint64
add_capped(gint64 a, gint64 b)
{
	if (b > G_MAXINT64 - a)
		return G_MAXINT64;
	return a + b;
}

static inline gint64
multiply_capped(gint64 a, gint64 b)
{
	if (a != 0 && b > G_MAXINT64 / a)
		return G_MAXINT64;
	return a * b;
}

/* a / b rounded up, for a >= 0 and b > 0 */
static inline gint64
ceil_div(gint64 a, gint64 b)
{
	return a / b + (a % b != 0 ? 1 : 0);
}

static inline const PlanVpc *
model_vpc(const PlanModel *model, gint index)
{
	if (index < 0 || (guint)index >= model->vpcs->len)
		return NULL;
	return g_ptr_array_index(model->vpcs, index);
}

static inline const PlanSubnet *
vpc_subnet(const PlanVpc *vpc, gint index)
{
	if (index < 0 || (guint)index >= vpc->subnets->len)
		return NULL;
	return g_ptr_array_index(vpc->subnets, index);
}

static inline gint
index_at(const GArray *indices, guint position)
{
	return g_array_index(indices, gint, position);
}

static inline PlanPrefix
ipv4_block(guint32 address, guint length)
{
	PlanPrefix prefix = {.hi = 0, .lo = address, .family = PLAN_FAMILY_IPV4, .length = length};
	return prefix;
}

static inline gboolean
is_ipv6(const PlanPrefix *prefix)
{
	return prefix->family == PLAN_FAMILY_IPV6;
}

/* a VPC has 2 + n_secondary CIDR fields: the primary, the secondaries, then ipv6_cidr */
static inline guint
vpc_n_fields(const PlanVpc *vpc)
{
	return 2 + vpc->secondary_cidrs->len;
}

static inline void
add_related(PlanDiagnostic *diagnostic, const char *path)
{
	if (path != NULL)
		plan_diagnostic_add_related(diagnostic, path);
}

static inline const PlanSubnetUse *
subnet_use(const PlanRuleContext *context, guint vpc_index, guint subnet_index)
{
	return &g_array_index(context->uses, PlanSubnetUse,
			      context->use_offsets[vpc_index] + subnet_index);
}

GArray *rules_distinct_indices(const GArray *indices) G_GNUC_WARN_UNUSED_RESULT;
void rules_distinct_indices_fill(const GArray *indices, GArray *out);
PlanPrefix rules_prefix_resized(const PlanPrefix *prefix, guint length);
PlanCidrField rules_vpc_field(const PlanVpc *vpc, guint i);
PlanCidrField rules_subnet_field(const PlanSubnet *subnet, gboolean ipv6);
char *rules_field_path(const PlanCidrField *field) G_GNUC_WARN_UNUSED_RESULT;
/* every usable block of every VPC (PlanPrefix): the space a new VPC block must avoid;
 * plan_validate works it out once for the rule context */
GArray *rules_all_vpc_blocks(const PlanModel *model) G_GNUC_WARN_UNUSED_RESULT;
PlanDiagnostic *rules_report(GPtrArray *diagnostics, PlanSeverity severity, const char *code,
				    const PlanOrigin *origin, const char *suffix,
				    const char *format, ...) G_GNUC_PRINTF(6, 7);
PlanDiagnostic *rules_report_field(GPtrArray *diagnostics, PlanSeverity severity,
					  const char *code, const PlanCidrField *field,
					  const char *format, ...) G_GNUC_PRINTF(5, 6);
gboolean rules_suggest_subnet_block(const PlanRuleContext *context, guint vpc_index,
					   gboolean ipv6, guint length, char *buf, gsize bufsize);
gboolean rules_suggest_vpc_block(const PlanRuleContext *context, const PlanPrefix *container,
					guint length, const PlanPrefix *avoid, guint n_avoid,
					char *buf, gsize bufsize);
char *rules_free_block_hint(const PlanRuleContext *context, guint vpc_index, gboolean ipv6,
				   guint length, const char *lead) G_GNUC_WARN_UNUSED_RESULT;

/* the rules: one function per row of the table in network.c */
/* network-blocks.c */
void rules_check_cidr_invalid(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_cidr_host_bits(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_vpc_cidr_size(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_vpc_cidr_range(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_vpc_cidr_overlap(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_vpc_overlap(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_subnet_size(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_subnet_outside_vpc(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_subnet_overlap(const PlanRuleContext *context, GPtrArray *diagnostics);

/* network-routes.c */
void rules_check_az_unknown(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_tier_single_az(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_lb_single_az(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_lb_subnet_small(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_lb_scheme_subnet(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_nat_not_public(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_nat_cross_az(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_egress_missing(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_ip_exhaustion(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_ip_headroom(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_service_single_az(const PlanRuleContext *context, GPtrArray *diagnostics);

/* network-compute.c */
void rules_check_fargate_task_size(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_container_exceeds_task(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_service_connect_room(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_strategy_base(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_autoscaling_range(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_deployment_stuck(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_ec2_instance_type_unknown(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_daemon_scheduling(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_ec2_task_unplaceable(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_ec2_capacity(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_eni_limit(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_cluster_single_az(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_deployment_downtime(const PlanRuleContext *context, GPtrArray *diagnostics);

/* network-fit.c */
void rules_check_subnet_per_az(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_db_subnet_group(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_launch_type_network(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_awsvpc_limits(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_nat_idle(const PlanRuleContext *context, GPtrArray *diagnostics);
void rules_check_lb_idle(const PlanRuleContext *context, GPtrArray *diagnostics);

G_END_DECLS
