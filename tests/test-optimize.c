/* ecsplan: unit tests for the optimizer (planner/optimize/): the space, candidate costs worked
 * out by hand from the us-east-1 book, pruning, determinism across threads and shards, the
 * limits, and the edited model re-simulated. docs/optimize.md gives the rules. */
#include "loader.h"
#include "optimize.h"
#include "plan-error.h"
#include "render-optimize.h"
#include "simulate.h"
#include "slo.h"
#include "test-util.h"

#include <string.h>

/* one VPC in us-east-1 with two public /24 subnets; @services is the "services" array's
 * content */
static PlanModel *
opt_model(const char *services)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *json = g_strdup_printf(
	    "{\"ecsplan\": 1, \"name\": \"opt\", \"region\": \"us-east-1\", \"vpcs\": [{\"name\": "
	    "\"main\", \"cidr\": \"10.0.0.0/16\", \"internet_gateway\": true, \"subnets\": ["
	    "{\"name\": \"a\", \"cidr\": \"10.0.1.0/24\", \"az\": \"us-east-1a\", \"tier\": "
	    "\"public\"},"
	    "{\"name\": \"b\", \"cidr\": \"10.0.2.0/24\", \"az\": \"us-east-1b\", \"tier\": "
	    "\"public\"}]}], \"services\": [%s]}",
	    services);
	PlanModel *model = plan_model_load_data(json, strlen(json), "opt.json", &error);

	g_assert_no_error(error);
	g_assert_nonnull(model);
	return model;
}

/* one Fargate task of 1 container, 0.25 vCPU / 0.5 GB, with a public address, 1 task, a
 * constant 50 requests per second against 100 per task */
#define OPT_ONE_SERVICE                                                                            \
	"{\"name\": \"api\", \"vpc\": \"main\", \"desired_count\": 1, \"subnets\": [\"a\", "       \
	"\"b\"], \"assign_public_ip\": true, \"task_capacity_rps\": 100, \"load\": {\"profile\": " \
	"\"constant\", \"rps\": 50}, \"containers\": [{\"name\": \"app\", \"cpu\": 256, "          \
	"\"memory\": 512, \"essential\": true}]}"

/* the same with target tracking on CPU at 60 %, 1 to 4 tasks, a diurnal load with noise */
#define OPT_SCALED_SERVICE                                                                         \
	"{\"name\": \"web\", \"vpc\": \"main\", \"desired_count\": 2, \"subnets\": [\"a\", "       \
	"\"b\"], \"assign_public_ip\": true, \"task_capacity_rps\": 100, \"load\": {\"profile\": " \
	"\"diurnal\", \"trough\": 40, \"peak\": 260, \"peak_hour\": 14, \"noise\": 0.1}, "        \
	"\"autoscaling\": {\"min\": 1, \"max\": 4, \"target_tracking\": [{\"metric\": \"cpu\", "   \
	"\"target\": 60}]}, \"containers\": [{\"name\": \"app\", \"cpu\": 256, \"memory\": 512, "  \
	"\"essential\": true}]}"

typedef struct {
	PlanPriceBook *book;
	PlanSlo *slo;
	PlanOptOptions options;
} OptFixture;

static void
opt_fixture_init(OptFixture *f, const char *slo)
{
	g_autoptr(GError) error = NULL;

	f->book = plan_price_book_load_builtin("us-east-1", &error);
	g_assert_no_error(error);
	f->slo = plan_slo_parse(slo, &error);
	g_assert_no_error(error);
	plan_opt_options_init(&f->options);
	f->options.book = f->book;
	f->options.slo = f->slo;
	f->options.runs = 1;
	f->options.threads = 1;
}

static void
opt_fixture_clear(OptFixture *f)
{
	plan_price_book_free(f->book);
	plan_slo_free(f->slo);
}

