/* ecsplan: unit tests for the simulator (planner/simulate*.c; the load profiles are in
 * test-profile.c). Every case states the numbers it expects and why; docs/simulation.md
 * gives the rules they follow. */
#include "loader.h"
#include "plan-error.h"
#include "profile.h"
#include "render-simulate.h"
#include "schedule.h"
#include "simulate-private.h"
#include "test-util.h"
#include "test-simulate-util.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* the model's element types have no autoptr cleanups of their own; the tests build a few */
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanService, plan_service_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(PlanStepScaling, plan_step_scaling_free)

/* ---- helpers -------------------------------------------------------------------------------- */



static const PlanSimService *
first_service(const PlanSimResult *result)
{
	return g_ptr_array_index(plan_sim_result_first(result)->services, 0);
}

static const PlanSimScalingEvent *
event_at(const PlanSimService *service, guint index)
{
	g_assert_cmpuint(index, <, service->scaling_events->len);
	return &g_array_index(service->scaling_events, PlanSimScalingEvent, index);
}

/* the series row of service 0 at @time_s (one service, 60 s steps) */
static const PlanSimPoint *
point_at(const PlanSimResult *result, gint64 time_s)
{
	const PlanSimRun *run = plan_sim_result_first(result);
	guint index = (guint)(time_s / 60);
	const PlanSimPoint *point;

	g_assert_cmpuint(index, <, run->series->len);
	point = &g_array_index(run->series, PlanSimPoint, index);
	g_assert_cmpint(point->time_s, ==, time_s);
	return point;
}

/* writes @text into a file of the test's temporary folder; returns its path */
static char *
write_temp(const char *name, const char *text)
{
	static char *dir = NULL;
	char *path;

	if (dir == NULL)
		dir = g_dir_make_tmp("ecsplan-simulate-XXXXXX", NULL);
	path = g_build_filename(dir, name, NULL);
	g_assert_true(g_file_set_contents(path, text, -1, NULL));
	return path;
}

/* a service "api" with capacity 100 rps per task, no load balancer (60 s start latency) */
static char *
api_service(gint64 desired, const char *load, const char *autoscaling, const char *subnets)
{
	return g_strdup_printf("{\"name\": \"api\", \"cpu\": 256, \"memory\": 512, "
			       "\"desired_count\": %" G_GINT64_FORMAT ", \"subnets\": [%s], "
			       "\"task_capacity_rps\": 100, \"load\": %s, \"autoscaling\": %s}",
			       desired, subnets != NULL ? subnets : "\"a\", \"b\", \"c\"", load,
			       autoscaling);
}

/* ---- target tracking ------------------------------------------------------------------------- */

/* 10 tasks at 90% CPU (900 rps over 10 × 100) with a 50% target: AlarmHigh needs 3
 * consecutive 1-minute datapoints above 50 [S29a], so it fires at the end of minute 3, 180 s.
 * desired = ceil(10 × 90 / 50) = 18. The 8 new tasks start 60 s later (start_latency_s), so
 * 18 run from 240 s, at 900 / 1800 = 50%: on target, no further event. While they start (the
 * minute at 180 s) the metric is still 90%, but the policy is in its scale-out cooldown and
 * 18 is no larger than what it already asked for, so nothing more happens. */
