/* ecsplan: unit tests for planner/loader.c, schema.c, writer.c and jsonpos.c (reading and
 * writing models) */
#include "test-util.h"
#include "diagnostic.h"
#include "json-util.h"
#include "jsonpos.h"
#include "analyse.h"
#include "loader.h"
#include "plan-error.h"
#include "text.h"

#include <string.h>

#define DISPLAY "m.json"

/* the smallest readable model, to build cases from */
#define HEAD "{\"ecsplan\":1,\"region\":\"us-east-1\","

static PlanModel *
load_text(const char *text, GError **error)
{
	return plan_model_load_data(text, strlen(text), DISPLAY, error);
}

/* ---- a valid model loads with the right values ------------------------------------------ */

static const char valid_model[] =
    "{\n"
    "  \"ecsplan\": 1,\n"
    "  \"name\": \"payments-staging\",\n"
    "  \"region\": \"us-east-2\",\n"
    "  \"notes\": \"one note\",\n"
    "  \"vpcs\": [{\n"
    "    \"name\": \"main\",\n"
    "    \"cidr\": \"10.2.0.0/16\",\n"
    "    \"secondary_cidrs\": [\"100.64.0.0/20\", \"100.64.16.1/20\"],\n"
    "    \"internet_gateway\": true,\n"
    "    \"subnets\": [\n"
    "      {\"name\": \"public-a\", \"cidr\": \"10.2.2.0/24\", \"az\": \"us-east-2a\", "
    "\"tier\": \"public\"},\n"
    "      {\"name\": \"private-a\", \"cidr\": \"10.2.0.7/24\", \"az\": \"us-east-2a\", "
    "\"tier\": \"private\", \"nat_gateway\": \"nat-a\"},\n"
    "      {\"name\": \"db-a\", \"cidr\": \"auto\", \"size\": \"/26\", \"az\": \"us-east-2a\", "
    "\"tier\": \"isolated\"},\n"
    "      {\"name\": \"bad\", \"cidr\": \"10.2.300.0/24\", \"az\": \"us-east-2b\", "
    "\"tier\": \"private\"}\n"
    "    ],\n"
    "    \"nat_gateways\": [{\"name\": \"nat-a\", \"subnet\": \"public-a\"}],\n"
    "    \"endpoints\": [{\"service\": \"ecr.dkr\", \"subnets\": [\"private-a\"]}],\n"
    "    \"load_balancers\": [{\"name\": \"api\", \"subnets\": [\"public-a\", \"public-b\"]}]\n"
    "  }],\n"
    "  \"peerings\": [[\"main\", \"shared-services\"]],\n"
    "  \"services\": [{\n"
    "    \"name\": \"api\", \"vpc\": \"main\",\n"
    "    \"launch_type\": \"FARGATE\", \"cpu\": 256, \"memory\": 512,\n"
    "    \"desired_count\": 3,\n"
    "    \"subnets\": [\"private-a\", \"private-b\"],\n"
    "    \"assign_public_ip\": false,\n"
    "    \"load_balancer\": \"api\",\n"
    "    \"autoscaling\": {\"min\": 2, \"max\": 10}\n"
    "  }, {\n"
    "    \"name\": \"worker\", \"launch_type\": \"EC2\", \"desired_count\": 0,\n"
    "    \"deployment\": {\"maximum_percent\": 150, \"minimum_healthy_percent\": 50}\n"
    "  }]\n"
    "}\n";

