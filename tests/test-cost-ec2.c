/* ecsplan: unit tests for the EC2 side of planner/cost/: a cluster's instances and volumes,
 * Savings Plans and Reserved Instances on the compute they cover (cost-commit.c), instance types
 * without a price, and a region without a book, worked out by hand (docs/cost.md) */
#include "cost.h"
#include "diagnostic.h"
#include "loader.h"
#include "plan-error.h"
#include "render-cost.h"
#include "test-cost-util.h"
#include "test-util.h"

#include <math.h>
#include <string.h>

/* 4 awsvpc tasks of 1 vCPU / 2 GB on m5.large without trunking (2 task ENIs each) over two
 * AZs: 2 per AZ, 1 instance per AZ. 2 × 730 × $0.096 = $140.16, plus each instance's 30 GB gp3
 * root volume (the ebs_gb default): 2 × 30 GB × $0.08 × 730 h / 730 h = $4.80, EC2 $144.96;
 * with public_ip, 2 × 730 × $0.005 = $7.30, in each instance's AZ */
static void
test_ec2_cluster(void)
{
	g_autoptr(PlanModel) model = load_vpc_model(
	    "us-east-1", "",
	    "\"clusters\": [{\"name\": \"batch\", \"instance_type\": \"m5.large\", \"min\": 1, "
	    "\"max\": 6, \"subnets\": [\"public-a\", \"public-b\"], \"public_ip\": true}], "
	    "\"services\": [{\"name\": \"jobs\", \"launch_type\": \"EC2\", \"cluster\": \"batch\", "
	    "\"cpu\": 1024, \"memory\": 2048, \"desired_count\": 4, \"subnets\": [\"public-a\", "
	    "\"public-b\"]}]");
	g_autoptr(PlanPriceBook) book = book_for("us-east-1");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	const PlanCostLine *first = &g_array_index(cost->lines, PlanCostLine, 0);

	g_assert_cmpint(first->category, ==, PLAN_COST_EC2);
	g_assert_cmpstr(first->az, ==, "us-east-1a");
	g_assert_cmpstr(first->price_key, ==, "ec2.m5.large");
	g_assert_cmpfloat(first->quantity, ==, 730.0);
	g_assert_cmpint(category_cost(cost, PLAN_COST_EC2), ==, USD(144, 960000000));
	g_assert_cmpint(category_cost(cost, PLAN_COST_PUBLIC_IPV4), ==, USD(7, 300000000));
	/* one volume line per AZ: 1 instance × 30 GB × 730 h / 730 h = 30 GB-month, $2.40 */
	for (guint i = 0, n = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		if (g_strcmp0(line->price_key, "ebs.gp3.gb_month") != 0)
			continue;
		g_assert_cmpfloat(line->quantity, ==, 30.0);
		g_assert_cmpint(line->cost, ==, USD(2, 400000000));
		g_assert_cmpstr(line->az, ==, ++n == 1 ? "us-east-1a" : "us-east-1b");
	}
	g_assert_cmpint(category_cost(cost, PLAN_COST_FARGATE), ==, 0);
	g_assert_cmpfloat(find_assumption(cost, "cluster/batch.instances")->value, ==, 2.0);
	assert_sums(cost);
}

/* the model's pricing block (issue 12): the commitments the account holds price the compute
 * they cover, the rest stays on-demand. us-east-1, with a --prices file giving m5.large a
 * standard RI 1 year partial upfront of $0.0196 an hour and $172 upfront (figures for the
 * test; AWS's come from its offer files):
 * - the cluster's 2 m5.large (one per AZ, as in test_ec2_cluster) under the RI: effective
 *   0.0196 + 172 ÷ 8760 = 0.0196 + 0.019634703 = 0.039234703 an hour; 730 h × 0.039234703 =
 *   $28.64133319 a line (on-demand 730 × 0.096 = $70.08); EBS 30 GB × $0.08 = $2.40 on-demand;
 * - the Fargate service's 3 tasks of 0.25 vCPU / 0.5 GB under the Compute SP 1 year no upfront
 *   (the built-in estimate, on-demand × 0.80): 547.5 vCPU-h × 0.032384 = $17.73024 and
 *   1095 GB-h × 0.003556 = $3.89382 (on-demand $22.1628 + $4.867275);
 * - the t3.micro host: neither commitment has a t3.micro rate in the book, so on-demand
 *   730 × 0.0104 = $7.592, marked an estimate (the account pays less).
 * Without the block the same model prices on-demand */
