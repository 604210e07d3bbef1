/* ecsplan: network validation — the engine behind `ecsplan validate`: per-subnet peak
 * addresses, the rule table and plan_validate(). The helpers every rule file reports and
 * suggests with are one floor down, in network-report.c.
 * the rules live in network-blocks.c (CIDR, VPC and subnet blocks) and network-routes.c (AZs,
 * load balancers, NAT, egress, capacity); each is one plan_check_<code>() and one table row;
 * docs/rules.md has a section per code. */
#include "network-private.h"

#include <string.h>

#include "text.h"

/* ---- peak addresses per subnet ---- */

typedef enum {
	USE_TASK,
	USE_LB,
	USE_NAT,
	USE_ENDPOINT,
	USE_INSTANCE,
	USE_FIXED,
} UseKind;

/* the terms of every subnet's sum are kept apart from the subnets: each term (a service's
 * share, a load balancer's 8, ...) is written once into @terms however many subnets it lands
 * in, and each landing is a (subnet, term) pair in call order. The sums are written at the
 * end, each into one allocation of its exact size. This was a GString per subnet and printf
 * per term and per sum: 164 M instructions at 100,000 subnets (issue 18) */
typedef struct {
	gsize offset; /* into terms */
	gsize length;
} UseTerm;

typedef struct {
	guint at;   /* the subnet's position in uses */
	guint term; /* index into term_spans */
} UseLanding;

typedef struct {
	GArray *uses;	    /* PlanSubnetUse */
	guint *offsets;	    /* per VPC, plus one */
	GString *terms;	    /* every term's text, back to back */
	GArray *term_spans; /* UseTerm */
	GArray *landings;   /* UseLanding, in call order */
	GArray *subnets;    /* gint: the distinct subnets of the element at hand */
	GArray *here;	    /* gint: a cluster's subnets in one AZ */
} UseBuilder;

/* the sum of a subnet nothing lands in: one shared "", which subnet_use_clear never frees */
static char use_no_arithmetic[] = "";

static void
subnet_use_clear(gpointer data)
{
	PlanSubnetUse *use = data;
	if (use->arithmetic != use_no_arithmetic)
		g_free(use->arithmetic);
	use->arithmetic = NULL;
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
term_put(UseBuilder *builder, const char *text)
{
	g_string_append_len(builder->terms, text, (gssize)strlen(text));
}

static void
term_put_int(UseBuilder *builder, gint64 value)
{
	char text[PLAN_TEXT_INT_SIZE];
	g_string_append_len(builder->terms, text, (gssize)plan_text_int(text, value));
}

/* starts a term "<kind> '<name>': " (or "<name>: " when @kind is NULL); term_end() closes it */
static gsize
term_begin(UseBuilder *builder, const char *kind, const char *name)
{
	gsize start = builder->terms->len;
	if (kind != NULL) {
		term_put(builder, kind);
		term_put(builder, " '");
		term_put(builder, label(name));
		term_put(builder, "': ");
	} else {
		term_put(builder, label(name));
		term_put(builder, ": ");
	}
	return start;
}

/* returns the term's index, for use_add */
static guint
term_end(UseBuilder *builder, gsize start)
{
	UseTerm term = {.offset = start, .length = builder->terms->len - start};
	g_array_append_val(builder->term_spans, term);
	return builder->term_spans->len - 1;
}

static void
use_add(UseBuilder *builder, guint vpc_index, gint subnet_index, UseKind kind, gint64 amount,
	guint term)
{
	UseLanding landing;
	PlanSubnetUse *use;

	if (subnet_index < 0 ||
	    builder->offsets[vpc_index] + (guint)subnet_index >= builder->offsets[vpc_index + 1])
		return;
	landing.at = builder->offsets[vpc_index] + (guint)subnet_index;
	landing.term = term;
	use = &g_array_index(builder->uses, PlanSubnetUse, landing.at);
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
	case USE_FIXED:
		use->fixed_ips = add_capped(use->fixed_ips, amount);
		break;
	default:
		g_assert_not_reached();
	}
	g_array_append_val(builder->landings, landing);
}

