/* the cost model's network charges: NAT gateways, load balancers (hours, LCUs, node
 * addresses), interface endpoints, and the model's cross-AZ and internet traffic. every usage
 * figure they read is listed as an assumption, given or defaulted (docs/cost.md) */
#include "cost-private.h"
#include "text.h"

#include <string.h>

/* AWS gives the first 100 GB a month to the internet free, summed over all services [S21] */
#define PLAN_COST_EGRESS_FREE_GB 100.0
/* the first paid tier ends at 10 TB a month; above it the book's single figure overstates */
#define PLAN_COST_EGRESS_TIER_GB 10240.0

/* ---- usage figures --------------------------------------------------------------------------- */

/* a usage figure, listed as an assumption: the model's value, or the default (0) */
static double
plan_cost_usage_figure(PlanCostContext *context, const char *name, guint set, guint bit,
		       double value, const char *unit, const char *used_for)
{
	gboolean given = (set & bit) != 0;
	char *why;

	if (given)
		why = g_strdup(used_for);
	else
		why = g_strdup_printf("not given: 0; %s", used_for);
	plan_cost_assume(context, name, given ? value : 0.0, unit,
			 given ? PLAN_COST_FROM_MODEL : PLAN_COST_FROM_DEFAULT, why);
	return given ? value : 0.0;
}

/* ---- NAT gateways -----------------------------------------------------------------------------
 */

static guint
plan_cost_count_nats(const PlanModel *model)
{
	guint n = 0;
	for (guint v = 0; v < model->vpcs->len; v++)
		n += ((const PlanVpc *)g_ptr_array_index(model->vpcs, v))->nat_gateways->len;
	return n;
}

static void
plan_cost_nats(PlanCostContext *context)
{
	const PlanModel *model = context->model;
	guint n_nats = plan_cost_count_nats(model);
	g_autofree char *hours = plan_cost_number(context->hours, 4);
	g_autofree char *used_for = NULL;
	double gb;
	double share;
	g_autofree char *gb_text = NULL;
	g_autofree char *share_text = NULL;

	if (n_nats > 0)
		used_for = g_strdup_printf("data processed by the NAT gateways, spread evenly over "
					   "the %u; every GB is billed, whatever its direction or "
					   "destination",
					   n_nats);
	else
		used_for = g_strdup("the model has no NAT gateway, so it is not billed");
	gb = plan_cost_usage_figure(context, "usage.nat_gb_per_month", model->usage.set,
				    PLAN_USAGE_NAT_GB, model->usage.nat_gb_per_month, "GB/month",
				    used_for);
	if (n_nats == 0)
		return;
	share = gb / n_nats;
	gb_text = plan_cost_number(gb, 4);
	share_text = plan_cost_number(share, 4);

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		for (guint n = 0; n < vpc->nat_gateways->len; n++) {
			const PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, n);
			const PlanSubnet *subnet =
			    nat->subnet_index >= 0 && (guint)nat->subnet_index < vpc->subnets->len
				? g_ptr_array_index(vpc->subnets, nat->subnet_index)
				: NULL;
			const char *az = subnet != NULL ? subnet->az : NULL;
			g_autofree char *resource =
			    plan_cost_resource(context, "nat", vpc, nat->name);

			plan_cost_set_origin(context, &nat->origin, NULL, "NAT gateway",
					     nat->name);

			plan_cost_add_line(context, PLAN_COST_NAT_HOURS, g_strdup(resource), NULL,
					   az, context->hours, "hour", "nat.hour",
					   plan_cost_price(context, "nat.hour"),
					   g_strdup_printf("1 NAT gateway × %s h", hours));
			plan_cost_add_line(
			    context, PLAN_COST_NAT_DATA, g_strdup(resource), NULL, az, share, "GB",
			    "nat.gb", plan_cost_price(context, "nat.gb"),
			    n_nats == 1
				? g_strdup_printf("%s GB a month (usage.nat_gb_per_month)", gb_text)
				: g_strdup_printf("%s GB a month ÷ %u NAT gateways = %s GB",
						  gb_text, n_nats, share_text));
			if (nat->connectivity == PLAN_NAT_PUBLIC)
				plan_cost_add_line(
				    context, PLAN_COST_PUBLIC_IPV4, g_strdup(resource), NULL, az,
				    context->hours, "IP-hour", "public_ipv4.hour",
				    plan_cost_price(context, "public_ipv4.hour"),
				    g_strdup_printf("1 Elastic IP (public NAT gateway) × %s h",
						    hours));
		}
	}
}

/* ---- load balancers ---------------------------------------------------------------------------
 */

