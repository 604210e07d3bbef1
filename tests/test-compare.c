/* ecsplan: unit tests for planner/compare/ and its renderers (cost diff: test-cost-diff.c) — figures
 * worked out by hand from the us-east-1 book (docs/compare.md repeats the arithmetic), the
 * chart script through gnuplot, and the CLI's exit codes and its fallback without gnuplot */
#include "test-util.h"
#include "test-cost-util.h"
#include "compare.h"
#include "diagnostic.h"
#include "gnuplot.h"
#include "loader.h"
#include "plan-error.h"
#include "render-compare.h"
#include "svg-embed.h"
#include "xml-writer.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* a quantity with its source, as the price book writes one */
#define TQ(value, unit)                                                                            \
	"{\"value\": " value ", \"unit\": \"" unit "\", \"source\": \"T1\", \"as_of\": "            \
	"\"2026\", \"confidence\": \"ok\"}"

static PlanCompare *
compare_model(const PlanModel *model, const PlanPriceBook *book, const char *service)
{
	g_autoptr(GError) error = NULL;
	PlanCompareOptions options = {0, FALSE, service};
	PlanCompare *compare = plan_compare(model, book, &options, &error);

	g_assert_no_error(error);
	g_assert_nonnull(compare);
	return compare;
}

static const PlanCompareOption *
find_option(const PlanCompareEntry *entry, const char *label)
{
	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		if (strcmp(option->label, label) == 0)
			return option;
	}
	g_assert_not_reached();
	return NULL;
}

static const PlanCompareOption *
option_at(const PlanCompareEntry *entry, guint index)
{
	g_assert_cmpuint(index, <, entry->options->len);
	return &g_array_index(entry->options, PlanCompareOption, index);
}

/* issue 12 item 1: 8 bridge tasks of 512/1024 on m5.large in AZs a and b, beside a DAEMON
 * service of 256/512 (awsvpc) and, in the second model, ECS_RESERVED_MEMORY 4096 */
#define DAEMON_MODEL(reserved)                                                                     \
	"{\"ecsplan\": 1, \"name\": \"daemons\", \"region\": \"us-east-1\", " VPC_ABC ", "         \
	"\"clusters\": [{\"name\": \"ecs\", \"instance_type\": \"m5.large\", \"max\": 20, "         \
	"\"subnets\": [\"a\", \"b\"]" reserved "}], "                                               \
	"\"services\": [{\"name\": \"api\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "      \
	"\"network_mode\": \"bridge\", \"cpu\": 512, \"memory\": 1024, \"desired_count\": 8}, "     \
	"{\"name\": \"agent\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "                   \
	"\"scheduling_strategy\": \"DAEMON\", \"cpu\": 256, \"memory\": 512, "                      \
	"\"subnets\": [\"a\", \"b\"]}]}"

/* m5.large registers 2048 units and 8192 − floor(8192 × 253 / 10000) = 7985 MiB; beside the
 * daemon 1792 and 7473 are left: 512/1024 tasks fit min(1792 / 512, 7473 / 1024) = 3 (cpu),
 * not 4. 8 tasks, 4 per AZ: ceil(4 / 3) = 2 per AZ = 4 instances (without the daemon 1 per AZ
 * = 2): 4 × 730 × $0.096 = $280.32 + 4 × 30 GB × $0.08 = $9.60 → $289.92. The daemon takes
 * 256 / 2048 = 12.5% of the CPU and 512 / 7985 = 6.41% of the memory of each instance.
 * Fargate has no daemons: the agent runs as a sidecar in every task, 512 + 256 = 768 units and
 * 1024 + 512 = 1536 MiB, fitted to 1024/2048: 8 × 730 × (1 × $0.04048 + 2 × $0.004445) =
 * 8 × 730 × $0.04937 = $288.3208 (without the sidecar 512/1024: 8 × 730 × $0.024685 =
 * $144.16). The daemon is no entry of its own.
 * With reserved_memory_mib 4096: 7985 − 4096 = 3889 registered, 3377 beside the daemon, still
 * 3 tasks by cpu (3377 / 1024 = 3); the option says so */
static void
test_compare_daemons(void)
{
	g_autoptr(PlanModel) model = load_model(DAEMON_MODEL(""));
	g_autoptr(PlanModel) reserved = load_model(DAEMON_MODEL(", \"reserved_memory_mib\": 4096"));
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	g_autoptr(PlanCompare) compare_reserved = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) json = NULL;
	g_autoptr(GString) text = NULL;
	PlanCompareOptions named = {0, FALSE, "agent"};
	const PlanCompareEntry *entry;
	const PlanCompareOption *option;

	g_assert_cmpuint(compare->services->len, ==, 1);
	entry = g_ptr_array_index(compare->services, 0);
	g_assert_cmpstr(entry->name, ==, "api");
	g_assert_cmpuint(entry->n_daemons, ==, 1);
	g_assert_cmpstr(entry->daemon_names, ==, "'agent'");
	g_assert_cmpint(entry->sidecar_cpu_units, ==, 256);
	g_assert_cmpint(entry->sidecar_memory_mib, ==, 512);
	g_assert_cmpint(entry->fargate_cpu_units, ==, 1024);
	g_assert_cmpint(entry->fargate_memory_mib, ==, 2048);
	option = find_option(entry, "Fargate x86_64");
	g_assert_cmpint(option->monthly_cost, ==, USD(288, 320800000));
	option = find_option(entry, "EC2 m5.large");
	g_assert_true(option->current);
	g_assert_cmpint(option->tasks_per_instance, ==, 3);
	g_assert_cmpint(option->limit, ==, PLAN_LIMIT_CPU);
	g_assert_cmpint(option->instances, ==, 4);
	g_assert_cmpint(option->monthly_cost, ==, USD(289, 920000000));
	g_assert_cmpuint(option->n_daemons, ==, 1);
	g_assert_cmpint(option->daemon_cpu_units, ==, 256);
	g_assert_cmpint(option->daemon_memory_mib, ==, 512);
	g_assert_cmpfloat_with_epsilon(option->daemon_cpu_share, 0.125, 1e-9);
	g_assert_cmpfloat_with_epsilon(option->daemon_memory_share, 512.0 / 7985.0, 1e-9);
	g_assert_cmpint(option->reserved_memory_mib, ==, 0);

	json = report_compare(model, compare, REPORT_FORMAT_JSON, NULL, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(json->str, "\"fargate_sidecar\""));
	g_assert_nonnull(strstr(json->str, "\"per_instance_reserve\""));
	text = report_compare(model, compare, REPORT_FORMAT_TEXT, NULL, &error);
	g_assert_no_error(error);
	g_assert_nonnull(strstr(text->str, "the daemon 'agent' of its cluster runs as a sidecar in "
					   "every Fargate task"));
	g_assert_nonnull(strstr(text->str, "1 daemon takes 256 CPU units / 512 MiB of each "
					   "instance (12.5% CPU, 6.4% memory)"));

	compare_reserved = compare_model(reserved, book, NULL);
	option = find_option(g_ptr_array_index(compare_reserved->services, 0), "EC2 m5.large");
	g_assert_cmpint(option->reserved_memory_mib, ==, 4096);
	g_assert_cmpint(option->tasks_per_instance, ==, 3);
	g_assert_cmpfloat_with_epsilon(option->daemon_memory_share, 512.0 / 3889.0, 1e-9);

	/* a daemon named on its own is refused with where it is compared */
	g_assert_null(plan_compare(model, book, &named, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION);
	g_assert_nonnull(strstr(error->message, "is a DAEMON service"));
}

/* 10 tasks of 1 vCPU / 2 GB over 2 AZs (the worked example) */
static const char fargate_10[] =
    "{\"ecsplan\": 1, \"name\": \"ten\", \"region\": \"us-east-1\", " VPC_ABC ", "
    "\"services\": [{\"name\": \"api\", \"vpc\": \"main\", \"launch_type\": \"FARGATE\", "
    "\"cpu\": 1024, \"memory\": 2048, \"desired_count\": 10, \"subnets\": [\"a\", \"b\"], "
    "\"containers\": [{\"name\": \"app\"}]}]}";

/* Fargate x86 = 10 × 730 × (0.04048 + 2 × 0.004445) = $360.401; arm64 = 10 × 730 ×
 * (0.03238 + 2 × 0.00356) = $288.35. EC2, 5 tasks per AZ, awsvpc without trunking, each
 * instance with the default 30 GB gp3 root volume (30 × $0.08 = $2.40 a month):
 *   m5.large:  2 a host (cpu, and 2 ENIs) → 3 + 3 = 6 × 730 × 0.096 = $420.48 + 6 × 2.40 =
 *              $434.88 (m6i.large costs the same; the name breaks the tie)
 *   c5.xlarge: 3 a host (memory 7985 / 2048) → 2 + 2 = 4 × 730 × 0.17 = $496.40 + 4 × 2.40 =
 *              $506.00
 * The burstable t3.medium and t3.large hold the task but are left out: the service gives no
 * cpu_utilization, so their CPU credits are unknown (the next test gives it); t3.small,
 * t3.micro and t2.nano do not hold 2048 MiB */
