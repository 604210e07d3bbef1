/* ecsplan: network validation — the engine behind `ecsplan validate`: per-subnet peak
 * addresses, the shared reporting and free-space helpers, the rule table and plan_validate().
 * the rules live in network-blocks.c (CIDR, VPC and subnet blocks) and network-routes.c (AZs,
 * load balancers, NAT, egress, capacity); each is one plan_check_<code>() and one table row;
 * docs/rules.md has a section per code. */
#include "network-private.h"

/* ---- small helpers ---- */

static int
compare_gint(gconstpointer a, gconstpointer b)
{
	gint x = *(const gint *)a;
	gint y = *(const gint *)b;
	return (x > y) - (x < y);
}

/* the distinct resolved entries of @indices (gint, -1 = unresolved), sorted: a subnet listed
 * twice holds one share, as AWS treats it */
GArray *
plan_network_distinct_indices(const GArray *indices)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(gint));
	guint kept = 0;

	for (guint i = 0; indices != NULL && i < indices->len; i++) {
		gint index = index_at(indices, i);
		if (index >= 0)
			g_array_append_val(out, index);
	}
	g_array_sort(out, compare_gint);
	for (guint i = 0; i < out->len; i++) {
		if (kept > 0 && index_at(out, i) == index_at(out, kept - 1))
			continue;
		g_array_index(out, gint, kept++) = index_at(out, i);
	}
	g_array_set_size(out, kept);
	return out;
}

/* @prefix at another length: a shorter one gives the block that holds it, a longer one the
 * first block inside it */
PlanPrefix
plan_network_prefix_resized(const PlanPrefix *prefix, guint length)
{
	PlanPrefix out = *prefix;
	guint host_bits = plan_prefix_max_length(prefix) - length;

	if (host_bits >= 128) {
		out.hi = 0;
		out.lo = 0;
	} else if (host_bits >= 64) {
		out.lo = 0;
		if (host_bits > 64)
			out.hi &= ~((G_GUINT64_CONSTANT(1) << (host_bits - 64)) - 1);
	} else if (host_bits > 0) {
		out.lo &= ~((G_GUINT64_CONSTANT(1) << host_bits) - 1);
	}
	out.length = length;
	return out;
}

/* ---- the CIDR fields of the model ---- */

PlanCidrField
plan_network_vpc_field(const PlanVpc *vpc, guint i)
{
	PlanCidrField field = {
	    .owner = &vpc->origin, .kind = "vpc", .name = label(vpc->name), .position = -1};
	if (i == 0) {
		field.cidr = &vpc->cidr;
		field.field = "cidr";
		field.key = "cidr";
		field.example = "10.0.0.0/16";
	} else if (i <= vpc->secondary_cidrs->len) {
		field.cidr = &g_array_index(vpc->secondary_cidrs, PlanCidr, i - 1);
		field.field = "secondary cidr";
		field.key = "secondary_cidrs";
		field.position = (gint)i - 1;
		field.example = "100.64.0.0/16";
	} else {
		field.cidr = &vpc->ipv6_cidr;
		field.field = "ipv6 cidr";
		field.key = "ipv6_cidr";
		field.example = "2001:db8:1200::/56";
	}
	return field;
}

PlanCidrField
plan_network_subnet_field(const PlanSubnet *subnet, gboolean ipv6)
{
	PlanCidrField field = {.owner = &subnet->origin,
			       .kind = "subnet",
			       .name = label(subnet->name),
			       .position = -1};
	field.cidr = ipv6 ? &subnet->ipv6_cidr : &subnet->cidr;
	field.field = ipv6 ? "ipv6 cidr" : "cidr";
	field.key = ipv6 ? "ipv6_cidr" : "cidr";
	field.example = ipv6 ? "2001:db8:1200:1::/64" : "10.0.1.0/24";
	return field;
}

/* the JSON path of a field: the loader's when it recorded one, else built from the owner */
char *
plan_network_field_path(const PlanCidrField *field)
{
	if (field->cidr->path != NULL)
		return g_strdup(field->cidr->path);
	if (field->position >= 0)
		return g_strdup_printf("%s.%s[%d]",
				       field->owner->path != NULL ? field->owner->path : "",
				       field->key, field->position);
	return g_strdup_printf("%s.%s", field->owner->path != NULL ? field->owner->path : "",
			       field->key);
}