/* 2 architectures × 3 CPU sizes (0.25, 0.5, 1 vCPU: the smallest that holds 256 units up to
 * 4 × it) × 5 ways to buy (on-demand, Compute SP 1y no upfront and 3y all upfront, Spot 50 %
 * and 100 %) × 2 counts (the model's 1, and 2: half of 1 is 1 again) = 60; no EC2: the tasks
 * have public addresses */
static void
test_space_count(void)
{
	g_autoptr(PlanModel) model = opt_model(OPT_ONE_SERVICE);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanOptSpace) space = NULL;
	const PlanOptCandidate *first;
	OptFixture f;

	opt_fixture_init(&f, "unmet<=0.1%");
	space = plan_opt_space_new(model, &f.options, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(space->total, ==, 60);
	first = plan_opt_space_get(space, 0);
	g_assert_cmpint(first->launch_type, ==, PLAN_LAUNCH_FARGATE);
	g_assert_cmpint(first->architecture, ==, PLAN_ARCH_X86_64);
	g_assert_cmpint(first->cpu_units, ==, 256);
	g_assert_cmpint(first->memory_mib, ==, 512);
	g_assert_cmpstr(first->purchase, ==, "on-demand");
	g_assert_cmpint(first->min, ==, 1);
	/* 730 × (0.04048 × 0.25 + 0.004445 × 0.5 + 0.005 public IPv4)
	 * = 730 × (0.01012 + 0.0022225 + 0.005) = 730 × 0.0173425 = 12.660025 */
	g_assert_cmpint(first->lower_bound, ==, G_GINT64_CONSTANT(12660025000));
	g_assert_null(plan_opt_space_get(space, 60));
	g_assert_cmpuint(plan_opt_space_hash(model, space), ==, plan_opt_space_hash(model, space));
	opt_fixture_clear(&f);
}

/* the first candidate simulated: one task all week at 50 of its 100 requests per second,
 * priced for 730 hours as the lower bound above: $12.660025, nothing unmet, 50 % busy. a level
 * nothing meets (every task is at least 6.25 % busy) prunes nothing */
static void
test_candidate_cost(void)
{
	g_autoptr(PlanModel) model = opt_model(OPT_ONE_SERVICE);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanOptSpace) space = NULL;
	g_autoptr(GArray) records = NULL;
	const PlanOptEvaluated *record;
	OptFixture f;

	opt_fixture_init(&f, "p95util<=1%");
	space = plan_opt_space_new(model, &f.options, &error);
	g_assert_no_error(error);
	records = plan_opt_evaluate(model, space, &f.options, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(records->len, ==, 60);
	record = &g_array_index(records, PlanOptEvaluated, 0);
	g_assert_cmpuint(record->index, ==, 0);
	g_assert_false(record->pruned);
	g_assert_cmpint(record->measures.monthly_cost, ==, G_GINT64_CONSTANT(12660025000));
	g_assert_cmpfloat(record->measures.unmet_pct, ==, 0.0);
	g_assert_cmpfloat_with_epsilon(record->measures.p95_util_pct, 50.0, 0.1);
	g_assert_cmpfloat(record->measures.task_hours, ==, 168.0);
	g_assert_false(record->met);
	for (guint i = 0; i < records->len; i++)
		g_assert_false(g_array_index(records, PlanOptEvaluated, i).pruned);
	opt_fixture_clear(&f);
}

/* pruning: the 32 least bounds are the first batch; the least of all, arm64 0.25 vCPU /
 * 0.5 GB, every task on Spot, 1 task, meets unmet<=0.1% at exactly its bound (one task all
 * month), and only arm64 0.25 / 0.5 at 50 % Spot shares that bound (the bound counts every
 * Spot share at the Spot rate), so the other 28 bounds are above the best: 32 simulated, 28
 * pruned of 60 */