static void
test_loader_valid(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = load_text(valid_model, &error);
	PlanVpc *vpc;
	PlanSubnet *subnet;
	PlanCidr *secondary;
	PlanService *api;
	PlanService *worker;
	PlanLoadBalancer *lb;
	PlanEndpoint *endpoint;
	PlanPeering *peering;
	char buf[64];

	g_assert_no_error(error);
	g_assert_nonnull(model);
	g_assert_cmpstr(model->file, ==, DISPLAY);
	g_assert_cmpint(model->version, ==, 1);
	g_assert_cmpstr(model->name, ==, "payments-staging");
	g_assert_cmpstr(model->region, ==, "us-east-2");
	g_assert_cmpuint(model->notes->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(model->notes, 0), ==, "one note");
	g_assert_cmpuint(model->load_diagnostics->len, ==, 0);

	g_assert_cmpuint(model->vpcs->len, ==, 1);
	vpc = g_ptr_array_index(model->vpcs, 0);
	g_assert_cmpstr(vpc->name, ==, "main");
	g_assert_cmpstr(vpc->origin.path, ==, "vpcs[0]");
	g_assert_cmpuint(vpc->origin.loc.line, ==, 6);
	g_assert_cmpuint(vpc->origin.loc.column, ==, 12);
	g_assert_cmpint(vpc->cidr.state, ==, PLAN_CIDR_OK);
	/* the path is the VPC's and the key, made when a finding needs it */
	g_assert_null(vpc->cidr.path);
	g_assert_cmpuint(vpc->cidr.loc.line, ==, 8);
	g_assert_cmpuint(vpc->cidr.loc.column, ==, 13);
	g_assert_true(vpc->internet_gateway);
	g_assert_cmpint(vpc->ipv6_cidr.state, ==, PLAN_CIDR_UNSET);
	g_assert_cmpuint(vpc->secondary_cidrs->len, ==, 2);
	secondary = &g_array_index(vpc->secondary_cidrs, PlanCidr, 1);
	g_assert_cmpint(secondary->state, ==, PLAN_CIDR_HOST_BITS);
	g_assert_cmpstr(secondary->text, ==, "100.64.16.1/20");
	/* no path kept: the finding about it is placed from the VPC's path and the key */
	g_assert_null(secondary->path);
	{
		g_autoptr(GError) analyse_error = NULL;
		g_autoptr(PlanResult) result = plan_analyse(model, NULL, &analyse_error);
		gboolean found = FALSE;
		g_assert_no_error(analyse_error);
		for (guint i = 0; i < result->diagnostics->len; i++) {
			const PlanDiagnostic *d = g_ptr_array_index(result->diagnostics, i);
			found |= strcmp(d->code, "cidr-host-bits") == 0 &&
				 g_strcmp0(d->path, "vpcs[0].secondary_cidrs[1]") == 0;
		}
		g_assert_true(found);
	}
	plan_prefix_format(&secondary->prefix, buf, sizeof buf);
	g_assert_cmpstr(buf, ==, "100.64.16.0/20");

	g_assert_cmpuint(vpc->subnets->len, ==, 4);
	subnet = g_ptr_array_index(vpc->subnets, 0);
	g_assert_cmpstr(subnet->name, ==, "public-a");
	g_assert_cmpint(subnet->tier, ==, PLAN_TIER_PUBLIC);
	g_assert_cmpint(subnet->cidr.state, ==, PLAN_CIDR_OK);
	g_assert_cmpint(subnet->size_kind, ==, PLAN_SIZE_UNSET);
	g_assert_null(subnet->nat_gateway);
	subnet = g_ptr_array_index(vpc->subnets, 1);
	g_assert_cmpstr(subnet->origin.path, ==, "vpcs[0].subnets[1]");
	g_assert_cmpuint(subnet->origin.loc.line, ==, 13);
	g_assert_cmpuint(subnet->origin.loc.column, ==, 7);
	g_assert_cmpuint(subnet->cidr.loc.line, ==, 13);
	g_assert_cmpuint(subnet->cidr.loc.column, ==, 37);
	g_assert_cmpint(subnet->tier, ==, PLAN_TIER_PRIVATE);
	g_assert_cmpint(subnet->cidr.state, ==, PLAN_CIDR_HOST_BITS);
	g_assert_cmpstr(subnet->nat_gateway, ==, "nat-a");
	g_assert_cmpint(subnet->nat_index, ==, 0); /* the loader links: nat-a is the first NAT */
	subnet = g_ptr_array_index(vpc->subnets, 2);
	g_assert_cmpint(subnet->tier, ==, PLAN_TIER_ISOLATED);
	g_assert_cmpint(subnet->cidr.state, ==, PLAN_CIDR_AUTO);
	g_assert_cmpint(subnet->size_kind, ==, PLAN_SIZE_LENGTH);
	g_assert_cmpuint(subnet->size_length, ==, 26);
	/* a CIDR that does not parse is a finding for validate, not an unreadable model */
	subnet = g_ptr_array_index(vpc->subnets, 3);
	g_assert_cmpint(subnet->cidr.state, ==, PLAN_CIDR_INVALID);
	g_assert_nonnull(subnet->cidr.error);
	g_assert_cmpstr(subnet->cidr.text, ==, "10.2.300.0/24");

	g_assert_cmpuint(vpc->nat_gateways->len, ==, 1);
	g_assert_cmpint(((PlanNatGateway *)g_ptr_array_index(vpc->nat_gateways, 0))->connectivity,
			==, PLAN_NAT_PUBLIC);
	endpoint = g_ptr_array_index(vpc->endpoints, 0);
	g_assert_null(endpoint->name);
	g_assert_cmpstr(endpoint->service, ==, "ecr.dkr");
	g_assert_cmpint(endpoint->type, ==, PLAN_ENDPOINT_INTERFACE);
	g_assert_cmpuint(endpoint->subnets->len, ==, 1);
	lb = g_ptr_array_index(vpc->load_balancers, 0);
	g_assert_cmpint(lb->type, ==, PLAN_LB_APPLICATION);
	g_assert_cmpint(lb->scheme, ==, PLAN_LB_INTERNET_FACING);
	g_assert_false(lb->usage.present);
	g_assert_cmpuint(lb->subnets->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(lb->subnets, 1), ==, "public-b");

	g_assert_cmpuint(model->peerings->len, ==, 1);
	peering = g_ptr_array_index(model->peerings, 0);
	g_assert_cmpstr(peering->vpc_a, ==, "main");
	g_assert_cmpstr(peering->vpc_b, ==, "shared-services");
	g_assert_cmpstr(peering->origin.path, ==, "peerings[0]");

	g_assert_cmpuint(model->services->len, ==, 2);
	api = g_ptr_array_index(model->services, 0);
	g_assert_cmpstr(api->vpc, ==, "main");
	g_assert_cmpint(api->launch_type, ==, PLAN_LAUNCH_FARGATE);
	g_assert_cmpint(api->cpu, ==, 256);
	g_assert_cmpint(api->memory, ==, 512);
	g_assert_cmpint(api->desired_count, ==, 3);
	g_assert_false(api->assign_public_ip);
	g_assert_cmpstr(api->load_balancer, ==, "api");
	g_assert_false(api->deployment.present);
	g_assert_cmpint(api->deployment.maximum_percent, ==, 200);
	g_assert_cmpint(api->deployment.minimum_healthy_percent, ==, 100);
	g_assert_cmpint(plan_service_maximum_percent(api), ==, 200);
	g_assert_true(api->autoscaling.present);
	g_assert_cmpint(api->autoscaling.min, ==, 2);
	g_assert_cmpint(api->autoscaling.max, ==, 10);
	g_assert_cmpint(plan_service_peak_tasks(api), ==, 10);
	g_assert_cmpint(api->architecture, ==, PLAN_ARCH_X86_64);
	g_assert_cmpint(api->network_mode, ==, PLAN_NETWORK_AWSVPC);
	g_assert_cmpint(api->ephemeral_storage_gb, ==, 20);
	worker = g_ptr_array_index(model->services, 1);
	g_assert_null(worker->vpc);
	g_assert_cmpint(worker->launch_type, ==, PLAN_LAUNCH_EC2);
	g_assert_cmpint(worker->desired_count, ==, 0);
	g_assert_true(worker->deployment.present);
	g_assert_cmpint(worker->deployment.maximum_percent, ==, 150);
	g_assert_cmpint(worker->deployment.minimum_healthy_percent, ==, 50);
	g_assert_false(worker->autoscaling.present);
	g_assert_cmpint(plan_service_peak_tasks(worker), ==, 0);
	g_assert_cmpuint(model->clusters->len, ==, 0);
	g_assert_false(model->usage.present);
}

/* defaults of a service that says nothing but its name */
static void
test_loader_defaults(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = load_text(
	    HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\"}],"
		 "\"clusters\":[{\"name\":\"c\",\"instance_type\":\"m5.large\",\"max\":4}],"
		 "\"usage\":{\"nat_gb_per_month\":12.5}}",
	    &error);
	PlanService *service;
	PlanCluster *cluster;

	g_assert_no_error(error);
	service = g_ptr_array_index(model->services, 0);
	g_assert_cmpint(service->desired_count, ==, 1);
	g_assert_cmpint(service->deployment.maximum_percent, ==, 200);
	g_assert_cmpint(service->deployment.minimum_healthy_percent, ==, 100);
	g_assert_cmpint(service->ephemeral_storage_gb, ==, 20);
	g_assert_cmpint(service->cpu, ==, 0);
	g_assert_false(service->assign_public_ip);
	g_assert_cmpuint(service->subnets->len, ==, 0);
	cluster = g_ptr_array_index(model->clusters, 0);
	g_assert_cmpint(cluster->min, ==, 0);
	g_assert_cmpint(cluster->max, ==, 4);
	g_assert_cmpint(cluster->target_capacity, ==, 100);
	/* the ECS-optimized AMI's root volume [S43] */
	g_assert_cmpint(cluster->ebs_gb, ==, 30);
	g_assert_cmpint(cluster->ebs_type, ==, PLAN_STORAGE_GP3);
	g_assert_true(model->usage.present);
	g_assert_cmpfloat(model->usage.nat_gb_per_month, ==, 12.5);
	g_assert_cmpfloat(model->usage.cross_az_gb_per_month, ==, 0.0);
	g_assert_null(model->name);
	g_assert_cmpuint(model->notes->len, ==, 0);
}

/* ---- unknown fields are warnings with a suggestion -------------------------------------- */

typedef struct {
	const char *json;
	const char *path;
	guint line;
	guint column;
	const char *message;
} WarningCase;

static const WarningCase warning_cases[] = {
    {HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"desried_count\":3}]}",
     "services[0].desried_count", 1, 85,
     "unknown field 'desried_count' in service; did you mean 'desired_count'?"},
    {HEAD "\"vpcs\":[],\"regoin\":\"x\"}", "regoin", 1, 54,
     "unknown field 'regoin' in model; did you mean 'region'?"},
    {HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.0/16\",\"subnet\":[]}]}", "vpcs[0].subnet",
     1, 85, "unknown field 'subnet' in vpc; did you mean 'subnets'?"},
    {HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"deployment\":{\"max_percent\":150}}]}",
     "services[0].deployment.max_percent", 1, 97,
     /* too far from any name for a guess: list them instead */
     "unknown field 'max_percent' in deployment is ignored; known fields: 'maximum_percent' and "
     "'minimum_healthy_percent'"},
    {HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"autoscaling\":{\"min\":1,\"max\":2,"
	  "\"zzz\":true}}]}",
     "services[0].autoscaling.zzz", 1, 106,
     "unknown field 'zzz' in autoscaling is ignored; known fields: 'min', 'max', 'scale_out_cooldown', 'scale_in_cooldown', 'disable_scale_in', 'target_tracking', 'step_scaling' and 'scheduled'"},
};

