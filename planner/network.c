/* ecsplan: network validation — the address, AZ, egress and capacity rules behind
 * `ecsplan validate`. each rule is one static check_<code>() and one row in the table at the end
 * of this file; docs/rules.md has a section per code, with the facts behind it. */
#include "network.h"

#include <string.h>

#include "regions.h"

/* room for the longest prefix text, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" (43 bytes) */
#define PREFIX_TEXT_SIZE 64

/* AWS VPC and subnet block sizes [S23] */
#define IPV4_SHORTEST_LENGTH 16
#define IPV4_LONGEST_LENGTH 28
#define IPV6_VPC_LENGTH 56
#define IPV6_SUBNET_LENGTH 64
/* an ALB subnet must be a /27 or larger [S25] */
#define ALB_LONGEST_LENGTH 27
/* an NLB node takes one address in each of its subnets */
#define NLB_ADDRESSES_PER_SUBNET 1

struct _PlanRuleContext {
	const PlanModel *model;
	const GArray *uses;       /* PlanSubnetUse in model order (borrowed) */
	guint *use_offsets;       /* per VPC, plus one: index of its first subnet in uses */
	const PlanRegion *region; /* NULL when the model's region is unknown */
	/* (vpc index << 1 | is_ipv6) → GArray of PlanPrefix: the VPC's free space, filled lazily
	 * the first time a message wants to suggest a free block in it */
	GHashTable *free_space;
};

/* ---- small helpers ---- */

static const char *
label(const char *name)
{
	return name != NULL ? name : "(unnamed)";
}

/* counts are below 1e6 (the loader enforces it), so products stay far from the limit; the caps
 * only keep hostile input from wrapping */
static gint64
add_capped(gint64 a, gint64 b)
{
	if (b > G_MAXINT64 - a)
		return G_MAXINT64;
	return a + b;
}

static gint64
multiply_capped(gint64 a, gint64 b)
{
	if (a != 0 && b > G_MAXINT64 / a)
		return G_MAXINT64;
	return a * b;
}

/* a / b rounded up, for a >= 0 and b > 0 */
static gint64
ceil_div(gint64 a, gint64 b)
{
	return a / b + (a % b != 0 ? 1 : 0);
}

static const PlanVpc *
model_vpc(const PlanModel *model, gint index)
{
	if (index < 0 || (guint)index >= model->vpcs->len)
		return NULL;
	return g_ptr_array_index(model->vpcs, index);
}

static const PlanSubnet *
vpc_subnet(const PlanVpc *vpc, gint index)
{
	if (index < 0 || (guint)index >= vpc->subnets->len)
		return NULL;
	return g_ptr_array_index(vpc->subnets, index);
}

static gint
index_at(const GArray *indices, guint position)
{
	return g_array_index(indices, gint, position);
}

static int
compare_gint(gconstpointer a, gconstpointer b)
{
	gint x = *(const gint *)a;
	gint y = *(const gint *)b;
	return (x > y) - (x < y);
}

/* the distinct resolved entries of @indices (gint, -1 = unresolved), sorted: a subnet listed
 * twice holds one share, as AWS treats it */
static GArray *
distinct_indices(const GArray *indices)
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

static PlanPrefix
ipv4_block(guint32 address, guint length)
{
	PlanPrefix prefix = {.hi = 0, .lo = address, .family = PLAN_FAMILY_IPV4, .length = length};
	return prefix;
}

/* @prefix at another length: a shorter one gives the block that holds it, a longer one the
 * first block inside it */
static PlanPrefix
prefix_resized(const PlanPrefix *prefix, guint length)
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

static gboolean
is_ipv6(const PlanPrefix *prefix)
{
	return prefix->family == PLAN_FAMILY_IPV6;
}

/* ---- the CIDR fields of the model ---- */

/* one CIDR field of a VPC or subnet, and how messages name it */
typedef struct {
	const PlanOrigin *owner;
	const char *kind; /* "vpc" or "subnet" */
	const char *name;
	const PlanCidr *cidr;
	const char *field;   /* "cidr", "secondary cidr", "ipv6 cidr" */
	const char *key;     /* the JSON key: "cidr", "secondary_cidrs", "ipv6_cidr" */
	gint position;       /* index in secondary_cidrs, -1 otherwise */
	const char *example; /* a well-formed value for this field */
} CidrField;

/* a VPC has 2 + n_secondary CIDR fields: the primary, the secondaries, then ipv6_cidr */
static guint
vpc_n_fields(const PlanVpc *vpc)
{
	return 2 + vpc->secondary_cidrs->len;
}

static CidrField
vpc_field(const PlanVpc *vpc, guint i)
{
	CidrField field = {.owner = &vpc->origin, .kind = "vpc", .name = label(vpc->name),
			   .position = -1};
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

static CidrField
subnet_field(const PlanSubnet *subnet, gboolean ipv6)
{
	CidrField field = {.owner = &subnet->origin, .kind = "subnet", .name = label(subnet->name),
			   .position = -1};
	field.cidr = ipv6 ? &subnet->ipv6_cidr : &subnet->cidr;
	field.field = ipv6 ? "ipv6 cidr" : "cidr";
	field.key = ipv6 ? "ipv6_cidr" : "cidr";
	field.example = ipv6 ? "2001:db8:1200:1::/64" : "10.0.1.0/24";
	return field;
}

/* the JSON path of a field: the loader's when it recorded one, else built from the owner */
static char *
field_path(const CidrField *field)
{
	if (field->cidr->path != NULL)
		return g_strdup(field->cidr->path);
	if (field->position >= 0)
		return g_strdup_printf("%s.%s[%d]", field->owner->path != NULL ? field->owner->path : "",
				       field->key, field->position);
	return g_strdup_printf("%s.%s", field->owner->path != NULL ? field->owner->path : "",
			       field->key);
}

static PlanDiagnostic *report(GPtrArray *diagnostics, PlanSeverity severity, const char *code,
			      const PlanOrigin *origin, const char *suffix, const char *format, ...)
	G_GNUC_PRINTF(6, 7);
static PlanDiagnostic *report_field(GPtrArray *diagnostics, PlanSeverity severity,
				    const char *code, const CidrField *field, const char *format,
				    ...) G_GNUC_PRINTF(5, 6);

/* adds a diagnostic about @origin (borrowed) and returns it (borrowed) */
static PlanDiagnostic *
report(GPtrArray *diagnostics, PlanSeverity severity, const char *code, const PlanOrigin *origin,
       const char *suffix, const char *format, ...)
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
static PlanDiagnostic *
report_field(GPtrArray *diagnostics, PlanSeverity severity, const char *code,
	     const CidrField *field, const char *format, ...)
{
	g_autofree char *message = NULL;
	g_autofree char *path = field_path(field);
	PlanOrigin origin = {.path = path, .loc = field->owner->loc, .source = field->owner->source};
	va_list args;

	va_start(args, format);
	message = g_strdup_vprintf(format, args);
	va_end(args);
	return plan_diagnostics_add(diagnostics, severity, code, &origin, NULL, &field->cidr->loc,
				    "%s", message);
}

static void
add_related(PlanDiagnostic *diagnostic, const char *path)
{
	if (path != NULL)
		plan_diagnostic_add_related(diagnostic, path);
}

/* ---- peak addresses per subnet ---- */

typedef enum {
	USE_TASK,
	USE_LB,
	USE_NAT,
	USE_ENDPOINT,
} UseKind;

typedef struct {
	GArray *uses;     /* PlanSubnetUse */
	GPtrArray *parts; /* GString per subnet: the terms of its sum, NULL until one arrives */
	guint *offsets;   /* per VPC, plus one */
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
		subnets = distinct_indices(service->subnet_indices);
		if (subnets->len == 0)
			continue;
		total = ceil_div(multiply_capped(peak, percent), 100);
		each = ceil_div(total, subnets->len);
		if (subnets->len == 1)
			term = g_strdup_printf("%s: ceil(%" G_GINT64_FORMAT " × %" G_GINT64_FORMAT
					       " / 100) = %" G_GINT64_FORMAT,
					       label(service->name), peak, percent, each);
		else
			term = g_strdup_printf("%s: ceil(ceil(%" G_GINT64_FORMAT
					       " × %" G_GINT64_FORMAT " / 100) / %u) = %" G_GINT64_FORMAT,
					       label(service->name), peak, percent, subnets->len, each);
		for (guint k = 0; k < subnets->len; k++)
			use_add(builder, (guint)service->vpc_index, index_at(subnets, k), USE_TASK, each,
				term);
	}
}