static void
test_prune_count(void)
{
	g_autoptr(PlanModel) model = opt_model(OPT_ONE_SERVICE);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanOptResult) result = NULL;
	const PlanOptServiceResult *answer;
	OptFixture f;

	opt_fixture_init(&f, "unmet<=0.1%");
	result = plan_optimize(model, &f.options, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(result->n_candidates, ==, 60);
	g_assert_cmpuint(result->n_simulated, ==, 32);
	g_assert_cmpuint(result->n_pruned, ==, 28);
	answer = g_ptr_array_index(result->services, 0);
	g_assert_true(answer->found);
	g_assert_cmpint(answer->best.candidate.architecture, ==, PLAN_ARCH_ARM64);
	g_assert_cmpint(answer->best.candidate.cpu_units, ==, 256);
	g_assert_cmpuint(answer->best.candidate.spot_pct, ==, 100);
	g_assert_cmpstr(answer->best.candidate.purchase, ==, "spot");
	g_assert_cmpint(answer->best.measures.monthly_cost, ==,
			answer->best.candidate.lower_bound);
	opt_fixture_clear(&f);
}

/* without Spot: arm64 0.25 vCPU / 0.5 GB under a 3-year all-upfront Compute Savings Plan,
 * 730 × (0.25 × 0.01619 + 0.5 × 0.00178 + 0.005 public IPv4)
 * = 730 × (0.0040475 + 0.00089 + 0.005) = 730 × 0.0099375 = $7.254375, an estimate (the
 * plan's rates are unconfirmed); the next cheaper candidate fails on its Spot share */
static void
test_answer_no_spot(void)
{
	g_autoptr(PlanModel) model = opt_model(OPT_ONE_SERVICE);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanOptResult) result = NULL;
	const PlanOptServiceResult *answer;
	const PlanOptPoint *last;
	OptFixture f;

	opt_fixture_init(&f, "unmet<=0.1%,spot<=0%");
	result = plan_optimize(model, &f.options, &error);
	g_assert_no_error(error);
	answer = g_ptr_array_index(result->services, 0);
	g_assert_true(answer->found);
	g_assert_cmpint(answer->best.candidate.architecture, ==, PLAN_ARCH_ARM64);
	g_assert_cmpint(answer->best.candidate.cpu_units, ==, 256);
	g_assert_cmpint(answer->best.candidate.memory_mib, ==, 512);
	g_assert_cmpstr(answer->best.candidate.purchase, ==, "compute-sp-3y-all-upfront");
	g_assert_cmpint(answer->best.measures.monthly_cost, ==, G_GINT64_CONSTANT(7254375000));
	g_assert_true(answer->best.measures.estimate);
	g_assert_cmpint(result->total_cost, ==, G_GINT64_CONSTANT(7254375000));
	g_assert_true(answer->has_next);
	g_assert_cmpint(answer->next.measures.monthly_cost, <, answer->best.measures.monthly_cost);
	g_assert_nonnull(strstr(answer->next_why, "spot"));
	/* the frontier ends with the answer */
	g_assert_cmpuint(answer->frontier->len, >=, 1);
	last = &g_array_index(answer->frontier, PlanOptPoint, answer->frontier->len - 1);
	g_assert_true(last->met);
	g_assert_cmpint(last->measures.monthly_cost, ==, G_GINT64_CONSTANT(7254375000));
	/* the patch moves the service to arm64 */
	g_assert_nonnull(strstr(result->patch, "\"/services/0/architecture\""));
	g_assert_nonnull(strstr(result->patch, "\"arm64\""));
	/* the model gives no task-level size, which Fargate needs (an error); the edited model does */
	g_assert_cmpuint(result->model_errors, ==, 1);
	g_assert_cmpuint(result->edited_errors, ==, 0);
	opt_fixture_clear(&f);
}

static char *
opt_render(const PlanModel *model, const PlanOptResult *result)
{
	g_autoptr(GError) error = NULL;
	ReportOptimizeInfo info = {.slo = "unmet<=0.1%", .duration_s = 86400, .step_s = 60,
				   .runs = 2};
	g_autoptr(GString) out =
	    report_optimize(model, result, &info, REPORT_FORMAT_JSON, REPORT_FLAG_NONE, &error);
	g_assert_no_error(error);
	return g_string_free(g_steal_pointer(&out), FALSE);
}

