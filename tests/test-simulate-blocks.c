/* ecsplan: unit tests for the simulator's blocks of time and split runs (issue 18): services
 * stepped in blocks give the same figures as step by step, and runs cut into parts on threads
 * the same figures as whole (planner/sim/simulate-loop.c, simulate-parallel.c) */
#include "loader.h"
#include "plan-error.h"
#include "render-simulate.h"
#include "simulate-private.h"
#include "test-simulate-util.h"
#include "test-util.h"

#include <math.h>
#include <string.h>

/* ---- services stepped in blocks of time (issue 18) -------------------------------------------- */

/* a service named @name in @subnets with desired @desired, min @min, max @max, a constant load
 * and @scheduled (a JSON array, or NULL) */
static char *
block_service(const char *name, const char *subnets, gint64 desired, gint64 min, gint64 max,
	      const char *scheduled)
{
	return g_strdup_printf(
	    "{\"name\": \"%s\", \"cpu\": 256, \"memory\": 512, \"desired_count\": %" G_GINT64_FORMAT
	    ", \"subnets\": [%s], \"task_capacity_rps\": 100, \"load\": {\"profile\": "
	    "\"constant\", \"rps\": 100}, \"autoscaling\": {\"min\": %" G_GINT64_FORMAT
	    ", \"max\": %" G_GINT64_FORMAT "%s%s}}",
	    name, desired, subnets, min, max, scheduled != NULL ? ", \"scheduled\": " : "",
	    scheduled != NULL ? scheduled : "");
}

