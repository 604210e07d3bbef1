/* the service auto scaling part of the Terraform import: Application Auto Scaling targets,
 * target tracking and step scaling policies, the CloudWatch alarms that drive step policies,
 * and scheduled actions, into each service's autoscaling block (docs/terraform.md, "Service
 * auto scaling"). What the model cannot hold gets a finding that says what the simulation
 * will miss. */
#include "import-terraform-private.h"

#include <math.h>
#include <string.h>

#include "loader.h"
#include "schedule.h"

static const char *const service_types[] = {"aws_ecs_service", NULL};
static const char *const target_types[] = {"aws_appautoscaling_target", NULL};
/* a policy's resource_id is the target's (aws_appautoscaling_target.x.resource_id) or built
 * from the service's name */
static const char *const scaled_types[] = {"aws_appautoscaling_target", "aws_ecs_service",
					   NULL};
static const char *const policy_types[] = {"aws_appautoscaling_policy", NULL};

#define TT_CONFIG "target_tracking_scaling_policy_configuration.0."
#define STEP_CONFIG "step_scaling_policy_configuration.0."

/* a number written as a number or as a string that holds one: Terraform's nullable numbers
 * (scalable_target_action, step bounds) are strings, "" when unset. FALSE when absent, null
 * or empty; anything else that is not a number is a finding */
static gboolean
plan_tf_figure(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
	       double *out)
{
	const cJSON *node = tf_value(resource, attribute);
	char *end = NULL;
	double value;

	if (node == NULL)
		return FALSE;
	if (cJSON_IsNumber(node)) {
		*out = node->valuedouble;
		return TRUE;
	}
	if (cJSON_IsString(node) && node->valuestring[0] == '\0')
		return FALSE;
	if (cJSON_IsString(node)) {
		value = g_ascii_strtod(node->valuestring, &end);
		if (end != node->valuestring && *end == '\0' && isfinite(value)) {
			*out = value;
			return TRUE;
		}
	}
	tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
			"%s of %s is not a number (%s); it is left out", attribute,
			resource->source, plan_json_type_name(node));
	return FALSE;
}

static gboolean
plan_tf_whole_figure(PlanTfImport *import, const PlanTfResource *resource, const char *attribute,
		     gint64 *out)
{
	double value;

	if (!plan_tf_figure(import, resource, attribute, &value))
		return FALSE;
	if (value != floor(value) || value < 0 || value > PLAN_MODEL_MAX_COUNT) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
				"%s of %s is %g; ecsplan reads a whole number from 0 to %d, so it "
				"is left out",
				attribute, resource->source, value, PLAN_MODEL_MAX_COUNT);
		return FALSE;
	}
	*out = (gint64)value;
	return TRUE;
}

/* ---- the scaled service ---------------------------------------------------------------------- */

static gboolean
plan_tf_scales_ecs_service(PlanTfImport *import, PlanTfResource *resource)
{
	const char *name_space = NULL;
	const char *dimension = NULL;

	if (tf_string(import, resource, "service_namespace", &name_space) &&
	    strcmp(name_space, "ecs") != 0)
		return FALSE;
	if (tf_string(import, resource, "scalable_dimension", &dimension) &&
	    strcmp(dimension, "ecs:service:DesiredCount") != 0)
		return FALSE;
	return TRUE;
}

/* "service/<cluster>/<service>" -> the service; else the configuration's references, to the
 * service or to a scalable target (whose service the target pass found) */
static PlanTfService *
plan_tf_scaled_service(PlanTfImport *import, PlanTfResource *resource)
{
	const char *id = NULL;
	PlanTfResource *found = NULL;

	if (tf_string(import, resource, "resource_id", &id)) {
		g_auto(GStrv) parts = g_strsplit(id, "/", -1);
		if (g_strv_length(parts) == 3 && strcmp(parts[0], "service") == 0) {
			g_autofree char *key = g_strconcat("aws_ecs_service\x1f", parts[2], NULL);
			found = g_hash_table_lookup(import->by_name, key);
		}
		if (found == NULL) {
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved",
					resource,
					"resource_id '%s' of %s names no ECS service in the plan",
					id, resource->source);
			return NULL;
		}
	} else {
		found = tf_link_one(import, resource, "resource_id", scaled_types, 0);
	}
	if (found == NULL)
		return NULL;
	if (tf_is_type(found, target_types))
		return found->record; /* NULL when the target scales no service of the plan */
	return tf_is_type(found, service_types) ? found->record : NULL;
}