/* load balancer nodes, NAT gateway and interface endpoint ENIs [S25][S23c] */
static void
uses_add_vpc_elements(UseBuilder *builder, const PlanVpc *vpc, guint v)
{
	for (guint i = 0; i < vpc->load_balancers->len; i++) {
		const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
		gboolean alb = lb->type == PLAN_LB_APPLICATION;
		gint64 amount = alb ? PLAN_ALB_ADDRESSES_PER_SUBNET : NLB_ADDRESSES_PER_SUBNET;
		g_autoptr(GArray) subnets = distinct_indices(lb->subnet_indices);
		g_autofree char *term = g_strdup_printf("%s '%s': %" G_GINT64_FORMAT,
							alb ? "alb" : "nlb", label(lb->name), amount);
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
		subnets = distinct_indices(endpoint->subnet_indices);
		term = g_strdup_printf("endpoint '%s': 1",
				       label(endpoint->name != NULL ? endpoint->name
								    : endpoint->service));
		for (guint k = 0; k < subnets->len; k++)
			use_add(builder, v, index_at(subnets, k), USE_ENDPOINT, 1, term);
	}
}

/**
 * plan_subnet_uses:
 * @model: (transfer none): a model that plan_model_link() has resolved
 *
 * Works out the addresses every subnet needs at peak, in model order (VPC, then subnet). Only
 * IPv4 blocks count; a subnet without one (auto, invalid) has total and usable 0 but still gets
 * its peak, which is what `ecsplan alloc` sizes from.
 *
 * Returns: (transfer full): a GArray of PlanSubnetUse that frees each arithmetic string
 */
GArray *
plan_subnet_uses(const PlanModel *model)
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
	for (guint v = 0; v < model->vpcs->len; v++)
		uses_add_vpc_elements(&builder, model_vpc(model, (gint)v), v);

	for (guint i = 0; i < uses->len; i++) {
		PlanSubnetUse *use = &g_array_index(uses, PlanSubnetUse, i);
		GString *text = g_ptr_array_index(parts, i);
		/* EC2 container instances take addresses too; they are counted once the model
		 * places instances in subnets (issue: compute), so instance_ips stays 0 here */
		use->instance_ips = 0;
		use->peak = add_capped(add_capped(use->task_ips, use->lb_ips),
				       add_capped(add_capped(use->nat_ips, use->endpoint_ips),
						  use->instance_ips));
		if (text == NULL)
			use->arithmetic = g_strdup("");
		else
			use->arithmetic =
				g_strdup_printf("%s → %" G_GINT64_FORMAT, text->str, use->peak);
	}
	return uses;
}

static const PlanSubnetUse *
subnet_use(const PlanRuleContext *context, guint vpc_index, guint subnet_index)
{
	return &g_array_index(context->uses, PlanSubnetUse,
			      context->use_offsets[vpc_index] + subnet_index);
}

/* ---- free space, for concrete suggestions in messages ---- */

static int
compare_prefix(gconstpointer a, gconstpointer b)
{
	return plan_prefix_compare(a, b);
}

/* the free blocks of @container once @used (any order, may nest or repeat) is taken out;
 * NULL when nothing is free */
static GArray *
container_free_blocks(const PlanPrefix *container, const GArray *used)
{
	g_autoptr(GArray) inside = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	guint kept = 0;

	for (guint i = 0; i < used->len; i++) {
		const PlanPrefix *prefix = &g_array_index(used, PlanPrefix, i);
		if (prefix->family != container->family || !plan_prefix_overlaps(prefix, container))
			continue;
		if (plan_prefix_contains(prefix, container))
			return NULL;
		g_array_append_val(inside, *prefix);
	}
	/* keep only outermost blocks, so the free-space walk sees disjoint ones */
	g_array_sort(inside, compare_prefix);
	for (guint i = 0; i < inside->len; i++) {
		const PlanPrefix *prefix = &g_array_index(inside, PlanPrefix, i);
		if (kept > 0 &&
		    plan_prefix_overlaps(&g_array_index(inside, PlanPrefix, kept - 1), prefix))
			continue;
		g_array_index(inside, PlanPrefix, kept++) = *prefix;
	}
	g_array_set_size(inside, kept);
	return plan_prefix_free_blocks(container, (const PlanPrefix *)(gpointer)inside->data,
				       inside->len);
}

/* the first aligned block of @length in @free (free blocks in preference order) */
static gboolean
first_fit(const GArray *free, guint length, PlanPrefix *out)
{
	for (guint i = 0; free != NULL && i < free->len; i++) {
		const PlanPrefix *block = &g_array_index(free, PlanPrefix, i);
		if (block->length <= length) {
			*out = prefix_resized(block, length);
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
		CidrField field = vpc_field(vpc, i);
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
static gboolean
suggest_subnet_block(const PlanRuleContext *context, guint vpc_index, gboolean ipv6, guint length,
		     char *buf, gsize bufsize)
{
	PlanPrefix block;
	if (!first_fit(vpc_free_space(context, vpc_index, ipv6), length, &block))
		return FALSE;
	plan_prefix_format(&block, buf, bufsize);
	return TRUE;
}

/* a block of @length in @container that no VPC of the model (nor @avoid) uses */
static gboolean
suggest_vpc_block(const PlanRuleContext *context, const PlanPrefix *container, guint length,
		  const PlanPrefix *avoid, guint n_avoid, char *buf, gsize bufsize)
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
			CidrField field = vpc_field(vpc, i);
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
static char *
free_block_hint(const PlanRuleContext *context, guint vpc_index, gboolean ipv6, guint length,
		const char *lead)
{
	char block[PREFIX_TEXT_SIZE];
	if (!suggest_subnet_block(context, vpc_index, ipv6, length, block, sizeof block))
		return g_strdup("");
	return g_strdup_printf(", e.g. %s %s", lead, block);
}

/* ---- AZ helpers ---- */

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
		return g_strdup_printf("create a %s subnet in %s and add it to its subnets",
				       plan_tier_to_string(tier), other);
	return g_strdup_printf("create a %s subnet in a second AZ and add it to its subnets",
			       plan_tier_to_string(tier));
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

/* the distinct AZs of @subnets (resolved indices into @vpc), in order of first appearance */
static GPtrArray *
distinct_azs(const PlanVpc *vpc, const GArray *subnets)
{
	GPtrArray *azs = g_ptr_array_new();
	for (guint k = 0; k < subnets->len; k++) {
		const PlanSubnet *subnet = vpc_subnet(vpc, index_at(subnets, k));
		if (subnet == NULL || subnet->az == NULL)
			continue;
		if (!g_ptr_array_find_with_equal_func(azs, subnet->az, g_str_equal, NULL))
			g_ptr_array_add(azs, subnet->az);
	}
	return azs;
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

/* ---- rules: CIDR syntax ---- */

static void
check_cidr_field_state(const PlanRuleContext *context, GPtrArray *diagnostics,
		       PlanCidrState state)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		guint n_fields = vpc_n_fields(vpc);
		for (guint i = 0; i < n_fields + 2 * vpc->subnets->len; i++) {
			CidrField field = i < n_fields
						  ? vpc_field(vpc, i)
						  : subnet_field(vpc_subnet(vpc, (gint)(i - n_fields) / 2),
								 (i - n_fields) % 2 == 1);
			char canonical[PREFIX_TEXT_SIZE];

			if (field.cidr->state != state)
				continue;
			if (state == PLAN_CIDR_INVALID) {
				report_field(diagnostics, PLAN_SEVERITY_ERROR, "cidr-invalid", &field,
					     "%s '%s' %s '%s' is not a valid block (%s); write it "
					     "like %s",
					     field.kind, field.name, field.field,
					     label(field.cidr->text),
					     field.cidr->error != NULL ? field.cidr->error
								       : "it does not parse",
					     field.example);
				continue;
			}
			plan_prefix_format(&field.cidr->prefix, canonical, sizeof canonical);
			report_field(diagnostics, PLAN_SEVERITY_ERROR, "cidr-host-bits", &field,
				     "%s '%s' %s '%s' has host bits set; use the canonical block %s",
				     field.kind, field.name, field.field, label(field.cidr->text),
				     canonical);
		}
	}
}

static void
check_cidr_invalid(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	check_cidr_field_state(context, diagnostics, PLAN_CIDR_INVALID);
}

static void
check_cidr_host_bits(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	check_cidr_field_state(context, diagnostics, PLAN_CIDR_HOST_BITS);
}

/* ---- rules: VPC blocks ---- */

static void
check_vpc_cidr_size(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc_n_fields(vpc); i++) {
			CidrField field = vpc_field(vpc, i);
			const PlanPrefix *prefix = &field.cidr->prefix;
			char block[PREFIX_TEXT_SIZE];
			char fix[PREFIX_TEXT_SIZE];
			PlanPrefix resized;

			if (!plan_cidr_usable(field.cidr))
				continue;
			plan_prefix_format(prefix, block, sizeof block);
			if (is_ipv6(prefix)) {
				if (prefix->length == IPV6_VPC_LENGTH)
					continue;
				resized = prefix_resized(prefix, IPV6_VPC_LENGTH);
				plan_prefix_format(&resized, fix, sizeof fix);
				report_field(diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-size", &field,
					     "vpc '%s' ipv6 block %s is a /%u, but a vpc ipv6 block "
					     "must be a /56; use e.g. %s",
					     field.name, block, prefix->length, fix);
				continue;
			}
			if (prefix->length >= IPV4_SHORTEST_LENGTH &&
			    prefix->length <= IPV4_LONGEST_LENGTH)
				continue;
			if (prefix->length < IPV4_SHORTEST_LENGTH) {
				resized = prefix_resized(prefix, IPV4_SHORTEST_LENGTH);
				plan_prefix_format(&resized, fix, sizeof fix);
				report_field(diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-size", &field,
					     "vpc '%s' block %s is larger than AWS allows (/16 to "
					     "/28); use a /16 or smaller, e.g. %s, and add more blocks "
					     "as secondary cidrs if you need the space",
					     field.name, block, fix);
			} else {
				resized = prefix_resized(prefix, IPV4_LONGEST_LENGTH);
				plan_prefix_format(&resized, fix, sizeof fix);
				report_field(diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-size", &field,
					     "vpc '%s' block %s is smaller than AWS allows (/16 to "
					     "/28); use a /28 or larger, e.g. %s",
					     field.name, block, fix);
			}
		}
	}
}

