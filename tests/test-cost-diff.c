/* ecsplan: unit tests for planner/cost/cost-diff.c, its renderer and `ecsplan diff
 * --fail-above`: what a change to a model does to the monthly cost, worked out by hand from the
 * us-east-1 book (docs/cost.md) */
#include "test-util.h"
#include "test-cost-util.h"
#include "cost-diff.h"
#include "plan-error.h"
#include "render-cost-diff.h"

#include <glib/gstdio.h>
#include <string.h>

/* ---- the engine and its renderer ----------------------------------------------------- */

/* one VPC with a public and a private subnet; @extra goes into the VPC */
static char *
nat_model(const char *extra)
{
	return g_strdup_printf(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"main\", \"cidr\": "
	    "\"10.0.0.0/16\", \"internet_gateway\": true, \"subnets\": [{\"name\": \"pub\", "
	    "\"cidr\": \"10.0.0.0/24\", \"az\": \"us-east-1a\", \"tier\": \"public\"}, {\"name\": "
	    "\"priv\", \"cidr\": \"10.0.1.0/24\", \"az\": \"us-east-1a\", \"tier\": "
	    "\"private\"}]%s}], "
	    "\"services\": [{\"name\": \"api\", \"vpc\": \"main\", \"launch_type\": \"FARGATE\", "
	    "\"cpu\": 256, \"memory\": 512, \"desired_count\": 1, \"subnets\": [\"priv\"], "
	    "\"containers\": [{\"name\": \"app\"}]}]}",
	    extra);
}

/* a private NAT gateway has no Elastic IP: the change is 730 × $0.045 = $32.85 of NAT hours,
 * and a NAT data line at 0 (no usage figures) */
static const char nat_extra[] =
    ", \"nat_gateways\": [{\"name\": \"nat-a\", \"subnet\": \"priv\", \"connectivity\": "
    "\"private\"}]";

static PlanCostDiff *
diff_models(const char *old_json, const char *new_json, double hours)
{
	g_autoptr(PlanModel) old_model = load_model(old_json);
	g_autoptr(PlanModel) new_model = load_model(new_json);
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(GError) error = NULL;
	PlanCostOptions options = {hours, TRUE};
	g_autoptr(PlanCost) old_cost = plan_cost(old_model, book, &options, &error);
	g_autoptr(PlanCost) new_cost = NULL;

	g_assert_no_error(error);
	new_cost = plan_cost(new_model, book, &options, &error);
	g_assert_no_error(error);
	return plan_cost_diff(old_cost, new_cost);
}

static void
test_diff_nat_added(void)
{
	g_autofree char *old_json = nat_model("");
	g_autofree char *new_json = nat_model(nat_extra);
	g_autoptr(PlanCostDiff) diff = diff_models(old_json, new_json, 730.0);
	g_autoptr(PlanCostDiff) back = diff_models(new_json, old_json, 730.0);
	g_autoptr(PlanCostDiff) month_720 = diff_models(old_json, new_json, 720.0);
	g_autofree char *summary = NULL;
	guint added = 0;
	PlanNanos sum_old = 0;
	PlanNanos sum_new = 0;

	g_assert_cmpint(diff->delta, ==, USD(32, 850000000));
	g_assert_cmpint(diff->total_new - diff->total_old, ==, diff->delta);
	g_assert_cmpuint(diff->n_changed, ==, 2);
	for (guint i = 0; i < diff->lines->len; i++) {
		const PlanCostDiffLine *line = &g_array_index(diff->lines, PlanCostDiffLine, i);
		sum_old += line->old_cost;
		sum_new += line->new_cost;
		if (line->change != PLAN_COST_DIFF_ADDED)
			continue;
		added++;
		g_assert_cmpstr(line->resource, ==, "nat/nat-a");
		g_assert_null(line->description_old);
		if (line->category == PLAN_COST_NAT_HOURS) {
			g_assert_cmpstr(line->item, ==, "hour");
			g_assert_cmpint(line->delta, ==, USD(32, 850000000));
		} else {
			g_assert_cmpint(line->category, ==, PLAN_COST_NAT_DATA);
			g_assert_cmpint(line->delta, ==, 0);
		}
	}
	g_assert_cmpuint(added, ==, 2);
	g_assert_cmpint(sum_old, ==, diff->total_old);
	g_assert_cmpint(sum_new, ==, diff->total_new);
	/* the other way round the lines are removed */
	g_assert_cmpint(back->delta, ==, -USD(32, 850000000));
	g_assert_cmpint(g_array_index(back->lines, PlanCostDiffLine, back->lines->len - 1).change,
			==, PLAN_COST_DIFF_REMOVED);
	/* 720 hours: 720 × 0.045 */
	g_assert_cmpint(month_720->delta, ==, USD(32, 400000000));

	summary = report_cost_diff_summary(diff);
	g_assert_true(g_str_has_prefix(summary, "+$32.85/month (+"));
}