static void
test_compare_fargate_worked(void)
{
	g_autoptr(PlanModel) model = load_model(fargate_10);
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	const PlanCompareEntry *entry;
	const PlanCompareOption *option;
	static const struct {
		const char *type;
		gint64 instances;
		PlanNanos cost;
	} ec2[] = {
	    {"m5.large", 6, USD(434, 880000000)},
	    {"m6i.large", 6, USD(434, 880000000)},
	    {"c5.xlarge", 4, USD(506, 0)},
	};
	guint seen = 0;

	g_assert_cmpuint(compare->services->len, ==, 1);
	entry = g_ptr_array_index(compare->services, 0);
	g_assert_cmpint(entry->tasks, ==, 10);
	g_assert_cmpuint(entry->n_azs, ==, 2);
	g_assert_false(entry->fargate_fitted);

	option = find_option(entry, "Fargate x86_64");
	g_assert_cmpint(option->monthly_cost, ==, USD(360, 401000000));
	g_assert_true(option->current);
	option = find_option(entry, "Fargate arm64");
	g_assert_cmpint(option->monthly_cost, ==, USD(288, 350000000));
	g_assert_false(option->current);
	/* no strategy: the Spot option is every task on Spot, at the cost engine's Spot rate */
	option = find_option(entry, "Fargate Spot, all tasks");
	g_assert_cmpint(option->spot_tasks, ==, 10);
	g_assert_cmpint(
	    option->monthly_cost, ==,
	    plan_cost_fargate_tasks(book, PLAN_ARCH_X86_64, 1024, 2048, 20, 10, TRUE, 730.0, NULL));

	/* the three cheapest types, in order of cost */
	for (guint i = 0; i < entry->options->len; i++) {
		option = option_at(entry, i);
		if (option->kind != PLAN_COMPARE_EC2 || option->purchase == PLAN_COMPARE_SPOT)
			continue;
		g_assert_cmpuint(seen, <, G_N_ELEMENTS(ec2));
		g_assert_cmpstr(option->instance_type->name, ==, ec2[seen].type);
		g_assert_cmpint(option->instances, ==, ec2[seen].instances);
		g_assert_cmpint(option->monthly_cost, ==, ec2[seen].cost);
		/* the parts add up: 2.40 of EBS an instance, no credits */
		g_assert_cmpint(option->costs.ebs, ==, ec2[seen].instances * USD(2, 400000000));
		g_assert_cmpint(option->costs.credits, ==, 0);
		g_assert_cmpint(option->costs.instances + option->costs.ebs, ==,
				option->monthly_cost);
		g_assert_true(option->estimate); /* EBS rests on the unconfirmed S43 figure */
		seen++;
	}
	g_assert_cmpuint(seen, ==, PLAN_COMPARE_EC2_TYPES);
	g_assert_cmpuint(entry->n_burstable_skipped, ==, 2); /* t3.medium, t3.large */
	/* what the unknown use decides: t3.medium's hours and EBS cost 303.68 + 24.00 = 327.68,
	 * $32.721 under Fargate x86_64's 360.401; that buys 32.721 ÷ (730 × 0.05) = 0.8964658 vCPU
	 * of credits above the 10 × 2 × 20% = 4 vCPUs earned, so EC2 is cheaper while the 10
	 * tasks' 10 vCPUs are less than (4 + 0.8964658) ÷ 10 = 48.96% busy */
	g_assert_cmpstr(entry->burst_type->name, ==, "t3.medium");
	g_assert_cmpfloat_with_epsilon(entry->burst_utilization, 4.8964657534 / 10.0, 1e-9);
	option = find_option(entry, "EC2 m5.large");
	g_assert_cmpint(option->tasks_per_instance, ==, 2);
	/* reserved: 10 × 1024 units of 6 × 2048 registered */
	g_assert_cmpfloat_with_epsilon(option->cpu_utilisation, 10240.0 / 12288.0, 1e-12);

	/* sorted by cost: all Spot, m5.large on Spot (420.48 × 0.35 = 147.168 + 14.40 of EBS =
	 * 161.568), arm64 at 288.35, x86 at 360.401, m5.large at 434.88 */
	g_assert_cmpint(option_at(entry, 0)->kind, ==, PLAN_COMPARE_FARGATE_SPOT);
	g_assert_true(plan_compare_cheapest(entry) == option_at(entry, 0));
	g_assert_cmpint(option_at(entry, 0)->purchase, ==, PLAN_COMPARE_SPOT);
	g_assert_cmpstr(option_at(entry, 1)->label, ==, "EC2 m5.large Spot");
	g_assert_cmpint(option_at(entry, 1)->purchase, ==, PLAN_COMPARE_SPOT);
	g_assert_cmpint(option_at(entry, 1)->monthly_cost, ==, USD(161, 568000000));
	g_assert_cmpstr(option_at(entry, 2)->label, ==, "Fargate arm64");
	g_assert_cmpint(option_at(entry, 2)->purchase, ==, PLAN_COMPARE_ON_DEMAND);
	g_assert_cmpstr(option_at(entry, 3)->label, ==, "Fargate x86_64");
	g_assert_cmpint(option_at(entry, 3)->costs.fargate, ==, USD(360, 401000000));
	g_assert_cmpstr(option_at(entry, 4)->label, ==, "EC2 m5.large");
	g_assert_true(plan_compare_current(entry) == option_at(entry, 3));

	/* m5.large: n tasks take 2 × ceil(n / 4) instances over the 2 AZs (n even), each
	 * 730 × 0.096 + 2.40 = $72.48; Fargate is n × $36.0401. At 4 tasks 2 × 72.48 = 144.96
	 * against 144.1604; at 8, 289.92 against 288.3208: EC2 costs more at every count, as
	 * each instance's two tasks cost 2 × 36.0401 = 72.0802 < 72.48 even when it is full */
	g_assert_false(entry->break_even.found);
	g_assert_cmpstr(entry->break_even.type->name, ==, "m5.large");
	g_assert_cmpint(entry->break_even.first_cheaper, ==, 0);
	g_assert_cmpint(entry->break_even.range, ==, 200);
}

/* EC2 Spot from the book's Spot Advisor figures (issue 11's purchase options) when it has them
 * for the type: m5.large 70% off, interrupted <5% a month: 420.48 × (1 − 0.70) = 126.144 of
 * instance hours + 14.40 of EBS = $140.544 */
static void
test_compare_ec2_spot_advice(void)
{
	static const char prices[] =
	    "{\"ecsplan_prices\": 1, \"region\": \"us-east-1\", \"currency\": \"USD\", "
	    "\"as_of\": \"2026-12\", \"sources\": {\"T1\": {\"title\": \"test-compare\", "
	    "\"as_of\": \"2026\"}}, \"spot\": {\"ec2\": {\"m5.large\": {\"savings\": {\"value\": "
	    "0.7, \"unit\": \"ratio\", \"source\": \"T1\", \"as_of\": \"2026\", \"confidence\": "
	    "\"ok\"}, \"interruption\": \"<5%\"}}}}";
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book =
	    plan_price_book_load_data(prices, strlen(prices), "spot.json", NULL, &error);
	g_autoptr(PlanModel) model = load_model(fargate_10);
	g_autoptr(PlanCompare) compare = NULL;
	const PlanCompareOption *option;

	g_assert_no_error(error);
	compare = compare_model(model, book, NULL);
	option = find_option(g_ptr_array_index(compare->services, 0), "EC2 m5.large Spot");
	g_assert_cmpstr(option->interruption, ==, "<5%");
	g_assert_cmpfloat_with_epsilon(option->spot_savings, 0.7, 1e-12);
	g_assert_cmpint(option->costs.instances, ==, USD(126, 144000000));
	g_assert_cmpint(option->monthly_cost, ==, USD(140, 544000000));
}

/* Savings Plans, Reserved Instances and Spot on both sides of a 30-task service (issue 12 item
 * 2): 30 tasks of 1 vCPU / 2 GB over 2 AZs, us-east-1, 730 h, default terms (1 year no upfront,
 * 3 years all upfront). The EC2 rates are fixture figures in the book's format (the built-in
 * book has none); the Fargate Compute SP rates are the built-in estimates [S50][S51].
 *
 * Fargate x86_64 on-demand: 30 × 730 = 21,900 task-hours × (0.04048 + 2 × 0.004445 = 0.04937)
 *   = $1,081.203
 * Compute SP 1y no upfront: vCPU 0.04048 × 0.80 = 0.032384, GB 0.004445 × 0.80 = 0.003556:
 *   a task-hour 0.032384 + 2 × 0.003556 = $0.039496; 21,900 × 0.032384 = 709.2096 +
 *   43,800 × 0.003556 = 155.7528: $864.9624
 * Compute SP 3y all upfront: × 0.50: 0.02024 + 2 × 0.0022225 = $0.024685 a task-hour;
 *   21,900 × 0.02024 = 443.256 + 43,800 × 0.0022225 = 97.3455: $540.6015
 * Fargate Spot, all tasks: on-demand × (1 − 0.687659): about $337.70 (the cost engine's)
 *
 * EC2 m5.large (cheapest; 2 awsvpc tasks a host by ENIs): 15 tasks an AZ → 8 + 8 = 16
 *   instances, 16 × 730 = 11,680 instance-hours; EBS 16 × 30 GB × $0.08 = $38.40
 *   on-demand 11,680 × 0.096 = 1,121.28 + 38.40 = $1,159.68
 *   Compute SP 1y no upfront at 0.068: 794.24 + 38.40 = $832.64
 *   EC2 Instance SP 3y all upfront at 0.041: 478.88 + 38.40 = $517.28
 *   RI 1y no upfront, hourly 0.06: 700.80 + 38.40 = $739.20
 *   RI 3y all upfront, 0 + 999 / 26,280 = 0.0380136986 → $0.038013699 (half up, nano-dollars);
 *     11,680 × 0.038013699 = 444.00000432 + 38.40 = $482.40000432
 *   Compute SP 3y all upfront and EC2 Instance SP 1y no upfront: no rate → price missing
 *   Spot at the Spot Advisor's 70% off: 1,121.28 × 0.30 = 336.384 + 38.40 = $374.784 */
static const char commit_prices[] =
    "{\"ecsplan_prices\": 1, \"region\": \"us-east-1\", \"currency\": \"USD\", "
    "\"as_of\": \"2026-12\", \"sources\": {\"T1\": {\"title\": \"test-compare fixture\", "
    "\"as_of\": \"2026\"}}, "
    "\"savings_plans\": {\"compute\": {\"ec2\": {\"m5.large\": {\"1y_no_upfront\": "
    "" TQ("0.068", "hour") "}}}, \"ec2_instance\": {\"m5.large\": {\"3y_all_upfront\": "
    "" TQ("0.041", "hour") "}}}, "
    "\"reserved\": {\"m5.large\": {\"1y_no_upfront\": {\"hourly\": " TQ("0.06", "hour") "}, "
    "\"3y_all_upfront\": {\"hourly\": " TQ("0", "hour") ", \"upfront\": "
    "" TQ("999", "instance") "}}}, "
    "\"spot\": {\"ec2\": {\"m5.large\": {\"savings\": " TQ("0.7", "ratio") ", "
    "\"interruption\": \"<5%\"}}}}";

static const PlanCompareCommitOption *
find_commit(const PlanCompareEntry *entry, PlanCompareKind kind, const char *purchase)
{
	for (guint i = 0; i < entry->commitments->len; i++) {
		const PlanCompareCommitOption *option =
		    &g_array_index(entry->commitments, PlanCompareCommitOption, i);
		if (option->kind == kind && strcmp(option->purchase, purchase) == 0)
			return option;
	}
	g_assert_not_reached();
	return NULL;
}

static void
test_compare_commitments(void)
{
	g_autoptr(GString) json = g_string_new(fargate_10);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = plan_price_book_load_data(
	    commit_prices, strlen(commit_prices), "commit.json", NULL, &error);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanCompare) compare = NULL;
	const PlanCompareEntry *entry;
	const PlanCompareCommitOption *commit;
	const PlanCompareOption *option;

	g_assert_no_error(error);
	g_string_replace(json, "\"desired_count\": 10", "\"desired_count\": 30", 1);
	/* the account already has 3-year all-upfront RIs: that row is marked current */
	g_string_replace(json, "\"name\": \"ten\", ",
			 "\"name\": \"ten\", \"pricing\": {\"commitments\": [{\"type\": "
			 "\"reserved\", \"term\": \"3y\", \"payment\": \"all-upfront\"}]}, ",
			 1);
	model = load_model(json->str);
	g_assert_cmpuint(model->pricing.commitments->len, ==, 1);
	compare = compare_model(model, book, NULL);
	entry = g_ptr_array_index(compare->services, 0);
	g_assert_cmpint(entry->tasks, ==, 30);
	/* 2 Fargate rows + 3 kinds × 2 terms on EC2 */
	g_assert_cmpuint(entry->commitments->len, ==, 8);

	option = find_option(entry, "Fargate x86_64");
	g_assert_cmpint(option->monthly_cost, ==, USD(1081, 203000000));
	commit = find_commit(entry, PLAN_COMPARE_FARGATE_X86, "compute-sp-1y-no-upfront");
	g_assert_true(commit->priced);
	g_assert_true(commit->estimate); /* the built-in SP rates are estimates */
	g_assert_cmpstr(commit->label, ==, "Fargate x86_64, Compute SP 1y no upfront");
	g_assert_cmpint(commit->effective, ==, USD(0, 39496000));
	g_assert_cmpint(commit->monthly_cost, ==, USD(864, 962400000));
	g_assert_cmpint(commit->on_demand_cost, ==, USD(1081, 203000000));
	commit = find_commit(entry, PLAN_COMPARE_FARGATE_X86, "compute-sp-3y-all-upfront");
	g_assert_cmpint(commit->effective, ==, USD(0, 24685000));
	g_assert_cmpint(commit->monthly_cost, ==, USD(540, 601500000));
	option = find_option(entry, "Fargate Spot, all tasks");
	g_assert_cmpint(option->monthly_cost, >=, USD(337, 690000000));
	g_assert_cmpint(option->monthly_cost, <=, USD(337, 710000000));

	option = find_option(entry, "EC2 m5.large");
	g_assert_cmpint(option->instances, ==, 16);
	g_assert_cmpint(option->monthly_cost, ==, USD(1159, 680000000));
	option = find_option(entry, "EC2 m5.large Spot");
	g_assert_cmpint(option->monthly_cost, ==, USD(374, 784000000));
	commit = find_commit(entry, PLAN_COMPARE_EC2, "compute-sp-1y-no-upfront");
	g_assert_true(commit->priced);
	g_assert_cmpint(commit->instances, ==, 16);
	g_assert_cmpint(commit->effective, ==, USD(0, 68000000));
	g_assert_cmpint(commit->monthly_cost, ==, USD(832, 640000000));
	g_assert_cmpstr(commit->source, ==, "T1");
	commit = find_commit(entry, PLAN_COMPARE_EC2, "ec2-instance-sp-3y-all-upfront");
	g_assert_cmpint(commit->monthly_cost, ==, USD(517, 280000000));
	commit = find_commit(entry, PLAN_COMPARE_EC2, "reserved-1y-no-upfront");
	g_assert_cmpint(commit->monthly_cost, ==, USD(739, 200000000));
	commit = find_commit(entry, PLAN_COMPARE_EC2, "reserved-3y-all-upfront");
	g_assert_cmpint(commit->hourly, ==, 0);
	g_assert_cmpint(commit->upfront_cost, ==, USD(999, 0));
	g_assert_cmpint(commit->effective, ==, USD(0, 38013699));
	g_assert_cmpint(commit->costs.instances, ==, USD(444, 4320));
	g_assert_cmpint(commit->costs.ebs, ==, USD(38, 400000000));
	g_assert_cmpint(commit->monthly_cost, ==, USD(482, 400004320));
	g_assert_true(commit->current);
	g_assert_false(find_commit(entry, PLAN_COMPARE_EC2, "reserved-1y-no-upfront")->current);
	/* a rate the book lacks is a price-missing row, never $0 */
	commit = find_commit(entry, PLAN_COMPARE_EC2, "compute-sp-3y-all-upfront");
	g_assert_false(commit->priced);
	g_assert_cmpint(commit->monthly_cost, ==, 0);
	commit = find_commit(entry, PLAN_COMPARE_EC2, "ec2-instance-sp-1y-no-upfront");
	g_assert_false(commit->priced);
	/* commitments stay out of the first table: the cheapest is still an option */
	g_assert_cmpstr(plan_compare_cheapest(entry)->label, ==, "Fargate Spot, all tasks");
}