static void
test_loader_field_unknown(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(warning_cases); i++) {
		const WarningCase *item = &warning_cases[i];
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanModel) model = load_text(item->json, &error);
		const PlanDiagnostic *diagnostic;

		g_assert_no_error(error);
		g_assert_cmpuint(model->load_diagnostics->len, ==, 1);
		diagnostic = g_ptr_array_index(model->load_diagnostics, 0);
		g_assert_cmpint(diagnostic->severity, ==, PLAN_SEVERITY_WARNING);
		g_assert_cmpstr(diagnostic->code, ==, "field-unknown");
		g_assert_cmpstr(diagnostic->path, ==, item->path);
		g_assert_cmpuint(diagnostic->loc.line, ==, item->line);
		g_assert_cmpuint(diagnostic->loc.column, ==, item->column);
		g_assert_cmpstr(diagnostic->message, ==, item->message);
	}
}

/* ---- unreadable models: every problem, one line each, with the place -------------------- */

typedef struct {
	const char *name;
	const char *json;
	const char *message; /* the whole error message */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
    /* syntax */
    {"empty", "", "m.json:1:1: the file is empty; expected a JSON object"},
    {"white-space", " \n\t\n",
     "m.json:3:1: the file holds only white space; expected a JSON object"},
    {"missing-comma", "{\"ecsplan\": 1\n \"region\": \"x\"}\n",
     "m.json:2:2: not valid JSON near '\"region\": \"x\"}' (check for a missing comma, quote or "
     "bracket, or a trailing comma)"},
    {"trailing-comma", "{\"ecsplan\": 1, \"vpcs\": [],}\n",
     "m.json:1:27: not valid JSON near '}' (check for a missing comma, quote or bracket, or a "
     "trailing comma)"},
    {"unclosed", "{\"ecsplan\": 1, \"vpcs\": [\n",
     "m.json:1:25: not valid JSON at the end of the file (unclosed { or [?)"},
    {"single-quotes", "{'ecsplan': 1}",
     "m.json:1:2: not valid JSON near ''ecsplan': 1}' (check for a missing comma, quote or "
     "bracket, or a trailing comma)"},
    {"comment", "{\"ecsplan\": 1 // version\n}",
     "m.json:1:15: not valid JSON near '// version' (check for a missing comma, quote or "
     "bracket, or a trailing comma)"},
    {"nan", "{\"ecsplan\": NaN}",
     "m.json:1:13: not valid JSON near 'NaN}' (check for a missing comma, quote or bracket, or "
     "a trailing comma)"},
    {"infinity", "{\"ecsplan\": -Infinity}",
     "m.json:1:13: not valid JSON near '-Infinity}' (check for a missing comma, quote or "
     "bracket, or a trailing comma)"},
    {"bare-word", "{\"ecsplan\": 1, \"region\": us-east-1}",
     "m.json:1:26: not valid JSON near 'us-east-1}' (check for a missing comma, quote or "
     "bracket, or a trailing comma)"},
    {"trailing-garbage", "{\"ecsplan\": 1}\n}\n",
     "m.json:2:1: unexpected text after the JSON value near '}' (check for a missing comma, "
     "quote or bracket, or a trailing comma)"},
    {"two-documents", "{} {}",
     "m.json:1:4: unexpected text after the JSON value near '{}' (check for a missing comma, "
     "quote or bracket, or a trailing comma)"},
    {"invalid-utf8", "{\"ecsplan\": 1, \"name\": \"caf\xe9\"}",
     "m.json:1:28: invalid UTF-8 (byte 0xe9); a model must be UTF-8 text"},
    {"lone-surrogate", "{\"name\": \"\\udc00\"}",
     "m.json:1:11: not valid JSON near '\\udc00\"}' (check for a missing comma, quote or "
     "bracket, or a trailing comma)"},

    /* the root and the version */
    {"root-array", "[1, 2]",
     "m.json:1:1: (top): expected a JSON object with \"ecsplan\": 1, got an array"},
    {"root-string", "\"model\"",
     "m.json:1:1: (top): expected a JSON object with \"ecsplan\": 1, got a string"},
    {"root-null", " null",
     "m.json:1:2: (top): expected a JSON object with \"ecsplan\": 1, got null"},
    {"version-duplicate", HEAD "\"vpcs\":[],\"ecsplan\":2}",
     "m.json:1:55: ecsplan: duplicate key 'ecsplan'"},
    {"version-unknown", "{\"ecsplan\":2,\"region\":\"r\",\"vpcs\":[]}",
     "m.json:1:12: ecsplan: model version 2 is not supported; this ecsplan reads version 1"},
    {"version-string", "{\"ecsplan\":\"1\",\"region\":\"r\",\"vpcs\":[]}",
     "m.json:1:12: ecsplan: expected a whole number from 1 to 2147483647, got a string; "
     "write the number without quotes: 1"},
    {"version-fraction", "{\"ecsplan\":1.5,\"region\":\"r\",\"vpcs\":[]}",
     "m.json:1:12: ecsplan: expected a whole number, got 1.5"},
    {"missing-all", "{}",
     "m.json:1:1: (top): missing required field 'ecsplan' in model\n"
     "m.json:1:1: (top): missing required field 'region' in model\n"
     "m.json:1:1: (top): missing required field 'vpcs' in model"},

    /* wrong types at each level */
    {"vpcs-object", HEAD "\"vpcs\":{}}",
     "m.json:1:42: vpcs: expected an array of vpc objects, got an object"},
    {"vpc-number", HEAD "\"vpcs\":[7]}",
     "m.json:1:43: vpcs[0]: expected a vpc object, got a number"},
    {"subnet-string",
     HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.0/16\","
	  "\"subnets\":[\"a\"]}]}",
     "m.json:1:87: vpcs[0].subnets[0]: expected a subnet object, got a string"},
    {"cidr-number", HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":10}]}",
     "m.json:1:62: vpcs[0].cidr: expected a string like \"10.0.1.0/24\", got a number"},
    {"ipv6-cidr-number",
     HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.0/16\","
	  "\"ipv6_cidr\":56}]}",
     "m.json:1:88: vpcs[0].ipv6_cidr: expected a string like \"2001:db8::/56\", got a number"},
    {"secondary-string",
     HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.0/16\","
	  "\"secondary_cidrs\":\"100.64.0.0/16\"}]}",
     "m.json:1:94: vpcs[0].secondary_cidrs: expected an array of CIDR strings, got a string"},
    {"bool-string",
     HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.0/16\","
	  "\"internet_gateway\":\"true\"}]}",
     "m.json:1:95: vpcs[0].internet_gateway: expected true or false, got a string"},
    {"name-null", HEAD "\"vpcs\":[],\"name\":null}",
     "m.json:1:52: name: expected a string, got null"},
    {"desired-count-string",
     HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\","
	  "\"desired_count\":\"3\"}]}",
     "m.json:1:85: services[0].desired_count: expected a whole number from 0 to 1000000, got a "
     "string; write the number without quotes: 3"},
    {"cluster-ebs-gb-negative",
     HEAD "\"vpcs\":[],\"clusters\":[{\"name\":\"c\",\"instance_type\":\"t3.micro\","
	  "\"max\":1,\"ebs_gb\":-30}]}",
     "m.json:1:113: clusters[0].ebs_gb: number out of range: expected 0 to 65536"},
    {"assign-public-ip-number",
     HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\","
	  "\"assign_public_ip\":1}]}",
     "m.json:1:88: services[0].assign_public_ip: expected true or false, got a number"},
    {"subnets-string", HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"subnets\":\"a\"}]}",
     "m.json:1:79: services[0].subnets: expected an array of strings, got a string"},
    {"subnets-element", HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"subnets\":[\"a\",2]}]}",
     "m.json:1:84: services[0].subnets[1]: expected a string, got a number"},
    {"deployment-array", HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"deployment\":[]}]}",
     "m.json:1:82: services[0].deployment: expected a deployment object, got an array"},
    {"enum-number", HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"launch_type\":1}]}",
     "m.json:1:83: services[0].launch_type: expected one of 'FARGATE' and 'EC2', got a number"},
    {"usage-string", HEAD "\"vpcs\":[],\"usage\":{\"nat_gb_per_month\":\"10\"}}",
     "m.json:1:73: usage.nat_gb_per_month: expected a number, got a string"},

    /* numbers out of range */
    {"count-negative", HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"desired_count\":-1}]}",
     "m.json:1:85: services[0].desired_count: number out of range: expected 0 to 1000000"},
    {"count-huge", HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"desired_count\":1e309}]}",
     "m.json:1:85: services[0].desired_count: number out of range: expected 0 to 1000000"},
    {"count-minus-huge",
     HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\","
	  "\"desired_count\":-1e309}]}",
     "m.json:1:85: services[0].desired_count: number out of range: expected 0 to 1000000"},
    {"count-2-63",
     HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\","
	  "\"desired_count\":9223372036854775808}]}",
     "m.json:1:85: services[0].desired_count: number out of range: expected 0 to 1000000"},
    {"count-fraction", HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"desired_count\":0.5}]}",
     "m.json:1:85: services[0].desired_count: expected a whole number, got 0.5"},
    {"maximum-percent",
     HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\","
	  "\"deployment\":{\"maximum_percent\":1001}}]}",
     "m.json:1:101: services[0].deployment.maximum_percent: number out of range: expected 100 "
     "to 1000"},
    {"usage-negative", HEAD "\"vpcs\":[],\"usage\":{\"nat_gb_per_month\":-0.5}}",
     "m.json:1:73: usage.nat_gb_per_month: number out of range: expected 0 to 1000000000"},
    {"port",
     HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"containers\":[{\"name\":\"c\","
	  "\"port\":65536}]}]}",
     "m.json:1:102: services[0].containers[0].port: number out of range: expected 0 to 65535"},

    /* enums */
    {"tier-typo",
     HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.0/16\",\"subnets\":[{"
	  "\"name\":\"a\",\"cidr\":\"10.0.0.0/24\",\"az\":\"us-east-1a\","
	  "\"tier\":\"publc\"}]}]}",
     "m.json:1:145: vpcs[0].subnets[0].tier: 'publc' is not one of 'public', 'private' and "
     "'isolated'; did you mean 'public'?"},
    {"scheme-unknown",
     HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.0/16\","
	  "\"load_balancers\":[{\"name\":\"l\",\"subnets\":[],"
	  "\"scheme\":\"external\"}]}]}",
     "m.json:1:128: vpcs[0].load_balancers[0].scheme: 'external' is not one of "
     "'internet-facing' and 'internal'; did you mean 'internet-facing'?"},

    /* duplicates and missing fields */
    {"duplicate-key", HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\",\"cpu\":256,\"cpu\":512}]}",
     "m.json:1:85: services[0].cpu: duplicate key 'cpu'"},
    {"subnet-missing",
     HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.0/16\","
	  "\"subnets\":[{\"cidr\":\"10.0.0.0/24\"}]}]}",
     "m.json:1:87: vpcs[0].subnets[0]: missing required field 'name' in subnet\n"
     "m.json:1:87: vpcs[0].subnets[0]: missing required field 'az' in subnet\n"
     "m.json:1:87: vpcs[0].subnets[0]: missing required field 'tier' in subnet"},
    {"autoscaling-missing",
     HEAD "\"vpcs\":[],\"services\":[{\"name\":\"s\","
	  "\"autoscaling\":{\"min\":1}}]}",
     "m.json:1:83: services[0].autoscaling: missing required field 'max' in autoscaling"},

    /* in the order of the file: an object's missing fields before its fields' problems */
    {"order", "{\"ecsplan\":1,\"vpcs\":[{\"name\":5}]}",
     "m.json:1:1: (top): missing required field 'region' in model\n"
     "m.json:1:22: vpcs[0]: missing required field 'cidr' in vpc\n"
     "m.json:1:30: vpcs[0].name: expected a string, got a number"},

    /* notes, peerings and size */
    {"notes-number", HEAD "\"vpcs\":[],\"notes\":1}",
     "m.json:1:53: notes: expected an array of strings (or one string), got a number"},
    {"notes-element", HEAD "\"vpcs\":[],\"notes\":[\"a\",{}]}",
     "m.json:1:58: notes[1]: expected a string, got an object"},
    {"peerings-object", HEAD "\"vpcs\":[],\"peerings\":{}}",
     "m.json:1:56: peerings: expected an array of pairs like [\"vpc-a\", \"vpc-b\"], got an "
     "object"},
    {"peerings-shapes",
     HEAD "\"vpcs\":[],\"peerings\":[[\"a\"],[\"a\",\"b\",\"c\"],"
	  "[\"a\",1],\"a-b\",[]]}",
     "m.json:1:57: peerings[0]: expected a pair of VPC names like [\"vpc-a\", \"vpc-b\"], got "
     "an array\n"
     "m.json:1:63: peerings[1]: expected a pair of VPC names like [\"vpc-a\", \"vpc-b\"], got "
     "an array\n"
     "m.json:1:77: peerings[2]: expected a pair of VPC names like [\"vpc-a\", \"vpc-b\"], got "
     "an array\n"
     "m.json:1:85: peerings[3]: expected a pair of VPC names like [\"vpc-a\", \"vpc-b\"], got "
     "a string\n"
     "m.json:1:91: peerings[4]: expected a pair of VPC names like [\"vpc-a\", \"vpc-b\"], got "
     "an array"},
    {"size-forms",
     HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.0/16\",\"subnets\":["
	  "{\"name\":\"a\",\"cidr\":\"auto\",\"az\":\"x\",\"tier\":\"public\","
	  "\"size\":\"/33\"},"
	  "{\"name\":\"b\",\"cidr\":\"auto\",\"az\":\"x\",\"tier\":\"public\","
	  "\"size\":\"24\"},"
	  "{\"name\":\"c\",\"cidr\":\"auto\",\"az\":\"x\",\"tier\":\"public\","
	  "\"size\":0},"
	  "{\"name\":\"d\",\"cidr\":\"auto\",\"az\":\"x\",\"tier\":\"public\","
	  "\"size\":true}]}]}",
     "m.json:1:145: vpcs[0].subnets[0].size: expected a prefix length like \"/24\", an address "
     "count, or \"auto\", got \"/33\"\n"
     "m.json:1:210: vpcs[0].subnets[1].size: expected a prefix length like \"/24\", an address "
     "count, or \"auto\", got \"24\"\n"
     "m.json:1:274: vpcs[0].subnets[2].size: number out of range: expected 1 to 65531\n"
     "m.json:1:335: vpcs[0].subnets[3].size: expected a prefix length like \"/24\", an address "
     "count, or \"auto\", got true"},

    /* several problems at once, at every level */
    {"several",
     "{\n"
     "  \"ecsplan\": 1,\n"
     "  \"region\": 5,\n"
     "  \"vpcs\": [{\"name\": \"v\", \"cidr\": \"10.0.0.0/16\", \"subnets\": [\n"
     "    {\"name\": \"a\", \"cidr\": \"10.0.0.0/24\", \"az\": \"x\", \"tier\": \"public\"},\n"
     "    {\"name\": \"b\", \"cidr\": \"10.0.1.0/24\", \"az\": \"x\", \"tier\": \"public\"},\n"
     "    {\"name\": \"c\", \"cidr\": 167772160, \"az\": \"x\", \"tier\": \"public\"}\n"
     "  ]}],\n"
     "  \"services\": [{\"name\": \"s\", \"desired_count\": -3, \"cpu\": \"256\"}]\n"
     "}\n",
     "m.json:3:13: region: expected a string, got a number\n"
     "m.json:7:27: vpcs[0].subnets[2].cidr: expected a string like \"10.0.1.0/24\", got a "
     "number\n"
     "m.json:9:47: services[0].desired_count: number out of range: expected 0 to 1000000\n"
     "m.json:9:58: services[0].cpu: expected a whole number from 0 to 196608, got a string; "
     "write the number without quotes: 256"},
};

