/* ecsplan: unit tests for planner/prices/instance-import.c — `aws ec2 describe-instance-types`
 * output in its real shape (tests/prices/describe-instance-types.json: two pages back to back,
 * the first with a NextToken, a type on two network cards and a macOS-only type), read into the
 * instance table and the cache every command reads. $XDG_CACHE_HOME is a fresh folder. */
#include "instance-import.h"
#include "plan-error.h"
#include "test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#include "compat.h"
#include "json-util.h"

static char *cache_home;

static char *
fixture(const char *name)
{
	return g_test_build_filename(G_TEST_DIST, "prices", name, NULL);
}

/* the built-in specs with @import laid over them, as `prices import -o` would write them */
static PlanPriceBook *
book_with(const PlanInstanceImport *import)
{
	g_autoptr(PlanPriceBook) book = plan_price_book_load_builtin_specs(NULL, NULL);
	g_autoptr(cJSON) root = cJSON_CreateObject();
	g_autoptr(GString) text = g_string_new(NULL);
	g_autoptr(GError) error = NULL;

	cJSON_AddNumberToObject(root, "ecsplan_instances", 1);
	plan_instance_import_add_to(import, book, root);
	g_assert_true(plan_json_print_append(text, root, TRUE, NULL));
	g_assert_true(plan_price_book_read_instances(book, text->str, text->len, "t", &error));
	g_assert_no_error(error);
	return g_steal_pointer(&book);
}

static void
test_instance_import_fixture(void)
{
	g_autofree char *path = fixture("describe-instance-types.json");
	g_autoptr(PlanInstanceImport) import = plan_instance_import_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = NULL;
	const PlanInstanceType *type;
	const GPtrArray *skipped;

	g_assert_true(plan_instance_import_sniff_file(path));
	g_assert_true(plan_instance_import_file(import, path, &error));
	g_assert_no_error(error);
	/* 2 + 2 types on two pages, less the macOS-only one */
	g_assert_cmpuint(plan_instance_import_count(import), ==, 3);
	skipped = plan_instance_import_skipped(import);
	g_assert_cmpuint(skipped->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(skipped, 0), ==, "mac2.metal (macOS only)");

	book = book_with(import);
	/* m6i.large: DefaultVCpus 2, SizeInMiB 8192, 3 ENIs x 10 IPv4; 3 - 1 = 2 awsvpc tasks
	 * without trunking and 10 with, the ECS table's figures [S9], kept because the ENI count
	 * is the one they were counted on */
	type = plan_price_book_instance(book, "m6i.large");
	g_assert_cmpint(type->vcpu, ==, 2);
	g_assert_cmpint(type->memory_mib, ==, 8192);
	g_assert_cmpint(type->max_enis, ==, 3);
	g_assert_cmpint(type->ipv4_per_eni, ==, 10);
	g_assert_cmpint(type->tasks_no_trunk, ==, 2);
	g_assert_cmpint(type->tasks_trunk, ==, 10);
	g_assert_true(g_str_has_prefix(type->specs[PLAN_INSTANCE_FIELD_VCPU].source, "DIT-"));
	g_assert_cmpstr(type->specs[PLAN_INSTANCE_FIELD_TASKS_TRUNK].source, ==, "S9");
	/* its us-east-1 price survives the new specs */
	g_assert_true(type->hourly.present);
	/* t3.large: burstable; the credit table's 36 credits an hour on 2 vCPUs, 30% [S10t] */
	type = plan_price_book_instance(book, "t3.large");
	g_assert_cmpint(type->ipv4_per_eni, ==, 12);
	g_assert_cmpint(type->credits_hour_milli, ==, 36000);
	g_assert_cmpint(type->baseline_pct_milli, ==, 30000);
	g_assert_cmpint(type->tasks_trunk, ==, 0);
	/* two network cards, 8 + 8 = 16 ENIs: the 2023 ECS table's 13 and 120 are kept */
	type = plan_price_book_instance(book, "m6idn.32xlarge");
	g_assert_cmpint(type->max_enis, ==, 16);
	g_assert_cmpint(type->memory_mib, ==, 512 * 1024);
	g_assert_cmpint(type->tasks_no_trunk, ==, 13);
	g_assert_cmpint(type->tasks_trunk, ==, 120);
}

