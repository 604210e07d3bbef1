/* ecsplan: unit tests for the price book's purchase options (planner/prices/pricebook-options.c
 * and pricebook-reader-options.c): Compute and EC2 Instance Savings Plans, standard Reserved
 * Instances and EC2 Spot, built in and from a book file (issue 11 item 3) */
#include "plan-error.h"
#include "pricebook.h"
#include "render-prices.h"
#include "test-pricebook-util.h"

#include <string.h>

/* ---- the built-in defaults ---------------------------------------------------------------- */

/* the fact sheet supports three Fargate Compute Savings Plan figures (§10, price-list reference
 * §4): about 20% off for 1 year and 45% for 3 years without upfront (vantage, us-east-2 x86),
 * up to 50% for 3 years all upfront (AWS FAQ). Each built-in rate is the region's own on-demand
 * figure times (1 - discount), exactly: no on-demand figure has more than 6 decimals, so the
 * product fits nano-dollars without rounding */
static void
test_options_builtin_fargate(void)
{
	static const struct {
		PlanTerm term;
		PlanUpfront upfront;
		gint64 percent_paid;
	} options[] = {
	    {PLAN_TERM_1Y, PLAN_UPFRONT_NO, 80},
	    {PLAN_TERM_3Y, PLAN_UPFRONT_NO, 55},
	    {PLAN_TERM_3Y, PLAN_UPFRONT_ALL, 50},
	};
	static const char *const subjects[] = {
	    "fargate.x86_64.vcpu_hour",
	    "fargate.x86_64.gb_hour",
	    "fargate.arm64.vcpu_hour",
	    "fargate.arm64.gb_hour",
	};

	for (guint r = 0; r < G_N_ELEMENTS(covered_regions); r++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanPriceBook) book =
		    plan_price_book_load_builtin(covered_regions[r], &error);
		g_autoptr(GPtrArray) listed = NULL;

		g_assert_no_error(error);
		listed = plan_price_book_commit_subjects(book, PLAN_COMMIT_COMPUTE_SP);
		g_assert_cmpuint(listed->len, ==, G_N_ELEMENTS(subjects));
		for (guint s = 0; s < G_N_ELEMENTS(subjects); s++) {
			const PlanPrice *on_demand = plan_price_book_get(book, subjects[s]);

			g_assert_cmpstr(g_ptr_array_index(listed, s), ==, subjects[s]);
			g_assert_nonnull(on_demand);
			for (guint o = 0; o < G_N_ELEMENTS(options); o++) {
				const PlanCommitRate *rate =
				    plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, subjects[s],
							   options[o].term, options[o].upfront);
				g_assert_nonnull(rate);
				g_assert_cmpint(rate->hourly.nanos * 100, ==,
						on_demand->nanos * options[o].percent_paid);
				g_assert_cmpstr(rate->hourly.unit, ==, on_demand->unit);
				/* an estimate, and says so */
				g_assert_true(plan_price_is_estimate(&rate->hourly));
				g_assert_nonnull(strstr(rate->hourly.note, "estimate"));
				g_assert_false(rate->upfront.present);
				g_assert_cmpint(plan_commit_rate_effective(rate), ==,
						rate->hourly.nanos);
			}
			/* the facts give nothing for the other three options: absent, not guessed */
			g_assert_null(plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP,
							     subjects[s], PLAN_TERM_1Y,
							     PLAN_UPFRONT_PARTIAL));
			g_assert_null(plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP,
							     subjects[s], PLAN_TERM_1Y,
							     PLAN_UPFRONT_ALL));
			g_assert_null(plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP,
							     subjects[s], PLAN_TERM_3Y,
							     PLAN_UPFRONT_PARTIAL));
		}
	}
}