static void
test_commitments(void)
{
	static const char rates[] =
	    "{\"ecsplan_prices\": 1, \"region\": \"us-east-1\", \"as_of\": \"2026-12\", "
	    "\"sources\": {\"R1\": {\"title\": \"t\", \"as_of\": \"2026-12\"}}, "
	    "\"reserved\": {\"m5.large\": {\"1y_partial_upfront\": {"
	    "\"hourly\": {\"value\": 0.0196, \"unit\": \"hour\", \"source\": \"R1\", "
	    "\"as_of\": \"2026-12\", \"confidence\": \"ok\"}, "
	    "\"upfront\": {\"value\": 172, \"unit\": \"instance\", \"source\": \"R1\", "
	    "\"as_of\": \"2026-12\", \"confidence\": \"ok\"}}}}}";
	static const char rest[] =
	    "\"clusters\": [{\"name\": \"batch\", \"instance_type\": \"m5.large\", \"min\": 1, "
	    "\"max\": 6, \"subnets\": [\"private-a\", \"private-b\"]}], "
	    "\"services\": [{\"name\": \"jobs\", \"launch_type\": \"EC2\", \"cluster\": \"batch\", "
	    "\"cpu\": 1024, \"memory\": 2048, \"desired_count\": 4, \"subnets\": [\"private-a\", "
	    "\"private-b\"]}, {\"name\": \"web\", \"cpu\": 256, \"memory\": 512, "
	    "\"desired_count\": 3, \"subnets\": [\"private-a\", \"private-b\"]}], "
	    "\"instances\": [{\"name\": \"bastion\", \"instance_type\": \"t3.micro\", "
	    "\"subnet\": \"public-a\", \"ebs_gb\": 0}]";
	g_autofree char *committed_rest = g_strdup_printf(
	    "%s, \"pricing\": {\"commitments\": [{\"type\": \"compute-sp\", \"term\": \"1y\", "
	    "\"payment\": \"no-upfront\"}, {\"type\": \"reserved\", \"term\": \"1y\", "
	    "\"payment\": \"partial-upfront\"}]}",
	    rest);
	g_autoptr(PlanModel) plain = load_vpc_model("us-east-1", "", rest);
	g_autoptr(PlanModel) model = load_vpc_model("us-east-1", "", committed_rest);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book =
	    plan_price_book_load_data(rates, strlen(rates), "ri.json", NULL, &error);
	g_autoptr(PlanCost) cost = NULL;
	g_autoptr(PlanCost) on_demand = NULL;
	const PlanCostLine *host;
	guint n_instance_lines = 0;

	g_assert_no_error(error);
	cost = price_model(model, book, 0);
	on_demand = price_model(plain, book, 0);
	for (guint i = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		if (g_strcmp0(line->resource, "cluster/batch") != 0)
			continue;
		if (g_strcmp0(line->unit, "instance-hour") == 0) {
			n_instance_lines++;
			g_assert_cmpstr(line->price_key, ==,
					"ec2.m5.large at reserved-1y-partial-upfront");
			g_assert_cmpint(line->unit_price.nanos, ==, 39234703);
			g_assert_cmpint(line->cost, ==, USD(28, 641333190));
			g_assert_false(line->estimate);
			g_assert_nonnull(
			    strstr(line->description,
				   "at the committed rate (reserved-1y-partial-upfront, "
				   "pricing block)"));
			g_assert_nonnull(
			    strstr(line->unit_price.note,
				   "effective hourly = 0.0196 + 172 upfront ÷ 8760 h = "
				   "0.039234703"));
		} else {
			g_assert_cmpstr(line->price_key, ==, "ebs.gp3.gb_month");
			g_assert_cmpint(line->cost, ==, USD(2, 400000000));
		}
	}
	g_assert_cmpuint(n_instance_lines, ==, 2);
	g_assert_cmpint(category_cost(on_demand, PLAN_COST_EC2), ==,
			USD(140, 160000000) + USD(4, 800000000) + USD(7, 592000000));
	/* 2 × 28.64133319 + 2 × 2.40 + 7.592 */
	g_assert_cmpint(category_cost(cost, PLAN_COST_EC2), ==,
			2 * USD(28, 641333190) + USD(4, 800000000) + USD(7, 592000000));

	g_assert_cmpint(category_cost(cost, PLAN_COST_FARGATE), ==,
			USD(17, 730240000) + USD(3, 893820000));
	g_assert_cmpint(category_cost(on_demand, PLAN_COST_FARGATE), ==,
			USD(22, 162800000) + USD(4, 867275000));
	for (guint i = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		if (line->category != PLAN_COST_FARGATE)
			continue;
		g_assert_true(g_str_has_suffix(line->price_key, " at compute-sp-1y-no-upfront"));
		/* the built-in Fargate Savings Plan rates are estimates */
		g_assert_true(line->estimate);
	}

	host = find_line(cost, PLAN_COST_EC2, "host/bastion");
	g_assert_cmpstr(host->price_key, ==, "ec2.t3.micro");
	g_assert_cmpint(host->cost, ==, USD(7, 592000000));
	g_assert_true(host->estimate);
	g_assert_nonnull(strstr(host->description,
				"on-demand: the book has no "
				"reserved-1y-partial-upfront rate for t3.micro"));
	g_assert_false(find_line(on_demand, PLAN_COST_EC2, "host/bastion")->estimate);

	g_assert_cmpfloat(find_assumption(cost, "pricing.commitments")->value, ==, 2.0);
	g_assert_nonnull(strstr(find_assumption(cost, "pricing.commitments")->why,
				"compute-sp-1y-no-upfront, reserved-1y-partial-upfront"));
	assert_sums(cost);
}