static void
test_target_tracking_out(void)
{
	g_autofree char *service = api_service(10, "{\"profile\": \"constant\", \"rps\": 900}",
					       "{\"min\": 1, \"max\": 100, \"target_tracking\": "
					       "[{\"metric\": \"cpu\", \"target\": 50}]}",
					       NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 1800, NULL, -1);
	const PlanSimService *api = first_service(result);
	const PlanSimScalingEvent *event = event_at(api, 0);

	g_assert_cmpuint(api->n_scaling_events, ==, 1);
	g_assert_cmpint(event->time_s, ==, 180);
	g_assert_cmpint(event->from, ==, 10);
	g_assert_cmpint(event->to, ==, 18);
	g_assert_cmpint(event->reason, ==, PLAN_SIM_REASON_TARGET_OUT);
	g_assert_cmpfloat_with_epsilon(event->metric, 90.0, 1e-9);
	/* the minute at 180 s still has 10 running (and 8 pending); 18 run from 240 s */
	g_assert_cmpint(point_at(result, 180)->running, ==, 10);
	g_assert_cmpint(point_at(result, 180)->desired, ==, 18);
	g_assert_cmpint(point_at(result, 180)->pending, ==, 8);
	g_assert_cmpint(point_at(result, 240)->running, ==, 18);
	g_assert_cmpfloat_with_epsilon(point_at(result, 240)->utilization, 50.0, 1e-4);
	g_assert_cmpint(api->peak_tasks, ==, 18);
	/* 4 minutes at 90%: utilization p95 over 30 minutes is 50 (26 of 30 at 50) */
	g_assert_cmpfloat_with_epsilon(api->utilization_p50, 50.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(api->utilization_max, 90.0, 1e-9);
}

/* the same with max 15: ceil(10 × 90 / 50) = 18 is clamped to 15 [S27]; 900 / 1500 = 60% stays
 * above target, but at max every further proposal clamps to 15 = desired: one event only */
static void
test_target_tracking_max_clamp(void)
{
	g_autofree char *service = api_service(10, "{\"profile\": \"constant\", \"rps\": 900}",
					       "{\"min\": 1, \"max\": 15, \"target_tracking\": "
					       "[{\"metric\": \"cpu\", \"target\": 50}]}",
					       NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 3600, NULL, -1);
	const PlanSimService *api = first_service(result);

	g_assert_cmpuint(api->n_scaling_events, ==, 1);
	g_assert_cmpint(event_at(api, 0)->to, ==, 15);
	g_assert_cmpint(api->peak_tasks, ==, 15);
	g_assert_cmpint(point_at(result, 3540)->running, ==, 15);
	g_assert_cmpfloat_with_epsilon(point_at(result, 3540)->utilization, 60.0, 1e-4);
}

/* 20 tasks at 40% (800 rps): below 45 = 90% of the 50 target. AlarmLow needs 15 consecutive
 * datapoints [S29a], so the first scale-in is at the end of minute 15, 900 s, and not before.
 * Conservative: ceil(20 × 40 / 50) = 16 (the rounding keeps capacity; 16 tasks run at exactly
 * 50%). Scale-in removes tasks at once: 16 run from 900 s. */
static void
test_target_tracking_in(void)
{
	g_autofree char *service = api_service(20, "{\"profile\": \"constant\", \"rps\": 800}",
					       "{\"min\": 1, \"max\": 100, \"target_tracking\": "
					       "[{\"metric\": \"cpu\", \"target\": 50}]}",
					       NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 3600, NULL, -1);
	const PlanSimService *api = first_service(result);

	g_assert_cmpuint(api->n_scaling_events, ==, 1);
	g_assert_cmpint(event_at(api, 0)->time_s, ==, 900);
	g_assert_cmpint(event_at(api, 0)->from, ==, 20);
	g_assert_cmpint(event_at(api, 0)->to, ==, 16);
	g_assert_cmpint(event_at(api, 0)->reason, ==, PLAN_SIM_REASON_TARGET_IN);
	g_assert_cmpint(point_at(result, 840)->running, ==, 20);
	g_assert_cmpint(point_at(result, 900)->running, ==, 16);
}

/* a demand of 800 rps for 16 minutes, then 600 (a CSV at one value a minute) */
static char *
two_level_csv(guint first_minutes, double first, double then, guint total_minutes)
{
	GString *csv = g_string_new("timestamp,value\n");
	for (guint m = 0; m < total_minutes; m++)
		g_string_append_printf(csv, "%u,%g\n", 1704067200u + m * 60u,
				       m < first_minutes ? first : then);
	return g_string_free(csv, FALSE);
}

/* Cooldowns hold. 20 tasks: 800 rps (40%) for 16 minutes, then 600 rps.
 * - 900 s: 20 → 16, as above. 16 tasks then see 800 / 1600 = 50% in minute 15, and
 *   600 / 1600 = 37.5% from minute 16: low again, 15 datapoints later at 1860 s.
 * - With the default 300 s scale-in cooldown (over at 1200 s) the second scale-in is at
 *   1860 s: ceil(16 × 37.5 / 50) = 12.
 * - With scale_in_cooldown 1200 the cooldown lasts to 2100 s: the alarm is in ALARM from
 *   1860 s but the policy waits, and scales in at 2100 s, still to 12. */
static void
test_target_tracking_cooldown(void)
{
	g_autofree char *csv = two_level_csv(16, 800, 600, 120);
	g_autofree char *path = write_temp("cooldown.csv", csv);
	g_autofree char *load = g_strdup_printf("{\"profile\": \"csv\", \"file\": \"%s\"}", path);
	const gint64 cooldowns[] = {300, 1200};
	const gint64 second[] = {1860, 2100};

	for (guint i = 0; i < G_N_ELEMENTS(cooldowns); i++) {
		g_autofree char *autoscaling = g_strdup_printf(
		    "{\"min\": 1, \"max\": 100, \"scale_in_cooldown\": %" G_GINT64_FORMAT ", "
		    "\"target_tracking\": [{\"metric\": \"cpu\", \"target\": 50}]}",
		    cooldowns[i]);
		g_autofree char *service = api_service(20, load, autoscaling, NULL);
		g_autoptr(PlanModel) model = sim_model(service, NULL);
		g_autoptr(PlanSimResult) result = simulate(model, 7200, NULL, -1);
		const PlanSimService *api = first_service(result);

		g_assert_cmpuint(api->n_scaling_events, ==, 2);
		g_assert_cmpint(event_at(api, 0)->time_s, ==, 900);
		g_assert_cmpint(event_at(api, 0)->to, ==, 16);
		g_assert_cmpint(event_at(api, 1)->time_s, ==, second[i]);
		g_assert_cmpint(event_at(api, 1)->from, ==, 16);
		g_assert_cmpint(event_at(api, 1)->to, ==, 12);
	}
}

/* A scale-out during a scale-in cooldown acts at once [S27]: 900 s 20 → 16 starts a 300 s
 * scale-in cooldown; the demand jumps to 1200 rps from minute 16 (75% on 16 tasks); AlarmHigh
 * fires after minutes 16, 17, 18, at 1140 s, inside the cooldown: 16 → ceil(16 × 75 / 50) = 24.
 * The policy's own scale-out cooldown lets a larger scale-out through too: see the first case */
static void
test_target_tracking_out_during_in_cooldown(void)
{
	g_autofree char *csv = two_level_csv(16, 800, 1200, 60);
	g_autofree char *path = write_temp("jump.csv", csv);
	g_autofree char *load = g_strdup_printf("{\"profile\": \"csv\", \"file\": \"%s\"}", path);
	g_autofree char *service = api_service(20, load,
					       "{\"min\": 1, \"max\": 100, \"target_tracking\": "
					       "[{\"metric\": \"cpu\", \"target\": 50}]}",
					       NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 1800, NULL, -1);
	const PlanSimService *api = first_service(result);

	g_assert_cmpuint(api->n_scaling_events, ==, 2);
	g_assert_cmpint(event_at(api, 1)->time_s, ==, 1140);
	g_assert_cmpint(event_at(api, 1)->from, ==, 16);
	g_assert_cmpint(event_at(api, 1)->to, ==, 24);
	g_assert_cmpint(event_at(api, 1)->reason, ==, PLAN_SIM_REASON_TARGET_OUT);
}

/* disable_scale_in: the 20 tasks at 40% stay 20; and with two policies, scale-in needs both:
 * a second policy on ALB requests per target (800 rps × 60 / 20 = 2400 per minute) with a
 * target of 2000 is above its target, so the CPU policy alone cannot scale in — but the ALB
 * policy scales out: ceil(20 × 2400 / 2000) = 24 at 180 s (out if any says out) */
static void
test_target_tracking_several(void)
{
	g_autofree char *service =
	    api_service(20, "{\"profile\": \"constant\", \"rps\": 800}",
			"{\"min\": 1, \"max\": 100, \"disable_scale_in\": true, "
			"\"target_tracking\": [{\"metric\": \"cpu\", \"target\": 50}]}",
			NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 3600, NULL, -1);
	g_autofree char *two = api_service(20, "{\"profile\": \"constant\", \"rps\": 800}",
					   "{\"min\": 1, \"max\": 100, \"target_tracking\": "
					   "[{\"metric\": \"cpu\", \"target\": 50},"
					   " {\"metric\": \"alb_requests\", \"target\": 2000}]}",
					   NULL);
	g_autoptr(PlanModel) model_two = sim_model(two, NULL);
	g_autoptr(PlanSimResult) result_two = simulate(model_two, 3600, NULL, -1);
	const PlanSimService *api = first_service(result_two);

	g_assert_cmpuint(first_service(result)->n_scaling_events, ==, 0);
	g_assert_cmpuint(api->n_scaling_events, ==, 1);
	g_assert_cmpint(event_at(api, 0)->time_s, ==, 180);
	g_assert_cmpint(event_at(api, 0)->to, ==, 24);
	g_assert_cmpint(event_at(api, 0)->policy, ==, 1);
	/* 800 rps on 24 tasks is 33% CPU, far below 45, and 2000 requests per target: the ALB
	 * policy is not below 90% of its target, so no scale-in ever happens */
	g_assert_cmpint(point_at(result_two, 3540)->running, ==, 24);
}

/* ---- step and scheduled scaling ---------------------------------------------------------------
 */

static void
test_step_adjust(void)
{
	g_autoptr(PlanStepScaling) policy = plan_step_scaling_new();
	PlanStepAdjustment *low = plan_step_adjustment_new();
	PlanStepAdjustment *high = plan_step_adjustment_new();
	gboolean found = FALSE;

	policy->threshold = 70;
	/* [0, 10) above the threshold: +25%; 10 and above: +50% */
	low->set = PLAN_STEP_LOWER | PLAN_STEP_UPPER;
	low->lower = 0;
	low->upper = 10;
	low->adjustment = 25;
	high->set = PLAN_STEP_LOWER;
	high->lower = 10;
	high->adjustment = 50;
	g_ptr_array_add(policy->steps, low);
	g_ptr_array_add(policy->steps, high);
	policy->adjustment_type = PLAN_ADJUST_PERCENT;

	/* AWS's own example [S27]: +25% of 4 tasks is 1 ... */
	g_assert_cmpint(sim_step_adjust(policy, 4, 75, &found), ==, 5);
	g_assert_true(found);
	/* ... raised to 2 by MinAdjustmentMagnitude 2 */
	policy->min_adjustment_magnitude = 2;
	g_assert_cmpint(sim_step_adjust(policy, 4, 75, &found), ==, 6);
	/* +50% of 10 = 5 (metric 85: 15 above the threshold, the second step) */
	g_assert_cmpint(sim_step_adjust(policy, 10, 85, &found), ==, 15);
	/* +50% of 3 = 1.5, rounded down to 1, then raised to 2 */
	g_assert_cmpint(sim_step_adjust(policy, 3, 85, &found), ==, 5);
	/* below the threshold no step of an "above" policy matches */
	sim_step_adjust(policy, 10, 60, &found);
	g_assert_false(found);
	/* ChangeInCapacity and ExactCapacity */
	policy->adjustment_type = PLAN_ADJUST_CHANGE;
	g_assert_cmpint(sim_step_adjust(policy, 10, 75, &found), ==, 35);
	policy->adjustment_type = PLAN_ADJUST_EXACT;
	g_assert_cmpint(sim_step_adjust(policy, 10, 75, &found), ==, 25);
}

/* a step policy in a simulation: 10 tasks at 90% (metric 90 ≥ 70 + 10): +3 tasks after 2
 * datapoints (its own alarm), at 120 s: 13. Its 300 s cooldown counts the 3 added as there:
 * at 13 × 100 = 1300 capacity the metric is 69.2% once they run, below 70, so it stops */
static void
test_step_scaling(void)
{
	g_autofree char *service =
	    api_service(10, "{\"profile\": \"constant\", \"rps\": 900}",
			"{\"min\": 1, \"max\": 100, \"step_scaling\": [{\"metric\": \"cpu\", "
			"\"threshold\": 70, "
			"\"datapoints\": 2, \"adjustment_type\": \"ChangeInCapacity\", \"steps\": ["
			"{\"lower\": 0, \"upper\": 10, \"adjustment\": 1}, {\"lower\": 10, "
			"\"adjustment\": 3}]}]}",
			NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 1800, NULL, -1);
	const PlanSimService *api = first_service(result);

	g_assert_cmpuint(api->n_scaling_events, ==, 1);
	g_assert_cmpint(event_at(api, 0)->time_s, ==, 120);
	g_assert_cmpint(event_at(api, 0)->to, ==, 13);
	g_assert_cmpint(event_at(api, 0)->reason, ==, PLAN_SIM_REASON_STEP_OUT);
}

/* scheduled min and max [S27]: at(30m) sets min 8 (desired 4 rises to 8), rate(1 hour) sets
 * max 6 every hour from 60 min (desired 8 falls to 6) */
static void
test_scheduled(void)
{
	g_autofree char *service = api_service(
	    4, "{\"profile\": \"constant\", \"rps\": 200}",
	    "{\"min\": 1, \"max\": 100, \"scheduled\": [{\"schedule\": \"at(30m)\", \"min\": 8}, "
	    "{\"schedule\": \"rate(1 hour)\", \"min\": 1, \"max\": 6}]}",
	    NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 7200, NULL, -1);
	const PlanSimService *api = first_service(result);

	g_assert_cmpuint(api->n_scaling_events, ==, 2);
	g_assert_cmpint(event_at(api, 0)->time_s, ==, 1800);
	g_assert_cmpint(event_at(api, 0)->to, ==, 8);
	g_assert_cmpint(event_at(api, 0)->reason, ==, PLAN_SIM_REASON_SCHEDULED);
	g_assert_cmpint(event_at(api, 1)->time_s, ==, 3600);
	g_assert_cmpint(event_at(api, 1)->to, ==, 6);
}

/* start_time and end_time bound a scheduled action [S27]: rate(1 hour) fires at 01:00, 02:00,
 * 03:00; with start 01:30 and end 03:00 only 02:00 and 03:00 count, and the second sets the
 * same min: one event, desired 4 -> 8 at 7200 s */
static void
test_scheduled_window(void)
{
	g_autofree char *service = api_service(
	    4, "{\"profile\": \"constant\", \"rps\": 200}",
	    "{\"min\": 1, \"max\": 100, \"scheduled\": [{\"schedule\": \"rate(1 hour)\", "
	    "\"min\": 8, \"start_time\": \"2024-01-01T01:30:00Z\", \"end_time\": "
	    "\"2024-01-01T03:00:00Z\"}]}",
	    NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 4 * 3600, NULL, -1);
	const PlanSimService *api = first_service(result);

	g_assert_cmpuint(api->n_scaling_events, ==, 1);
	g_assert_cmpint(event_at(api, 0)->time_s, ==, 7200);
	g_assert_cmpint(event_at(api, 0)->to, ==, 8);
	g_assert_cmpint(event_at(api, 0)->reason, ==, PLAN_SIM_REASON_SCHEDULED);

	/* a time that does not read is a problem of the model, with its place */
	{
		g_autoptr(GError) error = NULL;
		const char *bad =
		    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [], \"services\": [{"
		    "\"name\": \"a\", \"autoscaling\": {\"min\": 1, \"max\": 2, \"scheduled\": "
		    "[{\"schedule\": \"rate(1 hour)\", \"start_time\": \"tomorrow\"}]}}]}";
		g_autoptr(PlanModel) none =
		    plan_model_load_data(bad, strlen(bad), "bad.json", &error);
		g_assert_null(none);
		g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
		g_assert_nonnull(strstr(error->message,
					"services[0].autoscaling.scheduled[0].start_time: cannot "
					"read 'tomorrow' as a date and time"));
	}
}

static void
test_schedule_expressions(void)
{
	/* 2024-01-01 00:00 UTC was a Monday */
	const gint64 start = 1704067200;
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) cron =
	    plan_schedule_steps("cron(0 8 ? * MON-FRI *)", start, 60, 7 * 1440, PLAN_SCHEDULE_MAX_FIRES, &error);
	g_autoptr(GArray) rate = NULL;
	g_autoptr(GArray) at = NULL;
	g_autoptr(GArray) bad = NULL;

	g_assert_no_error(error);
	/* 08:00 on Monday to Friday: five fires, a day apart */
	g_assert_cmpuint(cron->len, ==, 5);
	for (guint i = 0; i < 5; i++)
		g_assert_cmpint(g_array_index(cron, gint64, i), ==, 480 + (gint64)i * 1440);
	rate = plan_schedule_steps("rate(6 hours)", start, 300, 288, PLAN_SCHEDULE_MAX_FIRES, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(rate->len, ==, 3); /* 6 h, 12 h, 18 h in a day of 5-minute steps */
	g_assert_cmpint(g_array_index(rate, gint64, 0), ==, 72);
	at = plan_schedule_steps("at(2024-01-01T01:30:00)", start, 60, 1440, PLAN_SCHEDULE_MAX_FIRES, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(at->len, ==, 1);
	g_assert_cmpint(g_array_index(at, gint64, 0), ==, 90);
	bad = plan_schedule_steps("cron(0 25 * * ? *)", start, 60, 1440, PLAN_SCHEDULE_MAX_FIRES, &error);
	g_assert_null(bad);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_nonnull(strstr(error->message, "hours field '25'"));
}

/* cron() and a dated at() in a time zone: Europe/Berlin is UTC+1 in January (CET) and UTC+2
 * from the last Sunday of March, 2024-03-31 at 01:00 UTC (CEST), so "08:00 Berlin" is step
 * 420 (07:00 UTC) on Monday 2024-01-01 and 06:00 UTC on 2024-04-01, day 91 */
static void
test_schedule_timezone(void)
{
	const gint64 start = 1704067200;
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) winter = plan_schedule_steps_in(
	    "cron(0 8 * * ? *)", "Europe/Berlin", start, 60, 2 * 1440, PLAN_SCHEDULE_MAX_FIRES, &error);
	g_autoptr(GArray) summer = NULL;
	g_autoptr(GArray) at = NULL;
	g_autoptr(GArray) bad = NULL;

	g_assert_no_error(error);
	g_assert_cmpuint(winter->len, ==, 2);
	g_assert_cmpint(g_array_index(winter, gint64, 0), ==, 7 * 60);
	g_assert_cmpint(g_array_index(winter, gint64, 1), ==, 1440 + 7 * 60);
	/* days 90 (Sunday 31 March, already CEST at 08:00) and 91: 06:00 UTC */
	summer = plan_schedule_steps_in("cron(0 8 * * ? *)", "Europe/Berlin", start, 60, 92 * 1440,
					PLAN_SCHEDULE_MAX_FIRES, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(summer->len, ==, 92);
	g_assert_cmpint(g_array_index(summer, gint64, 89), ==, 89 * 1440 + 7 * 60);
	g_assert_cmpint(g_array_index(summer, gint64, 90), ==, 90 * 1440 + 6 * 60);
	g_assert_cmpint(g_array_index(summer, gint64, 91), ==, 91 * 1440 + 6 * 60);
	/* New York is UTC-5 in January: 2024-01-01T09:30 there is 14:30 UTC, minute 870 */
	at = plan_schedule_steps_in("at(2024-01-01T09:30:00)", "America/New_York", start, 60, 1440,
				    PLAN_SCHEDULE_MAX_FIRES, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(at->len, ==, 1);
	g_assert_cmpint(g_array_index(at, gint64, 0), ==, 870);
	bad = plan_schedule_steps_in("cron(0 8 * * ? *)", "Mars/Olympus", start, 60, 1440,
				     PLAN_SCHEDULE_MAX_FIRES, &error);
	g_assert_null(bad);
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_MODEL);
	g_assert_cmpstr(error->message, ==,
			"unknown time zone 'Mars/Olympus'; use an IANA name such as "
			"Europe/Berlin or America/New_York");
}

/* ---- addresses, AZs, instances ----------------------------------------------------------------
 */

/* a /28 holds 16 − 5 = 11 usable addresses [S23]: of 20 tasks, 11 run and 9 wait for an
 * address for the whole run; the pending event says so and names the full subnet */
static void
test_ip_exhaustion(void)
{
	g_autofree char *service = api_service(20, "{\"profile\": \"constant\", \"rps\": 500}",
					       "{\"min\": 20, \"max\": 20}", "\"tiny\"");
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 3600, NULL, -1);
	const PlanSimService *api = first_service(result);
	const PlanSimRun *run = plan_sim_result_first(result);
	const PlanSimPendingEvent *pending;
	const PlanSimSubnet *tiny = NULL;

	g_assert_cmpint(api->peak_tasks, ==, 11);
	g_assert_cmpint(point_at(result, 0)->running, ==, 11);
	g_assert_cmpint(point_at(result, 0)->pending, ==, 9);
	g_assert_cmpuint(api->pending_events->len, ==, 1);
	pending = &g_array_index(api->pending_events, PlanSimPendingEvent, 0);
	g_assert_cmpint(pending->start_s, ==, 0);
	g_assert_cmpint(pending->end_s, ==, -1);
	g_assert_cmpint(pending->max_tasks, ==, 9);
	g_assert_cmpint(pending->blocked, ==, PLAN_SIM_BLOCKED_ADDRESSES);
	g_assert_cmpuint(pending->subnets_full, ==, 1);
	/* 9 tasks waiting for 60 minutes */
	g_assert_cmpfloat_with_epsilon(api->pending_task_minutes, 540.0, 1e-9);
	for (guint i = 0; i < run->subnets->len; i++) {
		const PlanSimSubnet *subnet = &g_array_index(run->subnets, PlanSimSubnet, i);
		if (g_strcmp0(subnet->name, "tiny") == 0)
			tiny = subnet;
	}
	g_assert_nonnull(tiny);
	g_assert_cmpint(tiny->usable, ==, 11);
	g_assert_cmpint(tiny->peak, ==, 11);
	g_assert_cmpfloat_with_epsilon(tiny->full_minutes, 60.0, 1e-9);
}

/* Losing one of three AZs: 9 tasks, 3 per AZ, at 50% (450 rps on 9 × 100). us-east-1a fails at
 * 1 h: its 3 tasks go; they are placed at once in b and c (the AZ with the fewest first, ties
 * to the lower: b 4, c 4, b 5) and run 60 s later. 6 tasks (600 rps) still carry the 450 rps,
 * so no demand goes unmet; running is back to 9 after 60 s */
static void
test_az_failure(void)
{
	g_autofree char *service = api_service(9, "{\"profile\": \"constant\", \"rps\": 450}",
					       "{\"min\": 9, \"max\": 9}", NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 7200, "us-east-1a", 3600);
	const PlanSimService *api = first_service(result);
	const PlanSimRun *run = plan_sim_result_first(result);

	g_assert_true(api->failure_hit);
	g_assert_cmpint(api->failure.tasks_lost, ==, 3);
	g_assert_cmpint(api->failure.running_before, ==, 9);
	g_assert_cmpint(api->failure.recovery_s, ==, 60);
	g_assert_cmpfloat_with_epsilon(api->failure.unmet_minutes, 0.0, 1e-9);
	g_assert_cmpint(point_at(result, 3540)->running, ==, 9);
	g_assert_cmpint(point_at(result, 3600)->running, ==, 6);
	g_assert_cmpint(point_at(result, 3660)->running, ==, 9);
	for (guint i = 0; i < run->subnets->len; i++) {
		const PlanSimSubnet *subnet = &g_array_index(run->subnets, PlanSimSubnet, i);
		if (g_strcmp0(subnet->name, "b") == 0)
			g_assert_cmpint(subnet->peak, ==, 5);
		if (g_strcmp0(subnet->name, "c") == 0)
			g_assert_cmpint(subnet->peak, ==, 4);
	}
}

/* the same failure with the load at 90% of all nine tasks (810 rps): the six left serve 600,
 * so 210 rps go unmet for the minute before the replacements run: 1 minute, 12,600 requests */
static void
test_az_failure_unmet(void)
{
	g_autofree char *service = api_service(9, "{\"profile\": \"constant\", \"rps\": 810}",
					       "{\"min\": 9, \"max\": 9}", NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 7200, "us-east-1a", 3600);
	const PlanSimService *api = first_service(result);

	g_assert_cmpfloat_with_epsilon(api->failure.unmet_minutes, 1.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(api->failure.unmet_requests, 210.0 * 60, 1e-6);
	g_assert_cmpfloat_with_epsilon(api->unmet_minutes, 1.0, 1e-9);
}

/* Managed scaling from zero. m5.large registers 2048 CPU units, so a 1024-unit bridge task
 * fits twice (compute.h). The service starts at 0 tasks; at 10 min a scheduled min of 3 asks
 * for 3 tasks, which wait for capacity. At the end of that minute (660 s) the capacity
 * provider sees N = 0 instances and tasks to place: CPR 200 and ECS launches two instances
 * first [S30]. They register 180 s later (instance_launch_s), at 840 s: 2 instances hold
 * 4 tasks, so the 3 tasks place then and CPR = ceil(1.5) / 2 = 100: no further launch */
static void
test_managed_scaling_from_zero(void)
{
	const char *clusters =
	    ", \"clusters\": [{\"name\": \"ecs\", \"instance_type\": \"m5.large\", \"min\": 0, "
	    "\"max\": 10, \"subnets\": [\"a\", \"b\"]}]";
	const char *service =
	    "{\"name\": \"worker\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "
	    "\"network_mode\": \"bridge\", \"cpu\": 1024, \"memory\": 1024, \"desired_count\": 0, "
	    "\"task_capacity_rps\": 100, \"load\": {\"profile\": \"constant\", \"rps\": 0}, "
	    "\"autoscaling\": {\"min\": 0, \"max\": 10, \"scheduled\": "
	    "[{\"schedule\": \"at(10m)\", \"min\": 3}]}}";
	g_autoptr(PlanModel) model = sim_model(service, clusters);
	g_autoptr(PlanSimResult) result = simulate(model, 3600, NULL, -1);
	const PlanSimRun *run = plan_sim_result_first(result);
	const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, 0);
	const PlanSimService *worker = first_service(result);
	const PlanSimScalingEvent *event;
	const PlanSimPendingEvent *pending;

	g_assert_cmpint(cluster->tasks_per_instance, ==, 2);
	g_assert_cmpuint(cluster->n_scaling_events, ==, 1);
	event = &g_array_index(cluster->scaling_events, PlanSimScalingEvent, 0);
	g_assert_cmpint(event->time_s, ==, 660);
	g_assert_cmpint(event->from, ==, 0);
	g_assert_cmpint(event->to, ==, 2);
	g_assert_cmpint(event->reason, ==, PLAN_SIM_REASON_FIRST_LAUNCH);
	g_assert_cmpfloat_with_epsilon(event->metric, 200.0, 1e-9);
	g_assert_cmpint(cluster->peak_instances, ==, 2);
	/* the tasks waited for capacity from 600 s to 840 s */
	g_assert_cmpuint(worker->pending_events->len, ==, 1);
	pending = &g_array_index(worker->pending_events, PlanSimPendingEvent, 0);
	g_assert_cmpint(pending->start_s, ==, 600);
	g_assert_cmpint(pending->end_s, ==, 840);
	g_assert_cmpint(pending->blocked, ==, PLAN_SIM_BLOCKED_CAPACITY);
	g_assert_cmpint(point_at(result, 840)->running, ==, 0);
	g_assert_cmpint(point_at(result, 900)->running, ==, 3);
	/* instance-hours: 2 instances from 660 s (billed from launch) to 3600 s */
	g_assert_cmpfloat_with_epsilon(cluster->instance_hours, 2.0 * (3600 - 660) / 3600.0, 1e-9);
}


/* issue 12: the same worker beside a DAEMON service of 256/512. Each m5.large holds the
 * daemon first: 2048 − 256 = 1792 units are left, so a 1024-unit task fits once, not twice;
 * the worker's 3 tasks (min 3 from the start) need 3 instances. The daemon runs no tasks of
 * its own (its room is on every instance) */
static void
test_daemon_room(void)
{
	const char *clusters =
	    ", \"clusters\": [{\"name\": \"ecs\", \"instance_type\": \"m5.large\", \"min\": 0, "
	    "\"max\": 10, \"subnets\": [\"a\", \"b\"]}]";
	const char *services =
	    "{\"name\": \"worker\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "
	    "\"network_mode\": \"bridge\", \"cpu\": 1024, \"memory\": 1024, \"desired_count\": 3, "
	    "\"task_capacity_rps\": 100, \"load\": {\"profile\": \"constant\", \"rps\": 0}, "
	    "\"autoscaling\": {\"min\": 3, \"max\": 3}}, "
	    "{\"name\": \"agent\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "
	    "\"network_mode\": \"bridge\", \"scheduling_strategy\": \"DAEMON\", \"cpu\": 256, "
	    "\"memory\": 512}";
	g_autoptr(PlanModel) model = sim_model(services, clusters);
	g_autoptr(PlanSimResult) result = simulate(model, 3600, NULL, -1);
	const PlanSimRun *run = plan_sim_result_first(result);
	const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, 0);

	g_assert_cmpint(cluster->tasks_per_instance, ==, 1);
	g_assert_cmpint(cluster->peak_instances, ==, 3);
	g_assert_cmpint(first_service(result)->peak_tasks, ==, 3);
	g_assert_cmpint(((const PlanSimService *)g_ptr_array_index(run->services, 1))->peak_tasks,
			==, 0);
}

