/* ecsplan: the JSON document of `ecsplan compare` (docs/compare.md): every option with its
 * launch type, architecture, purchase, instance type and cost components, the break-even and its
 * rows per purchase option, the curve; render-compare.c writes text and Markdown */
#include "render-compare-private.h"
#include "render-compare.h"

#include <cjson/cJSON.h>
#include <string.h>

#include "compat.h"
#include "json-util.h"
#include "plan-error.h"
#include "text.h"

static void
report_json_add_string_or_null(cJSON *object, const char *key, const char *value)
{
	if (value != NULL)
		cJSON_AddStringToObject(object, key, value);
	else
		cJSON_AddNullToObject(object, key);
}

static void
report_json_add_ratio(cJSON *object, const char *key, double value)
{
	GString *text = g_string_new(NULL);
	report_format_decimal(value, 4, text);
	cJSON_AddItemToObject(object, key, cJSON_CreateRaw(text->str));
	g_string_free(text, TRUE);
}

/* how an option's tasks run: network_mode (Fargate: awsvpc), and for EC2 the trunking asked
 * and in effect (the type supports it), the tasks one instance holds and what limits them
 * (null for the shared fleet, whose instances hold several services' tasks) */
static void
report_compare_json_network(cJSON *item, const PlanCompareOption *option)
{
	cJSON *trunking;

	cJSON_AddStringToObject(item, "network_mode",
				plan_network_mode_to_string(option->network_mode));
	if (option->kind != PLAN_COMPARE_EC2) {
		cJSON_AddNullToObject(item, "trunking");
		cJSON_AddNullToObject(item, "tasks_per_instance");
		cJSON_AddNullToObject(item, "limit");
		return;
	}
	trunking = cJSON_CreateObject();
	cJSON_AddBoolToObject(trunking, "asked", option->trunking_asked);
	cJSON_AddBoolToObject(trunking, "in_effect", option->trunking);
	cJSON_AddItemToObject(item, "trunking", trunking);
	if (option->tasks_per_instance > 0 && option->tasks_per_instance < G_MAXINT64) {
		report_json_add_int(item, "tasks_per_instance", option->tasks_per_instance);
		cJSON_AddStringToObject(item, "limit", plan_limit_to_string(option->limit));
	} else {
		cJSON_AddNullToObject(item, "tasks_per_instance");
		cJSON_AddNullToObject(item, "limit");
	}
}

static cJSON *
report_compare_json_costs(const PlanCompareCosts *costs)
{
	cJSON *object = cJSON_CreateObject();
	report_json_add_money(object, "fargate", costs->fargate);
	report_json_add_money(object, "instances", costs->instances);
	report_json_add_money(object, "ebs", costs->ebs);
	report_json_add_money(object, "cpu_credits", costs->credits);
	return object;
}

/* what every option object starts with, in this order: the label, how it runs (launch type,
 * architecture, purchase, instance type) and what it runs (instances on EC2, tasks on Fargate;
 * @spot_tasks < 0 writes null) */
static cJSON *
report_compare_json_option_head(const char *label, const PlanInstanceType *instance_type,
				PlanArchitecture architecture, const char *purchase,
				gint64 instances, gint64 on_demand_tasks, gint64 spot_tasks)
{
	cJSON *item = cJSON_CreateObject();
	gboolean ec2 = instance_type != NULL;

	cJSON_AddStringToObject(item, "label", label);
	cJSON_AddStringToObject(item, "launch_type", ec2 ? "EC2" : "FARGATE");
	cJSON_AddStringToObject(item, "architecture", report_compare_arch(architecture));
	cJSON_AddStringToObject(item, "purchase", purchase);
	report_json_add_string_or_null(item, "instance_type", ec2 ? instance_type->name : NULL);
	if (ec2) {
		report_json_add_int(item, "instances", instances);
		cJSON_AddNullToObject(item, "on_demand_tasks");
	} else {
		cJSON_AddNullToObject(item, "instances");
		report_json_add_int(item, "on_demand_tasks", on_demand_tasks);
	}
	if (spot_tasks < 0)
		cJSON_AddNullToObject(item, "spot_tasks");
	else
		report_json_add_int(item, "spot_tasks", spot_tasks);
	return item;
}