/* an instance type the region's book has no price for (t2.nano in us-east-2): the line stays,
 * unpriced (not $0, not an estimate), the cost is incomplete and one price-missing error names
 * the key, the region and where to supply it. ebs_gb 0: no volume line */
static void
test_ec2_unpriced(void)
{
	g_autoptr(PlanModel) model = load_vpc_model(
	    "us-east-2", "",
	    "\"clusters\": [{\"name\": \"tiny\", \"instance_type\": \"t2.nano\", \"min\": 1, "
	    "\"max\": 1, \"subnets\": [\"private-a\"], \"ebs_gb\": 0}]");
	g_autoptr(PlanPriceBook) book = book_for("us-east-2");
	g_autoptr(PlanCost) cost = price_model(model, book, 0);
	const PlanCostLine *line = find_line(cost, PLAN_COST_EC2, "cluster/tiny");
	const PlanDiagnostic *missing;

	g_assert_false(line->unit_price.present);
	g_assert_true(line->unpriced);
	g_assert_cmpint(line->cost, ==, 0);
	g_assert_false(line->estimate);
	g_assert_nonnull(strstr(line->description, "unpriced: the us-east-2 price book has no "
						   "'ec2.t2.nano'"));
	g_assert_false(cost->complete);
	g_assert_cmpuint(g_array_index(cost->by_category, PlanCostTotal, PLAN_COST_EC2).n_unpriced,
			 ==, 1);
	g_assert_cmpuint(cost->missing->len, ==, 1);
	missing = g_ptr_array_index(cost->missing, 0);
	g_assert_cmpstr(missing->code, ==, "price-missing");
	g_assert_cmpint(missing->severity, ==, PLAN_SEVERITY_ERROR);
	g_assert_cmpstr(missing->path, ==, "clusters[0].instance_type");
	g_assert_nonnull(strstr(missing->message, "no price for 'ec2.t2.nano' in region "
						  "'us-east-2' (cluster 'tiny')"));
	g_assert_nonnull(strstr(missing->message, "--prices FILE"));
}

/* many elements short of the same figure: one finding on the first, each other named once in
 * its related list (kept in a set: a scan of the list per element was quadratic, issue 18) */