static const PlanCompareBreakEvenRow *find_row(const PlanCompareEntry *entry,
					       const char *purchase);

/* what the rows of the t3.medium service below assume (issue 12 item 3): never cheaper in
 * 1..200, so each row is costed at 200 tasks, 200 hosts (one 2 GB task a t3.medium, 100 per
 * AZ): CPU 200 × 1024 ÷ (200 × 2048) = 50% reserved, memory 2048 ÷ 3993.
 * - on-demand: earned 200 × 2 × 20% = 80 vCPUs of 200 busy at 100%; F = 200 × 36.0401 =
 *   7208.02, EC2 without credits 200 × (30.368 + 2.40) = 6553.60: EC2 is cheaper below
 *   u* = (80 + 654.42 ÷ (730 × 0.05)) ÷ 200 = 0.4896 (the given use is 0.5);
 * - Spot: Fargate Spot 200 × 730 × (0.012643564 + 2 × 0.001388356) = 2251.360296 against
 *   6073.60 × (1 − s) + 480 of EBS + 730 of credits: cheaper above s* = 1 − 1041.360296 ÷
 *   6073.60 = 0.82854 off; the saving assumed is the default 0.65 (no cluster, no Spot
 *   Advisor figure for t3.medium in the built-in book), the interruption band unknown */
static void
test_compare_row_assumptions(const PlanCompareEntry *entry)
{
	const PlanCompareBreakEvenRow *row = find_row(entry, "on-demand");

	g_assert_false(row->found);
	g_assert_cmpint(row->at_tasks, ==, 200);
	g_assert_cmpint(row->at_instances, ==, 200);
	g_assert_cmpfloat_with_epsilon(row->cpu_reserved, 0.5, 1e-12);
	g_assert_cmpfloat_with_epsilon(row->memory_reserved, 2048.0 / 3993.0, 1e-12);
	g_assert_true(row->burstable);
	g_assert_true(row->utilization_known);
	g_assert_cmpfloat_with_epsilon(row->cpu_utilization, 0.5, 1e-12);
	g_assert_cmpint(row->utilization_flip, ==, PLAN_COMPARE_FLIP_AT);
	g_assert_cmpfloat_with_epsilon(row->utilization_flip_at, (80.0 + 654.42 / 36.5) / 200.0,
				       1e-9);
	g_assert_cmpint(row->spot_flip, ==, PLAN_COMPARE_FLIP_NONE);
	row = find_row(entry, "spot");
	g_assert_false(row->found);
	g_assert_cmpint(row->ec2_costs.credits, ==, USD(730, 0));
	g_assert_cmpint(row->spot_flip, ==, PLAN_COMPARE_FLIP_AT);
	g_assert_cmpfloat_with_epsilon(row->spot_flip_at, 1.0 - 1041.360296 / 6073.6, 1e-9);
	g_assert_cmpfloat_with_epsilon(row->spot_savings, 0.65, 1e-12);
	g_assert_cmpstr(row->spot_source, ==, "spot_discount");
	g_assert_null(row->interruption);
}

/* the same 10 tasks at cpu_utilization 0.5: each keeps 0.5 vCPU busy, 5 vCPUs in all. The
 * burstable types are ranked with their CPU credits at $0.05 per vCPU-hour above the baseline:
 *   t3.medium: 10 instances earn 10 × 2 vCPU × 20% = 4 vCPUs; (5 − 4) × 730 h = 730 vCPU-h ×
 *              0.05 = $36.50; + 10 × 730 × 0.0416 = $303.68 + 10 × 2.40 = $24.00: $364.18
 *   t3.large:  6 instances earn 6 × 2 × 30% = 3.6; (5 − 3.6) × 730 = 1,022 vCPU-h = $51.10;
 *              + $364.416 + 6 × 2.40 = $14.40: $429.916
 *   m5.large:  $434.88, as above
 * so t3.medium ranks first and still costs more than Fargate x86_64 ($360.401). At one task
 * it costs 30.368 + 2.40 + (0.5 − 0.4) × 730 × 0.05 = 3.65: $36.418 > $36.0401, and at every
 * count up to 200 (a full AZ pair of 2 tasks repeats that) */
static void
test_compare_burstable_credits(void)
{
	g_autoptr(GString) json = g_string_new(fargate_10);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) compare = NULL;
	const PlanCompareEntry *entry;
	const PlanCompareOption *option;

	g_string_replace(json, "\"desired_count\": 10,",
			 "\"desired_count\": 10, \"cpu_utilization\": 0.5,", 1);
	model = load_model(json->str);
	compare = compare_model(model, book, NULL);
	entry = g_ptr_array_index(compare->services, 0);
	g_assert_true(entry->utilization_known);
	g_assert_cmpuint(entry->n_burstable_skipped, ==, 0);
	option = option_at(entry, 4);
	g_assert_cmpstr(option->label, ==, "EC2 t3.medium");
	g_assert_cmpint(option->burst, ==, PLAN_COMPARE_UNLIMITED);
	g_assert_cmpfloat_with_epsilon(option->baseline, 0.20, 1e-12);
	g_assert_cmpfloat_with_epsilon(option->surplus_vcpu_hours, 730.0, 1e-6);
	g_assert_cmpint(option->costs.credits, ==, USD(36, 500000000));
	g_assert_cmpint(option->costs.ebs, ==, USD(24, 0));
	g_assert_cmpint(option->monthly_cost, ==, USD(364, 180000000));
	/* the cheapest type again on Spot: 303.68 × (1 − 0.65) = 106.288 of instance hours, EBS
	 * and credits unchanged: 106.288 + 24.00 + 36.50 = $166.788, second after Fargate Spot
	 * (112.57) */
	option = option_at(entry, 1);
	g_assert_cmpstr(option->label, ==, "EC2 t3.medium Spot");
	g_assert_cmpint(option->purchase, ==, PLAN_COMPARE_SPOT);
	g_assert_true(option->estimate);
	g_assert_cmpint(option->costs.instances, ==, USD(106, 288000000));
	g_assert_cmpint(option->monthly_cost, ==, USD(166, 788000000));
	/* "without Spot" skips both Spot rows */
	g_assert_cmpstr(plan_compare_cheapest_on_demand(entry)->label, ==, "Fargate arm64");
	option = find_option(entry, "EC2 t3.large");
	g_assert_cmpint(option->costs.credits, ==, USD(51, 100000000));
	g_assert_cmpint(option->monthly_cost, ==, USD(429, 916000000));
	option = find_option(entry, "EC2 m5.large");
	g_assert_cmpint(option->costs.credits, ==, 0);
	g_assert_cmpint(option->burst, ==, PLAN_COMPARE_NOT_BURSTABLE);
	g_assert_cmpstr(option_at(entry, 3)->label, ==, "Fargate x86_64");
	g_assert_false(entry->break_even.found);
	g_assert_cmpstr(entry->break_even.type->name, ==, "t3.medium");
	g_assert_cmpint(g_array_index(entry->points, PlanComparePoint, 0).ec2, ==,
			USD(36, 418000000));
	test_compare_row_assumptions(entry);
}

/* the figures compare prints are the ones `cost` prints for the same tasks */
static void
test_compare_matches_cost(void)
{
	g_autoptr(PlanModel) model = load_model(fargate_10);
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanCost) cost = plan_cost(model, book, NULL, &error);
	const PlanCompareEntry *entry = g_ptr_array_index(compare->services, 0);
	PlanNanos fargate = 0;

	g_assert_no_error(error);
	for (guint i = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		if (line->category == PLAN_COST_FARGATE)
			fargate += line->cost;
	}
	g_assert_cmpint(find_option(entry, "Fargate x86_64")->monthly_cost, ==, fargate);
	/* one service: the total is the service */
	g_assert_cmpint(find_option(compare->total, "Fargate x86_64")->monthly_cost, ==, fargate);
	g_assert_cmpint(find_option(compare->total, "EC2 m5.large")->instances, ==, 6);
}