/* whether sim_plan_new() lets the services of @services step in blocks */
static gboolean
plan_blocked(const char *services)
{
	g_autoptr(PlanModel) model = sim_model(services, NULL);
	g_autoptr(GError) error = NULL;
	g_autoptr(SimPlan) plan = NULL;
	PlanSimOptions options;

	plan_sim_options_init(&options);
	options.duration_s = 3600;
	plan_model_link(model);
	plan = sim_plan_new(model, &options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(plan);
	return plan->blocked;
}

/* Blocks only when no service can change another's placement. Subnet a is a /24: 256 − 5 = 251
 * usable addresses [S23], none fixed (isolated: no NAT gateway, balancer or endpoint), one per
 * task. Two services of max 125 can hold 250 < 251: never full, so blocks; 125 + 126 = 251 can
 * fill it: not. A scheduled min of 200 counts as the service's most: 200 + 50 = 250 blocks,
 * 200 + 51 = 251 does not. Two subnets in one AZ (a and tiny, both us-east-1a): a task takes the
 * one with more free addresses, which follows the other services: not */
static void
test_blocked_plan(void)
{
	g_autofree char *two_125 = NULL;
	g_autofree char *with_126 = NULL;
	g_autofree char *scheduled_50 = NULL;
	g_autofree char *scheduled_51 = NULL;
	g_autofree char *two_in_az = NULL;
	{
		g_autofree char *x = block_service("x", "\"a\"", 2, 1, 125, NULL);
		g_autofree char *y = block_service("y", "\"a\"", 2, 1, 125, NULL);
		g_autofree char *z = block_service("z", "\"a\"", 2, 1, 126, NULL);
		two_125 = g_strdup_printf("%s, %s", x, y);
		with_126 = g_strdup_printf("%s, %s", x, z);
	}
	{
		g_autofree char *x = block_service(
		    "x", "\"a\"", 2, 1, 100, "[{\"schedule\": \"at(30m)\", \"min\": 200}]");
		g_autofree char *y = block_service("y", "\"a\"", 2, 1, 50, NULL);
		g_autofree char *z = block_service("z", "\"a\"", 2, 1, 51, NULL);
		scheduled_50 = g_strdup_printf("%s, %s", x, y);
		scheduled_51 = g_strdup_printf("%s, %s", x, z);
	}
	two_in_az = block_service("x", "\"a\", \"tiny\"", 2, 1, 4, NULL);

	g_assert_true(plan_blocked(two_125));
	g_assert_false(plan_blocked(with_126));
	g_assert_true(plan_blocked(scheduled_50));
	g_assert_false(plan_blocked(scheduled_51));
	g_assert_false(plan_blocked(two_in_az));
}

/* the peak of subnet a (tasks at once, none fixed) and when it was reached */
static void
subnet_a_peak(const PlanSimResult *result, gint64 *peak, gint64 *time_s)
{
	const PlanSimRun *run = plan_sim_result_first(result);
	for (guint i = 0; i < run->subnets->len; i++) {
		const PlanSimSubnet *subnet = &g_array_index(run->subnets, PlanSimSubnet, i);
		if (g_strcmp0(subnet->name, "a") == 0) {
			*peak = subnet->peak;
			*time_s = subnet->peak_time_s;
			return;
		}
	}
	g_assert_not_reached();
}

static PlanSimRun **simulate_parts(PlanModel *model, const PlanSimOptions *options, guint parts,
				   PlanSimTimings *timings);

/* Stepped in blocks, the subnet's use is replayed in the order of stepping every service
 * through each step: by step, then by service. Both services are in subnet a only.
 * - "up" (5 tasks) rises to 10 at 40 min, "down" (10 tasks) falls to 5 at 20 min: 15 at 0,
 *   10 at 20 min, 15 at 40 min; the peak is 15, at 0. (Service by service it would read 20 at
 *   40 min: up's rise before down's fall.)
 * - both at 30 min: up first (model order) 15 -> 20, then down 20 -> 15; the peak is 20 at
 *   1,800 s. (Down first would never pass 15.) */
static void
test_blocked_subnet_order(void)
{
	g_autofree char *up = block_service("up", "\"a\"", 5, 5, 10,
					    "[{\"schedule\": \"at(40m)\", \"min\": 10}]");
	g_autofree char *down = block_service("down", "\"a\"", 10, 1, 10,
					      "[{\"schedule\": \"at(20m)\", \"max\": 5}]");
	g_autofree char *up_same = block_service("up", "\"a\"", 5, 5, 10,
						 "[{\"schedule\": \"at(30m)\", \"min\": 10}]");
	g_autofree char *down_same = block_service("down", "\"a\"", 10, 1, 10,
						   "[{\"schedule\": \"at(30m)\", \"max\": 5}]");
	g_autofree char *apart = g_strdup_printf("%s, %s", up, down);
	g_autofree char *together = g_strdup_printf("%s, %s", up_same, down_same);
	g_autoptr(PlanModel) apart_model = sim_model(apart, NULL);
	g_autoptr(PlanModel) together_model = sim_model(together, NULL);
	g_autoptr(PlanSimResult) apart_result = NULL;
	g_autoptr(PlanSimResult) together_result = NULL;
	gint64 peak = 0;
	gint64 time_s = -1;

	g_assert_true(plan_blocked(apart));
	g_assert_true(plan_blocked(together));
	apart_result = simulate(apart_model, 3600, NULL, -1);
	subnet_a_peak(apart_result, &peak, &time_s);
	g_assert_cmpint(peak, ==, 15);
	g_assert_cmpint(time_s, ==, 0);
	together_result = simulate(together_model, 3600, NULL, -1);
	subnet_a_peak(together_result, &peak, &time_s);
	g_assert_cmpint(peak, ==, 20);
	g_assert_cmpint(time_s, ==, 1800);

	/* runs cut into parts (up in one, down in the other, on 2 threads) replay the parts'
	 * changes in the same order: both runs read 20 at 1,800 s */
	{
		g_autofree PlanSimRun **runs = NULL;
		PlanSimOptions options;
		PlanSimTimings timings;

		plan_sim_options_init(&options);
		options.duration_s = 3600;
		options.runs = 2;
		options.threads = 2;
		runs = simulate_parts(together_model, &options, 2, &timings);
		g_assert_cmpuint(timings.split_segments, ==, 2);
		for (guint r = 0; r < 2; r++) {
			const PlanSimRun *run = runs[r];
			for (guint i = 0; i < run->subnets->len; i++) {
				const PlanSimSubnet *subnet =
				    &g_array_index(run->subnets, PlanSimSubnet, i);
				if (g_strcmp0(subnet->name, "a") != 0)
					continue;
				g_assert_cmpint(subnet->peak, ==, 20);
				g_assert_cmpint(subnet->peak_time_s, ==, 1800);
			}
			sim_run_result_free(runs[r]);
		}
	}
}

static void
assert_events_equal(GArray *a, GArray *b)
{
	g_assert_cmpuint(a->len, ==, b->len);
	for (guint i = 0; i < a->len; i++) {
		const PlanSimScalingEvent *x = &g_array_index(a, PlanSimScalingEvent, i);
		const PlanSimScalingEvent *y = &g_array_index(b, PlanSimScalingEvent, i);
		g_assert_cmpint(x->time_s, ==, y->time_s);
		g_assert_cmpint(x->from, ==, y->from);
		g_assert_cmpint(x->to, ==, y->to);
		g_assert_cmpint(x->reason, ==, y->reason);
		g_assert_cmpint(x->policy, ==, y->policy);
		g_assert_cmpfloat(x->metric, ==, y->metric);
	}
}

/* every figure of two runs, exactly */
static void
assert_runs_equal(const PlanSimRun *a, const PlanSimRun *b)
{
	g_assert_cmpuint(a->services->len, ==, b->services->len);
	for (guint s = 0; s < a->services->len; s++) {
		const PlanSimService *x = g_ptr_array_index(a->services, s);
		const PlanSimService *y = g_ptr_array_index(b->services, s);
		g_assert_cmpint(x->peak_tasks, ==, y->peak_tasks);
		g_assert_cmpfloat(x->mean_tasks, ==, y->mean_tasks);
		g_assert_cmpfloat(x->task_hours, ==, y->task_hours);
		g_assert_cmpfloat(x->spot_task_hours, ==, y->spot_task_hours);
		g_assert_cmpint(x->peak_desired, ==, y->peak_desired);
		g_assert_cmpfloat(x->utilization_p50, ==, y->utilization_p50);
		g_assert_cmpfloat(x->utilization_p95, ==, y->utilization_p95);
		g_assert_cmpfloat(x->utilization_max, ==, y->utilization_max);
		g_assert_cmpfloat(x->unmet_minutes, ==, y->unmet_minutes);
		g_assert_cmpfloat(x->unmet_requests, ==, y->unmet_requests);
		g_assert_cmpfloat(x->peak_demand, ==, y->peak_demand);
		g_assert_cmpfloat(x->pending_task_minutes, ==, y->pending_task_minutes);
		g_assert_cmpfloat(x->pending_minutes, ==, y->pending_minutes);
		g_assert_cmpfloat(x->demand_requests, ==, y->demand_requests);
		g_assert_cmpuint(x->n_scaling_events, ==, y->n_scaling_events);
		assert_events_equal(x->scaling_events, y->scaling_events);
		g_assert_cmpuint(x->n_pending_events, ==, y->n_pending_events);
		g_assert_cmpuint(x->pending_events->len, ==, y->pending_events->len);
		for (guint i = 0; i < x->pending_events->len; i++) {
			const PlanSimPendingEvent *p =
			    &g_array_index(x->pending_events, PlanSimPendingEvent, i);
			const PlanSimPendingEvent *q =
			    &g_array_index(y->pending_events, PlanSimPendingEvent, i);
			g_assert_cmpint(p->start_s, ==, q->start_s);
			g_assert_cmpint(p->end_s, ==, q->end_s);
			g_assert_cmpint(p->max_tasks, ==, q->max_tasks);
			g_assert_cmpint(p->blocked, ==, q->blocked);
		}
		g_assert_cmpint(x->failure_hit, ==, y->failure_hit);
		g_assert_cmpint(x->failure.tasks_lost, ==, y->failure.tasks_lost);
		g_assert_cmpint(x->failure.recovery_s, ==, y->failure.recovery_s);
		g_assert_cmpfloat(x->failure.unmet_minutes, ==, y->failure.unmet_minutes);
		g_assert_cmpfloat(x->failure.unmet_requests, ==, y->failure.unmet_requests);
	}
	g_assert_cmpuint(a->subnets->len, ==, b->subnets->len);
	for (guint i = 0; i < a->subnets->len; i++) {
		const PlanSimSubnet *x = &g_array_index(a->subnets, PlanSimSubnet, i);
		const PlanSimSubnet *y = &g_array_index(b->subnets, PlanSimSubnet, i);
		g_assert_cmpint(x->peak, ==, y->peak);
		g_assert_cmpint(x->peak_time_s, ==, y->peak_time_s);
		g_assert_cmpfloat(x->full_minutes, ==, y->full_minutes);
	}
	g_assert_cmpint(a->nat_lost, ==, b->nat_lost);
	g_assert_true((a->series == NULL) == (b->series == NULL));
	for (guint i = 0; a->series != NULL && i < a->series->len; i++) {
		const PlanSimPoint *x = &g_array_index(a->series, PlanSimPoint, i);
		const PlanSimPoint *y;
		g_assert_cmpuint(a->series->len, ==, b->series->len);
		y = &g_array_index(b->series, PlanSimPoint, i);
		g_assert_cmpint(x->time_s, ==, y->time_s);
		g_assert_cmpuint(x->service, ==, y->service);
		g_assert_cmpint(x->desired, ==, y->desired);
		g_assert_cmpint(x->running, ==, y->running);
		g_assert_cmpint(x->pending, ==, y->pending);
		g_assert_cmpfloat(x->demand, ==, y->demand);
		g_assert_cmpfloat(x->utilization, ==, y->utilization);
	}
}

/* one run of @plan, stepped as @blocked says */
static PlanSimRun *
run_plan(SimPlan *plan, gboolean blocked)
{
	g_autoptr(SimRun) run = NULL;

	plan->blocked = blocked;
	run = sim_run_new(plan, 0, NULL);
	sim_run_init(run);
	sim_run_steps(run);
	return sim_run_result(run);
}

/* four services that move (blocked/same-figures, runs/split-same-figures): target tracking on
 * CPU and on requests per target, step scaling, scheduled actions, demand unmet while nothing
 * else moves; they share subnets a, b and c */
static const char moving_services[] =
    "{\"name\": \"web\", \"cpu\": 512, \"memory\": 1024, \"desired_count\": 6, "
    "\"subnets\": [\"a\", \"b\", \"c\"], \"task_capacity_rps\": 120, \"load\": "
    "{\"profile\": \"diurnal\", \"trough\": 200, \"peak\": 2400, \"noise\": 0.1, "
    "\"spikes\": [{\"at_hour\": 9, \"height\": 900, \"width_minutes\": 20}]}, "
    "\"autoscaling\": {\"min\": 2, \"max\": 16, \"target_tracking\": [{\"metric\": "
    "\"cpu\", \"target\": 55}, {\"metric\": \"alb_requests\", \"target\": 5000}], "
    "\"scheduled\": [{\"schedule\": \"cron(0 8 * * ? *)\", \"min\": 8}, {\"schedule\": "
    "\"cron(0 20 * * ? *)\", \"min\": 2}]}},"
    "{\"name\": \"worker\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 2, "
    "\"subnets\": [\"a\", \"b\"], \"task_capacity_rps\": 40, \"load\": {\"profile\": "
    "\"ramp\", \"from\": 20, \"to\": 300, \"ramp_hours\": 30, \"noise\": 0.05}, "
    "\"autoscaling\": {\"min\": 1, \"max\": 12, \"step_scaling\": [{\"metric\": \"cpu\", "
    "\"comparison\": \"above\", \"threshold\": 70, \"datapoints\": 2, \"adjustment_type\": "
    "\"PercentChangeInCapacity\", \"min_adjustment_magnitude\": 1, \"steps\": [{\"lower\": "
    "0, \"upper\": 15, \"adjustment\": 25}, {\"lower\": 15, \"adjustment\": 50}]}, "
    "{\"metric\": \"cpu\", \"comparison\": \"below\", \"threshold\": 30, \"datapoints\": "
    "10, \"adjustment_type\": \"ChangeInCapacity\", \"steps\": [{\"upper\": 0, "
    "\"adjustment\": -1}]}]}},"
    "{\"name\": \"batch\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 3, "
    "\"subnets\": [\"b\", \"c\"], \"task_capacity_rps\": 50, \"load\": {\"profile\": "
    "\"weekly\", \"trough\": 10, \"peak\": 400, \"noise\": 0.2}, \"autoscaling\": "
    "{\"min\": 1, \"max\": 4, \"target_tracking\": [{\"metric\": \"cpu\", \"target\": "
    "70, \"disable_scale_in\": true}]}},"
    /* one target on requests per target: step_quiet_by_requests() */
    "{\"name\": \"api\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 2, "
    "\"subnets\": [\"a\", \"c\"], \"task_capacity_rps\": 80, \"load\": {\"profile\": "
    "\"diurnal\", \"trough\": 30, \"peak\": 500, \"peak_hour\": 17, \"noise\": 0.15}, "
    "\"autoscaling\": {\"min\": 1, \"max\": 6, \"target_tracking\": [{\"metric\": "
    "\"alb_requests\", \"target\": 3000}]}}";

/* Stepping in blocks changes no figure: three services with noise (target tracking on CPU and
 * on requests per target, step scaling, scheduled actions; web and batch capped below their
 * peaks, so demand goes unmet while nothing else moves) over two days, with us-east-1a
 * lost at 1 h 40 min (step 100 of a 1,024-step block at 60 s), at 10 s, 60 s and 300 s steps
 * (one datapoint over six steps, one per step, five per step), with a series point every step
 * (no quiet stretch) and without one, compared figure by figure with the same plan stepped
 * one step at a time */
static void
test_blocked_same_figures(void)
{
	const gint64 steps[] = {10, 60, 300};
	g_autoptr(PlanModel) model = sim_model(moving_services, NULL);

	plan_model_link(model);
	for (guint i = 0; i < 2 * G_N_ELEMENTS(steps); i++) {
		g_autoptr(GError) error = NULL;
		g_autoptr(SimPlan) plan = NULL;
		PlanSimRun *blocked;
		PlanSimRun *stepped;
		PlanSimOptions options;

		plan_sim_options_init(&options);
		options.duration_s = 2 * 86400;
		options.step_s = steps[i / 2];
		options.seed = 3;
		options.series = i % 2 == 0 ? PLAN_SIM_SERIES_EVERY_STEP : PLAN_SIM_SERIES_NONE;
		options.fail_az = "us-east-1a";
		options.fail_at_s = 6000;
		plan = sim_plan_new(model, &options, &error);
		g_assert_no_error(error);
		g_assert_true(plan->blocked);
		blocked = run_plan(plan, TRUE);
		stepped = run_plan(plan, FALSE);
		/* the case must move: scaling in both directions and the failure */
		g_assert_cmpuint(((PlanSimService *)g_ptr_array_index(blocked->services, 0))
				     ->n_scaling_events,
				 >, 10);
		g_assert_true(
		    ((PlanSimService *)g_ptr_array_index(blocked->services, 0))->failure_hit);
		g_assert_cmpfloat(
		    ((PlanSimService *)g_ptr_array_index(blocked->services, 0))->unmet_requests,
		    >, 0);
		g_assert_cmpfloat(
		    ((PlanSimService *)g_ptr_array_index(blocked->services, 2))->unmet_requests,
		    >, 0);
		/* 30-500 rps over 1-6 tasks at 3,000 requests a minute each: it scales */
		g_assert_cmpuint(((PlanSimService *)g_ptr_array_index(blocked->services, 3))
				     ->n_scaling_events,
				 >, 2);
		assert_runs_equal(blocked, stepped);
		sim_run_result_free(blocked);
		sim_run_result_free(stepped);
	}
}

/* the options of 4 runs (seeds 3 to 6): 17,280 steps of @step_s (a segment of 16,384 and 896
 * more), us-east-1a lost at step @fail_step, a series point each step when @series */
static PlanSimOptions
split_options(gint64 step_s, gint64 fail_step, gboolean series, guint threads)
{
	PlanSimOptions options;

	plan_sim_options_init(&options);
	options.duration_s = 17280 * step_s;
	options.step_s = step_s;
	options.seed = 3;
	options.runs = 4;
	options.threads = threads;
	options.series = series ? PLAN_SIM_SERIES_EVERY_STEP : PLAN_SIM_SERIES_NONE;
	options.fail_az = "us-east-1a";
	options.fail_at_s = fail_step * step_s;
	return options;
}

/* the runs of @options, every segment of every run cut into @parts parts (SimPlan.force_parts);
 * (transfer full): free each with sim_run_result_free() */
static PlanSimRun **
simulate_parts(PlanModel *model, const PlanSimOptions *options, guint parts,
	       PlanSimTimings *timings)
{
	g_autoptr(GError) error = NULL;
	/* the book plan_analyse() gives the simulation: the model region's built-in one */
	g_autoptr(PlanPriceBook) book = plan_price_book_choose(model->region, NULL, NULL);
	PlanSimOptions priced = *options;
	g_autoptr(SimPlan) plan = NULL;
	PlanSimRun **results = g_new0(PlanSimRun *, options->runs);

	priced.book = book;
	plan = sim_plan_new(model, &priced, &error);
	g_assert_no_error(error);
	g_assert_true(plan->blocked);
	plan->force_parts = parts;
	memset(timings, 0, sizeof *timings);
	sim_run_all(plan, results, timings);
	return results;
}

/* Runs cut into parts (simulate-parallel.c) give every figure of whole runs: the four moving
 * services, 4 runs at 10 s, 60 s and 300 s steps, us-east-1a lost inside the first segment
 * (step 600) and at the start of the second (step 16,384, where the parts meet), with a series
 * point each step and without. 1 thread runs whole runs: 4 tasks. Cut into 2, 3 and 4 parts
 * (services 2 + 2; 1 + 1 + 2; 1 each) on 2, 3 and 2 threads, each part steps each segment as
 * a task: the segments are [0, 600), [600, 16384), [16384, 17280) with the failure at 600,
 * and [0, 16384), [16384, 17280) with it at 16,384. Each thread's first run starts as a task
 * of its own (its states and initial placements); a later run starts in the task that
 * finishes the run before. So threads + 4 runs x parts x 3 or 2 segments: 2 + 24 = 26 or
 * 2 + 16 = 18 tasks in 2 parts, 3 + 36 = 39 or 3 + 24 = 27 in 3, 2 + 48 = 50 or 2 + 32 = 34
 * in 4 */
static void
test_runs_split_same_figures(void)
{
	const gint64 steps[] = {10, 60, 300};
	const gint64 fail_steps[] = {600, 16384};
	g_autoptr(PlanModel) model = sim_model(moving_services, NULL);

	plan_model_link(model);
	for (guint i = 0; i < 2 * 2 * G_N_ELEMENTS(steps); i++) {
		gint64 step_s = steps[i / 4];
		gint64 fail_step = fail_steps[i % 2];
		gboolean series = (i / 2) % 2 == 0;
		guint segments = fail_step == 600 ? 3 : 2;
		PlanSimTimings timings;
		PlanSimOptions options = split_options(step_s, fail_step, series, 1);
		g_autoptr(GError) error = NULL;
		g_autoptr(PlanSimResult) whole = NULL;

		options.timings = &timings;
		whole = test_simulate(model, &options, &error);
		g_assert_no_error(error);
		g_assert_cmpuint(timings.parts, ==, 1);
		g_assert_cmpuint(timings.tasks, ==, 4);
		for (guint parts = 2; parts <= 4; parts++) {
			PlanSimOptions split = split_options(step_s, fail_step, series, 2 + parts % 2);
			PlanSimRun **runs = simulate_parts(model, &split, parts, &timings);
			guint tasks = 0;

			g_assert_cmpuint(timings.tasks, ==, split.threads + 4 * parts * segments);
			g_assert_cmpuint(timings.segments, ==, 4 * segments);
			g_assert_cmpuint(timings.split_segments, ==, 4 * segments);
			for (guint t = 0; t < timings.threads; t++)
				tasks += timings.thread_tasks[t];
			g_assert_cmpuint(tasks, ==, timings.tasks);
			g_assert_cmpuint(timings.threads, <=, 3);
			for (guint r = 0; r < 4; r++) {
				const PlanSimRun *a = g_ptr_array_index(whole->run_results, r);
				const PlanSimService *web = g_ptr_array_index(a->services, 0);

				/* the case must move: scaling, and the failure hit */
				g_assert_cmpuint(web->n_scaling_events, >, 20);
				g_assert_true(web->failure_hit);
				g_assert_cmpuint(a->seed, ==, 3 + r);
				g_assert_cmpuint(runs[r]->seed, ==, 3 + r);
				assert_runs_equal(a, runs[r]);
				g_assert_true(a->cost.present);
				g_assert_cmpint(a->cost.total, ==, runs[r]->cost.total);
				sim_run_result_free(runs[r]);
			}
			g_free(runs);
		}
	}
}

/* on 2 threads, runs step whole while both threads have one (a run each), and the output is
 * the same bytes as on 1 thread whatever is cut into parts when */
static void
test_runs_split_threads(void)
{
	g_autoptr(PlanModel) model = sim_model(moving_services, NULL);
	g_autoptr(GString) one = render_json(model, 7, 3, 1);
	g_autoptr(GString) two = render_json(model, 7, 3, 2);
	g_autoptr(GString) three = render_json(model, 7, 5, 3);
	g_autoptr(GString) three_one = render_json(model, 7, 5, 1);

	g_assert_cmpstr(one->str, ==, two->str);
	g_assert_cmpstr(three->str, ==, three_one->str);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/simulate/blocked/plan", test_blocked_plan);
	g_test_add_func("/planner/simulate/blocked/subnet-order", test_blocked_subnet_order);
	g_test_add_func("/planner/simulate/blocked/same-figures", test_blocked_same_figures);
	g_test_add_func("/planner/simulate/runs/split-same-figures",
			test_runs_split_same_figures);
	g_test_add_func("/planner/simulate/runs/split-threads", test_runs_split_threads);
	return g_test_run();
}