static void
test_ec2_unpriced_many(void)
{
	g_autoptr(GString) clusters = g_string_new("\"clusters\": [");
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(PlanPriceBook) book = book_for("us-east-2");
	g_autoptr(PlanCost) cost = NULL;
	const PlanDiagnostic *missing;

	for (guint i = 0; i < 3000; i++)
		g_string_append_printf(clusters,
				       "%s{\"name\": \"tiny-%u\", \"instance_type\": \"t2.nano\", "
				       "\"min\": 1, \"max\": 1, \"subnets\": [\"private-a\"]}",
				       i > 0 ? ", " : "", i);
	g_string_append_c(clusters, ']');
	model = load_vpc_model("us-east-2", "", clusters->str);
	cost = price_model(model, book, 0);
	g_assert_cmpuint(cost->missing->len, ==, 1);
	missing = g_ptr_array_index(cost->missing, 0);
	g_assert_cmpstr(missing->path, ==, "clusters[0].instance_type");
	g_assert_nonnull(missing->related);
	g_assert_cmpuint(missing->related->len, ==, 2999);
	g_assert_cmpstr(g_ptr_array_index(missing->related, 0), ==, "clusters[1].instance_type");
	g_assert_cmpstr(g_ptr_array_index(missing->related, 2998), ==,
			"clusters[2999].instance_type");
}

/* issue 18: validate needs only the price-missing findings, so plan_analyse() asks for a
 * findings-only cost. In il-central-1 the built-in book has instance specs and no figures, so
 * every line this model makes is unpriced: the Fargate vCPU and GB lines of two services (one
 * key each, the second service named in the related list), the NAT gateway's hours, data and
 * Elastic IP, the internet-facing ALB's hours and node addresses (the same public_ipv4.hour
 * key as the Elastic IP: the ALB is named in its related list; with no traffic given its LCU
 * line is 0 LCU-hours, which costs nothing whatever the price, so no finding), the interface
 * endpoint's hours and data. The findings-only cost must give the same findings, in the same
 * order, word for word, and keep no line or assumption */
static void
test_findings_only(void)
{
	g_autoptr(PlanModel) model = load_vpc_model(
	    "il-central-1",
	    "\"nat_gateways\": [{\"name\": \"nat-a\", \"subnet\": \"public-a\"}], "
	    "\"load_balancers\": [{\"name\": \"web\", \"scheme\": \"internet-facing\", "
	    "\"subnets\": [\"public-a\", \"public-b\"]}], "
	    "\"endpoints\": [{\"name\": \"logs\", \"service\": \"logs\", \"subnets\": "
	    "[\"private-a\", \"private-b\"]}]",
	    "\"services\": [{\"name\": \"api\", \"cpu\": 512, \"memory\": 1024, "
	    "\"desired_count\": 2, \"subnets\": [\"private-a\", \"private-b\"]}, "
	    "{\"name\": \"worker\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 1, "
	    "\"subnets\": [\"private-a\"]}], "
	    "\"usage\": {\"nat_gb_per_month\": 100, \"endpoint_gb_per_month\": 10}");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book = plan_price_book_choose("il-central-1", NULL, &error);
	PlanCostOptions findings = {.findings_only = TRUE};
	g_autoptr(PlanCost) full = NULL;
	g_autoptr(PlanCost) only = NULL;
	const PlanDiagnostic *fargate;
	const PlanDiagnostic *ipv4;

	g_assert_no_error(error);
	full = price_model(model, book, 0);
	only = plan_cost(model, book, &findings, &error);
	g_assert_no_error(error);
	g_assert_nonnull(only);
	/* fargate.x86_64.vcpu_hour, fargate.x86_64.gb_hour, nat.hour, nat.gb, public_ipv4.hour,
	 * alb.hour, endpoint.hour_per_az, endpoint.gb: 8 keys */
	g_assert_cmpuint(full->missing->len, ==, 8);
	g_assert_cmpuint(only->missing->len, ==, full->missing->len);
	for (guint i = 0; i < full->missing->len; i++) {
		const PlanDiagnostic *a = g_ptr_array_index(full->missing, i);
		const PlanDiagnostic *b = g_ptr_array_index(only->missing, i);
		g_assert_cmpstr(a->code, ==, b->code);
		g_assert_cmpstr(a->path, ==, b->path);
		g_assert_cmpstr(a->message, ==, b->message);
		g_assert_cmpuint(a->related != NULL ? a->related->len : 0, ==,
				 b->related != NULL ? b->related->len : 0);
		for (guint r = 0; a->related != NULL && r < a->related->len; r++)
			g_assert_cmpstr(g_ptr_array_index(a->related, r), ==,
					g_ptr_array_index(b->related, r));
	}
	fargate = g_ptr_array_index(only->missing, 0);
	g_assert_cmpstr(fargate->path, ==, "services[0]");
	g_assert_nonnull(strstr(fargate->message, "no price for 'fargate.x86_64.vcpu_hour' in "
						  "region 'il-central-1' (service 'api')"));
	g_assert_nonnull(fargate->related);
	g_assert_cmpuint(fargate->related->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(fargate->related, 0), ==, "services[1]");
	ipv4 = g_ptr_array_index(only->missing, 4);
	g_assert_cmpstr(ipv4->path, ==, "vpcs[0].nat_gateways[0]");
	g_assert_nonnull(strstr(ipv4->message, "no price for 'public_ipv4.hour'"));
	g_assert_cmpuint(ipv4->related->len, ==, 1);
	g_assert_cmpstr(g_ptr_array_index(ipv4->related, 0), ==, "vpcs[0].load_balancers[0]");
	g_assert_false(full->complete);
	g_assert_false(only->complete);
	g_assert_cmpuint(full->lines->len, >, 0);
	g_assert_cmpuint(only->lines->len, ==, 0);
	g_assert_cmpuint(only->assumptions->len, ==, 0);
}