/* the IPv4 ranges the secondary-block table of [S23] is written in */
typedef enum {
	RANGE_PUBLIC, /* anything else: publicly routable (or special-use) */
	RANGE_10,
	RANGE_172,
	RANGE_192,
	RANGE_SHARED, /* 100.64.0.0/10, RFC 6598 shared address space */
	RANGE_198_19,
	RANGE_COUNT,
} Ipv4Range;

static const struct {
	guint32 address;
	guint8 length;
	const char *text;
} ipv4_ranges[RANGE_COUNT] = {
	[RANGE_PUBLIC] = {0x00000000, 0, "a public range"},
	[RANGE_10] = {0x0a000000, 8, "10.0.0.0/8"},
	[RANGE_172] = {0xac100000, 12, "172.16.0.0/12"},
	[RANGE_192] = {0xc0a80000, 16, "192.168.0.0/16"},
	[RANGE_SHARED] = {0x64400000, 10, "100.64.0.0/10"},
	[RANGE_198_19] = {0xc6130000, 16, "198.19.0.0/16"},
};

#define BLOCK_172_17 0xac110000 /* 172.17.0.0/16, Docker's default bridge [S24] */
#define BLOCK_172_31 0xac1f0000 /* 172.31.0.0/16, the default VPC */

static PlanPrefix
range_prefix(Ipv4Range range)
{
	return ipv4_block(ipv4_ranges[range].address, ipv4_ranges[range].length);
}

static Ipv4Range
ipv4_range_of(const PlanPrefix *block)
{
	for (guint r = RANGE_10; r < RANGE_COUNT; r++) {
		PlanPrefix range = range_prefix(r);
		if (plan_prefix_contains(&range, block))
			return r;
	}
	return RANGE_PUBLIC;
}

/* "Secondary CIDR ranges by primary range" [S23]: a secondary block may not come from @banned
 * when the primary is in @primary (and, when within_length is set, inside @within) */
static const struct {
	Ipv4Range primary;
	guint32 within;
	guint8 within_length;
	guint32 banned;
	guint8 banned_length;
} secondary_bans[] = {
	{RANGE_10, 0, 0, 0xac100000, 12},
	{RANGE_10, 0, 0, 0xc0a80000, 16},
	{RANGE_10, 0, 0, 0xc6130000, 16},
	{RANGE_10, 0x0a000000, 15, 0x0a000000, 16},
	{RANGE_172, 0, 0, 0x0a000000, 8},
	{RANGE_172, 0, 0, 0xc0a80000, 16},
	{RANGE_172, 0, 0, BLOCK_172_31, 16},
	{RANGE_172, 0, 0, 0xc6130000, 16},
	{RANGE_192, 0, 0, 0x0a000000, 8},
	{RANGE_192, 0, 0, 0xac100000, 12},
	{RANGE_192, 0, 0, 0xc6130000, 16},
	{RANGE_198_19, 0, 0, 0x0a000000, 8},
	{RANGE_198_19, 0, 0, 0xac100000, 12},
	{RANGE_198_19, 0, 0, 0xc0a80000, 16},
	{RANGE_PUBLIC, 0, 0, 0x0a000000, 8},
	{RANGE_PUBLIC, 0, 0, 0xac100000, 12},
	{RANGE_PUBLIC, 0, 0, 0xc0a80000, 16},
	{RANGE_PUBLIC, 0, 0, 0xc6130000, 16},
	{RANGE_SHARED, 0, 0, 0x0a000000, 8},
	{RANGE_SHARED, 0, 0, 0xac100000, 12},
	{RANGE_SHARED, 0, 0, 0xc0a80000, 16},
	{RANGE_SHARED, 0, 0, 0xc6130000, 16},
};

/* the row of secondary_bans that forbids @secondary beside @primary, or -1 */
static gint
secondary_ban(const PlanPrefix *primary, const PlanPrefix *secondary)
{
	Ipv4Range range = ipv4_range_of(primary);

	for (guint i = 0; i < G_N_ELEMENTS(secondary_bans); i++) {
		PlanPrefix banned =
			ipv4_block(secondary_bans[i].banned, secondary_bans[i].banned_length);
		if (secondary_bans[i].primary != range)
			continue;
		if (secondary_bans[i].within_length > 0) {
			PlanPrefix within = ipv4_block(secondary_bans[i].within,
						       secondary_bans[i].within_length);
			if (!plan_prefix_contains(&within, primary))
				continue;
		}
		if (plan_prefix_overlaps(&banned, secondary))
			return (gint)i;
	}
	return -1;
}

static void
report_secondary_ban(const PlanRuleContext *context, GPtrArray *diagnostics,
		     const CidrField *field, const PlanPrefix *primary, gint ban)
{
	PlanPrefix banned = ipv4_block(secondary_bans[ban].banned, secondary_bans[ban].banned_length);
	PlanPrefix shared = range_prefix(RANGE_SHARED);
	char block[PREFIX_TEXT_SIZE];
	char banned_text[PREFIX_TEXT_SIZE];
	char suggestion[PREFIX_TEXT_SIZE];
	g_autofree char *condition = NULL;

	plan_prefix_format(&field->cidr->prefix, block, sizeof block);
	plan_prefix_format(&banned, banned_text, sizeof banned_text);
	if (secondary_bans[ban].within_length > 0) {
		PlanPrefix within =
			ipv4_block(secondary_bans[ban].within, secondary_bans[ban].within_length);
		char within_text[PREFIX_TEXT_SIZE];
		plan_prefix_format(&within, within_text, sizeof within_text);
		condition = g_strdup_printf("when the primary block is inside %s", within_text);
	} else {
		condition = g_strdup_printf("beside a primary block in %s",
					    ipv4_ranges[ipv4_range_of(primary)].text);
	}
	/* 100.64.0.0/10 is allowed beside every primary range */
	if (suggest_vpc_block(context, &shared, field->cidr->prefix.length, NULL, 0, suggestion,
			      sizeof suggestion))
		report_field(diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-range", field,
			     "vpc '%s' secondary block %s is from %s, which AWS does not allow %s; "
			     "use another block, e.g. %s",
			     field->name, block, banned_text, condition, suggestion);
	else
		report_field(diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-range", field,
			     "vpc '%s' secondary block %s is from %s, which AWS does not allow %s; "
			     "use a block from 100.64.0.0/10 instead",
			     field->name, block, banned_text, condition);
}