static void
test_options_builtin_us_east_1(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = plan_price_book_load_builtin("us-east-1", &error);
	const PlanCommitRate *rate;
	const PlanSpotAdvice *spot;
	g_autoptr(GPtrArray) none = NULL;

	g_assert_no_error(error);
	/* 0.04048 × (1 − 0.20) = 0.032384 $/vCPU-hour */
	rate = plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, "fargate.x86_64.vcpu_hour",
				      PLAN_TERM_1Y, PLAN_UPFRONT_NO);
	g_assert_cmpint(rate->hourly.nanos, ==, 32384000);
	g_assert_cmpint(rate->term_hours, ==, 8760);
	g_assert_cmpstr(rate->hourly.source, ==, "S2 S3 S4 S50");
	/* 0.004445 × (1 − 0.45) = 0.00244475 $/GB-hour */
	rate = plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, "fargate.x86_64.gb_hour",
				      PLAN_TERM_3Y, PLAN_UPFRONT_NO);
	g_assert_cmpint(rate->hourly.nanos, ==, 2444750);
	g_assert_cmpint(rate->term_hours, ==, 26280);
	/* ARM: 0.03238 × (1 − 0.50) = 0.01619 $/vCPU-hour */
	rate = plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, "fargate.arm64.vcpu_hour",
				      PLAN_TERM_3Y, PLAN_UPFRONT_ALL);
	g_assert_cmpint(rate->hourly.nanos, ==, 16190000);
	g_assert_cmpstr(rate->hourly.as_of, ==, "2019");

	/* EC2: the facts give only "up to" figures, so no built-in rate per type */
	g_assert_null(plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, "m5.large",
					     PLAN_TERM_1Y, PLAN_UPFRONT_NO));
	g_assert_null(plan_price_book_commit(book, PLAN_COMMIT_EC2_INSTANCE_SP, "m5.large",
					     PLAN_TERM_1Y, PLAN_UPFRONT_NO));
	g_assert_null(plan_price_book_commit(book, PLAN_COMMIT_RESERVED, "m5.large",
					     PLAN_TERM_1Y, PLAN_UPFRONT_ALL));
	none = plan_price_book_commit_subjects(book, PLAN_COMMIT_RESERVED);
	g_assert_cmpuint(none->len, ==, 0);

	/* EC2 Spot: no type has its own figures, every type gets the fact sheet's default 0.65 */
	spot = plan_price_book_ec2_spot(book, "m5.large");
	g_assert_nonnull(spot);
	g_assert_true(spot->region_default);
	g_assert_cmpint(spot->savings.nanos, ==, 650000000);
	g_assert_true(plan_price_is_estimate(&spot->savings));
	g_assert_null(spot->interruption);
	g_assert_cmpint(spot->interruption_max_percent, ==, 0);
	g_assert_cmpstr(spot->savings.source, ==, "S16 S52");
}

/* a region without built-in figures has no purchase options either */
static void
test_options_uncovered_region(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = plan_price_book_choose("ap-south-1", NULL, &error);

	g_assert_no_error(error);
	g_assert_null(plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP,
					     "fargate.x86_64.vcpu_hour", PLAN_TERM_1Y,
					     PLAN_UPFRONT_NO));
	g_assert_null(plan_price_book_ec2_spot(book, "c6i.xlarge"));
}

static void
test_options_names(void)
{
	g_assert_cmpstr(plan_purchase_name(PLAN_COMMIT_COMPUTE_SP, PLAN_TERM_1Y, PLAN_UPFRONT_NO),
			==, "compute-sp-1y-no-upfront");
	g_assert_cmpstr(
	    plan_purchase_name(PLAN_COMMIT_EC2_INSTANCE_SP, PLAN_TERM_3Y, PLAN_UPFRONT_PARTIAL), ==,
	    "ec2-instance-sp-3y-partial-upfront");
	g_assert_cmpstr(plan_purchase_name(PLAN_COMMIT_RESERVED, PLAN_TERM_3Y, PLAN_UPFRONT_ALL),
			==, "reserved-3y-all-upfront");
	g_assert_cmpstr(plan_commit_option_name(PLAN_TERM_1Y, PLAN_UPFRONT_PARTIAL), ==,
			"1y_partial_upfront");
	g_assert_cmpuint(plan_term_years(PLAN_TERM_3Y), ==, 3);
}

/* ---- a book file's options, laid over the built-in book ------------------------------------- */

/* fixture figures in the book's format (not AWS's rates: the arithmetic is what is tested) */
#define Q(value, unit) \
	"{\"value\": " value ", \"unit\": \"" unit "\", \"source\": \"Q1\", \"as_of\": " \
	"\"2026-12-01\", \"confidence\": \"ok\", \"note\": \"SKU FIXTURE\"}"

static const char options_book[] =
    "{\"ecsplan_prices\": 1, \"region\": \"us-east-1\",\n"
    " \"sources\": {\"Q1\": {\"title\": \"fixture\", \"as_of\": \"2026-12-01\"}},\n"
    " \"savings_plans\": {\n"
    "  \"compute\": {\n"
    "   \"fargate\": {\"x86_64\": {\"vcpu_hour\": {\"1y_no_upfront\": " Q("0.0324", "vCPU-hour") "}}},\n"
    "   \"ec2\": {\"m6i.large\": {\"1y_no_upfront\": " Q("0.075", "hour") "}}},\n"
    "  \"ec2_instance\": {\"m6i.large\": {\"3y_all_upfront\": " Q("0.042", "hour") "}}},\n"
    " \"reserved\": {\"m6i.large\": {\n"
    "   \"1y_no_upfront\": {\"hourly\": " Q("0.0756", "hour") "},\n"
    "   \"1y_all_upfront\": {\"hourly\": " Q("0", "hour") ", \"upfront\": " Q("841", "instance") "},\n"
    "   \"3y_partial_upfront\": {\"hourly\": " Q("0.028", "hour") ", \"upfront\": " Q("736", "instance") "}}},\n"
    " \"spot\": {\"ec2\": {\"m6i.large\": {\"savings\": " Q("0.62", "ratio") ", \"interruption\": \"5-10%\"}}}}\n";