/* adds a diagnostic about @origin (borrowed) and returns it (borrowed) */
PlanDiagnostic *
plan_network_report(GPtrArray *diagnostics, PlanSeverity severity, const char *code,
		    const PlanOrigin *origin, const char *suffix, const char *format, ...)
{
	g_autofree char *message = NULL;
	va_list args;

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	return plan_diagnostics_add(diagnostics, severity, code, origin, suffix, NULL, "%s",
				    message);
}

/* adds a diagnostic that points at a CIDR field itself, so the place is the value to edit */
PlanDiagnostic *
plan_network_report_field(GPtrArray *diagnostics, PlanSeverity severity, const char *code,
			  const PlanCidrField *field, const char *format, ...)
{
	g_autofree char *message = NULL;
	g_autofree char *path = plan_network_field_path(field);
	PlanOrigin origin = {
	    .path = path, .loc = field->owner->loc, .source = field->owner->source};
	va_list args;

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	return plan_diagnostics_add(diagnostics, severity, code, &origin, NULL, &field->cidr->loc,
				    "%s", message);
}

/* ---- peak addresses per subnet ---- */

typedef enum {
	USE_TASK,
	USE_LB,
	USE_NAT,
	USE_ENDPOINT,
	USE_INSTANCE,
} UseKind;

typedef struct {
	GArray *uses;	  /* PlanSubnetUse */
	GPtrArray *parts; /* GString per subnet: the terms of its sum, NULL until one arrives */
	guint *offsets;	  /* per VPC, plus one */
} UseBuilder;

static void
subnet_use_clear(gpointer data)
{
	PlanSubnetUse *use = data;
	g_clear_pointer(&use->arithmetic, g_free);
}

static void
string_free_all(gpointer data)
{
	if (data != NULL)
		g_string_free(data, TRUE);
}

/* allocates offsets[n_vpcs + 1]: where each VPC's subnets start in the flat per-subnet array */
static guint *
subnet_offsets_new(const PlanModel *model)
{
	guint *offsets = g_new0(guint, model->vpcs->len + 1);
	for (guint v = 0; v < model->vpcs->len; v++)
		offsets[v + 1] = offsets[v] + model_vpc(model, (gint)v)->subnets->len;
	return offsets;
}

static void
use_add(UseBuilder *builder, guint vpc_index, gint subnet_index, UseKind kind, gint64 amount,
	const char *term)
{
	guint at;
	PlanSubnetUse *use;
	GString *text;

	if (subnet_index < 0 ||
	    builder->offsets[vpc_index] + (guint)subnet_index >= builder->offsets[vpc_index + 1])
		return;
	at = builder->offsets[vpc_index] + (guint)subnet_index;
	use = &g_array_index(builder->uses, PlanSubnetUse, at);
	switch (kind) {
	case USE_TASK:
		use->task_ips = add_capped(use->task_ips, amount);
		break;
	case USE_LB:
		use->lb_ips = add_capped(use->lb_ips, amount);
		break;
	case USE_NAT:
		use->nat_ips = add_capped(use->nat_ips, amount);
		break;
	case USE_ENDPOINT:
		use->endpoint_ips = add_capped(use->endpoint_ips, amount);
		break;
	case USE_INSTANCE:
		use->instance_ips = add_capped(use->instance_ips, amount);
		break;
	default:
		g_assert_not_reached();
	}
	text = g_ptr_array_index(builder->parts, at);
	if (text == NULL) {
		text = g_string_new(NULL);
		g_ptr_array_index(builder->parts, at) = text;
	} else {
		g_string_append(text, "; ");
	}
	g_string_append(text, term);
}

/* tasks get their own address only in awsvpc mode: always on Fargate, by choice on EC2 [S38] */
static gboolean
service_uses_task_addresses(const PlanService *service)
{
	return service->launch_type == PLAN_LAUNCH_FARGATE ||
	       service->network_mode == PLAN_NETWORK_AWSVPC;
}

/* each service at its peak task count, times maximum_percent during a deployment (old and new
 * tasks run together), spread evenly over its subnets, each share rounded up */
