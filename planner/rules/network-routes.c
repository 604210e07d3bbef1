/* ecsplan: the network rules about placement and routes — AZs, load balancers, NAT gateways,
 * egress for image pulls, address capacity and services. see docs/rules.md. */
#include "network-private.h"

#include <string.h>

/* ---- AZ helpers ---- */

static const char *
tier_article(PlanTier tier)
{
	return tier == PLAN_TIER_ISOLATED ? "an" : "a";
}

/* an AZ of the region other than @az, or NULL */
static const char *
region_other_az(const PlanRuleContext *context, const char *az)
{
	for (guint i = 0; context->region != NULL && context->region->azs[i] != NULL; i++) {
		if (g_strcmp0(context->region->azs[i], az) != 0)
			return context->region->azs[i];
	}
	return NULL;
}

/* the concrete way for a load balancer or service to reach a second AZ: an existing subnet of
 * @tier outside @az, else a new one in another AZ of the region */
static char *
second_az_fix(const PlanRuleContext *context, const PlanVpc *vpc, PlanTier tier, const char *az)
{
	const char *other;

	for (guint s = 0; s < vpc->subnets->len; s++) {
		const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
		if (subnet->tier == tier && subnet->az != NULL && g_strcmp0(subnet->az, az) != 0)
			return g_strdup_printf("add subnet '%s' (%s) to its subnets",
					       label(subnet->name), subnet->az);
	}
	other = region_other_az(context, az);
	if (other != NULL)
		return g_strdup_printf("create %s %s subnet in %s and add it to its subnets",
				       tier_article(tier), plan_tier_to_string(tier), other);
	return g_strdup_printf("create %s %s subnet in a second AZ and add it to its subnets",
			       tier_article(tier), plan_tier_to_string(tier));
}

/* a subnet of @tier in @az, or NULL */
static const PlanSubnet *
find_subnet_in_az(const PlanVpc *vpc, PlanTier tier, const char *az)
{
	for (guint s = 0; s < vpc->subnets->len; s++) {
		const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
		if (subnet->tier == tier && az != NULL && g_strcmp0(subnet->az, az) == 0)
			return subnet;
	}
	return NULL;
}

/* TRUE when every entry of @indices resolved: rules skip half-resolved lists, since
 * plan_model_link() already reported the missing names */
static gboolean
all_resolved(const GArray *indices)
{
	for (guint i = 0; indices != NULL && i < indices->len; i++) {
		if (index_at(indices, i) < 0)
			return FALSE;
	}
	return TRUE;
}

/* ---- rules: Availability Zones ---- */

void
rules_check_az_unknown(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autoptr(GString) azs = NULL;

	if (model->region == NULL)
		return;
	if (context->region == NULL) {
		PlanOrigin origin = {.path = (char *)"region"};
		const char *suggestion = plan_region_suggest(model->region);
		if (suggestion != NULL)
			rules_report(
			    diagnostics, PLAN_SEVERITY_ERROR, "az-unknown", &origin, NULL,
			    "region '%s' is not an AWS commercial region; did you mean '%s'?",
			    model->region, suggestion);
		else
			rules_report(
			    diagnostics, PLAN_SEVERITY_ERROR, "az-unknown", &origin, NULL,
			    "region '%s' is not an AWS commercial region; use a region code "
			    "such as 'us-east-1'",
			    model->region);
		return;
	}
	azs = g_string_new(NULL);
	for (guint i = 0; context->region->azs[i] != NULL; i++)
		g_string_append_printf(azs, "%s%s", i > 0 ? ", " : "", context->region->azs[i]);
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint s = 0; s < vpc->subnets->len; s++) {
			const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
			guint az = rules_subnet_az(context, v, s);
			if (az == RULES_AZ_NONE || context->azs->in_region[az])
				continue;
			rules_report(
			    diagnostics, PLAN_SEVERITY_ERROR, "az-unknown", &subnet->origin, ".az",
			    "subnet '%s' az '%s' is not in region '%s'; use one of %s",
			    label(subnet->name), subnet->az, context->region->name, azs->str);
		}
	}
}

/* allocates the number of services in each VPC */
static guint *
vpc_service_counts(const PlanModel *model)
{
	guint *counts = g_new0(guint, model->vpcs->len);
	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		if (model_vpc(model, service->vpc_index) != NULL)
			counts[service->vpc_index]++;
	}
	return counts;
}

/* a tier whose subnets all sit in one AZ while the VPC uses two or more; or a VPC that uses one
 * AZ and runs services. a VPC with one AZ and no services is left alone (nothing to lose yet),
 * and a single-AZ VPC is one finding, not one per tier. */
/* one tier of a VPC, seen in one pass over its subnets: the first subnet with an AZ, that AZ,
 * and whether every subnet of the tier with an AZ sits in it */
typedef struct {
	gint first;
	guint az;
	gboolean one_az;
} TierAzs;