static void
plan_tf_map_scaling_target(PlanTfImport *import, PlanTfResource *resource)
{
	PlanTfService *record;
	gint64 min = 0;
	gint64 max = 0;

	if (!plan_tf_scales_ecs_service(import, resource))
		return;
	record = plan_tf_scaled_service(import, resource);
	if (record == NULL)
		return;
	resource->record = record;
	if (!tf_integer(import, resource, "min_capacity", 0, PLAN_MODEL_MAX_COUNT, &min) ||
	    !tf_integer(import, resource, "max_capacity", 0, PLAN_MODEL_MAX_COUNT, &max)) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"min_capacity and max_capacity of %s are not both known; the "
				"service's autoscaling is left out",
				resource->source);
		return;
	}
	record->service->autoscaling.present = TRUE;
	record->service->autoscaling.min = min;
	record->service->autoscaling.max = max;
}

/* the service a policy or scheduled action scales, once its scalable target is mapped; NULL
 * (with a finding) when there is none */
static PlanTfService *
plan_tf_scaling_owner(PlanTfImport *import, PlanTfResource *resource, const char *what)
{
	PlanTfService *record;

	if (!plan_tf_scales_ecs_service(import, resource))
		return NULL;
	record = plan_tf_scaled_service(import, resource);
	if (record == NULL)
		return NULL;
	resource->record = record;
	if (!record->service->autoscaling.present) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"%s scales %s, but the plan has no aws_appautoscaling_target with "
				"its bounds; the %s is left out",
				resource->source, record->resource->source, what);
		return NULL;
	}
	return record;
}

/* ---- target tracking --------------------------------------------------------------------------- */

static gboolean
plan_tf_predefined_metric(const char *type, PlanScalingMetric *metric)
{
	static const struct {
		const char *type;
		PlanScalingMetric metric;
	} metrics[] = {
	    {"ECSServiceAverageCPUUtilization", PLAN_METRIC_CPU},
	    {"ECSServiceAverageMemoryUtilization", PLAN_METRIC_MEMORY},
	    {"ALBRequestCountPerTarget", PLAN_METRIC_ALB_REQUESTS},
	};

	for (guint i = 0; i < G_N_ELEMENTS(metrics); i++) {
		if (strcmp(type, metrics[i].type) == 0) {
			*metric = metrics[i].metric;
			return TRUE;
		}
	}
	return FALSE;
}

/* the custom metric's name for a message: "namespace/name", or "a metric math expression" */
static char *
plan_tf_custom_metric_name(PlanTfImport *import, PlanTfResource *resource)
{
	const char *name = NULL;
	const char *name_space = NULL;

	tf_string(import, resource, TT_CONFIG "customized_metric_specification.0.metric_name",
		       &name);
	tf_string(import, resource, TT_CONFIG "customized_metric_specification.0.namespace",
		       &name_space);
	if (name == NULL)
		return g_strdup("a metric math expression");
	return g_strdup_printf("'%s/%s'", name_space != NULL ? name_space : "?", name);
}