/* "monthly_cost" and "costs", both null when the option is not priced (never a $0) */
static void
report_compare_json_money(cJSON *item, gboolean priced, PlanNanos monthly_cost,
			  const PlanCompareCosts *costs)
{
	if (priced) {
		report_json_add_money(item, "monthly_cost", monthly_cost);
		cJSON_AddItemToObject(item, "costs", report_compare_json_costs(costs));
	} else {
		cJSON_AddNullToObject(item, "monthly_cost");
		cJSON_AddNullToObject(item, "costs");
	}
}

static cJSON *
report_compare_json_options(const PlanCompareEntry *entry)
{
	cJSON *array = cJSON_CreateArray();

	for (guint i = 0; i < entry->options->len; i++) {
		const PlanCompareOption *option =
		    &g_array_index(entry->options, PlanCompareOption, i);
		gboolean ec2 = option->kind == PLAN_COMPARE_EC2;
		cJSON *item = report_compare_json_option_head(
		    option->label, ec2 ? option->instance_type : NULL, option->architecture,
		    option->purchase == PLAN_COMPARE_SPOT ? "spot" : "on-demand", option->instances,
		    option->on_demand_tasks, ec2 ? -1 : option->spot_tasks);
		report_compare_json_money(item, option->priced, option->monthly_cost, &option->costs);
		if (ec2 && option->purchase == PLAN_COMPARE_SPOT)
			report_json_add_string_or_null(item, "interruption", option->interruption);
		cJSON_AddBoolToObject(item, "estimate", option->estimate);
		cJSON_AddBoolToObject(item, "current", option->current);
		/* only where the cluster reserves something, so other documents keep their shape */
		if (ec2 && (option->n_daemons > 0 || option->reserved_memory_mib > 0)) {
			cJSON *daemons = cJSON_CreateObject();
			report_json_add_int(daemons, "count", option->n_daemons);
			report_json_add_int(daemons, "cpu_units", option->daemon_cpu_units);
			report_json_add_int(daemons, "memory_mib", option->daemon_memory_mib);
			report_json_add_ratio(daemons, "cpu_share", option->daemon_cpu_share);
			report_json_add_ratio(daemons, "memory_share", option->daemon_memory_share);
			report_json_add_int(daemons, "reserved_memory_mib",
					    option->reserved_memory_mib);
			cJSON_AddItemToObject(item, "per_instance_reserve", daemons);
		}
		if (option->burst != PLAN_COMPARE_NOT_BURSTABLE) {
			cJSON *burst = cJSON_CreateObject();
			cJSON_AddStringToObject(burst, "mode",
						option->burst == PLAN_COMPARE_UNLIMITED
						    ? "unlimited"
						    : "standard");
			report_json_add_ratio(burst, "baseline", option->baseline);
			if (entry->utilization_known)
				report_json_add_ratio(burst, "surplus_vcpu_hours",
						      option->surplus_vcpu_hours);
			else
				cJSON_AddNullToObject(burst, "surplus_vcpu_hours");
			cJSON_AddItemToObject(item, "burstable", burst);
		} else {
			cJSON_AddNullToObject(item, "burstable");
		}
		report_compare_json_network(item, option);
		cJSON_AddItemToArray(array, item);
	}
	for (guint i = 0; i < entry->commitments->len; i++) {
		const PlanCompareCommitOption *option =
		    &g_array_index(entry->commitments, PlanCompareCommitOption, i);
		gboolean ec2 = option->kind == PLAN_COMPARE_EC2;
		cJSON *item = report_compare_json_option_head(
		    option->label, ec2 ? option->instance_type : NULL, option->architecture,
		    option->purchase, option->instances, option->tasks, 0);
		report_compare_json_money(item, option->priced, option->monthly_cost, &option->costs);
		if (option->priced) {
			cJSON *commitment = cJSON_CreateObject();
			cJSON_AddStringToObject(commitment, "unit",
						ec2 ? "instance-hour" : "task-hour");
			report_json_add_money(commitment, "hourly", option->hourly);
			report_json_add_money(commitment, "upfront", option->upfront_cost);
			report_json_add_int(commitment, "term_hours",
					    PLAN_HOURS_PER_YEAR * plan_term_years(option->term));
			report_json_add_money(commitment, "effective_hourly", option->effective);
			report_json_add_string_or_null(commitment, "source", option->source);
			cJSON_AddItemToObject(item, "commitment", commitment);
		} else {
			cJSON_AddNullToObject(item, "commitment");
		}
		report_json_add_money(item, "on_demand_cost", option->on_demand_cost);
		cJSON_AddBoolToObject(item, "estimate", option->estimate);
		cJSON_AddBoolToObject(item, "current", option->current);
		cJSON_AddNullToObject(item, "burstable");
		cJSON_AddItemToArray(array, item);
	}
	return array;
}