/* the strategy's mix: base 1 on FARGATE, then 1:3 → of 5 tasks, 1 + 1 on-demand and 3 Spot */
static void
test_compare_spot_mix(void)
{
	g_autoptr(PlanModel) model = load_model(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", " VPC_ABC ", \"services\": [{\"name\": "
	    "\"worker\", \"vpc\": \"main\", \"launch_type\": \"FARGATE\", \"cpu\": 512, "
	    "\"memory\": 1024, \"desired_count\": 5, \"subnets\": [\"a\"], "
	    "\"capacity_provider_strategy\": [{\"capacity_provider\": \"FARGATE\", \"base\": 1, "
	    "\"weight\": 1}, {\"capacity_provider\": \"FARGATE_SPOT\", \"weight\": 3}], "
	    "\"containers\": [{\"name\": \"app\"}]}]}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanCost) cost = plan_cost(model, book, NULL, &error);
	const PlanCompareEntry *entry = g_ptr_array_index(compare->services, 0);
	const PlanCompareOption *mix = find_option(entry, "Fargate Spot mix");

	g_assert_no_error(error);
	g_assert_true(entry->spot_mix);
	g_assert_cmpint(mix->on_demand_tasks, ==, 2);
	g_assert_cmpint(mix->spot_tasks, ==, 3);
	g_assert_true(mix->current);
	g_assert_false(find_option(entry, "Fargate x86_64")->current);
	/* what the model runs costs what `cost` says it costs */
	g_assert_cmpint(mix->monthly_cost, ==, cost->total);
}

/* an EC2 service in bridge mode on m5.large, in a book where every other type costs $10 an
 * hour, so m5.large is the break-even type. 512 units / 1024 MiB: 4 a host (CPU 2048/512;
 * memory 7985/1024 = 7), one AZ. Fargate x86: n × 730 × (0.5 × 0.04048 + 0.004445) =
 * n × $18.02005; EC2: ceil(n/4) × 730 × 0.096 = ceil(n/4) × $70.08.
 * EC2 is cheaper at every full host (n = 4k: 70.08k < 72.0802k), but one task more costs a
 * host: at n = 4k + r it is cheaper once 70.08 − 18.02005 r < 2.0002 k, i.e. k ≥ 9 (r = 3),
 * k ≥ 18 (r = 2), k ≥ 27 (r = 1). The last count where it is not: 4 × 26 + 1 = 105. So the
 * break-even is 106 (27 hosts, $1892.16 against $1910.1253), first cheaper at 4. This holds
 * with ebs_gb 0 (no volume); with the default 30 GB gp3 root volume a host costs 70.08 + 2.40
 * = $72.48 > 4 × 18.02005 = $72.0802, and EC2 never breaks even (test_compare_ebs_flips) */
static const char bridge_worker[] =
    "{\"ecsplan\": 1, \"region\": \"us-east-1\", " VPC_ABC ", \"clusters\": [{\"name\": \"ecs\", "
    "\"vpc\": \"main\", \"instance_type\": \"m5.large\", \"min\": 0, \"max\": 100, "
    "\"ebs_gb\": 0, \"subnets\": [\"a\"]}], \"services\": [{\"name\": \"worker\", \"vpc\": \"main\", "
    "\"launch_type\": \"EC2\", \"cluster\": \"ecs\", \"network_mode\": \"bridge\", \"cpu\": 512, "
    "\"memory\": 1024, \"desired_count\": 4, \"containers\": [{\"name\": \"app\"}]}]}";

/* m5.large at $0.096 an hour, every other type at $1,000 (never the cheapest, even for a
 * fleet of hundreds of tasks). @extra: more members of the book file after "ec2" (", \"reserved\":
 * {...}"), or "" */
static PlanPriceBook *
book_m5_only_with(const char *extra)
{
	g_autoptr(PlanPriceBook) builtin = book_for("us-east-1");
	g_autoptr(GPtrArray) types = plan_price_book_instances(builtin);
	g_autoptr(GString) json = g_string_new(
	    "{\"ecsplan_prices\": 1, \"region\": \"us-east-1\", \"currency\": \"USD\", "
	    "\"as_of\": \"2026-12\", \"sources\": {\"T1\": {\"title\": \"test-compare\", "
	    "\"as_of\": \"2026\"}}, \"ec2\": {");
	g_autoptr(GError) error = NULL;
	PlanPriceBook *book;

	for (guint i = 0; i < types->len; i++) {
		const PlanInstanceType *type = g_ptr_array_index(types, i);
		g_string_append_printf(json,
				       "%s\"%s\": {\"value\": %s, \"unit\": \"hour\", \"source\": "
				       "\"T1\", \"as_of\": \"2026\", \"confidence\": \"ok\"}",
				       i > 0 ? ", " : "", type->name,
				       strcmp(type->name, "m5.large") == 0 ? "0.096" : "1000");
	}
	g_string_append_printf(json, "}%s}", extra);
	book = plan_price_book_load_data(json->str, json->len, "m5-only.json", NULL, &error);
	g_assert_no_error(error);
	return book;
}

static PlanPriceBook *
book_m5_only(void)
{
	return book_m5_only_with("");
}

static void
test_compare_break_even(void)
{
	g_autoptr(PlanModel) model = load_model(bridge_worker);
	g_autoptr(PlanPriceBook) book = book_m5_only();
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	const PlanCompareEntry *entry = g_ptr_array_index(compare->services, 0);
	const PlanCompareBreakEven *even = &entry->break_even;
	const PlanCompareOption *m5 = find_option(entry, "EC2 m5.large");
	gboolean marked = FALSE;

	g_assert_cmpint(entry->network_mode, ==, PLAN_NETWORK_BRIDGE);
	g_assert_cmpuint(entry->n_azs, ==, 1);
	g_assert_true(m5->current);
	g_assert_cmpint(m5->tasks_per_instance, ==, 4);
	g_assert_cmpint(m5->limit, ==, PLAN_LIMIT_CPU);
	g_assert_cmpint(m5->instances, ==, 1);
	g_assert_cmpint(m5->monthly_cost, ==, USD(70, 80000000));

	g_assert_cmpstr(even->type->name, ==, "m5.large");
	g_assert_cmpint(even->range, ==, 200);
	g_assert_true(even->found);
	g_assert_cmpint(even->tasks, ==, 106);
	g_assert_cmpint(even->first_cheaper, ==, 4);
	g_assert_cmpint(even->instances, ==, 27);
	g_assert_cmpint(even->ec2, ==, USD(1892, 160000000));
	g_assert_cmpint(even->fargate, ==, USD(1910, 125300000));
	/* 106 × 512 of 27 × 2048 units; 106 × 1024 of 27 × 7985 MiB */
	g_assert_cmpfloat_with_epsilon(even->cpu_utilisation, 54272.0 / 55296.0, 1e-12);
	g_assert_cmpfloat_with_epsilon(even->memory_utilisation, 108544.0 / 215595.0, 1e-12);

	/* the curve: every count 1..200, the staircase, and the marks */
	g_assert_cmpuint(entry->points->len, ==, 200);
	for (guint i = 0; i < entry->points->len; i++) {
		const PlanComparePoint *point = &g_array_index(entry->points, PlanComparePoint, i);
		g_assert_cmpint(point->tasks, ==, (gint64)i + 1);
		g_assert_cmpint(point->instances, ==, (point->tasks + 3) / 4);
		g_assert_cmpint(point->fargate_x86, ==, point->tasks * USD(18, 20050000));
		if (point->tasks == 106) {
			g_assert_cmpuint(point->flags, ==, PLAN_COMPARE_POINT_BREAK_EVEN);
			marked = TRUE;
		}
		if (point->tasks == 4)
			g_assert_cmpuint(point->flags, ==, PLAN_COMPARE_POINT_DESIRED);
	}
	g_assert_true(marked);
}

/* issue 12 item 6, the JSON contract: a purchase name is the pricing block's own words joined,
 * "<type>-<term>-<payment>", for all 18 options, so a CI job maps a compare row (or a cost line's
 * " at <purchase>" key) to the commitment it names without a table. Hence "reserved-...", the
 * model's and the book's word, not a third spelling "ri-..." (docs/compare.md) */
static void
test_compare_purchase_names(void)
{
	static const char *const types[] = {"compute-sp", "ec2-instance-sp", "reserved"};
	static const char *const terms[] = {"1y", "3y"};
	static const char *const payments[] = {"no-upfront", "partial-upfront", "all-upfront"};
	g_autoptr(GString) json = g_string_new(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [], \"pricing\": {\"commitments\": [");
	g_autoptr(PlanModel) model = NULL;
	guint n = 0;

	for (guint k = 0; k < G_N_ELEMENTS(types); k++)
		for (guint t = 0; t < G_N_ELEMENTS(terms); t++)
			for (guint u = 0; u < G_N_ELEMENTS(payments); u++)
				g_string_append_printf(json,
						       "%s{\"type\": \"%s\", \"term\": \"%s\", "
						       "\"payment\": \"%s\"}",
						       n++ > 0 ? ", " : "", types[k], terms[t],
						       payments[u]);
	g_string_append(json, "]}}");
	model = load_model(json->str);
	g_assert_cmpuint(model->pricing.commitments->len, ==, 18);
	n = 0;
	for (guint k = 0; k < G_N_ELEMENTS(types); k++)
		for (guint t = 0; t < G_N_ELEMENTS(terms); t++)
			for (guint u = 0; u < G_N_ELEMENTS(payments); u++) {
				const PlanCommitment *item =
				    g_ptr_array_index(model->pricing.commitments, n++);
				g_autofree char *expected =
				    g_strdup_printf("%s-%s-%s", types[k], terms[t], payments[u]);
				g_assert_cmpstr(plan_purchase_name((PlanCommitKind)item->type,
								   (PlanTerm)item->term,
								   (PlanUpfront)item->payment),
						==, expected);
			}
	g_assert_cmpstr(plan_purchase_name(PLAN_COMMIT_RESERVED, PLAN_TERM_1Y,
					   PLAN_UPFRONT_PARTIAL),
			==, "reserved-1y-partial-upfront");
}

static const PlanCompareBreakEvenRow *
find_row(const PlanCompareEntry *entry, const char *purchase)
{
	for (guint i = 0; i < entry->break_evens->len; i++) {
		const PlanCompareBreakEvenRow *row =
		    &g_array_index(entry->break_evens, PlanCompareBreakEvenRow, i);
		if (strcmp(row->purchase, purchase) == 0)
			return row;
	}
	g_assert_not_reached();
	return NULL;
}

/* the break-even per purchase option for the bridge worker (4 tasks of 0.5 vCPU / 1 GB a
 * m5.large host, one AZ, no EBS), with m5.large Reserved Instances of $0.06 an hour (1 year no
 * upfront) and $999 upfront (3 years all upfront), and the built-in Fargate Compute SP
 * estimates (on-demand × 0.80 for 1 year no upfront, × 0.50 for 3 years all upfront):
 * - on-demand: as test_compare_break_even, 106 tasks, first cheaper at 4;
 * - Spot: a host 70.08 × (1 − 0.65) = 24.528 against 4 Fargate Spot tasks of 730 × (0.5 ×
 *   0.012643564 + 0.001388356) = 5.6284 each (22.5136): EC2 never cheaper in 1..200; at 200,
 *   50 hosts 1226.40 against 922.980172 + 202.699976 = 1125.680148;
 * - RI 1y no upfront against Fargate Compute SP 1y no upfront: a host 730 × 0.06 = 43.80, a
 *   task 730 × (0.5 × 0.032384 + 0.003556) = 14.41604. At n = 4k + r EC2 is cheaper once
 *   43.80 − 14.41604 r < 13.86416 k: k ≥ 3 for r = 1, k ≥ 2 for r = 2, k ≥ 1 for r = 3; n = 3
 *   costs 43.248 on Fargate. The last dearer count is 9 (131.40 against 129.74436), so 10:
 *   3 hosts, 131.40 against 118.2016 + 25.9588 = 144.1604; first cheaper at 4;
 * - RI 3y all upfront against Compute SP 3y all upfront: a host 730 × (999 ÷ 26280 =
 *   0.038013699) = 27.75000027, a task 730 × (0.5 × 0.02024 + 0.0022225) = 9.010025; cheaper
 *   once 27.75000027 − 9.010025 r < 8.29009973 k: the same k's, so 10 again: 3 hosts
 *   2190 × 0.038013699 = 83.25000081 against 73.876 + 16.22425 = 90.10025;
 * - Compute SP and EC2 Instance SP on EC2: the book has no m5.large rate: price missing */
static void
test_compare_break_even_rows(void)
{
	g_autoptr(PlanModel) model = load_model(bridge_worker);
	g_autoptr(PlanPriceBook) book = book_m5_only_with(
	    ", \"reserved\": {\"m5.large\": {\"1y_no_upfront\": {\"hourly\": " TQ("0.06", "hour") "}, "
	    "\"3y_all_upfront\": {\"hourly\": " TQ("0", "hour") ", \"upfront\": "
	    "" TQ("999", "instance") "}}}");
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	const PlanCompareEntry *entry = g_ptr_array_index(compare->services, 0);
	const PlanCompareBreakEvenRow *row;

	/* on-demand, Spot, then 3 kinds × the 2 default commitments */
	g_assert_cmpuint(entry->break_evens->len, ==, 8);
	row = find_row(entry, "on-demand");
	g_assert_true(row->priced && row->found);
	g_assert_cmpint(row->tasks, ==, 106);
	g_assert_cmpint(row->first_cheaper, ==, 4);
	g_assert_cmpint(row->at_instances, ==, 27);
	g_assert_cmpint(plan_compare_costs_total(&row->ec2_costs), ==, USD(1892, 160000000));
	g_assert_cmpint(row->fargate_costs.fargate, ==, USD(1910, 125300000));

	row = find_row(entry, "spot");
	g_assert_true(row->priced);
	g_assert_false(row->found);
	g_assert_cmpint(row->first_cheaper, ==, 0);
	g_assert_cmpint(row->at_tasks, ==, 200);
	g_assert_cmpint(row->at_instances, ==, 50);
	g_assert_cmpint(row->ec2_costs.instances, ==, USD(1226, 400000000));
	g_assert_cmpint(row->fargate_costs.fargate, ==, USD(1125, 680148000));
	g_assert_true(row->estimate);

	row = find_row(entry, "reserved-1y-no-upfront");
	g_assert_cmpstr(row->fargate_purchase, ==, "compute-sp-1y-no-upfront");
	g_assert_true(row->priced && row->found);
	g_assert_cmpint(row->tasks, ==, 10);
	g_assert_cmpint(row->first_cheaper, ==, 4);
	g_assert_cmpint(row->at_instances, ==, 3);
	g_assert_cmpint(row->ec2_costs.instances, ==, USD(131, 400000000));
	g_assert_cmpint(row->ec2_costs.ebs, ==, 0);
	g_assert_cmpint(row->fargate_costs.fargate, ==, USD(144, 160400000));

	row = find_row(entry, "reserved-3y-all-upfront");
	g_assert_cmpstr(row->fargate_purchase, ==, "compute-sp-3y-all-upfront");
	g_assert_true(row->priced && row->found);
	g_assert_cmpint(row->tasks, ==, 10);
	g_assert_cmpint(row->ec2_costs.instances, ==, USD(83, 250000810));
	g_assert_cmpint(row->fargate_costs.fargate, ==, USD(90, 100250000));

	row = find_row(entry, "compute-sp-1y-no-upfront");
	g_assert_false(row->priced);
	g_assert_cmpstr(row->missing, ==, "no EC2 rate");
	row = find_row(entry, "ec2-instance-sp-3y-all-upfront");
	g_assert_false(row->priced);
}

/* the same worker with its cluster's default 30 GB gp3 root volume: each host's $2.40 turns
 * the full-host saving (72.0802 − 70.08 = 2.0002) into a loss (72.48 − 72.0802 = 0.3998), so
 * EC2 is never cheaper from 1 to 200 tasks; at 4: one host, 70.08 + 2.40 = $72.48 */
static void
test_compare_ebs_flips(void)
{
	g_autoptr(GString) json = g_string_new(bridge_worker);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanPriceBook) book = book_m5_only();
	g_autoptr(PlanCompare) compare = NULL;
	const PlanCompareEntry *entry;
	const PlanCompareOption *m5;

	g_string_replace(json, "\"ebs_gb\": 0, ", "", 1);
	model = load_model(json->str);
	compare = compare_model(model, book, NULL);
	entry = g_ptr_array_index(compare->services, 0);
	m5 = find_option(entry, "EC2 m5.large");
	g_assert_cmpint(entry->ebs_gb, ==, 30);
	g_assert_cmpint(m5->costs.instances, ==, USD(70, 80000000));
	g_assert_cmpint(m5->costs.ebs, ==, USD(2, 400000000));
	g_assert_cmpint(m5->monthly_cost, ==, USD(72, 480000000));
	g_assert_false(entry->break_even.found);
	g_assert_cmpint(entry->break_even.first_cheaper, ==, 0);
}

