/* the cost model's network charges: NAT gateways, load balancers (hours, LCUs, node
 * addresses), interface endpoints, and the model's cross-AZ and internet traffic. every usage
 * figure they read is listed as an assumption, given or defaulted (docs/cost.md) */
#include "cost-private.h"
#include "text.h"

#include <string.h>

/* AWS gives the first 100 GB a month to the internet free, summed over all services [S21] */
#define PLAN_COST_EGRESS_FREE_GB 100.0
/* the tiers of a month's internet egress, in us-east-1 [S21][S43]: the first 10 TB (the
 * free 100 GB among them) at the book's internet_egress.gb ($0.09), the next 40 TB at $0.085,
 * the next 100 TB at $0.07, above 150 TB $0.05. The book holds the first tier only, so the
 * later ones are the first tier's price × @ninetieths / 90 (exact where the first tier is
 * $0.09, as in us-east-1; elsewhere an estimate). @upto: the tier's end in GB of the month's
 * total (1 TB = 1,024 GB), 0 for the last */
static const struct {
	double upto;
	gint64 ninetieths;
	const char *name;
} plan_cost_egress_tiers[] = {
    {10240.0, 90, NULL},
    {51200.0, 85, "next 40 TB"},
    {153600.0, 70, "next 100 TB"},
    {0.0, 50, "above 150 TB"},
};
#define PLAN_COST_EGRESS_FIRST_TIER_NANOS 90000000

/* ---- usage figures --------------------------------------------------------------------------- */

/* a usage figure, listed as an assumption: the model's value, or the default (0) */
static double
plan_cost_usage_figure(PlanCostContext *context, const char *name, guint set, guint bit,
		       double value, const char *unit, const char *used_for)
{
	gboolean given = (set & bit) != 0;
	char *why;

	/* a findings-only cost keeps no assumption */
	if (!context->describe)
		return given ? value : 0.0;
	if (given)
		why = g_strdup(used_for);
	else
		why = g_strdup_printf("not given: 0; %s", used_for);
	cost_assume(context, name, given ? value : 0.0, unit,
			 given ? PLAN_COST_FROM_MODEL : PLAN_COST_FROM_DEFAULT, why);
	return given ? value : 0.0;
}

/* a usage figure of GB a month, as much of it as the priced hours use (usage_share) */
static double
plan_cost_usage_gb(const PlanCostContext *context, double gb_per_month)
{
	return gb_per_month * context->usage_share;
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

/* a private subnet routed to a NAT gateway in another AZ sends its NAT traffic across AZs,
 * billed at both ends as any cross-AZ GB (inter_az.gb). @gb (the month's NAT GB, already
 * prorated) is taken as spread evenly over the private subnets that route to a NAT gateway;
 * the share from subnets whose gateway is in another AZ crosses. One line, category
 * cross-az, only when some does: what consolidating to one shared NAT gateway costs */
static void
plan_cost_nat_cross_az(PlanCostContext *context, double gb)
{
	const PlanModel *model = context->model;
	guint routed = 0;
	guint crossing = 0;
	double crossing_gb;
	g_autofree char *gb_text = NULL;
	g_autofree char *crossing_text = NULL;

	/* a findings-only cost keeps only the price-missing findings, and the one line this
	 * could add has its price: nothing to find, so no walk over every subnet */
	if (!context->describe && cost_price(context, "inter_az.gb") != NULL)
		return;
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		for (guint s = 0; s < vpc->subnets->len; s++) {
			const PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, s);
			const PlanNatGateway *nat;
			const PlanSubnet *home;
			if (subnet->nat_index < 0 || (guint)subnet->nat_index >= vpc->nat_gateways->len)
				continue;
			routed++;
			nat = g_ptr_array_index(vpc->nat_gateways, subnet->nat_index);
			if (nat->subnet_index < 0 || (guint)nat->subnet_index >= vpc->subnets->len)
				continue;
			home = g_ptr_array_index(vpc->subnets, nat->subnet_index);
			if (subnet->az != NULL && home->az != NULL && strcmp(subnet->az, home->az) != 0)
				crossing++;
		}
	}
	if (crossing == 0 || gb <= 0.0)
		return;
	crossing_gb = gb * (double)crossing / (double)routed;
	gb_text = cost_number(gb, 4);
	crossing_text = cost_number(crossing_gb, 4);
	cost_add_line(context, PLAN_COST_CROSS_AZ, g_strdup("nat/cross-az"), NULL, NULL,
		      2.0 * crossing_gb, "GB", "inter_az.gb", cost_price(context, "inter_az.gb"),
		      g_strdup_printf("NAT traffic crossing AZs: %s GB × %u of the %u private "
				      "subnets routed to a NAT gateway in another AZ = %s GB × 2 "
				      "(billed out of one AZ and into the other)",
				      gb_text, crossing, routed, crossing_text));
}

