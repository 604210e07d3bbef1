/* ecsplan: network validation — the address, AZ and egress rules behind `ecsplan validate` */
#pragma once

#include <glib.h>

#include "compute.h"
#include "diagnostic.h"
#include "model.h"

G_BEGIN_DECLS

/* how many addresses one subnet needs at peak, and why (a plain record) */
typedef struct {
	guint vpc_index;
	guint subnet_index;
	gint64 total;  /* 2^(32 - prefix); 0 when the subnet has no usable IPv4 block */
	gint64 usable; /* total - 5 */
	gint64 peak;   /* task_ips + lb_ips + nat_ips + endpoint_ips + instance_ips + fixed_ips */
	gint64 task_ips;
	gint64 lb_ips;
	gint64 nat_ips;
	gint64 endpoint_ips;
	gint64 instance_ips; /* EC2 container instances */
	gint64 fixed_ips;    /* databases and standalone hosts: they do not scale */
	/* human check of the sum, e.g. "api: ceil(10 × 200 / 100) = 20; alb 'api': 8 → 28"; never
	 * NULL. Owned by the array plan_subnet_uses() returns (its clear function frees it; the
	 * "" of a subnet nothing lands in is shared): do not free or keep it past the array */
	char *arithmetic;
} PlanSubnetUse;

/* findings of one code that validation lists; past it, one more finding of that code counts
 * the rest (docs/limits.md, "Scale") */
#define PLAN_RULE_MAX_FINDINGS 1000u

/* the result of validating a model: a plain record that owns its arrays */
typedef struct {
	GPtrArray *diagnostics; /* PlanDiagnostic, sorted */
	GArray *subnets;        /* PlanSubnetUse, in model order (vpc, then subnet) */
} PlanValidation;

/* runs every rule on a linked model; @book and @compute (both nullable) give the EC2 rules
 * their instance specs and sizing. plan_analyse() (analyse.h) is the entry point that picks
 * them; this is its validation step */
PlanValidation *plan_validate(const PlanModel *model, const PlanPriceBook *book,
			      const PlanCompute *compute) G_GNUC_WARN_UNUSED_RESULT;
void plan_validation_free(PlanValidation *validation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanValidation, plan_validation_free)

/* per-subnet peak address use; rules, alloc and the simulator share it. EC2 container
 * instances are counted from @compute (nullable: none counted) */
GArray *plan_subnet_uses(const PlanModel *model, const PlanCompute *compute)
	G_GNUC_WARN_UNUSED_RESULT;

typedef struct _PlanRuleContext PlanRuleContext;

/* one row of the rule catalogue: docs/rules.md has a section per code */
typedef struct {
	const char *code;
	PlanSeverity severity; /* the usual severity; some rules also raise the other */
	const char *summary;
	void (*check)(const PlanRuleContext *context, GPtrArray *diagnostics);
} PlanRule;

const PlanRule *plan_rules(guint *n_rules);

/* the compute rules on a finished sizing (ec2-instance-type-unknown, ec2-task-unplaceable,
 * ec2-capacity and eni-limit), the same as `ecsplan validate` reports, for a caller that sizes
 * without validating and wants to explain a missing figure */
void plan_compute_diagnose(const PlanModel *model, const PlanPriceBook *book,
			   const PlanCompute *compute, GPtrArray *diagnostics);

/* ALB (and Classic LB) needs per subnet: AWS asks for at least 8 free addresses [S25] */
#define PLAN_ALB_ADDRESSES_PER_SUBNET 8
/* ip-headroom fires above this share of usable addresses */
#define PLAN_IP_HEADROOM_PERCENT 80

G_END_DECLS