static void
check_vpc_cidr_range(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	const PlanPrefix docker = ipv4_block(BLOCK_172_17, 16);
	const PlanPrefix avoid[] = {ipv4_block(BLOCK_172_17, 16), ipv4_block(BLOCK_172_31, 16)};

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		const PlanPrefix *primary = NULL;

		if (plan_cidr_usable(&vpc->cidr) && !is_ipv6(&vpc->cidr.prefix))
			primary = &vpc->cidr.prefix;
		for (guint i = 0; i < vpc_n_fields(vpc); i++) {
			CidrField field = vpc_field(vpc, i);
			const PlanPrefix *prefix = &field.cidr->prefix;
			char block[PREFIX_TEXT_SIZE];
			char suggestion[PREFIX_TEXT_SIZE];
			Ipv4Range range;
			gint ban;

			if (!plan_cidr_usable(field.cidr) || is_ipv6(prefix))
				continue;
			plan_prefix_format(prefix, block, sizeof block);
			ban = (i > 0 && primary != NULL) ? secondary_ban(primary, prefix) : -1;
			if (ban >= 0) {
				report_secondary_ban(context, diagnostics, &field, primary, ban);
				continue;
			}
			if (plan_prefix_overlaps(prefix, &docker)) {
				PlanPrefix container = range_prefix(RANGE_172);
				if (!suggest_vpc_block(context, &container, prefix->length, avoid,
						       G_N_ELEMENTS(avoid), suggestion,
						       sizeof suggestion))
					g_strlcpy(suggestion, "172.18.0.0/16", sizeof suggestion);
				report_field(diagnostics, PLAN_SEVERITY_WARNING, "vpc-cidr-range",
					     &field,
					     "vpc '%s' block %s overlaps 172.17.0.0/16, which "
					     "Docker's default bridge and some AWS services (EKS, "
					     "Cloud9, SageMaker) use; move it, e.g. to %s",
					     field.name, block, suggestion);
				continue;
			}
			range = ipv4_range_of(prefix);
			if (range != RANGE_PUBLIC && range != RANGE_198_19)
				continue;
			{
				PlanPrefix container = range_prefix(RANGE_10);
				if (!suggest_vpc_block(context, &container, prefix->length, NULL, 0,
						       suggestion, sizeof suggestion))
					g_strlcpy(suggestion, "a block from 10.0.0.0/8",
						  sizeof suggestion);
			}
			if (range == RANGE_PUBLIC)
				report_field(diagnostics, PLAN_SEVERITY_WARNING, "vpc-cidr-range",
					     &field,
					     "vpc '%s' block %s is publicly routable: AWS allows it "
					     "but never advertises it, and the vpc cannot reach the "
					     "real owners of those addresses; use a private block, "
					     "e.g. %s",
					     field.name, block, suggestion);
			else
				report_field(diagnostics, PLAN_SEVERITY_WARNING, "vpc-cidr-range",
					     &field,
					     "vpc '%s' block %s is in 198.19.0.0/16, which is "
					     "reserved for network benchmarks and limits the "
					     "secondary blocks AWS accepts; use a private block, "
					     "e.g. %s",
					     field.name, block, suggestion);
		}
	}
}

/* one VPC block in a sweep */
typedef struct {
	guint vpc_index;
	guint field_index;
} BlockRef;

typedef struct {
	const PlanRuleContext *context;
	GPtrArray *diagnostics;
	const GArray *refs; /* BlockRef, parallel to the prefixes swept */
	GHashTable *peered; /* "a b" with a < b, or NULL */
} BlockSweep;

/* collects the usable blocks of one family of every VPC (or of one VPC when @only >= 0) */
static void
collect_vpc_blocks(const PlanModel *model, gboolean ipv6, gint only, GArray *prefixes,
		   GArray *refs)
{
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		if (only >= 0 && (guint)only != v)
			continue;
		for (guint i = 0; i < vpc_n_fields(vpc); i++) {
			CidrField field = vpc_field(vpc, i);
			BlockRef ref = {v, i};
			if (!plan_cidr_usable(field.cidr) || is_ipv6(&field.cidr->prefix) != ipv6)
				continue;
			g_array_append_val(prefixes, field.cidr->prefix);
			g_array_append_val(refs, ref);
		}
	}
}

static void
sweep_vpc_blocks(const PlanModel *model, gint only, PlanOverlapFunc func, BlockSweep *sweep)
{
	for (guint family = 0; family < 2; family++) {
		g_autoptr(GArray) prefixes = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
		g_autoptr(GArray) refs = g_array_new(FALSE, FALSE, sizeof(BlockRef));
		collect_vpc_blocks(model, family == 1, only, prefixes, refs);
		sweep->refs = refs;
		plan_prefix_find_overlaps((const PlanPrefix *)(gpointer)prefixes->data, prefixes->len,
					  func, sweep);
		sweep->refs = NULL;
	}
}

/* orders a pair so the later element (in model order) comes second: it gets the finding */
static void
order_refs(const GArray *refs, guint index_a, guint index_b, const BlockRef **first,
	   const BlockRef **second)
{
	const BlockRef *a = &g_array_index(refs, BlockRef, index_a);
	const BlockRef *b = &g_array_index(refs, BlockRef, index_b);
	gboolean a_first = a->vpc_index != b->vpc_index ? a->vpc_index < b->vpc_index
							: a->field_index < b->field_index;
	*first = a_first ? a : b;
	*second = a_first ? b : a;
}

static void
on_vpc_block_overlap(guint index_a, guint index_b, gpointer user_data)
{
	BlockSweep *sweep = user_data;
	const PlanModel *model = sweep->context->model;
	const BlockRef *first;
	const BlockRef *second;
	const PlanVpc *earlier;
	const PlanVpc *vpc;
	CidrField field;
	CidrField other;
	char block[PREFIX_TEXT_SIZE];
	char other_block[PREFIX_TEXT_SIZE];
	g_autofree char *other_path = NULL;

	order_refs(sweep->refs, index_a, index_b, &first, &second);
	if (first->vpc_index != second->vpc_index)
		return;
	vpc = model_vpc(model, (gint)second->vpc_index);
	earlier = model_vpc(model, (gint)first->vpc_index);
	field = vpc_field(vpc, second->field_index);
	other = vpc_field(earlier, first->field_index);
	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	plan_prefix_format(&other.cidr->prefix, other_block, sizeof other_block);
	other_path = field_path(&other);
	add_related(report_field(sweep->diagnostics, PLAN_SEVERITY_ERROR, "vpc-cidr-overlap", &field,
				 "vpc '%s' block %s overlaps its own block %s, and AWS rejects "
				 "overlapping blocks in one vpc; remove it or use a block outside "
				 "%s",
				 field.name, block, other_block, other_block),
		    other_path);
}

static void
check_vpc_cidr_overlap(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	BlockSweep sweep = {.context = context, .diagnostics = diagnostics};

	/* one sweep per VPC keeps the pairs local; blocks per VPC are few (50 at most in AWS) */
	for (guint v = 0; v < context->model->vpcs->len; v++)
		sweep_vpc_blocks(context->model, (gint)v, on_vpc_block_overlap, &sweep);
}

static char *
pair_key(guint a, guint b)
{
	return g_strdup_printf("%u %u", MIN(a, b), MAX(a, b));
}

static void
on_vpc_overlap(guint index_a, guint index_b, gpointer user_data)
{
	BlockSweep *sweep = user_data;
	const PlanModel *model = sweep->context->model;
	const BlockRef *first;
	const BlockRef *second;
	const PlanVpc *vpc;
	const PlanVpc *other_vpc;
	CidrField field;
	CidrField other;
	PlanPrefix container;
	Ipv4Range range;
	char block[PREFIX_TEXT_SIZE];
	char other_block[PREFIX_TEXT_SIZE];
	char suggestion[PREFIX_TEXT_SIZE];
	g_autofree char *key = NULL;
	g_autofree char *fix = NULL;
	gboolean peered;

	order_refs(sweep->refs, index_a, index_b, &first, &second);
	if (first->vpc_index == second->vpc_index)
		return;
	vpc = model_vpc(model, (gint)second->vpc_index);
	other_vpc = model_vpc(model, (gint)first->vpc_index);
	field = vpc_field(vpc, second->field_index);
	other = vpc_field(other_vpc, first->field_index);
	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	plan_prefix_format(&other.cidr->prefix, other_block, sizeof other_block);
	key = pair_key(first->vpc_index, second->vpc_index);
	peered = g_hash_table_contains(sweep->peered, key);

	/* suggest a block in the same private range, so the move does not trip vpc-cidr-range */
	if (is_ipv6(&field.cidr->prefix)) {
		fix = g_strdup("move one of them");
	} else {
		range = ipv4_range_of(&field.cidr->prefix);
		container = range_prefix(range == RANGE_PUBLIC || range == RANGE_198_19 ? RANGE_10
											 : range);
		if (suggest_vpc_block(sweep->context, &container, field.cidr->prefix.length, NULL, 0,
				      suggestion, sizeof suggestion))
			fix = g_strdup_printf("move one of them, e.g. to %s", suggestion);
		else
			fix = g_strdup("move one of them");
	}
	if (peered)
		add_related(report_field(sweep->diagnostics, PLAN_SEVERITY_ERROR, "vpc-overlap",
					 &field,
					 "vpc '%s' block %s overlaps block %s of vpc '%s', and the "
					 "two are peered: a peering cannot route overlapping "
					 "blocks; %s",
					 field.name, block, other_block, other.name, fix),
			    other_vpc->origin.path);
	else
		add_related(report_field(sweep->diagnostics, PLAN_SEVERITY_WARNING, "vpc-overlap",
					 &field,
					 "vpc '%s' block %s overlaps block %s of vpc '%s', so they "
					 "can never be peered or joined through a transit gateway; "
					 "%s",
					 field.name, block, other_block, other.name, fix),
			    other_vpc->origin.path);
}

