/* unit tests for planner/network.c: every rule fires where it must and stays quiet where it must
 * not, on models built in C. the expected figures are worked by hand in the comments. */
#include <string.h>

#include "network.h"
#include "test-util.h"

#define NAMES(...) ((const char *const[]){__VA_ARGS__, NULL})

/* ---- building models ---- */

static void
cidr_set(PlanCidr *cidr, const char *text, PlanFamily family, const char *path)
{
	PlanPrefixParseFlags flags = PLAN_PREFIX_PARSE_NONE;
	g_autoptr(GError) error = NULL;

	plan_cidr_clear(cidr);
	if (text == NULL)
		return;
	cidr->text = g_strdup(text);
	cidr->path = g_strdup(path);
	if (g_strcmp0(text, "auto") == 0) {
		cidr->state = PLAN_CIDR_AUTO;
		return;
	}
	if (!plan_prefix_parse(text, family, &cidr->prefix, &flags, &error)) {
		cidr->state = PLAN_CIDR_INVALID;
		cidr->error = g_strdup(error->message);
		return;
	}
	cidr->state = (flags & PLAN_PREFIX_PARSE_HOST_BITS) ? PLAN_CIDR_HOST_BITS : PLAN_CIDR_OK;
}

static void
names_set(GPtrArray *list, const char *const *names)
{
	g_ptr_array_set_size(list, 0);
	for (guint i = 0; names != NULL && names[i] != NULL; i++)
		g_ptr_array_add(list, g_strdup(names[i]));
}

static PlanModel *
model_new(const char *region)
{
	PlanModel *model = plan_model_new();
	model->file = g_strdup("test.json");
	model->region = g_strdup(region);
	return model;
}

static PlanVpc *
model_find_vpc(PlanModel *model, const char *name)
{
	for (guint i = 0; i < model->vpcs->len; i++) {
		PlanVpc *vpc = g_ptr_array_index(model->vpcs, i);
		if (g_strcmp0(vpc->name, name) == 0)
			return vpc;
	}
	g_assert_not_reached();
}

static PlanVpc *
add_vpc(PlanModel *model, const char *name, const char *cidr)
{
	PlanVpc *vpc = plan_vpc_new();
	g_autofree char *path = NULL;

	vpc->name = g_strdup(name);
	vpc->origin.path = g_strdup_printf("vpcs[%u]", model->vpcs->len);
	vpc->internet_gateway = TRUE;
	path = g_strdup_printf("%s.cidr", vpc->origin.path);
	cidr_set(&vpc->cidr, cidr, PLAN_FAMILY_IPV4, path);
	g_ptr_array_add(model->vpcs, vpc);
	return vpc;
}

static void
add_secondary(PlanVpc *vpc, const char *text)
{
	PlanCidr cidr = {0};
	g_autofree char *path =
	    g_strdup_printf("%s.secondary_cidrs[%u]", vpc->origin.path, vpc->secondary_cidrs->len);
	cidr_set(&cidr, text, PLAN_FAMILY_IPV4, path);
	g_array_append_val(vpc->secondary_cidrs, cidr);
}

static void
set_vpc_ipv6(PlanVpc *vpc, const char *text)
{
	g_autofree char *path = g_strdup_printf("%s.ipv6_cidr", vpc->origin.path);
	cidr_set(&vpc->ipv6_cidr, text, PLAN_FAMILY_IPV6, path);
}

static PlanSubnet *
add_subnet(PlanVpc *vpc, const char *name, const char *cidr, const char *az, PlanTier tier)
{
	PlanSubnet *subnet = plan_subnet_new();
	g_autofree char *path = NULL;

	subnet->name = g_strdup(name);
	subnet->origin.path =
	    g_strdup_printf("%s.subnets[%u]", vpc->origin.path, vpc->subnets->len);
	subnet->az = g_strdup(az);
	subnet->tier = tier;
	path = g_strdup_printf("%s.cidr", subnet->origin.path);
	cidr_set(&subnet->cidr, cidr, PLAN_FAMILY_IPV4, path);
	g_ptr_array_add(vpc->subnets, subnet);
	return subnet;
}

static PlanSubnet *
find_subnet(PlanModel *model, const char *name)
{
	for (guint v = 0; v < model->vpcs->len; v++) {
		PlanVpc *vpc = g_ptr_array_index(model->vpcs, v);
		for (guint s = 0; s < vpc->subnets->len; s++) {
			PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, s);
			if (g_strcmp0(subnet->name, name) == 0)
				return subnet;
		}
	}
	g_assert_not_reached();
}

static void
set_subnet_cidr(PlanModel *model, const char *name, const char *text)
{
	PlanSubnet *subnet = find_subnet(model, name);
	g_autofree char *path = g_strdup_printf("%s.cidr", subnet->origin.path);
	cidr_set(&subnet->cidr, text, PLAN_FAMILY_IPV4, path);
}

static void
set_subnet_ipv6(PlanModel *model, const char *name, const char *text)
{
	PlanSubnet *subnet = find_subnet(model, name);
	g_autofree char *path = g_strdup_printf("%s.ipv6_cidr", subnet->origin.path);
	cidr_set(&subnet->ipv6_cidr, text, PLAN_FAMILY_IPV6, path);
}

static void
set_subnet_nat(PlanModel *model, const char *name, const char *nat)
{
	PlanSubnet *subnet = find_subnet(model, name);
	g_free(subnet->nat_gateway);
	subnet->nat_gateway = g_strdup(nat);
}

static PlanNatGateway *
add_nat(PlanVpc *vpc, const char *name, const char *subnet)
{
	PlanNatGateway *nat = plan_nat_gateway_new();
	nat->name = g_strdup(name);
	nat->subnet = g_strdup(subnet);
	nat->origin.path =
	    g_strdup_printf("%s.nat_gateways[%u]", vpc->origin.path, vpc->nat_gateways->len);
	g_ptr_array_add(vpc->nat_gateways, nat);
	return nat;
}

static PlanEndpoint *
add_endpoint(PlanVpc *vpc, const char *service, PlanEndpointType type, const char *const *subnets)
{
	PlanEndpoint *endpoint = plan_endpoint_new();
	endpoint->service = g_strdup(service);
	endpoint->type = type;
	endpoint->origin.path =
	    g_strdup_printf("%s.endpoints[%u]", vpc->origin.path, vpc->endpoints->len);
	names_set(endpoint->subnets, subnets);
	g_ptr_array_add(vpc->endpoints, endpoint);
	return endpoint;
}

static PlanLoadBalancer *
add_lb(PlanVpc *vpc, const char *name, PlanLbType type, PlanLbScheme scheme,
       const char *const *subnets)
{
	PlanLoadBalancer *lb = plan_load_balancer_new();
	lb->name = g_strdup(name);
	lb->type = type;
	lb->scheme = scheme;
	lb->origin.path =
	    g_strdup_printf("%s.load_balancers[%u]", vpc->origin.path, vpc->load_balancers->len);
	names_set(lb->subnets, subnets);
	g_ptr_array_add(vpc->load_balancers, lb);
	return lb;
}

static PlanService *
add_service(PlanModel *model, const char *name, const char *vpc, gint64 desired,
	    const char *const *subnets)
{
	PlanService *service = plan_service_new();
	service->name = g_strdup(name);
	service->vpc = g_strdup(vpc);
	service->desired_count = desired;
	/* the smallest Fargate size, so fargate-task-size stays quiet (tests/test-compute.c) */
	service->cpu = 256;
	service->memory = 512;
	service->origin.path = g_strdup_printf("services[%u]", model->services->len);
	names_set(service->subnets, subnets);
	g_ptr_array_add(model->services, service);
	return service;
}

static PlanService *
find_service(PlanModel *model, const char *name)
{
	for (guint i = 0; i < model->services->len; i++) {
		PlanService *service = g_ptr_array_index(model->services, i);
		if (g_strcmp0(service->name, name) == 0)
			return service;
	}
	g_assert_not_reached();
}

static PlanLoadBalancer *
find_lb(PlanModel *model, const char *name)
{
	PlanVpc *vpc = model_find_vpc(model, "main");
	for (guint i = 0; i < vpc->load_balancers->len; i++) {
		PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
		if (g_strcmp0(lb->name, name) == 0)
			return lb;
	}
	g_assert_not_reached();
}

static void
add_peering(PlanModel *model, const char *a, const char *b)
{
	PlanPeering *peering = plan_peering_new();
	peering->vpc_a = g_strdup(a);
	peering->vpc_b = g_strdup(b);
	peering->origin.path = g_strdup_printf("peerings[%u]", model->peerings->len);
	g_ptr_array_add(model->peerings, peering);
}

/* a healthy two-AZ environment in us-east-2: validates with no findings at all.
 *   public-a  10.2.0.0/24  a   nat-a, alb 'api'      private-a 10.2.10.0/24 a -> nat-a
 *   public-b  10.2.1.0/24  b   nat-b, alb 'api'      private-b 10.2.11.0/24 b -> nat-b
 *   db-a      10.2.20.0/24 a                         db-b      10.2.21.0/24 b
 * service 'api': Fargate, 3 tasks over private-a and private-b behind the ALB */
static PlanModel *
base_model(void)
{
	PlanModel *model = model_new("us-east-2");
	PlanVpc *vpc = add_vpc(model, "main", "10.2.0.0/16");
	PlanService *api;

	add_subnet(vpc, "public-a", "10.2.0.0/24", "us-east-2a", PLAN_TIER_PUBLIC);
	add_subnet(vpc, "public-b", "10.2.1.0/24", "us-east-2b", PLAN_TIER_PUBLIC);
	add_subnet(vpc, "private-a", "10.2.10.0/24", "us-east-2a", PLAN_TIER_PRIVATE);
	add_subnet(vpc, "private-b", "10.2.11.0/24", "us-east-2b", PLAN_TIER_PRIVATE);
	add_subnet(vpc, "db-a", "10.2.20.0/24", "us-east-2a", PLAN_TIER_ISOLATED);
	add_subnet(vpc, "db-b", "10.2.21.0/24", "us-east-2b", PLAN_TIER_ISOLATED);
	set_subnet_nat(model, "private-a", "nat-a");
	set_subnet_nat(model, "private-b", "nat-b");
	add_nat(vpc, "nat-a", "public-a");
	add_nat(vpc, "nat-b", "public-b");
	add_lb(vpc, "api", PLAN_LB_APPLICATION, PLAN_LB_INTERNET_FACING,
	       NAMES("public-a", "public-b"));
	api = add_service(model, "api", "main", 3, NAMES("private-a", "private-b"));
	api->load_balancer = g_strdup("api");
	return model;
}