/* a private subnet routed to a NAT gateway in another AZ: its cross-AZ line is priced by
 * inter_az.gb. A findings-only cost skips the walk over the subnets when the book has that
 * figure (the line could find nothing), and still finds it missing where the book lacks it
 * (il-central-1, no built-in figures): the same findings as the full cost either way */
static void
test_findings_only_cross_az(void)
{
	const char *regions[] = {"us-east-1", "il-central-1"};

	for (guint r = 0; r < G_N_ELEMENTS(regions); r++) {
		g_autofree char *json = g_strdup_printf(
		    "{\"ecsplan\": 1, \"region\": \"%s\", \"usage\": {\"nat_gb_per_month\": 100}, "
		    "\"vpcs\": [{\"name\": \"main\", \"cidr\": \"10.0.0.0/16\", "
		    "\"internet_gateway\": true, \"subnets\": ["
		    "{\"name\": \"public-a\", \"cidr\": \"10.0.0.0/24\", \"az\": \"%sa\", "
		    "\"tier\": \"public\"},"
		    "{\"name\": \"private-a\", \"cidr\": \"10.0.10.0/24\", \"az\": \"%sa\", "
		    "\"tier\": \"private\", \"nat_gateway\": \"nat-a\"},"
		    "{\"name\": \"private-b\", \"cidr\": \"10.0.11.0/24\", \"az\": \"%sb\", "
		    "\"tier\": \"private\", \"nat_gateway\": \"nat-a\"}], "
		    "\"nat_gateways\": [{\"name\": \"nat-a\", \"subnet\": \"public-a\"}]}]}",
		    regions[r], regions[r], regions[r], regions[r]);
		g_autoptr(PlanModel) model = load_model(json);
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanPriceBook) book = plan_price_book_choose(regions[r], NULL, &error);
		PlanCostOptions findings = {.findings_only = TRUE};
		g_autoptr(PlanCost) full = NULL;
		g_autoptr(PlanCost) only = NULL;
		gboolean full_names_inter_az = FALSE;

		g_assert_no_error(error);
		full = price_model(model, book, 0);
		only = plan_cost(model, book, &findings, &error);
		g_assert_no_error(error);
		/* the full cost has the line: 100 GB x 1 of the 2 routed subnets = 50 GB x 2 */
		g_assert_cmpint(category_cost(full, PLAN_COST_CROSS_AZ) != 0, ==, r == 0);
		g_assert_cmpuint(only->missing->len, ==, full->missing->len);
		for (guint i = 0; i < full->missing->len; i++) {
			const PlanDiagnostic *a = g_ptr_array_index(full->missing, i);
			const PlanDiagnostic *b = g_ptr_array_index(only->missing, i);
			g_assert_cmpstr(a->message, ==, b->message);
			full_names_inter_az |= strstr(a->message, "'inter_az.gb'") != NULL;
		}
		/* us-east-1 has every figure; il-central-1 lacks inter_az.gb among the rest */
		g_assert_cmpuint(full->missing->len == 0, ==, r == 0);
		g_assert_cmpint(full_names_inter_az, ==, r == 1);
	}
}