void
rules_check_tier_single_az(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autofree guint *service_counts = vpc_service_counts(model);
	g_autoptr(GArray) all = g_array_new(FALSE, FALSE, sizeof(gint));
	g_autoptr(GArray) vpc_azs = g_array_new(FALSE, FALSE, sizeof(guint));

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		TierAzs tiers[PLAN_TIER_COUNT];
		guint n_services;

		g_array_set_size(all, vpc->subnets->len);
		for (guint s = 0; s < vpc->subnets->len; s++)
			g_array_index(all, gint, s) = (gint)s;
		rules_distinct_azs(context, v, all, vpc_azs);
		if (vpc_azs->len == 1) {
			const char *az = rules_az_name(context, g_array_index(vpc_azs, guint, 0));
			const char *other = region_other_az(context, az);
			n_services = service_counts[v];
			if (n_services == 0)
				continue;
			rules_report(
			    diagnostics, PLAN_SEVERITY_WARNING, "tier-single-az", &vpc->origin,
			    NULL,
			    "vpc '%s' has subnets in one AZ only (%s) and runs %u service%s, so "
			    "an outage there stops them all; add subnets in a second AZ, e.g. %s",
			    label(vpc->name), az, n_services, n_services == 1 ? "" : "s",
			    other != NULL ? other : "another AZ of the region");
			continue;
		}
		if (vpc_azs->len < 2)
			continue;
		for (guint t = 0; t < PLAN_TIER_COUNT; t++)
			tiers[t] = (TierAzs){.first = -1, .az = RULES_AZ_NONE, .one_az = TRUE};
		for (guint s = 0; s < vpc->subnets->len; s++) {
			const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
			guint az = rules_subnet_az(context, v, s);
			TierAzs *tier;
			if (az == RULES_AZ_NONE || (guint)subnet->tier >= PLAN_TIER_COUNT)
				continue;
			tier = &tiers[subnet->tier];
			if (tier->first < 0) {
				tier->first = (gint)s;
				tier->az = az;
			} else if (az != tier->az) {
				tier->one_az = FALSE;
			}
		}
		for (guint t = 0; t < PLAN_TIER_COUNT; t++) {
			const TierAzs *tier = &tiers[t];
			const char *tier_az;
			const PlanSubnet *first;
			const char *missing = NULL;
			PlanDiagnostic *diagnostic;

			if (tier->first < 0 || !tier->one_az)
				continue;
			tier_az = rules_az_name(context, tier->az);
			/* suggest an AZ the region has: an unknown one is az-unknown's finding */
			for (guint i = 0; i < vpc_azs->len && missing == NULL; i++) {
				guint az = g_array_index(vpc_azs, guint, i);
				if (az != tier->az &&
				    (context->region == NULL || context->azs->in_region[az]))
					missing = rules_az_name(context, az);
			}
			if (missing == NULL)
				missing = region_other_az(context, tier_az);
			if (missing == NULL)
				missing = "another AZ";
			first = vpc_subnet(vpc, tier->first);
			diagnostic = rules_report(
			    diagnostics, PLAN_SEVERITY_WARNING, "tier-single-az", &first->origin,
			    NULL,
			    "%s subnets of vpc '%s' are all in %s while the vpc uses %u AZs, so "
			    "an outage there takes the whole tier down; add %s %s subnet in %s",
			    plan_tier_to_string((PlanTier)t), label(vpc->name), tier_az, vpc_azs->len,
			    tier_article((PlanTier)t), plan_tier_to_string((PlanTier)t), missing);
			for (guint s = (guint)tier->first + 1; s < vpc->subnets->len; s++) {
				const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
				if (subnet->tier == (PlanTier)t && subnet->az != NULL)
					add_related(diagnostic, subnet->origin.path);
			}
		}
	}
}

/* ---- rules: load balancers ---- */

void
rules_check_lb_single_az(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autoptr(GArray) azs = g_array_new(FALSE, FALSE, sizeof(guint));

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc->load_balancers->len; i++) {
			const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
			gboolean alb = lb->type == PLAN_LB_APPLICATION;
			GArray *subnets = context->azs->scratch;
			g_autofree char *fix = NULL;
			const PlanSubnet *first;
			const char *az;

			/* a Classic Load Balancer may run in one AZ: AWS accepts it, and the
			 * rule is about what AWS refuses */
			if (lb->type == PLAN_LB_CLASSIC || !all_resolved(lb->subnet_indices))
				continue;
			rules_distinct_indices_fill(lb->subnet_indices, subnets);
			if (subnets->len == 0) {
				rules_report(diagnostics, PLAN_SEVERITY_ERROR,
						    "lb-single-az", &lb->origin, NULL,
						    "load balancer '%s' has no subnets; add "
						    "subnets in at least two "
						    "AZs",
						    label(lb->name));
				continue;
			}
			rules_distinct_azs(context, v, subnets, azs);
			if (azs->len != 1)
				continue;
			az = rules_az_name(context, g_array_index(azs, guint, 0));
			first = vpc_subnet(vpc, index_at(subnets, 0));
			fix = second_az_fix(context, vpc, first->tier, az);
			/* AWS refuses an ALB in one AZ [S25]; an NLB may run in one, as a single
			 * point of failure */
			if (alb)
				rules_report(diagnostics, PLAN_SEVERITY_ERROR,
						    "lb-single-az", &lb->origin, ".subnets",
						    "load balancer '%s' has subnets in one AZ only "
						    "(%s), and an alb "
						    "needs two; %s",
						    label(lb->name), az, fix);
			else
				rules_report(diagnostics, PLAN_SEVERITY_WARNING,
						    "lb-single-az", &lb->origin, ".subnets",
						    "network load balancer '%s' has subnets in one "
						    "AZ only (%s), so "
						    "an outage there takes it down; %s",
						    label(lb->name), az, fix);
		}
	}
}

