/* ecsplan: unit tests for the Terraform importer (planner/import-terraform*.c): detection,
 * names, each fixture under tests/terraform/ checked field by field against what its seed
 * write-up describes, links through modules, and bad input with its exact messages */
#include "diagnostic.h"
#include "import-terraform.h"
#include "simulate.h"
#include "loader.h"
#include "plan-error.h"
#include "test-util.h"

#include <string.h>

#define DISPLAY "plan.json"

static PlanModel *
import_text(const char *text, GError **error)
{
	return plan_import_terraform(text, strlen(text), DISPLAY, NULL, NULL, error);
}

static PlanModel *
import_fixture(const char *name)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "terraform", name, NULL);
	g_autofree char *data = NULL;
	g_autoptr(GError) error = NULL;
	gsize length = 0;
	PlanModel *model;

	g_assert_true(g_file_get_contents(path, &data, &length, &error));
	g_assert_true(plan_import_is_terraform(data, length));
	model = plan_import_terraform(data, length, name, NULL, NULL, &error);
	g_assert_no_error(error);
	g_assert_nonnull(model);
	return model;
}

static PlanVpc *
vpc_at(PlanModel *model, guint index)
{
	g_assert_cmpuint(index, <, model->vpcs->len);
	return g_ptr_array_index(model->vpcs, index);
}

static PlanSubnet *
subnet_by_cidr(PlanVpc *vpc, const char *cidr)
{
	for (guint i = 0; i < vpc->subnets->len; i++) {
		PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, i);
		if (g_strcmp0(subnet->cidr.text, cidr) == 0)
			return subnet;
	}
	g_error("no subnet %s in vpc %s", cidr, vpc->name);
	return NULL;
}

static PlanSubnet *
subnet_by_name(PlanVpc *vpc, const char *name)
{
	for (guint i = 0; i < vpc->subnets->len; i++) {
		PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, i);
		if (g_strcmp0(subnet->name, name) == 0)
			return subnet;
	}
	return NULL;
}

static PlanNatGateway *
nat_by_name(PlanVpc *vpc, const char *name)
{
	for (guint i = 0; i < vpc->nat_gateways->len; i++) {
		PlanNatGateway *nat = g_ptr_array_index(vpc->nat_gateways, i);
		if (g_strcmp0(nat->name, name) == 0)
			return nat;
	}
	return NULL;
}

static PlanService *
service_at(PlanModel *model, guint index)
{
	g_assert_cmpuint(index, <, model->services->len);
	return g_ptr_array_index(model->services, index);
}

/* the CIDR blocks of a service's (or anything's) subnet names, in order, joined by spaces */
static char *
subnet_cidrs(PlanVpc *vpc, GPtrArray *names)
{
	GString *out = g_string_new(NULL);
	for (guint i = 0; i < names->len; i++) {
		PlanSubnet *subnet = subnet_by_name(vpc, g_ptr_array_index(names, i));
		g_assert_nonnull(subnet);
		g_string_append_printf(out, "%s%s", i > 0 ? " " : "", subnet->cidr.text);
	}
	return g_string_free(out, FALSE);
}

/* the CIDR of the subnet a private subnet's NAT gateway sits in */
static const char *
nat_subnet_cidr(PlanVpc *vpc, PlanSubnet *subnet)
{
	PlanNatGateway *nat;
	g_assert_nonnull(subnet->nat_gateway);
	nat = nat_by_name(vpc, subnet->nat_gateway);
	g_assert_nonnull(nat);
	return subnet_by_name(vpc, nat->subnet)->cidr.text;
}

static guint
count_findings(PlanModel *model, const char *code)
{
	guint n = 0;
	for (guint i = 0; i < model->load_diagnostics->len; i++) {
		PlanDiagnostic *diagnostic = g_ptr_array_index(model->load_diagnostics, i);
		if (strcmp(diagnostic->code, code) == 0)
			n++;
	}
	return n;
}

static PlanDiagnostic *
find_finding(PlanModel *model, const char *code, const char *text)
{
	for (guint i = 0; i < model->load_diagnostics->len; i++) {
		PlanDiagnostic *diagnostic = g_ptr_array_index(model->load_diagnostics, i);
		if (strcmp(diagnostic->code, code) == 0 &&
		    strstr(diagnostic->message, text) != NULL)
			return diagnostic;
	}
	g_error("no %s finding with '%s'", code, text);
	return NULL;
}

/* ---- detection and names --------------------------------------------------------------------- */

static void
test_import_detect(void)
{
	static const struct {
		const char *text;
		gboolean terraform;
	} cases[] = {
	    {"{\"format_version\": \"1.2\", \"planned_values\": {}}", TRUE},
	    {"{\"format_version\":\"1.0\",\"values\":{\"root_module\":{}}}", TRUE},
	    {"\xef\xbb\xbf  {\"terraform_version\": \"1.6.6\"}", TRUE},
	    {"{\"planned_values\": {}}", TRUE}, /* no format_version: the importer says so */
	    {"{\"a\": {\"ecsplan\": 1}, \"prior_state\": null}", TRUE},
	    {"{\"x\": \"\\\"}\", \"values\": []}", TRUE},
	    {"{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": []}", FALSE},
	    {"{\"values\": {}, \"ecsplan\": 1}", FALSE},
	    {"{\"name\": \"x\", \"vpcs\": []}", FALSE},
	    {"{}", FALSE},
	    {"[{\"format_version\": \"1.0\"}]", FALSE},
	    {"", FALSE},
	    {"{", FALSE},
	    {"{\"format_version\"", TRUE},
	    {"not json", FALSE},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++)
		g_assert_cmpint(plan_import_is_terraform(cases[i].text, strlen(cases[i].text)), ==,
				cases[i].terraform);
}

static void
test_import_names(void)
{
	static const struct {
		const char *address;
		const char *name;
	} cases[] = {
	    {"module.vpc.aws_subnet.private[0]", "vpc-private-0"},
	    {"aws_lb.api_load_balancer", "api-load-balancer"},
	    {"module.vpc.aws_vpc.this[0]", "vpc-0"},
	    {"module.vpc.aws_nat_gateway.this[1]", "vpc-nat-gateway-1"},
	    {"module.ecs.module.service[\"backend-flask\"].aws_ecs_service.this[0]",
	     "ecs-service-backend-flask-0"},
	    {"module.ecs.module.cluster.aws_ecs_cluster.this[0]", "ecs-cluster-0"},
	    {"data.aws_subnet.default[\"us-east-1a\"]", "default-us-east-1a"},
	    {"module.x[\"a.b\"].aws_subnet.y[\"Key With Spaces\"]", "x-a-b-y-key-with-spaces"},
	    {"module.platform.module.network.aws_subnet.public[\"a\"]",
	     "platform-network-public-a"},
	    {"aws_vpc.this", "vpc"},
	    {"aws_ecs_service.vault-api", "vault-api"},
	    {"not an address", ""},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *name = plan_import_name_from_address(cases[i].address);
		g_assert_cmpstr(name, ==, cases[i].name);
	}
}

/* ---- the seed fixtures ----------------------------------------------------------------------- */

/* seed 000: terraform-aws-modules/vpc, two public subnets, Fargate behind an ALB */
static void
test_import_seed000(void)
{
	g_autoptr(PlanModel) model = import_fixture("seed000-plan.json");
	PlanVpc *vpc = vpc_at(model, 0);
	PlanSubnet *a = subnet_by_cidr(vpc, "10.0.0.0/24");
	PlanSubnet *b = subnet_by_cidr(vpc, "10.0.1.0/24");
	PlanLoadBalancer *lb;
	PlanService *service;
	g_autofree char *lb_cidrs = NULL;
	g_autofree char *service_cidrs = NULL;

	g_assert_cmpstr(model->region, ==, "us-east-1"); /* from the AZs: no provider region */
	g_assert_cmpuint(model->vpcs->len, ==, 1);
	g_assert_cmpstr(vpc->name, ==, "vpc-0");
	g_assert_cmpstr(vpc->origin.source, ==, "module.vpc.aws_vpc.this[0]");
	g_assert_cmpstr(vpc->cidr.text, ==, "10.0.0.0/16");
	g_assert_true(vpc->internet_gateway);
	g_assert_cmpuint(vpc->subnets->len, ==, 2);
	g_assert_cmpstr(a->name, ==, "vpc-public-0");
	g_assert_cmpstr(a->origin.source, ==, "module.vpc.aws_subnet.public[0]");
	g_assert_cmpstr(a->az, ==, "us-east-1a");
	g_assert_cmpint(a->tier, ==, PLAN_TIER_PUBLIC);
	g_assert_cmpstr(b->az, ==, "us-east-1b");
	g_assert_cmpint(b->tier, ==, PLAN_TIER_PUBLIC);
	g_assert_cmpuint(vpc->nat_gateways->len, ==, 0);

	g_assert_cmpuint(vpc->load_balancers->len, ==, 1);
	lb = g_ptr_array_index(vpc->load_balancers, 0);
	g_assert_cmpstr(lb->origin.source, ==, "aws_lb.api_load_balancer");
	g_assert_cmpint(lb->type, ==, PLAN_LB_APPLICATION);
	g_assert_cmpint(lb->scheme, ==, PLAN_LB_INTERNET_FACING);
	lb_cidrs = subnet_cidrs(vpc, lb->subnets);
	g_assert_cmpstr(lb_cidrs, ==, "10.0.0.0/24 10.0.1.0/24");

	g_assert_cmpuint(model->services->len, ==, 1);
	service = service_at(model, 0);
	g_assert_cmpstr(service->name, ==, "api-service");
	g_assert_cmpstr(service->origin.source, ==, "aws_ecs_service.api_service");
	g_assert_cmpstr(service->vpc, ==, vpc->name);
	g_assert_cmpint(service->launch_type, ==, PLAN_LAUNCH_FARGATE);
	g_assert_cmpuint(service->capacity_provider_strategy->len, ==, 0);
	g_assert_cmpint(service->cpu, ==, 256);
	g_assert_cmpint(service->memory, ==, 512);
	g_assert_cmpint(service->desired_count, ==, 3);
	g_assert_true(service->assign_public_ip);
	service_cidrs = subnet_cidrs(vpc, service->subnets);
	g_assert_cmpstr(service_cidrs, ==, "10.0.0.0/24 10.0.1.0/24");
	g_assert_cmpstr(service->load_balancer, ==, lb->name);
	g_assert_true(service->deployment.present);
	g_assert_cmpint(service->deployment.maximum_percent, ==, 200);
	g_assert_cmpint(service->deployment.minimum_healthy_percent, ==, 100);
	g_assert_false(service->autoscaling.present);
	g_assert_cmpuint(model->clusters->len, ==, 0);
	/* container_definitions names a log group created in the same apply */
	g_assert_cmpuint(service->containers->len, ==, 0);
	find_finding(
	    model, "import-unresolved",
	    "container_definitions of aws_ecs_task_definition.api_task is known only after "
	    "apply");
	find_finding(model, "import-not-modelled", "aws_kms_key is not modelled: 2 resources");
	find_finding(model, "import-not-modelled",
		     "aws_flow_log is not modelled: 1 resource (module.vpc.aws_flow_log.this[0])");
	g_assert_cmpuint(count_findings(model, "import-unresolved"), ==, 1);
}

/* seed 001: an update plan (format 0.1) over data sources; the listener rule leads from the
 * target group to the existing internal ALB */
