/* ecsplan: the price book from a file: a user's figures laid over the embedded book (--prices),
 * bad files with one clear, located message each, and the JSON `ecsplan prices` writes, which
 * must read back as the same book */
#include "plan-error.h"
#include "pricebook-private.h"
#include "render-prices.h"
#include "test-pricebook-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* ---- a user's file over the embedded book ----------------------------------------------- */

static const char override_nat[] =
    "{\n"
    "  \"ecsplan_prices\": 1,\n"
    "  \"region\": \"us-east-1\",\n"
    "  \"as_of\": \"2026-12-01\",\n"
    "  \"sources\": {\"Q1\": {\"title\": \"our AWS invoice\", \"as_of\": \"2026-11\"}},\n"
    "  \"nat\": {\"hour\": {\"value\": 0.05, \"unit\": \"hour\", \"source\": \"Q1\",\n"
    "                     \"as_of\": \"2026-11\", \"confidence\": \"ok\"}}\n"
    "}\n";

static void
test_pricebook_override(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = load_text(override_nat, NULL, &error);
	g_autoptr(PlanPriceBook) builtin = load_builtin("us-east-1");
	guint n_keys = 0;
	const char *const *keys = plan_price_key_names(&n_keys);

	g_assert_no_error(error);
	g_assert_cmpstr(plan_price_book_region(book), ==, "us-east-1");
	g_assert_cmpstr(plan_price_book_origin(book), ==, DISPLAY);
	g_assert_cmpstr(plan_price_book_as_of(book), ==, "2026-12-01");
	g_assert_cmpint(get(book, "nat.hour")->nanos, ==, 50000000);
	g_assert_cmpstr(get(book, "nat.hour")->source, ==, "Q1");
	g_assert_cmpstr(plan_price_book_source_title(book, "Q1"), ==, "our AWS invoice");
	/* everything the file does not define comes from the embedded book */
	for (guint k = 0; k < n_keys; k++) {
		if (strcmp(keys[k], "nat.hour") == 0)
			continue;
		g_assert_cmpint(get(book, keys[k])->nanos, ==, get(builtin, keys[k])->nanos);
		g_assert_cmpstr(get(book, keys[k])->source, ==, get(builtin, keys[k])->source);
	}
	g_assert_cmpint(plan_price_book_instance(book, "m5.large")->hourly.nanos, ==, 96000000);
	g_assert_nonnull(plan_price_book_lcu(book, FALSE));
	g_assert_nonnull(plan_price_book_source_title(book, "S4"));

	/* asking for the file's own region is fine; another region is not */
	g_clear_pointer(&book, plan_price_book_free);
	book = load_text(override_nat, "us-east-1", &error);
	g_assert_no_error(error);
	g_clear_pointer(&book, plan_price_book_free);
	book = load_text(override_nat, "eu-west-1", &error);
	g_assert_null(book);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_cmpstr(error->message, ==,
			DISPLAY ":3:13: region: the file holds prices for 'us-east-1', not "
				"'eu-west-1'");
}