/* tasks get their own address only in awsvpc mode: always on Fargate, by choice on EC2 [S38] */
static gboolean
service_uses_task_addresses(const PlanService *service)
{
	return service->launch_type == PLAN_LAUNCH_FARGATE ||
	       service->network_mode == PLAN_NETWORK_AWSVPC;
}

/* each service at its peak task count, times maximum_percent during a deployment (old and new
 * tasks run together), spread evenly over its subnets, each share rounded up:
 * "<name>: ceil(P × M / 100) = E", or "<name>: ceil(ceil(P × M / 100) / N) = E" */
static void
uses_add_services(UseBuilder *builder, const PlanModel *model)
{
	GArray *subnets = builder->subnets;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		const PlanVpc *vpc = model_vpc(model, service->vpc_index);
		gint64 peak = MAX(plan_service_peak_tasks(service), 0);
		gint64 percent = MAX(plan_service_maximum_percent(service), 0);
		gint64 each;
		gsize start;
		guint term;

		/* a daemon's addresses come with its cluster's instances (uses_add_instances) */
		if (vpc == NULL || !service_uses_task_addresses(service) ||
		    plan_service_is_daemon(service))
			continue;
		rules_distinct_indices_fill(service->subnet_indices, subnets);
		if (subnets->len == 0)
			continue;
		each = ceil_div(plan_service_deployment_peak(service), subnets->len);
		start = term_begin(builder, NULL, service->name);
		term_put(builder, subnets->len == 1 ? "ceil(" : "ceil(ceil(");
		term_put_int(builder, peak);
		term_put(builder, " × ");
		term_put_int(builder, percent);
		term_put(builder, " / 100)");
		if (subnets->len > 1) {
			term_put(builder, " / ");
			term_put_int(builder, subnets->len);
			term_put(builder, ")");
		}
		term_put(builder, " = ");
		term_put_int(builder, each);
		term = term_end(builder, start);
		for (guint k = 0; k < subnets->len; k++)
			use_add(builder, (guint)service->vpc_index, index_at(subnets, k), USE_TASK,
				each, term);
	}
}

/* load balancer nodes, NAT gateway and interface endpoint ENIs [S25][S23c] */
static void
uses_add_vpc_elements(UseBuilder *builder, const PlanVpc *vpc, guint v)
{
	GArray *subnets = builder->subnets;

	for (guint i = 0; i < vpc->load_balancers->len; i++) {
		const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
		/* a Classic LB asks for the same 8 free addresses per subnet as an ALB */
		gboolean alb = lb->type != PLAN_LB_NETWORK;
		gint64 amount = alb ? PLAN_ALB_ADDRESSES_PER_SUBNET : PLAN_NLB_ADDRESSES_PER_SUBNET;
		gsize start = term_begin(builder,
					 lb->type == PLAN_LB_CLASSIC ? "clb" : (alb ? "alb" : "nlb"),
					 lb->name);
		guint term;

		term_put_int(builder, amount);
		term = term_end(builder, start);
		rules_distinct_indices_fill(lb->subnet_indices, subnets);
		for (guint k = 0; k < subnets->len; k++)
			use_add(builder, v, index_at(subnets, k), USE_LB, amount, term);
	}
	for (guint i = 0; i < vpc->nat_gateways->len; i++) {
		const PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, i);
		gsize start = term_begin(builder, "nat", nat->name);
		term_put(builder, "1");
		use_add(builder, v, nat->subnet_index, USE_NAT, 1, term_end(builder, start));
	}
	for (guint i = 0; i < vpc->endpoints->len; i++) {
		const PlanEndpoint *endpoint = g_ptr_array_index(vpc->endpoints, i);
		gsize start;
		guint term;

		if (endpoint->type != PLAN_ENDPOINT_INTERFACE)
			continue;
		start = term_begin(builder, "endpoint",
				   endpoint->name != NULL ? endpoint->name : endpoint->service);
		term_put(builder, "1");
		term = term_end(builder, start);
		rules_distinct_indices_fill(endpoint->subnet_indices, subnets);
		for (guint k = 0; k < subnets->len; k++)
			use_add(builder, v, index_at(subnets, k), USE_ENDPOINT, 1, term);
	}
}