/* EC2 never pays, and a task no type holds */
static void
test_compare_no_break_even(void)
{
	g_autoptr(PlanModel) model = load_model(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", " VPC_ABC ", \"services\": ["
	    "{\"name\": \"cache\", \"vpc\": \"main\", \"launch_type\": \"FARGATE\", \"cpu\": 1024, "
	    "\"memory\": 8192, \"desired_count\": 2, \"subnets\": [\"a\", \"b\"], \"containers\": "
	    "[{\"name\": \"app\"}]}, {\"name\": \"huge\", \"vpc\": \"main\", \"launch_type\": "
	    "\"FARGATE\", \"cpu\": 16384, \"memory\": 122880, \"desired_count\": 1, \"subnets\": "
	    "[\"a\"], \"containers\": [{\"name\": \"app\"}]}]}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	const PlanCompareEntry *cache = g_ptr_array_index(compare->services, 0);
	const PlanCompareEntry *huge = g_ptr_array_index(compare->services, 1);

	/* 8192 MiB needs a type that registers it: r5.large (15970 MiB, $0.126) holds one, at
	 * $91.98 a task against Fargate's 730 × (0.04048 + 8 × 0.004445) = $55.5092 */
	g_assert_cmpstr(cache->break_even.type->name, ==, "r5.large");
	g_assert_false(cache->break_even.found);
	g_assert_cmpint(cache->break_even.first_cheaper, ==, 0);
	g_assert_cmpint(find_option(cache, "Fargate x86_64")->monthly_cost, ==, USD(111, 18400000));
	/* 16 vCPU and 120 GiB fit none of the 19 types priced in us-east-1 (the largest,
	 * m5.2xlarge, has 32 GiB) but hundreds of the 1,355 with specs (r6i.4xlarge: 16 vCPU,
	 * 128 GiB, and every larger size), whose us-east-1 price the book lacks: no break-even, no
	 * EC2 option, never a $0 one */
	g_assert_null(huge->break_even.type);
	g_assert_cmpuint(huge->n_fitting_types, >, 100);
	g_assert_cmpuint(huge->n_unpriced_types, ==, huge->n_fitting_types);
	g_assert_cmpuint(huge->options->len, ==, 3);
	/* nor is there a priced type for the model as a whole */
	g_assert_cmpuint(compare->total->n_fitting_types, ==, compare->total->n_unpriced_types);
}

/* the header's dates are those of the figures used (issue 11), not the book's: in us-east-1
 * the Fargate rates are of 2026-03 [S2 S3 S4], the Spot discount undated [S4], ephemeral
 * storage 2021-04-22 [S2]; a task no priced EC2 type holds adds no EC2 figure */
static void
test_compare_dates(void)
{
	static const char *const storage[] = {"", "\"ephemeral_storage_gb\": 40, "};

	for (guint i = 0; i < G_N_ELEMENTS(storage); i++) {
		g_autofree char *json = g_strdup_printf(
		    "{\"ecsplan\": 1, \"region\": \"us-east-1\", " VPC_ABC ", \"services\": ["
		    "{\"name\": \"huge\", \"vpc\": \"main\", \"launch_type\": \"FARGATE\", "
		    "\"cpu\": 16384, \"memory\": 122880, %s\"desired_count\": 1, \"subnets\": "
		    "[\"a\"], \"containers\": [{\"name\": \"app\"}]}]}",
		    storage[i]);
		g_autoptr(PlanModel) model = load_model(json);
		g_autoptr(PlanPriceBook) book = book_for("us-east-1");
		g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);

		g_assert_cmpstr(compare->book_as_of, ==, "2026-11-22");
		g_assert_cmpstr(compare->figures_oldest, ==, i == 0 ? "2026-03" : "2021-04-22");
		g_assert_cmpstr(compare->figures_newest, ==, "2026-03");
		g_assert_cmpuint(compare->n_undated, ==, 1);
	}
}