/* the same bytes with 1 or 2 threads, and from two shards' records merged in either order;
 * the counts do not depend on the threads either (fixed batches) */
static void
test_deterministic(void)
{
	g_autoptr(PlanModel) model = opt_model(OPT_SCALED_SERVICE);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanOptResult) one = NULL;
	g_autoptr(PlanOptResult) two = NULL;
	g_autoptr(PlanOptResult) merged = NULL;
	g_autoptr(PlanOptSpace) space = NULL;
	g_autoptr(GArray) all = g_array_new(FALSE, FALSE, sizeof(PlanOptEvaluated));
	g_autofree char *text_one = NULL;
	g_autofree char *text_two = NULL;
	g_autofree char *text_merged = NULL;
	OptFixture f;

	opt_fixture_init(&f, "unmet<=0.1%");
	f.options.duration_s = 86400;
	f.options.runs = 2;
	one = plan_optimize(model, &f.options, &error);
	g_assert_no_error(error);
	f.options.threads = 2;
	two = plan_optimize(model, &f.options, &error);
	g_assert_no_error(error);
	text_one = opt_render(model, one);
	text_two = opt_render(model, two);
	g_assert_cmpstr(text_one, ==, text_two);
	g_assert_cmpstr(one->patch, ==, two->patch);
	g_assert_cmpuint(one->n_simulated, ==, two->n_simulated);
	g_assert_cmpuint(one->n_pruned, ==, two->n_pruned);

	space = plan_opt_space_new(model, &f.options, &error);
	g_assert_no_error(error);
	/* shard 1 of 2 first, then shard 0: the reduction does not care about the order */
	for (guint k = 2; k-- > 0;) {
		g_autoptr(GArray) part = NULL;
		f.options.shard_index = k;
		f.options.shard_count = 2;
		part = plan_opt_evaluate(model, space, &f.options, &error);
		g_assert_no_error(error);
		for (guint i = 0; i < part->len; i++)
			g_assert_cmpuint(g_array_index(part, PlanOptEvaluated, i).index % 2, ==, k);
		g_array_append_vals(all, part->data, part->len);
	}
	merged = plan_opt_reduce(model, space, &f.options, (const PlanOptEvaluated *)all->data,
				 all->len, &error);
	g_assert_no_error(error);
	text_merged = opt_render(model, merged);
	g_assert_cmpstr(text_merged, ==, text_one);

	/* a record twice is refused */
	g_array_append_vals(all, all->data, 1);
	g_assert_null(plan_opt_reduce(model, space, &f.options,
				      (const PlanOptEvaluated *)all->data, all->len, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "evaluated twice"));
	opt_fixture_clear(&f);
}

/* the done-when: the edited model, simulated as `ecsplan simulate` would, meets the level */
static void
test_edited_model_meets(void)
{
	g_autoptr(PlanModel) model = opt_model(OPT_SCALED_SERVICE);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanOptResult) result = NULL;
	g_autoptr(PlanModel) edited = NULL;
	g_autoptr(PlanSimResult) sim = NULL;
	const PlanOptServiceResult *answer;
	PlanSimOptions sim_options;
	double mean_unmet = 0;
	double task_hours = 0;
	OptFixture f;

	opt_fixture_init(&f, "unmet<=0.1%");
	f.options.duration_s = 86400;
	f.options.runs = 2;
	result = plan_optimize(model, &f.options, &error);
	g_assert_no_error(error);
	answer = g_ptr_array_index(result->services, 0);
	g_assert_true(answer->found);
	edited = plan_model_load_data(result->model_text, strlen(result->model_text), "edited.json",
				      &error);
	g_assert_no_error(error);
	plan_sim_options_init(&sim_options);
	sim_options.duration_s = 86400;
	sim_options.runs = 2;
	sim = test_simulate(edited, &sim_options, &error);
	g_assert_no_error(error);
	for (guint r = 0; r < sim->run_results->len; r++) {
		const PlanSimRun *run = g_ptr_array_index(sim->run_results, r);
		const PlanSimService *service = g_ptr_array_index(run->services, 0);
		double unmet = 100.0 * service->unmet_requests / service->demand_requests;
		g_assert_cmpfloat(unmet, <=, 0.1);
		mean_unmet += unmet / sim->run_results->len;
		task_hours += service->task_hours / sim->run_results->len;
	}
	/* the same load and seeds as the search: the candidate's own figures */
	g_assert_cmpfloat_with_epsilon(mean_unmet, answer->best.measures.unmet_pct, 1e-9);
	g_assert_cmpfloat_with_epsilon(task_hours, answer->best.measures.task_hours, 1e-9);
	opt_fixture_clear(&f);
}