/* the position of @subnet_index in the LB's subnet list, for a precise path */
static char *
list_suffix(const GArray *indices, gint subnet_index)
{
	for (guint k = 0; indices != NULL && k < indices->len; k++) {
		if (index_at(indices, k) == subnet_index)
			return g_strdup_printf(".subnets[%u]", k);
	}
	return g_strdup(".subnets");
}

void
rules_check_lb_subnet_small(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc->load_balancers->len; i++) {
			const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
			g_autoptr(GArray) subnets = NULL;

			/* an ALB [S25] and a Classic Load Balancer [S46] ask the same: a /27 and 8
			 * free addresses per subnet; an NLB takes one address per subnet */
			const char *kind = lb->type == PLAN_LB_CLASSIC ? "a clb" : "an alb";

			if (lb->type != PLAN_LB_APPLICATION && lb->type != PLAN_LB_CLASSIC)
				continue;
			subnets = rules_distinct_indices(lb->subnet_indices);
			for (guint k = 0; k < subnets->len; k++) {
				gint s = index_at(subnets, k);
				const PlanSubnet *subnet = vpc_subnet(vpc, s);
				const PlanSubnetUse *use = subnet_use(context, v, (guint)s);
				g_autofree char *suffix = NULL;
				g_autofree char *hint = NULL;
				char block[PLAN_PREFIX_TEXT_SIZE];
				gint64 free_for_alb;
				guint length;

				if (subnet == NULL || use->total == 0)
					continue;
				if (subnet->cidr.prefix.length > PLAN_ALB_LONGEST_LENGTH) {
					suffix = list_suffix(lb->subnet_indices, s);
					plan_prefix_format(&subnet->cidr.prefix, block, sizeof block);
					hint = rules_free_block_hint(context, v, FALSE,
									    PLAN_ALB_LONGEST_LENGTH,
									    "the free block");
					add_related(
					    rules_report(
						diagnostics, PLAN_SEVERITY_ERROR, "lb-subnet-small",
						&lb->origin, suffix,
						"load balancer '%s' uses subnet '%s' (%s), "
						"smaller than the /27 %s needs; use a /27 "
						"or larger%s",
						label(lb->name), label(subnet->name), block, kind,
						hint),
					    subnet->origin.path);
					continue;
				}
				/* what is left for this ALB once everything else is placed at peak
				 */
				free_for_alb =
				    use->usable - (use->peak - PLAN_ALB_ADDRESSES_PER_SUBNET);
				if (free_for_alb >= PLAN_ALB_ADDRESSES_PER_SUBNET)
					continue;
				suffix = list_suffix(lb->subnet_indices, s);
				plan_prefix_format(&subnet->cidr.prefix, block, sizeof block);
				length = plan_prefix_length_for_usable((guint64)use->peak);
				hint = length > 0 ? rules_free_block_hint(
							context, v, FALSE, length, "the free block")
						  : g_strdup("");
				add_related(
				    rules_report(
					diagnostics, PLAN_SEVERITY_ERROR, "lb-subnet-small",
					&lb->origin, suffix,
					"load balancer '%s' has %" G_GINT64_FORMAT
					" free addresses in subnet '%s' (%s) at peak, fewer "
					"than the 8 %s needs [%s]; use a /%u or larger%s",
					label(lb->name), MAX(free_for_alb, 0), label(subnet->name),
					block, kind, use->arithmetic,
					length > 0 ? length : PLAN_IPV4_SHORTEST_LENGTH, hint),
				    subnet->origin.path);
			}
		}
	}
}

/* a public subnet in @az (or anywhere when none there), for "use this instead" fixes */
static const PlanSubnet *
find_public_subnet(const PlanVpc *vpc, const char *az)
{
	const PlanSubnet *subnet = find_subnet_in_az(vpc, PLAN_TIER_PUBLIC, az);
	for (guint s = 0; subnet == NULL && s < vpc->subnets->len; s++) {
		if (vpc_subnet(vpc, (gint)s)->tier == PLAN_TIER_PUBLIC)
			subnet = vpc_subnet(vpc, (gint)s);
	}
	return subnet;
}