/* the cluster's subnets in AZ @az (distinct, resolved), into @out */
static void
cluster_subnets_in_az(const PlanVpc *vpc, const GArray *subnets, const char *az, GArray *out)
{
	g_array_set_size(out, 0);
	for (guint k = 0; k < subnets->len; k++) {
		gint s = index_at(subnets, k);
		if (g_strcmp0(vpc_subnet(vpc, s)->az, az) == 0)
			g_array_append_val(out, s);
	}
}

/* EC2 container instances at peak: each has its primary ENI's address in its subnet, a
 * second one for the trunk ENI when trunking is on [S9], and one per awsvpc daemon task it runs
 * (each instance runs one task of every DAEMON service [S53], each with its own ENI [S38]). An
 * AZ's instances spread evenly over the cluster's subnets in that AZ, each share rounded up, as
 * tasks are: "instances '<name>': [ceil(I / N) = ]E[ × P (trunk ENI, D daemon ENIs) = PE]" */
static void
uses_add_instances(UseBuilder *builder, const PlanModel *model, const PlanCompute *compute)
{
	GArray *subnets = builder->subnets;
	GArray *here = builder->here;

	for (guint c = 0; compute != NULL && c < compute->clusters->len; c++) {
		const PlanClusterSizing *sizing = g_ptr_array_index(compute->clusters, c);
		const PlanCluster *cluster =
		    g_ptr_array_index(model->clusters, sizing->cluster_index);
		const PlanVpc *vpc = model_vpc(model, cluster->vpc_index);
		gint64 daemons = sizing->reserve != NULL ? sizing->reserve->enis : 0;
		gint64 per_instance = (sizing->trunking ? 2 : 1) + daemons;

		if (vpc == NULL)
			continue;
		rules_distinct_indices_fill(cluster->subnet_indices, subnets);
		for (guint a = 0; a < sizing->azs->len; a++) {
			const PlanComputeAz *az = &g_array_index(sizing->azs, PlanComputeAz, a);
			gint64 each;
			gsize start;
			guint term;

			cluster_subnets_in_az(vpc, subnets, az->az, here);
			if (here->len == 0 || az->instances_peak == 0)
				continue;
			each = ceil_div(az->instances_peak, here->len);
			start = term_begin(builder, "instances", cluster->name);
			if (here->len > 1) {
				term_put(builder, "ceil(");
				term_put_int(builder, az->instances_peak);
				term_put(builder, " / ");
				term_put_int(builder, here->len);
				term_put(builder, ") = ");
			}
			term_put_int(builder, each);
			if (per_instance > 1) {
				term_put(builder, " × ");
				term_put_int(builder, per_instance);
				term_put(builder, " (");
				if (sizing->trunking)
					term_put(builder, daemons > 0 ? "trunk ENI, " : "trunk ENI");
				if (daemons > 0) {
					term_put_int(builder, daemons);
					term_put(builder, daemons > 1 ? " daemon ENIs" : " daemon ENI");
				}
				term_put(builder, ") = ");
				term_put_int(builder, each * per_instance);
			}
			term = term_end(builder, start);
			for (guint k = 0; k < here->len; k++)
				use_add(builder, (guint)cluster->vpc_index, index_at(here, k),
					USE_INSTANCE, each * per_instance, term);
		}
	}
}

/* databases: one address per DB instance (and a Multi-AZ standby), spread evenly over the
 * subnet group, each share rounded up, as tasks are ("db '<name>': [ceil(T / N) = ]E");
 * standalone hosts: one in their subnet ("host '<name>': 1") */
static void
uses_add_fixed(UseBuilder *builder, const PlanModel *model)
{
	GArray *subnets = builder->subnets;

	for (guint i = 0; i < model->databases->len; i++) {
		const PlanDatabase *database = g_ptr_array_index(model->databases, i);
		gint64 total = plan_database_addresses(database);
		gint64 each;
		gsize start;
		guint term;

		if (model_vpc(model, database->vpc_index) == NULL)
			continue;
		rules_distinct_indices_fill(database->subnet_indices, subnets);
		if (subnets->len == 0)
			continue;
		each = ceil_div(total, subnets->len);
		start = term_begin(builder, "db", database->name);
		if (subnets->len > 1) {
			term_put(builder, "ceil(");
			term_put_int(builder, total);
			term_put(builder, " / ");
			term_put_int(builder, subnets->len);
			term_put(builder, ") = ");
		}
		term_put_int(builder, each);
		term = term_end(builder, start);
		for (guint k = 0; k < subnets->len; k++)
			use_add(builder, (guint)database->vpc_index, index_at(subnets, k), USE_FIXED,
				each, term);
	}
	for (guint i = 0; i < model->instances->len; i++) {
		const PlanInstance *instance = g_ptr_array_index(model->instances, i);
		gsize start;

		if (model_vpc(model, instance->vpc_index) == NULL)
			continue;
		start = term_begin(builder, "host", instance->name);
		term_put(builder, "1");
		use_add(builder, (guint)instance->vpc_index, instance->subnet_index, USE_FIXED, 1,
			term_end(builder, start));
	}
}