static void
plan_cost_nats(PlanCostContext *context)
{
	const PlanModel *model = context->model;
	guint n_nats = plan_cost_count_nats(model);
	g_autofree char *hours = cost_number(context->hours, 4);
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
	gb = plan_cost_usage_gb(context, gb);
	share = gb / n_nats;
	gb_text = cost_number(gb, 4);
	share_text = cost_number(share, 4);

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
			    cost_resource(context, "nat", vpc, nat->name);

			cost_set_origin(context, &nat->origin, NULL, "NAT gateway",
					     nat->name);

			cost_add_line(context, PLAN_COST_NAT_HOURS, g_strdup(resource), NULL,
					   az, context->hours, "hour", "nat.hour",
					   cost_price(context, "nat.hour"),
					   cost_text(context, "1 NAT gateway × %s h", hours));
			cost_add_line(
			    context, PLAN_COST_NAT_DATA, g_strdup(resource), NULL, az, share, "GB",
			    "nat.gb", cost_price(context, "nat.gb"),
			    n_nats == 1
				? cost_text(context, "%s GB a month (usage.nat_gb_per_month)", gb_text)
				: cost_text(context, "%s GB a month ÷ %u NAT gateways = %s GB",
						  gb_text, n_nats, share_text));
			if (nat->connectivity == PLAN_NAT_PUBLIC)
				cost_add_line(
				    context, PLAN_COST_PUBLIC_IPV4, g_strdup(resource), NULL, az,
				    context->hours, "IP-hour", "public_ipv4.hour",
				    cost_price(context, "public_ipv4.hour"),
				    cost_text(context, "1 Elastic IP (public NAT gateway) × %s h",
						    hours));
		}
	}
	cost_set_origin(context, NULL, NULL, NULL, NULL);
	plan_cost_nat_cross_az(context, gb);
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
		g_autofree char *name = context->describe
					    ? g_strdup_printf("%s.%s", resource, figures[d].field)
					    : NULL;
		double value = G_STRUCT_MEMBER(double, &lb->usage, figures[d].offset);
		rates[d] = 0.0;
		if (d == PLAN_LCU_RULES && lb->type == PLAN_LB_NETWORK)
			continue;
		rates[d] = plan_cost_usage_figure(context, name, lb->usage.set, figures[d].bit,
						  value, figures[d].unit, why);
	}
}

/* LCU-hours in the month = the largest dimension; @description (nullable: a findings-only
 * cost) gets the arithmetic */
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
	g_autofree char *hours = NULL;
	g_autofree char *per_hour = NULL;
	double best = 0.0;
	gint best_dimension = -1;
	guint n_terms = 0;

	for (guint d = 0; d < PLAN_LCU_N; d++) {
		double lcu_hours;
		/* a dimension the balancer does not have (NLB rule evaluations) */
		if (per_lcu[d] <= 0.0)
			continue;
		/* GB ÷ (GB per LCU-hour): the hours cancel, so 1000 GB is 1000 LCU-hours */
		lcu_hours = d == PLAN_LCU_BYTES ? rates[d] / per_lcu[d]
						: rates[d] / per_lcu[d] * context->hours;
		if (lcu_hours > best) {
			best = lcu_hours;
			best_dimension = (gint)d;
		}
	}
	if (description == NULL)
		return best;
	hours = cost_number(context->hours, 4);
	g_string_append(description, "max(");
	for (guint d = 0; d < PLAN_LCU_N; d++) {
		g_autofree char *rate = NULL;
		g_autofree char *divisor = NULL;
		if (per_lcu[d] <= 0.0)
			continue;
		rate = cost_number(rates[d], 4);
		divisor = cost_number(per_lcu[d], 4);
		g_string_append_printf(description, "%s%s ", n_terms++ > 0 ? ", " : "", labels[d]);
		if (d == PLAN_LCU_BYTES)
			g_string_append_printf(description, "%s GB ÷ %s h ÷ %s GB", rate, hours,
					       divisor);
		else
			g_string_append_printf(description, "%s%s ÷ %s", rate,
					       d == PLAN_LCU_ACTIVE ? "/min" : "/s", divisor);
	}
	per_hour = cost_number(best / context->hours, 4);
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
	GString *description = context->describe ? g_string_new(NULL) : NULL;
	double rates[PLAN_LCU_N];
	double quantity = 0.0;
	PlanCostLine *line;

	plan_cost_lb_rates(context, lb, resource, rates);
	if (dims != NULL)
		quantity = plan_cost_lcu_hours(context, dims, rates, unit_name, description);
	else if (description != NULL)
		g_string_printf(description, "no %s dimensions in the price book, counted as 0",
				unit_name);
	line = cost_add_line(context, PLAN_COST_LB_LCU, g_strdup(resource), NULL, NULL,
				  quantity, "LCU-hour", key, cost_price(context, key),
				  description != NULL ? g_string_free(description, FALSE) : NULL);
	if (dims == NULL || cost_confidence_is_estimate(dims->confidence))
		line->estimate = TRUE;
}