#define TYPE(name, enis)                                                                          \
	"{\"InstanceType\": \"" name "\", \"ProcessorInfo\": {\"SupportedArchitectures\": "       \
	"[\"arm64\"]}, \"VCpuInfo\": {\"DefaultVCpus\": 4}, \"MemoryInfo\": {\"SizeInMiB\": "      \
	"16384}, \"NetworkInfo\": {\"MaximumNetworkInterfaces\": " #enis                          \
	", \"Ipv4AddressesPerInterface\": 15}, \"BurstablePerformanceSupported\": false}"

/* a type the built-in table lacks, and one whose ENIs changed: the ECS figures are worked out
 * or dropped, never carried over onto other ENIs */
static void
test_instance_import_new_types(void)
{
	/* x9z.xlarge is made up: a type newer than every table */
	static const char text[] = "{\"InstanceTypes\": [" TYPE("x9z.xlarge", 4) ", " TYPE(
	    "m6i.large", 5) "]}";
	g_autoptr(PlanInstanceImport) import = plan_instance_import_new();
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = NULL;
	const PlanInstanceType *type;

	g_assert_true(plan_instance_import_data(import, text, strlen(text), "x.json", &error));
	g_assert_no_error(error);
	book = book_with(import);
	/* 4 ENIs: 4 - 1 = 3 tasks (derived); trunking unknown, so none (unconfirmed) */
	type = plan_price_book_instance(book, "x9z.xlarge");
	g_assert_cmpstr(type->architecture, ==, "arm64");
	g_assert_cmpint(type->tasks_no_trunk, ==, 3);
	g_assert_cmpint(type->specs[PLAN_INSTANCE_FIELD_TASKS_NO_TRUNK].confidence, ==,
			PLAN_CONFIDENCE_DERIVED);
	g_assert_cmpint(type->tasks_trunk, ==, 0);
	g_assert_cmpint(type->specs[PLAN_INSTANCE_FIELD_TASKS_TRUNK].confidence, ==,
			PLAN_CONFIDENCE_UNCONFIRMED);
	/* m6i.large with 5 ENIs: 5 - 1 = 4, and the table's 10 trunked tasks no longer hold */
	type = plan_price_book_instance(book, "m6i.large");
	g_assert_cmpint(type->tasks_no_trunk, ==, 4);
	g_assert_cmpint(type->tasks_trunk, ==, 0);
	g_assert_nonnull(strstr(type->specs[PLAN_INSTANCE_FIELD_TASKS_TRUNK].note, "ENI count"));
}

typedef struct {
	const char *name;
	const char *text;
	const char *message;
} BadCase;

