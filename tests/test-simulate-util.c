/* ecsplan: helpers of the simulator tests (test-simulate.c, test-simulate-blocks.c): a model of
 * four isolated subnets, a simulation of it, and its JSON rendering */
#include "test-simulate-util.h"

#include <string.h>

#include "loader.h"
#include "render-simulate.h"
#include "test-util.h"

/* one VPC in us-east-1 with three /24 subnets (1a, 1b, 1c) and a /28 ("tiny", 1a, 11 usable),
 * all isolated so no NAT gateway is involved; @services is the "services" array's content */
PlanModel *
sim_model(const char *services, const char *extra)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *json = g_strdup_printf(
	    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"main\", "
	    "\"cidr\": \"10.0.0.0/16\", \"subnets\": ["
	    "{\"name\": \"a\", \"cidr\": \"10.0.1.0/24\", \"az\": \"us-east-1a\", \"tier\": "
	    "\"isolated\"},"
	    "{\"name\": \"b\", \"cidr\": \"10.0.2.0/24\", \"az\": \"us-east-1b\", \"tier\": "
	    "\"isolated\"},"
	    "{\"name\": \"c\", \"cidr\": \"10.0.3.0/24\", \"az\": \"us-east-1c\", \"tier\": "
	    "\"isolated\"},"
	    "{\"name\": \"tiny\", \"cidr\": \"10.0.4.0/28\", \"az\": \"us-east-1a\", \"tier\": "
	    "\"isolated\"}]}]%s, \"services\": [%s]}",
	    extra != NULL ? extra : "", services);
	PlanModel *model = plan_model_load_data(json, strlen(json), "test.json", &error);

	g_assert_no_error(error);
	g_assert_nonnull(model);
	return model;
}

PlanSimResult *
simulate(PlanModel *model, gint64 duration_s, const char *fail_az, gint64 fail_at_s)
{
	g_autoptr(GError) error = NULL;
	PlanSimOptions options;
	PlanSimResult *result;

	plan_sim_options_init(&options);
	options.duration_s = duration_s;
	options.series = PLAN_SIM_SERIES_EVERY_STEP;
	options.fail_az = fail_az;
	options.fail_at_s = fail_at_s;
	/* the CSV profiles of these tests are temporary files named by absolute paths */
	options.allow_outside_files = TRUE;
	result = test_simulate(model, &options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(result);
	return result;
}

GString *
render_json(PlanModel *model, guint64 seed, guint runs, guint threads)
{
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanSimResult) result = NULL;
	PlanSimOptions options;
	GString *out;

	plan_sim_options_init(&options);
	options.duration_s = 2 * 86400;
	options.seed = seed;
	options.runs = runs;
	options.threads = threads;
	result = test_simulate(model, &options, &error);
	g_assert_no_error(error);
	out = report_simulate(model, result, REPORT_FORMAT_JSON, REPORT_FLAG_NONE, &error);
	g_assert_no_error(error);
	return out;
}