/* a service over 3 AZs needs 3 hosts for 3 tasks, though one host holds 8 */
static void
test_compare_per_az(void)
{
	g_autoptr(PlanModel) model = load_model(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", " VPC_ABC ", \"clusters\": [{\"name\": "
	    "\"ecs\", \"vpc\": \"main\", \"instance_type\": \"m5.large\", \"min\": 0, \"max\": 10, "
	    "\"subnets\": [\"a\", \"b\", \"c\"]}], \"services\": [{\"name\": \"small\", \"vpc\": "
	    "\"main\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", \"network_mode\": "
	    "\"bridge\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 3, \"containers\": "
	    "[{\"name\": \"app\"}]}]}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	const PlanCompareEntry *entry = g_ptr_array_index(compare->services, 0);
	const PlanCompareOption *m5 = find_option(entry, "EC2 m5.large");

	g_assert_cmpuint(entry->n_azs, ==, 3);
	g_assert_cmpint(m5->tasks_per_instance, ==, 8);
	g_assert_cmpint(m5->instances, ==, 3);
	g_assert_true(m5->current);
}

/* the model's EC2 total packs every service into one fleet per AZ: the worker's tasks fill the
 * room the api's leave. Both use 30% of their CPU, so the burstable t3.medium is ranked: the
 * fleet keeps 10 × 1 × 0.3 + 5 × 0.5 × 0.3 = 3.75 vCPUs busy, below the 10 hosts' baseline
 * 10 × 2 × 20% = 4: no credits */
static void
test_compare_total_shared(void)
{
	g_autoptr(PlanModel) model = load_model(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", " VPC_ABC ", \"services\": ["
	    "{\"name\": \"api\", \"vpc\": \"main\", \"launch_type\": \"FARGATE\", \"cpu\": 1024, "
	    "\"memory\": 2048, \"desired_count\": 10, \"cpu_utilization\": 0.3, \"subnets\": "
	    "[\"a\", \"b\"], \"containers\": "
	    "[{\"name\": \"app\"}]}, {\"name\": \"worker\", \"vpc\": \"main\", \"launch_type\": "
	    "\"FARGATE\", \"cpu\": 512, \"memory\": 1024, \"desired_count\": 5, "
	    "\"cpu_utilization\": 0.3, \"subnets\": "
	    "[\"a\"], "
	    "\"containers\": [{\"name\": \"app\"}]}]}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	const PlanCompareEntry *api = g_ptr_array_index(compare->services, 0);
	const PlanCompareEntry *worker = g_ptr_array_index(compare->services, 1);
	const PlanCompareOption *total_x86 = find_option(compare->total, "Fargate x86_64");
	const PlanCompareOption *shared = find_option(compare->total, "EC2 t3.medium");

	g_assert_cmpint(compare->total->tasks, ==, 15);
	g_assert_cmpint(total_x86->monthly_cost, ==,
			find_option(api, "Fargate x86_64")->monthly_cost +
			    find_option(worker, "Fargate x86_64")->monthly_cost);
	/* apart: 10 (api, one a host by memory) + 3 (worker, two a host by ENIs); together the
	 * worker's 5 tasks in us-east-1a fit the 5 api hosts there (2048 + 1024 ≤ 3993 MiB, 2
	 * ENIs): 10 */
	g_assert_cmpint(find_option(api, "EC2 t3.medium")->instances, ==, 10);
	g_assert_cmpint(find_option(worker, "EC2 t3.medium")->instances, ==, 3);
	g_assert_cmpint(shared->instances, ==, 10);
	/* 10 × 730 × 0.0416 = 303.68 + 10 × 30 GB × 0.08 = 24.00 */
	g_assert_cmpint(shared->costs.credits, ==, 0);
	g_assert_cmpint(shared->monthly_cost, ==, USD(327, 680000000));
	/* 3.75 busy vCPUs of 15 tasks' 12,800 reserved units: 3840 / 12800 */
	g_assert_true(compare->total->utilization_known);
	g_assert_cmpfloat_with_epsilon(compare->total->cpu_utilization, 0.3, 1e-12);
	/* the total's break-even (every service scaled together): at 1 task in all the api
	 * takes it (its remainder 10 × 1 mod 15 = 10 beats the worker's 5), one t3.medium:
	 * 730 × 0.0416 = 30.368 + 2.40 = 32.768 against one api task on Fargate x86_64,
	 * 36.0401; 0.3 busy vCPUs within the 2 × 20% = 0.4 earned, no credits */
	g_assert_true(compare->total->break_even.found);
	g_assert_cmpstr(compare->total->break_even.type->name, ==, "t3.medium");
	g_assert_cmpint(compare->total->break_even.tasks, ==, 1);
	g_assert_cmpint(compare->total->break_even.ec2, ==, USD(32, 768000000));
	g_assert_cmpint(compare->total->break_even.fargate, ==, USD(36, 40100000));
	g_assert_cmpuint(compare->total->points->len, ==, 0);
	/* a burstable type's credits shrink as hosts are added: no bound on its cost from the
	 * fewest hosts, so every total of 1..200 is packed */
	g_assert_cmpuint(find_row(compare->total, "on-demand")->points_evaluated, ==, 200);
	g_assert_cmpuint(find_row(compare->total, "on-demand")->points_packed, ==, 200);
}

/* the model's mix kept: (4, 2) shared out by largest remainder. 1: 4/6 and 2/6 floor to 0,
 * remainders 4 and 2, the worker takes it; 2: 8/6 → 1 r 2, 4/6 → 0 r 4: the api takes the
 * extra (1, 1); 8: 32/6 → 5 r 2, 16/6 → 2 r 4: (5, 3); 80: 320/6 → 53 r 2, 160/6 → 26 r 4:
 * (53, 27); 6: the model itself (4, 2); a service with no tasks gets none */
static void
test_compare_apportion(void)
{
	static const gint64 desired[] = {4, 2, 0};
	static const struct {
		gint64 total;
		gint64 worker;
		gint64 api;
	} cases[] = {{1, 1, 0}, {2, 1, 1}, {6, 4, 2}, {8, 5, 3}, {80, 53, 27}, {0, 0, 0}};
	gint64 out[3];

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		plan_compare_apportion(desired, 3, cases[i].total, out);
		g_assert_cmpint(out[0], ==, cases[i].worker);
		g_assert_cmpint(out[1], ==, cases[i].api);
		g_assert_cmpint(out[2], ==, 0);
	}
}

/* two EC2 services sharing the bridge worker's cluster (one AZ, no EBS, m5.large the only
 * affordable type): worker 4 × (512 units / 1 GB), api 2 × (1024 / 2 GB). Scaled to T tasks
 * (T = 3k + r): r = 0 → worker 2k, api k; r = 1 → 2k + 1, k; r = 2 → 2k + 1, k + 1
 * (plan_compare_apportion). Both sizes divide a host's 2048 units, so the hosts are
 * ceil(u ÷ 4) with u = worker + 2 × api = 4k, 4k + 1, 4k + 3; Fargate x86_64 costs 18.02005 u
 * (a worker 730 × (0.5 × 0.04048 + 0.004445), an api task twice that), EC2 70.08 a host.
 * - on-demand: u = 4k: 70.08k < 72.0802k always; 4k + 1: 70.08 − 18.02005 = 52.05995 <
 *   2.0002k → k ≥ 27 (T ≥ 82); 4k + 3: 70.08 − 54.06015 = 16.01985 < 2.0002k → k ≥ 9. The
 *   last dearer total is 3 × 26 + 1 = 79, so the break-even is 80 (worker 53, api 27: u =
 *   107, 27 hosts, 1892.16 against 18.02005 × 107 = 1928.14535; CPU (53 × 512 + 27 × 1024)
 *   ÷ (27 × 2048) = 54784 ÷ 55296, memory 109568 ÷ (27 × 7985)). The range 1..200 is walked
 *   total by total: first cheaper at 3 (worker 2, api 1: u = 4, one host 70.08 < 72.0802).
 * - RI 1y no upfront (0.06 an hour, a host 43.80) against Compute SP 1y no upfront (a worker
 *   730 × (0.5 × 0.032384 + 0.003556) = 14.41604, so 14.41604 u): 4k + 1: 29.38396 <
 *   13.86416k → k ≥ 3 (T ≥ 10); 4k + 3: 0.55188 < 13.86416k → k ≥ 1 (T ≥ 5); 1 and 2 are
 *   dearer (43.80 against 14.41604 and 43.24812); the last dearer is 7, the break-even 8
 *   (worker 5, api 3: u = 11, 3 hosts, 131.40 against 158.57644).
 * @scale: 1, or 100 (worker 400, api 200: the same shares of every total, but a range of
 * 10 × 600 = 6000, over 2000, so the totals are sampled: the sweep ceil(93.75 j) is cheaper at
 * every point (94 = 3 × 31 + 1, k ≥ 27); on-demand bisects (0, 94] through 47, 23 (dearer),
 * 35, 29, 26 (dearer), 27 and walks up from 28, meeting the dearer 3k + 1 up to 79 and going
 * on 64 counts past it to 143: 80 again. RI bisects through 47, 23, 11, 5, 2 (dearer), 3 and
 * walks from 4 (dearer; 7 dearer) to 71: 8 again. Spot is dearer at every swept total, so it
 * is not refined. Evaluated: 2..143 (142 counts) and the 63 swept totals above 143: 205) */
static void
test_compare_total_break_even_at(gint64 scale)
{
	g_autoptr(GString) json = g_string_new(bridge_worker);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanPriceBook) book = book_m5_only_with(
	    ", \"reserved\": {\"m5.large\": {\"1y_no_upfront\": {\"hourly\": " TQ("0.06", "hour") "}}}");
	g_autoptr(PlanCompare) compare = NULL;
	const PlanCompareEntry *total;
	const PlanCompareBreakEvenRow *row;

	g_autofree char *api = g_strdup_printf(
	    "}]}, {\"name\": \"api\", \"vpc\": \"main\", \"launch_type\": \"EC2\", "
	    "\"cluster\": \"ecs\", \"network_mode\": \"bridge\", \"cpu\": 1024, "
	    "\"memory\": 2048, \"desired_count\": %" G_GINT64_FORMAT ", \"containers\": "
	    "[{\"name\": \"app\"}]}]}",
	    2 * scale);
	g_autofree char *worker = g_strdup_printf("\"desired_count\": %" G_GINT64_FORMAT ",", 4 * scale);

	g_string_replace(json, "}]}]}", api, 1);
	g_string_replace(json, "\"desired_count\": 4,", worker, 1);
	model = load_model(json->str);
	compare = compare_model(model, book, NULL);
	total = compare->total;
	g_assert_cmpint(total->tasks, ==, 6 * scale);
	g_assert_cmpstr(total->break_even.type->name, ==, "m5.large");
	g_assert_cmpint(total->break_even.range, ==, (scale == 1 ? 200 : 6000));

	row = find_row(total, "on-demand");
	g_assert_true(row->priced && row->found);
	g_assert_cmpint(row->tasks, ==, 80);
	/* walked: the least count; sampled: the least count evaluated */
	g_assert_cmpint(row->first_cheaper, ==, (scale == 1 ? 3 : 27));
	g_assert_cmpint(row->at_instances, ==, 27);
	g_assert_cmpint(plan_compare_costs_total(&row->ec2_costs), ==, USD(1892, 160000000));
	g_assert_cmpint(row->ec2_costs.ebs, ==, 0);
	g_assert_cmpint(row->fargate_costs.fargate, ==, USD(1928, 145350000));
	g_assert_cmpfloat_with_epsilon(row->cpu_reserved, 54784.0 / 55296.0, 1e-12);
	g_assert_cmpfloat_with_epsilon(row->memory_reserved, 109568.0 / 215595.0, 1e-12);
	g_assert_false(row->burstable);
	g_assert_cmpint(row->utilization_flip, ==, PLAN_COMPARE_FLIP_NONE);
	g_assert_cmpuint(row->points_evaluated, ==, (scale == 1 ? 200 : 205));
	/* packed only where EC2 with the least hosts is cheaper on some row: here the least is
	 * the packing itself (one AZ, CPU: ceil((512 worker + 1024 api) ÷ 2048) = ceil(u ÷ 4);
	 * memory ceil(1024 u ÷ 7985) is fewer). Every row is dearer at 1, 2, 4 and 7 tasks in all
	 * (on-demand and RI above; Spot: 1, 1, 2 and 3 hosts at 0.35 × 70.08 = 24.528 each
	 * against Fargate Spot at u = 1, 3, 5 and 9 workers' worth, 0.312 × 18.02005 u); RI is
	 * cheaper at 3, 5, 6 and from 8 on. Walked 1..200 (every row asked at every total): 196
	 * packed. Sampled (2..143 and 63 swept totals): 205 − 6 = 199: 2, 4 and 7, and 73, 76
	 * and 79, where only the on-demand row's walk asks, and it is dearer there (3k + 1, k <
	 * 27) */
	g_assert_cmpuint(row->points_packed, ==, (scale == 1 ? 196 : 199));
	g_assert_true(total->break_even.found);
	g_assert_cmpint(total->break_even.tasks, ==, 80);
	g_assert_cmpint(total->break_even.instances, ==, 27);

	row = find_row(total, "reserved-1y-no-upfront");
	g_assert_cmpstr(row->fargate_purchase, ==, "compute-sp-1y-no-upfront");
	g_assert_true(row->priced && row->found);
	g_assert_cmpint(row->tasks, ==, 8);
	g_assert_cmpint(row->at_instances, ==, 3);
	g_assert_cmpint(row->ec2_costs.instances, ==, USD(131, 400000000));
	g_assert_cmpint(row->fargate_costs.fargate, ==, USD(158, 576440000));
}

/* the shared fleet's sampled search decided without packing: two Fargate services of 256 CPU
 * units / 512 MiB over the three AZs, 150 and 60 tasks (range 10 × 210 = 2100, over 2000:
 * the sweep of 64). Fargate x86_64 costs 730 × (0.25 × 0.04048 + 0.5 × 0.004445) = 9.010025
 * a task, and 0.312 of that on Spot (2.81112780); the fleet's type is c5.large (awsvpc
 * without trunking: 3 ENIs − 1 = 2 tasks a host, 730 × 0.085 = 62.05 + 2.40 of EBS = 64.45 a
 * host, 32.225 a task, the cheapest hour per task of the priced x86_64 types; the t3 types
 * are left out, the CPU use unknown). However the AZs are packed, T tasks need at least
 * ceil(T ÷ 2) hosts (ENI slots), which alone cost more than Fargate at every total (32.225 >
 * 9.010025) and on Spot too (0.35 × 62.05 + 2.40 = 24.1175 a host against 2 × 2.81 a host's
 * tasks), so the 64 swept totals are decided by that bound and none is packed; the rows are
 * settled at 2100 by packing: 1500 + 600 tasks, 700 an AZ, 350 hosts each, 1050 in all */
static void
test_compare_total_least(void)
{
	g_autoptr(PlanModel) model = load_model(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", " VPC_ABC ", \"services\": ["
	    "{\"name\": \"api\", \"vpc\": \"main\", \"cpu\": 256, \"memory\": 512, "
	    "\"desired_count\": 150, \"subnets\": [\"a\", \"b\", \"c\"]},"
	    "{\"name\": \"web\", \"vpc\": \"main\", \"cpu\": 256, \"memory\": 512, "
	    "\"desired_count\": 60, \"subnets\": [\"a\", \"b\", \"c\"]}]}");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	const PlanCompareEntry *total = compare->total;
	const char *const purchases[] = {"on-demand", "spot"};

	g_assert_cmpstr(total->break_even.type->name, ==, "c5.large");
	g_assert_cmpint(total->break_even.range, ==, 2100);
	for (guint i = 0; i < G_N_ELEMENTS(purchases); i++) {
		const PlanCompareBreakEvenRow *row = find_row(total, purchases[i]);
		g_assert_true(row->priced);
		g_assert_false(row->found);
		g_assert_cmpint(row->first_cheaper, ==, 0);
		g_assert_cmpuint(row->points_evaluated, ==, 64);
		g_assert_cmpuint(row->points_packed, ==, 0);
		g_assert_cmpint(row->at_tasks, ==, 2100);
		g_assert_cmpint(row->at_instances, ==, 1050);
		/* 1050 × 62.05 = 65152.50 on-demand (× 0.35 = 22803.375 on Spot) + 1050 × 2.40 */
		g_assert_cmpint(row->ec2_costs.instances, ==,
				i == 0 ? USD(65152, 500000000) : USD(22803, 375000000));
		g_assert_cmpint(row->ec2_costs.ebs, ==, USD(2520, 0));
	}
	/* 2100 × 9.010025 = 18921.0525 */
	g_assert_cmpint(find_row(total, "on-demand")->fargate_costs.fargate, ==,
			USD(18921, 52500000));
}

static void
test_compare_total_break_even(void)
{
	test_compare_total_break_even_at(1);
	test_compare_total_break_even_at(100);
}

static void
test_compare_select(void)
{
	g_autoptr(PlanModel) model = load_model(fargate_10);
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanCompare) one = compare_model(model, book, "api");
	PlanCompareOptions options = {0, FALSE, "apx"};
	g_autoptr(PlanCompare) none = plan_compare(model, book, &options, &error);

	g_assert_cmpuint(one->services->len, ==, 1);
	g_assert_null(none);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION);
	g_assert_cmpstr(error->message, ==, "no service 'apx' in the model; did you mean 'api'?");
	g_clear_error(&error);
	options = (PlanCompareOptions){0, TRUE, NULL};
	g_assert_null(plan_compare(model, book, &options, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION);
}