static void
uses_add_services(UseBuilder *builder, const PlanModel *model)
{
	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		const PlanVpc *vpc = model_vpc(model, service->vpc_index);
		g_autoptr(GArray) subnets = NULL;
		g_autofree char *term = NULL;
		gint64 peak = MAX(plan_service_peak_tasks(service), 0);
		gint64 percent = MAX(plan_service_maximum_percent(service), 0);
		gint64 total;
		gint64 each;

		if (vpc == NULL || !service_uses_task_addresses(service))
			continue;
		subnets = plan_network_distinct_indices(service->subnet_indices);
		if (subnets->len == 0)
			continue;
		total = plan_service_deployment_peak(service);
		each = ceil_div(total, subnets->len);
		if (subnets->len == 1)
			term = g_strdup_printf("%s: ceil(%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT
					       " / 100) = %" G_GINT64_FORMAT,
					       label(service->name), peak, percent, each);
		else
			term = g_strdup_printf(
			    "%s: ceil(ceil(%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT
			    " / 100) / %u) = %" G_GINT64_FORMAT,
			    label(service->name), peak, percent, subnets->len, each);
		for (guint k = 0; k < subnets->len; k++)
			use_add(builder, (guint)service->vpc_index, index_at(subnets, k), USE_TASK,
				each, term);
	}
}

/* load balancer nodes, NAT gateway and interface endpoint ENIs [S25][S23c] */
static void
uses_add_vpc_elements(UseBuilder *builder, const PlanVpc *vpc, guint v)
{
	for (guint i = 0; i < vpc->load_balancers->len; i++) {
		const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
		gboolean alb = lb->type == PLAN_LB_APPLICATION;
		gint64 amount = alb ? PLAN_ALB_ADDRESSES_PER_SUBNET : PLAN_NLB_ADDRESSES_PER_SUBNET;
		g_autoptr(GArray) subnets = plan_network_distinct_indices(lb->subnet_indices);
		g_autofree char *term = g_strdup_printf(
		    "%s '%s': %" G_GINT64_FORMAT, alb ? "alb" : "nlb", label(lb->name), amount);
		for (guint k = 0; k < subnets->len; k++)
			use_add(builder, v, index_at(subnets, k), USE_LB, amount, term);
	}
	for (guint i = 0; i < vpc->nat_gateways->len; i++) {
		const PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, i);
		g_autofree char *term = g_strdup_printf("nat '%s': 1", label(nat->name));
		use_add(builder, v, nat->subnet_index, USE_NAT, 1, term);
	}
	for (guint i = 0; i < vpc->endpoints->len; i++) {
		const PlanEndpoint *endpoint = g_ptr_array_index(vpc->endpoints, i);
		g_autoptr(GArray) subnets = NULL;
		g_autofree char *term = NULL;
		if (endpoint->type != PLAN_ENDPOINT_INTERFACE)
			continue;
		subnets = plan_network_distinct_indices(endpoint->subnet_indices);
		term = g_strdup_printf(
		    "endpoint '%s': 1",
		    label(endpoint->name != NULL ? endpoint->name : endpoint->service));
		for (guint k = 0; k < subnets->len; k++)
			use_add(builder, v, index_at(subnets, k), USE_ENDPOINT, 1, term);
	}
}

/* the cluster's subnets in AZ @az (distinct, resolved) */
static GArray *
cluster_subnets_in_az(const PlanVpc *vpc, const GArray *subnets, const char *az)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(gint));
	for (guint k = 0; k < subnets->len; k++) {
		gint s = index_at(subnets, k);
		if (g_strcmp0(vpc_subnet(vpc, s)->az, az) == 0)
			g_array_append_val(out, s);
	}
	return out;
}

/* EC2 container instances at peak: each has its primary ENI's address in its subnet, and a
 * second one for the trunk ENI when trunking is on [S9]. An AZ's instances spread evenly over
 * the cluster's subnets in that AZ, each share rounded up, as tasks are */