/* ---- looking at results ---- */

static void
dump(const PlanValidation *validation)
{
	for (guint i = 0; i < validation->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(validation->diagnostics, i);
		g_test_message("%s[%s] %s: %s", plan_severity_to_string(diagnostic->severity),
			       diagnostic->code, diagnostic->path, diagnostic->message);
	}
}

static guint
count_code(const PlanValidation *validation, const char *code)
{
	guint count = 0;
	for (guint i = 0; i < validation->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(validation->diagnostics, i);
		if (g_strcmp0(diagnostic->code, code) == 0)
			count++;
	}
	return count;
}

static const PlanDiagnostic *
find_code(const PlanValidation *validation, const char *code)
{
	for (guint i = 0; i < validation->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(validation->diagnostics, i);
		if (g_strcmp0(diagnostic->code, code) == 0)
			return diagnostic;
	}
	return NULL;
}

static const PlanSubnetUse *
find_use(const PlanModel *model, const PlanValidation *validation, const char *name)
{
	for (guint i = 0; i < validation->subnets->len; i++) {
		const PlanSubnetUse *use = &g_array_index(validation->subnets, PlanSubnetUse, i);
		const PlanVpc *vpc = g_ptr_array_index(model->vpcs, use->vpc_index);
		const PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, use->subnet_index);
		if (g_strcmp0(subnet->name, name) == 0)
			return use;
	}
	g_assert_not_reached();
}

/* ---- the rule cases: base model, one change, what must (not) fire ---- */

typedef struct {
	const char *name;		  /* test path: /planner/network/<code>/<name> */
	void (*mutate)(PlanModel *model); /* applied to base_model() */
	const char *code;
	guint count;	       /* findings with @code */
	PlanSeverity severity; /* of the first one, when count > 0 */
	gint total;	       /* all findings, -1 to leave open */
	const char *path;      /* of the first one, or NULL */
	const char *related;   /* first related path of the first one, or NULL */
	const char *message;   /* exact text of the first one (g_pattern_match_simple), or NULL */
} RuleCase;

static void
run_rule_case(gconstpointer data)
{
	const RuleCase *rule_case = data;
	g_autoptr(PlanModel) model = base_model();
	g_autoptr(PlanValidation) validation = NULL;
	const PlanDiagnostic *first;

	if (rule_case->mutate != NULL)
		rule_case->mutate(model);
	validation = test_validate(model);
	dump(validation);
	g_assert_cmpuint(count_code(validation, rule_case->code), ==, rule_case->count);
	/* the total leaves out the nat-idle and lb-idle notes: many mutations strand a NAT gateway
	 * or a load balancer as a side effect, and test-rules.c checks those notes */
	if (rule_case->total >= 0)
		g_assert_cmpuint(validation->diagnostics->len - count_code(validation, "nat-idle") -
				     count_code(validation, "lb-idle"),
				 ==, (guint)rule_case->total);
	if (rule_case->count == 0)
		return;
	first = find_code(validation, rule_case->code);
	g_assert_cmpint(first->severity, ==, rule_case->severity);
	if (rule_case->path != NULL)
		g_assert_cmpstr(first->path, ==, rule_case->path);
	if (rule_case->related != NULL) {
		g_assert_nonnull(first->related);
		g_assert_cmpstr(g_ptr_array_index(first->related, 0), ==, rule_case->related);
	}
	if (rule_case->message != NULL &&
	    !g_pattern_match_simple(rule_case->message, first->message))
		g_assert_cmpstr(first->message, ==, rule_case->message);
}

/* cidr-invalid */
static void
vpc_cidr_garbage(PlanModel *model)
{
	cidr_set(&model_find_vpc(model, "main")->cidr, "10.2.0.300/16", PLAN_FAMILY_IPV4,
		 "vpcs[0].cidr");
}
static void
subnet_cidr_garbage(PlanModel *model)
{
	set_subnet_cidr(model, "db-a", "10.2.20.0/33");
}
static void
secondary_garbage(PlanModel *model)
{
	add_secondary(model_find_vpc(model, "main"), "banana");
}
static void
subnet_ipv6_garbage(PlanModel *model)
{
	set_vpc_ipv6(model_find_vpc(model, "main"), "2600:1f16:1234:5600::/56");
	set_subnet_ipv6(model, "db-a", "2600:1f16:1234:56zz::/64");
}

/* cidr-host-bits */
static void
subnet_host_bits(PlanModel *model)
{
	set_subnet_cidr(model, "private-a", "10.2.10.1/24");
}
static void
vpc_host_bits(PlanModel *model)
{
	cidr_set(&model_find_vpc(model, "main")->cidr, "10.2.3.4/16", PLAN_FAMILY_IPV4,
		 "vpcs[0].cidr");
}

/* vpc-cidr-size */
static void
vpc_slash_8(PlanModel *model)
{
	cidr_set(&model_find_vpc(model, "main")->cidr, "10.0.0.0/8", PLAN_FAMILY_IPV4,
		 "vpcs[0].cidr");
}
static void
secondary_slash_29(PlanModel *model)
{
	add_secondary(model_find_vpc(model, "main"), "100.64.0.0/29");
}
static void
secondary_slash_28(PlanModel *model)
{
	add_secondary(model_find_vpc(model, "main"), "100.64.0.0/28");
}
static void
vpc_ipv6_slash_48(PlanModel *model)
{
	set_vpc_ipv6(model_find_vpc(model, "main"), "2600:1f16:1234::/48");
}
static void
vpc_ipv6_slash_56(PlanModel *model)
{
	set_vpc_ipv6(model_find_vpc(model, "main"), "2600:1f16:1234:5600::/56");
}

/* vpc-cidr-range: a second VPC without subnets, so only its blocks matter */
static PlanVpc *
add_edge(PlanModel *model, const char *primary, const char *secondary)
{
	PlanVpc *vpc = add_vpc(model, "edge", primary);
	if (secondary != NULL)
		add_secondary(vpc, secondary);
	return vpc;
}
static void
edge_public(PlanModel *model)
{
	add_edge(model, "8.8.0.0/16", NULL);
}
static void
edge_shared(PlanModel *model)
{
	add_edge(model, "100.64.0.0/16", NULL);
}
static void
edge_198_19(PlanModel *model)
{
	add_edge(model, "198.19.0.0/16", NULL);
}
static void
main_plus_172_16(PlanModel *model)
{
	add_secondary(model_find_vpc(model, "main"), "172.16.0.0/16");
}
static void
main_plus_shared(PlanModel *model)
{
	add_secondary(model_find_vpc(model, "main"), "100.64.0.0/20");
}
static void
main_plus_192_168(PlanModel *model)
{
	add_secondary(model_find_vpc(model, "main"), "192.168.0.0/16");
}
static void
main_plus_198_19(PlanModel *model)
{
	add_secondary(model_find_vpc(model, "main"), "198.19.0.0/16");
}
static void
main_plus_172_17(PlanModel *model)
{
	add_secondary(model_find_vpc(model, "main"), "172.17.0.0/16");
}
static void
edge_10_0_plus_10_1(PlanModel *model)
{
	add_edge(model, "10.0.0.0/16", "10.1.0.0/16");
}
static void
edge_10_1_plus_10_0(PlanModel *model)
{
	add_edge(model, "10.1.0.0/16", "10.0.0.0/16");
}
static void
edge_10_0_5_plus_10_0_128(PlanModel *model)
{
	add_edge(model, "10.0.5.0/24", "10.0.128.0/24");
}
static void
edge_10_4_plus_10_0(PlanModel *model)
{
	add_edge(model, "10.4.0.0/16", "10.0.0.0/16");
}
static void
edge_172_plus_172_31(PlanModel *model)
{
	add_edge(model, "172.20.0.0/16", "172.31.0.0/16");
}
static void
edge_172_plus_172_21(PlanModel *model)
{
	add_edge(model, "172.20.0.0/16", "172.21.0.0/16");
}
static void
edge_172_plus_10(PlanModel *model)
{
	add_edge(model, "172.20.0.0/16", "10.9.0.0/16");
}
static void
edge_192_plus_10(PlanModel *model)
{
	add_edge(model, "192.168.0.0/16", "10.9.0.0/16");
}
static void
edge_192_plus_public(PlanModel *model)
{
	add_edge(model, "192.168.0.0/16", "100.64.0.0/16");
}
static void
edge_shared_plus_10(PlanModel *model)
{
	add_edge(model, "100.64.0.0/16", "10.9.0.0/16");
}
static void
edge_198_19_plus_192_168(PlanModel *model)
{
	add_edge(model, "198.19.0.0/16", "192.168.0.0/16");
}
static void
edge_172_17(PlanModel *model)
{
	add_edge(model, "172.17.0.0/16", NULL);
}

/* vpc-cidr-overlap */
static void
main_plus_own_half(PlanModel *model)
{
	add_secondary(model_find_vpc(model, "main"), "10.2.128.0/17");
}

/* vpc-overlap */
static void
edge_overlaps(PlanModel *model)
{
	add_edge(model, "10.2.128.0/17", NULL);
}
static void
edge_overlaps_peered(PlanModel *model)
{
	add_edge(model, "10.2.128.0/17", NULL);
	add_peering(model, "edge", "main");
}
static void
edge_apart_peered(PlanModel *model)
{
	add_edge(model, "10.3.0.0/16", NULL);
	add_peering(model, "main", "edge");
}
static void
edge_overlaps_peering_unknown(PlanModel *model)
{
	add_edge(model, "10.2.128.0/17", NULL);
	add_peering(model, "main", "shared-services");
}
static void
edge_ipv6_overlaps(PlanModel *model)
{
	set_vpc_ipv6(model_find_vpc(model, "main"), "2600:1f16:1234:5600::/56");
	set_vpc_ipv6(add_edge(model, "10.3.0.0/16", NULL), "2600:1f16:1234:5600::/56");
}

