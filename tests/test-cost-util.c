/* ecsplan: what the cost tests share (test-cost.c, test-cost-network.c, test-cost-ec2.c, and
 * test-compare.c) */
#include "test-cost-util.h"

#include <string.h>

#include "diagnostic.h"
#include "loader.h"
#include "render-cost.h"
#include "test-util.h"

PlanModel *
load_model(const char *json)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(GPtrArray) diagnostics =
	    g_ptr_array_new_with_free_func((GDestroyNotify)plan_diagnostic_free);
	PlanModel *model = plan_model_load_data(json, strlen(json), "test.json", &error);

	g_assert_no_error(error);
	g_assert_nonnull(model);
	test_link(model, diagnostics);
	g_assert_cmpuint(diagnostics->len, ==, 0);
	return model;
}

PlanCost *
price_model(const PlanModel *model, const PlanPriceBook *book, double hours)
{
	g_autoptr(GError) error = NULL;
	PlanCostOptions options = {hours, hours != 0.0};
	PlanCost *cost = plan_cost(model, book, &options, &error);

	g_assert_no_error(error);
	g_assert_nonnull(cost);
	return cost;
}

PlanPriceBook *
book_for(const char *region)
{
	g_autoptr(GError) error = NULL;
	PlanPriceBook *book = plan_price_book_load_builtin(region, &error);

	g_assert_no_error(error);
	return book;
}

/* a model of one VPC with two public and two private subnets in us-east-1a/b; @vpc_extra is
 * spliced into the VPC (NAT gateways, load balancers, endpoints), @rest after "vpcs" */
PlanModel *
load_vpc_model(const char *region, const char *vpc_extra, const char *rest)
{
	g_autofree char *json = g_strdup_printf(
	    "{\"ecsplan\": 1, \"region\": \"%s\", \"vpcs\": [{\"name\": \"main\", \"cidr\": "
	    "\"10.0.0.0/16\", \"internet_gateway\": true, \"subnets\": ["
	    "{\"name\": \"public-a\", \"cidr\": \"10.0.0.0/24\", \"az\": \"%sa\", \"tier\": "
	    "\"public\"},"
	    "{\"name\": \"public-b\", \"cidr\": \"10.0.1.0/24\", \"az\": \"%sb\", \"tier\": "
	    "\"public\"},"
	    "{\"name\": \"private-a\", \"cidr\": \"10.0.10.0/24\", \"az\": \"%sa\", \"tier\": "
	    "\"private\"},"
	    "{\"name\": \"private-b\", \"cidr\": \"10.0.11.0/24\", \"az\": \"%sb\", \"tier\": "
	    "\"private\"}]%s%s}]%s%s}",
	    region, region, region, region, region, vpc_extra[0] != '\0' ? ", " : "", vpc_extra,
	    rest[0] != '\0' ? ", " : "", rest);
	return load_model(json);
}

/* a Fargate-only model: @services is the body of the "services" array */
PlanModel *
load_services(const char *services)
{
	g_autofree char *rest = g_strdup_printf("\"services\": [%s]", services);
	return load_vpc_model("us-east-1", "", rest);
}

PlanNanos
category_cost(const PlanCost *cost, PlanCostCategory category)
{
	return g_array_index(cost->by_category, PlanCostTotal, category).cost;
}

/* the only line of @category for @resource */
const PlanCostLine *
find_line(const PlanCost *cost, PlanCostCategory category, const char *resource)
{
	const PlanCostLine *found = NULL;

	for (guint i = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		if (line->category == category && g_strcmp0(line->resource, resource) == 0) {
			g_assert_null(found);
			found = line;
		}
	}
	g_assert_nonnull(found);
	return found;
}

const PlanCostAssumption *
find_assumption(const PlanCost *cost, const char *name)
{
	for (guint i = 0; i < cost->assumptions->len; i++) {
		const PlanCostAssumption *assumption =
		    &g_array_index(cost->assumptions, PlanCostAssumption, i);
		if (g_strcmp0(assumption->name, name) == 0)
			return assumption;
	}
	g_assert_not_reached();
	return NULL;
}

PlanNanos
sum_totals(const GArray *totals)
{
	PlanNanos sum = 0;
	for (guint i = 0; i < totals->len; i++)
		sum += g_array_index(totals, PlanCostTotal, i).cost;
	return sum;
}

/* every breakdown adds up to the total, and the total to the lines */
void
assert_sums(const PlanCost *cost)
{
	PlanNanos lines = 0;

	for (guint i = 0; i < cost->lines->len; i++) {
		const PlanCostLine *line = &g_array_index(cost->lines, PlanCostLine, i);
		lines += line->cost;
		/* each line is its own rounded product */
		if (line->unit_price.present)
			g_assert_cmpint(line->cost, ==,
					plan_cost_multiply(line->quantity, line->unit_price.nanos));
	}
	g_assert_cmpint(cost->total, ==, lines);
	g_assert_cmpint(sum_totals(cost->by_category), ==, cost->total);
	g_assert_cmpint(sum_totals(cost->by_service), ==, cost->total);
	g_assert_cmpint(sum_totals(cost->by_az), ==, cost->total);
}

char *
money(PlanNanos nanos)
{
	GString *out = g_string_new(NULL);
	report_format_money(nanos, out);
	return g_string_free(out, FALSE);
}