void
rules_check_lb_scheme_subnet(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc->load_balancers->len; i++) {
			const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
			g_autoptr(GArray) subnets = NULL;

			if (lb->scheme != PLAN_LB_INTERNET_FACING)
				continue;
			if (!vpc->internet_gateway) {
				rules_report(
				    diagnostics, PLAN_SEVERITY_ERROR, "lb-scheme-subnet",
				    &lb->origin, NULL,
				    "internet-facing load balancer '%s' is in vpc '%s', which has "
				    "no internet gateway; set internet_gateway to true on the vpc, "
				    "or make the load balancer internal",
				    label(lb->name), label(vpc->name));
				continue;
			}
			subnets = rules_distinct_indices(lb->subnet_indices);
			for (guint k = 0; k < subnets->len; k++) {
				gint s = index_at(subnets, k);
				const PlanSubnet *subnet = vpc_subnet(vpc, s);
				const PlanSubnet *public;
				g_autofree char *suffix = NULL;

				if (subnet == NULL || subnet->tier == PLAN_TIER_PUBLIC)
					continue;
				suffix = list_suffix(lb->subnet_indices, s);
				public = find_public_subnet(vpc, subnet->az);
				if (public != NULL)
					add_related(
					    rules_report(
						diagnostics, PLAN_SEVERITY_ERROR,
						"lb-scheme-subnet", &lb->origin, suffix,
						"internet-facing load balancer '%s' is in subnet "
						"'%s', which is %s; use public subnet '%s' "
						"instead, or make the load balancer internal",
						label(lb->name), label(subnet->name),
						plan_tier_to_string(subnet->tier),
						label(public->name)),
					    subnet->origin.path);
				else
					add_related(
					    rules_report(
						diagnostics, PLAN_SEVERITY_ERROR,
						"lb-scheme-subnet", &lb->origin, suffix,
						"internet-facing load balancer '%s' is in subnet "
						"'%s', which is %s; create a public subnet in %s "
						"for it, or make the load balancer internal",
						label(lb->name), label(subnet->name),
						plan_tier_to_string(subnet->tier),
						subnet->az != NULL ? subnet->az : "its AZ"),
					    subnet->origin.path);
			}
		}
	}
}

/* ---- rules: NAT gateways ---- */

void
rules_check_nat_not_public(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc->nat_gateways->len; i++) {
			const PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, i);
			const PlanSubnet *subnet = vpc_subnet(vpc, nat->subnet_index);
			const PlanSubnet *public;

			/* a private NAT gateway has no internet route by design */
			if (nat->connectivity != PLAN_NAT_PUBLIC || subnet == NULL)
				continue;
			if (!vpc->internet_gateway) {
				rules_report(
				    diagnostics, PLAN_SEVERITY_ERROR, "nat-not-public",
				    &nat->origin, NULL,
				    "nat gateway '%s' is in vpc '%s', which has no internet "
				    "gateway, so it cannot reach the internet; set "
				    "internet_gateway to true on the vpc",
				    label(nat->name), label(vpc->name));
				continue;
			}
			if (subnet->tier == PLAN_TIER_PUBLIC)
				continue;
			public = find_subnet_in_az(vpc, PLAN_TIER_PUBLIC, subnet->az);
			if (public != NULL)
				add_related(rules_report(
						diagnostics, PLAN_SEVERITY_ERROR, "nat-not-public",
						&nat->origin, ".subnet",
						"nat gateway '%s' is in subnet '%s', which is %s, "
						"but a public nat gateway needs a route to the "
						"internet gateway; move it to public subnet '%s' "
						"in the same AZ",
						label(nat->name), label(subnet->name),
						plan_tier_to_string(subnet->tier),
						label(public->name)),
					    subnet->origin.path);
			else
				add_related(
				    rules_report(
					diagnostics, PLAN_SEVERITY_ERROR, "nat-not-public",
					&nat->origin, ".subnet",
					"nat gateway '%s' is in subnet '%s', which is %s, "
					"but a public nat gateway needs a route to the "
					"internet gateway; create a public subnet in %s and "
					"move it there",
					label(nat->name), label(subnet->name),
					plan_tier_to_string(subnet->tier),
					subnet->az != NULL ? subnet->az : "its AZ"),
				    subnet->origin.path);
		}
	}
}

/* a public NAT gateway whose subnet is in @az, or NULL */
static const PlanNatGateway *
find_nat_in_az(const PlanVpc *vpc, const char *az)
{
	for (guint i = 0; i < vpc->nat_gateways->len; i++) {
		const PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, i);
		const PlanSubnet *subnet = vpc_subnet(vpc, nat->subnet_index);
		if (nat->connectivity == PLAN_NAT_PUBLIC && subnet != NULL &&
		    g_strcmp0(subnet->az, az) == 0)
			return nat;
	}
	return NULL;
}