static void
test_loader_invalid(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(invalid_cases); i++) {
		const InvalidCase *item = &invalid_cases[i];
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanModel) model = load_text(item->json, &error);

		g_assert_null(model);
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		if (g_strcmp0(error->message, item->message) != 0) {
			/* report every case that differs, not only the last one */
			g_test_message("case %s:\n got: %s\nwant: %s", item->name, error->message,
				       item->message);
			g_test_fail();
		}
	}
}

/* ---- limits ----------------------------------------------------------------------------- */

static void
test_loader_nul_byte(void)
{
	static const char text[] = "{\"ecsplan\": 1,\n \"name\": \"a\0b\"}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_data(text, sizeof text - 1, DISPLAY, &error);

	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_cmpstr(error->message, ==,
			"m.json:2:12: NUL byte in the file; expected JSON text");
}

/* @depth arrays inside the "notes" value, which sits at depth 1 */
static char *
nested_notes(guint depth)
{
	g_autoptr(GString) text =
	    g_string_new("{\"ecsplan\":1,\"region\":\"r\",\"vpcs\":[],\"notes\":");
	for (guint i = 0; i < depth; i++)
		g_string_append_c(text, '[');
	for (guint i = 0; i < depth; i++)
		g_string_append_c(text, ']');
	g_string_append_c(text, '}');
	return g_string_free(g_steal_pointer(&text), FALSE);
}