static void
check_vpc_overlap(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autoptr(GHashTable) peered = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	BlockSweep sweep = {.context = context, .diagnostics = diagnostics, .peered = peered};

	for (guint i = 0; i < model->peerings->len; i++) {
		const PlanPeering *peering = g_ptr_array_index(model->peerings, i);
		if (peering->vpc_a_index < 0 || peering->vpc_b_index < 0)
			continue;
		g_hash_table_add(peered, pair_key((guint)peering->vpc_a_index,
						  (guint)peering->vpc_b_index));
	}
	sweep_vpc_blocks(model, -1, on_vpc_overlap, &sweep);
}

/* ---- rules: subnet blocks ---- */

static void
check_subnet_size(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < 2 * vpc->subnets->len; i++) {
			CidrField field = subnet_field(vpc_subnet(vpc, (gint)i / 2), i % 2 == 1);
			const PlanPrefix *prefix = &field.cidr->prefix;
			char block[PREFIX_TEXT_SIZE];
			char fix[PREFIX_TEXT_SIZE];
			guint length;
			PlanPrefix resized;

			if (!plan_cidr_usable(field.cidr))
				continue;
			plan_prefix_format(prefix, block, sizeof block);
			if (is_ipv6(prefix)) {
				if (prefix->length == IPV6_SUBNET_LENGTH)
					continue;
				if (!suggest_subnet_block(context, v, TRUE, IPV6_SUBNET_LENGTH, fix,
							  sizeof fix)) {
					resized = prefix_resized(prefix, IPV6_SUBNET_LENGTH);
					plan_prefix_format(&resized, fix, sizeof fix);
				}
				report_field(diagnostics, PLAN_SEVERITY_ERROR, "subnet-size", &field,
					     "subnet '%s' ipv6 block %s is a /%u, but a subnet ipv6 "
					     "block must be a /64; use e.g. %s",
					     field.name, block, prefix->length, fix);
				continue;
			}
			if (prefix->length >= IPV4_SHORTEST_LENGTH &&
			    prefix->length <= IPV4_LONGEST_LENGTH)
				continue;
			length = prefix->length < IPV4_SHORTEST_LENGTH ? IPV4_SHORTEST_LENGTH
								       : IPV4_LONGEST_LENGTH;
			if (!suggest_subnet_block(context, v, FALSE, length, fix, sizeof fix)) {
				resized = prefix_resized(prefix, length);
				plan_prefix_format(&resized, fix, sizeof fix);
			}
			report_field(diagnostics, PLAN_SEVERITY_ERROR, "subnet-size", &field,
				     "subnet '%s' (%s) is %s than AWS allows (/16 to /28); use a /%u "
				     "or %s, e.g. %s",
				     field.name, block,
				     length == IPV4_SHORTEST_LENGTH ? "larger" : "smaller", length,
				     length == IPV4_SHORTEST_LENGTH ? "smaller" : "larger", fix);
		}
	}
}

/* the VPC's blocks of one family, as "a, b" */
static char *
vpc_blocks_text(const PlanVpc *vpc, gboolean ipv6, guint *n_blocks)
{
	GString *text = g_string_new(NULL);

	*n_blocks = 0;
	for (guint i = 0; i < vpc_n_fields(vpc); i++) {
		CidrField field = vpc_field(vpc, i);
		char block[PREFIX_TEXT_SIZE];
		if (!plan_cidr_usable(field.cidr) || is_ipv6(&field.cidr->prefix) != ipv6)
			continue;
		plan_prefix_format(&field.cidr->prefix, block, sizeof block);
		g_string_append_printf(text, "%s%s", *n_blocks > 0 ? ", " : "", block);
		(*n_blocks)++;
	}
	return g_string_free(text, FALSE);
}

static gboolean
inside_vpc(const PlanVpc *vpc, const PlanPrefix *prefix)
{
	for (guint i = 0; i < vpc_n_fields(vpc); i++) {
		CidrField field = vpc_field(vpc, i);
		if (plan_cidr_usable(field.cidr) && plan_prefix_contains(&field.cidr->prefix, prefix))
			return TRUE;
	}
	return FALSE;
}

static void
check_subnet_outside_vpc(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < 2 * vpc->subnets->len; i++) {
			gboolean ipv6 = i % 2 == 1;
			CidrField field = subnet_field(vpc_subnet(vpc, (gint)i / 2), ipv6);
			const PlanPrefix *prefix = &field.cidr->prefix;
			char block[PREFIX_TEXT_SIZE];
			g_autofree char *blocks = NULL;
			g_autofree char *hint = NULL;
			guint n_blocks;

			if (!plan_cidr_usable(field.cidr) || inside_vpc(vpc, prefix))
				continue;
			plan_prefix_format(prefix, block, sizeof block);
			blocks = vpc_blocks_text(vpc, ipv6, &n_blocks);
			if (n_blocks == 0 && ipv6) {
				report_field(diagnostics, PLAN_SEVERITY_ERROR, "subnet-outside-vpc",
					     &field,
					     "subnet '%s' ipv6 block %s needs an ipv6 block on vpc "
					     "'%s', which has none; add an ipv6_cidr (/56) to the vpc "
					     "that holds it, or remove the subnet's ipv6_cidr",
					     field.name, block, label(vpc->name));
				continue;
			}
			/* without a usable IPv4 block the VPC's own cidr finding says it all */
			if (n_blocks == 0)
				continue;
			hint = free_block_hint(context, v, ipv6, prefix->length, "to the free block");
			if (hint[0] != '\0')
				report_field(diagnostics, PLAN_SEVERITY_ERROR, "subnet-outside-vpc",
					     &field,
					     "subnet '%s' %s %s is outside vpc '%s' (%s); move it "
					     "inside%s",
					     field.name, ipv6 ? "ipv6 block" : "block", block,
					     label(vpc->name), blocks, hint);
			else
				report_field(diagnostics, PLAN_SEVERITY_ERROR, "subnet-outside-vpc",
					     &field,
					     "subnet '%s' %s %s is outside vpc '%s' (%s); move it "
					     "inside, or add a secondary block to the vpc that holds "
					     "it",
					     field.name, ipv6 ? "ipv6 block" : "block", block,
					     label(vpc->name), blocks);
		}
	}
}

typedef struct {
	const PlanRuleContext *context;
	GPtrArray *diagnostics;
	guint vpc_index;
	gboolean ipv6;
	const GArray *subnets; /* guint subnet index, parallel to the prefixes swept */
} SubnetSweep;

static void
on_subnet_overlap(guint index_a, guint index_b, gpointer user_data)
{
	SubnetSweep *sweep = user_data;
	const PlanVpc *vpc = model_vpc(sweep->context->model, (gint)sweep->vpc_index);
	guint a = g_array_index(sweep->subnets, guint, index_a);
	guint b = g_array_index(sweep->subnets, guint, index_b);
	const PlanSubnet *subnet = vpc_subnet(vpc, (gint)MAX(a, b));
	const PlanSubnet *other = vpc_subnet(vpc, (gint)MIN(a, b));
	CidrField field = subnet_field(subnet, sweep->ipv6);
	const PlanCidr *other_cidr = sweep->ipv6 ? &other->ipv6_cidr : &other->cidr;
	char block[PREFIX_TEXT_SIZE];
	char other_block[PREFIX_TEXT_SIZE];
	g_autofree char *hint = NULL;

	plan_prefix_format(&field.cidr->prefix, block, sizeof block);
	plan_prefix_format(&other_cidr->prefix, other_block, sizeof other_block);
	hint = free_block_hint(sweep->context, sweep->vpc_index, sweep->ipv6,
			       field.cidr->prefix.length, "to the free block");
	add_related(report_field(sweep->diagnostics, PLAN_SEVERITY_ERROR, "subnet-overlap", &field,
				 "subnet '%s' (%s) overlaps subnet '%s' (%s); move one of them%s",
				 field.name, block, label(other->name), other_block,
				 hint[0] != '\0' ? hint : " or shrink one"),
		    other->origin.path);
}

static void
check_subnet_overlap(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autoptr(GArray) prefixes = g_array_new(FALSE, FALSE, sizeof(PlanPrefix));
	g_autoptr(GArray) subnets = g_array_new(FALSE, FALSE, sizeof(guint));

	/* sort and sweep per VPC and family: O(n log n) over all subnets, never pairwise */
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint family = 0; family < 2; family++) {
			SubnetSweep sweep = {.context = context, .diagnostics = diagnostics,
					     .vpc_index = v, .ipv6 = family == 1,
					     .subnets = subnets};
			g_array_set_size(prefixes, 0);
			g_array_set_size(subnets, 0);
			for (guint s = 0; s < vpc->subnets->len; s++) {
				const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
				const PlanCidr *cidr = sweep.ipv6 ? &subnet->ipv6_cidr : &subnet->cidr;
				if (!plan_cidr_usable(cidr))
					continue;
				g_array_append_val(prefixes, cidr->prefix);
				g_array_append_val(subnets, s);
			}
			if (prefixes->len > 1)
				plan_prefix_find_overlaps(
					(const PlanPrefix *)(gpointer)prefixes->data, prefixes->len,
					on_subnet_overlap, &sweep);
		}
	}
}