/* the cluster of a test: its instance count at @time_s from the cluster series (60 s steps) */
static gint
cluster_instances_at(const PlanSimResult *result, gint64 time_s)
{
	const PlanSimRun *run = plan_sim_result_first(result);
	g_assert_nonnull(run->cluster_series);
	for (guint i = 0; i < run->cluster_series->len; i++) {
		const PlanSimClusterPoint *point =
		    &g_array_index(run->cluster_series, PlanSimClusterPoint, i);
		if (point->time_s == time_s)
			return point->instances;
	}
	g_error("no cluster point at %" G_GINT64_FORMAT, time_s);
	return -1;
}

static const PlanSimScalingEvent *
cluster_event(const PlanSimCluster *cluster, guint index)
{
	g_assert_cmpuint(index, <, cluster->scaling_events->len);
	return &g_array_index(cluster->scaling_events, PlanSimScalingEvent, index);
}

/* A diurnal day on a binpack cluster, worked by hand. m5.large registers 2048 CPU units, so a
 * 1024-unit bridge task fits twice; target capacity 100, min 1; AZs a and b; the day's task
 * counts come from scheduled actions (the diurnal load only sets utilization):
 *   00:00  2 tasks: ceil(2 / 2) = 1 instance, #0 in a (the AZ with fewest, ties to the first);
 *          binpack puts both tasks on #0.
 *   06:00  min 4: 2 tasks wait. M = 1 busy + ceil(2 × 1/2) = 2, N = 1: CPR 200, so at 06:01
 *          ceil(2 × 100 / 100) − 1 = 1 instance, #1 in b; it registers at 06:04 and takes both.
 *   10:00  min 12: 8 wait. M = 2 + 4 = 6, N = 2: CPR 300, at 10:01 +4 instances balanced over
 *          the AZs: #2 a, #3 b, #4 a, #5 b; binpack fills #2, #3, #4, #5 two by two.
 *   16:00  max 6: 6 tasks stop, each from the AZ with the most running (ties to a), on the
 *          instance left with the most room [S39]: a #0 (2 -> 1), b #1, a #0 (empty), b #1
 *          (empty), a #2 (2 -> 1), b #3 (2 -> 1). Tasks never move: 6 tasks on #2 1, #3 1, #4 2,
 *          #5 2, so M = 4 busy instances, N = 6: CPR 66.7 < 100 from the 16:00 datapoint; the
 *          15th (16:14) scales in at 16:15 to max(1, ceil(4 × 100 / 100)) = 4 instances, the
 *          two empty ones. (Summing task shares, as the simulator used to, gives 6 / 2 = 3.)
 *   22:00  max 2: a #2 (empty), b #3 (empty), a #4 (2 -> 1), b #5 (2 -> 1): 2 tasks on 2
 *          instances, M = 2: at 22:15, 4 -> 2, and 2 instances run the night (not 1) */