static void
test_loader_nesting(void)
{
	g_autofree char *deepest = nested_notes(PLAN_MODEL_MAX_DEPTH - 1);
	g_autofree char *too_deep = nested_notes(PLAN_MODEL_MAX_DEPTH);
	g_autofree char *far_too_deep = nested_notes(100000);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;

	/* 64 levels are read, and fail only on their type */
	model = load_text(deepest, &error);
	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_cmpstr(error->message, ==,
			"m.json:1:46: notes[0]: expected a string, got an array");
	g_clear_error(&error);

	model = load_text(too_deep, &error);
	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_cmpstr(
	    error->message, ==,
	    "m.json:1:108: nested more than 64 levels deep; a model needs fewer than 10");
	g_clear_error(&error);

	/* no stack overflow however deep the text goes */
	model = load_text(far_too_deep, &error);
	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
}

static char *
model_with_name_of(gsize length)
{
	g_autoptr(GString) text = g_string_new(HEAD "\"vpcs\":[],\"name\":\"");
	for (gsize i = 0; i < length; i++)
		g_string_append_c(text, 'x');
	g_string_append(text, "\"}");
	return g_string_free(g_steal_pointer(&text), FALSE);
}

static void
test_loader_long_string(void)
{
	g_autofree char *longest = model_with_name_of(PLAN_MODEL_MAX_STRING);
	g_autofree char *too_long = model_with_name_of(PLAN_MODEL_MAX_STRING + 1);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = load_text(longest, &error);

	g_assert_no_error(error);
	g_assert_cmpuint(strlen(model->name), ==, PLAN_MODEL_MAX_STRING);
	g_clear_pointer(&model, plan_model_free);

	model = load_text(too_long, &error);
	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_cmpstr(error->message, ==, "m.json:1:52: name: string longer than 65536 bytes");
}

/* one problem per VPC entry: the message lists the first 100 and counts the rest */
static void
test_loader_many_problems(void)
{
	g_autoptr(GString) text = g_string_new(HEAD "\"vpcs\":[");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = NULL;
	g_auto(GStrv) lines = NULL;

	for (guint i = 0; i < 10000; i++)
		g_string_append(text, i == 0 ? "1" : ",1");
	g_string_append(text, "]}");
	model = load_text(text->str, &error);
	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	lines = g_strsplit(error->message, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 101);
	g_assert_cmpstr(lines[0], ==, "m.json:1:43: vpcs[0]: expected a vpc object, got a number");
	g_assert_cmpstr(lines[99], ==,
			"m.json:1:241: vpcs[99]: expected a vpc object, got a number");
	g_assert_cmpstr(lines[100], ==, "m.json: ... and 9900 more problems");
	/* the count travels as data, for the CLI's summary line (issue 10) */
	g_assert_cmpuint(plan_error_n_problems(error), ==, 10000);
}

/* editors on Windows write a byte order mark; cJSON skips it and positions must stay right */
static void
test_loader_bom(void)
{
	static const char text[] = "\xef\xbb\xbf{\"ecsplan\": 1, \"region\": \"r\",\n"
				   " \"vpcs\": [{\"name\": \"v\", \"cidr\": 5}]}\n";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = load_text(text, &error);

	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_cmpstr(error->message, ==,
			"m.json:2:33: vpcs[0].cidr: expected a string like \"10.0.1.0/24\", got a "
			"number");
}

static void
test_loader_too_big(void)
{
	g_autoptr(GError) error = NULL;
	/* the size is checked before the bytes are read: a short buffer is enough */
	g_autoptr(PlanModel) model =
	    plan_model_load_data("{}", (gsize)PLAN_MODEL_MAX_BYTES + 1, DISPLAY, &error);

	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_cmpstr(error->message, ==,
			"m.json: file is 268435457 bytes; models are limited to 256 MiB");
}

/* ---- shapes that are allowed ------------------------------------------------------------ */

static void
test_loader_notes(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) one = load_text(HEAD "\"vpcs\":[],\"notes\":\"just one\"}", &error);
	g_autoptr(PlanModel) many = NULL;
	g_autoptr(PlanModel) none = NULL;

	g_assert_no_error(error);
	g_assert_cmpuint(one->notes->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(one->notes, 0), ==, "just one");
	many = load_text(HEAD "\"vpcs\":[],\"notes\":[\"a\",\"b\",\"\"]}", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(many->notes->len, ==, 3);
	g_assert_cmpstr(g_ptr_array_index(many->notes, 2), ==, "");
	none = load_text(HEAD "\"vpcs\":[],\"notes\":[]}", &error);
	g_assert_no_error(error);
	g_assert_cmpuint(none->notes->len, ==, 0);
}

