/* ecsplan: the rules on what the AWS APIs refuse outright — one subnet per AZ for load balancers
 * and interface endpoints, the network modes each launch type takes, the awsvpc configuration's
 * subnet limit — and the notes on what runs for nothing: NAT gateways no workload routes through
 * and load balancers no service sits behind, with the money at stake. each is one
 * plan_check_<code>() and one row of the table in network.c; see docs/rules.md. */
#include "network-private.h"

/* ---- rules: one subnet per AZ ---- */

/* the first two positions of @indices (resolved) whose subnets share an AZ: returns TRUE and
 * sets @first and @second, or FALSE when every AZ appears once. a name listed twice is the same
 * subnet, not two */
static gboolean
find_shared_az(const PlanVpc *vpc, const GArray *indices, guint *first, guint *second)
{
	for (guint j = 1; indices != NULL && j < indices->len; j++) {
		const PlanSubnet *b = vpc_subnet(vpc, index_at(indices, j));
		if (b == NULL || b->az == NULL)
			continue;
		for (guint i = 0; i < j; i++) {
			const PlanSubnet *a = vpc_subnet(vpc, index_at(indices, i));
			if (a == NULL || a == b || g_strcmp0(a->az, b->az) != 0)
				continue;
			*first = i;
			*second = j;
			return TRUE;
		}
	}
	return FALSE;
}

static void
report_shared_az(GPtrArray *diagnostics, const PlanVpc *vpc, const PlanOrigin *origin,
		 const char *what, const char *name, const GArray *indices)
{
	guint i = 0;
	guint j = 0;
	const PlanSubnet *a;
	const PlanSubnet *b;
	g_autofree char *suffix = NULL;

	if (!find_shared_az(vpc, indices, &i, &j))
		return;
	a = vpc_subnet(vpc, index_at(indices, i));
	b = vpc_subnet(vpc, index_at(indices, j));
	suffix = g_strdup_printf(".subnets[%u]", j);
	add_related(rules_report(diagnostics, PLAN_SEVERITY_ERROR, "subnet-per-az", origin,
					suffix,
					"%s '%s' has two subnets in %s ('%s' and '%s'), and AWS "
					"takes one subnet per AZ; keep one of them",
					what, label(name), a->az, label(a->name), label(b->name)),
		    a->origin.path);
}

/* a load balancer takes one subnet per AZ [S25]; so does an interface endpoint [S22]. gateway
 * endpoints attach to route tables, not subnets, and are left out */
void
rules_check_subnet_per_az(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc->load_balancers->len; i++) {
			const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
			report_shared_az(diagnostics, vpc, &lb->origin, "load balancer", lb->name,
					 lb->subnet_indices);
		}
		for (guint i = 0; i < vpc->endpoints->len; i++) {
			const PlanEndpoint *endpoint = g_ptr_array_index(vpc->endpoints, i);
			if (endpoint->type != PLAN_ENDPOINT_INTERFACE)
				continue;
			report_shared_az(diagnostics, vpc, &endpoint->origin, "interface endpoint",
					 endpoint->name != NULL ? endpoint->name
								: endpoint->service,
					 endpoint->subnet_indices);
		}
	}
}

/* ---- rules: databases ---- */

/* a DB subnet group must cover at least two AZs, and a Multi-AZ standby goes to a second one
 * [S41] */
void
rules_check_db_subnet_group(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->databases->len; i++) {
		const PlanDatabase *database = g_ptr_array_index(model->databases, i);
		const PlanVpc *vpc = model_vpc(model, database->vpc_index);
		g_autoptr(GHashTable) azs = NULL;
		const char *only = NULL;

		if (vpc == NULL)
			continue;
		azs = g_hash_table_new(g_str_hash, g_str_equal);
		for (guint k = 0; k < database->subnet_indices->len; k++) {
			const PlanSubnet *subnet =
			    vpc_subnet(vpc, index_at(database->subnet_indices, k));
			if (subnet == NULL || subnet->az == NULL)
				continue;
			g_hash_table_add(azs, subnet->az);
			only = subnet->az;
		}
		if (g_hash_table_size(azs) >= 2)
			continue;
		rules_report(
		    diagnostics, PLAN_SEVERITY_ERROR, "db-subnet-group", &database->origin,
		    ".subnets",
		    "database '%s' has a subnet group in %s, and AWS asks for subnets in at least "
		    "two AZs%s; add a subnet of another AZ to its subnets",
		    label(database->name), only != NULL ? only : "no AZ",
		    database->multi_az ? " (its Multi-AZ standby needs the second)" : "");
	}
}

/* ---- rules: launch types and awsvpc ---- */

/* Fargate runs awsvpc only [S38]; an EC2 task in awsvpc mode gets no public address:
 * assignPublicIp is for Fargate tasks only [S36] */