static void
report_compare_json_labels(cJSON *object, const PlanCompareEntry *entry)
{
	const PlanCompareOption *cheapest = plan_compare_cheapest(entry);
	const PlanCompareOption *current = plan_compare_current(entry);
	report_json_add_string_or_null(object, "cheapest",
				       cheapest != NULL ? cheapest->label : NULL);
	report_json_add_string_or_null(object, "current", current != NULL ? current->label : NULL);
}

static cJSON *
report_compare_json_break_even(const PlanCompareBreakEven *even)
{
	cJSON *object;

	if (even->type == NULL)
		return cJSON_CreateNull();
	object = cJSON_CreateObject();
	cJSON_AddStringToObject(object, "instance_type", even->type->name);
	report_json_add_int(object, "range", even->range);
	if (even->first_cheaper > 0)
		report_json_add_int(object, "first_cheaper_tasks", even->first_cheaper);
	else
		cJSON_AddNullToObject(object, "first_cheaper_tasks");
	if (!even->found) {
		cJSON_AddNullToObject(object, "instances");
		cJSON_AddNullToObject(object, "fargate_cost");
		cJSON_AddNullToObject(object, "ec2_cost");
		cJSON_AddNullToObject(object, "ec2_instances_cost");
		cJSON_AddNullToObject(object, "ec2_ebs_cost");
		cJSON_AddNullToObject(object, "ec2_cpu_credits_cost");
		cJSON_AddNullToObject(object, "cpu_utilisation");
		cJSON_AddNullToObject(object, "memory_utilisation");
		return object;
	}
	report_json_add_int(object, "instances", even->instances);
	report_json_add_money(object, "fargate_cost", even->fargate);
	report_json_add_money(object, "ec2_cost", even->ec2);
	report_json_add_money(object, "ec2_instances_cost", even->ec2_costs.instances);
	report_json_add_money(object, "ec2_ebs_cost", even->ec2_costs.ebs);
	report_json_add_money(object, "ec2_cpu_credits_cost", even->ec2_costs.credits);
	report_json_add_ratio(object, "cpu_utilisation", even->cpu_utilisation);
	report_json_add_ratio(object, "memory_utilisation", even->memory_utilisation);
	return object;
}

static const char *
report_compare_json_flip_kind(PlanCompareFlip flip)
{
	switch (flip) {
	case PLAN_COMPARE_FLIP_AT:
		return "at";
	case PLAN_COMPARE_FLIP_ANY:
		return "any";
	case PLAN_COMPARE_FLIP_NEVER:
		return "never";
	case PLAN_COMPARE_FLIP_BASELINE:
		return "throttled-above";
	case PLAN_COMPARE_FLIP_NONE:
	default:
		return NULL;
	}
}

/* {"kind": "at", "value": 0.4896}; "any" and "never" without a value; null when the answer
 * does not rest on the figure */
static cJSON *
report_compare_json_flip(PlanCompareFlip flip, double value)
{
	const char *kind = report_compare_json_flip_kind(flip);
	cJSON *object;

	if (kind == NULL)
		return cJSON_CreateNull();
	object = cJSON_CreateObject();
	cJSON_AddStringToObject(object, "kind", kind);
	if (flip == PLAN_COMPARE_FLIP_AT || flip == PLAN_COMPARE_FLIP_BASELINE)
		report_json_add_ratio(object, "value", value);
	else
		cJSON_AddNullToObject(object, "value");
	return object;
}