/* each subnet's sum, "<term>; <term> → <peak>", from its landings in call order (a counting
 * sort by subnet keeps that order), each into one allocation of its exact size */
static void
uses_write_arithmetic(UseBuilder *builder)
{
	static const char arrow[] = " → ";
	GArray *uses = builder->uses;
	guint n_landings = builder->landings->len;
	g_autofree guint *first = g_new0(guint, uses->len + 1);
	g_autofree guint *order = g_new(guint, MAX(n_landings, 1u));
	const UseLanding *landings = (const UseLanding *)(gpointer)builder->landings->data;
	const UseTerm *spans = (const UseTerm *)(gpointer)builder->term_spans->data;

	/* first[at]..first[at + 1]: the subnet's landings in order */
	for (guint i = 0; i < n_landings; i++)
		first[landings[i].at + 1]++;
	for (guint at = 0; at < uses->len; at++)
		first[at + 1] += first[at];
	{
		g_autofree guint *next = g_memdup2(first, sizeof(guint) * uses->len);
		for (guint i = 0; i < n_landings; i++)
			order[next[landings[i].at]++] = i;
	}
	for (guint at = 0; at < uses->len; at++) {
		PlanSubnetUse *use = &g_array_index(uses, PlanSubnetUse, at);
		char peak[PLAN_TEXT_INT_SIZE];
		gsize peak_length;
		gsize length = 0;
		char *text;

		if (first[at] == first[at + 1]) {
			use->arithmetic = use_no_arithmetic;
			continue;
		}
		peak_length = plan_text_int(peak, use->peak);
		for (guint k = first[at]; k < first[at + 1]; k++)
			length += spans[landings[order[k]].term].length + (k > first[at] ? 2 : 0);
		length += sizeof arrow - 1 + peak_length;
		text = g_malloc(length + 1);
		use->arithmetic = text;
		for (guint k = first[at]; k < first[at + 1]; k++) {
			const UseTerm *term = &spans[landings[order[k]].term];
			if (k > first[at]) {
				text[0] = ';';
				text[1] = ' ';
				text += 2;
			}
			memcpy(text, builder->terms->str + term->offset, term->length);
			text += term->length;
		}
		memcpy(text, arrow, sizeof arrow - 1);
		text += sizeof arrow - 1;
		memcpy(text, peak, peak_length);
		text[peak_length] = '\0';
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
	g_autofree guint *offsets = NULL;
	g_autoptr(GString) terms = NULL;
	g_autoptr(GArray) term_spans = NULL;
	g_autoptr(GArray) landings = NULL;
	g_autoptr(GArray) subnets = NULL;
	g_autoptr(GArray) here = NULL;
	UseBuilder builder;

	g_return_val_if_fail(model != NULL, NULL);

	offsets = subnet_offsets_new(model);
	uses = g_array_sized_new(FALSE, TRUE, sizeof(PlanSubnetUse), offsets[model->vpcs->len]);
	g_array_set_clear_func(uses, subnet_use_clear);
	g_array_set_size(uses, offsets[model->vpcs->len]);
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint s = 0; s < vpc->subnets->len; s++) {
			const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
			PlanSubnetUse *use = &g_array_index(uses, PlanSubnetUse, offsets[v] + s);
			use->vpc_index = v;
			use->subnet_index = s;
			use->arithmetic = use_no_arithmetic;
			if (plan_cidr_usable(&subnet->cidr) && !is_ipv6(&subnet->cidr.prefix)) {
				use->total = (gint64)plan_prefix_addresses(&subnet->cidr.prefix);
				use->usable = MAX(use->total - PLAN_AWS_RESERVED_PER_SUBNET, 0);
			}
		}
	}

	terms = g_string_sized_new(4096);
	term_spans = g_array_new(FALSE, FALSE, sizeof(UseTerm));
	landings = g_array_new(FALSE, FALSE, sizeof(UseLanding));
	subnets = g_array_new(FALSE, FALSE, sizeof(gint));
	here = g_array_new(FALSE, FALSE, sizeof(gint));
	builder = (UseBuilder){.uses = uses,
			       .offsets = offsets,
			       .terms = terms,
			       .term_spans = term_spans,
			       .landings = landings,
			       .subnets = subnets,
			       .here = here};
	uses_add_services(&builder, model);
	uses_add_instances(&builder, model, compute);
	uses_add_fixed(&builder, model);
	for (guint v = 0; v < model->vpcs->len; v++)
		uses_add_vpc_elements(&builder, model_vpc(model, (gint)v), v);

	for (guint i = 0; i < uses->len; i++) {
		PlanSubnetUse *use = &g_array_index(uses, PlanSubnetUse, i);
		use->peak = add_capped(
		    add_capped(use->task_ips, use->lb_ips),
		    add_capped(add_capped(use->nat_ips, use->endpoint_ips),
			       add_capped(use->instance_ips, use->fixed_ips)));
	}
	uses_write_arithmetic(&builder);
	return uses;
}