static void
test_import_seed001(void)
{
	g_autoptr(PlanModel) model = import_fixture("seed001-plan.json");
	PlanVpc *vpc = vpc_at(model, 0);
	PlanSubnet *a = subnet_by_cidr(vpc, "10.0.10.0/24");
	PlanSubnet *b = subnet_by_cidr(vpc, "10.0.11.0/24");
	PlanLoadBalancer *lb;
	PlanService *service;
	PlanContainer *container;
	g_autofree char *service_cidrs = NULL;
	g_autofree char *lb_cidrs = NULL;
	PlanDiagnostic *replaced;

	g_assert_cmpstr(model->region, ==, "eu-west-2"); /* provider region = var.region */
	g_assert_cmpstr(vpc->origin.source, ==, "data.aws_vpc.vpc");
	g_assert_cmpstr(vpc->cidr.text, ==, "10.0.0.0/16");
	g_assert_false(vpc->internet_gateway);
	g_assert_cmpuint(vpc->subnets->len, ==, 2);
	g_assert_cmpstr(a->az, ==, "eu-west-2a");
	g_assert_cmpstr(b->az, ==, "eu-west-2b");
	g_assert_cmpint(a->tier, ==, PLAN_TIER_PRIVATE);
	g_assert_null(a->nat_gateway);
	g_assert_cmpint(b->tier, ==, PLAN_TIER_PRIVATE);
	g_assert_cmpuint(count_findings(model, "import-unresolved"), ==, 2);
	find_finding(model, "import-unresolved", "the plan holds no route table for");

	lb = g_ptr_array_index(vpc->load_balancers, 0);
	g_assert_cmpstr(lb->origin.source, ==, "data.aws_lb.private-lb");
	g_assert_cmpint(lb->scheme, ==, PLAN_LB_INTERNAL);
	lb_cidrs = subnet_cidrs(vpc, lb->subnets);
	g_assert_cmpstr(lb_cidrs, ==, "10.0.10.0/24 10.0.11.0/24");

	service = service_at(model, 0);
	g_assert_cmpstr(service->name, ==, "vault-api");
	g_assert_cmpint(service->launch_type, ==, PLAN_LAUNCH_FARGATE);
	g_assert_cmpint(service->cpu, ==, 256);
	g_assert_cmpint(service->memory, ==, 512);
	g_assert_cmpint(service->desired_count, ==, 2);
	g_assert_false(service->assign_public_ip);
	service_cidrs = subnet_cidrs(vpc, service->subnets);
	g_assert_cmpstr(service_cidrs, ==, "10.0.10.0/24 10.0.11.0/24");
	g_assert_cmpstr(service->load_balancer, ==, lb->name);
	g_assert_cmpuint(service->containers->len, ==, 1);
	container = g_ptr_array_index(service->containers, 0);
	g_assert_cmpstr(container->name, ==, "vault-api");
	g_assert_cmpint(container->cpu, ==, 256);
	g_assert_cmpint(container->memory, ==, 512);
	g_assert_cmpint(container->port, ==, 80);
	g_assert_true(container->essential);
	replaced = find_finding(model, "import-replaced", "aws_ecs_task_definition.definition");
	g_assert_cmpint(replaced->severity, ==, PLAN_SEVERITY_NOTE);
}

/* seed 002: NAT per private subnet, database subnets on the private route tables, a classic
 * ELB two modules down, one t2.nano from a launch configuration */
static void
test_import_seed002(void)
{
	g_autoptr(PlanModel) model = import_fixture("seed002-plan.json");
	PlanVpc *vpc = vpc_at(model, 0);
	PlanSubnet *public = subnet_by_cidr(vpc, "10.2.2.0/24");
	PlanSubnet *private_a = subnet_by_cidr(vpc, "10.2.0.0/24");
	PlanSubnet *private_b = subnet_by_cidr(vpc, "10.2.1.0/24");
	PlanSubnet *database_a = subnet_by_cidr(vpc, "10.2.3.0/24");
	PlanSubnet *database_b = subnet_by_cidr(vpc, "10.2.4.0/24");
	PlanLoadBalancer *lb;
	PlanCluster *cluster;
	PlanService *service;
	g_autofree char *cluster_cidrs = NULL;

	g_assert_cmpstr(model->region, ==, "us-east-2");
	g_assert_cmpstr(vpc->cidr.text, ==, "10.2.0.0/16");
	g_assert_true(vpc->internet_gateway);
	g_assert_cmpuint(vpc->subnets->len, ==, 5);
	g_assert_cmpint(public->tier, ==, PLAN_TIER_PUBLIC);
	g_assert_cmpstr(public->az, ==, "us-east-2a");
	g_assert_cmpint(private_a->tier, ==, PLAN_TIER_PRIVATE);
	g_assert_cmpstr(private_a->az, ==, "us-east-2a");
	g_assert_cmpstr(private_b->az, ==, "us-east-2b");
	g_assert_cmpstr(database_a->az, ==, "us-east-2a");
	g_assert_cmpstr(database_b->az, ==, "us-east-2b");
	/* one NAT per private subnet, both in the only public subnet (element() wraps) */
	g_assert_cmpuint(vpc->nat_gateways->len, ==, 2);
	g_assert_cmpstr(private_a->nat_gateway, ==, "vpc-nat-gateway-0");
	g_assert_cmpstr(private_b->nat_gateway, ==, "vpc-nat-gateway-1");
	g_assert_cmpstr(nat_subnet_cidr(vpc, private_a), ==, "10.2.2.0/24");
	g_assert_cmpstr(nat_subnet_cidr(vpc, private_b), ==, "10.2.2.0/24");
	/* no database route table: the database subnets use the private ones and their NATs */
	g_assert_cmpint(database_a->tier, ==, PLAN_TIER_PRIVATE);
	g_assert_cmpstr(database_a->nat_gateway, ==, "vpc-nat-gateway-0");
	g_assert_cmpint(database_b->tier, ==, PLAN_TIER_PRIVATE);
	g_assert_cmpstr(database_b->nat_gateway, ==, "vpc-nat-gateway-1");

	g_assert_cmpuint(vpc->load_balancers->len, ==, 1);
	lb = g_ptr_array_index(vpc->load_balancers, 0);
	g_assert_cmpstr(lb->origin.source, ==, "module.elb.module.elb.aws_elb.this[0]");
	g_assert_cmpint(lb->scheme, ==, PLAN_LB_INTERNET_FACING);
	g_assert_cmpuint(lb->subnets->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(lb->subnets, 0), ==, public->name);
	g_assert_cmpint(lb->type, ==, PLAN_LB_CLASSIC);

	g_assert_cmpuint(model->clusters->len, ==, 1);
	cluster = g_ptr_array_index(model->clusters, 0);
	g_assert_cmpstr(cluster->origin.source, ==, "aws_ecs_cluster.cluster");
	g_assert_cmpstr(cluster->instance_type, ==, "t2.nano");
	g_assert_cmpint(cluster->min, ==, 1);
	g_assert_cmpint(cluster->max, ==, 1);
	g_assert_false(cluster->public_ip);
	g_assert_false(cluster->trunking);
	cluster_cidrs = subnet_cidrs(vpc, cluster->subnets);
	g_assert_cmpstr(cluster_cidrs, ==, "10.2.0.0/24 10.2.1.0/24");

	service = service_at(model, 0);
	g_assert_cmpstr(service->name, ==, "payments-api-service");
	g_assert_cmpint(service->launch_type, ==, PLAN_LAUNCH_EC2);
	g_assert_cmpstr(service->cluster, ==, cluster->name);
	g_assert_cmpint(service->network_mode, ==, PLAN_NETWORK_BRIDGE);
	g_assert_cmpint(service->cpu, ==, 256);
	g_assert_cmpint(service->memory, ==, 256);
	g_assert_cmpint(service->desired_count, ==, 1);
	g_assert_cmpuint(service->subnets->len, ==, 0);
	g_assert_cmpstr(service->load_balancer, ==, lb->name);
	g_assert_cmpint(service->deployment.maximum_percent, ==, 100);
	g_assert_cmpint(service->deployment.minimum_healthy_percent, ==, 0);
	/* the write-up's RDS (db.t2.small MySQL, 20 GB, single-AZ) in the module's database
	 * subnet group, found through module.vpc.database_subnet_group */
	g_assert_cmpuint(model->databases->len, ==, 1);
	{
		PlanDatabase *db = g_ptr_array_index(model->databases, 0);
		g_autofree char *db_cidrs = subnet_cidrs(vpc, db->subnets);
		g_assert_cmpstr(db->origin.source, ==, "aws_db_instance.cak");
		g_assert_cmpint(db->engine, ==, PLAN_DB_MYSQL);
		g_assert_cmpstr(db->instance_class, ==, "db.t2.small");
		g_assert_false(db->multi_az);
		g_assert_cmpint(db->storage_gb, ==, 20);
		g_assert_cmpint(db->storage_type, ==, PLAN_STORAGE_GP2);
		g_assert_cmpstr(db_cidrs, ==, "10.2.3.0/24 10.2.4.0/24");
	}
	/* the bastion: t2.micro in public_subnets[0] with a public IP */
	g_assert_cmpuint(model->instances->len, ==, 1);
	{
		PlanInstance *host = g_ptr_array_index(model->instances, 0);
		g_assert_cmpstr(host->origin.source, ==, "module.bastion.aws_instance.this[0]");
		g_assert_cmpstr(host->instance_type, ==, "t2.micro");
		g_assert_cmpstr(host->subnet, ==, public->name);
		g_assert_true(host->public_ip);
	}
	/* container_definitions are unknown but name the plan's log group: awslogs */
	g_assert_cmpint(service->log_driver, ==, PLAN_LOG_AWSLOGS);
	find_finding(model, "import-unresolved", "(they name a CloudWatch log group of the plan");
}

/* seed 003: existing VPC through data sources, region from var.aws_region; the write-up's
 * data.aws_subnet.private reads the public subnet ids */
static void
test_import_seed003(void)
{
	g_autoptr(PlanModel) model = import_fixture("seed003-plan.json");
	PlanVpc *vpc = vpc_at(model, 0);
	PlanSubnet *a = subnet_by_cidr(vpc, "10.0.0.0/24");
	PlanSubnet *b = subnet_by_cidr(vpc, "10.0.1.0/24");
	PlanLoadBalancer *lb;
	PlanService *service;
	g_autofree char *service_cidrs = NULL;

	g_assert_cmpstr(model->region, ==, "eu-west-1");
	g_assert_cmpstr(vpc->origin.source, ==, "data.aws_vpc.main");
	g_assert_cmpstr(vpc->cidr.text, ==, "10.0.0.0/16");
	/* data.aws_subnet.public and .private read the same two subnets: two, not four */
	g_assert_cmpuint(vpc->subnets->len, ==, 2);
	g_assert_cmpstr(a->az, ==, "eu-west-1a");
	g_assert_cmpstr(b->az, ==, "eu-west-1b");
	g_assert_cmpint(a->tier, ==, PLAN_TIER_PUBLIC);
	g_assert_cmpint(b->tier, ==, PLAN_TIER_PUBLIC);
	g_assert_true(vpc->internet_gateway);
	g_assert_cmpuint(count_findings(model, "import-inferred"), ==, 2);

	lb = g_ptr_array_index(vpc->load_balancers, 0);
	g_assert_cmpstr(lb->origin.source, ==, "aws_lb.main");
	g_assert_cmpint(lb->scheme, ==, PLAN_LB_INTERNET_FACING);
	g_assert_cmpuint(lb->subnets->len, ==, 2);

	service = service_at(model, 0);
	g_assert_cmpstr(service->name, ==, "main");
	g_assert_cmpint(service->cpu, ==, 256);
	g_assert_cmpint(service->memory, ==, 512);
	g_assert_cmpint(service->desired_count, ==, 1);
	g_assert_false(service->assign_public_ip);
	service_cidrs = subnet_cidrs(vpc, service->subnets);
	g_assert_cmpstr(service_cidrs, ==, "10.0.0.0/24 10.0.1.0/24");
	/* HTTPS listener -> aws_alb_target_group.http, known only after apply */
	g_assert_cmpstr(service->load_balancer, ==, lb->name);
	g_assert_cmpuint(service->containers->len, ==, 1);
	g_assert_cmpint(((PlanContainer *)g_ptr_array_index(service->containers, 0))->port, ==, 80);
	g_assert_cmpuint(count_findings(model, "import-unresolved"), ==, 0);
}

/* seed 004: a state; terraform-aws-modules/ecs layout; default VPC data sources */
static void
test_import_seed004(void)
{
	static const struct {
		const char *name;
		gint64 port;
		gboolean behind_alb;
	} services[] = {
	    {"ecs-service-backend-flask-0", 4567, FALSE},
	    {"ecs-service-frontend-react-js-0", 3000, TRUE},
	    {"ecs-service-envoy-0", 8800, TRUE},
	    {"ecs-service-authz-0", 0, FALSE},
	    {"ecs-service-otel-collector-0", 4318, TRUE},
	};
	g_autoptr(PlanModel) model = import_fixture("seed004-state.json");
	PlanVpc *vpc = vpc_at(model, 0);
	PlanLoadBalancer *lb;

	g_assert_cmpstr(model->region, ==, "us-east-1");
	g_assert_cmpstr(vpc->cidr.text, ==, "172.31.0.0/16");
	g_assert_true(vpc->internet_gateway);
	g_assert_cmpuint(vpc->subnets->len, ==, 6);
	for (guint i = 0; i < 6; i++) {
		PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, i);
		g_autofree char *cidr = g_strdup_printf("172.31.%u.0/20", 16 * i);
		g_autofree char *az = g_strdup_printf("us-east-1%c", 'a' + i);
		g_assert_cmpstr(subnet->cidr.text, ==, cidr);
		g_assert_cmpstr(subnet->az, ==, az);
		g_assert_cmpint(subnet->tier, ==, PLAN_TIER_PUBLIC);
	}
	lb = g_ptr_array_index(vpc->load_balancers, 0);
	g_assert_cmpuint(lb->subnets->len, ==, 6);
	g_assert_cmpuint(model->services->len, ==, G_N_ELEMENTS(services));
	for (guint i = 0; i < G_N_ELEMENTS(services); i++) {
		PlanService *service = service_at(model, i);
		PlanContainer *xray = g_ptr_array_index(service->containers, 0);
		PlanContainer *app = g_ptr_array_index(service->containers, 1);
		g_assert_cmpstr(service->name, ==, services[i].name);
		g_assert_cmpint(service->launch_type, ==, PLAN_LAUNCH_FARGATE);
		g_assert_cmpint(service->cpu, ==, 256);
		g_assert_cmpint(service->memory, ==, 512);
		g_assert_cmpint(service->desired_count, ==, 1);
		g_assert_true(service->assign_public_ip);
		g_assert_cmpuint(service->subnets->len, ==, 6);
		g_assert_cmpstr(service->load_balancer, ==,
				services[i].behind_alb ? lb->name : NULL);
		g_assert_cmpuint(service->containers->len, ==, 2);
		g_assert_cmpstr(xray->name, ==, "xray");
		g_assert_cmpint(xray->cpu, ==, 32);
		g_assert_cmpint(xray->memory_reservation, ==, 256);
		g_assert_cmpint(xray->port, ==, 2000);
		g_assert_cmpint(app->port, ==, services[i].port);
	}
	g_assert_cmpuint(count_findings(model, "import-unresolved"), ==, 0);
	g_assert_cmpuint(count_findings(model, "import-value"), ==, 0);
}

