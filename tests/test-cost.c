/* ecsplan: unit tests for planner/cost/cost.c — Fargate costs worked out by hand from the
 * us-east-1 book (docs/cost.md repeats the arithmetic), CloudWatch Logs, the options and
 * errors, the money formatters, and the usage figures' given/default bookkeeping in the loader
 * and writer; the network lines and EC2 have files of their own (test-cost-network.c,
 * test-cost-ec2.c) */
#include "cost.h"
#include "diagnostic.h"
#include "loader.h"
#include "plan-error.h"
#include "render-cost.h"
#include "test-cost-util.h"
#include "test-util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Fargate ----------------------------------------------------------------------------------
 */

/* 5 tasks of 1 vCPU / 2 GB, x86, us-east-1, 730 h: 3650 vCPU-h × $0.04048 = $147.752 and
 * 7300 GB-h × $0.004445 = $32.4485: 5 × 730 × (0.04048 + 2 × 0.004445) = $180.2005 */
static void
test_fargate_five_tasks(void)
{
	g_autoptr(PlanModel) model = load_services(
	    "{\"name\": \"api\", \"cpu\": 1024, \"memory\": 2048, \"desired_count\": 5, "
	    "\"subnets\": [\"private-a\", \"private-b\"]}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	const PlanCostLine *vcpu = &g_array_index(cost->lines, PlanCostLine, 0);
	const PlanCostLine *memory = &g_array_index(cost->lines, PlanCostLine, 1);
	g_autofree char *shown = NULL;

	g_assert_cmpfloat(cost->hours, ==, 730.0);
	g_assert_cmpint(vcpu->category, ==, PLAN_COST_FARGATE);
	g_assert_cmpfloat(vcpu->quantity, ==, 3650.0);
	g_assert_cmpstr(vcpu->unit, ==, "vCPU-hour");
	g_assert_cmpint(vcpu->unit_price.nanos, ==, 40480000);
	g_assert_cmpint(vcpu->cost, ==, USD(147, 752000000));
	g_assert_cmpstr(vcpu->description, ==, "5 tasks × 1 vCPU × 730 h");
	g_assert_cmpstr(vcpu->service, ==, "api");
	g_assert_null(vcpu->az);
	g_assert_cmpfloat(memory->quantity, ==, 7300.0);
	g_assert_cmpint(memory->unit_price.nanos, ==, 4445000);
	g_assert_cmpint(memory->cost, ==, USD(32, 448500000));
	g_assert_cmpint(category_cost(cost, PLAN_COST_FARGATE), ==, USD(180, 200500000));
	g_assert_false(vcpu->estimate);
	shown = money(category_cost(cost, PLAN_COST_FARGATE));
	g_assert_cmpstr(shown, ==, "180.20");
	assert_sums(cost);
}

/* the fact sheet's check: 0.25 vCPU / 0.5 GB for 730 h = 182.5 × 0.04048 + 365 × 0.004445 =
 * 7.3876 + 1.622425 = $9.010025, about $9.01 */
static void
test_fargate_quarter(void)
{
	g_autoptr(PlanModel) model = load_services(
	    "{\"name\": \"tiny\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 1}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	g_autofree char *shown = money(cost->total);

	g_assert_cmpint(cost->total, ==, USD(9, 10025000));
	g_assert_cmpstr(shown, ==, "9.01");
	assert_sums(cost);
}

/* desired_count 1 below an autoscaling min of 2 (the Terraform pattern with ignore_changes):
 * ECS runs 2 tasks, so the cost prices 2 × the quarter task above: 2 × $9.010025 =
 * $18.02005; the assumption says why */
static void
test_fargate_autoscaling_min(void)
{
	g_autoptr(PlanModel) model = load_services(
	    "{\"name\": \"tiny\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 1, "
	    "\"autoscaling\": {\"min\": 2, \"max\": 6}}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	const PlanCostAssumption *tasks = find_assumption(cost, "service/tiny.tasks");

	g_assert_cmpint(cost->total, ==, USD(18, 20050000));
	g_assert_cmpfloat(tasks->value, ==, 2.0);
	g_assert_nonnull(strstr(tasks->why, "autoscaling min 2 (desired_count 1 is below it)"));
	g_assert_nonnull(strstr(tasks->why, "autoscaling up to 6 tasks"));
	assert_sums(cost);
}

/* ARM: 1 vCPU / 2 GB, 730 h: 730 × 0.03238 + 1460 × 0.00356 = 23.6374 + 5.1976 = $28.835 */
static void
test_fargate_arm(void)
{
	g_autoptr(PlanModel) model = load_services(
	    "{\"name\": \"graviton\", \"cpu\": 1024, \"memory\": 2048, \"architecture\": "
	    "\"arm64\", \"desired_count\": 1}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	const PlanCostLine *vcpu = &g_array_index(cost->lines, PlanCostLine, 0);

	g_assert_cmpstr(vcpu->price_key, ==, "fargate.arm64.vcpu_hour");
	g_assert_cmpint(vcpu->unit_price.nanos, ==, 32380000);
	g_assert_cmpint(cost->total, ==, USD(28, 835000000));
}

/* FARGATE base 1 weight 1, FARGATE_SPOT weight 3, 5 tasks: 1 by base, the other 4 split 1:3,
 * so 2 on-demand and 3 on Spot. Spot rates: 0.04048 × (1 − 0.687659) = 0.01264356368 ->
 * 12,643,564 nanos, 0.004445 × 0.312341 = 0.001388355745 -> 1,388,356 nanos. on-demand
 * 2 tasks: 1460 × 0.04048 + 2920 × 0.004445 = 59.1008 + 12.9794 = $72.0802; Spot 3 tasks:
 * 2190 × 0.012643564 + 4380 × 0.001388356 = 27.68940516 + 6.08099928 = $33.77040444 */
static void
test_fargate_spot_mix(void)
{
	g_autoptr(PlanModel) model = load_services(
	    "{\"name\": \"mix\", \"cpu\": 1024, \"memory\": 2048, \"desired_count\": 5, "
	    "\"capacity_provider_strategy\": ["
	    "{\"capacity_provider\": \"FARGATE\", \"base\": 1, \"weight\": 1},"
	    "{\"capacity_provider\": \"FARGATE_SPOT\", \"weight\": 3}]}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	const PlanCostLine *spot_vcpu = &g_array_index(cost->lines, PlanCostLine, 2);
	const PlanCostLine *spot_memory = &g_array_index(cost->lines, PlanCostLine, 3);

	/* 2 lines each, then the model-wide cross-az and internet-egress lines */
	g_assert_cmpuint(cost->lines->len, ==, 6);
	g_assert_cmpint(category_cost(cost, PLAN_COST_FARGATE), ==, USD(72, 80200000));
	g_assert_cmpint(spot_vcpu->category, ==, PLAN_COST_FARGATE_SPOT);
	g_assert_cmpfloat(spot_vcpu->quantity, ==, 2190.0);
	g_assert_cmpint(spot_vcpu->unit_price.nanos, ==, 12643564);
	g_assert_cmpint(spot_memory->unit_price.nanos, ==, 1388356);
	g_assert_cmpint(spot_vcpu->unit_price.confidence, ==, PLAN_CONFIDENCE_DERIVED);
	g_assert_cmpstr(spot_vcpu->unit_price.source, ==, "S2 S3 S4");
	g_assert_cmpint(category_cost(cost, PLAN_COST_FARGATE_SPOT), ==, USD(33, 770404440));
	g_assert_cmpfloat(find_assumption(cost, "service/mix.spot_tasks")->value, ==, 3.0);
	assert_sums(cost);
}

/* 256 CPU / 4096 MiB is not a Fargate size: priced as 512/4096, the smallest that holds it,
 * and marked. 50 GB of ephemeral storage: 30 GB above the 20 included × 730 h × $0.000111 */
static void
test_fargate_fit_and_storage(void)
{
	g_autoptr(PlanModel) model = load_services(
	    "{\"name\": \"odd\", \"cpu\": 256, \"memory\": 4096, \"desired_count\": 1, "
	    "\"ephemeral_storage_gb\": 50}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	const PlanCostLine *vcpu = &g_array_index(cost->lines, PlanCostLine, 0);
	const PlanCostLine *storage = &g_array_index(cost->lines, PlanCostLine, 2);

	g_assert_cmpfloat(vcpu->quantity, ==, 365.0);
	g_assert_true(vcpu->estimate);
	g_assert_nonnull(strstr(vcpu->description, "256/4096 is not a Fargate size; priced as "
						   "512/4096"));
	g_assert_cmpstr(storage->price_key, ==, "fargate.ephemeral_gb_hour");
	g_assert_cmpfloat(storage->quantity, ==, 21900.0);
	g_assert_cmpint(storage->cost, ==, USD(2, 430900000));
	g_assert_true(cost->estimate);
}

/* 3 tasks with public IPs: 3 × 730 × $0.005 = $10.95 */
static void
test_public_ipv4_tasks(void)
{
	g_autoptr(PlanModel) model = load_services(
	    "{\"name\": \"edge\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 3, "
	    "\"subnets\": [\"public-a\", \"public-b\"], \"assign_public_ip\": true}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	const PlanCostLine *line = find_line(cost, PLAN_COST_PUBLIC_IPV4, "service/edge");

	g_assert_cmpfloat(line->quantity, ==, 2190.0);
	g_assert_cmpint(line->cost, ==, USD(10, 950000000));
	g_assert_cmpstr(line->service, ==, "edge");
}

/* the logs figures are monthly too: over 73 simulated hours (a tenth of 730), 20 GB ingested a
 * month is 2 GB × $0.50 = $1.00, 60 GB stored is 6 GB-months × $0.03 = $0.18 and 5 GB of
 * Container Insights events 0.5 GB × $0.50 = $0.25: $1.43, a tenth of the month's $14.30 */
static void
test_logs_prorated(void)
{
	g_autoptr(PlanModel) model = load_vpc_model(
	    "us-east-1", "",
	    "\"usage\": {\"logs_ingested_gb_per_month\": 20, \"logs_stored_gb\": 60, "
	    "\"container_insights_gb_per_month\": 5}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(GError) error = NULL;
	PlanCostOptions options = {.hours = 73.0, .hours_given = TRUE, .prorate_usage = TRUE};
	g_autoptr(PlanCost) cost = plan_cost(model, book, &options, &error);

	g_assert_no_error(error);
	g_assert_cmpint(category_cost(cost, PLAN_COST_LOGS), ==, USD(1, 430000000));
	assert_sums(cost);
}

/* ---- options, defaults, errors ----------------------------------------------------------------
 */

/* --hours 720: every hourly charge runs 720 h; the usage figures stay per month */
/* CloudWatch Logs (issue 13): 20 GB ingested × $0.50 = $10.00; 60 GB stored × $0.03 = $1.80;
 * Container Insights 5 GB × $0.50 = $2.50 (an estimate always); $14.30 in all. A model whose
 * tasks log with awslogs and gives no figure lists the default 0 and has no logs line */
static void
test_logs(void)
{
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanModel) model = load_vpc_model(
	    "us-east-1", "",
	    "\"usage\": {\"logs_ingested_gb_per_month\": 20, \"logs_stored_gb\": 60, "
	    "\"container_insights_gb_per_month\": 5}");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	g_autoptr(PlanModel) quiet = load_services(
	    "{\"name\": \"api\", \"cpu\": 256, \"memory\": 512, \"log_driver\": \"awslogs\"}");
	g_autoptr(PlanCost) quiet_cost = price_model(quiet, book, 0);
	const PlanCostLine *insights = find_line(cost, PLAN_COST_LOGS, "container-insights");
	guint n_logs = 0;

	g_assert_cmpint(category_cost(cost, PLAN_COST_LOGS), ==, USD(14, 300000000));
	g_assert_cmpint(insights->cost, ==, USD(2, 500000000));
	g_assert_true(insights->estimate);
	g_assert_cmpint(find_assumption(cost, "usage.logs_stored_gb")->from, ==,
			PLAN_COST_FROM_MODEL);
	g_assert_cmpint(category_cost(quiet_cost, PLAN_COST_LOGS), ==, 0);
	for (guint i = 0; i < quiet_cost->lines->len; i++)
		n_logs +=
		    g_array_index(quiet_cost->lines, PlanCostLine, i).category == PLAN_COST_LOGS;
	g_assert_cmpuint(n_logs, ==, 0);
	g_assert_cmpint(find_assumption(quiet_cost, "usage.logs_ingested_gb_per_month")->from, ==,
			PLAN_COST_FROM_DEFAULT);
}

static void
test_hours_option(void)
{
	g_autoptr(PlanModel) model = load_vpc_model(
	    "us-east-1", "\"nat_gateways\": [{\"name\": \"nat-a\", \"subnet\": \"public-a\"}]",
	    "\"usage\": {\"nat_gb_per_month\": 100}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 720);
	const PlanCostAssumption *hours = find_assumption(cost, "hours");

	g_assert_cmpint(category_cost(cost, PLAN_COST_NAT_HOURS), ==, USD(32, 400000000));
	g_assert_cmpint(category_cost(cost, PLAN_COST_NAT_DATA), ==, USD(4, 500000000));
	g_assert_cmpfloat(hours->value, ==, 720.0);
	g_assert_cmpint(hours->from, ==, PLAN_COST_FROM_OPTION);
}

static void
test_errors(void)
{
	static const double bad_hours[] = {-1.0, 0.0, 8785.0, NAN, INFINITY};
	g_autoptr(PlanModel) model = load_vpc_model("us-east-1", "", "");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanPriceBook) other = book_for("eu-west-1");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanCost) cost = plan_cost(model, other, NULL, &error);

	g_assert_null(cost);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION);
	g_assert_cmpstr(error->message, ==,
			"the price book is for region 'eu-west-1' but the model is in "
			"'us-east-1'");
	for (guint i = 0; i < G_N_ELEMENTS(bad_hours); i++) {
		g_autoptr(GError) hours_error = NULL;
		PlanCostOptions options = {bad_hours[i], TRUE};
		g_autoptr(PlanCost) none = plan_cost(model, book, &options, &hours_error);
		g_assert_null(none);
		g_assert_error(hours_error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION);
	}
}

/* usage figures not given are listed as defaults (0), given ones as the model's, even when a
 * given figure is 0; the writer writes back exactly the given ones */
static void
test_usage_defaults(void)
{
	g_autoptr(PlanModel) model = load_vpc_model(
	    "us-east-1",
	    "\"load_balancers\": [{\"name\": \"api\", \"scheme\": \"internal\", \"subnets\": "
	    "[\"private-a\", \"private-b\"], \"usage\": {\"processed_gb_per_month\": 0}}]",
	    "\"usage\": {\"cross_az_gb_per_month\": 0}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	g_autofree char *written = plan_model_to_json(model, NULL);

	g_assert_cmpint(find_assumption(cost, "usage.cross_az_gb_per_month")->from, ==,
			PLAN_COST_FROM_MODEL);
	g_assert_cmpint(find_assumption(cost, "usage.internet_egress_gb_per_month")->from, ==,
			PLAN_COST_FROM_DEFAULT);
	g_assert_cmpint(find_assumption(cost, "usage.nat_gb_per_month")->from, ==,
			PLAN_COST_FROM_DEFAULT);
	g_assert_cmpint(find_assumption(cost, "lb/api.processed_gb_per_month")->from, ==,
			PLAN_COST_FROM_MODEL);
	g_assert_cmpint(find_assumption(cost, "lb/api.new_connections_per_second")->from, ==,
			PLAN_COST_FROM_DEFAULT);
	g_assert_cmpint(find_assumption(cost, "hours")->from, ==, PLAN_COST_FROM_DEFAULT);
	g_assert_cmpuint(model->usage.set, ==, PLAN_USAGE_CROSS_AZ_GB);
	g_assert_nonnull(strstr(written, "\"cross_az_gb_per_month\":\t0"));
	g_assert_null(strstr(written, "nat_gb_per_month"));
	g_assert_nonnull(strstr(written, "\"processed_gb_per_month\":\t0"));
	g_assert_null(strstr(written, "new_connections_per_second"));
}

/* a --prices book for a region ecsplan does not cover, with only the NAT hour (unconfirmed):
 * the NAT hour is priced and marked ($0.065 × 730 = $47.45); the NAT data line uses 0 GB, so
 * it costs exactly 0 whatever the price; the Elastic IP's 730 IP-hours need public_ipv4.hour,
 * which the book lacks: unpriced, and the cost is incomplete */
static void
test_partial_book(void)
{
	static const char text[] =
	    "{\"ecsplan_prices\": 1, \"region\": \"sa-east-1\", \"currency\": \"USD\", "
	    "\"as_of\": \"2026-11\", \"sources\": {\"X1\": {\"title\": \"t\", \"as_of\": "
	    "\"2026\"}}, \"nat\": {\"hour\": {\"value\": 0.065, \"unit\": \"hour\", \"source\": "
	    "\"X1\", \"as_of\": \"2026\", \"confidence\": \"unconfirmed\"}}}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book =
	    plan_price_book_load_data(text, strlen(text), "p.json", NULL, &error);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanCost) cost = NULL;
	const PlanCostLine *hours;
	const PlanCostLine *data;
	const PlanCostLine *address;

	g_assert_no_error(error);
	model = load_vpc_model(
	    "sa-east-1", "\"nat_gateways\": [{\"name\": \"nat-a\", \"subnet\": \"public-a\"}]", "");
	cost = price_model(model, book, 0);
	hours = find_line(cost, PLAN_COST_NAT_HOURS, "nat/nat-a");
	data = find_line(cost, PLAN_COST_NAT_DATA, "nat/nat-a");
	address = find_line(cost, PLAN_COST_PUBLIC_IPV4, "nat/nat-a");
	g_assert_cmpint(hours->cost, ==, USD(47, 450000000));
	g_assert_true(hours->estimate);
	g_assert_false(data->unit_price.present);
	g_assert_false(data->unpriced);
	g_assert_cmpint(data->cost, ==, 0);
	g_assert_true(address->unpriced);
	g_assert_false(cost->complete);
	g_assert_cmpint(cost->total, ==, USD(47, 450000000));
	g_assert_cmpuint(cost->missing->len, ==, 1);
	g_assert_cmpstr(((const PlanDiagnostic *)g_ptr_array_index(cost->missing, 0))->path, ==,
			"vpcs[0].nat_gateways[0]");
	g_assert_cmpstr(cost->book_origin, ==, "p.json");
}

/* each figure keeps its own date: the header's range is that of the figures the lines used.
 * A NAT gateway in us-east-1 uses nat.hour (as of 2026-02 in the book), nat.gb at 0 GB and
 * public_ipv4.hour (2024-02-01), so the range is 2024-02-01 to 2026-02. A --prices file that
 * replaces only nat.hour (as of 2026-12) moves the newest date and nothing else, whatever the
 * file's own top-level date */
static void
test_dates(void)
{
	static const char text[] =
	    "{\"ecsplan_prices\": 1, \"region\": \"us-east-1\", \"as_of\": \"2027-01\", "
	    "\"sources\": {\"Q1\": {\"title\": \"t\", \"as_of\": \"2026-12\"}}, \"nat\": "
	    "{\"hour\": {\"value\": 0.05, \"unit\": \"hour\", \"source\": \"Q1\", "
	    "\"as_of\": \"2026-12\", \"confidence\": \"ok\"}}}";
	g_autoptr(PlanModel) model = load_vpc_model(
	    "us-east-1", "\"nat_gateways\": [{\"name\": \"nat-a\", \"subnet\": \"public-a\"}]", "");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) override =
	    plan_price_book_load_data(text, strlen(text), "q.json", NULL, &error);
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	g_autoptr(PlanCost) overridden = NULL;
	const PlanPrice *nat = plan_price_book_get(book, "nat.hour");
	const PlanPrice *ipv4 = plan_price_book_get(book, "public_ipv4.hour");
	const char *oldest = strcmp(nat->as_of, ipv4->as_of) < 0 ? nat->as_of : ipv4->as_of;

	g_assert_no_error(error);
	g_assert_cmpstr(cost->figures_oldest, ==, oldest);
	g_assert_cmpstr(cost->figures_newest, !=, "2026-12");
	g_assert_cmpuint(cost->n_undated, ==, 0);
	overridden = price_model(model, override, 0);
	g_assert_cmpstr(overridden->figures_oldest, ==, ipv4->as_of);
	g_assert_cmpstr(overridden->figures_newest, ==, "2026-12");
	/* the file's own date is the book's, not the figures' */
	g_assert_cmpstr(overridden->book_as_of, ==, "2027-01");
}

/* ---- money ------------------------------------------------------------------------------------
 */

static void
test_money_format(void)
{
	static const struct {
		PlanNanos nanos;
		const char *shown; /* report_format_money */
		const char *exact; /* report_nanos_to_string */
	} cases[] = {
	    {0, "0.00", "0.00"},
	    {USD(9, 10025000), "9.01", "9.010025"},
	    {USD(16, 425000000), "16.43", "16.425"},
	    {USD(0, 4999999), "0.00", "0.004999999"},
	    {USD(0, 5000000), "0.01", "0.005"},
	    {-USD(0, 5000000), "-0.01", "-0.005"},
	    {-USD(0, 4999999), "0.00", "-0.004999999"},
	    {USD(180, 200500000), "180.20", "180.2005"},
	    {USD(1234567, 994999999), "1234567.99", "1234567.994999999"},
	    {G_MAXINT64, "9223372036.85", "9223372036.854775807"},
	    {G_MININT64, "-9223372036.85", "-9223372036.854775808"},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *shown = money(cases[i].nanos);
		g_autofree char *exact = report_nanos_to_string(cases[i].nanos);
		char cell[REPORT_MONEY_SIZE];
		g_autofree char *estimate = g_strconcat(REPORT_ESTIMATE_MARK, cases[i].shown, NULL);
		g_autofree char *allocated = report_money_cell(cases[i].nanos, TRUE);
		g_assert_cmpstr(shown, ==, cases[i].shown);
		g_assert_cmpstr(exact, ==, cases[i].exact);
		/* the table cell in a buffer (compare's tables): the same digits, its length, the
		 * estimate mark in front; the widest, "~-9223372036.85", fits */
		g_assert_cmpuint(report_money_text(cell, cases[i].nanos, FALSE), ==,
				 strlen(cases[i].shown));
		g_assert_cmpstr(cell, ==, cases[i].shown);
		g_assert_cmpuint(report_money_text(cell, cases[i].nanos, TRUE), ==,
				 strlen(estimate));
		g_assert_cmpstr(cell, ==, estimate);
		g_assert_cmpstr(allocated, ==, estimate);
	}
}

/* the one rounding step: to the nano-dollar, halves away from zero */
static void
test_multiply(void)
{
	g_assert_cmpint(plan_cost_multiply(0.5, 1), ==, 1);
	g_assert_cmpint(plan_cost_multiply(2.5, 1), ==, 3);
	g_assert_cmpint(plan_cost_multiply(-0.5, 1), ==, -1);
	g_assert_cmpint(plan_cost_multiply(0.25, 1), ==, 0);
	g_assert_cmpint(plan_cost_multiply(730.0, 45000000), ==, USD(32, 850000000));
	g_assert_cmpint(plan_cost_multiply(1000.0 / 730.0 * 730.0, 8000000), ==, USD(8, 0));
}

/* the renderers: json carries exact money, csv one row per line, text the arithmetic */
static void
test_render(void)
{
	g_autoptr(PlanModel) model = load_services(
	    "{\"name\": \"tiny\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 1}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) json = report_cost(model, cost, REPORT_FORMAT_JSON, 0, &error);
	g_autoptr(GString) csv = report_cost(model, cost, REPORT_FORMAT_CSV, 0, &error);
	g_autoptr(GString) text = report_cost(model, cost, REPORT_FORMAT_TEXT, 0, &error);
	g_autoptr(GString) svg = NULL;

	g_assert_no_error(error);
	g_assert_true(
	    g_str_has_prefix(json->str, "{\n\t\"currency\":\t\"USD\",\n\t\"hours\":\t730,"));
	g_assert_nonnull(strstr(json->str, "\"total\":\t9.010025,"));
	g_assert_nonnull(strstr(json->str, "\"unit_price\":\t0.04048,"));
	g_assert_nonnull(strstr(json->str, "\"cost\":\t7.3876,"));
	g_assert_true(g_str_has_prefix(csv->str, "category,resource,az,service,description,"));
	g_assert_nonnull(strstr(csv->str, "\r\nfargate,service/tiny,,tiny,1 task × 0.25 vCPU × "
					  "730 h,182.5,vCPU-hour,0.04048,7.3876,false,"));
	g_assert_nonnull(strstr(text->str, "182.5  vCPU-hour  ×     0.04048  =  7.39"));
	svg = report_cost(model, cost, REPORT_FORMAT_SVG, 0, &error);
	g_assert_null(svg);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
}

/* issue 10: an unlinked model priced what happened to resolve (seed 003: $104.79 in 12 lines
 * instead of $112.09 in 13). The loader links now, and the engine refuses an unlinked model */
static void
test_unlinked_guard(void)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_builtin("seed003-fargate-https-alb", &error);
	g_autoptr(PlanResult) result = NULL;
	g_autoptr(PlanPriceBook) book = NULL;
	PlanCost *unlinked;

	g_assert_no_error(error);
	g_assert_true(model->linked);
	result = plan_analyse(model, &(PlanAnalyseOptions){.parts = PLAN_ANALYSE_COST}, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(result->cost->lines->len, ==, 13);
	g_assert_cmpint(result->cost->total, ==, 112086025000);

	book = plan_price_book_choose(model->region, NULL, &error);
	g_assert_no_error(error);
	model->linked = FALSE;
	g_test_expect_message("ecsplan", G_LOG_LEVEL_CRITICAL, "*model->linked*");
	unlinked = plan_cost(model, book, NULL, &error);
	g_test_assert_expected_messages();
	g_assert_null(unlinked);
}

/* Fargate rates looked up once (what compare's curve prices thousands of task counts with)
 * give plan_cost_fargate_tasks()'s nano-dollars. us-east-1: x86_64 $0.04048 a vCPU-hour and
 * $0.004445 a GB-hour [S2 S3 S4], fargate.spot_discount 0.687659 (secondary), extra storage
 * $0.000111 a GB-hour (secondary) */
static void
test_fargate_rates(void)
{
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	PlanCostFargateRates on_demand;
	PlanCostFargateRates spot;
	PlanCostFargateRates storage;
	gboolean estimate = FALSE;

	plan_cost_fargate_rates(book, PLAN_ARCH_X86_64, 20, FALSE, &on_demand);
	plan_cost_fargate_rates(book, PLAN_ARCH_X86_64, 20, TRUE, &spot);
	plan_cost_fargate_rates(book, PLAN_ARCH_X86_64, 50, FALSE, &storage);
	g_assert_true(on_demand.priced && spot.priced && storage.priced);
	/* 10 tasks of 1 vCPU and 2 GB, 730 h: 7,300 vCPU-h × 0.04048 = 295.504 and
	 * 14,600 GB-h × 0.004445 = 64.897, so 360.401; every figure confirmed */
	g_assert_cmpint(plan_cost_fargate_rates_cost(&on_demand, 1024, 2048, 10, 730.0, &estimate),
			==, USD(360, 401000000));
	g_assert_false(estimate);
	/* Spot: 40,480,000 n$ × (1 − 0.687659) = 12,643,563.68 → 12,643,564 a vCPU-hour and
	 * 4,445,000 × 0.312341 = 1,388,355.745 → 1,388,356 a GB-hour; 7,300 × 12,643,564 =
	 * 92.2980172 USD and 14,600 × 1,388,356 = 20.2699976 USD. The discount is secondary and
	 * the Spot rate derived: both have a source, neither is an estimate */
	g_assert_cmpint(plan_cost_fargate_rates_cost(&spot, 1024, 2048, 10, 730.0, &estimate), ==,
			USD(112, 568014800));
	g_assert_false(estimate);
	/* 50 GB of storage: 30 GB above the included 20, 10 × 30 × 730 = 219,000 GB-h × 0.000111
	 * = 24.309 on top of 360.401 */
	g_assert_cmpint(plan_cost_fargate_rates_cost(&storage, 1024, 2048, 10, 730.0, &estimate),
			==, USD(384, 710000000));
	g_assert_false(estimate);
	/* a rate the book lacks makes the sum an estimate, except where no task is priced */
	storage.uncertain = TRUE;
	g_assert_cmpint(plan_cost_fargate_rates_cost(&storage, 1024, 2048, 0, 730.0, &estimate), ==,
			0);
	g_assert_false(estimate);
	plan_cost_fargate_rates_cost(&storage, 1024, 2048, 1, 730.0, &estimate);
	g_assert_true(estimate);
	/* the same nano-dollars as the lookup per call, at every count of a curve */
	for (gint64 n = 1; n <= 2000; n += 37) {
		g_assert_cmpint(plan_cost_fargate_rates_cost(&spot, 512, 1024, n, 730.0, NULL), ==,
				plan_cost_fargate_tasks(book, PLAN_ARCH_X86_64, 512, 1024, 20, n,
							TRUE, 730.0, NULL));
		g_assert_cmpint(plan_cost_fargate_rates_cost(&storage, 4096, 8192, n, 720.5, NULL),
				==,
				plan_cost_fargate_tasks(book, PLAN_ARCH_X86_64, 4096, 8192, 50, n,
							FALSE, 720.5, NULL));
	}
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/cost/fargate/five-tasks", test_fargate_five_tasks);
	g_test_add_func("/planner/cost/fargate/quarter", test_fargate_quarter);
	g_test_add_func("/planner/cost/fargate/autoscaling-min", test_fargate_autoscaling_min);
	g_test_add_func("/planner/cost/fargate/arm", test_fargate_arm);
	g_test_add_func("/planner/cost/fargate/spot-mix", test_fargate_spot_mix);
	g_test_add_func("/planner/cost/fargate/fit-and-storage", test_fargate_fit_and_storage);
	g_test_add_func("/planner/cost/fargate/rates", test_fargate_rates);
	g_test_add_func("/planner/cost/public-ipv4/tasks", test_public_ipv4_tasks);
	g_test_add_func("/planner/cost/logs", test_logs);
	g_test_add_func("/planner/cost/logs/prorated", test_logs_prorated);
	g_test_add_func("/planner/cost/hours-option", test_hours_option);
	g_test_add_func("/planner/cost/errors", test_errors);
	g_test_add_func("/planner/cost/usage-defaults", test_usage_defaults);
	g_test_add_func("/planner/cost/partial-book", test_partial_book);
	g_test_add_func("/planner/cost/dates", test_dates);
	g_test_add_func("/reports/cost/money", test_money_format);
	g_test_add_func("/planner/cost/multiply", test_multiply);
	g_test_add_func("/planner/cost/unlinked-guard", test_unlinked_guard);
	g_test_add_func("/reports/cost/render", test_render);
	return g_test_run();
}