void
rules_check_nat_cross_az(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint s = 0; s < vpc->subnets->len; s++) {
			const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
			const PlanNatGateway *nat;
			const PlanNatGateway *local;
			const PlanSubnet *nat_subnet;
			const PlanSubnet *public;
			g_autofree char *fix = NULL;

			if (subnet->tier != PLAN_TIER_PRIVATE || subnet->nat_index < 0 ||
			    (guint)subnet->nat_index >= vpc->nat_gateways->len ||
			    subnet->az == NULL)
				continue;
			nat = g_ptr_array_index(vpc->nat_gateways, subnet->nat_index);
			nat_subnet = vpc_subnet(vpc, nat->subnet_index);
			if (nat_subnet == NULL || nat_subnet->az == NULL ||
			    g_strcmp0(nat_subnet->az, subnet->az) == 0)
				continue;
			local = find_nat_in_az(vpc, subnet->az);
			public = find_subnet_in_az(vpc, PLAN_TIER_PUBLIC, subnet->az);
			if (local != NULL)
				fix = g_strdup_printf("route it to nat gateway '%s' in %s instead",
						      label(local->name), subnet->az);
			else if (public != NULL)
				fix =
				    g_strdup_printf("add a nat gateway in public subnet '%s' (%s) "
						    "and route to it",
						    label(public->name), subnet->az);
			else
				fix = g_strdup_printf("add a public subnet and a nat gateway in %s "
						      "and route to it",
						      subnet->az);
			add_related(rules_report(
					diagnostics, PLAN_SEVERITY_WARNING, "nat-cross-az",
					&subnet->origin, ".nat_gateway",
					"subnet '%s' (%s) routes to nat gateway '%s' in %s: an "
					"outage there cuts its internet access, and the traffic "
					"pays cross-AZ charges; %s",
					label(subnet->name), subnet->az, label(nat->name),
					nat_subnet->az, fix),
				    nat->origin.path);
		}
	}
}

/* ---- rules: egress for image pulls and the other runtime needs ---- */

/* TRUE when @endpoint is the endpoint of @service ("ecr.dkr"); a full name such as
 * "com.amazonaws.us-east-2.ecr.dkr" names the same endpoint */
static gboolean
endpoint_is(const PlanEndpoint *endpoint, const char *service)
{
	gsize length;
	gsize suffix;

	if (endpoint->service == NULL)
		return FALSE;
	if (g_strcmp0(endpoint->service, service) == 0)
		return TRUE;
	length = strlen(endpoint->service);
	suffix = strlen(service);
	return length > suffix && endpoint->service[length - suffix - 1] == '.' &&
	       strcmp(endpoint->service + length - suffix, service) == 0;
}

/* TRUE when @vpc serves @service to @subnet_index through an endpoint. an interface endpoint
 * answers for the whole VPC once private DNS resolves to it, so one anywhere counts; a gateway
 * endpoint serves the route tables it is attached to, so it counts for the subnets it lists, or
 * for all when it lists none */
static gboolean
vpc_serves(const PlanVpc *vpc, const char *service, gint subnet_index)
{
	for (guint i = 0; i < vpc->endpoints->len; i++) {
		const PlanEndpoint *endpoint = g_ptr_array_index(vpc->endpoints, i);
		if (!endpoint_is(endpoint, service))
			continue;
		if (endpoint->type == PLAN_ENDPOINT_INTERFACE || endpoint->subnets->len == 0)
			return TRUE;
		for (guint k = 0; k < endpoint->subnet_indices->len; k++) {
			if (index_at(endpoint->subnet_indices, k) == subnet_index)
				return TRUE;
		}
	}
	return FALSE;
}

/* what a task (or a container instance) reaches when it starts, as endpoint names in the order
 * messages list them; s3 is a gateway endpoint, the rest interface endpoints */
typedef struct {
	gboolean agent;    /* an EC2 container instance: ecs, ecs-agent, ecs-telemetry [S40] */
	gboolean ecr;      /* an ECR pull: ecr.api, ecr.dkr, s3 [S37] */
	gboolean other;    /* a pull from a registry outside AWS: no endpoint serves it */
	gboolean logs;     /* awslogs: logs [S37] */
	GPtrArray *extra;  /* char* (borrowed): secrets sources, "secretsmanager", "ssm" [S37] */
} RuntimeNeeds;

static void
needs_add_service(RuntimeNeeds *needs, const PlanService *service)
{
	needs->ecr = needs->ecr || service->image_registry == PLAN_REGISTRY_ECR;
	needs->other = needs->other || service->image_registry == PLAN_REGISTRY_OTHER;
	needs->logs = needs->logs || service->log_driver == PLAN_LOG_AWSLOGS;
	for (guint i = 0; i < service->secrets->len; i++) {
		const char *name = g_ptr_array_index(service->secrets, i);
		if (!g_ptr_array_find_with_equal_func(needs->extra, name, g_str_equal, NULL))
			g_ptr_array_add(needs->extra, (gpointer)name);
	}
}

