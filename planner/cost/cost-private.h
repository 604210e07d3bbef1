/* ecsplan: the cost model's insides, shared by cost.c (compute, totals, the entry point) and
 * cost-network.c (NAT gateways, load balancers, endpoints, traffic), cost-hosts.c (databases,
 * hosts, logs) and cost-commit.c (the pricing block's commitments) */
#pragma once

#include "cost.h"

G_BEGIN_DECLS

/* what every pricing rule reads and appends to */
typedef struct {
	const PlanModel *model;
	const PlanPriceBook *book;
	double hours;
	double usage_share; /* the share of a month's usage figures priced: 1, or hours / 730 */
	gboolean multi_vpc; /* resource names then carry the VPC: "nat/vpc/name" */
	PlanCost *cost;
	const PlanCompute *compute; /* nullable: sized here when needed */
	/* FALSE (PlanCostOptions.findings_only): only the price-missing findings are wanted, so
	 * the lines, their descriptions and the assumptions are not kept (cost_text() returns
	 * NULL and cost_add_line() a scratch line) */
	gboolean describe;
	PlanCostLine scratch;
	/* the element the next lines price, for the price-missing finding (NULL: the model's
	 * usage figures) and the field under it (".instance_type", or NULL) */
	const PlanOrigin *origin;
	const char *origin_field;
	const char *origin_kind;  /* "cluster", "service": "@kind '@name'" in the message, made */
	const char *origin_name;  /* only when a figure is missing (borrowed, nullable) */
	GHashTable *missing_keys; /* price key -> its finding in cost->missing (borrowed) */
	GHashTable *missing_named; /* "key\npath": an element already named by a finding */
} PlanCostContext;

/* an empty result with its arrays. Returns: (transfer full) */
PlanCost *cost_new(void) G_GNUC_WARN_UNUSED_RESULT;
/* @value with at most @places decimals, trailing zeros dropped: "0.25", "730", "1.3699" */
char *cost_number(double value, guint places) G_GNUC_WARN_UNUSED_RESULT;
/* "service/api", or "nat/vpc-a/nat-1" when the model has several VPCs (names are per VPC);
 * NULL for a findings-only cost, which keeps no line */
char *cost_resource(const PlanCostContext *context, const char *kind, const PlanVpc *vpc,
			 const char *name) G_GNUC_WARN_UNUSED_RESULT;
/* appends a line; takes @resource and @description. @price NULL: the book has none, the line
 * costs 0 and is an estimate. Returns: (transfer none) the line, valid until the next one */
PlanCostLine *cost_add_line(PlanCostContext *context, PlanCostCategory category,
				 char *resource, const char *service, const char *az,
				 double quantity, const char *unit, const char *price_key,
				 const PlanPrice *price, char *description);
/* the description of a line: g_strdup_printf(), or NULL when @context does not describe (a
 * findings-only cost), so that pricing a model for its findings formats nothing.
 * Returns: (transfer full) (nullable) */
char *cost_text(const PlanCostContext *context, const char *format, ...) G_GNUC_PRINTF(2, 3)
    G_GNUC_WARN_UNUSED_RESULT;
/* appends an assumption; takes @why */
void cost_assume(PlanCostContext *context, const char *name, double value, const char *unit,
		      PlanCostFrom from, char *why);
/* the element the lines added next belong to: all borrowed (they must outlive the next
 * cost_set_origin) and nullable; the label is "@kind '@name'" ("cluster 'ecs'") */
void cost_set_origin(PlanCostContext *context, const PlanOrigin *origin, const char *field,
			  const char *kind, const char *name);
/* the distinct AZs among @subnet_indices (into @vpc's subnets) */
guint cost_count_azs(const PlanVpc *vpc, const GArray *subnet_indices);
/* plan_price_is_estimate() for a figure that is not a PlanPrice (LCU dimensions) */
gboolean cost_confidence_is_estimate(PlanConfidence confidence);
/* the book's figure for @key, or NULL */
const PlanPrice *cost_price(const PlanCostContext *context, const char *key);

/* the totals by category, service and AZ, from the lines */
void cost_totals(PlanCost *cost, const PlanModel *model);

/* cost-network.c: NAT gateways, load balancers, interface endpoints, cross-AZ and internet
 * traffic, with the usage figures they rest on */
void cost_network(PlanCostContext *context);
/* cost-hosts.c: databases and standalone EC2 hosts */
void cost_hosts(PlanCostContext *context);
/* cost-commit.c: the pricing block's commitments. cost_add_line() for a line a commitment can
 * cover, @subject being the Fargate dimension key or the instance type: at the committed
 * effective rate when one applies (the key then ends " at <purchase>"), else on-demand. Takes
 * @resource and @description. Returns: (transfer none) the line */
PlanCostLine *cost_add_compute_line(PlanCostContext *context, PlanCostCategory category,
				    char *resource, const char *service, const char *az,
				    double quantity, const char *unit, const char *price_key,
				    const PlanPrice *price, char *description, const char *subject);
/* the purchase name of the commitment @subject is billed under (static), and its rate in
 * @committed; NULL: on-demand, @unrated naming a commitment the book has no rate for */
const char *cost_commit_rate(const PlanCostContext *context, const char *subject,
			     PlanPrice *committed, const char **unrated);
/* lists the pricing block's commitments as an assumption (nothing without one) */
void cost_commit_assume(PlanCostContext *context);

/* the book's name of an EBS or RDS storage type: "gp3" as in ebs.gp3.gb_month */
const char *cost_storage_name(PlanStorageType type);

G_END_DECLS