/* a file without a region applies to the one asked for, or the default */
static void
test_pricebook_override_region(void)
{
	static const char text[] =
	    "{\"ecsplan_prices\": 1, \"alb\": {\"lcu_hour\": {\"value\": 0.0081, \"unit\": "
	    "\"LCU-hour\", \"source\": \"S17\", \"as_of\": \"2026-11\", \"confidence\": "
	    "\"secondary\", \"note\": \"checked on the console\"}}}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = load_text(text, "eu-west-2", &error);

	g_assert_no_error(error);
	g_assert_cmpstr(plan_price_book_region(book), ==, "eu-west-2");
	g_assert_cmpstr(plan_price_book_as_of(book), ==, "2026-11-22"); /* the embedded book's */
	g_assert_cmpint(get(book, "alb.lcu_hour")->nanos, ==, 8100000);
	g_assert_cmpstr(get(book, "alb.lcu_hour")->note, ==, "checked on the console");
	g_assert_cmpint(get(book, "nat.hour")->nanos, ==, 50000000);
	g_clear_pointer(&book, plan_price_book_free);

	book = load_text(text, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(plan_price_book_region(book), ==, PLAN_PRICE_BOOK_DEFAULT_REGION);
}

/* a region the embedded book lacks: the file is the whole book, specs still built in */
static void
test_pricebook_uncovered_region(void)
{
	static const char text[] =
	    "{\"ecsplan_prices\": 1, \"region\": \"il-central-1\",\n"
	    " \"sources\": {\"S6\": {\"title\": \"apoloferreira/basecode doc/custo02.md\", "
	    "\"as_of\": \"undated\"}},\n"
	    " \"fargate\": {\"arm64\": {\"vcpu_hour\": {\"value\": 0.0557, \"unit\": "
	    "\"vCPU-hour\", \"source\": \"S6\", \"as_of\": \"undated\", \"confidence\": "
	    "\"secondary\"}}}}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = load_text(text, NULL, &error);
	g_autoptr(GPtrArray) keys = NULL;

	g_assert_no_error(error);
	g_assert_cmpstr(plan_price_book_region(book), ==, "il-central-1");
	g_assert_cmpstr(plan_price_book_as_of(book), ==, "undated");
	keys = plan_price_book_keys(book);
	g_assert_cmpuint(keys->len, ==, 1);
	g_assert_cmpint(get(book, "fargate.arm64.vcpu_hour")->nanos, ==, 55700000);
	g_assert_null(plan_price_book_get(book, "nat.hour"));
	g_assert_null(plan_price_book_lcu(book, FALSE));
	g_assert_cmpint(plan_price_book_instance(book, "m5.large")->vcpu, ==, 2);
	g_assert_false(plan_price_book_instance(book, "m5.large")->hourly.present);
}

/* a user may add an instance type with all its specs, and price it */
static void
test_pricebook_override_instances(void)
{
	static const char text[] =
	    "{\"ecsplan_prices\": 1, \"region\": \"us-east-1\",\n"
	    " \"instances\": {\"m7i.large\": {\n"
	    "  \"architecture\": {\"value\": \"x86_64\", \"source\": \"S12\", \"confidence\": "
	    "\"ok\"},\n"
	    "  \"vcpu\": {\"value\": 2, \"source\": \"S12\", \"confidence\": \"ok\"},\n"
	    "  \"memory_mib\": {\"value\": 8192, \"source\": \"S12\", \"confidence\": \"ok\"},\n"
	    "  \"max_enis\": {\"value\": 3, \"source\": \"S10\", \"confidence\": \"ok\"},\n"
	    "  \"ipv4_per_eni\": {\"value\": 10, \"source\": \"S10\", \"confidence\": \"ok\"},\n"
	    "  \"tasks_no_trunk\": {\"value\": 2, \"source\": \"S9\", \"confidence\": "
	    "\"derived\", \"note\": \"max ENIs - 1\"},\n"
	    "  \"tasks_trunk\": {\"value\": 10, \"source\": \"S9\", \"confidence\": \"ok\"}}},\n"
	    " \"ec2\": {\"m7i.large\": {\"value\": 0.1008, \"unit\": \"hour\", \"source\": "
	    "\"S12\", "
	    "\"as_of\": \"2026-03\", \"confidence\": \"secondary\"}}}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = load_text(text, NULL, &error);
	const PlanInstanceType *type;

	g_assert_no_error(error);
	type = plan_price_book_instance(book, "m7i.large");
	g_assert_nonnull(type);
	g_assert_cmpint(type->memory_mib, ==, 8192);
	g_assert_cmpint(type->hourly.nanos, ==, 100800000);
	g_assert_cmpint(type->specs[PLAN_INSTANCE_FIELD_TASKS_NO_TRUNK].confidence, ==,
			PLAN_CONFIDENCE_DERIVED);
	g_assert_cmpint(plan_price_book_instance(book, "m5.large")->hourly.nanos, ==, 96000000);
}

static void
test_pricebook_load_file(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *path = NULL;
	g_autoptr(PlanPriceBook) book = NULL;
	int fd = g_file_open_tmp("ecsplan-prices-XXXXXX.json", &path, &error);

	g_assert_no_error(error);
	close(fd);
	g_assert_true(g_file_set_contents(path, override_nat, -1, &error));
	book = plan_price_book_load_file(path, NULL, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(plan_price_book_origin(book), ==, path);
	g_assert_cmpint(get(book, "nat.hour")->nanos, ==, 50000000);
	g_clear_pointer(&book, plan_price_book_free);
	g_unlink(path);

	book = plan_price_book_load_file(path, NULL, &error);
	g_assert_null(book);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_IO);
	g_assert_nonnull(strstr(error->message, "cannot read the price book '"));
}

/* ---- bad files: each fails with one clear, located message --------------------------------- */

#define HEAD "{\"ecsplan_prices\": 1, "
#define NAT(figure) HEAD "\"nat\": {\"hour\": " figure "}}"
#define FIGURE(value, rest) "{\"value\": " value ", \"unit\": \"hour\", " rest "}"
#define GOOD_REST "\"source\": \"S19\", \"as_of\": \"2026-11\", \"confidence\": \"ok\""

/* the seven required specs of an instance type, all from S12 */
#define SPEC(name, value)                                                                          \
	"\"" name "\": {\"value\": " value ", \"source\": \"S12\", \"confidence\": \"ok\"}"
#define SPECS7(vcpu)                                                                               \
	SPEC("architecture", "\"x86_64\"")                                                         \
	", " SPEC("vcpu", #vcpu) ", " SPEC("memory_mib", "1024") ", " SPEC(                        \
	    "max_enis", "2") ", " SPEC("ipv4_per_eni",                                             \
				       "2") ", " SPEC("tasks_no_trunk",                            \
						      "1") ", " SPEC("tasks_trunk", "0")
#define CREDITS(value) SPEC("credits_hour", value)
#define BASELINE(value) SPEC("baseline_pct", value)

static const BadCase bad_cases[] = {
    {"not-json", "this is not JSON",
     DISPLAY ":1:1: (top): expected a JSON object, got text that is not valid JSON (check for "
	     "a missing comma, quote or bracket, or a trailing comma)"},
    {"trailing-comma", NAT(FIGURE("0.05", GOOD_REST ",")),
     DISPLAY ":1:128: (top): expected a JSON object, got text that is not valid JSON (check for "
	     "a missing comma, quote or bracket, or a trailing comma)"},
    {"empty", "", DISPLAY ":1:1: (top): expected a JSON object, got an empty file"},
    {"not-utf8", "{\"ecsplan_prices\": 1, \"region\": \"\xff\"}",
     DISPLAY ":1:34: (top): expected JSON text in UTF-8, got byte 0xff"},
    {"trailing-text", HEAD "\"region\": \"us-east-1\"} x",
     DISPLAY ":1:46: (top): unexpected text after the JSON value (check for a missing comma, "
	     "quote or bracket, or a trailing comma)"},
    {"array", "[1, 2]",
     DISPLAY ":1:1: (top): expected a JSON object with \"ecsplan_prices\": 1, got an array"},
    {"a-model", "{\"ecsplan\": 1}",
     DISPLAY ":1:1: (top): missing required field 'ecsplan_prices' in a price book"},
    {"version", "{\"ecsplan_prices\": 2}",
     DISPLAY ":1:20: ecsplan_prices: expected \"ecsplan_prices\": 1, got another version"},
    {"value-string", NAT(FIGURE("\"0.05\"", GOOD_REST)),
     DISPLAY ":1:49: nat.hour.value: expected a price in dollars, got a string"},
    {"value-negative", NAT(FIGURE("-0.05", GOOD_REST)),
     DISPLAY ":1:49: nat.hour.value: expected a price of 0 or more, got -0.05"},
    {"value-huge", NAT(FIGURE("2e6", GOOD_REST)),
     DISPLAY ":1:49: nat.hour.value: price 2e+06 is out of range; expected at most 1000000"},
    {"figure-number", NAT("0.05"),
     DISPLAY ":1:39: nat.hour: expected a price object like {\"value\": 0.045, \"unit\": "
	     "\"hour\", ...}, got a number"},
    {"confidence-unknown",
     NAT(FIGURE("0.05", "\"source\": \"S19\", \"as_of\": \"2026-11\", \"confidence\": \"sure\"")),
     DISPLAY ":1:122: nat.hour.confidence: unknown confidence 'sure'; expected one of 'ok', "
	     "'secondary', 'derived' and 'unconfirmed'"},
    {"confidence-typo",
     NAT(FIGURE("0.05", "\"source\": \"S19\", \"as_of\": \"2026-11\", \"confidence\": \"derivd\"")),
     DISPLAY ":1:122: nat.hour.confidence: unknown confidence 'derivd'; did you mean 'derived'?"},
    {"confidence-number",
     NAT(FIGURE("0.05", "\"source\": \"S19\", \"as_of\": \"2026-11\", \"confidence\": 1")),
     DISPLAY ":1:122: nat.hour.confidence: expected one of 'ok', 'secondary', 'derived' and "
	     "'unconfirmed', got a number"},
    {"unit-wrong",
     HEAD "\"nat\": {\"hour\": {\"value\": 0.05, \"unit\": \"month\", " GOOD_REST "}}}",
     DISPLAY ":1:63: nat.hour.unit: expected unit 'hour', got 'month'"},
    {"source-unknown",
     NAT(FIGURE("0.05", "\"source\": \"S19 X9\", \"as_of\": \"2026-11\", \"confidence\": \"ok\"")),
     DISPLAY ":1:81: nat.hour.source: unknown source 'X9'; define it under \"sources\" with a "
	     "\"title\" and an \"as_of\""},
    {"date-bad",
     NAT(FIGURE("0.05", "\"source\": \"S19\", \"as_of\": \"2026-13\", \"confidence\": \"ok\"")),
     DISPLAY ":1:97: nat.hour.as_of: expected a date like \"2026\", \"2026-03\", \"2026-03-28\" or "
	     "\"undated\", got \"2026-13\""},
    {"field-missing", NAT("{\"value\": 0.05, \"unit\": \"hour\", \"source\": \"S19\"}"),
     DISPLAY ":1:39: nat.hour: missing required field 'as_of' in a price"},
    {"field-typo", NAT(FIGURE("0.05", GOOD_REST ", \"notes\": \"x\"")),
     DISPLAY ":1:137: nat.hour.notes: unknown field 'notes' in a price; did you mean 'note'?"},
    {"key-typo", HEAD "\"nat\": {\"hours\": " FIGURE("0.05", GOOD_REST) "}}",
     DISPLAY ":1:40: nat.hours: unknown field 'hours' in 'nat'; did you mean 'hour'?"},
    {"group-typo", HEAD "\"fargat\": {}}",
     DISPLAY ":1:33: fargat: unknown field 'fargat' in a price book; did you mean 'fargate'?"},
    {"duplicate",
     HEAD
     "\"nat\": {\"hour\": " FIGURE("0.05", GOOD_REST) ", \"hour\": " FIGURE("0.06", GOOD_REST) "}}",
     DISPLAY ":1:137: nat.hour: duplicate key 'hour'"},
    {"ratio",
     HEAD "\"fargate\": {\"spot_discount\": {\"value\": 1.5, \"unit\": \"ratio\", " GOOD_REST "}}}",
     DISPLAY ":1:62: fargate.spot_discount.value: expected a ratio from 0 to 1, got 1.5"},
    {"region-unknown", HEAD "\"region\": \"eu-west-9\"}",
     DISPLAY ":1:33: region: unknown region 'eu-west-9'; did you mean 'eu-west-1'?"},
    {"currency", HEAD "\"currency\": \"EUR\"}",
     DISPLAY ":1:35: currency: expected \"USD\", got \"EUR\"; ecsplan prices in US dollars only"},
    {"ec2-unknown", HEAD "\"ec2\": {\"m5.larg\": " FIGURE("0.1", GOOD_REST) "}}",
     DISPLAY ":1:42: ec2.m5.larg: no specs for instance type 'm5.larg'; did you mean "
	     "'m5.large'?"},
    {"instance-partial",
     HEAD "\"instances\": {\"x1.big\": {\"vcpu\": {\"value\": 2, "
	  "\"source\": \"S12\", \"confidence\": \"ok\"}}}}",
     DISPLAY ":1:47: instances.x1.big: missing required field 'architecture' in an instance "
	     "type"},
    {"burst-half", HEAD "\"instances\": {\"t9.big\": {" SPECS7(2) ", " CREDITS("12") "}}}",
     DISPLAY ":1:47: instances.t9.big: 'credits_hour' and 'baseline_pct' come together: give "
	     "both or neither"},
    /* 12 credits an hour on 2 vCPUs is 12 / 2 / 60 = 10%, not 20% */
    {"burst-mismatch",
     HEAD "\"instances\": {\"t9.big\": {" SPECS7(2) ", " CREDITS("12") ", " BASELINE("20") "}}}",
     DISPLAY ":1:598: instances.t9.big.baseline_pct: a baseline of 20% per vCPU does not match 12 "
	     "credits an hour on 2 vCPUs (credits / vCPUs / 60 minutes = 10%)"},
    {"burst-places",
     HEAD
     "\"instances\": {\"t9.big\": {" SPECS7(2) ", " CREDITS("12.0001") ", " BASELINE("10") "}}}",
     DISPLAY
     ":1:540: instances.t9.big.credits_hour.value: expected at most 3 decimal places, got 12.0001"},
    {"instance-name", HEAD "\"instances\": {\"M5 Large\": {}}}",
     DISPLAY ":1:49: instances.M5 Large: 'M5 Large' is not an instance type name like "
	     "\"m5.large\""},
    {"lcu-wrong", HEAD "\"lcu\": {\"alb\": {\"new_connections_per_second\": \"25\"}}}",
     DISPLAY ":1:38: lcu.alb: missing required field 'active_connections_per_minute' in LCU "
	     "dimensions"},
    {"source-no-title", HEAD "\"sources\": {\"Q1\": {\"as_of\": \"2026\"}}}",
     DISPLAY ":1:41: sources.Q1: missing required field 'title' in a source"},
};

static void
test_pricebook_bad_files(void)
{
	check_bad_cases(bad_cases, G_N_ELEMENTS(bad_cases), NULL);
}

/* every problem is reported, in the order of the file */
static void
test_pricebook_bad_many(void)
{
	static const char text[] =
	    "{\"ecsplan_prices\": 1,\n"
	    " \"ec2\": {\"m5.larg\": {}},\n"
	    " \"nat\": {\"hour\": {\"value\": -1, \"unit\": \"hour\", \"source\": \"S19\", "
	    "\"as_of\": \"2026\", \"confidence\": \"okay\"}}}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = load_text(text, NULL, &error);
	g_auto(GStrv) lines = NULL;

	g_assert_null(book);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	lines = g_strsplit(error->message, "\n", -1);
	g_assert_cmpuint(g_strv_length(lines), ==, 3);
	g_assert_true(g_str_has_prefix(lines[0], DISPLAY ":2:21: ec2.m5.larg: "));
	g_assert_true(g_str_has_prefix(lines[1], DISPLAY ":3:28: nat.hour.value: "));
	g_assert_true(g_str_has_prefix(lines[2], DISPLAY ":3:96: nat.hour.confidence: "));
}

/* ---- the json `ecsplan prices` writes is a book --------------------------------------------- */

static void
test_pricebook_round_trip(void)
{
	for (guint r = 0; r < G_N_ELEMENTS(covered_regions); r++) {
		g_autoptr(PlanPriceBook) book = load_builtin(covered_regions[r]);
		g_autoptr(GError) error = NULL;
		g_autoptr(GString) figures =
		    report_prices(book, REPORT_PRICES_FIGURES, REPORT_FORMAT_JSON, 0, &error);
		g_autoptr(GString) instances =
		    report_prices(book, REPORT_PRICES_INSTANCES, REPORT_FORMAT_JSON, 0, &error);
		g_autoptr(PlanPriceBook) again = NULL;
		g_autoptr(GString) figures_again = NULL;
		g_autoptr(GString) instances_again = NULL;

		g_assert_no_error(error);
		again = plan_price_book_load_data(figures->str, figures->len, "figures.json", NULL,
						  &error);
		g_assert_no_error(error);
		figures_again =
		    report_prices(again, REPORT_PRICES_FIGURES, REPORT_FORMAT_JSON, 0, &error);
		g_assert_cmpstr(figures_again->str, ==, figures->str);
		g_clear_pointer(&again, plan_price_book_free);

		again = plan_price_book_load_data(instances->str, instances->len, "instances.json",
						  NULL, &error);
		g_assert_no_error(error);
		instances_again =
		    report_prices(again, REPORT_PRICES_INSTANCES, REPORT_FORMAT_JSON, 0, &error);
		g_assert_cmpstr(instances_again->str, ==, instances->str);
	}
}

static void
test_pricebook_render_csv(void)
{
	static const char text[] =
	    "{\"ecsplan_prices\": 1, \"nat\": {\"hour\": {\"value\": 0.05, \"unit\": \"hour\", "
	    "\"source\": \"S19\", \"as_of\": \"2026-11\", \"confidence\": \"secondary\", "
	    "\"note\": \"quoted \\\"as is\\\", with a comma\"}}}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = load_text(text, NULL, &error);
	g_autoptr(GString) csv = NULL;

	g_assert_no_error(error);
	csv = report_prices(book, REPORT_PRICES_FIGURES, REPORT_FORMAT_CSV, 0, &error);
	g_assert_no_error(error);
	g_assert_true(g_str_has_prefix(
	    csv->str, "key,value,unit,confidence,estimate,source,as_of,note\r\n"
		      "fargate.x86_64.vcpu_hour,0.04048,vCPU-hour,ok,false,S2 S3 S4,2026-03,\r\n"));
	g_assert_nonnull(strstr(csv->str, "\r\nnat.hour,0.05,hour,secondary,false,S19,2026-11,"
					  "\"quoted \"\"as is\"\", with a comma\"\r\n"));
}

/* `ecsplan prices --instance-type`: one type, each spec with its source, the hourly price and
 * the month. m5.large in eu-west-1: 2 vCPU, 8,192 MiB, 3 ENIs of 10 IPv4 addresses; on-demand
 * Linux 0.107 USD an hour (S12 S11, secondary), so 0.107 × 730 h = 78.11 USD a month. The
 * JSON is a partial book of that one type, read back as it was written */
static void
test_pricebook_render_one_type(void)
{
	g_autoptr(PlanPriceBook) book = load_builtin("eu-west-1");
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) text =
	    report_prices_instance(book, "m5.large", REPORT_FORMAT_TEXT, 0, &error);
	g_autoptr(GString) csv = NULL;
	g_autoptr(GString) json = NULL;
	g_autoptr(GString) json_again = NULL;
	g_autoptr(PlanPriceBook) again = NULL;

	g_assert_no_error(error);
	g_assert_true(g_str_has_prefix(text->str, "m5.large, on-demand Linux in eu-west-1 (USD; "));
	g_assert_nonnull(strstr(text->str, "\n  vcpu                 2  vCPU "));
	g_assert_nonnull(strstr(text->str, "\n  memory_mib        8192  MiB "));
	g_assert_nonnull(strstr(text->str, "\n  max_enis             3  ENIs "));
	g_assert_nonnull(strstr(text->str, "\n  hourly           0.107  USD per hour       "
					   "secondary   S12 S11 "));
	g_assert_nonnull(strstr(text->str, "\n  monthly          78.11  USD per month      "
					   "secondary   S12 S11      0.107 × 730 h\n"));
	/* no other type */
	g_assert_null(strstr(text->str, "m6g"));

	csv = report_prices_instance(book, "m5.large", REPORT_FORMAT_CSV, 0, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(csv->str, "\r\nm5.large,x86_64,2,8192,3,10,2,10,0.107,secondary,"
					  "false,S12 S11,2026-03,ipv4_per_eni\r\n"));
	{
		g_auto(GStrv) rows = g_strsplit(csv->str, "\r\n", -1);
		/* the header, the one type and the empty string after the last CRLF */
		g_assert_cmpuint(g_strv_length(rows), ==, 3);
	}

	json = report_prices_instance(book, "m5.large", REPORT_FORMAT_JSON, 0, &error);
	g_assert_no_error(error);
	again =
	    plan_price_book_load_data(json->str, json->len, "m5.large.json", "eu-west-1", &error);
	g_assert_no_error(error);
	json_again = report_prices_instance(again, "m5.large", REPORT_FORMAT_JSON, 0, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(json_again->str, ==, json->str);
	/* the partial book holds that one type's specs and price, no other */
	g_assert_nonnull(strstr(json->str, "\"m5.large\":"));
	g_assert_null(strstr(json->str, "\"m5.xlarge\":"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/planner/pricebook/override", test_pricebook_override);
	g_test_add_func("/planner/pricebook/override-region", test_pricebook_override_region);
	g_test_add_func("/planner/pricebook/uncovered-region", test_pricebook_uncovered_region);
	g_test_add_func("/planner/pricebook/override-instances", test_pricebook_override_instances);
	g_test_add_func("/planner/pricebook/load-file", test_pricebook_load_file);
	g_test_add_func("/planner/pricebook/bad-files", test_pricebook_bad_files);
	g_test_add_func("/planner/pricebook/bad-many", test_pricebook_bad_many);
	g_test_add_func("/planner/pricebook/round-trip", test_pricebook_round_trip);
	g_test_add_func("/planner/pricebook/render-csv", test_pricebook_render_csv);
	g_test_add_func("/planner/pricebook/render-one-type", test_pricebook_render_one_type);
	return g_test_run();
}