/* the endpoints @needs lacks in @subnet_index, as "ecr.api (interface), s3 (gateway)"; NULL
 * when none. *@image_missing says whether one of them is for the image pull */
static char *
missing_endpoints(const PlanVpc *vpc, const RuntimeNeeds *needs, gint subnet_index,
		  gboolean *image_missing)
{
	static const char *const agent[] = {"ecs", "ecs-agent", "ecs-telemetry"};
	static const char *const ecr[] = {"ecr.api", "ecr.dkr"};
	GString *missing = g_string_new(NULL);

	*image_missing = FALSE;
	for (guint i = 0; needs->agent && i < G_N_ELEMENTS(agent); i++) {
		if (!vpc_serves(vpc, agent[i], subnet_index))
			g_string_append_printf(missing, "%s%s (interface)",
					       missing->len > 0 ? ", " : "", agent[i]);
	}
	for (guint i = 0; needs->ecr && i < G_N_ELEMENTS(ecr); i++) {
		if (vpc_serves(vpc, ecr[i], subnet_index))
			continue;
		g_string_append_printf(missing, "%s%s (interface)", missing->len > 0 ? ", " : "",
				       ecr[i]);
		*image_missing = TRUE;
	}
	if (needs->ecr && !vpc_serves(vpc, "s3", subnet_index)) {
		g_string_append_printf(missing, "%ss3 (gateway)", missing->len > 0 ? ", " : "");
		*image_missing = TRUE;
	}
	if (needs->logs && !vpc_serves(vpc, "logs", subnet_index))
		g_string_append_printf(missing, "%slogs (interface)", missing->len > 0 ? ", " : "");
	for (guint i = 0; i < needs->extra->len; i++) {
		const char *name = g_ptr_array_index(needs->extra, i);
		if (!vpc_serves(vpc, name, subnet_index))
			g_string_append_printf(missing, "%s%s (interface)",
					       missing->len > 0 ? ", " : "", name);
	}
	if (missing->len == 0) {
		g_string_free(missing, TRUE);
		return NULL;
	}
	return g_string_free(missing, FALSE);
}

/* why a task or instance in @subnet has no route to the internet, or NULL when it has one.
 * @public_ip: whether it gets a public address (assign_public_ip, a cluster's public_ip).
 * a NAT gateway is a way out only when it is public, sits in a public subnet and the VPC has an
 * internet gateway; nat-not-public reports the NAT itself, this says what it breaks */
static char *
no_internet_reason(const PlanVpc *vpc, const PlanSubnet *subnet, gboolean public_ip,
		   const char *public_ip_field)
{
	const PlanNatGateway *nat;
	const PlanSubnet *nat_subnet;

	switch (subnet->tier) {
	case PLAN_TIER_PUBLIC:
		if (!vpc->internet_gateway)
			return g_strdup("the subnet is public but the vpc has no internet gateway");
		if (!public_ip)
			return g_strdup_printf("the subnet is public but %s is false, so "
					       "%s get no public address",
					       public_ip_field,
					       g_str_equal(public_ip_field, "public_ip")
						   ? "instances"
						   : "tasks");
		return NULL;
	case PLAN_TIER_PRIVATE:
		if (subnet->nat_gateway == NULL)
			return g_strdup_printf("the subnet is private and has no nat gateway%s%s%s",
					       public_ip ? " (" : "",
					       public_ip ? public_ip_field : "",
					       public_ip ? " gives no route from a private subnet)"
							 : "");
		if (subnet->nat_index < 0 || (guint)subnet->nat_index >= vpc->nat_gateways->len)
			return g_strdup_printf("the subnet's nat gateway '%s' does not exist",
					       subnet->nat_gateway);
		nat = g_ptr_array_index(vpc->nat_gateways, subnet->nat_index);
		nat_subnet = vpc_subnet(vpc, nat->subnet_index);
		if (nat->connectivity != PLAN_NAT_PUBLIC)
			return g_strdup_printf("nat gateway '%s' is private and has no internet "
					       "route",
					       label(nat->name));
		if (!vpc->internet_gateway || nat_subnet == NULL ||
		    nat_subnet->tier != PLAN_TIER_PUBLIC)
			return g_strdup_printf("nat gateway '%s' has no internet route (see "
					       "nat-not-public)",
					       label(nat->name));
		return NULL;
	case PLAN_TIER_ISOLATED:
	default:
		return g_strdup("the subnet is isolated");
	}
}

static const char *
egress_fix(PlanTier tier, const char *public_ip_field)
{
	switch (tier) {
	case PLAN_TIER_PUBLIC:
		return g_str_equal(public_ip_field, "public_ip")
			   ? "set public_ip to true (with an internet gateway), or add those "
			     "endpoints"
			   : "set assign_public_ip to true (with an internet gateway), or add "
			     "those endpoints";
	case PLAN_TIER_PRIVATE:
		return "set nat_gateway on the subnet to a public nat gateway, or add those "
		       "endpoints";
	case PLAN_TIER_ISOLATED:
	default:
		return "add those endpoints, or use a private subnet with a nat gateway";
	}
}