static void
uses_add_instances(UseBuilder *builder, const PlanModel *model, const PlanCompute *compute)
{
	for (guint c = 0; compute != NULL && c < compute->clusters->len; c++) {
		const PlanClusterSizing *sizing = g_ptr_array_index(compute->clusters, c);
		const PlanCluster *cluster =
		    g_ptr_array_index(model->clusters, sizing->cluster_index);
		const PlanVpc *vpc = model_vpc(model, cluster->vpc_index);
		gint64 per_instance = sizing->trunking ? 2 : 1;
		g_autoptr(GArray) subnets = NULL;

		if (vpc == NULL)
			continue;
		subnets = plan_network_distinct_indices(cluster->subnet_indices);
		for (guint a = 0; a < sizing->azs->len; a++) {
			const PlanComputeAz *az = &g_array_index(sizing->azs, PlanComputeAz, a);
			g_autoptr(GArray) here = cluster_subnets_in_az(vpc, subnets, az->az);
			g_autoptr(GString) term = g_string_new(NULL);
			gint64 each;

			if (here->len == 0 || az->instances_peak == 0)
				continue;
			each = ceil_div(az->instances_peak, here->len);
			g_string_printf(term, "instances '%s': ", label(cluster->name));
			if (here->len > 1)
				g_string_append_printf(term, "ceil(%" G_GINT64_FORMAT " / %u) = ",
						       az->instances_peak, here->len);
			g_string_append_printf(term, "%" G_GINT64_FORMAT, each);
			if (per_instance > 1)
				g_string_append_printf(term, " × 2 (trunk ENI) = %" G_GINT64_FORMAT,
						       each * per_instance);
			for (guint k = 0; k < here->len; k++)
				use_add(builder, (guint)cluster->vpc_index, index_at(here, k),
					USE_INSTANCE, each * per_instance, term->str);
		}
	}
}

/**
 * plan_subnet_uses:
 * @model: (transfer none): a linked model
 * @compute: (transfer none) (nullable): cluster sizing, for the container instances' addresses
 *
 * Works out the addresses every subnet needs at peak, in model order (VPC, then subnet). Only
 * IPv4 blocks count; a subnet without one (auto, invalid) has total and usable 0 but still gets
 * its peak, which is what `ecsplan alloc` sizes from.
 *
 * Returns: (transfer full): a GArray of PlanSubnetUse that frees each arithmetic string
 */
GArray *
plan_subnet_uses(const PlanModel *model, const PlanCompute *compute)
{
	GArray *uses;
	g_autoptr(GPtrArray) parts = NULL;
	g_autofree guint *offsets = NULL;
	UseBuilder builder;

	g_return_val_if_fail(model != NULL, NULL);

	offsets = subnet_offsets_new(model);
	uses = g_array_sized_new(FALSE, TRUE, sizeof(PlanSubnetUse), offsets[model->vpcs->len]);
	g_array_set_clear_func(uses, subnet_use_clear);
	parts = g_ptr_array_new_full(offsets[model->vpcs->len], string_free_all);
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint s = 0; s < vpc->subnets->len; s++) {
			const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
			PlanSubnetUse use = {.vpc_index = v, .subnet_index = s};
			if (plan_cidr_usable(&subnet->cidr) && !is_ipv6(&subnet->cidr.prefix)) {
				use.total = (gint64)plan_prefix_addresses(&subnet->cidr.prefix);
				use.usable = MAX(use.total - PLAN_AWS_RESERVED_PER_SUBNET, 0);
			}
			g_array_append_val(uses, use);
			g_ptr_array_add(parts, NULL);
		}
	}

	builder = (UseBuilder){.uses = uses, .parts = parts, .offsets = offsets};
	uses_add_services(&builder, model);
	uses_add_instances(&builder, model, compute);
	for (guint v = 0; v < model->vpcs->len; v++)
		uses_add_vpc_elements(&builder, model_vpc(model, (gint)v), v);

	for (guint i = 0; i < uses->len; i++) {
		PlanSubnetUse *use = &g_array_index(uses, PlanSubnetUse, i);
		GString *text = g_ptr_array_index(parts, i);
		use->peak = add_capped(
		    add_capped(use->task_ips, use->lb_ips),
		    add_capped(add_capped(use->nat_ips, use->endpoint_ips), use->instance_ips));
		if (text == NULL) {
			use->arithmetic = g_strdup("");
			continue;
		}
		g_string_append_printf(text, " → %" G_GINT64_FORMAT, use->peak);
		use->arithmetic = g_string_free(text, FALSE);
		g_ptr_array_index(parts, i) = NULL;
	}
	return uses;
}

