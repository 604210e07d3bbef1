/* ecsplan: the Terraform importer's service auto scaling (scaling-plan.json): scalable targets,
 * policies, alarms and scheduled actions into each service's block, and the imported model
 * simulated */
#include "diagnostic.h"
#include "import-terraform.h"
#include "simulate.h"
#include "loader.h"
#include "plan-error.h"
#include "test-import-util.h"
#include "test-util.h"

#include <string.h>

static void
test_import_scaling(void)
{
	g_autoptr(PlanModel) model = import_fixture("scaling-plan.json");
	PlanService *worker = service_by_name(model, "worker");
	PlanService *api = service_by_name(model, "svc-api-ecs-service");
	PlanService *web = service_by_name(model, "svc-web-ecs-service");
	PlanTargetTracking *policy;
	PlanStepScaling *step;
	PlanStepAdjustment *item;
	PlanScheduledAction *action;

	/* module.svc["web"]: count = 1 for its CPU policy; resource_id through the target */
	g_assert_cmpint(web->autoscaling.min, ==, 2);
	g_assert_cmpint(web->autoscaling.max, ==, 20);
	g_assert_cmpuint(web->autoscaling.target_tracking->len, ==, 1);
	policy = g_ptr_array_index(web->autoscaling.target_tracking, 0);
	g_assert_cmpint(policy->metric, ==, PLAN_METRIC_CPU);
	g_assert_cmpfloat(policy->target, ==, 60);
	g_assert_cmpint(policy->scale_out_cooldown, ==, 60);
	g_assert_cmpint(policy->scale_in_cooldown, ==, 600);
	g_assert_cmpuint(policy->set, ==,
			 PLAN_TT_SCALE_OUT_COOLDOWN | PLAN_TT_SCALE_IN_COOLDOWN |
			     PLAN_TT_DISABLE_SCALE_IN);
	g_assert_false(policy->disable_scale_in);
	g_assert_cmpstr(policy->origin.path, ==, "services[2].autoscaling.target_tracking[0]");
	g_assert_cmpstr(policy->origin.source, ==,
			"module.svc[\"web\"].aws_appautoscaling_policy.cpu[0]");

	/* module.svc["api"]: ALBRequestCountPerTarget with disable_scale_in; two scheduled
	 * actions at the root whose resource_id is the module's output */
	g_assert_cmpuint(api->autoscaling.target_tracking->len, ==, 1);
	policy = g_ptr_array_index(api->autoscaling.target_tracking, 0);
	g_assert_cmpint(policy->metric, ==, PLAN_METRIC_ALB_REQUESTS);
	g_assert_cmpfloat(policy->target, ==, 1000);
	g_assert_true(policy->disable_scale_in);
	g_assert_cmpuint(api->autoscaling.scheduled->len, ==, 2);
	action = g_ptr_array_index(api->autoscaling.scheduled, 0);
	g_assert_cmpstr(action->name, ==, "api-peak");
	g_assert_cmpstr(action->schedule, ==, "cron(0 8 ? * MON-FRI *)");
	g_assert_cmpstr(action->timezone, ==, "Europe/Berlin");
	g_assert_cmpuint(action->set, ==, PLAN_SCHEDULED_MIN); /* max_capacity "" is unset */
	g_assert_cmpint(action->min, ==, 6);
	action = g_ptr_array_index(api->autoscaling.scheduled, 1);
	g_assert_cmpuint(action->set, ==, PLAN_SCHEDULED_MIN | PLAN_SCHEDULED_MAX);
	g_assert_cmpint(action->min, ==, 1);
	g_assert_cmpint(action->max, ==, 4);

	/* root worker: two step policies, each with the alarm whose alarm_actions name it */
	g_assert_cmpint(worker->autoscaling.min, ==, 1);
	g_assert_cmpint(worker->autoscaling.max, ==, 10);
	g_assert_cmpuint(worker->autoscaling.target_tracking->len, ==, 0); /* custom metric */
	g_assert_cmpuint(worker->autoscaling.step_scaling->len, ==, 2);
	step = g_ptr_array_index(worker->autoscaling.step_scaling, 0);
	g_assert_cmpstr(step->name, ==, "worker-up");
	g_assert_cmpint(step->metric, ==, PLAN_METRIC_CPU);
	g_assert_cmpint(step->comparison, ==, PLAN_ALARM_ABOVE);
	g_assert_cmpfloat(step->threshold, ==, 70);
	g_assert_cmpint(step->datapoints, ==, 2); /* 2 periods of 60 s */
	g_assert_cmpint(step->adjustment_type, ==, PLAN_ADJUST_CHANGE);
	g_assert_cmpint(step->cooldown, ==, 120);
	g_assert_cmpuint(step->steps->len, ==, 2);
	item = g_ptr_array_index(step->steps, 0);
	g_assert_cmpuint(item->set, ==, PLAN_STEP_LOWER | PLAN_STEP_UPPER);
	g_assert_cmpfloat(item->lower, ==, 0);
	g_assert_cmpfloat(item->upper, ==, 20);
	g_assert_cmpint(item->adjustment, ==, 1);
	item = g_ptr_array_index(step->steps, 1);
	g_assert_cmpuint(item->set, ==, PLAN_STEP_LOWER); /* upper "" is unbounded */
	g_assert_cmpint(item->adjustment, ==, 3);
	step = g_ptr_array_index(worker->autoscaling.step_scaling, 1);
	g_assert_cmpstr(step->name, ==, "worker-down");
	g_assert_cmpint(step->comparison, ==, PLAN_ALARM_BELOW);
	g_assert_cmpfloat(step->threshold, ==, 20);
	g_assert_cmpint(step->datapoints, ==, 5);
	g_assert_cmpint(step->adjustment_type, ==, PLAN_ADJUST_PERCENT);
	g_assert_cmpint(step->min_adjustment_magnitude, ==, 1);
	g_assert_cmpint(step->cooldown, ==, 300);
	item = g_ptr_array_index(step->steps, 0);
	g_assert_cmpuint(item->set, ==, PLAN_STEP_UPPER);
	g_assert_cmpint(item->adjustment, ==, -50);
	g_assert_cmpuint(worker->autoscaling.scheduled->len, ==, 1);
	action = g_ptr_array_index(worker->autoscaling.scheduled, 0);
	g_assert_cmpstr(action->schedule, ==, "rate(6 hours)");
	g_assert_null(action->timezone);
	/* start_time and end_time bound it: of rate(6 hours) from 00:00, only the 12:00 and
	 * 18:00 times fall inside [12:00, 20:00] */
	g_assert_cmpstr(action->start_time, ==, "2024-01-01T12:00:00Z");
	g_assert_cmpstr(action->end_time, ==, "2024-01-01T20:00:00Z");
	g_assert_cmpint(worker->health_check_grace_period_s, ==, 60);

	/* what the simulation misses is said */
	find_finding(model, "import-not-modelled",
		     "aws_appautoscaling_policy.worker_queue tracks the custom metric "
		     "'AWS/SQS/ApproximateNumberOfMessagesVisible'");
	find_finding(model, "import-value",
		     "'cron(0 0 L * ? *)' of "
		     "aws_appautoscaling_scheduled_action.worker_month_end");
	/* the RDS alarm drives no policy: not modelled, and not counted as mapped */
	find_finding(model, "import-not-modelled",
		     "aws_cloudwatch_metric_alarm is not modelled: 1 resource "
		     "(aws_cloudwatch_metric_alarm.db_cpu)");
	/* the one unresolved link is the database's: the plan has no DB subnet group */
	find_finding(model, "import-unresolved",
		     "the DB subnet group of aws_db_instance.shop is not in the plan");
	g_assert_cmpuint(count_findings(model, "import-unresolved"), ==, 1);
}