/* subnet-size */
static void
db_a_slash_29(PlanModel *model)
{
	set_subnet_cidr(model, "db-a", "10.2.20.0/29");
}
static void
db_a_slash_28(PlanModel *model)
{
	set_subnet_cidr(model, "db-a", "10.2.20.0/28");
}
static void
db_a_ipv6_slash_60(PlanModel *model)
{
	set_vpc_ipv6(model_find_vpc(model, "main"), "2600:1f16:1234:5600::/56");
	set_subnet_ipv6(model, "db-a", "2600:1f16:1234:5600::/60");
}
static void
db_a_ipv6_slash_64(PlanModel *model)
{
	set_vpc_ipv6(model_find_vpc(model, "main"), "2600:1f16:1234:5600::/56");
	set_subnet_ipv6(model, "db-a", "2600:1f16:1234:5601::/64");
}

/* subnet-outside-vpc */
static void
db_b_outside(PlanModel *model)
{
	set_subnet_cidr(model, "db-b", "10.3.0.0/24");
}
static void
db_b_in_secondary(PlanModel *model)
{
	add_secondary(model_find_vpc(model, "main"), "100.64.0.0/20");
	set_subnet_cidr(model, "db-b", "100.64.1.0/24");
}
static void
db_b_ipv6_without_vpc_ipv6(PlanModel *model)
{
	set_subnet_ipv6(model, "db-b", "2600:1f16:1234:5601::/64");
}
static void
db_b_ipv6_outside(PlanModel *model)
{
	set_vpc_ipv6(model_find_vpc(model, "main"), "2600:1f16:1234:5600::/56");
	set_subnet_ipv6(model, "db-b", "2600:1f16:1234:7701::/64");
}

/* subnet-overlap */
static void
db_a_inside_private_a(PlanModel *model)
{
	set_subnet_cidr(model, "db-a", "10.2.10.128/25");
}
static void
db_touching_halves(PlanModel *model)
{
	set_subnet_cidr(model, "db-a", "10.2.20.0/25");
	set_subnet_cidr(model, "db-b", "10.2.20.128/25");
}
static void
db_same_block(PlanModel *model)
{
	set_subnet_cidr(model, "db-b", "10.2.20.0/24");
}
static void
db_ipv6_same_block(PlanModel *model)
{
	set_vpc_ipv6(model_find_vpc(model, "main"), "2600:1f16:1234:5600::/56");
	set_subnet_ipv6(model, "db-a", "2600:1f16:1234:5601::/64");
	set_subnet_ipv6(model, "db-b", "2600:1f16:1234:5601::/64");
}
static void
db_overlap_across_vpcs(PlanModel *model)
{
	PlanVpc *edge = add_edge(model, "10.3.0.0/16", NULL);
	add_subnet(edge, "edge-a", "10.3.0.0/24", "us-east-2a", PLAN_TIER_ISOLATED);
	add_subnet(edge, "edge-b", "10.3.1.0/24", "us-east-2b", PLAN_TIER_ISOLATED);
	/* the same block in another VPC is no subnet overlap (vpc-overlap does not fire either) */
	set_subnet_cidr(model, "edge-a", "10.3.0.0/24");
}

/* az-unknown */
static void
region_typo(PlanModel *model)
{
	g_free(model->region);
	model->region = g_strdup("us-est-2");
}
static void
region_nonsense(PlanModel *model)
{
	g_free(model->region);
	model->region = g_strdup("moon-base-1");
}
static void
db_b_in_2d(PlanModel *model)
{
	PlanSubnet *subnet = find_subnet(model, "db-b");
	g_free(subnet->az);
	subnet->az = g_strdup("us-east-2d");
}
static void
db_b_in_2c(PlanModel *model)
{
	PlanSubnet *subnet = find_subnet(model, "db-b");
	g_free(subnet->az);
	subnet->az = g_strdup("us-east-2c");
}

/* tier-single-az */
static void
set_az(PlanModel *model, const char *name, const char *az)
{
	PlanSubnet *subnet = find_subnet(model, name);
	g_free(subnet->az);
	subnet->az = g_strdup(az);
}
static void
db_b_in_2a(PlanModel *model)
{
	set_az(model, "db-b", "us-east-2a");
}
static void
everything_in_2a(PlanModel *model)
{
	set_az(model, "public-b", "us-east-2a");
	set_az(model, "private-b", "us-east-2a");
	set_az(model, "db-b", "us-east-2a");
}
static void
everything_in_2a_no_services(PlanModel *model)
{
	everything_in_2a(model);
	g_ptr_array_set_size(model->services, 0);
}

/* lb-single-az */
static void
alb_in_public_a(PlanModel *model)
{
	names_set(find_lb(model, "api")->subnets, NAMES("public-a"));
}
static void
alb_twice_in_public_a(PlanModel *model)
{
	names_set(find_lb(model, "api")->subnets, NAMES("public-a", "public-a"));
}
static void
nlb_in_public_a(PlanModel *model)
{
	PlanLoadBalancer *lb = find_lb(model, "api");
	lb->type = PLAN_LB_NETWORK;
	names_set(lb->subnets, NAMES("public-a"));
}
static void
alb_no_subnets(PlanModel *model)
{
	names_set(find_lb(model, "api")->subnets, NULL);
}
static void
alb_in_public_a_no_public_b(PlanModel *model)
{
	/* no other public subnet to name: the fix falls back to the region's AZs */
	names_set(find_lb(model, "api")->subnets, NAMES("public-a"));
	find_subnet(model, "public-b")->tier = PLAN_TIER_ISOLATED;
	set_subnet_nat(model, "private-b", "nat-a");
	g_ptr_array_remove_index(model_find_vpc(model, "main")->nat_gateways, 1);
}

/* lb-subnet-small */
static void
public_a_slash_28(PlanModel *model)
{
	set_subnet_cidr(model, "public-a", "10.2.0.0/28");
}
static void
public_a_slash_27(PlanModel *model)
{
	set_subnet_cidr(model, "public-a", "10.2.0.0/27");
}
static void
public_a_slash_27_crowded(PlanModel *model)
{
	/* 20 worker tasks + 8 for the ALB + 1 NAT = 29 > 27 usable; the ALB keeps 27 - 21 = 6 */
	PlanService *worker;
	set_subnet_cidr(model, "public-a", "10.2.0.0/27");
	worker = add_service(model, "worker", "main", 10, NAMES("public-a"));
	worker->assign_public_ip = TRUE;
}

/* the same /28 under a Classic Load Balancer: the CLB guide asks a /27 too [S46] */
static void
clb_public_a_slash_28(PlanModel *model)
{
	set_subnet_cidr(model, "public-a", "10.2.0.0/28");
	find_lb(model, "api")->type = PLAN_LB_CLASSIC;
}
/* and an NLB takes one address per subnet: left alone */
static void
nlb_public_a_slash_28(PlanModel *model)
{
	set_subnet_cidr(model, "public-a", "10.2.0.0/28");
	find_lb(model, "api")->type = PLAN_LB_NETWORK;
}

static void
public_a_slash_27_exactly_8(PlanModel *model)
{
	/* 18 worker tasks + 1 NAT = 19 of 27 usable: exactly the 8 the ALB needs are left */
	PlanService *worker;
	set_subnet_cidr(model, "public-a", "10.2.0.0/27");
	worker = add_service(model, "worker", "main", 9, NAMES("public-a"));
	worker->assign_public_ip = TRUE;
}

/* lb-scheme-subnet */
static void
alb_in_private(PlanModel *model)
{
	names_set(find_lb(model, "api")->subnets, NAMES("private-a", "private-b"));
}
static void
internal_alb_in_private(PlanModel *model)
{
	PlanLoadBalancer *lb = find_lb(model, "api");
	lb->scheme = PLAN_LB_INTERNAL;
	names_set(lb->subnets, NAMES("private-a", "private-b"));
}
static void
no_internet_gateway(PlanModel *model)
{
	model_find_vpc(model, "main")->internet_gateway = FALSE;
}

/* nat-not-public */
static PlanNatGateway *
find_nat(PlanModel *model, const char *name)
{
	PlanVpc *vpc = model_find_vpc(model, "main");
	for (guint i = 0; i < vpc->nat_gateways->len; i++) {
		PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, i);
		if (g_strcmp0(nat->name, name) == 0)
			return nat;
	}
	g_assert_not_reached();
}
static void
nat_a_in_private(PlanModel *model)
{
	PlanNatGateway *nat = find_nat(model, "nat-a");
	g_free(nat->subnet);
	nat->subnet = g_strdup("private-a");
}
static void
private_nat_a_in_private(PlanModel *model)
{
	nat_a_in_private(model);
	find_nat(model, "nat-a")->connectivity = PLAN_NAT_PRIVATE;
}

/* nat-cross-az */
static void
private_b_via_nat_a(PlanModel *model)
{
	set_subnet_nat(model, "private-b", "nat-a");
}
static void
private_b_via_nat_a_only(PlanModel *model)
{
	set_subnet_nat(model, "private-b", "nat-a");
	g_ptr_array_remove_index(model_find_vpc(model, "main")->nat_gateways, 1);
}

