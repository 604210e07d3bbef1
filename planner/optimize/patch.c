/* ecsplan: the model change — each service's best candidate written into a copy of the model
 * (read back from the writer's text, so the copy owns everything), validated, and the
 * difference as an RFC 6902 JSON patch whose paths index the model file as written */
#include "optimize-private.h"

#include <math.h>

#include "compat.h"
#include "diagnostic.h"
#include "json-util.h"
#include "loader.h"
#include "network.h"
#include "plan-error.h"

static void
opt_apply_strategy(PlanService *service, const PlanOptCandidate *c)
{
	g_ptr_array_set_size(service->capacity_provider_strategy, 0);
	if (c->launch_type != PLAN_LAUNCH_FARGATE || c->spot_pct == 0)
		return;
	if (c->spot_pct < 100) {
		PlanStrategyItem *item = plan_strategy_item_new();
		item->capacity_provider = g_strdup("FARGATE");
		item->weight = 100 - (gint64)c->spot_pct;
		g_ptr_array_add(service->capacity_provider_strategy, item);
	}
	{
		PlanStrategyItem *item = plan_strategy_item_new();
		item->capacity_provider = g_strdup("FARGATE_SPOT");
		item->weight = c->spot_pct;
		g_ptr_array_add(service->capacity_provider_strategy, item);
	}
}

static void
opt_apply_cluster(PlanModel *edited, const PlanModel *model, const PlanOptOptions *options,
		  guint s, const PlanOptCandidate *c)
{
	PlanService *service = g_ptr_array_index(edited->services, s);
	const PlanService *original = g_ptr_array_index(model->services, s);
	const PlanSpotAdvice *advice = plan_price_book_ec2_spot(options->book, c->instance_type);
	PlanCluster *cluster;
	OptServiceNeeds needs;
	OptRates rates;

	opt_rates(model, options->book, c, &rates);
	opt_service_needs(model, original, &needs);
	if (opt_cluster_dedicated(model, original)) {
		cluster = g_ptr_array_index(edited->clusters, original->cluster_index);
	} else {
		cluster = plan_cluster_new();
		cluster->name = opt_cluster_name(edited, service->name);
		cluster->vpc = g_strdup(service->vpc);
		for (guint i = 0; i < service->subnets->len; i++)
			g_ptr_array_add(cluster->subnets,
					g_strdup(g_ptr_array_index(service->subnets, i)));
		cluster->min = 0;
		g_ptr_array_add(edited->clusters, cluster);
		g_free(service->cluster);
		service->cluster = g_strdup(cluster->name);
	}
	g_free(cluster->instance_type);
	cluster->instance_type = g_strdup(c->instance_type);
	cluster->trunking = c->trunking;
	cluster->max = MAX(cluster->max, opt_cluster_max(c, &rates, needs.n_azs));
	cluster->on_demand_base = 0;
	cluster->on_demand_percentage = 100 - (gint64)c->spot_pct;
	if (c->spot_pct > 0 && advice != NULL)
		cluster->spot_discount = advice->savings.value;
	g_ptr_array_set_size(cluster->instance_overrides, 0);
	if (original->launch_type == PLAN_LAUNCH_FARGATE) {
		service->network_mode = PLAN_NETWORK_AWSVPC;
		service->assign_public_ip = FALSE;
	}
}

/* the load the search assumed, written out when the new counts would derive another one */
static void
opt_apply_load(PlanModel *edited, const PlanModel *model, const PlanOptOptions *options, guint s)
{
	PlanService *service = g_ptr_array_index(edited->services, s);
	const PlanService *original = g_ptr_array_index(model->services, s);
	OptServiceNeeds before;
	OptServiceNeeds after;
	PlanLoad pinned;
	PlanLoadSpike spike = {0};
	gboolean add_spike;

	opt_service_needs(model, original, &before);
	opt_service_needs(edited, service, &after);
	if (fabs(before.base_rps - after.base_rps) <= 1e-9 * MAX(1.0, before.base_rps))
		return;
	add_spike = opt_pin_load(original, s, before.base_rps, options->profile, &pinned, &spike);
	service->load.present = TRUE;
	service->load.profile = pinned.profile;
	service->load.set = pinned.set;
	service->load.rps = pinned.rps;
	service->load.trough = pinned.trough;
	service->load.peak = pinned.peak;
	service->load.from = pinned.from;
	service->load.to = pinned.to;
	service->load.seed = pinned.seed;
	if (add_spike) {
		PlanLoadSpike *item = plan_load_spike_new();
		item->at_hour = spike.at_hour;
		item->height = spike.height;
		item->width_minutes = spike.width_minutes;
		item->every_hours = spike.every_hours;
		g_ptr_array_add(service->load.spikes, item);
		service->load.set |= PLAN_LOAD_SPIKES;
	}
}