/* the case, on c5.xlarge (the fact sheet's $0.17/h in us-east-1, table 3a): two
 * awsvpc tasks of 2 vCPU / 4 GB with trunking, one per AZ, so one instance per AZ:
 * 2 × 730 h × $0.17 = $248.20, and their 30 GB gp3 root volumes 2 × 30 × $0.08 = $4.80:
 * $253.00, complete. The same model in ap-south-1, where the built-in book has specs but no
 * figures: the same 2 instances are packed (specs do not depend on the region), the 2 hour
 * lines and 2 volume lines unpriced, one finding per key, the total a lower bound of $0 */
static void
test_ec2_region_without_prices(void)
{
	const char *rest =
	    "\"clusters\": [{\"name\": \"web\", \"instance_type\": \"c5.xlarge\", \"min\": 0, "
	    "\"max\": 4, \"trunking\": true, \"subnets\": [\"private-a\", \"private-b\"]}], "
	    "\"services\": [{\"name\": \"api\", \"launch_type\": \"EC2\", \"cluster\": \"web\", "
	    "\"cpu\": 2048, \"memory\": 4096, \"desired_count\": 2, \"subnets\": [\"private-a\", "
	    "\"private-b\"]}]";
	/* il-central-1: a commercial region without a built-in book (issue 11 gave ap-south-1 its
	 * Fargate rates) */
	g_autoptr(PlanModel) east = load_vpc_model("us-east-1", "", rest);
	g_autoptr(PlanModel) south = load_vpc_model("il-central-1", "", rest);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) east_book = book_for("us-east-1");
	g_autoptr(PlanPriceBook) south_book = plan_price_book_choose("il-central-1", NULL, &error);
	g_autoptr(PlanCost) east_cost = NULL;
	g_autoptr(PlanCost) south_cost = NULL;
	const PlanDiagnostic *missing;

	g_assert_no_error(error);
	g_assert_false(plan_price_book_has_figures(south_book));
	g_assert_nonnull(plan_price_book_instance(south_book, "c5.xlarge"));
	east_cost = price_model(east, east_book, 0);
	g_assert_true(east_cost->complete);
	g_assert_cmpuint(east_cost->missing->len, ==, 0);
	g_assert_cmpint(category_cost(east_cost, PLAN_COST_EC2), ==, USD(253, 0));
	g_assert_cmpint(east_cost->total, ==, USD(253, 0));

	south_cost = price_model(south, south_book, 0);
	g_assert_false(south_cost->complete);
	g_assert_cmpint(south_cost->total, ==, 0);
	g_assert_cmpfloat(find_assumption(south_cost, "cluster/web.instances")->value, ==, 2.0);
	g_assert_cmpuint(
	    g_array_index(south_cost->by_category, PlanCostTotal, PLAN_COST_EC2).n_unpriced, ==, 4);
	/* both instance lines need one figure, both volume lines another: two findings; the
	 * traffic lines use nothing */
	g_assert_cmpuint(south_cost->missing->len, ==, 2);
	for (guint i = 0; i < 2; i++) {
		missing = g_ptr_array_index(south_cost->missing, i);
		g_assert_true(
		    strstr(missing->message, "'ec2.c5.xlarge' in region 'il-central-1'") != NULL ||
		    strstr(missing->message, "'ebs.gp3.gb_month' in region 'il-central-1'") !=
			NULL);
	}
	g_assert_false(find_line(south_cost, PLAN_COST_CROSS_AZ, "usage")->unpriced);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/cost/commitments", test_commitments);
	g_test_add_func("/planner/cost/ec2/cluster", test_ec2_cluster);
	g_test_add_func("/planner/cost/ec2/unpriced", test_ec2_unpriced);
	g_test_add_func("/planner/cost/ec2/region-without-prices", test_ec2_region_without_prices);
	g_test_add_func("/planner/cost/ec2/unpriced-many", test_ec2_unpriced_many);
	g_test_add_func("/planner/cost/findings-only", test_findings_only);
	g_test_add_func("/planner/cost/findings-only-cross-az", test_findings_only_cross_az);
	return g_test_run();
}