/* ---- rules: Availability Zones ---- */

static void
check_az_unknown(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autoptr(GString) azs = NULL;

	if (model->region == NULL)
		return;
	if (context->region == NULL) {
		PlanOrigin origin = {.path = (char *)"region"};
		const char *suggestion = plan_region_suggest(model->region);
		if (suggestion != NULL)
			report(diagnostics, PLAN_SEVERITY_ERROR, "az-unknown", &origin, NULL,
			       "region '%s' is not an AWS commercial region; did you mean '%s'?",
			       model->region, suggestion);
		else
			report(diagnostics, PLAN_SEVERITY_ERROR, "az-unknown", &origin, NULL,
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
			if (subnet->az == NULL || plan_region_has_az(context->region, subnet->az))
				continue;
			report(diagnostics, PLAN_SEVERITY_ERROR, "az-unknown", &subnet->origin, ".az",
			       "subnet '%s' az '%s' is not in region '%s'; use one of %s",
			       label(subnet->name), subnet->az, context->region->name, azs->str);
		}
	}
}

static guint
vpc_service_count(const PlanModel *model, guint vpc_index)
{
	guint count = 0;
	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		if (service->vpc_index == (gint)vpc_index)
			count++;
	}
	return count;
}

/* a tier whose subnets all sit in one AZ while the VPC uses two or more; or a VPC that uses one
 * AZ and runs services. a VPC with one AZ and no services is left alone (nothing to lose yet),
 * and a single-AZ VPC is one finding, not one per tier. */
static void
check_tier_single_az(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		g_autoptr(GArray) all = g_array_new(FALSE, FALSE, sizeof(gint));
		g_autoptr(GPtrArray) vpc_azs = NULL;
		guint n_services;

		for (guint s = 0; s < vpc->subnets->len; s++) {
			gint index = (gint)s;
			g_array_append_val(all, index);
		}
		vpc_azs = distinct_azs(vpc, all);
		if (vpc_azs->len == 1) {
			const char *az = g_ptr_array_index(vpc_azs, 0);
			const char *other = region_other_az(context, az);
			n_services = vpc_service_count(model, v);
			if (n_services == 0)
				continue;
			report(diagnostics, PLAN_SEVERITY_WARNING, "tier-single-az", &vpc->origin,
			       NULL,
			       "vpc '%s' has subnets in one AZ only (%s) and runs %u service%s, so "
			       "an outage there stops them all; add subnets in a second AZ, e.g. %s",
			       label(vpc->name), az, n_services, n_services == 1 ? "" : "s",
			       other != NULL ? other : "another AZ of the region");
			continue;
		}
		if (vpc_azs->len < 2)
			continue;
		for (guint t = 0; t < PLAN_TIER_COUNT; t++) {
			g_autoptr(GArray) tier = g_array_new(FALSE, FALSE, sizeof(gint));
			g_autoptr(GPtrArray) tier_azs = NULL;
			const PlanSubnet *first;
			const char *missing = NULL;
			PlanDiagnostic *diagnostic;

			for (guint s = 0; s < vpc->subnets->len; s++) {
				const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
				gint index = (gint)s;
				if (subnet->tier == (PlanTier)t && subnet->az != NULL)
					g_array_append_val(tier, index);
			}
			tier_azs = distinct_azs(vpc, tier);
			if (tier_azs->len != 1)
				continue;
			for (guint i = 0; i < vpc_azs->len && missing == NULL; i++) {
				if (g_strcmp0(g_ptr_array_index(vpc_azs, i),
					      g_ptr_array_index(tier_azs, 0)) != 0)
					missing = g_ptr_array_index(vpc_azs, i);
			}
			first = vpc_subnet(vpc, index_at(tier, 0));
			diagnostic = report(
				diagnostics, PLAN_SEVERITY_WARNING, "tier-single-az", &first->origin,
				NULL,
				"%s subnets of vpc '%s' are all in %s while the vpc uses %u AZs, so "
				"an outage there takes the whole tier down; add a %s subnet in %s",
				plan_tier_to_string((PlanTier)t), label(vpc->name),
				(const char *)g_ptr_array_index(tier_azs, 0), vpc_azs->len,
				plan_tier_to_string((PlanTier)t), missing);
			for (guint k = 1; k < tier->len; k++)
				add_related(diagnostic, vpc_subnet(vpc, index_at(tier, k))->origin.path);
		}
	}
}

/* ---- rules: load balancers ---- */