/* what a row's answer rests on (docs/compare.md, "What a row assumes") */
static cJSON *
report_compare_json_assumes(const PlanCompareEntry *entry, const PlanCompareBreakEvenRow *row)
{
	cJSON *object = cJSON_CreateObject();
	g_autofree char *text = report_compare_row_assumes(entry, row);
	gboolean spot = g_strcmp0(row->purchase, "spot") == 0;

	cJSON_AddBoolToObject(object, "cpu_utilization_given", row->utilization_known);
	if (row->utilization_known)
		report_json_add_ratio(object, "cpu_utilization", row->cpu_utilization);
	else
		cJSON_AddNullToObject(object, "cpu_utilization");
	cJSON_AddBoolToObject(object, "burstable", row->burstable);
	cJSON_AddItemToObject(object, "cpu_utilization_flip",
			      report_compare_json_flip(row->utilization_flip,
						       row->utilization_flip_at));
	if (spot) {
		report_json_add_ratio(object, "spot_savings", row->spot_savings);
		report_json_add_string_or_null(object, "spot_savings_source", row->spot_source);
		report_json_add_string_or_null(object, "interruption", row->interruption);
		report_json_add_ratio(object, "fargate_spot_discount", row->fargate_spot_discount);
	} else {
		cJSON_AddNullToObject(object, "spot_savings");
		cJSON_AddNullToObject(object, "spot_savings_source");
		cJSON_AddNullToObject(object, "interruption");
		cJSON_AddNullToObject(object, "fargate_spot_discount");
	}
	cJSON_AddItemToObject(object, "spot_savings_flip",
			      report_compare_json_flip(row->spot_flip, row->spot_flip_at));
	cJSON_AddStringToObject(object, "text", text);
	return object;
}

/* one object per purchase option: its break-even and every cost component at it (or at the
 * range's end when there is none) */
static cJSON *
report_compare_json_rows(const PlanCompareEntry *entry)
{
	cJSON *array = cJSON_CreateArray();

	for (guint i = 0; i < entry->break_evens->len; i++) {
		const PlanCompareBreakEvenRow *row =
		    &g_array_index(entry->break_evens, PlanCompareBreakEvenRow, i);
		cJSON *object = cJSON_CreateObject();
		cJSON *at;
		cJSON_AddStringToObject(object, "purchase", row->purchase);
		cJSON_AddStringToObject(object, "fargate_purchase", row->fargate_purchase);
		cJSON_AddStringToObject(object, "instance_type", entry->break_even.type->name);
		report_json_add_int(object, "range", entry->break_even.range);
		cJSON_AddBoolToObject(object, "priced", row->priced);
		report_json_add_string_or_null(object, "missing", row->missing);
		if (row->found)
			report_json_add_int(object, "break_even_tasks", row->tasks);
		else
			cJSON_AddNullToObject(object, "break_even_tasks");
		if (row->first_cheaper > 0)
			report_json_add_int(object, "first_cheaper_tasks", row->first_cheaper);
		else
			cJSON_AddNullToObject(object, "first_cheaper_tasks");
		cJSON_AddBoolToObject(object, "estimate", row->estimate);
		cJSON_AddBoolToObject(object, "fargate_estimate", row->fargate_estimate);
		if (row->points_evaluated > 0)
			report_json_add_int(object, "points_evaluated", row->points_evaluated);
		else
			cJSON_AddNullToObject(object, "points_evaluated");
		if (!row->priced) {
			cJSON_AddNullToObject(object, "at");
			cJSON_AddNullToObject(object, "assumes");
			cJSON_AddItemToArray(array, object);
			continue;
		}
		at = cJSON_CreateObject();
		report_json_add_int(at, "tasks", row->at_tasks);
		report_json_add_int(at, "instances", row->at_instances);
		report_json_add_money(at, "fargate_cost", row->fargate_costs.fargate);
		report_json_add_money(at, "ec2_cost", plan_compare_costs_total(&row->ec2_costs));
		cJSON_AddItemToObject(at, "fargate_costs",
				      report_compare_json_costs(&row->fargate_costs));
		cJSON_AddItemToObject(at, "ec2_costs", report_compare_json_costs(&row->ec2_costs));
		report_json_add_ratio(at, "cpu_reserved", row->cpu_reserved);
		report_json_add_ratio(at, "memory_reserved", row->memory_reserved);
		cJSON_AddItemToObject(object, "at", at);
		cJSON_AddItemToObject(object, "assumes", report_compare_json_assumes(entry, row));
		cJSON_AddItemToArray(array, object);
	}
	return array;
}