/* seed 004 as a first-apply plan: plain root resources, one aws_ecs_service per service (so
 * the load_balancer blocks are static), target groups and listener rules for_each over the
 * three ALB services, the default VPC through data sources. Checked against the example model:
 * the services come in address order, so they are matched by name */
static void
test_import_seed004_plan(void)
{
	static const struct {
		const char *name;
		gint64 port;
		gboolean behind_alb;
	} services[] = {
	    {"authz", 0, FALSE},
	    {"backend-flask", 4567, FALSE},
	    {"envoy", 8800, TRUE},
	    {"frontend-react-js", 3000, TRUE},
	    {"otel-collector", 4318, TRUE},
	};
	g_autoptr(PlanModel) model = import_fixture("seed004-plan.json");
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "..", "models", "examples",
						      "seed004-cruddur-bootcamp.json", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) example = plan_model_load_file(path, &error);
	PlanVpc *vpc = vpc_at(model, 0);
	PlanVpc *theirs;
	PlanLoadBalancer *lb;
	PlanLoadBalancer *their_lb;

	g_assert_no_error(error);
	theirs = vpc_at(example, 0);
	g_assert_cmpstr(model->region, ==, "us-east-1");
	g_assert_cmpstr(model->region, ==, example->region);
	g_assert_cmpuint(model->vpcs->len, ==, 1);
	g_assert_cmpstr(vpc->cidr.text, ==, "172.31.0.0/16");
	g_assert_cmpstr(vpc->cidr.text, ==, theirs->cidr.text);
	g_assert_true(vpc->internet_gateway);
	g_assert_cmpuint(vpc->subnets->len, ==, 6);
	g_assert_cmpuint(theirs->subnets->len, ==, 6);
	for (guint i = 0; i < 6; i++) {
		PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, i);
		PlanSubnet *expected = g_ptr_array_index(theirs->subnets, i);
		g_autofree char *cidr = g_strdup_printf("172.31.%u.0/20", 16 * i);
		g_autofree char *az = g_strdup_printf("us-east-1%c", 'a' + i);
		g_autofree char *name = g_strdup_printf("default-us-east-1%c", 'a' + i);
		g_assert_cmpstr(subnet->name, ==, name);
		g_assert_cmpstr(subnet->cidr.text, ==, cidr);
		g_assert_cmpstr(subnet->az, ==, az);
		g_assert_cmpint(subnet->tier, ==, PLAN_TIER_PUBLIC);
		g_assert_cmpstr(subnet->cidr.text, ==, expected->cidr.text);
		g_assert_cmpstr(subnet->az, ==, expected->az);
		g_assert_cmpint(subnet->tier, ==, expected->tier);
		g_assert_null(subnet->nat_gateway);
	}
	g_assert_cmpuint(vpc->nat_gateways->len, ==, 0);
	g_assert_cmpuint(vpc->load_balancers->len, ==, 1);
	lb = g_ptr_array_index(vpc->load_balancers, 0);
	their_lb = g_ptr_array_index(theirs->load_balancers, 0);
	g_assert_cmpstr(lb->name, ==, "cruddur");
	g_assert_cmpint(lb->type, ==, PLAN_LB_APPLICATION);
	g_assert_cmpint(lb->scheme, ==, PLAN_LB_INTERNET_FACING);
	g_assert_cmpint(lb->type, ==, their_lb->type);
	g_assert_cmpint(lb->scheme, ==, their_lb->scheme);
	{
		g_autofree char *mine = subnet_cidrs(vpc, lb->subnets);
		g_autofree char *expected = subnet_cidrs(theirs, their_lb->subnets);
		g_assert_cmpstr(mine, ==, expected);
	}
	g_assert_cmpuint(model->services->len, ==, G_N_ELEMENTS(services));
	g_assert_cmpuint(example->services->len, ==, G_N_ELEMENTS(services));
	g_assert_cmpuint(model->clusters->len, ==, 0);
	for (guint i = 0; i < G_N_ELEMENTS(services); i++) {
		PlanService *service = service_at(model, i);
		PlanService *expected = NULL;
		PlanContainer *xray;
		PlanContainer *app;
		g_autofree char *mine = NULL;
		g_autofree char *their_subnets = NULL;

		for (guint j = 0; j < example->services->len; j++) {
			PlanService *candidate = g_ptr_array_index(example->services, j);
			if (strcmp(candidate->name, services[i].name) == 0)
				expected = candidate;
		}
		g_assert_nonnull(expected);
		g_assert_cmpstr(service->name, ==, services[i].name);
		g_assert_cmpstr(service->vpc, ==, vpc->name);
		g_assert_cmpint(service->launch_type, ==, PLAN_LAUNCH_FARGATE);
		g_assert_cmpint(service->network_mode, ==, PLAN_NETWORK_AWSVPC);
		g_assert_cmpint(service->cpu, ==, 256);
		g_assert_cmpint(service->memory, ==, 512);
		g_assert_cmpint(service->desired_count, ==, 1);
		g_assert_true(service->assign_public_ip);
		g_assert_cmpint(service->launch_type, ==, expected->launch_type);
		g_assert_cmpint(service->network_mode, ==, expected->network_mode);
		g_assert_cmpint(service->cpu, ==, expected->cpu);
		g_assert_cmpint(service->memory, ==, expected->memory);
		g_assert_cmpint(service->desired_count, ==, expected->desired_count);
		g_assert_cmpint(service->assign_public_ip, ==, expected->assign_public_ip);
		g_assert_cmpint(plan_service_maximum_percent(service), ==,
				plan_service_maximum_percent(expected));
		mine = subnet_cidrs(vpc, service->subnets);
		their_subnets = subnet_cidrs(theirs, expected->subnets);
		g_assert_cmpstr(mine, ==, their_subnets);
		/* service -> target group -> listener rule -> listener -> aws_lb, all unknown ARNs */
		g_assert_cmpstr(service->load_balancer, ==,
				services[i].behind_alb ? lb->name : NULL);
		g_assert_cmpint(service->load_balancer != NULL, ==, expected->load_balancer != NULL);
		/* the target group's health check: healthy_threshold 3 × interval 30 s [S25b] */
		g_assert_cmpint(service->lb_healthy_s, ==, service->load_balancer != NULL ? 90 : 0);
		g_assert_cmpuint(service->containers->len, ==, 2);
		g_assert_cmpuint(expected->containers->len, ==, 2);
		xray = g_ptr_array_index(service->containers, 0);
		app = g_ptr_array_index(service->containers, 1);
		g_assert_cmpstr(xray->name, ==, "xray");
		g_assert_cmpint(xray->cpu, ==, 32);
		g_assert_cmpint(xray->memory_reservation, ==, 256);
		g_assert_cmpint(xray->port, ==, 2000);
		g_assert_cmpstr(app->name, ==, services[i].name);
		g_assert_cmpint(app->port, ==, services[i].port);
		g_assert_cmpint(app->port, ==,
				((PlanContainer *)g_ptr_array_index(expected->containers, 1))->port);
	}
	g_assert_cmpuint(count_findings(model, "import-unresolved"), ==, 0);
	g_assert_cmpuint(count_findings(model, "import-value"), ==, 0);
	g_assert_cmpuint(count_findings(model, "import-inferred"), ==, 0);
}

/* every seed fixture matches its example model in substance: each example subnet whose
 * block the plan holds has the same AZ and tier, and a private one's NAT sits in the same
 * subnet; the services agree on size, count and public IPs */
static void
test_import_seed_models(void)
{
	static const struct {
		const char *fixture;
		const char *example;
	} seeds[] = {
	    {"seed000-plan.json", "seed000-off-to-the-cloud.json"},
	    {"seed001-plan.json", "seed001-vault-fargate.json"},
	    {"seed002-plan.json", "seed002-chronous-payments-ec2.json"},
	    {"seed003-plan.json", "seed003-fargate-https-alb.json"},
	    {"seed004-state.json", "seed004-cruddur-bootcamp.json"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(seeds); i++) {
		g_autoptr(PlanModel) imported = import_fixture(seeds[i].fixture);
		g_autofree char *path = g_test_build_filename(G_TEST_DIST, "..", "models",
							      "examples", seeds[i].example, NULL);
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanModel) example = plan_model_load_file(path, &error);
		PlanVpc *mine = vpc_at(imported, 0);
		PlanVpc *theirs;
		guint matched = 0;

		g_assert_no_error(error);
		theirs = vpc_at(example, 0);
		g_assert_cmpstr(imported->region, ==, example->region);
		g_assert_cmpstr(mine->cidr.text, ==, theirs->cidr.text);
		for (guint j = 0; j < theirs->subnets->len; j++) {
			PlanSubnet *expected = g_ptr_array_index(theirs->subnets, j);
			PlanSubnet *actual = NULL;
			for (guint k = 0; k < mine->subnets->len; k++) {
				PlanSubnet *candidate = g_ptr_array_index(mine->subnets, k);
				if (g_strcmp0(candidate->cidr.text, expected->cidr.text) == 0)
					actual = candidate;
			}
			if (actual == NULL)
				continue; /* the write-up's code never names it (seed 003's private)
					   */
			matched++;
			g_assert_cmpstr(actual->az, ==, expected->az);
			g_assert_cmpint(actual->tier, ==, expected->tier);
			if (expected->nat_gateway != NULL)
				g_assert_cmpstr(nat_subnet_cidr(mine, actual), ==,
						nat_subnet_cidr(theirs, expected));
		}
		g_assert_cmpuint(matched, >=, 2);
		g_assert_cmpuint(imported->services->len, ==, example->services->len);
		for (guint j = 0; j < example->services->len; j++) {
			PlanService *expected = g_ptr_array_index(example->services, j);
			PlanService *actual = g_ptr_array_index(imported->services, j);
			g_assert_cmpint(actual->launch_type, ==, expected->launch_type);
			g_assert_cmpint(actual->cpu, ==, expected->cpu);
			g_assert_cmpint(actual->memory, ==, expected->memory);
			g_assert_cmpint(actual->desired_count, ==, expected->desired_count);
			g_assert_cmpint(actual->assign_public_ip, ==, expected->assign_public_ip);
			g_assert_cmpint(actual->network_mode, ==, expected->network_mode);
			g_assert_cmpint(actual->load_balancer != NULL, ==,
					expected->load_balancer != NULL);
			g_assert_cmpint(plan_service_maximum_percent(actual), ==,
					plan_service_maximum_percent(expected));
		}
	}
}

/* ---- modules, replacements, deletions -------------------------------------------------------- */