static void
plan_tf_map_target_tracking(PlanTfImport *import, PlanTfResource *resource, PlanService *service)
{
	PlanAutoscaling *autoscaling = &service->autoscaling;
	PlanTargetTracking *policy;
	PlanScalingMetric metric = PLAN_METRIC_CPU;
	const char *type = NULL;
	double target = 0;

	if (tf_block_count(resource, import,
				TT_CONFIG "customized_metric_specification") > 0) {
		g_autofree char *name = plan_tf_custom_metric_name(import, resource);
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", resource,
				"%s tracks the custom metric %s; the simulator knows CPU, memory "
				"and ALB requests per target only, so it leaves this policy out and "
				"never scales %s on it",
				resource->source, name, service->name);
		return;
	}
	if (!tf_string(import, resource,
			    TT_CONFIG "predefined_metric_specification.0.predefined_metric_type",
			    &type) ||
	    !tf_number(import, resource, TT_CONFIG "target_value", &target)) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"the metric or target value of %s is not in the plan; the policy "
				"is left out, so the simulation never scales %s on it",
				resource->source, service->name);
		return;
	}
	if (!plan_tf_predefined_metric(type, &metric)) {
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", resource,
				"%s tracks %s, which is not an ECS service metric; the policy is "
				"left out, so the simulation never scales %s on it",
				resource->source, type, service->name);
		return;
	}
	if (!(target > 0) || target > 1e9) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
				"target_value %g of %s is outside (0, 1e9]; the policy is left out",
				target, resource->source);
		return;
	}
	policy = plan_target_tracking_new();
	policy->metric = metric;
	policy->target = target;
	if (tf_integer(import, resource, TT_CONFIG "scale_out_cooldown", 0, 86400,
			    &policy->scale_out_cooldown))
		policy->set |= PLAN_TT_SCALE_OUT_COOLDOWN;
	if (tf_integer(import, resource, TT_CONFIG "scale_in_cooldown", 0, 86400,
			    &policy->scale_in_cooldown))
		policy->set |= PLAN_TT_SCALE_IN_COOLDOWN;
	if (tf_bool(import, resource, TT_CONFIG "disable_scale_in",
			 &policy->disable_scale_in))
		policy->set |= PLAN_TT_DISABLE_SCALE_IN;
	tf_set_origin(&policy->origin, resource,
			   g_strdup_printf("%s.autoscaling.target_tracking[%u]",
					   service->origin.path, autoscaling->target_tracking->len));
	g_ptr_array_add(autoscaling->target_tracking, policy);
	autoscaling->set |= PLAN_AUTOSCALING_TARGET_TRACKING;
}

/* ---- step scaling and its alarms ------------------------------------------------------------- */

static gboolean
plan_tf_alarm_metric(const char *name_space, const char *name, PlanScalingMetric *metric)
{
	static const struct {
		const char *name_space;
		const char *name;
		PlanScalingMetric metric;
	} metrics[] = {
	    {"AWS/ECS", "CPUUtilization", PLAN_METRIC_CPU},
	    {"AWS/ECS", "MemoryUtilization", PLAN_METRIC_MEMORY},
	    {"AWS/ApplicationELB", "RequestCountPerTarget", PLAN_METRIC_ALB_REQUESTS},
	};

	for (guint i = 0; i < G_N_ELEMENTS(metrics); i++) {
		if (strcmp(name_space, metrics[i].name_space) == 0 &&
		    strcmp(name, metrics[i].name) == 0) {
			*metric = metrics[i].metric;
			return TRUE;
		}
	}
	return FALSE;
}

/* the alarm half of a model step policy: metric, comparison, threshold and datapoints. FALSE
 * (with a finding) when the simulator cannot evaluate the alarm */
static gboolean
plan_tf_read_alarm(PlanTfImport *import, PlanTfResource *alarm, PlanTfResource *policy,
		   PlanStepScaling *step)
{
	const char *name_space = NULL;
	const char *name = NULL;
	const char *comparison = NULL;
	gint64 period = 60;
	gint64 evaluation = 1;
	gint64 to_alarm = 0;
	gint64 minutes;

	if (tf_block_count(alarm, import, "metric_query") > 0 ||
	    !tf_string(import, alarm, "namespace", &name_space) ||
	    !tf_string(import, alarm, "metric_name", &name) ||
	    !plan_tf_alarm_metric(name_space, name, &step->metric)) {
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", alarm,
				"%s drives %s on %s%s%s, not on an ECS service's CPU or memory or "
				"an ALB's requests per target; the simulation leaves this alarm out "
				"and never triggers the policy through it",
				alarm->source, policy->source, name_space != NULL ? name_space : "",
				name != NULL ? "/" : "a metric math expression",
				name != NULL ? name : "");
		return FALSE;
	}
	if (!tf_string(import, alarm, "comparison_operator", &comparison) ||
	    !tf_number(import, alarm, "threshold", &step->threshold)) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", alarm,
				"the comparison or threshold of %s is not in the plan; the "
				"simulation never triggers %s through it",
				alarm->source, policy->source);
		return FALSE;
	}
	if (strcmp(comparison, "GreaterThanOrEqualToThreshold") == 0 ||
	    strcmp(comparison, "GreaterThanThreshold") == 0)
		step->comparison = PLAN_ALARM_ABOVE;
	else if (strcmp(comparison, "LessThanOrEqualToThreshold") == 0 ||
		 strcmp(comparison, "LessThanThreshold") == 0)
		step->comparison = PLAN_ALARM_BELOW;
	else {
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", alarm,
				"%s compares with %s (an anomaly band); the simulation never "
				"triggers %s through it",
				alarm->source, comparison, policy->source);
		return FALSE;
	}
	tf_integer(import, alarm, "period", 10, 86400, &period);
	tf_integer(import, alarm, "evaluation_periods", 1, 1440, &evaluation);
	if (!tf_integer(import, alarm, "datapoints_to_alarm", 1, 1440, &to_alarm))
		to_alarm = evaluation;
	/* RequestCountPerTarget is a Sum per period; the model counts requests per minute */
	if (step->metric == PLAN_METRIC_ALB_REQUESTS)
		step->threshold = step->threshold * 60.0 / (double)period;
	if (step->threshold < 0 || step->threshold > 1e9) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", alarm,
				"threshold %g of %s is outside 0 to 1e9; the simulation never "
				"triggers %s through it",
				step->threshold, alarm->source, policy->source);
		return FALSE;
	}
	/* the simulator counts consecutive 1-minute datapoints: M periods of P seconds are
	 * ceil(M × P / 60) of them */
	minutes = (to_alarm * period + 59) / 60;
	step->datapoints = CLAMP(minutes, 1, 1440);
	if (period != 60 || to_alarm != evaluation)
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-value", alarm,
				"%s fires on %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
				" periods of %" G_GINT64_FORMAT " s; the simulation reads "
				"1-minute datapoints and fires after %" G_GINT64_FORMAT
				" in a row",
				alarm->source, to_alarm, evaluation, period, step->datapoints);
	return TRUE;
}