static void
opt_apply_service(PlanModel *edited, const PlanModel *model, const PlanOptOptions *options,
		  const PlanOptServiceResult *answer)
{
	guint s = answer->service_index;
	PlanService *service = g_ptr_array_index(edited->services, s);
	const PlanService *original = g_ptr_array_index(model->services, s);
	const PlanOptCandidate *c = &answer->best.candidate;
	OptServiceNeeds needs;

	opt_service_needs(model, original, &needs);
	service->launch_type = c->launch_type;
	service->architecture = c->architecture;
	service->cpu = c->cpu_units;
	service->memory = c->memory_mib;
	if (c->cpu_units != needs.model_cpu)
		service->task_capacity_rps = opt_candidate_capacity(&needs, c->cpu_units);
	if (service->autoscaling.present) {
		service->autoscaling.min = c->min;
		service->autoscaling.max = c->max;
		service->desired_count = CLAMP(service->desired_count, c->min, c->max);
		if (c->has_target && service->autoscaling.target_tracking->len > 0) {
			PlanTargetTracking *policy =
			    g_ptr_array_index(service->autoscaling.target_tracking, 0);
			policy->target = c->target;
		}
	} else {
		service->desired_count = c->min;
	}
	opt_apply_strategy(service, c);
	if (c->launch_type == PLAN_LAUNCH_EC2)
		opt_apply_cluster(edited, model, options, s, c);
	else
		service->network_mode = PLAN_NETWORK_AWSVPC;
	opt_apply_load(edited, model, options, s);
}

/* ---- RFC 6902 ---- */

static void
opt_pointer_append(GString *path, const char *token)
{
	g_string_append_c(path, '/');
	for (const char *p = token; *p != '\0'; p++) {
		if (*p == '~')
			g_string_append(path, "~0");
		else if (*p == '/')
			g_string_append(path, "~1");
		else
			g_string_append_c(path, *p);
	}
}

static void
opt_patch_op(cJSON *ops, const char *op, const char *path, const cJSON *value)
{
	cJSON *item = cJSON_CreateObject();
	cJSON_AddStringToObject(item, "op", op);
	cJSON_AddStringToObject(item, "path", path);
	if (value != NULL)
		cJSON_AddItemToObject(item, "value", cJSON_Duplicate(value, TRUE));
	cJSON_AddItemToArray(ops, item);
}

static void opt_diff(cJSON *ops, GString *path, const cJSON *a, const cJSON *b);

static void
opt_diff_object(cJSON *ops, GString *path, const cJSON *a, const cJSON *b)
{
	gsize length = path->len;
	const cJSON *item;

	cJSON_ArrayForEach(item, a) {
		const cJSON *other = cJSON_GetObjectItemCaseSensitive(b, item->string);
		opt_pointer_append(path, item->string);
		if (other == NULL)
			opt_patch_op(ops, "remove", path->str, NULL);
		else
			opt_diff(ops, path, item, other);
		g_string_truncate(path, length);
	}
	cJSON_ArrayForEach(item, b) {
		if (cJSON_GetObjectItemCaseSensitive(a, item->string) != NULL)
			continue;
		opt_pointer_append(path, item->string);
		opt_patch_op(ops, "add", path->str, item);
		g_string_truncate(path, length);
	}
}