static void
test_import_modules(void)
{
	g_autoptr(PlanModel) model = import_fixture("modules-plan.json");
	PlanVpc *vpc = vpc_at(model, 0);
	PlanSubnet *private_a = subnet_by_cidr(vpc, "10.20.10.0/24");
	PlanSubnet *private_b = subnet_by_cidr(vpc, "10.20.11.0/24");
	PlanEndpoint *s3;
	PlanEndpoint *ecr;
	PlanCluster *cluster;
	PlanService *batch;
	PlanService *api;
	PlanService *worker;
	PlanStrategyItem *item;
	g_autofree char *batch_cidrs = NULL;
	g_autofree char *api_cidrs = NULL;
	g_autofree char *s3_cidrs = NULL;
	g_autofree char *ecr_cidrs = NULL;
	char buf[64];

	g_assert_cmpstr(model->region, ==, "eu-central-1");
	g_assert_cmpstr(vpc->origin.source, ==, "module.platform.module.network.aws_vpc.main");
	g_assert_cmpuint(vpc->secondary_cidrs->len, ==, 1);
	plan_prefix_format(&g_array_index(vpc->secondary_cidrs, PlanCidr, 0).prefix, buf,
			   sizeof buf);
	g_assert_cmpstr(buf, ==, "100.64.0.0/20");
	g_assert_true(vpc->internet_gateway);
	/* for_each keys and each.key pick the NAT of the subnet's own AZ; inline routes */
	g_assert_cmpint(private_a->tier, ==, PLAN_TIER_PRIVATE);
	g_assert_cmpstr(nat_subnet_cidr(vpc, private_a), ==, "10.20.0.0/24");
	g_assert_cmpstr(nat_subnet_cidr(vpc, private_b), ==, "10.20.1.0/24");
	g_assert_cmpint(subnet_by_cidr(vpc, "10.20.0.0/24")->tier, ==, PLAN_TIER_PUBLIC);
	g_assert_cmpint(subnet_by_cidr(vpc, "10.20.1.0/24")->tier, ==, PLAN_TIER_PUBLIC);
	g_assert_cmpuint(vpc->endpoints->len, ==, 2);
	s3 = g_ptr_array_index(vpc->endpoints, 0);
	ecr = g_ptr_array_index(vpc->endpoints, 1);
	g_assert_cmpstr(s3->service, ==, "s3");
	g_assert_cmpint(s3->type, ==, PLAN_ENDPOINT_GATEWAY);
	s3_cidrs = subnet_cidrs(vpc, s3->subnets);
	g_assert_cmpstr(s3_cidrs, ==, "10.20.10.0/24 10.20.11.0/24");
	g_assert_cmpstr(ecr->service, ==, "ecr.dkr");
	g_assert_cmpint(ecr->type, ==, PLAN_ENDPOINT_INTERFACE);
	ecr_cidrs = subnet_cidrs(vpc, ecr->subnets);
	g_assert_cmpstr(ecr_cidrs, ==, "10.20.10.0/24 10.20.11.0/24");

	/* EC2: cluster <- capacity provider <- Auto Scaling group <- launch template */
	g_assert_cmpuint(model->clusters->len, ==, 1);
	cluster = g_ptr_array_index(model->clusters, 0);
	g_assert_cmpstr(cluster->name, ==, "batch");
	g_assert_cmpstr(cluster->instance_type, ==, "m6i.large");
	g_assert_cmpint(cluster->min, ==, 0);
	g_assert_cmpint(cluster->max, ==, 4);
	g_assert_cmpint(cluster->target_capacity, ==, 80);
	g_assert_true(cluster->trunking);
	g_assert_false(cluster->public_ip);
	g_assert_false(cluster->managed_termination_protection); /* "DISABLED" */
	/* the launch template's block_device_mappings: 40 GB gp2 root + 100 GB gp3 data = 140 GB
	 * per instance, typed as the first volume */
	g_assert_cmpint(cluster->ebs_gb, ==, 140);
	g_assert_cmpint(cluster->ebs_type, ==, PLAN_STORAGE_GP2);
	g_assert_cmpuint(cluster->set, ==,
			 PLAN_CLUSTER_MIN_STEP | PLAN_CLUSTER_MAX_STEP | PLAN_CLUSTER_WARMUP);
	g_assert_cmpint(cluster->minimum_scaling_step_size, ==, 1);
	g_assert_cmpint(cluster->maximum_scaling_step_size, ==, 2);
	g_assert_cmpint(cluster->instance_warmup_s, ==, 300);
	/* mixed instances policy: distribution and every override with its weight */
	g_assert_cmpint(cluster->on_demand_base, ==, 1);
	g_assert_cmpint(cluster->on_demand_percentage, ==, 50);
	g_assert_cmpuint(cluster->instance_overrides->len, ==, 3);
	g_assert_cmpstr(((PlanInstanceOverride *)g_ptr_array_index(cluster->instance_overrides, 1))
			    ->instance_type,
			==, "m5.large");
	g_assert_cmpint(((PlanInstanceOverride *)g_ptr_array_index(cluster->instance_overrides, 1))
			    ->weight,
			==, 1);
	g_assert_cmpint(((PlanInstanceOverride *)g_ptr_array_index(cluster->instance_overrides, 2))
			    ->weight,
			==, 2); /* weighted_capacity "2" */
	find_finding(model, "import-value", "may launch 3 instance types");
	g_assert_cmpuint(cluster->subnets->len, ==, 2);

	/* module.platform.private_subnets -> module.network.private_subnets -> aws_subnet */
	batch = service_at(model, 0);
	g_assert_cmpstr(batch->name, ==, "batch");
	g_assert_cmpint(batch->launch_type, ==, PLAN_LAUNCH_EC2);
	g_assert_cmpstr(batch->cluster, ==, "batch");
	batch_cidrs = subnet_cidrs(vpc, batch->subnets);
	g_assert_cmpstr(batch_cidrs, ==, "10.20.10.0/24 10.20.11.0/24");
	g_assert_cmpuint(batch->capacity_provider_strategy->len, ==, 1);
	item = g_ptr_array_index(batch->capacity_provider_strategy, 0);
	g_assert_cmpstr(item->capacity_provider, ==, "batch-ec2");
	g_assert_cmpint(batch->deployment.minimum_healthy_percent, ==, 50);
	/* ordered_placement_strategy, in order; the distinctInstance constraint is a note */
	g_assert_cmpuint(batch->placement_strategy->len, ==, 2);
	g_assert_cmpint(((PlanPlacementStrategy *)g_ptr_array_index(batch->placement_strategy, 0))
			    ->type,
			==, PLAN_PLACEMENT_SPREAD);
	g_assert_cmpstr(((PlanPlacementStrategy *)g_ptr_array_index(batch->placement_strategy, 0))
			    ->field,
			==, "attribute:ecs.availability-zone");
	g_assert_cmpint(((PlanPlacementStrategy *)g_ptr_array_index(batch->placement_strategy, 1))
			    ->type,
			==, PLAN_PLACEMENT_BINPACK);
	g_assert_cmpstr(((PlanPlacementStrategy *)g_ptr_array_index(batch->placement_strategy, 1))
			    ->field,
			==, "memory");
	find_finding(model, "import-not-modelled", "aws_ecs_service.batch has placement constraints");

	/* dynamic blocks: subnets and target group from what the module instance receives */
	api = service_at(model, 1);
	g_assert_cmpstr(api->name, ==, "app-service-api");
	g_assert_cmpint(api->launch_type, ==, PLAN_LAUNCH_FARGATE);
	g_assert_cmpint(api->cpu, ==, 1024);	/* "1 vCPU" */
	g_assert_cmpint(api->memory, ==, 2048); /* "2 GB" */
	g_assert_cmpint(api->architecture, ==, PLAN_ARCH_ARM64);
	g_assert_cmpint(api->ephemeral_storage_gb, ==, 30);
	g_assert_cmpint(api->desired_count, ==, 2);
	api_cidrs = subnet_cidrs(vpc, api->subnets);
	g_assert_cmpstr(api_cidrs, ==, "10.20.10.0/24 10.20.11.0/24");
	g_assert_cmpstr(api->load_balancer, ==, "platform-app");
	g_assert_true(api->autoscaling.present);
	g_assert_cmpint(api->autoscaling.min, ==, 2);
	g_assert_cmpint(api->autoscaling.max, ==, 10);
	g_assert_cmpuint(api->capacity_provider_strategy->len, ==, 2);
	item = g_ptr_array_index(api->capacity_provider_strategy, 0);
	g_assert_cmpstr(item->capacity_provider, ==, "FARGATE");
	g_assert_cmpint(item->base, ==, 1);
	item = g_ptr_array_index(api->capacity_provider_strategy, 1);
	g_assert_cmpstr(item->capacity_provider, ==, "FARGATE_SPOT");
	g_assert_cmpint(item->weight, ==, 3);
	g_assert_cmpuint(api->containers->len, ==, 2);
	g_assert_cmpint(
	    ((PlanContainer *)g_ptr_array_index(api->containers, 1))->memory_reservation, ==, 50);
	g_assert_false(((PlanContainer *)g_ptr_array_index(api->containers, 1))->essential);

	worker = service_at(model, 2);
	g_assert_cmpint(worker->cpu, ==, 512);
	g_assert_cmpint(worker->memory, ==, 1024);
	g_assert_null(worker->load_balancer);
	g_assert_cmpuint(count_findings(model, "import-inferred"), ==, 3);
	g_assert_cmpuint(count_findings(model, "import-unresolved"), ==, 0);
	find_finding(model, "import-not-modelled", "aws_route53_zone");
}


/* ---- service auto scaling (scaling-plan.json) -------------------------------------------------- */

static PlanService *
service_by_name(PlanModel *model, const char *name)
{
	for (guint i = 0; i < model->services->len; i++) {
		PlanService *service = g_ptr_array_index(model->services, i);
		if (strcmp(service->name, name) == 0)
			return service;
	}
	g_error("no service %s", name);
	return NULL;
}

static void
test_import_scaling(void)
{
	g_autoptr(PlanModel) model = import_fixture("scaling-plan.json");
	PlanService *worker = service_by_name(model, "worker");
	PlanService *api = service_by_name(model, "svc-api-ecs-service");
	PlanService *web = service_by_name(model, "svc-web-ecs-service");
	PlanTargetTracking *policy;
	PlanStepScaling *step;
	PlanStepAdjustment *item;
	PlanScheduledAction *action;

	/* module.svc["web"]: count = 1 for its CPU policy; resource_id through the target */
	g_assert_cmpint(web->autoscaling.min, ==, 2);
	g_assert_cmpint(web->autoscaling.max, ==, 20);
	g_assert_cmpuint(web->autoscaling.target_tracking->len, ==, 1);
	policy = g_ptr_array_index(web->autoscaling.target_tracking, 0);
	g_assert_cmpint(policy->metric, ==, PLAN_METRIC_CPU);
	g_assert_cmpfloat(policy->target, ==, 60);
	g_assert_cmpint(policy->scale_out_cooldown, ==, 60);
	g_assert_cmpint(policy->scale_in_cooldown, ==, 600);
	g_assert_cmpuint(policy->set, ==,
			 PLAN_TT_SCALE_OUT_COOLDOWN | PLAN_TT_SCALE_IN_COOLDOWN |
			     PLAN_TT_DISABLE_SCALE_IN);
	g_assert_false(policy->disable_scale_in);
	g_assert_cmpstr(policy->origin.path, ==, "services[2].autoscaling.target_tracking[0]");
	g_assert_cmpstr(policy->origin.source, ==,
			"module.svc[\"web\"].aws_appautoscaling_policy.cpu[0]");

	/* module.svc["api"]: ALBRequestCountPerTarget with disable_scale_in; two scheduled
	 * actions at the root whose resource_id is the module's output */
	g_assert_cmpuint(api->autoscaling.target_tracking->len, ==, 1);
	policy = g_ptr_array_index(api->autoscaling.target_tracking, 0);
	g_assert_cmpint(policy->metric, ==, PLAN_METRIC_ALB_REQUESTS);
	g_assert_cmpfloat(policy->target, ==, 1000);
	g_assert_true(policy->disable_scale_in);
	g_assert_cmpuint(api->autoscaling.scheduled->len, ==, 2);
	action = g_ptr_array_index(api->autoscaling.scheduled, 0);
	g_assert_cmpstr(action->name, ==, "api-peak");
	g_assert_cmpstr(action->schedule, ==, "cron(0 8 ? * MON-FRI *)");
	g_assert_cmpstr(action->timezone, ==, "Europe/Berlin");
	g_assert_cmpuint(action->set, ==, PLAN_SCHEDULED_MIN); /* max_capacity "" is unset */
	g_assert_cmpint(action->min, ==, 6);
	action = g_ptr_array_index(api->autoscaling.scheduled, 1);
	g_assert_cmpuint(action->set, ==, PLAN_SCHEDULED_MIN | PLAN_SCHEDULED_MAX);
	g_assert_cmpint(action->min, ==, 1);
	g_assert_cmpint(action->max, ==, 4);

	/* root worker: two step policies, each with the alarm whose alarm_actions name it */
	g_assert_cmpint(worker->autoscaling.min, ==, 1);
	g_assert_cmpint(worker->autoscaling.max, ==, 10);
	g_assert_cmpuint(worker->autoscaling.target_tracking->len, ==, 0); /* custom metric */
	g_assert_cmpuint(worker->autoscaling.step_scaling->len, ==, 2);
	step = g_ptr_array_index(worker->autoscaling.step_scaling, 0);
	g_assert_cmpstr(step->name, ==, "worker-up");
	g_assert_cmpint(step->metric, ==, PLAN_METRIC_CPU);
	g_assert_cmpint(step->comparison, ==, PLAN_ALARM_ABOVE);
	g_assert_cmpfloat(step->threshold, ==, 70);
	g_assert_cmpint(step->datapoints, ==, 2); /* 2 periods of 60 s */
	g_assert_cmpint(step->adjustment_type, ==, PLAN_ADJUST_CHANGE);
	g_assert_cmpint(step->cooldown, ==, 120);
	g_assert_cmpuint(step->steps->len, ==, 2);
	item = g_ptr_array_index(step->steps, 0);
	g_assert_cmpuint(item->set, ==, PLAN_STEP_LOWER | PLAN_STEP_UPPER);
	g_assert_cmpfloat(item->lower, ==, 0);
	g_assert_cmpfloat(item->upper, ==, 20);
	g_assert_cmpint(item->adjustment, ==, 1);
	item = g_ptr_array_index(step->steps, 1);
	g_assert_cmpuint(item->set, ==, PLAN_STEP_LOWER); /* upper "" is unbounded */
	g_assert_cmpint(item->adjustment, ==, 3);
	step = g_ptr_array_index(worker->autoscaling.step_scaling, 1);
	g_assert_cmpstr(step->name, ==, "worker-down");
	g_assert_cmpint(step->comparison, ==, PLAN_ALARM_BELOW);
	g_assert_cmpfloat(step->threshold, ==, 20);
	g_assert_cmpint(step->datapoints, ==, 5);
	g_assert_cmpint(step->adjustment_type, ==, PLAN_ADJUST_PERCENT);
	g_assert_cmpint(step->min_adjustment_magnitude, ==, 1);
	g_assert_cmpint(step->cooldown, ==, 300);
	item = g_ptr_array_index(step->steps, 0);
	g_assert_cmpuint(item->set, ==, PLAN_STEP_UPPER);
	g_assert_cmpint(item->adjustment, ==, -50);
	g_assert_cmpuint(worker->autoscaling.scheduled->len, ==, 1);
	action = g_ptr_array_index(worker->autoscaling.scheduled, 0);
	g_assert_cmpstr(action->schedule, ==, "rate(6 hours)");
	g_assert_null(action->timezone);
	/* start_time and end_time bound it: of rate(6 hours) from 00:00, only the 12:00 and
	 * 18:00 times fall inside [12:00, 20:00] */
	g_assert_cmpstr(action->start_time, ==, "2024-01-01T12:00:00Z");
	g_assert_cmpstr(action->end_time, ==, "2024-01-01T20:00:00Z");
	g_assert_cmpint(worker->health_check_grace_period_s, ==, 60);

	/* what the simulation misses is said */
	find_finding(model, "import-not-modelled",
		     "aws_appautoscaling_policy.worker_queue tracks the custom metric "
		     "'AWS/SQS/ApproximateNumberOfMessagesVisible'");
	find_finding(model, "import-value", "'cron(0 0 L * ? *)' of "
					    "aws_appautoscaling_scheduled_action.worker_month_end");
	/* the RDS alarm drives no policy: not modelled, and not counted as mapped */
	find_finding(model, "import-not-modelled",
		     "aws_cloudwatch_metric_alarm is not modelled: 1 resource "
		     "(aws_cloudwatch_metric_alarm.db_cpu)");
	/* the one unresolved link is the database's: the plan has no DB subnet group */
	find_finding(model, "import-unresolved",
		     "the DB subnet group of aws_db_instance.shop is not in the plan");
	g_assert_cmpuint(count_findings(model, "import-unresolved"), ==, 1);
}