static void
test_managed_scaling_binpack_day(void)
{
	const char *clusters =
	    ", \"clusters\": [{\"name\": \"ecs\", \"instance_type\": \"m5.large\", \"min\": 1, "
	    "\"max\": 20, \"subnets\": [\"a\", \"b\"]}]";
	const char *service =
	    "{\"name\": \"render\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "
	    "\"network_mode\": \"bridge\", \"cpu\": 1024, \"memory\": 2048, \"desired_count\": 2, "
	    "\"task_capacity_rps\": 100, \"placement_strategy\": [{\"type\": \"binpack\", "
	    "\"field\": \"cpu\"}], \"load\": {\"profile\": \"diurnal\", \"trough\": 50, \"peak\": "
	    "900, \"peak_hour\": 13}, \"autoscaling\": {\"min\": 2, \"max\": 20, \"scheduled\": ["
	    "{\"schedule\": \"at(6h)\", \"min\": 4}, {\"schedule\": \"at(10h)\", \"min\": 12}, "
	    "{\"schedule\": \"at(16h)\", \"min\": 2, \"max\": 6}, "
	    "{\"schedule\": \"at(22h)\", \"max\": 2}]}}";
	g_autoptr(PlanModel) model = sim_model(service, clusters);
	g_autoptr(PlanSimResult) result = simulate(model, 86400, NULL, -1);
	const PlanSimRun *run = plan_sim_result_first(result);
	const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, 0);
	static const gint64 expected[][3] = {
	    {6 * 3600 + 60, 1, 2},  {10 * 3600 + 60, 2, 6}, {16 * 3600 + 900, 6, 4},
	    {22 * 3600 + 900, 4, 2},
	};

	g_assert_cmpuint(cluster->n_scaling_events, ==, G_N_ELEMENTS(expected));
	for (guint i = 0; i < G_N_ELEMENTS(expected); i++) {
		g_assert_cmpint(cluster_event(cluster, i)->time_s, ==, expected[i][0]);
		g_assert_cmpint(cluster_event(cluster, i)->from, ==, expected[i][1]);
		g_assert_cmpint(cluster_event(cluster, i)->to, ==, expected[i][2]);
	}
	g_assert_cmpfloat_with_epsilon(cluster_event(cluster, 2)->metric, 400.0 / 6.0, 1e-9);
	g_assert_cmpint(cluster_event(cluster, 2)->reason, ==, PLAN_SIM_REASON_CAPACITY_IN);
	g_assert_cmpint(cluster_instances_at(result, 16 * 3600 + 840), ==, 6);
	g_assert_cmpint(cluster_instances_at(result, 20 * 3600), ==, 4);
	g_assert_cmpint(cluster_instances_at(result, 23 * 3600), ==, 2);
	g_assert_cmpint(cluster->peak_instances, ==, 6);
	/* instance-hours: 1 × 6:01 + 2 × 4:00 + 6 × 6:14 + 4 × 6:00 + 2 × 1:45 (launch billed) */
	g_assert_cmpfloat_with_epsilon(cluster->instance_hours,
				       (1.0 * 361 + 2.0 * 240 + 6.0 * 374 + 4.0 * 360 + 2.0 * 105) /
					   60.0,
				       1e-9);
}