/* egress-missing */
static void
private_b_without_nat(PlanModel *model)
{
	set_subnet_nat(model, "private-b", NULL);
}
static void
add_pull_endpoints(PlanModel *model, gboolean s3)
{
	PlanVpc *vpc = model_find_vpc(model, "main");
	add_endpoint(vpc, "ecr.api", PLAN_ENDPOINT_INTERFACE, NAMES("private-a"));
	add_endpoint(vpc, "com.amazonaws.us-east-2.ecr.dkr", PLAN_ENDPOINT_INTERFACE,
		     NAMES("private-a"));
	if (s3)
		add_endpoint(vpc, "s3", PLAN_ENDPOINT_GATEWAY, NULL);
}
static void
private_b_without_nat_with_endpoints(PlanModel *model)
{
	private_b_without_nat(model);
	add_pull_endpoints(model, TRUE);
}
static void
private_b_without_nat_without_s3(PlanModel *model)
{
	private_b_without_nat(model);
	add_pull_endpoints(model, FALSE);
}
static void
private_b_without_nat_s3_elsewhere(PlanModel *model)
{
	private_b_without_nat(model);
	add_pull_endpoints(model, FALSE);
	add_endpoint(model_find_vpc(model, "main"), "s3", PLAN_ENDPOINT_GATEWAY,
		     NAMES("private-a"));
}
static void
private_b_without_nat_public_ip(PlanModel *model)
{
	private_b_without_nat(model);
	find_service(model, "api")->assign_public_ip = TRUE;
}
static void
api_in_public(PlanModel *model)
{
	names_set(find_service(model, "api")->subnets, NAMES("public-a", "public-b"));
}
static void
api_in_public_with_ip(PlanModel *model)
{
	api_in_public(model);
	find_service(model, "api")->assign_public_ip = TRUE;
}
static void
api_in_isolated(PlanModel *model)
{
	names_set(find_service(model, "api")->subnets, NAMES("db-a", "db-b"));
}
static void
api_in_isolated_with_endpoints(PlanModel *model)
{
	api_in_isolated(model);
	add_pull_endpoints(model, TRUE);
}
static void
api_on_ec2_in_isolated(PlanModel *model)
{
	api_in_isolated(model);
	find_service(model, "api")->launch_type = PLAN_LAUNCH_EC2;
}

/* service-single-az */
static void
api_in_private_a(PlanModel *model)
{
	names_set(find_service(model, "api")->subnets, NAMES("private-a"));
}