static void
opt_diff_array(cJSON *ops, GString *path, const cJSON *a, const cJSON *b)
{
	gsize length = path->len;
	int na = cJSON_GetArraySize(a);
	int nb = cJSON_GetArraySize(b);

	for (int i = 0; i < MAX(na, nb); i++) {
		g_string_append_printf(path, "/%d", i);
		if (i < na && i < nb)
			opt_diff(ops, path, cJSON_GetArrayItem(a, i), cJSON_GetArrayItem(b, i));
		else if (i < nb)
			opt_patch_op(ops, "add", path->str, cJSON_GetArrayItem(b, i));
		g_string_truncate(path, length);
	}
	/* from the end, so each index is still there when its turn comes */
	for (int i = na - 1; i >= nb; i--) {
		g_string_append_printf(path, "/%d", i);
		opt_patch_op(ops, "remove", path->str, NULL);
		g_string_truncate(path, length);
	}
}

static void
opt_diff(cJSON *ops, GString *path, const cJSON *a, const cJSON *b)
{
	if (cJSON_IsObject(a) && cJSON_IsObject(b))
		opt_diff_object(ops, path, a, b);
	else if (cJSON_IsArray(a) && cJSON_IsArray(b))
		opt_diff_array(ops, path, a, b);
	else if (!cJSON_Compare(a, b, TRUE))
		opt_patch_op(ops, "replace", path->len > 0 ? path->str : "", b);
}

static char *
opt_patch_text(const char *before, const char *after, GError **error)
{
	g_autoptr(cJSON) a = cJSON_Parse(before);
	g_autoptr(cJSON) b = cJSON_Parse(after);
	g_autoptr(cJSON) ops = cJSON_CreateArray();
	g_autoptr(GString) path = g_string_new(NULL);
	g_autoptr(GString) out = g_string_new(NULL);

	if (a == NULL || b == NULL) {
		g_set_error_literal(error, PLAN_ERROR, PLAN_ERROR_FAILED,
				    "the written model does not read back as JSON");
		return NULL;
	}
	opt_diff(ops, path, a, b);
	if (!plan_json_print_append(out, ops, TRUE, error))
		return NULL;
	g_string_append_c(out, '\n');
	return g_string_free(g_steal_pointer(&out), FALSE);
}

static void
opt_count_findings(const PlanModel *model, const PlanPriceBook *book, guint *errors,
		   guint *warnings)
{
	g_autoptr(PlanCompute) compute = plan_compute(model, book);
	g_autoptr(PlanValidation) validation = plan_validate(model, book, compute);
	GPtrArray *lists[] = {model->load_diagnostics, model->link_diagnostics,
			      validation->diagnostics};

	*errors = 0;
	*warnings = 0;
	for (guint l = 0; l < G_N_ELEMENTS(lists); l++) {
		for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++) {
			const PlanDiagnostic *d = g_ptr_array_index(lists[l], i);
			if (d->severity == PLAN_SEVERITY_ERROR)
				(*errors)++;
			else if (d->severity == PLAN_SEVERITY_WARNING)
				(*warnings)++;
		}
	}
}

gboolean
opt_apply(const PlanModel *model, const PlanOptOptions *options, PlanOptResult *result,
	  GError **error)
{
	g_autofree char *before = plan_model_to_json(model, error);
	g_autoptr(PlanModel) edited = NULL;
	g_autoptr(PlanModel) check = NULL;
	g_autofree char *after = NULL;

	if (before == NULL)
		return FALSE;
	edited = plan_model_load_data_with_flags(before, strlen(before), model->file,
						 PLAN_MODEL_LOAD_NO_CHECKSUM, error);
	if (edited == NULL)
		return FALSE;
	for (guint i = 0; i < result->services->len; i++) {
		const PlanOptServiceResult *answer = g_ptr_array_index(result->services, i);
		if (answer->found)
			opt_apply_service(edited, model, options, answer);
	}
	after = plan_model_to_json(edited, error);
	if (after == NULL)
		return FALSE;
	check = plan_model_load_data_with_flags(after, strlen(after), model->file,
						PLAN_MODEL_LOAD_NO_CHECKSUM, error);
	if (check == NULL) {
		g_prefix_error(error, "the edited model does not read back: ");
		return FALSE;
	}
	opt_count_findings(model, options->book, &result->model_errors, &result->model_warnings);
	opt_count_findings(check, options->book, &result->edited_errors, &result->edited_warnings);
	result->patch = opt_patch_text(before, after, error);
	if (result->patch == NULL)
		return FALSE;
	result->model_text = g_steal_pointer(&after);
	return TRUE;
}