/* A spread cluster losing an AZ. Placement spread over AZs, then instances; 8 tasks of 1024
 * units (2 per m5.large) on ceil(8 / 2) = 4 instances, #0 a, #1 b, #2 a, #3 b: the tasks go
 * a #0, b #1, a #2 (fewest on it), b #3, then #0, #1, #2, #3 again: 4 per AZ, 2 per instance.
 * us-east-1a fails at 1 h: 4 tasks and 2 instances are lost; the Auto Scaling group replaces
 * the 2 in b at once (3600 s, 2 -> 4), they register 180 s later (3780 s) and take the 4
 * waiting tasks, which run from 3840 s: recovery 240 s, every instance and task now in b */
static void
test_managed_scaling_spread_az_loss(void)
{
	const char *clusters =
	    ", \"clusters\": [{\"name\": \"ecs\", \"instance_type\": \"m5.large\", \"min\": 1, "
	    "\"max\": 20, \"subnets\": [\"a\", \"b\"]}]";
	const char *service =
	    "{\"name\": \"api\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "
	    "\"network_mode\": \"bridge\", \"cpu\": 1024, \"memory\": 2048, \"desired_count\": 8, "
	    "\"task_capacity_rps\": 100, \"placement_strategy\": [{\"type\": \"spread\", "
	    "\"field\": \"attribute:ecs.availability-zone\"}, {\"type\": \"spread\", \"field\": "
	    "\"instanceId\"}], \"load\": {\"profile\": \"constant\", \"rps\": 400}, "
	    "\"autoscaling\": {\"min\": 8, \"max\": 8}}";
	g_autoptr(PlanModel) model = sim_model(service, clusters);
	g_autoptr(PlanSimResult) result = simulate(model, 7200, "us-east-1a", 3600);
	const PlanSimRun *run = plan_sim_result_first(result);
	const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, 0);
	const PlanSimService *api = first_service(result);

	g_assert_true(api->failure_hit);
	g_assert_cmpint(api->failure.tasks_lost, ==, 4);
	g_assert_cmpint(api->failure.running_before, ==, 8);
	g_assert_cmpint(api->failure.recovery_s, ==, 240);
	g_assert_cmpint(cluster->instances_lost, ==, 2);
	g_assert_cmpuint(cluster->n_scaling_events, ==, 1);
	g_assert_cmpint(cluster_event(cluster, 0)->time_s, ==, 3600);
	g_assert_cmpint(cluster_event(cluster, 0)->from, ==, 2);
	g_assert_cmpint(cluster_event(cluster, 0)->to, ==, 4);
	g_assert_cmpint(point_at(result, 3780)->running, ==, 4);
	g_assert_cmpint(point_at(result, 3840)->running, ==, 8);
	g_assert_cmpint(cluster_instances_at(result, 7140), ==, 4);
}

/* The capacity provider's own managed-scaling settings win over the simulation block's:
 * maximum_scaling_step_size 2, and instance_warmup_s 120 against the default 300. Binpack, 2
 * tasks per m5.large, 2 tasks on 1 instance until 10:00, when min 12 makes 10 wait:
 *   M = 1 busy + ceil(10 / 2) = 6, N = 1: ECS wants 5 more but sends at most 2 [S30]:
 *   10:01, 1 -> 3 (they register at 10:04 and take 4 tasks). CPR stays above 100, and each
 *   next scale-out waits for the last one's warm-up:
 *   - warm-up 120 s: 10:03, 6 / 3: +2, 3 -> 5; 10:05, busy 3 + ceil(6 / 2) = 6 over 5: +1, 6;
 *   - warm-up 300 s: 10:06, 3 -> 5 (as above); 10:11 (the two from 10:06 took 4 at 10:09),
 *     busy 5 + 1 = 6 over 5: 5 -> 6 */