static const RuleCase rule_cases[] = {
    {"clean", NULL, "subnet-overlap", 0, 0, 0, NULL, NULL, NULL},

    {"cidr-invalid/vpc", vpc_cidr_garbage, "cidr-invalid", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].cidr", NULL,
     "vpc 'main' cidr '10.2.0.300/16' is not a valid block (*); write it like 10.0.0.0/16"},
    {"cidr-invalid/subnet", subnet_cidr_garbage, "cidr-invalid", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].subnets[4].cidr", NULL,
     "subnet 'db-a' cidr '10.2.20.0/33' is not a valid block (*); write it like 10.0.1.0/24"},
    {"cidr-invalid/secondary", secondary_garbage, "cidr-invalid", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].secondary_cidrs[0]", NULL,
     "vpc 'main' secondary cidr 'banana' is not a valid block (*); write it like "
     "100.64.0.0/16"},
    {"cidr-invalid/subnet-ipv6", subnet_ipv6_garbage, "cidr-invalid", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].subnets[4].ipv6_cidr", NULL, NULL},
    {"cidr-invalid/valid", NULL, "cidr-invalid", 0, 0, 0, NULL, NULL, NULL},

    {"cidr-host-bits/subnet", subnet_host_bits, "cidr-host-bits", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].subnets[2].cidr", NULL,
     "subnet 'private-a' cidr '10.2.10.1/24' has host bits set; use the canonical block "
     "10.2.10.0/24"},
    {"cidr-host-bits/vpc", vpc_host_bits, "cidr-host-bits", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].cidr", NULL,
     "vpc 'main' cidr '10.2.3.4/16' has host bits set; use the canonical block 10.2.0.0/16"},

    {"vpc-cidr-size/slash-8", vpc_slash_8, "vpc-cidr-size", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].cidr", NULL,
     "vpc 'main' block 10.0.0.0/8 is larger than AWS allows (/16 to /28); use a /16 or "
     "smaller, e.g. 10.0.0.0/16, and add more blocks as secondary cidrs if you need the "
     "space"},
    {"vpc-cidr-size/slash-29", secondary_slash_29, "vpc-cidr-size", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].secondary_cidrs[0]", NULL,
     "vpc 'main' block 100.64.0.0/29 is smaller than AWS allows (/16 to /28); use a /28 or "
     "larger, e.g. 100.64.0.0/28"},
    {"vpc-cidr-size/slash-28", secondary_slash_28, "vpc-cidr-size", 0, 0, 0, NULL, NULL, NULL},
    {"vpc-cidr-size/ipv6-slash-48", vpc_ipv6_slash_48, "vpc-cidr-size", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].ipv6_cidr", NULL,
     "vpc 'main' ipv6 block 2600:1f16:1234::/48 is a /48, but a vpc ipv6 block must be a "
     "/56; use e.g. 2600:1f16:1234::/56"},
    {"vpc-cidr-size/ipv6-slash-56", vpc_ipv6_slash_56, "vpc-cidr-size", 0, 0, 0, NULL, NULL, NULL},

    {"vpc-cidr-range/public-primary", edge_public, "vpc-cidr-range", 1, PLAN_SEVERITY_WARNING, 1,
     "vpcs[1].cidr", NULL,
     "vpc 'edge' block 8.8.0.0/16 is publicly routable: AWS allows it but never advertises "
     "it, and the vpc cannot reach the real owners of those addresses; use a private block, "
     "e.g. 10.0.0.0/16"},
    {"vpc-cidr-range/shared-primary", edge_shared, "vpc-cidr-range", 0, 0, 0, NULL, NULL, NULL},
    {"vpc-cidr-range/198-19-primary", edge_198_19, "vpc-cidr-range", 1, PLAN_SEVERITY_WARNING, 1,
     "vpcs[1].cidr", NULL, NULL},
    {"vpc-cidr-range/10-plus-172-16", main_plus_172_16, "vpc-cidr-range", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].secondary_cidrs[0]", NULL,
     "vpc 'main' secondary block 172.16.0.0/16 is from 172.16.0.0/12, which AWS does not "
     "allow beside a primary block in 10.0.0.0/8; use another block, e.g. 100.64.0.0/16"},
    {"vpc-cidr-range/10-plus-shared", main_plus_shared, "vpc-cidr-range", 0, 0, 0, NULL, NULL,
     NULL},
    {"vpc-cidr-range/10-plus-192-168", main_plus_192_168, "vpc-cidr-range", 1, PLAN_SEVERITY_ERROR,
     1, NULL, NULL, NULL},
    {"vpc-cidr-range/10-plus-198-19", main_plus_198_19, "vpc-cidr-range", 1, PLAN_SEVERITY_ERROR, 1,
     NULL, NULL, NULL},
    /* a forbidden block that also overlaps 172.17.0.0/16 is one finding, the error */
    {"vpc-cidr-range/10-plus-172-17", main_plus_172_17, "vpc-cidr-range", 1, PLAN_SEVERITY_ERROR, 1,
     NULL, NULL, "*is from 172.16.0.0/12*"},
    /* S23: only blocks from 10.0.0.0/16 are barred when the primary is inside 10.0.0.0/15 */
    {"vpc-cidr-range/10-0-plus-10-1", edge_10_0_plus_10_1, "vpc-cidr-range", 0, 0, 0, NULL, NULL,
     NULL},
    {"vpc-cidr-range/10-1-plus-10-0", edge_10_1_plus_10_0, "vpc-cidr-range", 1, PLAN_SEVERITY_ERROR,
     1, "vpcs[1].secondary_cidrs[0]", NULL,
     "vpc 'edge' secondary block 10.0.0.0/16 is from 10.0.0.0/16, which AWS does not allow "
     "when the primary block is inside 10.0.0.0/15; use another block, e.g. 100.64.0.0/16"},
    {"vpc-cidr-range/10-0-5-plus-10-0-128", edge_10_0_5_plus_10_0_128, "vpc-cidr-range", 1,
     PLAN_SEVERITY_ERROR, 1, NULL, NULL, "*when the primary block is inside 10.0.0.0/15*"},
    {"vpc-cidr-range/10-4-plus-10-0", edge_10_4_plus_10_0, "vpc-cidr-range", 0, 0, 0, NULL, NULL,
     NULL},
    {"vpc-cidr-range/172-plus-172-31", edge_172_plus_172_31, "vpc-cidr-range", 1,
     PLAN_SEVERITY_ERROR, 1, NULL, NULL, "*is from 172.31.0.0/16*"},
    {"vpc-cidr-range/172-plus-172-21", edge_172_plus_172_21, "vpc-cidr-range", 0, 0, 0, NULL, NULL,
     NULL},
    {"vpc-cidr-range/172-plus-10", edge_172_plus_10, "vpc-cidr-range", 1, PLAN_SEVERITY_ERROR, 1,
     NULL, NULL, "*from 10.0.0.0/8*beside a primary block in 172.16.0.0/12*"},
    {"vpc-cidr-range/192-plus-10", edge_192_plus_10, "vpc-cidr-range", 1, PLAN_SEVERITY_ERROR, 1,
     NULL, NULL, NULL},
    {"vpc-cidr-range/192-plus-shared", edge_192_plus_public, "vpc-cidr-range", 0, 0, 0, NULL, NULL,
     NULL},
    {"vpc-cidr-range/shared-plus-10", edge_shared_plus_10, "vpc-cidr-range", 1, PLAN_SEVERITY_ERROR,
     1, NULL, NULL, "*beside a primary block in 100.64.0.0/10*"},
    /* the 198.19 primary itself warns; the RFC 1918 secondary is the error */
    {"vpc-cidr-range/198-19-plus-192-168", edge_198_19_plus_192_168, "vpc-cidr-range", 2,
     PLAN_SEVERITY_WARNING, 2, NULL, NULL, NULL},
    {"vpc-cidr-range/172-17", edge_172_17, "vpc-cidr-range", 1, PLAN_SEVERITY_WARNING, 1,
     "vpcs[1].cidr", NULL,
     "vpc 'edge' block 172.17.0.0/16 overlaps 172.17.0.0/16, which Docker's default bridge "
     "and some AWS services (EKS, Cloud9, SageMaker) use; move it, e.g. to 172.16.0.0/16"},

    {"vpc-cidr-overlap/own-half", main_plus_own_half, "vpc-cidr-overlap", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].secondary_cidrs[0]", "vpcs[0].cidr", NULL},

    {"vpc-overlap/not-peered", edge_overlaps, "vpc-overlap", 1, PLAN_SEVERITY_WARNING, 1,
     "vpcs[1].cidr", "vpcs[0]",
     "vpc 'edge' block 10.2.128.0/17 overlaps block 10.2.0.0/16 of vpc 'main', so they can "
     "never be peered or joined through a transit gateway; move one of them, e.g. to "
     "10.0.0.0/17"},
    {"vpc-overlap/peered", edge_overlaps_peered, "vpc-overlap", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[1].cidr", "vpcs[0]",
     "vpc 'edge' block 10.2.128.0/17 overlaps block 10.2.0.0/16 of vpc 'main', and the two "
     "are peered: a peering cannot route overlapping blocks; move one of them, e.g. to "
     "10.0.0.0/17"},
    {"vpc-overlap/apart-peered", edge_apart_peered, "vpc-overlap", 0, 0, 0, NULL, NULL, NULL},
    /* the unknown peer is ref-unknown (from linking); the overlap still counts as unpeered */
    {"vpc-overlap/peer-unknown", edge_overlaps_peering_unknown, "vpc-overlap", 1,
     PLAN_SEVERITY_WARNING, 2, NULL, NULL, NULL},
    {"vpc-overlap/ipv6", edge_ipv6_overlaps, "vpc-overlap", 1, PLAN_SEVERITY_WARNING, 1,
     "vpcs[1].ipv6_cidr", NULL, NULL},

    {"subnet-size/slash-29", db_a_slash_29, "subnet-size", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].subnets[4].cidr", NULL,
     "subnet 'db-a' (10.2.20.0/29) is smaller than AWS allows (/16 to /28); use a /28 or "
     "larger, e.g. 10.2.2.0/28"},
    {"subnet-size/slash-28", db_a_slash_28, "subnet-size", 0, 0, 0, NULL, NULL, NULL},
    {"subnet-size/ipv6-slash-60", db_a_ipv6_slash_60, "subnet-size", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].subnets[4].ipv6_cidr", NULL,
     "subnet 'db-a' ipv6 block 2600:1f16:1234:5600::/60 is a /60, but a subnet ipv6 block "
     "must be a /64; use e.g. 2600:1f16:1234:5610::/64"},
    {"subnet-size/ipv6-slash-64", db_a_ipv6_slash_64, "subnet-size", 0, 0, 0, NULL, NULL, NULL},

    {"subnet-outside-vpc/ipv4", db_b_outside, "subnet-outside-vpc", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].subnets[5].cidr", NULL,
     "subnet 'db-b' block 10.3.0.0/24 is outside vpc 'main' (10.2.0.0/16); move it inside, "
     "e.g. to the free block 10.2.2.0/24"},
    {"subnet-outside-vpc/in-secondary", db_b_in_secondary, "subnet-outside-vpc", 0, 0, 0, NULL,
     NULL, NULL},
    {"subnet-outside-vpc/ipv6-no-vpc-block", db_b_ipv6_without_vpc_ipv6, "subnet-outside-vpc", 1,
     PLAN_SEVERITY_ERROR, 1, "vpcs[0].subnets[5].ipv6_cidr", NULL,
     "subnet 'db-b' ipv6 block 2600:1f16:1234:5601::/64 needs an ipv6 block on vpc 'main', "
     "which has none; add an ipv6_cidr (/56) to the vpc that holds it, or remove the "
     "subnet's ipv6_cidr"},
    {"subnet-outside-vpc/ipv6", db_b_ipv6_outside, "subnet-outside-vpc", 1, PLAN_SEVERITY_ERROR, 1,
     NULL, NULL,
     "subnet 'db-b' ipv6 block 2600:1f16:1234:7701::/64 is outside vpc 'main' "
     "(2600:1f16:1234:5600::/56); move it inside, e.g. to the free block "
     "2600:1f16:1234:5600::/64"},

    {"subnet-overlap/nested", db_a_inside_private_a, "subnet-overlap", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].subnets[4].cidr", "vpcs[0].subnets[2]",
     "subnet 'db-a' (10.2.10.128/25) overlaps subnet 'private-a' (10.2.10.0/24); move one "
     "of them, e.g. to the free block 10.2.2.0/25"},
    {"subnet-overlap/touching", db_touching_halves, "subnet-overlap", 0, 0, 0, NULL, NULL, NULL},
    {"subnet-overlap/same", db_same_block, "subnet-overlap", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].subnets[5].cidr", "vpcs[0].subnets[4]", NULL},
    {"subnet-overlap/ipv6", db_ipv6_same_block, "subnet-overlap", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].subnets[5].ipv6_cidr", "vpcs[0].subnets[4]", NULL},
    {"subnet-overlap/other-vpc", db_overlap_across_vpcs, "subnet-overlap", 0, 0, 0, NULL, NULL,
     NULL},

    {"az-unknown/region-typo", region_typo, "az-unknown", 1, PLAN_SEVERITY_ERROR, 1, "region", NULL,
     "region 'us-est-2' is not an AWS commercial region; did you mean 'us-east-2'?"},
    {"az-unknown/region-nonsense", region_nonsense, "az-unknown", 1, PLAN_SEVERITY_ERROR, 1,
     "region", NULL,
     "region 'moon-base-1' is not an AWS commercial region; use a region code such as "
     "'us-east-1'"},
    {"az-unknown/az", db_b_in_2d, "az-unknown", 1, PLAN_SEVERITY_ERROR, 1, "vpcs[0].subnets[5].az",
     NULL,
     "subnet 'db-b' az 'us-east-2d' is not in region 'us-east-2'; use one of us-east-2a, "
     "us-east-2b, us-east-2c"},
    {"az-unknown/known", db_b_in_2c, "az-unknown", 0, 0, 0, NULL, NULL, NULL},

    {"tier-single-az/tier", db_b_in_2a, "tier-single-az", 1, PLAN_SEVERITY_WARNING, 1,
     "vpcs[0].subnets[4]", "vpcs[0].subnets[5]",
     "isolated subnets of vpc 'main' are all in us-east-2a while the vpc uses 2 AZs, so an "
     "outage there takes the whole tier down; add an isolated subnet in us-east-2b"},
    /* one finding for the VPC, not one per tier; the ALB (lb-single-az, and subnet-per-az for
     * its two subnets now both in us-east-2a) and the service say their own */
    {"tier-single-az/vpc", everything_in_2a, "tier-single-az", 1, PLAN_SEVERITY_WARNING, 4,
     "vpcs[0]", NULL,
     "vpc 'main' has subnets in one AZ only (us-east-2a) and runs 1 service, so an outage "
     "there stops them all; add subnets in a second AZ, e.g. us-east-2b"},
    {"tier-single-az/vpc-idle", everything_in_2a_no_services, "tier-single-az", 0, 0, 2, NULL, NULL,
     NULL},

    {"lb-single-az/alb", alb_in_public_a, "lb-single-az", 1, PLAN_SEVERITY_ERROR, 1,
     "vpcs[0].load_balancers[0].subnets", NULL,
     "load balancer 'api' has subnets in one AZ only (us-east-2a), and an alb needs two; add "
     "subnet 'public-b' (us-east-2b) to its subnets"},
    {"lb-single-az/alb-listed-twice", alb_twice_in_public_a, "lb-single-az", 1, PLAN_SEVERITY_ERROR,
     1, NULL, NULL, NULL},
    {"lb-single-az/nlb", nlb_in_public_a, "lb-single-az", 1, PLAN_SEVERITY_WARNING, 1, NULL, NULL,
     "network load balancer 'api' has subnets in one AZ only (us-east-2a), so an outage "
     "there takes it down; add subnet 'public-b' (us-east-2b) to its subnets"},
    {"lb-single-az/none", alb_no_subnets, "lb-single-az", 1, PLAN_SEVERITY_ERROR, 1, NULL, NULL,
     "load balancer 'api' has no subnets; add subnets in at least two AZs"},
    {"lb-single-az/region-fix", alb_in_public_a_no_public_b, "lb-single-az", 1, PLAN_SEVERITY_ERROR,
     -1, NULL, NULL, "*; create a public subnet in us-east-2b and add it to its subnets"},

    {"lb-subnet-small/slash-28", public_a_slash_28, "lb-subnet-small", 1, PLAN_SEVERITY_ERROR, 2,
     "vpcs[0].load_balancers[0].subnets[0]", "vpcs[0].subnets[0]",
     "load balancer 'api' uses subnet 'public-a' (10.2.0.0/28), smaller than the /27 an alb "
     "needs; use a /27 or larger, e.g. the free block 10.2.0.32/27"},
    {"lb-subnet-small/clb-slash-28", clb_public_a_slash_28, "lb-subnet-small", 1,
     PLAN_SEVERITY_ERROR, -1, "vpcs[0].load_balancers[0].subnets[0]", "vpcs[0].subnets[0]",
     "load balancer 'api' uses subnet 'public-a' (10.2.0.0/28), smaller than the /27 a clb "
     "needs; use a /27 or larger, e.g. the free block 10.2.0.32/27"},
    {"lb-subnet-small/nlb-slash-28", nlb_public_a_slash_28, "lb-subnet-small", 0, 0, -1, NULL,
     NULL, NULL},
    {"lb-subnet-small/slash-27", public_a_slash_27, "lb-subnet-small", 0, 0, 0, NULL, NULL, NULL},
    /* 27 of 27 at peak: ip-headroom and service-single-az (worker), but the ALB has its 8 */
    {"lb-subnet-small/exactly-8", public_a_slash_27_exactly_8, "lb-subnet-small", 0, 0, 2, NULL,
     NULL, NULL},
    {"lb-subnet-small/crowded", public_a_slash_27_crowded, "lb-subnet-small", 1,
     PLAN_SEVERITY_ERROR, 3, NULL, NULL,
     "load balancer 'api' has 6 free addresses in subnet 'public-a' (10.2.0.0/27) at peak, "
     "fewer than the 8 an alb needs [worker: ceil(10 × 200 / 100) = 20; alb 'api': 8; nat "
     "'nat-a': 1 → 29]; use a /26 or larger, e.g. the free block 10.2.0.64/26"},

    {"lb-scheme-subnet/private", alb_in_private, "lb-scheme-subnet", 2, PLAN_SEVERITY_ERROR, 2,
     "vpcs[0].load_balancers[0].subnets[0]", "vpcs[0].subnets[2]",
     "internet-facing load balancer 'api' is in subnet 'private-a', which is private; use "
     "public subnet 'public-a' instead, or make the load balancer internal"},
    {"lb-scheme-subnet/internal", internal_alb_in_private, "lb-scheme-subnet", 0, 0, 0, NULL, NULL,
     NULL},
    /* no IGW: the ALB, both NATs, and the service in both private subnets */
    {"lb-scheme-subnet/no-igw", no_internet_gateway, "lb-scheme-subnet", 1, PLAN_SEVERITY_ERROR, 5,
     "vpcs[0].load_balancers[0]", NULL,
     "internet-facing load balancer 'api' is in vpc 'main', which has no internet gateway; "
     "set internet_gateway to true on the vpc, or make the load balancer internal"},

    {"nat-not-public/private-subnet", nat_a_in_private, "nat-not-public", 1, PLAN_SEVERITY_ERROR, 2,
     "vpcs[0].nat_gateways[0].subnet", "vpcs[0].subnets[2]",
     "nat gateway 'nat-a' is in subnet 'private-a', which is private, but a public nat "
     "gateway needs a route to the internet gateway; move it to public subnet 'public-a' in "
     "the same AZ"},
    {"nat-not-public/no-igw", no_internet_gateway, "nat-not-public", 2, PLAN_SEVERITY_ERROR, 5,
     "vpcs[0].nat_gateways[0]", NULL,
     "nat gateway 'nat-a' is in vpc 'main', which has no internet gateway, so it cannot "
     "reach the internet; set internet_gateway to true on the vpc"},
    {"nat-not-public/private-nat", private_nat_a_in_private, "nat-not-public", 0, 0, 1, NULL, NULL,
     NULL},
    {"nat-not-public/public", NULL, "nat-not-public", 0, 0, 0, NULL, NULL, NULL},

    {"nat-cross-az/other-nat", private_b_via_nat_a, "nat-cross-az", 1, PLAN_SEVERITY_WARNING, 1,
     "vpcs[0].subnets[3].nat_gateway", "vpcs[0].nat_gateways[0]",
     "subnet 'private-b' (us-east-2b) routes to nat gateway 'nat-a' in us-east-2a: an outage "
     "there cuts its internet access, and the traffic pays cross-AZ charges; route it to nat "
     "gateway 'nat-b' in us-east-2b instead"},
    {"nat-cross-az/no-local-nat", private_b_via_nat_a_only, "nat-cross-az", 1,
     PLAN_SEVERITY_WARNING, 1, NULL, NULL,
     "*; add a nat gateway in public subnet 'public-b' (us-east-2b) and route to it"},
    {"nat-cross-az/same-az", NULL, "nat-cross-az", 0, 0, 0, NULL, NULL, NULL},

    {"egress-missing/private-no-nat", private_b_without_nat, "egress-missing", 1,
     PLAN_SEVERITY_ERROR, 1, "services[0].subnets[1]", "vpcs[0].subnets[3]",
     "service 'api' cannot pull images in subnet 'private-b': the subnet is private and has "
     "no nat gateway, and vpc 'main' lacks the endpoints ecr.api (interface), ecr.dkr "
     "(interface), s3 (gateway); set nat_gateway on the subnet to a public nat gateway, or "
     "add those endpoints"},
    {"egress-missing/private-endpoints", private_b_without_nat_with_endpoints, "egress-missing", 0,
     0, 0, NULL, NULL, NULL},
    {"egress-missing/private-no-s3", private_b_without_nat_without_s3, "egress-missing", 1,
     PLAN_SEVERITY_ERROR, 1, NULL, NULL, "*lacks the endpoints s3 (gateway);*"},
    {"egress-missing/private-s3-elsewhere", private_b_without_nat_s3_elsewhere, "egress-missing", 1,
     PLAN_SEVERITY_ERROR, 1, NULL, NULL, "*lacks the endpoints s3 (gateway);*"},
    {"egress-missing/private-public-ip", private_b_without_nat_public_ip, "egress-missing", 1,
     PLAN_SEVERITY_ERROR, 1, NULL, NULL,
     "*no nat gateway (assign_public_ip gives no route from a private subnet)*"},
    {"egress-missing/public-no-ip", api_in_public, "egress-missing", 2, PLAN_SEVERITY_ERROR, 2,
     "services[0].subnets[0]", NULL,
     "service 'api' cannot pull images in subnet 'public-a': the subnet is public but "
     "assign_public_ip is false, so tasks get no public address, and vpc 'main' lacks the "
     "endpoints ecr.api (interface), ecr.dkr (interface), s3 (gateway); set "
     "assign_public_ip to true (with an internet gateway), or add those endpoints"},
    {"egress-missing/public-ip", api_in_public_with_ip, "egress-missing", 0, 0, 0, NULL, NULL,
     NULL},
    {"egress-missing/isolated", api_in_isolated, "egress-missing", 2, PLAN_SEVERITY_ERROR, 2, NULL,
     NULL, "*: the subnet is isolated, and vpc 'main' lacks the endpoints*"},
    {"egress-missing/isolated-endpoints", api_in_isolated_with_endpoints, "egress-missing", 0, 0, 0,
     NULL, NULL, NULL},
    {"egress-missing/private-nat", private_nat_a_in_private, "egress-missing", 1,
     PLAN_SEVERITY_ERROR, 1, NULL, NULL,
     "*: nat gateway 'nat-a' is private and has no internet route, *"},
    {"egress-missing/nat-in-private", nat_a_in_private, "egress-missing", 1, PLAN_SEVERITY_ERROR, 2,
     NULL, NULL, "*nat gateway 'nat-a' has no internet route*"},
    {"egress-missing/ec2", api_on_ec2_in_isolated, "egress-missing", 0, 0, 0, NULL, NULL, NULL},

    {"service-single-az/one", api_in_private_a, "service-single-az", 1, PLAN_SEVERITY_WARNING, 1,
     "services[0].subnets", NULL,
     "service 'api' runs only in us-east-2a, so an outage there stops it; add subnet "
     "'private-b' (us-east-2b) to its subnets"},
    {"service-single-az/two", NULL, "service-single-az", 0, 0, 0, NULL, NULL, NULL},
};