static cJSON *
report_compare_json_service(const PlanCompareEntry *entry)
{
	cJSON *object = cJSON_CreateObject();
	cJSON *task = cJSON_CreateObject();

	cJSON_AddStringToObject(object, "name", entry->name);
	report_json_add_int(object, "tasks", entry->tasks);
	report_json_add_int(object, "peak_tasks", entry->peak_tasks);
	report_json_add_int(object, "ebs_gb", entry->ebs_gb);
	if (entry->utilization_known)
		report_json_add_ratio(object, "cpu_utilization", entry->cpu_utilization);
	else
		cJSON_AddNullToObject(object, "cpu_utilization");
	report_json_add_int(task, "cpu", entry->cpu_units);
	report_json_add_int(task, "memory", entry->memory_mib);
	report_json_add_int(task, "fargate_cpu", entry->fargate_cpu_units);
	report_json_add_int(task, "fargate_memory", entry->fargate_memory_mib);
	cJSON_AddStringToObject(task, "architecture", report_compare_arch(entry->architecture));
	cJSON_AddStringToObject(task, "network_mode",
				plan_network_mode_to_string(entry->network_mode));
	cJSON_AddBoolToObject(task, "trunking", entry->trunking);
	if (entry->n_daemons > 0) {
		cJSON *sidecar = cJSON_CreateObject();
		report_json_add_int(sidecar, "daemons", entry->n_daemons);
		report_json_add_int(sidecar, "cpu", entry->sidecar_cpu_units);
		report_json_add_int(sidecar, "memory", entry->sidecar_memory_mib);
		cJSON_AddItemToObject(task, "fargate_sidecar", sidecar);
	}
	cJSON_AddItemToObject(object, "task", task);
	report_json_add_int(object, "azs", entry->n_azs);
	cJSON_AddItemToObject(object, "options", report_compare_json_options(entry));
	report_compare_json_labels(object, entry);
	if (entry->break_even.found)
		report_json_add_int(object, "break_even_tasks", entry->break_even.tasks);
	else
		cJSON_AddNullToObject(object, "break_even_tasks");
	cJSON_AddItemToObject(object, "break_even",
			      report_compare_json_break_even(&entry->break_even));
	cJSON_AddItemToObject(object, "break_even_by_purchase", report_compare_json_rows(entry));
	report_json_add_int(object, "instance_types_fitting", entry->n_fitting_types);
	report_json_add_int(object, "instance_types_unpriced", entry->n_unpriced_types);
	report_json_add_int(object, "instance_types_burstable_left_out",
			    entry->n_burstable_skipped);
	report_json_add_int(object, "instance_types_throttled_left_out",
			    entry->n_throttled_skipped);
	if (entry->burst_type != NULL) {
		cJSON *burst = cJSON_CreateObject();
		cJSON_AddStringToObject(burst, "instance_type", entry->burst_type->name);
		report_json_add_ratio(burst, "cpu_utilization_below", entry->burst_utilization);
		cJSON_AddItemToObject(object, "burstable_cheaper", burst);
	} else {
		cJSON_AddNullToObject(object, "burstable_cheaper");
	}
	return object;
}

/* the what-ifs the EC2 options were priced under: "model" and null are the model's own */
static cJSON *
report_compare_json_what_if(const PlanCompare *compare)
{
	static const char *const trunkings[] = {"model", "off", "on", "both"};
	cJSON *what_if = cJSON_CreateObject();

	cJSON_AddStringToObject(what_if, "trunking", trunkings[compare->trunking]);
	report_json_add_string_or_null(
	    what_if, "network_mode",
	    compare->network_mode_given ? plan_network_mode_to_string(compare->network_mode)
					: NULL);
	return what_if;
}