static void
test_managed_scaling_cluster_settings(void)
{
	const char *service =
	    "{\"name\": \"render\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "
	    "\"network_mode\": \"bridge\", \"cpu\": 1024, \"memory\": 2048, \"desired_count\": 2, "
	    "\"task_capacity_rps\": 100, \"placement_strategy\": [{\"type\": \"binpack\", "
	    "\"field\": \"cpu\"}], \"load\": {\"profile\": \"constant\", \"rps\": 100}, "
	    "\"autoscaling\": {\"min\": 2, \"max\": 20, \"scheduled\": ["
	    "{\"schedule\": \"at(10h)\", \"min\": 12}]}}";
	const char *warmups[] = {", \"instance_warmup_s\": 120", ""};
	const gint64 times[][3] = {{10 * 3600 + 60, 10 * 3600 + 180, 10 * 3600 + 300},
				   {10 * 3600 + 60, 10 * 3600 + 360, 10 * 3600 + 660}};
	const gint64 counts[] = {1, 3, 5, 6};

	for (guint i = 0; i < G_N_ELEMENTS(warmups); i++) {
		g_autofree char *clusters = g_strdup_printf(
		    ", \"clusters\": [{\"name\": \"ecs\", \"instance_type\": \"m5.large\", "
		    "\"min\": 1, \"max\": 20, \"subnets\": [\"a\", \"b\"], "
		    "\"maximum_scaling_step_size\": 2%s}]",
		    warmups[i]);
		g_autoptr(PlanModel) model = sim_model(service, clusters);
		g_autoptr(PlanSimResult) result = simulate(model, 11 * 3600, NULL, -1);
		const PlanSimRun *run = plan_sim_result_first(result);
		const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, 0);

		g_assert_cmpuint(cluster->n_scaling_events, ==, 3);
		for (guint k = 0; k < 3; k++) {
			g_assert_cmpint(cluster_event(cluster, k)->time_s, ==, times[i][k]);
			g_assert_cmpint(cluster_event(cluster, k)->from, ==, counts[k]);
			g_assert_cmpint(cluster_event(cluster, k)->to, ==, counts[k + 1]);
		}
	}
}

/* A service behind a load balancer counts a new task after start_latency_s (60) plus its own
 * lb_healthy_s (the target group's healthy_threshold × interval, imported from Terraform), else
 * the simulation block's 150 [S34]; latencies round up to whole steps. Tasks asked for at 600 s:
 * 60 + 30 = 90 s -> 2 steps, running at 720 s; 60 + 150 = 210 s -> 4 steps, at 840 s */
static void
test_lb_healthy_per_service(void)
{
	/* with a health check grace period the larger of the two counts (fact sheet section 7:
	 * task_start + max(grace, healthy_threshold × interval)) [S33]: grace 20 under 30 changes
	 * nothing; grace 300 over 150: 60 + 300 = 360 s -> 6 steps, running at 960 s */
	const char *healthy[] = {", \"lb_healthy_s\": 30", "",
				 ", \"lb_healthy_s\": 30, \"health_check_grace_period_s\": 20",
				 ", \"health_check_grace_period_s\": 300"};
	const gint64 running_at[] = {720, 840, 720, 960};

	for (guint i = 0; i < G_N_ELEMENTS(healthy); i++) {
		g_autoptr(GError) error = NULL;
		g_autofree char *json = g_strdup_printf(
		    "{\"ecsplan\": 1, \"region\": \"us-east-1\", \"vpcs\": [{\"name\": \"main\", "
		    "\"cidr\": \"10.0.0.0/16\", \"internet_gateway\": true, \"subnets\": ["
		    "{\"name\": \"a\", \"cidr\": \"10.0.1.0/24\", \"az\": \"us-east-1a\", "
		    "\"tier\": \"public\"}, {\"name\": \"b\", \"cidr\": \"10.0.2.0/24\", \"az\": "
		    "\"us-east-1b\", \"tier\": \"public\"}], \"load_balancers\": [{\"name\": \"alb\", "
		    "\"type\": \"application\", \"subnets\": [\"a\", \"b\"]}]}], \"services\": [{"
		    "\"name\": \"api\", \"cpu\": 256, \"memory\": 512, \"desired_count\": 2, "
		    "\"subnets\": [\"a\", \"b\"], \"assign_public_ip\": true, \"load_balancer\": "
		    "\"alb\", \"task_capacity_rps\": 100, \"load\": {\"profile\": \"constant\", "
		    "\"rps\": 50}, \"autoscaling\": {\"min\": 2, \"max\": 10, \"scheduled\": "
		    "[{\"schedule\": \"at(10m)\", \"min\": 4}]}%s}]}",
		    healthy[i]);
		g_autoptr(PlanModel) model =
		    plan_model_load_data(json, strlen(json), "test.json", &error);
		g_autoptr(PlanSimResult) result = NULL;

		g_assert_no_error(error);
		result = simulate(model, 1800, NULL, -1);
		g_assert_cmpint(point_at(result, running_at[i] - 60)->running, ==, 2);
		g_assert_cmpint(point_at(result, running_at[i])->running, ==, 4);
	}
}

/* A mixed instances policy: on_demand_base 1 and 50% on-demand above it. 8 tasks, 2 per
 * m5.large, on 4 instances for the whole hour: 3 above the base, ceil(3 × 50%) = 2 of them
 * on-demand, so 1 Spot instance: 1 of the 4 instance-hours. us-east-1 m5.large is $0.096 an
 * hour (the built-in book); Spot costs (1 − 0.65) of it: 3 × 0.096 + 0.096 × 0.35 = $0.3216;
 * and each instance's 30 GB gp3 root volume, 4 instance-hours × 30 GB ÷ 730 h = 0.16438356
 * GB-months × $0.08 = $0.013150685: $0.334750685 */
static void
test_managed_scaling_mixed_spot(void)
{
	const char *clusters =
	    ", \"clusters\": [{\"name\": \"ecs\", \"instance_type\": \"m5.large\", \"min\": 1, "
	    "\"max\": 20, \"subnets\": [\"a\", \"b\"], \"on_demand_base\": 1, "
	    "\"on_demand_percentage\": 50}]";
	const char *service =
	    "{\"name\": \"api\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "
	    "\"network_mode\": \"bridge\", \"cpu\": 1024, \"memory\": 2048, \"desired_count\": 8, "
	    "\"task_capacity_rps\": 100, \"load\": {\"profile\": \"constant\", \"rps\": 400}, "
	    "\"autoscaling\": {\"min\": 8, \"max\": 8}}";
	g_autoptr(PlanModel) model = sim_model(service, clusters);
	g_autoptr(PlanSimResult) result = simulate(model, 3600, NULL, -1);
	const PlanSimRun *run = plan_sim_result_first(result);
	const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, 0);

	g_assert_cmpfloat_with_epsilon(cluster->instance_hours, 4.0, 1e-9);
	g_assert_cmpfloat_with_epsilon(cluster->spot_instance_hours, 1.0, 1e-9);
	g_assert_true(run->cost.present);
	g_assert_cmpint(run->cost.by_category[PLAN_COST_EC2], ==, 334750685);
}

/* The model's pricing block prices the simulated hours as `cost` bills them (issue 12), so
 * for a steady load the two agree to the nano-dollar. 4 Fargate tasks of 0.25 vCPU / 0.5 GB
 * for an hour, min = max = 4, under a Compute Savings Plan 1 year no upfront: the built-in
 * book's estimate rates, 0.04048 × 0.8 = $0.032384 a vCPU-hour and 0.004445 × 0.8 = $0.003556
 * a GB-hour [S50]: 4 × 0.25 × 0.032384 = 0.032384 + 4 × 0.5 × 0.003556 = 0.007112 →
 * $0.039496 (on-demand it is 0.04048 + 2 × 0.004445 = $0.04937), an estimate */