/* the LCU dimensions in the order of PlanLcuDimensions and PlanLbUsageField */
typedef enum {
	PLAN_LCU_NEW,
	PLAN_LCU_ACTIVE,
	PLAN_LCU_BYTES,
	PLAN_LCU_RULES,
	PLAN_LCU_N,
} PlanLcuDimension;

/* the balancer's four traffic figures, each listed as an assumption; NLBs have no rules */
static void
plan_cost_lb_rates(PlanCostContext *context, const PlanLoadBalancer *lb, const char *resource,
		   double rates[PLAN_LCU_N])
{
	static const struct {
		const char *field;
		const char *unit;
		guint bit;
		gsize offset;
	} figures[PLAN_LCU_N] = {
	    {"new_connections_per_second", "connections/s", PLAN_LB_USAGE_NEW_CONNECTIONS,
	     G_STRUCT_OFFSET(PlanLbUsage, new_connections_per_second)},
	    {"active_connections_per_minute", "connections/min", PLAN_LB_USAGE_ACTIVE_CONNECTIONS,
	     G_STRUCT_OFFSET(PlanLbUsage, active_connections_per_minute)},
	    {"processed_gb_per_month", "GB/month", PLAN_LB_USAGE_PROCESSED_GB,
	     G_STRUCT_OFFSET(PlanLbUsage, processed_gb_per_month)},
	    {"rule_evaluations_per_second", "evaluations/s", PLAN_LB_USAGE_RULE_EVALUATIONS,
	     G_STRUCT_OFFSET(PlanLbUsage, rule_evaluations_per_second)},
	};
	const char *why = "LCUs are billed on the largest dimension; traffic is taken as even "
			  "over the month, so peaks cost more";

	for (guint d = 0; d < PLAN_LCU_N; d++) {
		g_autofree char *name = g_strdup_printf("%s.%s", resource, figures[d].field);
		double value = G_STRUCT_MEMBER(double, &lb->usage, figures[d].offset);
		rates[d] = 0.0;
		if (d == PLAN_LCU_RULES && lb->type == PLAN_LB_NETWORK)
			continue;
		rates[d] = plan_cost_usage_figure(context, name, lb->usage.set, figures[d].bit,
						  value, figures[d].unit, why);
	}
}

/* LCU-hours in the month = the largest dimension; @description gets the arithmetic */
static double
plan_cost_lcu_hours(const PlanCostContext *context, const PlanLcuDimensions *dims,
		    const double rates[PLAN_LCU_N], const char *unit_name, GString *description)
{
	static const char *const labels[PLAN_LCU_N] = {"new", "active", "bytes", "rules"};
	static const char *const names[PLAN_LCU_N] = {"new connections", "active connections",
						      "processed bytes", "rule evaluations"};
	const double per_lcu[PLAN_LCU_N] = {
	    dims->new_connections_per_second, dims->active_connections_per_minute,
	    dims->processed_gb_per_hour, dims->rule_evaluations_per_second};
	g_autofree char *hours = plan_cost_number(context->hours, 4);
	g_autofree char *per_hour = NULL;
	double best = 0.0;
	gint best_dimension = -1;
	guint n_terms = 0;

	g_string_append(description, "max(");
	for (guint d = 0; d < PLAN_LCU_N; d++) {
		g_autofree char *rate = plan_cost_number(rates[d], 4);
		g_autofree char *divisor = plan_cost_number(per_lcu[d], 4);
		double lcu_hours;
		/* a dimension the balancer does not have (NLB rule evaluations) */
		if (per_lcu[d] <= 0.0)
			continue;
		g_string_append_printf(description, "%s%s ", n_terms++ > 0 ? ", " : "", labels[d]);
		if (d == PLAN_LCU_BYTES) {
			/* GB ÷ (GB per LCU-hour): the hours cancel, so 1000 GB is 1000 LCU-hours */
			lcu_hours = rates[d] / per_lcu[d];
			g_string_append_printf(description, "%s GB ÷ %s h ÷ %s GB", rate, hours,
					       divisor);
		} else {
			lcu_hours = rates[d] / per_lcu[d] * context->hours;
			g_string_append_printf(description, "%s%s ÷ %s", rate,
					       d == PLAN_LCU_ACTIVE ? "/min" : "/s", divisor);
		}
		if (lcu_hours > best) {
			best = lcu_hours;
			best_dimension = (gint)d;
		}
	}
	per_hour = plan_cost_number(best / context->hours, 4);
	g_string_append_printf(description, ") = %s %s", per_hour, unit_name);
	if (best_dimension >= 0)
		g_string_append_printf(description, " (%s)", names[best_dimension]);
	g_string_append_printf(description, " × %s h", hours);
	return best;
}