/* ---- free space, for concrete suggestions in messages ---- */

/* the free blocks of @container once @used is taken out; plan_prefix_free_blocks() ignores
 * blocks of @used outside the container and copes with nested or repeated ones */
static GArray *
container_free_blocks(const PlanPrefix *container, const GArray *used)
{
	return plan_prefix_free_blocks(container, (const PlanPrefix *)(gpointer)used->data,
				       used->len);
}

/* the first aligned block of @length in @free (free blocks in preference order) */
static gboolean
first_fit(const GArray *free, guint length, PlanPrefix *out)
{
	for (guint i = 0; free != NULL && i < free->len; i++) {
		const PlanPrefix *block = &g_array_index(free, PlanPrefix, i);
		if (block->length <= length) {
			*out = plan_network_prefix_resized(block, length);
			return TRUE;
		}
	}
	return FALSE;
}

/* the free space of one VPC in one family: its blocks minus its subnets */
static const GArray *
vpc_free_space(const PlanRuleContext *context, guint vpc_index, gboolean ipv6)
{
	gpointer key = GUINT_TO_POINTER(vpc_index << 1 | (ipv6 ? 1u : 0u));
	const PlanVpc *vpc = model_vpc(context->model, (gint)vpc_index);
	GArray *space = g_hash_table_lookup(context->free_space, key);
	g_autoptr(GArray) used = NULL;

	if (space != NULL)
		return space;
	used = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	for (guint s = 0; s < vpc->subnets->len; s++) {
		const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
		const PlanCidr *cidr = ipv6 ? &subnet->ipv6_cidr : &subnet->cidr;
		if (plan_cidr_usable(cidr))
			g_array_append_val(used, cidr->prefix);
	}
	space = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	for (guint i = 0; i < vpc_n_fields(vpc); i++) {
		PlanCidrField field = plan_network_vpc_field(vpc, i);
		g_autoptr(GArray) free = NULL;
		if (!plan_cidr_usable(field.cidr) || is_ipv6(&field.cidr->prefix) != ipv6)
			continue;
		free = container_free_blocks(&field.cidr->prefix, used);
		if (free != NULL)
			g_array_append_vals(space, free->data, free->len);
	}
	g_hash_table_insert(context->free_space, key, space);
	return space;
}

/* a free block of @length in the VPC, as text in @buf; FALSE when none fits */
gboolean
plan_network_suggest_subnet_block(const PlanRuleContext *context, guint vpc_index, gboolean ipv6,
				  guint length, char *buf, gsize bufsize)
{
	PlanPrefix block;
	if (!first_fit(vpc_free_space(context, vpc_index, ipv6), length, &block))
		return FALSE;
	plan_prefix_format(&block, buf, bufsize);
	return TRUE;
}

/* a block of @length in @container that no VPC of the model (nor @avoid) uses */
gboolean
plan_network_suggest_vpc_block(const PlanRuleContext *context, const PlanPrefix *container,
			       guint length, const PlanPrefix *avoid, guint n_avoid, char *buf,
			       gsize bufsize)
{
	g_autoptr(GArray) used = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	g_autoptr(GArray) free = NULL;
	PlanPrefix block;

	if (length < container->length)
		return FALSE;
	g_array_append_vals(used, avoid, n_avoid);
	for (guint v = 0; v < context->model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(context->model, (gint)v);
		for (guint i = 0; i < vpc_n_fields(vpc); i++) {
			PlanCidrField field = plan_network_vpc_field(vpc, i);
			if (plan_cidr_usable(field.cidr))
				g_array_append_val(used, field.cidr->prefix);
		}
	}
	free = container_free_blocks(container, used);
	if (!first_fit(free, length, &block))
		return FALSE;
	plan_prefix_format(&block, buf, bufsize);
	return TRUE;
}