/* over 10^7 candidates: refused with the size; 6,000 services that may run on EC2, each with
 * 1,710 candidates (6 Fargate sizes × 5 ways to buy, and the unburstable EC2 types of the book that hold
 * the task × their ways to buy, × 5 targets × 3 bounds): 6,000 services make 10,260,000 */
static void
test_space_limit(void)
{
	g_autoptr(GString) services = g_string_new(NULL);
	g_autoptr(PlanModel) model = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanOptSpace) space = NULL;
	OptFixture f;

	for (guint i = 0; i < 6000; i++)
		g_string_append_printf(
		    services,
		    "%s{\"name\": \"s%u\", \"vpc\": \"main\", \"desired_count\": 2, \"subnets\": "
		    "[\"a\", \"b\"], \"containers\": [{\"name\": \"app\", \"cpu\": 256, \"memory\": "
		    "512}], \"autoscaling\": {\"min\": 2, \"max\": 8, \"target_tracking\": "
		    "[{\"metric\": \"cpu\", \"target\": 65}]}}",
		    i == 0 ? "" : ",", i);
	model = opt_model(services->str);
	opt_fixture_init(&f, "unmet<=0.1%");
	space = plan_opt_space_new(model, &f.options, &error);
	g_assert_null(space);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "has 10260000 candidates, over the limit of 10000000"));
	g_assert_nonnull(strstr(error->message, "--service"));
	opt_fixture_clear(&f);
}

/* a task no Fargate size holds (20 vCPU) with a public address (so no EC2): nothing to search */
static void
test_space_empty(void)
{
	g_autoptr(PlanModel) model = opt_model(
	    "{\"name\": \"huge\", \"vpc\": \"main\", \"desired_count\": 1, \"subnets\": [\"a\"], "
	    "\"assign_public_ip\": true, \"containers\": [{\"name\": \"app\", \"cpu\": 20480, "
	    "\"memory\": 4096}]}");
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanOptSpace) space = NULL;
	OptFixture f;

	opt_fixture_init(&f, "unmet<=0.1%");
	space = plan_opt_space_new(model, &f.options, &error);
	g_assert_null(space);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "the search space is empty"));
	g_clear_error(&error);
	f.options.service = "nosuch";
	g_assert_null(plan_opt_space_new(model, &f.options, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_cmpstr(error->message, ==, "no service 'nosuch' in the model");
	opt_fixture_clear(&f);
}

/* the simulator's two figures the optimizer reads: every request of the run, and the minutes
 * with a task waiting. 50 requests per second for a day is 50 × 86,400 = 4,320,000 requests,
 * whatever path the step loop takes (the quiet stretches sum them too); a diurnal load with
 * target tracking between 1 and 4 tasks is checked against the mean demand the profile gives
 * over whole days: (trough + peak) / 2 = (40 + 260) / 2 = 150 per second, ± the noise */
static void
test_sim_demand(void)
{
	g_autoptr(PlanModel) model = opt_model(OPT_ONE_SERVICE);
	g_autoptr(PlanModel) scaled = opt_model(OPT_SCALED_SERVICE);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanSimResult) sim = NULL;
	g_autoptr(PlanSimResult) sim_scaled = NULL;
	const PlanSimService *service;
	PlanSimOptions options;

	plan_sim_options_init(&options);
	options.duration_s = 86400;
	sim = test_simulate(model, &options, &error);
	g_assert_no_error(error);
	service = g_ptr_array_index(plan_sim_result_first(sim)->services, 0);
	g_assert_cmpfloat(service->demand_requests, ==, 4320000.0);
	g_assert_cmpfloat(service->pending_minutes, ==, 0.0);
	g_assert_cmpfloat(service->unmet_requests, ==, 0.0);

	sim_scaled = test_simulate(scaled, &options, &error);
	g_assert_no_error(error);
	service = g_ptr_array_index(plan_sim_result_first(sim_scaled)->services, 0);
	g_assert_cmpfloat(service->demand_requests / 86400.0, >, 150.0 * 0.9);
	g_assert_cmpfloat(service->demand_requests / 86400.0, <, 150.0 * 1.1);
	g_assert_cmpfloat(service->unmet_requests, <=, service->demand_requests);
}