/* issue 12's trunking example: 20 awsvpc tasks of 128 units / 512 MiB in one AZ on m6i.large
 * (cluster without trunking). An m6i.large registers 2048 units (16 tasks) and 8192 − 207 =
 * 7985 MiB (15 tasks); its ENIs take 3 − 1 = 2 awsvpc tasks without trunking and 10 with it
 * [S9], so the ENIs decide: 2 or 10 a host. The book's m6i.large hour is $0.096 [S11]: 730 ×
 * 0.096 = $70.08 a host, + 30 GB gp3 × $0.08 = $2.40 of root volume.
 *   no trunking: ⌈20 ÷ 2⌉ = 10 hosts × 70.08 = $700.80 + 10 × 2.40 = $24.00 → $724.80
 *   trunking:    ⌈20 ÷ 10⌉ = 2 hosts × 70.08 = $140.16 + 2 × 2.40 = $4.80  → $144.96
 * The shared fleet (one service, one AZ) packs the same: m5.large (also $0.096, 10 with
 * trunking) is among its cheapest types, 2 hosts with trunking and 10 without */
static const char trunking_worker[] =
    "{\"ecsplan\": 1, \"region\": \"us-east-1\", " VPC_ABC ", \"clusters\": [{\"name\": "
    "\"ecs\", \"vpc\": \"main\", \"instance_type\": \"m6i.large\", \"min\": 1, \"max\": 20, "
    "\"subnets\": [\"a\"], \"trunking\": false}], \"services\": [{\"name\": \"worker\", "
    "\"vpc\": \"main\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", \"network_mode\": "
    "\"awsvpc\", \"subnets\": [\"a\"], \"cpu\": 128, \"memory\": 512, \"desired_count\": 20, "
    "\"containers\": [{\"name\": \"app\", \"port\": 8080}]}]}";

static PlanCompare *
compare_what_if(const PlanModel *model, const PlanPriceBook *book, PlanCompareTrunking trunking,
		int network_mode)
{
	g_autoptr(GError) error = NULL;
	PlanCompareOptions options = {0};
	PlanCompare *compare;

	options.trunking = trunking;
	options.network_mode_given = network_mode >= 0;
	options.network_mode = network_mode >= 0 ? (PlanNetworkMode)network_mode : 0;
	compare = plan_compare(model, book, &options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(compare);
	return compare;
}

static void
assert_m6i(const PlanCompareOption *option, gboolean trunking, gint64 per_instance,
	   gint64 instances, PlanNanos hours, PlanNanos ebs)
{
	g_assert_cmpint(option->network_mode, ==, PLAN_NETWORK_AWSVPC);
	g_assert_cmpint(option->trunking_asked, ==, trunking);
	g_assert_cmpint(option->trunking, ==, trunking);
	g_assert_cmpint(option->tasks_per_instance, ==, per_instance);
	g_assert_cmpint(option->limit, ==, PLAN_LIMIT_ENI);
	g_assert_cmpint(option->instances, ==, instances);
	g_assert_cmpint(option->costs.instances, ==, hours);
	g_assert_cmpint(option->costs.ebs, ==, ebs);
	g_assert_cmpint(option->monthly_cost, ==, hours + ebs);
}

static void
test_compare_trunking(void)
{
	g_autoptr(PlanModel) model = load_model(trunking_worker);
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) model_setting = compare_model(model, book, NULL);
	g_autoptr(PlanCompare) off = compare_what_if(model, book, PLAN_COMPARE_TRUNKING_OFF, -1);
	g_autoptr(PlanCompare) on = compare_what_if(model, book, PLAN_COMPARE_TRUNKING_ON, -1);
	g_autoptr(PlanCompare) both = compare_what_if(model, book, PLAN_COMPARE_TRUNKING_BOTH, -1);
	const PlanCompareEntry *entry;
	const PlanCompareOption *option;

	/* the model's own setting: no trunking, the row the model runs */
	entry = g_ptr_array_index(model_setting->services, 0);
	option = find_option(entry, "EC2 m6i.large");
	assert_m6i(option, FALSE, 2, 10, USD(700, 800000000), USD(24, 0));
	g_assert_true(option->current);
	g_assert_false(entry->trunking);

	entry = g_ptr_array_index(off->services, 0);
	option = find_option(entry, "EC2 m6i.large, no trunking");
	assert_m6i(option, FALSE, 2, 10, USD(700, 800000000), USD(24, 0));
	g_assert_true(option->current);

	/* --trunking on: the m6i.large is listed at the what-if (not among the three cheapest:
	 * m5.xlarge and m6i.xlarge take 20 a host, m5.large ties and sorts first) and at what
	 * the model runs */
	entry = g_ptr_array_index(on->services, 0);
	g_assert_true(entry->trunking);
	option = find_option(entry, "EC2 m6i.large, trunking");
	assert_m6i(option, TRUE, 10, 2, USD(140, 160000000), USD(4, 800000000));
	g_assert_false(option->current);
	g_assert_true(find_option(entry, "EC2 m6i.large, no trunking")->current);
	/* Fargate stays awsvpc without trunking */
	option = find_option(entry, "Fargate x86_64");
	g_assert_cmpint(option->network_mode, ==, PLAN_NETWORK_AWSVPC);
	g_assert_false(option->trunking_asked);

	/* --trunking both: each type twice; trunking saves 724.80 − 144.96 = $579.84 here */
	entry = g_ptr_array_index(both->services, 0);
	assert_m6i(find_option(entry, "EC2 m6i.large, trunking"), TRUE, 10, 2, USD(140, 160000000),
		   USD(4, 800000000));
	assert_m6i(find_option(entry, "EC2 m6i.large, no trunking"), FALSE, 2, 10,
		   USD(700, 800000000), USD(24, 0));
	g_assert_cmpint(find_option(entry, "EC2 m5.large, no trunking")->instances, ==, 10);
	g_assert_cmpint(find_option(entry, "EC2 m5.large, trunking")->instances, ==, 2);
	/* the break-even's staircase is the trunking one */
	g_assert_true(entry->trunking);
	/* the shared fleet packs the same way */
	option = find_option(both->total, "EC2 m5.large, trunking");
	g_assert_cmpint(option->instances, ==, 2);
	g_assert_true(option->trunking);
	g_assert_cmpint(option->monthly_cost, ==, USD(144, 960000000));
	option = find_option(both->total, "EC2 m5.large, no trunking");
	g_assert_cmpint(option->instances, ==, 10);
	g_assert_cmpint(option->monthly_cost, ==, USD(724, 800000000));
	g_assert_cmpint(find_option(off->total, "EC2 m5.large, no trunking")->instances, ==, 10);
}

/* --network-mode bridge on the same service: no ENI limit, but its container port is bound on
 * the host, so one task an instance (a static host port): 20 hosts. m6i.large: 20 × 70.08 =
 * $1401.60 + 20 × 2.40 = $48.00 → $1449.60; the cheapest type then is the cheapest hour that
 * holds a task, c5.large at $0.085: 20 × 730 × 0.085 = $1241.00 + $48.00 = $1289.00. What the
 * model runs (awsvpc, $724.80) stays listed beside it. Host mode is the same */
static void
test_compare_network_mode(void)
{
	g_autoptr(PlanModel) model = load_model(trunking_worker);
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) bridge =
	    compare_what_if(model, book, PLAN_COMPARE_TRUNKING_MODEL, PLAN_NETWORK_BRIDGE);
	g_autoptr(PlanCompare) host =
	    compare_what_if(model, book, PLAN_COMPARE_TRUNKING_MODEL, PLAN_NETWORK_HOST);
	const PlanCompareEntry *entry = g_ptr_array_index(bridge->services, 0);
	const PlanCompareOption *option = find_option(entry, "EC2 m6i.large, bridge");

	g_assert_cmpint(option->network_mode, ==, PLAN_NETWORK_BRIDGE);
	g_assert_cmpint(option->tasks_per_instance, ==, 1);
	g_assert_cmpint(option->limit, ==, PLAN_LIMIT_PORT);
	g_assert_cmpint(option->instances, ==, 20);
	g_assert_cmpint(option->monthly_cost, ==, USD(1449, 600000000));
	g_assert_false(option->current);
	option = find_option(entry, "EC2 c5.large, bridge");
	g_assert_cmpint(option->instances, ==, 20);
	g_assert_cmpint(option->monthly_cost, ==, USD(1289, 0));
	option = find_option(entry, "EC2 m6i.large, awsvpc");
	g_assert_true(option->current);
	g_assert_cmpint(option->monthly_cost, ==, USD(724, 800000000));
	g_assert_cmpint(find_option(entry, "Fargate x86_64")->network_mode, ==, PLAN_NETWORK_AWSVPC);
	g_assert_cmpint(bridge->total->network_mode, ==, PLAN_NETWORK_BRIDGE);
	g_assert_cmpint(find_option(bridge->total, "EC2 c5.large, bridge")->instances, ==, 20);
	entry = g_ptr_array_index(host->services, 0);
	g_assert_cmpint(find_option(entry, "EC2 m6i.large, host")->instances, ==, 20);
}

/* the renderers: JSON keys as documented, money exact */
static void
test_compare_json(void)
{
	g_autoptr(PlanModel) model = load_model(fargate_10);
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) json = report_compare(model, compare, REPORT_FORMAT_JSON, NULL, &error);

	g_assert_no_error(error);
	/* issue 12 item 5: what a machine reader needs without parsing the label; m5.large:
	 * 6 × 730 × 0.096 = 420.48 of hours + 6 × 30 × 0.08 = 14.40 of EBS = 434.88 */
	g_assert_nonnull(strstr(json->str, "\"label\":\t\"EC2 m5.large\",\n"
					   "\t\t\t\t\t\"launch_type\":\t\"EC2\",\n"
					   "\t\t\t\t\t\"architecture\":\t\"x86_64\",\n"
					   "\t\t\t\t\t\"purchase\":\t\"on-demand\",\n"
					   "\t\t\t\t\t\"instance_type\":\t\"m5.large\",\n"
					   "\t\t\t\t\t\"instances\":\t6,\n"
					   "\t\t\t\t\t\"on_demand_tasks\":\tnull,\n"
					   "\t\t\t\t\t\"spot_tasks\":\tnull,\n"
					   "\t\t\t\t\t\"monthly_cost\":\t434.88,\n"
					   "\t\t\t\t\t\"costs\":\t{\n"
					   "\t\t\t\t\t\t\"fargate\":\t0.00,\n"
					   "\t\t\t\t\t\t\"instances\":\t420.48,\n"
					   "\t\t\t\t\t\t\"ebs\":\t14.40,\n"
					   "\t\t\t\t\t\t\"cpu_credits\":\t0.00\n"));
	g_assert_nonnull(strstr(json->str, "\"label\":\t\"Fargate Spot, all tasks\",\n"
					   "\t\t\t\t\t\"launch_type\":\t\"FARGATE\",\n"
					   "\t\t\t\t\t\"architecture\":\t\"x86_64\",\n"
					   "\t\t\t\t\t\"purchase\":\t\"spot\",\n"
					   "\t\t\t\t\t\"instance_type\":\tnull,\n"
					   "\t\t\t\t\t\"instances\":\tnull,\n"
					   "\t\t\t\t\t\"on_demand_tasks\":\t0,\n"
					   "\t\t\t\t\t\"spot_tasks\":\t10,\n"));
	g_assert_nonnull(strstr(json->str, "\"monthly_cost\":\t360.401,\n"));
	g_assert_nonnull(strstr(json->str, "\"break_even_tasks\":\tnull,"));
	g_assert_nonnull(strstr(json->str, "\"instance_types_burstable_left_out\":\t2"));
	g_assert_nonnull(strstr(json->str, "\"total\":\t{"));
}

