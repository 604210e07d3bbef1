/* ecsplan: unit tests for the Terraform importer (planner/import/import-terraform*.c):
 * detection, names, links through modules, replacements and deletions, values, sizes and the
 * region; the seed fixtures, service auto scaling and bad input have files of their own
 * (test-import-seeds.c, test-import-scaling.c, test-import-bad.c) */
#include "diagnostic.h"
#include "import-terraform.h"
#include "simulate.h"
#include "loader.h"
#include "plan-error.h"
#include "test-import-util.h"
#include "test-util.h"

#include <string.h>

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
	g_assert_cmpint(
	    ((PlanInstanceOverride *)g_ptr_array_index(cluster->instance_overrides, 1))->weight, ==,
	    1);
	g_assert_cmpint(
	    ((PlanInstanceOverride *)g_ptr_array_index(cluster->instance_overrides, 2))->weight, ==,
	    2); /* weighted_capacity "2" */
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
	g_assert_cmpint(
	    ((PlanPlacementStrategy *)g_ptr_array_index(batch->placement_strategy, 0))->type, ==,
	    PLAN_PLACEMENT_SPREAD);
	g_assert_cmpstr(
	    ((PlanPlacementStrategy *)g_ptr_array_index(batch->placement_strategy, 0))->field, ==,
	    "attribute:ecs.availability-zone");
	g_assert_cmpint(
	    ((PlanPlacementStrategy *)g_ptr_array_index(batch->placement_strategy, 1))->type, ==,
	    PLAN_PLACEMENT_BINPACK);
	g_assert_cmpstr(
	    ((PlanPlacementStrategy *)g_ptr_array_index(batch->placement_strategy, 1))->field, ==,
	    "memory");
	find_finding(model, "import-not-modelled",
		     "aws_ecs_service.batch has placement constraints");

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
	    "seed000-plan.json", "seed001-plan.json",	     "seed002-plan.json",
	    "seed003-plan.json", "seed004-state.json",	     "seed004-plan.json",
	    "modules-plan.json", "replace-delete-plan.json", "replace-delete-state.json",
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
					  "IyEvYmluL2Jhc2gKZWNobyBFQ1NfQ0xVU1RFUj1iYXRjaCA+"
					  "PiAvZXRjL2Vjcy9lY3MuY29uZmlnCmVjaG8gRUNTX1JFU0VSVkVEX01F"
					  "TU9SWT0yNTYgPj4gL2V0Yy9lY3MvZWNzLmNvbmZpZwo=",
					  0),
			 ==, 2);
	g_assert_cmpuint(
	    g_string_replace(text, "\"desired_count\": 4,",
			     "\"desired_count\": 0, \"scheduling_strategy\": \"DAEMON\",", 1),
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

/* ---- links, values, region ------------------------------------------------------------------- */

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
	g_assert_cmpint(
	    ((PlanLoadBalancer *)g_ptr_array_index(vpc_at(model, 0)->load_balancers, 1))->type, ==,
	    PLAN_LB_CLASSIC);
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

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/planner/import/detect", test_import_detect);
	g_test_add_func("/planner/import/names", test_import_names);
	g_test_add_func("/planner/import/modules", test_import_modules);
	g_test_add_func("/planner/import/replace-delete", test_import_replace_delete);
	g_test_add_func("/planner/import/round-trip", test_import_round_trip);
	g_test_add_func("/planner/import/daemon-reserved", test_import_daemon_reserved);
	g_test_add_func("/planner/import/hosts", test_import_hosts);
	g_test_add_func("/planner/import/unresolved", test_import_unresolved);
	g_test_add_func("/planner/import/sizes", test_import_sizes);
	g_test_add_func("/planner/import/containers", test_import_containers);
	g_test_add_func("/planner/import/region", test_import_region);
	g_test_add_func("/planner/import/findings-copy", test_import_findings_copy);
	return g_test_run();
}