void
rules_check_launch_type_network(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);

		if (service->launch_type == PLAN_LAUNCH_FARGATE &&
		    service->network_mode != PLAN_NETWORK_AWSVPC)
			rules_report(diagnostics, PLAN_SEVERITY_ERROR, "launch-type-network",
					    &service->origin, ".network_mode",
					    "service '%s' runs on Fargate with network_mode '%s', "
					    "and Fargate takes awsvpc only; set network_mode to "
					    "awsvpc, or run it on EC2",
					    label(service->name),
					    plan_network_mode_to_string(service->network_mode));
		else if (service->launch_type == PLAN_LAUNCH_EC2 &&
			 service->network_mode == PLAN_NETWORK_AWSVPC && service->assign_public_ip)
			rules_report(diagnostics, PLAN_SEVERITY_ERROR, "launch-type-network",
					    &service->origin, ".assign_public_ip",
					    "service '%s' runs awsvpc tasks on EC2 with "
					    "assign_public_ip true, which only Fargate supports; set "
					    "it to false and give the tasks a private subnet with a "
					    "nat gateway (or endpoints)",
					    label(service->name));
	}
}

/* an awsvpc configuration lists at most 16 subnets [S36]. security groups (at most 5) are not
 * in the model */
void
rules_check_awsvpc_limits(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;

	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		gboolean awsvpc = service->launch_type == PLAN_LAUNCH_FARGATE ||
				  service->network_mode == PLAN_NETWORK_AWSVPC;

		if (!awsvpc || service->subnets->len <= PLAN_AWSVPC_MAX_SUBNETS)
			continue;
		rules_report(diagnostics, PLAN_SEVERITY_ERROR, "awsvpc-limits",
				    &service->origin, ".subnets",
				    "service '%s' lists %u subnets, and an awsvpc configuration "
				    "takes at most %u; keep one or two per AZ (%u at most)",
				    label(service->name), service->subnets->len,
				    PLAN_AWSVPC_MAX_SUBNETS, PLAN_AWSVPC_MAX_SUBNETS);
	}
}

/* ---- notes: what runs for nothing ---- */

/* the book's hourly rate of @key, or -1 when there is no book or no such figure */
static double
hourly_rate(const PlanRuleContext *context, const char *key)
{
	const PlanPrice *price;

	if (context->book == NULL)
		return -1;
	price = plan_price_book_get(context->book, key);
	if (price == NULL || !price->present)
		return -1;
	return price->value;
}

/* " (about $32.85 a month at the book's $0.045 an hour × 730 h, plus $3.65 for its public IPv4;
 * data processing not counted)", or "" without a book */
static char *
money_at_stake(const PlanRuleContext *context, const char *key, guint public_ips)
{
	double rate = hourly_rate(context, key);
	double ip_rate = hourly_rate(context, "public_ipv4.hour");
	GString *text;

	if (rate < 0)
		return g_strdup("");
	text = g_string_new(NULL);
	g_string_printf(text, " (about $%.2f a month: the book's $%g an hour × %g h",
			(rate + (ip_rate > 0 ? public_ips * ip_rate : 0)) * PLAN_HOURS_PER_MONTH,
			rate, PLAN_HOURS_PER_MONTH);
	if (public_ips > 0 && ip_rate > 0)
		g_string_append_printf(text, ", plus %u public IPv4 × $%g × %g h", public_ips,
				       ip_rate, PLAN_HOURS_PER_MONTH);
	g_string_append(text, "; data processing not counted)");
	return g_string_free(text, FALSE);
}

/* where each VPC's subnets (@subnets TRUE) or load balancers start in one flat array over all
 * VPCs; the last entry is the total. The idle rules mark what is used in one pass over the
 * services and clusters, not one pass per VPC or per balancer (issue 18: 10,000 VPCs times
 * 100,000 services was a billion steps) */
static gsize *
vpc_offsets(const PlanModel *model, gboolean subnets)
{
	gsize *offsets = g_new(gsize, model->vpcs->len + 1);
	gsize total = 0;

	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		offsets[v] = total;
		total += subnets ? vpc->subnets->len : vpc->load_balancers->len;
	}
	offsets[model->vpcs->len] = total;
	return offsets;
}

/* marks in @used (indexed by @offsets, from vpc_offsets) the subnets where a workload runs: a
 * service's tasks or a cluster's instances */
static void
mark_workload_subnets(const PlanModel *model, const gsize *offsets, gboolean *used)
{
	for (guint i = 0; i < model->services->len; i++) {
		const PlanService *service = g_ptr_array_index(model->services, i);
		const PlanVpc *vpc = model_vpc(model, service->vpc_index);
		if (vpc == NULL)
			continue;
		for (guint k = 0; k < service->subnet_indices->len; k++) {
			gint s = index_at(service->subnet_indices, k);
			if (vpc_subnet(vpc, s) != NULL)
				used[offsets[service->vpc_index] + (gsize)s] = TRUE;
		}
	}
	for (guint i = 0; i < model->clusters->len; i++) {
		const PlanCluster *cluster = g_ptr_array_index(model->clusters, i);
		const PlanVpc *vpc = model_vpc(model, cluster->vpc_index);
		if (vpc == NULL)
			continue;
		for (guint k = 0; k < cluster->subnet_indices->len; k++) {
			gint s = index_at(cluster->subnet_indices, k);
			if (vpc_subnet(vpc, s) != NULL)
				used[offsets[cluster->vpc_index] + (gsize)s] = TRUE;
		}
	}
}