static void
test_loader_peerings(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = load_text(
	    HEAD "\"vpcs\":[],\"peerings\":[[\"a\",\"b\"],\n[\"b\",\"a\"],[\"a\",\"a\"]]}", &error);
	PlanPeering *peering;

	g_assert_no_error(error);
	/* names are resolved (and self-peerings judged) later, not by the loader */
	g_assert_cmpuint(model->peerings->len, ==, 3);
	peering = g_ptr_array_index(model->peerings, 1);
	g_assert_cmpstr(peering->vpc_a, ==, "b");
	g_assert_cmpstr(peering->vpc_b, ==, "a");
	g_assert_cmpstr(peering->origin.path, ==, "peerings[1]");
	g_assert_cmpuint(peering->origin.loc.line, ==, 2);
	g_assert_cmpuint(peering->origin.loc.column, ==, 1);
	g_assert_cmpint(peering->vpc_a_index, ==, -1);
}

/* "auto" is a CIDR only for subnets' IPv4 block; elsewhere it is just a CIDR that does not
 * parse, which validate reports as cidr-invalid */
static void
test_loader_cidr_auto(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = load_text(
	    HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"auto\",\"secondary_cidrs\":[\"auto\"],"
		 "\"ipv6_cidr\":\"auto\",\"subnets\":[{\"name\":\"a\",\"cidr\":\"auto\","
		 "\"ipv6_cidr\":\"auto\",\"az\":\"x\",\"tier\":\"public\"}]}]}",
	    &error);
	PlanVpc *vpc;
	PlanSubnet *subnet;

	g_assert_no_error(error);
	vpc = g_ptr_array_index(model->vpcs, 0);
	g_assert_cmpint(vpc->cidr.state, ==, PLAN_CIDR_INVALID);
	g_assert_cmpint(g_array_index(vpc->secondary_cidrs, PlanCidr, 0).state, ==,
			PLAN_CIDR_INVALID);
	g_assert_cmpint(vpc->ipv6_cidr.state, ==, PLAN_CIDR_INVALID);
	subnet = g_ptr_array_index(vpc->subnets, 0);
	g_assert_cmpint(subnet->cidr.state, ==, PLAN_CIDR_AUTO);
	g_assert_cmpint(subnet->ipv6_cidr.state, ==, PLAN_CIDR_INVALID);
	g_assert_cmpint(subnet->size_kind, ==, PLAN_SIZE_UNSET);
}

typedef struct {
	const char *size;
	PlanSizeKind kind;
	guint length;
	gint64 addresses;
} SizeCase;

static const SizeCase size_cases[] = {
    {"\"/24\"", PLAN_SIZE_LENGTH, 24, 0},
    {"\"/0\"", PLAN_SIZE_LENGTH, 0, 0}, /* out of AWS's range: subnet-size says so */
    {"\"/32\"", PLAN_SIZE_LENGTH, 32, 0},
    {"500", PLAN_SIZE_ADDRESSES, 0, 500},
    {"1", PLAN_SIZE_ADDRESSES, 0, 1},
    {"65531", PLAN_SIZE_ADDRESSES, 0, 65531},
    {"\"auto\"", PLAN_SIZE_AUTO, 0, 0},
};

static void
test_loader_size(void)
{
	for (gsize i = 0; i < G_N_ELEMENTS(size_cases); i++) {
		g_autofree char *text = g_strdup_printf(
		    HEAD "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.0/16\",\"subnets\":["
			 "{\"name\":\"a\",\"cidr\":\"auto\",\"az\":\"x\",\"tier\":\"public\","
			 "\"size\":%s}]}]}",
		    size_cases[i].size);
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanModel) model = load_text(text, &error);
		PlanSubnet *subnet;

		g_assert_no_error(error);
		subnet =
		    g_ptr_array_index(((PlanVpc *)g_ptr_array_index(model->vpcs, 0))->subnets, 0);
		g_assert_cmpint(subnet->size_kind, ==, size_cases[i].kind);
		g_assert_cmpuint(subnet->size_length, ==, size_cases[i].length);
		g_assert_cmpint(subnet->size_addresses, ==, size_cases[i].addresses);
	}
}

/* ---- files and built-in examples -------------------------------------------------------- */

static void
test_loader_file_missing(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_file("/nonexistent/model.json", &error);

	g_assert_null(model);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_IO);
	g_assert_cmpstr(error->message, ==,
			"cannot read the model '/nonexistent/model.json': No such file or directory");
}

static void
test_loader_builtin(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_builtin(NULL, &error);
	g_autoptr(PlanModel) missing = NULL;
	g_auto(GStrv) names = plan_model_builtin_names();

	g_assert_no_error(error);
	g_assert_nonnull(model);
	g_assert_cmpstr(model->file, ==, "models/examples/" PLAN_MODEL_BUILTIN ".json");
	g_assert_cmpuint(model->vpcs->len, >, 0);
	g_assert_true(g_strv_contains((const char *const *)names, PLAN_MODEL_BUILTIN));
	for (guint i = 1; names[i] != NULL; i++)
		g_assert_cmpint(strcmp(names[i - 1], names[i]), <, 0);

	missing = plan_model_load_builtin("seed999-nothing", &error);
	g_assert_null(missing);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_true(g_str_has_prefix(error->message, "no built-in example 'seed999-nothing'; "));
}

/* ---- round trip: load -> write -> load -> write gives the same text --------------------- */

static void
assert_round_trip(const char *text, gsize length, const char *name)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) first = plan_model_load_data(text, length, name, &error);
	g_autoptr(PlanModel) second = NULL;
	g_autofree char *written = NULL;
	g_autofree char *rewritten = NULL;

	g_assert_no_error(error);
	written = plan_model_to_json(first, NULL);
	second = plan_model_load_data(written, strlen(written), name, &error);
	g_assert_no_error(error);
	rewritten = plan_model_to_json(second, NULL);
	g_assert_cmpstr(written, ==, rewritten);
	/* the written model drops what the loader warned about, and warns about nothing */
	g_assert_cmpuint(second->load_diagnostics->len, ==, 0);
	g_assert_cmpuint(second->vpcs->len, ==, first->vpcs->len);
	g_assert_cmpuint(second->services->len, ==, first->services->len);
	g_assert_cmpuint(second->notes->len, ==, first->notes->len);
}