/* the total's break-even, with each service's share of the total at it ("services") */
static cJSON *
report_compare_json_total_break_even(const PlanCompare *compare)
{
	const PlanCompareEntry *total = compare->total;
	cJSON *object = report_compare_json_break_even(&total->break_even);
	cJSON *shares;
	guint n = compare->services->len;
	g_autofree gint64 *desired = NULL;
	g_autofree gint64 *counts = NULL;

	if (cJSON_IsNull(object))
		return object;
	cJSON_AddStringToObject(object, "scaling", "proportional");
	if (!total->break_even.found) {
		cJSON_AddNullToObject(object, "services");
		return object;
	}
	desired = g_new0(gint64, MAX(n, 1u));
	counts = g_new0(gint64, MAX(n, 1u));
	for (guint s = 0; s < n; s++)
		desired[s] = ((const PlanCompareEntry *)g_ptr_array_index(compare->services, s))->tasks;
	plan_compare_apportion(desired, n, total->break_even.tasks, counts);
	shares = cJSON_AddArrayToObject(object, "services");
	for (guint s = 0; s < n; s++) {
		const PlanCompareEntry *entry = g_ptr_array_index(compare->services, s);
		cJSON *share;
		if (desired[s] == 0)
			continue;
		share = cJSON_CreateObject();
		cJSON_AddStringToObject(share, "name", entry->name);
		report_json_add_int(share, "tasks", counts[s]);
		cJSON_AddItemToArray(shares, share);
	}
	return object;
}

gboolean
report_compare_json(const PlanCompare *compare, GString *out, GError **error)
{
	g_autoptr(cJSON) root = cJSON_CreateObject();
	cJSON *book = cJSON_CreateObject();
	cJSON *services = cJSON_CreateArray();
	cJSON *total = cJSON_CreateObject();
	GString *hours = g_string_new(NULL);

	cJSON_AddStringToObject(root, "currency", "USD");
	report_format_decimal(compare->hours, 9, hours);
	cJSON_AddItemToObject(root, "hours", cJSON_CreateRaw(hours->str));
	g_string_free(hours, TRUE);
	cJSON_AddStringToObject(root, "region", compare->region);
	cJSON_AddItemToObject(root, "what_if", report_compare_json_what_if(compare));
	cJSON_AddStringToObject(book, "as_of", compare->book_as_of);
	if (compare->figures_oldest != NULL) {
		cJSON_AddStringToObject(book, "figures_oldest", compare->figures_oldest);
		cJSON_AddStringToObject(book, "figures_newest", compare->figures_newest);
	} else {
		cJSON_AddNullToObject(book, "figures_oldest");
		cJSON_AddNullToObject(book, "figures_newest");
	}
	cJSON_AddNumberToObject(book, "figures_undated", compare->n_undated);
	cJSON_AddStringToObject(book, "origin", compare->book_origin);
	cJSON_AddItemToObject(root, "price_book", book);
	for (guint s = 0; s < compare->services->len; s++)
		cJSON_AddItemToArray(
		    services, report_compare_json_service(g_ptr_array_index(compare->services, s)));
	cJSON_AddItemToObject(root, "services", services);
	report_json_add_int(total, "tasks", compare->total->tasks);
	cJSON_AddItemToObject(total, "options", report_compare_json_options(compare->total));
	report_compare_json_labels(total, compare->total);
	if (compare->total->break_even.found)
		report_json_add_int(total, "break_even_tasks", compare->total->break_even.tasks);
	else
		cJSON_AddNullToObject(total, "break_even_tasks");
	cJSON_AddItemToObject(total, "break_even", report_compare_json_total_break_even(compare));
	cJSON_AddItemToObject(total, "break_even_by_purchase",
			      report_compare_json_rows(compare->total));
	report_json_add_int(total, "instance_types_fitting", compare->total->n_fitting_types);
	report_json_add_int(total, "instance_types_unpriced", compare->total->n_unpriced_types);
	cJSON_AddItemToObject(root, "total", total);
	if (!plan_json_print_append(out, root, TRUE, error))
		return FALSE;
	g_string_append_c(out, '\n');
	return TRUE;
}