static void
test_options_file(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = load_text(options_book, NULL, &error);
	const PlanCommitRate *rate;
	const PlanSpotAdvice *spot;

	g_assert_no_error(error);
	/* the file's Fargate option replaces that one option; the built-in others stay */
	rate = plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, "fargate.x86_64.vcpu_hour",
				      PLAN_TERM_1Y, PLAN_UPFRONT_NO);
	g_assert_cmpint(rate->hourly.nanos, ==, 32400000);
	g_assert_cmpstr(rate->hourly.source, ==, "Q1");
	rate = plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, "fargate.x86_64.vcpu_hour",
				      PLAN_TERM_3Y, PLAN_UPFRONT_ALL);
	g_assert_cmpint(rate->hourly.nanos, ==, 20240000); /* 0.04048 × 0.50, built in */

	rate = plan_price_book_commit(book, PLAN_COMMIT_COMPUTE_SP, "m6i.large", PLAN_TERM_1Y,
				      PLAN_UPFRONT_NO);
	g_assert_cmpint(plan_commit_rate_effective(rate), ==, 75000000);
	rate = plan_price_book_commit(book, PLAN_COMMIT_EC2_INSTANCE_SP, "m6i.large", PLAN_TERM_3Y,
				      PLAN_UPFRONT_ALL);
	/* a Savings Plan rate is already effective: no upfront part is added */
	g_assert_false(rate->upfront.present);
	g_assert_cmpint(plan_commit_rate_effective(rate), ==, 42000000);
	g_assert_cmpstr(rate->hourly.note, ==, "SKU FIXTURE");

	/* RI no upfront: the hourly fee alone, 0.0756 */
	rate = plan_price_book_commit(book, PLAN_COMMIT_RESERVED, "m6i.large", PLAN_TERM_1Y,
				      PLAN_UPFRONT_NO);
	g_assert_false(rate->upfront.present);
	g_assert_cmpint(plan_commit_rate_effective(rate), ==, 75600000);
	/* RI all upfront: 0 + 841 / 8760 = 0.09600456621 $/h -> 96,004,566.2 nanos -> 96004566 */
	rate = plan_price_book_commit(book, PLAN_COMMIT_RESERVED, "m6i.large", PLAN_TERM_1Y,
				      PLAN_UPFRONT_ALL);
	g_assert_cmpint(rate->upfront.nanos, ==, G_GINT64_CONSTANT(841000000000));
	g_assert_cmpstr(rate->upfront.unit, ==, "instance");
	g_assert_cmpint(rate->term_hours, ==, 8760);
	g_assert_cmpint(plan_commit_rate_effective(rate), ==, 96004566);
	/* RI 3 years partial: 0.028 + 736 / 26280 = 0.028 + 0.0280060883 -> 28,000,000 +
	 * 28,006,088.28 -> 56006088 nanos */
	rate = plan_price_book_commit(book, PLAN_COMMIT_RESERVED, "m6i.large", PLAN_TERM_3Y,
				      PLAN_UPFRONT_PARTIAL);
	g_assert_cmpint(rate->term_hours, ==, 26280);
	g_assert_cmpint(plan_commit_rate_effective(rate), ==, 56006088);
	g_assert_null(plan_price_book_commit(book, PLAN_COMMIT_RESERVED, "m6i.large",
					     PLAN_TERM_3Y, PLAN_UPFRONT_ALL));

	/* Spot: the type's own figures, and the default for the others */
	spot = plan_price_book_ec2_spot(book, "m6i.large");
	g_assert_false(spot->region_default);
	g_assert_cmpint(spot->savings.nanos, ==, 620000000);
	g_assert_cmpstr(spot->interruption, ==, "5-10%");
	g_assert_cmpint(spot->interruption_max_percent, ==, 10);
	spot = plan_price_book_ec2_spot(book, "m5.large");
	g_assert_true(spot->region_default);
	g_assert_cmpint(spot->savings.nanos, ==, 650000000);
}