/* one subnet of a service or cluster without an internet route: what it cannot do */
static void
report_egress(GPtrArray *diagnostics, const PlanVpc *vpc, const PlanSubnet *subnet,
	      gint subnet_index, const RuntimeNeeds *needs, const PlanOrigin *origin,
	      const char *suffix, const char *who, const char *reason, const char *public_ip_field)
{
	g_autofree char *missing = NULL;
	gboolean image_missing = FALSE;

	if (needs->other) {
		add_related(rules_report(
				diagnostics, PLAN_SEVERITY_ERROR, "egress-missing", origin, suffix,
				"%s cannot pull images in subnet '%s': %s, and its image_registry "
				"is outside AWS, which no endpoint reaches; %s",
				who, label(subnet->name), reason,
				subnet->tier == PLAN_TIER_PRIVATE
				    ? "set nat_gateway on the subnet to a public nat gateway, or "
				      "copy the images to ECR"
				: subnet->tier == PLAN_TIER_PUBLIC
				    ? (g_str_equal(public_ip_field, "public_ip")
					   ? "set public_ip to true (with an internet gateway), or "
					     "copy the images to ECR"
					   : "set assign_public_ip to true (with an internet gateway), "
					     "or copy the images to ECR")
				    : "use a private subnet with a nat gateway, or copy the images "
				      "to ECR"),
			    subnet->origin.path);
		return;
	}
	missing = missing_endpoints(vpc, needs, subnet_index, &image_missing);
	if (missing == NULL)
		return;
	add_related(rules_report(
			diagnostics, PLAN_SEVERITY_ERROR, "egress-missing", origin, suffix,
			"%s cannot %s in subnet '%s': %s, and vpc '%s' lacks the endpoints %s; %s",
			who,
			needs->agent	? "register with ECS"
			: image_missing ? "pull images"
					: "start its tasks",
			label(subnet->name), reason, label(vpc->name), missing,
			egress_fix(subnet->tier, public_ip_field)),
		    subnet->origin.path);
}

/* Fargate tasks pull images, send logs and fetch secrets through their own ENI [S37]; an EC2
 * container instance registers with ECS and pulls for its tasks through its own [S40] */
void
rules_check_egress_missing(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		const PlanVpc *vpc = model_vpc(model, service->vpc_index);
		g_autoptr(GPtrArray) extra = NULL;
		g_autofree char *who = NULL;
		RuntimeNeeds needs = {0};

		if (vpc == NULL || service->launch_type != PLAN_LAUNCH_FARGATE)
			continue;
		for (guint k = 0; k < service->subnet_indices->len; k++) {
			gint s = index_at(service->subnet_indices, k);
			const PlanSubnet *subnet = vpc_subnet(vpc, s);
			g_autofree char *reason = NULL;
			g_autofree char *suffix = NULL;

			if (subnet == NULL)
				continue;
			reason = no_internet_reason(vpc, subnet, service->assign_public_ip,
						    "assign_public_ip");
			if (reason == NULL)
				continue;
			/* what the service needs, and its name: only for a service with a finding
			 * (a printf per service was 10 M instructions at 10,000 services) */
			if (who == NULL) {
				extra = g_ptr_array_new();
				needs.extra = extra;
				needs_add_service(&needs, service);
				who = g_strdup_printf("service '%s'", label(service->name));
			}
			suffix = g_strdup_printf(".subnets[%u]", k);
			report_egress(diagnostics, vpc, subnet, s, &needs, &service->origin, suffix,
				      who, reason, "assign_public_ip");
		}
	}

	for (guint c = 0; c < model->clusters->len; c++) {
		const PlanCluster *cluster = g_ptr_array_index(model->clusters, c);
		const PlanVpc *vpc = model_vpc(model, cluster->vpc_index);
		g_autoptr(GPtrArray) extra = NULL;
		g_autofree char *who = NULL;
		RuntimeNeeds needs = {.agent = TRUE, .ecr = TRUE};

		if (vpc == NULL)
			continue;
		extra = g_ptr_array_new();
		needs.extra = extra;
		for (guint i = 0; i < model->services->len; i++) {
			const PlanService *service = g_ptr_array_index(model->services, i);
			if (service->launch_type == PLAN_LAUNCH_EC2 &&
			    service->cluster_index == (gint)c)
				needs_add_service(&needs, service);
		}
		/* the agent's own image and the ECS-optimized AMI's pulls come from ECR; a task
		 * image from elsewhere is reported as such */
		who = g_strdup_printf("cluster '%s'", label(cluster->name));
		for (guint k = 0; k < cluster->subnet_indices->len; k++) {
			gint s = index_at(cluster->subnet_indices, k);
			const PlanSubnet *subnet = vpc_subnet(vpc, s);
			g_autofree char *reason = NULL;
			g_autofree char *suffix = NULL;

			if (subnet == NULL)
				continue;
			reason = no_internet_reason(vpc, subnet, cluster->public_ip, "public_ip");
			if (reason == NULL)
				continue;
			suffix = g_strdup_printf(".subnets[%u]", k);
			report_egress(diagnostics, vpc, subnet, s, &needs, &cluster->origin, suffix,
				      who, reason, "public_ip");
		}
	}
}