/* plan -> model (written and read back) -> simulate, with a constant load set on each service;
 * the scaling events are worked out by hand from docs/simulation.md's rules. task capacity is
 * the default 100 rps; start latency 60 s; no load balancer in the fixture */
static PlanSimResult *
simulate_imported(PlanModel *imported, const char *service_name, double rps, gint64 desired,
		  gboolean keep_in, gint64 duration_s)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *text = plan_model_to_json(imported, &error);
	g_autoptr(PlanModel) model = NULL;
	PlanService *service;
	PlanSimOptions options;
	PlanSimResult *result;

	g_assert_no_error(error);
	model = plan_model_load_data(text, strlen(text), "scaling-plan.model.json", &error);
	g_assert_no_error(error);
	/* only the service under test: the others would not change its events */
	for (guint i = model->services->len; i-- > 0;) {
		if (strcmp(((PlanService *)g_ptr_array_index(model->services, i))->name,
			   service_name) != 0)
			g_ptr_array_remove_index(model->services, i);
	}
	g_assert_cmpuint(model->services->len, ==, 1);
	service = g_ptr_array_index(model->services, 0);
	service->load.present = TRUE;
	service->load.set = PLAN_LOAD_PROFILE | PLAN_LOAD_RPS;
	service->load.profile = PLAN_PROFILE_CONSTANT;
	service->load.rps = rps;
	if (desired > 0)
		service->desired_count = desired;
	if (!keep_in && service->autoscaling.target_tracking->len > 0)
		((PlanTargetTracking *)g_ptr_array_index(service->autoscaling.target_tracking, 0))
		    ->disable_scale_in = FALSE;
	plan_sim_options_init(&options);
	options.duration_s = duration_s;
	result = test_simulate(model, &options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(result);
	return result;
}

static const PlanSimScalingEvent *
sim_event(const PlanSimResult *result, guint index)
{
	const PlanSimService *service =
	    g_ptr_array_index(plan_sim_result_first(result)->services, 0);
	g_assert_cmpuint(index, <, service->scaling_events->len);
	return &g_array_index(service->scaling_events, PlanSimScalingEvent, index);
}

static guint
sim_n_events(const PlanSimResult *result)
{
	const PlanSimService *service =
	    g_ptr_array_index(plan_sim_result_first(result)->services, 0);
	return service->n_scaling_events;
}

static void
test_import_scaling_simulate(void)
{
	g_autoptr(PlanModel) model = import_fixture("scaling-plan.json");
	g_autoptr(PlanSimResult) web = NULL;
	g_autoptr(PlanSimResult) api_busy = NULL;
	g_autoptr(PlanSimResult) api_quiet = NULL;
	g_autoptr(PlanSimResult) api_quiet_in = NULL;
	g_autoptr(PlanSimResult) worker_busy = NULL;
	g_autoptr(PlanSimResult) worker_quiet = NULL;
	g_autoptr(PlanSimResult) api_day = NULL;

	/* web, CPU 60%, scale-out cooldown 60 s, 300 rps on 2 tasks: utilization 300 / 200 is
	 * capped at 100%; AlarmHigh needs 3 datapoints (minutes 0, 1, 2), so the decision is
	 * dated 180 s: ceil(2 × 100 / 60) = 4. The alarm stays in ALARM (its count does not
	 * reset when the policy acts): minute 3 still has 2 running at 100%, and ceil(2 × 100 /
	 * 60) = 4 is no change; the 2 new tasks run from 240 s, so minute 4 reads 300 / 400 =
	 * 75%, the cooldown (60 s from 180 s) is over, and at 300 s ceil(4 × 75 / 60) = 5. Then
	 * 300 / 500 = 60%, not above the target: no more events in the first hour */
	web = simulate_imported(model, "svc-web-ecs-service", 300, 0, TRUE, 3600);
	g_assert_cmpuint(sim_n_events(web), ==, 2);
	g_assert_cmpint(sim_event(web, 0)->time_s, ==, 180);
	g_assert_cmpint(sim_event(web, 0)->from, ==, 2);
	g_assert_cmpint(sim_event(web, 0)->to, ==, 4);
	g_assert_cmpint(sim_event(web, 0)->reason, ==, PLAN_SIM_REASON_TARGET_OUT);
	g_assert_cmpint(sim_event(web, 1)->time_s, ==, 300);
	g_assert_cmpint(sim_event(web, 1)->to, ==, 5);

	/* api, ALBRequestCountPerTarget 1000, 50 rps on 2 tasks = 50 × 60 / 2 = 1500 requests
	 * per target per minute -> 180 s: ceil(2 × 1500 / 1000) = 3; 50 × 60 / 3 = 1000 is not
	 * above the target. The scheduled actions fire at 07:00 UTC, after this hour */
	api_busy = simulate_imported(model, "svc-api-ecs-service", 50, 0, TRUE, 3600);
	g_assert_cmpuint(sim_n_events(api_busy), ==, 1);
	g_assert_cmpint(sim_event(api_busy, 0)->time_s, ==, 180);
	g_assert_cmpint(sim_event(api_busy, 0)->to, ==, 3);
	/* 5 rps on 4 tasks: 5 × 60 / 4 = 75 requests per target, below 0.9 × 1000 for 15
	 * datapoints, but the policy has disable_scale_in: nothing happens. With scale-in allowed
	 * the 15th datapoint (minute 14) scales in at 900 s to max(min 2, ceil(4 × 75 / 1000) =
	 * 1) = 2 */
	api_quiet = simulate_imported(model, "svc-api-ecs-service", 5, 4, TRUE, 3600);
	g_assert_cmpuint(sim_n_events(api_quiet), ==, 0);
	api_quiet_in = simulate_imported(model, "svc-api-ecs-service", 5, 4, FALSE, 3600);
	g_assert_cmpuint(sim_n_events(api_quiet_in), ==, 1);
	g_assert_cmpint(sim_event(api_quiet_in, 0)->time_s, ==, 900);
	g_assert_cmpint(sim_event(api_quiet_in, 0)->from, ==, 4);
	g_assert_cmpint(sim_event(api_quiet_in, 0)->to, ==, 2);
	g_assert_cmpint(sim_event(api_quiet_in, 0)->reason, ==, PLAN_SIM_REASON_TARGET_IN);

	/* api's day (Monday 2024-01-01) at 5 rps: "08:00 Europe/Berlin" is 07:00 UTC in winter,
	 * min 6 lifts desired 2 -> 6 at 25200 s; "20:00" is 19:00 UTC, max 4 lowers 6 -> 4 at
	 * 68400 s. disable_scale_in keeps 6 until then */
	api_day = simulate_imported(model, "svc-api-ecs-service", 5, 0, TRUE, 86400);
	g_assert_cmpuint(sim_n_events(api_day), ==, 2);
	g_assert_cmpint(sim_event(api_day, 0)->time_s, ==, 25200);
	g_assert_cmpint(sim_event(api_day, 0)->from, ==, 2);
	g_assert_cmpint(sim_event(api_day, 0)->to, ==, 6);
	g_assert_cmpint(sim_event(api_day, 0)->reason, ==, PLAN_SIM_REASON_SCHEDULED);
	g_assert_cmpint(sim_event(api_day, 1)->time_s, ==, 68400);
	g_assert_cmpint(sim_event(api_day, 1)->to, ==, 4);

	/* worker-up: CPU >= 70 for 2 datapoints; 190 rps on 2 tasks = 95%, 95 − 70 = 25 is in
	 * the step [20, inf): +3 at (1 + 1) × 60 = 120 s, 2 -> 5. Then 190 / 500 = 38%: no alarm
	 * (worker-down needs <= 20). The rate(6 hours) action fires after this hour */
	worker_busy = simulate_imported(model, "worker", 190, 0, TRUE, 3600);
	g_assert_cmpuint(sim_n_events(worker_busy), ==, 1);
	g_assert_cmpint(sim_event(worker_busy, 0)->time_s, ==, 120);
	g_assert_cmpint(sim_event(worker_busy, 0)->to, ==, 5);
	g_assert_cmpint(sim_event(worker_busy, 0)->reason, ==, PLAN_SIM_REASON_STEP_OUT);
	/* worker-down: CPU <= 20 for 5 datapoints; 30 rps on 2 tasks = 15%: at 300 s, −50% of 2
	 * is −1 (between 0 and 1 rounds to 1), 2 -> 1 (the target's min). 30 / 100 = 30% after */
	worker_quiet = simulate_imported(model, "worker", 30, 0, TRUE, 3600);
	g_assert_cmpuint(sim_n_events(worker_quiet), ==, 1);
	g_assert_cmpint(sim_event(worker_quiet, 0)->time_s, ==, 300);
	g_assert_cmpint(sim_event(worker_quiet, 0)->from, ==, 2);
	g_assert_cmpint(sim_event(worker_quiet, 0)->to, ==, 1);
	g_assert_cmpint(sim_event(worker_quiet, 0)->reason, ==, PLAN_SIM_REASON_STEP_IN);
}