static void
test_cost_compute_savings_plan(void)
{
	static const char pricing[] =
	    ", \"pricing\": {\"commitments\": [{\"type\": \"compute-sp\", \"term\": \"1y\", "
	    "\"payment\": \"no-upfront\"}]}";
	g_autofree char *service = api_service(4, "{\"profile\": \"constant\", \"rps\": 200}",
					       "{\"min\": 4, \"max\": 4}", NULL);
	g_autoptr(PlanModel) committed = sim_model(service, pricing);
	g_autoptr(PlanModel) plain = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(committed, 3600, NULL, -1);
	g_autoptr(PlanSimResult) on_demand = simulate(plain, 3600, NULL, -1);
	const PlanSimRun *run = plan_sim_result_first(result);

	g_assert_cmpfloat_with_epsilon(first_service(result)->task_hours, 4.0, 1e-9);
	g_assert_true(run->cost.present);
	g_assert_cmpint(run->cost.by_category[PLAN_COST_FARGATE], ==, 39496000);
	g_assert_cmpint(g_array_index(run->cost.by_service, PlanNanos, 0), ==, 39496000);
	g_assert_true(run->cost.estimate);
	/* steady: simulate and cost agree */
	g_assert_cmpint(run->cost.total, ==, run->cost.static_total);
	run = plan_sim_result_first(on_demand);
	g_assert_cmpint(run->cost.by_category[PLAN_COST_FARGATE], ==, 49370000);
	g_assert_cmpint(run->cost.total, ==, run->cost.static_total);
}

/* The same for EC2 under a Reserved Instance the pricing block names, from a book that has
 * its rate (the built-in books have none): m5.large 1 year partial upfront, $0.0196 an hour +
 * $172 upfront ÷ 8,760 h = $0.039234703 effective. 8 tasks of 1 vCPU / 2 GB, 2 an m5.large
 * over 2 AZs: 4 instances for the hour, 4 × 0.039234703 = $0.156938812, + their root volumes
 * 4 × 30 GB ÷ 730 h × $0.08 = $0.013150685 → $0.170089497; `cost` for the same hour gives the
 * same but for the rounding of its per-AZ lines */
static void
test_cost_reserved_instance(void)
{
	static const char rates[] =
	    "{\"ecsplan_prices\": 1, \"region\": \"us-east-1\", \"as_of\": \"2026-12\", "
	    "\"sources\": {\"R1\": {\"title\": \"t\", \"as_of\": \"2026-12\"}}, "
	    "\"reserved\": {\"m5.large\": {\"1y_partial_upfront\": {"
	    "\"hourly\": {\"value\": 0.0196, \"unit\": \"hour\", \"source\": \"R1\", "
	    "\"as_of\": \"2026-12\", \"confidence\": \"ok\"}, "
	    "\"upfront\": {\"value\": 172, \"unit\": \"instance\", \"source\": \"R1\", "
	    "\"as_of\": \"2026-12\", \"confidence\": \"ok\"}}}}}";
	const char *extra =
	    ", \"clusters\": [{\"name\": \"ecs\", \"instance_type\": \"m5.large\", \"min\": 1, "
	    "\"max\": 20, \"subnets\": [\"a\", \"b\"]}], \"pricing\": {\"commitments\": "
	    "[{\"type\": \"reserved\", \"term\": \"1y\", \"payment\": \"partial-upfront\"}]}";
	const char *service =
	    "{\"name\": \"api\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "
	    "\"network_mode\": \"bridge\", \"cpu\": 1024, \"memory\": 2048, \"desired_count\": 8, "
	    "\"task_capacity_rps\": 100, \"load\": {\"profile\": \"constant\", \"rps\": 400}, "
	    "\"autoscaling\": {\"min\": 8, \"max\": 8}}";
	g_autoptr(PlanModel) model = sim_model(service, extra);
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanPriceBook) book =
	    plan_price_book_load_data(rates, strlen(rates), "ri.json", NULL, &error);
	g_autoptr(PlanSimResult) result = NULL;
	PlanSimOptions options;
	const PlanSimRun *run;

	g_assert_no_error(error);
	plan_model_link(model);
	plan_sim_options_init(&options);
	options.duration_s = 3600;
	options.book = book;
	result = plan_simulate(model, &options, &error);
	g_assert_no_error(error);
	run = plan_sim_result_first(result);
	g_assert_cmpfloat_with_epsilon(
	    ((const PlanSimCluster *)g_ptr_array_index(run->clusters, 0))->instance_hours, 4.0,
	    1e-9);
	g_assert_cmpint(run->cost.by_category[PLAN_COST_EC2], ==, 170089497);
	g_assert_cmpint(g_array_index(run->cost.by_service, PlanNanos, 0), ==, 156938812);
	/* `cost` rounds each AZ's volume line on its own: 2 × 0.0065753425 → 2 × 0.006575342 =
	 * 0.013150684, a nano-dollar below the run's one line */
	g_assert_cmpint(run->cost.static_total, ==, 170089496);
	g_assert_cmpint(run->cost.total - run->cost.static_total, ==, 1);
}

/* Managed termination protection on and off. Binpack, 2 tasks per m5.large, 5 tasks on
 * ceil(5 / 2) = 3 instances (#0 a, #1 b, #2 a): #0 and #1 take 2 each, #2 one. At 10 min max 4
 * stops one task in the AZ with the most running (a: 3), on the instance binpack leaves with
 * the most room: #2, now empty. M = 2, N = 3: CPR 66.7 from the 600 s datapoint, and the 15th
 * (minute 24) scales in at 1500 s to 2 instances.
 * - protection on: only the empty #2 may go; 4 tasks keep running;
 * - protection off: the group ends the oldest instance of its largest AZ (a: #0 and #2), #0,
 *   with its 2 tasks; they wait, go to #2 at 1500 s and run again from 1560 s */
static void
test_managed_scaling_termination_protection(void)
{
	const char *protection[] = {"true", "false"};
	const gint64 running_at_1500[] = {4, 2};

	for (guint i = 0; i < G_N_ELEMENTS(protection); i++) {
		g_autofree char *clusters = g_strdup_printf(
		    ", \"clusters\": [{\"name\": \"ecs\", \"instance_type\": \"m5.large\", "
		    "\"min\": 1, \"max\": 20, \"subnets\": [\"a\", \"b\"], "
		    "\"managed_termination_protection\": %s}]",
		    protection[i]);
		const char *service =
		    "{\"name\": \"api\", \"launch_type\": \"EC2\", \"cluster\": \"ecs\", "
		    "\"network_mode\": \"bridge\", \"cpu\": 1024, \"memory\": 2048, "
		    "\"desired_count\": 5, \"task_capacity_rps\": 100, \"placement_strategy\": "
		    "[{\"type\": \"binpack\", \"field\": \"cpu\"}], \"load\": {\"profile\": "
		    "\"constant\", \"rps\": 100}, \"autoscaling\": {\"min\": 1, \"max\": 5, "
		    "\"scheduled\": [{\"schedule\": \"at(10m)\", \"max\": 4}]}}";
		g_autoptr(PlanModel) model = sim_model(service, clusters);
		g_autoptr(PlanSimResult) result = simulate(model, 3600, NULL, -1);
		const PlanSimRun *run = plan_sim_result_first(result);
		const PlanSimCluster *cluster = g_ptr_array_index(run->clusters, 0);

		g_assert_cmpuint(cluster->n_scaling_events, ==, 1);
		g_assert_cmpint(cluster_event(cluster, 0)->time_s, ==, 1500);
		g_assert_cmpint(cluster_event(cluster, 0)->from, ==, 3);
		g_assert_cmpint(cluster_event(cluster, 0)->to, ==, 2);
		g_assert_cmpint(point_at(result, 1440)->running, ==, 4);
		g_assert_cmpint(point_at(result, 1500)->running, ==, running_at_1500[i]);
		g_assert_cmpint(point_at(result, 1560)->running, ==, 4);
		g_assert_cmpint(cluster_instances_at(result, 3540), ==, 2);
	}
}

/* ---- determinism and runs ---------------------------------------------------------------------
 */


/* the progress callback counts in the units the runs count: 3 runs of 2 days at 60 s are
 * 2880 steps each, so 2880 / 1024 + 1 = 3 units a run and 9 in all (issue 16: the total was
 * runs x steps x services, so the bar sat at 0% and jumped to 100%) */
static void
record_progress(guint64 done, guint64 total, gpointer user_data)
{
	GArray *calls = user_data;
	guint64 pair[2] = {done, total};
	g_array_append_vals(calls, pair, 2);
}