/* two AZs, a private NAT gateway in each, 1,000 GB of NAT traffic a month; NEW shares the one
 * in us-east-1a. Saved: nat-b's 730 × 0.045 = $32.85 (its data moves to nat-a, same $0.045 a
 * GB). Added: the cross-AZ traffic the sharing causes, which the diff prices and names: half
 * the private subnets (1 of 2) now reach their gateway in another AZ, 1,000 × 1/2 = 500 GB ×
 * 2 ends × $0.01 = $10.00. Delta −32.85 + 10.00 = −$22.85 */
static char *
two_az_nat_model(gboolean shared)
{
	return g_strdup_printf(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"usage\": {\"nat_gb_per_month\": 1000}, "
	    "\"vpcs\": [{\"name\": \"main\", \"cidr\": \"10.0.0.0/16\", \"subnets\": ["
	    "{\"name\": \"pa\", \"cidr\": \"10.0.0.0/24\", \"az\": \"us-east-1a\", \"tier\": "
	    "\"private\", \"nat_gateway\": \"nat-a\"}, "
	    "{\"name\": \"pb\", \"cidr\": \"10.0.1.0/24\", \"az\": \"us-east-1b\", \"tier\": "
	    "\"private\", \"nat_gateway\": \"%s\"}], "
	    "\"nat_gateways\": [{\"name\": \"nat-a\", \"subnet\": \"pa\", \"connectivity\": "
	    "\"private\"}%s]}]}",
	    shared ? "nat-a" : "nat-b",
	    shared ? "" : ", {\"name\": \"nat-b\", \"subnet\": \"pb\", \"connectivity\": "
			  "\"private\"}");
}

static void
test_diff_shared_nat(void)
{
	g_autofree char *old_json = two_az_nat_model(FALSE);
	g_autofree char *new_json = two_az_nat_model(TRUE);
	g_autoptr(PlanCostDiff) diff = diff_models(old_json, new_json, 730.0);
	gboolean seen = FALSE;

	g_assert_cmpint(diff->delta, ==, -USD(22, 850000000));
	for (guint i = 0; i < diff->lines->len; i++) {
		const PlanCostDiffLine *line = &g_array_index(diff->lines, PlanCostDiffLine, i);
		if (line->category != PLAN_COST_CROSS_AZ || line->change != PLAN_COST_DIFF_ADDED)
			continue;
		g_assert_cmpstr(line->resource, ==, "nat/cross-az");
		g_assert_cmpint(line->delta, ==, USD(10, 0));
		g_assert_nonnull(strstr(line->description_new,
					"NAT traffic crossing AZs: 1000 GB × 1 of the 2 private "
					"subnets routed to a NAT gateway in another AZ = 500 GB × 2"));
		seen = TRUE;
	}
	g_assert_true(seen);
}

/* a service that grows and moves to arm64 is one changed line per dimension, not removed and
 * added ones */
static void
test_diff_matching(void)
{
	static const char before[] =
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", " VPC_ABC ", \"services\": [{\"name\": "
	    "\"api\", \"vpc\": \"main\", \"launch_type\": \"FARGATE\", \"cpu\": 1024, \"memory\": "
	    "2048, \"desired_count\": 5, \"subnets\": [\"a\"], \"containers\": [{\"name\": "
	    "\"app\"}]}]}";
	static const char after[] =
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", " VPC_ABC ", \"services\": [{\"name\": "
	    "\"api\", \"vpc\": \"main\", \"launch_type\": \"FARGATE\", \"architecture\": "
	    "\"arm64\", "
	    "\"cpu\": 1024, \"memory\": 2048, \"desired_count\": 10, \"subnets\": [\"a\"], "
	    "\"containers\": [{\"name\": \"app\"}]}]}";
	g_autoptr(PlanCostDiff) diff = diff_models(before, after, 730.0);
	g_autoptr(PlanCostDiff) same = diff_models(before, before, 730.0);
	const PlanCostDiffLine *vcpu = &g_array_index(diff->lines, PlanCostDiffLine, 0);

	g_assert_cmpstr(vcpu->item, ==, "vCPU-hour");
	g_assert_cmpint(vcpu->change, ==, PLAN_COST_DIFF_CHANGED);
	/* 5 × 730 × 0.04048 = 147.752 → 10 × 730 × 0.03238 = 236.374 */
	g_assert_cmpint(vcpu->old_cost, ==, USD(147, 752000000));
	g_assert_cmpint(vcpu->new_cost, ==, USD(236, 374000000));
	g_assert_cmpuint(diff->n_changed, ==, 2);
	g_assert_cmpuint(same->n_changed, ==, 0);
	g_assert_cmpint(same->delta, ==, 0);
	g_assert_false(same->has_percent && same->percent != 0.0);
}