static gboolean
plan_tf_adjustment_type(const char *text, PlanAdjustmentType *type)
{
	static const struct {
		const char *text;
		PlanAdjustmentType type;
	} types[] = {
	    {"ChangeInCapacity", PLAN_ADJUST_CHANGE},
	    {"PercentChangeInCapacity", PLAN_ADJUST_PERCENT},
	    {"ExactCapacity", PLAN_ADJUST_EXACT},
	};

	for (guint i = 0; i < G_N_ELEMENTS(types); i++) {
		if (strcmp(text, types[i].text) == 0) {
			*type = types[i].type;
			return TRUE;
		}
	}
	return FALSE;
}

/* the policy half: adjustment type, cooldown, magnitude and steps, into @step. FALSE (with a
 * finding) when the plan does not give them */
static gboolean
plan_tf_read_step_policy(PlanTfImport *import, PlanTfResource *resource, PlanStepScaling *step)
{
	const char *type = NULL;
	guint n = tf_block_count(resource, import, STEP_CONFIG "step_adjustment");

	if (!tf_string(import, resource, STEP_CONFIG "adjustment_type", &type) || n == 0) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"the adjustment type or steps of %s are not in the plan; the "
				"policy is left out, so the simulation never scales on it",
				resource->source);
		return FALSE;
	}
	if (!plan_tf_adjustment_type(type, &step->adjustment_type)) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
				"adjustment_type '%s' of %s is not ChangeInCapacity, "
				"PercentChangeInCapacity or ExactCapacity; the policy is left out",
				type, resource->source);
		return FALSE;
	}
	tf_integer(import, resource, STEP_CONFIG "cooldown", 0, 86400, &step->cooldown);
	tf_integer(import, resource, STEP_CONFIG "min_adjustment_magnitude", 0,
			PLAN_MODEL_MAX_COUNT, &step->min_adjustment_magnitude);
	/* metric_aggregation_type (Average, Minimum, Maximum) needs no field: the simulator
	 * spreads demand evenly, so every task shows the same metric and the three agree */
	for (guint i = 0; i < n; i++) {
		g_autofree char *lower = g_strdup_printf(
		    STEP_CONFIG "step_adjustment.%u.metric_interval_lower_bound", i);
		g_autofree char *upper = g_strdup_printf(
		    STEP_CONFIG "step_adjustment.%u.metric_interval_upper_bound", i);
		g_autofree char *adjustment =
		    g_strdup_printf(STEP_CONFIG "step_adjustment.%u.scaling_adjustment", i);
		PlanStepAdjustment *item = plan_step_adjustment_new();

		if (!tf_integer(import, resource, adjustment, -PLAN_MODEL_MAX_COUNT,
				     PLAN_MODEL_MAX_COUNT, &item->adjustment)) {
			plan_step_adjustment_free(item);
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved",
					resource,
					"step %u of %s has no known scaling_adjustment; the policy "
					"is left out",
					i, resource->source);
			return FALSE;
		}
		if (plan_tf_figure(import, resource, lower, &item->lower))
			item->set |= PLAN_STEP_LOWER;
		if (plan_tf_figure(import, resource, upper, &item->upper))
			item->set |= PLAN_STEP_UPPER;
		g_ptr_array_add(step->steps, item);
	}
	return TRUE;
}