/* the book's JSON form carries the options and reads back to the same text */
static void
test_options_round_trip(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = load_text(options_book, NULL, &error);
	g_autoptr(GString) json = NULL;
	g_autoptr(GString) again_json = NULL;
	g_autoptr(PlanPriceBook) again = NULL;

	g_assert_no_error(error);
	json = report_prices(book, REPORT_PRICES_FIGURES, REPORT_FORMAT_JSON, 0, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(json->str, "\"3y_partial_upfront\""));
	g_assert_nonnull(strstr(json->str, "\"5-10%\""));
	again = plan_price_book_load_data(json->str, json->len, "again.json", NULL, &error);
	g_assert_no_error(error);
	again_json = report_prices(again, REPORT_PRICES_FIGURES, REPORT_FORMAT_JSON, 0, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(again_json->str, ==, json->str);
}

/* ---- bad options: one message each, located ------------------------------------------------- */

#define HEAD "{\"ecsplan_prices\": 1, \"sources\": {\"Q1\": {\"title\": \"t\", \"as_of\": \"2026\"}}, "

static const BadCase bad_cases[] = {
    {"option typo",
     HEAD "\"savings_plans\": {\"ec2_instance\": {\"m6i.large\": {\"1y_noupfront\": " Q("0.04",
										     "hour") "}}}}",
     DISPLAY ":1:140: savings_plans.ec2_instance.m6i.large.1y_noupfront: unknown field "
	     "'1y_noupfront' in Savings Plan rates; did you mean '1y_no_upfront'?"},
    {"fargate unit",
     HEAD "\"savings_plans\": {\"compute\": {\"fargate\": {\"arm64\": {\"gb_hour\": "
	  "{\"3y_all_upfront\": " Q("0.001", "hour") "}}}}}}",
     DISPLAY ":1:182: savings_plans.compute.fargate.arm64.gb_hour.3y_all_upfront.unit: "
	     "expected unit 'GB-hour', got 'hour'"},
    {"no specs",
     HEAD "\"savings_plans\": {\"compute\": {\"ec2\": {\"m6i.larg\": {}}}}}",
     DISPLAY ":1:125: savings_plans.compute.ec2.m6i.larg: no specs for instance type "
	     "'m6i.larg'; did you mean 'm6i.large'?"},
    {"partial without upfront",
     HEAD "\"reserved\": {\"m6i.large\": {\"1y_partial_upfront\": {\"hourly\": " Q("0.03",
										 "hour") "}}}}",
     DISPLAY ":1:124: reserved.m6i.large.1y_partial_upfront: missing required field "
	     "'upfront' in a partial or all upfront offering"},
    {"upfront unit",
     HEAD "\"reserved\": {\"m6i.large\": {\"1y_all_upfront\": {\"hourly\": " Q("0", "hour")
	  ", \"upfront\": " Q("841", "hour") "}}}}",
     DISPLAY ":1:277: reserved.m6i.large.1y_all_upfront.upfront.unit: expected unit "
	     "'instance', got 'hour'"},
    {"spot band",
     HEAD "\"spot\": {\"ec2\": {\"m6i.large\": {\"savings\": " Q("0.6", "ratio")
	  ", \"interruption\": \"<6%\"}}}}",
     DISPLAY ":1:248: spot.ec2.m6i.large.interruption: unknown interruption band '<6%'; "
	     "expected \"<5%\", \"5-10%\", \"10-15%\", \"15-20%\" or \">20%\""},
    {"spot ratio",
     HEAD "\"spot\": {\"ec2_default\": {\"savings\": " Q("1.5", "ratio") "}}}",
     DISPLAY ":1:121: spot.ec2_default.savings.value: expected a ratio from 0 to 1, got 1.5"},
    {"spot default band",
     HEAD "\"spot\": {\"ec2_default\": {\"savings\": " Q("0.5", "ratio")
	  ", \"interruption\": \"<5%\"}}}",
     DISPLAY ":1:242: spot.ec2_default.interruption: unknown field 'interruption' in the "
	     "EC2 Spot default; expected 'savings'"},
    {"reserved not object",
     HEAD "\"reserved\": {\"m6i.large\": {\"1y_no_upfront\": 0.07}}}",
     DISPLAY ":1:119: reserved.m6i.large.1y_no_upfront: expected an object like "
	     "{\"hourly\": {...}, \"upfront\": {...}}, got a number"},
    {"savings plans unknown",
     HEAD "\"savings_plans\": {\"ec2instance\": {}}}",
     DISPLAY ":1:108: savings_plans.ec2instance: unknown field 'ec2instance' in "
	     "'savings_plans'; did you mean 'ec2_instance'?"},
};

static void
test_options_bad(void)
{
	check_bad_cases(bad_cases, G_N_ELEMENTS(bad_cases), "us-east-1");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/pricebook-options/builtin-fargate", test_options_builtin_fargate);
	g_test_add_func("/planner/pricebook-options/builtin-us-east-1",
			test_options_builtin_us_east_1);
	g_test_add_func("/planner/pricebook-options/uncovered-region",
			test_options_uncovered_region);
	g_test_add_func("/planner/pricebook-options/names", test_options_names);
	g_test_add_func("/planner/pricebook-options/file", test_options_file);
	g_test_add_func("/planner/pricebook-options/round-trip", test_options_round_trip);
	g_test_add_func("/planner/pricebook-options/bad", test_options_bad);
	return g_test_run();
}