/* ---- the rule table ---- */

static const PlanRule rules[] = {
    {"cidr-invalid", PLAN_SEVERITY_ERROR, "a CIDR does not parse", rules_check_cidr_invalid},
    {"cidr-host-bits", PLAN_SEVERITY_ERROR, "a CIDR has host bits set", rules_check_cidr_host_bits},
    {"vpc-cidr-size", PLAN_SEVERITY_ERROR, "a VPC block is not /16 to /28 (IPv6: /56)",
     rules_check_vpc_cidr_size},
    {"vpc-cidr-range", PLAN_SEVERITY_WARNING,
     "a VPC block is public, overlaps 172.17.0.0/16, or is a secondary block AWS forbids "
     "(error)",
     rules_check_vpc_cidr_range},
    {"vpc-cidr-overlap", PLAN_SEVERITY_ERROR, "two blocks of one VPC overlap",
     rules_check_vpc_cidr_overlap},
    {"vpc-overlap", PLAN_SEVERITY_WARNING, "two VPCs overlap (error when they are peered)",
     rules_check_vpc_overlap},
    {"subnet-size", PLAN_SEVERITY_ERROR, "a subnet is not /16 to /28 (IPv6: /64)",
     rules_check_subnet_size},
    {"subnet-outside-vpc", PLAN_SEVERITY_ERROR, "a subnet is not inside its VPC's blocks",
     rules_check_subnet_outside_vpc},
    {"subnet-overlap", PLAN_SEVERITY_ERROR, "two subnets of a VPC overlap",
     rules_check_subnet_overlap},
    {"az-unknown", PLAN_SEVERITY_ERROR, "the region or an AZ is unknown", rules_check_az_unknown},
    {"tier-single-az", PLAN_SEVERITY_WARNING, "a tier (or a VPC that runs services) sits in one AZ",
     rules_check_tier_single_az},
    {"lb-single-az", PLAN_SEVERITY_ERROR,
     "a load balancer has subnets in fewer than two AZs (NLB: warning)", rules_check_lb_single_az},
    {"subnet-per-az", PLAN_SEVERITY_ERROR,
     "a load balancer or interface endpoint has two subnets in one AZ", rules_check_subnet_per_az},
    {"lb-subnet-small", PLAN_SEVERITY_ERROR,
     "an ALB subnet is smaller than /27 or has fewer than 8 free addresses at peak",
     rules_check_lb_subnet_small},
    {"lb-scheme-subnet", PLAN_SEVERITY_ERROR,
     "an internet-facing load balancer has no route from the internet",
     rules_check_lb_scheme_subnet},
    {"nat-not-public", PLAN_SEVERITY_ERROR, "a public NAT gateway has no internet route",
     rules_check_nat_not_public},
    {"nat-cross-az", PLAN_SEVERITY_WARNING, "a private subnet routes to a NAT in another AZ",
     rules_check_nat_cross_az},
    {"egress-missing", PLAN_SEVERITY_ERROR,
     "tasks or instances without an internet route lack an endpoint they need",
     rules_check_egress_missing},
    {"ip-exhaustion", PLAN_SEVERITY_ERROR, "a subnet needs more addresses at peak than it has",
     rules_check_ip_exhaustion},
    {"ip-headroom", PLAN_SEVERITY_WARNING, "a subnet is more than 80% used at peak",
     rules_check_ip_headroom},
    {"service-single-az", PLAN_SEVERITY_WARNING, "a service's subnets are all in one AZ",
     rules_check_service_single_az},
    {"fargate-task-size", PLAN_SEVERITY_ERROR,
     "a Fargate task's cpu/memory is not a valid Fargate size", rules_check_fargate_task_size},
    {"container-exceeds-task", PLAN_SEVERITY_ERROR,
     "the containers ask for more cpu or memory than the task has",
     rules_check_container_exceeds_task},
    {"service-connect-room", PLAN_SEVERITY_WARNING,
     "a Service Connect task's size leaves no room for the proxy (256 CPU units, 64 MiB)",
     rules_check_service_connect_room},
    {"strategy-base", PLAN_SEVERITY_ERROR,
     "more than one capacity provider strategy item has a base", rules_check_strategy_base},
    {"autoscaling-range", PLAN_SEVERITY_ERROR,
     "autoscaling (or a cluster's) min is above max; desired outside [min, max] (warning)",
     rules_check_autoscaling_range},
    {"deployment-stuck", PLAN_SEVERITY_WARNING,
     "maximum_percent and minimum_healthy_percent leave a rolling deployment no room",
     rules_check_deployment_stuck},
    {"deployment-downtime", PLAN_SEVERITY_WARNING,
     "a service runs one task, or a deployment may stop every task (minimum_healthy_percent 0)",
     rules_check_deployment_downtime},
    {"launch-type-network", PLAN_SEVERITY_ERROR,
     "Fargate without awsvpc, or awsvpc on EC2 with assign_public_ip",
     rules_check_launch_type_network},
    {"awsvpc-limits", PLAN_SEVERITY_ERROR, "an awsvpc configuration lists more than 16 subnets",
     rules_check_awsvpc_limits},
    {"daemon-scheduling", PLAN_SEVERITY_ERROR,
     "a DAEMON service on Fargate (warning: its desired_count or autoscaling, which do not apply)",
     rules_check_daemon_scheduling},
    {"ec2-instance-type-unknown", PLAN_SEVERITY_ERROR,
     "a cluster's instance type is not in the price book (note: no book for the region)",
     rules_check_ec2_instance_type_unknown},
    {"ec2-task-unplaceable", PLAN_SEVERITY_ERROR, "a task fits no instance of its cluster's type",
     rules_check_ec2_task_unplaceable},
    {"ec2-capacity", PLAN_SEVERITY_ERROR, "a cluster's max instances cannot hold the peak",
     rules_check_ec2_capacity},
    {"eni-limit", PLAN_SEVERITY_WARNING,
     "awsvpc tasks on EC2 are limited by the instance's ENIs, not its CPU or memory",
     rules_check_eni_limit},
    {"cluster-single-az", PLAN_SEVERITY_WARNING,
     "every instance of an EC2 cluster runs in one AZ, so its services do too",
     rules_check_cluster_single_az},
    {"db-subnet-group", PLAN_SEVERITY_ERROR,
     "a database's subnet group covers fewer than two AZs", rules_check_db_subnet_group},
    {"nat-idle", PLAN_SEVERITY_NOTE, "a NAT gateway serves no workload (with its monthly cost)",
     rules_check_nat_idle},
    {"lb-idle", PLAN_SEVERITY_NOTE, "a load balancer fronts no service (with its monthly cost)",
     rules_check_lb_idle},
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

/* past PLAN_RULE_MAX_FINDINGS findings of one code, the rest of that code (in place order)
 * become one finding that counts them, as severe as the most severe of them: the exit status
 * and --fail-on stay right, and the output stays readable and bounded */
static void
plan_findings_bound(GPtrArray *diagnostics)
{
	g_autoptr(GHashTable) counts = g_hash_table_new(g_str_hash, g_str_equal);
	g_autoptr(GPtrArray) kept =
	    g_ptr_array_new_with_free_func((GDestroyNotify)plan_diagnostic_free);
	g_autoptr(GHashTable) dropped =
	    g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
	g_autoptr(GList) codes = NULL;

	if (diagnostics->len <= PLAN_RULE_MAX_FINDINGS)
		return;
	for (guint i = 0; i < diagnostics->len; i++) {
		PlanDiagnostic *diagnostic = g_ptr_array_index(diagnostics, i);
		guint n = GPOINTER_TO_UINT(g_hash_table_lookup(counts, diagnostic->code)) + 1;
		guint *by_severity;
		g_hash_table_insert(counts, (gpointer)diagnostic->code, GUINT_TO_POINTER(n));
		if (n <= PLAN_RULE_MAX_FINDINGS) {
			g_ptr_array_add(kept, diagnostic);
			continue;
		}
		by_severity = g_hash_table_lookup(dropped, diagnostic->code);
		if (by_severity == NULL) {
			by_severity = g_new0(guint, PLAN_SEVERITY_ERROR + 1);
			g_hash_table_insert(dropped, (gpointer)diagnostic->code, by_severity);
		}
		by_severity[diagnostic->severity]++;
		plan_diagnostic_free(diagnostic);
	}
	/* the elements moved to kept or were freed */
	g_ptr_array_set_free_func(diagnostics, NULL);
	g_ptr_array_set_size(diagnostics, 0);
	g_ptr_array_set_free_func(diagnostics, (GDestroyNotify)plan_diagnostic_free);
	for (guint i = 0; i < kept->len; i++)
		g_ptr_array_add(diagnostics, g_ptr_array_index(kept, i));
	g_ptr_array_set_free_func(kept, NULL);

	codes = g_list_sort(g_hash_table_get_keys(dropped), (GCompareFunc)g_strcmp0);
	for (const GList *l = codes; l != NULL; l = l->next) {
		const char *code = l->data;
		const guint *n = g_hash_table_lookup(dropped, code);
		guint total =
		    n[PLAN_SEVERITY_ERROR] + n[PLAN_SEVERITY_WARNING] + n[PLAN_SEVERITY_NOTE];
		PlanSeverity worst = n[PLAN_SEVERITY_ERROR] > 0	    ? PLAN_SEVERITY_ERROR
				     : n[PLAN_SEVERITY_WARNING] > 0 ? PLAN_SEVERITY_WARNING
								    : PLAN_SEVERITY_NOTE;
		plan_diagnostics_add(diagnostics, worst, code, NULL, NULL, NULL,
				     "and %u more %s findings (%u errors, %u warnings, %u notes) "
				     "after the first %u, which are listed; fix those and run "
				     "validate again (the limit is in docs/limits.md)",
				     total, code, n[PLAN_SEVERITY_ERROR], n[PLAN_SEVERITY_WARNING],
				     n[PLAN_SEVERITY_NOTE], PLAN_RULE_MAX_FINDINGS);
	}
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
	g_autoptr(GHashTable) suggestions = NULL;
	g_autoptr(GArray) vpc_blocks = NULL;
	g_autoptr(RulesAzs) azs = NULL;
	const PlanRegion *region;
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
	suggestions = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	vpc_blocks = rules_all_vpc_blocks(model);
	region = model->region != NULL ? plan_region_lookup(model->region) : NULL;
	azs = rules_azs_new(model, offsets, region);
	context = (PlanRuleContext){
	    .model = model,
	    .uses = validation->subnets,
	    .use_offsets = offsets,
	    .region = region,
	    .free_space = free_space,
	    .suggestions = suggestions,
	    .vpc_blocks = vpc_blocks,
	    .book = book,
	    .compute = compute,
	    .azs = azs,
	};
	for (guint i = 0; i < G_N_ELEMENTS(rules); i++)
		rules[i].check(&context, validation->diagnostics);
	plan_diagnostics_sort(validation->diagnostics);
	plan_findings_bound(validation->diagnostics);
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