static void
test_import_replace_delete(void)
{
	static const char *const deleted[] = {
	    "aws_subnet.app[\"c\"]",
	    "aws_route_table_association.app[\"c\"]",
	    "aws_eip.c",
	    "aws_nat_gateway.c",
	    "aws_route_table.c",
	};
	g_autoptr(PlanModel) model = import_fixture("replace-delete-plan.json");
	PlanVpc *vpc = vpc_at(model, 0);
	PlanSubnet *b = subnet_by_cidr(vpc, "10.30.1.0/25");
	PlanService *service = service_at(model, 0);
	PlanLoadBalancer *lb = g_ptr_array_index(vpc->load_balancers, 0);
	PlanDiagnostic *note;
	g_autofree char *service_cidrs = NULL;
	g_autofree char *lb_cidrs = NULL;

	/* the deleted AZ c is gone; the replaced subnet shows its new block */
	g_assert_cmpuint(vpc->subnets->len, ==, 3);
	g_assert_cmpuint(vpc->nat_gateways->len, ==, 1);
	g_assert_cmpint(b->tier, ==, PLAN_TIER_PRIVATE);
	g_assert_cmpstr(nat_subnet_cidr(vpc, b), ==, "10.30.100.0/24");
	g_assert_cmpint(subnet_by_cidr(vpc, "10.30.0.0/24")->tier, ==, PLAN_TIER_PRIVATE);
	g_assert_cmpint(subnet_by_cidr(vpc, "10.30.100.0/24")->tier, ==, PLAN_TIER_PUBLIC);
	service_cidrs = subnet_cidrs(vpc, service->subnets);
	g_assert_cmpstr(service_cidrs, ==, "10.30.0.0/24 10.30.1.0/25");
	lb_cidrs = subnet_cidrs(vpc, lb->subnets);
	g_assert_cmpstr(lb_cidrs, ==, "10.30.0.0/24 10.30.1.0/25");
	g_assert_cmpint(lb->scheme, ==, PLAN_LB_INTERNAL);
	g_assert_cmpstr(service->load_balancer, ==, lb->name);
	g_assert_cmpint(service->desired_count, ==, 4);
	g_assert_cmpint(service->autoscaling.min, ==, 4);
	g_assert_cmpint(service->autoscaling.max, ==, 12);

	g_assert_cmpuint(count_findings(model, "import-deleted"), ==, G_N_ELEMENTS(deleted));
	for (guint i = 0; i < G_N_ELEMENTS(deleted); i++) {
		g_autofree char *message = g_strdup_printf(
		    "%s is deleted by this plan and left out of the model", deleted[i]);
		note = find_finding(model, "import-deleted", deleted[i]);
		g_assert_cmpstr(note->message, ==, message);
		g_assert_cmpuint(note->loc.line, >, 0);
	}
	note = find_finding(model, "import-replaced", "aws_subnet.app[\"b\"]");
	g_assert_cmpstr(note->path, ==, "vpcs[0].subnets[2]");
	find_finding(model, "import-replaced", "aws_lb_target_group.web");
	g_assert_cmpuint(count_findings(model, "import-replaced"), ==, 3);
	g_assert_cmpuint(count_findings(model, "import-unresolved"), ==, 0);
}

/* what import writes reads back as a model: no field-unknown, and the same text again */
static void
test_import_round_trip(void)
{
	static const char *const fixtures[] = {
	    "seed000-plan.json",	"seed001-plan.json",	     "seed002-plan.json",
	    "seed003-plan.json",	"seed004-state.json",	     "seed004-plan.json",
	    "modules-plan.json",	"replace-delete-plan.json", "replace-delete-state.json",
	};

	for (guint i = 0; i < G_N_ELEMENTS(fixtures); i++) {
		g_autoptr(PlanModel) model = import_fixture(fixtures[i]);
		g_autofree char *written = plan_model_to_json(model, NULL);
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanModel) again =
		    plan_model_load_data(written, strlen(written), "written.json", &error);
		g_autofree char *rewritten = NULL;
		g_autoptr(GPtrArray) diagnostics = plan_diagnostics_new();

		g_assert_no_error(error);
		g_assert_cmpuint(again->load_diagnostics->len, ==, 0);
		rewritten = plan_model_to_json(again, NULL);
		g_assert_cmpstr(written, ==, rewritten);
		/* every name resolves */
		test_link(again, diagnostics);
		for (guint j = 0; j < diagnostics->len; j++) {
			PlanDiagnostic *diagnostic = g_ptr_array_index(diagnostics, j);
			g_test_message("%s: %s", fixtures[i], diagnostic->message);
		}
		g_assert_cmpuint(diagnostics->len, ==, 0);
	}
}

/* ---- links, values, region ------------------------------------------------------------------- */

/* a plan with one subnet in one VPC, plus @extra resources and @config resources */
static char *
small_plan(const char *extra, const char *config)
{
	return g_strdup_printf(
	    "{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"resources\":["
	    "{\"address\":\"aws_vpc.main\",\"mode\":\"managed\",\"type\":\"aws_vpc\",\"name\":"
	    "\"main\",\"values\":{\"cidr_block\":\"10.0.0.0/16\"}},"
	    "{\"address\":\"aws_subnet.a\",\"mode\":\"managed\",\"type\":\"aws_subnet\",\"name\":"
	    "\"a\",\"values\":{\"cidr_block\":\"10.0.1.0/24\",\"availability_zone\":"
	    "\"us-east-1a\",\"id\":\"subnet-1\"}}%s]}},"
	    "\"configuration\":{\"provider_config\":{\"aws\":{\"name\":\"aws\",\"expressions\":"
	    "{\"region\":{\"constant_value\":\"us-east-1\"}}}},\"root_module\":{\"resources\":["
	    "%s]}}}",
	    extra, config);
}

static void
test_import_unresolved(void)
{
	/* subnets from a local: the plan's configuration cannot say which */
	g_autofree char *local = small_plan(
	    ",{\"address\":\"aws_ecs_service.s\",\"mode\":\"managed\",\"type\":\"aws_ecs_service\","
	    "\"name\":\"s\",\"values\":{\"network_configuration\":[{}]}}",
	    "{\"address\":\"aws_ecs_service.s\",\"expressions\":{\"network_configuration\":[{"
	    "\"subnets\":{\"references\":[\"local.subnets\"]}}]}}");
	g_autofree char *missing = small_plan(
	    ",{\"address\":\"aws_ecs_service.s\",\"mode\":\"managed\",\"type\":\"aws_ecs_service\","
	    "\"name\":\"s\",\"values\":{\"network_configuration\":[{\"subnets\":[\"subnet-1\","
	    "\"subnet-9\"]}]}}",
	    "");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = import_text(local, &error);
	PlanDiagnostic *finding;

	g_assert_no_error(error);
	finding = find_finding(model, "import-unresolved", "network_configuration.0.subnets");
	g_assert_cmpstr(
	    finding->message, ==,
	    "network_configuration.0.subnets of aws_ecs_service.s is known only after "
	    "apply, and its references (local.subnets) lead to no aws_subnet in the plan");
	g_assert_cmpstr(finding->path, ==, "services[0]");
	g_assert_cmpstr(finding->source, ==, "aws_ecs_service.s");
	g_assert_cmpint(finding->severity, ==, PLAN_SEVERITY_WARNING);
	g_assert_cmpuint(service_at(model, 0)->subnets->len, ==, 0);
	g_clear_pointer(&model, plan_model_free);

	/* a known id that is not in the plan: the rest is kept */
	model = import_text(missing, &error);
	g_assert_no_error(error);
	finding = find_finding(model, "import-unresolved", "subnet-9");
	g_assert_cmpstr(
	    finding->message, ==,
	    "network_configuration.0.subnets of aws_ecs_service.s refers to 'subnet-9', "
	    "which is not in the plan as aws_subnet");
	g_assert_cmpuint(service_at(model, 0)->subnets->len, ==, 1);
}

static void
test_import_sizes(void)
{
	static const struct {
		const char *cpu;
		const char *memory;
		gint64 want_cpu;
		gint64 want_memory;
		guint n_warnings;
	} cases[] = {
	    {"\"1 vCPU\"", "\"2 GB\"", 1024, 2048, 0},
	    {"\"0.25 vCPU\"", "\"512\"", 256, 512, 0},
	    {"\"2048\"", "\"4GB\"", 2048, 4096, 0},
	    {"512", "1024", 512, 1024, 0},
	    {"\"16 vcpu\"", "\"512 MiB\"", 16384, 512, 0},
	    {"\"lots\"", "\"2 TB\"", 0, 0, 2},
	    {"\"0.1\"", "\"-5\"", 0, 0, 2},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *extra = g_strdup_printf(
		    ",{\"address\":\"aws_ecs_task_definition.t\",\"mode\":\"managed\",\"type\":"
		    "\"aws_ecs_task_definition\",\"name\":\"t\",\"values\":{\"arn\":\"arn:t\","
		    "\"cpu\":%s,\"memory\":%s}},{\"address\":\"aws_ecs_service.s\",\"mode\":"
		    "\"managed\",\"type\":\"aws_ecs_service\",\"name\":\"s\",\"values\":{"
		    "\"task_definition\":\"arn:t\",\"launch_type\":\"FARGATE\"}}",
		    cases[i].cpu, cases[i].memory);
		g_autofree char *text = small_plan(extra, "");
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanModel) model = import_text(text, &error);
		PlanService *service;

		g_assert_no_error(error);
		service = service_at(model, 0);
		g_assert_cmpint(service->cpu, ==, cases[i].want_cpu);
		g_assert_cmpint(service->memory, ==, cases[i].want_memory);
		g_assert_cmpuint(count_findings(model, "import-value"), ==, cases[i].n_warnings);
	}
}

static void
test_import_containers(void)
{
	static const struct {
		const char *definitions;
		guint n_containers;
		const char *warning; /* NULL: none */
	} cases[] = {
	    {"[{\\\"name\\\":\\\"app\\\",\\\"cpu\\\":\\\"128\\\",\\\"essential\\\":false}]", 1,
	     NULL},
	    {"not json", 0, "is not a JSON array of containers"},
	    {"{\\\"name\\\":\\\"app\\\"}", 0, "is not a JSON array of containers"},
	    {"[{\\\"image\\\":\\\"x\\\"},{\\\"name\\\":\\\"b\\\"}]", 1,
	     "container 0 of aws_ecs_task_definition.t has no name"},
	    {"[{\\\"name\\\":\\\"a\\\",\\\"memory\\\":-1}]", 1,
	     "memory of container 'a' in aws_ecs_task_definition.t is not a whole number"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *extra = g_strdup_printf(
		    ",{\"address\":\"aws_ecs_task_definition.t\",\"mode\":\"managed\",\"type\":"
		    "\"aws_ecs_task_definition\",\"name\":\"t\",\"values\":{\"arn\":\"arn:t\","
		    "\"container_definitions\":\"%s\"}},{\"address\":\"aws_ecs_service.s\","
		    "\"mode\":\"managed\",\"type\":\"aws_ecs_service\",\"name\":\"s\",\"values\":{"
		    "\"task_definition\":\"arn:t\"}}",
		    cases[i].definitions);
		g_autofree char *text = small_plan(extra, "");
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanModel) model = import_text(text, &error);

		g_assert_no_error(error);
		g_assert_cmpuint(service_at(model, 0)->containers->len, ==, cases[i].n_containers);
		if (cases[i].warning != NULL)
			find_finding(model, "import-value", cases[i].warning);
		else
			g_assert_cmpuint(count_findings(model, "import-value"), ==, 0);
	}
	{
		/* a number in a string (jsonencode of a variable) reads as the number */
		g_autofree char *extra = g_strdup_printf(
		    ",{\"address\":\"aws_ecs_task_definition.t\",\"mode\":\"managed\",\"type\":"
		    "\"aws_ecs_task_definition\",\"name\":\"t\",\"values\":{\"arn\":\"arn:t\","
		    "\"container_definitions\":\"%s\"}},{\"address\":\"aws_ecs_service.s\","
		    "\"mode\":\"managed\",\"type\":\"aws_ecs_service\",\"name\":\"s\",\"values\":{"
		    "\"task_definition\":\"arn:t\"}}",
		    cases[0].definitions);
		g_autofree char *text = small_plan(extra, "");
		g_autoptr(PlanModel) model = import_text(text, NULL);
		PlanContainer *container = g_ptr_array_index(service_at(model, 0)->containers, 0);
		g_assert_cmpint(container->cpu, ==, 128);
		g_assert_false(container->essential);
	}
}

/* databases, hosts, runtime needs and Service Connect (issue 13): tests/terraform/hosts-plan.json,
 * every value from the fixture's planned values */