static void
plan_cost_lb_lcu(PlanCostContext *context, const PlanLoadBalancer *lb, const char *resource)
{
	gboolean network = lb->type == PLAN_LB_NETWORK;
	const PlanLcuDimensions *dims = plan_price_book_lcu(context->book, network);
	const char *unit_name = network ? "NLCU" : "LCU";
	const char *key = network ? "nlb.lcu_hour" : "alb.lcu_hour";
	GString *description = g_string_new(NULL);
	double rates[PLAN_LCU_N];
	double quantity = 0.0;
	PlanCostLine *line;

	plan_cost_lb_rates(context, lb, resource, rates);
	if (dims != NULL)
		quantity = plan_cost_lcu_hours(context, dims, rates, unit_name, description);
	else
		g_string_printf(description, "no %s dimensions in the price book, counted as 0",
				unit_name);
	line = plan_cost_add_line(context, PLAN_COST_LB_LCU, g_strdup(resource), NULL, NULL,
				  quantity, "LCU-hour", key, plan_cost_price(context, key),
				  g_string_free(description, FALSE));
	if (dims == NULL || plan_cost_confidence_is_estimate(dims->confidence))
		line->estimate = TRUE;
}

static void
plan_cost_load_balancers(PlanCostContext *context)
{
	const PlanModel *model = context->model;
	g_autofree char *hours = plan_cost_number(context->hours, 4);
	gboolean any_public = FALSE;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		for (guint l = 0; l < vpc->load_balancers->len; l++) {
			const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, l);
			gboolean network = lb->type == PLAN_LB_NETWORK;
			const char *key = network ? "nlb.hour" : "alb.hour";
			g_autofree char *resource =
			    plan_cost_resource(context, "lb", vpc, lb->name);
			guint n_azs = plan_cost_count_azs(vpc, lb->subnet_indices);

			plan_cost_set_origin(context, &lb->origin, NULL, "load balancer",
					     lb->name);

			plan_cost_add_line(
			    context, PLAN_COST_LB_HOURS, g_strdup(resource), NULL, NULL,
			    context->hours, "hour", key, plan_cost_price(context, key),
			    g_strdup_printf("1 %s × %s h", network ? "NLB" : "ALB", hours));
			plan_cost_lb_lcu(context, lb, resource);
			if (lb->scheme != PLAN_LB_INTERNET_FACING || n_azs == 0)
				continue;
			any_public = TRUE;
			plan_cost_add_line(
			    context, PLAN_COST_PUBLIC_IPV4, g_strdup(resource), NULL, NULL,
			    (double)n_azs * context->hours, "IP-hour", "public_ipv4.hour",
			    plan_cost_price(context, "public_ipv4.hour"),
			    g_strdup_printf("%u %s × 1 node address × %s h", n_azs,
					    plan_text_plural(n_azs, "AZ", "AZs"), hours));
		}
	}
	if (any_public)
		plan_cost_assume(
		    context, "lb.public_ipv4_per_az", 1.0, "addresses", PLAN_COST_FROM_RULE,
		    g_strdup("AWS bills each public address of an internet-facing load "
			     "balancer's nodes; it has at least one node per AZ it spans, "
			     "and an ALB adds nodes as traffic grows"));
}

/* ---- endpoints --------------------------------------------------------------------------------
 */

