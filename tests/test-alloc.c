/* ecsplan alloc: hand-worked allocations */
#include "alloc.h"
#include "diagnostic.h"
#include "loader.h"
#include "network.h"
#include "plan-error.h"
#include "test-util.h"

static PlanModel *
load_text(const char *json)
{
	g_autoptr(GError) error = NULL;
	PlanModel *model = plan_model_load_data(json, strlen(json), "test.json", &error);
	g_assert_no_error(error);
	return model;
}

static const char *
subnet_cidr(const PlanModel *model, guint vpc, guint subnet)
{
	const PlanVpc *v = g_ptr_array_index(model->vpcs, vpc);
	const PlanSubnet *s = g_ptr_array_index(v->subnets, subnet);
	return s->cidr.text;
}

/* /24 VPC with 10.0.0.0/26 taken: the free blocks are 10.0.0.64/26 and 10.0.0.128/25. asked
 * for a /26 (first in the model) and a /25: the /25 is placed first (largest first) and takes
 * 10.0.0.128/25, the only free /25; the /26 takes 10.0.0.64/26, the smallest free block that
 * holds it (best fit), and the existing subnet stays where it is */
static void
test_alloc_largest_first(void)
{
	const char *json = "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": "
			   "\"v\", \"cidr\": \"10.0.0.0/24\", \"subnets\": ["
			   "{\"name\": \"old\", \"cidr\": \"10.0.0.0/26\", \"az\": \"us-east-1a\", "
			   "\"tier\": \"isolated\"},"
			   "{\"name\": \"small\", \"cidr\": \"auto\", \"size\": \"/26\", \"az\": "
			   "\"us-east-1a\", \"tier\": \"isolated\"},"
			   "{\"name\": \"big\", \"cidr\": \"auto\", \"size\": \"/25\", \"az\": "
			   "\"us-east-1b\", \"tier\": \"isolated\"}]}]}";
	g_autoptr(PlanModel) model = load_text(json);
	g_autoptr(GError) error = NULL;
	PlanAllocOptions options = {0, PLAN_ALLOC_DEFAULT_HEADROOM};
	g_autoptr(GArray) result = plan_alloc(model, &options, &error);

	g_assert_no_error(error);
	g_assert_cmpuint(result->len, ==, 2);
	g_assert_cmpstr(subnet_cidr(model, 0, 0), ==, "10.0.0.0/26");
	g_assert_cmpstr(subnet_cidr(model, 0, 2), ==, "10.0.0.128/25");
	g_assert_cmpstr(subnet_cidr(model, 0, 1), ==, "10.0.0.64/26");
	/* the big block went first */
	g_assert_cmpint(g_array_index(result, PlanAllocation, 0).subnet_index, ==, 2);
}

/* three /25 in a /24: 384 addresses asked, 256 free: 128 missing; the model is unchanged */
static void
test_alloc_no_space(void)
{
	const char *json = "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": "
			   "\"v\", \"cidr\": \"10.0.0.0/24\", \"subnets\": ["
			   "{\"name\": \"a\", \"cidr\": \"auto\", \"size\": \"/25\", \"az\": "
			   "\"us-east-1a\", \"tier\": \"isolated\"},"
			   "{\"name\": \"b\", \"cidr\": \"auto\", \"size\": \"/25\", \"az\": "
			   "\"us-east-1b\", \"tier\": \"isolated\"},"
			   "{\"name\": \"c\", \"cidr\": \"auto\", \"size\": \"/25\", \"az\": "
			   "\"us-east-1c\", \"tier\": \"isolated\"}]}]}";
	g_autoptr(PlanModel) model = load_text(json);
	g_autoptr(GError) error = NULL;
	PlanAllocOptions options = {0, PLAN_ALLOC_DEFAULT_HEADROOM};
	g_autoptr(GArray) result = plan_alloc(model, &options, &error);

	g_assert_null(result);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_NO_SPACE);
	g_assert_nonnull(strstr(error->message, "need 384 addresses"));
	g_assert_nonnull(strstr(error->message, "has 256 free (128 missing at best)"));
	g_assert_cmpstr(subnet_cidr(model, 0, 0), ==, "auto");
}

/* size "auto": a service of max 40 tasks at 200% over 3 subnets needs ceil(80 / 3) = 27
 * addresses per subnet; × 2 headroom = 54 -> /26 (59 usable). with headroom 1: 27 -> /27 (27
 * usable, exactly enough) */
static void
test_alloc_size_auto(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "models", "new-env.json", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_file(path, &error);
	g_autoptr(PlanModel) model1 = plan_model_load_file(path, &error);
	PlanAllocOptions options = {0, 2.0};
	PlanAllocOptions options1 = {0, 1.0};
	g_autoptr(GArray) result = NULL;
	g_autoptr(GArray) result1 = NULL;
	g_autoptr(PlanValidation) validation = NULL;

	g_assert_no_error(error);
	result = plan_alloc(model, &options, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(result->len, ==, 9);
	/* private-a is subnet 3: a /26 */
	g_assert_true(g_str_has_suffix(subnet_cidr(model, 0, 3), "/26"));
	result1 = plan_alloc(model1, &options1, &error);
	g_assert_no_error(error);
	g_assert_true(g_str_has_suffix(subnet_cidr(model1, 0, 3), "/27"));
	/* the completed model validates with no error */
	validation = test_validate(model);
	g_assert_cmpuint(plan_diagnostics_count(validation->diagnostics, PLAN_SEVERITY_ERROR), ==, 0);
}

/* --reserve-azs 1 holds one block per tier of the tier's largest size, and every handed-out
 * block is disjoint from every other */
static void
test_alloc_reserve_disjoint(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "models", "new-env.json", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_file(path, &error);
	PlanAllocOptions options = {1, 2.0};
	g_autoptr(GArray) result = NULL;
	guint held = 0;

	g_assert_no_error(error);
	result = plan_alloc(model, &options, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(result->len, ==, 12);
	for (guint i = 0; i < result->len; i++) {
		const PlanAllocation *a = &g_array_index(result, PlanAllocation, i);
		if (a->subnet_index < 0)
			held++;
		for (guint j = i + 1; j < result->len; j++)
			g_assert_false(plan_prefix_overlaps(
			    &a->prefix, &g_array_index(result, PlanAllocation, j).prefix));
	}
	g_assert_cmpuint(held, ==, 3);
}

/* "auto" without size is refused with a message that says what to add */
static void
test_alloc_missing_size(void)
{
	const char *json = "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": "
			   "\"v\", \"cidr\": \"10.0.0.0/16\", \"subnets\": ["
			   "{\"name\": \"a\", \"cidr\": \"auto\", \"az\": \"us-east-1a\", \"tier\": "
			   "\"isolated\"}]}]}";
	g_autoptr(PlanModel) model = load_text(json);
	g_autoptr(GError) error = NULL;
	PlanAllocOptions options = {0, PLAN_ALLOC_DEFAULT_HEADROOM};
	g_autoptr(GArray) result = plan_alloc(model, &options, &error);

	g_assert_null(result);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_VALUE);
	g_assert_nonnull(strstr(error->message, "has cidr \"auto\" but no size"));
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/alloc/largest-first", test_alloc_largest_first);
	g_test_add_func("/planner/alloc/no-space", test_alloc_no_space);
	g_test_add_func("/planner/alloc/size-auto", test_alloc_size_auto);
	g_test_add_func("/planner/alloc/reserve-disjoint", test_alloc_reserve_disjoint);
	g_test_add_func("/planner/alloc/missing-size", test_alloc_missing_size);
	return g_test_run();
}
