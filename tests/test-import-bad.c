/* ecsplan: the Terraform importer on bad input, with its exact messages: invalid documents,
 * reference cycles, deep and many references, the reference budget, many problems */
#include "diagnostic.h"
#include "import-terraform.h"
#include "simulate.h"
#include "loader.h"
#include "plan-error.h"
#include "test-import-util.h"
#include "test-util.h"

#include <string.h>

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

	g_test_add_func("/planner/import/invalid", test_import_invalid);
	g_test_add_func("/planner/import/cycle", test_import_cycle);
	g_test_add_func("/planner/import/deep-references", test_import_deep_references);
	g_test_add_func("/planner/import/many-problems", test_import_many_problems);
	g_test_add_func("/planner/import/many-references", test_import_many_references);
	g_test_add_func("/planner/import/reference-budget", test_import_reference_budget);
	return g_test_run();
}