static void
check_lb_single_az(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc->load_balancers->len; i++) {
			const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
			gboolean alb = lb->type == PLAN_LB_APPLICATION;
			g_autoptr(GArray) subnets = NULL;
			g_autoptr(GPtrArray) azs = NULL;
			g_autofree char *fix = NULL;
			const PlanSubnet *first;

			if (!all_resolved(lb->subnet_indices))
				continue;
			subnets = distinct_indices(lb->subnet_indices);
			if (subnets->len == 0) {
				report(diagnostics, PLAN_SEVERITY_ERROR, "lb-single-az", &lb->origin,
				       NULL,
				       "load balancer '%s' has no subnets; add subnets in at least two "
				       "AZs",
				       label(lb->name));
				continue;
			}
			azs = distinct_azs(vpc, subnets);
			if (azs->len != 1)
				continue;
			first = vpc_subnet(vpc, index_at(subnets, 0));
			fix = second_az_fix(context, vpc, first->tier, g_ptr_array_index(azs, 0));
			/* AWS refuses an ALB in one AZ [S25]; an NLB may run in one, as a single
			 * point of failure */
			if (alb)
				report(diagnostics, PLAN_SEVERITY_ERROR, "lb-single-az", &lb->origin,
				       ".subnets",
				       "load balancer '%s' has subnets in one AZ only (%s), and an alb "
				       "needs two; %s",
				       label(lb->name), (const char *)g_ptr_array_index(azs, 0), fix);
			else
				report(diagnostics, PLAN_SEVERITY_WARNING, "lb-single-az",
				       &lb->origin, ".subnets",
				       "network load balancer '%s' has subnets in one AZ only (%s), so "
				       "an outage there takes it down; %s",
				       label(lb->name), (const char *)g_ptr_array_index(azs, 0), fix);
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

static void
check_lb_subnet_small(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc->load_balancers->len; i++) {
			const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
			g_autoptr(GArray) subnets = NULL;

			if (lb->type != PLAN_LB_APPLICATION)
				continue;
			subnets = distinct_indices(lb->subnet_indices);
			for (guint k = 0; k < subnets->len; k++) {
				gint s = index_at(subnets, k);
				const PlanSubnet *subnet = vpc_subnet(vpc, s);
				const PlanSubnetUse *use = subnet_use(context, v, (guint)s);
				g_autofree char *suffix = list_suffix(lb->subnet_indices, s);
				g_autofree char *hint = NULL;
				char block[PREFIX_TEXT_SIZE];
				gint64 free_for_alb;
				guint length;

				if (subnet == NULL || use->total == 0)
					continue;
				plan_prefix_format(&subnet->cidr.prefix, block, sizeof block);
				if (subnet->cidr.prefix.length > ALB_LONGEST_LENGTH) {
					hint = free_block_hint(context, v, FALSE, ALB_LONGEST_LENGTH,
							       "the free block");
					add_related(report(diagnostics, PLAN_SEVERITY_ERROR,
							   "lb-subnet-small", &lb->origin, suffix,
							   "load balancer '%s' uses subnet '%s' (%s), "
							   "smaller than the /27 an alb needs; use a /27 "
							   "or larger%s",
							   label(lb->name), label(subnet->name), block,
							   hint),
						    subnet->origin.path);
					continue;
				}
				/* what is left for this ALB once everything else is placed at peak */
				free_for_alb =
					use->usable - (use->peak - PLAN_ALB_ADDRESSES_PER_SUBNET);
				if (free_for_alb >= PLAN_ALB_ADDRESSES_PER_SUBNET)
					continue;
				length = plan_prefix_length_for_usable((guint64)use->peak);
				hint = length > 0 ? free_block_hint(context, v, FALSE, length,
								    "the free block")
						  : g_strdup("");
				add_related(
					report(diagnostics, PLAN_SEVERITY_ERROR, "lb-subnet-small",
					       &lb->origin, suffix,
					       "load balancer '%s' has %" G_GINT64_FORMAT
					       " free addresses in subnet '%s' (%s) at peak, fewer "
					       "than the 8 an alb needs [%s]; use a /%u or larger%s",
					       label(lb->name), MAX(free_for_alb, 0),
					       label(subnet->name), block, use->arithmetic,
					       length > 0 ? length : IPV4_SHORTEST_LENGTH, hint),
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

static void
check_lb_scheme_subnet(const PlanRuleContext *context, GPtrArray *diagnostics)
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
				report(diagnostics, PLAN_SEVERITY_ERROR, "lb-scheme-subnet", &lb->origin,
				       NULL,
				       "internet-facing load balancer '%s' is in vpc '%s', which has "
				       "no internet gateway; set internet_gateway to true on the vpc, "
				       "or make the load balancer internal",
				       label(lb->name), label(vpc->name));
				continue;
			}
			subnets = distinct_indices(lb->subnet_indices);
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
						report(diagnostics, PLAN_SEVERITY_ERROR,
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
						report(diagnostics, PLAN_SEVERITY_ERROR,
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

static void
check_nat_not_public(const PlanRuleContext *context, GPtrArray *diagnostics)
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
				report(diagnostics, PLAN_SEVERITY_ERROR, "nat-not-public", &nat->origin,
				       NULL,
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
				add_related(report(diagnostics, PLAN_SEVERITY_ERROR, "nat-not-public",
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
				add_related(report(diagnostics, PLAN_SEVERITY_ERROR, "nat-not-public",
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

static void
check_nat_cross_az(const PlanRuleContext *context, GPtrArray *diagnostics)
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
			    (guint)subnet->nat_index >= vpc->nat_gateways->len || subnet->az == NULL)
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
				fix = g_strdup_printf("add a nat gateway in public subnet '%s' (%s) "
						      "and route to it",
						      label(public->name), subnet->az);
			else
				fix = g_strdup_printf("add a public subnet and a nat gateway in %s "
						      "and route to it",
						      subnet->az);
			add_related(report(diagnostics, PLAN_SEVERITY_WARNING, "nat-cross-az",
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

/* ---- rules: egress for image pulls ---- */

/* what a VPC offers tasks that have no internet route: Fargate pulls images through
 * ecr.api, ecr.dkr and S3 [S37]. interface endpoints answer for the whole VPC once private DNS
 * resolves to them, so one anywhere in the VPC counts; a gateway endpoint serves the route
 * tables it is attached to, so it counts for the subnets it lists, or for all when it lists
 * none. */
typedef struct {
	gboolean ecr_api;
	gboolean ecr_dkr;
	gboolean s3_everywhere;
	GArray *s3_subnets; /* gint subnet indices served by an s3 gateway endpoint that lists them */
} VpcEndpoints;

static gboolean
endpoint_is(const PlanEndpoint *endpoint, const char *service)
{
	gsize length;
	gsize suffix;

	if (endpoint->service == NULL)
		return FALSE;
	if (g_strcmp0(endpoint->service, service) == 0)
		return TRUE;
	/* "com.amazonaws.us-east-2.ecr.dkr" names the same endpoint */
	length = strlen(endpoint->service);
	suffix = strlen(service);
	return length > suffix && endpoint->service[length - suffix - 1] == '.' &&
	       strcmp(endpoint->service + length - suffix, service) == 0;
}

static VpcEndpoints
vpc_endpoints(const PlanVpc *vpc)
{
	VpcEndpoints found = {.s3_subnets = g_array_new(FALSE, FALSE, sizeof(gint))};

	for (guint i = 0; i < vpc->endpoints->len; i++) {
		const PlanEndpoint *endpoint = g_ptr_array_index(vpc->endpoints, i);
		gboolean interface = endpoint->type == PLAN_ENDPOINT_INTERFACE;
		if (interface && endpoint_is(endpoint, "ecr.api"))
			found.ecr_api = TRUE;
		if (interface && endpoint_is(endpoint, "ecr.dkr"))
			found.ecr_dkr = TRUE;
		if (!endpoint_is(endpoint, "s3"))
			continue;
		if (interface || endpoint->subnets->len == 0)
			found.s3_everywhere = TRUE;
		else
			g_array_append_vals(found.s3_subnets, endpoint->subnet_indices->data,
					    endpoint->subnet_indices->len);
	}
	return found;
}

/* the endpoints @subnet still lacks, as "ecr.api (interface), s3 (gateway)"; NULL when none */
static char *
missing_endpoints(const VpcEndpoints *found, gint subnet_index)
{
	GString *missing = g_string_new(NULL);
	gboolean s3 = found->s3_everywhere;

	for (guint i = 0; !s3 && i < found->s3_subnets->len; i++)
		s3 = index_at(found->s3_subnets, i) == subnet_index;
	if (!found->ecr_api)
		g_string_append(missing, "ecr.api (interface)");
	if (!found->ecr_dkr)
		g_string_append_printf(missing, "%secr.dkr (interface)", missing->len > 0 ? ", " : "");
	if (!s3)
		g_string_append_printf(missing, "%ss3 (gateway)", missing->len > 0 ? ", " : "");
	if (missing->len == 0) {
		g_string_free(missing, TRUE);
		return NULL;
	}
	return g_string_free(missing, FALSE);
}

/* why a service's tasks in @subnet have no route to the internet, or NULL when they have one */
static char *
no_internet_reason(const PlanVpc *vpc, const PlanSubnet *subnet, const PlanService *service)
{
	const PlanNatGateway *nat;

	switch (subnet->tier) {
	case PLAN_TIER_PUBLIC:
		if (!vpc->internet_gateway)
			return g_strdup_printf("it runs in public subnet '%s' but vpc '%s' has no "
					       "internet gateway",
					       label(subnet->name), label(vpc->name));
		if (!service->assign_public_ip)
			return g_strdup_printf("it runs in public subnet '%s' without "
					       "assign_public_ip, so its tasks get no public address",
					       label(subnet->name));
		return NULL;
	case PLAN_TIER_PRIVATE:
		if (subnet->nat_gateway == NULL)
			return g_strdup_printf("private subnet '%s' has no nat gateway%s",
					       label(subnet->name),
					       service->assign_public_ip
						       ? " (assign_public_ip gives no route from a "
							 "private subnet)"
						       : "");
		if (subnet->nat_index < 0 || (guint)subnet->nat_index >= vpc->nat_gateways->len)
			return g_strdup_printf("private subnet '%s' names nat gateway '%s', which "
					       "does not exist",
					       label(subnet->name), subnet->nat_gateway);
		nat = g_ptr_array_index(vpc->nat_gateways, subnet->nat_index);
		if (nat->connectivity != PLAN_NAT_PUBLIC)
			return g_strdup_printf("private subnet '%s' routes to nat gateway '%s', "
					       "which is private and has no internet route",
					       label(subnet->name), label(nat->name));
		return NULL;
	case PLAN_TIER_ISOLATED:
	default:
		return g_strdup_printf("isolated subnet '%s' has no internet route",
				       label(subnet->name));
	}
}

static const char *
egress_fix(PlanTier tier)
{
	switch (tier) {
	case PLAN_TIER_PUBLIC:
		return "set assign_public_ip to true (with an internet gateway), or add those "
		       "endpoints";
	case PLAN_TIER_PRIVATE:
		return "set nat_gateway on the subnet to a public nat gateway, or add those "
		       "endpoints";
	case PLAN_TIER_ISOLATED:
	default:
		return "add those endpoints, or use a private subnet with a nat gateway";
	}
}

/* Fargate tasks pull images through their own ENI; EC2 tasks pull through the container
 * instance, whose egress is checked once instances are placed in subnets */
static void
check_egress_missing(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autofree VpcEndpoints *endpoints = g_new0(VpcEndpoints, model->vpcs->len);
	g_autofree gboolean *known = g_new0(gboolean, model->vpcs->len);

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		const PlanVpc *vpc = model_vpc(model, service->vpc_index);
		VpcEndpoints *found;

		if (vpc == NULL || service->launch_type != PLAN_LAUNCH_FARGATE)
			continue;
		found = &endpoints[service->vpc_index];
		if (!known[service->vpc_index]) {
			*found = vpc_endpoints(vpc);
			known[service->vpc_index] = TRUE;
		}
		for (guint k = 0; k < service->subnet_indices->len; k++) {
			gint s = index_at(service->subnet_indices, k);
			const PlanSubnet *subnet = vpc_subnet(vpc, s);
			g_autofree char *reason = NULL;
			g_autofree char *missing = NULL;
			g_autofree char *suffix = NULL;

			if (subnet == NULL)
				continue;
			reason = no_internet_reason(vpc, subnet, service);
			if (reason == NULL)
				continue;
			missing = missing_endpoints(found, s);
			if (missing == NULL)
				continue;
			suffix = g_strdup_printf(".subnets[%u]", k);
			add_related(report(diagnostics, PLAN_SEVERITY_ERROR, "egress-missing",
					   &service->origin, suffix,
					   "service '%s' cannot pull images in subnet '%s': %s, and "
					   "vpc '%s' lacks the endpoints %s; %s",
					   label(service->name), label(subnet->name), reason,
					   label(vpc->name), missing, egress_fix(subnet->tier)),
				    subnet->origin.path);
		}
	}
	for (guint v = 0; v < model->vpcs->len; v++) {
		if (known[v])
			g_array_unref(endpoints[v].s3_subnets);
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

	if (length == 0 || length < IPV4_SHORTEST_LENGTH)
		return g_strdup("no single subnet holds that many (a /16 has 65531 usable): spread "
				"the services over more subnets");
	sized = ipv4_block(0, length);
	hint = free_block_hint(context, vpc_index, FALSE, length, "the free block");
	return g_strdup_printf("use a /%u (%" G_GUINT64_FORMAT " usable) or larger%s", length,
			       plan_prefix_usable(&sized), hint);
}

static void
check_ip_capacity(const PlanRuleContext *context, GPtrArray *diagnostics, gboolean exhaustion)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < context->uses->len; i++) {
		const PlanSubnetUse *use = &g_array_index(context->uses, PlanSubnetUse, i);
		const PlanVpc *vpc = model_vpc(model, (gint)use->vpc_index);
		const PlanSubnet *subnet = vpc_subnet(vpc, (gint)use->subnet_index);
		CidrField field = subnet_field(subnet, FALSE);
		char block[PREFIX_TEXT_SIZE];
		g_autofree char *fix = NULL;
		gboolean exhausted = use->peak > use->usable;
		/* integers: peak / usable > 80% without rounding */
		gboolean crowded = multiply_capped(use->peak, 100) >
				   multiply_capped(use->usable, PLAN_IP_HEADROOM_PERCENT);

		if (use->total == 0 || use->peak == 0)
			continue;
		plan_prefix_format(&subnet->cidr.prefix, block, sizeof block);
		if (exhaustion && exhausted) {
			fix = capacity_fix(context, use->vpc_index, use->peak);
			report_field(diagnostics, PLAN_SEVERITY_ERROR, "ip-exhaustion", &field,
				     "subnet '%s' (%s) needs %" G_GINT64_FORMAT
				     " addresses at peak but has %" G_GINT64_FORMAT " usable [%s]; %s",
				     field.name, block, use->peak, use->usable, use->arithmetic, fix);
		} else if (!exhaustion && crowded && !exhausted) {
			/* the smallest block that keeps the peak at or below 80% */
			gint64 needed = ceil_div(multiply_capped(use->peak, 100),
						 PLAN_IP_HEADROOM_PERCENT);
			gint64 percent = (use->peak * 100 + use->usable / 2) / use->usable;
			fix = capacity_fix(context, use->vpc_index, needed);
			report_field(diagnostics, PLAN_SEVERITY_WARNING, "ip-headroom", &field,
				     "subnet '%s' (%s) uses %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
				     " usable addresses at peak (%" G_GINT64_FORMAT
				     "%%, more than %d%%) [%s]; %s",
				     field.name, block, use->peak, use->usable, percent,
				     PLAN_IP_HEADROOM_PERCENT, use->arithmetic, fix);
		}
	}
}

static void
check_ip_exhaustion(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	check_ip_capacity(context, diagnostics, TRUE);
}

static void
check_ip_headroom(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	check_ip_capacity(context, diagnostics, FALSE);
}

/* ---- rules: services ---- */

static void
check_service_single_az(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		const PlanVpc *vpc = model_vpc(model, service->vpc_index);
		g_autoptr(GArray) subnets = NULL;
		g_autoptr(GPtrArray) azs = NULL;
		g_autofree char *fix = NULL;

		if (vpc == NULL || !all_resolved(service->subnet_indices))
			continue;
		subnets = distinct_indices(service->subnet_indices);
		azs = distinct_azs(vpc, subnets);
		if (azs->len != 1)
			continue;
		fix = second_az_fix(context, vpc, vpc_subnet(vpc, index_at(subnets, 0))->tier,
				    g_ptr_array_index(azs, 0));
		report(diagnostics, PLAN_SEVERITY_WARNING, "service-single-az", &service->origin,
		       ".subnets",
		       "service '%s' runs only in %s, so an outage there stops it; %s",
		       label(service->name), (const char *)g_ptr_array_index(azs, 0), fix);
	}
}

/* ---- the rule table ---- */

static const PlanRule rules[] = {
	{"cidr-invalid", PLAN_SEVERITY_ERROR, "a CIDR does not parse", check_cidr_invalid},
	{"cidr-host-bits", PLAN_SEVERITY_ERROR, "a CIDR has host bits set", check_cidr_host_bits},
	{"vpc-cidr-size", PLAN_SEVERITY_ERROR, "a VPC block is not /16 to /28 (IPv6: /56)",
	 check_vpc_cidr_size},
	{"vpc-cidr-range", PLAN_SEVERITY_WARNING,
	 "a VPC block is public, overlaps 172.17.0.0/16, or is a secondary block AWS forbids "
	 "(error)",
	 check_vpc_cidr_range},
	{"vpc-cidr-overlap", PLAN_SEVERITY_ERROR, "two blocks of one VPC overlap",
	 check_vpc_cidr_overlap},
	{"vpc-overlap", PLAN_SEVERITY_WARNING, "two VPCs overlap (error when they are peered)",
	 check_vpc_overlap},
	{"subnet-size", PLAN_SEVERITY_ERROR, "a subnet is not /16 to /28 (IPv6: /64)",
	 check_subnet_size},
	{"subnet-outside-vpc", PLAN_SEVERITY_ERROR, "a subnet is not inside its VPC's blocks",
	 check_subnet_outside_vpc},
	{"subnet-overlap", PLAN_SEVERITY_ERROR, "two subnets of a VPC overlap",
	 check_subnet_overlap},
	{"az-unknown", PLAN_SEVERITY_ERROR, "the region or an AZ is unknown", check_az_unknown},
	{"tier-single-az", PLAN_SEVERITY_WARNING, "a tier (or a VPC that runs services) sits in one AZ",
	 check_tier_single_az},
	{"lb-single-az", PLAN_SEVERITY_ERROR,
	 "a load balancer has subnets in fewer than two AZs (NLB: warning)", check_lb_single_az},
	{"lb-subnet-small", PLAN_SEVERITY_ERROR,
	 "an ALB subnet is smaller than /27 or has fewer than 8 free addresses at peak",
	 check_lb_subnet_small},
	{"lb-scheme-subnet", PLAN_SEVERITY_ERROR,
	 "an internet-facing load balancer has no route from the internet", check_lb_scheme_subnet},
	{"nat-not-public", PLAN_SEVERITY_ERROR, "a public NAT gateway has no internet route",
	 check_nat_not_public},
	{"nat-cross-az", PLAN_SEVERITY_WARNING, "a private subnet routes to a NAT in another AZ",
	 check_nat_cross_az},
	{"egress-missing", PLAN_SEVERITY_ERROR, "a Fargate service's tasks cannot pull images",
	 check_egress_missing},
	{"ip-exhaustion", PLAN_SEVERITY_ERROR, "a subnet needs more addresses at peak than it has",
	 check_ip_exhaustion},
	{"ip-headroom", PLAN_SEVERITY_WARNING, "a subnet is more than 80% used at peak",
	 check_ip_headroom},
	{"service-single-az", PLAN_SEVERITY_WARNING, "a service's subnets are all in one AZ",
	 check_service_single_az},
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
 * @model: (transfer none): the model; plan_model_link() resolves its references in place
 *
 * Links the model, works out per-subnet peak addresses and runs every rule of the table. The
 * model's load diagnostics are not copied: the caller merges them.
 *
 * Returns: (transfer full): the findings (link and rule findings, sorted) and per-subnet use
 */
PlanValidation *
plan_validate(PlanModel *model)
{
	g_autoptr(PlanValidation) validation = NULL;
	g_autofree guint *offsets = NULL;
	g_autoptr(GHashTable) free_space = NULL;
	PlanRuleContext context;

	g_return_val_if_fail(model != NULL, NULL);

	validation = g_new0(PlanValidation, 1);
	validation->diagnostics = plan_diagnostics_new();
	plan_model_link(model, validation->diagnostics);
	validation->subnets = plan_subnet_uses(model);

	offsets = subnet_offsets_new(model);
	free_space = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					   (GDestroyNotify)g_array_unref);
	context = (PlanRuleContext){
		.model = model,
		.uses = validation->subnets,
		.use_offsets = offsets,
		.region = model->region != NULL ? plan_region_lookup(model->region) : NULL,
		.free_space = free_space,
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