/* ---- address capacity on one /28: 11 usable ---- */

typedef struct {
	const char *name;
	gint64 desired;
	gint64 maximum_percent;
	gint64 peak;
	guint headroom;
	guint exhaustion;
	const char *message;
} CapacityCase;

static const CapacityCase capacity_cases[] = {
    /* 3 × 200% = 6 of 11: 55% */
    {"six", 3, 200, 6, 0, 0, NULL},
    /* 4 × 200% = 8 of 11: 73% */
    {"eight", 4, 200, 8, 0, 0, NULL},
    /* 6 × 150% = 9 of 11 is 81.8%: just over */
    {"nine", 6, 150, 9, 1, 0, NULL},
    /* 5 × 200% = 10 of 11: 91% */
    {"ten", 5, 200, 10, 1, 0,
     "subnet 'tiny' (10.0.0.0/28) uses 10 of 11 usable addresses at peak (91%, more than "
     "80%) [web: ceil(5 × 200 / 100) = 10 → 10]; use a /27 (27 usable) or larger, e.g. the "
     "free block 10.0.0.32/27"},
    /* 11 × 100% = 11 of 11: full, not exhausted */
    {"eleven", 11, 100, 11, 1, 0, NULL},
    /* 6 × 200% = 12 > 11 */
    {"twelve", 6, 200, 12, 0, 1,
     "subnet 'tiny' (10.0.0.0/28) needs 12 addresses at peak but has 11 usable [web: "
     "ceil(6 × 200 / 100) = 12 → 12]; use a /27 (27 usable) or larger, e.g. the free block "
     "10.0.0.32/27"},
    /* 40000 × 200% = 80000: more than a /16 holds */
    {"huge", 40000, 200, 80000, 0, 1, "*no single subnet holds that many*"},
};

static void
run_capacity_case(gconstpointer data)
{
	const CapacityCase *capacity = data;
	g_autoptr(PlanModel) model = model_new("us-east-2");
	g_autoptr(PlanValidation) validation = NULL;
	PlanVpc *vpc = add_vpc(model, "main", "10.0.0.0/16");
	PlanService *web;
	const PlanSubnetUse *use;
	const char *code = capacity->exhaustion > 0 ? "ip-exhaustion" : "ip-headroom";

	add_subnet(vpc, "tiny", "10.0.0.0/28", "us-east-2a", PLAN_TIER_PUBLIC);
	web = add_service(model, "web", "main", capacity->desired, NAMES("tiny"));
	web->assign_public_ip = TRUE;
	web->deployment.maximum_percent = capacity->maximum_percent;
	validation = test_validate(model);
	dump(validation);
	use = find_use(model, validation, "tiny");
	g_assert_cmpint(use->total, ==, 16);
	g_assert_cmpint(use->usable, ==, 11);
	g_assert_cmpint(use->peak, ==, capacity->peak);
	g_assert_cmpuint(count_code(validation, "ip-headroom"), ==, capacity->headroom);
	g_assert_cmpuint(count_code(validation, "ip-exhaustion"), ==, capacity->exhaustion);
	if (capacity->message != NULL) {
		const PlanDiagnostic *diagnostic = find_code(validation, code);
		g_assert_nonnull(diagnostic);
		g_assert_cmpstr(diagnostic->path, ==, "vpcs[0].subnets[0].cidr");
		if (!g_pattern_match_simple(capacity->message, diagnostic->message))
			g_assert_cmpstr(diagnostic->message, ==, capacity->message);
	}
}