static void
test_diff_parse_dollars(void)
{
	static const struct {
		const char *text;
		gboolean ok;
		PlanNanos nanos;
	} cases[] = {
	    {"10", TRUE, USD(10, 0)},
	    {"12.50", TRUE, USD(12, 500000000)},
	    {"$5", TRUE, USD(5, 0)},
	    {"+$0.01", TRUE, USD(0, 10000000)},
	    {"-3.5", TRUE, -USD(3, 500000000)},
	    {"0", TRUE, 0},
	    {"", FALSE, 0},
	    {"-", FALSE, 0},
	    {"abc", FALSE, 0},
	    {"1e3", FALSE, 0},
	    {"1.2.3", FALSE, 0},
	    {"12.", FALSE, 0},
	    {"10 dollars", FALSE, 0},
	};

	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autoptr(GError) error = NULL;
		PlanNanos nanos = -1;
		gboolean ok = plan_cost_parse_dollars(cases[i].text, &nanos, &error);
		g_test_message("'%s'", cases[i].text);
		g_assert_cmpint(ok, ==, cases[i].ok);
		if (ok) {
			g_assert_no_error(error);
			g_assert_cmpint(nanos, ==, cases[i].nanos);
		} else {
			g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE);
		}
	}
}

/* ---- the CLI ------------------------------------------------------------------------------ */

/* diff exits 0 whatever the change, 1 when --fail-above is exceeded (strictly) */
static void
test_cli_diff_fail_above(void)
{
	static const struct {
		const char *fail_above; /* NULL: not given */
		int status;
	} cases[] = {
	    {NULL, 0}, {"40", 0}, {"32.85", 0}, {"32.84", 1}, {"0", 1}, {"-100", 1},
	};
	g_autofree char *dir = NULL;
	g_autofree char *old_path = NULL;
	g_autofree char *new_path = NULL;
	g_autofree char *old_json = nat_model("");
	g_autofree char *new_json = nat_model(nat_extra);
	g_autoptr(GError) error = NULL;

	if (!test_have_ecsplan())
		return;
	dir = g_dir_make_tmp("test-diff-XXXXXX", &error);
	g_assert_no_error(error);
	old_path = g_build_filename(dir, "old.json", NULL);
	new_path = g_build_filename(dir, "new.json", NULL);
	g_assert_true(g_file_set_contents(old_path, old_json, -1, &error));
	g_assert_true(g_file_set_contents(new_path, new_json, -1, &error));
	for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_autofree char *out = NULL;
		g_autofree char *err = NULL;
		const char *with[] = {
		    "diff",   "--format", "md", "--fail-above", cases[i].fail_above,
		    old_path, new_path,	  NULL};
		const char *without[] = {"diff", "--format", "md", old_path, new_path, NULL};
		int status =
		    test_run_ecsplan(cases[i].fail_above != NULL ? with : without, NULL, &out, &err);
		g_test_message("--fail-above %s", cases[i].fail_above);
		g_assert_cmpint(status, ==, cases[i].status);
		/* the report is written either way */
		g_assert_true(g_str_has_prefix(out, "### Cost change: +$32.85/month (+"));
		if (cases[i].status == 1)
			g_assert_true(
			    g_str_has_prefix(err, "ecsplan: the monthly cost changes by "));
		else
			g_assert_cmpstr(err, ==, "");
	}
	g_unlink(old_path);
	g_unlink(new_path);
	g_rmdir(dir);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/diff/shared-nat", test_diff_shared_nat);
	g_test_add_func("/planner/cost-diff/nat-added", test_diff_nat_added);
	g_test_add_func("/planner/cost-diff/matching", test_diff_matching);
	g_test_add_func("/planner/cost-diff/parse-dollars", test_diff_parse_dollars);
	g_test_add_func("/cli/diff/fail-above", test_cli_diff_fail_above);
	return g_test_run();
}