static void
test_loader_round_trip_examples(void)
{
	g_autofree char *dir_path =
	    g_test_build_filename(G_TEST_DIST, "..", "models", "examples", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(GDir) dir = g_dir_open(dir_path, 0, &error);
	g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
	const char *entry;

	g_assert_no_error(error);
	while ((entry = g_dir_read_name(dir)) != NULL) {
		if (g_str_has_suffix(entry, ".json"))
			g_ptr_array_add(names, g_strdup(entry));
	}
	g_ptr_array_sort(names, test_compare_strings);
	g_assert_cmpuint(names->len, >=, 5);
	for (guint i = 0; i < names->len; i++) {
		const char *name = g_ptr_array_index(names, i);
		g_autofree char *path = g_build_filename(dir_path, name, NULL);
		g_autofree char *text = NULL;
		gsize length = 0;

		g_test_message("example %s", name);
		g_assert_true(g_file_get_contents(path, &text, &length, &error));
		assert_round_trip(text, length, name);
	}
}

/* every field and every non-default value the schema knows, so the writer sees them all */
static const char full_model[] =
    "{\"ecsplan\":1,\"name\":\"full\",\"region\":\"eu-west-1\",\"notes\":[\"a\",\"b \\\"q\\\" "
    "\\u00e9\"],"
    "\"vpcs\":[{\"name\":\"v\",\"cidr\":\"10.0.0.1/16\",\"secondary_cidrs\":[\"100.64.0.0/20\","
    "\"bogus\"],\"ipv6_cidr\":\"2001:db8::/56\",\"internet_gateway\":false,\"source\":\"tf.v\","
    "\"subnets\":[{\"name\":\"a\",\"cidr\":\"auto\",\"size\":500,\"az\":\"eu-west-1a\","
    "\"tier\":\"isolated\",\"ipv6_cidr\":\"2001:db8:0:1::/64\",\"source\":\"tf.a\"},"
    "{\"name\":\"b\",\"cidr\":\"auto\",\"size\":\"auto\",\"az\":\"eu-west-1b\","
    "\"tier\":\"private\",\"nat_gateway\":\"n\"},"
    "{\"name\":\"c\",\"cidr\":\"10.0.9.0/24\",\"size\":\"/24\",\"az\":\"eu-west-1c\","
    "\"tier\":\"public\"}],"
    "\"nat_gateways\":[{\"name\":\"n\",\"subnet\":\"c\",\"connectivity\":\"private\"}],"
    "\"endpoints\":[{\"name\":\"e\",\"service\":\"s3\",\"type\":\"gateway\",\"subnets\":[]}],"
    "\"load_balancers\":[{\"name\":\"l\",\"type\":\"network\",\"scheme\":\"internal\","
    "\"subnets\":[\"c\"],\"usage\":{\"new_connections_per_second\":0.25,"
    "\"processed_gb_per_month\":1e3}}]}],"
    "\"peerings\":[[\"v\",\"w\"]],"
    "\"clusters\":[{\"name\":\"k\",\"vpc\":\"v\",\"instance_type\":\"m6g.large\",\"min\":1,"
    "\"max\":6,\"subnets\":[\"a\"],\"trunking\":true,\"target_capacity\":90,"
    "\"public_ip\":true,\"ebs_gb\":80,\"ebs_type\":\"gp2\"}],"
    "\"services\":[{\"name\":\"s\",\"vpc\":\"v\",\"launch_type\":\"EC2\",\"cpu\":1024,"
    "\"memory\":2048,\"architecture\":\"arm64\",\"desired_count\":0,\"subnets\":[\"a\",\"b\"],"
    "\"assign_public_ip\":true,\"load_balancer\":\"l\","
    "\"deployment\":{\"maximum_percent\":100},\"autoscaling\":{\"min\":0,\"max\":1000000},"
    "\"containers\":[{\"name\":\"app\",\"cpu\":512,\"memory\":1024,"
    "\"memory_reservation\":512,\"essential\":false,\"port\":8080}],"
    "\"capacity_provider_strategy\":[{\"capacity_provider\":\"cp\",\"base\":1,"
    "\"weight\":3}],\"cluster\":\"k\",\"network_mode\":\"bridge\","
    "\"ephemeral_storage_gb\":200,\"source\":\"tf.s\"}],"
    "\"usage\":{\"nat_gb_per_month\":1.5,\"cross_az_gb_per_month\":0,"
    "\"internet_egress_gb_per_month\":1000000000}}";

static void
test_loader_round_trip_full(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = load_text(full_model, &error);
	g_autofree char *written = NULL;

	g_assert_no_error(error);
	written = plan_model_to_json(model, NULL);
	/* values the writer must keep although they look like defaults or are odd */
	g_assert_nonnull(strstr(written, "\"cidr\":\t\"10.0.0.1/16\"")); /* host bits kept */
	g_assert_nonnull(strstr(written, "\"bogus\""));			 /* invalid kept */
	g_assert_nonnull(strstr(written, "\"size\":\t500"));
	g_assert_nonnull(strstr(written, "\"size\":\t\"auto\""));
	g_assert_nonnull(strstr(written, "\"desired_count\":\t0"));
	g_assert_nonnull(strstr(written, "\"minimum_healthy_percent\":\t100")); /* embedded */
	g_assert_nonnull(strstr(written, "\"weight\":\t3"));
	g_assert_nonnull(strstr(written, "\"ebs_gb\":\t80"));
	g_assert_nonnull(strstr(written, "\"ebs_type\":\t\"gp2\""));
	g_assert_null(strstr(written, "\"internet_gateway\"")); /* false is the default */
	g_assert_true(g_str_has_suffix(written, "}\n"));
	assert_round_trip(full_model, strlen(full_model), "full.json");
}

static void *
failing_malloc(size_t size)
{
	(void)size;
	return NULL;
}

/* cJSON_Print returns NULL when it cannot allocate: the helpers say so instead of handing on
 * an empty document (issue 9 item 6: 4,000 identical subnets printed nothing, exit 0) */
static void
test_loader_json_print_fails(void)
{
	g_autoptr(GString) out = g_string_new("kept");
	g_autoptr(GError) error = NULL;
	cJSON *root = cJSON_CreateObject();
	cJSON_Hooks failing = {failing_malloc, free};
	g_autofree char *quoted = NULL;

	cJSON_AddStringToObject(root, "name", "a\"b");
	g_assert_true(plan_json_print_append(out, root, FALSE, &error));
	g_assert_no_error(error);
	g_assert_cmpstr(out->str, ==, "kept{\"name\":\"a\\\"b\"}");
	quoted = plan_json_quote("x\ny", &error);
	g_assert_no_error(error);
	g_assert_cmpstr(quoted, ==, "\"x\\ny\"");
	g_clear_pointer(&quoted, g_free);

	g_string_assign(out, "kept");
	cJSON_InitHooks(&failing);
	g_assert_false(plan_json_print_append(out, root, TRUE, &error));
	quoted = plan_json_quote("x", NULL);
	cJSON_InitHooks(NULL);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_NO_SPACE);
	g_assert_cmpstr(error->message, ==,
			"cannot print the json document: out of memory, or larger than cJSON "
			"can print (2 GiB)");
	g_assert_cmpstr(out->str, ==, "kept");
	g_assert_null(quoted);
	cJSON_Delete(root);
}

/* issue 18: plan_text_utf8_validate checks eight ASCII bytes at a time and must give exactly
 * g_utf8_validate_len's answer and end: each case below is a model-sized run of ASCII around
 * one sequence, the sequence placed at every offset of an 8-byte word, so it falls both
 * inside one word and across two */