/* ---- peak arithmetic ---- */

static void
test_peak_autoscaling(void)
{
	g_autoptr(PlanModel) model = base_model();
	g_autoptr(PlanValidation) validation = NULL;
	PlanService *api = find_service(model, "api");
	const PlanSubnetUse *use;

	/* desired 3, autoscaling max 10, 200%: ceil(10 × 200 / 100) = 20 over 2 subnets = 10 */
	api->autoscaling.present = TRUE;
	api->autoscaling.min = 2;
	api->autoscaling.max = 10;
	add_lb(model_find_vpc(model, "main"), "internal", PLAN_LB_APPLICATION, PLAN_LB_INTERNAL,
	       NAMES("private-a", "private-b"));
	validation = test_validate(model);
	dump(validation);
	/* only lb-idle: no service sits behind 'internal' */
	g_assert_cmpuint(validation->diagnostics->len, ==, 1);
	g_assert_cmpuint(count_code(validation, "lb-idle"), ==, 1);

	use = find_use(model, validation, "private-a");
	g_assert_cmpint(use->task_ips, ==, 10);
	g_assert_cmpint(use->lb_ips, ==, 8);
	g_assert_cmpint(use->peak, ==, 18);
	g_assert_cmpint(use->total, ==, 256);
	g_assert_cmpint(use->usable, ==, 251);
	g_assert_cmpstr(use->arithmetic, ==,
			"api: ceil(ceil(10 × 200 / 100) / 2) = 10; alb 'internal': 8 → 18");

	/* public-a: the internet-facing ALB and nat-a */
	use = find_use(model, validation, "public-a");
	g_assert_cmpint(use->peak, ==, 9);
	g_assert_cmpstr(use->arithmetic, ==, "alb 'api': 8; nat 'nat-a': 1 → 9");

	/* db-a: nothing */
	use = find_use(model, validation, "db-a");
	g_assert_cmpint(use->peak, ==, 0);
	g_assert_cmpstr(use->arithmetic, ==, "");
}

static void
test_peak_rounding(void)
{
	g_autoptr(PlanModel) model = base_model();
	g_autoptr(PlanValidation) validation = NULL;
	PlanService *api = find_service(model, "api");
	PlanVpc *vpc = model_find_vpc(model, "main");
	PlanService *batch;
	PlanService *legacy;
	const PlanSubnetUse *use;

	/* 3 × 150% = 4.5 → 5 tasks, over 2 subnets → 3 each (rounded up, never down) */
	api->deployment.maximum_percent = 150;
	/* listed twice, placed once: 7 × 100% over 1 subnet = 7 */
	batch = add_service(model, "batch", "main", 7, NAMES("private-a", "private-a"));
	batch->launch_type = PLAN_LAUNCH_EC2;
	batch->deployment.maximum_percent = 100;
	/* bridge mode on EC2: no task addresses */
	legacy = add_service(model, "legacy", "main", 50, NAMES("private-a"));
	legacy->launch_type = PLAN_LAUNCH_EC2;
	legacy->network_mode = PLAN_NETWORK_BRIDGE;
	/* an NLB takes 1 per subnet; interface endpoints 1 each, gateway endpoints none */
	add_lb(vpc, "tcp", PLAN_LB_NETWORK, PLAN_LB_INTERNAL, NAMES("private-a", "private-b"));
	add_endpoint(vpc, "ecr.api", PLAN_ENDPOINT_INTERFACE, NAMES("private-a", "private-b"));
	add_endpoint(vpc, "s3", PLAN_ENDPOINT_GATEWAY, NAMES("private-a"));
	validation = test_validate(model);
	dump(validation);

	use = find_use(model, validation, "private-a");
	g_assert_cmpint(use->task_ips, ==, 3 + 7);
	g_assert_cmpint(use->lb_ips, ==, 1);
	g_assert_cmpint(use->endpoint_ips, ==, 1);
	g_assert_cmpint(use->nat_ips, ==, 0);
	g_assert_cmpint(use->instance_ips, ==, 0);
	g_assert_cmpint(use->peak, ==, 12);
	g_assert_cmpstr(use->arithmetic, ==,
			"api: ceil(ceil(3 × 150 / 100) / 2) = 3; batch: ceil(7 × 100 / 100) = 7; "
			"nlb 'tcp': 1; endpoint 'ecr.api': 1 → 12");
	use = find_use(model, validation, "private-b");
	g_assert_cmpint(use->peak, ==, 3 + 1 + 1);
}

static void
test_peak_auto_subnet(void)
{
	g_autoptr(PlanModel) model = base_model();
	g_autoptr(PlanValidation) validation = NULL;
	const PlanSubnetUse *use;

	/* an auto subnet has no block yet but still a peak, which alloc sizes from */
	set_subnet_cidr(model, "private-b", "auto");
	validation = test_validate(model);
	dump(validation);
	use = find_use(model, validation, "private-b");
	g_assert_cmpint(use->total, ==, 0);
	g_assert_cmpint(use->usable, ==, 0);
	g_assert_cmpint(use->peak, ==, 3);
	g_assert_cmpuint(count_code(validation, "ip-exhaustion"), ==, 0);
	g_assert_cmpuint(validation->diagnostics->len, ==, 0);
}

/* the subnet-overlap message of the issue, word for word */
static void
test_subnet_overlap_message(void)
{
	g_autoptr(PlanModel) model = model_new("us-east-2");
	g_autoptr(PlanValidation) validation = NULL;
	PlanVpc *vpc = add_vpc(model, "main", "10.2.0.0/16");
	const PlanDiagnostic *diagnostic;

	add_subnet(vpc, "db-a", "10.2.0.128/25", "us-east-2a", PLAN_TIER_ISOLATED);
	for (guint i = 1; i <= 4; i++) {
		g_autofree char *name = g_strdup_printf("x%u", i);
		g_autofree char *cidr = g_strdup_printf("10.2.%u.0/24", i);
		add_subnet(vpc, name, cidr, i % 2 == 0 ? "us-east-2a" : "us-east-2b",
			   PLAN_TIER_ISOLATED);
	}
	add_subnet(vpc, "private-a", "10.2.0.0/24", "us-east-2b", PLAN_TIER_ISOLATED);
	validation = test_validate(model);
	dump(validation);
	g_assert_cmpuint(validation->diagnostics->len, ==, 1);
	diagnostic = find_code(validation, "subnet-overlap");
	g_assert_cmpstr(diagnostic->message, ==,
			"subnet 'private-a' (10.2.0.0/24) overlaps subnet 'db-a' (10.2.0.128/25); "
			"move one of them, e.g. to the free block 10.2.5.0/24");
	g_assert_cmpstr(diagnostic->path, ==, "vpcs[0].subnets[5].cidr");
	g_assert_cmpstr(g_ptr_array_index(diagnostic->related, 0), ==, "vpcs[0].subnets[0]");
}

/* 100,000 subnets in 1,000 VPCs, one overlap in each: sort and sweep finds exactly those */
static void
test_subnet_overlap_scale(void)
{
	g_autoptr(PlanModel) model = model_new("us-east-2");
	g_autoptr(PlanValidation) validation = NULL;
	g_autoptr(GTimer) timer = NULL;

	for (guint v = 0; v < 1000; v++) {
		/* VPC v is the v-th /18 of 10.0.0.0/8: 10.(v / 4).((v % 4) * 64).0/18 */
		g_autofree char *cidr = g_strdup_printf("10.%u.%u.0/18", v / 4, (v % 4) * 64);
		g_autofree char *name = g_strdup_printf("vpc-%u", v);
		PlanVpc *vpc = add_vpc(model, name, cidr);
		for (guint s = 0; s < 100; s++) {
			/* /26s: 4 per /24; the last one repeats the first */
			guint slot = s == 99 ? 0 : s;
			g_autofree char *subnet_cidr = g_strdup_printf(
			    "10.%u.%u.%u/26", v / 4, (v % 4) * 64 + slot / 4, (slot % 4) * 64);
			g_autofree char *subnet_name = g_strdup_printf("s-%u", s);
			add_subnet(vpc, subnet_name, subnet_cidr, "us-east-2a", PLAN_TIER_ISOLATED);
		}
	}
	timer = g_timer_new();
	validation = test_validate(model);
	g_test_message("validated 100000 subnets in %.3f s", g_timer_elapsed(timer, NULL));
	g_assert_cmpuint(count_code(validation, "subnet-overlap"), ==, 1000);
	g_assert_cmpuint(validation->diagnostics->len, ==, 1000);
	g_assert_cmpuint(validation->subnets->len, ==, 100000);
}

/* the messages of the findings with @code, one per line, in order */
static char *
messages_of(const PlanValidation *validation, const char *code)
{
	GString *out = g_string_new(NULL);
	for (guint i = 0; i < validation->diagnostics->len; i++) {
		const PlanDiagnostic *diagnostic = g_ptr_array_index(validation->diagnostics, i);
		if (g_strcmp0(diagnostic->code, code) == 0)
			g_string_append_printf(out, "%s: %s\n", diagnostic->path,
					       diagnostic->message);
	}
	return g_string_free(out, FALSE);
}

/* subnets on one block: two are a pair, three or more are one finding with an exact count
 * that names the first three in model order */