static void
plan_cost_endpoints(PlanCostContext *context)
{
	const PlanModel *model = context->model;
	g_autofree char *hours = plan_cost_number(context->hours, 4);
	guint n_interface = 0;
	double gb;
	g_autofree char *gb_text = NULL;
	g_autofree char *share_text = NULL;
	g_autofree char *used_for = NULL;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		for (guint e = 0; e < vpc->endpoints->len; e++) {
			const PlanEndpoint *endpoint = g_ptr_array_index(vpc->endpoints, e);
			n_interface += endpoint->type == PLAN_ENDPOINT_INTERFACE;
		}
	}
	if (n_interface > 0)
		used_for = g_strdup_printf("data processed by the interface endpoints, spread "
					   "evenly over the %u; gateway endpoints are free",
					   n_interface);
	else
		used_for = g_strdup("the model has no interface endpoint, so it is not billed");
	gb = plan_cost_usage_figure(context, "usage.endpoint_gb_per_month", model->usage.set,
				    PLAN_USAGE_ENDPOINT_GB, model->usage.endpoint_gb_per_month,
				    "GB/month", used_for);
	if (n_interface == 0)
		return;
	gb_text = plan_cost_number(gb, 4);
	share_text = plan_cost_number(gb / n_interface, 4);

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		for (guint e = 0; e < vpc->endpoints->len; e++) {
			const PlanEndpoint *endpoint = g_ptr_array_index(vpc->endpoints, e);
			const char *name =
			    endpoint->name != NULL ? endpoint->name : endpoint->service;
			g_autofree char *resource = NULL;
			guint n_azs;

			/* gateway endpoints (S3, DynamoDB) cost nothing [S22b] */
			if (endpoint->type != PLAN_ENDPOINT_INTERFACE)
				continue;
			resource = plan_cost_resource(context, "endpoint", vpc, name);
			plan_cost_set_origin(context, &endpoint->origin, NULL, "endpoint", name);
			n_azs = plan_cost_count_azs(vpc, endpoint->subnet_indices);
			plan_cost_add_line(
			    context, PLAN_COST_ENDPOINT_HOURS, g_strdup(resource), NULL, NULL,
			    (double)n_azs * context->hours, "AZ-hour", "endpoint.hour_per_az",
			    plan_cost_price(context, "endpoint.hour_per_az"),
			    g_strdup_printf("%u %s × %s h", n_azs,
					    plan_text_plural(n_azs, "AZ", "AZs"), hours));
			plan_cost_add_line(
			    context, PLAN_COST_ENDPOINT_DATA, g_strdup(resource), NULL, NULL,
			    gb / n_interface, "GB", "endpoint.gb",
			    plan_cost_price(context, "endpoint.gb"),
			    n_interface == 1
				? g_strdup_printf("%s GB a month (usage.endpoint_gb_per_month)",
						  gb_text)
				: g_strdup_printf("%s GB a month ÷ %u interface endpoints = %s GB",
						  gb_text, n_interface, share_text));
		}
	}
}

/* ---- model-wide traffic ------------------------------------------------------------------------
 */

static void
plan_cost_cross_az(PlanCostContext *context)
{
	const PlanUsage *usage = &context->model->usage;
	double gb = plan_cost_usage_figure(
	    context, "usage.cross_az_gb_per_month", usage->set, PLAN_USAGE_CROSS_AZ_GB,
	    usage->cross_az_gb_per_month, "GB/month",
	    "traffic between AZs, each GB counted once; AWS bills it at both ends");
	g_autofree char *gb_text = plan_cost_number(gb, 4);

	plan_cost_assume(context, "cross_az.billed_directions", 2.0, "ends", PLAN_COST_FROM_RULE,
			 g_strdup("the per-GB price is charged in each direction: once leaving "
				  "one AZ and once entering the other"));
	plan_cost_add_line(context, PLAN_COST_CROSS_AZ, g_strdup("usage"), NULL, NULL, 2.0 * gb,
			   "GB", "inter_az.gb", plan_cost_price(context, "inter_az.gb"),
			   g_strdup_printf("%s GB a month × 2 (billed out of one AZ and into the "
					   "other)",
					   gb_text));
}

static void
plan_cost_internet_egress(PlanCostContext *context)
{
	const PlanUsage *usage = &context->model->usage;
	double gb = plan_cost_usage_figure(
	    context, "usage.internet_egress_gb_per_month", usage->set,
	    PLAN_USAGE_INTERNET_EGRESS_GB, usage->internet_egress_gb_per_month, "GB/month",
	    "data sent to the internet (through NAT gateways, load balancers or public "
	    "addresses); data in is free");
	double billed = MAX(gb - PLAN_COST_EGRESS_FREE_GB, 0.0);
	g_autofree char *gb_text = plan_cost_number(gb, 4);
	PlanCostLine *line;

	plan_cost_assume(context, "internet_egress.free_gb", PLAN_COST_EGRESS_FREE_GB, "GB/month",
			 PLAN_COST_FROM_RULE,
			 g_strdup("AWS's monthly free allowance, summed over the whole account; "
				  "ecsplan gives all of it to this model"));
	line = plan_cost_add_line(
	    context, PLAN_COST_INTERNET_EGRESS, g_strdup("usage"), NULL, NULL, billed, "GB",
	    "internet_egress.gb", plan_cost_price(context, "internet_egress.gb"),
	    billed > PLAN_COST_EGRESS_TIER_GB
		? g_strdup_printf("%s GB a month − 100 GB free, all at the first paid tier "
				  "(above 10 TB the real tiers are cheaper)",
				  gb_text)
		: g_strdup_printf("%s GB a month − 100 GB free", gb_text));
	if (billed > PLAN_COST_EGRESS_TIER_GB)
		line->estimate = TRUE;
}

void
plan_cost_network(PlanCostContext *context)
{
	plan_cost_nats(context);
	plan_cost_load_balancers(context);
	plan_cost_endpoints(context);
	plan_cost_set_origin(context, NULL, NULL, NULL, NULL);
	plan_cost_cross_az(context);
	plan_cost_internet_egress(context);
}