static void
test_utf8_validate_same_answer(void)
{
	static const struct {
		const char *bytes;
		gsize n;
	} cases[] = {
	    {"\xc3\xa9", 2},	     /* é: valid, 2 bytes */
	    {"\xe2\x80\x94", 3},     /* —: valid, 3 bytes */
	    {"\xf0\x9f\x98\x80", 4}, /* U+1F600: valid, 4 bytes */
	    {"\xe9", 1},	     /* Latin-1 é: a lead byte without its continuation */
	    {"\x80", 1},	     /* a stray continuation byte */
	    {"\xc0\xaf", 2},	     /* an overlong '/' */
	    {"\xed\xa0\x80", 3},     /* a surrogate */
	    {"\xf4\x90\x80\x80", 4}, /* above U+10FFFF */
	    {"\xe2\x80", 2},	     /* a sequence cut short */
	    {"\0", 1},		     /* a NUL byte, which g_utf8_validate_len refuses */
	    {"\xff", 1},
	};

	for (guint c = 0; c < G_N_ELEMENTS(cases); c++) {
		for (gsize at = 0; at < 24; at++) {
			for (gsize tail = 0; tail < 10; tail += 9) {
				g_autoptr(GString) text = g_string_new(NULL);
				const char *want_end = NULL;
				const char *got_end = NULL;
				gboolean want;
				gboolean got;

				for (gsize i = 0; i < at; i++)
					g_string_append_c(text, (char)('a' + i % 26));
				g_string_append_len(text, cases[c].bytes, (gssize)cases[c].n);
				for (gsize i = 0; i < tail; i++)
					g_string_append_c(text, '"');
				want = g_utf8_validate_len(text->str, text->len, &want_end);
				got = plan_text_utf8_validate(text->str, text->len, &got_end);
				g_assert_cmpint(got, ==, want);
				g_assert_true(got_end == want_end);
				/* the first three are valid; every other case fails at its own offset */
				g_assert_cmpint(got, ==, c < 3);
				if (!got)
					g_assert_cmpuint((gsize)(got_end - text->str), ==, at);
			}
		}
	}
}

/* plan_json_scan's line index is plan_text_index_new's: line breaks between values, in
 * strings (escaped, and raw, which the parser rejects later but the message still counts),
 * CR LF, and text after the last break; the value offsets are plan_json_value_offsets' */
static void
test_json_scan_lines(void)
{
	const char text[] = "{\"k\": \"one\",\n \"s\": \"a\\\nb\",\r\n \"l\": [\n  1,\n\"x\\\\\n\",\t\n true]}\n";
	gsize length = sizeof text - 1;
	g_autoptr(PlanTextIndex) scanned = NULL;
	g_autoptr(PlanTextIndex) counted = plan_text_index_new(text, length);
	g_autoptr(GArray) offsets = NULL;
	g_autoptr(GArray) plain = NULL;
	gsize error_offset = 0;

	offsets = plan_json_scan(text, length, 8, &error_offset, &scanned);
	g_assert_nonnull(offsets);
	g_assert_nonnull(scanned);
	plain = plan_json_value_offsets(text, length, 8, &error_offset);
	g_assert_cmpuint(offsets->len, ==, plain->len);
	g_assert_cmpmem(offsets->data, offsets->len * sizeof(guint32), plain->data,
			plain->len * sizeof(guint32));
	for (gsize at = 0; at <= length; at++) {
		PlanLoc a = plan_text_index_loc(scanned, at);
		PlanLoc b = plan_text_index_loc(counted, at);
		g_assert_cmpuint(a.line, ==, b.line);
		g_assert_cmpuint(a.column, ==, b.column);
	}
	/* lines: {"k"..., "s": "a\ (an escaped break), b",CR, "l": [, 1, "x\\ (a raw break in
	 * the string), ",TAB, then " true]}": line 8, column 2 */
	{
		const char *true_at = strstr(text, "true");
		PlanLoc loc = plan_text_index_loc(scanned, (gsize)(true_at - text));
		g_assert_cmpuint(loc.line, ==, 8);
		g_assert_cmpuint(loc.column, ==, 2);
	}
	/* too deep: no index, the offset of the bracket that went past the limit */
	g_clear_pointer(&scanned, plan_text_index_free);
	g_assert_null(plan_json_scan("[[[[1]]]]", 9, 3, &error_offset, &scanned));
	g_assert_null(scanned);
	g_assert_cmpuint(error_offset, ==, 3);
}


/* a VPC's subnets are read into one block side by side (issue 18), with every default
 * plan_subnet_new() sets; an element that is not an object leaves its place unused; a subnet
 * made alone can join the same VPC, and freeing the model frees both kinds (ASan and LSan
 * builds check) */
static void
test_loader_subnet_block(void)
{
	static const char text[] =
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"v\", \"cidr\": "
	    "\"10.0.0.0/16\", \"subnets\": [{\"name\": \"a\", \"cidr\": \"10.0.0.0/24\", \"az\": "
	    "\"us-east-1a\", \"tier\": \"public\"}, {\"name\": \"b\", \"cidr\": \"10.0.1.0/24\", "
	    "\"az\": \"us-east-1b\", \"tier\": \"private\"}, {\"name\": \"c\", \"cidr\": "
	    "\"10.0.2.0/24\", \"az\": \"us-east-1c\", \"tier\": \"isolated\", \"nat_gateway\": "
	    "\"none\"}]}]}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = load_text(text, &error);
	PlanVpc *vpc;
	PlanSubnet *first;
	PlanSubnet *alone;

	g_assert_no_error(error);
	vpc = g_ptr_array_index(model->vpcs, 0);
	g_assert_cmpuint(vpc->subnets->len, ==, 3);
	first = g_ptr_array_index(vpc->subnets, 0);
	for (guint i = 0; i < 3; i++) {
		PlanSubnet *subnet = g_ptr_array_index(vpc->subnets, i);
		g_assert_true(subnet == first + i);
		g_assert_true(subnet->in_block);
		g_assert_cmpint(subnet->tier, ==, (PlanTier)i);
	}
	g_assert_cmpstr(first[2].name, ==, "c");
	g_assert_cmpstr(first[2].origin.path, ==, "vpcs[0].subnets[2]");
	/* the link ran over the block like any other subnets: no NAT gateway named "none" */
	g_assert_cmpint(first[0].nat_index, ==, -1);
	g_assert_nonnull(vpc->subnet_blocks);
	g_assert_cmpuint(vpc->subnet_blocks->len, ==, 1);

	alone = plan_subnet_new();
	g_assert_false(alone->in_block);
	alone->name = g_strdup("d");
	g_ptr_array_add(vpc->subnets, alone);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/planner/loader/valid", test_loader_valid);
	g_test_add_func("/planner/loader/defaults", test_loader_defaults);
	g_test_add_func("/planner/loader/field-unknown", test_loader_field_unknown);
	g_test_add_func("/planner/loader/invalid", test_loader_invalid);
	g_test_add_func("/planner/loader/nul-byte", test_loader_nul_byte);
	g_test_add_func("/planner/loader/nesting", test_loader_nesting);
	g_test_add_func("/planner/loader/long-string", test_loader_long_string);
	g_test_add_func("/planner/loader/many-problems", test_loader_many_problems);
	g_test_add_func("/planner/loader/bom", test_loader_bom);
	g_test_add_func("/planner/loader/too-big", test_loader_too_big);
	g_test_add_func("/planner/loader/notes", test_loader_notes);
	g_test_add_func("/planner/loader/peerings", test_loader_peerings);
	g_test_add_func("/planner/loader/cidr-auto", test_loader_cidr_auto);
	g_test_add_func("/planner/loader/size", test_loader_size);
	g_test_add_func("/planner/loader/file-missing", test_loader_file_missing);
	g_test_add_func("/planner/loader/builtin", test_loader_builtin);
	g_test_add_func("/planner/loader/round-trip/examples", test_loader_round_trip_examples);
	g_test_add_func("/planner/loader/round-trip/full", test_loader_round_trip_full);
	g_test_add_func("/planner/loader/json-print-fails", test_loader_json_print_fails);
	g_test_add_func("/planner/loader/utf8-validate", test_utf8_validate_same_answer);
	g_test_add_func("/planner/loader/json-scan-lines", test_json_scan_lines);
	g_test_add_func("/planner/loader/subnet-block", test_loader_subnet_block);
	return g_test_run();
}