static void
test_overlap_grouped_subnets(void)
{
	g_autoptr(PlanModel) model = model_new("us-east-2");
	g_autoptr(PlanValidation) validation = NULL;
	PlanVpc *vpc = add_vpc(model, "main", "10.2.0.0/16");
	g_autofree char *messages = NULL;
	const PlanDiagnostic *diagnostic;

	/* subnets[0..4]: five copies of 10.2.20.0/24 */
	for (guint i = 0; i < 5; i++) {
		g_autofree char *name = g_strdup_printf("s%u", i);
		add_subnet(vpc, name, "10.2.20.0/24", "us-east-2a", PLAN_TIER_ISOLATED);
	}
	/* subnets[5]: a /20 declared before the four /24s inside it, added last first */
	add_subnet(vpc, "big", "10.2.32.0/20", "us-east-2a", PLAN_TIER_ISOLATED);
	for (guint i = 4; i > 0; i--) {
		g_autofree char *name = g_strdup_printf("in%u", i);
		g_autofree char *cidr = g_strdup_printf("10.2.%u.0/24", 32 + i);
		add_subnet(vpc, name, cidr, "us-east-2b", PLAN_TIER_ISOLATED);
	}
	/* subnets[10..12]: exactly three copies */
	for (guint i = 0; i < 3; i++) {
		g_autofree char *name = g_strdup_printf("t%u", i);
		add_subnet(vpc, name, "10.2.50.0/24", "us-east-2b", PLAN_TIER_ISOLATED);
	}
	/* subnets[13, 14]: a pair keeps the pair message */
	add_subnet(vpc, "p0", "10.2.60.0/24", "us-east-2b", PLAN_TIER_ISOLATED);
	add_subnet(vpc, "p1", "10.2.60.128/25", "us-east-2b", PLAN_TIER_ISOLATED);
	validation = test_validate(model);
	dump(validation);
	/* pairs stand for 10 + 4 + 3 + 1 = 18 old findings; grouped, 4 */
	g_assert_cmpuint(count_code(validation, "subnet-overlap"), ==, 4);
	messages = messages_of(validation, "subnet-overlap");
	/* a model built in code has no places: findings sort by path */
	g_assert_cmpstr(
	    messages, ==,
	    "vpcs[0].subnets[11].cidr: 3 subnets share 10.2.50.0/24: 't0', 't1' and 't2'; give "
	    "each a block of its own, e.g. the free block 10.2.0.0/24\n"
	    "vpcs[0].subnets[14].cidr: subnet 'p1' (10.2.60.128/25) overlaps subnet 'p0' "
	    "(10.2.60.0/24); move one of them, e.g. to the free block 10.2.0.0/25\n"
	    "vpcs[0].subnets[1].cidr: 5 subnets share 10.2.20.0/24: 's0', 's1', 's2' and 2 more; "
	    "give each a block of its own, e.g. the free block 10.2.0.0/24\n"
	    "vpcs[0].subnets[5].cidr: 4 subnets lie inside 10.2.32.0/20, the block of subnet "
	    "'big': 'in4' (10.2.36.0/24), 'in3' (10.2.35.0/24), 'in2' (10.2.34.0/24) and 1 more; "
	    "shrink or move 'big', e.g. to the free block 10.2.0.0/20\n");
	/* related: the listed ones but the one the finding is on */
	diagnostic = g_ptr_array_index(validation->diagnostics, 2);
	g_assert_cmpstr(diagnostic->path, ==, "vpcs[0].subnets[1].cidr");
	g_assert_cmpuint(diagnostic->related->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(diagnostic->related, 0), ==, "vpcs[0].subnets[0]");
	g_assert_cmpstr(g_ptr_array_index(diagnostic->related, 1), ==, "vpcs[0].subnets[2]");
}

/* VPCs on one block: one warning for the group, and each peered pair keeps its error */
static void
test_overlap_grouped_vpcs(void)
{
	g_autoptr(PlanModel) model = model_new("us-east-2");
	g_autoptr(PlanValidation) validation = NULL;
	g_autofree char *messages = NULL;

	for (guint i = 0; i < 4; i++) {
		g_autofree char *name = g_strdup_printf("v%u", i);
		add_vpc(model, name, "10.0.0.0/16");
	}
	add_peering(model, "v3", "v2");
	/* one of v0's own blocks inside its primary: vpc-cidr-overlap's, not a fifth vpc */
	add_secondary(model_find_vpc(model, "v0"), "10.0.0.0/17");
	validation = test_validate(model);
	dump(validation);
	messages = messages_of(validation, "vpc-overlap");
	g_assert_cmpstr(
	    messages, ==,
	    "vpcs[1].cidr: 4 vpcs share block 10.0.0.0/16 (4 blocks in all): 'v0', 'v1', 'v2' "
	    "and 1 more, so none of them can be peered with another or joined through a transit "
	    "gateway; give each a block of its own, e.g. 10.1.0.0/16\n"
	    "vpcs[3].cidr: vpc 'v3' block 10.0.0.0/16 overlaps block 10.0.0.0/16 of vpc 'v2', "
	    "and the two are peered: a peering cannot route overlapping blocks; move one of "
	    "them, e.g. to 10.1.0.0/16\n");
	g_assert_cmpuint(count_code(validation, "vpc-cidr-overlap"), ==, 1);
}

/* 1,500 public VPC blocks: 1,000 vpc-cidr-range findings listed, then one that counts 500 */
static void
test_findings_bounded(void)
{
	g_autoptr(PlanModel) model = model_new("us-east-2");
	g_autoptr(PlanValidation) validation = NULL;
	const PlanDiagnostic *first;

	for (guint i = 0; i < 1500; i++) {
		g_autofree char *name = g_strdup_printf("v%u", i);
		g_autofree char *cidr = g_strdup_printf("%u.%u.0.0/16", 11 + i / 256, i % 256);
		add_vpc(model, name, cidr);
	}
	validation = test_validate(model);
	g_assert_cmpuint(count_code(validation, "vpc-cidr-range"), ==, PLAN_RULE_MAX_FINDINGS + 1);
	/* the count has no place, so it sorts first */
	first = g_ptr_array_index(validation->diagnostics, 0);
	g_assert_cmpstr(first->code, ==, "vpc-cidr-range");
	g_assert_cmpint(first->severity, ==, PLAN_SEVERITY_WARNING);
	g_assert_cmpstr(first->message, ==,
			"and 500 more vpc-cidr-range findings (0 errors, 500 warnings, 0 notes) "
			"after the first 1000, which are listed; fix those and run validate again "
			"(the limit is in docs/limits.md)");
	/* the listed ones are the first 1,000 in order; without places that is by path, where
	 * vpcs[54] is the 1,000th of vpcs[0] .. vpcs[1499] */
	g_assert_cmpstr(((PlanDiagnostic *)g_ptr_array_index(validation->diagnostics, 1000))->path,
			==, "vpcs[54].cidr");
}

/* the table: codes unique and kebab-case, every one documented in docs/rules.md */
static void
test_rule_table(void)
{
	guint n_rules = 0;
	const PlanRule *rules = plan_rules(&n_rules);
	g_autofree char *docs_path =
	    g_test_build_filename(G_TEST_DIST, "..", "docs", "rules.md", NULL);
	g_autofree char *docs = NULL;
	g_autoptr(GHashTable) seen = g_hash_table_new(g_str_hash, g_str_equal);

	g_assert_cmpuint(n_rules, >=, 19);
	for (guint i = 0; i < n_rules; i++) {
		g_assert_nonnull(rules[i].check);
		g_assert_nonnull(rules[i].summary);
		g_assert_true(
		    g_regex_match_simple("^[a-z0-9]+(-[a-z0-9]+)+$", rules[i].code, 0, 0));
		g_assert_true(g_hash_table_add(seen, (gpointer)rules[i].code));
	}
	if (!g_file_get_contents(docs_path, &docs, NULL, NULL)) {
		g_test_skip("docs/rules.md not found (set G_TEST_SRCDIR to tests/)");
		return;
	}
	for (guint i = 0; i < n_rules; i++) {
		g_autofree char *heading = g_strdup_printf("\n## %s\n", rules[i].code);
		if (strstr(docs, heading) == NULL)
			g_error("docs/rules.md has no section '## %s'", rules[i].code);
	}
}

/* the deployment peak the address rules and the diagram share: ceil(peak × maximum_percent /
 * 100), peak being the autoscaling max when it is above desired */
static void
test_deployment_peak(void)
{
	PlanService *service = plan_service_new();

	service->desired_count = 7;
	service->deployment.maximum_percent = 150;
	g_assert_cmpint(plan_service_deployment_peak(service), ==, 11); /* 10.5 up */
	service->autoscaling.present = TRUE;
	service->autoscaling.max = 20;
	service->deployment.maximum_percent = 200;
	g_assert_cmpint(plan_service_deployment_peak(service), ==, 40);
	service->autoscaling.max = G_MAXINT64 / 2;
	/* capped at G_MAXINT64 before dividing: 92233720368547758.07 up */
	g_assert_cmpint(plan_service_deployment_peak(service), ==,
			G_GINT64_CONSTANT(92233720368547759));
	plan_service_free(service);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	for (guint i = 0; i < G_N_ELEMENTS(rule_cases); i++) {
		g_autofree char *path = g_strdup_printf("/planner/network/%s", rule_cases[i].name);
		g_test_add_data_func(path, &rule_cases[i], run_rule_case);
	}
	for (guint i = 0; i < G_N_ELEMENTS(capacity_cases); i++) {
		g_autofree char *path =
		    g_strdup_printf("/planner/network/ip-capacity/%s", capacity_cases[i].name);
		g_test_add_data_func(path, &capacity_cases[i], run_capacity_case);
	}
	g_test_add_func("/planner/network/deployment-peak", test_deployment_peak);
	g_test_add_func("/planner/network/peak/autoscaling", test_peak_autoscaling);
	g_test_add_func("/planner/network/peak/rounding", test_peak_rounding);
	g_test_add_func("/planner/network/peak/auto-subnet", test_peak_auto_subnet);
	g_test_add_func("/planner/network/subnet-overlap/message", test_subnet_overlap_message);
	g_test_add_func("/planner/network/subnet-overlap/scale", test_subnet_overlap_scale);
	g_test_add_func("/planner/network/subnet-overlap/grouped", test_overlap_grouped_subnets);
	g_test_add_func("/planner/network/vpc-overlap/grouped", test_overlap_grouped_vpcs);
	g_test_add_func("/planner/network/findings/bounded", test_findings_bounded);
	g_test_add_func("/planner/network/rules/table", test_rule_table);
	return g_test_run();
}