/* a NAT gateway bills every hour whether or not traffic flows [S19]: one that no subnet with a
 * workload routes through serves nothing */
void
rules_check_nat_idle(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autofree gsize *offsets = vpc_offsets(model, TRUE);
	g_autofree gboolean *used = g_new0(gboolean, offsets[model->vpcs->len] + 1);

	mark_workload_subnets(model, offsets, used);
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		guint n_nats = vpc->nat_gateways->len;
		g_autofree guint *routed = NULL;
		g_autofree gboolean *serves = NULL;

		if (n_nats == 0)
			continue;
		/* each subnet counts towards the NAT gateway it routes through: one pass */
		routed = g_new0(guint, n_nats);
		serves = g_new0(gboolean, n_nats);
		for (guint s = 0; s < vpc->subnets->len; s++) {
			const PlanSubnet *subnet = vpc_subnet(vpc, (gint)s);
			if (subnet->nat_index < 0 || (guint)subnet->nat_index >= n_nats)
				continue;
			routed[subnet->nat_index]++;
			serves[subnet->nat_index] |= used[offsets[v] + s];
		}
		for (guint n = 0; n < n_nats; n++) {
			const PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, n);
			g_autofree char *money = NULL;

			if (serves[n])
				continue;
			money = money_at_stake(context, "nat.hour",
					       nat->connectivity == PLAN_NAT_PUBLIC ? 1 : 0);
			rules_report(
			    diagnostics, PLAN_SEVERITY_NOTE, "nat-idle", &nat->origin, NULL,
			    "nat gateway '%s' serves no workload: %s; it bills every hour "
			    "anyway%s; remove it, or place the tasks that need it in those "
			    "subnets",
			    label(nat->name),
			    routed[n] == 0 ? "no subnet routes through it"
					   : "no service or cluster runs in the subnets that route "
					     "through it",
			    money);
		}
	}
}

/* how many distinct AZs @subnets (resolved indices into @vpc) span */
static guint
count_azs(const PlanVpc *vpc, const GArray *subnets)
{
	g_autoptr(GHashTable) azs = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint k = 0; k < subnets->len; k++) {
		const PlanSubnet *subnet = vpc_subnet(vpc, index_at(subnets, k));
		if (subnet != NULL && subnet->az != NULL)
			g_hash_table_add(azs, subnet->az);
	}
	return g_hash_table_size(azs);
}

/* a load balancer bills every hour [S17]; one that no service names serves nothing */
void
rules_check_lb_idle(const PlanRuleContext *context, GPtrArray *diagnostics)
{
	const PlanModel *model = context->model;
	g_autofree gsize *offsets = vpc_offsets(model, FALSE);
	g_autofree gboolean *fronted = g_new0(gboolean, offsets[model->vpcs->len] + 1);

	/* one pass over the services marks the balancers they name */
	for (guint k = 0; k < model->services->len; k++) {
		const PlanService *service = g_ptr_array_index(model->services, k);
		const PlanVpc *vpc = model_vpc(model, service->vpc_index);
		if (vpc != NULL && service->lb_index >= 0 &&
		    (guint)service->lb_index < vpc->load_balancers->len)
			fronted[offsets[service->vpc_index] + (gsize)service->lb_index] = TRUE;
		/* and the further balancers its tasks register with */
		for (guint e = 0; vpc != NULL && e < service->extra_lb_indices->len; e++) {
			gint extra = g_array_index(service->extra_lb_indices, gint, e);
			if (extra >= 0 && (guint)extra < vpc->load_balancers->len)
				fronted[offsets[service->vpc_index] + (gsize)extra] = TRUE;
		}
	}
	for (guint v = 0; v < model->vpcs->len; v++) {
		const PlanVpc *vpc = model_vpc(model, (gint)v);
		for (guint i = 0; i < vpc->load_balancers->len; i++) {
			const PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, i);
			g_autoptr(GArray) subnets = NULL;
			g_autofree char *money = NULL;
			guint public_ips;

			if (fronted[offsets[v] + i])
				continue;
			/* an internet-facing balancer holds a public IPv4 per AZ node */
			subnets = rules_distinct_indices(lb->subnet_indices);
			public_ips = lb->scheme == PLAN_LB_INTERNET_FACING
					 ? count_azs(vpc, subnets)
					 : 0;
			money = money_at_stake(
			    context,
			    lb->type == PLAN_LB_NETWORK	  ? "nlb.hour"
			    : lb->type == PLAN_LB_CLASSIC ? "clb.hour"
							  : "alb.hour",
			    public_ips);
			rules_report(diagnostics, PLAN_SEVERITY_NOTE, "lb-idle", &lb->origin,
					    NULL,
					    "load balancer '%s' fronts no service: none names it in "
					    "load_balancer%s; remove it, or point the service it is "
					    "for at it",
					    label(lb->name), money);
		}
	}
}