/* plan -> model (written and read back) -> simulate, with a constant load set on each service;
 * the scaling events are worked out by hand from docs/simulation.md's rules. task capacity is
 * the default 100 rps; start latency 60 s; no load balancer in the fixture */
static PlanSimResult *
simulate_imported(PlanModel *imported, const char *service_name, double rps, gint64 desired,
		  gboolean keep_in, gint64 duration_s)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *text = plan_model_to_json(imported, &error);
	g_autoptr(PlanModel) model = NULL;
	PlanService *service;
	PlanSimOptions options;
	PlanSimResult *result;

	g_assert_no_error(error);
	model = plan_model_load_data(text, strlen(text), "scaling-plan.model.json", &error);
	g_assert_no_error(error);
	/* only the service under test: the others would not change its events */
	for (guint i = model->services->len; i-- > 0;) {
		if (strcmp(((PlanService *)g_ptr_array_index(model->services, i))->name,
			   service_name) != 0)
			g_ptr_array_remove_index(model->services, i);
	}
	g_assert_cmpuint(model->services->len, ==, 1);
	service = g_ptr_array_index(model->services, 0);
	service->load.present = TRUE;
	service->load.set = PLAN_LOAD_PROFILE | PLAN_LOAD_RPS;
	service->load.profile = PLAN_PROFILE_CONSTANT;
	service->load.rps = rps;
	if (desired > 0)
		service->desired_count = desired;
	if (!keep_in && service->autoscaling.target_tracking->len > 0)
		((PlanTargetTracking *)g_ptr_array_index(service->autoscaling.target_tracking, 0))
		    ->disable_scale_in = FALSE;
	plan_sim_options_init(&options);
	options.duration_s = duration_s;
	result = test_simulate(model, &options, &error);
	g_assert_no_error(error);
	g_assert_nonnull(result);
	return result;
}