/* tests/models/daemons.json: the EC2 service api (512 units / 1024 MiB) shares cluster ecs with
 * the DAEMON agent (256 / 512). The daemon itself has nothing to choose: no candidates, and
 * naming it is refused. On Fargate the agent rides in every task as a sidecar, so the smallest
 * size must hold 512 + 256 = 768 units and 1024 + 512 = 1536 MiB: 1 vCPU / 2 GB (1 vCPU's least
 * memory is 2 GB), where api alone would take 0.5 vCPU / 1 GB */
static void
test_space_daemons(void)
{
	g_autofree char *path = g_test_build_filename(G_TEST_DIST, "models", "daemons.json", NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanModel) model = plan_model_load_file(path, &error);
	g_autoptr(PlanOptSpace) space = NULL;
	gint64 least_fargate_cpu = G_MAXINT64;
	gint64 least_fargate_memory = G_MAXINT64;
	OptFixture f;

	g_assert_no_error(error);
	opt_fixture_init(&f, "unmet<=0.1%");
	space = plan_opt_space_new(model, &f.options, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(space->services->len, ==, 1);
	for (guint64 i = 0; i < space->total; i++) {
		const PlanOptCandidate *candidate = plan_opt_space_get(space, i);
		g_assert_cmpuint(candidate->service_index, ==, 0);
		if (candidate->launch_type != PLAN_LAUNCH_FARGATE)
			continue;
		least_fargate_cpu = MIN(least_fargate_cpu, candidate->cpu_units);
		least_fargate_memory = MIN(least_fargate_memory, candidate->memory_mib);
	}
	g_assert_cmpint(least_fargate_cpu, ==, 1024);
	g_assert_cmpint(least_fargate_memory, ==, 2048);
	g_clear_pointer(&space, plan_opt_space_free);

	f.options.service = "agent";
	g_assert_null(plan_opt_space_new(model, &f.options, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_assert_nonnull(strstr(error->message, "is a DAEMON service"));
	opt_fixture_clear(&f);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/optimize/sim-demand", test_sim_demand);
	g_test_add_func("/planner/optimize/space-count", test_space_count);
	g_test_add_func("/planner/optimize/candidate-cost", test_candidate_cost);
	g_test_add_func("/planner/optimize/prune-count", test_prune_count);
	g_test_add_func("/planner/optimize/answer-no-spot", test_answer_no_spot);
	g_test_add_func("/planner/optimize/deterministic", test_deterministic);
	g_test_add_func("/planner/optimize/edited-model-meets", test_edited_model_meets);
	g_test_add_func("/planner/optimize/space-limit", test_space_limit);
	g_test_add_func("/planner/optimize/space-empty", test_space_empty);
	g_test_add_func("/planner/optimize/space-daemons", test_space_daemons);
	return g_test_run();
}