static const BadCase bad_cases[] = {
    {"empty", "  \n", "b.json:1:1: (top): expected describe-instance-types output, got an empty file"},
    {"not-json", "{\"InstanceTypes\": [}]}",
     "b.json:1:20: (top): expected describe-instance-types output (JSON), got text that is not "
     "valid JSON"},
    {"truncated", "{\"InstanceTypes\": [" TYPE("m6i.large", 3),
     "b.json:1:294: (top): expected describe-instance-types output (JSON), got text that is "
     "not valid JSON (the file ends early: truncated?)"},
    {"offer-file", "{\"formatVersion\": \"v1.0\", \"offerCode\": \"AmazonEC2\"}",
     "b.json:1:1: (top): expected describe-instance-types output, an object with "
     "\"InstanceTypes\""},
    {"not-a-list", "{\"InstanceTypes\": {}}",
     "b.json:1:19: InstanceTypes: expected a list of instance types, got an object"},
    {"no-memory",
     "{\"InstanceTypes\": [\n {\"InstanceType\": \"m6i.large\", \"ProcessorInfo\": "
     "{\"SupportedArchitectures\": [\"x86_64\"]}, \"VCpuInfo\": {\"DefaultVCpus\": 2}}]}",
     "b.json:2:2: InstanceTypes[0].MemoryInfo: missing 'MemoryInfo' (an object)"},
    {"string-vcpu",
     "{\"InstanceTypes\": [{\"InstanceType\": \"m6i.large\", \"ProcessorInfo\": "
     "{\"SupportedArchitectures\": [\"x86_64\"]}, \"VCpuInfo\": {\"DefaultVCpus\": \"2\"}}]}",
     "b.json:1:136: InstanceTypes[0].VCpuInfo.DefaultVCpus: expected a whole number from 1 to "
     "4096, got a string"},
    /* GiB where MiB belongs: 8 is below any real type's memory */
    {"gib-for-mib",
     "{\"InstanceTypes\": [{\"InstanceType\": \"m6i.large\", \"ProcessorInfo\": "
     "{\"SupportedArchitectures\": [\"x86_64\"]}, \"VCpuInfo\": {\"DefaultVCpus\": 2}, "
     "\"MemoryInfo\": {\"SizeInMiB\": 8}}]}",
     "b.json:1:168: InstanceTypes[0].MemoryInfo.SizeInMiB: expected a whole number from 128 to "
     "67108864, got a number out of that range"},
    {"bad-name", "{\"InstanceTypes\": [{\"InstanceType\": \"M6i Large\"}]}",
     "b.json:1:37: InstanceTypes[0].InstanceType: 'M6i Large' is not an instance type name "
     "like \"m6i.large\""},
    {"no-architecture", "{\"InstanceTypes\": [{\"InstanceType\": \"m6i.large\"}]}",
     "b.json:1:20: InstanceTypes[0].ProcessorInfo: expected an object with "
     "\"SupportedArchitectures\""},
};

static void
test_instance_import_bad(void)
{
	g_autoptr(GString) failures = g_string_new(NULL);

	for (guint i = 0; i < G_N_ELEMENTS(bad_cases); i++) {
		const BadCase *c = &bad_cases[i];
		g_autoptr(PlanInstanceImport) import = plan_instance_import_new();
		g_autoptr(GError) error = NULL;

		if (plan_instance_import_data(import, c->text, strlen(c->text), "b.json", &error)) {
			g_string_append_printf(failures, "\n%s: accepted", c->name);
			continue;
		}
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		if (strcmp(error->message, c->message) != 0)
			g_string_append_printf(failures, "\n%s:\n  expected: %s\n  got:      %s",
					       c->name, c->message, error->message);
	}
	if (failures->len > 0)
		g_test_fail_printf("%s", failures->str);
}