static void
plan_tf_map_step_scaling(PlanTfImport *import, PlanTfResource *resource, PlanService *service,
			 GPtrArray *alarms)
{
	PlanAutoscaling *autoscaling = &service->autoscaling;
	const char *name = NULL;

	if (alarms == NULL || alarms->len == 0) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"no aws_cloudwatch_metric_alarm in the plan lists %s in its "
				"alarm_actions; the policy is left out, so the simulation never "
				"triggers it",
				resource->source);
		return;
	}
	tf_string(import, resource, "name", &name);
	/* the model couples a policy with its alarm: one model policy per alarm that drives it */
	for (guint i = 0; i < alarms->len; i++) {
		PlanTfResource *alarm = g_ptr_array_index(alarms, i);
		PlanStepScaling *step = plan_step_scaling_new();
		guint index = autoscaling->step_scaling->len;

		if (!plan_tf_read_step_policy(import, resource, step)) {
			plan_step_scaling_free(step);
			return;
		}
		if (!plan_tf_read_alarm(import, alarm, resource, step)) {
			plan_step_scaling_free(step);
			continue;
		}
		step->name = g_strdup(name);
		tf_set_origin(&step->origin, resource,
				   g_strdup_printf("%s.autoscaling.step_scaling[%u]",
						   service->origin.path, index));
		for (guint k = 0; k < step->steps->len; k++) {
			PlanStepAdjustment *item = g_ptr_array_index(step->steps, k);
			tf_set_origin(&item->origin, NULL,
					   g_strdup_printf("%s.steps[%u]", step->origin.path, k));
			item->origin.loc = step->origin.loc;
		}
		g_ptr_array_add(autoscaling->step_scaling, step);
		autoscaling->set |= PLAN_AUTOSCALING_STEP_SCALING;
	}
}

static void
plan_tf_map_scaling_policy(PlanTfImport *import, PlanTfResource *resource, GHashTable *alarms)
{
	PlanTfService *record = plan_tf_scaling_owner(import, resource, "policy");
	/* the AWS provider's default policy type */
	const char *type = "StepScaling";

	if (record == NULL)
		return;
	tf_string(import, resource, "policy_type", &type);
	if (strcmp(type, "TargetTrackingScaling") == 0)
		plan_tf_map_target_tracking(import, resource, record->service);
	else if (strcmp(type, "StepScaling") == 0)
		plan_tf_map_step_scaling(import, resource, record->service,
					 g_hash_table_lookup(alarms, resource));
	else
		tf_finding(import, PLAN_SEVERITY_NOTE, "import-not-modelled", resource,
				"%s is a %s policy; the simulation does not model it and never "
				"scales %s on it",
				resource->source, type, record->service->name);
}

/* policy resource -> GPtrArray of the alarms that list it in alarm_actions, in document
 * order. An alarm that drives no policy of the plan is not modelled */
static GHashTable *
plan_tf_index_alarms(PlanTfImport *import)
{
	static const char *const alarm_types[] = {"aws_cloudwatch_metric_alarm", NULL};
	g_autoptr(GPtrArray) all = tf_of_types(import, alarm_types);
	GHashTable *alarms = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
						   (GDestroyNotify)g_ptr_array_unref);

	for (guint i = 0; i < all->len; i++) {
		PlanTfResource *alarm = g_ptr_array_index(all, i);
		PlanTfLinkStatus status;
		g_autoptr(GPtrArray) policies =
		    tf_link(import, alarm, "alarm_actions", policy_types,
				 PLAN_TF_LINK_MANY | PLAN_TF_LINK_QUIET, &status);

		alarm->recognised = policies->len > 0;
		for (guint k = 0; k < policies->len; k++) {
			gpointer policy = g_ptr_array_index(policies, k);
			GPtrArray *list = g_hash_table_lookup(alarms, policy);
			if (list == NULL) {
				list = g_ptr_array_new();
				g_hash_table_insert(alarms, policy, list);
			}
			g_ptr_array_add(list, alarm);
		}
	}
	return alarms;
}