static void
test_import_hosts(void)
{
	g_autoptr(PlanModel) model = import_fixture("hosts-plan.json");
	PlanDatabase *orders;
	PlanDatabase *reports;
	PlanDatabase *analytics;
	PlanInstance *bastion;
	PlanService *api;
	PlanService *worker;

	/* three databases: orders, reports and the Aurora cluster; the SQL Server one is a note */
	g_assert_cmpuint(model->databases->len, ==, 3);
	orders = g_ptr_array_index(model->databases, 0);
	g_assert_cmpstr(orders->name, ==, "orders");
	g_assert_cmpstr(orders->origin.source, ==, "aws_db_instance.orders");
	g_assert_cmpint(orders->engine, ==, PLAN_DB_POSTGRES);
	g_assert_cmpstr(orders->instance_class, ==, "db.t3.small");
	g_assert_true(orders->multi_az);
	g_assert_cmpint(orders->storage_type, ==, PLAN_STORAGE_GP3);
	g_assert_cmpint(orders->storage_gb, ==, 100);
	g_assert_cmpstr(orders->vpc, ==, "main");
	/* db_subnet_group_name "main-db" is known: the group by name, its subnet_ids through the
	 * configuration's reference to aws_subnet.db (both instances) */
	g_assert_cmpuint(orders->subnets->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(orders->subnets, 0), ==, "db-0");
	g_assert_cmpstr(g_ptr_array_index(orders->subnets, 1), ==, "db-1");
	g_assert_cmpint(orders->instances, ==, 1);

	reports = g_ptr_array_index(model->databases, 1);
	g_assert_cmpint(reports->engine, ==, PLAN_DB_MARIADB);
	g_assert_false(reports->multi_az);
	/* no storage_type but iops 3000: io1, the provider's default with iops */
	g_assert_cmpint(reports->storage_type, ==, PLAN_STORAGE_IO1);
	g_assert_cmpint(reports->storage_gb, ==, 50);

	/* Aurora: three aws_rds_cluster_instance members name the cluster by identifier; the third
	 * is a db.r6g.xlarge, priced as the first's class with a warning */
	analytics = g_ptr_array_index(model->databases, 2);
	g_assert_cmpstr(analytics->name, ==, "analytics");
	g_assert_cmpint(analytics->engine, ==, PLAN_DB_AURORA_POSTGRESQL);
	g_assert_cmpint(analytics->instances, ==, 3);
	g_assert_cmpstr(analytics->instance_class, ==, "db.r6g.large");
	g_assert_cmpint(analytics->storage_type, ==, PLAN_STORAGE_AURORA);
	g_assert_cmpuint(analytics->subnets->len, ==, 2);
	find_finding(model, "import-value",
		     "aws_rds_cluster_instance.analytics[2] is a db.r6g.xlarge, but "
		     "aws_rds_cluster.analytics's first instance is a db.r6g.large");
	find_finding(model, "import-not-modelled",
		     "aws_db_instance.legacy runs engine 'sqlserver-ex'");
	/* Aurora's addresses: one per instance, 3 over two subnets → 2 and 2 (rounded up) */
	g_assert_cmpint(plan_database_addresses(analytics), ==, 3);
	/* Multi-AZ RDS: the instance and its standby */
	g_assert_cmpint(plan_database_addresses(orders), ==, 2);

	/* the bastion: subnet through the configuration, public IP from the public subnet
	 * (associate_public_ip_address is known only after apply), the root volume as given */
	g_assert_cmpuint(model->instances->len, ==, 1);
	bastion = g_ptr_array_index(model->instances, 0);
	g_assert_cmpstr(bastion->name, ==, "bastion");
	g_assert_cmpstr(bastion->instance_type, ==, "t3.micro");
	g_assert_cmpstr(bastion->subnet, ==, "public");
	g_assert_cmpstr(bastion->vpc, ==, "main");
	g_assert_true(bastion->public_ip);
	g_assert_cmpint(bastion->ebs_gb, ==, 16);
	g_assert_cmpint(bastion->ebs_type, ==, PLAN_STORAGE_GP2);

	/* runtime needs from container_definitions */
	api = service_at(model, 0);
	g_assert_cmpstr(api->name, ==, "api");
	g_assert_cmpint(api->log_driver, ==, PLAN_LOG_AWSLOGS);
	g_assert_cmpint(api->image_registry, ==, PLAN_REGISTRY_ECR);
	/* a Secrets Manager ARN, an SSM parameter name and an SSM ARN: each service once */
	g_assert_cmpuint(api->secrets->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(api->secrets, 0), ==, "secretsmanager");
	g_assert_cmpstr(g_ptr_array_index(api->secrets, 1), ==, "ssm");
	g_assert_true(api->service_connect);
	/* two load_balancer blocks: the ALB through the target group and its listener (healthy
	 * after 2 × 15 = 30 s), and the classic ELB by elb_name, kept as an extra balancer */
	g_assert_cmpstr(api->load_balancer, ==, "web");
	g_assert_cmpint(api->lb_healthy_s, ==, 30);
	g_assert_cmpuint(api->extra_load_balancers->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(api->extra_load_balancers, 0), ==, "legacy");
	g_assert_cmpuint(api->extra_lb_indices->len, ==, 1);
	g_assert_cmpint(g_array_index(api->extra_lb_indices, gint, 0), ==, 1);
	g_assert_cmpint(((PlanLoadBalancer *)g_ptr_array_index(vpc_at(model, 0)->load_balancers, 1))
			    ->type,
			==, PLAN_LB_CLASSIC);
	worker = service_at(model, 1);
	g_assert_cmpint(worker->log_driver, ==, PLAN_LOG_NONE);
	/* ghcr.io and ECR Public are outside a private ECR registry */
	g_assert_cmpint(worker->image_registry, ==, PLAN_REGISTRY_OTHER);
	/* repositoryCredentials are a Secrets Manager secret */
	g_assert_cmpuint(worker->secrets->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(worker->secrets, 0), ==, "secretsmanager");
	/* service_connect_configuration { enabled = false } */
	g_assert_false(worker->service_connect);

	/* the model writes and reads back with every field */
	{
		g_autoptr(GError) error = NULL;
		g_autofree char *text = plan_model_to_json(model, &error);
		g_autoptr(PlanModel) back =
		    plan_model_load_data(text, strlen(text), "back.json", &error);
		PlanDatabase *db;
		g_assert_no_error(error);
		g_assert_cmpuint(back->databases->len, ==, 3);
		db = g_ptr_array_index(back->databases, 2);
		g_assert_cmpint(db->instances, ==, 3);
		g_assert_cmpint(db->engine, ==, PLAN_DB_AURORA_POSTGRESQL);
		g_assert_true(service_at(back, 0)->service_connect);
		g_assert_cmpstr(g_ptr_array_index(service_at(back, 0)->extra_load_balancers, 0), ==,
				"legacy");
		g_assert_cmpint(((PlanInstance *)g_ptr_array_index(back->instances, 0))->ebs_gb, ==,
				16);
		g_assert_cmpuint(back->load_diagnostics->len, ==, 0);
	}
}