/* ", e.g. <lead> X" for a free block X of @length in the VPC, or "" when none fits */
char *
plan_network_free_block_hint(const PlanRuleContext *context, guint vpc_index, gboolean ipv6,
			     guint length, const char *lead)
{
	char block[PLAN_PREFIX_TEXT_SIZE];
	if (!plan_network_suggest_subnet_block(context, vpc_index, ipv6, length, block,
					       sizeof block))
		return g_strdup("");
	return g_strdup_printf(", e.g. %s %s", lead, block);
}

/* ---- the rule table ---- */

static const PlanRule rules[] = {
    {"cidr-invalid", PLAN_SEVERITY_ERROR, "a CIDR does not parse", plan_check_cidr_invalid},
    {"cidr-host-bits", PLAN_SEVERITY_ERROR, "a CIDR has host bits set", plan_check_cidr_host_bits},
    {"vpc-cidr-size", PLAN_SEVERITY_ERROR, "a VPC block is not /16 to /28 (IPv6: /56)",
     plan_check_vpc_cidr_size},
    {"vpc-cidr-range", PLAN_SEVERITY_WARNING,
     "a VPC block is public, overlaps 172.17.0.0/16, or is a secondary block AWS forbids "
     "(error)",
     plan_check_vpc_cidr_range},
    {"vpc-cidr-overlap", PLAN_SEVERITY_ERROR, "two blocks of one VPC overlap",
     plan_check_vpc_cidr_overlap},
    {"vpc-overlap", PLAN_SEVERITY_WARNING, "two VPCs overlap (error when they are peered)",
     plan_check_vpc_overlap},
    {"subnet-size", PLAN_SEVERITY_ERROR, "a subnet is not /16 to /28 (IPv6: /64)",
     plan_check_subnet_size},
    {"subnet-outside-vpc", PLAN_SEVERITY_ERROR, "a subnet is not inside its VPC's blocks",
     plan_check_subnet_outside_vpc},
    {"subnet-overlap", PLAN_SEVERITY_ERROR, "two subnets of a VPC overlap",
     plan_check_subnet_overlap},
    {"az-unknown", PLAN_SEVERITY_ERROR, "the region or an AZ is unknown", plan_check_az_unknown},
    {"tier-single-az", PLAN_SEVERITY_WARNING, "a tier (or a VPC that runs services) sits in one AZ",
     plan_check_tier_single_az},
    {"lb-single-az", PLAN_SEVERITY_ERROR,
     "a load balancer has subnets in fewer than two AZs (NLB: warning)", plan_check_lb_single_az},
    {"lb-subnet-small", PLAN_SEVERITY_ERROR,
     "an ALB subnet is smaller than /27 or has fewer than 8 free addresses at peak",
     plan_check_lb_subnet_small},
    {"lb-scheme-subnet", PLAN_SEVERITY_ERROR,
     "an internet-facing load balancer has no route from the internet",
     plan_check_lb_scheme_subnet},
    {"nat-not-public", PLAN_SEVERITY_ERROR, "a public NAT gateway has no internet route",
     plan_check_nat_not_public},
    {"nat-cross-az", PLAN_SEVERITY_WARNING, "a private subnet routes to a NAT in another AZ",
     plan_check_nat_cross_az},
    {"egress-missing", PLAN_SEVERITY_ERROR, "a Fargate service's tasks cannot pull images",
     plan_check_egress_missing},
    {"ip-exhaustion", PLAN_SEVERITY_ERROR, "a subnet needs more addresses at peak than it has",
     plan_check_ip_exhaustion},
    {"ip-headroom", PLAN_SEVERITY_WARNING, "a subnet is more than 80% used at peak",
     plan_check_ip_headroom},
    {"service-single-az", PLAN_SEVERITY_WARNING, "a service's subnets are all in one AZ",
     plan_check_service_single_az},
    {"fargate-task-size", PLAN_SEVERITY_ERROR,
     "a Fargate task's cpu/memory is not a valid Fargate size", plan_check_fargate_task_size},
    {"container-exceeds-task", PLAN_SEVERITY_ERROR,
     "the containers ask for more cpu or memory than the task has",
     plan_check_container_exceeds_task},
    {"strategy-base", PLAN_SEVERITY_ERROR,
     "more than one capacity provider strategy item has a base", plan_check_strategy_base},
    {"autoscaling-range", PLAN_SEVERITY_ERROR,
     "autoscaling (or a cluster's) min is above max; desired outside [min, max] (warning)",
     plan_check_autoscaling_range},
    {"deployment-stuck", PLAN_SEVERITY_WARNING,
     "maximum_percent and minimum_healthy_percent leave a rolling deployment no room",
     plan_check_deployment_stuck},
    {"ec2-instance-type-unknown", PLAN_SEVERITY_ERROR,
     "a cluster's instance type is not in the price book (note: no book for the region)",
     plan_check_ec2_instance_type_unknown},
    {"ec2-task-unplaceable", PLAN_SEVERITY_ERROR, "a task fits no instance of its cluster's type",
     plan_check_ec2_task_unplaceable},
    {"ec2-capacity", PLAN_SEVERITY_ERROR, "a cluster's max instances cannot hold the peak",
     plan_check_ec2_capacity},
    {"eni-limit", PLAN_SEVERITY_WARNING,
     "awsvpc tasks on EC2 are limited by the instance's ENIs, not its CPU or memory",
     plan_check_eni_limit},
    {"cluster-single-az", PLAN_SEVERITY_WARNING,
     "every instance of an EC2 cluster runs in one AZ, so its services do too",
     plan_check_cluster_single_az},
};