/* ---- rules: address capacity ---- */

/* "use a /N (U usable) or larger, e.g. the free block B" for a subnet that must hold @needed */
static char *
capacity_fix(const PlanRuleContext *context, guint vpc_index, gint64 needed)
{
	guint length = plan_prefix_length_for_usable((guint64)MAX(needed, 0));
	g_autofree char *hint = NULL;
	PlanPrefix sized;

	if (length == 0 || length < PLAN_IPV4_SHORTEST_LENGTH)
		return g_strdup("no single subnet holds that many (a /16 has 65531 usable): spread "
				"the services over more subnets");
	sized = ipv4_block(0, length);
	hint = rules_free_block_hint(context, vpc_index, FALSE, length, "the free block");
	return g_strdup_printf("use a /%u (%" G_GUINT64_FORMAT " usable) or larger%s", length,
			       plan_prefix_usable(&sized), hint);
}

static void
check_ip_capacity(const PlanRuleContext *context, GPtrArray *diagnostics, gboolean exhaustion)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < context->uses->len; i++) {
		const PlanSubnetUse *use = &g_array_index(context->uses, PlanSubnetUse, i);
		const PlanVpc *vpc;
		const PlanSubnet *subnet;
		PlanCidrField field;
		char block[PLAN_PREFIX_TEXT_SIZE];
		g_autofree char *fix = NULL;
		gboolean exhausted = use->peak > use->usable;
		/* integers: peak / usable > 80% without rounding */
		gboolean crowded = multiply_capped(use->peak, 100) >
				   multiply_capped(use->usable, PLAN_IP_HEADROOM_PERCENT);

		if (use->total == 0 || use->peak == 0 ||
		    (exhaustion ? !exhausted : !crowded || exhausted))
			continue;
		vpc = model_vpc(model, (gint)use->vpc_index);
		subnet = vpc_subnet(vpc, (gint)use->subnet_index);
		field = rules_subnet_field(subnet, FALSE);
		plan_prefix_format(&subnet->cidr.prefix, block, sizeof block);
		if (exhaustion) {
			fix = capacity_fix(context, use->vpc_index, use->peak);
			rules_report_field(
			    diagnostics, PLAN_SEVERITY_ERROR, "ip-exhaustion", &field,
			    "subnet '%s' (%s) needs %" G_GINT64_FORMAT
			    " addresses at peak but has %" G_GINT64_FORMAT " usable [%s]; %s",
			    field.name, block, use->peak, use->usable, use->arithmetic, fix);
		} else {
			/* the smallest block that keeps the peak at or below 80% */
			gint64 needed =
			    ceil_div(multiply_capped(use->peak, 100), PLAN_IP_HEADROOM_PERCENT);
			gint64 percent = (use->peak * 100 + use->usable / 2) / use->usable;
			fix = capacity_fix(context, use->vpc_index, needed);
			rules_report_field(
			    diagnostics, PLAN_SEVERITY_WARNING, "ip-headroom", &field,
			    "subnet '%s' (%s) uses %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
			    " usable addresses at peak (%" G_GINT64_FORMAT
			    "%%, more than %d%%) [%s]; %s",
			    field.name, block, use->peak, use->usable, percent,
			    PLAN_IP_HEADROOM_PERCENT, use->arithmetic, fix);
		}
	}
}

void
rules_check_ip_exhaustion(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	check_ip_capacity(context, diagnostics, TRUE);
}

void
rules_check_ip_headroom(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	check_ip_capacity(context, diagnostics, FALSE);
}

/* ---- rules: services ---- */

void
rules_check_service_single_az(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	GArray *subnets = context->azs->scratch;
	g_autoptr(GArray) azs = g_array_new(FALSE, FALSE, sizeof(guint));

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		const PlanVpc *vpc = model_vpc(model, service->vpc_index);
		g_autofree char *fix = NULL;
		const char *az;

		if (vpc == NULL || !all_resolved(service->subnet_indices))
			continue;
		rules_distinct_indices_fill(service->subnet_indices, subnets);
		rules_distinct_azs(context, (guint)service->vpc_index, subnets, azs);
		if (azs->len != 1)
			continue;
		az = rules_az_name(context, g_array_index(azs, guint, 0));
		fix = second_az_fix(context, vpc, vpc_subnet(vpc, index_at(subnets, 0))->tier, az);
		rules_report(
		    diagnostics, PLAN_SEVERITY_WARNING, "service-single-az", &service->origin,
		    ".subnets", "service '%s' runs only in %s, so an outage there stops it; %s",
		    label(service->name), az, fix);
	}
}