static void
test_import_region(void)
{
	g_autofree char *text = small_plan("", "");
	g_autofree char *no_provider = g_strdup(
	    "{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":[{"
	    "\"address\":\"aws_vpc.v\",\"mode\":\"managed\",\"type\":\"aws_vpc\",\"name\":\"v\","
	    "\"values\":{\"cidr_block\":\"10.0.0.0/16\"}}]}}}");
	PlanImportOptions options = {.region = "eu-north-1"};
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) plain = import_text(text, &error);
	g_autoptr(PlanModel) overridden =
	    plan_import_terraform(text, strlen(text), DISPLAY, &options, NULL, &error);
	g_autoptr(PlanModel) unknown = import_text(no_provider, &error);

	g_assert_no_error(error);
	g_assert_cmpstr(plain->region, ==, "us-east-1");
	g_assert_cmpuint(plain->region_loc.line, ==, 1);
	g_assert_cmpstr(overridden->region, ==, "eu-north-1");
	g_assert_cmpstr(unknown->region, ==, "unknown");
	find_finding(unknown, "import-unresolved", "the plan names no region");
}

static void
test_import_findings_copy(void)
{
	g_autofree char *text = small_plan(
	    ",{\"address\":\"aws_iam_role.r\",\"mode\":\"managed\",\"type\":\"aws_iam_role\","
	    "\"name\":\"r\",\"values\":{}}",
	    "");
	g_autoptr(GPtrArray) findings = plan_diagnostics_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model =
	    plan_import_terraform(text, strlen(text), DISPLAY, NULL, findings, &error);

	g_assert_no_error(error);
	g_assert_cmpuint(findings->len, ==, model->load_diagnostics->len);
	g_assert_cmpuint(findings->len, ==, 2);
	g_assert_cmpstr(((PlanDiagnostic *)g_ptr_array_index(findings, 1))->message, ==,
			"aws_iam_role is not modelled: 1 resource (aws_iam_role.r)");
	g_assert_true(g_ptr_array_index(findings, 1) !=
		      g_ptr_array_index(model->load_diagnostics, 1));
}

/* ---- bad input ------------------------------------------------------------------------------- */

static void
test_import_invalid(void)
{
	static const struct {
		const char *text;
		const char *message;
	} cases[] = {
	    {"{\"planned_values\": {}}",
	     "plan.json:1:1: (top): missing 'format_version'; expected the output of 'terraform "
	     "show -json' for a saved plan or a state"},
	    {"{\"format_version\": \"2.0\", \"planned_values\": {}}",
	     "plan.json:1:20: format_version: format version 2.0 is not supported; ecsplan reads "
	     "versions 0.x and 1.x"},
	    {"{\"format_version\": 1.2}",
	     "plan.json:1:20: format_version: expected a version string like \"1.2\", got a "
	     "number"},
	    {"{\"format_version\": \"one\"}",
	     "plan.json:1:20: format_version: 'one' is not a version like \"1.2\""},
	    {"[1]", "plan.json:1:1: (top): expected a JSON object from 'terraform show -json', got "
		    "an array"},
	    {"{\"format_version\": \"1.0\",}",
	     "plan.json:1:26: not valid JSON near '}' (check for a missing comma, quote or "
	     "bracket, or a trailing comma)"},
	    {"{\"format_version\": \"1.0\"} x",
	     "plan.json:1:27: unexpected text after the JSON value near 'x' (check for a missing "
	     "comma, quote or bracket, or a trailing comma)"},
	    {"   \n ", "plan.json:2:2: the file is empty; expected the JSON output of 'terraform "
		       "show -json'"},
	    {"{\"format_version\": \"1.0\", \"a\": \"\xff\"}",
	     "plan.json:1:33: invalid UTF-8 (byte 0xff); Terraform JSON is UTF-8 text"},
	    {"{\"format_version\":\"1.0\",\"planned_values\":{\"root_module\":{\"resources\":{}}}}",
	     "plan.json:1:70: planned_values.root_module.resources: expected an array of "
	     "resources, got an object"},
	    {"{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":[{\"type\":"
	     "\"aws_vpc\",\"name\":\"v\"}]}}}",
	     "plan.json:1:63: values.root_module.resources[0]: missing 'address'"},
	    {"{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":[{\"address\":"
	     "\"aws_vpc.v\",\"type\":7,\"name\":\"v\",\"index\":true}]}}}",
	     "plan.json:1:93: values.root_module.resources[0].type: expected a non-empty string, "
	     "got a number\nplan.json:1:114: values.root_module.resources[0].index: expected a "
	     "count index (a whole number) or a for_each key (a string), got true"},
	    {"{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":[{\"address\":"
	     "\"aws_vpc.v\",\"type\":\"aws_vpc\",\"name\":\"v\",\"values\":[]}]}}}",
	     "plan.json:1:123: values.root_module.resources[0].values: expected an object, got an "
	     "array"},
	    {"{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":[{\"address\":"
	     "\"aws_vpc.v\",\"type\":\"aws_vpc\",\"name\":\"v\",\"values\":{\"cidr_block\":16}}]}}"
	     "}",
	     "plan.json:1:137: values.root_module.resources[0].values.cidr_block: expected a "
	     "string, got a number"},
	    {"{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"child_modules\":[{"
	     "\"address\":"
	     "\"vpc\"}]}}}",
	     "plan.json:1:78: values.root_module.child_modules[0].address: 'vpc' is not a module "
	     "address like \"module.vpc\""},
	    {"{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":[{\"address\":"
	     "\"aws_vpc.v\",\"type\":\"aws_vpc\",\"name\":\"v\"},{\"address\":\"aws_vpc.v\","
	     "\"type\":"
	     "\"aws_vpc\",\"name\":\"v\"}]}}}",
	     "plan.json:1:115: values.root_module.resources[1]: duplicate resource address "
	     "'aws_vpc.v'"},
	    {"{\"format_version\":\"1.0\",\"resource_changes\":[{\"address\":\"a.b\",\"type\":"
	     "\"a\","
	     "\"name\":\"b\",\"change\":{\"actions\":\"create\"}}]}",
	     "plan.json:1:104: resource_changes[0].change.actions: expected an array of actions, "
	     "got a string"},
	    {"{\"format_version\":\"1.0\",\"configuration\":{\"root_module\":{\"module_calls\":[]}}"
	     "}",
	     "plan.json:1:72: configuration.root_module.module_calls: expected an object of module "
	     "calls, got an array"},
	    {"{\"format_version\":\"1.0\",\"values\":{\"root_module\":{\"resources\":[{\"address\":"
	     "\"aws_subnet.s\",\"type\":\"aws_subnet\",\"name\":\"s\",\"values\":{\"vpc_id\":[1]}}]"
	     "}}}",
	     "plan.json:1:139: values.root_module.resources[0].values.vpc_id: expected a string, "
	     "got an array"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanModel) model = import_text(cases[i].text, &error);
		g_assert_null(model);
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		g_assert_cmpstr(error->message, ==, cases[i].message);
	}
}

/* the modules fixture with aws_ecs_service.batch as a DAEMON service (desired_count 0, as a
 * plan shows a daemon) and a launch template whose base64 user data also sets
 * ECS_RESERVED_MEMORY=256: the service keeps the model's default count (it does not apply to a
 * daemon), and the cluster reserves 256 MiB */
static void
test_import_daemon_reserved(void)
{
	g_autofree char *path =
	    g_test_build_filename(G_TEST_DIST, "terraform", "modules-plan.json", NULL);
	g_autofree char *data = NULL;
	g_autoptr(GString) text = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;
	const PlanService *batch;
	const PlanCluster *cluster;

	g_assert_true(g_file_get_contents(path, &data, NULL, &error));
	text = g_string_new(data);
	/* "#!/bin/bash\necho ECS_CLUSTER=batch >> /etc/ecs/ecs.config\n" and a second line
	 * "echo ECS_RESERVED_MEMORY=256 >> /etc/ecs/ecs.config" */
	g_assert_cmpuint(g_string_replace(text,
					  "IyEvYmluL2Jhc2gKZWNobyBFQ1NfQ0xVU1RFUj1iYXRjaCA+PiAvZXRj"
					  "L2Vjcy9lY3MuY29uZmlnCg==",
					  "IyEvYmluL2Jhc2gKZWNobyBFQ1NfQ0xVU1RFUj1iYXRjaCA+PiAvZXRjL2Vjcy9lY3MuY29uZmlnCmVjaG8gRUNTX1JFU0VSVkVEX01FTU9SWT0yNTYgPj4gL2V0Yy9lY3MvZWNzLmNvbmZpZwo=", 0),
			 ==, 2);
	g_assert_cmpuint(g_string_replace(text, "\"desired_count\": 4,",
					  "\"desired_count\": 0, \"scheduling_strategy\": \"DAEMON\",",
					  1),
			 ==, 1);
	model = import_text(text->str, &error);
	g_assert_no_error(error);
	batch = service_at(model, 0);
	g_assert_cmpstr(batch->name, ==, "batch");
	g_assert_cmpint(batch->scheduling_strategy, ==, PLAN_SCHEDULING_DAEMON);
	g_assert_cmpint(batch->desired_count, ==, 1);
	g_assert_true(plan_service_is_daemon(batch));
	find_finding(model, "import-value", "aws_ecs_service.batch is a DAEMON service");
	cluster = g_ptr_array_index(model->clusters, 0);
	g_assert_cmpint(cluster->reserved_memory_mib, ==, 256);
	find_finding(model, "import-value", "sets ECS_RESERVED_MEMORY=256");
	/* the other services stay replicas */
	g_assert_cmpint(service_at(model, 1)->scheduling_strategy, ==, PLAN_SCHEDULING_REPLICA);
}

/* module a's output reads var.input, and the root passes module.a's output as var.input */
static const char cycle_plan[] =
    "{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"resources\":["
    "{\"address\":\"aws_ecs_service.s\",\"mode\":\"managed\",\"type\":\"aws_ecs_service\","
    "\"name\":\"s\",\"values\":{\"network_configuration\":[{}]}}],\"child_modules\":[{"
    "\"address\":\"module.a\",\"resources\":[]}]}},\n"
    "\"resource_changes\":[{\"address\":\"aws_ecs_service.s\",\"mode\":\"managed\",\"type\":"
    "\"aws_ecs_service\",\"name\":\"s\",\"change\":{\"actions\":[\"create\"],\"after_unknown\":"
    "{\"network_configuration\":[{\"subnets\":true}]}}}],\n"
    "\"configuration\":{\"root_module\":{\"resources\":[{\"address\":\"aws_ecs_service.s\","
    "\"expressions\":{\"network_configuration\":[{\"subnets\":{\"references\":["
    "\"module.a.out\",\"module.a\"]}}]}}],\n"
    "\"module_calls\":{\"a\":{\"source\":\"./a\",\"expressions\":{\"input\":{\"references\":"
    "[\"module.a.out\",\"module.a\"]}},\"module\":{\"outputs\":{\"out\":{\"expression\":{"
    "\"references\":[\"var.input\"]}}}}}}}}}\n";

static void
test_import_cycle(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = import_text(cycle_plan, &error);

	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_cmpstr(
	    error->message, ==,
	    "plan.json:4:60: configuration.root_module.module_calls.a.expressions.input: "
	    "reference cycle: 'module.a.out' in the root module leads back to itself");
}

/* output -> var -> output -> ... without nesting modules: a chain longer than any real
 * configuration stops with a message instead of recursing on */
static void
test_import_deep_references(void)
{
	g_autoptr(GString) outputs = g_string_new(NULL);
	g_autoptr(GString) inputs = g_string_new(NULL);
	g_autofree char *text = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;

	for (guint i = 0; i < 100; i++) {
		g_string_append_printf(outputs,
				       "%s\"o%u\":{\"expression\":{\"references\":[\"var.i%u\"]}}",
				       i > 0 ? "," : "", i, i);
		g_string_append_printf(inputs, "%s\"i%u\":{\"references\":[\"module.a.o%u\"]}",
				       i > 0 ? "," : "", i, i + 1);
	}
	text = g_strdup_printf(
	    "{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"resources\":["
	    "{\"address\":\"aws_ecs_service.s\",\"mode\":\"managed\",\"type\":\"aws_ecs_service\","
	    "\"name\":\"s\",\"values\":{}}],\"child_modules\":[{\"address\":\"module.a\"}]}},"
	    "\"configuration\":{\"root_module\":{\"resources\":[{\"address\":\"aws_ecs_service.s\","
	    "\"expressions\":{\"network_configuration\":[{\"subnets\":{\"references\":["
	    "\"module.a.o0\"]}}]}}],\"module_calls\":{\"a\":{\"expressions\":{%s},\"module\":{"
	    "\"outputs\":{%s}}}}}}}",
	    inputs->str, outputs->str);
	model = import_text(text, &error);
	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_nonnull(strstr(error->message, "references nested more than 64 levels deep at "
						"'module.a.o32'"));
}

/* a plan whose service lists its subnets through one expression of @references (a JSON
 * array body), with @n_subnets instances of aws_subnet.s */
static char *
plan_with_references(guint n_subnets, const char *references)
{
	g_autoptr(GString) subnets = g_string_new(NULL);

	for (guint i = 0; i < n_subnets; i++)
		g_string_append_printf(
		    subnets,
		    ",{\"address\":\"aws_subnet.s[%u]\",\"mode\":\"managed\",\"type\":\"aws_"
		    "subnet\","
		    "\"name\":\"s\",\"index\":%u,\"values\":{\"cidr_block\":\"10.0.%u.0/24\","
		    "\"availability_zone\":\"us-east-1a\"}}",
		    i, i, i);
	return g_strdup_printf(
	    "{\"format_version\":\"1.2\",\"planned_values\":{\"root_module\":{\"resources\":["
	    "{\"address\":\"aws_vpc.main\",\"mode\":\"managed\",\"type\":\"aws_vpc\",\"name\":"
	    "\"main\",\"values\":{\"cidr_block\":\"10.0.0.0/16\"}}%s,"
	    "{\"address\":\"aws_ecs_service.app\",\"mode\":\"managed\",\"type\":\"aws_ecs_"
	    "service\","
	    "\"name\":\"app\",\"values\":{\"name\":\"app\",\"launch_type\":\"FARGATE\","
	    "\"network_configuration\":[{\"assign_public_ip\":false}]}}]}},"
	    "\"configuration\":{\"root_module\":{\"resources\":[{\"address\":\"aws_subnet.s\","
	    "\"mode\":\"managed\",\"type\":\"aws_subnet\",\"name\":\"s\",\"expressions\":{"
	    "\"vpc_id\":{\"references\":[\"aws_vpc.main.id\",\"aws_vpc.main\"]}}},"
	    "{\"address\":\"aws_ecs_service.app\",\"mode\":\"managed\",\"type\":\"aws_ecs_"
	    "service\","
	    "\"name\":\"app\",\"expressions\":{\"network_configuration\":[{\"subnets\":{"
	    "\"references\":[%s]}}]}}]}}}",
	    subnets->str, references);
}

/* 20,000 references in one expression, two forms of each of 10,000 instances of which 8
 * exist: the service gets exactly those 8, each once (hash lookups, not pairwise scans) */
static void
test_import_many_references(void)
{
	g_autoptr(GString) references = g_string_new(NULL);
	g_autofree char *text = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;
	const PlanService *service;

	/* the whole resource first: dropped, because instances of it are named too */
	g_string_append(references, "\"aws_subnet.s\"");
	for (guint k = 10000; k > 0; k--)
		g_string_append_printf(references, ",\"aws_subnet.s[%u].id\",\"aws_subnet.s[%u]\"",
				       k - 1, k - 1);
	text = plan_with_references(8, references->str);
	model = import_text(text, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(model->services->len, ==, 1);
	service = g_ptr_array_index(model->services, 0);
	g_assert_cmpuint(service->subnets->len, ==, 8);
	/* in the order the expression names them: s[7] first */
	g_assert_cmpstr(g_ptr_array_index(service->subnets, 0), ==, "s-7");
	g_assert_cmpstr(g_ptr_array_index(service->subnets, 7), ==, "s-0");
}

/* more references than PLAN_TF_MAX_REFERENCES (1,000,000) in one import: PLAN_ERROR_LIMIT */
static void
test_import_reference_budget(void)
{
	g_autoptr(GString) references = g_string_sized_new(11 * 1000001);
	g_autofree char *text = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;

	g_string_append(references, "\"aws_subnet.s[0]\"");
	for (guint k = 0; k < 1000000; k++)
		g_string_append(references, ",\"local.x\"");
	text = plan_with_references(1, references->str);
	model = import_text(text, &error);
	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_cmpstr(error->message, ==,
			DISPLAY
			": the configuration's references are too many to follow: more "
			"than 1000000 in one import (the limit in docs/limits.md); split the plan "
			"or shorten the expressions that list thousands of references");

	/* 11 fewer imports: the other expressions (the subnet's vpc_id) follow a few more */
	g_clear_pointer(&text, g_free);
	g_string_truncate(references, references->len - 11 * strlen(",\"local.x\""));
	text = plan_with_references(1, references->str);
	g_clear_error(&error);
	model = import_text(text, &error);
	g_assert_no_error(error);
	g_assert_nonnull(model);
}

static void
test_import_many_problems(void)
{
	g_autoptr(GString) text = g_string_new("{\"format_version\":\"1.0\",\"values\":{"
					       "\"root_module\":{\"resources\":[");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;
	g_auto(GStrv) lines = NULL;

	for (guint i = 0; i < 150; i++)
		g_string_append_printf(text, "%s7", i > 0 ? "," : "");
	g_string_append(text, "]}}}");
	model = import_text(text->str, &error);
	g_assert_null(model);
	lines = g_strsplit(error->message, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 101);
	g_assert_cmpstr(
	    lines[0], ==,
	    "plan.json:1:63: values.root_module.resources[0]: expected a resource object, "
	    "got a number");
	g_assert_cmpstr(lines[100], ==, "plan.json: ... and 50 more problems");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/planner/import/detect", test_import_detect);
	g_test_add_func("/planner/import/names", test_import_names);
	g_test_add_func("/planner/import/seed000", test_import_seed000);
	g_test_add_func("/planner/import/seed001", test_import_seed001);
	g_test_add_func("/planner/import/seed002", test_import_seed002);
	g_test_add_func("/planner/import/seed003", test_import_seed003);
	g_test_add_func("/planner/import/seed004", test_import_seed004);
	g_test_add_func("/planner/import/seed004-plan", test_import_seed004_plan);
	g_test_add_func("/planner/import/seed-models", test_import_seed_models);
	g_test_add_func("/planner/import/modules", test_import_modules);
	g_test_add_func("/planner/import/hosts", test_import_hosts);
	g_test_add_func("/planner/import/scaling", test_import_scaling);
	g_test_add_func("/planner/import/scaling-simulate", test_import_scaling_simulate);
	g_test_add_func("/planner/import/replace-delete", test_import_replace_delete);
	g_test_add_func("/planner/import/round-trip", test_import_round_trip);
	g_test_add_func("/planner/import/unresolved", test_import_unresolved);
	g_test_add_func("/planner/import/sizes", test_import_sizes);
	g_test_add_func("/planner/import/containers", test_import_containers);
	g_test_add_func("/planner/import/region", test_import_region);
	g_test_add_func("/planner/import/findings-copy", test_import_findings_copy);
	g_test_add_func("/planner/import/invalid", test_import_invalid);
	g_test_add_func("/planner/import/daemon-reserved", test_import_daemon_reserved);
	g_test_add_func("/planner/import/cycle", test_import_cycle);
	g_test_add_func("/planner/import/deep-references", test_import_deep_references);
	g_test_add_func("/planner/import/many-problems", test_import_many_problems);
	g_test_add_func("/planner/import/many-references", test_import_many_references);
	g_test_add_func("/planner/import/reference-budget", test_import_reference_budget);
	return g_test_run();
}