/**
 * plan_rules:
 * @n_rules: (out): how many rows the table has
 *
 * Returns: (transfer none): the rule catalogue, in the order plan_validate() runs it
 */
const PlanRule *
plan_rules(guint *n_rules)
{
	g_return_val_if_fail(n_rules != NULL, NULL);
	*n_rules = G_N_ELEMENTS(rules);
	return rules;
}

/**
 * plan_validate:
 * @model: (transfer none): a linked model (plan_model_link)
 * @book: (transfer none) (nullable): the price book whose instance specs the EC2 rules use.
 *   When there is none, the EC2 rules that need specs are skipped and
 *   ec2-instance-type-unknown says so once, as a note.
 * @compute: (transfer none) (nullable): the clusters sized with @book (plan_compute); NULL
 *   exactly when @book is NULL
 *
 * Works out per-subnet peak addresses (container instances included) and runs every rule of
 * the table. The model's link findings are copied in; its load diagnostics are not (the caller,
 * plan_analyse, merges them). Call plan_analyse() rather than this.
 *
 * Returns: (transfer full): the findings (link and rule findings, sorted) and per-subnet use
 */
PlanValidation *
plan_validate(const PlanModel *model, const PlanPriceBook *book, const PlanCompute *compute)
{
	g_autoptr(PlanValidation) validation = NULL;
	g_autofree guint *offsets = NULL;
	g_autoptr(GHashTable) free_space = NULL;
	PlanRuleContext context;

	g_return_val_if_fail(model != NULL, NULL);
	g_return_val_if_fail(model->linked, NULL);

	validation = g_new0(PlanValidation, 1);
	validation->diagnostics = plan_diagnostics_new();
	for (guint i = 0; i < model->link_diagnostics->len; i++)
		g_ptr_array_add(validation->diagnostics,
				plan_diagnostic_copy(g_ptr_array_index(model->link_diagnostics, i)));
	validation->subnets = plan_subnet_uses(model, compute);

	offsets = subnet_offsets_new(model);
	free_space = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					   (GDestroyNotify)g_array_unref);
	context = (PlanRuleContext){
	    .model = model,
	    .uses = validation->subnets,
	    .use_offsets = offsets,
	    .region = model->region != NULL ? plan_region_lookup(model->region) : NULL,
	    .free_space = free_space,
	    .book = book,
	    .compute = compute,
	};
	for (guint i = 0; i < G_N_ELEMENTS(rules); i++)
		rules[i].check(&context, validation->diagnostics);
	plan_diagnostics_sort(validation->diagnostics);
	return g_steal_pointer(&validation);
}

/**
 * plan_validation_free:
 * @validation: (transfer full) (nullable): what plan_validate() returned
 */
void
plan_validation_free(PlanValidation *validation)
{
	if (validation == NULL)
		return;
	g_clear_pointer(&validation->diagnostics, g_ptr_array_unref);
	g_clear_pointer(&validation->subnets, g_array_unref);
	g_free(validation);
}