/* a Classic Load Balancer bills per GB processed, not per LCU [S17] */
static void
plan_cost_clb_data(PlanCostContext *context, const PlanLoadBalancer *lb, const char *resource)
{
	g_autofree char *name =
	    context->describe ? g_strdup_printf("%s.processed_gb_per_month", resource) : NULL;
	double gb = plan_cost_usage_figure(context, name, lb->usage.set,
					   PLAN_LB_USAGE_PROCESSED_GB,
					   lb->usage.processed_gb_per_month, "GB/month",
					   "a Classic Load Balancer bills each GB it processes");
	g_autofree char *gb_text = NULL;

	gb = plan_cost_usage_gb(context, gb);
	gb_text = cost_number(gb, 4);

	cost_add_line(context, PLAN_COST_LB_LCU, g_strdup(resource), NULL, NULL, gb, "GB",
			   "clb.gb", cost_price(context, "clb.gb"),
			   g_strdup_printf("%s GB processed (a CLB bills per GB, not per LCU)",
					   gb_text));
}

static void
plan_cost_load_balancers(PlanCostContext *context)
{
	const PlanModel *model = context->model;
	g_autofree char *hours = cost_number(context->hours, 4);
	gboolean any_public = FALSE;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		for (guint l = 0; l < vpc->load_balancers->len; l++) {
			const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, l);
			gboolean network = lb->type == PLAN_LB_NETWORK;
			gboolean classic = lb->type == PLAN_LB_CLASSIC;
			const char *key = network ? "nlb.hour" : classic ? "clb.hour" : "alb.hour";
			g_autofree char *resource =
			    cost_resource(context, "lb", vpc, lb->name);
			guint n_azs = cost_count_azs(vpc, lb->subnet_indices);

			cost_set_origin(context, &lb->origin, NULL, "load balancer",
					     lb->name);

			cost_add_line(context, PLAN_COST_LB_HOURS, g_strdup(resource), NULL,
					   NULL, context->hours, "hour", key,
					   cost_price(context, key),
					   cost_text(context, "1 %s × %s h",
							   network   ? "NLB"
							   : classic ? "CLB"
								     : "ALB",
							   hours));
			if (classic)
				plan_cost_clb_data(context, lb, resource);
			else
				plan_cost_lb_lcu(context, lb, resource);
			if (lb->scheme != PLAN_LB_INTERNET_FACING || n_azs == 0)
				continue;
			any_public = TRUE;
			cost_add_line(
			    context, PLAN_COST_PUBLIC_IPV4, g_strdup(resource), NULL, NULL,
			    (double)n_azs * context->hours, "IP-hour", "public_ipv4.hour",
			    cost_price(context, "public_ipv4.hour"),
			    cost_text(context, "%u %s × 1 node address × %s h", n_azs,
					    plan_text_plural(n_azs, "AZ", "AZs"), hours));
		}
	}
	if (any_public)
		cost_assume(
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
	g_autofree char *hours = cost_number(context->hours, 4);
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
	gb = plan_cost_usage_gb(context, gb);
	gb_text = cost_number(gb, 4);
	share_text = cost_number(gb / n_interface, 4);

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
			resource = cost_resource(context, "endpoint", vpc, name);
			cost_set_origin(context, &endpoint->origin, NULL, "endpoint", name);
			n_azs = cost_count_azs(vpc, endpoint->subnet_indices);
			cost_add_line(
			    context, PLAN_COST_ENDPOINT_HOURS, g_strdup(resource), NULL, NULL,
			    (double)n_azs * context->hours, "AZ-hour", "endpoint.hour_per_az",
			    cost_price(context, "endpoint.hour_per_az"),
			    cost_text(context, "%u %s × %s h", n_azs,
					    plan_text_plural(n_azs, "AZ", "AZs"), hours));
			cost_add_line(
			    context, PLAN_COST_ENDPOINT_DATA, g_strdup(resource), NULL, NULL,
			    gb / n_interface, "GB", "endpoint.gb",
			    cost_price(context, "endpoint.gb"),
			    n_interface == 1
				? cost_text(context, "%s GB a month (usage.endpoint_gb_per_month)",
						  gb_text)
				: cost_text(context, "%s GB a month ÷ %u interface endpoints = %s GB",
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
	g_autofree char *gb_text = NULL;

	gb = plan_cost_usage_gb(context, gb);
	gb_text = cost_number(gb, 4);

	cost_assume(context, "cross_az.billed_directions", 2.0, "ends", PLAN_COST_FROM_RULE,
			 g_strdup("the per-GB price is charged in each direction: once leaving "
				  "one AZ and once entering the other"));
	cost_add_line(context, PLAN_COST_CROSS_AZ, g_strdup("usage"), NULL, NULL, 2.0 * gb,
			   "GB", "inter_az.gb", cost_price(context, "inter_az.gb"),
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
	const PlanPrice *first = cost_price(context, "internet_egress.gb");
	/* a share of a month scales the traffic, the free allowance and the tiers alike: the
	 * same share of the month's tiered cost */
	double share = context->usage_share;
	double below = PLAN_COST_EGRESS_FREE_GB * share; /* GB of the total already priced */
	g_autofree char *gb_text = NULL;

	gb = plan_cost_usage_gb(context, gb);
	gb_text = cost_number(gb, 4);

	cost_assume(context, "internet_egress.free_gb", PLAN_COST_EGRESS_FREE_GB, "GB/month",
			 PLAN_COST_FROM_RULE,
			 g_strdup("AWS's monthly free allowance, summed over the whole account; "
				  "ecsplan gives all of it to this model"));
	for (guint t = 0; t < G_N_ELEMENTS(plan_cost_egress_tiers); t++) {
		double upto = plan_cost_egress_tiers[t].upto * share;
		double in_tier = (upto > 0.0 ? MIN(gb, upto) : gb) - below;
		g_autofree char *tier_gb = cost_number(MAX(in_tier, 0.0), 4);
		PlanPrice price = {0};
		PlanCostLine *line;

		/* the first tier always has its line (0 GB costs nothing); the others when used */
		if (t == 0) {
			cost_add_line(context, PLAN_COST_INTERNET_EGRESS, g_strdup("usage"), NULL,
				      NULL, MAX(in_tier, 0.0), "GB", "internet_egress.gb", first,
				      share != 1.0
					  ? g_strdup_printf("%s GB (usage.share of a month) − the same "
							    "share of the 100 GB free, in the first "
							    "10 TB tier",
							    gb_text)
				      : gb > plan_cost_egress_tiers[0].upto
					  ? g_strdup_printf("%s GB a month: the first 10 TB − 100 GB "
							    "free",
							    gb_text)
					  : g_strdup_printf("%s GB a month − 100 GB free", gb_text));
		} else if (in_tier > 0.0) {
			if (first != NULL) {
				price = *first;
				price.nanos = (first->nanos * plan_cost_egress_tiers[t].ninetieths +
					       45) /
					      90;
				price.value = (double)price.nanos / (double)PLAN_NANOS_PER_DOLLAR;
				price.confidence = MAX(first->confidence, PLAN_CONFIDENCE_DERIVED);
				price.note = "the first tier × the us-east-1 tier ratio (0.085, 0.07 or "
					     "0.05 ÷ 0.09)";
			}
			line = cost_add_line(
			    context, PLAN_COST_INTERNET_EGRESS,
			    g_strdup_printf("usage (%s)", plan_cost_egress_tiers[t].name), NULL,
			    NULL, in_tier, "GB", "internet_egress.gb", first != NULL ? &price : NULL,
			    g_strdup_printf("%s GB of the month's %s GB in the tier %s", tier_gb,
					    gb_text, plan_cost_egress_tiers[t].name));
			/* the ratio is us-east-1's: another region's later tiers are estimates */
			if (first != NULL && first->nanos != PLAN_COST_EGRESS_FIRST_TIER_NANOS)
				line->estimate = TRUE;
		}
		if (upto == 0.0 || gb <= upto)
			break;
		below = upto;
	}
}

void
cost_network(PlanCostContext *context)
{
	plan_cost_nats(context);
	plan_cost_load_balancers(context);
	plan_cost_endpoints(context);
	cost_set_origin(context, NULL, NULL, NULL, NULL);
	plan_cost_cross_az(context);
	plan_cost_internet_egress(context);
}