static void
test_progress(void)
{
	g_autofree char *service = api_service(2, "{\"profile\": \"constant\", \"rps\": 100}",
					       "{\"min\": 1, \"max\": 4}", NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(GArray) calls = g_array_new(FALSE, FALSE, sizeof(guint64));
	g_autoptr(GError) error = NULL;
	g_autoptr(PlanSimResult) result = NULL;
	PlanSimOptions options;
	guint64 last = 0;

	plan_sim_options_init(&options);
	options.duration_s = 2 * 86400;
	options.runs = 3;
	options.threads = 1;
	options.progress = record_progress;
	options.progress_data = calls;
	result = test_simulate(model, &options, &error);
	g_assert_no_error(error);
	g_assert_cmpuint(calls->len, >=, 2);
	for (guint i = 0; i < calls->len; i += 2) {
		guint64 done = g_array_index(calls, guint64, i);
		g_assert_cmpuint(g_array_index(calls, guint64, i + 1), ==, 9);
		g_assert_cmpuint(done, >=, last);
		g_assert_cmpuint(done, <=, 9);
		last = done;
	}
	g_assert_cmpuint(last, ==, 9);
}

/* the same seed gives the same bytes; another seed moves the noise; runs in parallel merge by
 * run index, so 1 and 2 threads agree */
static void
test_determinism(void)
{
	g_autofree char *service = api_service(
	    4, "{\"profile\": \"diurnal\", \"trough\": 200, \"peak\": 1500, \"noise\": 0.1}",
	    "{\"min\": 2, \"max\": 40, \"target_tracking\": [{\"metric\": \"cpu\", \"target\": "
	    "50}]}",
	    NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(GString) first = render_json(model, 7, 1, 1);
	g_autoptr(GString) again = render_json(model, 7, 1, 1);
	g_autoptr(GString) other = render_json(model, 8, 1, 1);
	g_autoptr(GString) serial = render_json(model, 7, 3, 1);
	g_autoptr(GString) parallel = render_json(model, 7, 3, 2);

	g_assert_cmpstr(first->str, ==, again->str);
	g_assert_cmpstr(first->str, !=, other->str);
	g_assert_cmpstr(serial->str, ==, parallel->str);
	g_assert_nonnull(strstr(serial->str, "\"runs\":"));
}

/* ---- options and the model --------------------------------------------------------------------
 */

static void
test_parse_options(void)
{
	g_autoptr(GError) error = NULL;
	g_autofree char *az = NULL;
	gint64 seconds = 0;

	g_assert_true(plan_sim_parse_duration("7d", &seconds, &error));
	g_assert_cmpint(seconds, ==, 604800);
	g_assert_true(plan_sim_parse_duration("1.5h", &seconds, &error));
	g_assert_cmpint(seconds, ==, 5400);
	g_assert_true(plan_sim_parse_duration("90", &seconds, &error));
	g_assert_cmpint(seconds, ==, 90);
	g_assert_true(plan_sim_parse_fail_az("us-east-1a@6h", &az, &seconds, &error));
	g_assert_cmpstr(az, ==, "us-east-1a");
	g_assert_cmpint(seconds, ==, 21600);
	g_assert_false(plan_sim_parse_duration("7 days", &seconds, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_USAGE);
	g_clear_error(&error);
	g_assert_false(plan_sim_parse_fail_az("us-east-1a", &az, &seconds, &error));
	g_assert_error(error, PLAN_ERROR, PLAN_ERROR_INVALID_OPTION);
	g_assert_cmpstr(plan_error_option(error), ==, "fail-az");
}

/* the new fields read and write back as written: set bits keep defaults out */
static void
test_model_round_trip(void)
{
	g_autofree char *service = api_service(
	    4,
	    "{\"profile\": \"spike\", \"rps\": 100, \"seed\": 7, \"spikes\": [{\"at_hour\": 2, "
	    "\"height\": 500, \"width_minutes\": 30, \"every_hours\": 24}]}",
	    "{\"min\": 2, \"max\": 8, \"scale_in_cooldown\": 600, \"target_tracking\": "
	    "[{\"metric\": \"alb_requests\", \"target\": 1000, \"disable_scale_in\": true}], "
	    "\"step_scaling\": [{\"threshold\": 80, \"steps\": [{\"lower\": 0, \"adjustment\": "
	    "2}]}], "
	    "\"scheduled\": [{\"schedule\": \"cron(0 8 ? * MON-FRI *)\", \"min\": 4}]}",
	    NULL);
	g_autoptr(PlanModel) model =
	    sim_model(service, ", \"simulation\": {\"start_latency_s\": 30}");
	g_autofree char *written = plan_model_to_json(model, NULL);
	g_autoptr(PlanModel) again = plan_model_load_data(written, strlen(written), "again", NULL);
	g_autofree char *rewritten = plan_model_to_json(again, NULL);
	const PlanService *api = g_ptr_array_index(model->services, 0);

	g_assert_cmpstr(written, ==, rewritten);
	g_assert_nonnull(strstr(written, "\"start_latency_s\":\t30"));
	g_assert_null(strstr(written, "lb_healthy_s"));
	g_assert_null(strstr(written, "scale_out_cooldown"));
	g_assert_cmpint(api->autoscaling.scale_in_cooldown, ==, 600);
	g_assert_cmpint(api->autoscaling.scale_out_cooldown, ==, 300);
	g_assert_cmpint(model->simulation.start_latency_s, ==, 30);
	g_assert_cmpint(model->simulation.instance_launch_s, ==, 180);
}

/* the time series CSV has the columns */
static void
test_series_csv(void)
{
	g_autofree char *service = api_service(2, "{\"profile\": \"constant\", \"rps\": 100}",
					       "{\"min\": 2, \"max\": 2}", NULL);
	g_autoptr(PlanModel) model = sim_model(service, NULL);
	g_autoptr(PlanSimResult) result = simulate(model, 180, NULL, -1);
	g_autoptr(GError) error = NULL;
	g_autoptr(GString) csv = report_simulate_series(result, REPORT_FORMAT_CSV, &error);

	g_assert_no_error(error);
	g_assert_cmpstr(csv->str, ==,
			"time_s,service,demand,desired,running,pending,utilization\r\n"
			"0,api,100,2,2,0,50\r\n60,api,100,2,2,0,50\r\n120,api,100,2,2,0,50\r\n");
}

int
main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/planner/simulate/cost/compute-savings-plan", test_cost_compute_savings_plan);
	g_test_add_func("/planner/simulate/cost/reserved-instance", test_cost_reserved_instance);
	g_test_add_func("/planner/simulate/target-tracking/out", test_target_tracking_out);
	g_test_add_func("/planner/simulate/target-tracking/max-clamp",
			test_target_tracking_max_clamp);
	g_test_add_func("/planner/simulate/target-tracking/in", test_target_tracking_in);
	g_test_add_func("/planner/simulate/target-tracking/cooldown",
			test_target_tracking_cooldown);
	g_test_add_func("/planner/simulate/target-tracking/out-during-in-cooldown",
			test_target_tracking_out_during_in_cooldown);
	g_test_add_func("/planner/simulate/target-tracking/several", test_target_tracking_several);
	g_test_add_func("/planner/simulate/step/adjust", test_step_adjust);
	g_test_add_func("/planner/simulate/step/simulated", test_step_scaling);
	g_test_add_func("/planner/simulate/scheduled/actions", test_scheduled);
	g_test_add_func("/planner/simulate/scheduled/window", test_scheduled_window);
	g_test_add_func("/planner/simulate/scheduled/expressions", test_schedule_expressions);
	g_test_add_func("/planner/simulate/scheduled/timezone", test_schedule_timezone);
	g_test_add_func("/planner/simulate/ip-exhaustion", test_ip_exhaustion);
	g_test_add_func("/planner/simulate/az-failure/capacity", test_az_failure);
	g_test_add_func("/planner/simulate/az-failure/unmet", test_az_failure_unmet);
	g_test_add_func("/planner/simulate/managed-scaling/from-zero",
			test_managed_scaling_from_zero);
	g_test_add_func("/planner/simulate/ec2/daemon-room", test_daemon_room);
	g_test_add_func("/planner/simulate/managed-scaling/binpack-day",
			test_managed_scaling_binpack_day);
	g_test_add_func("/planner/simulate/managed-scaling/spread-az-loss",
			test_managed_scaling_spread_az_loss);
	g_test_add_func("/planner/simulate/managed-scaling/cluster-settings",
			test_managed_scaling_cluster_settings);
	g_test_add_func("/planner/simulate/lb-healthy-per-service", test_lb_healthy_per_service);
	g_test_add_func("/planner/simulate/managed-scaling/mixed-spot",
			test_managed_scaling_mixed_spot);
	g_test_add_func("/planner/simulate/managed-scaling/termination-protection",
			test_managed_scaling_termination_protection);
	g_test_add_func("/planner/simulate/determinism", test_determinism);
	g_test_add_func("/planner/simulate/options", test_parse_options);
	g_test_add_func("/planner/simulate/model-round-trip", test_model_round_trip);
	g_test_add_func("/planner/simulate/series-csv", test_series_csv);
	g_test_add_func("/planner/simulate/progress", test_progress);
	return g_test_run();
}