static const PlanSimScalingEvent *
sim_event(const PlanSimResult *result, guint index)
{
	const PlanSimService *service =
	    g_ptr_array_index(plan_sim_result_first(result)->services, 0);
	g_assert_cmpuint(index, <, service->scaling_events->len);
	return &g_array_index(service->scaling_events, PlanSimScalingEvent, index);
}

static guint
sim_n_events(const PlanSimResult *result)
{
	const PlanSimService *service =
	    g_ptr_array_index(plan_sim_result_first(result)->services, 0);
	return service->n_scaling_events;
}

static void
test_import_scaling_simulate(void)
{
	g_autoptr(PlanModel) model = import_fixture("scaling-plan.json");
	g_autoptr(PlanSimResult) web = NULL;
	g_autoptr(PlanSimResult) api_busy = NULL;
	g_autoptr(PlanSimResult) api_quiet = NULL;
	g_autoptr(PlanSimResult) api_quiet_in = NULL;
	g_autoptr(PlanSimResult) worker_busy = NULL;
	g_autoptr(PlanSimResult) worker_quiet = NULL;
	g_autoptr(PlanSimResult) api_day = NULL;

	/* web, CPU 60%, scale-out cooldown 60 s, 300 rps on 2 tasks: utilization 300 / 200 is
	 * capped at 100%; AlarmHigh needs 3 datapoints (minutes 0, 1, 2), so the decision is
	 * dated 180 s: ceil(2 × 100 / 60) = 4. The alarm stays in ALARM (its count does not
	 * reset when the policy acts): minute 3 still has 2 running at 100%, and ceil(2 × 100 /
	 * 60) = 4 is no change; the 2 new tasks run from 240 s, so minute 4 reads 300 / 400 =
	 * 75%, the cooldown (60 s from 180 s) is over, and at 300 s ceil(4 × 75 / 60) = 5. Then
	 * 300 / 500 = 60%, not above the target: no more events in the first hour */
	web = simulate_imported(model, "svc-web-ecs-service", 300, 0, TRUE, 3600);
	g_assert_cmpuint(sim_n_events(web), ==, 2);
	g_assert_cmpint(sim_event(web, 0)->time_s, ==, 180);
	g_assert_cmpint(sim_event(web, 0)->from, ==, 2);
	g_assert_cmpint(sim_event(web, 0)->to, ==, 4);
	g_assert_cmpint(sim_event(web, 0)->reason, ==, PLAN_SIM_REASON_TARGET_OUT);
	g_assert_cmpint(sim_event(web, 1)->time_s, ==, 300);
	g_assert_cmpint(sim_event(web, 1)->to, ==, 5);

	/* api, ALBRequestCountPerTarget 1000, 50 rps on 2 tasks = 50 × 60 / 2 = 1500 requests
	 * per target per minute -> 180 s: ceil(2 × 1500 / 1000) = 3; 50 × 60 / 3 = 1000 is not
	 * above the target. The scheduled actions fire at 07:00 UTC, after this hour */
	api_busy = simulate_imported(model, "svc-api-ecs-service", 50, 0, TRUE, 3600);
	g_assert_cmpuint(sim_n_events(api_busy), ==, 1);
	g_assert_cmpint(sim_event(api_busy, 0)->time_s, ==, 180);
	g_assert_cmpint(sim_event(api_busy, 0)->to, ==, 3);
	/* 5 rps on 4 tasks: 5 × 60 / 4 = 75 requests per target, below 0.9 × 1000 for 15
	 * datapoints, but the policy has disable_scale_in: nothing happens. With scale-in allowed
	 * the 15th datapoint (minute 14) scales in at 900 s to max(min 2, ceil(4 × 75 / 1000) =
	 * 1) = 2 */
	api_quiet = simulate_imported(model, "svc-api-ecs-service", 5, 4, TRUE, 3600);
	g_assert_cmpuint(sim_n_events(api_quiet), ==, 0);
	api_quiet_in = simulate_imported(model, "svc-api-ecs-service", 5, 4, FALSE, 3600);
	g_assert_cmpuint(sim_n_events(api_quiet_in), ==, 1);
	g_assert_cmpint(sim_event(api_quiet_in, 0)->time_s, ==, 900);
	g_assert_cmpint(sim_event(api_quiet_in, 0)->from, ==, 4);
	g_assert_cmpint(sim_event(api_quiet_in, 0)->to, ==, 2);
	g_assert_cmpint(sim_event(api_quiet_in, 0)->reason, ==, PLAN_SIM_REASON_TARGET_IN);

	/* api's day (Monday 2024-01-01) at 5 rps: "08:00 Europe/Berlin" is 07:00 UTC in winter,
	 * min 6 lifts desired 2 -> 6 at 25200 s; "20:00" is 19:00 UTC, max 4 lowers 6 -> 4 at
	 * 68400 s. disable_scale_in keeps 6 until then */
	api_day = simulate_imported(model, "svc-api-ecs-service", 5, 0, TRUE, 86400);
	g_assert_cmpuint(sim_n_events(api_day), ==, 2);
	g_assert_cmpint(sim_event(api_day, 0)->time_s, ==, 25200);
	g_assert_cmpint(sim_event(api_day, 0)->from, ==, 2);
	g_assert_cmpint(sim_event(api_day, 0)->to, ==, 6);
	g_assert_cmpint(sim_event(api_day, 0)->reason, ==, PLAN_SIM_REASON_SCHEDULED);
	g_assert_cmpint(sim_event(api_day, 1)->time_s, ==, 68400);
	g_assert_cmpint(sim_event(api_day, 1)->to, ==, 4);

	/* worker-up: CPU >= 70 for 2 datapoints; 190 rps on 2 tasks = 95%, 95 − 70 = 25 is in
	 * the step [20, inf): +3 at (1 + 1) × 60 = 120 s, 2 -> 5. Then 190 / 500 = 38%: no alarm
	 * (worker-down needs <= 20). The rate(6 hours) action fires after this hour */
	worker_busy = simulate_imported(model, "worker", 190, 0, TRUE, 3600);
	g_assert_cmpuint(sim_n_events(worker_busy), ==, 1);
	g_assert_cmpint(sim_event(worker_busy, 0)->time_s, ==, 120);
	g_assert_cmpint(sim_event(worker_busy, 0)->to, ==, 5);
	g_assert_cmpint(sim_event(worker_busy, 0)->reason, ==, PLAN_SIM_REASON_STEP_OUT);
	/* worker-down: CPU <= 20 for 5 datapoints; 30 rps on 2 tasks = 15%: at 300 s, −50% of 2
	 * is −1 (between 0 and 1 rounds to 1), 2 -> 1 (the target's min). 30 / 100 = 30% after */
	worker_quiet = simulate_imported(model, "worker", 30, 0, TRUE, 3600);
	g_assert_cmpuint(sim_n_events(worker_quiet), ==, 1);
	g_assert_cmpint(sim_event(worker_quiet, 0)->time_s, ==, 300);
	g_assert_cmpint(sim_event(worker_quiet, 0)->from, ==, 2);
	g_assert_cmpint(sim_event(worker_quiet, 0)->to, ==, 1);
	g_assert_cmpint(sim_event(worker_quiet, 0)->reason, ==, PLAN_SIM_REASON_STEP_IN);
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);

	g_test_add_func("/planner/import/scaling", test_import_scaling);
	g_test_add_func("/planner/import/scaling-simulate", test_import_scaling_simulate);
	return g_test_run();
}