/* the chart script is one gnuplot accepts, and draws the same SVG twice */
static void
test_compare_chart(void)
{
	g_autoptr(PlanModel) model = load_model(bridge_worker);
	g_autoptr(PlanPriceBook) book = book_m5_only();
	g_autoptr(PlanCompare) compare = compare_model(model, book, NULL);
	g_autofree char *script = report_compare_chart_script(model, compare);
	g_autofree char *program = report_gnuplot_find();
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) svg = NULL;
	g_autoptr(GBytes) again = NULL;
	gsize length = 0;
	const char *text;

	/* the data and the marks are in the script whether or not gnuplot is here */
	g_assert_nonnull(strstr(script, "$service0 << EOD\n1 18.02005 "));
	g_assert_nonnull(strstr(script, "with steps"));
	/* four series, four styles: none drawn over another in the same colour and dash (issue 12
	 * item 5); the widest first */
	g_assert_nonnull(strstr(script, "using 1:2 with lines linewidth 3 dashtype 1 linecolor "
					"rgb '#1864ab' title 'Fargate x86_64'"));
	g_assert_nonnull(strstr(script, "using 1:3 with lines linewidth 2 dashtype 2 linecolor "
					"rgb '#2b8a3e' title 'Fargate arm64'"));
	g_assert_nonnull(strstr(script, "using 1:4 with lines linewidth 2 dashtype 3 linecolor "
					"rgb '#e67700' title "));
	g_assert_nonnull(strstr(script, "using 1:5 with steps linewidth 1.5 dashtype 4 linecolor "
					"rgb '#5f3dc4' title 'EC2 m5.large'"));
	/* zoomed to the service: 4 tasks, no autoscaling, so 0 to max(10, 2 x 4) = 10; the
	 * break-even at 106 is named in the title, not drawn off the view */
	g_assert_nonnull(strstr(script, "set xrange [0:10]\n"));
	g_assert_nonnull(strstr(script, "set arrow from 4, graph 0 to 4, graph 1 nohead"));
	g_assert_nonnull(strstr(script, "set label 'desired 4' at 4,"));
	g_assert_null(strstr(script, "'max "));
	g_assert_nonnull(strstr(script, "(break-even: 106 tasks, right of this view)"));
	g_assert_null(strstr(script, "set arrow from 106, graph 0"));
	if (program == NULL) {
		g_test_skip("gnuplot is not installed");
		return;
	}
	svg = report_gnuplot_svg(script, REPORT_GNUPLOT_TIMEOUT_MS, &error);
	g_assert_no_error(error);
	text = g_bytes_get_data(svg, &length);
	g_assert_nonnull(g_strstr_len(text, (gssize)length, "<svg"));
	g_assert_nonnull(g_strstr_len(text, (gssize)length, "</svg>"));
	again = report_gnuplot_svg(script, REPORT_GNUPLOT_TIMEOUT_MS, &error);
	g_assert_no_error(error);
	g_assert_true(g_bytes_equal(svg, again));
}

/* @copy of gnuplot's SVG into a page (report.html's figure), or NULL with @error set */
static char *
compare_chart_page(GBytes *svg, ReportSvgCopy copy, GError **error)
{
	g_autoptr(ReportXml) xml = report_xml_new_html();
	g_autoptr(GString) page = NULL;
	gsize length = 0;
	const char *data = g_bytes_get_data(svg, &length);

	report_xml_start(xml, "body");
	report_xml_start(xml, "figure");
	if (!report_svg_embed_how(xml, data, length, "f2-", NULL, copy, error))
		return NULL;
	page = report_xml_finish(xml, error);
	return page != NULL ? g_strdup(page->str) : NULL;
}

/* gnuplot draws a long curve as a path whose "d" runs over lines (a line feed and two tabs
 * between points): the stream copy reads it as XML does, each of those a space, and writes
 * the tree copy's bytes (it used to leave the whole chart to the tree copy, issue 18) */
static void
compare_chart_embed(const char *script)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GBytes) svg = NULL;
	g_autofree char *program = report_gnuplot_find();
	g_autofree char *tree = NULL;
	g_autofree char *stream = NULL;
	const char *data;
	gsize length = 0;

	if (program == NULL)
		return;
	svg = report_gnuplot_svg(script, REPORT_GNUPLOT_TIMEOUT_MS, &error);
	g_assert_no_error(error);
	data = g_bytes_get_data(svg, &length);
	g_assert_nonnull(g_strstr_len(data, (gssize)length, "\n\t\tL"));
	tree = compare_chart_page(svg, REPORT_SVG_COPY_TREE, &error);
	g_assert_no_error(error);
	stream = compare_chart_page(svg, REPORT_SVG_COPY_STREAM, &error);
	g_assert_no_error(error);
	g_assert_cmpstr(stream, ==, tree);
	g_assert_null(strstr(stream, "\t"));
}

/* the chart's view follows the service (issue 12 item 3): the bridge worker (break-even 106)
 * with an autoscaling max of 50: the view is 2 × 50 = 100, and the break-even lies within 10
 * times that, so the view widens past it to 106 + 106 ÷ 5 + 1 = 128, max and break-even
 * marked. With a max of 150 the search range is max(200, 10 × 4, 2 × 150) = 300 (it was 200,
 * and the view of 2 × 150 was cut there): the view is 0..300, the curve has all 300 counts,
 * and the break-even stays 106 (every count from 106 to 300 is cheaper: 4k + 1 needs k ≥ 27) */
static void
test_compare_chart_range(void)
{
	static const char *const maxes[] = {"50", "150"};

	for (guint i = 0; i < G_N_ELEMENTS(maxes); i++) {
		g_autoptr(GString) json = g_string_new(bridge_worker);
		g_autofree char *autoscaling = g_strdup_printf(
		    "\"desired_count\": 4, \"autoscaling\": {\"min\": 4, \"max\": %s}, ", maxes[i]);
		g_autoptr(PlanModel) model = NULL;
		g_autoptr(PlanPriceBook) book = book_m5_only();
		g_autoptr(PlanCompare) compare = NULL;
		g_autofree char *script = NULL;
		const PlanCompareEntry *entry;

		g_string_replace(json, "\"desired_count\": 4, ", autoscaling, 1);
		model = load_model(json->str);
		compare = compare_model(model, book, NULL);
		entry = g_ptr_array_index(compare->services, 0);
		script = report_compare_chart_script(model, compare);
		g_assert_true(entry->break_even.found);
		g_assert_cmpint(entry->break_even.tasks, ==, 106);
		g_assert_nonnull(strstr(script, "set arrow from 106, graph 0 to 106, graph 1"));
		g_assert_nonnull(strstr(script, "set label 'break-even 106' at 106, graph 0.83"));
		g_assert_null(strstr(script, "right of this view"));
		if (i == 0) {
			g_assert_cmpint(entry->break_even.range, ==, 200);
			g_assert_nonnull(strstr(script, "set xrange [0:128]\n"));
			g_assert_nonnull(strstr(script, "set label 'max 50' at 50,"));
		} else {
			g_assert_cmpint(entry->break_even.range, ==, 300);
			g_assert_cmpuint(entry->points->len, ==, 300);
			g_assert_nonnull(strstr(script, "set xrange [0:300]\n"));
			g_assert_nonnull(strstr(script, "set label 'max 150' at 150,"));
		}
		g_assert_nonnull(strstr(script, "set label 'desired 4' at 4,"));
		if (i == 1)
			compare_chart_embed(script);
	}
}

/* ---- the CLI ------------------------------------------------------------------------------ */

/* without gnuplot compare still succeeds: the report carries the table, stderr says so once,
 * and no chart file appears */
static void
test_cli_compare_without_gnuplot(void)
{
	g_autofree char *dir = NULL;
	g_autofree char *chart = NULL;
	g_autofree char *out = NULL;
	g_autofree char *err = NULL;
	g_autoptr(GError) error = NULL;
	int status;

	if (!test_have_ecsplan())
		return;
	dir = g_dir_make_tmp("test-compare-XXXXXX", &error);
	g_assert_no_error(error);
	chart = g_build_filename(dir, "chart.svg", NULL);
	{
		const char *args[] = {"compare", "--chart", chart,
				      "../models/examples/seed000-off-to-the-cloud.json", NULL};
		status = test_run_ecsplan(args, "/nonexistent/gnuplot", &out, &err);
	}
	g_assert_cmpint(status, ==, 0);
	g_assert_nonnull(strstr(out, "Cost against task count"));
	g_assert_null(strstr(out, "Chart: "));
	g_assert_true(g_str_has_prefix(err, "ecsplan: gnuplot is not installed; the chart '"));
	g_assert_nonnull(strchr(err, '\n'));
	g_assert_cmpstr(strchr(err, '\n') + 1, ==, "");
	g_assert_false(g_file_test(chart, G_FILE_TEST_EXISTS));
	g_rmdir(dir);
}

/* with gnuplot the chart is written and the report names it instead of the table */
static void
test_cli_compare_chart(void)
{
	g_autofree char *program = report_gnuplot_find();
	g_autofree char *dir = NULL;
	g_autofree char *chart = NULL;
	g_autofree char *out = NULL;
	g_autofree char *err = NULL;
	g_autofree char *svg = NULL;
	g_autoptr(GError) error = NULL;
	int status;

	if (!test_have_ecsplan())
		return;
	if (program == NULL) {
		g_test_skip("gnuplot is not installed");
		return;
	}
	dir = g_dir_make_tmp("test-compare-XXXXXX", &error);
	g_assert_no_error(error);
	chart = g_build_filename(dir, "chart.svg", NULL);
	{
		const char *args[] = {"compare", "--chart", chart,
				      "../models/examples/seed004-cruddur-bootcamp.json", NULL};
		status = test_run_ecsplan(args, NULL, &out, &err);
	}
	g_assert_cmpint(status, ==, 0);
	g_assert_cmpstr(err, ==, "");
	g_assert_null(strstr(out, "Cost against task count"));
	g_assert_nonnull(strstr(out, "Chart: "));
	g_assert_true(g_file_get_contents(chart, &svg, NULL, &error));
	g_assert_no_error(error);
	g_assert_nonnull(strstr(svg, "</svg>"));
	g_unlink(chart);
	g_rmdir(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/compare/burstable-credits", test_compare_burstable_credits);
	g_test_add_func("/planner/compare/ec2-spot-advice", test_compare_ec2_spot_advice);
	g_test_add_func("/planner/compare/ebs-flips", test_compare_ebs_flips);
	g_test_add_func("/planner/compare/fargate-worked", test_compare_fargate_worked);
	g_test_add_func("/planner/compare/matches-cost", test_compare_matches_cost);
	g_test_add_func("/planner/compare/spot-mix", test_compare_spot_mix);
	g_test_add_func("/planner/compare/break-even", test_compare_break_even);
	g_test_add_func("/planner/compare/break-even-rows", test_compare_break_even_rows);
	g_test_add_func("/planner/compare/purchase-names", test_compare_purchase_names);
	g_test_add_func("/planner/compare/no-break-even", test_compare_no_break_even);
	g_test_add_func("/planner/compare/per-az", test_compare_per_az);
	g_test_add_func("/planner/compare/total-shared", test_compare_total_shared);
	g_test_add_func("/planner/compare/apportion", test_compare_apportion);
	g_test_add_func("/planner/compare/total-break-even", test_compare_total_break_even);
	g_test_add_func("/planner/compare/total-least", test_compare_total_least);
	g_test_add_func("/planner/compare/chart-range", test_compare_chart_range);
	g_test_add_func("/planner/compare/select", test_compare_select);
	g_test_add_func("/planner/compare/trunking", test_compare_trunking);
	g_test_add_func("/planner/compare/network-mode", test_compare_network_mode);
	g_test_add_func("/reports/compare/json", test_compare_json);
	g_test_add_func("/reports/compare/chart", test_compare_chart);
	g_test_add_func("/planner/compare/commitments", test_compare_commitments);
	g_test_add_func("/cli/compare/without-gnuplot", test_cli_compare_without_gnuplot);
	g_test_add_func("/cli/compare/chart", test_cli_compare_chart);
	g_test_add_func("/planner/compare/dates", test_compare_dates);
	g_test_add_func("/planner/compare/daemons", test_compare_daemons);
	return g_test_run();
}