/* ---- scheduled actions ------------------------------------------------------------------------ */

static void
plan_tf_map_scheduled_action(PlanTfImport *import, PlanTfResource *resource)
{
	PlanTfService *record = plan_tf_scaling_owner(import, resource, "scheduled action");
	PlanAutoscaling *autoscaling;
	PlanScheduledAction *action;
	const char *schedule = NULL;
	const char *timezone = NULL;
	const char *name = NULL;
	const char *start = NULL;
	const char *end = NULL;
	g_autoptr(GError) error = NULL;
	g_autoptr(GArray) checked = NULL;

	if (record == NULL)
		return;
	autoscaling = &record->service->autoscaling;
	if (!tf_string(import, resource, "schedule", &schedule)) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"the schedule of %s is not in the plan; the action is left out",
				resource->source);
		return;
	}
	tf_string(import, resource, "timezone", &timezone);
	/* the simulator's own parser decides (it reads no L, W or # in cron); zero steps only
	 * checks the expression and the time zone */
	checked = plan_schedule_steps_in(schedule, timezone, 0, 60, 0, 1, &error);
	if (checked == NULL) {
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
				"the schedule '%s' of %s cannot be simulated (%s); the action is "
				"left out, so the simulation never applies it",
				schedule, resource->source, error->message);
		return;
	}
	action = plan_scheduled_action_new();
	action->schedule = g_strdup(schedule);
	if (tf_string(import, resource, "name", &name))
		action->name = g_strdup(name);
	if (timezone != NULL && timezone[0] != '\0')
		action->timezone = g_strdup(timezone);
	if (plan_tf_whole_figure(import, resource, "scalable_target_action.0.min_capacity",
				 &action->min))
		action->set |= PLAN_SCHEDULED_MIN;
	if (plan_tf_whole_figure(import, resource, "scalable_target_action.0.max_capacity",
				 &action->max))
		action->set |= PLAN_SCHEDULED_MAX;
	if (action->set == 0)
		tf_finding(import, PLAN_SEVERITY_WARNING, "import-unresolved", resource,
				"%s sets neither min_capacity nor max_capacity in the plan; the "
				"action changes nothing in the simulation",
				resource->source);
	/* start_time and end_time bound the action (RFC 3339 in the provider) */
	if (tf_string(import, resource, "start_time", &start) && start[0] != '\0') {
		if (plan_schedule_parse_time(start) != G_MININT64)
			action->start_time = g_strdup(start);
		else
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
					"start_time '%s' of %s is not an ISO 8601 date and time; "
					"the simulation applies the action from the start",
					start, resource->source);
	}
	if (tf_string(import, resource, "end_time", &end) && end[0] != '\0') {
		if (plan_schedule_parse_time(end) != G_MININT64)
			action->end_time = g_strdup(end);
		else
			tf_finding(import, PLAN_SEVERITY_WARNING, "import-value", resource,
					"end_time '%s' of %s is not an ISO 8601 date and time; "
					"the simulation applies the action to the end",
					end, resource->source);
	}
	tf_set_origin(&action->origin, resource,
			   g_strdup_printf("%s.autoscaling.scheduled[%u]",
					   record->service->origin.path,
					   autoscaling->scheduled->len));
	g_ptr_array_add(autoscaling->scheduled, action);
	autoscaling->set |= PLAN_AUTOSCALING_SCHEDULED;
}

/* ---- the pass -------------------------------------------------------------------------------- */

void
tf_map_scaling(PlanTfImport *import)
{
	g_autoptr(GHashTable) alarms = plan_tf_index_alarms(import);
	g_autoptr(GPtrArray) policies = tf_of_types(import, policy_types);

	tf_each_type(import, "aws_appautoscaling_target", plan_tf_map_scaling_target);
	for (guint i = 0; i < policies->len; i++)
		plan_tf_map_scaling_policy(import, g_ptr_array_index(policies, i), alarms);
	tf_each_type(import, "aws_appautoscaling_scheduled_action",
			  plan_tf_map_scheduled_action);
}