/* over the documented limit: PLAN_ERROR_LIMIT (exit 2), without reading a byte of it */
static void
test_instance_import_limit(void)
{
	g_autoptr(PlanInstanceImport) import = plan_instance_import_new();
	g_autoptr(GError) error = NULL;

	g_assert_false(plan_instance_import_data(import, "{", PLAN_INSTANCE_IMPORT_MAX_BYTES + 1u,
						 "huge.json", &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_LIMIT);
	g_assert_false(plan_instance_import_sniff("[1]", 3));
	{
		static const char bom[] = "\xef\xbb\xbf {\n  \"InstanceTypes\"";
		g_assert_true(plan_instance_import_sniff(bom, strlen(bom)));
		g_assert_false(plan_instance_import_sniff(bom, strlen(bom) - 1));
	}
}

/* `ecsplan prices import` of the fixture refreshes the cache, which every book then reads over
 * the built-in table; --prices still comes first; a damaged cache is an error naming it */
static void
test_instance_import_cache(void)
{
	g_autofree char *path = fixture("describe-instance-types.json");
	g_autofree char *cache = plan_price_instances_cache_path();
	const char *argv[] = {"prices", "import", path, NULL};
	g_autoptr(PlanPriceBook) book = NULL;
	g_autoptr(GError) error = NULL;
	g_autofree char *out = NULL;
	g_autofree char *err = NULL;
	static const char override[] =
	    "{\"ecsplan_prices\": 1, \"sources\": {\"Q1\": {\"title\": \"a quote\", \"as_of\": "
	    "\"2026\"}}, \"instances\": {\"x9z.xlarge\": {"
	    "\"architecture\": {\"value\": \"x86_64\", \"source\": \"Q1\", \"confidence\": \"ok\"}, "
	    "\"vcpu\": {\"value\": 8, \"source\": \"Q1\", \"confidence\": \"ok\"}, "
	    "\"memory_mib\": {\"value\": 16384, \"source\": \"Q1\", \"confidence\": \"ok\"}, "
	    "\"max_enis\": {\"value\": 4, \"source\": \"Q1\", \"confidence\": \"ok\"}, "
	    "\"ipv4_per_eni\": {\"value\": 15, \"source\": \"Q1\", \"confidence\": \"ok\"}, "
	    "\"tasks_no_trunk\": {\"value\": 3, \"source\": \"Q1\", \"confidence\": \"ok\"}, "
	    "\"tasks_trunk\": {\"value\": 0, \"source\": \"Q1\", \"confidence\": \"ok\"}}}}";
	g_autofree char *override_path = g_build_filename(cache_home, "override.json", NULL);
	const PlanInstanceType *type;

	if (!test_have_ecsplan())
		return;
	g_assert_true(g_str_has_prefix(cache, cache_home));
	g_assert_cmpint(test_run_ecsplan(argv, NULL, &out, &err), ==, 0);
	g_assert_nonnull(strstr(err, "imported 3 instance types into"));
	g_assert_nonnull(strstr(err, "'mac2.metal (macOS only)'"));
	g_assert_true(g_file_test(cache, G_FILE_TEST_IS_REGULAR));

	/* a region without built-in figures: the cached m6i.large specs (source DIT-...) */
	book = plan_price_book_choose("il-central-1", NULL, &error);
	g_assert_no_error(error);
	type = plan_price_book_instance(book, "m6i.large");
	g_assert_true(g_str_has_prefix(type->specs[PLAN_INSTANCE_FIELD_MAX_ENIS].source, "DIT-"));
	g_clear_pointer(&book, plan_price_book_free);

	/* --prices over the cache over the built-in table */
	g_assert_true(g_file_set_contents(override_path, override, -1, NULL));
	book = plan_price_book_choose("us-east-1", override_path, &error);
	g_assert_no_error(error);
	g_assert_cmpint(plan_price_book_instance(book, "x9z.xlarge")->vcpu, ==, 8);
	g_assert_true(g_str_has_prefix(
	    plan_price_book_instance(book, "t3.large")->specs[PLAN_INSTANCE_FIELD_VCPU].source,
	    "DIT-"));
	g_clear_pointer(&book, plan_price_book_free);

	/* a damaged cache names itself and the command that mends it */
	g_assert_true(g_file_set_contents(cache, "{\"ecsplan_instances\": 2}", -1, NULL));
	book = plan_price_book_choose("us-east-1", NULL, &error);
	g_assert_null(book);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_nonnull(strstr(error->message, "the cached instance table is damaged"));
	g_assert_nonnull(strstr(error->message, cache));
	g_assert_cmpint(g_remove(cache), ==, 0);
}

int
main(int argc, char **argv)
{
	int status;

	/* before anything asks GLib for the cache folder, which it remembers */
	cache_home = g_dir_make_tmp("ecsplan-instances-XXXXXX", NULL);
	g_setenv("XDG_CACHE_HOME", cache_home, TRUE);
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/prices/instance-import/fixture", test_instance_import_fixture);
	g_test_add_func("/prices/instance-import/new-types", test_instance_import_new_types);
	g_test_add_func("/prices/instance-import/bad", test_instance_import_bad);
	g_test_add_func("/prices/instance-import/limit", test_instance_import_limit);
	g_test_add_func("/prices/instance-import/cache", test_instance_import_cache);
	status = g_test_run();
	/* the temporary cache folder: the tests leave only the override in it */
	{
		g_autofree char *override = g_build_filename(cache_home, "override.json", NULL);
		g_autofree char *prices = g_build_filename(cache_home, "ecsplan", "prices", NULL);
		g_autofree char *ecsplan = g_build_filename(cache_home, "ecsplan", NULL);
		g_unlink(override);
		g_rmdir(prices);
		g_rmdir(ecsplan);
		g_rmdir(cache_home);
	}
	g_free(cache_home);
	return status;
}
